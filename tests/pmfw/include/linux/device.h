/* Host unit tests: just enough of struct device for the frameworks under
 * test (the real one is firmware/pmfw/include/linux/device.h). */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>

struct device {
	const char *init_name;
	struct device_node *of_node;
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->init_name;
}

typedef void (*dr_release_t)(struct device *dev, void *res);
void *devres_alloc(dr_release_t release, size_t size, gfp_t gfp);
void devres_add(struct device *dev, void *res);
void devres_free(void *res);
#define dev_err(dev, fmt, ...) printk(KERN_ERR "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) printk(KERN_INFO "%s: " fmt, dev_name(dev), ##__VA_ARGS__)

#endif
