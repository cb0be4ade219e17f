/*
 * Scatter-gather (docs/devices/pl080.md, "Linked lists"): one channel runs
 * a chain of four items, the first from its registers, the others from
 * LLIs in (cacheable, cleaned) memory, with different sizes and widths and
 * gaps in the destination:
 *   A  16 words, 32-bit -> 32-bit              -> dst + 0    (64 bytes)
 *   B   7 halfwords, 16-bit -> 32-bit (packed)  -> dst + 64   (14 bytes: 3 words,
 *      then the 2 bytes left over as single bytes, pmsim's documented choice)
 *   C   9 bytes, 8-bit -> 8-bit                 -> dst + 96   (gap 78..95)
 *   D   5 words, 32-bit -> 8-bit (unpacked)     -> dst + 128  (gap 105..127)
 * Only D has its I bit set: the terminal-count interrupt must come once,
 * after the last item (the handler counts it and clears it, so an early
 * one would make the count 2). At the end the channel is disabled, its LLI
 * register reads 0, its addresses point past D's buffers, the gaps still
 * hold their 0xa5 fill and the bytes after the last one too. The D-cache
 * is on with streaming maintenance (LLIs and sources cleaned, destination
 * invalidated before and after), so the report must have no coherency
 * event. Argument: the number of TC interrupts expected (1; the ".wrong"
 * test passes 2). Exits 0 after "dma scatter-gather: all checks passed".
 */
#include <stdlib.h>
#include <string.h>

#include "dmatest.h"

#define CH 5
#define DST_BYTES 192

static volatile uint32_t src_a[16] __attribute__((aligned(32)));
static volatile uint16_t src_b[7] __attribute__((aligned(32)));
static volatile uint8_t src_c[9] __attribute__((aligned(32)));
static volatile uint32_t src_d[5] __attribute__((aligned(32)));
static volatile uint8_t dst[DST_BYTES] __attribute__((aligned(32)));
static struct dma_lli lli[3] __attribute__((aligned(32)));

#define A(p) ((uint32_t)(uintptr_t)(p))

static uint32_t ctrl(uint32_t n, unsigned sw, unsigned dw, bool irq)
{
	return DMA_CTRL_SIZE(n) | DMA_CTRL_SB(DMA_B4) | DMA_CTRL_DB(DMA_B4) | DMA_CTRL_SW(sw) |
	       DMA_CTRL_DW(dw) | DMA_CTRL_SI | DMA_CTRL_DI | (irq ? DMA_CTRL_I : 0);
}

/* The byte the sources put at destination offset `off`, or the fill. */
static uint8_t expected(unsigned off)
{
	const volatile uint8_t *a = (const volatile uint8_t *)src_a;
	const volatile uint8_t *b = (const volatile uint8_t *)src_b;
	const volatile uint8_t *d = (const volatile uint8_t *)src_d;
	if (off < 64)
		return a[off];
	if (off >= 64 && off < 78)
		return b[off - 64];
	if (off >= 96 && off < 105)
		return src_c[off - 96];
	if (off >= 128 && off < 148)
		return d[off - 128];
	return 0xa5;
}

int main(int argc, char **argv)
{
	uint32_t want_irqs = argc >= 2 ? (uint32_t)strtoul(argv[argc - 1], NULL, 0) : 1;
	dt_init();
	dt_caches_on();
	for (unsigned i = 0; i < 16; i++)
		src_a[i] = 0xa0000000u + i * 0x01010101u;
	for (unsigned i = 0; i < 7; i++)
		src_b[i] = (uint16_t)(0xb000u + i * 0x0111u);
	for (unsigned i = 0; i < 9; i++)
		src_c[i] = (uint8_t)(0xc0u + i);
	for (unsigned i = 0; i < 5; i++)
		src_d[i] = 0xd0d1d2d3u + i * 0x04040404u;
	memset((void *)dst, 0xa5, DST_BYTES);

	lli[0] = (struct dma_lli){ A(src_b), A(dst + 64), A(&lli[1]), ctrl(7, DMA_W16, DMA_W32, false) };
	lli[1] = (struct dma_lli){ A(src_c), A(dst + 96), A(&lli[2]), ctrl(9, DMA_W8, DMA_W8, false) };
	lli[2] = (struct dma_lli){ A(src_d), A(dst + 128), 0, ctrl(5, DMA_W32, DMA_W8, true) };

	/* Streaming maintenance: everything DMA reads cleaned, the
	 * destination invalidated (it is dirty from the memset). */
	dt_clean(lli, sizeof lli);
	dt_clean(src_a, sizeof src_a);
	dt_clean(src_b, sizeof src_b);
	dt_clean(src_c, sizeof src_c);
	dt_clean(src_d, sizeof src_d);
	dt_clean(dst, DST_BYTES);
	dt_invalidate(dst, DST_BYTES);

	dt_irqs = dt_tc_seen = dt_err_seen = 0;
	dt_dma_start(CH, A(src_a), A(dst), A(&lli[0]), ctrl(16, DMA_W32, DMA_W32, false),
		     DMA_CFG_ITC | DMA_CFG_IE);
	CHECK(dt_dma_wait(CH, 2000));
	uint32_t t0 = pm_ticks();
	while (dt_irqs < want_irqs && pm_ticks() - t0 < 100 * PM_TICKS_PER_US)
		;
	dt_invalidate(dst, DST_BYTES);

	int bad = -1;
	for (unsigned i = 0; i < DST_BYTES && bad < 0; i++)
		if (dst[i] != expected(i))
			bad = (int)i;
	printf("chain of 4 items: %lu TC interrupt(s), TC status seen 0x%02lx, error 0x%02lx, "
	       "first wrong byte %d\n", (unsigned long)dt_irqs, (unsigned long)dt_tc_seen,
	       (unsigned long)dt_err_seen, bad);
	printf("channel %u at the end: src 0x%08lx dst 0x%08lx lli 0x%08lx\n", CH,
	       (unsigned long)DMAC_CH_SRC(CH), (unsigned long)DMAC_CH_DST(CH),
	       (unsigned long)DMAC_CH_LLI(CH));
	CHECK(bad < 0);
	CHECK(dt_irqs == want_irqs);
	CHECK(dt_tc_seen == 1u << CH && dt_err_seen == 0);
	CHECK(DMAC_RAW_TC_STATUS == 0 && DMAC_RAW_ERR_STATUS == 0 && DMAC_ENBLD_CHNS == 0);
	CHECK(!(DMAC_CH_CFG(CH) & (DMA_CFG_E | DMA_CFG_A)));
	CHECK(DMAC_CH_LLI(CH) == 0);
	CHECK(DMAC_CH_SRC(CH) == A(src_d) + 20 && DMAC_CH_DST(CH) == A(dst) + 148);
	printf("dma scatter-gather: all checks passed\n");
	return 0;
}
