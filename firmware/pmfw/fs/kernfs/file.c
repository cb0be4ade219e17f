/*
 * Reading and writing kernfs files (Linux's fs/kernfs/file.c): the checks
 * open(2) makes, then the file's operation. As in Linux, a file can be
 * read only if its mode has a read bit and it has a read operation, and
 * written likewise; root's privilege does not override that (-EACCES).
 */
#include <linux/errno.h>
#include <linux/kernfs.h>

int kernfs_may_open(const struct kernfs_node *kn, bool write)
{
	if (kernfs_type(kn) == KERNFS_DIR)
		return -EISDIR;
	if (kernfs_type(kn) != KERNFS_FILE)
		return -ENOENT;
	if (write ? !(kn->mode & S_IWUGO) || !kn->ops->write
		  : !(kn->mode & S_IRUGO) || !kn->ops->read)
		return -EACCES;
	return 0;
}

ssize_t kernfs_read(struct kernfs_node *kn, struct iov_iter *to)
{
	int err = kernfs_may_open(kn, false);
	return err ? err : kn->ops->read(kn, to);
}

ssize_t kernfs_write(struct kernfs_node *kn, char *buf, size_t count)
{
	int err = kernfs_may_open(kn, true);
	return err ? err : kn->ops->write(kn, buf, count);
}
