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
#include "cpu/fast.h"

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

FAST_VARIANTS(fast_add_reg);
FAST_VARIANTS(fast_add_imm);
FAST_VARIANTS(fast_sub_reg);
FAST_VARIANTS(fast_sub_imm);
FAST_VARIANTS(fast_mov_reg);
FAST_VARIANTS(fast_mov_imm);
FAST_VARIANTS(fast_lsl_imm);
FAST_VARIANTS(fast_lsr_imm);
FAST_VARIANTS(fast_asr_imm);
FAST_VARIANTS(fast_and_reg);
FAST_VARIANTS(fast_orr_reg);
FAST_VARIANTS(fast_eor_reg);
FAST_VARIANTS(fast_bic_reg);

static void fast_cmp_reg_fn(struct cpu *c, const struct cpu_insn *in)
{
	fast_cmp_reg(c, in);
}

static void fast_cmp_imm_fn(struct cpu *c, const struct cpu_insn *in)
{
	fast_cmp_imm(c, in);
}

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
		return fast_cmp_reg_fn;
	if (fn == alu_add_imm)
		return fast_add_imm_fns[sf];
	if (fn == alu_sub_imm)
		return fast_sub_imm_fns[sf];
	if (fn == alu_cmp_imm)
		return fast_cmp_imm_fn;
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

uint8_t cpu_fast_op(const struct cpu_insn *in)
{
	cpu_insn_fn fn = in->fn;
#define FOP_MATCH(op, name)                                                 \
	if (fn == name##_s || fn == name##_i)                               \
		return FOP_##op##_S;                                        \
	if (fn == name##_n)                                                 \
		return FOP_##op##_N;
	FAST_OPS(FOP_MATCH)
#undef FOP_MATCH
	if (fn == fast_cmp_reg_fn)
		return FOP_CMP_REG;
	if (fn == fast_cmp_imm_fn)
		return FOP_CMP_IMM;
	if (fn == br_bcond)
		return FOP_BCOND;
	if (in->rd < 13 && in->rn < 13) {
		static const struct {
			cpu_insn_fn fn;
			uint8_t op;
		} mem_ops[] = {
			{ ldst_ldr_imm, FOP_LDR }, { ldst_ldrh_imm, FOP_LDRH },
			{ ldst_ldrb_imm, FOP_LDRB }, { ldst_str_imm, FOP_STR },
			{ ldst_strh_imm, FOP_STRH }, { ldst_strb_imm, FOP_STRB },
		};
		for (unsigned i = 0; i < sizeof mem_ops / sizeof mem_ops[0]; i++)
			if (fn == mem_ops[i].fn)
				return mem_ops[i].op;
	}
	return FOP_CALL;
}
