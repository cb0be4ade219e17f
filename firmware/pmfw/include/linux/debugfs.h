/*
 * debugfs (include/linux/debugfs.h, fs/debugfs/): files for debugging,
 * under /sys/kernel/debug, each with its own file_operations (usually a
 * seq_file show function: DEFINE_SHOW_ATTRIBUTE). As in Linux, callers
 * need not check what these return: a NULL parent is the debugfs root, and
 * an error pointer given as a parent makes the call do nothing.
 */
#ifndef _LINUX_DEBUGFS_H
#define _LINUX_DEBUGFS_H

#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/types.h>

struct dentry;

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops);
/* A file that reads (and, with a write mode, sets) a variable. */
void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent, u32 *value);
void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value);
/* The child `name` of parent (NULL: the root), or NULL. */
struct dentry *debugfs_lookup(const char *name, struct dentry *parent);
/* Remove a file, or a directory with everything in it. */
void debugfs_remove(struct dentry *dentry);
#define debugfs_remove_recursive debugfs_remove
void debugfs_lookup_and_remove(const char *name, struct dentry *parent);
bool debugfs_initialized(void);
/* Linux's debugfs variant of DEFINE_SIMPLE_ATTRIBUTE (the same here). */
#define DEFINE_DEBUGFS_ATTRIBUTE(__fops, __get, __set, __fmt) \
	DEFINE_SIMPLE_ATTRIBUTE(__fops, __get, __set, __fmt)

#endif
