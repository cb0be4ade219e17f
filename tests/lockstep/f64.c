/*
 * Double precision (FPv5-D16, the Cortex-M7's FPU) for pmsim alone, and
 * the corners of the FPv5 single-precision additions:
 * Unicorn 2.0.1's Cortex-M7 has no double precision (every F64
 * encoding is UNDEFINED there, docs/lockstep.md), so these cases check
 * pmsim against values computed on the host instead of against Unicorn.
 *
 * The host's IEEE 754 double arithmetic in the four rounding modes gives
 * the architecture's results and exception flags wherever the two agree
 * by definition: finite, infinite and zero operands and results that are
 * not tiny (ARM detects tininess before rounding, x86 after; cases whose
 * result is tiny are left out) and no NaN operands (x86 propagates NaNs
 * by operand position, ARM signalling ones first; a generated NaN is the
 * architecture's default NaN, 0x7FF8000000000000, not x86's negative
 * one). What the host does not decide is written from the pseudocode
 * (ARM DDI 0403E, A2.5; ARMv8-M for the FPv5 additions): conversions to
 * integers (FPToFixed: saturation with IOC, IXC only when not
 * saturated), FPMaxNum/FPMinNum on zeros, FPCompare's NZCV, and the NaN
 * cases at the end.
 *
 * The harness also runs every case on Unicorn's A-profile `max` CPU and
 * fails if that disagrees with the expected value (lockstep.c).
 *
 * Every case: D0 = S1:S0 the destination (and VFMA's addend), D1 = S3:S2
 * and D2 = S5:S4 the operands, S4 the single-precision source of
 * conversions; FPSCR set by VMSR (rounding mode only, flags clear), and
 * the result and the whole FPSCR after the instruction checked.
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "tests/lockstep/lockstep.h"

#define RMODE(m) ((uint32_t)(m) << 22)
#define DN (1u << 25)
#define IOC 0x01u
#define DZC 0x02u
#define OFC 0x04u
#define UFC 0x08u
#define IXC 0x10u
#define DEFAULT_NAN64 0x7ff8000000000000ull
#define DEFAULT_NAN32 0x7fc00000u

struct f64ctx {
	bool (*run)(void *ctx, struct ls_block *b);
	void *ctx;
	unsigned n;
	bool failed;
	struct ls_block b;
};

static uint64_t bits64(double v)
{
	uint64_t u;
	memcpy(&u, &v, 8);
	return u;
}

static uint32_t bits32(float v)
{
	uint32_t u;
	memcpy(&u, &v, 4);
	return u;
}

static const int host_mode[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

/* The host's flags since the last feclearexcept, as FPSCR bits. */
static uint32_t host_flags(void)
{
	uint32_t f = 0;
	if (fetestexcept(FE_INVALID))
		f |= IOC;
	if (fetestexcept(FE_DIVBYZERO))
		f |= DZC;
	if (fetestexcept(FE_OVERFLOW))
		f |= OFC;
	if (fetestexcept(FE_UNDERFLOW))
		f |= UFC;
	if (fetestexcept(FE_INEXACT))
		f |= IXC;
	return f;
}

/* Tiny results (and host underflow) are where x86 and ARM judge
 * underflow differently: not checked here (the FZ/underflow corners are
 * single-precision directed cases against Unicorn). */
static bool tiny64(double r, uint32_t flags)
{
	return (flags & UFC) || (r != 0 && fabs(r) <= DBL_MIN);
}

static bool tiny32(float r, uint32_t flags)
{
	return (flags & UFC) || (r != 0 && fabsf(r) <= FLT_MIN);
}

static void case_run(struct f64ctx *d, const char *name, uint16_t hw1, uint16_t hw2,
		     uint32_t fpscr, uint64_t d0, uint64_t d1, uint64_t d2, bool dbl_result,
		     uint64_t want, uint32_t want_fpscr)
{
	if (d->failed)
		return;
	struct ls_block *b = &d->b;
	ls_block_clear(b);
	b->name = name;
	for (unsigned i = 0; i < 16; i++)
		b->init.r[i] = 0x11111111u * i;
	b->init.r[13] = LS_WIN_MID;
	b->init.r[15] = LS_CODE_BASE;
	b->init.nzcv = 0;
	b->init.q = 0;
	b->init.ge = 0;
	b->init.it = 0;
	for (unsigned i = 0; i < 32; i++)
		b->init.s[i] = 0x3f800000u + i;
	b->init.s[0] = (uint32_t)d0;
	b->init.s[1] = (uint32_t)(d0 >> 32);
	b->init.s[2] = (uint32_t)d1;
	b->init.s[3] = (uint32_t)(d1 >> 32);
	b->init.s[4] = (uint32_t)d2;
	b->init.s[5] = (uint32_t)(d2 >> 32);
	ls_emit_fpscr(b, 12, fpscr);
	ls_emit32(b, hw1, hw2);
	b->expect_smask = dbl_result ? 3u : 1u;
	b->expect_s[0] = (uint32_t)want;
	b->expect_s[1] = (uint32_t)(want >> 32);
	b->expect_fpscr = true;
	b->expect_fpscr_val = want_fpscr;
	d->n++;
	if (!d->run(d->ctx, b))
		d->failed = true;
}

/* Operands: zeros, infinities, ordinary values, values that round
 * (1/3, 0.1, 2^53 + 1 in F32), the largest double, conversion limits
 * (2^31 - 0.5, -2^31 - 0.4, 2^32 - 0.5), a value beyond the largest
 * float, the smallest normal and the smallest denormal. */
static const double operand[] = {
	0.0, -0.0, INFINITY, -INFINITY, 1.0, -1.0, 3.0, 0.1, -2.5, 0.5, 1e300, -1e300,
	DBL_MAX, 9007199254740993.0, 1.0000000000000002, 1.0 / 3.0, 2147483647.5,
	-2147483648.4, 4294967295.5, 3.5e38, 2.2250738585072014e-308, 4.9e-324,
};
#define NOPERAND (sizeof operand / sizeof operand[0])

/* VADD VSUB VMUL VDIV VFMA VSQRT: Dd = D0, Dn = D1, Dm = D2 */
static void arith(struct f64ctx *d)
{
	static const double addend[] = { 0.0, -1.0, 1e300, 1.0 / 3.0 };
	for (unsigned m = 0; m < 4; m++)
		for (unsigned i = 0; i < NOPERAND; i++)
			for (unsigned j = 0; j < NOPERAND; j++)
				for (unsigned op = 0; op < 8; op++) {
					volatile double a = operand[i], b = operand[j], r;
					double c = addend[op & 3];
					static const uint16_t enc[4][2] = {
						{ 0xee31, 0x0b02 }, { 0xee31, 0x0b42 },
						{ 0xee21, 0x0b02 }, { 0xee81, 0x0b02 },
					};
					fesetround(host_mode[m]);
					feclearexcept(FE_ALL_EXCEPT);
					if (op < 4)
						r = op == 0 ? a + b : op == 1 ? a - b : op == 2 ? a * b : a / b;
					else
						r = fma(a, b, c);
					uint32_t f = host_flags();
					fesetround(FE_TONEAREST);
					if (tiny64(r, f))
						continue;
					uint64_t want = isnan(r) ? DEFAULT_NAN64 : bits64(r);
					if (op < 4)
						case_run(d, "F64 VADD/VSUB/VMUL/VDIV (host)", enc[op][0],
							 enc[op][1], RMODE(m), 0, bits64(a), bits64(b), true,
							 want, RMODE(m) | f);
					else
						case_run(d, "F64 VFMA: one rounding (host fma)", 0xeea1, 0x0b02,
							 RMODE(m), bits64(c), bits64(a), bits64(b), true,
							 want, RMODE(m) | f);
				}
}

/* FPToFixed to 32 bits with `rm` (4: ties away): saturation with IOC
 * and no IXC, IXC when inexact. */
static uint32_t to_int(double x, bool is_signed, unsigned rm, uint32_t *flags)
{
	double r;
	if (isnan(x)) {
		*flags |= IOC;
		return 0;
	}
	switch (rm) {
	case 0:
		r = nearbyint(x); /* the host is in round-to-nearest here */
		break;
	case 1:
		r = ceil(x);
		break;
	case 2:
		r = floor(x);
		break;
	case 3:
		r = trunc(x);
		break;
	default:
		r = round(x);
		break;
	}
	double lo = is_signed ? -2147483648.0 : 0.0;
	double hi = is_signed ? 2147483647.0 : 4294967295.0;
	if (r < lo || r > hi) {
		*flags |= IOC;
		return r < lo ? (is_signed ? 0x80000000u : 0) : (is_signed ? 0x7fffffffu : 0xffffffffu);
	}
	if (r != x)
		*flags |= IXC;
	return is_signed ? (uint32_t)(int32_t)r : (uint32_t)r;
}

static void unary(struct f64ctx *d)
{
	for (unsigned m = 0; m < 4; m++)
		for (unsigned i = 0; i < NOPERAND; i++) {
			volatile double a = operand[i];
			uint64_t ab = bits64(a);
			volatile double r;
			volatile float rf;
			uint32_t f;

			/* VSQRT.F64 D0, D2 */
			fesetround(host_mode[m]);
			feclearexcept(FE_ALL_EXCEPT);
			r = sqrt(a);
			f = host_flags();
			fesetround(FE_TONEAREST);
			case_run(d, "F64 VSQRT (host)", 0xeeb1, 0x0bc2, RMODE(m), 0, 0, ab, true,
				 isnan(r) ? DEFAULT_NAN64 : bits64(r), RMODE(m) | f);

			/* VCVT.F32.F64 S0, D2 */
			fesetround(host_mode[m]);
			feclearexcept(FE_ALL_EXCEPT);
			rf = (float)a;
			f = host_flags();
			fesetround(FE_TONEAREST);
			if (!tiny32(rf, f))
				case_run(d, "VCVT.F32.F64 (host)", 0xeeb7, 0x0bc2, RMODE(m), 0, 0, ab,
					 false, bits32(rf), RMODE(m) | f);

			/* VCVT.F64.F32 D0, S4: exact */
			float af = (float)operand[i];
			if (!(af != 0 && fabsf(af) < FLT_MIN))
				case_run(d, "VCVT.F64.F32 (exact)", 0xeeb7, 0x0ac2, RMODE(m), 0, 0,
					 bits32(af), true, bits64((double)af), RMODE(m));

			/* VCVT.S32/U32.F64 S0, D2 (towards zero), VCVTR (FPSCR's
			 * mode), VCVTA (ties away) */
			for (unsigned s = 0; s < 2; s++) {
				f = 0;
				uint32_t v = to_int(a, s, 3, &f);
				case_run(d, "VCVT.S32/U32.F64 (RZ)", (uint16_t)(0xeebc | s), 0x0bc2,
					 RMODE(m), 0, 0, ab, false, v, RMODE(m) | f);
				if (m == 0) {
					f = 0;
					v = to_int(a, s, 0, &f);
					case_run(d, "VCVTR.S32/U32.F64 (RN)", (uint16_t)(0xeebc | s),
						 0x0b42, 0, 0, 0, ab, false, v, f);
					f = 0;
					v = to_int(a, s, 4, &f);
					case_run(d, "VCVTA.S32/U32.F64", 0xfebc, (uint16_t)(0x0b42 | s << 7),
						 0, 0, 0, ab, false, v, f);
				}
			}

			/* VRINTZ/VRINTR/VRINTX (FPSCR's mode) and VRINTA/N/P/M */
			fesetround(host_mode[m]);
			r = nearbyint(a);
			fesetround(FE_TONEAREST);
			case_run(d, "VRINTR.F64", 0xeeb6, 0x0b42, RMODE(m), 0, 0, ab, true, bits64(r),
				 RMODE(m));
			case_run(d, "VRINTX.F64: IXC when it changes", 0xeeb7, 0x0b42, RMODE(m), 0, 0, ab,
				 true, bits64(r), RMODE(m) | (r != a ? IXC : 0));
			if (m == 0) {
				case_run(d, "VRINTZ.F64", 0xeeb6, 0x0bc2, 0, 0, 0, ab, true,
					 bits64(trunc(a)), 0);
				case_run(d, "VRINTA.F64", 0xfeb8, 0x0b42, 0, 0, 0, ab, true,
					 bits64(round(a)), 0);
				case_run(d, "VRINTN.F64", 0xfeb9, 0x0b42, 0, 0, 0, ab, true,
					 bits64(nearbyint(a)), 0);
				case_run(d, "VRINTP.F64", 0xfeba, 0x0b42, 0, 0, 0, ab, true,
					 bits64(ceil(a)), 0);
				case_run(d, "VRINTM.F64", 0xfebb, 0x0b42, 0, 0, 0, ab, true,
					 bits64(floor(a)), 0);
			}
		}
	/* VCVT.F64.S32/U32 D0, S4: exact */
	static const uint32_t ints[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 12345 };
	for (unsigned i = 0; i < 6; i++) {
		case_run(d, "VCVT.F64.S32", 0xeeb8, 0x0bc2, 0, 0, 0, ints[i], true,
			 bits64((double)(int32_t)ints[i]), 0);
		case_run(d, "VCVT.F64.U32", 0xeeb8, 0x0b42, 0, 0, 0, ints[i], true,
			 bits64((double)ints[i]), 0);
	}
}

/* VMAXNM/VMINNM and VCMP on pairs: FPMax/FPMin give +0 for max(+0, -0)
 * and -0 for min; FPCompare's NZCV. */
static void pairs(struct f64ctx *d)
{
	for (unsigned i = 0; i < NOPERAND; i++)
		for (unsigned j = 0; j < NOPERAND; j++) {
			double a = operand[i], b = operand[j];
			uint64_t mx, mn;
			if (a == 0 && b == 0) {
				mx = bits64(a) & bits64(b);
				mn = bits64(a) | bits64(b);
			} else {
				mx = bits64(a > b ? a : b);
				mn = bits64(a < b ? a : b);
			}
			case_run(d, "VMAXNM.F64", 0xfe81, 0x0b02, 0, 0, bits64(a), bits64(b), true, mx, 0);
			case_run(d, "VMINNM.F64", 0xfe81, 0x0b42, 0, 0, bits64(a), bits64(b), true, mn, 0);
			uint32_t nzcv = a == b ? 0x60000000u : a < b ? 0x80000000u : 0x20000000u;
			/* VCMP.F64 D0, D2: D0 unchanged */
			case_run(d, "VCMP.F64", 0xeeb4, 0x0b42, 0, bits64(a), 0, bits64(b), true,
				 bits64(a), nzcv);
		}
}

/* NaNs, written from FPProcessNaNs / FPConvert / FPMaxNum / FPCompare. */
static void nans(struct f64ctx *d)
{
	const uint64_t q1 = 0x7ff8000000011111ull, s2 = 0x7ff0000000022222ull;
	const uint64_t one = bits64(1.0);
	case_run(d, "F64 VADD QNaN + SNaN: the quietened SNaN, IOC", 0xee31, 0x0b02, 0, 0, q1, s2,
		 true, s2 | 1ull << 51, IOC);
	case_run(d, "F64 VADD QNaN + 1 keeps the payload", 0xee31, 0x0b02, 0, 0, q1, one, true, q1, 0);
	case_run(d, "F64 VADD DN: the default NaN", 0xee31, 0x0b02, DN, 0, q1, s2, true,
		 DEFAULT_NAN64, DN | IOC);
	case_run(d, "F64 VFMA QNaN addend + inf * 0: the default NaN, IOC", 0xeea1, 0x0b02, 0, q1,
		 bits64(INFINITY), 0, true, DEFAULT_NAN64, IOC);
	case_run(d, "F64 VFMA QNaN addend, SNaN operand: the operand, IOC", 0xeea1, 0x0b02, 0, q1,
		 s2, one, true, s2 | 1ull << 51, IOC);
	case_run(d, "F64 VSQRT(-1): the default NaN", 0xeeb1, 0x0bc2, 0, 0, 0, bits64(-1.0), true,
		 DEFAULT_NAN64, IOC);
	/* FPConvert keeps the top of the payload and sets the quiet bit */
	case_run(d, "VCVT.F32.F64 of a QNaN", 0xeeb7, 0x0bc2, 0, 0, 0, 0xfff8012345678000ull, false,
		 0xff800000u | 0x400000u | (uint32_t)((0xfff8012345678000ull >> 29) & 0x7fffff), 0);
	case_run(d, "VCVT.F32.F64 of an SNaN: quietened, IOC", 0xeeb7, 0x0bc2, 0, 0, 0, s2, false,
		 0x7fc00000u | (uint32_t)((s2 >> 29) & 0x7fffff), IOC);
	case_run(d, "VCVT.F64.F32 of an SNaN: quietened, IOC", 0xeeb7, 0x0ac2, 0, 0, 0, 0x7f812345,
		 true, 0x7ff8000000000000ull | (uint64_t)0x012345 << 29, IOC);
	case_run(d, "VCVT.F64.F32 DN: the default NaN", 0xeeb7, 0x0ac2, DN, 0, 0, 0x7fc12345, true,
		 DEFAULT_NAN64, DN);
	case_run(d, "VCVT.S32.F64 of a NaN: 0, IOC", 0xeebd, 0x0bc2, 0, 0, 0, q1, false, 0, IOC);
	case_run(d, "VMAXNM.F64 QNaN, 1: the number", 0xfe81, 0x0b02, 0, 0, q1, one, true, one, 0);
	case_run(d, "VMINNM.F64 1, QNaN: the number", 0xfe81, 0x0b42, 0, 0, one, q1, true, one, 0);
	case_run(d, "VMAXNM.F64 SNaN, 1: the quietened SNaN, IOC", 0xfe81, 0x0b02, 0, 0, s2, one,
		 true, s2 | 1ull << 51, IOC);
	case_run(d, "VCMP.F64 QNaN: unordered", 0xeeb4, 0x0b42, 0, q1, 0, one, true, q1, 0x30000000u);
	case_run(d, "VCMPE.F64 QNaN: unordered, IOC", 0xeeb4, 0x0bc2, 0, q1, 0, one, true, q1,
		 0x30000000u | IOC);
	case_run(d, "VCVT.F32.F64: 2^128 overflows (RZ: the largest float)", 0xeeb7, 0x0bc2,
		 RMODE(3), 0, 0, bits64(ldexp(1.0, 128)), false, bits32(FLT_MAX),
		 RMODE(3) | OFC | IXC);
}

/* The FPv5 single-precision corners, pinned here as well as compared
 * with Unicorn's Cortex-M7 in the fp5 group: S0 = op(S2, S4) or op(S4).
 * VMAXNM/VMINNM: a quiet NaN loses to a number, a signalling one does
 * not; +0 beats -0 for max. VRINT and VCVT with their own rounding: ties
 * away (A) and to even (N), -0 from rounding a negative value up, and
 * VCVTA's saturation of -0.5 -> -1 to 0 with IOC. */
static void fp5_single(struct f64ctx *d)
{
	static const struct {
		const char *name;
		uint16_t hw1, hw2;
		uint32_t n, m, want, fpscr;
	} c[] = {
		{ "VMAXNM.F32 QNaN, 1: 1", 0xfe81, 0x0a02, 0x7fc11111, 0x3f800000, 0x3f800000, 0 },
		{ "VMINNM.F32 1, QNaN: 1", 0xfe81, 0x0a42, 0x3f800000, 0x7fc11111, 0x3f800000, 0 },
		{ "VMAXNM.F32 SNaN, 1: the quietened SNaN, IOC", 0xfe81, 0x0a02, 0x7f811111,
		  0x3f800000, 0x7fc11111, IOC },
		{ "VMAXNM.F32 -0, +0: +0", 0xfe81, 0x0a02, 0x80000000, 0, 0, 0 },
		{ "VMINNM.F32 +0, -0: -0", 0xfe81, 0x0a42, 0, 0x80000000, 0x80000000, 0 },
		{ "VRINTA.F32 2.5: 3", 0xfeb8, 0x0a42, 0, 0x40200000, 0x40400000, 0 },
		{ "VRINTA.F32 -2.5: -3", 0xfeb8, 0x0a42, 0, 0xc0200000, 0xc0400000, 0 },
		{ "VRINTA.F32 -0.4: -0", 0xfeb8, 0x0a42, 0, 0xbecccccd, 0x80000000, 0 },
		{ "VRINTN.F32 2.5: 2", 0xfeb9, 0x0a42, 0, 0x40200000, 0x40000000, 0 },
		{ "VRINTP.F32 -0.5: -0", 0xfeba, 0x0a42, 0, 0xbf000000, 0x80000000, 0 },
		{ "VRINTM.F32 0.5: +0", 0xfebb, 0x0a42, 0, 0x3f000000, 0, 0 },
		{ "VRINTZ.F32 -1.75: -1", 0xeeb6, 0x0ac2, 0, 0xbfe00000, 0xbf800000, 0 },
		{ "VRINTX.F32 1.5 (RN): 2, IXC", 0xeeb7, 0x0a42, 0, 0x3fc00000, 0x40000000, IXC },
		{ "VRINTR.F32 1.5 (RN): 2, no IXC", 0xeeb6, 0x0a42, 0, 0x3fc00000, 0x40000000, 0 },
		{ "VRINTA.F32 of an SNaN: quietened, IOC", 0xfeb8, 0x0a42, 0, 0x7f812345, 0x7fc12345, IOC },
		{ "VCVTA.S32.F32 2.5: 3", 0xfebc, 0x0ac2, 0, 0x40200000, 3, IXC },
		{ "VCVTA.S32.F32 -2.5: -3", 0xfebc, 0x0ac2, 0, 0xc0200000, 0xfffffffd, IXC },
		{ "VCVTN.S32.F32 2.5: 2", 0xfebd, 0x0ac2, 0, 0x40200000, 2, IXC },
		{ "VCVTP.U32.F32 -0.5: 0, IXC", 0xfebe, 0x0a42, 0, 0xbf000000, 0, IXC },
		{ "VCVTM.S32.F32 -0.5: -1", 0xfebf, 0x0ac2, 0, 0xbf000000, 0xffffffff, IXC },
		{ "VCVTA.U32.F32 -0.5: -1 saturates to 0, IOC", 0xfebc, 0x0a42, 0, 0xbf000000, 0, IOC },
		{ "VCVTA.S32.F32 2^31: saturates", 0xfebc, 0x0ac2, 0, 0x4f000000, 0x7fffffff, IOC },
	};
	for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++)
		case_run(d, c[i].name, c[i].hw1, c[i].hw2, 0, 0, c[i].n, c[i].m, false, c[i].want,
			 c[i].fpscr);
}

unsigned ls_directed_f64(bool (*runfn)(void *ctx, struct ls_block *b), void *ctx)
{
	static struct f64ctx d;
	d.run = runfn;
	d.ctx = ctx;
	d.n = 0;
	d.failed = false;
	arith(&d);
	unary(&d);
	pairs(&d);
	nans(&d);
	fp5_single(&d);
	return d.failed ? 0 : d.n;
}
