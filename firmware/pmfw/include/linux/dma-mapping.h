/*
 * The DMA API (include/linux/dma-mapping.h; Linux's
 * Documentation/core-api/dma-api.rst and dma-api-howto.rst), for a
 * non-coherent ARMv7-M without an IOMMU: a DMA address is the physical
 * address, and the work is cache maintenance (kernel/dma/direct.c).
 *
 *  - Coherent memory (dma_alloc_coherent): from the default coherent
 *    pool, the `shared-dma-pool` reserved-memory node with
 *    `linux,dma-default`, which the MPU maps non-cacheable
 *    (kernel/dma/coherent.c); CPU and device see the same bytes without
 *    maintenance. On a core without caches, ordinary memory.
 *  - Streaming mappings (dma_map_single, dma_map_sg): a buffer is handed
 *    to the device at map time and back to the CPU at unmap time;
 *    dma_sync_*_for_cpu / _for_device move ownership in between. The
 *    cache maintenance for each direction is docs/pmfw.md's table.
 *
 * With DMA-API debugging (kernel/dma/debug.c; on unless `dma_debug=off`)
 * every mapping and allocation is tracked per device and misuse is
 * reported with Linux's "DMA-API: ..." messages.
 */
#ifndef _LINUX_DMA_MAPPING_H
#define _LINUX_DMA_MAPPING_H

#include <linux/dma-direction.h>
#include <linux/scatterlist.h>
#include <linux/types.h>

struct device;

#define DMA_MAPPING_ERROR (~(dma_addr_t)0)
#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

/* dma_*_attrs() attributes: accepted, none changes anything here. */
#define DMA_ATTR_WEAK_ORDERING (1UL << 1)
#define DMA_ATTR_WRITE_COMBINE (1UL << 2)
#define DMA_ATTR_NO_KERNEL_MAPPING (1UL << 4)
#define DMA_ATTR_SKIP_CPU_SYNC (1UL << 5)

dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size,
				enum dma_data_direction dir, unsigned long attrs);
void dma_unmap_single_attrs(struct device *dev, dma_addr_t addr, size_t size,
			    enum dma_data_direction dir, unsigned long attrs);
#define dma_map_single(d, a, s, r) dma_map_single_attrs(d, a, s, r, 0)
#define dma_unmap_single(d, a, s, r) dma_unmap_single_attrs(d, a, s, r, 0)

/* The number of DMA segments (here: nents), or 0 on failure. */
int dma_map_sg_attrs(struct device *dev, struct scatterlist *sg, int nents,
		     enum dma_data_direction dir, unsigned long attrs);
/* nents: the count passed to dma_map_sg, not the count it returned. */
void dma_unmap_sg_attrs(struct device *dev, struct scatterlist *sg, int nents,
			enum dma_data_direction dir, unsigned long attrs);
#define dma_map_sg(d, s, n, r) dma_map_sg_attrs(d, s, n, r, 0)
#define dma_unmap_sg(d, s, n, r) dma_unmap_sg_attrs(d, s, n, r, 0)
/* 0 or a negative errno; sgt->nents is set. */
int dma_map_sgtable(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir,
		    unsigned long attrs);
void dma_unmap_sgtable(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir,
		       unsigned long attrs);

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir);
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir);
void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nelems,
			 enum dma_data_direction dir);
void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nelems,
			    enum dma_data_direction dir);

/* Non-zero if a map call failed. Every dma_map_single's result must be
 * checked with it (DMA-API debug reports the mappings that were not). */
int dma_mapping_error(struct device *dev, dma_addr_t dma_addr);

/* The addresses the device can reach: 0, or -EIO if it cannot reach the
 * memory the kernel allocates from. */
int dma_set_mask(struct device *dev, u64 mask);
int dma_set_coherent_mask(struct device *dev, u64 mask);
int dma_set_mask_and_coherent(struct device *dev, u64 mask);
int dma_supported(struct device *dev, u64 mask);
/* The alignment (and size granule) that keeps a buffer alone in its cache
 * lines: the D-cache line on a core with one, 1 without; kmalloc's memory
 * has it (Linux's ARCH_DMA_MINALIGN). */
int dma_get_cache_alignment(void);
u64 dma_get_mask(struct device *dev);

void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t flag,
		      unsigned long attrs);
void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle,
		    unsigned long attrs);
static inline void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle,
				       gfp_t gfp)
{
	return dma_alloc_attrs(dev, size, dma_handle, gfp, 0);
}
static inline void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr,
				     dma_addr_t dma_handle)
{
	dma_free_attrs(dev, size, cpu_addr, dma_handle, 0);
}
/* Managed (devres): freed when the driver unbinds. */
void *dmam_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp,
		       unsigned long attrs);
void dmam_free_coherent(struct device *dev, size_t size, void *vaddr, dma_addr_t dma_handle);
static inline void *dmam_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle,
					gfp_t gfp)
{
	return dmam_alloc_attrs(dev, size, dma_handle, gfp, 0);
}
#endif
