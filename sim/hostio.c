/*
 * Host files of a run: its inputs and its outputs (docs/cli.md).
 *
 * Inputs (the image, the device tree, the --uart-in file) are regular
 * files, read whole before the run starts and bounded in size. Anything
 * else is refused before a byte is read: a FIFO would block forever and
 * /dev/zero would never end. The file is opened non-blocking so that even
 * opening a FIFO cannot hang, and checked on the open descriptor, so what
 * is checked is what is read.
 *
 * Outputs never destroy anything that is not theirs:
 *  - a regular file, or a name that does not exist yet, is written in
 *    place (UART output) or to a temporary file in the target's directory
 *    that is renamed over it at the end (a report, which is then never
 *    half-written). Symbolic links are followed to their target, whose
 *    directory holds the temporary file, so the link itself survives;
 *  - a FIFO or a character device is written through, so that
 *    `--report /dev/stdout` and `--report >(jq .)` work; it is never
 *    replaced by a regular file;
 *  - a path that is pmsim's own standard output or error (same file) goes
 *    into that stream, after what the guest wrote there;
 *  - a directory, a block device or a socket is refused, and so is a path
 *    that is one of the run's inputs (compared by device and inode, not by
 *    name, so no spelling of a path gets past it).
 * Every output is created before the run starts, so that a run is never
 * wasted on an output that cannot be written (a missing directory, /proc,
 * a read-only file system).
 *
 * A temporary file is listed for the signal handler, which removes it
 * before pmsim dies of SIGINT, SIGTERM, SIGHUP or SIGPIPE, and ends a
 * helper process still running (dtc): an interrupted run leaves nothing
 * behind. The handler only calls async-signal-safe functions (kill,
 * unlink, write, raise) on data that is complete before it is listed.
 */
#include "sim/hostio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/machine.h"

/* ---- inputs ---------------------------------------------------------------- */

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

static void id_of(const struct stat *st, struct hostio_id *id)
{
	id->set = true;
	id->dev = st->st_dev;
	id->ino = st->st_ino;
}

static bool id_eq(const struct hostio_id *a, const struct hostio_id *b)
{
	return a->set && b->set && a->dev == b->dev && a->ino == b->ino;
}

static int too_large(const char *name, size_t max, struct err *e)
{
	return errf(e, "%s: larger than %zu MiB, the most pmsim reads from this input", name,
		    max >> 20), EXIT_BADINPUT;
}

/* Open `path` for reading and check it is a regular file of at most `max`
 * bytes. Returns the descriptor, or -1 with *status and e set. */
static int open_input(const char *path, size_t max, struct hostio_id *id, int *status,
		      struct err *e)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		errf(e, "%s: cannot open: %s", path, strerror(errno));
		*status = EXIT_NOINPUT;
	} else if (!S_ISREG(st.st_mode)) {
		errf(e, "%s: is %s; pmsim reads only regular files", path, kind_of(st.st_mode));
		*status = EXIT_NOINPUT;
	} else if ((uintmax_t)st.st_size > max) {
		*status = too_large(path, max, e);
	} else {
		if (id)
			id_of(&st, id);
		return fd;
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

int hostio_read_fd(int fd, const char *name, size_t max, void **data, size_t *len,
		   struct err *e)
{
	size_t cap = 1 << 14, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		return errf(e, "%s: out of memory", name), EXIT_INTERNAL;
	for (;;) {
		if (n == cap) {
			/* One byte past the limit tells a file of exactly `max`
			 * bytes from a longer one. */
			if (n > max)
				break;
			size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				return errf(e, "%s: out of memory", name), EXIT_INTERNAL;
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int err = errno;
			free(buf);
			return errf(e, "%s: read error: %s", name, strerror(err)), EXIT_NOINPUT;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > max) {
		free(buf);
		return too_large(name, max, e);
	}
	*data = buf;
	*len = n;
	return 0;
}

int hostio_read(const char *path, size_t max, void **data, size_t *len, struct hostio_id *id,
		struct err *e)
{
	int status = 0;
	int fd = open_input(path, max, id, &status, e);
	if (fd < 0)
		return status;
	/* The size was checked, but a file can grow while it is read. */
	status = hostio_read_fd(fd, path, max, data, len, e);
	close(fd);
	return status;
}

int hostio_check(const char *path, size_t max, struct hostio_id *id, struct err *e)
{
	int status = 0;
	int fd = open_input(path, max, id, &status, e);
	if (fd >= 0)
		close(fd);
	return status;
}

void hostio_fd_id(int fd, struct hostio_id *id)
{
	struct stat st;
	id->set = false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		id_of(&st, id);
}

/* ---- temporary files and signals ------------------------------------------- */

#define TMP_SLOTS 4

static char tmp_paths[TMP_SLOTS][PATH_MAX];
static volatile sig_atomic_t tmp_used[TMP_SLOTS];

static int tmp_register(const char *path)
{
	if (strlen(path) >= PATH_MAX)
		return -1;
	for (int i = 0; i < TMP_SLOTS; i++) {
		if (tmp_used[i])
			continue;
		memcpy(tmp_paths[i], path, strlen(path) + 1);
		tmp_used[i] = 1;
		return i;
	}
	return -1;
}

static void tmp_unregister(int slot)
{
	if (slot >= 0)
		tmp_used[slot] = 0;
}

/* A helper process (dtc) that must not outlive pmsim; 0 if none. */
static volatile sig_atomic_t child_pid;

void hostio_child(pid_t pid)
{
	child_pid = (sig_atomic_t)pid;
}

/* A run that stops cleanly on the first SIGINT, SIGTERM or SIGHUP and
 * writes its reports (hostio_interruptible); the signal that asked. */
static volatile sig_atomic_t interruptible, interrupt_sig;

static void on_fatal_signal(int sig);

/* The handler for `sig`, with the fatal signals blocked while it runs (a
 * second one waits for the first to be handled; SA_RESETHAND would let it
 * in at once, with the default action, before any clean-up). */
static void catch_signal(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGINT);
	sigaddset(&sa.sa_mask, SIGTERM);
	sigaddset(&sa.sa_mask, SIGHUP);
	sigaddset(&sa.sa_mask, SIGPIPE);
	sigaction(sig, &sa, NULL);
}

static void on_fatal_signal(int sig)
{
	if (interruptible && !interrupt_sig && sig != SIGPIPE) {
		/* The first one asks the run to stop; the handler is set again
		 * (SA_RESETHAND removed it), so that a second one ends pmsim
		 * at once, as below. */
		interrupt_sig = sig;
		return;
	}
	if (child_pid > 0)
		kill((pid_t)child_pid, SIGTERM);
	for (int i = 0; i < TMP_SLOTS; i++)
		if (tmp_used[i])
			unlink(tmp_paths[i]);
	if (sig == SIGPIPE) {
		static const char msg[] = "pmsim: an output pipe was closed by its reader "
					  "(SIGPIPE): run stopped\n";
		ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
		(void)ignored;
	}
	/* The default action back; the signal is blocked until the handler
	 * returns, and then ends the process as it would have without the
	 * handler (so the shell sees 128 + sig). */
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	raise(sig);
}

void hostio_signals_init(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction old, sa = { 0 };
		/* A signal ignored by whoever started pmsim stays ignored, as
		 * with any Unix tool (nohup, background jobs). */
		if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
			continue;
		(void)sa;
		catch_signal(sigs[i]);
	}
}

void hostio_interruptible(bool on)
{
	interruptible = on;
}

int hostio_interrupted(void)
{
	return interrupt_sig;
}

/* ---- outputs --------------------------------------------------------------- */

/* dirname and basename of a path, without modifying it. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	char *d = malloc((size_t)(slash - path) + 1);
	if (d) {
		memcpy(d, path, (size_t)(slash - path));
		d[slash - path] = '\0';
	}
	return d;
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Follow symbolic links from `path` to the name that is finally written
 * (which need not exist yet: a dangling link names the file to create). */
static char *resolve_links(const char *path, struct err *e, const char *opt)
{
	char *cur = strdup(path);
	for (int hops = 0; cur; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		char link[PATH_MAX];
		ssize_t n = hops < 40 ? readlink(cur, link, sizeof link - 1) : -1;
		if (n < 0) {
			errf(e, "%s %s: cannot follow the symbolic link %s: %s", opt, path, cur,
			     hops < 40 ? strerror(errno) : strerror(ELOOP));
			free(cur);
			return NULL;
		}
		link[n] = '\0';
		char *next;
		if (link[0] == '/') {
			next = strdup(link);
		} else {
			char *dir = dir_of(cur);
			size_t len = (dir ? strlen(dir) : 0) + strlen(link) + 2;
			next = dir ? malloc(len) : NULL;
			if (next)
				snprintf(next, len, "%s/%s", dir, link);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	errf(e, "out of memory");
	return NULL;
}

static bool same_as_fd(const struct stat *st, int fd)
{
	struct stat fst;
	return fstat(fd, &fst) == 0 && fst.st_dev == st->st_dev && fst.st_ino == st->st_ino;
}

int hostio_out_check(struct hostio_out *o, const char *opt, const char *path, bool replace,
		     const struct hostio_input *in, unsigned nin, struct err *e)
{
	memset(o, 0, sizeof *o);
	o->opt = opt;
	o->path = path;
	o->tmp_slot = -1;
	struct stat st;
	if (stat(path, &st) == 0) {
		o->exists = true;
		id_of(&st, &o->id);
		if (same_as_fd(&st, STDOUT_FILENO) || same_as_fd(&st, STDERR_FILENO)) {
			o->kind = same_as_fd(&st, STDOUT_FILENO) ? HOSTIO_STDOUT : HOSTIO_STDERR;
			return 0;
		}
		if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
			o->kind = HOSTIO_THROUGH;
			return 0;
		}
		if (!S_ISREG(st.st_mode))
			return errf(e, "%s %s: is %s; pmsim writes regular files, FIFOs and "
				    "character devices", opt, path, kind_of(st.st_mode)),
			       EXIT_CANTCREATE;
		for (unsigned i = 0; i < nin; i++)
			if (id_eq(&o->id, &in[i].id))
				return errf(e, "%s %s: is %s (%s); an output must not overwrite an "
					    "input", opt, path, in[i].what, in[i].path),
				       EXIT_CANTCREATE;
		o->mode = st.st_mode & 07777;
	} else if (errno != ENOENT) {
		return errf(e, "%s %s: %s", opt, path, strerror(errno)), EXIT_CANTCREATE;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		o->mode = 0666 & ~mask;
	}
	o->kind = replace ? HOSTIO_REPLACE : HOSTIO_TRUNCATE;
	o->target = resolve_links(path, e, opt);
	if (!o->target)
		return EXIT_CANTCREATE;
	char *dir = dir_of(o->target);
	if (!dir)
		return errf(e, "out of memory"), EXIT_INTERNAL;
	/* A new file, or the report's temporary file, is created in the
	 * directory; an existing file truncated in place needs only itself
	 * writable (its open before the run says so). */
	int rc = 0;
	if (stat(dir, &st) != 0)
		rc = errf(e, "%s %s: %s: %s", opt, path, dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		rc = errf(e, "%s %s: %s is not a directory", opt, path, dir);
	else if ((replace || !o->exists) && access(dir, W_OK | X_OK) != 0)
		rc = errf(e, "%s %s: cannot create a file in %s: %s", opt, path, dir,
			  strerror(errno));
	else
		id_of(&st, &o->dir_id);
	free(dir);
	return rc ? EXIT_CANTCREATE : 0;
}

bool hostio_out_same(const struct hostio_out *a, const struct hostio_out *b)
{
	bool fa = a->kind == HOSTIO_REPLACE || a->kind == HOSTIO_TRUNCATE;
	bool fb = b->kind == HOSTIO_REPLACE || b->kind == HOSTIO_TRUNCATE;
	if (!fa || !fb)
		return false;
	if (a->exists || b->exists)
		return a->exists && b->exists && id_eq(&a->id, &b->id);
	return id_eq(&a->dir_id, &b->dir_id) && !strcmp(base_of(a->target), base_of(b->target));
}

int hostio_out_open(struct hostio_out *o, struct err *e)
{
	int fd = -1;
	const char *what = o->path;
	switch (o->kind) {
	case HOSTIO_STDOUT:
		o->f = stdout;
		return 0;
	case HOSTIO_STDERR:
		o->f = stderr;
		return 0;
	case HOSTIO_THROUGH:
		/* A FIFO blocks here until its reader opens it, as for any
		 * writer; better before the run than after it. */
		fd = open(o->path, O_WRONLY | O_NOCTTY);
		break;
	case HOSTIO_TRUNCATE:
		fd = open(o->target, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY, 0666);
		break;
	case HOSTIO_REPLACE: {
		size_t len = strlen(o->target) + 16;
		o->tmp = malloc(len);
		if (!o->tmp)
			return errf(e, "out of memory"), EXIT_INTERNAL;
		/* Exclusive and unique (mkstemp): a leftover from an earlier
		 * run, or a directory of that name, is never reused. */
		snprintf(o->tmp, len, "%s.tmp.XXXXXX", o->target);
		sigset_t all, old;
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, &old);
		fd = mkstemp(o->tmp);
		int err = errno;
		if (fd >= 0)
			o->tmp_slot = tmp_register(o->tmp);
		sigprocmask(SIG_SETMASK, &old, NULL);
		errno = err;
		if (fd >= 0 && fchmod(fd, o->mode) != 0) {
			err = errno;
			hostio_out_discard(o);
			close(fd);
			return errf(e, "%s %s: cannot create: %s", o->opt, what, strerror(err)),
			       EXIT_CANTCREATE;
		}
		if (fd < 0) {
			free(o->tmp);
			o->tmp = NULL;
		}
		break;
	}
	}
	if (fd < 0)
		return errf(e, "%s %s: cannot create: %s", o->opt, what, strerror(errno)),
		       EXIT_CANTCREATE;
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		int err = errno;
		close(fd);
		hostio_out_discard(o);
		return errf(e, "%s %s: %s", o->opt, what, strerror(err)), EXIT_INTERNAL;
	}
	return 0;
}

int hostio_out_close(struct hostio_out *o, struct err *e)
{
	if (!o->f)
		return 0;
	if (o->kind == HOSTIO_STDOUT || o->kind == HOSTIO_STDERR) {
		fflush(o->f);
		o->f = NULL;
		return 0;
	}
	/* An error during the run left the stream's error flag, and its errno
	 * only if the writer kept it; an error now has its own. */
	bool earlier = ferror(o->f);
	errno = 0;
	bool ok = fflush(o->f) == 0 && !earlier;
	int err = earlier ? o->werr : errno;
	if (fclose(o->f) != 0 && ok) {
		ok = false;
		err = errno;
	}
	o->f = NULL;
	if (ok && o->kind == HOSTIO_REPLACE && rename(o->tmp, o->target) != 0) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		hostio_out_discard(o);
		return errf(e, "%s %s: cannot write: %s", o->opt, o->path,
			    err ? strerror(err) : "write error"), EXIT_CANTCREATE;
	}
	tmp_unregister(o->tmp_slot);
	o->tmp_slot = -1;
	free(o->tmp);
	o->tmp = NULL;
	return 0;
}

void hostio_out_discard(struct hostio_out *o)
{
	if (o->f && o->f != stdout && o->f != stderr)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp) {
		unlink(o->tmp);
		tmp_unregister(o->tmp_slot);
		o->tmp_slot = -1;
		free(o->tmp);
		o->tmp = NULL;
	}
	free(o->target);
	o->target = NULL;
}

/* errno of the first failed flush of standard output seen here. */
static int stdout_werr;

void hostio_flush_stdout(void)
{
	if (fflush(stdout) != 0 && !stdout_werr)
		stdout_werr = errno;
}

int hostio_close_stdout(int status)
{
	bool earlier = ferror(stdout);
	errno = 0;
	bool ok = fflush(stdout) == 0 && !earlier;
	int err = earlier ? stdout_werr : errno;
	if (fclose(stdout) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok)
		return status;
	fprintf(stderr, "pmsim: standard output: %s\n", err ? strerror(err) : "write error");
	return EXIT_CANTCREATE;
}

int hostio_write_file(const char *opt, const char *path, int (*fill)(FILE *f, void *arg),
		      void *arg, struct err *e)
{
	struct hostio_out o = { .tmp_slot = -1 };
	int rc = hostio_out_check(&o, opt, path, true, NULL, 0, e);
	if (!rc)
		rc = hostio_out_open(&o, e);
	if (!rc) {
		if (fill(o.f, arg))
			o.werr = errno ? errno : EIO;
		rc = hostio_out_close(&o, e);
	}
	hostio_out_discard(&o);
	return rc;
}

struct bytes {
	const void *data;
	size_t len;
};

static int fill_bytes(FILE *f, void *arg)
{
	const struct bytes *b = arg;
	return fwrite(b->data, 1, b->len, f) != b->len ? -1 : 0;
}

int hostio_write_bytes(const char *opt, const char *path, const void *data, size_t len,
		       struct err *e)
{
	struct bytes b = { data, len };
	return hostio_write_file(opt, path, fill_bytes, &b, e);
}
