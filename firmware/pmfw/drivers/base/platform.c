/*
 * The platform bus (Linux's drivers/base/platform.c;
 * include/linux/platform_device.h has the model): /sys/devices/platform
 * and /sys/bus/platform.
 *
 * Matching, in Linux's order: driver_override (a name written to the
 * device's file of that name), the DT's compatible against the driver's
 * of_match_table, the driver's id_table, the driver's name. Probing
 * attaches the device to its PM domain first (genpd provides
 * dev_pm_domain_attach; without it there is none) and applies the node's
 * assigned-clocks (the clk framework's of_clk_set_defaults).
 *
 * Primecell peripherals (PL011, SP804, PL031, PL061, PL080) are platform
 * devices too: Linux puts them on the AMBA bus, matched by the ID
 * registers, but pmfw matches everything by compatible.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "base.h"

#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

struct device platform_bus = {
	.init_name = "platform",
};

/* drivers/base/power/ (generic power domains) and drivers/clk/ replace these. */
__weak int dev_pm_domain_attach(struct device *dev, bool power_on)
{
	(void)dev;
	(void)power_on;
	return 0;
}
__weak void dev_pm_domain_detach(struct device *dev, bool power_off)
{
	(void)dev;
	(void)power_off;
}
__weak int of_clk_set_defaults(struct device_node *node, bool clk_supplier)
{
	(void)node;
	(void)clk_supplier;
	return 0;
}

/* ---- resources --------------------------------------------------------------- */

struct resource *platform_get_resource(struct platform_device *pdev, unsigned int type,
				       unsigned int num)
{
	for (u32 i = 0; i < pdev->num_resources; i++) {
		struct resource *r = &pdev->resource[i];
		if (type == resource_type(r) && num-- == 0)
			return r;
	}
	return NULL;
}

struct resource *platform_get_resource_byname(struct platform_device *pdev, unsigned int type,
					      const char *name)
{
	int i = of_property_match_string(pdev->dev.of_node, "reg-names", name);
	return i < 0 ? NULL : platform_get_resource(pdev, type, (unsigned int)i);
}

int platform_get_irq_optional(struct platform_device *pdev, unsigned int num)
{
	if (pdev->dev.of_node) {
		int irq = of_irq_get(pdev->dev.of_node, (int)num);
		if (irq >= 0 || irq == -EPROBE_DEFER)
			return irq;
	}
	struct resource *r = platform_get_resource(pdev, IORESOURCE_IRQ, num);
	return r ? (int)r->start : -ENXIO;
}

int platform_get_irq(struct platform_device *pdev, unsigned int num)
{
	int irq = platform_get_irq_optional(pdev, num);
	if (irq < 0)
		return dev_err_probe(&pdev->dev, irq, "IRQ index %u not found\n", num);
	return irq;
}

int platform_irq_count(struct platform_device *pdev)
{
	int n = 0;
	while (platform_get_irq_optional(pdev, (unsigned int)n) >= 0)
		n++;
	return n;
}

void __iomem *devm_platform_get_and_ioremap_resource(struct platform_device *pdev,
						     unsigned int index, struct resource **res)
{
	struct resource *r = platform_get_resource(pdev, IORESOURCE_MEM, index);
	if (res)
		*res = r;
	return devm_ioremap_resource(&pdev->dev, r);
}

void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev, unsigned int index)
{
	return devm_platform_get_and_ioremap_resource(pdev, index, NULL);
}

/* ---- devices ----------------------------------------------------------------- */

struct platform_object {
	struct platform_device pdev;
	char name[];
};

static void platform_device_release(struct device *dev)
{
	struct platform_object *pa = container_of(dev, struct platform_object, pdev.dev);
	kfree(pa->pdev.dev.platform_data);
	kfree(pa->pdev.resource);
	kfree(pa->pdev.driver_override);
	kfree(pa);
}

static void setup_pdev_dma_masks(struct platform_device *pdev)
{
	if (!pdev->dev.coherent_dma_mask)
		pdev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	if (!pdev->dev.dma_mask) {
		pdev->platform_dma_mask = DMA_BIT_MASK(32);
		pdev->dev.dma_mask = &pdev->platform_dma_mask;
	}
}

struct platform_device *platform_device_alloc(const char *name, int id)
{
	size_t n = strlen(name) + 1;
	struct platform_object *pa = kzalloc(sizeof *pa + n, GFP_KERNEL);
	if (!pa)
		return NULL;
	memcpy(pa->name, name, n);
	pa->pdev.name = pa->name;
	pa->pdev.id = id;
	device_initialize(&pa->pdev.dev);
	pa->pdev.dev.release = platform_device_release;
	setup_pdev_dma_masks(&pa->pdev);
	return &pa->pdev;
}

int platform_device_add_resources(struct platform_device *pdev, const struct resource *res,
				  unsigned int num)
{
	struct resource *r = NULL;
	if (res && num) {
		r = kmalloc(sizeof *r * num, GFP_KERNEL);
		if (!r)
			return -ENOMEM;
		memcpy(r, res, sizeof *r * num);
	}
	kfree(pdev->resource);
	pdev->resource = r;
	pdev->num_resources = r ? num : 0;
	return 0;
}

int platform_device_add_data(struct platform_device *pdev, const void *data, size_t size)
{
	void *d = NULL;
	if (data && size) {
		d = kmalloc(size, GFP_KERNEL);
		if (!d)
			return -ENOMEM;
		memcpy(d, data, size);
	}
	kfree(pdev->dev.platform_data);
	pdev->dev.platform_data = d;
	return 0;
}

int platform_device_add(struct platform_device *pdev)
{
	static int next_auto_id;
	int err;
	if (!pdev)
		return -EINVAL;
	if (!pdev->dev.parent)
		pdev->dev.parent = &platform_bus;
	pdev->dev.bus = &platform_bus_type;
	switch (pdev->id) {
	case PLATFORM_DEVID_NONE:
		err = dev_set_name(&pdev->dev, "%s", pdev->name);
		break;
	case PLATFORM_DEVID_AUTO:
		pdev->id = next_auto_id++;
		pdev->id_auto = true;
		err = dev_set_name(&pdev->dev, "%s.%d.auto", pdev->name, pdev->id);
		break;
	default:
		err = dev_set_name(&pdev->dev, "%s.%d", pdev->name, pdev->id);
		break;
	}
	if (err)
		return err;
	err = device_add(&pdev->dev);
	if (err && pdev->id_auto) {
		pdev->id = PLATFORM_DEVID_AUTO;
		pdev->id_auto = false;
	}
	return err;
}

void platform_device_del(struct platform_device *pdev)
{
	if (!IS_ERR_OR_NULL(pdev))
		device_del(&pdev->dev);
}

void platform_device_put(struct platform_device *pdev)
{
	if (!IS_ERR_OR_NULL(pdev))
		put_device(&pdev->dev);
}

int platform_device_register(struct platform_device *pdev)
{
	device_initialize(&pdev->dev);
	setup_pdev_dma_masks(pdev);
	return platform_device_add(pdev);
}

void platform_device_unregister(struct platform_device *pdev)
{
	if (IS_ERR_OR_NULL(pdev))
		return;
	platform_device_del(pdev);
	platform_device_put(pdev);
}

struct platform_device *platform_device_register_resndata(struct device *parent,
							  const char *name, int id,
							  const struct resource *res,
							  unsigned int num, const void *data,
							  size_t size)
{
	struct platform_device *pdev = platform_device_alloc(name, id);
	int err;
	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.parent = parent;
	err = platform_device_add_resources(pdev, res, num);
	if (!err)
		err = platform_device_add_data(pdev, data, size);
	if (!err)
		err = platform_device_add(pdev);
	if (err) {
		platform_device_put(pdev);
		return ERR_PTR(err);
	}
	return pdev;
}

/* ---- drivers ----------------------------------------------------------------- */

int __platform_driver_register(struct platform_driver *drv, struct module *owner)
{
	drv->driver.owner = owner;
	drv->driver.bus = &platform_bus_type;
	return driver_register(&drv->driver);
}

void platform_driver_unregister(struct platform_driver *drv)
{
	driver_unregister(&drv->driver);
}

/* ---- the bus ----------------------------------------------------------------- */

static const struct platform_device_id *platform_match_id(const struct platform_device_id *id,
							  struct platform_device *pdev)
{
	for (; id->name[0]; id++)
		if (!strcmp(pdev->name, id->name)) {
			pdev->id_entry = id;
			return id;
		}
	return NULL;
}

static int platform_match(struct device *dev, const struct device_driver *drv)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct platform_driver *pdrv = to_platform_driver(drv);
	if (pdev->driver_override)
		return !strcmp(pdev->driver_override, drv->name);
	if (of_driver_match_device(dev, drv))
		return 1;
	if (pdrv->id_table)
		return platform_match_id(pdrv->id_table, pdev) != NULL;
	return !strcmp(pdev->name, drv->name);
}

static int platform_probe(struct device *_dev)
{
	struct platform_driver *drv = to_platform_driver(_dev->driver);
	struct platform_device *dev = to_platform_device(_dev);
	int ret = of_clk_set_defaults(_dev->of_node, false);
	if (ret < 0)
		return ret;
	ret = dev_pm_domain_attach(_dev, true);
	if (ret)
		goto out;
	if (drv->probe) {
		ret = drv->probe(dev);
		if (ret)
			dev_pm_domain_detach(_dev, true);
	}
out:
	if (drv->prevent_deferred_probe && ret == -EPROBE_DEFER) {
		dev_warn(_dev, "probe deferral not supported\n");
		ret = -ENXIO;
	}
	return ret;
}

static void platform_remove(struct device *_dev)
{
	struct platform_driver *drv = to_platform_driver(_dev->driver);
	if (drv->remove)
		drv->remove(to_platform_device(_dev));
	dev_pm_domain_detach(_dev, true);
}

static void platform_shutdown(struct device *_dev)
{
	if (!_dev->driver)
		return;
	struct platform_driver *drv = to_platform_driver(_dev->driver);
	if (drv->shutdown)
		drv->shutdown(to_platform_device(_dev));
}

static ssize_t modalias_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	(void)attr;
	ssize_t len = of_device_modalias(dev, buf, PAGE_SIZE);
	if (len != -ENODEV)
		return len;
	return sysfs_emit(buf, "platform:%s\n", to_platform_device(dev)->name);
}
static DEVICE_ATTR_RO(modalias);

static ssize_t driver_override_show(struct device *dev, struct device_attribute *attr,
				    char *buf)
{
	const char *o = to_platform_device(dev)->driver_override;
	(void)attr;
	return sysfs_emit(buf, "%s\n", o ? o : "(null)");
}

/* A driver's name (the next probe uses only that driver), or an empty
 * line to go back to matching. */
static ssize_t driver_override_store(struct device *dev, struct device_attribute *attr,
				     const char *buf, size_t count)
{
	struct platform_device *pdev = to_platform_device(dev);
	(void)attr;
	if (count >= PAGE_SIZE - 1)
		return -EINVAL;
	size_t n = strcspn(buf, "\n");
	char *o = NULL;
	if (n) {
		o = kmalloc(n + 1, GFP_KERNEL);
		if (!o)
			return -ENOMEM;
		memcpy(o, buf, n);
		o[n] = '\0';
	}
	kfree(pdev->driver_override);
	pdev->driver_override = o;
	return (ssize_t)count;
}
static DEVICE_ATTR_RW(driver_override);

static struct attribute *platform_dev_attrs[] = {
	&dev_attr_modalias.attr,
	&dev_attr_driver_override.attr,
	NULL,
};
ATTRIBUTE_GROUPS(platform_dev);

const struct bus_type platform_bus_type = {
	.name = "platform",
	.dev_groups = platform_dev_groups,
	.match = platform_match,
	.probe = platform_probe,
	.remove = platform_remove,
	.shutdown = platform_shutdown,
};

int platform_bus_init(void)
{
	int err = device_register(&platform_bus);
	if (err) {
		put_device(&platform_bus);
		return err;
	}
	err = bus_register(&platform_bus_type);
	if (err)
		device_unregister(&platform_bus);
	return err;
}
