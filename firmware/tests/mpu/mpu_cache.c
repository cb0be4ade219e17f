/*
 * MPU memory attributes seen through the D-cache: with the D-cache on, a
 * store to a region marked Normal non-cacheable (TEX 001, C 0, B 0) or
 * Device goes to memory (invalidating the line afterwards loses nothing:
 * how firmware makes DMA-coherent buffers), while a store to the same
 * address under a write-back region stays in the cache until cleaned (an
 * invalidate discards it). The D-cache is enabled the CMSIS way: invalidate
 * every set and way from CCSIDR, then CCR.DC.
 */
#include "mpu.h"

#define SCB_CCR_DC (1u << 16)
#define SCB_CCSIDR REG32(0xe000ed80u)
#define SCB_CSSELR REG32(0xe000ed84u)
#define SCB_DCIMVAC REG32(0xe000ef5cu)
#define SCB_DCISW REG32(0xe000ef60u)

static volatile uint32_t buf[8] __attribute__((aligned(32)));

static void barrier(void)
{
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

static void dcache_enable(void)
{
	SCB_CSSELR = 0; /* level 1 data cache */
	barrier();
	uint32_t ccsidr = SCB_CCSIDR;
	uint32_t sets = ((ccsidr >> 13) & 0x7fffu) + 1;
	uint32_t ways = ((ccsidr >> 3) & 0x3ffu) + 1;
	uint32_t line_shift = (ccsidr & 7u) + 4;
	uint32_t way_shift = (uint32_t)__builtin_clz(ways - 1);
	for (uint32_t s = 0; s < sets; s++)
		for (uint32_t w = 0; w < ways; w++)
			SCB_DCISW = (s << line_shift) | (ways > 1 ? w << way_shift : 0);
	barrier();
	SCB_CCR |= SCB_CCR_DC;
	barrier();
}

static void invalidate_buf(void)
{
	barrier();
	SCB_DCIMVAC = (uint32_t)(uintptr_t)buf;
	barrier();
}

/* Store `v` with the current attributes of buf, then invalidate its line:
 * returns what the load sees afterwards. */
static uint32_t store_then_invalidate(uint32_t v)
{
	(void)buf[0]; /* a read allocates the line where the region is cacheable */
	buf[0] = v;
	invalidate_buf();
	return buf[0];
}

int main(void)
{
	mpu_test_init();
	CHECK(SCB_CCSIDR != 0);
	mpu_enable(MPU_CTRL_ENABLE);
	dcache_enable();

	/* Normal non-cacheable: the store reaches memory. */
	mpu_region(2, (uintptr_t)buf, RASR_SIZE(5) | RASR_AP(AP_FULL) | RASR_TEX(1) |
		   RASR_ENABLE);
	CHECK(store_then_invalidate(1) == 1);
	printf("non-cacheable region: store reached memory\n");

	/* Device: the same. */
	mpu_region(2, (uintptr_t)buf, RASR_SIZE(5) | RASR_AP(AP_FULL) | RASR_B | RASR_ENABLE);
	CHECK(store_then_invalidate(2) == 2);

	/* Write-back (region 1's attributes): the store stays in the cache
	 * and the invalidate throws it away. */
	mpu_region(2, (uintptr_t)buf, 0);
	uint32_t seen = store_then_invalidate(3);
	printf("write-back region: after invalidate %lu (memory kept 2)\n", (unsigned long)seen);
	CHECK(seen == 2);

	/* Write-through (TEX 000, C 1, B 0): memory is written too. */
	mpu_region(2, (uintptr_t)buf, RASR_SIZE(5) | RASR_AP(AP_FULL) | RASR_C | RASR_ENABLE);
	CHECK(store_then_invalidate(4) == 4);
	printf("mpu cache tests passed\n");
	return 0;
}
