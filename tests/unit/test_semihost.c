/*
 * Unit tests for semihosting (sim/semihost.c): each test builds parameter
 * blocks in guest RAM through the bus, makes the call as the CPU would, and
 * checks the result, the guest-visible errno, guest memory, the console
 * streams and the host file system (a temporary sandbox root, plus an
 * "outside" directory that must stay untouched).
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/semihost.h"
#include "check_run.h"

enum {
	OP_OPEN = 0x01, OP_CLOSE = 0x02, OP_WRITEC = 0x03, OP_WRITE0 = 0x04,
	OP_WRITE = 0x05, OP_READ = 0x06, OP_READC = 0x07, OP_ISERROR = 0x08,
	OP_ISTTY = 0x09, OP_SEEK = 0x0A, OP_FLEN = 0x0C, OP_TMPNAM = 0x0D,
	OP_REMOVE = 0x0E, OP_RENAME = 0x0F, OP_CLOCK = 0x10, OP_TIME = 0x11,
	OP_SYSTEM = 0x12, OP_ERRNO = 0x13, OP_GET_CMDLINE = 0x15,
	OP_HEAPINFO = 0x16, OP_EXIT = 0x18, OP_EXIT_EXTENDED = 0x20,
	OP_ELAPSED = 0x30, OP_TICKFREQ = 0x31,
};

/* errno numbers of the guest's newlib/picolibc. */
enum {
	GE_ENOENT = 2, GE_EBADF = 9, GE_EACCES = 13, GE_EFAULT = 14,
	GE_EISDIR = 21, GE_EMFILE = 24, GE_ESPIPE = 29, GE_ERANGE = 34,
	GE_ENOSYS = 88, GE_ENOTEMPTY = 90, GE_ENAMETOOLONG = 91,
};

#define FAIL ((uint32_t)-1)
#define MODE_R 0
#define MODE_RPLUS 2
#define MODE_W 4
#define MODE_WPLUS_B 7
#define MODE_A 8

/* Guest memory layout. */
#define ROM_BASE 0x00000000u
#define RAM_BASE 0x20000000u
#define RAM_SIZE 0x10000u
#define RAM_END (RAM_BASE + RAM_SIZE)
#define BLK (RAM_BASE + 0x000)   /* parameter block */
#define NAME (RAM_BASE + 0x100)  /* first path */
#define NAME2 (RAM_BASE + 0x200) /* second path */
#define HEAP_PTR (RAM_BASE + 0x300)
#define HEAP_BLK (RAM_BASE + 0x400)
#define BUF (RAM_BASE + 0x1000)  /* data buffer */
#define CODE_PAGE (RAM_BASE + 0x8000)
#define UNMAPPED 0x30000000u

static struct bus B;
static struct sched S;
static struct semihost SH;
static struct semihost_config CFG;
static char root[64], outside[64];
static char *outb, *errb;
static size_t outn, errn;
static FILE *outf, *errf;

/* ---- host helpers ------------------------------------------------------ */

static void rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st))
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		while (d && (de = readdir(d))) {
			char sub[512];
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
			rm_tree(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void host_path(char *out, size_t n, const char *dir, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void host_write(const char *dir, const char *name, const char *text)
{
	char p[512];
	host_path(p, sizeof p, dir, name);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Contents of a host file, or NULL if it does not exist. Static buffer. */
static const char *host_read(const char *dir, const char *name)
{
	static char buf[4096];
	char p[512];
	host_path(p, sizeof p, dir, name);
	FILE *f = fopen(p, "r");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool host_exists(const char *dir, const char *name)
{
	char p[512];
	struct stat st;
	host_path(p, sizeof p, dir, name);
	return lstat(p, &st) == 0;
}

/* ---- guest helpers ----------------------------------------------------- */

static void gput(uint32_t a, const void *d, uint32_t n)
{
	ck_assert_int_eq(bus_load(&B, a, d, n), BUS_OK);
}

static void gput_str(uint32_t a, const char *s)
{
	gput(a, s, (uint32_t)strlen(s) + 1);
}

static void gput_words(uint32_t a, const uint32_t *w, unsigned n)
{
	gput(a, w, 4 * n); /* the host is little-endian, like the guest */
}

static uint32_t gword(uint32_t a)
{
	uint32_t v;
	ck_assert_int_eq(bus_peek(&B, a, &v, 4), BUS_OK);
	return v;
}

static uint32_t call(uint32_t op, uint32_t param)
{
	return semihost_call(&SH, op, param);
}

static uint32_t gerrno(void)
{
	return call(OP_ERRNO, 0);
}

static uint32_t do_open(const char *name, uint32_t mode)
{
	gput_str(NAME, name);
	gput_words(BLK, (uint32_t[]){ NAME, mode, (uint32_t)strlen(name) }, 3);
	return call(OP_OPEN, BLK);
}

static uint32_t do_h(uint32_t op, uint32_t h)
{
	gput_words(BLK, &h, 1);
	return call(op, BLK);
}

static uint32_t do_write(uint32_t h, const void *data, uint32_t len)
{
	gput(BUF, data, len);
	gput_words(BLK, (uint32_t[]){ h, BUF, len }, 3);
	return call(OP_WRITE, BLK);
}

static uint32_t do_read_at(uint32_t h, uint32_t addr, uint32_t len)
{
	gput_words(BLK, (uint32_t[]){ h, addr, len }, 3);
	return call(OP_READ, BLK);
}

static uint32_t do_read(uint32_t h, uint32_t len)
{
	static const uint8_t zero[256];
	gput(BUF, zero, sizeof zero);
	return do_read_at(h, BUF, len);
}

static const char *gbuf(uint32_t n)
{
	static char s[300];
	ck_assert_int_eq(bus_peek(&B, BUF, s, n), BUS_OK);
	s[n] = '\0';
	return s;
}

static uint32_t do_seek(uint32_t h, uint32_t pos)
{
	gput_words(BLK, (uint32_t[]){ h, pos }, 2);
	return call(OP_SEEK, BLK);
}

static uint32_t do_remove(const char *name)
{
	gput_str(NAME, name);
	gput_words(BLK, (uint32_t[]){ NAME, (uint32_t)strlen(name) }, 2);
	return call(OP_REMOVE, BLK);
}

static uint32_t do_rename(const char *from, const char *to)
{
	gput_str(NAME, from);
	gput_str(NAME2, to);
	gput_words(BLK, (uint32_t[]){ NAME, (uint32_t)strlen(from), NAME2,
				     (uint32_t)strlen(to) }, 4);
	return call(OP_RENAME, BLK);
}

static const char *out_text(void)
{
	fflush(outf);
	return outb;
}

/* ---- fixture ------------------------------------------------------------ */

static void reinit(const char *r)
{
	semihost_free(&SH);
	CFG.root = r;
	ck_assert_int_eq(semihost_init(&SH, &CFG, &B, &S), 0);
}

static void setup(void)
{
	ck_assert_int_eq(bus_init(&B), 0);
	ck_assert_int_ge(bus_add_ram(&B, "rom", ROM_BASE, 0x1000, true), 0);
	ck_assert_int_ge(bus_add_ram(&B, "sram", RAM_BASE, RAM_SIZE, false), 0);
	sched_init(&S);
	snprintf(root, sizeof root, "/tmp/pmsim-sh-root-XXXXXX");
	snprintf(outside, sizeof outside, "/tmp/pmsim-sh-out-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_ptr_nonnull(mkdtemp(outside));
	/* open_memstream only publishes buffer and size at a flush. */
	outb = errb = NULL;
	outn = errn = 0;
	outf = open_memstream(&outb, &outn);
	errf = open_memstream(&errb, &errn);
	ck_assert(outf && errf);
	memset(&CFG, 0, sizeof CFG);
	CFG.root = root;
	CFG.out = outf;
	CFG.err = errf;
	CFG.cmdline = "fw.elf --verbose 3";
	CFG.heap_base = 0x20004000;
	CFG.heap_limit = 0x20070000;
	CFG.stack_base = 0x20080000;
	CFG.stack_limit = 0x20078000;
	CFG.epoch_s = 1700000000;
	ck_assert_int_eq(semihost_init(&SH, &CFG, &B, &S), 0);
}

static void teardown(void)
{
	semihost_free(&SH);
	sched_free(&S);
	bus_free(&B);
	fclose(outf);
	fclose(errf);
	free(outb);
	free(errb);
	rm_tree(root);
	rm_tree(outside);
}

/* ---- console ------------------------------------------------------------ */

START_TEST(test_console_stdout_stderr_apart)
{
	uint32_t in = do_open(":tt", MODE_R);
	uint32_t out = do_open(":tt", MODE_W);
	uint32_t err = do_open(":tt", MODE_A);
	ck_assert(in != FAIL && out != FAIL && err != FAIL);
	ck_assert(in != 0 && out != 0 && err != 0);
	ck_assert(in != out && out != err && in != err);

	ck_assert_uint_eq(do_write(out, "to stdout\n", 10), 0);
	ck_assert_uint_eq(do_write(err, "to stderr\n", 10), 0);
	/* stderr is flushed at the newline without anyone asking. */
	ck_assert_uint_eq(errn, 10);
	ck_assert_str_eq(errb, "to stderr\n");
	ck_assert_str_eq(out_text(), "to stdout\n");

	/* Wrong direction: nothing happens, bytes "not written/read". */
	ck_assert_uint_eq(do_write(in, "x", 1), 1);
	ck_assert_uint_eq(gerrno(), GE_EBADF);
	ck_assert_uint_eq(do_read(out, 4), 4);
	ck_assert_uint_eq(gerrno(), GE_EBADF);
	ck_assert_str_eq(out_text(), "to stdout\n");
	ck_assert_str_eq(errb, "to stderr\n");

	/* Seeking and measuring a terminal make no sense. */
	ck_assert_uint_eq(do_seek(out, 0), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ESPIPE);
	ck_assert_uint_eq(do_h(OP_FLEN, out), FAIL);

	ck_assert_uint_eq(do_h(OP_CLOSE, out), 0);
	ck_assert_uint_eq(do_write(out, "late", 4), 4); /* closed handle */
	ck_assert_uint_eq(gerrno(), GE_EBADF);
	ck_assert_uint_eq(do_h(OP_CLOSE, out), FAIL);
}
END_TEST

START_TEST(test_write0_writec)
{
	gput_str(BUF, "Hello, ");
	ck_assert_uint_eq(call(OP_WRITE0, BUF), 0);
	gput(BUF, "W", 1);
	ck_assert_uint_eq(call(OP_WRITEC, BUF), 0);
	gput_str(BUF, "orld\n");
	ck_assert_uint_eq(call(OP_WRITE0, BUF), 0);
	ck_assert_str_eq(out_text(), "Hello, World\n");
	fflush(errf);
	ck_assert_uint_eq(errn, 0);

	/* Longer than any internal chunk. */
	char big[1000];
	for (int i = 0; i < 999; i++)
		big[i] = (char)('a' + i % 26);
	big[999] = '\0';
	gput_str(BUF, big);
	ck_assert_uint_eq(call(OP_WRITE0, BUF), 0);
	ck_assert_uint_eq(strlen(out_text()), 13 + 999);
	ck_assert_str_eq(out_text() + 13, big);

	/* A string that runs off the end of RAM fails cleanly. */
	gput(RAM_END - 4, "abcd", 4);
	ck_assert_uint_eq(call(OP_WRITE0, RAM_END - 4), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	ck_assert_uint_eq(call(OP_WRITEC, UNMAPPED), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
}
END_TEST

START_TEST(test_console_read)
{
	FILE *in = tmpfile();
	ck_assert_ptr_nonnull(in);
	fputs("line1\nline2\nrest", in);
	rewind(in);
	CFG.in = in;
	reinit(root);

	uint32_t h = do_open(":tt", MODE_R);
	ck_assert_uint_ne(h, FAIL);
	/* A read returns one line at a time, like a terminal. */
	ck_assert_uint_eq(do_read(h, 100), 100 - 6);
	ck_assert_str_eq(gbuf(6), "line1\n");
	ck_assert_uint_eq(call(OP_READC, 0), 'l');
	ck_assert_uint_eq(do_read(h, 100), 100 - 5);
	ck_assert_str_eq(gbuf(5), "ine2\n");
	ck_assert_uint_eq(do_read(h, 2), 0);
	ck_assert_str_eq(gbuf(2), "re");
	ck_assert_uint_eq(do_read(h, 100), 98);
	ck_assert_str_eq(gbuf(2), "st");
	/* EOF: nothing read. */
	ck_assert_uint_eq(do_read(h, 100), 100);
	ck_assert_uint_eq(call(OP_READC, 0), FAIL);
	fclose(in);

	/* No input attached: EOF at once. */
	CFG.in = NULL;
	reinit(root);
	h = do_open(":tt", MODE_R);
	ck_assert_uint_eq(do_read(h, 10), 10);
	ck_assert_uint_eq(call(OP_READC, 0), FAIL);
}
END_TEST

START_TEST(test_istty)
{
	uint32_t tt = do_open(":tt", MODE_W);
	uint32_t feat = do_open(":semihosting-features", MODE_R);
	uint32_t file = do_open("plain.txt", MODE_W);
	ck_assert(tt != FAIL && feat != FAIL && file != FAIL);
	ck_assert_uint_eq(do_h(OP_ISTTY, tt), 1);
	ck_assert_uint_eq(do_h(OP_ISTTY, feat), 0);
	ck_assert_uint_eq(do_h(OP_ISTTY, file), 0);
	ck_assert_uint_eq(do_h(OP_ISTTY, 0), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EBADF);
	ck_assert_uint_eq(do_h(OP_ISTTY, 999), FAIL);
	ck_assert_uint_eq(do_h(OP_ISTTY, FAIL), FAIL);
}
END_TEST

/* ---- time ---------------------------------------------------------------- */

START_TEST(test_clock_and_elapsed_follow_simulated_time)
{
	ck_assert_uint_eq(call(OP_CLOCK, 0), 0);
	ck_assert_uint_eq(call(OP_ELAPSED, BLK), 0);
	ck_assert_uint_eq(gword(BLK), 0);
	ck_assert_uint_eq(gword(BLK + 4), 0);

	sched_set_now(&S, 1234567 * PS_PER_US + 999999); /* 1.234567999999 s */
	ck_assert_uint_eq(call(OP_CLOCK, 0), 123);        /* centiseconds */
	ck_assert_uint_eq(call(OP_ELAPSED, BLK), 0);
	ck_assert_uint_eq(gword(BLK), 1234567);           /* microseconds */
	ck_assert_uint_eq(gword(BLK + 4), 0);
	ck_assert_uint_eq(call(OP_TICKFREQ, 0), 1000000);

	/* The 64-bit count is split low word first. */
	sched_set_now(&S, 5000 * PS_PER_S);
	ck_assert_uint_eq(call(OP_ELAPSED, BLK), 0);
	uint64_t t = (uint64_t)gword(BLK + 4) << 32 | gword(BLK);
	ck_assert_uint_eq(t, 5000000000ull);
	ck_assert_uint_eq(call(OP_CLOCK, 0), 500000);

	ck_assert_uint_eq(call(OP_ELAPSED, UNMAPPED), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	ck_assert_uint_eq(call(OP_ELAPSED, ROM_BASE), FAIL); /* read-only */
}
END_TEST

START_TEST(test_time_is_epoch_plus_simulated_seconds)
{
	ck_assert_uint_eq(call(OP_TIME, 0), 1700000000);
	sched_set_now(&S, 42 * PS_PER_S + 900 * PS_PER_MS);
	ck_assert_uint_eq(call(OP_TIME, 0), 1700000042);
	CFG.epoch_s = 0;
	reinit(root);
	ck_assert_uint_eq(call(OP_TIME, 0), 42); /* not the host's clock */
}
END_TEST

/* ---- environment ---------------------------------------------------------- */

START_TEST(test_heapinfo)
{
	gput_words(HEAP_PTR, (uint32_t[]){ HEAP_BLK }, 1);
	ck_assert_uint_eq(call(OP_HEAPINFO, HEAP_PTR), 0);
	ck_assert_uint_eq(gword(HEAP_BLK + 0), 0x20004000);
	ck_assert_uint_eq(gword(HEAP_BLK + 4), 0x20070000);
	ck_assert_uint_eq(gword(HEAP_BLK + 8), 0x20080000);
	ck_assert_uint_eq(gword(HEAP_BLK + 12), 0x20078000);
	/* The parameter is the pointer to the block; it is not overwritten. */
	ck_assert_uint_eq(gword(HEAP_PTR), HEAP_BLK);

	gput_words(HEAP_PTR, (uint32_t[]){ UNMAPPED }, 1);
	ck_assert_uint_eq(call(OP_HEAPINFO, HEAP_PTR), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	ck_assert_uint_eq(call(OP_HEAPINFO, UNMAPPED), FAIL);
	/* Block straddling the end of RAM: nothing is written. */
	gput_words(RAM_END - 8, (uint32_t[]){ 0x11, 0x22 }, 2);
	gput_words(HEAP_PTR, (uint32_t[]){ RAM_END - 8 }, 1);
	ck_assert_uint_eq(call(OP_HEAPINFO, HEAP_PTR), FAIL);
	ck_assert_uint_eq(gword(RAM_END - 8), 0x11);
}
END_TEST

START_TEST(test_get_cmdline)
{
	const char *cmd = "fw.elf --verbose 3";
	uint32_t n = (uint32_t)strlen(cmd);
	gput_words(BLK, (uint32_t[]){ BUF, 80 }, 2);
	ck_assert_uint_eq(call(OP_GET_CMDLINE, BLK), 0);
	ck_assert_str_eq(gbuf(n + 1), cmd);
	ck_assert_uint_eq(gword(BLK + 4), n);

	/* Exactly the string without room for its NUL: refused, untouched. */
	gput(BUF, "XXXXXXXXXXXXXXXXXXXXXXXX", 24);
	gput_words(BLK, (uint32_t[]){ BUF, n }, 2);
	ck_assert_uint_eq(call(OP_GET_CMDLINE, BLK), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ERANGE);
	ck_assert_uint_eq(gword(BLK + 4), n);
	ck_assert_str_eq(gbuf(4), "XXXX");
	gput_words(BLK, (uint32_t[]){ BUF, n + 1 }, 2);
	ck_assert_uint_eq(call(OP_GET_CMDLINE, BLK), 0);
	ck_assert_str_eq(gbuf(n + 1), cmd);

	gput_words(BLK, (uint32_t[]){ UNMAPPED, 80 }, 2);
	ck_assert_uint_eq(call(OP_GET_CMDLINE, BLK), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);

	CFG.cmdline = NULL;
	reinit(root);
	gput_words(BLK, (uint32_t[]){ BUF, 8 }, 2);
	ck_assert_uint_eq(call(OP_GET_CMDLINE, BLK), 0);
	ck_assert_uint_eq(gword(BLK + 4), 0);
	ck_assert_str_eq(gbuf(1), "");
}
END_TEST

START_TEST(test_exit)
{
	ck_assert(!SH.exited);
	uint32_t out = do_open(":tt", MODE_W);
	ck_assert_uint_eq(do_write(out, "bye", 3), 0);
	ck_assert_uint_eq(call(OP_EXIT, 0x20026), 0);
	ck_assert(SH.exited);
	ck_assert_int_eq(SH.exit_code, 0);
	/* Exit flushes the console: the memstream saw it without fflush. */
	ck_assert_uint_eq(outn, 3);

	reinit(root);
	call(OP_EXIT, 0x20023); /* RunTimeErrorUnknown */
	ck_assert(SH.exited);
	ck_assert_int_eq(SH.exit_code, 1);

	reinit(root);
	gput_words(BLK, (uint32_t[]){ 0x20026, 3 }, 2);
	ck_assert_uint_eq(call(OP_EXIT_EXTENDED, BLK), 0);
	ck_assert(SH.exited);
	ck_assert_int_eq(SH.exit_code, 3);

	reinit(root);
	gput_words(BLK, (uint32_t[]){ 0x20026, 0 }, 2);
	call(OP_EXIT_EXTENDED, BLK);
	ck_assert(SH.exited);
	ck_assert_int_eq(SH.exit_code, 0);

	reinit(root);
	gput_words(BLK, (uint32_t[]){ 0x20024, 0 }, 2); /* InternalError */
	call(OP_EXIT_EXTENDED, BLK);
	ck_assert(SH.exited);
	ck_assert_int_eq(SH.exit_code, 1);

	reinit(root);
	ck_assert_uint_eq(call(OP_EXIT_EXTENDED, UNMAPPED), FAIL);
	ck_assert(!SH.exited);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
}
END_TEST

START_TEST(test_features_file)
{
	uint32_t h = do_open(":semihosting-features", MODE_R);
	ck_assert_uint_ne(h, FAIL);
	ck_assert_uint_eq(do_h(OP_FLEN, h), 5);
	ck_assert_uint_eq(do_read(h, 16), 11);
	uint8_t b[5];
	ck_assert_int_eq(bus_peek(&B, BUF, b, 5), BUS_OK);
	ck_assert_mem_eq(b, "SHFB", 4);
	/* SH_EXT_EXIT_EXTENDED (bit 0) and SH_EXT_STDOUT_STDERR (bit 1). */
	ck_assert_uint_eq(b[4], 0x03);
	ck_assert_uint_eq(do_read(h, 1), 1); /* at EOF */
	ck_assert_uint_eq(do_seek(h, 4), 0);
	ck_assert_uint_eq(do_read(h, 1), 0);
	ck_assert_uint_eq(gbuf(1)[0], 0x03);
	ck_assert_uint_eq(do_write(h, "x", 1), 1);
	ck_assert_uint_eq(do_h(OP_CLOSE, h), 0);
	/* Read-only; and it is no host file, so it works without a root. */
	ck_assert_uint_eq(do_open(":semihosting-features", MODE_W), FAIL);
	ck_assert(!host_exists(root, ":semihosting-features"));
	reinit(NULL);
	h = do_open(":semihosting-features", 1 /* rb */);
	ck_assert_uint_ne(h, FAIL);
	ck_assert_uint_eq(do_read(h, 5), 0);
	ck_assert_mem_eq(gbuf(5), "SHFB\x03", 5);
}
END_TEST

START_TEST(test_iserror_system_errno_unknown)
{
	gput_words(BLK, (uint32_t[]){ FAIL }, 1);
	ck_assert_uint_ne(call(OP_ISERROR, BLK), 0);
	gput_words(BLK, (uint32_t[]){ 0x80000000u }, 1);
	ck_assert_uint_ne(call(OP_ISERROR, BLK), 0);
	gput_words(BLK, (uint32_t[]){ 0 }, 1);
	ck_assert_uint_eq(call(OP_ISERROR, BLK), 0);
	gput_words(BLK, (uint32_t[]){ 17 }, 1);
	ck_assert_uint_eq(call(OP_ISERROR, BLK), 0);

	gput_str(NAME, "touch /tmp/pmsim-pwned");
	gput_words(BLK, (uint32_t[]){ NAME, 22 }, 2);
	ck_assert_uint_eq(call(OP_SYSTEM, BLK), FAIL);
	ck_assert_int_ne(access("/tmp/pmsim-pwned", F_OK), 0);

	/* Unknown operations: ENOSYS in the guest's numbering (88, not
	 * Linux's 38). */
	ck_assert_uint_eq(call(0x17, 0), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENOSYS);
	ck_assert_uint_eq(call(0x100, 0), FAIL);
	ck_assert_uint_eq(call(0x0B, 0), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENOSYS);
}
END_TEST

/* ---- host files ---------------------------------------------------------- */

START_TEST(test_file_io_under_root)
{
	uint32_t h = do_open("data.bin", MODE_WPLUS_B);
	ck_assert_uint_ne(h, FAIL);
	ck_assert_uint_eq(do_write(h, "0123456789", 10), 0);
	ck_assert_uint_eq(do_h(OP_FLEN, h), 10);
	ck_assert_uint_eq(do_seek(h, 3), 0);
	ck_assert_uint_eq(do_read(h, 4), 0);
	ck_assert_str_eq(gbuf(4), "3456");
	/* Short read at the end: returns the bytes NOT read. */
	ck_assert_uint_eq(do_read(h, 10), 7);
	ck_assert_str_eq(gbuf(3), "789");
	ck_assert_uint_eq(do_read(h, 10), 10);
	ck_assert_uint_eq(do_h(OP_CLOSE, h), 0);
	ck_assert_str_eq(host_read(root, "data.bin"), "0123456789");

	/* Read-only open: writes fail, nothing changes. */
	h = do_open("data.bin", MODE_R);
	ck_assert_uint_ne(h, FAIL);
	ck_assert_uint_eq(do_write(h, "zz", 2), 2);
	ck_assert_uint_eq(gerrno(), GE_EBADF);
	ck_assert_uint_eq(do_h(OP_CLOSE, h), 0);

	/* r+ overwrites in place without truncating. */
	h = do_open("data.bin", MODE_RPLUS);
	ck_assert_uint_eq(do_write(h, "ab", 2), 0);
	do_h(OP_CLOSE, h);
	ck_assert_str_eq(host_read(root, "data.bin"), "ab23456789");

	/* w truncates; a appends. */
	h = do_open("log.txt", MODE_W);
	ck_assert_uint_eq(do_write(h, "one\n", 4), 0);
	do_h(OP_CLOSE, h);
	h = do_open("log.txt", MODE_A);
	ck_assert_uint_eq(do_write(h, "two\n", 4), 0);
	do_h(OP_CLOSE, h);
	ck_assert_str_eq(host_read(root, "log.txt"), "one\ntwo\n");
	h = do_open("log.txt", MODE_W);
	do_h(OP_CLOSE, h);
	ck_assert_str_eq(host_read(root, "log.txt"), "");

	/* Reading a missing file fails; subdirectories work; ".." that stays
	 * inside the root is fine. */
	ck_assert_uint_eq(do_open("missing", MODE_R), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENOENT);
	ck_assert(!host_exists(root, "missing"));
	char sub[512];
	host_path(sub, sizeof sub, root, "sub");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	h = do_open("sub/f", MODE_W);
	ck_assert_uint_ne(h, FAIL);
	do_h(OP_CLOSE, h);
	ck_assert(host_exists(root, "sub/f"));
	h = do_open("sub/../f2", MODE_W);
	ck_assert_uint_ne(h, FAIL);
	ck_assert(host_exists(root, "f2"));
	ck_assert_uint_eq(do_open("sub", MODE_R), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EISDIR);

	/* An absolute path that lies inside the root is accepted. */
	char abs[512];
	host_path(abs, sizeof abs, root, "data.bin");
	h = do_open(abs, MODE_R);
	ck_assert_uint_ne(h, FAIL);
	ck_assert_uint_eq(do_h(OP_FLEN, h), 10);

	/* Rename and remove. */
	ck_assert_uint_eq(do_rename("data.bin", "sub/moved.bin"), 0);
	ck_assert(!host_exists(root, "data.bin"));
	ck_assert_str_eq(host_read(root, "sub/moved.bin"), "ab23456789");
	ck_assert_uint_eq(do_remove("sub/moved.bin"), 0);
	ck_assert(!host_exists(root, "sub/moved.bin"));
	ck_assert_uint_eq(do_remove("sub/moved.bin"), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENOENT);
	ck_assert_uint_eq(do_rename("nothing", "else"), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENOENT);
}
END_TEST

START_TEST(test_invalid_open_arguments)
{
	ck_assert_uint_eq(do_open("x", 12), FAIL); /* no such mode */
	ck_assert(!host_exists(root, "x"));
	ck_assert_uint_eq(do_open("", MODE_W), FAIL);
	ck_assert_uint_eq(do_open(".", MODE_W), FAIL);
	ck_assert_uint_eq(do_open("sub/..", MODE_R), FAIL);
	/* A name whose length word hides an embedded NUL. */
	gput(NAME, "ok\0/../../etc/passwd", 21);
	gput_words(BLK, (uint32_t[]){ NAME, MODE_R, 20 }, 3);
	ck_assert_uint_eq(call(OP_OPEN, BLK), FAIL);
	/* Length word shorter than the string: only that much is the name. */
	gput_str(NAME, "abcdef");
	gput_words(BLK, (uint32_t[]){ NAME, MODE_W, 3 }, 3);
	uint32_t h = call(OP_OPEN, BLK);
	ck_assert_uint_ne(h, FAIL);
	ck_assert(host_exists(root, "abc"));
	ck_assert(!host_exists(root, "abcdef"));
}
END_TEST

START_TEST(test_errno_uses_guest_numbering)
{
	/* A 300-character component: the host says ENAMETOOLONG (36 on
	 * Linux); the guest's libc expects 91. */
	char name[301];
	memset(name, 'n', 300);
	name[300] = '\0';
	ck_assert_uint_eq(do_open(name, MODE_W), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENAMETOOLONG);

	/* Renaming a directory onto a non-empty one: ENOTEMPTY, 90 (Linux 39). */
	char p[512];
	host_path(p, sizeof p, root, "d1");
	ck_assert_int_eq(mkdir(p, 0755), 0);
	host_path(p, sizeof p, root, "d2");
	ck_assert_int_eq(mkdir(p, 0755), 0);
	host_write(root, "d2/keep", "k");
	ck_assert_uint_eq(do_rename("d1", "d2"), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENOTEMPTY);
	/* errno persists until the next failure. */
	ck_assert_uint_eq(call(OP_TIME, 0), 1700000000);
	ck_assert_uint_eq(gerrno(), GE_ENOTEMPTY);
}
END_TEST

START_TEST(test_sandbox_refuses_escapes)
{
	host_write(outside, "secret", "outside data");
	char p[512], target[512];

	/* ../ out of the root, for every operation. */
	char rel[512];
	const char *obase = strrchr(outside, '/') + 1;
	snprintf(rel, sizeof rel, "../%s/secret", obase);
	ck_assert_uint_eq(do_open(rel, MODE_R), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_uint_eq(do_open(rel, MODE_W), FAIL);
	ck_assert_str_eq(host_read(outside, "secret"), "outside data");
	snprintf(rel, sizeof rel, "../%s/new", obase);
	ck_assert_uint_eq(do_open(rel, MODE_W), FAIL);
	ck_assert(!host_exists(outside, "new"));
	snprintf(rel, sizeof rel, "sub/../../%s/new", obase);
	ck_assert_uint_eq(do_open(rel, MODE_W), FAIL);
	ck_assert(!host_exists(outside, "new"));
	snprintf(rel, sizeof rel, "../%s/secret", obase);
	ck_assert_uint_eq(do_remove(rel), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert(host_exists(outside, "secret"));
	host_write(root, "mine", "m");
	ck_assert_uint_eq(do_rename("mine", rel), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_uint_eq(do_rename(rel, "stolen"), FAIL);
	ck_assert(host_exists(root, "mine"));
	ck_assert(!host_exists(root, "stolen"));
	ck_assert_str_eq(host_read(outside, "secret"), "outside data");

	/* Absolute paths outside. */
	ck_assert_uint_eq(do_open("/etc/passwd", MODE_R), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	host_path(p, sizeof p, outside, "secret");
	ck_assert_uint_eq(do_open(p, MODE_R), FAIL);
	ck_assert_uint_eq(do_open(p, MODE_A), FAIL);
	ck_assert_uint_eq(do_remove(p), FAIL);
	ck_assert_uint_eq(do_open("/", MODE_R), FAIL);
	ck_assert_str_eq(host_read(outside, "secret"), "outside data");

	/* A symlink inside the root pointing outside, to a file. */
	host_path(p, sizeof p, root, "link");
	host_path(target, sizeof target, outside, "secret");
	ck_assert_int_eq(symlink(target, p), 0);
	ck_assert_uint_eq(do_open("link", MODE_R), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_uint_eq(do_open("link", MODE_W), FAIL);
	ck_assert_uint_eq(do_open("link", MODE_A), FAIL);
	ck_assert_str_eq(host_read(outside, "secret"), "outside data");

	/* Dangling symlink pointing outside: creating through it is refused. */
	host_path(p, sizeof p, root, "dangling");
	host_path(target, sizeof target, outside, "created");
	ck_assert_int_eq(symlink(target, p), 0);
	ck_assert_uint_eq(do_open("dangling", MODE_W), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert(!host_exists(outside, "created"));

	/* A symlinked directory leading outside. */
	host_path(p, sizeof p, root, "dirlink");
	ck_assert_int_eq(symlink(outside, p), 0);
	ck_assert_uint_eq(do_open("dirlink/secret", MODE_R), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_uint_eq(do_open("dirlink/new", MODE_W), FAIL);
	ck_assert(!host_exists(outside, "new"));
	ck_assert_uint_eq(do_remove("dirlink/secret"), FAIL);
	ck_assert(host_exists(outside, "secret"));

	/* Removing the link removes the link, never its target. */
	ck_assert_uint_eq(do_remove("link"), 0);
	ck_assert(!host_exists(root, "link"));
	ck_assert_str_eq(host_read(outside, "secret"), "outside data");

	/* A symlink that stays inside the root is followed. */
	host_write(root, "real", "inside");
	host_path(p, sizeof p, root, "alias");
	ck_assert_int_eq(symlink("real", p), 0);
	uint32_t h = do_open("alias", MODE_R);
	ck_assert_uint_ne(h, FAIL);
	ck_assert_uint_eq(do_read(h, 6), 0);
	ck_assert_str_eq(gbuf(6), "inside");
}
END_TEST

/* Every operation on a path outside the root fails with EACCES, whether
 * the path exists or not: the guest cannot probe the host's files. */
static void assert_outside(const char *name)
{
	ck_assert_uint_eq(do_open(name, MODE_R), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_uint_eq(do_open(name, MODE_W), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_uint_eq(do_remove(name), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_uint_eq(do_rename(name, "r"), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_uint_eq(do_rename("r", name), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
}

START_TEST(test_outside_root_is_eacces_whether_it_exists_or_not)
{
	char p[512], target[512], rel[512];
	const char *obase = strrchr(outside, '/') + 1;
	host_write(outside, "secret", "outside data");
	host_path(p, sizeof p, outside, "dir");
	ck_assert_int_eq(mkdir(p, 0755), 0);
	host_write(root, "r", "inside");

	/* An existing directory outside, a missing one, a missing one below
	 * a missing one, and a file used as a directory. */
	static const char *const tails[] = { "dir/x", "nodir/x", "nodir/deeper/x", "secret/x" };
	for (unsigned i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		snprintf(rel, sizeof rel, "../%s/%s", obase, tails[i]);
		assert_outside(rel);
		host_path(p, sizeof p, outside, tails[i]);
		assert_outside(p);
	}
	assert_outside("/pmsim-no-such-directory/x");
	assert_outside("../pmsim-no-such-directory/x");

	/* Through symbolic links inside the root: to a missing directory
	 * outside, to an existing one, a loop, and, as the last component,
	 * to a missing file, an existing one and through a file outside. */
	host_path(p, sizeof p, root, "to_missing_dir");
	host_path(target, sizeof target, outside, "nodir");
	ck_assert_int_eq(symlink(target, p), 0);
	assert_outside("to_missing_dir/x");
	host_path(p, sizeof p, root, "to_dir");
	host_path(target, sizeof target, outside, "dir");
	ck_assert_int_eq(symlink(target, p), 0);
	assert_outside("to_dir/x");
	host_path(p, sizeof p, outside, "loop");
	ck_assert_int_eq(symlink(p, p), 0);
	host_path(p, sizeof p, root, "to_loop");
	host_path(target, sizeof target, outside, "loop");
	ck_assert_int_eq(symlink(target, p), 0);
	assert_outside("to_loop/x");
	static const char *const links[][2] = {
		{ "to_missing_file", "nofile" }, { "to_file", "secret" },
		{ "through_file", "secret/x" }, { "to_loop_file", "loop" },
	};
	for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++) {
		host_path(p, sizeof p, root, links[i][0]);
		host_path(target, sizeof target, outside, links[i][1]);
		ck_assert_int_eq(symlink(target, p), 0);
		ck_assert_uint_eq(do_open(links[i][0], MODE_R), FAIL);
		ck_assert_uint_eq(gerrno(), GE_EACCES);
		ck_assert_uint_eq(do_open(links[i][0], MODE_W), FAIL);
		ck_assert_uint_eq(gerrno(), GE_EACCES);
	}
	ck_assert_str_eq(host_read(outside, "secret"), "outside data");
	ck_assert(!host_exists(outside, "nofile"));
	ck_assert(!host_exists(outside, "dir/x"));
	ck_assert(host_exists(root, "r"));

	/* Inside the root, what is missing is still named: ENOENT. A ".."
	 * after a missing component fails at that component, inside. */
	ck_assert_uint_eq(do_open("nodir/x", MODE_W), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENOENT);
	ck_assert_uint_eq(do_remove("nodir/x"), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENOENT);
	snprintf(rel, sizeof rel, "nodir/../../%s/dir/x", obase);
	ck_assert_uint_eq(do_open(rel, MODE_W), FAIL);
	ck_assert_uint_eq(gerrno(), GE_ENOENT);
}
END_TEST

START_TEST(test_no_root_no_host_files)
{
	reinit(NULL);
	char cwd_probe[64];
	snprintf(cwd_probe, sizeof cwd_probe, "pmsim-noroot-%ld", (long)getpid());
	ck_assert_uint_eq(do_open(cwd_probe, MODE_W), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_int_ne(access(cwd_probe, F_OK), 0);
	host_write(root, "f", "x");
	char p[512];
	host_path(p, sizeof p, root, "f");
	ck_assert_uint_eq(do_open(p, MODE_R), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EACCES);
	ck_assert_uint_eq(do_remove(p), FAIL);
	ck_assert(host_exists(root, "f"));
	ck_assert_uint_eq(do_rename(p, "g"), FAIL);
	gput_words(BLK, (uint32_t[]){ BUF, 7, 64 }, 3);
	ck_assert_uint_eq(call(OP_TMPNAM, BLK), FAIL);
	/* The console still works. */
	uint32_t h = do_open(":tt", MODE_W);
	ck_assert_uint_ne(h, FAIL);
	ck_assert_uint_eq(do_write(h, "ok", 2), 0);
	ck_assert_str_eq(out_text(), "ok");
}
END_TEST

START_TEST(test_init_rejects_bad_root)
{
	struct semihost sh;
	struct semihost_config cfg = CFG;
	char p[512];
	host_path(p, sizeof p, root, "nonexistent");
	cfg.root = p;
	ck_assert_int_eq(semihost_init(&sh, &cfg, &B, &S), -1);
	semihost_free(&sh);
	host_write(root, "plainfile", "x");
	host_path(p, sizeof p, root, "plainfile");
	ck_assert_int_eq(semihost_init(&sh, &cfg, &B, &S), -1);
	semihost_free(&sh);
	/* A root given through a symlink or with ".." is canonicalised. */
	snprintf(p, sizeof p, "%s/../%s", root, strrchr(root, '/') + 1);
	ck_assert_int_eq(semihost_init(&sh, &cfg, &B, &S), 0);
	ck_assert_str_eq(sh.root_real, root);
	semihost_free(&sh);
}
END_TEST

START_TEST(test_tmpnam)
{
	gput_words(BLK, (uint32_t[]){ BUF, 7, 64 }, 3);
	ck_assert_uint_eq(call(OP_TMPNAM, BLK), 0);
	char name[64];
	ck_assert_int_eq(bus_peek(&B, BUF, name, sizeof name), BUS_OK);
	name[63] = '\0';
	ck_assert_str_eq(name, "pmsim-tmp-007.tmp");
	/* Different ids, different names; the name opens under the root. */
	gput_words(BLK, (uint32_t[]){ BUF + 64, 8, 64 }, 3);
	ck_assert_uint_eq(call(OP_TMPNAM, BLK), 0);
	ck_assert_int_eq(bus_peek(&B, BUF + 64, name, 32), BUS_OK);
	ck_assert_str_eq(name, "pmsim-tmp-008.tmp");
	uint32_t h = do_open("pmsim-tmp-007.tmp", MODE_W);
	ck_assert_uint_ne(h, FAIL);
	ck_assert(host_exists(root, "pmsim-tmp-007.tmp"));

	gput_words(BLK, (uint32_t[]){ BUF, 7, 10 }, 3); /* too small */
	ck_assert_uint_eq(call(OP_TMPNAM, BLK), FAIL);
	gput_words(BLK, (uint32_t[]){ BUF, 256, 64 }, 3); /* id out of range */
	ck_assert_uint_eq(call(OP_TMPNAM, BLK), FAIL);
	gput_words(BLK, (uint32_t[]){ UNMAPPED, 1, 64 }, 3);
	ck_assert_uint_eq(call(OP_TMPNAM, BLK), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
}
END_TEST

START_TEST(test_too_many_handles)
{
	uint32_t h[SEMIHOST_MAX_FILES];
	for (int i = 0; i < SEMIHOST_MAX_FILES; i++) {
		h[i] = do_open(":semihosting-features", MODE_R);
		ck_assert_uint_ne(h[i], FAIL);
	}
	ck_assert_uint_eq(do_open("f", MODE_W), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EMFILE);
	ck_assert(!host_exists(root, "f")); /* nothing leaked */
	ck_assert_uint_eq(do_h(OP_CLOSE, h[5]), 0);
	ck_assert_uint_ne(do_open("f", MODE_W), FAIL);
}
END_TEST

/* ---- bad guest pointers -------------------------------------------------- */

START_TEST(test_unmapped_pointers_fail_cleanly)
{
	static const uint32_t ops[] = {
		OP_OPEN, OP_CLOSE, OP_WRITE, OP_READ, OP_ISERROR, OP_ISTTY,
		OP_SEEK, OP_FLEN, OP_TMPNAM, OP_REMOVE, OP_RENAME,
		OP_GET_CMDLINE, OP_HEAPINFO, OP_ELAPSED, OP_EXIT_EXTENDED,
		OP_WRITEC, OP_WRITE0,
	};
	for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		ck_assert_uint_eq(call(ops[i], UNMAPPED), FAIL);
		ck_assert_uint_eq(gerrno(), GE_EFAULT);
		/* A block wrapping around the top of the address space. */
		ck_assert_uint_eq(call(ops[i], 0xFFFFFFFEu), FAIL);
	}
	ck_assert(!SH.exited);

	/* A name pointer into nowhere. */
	gput_words(BLK, (uint32_t[]){ UNMAPPED, MODE_W, 5 }, 3);
	ck_assert_uint_eq(call(OP_OPEN, BLK), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);

	host_write(root, "in.txt", "abcdefgh");
	uint32_t h = do_open("in.txt", MODE_R);
	uint32_t w = do_open("out.txt", MODE_W);
	uint32_t tt = do_open(":tt", MODE_W);
	ck_assert(h != FAIL && w != FAIL && tt != FAIL);

	/* Read into unmapped memory, into ROM, and across the end of RAM:
	 * fails with nothing consumed from the file. */
	ck_assert_uint_eq(do_read_at(h, UNMAPPED, 4), 4);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	ck_assert_uint_eq(do_read_at(h, ROM_BASE, 4), 4);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	ck_assert_uint_eq(do_read_at(h, RAM_END - 2, 4), 4);
	ck_assert_uint_eq(do_read_at(h, 0xFFFFFFF0u, 0x100), 0x100);
	ck_assert_uint_eq(do_read(h, 8), 0);
	ck_assert_str_eq(gbuf(8), "abcdefgh");

	/* Write from unmapped memory: nothing written anywhere. */
	gput_words(BLK, (uint32_t[]){ w, UNMAPPED, 4 }, 3);
	ck_assert_uint_eq(call(OP_WRITE, BLK), 4);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	gput_words(BLK, (uint32_t[]){ w, RAM_END - 2, 4 }, 3);
	ck_assert_uint_eq(call(OP_WRITE, BLK), 4);
	gput_words(BLK, (uint32_t[]){ tt, UNMAPPED, 4 }, 3);
	ck_assert_uint_eq(call(OP_WRITE, BLK), 4);
	ck_assert_str_eq(host_read(root, "out.txt"), "");
	ck_assert_uint_eq(strlen(out_text()), 0);

	/* Writing from ROM is fine (string constants live in flash). */
	ck_assert_int_eq(bus_load(&B, ROM_BASE + 0x10, "flash", 5), BUS_OK);
	gput_words(BLK, (uint32_t[]){ w, ROM_BASE + 0x10, 5 }, 3);
	ck_assert_uint_eq(call(OP_WRITE, BLK), 0);
	ck_assert_str_eq(host_read(root, "out.txt"), "flash");
}
END_TEST

/* A device register window: counts the accesses it gets, and takes only
 * word accesses when `words_only`. */
static unsigned dev_reads, dev_writes;

static int dev_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	dev_reads++;
	*val = 0x5a5a5a5au;
	return BUS_OK;
}

static int dev_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	dev_writes++;
	return BUS_OK;
}

static const struct bus_ops dev_words = { "words", BUS_SIZE_32, dev_read, dev_write };
static const struct bus_ops dev_bytes = { "bytes", BUS_SIZES_ALL, dev_read, dev_write };

START_TEST(test_device_memory_fails_cleanly)
{
	/* Registers right after the end of RAM (word accesses only), and a
	 * window elsewhere that would take byte accesses. */
	const uint32_t words = RAM_END, bytes = 0x40000000u;
	ck_assert_int_ge(bus_add_mmio(&B, "words", words, 0x1000, &dev_words, NULL), 0);
	ck_assert_int_ge(bus_add_mmio(&B, "bytes", bytes, 0x1000, &dev_bytes, NULL), 0);
	dev_reads = dev_writes = 0;

	host_write(root, "in.txt", "abcdefgh");
	uint32_t h = do_open("in.txt", MODE_R);
	uint32_t w = do_open("out.txt", MODE_W);
	ck_assert(h != FAIL && w != FAIL);

	/* SYS_READ into registers, or into a buffer that runs from RAM into
	 * them: EFAULT, the file position unchanged, no register touched. */
	ck_assert_uint_eq(do_read_at(h, words, 4), 4);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	ck_assert_uint_eq(do_read_at(h, bytes, 4), 4);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	ck_assert_uint_eq(do_read_at(h, RAM_END - 2, 4), 4);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	ck_assert_uint_eq(do_read(h, 8), 0);
	ck_assert_str_eq(gbuf(8), "abcdefgh");

	/* SYS_WRITE from registers: nothing written, nothing read. */
	gput_words(BLK, (uint32_t[]){ w, bytes, 4 }, 3);
	ck_assert_uint_eq(call(OP_WRITE, BLK), 4);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	gput_words(BLK, (uint32_t[]){ w, RAM_END - 2, 4 }, 3);
	ck_assert_uint_eq(call(OP_WRITE, BLK), 4);
	ck_assert_str_eq(host_read(root, "out.txt"), "");

	/* Parameter blocks, strings and results in registers. */
	ck_assert_uint_eq(call(OP_CLOSE, bytes), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	ck_assert_uint_eq(call(OP_WRITE0, bytes), FAIL);
	ck_assert_uint_eq(call(OP_WRITEC, bytes), FAIL);
	ck_assert_uint_eq(call(OP_ELAPSED, bytes), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);
	gput_words(HEAP_PTR, (uint32_t[]){ bytes }, 1);
	ck_assert_uint_eq(call(OP_HEAPINFO, HEAP_PTR), FAIL);
	gput_words(BLK, (uint32_t[]){ bytes, 7, 64 }, 3);
	ck_assert_uint_eq(call(OP_TMPNAM, BLK), FAIL);
	gput_words(BLK, (uint32_t[]){ bytes, 64 }, 2);
	ck_assert_uint_eq(call(OP_GET_CMDLINE, BLK), FAIL);
	gput_words(BLK, (uint32_t[]){ bytes, MODE_W, 4 }, 3);
	ck_assert_uint_eq(call(OP_OPEN, BLK), FAIL);
	ck_assert_uint_eq(gerrno(), GE_EFAULT);

	ck_assert_uint_eq(dev_reads, 0);
	ck_assert_uint_eq(dev_writes, 0);
	ck_assert_uint_eq(strlen(out_text()), 0);
}
END_TEST

static uint32_t code_writes, code_write_page;

static void on_code_write(void *opaque, uint32_t page_base)
{
	code_writes++;
	code_write_page = page_base;
}

START_TEST(test_read_into_code_page_notifies_cpu)
{
	/* Data read into a page holding decoded instructions must go through
	 * the bus, so the CPU drops its decoded copy. */
	B.code_write = on_code_write;
	bus_mark_code(&B, CODE_PAGE);
	host_write(root, "code.bin", "\x01\x02\x03\x04");
	uint32_t h = do_open("code.bin", MODE_R);
	ck_assert_uint_eq(do_read_at(h, CODE_PAGE + 0x10, 4), 0);
	ck_assert_uint_eq(code_writes, 1);
	ck_assert_uint_eq(code_write_page, CODE_PAGE);
	ck_assert_uint_eq(gword(CODE_PAGE + 0x10), 0x04030201);
}
END_TEST

static Suite *semihost_suite(void)
{
	Suite *s = suite_create("semihost");
	TCase *tc = tcase_create("semihost");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_console_stdout_stderr_apart);
	tcase_add_test(tc, test_write0_writec);
	tcase_add_test(tc, test_console_read);
	tcase_add_test(tc, test_istty);
	tcase_add_test(tc, test_clock_and_elapsed_follow_simulated_time);
	tcase_add_test(tc, test_time_is_epoch_plus_simulated_seconds);
	tcase_add_test(tc, test_heapinfo);
	tcase_add_test(tc, test_get_cmdline);
	tcase_add_test(tc, test_exit);
	tcase_add_test(tc, test_features_file);
	tcase_add_test(tc, test_iserror_system_errno_unknown);
	tcase_add_test(tc, test_file_io_under_root);
	tcase_add_test(tc, test_invalid_open_arguments);
	tcase_add_test(tc, test_errno_uses_guest_numbering);
	tcase_add_test(tc, test_sandbox_refuses_escapes);
	tcase_add_test(tc, test_outside_root_is_eacces_whether_it_exists_or_not);
	tcase_add_test(tc, test_no_root_no_host_files);
	tcase_add_test(tc, test_init_rejects_bad_root);
	tcase_add_test(tc, test_tmpnam);
	tcase_add_test(tc, test_too_many_handles);
	tcase_add_test(tc, test_unmapped_pointers_fail_cleanly);
	tcase_add_test(tc, test_device_memory_fails_cleanly);
	tcase_add_test(tc, test_read_into_code_page_notifies_cpu);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(semihost_suite());
}
