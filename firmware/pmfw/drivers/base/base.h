/* The driver core's internals (Linux's drivers/base/base.h). */
#ifndef _DRIVERS_BASE_BASE_H
#define _DRIVERS_BASE_BASE_H

#include <linux/device.h>
#include <linux/notifier.h>
#include <linux/kobject.h>
#include <linux/list.h>

/* A registered bus: /sys/bus/<name>, with its devices/ and drivers/. */
struct subsys_private {
	struct kobject subsys;
	struct kobject *devices_kobj;
	struct kobject *drivers_kobj;
	struct list_head klist_devices; /* devices, by knode_bus */
	struct list_head klist_drivers; /* driver_private, by knode_bus */
	const struct bus_type *bus;
	struct list_head node;          /* in the list of buses */
	bool drivers_autoprobe;
	struct blocking_notifier_head bus_notifier; /* bus_register_notifier */
};

/* A registered driver: /sys/bus/<bus>/drivers/<name>. */
struct driver_private {
	struct kobject kobj;
	struct list_head klist_devices; /* bound devices, by knode_driver */
	struct list_head knode_bus;
	struct device_driver *driver;
};

extern struct kobject *devices_kobj; /* /sys/devices */
extern struct kobject *bus_kobj;     /* /sys/bus */

int devices_init(void);
int buses_init(void);
int platform_bus_init(void);
int cpu_dev_init(void);

struct subsys_private *bus_to_subsys(const struct bus_type *bus);
int bus_add_device(struct device *dev);
void bus_probe_device(struct device *dev);
void bus_remove_device(struct device *dev);
int bus_add_driver(struct device_driver *drv);
void bus_remove_driver(struct device_driver *drv);

static inline int driver_match_device(const struct device_driver *drv, struct device *dev)
{
	return drv->bus->match ? drv->bus->match(dev, drv) : 1;
}
/* Bind drv to dev: 0, or the probe's (or the core's) negative errno. */
int driver_probe_device(struct device_driver *drv, struct device *dev);
int device_driver_attach(struct device_driver *drv, struct device *dev);
void device_driver_detach(struct device *dev);
void driver_detach(struct device_driver *drv);
void driver_deferred_probe_add(struct device *dev);
void driver_deferred_probe_del(struct device *dev);
void device_set_deferred_probe_reason(const struct device *dev, const char *reason);

int devres_release_all(struct device *dev);

/* Class devices (class.c): the directory a device of a class goes in
 * (parent's kobject for one without a class) and its release; its links
 * and the class's attributes, once it has its directory. */
struct kobject *device_class_dir(struct device *dev, struct kobject *parent);
void device_class_dir_put(struct device *dev, struct kobject *dir);
int device_class_add(struct device *dev);
void device_class_remove(struct device *dev);

#endif
