/* debugfs's internals (Linux's fs/debugfs/internal.h). */
#ifndef _FS_DEBUGFS_INTERNAL_H
#define _FS_DEBUGFS_INTERNAL_H

#include <linux/fs.h>
#include <linux/kernfs.h>

/* A debugfs file or directory: its kernfs node (whose priv points back
 * here), its operations, and the inode its open() sees. */
struct dentry {
	struct kernfs_node *kn;
	const struct file_operations *fops;
	struct inode inode;
};

#endif
