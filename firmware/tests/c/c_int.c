/*
 * Integer arithmetic as gcc emits it for ARMv7-M: every width, signed and
 * unsigned division and modulo (SDIV/UDIV, and the multiply-by-reciprocal
 * sequences gcc uses for constant divisors), shifts by immediate and by
 * register (including amounts of 32 and more, which only the register form
 * can express), wrap-around, extension and the bit-manipulation instructions
 * (CLZ, RBIT, REV, REV16, REVSH, UBFX, SBFX, BFI, BFC, UMULL, SMULL, MLA,
 * MLS).
 *
 * Every result is compared with a value derived another way (a shift-and-
 * subtract divider, bit loops, 16-bit partial products) or a known constant.
 * Results are also folded into a hash per group, so that the transcript
 * compared with QEMU covers every value, not only the checked property.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"

static inline int32_t hides(int32_t x)
{
	__asm__ volatile("" : "+r"(x));
	return x;
}

/* Reference divider: restoring shift-and-subtract, no divide instruction. */
static uint32_t ref_udiv(uint32_t n, uint32_t d, uint32_t *rem)
{
	uint64_t r = 0;
	uint32_t q = 0;

	for (int i = 31; i >= 0; i--) {
		r = (r << 1) | ((n >> i) & 1);
		if (r >= d) {
			r -= d;
			q |= 1u << i;
		}
	}
	*rem = (uint32_t)r;
	return q;
}

/* C division truncates toward zero; the remainder takes the dividend's sign. */
static int32_t ref_sdiv(int32_t n, int32_t d, int32_t *rem)
{
	uint32_t un = n < 0 ? 0u - (uint32_t)n : (uint32_t)n;
	uint32_t ud = d < 0 ? 0u - (uint32_t)d : (uint32_t)d;
	uint32_t ur, uq = ref_udiv(un, ud, &ur);

	*rem = (int32_t)(n < 0 ? 0u - ur : ur);
	return (int32_t)((n < 0) != (d < 0) ? 0u - uq : uq);
}

static const int32_t sdiv_n[] = { 0, 1, -1, 7, -7, 100, -100, 13, -13,
	INT32_MAX, INT32_MIN, 0x12345678, -0x12345678, 65536, -65535 };
static const int32_t sdiv_d[] = { 1, -1, 2, -2, 3, -3, 7, -7, 10, -10,
	0x10000, INT32_MAX, INT32_MIN, 1000000007 };

static void test_division(void)
{
	char what[48];

	for (unsigned i = 0; i < sizeof(sdiv_n) / sizeof(sdiv_n[0]); i++) {
		for (unsigned j = 0; j < sizeof(sdiv_d) / sizeof(sdiv_d[0]); j++) {
			int32_t n = hides(sdiv_n[i]), d = hides(sdiv_d[j]), rr;
			if (n == INT32_MIN && d == -1)
				continue;	/* undefined in C; the asm test covers it */
			int32_t rq = ref_sdiv(n, d, &rr);
			snprintf(what, sizeof(what), "%ld / %ld", (long)n, (long)d);
			check(what, (uint32_t)(n / d), (uint32_t)rq);
			check(what, (uint32_t)(n % d), (uint32_t)rr);

			uint32_t un = (uint32_t)n, ud = (uint32_t)d, ur;
			uint32_t uq = ref_udiv(un, ud, &ur);
			check(what, un / ud, uq);
			check(what, un % ud, ur);
		}
	}
	group("division");
}

/* Constant divisors: gcc turns these into UMULL/SMULL and shifts. */
#define CDIV(d)								\
	do {								\
		int32_t q_, r_;						\
		uint32_t uq_, ur_;					\
		q_ = ref_sdiv(s, (d), &r_);				\
		check("s/" #d, (uint32_t)(s / (d)), (uint32_t)q_);	\
		check("s%" #d, (uint32_t)(s % (d)), (uint32_t)r_);	\
		if ((d) > 0) {						\
			uq_ = ref_udiv(u, (uint32_t)(d), &ur_);		\
			check("u/" #d, u / (uint32_t)(d), uq_);		\
			check("u%" #d, u % (uint32_t)(d), ur_);		\
		}							\
	} while (0)

static void test_const_division(void)
{
	static const uint32_t vals[] = { 0, 1, 9, 10, 99, 12345, 0x7fffffff,
		0x80000000, 0x80000001, 0xfffffff6, 0xffffffff, 0xdeadbeef };

	for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		uint32_t u = hide(vals[i]);
		int32_t s = (int32_t)u;
		CDIV(2);
		CDIV(3);
		CDIV(5);
		CDIV(7);
		CDIV(10);
		CDIV(16);
		CDIV(100);
		CDIV(641);
		CDIV(1000000);
		CDIV(-3);
		CDIV(-8);
		CDIV(-10);
	}
	group("const-div");
}

/* SDIV/UDIV corner cases that C cannot express: divide by zero gives 0
 * (CCR.DIV_0_TRP is clear after reset) and INT_MIN / -1 gives INT_MIN. */
static void test_div_insn(void)
{
	uint32_t r;

	__asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(hide(0x80000000)), "r"(hide(0xffffffff)));
	check("sdiv min/-1", r, 0x80000000);
	__asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(hide(12345)), "r"(hide(0)));
	check("sdiv x/0", r, 0);
	__asm__ volatile("udiv %0, %1, %2" : "=r"(r) : "r"(hide(0xffffffff)), "r"(hide(0)));
	check("udiv x/0", r, 0);
	__asm__ volatile("udiv %0, %1, %2" : "=r"(r) : "r"(hide(0xffffffff)), "r"(hide(0xffffffff)));
	check("udiv max/max", r, 1);
	group("div-insn");
}

/* Shift references built from doubling and halving. */
static uint32_t ref_shl(uint32_t x, unsigned n)
{
	while (n--)
		x = x + x;
	return x;
}

static uint32_t ref_lsr(uint32_t x, unsigned n)
{
	while (n--)
		x = x / 2;
	return x;
}

static uint32_t ref_asr(uint32_t x, unsigned n)
{
	while (n--)
		x = x / 2 | (x & 0x80000000);
	return x;
}

static uint32_t ref_ror(uint32_t x, unsigned n)
{
	while (n--)
		x = x / 2 | (x & 1) << 31;
	return x;
}

static void test_shifts(void)
{
	static const uint32_t vals[] = { 0x00000001, 0x80000000, 0xdeadbeef, 0x7fffffff,
		0x12345678, 0xffffffff };
	char what[40];

	for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		for (unsigned s = 0; s < 32; s++) {
			uint32_t x = hide(vals[i]);
			unsigned n = hide(s);
			snprintf(what, sizeof(what), "%08lx by %u", (unsigned long)x, s);
			check(what, x << n, ref_shl(x, s));
			check(what, x >> n, ref_lsr(x, s));
			check(what, (uint32_t)((int32_t)x >> n), ref_asr(x, s));
			check(what, (x >> n) | (x << ((32 - n) & 31)), ref_ror(x, s));
		}
		/* Immediate shifts. */
		uint32_t x = hide(vals[i]);
		check("lsl #1", x << 1, ref_shl(x, 1));
		check("lsl #31", x << 31, ref_shl(x, 31));
		check("lsr #1", x >> 1, ref_lsr(x, 1));
		check("lsr #31", x >> 31, ref_lsr(x, 31));
		check("asr #1", (uint32_t)((int32_t)x >> 1), ref_asr(x, 1));
		check("asr #31", (uint32_t)((int32_t)x >> 31), ref_asr(x, 31));
		check("ror #8", x >> 8 | x << 24, ref_ror(x, 8));
	}

	/* Register shifts use the bottom byte of the amount: 32..255 shift
	 * everything out, ASR fills with the sign, ROR is modulo 32. */
	static const unsigned amounts[] = { 32, 33, 40, 255, 256, 257 };
	for (unsigned i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
		uint32_t a = hide(amounts[i]), x = hide(0x87654321), r;
		unsigned eff = amounts[i] & 0xff;
		__asm__ volatile("lsl %0, %1, %2" : "=r"(r) : "r"(x), "r"(a));
		check("lsl reg", r, eff >= 32 ? 0 : ref_shl(x, eff));
		__asm__ volatile("lsr %0, %1, %2" : "=r"(r) : "r"(x), "r"(a));
		check("lsr reg", r, eff >= 32 ? 0 : ref_lsr(x, eff));
		__asm__ volatile("asr %0, %1, %2" : "=r"(r) : "r"(x), "r"(a));
		check("asr reg", r, eff >= 32 ? 0xffffffff : ref_asr(x, eff));
		__asm__ volatile("ror %0, %1, %2" : "=r"(r) : "r"(x), "r"(a));
		check("ror reg", r, ref_ror(x, eff & 31));
	}
	group("shifts");
}

static void test_widths(void)
{
	static const uint32_t vals[] = { 0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000,
		0xffff, 0x12345678, 0x89abcdef, 0xffffffff };

	for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		uint32_t x = hide(vals[i]), y = hide(vals[(i + 5) % 12]);
		/* Zero and sign extension (UXTB/SXTB/UXTH/SXTH). */
		check("uint8", (uint8_t)x, x & 0xff);
		check("int8", (uint32_t)(int32_t)(int8_t)x, ((x & 0xff) ^ 0x80) - 0x80);
		check("uint16", (uint16_t)x, x & 0xffff);
		check("int16", (uint32_t)(int32_t)(int16_t)x, ((x & 0xffff) ^ 0x8000) - 0x8000);
		/* Narrow arithmetic wraps at its width. */
		uint8_t a8 = (uint8_t)x, b8 = (uint8_t)y;
		check("u8 add", (uint8_t)(a8 + b8), (x + y) & 0xff);
		check("u8 sub", (uint8_t)(a8 - b8), (x - y) & 0xff);
		check("u8 mul", (uint8_t)(a8 * b8), (x * y) & 0xff);
		uint16_t a16 = (uint16_t)x, b16 = (uint16_t)y;
		check("u16 add", (uint16_t)(a16 + b16), (x + y) & 0xffff);
		check("u16 mul", (uint16_t)(a16 * b16), (x * y) & 0xffff);
		int16_t s16 = (int16_t)x, t16 = (int16_t)(y | 1);
		int32_t rr, rq = ref_sdiv(s16, t16, &rr);
		check("s16 div", (uint32_t)(int32_t)(int16_t)(s16 / t16),
		      (uint32_t)(int32_t)(int16_t)rq);
		check("s16 mod", (uint32_t)(int32_t)(int16_t)(s16 % t16),
		      (uint32_t)(int32_t)(int16_t)rr);
		int8_t s8 = (int8_t)x, t8 = (int8_t)(y | 1);
		rq = ref_sdiv(s8, t8, &rr);
		check("s8 div", (uint32_t)(int32_t)(int8_t)(s8 / t8), (uint32_t)(int32_t)(int8_t)rq);
		check("s8 mod", (uint32_t)(int32_t)(int8_t)(s8 % t8), (uint32_t)(int32_t)(int8_t)rr);
		/* 32-bit wrap-around. */
		check("u32 add", x + y, (uint32_t)(((uint64_t)x + y) & 0xffffffffu));
		check("u32 neg", -x, ~x + 1);
		/* Overflow builtins (ADDS/SUBS flags, SMULL/UMULL high words). */
		uint32_t r;
		int32_t sr;
		check("add ovf", __builtin_add_overflow(x, y, &r), (uint64_t)x + y > UINT32_MAX);
		check("add ovf r", r, x + y);
		check("sadd ovf", __builtin_add_overflow((int32_t)x, (int32_t)y, &sr),
		      (int64_t)(int32_t)x + (int32_t)y != (int32_t)(x + y));
		check("ssub ovf", __builtin_sub_overflow((int32_t)x, (int32_t)y, &sr),
		      (int64_t)(int32_t)x - (int32_t)y != (int32_t)(x - y));
		check("umul ovf", __builtin_mul_overflow(x, y, &r), (uint64_t)x * y > UINT32_MAX);
		check("smul ovf", __builtin_mul_overflow((int32_t)x, (int32_t)y, &sr),
		      (int64_t)(int32_t)x * (int32_t)y != (int32_t)(x * y));
		/* Comparisons of every kind (condition codes). */
		check("cmp", (x < y) | (x <= y) << 1 | (x > y) << 2 | (x >= y) << 3 |
		      ((int32_t)x < (int32_t)y) << 4 | ((int32_t)x <= (int32_t)y) << 5 |
		      ((int32_t)x > (int32_t)y) << 6 | ((int32_t)x >= (int32_t)y) << 7 |
		      (x == y) << 8 | (x != y) << 9,
		      (((uint64_t)x - y) >> 63) | (((uint64_t)y - x) >> 63 ^ 1) << 1 |
		      (((uint64_t)y - x) >> 63) << 2 | (((uint64_t)x - y) >> 63 ^ 1) << 3 |
		      (((uint64_t)(int64_t)((int64_t)(int32_t)x - (int32_t)y)) >> 63) << 4 |
		      (((uint64_t)(int64_t)((int64_t)(int32_t)y - (int32_t)x)) >> 63 ^ 1) << 5 |
		      (((uint64_t)(int64_t)((int64_t)(int32_t)y - (int32_t)x)) >> 63) << 6 |
		      (((uint64_t)(int64_t)((int64_t)(int32_t)x - (int32_t)y)) >> 63 ^ 1) << 7 |
		      !(x - y) << 8 | !!(x - y) << 9);
	}
	group("widths");
}

/* Product from 16-bit partial products: no long multiply involved. */
static uint64_t ref_umul(uint32_t a, uint32_t b)
{
	uint32_t al = a & 0xffff, ah = a >> 16, bl = b & 0xffff, bh = b >> 16;
	uint32_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint32_t mid = (ll >> 16) + (lh & 0xffff) + (hl & 0xffff);
	uint32_t lo = (ll & 0xffff) | mid << 16;
	uint32_t hi = hh + (lh >> 16) + (hl >> 16) + (mid >> 16);
	return (uint64_t)hi << 32 | lo;
}

static void test_multiply(void)
{
	static const uint32_t vals[] = { 0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
		0xffffffff, 0x12345678, 0x9abcdef0, 0x0000c0de, 0xfffffffe };

	for (unsigned i = 0; i < 12; i++) {
		for (unsigned j = 0; j < 12; j += 1) {
			uint32_t a = hide(vals[i]), b = hide(vals[j]), c = hide(vals[(i + j) % 12]);
			uint64_t p = (uint64_t)a * b, rp = ref_umul(a, b);
			check("umull lo", (uint32_t)p, (uint32_t)rp);
			check("umull hi", (uint32_t)(p >> 32), (uint32_t)(rp >> 32));
			/* Signed high word: correct the unsigned one for negative factors. */
			int64_t sp = (int64_t)(int32_t)a * (int32_t)b;
			uint32_t shi = (uint32_t)(rp >> 32) - ((int32_t)a < 0 ? b : 0) -
				       ((int32_t)b < 0 ? a : 0);
			check("smull hi", (uint32_t)((uint64_t)sp >> 32), shi);
			check("mla", a * b + c, (uint32_t)rp + c);
			check("mls", c - a * b, c - (uint32_t)rp);
		}
	}
	group("multiply");
}

static unsigned ref_clz(uint32_t x)
{
	unsigned n = 0;
	for (uint32_t m = 0x80000000; m && !(x & m); m >>= 1)
		n++;
	return n;
}

static uint32_t ref_rbit(uint32_t x)
{
	uint32_t r = 0;
	for (int i = 0; i < 32; i++)
		r |= ((x >> i) & 1) << (31 - i);
	return r;
}

static unsigned ref_popcount(uint32_t x)
{
	unsigned n = 0;
	for (int i = 0; i < 32; i++)
		n += (x >> i) & 1;
	return n;
}

struct fields {
	uint32_t lo : 5;
	int32_t mid : 11;
	uint32_t hi : 16;
};

static void test_bits(void)
{
	static const uint32_t vals[] = { 1, 0x80000000, 0xdeadbeef, 0x00f0f000, 0x12345678,
		0xffffffff, 0x00000100, 0x0000ff00 };
	uint32_t r;

	for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		uint32_t x = hide(vals[i]);
		check("clz", (uint32_t)__builtin_clz(x), ref_clz(x));
		check("ctz", (uint32_t)__builtin_ctz(x), ref_clz(ref_rbit(x)));
		check("popcount", (uint32_t)__builtin_popcount(x), ref_popcount(x));
		check("parity", (uint32_t)__builtin_parity(x), ref_popcount(x) & 1);
		check("bswap32", __builtin_bswap32(x),
		      (x & 0xff) << 24 | (x & 0xff00) << 8 | (x >> 8 & 0xff00) | x >> 24);
		check("bswap16", __builtin_bswap16((uint16_t)x),
		      (x & 0xff) << 8 | (x >> 8 & 0xff));
		__asm__ volatile("rbit %0, %1" : "=r"(r) : "r"(x));
		check("rbit", r, ref_rbit(x));
		__asm__ volatile("rev16 %0, %1" : "=r"(r) : "r"(x));
		check("rev16", r, (x & 0x00ff00ff) << 8 | (x >> 8 & 0x00ff00ff));
		__asm__ volatile("revsh %0, %1" : "=r"(r) : "r"(x));
		check("revsh", r, (uint32_t)(int32_t)(int16_t)((x & 0xff) << 8 | (x >> 8 & 0xff)));
		check("lowest set", x & -x, 1u << ref_clz(ref_rbit(x)));
		check("clear lowest", x & (x - 1), x - (1u << ref_clz(ref_rbit(x))));
		check("pow2", (x & (x - 1)) == 0, ref_popcount(x) == 1);
		/* Bitfield extract and insert. */
		__asm__ volatile("ubfx %0, %1, #7, #9" : "=r"(r) : "r"(x));
		check("ubfx", r, (x >> 7) & 0x1ff);
		__asm__ volatile("sbfx %0, %1, #3, #12" : "=r"(r) : "r"(x));
		check("sbfx", r, ((x >> 3 & 0xfff) ^ 0x800) - 0x800);
		r = hide(0xa5a5a5a5);
		__asm__ volatile("bfi %0, %1, #4, #12" : "+r"(r) : "r"(x));
		check("bfi", r, (0xa5a5a5a5 & ~0xfff0u) | (x & 0xfff) << 4);
		r = x;
		__asm__ volatile("bfc %0, #8, #16" : "+r"(r));
		check("bfc", r, x & 0xff0000ff);
		struct fields f;
		f.lo = x;
		f.mid = (int32_t)(x >> 5);
		f.hi = x >> 16;
		f = *(volatile struct fields *)&f;
		check("field lo", f.lo, x & 31);
		check("field mid", (uint32_t)f.mid, ((x >> 5 & 0x7ff) ^ 0x400) - 0x400);
		check("field hi", f.hi, x >> 16);
		f.mid += 3;
		check("field mid+3", (uint32_t)f.mid, ((((x >> 5) + 3) & 0x7ff) ^ 0x400) - 0x400);
	}
	group("bits");
}

/* A mixing loop whose result was computed on another machine. */
static uint32_t churn(uint32_t seed, unsigned n)
{
	uint32_t x = seed, acc = 0;

	while (n--) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		acc += (x >> (x & 31)) ^ (acc * 0x9e3779b1u);
		acc ^= (uint32_t)((int32_t)x >> 7);
		acc += x / ((acc & 0xffff) | 1);
		acc -= (uint32_t)((int32_t)acc % -7);
		acc = acc << (x & 15) | acc >> (32 - (x & 15)) % 32;
	}
	return acc;
}

int main(void)
{
	test_division();
	test_const_division();
	test_div_insn();
	test_shifts();
	test_widths();
	test_multiply();
	test_bits();
	check("churn", churn(hide(2463534242u), 1000), 0x4186dc03);
	group("churn");

	if (n_fails) {
		printf("c_int: %u of %u checks FAILED\n", n_fails, n_checks);
		return 1;
	}
	printf("c_int: all %u checks passed\n", n_checks);
	return 0;
}
