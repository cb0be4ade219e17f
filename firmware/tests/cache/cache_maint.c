/*
 * Cortex-M7 caches from the inside, the CMSIS way: the ID registers, the
 * enable sequence (invalidate by set/way, then CCR.DC/IC), and what each
 * maintenance operation does to data:
 *   - a dirty line invalidated without cleaning loses its data;
 *   - a clean (by address or by set/way) makes the data reach memory;
 *   - without a clean, memory keeps the old value (seen with CCR.DC off);
 *   - semihosting prints a buffer that so far exists only in the D-cache.
 * Exits 0 after "cache maintenance tests passed".
 */
#include <string.h>

#include "cache.h"

static volatile uint32_t buf[16] __attribute__((aligned(32)));
static char msg[64] __attribute__((aligned(32)));

int main(void)
{
	/* The default SoC: 16 KiB + 16 KiB, 4-way D, 2-way I, 32-byte lines. */
	CHECK(SCB_CLIDR == 0x09000003u);
	CHECK(SCB_CTR == 0x8303c003u);
	SCB_CSSELR = 0;
	CHECK(SCB_CCSIDR == 0xf00fe019u);
	CHECK((SCB_CCR & (SCB_CCR_DC | SCB_CCR_IC)) == 0);

	SCB_EnableICache();
	SCB_EnableDCache();
	CHECK((SCB_CCR & (SCB_CCR_DC | SCB_CCR_IC)) == (SCB_CCR_DC | SCB_CCR_IC));

	/* Read-allocate: a store that misses goes to memory. */
	buf[0] = 0x1111;
	CHECK(read_memory(&buf[0]) == 0x1111);

	/* A dirty line invalidated without cleaning loses its data. */
	(void)buf[0];              /* allocate */
	buf[0] = 0x2222;           /* hit: the line only */
	CHECK(buf[0] == 0x2222);
	CHECK(read_memory(&buf[0]) == 0x1111);
	SCB_InvalidateDCache_by_Addr(&buf[0], 4);
	CHECK(buf[0] == 0x1111);

	/* Clean by address: memory gets the data, the line stays. */
	(void)buf[1];
	buf[1] = 0x3333;
	CHECK(read_memory(&buf[1]) == 0);
	SCB_CleanDCache_by_Addr(&buf[1], 4);
	CHECK(read_memory(&buf[1]) == 0x3333);
	CHECK(buf[1] == 0x3333);

	/* Clean and invalidate by address. */
	(void)buf[2];
	buf[2] = 0x4444;
	CHECK(read_memory(&buf[2]) == 0);
	SCB_CleanInvalidateDCache_by_Addr(&buf[2], 4);
	CHECK(read_memory(&buf[2]) == 0x4444);
	CHECK(buf[2] == 0x4444);

	/* By set/way over the whole cache, as SCB_CleanDCache and
	 * SCB_CleanInvalidateDCache walk it from CCSIDR. */
	(void)buf[8];
	buf[8] = 0x5555;
	CHECK(read_memory(&buf[8]) == 0);
	SCB_CleanDCache();
	CHECK(read_memory(&buf[8]) == 0x5555);
	buf[8] = 0x6666;
	CHECK(read_memory(&buf[8]) == 0x5555);
	SCB_CleanInvalidateDCache();
	CHECK(read_memory(&buf[8]) == 0x6666);
	CHECK(buf[8] == 0x6666);

	/* The debugger's view: semihosting prints what only the cache holds. */
	for (unsigned i = 0; i < sizeof msg; i += LINE)
		(void)*(volatile char *)&msg[i];
	strcpy(msg, "dcache message: written with the D-cache on\n");
	CHECK(read_memory((volatile uint32_t *)msg) == 0);
	fputs(msg, stdout);
	fflush(stdout);

	printf("cache maintenance tests passed\n");
	return 0;
}
