/*
 * Coherent DMA memory (docs/coherency.md): buffers the MPU maps as Normal
 * non-cacheable (TEX 001, C 0, B 0) are never held by the D-cache, so DMA
 * to and from them is correct without any maintenance and the checker
 * reports nothing. With the D-cache on, in SRAM and in DRAM (each a 2 KiB
 * MPU region: a source and a destination of 1 KiB), the CPU does exactly
 * what would go wrong with cacheable buffers (coh_bad.c): it reads the
 * source and the destination first (a cacheable region would now hold
 * their lines), writes the source (the lines would be dirty: DMA would
 * read the old data), lets DMA copy it and reads the destination (the
 * lines would be stale). Every word must be the CPU's, and the report
 * must be empty (tests/dma.cmake, coh_report.sh).
 * Argument "cacheable": map the regions write-back instead; the data is
 * then wrong and the image must fail. Exits 0 after
 * "dma coherent: all checks passed".
 */
#include <string.h>

#include "dmatest.h"

#define WORDS 256
#define BYTES (WORDS * 4)

static volatile uint32_t sram_pool[2 * WORDS] __attribute__((aligned(2 * BYTES)));
#define DRAM_POOL ((volatile uint32_t *)(DRAM_BASE + 0x40000))

static void coherent_copy(unsigned ch, const char *name, volatile uint32_t *pool, uint32_t seed)
{
	volatile uint32_t *src = pool, *dst = pool + WORDS;
	/* What a cache would keep: both buffers read, then the source written. */
	(void)dt_diff(src, WORDS, 0);
	(void)dt_diff(dst, WORDS, 0);
	dt_fill(src, WORDS, seed);
	dma_run(ch, (uint32_t)(uintptr_t)src, (uint32_t)(uintptr_t)dst, 0,
		dt_m2m_ctrl(WORDS, DMA_W32, false), 0);
	int bad = dt_diff(dst, WORDS, seed);
	printf("%s: DMA copied %u words between non-cacheable buffers, first wrong word %d\n",
	       name, WORDS, bad);
	CHECK(bad < 0);
	/* And back the other way, into the source the CPU has cached. */
	dt_fill(dst, WORDS, ~seed);
	dma_run(ch, (uint32_t)(uintptr_t)dst, (uint32_t)(uintptr_t)src, 0,
		dt_m2m_ctrl(WORDS, DMA_W32, false), 0);
	bad = dt_diff(src, WORDS, ~seed);
	printf("%s: and back, first wrong word %d\n", name, bad);
	CHECK(bad < 0);
}

int main(int argc, char **argv)
{
	bool cacheable = argc >= 2 && !strcmp(argv[argc - 1], "cacheable");
	dt_init();
	dt_mpu_region(0, (uint32_t)(uintptr_t)sram_pool, 11, cacheable);
	dt_mpu_region(1, (uint32_t)(uintptr_t)DRAM_POOL, 11, cacheable);
	dt_mpu_on();
	dt_caches_on();
	coherent_copy(0, "sram", sram_pool, 0xc0de0000u);
	coherent_copy(1, "dram", DRAM_POOL, 0xc0de1111u);
	CHECK(DMAC_RAW_ERR_STATUS == 0);
	printf("dma coherent: all checks passed\n");
	return 0;
}
