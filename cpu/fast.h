/*
 * The bodies of the fast data-processing handlers (fast.c): shared by the
 * handlers themselves and by the run loop, which executes the most common
 * ones inline (cpu.c), selected by cpu_insn.op.
 */
#ifndef PMSIM_CPU_FAST_H
#define PMSIM_CPU_FAST_H

#include "cpu/decode.h"

/* NZCV from an addition x + y + cin with result r. */
static inline void nzcv_add(struct cpu *c, uint32_t x, uint32_t y, uint32_t r, uint32_t carry)
{
	uint32_t ovf = (~(x ^ y) & (x ^ r)) >> 31;
	c->nzcv = (r & APSR_N) | (r ? 0 : APSR_Z) | (carry << 29) | (ovf << 28);
}

/* NZ from a logical result; C and V unchanged (no shift, or the shifter
 * carry-out written separately). */
static inline void nz_logic(struct cpu *c, uint32_t r)
{
	c->nzcv = (c->nzcv & (APSR_C | APSR_V)) | (r & APSR_N) | (r ? 0 : APSR_Z);
}

static inline void fast_add_reg(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t x = c->r[in->rn], y = c->r[in->rm], r = x + y;
	c->r[in->rd] = r;
	if (sf)
		nzcv_add(c, x, y, r, r < x);
}

static inline void fast_add_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t x = c->r[in->rn], y = in->imm, r = x + y;
	c->r[in->rd] = r;
	if (sf)
		nzcv_add(c, x, y, r, r < x);
}

/* x - y = x + ~y + 1: carry is "no borrow". */
static inline void fast_sub_reg(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t x = c->r[in->rn], y = c->r[in->rm], r = x - y;
	c->r[in->rd] = r;
	if (sf)
		nzcv_add(c, x, ~y, r, x >= y);
}

static inline void fast_sub_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t x = c->r[in->rn], y = in->imm, r = x - y;
	c->r[in->rd] = r;
	if (sf)
		nzcv_add(c, x, ~y, r, x >= y);
}

static inline void fast_cmp_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t x = c->r[in->rn], y = c->r[in->rm];
	nzcv_add(c, x, ~y, x - y, x >= y);
}

static inline void fast_cmp_imm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t x = c->r[in->rn], y = in->imm;
	nzcv_add(c, x, ~y, x - y, x >= y);
}

static inline void fast_mov_reg(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t r = c->r[in->rm];
	c->r[in->rd] = r;
	if (sf)
		nz_logic(c, r);
}

/* MOV immediate whose encoding leaves the carry alone. */
static inline void fast_mov_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	c->r[in->rd] = in->imm;
	if (sf)
		nz_logic(c, in->imm);
}

/* LSL/LSR/ASR by an immediate of 1..31: carry is the last bit out. */
static inline void fast_lsl_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t v = c->r[in->rm], n = in->shift_n, r = v << n;
	c->r[in->rd] = r;
	if (sf)
		c->nzcv = (c->nzcv & APSR_V) | (r & APSR_N) | (r ? 0 : APSR_Z) |
			  (((v >> (32 - n)) & 1) << 29);
}

static inline void fast_lsr_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t v = c->r[in->rm], n = in->shift_n, r = v >> n;
	c->r[in->rd] = r;
	if (sf)
		c->nzcv = (c->nzcv & APSR_V) | (r & APSR_N) | (r ? 0 : APSR_Z) |
			  (((v >> (n - 1)) & 1) << 29);
}

static inline void fast_asr_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t v = c->r[in->rm], n = in->shift_n;
	uint32_t r = (uint32_t)((int32_t)v >> n);
	c->r[in->rd] = r;
	if (sf)
		c->nzcv = (c->nzcv & APSR_V) | (r & APSR_N) | (r ? 0 : APSR_Z) |
			  (((v >> (n - 1)) & 1) << 29);
}

#define FAST_LOGIC(name, expr)                                                 \
	static inline void name(struct cpu *c, const struct cpu_insn *in, bool sf) \
	{                                                                      \
		uint32_t x = c->r[in->rn], y = c->r[in->rm], r = (expr);       \
		c->r[in->rd] = r;                                              \
		if (sf)                                                        \
			nz_logic(c, r);                                        \
	}
FAST_LOGIC(fast_and_reg, x & y);
FAST_LOGIC(fast_orr_reg, x | y);
FAST_LOGIC(fast_eor_reg, x ^ y);
FAST_LOGIC(fast_bic_reg, x & ~y);

/* The operations the run loop executes inline, each with (_S) and without
 * (_N) setting the flags; FOP_CALL: call in->fn. */
#define FAST_OPS(X) \
	X(ADD_REG, fast_add_reg) X(ADD_IMM, fast_add_imm) X(SUB_REG, fast_sub_reg) \
	X(SUB_IMM, fast_sub_imm) X(MOV_REG, fast_mov_reg) X(MOV_IMM, fast_mov_imm) \
	X(LSL_IMM, fast_lsl_imm) X(LSR_IMM, fast_lsr_imm) X(ASR_IMM, fast_asr_imm) \
	X(AND_REG, fast_and_reg) X(ORR_REG, fast_orr_reg) X(EOR_REG, fast_eor_reg) \
	X(BIC_REG, fast_bic_reg)

enum fast_op {
	FOP_CALL = 0,
#define FOP_ENUM(op, fn) FOP_##op##_S, FOP_##op##_N,
	FAST_OPS(FOP_ENUM)
#undef FOP_ENUM
	FOP_CMP_REG,
	FOP_CMP_IMM,
	FOP_BCOND,
	/* Single loads and stores with an immediate offset (unsigned; Rt
	 * and Rn below 13): inline when the access hits a fast RAM page or
	 * the D-cache's hot line, aligned, on the Cortex-M7 model (the
	 * Cortex-M3's load/store pipelining stays in the handler). */
	FOP_LDR, FOP_LDRH, FOP_LDRB,
	FOP_STR, FOP_STRH, FOP_STRB,
};

/* The inline operation for a decoded instruction (its fn already chosen
 * by cpu_fast_handler), or FOP_CALL. */
uint8_t cpu_fast_op(const struct cpu_insn *in);

#endif
