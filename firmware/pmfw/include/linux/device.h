/*
 * The device model (include/linux/device.h, drivers/base/): devices on
 * buses, bound to drivers, each with its directory in sysfs.
 *
 * A device is initialized (device_initialize: one reference), named
 * (dev_set_name, or init_name) and added (device_add): it appears under
 * its parent in /sys/devices, in /sys/bus/<bus>/devices, and the bus looks
 * for a driver for it. A driver registered on a bus (driver_register) is
 * offered every device there that has none. The bus's match() decides
 * (> 0: this driver; 0: not; -EPROBE_DEFER: not yet), then the driver's
 * probe() runs; a probe that returns -EPROBE_DEFER is retried after every
 * successful probe (drivers/base/dd.c says when and how it is reported).
 * Resources a probe takes with devm_*() (devres) are released in reverse
 * order when it fails and when the driver is unbound.
 *
 * Messages about a device use dev_err() and friends: "<driver> <device>:
 * text" ("uart-pl011 40004000.serial: ..."), the bus's name standing for
 * the driver while there is none.
 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/pm.h>
#include <linux/printk.h>
#include <linux/types.h>

#ifndef __iomem
#define __iomem
#endif

struct device;
struct device_driver;
struct device_node;
struct driver_private;
struct module;
struct of_device_id;
struct resource;

/* ---- buses ------------------------------------------------------------------- */

struct bus_type {
	const char *name;
	const char *dev_name; /* devices named dev_name + id when they have no name */
	const struct attribute_group **bus_groups;
	const struct attribute_group **dev_groups;
	const struct attribute_group **drv_groups;
	int (*match)(struct device *dev, const struct device_driver *drv);
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	void (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*suspend)(struct device *dev, pm_message_t state);
	int (*resume)(struct device *dev);
	int (*dma_configure)(struct device *dev);
	void (*dma_cleanup)(struct device *dev);
	const struct dev_pm_ops *pm;
};

int bus_register(const struct bus_type *bus);
void bus_unregister(const struct bus_type *bus);
/* Call fn for each device on the bus (after `start`) until it returns
 * non-zero, which is returned. */
int bus_for_each_dev(const struct bus_type *bus, struct device *start, void *data,
		     int (*fn)(struct device *dev, void *data));
int bus_for_each_drv(const struct bus_type *bus, struct device_driver *start, void *data,
		     int (*fn)(struct device_driver *drv, void *data));
/* The first device for which match() is true, with a reference
 * (put_device it), or NULL. */
struct device *bus_find_device(const struct bus_type *bus, struct device *start,
			       const void *data, int (*match)(struct device *dev, const void *data));
struct device *bus_find_device_by_name(const struct bus_type *bus, struct device *start,
				       const char *name);
struct device *bus_find_device_by_of_node(const struct bus_type *bus,
					  const struct device_node *np);

/* Bus notifiers (Linux's include/linux/device/bus.h): a notifier_block's
 * call gets the event and the struct device. Sent around a driver's
 * binding and unbinding. */
enum bus_notifier_event {
	BUS_NOTIFY_ADD_DEVICE,
	BUS_NOTIFY_DEL_DEVICE,
	BUS_NOTIFY_REMOVED_DEVICE,
	BUS_NOTIFY_BIND_DRIVER,
	BUS_NOTIFY_BOUND_DRIVER,
	BUS_NOTIFY_UNBIND_DRIVER,
	BUS_NOTIFY_UNBOUND_DRIVER,
	BUS_NOTIFY_DRIVER_NOT_BOUND,
};
struct notifier_block;
int bus_register_notifier(const struct bus_type *bus, struct notifier_block *nb);
int bus_unregister_notifier(const struct bus_type *bus, struct notifier_block *nb);
void bus_notify(struct device *dev, enum bus_notifier_event value);

struct bus_attribute {
	struct attribute attr;
	ssize_t (*show)(const struct bus_type *bus, char *buf);
	ssize_t (*store)(const struct bus_type *bus, const char *buf, size_t count);
};
#define BUS_ATTR_RW(_name) struct bus_attribute bus_attr_##_name = __ATTR_RW(_name)
#define BUS_ATTR_RO(_name) struct bus_attribute bus_attr_##_name = __ATTR_RO(_name)
#define BUS_ATTR_WO(_name) struct bus_attribute bus_attr_##_name = __ATTR_WO(_name)

/* ---- drivers ----------------------------------------------------------------- */

enum probe_type {
	PROBE_DEFAULT_STRATEGY,
	PROBE_PREFER_ASYNCHRONOUS,
	PROBE_FORCE_SYNCHRONOUS,
};

struct device_driver {
	const char *name;
	const struct bus_type *bus;
	struct module *owner;
	const char *mod_name;
	bool suppress_bind_attrs; /* no bind/unbind files */
	enum probe_type probe_type;
	const struct of_device_id *of_match_table;
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	int (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*suspend)(struct device *dev, pm_message_t state);
	int (*resume)(struct device *dev);
	const struct attribute_group **groups;     /* in /sys/bus/<bus>/drivers/<name> */
	const struct attribute_group **dev_groups; /* in each bound device's directory */
	const struct dev_pm_ops *pm;
	struct driver_private *p;
};

int driver_register(struct device_driver *drv);
void driver_unregister(struct device_driver *drv);
struct device_driver *driver_find(const char *name, const struct bus_type *bus);
int driver_for_each_device(struct device_driver *drv, struct device *start, void *data,
			   int (*fn)(struct device *dev, void *data));
struct device *driver_find_device(struct device_driver *drv, struct device *start,
				  const void *data,
				  int (*match)(struct device *dev, const void *data));
/* Bind every unbound device the driver matches (driver_register does). */
int driver_attach(struct device_driver *drv);

struct driver_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device_driver *driver, char *buf);
	ssize_t (*store)(struct device_driver *driver, const char *buf, size_t count);
};
#define DRIVER_ATTR_RW(_name) struct driver_attribute driver_attr_##_name = __ATTR_RW(_name)
#define DRIVER_ATTR_RO(_name) struct driver_attribute driver_attr_##_name = __ATTR_RO(_name)
#define DRIVER_ATTR_WO(_name) struct driver_attribute driver_attr_##_name = __ATTR_WO(_name)
int driver_create_file(struct device_driver *driver, const struct driver_attribute *attr);
void driver_remove_file(struct device_driver *driver, const struct driver_attribute *attr);

/* ---- classes ----------------------------------------------------------------- */

/* A class (drivers/base/class.c): /sys/class/<name>, a link per device;
 * each device of the class gets dev_groups. */
struct class {
	const char *name;
	const struct attribute_group **class_groups;
	const struct attribute_group **dev_groups;
	const struct dev_pm_ops *pm;
};

int class_register(const struct class *cls);
void class_unregister(const struct class *cls);
/* The first device of the class after start for which match() is true,
 * with a reference (put_device it), or NULL. */
struct device *class_find_device(const struct class *cls, const struct device *start,
				 const void *data,
				 int (*match)(struct device *dev, const void *data));
struct device *class_find_device_by_name(const struct class *cls, const char *name);

/* ---- devices ----------------------------------------------------------------- */

struct device_type {
	const char *name;
	const struct attribute_group **groups;
	void (*release)(struct device *dev);
	const struct dev_pm_ops *pm;
};

struct device_dma_parameters {
	unsigned int max_segment_size;
	unsigned int min_align_mask;
	unsigned long segment_boundary_mask;
};

struct device {
	struct kobject kobj;
	struct device *parent;
	const char *init_name; /* the name until device_add, if set */
	const struct device_type *type;
	const struct bus_type *bus;
	const struct class *class;
	struct device_driver *driver; /* the bound driver, or NULL */
	void *platform_data;
	void *driver_data;            /* dev_set_drvdata/dev_get_drvdata */
	struct dev_pm_info power;
	struct dev_pm_domain *pm_domain;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	u64 bus_dma_limit;
	struct device_dma_parameters *dma_parms;
	struct device_node *of_node;
	struct list_head devres_head;
	const struct attribute_group **groups;
	void (*release)(struct device *dev);

	/* The driver core's bookkeeping (Linux keeps it in struct
	 * device_private): the children, and this device in its parent's,
	 * its driver's and its bus's lists, and in the deferred-probe list. */
	struct list_head klist_children;
	struct list_head knode_parent;
	struct list_head knode_driver;
	struct list_head knode_bus;
	struct list_head deferred_probe;
	char *deferred_probe_reason; /* dev_err_probe(-EPROBE_DEFER)'s message */
	bool dead;
};

static inline struct device *kobj_to_dev(struct kobject *kobj)
{
	return container_of(kobj, struct device, kobj);
}

static inline const char *dev_name(const struct device *dev)
{
	return dev->init_name ? dev->init_name : kobject_name(&dev->kobj);
}
int dev_set_name(struct device *dev, const char *fmt, ...) __printf(2, 3);

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}
static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}
static inline struct device_node *dev_of_node(const struct device *dev)
{
	return dev->of_node;
}
static inline bool device_is_registered(const struct device *dev)
{
	return dev->kobj.state_in_sysfs;
}
static inline bool device_is_bound(const struct device *dev)
{
	return dev->driver != NULL;
}
static inline void dev_pm_set_driver_flags(struct device *dev, u32 flags)
{
	dev->power.driver_flags = flags;
}

void device_initialize(struct device *dev);
int device_add(struct device *dev);
int device_register(struct device *dev);
void device_del(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);

int device_for_each_child(struct device *parent, void *data,
			  int (*fn)(struct device *dev, void *data));
int device_for_each_child_reverse(struct device *parent, void *data,
				  int (*fn)(struct device *dev, void *data));
struct device *device_find_child(struct device *parent, const void *data,
				 int (*match)(struct device *dev, const void *data));
struct device *device_find_child_by_name(struct device *parent, const char *name);

/* Find a driver for the device: 1 if bound, 0 if none fits, or an errno. */
int device_attach(struct device *dev);
void device_release_driver(struct device *dev);
/* Call each device's shutdown (its bus's, or its driver's), children
 * before parents (kernel_power_off does). */
void device_shutdown(void);

struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
	ssize_t (*store)(struct device *dev, struct device_attribute *attr, const char *buf,
			 size_t count);
};
#define DEVICE_ATTR(_name, _mode, _show, _store)                                       \
	struct device_attribute dev_attr_##_name = __ATTR(_name, _mode, _show, _store)
#define DEVICE_ATTR_RW(_name) struct device_attribute dev_attr_##_name = __ATTR_RW(_name)
#define DEVICE_ATTR_ADMIN_RW(_name)                                                    \
	struct device_attribute dev_attr_##_name = __ATTR_RW_MODE(_name, 0600)
#define DEVICE_ATTR_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO(_name)
#define DEVICE_ATTR_ADMIN_RO(_name)                                                    \
	struct device_attribute dev_attr_##_name = __ATTR_RO_MODE(_name, 0400)
#define DEVICE_ATTR_WO(_name) struct device_attribute dev_attr_##_name = __ATTR_WO(_name)

int device_create_file(struct device *dev, const struct device_attribute *attr);
void device_remove_file(struct device *dev, const struct device_attribute *attr);
int device_add_groups(struct device *dev, const struct attribute_group **groups);
void device_remove_groups(struct device *dev, const struct attribute_group **groups);
int device_add_group(struct device *dev, const struct attribute_group *grp);
void device_remove_group(struct device *dev, const struct attribute_group *grp);

/* ---- messages ---------------------------------------------------------------- */

/* The driver's name, or the bus's while there is no driver. */
const char *dev_driver_string(const struct device *dev);

#define dev_printk(level, dev, fmt, ...)                                               \
	printk(level "%s %s: " fmt, dev_driver_string(dev), dev_name(dev), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...) dev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...) dev_printk(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) dev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
/* As in Linux, debug messages exist only where DEBUG is defined. */
#ifdef DEBUG
#define dev_dbg(dev, fmt, ...) dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#else
#define dev_dbg(dev, fmt, ...)                                                         \
	do {                                                                           \
		if (0)                                                                 \
			dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__);               \
	} while (0)
#endif

/* For a probe's error path: print "error -EXXX: message" (-EPROBE_DEFER
 * prints nothing, but becomes the reason shown for the device while it is
 * deferred) and return err. */
int dev_err_probe(const struct device *dev, int err, const char *fmt, ...) __printf(3, 4);

/* ---- managed resources (devres) --------------------------------------------- */

typedef void (*dr_release_t)(struct device *dev, void *res);
typedef int (*dr_match_t)(struct device *dev, void *res, void *match_data);

/* A resource of `size` bytes (zeroed) that `release` frees; devres_add
 * hands it to the device. */
void *__devres_alloc(dr_release_t release, size_t size, gfp_t gfp, const char *name);
#define devres_alloc(release, size, gfp) __devres_alloc(release, size, gfp, #release)
void devres_free(void *res);
void devres_add(struct device *dev, void *res);
void *devres_find(struct device *dev, dr_release_t release, dr_match_t match,
		  void *match_data);
/* Take it back from the device without releasing it (then devres_free). */
void *devres_remove(struct device *dev, dr_release_t release, dr_match_t match,
		    void *match_data);
/* Remove and free it (without, or with, calling release). 0 or -ENOENT. */
int devres_destroy(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data);
int devres_release(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data);

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp);
void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t gfp);
void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp);
char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...) __printf(3, 4);

/* action(data) when the device's resources are released. */
int devm_add_action(struct device *dev, void (*action)(void *data), void *data);
/* The same, but if it cannot be added, action(data) runs now. */
int devm_add_action_or_reset(struct device *dev, void (*action)(void *data), void *data);
void devm_remove_action(struct device *dev, void (*action)(void *data), void *data);
void devm_release_action(struct device *dev, void (*action)(void *data), void *data);

/* The registers of a memory resource, mapped for the device's lifetime
 * as a driver; ERR_PTR(-EINVAL) for a missing or non-memory resource,
 * with a message. */
void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res);

#endif
