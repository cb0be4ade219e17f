/*
 * Cache maintenance (Linux's arch/arm/include/asm/cacheflush.h, for the
 * ARMv7-M caches of a Cortex-M7: arch/arm/mm/cache-v7m.c). On a core
 * without caches (CLIDR reads 0: the Cortex-M3/M4) every operation here
 * is a no-op, so callers never need to ask.
 *
 * Ranges are virtual addresses [start, end); the bus address space is
 * flat, so they are also the physical and the DMA addresses.
 */
#ifndef _ASM_CACHEFLUSH_H
#define _ASM_CACHEFLUSH_H

#include <linux/types.h>

/* What the core has, read from CLIDR/CTR/CCSIDR by v7m_cache_init(). */
struct v7m_cache_info {
	bool icache, dcache;
	u32 dline, iline;        /* line sizes in bytes (CTR DminLine/IminLine) */
	u32 dsets, dways;        /* L1 D-cache geometry (CCSIDR) */
	u32 isize, dsize;        /* bytes (CCSIDR: sets x ways x line) */
};
extern struct v7m_cache_info v7m_cache;

static inline bool cpu_has_dcache(void)
{
	return v7m_cache.dcache;
}

/* Boot (arch/arm/mm/nommu.c's paging_init): read the geometry, then
 * invalidate and enable the I- and D-cache. */
void v7m_cache_init(void);
void v7m_cache_enable(void);

/* Whole caches, by set/way. flush_cache_all cleans and invalidates the
 * D-cache and invalidates the I-cache: what a power-off state needs
 * before it loses the cache. flush_cache_louis is the same here (one
 * level, one core). v7m_clean_dcache_all only writes dirty lines back
 * (the cache keeps its contents: for a state that retains it but not the
 * memory's view). */
void flush_cache_all(void);
void flush_cache_louis(void);
void v7m_clean_dcache_all(void);
void v7m_invalidate_l1(void);
void __flush_icache_all(void);

/* The D-cache cleaned and invalidated, then turned off, with no store to
 * memory in between (a store would allocate a dirty line the power-off
 * loses, or, once the cache is off, reach memory only to be overwritten
 * by a stale line's write-back). Until it is on again every access goes
 * to memory. Nothing without a D-cache. */
void v7m_dcache_off_flush(void);
/* The D-cache invalidated and on again (after v7m_dcache_off_flush, when
 * the power-off did not happen). */
void v7m_dcache_on(void);

/* By address (DCCMVAC, DCIMVAC, DCCIMVAC on every line the range touches). */
void dmac_clean_range(const void *start, const void *end);
void dmac_inv_range(const void *start, const void *end);
void dmac_flush_range(const void *start, const void *end);
void __cpuc_flush_dcache_area(void *addr, size_t size);

/* The streaming DMA API's maintenance (enum dma_data_direction as int,
 * like Linux's dmac_map_area): before the device owns a buffer, and after
 * it hands it back (REFERENCE table in docs/pmfw.md, DMA section). */
void dmac_map_area(const void *start, size_t size, int dir);
void dmac_unmap_area(const void *start, size_t size, int dir);

#endif
