/*
 * sysfs directories and links (Linux's fs/sysfs/dir.c, symlink.c and
 * mount.c): a kobject's directory is a kernfs directory under its parent's
 * (or /sys), whose priv is the kobject, so that its files find it; a link
 * points to another kobject's directory. /sys/kernel is made here, from
 * the first core_initcall or the first user, whichever comes first.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/string.h>

#include "sysfs.h"

struct kobject *kernel_kobj;

void sysfs_warn_dup(struct kernfs_node *parent, const char *name)
{
	char path[96];
	kernfs_path(parent, path, sizeof path);
	pr_warn("sysfs: cannot create duplicate filename '%s/%s'\n", path, name);
}

int sysfs_create_dir(struct kobject *kobj)
{
	struct kernfs_node *parent = kobj->parent ? kobj->parent->sd : sysfs_root_kn;
	if (!parent)
		return -ENOENT;
	struct kernfs_node *kn = kernfs_create_dir(parent, kobject_name(kobj), 0755, kobj);
	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			sysfs_warn_dup(parent, kobject_name(kobj));
		return (int)PTR_ERR(kn);
	}
	kobj->sd = kn;
	return 0;
}

void sysfs_remove_dir(struct kobject *kobj)
{
	kernfs_remove(kobj->sd);
	kobj->sd = NULL;
}

int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name)
{
	struct kernfs_node *parent = kobj ? kobj->sd : sysfs_root_kn;
	if (!parent || !target->sd)
		return -ENOENT;
	struct kernfs_node *kn = kernfs_create_link(parent, name, target->sd);
	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			sysfs_warn_dup(parent, name);
		return (int)PTR_ERR(kn);
	}
	return 0;
}

void sysfs_remove_link(struct kobject *kobj, const char *name)
{
	struct kernfs_node *parent = kobj ? kobj->sd : sysfs_root_kn;
	if (parent)
		kernfs_remove_by_name(parent, name);
}

int sysfs_create_mount_point(struct kobject *parent_kobj, const char *name)
{
	struct kernfs_node *kn = kernfs_create_dir(parent_kobj->sd, name, 0755, NULL);
	return IS_ERR(kn) ? (int)PTR_ERR(kn) : 0;
}

int sysfs_init(void)
{
	if (kernel_kobj)
		return 0;
	kernel_kobj = kobject_create_and_add("kernel", NULL);
	return kernel_kobj ? 0 : -ENOMEM;
}
core_initcall(sysfs_init);
