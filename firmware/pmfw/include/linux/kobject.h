/*
 * kobjects (include/linux/kobject.h, lib/kobject.c): a name, a parent, a
 * reference count and a directory in sysfs. Devices, buses and drivers
 * embed one; kobject_create_and_add makes a bare one for a directory of
 * attributes (/sys/power, /sys/kernel). The release function of the
 * kobj_type frees the object when the last reference goes.
 */
#ifndef _LINUX_KOBJECT_H
#define _LINUX_KOBJECT_H

#include <stdarg.h>

#include <linux/compiler.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/sysfs.h>
#include <linux/types.h>

struct kobject {
	const char *name;
	struct list_head entry; /* in its owner's list (the driver core's) */
	struct kobject *parent;
	const struct kobj_type *ktype;
	struct kernfs_node *sd; /* its sysfs directory */
	struct kref kref;
	unsigned int state_initialized : 1;
	unsigned int state_in_sysfs : 1;
};

struct kobj_type {
	void (*release)(struct kobject *kobj);
	const struct sysfs_ops *sysfs_ops;
	const struct attribute_group **default_groups;
};

/* Attributes of a bare kobject. */
struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			 size_t count);
};
extern const struct sysfs_ops kobj_sysfs_ops;

/* /sys/kernel. */
extern struct kobject *kernel_kobj;

static inline const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype);
/* Name it and give it its directory, under parent (NULL: /sys). */
int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
	__printf(3, 4);
int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
			 struct kobject *parent, const char *fmt, ...) __printf(4, 5);
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);
/* Remove its directory; the object lives until its last put. */
void kobject_del(struct kobject *kobj);
struct kobject *kobject_get(struct kobject *kobj);
void kobject_put(struct kobject *kobj);
int kobject_set_name(struct kobject *kobj, const char *fmt, ...) __printf(2, 3);
int kobject_set_name_vargs(struct kobject *kobj, const char *fmt, va_list vargs);

#endif
