/*
 * Specialised handlers for the most frequent data-processing forms.
 *
 * The general handlers (alu.c) go through the shifter, the carry logic and
 * the SP/PC checks of a register write for every instruction. Compiled
 * code spends most of its time in a few simple shapes: ADD/SUB/CMP with
 * registers or immediates, MOV, shifts by an immediate, and logical
 * operations on low/high registers other than SP and PC, with no shift.
 * When the decoder (decode_for_core in decode.c) sees one of those, it
 * picks the matching handler here: same architectural result, a fraction
 * of the host work. Anything else keeps its general handler; the
 * encoding table, the decoder's output for tests and the disassembly
 * names are unchanged.
 */
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

/*
 * Each operation is written once as an inline body taking `sf`, whether to
 * set the flags, and instantiated three times: flags always (the S forms),
 * never, and outside IT blocks only (the 16-bit forms), so that no handler
 * looks at the instruction's flag-setting kind while it runs.
 */
#define FAST_VARIANTS(name)                                                    \
	static void name##_s(struct cpu *c, const struct cpu_insn *in)         \
	{                                                                      \
		name(c, in, true);                                             \
	}                                                                      \
	static void name##_n(struct cpu *c, const struct cpu_insn *in)         \
	{                                                                      \
		name(c, in, false);                                            \
	}                                                                      \
	static void name##_i(struct cpu *c, const struct cpu_insn *in)         \
	{                                                                      \
		name(c, in, c->itstate == 0);                                  \
	}                                                                      \
	static const cpu_insn_fn name##_fns[3] = {                             \
		[SF_ALWAYS] = name##_s, [SF_NEVER] = name##_n, [SF_NOT_IT] = name##_i, \
	}

static inline void fast_add_reg(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t x = c->r[in->rn], y = c->r[in->rm], r = x + y;
	c->r[in->rd] = r;
	if (sf)
		nzcv_add(c, x, y, r, r < x);
}
FAST_VARIANTS(fast_add_reg);

static inline void fast_add_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t x = c->r[in->rn], y = in->imm, r = x + y;
	c->r[in->rd] = r;
	if (sf)
		nzcv_add(c, x, y, r, r < x);
}
FAST_VARIANTS(fast_add_imm);

/* x - y = x + ~y + 1: carry is "no borrow". */
static inline void fast_sub_reg(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t x = c->r[in->rn], y = c->r[in->rm], r = x - y;
	c->r[in->rd] = r;
	if (sf)
		nzcv_add(c, x, ~y, r, x >= y);
}
FAST_VARIANTS(fast_sub_reg);

static inline void fast_sub_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t x = c->r[in->rn], y = in->imm, r = x - y;
	c->r[in->rd] = r;
	if (sf)
		nzcv_add(c, x, ~y, r, x >= y);
}
FAST_VARIANTS(fast_sub_imm);

static void fast_cmp_reg(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t x = c->r[in->rn], y = c->r[in->rm];
	nzcv_add(c, x, ~y, x - y, x >= y);
}

static void fast_cmp_imm(struct cpu *c, const struct cpu_insn *in)
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
FAST_VARIANTS(fast_mov_reg);

/* MOV immediate whose encoding leaves the carry alone. */
static inline void fast_mov_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	c->r[in->rd] = in->imm;
	if (sf)
		nz_logic(c, in->imm);
}
FAST_VARIANTS(fast_mov_imm);

/* LSL/LSR/ASR by an immediate of 1..31: carry is the last bit out. */
static inline void fast_lsl_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t v = c->r[in->rm], n = in->shift_n, r = v << n;
	c->r[in->rd] = r;
	if (sf)
		c->nzcv = (c->nzcv & APSR_V) | (r & APSR_N) | (r ? 0 : APSR_Z) |
			  (((v >> (32 - n)) & 1) << 29);
}
FAST_VARIANTS(fast_lsl_imm);

static inline void fast_lsr_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t v = c->r[in->rm], n = in->shift_n, r = v >> n;
	c->r[in->rd] = r;
	if (sf)
		c->nzcv = (c->nzcv & APSR_V) | (r & APSR_N) | (r ? 0 : APSR_Z) |
			  (((v >> (n - 1)) & 1) << 29);
}
FAST_VARIANTS(fast_lsr_imm);

static inline void fast_asr_imm(struct cpu *c, const struct cpu_insn *in, bool sf)
{
	uint32_t v = c->r[in->rm], n = in->shift_n;
	uint32_t r = (uint32_t)((int32_t)v >> n);
	c->r[in->rd] = r;
	if (sf)
		c->nzcv = (c->nzcv & APSR_V) | (r & APSR_N) | (r ? 0 : APSR_Z) |
			  (((v >> (n - 1)) & 1) << 29);
}
FAST_VARIANTS(fast_asr_imm);

#define FAST_LOGIC(name, expr)                                                 \
	static inline void name(struct cpu *c, const struct cpu_insn *in, bool sf) \
	{                                                                      \
		uint32_t x = c->r[in->rn], y = c->r[in->rm], r = (expr);       \
		c->r[in->rd] = r;                                              \
		if (sf)                                                        \
			nz_logic(c, r);                                        \
	}                                                                      \
	FAST_VARIANTS(name)
FAST_LOGIC(fast_and_reg, x & y);
FAST_LOGIC(fast_orr_reg, x | y);
FAST_LOGIC(fast_eor_reg, x ^ y);
FAST_LOGIC(fast_bic_reg, x & ~y);

cpu_insn_fn cpu_fast_handler(const struct cpu_insn *in)
{
	cpu_insn_fn fn = in->fn;
	bool lo = in->rd < 13 && in->rn < 13 && in->rm < 13;
	bool noshift = in->shift_n == 0 && in->shift_t == SHIFT_LSL;
	unsigned sf = in->sf;
	if (!lo || sf > SF_NOT_IT)
		return fn;
	if (fn == alu_add_reg && noshift)
		return fast_add_reg_fns[sf];
	if (fn == alu_sub_reg && noshift)
		return fast_sub_reg_fns[sf];
	if (fn == alu_cmp_reg && noshift)
		return fast_cmp_reg;
	if (fn == alu_add_imm)
		return fast_add_imm_fns[sf];
	if (fn == alu_sub_imm)
		return fast_sub_imm_fns[sf];
	if (fn == alu_cmp_imm)
		return fast_cmp_imm;
	if (fn == alu_mov_imm && !(in->flags & INSN_IMM_C))
		return fast_mov_imm_fns[sf];
	if (fn == alu_and_reg && noshift)
		return fast_and_reg_fns[sf];
	if (fn == alu_orr_reg && noshift)
		return fast_orr_reg_fns[sf];
	if (fn == alu_eor_reg && noshift)
		return fast_eor_reg_fns[sf];
	if (fn == alu_bic_reg && noshift)
		return fast_bic_reg_fns[sf];
	if (fn == alu_mov_reg) {
		if (noshift)
			return fast_mov_reg_fns[sf];
		if (in->shift_n >= 1 && in->shift_n <= 31) {
			if (in->shift_t == SHIFT_LSL)
				return fast_lsl_imm_fns[sf];
			if (in->shift_t == SHIFT_LSR)
				return fast_lsr_imm_fns[sf];
			if (in->shift_t == SHIFT_ASR)
				return fast_asr_imm_fns[sf];
		}
	}
	return fn;
}
