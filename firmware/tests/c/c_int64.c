/*
 * 64-bit integer arithmetic. On ARMv7-M add and subtract become ADDS/ADC and
 * SUBS/SBC pairs, multiply becomes UMULL plus MLAs, shifts become
 * three-instruction sequences with conditional execution (IT blocks) or
 * calls to __aeabi_llsl/llsr/lasr, and division and modulo go through
 * libgcc's __aeabi_ldivmod/__aeabi_uldivmod, which lean on CLZ, UDIV and
 * long shifts.
 *
 * Results are checked against references built from 32-bit halves only
 * (schoolbook add with carry, 16-bit partial products, bit-serial division)
 * and against known constants.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static unsigned n_checks, n_fails, g_checks;
static uint32_t g_hash = 2166136261u;

static void mix(uint32_t v)
{
	for (int i = 0; i < 4; i++) {
		g_hash ^= (v >> (8 * i)) & 0xff;
		g_hash *= 16777619u;
	}
}

static void check(const char *what, uint64_t got, uint64_t want)
{
	mix((uint32_t)got);
	mix((uint32_t)(got >> 32));
	n_checks++;
	g_checks++;
	if (got != want) {
		n_fails++;
		printf("FAIL %s: got 0x%016" PRIx64 ", want 0x%016" PRIx64 "\n", what, got, want);
	}
}

static void group(const char *name)
{
	printf("%-12s %4u checks, hash %08lx\n", name, g_checks, (unsigned long)g_hash);
	g_checks = 0;
	g_hash = 2166136261u;
}

static inline uint64_t hide(uint64_t x)
{
	__asm__ volatile("" : "+r"(x));
	return x;
}

/* A 64-bit value as two 32-bit halves: the reference arithmetic. */
struct u64 {
	uint32_t lo, hi;
};

static struct u64 split(uint64_t x)
{
	struct u64 r = { (uint32_t)x, (uint32_t)(x >> 32) };
	return r;
}

static uint64_t join(struct u64 x)
{
	return (uint64_t)x.hi << 32 | x.lo;
}

static struct u64 ref_add(struct u64 a, struct u64 b)
{
	struct u64 r;
	r.lo = a.lo + b.lo;
	r.hi = a.hi + b.hi + (r.lo < a.lo);
	return r;
}

static struct u64 ref_neg(struct u64 a)
{
	struct u64 one = { 1, 0 }, inv = { ~a.lo, ~a.hi };
	return ref_add(inv, one);
}

static uint32_t mul16(uint32_t a, uint32_t b, uint32_t *hi)
{
	uint32_t al = a & 0xffff, ah = a >> 16, bl = b & 0xffff, bh = b >> 16;
	uint32_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint32_t mid = (ll >> 16) + (lh & 0xffff) + (hl & 0xffff);
	*hi = hh + (lh >> 16) + (hl >> 16) + (mid >> 16);
	return (ll & 0xffff) | mid << 16;
}

/* Low 64 bits of the product. */
static struct u64 ref_mul(struct u64 a, struct u64 b)
{
	struct u64 r;
	uint32_t hi, unused;
	r.lo = mul16(a.lo, b.lo, &hi);
	r.hi = hi + mul16(a.lo, b.hi, &unused) + mul16(a.hi, b.lo, &unused);
	return r;
}

static struct u64 ref_shl(struct u64 a, unsigned n)
{
	while (n--) {
		a.hi = a.hi << 1 | a.lo >> 31;
		a.lo <<= 1;
	}
	return a;
}

static struct u64 ref_lsr(struct u64 a, unsigned n)
{
	while (n--) {
		a.lo = a.lo >> 1 | a.hi << 31;
		a.hi >>= 1;
	}
	return a;
}

static struct u64 ref_asr(struct u64 a, unsigned n)
{
	while (n--) {
		a.lo = a.lo >> 1 | a.hi << 31;
		a.hi = a.hi >> 1 | (a.hi & 0x80000000);
	}
	return a;
}

static int ref_ge(struct u64 a, struct u64 b)
{
	return a.hi != b.hi ? a.hi > b.hi : a.lo >= b.lo;
}

/* Bit-serial unsigned division on halves. */
static struct u64 ref_udiv(struct u64 n, struct u64 d, struct u64 *rem)
{
	struct u64 q = { 0, 0 }, r = { 0, 0 };

	for (int i = 63; i >= 0; i--) {
		uint32_t top = r.hi >> 31;
		uint32_t bit = i >= 32 ? n.hi >> (i - 32) & 1 : n.lo >> i & 1;
		r = ref_shl(r, 1);
		r.lo |= bit;
		if (top || ref_ge(r, d)) {
			r = ref_add(r, ref_neg(d));
			if (i >= 32)
				q.hi |= 1u << (i - 32);
			else
				q.lo |= 1u << i;
		}
	}
	*rem = r;
	return q;
}

static struct u64 ref_sdiv(struct u64 n, struct u64 d, struct u64 *rem)
{
	int nn = n.hi >> 31, dn = d.hi >> 31;
	struct u64 q = ref_udiv(nn ? ref_neg(n) : n, dn ? ref_neg(d) : d, rem);
	if (nn)
		*rem = ref_neg(*rem);
	return nn != dn ? ref_neg(q) : q;
}

static const uint64_t vals[] = {
	0, 1, 2, 3, 7, 10, 0xffffffffu, 0x100000000ull, 0x100000001ull,
	0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
	0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x00000000deadbeefull,
	0xdeadbeef00000000ull, 1000000007ull, 0xfffffffffffffff9ull, /* -7 */
	0x0000000100000000ull * 12345 + 678, 0x8000000000000001ull,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static void test_addsub_mul(void)
{
	for (unsigned i = 0; i < NVALS; i++) {
		for (unsigned j = 0; j < NVALS; j++) {
			uint64_t a = hide(vals[i]), b = hide(vals[j]);
			struct u64 sa = split(a), sb = split(b);
			check("add", a + b, join(ref_add(sa, sb)));
			check("sub", a - b, join(ref_add(sa, ref_neg(sb))));
			check("mul", a * b, join(ref_mul(sa, sb)));
			check("smul", (uint64_t)((int64_t)a * (int64_t)b), join(ref_mul(sa, sb)));
			check("and/or/xor", (a & b) ^ ((a | b) << 1),
			      join((struct u64){ (sa.lo & sb.lo) ^ ((sa.lo | sb.lo) << 1),
						 (sa.hi & sb.hi) ^ ((sa.hi | sb.hi) << 1 |
								    (sa.lo | sb.lo) >> 31) }));
			check("ult", a < b, !ref_ge(sa, sb));
			check("slt", (int64_t)a < (int64_t)b,
			      !ref_ge((struct u64){ sa.lo, sa.hi ^ 0x80000000 },
				      (struct u64){ sb.lo, sb.hi ^ 0x80000000 }));
			check("eq", a == b, sa.lo == sb.lo && sa.hi == sb.hi);
		}
		/* 32x32->64 widening multiplies (UMULL/SMULL/UMLAL/SMLAL). */
		uint32_t x = (uint32_t)hide(vals[i]), y = (uint32_t)(hide(vals[i]) >> 29);
		uint32_t hi, lo = mul16(x, y, &hi);
		check("umull", (uint64_t)x * y, (uint64_t)hi << 32 | lo);
		check("umlal", (uint64_t)x * y + vals[i], join(ref_add((struct u64){ lo, hi },
								    split(vals[i]))));
		check("smull", (uint64_t)((int64_t)(int32_t)x * (int32_t)y),
		      (uint64_t)(hi - ((int32_t)x < 0 ? y : 0) - ((int32_t)y < 0 ? x : 0)) << 32 | lo);
	}
	group("add/sub/mul");
}

static void test_shifts(void)
{
	char what[32];

	for (unsigned i = 0; i < NVALS; i += 2) {
		for (unsigned s = 0; s < 64; s++) {
			uint64_t a = hide(vals[i]);
			unsigned n = (unsigned)hide(s);
			snprintf(what, sizeof(what), "shift %u by %u", i, s);
			check(what, a << n, join(ref_shl(split(a), s)));
			check(what, a >> n, join(ref_lsr(split(a), s)));
			check(what, (uint64_t)((int64_t)a >> n), join(ref_asr(split(a), s)));
		}
		uint64_t a = hide(vals[i]);
		check("<<1", a << 1, join(ref_shl(split(a), 1)));
		check("<<32", a << 32, join(ref_shl(split(a), 32)));
		check("<<40", a << 40, join(ref_shl(split(a), 40)));
		check(">>31", a >> 31, join(ref_lsr(split(a), 31)));
		check(">>33", a >> 33, join(ref_lsr(split(a), 33)));
		check("asr 63", (uint64_t)((int64_t)a >> 63), join(ref_asr(split(a), 63)));
		check("asr 32", (uint64_t)((int64_t)a >> 32), join(ref_asr(split(a), 32)));
	}
	group("shifts");
}

static void test_division(void)
{
	char what[32];

	for (unsigned i = 0; i < NVALS; i++) {
		for (unsigned j = 0; j < NVALS; j++) {
			uint64_t a = hide(vals[i]), b = hide(vals[j]);
			struct u64 r, q;
			if (b == 0)
				continue;
			snprintf(what, sizeof(what), "div %u/%u", i, j);
			q = ref_udiv(split(a), split(b), &r);
			check(what, a / b, join(q));
			check(what, a % b, join(r));
			if (a == 0x8000000000000000ull && b == ~0ull)
				continue;	/* INT64_MIN / -1 is undefined */
			q = ref_sdiv(split(a), split(b), &r);
			check(what, (uint64_t)((int64_t)a / (int64_t)b), join(q));
			check(what, (uint64_t)((int64_t)a % (int64_t)b), join(r));
		}
		/* Constant divisors: gcc may still call the helpers, or not. */
		uint64_t a = hide(vals[i]);
		struct u64 r, q;
		q = ref_udiv(split(a), split(10), &r);
		check("u/10", a / 10, join(q));
		check("u%10", a % 10, join(r));
		q = ref_sdiv(split(a), split(-1000), &r);
		check("s/-1000", (uint64_t)((int64_t)a / -1000), join(q));
		check("s%-1000", (uint64_t)((int64_t)a % -1000), join(r));
		check("u/2^20", a / (1u << 20), join(ref_lsr(split(a), 20)));
	}
	group("division");
}

static void test_known(void)
{
	/* Constants worked out by hand or with a bignum calculator. */
	uint64_t f = 1;
	for (unsigned i = hide(1); i <= 20; i++)
		f *= i;
	check("20!", f, 2432902008176640000ull);
	check("20!/19!", f / 121645100408832000ull, 20);
	check("2^64-1 / 3", hide(~0ull) / 3, 0x5555555555555555ull);
	check("2^64-1 % 1e9+7", hide(~0ull) % 1000000007, 582344007);
	check("-2^63 / 7", (uint64_t)((int64_t)hide(0x8000000000000000ull) / 7),
	      (uint64_t)-1317624576693539401ll);
	check("-2^63 % 7", (uint64_t)((int64_t)hide(0x8000000000000000ull) % 7), (uint64_t)-1ll);
	uint64_t a = 0, b = 1;
	for (unsigned i = hide(0); i < 92; i++) {
		uint64_t t = a + b;
		a = b;
		b = t;
	}
	check("fib(92)", a, 7540113804746346429ull);
	group("known");
}

int main(void)
{
	test_addsub_mul();
	test_shifts();
	test_division();
	test_known();

	if (n_fails) {
		printf("c_int64: %u of %u checks FAILED\n", n_fails, n_checks);
		return 1;
	}
	printf("c_int64: all %u checks passed\n", n_checks);
	return 0;
}
