/*
 * kernel/dma/'s view of a struct device (dma-dev.h), and the managed
 * (devres) coherent allocations (Linux's dmam_alloc_attrs in
 * kernel/dma/mapping.c): freed when the driver unbinds, before DMA-API
 * debug looks for leaks.
 *
 * A device's streaming mask is *dev->dma_mask (platform devices get one
 * of 32 bits), its coherent mask dev->coherent_dma_mask; bus_dma_limit,
 * when set, bounds both, as in Linux's dma_capable.
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/errno.h>

#include "dma-dev.h"

const char *dma_dev_name(const struct device *dev)
{
	return dev ? dev_name(dev) : "NULL";
}

const char *dma_dev_driver_string(const struct device *dev)
{
	return dev ? dev_driver_string(dev) : "NULL";
}

static u64 limit(const struct device *dev, u64 mask)
{
	if (dev->bus_dma_limit && dev->bus_dma_limit < mask)
		return dev->bus_dma_limit;
	return mask;
}

u64 dma_dev_get_mask(const struct device *dev)
{
	if (!dev || !dev->dma_mask)
		return DMA_BIT_MASK(32);
	return limit(dev, *dev->dma_mask);
}

u64 dma_dev_get_coherent_mask(const struct device *dev)
{
	if (!dev || !dev->coherent_dma_mask)
		return DMA_BIT_MASK(32);
	return limit(dev, dev->coherent_dma_mask);
}

int dma_dev_set_masks(struct device *dev, const u64 *mask, const u64 *coherent)
{
	if (mask) {
		if (!dev->dma_mask)
			return -EIO;
		*dev->dma_mask = *mask;
	}
	if (coherent)
		dev->coherent_dma_mask = *coherent;
	return 0;
}

struct dma_devres {
	size_t size;
	void *vaddr;
	dma_addr_t dma_handle;
	unsigned long attrs;
};

static void dmam_release(struct device *dev, void *res)
{
	struct dma_devres *this = res;
	dma_free_attrs(dev, this->size, this->vaddr, this->dma_handle, this->attrs);
}

static int dmam_match(struct device *dev, void *res, void *match_data)
{
	struct dma_devres *this = res, *match = match_data;
	return this->vaddr == match->vaddr;
}

void *dmam_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp,
		       unsigned long attrs)
{
	struct dma_devres *dr = devres_alloc(dmam_release, sizeof(*dr), gfp);
	if (!dr)
		return NULL;
	void *vaddr = dma_alloc_attrs(dev, size, dma_handle, gfp, attrs);
	if (!vaddr) {
		devres_free(dr);
		return NULL;
	}
	dr->vaddr = vaddr;
	dr->dma_handle = *dma_handle;
	dr->size = size;
	dr->attrs = attrs;
	devres_add(dev, dr);
	return vaddr;
}

void dmam_free_coherent(struct device *dev, size_t size, void *vaddr, dma_addr_t dma_handle)
{
	struct dma_devres match_data = { size, vaddr, dma_handle, 0 };
	WARN_ON(devres_destroy(dev, dmam_release, dmam_match, &match_data));
	dma_free_coherent(dev, size, vaddr, dma_handle);
}
