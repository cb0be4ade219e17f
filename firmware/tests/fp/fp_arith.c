/*
 * The FP unit's arithmetic from the inside, bit for bit: every
 * data-processing class on S registers (and on D registers and FPv5's
 * additions where the unit has them), the results and the FPSCR after
 * each (cumulative flags, NZCV of VCMP), with the expected values worked
 * out from the architecture's rules: rounding modes, the two roundings of
 * VMLA against the one of VFMA, NaN propagation and the default NaN,
 * flush-to-zero, saturating conversions, half precision with and without
 * AHP. Built for fpv4-sp-d16 (Cortex-M4F), fpv5-d16 and fpv5-sp-d16
 * (Cortex-M7).
 */
#include "fp_test.h"

/* The unit: double precision from the compiler (fpv5-d16), FPv5 from the
 * build (fp/CMakeLists.txt: the Cortex-M7 images). */
#define FP_DP (__ARM_FP & 8)
#ifndef FP_V5
#define FP_V5 0
#endif

#define IOC 0x01u
#define DZC 0x02u
#define OFC 0x04u
#define UFC 0x08u
#define IXC 0x10u
#define IDC 0x80u
#define RN (0u << 22)
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)
#define FZ (1u << 24)
#define DN (1u << 25)
#define AHP (1u << 26)

static unsigned checks;

static void check(int line, const char *what, uint32_t got, uint32_t want, uint32_t fpscr,
		  uint32_t want_fpscr)
{
	checks++;
	if (got != want || fpscr != want_fpscr) {
		printf("FAILED at line %d: %s = %08lx fpscr %08lx, not %08lx fpscr %08lx\n", line,
		       what, (unsigned long)got, (unsigned long)fpscr, (unsigned long)want,
		       (unsigned long)want_fpscr);
		exit(1);
	}
}

/* One instruction on s0 (destination and accumulator), s1, s2 with the
 * FPSCR `f`; checks s0 and the FPSCR after. */
#define S3(insn, d, n, m, f, want, want_f)                                               \
	do {                                                                           \
		uint32_t o_, fo_;                                                      \
		__asm__ volatile("vmsr fpscr, %[fi]\n\t"                                \
				 "vmov s0, %[dv]\n\t"                                  \
				 "vmov s1, %[nv]\n\t"                                  \
				 "vmov s2, %[mv]\n\t" insn "\n\t"                      \
				 "vmov %[o], s0\n\t"                                   \
				 "vmrs %[fo], fpscr\n\t"                               \
				 : [o] "=&r"(o_), [fo] "=&r"(fo_)                       \
				 : [fi] "r"(f), [dv] "r"(d), [nv] "r"(n), [mv] "r"(m)   \
				 : "s0", "s1", "s2");                                  \
		check(__LINE__, insn, o_, want, fo_, want_f);                          \
	} while (0)

static void single(void)
{
	const uint32_t one = 0x3f800000u, two = 0x40000000u, three = 0x40400000u;
	S3("vadd.f32 s0, s1, s2", 0, 0x3fc00000u, 0x40100000u, RN, 0x40700000u, RN);
	S3("vsub.f32 s0, s1, s2", 0, one, three, RN, 0xc0000000u, RN);
	S3("vmul.f32 s0, s1, s2", 0, 0x3fc00000u, 0xc0800000u, RN, 0xc0c00000u, RN);
	S3("vnmul.f32 s0, s1, s2", 0, 0x3fc00000u, 0xc0800000u, RN, 0x40c00000u, RN);
	S3("vdiv.f32 s0, s1, s2", 0, one, three, RN, 0x3eaaaaabu, RN | IXC);
	S3("vdiv.f32 s0, s1, s2", 0, one, three, RZ, 0x3eaaaaaau, RZ | IXC);
	S3("vdiv.f32 s0, s1, s2", 0, one, 0, RN, 0x7f800000u, RN | DZC);
	S3("vsqrt.f32 s0, s2", 0, 0, two, RN, 0x3fb504f3u, RN | IXC);
	S3("vsqrt.f32 s0, s2", 0, 0, 0xbf800000u, RN, 0x7fc00000u, RN | IOC);
	/* the accumulating forms on d = 1, n = 2, m = 3 */
	S3("vmla.f32 s0, s1, s2", one, two, three, RN, 0x40e00000u, RN);
	S3("vmls.f32 s0, s1, s2", one, two, three, RN, 0xc0a00000u, RN);
	S3("vnmla.f32 s0, s1, s2", one, two, three, RN, 0xc0e00000u, RN);
	S3("vnmls.f32 s0, s1, s2", one, two, three, RN, 0x40a00000u, RN);
	/* n = m = 1 + 2^-12, d = -(1 + 2^-11): the product 1 + 2^-11 + 2^-24
	 * rounds (tie to even) to -d, so VMLA gives +0 where VFMA gives
	 * 2^-24 */
	const uint32_t x = 0x3f800800u, md = 0xbf801000u;
	S3("vmla.f32 s0, s1, s2", md, x, x, RN, 0x00000000u, RN | IXC);
	S3("vfma.f32 s0, s1, s2", md, x, x, RN, 0x33800000u, RN);
	S3("vfms.f32 s0, s1, s2", md, x, x, RN, 0xc0001000u, RN | IXC);
	S3("vfnma.f32 s0, s1, s2", md, x, x, RN, 0xb3800000u, RN);
	S3("vfnms.f32 s0, s1, s2", md, x, x, RN, 0x40001000u, RN | IXC);
	/* VMLA of zeros of opposite signs: +0, except in RM: -0 */
	S3("vmla.f32 s0, s1, s2", 0, 0x80000000u, one, RN, 0x00000000u, RN);
	S3("vmla.f32 s0, s1, s2", 0, 0x80000000u, one, RM, 0x80000000u, RM);
	S3("vmla.f32 s0, s1, s2", 0x80000000u, 0, one, RP, 0x00000000u, RP);

	/* sign operations: no NaN processing, no flags */
	S3("vabs.f32 s0, s2", 0, 0, 0xff800001u, RN, 0x7f800001u, RN);
	S3("vneg.f32 s0, s2", 0, 0, 0x7f800001u, RN, 0xff800001u, RN);
	S3("vmov.f32 s0, s2", 0, 0, 0x7f800001u, RN, 0x7f800001u, RN);
	S3("vmov.f32 s0, #-1.5", 0, 0, 0, RN, 0xbfc00000u, RN);
	S3("vmov.f32 s0, #31.0", 0, 0, 0, RN, 0x41f80000u, RN);

	/* NaNs: a signalling one is quieted (IOC) and wins over a quiet
	 * one, the first operand first; DN gives the default NaN */
	S3("vadd.f32 s0, s1, s2", 0, 0x7f800001u, one, RN, 0x7fc00001u, RN | IOC);
	S3("vadd.f32 s0, s1, s2", 0, 0x7fc00002u, 0x7f800003u, RN, 0x7fc00003u, RN | IOC);
	S3("vadd.f32 s0, s1, s2", 0, 0xffc00002u, 0x7fc00003u, RN, 0xffc00002u, RN);
	S3("vadd.f32 s0, s1, s2", 0, 0xffc00002u, one, DN, 0x7fc00000u, DN);
	S3("vsub.f32 s0, s1, s2", 0, 0x7f800000u, 0x7f800000u, RN, 0x7fc00000u, RN | IOC);
	S3("vmul.f32 s0, s1, s2", 0, 0x7f800000u, 0, RN, 0x7fc00000u, RN | IOC);
	/* VNMUL negates whatever the product is, a NaN too */
	S3("vnmul.f32 s0, s1, s2", 0, 0x7fc00005u, one, RN, 0xffc00005u, RN);
	/* overflow: infinity, or the largest finite towards zero */
	S3("vmul.f32 s0, s1, s2", 0, 0x7f7fffffu, two, RN, 0x7f800000u, RN | OFC | IXC);
	S3("vmul.f32 s0, s1, s2", 0, 0x7f7fffffu, two, RZ, 0x7f7fffffu, RZ | OFC | IXC);
	S3("vmul.f32 s0, s1, s2", 0, 0xff7fffffu, two, RP, 0xff7fffffu, RP | OFC | IXC);
	/* denormals: kept without FZ; with FZ inputs flush (IDC) and tiny
	 * results flush (UFC) */
	S3("vmul.f32 s0, s1, s2", 0, 0x00800000u, 0x3f000000u, RN, 0x00400000u, RN);
	S3("vmul.f32 s0, s1, s2", 0, 0x00800000u, 0x3f000000u, FZ, 0x00000000u, FZ | UFC);
	S3("vadd.f32 s0, s1, s2", 0, 0x80000001u, one, FZ, one, FZ | IDC);
	S3("vadd.f32 s0, s1, s2", 0, 0x00000001u, 0x00000001u, RN, 0x00000002u, RN);

	/* VCMP/VCMPE: NZCV in the FPSCR; VCMPE raises IOC on a quiet NaN */
	S3("vcmp.f32 s1, s2", 0, one, two, RN, 0, RN | 0x80000000u);
	S3("vcmp.f32 s1, s2", 0, two, two, RN, 0, RN | 0x60000000u);
	S3("vcmp.f32 s1, s2", 0, three, two, RN, 0, RN | 0x20000000u);
	S3("vcmp.f32 s1, s2", 0, 0x7fc00000u, two, RN, 0, RN | 0x30000000u);
	S3("vcmpe.f32 s1, s2", 0, 0x7fc00000u, two, RN, 0, RN | 0x30000000u | IOC);
	S3("vcmp.f32 s1, s2", 0, 0x7f800001u, two, RN, 0, RN | 0x30000000u | IOC);
	S3("vcmp.f32 s1, #0", 0, 0x80000000u, 0, RN, 0, RN | 0x60000000u);
	S3("vcmpe.f32 s1, #0", 0, 0xbf800000u, 0, RN | 0xf0000000u, 0, RN | 0x80000000u);

	/* to integers: VCVT rounds towards zero, VCVTR as the FPSCR says,
	 * saturating with IOC; from integers the FPSCR's rounding */
	S3("vcvt.s32.f32 s0, s2", 0, 0, 0xc0200000u, RN, 0xfffffffeu, RN | IXC);
	S3("vcvtr.s32.f32 s0, s2", 0, 0, 0xc0200000u, RN, 0xfffffffeu, RN | IXC);
	S3("vcvtr.s32.f32 s0, s2", 0, 0, 0xc0200000u, RM, 0xfffffffdu, RM | IXC);
	S3("vcvtr.s32.f32 s0, s2", 0, 0, 0x40600000u, RN, 0x00000004u, RN | IXC);
	S3("vcvt.u32.f32 s0, s2", 0, 0, 0xbf800000u, RN, 0, RN | IOC);
	S3("vcvt.s32.f32 s0, s2", 0, 0, 0x4f32d05eu, RN, 0x7fffffffu, RN | IOC);
	S3("vcvt.s32.f32 s0, s2", 0, 0, 0x7fc00000u, RN, 0, RN | IOC);
	S3("vcvt.f32.s32 s0, s2", 0, 0, 0xfffffff9u, RN, 0xc0e00000u, RN);
	S3("vcvt.f32.u32 s0, s2", 0, 0, 0xffffffffu, RN, 0x4f800000u, RN | IXC);
	S3("vcvt.f32.u32 s0, s2", 0, 0, 0xffffffffu, RZ, 0x4f7fffffu, RZ | IXC);
	/* fixed point, in place: 16-bit results sign-extended */
	S3("vcvt.s16.f32 s0, s0, #3", 0x3fa66666u, 0, 0, RN, 0x0000000au, RN | IXC);
	S3("vcvt.s16.f32 s0, s0, #3", 0xbfa66666u, 0, 0, RN, 0xfffffff6u, RN | IXC);
	S3("vcvt.u16.f32 s0, s0, #16", 0x3f800000u, 0, 0, RN, 0x0000ffffu, RN | IOC);
	S3("vcvt.f32.u16 s0, s0, #8", 0xffff0180u, 0, 0, RN, 0x3fc00000u, RN);
	S3("vcvt.f32.s32 s0, s0, #31", 0x80000000u, 0, 0, RN, 0xbf800000u, RN);
	/* half precision: VCVTB the bottom half, VCVTT the top; a half
	 * result leaves the other half alone; AHP has no NaN (0, IOC) */
	S3("vcvtb.f32.f16 s0, s2", 0, 0, 0xc0003c00u, RN, 0x3f800000u, RN);
	S3("vcvtt.f32.f16 s0, s2", 0, 0, 0xc0003c00u, RN, 0xc0000000u, RN);
	S3("vcvtb.f16.f32 s0, s2", 0xabcd1234u, 0, 0x3fc00000u, RN, 0xabcd3e00u, RN);
	S3("vcvtt.f16.f32 s0, s2", 0xabcd1234u, 0, 0x3fc00000u, RN, 0x3e001234u, RN);
	S3("vcvtb.f16.f32 s0, s2", 0, 0, 0x7fc00000u, RN, 0x00007e00u, RN);
	S3("vcvtb.f16.f32 s0, s2", 0, 0, 0x7fc00000u, AHP, 0x00000000u, AHP | IOC);
	S3("vcvtb.f16.f32 s0, s2", 0, 0, 0x47800000u, RN, 0x00007c00u, RN | OFC | IXC);
	S3("vcvtb.f32.f16 s0, s2", 0, 0, 0x00007c00u, AHP, 0x47800000u, AHP);
}

#if FP_DP
/* The same on d0 (destination), d1, d2 (S4 is the low half of d2), values
 * as 64-bit words. */
#define D3(insn, d, n, m, f, want, want_f)                                               \
	do {                                                                           \
		uint32_t lo_, hi_, fo_;                                                \
		uint64_t d_ = (d), n_ = (n), m_ = (m);                                 \
		__asm__ volatile("vmsr fpscr, %[fi]\n\t"                                \
				 "vmov d0, %[dl], %[dh]\n\t"                           \
				 "vmov d1, %[nl], %[nh]\n\t"                           \
				 "vmov d2, %[ml], %[mh]\n\t" insn "\n\t"               \
				 "vmov %[lo], %[hi], d0\n\t"                           \
				 "vmrs %[fo], fpscr\n\t"                               \
				 : [lo] "=&r"(lo_), [hi] "=&r"(hi_), [fo] "=&r"(fo_)     \
				 : [fi] "r"(f), [dl] "r"((uint32_t)d_),                \
				   [dh] "r"((uint32_t)(d_ >> 32)), [nl] "r"((uint32_t)n_), \
				   [nh] "r"((uint32_t)(n_ >> 32)), [ml] "r"((uint32_t)m_), \
				   [mh] "r"((uint32_t)(m_ >> 32))                      \
				 : "d0", "d1", "d2");                                  \
		uint64_t w_ = (want);                                                  \
		check(__LINE__, insn " (high)", hi_, (uint32_t)(w_ >> 32), fo_, want_f); \
		check(__LINE__, insn " (low)", lo_, (uint32_t)w_, fo_, want_f);        \
	} while (0)

static void dbl(void)
{
	const uint64_t one = 0x3ff0000000000000ull, two = 0x4000000000000000ull,
		       three = 0x4008000000000000ull;
	D3("vadd.f64 d0, d1, d2", 0, 0x3ff8000000000000ull, 0x4002000000000000ull, RN,
	   0x400e000000000000ull, RN);
	D3("vsub.f64 d0, d1, d2", 0, one, three, RN, 0xc000000000000000ull, RN);
	D3("vmul.f64 d0, d1, d2", 0, three, three, RN, 0x4022000000000000ull, RN);
	D3("vnmul.f64 d0, d1, d2", 0, three, three, RN, 0xc022000000000000ull, RN);
	D3("vdiv.f64 d0, d1, d2", 0, one, three, RN, 0x3fd5555555555555ull, RN | IXC);
	D3("vdiv.f64 d0, d1, d2", 0, one, three, RP, 0x3fd5555555555556ull, RP | IXC);
	D3("vsqrt.f64 d0, d2", 0, 0, two, RN, 0x3ff6a09e667f3bcdull, RN | IXC);
	D3("vmla.f64 d0, d1, d2", one, two, three, RN, 0x401c000000000000ull, RN);
	D3("vmls.f64 d0, d1, d2", one, two, three, RN, 0xc014000000000000ull, RN);
	D3("vnmla.f64 d0, d1, d2", one, two, three, RN, 0xc01c000000000000ull, RN);
	D3("vnmls.f64 d0, d1, d2", one, two, three, RN, 0x4014000000000000ull, RN);
	/* n = m = 1 + 2^-27, d = -(1 + 2^-26): VFMA keeps the 2^-54 */
	const uint64_t x = 0x3ff0000002000000ull, md = 0xbff0000004000000ull;
	D3("vmla.f64 d0, d1, d2", md, x, x, RN, 0, RN | IXC);
	D3("vfma.f64 d0, d1, d2", md, x, x, RN, 0x3c90000000000000ull, RN);
	D3("vfnma.f64 d0, d1, d2", md, x, x, RN, 0xbc90000000000000ull, RN);
	D3("vabs.f64 d0, d2", 0, 0, 0xfff0000000000001ull, RN, 0x7ff0000000000001ull, RN);
	D3("vneg.f64 d0, d2", 0, 0, one, RN, 0xbff0000000000000ull, RN);
	D3("vmov.f64 d0, d2", 0, 0, 0x7ff0000000000001ull, RN, 0x7ff0000000000001ull, RN);
	D3("vmov.f64 d0, #0.125", 0, 0, 0, RN, 0x3fc0000000000000ull, RN);
	D3("vadd.f64 d0, d1, d2", 0, 0x7ff0000000000001ull, one, RN, 0x7ff8000000000001ull,
	   RN | IOC);
	D3("vadd.f64 d0, d1, d2", 0, 0x7ff0000000000001ull, one, DN, 0x7ff8000000000000ull,
	   DN | IOC);
	D3("vcmp.f64 d1, d2", 0, one, two, RN, 0, RN | 0x80000000u);
	D3("vcmpe.f64 d1, #0", 0, 0x7ff8000000000000ull, 0, RN, 0, RN | 0x30000000u | IOC);
	/* conversions with single precision and integers */
	D3("vcvt.f64.f32 d0, s4", 0, 0, 0x3fc00000u, RN, 0x3ff8000000000000ull, RN);
	D3("vcvt.f64.f32 d0, s4", 0, 0, 0x7f800001u, RN, 0x7ff8000020000000ull, RN | IOC);
	D3("vcvt.f32.f64 s0, d2", 0xffffffff00000000ull, 0, 0x3fd5555555555555ull, RN,
	   0xffffffff3eaaaaabull, RN | IXC);
	D3("vcvt.s32.f64 s0, d2", 0, 0, 0xc004000000000000ull, RN, 0xfffffffeull, RN | IXC);
	D3("vcvtr.u32.f64 s0, d2", 0, 0, 0x4004000000000000ull, RP, 3, RP | IXC);
	D3("vcvt.f64.s32 d0, s4", 0, 0, 0xfffffff9u, RN, 0xc01c000000000000ull, RN);
	D3("vcvt.f64.u32 d0, s4", 0, 0, 0xffffffffu, RN, 0x41efffffffe00000ull, RN);
	D3("vcvt.s32.f64 d0, d0, #16", 0xbff8000000000000ull, 0, 0, RN, 0xfffffffffffe8000ull,
	   RN);
	D3("vcvt.u32.f64 d0, d0, #16", 0x3ff8000000000000ull, 0, 0, RN, 0x0000000000018000ull,
	   RN);
	D3("vcvt.f64.u16 d0, d0, #4", 0xffffffff00000018ull, 0, 0, RN, 0x3ff8000000000000ull,
	   RN);
	/* FPv5: half precision with doubles, VRINT, VCVTA..., VSEL,
	 * VMAXNM/VMINNM */
	D3("vcvtb.f64.f16 d0, s4", 0, 0, 0x3c00u, RN, one, RN);
	D3("vcvtt.f16.f64 s0, d2", 0x1234u, 0, 0xc000000000000000ull, RN, 0xc0001234u, RN);
	D3("vrinta.f64 d0, d2", 0, 0, 0x4004000000000000ull, RN, 0x4008000000000000ull, RN);
	D3("vrintm.f64 d0, d2", 0, 0, 0xc004000000000000ull, RN, 0xc008000000000000ull, RN);
	D3("vrintz.f64 d0, d2", 0, 0, 0xc004000000000000ull, RN, 0xc000000000000000ull, RN);
	D3("vcvtp.s32.f64 s0, d2", 0, 0, 0xc004000000000000ull, RN, 0xfffffffeu, RN | IXC);
	D3("vmaxnm.f64 d0, d1, d2", 0, 0x7ff8000000000000ull, one, RN, one, RN);
	D3("vminnm.f64 d0, d1, d2", 0, 0, 0x8000000000000000ull, RN, 0x8000000000000000ull, RN);
}
#endif

#if FP_V5
static void fpv5(void)
{
	const uint32_t one = 0x3f800000u, two = 0x40000000u;
	const uint32_t p25 = 0x40200000u, m25 = 0xc0200000u; /* +-2.5 */
	S3("vrinta.f32 s0, s2", 0, 0, p25, RN, 0x40400000u, RN);
	S3("vrintn.f32 s0, s2", 0, 0, p25, RZ, 0x40000000u, RZ);
	S3("vrintp.f32 s0, s2", 0, 0, m25, RN, 0xc0000000u, RN);
	S3("vrintm.f32 s0, s2", 0, 0, m25, RN, 0xc0400000u, RN);
	S3("vrintz.f32 s0, s2", 0, 0, m25, RN, 0xc0000000u, RN);
	S3("vrintr.f32 s0, s2", 0, 0, p25, RN, 0x40000000u, RN);
	S3("vrintr.f32 s0, s2", 0, 0, p25, RP, 0x40400000u, RP);
	S3("vrintx.f32 s0, s2", 0, 0, p25, RN, 0x40000000u, RN | IXC);
	S3("vrintx.f32 s0, s2", 0, 0, two, RN, two, RN);
	S3("vcvta.s32.f32 s0, s2", 0, 0, p25, RN, 3, RN | IXC);
	S3("vcvtn.s32.f32 s0, s2", 0, 0, p25, RN, 2, RN | IXC);
	S3("vcvtp.s32.f32 s0, s2", 0, 0, m25, RN, 0xfffffffeu, RN | IXC);
	S3("vcvtm.s32.f32 s0, s2", 0, 0, m25, RN, 0xfffffffdu, RN | IXC);
	S3("vcvtm.u32.f32 s0, s2", 0, 0, m25, RN, 0, RN | IOC);
	S3("vmaxnm.f32 s0, s1, s2", 0, 0x7fc00000u, one, RN, one, RN);
	S3("vminnm.f32 s0, s1, s2", 0, one, 0x7fc00000u, RN, one, RN);
	S3("vmaxnm.f32 s0, s1, s2", 0, 0x7f800001u, one, RN, 0x7fc00001u, RN | IOC);
	S3("vminnm.f32 s0, s1, s2", 0, 0, 0x80000000u, RN, 0x80000000u, RN);
	S3("vmaxnm.f32 s0, s1, s2", 0, 0x80000000u, 0, RN, 0, RN);

	/* VSEL on the APSR's flags (from a VCMP through VMRS) */
	uint32_t r[4];
	__asm__ volatile("vmov s1, %[a]\n\t"
			 "vmov s2, %[b]\n\t"
			 "vcmp.f32 s1, s2\n\t" /* 1 < 2: N */
			 "vmrs APSR_nzcv, fpscr\n\t"
			 "vselgt.f32 s0, s1, s2\n\t"
			 "vmov %[r0], s0\n\t"
			 "vselge.f32 s0, s1, s2\n\t"
			 "vmov %[r1], s0\n\t"
			 "vcmp.f32 s1, s1\n\t" /* equal: Z C */
			 "vmrs APSR_nzcv, fpscr\n\t"
			 "vseleq.f32 s0, s1, s2\n\t"
			 "vmov %[r2], s0\n\t"
			 "vselvs.f32 s0, s1, s2\n\t"
			 "vmov %[r3], s0\n\t"
			 : [r0] "=&r"(r[0]), [r1] "=&r"(r[1]), [r2] "=&r"(r[2]), [r3] "=&r"(r[3])
			 : [a] "r"(one), [b] "r"(two)
			 : "s0", "s1", "s2", "cc");
	const uint32_t want[4] = { two, two, one, two };
	CHECK_WORDS(r, want, 4);
}
#endif

int main(void)
{
	fp_faults_install();
	single();
#if FP_DP
	dbl();
#endif
#if FP_V5
	fpv5();
#endif
	printf("%u results checked\nfp arith passed\n", checks);
	return 0;
}
