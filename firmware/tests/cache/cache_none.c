/*
 * A core without caches (the Cortex-M3 of configs/m3.dts, whose device
 * tree names none): the identification registers say so and the cache
 * enables cannot be set, as on a Cortex-M3 (docs/cpu.md).
 *
 *  - CLIDR and CTR read zero, and so does CCSIDR for either cache;
 *  - CCR.IC and CCR.DC (bits 17 and 16) stay zero after writing 1, while
 *    an implemented CCR bit (DIV_0_TRP) takes the same write;
 *  - the cache maintenance operations are accepted and do nothing.
 *
 * Exits 0 on success.
 */
#include "cache.h"

#define SCB_CCR_DIV_0_TRP (1u << 4)

static uint32_t data[8] __attribute__((aligned(32)));

int main(void)
{
	CHECK(SCB_CLIDR == 0);
	CHECK(SCB_CTR == 0);
	SCB_CSSELR = 0; /* the L1 data cache */
	dsb();
	CHECK(SCB_CCSIDR == 0);
	SCB_CSSELR = 1; /* the L1 instruction cache */
	dsb();
	CHECK(SCB_CCSIDR == 0);

	uint32_t ccr = SCB_CCR;
	CHECK((ccr & (SCB_CCR_IC | SCB_CCR_DC)) == 0);
	SCB_CCR = ccr | SCB_CCR_IC | SCB_CCR_DC | SCB_CCR_DIV_0_TRP;
	dsb();
	isb();
	ccr = SCB_CCR;
	CHECK((ccr & (SCB_CCR_IC | SCB_CCR_DC)) == 0);
	CHECK(ccr & SCB_CCR_DIV_0_TRP);
	SCB_CCR = ccr & ~SCB_CCR_DIV_0_TRP;

	/* Maintenance by address and the I-cache invalidate: no effect, no
	 * fault; memory is what the core wrote. */
	for (unsigned i = 0; i < 8; i++)
		data[i] = 0x1000u + i;
	SCB_DCCIMVAC = (uint32_t)(uintptr_t)data;
	SCB_DCIMVAC = (uint32_t)(uintptr_t)data;
	SCB_ICIALLU = 0;
	dsb();
	isb();
	for (unsigned i = 0; i < 8; i++)
		CHECK(data[i] == 0x1000u + i);

	printf("no caches: CLIDR, CTR, CCSIDR 0; CCR.IC/DC stay 0\n");
	return 0;
}
