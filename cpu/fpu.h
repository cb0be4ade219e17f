/*
 * The floating-point arithmetic of the ARMv7-M FP extension (ARM DDI
 * 0403E, A2.5 and the pseudocode of chapter A6), on raw register bits.
 *
 * Every operation takes its operands as IEEE 754 bit patterns (binary32 in
 * a uint32_t, binary64 in a uint64_t, binary16 in the low half of a
 * uint32_t) and the FPSCR: RMode [23:22], FZ [24], DN [25] and AHP [26]
 * choose how it computes, and the cumulative exception flags IOC [0],
 * DZC [1], OFC [2], UFC [3], IXC [4] and IDC [7] it raises are ORed into
 * *fpscr. Nothing else in the FPSCR changes (VCMP's NZCV are returned, not
 * written). The results are those of the architecture's pseudocode, bit
 * for bit: ARM's NaN propagation (signalling before quiet, operand order,
 * the default NaN 0x7FC00000 / 0x7FF8000000000000 when DN is set or a NaN
 * is generated), flush-to-zero of denormal inputs (IDC) and of tiny
 * results (UFC, tininess before rounding), fused multiply-add with a
 * single rounding, and saturating conversions to integers (IOC).
 *
 * The host's IEEE 754 arithmetic does the rounding (fenv rounding modes);
 * everything where ARM and the host differ is handled here (fpu.c says
 * how). Pure functions: no state but *fpscr, thread-safe, deterministic.
 */
#ifndef PMSIM_CPU_FPU_H
#define PMSIM_CPU_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* FPSCR fields. */
#define FPSCR_IOC (1u << 0)
#define FPSCR_DZC (1u << 1)
#define FPSCR_OFC (1u << 2)
#define FPSCR_UFC (1u << 3)
#define FPSCR_IXC (1u << 4)
#define FPSCR_IDC (1u << 7)
#define FPSCR_EXC_MASK 0x9fu
#define FPSCR_RMODE_SHIFT 22
#define FPSCR_RMODE_MASK (3u << 22)
#define FPSCR_FZ (1u << 24)
#define FPSCR_DN (1u << 25)
#define FPSCR_AHP (1u << 26)
#define FPSCR_NZCV_MASK 0xf0000000u
/* The bits that exist in FPv4/FPv5 on M-profile (no trap enables, no
 * LEN/STRIDE): NZCV, AHP, DN, FZ, RMode and the cumulative flags. */
#define FPSCR_WRITABLE 0xf7c0009fu

/* Rounding modes: FPSCR.RMode values, and the one only VRINTA/VCVTA use. */
enum fpu_round {
	FPU_RN = 0, /* to nearest, ties to even */
	FPU_RP = 1, /* towards +infinity */
	FPU_RM = 2, /* towards -infinity */
	FPU_RZ = 3, /* towards zero */
	FPU_RA = 4, /* to nearest, ties away from zero */
};

/* The mode the FPSCR selects. */
static inline enum fpu_round fpu_rmode(uint32_t fpscr)
{
	return (enum fpu_round)((fpscr >> FPSCR_RMODE_SHIFT) & 3u);
}

/* ---- arithmetic: Vd = op(Vn, Vm) ---------------------------------------- */

uint32_t fpu_add32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_sub32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_mul32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_div32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_sqrt32(uint32_t a, uint32_t *fpscr);
/* FPMulAdd(addend, a, b): addend + a*b rounded once (VFMA and, with the
 * operands negated by the caller (sign flip), VFMS/VFNMA/VFNMS). NaN
 * order: the pseudocode's FPProcessNaNs3(addend, a, b), and the default
 * NaN for inf*0 even with a quiet NaN addend. */
uint32_t fpu_muladd32(uint32_t addend, uint32_t a, uint32_t b, uint32_t *fpscr);
/* FPMaxNum / FPMinNum (VMAXNM/VMINNM): a quiet NaN loses to a number. */
uint32_t fpu_maxnum32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_minnum32(uint32_t a, uint32_t b, uint32_t *fpscr);

uint64_t fpu_add64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_sub64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_mul64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_div64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_sqrt64(uint64_t a, uint32_t *fpscr);
uint64_t fpu_muladd64(uint64_t addend, uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_maxnum64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_minnum64(uint64_t a, uint64_t b, uint32_t *fpscr);

/* VABS, VNEG: the sign bit alone, no flags, no NaN processing (A6's
 * FPAbs/FPNeg). */
static inline uint32_t fpu_abs32(uint32_t a) { return a & 0x7fffffffu; }
static inline uint32_t fpu_neg32(uint32_t a) { return a ^ 0x80000000u; }
static inline uint64_t fpu_abs64(uint64_t a) { return a & 0x7fffffffffffffffull; }
static inline uint64_t fpu_neg64(uint64_t a) { return a ^ 0x8000000000000000ull; }

/* ---- comparison --------------------------------------------------------- */

/* FPCompare (VCMP, VCMPE): the NZCV to put in FPSCR[31:28], returned in
 * place (bits 31:28, the rest zero): 0110 equal, 1000 less, 0010 greater,
 * 0011 unordered. IOC for a signalling NaN, or
 * with `quiet_nan_exc` (VCMPE) for any NaN. Denormal inputs flush (IDC)
 * under FZ. */
uint32_t fpu_cmp32(uint32_t a, uint32_t b, bool quiet_nan_exc, uint32_t *fpscr);
uint32_t fpu_cmp64(uint64_t a, uint64_t b, bool quiet_nan_exc, uint32_t *fpscr);

/* ---- conversions -------------------------------------------------------- */

/* Single <-> double (VCVT.F64.F32, VCVT.F32.F64), FPSCR rounding, FZ, DN. */
uint64_t fpu_f32_to_f64(uint32_t a, uint32_t *fpscr);
uint32_t fpu_f64_to_f32(uint64_t a, uint32_t *fpscr);

/* Half precision (VCVTB/VCVTT; the 64-bit forms are FPv5). `ahp`
 * selects the alternative format (no infinities or NaNs; the FPSCR.AHP
 * bit is passed separately so that callers pass FPSCR.AHP). A half result
 * is in bits [15:0]. Half inputs are never flushed (FZ does not apply to
 * half precision); the flags are FPConvert's. */
uint32_t fpu_f32_to_f16(uint32_t a, bool ahp, uint32_t *fpscr);
uint32_t fpu_f16_to_f32(uint32_t h, bool ahp, uint32_t *fpscr);
uint32_t fpu_f64_to_f16(uint64_t a, bool ahp, uint32_t *fpscr);
uint64_t fpu_f16_to_f64(uint32_t h, bool ahp, uint32_t *fpscr);

/* FPToFixed: to a signed or unsigned integer of `width` bits (16 or 32)
 * with `frac` fraction bits (0..width), rounded in `rmode`, saturated
 * with IOC (a NaN gives 0 and IOC), IXC when inexact. A 16-bit result is
 * sign- or zero-extended to 32 bits. VCVT to integer passes FPU_RZ (or the
 * FPSCR's mode for VCVTR), VCVTA/N/P/M their own. */
uint32_t fpu_f32_to_fixed(uint32_t a, bool is_signed, unsigned width, unsigned frac,
			  enum fpu_round rmode, uint32_t *fpscr);
uint32_t fpu_f64_to_fixed(uint64_t a, bool is_signed, unsigned width, unsigned frac,
			  enum fpu_round rmode, uint32_t *fpscr);
/* FixedToFP: `v` is a `width`-bit (16 or 32) signed or unsigned value
 * with `frac` fraction bits (only the low `width` bits are read), rounded
 * in `rmode` (the FPSCR's for VCVT; FZ applies to the result). */
uint32_t fpu_fixed_to_f32(uint32_t v, bool is_signed, unsigned width, unsigned frac,
			  enum fpu_round rmode, uint32_t *fpscr);
uint64_t fpu_fixed_to_f64(uint32_t v, bool is_signed, unsigned width, unsigned frac,
			  enum fpu_round rmode, uint32_t *fpscr);

/* FPRoundInt (VRINT{A,N,P,M,Z,R,X}): round to an integral value in the
 * same format; IXC only when `exact` (VRINTX) and the value changed. */
uint32_t fpu_rint32(uint32_t a, enum fpu_round rmode, bool exact, uint32_t *fpscr);
uint64_t fpu_rint64(uint64_t a, enum fpu_round rmode, bool exact, uint32_t *fpscr);

/* ---- immediates --------------------------------------------------------- */

/* VFPExpandImm: the 8-bit immediate of VMOV (immediate). */
uint32_t fpu_expand_imm32(uint8_t imm8);
uint64_t fpu_expand_imm64(uint8_t imm8);

#endif
