/*
 * KUnit: kallsyms (kernel/kallsyms.c) and the %ps/%pS that print with it
 * (lib/vsprintf.c). msleep and kallsyms_lookup are global functions of
 * every image (no clone suffix, no alias at their address); a variable's
 * address is in no function.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/string.h>

static int kallsyms_test_data = 1;

/* A function's own address, with the Thumb bit or without: offset 0, and
 * a size that ends where the next function begins. */
static void kallsyms_finds_a_function(struct kunit *test)
{
	char name[KSYM_NAME_LEN], next[KSYM_NAME_LEN];
	unsigned long size = 0, off = 1, addr = (unsigned long)msleep;
	char *mod = (char *)"x";

	KUNIT_ASSERT_NOT_NULL(test, kallsyms_lookup(addr, &size, &off, &mod, name));
	KUNIT_EXPECT_STREQ(test, name, "msleep");
	KUNIT_EXPECT_EQ(test, off, 0UL);
	KUNIT_EXPECT_NULL(test, mod);
	KUNIT_EXPECT_GT(test, size, 4UL);
	KUNIT_EXPECT_LT(test, size, 256UL);
	KUNIT_EXPECT_PTR_EQ(test, kallsyms_lookup(addr & ~1UL, NULL, &off, NULL, name), name);
	KUNIT_EXPECT_STREQ(test, name, "msleep");
	KUNIT_EXPECT_EQ(test, off, 0UL);
	/* The next function starts where msleep's size ends. */
	KUNIT_ASSERT_NOT_NULL(test, kallsyms_lookup((addr & ~1UL) + size, NULL, &off, NULL, next));
	KUNIT_EXPECT_NE(test, strcmp(next, "msleep"), 0);
	KUNIT_EXPECT_EQ(test, off, 0UL);
	KUNIT_EXPECT_EQ(test, lookup_symbol_name((unsigned long)kallsyms_lookup, name), 0);
	KUNIT_EXPECT_STREQ(test, name, "kallsyms_lookup");
}

/* An address inside a function: its offset from the start. */
static void kallsyms_finds_an_offset(struct kunit *test)
{
	char name[KSYM_NAME_LEN];
	unsigned long size, off, start = (unsigned long)msleep & ~1UL;

	KUNIT_ASSERT_NOT_NULL(test, kallsyms_lookup(start, &size, &off, NULL, name));
	KUNIT_ASSERT_NOT_NULL(test, kallsyms_lookup(start + 4, NULL, &off, NULL, name));
	KUNIT_EXPECT_STREQ(test, name, "msleep");
	KUNIT_EXPECT_EQ(test, off, 4UL);
	KUNIT_ASSERT_NOT_NULL(test, kallsyms_lookup(start + size - 2, NULL, &off, NULL, name));
	KUNIT_EXPECT_STREQ(test, name, "msleep");
	KUNIT_EXPECT_EQ(test, off, size - 2);
}

/* Data, RAM and the vector table are in no function. */
static void kallsyms_misses_data(struct kunit *test)
{
	char name[KSYM_NAME_LEN] = "stale";
	unsigned long off = 7;

	KUNIT_EXPECT_NULL(test, kallsyms_lookup((unsigned long)&kallsyms_test_data, NULL, &off,
						NULL, name));
	KUNIT_EXPECT_STREQ(test, name, "");
	KUNIT_EXPECT_EQ(test, off, 7UL);
	KUNIT_EXPECT_NULL(test, kallsyms_lookup(0x20000000UL, NULL, NULL, NULL, name));
	KUNIT_EXPECT_NULL(test, kallsyms_lookup(0, NULL, NULL, NULL, name));
	KUNIT_EXPECT_NULL(test, kallsyms_lookup((unsigned long)"a string in flash", NULL, NULL,
						NULL, name));
	KUNIT_EXPECT_EQ(test, lookup_symbol_name(0x20000000UL, name), -ERANGE);
	KUNIT_EXPECT_EQ(test, sprint_symbol(name, 0x20000010UL), 10);
	KUNIT_EXPECT_STREQ(test, name, "0x20000010");
}

static void kallsyms_prints_ps_and_pS(struct kunit *test)
{
	char buf[KSYM_SYMBOL_LEN + 16], want[KSYM_SYMBOL_LEN];
	unsigned long size, off, addr = ((unsigned long)msleep & ~1UL) + 6;

	KUNIT_ASSERT_NOT_NULL(test, kallsyms_lookup(addr, &size, &off, NULL, want));
	snprintf(buf, sizeof buf, "[%ps]", msleep);
	KUNIT_EXPECT_STREQ(test, buf, "[msleep]");
	snprintf(buf, sizeof buf, "[%pS]", (void *)addr);
	snprintf(want, sizeof want, "[msleep+0x6/0x%lx]", size);
	KUNIT_EXPECT_STREQ(test, buf, want);
	KUNIT_EXPECT_EQ(test, sprint_symbol(want, addr), (int)strlen(buf) - 2);
	snprintf(buf, sizeof buf, "%pS", msleep);
	snprintf(want, sizeof want, "msleep+0x0/0x%lx", size);
	KUNIT_EXPECT_STREQ(test, buf, want);
	/* Not in a function: the address. */
	snprintf(buf, sizeof buf, "%ps %pS", &kallsyms_test_data, (void *)0x20000010UL);
	snprintf(want, sizeof want, "0x%lx 0x20000010", (unsigned long)&kallsyms_test_data);
	KUNIT_EXPECT_STREQ(test, buf, want);
	/* Width and '-' apply to the whole text; the rest of the line goes on. */
	snprintf(buf, sizeof buf, "%-10ps|%8ps|%d", msleep, msleep, 42);
	KUNIT_EXPECT_STREQ(test, buf, "msleep    |  msleep|42");
	/* Cut to the buffer, and the length it would have had. */
	KUNIT_EXPECT_EQ(test, snprintf(buf, 4, "%ps", msleep), 6);
	KUNIT_EXPECT_STREQ(test, buf, "msl");
}

/* The conversions the kernel uses, as C prints them (but `#` and 0). */
static void vsprintf_formats_as_c(struct kunit *test)
{
	char buf[96];

	snprintf(buf, sizeof buf, "%d|%5d|%-5d|%05d|%+d|% d|%i", -42, 42, 42, -42, 7, 7, 0);
	KUNIT_EXPECT_STREQ(test, buf, "-42|   42|42   |-0042|+7| 7|0");
	snprintf(buf, sizeof buf, "%u|%x|%X|%08lx|%#x|%#x|%o|%#o", 4000000000u, 0xbeefu, 0xbeefu,
		 0x1234UL, 0x1fu, 0u, 8u, 8u);
	KUNIT_EXPECT_STREQ(test, buf, "4000000000|beef|BEEF|00001234|0x1f|0x0|10|010");
	snprintf(buf, sizeof buf, "%llu|%lld|%016llx|%zu|%ld|%hhu|%hd", 18446744073709551615ULL,
		 -9000000000LL, 0xabcULL, (size_t)12, -5L, 257u, 65535 + 2);
	KUNIT_EXPECT_STREQ(test, buf, "18446744073709551615|-9000000000|0000000000000abc|12|-5|1|1");
	snprintf(buf, sizeof buf, "%s|%.3s|%-6s|%6s|%*s|%-*s|%.*s|%c%c%%", "abc", "abcdef", "ab",
		 "ab", 4, "x", 3, "y", 2, "xyz", 'o', 'k');
	KUNIT_EXPECT_STREQ(test, buf, "abc|abc|ab    |    ab|   x|y  |xy|ok%");
	snprintf(buf, sizeof buf, "%.3d|%.0d|%3c|%-3c|%p", 5, 0, 'a', 'b', (void *)0x2000a1c4);
	KUNIT_EXPECT_STREQ(test, buf, "005||  a|b  |0x2000a1c4");
	KUNIT_EXPECT_EQ(test, snprintf(NULL, 0, "%d%s", 123, "four"), 7);
	KUNIT_EXPECT_EQ(test, sprintf(buf, "%s", "whole"), 5);
}

static struct kunit_case kallsyms_cases[] = {
	KUNIT_CASE(kallsyms_finds_a_function),
	KUNIT_CASE(kallsyms_finds_an_offset),
	KUNIT_CASE(kallsyms_misses_data),
	KUNIT_CASE(kallsyms_prints_ps_and_pS),
	KUNIT_CASE(vsprintf_formats_as_c),
	{ 0 },
};

static struct kunit_suite kallsyms_suite = {
	.name = "kallsyms",
	.test_cases = kallsyms_cases,
};
kunit_test_suite(kallsyms_suite);
