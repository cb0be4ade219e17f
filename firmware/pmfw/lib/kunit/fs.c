/*
 * Tests read and write the virtual files as the shell does, through
 * kernfs: what a user sees at that path is what the test checks.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernfs.h>
#include <linux/string.h>
#include <linux/uio.h>

ssize_t kunit_read_file(const char *path, char *buf, size_t size)
{
	struct kernfs_node *kn;
	struct iov_iter to;
	int err = kernfs_walk(path, true, &kn);
	if (err)
		return err;
	if (!size)
		return -EINVAL;
	iov_iter_buffer(&to, buf, size - 1);
	ssize_t n = kernfs_read(kn, &to);
	buf[to.copied] = '\0';
	return n;
}

ssize_t kunit_write_file(const char *path, const char *text)
{
	struct kernfs_node *kn;
	char tmp[128];
	int err = kernfs_walk(path, true, &kn);
	if (err)
		return err;
	if (strscpy(tmp, text, sizeof tmp) < 0)
		return -E2BIG;
	return kernfs_write(kn, tmp, strlen(tmp));
}
