/*
 * The KUnit runner (Linux's lib/kunit/test.c and executor.c, small): runs
 * the suites the linker collected and prints KTAP on the console, as
 * Linux does at boot:
 *
 *   KTAP version 1
 *   1..2
 *       KTAP version 1
 *       # Subtest: clk
 *       1..3
 *       ok 1 clk_enable_refcount
 *       ...
 *   ok 1 clk
 *   # Totals: pass:10 fail:0 skip:0 total:10
 *
 * A failed expectation prints where and why as a "#" line and marks the
 * case failed; a failed assertion also stops the case (longjmp back to
 * the runner: cases must not leave anything that needs unwinding).
 *
 * Boot parameters (Linux's): kunit.filter_glob=GLOB runs the matching
 * suites once init starts; kunit_shutdown=poweroff then ends the run, with
 * status 0 if every case passed and 1 otherwise (so CTest sees it).
 */
#include <stdarg.h>
#include <stdio.h>

#include <kunit/test.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "../../arch/arm/arch.h"

extern struct kunit_suite *const __kunit_suites_start[], *const __kunit_suites_end[];

static const char *filter_glob;
static bool shutdown_after;
static struct kunit *running;

static int filter_setup(char *arg)
{
	filter_glob = arg;
	return 1;
}
__setup("kunit.filter_glob=", filter_setup);

static int shutdown_setup(char *arg)
{
	shutdown_after = !strcmp(arg, "poweroff") || !strcmp(arg, "halt") ||
			 !strcmp(arg, "reboot");
	return 1;
}
__setup("kunit_shutdown=", shutdown_setup);

void kunit_fail(struct kunit *test, const char *file, int line, bool assert,
		const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Linux's format: the case, where, then the message indented. */
	printk(KERN_ERR "    # %s: %s FAILED at %s:%d\n", test->name,
	       assert ? "ASSERTION" : "EXPECTATION", file, line);
	for (char *s = msg, *nl; s && *s; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		printk(KERN_ERR "    %s\n", s);
	}
	test->status = KUNIT_FAILURE;
	if (assert)
		longjmp(test->abort, 1);
}

void kunit_skip(struct kunit *test, const char *reason)
{
	test->status = KUNIT_SKIPPED;
	strscpy(test->skip_reason, reason, sizeof test->skip_reason);
	longjmp(test->abort, 1);
}

static bool glob_match(const char *glob, const char *name)
{
	size_t n = strlen(glob);
	if (n && glob[n - 1] == '*')
		return !strncmp(glob, name, n - 1);
	return !strcmp(glob, name);
}

struct kunit_totals {
	unsigned int pass, fail, skip;
};

/* One case; its own frame, so that an ASSERT's longjmp clobbers nothing
 * of the suite's loop. */
static void run_case(struct kunit_suite *s, struct kunit_case *c, struct kunit *test)
{
	memset(test, 0, sizeof *test);
	test->name = c->name;
	running = test;
	if (!setjmp(test->abort)) {
		if (!s->init || !s->init(test))
			c->run_case(test);
		else
			kunit_fail(test, __FILE__, __LINE__, false, "init failed");
	}
	if (s->exit)
		s->exit(test);
	running = NULL;
}

static enum kunit_status run_suite(struct kunit_suite *s, unsigned int idx,
				   struct kunit_totals *t)
{
	unsigned int ncases = 0, failed = 0;
	while (s->test_cases[ncases].run_case)
		ncases++;
	printk(KERN_INFO "    KTAP version 1\n");
	printk(KERN_INFO "    # Subtest: %s\n", s->name);
	printk(KERN_INFO "    1..%u\n", ncases);
	if (s->suite_init && s->suite_init(s)) {
		printk(KERN_INFO "not ok %u %s # suite_init failed\n", idx, s->name);
		t->fail += ncases;
		return KUNIT_FAILURE;
	}
	for (unsigned int i = 0; i < ncases; i++) {
		struct kunit_case *c = &s->test_cases[i];
		static struct kunit test;
		run_case(s, c, &test);
		if (test.status == KUNIT_SKIPPED) {
			printk(KERN_INFO "    ok %u %s # SKIP %s\n", i + 1, c->name, test.skip_reason);
			t->skip++;
		} else if (test.status == KUNIT_FAILURE) {
			printk(KERN_INFO "    not ok %u %s\n", i + 1, c->name);
			t->fail++;
			failed++;
		} else {
			printk(KERN_INFO "    ok %u %s\n", i + 1, c->name);
			t->pass++;
		}
	}
	if (s->suite_exit)
		s->suite_exit(s);
	printk(KERN_INFO "%s %u %s\n", failed ? "not ok" : "ok", idx, s->name);
	return failed ? KUNIT_FAILURE : KUNIT_SUCCESS;
}

int kunit_run_tests(const char *glob)
{
	struct kunit_totals t = { 0 };
	unsigned int n = 0;
	for (struct kunit_suite *const *s = __kunit_suites_start; s < __kunit_suites_end; s++)
		n += glob_match(glob, (*s)->name);
	printk(KERN_INFO "KTAP version 1\n");
	printk(KERN_INFO "1..%u\n", n);
	unsigned int idx = 0;
	for (struct kunit_suite *const *s = __kunit_suites_start; s < __kunit_suites_end; s++)
		if (glob_match(glob, (*s)->name))
			run_suite(*s, ++idx, &t);
	printk(KERN_INFO "# Totals: pass:%u fail:%u skip:%u total:%u\n", t.pass, t.fail, t.skip,
	       t.pass + t.fail + t.skip);
	return (int)t.fail;
}

/* From init, before the shell: the boot-time run. */
void kunit_run_all_tests(void)
{
	if (!filter_glob)
		return;
	int failed = kunit_run_tests(filter_glob);
	if (shutdown_after)
		semihost_exit(failed ? 1 : 0);
}
