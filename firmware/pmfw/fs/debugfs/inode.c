/*
 * debugfs (Linux's fs/debugfs/inode.c; include/linux/debugfs.h has the
 * API): a tree of dentries over kernfs, rooted at /sys/kernel/debug (made
 * on first use, or at core_initcall). A file read or written from the
 * shell is opened with its file_operations, read whole (read_iter, or
 * read until it returns 0) or written once, and released.
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/uio.h>

#include "../sysfs/sysfs.h"
#include "internal.h"

static struct dentry debugfs_root_dentry;

static struct dentry *debugfs_root(void)
{
	if (!debugfs_root_dentry.kn) {
		if (sysfs_init())
			return ERR_PTR(-ENOMEM);
		struct kernfs_node *kn = kernfs_create_dir(kernel_kobj->sd, "debug", 0700,
							   &debugfs_root_dentry);
		if (IS_ERR(kn))
			return ERR_CAST(kn);
		debugfs_root_dentry.kn = kn;
		debugfs_root_dentry.inode.i_mode = S_IFDIR | 0700;
	}
	return &debugfs_root_dentry;
}

bool debugfs_initialized(void)
{
	return debugfs_root_dentry.kn != NULL;
}

static int debugfs_init(void)
{
	return PTR_ERR_OR_ZERO(debugfs_root());
}
core_initcall(debugfs_init);

static ssize_t debugfs_kf_read(struct kernfs_node *kn, struct iov_iter *to)
{
	struct dentry *d = kn->priv;
	const struct file_operations *fops = d->fops;
	struct file file = { .f_op = fops, .f_inode = &d->inode, .f_mode = FMODE_READ };
	int err = fops->open ? fops->open(&d->inode, &file) : 0;
	if (err)
		return err;
	ssize_t ret = 0;
	if (fops->read_iter) {
		struct kiocb iocb = { .ki_filp = &file };
		ret = fops->read_iter(&iocb, to);
	} else {
		/* Linux's pull interface: chunk after chunk until 0. */
		char chunk[64];
		size_t total = 0;
		for (;;) {
			ssize_t n = fops->read(&file, chunk, sizeof chunk, &file.f_pos);
			if (n <= 0) {
				ret = n < 0 ? n : (ssize_t)total;
				break;
			}
			total += copy_to_iter(chunk, (size_t)n, to);
			if (!iov_iter_count(to)) {
				ret = (ssize_t)total;
				break;
			}
		}
	}
	if (fops->release)
		fops->release(&d->inode, &file);
	return ret;
}

static ssize_t debugfs_kf_write(struct kernfs_node *kn, char *buf, size_t count)
{
	struct dentry *d = kn->priv;
	const struct file_operations *fops = d->fops;
	struct file file = { .f_op = fops, .f_inode = &d->inode, .f_mode = FMODE_WRITE };
	int err = fops->open ? fops->open(&d->inode, &file) : 0;
	if (err)
		return err;
	ssize_t ret = fops->write(&file, buf, count, &file.f_pos);
	if (fops->release)
		fops->release(&d->inode, &file);
	return ret;
}

static const struct kernfs_ops debugfs_rw_kfops = {
	.read = debugfs_kf_read,
	.write = debugfs_kf_write,
};
static const struct kernfs_ops debugfs_ro_kfops = { .read = debugfs_kf_read };
static const struct kernfs_ops debugfs_wo_kfops = { .write = debugfs_kf_write };

static struct dentry *debugfs_parent(struct dentry *parent)
{
	return parent ? parent : debugfs_root();
}

static struct dentry *debugfs_dup(struct dentry *parent, const char *name)
{
	pr_err("debugfs: '%s' already exists in '%s'\n", name,
	       parent == &debugfs_root_dentry ? "debug" : parent->kn->name);
	return ERR_PTR(-EEXIST);
}

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	parent = debugfs_parent(parent);
	if (IS_ERR(parent))
		return parent;
	struct dentry *d = kzalloc(sizeof *d, GFP_KERNEL);
	if (!d)
		return ERR_PTR(-ENOMEM);
	struct kernfs_node *kn = kernfs_create_dir(parent->kn, name, 0755, d);
	if (IS_ERR(kn)) {
		kfree(d);
		return PTR_ERR(kn) == -EEXIST ? debugfs_dup(parent, name) : ERR_CAST(kn);
	}
	d->kn = kn;
	d->inode.i_mode = S_IFDIR | 0755;
	return d;
}

struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops)
{
	parent = debugfs_parent(parent);
	if (IS_ERR(parent))
		return parent;
	bool rd = fops->read || fops->read_iter, wr = fops->write != NULL;
	const struct kernfs_ops *kfops = rd && wr ? &debugfs_rw_kfops
					 : rd	   ? &debugfs_ro_kfops
						   : &debugfs_wo_kfops;
	struct dentry *d = kzalloc(sizeof *d, GFP_KERNEL);
	if (!d)
		return ERR_PTR(-ENOMEM);
	struct kernfs_node *kn = kernfs_create_file(parent->kn, name, mode & 07777, kfops, d);
	if (IS_ERR(kn)) {
		kfree(d);
		return PTR_ERR(kn) == -EEXIST ? debugfs_dup(parent, name) : ERR_CAST(kn);
	}
	d->kn = kn;
	d->fops = fops;
	d->inode.i_mode = S_IFREG | (mode & 07777);
	d->inode.i_private = data;
	return d;
}

struct dentry *debugfs_lookup(const char *name, struct dentry *parent)
{
	parent = debugfs_parent(parent);
	if (IS_ERR(parent))
		return NULL;
	struct kernfs_node *kn = kernfs_find(parent->kn, name);
	return kn ? kn->priv : NULL;
}

/* The dentries of a subtree go with its nodes. */
static void free_dentries(struct kernfs_node *kn)
{
	if (kernfs_type(kn) == KERNFS_DIR)
		for (struct kernfs_node *c = kn->children; c; c = c->next)
			free_dentries(c);
	if (kn->priv != &debugfs_root_dentry)
		kfree(kn->priv);
}

void debugfs_remove(struct dentry *dentry)
{
	if (IS_ERR_OR_NULL(dentry) || dentry == &debugfs_root_dentry)
		return;
	struct kernfs_node *kn = dentry->kn;
	free_dentries(kn);
	kernfs_remove(kn);
}

void debugfs_lookup_and_remove(const char *name, struct dentry *parent)
{
	debugfs_remove(debugfs_lookup(name, parent));
}
