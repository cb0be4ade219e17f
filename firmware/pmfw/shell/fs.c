/*
 * The shell's file commands, over kernfs (sysfs and debugfs):
 *
 *   ls [-l] [PATH]...   a directory's entries in name order, one a line
 *                       (a file: its name); -l adds the type and mode,
 *                       and a link's target ("driver -> ../../...")
 *   cat FILE...         the files' contents, printed as they are read
 *                       (a long debugfs summary needs no buffer)
 *
 * Errors are coreutils': "ls: cannot access 'PATH': <strerror>" (status
 * 2), "cat: FILE: <strerror>" (status 1); the other arguments are still
 * done.
 */
#include <linux/errname.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kernfs.h>
#include <linux/string.h>
#include <linux/uio.h>

#include "sh.h"

static void ls_mode(const struct kernfs_node *kn)
{
	static const char rwx[] = "rwxrwxrwx";
	char s[11];
	s[0] = kernfs_type(kn) == KERNFS_DIR ? 'd' : kernfs_type(kn) == KERNFS_LINK ? 'l' : '-';
	for (int i = 0; i < 9; i++)
		s[1 + i] = kn->mode & (0400 >> i) ? rwx[i] : '-';
	s[10] = '\0';
	sh_printf("%s ", s);
}

static void ls_entry(const struct kernfs_node *kn, const char *name, bool lng)
{
	if (!lng) {
		sh_printf("%s\n", name);
		return;
	}
	ls_mode(kn);
	sh_printf("%s", name);
	if (kernfs_type(kn) == KERNFS_LINK) {
		char target[128];
		kernfs_link_target(kn, target, sizeof target);
		sh_printf(" -> %s", target);
	}
	sh_printf("\n");
}

/* What an argument names: with -l a link is shown as itself, as
 * coreutils' ls shows a link named on its command line. */
static int ls_resolve(const char *path, bool lng, struct kernfs_node **kn)
{
	int err = kernfs_walk(path, !lng, kn);
	if (!err && kernfs_type(*kn) == KERNFS_LINK && path[strlen(path) - 1] == '/')
		err = kernfs_walk(path, true, kn);
	return err;
}

static void ls_dir(const struct kernfs_node *dir, bool lng)
{
	for (struct kernfs_node *c = dir->children; c; c = c->next)
		ls_entry(c, c->name, lng);
}

/* As coreutils: the errors, then the files, then each directory (with a
 * header when there are several arguments). */
static int cmd_ls(int argc, char **argv)
{
	struct kernfs_node *kn;
	bool lng = false, printed = false;
	int i = 1, status = 0;
	if (i < argc && !strcmp(argv[i], "-l")) {
		lng = true;
		i++;
	}
	if (i == argc) {
		ls_dir(&kernfs_root, lng);
		return 0;
	}
	int first = i, n = argc - i;
	for (i = first; i < argc; i++) {
		int err = ls_resolve(argv[i], lng, &kn);
		if (err) {
			sh_error("ls: cannot access '%s': %s", argv[i], errmsg(err));
			status = 2;
		}
	}
	for (i = first; i < argc; i++)
		if (!ls_resolve(argv[i], lng, &kn) && kernfs_type(kn) != KERNFS_DIR) {
			ls_entry(kn, argv[i], lng);
			printed = true;
		}
	for (i = first; i < argc; i++)
		if (!ls_resolve(argv[i], lng, &kn) && kernfs_type(kn) == KERNFS_DIR) {
			if (n > 1)
				sh_printf("%s%s:\n", printed ? "\n" : "", argv[i]);
			ls_dir(kn, lng);
			printed = true;
		}
	return status;
}
SHELL_CMD(ls, cmd_ls, "ls [-l] [PATH]...", "list a directory");

static int cmd_cat(int argc, char **argv)
{
	int status = 0;
	for (int i = 1; i < argc; i++) {
		struct kernfs_node *kn;
		struct iov_iter to;
		int err = kernfs_walk(argv[i], true, &kn);
		if (!err) {
			iov_iter_stream(&to, sh_write_stream, NULL);
			ssize_t n = kernfs_read(kn, &to);
			err = n < 0 ? (int)n : 0;
		}
		if (err) {
			sh_error("cat: %s: %s", argv[i], errmsg(err));
			status = 1;
		}
	}
	return status;
}
SHELL_CMD(cat, cmd_cat, "cat FILE...", "print files");
