/*
 * Data-processing instructions of ARMv7-M (ARM DDI 0403, A7): logical and
 * arithmetic operations on an immediate or a shifted register, shifts by
 * register, ADR/MOVT, multiplies and divides, saturation, bit fields, bit
 * and byte reversal, and sign/zero extension.
 *
 * Each handler serves the 16- and 32-bit forms of its operation: the
 * decoder has already expanded immediates (ThumbExpandImm, with the
 * carry-out in insn->flags), turned immediate shift encodings into
 * (type, amount) pairs (DecodeImmShift) and chosen the flag-setting rule.
 */
#include "cpu/decode.h"

void cpu_write_high(struct cpu *c, unsigned rd, uint32_t v)
{
	if (rd == 15)
		cpu_branch(c, v); /* ALUWritePC: a simple branch in Thumb */
	else
		cpu_set_gpr(c, rd, v);
}

/* ---- operands ------------------------------------------------------ */

static inline uint32_t op2_imm(const struct cpu *c, const struct cpu_insn *in, uint32_t *carry)
{
	*carry = (in->flags & INSN_IMM_C) ? (in->flags & INSN_IMM_C1) != 0 : cpu_carry(c);
	return in->imm;
}

static inline uint32_t op2_reg(const struct cpu *c, const struct cpu_insn *in, uint32_t *carry)
{
	return cpu_shift_c(c->r[in->rm], in->shift_t, in->shift_n, cpu_carry(c), carry);
}

/* Operand 2 without the carry-out, for arithmetic operations. */
static inline uint32_t op2_reg_nc(const struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry;
	if (in->shift_n == 0 && in->shift_t == SHIFT_LSL)
		return c->r[in->rm];
	return cpu_shift_c(c->r[in->rm], in->shift_t, in->shift_n, cpu_carry(c), &carry);
}

static inline void logic_result(struct cpu *c, const struct cpu_insn *in, uint32_t v,
				uint32_t carry)
{
	cpu_wr(c, in->rd, v);
	if (cpu_setflags(c, in))
		cpu_set_nzc(c, v, carry);
}

/* AddWithCarry(), writing the result and, if asked, the flags. */
static inline uint32_t add_c(struct cpu *c, uint32_t x, uint32_t y, uint32_t cin, bool flags)
{
	uint32_t r = x + y + cin;
	if (flags) {
		uint64_t u = (uint64_t)x + y + cin;
		uint32_t ovf = (~(x ^ y) & (x ^ r)) >> 31;
		cpu_set_nzcv(c, r, (uint32_t)(u >> 32), ovf);
	}
	return r;
}

static inline void arith_result(struct cpu *c, const struct cpu_insn *in, uint32_t x,
				uint32_t y, uint32_t cin)
{
	cpu_wr(c, in->rd, add_c(c, x, y, cin, cpu_setflags(c, in)));
}

/* ---- logical ------------------------------------------------------- */

void alu_and_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_imm(c, in, &carry);
	logic_result(c, in, c->r[in->rn] & y, carry);
}

void alu_and_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_reg(c, in, &carry);
	logic_result(c, in, c->r[in->rn] & y, carry);
}

void alu_tst_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_imm(c, in, &carry);
	cpu_set_nzc(c, c->r[in->rn] & y, carry);
}

void alu_tst_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_reg(c, in, &carry);
	cpu_set_nzc(c, c->r[in->rn] & y, carry);
}

void alu_bic_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_imm(c, in, &carry);
	logic_result(c, in, c->r[in->rn] & ~y, carry);
}

void alu_bic_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_reg(c, in, &carry);
	logic_result(c, in, c->r[in->rn] & ~y, carry);
}

void alu_orr_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_imm(c, in, &carry);
	logic_result(c, in, c->r[in->rn] | y, carry);
}

void alu_orr_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_reg(c, in, &carry);
	logic_result(c, in, c->r[in->rn] | y, carry);
}

void alu_orn_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_imm(c, in, &carry);
	logic_result(c, in, c->r[in->rn] | ~y, carry);
}

void alu_orn_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_reg(c, in, &carry);
	logic_result(c, in, c->r[in->rn] | ~y, carry);
}

void alu_mov_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_imm(c, in, &carry);
	logic_result(c, in, y, carry);
}

/* MOV (register), and LSL/LSR/ASR/ROR/RRX (immediate), which the
 * architecture defines as MOV with a shifted register operand. */
void alu_mov_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_reg(c, in, &carry);
	logic_result(c, in, y, carry);
}

void alu_mvn_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_imm(c, in, &carry);
	logic_result(c, in, ~y, carry);
}

void alu_mvn_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_reg(c, in, &carry);
	logic_result(c, in, ~y, carry);
}

void alu_eor_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_imm(c, in, &carry);
	logic_result(c, in, c->r[in->rn] ^ y, carry);
}

void alu_eor_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_reg(c, in, &carry);
	logic_result(c, in, c->r[in->rn] ^ y, carry);
}

void alu_teq_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_imm(c, in, &carry);
	cpu_set_nzc(c, c->r[in->rn] ^ y, carry);
}

void alu_teq_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry, y = op2_reg(c, in, &carry);
	cpu_set_nzc(c, c->r[in->rn] ^ y, carry);
}

/* Shifts by a register: the bottom byte of Rm is the amount. */
void alu_shift_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry;
	uint32_t v = cpu_shift_c(c->r[in->rn], in->shift_t, c->r[in->rm] & 0xff,
				 cpu_carry(c), &carry);
	logic_result(c, in, v, carry);
}

/* ---- arithmetic ---------------------------------------------------- */

void alu_add_imm(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, c->r[in->rn], in->imm, 0);
}

void alu_add_reg(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, c->r[in->rn], op2_reg_nc(c, in), 0);
}

void alu_cmn_imm(struct cpu *c, const struct cpu_insn *in)
{
	add_c(c, c->r[in->rn], in->imm, 0, true);
}

void alu_cmn_reg(struct cpu *c, const struct cpu_insn *in)
{
	add_c(c, c->r[in->rn], op2_reg_nc(c, in), 0, true);
}

void alu_adc_imm(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, c->r[in->rn], in->imm, cpu_carry(c));
}

void alu_adc_reg(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, c->r[in->rn], op2_reg_nc(c, in), cpu_carry(c));
}

void alu_sbc_imm(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, c->r[in->rn], ~in->imm, cpu_carry(c));
}

void alu_sbc_reg(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, c->r[in->rn], ~op2_reg_nc(c, in), cpu_carry(c));
}

void alu_sub_imm(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, c->r[in->rn], ~in->imm, 1);
}

void alu_sub_reg(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, c->r[in->rn], ~op2_reg_nc(c, in), 1);
}

void alu_cmp_imm(struct cpu *c, const struct cpu_insn *in)
{
	add_c(c, c->r[in->rn], ~in->imm, 1, true);
}

void alu_cmp_reg(struct cpu *c, const struct cpu_insn *in)
{
	add_c(c, c->r[in->rn], ~op2_reg_nc(c, in), 1, true);
}

void alu_rsb_imm(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, ~c->r[in->rn], in->imm, 1);
}

void alu_rsb_reg(struct cpu *c, const struct cpu_insn *in)
{
	arith_result(c, in, ~c->r[in->rn], op2_reg_nc(c, in), 1);
}

/* ADR, ADD (SP plus immediate) with Rn = PC, MOVW: the value is known at
 * decode time (an entry belongs to one address). */
void alu_adr(struct cpu *c, const struct cpu_insn *in)
{
	cpu_wr(c, in->rd, in->imm);
}

void alu_movt(struct cpu *c, const struct cpu_insn *in)
{
	cpu_set_gpr(c, in->rd, (c->r[in->rd] & 0xffff) | (in->imm << 16));
}

/* ---- multiply and divide ------------------------------------------- */

void alu_mul(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rn] * c->r[in->rm];
	cpu_set_gpr(c, in->rd, v);
	if (cpu_setflags(c, in))
		cpu_set_nz(c, v);
}

void alu_mla(struct cpu *c, const struct cpu_insn *in)
{
	cpu_set_gpr(c, in->rd, c->r[in->rn] * c->r[in->rm] + c->r[in->ra]);
}

void alu_mls(struct cpu *c, const struct cpu_insn *in)
{
	cpu_set_gpr(c, in->rd, c->r[in->ra] - c->r[in->rn] * c->r[in->rm]);
}

/* Long multiplies: rd = RdLo, ra = RdHi. */
static inline void set_long(struct cpu *c, const struct cpu_insn *in, uint64_t v)
{
	cpu_set_gpr(c, in->rd, (uint32_t)v);
	cpu_set_gpr(c, in->ra, (uint32_t)(v >> 32));
}

static inline uint64_t get_long(const struct cpu *c, const struct cpu_insn *in)
{
	return ((uint64_t)c->r[in->ra] << 32) | c->r[in->rd];
}

/* Cortex-M3 long multiplies terminate early on small operands
 * (timing.c); the M4 and M7 take a fixed cycle. */
static inline void mull_cycles(struct cpu *c, const struct cpu_insn *in, bool sign, bool acc)
{
	if (c->dc->tm.mul_early)
		c->cycles += cpu_timing_mull_extra(c->r[in->rn], c->r[in->rm], sign, acc);
}

void alu_smull(struct cpu *c, const struct cpu_insn *in)
{
	mull_cycles(c, in, true, false);
	int64_t p = (int64_t)(int32_t)c->r[in->rn] * (int32_t)c->r[in->rm];
	set_long(c, in, (uint64_t)p);
}

void alu_umull(struct cpu *c, const struct cpu_insn *in)
{
	mull_cycles(c, in, false, false);
	set_long(c, in, (uint64_t)c->r[in->rn] * c->r[in->rm]);
}

void alu_smlal(struct cpu *c, const struct cpu_insn *in)
{
	mull_cycles(c, in, true, true);
	int64_t p = (int64_t)(int32_t)c->r[in->rn] * (int32_t)c->r[in->rm];
	set_long(c, in, get_long(c, in) + (uint64_t)p);
}

void alu_umlal(struct cpu *c, const struct cpu_insn *in)
{
	mull_cycles(c, in, false, true);
	set_long(c, in, get_long(c, in) + (uint64_t)c->r[in->rn] * c->r[in->rm]);
}

/* Divides terminate early (Cortex-M3 TRM: 2-12 cycles; every model here):
 * 2 cycles, plus floor(q / 3) where q = clz(divisor) - clz(dividend) + 1
 * is the number of quotient bits to produce (0 when the dividend is
 * smaller than the divisor), so 2..12. */
static void div_cycles(struct cpu *c, uint32_t n, uint32_t d)
{
	if (n < d || d == 0)
		return;
	unsigned bits = (unsigned)(__builtin_clz(d) - __builtin_clz(n)) + 1;
	c->cycles += bits / 3;
}

static bool div_by_zero(struct cpu *c, const struct cpu_insn *in)
{
	if (cpu_ccr(c) & CCR_DIV_0_TRP) {
		cpu_insn_fault(c, FAULT_DIVBYZERO, ~0u);
		return true;
	}
	cpu_set_gpr(c, in->rd, 0);
	return false;
}

void alu_sdiv(struct cpu *c, const struct cpu_insn *in)
{
	int32_t n = (int32_t)c->r[in->rn], d = (int32_t)c->r[in->rm];
	if (d == 0) {
		div_by_zero(c, in);
		return;
	}
	uint32_t an = n < 0 ? 0u - (uint32_t)n : (uint32_t)n;
	uint32_t ad = d < 0 ? 0u - (uint32_t)d : (uint32_t)d;
	div_cycles(c, an, ad);
	/* INT_MIN / -1 overflows in C; the architecture gives INT_MIN. */
	uint32_t q = an / ad;
	cpu_set_gpr(c, in->rd, ((n < 0) != (d < 0)) ? 0u - q : q);
}

void alu_udiv(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t n = c->r[in->rn], d = c->r[in->rm];
	if (d == 0) {
		div_by_zero(c, in);
		return;
	}
	div_cycles(c, n, d);
	cpu_set_gpr(c, in->rd, n / d);
}

/* ---- saturation and bit fields ------------------------------------- */

/* SSAT: imm = saturate-to bit count (1..32). */
void alu_ssat(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry;
	int64_t v = (int32_t)cpu_shift_c(c->r[in->rn], in->shift_t, in->shift_n, 0, &carry);
	int64_t max = ((int64_t)1 << (in->imm - 1)) - 1, min = -max - 1;
	if (v > max) {
		v = max;
		c->q = 1;
	} else if (v < min) {
		v = min;
		c->q = 1;
	}
	cpu_set_gpr(c, in->rd, (uint32_t)v);
}

/* USAT: imm = saturate-to bit count (0..31). */
void alu_usat(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry;
	int64_t v = (int32_t)cpu_shift_c(c->r[in->rn], in->shift_t, in->shift_n, 0, &carry);
	int64_t max = ((int64_t)1 << in->imm) - 1;
	if (v > max) {
		v = max;
		c->q = 1;
	} else if (v < 0) {
		v = 0;
		c->q = 1;
	}
	cpu_set_gpr(c, in->rd, (uint32_t)v);
}

static inline uint32_t field_mask(unsigned lsb, unsigned msb)
{
	return (0xffffffffu >> (31 - msb)) & ~((1u << lsb) - 1);
}

/* BFI/BFC: shift_n = lsb, imm = msb (msb >= lsb, checked at decode). */
void alu_bfi(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t m = field_mask(in->shift_n, in->imm);
	cpu_set_gpr(c, in->rd, (c->r[in->rd] & ~m) | ((c->r[in->rn] << in->shift_n) & m));
}

void alu_bfc(struct cpu *c, const struct cpu_insn *in)
{
	c->r[in->rd] &= ~field_mask(in->shift_n, in->imm);
}

/* SBFX/UBFX: shift_n = lsb, imm = width (lsb + width <= 32, checked). */
void alu_ubfx(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rn] >> in->shift_n;
	cpu_set_gpr(c, in->rd, in->imm == 32 ? v : v & ((1u << in->imm) - 1));
}

void alu_sbfx(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rn] >> in->shift_n;
	if (in->imm < 32) {
		uint32_t sign = 1u << (in->imm - 1);
		v &= (1u << in->imm) - 1;
		v = (v ^ sign) - sign;
	}
	cpu_set_gpr(c, in->rd, v);
}

/* ---- bit and byte operations --------------------------------------- */

void alu_clz(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rm];
	cpu_set_gpr(c, in->rd, v ? (uint32_t)__builtin_clz(v) : 32);
}

void alu_rbit(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rm];
	v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
	v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
	v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
	cpu_set_gpr(c, in->rd, __builtin_bswap32(v));
}

void alu_rev(struct cpu *c, const struct cpu_insn *in)
{
	cpu_set_gpr(c, in->rd, __builtin_bswap32(c->r[in->rm]));
}

void alu_rev16(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rm];
	cpu_set_gpr(c, in->rd, ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8));
}

void alu_revsh(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rm];
	uint32_t h = ((v & 0xff) << 8) | ((v >> 8) & 0xff);
	cpu_set_gpr(c, in->rd, (h ^ 0x8000u) - 0x8000u);
}

/* Extensions: shift_n is the rotation (0, 8, 16, 24). */
static inline uint32_t rot(const struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rm];
	unsigned n = in->shift_n;
	return n ? (v >> n) | (v << (32 - n)) : v;
}

void alu_sxtb(struct cpu *c, const struct cpu_insn *in)
{
	cpu_set_gpr(c, in->rd, ((rot(c, in) & 0xff) ^ 0x80u) - 0x80u);
}

void alu_sxth(struct cpu *c, const struct cpu_insn *in)
{
	cpu_set_gpr(c, in->rd, ((rot(c, in) & 0xffff) ^ 0x8000u) - 0x8000u);
}

void alu_uxtb(struct cpu *c, const struct cpu_insn *in)
{
	cpu_set_gpr(c, in->rd, rot(c, in) & 0xff);
}

void alu_uxth(struct cpu *c, const struct cpu_insn *in)
{
	cpu_set_gpr(c, in->rd, rot(c, in) & 0xffff);
}
