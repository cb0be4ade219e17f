/* Helpers for simple files (Linux's fs/libfs.c and fs/read_write.c). */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

int simple_open(struct inode *inode, struct file *file)
{
	if (inode->i_private)
		file->private_data = inode->i_private;
	return 0;
}

ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from,
				size_t available)
{
	loff_t pos = *ppos;
	if (pos < 0)
		return -EINVAL;
	if ((size_t)pos >= available || !count)
		return 0;
	size_t n = min(count, available - (size_t)pos);
	copy_to_user(to, (const char *)from + pos, n);
	*ppos = pos + (loff_t)n;
	return (ssize_t)n;
}

ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count)
{
	loff_t pos = *ppos;
	if (pos < 0)
		return -EINVAL;
	if ((size_t)pos >= available || !count)
		return 0;
	size_t n = min(count, available - (size_t)pos);
	copy_from_user((char *)to + pos, from, n);
	*ppos = pos + (loff_t)n;
	return (ssize_t)n;
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	(void)file;
	(void)offset;
	(void)whence;
	return -ESPIPE;
}

loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == 1)
		offset += file->f_pos;
	else if (whence != 0)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* Files that read and write one number (Linux's simple_attr): get formats
 * it with fmt; a write is parsed as kstrtou64 (base 0) and given to set. A
 * file without set refuses writes (-EACCES), one without get reads
 * (-EACCES). */
struct simple_attr {
	int (*get)(void *, u64 *);
	int (*set)(void *, u64);
	const char *fmt;
	void *data;
};

int simple_attr_open(struct inode *inode, struct file *file, int (*get)(void *, u64 *),
		     int (*set)(void *, u64), const char *fmt)
{
	struct simple_attr *attr = kzalloc(sizeof *attr, GFP_KERNEL);
	if (!attr)
		return -ENOMEM;
	attr->get = get;
	attr->set = set;
	attr->fmt = fmt;
	attr->data = inode->i_private;
	file->private_data = attr;
	return 0;
}

int simple_attr_release(struct inode *inode, struct file *file)
{
	(void)inode;
	kfree(file->private_data);
	return 0;
}

ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	struct simple_attr *attr = file->private_data;
	if (!attr->get)
		return -EACCES;
	u64 val;
	int err = attr->get(attr->data, &val);
	if (err)
		return err;
	char s[24];
	int n = scnprintf(s, sizeof s, attr->fmt, (unsigned long long)val);
	return simple_read_from_buffer(buf, len, ppos, s, (size_t)n);
}

ssize_t simple_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
	struct simple_attr *attr = file->private_data;
	(void)ppos;
	if (!attr->set)
		return -EACCES;
	char s[24];
	if (len >= sizeof s)
		return -EINVAL;
	memcpy(s, buf, len);
	s[len] = '\0';
	u64 val;
	int err = kstrtou64(strim(s), 0, &val);
	if (err)
		return err;
	err = attr->set(attr->data, val);
	return err ? err : (ssize_t)len;
}
