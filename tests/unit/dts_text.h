/*
 * Device trees written as text by a unit test, compiled through the same
 * .dts path as `pmsim run --config FILE.dts` (machine_load_dtb runs dtc on
 * a file whose name ends in .dts).
 */
#ifndef PMSIM_TEST_DTS_TEXT_H
#define PMSIM_TEST_DTS_TEXT_H

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/machine.h"

/* The DTB of `text` (malloc'ed, in *dtb and *len); the test fails if dtc
 * refuses it. */
static inline void dts_text_compile(const char *text, void **dtb, size_t *len)
{
	char dir[] = "/tmp/pmsim_dts_XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[sizeof dir + 8];
	snprintf(path, sizeof path, "%s/soc.dts", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ck_assert_int_ge(fd, 0);
	size_t n = strlen(text);
	ck_assert_int_eq(write(fd, text, n), (ssize_t)n);
	close(fd);
	struct err e = { "" };
	int rc = machine_load_dtb(path, dtb, len, &e);
	unlink(path);
	rmdir(dir);
	ck_assert_msg(rc == 0, "dtc: %s", e.msg);
}

#endif
