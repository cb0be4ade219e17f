/*
 * Buses (Linux's drivers/base/bus.c): /sys/bus/<bus> with devices/ (links
 * to every device on the bus) and drivers/ (a directory per driver, with
 * links to the devices bound to it, and the bind and unbind files), plus
 * drivers_autoprobe and drivers_probe. A device added to a bus gets a
 * "subsystem" link to it.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "base.h"

struct kobject *bus_kobj;
static LIST_HEAD(bus_list);

struct subsys_private *bus_to_subsys(const struct bus_type *bus)
{
	struct subsys_private *sp;
	if (!bus)
		return NULL;
	list_for_each_entry(sp, &bus_list, node)
		if (sp->bus == bus)
			return sp;
	return NULL;
}

static ssize_t bus_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct bus_attribute *ba = container_of(attr, struct bus_attribute, attr);
	struct subsys_private *sp = container_of(kobj, struct subsys_private, subsys);
	return ba->show ? ba->show(sp->bus, buf) : -EIO;
}

static ssize_t bus_attr_store(struct kobject *kobj, struct attribute *attr, const char *buf,
			      size_t count)
{
	struct bus_attribute *ba = container_of(attr, struct bus_attribute, attr);
	struct subsys_private *sp = container_of(kobj, struct subsys_private, subsys);
	return ba->store ? ba->store(sp->bus, buf, count) : -EIO;
}

static const struct sysfs_ops bus_sysfs_ops = {
	.show = bus_attr_show,
	.store = bus_attr_store,
};

static void bus_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct subsys_private, subsys));
}

static const struct kobj_type bus_ktype = {
	.release = bus_release,
	.sysfs_ops = &bus_sysfs_ops,
};

static ssize_t drv_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct driver_attribute *da = container_of(attr, struct driver_attribute, attr);
	struct driver_private *dp = container_of(kobj, struct driver_private, kobj);
	return da->show ? da->show(dp->driver, buf) : -EIO;
}

static ssize_t drv_attr_store(struct kobject *kobj, struct attribute *attr, const char *buf,
			      size_t count)
{
	struct driver_attribute *da = container_of(attr, struct driver_attribute, attr);
	struct driver_private *dp = container_of(kobj, struct driver_private, kobj);
	return da->store ? da->store(dp->driver, buf, count) : -EIO;
}

static const struct sysfs_ops drv_sysfs_ops = {
	.show = drv_attr_show,
	.store = drv_attr_store,
};

static void driver_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct driver_private, kobj));
}

static const struct kobj_type driver_ktype = {
	.release = driver_release,
	.sysfs_ops = &drv_sysfs_ops,
};

int buses_init(void)
{
	bus_kobj = kobject_create_and_add("bus", NULL);
	return bus_kobj ? 0 : -ENOMEM;
}

/* ---- iteration --------------------------------------------------------------- */

int bus_for_each_dev(const struct bus_type *bus, struct device *start, void *data,
		     int (*fn)(struct device *dev, void *data))
{
	struct subsys_private *sp = bus_to_subsys(bus);
	struct device *dev, *next;
	int err = 0;
	if (!sp)
		return -EINVAL;
	dev = start ? list_next_entry(start, knode_bus)
		    : list_first_entry(&sp->klist_devices, struct device, knode_bus);
	for (; &dev->knode_bus != &sp->klist_devices; dev = next) {
		next = list_next_entry(dev, knode_bus);
		if ((err = fn(dev, data)))
			break;
	}
	return err;
}

struct device *bus_find_device(const struct bus_type *bus, struct device *start,
			       const void *data, int (*match)(struct device *dev, const void *data))
{
	struct subsys_private *sp = bus_to_subsys(bus);
	struct device *dev;
	if (!sp)
		return NULL;
	dev = start ? list_next_entry(start, knode_bus)
		    : list_first_entry(&sp->klist_devices, struct device, knode_bus);
	for (; &dev->knode_bus != &sp->klist_devices; dev = list_next_entry(dev, knode_bus))
		if (match(dev, data))
			return get_device(dev);
	return NULL;
}

static int match_name(struct device *dev, const void *name)
{
	return sysfs_streq(dev_name(dev), name);
}

struct device *bus_find_device_by_name(const struct bus_type *bus, struct device *start,
				       const char *name)
{
	return bus_find_device(bus, start, name, match_name);
}

static int match_of_node(struct device *dev, const void *np)
{
	return dev->of_node == np;
}

struct device *bus_find_device_by_of_node(const struct bus_type *bus,
					  const struct device_node *np)
{
	return np ? bus_find_device(bus, NULL, np, match_of_node) : NULL;
}

int bus_for_each_drv(const struct bus_type *bus, struct device_driver *start, void *data,
		     int (*fn)(struct device_driver *drv, void *data))
{
	struct subsys_private *sp = bus_to_subsys(bus);
	struct driver_private *dp, *next;
	int err = 0;
	if (!sp)
		return -EINVAL;
	dp = start ? list_next_entry(start->p, knode_bus)
		   : list_first_entry(&sp->klist_drivers, struct driver_private, knode_bus);
	for (; &dp->knode_bus != &sp->klist_drivers; dp = next) {
		next = list_next_entry(dp, knode_bus);
		if ((err = fn(dp->driver, data)))
			break;
	}
	return err;
}

/* ---- the bus's own files ----------------------------------------------------- */

static ssize_t drivers_autoprobe_show(const struct bus_type *bus, char *buf)
{
	return sysfs_emit(buf, "%d\n", bus_to_subsys(bus)->drivers_autoprobe);
}

static ssize_t drivers_autoprobe_store(const struct bus_type *bus, const char *buf, size_t count)
{
	bus_to_subsys(bus)->drivers_autoprobe = buf[0] != '0';
	return (ssize_t)count;
}
static BUS_ATTR_RW(drivers_autoprobe);

static ssize_t drivers_probe_store(const struct bus_type *bus, const char *buf, size_t count)
{
	struct device *dev = bus_find_device_by_name(bus, NULL, buf);
	ssize_t err = -EINVAL;
	if (!dev)
		return -ENODEV;
	if (dev->driver || device_attach(dev) >= 0)
		err = (ssize_t)count;
	put_device(dev);
	return err;
}
static BUS_ATTR_WO(drivers_probe);

/* Linux's bus notifiers: told of each device's driver binding and
 * unbinding (DMA-API debug checks for leaks at BUS_NOTIFY_UNBOUND_DRIVER). */
int bus_register_notifier(const struct bus_type *bus, struct notifier_block *nb)
{
	struct subsys_private *sp = bus_to_subsys(bus);
	return sp ? blocking_notifier_chain_register(&sp->bus_notifier, nb) : -EINVAL;
}

int bus_unregister_notifier(const struct bus_type *bus, struct notifier_block *nb)
{
	struct subsys_private *sp = bus_to_subsys(bus);
	return sp ? blocking_notifier_chain_unregister(&sp->bus_notifier, nb) : -EINVAL;
}

void bus_notify(struct device *dev, enum bus_notifier_event value)
{
	struct subsys_private *sp = dev->bus ? bus_to_subsys(dev->bus) : NULL;
	if (sp)
		blocking_notifier_call_chain(&sp->bus_notifier, value, dev);
}

int bus_register(const struct bus_type *bus)
{
	struct subsys_private *sp = kzalloc(sizeof *sp, GFP_KERNEL);
	int err = -ENOMEM;
	if (!sp)
		return -ENOMEM;
	sp->bus = bus;
	sp->drivers_autoprobe = true;
	INIT_LIST_HEAD(&sp->klist_devices);
	INIT_LIST_HEAD(&sp->klist_drivers);
	err = kobject_init_and_add(&sp->subsys, &bus_ktype, bus_kobj, "%s", bus->name);
	if (err)
		goto out_put;
	err = sysfs_create_file(&sp->subsys, &bus_attr_drivers_probe.attr);
	if (!err)
		err = sysfs_create_file(&sp->subsys, &bus_attr_drivers_autoprobe.attr);
	sp->devices_kobj = kobject_create_and_add("devices", &sp->subsys);
	sp->drivers_kobj = kobject_create_and_add("drivers", &sp->subsys);
	if (err || !sp->devices_kobj || !sp->drivers_kobj) {
		err = err ? err : -ENOMEM;
		goto out_del;
	}
	err = sysfs_create_groups(&sp->subsys, bus->bus_groups);
	if (err)
		goto out_del;
	list_add_tail(&sp->node, &bus_list);
	pr_debug("bus: '%s': registered\n", bus->name);
	return 0;

out_del:
	kobject_put(sp->drivers_kobj);
	kobject_put(sp->devices_kobj);
	kobject_del(&sp->subsys);
out_put:
	kobject_put(&sp->subsys);
	return err;
}

void bus_unregister(const struct bus_type *bus)
{
	struct subsys_private *sp = bus_to_subsys(bus);
	if (!sp)
		return;
	list_del(&sp->node);
	sysfs_remove_groups(&sp->subsys, bus->bus_groups);
	kobject_put(sp->drivers_kobj);
	kobject_put(sp->devices_kobj);
	kobject_del(&sp->subsys);
	kobject_put(&sp->subsys);
}

/* ---- devices on the bus ------------------------------------------------------ */

int bus_add_device(struct device *dev)
{
	struct subsys_private *sp = bus_to_subsys(dev->bus);
	int err;
	if (!sp)
		return dev->bus ? -EINVAL : 0;
	err = device_add_groups(dev, dev->bus->dev_groups);
	if (err)
		return err;
	err = sysfs_create_link(sp->devices_kobj, &dev->kobj, dev_name(dev));
	if (err)
		goto out_groups;
	err = sysfs_create_link(&dev->kobj, &sp->subsys, "subsystem");
	if (err)
		goto out_link;
	list_add_tail(&dev->knode_bus, &sp->klist_devices);
	return 0;

out_link:
	sysfs_remove_link(sp->devices_kobj, dev_name(dev));
out_groups:
	device_remove_groups(dev, dev->bus->dev_groups);
	return err;
}

void bus_probe_device(struct device *dev)
{
	struct subsys_private *sp = bus_to_subsys(dev->bus);
	if (sp && sp->drivers_autoprobe)
		device_attach(dev);
}

void bus_remove_device(struct device *dev)
{
	struct subsys_private *sp = bus_to_subsys(dev->bus);
	if (!sp)
		return;
	sysfs_remove_link(&dev->kobj, "subsystem");
	sysfs_remove_link(sp->devices_kobj, dev_name(dev));
	device_remove_groups(dev, dev->bus->dev_groups);
	list_del_init(&dev->knode_bus);
	device_release_driver(dev);
}

/* ---- drivers on the bus ------------------------------------------------------ */

static ssize_t bind_store(struct device_driver *drv, const char *buf, size_t count)
{
	struct device *dev = bus_find_device_by_name(drv->bus, NULL, buf);
	ssize_t err = -ENODEV;
	if (dev && driver_match_device(drv, dev) > 0) {
		err = device_driver_attach(drv, dev);
		if (!err)
			err = (ssize_t)count;
	}
	put_device(dev);
	return err;
}
static DRIVER_ATTR_WO(bind);

static ssize_t unbind_store(struct device_driver *drv, const char *buf, size_t count)
{
	struct device *dev = bus_find_device_by_name(drv->bus, NULL, buf);
	ssize_t err = -ENODEV;
	if (dev && dev->driver == drv) {
		device_driver_detach(dev);
		err = (ssize_t)count;
	}
	put_device(dev);
	return err;
}
static DRIVER_ATTR_WO(unbind);

int driver_create_file(struct device_driver *drv, const struct driver_attribute *attr)
{
	return drv && drv->p ? sysfs_create_file(&drv->p->kobj, &attr->attr) : -EINVAL;
}

void driver_remove_file(struct device_driver *drv, const struct driver_attribute *attr)
{
	if (drv && drv->p)
		sysfs_remove_file(&drv->p->kobj, &attr->attr);
}

int bus_add_driver(struct device_driver *drv)
{
	struct subsys_private *sp = bus_to_subsys(drv->bus);
	struct driver_private *dp = kzalloc(sizeof *dp, GFP_KERNEL);
	int err;
	if (!dp)
		return -ENOMEM;
	INIT_LIST_HEAD(&dp->klist_devices);
	dp->driver = drv;
	drv->p = dp;
	err = kobject_init_and_add(&dp->kobj, &driver_ktype, sp->drivers_kobj, "%s", drv->name);
	if (err)
		goto out_put;
	err = sysfs_create_groups(&dp->kobj, drv->bus->drv_groups);
	if (!err && !drv->suppress_bind_attrs) {
		err = driver_create_file(drv, &driver_attr_bind);
		if (!err)
			err = driver_create_file(drv, &driver_attr_unbind);
	}
	if (err)
		goto out_del;
	list_add_tail(&dp->knode_bus, &sp->klist_drivers);
	if (sp->drivers_autoprobe)
		driver_attach(drv);
	return 0;

out_del:
	kobject_del(&dp->kobj);
out_put:
	kobject_put(&dp->kobj);
	drv->p = NULL;
	return err;
}

void bus_remove_driver(struct device_driver *drv)
{
	if (!drv->p)
		return;
	driver_detach(drv);
	list_del(&drv->p->knode_bus);
	kobject_del(&drv->p->kobj);
	kobject_put(&drv->p->kobj);
	drv->p = NULL;
}
