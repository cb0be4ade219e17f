/*
 * A linked-list item that links to itself (docs/devices/pl080.md, "Linked
 * lists"): the channel repeats it for ever, as on silicon, and the run
 * still ends at --until (tests/dma.cmake runs it with --until 10ms and
 * expects status 124). What the report's diagnostics must say depends on
 * the flow:
 *  - m2m: an item copying 16 words memory to memory, linked to itself:
 *    an endless chain at full bus speed, one diagnostic;
 *  - empty: an item with TransferSize 0 linked to itself: the channel
 *    fetches it for ever, one diagnostic;
 *  - adc: a circular buffer behind a peripheral (ADC0, request 2, 1 kHz),
 *    the usual use of a self-linked item, paced by the requests: no
 *    diagnostic.
 * Before sleeping for good, the image checks that the channel is still
 * enabled after 1 ms and that the data moved (the copy, or ADC samples in
 * the ring), then prints "selflink MODE: running".
 */
#include <string.h>

#include "dmatest.h"

#define A(p) ((uint32_t)(uintptr_t)(p))
#define RING 8

static volatile uint32_t src[16], dst[16], ring[RING];
static struct dma_lli lli __attribute__((aligned(32)));

static void wait_us(uint32_t us)
{
	uint32_t t0 = pm_ticks();
	while (pm_ticks() - t0 < us * PM_TICKS_PER_US)
		;
}

int main(int argc, char **argv)
{
	const char *mode = argc >= 2 ? argv[argc - 1] : "";
	dt_init();
	for (unsigned i = 0; i < 16; i++)
		src[i] = 0x5e1f0000u + i;
	if (!strcmp(mode, "m2m") || !strcmp(mode, "empty")) {
		uint32_t n = mode[0] == 'm' ? 16 : 0;
		lli = (struct dma_lli){ A(src), A(dst), A(&lli), dt_m2m_ctrl(n, DMA_W32, false) };
		dt_dma_start(0, A(src), A(dst), A(&lli), dt_m2m_ctrl(n, DMA_W32, false), 0);
	} else if (!strcmp(mode, "adc")) {
		uint32_t ctrl = DMA_CTRL_SIZE(RING) | DMA_CTRL_SB(DMA_B1) | DMA_CTRL_DB(DMA_B1) |
				DMA_CTRL_SW(DMA_W32) | DMA_CTRL_DW(DMA_W32) | DMA_CTRL_DI;
		lli = (struct dma_lli){ ADC0_DATA_ADDR, A(ring), A(&lli), ctrl };
		CMU_GATE_SET = 1u << GATE_ADC0;
		dt_dma_start(2, ADC0_DATA_ADDR, A(ring), A(&lli), ctrl,
			     DMA_CFG_SRCPER(DMAREQ_ADC0) | DMA_CFG_FLOW(DMA_FLOW_P2M));
		ADC0_CTRL = ADC_CTRL_DMAEN | ADC_CTRL_EN;
	} else {
		CHECK(!"mode is m2m, empty or adc");
	}
	wait_us(1000 + 2 * RING * 1000 * (mode[0] == 'a'));
	CHECK(DMAC_ENBLD_CHNS != 0);
	if (mode[0] == 'm')
		CHECK(dst[15] == src[15]);
	if (mode[0] == 'a')
		CHECK(ring[RING - 1] != 0);
	printf("selflink %s: running\n", mode);
	for (;;)
		__asm__ volatile("wfi");
}
