/*
 * The shell: pmfw's init (Linux would run /sbin/init; pmfw runs this). It
 * opens the console's tty, runs init's command line (docs/pmfw.md, "The
 * command line"), then prompts ("# ") and runs the lines it reads, until
 * `exit`, `poweroff` or end of file (^D) ends the run. Without a console
 * tty (its UART has no driver), the run ends after the command line, with
 * status 0.
 *
 * A text is run one logical line at a time: the line (up to a newline
 * that is not quoted) is checked first, and a syntax error runs none of
 * it and ends the text (status 2, as sh -c does); then its commands run in
 * order (shell/parse.c has the syntax). A command is looked up in the
 * table the linker collects (SHELL_CMD); an unknown one is
 * "sh: NAME: not found", status 127.
 *
 * Output and errors are the userland's, as busybox's sh and coreutils
 * print them. Redirected output ("> FILE") goes through a buffer of
 * PAGE_SIZE bytes, written to the file when it fills and when the command
 * ends, as stdio does; a write error (the store's errno) is reported once,
 * after the command, as "NAME: write error: <strerror>", status 1. A
 * file that cannot be opened for writing is "sh: can't create FILE:
 * <strerror>", status 1, and the command does not run: sysfs and debugfs
 * cannot create files, so a missing file in an existing directory is
 * "Permission denied", as on Linux.
 */
#include <stdarg.h>
#include <stdio.h>

#include <linux/errname.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kernfs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tty.h>

#include "../arch/arm/arch.h"
#include "../kernel/printk.h"
#include "parse.h"
#include "sh.h"

extern const struct shell_cmd __shell_cmds_start[], __shell_cmds_end[];

/* The longest line read from the console: n_tty's (255 and a newline). */
#define SH_LINE_MAX 256

static void (*console_fn)(void *arg, const char *s, size_t n);
static void *console_arg;
static int last_status;
static struct tty_struct *sh_tty; /* the console's tty, once open */

struct sh_redirect {
	struct kernfs_node *kn;
	char *buf; /* PAGE_SIZE bytes and a NUL */
	size_t len;
	int err;
};
static struct sh_redirect *redir; /* the running command's output, or NULL */

int sh_last_status(void)
{
	return last_status;
}

void shell_set_console(void (*fn)(void *arg, const char *s, size_t n), void *arg)
{
	console_fn = fn;
	console_arg = arg;
}

void sh_capture(void *arg, const char *s, size_t n)
{
	struct sh_capture *cap = arg;
	if (cap->len + n >= cap->size)
		n = cap->size - 1 - cap->len;
	memcpy(cap->buf + cap->len, s, n);
	cap->len += n;
	cap->buf[cap->len] = '\0';
}

static void console_out(const char *s, size_t n)
{
	if (console_fn)
		console_fn(console_arg, s, n);
	else if (sh_tty)
		tty_kwrite(sh_tty, s, n);
	else
		console_write_raw(s, (unsigned int)n);
}

void shell_flush_console(void)
{
	if (sh_tty)
		tty_wait_until_sent(sh_tty, 0);
}

const struct shell_cmd *shell_find_cmd(const char *name)
{
	for (const struct shell_cmd *c = __shell_cmds_start; c < __shell_cmds_end; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* ---- output ------------------------------------------------------------------ */

static void redirect_flush(struct sh_redirect *rd)
{
	size_t off = 0;
	while (!rd->err && off < rd->len) {
		rd->buf[rd->len] = '\0';
		ssize_t n = kernfs_write(rd->kn, rd->buf + off, rd->len - off);
		if (n < 0)
			rd->err = (int)n;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	rd->len = 0;
}

void sh_write(const char *s, size_t n)
{
	struct sh_redirect *rd = redir;
	if (!rd) {
		console_out(s, n);
		return;
	}
	while (n && !rd->err) {
		if (rd->len == PAGE_SIZE)
			redirect_flush(rd);
		size_t k = min(n, PAGE_SIZE - rd->len);
		memcpy(rd->buf + rd->len, s, k);
		rd->len += k;
		s += k;
		n -= k;
	}
}

void sh_write_stream(void *arg, const char *s, size_t n)
{
	(void)arg;
	sh_write(s, n);
}

/* Format into a small buffer, or the heap if it is longer. */
static void vformat(void (*out)(const char *s, size_t n), const char *fmt, va_list ap,
		    const char *suffix)
{
	char buf[96];
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(buf, sizeof buf, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n < sizeof buf) {
		out(buf, (size_t)n);
	} else {
		char *p = kvasprintf(GFP_KERNEL, fmt, ap);
		if (p)
			out(p, strlen(p));
		kfree(p);
	}
	if (suffix)
		out(suffix, strlen(suffix));
}

int sh_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vformat(sh_write, fmt, ap, NULL);
	va_end(ap);
	return 0;
}

void sh_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vformat(console_out, fmt, ap, "\n");
	va_end(ap);
}

/* ---- running commands -------------------------------------------------------- */

/* Open path for writing, as open(O_WRONLY | O_CREAT | O_TRUNC) would. */
static int redirect_open(struct sh_redirect *rd, char *path)
{
	struct kernfs_node *kn;
	int err = kernfs_walk(path, true, &kn);
	if (err == -ENOENT) {
		/* If the directory is there, the file is what is missing, and
		 * it cannot be created. */
		char *slash = strrchr(path, '/');
		struct kernfs_node *dir = &kernfs_root;
		int derr = 0;
		if (slash) {
			char saved = slash[1];
			slash[1] = '\0';
			derr = kernfs_walk(path, true, &dir);
			slash[1] = saved;
		}
		if (!derr)
			err = kernfs_type(dir) == KERNFS_DIR ? -EACCES : -ENOTDIR;
	}
	if (!err)
		err = kernfs_may_open(kn, true);
	if (err)
		return err;
	rd->buf = kmalloc(PAGE_SIZE + 1, GFP_KERNEL);
	if (!rd->buf)
		return -ENOMEM;
	rd->kn = kn;
	return 0;
}

static int sh_exec(struct sh_cmd *c)
{
	struct sh_redirect rd = { 0 };
	int status = 0;
	if (!c->argc && !c->redirect)
		return last_status;
	if (c->redirect) {
		int err = redirect_open(&rd, c->redirect);
		if (err) {
			sh_error("sh: can't create %s: %s", c->redirect, errmsg(err));
			return 1;
		}
	}
	if (c->argc) {
		const struct shell_cmd *sc = shell_find_cmd(c->argv[0]);
		if (!sc) {
			sh_error("sh: %s: not found", c->argv[0]);
			status = 127;
		} else {
			struct sh_redirect *outer = redir;
			redir = rd.kn ? &rd : NULL;
			status = sc->fn(c->argc, c->argv);
			if (rd.kn)
				redirect_flush(&rd);
			redir = outer;
		}
	}
	if (rd.err) {
		sh_error("%s: write error: %s", c->argv[0], errmsg(rd.err));
		status = 1;
	}
	kfree(rd.buf);
	return status;
}

int shell_run(const char *text)
{
	char *copy = kstrdup(text, GFP_KERNEL);
	struct sh_cmd cmd;
	enum sh_sep sep;
	const char *err;
	if (!copy) {
		sh_error("sh: out of memory");
		return last_status = 1;
	}
	char *pos = copy;
	for (;;) {
		/* Check the logical line first. */
		char *check = pos;
		int r;
		do
			r = sh_parse(&check, &cmd, &sep, &err, true);
		while (r == 1 && sep == SH_SEP_SEMICOLON);
		if (r < 0) {
			sh_error("sh: %s", err);
			last_status = 2;
			break;
		}
		if (r == 0)
			break;
		do {
			r = sh_parse(&pos, &cmd, &sep, &err, false);
			if (r == 1)
				last_status = sh_exec(&cmd);
		} while (r == 1 && sep == SH_SEP_SEMICOLON);
		if (r != 1 || sep == SH_SEP_END)
			break;
	}
	kfree(copy);
	return last_status;
}

__noreturn void shell_main(const char *cmd)
{
	char *line = kmalloc(SH_LINE_MAX + 1, GFP_KERNEL);
	sh_tty = tty_kopen_console();
	if (*cmd)
		shell_run(cmd);
	/* No console to read commands from (its UART has no driver bound):
	 * the run ends here. */
	if (!sh_tty || !line)
		semihost_exit(0);
	for (;;) {
		console_out("# ", 2);
		ssize_t n = tty_kread(sh_tty, line, SH_LINE_MAX);
		if (n <= 0)
			break;
		line[n] = '\0';
		shell_run(line);
	}
	/* End of file (^D at the start of a line): as sh, exit with the
	 * last status. */
	console_out("\n", 1);
	shell_flush_console();
	semihost_exit(last_status & 0xff);
}
