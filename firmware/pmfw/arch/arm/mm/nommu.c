/*
 * Memory set-up of a core without an MMU (Linux's arch/arm/mm/nommu.c,
 * whose paging_init setup_arch calls): start_kernel runs paging_init once
 * the device tree's RAM and reserved memory are known and before any
 * driver can map a DMA buffer.
 *
 * On a core with caches (CLIDR non-zero: the default SoC's Cortex-M7):
 *  1. the default coherent DMA pool is found (kernel/dma/coherent.c: the
 *     `shared-dma-pool` reserved-memory node with `linux,dma-default`);
 *  2. the MPU maps it Normal non-cacheable (pmsa-v7.c);
 *  3. the I- and D-caches are invalidated and enabled (cache-v7m.c);
 *  4. kmalloc aligns to the D-cache line (mm/slab.c), so that no two
 *     allocations share a line (Linux's ARCH_DMA_MINALIGN).
 * The pool is set up before the caches come on, so that no line of it is
 * ever allocated. A pool the MPU cannot cover is not used (coherent
 * allocations then fail: there is no coherent memory to give).
 *
 * On a core without caches (the MCU's Cortex-M4) nothing changes: the MPU
 * stays off, and coherent memory is ordinary memory (a pool, if the tree
 * has one, is still used; it needs no special mapping).
 */
#include <asm/cacheflush.h>
#include <linux/dma-map-ops.h>
#include <linux/kernel.h>

#include "../../../mm/slab.h"
#include "mm.h"

void paging_init(void)
{
	v7m_cache_init();
	phys_addr_t base;
	size_t size;
	bool pool = !dma_init_global_coherent_from_dt(&base, &size);
	if (!v7m_cache.dcache && !v7m_cache.icache)
		return;
	if (pool && pmsav7_setup(base, size))
		dma_release_global_coherent();
	v7m_cache_enable();
	/* kmalloc's memory is DMA-safe from now on (ARCH_DMA_MINALIGN). */
	if (v7m_cache.dcache)
		kmem_set_min_align(v7m_cache.dline);
	pr_info("Caches: I-cache %u KiB, D-cache %u KiB (%u-byte lines), enabled\n",
		v7m_cache.isize >> 10, v7m_cache.dsize >> 10, v7m_cache.dline);
}
