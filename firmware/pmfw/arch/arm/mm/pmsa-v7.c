/*
 * The PMSAv7 MPU (Linux's arch/arm/mm/pmsa-v7.c, for ARMv7-M:
 * docs/mpu.md). pmfw runs privileged only, so the architecture's default
 * memory map is its map: the MPU is enabled with PRIVDEFENA, that map as
 * the background, and regions only where memory must differ from it.
 * There is one such place: the coherent DMA pool (kernel/dma/coherent.c),
 * which lies in the default map's write-back RAM and must be Normal
 * non-cacheable so that the CPU and a DMA controller see the same bytes
 * without maintenance.
 *
 * Regions, highest number first (the highest-numbered match wins):
 *
 *   DREGION-1  the coherent pool: Normal non-cacheable (TEX 001, C 0,
 *              B 0), read/write (AP 011), never executed (XN)
 *   0          SRAM 0x2000_0000 and RAM 0x6000_0000 (512 MiB each):
 *   1          the default map's Normal write-back write-allocate, for
 *              every privilege level (AP 011)
 *
 * Regions 0 and 1 change nothing the background would not give
 * privileged code (and the pool's region grants unprivileged code
 * nothing it needs: there is none); they make each RAM page's attributes and permissions
 * the same for both privilege levels, which keeps the pages on pmsim's
 * fast memory path (docs/mpu.md, "Speed": a page reachable only through
 * PRIVDEFENA is checked access by access).
 *
 * A region needs a power-of-two size of at least 32 bytes and a base
 * aligned to it; a pool the MPU cannot cover exactly is refused, and
 * coherent allocations then fail on a core with a D-cache.
 */
#include <linux/kernel.h>
#include <linux/printk.h>

#include "mm.h"

#define MPU_TYPE (*(volatile u32 *)0xe000ed90u)
#define MPU_CTRL (*(volatile u32 *)0xe000ed94u)
#define MPU_RNR (*(volatile u32 *)0xe000ed98u)
#define MPU_RBAR (*(volatile u32 *)0xe000ed9cu)
#define MPU_RASR (*(volatile u32 *)0xe000eda0u)

#define MPU_CTRL_ENABLE (1u << 0)
#define MPU_CTRL_PRIVDEFENA (1u << 2)

#define MPU_RASR_ENABLE (1u << 0)
#define MPU_RASR_SIZE(log2) (((u32)(log2) - 1) << 1)
#define MPU_RASR_B (1u << 16)
#define MPU_RASR_C (1u << 17)
#define MPU_RASR_TEX(t) ((u32)(t) << 19)
#define MPU_RASR_AP(ap) ((u32)(ap) << 24)
#define MPU_RASR_XN (1u << 28)

#define MPU_AP_FULL 3u

/* Normal memory types (ARMv7-M B3.5.7). */
#define MPU_NORMAL_WBWA (MPU_RASR_TEX(1) | MPU_RASR_C | MPU_RASR_B)
#define MPU_NORMAL_NC MPU_RASR_TEX(1)

unsigned int mpu_regions;

static void mpu_set_region(unsigned int n, u32 base, unsigned int size_log2, u32 attr)
{
	MPU_RNR = n;
	MPU_RBAR = base;
	MPU_RASR = attr | MPU_RASR_SIZE(size_log2) | MPU_RASR_ENABLE;
}

int pmsav7_setup(phys_addr_t pool_base, size_t pool_size)
{
	mpu_regions = (MPU_TYPE >> 8) & 0xff;
	if (mpu_regions < 3) {
		pr_err("MPU: %u regions: the coherent DMA pool cannot be made non-cacheable\n",
		       mpu_regions);
		return -1;
	}
	unsigned int log2 = pool_size ? (unsigned int)__builtin_ctz(pool_size) : 0;
	if (pool_size < 32 || (pool_size & (pool_size - 1)) || (pool_base & (pool_size - 1))) {
		pr_err("MPU: the coherent DMA pool 0x%08x+0x%zx is not a power of two of at "
		       "least 32 bytes aligned to its size: one region cannot cover it\n",
		       pool_base, pool_size);
		return -1;
	}
	__asm__ volatile("dsb" ::: "memory");
	MPU_CTRL = 0;
	mpu_set_region(0, 0x20000000u, 29, MPU_NORMAL_WBWA | MPU_RASR_AP(MPU_AP_FULL));
	mpu_set_region(1, 0x60000000u, 29, MPU_NORMAL_WBWA | MPU_RASR_AP(MPU_AP_FULL));
	mpu_set_region(mpu_regions - 1, pool_base, log2,
		       MPU_NORMAL_NC | MPU_RASR_AP(MPU_AP_FULL) | MPU_RASR_XN);
	MPU_CTRL = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	pr_info("MPU: %u regions, background map for privileged code, coherent DMA pool "
		"0x%08x-0x%08x Normal non-cacheable\n", mpu_regions, pool_base,
		(u32)(pool_base + pool_size - 1));
	return 0;
}
