/*
 * The DMA API's entry points (Linux's kernel/dma/mapping.c): each call is
 * the direct mapping's work (direct.c) followed, or preceded for the
 * unmaps and frees, by DMA-API debug's bookkeeping (debug.c), in Linux's
 * order, so that the checker sees exactly what the driver asked for.
 */
#include <asm/cacheflush.h>
#include <linux/dma-debug.h>
#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/kernel.h>

#include "direct.h"
#include "dma-dev.h"

dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size,
				enum dma_data_direction dir, unsigned long attrs)
{
	debug_dma_map_single(dev, ptr, size);
	if (WARN_ON_ONCE(!valid_dma_direction(dir)))
		return DMA_MAPPING_ERROR;
	phys_addr_t phys = (phys_addr_t)(uintptr_t)ptr;
	dma_addr_t addr = dma_direct_map_phys(dev, phys, size, dir, attrs);
	debug_dma_map_page(dev, phys, size, dir, addr, attrs);
	return addr;
}

void dma_unmap_single_attrs(struct device *dev, dma_addr_t addr, size_t size,
			    enum dma_data_direction dir, unsigned long attrs)
{
	if (WARN_ON_ONCE(!valid_dma_direction(dir)))
		return;
	dma_direct_unmap_phys(dev, addr, size, dir, attrs);
	debug_dma_unmap_page(dev, addr, size, dir);
}

static int __dma_map_sg_attrs(struct device *dev, struct scatterlist *sg, int nents,
			      enum dma_data_direction dir, unsigned long attrs)
{
	if (WARN_ON_ONCE(!valid_dma_direction(dir)) || nents <= 0)
		return -EINVAL;
	int ents = dma_direct_map_sg(dev, sg, nents, dir, attrs);
	if (ents > 0)
		debug_dma_map_sg(dev, sg, nents, ents, dir, attrs);
	return ents;
}

int dma_map_sg_attrs(struct device *dev, struct scatterlist *sg, int nents,
		     enum dma_data_direction dir, unsigned long attrs)
{
	int ret = __dma_map_sg_attrs(dev, sg, nents, dir, attrs);
	return ret < 0 ? 0 : ret;
}

int dma_map_sgtable(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir,
		    unsigned long attrs)
{
	int nents = __dma_map_sg_attrs(dev, sgt->sgl, (int)sgt->orig_nents, dir, attrs);
	if (nents < 0)
		return nents;
	sgt->nents = (unsigned int)nents;
	return 0;
}

void dma_unmap_sg_attrs(struct device *dev, struct scatterlist *sg, int nents,
			enum dma_data_direction dir, unsigned long attrs)
{
	if (WARN_ON_ONCE(!valid_dma_direction(dir)))
		return;
	debug_dma_unmap_sg(dev, sg, nents, dir);
	dma_direct_unmap_sg(dev, sg, nents, dir, attrs);
}

void dma_unmap_sgtable(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir,
		       unsigned long attrs)
{
	dma_unmap_sg_attrs(dev, sgt->sgl, (int)sgt->orig_nents, dir, attrs);
}

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	if (WARN_ON_ONCE(!valid_dma_direction(dir)))
		return;
	dma_direct_sync_single_for_cpu(dev, addr, size, dir);
	debug_dma_sync_single_for_cpu(dev, addr, size, dir);
}

void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir)
{
	if (WARN_ON_ONCE(!valid_dma_direction(dir)))
		return;
	dma_direct_sync_single_for_device(dev, addr, size, dir);
	debug_dma_sync_single_for_device(dev, addr, size, dir);
}

void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nelems,
			 enum dma_data_direction dir)
{
	if (WARN_ON_ONCE(!valid_dma_direction(dir)))
		return;
	struct scatterlist *s;
	int i;
	for_each_sg(sg, s, nelems, i)
		dma_direct_sync_single_for_cpu(dev, sg_dma_address(s), sg_dma_len(s), dir);
	debug_dma_sync_sg_for_cpu(dev, sg, nelems, dir);
}

void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nelems,
			    enum dma_data_direction dir)
{
	if (WARN_ON_ONCE(!valid_dma_direction(dir)))
		return;
	struct scatterlist *s;
	int i;
	for_each_sg(sg, s, nelems, i)
		dma_direct_sync_single_for_device(dev, sg_dma_address(s), sg_dma_len(s), dir);
	debug_dma_sync_sg_for_device(dev, sg, nelems, dir);
}

int dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
{
	debug_dma_mapping_error(dev, dma_addr);
	return dma_addr == DMA_MAPPING_ERROR ? -ENOMEM : 0;
}

/* Linux's dma_direct_supported: the mask must reach the memory the
 * kernel hands out for DMA. Here that is every RAM the device tree
 * lists, all of it below 4 GiB, so any mask of 32 bits does; a smaller
 * one must at least reach the on-chip SRAM (kmalloc's memory), the
 * ARMv7-M SRAM region up to 0x3fff_ffff. */
int dma_supported(struct device *dev, u64 mask)
{
	return mask >= DMA_BIT_MASK(30);
}

int dma_set_mask(struct device *dev, u64 mask)
{
	if (!dma_supported(dev, mask))
		return -EIO;
	return dma_dev_set_masks(dev, &mask, NULL);
}

int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	if (!dma_supported(dev, mask))
		return -EIO;
	return dma_dev_set_masks(dev, NULL, &mask);
}

int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	int rc = dma_set_mask(dev, mask);
	return rc ? rc : dma_set_coherent_mask(dev, mask);
}

u64 dma_get_mask(struct device *dev)
{
	return dma_dev_get_mask(dev);
}

void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t flag,
		      unsigned long attrs)
{
	*dma_handle = DMA_MAPPING_ERROR;
	if (!size)
		return NULL;
	void *cpu_addr = dma_direct_alloc(dev, size, dma_handle, flag, attrs);
	debug_dma_alloc_coherent(dev, size, *dma_handle, cpu_addr, attrs);
	return cpu_addr;
}

void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle,
		    unsigned long attrs)
{
	debug_dma_free_coherent(dev, size, cpu_addr, dma_handle);
	if (!cpu_addr)
		return;
	dma_direct_free(dev, size, cpu_addr, dma_handle, attrs);
}

int dma_get_cache_alignment(void)
{
	return cpu_has_dcache() ? (int)v7m_cache.dline : 1;
}
