/*
 * DMA pools (include/linux/dmapool.h, mm/dmapool.c): small blocks of
 * coherent memory of one size, for descriptors a device reads (the
 * PL080's linked-list items).
 */
#ifndef _LINUX_DMAPOOL_H
#define _LINUX_DMAPOOL_H

#include <linux/types.h>

struct device;
struct dma_pool;

/* Blocks of `size` bytes aligned to `align` (a power of two, 0 for 1)
 * that never cross a `boundary` (a power of two, 0 for none). NULL on a
 * bad argument or no memory. */
struct dma_pool *dma_pool_create(const char *name, struct device *dev, size_t size,
				 size_t align, size_t boundary);
void dma_pool_destroy(struct dma_pool *pool);
void *dma_pool_alloc(struct dma_pool *pool, gfp_t mem_flags, dma_addr_t *handle);
void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t addr);
static inline void *dma_pool_zalloc(struct dma_pool *pool, gfp_t mem_flags, dma_addr_t *handle)
{
	return dma_pool_alloc(pool, mem_flags | 0x100u /* __GFP_ZERO */, handle);
}

#endif
