/*
 * Attribute groups (Linux's fs/sysfs/group.c): a set of attributes made
 * and removed together, in the kobject's directory or, with a name, in a
 * subdirectory of it; is_visible can hide some or change their mode.
 * Merging adds a group's files to an existing named subdirectory (the
 * device's "power", which runtime PM and wakeup fill).
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kobject.h>

#include "sysfs.h"

static void remove_files(struct kernfs_node *parent, const struct attribute_group *grp)
{
	for (struct attribute *const *a = grp->attrs; a && *a; a++)
		kernfs_remove_by_name(parent, (*a)->name);
}

static int create_files(struct kernfs_node *parent, struct kobject *kobj,
			const struct attribute_group *grp)
{
	int i = 0, err = 0;
	for (struct attribute *const *a = grp->attrs; a && *a; a++, i++) {
		umode_t mode = (*a)->mode;
		if (grp->is_visible) {
			mode = grp->is_visible(kobj, *a, i);
			if (!mode)
				continue;
		}
		err = sysfs_add_file_mode(parent, *a, mode);
		if (err) {
			while (a-- != grp->attrs)
				kernfs_remove_by_name(parent, (*a)->name);
			break;
		}
	}
	return err;
}

int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
	if (!kobj || !kobj->sd)
		return -EINVAL;
	struct kernfs_node *kn = kobj->sd;
	if (grp->name) {
		kn = kernfs_create_dir(kobj->sd, grp->name, 0755, kobj);
		if (IS_ERR(kn)) {
			if (PTR_ERR(kn) == -EEXIST)
				sysfs_warn_dup(kobj->sd, grp->name);
			return (int)PTR_ERR(kn);
		}
	}
	int err = create_files(kn, kobj, grp);
	if (err && grp->name)
		kernfs_remove(kn);
	return err;
}

/* Linux's: the group again, after what is_visible answers changed: new
 * visible files are added, hidden ones removed. */
int sysfs_update_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *kn = kobj ? kobj->sd : NULL;
	if (kn && grp->name)
		kn = kernfs_find(kn, grp->name);
	if (!kn)
		return -EINVAL;
	int i = 0;
	for (struct attribute *const *a = grp->attrs; a && *a; a++, i++) {
		umode_t mode = grp->is_visible ? grp->is_visible(kobj, *a, i) : (*a)->mode;
		bool exists = kernfs_find(kn, (*a)->name) != NULL;
		if (!mode && exists)
			kernfs_remove_by_name(kn, (*a)->name);
		else if (mode && !exists) {
			int err = sysfs_add_file_mode(kn, *a, mode);
			if (err)
				return err;
		}
	}
	return 0;
}

int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	int err = 0;
	for (int i = 0; groups && groups[i] && !err; i++) {
		err = sysfs_create_group(kobj, groups[i]);
		if (err)
			while (--i >= 0)
				sysfs_remove_group(kobj, groups[i]);
	}
	return err;
}

void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp)
{
	if (!kobj || !kobj->sd)
		return;
	if (grp->name)
		kernfs_remove_by_name(kobj->sd, grp->name);
	else
		remove_files(kobj->sd, grp);
}

void sysfs_remove_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	for (int i = 0; groups && groups[i]; i++)
		sysfs_remove_group(kobj, groups[i]);
}

int sysfs_merge_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *dir = kobj && kobj->sd ? kernfs_find(kobj->sd, grp->name) : NULL;
	if (!dir)
		return -ENOENT;
	return create_files(dir, kobj, grp);
}

void sysfs_unmerge_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *dir = kobj && kobj->sd ? kernfs_find(kobj->sd, grp->name) : NULL;
	if (dir)
		remove_files(dir, grp);
}
