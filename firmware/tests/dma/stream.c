/*
 * Streaming DMA done right (docs/coherency.md, the streaming mapping of
 * REFERENCE-style drivers): with the D-cache on, memory-to-memory copies
 * between cacheable buffers in SRAM and in DRAM, each buffer made dirty in
 * the cache by the CPU first, so that any missing maintenance would show:
 *  - the source is cleaned (DCCMVAC) before the transfer: the controller
 *    reads memory, never the cache, and must find the CPU's data there;
 *  - the destination is invalidated (DCIMVAC) before the transfer (its
 *    dirty lines would otherwise be written back over DMA's data, a
 *    clobber) and after it (a cached copy would hide DMA's data, a stale
 *    read).
 * Four copies, 1 KiB each, with different widths (the PL080 packs and
 * unpacks through its FIFO, pl080.md "Width conversion"): SRAM -> DRAM
 * 32-bit, DRAM -> SRAM 8-bit reads packed into 32-bit writes, DRAM -> DRAM
 * 16-bit, SRAM -> SRAM 32-bit reads unpacked into 8-bit writes. Every word
 * must arrive, and the coherency report must be empty (tests/dma.cmake runs
 * it through coh_report.sh, and with --coherency=fatal to the end).
 * Argument "wrong": print an expectation of a dma-read-dirty event that
 * cannot happen, so coh_report.sh must fail. Exits 0 after
 * "dma stream: all checks passed".
 */
#include <string.h>

#include "dmatest.h"

#define WORDS 256
#define BYTES (WORDS * 4)

static volatile uint32_t sram_a[WORDS] __attribute__((aligned(32)));
static volatile uint32_t sram_b[WORDS] __attribute__((aligned(32)));
#define DRAM_A ((volatile uint32_t *)(DRAM_BASE + 0x10000))
#define DRAM_B ((volatile uint32_t *)(DRAM_BASE + 0x20000))

struct copy {
	const char *name;
	volatile uint32_t *src, *dst;
	unsigned sw, dw;
};

static void stream_copy(unsigned ch, const struct copy *c, uint32_t seed)
{
	/* The CPU produces the source and leaves junk in the destination,
	 * both in dirty cache lines. */
	dt_fill_dirty(c->src, WORDS, seed);
	dt_fill_dirty(c->dst, WORDS, ~seed);
	/* To the device: clean. From the device: invalidate before. */
	dt_clean(c->src, BYTES);
	dt_invalidate(c->dst, BYTES);
	uint32_t items = BYTES >> c->sw;
	uint32_t ctrl = DMA_CTRL_SIZE(items) | DMA_CTRL_SB(DMA_B4) | DMA_CTRL_DB(DMA_B4) |
			DMA_CTRL_SW(c->sw) | DMA_CTRL_DW(c->dw) | DMA_CTRL_SI | DMA_CTRL_DI;
	dma_run(ch, (uint32_t)(uintptr_t)c->src, (uint32_t)(uintptr_t)c->dst, 0, ctrl, 0);
	/* ... and after, before the CPU looks. */
	dt_invalidate(c->dst, BYTES);
	int bad = dt_diff(c->dst, WORDS, seed);
	printf("%s: %u words, %u-bit reads, %u-bit writes, first wrong word %d\n", c->name,
	       WORDS, 8u << c->sw, 8u << c->dw, bad);
	CHECK(bad < 0);
	/* The controller counted down to 0 and advanced both addresses. */
	CHECK((DMAC_CH_CTRL(ch) & 0xfffu) == 0);
	CHECK(DMAC_CH_SRC(ch) == (uint32_t)(uintptr_t)c->src + BYTES);
	CHECK(DMAC_CH_DST(ch) == (uint32_t)(uintptr_t)c->dst + BYTES);
}

int main(int argc, char **argv)
{
	bool wrong = argc >= 2 && !strcmp(argv[argc - 1], "wrong");
	dt_init();
	dt_caches_on();

	const struct copy copies[] = {
		{ "sram->dram", sram_a, DRAM_A, DMA_W32, DMA_W32 },
		{ "dram->sram", DRAM_A, sram_b, DMA_W8, DMA_W32 },
		{ "dram->dram", DRAM_A, DRAM_B, DMA_W16, DMA_W16 },
		{ "sram->sram", sram_b, sram_a, DMA_W32, DMA_W8 },
	};
	for (unsigned i = 0; i < sizeof copies / sizeof copies[0]; i++)
		stream_copy(i, &copies[i], 0x5eed0000u + i);
	CHECK(DMAC_RAW_ERR_STATUS == 0);
	if (wrong)
		dt_expect("dma-read-dirty", sram_a, BYTES, 0, NULL, NULL);
	printf("dma stream: all checks passed\n");
	return 0;
}
