/*
 * sysfs (include/linux/sysfs.h): every kobject is a directory under /sys,
 * its attributes are files. Reading a file calls the attribute's show()
 * with a zeroed buffer of PAGE_SIZE bytes, which it fills (sysfs_emit) and
 * whose length it returns; writing calls store() with the written text,
 * NUL-terminated, which returns the bytes it took or a negative errno
 * that the writer gets (the shell prints it: "echo: write error:
 * Invalid argument").
 */
#ifndef _LINUX_SYSFS_H
#define _LINUX_SYSFS_H

#include <linux/compiler.h>
#include <linux/kernfs.h>
#include <linux/types.h>

struct kobject;

struct attribute {
	const char *name;
	umode_t mode;
};

struct attribute_group {
	const char *name; /* a subdirectory ("power"), or NULL: the kobject's own */
	/* The mode a file gets (0: not created); NULL: the attribute's. */
	umode_t (*is_visible)(struct kobject *kobj, struct attribute *attr, int n);
	struct attribute **attrs; /* NULL-terminated */
};

struct sysfs_ops {
	ssize_t (*show)(struct kobject *kobj, struct attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct attribute *attr, const char *buf,
			 size_t count);
};

#define VERIFY_OCTAL_PERMISSIONS(perms) (perms)

#define __ATTR(_name, _mode, _show, _store)                                            \
	{                                                                              \
		.attr = { .name = __stringify(_name), .mode = VERIFY_OCTAL_PERMISSIONS(_mode) }, \
		.show = _show, .store = _store,                                        \
	}
#define __ATTR_RO_MODE(_name, _mode)                                                   \
	{ .attr = { .name = __stringify(_name), .mode = (_mode) }, .show = _name##_show }
#define __ATTR_RO(_name) __ATTR_RO_MODE(_name, 0444)
#define __ATTR_RW_MODE(_name, _mode) __ATTR(_name, _mode, _name##_show, _name##_store)
#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)
#define __ATTR_WO(_name) { .attr = { .name = __stringify(_name), .mode = 0200 }, .store = _name##_store }
#define __ATTR_NULL { .attr = { .name = NULL } }

#ifndef __stringify
#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)
#endif

/* name##_groups[] (for a kobj_type or a device) from name##_attrs[]. */
#define __ATTRIBUTE_GROUPS(_name)                                                      \
	static const struct attribute_group *_name##_groups[] = { &_name##_group, NULL }
#define ATTRIBUTE_GROUPS(_name)                                                        \
	static const struct attribute_group _name##_group = { .attrs = _name##_attrs };  \
	__ATTRIBUTE_GROUPS(_name)

int sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
int sysfs_create_files(struct kobject *kobj, const struct attribute *const *attrs);
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr);
void sysfs_remove_files(struct kobject *kobj, const struct attribute *const *attrs);

int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups);
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp);
void sysfs_remove_groups(struct kobject *kobj, const struct attribute_group **groups);
/* Add a group's files to the existing directory grp->name (runtime PM adds
 * its files to "power" so), and take them away again. */
int sysfs_update_group(struct kobject *kobj, const struct attribute_group *grp);
int sysfs_merge_group(struct kobject *kobj, const struct attribute_group *grp);
void sysfs_unmerge_group(struct kobject *kobj, const struct attribute_group *grp);

int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name);
void sysfs_remove_link(struct kobject *kobj, const char *name);
/* An empty directory under a kobject, where another file system shows
 * (debugfs at /sys/kernel/debug). */
int sysfs_create_mount_point(struct kobject *parent_kobj, const char *name);

/* Format into a show() buffer (PAGE_SIZE bytes): at its start, or at
 * offset `at`; the number of bytes written. */
int sysfs_emit(char *buf, const char *fmt, ...) __printf(2, 3);
int sysfs_emit_at(char *buf, int at, const char *fmt, ...) __printf(3, 4);

/* The kobject directories' and attributes' kernfs side (fs/sysfs/). */
int sysfs_create_dir(struct kobject *kobj);
void sysfs_remove_dir(struct kobject *kobj);

#endif
