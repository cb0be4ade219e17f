/*
 * The direct mapping (Linux's kernel/dma/direct.c with arm's nommu
 * dma-mapping-nommu.c): no IOMMU, so a buffer's DMA address is its
 * address, and a mapping is the cache maintenance that hands the buffer
 * to the device or back (asm/cacheflush.h: dmac_map_area before the
 * device owns it, dmac_unmap_area after):
 *
 *   direction       map / sync_for_device   unmap / sync_for_cpu
 *   TO_DEVICE       clean                   -
 *   FROM_DEVICE     invalidate              invalidate
 *   BIDIRECTIONAL   clean                   invalidate
 *
 * The invalidate cleans a partial line at either edge of the buffer first
 * (cache-v7m.c). On a core without a D-cache nothing is done.
 *
 * Coherent memory comes from the global pool (coherent.c). On a core
 * without a D-cache and without a pool, it is ordinary memory (kmalloc,
 * zeroed, preferably high memory as for DMA buffers); on a core with a
 * D-cache there is no such fallback: cacheable memory is not coherent,
 * so without a pool the allocation fails, as it does on Linux's nommu ARM.
 */
#include <asm/cacheflush.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "direct.h"
#include "dma-dev.h"

bool dma_capable(struct device *dev, dma_addr_t addr, size_t size)
{
	u64 end = (u64)addr + size - 1;
	return size && end <= dma_dev_get_mask(dev);
}

dma_addr_t dma_direct_map_phys(struct device *dev, phys_addr_t phys, size_t size,
			       enum dma_data_direction dir, unsigned long attrs)
{
	dma_addr_t addr = phys;
	if (!dma_capable(dev, addr, size)) {
		pr_err("%s: DMA addr 0x%08x+%zu overflow (mask %llx)\n", dma_dev_name(dev), addr,
		       size, dma_dev_get_mask(dev));
		return DMA_MAPPING_ERROR;
	}
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		dmac_map_area((const void *)(uintptr_t)phys, size, dir);
	return addr;
}

void dma_direct_unmap_phys(struct device *dev, dma_addr_t addr, size_t size,
			   enum dma_data_direction dir, unsigned long attrs)
{
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC) && addr != DMA_MAPPING_ERROR)
		dmac_unmap_area((const void *)(uintptr_t)addr, size, dir);
}

void dma_direct_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				       enum dma_data_direction dir)
{
	dmac_map_area((const void *)(uintptr_t)addr, size, dir);
}

void dma_direct_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
				    enum dma_data_direction dir)
{
	dmac_unmap_area((const void *)(uintptr_t)addr, size, dir);
}

int dma_direct_map_sg(struct device *dev, struct scatterlist *sgl, int nents,
		      enum dma_data_direction dir, unsigned long attrs)
{
	struct scatterlist *sg;
	int i;
	for_each_sg(sgl, sg, nents, i) {
		sg->dma_address = dma_direct_map_phys(dev, sg_phys(sg), sg->length, dir, attrs);
		if (sg->dma_address == DMA_MAPPING_ERROR) {
			dma_direct_unmap_sg(dev, sgl, i, dir, attrs | DMA_ATTR_SKIP_CPU_SYNC);
			return -EIO;
		}
		sg_dma_len(sg) = sg->length;
	}
	return nents;
}

void dma_direct_unmap_sg(struct device *dev, struct scatterlist *sgl, int nents,
			 enum dma_data_direction dir, unsigned long attrs)
{
	struct scatterlist *sg;
	int i;
	for_each_sg(sgl, sg, nents, i)
		dma_direct_unmap_phys(dev, sg->dma_address, sg_dma_len(sg), dir, attrs);
}

void *dma_direct_alloc(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp,
		       unsigned long attrs)
{
	void *p = dma_alloc_from_global_coherent(dev, (ssize_t)size, dma_handle);
	if (p || dma_global_coherent_present() || cpu_has_dcache())
		goto out;
	p = kmalloc(size, (gfp & ~__GFP_ZERO) | __GFP_HIGHMEM | __GFP_ZERO);
	if (p)
		*dma_handle = (dma_addr_t)(uintptr_t)p;
out:
	if (p && (u64)*dma_handle + size - 1 > dma_dev_get_coherent_mask(dev)) {
		dma_direct_free(dev, size, p, *dma_handle, attrs);
		return NULL;
	}
	return p;
}

void dma_direct_free(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_addr,
		     unsigned long attrs)
{
	if (!dma_release_from_global_coherent(dma_coherent_get_order(size), cpu_addr))
		kfree(cpu_addr);
}
