/*
 * The FP extension's arithmetic (cpu/fpu.h), bit for bit as the ARMv7-M
 * pseudocode (ARM DDI 0403E A2.5: FPUnpack, FPProcessNaNs, FPRound and the
 * operations built on them).
 *
 * Two engines, each used where it is exact:
 *
 * - Add, subtract, multiply, divide, square root and fused multiply-add run
 *   on the host's IEEE 754 arithmetic in the FPSCR's rounding mode: IEEE
 *   fixes their rounded results, and the host's inexact, overflow, divide-
 *   by-zero and invalid flags are ARM's. Around the host operation this
 *   file does what ARM does differently: NaN operands never reach the host
 *   (ARM's priority: the first signalling NaN in operand order, quietened,
 *   IOC; else the first quiet NaN; the positive default NaN under DN), a NaN
 *   the host generates becomes the default NaN with IOC, denormal inputs
 *   flush to signed zeros under FZ (IDC), and a result is tiny when the
 *   *unrounded* value is below the smallest normal (ARM detects tininess
 *   before rounding, x86 after): then FZ gives a signed zero with UFC alone,
 *   and without FZ UFC is raised when the result is also inexact. The one
 *   ambiguous host result, a rounded magnitude equal to the smallest
 *   normal, is settled by doing the operation again towards zero.
 *
 * - Conversions (between formats, to and from fixed point, to integral
 *   values) are integer code: fpu_round is the pseudocode's FPRound on an
 *   exact value mant * 2^exp, with the alternative half-precision format's
 *   saturation, and fpu_split/fpu_round_up its rounding of an integer.
 *
 * Speed: the common case (round-to-nearest, finite operands, a normal
 * result) reads no host flags at all (fpu_fast). The rest clears the
 * host's flags, sets its rounding mode and reads the flags back: on x86-64
 * through the SSE control/status register directly, flags and mode in one
 * ldmxcsr (glibc's feclearexcept also rewrites the x87 environment, many
 * times the cost of the operation), and the x87 status word around fma();
 * elsewhere through <fenv.h>. The host is always left in round-to-nearest.
 *
 * The file is compiled with -frounding-math -fsignaling-nans (CMakeLists.txt)
 * so that the compiler neither folds nor moves the operations across the
 * mode and flag accesses; the operands pass through volatile objects too.
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "cpu/fpu.h"

/* The operations are written once for every format; forced inlining gives
 * each entry point its own copy with the format and operation constant. */
#define FPU_INLINE static inline __attribute__((always_inline))

/* ---- formats -------------------------------------------------------------- */

/* An IEEE binary format: total bits, exponent bits, fraction bits. */
struct fpu_fmt {
	unsigned n, ebits, fbits;
};

static const struct fpu_fmt fpu_half = { 16, 5, 10 };
static const struct fpu_fmt fpu_single = { 32, 8, 23 };
static const struct fpu_fmt fpu_double = { 64, 11, 52 };

static inline uint64_t fmt_sign(const struct fpu_fmt *f, uint64_t x)
{
	return (x >> (f->n - 1)) & 1u;
}

static inline uint64_t fmt_exp(const struct fpu_fmt *f, uint64_t x)
{
	return (x >> f->fbits) & ((1ull << f->ebits) - 1);
}

static inline uint64_t fmt_frac(const struct fpu_fmt *f, uint64_t x)
{
	return x & ((1ull << f->fbits) - 1);
}

static inline uint64_t fmt_sign_bit(const struct fpu_fmt *f)
{
	return 1ull << (f->n - 1);
}

static inline uint64_t fmt_quiet_bit(const struct fpu_fmt *f)
{
	return 1ull << (f->fbits - 1);
}

/* FPDefaultNaN: positive, quiet, payload zero. */
static inline uint64_t fmt_default_nan(const struct fpu_fmt *f)
{
	return (((1ull << f->ebits) - 1) << f->fbits) | fmt_quiet_bit(f);
}

static inline uint64_t fmt_inf(const struct fpu_fmt *f, uint64_t sign)
{
	return (sign << (f->n - 1)) | (((1ull << f->ebits) - 1) << f->fbits);
}

/* FPUnpack's types. */
enum fpu_class { FPC_ZERO, FPC_NONZERO, FPC_INF, FPC_QNAN, FPC_SNAN };

/*
 * FPUnpack: the operand's type; a denormal of single or double precision
 * becomes a signed zero under FZ (in *x) with IDC. A half's exponent 31 is a
 * number in the alternative format (`fs` carries AHP).
 */
FPU_INLINE enum fpu_class fpu_unpack(const struct fpu_fmt *f, uint64_t *x, uint32_t fs,
				     uint32_t *exc)
{
	uint64_t e = fmt_exp(f, *x), m = fmt_frac(f, *x);
	if (e == 0) {
		if (m == 0)
			return FPC_ZERO;
		if ((fs & FPSCR_FZ) && f->n != 16) {
			*x &= fmt_sign_bit(f);
			*exc |= FPSCR_IDC;
			return FPC_ZERO;
		}
		return FPC_NONZERO;
	}
	if (e == (1ull << f->ebits) - 1 && !(f->n == 16 && (fs & FPSCR_AHP))) {
		if (m == 0)
			return FPC_INF;
		return (m & fmt_quiet_bit(f)) ? FPC_QNAN : FPC_SNAN;
	}
	return FPC_NONZERO;
}

static inline bool fpu_is_nan(enum fpu_class c)
{
	return c == FPC_QNAN || c == FPC_SNAN;
}

/* A nonzero finite operand (after FPUnpack) as mant * 2^exp. */
FPU_INLINE uint64_t fpu_decompose(const struct fpu_fmt *f, uint64_t x, int *exp)
{
	int bias = (1 << (f->ebits - 1)) - 1;
	uint64_t e = fmt_exp(f, x), m = fmt_frac(f, x);
	if (e == 0) {
		*exp = 1 - bias - (int)f->fbits;
		return m;
	}
	*exp = (int)e - bias - (int)f->fbits;
	return m | (1ull << f->fbits);
}

/* FPProcessNaN: a signalling NaN is quietened with IOC; DN replaces it. */
static uint64_t fpu_process_nan(const struct fpu_fmt *f, uint64_t x, enum fpu_class c,
				uint32_t fs, uint32_t *exc)
{
	if (c == FPC_SNAN) {
		x |= fmt_quiet_bit(f);
		*exc |= FPSCR_IOC;
	}
	return (fs & FPSCR_DN) ? fmt_default_nan(f) : x;
}

/* FPProcessNaNs/FPProcessNaNs3 over n operands: every signalling NaN before
 * any quiet one, each in operand order. */
static uint64_t fpu_process_nans(const struct fpu_fmt *f, unsigned n, const uint64_t *x,
				 const enum fpu_class *c, uint32_t fs, uint32_t *exc)
{
	for (unsigned i = 0; i < n; i++)
		if (c[i] == FPC_SNAN)
			return fpu_process_nan(f, x[i], c[i], fs, exc);
	for (unsigned i = 0; i < n; i++)
		if (c[i] == FPC_QNAN)
			return fpu_process_nan(f, x[i], c[i], fs, exc);
	return 0;
}

/* ---- the host's arithmetic -------------------------------------------------- */

enum fpu_op { FPU_OP_ADD, FPU_OP_SUB, FPU_OP_MUL, FPU_OP_DIV, FPU_OP_SQRT, FPU_OP_FMA };

#if defined(__x86_64__) && defined(__SSE2_MATH__)
/* MXCSR: flags [5:0] (IE DE ZE OE UE PE), DAZ [6], RC [14:13], FZ [15]. */
#define MXCSR_FLAGS 0x3fu
#define MXCSR_CONTROL (MXCSR_FLAGS | 0x40u | 0x6000u | 0x8000u)

static inline void fpu_host_begin(enum fpu_round rm)
{
	/* RC: 00 nearest, 01 down, 10 up, 11 towards zero. */
	static const uint32_t rc[4] = { 0x0000u, 0x4000u, 0x2000u, 0x6000u };
	uint32_t m;
	__asm__ volatile("stmxcsr %0" : "=m"(m) : : "memory");
	m = (m & ~MXCSR_CONTROL) | rc[rm & 3u];
	__asm__ volatile("ldmxcsr %0" : : "m"(m) : "memory");
}

/* The host's flags as FPSCR bits (its underflow is not ARM's: ignored);
 * the host back in round-to-nearest with its flags clear. */
static inline uint32_t fpu_host_end(enum fpu_round rm)
{
	uint32_t m, exc = 0;
	__asm__ volatile("stmxcsr %0" : "=m"(m) : : "memory");
	if (m & 0x01u)
		exc |= FPSCR_IOC;
	if (m & 0x04u)
		exc |= FPSCR_DZC;
	if (m & 0x08u)
		exc |= FPSCR_OFC;
	if (m & 0x20u)
		exc |= FPSCR_IXC;
	m &= ~MXCSR_CONTROL;
	__asm__ volatile("ldmxcsr %0" : : "m"(m) : "memory");
	return exc;
}
#else
static inline void fpu_host_begin(enum fpu_round rm)
{
	static const int mode[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
	feclearexcept(FE_ALL_EXCEPT);
	if (rm != FPU_RN)
		fesetround(mode[rm & 3u]);
}

static inline uint32_t fpu_host_end(enum fpu_round rm)
{
	uint32_t exc = 0;
	int fl = fetestexcept(FE_ALL_EXCEPT);
	if (fl & FE_INVALID)
		exc |= FPSCR_IOC;
	if (fl & FE_DIVBYZERO)
		exc |= FPSCR_DZC;
	if (fl & FE_OVERFLOW)
		exc |= FPSCR_OFC;
	if (fl & FE_INEXACT)
		exc |= FPSCR_IXC;
	feclearexcept(FE_ALL_EXCEPT);
	if (rm != FPU_RN)
		fesetround(FE_TONEAREST);
	return exc;
}
#endif

/*
 * Around the libm call fma(): glibc's x86-64 fma computes on SSE (MXCSR's
 * rounding mode) but may raise a flag through feraiseexcept, which sets it
 * in the x87 status word; so the x87 flags are read (and cleared) too.
 */
#if defined(__x86_64__) && defined(__SSE2_MATH__)
static void fpu_libm_begin(enum fpu_round rm)
{
	uint16_t sw;
	__asm__ volatile("fnstsw %0" : "=m"(sw) : : "memory");
	if (sw & 0x3fu)
		__asm__ volatile("fnclex" : : : "memory");
	fpu_host_begin(rm);
}

static uint32_t fpu_libm_end(enum fpu_round rm)
{
	uint32_t exc = fpu_host_end(rm);
	uint16_t sw;
	/* x87 status word: IE [0], ZE [2], OE [3], PE [5], as in MXCSR. */
	__asm__ volatile("fnstsw %0" : "=m"(sw) : : "memory");
	if (sw & 0x3fu) {
		if (sw & 0x01u)
			exc |= FPSCR_IOC;
		if (sw & 0x04u)
			exc |= FPSCR_DZC;
		if (sw & 0x08u)
			exc |= FPSCR_OFC;
		if (sw & 0x20u)
			exc |= FPSCR_IXC;
		__asm__ volatile("fnclex" : : : "memory");
	}
	return exc;
}
#else
static void fpu_libm_begin(enum fpu_round rm)
{
	fpu_host_begin(rm);
}

static uint32_t fpu_libm_end(enum fpu_round rm)
{
	return fpu_host_end(rm);
}
#endif

/* One host operation on non-NaN operands in mode rm; *exc gets its flags.
 * T is the host type of the format, U its bits, FMA and SQRT its libm
 * functions. The operands go through volatiles so that the operation
 * happens between the flag reads. */
#define FPU_HOST(name, T, U, FMA, SQRT)                                               \
	static uint64_t name(enum fpu_op op, uint64_t a, uint64_t b, uint64_t c,      \
			     enum fpu_round rm, uint32_t *exc)                        \
	{                                                                             \
		U ua = (U)a, ub = (U)b, uc = (U)c, ur;                                \
		volatile T x, y, z, r;                                                \
		T t;                                                                  \
		memcpy(&t, &ua, sizeof t);                                            \
		x = t;                                                                \
		memcpy(&t, &ub, sizeof t);                                            \
		y = t;                                                                \
		memcpy(&t, &uc, sizeof t);                                            \
		z = t;                                                                \
		if (op == FPU_OP_FMA) {                                               \
			fpu_libm_begin(rm);                                           \
			r = FMA(y, z, x);                                             \
			*exc = fpu_libm_end(rm);                                      \
		} else {                                                              \
			fpu_host_begin(rm);                                           \
			switch (op) {                                                 \
			case FPU_OP_ADD: r = x + y; break;                            \
			case FPU_OP_SUB: r = x - y; break;                            \
			case FPU_OP_MUL: r = x * y; break;                            \
			case FPU_OP_DIV: r = x / y; break;                            \
			default: r = SQRT(x); break;                                  \
			}                                                             \
			*exc = fpu_host_end(rm);                                      \
		}                                                                     \
		t = r;                                                                \
		memcpy(&ur, &t, sizeof ur);                                           \
		return ur;                                                            \
	}

FPU_HOST(fpu_host32, float, uint32_t, fmaf, sqrtf)
FPU_HOST(fpu_host64, double, uint64_t, fma, sqrt)

static inline uint64_t fpu_host(const struct fpu_fmt *f, enum fpu_op op, uint64_t a, uint64_t b,
				uint64_t c, enum fpu_round rm, uint32_t *exc)
{
	return f->n == 32 ? fpu_host32(op, a, b, c, rm, exc) : fpu_host64(op, a, b, c, rm, exc);
}

/* ---- the common case without the host's flags ------------------------------ */

/*
 * Writing the host's status register (to clear its sticky flags) costs far
 * more than the operation: ldmxcsr drains the pipeline. In round-to-nearest
 * with finite operands and a normal result, the only flag to find is
 * inexact, and it follows from the operands and the correctly rounded
 * result alone: an error-free transformation for sums (TwoSum: the rounding
 * error of a + b is itself a float), and for products, quotients (r*b ==
 * a) and roots (r*r == a) an exact product: in double for singles, of the
 * integer significands for doubles; a single-precision FMA is exact in
 * double (fpu_fma32_exact), a double one is checked on the integer
 * significands (fpu_muladd_is). The rest (directed rounding, infinities,
 * division by zero, overflow, results at or below the smallest normal)
 * takes the flag path. TwoSum needs arithmetic in the operands' own
 * precision (FLT_EVAL_METHOD 0).
 */
#if FLT_EVAL_METHOD == 0
#define FPU_FAST 1
#else
#define FPU_FAST 0
#endif

__extension__ typedef unsigned __int128 fpu_u128;

static inline unsigned fpu_ctz128(fpu_u128 p)
{
	uint64_t lo = (uint64_t)p;
	return lo ? (unsigned)__builtin_ctzll(lo) : 64u + (unsigned)__builtin_ctzll((uint64_t)(p >> 64));
}

/* Whether |x| * |y| == |z| exactly (nonzero finite operands). */
FPU_INLINE bool fpu_product_is(const struct fpu_fmt *f, uint64_t x, uint64_t y, uint64_t z)
{
	int ex, ey, ez;
	uint64_t mx = fpu_decompose(f, x, &ex), my = fpu_decompose(f, y, &ey);
	uint64_t mz = fpu_decompose(f, z, &ez);
	fpu_u128 p = (fpu_u128)mx * my;
	unsigned tp = fpu_ctz128(p), tz = (unsigned)__builtin_ctzll(mz);
	return (p >> tp) == (fpu_u128)(mz >> tz) && ex + ey + (int)tp == ez + (int)tz;
}

static inline unsigned fpu_bits128(fpu_u128 p)
{
	uint64_t hi = (uint64_t)(p >> 64);
	return hi ? 128u - (unsigned)__builtin_clzll(hi) : 64u - (unsigned)__builtin_clzll((uint64_t)p);
}

/*
 * Whether addend + b*c == r exactly (finite operands, any of them zero),
 * on the integer significands: the product, the addend and -r as signed
 * integers aligned to the lowest set bit. If such terms sum to zero, two
 * of them share the lowest set bit and two reach within a bit of the
 * highest, so one term spans nearly all of it: a spread wider than the
 * 106-bit product is inexact, and anything narrower fits in 128 bits.
 */
__extension__ typedef __int128 fpu_s128;

static bool fpu_muladd_is(const struct fpu_fmt *f, uint64_t a, uint64_t b, uint64_t c, uint64_t r)
{
	fpu_u128 m[3];
	int lsb[3], ex, ey;
	bool neg[3];
	unsigned n = 0;
	uint64_t mag = ~fmt_sign_bit(f);
	if ((b & mag) && (c & mag)) {
		uint64_t mb = fpu_decompose(f, b, &ex), mc = fpu_decompose(f, c, &ey);
		m[n] = (fpu_u128)mb * mc;
		lsb[n] = ex + ey;
		neg[n++] = fmt_sign(f, b) != fmt_sign(f, c);
	}
	if (a & mag) {
		m[n] = fpu_decompose(f, a, &lsb[n]);
		neg[n++] = fmt_sign(f, a);
	}
	if (r & mag) {
		m[n] = fpu_decompose(f, r, &lsb[n]);
		neg[n++] = !fmt_sign(f, r);
	}
	int lo = 0, hi = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned tz = fpu_ctz128(m[i]);
		m[i] >>= tz;
		lsb[i] += (int)tz;
		int top = lsb[i] + (int)fpu_bits128(m[i]) - 1;
		if (i == 0 || lsb[i] < lo)
			lo = lsb[i];
		if (i == 0 || top > hi)
			hi = top;
	}
	if (n > 0 && hi - lo > 110)
		return false;
	fpu_s128 sum = 0;
	for (unsigned i = 0; i < n; i++) {
		fpu_s128 v = (fpu_s128)(m[i] << (lsb[i] - lo));
		sum += neg[i] ? -v : v;
	}
	return sum == 0;
}

/* TwoSum's error term is zero: a + b == s exactly (s = a + b rounded to
 * nearest, finite). */
FPU_INLINE bool fpu_sum_exact32(float a, float b, float s)
{
	float bp = s - a, ap = s - bp;
	return (a - ap) + (b - bp) == 0.0f;
}

FPU_INLINE bool fpu_sum_exact64(double a, double b, double s)
{
	double bp = s - a, ap = s - bp;
	return (a - ap) + (b - bp) == 0.0;
}

static inline float fpu_f32(uint64_t x)
{
	uint32_t u = (uint32_t)x;
	float t;
	memcpy(&t, &u, 4);
	return t;
}

static inline double fpu_f64(uint64_t x)
{
	double t;
	memcpy(&t, &x, 8);
	return t;
}

static inline uint64_t fpu_bits32(float t)
{
	uint32_t u;
	memcpy(&u, &t, 4);
	return u;
}

static inline uint64_t fpu_bits64(double t)
{
	uint64_t u;
	memcpy(&u, &t, 8);
	return u;
}

/*
 * Single-precision FMA in double: the product is exact (48 bits), TwoSum
 * gives the sum as s + err exactly, and rounding s to single is correct
 * unless s lies exactly halfway between two singles with err != 0; then
 * s is moved one double ulp towards err, off the midpoint, on the side the
 * exact value lies.
 */
FPU_INLINE float fpu_fma32_exact(float a, float b, float c, bool *exact)
{
	double p = (double)b * (double)c, da = a;
	double s = da + p, bp = s - da, ap = s - bp;
	double err = (da - ap) + (p - bp);
	uint64_t sb = fpu_bits64(s);
	if (err != 0.0 && (sb & 0x1fffffffull) == 0x10000000ull) {
		bool away = (err > 0.0) == (s > 0.0);
		sb = away ? sb + 1 : sb - 1;
		s = fpu_f64(sb);
	}
	float r = (float)s;
	*exact = err == 0.0 && (double)r == s;
	return r;
}

/*
 * The result and flags (IXC or none) in round-to-nearest, or false when
 * the flag path must decide. x holds the (flushed) finite operands; for
 * FMA x[0] is the addend.
 */
FPU_INLINE bool fpu_fast(const struct fpu_fmt *f, enum fpu_op op, const uint64_t *x,
			 const enum fpu_class *k, uint64_t *res, uint32_t *exc)
{
	uint64_t r;
	bool exact;
	if (!FPU_FAST)
		return false;
	if (op == FPU_OP_DIV && k[1] == FPC_ZERO)
		return false;
	if (f->n == 32) {
		float a = fpu_f32(x[0]), b = fpu_f32(x[1]), s;
		switch (op) {
		case FPU_OP_ADD: s = a + b; exact = fpu_sum_exact32(a, b, s); break;
		case FPU_OP_SUB: s = a - b; exact = fpu_sum_exact32(a, -b, s); break;
		case FPU_OP_MUL: s = a * b; exact = true; break;
		case FPU_OP_DIV: s = a / b; exact = true; break;
		case FPU_OP_SQRT: s = sqrtf(a); exact = true; break;
		default: s = fpu_fma32_exact(a, b, fpu_f32(x[2]), &exact); break;
		}
		r = fpu_bits32(s);
	} else {
		double a = fpu_f64(x[0]), b = fpu_f64(x[1]), s;
		switch (op) {
		case FPU_OP_ADD: s = a + b; exact = fpu_sum_exact64(a, b, s); break;
		case FPU_OP_SUB: s = a - b; exact = fpu_sum_exact64(a, -b, s); break;
		case FPU_OP_MUL: s = a * b; exact = true; break;
		case FPU_OP_DIV: s = a / b; exact = true; break;
		case FPU_OP_SQRT: s = sqrt(a); exact = true; break;
		default:
			/* The host is in round-to-nearest here. */
			s = fma(b, fpu_f64(x[2]), a);
			exact = fpu_muladd_is(f, x[0], x[1], x[2], fpu_bits64(s));
			break;
		}
		r = fpu_bits64(s);
	}
	uint64_t e = fmt_exp(f, r), mag = r & ~fmt_sign_bit(f);
	if (mag == 0) {
		/* Exact from zero operands (x - x, -0 + -0 and FMA's exact
		 * cancellation included); any other zero is an underflow. */
		if (op == FPU_OP_MUL)
			exact = k[0] == FPC_ZERO || k[1] == FPC_ZERO;
		else if (op == FPU_OP_DIV || op == FPU_OP_SQRT)
			exact = k[0] == FPC_ZERO;
		if (!exact)
			return false;
		*res = r;
		*exc = 0;
		return true;
	}
	/* Overflow, and results whose tininess needs the flag path. */
	if (e == (1ull << f->ebits) - 1 || e == 0 || mag == 1ull << f->fbits)
		return false;
	/* r is normal, so the operands here are nonzero. Singles' products
	 * are exact in double. */
	if (f->n == 32) {
		double a = fpu_f32(x[0]), b = fpu_f32(x[1]), q = fpu_f32(r);
		switch (op) {
		case FPU_OP_MUL: exact = a * b == q; break;
		case FPU_OP_DIV: exact = q * b == a; break;
		case FPU_OP_SQRT: exact = q * q == a; break;
		default: break;
		}
	} else switch (op) {
	case FPU_OP_MUL: exact = fpu_product_is(f, x[0], x[1], r); break;
	case FPU_OP_DIV: exact = fpu_product_is(f, r, x[1], x[0]); break;
	case FPU_OP_SQRT: exact = fpu_product_is(f, r, r, x[0]); break;
	default: break;
	}
	*res = r;
	*exc = exact ? 0 : FPSCR_IXC;
	return true;
}

/*
 * FPAdd, FPSub, FPMul, FPDiv, FPSqrt, FPMulAdd. For FMA, a is the addend
 * and the product is b*c (fpu_host's operands are in this order too).
 */
FPU_INLINE uint64_t fpu_arith(const struct fpu_fmt *f, enum fpu_op op, uint64_t a, uint64_t b,
			      uint64_t c, uint32_t *fpscr)
{
	uint32_t fs = *fpscr, exc = 0;
	uint64_t x[3] = { a, b, c };
	enum fpu_class k[3] = { FPC_ZERO, FPC_ZERO, FPC_ZERO };
	unsigned n = op == FPU_OP_SQRT ? 1 : op == FPU_OP_FMA ? 3 : 2;
	bool nan = false;
	for (unsigned i = 0; i < n; i++) {
		k[i] = fpu_unpack(f, &x[i], fs, &exc);
		nan |= fpu_is_nan(k[i]);
	}
	if (nan) {
		uint64_t r = fpu_process_nans(f, n, x, k, fs, &exc);
		/* FPMulAdd: inf*0 is invalid even with a quiet NaN addend. */
		if (op == FPU_OP_FMA && k[0] == FPC_QNAN &&
		    ((k[1] == FPC_INF && k[2] == FPC_ZERO) ||
		     (k[1] == FPC_ZERO && k[2] == FPC_INF))) {
			r = fmt_default_nan(f);
			exc |= FPSCR_IOC;
		}
		*fpscr |= exc;
		return r;
	}
	if (op == FPU_OP_SQRT && k[0] != FPC_ZERO && fmt_sign(f, x[0])) {
		*fpscr |= exc | FPSCR_IOC;
		return fmt_default_nan(f);
	}

	enum fpu_round rm = fpu_rmode(fs);
	uint32_t hexc;
	if (rm == FPU_RN && k[0] <= FPC_NONZERO && k[1] <= FPC_NONZERO && k[2] <= FPC_NONZERO) {
		uint64_t r;
		if (fpu_fast(f, op, x, k, &r, &hexc)) {
			*fpscr |= exc | hexc;
			return r;
		}
	}
	uint64_t r = fpu_host(f, op, x[0], x[1], x[2], rm, &hexc);
	uint64_t mag = r & ~fmt_sign_bit(f), min_normal = 1ull << f->fbits;
	if (fmt_exp(f, r) == (1ull << f->ebits) - 1 && fmt_frac(f, r)) {
		/* inf-inf, 0*inf, 0/0, inf/inf: the default NaN, whatever DN. */
		*fpscr |= exc | FPSCR_IOC;
		return fmt_default_nan(f);
	}
	bool inexact = hexc & FPSCR_IXC, tiny;
	if (mag < min_normal)
		tiny = mag != 0 || inexact;
	else if (mag == min_normal && inexact) {
		/* Rounded up to the smallest normal, or rounded from above it? */
		uint32_t ignored;
		uint64_t rz = fpu_host(f, op, x[0], x[1], x[2], FPU_RZ, &ignored);
		tiny = (rz & ~fmt_sign_bit(f)) < min_normal;
	} else
		tiny = false;
	if (tiny) {
		if (fs & FPSCR_FZ) {
			/* FPRound flushes before rounding: UFC, never IXC. */
			*fpscr |= exc | FPSCR_UFC;
			return r & fmt_sign_bit(f);
		}
		if (inexact)
			hexc |= FPSCR_UFC;
	}
	*fpscr |= exc | hexc;
	return r;
}

uint32_t fpu_add32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
	return (uint32_t)fpu_arith(&fpu_single, FPU_OP_ADD, a, b, 0, fpscr);
}

uint32_t fpu_sub32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
	return (uint32_t)fpu_arith(&fpu_single, FPU_OP_SUB, a, b, 0, fpscr);
}

uint32_t fpu_mul32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
	return (uint32_t)fpu_arith(&fpu_single, FPU_OP_MUL, a, b, 0, fpscr);
}

uint32_t fpu_div32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
	return (uint32_t)fpu_arith(&fpu_single, FPU_OP_DIV, a, b, 0, fpscr);
}

uint32_t fpu_sqrt32(uint32_t a, uint32_t *fpscr)
{
	return (uint32_t)fpu_arith(&fpu_single, FPU_OP_SQRT, a, 0, 0, fpscr);
}

uint32_t fpu_muladd32(uint32_t addend, uint32_t a, uint32_t b, uint32_t *fpscr)
{
	return (uint32_t)fpu_arith(&fpu_single, FPU_OP_FMA, addend, a, b, fpscr);
}

uint64_t fpu_add64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
	return fpu_arith(&fpu_double, FPU_OP_ADD, a, b, 0, fpscr);
}

uint64_t fpu_sub64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
	return fpu_arith(&fpu_double, FPU_OP_SUB, a, b, 0, fpscr);
}

uint64_t fpu_mul64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
	return fpu_arith(&fpu_double, FPU_OP_MUL, a, b, 0, fpscr);
}

uint64_t fpu_div64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
	return fpu_arith(&fpu_double, FPU_OP_DIV, a, b, 0, fpscr);
}

uint64_t fpu_sqrt64(uint64_t a, uint32_t *fpscr)
{
	return fpu_arith(&fpu_double, FPU_OP_SQRT, a, 0, 0, fpscr);
}

uint64_t fpu_muladd64(uint64_t addend, uint64_t a, uint64_t b, uint32_t *fpscr)
{
	return fpu_arith(&fpu_double, FPU_OP_FMA, addend, a, b, fpscr);
}

/* ---- comparison, maximum and minimum ----------------------------------------- */

/* A non-NaN operand as a signed integer ordered like its value (both
 * zeros are 0). */
static inline int64_t fpu_order_key(const struct fpu_fmt *f, uint64_t x)
{
	int64_t mag = (int64_t)(x & ~fmt_sign_bit(f));
	return fmt_sign(f, x) ? -mag : mag;
}

static uint32_t fpu_cmp(const struct fpu_fmt *f, uint64_t a, uint64_t b, bool quiet_nan_exc,
			uint32_t *fpscr)
{
	uint32_t exc = 0;
	enum fpu_class ka = fpu_unpack(f, &a, *fpscr, &exc);
	enum fpu_class kb = fpu_unpack(f, &b, *fpscr, &exc);
	uint32_t nzcv;
	if (fpu_is_nan(ka) || fpu_is_nan(kb)) {
		nzcv = 0x3u;
		if (ka == FPC_SNAN || kb == FPC_SNAN || quiet_nan_exc)
			exc |= FPSCR_IOC;
	} else {
		int64_t x = fpu_order_key(f, a), y = fpu_order_key(f, b);
		nzcv = x == y ? 0x6u : x < y ? 0x8u : 0x2u;
	}
	*fpscr |= exc;
	/* In place: FPSCR[31:28]. */
	return nzcv << 28;
}

uint32_t fpu_cmp32(uint32_t a, uint32_t b, bool quiet_nan_exc, uint32_t *fpscr)
{
	return fpu_cmp(&fpu_single, a, b, quiet_nan_exc, fpscr);
}

uint32_t fpu_cmp64(uint64_t a, uint64_t b, bool quiet_nan_exc, uint32_t *fpscr)
{
	return fpu_cmp(&fpu_double, a, b, quiet_nan_exc, fpscr);
}

/*
 * FPMaxNum/FPMinNum: a lone quiet NaN becomes the infinity that loses (-inf
 * for max, +inf for min), then FPMax/FPMin: NaNs processed as usual, the
 * larger (smaller) value, and of two zeros the positive (negative) one.
 */
static uint64_t fpu_maxmin(const struct fpu_fmt *f, uint64_t a, uint64_t b, bool max,
			   uint32_t *fpscr)
{
	uint32_t fs = *fpscr, exc = 0;
	uint64_t x[2] = { a, b };
	enum fpu_class k[2];
	k[0] = fpu_unpack(f, &x[0], fs, &exc);
	k[1] = fpu_unpack(f, &x[1], fs, &exc);
	uint64_t loser = fmt_inf(f, max ? 1u : 0u);
	if (k[0] == FPC_QNAN && k[1] != FPC_QNAN) {
		x[0] = loser;
		k[0] = FPC_INF;
	} else if (k[0] != FPC_QNAN && k[1] == FPC_QNAN) {
		x[1] = loser;
		k[1] = FPC_INF;
	}
	uint64_t r;
	if (fpu_is_nan(k[0]) || fpu_is_nan(k[1]))
		r = fpu_process_nans(f, 2, x, k, fs, &exc);
	else if (k[0] == FPC_ZERO && k[1] == FPC_ZERO)
		r = max ? (x[0] & x[1]) : (x[0] | x[1]);
	else {
		int64_t p = fpu_order_key(f, x[0]), q = fpu_order_key(f, x[1]);
		r = (max ? p > q : p < q) ? x[0] : x[1];
	}
	*fpscr |= exc;
	return r;
}

uint32_t fpu_maxnum32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
	return (uint32_t)fpu_maxmin(&fpu_single, a, b, true, fpscr);
}

uint32_t fpu_minnum32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
	return (uint32_t)fpu_maxmin(&fpu_single, a, b, false, fpscr);
}

uint64_t fpu_maxnum64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
	return fpu_maxmin(&fpu_double, a, b, true, fpscr);
}

uint64_t fpu_minnum64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
	return fpu_maxmin(&fpu_double, a, b, false, fpscr);
}

/* ---- rounding in integer arithmetic -------------------------------------------- */

/* What was cut off by a right shift, against half a unit of the last place. */
enum fpu_rest { FPU_EXACT, FPU_BELOW_HALF, FPU_HALF, FPU_ABOVE_HALF };

/* mant * 2^-s (s > 0) as an integer part and the rest. */
static uint64_t fpu_split(uint64_t mant, unsigned s, enum fpu_rest *rest)
{
	if (s > 64) {
		*rest = mant ? FPU_BELOW_HALF : FPU_EXACT;
		return 0;
	}
	uint64_t ip = s == 64 ? 0 : mant >> s;
	uint64_t cut = s == 64 ? mant : mant & ((1ull << s) - 1);
	uint64_t half = 1ull << (s - 1);
	*rest = cut == 0 ? FPU_EXACT : cut < half ? FPU_BELOW_HALF : cut == half ? FPU_HALF
									  : FPU_ABOVE_HALF;
	return ip;
}

/* Whether a magnitude with the given last bit and rest rounds up (away
 * from zero) in mode rm; `neg` is the value's sign. */
static bool fpu_round_up(enum fpu_round rm, bool neg, uint64_t lsb, enum fpu_rest rest)
{
	switch (rm) {
	case FPU_RN:
		return rest == FPU_ABOVE_HALF || (rest == FPU_HALF && (lsb & 1u));
	case FPU_RA:
		return rest >= FPU_HALF;
	case FPU_RP:
		return rest != FPU_EXACT && !neg;
	case FPU_RM:
		return rest != FPU_EXACT && neg;
	default:
		return false;
	}
}

/*
 * FPRound: the nonzero value (-1)^sign * mant * 2^exp to format f in mode
 * rm; `fs` gives FZ (not for halves) and AHP (halves only).
 */
static uint64_t fpu_round(const struct fpu_fmt *f, bool sign, uint64_t mant, int exp,
			  enum fpu_round rm, uint32_t fs, uint32_t *exc)
{
	int top = 63 - __builtin_clzll(mant);
	int e = top + exp; /* value in [2^e, 2^(e+1)) */
	int emin = 2 - (1 << (f->ebits - 1));
	uint64_t sbit = sign ? fmt_sign_bit(f) : 0;
	bool ahp = f->n == 16 && (fs & FPSCR_AHP);
	if ((fs & FPSCR_FZ) && f->n != 16 && e < emin) {
		*exc |= FPSCR_UFC;
		return sbit;
	}
	int bexp = e < emin ? 0 : e - emin + 1;
	/* int_mant = value * 2^(F - max(e, emin)), rounded down. */
	int s = (e < emin ? emin : e) - (int)f->fbits - exp;
	enum fpu_rest rest = FPU_EXACT;
	uint64_t im = s <= 0 ? mant << -s : fpu_split(mant, (unsigned)s, &rest);
	if (bexp == 0 && rest != FPU_EXACT)
		*exc |= FPSCR_UFC;
	if (fpu_round_up(rm, sign, im, rest)) {
		im++;
		if (im == 1ull << f->fbits)
			bexp = 1; /* a denormal rounded up to the smallest normal */
		if (im == 2ull << f->fbits) {
			bexp++;
			im >>= 1;
		}
	}
	if (!ahp && bexp >= (1 << f->ebits) - 1) {
		bool to_inf = rm == FPU_RN || rm == FPU_RA || (rm == FPU_RP && !sign) ||
			      (rm == FPU_RM && sign);
		*exc |= FPSCR_OFC | FPSCR_IXC;
		return to_inf ? fmt_inf(f, sign) : fmt_inf(f, sign) - 1;
	}
	if (ahp && bexp >= 1 << f->ebits) {
		/* The alternative format has no infinity: its largest value, IOC, no IXC. */
		*exc |= FPSCR_IOC;
		return sbit | 0x7fffu;
	}
	if (rest != FPU_EXACT)
		*exc |= FPSCR_IXC;
	return sbit | ((uint64_t)bexp << f->fbits) | (im & ((1ull << f->fbits) - 1));
}

/* ---- conversions between formats ------------------------------------------------ */

/*
 * FPConvert (FPSingleToDouble, FPDoubleToSingle, FPSingleToHalf,
 * FPHalfToSingle and the double/half forms). `ahp` applies to a half
 * operand or result; FZ to single and double operands and results.
 */
static uint64_t fpu_convert(const struct fpu_fmt *from, const struct fpu_fmt *to, uint64_t x,
			    bool ahp, uint32_t *fpscr)
{
	uint32_t fs = (*fpscr & ~FPSCR_AHP) | (ahp ? FPSCR_AHP : 0), exc = 0;
	enum fpu_class k = fpu_unpack(from, &x, fs, &exc);
	uint64_t sign = fmt_sign(from, x), r;
	bool alt = to->n == 16 && ahp;
	switch (k) {
	case FPC_QNAN:
	case FPC_SNAN:
		if (alt) {
			/* No NaN in the alternative format: a zero of the NaN's sign. */
			r = sign << 15;
			exc |= FPSCR_IOC;
		} else if (fs & FPSCR_DN) {
			r = fmt_default_nan(to);
		} else {
			/* The payload's top bits, quiet. */
			uint64_t payload = fmt_frac(from, x) & (fmt_quiet_bit(from) - 1);
			if (to->fbits > from->fbits)
				payload <<= to->fbits - from->fbits;
			else
				payload >>= from->fbits - to->fbits;
			r = fmt_inf(to, sign) | fmt_quiet_bit(to) | payload;
		}
		if (k == FPC_SNAN)
			exc |= FPSCR_IOC;
		break;
	case FPC_INF:
		if (alt) {
			r = (sign << 15) | 0x7fffu;
			exc |= FPSCR_IOC;
		} else
			r = fmt_inf(to, sign);
		break;
	case FPC_ZERO:
		r = sign << (to->n - 1);
		break;
	default: {
		int exp;
		uint64_t mant = fpu_decompose(from, x, &exp);
		r = fpu_round(to, sign, mant, exp, fpu_rmode(fs), fs, &exc);
		break;
	}
	}
	*fpscr |= exc;
	return r;
}

uint64_t fpu_f32_to_f64(uint32_t a, uint32_t *fpscr)
{
	return fpu_convert(&fpu_single, &fpu_double, a, false, fpscr);
}

uint32_t fpu_f64_to_f32(uint64_t a, uint32_t *fpscr)
{
	return (uint32_t)fpu_convert(&fpu_double, &fpu_single, a, false, fpscr);
}

uint32_t fpu_f32_to_f16(uint32_t a, bool ahp, uint32_t *fpscr)
{
	return (uint32_t)fpu_convert(&fpu_single, &fpu_half, a, ahp, fpscr);
}

uint32_t fpu_f16_to_f32(uint32_t h, bool ahp, uint32_t *fpscr)
{
	return (uint32_t)fpu_convert(&fpu_half, &fpu_single, h & 0xffffu, ahp, fpscr);
}

uint32_t fpu_f64_to_f16(uint64_t a, bool ahp, uint32_t *fpscr)
{
	return (uint32_t)fpu_convert(&fpu_double, &fpu_half, a, ahp, fpscr);
}

uint64_t fpu_f16_to_f64(uint32_t h, bool ahp, uint32_t *fpscr)
{
	return fpu_convert(&fpu_half, &fpu_double, h & 0xffffu, ahp, fpscr);
}

/* ---- fixed point ---------------------------------------------------------------- */

/*
 * FPToFixed: value * 2^frac rounded to an integer in mode rm, saturated to
 * `width` bits with IOC (a NaN is 0 with IOC), else IXC when inexact.
 */
static uint32_t fpu_to_fixed(const struct fpu_fmt *f, uint64_t x, bool is_signed, unsigned width,
			     unsigned frac, enum fpu_round rm, uint32_t *fpscr)
{
	uint32_t exc = 0;
	enum fpu_class k = fpu_unpack(f, &x, *fpscr, &exc);
	bool neg = fmt_sign(f, x);
	/* Magnitude after rounding; `big` when beyond any 32-bit range. */
	uint64_t mag = 0;
	bool big = false, inexact = false;
	if (fpu_is_nan(k)) {
		*fpscr |= exc | FPSCR_IOC;
		return 0;
	}
	if (k == FPC_INF)
		big = true;
	else if (k == FPC_NONZERO) {
		int exp;
		uint64_t mant = fpu_decompose(f, x, &exp);
		exp += (int)frac;
		/* At least 2^40 saturates any destination. */
		if (exp >= 0)
			big = exp + (64 - __builtin_clzll(mant)) > 40;
		if (exp >= 0 && !big)
			mag = mant << exp;
		else if (exp < 0) {
			enum fpu_rest rest;
			mag = fpu_split(mant, (unsigned)-exp, &rest);
			inexact = rest != FPU_EXACT;
			mag += fpu_round_up(rm, neg, mag, rest);
		}
	}
	/* SatQ to the destination's range. */
	uint64_t lim_pos = is_signed ? (1ull << (width - 1)) - 1 : (1ull << width) - 1;
	uint64_t lim_neg = is_signed ? 1ull << (width - 1) : 0;
	uint64_t mask = width == 32 ? 0xffffffffull : (1ull << width) - 1;
	int64_t v;
	if (neg && (big || mag > lim_neg)) {
		v = -(int64_t)lim_neg;
		exc |= FPSCR_IOC;
	} else if (!neg && (big || mag > lim_pos)) {
		v = (int64_t)lim_pos;
		exc |= FPSCR_IOC;
	} else {
		v = neg ? -(int64_t)mag : (int64_t)mag;
		if (inexact)
			exc |= FPSCR_IXC;
	}
	*fpscr |= exc;
	uint64_t bits = (uint64_t)v & mask;
	/* A 16-bit result sign- or zero-extended. */
	if (is_signed && width < 32 && (bits >> (width - 1)))
		bits |= ~mask;
	return (uint32_t)bits;
}

uint32_t fpu_f32_to_fixed(uint32_t a, bool is_signed, unsigned width, unsigned frac,
			  enum fpu_round rmode, uint32_t *fpscr)
{
	return fpu_to_fixed(&fpu_single, a, is_signed, width, frac, rmode, fpscr);
}

uint32_t fpu_f64_to_fixed(uint64_t a, bool is_signed, unsigned width, unsigned frac,
			  enum fpu_round rmode, uint32_t *fpscr)
{
	return fpu_to_fixed(&fpu_double, a, is_signed, width, frac, rmode, fpscr);
}

/* FixedToFP: the low `width` bits of v, over 2^frac, rounded by FPRound. */
static uint64_t fpu_from_fixed(const struct fpu_fmt *f, uint32_t v, bool is_signed,
			       unsigned width, unsigned frac, enum fpu_round rm, uint32_t *fpscr)
{
	uint64_t mask = width == 32 ? 0xffffffffull : (1ull << width) - 1;
	uint64_t u = v & mask;
	bool neg = is_signed && (u >> (width - 1));
	uint64_t mag = neg ? ((~u + 1) & mask) : u;
	if (u == 0)
		return 0; /* FPZero('0') */
	uint32_t exc = 0;
	uint64_t r = fpu_round(f, neg, mag, -(int)frac, rm, *fpscr, &exc);
	*fpscr |= exc;
	return r;
}

uint32_t fpu_fixed_to_f32(uint32_t v, bool is_signed, unsigned width, unsigned frac,
			  enum fpu_round rmode, uint32_t *fpscr)
{
	return (uint32_t)fpu_from_fixed(&fpu_single, v, is_signed, width, frac, rmode, fpscr);
}

uint64_t fpu_fixed_to_f64(uint32_t v, bool is_signed, unsigned width, unsigned frac,
			  enum fpu_round rmode, uint32_t *fpscr)
{
	return fpu_from_fixed(&fpu_double, v, is_signed, width, frac, rmode, fpscr);
}

/* ---- round to integral ------------------------------------------------------------ */

/* FPRoundInt: NaNs processed, infinities and zeros kept, a zero result
 * with the operand's sign; IXC only for VRINTX (`exact`). */
static uint64_t fpu_rint(const struct fpu_fmt *f, uint64_t x, enum fpu_round rm, bool exact,
			 uint32_t *fpscr)
{
	uint32_t fs = *fpscr, exc = 0;
	enum fpu_class k = fpu_unpack(f, &x, fs, &exc);
	uint64_t r = x;
	if (fpu_is_nan(k))
		r = fpu_process_nan(f, x, k, fs, &exc);
	else if (k == FPC_NONZERO) {
		int exp;
		uint64_t mant = fpu_decompose(f, x, &exp);
		bool neg = fmt_sign(f, x);
		if (exp < 0) {
			enum fpu_rest rest;
			uint64_t ip = fpu_split(mant, (unsigned)-exp, &rest);
			ip += fpu_round_up(rm, neg, ip, rest);
			uint32_t ignored = 0; /* the integral value is exact */
			r = ip == 0 ? x & fmt_sign_bit(f)
				    : fpu_round(f, neg, ip, 0, FPU_RZ, fs, &ignored);
			if (exact && rest != FPU_EXACT)
				exc |= FPSCR_IXC;
		}
	}
	*fpscr |= exc;
	return r;
}

uint32_t fpu_rint32(uint32_t a, enum fpu_round rmode, bool exact, uint32_t *fpscr)
{
	return (uint32_t)fpu_rint(&fpu_single, a, rmode, exact, fpscr);
}

uint64_t fpu_rint64(uint64_t a, enum fpu_round rmode, bool exact, uint32_t *fpscr)
{
	return fpu_rint(&fpu_double, a, rmode, exact, fpscr);
}

/* ---- immediates ------------------------------------------------------------------- */

/* VFPExpandImm: sign, NOT(b6):b6 replicated:b5:b4, fraction b3:b0 then zeros. */
uint32_t fpu_expand_imm32(uint8_t imm8)
{
	uint32_t b6 = (imm8 >> 6) & 1u;
	uint32_t exp = ((b6 ^ 1u) << 7) | (b6 ? 0x7cu : 0) | ((imm8 >> 4) & 3u);
	return ((uint32_t)(imm8 >> 7) << 31) | (exp << 23) | ((uint32_t)(imm8 & 0xfu) << 19);
}

uint64_t fpu_expand_imm64(uint8_t imm8)
{
	uint64_t b6 = (imm8 >> 6) & 1u;
	uint64_t exp = ((b6 ^ 1u) << 10) | (b6 ? 0x3fcu : 0) | ((imm8 >> 4) & 3u);
	return ((uint64_t)(imm8 >> 7) << 63) | (exp << 52) | ((uint64_t)(imm8 & 0xfu) << 48);
}
