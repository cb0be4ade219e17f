/*
 * KUnit (Linux's include/kunit/test.h), the subset pmfw's in-kernel tests
 * use: suites of cases, EXPECT (a failure is recorded, the case goes on)
 * and ASSERT (the case stops). Suites are collected by the linker
 * (kunit_test_suite) and run by lib/kunit/test.c, at boot with the
 * kernel parameter `kunit.filter_glob=` and from the shell (`kunit run`),
 * printing KTAP as Linux does.
 */
#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

#include <setjmp.h>

#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

enum kunit_status { KUNIT_SUCCESS, KUNIT_FAILURE, KUNIT_SKIPPED };

struct kunit {
	const char *name;       /* the case's */
	enum kunit_status status;
	void *priv;             /* for the suite's init and exit */
	jmp_buf abort;          /* where an ASSERT failure goes */
	char skip_reason[64];
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
};

struct kunit_suite {
	const char *name;
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases; /* ends with an empty entry */
};

/* A suite that measures the hardware's timing holds a CPU latency QoS of
 * 0 (the core stays in WFI) while it runs: name these as its suite_init
 * and suite_exit (lib/kunit/latency.c). */
int kunit_suite_init_latency_critical(struct kunit_suite *suite);
void kunit_suite_exit_latency_critical(struct kunit_suite *suite);

#define KUNIT_CASE(fn) { .run_case = fn, .name = #fn }

#define __kunit_cat2(a, b) a##b
#define __kunit_cat(a, b) __kunit_cat2(a, b)
/* One array per use (its line in the name): a file may register suites
 * more than once. */
#define kunit_test_suites(...)                                                         \
	static struct kunit_suite *const __kunit_cat(__kunit_suites_, __LINE__)[] __used   \
		__section(".kunit_test_suites") __aligned(4) = { __VA_ARGS__ }
#define kunit_test_suite(suite) kunit_test_suites(&suite)

void kunit_fail(struct kunit *test, const char *file, int line, bool assert,
		const char *fmt, ...) __printf(5, 6);
void kunit_skip(struct kunit *test, const char *reason);
/* A diagnostic line in the case's output, as Linux's: "    # case: text". */
#define kunit_printk(lvl, test, fmt, ...) \
	printk(lvl "    # %s: " fmt, (test)->name, ##__VA_ARGS__)
#define kunit_info(test, fmt, ...) kunit_printk(KERN_INFO, test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...) kunit_printk(KERN_ERR, test, fmt, ##__VA_ARGS__)
/* Run the suites whose name matches `glob` ("*" for all; a trailing '*'
 * matches any end). Returns the number of failed cases. */
int kunit_run_tests(const char *glob);

#define KUNIT_BINARY(test, assert, left, op, right, fmt, lstr, rstr)                \
	do {                                                                        \
		__typeof__(left) __l = (left);                                      \
		__typeof__(right) __r = (right);                                    \
		if (!(__l op __r))                                                  \
			kunit_fail(test, __FILE__, __LINE__, assert,                \
				   "Expected %s " #op " %s, but\n    %s == " fmt    \
				   "\n    %s == " fmt, lstr, rstr, lstr, __l, rstr, __r); \
	} while (0)

/* Integers are compared as long long (printed with %lld). */
#define KUNIT_INT(test, assert, l, op, r) \
	KUNIT_BINARY(test, assert, (long long)(l), op, (long long)(r), "%lld", #l, #r)
#define KUNIT_EXPECT_EQ(t, l, r) KUNIT_INT(t, false, l, ==, r)
#define KUNIT_EXPECT_NE(t, l, r) KUNIT_INT(t, false, l, !=, r)
#define KUNIT_EXPECT_LT(t, l, r) KUNIT_INT(t, false, l, <, r)
#define KUNIT_EXPECT_LE(t, l, r) KUNIT_INT(t, false, l, <=, r)
#define KUNIT_EXPECT_GT(t, l, r) KUNIT_INT(t, false, l, >, r)
#define KUNIT_EXPECT_GE(t, l, r) KUNIT_INT(t, false, l, >=, r)
#define KUNIT_ASSERT_EQ(t, l, r) KUNIT_INT(t, true, l, ==, r)
#define KUNIT_ASSERT_NE(t, l, r) KUNIT_INT(t, true, l, !=, r)
#define KUNIT_ASSERT_LT(t, l, r) KUNIT_INT(t, true, l, <, r)
#define KUNIT_ASSERT_LE(t, l, r) KUNIT_INT(t, true, l, <=, r)
#define KUNIT_ASSERT_GT(t, l, r) KUNIT_INT(t, true, l, >, r)
#define KUNIT_ASSERT_GE(t, l, r) KUNIT_INT(t, true, l, >=, r)
#define KUNIT_EXPECT_TRUE(t, c) KUNIT_INT(t, false, !!(c), ==, 1)
#define KUNIT_EXPECT_FALSE(t, c) KUNIT_INT(t, false, !!(c), ==, 0)
#define KUNIT_ASSERT_TRUE(t, c) KUNIT_INT(t, true, !!(c), ==, 1)
#define KUNIT_ASSERT_FALSE(t, c) KUNIT_INT(t, true, !!(c), ==, 0)
#define KUNIT_PTR(t, assert, l, op, r) \
	KUNIT_BINARY(t, assert, (const void *)(l), op, (const void *)(r), "%p", #l, #r)
#define KUNIT_EXPECT_PTR_EQ(t, l, r) KUNIT_PTR(t, false, l, ==, r)
#define KUNIT_EXPECT_PTR_NE(t, l, r) KUNIT_PTR(t, false, l, !=, r)
#define KUNIT_ASSERT_PTR_EQ(t, l, r) KUNIT_PTR(t, true, l, ==, r)
#define KUNIT_ASSERT_PTR_NE(t, l, r) KUNIT_PTR(t, true, l, !=, r)
#define KUNIT_EXPECT_NULL(t, p) KUNIT_PTR(t, false, p, ==, NULL)
#define KUNIT_EXPECT_NOT_NULL(t, p) KUNIT_PTR(t, false, p, !=, NULL)
#define KUNIT_ASSERT_NOT_NULL(t, p) KUNIT_PTR(t, true, p, !=, NULL)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) KUNIT_ASSERT_TRUE(t, !IS_ERR_OR_NULL(p))
#define KUNIT_STR(t, assert, l, op, r)                                              \
	do {                                                                        \
		const char *__l = (l), *__r = (r);                                  \
		if (!(__l && __r && strcmp(__l, __r) op 0))                         \
			kunit_fail(t, __FILE__, __LINE__, assert,                   \
				   "Expected %s " #op " %s, but\n    %s == \"%s\"\n    %s == \"%s\"", \
				   #l, #r, #l, __l ? __l : "(null)", #r, __r ? __r : "(null)"); \
	} while (0)
#define KUNIT_EXPECT_STREQ(t, l, r) KUNIT_STR(t, false, l, ==, r)
#define KUNIT_ASSERT_STREQ(t, l, r) KUNIT_STR(t, true, l, ==, r)
/* Read a sysfs or debugfs file into buf (NUL-terminated): its length or
 * a negative errno (lib/kunit/fs.c). Write text to one: what the store
 * returned. */
ssize_t kunit_read_file(const char *path, char *buf, size_t size);
ssize_t kunit_write_file(const char *path, const char *text);

#define KUNIT_FAIL(t, fmt, ...) kunit_fail(t, __FILE__, __LINE__, false, fmt, ##__VA_ARGS__)

#endif
