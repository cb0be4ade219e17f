/*
 * Files (include/linux/fs.h), the part debugfs uses: a file's operations
 * and the file and inode they see. A read or a write is open, one read
 * (or write) of the whole file, release: the shell reads a file to its end
 * in one go, and writes what one `echo` printed in one call.
 *
 * read_iter is the read that debugfs and seq_file use: the data goes into
 * an iov_iter, which may be a stream that takes any amount
 * (DEFINE_SHOW_ATTRIBUTE sets it to seq_read_iter). A plain read
 * (Linux's pull interface, with a position) is called until it returns 0.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/kernfs.h>
#include <linux/types.h>
#include <linux/uaccess.h>

struct iov_iter;
struct module;

struct inode {
	umode_t i_mode;
	void *i_private; /* debugfs: the data given to debugfs_create_file */
};

#define FMODE_READ 0x1
#define FMODE_WRITE 0x2

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	unsigned int f_mode;
	loff_t f_pos;
	void *private_data; /* the open's (seq_open puts its seq_file here) */
};

struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
};

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	ssize_t (*read)(struct file *file, char __user *buf, size_t count, loff_t *ppos);
	ssize_t (*write)(struct file *file, const char __user *buf, size_t count, loff_t *ppos);
	ssize_t (*read_iter)(struct kiocb *iocb, struct iov_iter *to);
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

/* private_data = inode->i_private. */
int simple_open(struct inode *inode, struct file *file);
/* A read from a buffer of `available` bytes at *ppos. */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from,
				size_t available);
/* A write into a buffer of `available` bytes at *ppos. */
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count);

/* A file of one number (fs/libfs.c): DEFINE_SIMPLE_ATTRIBUTE(fops, get,
 * set, "%llu\n"); get or set may be NULL. */
int simple_attr_open(struct inode *inode, struct file *file, int (*get)(void *, u64 *),
		     int (*set)(void *, u64), const char *fmt);
int simple_attr_release(struct inode *inode, struct file *file);
ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos);
ssize_t simple_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos);
#define DEFINE_SIMPLE_ATTRIBUTE(__fops, __get, __set, __fmt)                           \
	static int __fops##_open(struct inode *inode, struct file *file)              \
	{                                                                             \
		return simple_attr_open(inode, file, __get, __set, __fmt);            \
	}                                                                             \
	static const struct file_operations __fops = {                                \
		.open = __fops##_open,                                                \
		.release = simple_attr_release,                                       \
		.read = simple_attr_read,                                             \
		.write = simple_attr_write,                                           \
	}

loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);

#endif
