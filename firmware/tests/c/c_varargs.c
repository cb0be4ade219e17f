/*
 * Variadic functions under the AAPCS: the first four words in r0-r3, the
 * rest on the stack; 64-bit integers and doubles (soft-float: in core
 * registers) take an even register pair or an 8-byte-aligned stack slot,
 * so padding appears depending on what came before; char and short are
 * promoted to int and float to double. Also va_copy, va_list passed down
 * to another function (including vsnprintf) and structures passed by value
 * through the variable part.
 *
 * Every value is chosen to be exact in binary floating point, so the
 * expected sums are plain constants.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static unsigned n_checks, n_fails;

static void check(const char *what, uint32_t got, uint32_t want)
{
	n_checks++;
	printf("%-24s %08lx\n", what, (unsigned long)got);
	if (got != want) {
		n_fails++;
		printf("FAIL %s: got 0x%08lx, want 0x%08lx\n", what,
		       (unsigned long)got, (unsigned long)want);
	}
}

static void check64(const char *what, uint64_t got, uint64_t want)
{
	n_checks++;
	printf("%-24s %08lx%08lx\n", what, (unsigned long)(got >> 32), (unsigned long)got);
	if (got != want) {
		n_fails++;
		printf("FAIL %s: got 0x%08lx%08lx, want 0x%08lx%08lx\n", what,
		       (unsigned long)(got >> 32), (unsigned long)got,
		       (unsigned long)(want >> 32), (unsigned long)want);
	}
}

static int32_t sum_ints(int n, ...)
{
	va_list ap;
	int32_t s = 0;

	va_start(ap, n);
	while (n--)
		s = s * 3 + va_arg(ap, int32_t);	/* order-sensitive */
	va_end(ap);
	return s;
}

struct three {
	int32_t a, b, c;
};

struct wide {
	uint8_t tag;
	uint64_t v;	/* forces 8-byte alignment of the whole struct */
};

/*
 * A format-driven reader: i int, u unsigned (from char/short promotion),
 * L int64, d double (from double or float), p pointer, s struct three,
 * w struct wide. Returns a position-weighted hash of everything read.
 */
static uint64_t vread(const char *fmt, va_list ap)
{
	uint64_t h = 0;

	for (; *fmt; fmt++) {
		uint64_t v = 0;
		switch (*fmt) {
		case 'i': v = (uint64_t)(int64_t)va_arg(ap, int); break;
		case 'u': v = va_arg(ap, unsigned); break;
		case 'L': v = (uint64_t)va_arg(ap, int64_t); break;
		case 'd': v = (uint64_t)(int64_t)(va_arg(ap, double) * 4); break;
		case 'p': v = (uint64_t)strlen(va_arg(ap, const char *)); break;
		case 's': {
			struct three t = va_arg(ap, struct three);
			v = (uint64_t)(int64_t)(t.a + 10 * t.b + 100 * t.c);
			break;
		}
		case 'w': {
			struct wide w = va_arg(ap, struct wide);
			v = w.v + w.tag;
			break;
		}
		}
		h = h * 1000003 + v;
	}
	return h;
}

static uint64_t read_args(const char *fmt, ...)
{
	va_list ap;
	uint64_t h;

	va_start(ap, fmt);
	h = vread(fmt, ap);
	va_end(ap);
	return h;
}

/* The same reader run twice on one argument list through va_copy. */
static uint64_t read_twice(const char *fmt, ...)
{
	va_list ap, again;
	uint64_t h1, h2;

	va_start(ap, fmt);
	va_copy(again, ap);
	h1 = vread(fmt, ap);
	h2 = vread(fmt, again);
	va_end(again);
	va_end(ap);
	return h1 == h2 ? h1 : 0;
}

/* Reference for read_args(): the same hash over values given in an array. */
static uint64_t hash_of(const uint64_t *v, unsigned n)
{
	uint64_t h = 0;
	for (unsigned i = 0; i < n; i++)
		h = h * 1000003 + v[i];
	return h;
}

static int fmt(char *buf, size_t n, const char *f, ...)
{
	va_list ap;
	int r;

	va_start(ap, f);
	r = vsnprintf(buf, n, f, ap);
	va_end(ap);
	return r;
}

int main(void)
{
	volatile int32_t v = 5;

	check("sum 0", (uint32_t)sum_ints(0), 0);
	check("sum 3", (uint32_t)sum_ints(3, 1, 2, 3), 18);
	/* Ten arguments: six go on the stack. */
	check("sum 10", (uint32_t)sum_ints(10, 1, -2, 3, -4, 5, -6, 7, -8, 9, v),
	      (uint32_t)(((((((((1 * 3 - 2) * 3 + 3) * 3 - 4) * 3 + 5) * 3 - 6) * 3 + 7) *
			    3 - 8) * 3 + 9) * 3 + 5));

	char c = (char)-3;
	signed char sc = -100;
	unsigned char uc = 200;
	short sh = -30000;
	unsigned short us = 60000;
	float fl = 2.25f;

	/* An int then an int64: the int64 skips r1 and takes r2:r3. */
	uint64_t want1[] = { 7, 0x123456789abcdefull };
	check64("i L", read_args("iL", 7, (int64_t)0x123456789abcdefll), hash_of(want1, 2));
	/* Three ints then a double: the double goes to the stack, 8-aligned. */
	uint64_t want2[] = { 1, 2, 3, (uint64_t)-10 };
	check64("i i i d", read_args("iiid", 1, 2, 3, -2.5), hash_of(want2, 4));
	/* Promotions of char, short and float. */
	/* Plain char is unsigned under the AAPCS: (char)-3 is 253. */
	uint64_t want3[] = { (uint64_t)-100, 200, (uint64_t)-30000, 60000, 9, 253 };
	check64("promotions", read_args("iuiudi", sc, uc, sh, us, fl, (int)c), hash_of(want3, 6));
	/* Many mixed arguments so that padding occurs on the stack too. */
	uint64_t want4[] = { 1, 0xfffffffffffffff0ull, 2, 6, 3, 0x8000000000000001ull, 12, 4,
		(uint64_t)-1 };
	check64("mixed", read_args("iLidiLpid", 1, (int64_t)-16, 2, 1.5, 3,
			      (int64_t)0x8000000000000001ll, "hello world!", 4, -0.25),
		hash_of(want4, 9));
	/* Structures by value. */
	struct three t = { 1, -2, 3 };
	struct wide w = { 9, 0xfedcba9876543210ull };
	uint64_t want5[] = { 5, 281, 0xfedcba9876543219ull, 7 };
	check64("structs", read_args("iswi", 5, t, w, 7), hash_of(want5, 4));
	check64("va_copy", read_twice("iLdsw", 1, (int64_t)2, 0.75, t, w),
		hash_of((const uint64_t[]){ 1, 2, 3, 281, 0xfedcba9876543219ull }, 5));

	char buf[96];
	int n = fmt(buf, sizeof(buf), "%d|%lld|%s|%c|%x|%.3f|%hd|%hhu|%lu", -42,
		    (long long)-1234567890123ll, "str", 'Z', 0xbeefu, 3.125, (short)-7,
		    (unsigned char)255, 4000000000ul);
	check("vsnprintf len", (uint32_t)n, 53);
	check("vsnprintf text",
	      (uint32_t)strcmp(buf, "-42|-1234567890123|str|Z|beef|3.125|-7|255|4000000000"), 0);
	printf("%s\n", buf);

	if (n_fails) {
		printf("c_varargs: %u of %u checks FAILED\n", n_fails, n_checks);
		return 1;
	}
	printf("c_varargs: all %u checks passed\n", n_checks);
	return 0;
}
