/*
 * The FP arithmetic core (cpu/fpu.c) against values worked out from the
 * ARMv7-M pseudocode (A2.5): each expected result is written as bits with
 * the value it stands for, and each case checks the flags it raises too
 * (the FPSCR starts with none).
 *
 * The cases that matter are those where ARM differs from a plain host
 * computation: NaN priority and the positive default NaN, flush-to-zero
 * of inputs and of results that are tiny before rounding, underflow when
 * tiny before rounding and inexact, a single rounding in VFMA, saturating
 * conversions, the alternative half-precision format, VCMP against VCMPE,
 * VMAXNM/VMINNM and the VRINT variants.
 */
#include <check.h>
#include <fenv.h>

#include "cpu/fpu.h"
#include "check_run.h"

/* FPSCR modes a case starts from. */
#define RN 0u
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)
#define FZ FPSCR_FZ
#define DN FPSCR_DN

#define IOC FPSCR_IOC
#define DZC FPSCR_DZC
#define OFC FPSCR_OFC
#define UFC FPSCR_UFC
#define IXC FPSCR_IXC
#define IDC FPSCR_IDC

static uint32_t fs;

/* The result of `call` (which updates fs) is `want`, the flags it raised
 * exactly `flags`, and the modes are untouched. */
#define CK(mode, call, want, flags)                                                            \
	do {                                                                                   \
		fs = (mode);                                                                   \
		unsigned long long got_ = (call);                                              \
		ck_assert_msg(got_ == (unsigned long long)(want), "%s = %#llx, want %#llx",     \
			      #call, got_, (unsigned long long)(want));                         \
		ck_assert_msg((fs & FPSCR_EXC_MASK) == (flags), "%s: flags %#x, want %#x",       \
			      #call, fs & FPSCR_EXC_MASK, (unsigned)(flags));                   \
		ck_assert_msg((fs & ~FPSCR_EXC_MASK) == (mode), "%s changed the modes", #call);  \
	} while (0)

/* Single precision. */
#define ONE 0x3f800000u
#define TWO 0x40000000u
#define THREE 0x40400000u
#define MONE 0xbf800000u
#define PINF 0x7f800000u
#define NINF 0xff800000u
#define PZERO 0x00000000u
#define NZERO 0x80000000u
#define DNAN 0x7fc00000u
/* Double precision. */
#define D_ONE 0x3ff0000000000000ull
#define D_THREE 0x4008000000000000ull
#define D_PINF 0x7ff0000000000000ull
#define D_NINF 0xfff0000000000000ull
#define D_DNAN 0x7ff8000000000000ull

/* ---- rounding modes on inexact operations ------------------------------------ */

START_TEST(add_rounding)
{
	/* 1 + 0.75 ulp(1) (0x33c00000 = 1.5 * 2^-24): between 1 and 1+2^-23. */
	CK(RN, fpu_add32(ONE, 0x33c00000u, &fs), 0x3f800001u, IXC);
	CK(RP, fpu_add32(ONE, 0x33c00000u, &fs), 0x3f800001u, IXC);
	CK(RM, fpu_add32(ONE, 0x33c00000u, &fs), 0x3f800000u, IXC);
	CK(RZ, fpu_add32(ONE, 0x33c00000u, &fs), 0x3f800000u, IXC);
	/* The same below zero: RP and RM change places. */
	CK(RN, fpu_add32(MONE, 0xb3c00000u, &fs), 0xbf800001u, IXC);
	CK(RP, fpu_add32(MONE, 0xb3c00000u, &fs), 0xbf800000u, IXC);
	CK(RM, fpu_add32(MONE, 0xb3c00000u, &fs), 0xbf800001u, IXC);
	CK(RZ, fpu_add32(MONE, 0xb3c00000u, &fs), 0xbf800000u, IXC);
	/* 1 + 2^-24 is a tie: to even (1.0) in RN. */
	CK(RN, fpu_add32(ONE, 0x33800000u, &fs), 0x3f800000u, IXC);
	/* 1 - 1.5 * 2^-24: below 1 the grid is 2^-24, so a tie between
	 * 0x3f7fffff (1 - 2^-24) and the even 0x3f7ffffe (1 - 2^-23). */
	CK(RN, fpu_sub32(ONE, 0x33c00000u, &fs), 0x3f7ffffeu, IXC);
	CK(RP, fpu_sub32(ONE, 0x33c00000u, &fs), 0x3f7fffffu, IXC);
	CK(RZ, fpu_sub32(ONE, 0x33c00000u, &fs), 0x3f7ffffeu, IXC);
	/* Exact: no flags. 1 + 2 = 3. */
	CK(RN, fpu_add32(ONE, TWO, &fs), THREE, 0);
	/* x - x is +0, except -0 towards minus infinity. */
	CK(RN, fpu_sub32(THREE, THREE, &fs), PZERO, 0);
	CK(RM, fpu_sub32(THREE, THREE, &fs), NZERO, 0);
	CK(RN, fpu_add32(NZERO, NZERO, &fs), NZERO, 0);
	CK(RN, fpu_add32(PZERO, NZERO, &fs), PZERO, 0);
	/* Double: 1 + 0.75 ulp (0x3ca8000000000000 = 1.5 * 2^-53). */
	CK(RN, fpu_add64(D_ONE, 0x3ca8000000000000ull, &fs), 0x3ff0000000000001ull, IXC);
	CK(RP, fpu_add64(D_ONE, 0x3ca8000000000000ull, &fs), 0x3ff0000000000001ull, IXC);
	CK(RM, fpu_add64(D_ONE, 0x3ca8000000000000ull, &fs), D_ONE, IXC);
	CK(RZ, fpu_add64(D_ONE, 0x3ca8000000000000ull, &fs), D_ONE, IXC);
	CK(RN, fpu_sub64(D_THREE, D_ONE, &fs), 0x4000000000000000ull, 0);
	/* 1 - (1 + 2^-52) = -2^-52, exact. */
	CK(RN, fpu_sub64(D_ONE, 0x3ff0000000000001ull, &fs), 0xbcb0000000000000ull, 0);
}
END_TEST

START_TEST(mul_rounding)
{
	/* 3 * (1 + 2^-23) = 3 + 1.5 ulp(3): a tie between 0x40400001 and the
	 * even 0x40400002. */
	CK(RN, fpu_mul32(THREE, 0x3f800001u, &fs), 0x40400002u, IXC);
	CK(RP, fpu_mul32(THREE, 0x3f800001u, &fs), 0x40400002u, IXC);
	CK(RM, fpu_mul32(THREE, 0x3f800001u, &fs), 0x40400001u, IXC);
	CK(RZ, fpu_mul32(THREE, 0x3f800001u, &fs), 0x40400001u, IXC);
	/* (1 + 2^-23)^2 = 1 + 2^-22 + 2^-46. */
	CK(RN, fpu_mul32(0x3f800001u, 0x3f800001u, &fs), 0x3f800002u, IXC);
	CK(RP, fpu_mul32(0x3f800001u, 0x3f800001u, &fs), 0x3f800003u, IXC);
	CK(RM, fpu_mul32(0xbf800001u, 0x3f800001u, &fs), 0xbf800003u, IXC);
	CK(RZ, fpu_mul32(0xbf800001u, 0x3f800001u, &fs), 0xbf800002u, IXC);
	/* Exact: 1.5 * 2 = 3. Signed zeros: -0 * 3 = -0. */
	CK(RN, fpu_mul32(0x3fc00000u, TWO, &fs), THREE, 0);
	CK(RN, fpu_mul32(NZERO, THREE, &fs), NZERO, 0);
	/* Double: 3 * (1 + 2^-52) = 3 + 1.5 ulp(3), tie to even. */
	CK(RN, fpu_mul64(D_THREE, 0x3ff0000000000001ull, &fs), 0x4008000000000002ull, IXC);
	CK(RP, fpu_mul64(D_THREE, 0x3ff0000000000001ull, &fs), 0x4008000000000002ull, IXC);
	CK(RM, fpu_mul64(D_THREE, 0x3ff0000000000001ull, &fs), 0x4008000000000001ull, IXC);
	CK(RZ, fpu_mul64(D_THREE, 0x3ff0000000000001ull, &fs), 0x4008000000000001ull, IXC);
	CK(RN, fpu_mul64(0x3ff8000000000000ull, 0x4000000000000000ull, &fs), D_THREE, 0);
}
END_TEST

START_TEST(div_sqrt_rounding)
{
	/* 1/3 = 1.0101...b * 2^-2: the cut-off part is 2/3 ulp. */
	CK(RN, fpu_div32(ONE, THREE, &fs), 0x3eaaaaabu, IXC);
	CK(RP, fpu_div32(ONE, THREE, &fs), 0x3eaaaaabu, IXC);
	CK(RM, fpu_div32(ONE, THREE, &fs), 0x3eaaaaaau, IXC);
	CK(RZ, fpu_div32(ONE, THREE, &fs), 0x3eaaaaaau, IXC);
	CK(RP, fpu_div32(MONE, THREE, &fs), 0xbeaaaaaau, IXC);
	CK(RM, fpu_div32(MONE, THREE, &fs), 0xbeaaaaabu, IXC);
	/* Exact quotient: 3/2 = 1.5. */
	CK(RN, fpu_div32(THREE, TWO, &fs), 0x3fc00000u, 0);
	CK(RN, fpu_div64(D_THREE, 0x4000000000000000ull, &fs), 0x3ff8000000000000ull, 0);
	/* In double the cut-off part of 1/3 is 1/3 ulp. */
	CK(RN, fpu_div64(D_ONE, D_THREE, &fs), 0x3fd5555555555555ull, IXC);
	CK(RP, fpu_div64(D_ONE, D_THREE, &fs), 0x3fd5555555555556ull, IXC);
	CK(RZ, fpu_div64(D_ONE, D_THREE, &fs), 0x3fd5555555555555ull, IXC);
	/* sqrt(2) = 1.41421356237...: 0x3fb504f3 (1.4142135381...) below it,
	 * 0x3fb504f4 (1.4142136573...) above. */
	CK(RN, fpu_sqrt32(TWO, &fs), 0x3fb504f3u, IXC);
	CK(RP, fpu_sqrt32(TWO, &fs), 0x3fb504f4u, IXC);
	CK(RM, fpu_sqrt32(TWO, &fs), 0x3fb504f3u, IXC);
	CK(RZ, fpu_sqrt32(TWO, &fs), 0x3fb504f3u, IXC);
	/* Double: 0x3ff6a09e667f3bcd (1.41421356237309514547) is above it. */
	CK(RN, fpu_sqrt64(0x4000000000000000ull, &fs), 0x3ff6a09e667f3bcdull, IXC);
	CK(RP, fpu_sqrt64(0x4000000000000000ull, &fs), 0x3ff6a09e667f3bcdull, IXC);
	CK(RZ, fpu_sqrt64(0x4000000000000000ull, &fs), 0x3ff6a09e667f3bccull, IXC);
	/* Exact roots, and sqrt(-0) = -0. */
	CK(RN, fpu_sqrt32(0x41100000u, &fs), THREE, 0);
	CK(RN, fpu_sqrt64(0x4022000000000000ull, &fs), D_THREE, 0);
	CK(RN, fpu_sqrt32(NZERO, &fs), NZERO, 0);
}
END_TEST

/* ---- fused multiply-add -------------------------------------------------------- */

START_TEST(fma_single_rounding)
{
	/* (1+2^-23)^2 - (1+2^-22) = 2^-46 (0x28800000) exactly: rounding the
	 * product first would give 0. */
	CK(RN, fpu_muladd32(0xbf800002u, 0x3f800001u, 0x3f800001u, &fs), 0x28800000u, 0);
	/* 1 + (1+2^-23)^2 = 2 + 2^-22 + 2^-46 = 2 + 1 ulp(2) + a little. */
	CK(RN, fpu_muladd32(ONE, 0x3f800001u, 0x3f800001u, &fs), 0x40000001u, IXC);
	CK(RP, fpu_muladd32(ONE, 0x3f800001u, 0x3f800001u, &fs), 0x40000002u, IXC);
	CK(RM, fpu_muladd32(ONE, 0x3f800001u, 0x3f800001u, &fs), 0x40000001u, IXC);
	CK(RZ, fpu_muladd32(ONE, 0x3f800001u, 0x3f800001u, &fs), 0x40000001u, IXC);
	/* (1 + 2^-23) + (1 + 2^-18) * 2^-24 (1 - 2^-18) = 1 + 1.5 * 2^-23 -
	 * 2^-60: just below the midpoint between 0x3f800001 and the even
	 * 0x3f800002, so down. Rounding to double first would land on the
	 * midpoint and go to even. */
	CK(RN, fpu_muladd32(0x3f800001u, 0x3f800020u, 0x337fffc0u, &fs), 0x3f800001u, IXC);
	CK(RP, fpu_muladd32(0x3f800001u, 0x3f800020u, 0x337fffc0u, &fs), 0x3f800002u, IXC);
	/* Just above it: (1 + 2^-23) + (1 + 2^-18)^2 * 2^-24 -> up. */
	CK(RN, fpu_muladd32(0x3f800001u, 0x3f800020u, 0x33800020u, &fs), 0x3f800002u, IXC);
	/* Exact: 1 + 1*2 = 3. */
	CK(RN, fpu_muladd32(ONE, ONE, TWO, &fs), THREE, 0);
	/* Double: (1+2^-52)^2 - (1+2^-51) = 2^-104 (0x3970000000000000). */
	CK(RN, fpu_muladd64(0xbff0000000000002ull, 0x3ff0000000000001ull, 0x3ff0000000000001ull, &fs),
	   0x3970000000000000ull, 0);
	CK(RP, fpu_muladd64(D_ONE, 0x3ff0000000000001ull, 0x3ff0000000000001ull, &fs),
	   0x4000000000000002ull, IXC);
	CK(RN, fpu_muladd64(D_ONE, 0x3ff0000000000001ull, 0x3ff0000000000001ull, &fs),
	   0x4000000000000001ull, IXC);
	/* 2^100 + 1 * 2^-100: far apart, so inexact (RN: 2^100; RP: one ulp up). */
	CK(RN, fpu_muladd64(0x4630000000000000ull, D_ONE, 0x39b0000000000000ull, &fs),
	   0x4630000000000000ull, IXC);
	CK(RP, fpu_muladd64(0x4630000000000000ull, D_ONE, 0x39b0000000000000ull, &fs),
	   0x4630000000000001ull, IXC);
	/* -3 + 1.5 * 2 cancels exactly: +0. And 0 + 1.5 * 2 = 3. */
	CK(RN, fpu_muladd64(0xc008000000000000ull, 0x3ff8000000000000ull, 0x4000000000000000ull, &fs),
	   0, 0);
	CK(RN, fpu_muladd64(0, 0x3ff8000000000000ull, 0x4000000000000000ull, &fs), D_THREE, 0);
	/* (1 + 2^-52) * (1 - 2^-53) - 1 = 2^-53 - 2^-105, 52 ones: exact. */
	CK(RN, fpu_muladd64(0xbff0000000000000ull, 0x3ff0000000000001ull, 0x3fefffffffffffffull, &fs),
	   0x3c9ffffffffffffeull, 0);
	/* (1 + 2^-52)^2 - 1 = 2^-51 + 2^-104: half an ulp over 2^-51, a tie
	 * to the even 2^-51. */
	CK(RN, fpu_muladd64(0xbff0000000000000ull, 0x3ff0000000000001ull, 0x3ff0000000000001ull, &fs),
	   0x3cc0000000000000ull, IXC);
	CK(RP, fpu_muladd64(0xbff0000000000000ull, 0x3ff0000000000001ull, 0x3ff0000000000001ull, &fs),
	   0x3cc0000000000001ull, IXC);
	/* inf*0 and inf - inf are invalid: the default NaN. */
	CK(RN, fpu_muladd32(ONE, PINF, PZERO, &fs), DNAN, IOC);
	CK(RN, fpu_muladd32(NINF, PINF, ONE, &fs), DNAN, IOC);
	CK(RN, fpu_muladd32(ONE, PINF, TWO, &fs), PINF, 0);
	CK(RN, fpu_muladd64(D_ONE, D_PINF, 0, &fs), D_DNAN, IOC);
	/* -1 + 1*1 = +0 (exact zero), -0 in RM. */
	CK(RN, fpu_muladd32(MONE, ONE, ONE, &fs), PZERO, 0);
	CK(RM, fpu_muladd32(MONE, ONE, ONE, &fs), NZERO, 0);
}
END_TEST

/* ---- NaNs and the invalid, divide-by-zero cases ------------------------------------ */

START_TEST(nan_propagation)
{
	/* A quiet NaN passes unchanged (payload and sign); DN: the default. */
	CK(RN, fpu_add32(0x7fc12345u, ONE, &fs), 0x7fc12345u, 0);
	CK(DN, fpu_add32(0x7fc12345u, ONE, &fs), DNAN, 0);
	CK(RN, fpu_add32(ONE, 0xffc00001u, &fs), 0xffc00001u, 0);
	CK(DN, fpu_add32(ONE, 0xffc00001u, &fs), DNAN, 0);
	/* A signalling NaN is quietened with IOC, DN or not. */
	CK(RN, fpu_mul32(0x7f812345u, ONE, &fs), 0x7fc12345u, IOC);
	CK(DN, fpu_mul32(0x7f812345u, ONE, &fs), DNAN, IOC);
	/* FPSub does not negate a NaN second operand. */
	CK(RN, fpu_sub32(ONE, 0x7fc00002u, &fs), 0x7fc00002u, 0);
	/* Priority: any signalling NaN before a quiet one, then operand order. */
	CK(RN, fpu_add32(0x7fc00001u, 0x7f800002u, &fs), 0x7fc00002u, IOC);
	CK(RN, fpu_add32(0x7f800001u, 0x7f800002u, &fs), 0x7fc00001u, IOC);
	CK(RN, fpu_div32(0x7fc00001u, 0x7fc00002u, &fs), 0x7fc00001u, 0);
	CK(RN, fpu_sqrt32(0xff800005u, &fs), 0xffc00005u, IOC);
	/* Double: the quiet bit is bit 51. */
	CK(RN, fpu_add64(0x7ff0000000000001ull, D_ONE, &fs), 0x7ff8000000000001ull, IOC);
	CK(RN, fpu_mul64(0x7ff8000000000003ull, 0x7ff0000000000004ull, &fs), 0x7ff8000000000004ull,
	   IOC);
	CK(DN, fpu_sub64(D_ONE, 0xfff8000000000000ull, &fs), D_DNAN, 0);
	/* FPMulAdd(addend, a, b): NaNs in that order, signalling first. */
	CK(RN, fpu_muladd32(0x7fc00001u, 0x7fc00002u, 0x7fc00003u, &fs), 0x7fc00001u, 0);
	CK(RN, fpu_muladd32(0x7fc00001u, 0x7f800002u, 0x7fc00003u, &fs), 0x7fc00002u, IOC);
	CK(RN, fpu_muladd32(ONE, 0x7fc00002u, 0x7f800003u, &fs), 0x7fc00003u, IOC);
	CK(RN, fpu_muladd32(0x7fc00001u, ONE, 0x7fc00003u, &fs), 0x7fc00001u, 0);
	CK(RN, fpu_muladd32(ONE, ONE, 0x7fc00003u, &fs), 0x7fc00003u, 0);
	CK(RN, fpu_muladd64(0x7ff8000000000001ull, 0x7ff0000000000002ull, D_ONE, &fs),
	   0x7ff8000000000002ull, IOC);
	/* inf*0 with a quiet NaN addend: the default NaN and IOC, not the
	 * addend; with a signalling addend, the quietened addend. */
	CK(RN, fpu_muladd32(0x7fc00001u, PINF, PZERO, &fs), DNAN, IOC);
	CK(RN, fpu_muladd32(0x7fc00001u, NZERO, NINF, &fs), DNAN, IOC);
	CK(RN, fpu_muladd32(0x7f800001u, PINF, PZERO, &fs), 0x7fc00001u, IOC);
	CK(RN, fpu_muladd64(0x7ff8000000000001ull, D_PINF, 0, &fs), D_DNAN, IOC);
	/* A quiet NaN addend with a finite product: the addend, no IOC. */
	CK(RN, fpu_muladd32(0x7fc00001u, PINF, ONE, &fs), 0x7fc00001u, 0);
}
END_TEST

START_TEST(generated_nans)
{
	/* The host would give x86's negative NaN 0xffc00000: ARM's default NaN
	 * is positive, DN or not. */
	CK(RN, fpu_add32(PINF, NINF, &fs), DNAN, IOC);
	CK(RN, fpu_sub32(PINF, PINF, &fs), DNAN, IOC);
	CK(RN, fpu_mul32(PZERO, NINF, &fs), DNAN, IOC);
	CK(RN, fpu_div32(PZERO, NZERO, &fs), DNAN, IOC);
	CK(RN, fpu_div32(PINF, NINF, &fs), DNAN, IOC);
	CK(RN, fpu_sqrt32(MONE, &fs), DNAN, IOC);
	CK(RN, fpu_sqrt32(NINF, &fs), DNAN, IOC);
	CK(RN, fpu_add64(D_PINF, D_NINF, &fs), D_DNAN, IOC);
	CK(RN, fpu_sqrt64(0xbff0000000000000ull, &fs), D_DNAN, IOC);
	/* Division by zero: a signed infinity and DZC, except inf/0. */
	CK(RN, fpu_div32(ONE, PZERO, &fs), PINF, DZC);
	CK(RN, fpu_div32(MONE, PZERO, &fs), NINF, DZC);
	CK(RN, fpu_div32(ONE, NZERO, &fs), NINF, DZC);
	CK(RN, fpu_div32(PINF, PZERO, &fs), PINF, 0);
	CK(RN, fpu_div64(D_ONE, 0x8000000000000000ull, &fs), D_NINF, DZC);
	/* Infinities that are not invalid. */
	CK(RN, fpu_add32(PINF, ONE, &fs), PINF, 0);
	CK(RN, fpu_mul32(NINF, MONE, &fs), PINF, 0);
	CK(RN, fpu_div32(ONE, PINF, &fs), PZERO, 0);
	CK(RN, fpu_sqrt32(PINF, &fs), PINF, 0);
}
END_TEST

START_TEST(overflow)
{
	/* 2^127 * 2 overflows: infinity in RN, the largest normal in RZ, and
	 * towards the infinity of the rounding direction only. */
	CK(RN, fpu_mul32(0x7f000000u, TWO, &fs), PINF, OFC | IXC);
	CK(RZ, fpu_mul32(0x7f000000u, TWO, &fs), 0x7f7fffffu, OFC | IXC);
	CK(RM, fpu_mul32(0x7f000000u, TWO, &fs), 0x7f7fffffu, OFC | IXC);
	CK(RP, fpu_mul32(0x7f000000u, TWO, &fs), PINF, OFC | IXC);
	CK(RM, fpu_mul32(0xff000000u, TWO, &fs), NINF, OFC | IXC);
	CK(RP, fpu_mul32(0xff000000u, TWO, &fs), 0xff7fffffu, OFC | IXC);
	CK(RN, fpu_add64(0x7fefffffffffffffull, 0x7fefffffffffffffull, &fs), D_PINF, OFC | IXC);
	CK(RZ, fpu_add64(0x7fefffffffffffffull, 0x7fefffffffffffffull, &fs), 0x7fefffffffffffffull,
	   OFC | IXC);
}
END_TEST

/* ---- flush-to-zero and underflow -------------------------------------------------- */

START_TEST(fz_inputs)
{
	/* 1 + 2^-149: inexact without FZ; the denormal is 0 under FZ (IDC). */
	CK(RN, fpu_add32(ONE, 0x00000001u, &fs), ONE, IXC);
	CK(FZ, fpu_add32(ONE, 0x00000001u, &fs), ONE, IDC);
	CK(FZ | RP, fpu_add32(ONE, 0x00000001u, &fs), ONE, IDC);
	CK(RP, fpu_add32(ONE, 0x00000001u, &fs), 0x3f800001u, IXC);
	/* A flushed input keeps its sign: -denormal * 2 = -0. */
	CK(FZ, fpu_mul32(0x80400000u, TWO, &fs), NZERO, IDC);
	CK(RN, fpu_mul32(0x80400000u, TWO, &fs), 0x80800000u, 0);
	/* Flushed divisor: division by zero. */
	CK(FZ, fpu_div32(ONE, 0x00000010u, &fs), PINF, IDC | DZC);
	/* IDC even when the other operand is a NaN. */
	CK(FZ, fpu_add32(0x7fc00000u, 0x00000001u, &fs), DNAN, IDC);
	CK(FZ, fpu_sqrt32(0x80000001u, &fs), NZERO, IDC);
	CK(FZ, fpu_muladd32(ONE, 0x00000001u, 0x7f000000u, &fs), ONE, IDC);
	CK(RN, fpu_muladd32(ONE, 0x00000001u, 0x7f000000u, &fs), 0x3f800002u, 0); /* 1 + 2^-22 */
	/* Double: 2^-1074. */
	CK(FZ, fpu_add64(D_ONE, 0x0000000000000001ull, &fs), D_ONE, IDC);
	CK(RN, fpu_add64(D_ONE, 0x0000000000000001ull, &fs), D_ONE, IXC);
	CK(FZ, fpu_mul64(0x8000000000000001ull, D_ONE, &fs), 0x8000000000000000ull, IDC);
}
END_TEST

START_TEST(fz_results)
{
	/* 2^-100 * 2^-30 = 2^-130: an exact denormal (0x00080000) without FZ,
	 * flushed with UFC (and no IXC) under FZ. */
	CK(RN, fpu_mul32(0x0d800000u, 0x30800000u, &fs), 0x00080000u, 0);
	CK(FZ, fpu_mul32(0x0d800000u, 0x30800000u, &fs), PZERO, UFC);
	CK(FZ, fpu_mul32(0x8d800000u, 0x30800000u, &fs), NZERO, UFC);
	/* 2^-126 - 2^-126(1+2^-23) = -2^-149: exact, or -0 under FZ. */
	CK(RN, fpu_add32(0x00800000u, 0x80800001u, &fs), 0x80000001u, 0);
	CK(FZ, fpu_add32(0x00800000u, 0x80800001u, &fs), NZERO, UFC);
	/* The boundary: 2^-126 * (1 - 2^-24) = 2^-126 - 2^-150 is tiny before
	 * rounding; to nearest it rounds up to the smallest normal 0x00800000
	 * (a tie between 0x007fffff and the even 0x00800000). ARM flushes it
	 * under FZ, and without FZ signals UFC although the rounded result is
	 * normal (x86 detects tininess after rounding and would not). */
	CK(RN, fpu_mul32(0x00800000u, 0x3f7fffffu, &fs), 0x00800000u, UFC | IXC);
	CK(FZ, fpu_mul32(0x00800000u, 0x3f7fffffu, &fs), PZERO, UFC);
	CK(RZ, fpu_mul32(0x00800000u, 0x3f7fffffu, &fs), 0x007fffffu, UFC | IXC);
	CK(RP | FZ, fpu_mul32(0x00800000u, 0x3f7fffffu, &fs), PZERO, UFC);
	/* The smallest normal itself, and just above it, are not tiny. */
	CK(FZ, fpu_mul32(0x00800000u, ONE, &fs), 0x00800000u, 0);
	CK(FZ, fpu_mul32(0x00800000u, 0x3f800001u, &fs), 0x00800001u, 0);
	/* Rounded down to the smallest normal from above: not tiny. */
	CK(FZ, fpu_mul32(0x00800001u, 0x3f7fffffu, &fs), 0x00800000u, IXC);
	/* Tiny and inexact without FZ: 2^-130 + 2^-153 -> 0x00080000 (RN) or
	 * 0x00080001 (RP), UFC with IXC. */
	CK(RN, fpu_mul32(0x0d800001u, 0x30800000u, &fs), 0x00080000u, UFC | IXC);
	CK(RP, fpu_mul32(0x0d800001u, 0x30800000u, &fs), 0x00080001u, UFC | IXC);
	/* 2^-149 / 2 underflows to zero (tie to even 0), or 2^-149 in RP. */
	CK(RN, fpu_div32(0x00000001u, TWO, &fs), PZERO, UFC | IXC);
	CK(RP, fpu_div32(0x00000001u, TWO, &fs), 0x00000001u, UFC | IXC);
	/* FMA's boundary: 0 + 2^-126 * (1 - 2^-24), as the product above. */
	CK(RN, fpu_muladd32(PZERO, 0x00800000u, 0x3f7fffffu, &fs), 0x00800000u, UFC | IXC);
	CK(FZ, fpu_muladd32(PZERO, 0x00800000u, 0x3f7fffffu, &fs), PZERO, UFC);
	/* Double: 2^-1000 * 2^-30 = 2^-1030 (0x0000100000000000). */
	CK(RN, fpu_mul64(0x0170000000000000ull, 0x3e10000000000000ull, &fs), 0x0000100000000000ull, 0);
	CK(FZ, fpu_mul64(0x0170000000000000ull, 0x3e10000000000000ull, &fs), 0, UFC);
	/* 2^-1022 * (1 - 2^-53) rounds up to 2^-1022: tiny before rounding. */
	CK(RN, fpu_mul64(0x0010000000000000ull, 0x3fefffffffffffffull, &fs), 0x0010000000000000ull,
	   UFC | IXC);
	CK(FZ, fpu_mul64(0x0010000000000000ull, 0x3fefffffffffffffull, &fs), 0, UFC);
}
END_TEST

/* ---- comparison ----------------------------------------------------------------- */

START_TEST(compare)
{
	/* NZCV in FPSCR[31:28]: 1000 less, 0110 equal, 0010 greater, 0011 unordered. */
	CK(RN, fpu_cmp32(ONE, TWO, false, &fs), 0x80000000u, 0);
	CK(RN, fpu_cmp32(TWO, ONE, false, &fs), 0x20000000u, 0);
	CK(RN, fpu_cmp32(ONE, ONE, false, &fs), 0x60000000u, 0);
	CK(RN, fpu_cmp32(PZERO, NZERO, false, &fs), 0x60000000u, 0);
	CK(RN, fpu_cmp32(NINF, PINF, true, &fs), 0x80000000u, 0);
	CK(RN, fpu_cmp32(MONE, 0xc0000000u, false, &fs), 0x20000000u, 0);
	/* A quiet NaN: IOC only for VCMPE; a signalling one: IOC for both. */
	CK(RN, fpu_cmp32(0x7fc00000u, ONE, false, &fs), 0x30000000u, 0);
	CK(RN, fpu_cmp32(0x7fc00000u, ONE, true, &fs), 0x30000000u, IOC);
	CK(RN, fpu_cmp32(ONE, 0x7f800001u, false, &fs), 0x30000000u, IOC);
	CK(RN, fpu_cmp32(ONE, 0x7f800001u, true, &fs), 0x30000000u, IOC);
	/* Under FZ a denormal equals zero (IDC). */
	CK(RN, fpu_cmp32(0x00000001u, PZERO, false, &fs), 0x20000000u, 0);
	CK(FZ, fpu_cmp32(0x00000001u, PZERO, false, &fs), 0x60000000u, IDC);
	CK(RN, fpu_cmp64(D_ONE, D_THREE, false, &fs), 0x80000000u, 0);
	CK(RN, fpu_cmp64(0x8000000000000000ull, 0, false, &fs), 0x60000000u, 0);
	CK(RN, fpu_cmp64(D_DNAN, D_ONE, false, &fs), 0x30000000u, 0);
	CK(RN, fpu_cmp64(D_DNAN, D_ONE, true, &fs), 0x30000000u, IOC);
	CK(RN, fpu_cmp64(0x7ff0000000000001ull, D_ONE, false, &fs), 0x30000000u, IOC);
}
END_TEST

/* ---- VMAXNM, VMINNM ------------------------------------------------------------------ */

START_TEST(maxnum_minnum)
{
	CK(RN, fpu_maxnum32(ONE, TWO, &fs), TWO, 0);
	CK(RN, fpu_minnum32(MONE, TWO, &fs), MONE, 0);
	/* One quiet NaN loses to a number, either side, DN or not. */
	CK(RN, fpu_maxnum32(ONE, 0x7fc00001u, &fs), ONE, 0);
	CK(RN, fpu_maxnum32(0x7fc00001u, ONE, &fs), ONE, 0);
	CK(DN, fpu_minnum32(0x7fc00001u, NINF, &fs), NINF, 0);
	CK(RN, fpu_maxnum32(0xffc00001u, NINF, &fs), NINF, 0);
	/* Two quiet NaNs: the first; the default NaN under DN. */
	CK(RN, fpu_maxnum32(0x7fc00001u, 0x7fc00002u, &fs), 0x7fc00001u, 0);
	CK(DN, fpu_minnum32(0x7fc00001u, 0x7fc00002u, &fs), DNAN, 0);
	/* A signalling NaN is processed (quietened, IOC), never dropped. */
	CK(RN, fpu_maxnum32(0x7f800001u, ONE, &fs), 0x7fc00001u, IOC);
	CK(RN, fpu_minnum32(ONE, 0x7f800002u, &fs), 0x7fc00002u, IOC);
	CK(RN, fpu_maxnum32(0x7fc00001u, 0x7f800002u, &fs), 0x7fc00002u, IOC);
	/* +0 is larger than -0, in either order. */
	CK(RN, fpu_maxnum32(PZERO, NZERO, &fs), PZERO, 0);
	CK(RN, fpu_maxnum32(NZERO, PZERO, &fs), PZERO, 0);
	CK(RN, fpu_minnum32(PZERO, NZERO, &fs), NZERO, 0);
	CK(RN, fpu_minnum32(NZERO, PZERO, &fs), NZERO, 0);
	/* A denormal: kept without FZ, a signed zero under FZ (IDC). */
	CK(RN, fpu_minnum32(0x80000001u, PZERO, &fs), 0x80000001u, 0);
	CK(FZ, fpu_minnum32(0x80000001u, PZERO, &fs), NZERO, IDC);
	CK(FZ, fpu_maxnum32(0x80000001u, PZERO, &fs), PZERO, IDC);
	/* Double. */
	CK(RN, fpu_maxnum64(D_ONE, D_DNAN, &fs), D_ONE, 0);
	CK(RN, fpu_minnum64(D_THREE, D_ONE, &fs), D_ONE, 0);
	CK(RN, fpu_maxnum64(0x8000000000000000ull, 0, &fs), 0, 0);
	CK(RN, fpu_minnum64(0x7ff0000000000001ull, D_ONE, &fs), 0x7ff8000000000001ull, IOC);
}
END_TEST

/* ---- conversions to integers ----------------------------------------------------------- */

START_TEST(to_int_corners)
{
	/* 2^31 (0x4f000000): too large for signed (saturates, IOC), fits unsigned. */
	CK(RN, fpu_f32_to_fixed(0x4f000000u, true, 32, 0, FPU_RZ, &fs), 0x7fffffffu, IOC);
	CK(RN, fpu_f32_to_fixed(0x4f000000u, false, 32, 0, FPU_RZ, &fs), 0x80000000u, 0);
	/* -2^31 fits signed; unsigned saturates to 0. */
	CK(RN, fpu_f32_to_fixed(0xcf000000u, true, 32, 0, FPU_RZ, &fs), 0x80000000u, 0);
	CK(RN, fpu_f32_to_fixed(0xcf000000u, false, 32, 0, FPU_RZ, &fs), 0, IOC);
	/* 2^32 unsigned saturates; 0x4effffff = 2147483520 is exact. */
	CK(RN, fpu_f32_to_fixed(0x4f800000u, false, 32, 0, FPU_RZ, &fs), 0xffffffffu, IOC);
	CK(RN, fpu_f32_to_fixed(0x4effffffu, true, 32, 0, FPU_RZ, &fs), 0x7fffff80u, 0);
	/* 1e10 (0x501502f9) and the infinities saturate. */
	CK(RN, fpu_f32_to_fixed(0x501502f9u, true, 32, 0, FPU_RZ, &fs), 0x7fffffffu, IOC);
	CK(RN, fpu_f32_to_fixed(NINF, true, 32, 0, FPU_RZ, &fs), 0x80000000u, IOC);
	CK(RN, fpu_f32_to_fixed(PINF, false, 32, 0, FPU_RZ, &fs), 0xffffffffu, IOC);
	/* NaNs give 0 with IOC (no IXC). */
	CK(RN, fpu_f32_to_fixed(DNAN, true, 32, 0, FPU_RZ, &fs), 0, IOC);
	CK(RN, fpu_f32_to_fixed(0xff800001u, false, 32, 0, FPU_RN, &fs), 0, IOC);
	CK(RN, fpu_f64_to_fixed(D_DNAN, true, 32, 0, FPU_RZ, &fs), 0, IOC);
	/* -0.5 to unsigned: 0 when it rounds to 0 (inexact), IOC when to -1. */
	CK(RN, fpu_f32_to_fixed(0xbf000000u, false, 32, 0, FPU_RZ, &fs), 0, IXC);
	CK(RN, fpu_f32_to_fixed(0xbf000000u, false, 32, 0, FPU_RN, &fs), 0, IXC);
	CK(RN, fpu_f32_to_fixed(0xbf000000u, false, 32, 0, FPU_RP, &fs), 0, IXC);
	CK(RN, fpu_f32_to_fixed(0xbf000000u, false, 32, 0, FPU_RM, &fs), 0, IOC);
	CK(RN, fpu_f32_to_fixed(0xbf000000u, false, 32, 0, FPU_RA, &fs), 0, IOC);
	/* -0.5 signed: -1 away from zero and downwards. */
	CK(RN, fpu_f32_to_fixed(0xbf000000u, true, 32, 0, FPU_RA, &fs), 0xffffffffu, IXC);
	CK(RN, fpu_f32_to_fixed(0xbf000000u, true, 32, 0, FPU_RM, &fs), 0xffffffffu, IXC);
	CK(RN, fpu_f32_to_fixed(0xbf000000u, true, 32, 0, FPU_RN, &fs), 0, IXC);
	/* -0 is 0, exact. */
	CK(RN, fpu_f32_to_fixed(NZERO, false, 32, 0, FPU_RZ, &fs), 0, 0);
	/* Ties: 2.5 -> 2 (even) or 3 (away); 3.5 -> 4 either way; -2.5. */
	CK(RN, fpu_f32_to_fixed(0x40200000u, true, 32, 0, FPU_RN, &fs), 2, IXC);
	CK(RN, fpu_f32_to_fixed(0x40200000u, true, 32, 0, FPU_RA, &fs), 3, IXC);
	CK(RN, fpu_f32_to_fixed(0x40200000u, true, 32, 0, FPU_RP, &fs), 3, IXC);
	CK(RN, fpu_f32_to_fixed(0x40200000u, true, 32, 0, FPU_RM, &fs), 2, IXC);
	CK(RN, fpu_f32_to_fixed(0x40600000u, true, 32, 0, FPU_RN, &fs), 4, IXC);
	CK(RN, fpu_f32_to_fixed(0xc0200000u, true, 32, 0, FPU_RN, &fs), 0xfffffffeu, IXC);
	CK(RN, fpu_f32_to_fixed(0xc0200000u, true, 32, 0, FPU_RA, &fs), 0xfffffffdu, IXC);
	CK(RN, fpu_f32_to_fixed(0xc0200000u, true, 32, 0, FPU_RZ, &fs), 0xfffffffeu, IXC);
	/* A denormal: 0 with IDC under FZ; RP rounds 2^-149 up to 1 without. */
	CK(FZ, fpu_f32_to_fixed(0x00000001u, true, 32, 0, FPU_RP, &fs), 0, IDC);
	CK(RN, fpu_f32_to_fixed(0x00000001u, true, 32, 0, FPU_RP, &fs), 1, IXC);
	/* Double: 2147483647.5 (0x41dfffffffe00000) is a tie between 2^31-1
	 * and 2^31: RN rounds to the even 2^31, which saturates (IOC, no IXC). */
	CK(RN, fpu_f64_to_fixed(0x41dfffffffe00000ull, true, 32, 0, FPU_RN, &fs), 0x7fffffffu, IOC);
	CK(RN, fpu_f64_to_fixed(0x41dfffffffe00000ull, true, 32, 0, FPU_RZ, &fs), 0x7fffffffu, IXC);
	CK(RN, fpu_f64_to_fixed(0x41e0000000000000ull, true, 32, 0, FPU_RZ, &fs), 0x7fffffffu, IOC);
	CK(RN, fpu_f64_to_fixed(0xc1e0000000000000ull, true, 32, 0, FPU_RZ, &fs), 0x80000000u, 0);
	CK(RN, fpu_f64_to_fixed(0x41efffffffe00000ull, false, 32, 0, FPU_RZ, &fs), 0xffffffffu, 0);
	CK(RN, fpu_f64_to_fixed(0xc004000000000000ull, true, 32, 0, FPU_RA, &fs), 0xfffffffdu, IXC);
}
END_TEST

START_TEST(to_fixed_bits)
{
	/* 1.5 * 2^16 = 0x18000 (Q16.16). */
	CK(RN, fpu_f32_to_fixed(0x3fc00000u, true, 32, 16, FPU_RZ, &fs), 0x00018000u, 0);
	/* 1.5 * 2 = 3 in u16 with one fraction bit; 1.75 * 2 = 3.5 -> 3. */
	CK(RN, fpu_f32_to_fixed(0x3fc00000u, false, 16, 1, FPU_RZ, &fs), 3, 0);
	CK(RN, fpu_f32_to_fixed(0x3fe00000u, false, 16, 1, FPU_RZ, &fs), 3, IXC);
	/* Q0.32: 0.25 -> 0x40000000; 0.5 saturates signed, fits unsigned. */
	CK(RN, fpu_f32_to_fixed(0x3e800000u, true, 32, 32, FPU_RZ, &fs), 0x40000000u, 0);
	CK(RN, fpu_f32_to_fixed(0x3f000000u, true, 32, 32, FPU_RZ, &fs), 0x7fffffffu, IOC);
	CK(RN, fpu_f32_to_fixed(0x3f000000u, false, 32, 32, FPU_RZ, &fs), 0x80000000u, 0);
	CK(RN, fpu_f32_to_fixed(0xbf000000u, true, 32, 32, FPU_RZ, &fs), 0x80000000u, 0);
	/* 16-bit results, sign- or zero-extended. */
	CK(RN, fpu_f32_to_fixed(0x46fffe00u, true, 16, 0, FPU_RZ, &fs), 0x00007fffu, 0);   /* 32767 */
	CK(RN, fpu_f32_to_fixed(0x47000000u, true, 16, 0, FPU_RZ, &fs), 0x00007fffu, IOC); /* 32768 */
	CK(RN, fpu_f32_to_fixed(0xc7000000u, true, 16, 0, FPU_RZ, &fs), 0xffff8000u, 0);   /* -32768 */
	CK(RN, fpu_f32_to_fixed(0xc71c4000u, true, 16, 0, FPU_RZ, &fs), 0xffff8000u, IOC); /* -40000 */
	CK(RN, fpu_f32_to_fixed(MONE, true, 16, 0, FPU_RZ, &fs), 0xffffffffu, 0);
	CK(RN, fpu_f32_to_fixed(0x477fff00u, false, 16, 0, FPU_RZ, &fs), 0x0000ffffu, 0); /* 65535 */
	CK(RN, fpu_f32_to_fixed(0x47800000u, false, 16, 0, FPU_RZ, &fs), 0x0000ffffu, IOC);
	CK(RN, fpu_f32_to_fixed(MONE, false, 16, 0, FPU_RZ, &fs), 0, IOC);
	/* s16 with 8 fraction bits: +-1.5 -> +-384; Q0.15-ish 0.5 * 2^16 saturates. */
	CK(RN, fpu_f32_to_fixed(0x3fc00000u, true, 16, 8, FPU_RZ, &fs), 0x00000180u, 0);
	CK(RN, fpu_f32_to_fixed(0xbfc00000u, true, 16, 8, FPU_RZ, &fs), 0xfffffe80u, 0);
	CK(RN, fpu_f32_to_fixed(0x3f000000u, true, 16, 16, FPU_RZ, &fs), 0x00007fffu, IOC);
	CK(RN, fpu_f32_to_fixed(0x3f000000u, false, 16, 16, FPU_RZ, &fs), 0x00008000u, 0);
	/* Double with 32 fraction bits: 2^-32 -> 1; 2^-33 rounds to 0. */
	CK(RN, fpu_f64_to_fixed(0x3df0000000000000ull, false, 32, 32, FPU_RZ, &fs), 1, 0);
	CK(RN, fpu_f64_to_fixed(0x3de0000000000000ull, false, 32, 32, FPU_RZ, &fs), 0, IXC);
	CK(RN, fpu_f64_to_fixed(0x3de0000000000000ull, false, 32, 32, FPU_RP, &fs), 1, IXC);
}
END_TEST

START_TEST(from_fixed)
{
	/* 2^31 - 1 needs 31 bits: RN rounds up to 2^31, RZ down to 0x4effffff. */
	CK(RN, fpu_fixed_to_f32(0x7fffffffu, true, 32, 0, FPU_RN, &fs), 0x4f000000u, IXC);
	CK(RN, fpu_fixed_to_f32(0x7fffffffu, true, 32, 0, FPU_RZ, &fs), 0x4effffffu, IXC);
	CK(RN, fpu_fixed_to_f32(0x80000000u, true, 32, 0, FPU_RN, &fs), 0xcf000000u, 0);
	CK(RN, fpu_fixed_to_f32(0x80000000u, false, 32, 0, FPU_RN, &fs), 0x4f000000u, 0);
	CK(RN, fpu_fixed_to_f32(0xffffffffu, false, 32, 0, FPU_RN, &fs), 0x4f800000u, IXC);
	CK(RN, fpu_fixed_to_f32(0xffffffffu, false, 32, 0, FPU_RZ, &fs), 0x4f7fffffu, IXC);
	CK(RN, fpu_fixed_to_f32(0xffffffffu, true, 32, 0, FPU_RN, &fs), MONE, 0);
	/* 2^24 + 1: a tie, to even 2^24; RP up. */
	CK(RN, fpu_fixed_to_f32(0x01000001u, false, 32, 0, FPU_RN, &fs), 0x4b800000u, IXC);
	CK(RN, fpu_fixed_to_f32(0x01000001u, false, 32, 0, FPU_RP, &fs), 0x4b800001u, IXC);
	CK(RN, fpu_fixed_to_f32(0, true, 32, 0, FPU_RM, &fs), PZERO, 0);
	/* 16-bit operands read only their low half. */
	CK(RN, fpu_fixed_to_f32(0xabcd8000u, true, 16, 0, FPU_RN, &fs), 0xc7000000u, 0); /* -32768 */
	CK(RN, fpu_fixed_to_f32(0xabcd8000u, false, 16, 16, FPU_RN, &fs), 0x3f000000u, 0); /* 0.5 */
	CK(RN, fpu_fixed_to_f32(0x00000001u, false, 16, 16, FPU_RN, &fs), 0x37800000u, 0); /* 2^-16 */
	/* Q0.32 and Q1.31. */
	CK(RN, fpu_fixed_to_f32(0x40000000u, true, 32, 32, FPU_RN, &fs), 0x3e800000u, 0); /* 0.25 */
	CK(RN, fpu_fixed_to_f32(0x80000000u, true, 32, 32, FPU_RN, &fs), 0xbf000000u, 0); /* -0.5 */
	CK(RN, fpu_fixed_to_f32(0x00000001u, true, 32, 32, FPU_RN, &fs), 0x2f800000u, 0); /* 2^-32 */
	CK(RN, fpu_fixed_to_f32(0x00000003u, true, 32, 1, FPU_RN, &fs), 0x3fc00000u, 0); /* 1.5 */
	/* Double holds every 32-bit value exactly. */
	CK(RN, fpu_fixed_to_f64(0xffffffffu, false, 32, 0, FPU_RN, &fs), 0x41efffffffe00000ull, 0);
	CK(RN, fpu_fixed_to_f64(0x80000000u, true, 32, 0, FPU_RN, &fs), 0xc1e0000000000000ull, 0);
	CK(RN, fpu_fixed_to_f64(0x00008000u, true, 16, 8, FPU_RN, &fs), 0xc060000000000000ull, 0);
}
END_TEST

/* ---- between formats ---------------------------------------------------------------- */

START_TEST(single_double)
{
	CK(RN, fpu_f32_to_f64(ONE, &fs), D_ONE, 0);
	CK(RN, fpu_f32_to_f64(NINF, &fs), D_NINF, 0);
	CK(RN, fpu_f32_to_f64(0x00000001u, &fs), 0x36a0000000000000ull, 0); /* 2^-149 */
	CK(FZ, fpu_f32_to_f64(0x80000001u, &fs), 0x8000000000000000ull, IDC);
	/* NaNs: payload moved up, quietened; DN: the default. */
	CK(RN, fpu_f32_to_f64(0x7f800001u, &fs), 0x7ff8000020000000ull, IOC);
	CK(RN, fpu_f32_to_f64(0xffc00002u, &fs), 0xfff8000040000000ull, 0);
	CK(DN, fpu_f32_to_f64(0xffc00002u, &fs), D_DNAN, 0);
	CK(RN, fpu_f64_to_f32(0x7ff0000020000001ull, &fs), 0x7fc00001u, IOC);
	/* 1/3 in double to single: rounds like 1/3. */
	CK(RN, fpu_f64_to_f32(0x3fd5555555555555ull, &fs), 0x3eaaaaabu, IXC);
	CK(RZ, fpu_f64_to_f32(0x3fd5555555555555ull, &fs), 0x3eaaaaaau, IXC);
	/* 1e300 overflows. */
	CK(RN, fpu_f64_to_f32(0x7e37e43c8800759cull, &fs), PINF, OFC | IXC);
	CK(RZ, fpu_f64_to_f32(0x7e37e43c8800759cull, &fs), 0x7f7fffffu, OFC | IXC);
	/* 2^-130: an exact denormal, flushed under FZ. */
	CK(RN, fpu_f64_to_f32(0x37d0000000000000ull, &fs), 0x00080000u, 0);
	CK(FZ, fpu_f64_to_f32(0x37d0000000000000ull, &fs), PZERO, UFC);
	/* 2^-126 * (1 - 2^-25) (0x380ffffff0000000): rounds up to the smallest
	 * normal, tiny before rounding. */
	CK(RN, fpu_f64_to_f32(0x380ffffff0000000ull, &fs), 0x00800000u, UFC | IXC);
	CK(RZ, fpu_f64_to_f32(0x380ffffff0000000ull, &fs), 0x007fffffu, UFC | IXC);
	CK(FZ, fpu_f64_to_f32(0x380ffffff0000000ull, &fs), PZERO, UFC);
	/* A double denormal is far below single's range: 0 (RN) or 2^-149 (RP). */
	CK(RN, fpu_f64_to_f32(0x0000000000000001ull, &fs), PZERO, UFC | IXC);
	CK(RP, fpu_f64_to_f32(0x0000000000000001ull, &fs), 0x00000001u, UFC | IXC);
	CK(FZ, fpu_f64_to_f32(0x0000000000000001ull, &fs), PZERO, IDC);
}
END_TEST

START_TEST(half_ieee)
{
	CK(RN, fpu_f32_to_f16(ONE, false, &fs), 0x3c00u, 0);
	CK(RN, fpu_f32_to_f16(0x477fe000u, false, &fs), 0x7bffu, 0); /* 65504, the largest */
	/* 65520 is the midpoint to 65536: to even, which overflows; RZ stays. */
	CK(RN, fpu_f32_to_f16(0x477ff000u, false, &fs), 0x7c00u, OFC | IXC);
	CK(RZ, fpu_f32_to_f16(0x477ff000u, false, &fs), 0x7bffu, IXC);
	/* 1e5 overflows in every mode; RZ gives the largest normal. */
	CK(RN, fpu_f32_to_f16(0x47c35000u, false, &fs), 0x7c00u, OFC | IXC);
	CK(RZ, fpu_f32_to_f16(0x47c35000u, false, &fs), 0x7bffu, OFC | IXC);
	CK(RP, fpu_f32_to_f16(0xc7c35000u, false, &fs), 0xfbffu, OFC | IXC);
	CK(RN, fpu_f32_to_f16(NINF, false, &fs), 0xfc00u, 0);
	/* Denormal halves: 2^-24 exact; 2^-25 a tie to 0 (tiny, inexact);
	 * 1.5 * 2^-25 = 0.75 of 2^-24 rounds up. */
	CK(RN, fpu_f32_to_f16(0x33800000u, false, &fs), 0x0001u, 0);
	CK(RN, fpu_f32_to_f16(0x33000000u, false, &fs), 0x0000u, UFC | IXC);
	CK(RN, fpu_f32_to_f16(0x33400000u, false, &fs), 0x0001u, UFC | IXC);
	/* 2^-14 - 2^-25 (0x387fe000) rounds up to the smallest normal half
	 * 0x0400: UFC (tiny before rounding), and no flush under FZ: FZ does
	 * not apply to half precision. */
	CK(RN, fpu_f32_to_f16(0x387fe000u, false, &fs), 0x0400u, UFC | IXC);
	CK(FZ, fpu_f32_to_f16(0x387fe000u, false, &fs), 0x0400u, UFC | IXC);
	CK(FZ, fpu_f32_to_f16(0x33800000u, false, &fs), 0x0001u, 0);
	/* A single denormal input does flush under FZ. */
	CK(FZ, fpu_f32_to_f16(0x80000001u, false, &fs), 0x8000u, IDC);
	/* NaNs: the payload's top bits, quiet; DN: 0x7e00. */
	CK(RN, fpu_f32_to_f16(0x7fc02000u, false, &fs), 0x7e01u, 0);
	CK(RN, fpu_f32_to_f16(0x7f802000u, false, &fs), 0x7e01u, IOC);
	CK(DN, fpu_f32_to_f16(0xffc02000u, false, &fs), 0x7e00u, 0);
	/* Half to single and double: exact, FZ not applied. */
	CK(RN, fpu_f16_to_f32(0x3c00u, false, &fs), ONE, 0);
	CK(FZ, fpu_f16_to_f32(0x0001u, false, &fs), 0x33800000u, 0);
	CK(RN, fpu_f16_to_f32(0x7bffu, false, &fs), 0x477fe000u, 0);
	CK(RN, fpu_f16_to_f32(0xfc00u, false, &fs), NINF, 0);
	CK(RN, fpu_f16_to_f32(0x7e01u, false, &fs), 0x7fc02000u, 0);
	CK(RN, fpu_f16_to_f32(0x7d00u, false, &fs), 0x7fe00000u, IOC);
	CK(DN, fpu_f16_to_f32(0x7e01u, false, &fs), DNAN, 0);
	CK(RN, fpu_f16_to_f32(0xffff3c00u, false, &fs), ONE, 0); /* upper half ignored */
	CK(RN, fpu_f16_to_f64(0x0001u, false, &fs), 0x3e70000000000000ull, 0);
	CK(RN, fpu_f16_to_f64(0xbc00u, false, &fs), 0xbff0000000000000ull, 0);
	CK(RN, fpu_f16_to_f64(0x7c01u, false, &fs), 0x7ff8040000000000ull, IOC);
	CK(RN, fpu_f64_to_f16(D_ONE, false, &fs), 0x3c00u, 0);
	CK(RN, fpu_f64_to_f16(0x40effe0000000000ull, false, &fs), 0x7c00u, OFC | IXC); /* 65520 */
	CK(RN, fpu_f64_to_f16(0x7ff8000000000000ull | (1ull << 42), false, &fs), 0x7e01u, 0);
}
END_TEST

START_TEST(half_alternative)
{
	/* Exponent 31 is a number: 0x7c00 = 65536, 0x7fff = 131008. */
	CK(RN, fpu_f32_to_f16(0x47800000u, true, &fs), 0x7c00u, 0);
	CK(RN, fpu_f32_to_f16(0x47ffe000u, true, &fs), 0x7fffu, 0);
	CK(RN, fpu_f16_to_f32(0x7c00u, true, &fs), 0x47800000u, 0);
	CK(RN, fpu_f16_to_f32(0xffffu, true, &fs), 0xc7ffe000u, 0);
	CK(RN, fpu_f16_to_f64(0x7fffu, true, &fs), 0x40fffc0000000000ull, 0);
	/* Beyond 131008: saturated with IOC (not OFC), no IXC, any mode. */
	CK(RN, fpu_f32_to_f16(0x48000000u, true, &fs), 0x7fffu, IOC);  /* 131072 */
	CK(RZ, fpu_f32_to_f16(0xc9742400u, true, &fs), 0xffffu, IOC);  /* -1e6 */
	/* 131056 is past the midpoint (131040) to 131072: RN rounds up and
	 * saturates; RZ rounds down inexactly. */
	CK(RN, fpu_f32_to_f16(0x47fff000u, true, &fs), 0x7fffu, IOC);
	CK(RZ, fpu_f32_to_f16(0x47fff000u, true, &fs), 0x7fffu, IXC);
	/* Infinities saturate with IOC; NaNs become a zero of their sign, IOC. */
	CK(RN, fpu_f32_to_f16(PINF, true, &fs), 0x7fffu, IOC);
	CK(RN, fpu_f32_to_f16(NINF, true, &fs), 0xffffu, IOC);
	CK(RN, fpu_f32_to_f16(DNAN, true, &fs), 0x0000u, IOC);
	CK(DN, fpu_f32_to_f16(0xff800001u, true, &fs), 0x8000u, IOC);
	CK(RN, fpu_f64_to_f16(D_NINF, true, &fs), 0xffffu, IOC);
	/* Below the top the formats agree. */
	CK(RN, fpu_f32_to_f16(ONE, true, &fs), 0x3c00u, 0);
	CK(RN, fpu_f32_to_f16(0x33000000u, true, &fs), 0x0000u, UFC | IXC);
}
END_TEST

/* ---- VRINT ---------------------------------------------------------------------- */

START_TEST(round_int)
{
	/* 2.5 in every mode; IXC only for VRINTX (exact = true). */
	CK(RN, fpu_rint32(0x40200000u, FPU_RN, false, &fs), TWO, 0);
	CK(RN, fpu_rint32(0x40200000u, FPU_RN, true, &fs), TWO, IXC);
	CK(RN, fpu_rint32(0x40200000u, FPU_RA, false, &fs), THREE, 0);
	CK(RN, fpu_rint32(0x40200000u, FPU_RP, false, &fs), THREE, 0);
	CK(RN, fpu_rint32(0x40200000u, FPU_RM, false, &fs), TWO, 0);
	CK(RN, fpu_rint32(0x40200000u, FPU_RZ, true, &fs), TWO, IXC);
	CK(RN, fpu_rint32(0xc0200000u, FPU_RA, false, &fs), 0xc0400000u, 0); /* -3 */
	CK(RN, fpu_rint32(0x3fc00000u, FPU_RN, false, &fs), TWO, 0);        /* 1.5 -> 2 */
	/* A zero result keeps the operand's sign: -0.3 -> -0, +0.3 -> +0. */
	CK(RN, fpu_rint32(0xbe99999au, FPU_RN, false, &fs), NZERO, 0);
	CK(RN, fpu_rint32(0xbe99999au, FPU_RP, true, &fs), NZERO, IXC);
	CK(RN, fpu_rint32(0xbe99999au, FPU_RM, false, &fs), MONE, 0);
	CK(RN, fpu_rint32(0x3e99999au, FPU_RM, false, &fs), PZERO, 0);
	CK(RN, fpu_rint32(0x3f000000u, FPU_RN, false, &fs), PZERO, 0); /* 0.5 -> 0 */
	/* 8388607.5 (0x4affffff) to the even 8388608. */
	CK(RN, fpu_rint32(0x4affffffu, FPU_RN, true, &fs), 0x4b000000u, IXC);
	/* Integral values, infinities and zeros are returned as they are. */
	CK(RN, fpu_rint32(TWO, FPU_RN, true, &fs), TWO, 0);
	CK(RN, fpu_rint32(0x501502f9u, FPU_RZ, true, &fs), 0x501502f9u, 0);
	CK(RN, fpu_rint32(NINF, FPU_RN, true, &fs), NINF, 0);
	CK(RN, fpu_rint32(NZERO, FPU_RP, true, &fs), NZERO, 0);
	/* NaNs as FPProcessNaN. */
	CK(RN, fpu_rint32(0x7f800001u, FPU_RN, false, &fs), 0x7fc00001u, IOC);
	CK(DN, fpu_rint32(0x7fc00001u, FPU_RN, false, &fs), DNAN, 0);
	/* A denormal: 0 under FZ (IDC only), else 1.0 upwards. */
	CK(FZ, fpu_rint32(0x00000001u, FPU_RP, true, &fs), PZERO, IDC);
	CK(RN, fpu_rint32(0x00000001u, FPU_RP, true, &fs), ONE, IXC);
	/* Double. */
	CK(RN, fpu_rint64(0x4004000000000000ull, FPU_RN, false, &fs), 0x4000000000000000ull, 0);
	CK(RN, fpu_rint64(0x4004000000000000ull, FPU_RA, true, &fs), D_THREE, IXC);
	CK(RN, fpu_rint64(0xbfd0000000000000ull, FPU_RM, false, &fs), 0xbff0000000000000ull, 0);
	CK(RN, fpu_rint64(0x4330000000000001ull, FPU_RN, true, &fs), 0x4330000000000001ull, 0);
}
END_TEST

/* ---- VFPExpandImm --------------------------------------------------------------- */

START_TEST(expand_imm)
{
	ck_assert_uint_eq(fpu_expand_imm32(0x70), 0x3f800000u); /* 1.0 */
	ck_assert_uint_eq(fpu_expand_imm32(0x00), 0x40000000u); /* 2.0 */
	ck_assert_uint_eq(fpu_expand_imm32(0xf0), 0xbf800000u); /* -1.0 */
	ck_assert_uint_eq(fpu_expand_imm32(0x60), 0x3f000000u); /* 0.5 */
	ck_assert_uint_eq(fpu_expand_imm32(0x7f), 0x3ff80000u); /* 1.9375 */
	ck_assert_uint_eq(fpu_expand_imm32(0x40), 0x3e000000u); /* 0.125, the smallest */
	ck_assert_uint_eq(fpu_expand_imm32(0x3f), 0x41f80000u); /* 31.0, the largest */
	ck_assert_uint_eq(fpu_expand_imm64(0x70), 0x3ff0000000000000ull);
	ck_assert_uint_eq(fpu_expand_imm64(0x80), 0xc000000000000000ull); /* -2.0 */
	ck_assert_uint_eq(fpu_expand_imm64(0x40), 0x3fc0000000000000ull);
	ck_assert_uint_eq(fpu_expand_imm64(0x3f), 0x403f000000000000ull);
}
END_TEST

/* ---- the host is left as it was ------------------------------------------------------ */

START_TEST(host_state)
{
	/* A directed mode and a raised flag do not outlive the call. */
	CK(RP | FZ, fpu_add32(ONE, 0x33c00000u, &fs), 0x3f800001u, IXC);
	ck_assert_int_eq(fegetround(), FE_TONEAREST);
	CK(RM, fpu_muladd64(D_ONE, 0x3ff0000000000001ull, 0x3ff0000000000001ull, &fs),
	   0x4000000000000001ull, IXC);
	ck_assert_int_eq(fegetround(), FE_TONEAREST);
	ck_assert_int_eq(fetestexcept(FE_INEXACT | FE_INVALID | FE_OVERFLOW), 0);
	/* Flags raised by the host before a call are not reported by it. */
	feraiseexcept(FE_INEXACT | FE_INVALID);
	CK(RZ, fpu_add32(ONE, TWO, &fs), THREE, 0);
	feraiseexcept(FE_INEXACT | FE_UNDERFLOW);
	CK(RN, fpu_mul64(0x0170000000000000ull, 0x3e10000000000000ull, &fs), 0x0000100000000000ull, 0);
	feraiseexcept(FE_INEXACT);
	CK(RN, fpu_muladd32(ONE, ONE, TWO, &fs), THREE, 0);
	feraiseexcept(FE_INEXACT | FE_OVERFLOW);
	CK(RZ, fpu_muladd64(0, 0x3ff8000000000000ull, 0x4000000000000000ull, &fs), D_THREE, 0);
	feraiseexcept(FE_INEXACT);
	CK(RP, fpu_f64_to_f32(D_THREE, &fs), THREE, 0);
	feclearexcept(FE_ALL_EXCEPT);
	/* Flags already in the FPSCR stay (cumulative): add to them. */
	fs = RN | IOC;
	ck_assert_uint_eq(fpu_add32(ONE, 0x33c00000u, &fs), 0x3f800001u);
	ck_assert_uint_eq(fs, RN | IOC | IXC);
}
END_TEST

static Suite *fpu_suite(void)
{
	Suite *s = suite_create("fpu");
	TCase *t = tcase_create("arith");
	tcase_add_test(t, add_rounding);
	tcase_add_test(t, mul_rounding);
	tcase_add_test(t, div_sqrt_rounding);
	tcase_add_test(t, fma_single_rounding);
	tcase_add_test(t, nan_propagation);
	tcase_add_test(t, generated_nans);
	tcase_add_test(t, overflow);
	tcase_add_test(t, fz_inputs);
	tcase_add_test(t, fz_results);
	tcase_add_test(t, compare);
	tcase_add_test(t, maxnum_minnum);
	suite_add_tcase(s, t);
	t = tcase_create("convert");
	tcase_add_test(t, to_int_corners);
	tcase_add_test(t, to_fixed_bits);
	tcase_add_test(t, from_fixed);
	tcase_add_test(t, single_double);
	tcase_add_test(t, half_ieee);
	tcase_add_test(t, half_alternative);
	tcase_add_test(t, round_int);
	tcase_add_test(t, expand_imm);
	suite_add_tcase(s, t);
	t = tcase_create("host");
	tcase_add_test(t, host_state);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(fpu_suite());
}
