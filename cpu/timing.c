/*
 * Core timing models (docs/timing.md): per-model parameters, and what
 * decode records about each instruction for them.
 *
 * Cortex-M3 numbers are the TRM's instruction timing table (zero wait
 * states): the encoding table's base-cycles column holds them, and this
 * file only adjusts the few the Cortex-M4 does faster (MLA/MLS and the
 * long multiplies take one cycle). Cortex-M7 numbers are this model's own
 * approximation of a dual-issue core: one cycle to issue almost anything,
 * 1 + ceil(N/2) for LDM/STM (a 64-bit data path), the divider as on the
 * M3; pairing and stalls are charged by cpu_run's M7 loop from the issue
 * masks (PM_*) and register sets computed here.
 */
#include "cpu/timing.h"

#include "cpu/decode.h"

#include <string.h>

/* Cortex-M4 CPUID part number (the M4 shares the M3 model). */
#define CPUID_PART_M4 0xc24u

/* Which fields an instruction reads and writes. */
enum {
	U_RN = 1 << 0, U_RM = 1 << 1, U_RA = 1 << 2, U_RD = 1 << 3,
	W_RD = 1 << 4, W_RA = 1 << 5, W_WB = 1 << 6, /* Rn, with writeback */
	U_LIST = 1 << 7, W_LIST = 1 << 8, W_LR = 1 << 9,
};

/* Timing kinds. */
enum tm_kind {
	K_ALU, K_NOP, K_MUL, K_MLA, K_MULL, K_MLAL, K_DSPMUL, K_DIV,
	K_LOAD, K_STORE, K_LDM, K_STM, K_BR, K_BCOND, K_BIND, K_SYS,
	/* Floating point: data processing that pipelines, double-precision
	 * multiplies, the iterative divide/square root (single, double),
	 * VLDM/VSTM, and moves between core and FP registers. */
	K_FP, K_FPMUL64, K_FPDIV32, K_FPDIV64, K_FPLDM, K_FPMOV,
};

struct tm_desc {
	cpu_insn_fn fn;
	uint8_t kind;
	uint16_t use;
};

#define ALU_I (U_RN | W_RD)
#define ALU_R (U_RN | U_RM | W_RD)

static const struct tm_desc tm_descs[] = {
	{ alu_and_imm, K_ALU, ALU_I }, { alu_and_reg, K_ALU, ALU_R },
	{ alu_tst_imm, K_ALU, U_RN }, { alu_tst_reg, K_ALU, U_RN | U_RM },
	{ alu_bic_imm, K_ALU, ALU_I }, { alu_bic_reg, K_ALU, ALU_R },
	{ alu_orr_imm, K_ALU, ALU_I }, { alu_orr_reg, K_ALU, ALU_R },
	{ alu_orn_imm, K_ALU, ALU_I }, { alu_orn_reg, K_ALU, ALU_R },
	{ alu_mov_imm, K_ALU, W_RD }, { alu_mov_reg, K_ALU, U_RM | W_RD },
	{ alu_mvn_imm, K_ALU, W_RD }, { alu_mvn_reg, K_ALU, U_RM | W_RD },
	{ alu_eor_imm, K_ALU, ALU_I }, { alu_eor_reg, K_ALU, ALU_R },
	{ alu_teq_imm, K_ALU, U_RN }, { alu_teq_reg, K_ALU, U_RN | U_RM },
	{ alu_add_imm, K_ALU, ALU_I }, { alu_add_reg, K_ALU, ALU_R },
	{ alu_cmn_imm, K_ALU, U_RN }, { alu_cmn_reg, K_ALU, U_RN | U_RM },
	{ alu_adc_imm, K_ALU, ALU_I }, { alu_adc_reg, K_ALU, ALU_R },
	{ alu_sbc_imm, K_ALU, ALU_I }, { alu_sbc_reg, K_ALU, ALU_R },
	{ alu_sub_imm, K_ALU, ALU_I }, { alu_sub_reg, K_ALU, ALU_R },
	{ alu_cmp_imm, K_ALU, U_RN }, { alu_cmp_reg, K_ALU, U_RN | U_RM },
	{ alu_rsb_imm, K_ALU, ALU_I }, { alu_rsb_reg, K_ALU, ALU_R },
	{ alu_shift_reg, K_ALU, ALU_R },
	{ alu_adr, K_ALU, W_RD }, { alu_movt, K_ALU, U_RD | W_RD },
	{ alu_mul, K_MUL, U_RN | U_RM | W_RD },
	{ alu_mla, K_MLA, U_RN | U_RM | U_RA | W_RD },
	{ alu_mls, K_MLA, U_RN | U_RM | U_RA | W_RD },
	{ alu_smull, K_MULL, U_RN | U_RM | W_RD | W_RA },
	{ alu_umull, K_MULL, U_RN | U_RM | W_RD | W_RA },
	{ alu_smlal, K_MLAL, U_RN | U_RM | U_RD | U_RA | W_RD | W_RA },
	{ alu_umlal, K_MLAL, U_RN | U_RM | U_RD | U_RA | W_RD | W_RA },
	{ alu_sdiv, K_DIV, U_RN | U_RM | W_RD }, { alu_udiv, K_DIV, U_RN | U_RM | W_RD },
	{ alu_ssat, K_ALU, ALU_I }, { alu_usat, K_ALU, ALU_I },
	{ alu_bfi, K_ALU, U_RN | U_RD | W_RD }, { alu_bfc, K_ALU, U_RD | W_RD },
	{ alu_sbfx, K_ALU, ALU_I }, { alu_ubfx, K_ALU, ALU_I },
	{ alu_clz, K_ALU, U_RM | W_RD }, { alu_rbit, K_ALU, U_RM | W_RD },
	{ alu_rev, K_ALU, U_RM | W_RD }, { alu_rev16, K_ALU, U_RM | W_RD },
	{ alu_revsh, K_ALU, U_RM | W_RD },
	{ alu_sxtb, K_ALU, U_RM | W_RD }, { alu_sxth, K_ALU, U_RM | W_RD },
	{ alu_uxtb, K_ALU, U_RM | W_RD }, { alu_uxth, K_ALU, U_RM | W_RD },

	{ ldst_ldr_imm, K_LOAD, U_RN | W_RD | W_WB }, { ldst_ldrh_imm, K_LOAD, U_RN | W_RD | W_WB },
	{ ldst_ldrsh_imm, K_LOAD, U_RN | W_RD | W_WB }, { ldst_ldrb_imm, K_LOAD, U_RN | W_RD | W_WB },
	{ ldst_ldrsb_imm, K_LOAD, U_RN | W_RD | W_WB },
	{ ldst_ldr_reg, K_LOAD, U_RN | U_RM | W_RD }, { ldst_ldrh_reg, K_LOAD, U_RN | U_RM | W_RD },
	{ ldst_ldrsh_reg, K_LOAD, U_RN | U_RM | W_RD }, { ldst_ldrb_reg, K_LOAD, U_RN | U_RM | W_RD },
	{ ldst_ldrsb_reg, K_LOAD, U_RN | U_RM | W_RD },
	{ ldst_ldr_lit, K_LOAD, W_RD }, { ldst_ldrh_lit, K_LOAD, W_RD },
	{ ldst_ldrsh_lit, K_LOAD, W_RD }, { ldst_ldrb_lit, K_LOAD, W_RD },
	{ ldst_ldrsb_lit, K_LOAD, W_RD },
	{ ldst_str_imm, K_STORE, U_RN | U_RD | W_WB }, { ldst_strh_imm, K_STORE, U_RN | U_RD | W_WB },
	{ ldst_strb_imm, K_STORE, U_RN | U_RD | W_WB },
	{ ldst_str_reg, K_STORE, U_RN | U_RM | U_RD }, { ldst_strh_reg, K_STORE, U_RN | U_RM | U_RD },
	{ ldst_strb_reg, K_STORE, U_RN | U_RM | U_RD },
	{ ldst_ldrd, K_LOAD, U_RN | W_RD | W_RA | W_WB }, { ldst_ldrd_lit, K_LOAD, W_RD | W_RA },
	{ ldst_strd, K_STORE, U_RN | U_RD | U_RA | W_WB },
	{ ldst_ldm, K_LDM, U_RN | W_LIST | W_WB }, { ldst_ldmdb, K_LDM, U_RN | W_LIST | W_WB },
	{ ldst_stm, K_STM, U_RN | U_LIST | W_WB }, { ldst_stmdb, K_STM, U_RN | U_LIST | W_WB },
	{ ldst_ldrex, K_LOAD, U_RN | W_RD }, { ldst_ldrexb, K_LOAD, U_RN | W_RD },
	{ ldst_ldrexh, K_LOAD, U_RN | W_RD },
	{ ldst_strex, K_STORE, U_RN | U_RM | W_RD }, { ldst_strexb, K_STORE, U_RN | U_RM | W_RD },
	{ ldst_strexh, K_STORE, U_RN | U_RM | W_RD },
	{ ldst_clrex, K_SYS, 0 },
	{ ldst_tbb, K_BIND, U_RN | U_RM }, { ldst_tbh, K_BIND, U_RN | U_RM },

	{ br_b, K_BR, 0 }, { br_bl, K_BR, W_LR }, { br_bcond, K_BCOND, 0 },
	{ br_bx, K_BIND, U_RM }, { br_blx, K_BIND, U_RM | W_LR },
	{ br_cbz, K_BCOND, U_RN }, { br_cbnz, K_BCOND, U_RN },

	{ misc_it, K_NOP, 0 }, { misc_nop, K_NOP, 0 },

	{ dsp_parallel, K_ALU, ALU_R }, { dsp_sel, K_ALU, ALU_R },
	{ dsp_usad8, K_DSPMUL, U_RN | U_RM | U_RA | W_RD }, { dsp_qaddsub, K_ALU, ALU_R },
	{ dsp_smulxy, K_DSPMUL, U_RN | U_RM | U_RA | W_RD },
	{ dsp_smulwy, K_DSPMUL, U_RN | U_RM | U_RA | W_RD },
	{ dsp_smlalxy, K_DSPMUL, U_RN | U_RM | U_RD | U_RA | W_RD | W_RA },
	{ dsp_smuad, K_DSPMUL, U_RN | U_RM | U_RA | W_RD },
	{ dsp_smlald, K_DSPMUL, U_RN | U_RM | U_RD | U_RA | W_RD | W_RA },
	{ dsp_smmul, K_DSPMUL, U_RN | U_RM | U_RA | W_RD },
	{ dsp_umaal, K_DSPMUL, U_RN | U_RM | U_RD | U_RA | W_RD | W_RA },
	{ dsp_ssat16, K_ALU, ALU_I }, { dsp_usat16, K_ALU, ALU_I },
	{ dsp_pkh, K_ALU, ALU_R }, { dsp_xtend, K_ALU, ALU_R },

	/* Floating point. Register fields of data processing hold S
	 * indexes, not core registers: FP registers are not tracked. */
	{ vfp_add, K_FP, 0 }, { vfp_add_d, K_FP, 0 }, { vfp_sub, K_FP, 0 },
	{ vfp_sub_d, K_FP, 0 }, { vfp_mul, K_FP, 0 }, { vfp_mul_d, K_FPMUL64, 0 },
	{ vfp_nmul, K_FP, 0 }, { vfp_nmul_d, K_FPMUL64, 0 },
	{ vfp_mla, K_FP, 0 }, { vfp_mla_d, K_FPMUL64, 0 }, { vfp_mls, K_FP, 0 },
	{ vfp_mls_d, K_FPMUL64, 0 }, { vfp_nmla, K_FP, 0 }, { vfp_nmla_d, K_FPMUL64, 0 },
	{ vfp_nmls, K_FP, 0 }, { vfp_nmls_d, K_FPMUL64, 0 },
	{ vfp_fma, K_FP, 0 }, { vfp_fma_d, K_FPMUL64, 0 }, { vfp_fms, K_FP, 0 },
	{ vfp_fms_d, K_FPMUL64, 0 }, { vfp_fnma, K_FP, 0 }, { vfp_fnma_d, K_FPMUL64, 0 },
	{ vfp_fnms, K_FP, 0 }, { vfp_fnms_d, K_FPMUL64, 0 },
	{ vfp_div, K_FPDIV32, 0 }, { vfp_div_d, K_FPDIV64, 0 },
	{ vfp_sqrt, K_FPDIV32, 0 }, { vfp_sqrt_d, K_FPDIV64, 0 },
	{ vfp_maxnm, K_FP, 0 }, { vfp_maxnm_d, K_FP, 0 }, { vfp_minnm, K_FP, 0 },
	{ vfp_minnm_d, K_FP, 0 }, { vfp_sel, K_FP, 0 }, { vfp_sel_d, K_FP, 0 },
	{ vfp_mov, K_FP, 0 }, { vfp_mov_d, K_FP, 0 }, { vfp_abs, K_FP, 0 },
	{ vfp_abs_d, K_FP, 0 }, { vfp_neg, K_FP, 0 }, { vfp_neg_d, K_FP, 0 },
	{ vfp_rint, K_FP, 0 }, { vfp_rint_d, K_FP, 0 }, { vfp_cmp, K_FP, 0 },
	{ vfp_cmp_d, K_FP, 0 }, { vfp_cmpz, K_FP, 0 }, { vfp_cmpz_d, K_FP, 0 },
	{ vfp_vmov_imm, K_FP, 0 }, { vfp_vmov_imm_d, K_FP, 0 },
	{ vfp_cvt_ds, K_FP, 0 }, { vfp_cvt_sd, K_FP, 0 }, { vfp_tofix, K_FP, 0 },
	{ vfp_tofix_d, K_FP, 0 }, { vfp_tofix_dd, K_FP, 0 }, { vfp_fromfix, K_FP, 0 },
	{ vfp_fromfix_d, K_FP, 0 }, { vfp_h2s, K_FP, 0 }, { vfp_h2d, K_FP, 0 },
	{ vfp_s2h, K_FP, 0 }, { vfp_d2h, K_FP, 0 },
	/* Loads and stores: rn is the core base register. */
	{ vfp_vldr, K_LOAD, U_RN }, { vfp_vldr_d, K_LOAD, U_RN },
	{ vfp_vstr, K_STORE, U_RN }, { vfp_vstr_d, K_STORE, U_RN },
	{ vfp_vldm, K_FPLDM, U_RN | W_WB }, { vfp_vstm, K_FPLDM, U_RN | W_WB },
	/* Core <-> FP moves: the core registers only. */
	{ vfp_vmov_to_s, K_FPMOV, U_RN }, { vfp_vmov_from_s, K_FPMOV, W_RD },
	{ vfp_vmov_to_ss, K_FPMOV, U_RN | U_RA }, { vfp_vmov_from_ss, K_FPMOV, W_RD | W_RA },
	/* Everything else (MRS/MSR, CPS, barriers, WFI/WFE/SEV, SVC, BKPT,
	 * UNDEFINED, coprocessor, VMRS/VMSR) is K_SYS: it issues alone. */
};

static const struct tm_desc *tm_find(cpu_insn_fn fn)
{
	static const struct tm_desc sys = { NULL, K_SYS, 0 };
	for (unsigned i = 0; i < sizeof tm_descs / sizeof tm_descs[0]; i++)
		if (tm_descs[i].fn == fn)
			return &tm_descs[i];
	return &sys;
}

void cpu_timing_flush(struct cpu_timing_state *t)
{
	t->ls_insn = UINT64_MAX; /* no load/store yet */
	t->ls_dst = 0;
	t->m7_slot = PM_NONE;
	t->m7_dep = 0;
	t->m7_late = 0;
}

void cpu_timing_init(struct cpu_timing_state *t, const struct cpu_config *cfg)
{
	bool m4 = ((cfg->cpuid >> 4) & 0xfffu) == CPUID_PART_M4;
	t->model = cfg->timing;
	if (cfg->timing == CPU_TIMING_M7) {
		t->refill = 0;   /* the M7 loop charges branches itself */
		t->ls_pipe = 0;  /* loads issue in one cycle anyway */
		t->mul_early = false;
		t->mul_single = true;
	} else {
		t->refill = TM_M3_REFILL;
		t->ls_pipe = 1;
		t->mul_early = !m4;
		t->mul_single = m4;
	}
	cpu_timing_flush(t);
}

static inline uint32_t bit(unsigned r)
{
	return 1u << (r & 15);
}

/* The barriers execute as NOPs but wait for the pipeline: they issue
 * alone. */
static bool is_barrier(const struct cpu_insn *in)
{
	if (in->fn != misc_nop || in->enc >= cpu_enc_count)
		return false;
	const char *name = cpu_enc_table[in->enc].name;
	return !strcmp(name, "DSB") || !strcmp(name, "DMB") || !strcmp(name, "ISB");
}

void cpu_timing_decode(const struct cpu_timing_state *t, struct cpu_insn *in)
{
	in->m7_in = M7_NOKEY;
	static const struct tm_desc barrier = { NULL, K_SYS, 0 };
	const struct tm_desc *d = is_barrier(in) ? &barrier : tm_find(in->fn);
	unsigned use = d->use;
	uint32_t r = 0, w = 0, late = 0;
	if (use & U_RN) r |= bit(in->rn);
	if (use & U_RM) r |= bit(in->rm);
	if (use & U_RA) r |= bit(in->ra);
	if (use & U_RD) r |= bit(in->rd);
	if (use & U_LIST) r |= in->imm & 0xffff;
	if (use & W_RD) w |= bit(in->rd);
	if (use & W_RA) w |= bit(in->ra);
	if ((use & W_WB) && (in->flags & INSN_WBACK)) w |= bit(in->rn);
	if (use & W_LIST) w |= in->imm & 0xffff;
	if (use & W_LR) w |= bit(14);

	unsigned n = (unsigned)__builtin_popcount(in->imm & 0xffff);
	bool m7 = t->model == CPU_TIMING_M7;
	/* Units used, whether it may issue first/second, branch kind. */
	unsigned res = in->len == 4 ? PM_W32 : 0, br = 0;
	bool first = false, second = false;
	switch (d->kind) {
	case K_ALU:
	case K_NOP:
		first = second = true;
		break;
	case K_MLA:
	case K_MULL:
	case K_MLAL:
		if (t->mul_single)
			in->cycles = 1;
		/* fall through */
	case K_MUL:
	case K_DSPMUL:
		first = second = true;
		res |= PM_MUL;
		late = w;
		break;
	case K_LOAD:
		first = second = true;
		res |= PM_LS;
		/* The loaded registers arrive late; a written-back base
		 * comes from the address unit in time. */
		late = w & ~(((use & W_WB) && (in->flags & INSN_WBACK)) ? bit(in->rn) : 0);
		if (m7)
			in->cycles = 1;
		break;
	case K_STORE:
		first = second = true;
		res |= PM_LS;
		if (m7)
			in->cycles = 1;
		break;
	case K_LDM:
		late = in->imm & 0xffff;
		/* fall through */
	case K_STM:
		/* Two registers a cycle over the M7's 64-bit data path. */
		if (m7)
			in->cycles = (uint8_t)(1 + (n + 1) / 2);
		break;
	case K_BR:
		second = true;
		br = PM_BRANCH | PM_BDIRECT;
		break;
	case K_BCOND:
		second = true;
		br = PM_BRANCH | PM_BCOND;
		break;
	case K_BIND:
		br = PM_BRANCH;
		if (m7)
			in->cycles = 1;
		break;
	/* Floating point on the Cortex-M7 (the M4F's costs are the
	 * encoding table's): data processing pipelines at one a cycle
	 * and pairs with an integer instruction, never with another FP
	 * one (the model gives it the multiplier's slot); double-precision
	 * multiplies take two issue cycles; divide and square root
	 * iterate, alone. */
	case K_FP:
	case K_FPMUL64:
		first = second = true;
		res |= PM_MUL;
		if (m7)
			in->cycles = d->kind == K_FPMUL64 ? 2 : 1;
		break;
	case K_FPDIV32:
	case K_FPDIV64:
		if (m7)
			in->cycles = d->kind == K_FPDIV64 ? TM_M7_FPDIV64 : TM_M7_FPDIV32;
		break;
	case K_FPLDM:
		/* Two words a cycle, as LDM/STM (ra: the number of words). */
		if (m7)
			in->cycles = (uint8_t)(1 + (in->ra + 1u) / 2);
		break;
	case K_FPMOV:
		first = second = true;
		/* A core register read from the FP unit arrives late. */
		late = w;
		if (m7)
			in->cycles = 1;
		break;
	default: /* K_DIV, K_SYS: issue alone */
		break;
	}
	/* A load or ALU write of the PC is an (indirect) branch. */
	if (w & bit(15)) {
		first = second = false;
		br = PM_BRANCH;
	}
	/* Nothing issues together with a younger instruction after a
	 * branch: the fetch stream restarts or the group is closed. */
	if (br)
		first = false;
	in->pair1 = first ? (uint8_t)(res | PM_NOSECOND) : (uint8_t)PM_NONE;
	in->pair2 = (uint8_t)(res | PM_NOFIRST | (second ? 0 : PM_NOSECOND) | br);
	in->rregs = (uint16_t)r;
	/* After a write of the PC nothing the next instruction reads is
	 * ready early: it pipelines (M3) and pairs (M7) with nothing. */
	in->wregs = (uint16_t)((w & bit(15)) ? 0xffffu : w);
	in->lregs = (uint16_t)late;
}

/* Significant bits of an operand: two's complement width for signed
 * operands (sign bit included), binary width for unsigned ones. */
static unsigned sig_bits(uint32_t v, bool sign)
{
	if (sign)
		return 32u - (unsigned)__builtin_clrsb((int32_t)v);
	return v ? 32u - (unsigned)__builtin_clz(v) : 0;
}

unsigned cpu_timing_mull_extra(uint32_t a, uint32_t b, bool sign, bool acc)
{
	unsigned sa = sig_bits(a, sign), sb = sig_bits(b, sign);
	unsigned s = sa > sb ? sa : sb;
	return (acc && s > 8) + (s > 16) + (s > 24);
}
