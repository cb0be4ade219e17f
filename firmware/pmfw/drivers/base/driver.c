/*
 * Drivers (Linux's drivers/base/driver.c): registering one on its bus
 * (which offers it every device without a driver), finding it by name,
 * and the devices bound to it.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "base.h"

struct device_driver *driver_find(const char *name, const struct bus_type *bus)
{
	struct subsys_private *sp = bus_to_subsys(bus);
	struct driver_private *dp;
	if (!sp)
		return NULL;
	list_for_each_entry(dp, &sp->klist_drivers, knode_bus)
		if (!strcmp(dp->driver->name, name))
			return dp->driver;
	return NULL;
}

int driver_register(struct device_driver *drv)
{
	if (!drv->bus || !bus_to_subsys(drv->bus)) {
		pr_err("Driver '%s' was unable to register with bus_type '%s' because the bus was not initialized.\n",
		       drv->name, drv->bus ? drv->bus->name : "(none)");
		return -EINVAL;
	}
	if ((drv->bus->probe && drv->probe) || (drv->bus->remove && drv->remove) ||
	    (drv->bus->shutdown && drv->shutdown))
		pr_warn("Driver '%s' needs updating - please use bus_type methods\n", drv->name);
	if (driver_find(drv->name, drv->bus)) {
		pr_err("Error: Driver '%s' is already registered, aborting...\n", drv->name);
		return -EBUSY;
	}
	int err = bus_add_driver(drv);
	if (err)
		return err;
	err = sysfs_create_groups(&drv->p->kobj, drv->groups);
	if (err)
		bus_remove_driver(drv);
	return err;
}

void driver_unregister(struct device_driver *drv)
{
	if (!drv || !drv->p) {
		pr_warn("Unexpected driver unregister!\n");
		return;
	}
	sysfs_remove_groups(&drv->p->kobj, drv->groups);
	bus_remove_driver(drv);
}

int driver_for_each_device(struct device_driver *drv, struct device *start, void *data,
			   int (*fn)(struct device *dev, void *data))
{
	struct device *dev, *next;
	int err = 0;
	if (!drv || !drv->p)
		return -EINVAL;
	dev = start ? list_next_entry(start, knode_driver)
		    : list_first_entry(&drv->p->klist_devices, struct device, knode_driver);
	for (; &dev->knode_driver != &drv->p->klist_devices; dev = next) {
		next = list_next_entry(dev, knode_driver);
		if ((err = fn(dev, data)))
			break;
	}
	return err;
}

struct device *driver_find_device(struct device_driver *drv, struct device *start,
				  const void *data,
				  int (*match)(struct device *dev, const void *data))
{
	struct device *dev;
	if (!drv || !drv->p)
		return NULL;
	dev = start ? list_next_entry(start, knode_driver)
		    : list_first_entry(&drv->p->klist_devices, struct device, knode_driver);
	for (; &dev->knode_driver != &drv->p->klist_devices; dev = list_next_entry(dev, knode_driver))
		if (match(dev, data))
			return get_device(dev);
	return NULL;
}
