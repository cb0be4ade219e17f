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

#endif
