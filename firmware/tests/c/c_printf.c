/*
 * Formatted I/O and number parsing in picolibc: every integer conversion of
 * printf with every length modifier, flag, field width and precision
 * (including '*'), snprintf truncation (picolibc's printf leaves %n out,
 * so only sscanf's %n is tested); strtol/strtoul/strtoll/strtoull
 * with bases 0, 2..36, signs, leading space, end pointers and overflow
 * (ERANGE); sscanf with widths, scan sets, %n and its return count.
 *
 * This is integer code heavy in division by ten, table lookups and byte
 * stores; the expected strings are those the C standard prescribes.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned n_checks, n_fails;

static void check(const char *what, uint32_t got, uint32_t want)
{
	n_checks++;
	if (got != want) {
		n_fails++;
		printf("FAIL %s: got 0x%08lx, want 0x%08lx\n", what,
		       (unsigned long)got, (unsigned long)want);
	}
}

static void check_str(const char *what, const char *got, const char *want)
{
	n_checks++;
	printf("%-10s [%s]\n", what, got);
	if (strcmp(got, want) != 0) {
		n_fails++;
		printf("FAIL %s: want [%s]\n", what, want);
	}
}

#define FMT(want, ...)							\
	do {								\
		char b_[128];						\
		int n_ = snprintf(b_, sizeof(b_), __VA_ARGS__);	\
		check_str(#__VA_ARGS__, b_, want);			\
		check("length", (uint32_t)n_, (uint32_t)strlen(want));	\
	} while (0)

static void test_printf(void)
{
	volatile int neg = -12345, pos = 6789, zero = 0, one = 1;
	volatile int64_t big = -9223372036854775807ll - 1;
	volatile uint64_t ubig = 18446744073709551615ull;

	FMT("-12345|6789|+6789| 6789", "%d|%i|%+d|% d", neg, pos, pos, pos);
	FMT("4294954951|37007|0x1a85|0X1A85", "%u|%o|%#x|%#X", (unsigned)neg, 037007u, 0x1a85u, 0x1a85u);
	FMT("ffffcfc7|FFFFCFC7|037777747707", "%x|%X|%#o", (unsigned)neg, (unsigned)neg, (unsigned)neg);
	FMT("[   -12345][-12345   ][-000012345]", "[%9d][%-9d][%010d]", neg, neg, neg);
	FMT("[  006789][006789][+06789]", "[%8.6d][%.6d][%+06d]", pos, pos, pos);
	FMT("[     6789][6789     ][   1a85]", "[%*d][%-*d][%*x]", 9, pos, 9, pos, 7, 0x1a85u);
	FMT("[  0001a85][0001a85  ]", "[%*.*x][%-*.*x]", 9, 7, 0x1a85u, 9, 7, 0x1a85u);
	FMT("[][][ ]", "[%.0d][%.0d][% .0d]", zero, one - one, zero);
	FMT("-128|127|255|-32768|65535", "%hhd|%hhd|%hhu|%hd|%hu", (signed char)-128, (signed char)127,
	    (unsigned char)255, (short)-32768, (unsigned short)65535);
	FMT("-9223372036854775808|18446744073709551615", "%lld|%llu", (long long)big,
	    (unsigned long long)ubig);
	FMT("8000000000000000|1777777777777777777777", "%llx|%llo", (unsigned long long)big,
	    (unsigned long long)ubig);
	FMT("-2147483648|2147483647|4294967295", "%ld|%ld|%lu", (long)INT32_MIN, (long)INT32_MAX,
	    (unsigned long)UINT32_MAX);
	FMT("123|-45|678|-9", "%jd|%td|%zu|%" PRId8, (intmax_t)123, (ptrdiff_t)-45, (size_t)678,
	    (int8_t)-9);
	FMT("18446744073709551615|-1", "%" PRIu64 "|%" PRIi64, (uint64_t)ubig, (int64_t)-1);
	FMT("[A][  z][q  ][%]", "[%c][%3c][%-3c][%%]", 'A', 'z', 'q');
	FMT("[hello][  hel][hel  ][hello world]", "[%s][%5.3s][%-5.3s][%s]", "hello", "hello",
	    "hello", "hello world");
	FMT("[(null)]", "[%s]", (const char *)"(null)");
	FMT("0x1234|0", "%#x|%#x", 0x1234u, 0u);
	FMT("0|0", "%#o|%o", 0u, 0u);

	char buf[64];

	/* Truncation: the return value is the length that would have been
	 * written. The sizes are hidden so that gcc does not warn. */
	volatile size_t eight = 8, one_byte = 1;
	memset(buf, 'X', sizeof(buf));
	int n = snprintf(buf, eight, "%d-%s", 1234567, "abcdef");
	check_str("truncated", buf, "1234567");
	check("truncated len", (uint32_t)n, 14);
	check("past end", (uint32_t)buf[8], 'X');
	check("size 0", (uint32_t)snprintf(NULL, 0, "%lld", (long long)big), 20);
	buf[0] = 'Y';
	check("size 0 no write", (uint32_t)snprintf(buf, 0, "zzz"), 3);
	check("size 0 kept", (uint32_t)buf[0], 'Y');
	n = snprintf(buf, one_byte, "abc");
	check("size 1", (uint32_t)n, 3);
	check("size 1 nul", (uint32_t)buf[0], 0);
}

static void test_strtol(void)
{
	static const struct {
		const char *s;
		int base;
		long want;
		unsigned end;	/* characters consumed */
		int range;
	} cases[] = {
		{ "0", 10, 0, 1, 0 },
		{ "  -42xyz", 10, -42, 5, 0 },
		{ "+17", 10, 17, 3, 0 },
		{ "0x1F", 0, 31, 4, 0 },
		{ "0x1F", 16, 31, 4, 0 },
		{ "0X", 16, 0, 1, 0 },		/* "0" then an invalid 'X' */
		{ "017", 0, 15, 3, 0 },
		{ "019", 0, 1, 2, 0 },
		{ "101101", 2, 45, 6, 0 },
		{ "777", 8, 511, 3, 0 },
		{ "zz", 36, 1295, 2, 0 },
		{ "Zz", 36, 1295, 2, 0 },
		{ "-z", 36, -35, 2, 0 },
		{ "12a", 10, 12, 2, 0 },
		{ "", 10, 0, 0, 0 },
		{ "   ", 10, 0, 0, 0 },
		{ "-", 10, 0, 0, 0 },
		{ "2147483647", 10, 2147483647, 10, 0 },
		{ "-2147483648", 10, LONG_MIN, 11, 0 },
		{ "2147483648", 10, LONG_MAX, 10, 1 },
		{ "-2147483649", 10, LONG_MIN, 11, 1 },
		{ "99999999999999999999", 10, LONG_MAX, 20, 1 },
		{ "7fffffff", 16, 2147483647, 8, 0 },
		{ "80000000", 16, LONG_MAX, 8, 1 },
	};
	char what[48];

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *end;
		errno = 0;
		long v = strtol(cases[i].s, &end, cases[i].base);
		snprintf(what, sizeof(what), "strtol(\"%s\", %d)", cases[i].s, cases[i].base);
		printf("%-32s %ld\n", what, v);
		check(what, (uint32_t)v, (uint32_t)cases[i].want);
		check("end", (uint32_t)(end - cases[i].s), cases[i].end);
		check("errno", errno == ERANGE, (uint32_t)cases[i].range);
	}

	char *end;
	errno = 0;
	check("strtoul max", (uint32_t)strtoul("4294967295", &end, 10), 0xffffffff);
	check("strtoul max errno", (uint32_t)errno, 0);
	check("strtoul over", (uint32_t)strtoul("4294967296", &end, 10), 0xffffffff);
	check("strtoul over errno", errno == ERANGE, 1);
	errno = 0;
	check("strtoul -1", (uint32_t)strtoul("-1", &end, 10), 0xffffffff);	/* negated */
	check("strtoul -1 errno", (uint32_t)errno, 0);
	check("strtoul hex", (uint32_t)strtoul("0xdeadBEEF", NULL, 0), 0xdeadbeef);
	errno = 0;
	long long ll = strtoll("-9223372036854775808", &end, 10);
	check("strtoll min lo", (uint32_t)ll, 0);
	check("strtoll min hi", (uint32_t)((unsigned long long)ll >> 32), 0x80000000);
	check("strtoll errno", (uint32_t)errno, 0);
	ll = strtoll("9223372036854775808", &end, 10);
	check("strtoll over", (uint32_t)((unsigned long long)ll >> 32), 0x7fffffff);
	check("strtoll over errno", errno == ERANGE, 1);
	errno = 0;
	unsigned long long ull = strtoull("1777777777777777777777", &end, 8);
	check("strtoull oct", (uint32_t)(ull >> 32) & (uint32_t)ull, 0xffffffff);
	check("strtoull errno", (uint32_t)errno, 0);
	ull = strtoull("zzzzzzzzzzzzz", &end, 36);
	check("strtoull over", (uint32_t)(ull >> 32) & (uint32_t)ull, 0xffffffff);
	check("strtoull over errno", errno == ERANGE, 1);
	check("atoi", (uint32_t)atoi("  -0042abc"), (uint32_t)-42);
	check("atol", (uint32_t)atol("123456789"), 123456789);
}

static void test_sscanf(void)
{
	int a = 0, b = 0, c = 0, n = 0;
	unsigned u = 0, x = 0, o = 0;
	long long ll = 0;
	char s[16] = "", t[16] = "", ch = 0;

	int r = sscanf("  12 -34 0x1f", "%d %d %i", &a, &b, &c);
	check("sscanf count", (uint32_t)r, 3);
	check("sscanf a", (uint32_t)a, 12);
	check("sscanf b", (uint32_t)b, (uint32_t)-34);
	check("sscanf c", (uint32_t)c, 31);
	r = sscanf("ff 777 4294967295", "%x %o %u", &x, &o, &u);
	check("sscanf xou", (uint32_t)r, 3);
	check("sscanf x", x, 255);
	check("sscanf o", o, 511);
	check("sscanf u", u, 0xffffffff);
	r = sscanf("12345678", "%3d%2d%n", &a, &b, &n);
	check("sscanf widths", (uint32_t)r, 2);
	check("sscanf w a", (uint32_t)a, 123);
	check("sscanf w b", (uint32_t)b, 45);
	check("sscanf %n", (uint32_t)n, 5);
	r = sscanf("key=value;rest", "%15[^=]=%15[^;];%c", s, t, &ch);
	check("sscanf set", (uint32_t)r, 3);
	check_str("scan key", s, "key");
	check_str("scan value", t, "value");
	check("scan char", (uint32_t)ch, 'r');
	r = sscanf("-9223372036854775807", "%lld", &ll);
	check("sscanf ll", (uint32_t)r, 1);
	check("sscanf ll hi", (uint32_t)((unsigned long long)ll >> 32), 0x80000000);
	check("sscanf ll lo", (uint32_t)ll, 1);
	r = sscanf("abc", "%d", &a);
	check("sscanf no match", (uint32_t)r, 0);
	r = sscanf("", "%d", &a);
	check("sscanf eof", (uint32_t)r, (uint32_t)EOF);
	r = sscanf("10 20", "%d %*d %d", &a, &b);
	check("sscanf suppress", (uint32_t)r, 1);
	r = sscanf("  word  ", "%15s", s);
	check_str("scan word", s, "word");
}

int main(void)
{
	test_printf();
	test_strtol();
	test_sscanf();

	if (n_fails) {
		printf("c_printf: %u of %u checks FAILED\n", n_fails, n_checks);
		return 1;
	}
	printf("c_printf: all %u checks passed\n", n_checks);
	return 0;
}
