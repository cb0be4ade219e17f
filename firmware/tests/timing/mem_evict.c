/*
 * A dirty D-cache eviction from the inside (docs/memory-system.md: "a miss
 * that evicts a dirty line pays the write-back and then the fill"), on a
 * SoC whose SRAM has wait states (tests/configs/sram_slow_100mhz.dts), so
 * that a line fill and a write-back each cost L cycles, L given as the last
 * command-line argument. The four ways of one D-cache set are filled with
 * dirty lines of a buffer (4 KiB apart: same set), then a fifth line of
 * that set is loaded: it costs a hit + L (fill) + L (write-back). Timed
 * with the DWT cycle counter. Exits 0 after "eviction timing: all checks
 * passed".
 */
#include "../cache/cache.h"

#define WAY_STRIDE 4096u /* 128 sets of 32 bytes */

static volatile uint32_t buf[5 * WAY_STRIDE / 4] __attribute__((aligned(4096)));

static uint32_t __attribute__((noinline, aligned(32))) tload(volatile uint32_t *p)
{
	uint32_t t0 = DWT_CYCCNT;
	(void)*p;
	uint32_t t1 = DWT_CYCCNT;
	return t1 - t0;
}

static volatile uint32_t *line(unsigned k)
{
	return &buf[k * WAY_STRIDE / 4 + 8];
}

int main(int argc, char **argv)
{
	CHECK(argc >= 2);
	uint32_t cost = (uint32_t)atoi(argv[argc - 1]);
	DWT_LAR = 0xc5acce55u;
	DEMCR |= 1u << 24;
	DWT_CYCCNT = 0;
	DWT_CTRL |= 1u;
	SCB_EnableICache();
	SCB_EnableDCache();

	tload(line(0));
	uint32_t hit = tload(line(0));
	SCB_CleanInvalidateDCache();
	uint32_t miss = tload(line(0));   /* an invalid way: fill only */
	SCB_CleanInvalidateDCache();
	for (unsigned k = 0; k < 4; k++) {
		(void)*line(k);            /* allocate (read-allocate cache) */
		*line(k) = k;              /* hit: dirty */
	}
	uint32_t evict = tload(line(4));
	printf("hit %lu, miss %lu, miss evicting a dirty line %lu cycles (L = %lu)\n",
	       (unsigned long)hit, (unsigned long)miss, (unsigned long)evict,
	       (unsigned long)cost);
	CHECK(miss - hit == cost);
	CHECK(evict - miss == cost);
	/* The evicted line reached memory: reading it back after
	 * invalidating everything (its own line was written back). */
	SCB_CleanInvalidateDCache();
	for (unsigned k = 0; k < 4; k++)
		CHECK(*line(k) == k);
	printf("eviction timing: all checks passed\n");
	return 0;
}
