/*
 * Device classes (Linux's drivers/base/class.c and the class part of
 * core.c): /sys/class/<name>/ lists a class's devices by links, whatever
 * bus or parent they have, so that /sys/class/rtc/rtc0 is the RTC
 * however it is attached.
 *
 * A class device with a parent lives in a directory named after its
 * class under the parent (the "glue" directory: /sys/devices/platform/
 * soc/40006000.rtc/rtc/rtc0), one without in /sys/devices/virtual/
 * <class>/. It gets a "subsystem" link to its class, the class's
 * dev_groups as attributes, and the class's link to it. A glue directory
 * goes with its last device.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "base.h"

struct class_private {
	struct kobject *kobj;      /* /sys/class/<name> */
	const struct class *class;
	struct list_head node;
	struct list_head devices;  /* class_dev_node, in the order added */
};

struct class_dev_node {
	struct device *dev;
	struct list_head node;
};

struct class_glue {
	struct kobject *kobj;      /* <parent>/<class name> */
	struct kobject *parent;
	const struct class *class;
	unsigned int users;
	struct list_head node;
};

static struct kobject *class_kobj;   /* /sys/class */
static struct kobject *virtual_kobj; /* /sys/devices/virtual */
static LIST_HEAD(class_list);
static LIST_HEAD(glue_list);

static struct class_private *class_to_subsys(const struct class *cls)
{
	struct class_private *cp;
	list_for_each_entry(cp, &class_list, node)
		if (cp->class == cls)
			return cp;
	return NULL;
}

int class_register(const struct class *cls)
{
	if (!class_kobj) {
		class_kobj = kobject_create_and_add("class", NULL);
		if (!class_kobj)
			return -ENOMEM;
	}
	if (class_to_subsys(cls))
		return -EEXIST;
	struct class_private *cp = kzalloc(sizeof *cp, GFP_KERNEL);
	if (!cp)
		return -ENOMEM;
	cp->kobj = kobject_create_and_add(cls->name, class_kobj);
	if (!cp->kobj) {
		kfree(cp);
		return -ENOMEM;
	}
	int err = sysfs_create_groups(cp->kobj, cls->class_groups);
	if (err) {
		kobject_put(cp->kobj);
		kfree(cp);
		return err;
	}
	cp->class = cls;
	INIT_LIST_HEAD(&cp->devices);
	list_add_tail(&cp->node, &class_list);
	return 0;
}

void class_unregister(const struct class *cls)
{
	struct class_private *cp = class_to_subsys(cls);
	if (!cp)
		return;
	list_del(&cp->node);
	sysfs_remove_groups(cp->kobj, cls->class_groups);
	kobject_del(cp->kobj);
	kobject_put(cp->kobj);
	kfree(cp);
}

struct kobject *device_class_dir(struct device *dev, struct kobject *parent)
{
	if (!dev->class)
		return parent;
	if (!dev->parent) {
		if (!virtual_kobj)
			virtual_kobj = kobject_create_and_add("virtual", devices_kobj);
		if (!virtual_kobj)
			return ERR_PTR(-ENOMEM);
		parent = virtual_kobj;
	}
	struct class_glue *g;
	list_for_each_entry(g, &glue_list, node)
		if (g->parent == parent && g->class == dev->class) {
			g->users++;
			return g->kobj;
		}
	g = kzalloc(sizeof *g, GFP_KERNEL);
	if (!g)
		return ERR_PTR(-ENOMEM);
	g->kobj = kobject_create_and_add(dev->class->name, parent);
	if (!g->kobj) {
		kfree(g);
		return ERR_PTR(-ENOMEM);
	}
	g->parent = parent;
	g->class = dev->class;
	g->users = 1;
	list_add_tail(&g->node, &glue_list);
	return g->kobj;
}

void device_class_dir_put(struct device *dev, struct kobject *dir)
{
	struct class_glue *g;
	list_for_each_entry(g, &glue_list, node)
		if (g->kobj == dir) {
			if (--g->users)
				return;
			list_del(&g->node);
			kobject_del(g->kobj);
			kobject_put(g->kobj);
			kfree(g);
			return;
		}
}

int device_class_add(struct device *dev)
{
	if (!dev->class)
		return 0;
	struct class_private *cp = class_to_subsys(dev->class);
	if (!cp)
		return -EINVAL;
	struct class_dev_node *n = kzalloc(sizeof *n, GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	int err = sysfs_create_groups(&dev->kobj, dev->class->dev_groups);
	if (err)
		goto err_free;
	err = sysfs_create_link(&dev->kobj, cp->kobj, "subsystem");
	if (!err)
		err = sysfs_create_link(cp->kobj, &dev->kobj, dev_name(dev));
	if (err) {
		sysfs_remove_link(&dev->kobj, "subsystem");
		sysfs_remove_groups(&dev->kobj, dev->class->dev_groups);
		goto err_free;
	}
	n->dev = dev;
	list_add_tail(&n->node, &cp->devices);
	return 0;

err_free:
	kfree(n);
	return err;
}

void device_class_remove(struct device *dev)
{
	if (!dev->class)
		return;
	struct class_private *cp = class_to_subsys(dev->class);
	if (cp) {
		struct class_dev_node *n;
		list_for_each_entry(n, &cp->devices, node)
			if (n->dev == dev) {
				list_del(&n->node);
				kfree(n);
				break;
			}
		sysfs_remove_link(cp->kobj, dev_name(dev));
	}
	sysfs_remove_link(&dev->kobj, "subsystem");
	sysfs_remove_groups(&dev->kobj, dev->class->dev_groups);
}

struct device *class_find_device(const struct class *cls, const struct device *start,
				 const void *data,
				 int (*match)(struct device *dev, const void *data))
{
	struct class_private *cp = class_to_subsys(cls);
	if (!cp)
		return NULL;
	struct class_dev_node *n;
	bool started = !start;
	list_for_each_entry(n, &cp->devices, node) {
		if (!started) {
			started = n->dev == start;
			continue;
		}
		if (match(n->dev, data))
			return get_device(n->dev);
	}
	return NULL;
}

static int match_name(struct device *dev, const void *name)
{
	return !strcmp(dev_name(dev), name);
}

struct device *class_find_device_by_name(const struct class *cls, const char *name)
{
	return class_find_device(cls, NULL, name, match_name);
}
