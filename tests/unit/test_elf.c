/*
 * ELF loading: segments at their physical addresses (initialised data at
 * its flash load address), .bss zeroed, symbols named, bad images refused
 * with the file name and the reason.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/elf.h"
#include "check_run.h"

#define HELLO PMSIM_TEST_FW_DIR "/hello/hello.elf"

static struct bus b;
static struct elf_image img;
static struct err e;

static void setup(void)
{
	ck_assert_int_eq(bus_init(&b), 0);
	ck_assert_int_ge(bus_add_ram(&b, "flash", 0x0, 0x400000, true), 0);
	ck_assert_int_ge(bus_add_ram(&b, "sram", 0x20000000, 0x400000, false), 0);
}

static void teardown(void)
{
	elf_free(&img);
	bus_free(&b);
}

START_TEST(loads_vector_table_and_symbols)
{
	/* Dirty the RAM first: .bss must come back zeroed. */
	uint8_t junk[256];
	memset(junk, 0xa5, sizeof junk);
	for (uint32_t a = 0x20000000; a < 0x20010000; a += sizeof junk)
		bus_load(&b, a, junk, sizeof junk);
	ck_assert_msg(elf_load(HELLO, &b, &img, &e) == 0, "%s", e.msg);
	uint32_t sp, reset;
	bus_peek(&b, 0, &sp, 4);
	bus_peek(&b, 4, &reset, 4);
	ck_assert_uint_gt(sp, 0x20000000);
	ck_assert_uint_le(sp, 0x20400000);
	ck_assert_uint_eq(reset & 1, 1); /* Thumb */
	ck_assert_uint_gt(img.nsyms, 10);
	ck_assert_uint_ge(img.nsegs, 1);

	uint32_t off = 99;
	const struct elf_symbol *s = elf_symbolize(&img, reset & ~1u, &off);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(off, 0);
	ck_assert_str_eq(s->name, "_start");

	/* Find main and symbolize an address inside it. */
	const struct elf_symbol *m = NULL;
	for (size_t i = 0; i < img.nsyms; i++)
		if (!strcmp(img.syms[i].name, "main"))
			m = &img.syms[i];
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_gt(m->size, 4);
	s = elf_symbolize(&img, m->addr + 2, &off);
	ck_assert_ptr_eq(s, m);
	ck_assert_uint_eq(off, 2);
	ck_assert_ptr_null(elf_symbolize(&img, 0x30000000, &off));

	/* The .bss symbols are zero in memory. */
	for (size_t i = 0; i < img.nsyms; i++) {
		if (img.syms[i].addr < 0x20000000 || img.syms[i].size == 0 ||
		    strcmp(img.syms[i].name, "env"))
			continue;
		uint8_t buf[4];
		bus_peek(&b, img.syms[i].addr, buf, 4);
		ck_assert_uint_eq(buf[0] | buf[1] | buf[2] | buf[3], 0);
	}
}
END_TEST

START_TEST(image_outside_memory)
{
	struct bus small;
	ck_assert_int_eq(bus_init(&small), 0);
	ck_assert_int_ge(bus_add_ram(&small, "sram", 0x20000000, 0x400000, false), 0);
	ck_assert_int_ne(elf_load(HELLO, &small, &img, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, HELLO ": segment"));
	ck_assert_ptr_nonnull(strstr(e.msg, "nothing at 0x00000000"));
	bus_free(&small);
}
END_TEST

START_TEST(missing_and_garbage)
{
	ck_assert_int_ne(elf_load("/nonexistent/x.elf", &b, &img, &e), 0);
	ck_assert_str_eq(e.msg, "/nonexistent/x.elf: cannot open: No such file or directory");
	char path[] = "/tmp/pmsim-test-elf-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs("\177ELF\001\001\001", f); /* magic, then nothing */
	fclose(f);
	ck_assert_int_ne(elf_load(path, &b, &img, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "truncated ELF header"));
	remove(path);
}
END_TEST

/* Header fields libelf refuses with a message that does not say why, or
 * accepts although they are wrong: each is named. */
START_TEST(header_fields_named)
{
	FILE *f = fopen(HELLO, "rb");
	ck_assert_ptr_nonnull(f);
	static char good[1 << 20];
	size_t len = fread(good, 1, sizeof good, f);
	fclose(f);
	ck_assert_uint_gt(len, 1000);
	ck_assert_uint_lt(len, sizeof good);
	static char bad[1 << 20];
	static const struct {
		unsigned off, size;
		uint32_t value;
		const char *msg;
	} cases[] = {
		{ 6, 1, 2, "x.elf: unknown ELF version 2 in e_ident[EI_VERSION] (must be 1)" },
		{ 20, 4, 0, "x.elf: unknown ELF version 0 in e_version (must be 1)" },
		{ 40, 2, 64, "x.elf: e_ehsize is 64; an ELF32 header is 52 bytes" },
		{ 42, 2, 16, "x.elf: e_phentsize is 16; an ELF32 program header is 32 bytes" },
		{ 44, 2, 0, "x.elf: no program headers (e_phnum is 0): nothing to load" },
		{ 44, 2, 0xffff, "x.elf: e_phnum is PN_XNUM (0xffff): extended program header "
				 "numbering is not supported" },
		{ 46, 2, 16, "x.elf: e_shentsize is 16; an ELF32 section header is 40 bytes" },
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memcpy(bad, good, len);
		memcpy(bad + cases[i].off, &cases[i].value, cases[i].size);
		ck_assert_int_ne(elf_load_image("x.elf", bad, len, &b, &img, &e), 0);
		ck_assert_str_eq(e.msg, cases[i].msg);
	}
	/* 0x7fff program headers: past the end of the file, and said so. */
	memcpy(bad, good, len);
	memcpy(bad + 44, &(uint16_t){ 0x7fff }, 2);
	ck_assert_int_ne(elf_load_image("x.elf", bad, len, &b, &img, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "program headers (32767 at offset 0x34) past the end "
					"of the file"));
	/* A symbol table whose entries are 0 bytes long. */
	uint32_t shoff;
	uint16_t shnum;
	memcpy(&shoff, good + 32, 4);
	memcpy(&shnum, good + 48, 2);
	memcpy(bad, good, len);
	unsigned found = 0;
	for (unsigned i = 0; i < shnum; i++) {
		uint32_t type;
		memcpy(&type, good + shoff + 40 * i + 4, 4);
		if (type == 2) {
			memset(bad + shoff + 40 * i + 36, 0, 4);
			found = i;
		}
	}
	ck_assert_uint_ne(found, 0);
	ck_assert_int_ne(elf_load_image("x.elf", bad, len, &b, &img, &e), 0);
	char want[128];
	snprintf(want, sizeof want, "x.elf: symbol table (section %u) has entries of 0 bytes; an "
		 "ELF32 symbol is 16 bytes", found);
	ck_assert_str_eq(e.msg, want);
	/* The untouched image still loads. */
	memcpy(bad, good, len);
	ck_assert_msg(elf_load_image("x.elf", bad, len, &b, &img, &e) == 0, "%s", e.msg);
}
END_TEST

/* Inputs are regular files: a directory or a FIFO is refused without
 * being read (a FIFO would block). */
START_TEST(not_a_regular_file)
{
	ck_assert_int_ne(elf_load("/", &b, &img, &e), 0);
	ck_assert_str_eq(e.msg, "/: is a directory; pmsim reads only regular files");
	char dir[] = "/tmp/pmsim-test-elf-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char fifo[sizeof dir + 8];
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_ne(elf_load(fifo, &b, &img, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, ": is a FIFO; pmsim reads only regular files"));
	unlink(fifo);
	rmdir(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, loads_vector_table_and_symbols);
	tcase_add_test(tc, image_outside_memory);
	tcase_add_test(tc, missing_and_garbage);
	tcase_add_test(tc, header_fields_named);
	tcase_add_test(tc, not_a_regular_file);
	suite_add_tcase(s, tc);
	return check_run(s);
}
