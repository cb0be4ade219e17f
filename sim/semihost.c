/*
 * Arm semihosting for a 32-bit guest ("Semihosting for AArch32 and AArch64",
 * version 3.0, with the SH_EXT_EXIT_EXTENDED and SH_EXT_STDOUT_STDERR
 * extensions).
 *
 * The guest traps with BKPT 0xAB, r0 = operation, r1 = parameter; the CPU
 * calls semihost_call() and puts the result in r0. Parameters are blocks of
 * 32-bit little-endian words in guest memory, seen as a debugger sees it
 * (RAM and flash, never a device's registers): a pointer into unmapped
 * memory or a device fails the call with EFAULT before anything else
 * happens, it never crashes the simulator.
 *
 * What the guest sees is deterministic: SYS_CLOCK, SYS_TIME and SYS_ELAPSED
 * count simulated time (plus a configured epoch), never the host clock;
 * SYS_TMPNAM returns names relative to the sandbox, so no host path leaks
 * into the guest. Host files are reachable only below cfg.root: every guest
 * path is canonicalised with realpath() and must stay inside it (anything
 * outside fails with EACCES, whether it exists or not), and errno
 * values are translated to the newlib/picolibc numbering the guest's C
 * library uses (which is not Linux's beyond ERANGE, 34).
 */
/* realpath() is an XSI interface, not in plain POSIX.1-2008. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "sim/semihost.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Operation numbers (r0). */
enum {
	SYS_OPEN = 0x01,
	SYS_CLOSE = 0x02,
	SYS_WRITEC = 0x03,
	SYS_WRITE0 = 0x04,
	SYS_WRITE = 0x05,
	SYS_READ = 0x06,
	SYS_READC = 0x07,
	SYS_ISERROR = 0x08,
	SYS_ISTTY = 0x09,
	SYS_SEEK = 0x0A,
	SYS_FLEN = 0x0C,
	SYS_TMPNAM = 0x0D,
	SYS_REMOVE = 0x0E,
	SYS_RENAME = 0x0F,
	SYS_CLOCK = 0x10,
	SYS_TIME = 0x11,
	SYS_SYSTEM = 0x12,
	SYS_ERRNO = 0x13,
	SYS_GET_CMDLINE = 0x15,
	SYS_HEAPINFO = 0x16,
	SYS_EXIT = 0x18,
	SYS_EXIT_EXTENDED = 0x20,
	SYS_ELAPSED = 0x30,
	SYS_TICKFREQ = 0x31,
};

#define SH_ADP_APPLICATION_EXIT 0x20026u

/* Feature bits of byte 4 of ":semihosting-features". */
#define SH_EXT_EXIT_EXTENDED (1u << 0)
#define SH_EXT_STDOUT_STDERR (1u << 1)

static const uint8_t sh_features[] = {
	'S', 'H', 'F', 'B', SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR,
};

/* SYS_ELAPSED ticks are microseconds of simulated time. */
#define SH_TICK_HZ 1000000u
#define SH_PS_PER_TICK (PS_PER_S / SH_TICK_HZ)
/* SYS_CLOCK counts centiseconds. */
#define SH_PS_PER_CS (10 * PS_PER_MS)

#define SH_PATH_MAX 4096
/* Bounce buffer for moving file data between host and guest memory. */
#define SH_CHUNK 4096

enum sh_kind {
	SH_KIND_FREE = 0,
	SH_KIND_STDIN,
	SH_KIND_STDOUT,
	SH_KIND_STDERR,
	SH_KIND_HOST,
	SH_KIND_FEATURES,
};

/*
 * errno numbers as the guest's newlib/picolibc <sys/errno.h> defines them.
 * 1..34 coincide with Linux; from 35 on the two numberings diverge (Linux
 * ENOSYS is 38, newlib's is 88), so every value crossing the boundary goes
 * through sh_guest_errno().
 */
enum {
	G_EPERM = 1, G_ENOENT = 2, G_EIO = 5, G_E2BIG = 7, G_EBADF = 9,
	G_EAGAIN = 11, G_ENOMEM = 12, G_EACCES = 13, G_EFAULT = 14,
	G_EBUSY = 16, G_EEXIST = 17, G_EXDEV = 18, G_ENODEV = 19,
	G_ENOTDIR = 20, G_EISDIR = 21, G_EINVAL = 22, G_ENFILE = 23,
	G_EMFILE = 24, G_ENOTTY = 25, G_ETXTBSY = 26, G_EFBIG = 27,
	G_ENOSPC = 28, G_ESPIPE = 29, G_EROFS = 30, G_EMLINK = 31,
	G_EPIPE = 32, G_ERANGE = 34, G_EDEADLK = 45, G_ENOLCK = 46,
	G_ENOSYS = 88, G_ENOTEMPTY = 90, G_ENAMETOOLONG = 91, G_ELOOP = 92,
	G_EDQUOT = 132, G_ESTALE = 133, G_ENOTSUP = 134, G_EILSEQ = 138,
	G_EOVERFLOW = 139,
};

/* A table rather than a switch: some hosts alias names (EAGAIN and
 * EWOULDBLOCK), which would be duplicate case labels. First match wins. */
static const struct {
	int host, guest;
} sh_errno_map[] = {
	{ EPERM, G_EPERM }, { ENOENT, G_ENOENT }, { EIO, G_EIO },
	{ E2BIG, G_E2BIG }, { EBADF, G_EBADF }, { EAGAIN, G_EAGAIN },
	{ ENOMEM, G_ENOMEM }, { EACCES, G_EACCES }, { EFAULT, G_EFAULT },
	{ EBUSY, G_EBUSY }, { EEXIST, G_EEXIST }, { EXDEV, G_EXDEV },
	{ ENODEV, G_ENODEV }, { ENOTDIR, G_ENOTDIR }, { EISDIR, G_EISDIR },
	{ EINVAL, G_EINVAL }, { ENFILE, G_ENFILE }, { EMFILE, G_EMFILE },
	{ ENOTTY, G_ENOTTY }, { ETXTBSY, G_ETXTBSY }, { EFBIG, G_EFBIG },
	{ ENOSPC, G_ENOSPC }, { ESPIPE, G_ESPIPE }, { EROFS, G_EROFS },
	{ EMLINK, G_EMLINK }, { EPIPE, G_EPIPE }, { ERANGE, G_ERANGE },
	{ EDEADLK, G_EDEADLK }, { ENOLCK, G_ENOLCK }, { ENOSYS, G_ENOSYS },
	{ ENOTEMPTY, G_ENOTEMPTY }, { ENAMETOOLONG, G_ENAMETOOLONG },
	{ ELOOP, G_ELOOP }, { EDQUOT, G_EDQUOT }, { ESTALE, G_ESTALE },
	{ ENOTSUP, G_ENOTSUP }, { EILSEQ, G_EILSEQ },
	{ EOVERFLOW, G_EOVERFLOW },
};

static int sh_guest_errno(int host)
{
	for (size_t i = 0; i < sizeof sh_errno_map / sizeof sh_errno_map[0]; i++)
		if (sh_errno_map[i].host == host)
			return sh_errno_map[i].guest;
	return G_EIO; /* anything exotic is an I/O error to the guest */
}

/* Fail the call: remember the guest errno for SYS_ERRNO, return -1. */
static uint32_t sh_fail(struct semihost *sh, int guest_errno)
{
	sh->last_errno = guest_errno;
	return (uint32_t)-1;
}

static uint32_t sh_fail_host(struct semihost *sh, int host_errno)
{
	return sh_fail(sh, sh_guest_errno(host_errno));
}

static simtime_t sh_now(const struct semihost *sh)
{
	return sh->sched ? sched_now(sh->sched) : 0;
}

/* ---- guest memory ----------------------------------------------------- */

/* Is all of [addr, addr+len) plain memory: RAM, or RAM and flash when it
 * is only read? Semihosting sees guest memory as a debugger does and never
 * touches a device's registers: an access there has side effects, and a
 * device may refuse the byte accesses a copy would make halfway through.
 * Checked before any side effect, so that a bad pointer fails the call
 * without consuming input or writing half a result. */
static bool sh_mem_ok(struct semihost *sh, uint32_t addr, uint32_t len, bool write)
{
	if (len == 0)
		return true;
	if (len - 1 > UINT32_MAX - addr)
		return false; /* wraps past 4 GiB */
	uint64_t a = addr, end = (uint64_t)addr + len;
	while (a < end) {
		const struct bus_region *r = bus_find(sh->bus, (uint32_t)a);
		if (!r || r->kind == BUS_MMIO || (write && r->kind != BUS_RAM))
			return false;
		a = (uint64_t)r->base + r->size;
	}
	return true;
}

static int sh_mem_read(struct semihost *sh, uint32_t addr, void *buf, uint32_t len)
{
	if (len == 0)
		return 0;
	if (len - 1 > UINT32_MAX - addr)
		return -1;
	if (sh->cfg.mem_read)
		return sh->cfg.mem_read(sh->cfg.mem_opaque, addr, buf, len) ? -1 : 0;
	/* RAM and flash only, across regions; a device region fails. */
	return bus_peek(sh->bus, addr, buf, len) == BUS_OK ? 0 : -1;
}

/* The host pointer may be used for a write only where the bus's write map
 * allows it: bus_host_ptr() also covers ROM, and pages holding decoded code
 * must go through bus_write so the CPU hears about the change. */
static bool sh_fast_writable(const struct bus *b, uint32_t addr, uint32_t len)
{
	for (uint32_t pg = addr >> BUS_PAGE_SHIFT; pg <= (addr + len - 1) >> BUS_PAGE_SHIFT; pg++)
		if (!b->wr[pg])
			return false;
	return true;
}

static int sh_mem_write(struct semihost *sh, uint32_t addr, const void *buf, uint32_t len)
{
	if (len == 0)
		return 0;
	if (len - 1 > UINT32_MAX - addr)
		return -1;
	if (sh->cfg.mem_write)
		return sh->cfg.mem_write(sh->cfg.mem_opaque, addr, buf, len) ? -1 : 0;
	if (!sh_mem_ok(sh, addr, len, true))
		return -1;
	uint8_t *p = bus_host_ptr(sh->bus, addr, len);
	if (p && sh_fast_writable(sh->bus, addr, len)) {
		memcpy(p, buf, len);
		return 0;
	}
	const uint8_t *s = buf;
	for (uint32_t i = 0; i < len; i++)
		if (bus_write(sh->bus, addr + i, 1, s[i]) != BUS_OK)
			return -1;
	return 0;
}

static uint32_t sh_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void sh_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Read the n-word parameter block at `param`. */
static int sh_args(struct semihost *sh, uint32_t param, unsigned n, uint32_t *w)
{
	uint8_t raw[16];
	if (n * 4 > sizeof raw || sh_mem_read(sh, param, raw, n * 4))
		return -1;
	for (unsigned i = 0; i < n; i++)
		w[i] = sh_le32(raw + 4 * i);
	return 0;
}

static int sh_put_words(struct semihost *sh, uint32_t addr, const uint32_t *w, unsigned n)
{
	uint8_t raw[16];
	if (n * 4 > sizeof raw || !sh_mem_ok(sh, addr, n * 4, true))
		return -1;
	for (unsigned i = 0; i < n; i++)
		sh_put_le32(raw + 4 * i, w[i]);
	return sh_mem_write(sh, addr, raw, n * 4);
}

/* A guest string given as (pointer, length without the NUL). Returns 0 or
 * a guest errno. An embedded NUL would make the host see a different name
 * than the guest meant, so it is refused. */
static int sh_guest_string(struct semihost *sh, uint32_t addr, uint32_t len,
			   char *out, size_t outsz)
{
	if (len >= outsz)
		return G_ENAMETOOLONG;
	if (sh_mem_read(sh, addr, out, len))
		return G_EFAULT;
	out[len] = '\0';
	if (strlen(out) != len)
		return G_EINVAL;
	return 0;
}

/* ---- console ---------------------------------------------------------- */

/* Write to the guest's stdout or stderr. stdout keeps its host buffering
 * (fast, flushed at exit); stderr is flushed at every newline, and stdout
 * is flushed before anything goes to stderr so that the two streams stay
 * in order when they share a terminal. Returns bytes written. */
static size_t sh_console_write(struct semihost *sh, bool to_err, const void *buf, size_t n)
{
	FILE *f = to_err ? sh->cfg.err : sh->cfg.out;
	if (!f)
		return n; /* no console attached: output is discarded */
	if (to_err && sh->cfg.out && sh->cfg.out != f)
		fflush(sh->cfg.out);
	size_t done = fwrite(buf, 1, n, f);
	if (to_err && memchr(buf, '\n', done))
		fflush(f);
	return done;
}

/* Before the guest waits for input, make its prompt visible. */
static void sh_flush_console(struct semihost *sh)
{
	if (sh->cfg.out)
		fflush(sh->cfg.out);
	if (sh->cfg.err)
		fflush(sh->cfg.err);
}

/* ---- handles ---------------------------------------------------------- */

/* Guest handles are slot index + 1: the specification reserves 0 and -1. */
static int sh_slot(struct semihost *sh, uint32_t handle)
{
	if (handle == 0 || handle > SEMIHOST_MAX_FILES || !sh->files[handle - 1].used)
		return -1;
	return (int)handle - 1;
}

static int sh_free_slot(const struct semihost *sh)
{
	for (int i = 0; i < SEMIHOST_MAX_FILES; i++)
		if (!sh->files[i].used)
			return i;
	return -1;
}

/* ---- the sandbox ------------------------------------------------------ */

static bool sh_inside_root(const struct semihost *sh, const char *p)
{
	size_t n = strlen(sh->root_real);
	if (n == 1) /* root is "/" */
		return p[0] == '/';
	return strncmp(p, sh->root_real, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

/* realpath() into a bounded buffer. Returns 0 or a host errno. */
static int sh_realpath(const char *path, char *out, size_t outsz)
{
	char *r = realpath(path, NULL);
	if (!r)
		return errno;
	size_t n = strlen(r);
	if (n >= outsz) {
		free(r);
		return ENAMETOOLONG;
	}
	memcpy(out, r, n + 1);
	free(r);
	return 0;
}

/*
 * The directory `path` (absolute, not canonical) of a guest path did not
 * canonicalise: realpath() failed with host errno `err`. Only a failure
 * that lies inside the root is the guest's business. Find the longest
 * prefix of `path` that resolves; if that is outside the root, or the
 * component after it is a symbolic link (whose target could be anywhere),
 * the answer is EACCES, the same as for an existing directory outside, so
 * that the guest cannot probe what exists outside the root. Otherwise the
 * missing or unusable component is inside the root and `err` says what is
 * wrong with it. Returns a guest errno; `path` is clobbered.
 */
static int sh_unresolved_dir(const struct semihost *sh, char *path, int err)
{
	char real[SH_PATH_MAX];
	struct stat st;
	for (;;) {
		char *slash = strrchr(path, '/');
		if (!slash)
			return G_EACCES;
		*slash = '\0';
		if (!sh_realpath(path[0] ? path : "/", real, sizeof real)) {
			if (!sh_inside_root(sh, real))
				return G_EACCES;
			*slash = '/'; /* the prefix and the component after it */
			if (!lstat(path, &st) && S_ISLNK(st.st_mode))
				return G_EACCES;
			return sh_guest_errno(err);
		}
	}
}

/*
 * Resolve a guest path to the host path of the directory entry it names:
 * the realpath of its directory (which must lie inside the root) plus its
 * last component, which is not followed. Relative paths are relative to
 * the root; absolute ones are accepted only if they resolve inside it.
 * Returns 0 or a guest errno.
 */
static int sh_resolve_entry(struct semihost *sh, const char *name, char *out, size_t outsz)
{
	char full[SH_PATH_MAX], dir[SH_PATH_MAX];

	if (!sh->root_real[0])
		return G_EACCES; /* no sandbox configured: no host files at all */
	if (!name[0])
		return G_ENOENT;
	int n = name[0] == '/' ? snprintf(full, sizeof full, "%s", name)
			       : snprintf(full, sizeof full, "%s/%s", sh->root_real, name);
	if (n < 0 || (size_t)n >= sizeof full)
		return G_ENAMETOOLONG;
	size_t len = (size_t)n;
	while (len > 1 && full[len - 1] == '/')
		full[--len] = '\0';

	char *slash = strrchr(full, '/');
	const char *base = slash + 1;
	/* "." and ".." are directories by definition, and naming the entry
	 * through them would act on the parent (possibly the root itself). */
	if (!base[0] || !strcmp(base, ".") || !strcmp(base, ".."))
		return G_EISDIR;
	if (slash == full) {
		dir[0] = '/';
		dir[1] = '\0';
	} else {
		*slash = '\0';
		int err = sh_realpath(full, dir, sizeof dir);
		if (err)
			return sh_unresolved_dir(sh, full, err);
	}
	if (!sh_inside_root(sh, dir))
		return G_EACCES;
	n = snprintf(out, outsz, "%s/%s", strcmp(dir, "/") ? dir : "", base);
	if (n < 0 || (size_t)n >= outsz)
		return G_ENAMETOOLONG;
	return 0;
}

/* SYS_OPEN modes 0..11: r, rb, r+, r+b, w, wb, w+, w+b, a, ab, a+, a+b
 * ('b' makes no difference on a POSIX host). */
static const int sh_open_flags[12] = {
	O_RDONLY, O_RDONLY,
	O_RDWR, O_RDWR,
	O_WRONLY | O_CREAT | O_TRUNC, O_WRONLY | O_CREAT | O_TRUNC,
	O_RDWR | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_TRUNC,
	O_WRONLY | O_CREAT | O_APPEND, O_WRONLY | O_CREAT | O_APPEND,
	O_RDWR | O_CREAT | O_APPEND, O_RDWR | O_CREAT | O_APPEND,
};

/* Open a host file inside the root. Returns an fd, or -1 with *gerr set. */
static int sh_open_host(struct semihost *sh, const char *name, uint32_t mode, int *gerr)
{
	char path[SH_PATH_MAX], target[SH_PATH_MAX];
	struct stat st;
	int flags = sh_open_flags[mode];

	*gerr = sh_resolve_entry(sh, name, path, sizeof path);
	if (*gerr)
		return -1;

	bool exists = lstat(path, &st) == 0;
	if (!exists && errno != ENOENT) {
		*gerr = sh_guest_errno(errno);
		return -1;
	}
	if (exists && S_ISLNK(st.st_mode)) {
		/* Follow the link ourselves so its target can be checked. A
		 * link that does not canonicalise (dangling, a loop, through a
		 * file) is refused with EACCES whatever the reason: we cannot
		 * vouch for where a file created through it would land, and
		 * the reason would tell the guest about a path that may lie
		 * outside the root. */
		if (sh_realpath(path, target, sizeof target)) {
			*gerr = G_EACCES;
			return -1;
		}
		if (!sh_inside_root(sh, target)) {
			*gerr = G_EACCES;
			return -1;
		}
		memcpy(path, target, strlen(target) + 1);
		if (lstat(path, &st)) {
			*gerr = sh_guest_errno(errno);
			return -1;
		}
	}
	if (!exists && !(flags & O_CREAT)) {
		*gerr = G_ENOENT;
		return -1;
	}
	if (exists && S_ISDIR(st.st_mode)) {
		*gerr = G_EISDIR;
		return -1;
	}
	/* FIFOs, sockets and devices could block the simulator or reach
	 * outside the sandbox by other means. */
	if (exists && !S_ISREG(st.st_mode)) {
		*gerr = G_EACCES;
		return -1;
	}
	/* O_NOFOLLOW: if the last component was swapped for a symlink since
	 * the checks above, fail rather than follow it. */
	int fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		*gerr = errno == ELOOP ? G_EACCES : sh_guest_errno(errno);
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		*gerr = G_EACCES;
		return -1;
	}
	return fd;
}

/* ---- operations ------------------------------------------------------- */

static uint32_t sh_open(struct semihost *sh, uint32_t param)
{
	uint32_t a[3];
	char name[SH_PATH_MAX];

	if (sh_args(sh, param, 3, a))
		return sh_fail(sh, G_EFAULT);
	uint32_t mode = a[1];
	if (mode > 11)
		return sh_fail(sh, G_EINVAL);
	int err = sh_guest_string(sh, a[0], a[2], name, sizeof name);
	if (err)
		return sh_fail(sh, err);

	/* Find a slot before touching the host: a failed open must not
	 * leave a freshly created (or truncated) file behind. */
	int slot = sh_free_slot(sh);
	if (slot < 0)
		return sh_fail(sh, G_EMFILE);

	int kind, fd = -1;
	if (!strcmp(name, ":tt")) {
		/* r* is stdin, w* stdout, a* stderr (SH_EXT_STDOUT_STDERR). */
		kind = mode < 4 ? SH_KIND_STDIN : mode < 8 ? SH_KIND_STDOUT : SH_KIND_STDERR;
	} else if (!strcmp(name, ":semihosting-features")) {
		if (mode > 1)
			return sh_fail(sh, G_EACCES); /* read-only pseudo-file */
		kind = SH_KIND_FEATURES;
	} else {
		kind = SH_KIND_HOST;
		fd = sh_open_host(sh, name, mode, &err);
		if (fd < 0)
			return sh_fail(sh, err);
	}
	sh->files[slot].used = true;
	sh->files[slot].kind = kind;
	sh->files[slot].fd = fd;
	sh->files[slot].pos = 0;
	return (uint32_t)slot + 1;
}

static uint32_t sh_close(struct semihost *sh, uint32_t param)
{
	uint32_t h;
	if (sh_args(sh, param, 1, &h))
		return sh_fail(sh, G_EFAULT);
	int i = sh_slot(sh, h);
	if (i < 0)
		return sh_fail(sh, G_EBADF);
	int ret = 0;
	if (sh->files[i].kind == SH_KIND_HOST && close(sh->files[i].fd))
		ret = errno;
	sh->files[i].used = false;
	sh->files[i].kind = SH_KIND_FREE;
	sh->files[i].fd = -1;
	return ret ? sh_fail_host(sh, ret) : 0;
}

static uint32_t sh_writec(struct semihost *sh, uint32_t param)
{
	uint8_t c;
	if (sh_mem_read(sh, param, &c, 1))
		return sh_fail(sh, G_EFAULT);
	sh_console_write(sh, false, &c, 1);
	return 0;
}

static uint32_t sh_write0(struct semihost *sh, uint32_t param)
{
	char buf[256];
	uint32_t addr = param;
	for (;;) {
		size_t n = 0;
		while (n < sizeof buf) {
			uint8_t c;
			if (sh_mem_read(sh, addr, &c, 1)) {
				sh_console_write(sh, false, buf, n);
				return sh_fail(sh, G_EFAULT);
			}
			if (!c) {
				sh_console_write(sh, false, buf, n);
				return 0;
			}
			buf[n++] = (char)c;
			addr++;
		}
		sh_console_write(sh, false, buf, n);
	}
}

static uint32_t sh_write(struct semihost *sh, uint32_t param)
{
	uint32_t a[3];
	uint8_t buf[SH_CHUNK];

	if (sh_args(sh, param, 3, a))
		return sh_fail(sh, G_EFAULT);
	/* Once the block is read, every failure is reported the way the
	 * specification defines for this call: "len bytes not written". */
	uint32_t len = a[2];
	int i = sh_slot(sh, a[0]);
	if (i < 0 || sh->files[i].kind == SH_KIND_STDIN || sh->files[i].kind == SH_KIND_FEATURES) {
		sh_fail(sh, G_EBADF);
		return len;
	}
	int kind = sh->files[i].kind;
	if (!sh_mem_ok(sh, a[1], len, false)) {
		sh_fail(sh, G_EFAULT);
		return len;
	}

	uint32_t done = 0;
	while (done < len) {
		uint32_t n = len - done < SH_CHUNK ? len - done : SH_CHUNK;
		if (sh_mem_read(sh, a[1] + done, buf, n)) {
			sh_fail(sh, G_EFAULT);
			break;
		}
		if (kind != SH_KIND_HOST) {
			size_t w = sh_console_write(sh, kind == SH_KIND_STDERR, buf, n);
			done += (uint32_t)w;
			if (w < n) {
				sh_fail(sh, G_EIO);
				break;
			}
			continue;
		}
		ssize_t w = write(sh->files[i].fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			sh_fail_host(sh, w < 0 ? errno : ENOSPC);
			break;
		}
		done += (uint32_t)w;
	}
	return len - done;
}

/* Read console input: up to `len` bytes, stopping after a newline as a
 * terminal would, so an interactive guest gets each line as it is typed. */
static size_t sh_console_read(struct semihost *sh, uint8_t *buf, size_t len)
{
	size_t n = 0;
	if (!sh->cfg.in)
		return 0;
	sh_flush_console(sh);
	while (n < len) {
		int c = getc(sh->cfg.in);
		if (c == EOF)
			break;
		buf[n++] = (uint8_t)c;
		if (c == '\n')
			break;
	}
	return n;
}

static uint32_t sh_read(struct semihost *sh, uint32_t param)
{
	uint32_t a[3];
	uint8_t buf[SH_CHUNK];

	if (sh_args(sh, param, 3, a))
		return sh_fail(sh, G_EFAULT);
	/* As for SYS_WRITE, failures after the block is read return "len
	 * bytes not read", which the guest takes as EOF/error. */
	uint32_t len = a[2];
	int i = sh_slot(sh, a[0]);
	if (i < 0 || sh->files[i].kind == SH_KIND_STDOUT || sh->files[i].kind == SH_KIND_STDERR) {
		sh_fail(sh, G_EBADF);
		return len;
	}
	int kind = sh->files[i].kind;
	/* Validate first: input consumed into a bad buffer would be lost. */
	if (!sh_mem_ok(sh, a[1], len, true)) {
		sh_fail(sh, G_EFAULT);
		return len;
	}

	uint32_t done = 0;
	if (kind == SH_KIND_FEATURES) {
		uint32_t pos = sh->files[i].pos;
		uint32_t avail = pos < sizeof sh_features ? (uint32_t)sizeof sh_features - pos : 0;
		uint32_t n = len < avail ? len : avail;
		if (sh_mem_write(sh, a[1], sh_features + pos, n)) {
			sh_fail(sh, G_EFAULT);
			return len;
		}
		sh->files[i].pos = pos + n;
		return len - n;
	}
	while (done < len) {
		uint32_t want = len - done < SH_CHUNK ? len - done : SH_CHUNK;
		size_t got;
		if (kind == SH_KIND_STDIN) {
			got = sh_console_read(sh, buf, want);
		} else {
			ssize_t r = read(sh->files[i].fd, buf, want);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				sh_fail_host(sh, errno);
				break;
			}
			got = (size_t)r;
		}
		if (got == 0)
			break;
		if (sh_mem_write(sh, a[1] + done, buf, (uint32_t)got)) {
			sh_fail(sh, G_EFAULT);
			break;
		}
		done += (uint32_t)got;
		/* One line at a time from the console, like a terminal. */
		if (kind == SH_KIND_STDIN)
			break;
	}
	return len - done;
}

static uint32_t sh_readc(struct semihost *sh)
{
	if (!sh->cfg.in)
		return (uint32_t)-1;
	sh_flush_console(sh);
	int c = getc(sh->cfg.in);
	return c == EOF ? (uint32_t)-1 : (uint32_t)c;
}

static uint32_t sh_iserror(struct semihost *sh, uint32_t param)
{
	uint32_t status;
	if (sh_args(sh, param, 1, &status))
		return sh_fail(sh, G_EFAULT);
	return (int32_t)status < 0;
}

static uint32_t sh_istty(struct semihost *sh, uint32_t param)
{
	uint32_t h;
	if (sh_args(sh, param, 1, &h))
		return sh_fail(sh, G_EFAULT);
	int i = sh_slot(sh, h);
	if (i < 0)
		return sh_fail(sh, G_EBADF);
	int kind = sh->files[i].kind;
	return kind == SH_KIND_STDIN || kind == SH_KIND_STDOUT || kind == SH_KIND_STDERR;
}

static uint32_t sh_seek(struct semihost *sh, uint32_t param)
{
	uint32_t a[2];
	if (sh_args(sh, param, 2, a))
		return sh_fail(sh, G_EFAULT);
	int i = sh_slot(sh, a[0]);
	if (i < 0)
		return sh_fail(sh, G_EBADF);
	switch (sh->files[i].kind) {
	case SH_KIND_FEATURES:
		sh->files[i].pos = a[1];
		return 0;
	case SH_KIND_HOST:
		if (lseek(sh->files[i].fd, (off_t)a[1], SEEK_SET) < 0)
			return sh_fail_host(sh, errno);
		return 0;
	default:
		return sh_fail(sh, G_ESPIPE);
	}
}

static uint32_t sh_flen(struct semihost *sh, uint32_t param)
{
	uint32_t h;
	struct stat st;
	if (sh_args(sh, param, 1, &h))
		return sh_fail(sh, G_EFAULT);
	int i = sh_slot(sh, h);
	if (i < 0)
		return sh_fail(sh, G_EBADF);
	switch (sh->files[i].kind) {
	case SH_KIND_FEATURES:
		return sizeof sh_features;
	case SH_KIND_HOST:
		if (fstat(sh->files[i].fd, &st))
			return sh_fail_host(sh, errno);
		/* The result is a signed 32-bit word for the guest. */
		if (st.st_size > INT32_MAX)
			return sh_fail(sh, G_EOVERFLOW);
		return (uint32_t)st.st_size;
	default:
		return sh_fail(sh, G_ESPIPE);
	}
}

static uint32_t sh_tmpnam(struct semihost *sh, uint32_t param)
{
	uint32_t a[3];
	char name[32];
	if (sh_args(sh, param, 3, a))
		return sh_fail(sh, G_EFAULT);
	if (!sh->root_real[0])
		return sh_fail(sh, G_EACCES);
	if (a[1] > 255)
		return sh_fail(sh, G_EINVAL);
	/* Relative to the root, so SYS_OPEN puts it there and no host path
	 * (which differs between machines) reaches the guest. */
	int n = snprintf(name, sizeof name, "pmsim-tmp-%03u.tmp", (unsigned)a[1]);
	if ((uint32_t)n + 1 > a[2])
		return sh_fail(sh, G_ERANGE);
	if (!sh_mem_ok(sh, a[0], (uint32_t)n + 1, true) ||
	    sh_mem_write(sh, a[0], name, (uint32_t)n + 1))
		return sh_fail(sh, G_EFAULT);
	return 0;
}

static uint32_t sh_remove(struct semihost *sh, uint32_t param)
{
	uint32_t a[2];
	char name[SH_PATH_MAX], path[SH_PATH_MAX];
	if (sh_args(sh, param, 2, a))
		return sh_fail(sh, G_EFAULT);
	int err = sh_guest_string(sh, a[0], a[1], name, sizeof name);
	if (!err)
		err = sh_resolve_entry(sh, name, path, sizeof path);
	if (err)
		return sh_fail(sh, err);
	/* unlink() acts on the entry itself: a symlink is removed, never the
	 * file it points to, so a link leading outside is harmless here. */
	if (unlink(path))
		return sh_fail_host(sh, errno);
	return 0;
}

static uint32_t sh_rename(struct semihost *sh, uint32_t param)
{
	uint32_t a[4];
	char name[SH_PATH_MAX], from[SH_PATH_MAX], to[SH_PATH_MAX];
	if (sh_args(sh, param, 4, a))
		return sh_fail(sh, G_EFAULT);
	int err = sh_guest_string(sh, a[0], a[1], name, sizeof name);
	if (!err)
		err = sh_resolve_entry(sh, name, from, sizeof from);
	if (!err)
		err = sh_guest_string(sh, a[2], a[3], name, sizeof name);
	if (!err)
		err = sh_resolve_entry(sh, name, to, sizeof to);
	if (err)
		return sh_fail(sh, err);
	if (rename(from, to))
		return sh_fail_host(sh, errno);
	return 0;
}

static uint32_t sh_get_cmdline(struct semihost *sh, uint32_t param)
{
	uint32_t a[2];
	if (sh_args(sh, param, 2, a))
		return sh_fail(sh, G_EFAULT);
	const char *cmd = sh->cfg.cmdline ? sh->cfg.cmdline : "";
	size_t n = strlen(cmd);
	if (n + 1 > a[1])
		return sh_fail(sh, G_ERANGE);
	if (!sh_mem_ok(sh, a[0], (uint32_t)n + 1, true) || !sh_mem_ok(sh, param + 4, 4, true))
		return sh_fail(sh, G_EFAULT);
	uint32_t len = (uint32_t)n;
	if (sh_mem_write(sh, a[0], cmd, len + 1) || sh_put_words(sh, param + 4, &len, 1))
		return sh_fail(sh, G_EFAULT);
	return 0;
}

/* r1 holds the address of a word that points to the four-word block. */
static uint32_t sh_heapinfo(struct semihost *sh, uint32_t param)
{
	uint32_t block;
	if (sh_args(sh, param, 1, &block))
		return sh_fail(sh, G_EFAULT);
	const uint32_t w[4] = {
		sh->cfg.heap_base, sh->cfg.heap_limit, sh->cfg.stack_base, sh->cfg.stack_limit,
	};
	if (sh_put_words(sh, block, w, 4))
		return sh_fail(sh, G_EFAULT);
	return 0;
}

static void sh_exit(struct semihost *sh, int code)
{
	sh->exited = true;
	sh->exit_code = code;
	sh_flush_console(sh);
}

static uint32_t sh_elapsed(struct semihost *sh, uint32_t param)
{
	uint64_t ticks = sh_now(sh) / SH_PS_PER_TICK;
	const uint32_t w[2] = { (uint32_t)ticks, (uint32_t)(ticks >> 32) };
	if (sh_put_words(sh, param, w, 2))
		return sh_fail(sh, G_EFAULT);
	return 0;
}

uint32_t semihost_call(struct semihost *sh, uint32_t op, uint32_t param)
{
	switch (op) {
	case SYS_OPEN:
		return sh_open(sh, param);
	case SYS_CLOSE:
		return sh_close(sh, param);
	case SYS_WRITEC:
		return sh_writec(sh, param);
	case SYS_WRITE0:
		return sh_write0(sh, param);
	case SYS_WRITE:
		return sh_write(sh, param);
	case SYS_READ:
		return sh_read(sh, param);
	case SYS_READC:
		return sh_readc(sh);
	case SYS_ISERROR:
		return sh_iserror(sh, param);
	case SYS_ISTTY:
		return sh_istty(sh, param);
	case SYS_SEEK:
		return sh_seek(sh, param);
	case SYS_FLEN:
		return sh_flen(sh, param);
	case SYS_TMPNAM:
		return sh_tmpnam(sh, param);
	case SYS_REMOVE:
		return sh_remove(sh, param);
	case SYS_RENAME:
		return sh_rename(sh, param);
	case SYS_CLOCK:
		return (uint32_t)(sh_now(sh) / SH_PS_PER_CS);
	case SYS_TIME:
		return (uint32_t)(sh->cfg.epoch_s + sh_now(sh) / PS_PER_S);
	case SYS_SYSTEM:
		/* Running host commands would break both the sandbox and
		 * determinism. */
		return sh_fail(sh, G_EPERM);
	case SYS_ERRNO:
		return (uint32_t)sh->last_errno;
	case SYS_GET_CMDLINE:
		return sh_get_cmdline(sh, param);
	case SYS_HEAPINFO:
		return sh_heapinfo(sh, param);
	case SYS_EXIT:
		/* AArch32: r1 is the reason code itself, not a block. Like
		 * QEMU, a normal application exit is status 0, anything
		 * else (a fault reported by the runtime) status 1. */
		sh_exit(sh, param == SH_ADP_APPLICATION_EXIT ? 0 : 1);
		return 0;
	case SYS_EXIT_EXTENDED: {
		uint32_t a[2];
		if (sh_args(sh, param, 2, a))
			return sh_fail(sh, G_EFAULT);
		sh_exit(sh, a[0] == SH_ADP_APPLICATION_EXIT ? (int)(int32_t)a[1] : 1);
		return 0;
	}
	case SYS_ELAPSED:
		return sh_elapsed(sh, param);
	case SYS_TICKFREQ:
		return SH_TICK_HZ;
	default:
		return sh_fail(sh, G_ENOSYS);
	}
}

int semihost_init(struct semihost *sh, const struct semihost_config *cfg,
		  struct bus *bus, struct sched *sched)
{
	struct stat st;

	memset(sh, 0, sizeof *sh);
	sh->cfg = *cfg;
	sh->bus = bus;
	sh->sched = sched;
	for (int i = 0; i < SEMIHOST_MAX_FILES; i++)
		sh->files[i].fd = -1;
	if (!cfg->root)
		return 0;
	if (sh_realpath(cfg->root, sh->root_real, sizeof sh->root_real) ||
	    stat(sh->root_real, &st) || !S_ISDIR(st.st_mode) ||
	    access(sh->root_real, R_OK | X_OK)) {
		sh->root_real[0] = '\0';
		return -1;
	}
	return 0;
}

void semihost_free(struct semihost *sh)
{
	sh_flush_console(sh);
	for (int i = 0; i < SEMIHOST_MAX_FILES; i++) {
		if (sh->files[i].used && sh->files[i].kind == SH_KIND_HOST)
			close(sh->files[i].fd);
		sh->files[i].used = false;
		sh->files[i].kind = SH_KIND_FREE;
		sh->files[i].fd = -1;
	}
}
