/*
 * Cache hits against misses, timed with the DWT cycle counter (unlocked
 * through DWT_LAR, as on the Cortex-M7). A table in flash is read one word
 * per line: with the D-cache on, the first pass fills 8 lines (each a
 * first beat plus 7 further beats from flash), the second pass hits. The
 * I-cache likewise: the first run of 256 bytes of code after ICIALLU
 * fills its 8 lines.
 * Exact cycle counts are the timing model's; this checks the ordering and
 * the size of the difference the memory model promises (at 25 MHz the
 * default flash has no wait states and 1 cycle per further beat).
 * Exits 0 after "cache timing tests passed".
 */
#include "cache.h"

#define NLINES 8u

static const uint32_t table[NLINES * 8] __attribute__((aligned(32))) = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
	23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42,
	43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62,
	63, 64,
};

static uint32_t __attribute__((noinline, aligned(32))) walk(const volatile uint32_t *t,
							    uint32_t *sum)
{
	uint32_t s = 0;
	uint32_t t0 = DWT_CYCCNT;
	for (unsigned i = 0; i < NLINES; i++)
		s += t[i * 8];
	uint32_t t1 = DWT_CYCCNT;
	*sum = s;
	return t1 - t0;
}

/* 256 bytes of straight-line code: eight I-cache lines. */
static void __attribute__((noinline, aligned(32))) straight(void)
{
	__asm__ volatile(".rept 128\n\tnop\n\t.endr" ::: "memory");
}

static uint32_t __attribute__((noinline)) time_straight(void)
{
	uint32_t t0 = DWT_CYCCNT;
	straight();
	return DWT_CYCCNT - t0;
}

int main(void)
{
	uint32_t sum;
	DWT_LAR = 0xc5acce55u;
	DEMCR |= 1u << 24;  /* TRCENA */
	DWT_CYCCNT = 0;
	DWT_CTRL |= 1u;     /* CYCCNTENA */
	CHECK(DWT_CYCCNT != 0);

	uint32_t uncached = walk(table, &sum);
	CHECK(sum == 1 + 9 + 17 + 25 + 33 + 41 + 49 + 57);
	SCB_EnableDCache();
	uint32_t miss = walk(table, &sum);
	uint32_t hit = walk(table, &sum);
	printf("D-cache: uncached %lu, miss %lu, hit %lu cycles\n", (unsigned long)uncached,
	       (unsigned long)miss, (unsigned long)hit);
	CHECK(hit <= uncached);
	CHECK(miss >= hit + NLINES * 7);
	SCB_InvalidateDCache_by_Addr((volatile void *)table, sizeof table);
	CHECK(walk(table, &sum) == miss);

	SCB_EnableICache();
	uint32_t cold = time_straight();
	uint32_t warm = time_straight();
	printf("I-cache: cold %lu, warm %lu cycles\n", (unsigned long)cold, (unsigned long)warm);
	CHECK(cold >= warm + 8 * 7);
	SCB_ICIALLU = 0;
	dsb();
	isb();
	CHECK(time_straight() == cold);

	printf("cache timing tests passed\n");
	return 0;
}
