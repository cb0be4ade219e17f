/*
 * Devices (Linux's drivers/base/core.c): initialize, add, delete, the
 * reference count, the sysfs directory, shutdown. include/linux/device.h
 * describes the model.
 *
 * A device's directory is under its parent's, or /sys/devices without
 * one (a class device's is in its class's directory there, class.c); it
 * holds the device type's and the device's attribute groups, the
 * bus's (bus.c), "power" (drivers/base/power/sysfs.c) and, while a driver
 * is bound, the link "driver" (dd.c). Every added device is also on one
 * list, in the order they were added (parents before children), which
 * device_shutdown walks backwards.
 *
 * The driver core runs in thread context (initcalls, probes, the shell);
 * its lists are not locked against interrupts.
 */
#include <stdarg.h>

#include <linux/device.h>
#include <linux/errname.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "base.h"

struct kobject *devices_kobj;
static LIST_HEAD(devices_list);

const char *dev_driver_string(const struct device *dev)
{
	const struct device_driver *drv = READ_ONCE(dev->driver);
	/* A class device (thermal_zone0) prints as Linux's: "thermal thermal_zone0: ". */
	return drv ? drv->name : dev->bus ? dev->bus->name : dev->class ? dev->class->name : "";
}

int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int err = kobject_set_name_vargs(&dev->kobj, fmt, ap);
	va_end(ap);
	return err;
}

/* ---- sysfs ------------------------------------------------------------------- */

static ssize_t dev_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct device_attribute *da = container_of(attr, struct device_attribute, attr);
	struct device *dev = kobj_to_dev(kobj);
	return da->show ? da->show(dev, da, buf) : -EIO;
}

static ssize_t dev_attr_store(struct kobject *kobj, struct attribute *attr, const char *buf,
			      size_t count)
{
	struct device_attribute *da = container_of(attr, struct device_attribute, attr);
	struct device *dev = kobj_to_dev(kobj);
	return da->store ? da->store(dev, da, buf, count) : -EIO;
}

static const struct sysfs_ops dev_sysfs_ops = {
	.show = dev_attr_show,
	.store = dev_attr_store,
};

static void device_release(struct kobject *kobj)
{
	struct device *dev = kobj_to_dev(kobj);
	/* A device used without a driver may have taken managed resources. */
	devres_release_all(dev);
	kfree(dev->deferred_probe_reason);
	dev->deferred_probe_reason = NULL;
	if (dev->release)
		dev->release(dev);
	else if (dev->type && dev->type->release)
		dev->type->release(dev);
	else
		pr_warn("Device '%s' does not have a release() function, it is broken and must be fixed.\n",
			dev_name(dev));
}

static const struct kobj_type device_ktype = {
	.release = device_release,
	.sysfs_ops = &dev_sysfs_ops,
};

int device_create_file(struct device *dev, const struct device_attribute *attr)
{
	return dev ? sysfs_create_file(&dev->kobj, &attr->attr) : -EINVAL;
}

void device_remove_file(struct device *dev, const struct device_attribute *attr)
{
	if (dev)
		sysfs_remove_file(&dev->kobj, &attr->attr);
}

int device_add_groups(struct device *dev, const struct attribute_group **groups)
{
	return sysfs_create_groups(&dev->kobj, groups);
}

void device_remove_groups(struct device *dev, const struct attribute_group **groups)
{
	sysfs_remove_groups(&dev->kobj, groups);
}

int device_add_group(struct device *dev, const struct attribute_group *grp)
{
	const struct attribute_group *groups[] = { grp, NULL };
	return device_add_groups(dev, groups);
}

void device_remove_group(struct device *dev, const struct attribute_group *grp)
{
	const struct attribute_group *groups[] = { grp, NULL };
	device_remove_groups(dev, groups);
}

static int device_add_attrs(struct device *dev)
{
	int err = 0;
	if (dev->type)
		err = device_add_groups(dev, dev->type->groups);
	if (!err)
		err = device_add_groups(dev, dev->groups);
	if (err && dev->type)
		device_remove_groups(dev, dev->type->groups);
	return err;
}

static void device_remove_attrs(struct device *dev)
{
	device_remove_groups(dev, dev->groups);
	if (dev->type)
		device_remove_groups(dev, dev->type->groups);
}

/* ---- life cycle -------------------------------------------------------------- */

int devices_init(void)
{
	devices_kobj = kobject_create_and_add("devices", NULL);
	return devices_kobj ? 0 : -ENOMEM;
}

void device_initialize(struct device *dev)
{
	kobject_init(&dev->kobj, &device_ktype);
	INIT_LIST_HEAD(&dev->devres_head);
	INIT_LIST_HEAD(&dev->klist_children);
	INIT_LIST_HEAD(&dev->knode_parent);
	INIT_LIST_HEAD(&dev->knode_driver);
	INIT_LIST_HEAD(&dev->knode_bus);
	INIT_LIST_HEAD(&dev->deferred_probe);
	device_pm_init(dev);
}

struct device *get_device(struct device *dev)
{
	return dev ? kobj_to_dev(kobject_get(&dev->kobj)) : NULL;
}

void put_device(struct device *dev)
{
	if (dev)
		kobject_put(&dev->kobj);
}

int device_add(struct device *dev)
{
	struct device *parent = NULL;
	int err;
	dev = get_device(dev);
	if (!dev)
		return -EINVAL;
	if (dev->init_name) {
		err = dev_set_name(dev, "%s", dev->init_name);
		dev->init_name = NULL;
		if (err)
			goto name_error;
	}
	if (!kobject_name(&dev->kobj) || !*kobject_name(&dev->kobj)) {
		pr_err("device: %p: device_add: no name\n", (void *)dev);
		err = -EINVAL;
		goto name_error;
	}
	parent = get_device(dev->parent);
	struct kobject *dir = device_class_dir(dev, parent ? &parent->kobj : devices_kobj);
	if (IS_ERR(dir)) {
		err = (int)PTR_ERR(dir);
		goto parent_error;
	}
	/* As Linux: no format, the name stays the one set (pointers to it,
	 * such as an OF platform device's name, stay valid). */
	err = kobject_add(&dev->kobj, dir, NULL);
	if (err)
		goto dir_error;
	err = device_add_attrs(dev);
	if (err)
		goto attrs_error;
	err = device_class_add(dev);
	if (err)
		goto class_error;
	err = bus_add_device(dev);
	if (err)
		goto bus_error;
	err = dpm_sysfs_add(dev);
	if (err)
		goto dpm_error;
	device_pm_add(dev);
	list_add_tail(&dev->kobj.entry, &devices_list);
	if (parent)
		list_add_tail(&dev->knode_parent, &parent->klist_children);
	bus_probe_device(dev);
	put_device(dev);
	return 0;

dpm_error:
	bus_remove_device(dev);
bus_error:
	device_class_remove(dev);
class_error:
	device_remove_attrs(dev);
attrs_error:
	kobject_del(&dev->kobj);
dir_error:
	device_class_dir_put(dev, dir);
parent_error:
	put_device(parent);
name_error:
	put_device(dev);
	return err;
}

int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}

void device_del(struct device *dev)
{
	struct device *parent = dev->parent;
	dev->dead = true;
	dpm_sysfs_remove(dev);
	if (parent)
		list_del_init(&dev->knode_parent);
	device_class_remove(dev);
	device_remove_attrs(dev);
	bus_remove_device(dev);
	device_pm_remove(dev);
	driver_deferred_probe_del(dev);
	list_del_init(&dev->kobj.entry);
	struct kobject *dir = dev->kobj.parent;
	kobject_del(&dev->kobj);
	if (dev->class)
		device_class_dir_put(dev, dir);
	put_device(parent);
}

void device_unregister(struct device *dev)
{
	device_del(dev);
	put_device(dev);
}

/* ---- children ---------------------------------------------------------------- */

int device_for_each_child(struct device *parent, void *data,
			  int (*fn)(struct device *dev, void *data))
{
	struct device *child, *next;
	int err = 0;
	if (!parent)
		return 0;
	list_for_each_entry_safe(child, next, &parent->klist_children, knode_parent)
		if ((err = fn(child, data)))
			break;
	return err;
}

int device_for_each_child_reverse(struct device *parent, void *data,
				  int (*fn)(struct device *dev, void *data))
{
	int err = 0;
	if (!parent)
		return 0;
	struct list_head *p = parent->klist_children.prev, *prev;
	for (; p != &parent->klist_children; p = prev) {
		prev = p->prev;
		if ((err = fn(list_entry(p, struct device, knode_parent), data)))
			break;
	}
	return err;
}

struct device *device_find_child(struct device *parent, const void *data,
				 int (*match)(struct device *dev, const void *data))
{
	struct device *child;
	if (!parent)
		return NULL;
	list_for_each_entry(child, &parent->klist_children, knode_parent)
		if (match(child, data))
			return get_device(child);
	return NULL;
}

static int match_name(struct device *dev, const void *name)
{
	return sysfs_streq(dev_name(dev), name);
}

struct device *device_find_child_by_name(struct device *parent, const char *name)
{
	return device_find_child(parent, name, match_name);
}

/* ---- shutdown ---------------------------------------------------------------- */

void device_shutdown(void)
{
	while (!list_empty(&devices_list)) {
		struct device *dev = list_last_entry(&devices_list, struct device, kobj.entry);
		get_device(dev);
		list_del_init(&dev->kobj.entry);
		if (dev->bus && dev->bus->shutdown)
			dev->bus->shutdown(dev);
		else if (dev->driver && dev->driver->shutdown)
			dev->driver->shutdown(dev);
		put_device(dev);
	}
}

/* ---- messages ---------------------------------------------------------------- */

int dev_err_probe(const struct device *dev, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	const char *name = errname(err);
	char num[12];
	if (!name) {
		scnprintf(num, sizeof num, "%d", err);
		name = num;
	}
	const char *text = msg ? msg : fmt;
	switch (err) {
	case -EPROBE_DEFER:
		device_set_deferred_probe_reason(dev, text);
		dev_dbg(dev, "error %s: %s", name, text);
		break;
	case -ENOMEM:
		/* The allocator has said enough. */
		break;
	default:
		dev_err(dev, "error %s: %s", name, text);
		break;
	}
	kfree(msg);
	return err;
}
