/*
 * The error interrupt (docs/devices/pl080.md, "Interrupts"): a beat to an
 * unmapped address (docs/memory-map.md: nothing at 0x50000000) sets the
 * channel's raw error bit, disables the channel and, with IE, raises
 * DMACINTR (IRQ 7); no terminal count is raised. Three cases on three
 * channels, all with IE and ITC and the item's I bit:
 *  - ch 1: the source is unmapped: nothing is written to the destination;
 *  - ch 2: the destination is unmapped;
 *  - ch 4: the first item (8 words) runs and its data stays moved, then
 *    its LLI points at unmapped memory: the fetch fails (I is clear on the
 *    first item, so no TC either).
 * Then the core's private peripheral bus (0xE0000000-0xE00FFFFF), which
 * DMA cannot reach on silicon: the same error, and nothing there changes:
 *  - ch 3: the source is CPUID (0xE000ED00): nothing is written;
 *  - ch 7: the destination is VTOR (0xE000ED08): VTOR keeps its value.
 * Then ch 6 with IE clear: the raw error bit is set, the masked status and
 * the interrupt stay clear. Each error is a diagnostic in the report
 * (tests/dma.cmake checks them with pm_report.sh). Finally the failed
 * channel 1 runs a good copy: an error does not wedge the controller.
 * Argument: the channel mask the error interrupts must have shown (0x9e;
 * the ".wrong" test passes 0x9f). Exits 0 after
 * "dma error: all checks passed".
 */
#include <stdlib.h>

#include "dmatest.h"

#define BAD 0x50000000u
#define SCB_CPUID_ADDR 0xe000ed00u
#define SCB_VTOR_ADDR 0xe000ed08u
#define A(p) ((uint32_t)(uintptr_t)(p))

static volatile uint32_t src[8], dst[8], dst2[8];
static struct dma_lli chain __attribute__((aligned(32)));

static void wait_irq(uint32_t n)
{
	uint32_t t0 = pm_ticks();
	while (dt_irqs < n && pm_ticks() - t0 < 100 * PM_TICKS_PER_US)
		;
}

static void expect_error(unsigned ch, const char *what, uint32_t irqs_before)
{
	CHECK(dt_dma_wait(ch, 1000));
	wait_irq(irqs_before + 1);
	printf("%s on channel %u: interrupts %lu, error status seen 0x%02lx, TC seen 0x%02lx, "
	       "channel enabled %lu\n", what, ch, (unsigned long)(dt_irqs - irqs_before),
	       (unsigned long)dt_err_seen, (unsigned long)dt_tc_seen,
	       (unsigned long)(DMAC_ENBLD_CHNS >> ch & 1));
	CHECK(dt_irqs == irqs_before + 1);
	CHECK(dt_err_seen & (1u << ch));
	CHECK(!(DMAC_CH_CFG(ch) & DMA_CFG_E) && !(DMAC_ENBLD_CHNS & (1u << ch)));
}

int main(int argc, char **argv)
{
	uint32_t want_mask = argc >= 2 ? (uint32_t)strtoul(argv[argc - 1], NULL, 0) : 0;
	uint32_t cfg = DMA_CFG_IE | DMA_CFG_ITC;
	dt_init();
	for (unsigned i = 0; i < 8; i++) {
		src[i] = 0x51000000u + i;
		dst[i] = dst2[i] = 0;
	}

	dt_dma_start(1, BAD, A(dst), 0, dt_m2m_ctrl(8, DMA_W32, true), cfg);
	expect_error(1, "unmapped source", 0);
	CHECK(dst[0] == 0);

	dt_dma_start(2, A(src), BAD, 0, dt_m2m_ctrl(8, DMA_W32, true), cfg);
	expect_error(2, "unmapped destination", 1);

	chain = (struct dma_lli){ A(src), A(dst2), 0, dt_m2m_ctrl(8, DMA_W32, true) };
	dt_dma_start(4, A(src), A(dst), BAD, dt_m2m_ctrl(8, DMA_W32, false), cfg);
	expect_error(4, "unmapped linked-list item", 2);
	for (unsigned i = 0; i < 8; i++)
		CHECK(dst[i] == src[i]); /* the first item's data stays moved */
	CHECK(dst2[0] == 0);
	CHECK(dt_tc_seen == 0);

	/* The core's private peripheral bus. */
	dt_dma_start(3, SCB_CPUID_ADDR, A(dst2), 0, dt_m2m_ctrl(1, DMA_W32, true), cfg);
	expect_error(3, "source in the private peripheral bus (CPUID)", 3);
	CHECK(dst2[0] == 0);
	uint32_t vtor = SCB_VTOR;
	src[0] = 0x20001000u;
	dt_dma_start(7, A(src), SCB_VTOR_ADDR, 0, dt_m2m_ctrl(1, DMA_W32, true), cfg);
	expect_error(7, "destination in the private peripheral bus (VTOR)", 4);
	printf("VTOR 0x%08lx, before the transfer 0x%08lx\n", (unsigned long)SCB_VTOR,
	       (unsigned long)vtor);
	CHECK(SCB_VTOR == vtor);
	CHECK(dt_tc_seen == 0);

	/* IE clear: raw status only. */
	dt_dma_start(6, BAD, A(dst2), 0, dt_m2m_ctrl(8, DMA_W32, false), DMA_CFG_ITC);
	CHECK(dt_dma_wait(6, 1000));
	wait_irq(6);
	uint32_t raw = DMAC_RAW_ERR_STATUS, masked = DMAC_INT_ERR_STATUS;
	printf("unmasked error on channel 6: raw 0x%02lx, masked 0x%02lx, interrupts %lu\n",
	       (unsigned long)raw, (unsigned long)masked, (unsigned long)dt_irqs);
	CHECK(raw == 1u << 6 && masked == 0 && dt_irqs == 5);
	CHECK(!(REG32(0xe000e200u) & (1u << IRQ_DMA0))); /* NVIC_ISPR0: not pending */
	DMAC_INT_ERR_CLEAR = 1u << 6;
	CHECK(DMAC_RAW_ERR_STATUS == 0);

	/* Channel 1 works again. */
	dt_irqs = 0;
	dt_dma_start(1, A(src), A(dst2), 0, dt_m2m_ctrl(8, DMA_W32, true), cfg);
	CHECK(dt_dma_wait(1, 1000));
	wait_irq(1);
	for (unsigned i = 0; i < 8; i++)
		CHECK(dst2[i] == src[i]);
	CHECK(dt_irqs == 1 && (dt_tc_seen & 2u));
	printf("channel 1 after its error: a good copy, TC seen 0x%02lx\n",
	       (unsigned long)dt_tc_seen);
	CHECK(dt_err_seen == want_mask);
	printf("dma error: all checks passed\n");
	return 0;
}
