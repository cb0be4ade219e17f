/*
 * The direct mapping (Linux's kernel/dma/direct.h): a DMA address is the
 * physical address, which is the CPU's address; the work is the cache
 * maintenance of asm/cacheflush.h.
 */
#ifndef _KERNEL_DMA_DIRECT_H
#define _KERNEL_DMA_DIRECT_H

#include <linux/dma-direction.h>
#include <linux/types.h>

struct device;
struct scatterlist;

dma_addr_t dma_direct_map_phys(struct device *dev, phys_addr_t phys, size_t size,
			       enum dma_data_direction dir, unsigned long attrs);
void dma_direct_unmap_phys(struct device *dev, dma_addr_t addr, size_t size,
			   enum dma_data_direction dir, unsigned long attrs);
void dma_direct_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				       enum dma_data_direction dir);
void dma_direct_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
				    enum dma_data_direction dir);
int dma_direct_map_sg(struct device *dev, struct scatterlist *sgl, int nents,
		      enum dma_data_direction dir, unsigned long attrs);
void dma_direct_unmap_sg(struct device *dev, struct scatterlist *sgl, int nents,
			 enum dma_data_direction dir, unsigned long attrs);
void *dma_direct_alloc(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp,
		       unsigned long attrs);
void dma_direct_free(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_addr,
		     unsigned long attrs);
bool dma_capable(struct device *dev, dma_addr_t addr, size_t size);

/* coherent.c: the order (log2 of pages) of an allocation of `size`. */
int dma_coherent_get_order(size_t size);

#endif
