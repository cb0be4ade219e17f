/*
 * sysfs files (Linux's fs/sysfs/file.c): an attribute's file in a
 * kobject's directory (or a group's subdirectory, whose priv is the same
 * kobject). Reading calls the kobj_type's sysfs_ops->show with a zeroed
 * page, writing its store with the text written, NUL-terminated.
 */
#include <stdarg.h>

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/uio.h>

#include "sysfs.h"

static struct kobject *sysfs_file_kobj(struct kernfs_node *kn)
{
	return kn->parent->priv;
}

static ssize_t sysfs_kf_read(struct kernfs_node *kn, struct iov_iter *to)
{
	struct kobject *kobj = sysfs_file_kobj(kn);
	const struct sysfs_ops *ops = kobj->ktype->sysfs_ops;
	char *buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ssize_t n = ops->show ? ops->show(kobj, kn->priv, buf) : -EIO;
	if (n >= (ssize_t)PAGE_SIZE) {
		pr_warn("fill_read_buffer: %s/%s returned bad count\n", kobject_name(kobj), kn->name);
		n = PAGE_SIZE - 1;
	}
	if (n > 0)
		n = (ssize_t)copy_to_iter(buf, (size_t)n, to);
	kfree(buf);
	return n;
}

static ssize_t sysfs_kf_write(struct kernfs_node *kn, char *buf, size_t count)
{
	struct kobject *kobj = sysfs_file_kobj(kn);
	const struct sysfs_ops *ops = kobj->ktype->sysfs_ops;
	if (!count)
		return 0;
	return ops->store ? ops->store(kobj, kn->priv, buf, count) : -EIO;
}

static const struct kernfs_ops sysfs_file_kfops = {
	.read = sysfs_kf_read,
	.write = sysfs_kf_write,
};

int sysfs_add_file_mode(struct kernfs_node *parent, const struct attribute *attr, umode_t mode)
{
	struct kobject *kobj = parent->priv;
	if (!kobj || !kobj->ktype || !kobj->ktype->sysfs_ops) {
		pr_warn("sysfs: missing sysfs_ops for attribute '%s'\n", attr->name);
		return -EINVAL;
	}
	struct kernfs_node *kn = kernfs_create_file(parent, attr->name, mode & S_IRWXUGO,
						    &sysfs_file_kfops, (void *)attr);
	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			sysfs_warn_dup(parent, attr->name);
		return (int)PTR_ERR(kn);
	}
	return 0;
}

int sysfs_create_file(struct kobject *kobj, const struct attribute *attr)
{
	if (!kobj || !kobj->sd || !attr)
		return -EINVAL;
	return sysfs_add_file_mode(kobj->sd, attr, attr->mode);
}

int sysfs_create_files(struct kobject *kobj, const struct attribute *const *attrs)
{
	int err = 0;
	for (int i = 0; attrs[i] && !err; i++) {
		err = sysfs_create_file(kobj, attrs[i]);
		if (err)
			while (--i >= 0)
				sysfs_remove_file(kobj, attrs[i]);
	}
	return err;
}

void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr)
{
	if (kobj && kobj->sd)
		kernfs_remove_by_name(kobj->sd, attr->name);
}

void sysfs_remove_files(struct kobject *kobj, const struct attribute *const *attrs)
{
	for (int i = 0; attrs[i]; i++)
		sysfs_remove_file(kobj, attrs[i]);
}

int sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vscnprintf(buf, PAGE_SIZE, fmt, ap);
	va_end(ap);
	return n;
}

int sysfs_emit_at(char *buf, int at, const char *fmt, ...)
{
	if (WARN_ON(at < 0 || at >= (int)PAGE_SIZE))
		return 0;
	va_list ap;
	va_start(ap, fmt);
	int n = vscnprintf(buf + at, PAGE_SIZE - (size_t)at, fmt, ap);
	va_end(ap);
	return n;
}
