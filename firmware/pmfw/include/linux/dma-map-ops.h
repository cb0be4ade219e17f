/*
 * What the architecture and the DMA core share (include/linux/dma-map-ops.h):
 * the global coherent pool (kernel/dma/coherent.c) that
 * arch/arm/mm/nommu.c finds and maps before the caches come on.
 */
#ifndef _LINUX_DMA_MAP_OPS_H
#define _LINUX_DMA_MAP_OPS_H

#include <linux/types.h>

struct device;

/* Find the `shared-dma-pool` reserved-memory node with
 * `linux,dma-default` and make it the global pool. 0 with its place, or
 * -ENODEV (none) / -EINVAL (a node that cannot be used, said why). */
int dma_init_global_coherent_from_dt(phys_addr_t *base, size_t *size);
/* Forget the pool (the MPU could not make it non-cacheable). */
void dma_release_global_coherent(void);

/* From the global pool: a pointer, or NULL (no pool, or no room). */
void *dma_alloc_from_global_coherent(struct device *dev, ssize_t size, dma_addr_t *dma_handle);
/* 1 if vaddr was the pool's (and its 2^order pages are freed now), else 0. */
int dma_release_from_global_coherent(int order, void *vaddr);
bool dma_global_coherent_present(void);

#endif
