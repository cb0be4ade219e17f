/*
 * kernel/dma/'s view of a struct device (dma-dev.h). Until the device
 * model gives struct device its DMA fields, every device has the default
 * masks (32 bits) and debug messages name the device by its address.
 */
#include <linux/kernel.h>

#include "dma-dev.h"

__weak const char *dma_dev_name(const struct device *dev)
{
	return dev ? "device" : "NULL";
}

__weak const char *dma_dev_driver_string(const struct device *dev)
{
	return dev ? "driver" : "NULL";
}

__weak u64 dma_dev_get_mask(const struct device *dev)
{
	return 0xffffffffULL;
}

__weak u64 dma_dev_get_coherent_mask(const struct device *dev)
{
	return 0xffffffffULL;
}

__weak int dma_dev_set_masks(struct device *dev, const u64 *mask, const u64 *coherent)
{
	return 0;
}
