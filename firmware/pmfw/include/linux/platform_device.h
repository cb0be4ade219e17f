/*
 * Platform devices (include/linux/platform_device.h, drivers/base/platform.c):
 * the devices of the SoC's buses, which the device tree lists (drivers/of/
 * platform.c creates one per node) or code registers by name. A platform
 * driver binds by the DT's compatible (driver.of_match_table), by its
 * id_table, or by its name; its resources are the node's "reg" entries
 * (IORESOURCE_MEM) and its interrupts the node's "interrupts".
 */
#ifndef _LINUX_PLATFORM_DEVICE_H
#define _LINUX_PLATFORM_DEVICE_H

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/of.h>

#define PLATFORM_DEVID_NONE (-1)
#define PLATFORM_DEVID_AUTO (-2)

struct platform_device {
	const char *name;
	int id;
	bool id_auto;
	struct device dev;
	u64 platform_dma_mask;
	struct device_dma_parameters dma_parms;
	u32 num_resources;
	struct resource *resource;
	const struct platform_device_id *id_entry;
	const char *driver_override;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)
#define dev_is_platform(dev) ((dev)->bus == &platform_bus_type)

extern struct device platform_bus; /* /sys/devices/platform */
extern const struct bus_type platform_bus_type;

struct platform_driver {
	int (*probe)(struct platform_device *pdev);
	void (*remove)(struct platform_device *pdev);
	void (*shutdown)(struct platform_device *pdev);
	int (*suspend)(struct platform_device *pdev, pm_message_t state);
	int (*resume)(struct platform_device *pdev);
	struct device_driver driver;
	const struct platform_device_id *id_table;
	bool prevent_deferred_probe;
	bool driver_managed_dma;
};

#define to_platform_driver(drv) (container_of((drv), struct platform_driver, driver))

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}
static inline void platform_set_drvdata(struct platform_device *pdev, void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

struct platform_device *platform_device_alloc(const char *name, int id);
int platform_device_add_resources(struct platform_device *pdev, const struct resource *res,
				  unsigned int num);
int platform_device_add_data(struct platform_device *pdev, const void *data, size_t size);
int platform_device_add(struct platform_device *pdev);
void platform_device_del(struct platform_device *pdev);
void platform_device_put(struct platform_device *pdev);
int platform_device_register(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);
struct platform_device *platform_device_register_resndata(struct device *parent,
							  const char *name, int id,
							  const struct resource *res,
							  unsigned int num, const void *data,
							  size_t size);
static inline struct platform_device *platform_device_register_simple(const char *name,
								       int id,
								       const struct resource *res,
								       unsigned int num)
{
	return platform_device_register_resndata(NULL, name, id, res, num, NULL, 0);
}
static inline struct platform_device *platform_device_register_data(struct device *parent,
								     const char *name, int id,
								     const void *data,
								     size_t size)
{
	return platform_device_register_resndata(parent, name, id, NULL, 0, data, size);
}

/* Resource `num` of the type (IORESOURCE_MEM...), or NULL. */
struct resource *platform_get_resource(struct platform_device *pdev, unsigned int type,
				       unsigned int num);
/* By the DT's reg-names. */
struct resource *platform_get_resource_byname(struct platform_device *pdev, unsigned int type,
					      const char *name);
/* Interrupt `num` (an NVIC line: 0 is a valid one), or a negative errno;
 * platform_get_irq says which one is missing, the _optional one does not. */
int platform_get_irq(struct platform_device *pdev, unsigned int num);
int platform_get_irq_optional(struct platform_device *pdev, unsigned int num);
int platform_irq_count(struct platform_device *pdev);
void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev, unsigned int index);
void __iomem *devm_platform_get_and_ioremap_resource(struct platform_device *pdev,
						     unsigned int index, struct resource **res);

int __platform_driver_register(struct platform_driver *drv, struct module *owner);
#define platform_driver_register(drv) __platform_driver_register(drv, THIS_MODULE)
void platform_driver_unregister(struct platform_driver *drv);

/* A driver module whose init registers it (a device_initcall). */
#define module_driver(__driver, __register, __unregister)                              \
	static int __init __driver##_init(void)                                        \
	{                                                                              \
		return __register(&(__driver));                                        \
	}                                                                              \
	module_init(__driver##_init)
#define module_platform_driver(__platform_driver)                                      \
	module_driver(__platform_driver, platform_driver_register, platform_driver_unregister)
#define builtin_platform_driver(__platform_driver) module_platform_driver(__platform_driver)

#endif
