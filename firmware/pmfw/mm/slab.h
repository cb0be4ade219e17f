/* The heap's regions and statistics (mm/slab.c), for boot and the shell. */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <linux/types.h>

struct kmem_stats {
	size_t total, free;
	unsigned long allocs, frees, failures;
	unsigned int regions;
};

/* Give [start, start + size) to the heap (highmem: external RAM, only for
 * __GFP_HIGHMEM); -1 if it is too small or there are too many regions. */
int kmem_add_region(void *start, size_t size, bool highmem);
void kmem_get_stats(struct kmem_stats *st);
/* Align what kmalloc returns from now on to `align` bytes (a power of two,
 * 8 to 4096), each allocation rounded up to a multiple of it: the D-cache
 * line on a core with caches (ARCH_DMA_MINALIGN). */
void kmem_set_min_align(unsigned int align);
unsigned int kmem_min_align(void);

/* Region i of the heap (false past the last): its bounds, whether it is
 * high memory, and where its used part ends. First fit by address packs
 * allocations low, so everything past used_end is one free block; its
 * header (size, magic, link) lies before used_end, so that [start,
 * used_end) is all a copy of the region must keep (suspend to RAM,
 * arch/arm/mach-pmsim/pm.c). Call with interrupts off for a stable answer. */
struct kmem_region_info {
	u8 *start, *end, *used_end;
	bool highmem;
};
bool kmem_region_info(unsigned int i, struct kmem_region_info *ri);

/* A reservation for good, as memblock_alloc at boot: `size` bytes at the
 * top of the last high-memory region (or the last on-chip one), aligned
 * to `align` (a power of two), cut out of the heap so that every other
 * allocation lands where it would without it. NULL if the region's top
 * is in use or too small. */
void *kmem_reserve_top(size_t size, size_t align, bool highmem);

#endif
