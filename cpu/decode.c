/*
 * The Thumb instruction set of ARMv7-M (ARM DDI 0403E, chapters A5 and
 * A7), described once as an encoding table, and the decoded-instruction
 * cache built on it.
 *
 * Every table entry names an encoding, its width, its match/mask pattern,
 * the format that extracts its fields and the handler that executes it.
 * The decoder is derived from the table: the first entry whose pattern
 * matches wins. Overlaps are deliberate and declared (`over`): a more
 * specific encoding is listed before the general one it carves out (MOV.W
 * before ORR.W with Rn = PC, TST before AND with Rd = PC, hints before IT,
 * UDF/SVC before B<c>, the exclusives and TBB/TBH before LDRD/STRD,
 * literal loads before the Rn-based forms). tests/unit/test_cpu_decode.c
 * checks that every overlap is declared and every entry is reachable.
 * Anything that matches no entry is UNDEFINED (UsageFault UNDEFINSTR).
 *
 * Choices for UNPREDICTABLE encodings (the architecture allows any
 * behaviour; these are what pmsim does, consistently):
 *  - "Should be" bits shown as (0)/(1) in the manual are ignored: the
 *    encoding executes as if they had their required value.
 *  - Register restrictions (Rd/Rn/Rm = SP or PC where the manual says
 *    UNPREDICTABLE) are not checked: the operation executes with the
 *    register's value (PC reads as the instruction address + 4; SP as
 *    itself); a write of PC by a 32-bit data-processing instruction is a
 *    plain branch, and any write of SP (data processing, load, writeback)
 *    clears bits [1:0].
 *  - Loads with writeback where Rn == Rt: the loaded value wins. LDM with
 *    writeback and Rn in the list: the loaded value wins. STM with Rn in
 *    the list stores Rn's original value.
 *  - LDM/POP with both LR and PC, or an empty/one-register list: executes
 *    as written.
 *  - BFI/BFC with msb < lsb and SBFX/UBFX with lsb + width > 32: UNDEFINED.
 *  - IT with firstcond = 1111, or with firstcond = 1110 and more than one
 *    instruction: executes (1111 as "always").
 *  - IT inside an IT block: starts a new block. A branch that is not the
 *    last instruction of an IT block: ITSTATE advances as for any other
 *    instruction, so the remaining conditions apply at the branch target.
 *  - 16-bit LSL #0 (MOVS) and other flag-setting forms inside an IT block
 *    behave as their non-flag-setting forms, as the encoding tables say.
 *  - LDRB/LDRH/LDRSB/LDRSH with Rt = PC are the preload hints PLD/PLI
 *    (or unallocated hints): they execute as NOP, for every addressing
 *    mode.
 *  - MSR/MRS with a reserved SYSm: handed to the exception model, which
 *    ignores writes and reads zero.
 *  - The exclusive monitor tracks one address exactly (no granule);
 *    STREX to any other address fails.
 *  - CPS with neither I nor F, and BLX/BX with nonzero bits [2:0]: as
 *    written (CPS does nothing, BX ignores the bits).
 *  - SSAT16/USAT16 with the should-be-zero bit 4 set: the low four bits
 *    of the saturate field are used.
 *
 * The DSP extension (dsp.c, ARMv7E-M) exists when the core is configured
 * with it (Cortex-M4/M7); on a Cortex-M3 its encodings are UNDEFINED.
 * The floating-point extension (vfp.c) occupies coprocessors 10 and 11
 * on a core configured with a unit (pmsim,fpu): each FP entry records
 * what it needs (FPQ_*), and cpu_decode_fetch makes what the unit lacks
 * (double precision on an SP-only unit, FPv5's additions on FPv4)
 * UNDEFINED. FP choices for UNPREDICTABLE encodings (docs/cpu.md):
 *  - D registers above D15 (D16 units), VMRS/VMSR of anything but FPSCR,
 *    a VMOV to PC (VMRS to PC is APSR_nzcv), a VMOV of S31 and S32:
 *    UNDEFINED.
 *  - VLDM/VSTM with an empty list, a list past S31/D15 or more than 16
 *    doubles, or writeback to PC: UNDEFINED. Rn = PC without writeback,
 *    and VSTR with Rn = PC: Align(PC, 4) as the base, as QEMU has it.
 *  - The FPv5 instructions that are unconditional (VSEL, VMAXNM, VRINTA,
 *    VCVTA, ...) inside an IT block: executed under the IT condition.
 * Without a unit the whole coprocessor space raises UsageFault NOCP, and
 * so does every other coprocessor with one.
 */
#include "cpu/decode.h"
#include "cpu/fast.h"
#include "cpu/fpu.h"
#include "cpu/mem.h"

#include <stdlib.h>

/* ---- field helpers --------------------------------------------------- */

#define BITS(op, hi, lo) (((op) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))
#define BIT(op, n) (((op) >> (n)) & 1u)

static inline uint32_t sext(uint32_t v, unsigned bits)
{
	uint32_t sign = 1u << (bits - 1);
	return (v ^ sign) - sign;
}

static inline uint32_t align4(uint32_t pc)
{
	return (pc + 4) & ~3u;
}

/* DecodeImmShift(): turns (type, imm5) into (type, amount). */
static void imm_shift(struct cpu_insn *in, unsigned type, unsigned imm5)
{
	switch (type) {
	case 0:
		in->shift_t = SHIFT_LSL;
		in->shift_n = (uint8_t)imm5;
		break;
	case 1:
	case 2:
		in->shift_t = type == 1 ? SHIFT_LSR : SHIFT_ASR;
		in->shift_n = (uint8_t)(imm5 ? imm5 : 32);
		break;
	default:
		in->shift_t = imm5 ? SHIFT_ROR : SHIFT_RRX;
		in->shift_n = (uint8_t)(imm5 ? imm5 : 1);
		break;
	}
}

/* ThumbExpandImm_C(): the expanded value; a rotated constant also defines
 * the carry-out (its bit 31). */
static void thumb_expand_imm(struct cpu_insn *in, uint32_t imm12)
{
	uint32_t imm8 = imm12 & 0xff;
	if ((imm12 >> 10) == 0) {
		switch ((imm12 >> 8) & 3) {
		case 0: in->imm = imm8; break;
		case 1: in->imm = imm8 * 0x00010001u; break;
		case 2: in->imm = imm8 * 0x01000100u; break;
		default: in->imm = imm8 * 0x01010101u; break;
		}
		return;
	}
	uint32_t v = 0x80 | (imm12 & 0x7f);
	unsigned n = imm12 >> 7;
	v = (v >> n) | (v << (32 - n));
	in->imm = v;
	in->flags |= INSN_IMM_C | (v >> 31 ? INSN_IMM_C1 : 0);
}

static void undefined(struct cpu_insn *in)
{
	in->fn = misc_undef;
}

/* ---- 16-bit formats -------------------------------------------------- */

static void f16_shift_imm(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 2, 0);
	in->rm = BITS(op, 5, 3);
	imm_shift(in, BITS(op, 12, 11), BITS(op, 10, 6));
	in->sf = SF_NOT_IT;
}

static void f16_addsub_reg(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 2, 0);
	in->rn = BITS(op, 5, 3);
	in->rm = BITS(op, 8, 6);
	in->sf = SF_NOT_IT;
}

static void f16_addsub_imm3(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 2, 0);
	in->rn = BITS(op, 5, 3);
	in->imm = BITS(op, 8, 6);
	in->sf = SF_NOT_IT;
}

static void f16_imm8(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = in->rn = BITS(op, 10, 8);
	in->imm = BITS(op, 7, 0);
	in->sf = SF_NOT_IT;
}

/* Data processing 010000 oooo Rm Rdn */
static void f16_dp(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = in->rn = BITS(op, 2, 0);
	in->rm = BITS(op, 5, 3);
	in->sf = SF_NOT_IT;
}

static void f16_shift_reg(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	static const uint8_t type[16] = { [2] = SHIFT_LSL, [3] = SHIFT_LSR,
					  [4] = SHIFT_ASR, [7] = SHIFT_ROR };
	f16_dp(in, op, pc);
	in->shift_t = type[BITS(op, 9, 6)];
}

static void f16_neg(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 2, 0);
	in->rn = BITS(op, 5, 3);
	in->imm = 0;
	in->sf = SF_NOT_IT;
}

static void f16_mul(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = in->rm = BITS(op, 2, 0);
	in->rn = BITS(op, 5, 3);
	in->sf = SF_NOT_IT;
}

/* ADD/CMP/MOV with high registers: DN:Rdn, Rm */
static void f16_hireg(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = in->rn = (uint8_t)(BITS(op, 2, 0) | (BIT(op, 7) << 3));
	in->rm = BITS(op, 6, 3);
	in->sf = SF_NEVER;
}

static void f16_bx(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rm = BITS(op, 6, 3);
}

static void f16_ldr_lit(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 10, 8);
	in->imm = align4(pc) + BITS(op, 7, 0) * 4;
}

static void f16_ldst_reg(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 2, 0);
	in->rn = BITS(op, 5, 3);
	in->rm = BITS(op, 8, 6);
}

/* imm5 scaled by the access size: 011B0 word/byte, 1000 halfword. */
static void f16_ldst_imm5(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	unsigned scale = (op >> 12) == 8 ? 1 : BIT(op, 12) ? 0 : 2;
	in->rd = BITS(op, 2, 0);
	in->rn = BITS(op, 5, 3);
	in->imm = BITS(op, 10, 6) << scale;
	in->flags = INSN_INDEX | INSN_ADD;
}

static void f16_ldst_sp(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 10, 8);
	in->rn = 13;
	in->imm = BITS(op, 7, 0) * 4;
	in->flags = INSN_INDEX | INSN_ADD;
}

static void f16_adr(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 10, 8);
	in->imm = align4(pc) + BITS(op, 7, 0) * 4;
}

static void f16_add_sp_imm8(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 10, 8);
	in->rn = 13;
	in->imm = BITS(op, 7, 0) * 4;
	in->sf = SF_NEVER;
}

static void f16_sp_imm7(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = in->rn = 13;
	in->imm = BITS(op, 6, 0) * 4;
	in->sf = SF_NEVER;
}

static void f16_cbz(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = BITS(op, 2, 0);
	in->imm = pc + 4 + ((BIT(op, 9) << 6) | (BITS(op, 7, 3) << 1));
}

static void f16_rr(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = BITS(op, 2, 0);
	in->rm = BITS(op, 5, 3);
}

static void f16_push(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = 13;
	in->imm = BITS(op, 7, 0) | (BIT(op, 8) << 14);
	in->flags = INSN_WBACK;
	in->cycles = (uint8_t)(1 + __builtin_popcount(in->imm));
}

static void f16_pop(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = 13;
	in->imm = BITS(op, 7, 0) | (BIT(op, 8) << 15);
	in->flags = INSN_WBACK;
	in->cycles = (uint8_t)(1 + __builtin_popcount(in->imm));
}

static void f16_cps(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->imm = BIT(op, 4);
	in->rd = BIT(op, 1);
	in->rn = BIT(op, 0);
}

static void f16_imm8_only(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->imm = BITS(op, 7, 0);
}

static void hint(struct cpu_insn *in, unsigned h)
{
	switch (h) {
	case 2: in->fn = misc_wfe; break;
	case 3: in->fn = misc_wfi; break;
	case 4: in->fn = misc_sev; break;
	default: in->fn = misc_nop; break; /* NOP, YIELD, DBG, unallocated */
	}
}

static void f16_hint(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	hint(in, BITS(op, 7, 4));
}

/* LDM/STM (16-bit): LDM writes back only if Rn is not in the list. */
static void f16_ldm_stm(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = BITS(op, 10, 8);
	in->imm = BITS(op, 7, 0);
	in->cycles = (uint8_t)(1 + __builtin_popcount(in->imm));
	if (!BIT(op, 11) || !(in->imm & (1u << in->rn)))
		in->flags = INSN_WBACK;
}

static void f16_bcond(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->ra = BITS(op, 11, 8);
	in->imm = pc + 4 + sext(BITS(op, 7, 0) << 1, 9);
}

static void f16_b(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->imm = pc + 4 + sext(BITS(op, 10, 0) << 1, 12);
}

static void f_none(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
}

/* ---- 32-bit formats -------------------------------------------------- */

#define RN32(op) BITS(op, 19, 16)
#define RT32(op) BITS(op, 15, 12)
#define RD32(op) BITS(op, 11, 8)
#define RM32(op) BITS(op, 3, 0)

static void f32_ldm(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = RN32(op);
	in->imm = op & 0xffff;
	in->flags = BIT(op, 21) ? INSN_WBACK : 0;
	in->cycles = (uint8_t)(1 + __builtin_popcount(in->imm));
}

static void f32_ldrex(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = RN32(op);
	in->rd = RT32(op);
	in->imm = BITS(op, 7, 0) * 4;
	in->cycles = 2;
}

static void f32_strex(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = RN32(op);
	in->rm = RT32(op);
	in->rd = RD32(op);
	in->imm = BITS(op, 7, 0) * 4;
	in->cycles = 2;
}

static void f32_ldrexbh(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = RN32(op);
	in->rd = RT32(op);
	in->cycles = 2;
}

static void f32_strexbh(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = RN32(op);
	in->rm = RT32(op);
	in->rd = RM32(op);
	in->cycles = 2;
}

static void f32_tb(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = RN32(op);
	in->rm = RM32(op);
	in->cycles = 2;
}

/* LDRD/STRD (immediate and literal): P U 1 W L */
static void f32_ldrd_strd(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	bool p = BIT(op, 24), u = BIT(op, 23), w = BIT(op, 21);
	if (!p && !w) {
		undefined(in);
		return;
	}
	in->rn = RN32(op);
	in->rd = RT32(op);
	in->ra = RD32(op);
	in->imm = BITS(op, 7, 0) * 4;
	in->flags = (p ? INSN_INDEX : 0) | (u ? INSN_ADD : 0) | (w ? INSN_WBACK : 0);
	in->cycles = 3;
	if (in->rn == 15 && BIT(op, 20)) {
		in->fn = ldst_ldrd_lit;
		in->imm = u ? align4(pc) + in->imm : align4(pc) - in->imm;
	}
}

static void f32_dp_sreg(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->rm = RM32(op);
	imm_shift(in, BITS(op, 5, 4), (BITS(op, 14, 12) << 2) | BITS(op, 7, 6));
	in->sf = BIT(op, 20) ? SF_ALWAYS : SF_NEVER;
}

static inline uint32_t imm12_32(uint32_t op)
{
	return (BIT(op, 26) << 11) | (BITS(op, 14, 12) << 8) | BITS(op, 7, 0);
}

static void f32_dp_mimm(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	thumb_expand_imm(in, imm12_32(op));
	in->sf = BIT(op, 20) ? SF_ALWAYS : SF_NEVER;
}

/* ADDW/SUBW: plain 12-bit immediate */
static void f32_dp_pimm(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->imm = imm12_32(op);
	in->sf = SF_NEVER;
}

static void f32_adr_add(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->imm = align4(pc) + imm12_32(op);
}

static void f32_adr_sub(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->imm = align4(pc) - imm12_32(op);
}

/* MOVW (executed by alu_adr: a constant) and MOVT */
static void f32_imm16(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->imm = (RN32(op) << 12) | imm12_32(op);
}

static inline unsigned imm5_32(uint32_t op)
{
	return (BITS(op, 14, 12) << 2) | BITS(op, 7, 6);
}

/* SSAT/USAT: sh selects ASR; sh with amount 0 is SSAT16/USAT16 (DSP). */
static void f32_sat(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	bool sign = !BIT(op, 23);
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->shift_t = BIT(op, 21) ? SHIFT_ASR : SHIFT_LSL;
	in->shift_n = (uint8_t)imm5_32(op);
	in->imm = BITS(op, 4, 0) + (sign ? 1 : 0);
	if (BIT(op, 21) && in->shift_n == 0) {
		in->fn = sign ? dsp_ssat16 : dsp_usat16;
		in->imm = BITS(op, 3, 0) + (sign ? 1 : 0);
	}
}

static void f32_bfx(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->shift_n = (uint8_t)imm5_32(op);
	in->imm = BITS(op, 4, 0) + 1;
	if (in->shift_n + in->imm > 32)
		undefined(in);
}

static void f32_bfi(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->shift_n = (uint8_t)imm5_32(op);
	in->imm = BITS(op, 4, 0);
	if (in->imm < in->shift_n)
		undefined(in);
}

static void f32_msr(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rn = RN32(op);
	in->imm = BITS(op, 7, 0);
	in->ra = BITS(op, 11, 10);
}

static void f32_mrs(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->imm = BITS(op, 7, 0);
}

static void f32_hint(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	hint(in, BITS(op, 7, 0) <= 4 ? BITS(op, 7, 0) : 0);
}

static void f32_bcond(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	uint32_t off = (BIT(op, 26) << 20) | (BIT(op, 11) << 19) | (BIT(op, 13) << 18) |
		       (BITS(op, 21, 16) << 12) | (BITS(op, 10, 0) << 1);
	in->ra = BITS(op, 25, 22);
	in->imm = pc + 4 + sext(off, 21);
}

static void f32_b(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	uint32_t s = BIT(op, 26);
	uint32_t i1 = !(BIT(op, 13) ^ s), i2 = !(BIT(op, 11) ^ s);
	uint32_t off = (s << 24) | (i1 << 23) | (i2 << 22) | (BITS(op, 25, 16) << 12) |
		       (BITS(op, 10, 0) << 1);
	in->imm = pc + 4 + sext(off, 25);
}

/* Byte/halfword loads with Rt = PC are preload (or unallocated) hints. */
static bool pld_hint(struct cpu_insn *in)
{
	if (in->rd != 15 || in->fn == ldst_ldr_imm || in->fn == ldst_ldr_reg ||
	    in->fn == ldst_ldr_lit)
		return false;
	in->fn = misc_nop;
	in->cycles = 1;
	return true;
}

static void f32_ldst_imm12(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RT32(op);
	in->rn = RN32(op);
	in->imm = BITS(op, 11, 0);
	in->flags = INSN_INDEX | INSN_ADD;
	pld_hint(in);
}

/* The unprivileged form of an imm8 load/store handler: LDRT, STRT... make
 * their access as unprivileged code whatever the current privilege (MPU
 * and SCS), so they get their own handlers, which always take the memory
 * system's slow path; the normal forms keep their inline fast path. */
static cpu_insn_fn unpriv_form(cpu_insn_fn fn)
{
	static const struct { cpu_insn_fn normal, unpriv; } map[] = {
		{ ldst_ldr_imm, ldst_ldrt },   { ldst_ldrh_imm, ldst_ldrht },
		{ ldst_ldrsh_imm, ldst_ldrsht }, { ldst_ldrb_imm, ldst_ldrbt },
		{ ldst_ldrsb_imm, ldst_ldrsbt }, { ldst_str_imm, ldst_strt },
		{ ldst_strh_imm, ldst_strht }, { ldst_strb_imm, ldst_strbt },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].normal == fn)
			return map[i].unpriv;
	return fn;
}

/* imm8 forms: 1 P U W imm8 (PUW = 110 is the unprivileged LDRT...). */
static void f32_ldst_imm8(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	bool p = BIT(op, 10), u = BIT(op, 9), w = BIT(op, 8);
	in->rd = RT32(op);
	in->rn = RN32(op);
	in->imm = BITS(op, 7, 0);
	in->flags = (p ? INSN_INDEX : 0) | (u ? INSN_ADD : 0) | (w ? INSN_WBACK : 0);
	if (pld_hint(in))
		return;
	if (!p && !w) {
		undefined(in);
	} else if (p && u && !w) {
		in->flags |= INSN_UNPRIV;
		in->fn = unpriv_form(in->fn);
	}
}

static void f32_ldst_reg(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RT32(op);
	in->rn = RN32(op);
	in->rm = RM32(op);
	in->shift_n = BITS(op, 5, 4);
	pld_hint(in);
}

static void f32_ld_lit(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RT32(op);
	in->imm = BIT(op, 23) ? align4(pc) + BITS(op, 11, 0) : align4(pc) - BITS(op, 11, 0);
	pld_hint(in);
}

/* Stores: Rn = PC is UNDEFINED. */
static void f32_st_imm12(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	f32_ldst_imm12(in, op, pc);
	if (in->rn == 15)
		undefined(in);
}

static void f32_st_imm8(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	f32_ldst_imm8(in, op, pc);
	if (in->rn == 15)
		undefined(in);
}

static void f32_st_reg(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	f32_ldst_reg(in, op, pc);
	if (in->rn == 15)
		undefined(in);
}

static void f32_shift_reg(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->rm = RM32(op);
	in->shift_t = (uint8_t)BITS(op, 22, 21);
	in->sf = BIT(op, 20) ? SF_ALWAYS : SF_NEVER;
}

/* Extend (and extend-and-add): rotation in bits 5:4 */
static void f32_ext(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->rm = RM32(op);
	in->shift_n = (uint8_t)(BITS(op, 5, 4) * 8);
	in->imm = BITS(op, 22, 20) << 4;
}

/* Register-to-register (REV, CLZ, ...; Rm appears twice, bits 3:0 used),
 * and the three-register DSP operations. */
static void f32_rrr(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->rm = RM32(op);
	in->imm = BITS(op, 22, 20) << 4 | BITS(op, 7, 4);
}

static void f32_mul(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->rm = RM32(op);
	in->ra = RT32(op);
	in->imm = BITS(op, 22, 20) << 4 | BITS(op, 7, 4);
	in->sf = SF_NEVER;
}

/* Long multiplies: rd = RdLo, ra = RdHi. */
static void f32_mull(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RT32(op);
	in->ra = RD32(op);
	in->rn = RN32(op);
	in->rm = RM32(op);
	in->imm = BITS(op, 22, 20) << 4 | BITS(op, 7, 4);
}

static void f32_div(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->rd = RD32(op);
	in->rn = RN32(op);
	in->rm = RM32(op);
}

/* ---- floating point (A6): CP10/CP11 ----------------------------------- */

/* An FP encoding that is UNDEFINED (or UNPREDICTABLE, treated so): still
 * NOCP when CP10 access is denied (vfp_undef), NOCP without a unit. */
static void fp_undefined(struct cpu_insn *in)
{
	in->fn = vfp_undef;
	in->cycles = 1;
}

/* S<Vx:b> and D<b:Vx> as S indexes; a D register above D15 does not
 * exist on these units (D16): UNDEFINED, reported by returning 32. */
static inline unsigned fp_sreg(uint32_t v4, uint32_t b)
{
	return (v4 << 1) | b;
}

static inline unsigned fp_dreg(uint32_t b, uint32_t v4)
{
	return b ? 32 : v4 << 1;
}

/* The register of a field: single or double by `dp`. */
static inline unsigned fp_reg(bool dp, uint32_t v4, uint32_t b)
{
	return dp ? fp_dreg(b, v4) : fp_sreg(v4, b);
}

static void fv_undef(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->fpreq = FPQ_FP;
	fp_undefined(in);
}

/* A move between core register rt and FP register (S index) fp: to the
 * core (bit 20) rd = rt, rn = fp, else rd = fp, rn = rt. A move to PC is
 * UNDEFINED. */
static void fp_core_move(struct cpu_insn *in, uint32_t op, unsigned fp, unsigned rt)
{
	in->fpreq = FPQ_FP;
	if (BIT(op, 20)) {
		in->rd = (uint8_t)rt;
		in->rn = (uint8_t)fp;
		if (rt == 15)
			fp_undefined(in);
	} else {
		in->rd = (uint8_t)fp;
		in->rn = (uint8_t)rt;
	}
}

/* VMOV between a core register and S<Vn:N> (bit 20: to the core). */
static void fv_vmov_s(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_core_move(in, op, fp_sreg(RN32(op), BIT(op, 7)), RT32(op));
}

/* VMOV between a core register and the 32-bit scalar D<D:Vd>[x]. */
static void fv_vmov_scalar(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	unsigned d = fp_dreg(BIT(op, 7), RN32(op));
	in->fpreq = FPQ_FP;
	if (d >= 32) {
		fp_undefined(in);
		return;
	}
	fp_core_move(in, op, d + BIT(op, 21), RT32(op));
}

/* VMOV between two core registers (Rt bits 15:12, Rt2 bits 19:16) and
 * S<Vm:M>, S<Vm:M + 1> (bit 8 clear) or D<M:Vm> (bit 8 set). */
static void fv_vmov_rr(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	unsigned m = fp_reg(BIT(op, 8), RM32(op), BIT(op, 5));
	unsigned rt2 = RN32(op);
	fp_core_move(in, op, m, RT32(op));
	in->ra = (uint8_t)rt2;
	/* S31 has no successor. */
	if (m >= 31 || (BIT(op, 20) && rt2 == 15))
		fp_undefined(in);
}

/* VMSR/VMRS: M-profile has only FPSCR (reg 0001); the other system
 * registers are UNPREDICTABLE there, UNDEFINED here. VMRS to PC is the
 * APSR_nzcv form. */
static void fv_vmsr(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->fpreq = FPQ_FP;
	in->rn = RT32(op);
	if (RN32(op) != 1)
		fp_undefined(in);
}

static void fv_vmrs(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	in->fpreq = FPQ_FP;
	in->rd = RT32(op);
	if (in->rd == 15)
		in->fn = vfp_vmrs_apsr;
	if (RN32(op) != 1)
		fp_undefined(in);
}

/* VLDR/VSTR: U D Rn Vd sz imm8; Rn = PC is the literal form, its address
 * resolved here (Align(PC, 4) +/- imm32, also for VSTR, as QEMU does). */
static void fv_vldr(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	bool dp = BIT(op, 8);
	unsigned d = fp_reg(dp, RT32(op), BIT(op, 22));
	uint32_t off = BITS(op, 7, 0) * 4;
	in->fpreq = FPQ_FP;
	in->rd = (uint8_t)d;
	in->rn = RN32(op);
	in->imm = BIT(op, 23) ? off : 0u - off;
	if (in->rn == 15)
		in->imm += align4(pc);
	if (dp)
		in->fn = BIT(op, 20) ? vfp_vldr_d : vfp_vstr_d;
	if (d >= 32)
		fp_undefined(in);
}

/* VLDM/VSTM/VPUSH/VPOP: P U D W L Rn Vd sz imm8. The UNPREDICTABLE lists
 * (empty, past the last register, more than 16 doubles) and writeback to
 * PC are UNDEFINED; Rn = PC without writeback reads Align(PC, 4). */
static void fv_vldm(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	bool dp = BIT(op, 8);
	unsigned imm8 = BITS(op, 7, 0);
	unsigned d = fp_reg(dp, RT32(op), BIT(op, 22));
	unsigned words = dp ? (imm8 / 2) * 2 : imm8;
	in->fpreq = FPQ_FP;
	in->rd = (uint8_t)d;
	in->rn = RN32(op);
	in->ra = (uint8_t)words;
	in->imm = imm8 * 4;
	in->flags = (BIT(op, 23) ? INSN_ADD : 0) | (BIT(op, 21) ? INSN_WBACK : 0);
	in->cycles = (uint8_t)(1 + words);
	if (words == 0 || d + words > 32 || (in->rn == 15 && BIT(op, 21)))
		fp_undefined(in);
}

/* The double-precision handler of a data-processing operation: the
 * table names the single-precision one. */
static cpu_insn_fn fp_double_form(cpu_insn_fn fn)
{
	static const struct { cpu_insn_fn s, d; } map[] = {
		{ vfp_add, vfp_add_d },     { vfp_sub, vfp_sub_d },   { vfp_mul, vfp_mul_d },
		{ vfp_nmul, vfp_nmul_d },   { vfp_div, vfp_div_d },   { vfp_mla, vfp_mla_d },
		{ vfp_mls, vfp_mls_d },     { vfp_nmla, vfp_nmla_d }, { vfp_nmls, vfp_nmls_d },
		{ vfp_fma, vfp_fma_d },     { vfp_fms, vfp_fms_d },   { vfp_fnma, vfp_fnma_d },
		{ vfp_fnms, vfp_fnms_d },   { vfp_maxnm, vfp_maxnm_d }, { vfp_minnm, vfp_minnm_d },
		{ vfp_sel, vfp_sel_d },     { vfp_mov, vfp_mov_d },   { vfp_abs, vfp_abs_d },
		{ vfp_neg, vfp_neg_d },     { vfp_sqrt, vfp_sqrt_d }, { vfp_rint, vfp_rint_d },
		{ vfp_cmp, vfp_cmp_d },     { vfp_cmpz, vfp_cmpz_d }, { vfp_vmov_imm, vfp_vmov_imm_d },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].s == fn)
			return map[i].d;
	return fn;
}

/* Data processing, sz (bit 8) selecting the precision: Vd = D:Vd or
 * Vd:D, Vn = N (bit 7), Vm = M (bit 5). `req` is what the operation
 * needs beyond a unit (FPQ_V5 for FPv5's additions); double precision
 * adds FPQ_DP. Any register field past D15 is UNDEFINED. */
static void fp_dp(struct cpu_insn *in, uint32_t op, unsigned req)
{
	bool dp = BIT(op, 8);
	unsigned d = fp_reg(dp, RT32(op), BIT(op, 22));
	unsigned n = fp_reg(dp, RN32(op), BIT(op, 7));
	unsigned m = fp_reg(dp, RM32(op), BIT(op, 5));
	in->fpreq = (uint8_t)(FPQ_FP | req | (dp ? FPQ_DP : 0));
	in->rd = (uint8_t)d;
	in->rn = (uint8_t)n;
	in->rm = (uint8_t)m;
	if (dp)
		in->fn = fp_double_form(in->fn);
	if (d >= 32 || n >= 32 || m >= 32)
		fp_undefined(in);
}

/* Three registers: Vd, Vn, Vm. */
static void fv_dp3(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_dp(in, op, 0);
}

/* Two registers: Vd, Vm. */
static void fv_dp2(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_dp(in, op & ~0x000f0080u, 0);
}

/* FPv5: VSEL (cc in bits 21:20 -> EQ VS GE GT), VMAXNM/VMINNM. */
static void fv_vsel(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	static const uint8_t cond[4] = { 0x0, 0x6, 0xa, 0xc };
	fp_dp(in, op, FPQ_V5);
	in->ra = cond[BITS(op, 21, 20)];
}

static void fv_dp3_v5(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_dp(in, op, FPQ_V5);
}

/* VRINTR/VRINTZ (bit 7: Z) and VRINTX (FPSCR's mode, exact). */
static void fv_vrint(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_dp(in, op & ~0x000f0080u, FPQ_V5);
	if (BIT(op, 16)) {
		in->shift_t = FP_RM_FPSCR;
		in->ra = 1;
	} else {
		in->shift_t = BIT(op, 7) ? FPU_RZ : FP_RM_FPSCR;
	}
}

/* The rounding of VRINTA/N/P/M and VCVTA/N/P/M: RM in bits 17:16. */
static const uint8_t fp_anpm[4] = { FPU_RA, FPU_RN, FPU_RP, FPU_RM };

static void fv_vrint_anpm(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_dp(in, op & ~0x000f0080u, FPQ_V5);
	in->shift_t = fp_anpm[BITS(op, 17, 16)];
}

/* VMOV (immediate): imm4H:imm4L expanded (VFPExpandImm). */
static void fv_vmov_imm(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	uint8_t imm8 = (uint8_t)((RN32(op) << 4) | RM32(op));
	fp_dp(in, op & ~0x000f00afu, 0);
	in->imm = BIT(op, 8) ? (uint32_t)(fpu_expand_imm64(imm8) >> 32) : fpu_expand_imm32(imm8);
}

/* VCMP/VCMPE (bit 7: E), with a register or #0. */
static void fv_vcmp(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_dp(in, op & ~0x000f0080u, 0);
	in->ra = BIT(op, 7);
}

/* VCVT between double and single: sz set is F64 -> F32. */
static void fv_vcvt_ds(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	bool to_single = BIT(op, 8);
	unsigned d = fp_reg(!to_single, RT32(op), BIT(op, 22));
	unsigned m = fp_reg(to_single, RM32(op), BIT(op, 5));
	in->fpreq = FPQ_FP | FPQ_DP;
	in->rd = (uint8_t)d;
	in->rm = (uint8_t)m;
	in->fn = to_single ? vfp_cvt_sd : vfp_cvt_ds;
	if (d >= 32 || m >= 32)
		fp_undefined(in);
}

/* A conversion to/from an integer in an S register: its operand or
 * result's register is single, the other per sz. */
static void fp_cvt_int(struct cpu_insn *in, uint32_t op, bool to_int, unsigned req)
{
	bool dp = BIT(op, 8);
	unsigned d = fp_reg(dp && !to_int, RT32(op), BIT(op, 22));
	unsigned m = fp_reg(dp && to_int, RM32(op), BIT(op, 5));
	in->fpreq = (uint8_t)(FPQ_FP | req | (dp ? FPQ_DP : 0));
	in->rd = (uint8_t)d;
	in->rm = (uint8_t)m;
	in->shift_n = 32;
	in->imm = 0;
	if (to_int)
		in->fn = dp ? vfp_tofix_d : vfp_tofix;
	else
		in->fn = dp ? vfp_fromfix_d : vfp_fromfix;
	if (d >= 32 || m >= 32)
		fp_undefined(in);
}

/* VCVT/VCVTR to an integer (bit 16: signed, bit 7: round to zero) and
 * VCVT from one (bit 7: signed). */
static void fv_vcvt_to_int(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_cvt_int(in, op, true, 0);
	in->ra = BIT(op, 16);
	in->shift_t = BIT(op, 7) ? FPU_RZ : FP_RM_FPSCR;
}

static void fv_vcvt_from_int(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_cvt_int(in, op, false, 0);
	in->ra = BIT(op, 7);
}

/* VCVTA/N/P/M (FPv5): to an integer with its own rounding, bit 7 signed. */
static void fv_vcvt_anpm(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	fp_cvt_int(in, op, true, FPQ_V5);
	in->ra = BIT(op, 7);
	in->shift_t = fp_anpm[BITS(op, 17, 16)];
}

/* VCVT between floating and fixed point, in place: bit 18 to fixed,
 * bit 16 unsigned, bit 7 32-bit (else 16), frac = size - imm4:i (a
 * negative count is UNPREDICTABLE: UNDEFINED). */
static void fv_vcvt_fixed(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	bool dp = BIT(op, 8), to_fixed = BIT(op, 18);
	unsigned d = fp_reg(dp, RT32(op), BIT(op, 22));
	unsigned size = BIT(op, 7) ? 32 : 16;
	unsigned imm5 = (RM32(op) << 1) | BIT(op, 5);
	in->fpreq = (uint8_t)(FPQ_FP | (dp ? FPQ_DP : 0));
	in->rd = in->rm = (uint8_t)d;
	in->ra = !BIT(op, 16);
	in->shift_n = (uint8_t)size;
	in->imm = size - imm5;
	if (to_fixed) {
		in->fn = dp ? vfp_tofix_dd : vfp_tofix;
		in->shift_t = FPU_RZ;
	} else {
		in->fn = dp ? vfp_fromfix_d : vfp_fromfix;
	}
	if (d >= 32 || imm5 > size)
		fp_undefined(in);
}

/* VCVTB/VCVTT (bit 7: T, the top half), bit 16 to half; sz (FPv5's
 * double forms) makes the other operand a D register. */
static void fv_vcvt_half(struct cpu_insn *in, uint32_t op, uint32_t pc)
{
	bool dp = BIT(op, 8), to_half = BIT(op, 16);
	unsigned d = fp_reg(dp && !to_half, RT32(op), BIT(op, 22));
	unsigned m = fp_reg(dp && to_half, RM32(op), BIT(op, 5));
	in->fpreq = (uint8_t)(FPQ_FP | (dp ? FPQ_DP | FPQ_V5 : 0));
	in->rd = (uint8_t)d;
	in->rm = (uint8_t)m;
	in->shift_n = BIT(op, 7) ? 16 : 0;
	if (to_half)
		in->fn = dp ? vfp_d2h : vfp_s2h;
	else
		in->fn = dp ? vfp_h2d : vfp_h2s;
	if (d >= 32 || m >= 32)
		fp_undefined(in);
}

/* ---- the table -------------------------------------------------------- */

#define E16(name, match, mask, cyc, fmt, fn) \
	{ name, ENC16, cyc, match, mask, fmt, fn, NULL }
#define E16O(name, match, mask, cyc, fmt, fn, over) \
	{ name, ENC16, cyc, match, mask, fmt, fn, over }
#define E32(name, match, mask, cyc, fmt, fn) \
	{ name, ENC32, cyc, match, mask, fmt, fn, NULL }
#define E32O(name, match, mask, cyc, fmt, fn, over) \
	{ name, ENC32, cyc, match, mask, fmt, fn, over }
/* An FP encoding: carved out of the CP10/CP11 catch-all. */
#define EFP(name, match, mask, cyc, fmt, fn) \
	{ name, ENC32, cyc, match, mask, fmt, fn, "vfp-undef" }

const struct cpu_enc cpu_enc_table[] = {
	/* -- 16-bit: shift (immediate), add, subtract, move, compare (A5.2.1) */
	E16("LSL-imm", 0x0000, 0xf800, 1, f16_shift_imm, alu_mov_reg),
	E16("LSR-imm", 0x0800, 0xf800, 1, f16_shift_imm, alu_mov_reg),
	E16("ASR-imm", 0x1000, 0xf800, 1, f16_shift_imm, alu_mov_reg),
	E16("ADD-reg", 0x1800, 0xfe00, 1, f16_addsub_reg, alu_add_reg),
	E16("SUB-reg", 0x1a00, 0xfe00, 1, f16_addsub_reg, alu_sub_reg),
	E16("ADD-imm3", 0x1c00, 0xfe00, 1, f16_addsub_imm3, alu_add_imm),
	E16("SUB-imm3", 0x1e00, 0xfe00, 1, f16_addsub_imm3, alu_sub_imm),
	E16("MOV-imm8", 0x2000, 0xf800, 1, f16_imm8, alu_mov_imm),
	E16("CMP-imm8", 0x2800, 0xf800, 1, f16_imm8, alu_cmp_imm),
	E16("ADD-imm8", 0x3000, 0xf800, 1, f16_imm8, alu_add_imm),
	E16("SUB-imm8", 0x3800, 0xf800, 1, f16_imm8, alu_sub_imm),
	/* -- data processing (A5.2.2) */
	E16("AND", 0x4000, 0xffc0, 1, f16_dp, alu_and_reg),
	E16("EOR", 0x4040, 0xffc0, 1, f16_dp, alu_eor_reg),
	E16("LSL-reg", 0x4080, 0xffc0, 1, f16_shift_reg, alu_shift_reg),
	E16("LSR-reg", 0x40c0, 0xffc0, 1, f16_shift_reg, alu_shift_reg),
	E16("ASR-reg", 0x4100, 0xffc0, 1, f16_shift_reg, alu_shift_reg),
	E16("ADC", 0x4140, 0xffc0, 1, f16_dp, alu_adc_reg),
	E16("SBC", 0x4180, 0xffc0, 1, f16_dp, alu_sbc_reg),
	E16("ROR-reg", 0x41c0, 0xffc0, 1, f16_shift_reg, alu_shift_reg),
	E16("TST", 0x4200, 0xffc0, 1, f16_dp, alu_tst_reg),
	E16("RSB-imm0", 0x4240, 0xffc0, 1, f16_neg, alu_rsb_imm),
	E16("CMP-reg", 0x4280, 0xffc0, 1, f16_dp, alu_cmp_reg),
	E16("CMN", 0x42c0, 0xffc0, 1, f16_dp, alu_cmn_reg),
	E16("ORR", 0x4300, 0xffc0, 1, f16_dp, alu_orr_reg),
	E16("MUL", 0x4340, 0xffc0, 1, f16_mul, alu_mul),
	E16("BIC", 0x4380, 0xffc0, 1, f16_dp, alu_bic_reg),
	E16("MVN", 0x43c0, 0xffc0, 1, f16_dp, alu_mvn_reg),
	/* -- special data processing and branch/exchange (A5.2.3) */
	E16("ADD-hireg", 0x4400, 0xff00, 1, f16_hireg, alu_add_reg),
	E16("CMP-hireg", 0x4500, 0xff00, 1, f16_hireg, alu_cmp_reg),
	E16("MOV-hireg", 0x4600, 0xff00, 1, f16_hireg, alu_mov_reg),
	E16("BX", 0x4700, 0xff80, 1, f16_bx, br_bx),
	E16("BLX-reg", 0x4780, 0xff80, 1, f16_bx, br_blx),
	E16("LDR-lit", 0x4800, 0xf800, 2, f16_ldr_lit, ldst_ldr_lit),
	/* -- load/store single (A5.2.4) */
	E16("STR-reg", 0x5000, 0xfe00, 2, f16_ldst_reg, ldst_str_reg),
	E16("STRH-reg", 0x5200, 0xfe00, 2, f16_ldst_reg, ldst_strh_reg),
	E16("STRB-reg", 0x5400, 0xfe00, 2, f16_ldst_reg, ldst_strb_reg),
	E16("LDRSB-reg", 0x5600, 0xfe00, 2, f16_ldst_reg, ldst_ldrsb_reg),
	E16("LDR-reg", 0x5800, 0xfe00, 2, f16_ldst_reg, ldst_ldr_reg),
	E16("LDRH-reg", 0x5a00, 0xfe00, 2, f16_ldst_reg, ldst_ldrh_reg),
	E16("LDRB-reg", 0x5c00, 0xfe00, 2, f16_ldst_reg, ldst_ldrb_reg),
	E16("LDRSH-reg", 0x5e00, 0xfe00, 2, f16_ldst_reg, ldst_ldrsh_reg),
	E16("STR-imm5", 0x6000, 0xf800, 2, f16_ldst_imm5, ldst_str_imm),
	E16("LDR-imm5", 0x6800, 0xf800, 2, f16_ldst_imm5, ldst_ldr_imm),
	E16("STRB-imm5", 0x7000, 0xf800, 2, f16_ldst_imm5, ldst_strb_imm),
	E16("LDRB-imm5", 0x7800, 0xf800, 2, f16_ldst_imm5, ldst_ldrb_imm),
	E16("STRH-imm5", 0x8000, 0xf800, 2, f16_ldst_imm5, ldst_strh_imm),
	E16("LDRH-imm5", 0x8800, 0xf800, 2, f16_ldst_imm5, ldst_ldrh_imm),
	E16("STR-sp", 0x9000, 0xf800, 2, f16_ldst_sp, ldst_str_imm),
	E16("LDR-sp", 0x9800, 0xf800, 2, f16_ldst_sp, ldst_ldr_imm),
	E16("ADR", 0xa000, 0xf800, 1, f16_adr, alu_adr),
	E16("ADD-sp-imm8", 0xa800, 0xf800, 1, f16_add_sp_imm8, alu_add_imm),
	/* -- miscellaneous (A5.2.5) */
	E16("ADD-sp-imm7", 0xb000, 0xff80, 1, f16_sp_imm7, alu_add_imm),
	E16("SUB-sp-imm7", 0xb080, 0xff80, 1, f16_sp_imm7, alu_sub_imm),
	E16("CBZ", 0xb100, 0xfd00, 1, f16_cbz, br_cbz),
	E16("CBNZ", 0xb900, 0xfd00, 1, f16_cbz, br_cbnz),
	E16("SXTH", 0xb200, 0xffc0, 1, f16_rr, alu_sxth),
	E16("SXTB", 0xb240, 0xffc0, 1, f16_rr, alu_sxtb),
	E16("UXTH", 0xb280, 0xffc0, 1, f16_rr, alu_uxth),
	E16("UXTB", 0xb2c0, 0xffc0, 1, f16_rr, alu_uxtb),
	E16("PUSH", 0xb400, 0xfe00, 1, f16_push, ldst_stmdb),
	E16("CPS", 0xb660, 0xffec, 1, f16_cps, misc_cps),
	E16("REV", 0xba00, 0xffc0, 1, f16_rr, alu_rev),
	E16("REV16", 0xba40, 0xffc0, 1, f16_rr, alu_rev16),
	E16("REVSH", 0xbac0, 0xffc0, 1, f16_rr, alu_revsh),
	E16("POP", 0xbc00, 0xfe00, 1, f16_pop, ldst_ldm),
	E16("BKPT", 0xbe00, 0xff00, 1, f16_imm8_only, misc_bkpt),
	/* IT with mask 0000 is the hint space. */
	E16O("hint", 0xbf00, 0xff0f, 1, f16_hint, misc_nop, "IT"),
	E16("IT", 0xbf00, 0xff00, 1, f16_imm8_only, misc_it),
	/* -- load/store multiple, branches, SVC (A5.2) */
	E16("STM", 0xc000, 0xf800, 1, f16_ldm_stm, ldst_stm),
	E16("LDM", 0xc800, 0xf800, 1, f16_ldm_stm, ldst_ldm),
	/* Condition 1110 is UDF and 1111 is SVC. */
	E16O("UDF", 0xde00, 0xff00, 1, f_none, misc_undef, "B<c>"),
	E16O("SVC", 0xdf00, 0xff00, 1, f16_imm8_only, misc_svc, "B<c>"),
	E16("B<c>", 0xd000, 0xf000, 1, f16_bcond, br_bcond),
	E16("B", 0xe000, 0xf800, 1, f16_b, br_b),

	/* -- 32-bit: load/store multiple (A5.3.5) */
	E32("STM.W", 0xe8800000, 0xffd00000, 1, f32_ldm, ldst_stm),
	E32("LDM.W", 0xe8900000, 0xffd00000, 1, f32_ldm, ldst_ldm),
	E32("STMDB", 0xe9000000, 0xffd00000, 1, f32_ldm, ldst_stmdb),
	E32("LDMDB", 0xe9100000, 0xffd00000, 1, f32_ldm, ldst_ldmdb),
	/* -- load/store dual or exclusive, table branch (A5.3.6): the
	 * P=0 W=0 corner of LDRD/STRD holds the exclusives and TBB/TBH. */
	E32O("STREX", 0xe8400000, 0xfff00000, 2, f32_strex, ldst_strex, "STRD"),
	E32O("LDREX", 0xe8500000, 0xfff00000, 2, f32_ldrex, ldst_ldrex, "LDRD"),
	E32O("STREXB", 0xe8c00040, 0xfff000f0, 2, f32_strexbh, ldst_strexb, "STRD"),
	E32O("STREXH", 0xe8c00050, 0xfff000f0, 2, f32_strexbh, ldst_strexh, "STRD"),
	E32O("TBB", 0xe8d00000, 0xfff000f0, 2, f32_tb, ldst_tbb, "LDRD"),
	E32O("TBH", 0xe8d00010, 0xfff000f0, 2, f32_tb, ldst_tbh, "LDRD"),
	E32O("LDREXB", 0xe8d00040, 0xfff000f0, 2, f32_ldrexbh, ldst_ldrexb, "LDRD"),
	E32O("LDREXH", 0xe8d00050, 0xfff000f0, 2, f32_ldrexbh, ldst_ldrexh, "LDRD"),
	E32("STRD", 0xe8400000, 0xfe500000, 3, f32_ldrd_strd, ldst_strd),
	E32("LDRD", 0xe8500000, 0xfe500000, 3, f32_ldrd_strd, ldst_ldrd),
	/* -- data processing, shifted register (A5.3.11); Rd = PC with S is
	 * the compare form, Rn = PC the move form. */
	E32O("TST.W", 0xea100f00, 0xfff00f00, 1, f32_dp_sreg, alu_tst_reg, "AND.W"),
	E32("AND.W", 0xea000000, 0xffe00000, 1, f32_dp_sreg, alu_and_reg),
	E32("BIC.W", 0xea200000, 0xffe00000, 1, f32_dp_sreg, alu_bic_reg),
	E32O("MOV.W", 0xea4f0000, 0xffef0000, 1, f32_dp_sreg, alu_mov_reg, "ORR.W"),
	E32("ORR.W", 0xea400000, 0xffe00000, 1, f32_dp_sreg, alu_orr_reg),
	E32O("MVN.W", 0xea6f0000, 0xffef0000, 1, f32_dp_sreg, alu_mvn_reg, "ORN"),
	E32("ORN", 0xea600000, 0xffe00000, 1, f32_dp_sreg, alu_orn_reg),
	E32O("TEQ", 0xea900f00, 0xfff00f00, 1, f32_dp_sreg, alu_teq_reg, "EOR.W"),
	E32("EOR.W", 0xea800000, 0xffe00000, 1, f32_dp_sreg, alu_eor_reg),
	E32("PKH", 0xeac00000, 0xfff00010, 1, f32_dp_sreg, dsp_pkh),
	E32O("CMN.W", 0xeb100f00, 0xfff00f00, 1, f32_dp_sreg, alu_cmn_reg, "ADD.W"),
	E32("ADD.W", 0xeb000000, 0xffe00000, 1, f32_dp_sreg, alu_add_reg),
	E32("ADC.W", 0xeb400000, 0xffe00000, 1, f32_dp_sreg, alu_adc_reg),
	E32("SBC.W", 0xeb600000, 0xffe00000, 1, f32_dp_sreg, alu_sbc_reg),
	E32O("CMP.W", 0xebb00f00, 0xfff00f00, 1, f32_dp_sreg, alu_cmp_reg, "SUB.W"),
	E32("SUB.W", 0xeba00000, 0xffe00000, 1, f32_dp_sreg, alu_sub_reg),
	E32("RSB.W", 0xebc00000, 0xffe00000, 1, f32_dp_sreg, alu_rsb_reg),
	/* -- coprocessor and floating point (A5.3.18, A6): CP10/CP11 is the
	 * FP unit (what it lacks is UNDEFINED: cpu_decode_fetch), every
	 * other coprocessor raises NOCP. */
	/* extension register loads and stores (A6.5) */
	EFP("VSTM-IA", 0xec800a00, 0xff900e00, 1, fv_vldm, vfp_vstm),
	E32O("VPOP", 0xecbd0a00, 0xffbf0e00, 1, fv_vldm, vfp_vldm, "VLDM-IA"),
	EFP("VLDM-IA", 0xec900a00, 0xff900e00, 1, fv_vldm, vfp_vldm),
	E32O("VPUSH", 0xed2d0a00, 0xffbf0e00, 1, fv_vldm, vfp_vstm, "VSTM-DB"),
	EFP("VSTM-DB", 0xed200a00, 0xffb00e00, 1, fv_vldm, vfp_vstm),
	EFP("VLDM-DB", 0xed300a00, 0xffb00e00, 1, fv_vldm, vfp_vldm),
	EFP("VSTR", 0xed000a00, 0xff300e00, 2, fv_vldr, vfp_vstr),
	EFP("VLDR", 0xed100a00, 0xff300e00, 2, fv_vldr, vfp_vldr),
	/* 64-bit transfers between core and FP registers (A6.7) */
	EFP("VMOV-to-SS", 0xec400a10, 0xfff00fd0, 2, fv_vmov_rr, vfp_vmov_to_ss),
	EFP("VMOV-from-SS", 0xec500a10, 0xfff00fd0, 2, fv_vmov_rr, vfp_vmov_from_ss),
	EFP("VMOV-to-D", 0xec400b10, 0xfff00fd0, 2, fv_vmov_rr, vfp_vmov_to_ss),
	EFP("VMOV-from-D", 0xec500b10, 0xfff00fd0, 2, fv_vmov_rr, vfp_vmov_from_ss),
	/* 8, 16 and 32-bit transfers (A6.6) */
	EFP("VMOV-to-S", 0xee000a10, 0xfff00f10, 1, fv_vmov_s, vfp_vmov_to_s),
	EFP("VMOV-from-S", 0xee100a10, 0xfff00f10, 1, fv_vmov_s, vfp_vmov_from_s),
	EFP("VMSR", 0xeee00a10, 0xfff00f10, 1, fv_vmsr, vfp_vmsr),
	EFP("VMRS", 0xeef00a10, 0xfff00f10, 1, fv_vmrs, vfp_vmrs),
	EFP("VMOV-to-scalar", 0xee000b10, 0xffd00f70, 1, fv_vmov_scalar, vfp_vmov_to_s),
	EFP("VMOV-from-scalar", 0xee100b10, 0xffd00f70, 1, fv_vmov_scalar, vfp_vmov_from_s),
	/* data processing (A6.4): sz picks the precision (the format the
	 * handler); the multiply-accumulates cost 3, VDIV/VSQRT 14 */
	EFP("VMLA", 0xee000a00, 0xffb00e50, 3, fv_dp3, vfp_mla),
	EFP("VMLS", 0xee000a40, 0xffb00e50, 3, fv_dp3, vfp_mls),
	EFP("VNMLS", 0xee100a00, 0xffb00e50, 3, fv_dp3, vfp_nmls),
	EFP("VNMLA", 0xee100a40, 0xffb00e50, 3, fv_dp3, vfp_nmla),
	EFP("VMUL", 0xee200a00, 0xffb00e50, 1, fv_dp3, vfp_mul),
	EFP("VNMUL", 0xee200a40, 0xffb00e50, 1, fv_dp3, vfp_nmul),
	EFP("VADD", 0xee300a00, 0xffb00e50, 1, fv_dp3, vfp_add),
	EFP("VSUB", 0xee300a40, 0xffb00e50, 1, fv_dp3, vfp_sub),
	EFP("VDIV", 0xee800a00, 0xffb00e50, 14, fv_dp3, vfp_div),
	EFP("VFNMS", 0xee900a00, 0xffb00e50, 3, fv_dp3, vfp_fnms),
	EFP("VFNMA", 0xee900a40, 0xffb00e50, 3, fv_dp3, vfp_fnma),
	EFP("VFMA", 0xeea00a00, 0xffb00e50, 3, fv_dp3, vfp_fma),
	EFP("VFMS", 0xeea00a40, 0xffb00e50, 3, fv_dp3, vfp_fms),
	EFP("VMOV-imm", 0xeeb00a00, 0xffb00e50, 1, fv_vmov_imm, vfp_vmov_imm),
	EFP("VMOV-reg", 0xeeb00a40, 0xffbf0ed0, 1, fv_dp2, vfp_mov),
	EFP("VABS", 0xeeb00ac0, 0xffbf0ed0, 1, fv_dp2, vfp_abs),
	EFP("VNEG", 0xeeb10a40, 0xffbf0ed0, 1, fv_dp2, vfp_neg),
	EFP("VSQRT", 0xeeb10ac0, 0xffbf0ed0, 14, fv_dp2, vfp_sqrt),
	EFP("VCVTB/T", 0xeeb20a40, 0xffbe0e50, 1, fv_vcvt_half, vfp_h2s),
	EFP("VCMP", 0xeeb40a40, 0xffbf0e50, 1, fv_vcmp, vfp_cmp),
	EFP("VCMP-zero", 0xeeb50a40, 0xffbf0e50, 1, fv_vcmp, vfp_cmpz),
	EFP("VRINTR/Z", 0xeeb60a40, 0xffbf0e50, 1, fv_vrint, vfp_rint),
	EFP("VRINTX", 0xeeb70a40, 0xffbf0ed0, 1, fv_vrint, vfp_rint),
	EFP("VCVT-F64-F32", 0xeeb70ac0, 0xffbf0ed0, 1, fv_vcvt_ds, vfp_cvt_ds),
	EFP("VCVT-from-int", 0xeeb80a40, 0xffbf0e50, 1, fv_vcvt_from_int, vfp_fromfix),
	EFP("VCVT-fixed", 0xeeba0a40, 0xffba0e50, 1, fv_vcvt_fixed, vfp_tofix),
	EFP("VCVT-to-int", 0xeebc0a40, 0xffbe0e50, 1, fv_vcvt_to_int, vfp_tofix),
	/* FPv5's unconditional additions (ARMv8-M) */
	EFP("VSEL", 0xfe000a00, 0xff800e50, 1, fv_vsel, vfp_sel),
	EFP("VMAXNM", 0xfe800a00, 0xffb00e50, 1, fv_dp3_v5, vfp_maxnm),
	EFP("VMINNM", 0xfe800a40, 0xffb00e50, 1, fv_dp3_v5, vfp_minnm),
	EFP("VRINTA/N/P/M", 0xfeb80a40, 0xffbc0ed0, 1, fv_vrint_anpm, vfp_rint),
	EFP("VCVTA/N/P/M", 0xfebc0a40, 0xffbc0e50, 1, fv_vcvt_anpm, vfp_tofix),
	/* the rest of CP10/CP11 */
	E32O("vfp-undef", 0xec000a00, 0xec000e00, 1, fv_undef, vfp_undef, "coproc"),
	E32("coproc", 0xec000000, 0xec000000, 1, f_none, misc_nocp),
	/* -- data processing, modified immediate (A5.3.1) */
	E32O("TST-imm", 0xf0100f00, 0xfbf08f00, 1, f32_dp_mimm, alu_tst_imm, "AND-imm"),
	E32("AND-imm", 0xf0000000, 0xfbe08000, 1, f32_dp_mimm, alu_and_imm),
	E32("BIC-imm", 0xf0200000, 0xfbe08000, 1, f32_dp_mimm, alu_bic_imm),
	E32O("MOV-imm", 0xf04f0000, 0xfbef8000, 1, f32_dp_mimm, alu_mov_imm, "ORR-imm"),
	E32("ORR-imm", 0xf0400000, 0xfbe08000, 1, f32_dp_mimm, alu_orr_imm),
	E32O("MVN-imm", 0xf06f0000, 0xfbef8000, 1, f32_dp_mimm, alu_mvn_imm, "ORN-imm"),
	E32("ORN-imm", 0xf0600000, 0xfbe08000, 1, f32_dp_mimm, alu_orn_imm),
	E32O("TEQ-imm", 0xf0900f00, 0xfbf08f00, 1, f32_dp_mimm, alu_teq_imm, "EOR-imm"),
	E32("EOR-imm", 0xf0800000, 0xfbe08000, 1, f32_dp_mimm, alu_eor_imm),
	E32O("CMN-imm", 0xf1100f00, 0xfbf08f00, 1, f32_dp_mimm, alu_cmn_imm, "ADD-imm"),
	E32("ADD-imm", 0xf1000000, 0xfbe08000, 1, f32_dp_mimm, alu_add_imm),
	E32("ADC-imm", 0xf1400000, 0xfbe08000, 1, f32_dp_mimm, alu_adc_imm),
	E32("SBC-imm", 0xf1600000, 0xfbe08000, 1, f32_dp_mimm, alu_sbc_imm),
	E32O("CMP-imm", 0xf1b00f00, 0xfbf08f00, 1, f32_dp_mimm, alu_cmp_imm, "SUB-imm"),
	E32("SUB-imm", 0xf1a00000, 0xfbe08000, 1, f32_dp_mimm, alu_sub_imm),
	E32("RSB-imm", 0xf1c00000, 0xfbe08000, 1, f32_dp_mimm, alu_rsb_imm),
	/* -- data processing, plain binary immediate (A5.3.3) */
	E32O("ADR.W+", 0xf20f0000, 0xfbff8000, 1, f32_adr_add, alu_adr, "ADDW"),
	E32("ADDW", 0xf2000000, 0xfbf08000, 1, f32_dp_pimm, alu_add_imm),
	E32("MOVW", 0xf2400000, 0xfbf08000, 1, f32_imm16, alu_adr),
	E32O("ADR.W-", 0xf2af0000, 0xfbff8000, 1, f32_adr_sub, alu_adr, "SUBW"),
	E32("SUBW", 0xf2a00000, 0xfbf08000, 1, f32_dp_pimm, alu_sub_imm),
	E32("MOVT", 0xf2c00000, 0xfbf08000, 1, f32_imm16, alu_movt),
	E32("SSAT", 0xf3000000, 0xfbd08000, 1, f32_sat, alu_ssat),
	E32("SBFX", 0xf3400000, 0xfbf08000, 1, f32_bfx, alu_sbfx),
	E32O("BFC", 0xf36f0000, 0xfbff8000, 1, f32_bfi, alu_bfc, "BFI"),
	E32("BFI", 0xf3600000, 0xfbf08000, 1, f32_bfi, alu_bfi),
	E32("USAT", 0xf3800000, 0xfbd08000, 1, f32_sat, alu_usat),
	E32("UBFX", 0xf3c00000, 0xfbf08000, 1, f32_bfx, alu_ubfx),
	/* -- branches and miscellaneous control (A5.3.4): condition 111x of
	 * B<c>.W is the control space; what is not listed there is
	 * UNDEFINED. */
	E32O("MSR", 0xf3808000, 0xffe0d000, 1, f32_msr, misc_msr, "misc-undef"),
	E32O("hint.W", 0xf3a08000, 0xfff0d700, 1, f32_hint, misc_nop, "misc-undef"),
	E32O("CLREX", 0xf3b08020, 0xfff0d0f0, 1, f_none, ldst_clrex, "misc-undef"),
	E32O("DSB", 0xf3b08040, 0xfff0d0f0, 1, f_none, misc_nop, "misc-undef"),
	E32O("DMB", 0xf3b08050, 0xfff0d0f0, 1, f_none, misc_nop, "misc-undef"),
	E32O("ISB", 0xf3b08060, 0xfff0d0f0, 1, f_none, misc_nop, "misc-undef"),
	E32O("MRS", 0xf3e08000, 0xffe0d000, 1, f32_mrs, misc_mrs, "misc-undef"),
	E32O("UDF.W", 0xf7f0a000, 0xfff0f000, 1, f_none, misc_undef, "misc-undef"),
	E32O("misc-undef", 0xf3808000, 0xfb80d000, 1, f_none, misc_undef, "B<c>.W"),
	E32("B<c>.W", 0xf0008000, 0xf800d000, 1, f32_bcond, br_bcond),
	E32("B.W", 0xf0009000, 0xf800d000, 1, f32_b, br_b),
	E32("BL", 0xf000d000, 0xf800d000, 1, f32_b, br_bl),
	/* -- store single data item (A5.3.10) */
	E32("STRB-imm12", 0xf8800000, 0xfff00000, 2, f32_st_imm12, ldst_strb_imm),
	E32("STRB-imm8", 0xf8000800, 0xfff00800, 2, f32_st_imm8, ldst_strb_imm),
	E32("STRB.W-reg", 0xf8000000, 0xfff00fc0, 2, f32_st_reg, ldst_strb_reg),
	E32("STRH-imm12", 0xf8a00000, 0xfff00000, 2, f32_st_imm12, ldst_strh_imm),
	E32("STRH-imm8", 0xf8200800, 0xfff00800, 2, f32_st_imm8, ldst_strh_imm),
	E32("STRH.W-reg", 0xf8200000, 0xfff00fc0, 2, f32_st_reg, ldst_strh_reg),
	E32("STR-imm12", 0xf8c00000, 0xfff00000, 2, f32_st_imm12, ldst_str_imm),
	E32("STR-imm8", 0xf8400800, 0xfff00800, 2, f32_st_imm8, ldst_str_imm),
	E32("STR.W-reg", 0xf8400000, 0xfff00fc0, 2, f32_st_reg, ldst_str_reg),
	/* -- loads (A5.3.7-9): Rn = PC is the literal form. */
	E32O("LDRB-lit", 0xf81f0000, 0xff7f0000, 2, f32_ld_lit, ldst_ldrb_lit,
	     "LDRB-imm12 LDRB-imm8 LDRB.W-reg"),
	E32("LDRB-imm12", 0xf8900000, 0xfff00000, 2, f32_ldst_imm12, ldst_ldrb_imm),
	E32("LDRB-imm8", 0xf8100800, 0xfff00800, 2, f32_ldst_imm8, ldst_ldrb_imm),
	E32("LDRB.W-reg", 0xf8100000, 0xfff00fc0, 2, f32_ldst_reg, ldst_ldrb_reg),
	E32O("LDRSB-lit", 0xf91f0000, 0xff7f0000, 2, f32_ld_lit, ldst_ldrsb_lit,
	     "LDRSB-imm12 LDRSB-imm8 LDRSB.W-reg"),
	E32("LDRSB-imm12", 0xf9900000, 0xfff00000, 2, f32_ldst_imm12, ldst_ldrsb_imm),
	E32("LDRSB-imm8", 0xf9100800, 0xfff00800, 2, f32_ldst_imm8, ldst_ldrsb_imm),
	E32("LDRSB.W-reg", 0xf9100000, 0xfff00fc0, 2, f32_ldst_reg, ldst_ldrsb_reg),
	E32O("LDRH-lit", 0xf83f0000, 0xff7f0000, 2, f32_ld_lit, ldst_ldrh_lit,
	     "LDRH-imm12 LDRH-imm8 LDRH.W-reg"),
	E32("LDRH-imm12", 0xf8b00000, 0xfff00000, 2, f32_ldst_imm12, ldst_ldrh_imm),
	E32("LDRH-imm8", 0xf8300800, 0xfff00800, 2, f32_ldst_imm8, ldst_ldrh_imm),
	E32("LDRH.W-reg", 0xf8300000, 0xfff00fc0, 2, f32_ldst_reg, ldst_ldrh_reg),
	E32O("LDRSH-lit", 0xf93f0000, 0xff7f0000, 2, f32_ld_lit, ldst_ldrsh_lit,
	     "LDRSH-imm12 LDRSH-imm8 LDRSH.W-reg"),
	E32("LDRSH-imm12", 0xf9b00000, 0xfff00000, 2, f32_ldst_imm12, ldst_ldrsh_imm),
	E32("LDRSH-imm8", 0xf9300800, 0xfff00800, 2, f32_ldst_imm8, ldst_ldrsh_imm),
	E32("LDRSH.W-reg", 0xf9300000, 0xfff00fc0, 2, f32_ldst_reg, ldst_ldrsh_reg),
	E32O("LDR-lit.W", 0xf85f0000, 0xff7f0000, 2, f32_ld_lit, ldst_ldr_lit,
	     "LDR-imm12 LDR-imm8 LDR.W-reg"),
	E32("LDR-imm12", 0xf8d00000, 0xfff00000, 2, f32_ldst_imm12, ldst_ldr_imm),
	E32("LDR-imm8", 0xf8500800, 0xfff00800, 2, f32_ldst_imm8, ldst_ldr_imm),
	E32("LDR.W-reg", 0xf8500000, 0xfff00fc0, 2, f32_ldst_reg, ldst_ldr_reg),
	/* -- data processing, register (A5.3.12) */
	E32("shift.W-reg", 0xfa00f000, 0xff80f0f0, 1, f32_shift_reg, alu_shift_reg),
	E32O("SXTH.W", 0xfa0ff080, 0xfffff0c0, 1, f32_ext, alu_sxth, "SXTAH"),
	E32("SXTAH", 0xfa00f080, 0xfff0f0c0, 1, f32_ext, dsp_xtend),
	E32O("UXTH.W", 0xfa1ff080, 0xfffff0c0, 1, f32_ext, alu_uxth, "UXTAH"),
	E32("UXTAH", 0xfa10f080, 0xfff0f0c0, 1, f32_ext, dsp_xtend),
	E32O("SXTB16", 0xfa2ff080, 0xfffff0c0, 1, f32_ext, dsp_xtend, "SXTAB16"),
	E32("SXTAB16", 0xfa20f080, 0xfff0f0c0, 1, f32_ext, dsp_xtend),
	E32O("UXTB16", 0xfa3ff080, 0xfffff0c0, 1, f32_ext, dsp_xtend, "UXTAB16"),
	E32("UXTAB16", 0xfa30f080, 0xfff0f0c0, 1, f32_ext, dsp_xtend),
	E32O("SXTB.W", 0xfa4ff080, 0xfffff0c0, 1, f32_ext, alu_sxtb, "SXTAB"),
	E32("SXTAB", 0xfa40f080, 0xfff0f0c0, 1, f32_ext, dsp_xtend),
	E32O("UXTB.W", 0xfa5ff080, 0xfffff0c0, 1, f32_ext, alu_uxtb, "UXTAB"),
	E32("UXTAB", 0xfa50f080, 0xfff0f0c0, 1, f32_ext, dsp_xtend),
	/* parallel add/subtract: op1 in bits 22:20, kind in bits 6:4 */
	E32("parallel", 0xfa80f000, 0xff80f080, 1, f32_rrr, dsp_parallel),
	E32("QADD", 0xfa80f080, 0xfff0f0c0, 1, f32_rrr, dsp_qaddsub),
	E32("REV.W", 0xfa90f080, 0xfff0f0f0, 1, f32_rrr, alu_rev),
	E32("REV16.W", 0xfa90f090, 0xfff0f0f0, 1, f32_rrr, alu_rev16),
	E32("RBIT", 0xfa90f0a0, 0xfff0f0f0, 1, f32_rrr, alu_rbit),
	E32("REVSH.W", 0xfa90f0b0, 0xfff0f0f0, 1, f32_rrr, alu_revsh),
	E32("SEL", 0xfaa0f080, 0xfff0f0f0, 1, f32_rrr, dsp_sel),
	E32("CLZ", 0xfab0f080, 0xfff0f0f0, 1, f32_rrr, alu_clz),
	/* -- multiply, multiply accumulate, absolute difference (A5.3.16):
	 * Ra = PC is the non-accumulating form. */
	E32O("MUL.W", 0xfb00f000, 0xfff0f0f0, 1, f32_mul, alu_mul, "MLA"),
	E32("MLA", 0xfb000000, 0xfff000f0, 2, f32_mul, alu_mla),
	E32("MLS", 0xfb000010, 0xfff000f0, 2, f32_mul, alu_mls),
	E32("SMLAxy", 0xfb100000, 0xfff000c0, 1, f32_mul, dsp_smulxy),
	E32("SMLAD", 0xfb200000, 0xfff000e0, 1, f32_mul, dsp_smuad),
	E32("SMLAWy", 0xfb300000, 0xfff000e0, 1, f32_mul, dsp_smulwy),
	E32("SMLSD", 0xfb400000, 0xfff000e0, 1, f32_mul, dsp_smuad),
	E32("SMMLA", 0xfb500000, 0xfff000e0, 1, f32_mul, dsp_smmul),
	E32("SMMLS", 0xfb600000, 0xfff000e0, 1, f32_mul, dsp_smmul),
	E32("USADA8", 0xfb700000, 0xfff000f0, 1, f32_mul, dsp_usad8),
	/* -- long multiply, divide (A5.3.17): SMULL/UMULL 3-5 and SMLAL/UMLAL
	 * 4-7 by operand size on the Cortex-M3 (alu.c adds the rest); the
	 * DSP long multiplies exist only on the M4/M7, single-cycle there. */
	E32("SMULL", 0xfb800000, 0xfff000f0, 3, f32_mull, alu_smull),
	E32("SDIV", 0xfb90f0f0, 0xfff0f0f0, 2, f32_div, alu_sdiv),
	E32("UMULL", 0xfba00000, 0xfff000f0, 3, f32_mull, alu_umull),
	E32("UDIV", 0xfbb0f0f0, 0xfff0f0f0, 2, f32_div, alu_udiv),
	E32("SMLAL", 0xfbc00000, 0xfff000f0, 4, f32_mull, alu_smlal),
	E32("SMLALxy", 0xfbc00080, 0xfff000c0, 1, f32_mull, dsp_smlalxy),
	E32("SMLALD", 0xfbc000c0, 0xfff000e0, 1, f32_mull, dsp_smlald),
	E32("SMLSLD", 0xfbd000c0, 0xfff000e0, 1, f32_mull, dsp_smlald),
	E32("UMLAL", 0xfbe00000, 0xfff000f0, 4, f32_mull, alu_umlal),
	E32("UMAAL", 0xfbe00060, 0xfff000f0, 1, f32_mull, dsp_umaal),
};

const unsigned cpu_enc_count = sizeof cpu_enc_table / sizeof cpu_enc_table[0];

int cpu_decode_insn(struct cpu_insn *in, uint32_t op, unsigned width, uint32_t pc)
{
	memset(in, 0, sizeof *in);
	in->len = (uint8_t)(width / 8);
	for (unsigned i = 0; i < cpu_enc_count; i++) {
		const struct cpu_enc *e = &cpu_enc_table[i];
		if (e->width != width || (op & e->mask) != e->match)
			continue;
		in->fn = e->fn;
		in->cycles = e->cycles;
		in->enc = (uint16_t)i;
		e->format(in, op, pc);
		return (int)i;
	}
	in->fn = misc_undef;
	in->cycles = 1;
	in->enc = UINT16_MAX;
	return -1;
}

/* ---- the decoded-instruction cache ------------------------------------ */

/* The bus tells us (once per marking) that the guest wrote to a page we
 * hold decoded instructions for. The entries may be in use right now (the
 * store that triggered this is executing from one), so they are dropped
 * at the next instruction boundary, not here. */
static void decode_code_write(void *opaque, uint32_t page_base)
{
	struct cpu *c = opaque;
	struct cpu_decode_cache *dc = c->dc;
	uint32_t page = page_base >> BUS_PAGE_SHIFT;
	if (!dc->stale[page]) {
		if (dc->nstale == dc->stale_cap) {
			unsigned cap = dc->stale_cap ? dc->stale_cap * 2 : 16;
			uint32_t *l = realloc(dc->stale_list, cap * sizeof *l);
			if (!l) {
				dc->flush_all = true;
				cpu_force_check(c);
				return;
			}
			dc->stale_list = l;
			dc->stale_cap = cap;
		}
		dc->stale[page] = 1;
		dc->stale_list[dc->nstale++] = page;
	}
	dc->stale_pending = true;
	cpu_force_check(c);
}

static void drop_page(struct cpu_decode_cache *dc, uint32_t page)
{
	free(dc->pages[page]);
	dc->pages[page] = NULL;
	/* A 32-bit instruction may straddle into this page from the last
	 * halfword of the previous one. */
	if (page > 0 && dc->pages[page - 1])
		dc->pages[page - 1]->e[DC_PAGE_INSNS - 1].fn = NULL;
}

void cpu_decode_sync(struct cpu *c)
{
	struct cpu_decode_cache *dc = c->dc;
	if (dc->flush_all) {
		for (uint32_t p = 0; p < BUS_NPAGES; p++) {
			if (dc->pages[p]) {
				free(dc->pages[p]);
				dc->pages[p] = NULL;
			}
		}
		dc->flush_all = false;
	}
	for (unsigned i = 0; i < dc->nstale; i++) {
		drop_page(dc, dc->stale_list[i]);
		dc->stale[dc->stale_list[i]] = 0;
	}
	dc->nstale = 0;
	dc->stale_pending = false;
}

/* The DSP extension is ARMv7E-M: on a core configured without it (a
 * Cortex-M3) its encodings are UNDEFINED, as on silicon. */
static bool is_dsp(cpu_insn_fn fn)
{
	static const cpu_insn_fn dsp[] = {
		dsp_parallel, dsp_sel, dsp_usad8, dsp_qaddsub, dsp_smulxy, dsp_smulwy,
		dsp_smlalxy, dsp_smuad, dsp_smlald, dsp_smmul, dsp_umaal, dsp_ssat16,
		dsp_usat16, dsp_pkh, dsp_xtend,
	};
	for (unsigned i = 0; i < sizeof dsp / sizeof dsp[0]; i++)
		if (fn == dsp[i])
			return true;
	return false;
}

/* The FP unit provides what an instruction needs (insn->fpreq): double
 * precision only FPv5-D16, the FPv5 additions only FPv5. Without a unit
 * the whole coprocessor space is NOCP, as before; with one, what it
 * lacks is UNDEFINED (after the access check: vfp_undef). */
static bool fp_unit_has(enum cpu_fpu u, unsigned req)
{
	if (u == CPU_FPU_NONE)
		return false;
	if ((req & FPQ_DP) && u != CPU_FPU_V5_DP)
		return false;
	if ((req & FPQ_V5) && u == CPU_FPU_V4_SP)
		return false;
	return true;
}

/* Decode for this core: its features, its timing model, and (for entries
 * that go in the cache) a specialised handler where one exists (fast.c). */
static void decode_for_core(const struct cpu *c, struct cpu_insn *in, uint32_t op,
			    unsigned width, uint32_t pc, bool fast)
{
	cpu_decode_insn(in, op, width, pc);
	if (!c->cfg.dsp && is_dsp(in->fn)) {
		in->fn = misc_undef;
		in->cycles = 1;
	}
	if (in->fpreq && !fp_unit_has(c->cfg.fpu, in->fpreq)) {
		in->fn = c->cfg.fpu == CPU_FPU_NONE ? misc_nocp : vfp_undef;
		in->cycles = 1;
	}
	cpu_timing_decode(&c->dc->tm, in);
	in->op = 0;
	if (fast) {
		in->fn = cpu_fast_handler(in);
		in->op = cpu_fast_op(in);
	}
}

/* The MPU (or the default map's XN) must let every privilege level fetch
 * the halfword at `a` of the instruction at `pc`: else MemManage IACCVIOL
 * (MMFAR not valid), before any bus access. */
static bool fetch_allowed(struct cpu *c, uint32_t a, uint32_t pc)
{
	struct mem_attr attr;
	if (cpu_mpu_check(c, a, 2, MEM_FETCH, false, &attr))
		return true;
	cpu_fault(c, FAULT_IACCVIOL, pc, ~0u);
	cpu_force_check(c);
	return false;
}

/* A cached instruction of a page only privileged code may execute
 * (MPU_EXEC_PRIV): unprivileged, it makes the full fetch check first. */
static void fetch_gated(struct cpu *c, const struct cpu_insn *in)
{
	if (cpu_unlikely(!c->ipsr && (c->control & 1u))) {
		struct mem_attr attr;
		if (!cpu_mpu_check(c, cpu_insn_pc(c), in->len, MEM_FETCH, false, &attr)) {
			cpu_insn_fault(c, FAULT_IACCVIOL, ~0u);
			return;
		}
	}
	cpu_enc_table[in->enc].fn(c, in);
}

struct cpu_insn *cpu_decode_fetch(struct cpu *c, uint32_t pc)
{
	struct cpu_decode_cache *dc = c->dc;
	uint32_t hw1, hw2 = 0, op;
	unsigned width = ENC16;
	if (!fetch_allowed(c, pc, pc))
		return NULL;
	if (bus_read(c->bus, pc, 2, &hw1) != BUS_OK) {
		cpu_fault(c, FAULT_IBUSERR, pc, ~0u);
		cpu_force_check(c);
		return NULL;
	}
	op = hw1;
	if (cpu_is_32bit(hw1)) {
		if (!fetch_allowed(c, pc + 2, pc))
			return NULL;
		if (bus_read(c->bus, pc + 2, 2, &hw2) != BUS_OK) {
			cpu_fault(c, FAULT_IBUSERR, pc, ~0u);
			cpu_force_check(c);
			return NULL;
		}
		op = (hw1 << 16) | hw2;
		width = ENC32;
	}
	uint32_t page = pc >> BUS_PAGE_SHIFT;
	/* Cached entries execute without the check above (the MPU drops the
	 * cache when its configuration changes), so a page is cached only if
	 * every privilege level may execute it, or privileged code may and
	 * the entry checks the privilege (fetch_gated: the table's handler,
	 * not BKPT, which the run loop recognises by its handler); anything
	 * else is fetched, checked and decoded each time. */
	static struct cpu_insn uncached;
	enum mpu_exec ex = cpu_mpu_page_exec(c, pc);
	if (width == ENC32 && ((pc + 2) >> BUS_PAGE_SHIFT) != page) {
		enum mpu_exec ex2 = cpu_mpu_page_exec(c, pc + 2);
		if (ex2 < ex)
			ex = ex2;
	}
	if (ex == MPU_EXEC_PRIV) {
		decode_for_core(c, &uncached, op, width, pc, false);
		if (uncached.enc >= cpu_enc_count || uncached.fn != cpu_enc_table[uncached.enc].fn ||
		    uncached.fn == misc_bkpt)
			return &uncached;
	} else if (ex == MPU_EXEC_NONE) {
		decode_for_core(c, &uncached, op, width, pc, false);
		return &uncached;
	}
	struct cpu_decode_page *pg = dc->pages[page];
	if (!pg) {
		pg = calloc(1, sizeof *pg);
		if (!pg) {
			/* Out of host memory: decode into a scratch entry. */
			static struct cpu_insn scratch;
			decode_for_core(c, &scratch, op, width, pc, false);
			return &scratch;
		}
		dc->pages[page] = pg;
	}
	struct cpu_insn *in = &pg->e[(pc & BUS_PAGE_MASK) >> 1];
	if (ex == MPU_EXEC_PRIV) {
		*in = uncached;
		in->fn = fetch_gated;
	} else {
		decode_for_core(c, in, op, width, pc, true);
	}
	/* Stores to the page now take the slow path (the bus's and the
	 * memory system's write tables), which reports them. */
	bus_mark_code(c->bus, pc);
	cpu_mem_code_marked(c, pc);
	if (width == ENC32 && ((pc + 2) >> BUS_PAGE_SHIFT) != page) {
		bus_mark_code(c->bus, pc + 2);
		cpu_mem_code_marked(c, pc + 2);
	}
	return in;
}

int cpu_decode_init(struct cpu *c, struct err *e)
{
	struct cpu_decode_cache *dc = calloc(1, sizeof *dc);
	if (!dc)
		return errf(e, "cpu: out of memory for the decode cache");
	dc->pages = calloc(BUS_NPAGES, sizeof *dc->pages);
	dc->stale = calloc(BUS_NPAGES, 1);
	if (!dc->pages || !dc->stale) {
		free(dc->pages);
		free(dc->stale);
		free(dc);
		return errf(e, "cpu: out of memory for the decode cache");
	}
	c->dc = dc;
	cpu_timing_init(&dc->tm, &c->cfg);
	c->bus->code_write = decode_code_write;
	c->bus->code_write_opaque = c;
	return 0;
}

void cpu_decode_free(struct cpu *c)
{
	struct cpu_decode_cache *dc = c->dc;
	if (!dc)
		return;
	for (uint32_t p = 0; p < BUS_NPAGES; p++)
		free(dc->pages[p]);
	free(dc->pages);
	free(dc->stale);
	free(dc->stale_list);
	free(dc);
	c->dc = NULL;
	if (c->bus->code_write_opaque == c) {
		c->bus->code_write = NULL;
		c->bus->code_write_opaque = NULL;
	}
}

void cpu_decode_flush(struct cpu *c)
{
	c->dc->flush_all = true;
	cpu_force_check(c);
}
