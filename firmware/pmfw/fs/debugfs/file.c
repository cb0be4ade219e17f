/*
 * debugfs files for a variable (Linux's fs/debugfs/file.c): reading
 * prints its value ("%llu\n" for a u32, "Y\n" or "N\n" for a bool, as
 * Linux does); writing parses it (kstrtoull base 0, kstrtobool) and
 * returns -EINVAL for anything else. Without a write bit in the mode the
 * file is read-only.
 */
#include <linux/debugfs.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

static ssize_t u32_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	char s[16];
	int n = scnprintf(s, sizeof s, "%llu\n", (unsigned long long)*(u32 *)file->private_data);
	return simple_read_from_buffer(buf, count, ppos, s, (size_t)n);
}

static ssize_t u32_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	char s[24];
	u64 v;
	(void)ppos;
	if (count >= sizeof s)
		return -EINVAL;
	memcpy(s, buf, count);
	s[count] = '\0';
	int err = kstrtou64(strim(s), 0, &v);
	if (err)
		return err;
	if (v > U32_MAX)
		return -ERANGE;
	*(u32 *)file->private_data = (u32)v;
	return (ssize_t)count;
}

static const struct file_operations fops_u32 = {
	.open = simple_open, .read = u32_read, .write = u32_write,
};
static const struct file_operations fops_u32_ro = { .open = simple_open, .read = u32_read };

void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent, u32 *value)
{
	debugfs_create_file(name, mode, parent, value, mode & S_IWUGO ? &fops_u32 : &fops_u32_ro);
}

static ssize_t bool_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	const char *s = *(bool *)file->private_data ? "Y\n" : "N\n";
	return simple_read_from_buffer(buf, count, ppos, s, 2);
}

static ssize_t bool_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	char s[8];
	bool v;
	(void)ppos;
	if (count >= sizeof s)
		return -EINVAL;
	memcpy(s, buf, count);
	s[count] = '\0';
	int err = kstrtobool(s, &v);
	if (err)
		return err;
	*(bool *)file->private_data = v;
	return (ssize_t)count;
}

static const struct file_operations fops_bool = {
	.open = simple_open, .read = bool_read, .write = bool_write,
};
static const struct file_operations fops_bool_ro = { .open = simple_open, .read = bool_read };

void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value)
{
	debugfs_create_file(name, mode, parent, value, mode & S_IWUGO ? &fops_bool : &fops_bool_ro);
}
