/*
 * The floating-point extension's instructions (ARM DDI 0403E, A6 and
 * A7.7; FPv5's additions from ARMv8-M): moves between the core and the
 * FP registers, VMRS/VMSR, the extension-register loads and stores, and
 * the data-processing instructions, whose arithmetic is cpu/fpu.c's.
 *
 * Decode (decode.c) resolves every register to an index into c->s: a
 * single-precision register S<n> is n, a double-precision D<n> is 2n (its
 * low half; D<n> is S<2n+1>:S<2n>). It also records what the unit must
 * provide (insn->fpreq): cpu_decode_fetch turns the instruction into
 * vfp_undef on a unit that lacks it, and into NOCP without a unit.
 *
 * Every handler starts with ExecuteFPCheck (cpu_fp_enter: NOCP when
 * CPACR denies access, lazy state preservation, a new context's FPSCR).
 * Conditions (IT blocks) are the run loop's, as for every instruction.
 *
 * Memory accesses are word accesses that must be aligned (MemA: a
 * misaligned address is a UsageFault UNALIGNED whatever CCR.UNALIGN_TRP
 * says). A faulting load leaves every register as it was, base included;
 * a faulting store or VSTM/VPUSH may have written the words before the
 * fault, and does not write the base back.
 */
#include "cpu/decode.h"
#include "cpu/fpu.h"

static inline uint64_t get_d(const struct cpu *c, unsigned i)
{
	return ((uint64_t)c->s[i + 1] << 32) | c->s[i];
}

static inline void set_d(struct cpu *c, unsigned i, uint64_t v)
{
	c->s[i] = (uint32_t)v;
	c->s[i + 1] = (uint32_t)(v >> 32);
}

/* An encoding of the CP10/CP11 space this unit does not implement (or an
 * UNPREDICTABLE one pmsim treats as UNDEFINED). The coprocessor access
 * check comes first: with CP10 access denied it is a NOCP UsageFault like
 * any other FP instruction, else UNDEFINSTR. No lazy preservation, no new
 * context: the instruction does not execute. */
void vfp_undef(struct cpu *c, const struct cpu_insn *in)
{
	cpu_insn_fault(c, cpu_fp_accessible(c) ? FAULT_UNDEFINSTR : FAULT_NOCP, ~0u);
}

/* ---- moves between core and FP registers ------------------------------ */

/* VMOV Sn, Rt and VMOV Dd[x], Rt: rd = the S index, rn = Rt. */
void vfp_vmov_to_s(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->s[in->rd] = c->r[in->rn];
}

/* VMOV Rt, Sn and VMOV Rt, Dn[x]: rd = Rt, rn = the S index. */
void vfp_vmov_from_s(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	cpu_set_gpr(c, in->rd, c->s[in->rn]);
}

/* VMOV Sm, Sm1, Rt, Rt2 and VMOV Dm, Rt, Rt2: rd = the first S index,
 * rn = Rt (low word), ra = Rt2. */
void vfp_vmov_to_ss(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->s[in->rd] = c->r[in->rn];
	c->s[in->rd + 1] = c->r[in->ra];
}

/* VMOV Rt, Rt2, Sm, Sm1 and VMOV Rt, Rt2, Dm: rn = the first S index,
 * rd = Rt, ra = Rt2 (with Rt == Rt2, UNPREDICTABLE, Rt2's word wins). */
void vfp_vmov_from_ss(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t lo = c->s[in->rn], hi = c->s[in->rn + 1];
	cpu_set_gpr(c, in->rd, lo);
	cpu_set_gpr(c, in->ra, hi);
}

/* VMRS Rt, FPSCR. */
void vfp_vmrs(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	cpu_set_gpr(c, in->rd, c->fpscr);
}

/* VMRS APSR_nzcv, FPSCR: the comparison flags to the APSR. */
void vfp_vmrs_apsr(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->nzcv = c->fpscr & FPSCR_NZCV_MASK;
}

/* VMSR FPSCR, Rt: the bits M-profile has; the rest read as zero. */
void vfp_vmsr(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->fpscr = c->r[in->rn] & FPSCR_WRITABLE;
}

/* ---- loads and stores ------------------------------------------------- */

static inline bool vfp_aligned(struct cpu *c, uint32_t a)
{
	if (cpu_likely(!(a & 3u)))
		return true;
	cpu_insn_fault(c, FAULT_UNALIGNED, ~0u);
	return false;
}

/* VLDR/VSTR address: Rn plus the signed offset in imm, or (Rn = PC) the
 * absolute literal address decode computed from Align(PC, 4). */
static inline uint32_t vldr_addr(const struct cpu *c, const struct cpu_insn *in)
{
	return in->rn == 15 ? in->imm : c->r[in->rn] + in->imm;
}

void vfp_vldr(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t v, a = vldr_addr(c, in);
	if (!vfp_aligned(c, a) || !cpu_mem_read(c, a, 4, &v))
		return;
	c->s[in->rd] = v;
}

void vfp_vldr_d(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t lo, hi, a = vldr_addr(c, in);
	if (!vfp_aligned(c, a) || !cpu_mem_read(c, a, 4, &lo) || !cpu_mem_read(c, a + 4, 4, &hi))
		return;
	c->s[in->rd] = lo;
	c->s[in->rd + 1] = hi;
}

void vfp_vstr(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t a = vldr_addr(c, in);
	if (!vfp_aligned(c, a))
		return;
	cpu_mem_write(c, a, 4, c->s[in->rd]);
}

void vfp_vstr_d(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t a = vldr_addr(c, in);
	if (!vfp_aligned(c, a) || !cpu_mem_write(c, a, 4, c->s[in->rd]))
		return;
	cpu_mem_write(c, a + 4, 4, c->s[in->rd + 1]);
}

/* VLDM/VSTM (VPOP/VPUSH): rd = the first S index, ra = the number of
 * words, imm = imm8 * 4 (what the base moves by; one more word than
 * transferred for the odd-imm8 FLDMX/FSTMX forms), INSN_ADD for IA,
 * INSN_WBACK. Rn = PC (without writeback) reads Align(PC, 4). */
static inline void vldm_range(const struct cpu *c, const struct cpu_insn *in, uint32_t *a,
			      uint32_t *wb)
{
	uint32_t base = in->rn == 15 ? c->r[15] & ~3u : c->r[in->rn];
	if (in->flags & INSN_ADD) {
		*a = base;
		*wb = base + in->imm;
	} else {
		*a = *wb = base - in->imm;
	}
}

void vfp_vldm(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t a, wb, vals[32];
	unsigned n = in->ra;
	vldm_range(c, in, &a, &wb);
	if (!vfp_aligned(c, a))
		return;
	for (unsigned i = 0; i < n; i++)
		if (!cpu_mem_read(c, a + 4 * i, 4, &vals[i]))
			return;
	if (in->flags & INSN_WBACK)
		cpu_set_gpr(c, in->rn, wb);
	memcpy(&c->s[in->rd], vals, n * sizeof vals[0]);
}

void vfp_vstm(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t a, wb;
	unsigned n = in->ra;
	vldm_range(c, in, &a, &wb);
	if (!vfp_aligned(c, a))
		return;
	for (unsigned i = 0; i < n; i++)
		if (!cpu_mem_write(c, a + 4 * i, 4, c->s[in->rd + i]))
			return;
	if (in->flags & INSN_WBACK)
		cpu_set_gpr(c, in->rn, wb);
}

/* ---- data processing -------------------------------------------------- */

/* The rounding mode of a conversion or VRINT: its own (enum fpu_round, in
 * shift_t) or, for FP_RM_FPSCR, the FPSCR's. */
static inline enum fpu_round vfp_rmode(const struct cpu *c, const struct cpu_insn *in)
{
	return in->shift_t == FP_RM_FPSCR ? fpu_rmode(c->fpscr) : (enum fpu_round)in->shift_t;
}

/* Three-operand operations Vd = f(Vd, Vn, Vm), single and double: the
 * pseudocode of A7.7 (VMLA/VMLS/VNMLA/VNMLS round twice, the fused forms
 * once; VNMUL negates the rounded product). */
#define VFP_OP3(name, e32, e64)                                                   \
	void vfp_##name(struct cpu *c, const struct cpu_insn *in)                \
	{                                                                         \
		if (!cpu_fp_enter(c, in->cycles))                                 \
			return;                                                   \
		uint32_t *fpscr = &c->fpscr;                                      \
		uint32_t d = c->s[in->rd], n = c->s[in->rn], m = c->s[in->rm];    \
		(void)d;                                                          \
		(void)fpscr;                                                      \
		c->s[in->rd] = (e32);                                             \
	}                                                                         \
	void vfp_##name##_d(struct cpu *c, const struct cpu_insn *in)            \
	{                                                                         \
		if (!cpu_fp_enter(c, in->cycles))                                 \
			return;                                                   \
		uint32_t *fpscr = &c->fpscr;                                      \
		uint64_t d = get_d(c, in->rd), n = get_d(c, in->rn), m = get_d(c, in->rm); \
		(void)d;                                                          \
		(void)fpscr;                                                      \
		set_d(c, in->rd, (e64));                                          \
	}

VFP_OP3(add, fpu_add32(n, m, fpscr), fpu_add64(n, m, fpscr))
VFP_OP3(sub, fpu_sub32(n, m, fpscr), fpu_sub64(n, m, fpscr))
VFP_OP3(mul, fpu_mul32(n, m, fpscr), fpu_mul64(n, m, fpscr))
VFP_OP3(nmul, fpu_neg32(fpu_mul32(n, m, fpscr)), fpu_neg64(fpu_mul64(n, m, fpscr)))
VFP_OP3(div, fpu_div32(n, m, fpscr), fpu_div64(n, m, fpscr))
VFP_OP3(mla, fpu_add32(d, fpu_mul32(n, m, fpscr), fpscr),
	fpu_add64(d, fpu_mul64(n, m, fpscr), fpscr))
VFP_OP3(mls, fpu_add32(d, fpu_neg32(fpu_mul32(n, m, fpscr)), fpscr),
	fpu_add64(d, fpu_neg64(fpu_mul64(n, m, fpscr)), fpscr))
VFP_OP3(nmla, fpu_add32(fpu_neg32(d), fpu_neg32(fpu_mul32(n, m, fpscr)), fpscr),
	fpu_add64(fpu_neg64(d), fpu_neg64(fpu_mul64(n, m, fpscr)), fpscr))
VFP_OP3(nmls, fpu_add32(fpu_neg32(d), fpu_mul32(n, m, fpscr), fpscr),
	fpu_add64(fpu_neg64(d), fpu_mul64(n, m, fpscr), fpscr))
VFP_OP3(fma, fpu_muladd32(d, n, m, fpscr), fpu_muladd64(d, n, m, fpscr))
VFP_OP3(fms, fpu_muladd32(d, fpu_neg32(n), m, fpscr), fpu_muladd64(d, fpu_neg64(n), m, fpscr))
VFP_OP3(fnma, fpu_muladd32(fpu_neg32(d), fpu_neg32(n), m, fpscr),
	fpu_muladd64(fpu_neg64(d), fpu_neg64(n), m, fpscr))
VFP_OP3(fnms, fpu_muladd32(fpu_neg32(d), n, m, fpscr),
	fpu_muladd64(fpu_neg64(d), n, m, fpscr))
VFP_OP3(maxnm, fpu_maxnum32(n, m, fpscr), fpu_maxnum64(n, m, fpscr))
VFP_OP3(minnm, fpu_minnum32(n, m, fpscr), fpu_minnum64(n, m, fpscr))
/* VSEL: the condition (ra) on the APSR's flags. */
VFP_OP3(sel, cpu_cond_pass(c->nzcv, in->ra) ? n : m, cpu_cond_pass(c->nzcv, in->ra) ? n : m)

/* Two-operand operations Vd = f(Vm). */
#define VFP_OP2(name, e32, e64)                                                   \
	void vfp_##name(struct cpu *c, const struct cpu_insn *in)                \
	{                                                                         \
		if (!cpu_fp_enter(c, in->cycles))                                 \
			return;                                                   \
		uint32_t *fpscr = &c->fpscr;                                      \
		uint32_t m = c->s[in->rm];                                        \
		(void)fpscr;                                                      \
		c->s[in->rd] = (e32);                                             \
	}                                                                         \
	void vfp_##name##_d(struct cpu *c, const struct cpu_insn *in)            \
	{                                                                         \
		if (!cpu_fp_enter(c, in->cycles))                                 \
			return;                                                   \
		uint32_t *fpscr = &c->fpscr;                                      \
		uint64_t m = get_d(c, in->rm);                                    \
		(void)fpscr;                                                      \
		set_d(c, in->rd, (e64));                                          \
	}

VFP_OP2(mov, m, m)
VFP_OP2(abs, fpu_abs32(m), fpu_abs64(m))
VFP_OP2(neg, fpu_neg32(m), fpu_neg64(m))
VFP_OP2(sqrt, fpu_sqrt32(m, fpscr), fpu_sqrt64(m, fpscr))
/* VRINT{A,N,P,M,R,Z,X}: ra says exact (VRINTX). */
VFP_OP2(rint, fpu_rint32(m, vfp_rmode(c, in), in->ra, fpscr),
	fpu_rint64(m, vfp_rmode(c, in), in->ra, fpscr))

/* VMOV (immediate): the expanded constant (for a D register its high
 * word: VFPExpandImm's low 32 bits are zero). */
void vfp_vmov_imm(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->s[in->rd] = in->imm;
}

void vfp_vmov_imm_d(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->s[in->rd] = 0;
	c->s[in->rd + 1] = in->imm;
}

/* VCMP/VCMPE (ra: E, a quiet NaN raises IOC too): FPSCR.NZCV. The #0
 * forms compare with +0. */
static inline void vfp_set_nzcv(struct cpu *c, uint32_t nzcv)
{
	c->fpscr = (c->fpscr & ~FPSCR_NZCV_MASK) | (nzcv & FPSCR_NZCV_MASK);
}

void vfp_cmp(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	vfp_set_nzcv(c, fpu_cmp32(c->s[in->rd], c->s[in->rm], in->ra, &c->fpscr));
}

void vfp_cmp_d(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	vfp_set_nzcv(c, fpu_cmp64(get_d(c, in->rd), get_d(c, in->rm), in->ra, &c->fpscr));
}

void vfp_cmpz(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	vfp_set_nzcv(c, fpu_cmp32(c->s[in->rd], 0, in->ra, &c->fpscr));
}

void vfp_cmpz_d(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	vfp_set_nzcv(c, fpu_cmp64(get_d(c, in->rd), 0, in->ra, &c->fpscr));
}

/* ---- conversions ------------------------------------------------------ */

/* VCVT.F64.F32 and VCVT.F32.F64. */
void vfp_cvt_ds(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	set_d(c, in->rd, fpu_f32_to_f64(c->s[in->rm], &c->fpscr));
}

void vfp_cvt_sd(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->s[in->rd] = fpu_f64_to_f32(get_d(c, in->rm), &c->fpscr);
}

/* To an integer or fixed-point value: ra signed, shift_n the width (16,
 * 32), imm the fraction bits, shift_t the rounding. VCVT/VCVTR/VCVTA...
 * to an integer write an S register (vfp_tofix, vfp_tofix_d from a D
 * register); VCVT to fixed point writes its own register, for a D
 * register sign- or zero-extended to 64 bits (vfp_tofix_dd). */
void vfp_tofix(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->s[in->rd] = fpu_f32_to_fixed(c->s[in->rm], in->ra, in->shift_n, in->imm,
					vfp_rmode(c, in), &c->fpscr);
}

void vfp_tofix_d(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->s[in->rd] = fpu_f64_to_fixed(get_d(c, in->rm), in->ra, in->shift_n, in->imm,
					vfp_rmode(c, in), &c->fpscr);
}

void vfp_tofix_dd(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t v = fpu_f64_to_fixed(get_d(c, in->rm), in->ra, in->shift_n, in->imm,
				      vfp_rmode(c, in), &c->fpscr);
	c->s[in->rd] = v;
	c->s[in->rd + 1] = in->ra && (v >> 31) ? 0xffffffffu : 0;
}

/* From an integer or fixed-point value in the low bits of S[rm] (for a
 * fixed-point D register, its low word), FPSCR rounding. */
void vfp_fromfix(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	c->s[in->rd] = fpu_fixed_to_f32(c->s[in->rm], in->ra, in->shift_n, in->imm,
					fpu_rmode(c->fpscr), &c->fpscr);
}

void vfp_fromfix_d(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	set_d(c, in->rd, fpu_fixed_to_f64(c->s[in->rm], in->ra, in->shift_n, in->imm,
					  fpu_rmode(c->fpscr), &c->fpscr));
}

/* VCVTB/VCVTT: the half in bits [shift_n + 15 : shift_n] of S[rm] or
 * S[rd]; a half result leaves the other half of S[rd] alone. */
void vfp_h2s(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t h = (c->s[in->rm] >> in->shift_n) & 0xffffu;
	c->s[in->rd] = fpu_f16_to_f32(h, (c->fpscr & FPSCR_AHP) != 0, &c->fpscr);
}

void vfp_h2d(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	uint32_t h = (c->s[in->rm] >> in->shift_n) & 0xffffu;
	set_d(c, in->rd, fpu_f16_to_f64(h, (c->fpscr & FPSCR_AHP) != 0, &c->fpscr));
}

static inline void vfp_set_half(struct cpu *c, const struct cpu_insn *in, uint32_t h)
{
	uint32_t mask = 0xffffu << in->shift_n;
	c->s[in->rd] = (c->s[in->rd] & ~mask) | ((h << in->shift_n) & mask);
}

void vfp_s2h(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	vfp_set_half(c, in, fpu_f32_to_f16(c->s[in->rm], (c->fpscr & FPSCR_AHP) != 0, &c->fpscr));
}

void vfp_d2h(struct cpu *c, const struct cpu_insn *in)
{
	if (!cpu_fp_enter(c, in->cycles))
		return;
	vfp_set_half(c, in, fpu_f64_to_f16(get_d(c, in->rm), (c->fpscr & FPSCR_AHP) != 0,
					   &c->fpscr));
}
