/*
 * What kernel/dma/ needs to know of a struct device: its name and its
 * driver's (for DMA-API debug's messages) and its DMA masks. One place,
 * so that the DMA core does not depend on the layout of struct device.
 */
#ifndef _KERNEL_DMA_DMA_DEV_H
#define _KERNEL_DMA_DMA_DEV_H

#include <linux/types.h>

struct device;

/* dev_name(dev) and dev_driver_string(dev); "NULL" for no device. */
const char *dma_dev_name(const struct device *dev);
const char *dma_dev_driver_string(const struct device *dev);

/* The device's streaming and coherent masks (all 32 bits by default). */
u64 dma_dev_get_mask(const struct device *dev);
u64 dma_dev_get_coherent_mask(const struct device *dev);
int dma_dev_set_masks(struct device *dev, const u64 *mask, const u64 *coherent);

#endif
