/*
 * Random streams of valid Thumb-2 encodings for the lockstep harness, by
 * instruction class (ARM DDI 0403E, chapter A5 for the encoding groups,
 * chapter A7 for each instruction's constraints).
 *
 * Every encoding produced is one whose behaviour the architecture defines
 * for the registers chosen: SP and PC appear only where the instruction
 * allows them (PUSH/POP, SP-relative forms, ADR and literal loads), writeback
 * never names the transfer register, divisions by zero happen with
 * CCR.DIV_0_TRP clear (result 0), branches only go forward inside the
 * block, and nothing leaves thread mode (no SVC, BKPT, WFI, system
 * registers). Memory instructions get fix-ups that put their base (and
 * index) registers into the data window right before they execute, with
 * the alignment the instruction needs.
 *
 * The FP groups (A6 of the same manual for the encodings) start every
 * block with a VMSR of a random FPSCR (rounding mode, FZ, DN, AHP, the
 * cumulative flags and NZCV) and give the source registers of most FP
 * instructions fresh operands from ls_fp_value through S fix-ups, so
 * that the special values (NaNs, infinities, denormals, ties) do not
 * wash out of the registers as the block goes on.
 */
#include <stddef.h>

#include "tests/lockstep/lockstep.h"

const char *const ls_group_name[LS_G_COUNT] = { "alu", "mem", "dsp", "it", "fp", "fp5" };

/* ---- block building --------------------------------------------------- */

void ls_block_clear(struct ls_block *b)
{
	b->nhw = 0;
	b->end_hw = 0;
	b->expect_mask = 0;
	b->expect_smask = 0;
	b->expect_fpscr = false;
	b->unicorn_differs = false;
	b->name = NULL;
	for (unsigned i = 0; i < LS_MAX_HW; i++)
		b->nfix[i] = 0;
}

void ls_emit16(struct ls_block *b, uint16_t hw)
{
	if (b->nhw < LS_MAX_HW)
		b->hw[b->nhw++] = hw;
	b->end_hw = b->nhw;
}

void ls_emit32(struct ls_block *b, uint16_t hw1, uint16_t hw2)
{
	ls_emit16(b, hw1);
	ls_emit16(b, hw2);
}

void ls_fix_next(struct ls_block *b, unsigned reg, uint32_t val)
{
	unsigned i = b->nhw;
	if (i >= LS_MAX_HW)
		return;
	/* A later fix-up of the same register replaces the earlier one. */
	for (unsigned k = 0; k < b->nfix[i]; k++)
		if (b->fix[i][k].reg == reg) {
			b->fix[i][k].val = val;
			return;
		}
	if (b->nfix[i] < LS_MAX_FIX) {
		b->fix[i][b->nfix[i]].reg = (uint8_t)reg;
		b->fix[i][b->nfix[i]].val = val;
		b->nfix[i]++;
	}
}

void ls_emit_fpscr(struct ls_block *b, unsigned rt, uint32_t fpscr)
{
	ls_fix_next(b, rt, fpscr);
	ls_emit32(b, 0xeee1, (uint16_t)(rt << 12 | 0x0a10));
}

uint32_t ls_value(struct ls_rng *g)
{
	static const uint32_t edge[] = {
		0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe,
		0x7fff, 0x8000, 0xffff, 0x10000, 0xffff8000, 0xffff7fff, 0x7f, 0x80,
		0xff, 0x100, 0x7f7f7f7f, 0x80808080, 0x7fff8000, 0x80007fff, 0x01010101,
		0xfefefefe, 31, 32, 33, 255, 0x12345678,
	};
	switch (ls_below(g, 4)) {
	case 0:
		return edge[ls_below(g, sizeof edge / sizeof edge[0])];
	case 1:
		return edge[ls_below(g, sizeof edge / sizeof edge[0])] + ls_below(g, 3) - 1;
	case 2:
		return ls_below(g, 64);
	default:
		return ls_rand32(g);
	}
}

/* ---- register choice ---------------------------------------------------- */

/* r0-r12 and r14: usable wherever the manual forbids SP and PC. */
static unsigned reg_g(struct ls_rng *g)
{
	unsigned r = ls_below(g, 14);
	return r == 13 ? 14 : r;
}

static unsigned reg_g_not(struct ls_rng *g, uint32_t avoid)
{
	unsigned r;
	do
		r = reg_g(g);
	while (avoid >> r & 1);
	return r;
}

static unsigned reg_l(struct ls_rng *g)
{
	return ls_below(g, 8);
}

static unsigned reg_l_not(struct ls_rng *g, uint32_t avoid)
{
	unsigned r;
	do
		r = reg_l(g);
	while (avoid >> r & 1);
	return r;
}

/* A base address in the window, `align`-aligned (1, 2 or 4), leaving
 * room for +-4 KiB of offset around it. */
static uint32_t win_addr(struct ls_rng *g, unsigned align)
{
	uint32_t a = LS_WIN_MID - 0x0f00 + ls_below(g, 0x1e00);
	return a & ~(align - 1);
}

/* Byte-aligned a quarter of the time for accesses that may be unaligned. */
static unsigned maybe_unaligned(struct ls_rng *g, unsigned natural)
{
	return ls_below(g, 4) ? natural : 1;
}

/* Sometimes make a source register a boundary value just before use. */
static void spice(struct ls_rng *g, struct ls_block *b)
{
	if (ls_below(g, 6) == 0)
		ls_fix_next(b, reg_g(g), ls_value(g));
}

/* A shift amount register: the interesting amounts often. */
static void fix_shift_amount(struct ls_rng *g, struct ls_block *b, unsigned rm)
{
	static const uint32_t amt[] = { 0, 1, 31, 32, 33, 255, 256, 0x80000020 };
	if (ls_below(g, 2))
		ls_fix_next(b, rm, amt[ls_below(g, 8)]);
	else if (ls_below(g, 2))
		ls_fix_next(b, rm, ls_below(g, 40));
}

/* ---- data processing ---------------------------------------------------- */

static void gen_dp16(struct ls_rng *g, struct ls_block *b, bool sp_ok)
{
	unsigned rd = reg_l(g), rn = reg_l(g), rm = reg_l(g);
	spice(g, b);
	switch (ls_below(g, 13)) {
	case 0: /* LSL/LSR/ASR (immediate) */
		ls_emit16(b, (uint16_t)(ls_below(g, 3) << 11 | ls_below(g, 32) << 6 | rm << 3 | rd));
		break;
	case 1: /* ADD/SUB (register) */
		ls_emit16(b, (uint16_t)(0x1800 | ls_below(g, 2) << 9 | rm << 6 | rn << 3 | rd));
		break;
	case 2: /* ADD/SUB (immediate 3) */
		ls_emit16(b, (uint16_t)(0x1c00 | ls_below(g, 2) << 9 | ls_below(g, 8) << 6 |
					rn << 3 | rd));
		break;
	case 3: /* MOV/CMP/ADD/SUB (immediate 8) */
		ls_emit16(b, (uint16_t)(0x2000 | ls_below(g, 4) << 11 | rd << 8 | ls_below(g, 256)));
		break;
	case 4:
	case 5:
	case 6: { /* the 16 register data-processing operations */
		unsigned op = ls_below(g, 16);
		if (op == 2 || op == 3 || op == 4 || op == 7)
			fix_shift_amount(g, b, rm);
		ls_emit16(b, (uint16_t)(0x4000 | op << 6 | rm << 3 | rd));
		break;
	}
	case 7: { /* ADD/CMP/MOV with high registers */
		unsigned d = reg_g(g), m = reg_g(g), op = ls_below(g, 3);
		if (op == 1 && d < 8 && m < 8)
			d = 8 + ls_below(g, 5);
		ls_emit16(b, (uint16_t)(0x4400 | op << 8 | (d >> 3) << 7 | m << 3 | (d & 7)));
		break;
	}
	case 8: /* ADR */
		ls_emit16(b, (uint16_t)(0xa000 | rd << 8 | ls_below(g, 256)));
		break;
	case 9: /* ADD Rd, SP, #imm8 / ADD/SUB SP, SP, #imm7 */
		if (sp_ok && ls_below(g, 2))
			ls_emit16(b, (uint16_t)(0xb000 | ls_below(g, 2) << 7 | ls_below(g, 128)));
		else
			ls_emit16(b, (uint16_t)(0xa800 | rd << 8 | ls_below(g, 256)));
		break;
	case 10: /* SXTH/SXTB/UXTH/UXTB */
		ls_emit16(b, (uint16_t)(0xb200 | ls_below(g, 4) << 6 | rm << 3 | rd));
		break;
	case 11: { /* REV/REV16/REVSH */
		static const unsigned op[] = { 0, 1, 3 };
		ls_emit16(b, (uint16_t)(0xba00 | op[ls_below(g, 3)] << 6 | rm << 3 | rd));
		break;
	}
	default: /* NOP */
		ls_emit16(b, 0xbf00);
		break;
	}
}

/* ThumbExpandImm input: a mix of the rotated and replicated forms. */
static uint32_t modimm12(struct ls_rng *g)
{
	return ls_below(g, 4096);
}

static void emit_imm12(struct ls_block *b, uint32_t hw1, uint32_t hw2, uint32_t imm12)
{
	ls_emit32(b, (uint16_t)(hw1 | (imm12 >> 11) << 10),
		  (uint16_t)(hw2 | ((imm12 >> 8) & 7) << 12 | (imm12 & 0xff)));
}

static void gen_modimm(struct ls_rng *g, struct ls_block *b)
{
	static const unsigned ops[] = { 0, 1, 2, 3, 4, 8, 10, 11, 13, 14 };
	unsigned op = ops[ls_below(g, 10)], s = ls_below(g, 2);
	unsigned rd = reg_g(g), rn = reg_g(g);
	spice(g, b);
	unsigned form = ls_below(g, 6);
	if (form == 0 && (op == 0 || op == 4 || op == 8 || op == 13)) {
		rd = 15; /* TST, TEQ, CMN, CMP */
		s = 1;
	} else if (form == 1 && (op == 2 || op == 3)) {
		rn = 15; /* MOV, MVN */
	}
	emit_imm12(b, 0xf000 | op << 5 | s << 4 | rn, rd << 8, modimm12(g));
}

static void gen_plainimm(struct ls_rng *g, struct ls_block *b, bool dsp)
{
	unsigned rd = reg_g(g), rn = reg_g(g);
	unsigned imm3, imm2, lsb, w;
	spice(g, b);
	if (dsp) { /* SSAT16 / USAT16 */
		unsigned u = ls_below(g, 2);
		ls_emit32(b, (uint16_t)(0xf320 | u << 7 | rn), (uint16_t)(rd << 8 | ls_below(g, 16)));
		return;
	}
	switch (ls_below(g, 10)) {
	case 0: /* ADDW / SUBW */
		emit_imm12(b, (ls_below(g, 2) ? 0xf2a0u : 0xf200u) | rn, rd << 8, ls_below(g, 4096));
		break;
	case 1: /* ADR (T2/T3) */
		emit_imm12(b, ls_below(g, 2) ? 0xf2afu : 0xf20fu, rd << 8, ls_below(g, 4096));
		break;
	case 2:
	case 3: { /* MOVW / MOVT */
		uint32_t imm16 = ls_rand32(g) & 0xffff;
		emit_imm12(b, 0xf240 | ls_below(g, 2) << 7 | imm16 >> 12, rd << 8, imm16 & 0xfff);
		break;
	}
	case 4:
	case 5: { /* SSAT / USAT, LSL or ASR (ASR #0 would be SSAT16) */
		unsigned u = ls_below(g, 2), sh = ls_below(g, 2);
		unsigned amt = sh ? 1 + ls_below(g, 31) : ls_below(g, 32);
		ls_emit32(b, (uint16_t)(0xf300 | u << 7 | sh << 5 | rn),
			  (uint16_t)((amt >> 2) << 12 | rd << 8 | (amt & 3) << 6 | ls_below(g, 32)));
		break;
	}
	case 6:
	case 7: { /* SBFX / UBFX */
		lsb = ls_below(g, 32);
		w = ls_below(g, 32 - lsb);
		imm3 = lsb >> 2;
		imm2 = lsb & 3;
		ls_emit32(b, (uint16_t)(0xf340 | ls_below(g, 2) << 7 | rn),
			  (uint16_t)(imm3 << 12 | rd << 8 | imm2 << 6 | w));
		break;
	}
	default: { /* BFI / BFC */
		lsb = ls_below(g, 32);
		unsigned msb = lsb + ls_below(g, 32 - lsb);
		if (ls_below(g, 4) == 0)
			rn = 15;
		ls_emit32(b, (uint16_t)(0xf360 | rn),
			  (uint16_t)((lsb >> 2) << 12 | rd << 8 | (lsb & 3) << 6 | msb));
		break;
	}
	}
}

static void gen_shreg(struct ls_rng *g, struct ls_block *b)
{
	static const unsigned ops[] = { 0, 1, 2, 3, 4, 8, 10, 11, 13, 14 };
	unsigned op = ops[ls_below(g, 10)], s = ls_below(g, 2);
	unsigned rd = reg_g(g), rn = reg_g(g), rm = reg_g(g);
	unsigned amt = ls_below(g, 32), type = ls_below(g, 4);
	spice(g, b);
	unsigned form = ls_below(g, 6);
	if (form == 0 && (op == 0 || op == 4 || op == 8 || op == 13)) {
		rd = 15;
		s = 1;
	} else if (form <= 2 && (op == 2 || op == 3)) {
		rn = 15; /* MOV/MVN (register), LSL/LSR/ASR/ROR/RRX (immediate) */
	}
	ls_emit32(b, (uint16_t)(0xea00 | op << 5 | s << 4 | rn),
		  (uint16_t)((amt >> 2) << 12 | rd << 8 | (amt & 3) << 6 | type << 4 | rm));
}

static void gen_shift_by_reg(struct ls_rng *g, struct ls_block *b)
{
	unsigned rd = reg_g(g), rn = reg_g(g), rm = reg_g(g);
	spice(g, b);
	fix_shift_amount(g, b, rm);
	ls_emit32(b, (uint16_t)(0xfa00 | ls_below(g, 4) << 5 | ls_below(g, 2) << 4 | rn),
		  (uint16_t)(0xf000 | rd << 8 | rm));
}

static void gen_misc32(struct ls_rng *g, struct ls_block *b, bool in_it)
{
	unsigned rd = reg_g(g), rm = reg_g(g);
	spice(g, b);
	switch (ls_below(g, 4)) {
	case 3: { /* NOP.W, DSB, DMB, ISB: no architectural state to change */
		static const uint16_t hw2[] = { 0x8000, 0x8f4f, 0x8f5f, 0x8f6f };
		/* Not ISB inside an IT block: Unicorn loses ITSTATE there
		 * (docs/lockstep.md; a directed case pins it). */
		unsigned k = ls_below(g, in_it ? 3 : 4);
		ls_emit32(b, k ? 0xf3bf : 0xf3af, hw2[k]);
		break;
	}
	case 0: /* REV, REV16, RBIT, REVSH */
		ls_emit32(b, (uint16_t)(0xfa90 | rm), (uint16_t)(0xf080 | rd << 8 | ls_below(g, 4) << 4 | rm));
		break;
	case 1: /* CLZ */
		ls_emit32(b, (uint16_t)(0xfab0 | rm), (uint16_t)(0xf080 | rd << 8 | rm));
		break;
	default: /* SXTH, UXTH, SXTB, UXTB (32-bit, with rotation) */
	{
		static const unsigned op[] = { 0, 1, 4, 5 };
		ls_emit32(b, (uint16_t)(0xfa0f | op[ls_below(g, 4)] << 4),
			  (uint16_t)(0xf080 | rd << 8 | ls_below(g, 4) << 4 | rm));
		break;
	}
	}
}

static void gen_mul(struct ls_rng *g, struct ls_block *b)
{
	unsigned rd = reg_g(g), rn = reg_g(g), rm = reg_g(g), ra = reg_g(g);
	unsigned lo = reg_g(g), hi = reg_g_not(g, 1u << lo);
	spice(g, b);
	switch (ls_below(g, 9)) {
	case 0: /* MUL */
		ls_emit32(b, (uint16_t)(0xfb00 | rn), (uint16_t)(0xf000 | rd << 8 | rm));
		break;
	case 1: /* MLA */
		ls_emit32(b, (uint16_t)(0xfb00 | rn), (uint16_t)(ra << 12 | rd << 8 | rm));
		break;
	case 2: /* MLS */
		ls_emit32(b, (uint16_t)(0xfb00 | rn), (uint16_t)(ra << 12 | rd << 8 | 0x10 | rm));
		break;
	case 3: /* SMULL */
		ls_emit32(b, (uint16_t)(0xfb80 | rn), (uint16_t)(lo << 12 | hi << 8 | rm));
		break;
	case 4: /* UMULL */
		ls_emit32(b, (uint16_t)(0xfba0 | rn), (uint16_t)(lo << 12 | hi << 8 | rm));
		break;
	case 5: /* SMLAL */
		ls_emit32(b, (uint16_t)(0xfbc0 | rn), (uint16_t)(lo << 12 | hi << 8 | rm));
		break;
	case 6: /* UMLAL */
		ls_emit32(b, (uint16_t)(0xfbe0 | rn), (uint16_t)(lo << 12 | hi << 8 | rm));
		break;
	default: { /* SDIV / UDIV, with the awkward divisors often */
		unsigned u = ls_below(g, 2);
		unsigned pick = ls_below(g, 4);
		if (pick == 0) {
			ls_fix_next(b, rm, 0);
		} else if (pick == 1 && rn != rm) {
			ls_fix_next(b, rn, 0x80000000u);
			ls_fix_next(b, rm, 0xffffffffu);
		}
		ls_emit32(b, (uint16_t)(0xfb90 | u << 5 | rn), (uint16_t)(0xf0f0 | rd << 8 | rm));
		break;
	}
	}
}

/* ---- the DSP extension -------------------------------------------------- */

static void gen_dsp(struct ls_rng *g, struct ls_block *b)
{
	unsigned rd = reg_g(g), rn = reg_g(g), rm = reg_g(g), ra = reg_g(g);
	unsigned lo = reg_g(g), hi = reg_g_not(g, 1u << lo);
	spice(g, b);
	switch (ls_below(g, 16)) {
	case 0:
	case 1:
	case 2: { /* parallel add/subtract, signed and unsigned, plain/Q/H */
		static const unsigned op1[] = { 0, 1, 2, 4, 5, 6 };
		static const unsigned op2[] = { 0, 1, 2, 4, 5, 6 };
		ls_emit32(b, (uint16_t)(0xfa80 | op1[ls_below(g, 6)] << 4 | rn),
			  (uint16_t)(0xf000 | rd << 8 | op2[ls_below(g, 6)] << 4 | rm));
		break;
	}
	case 3: /* QADD, QDADD, QSUB, QDSUB */
		ls_emit32(b, (uint16_t)(0xfa80 | rn), (uint16_t)(0xf080 | rd << 8 | ls_below(g, 4) << 4 | rm));
		break;
	case 4: /* SEL */
		ls_emit32(b, (uint16_t)(0xfaa0 | rn), (uint16_t)(0xf080 | rd << 8 | rm));
		break;
	case 5: /* USAD8 / USADA8 */
		ls_emit32(b, (uint16_t)(0xfb70 | rn),
			  (uint16_t)((ls_below(g, 2) ? 15u : ra) << 12 | rd << 8 | rm));
		break;
	case 6: /* SMUL<x><y> / SMLA<x><y> */
		ls_emit32(b, (uint16_t)(0xfb10 | rn),
			  (uint16_t)((ls_below(g, 2) ? 15u : ra) << 12 | rd << 8 | ls_below(g, 4) << 4 | rm));
		break;
	case 7: /* SMUAD(X) / SMLAD(X), SMUSD(X) / SMLSD(X) */
		ls_emit32(b, (uint16_t)((ls_below(g, 2) ? 0xfb20 : 0xfb40) | rn),
			  (uint16_t)((ls_below(g, 2) ? 15u : ra) << 12 | rd << 8 | ls_below(g, 2) << 4 | rm));
		break;
	case 8: /* SMULW<y> / SMLAW<y> */
		ls_emit32(b, (uint16_t)(0xfb30 | rn),
			  (uint16_t)((ls_below(g, 2) ? 15u : ra) << 12 | rd << 8 | ls_below(g, 2) << 4 | rm));
		break;
	case 9: /* SMMUL(R) / SMMLA(R) / SMMLS(R) */
		if (ls_below(g, 3) == 0)
			ls_emit32(b, (uint16_t)(0xfb60 | rn), (uint16_t)(ra << 12 | rd << 8 | ls_below(g, 2) << 4 | rm));
		else
			ls_emit32(b, (uint16_t)(0xfb50 | rn),
				  (uint16_t)((ls_below(g, 2) ? 15u : ra) << 12 | rd << 8 | ls_below(g, 2) << 4 | rm));
		break;
	case 10: /* SMLAL<x><y>, SMLALD(X), SMLSLD(X), UMAAL */
		switch (ls_below(g, 4)) {
		case 0:
			ls_emit32(b, (uint16_t)(0xfbc0 | rn), (uint16_t)(lo << 12 | hi << 8 | 0x80 | ls_below(g, 4) << 4 | rm));
			break;
		case 1:
			ls_emit32(b, (uint16_t)(0xfbc0 | rn), (uint16_t)(lo << 12 | hi << 8 | 0xc0 | ls_below(g, 2) << 4 | rm));
			break;
		case 2:
			ls_emit32(b, (uint16_t)(0xfbd0 | rn), (uint16_t)(lo << 12 | hi << 8 | 0xc0 | ls_below(g, 2) << 4 | rm));
			break;
		default:
			ls_emit32(b, (uint16_t)(0xfbe0 | rn), (uint16_t)(lo << 12 | hi << 8 | 0x60 | rm));
			break;
		}
		break;
	case 11: /* SSAT16 / USAT16 */
		gen_plainimm(g, b, true);
		break;
	case 12: { /* PKHBT / PKHTB */
		unsigned tb = ls_below(g, 2), amt = ls_below(g, 32);
		ls_emit32(b, (uint16_t)(0xeac0 | rn),
			  (uint16_t)((amt >> 2) << 12 | rd << 8 | (amt & 3) << 6 | tb << 5 | rm));
		break;
	}
	case 13:
	case 14: { /* extend and add: SXTAH UXTAH SXTAB16 UXTAB16 SXTAB UXTAB, and SXTB16/UXTB16 */
		unsigned op = ls_below(g, 6);
		if ((op == 2 || op == 3) && ls_below(g, 3) == 0)
			rn = 15;
		ls_emit32(b, (uint16_t)(0xfa00 | op << 4 | rn),
			  (uint16_t)(0xf080 | rd << 8 | ls_below(g, 4) << 4 | rm));
		break;
	}
	default: /* the saturating ops next to the flag-setting ones: SSAT/USAT */
		gen_plainimm(g, b, false);
		break;
	}
}

/* ---- loads and stores --------------------------------------------------- */

static void gen_ldst16(struct ls_rng *g, struct ls_block *b)
{
	unsigned rt = reg_l(g), rn = reg_l(g), rm = reg_l_not(g, 1u << rn);
	unsigned k = ls_below(g, 3), l = ls_below(g, 2);
	switch (ls_below(g, 5)) {
	case 0: /* register offset: STR STRH STRB LDRSB LDR LDRH LDRB LDRSH */
		ls_fix_next(b, rn, win_addr(g, maybe_unaligned(g, 4)));
		ls_fix_next(b, rm, ls_below(g, 0x200));
		ls_emit16(b, (uint16_t)(0x5000 | ls_below(g, 8) << 9 | rm << 6 | rn << 3 | rt));
		break;
	case 1: /* immediate offset: word, byte, halfword */
		ls_fix_next(b, rn, win_addr(g, maybe_unaligned(g, 4)));
		if (k == 0)
			ls_emit16(b, (uint16_t)(0x6000 | l << 11 | ls_below(g, 32) << 6 | rn << 3 | rt));
		else if (k == 1)
			ls_emit16(b, (uint16_t)(0x7000 | l << 11 | ls_below(g, 32) << 6 | rn << 3 | rt));
		else
			ls_emit16(b, (uint16_t)(0x8000 | l << 11 | ls_below(g, 32) << 6 | rn << 3 | rt));
		break;
	case 2: /* SP-relative */
		ls_fix_next(b, 13, win_addr(g, 4));
		ls_emit16(b, (uint16_t)(0x9000 | l << 11 | rt << 8 | ls_below(g, 256)));
		break;
	case 3: /* literal */
		ls_emit16(b, (uint16_t)(0x4800 | rt << 8 | ls_below(g, 256)));
		break;
	default: { /* LDM/STM (16-bit), PUSH, POP */
		unsigned list = ls_rand32(g) & 0xff;
		if (k == 0) {
			if (l == 0)
				list &= ~(1u << rn); /* STM: a base in the list must be the lowest */
			if (!list)
				list = 1u << reg_l_not(g, l ? 0 : 1u << rn);
			ls_fix_next(b, rn, win_addr(g, 4));
			ls_emit16(b, (uint16_t)(0xc000 | l << 11 | rn << 8 | list));
		} else {
			if (!list)
				list = 1u << reg_l(g);
			ls_fix_next(b, 13, win_addr(g, 4));
			if (l)
				ls_emit16(b, (uint16_t)(0xbc00 | list));
			else
				ls_emit16(b, (uint16_t)(0xb400 | ls_below(g, 2) << 8 | list));
		}
		break;
	}
	}
}

static void gen_ldst32(struct ls_rng *g, struct ls_block *b)
{
	/* size/sign: STRB STRH STR LDRB LDRH LDR LDRSB LDRSH */
	static const uint16_t imm12_op[] = { 0xf880, 0xf8a0, 0xf8c0, 0xf890, 0xf8b0, 0xf8d0, 0xf990, 0xf9b0 };
	static const uint16_t imm8_op[] = { 0xf800, 0xf820, 0xf840, 0xf810, 0xf830, 0xf850, 0xf910, 0xf930 };
	static const uint16_t lit_op[] = { 0xf81f, 0xf83f, 0xf85f, 0xf91f, 0xf93f };
	unsigned k = ls_below(g, 8), rn = reg_g(g), rt = reg_g(g);
	switch (ls_below(g, 4)) {
	case 0: /* imm12 */
		ls_fix_next(b, rn, win_addr(g, maybe_unaligned(g, 4)) - 0x800);
		ls_emit32(b, (uint16_t)(imm12_op[k] | rn), (uint16_t)(rt << 12 | ls_below(g, 4096)));
		break;
	case 1: { /* imm8: negative offset, pre-indexed or post-indexed with writeback */
		static const unsigned puw[] = { 4, 5, 7, 1, 3 };
		unsigned m = puw[ls_below(g, 5)];
		if (m & 1)
			rt = reg_g_not(g, 1u << rn);
		ls_fix_next(b, rn, win_addr(g, maybe_unaligned(g, 4)));
		ls_emit32(b, (uint16_t)(imm8_op[k] | rn),
			  (uint16_t)(rt << 12 | 0x800 | m << 8 | ls_below(g, 256)));
		break;
	}
	case 2: { /* register offset, LSL #0-3 */
		unsigned rm = reg_g_not(g, 1u << rn);
		ls_fix_next(b, rn, win_addr(g, maybe_unaligned(g, 4)));
		ls_fix_next(b, rm, ls_below(g, 0x100));
		ls_emit32(b, (uint16_t)(imm8_op[k] | rn), (uint16_t)(rt << 12 | ls_below(g, 4) << 4 | rm));
		break;
	}
	default: /* literal, either direction */
		ls_emit32(b, (uint16_t)(lit_op[ls_below(g, 5)] | ls_below(g, 2) << 7),
			  (uint16_t)(rt << 12 | ls_below(g, 4096)));
		break;
	}
}

static void gen_ldrd(struct ls_rng *g, struct ls_block *b)
{
	static const unsigned pw[] = { 2, 3, 1 }; /* offset, pre-indexed, post-indexed */
	unsigned p_w = pw[ls_below(g, 3)], u = ls_below(g, 2), l = ls_below(g, 2);
	unsigned rn = reg_g(g);
	uint32_t avoid = (p_w & 1) ? 1u << rn : 0;
	unsigned rt = reg_g_not(g, avoid), rt2 = reg_g_not(g, avoid | (l ? 1u << rt : 0));
	if (ls_below(g, 8) == 0 && l) { /* LDRD (literal) */
		ls_emit32(b, (uint16_t)(0xe95f | u << 7), (uint16_t)(rt << 12 | rt2 << 8 | ls_below(g, 256)));
		return;
	}
	ls_fix_next(b, rn, win_addr(g, 4));
	ls_emit32(b, (uint16_t)(0xe840 | (p_w >> 1) << 8 | u << 7 | (p_w & 1) << 5 | l << 4 | rn),
		  (uint16_t)(rt << 12 | rt2 << 8 | ls_below(g, 256)));
}

static void gen_ldm32(struct ls_rng *g, struct ls_block *b)
{
	unsigned l = ls_below(g, 2), w = ls_below(g, 2), db = ls_below(g, 2);
	unsigned rn = ls_below(g, 6) == 0 ? 13 : reg_g(g);
	uint32_t list = ls_rand32(g) & 0x5fff; /* never SP or PC */
	if (w)
		list &= ~(1u << rn);
	while (__builtin_popcount(list) < 2)
		list |= 1u << reg_g_not(g, w ? 1u << rn : 0);
	ls_fix_next(b, rn, win_addr(g, 4));
	ls_emit32(b, (uint16_t)((db ? 0xe900 : 0xe880) | w << 5 | l << 4 | rn), (uint16_t)list);
}

/* LDREX/STREX pairs on one address, sometimes broken by CLREX, sometimes
 * a lone STREX; random ALU instructions in between. */
static void gen_exclusive(struct ls_rng *g, struct ls_block *b)
{
	unsigned size = ls_below(g, 3); /* word, byte, halfword */
	unsigned rn = reg_g(g), rt = reg_g(g);
	unsigned imm = size == 0 ? ls_below(g, 64) : 0;
	uint32_t base = win_addr(g, size == 2 ? 2 : 4);
	unsigned kind = ls_below(g, 4);
	if (kind != 3) {
		ls_fix_next(b, rn, base);
		if (size == 0)
			ls_emit32(b, (uint16_t)(0xe850 | rn), (uint16_t)(rt << 12 | 0xf00 | imm));
		else
			ls_emit32(b, (uint16_t)(0xe8d0 | rn), (uint16_t)(rt << 12 | (size == 1 ? 0xf4f : 0xf5f)));
		for (unsigned i = ls_below(g, 3); i; i--)
			gen_dp16(g, b, false);
		if (kind == 2)
			ls_emit32(b, 0xf3bf, 0x8f2f); /* CLREX */
	}
	unsigned rt2 = reg_g(g), rd = reg_g_not(g, 1u << rn | 1u << rt2);
	ls_fix_next(b, rn, base);
	if (size == 0)
		ls_emit32(b, (uint16_t)(0xe840 | rn), (uint16_t)(rt2 << 12 | rd << 8 | imm));
	else
		ls_emit32(b, (uint16_t)(0xe8c0 | rn), (uint16_t)(rt2 << 12 | 0xf00 | (size == 1 ? 0x40 : 0x50) | rd));
}

/* ---- branches and IT ----------------------------------------------------- */

/* 16-bit ALU instructions that a forward branch jumps over. */
static unsigned gen_fillers(struct ls_rng *g, struct ls_block *b)
{
	unsigned n = 1 + ls_below(g, 4);
	for (unsigned i = 0; i < n; i++)
		gen_dp16(g, b, false);
	return n * 2;
}

/* A forward branch over 16-bit fillers; `in_it`: the branch is the last
 * instruction of an IT block (unconditional encodings only). */
static void gen_branch(struct ls_rng *g, struct ls_block *b, bool in_it)
{
	unsigned kind = in_it ? 3 + ls_below(g, 3) : ls_below(g, 6);
	unsigned at = b->nhw, bytes;
	unsigned cond = ls_below(g, 14);
	switch (kind) {
	case 0: /* CBZ / CBNZ */
		ls_emit16(b, 0);
		bytes = gen_fillers(g, b);
		b->hw[at] = (uint16_t)(0xb100 | ls_below(g, 2) << 11 | ((bytes - 2) >> 6) << 9 |
				       (((bytes - 2) >> 1) & 31) << 3 | reg_l(g));
		break;
	case 1: /* B<c> (16-bit) */
		ls_emit16(b, 0);
		bytes = gen_fillers(g, b);
		b->hw[at] = (uint16_t)(0xd000 | cond << 8 | (bytes - 2) >> 1);
		break;
	case 2: /* B<c>.W */
		ls_emit32(b, 0, 0);
		bytes = gen_fillers(g, b);
		b->hw[at] = (uint16_t)(0xf000 | cond << 6);
		b->hw[at + 1] = (uint16_t)(0x8000 | bytes >> 1);
		break;
	case 3: /* B (16-bit) */
		ls_emit16(b, 0);
		bytes = gen_fillers(g, b);
		b->hw[at] = (uint16_t)(0xe000 | (bytes - 2) >> 1);
		break;
	case 4: /* B.W */
		ls_emit32(b, 0, 0);
		bytes = gen_fillers(g, b);
		b->hw[at] = 0xf000;
		b->hw[at + 1] = (uint16_t)(0xb800 | bytes >> 1);
		break;
	default: /* BL */
		ls_emit32(b, 0, 0);
		bytes = gen_fillers(g, b);
		b->hw[at] = 0xf000;
		b->hw[at + 1] = (uint16_t)(0xf800 | bytes >> 1);
		break;
	}
}

/* One instruction of any class that may sit inside an IT block. */
static void gen_any(struct ls_rng *g, struct ls_block *b)
{
	switch (ls_below(g, 12)) {
	case 0:
	case 1:
		gen_dp16(g, b, true);
		break;
	case 2:
		gen_modimm(g, b);
		break;
	case 3:
		gen_plainimm(g, b, false);
		break;
	case 4:
		gen_shreg(g, b);
		break;
	case 5:
		gen_shift_by_reg(g, b);
		break;
	case 6:
		gen_mul(g, b);
		break;
	case 7:
		gen_dsp(g, b);
		break;
	case 8:
		gen_ldst16(g, b);
		break;
	case 9:
		gen_ldst32(g, b);
		break;
	case 10:
		gen_ldrd(g, b);
		break;
	default:
		gen_misc32(g, b, true);
		break;
	}
}

static void gen_it(struct ls_rng *g, struct ls_block *b)
{
	unsigned n = 1 + ls_below(g, 4);
	unsigned cond = ls_below(g, 15); /* AL only with all-"then" */
	unsigned mask = 0;
	for (unsigned i = 1; i < n; i++) {
		unsigned bit = cond == 14 ? 0 : ls_below(g, 2);
		mask |= bit << (4 - i);
	}
	mask |= 1u << (4 - n);
	/* Bits below firstcond[0] are stored relative to it. */
	if (cond & 1)
		mask ^= (0xf << (5 - n)) & 0xf;
	/* Fresh flags from a compare half of the time. */
	if (ls_below(g, 2))
		ls_emit16(b, (uint16_t)(0x4280 | reg_l(g) << 3 | reg_l(g)));
	ls_emit16(b, (uint16_t)(0xbf00 | cond << 4 | mask));
	for (unsigned i = 0; i < n; i++) {
		if (i == n - 1 && ls_below(g, 4) == 0)
			gen_branch(g, b, true);
		else
			gen_any(g, b);
	}
}

/* ---- the floating-point extension ------------------------------------------ */

uint32_t ls_fp_value(struct ls_rng *g)
{
	static const uint32_t edge[] = {
		/* zeros and infinities */
		0x00000000, 0x80000000, 0x7f800000, 0xff800000,
		/* quiet NaNs, with payloads */
		0x7fc00000, 0xffc00000, 0x7fc12345, 0xffd55555, 0x7fffffff,
		/* signalling NaNs, with payloads */
		0x7f800001, 0xff800001, 0x7fa00000, 0x7f812345, 0xffbfffff,
		/* denormals */
		0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00400000, 0x00000100,
		/* the smallest and largest normals, 2^127 */
		0x00800000, 0x80800000, 0x00800001, 0x7f7fffff, 0xff7fffff, 0x7f000000,
		/* 1, -1, 2, 0.5, -0.5, 1.5, 2.5, -2.5 (ties for conversions) */
		0x3f800000, 0xbf800000, 0x40000000, 0x3f000000, 0xbf000000, 0x3fc00000,
		0x40200000, 0xc0200000,
		/* 1 + ulp, 2^-24 and 2^-23 (sums with 1 that tie), 2^23, 2^24 - 1, 2^24 + 2 */
		0x3f800001, 0x33800000, 0x34000000, 0x4b000000, 0x4b7fffff, 0x4b800001,
		/* conversion limits: 2^31, -2^31, the largest below, -2^31 - 256,
		 * 2^32, the largest below, 65535, 32768, -32768, 65535.5 */
		0x4f000000, 0xcf000000, 0x4effffff, 0xcf000001, 0x4f800000, 0x4f7fffff,
		0x477fff00, 0x47000000, 0xc7000000, 0x477fff80,
		/* half precision: the largest (65504), the tie to infinity (65520)
		 * and just below, the largest AHP value, 2^-14, 2^-24, 2^-25 */
		0x477fe000, 0x477ff000, 0x477fefff, 0x47ffe000, 0x38800000, 0x33800000, 0x33000000,
		/* products and sums around the FZ and overflow boundaries */
		0x1f800000, 0x20000000, 0x1f000000, 0x5f800000, 0x00ffffff, 0x01000000,
	};
	static const uint16_t half[] = {
		0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0xfe00, 0x7d00, 0x7c01, 0x0001,
		0x03ff, 0x8200, 0x0400, 0x7bff, 0xfbff, 0x3c00, 0xbc00, 0x3800, 0x3555, 0x7fff,
	};
	switch (ls_below(g, 8)) {
	case 0:
	case 1:
	case 2:
	case 3:
		return edge[ls_below(g, sizeof edge / sizeof edge[0])];
	case 4: /* one ulp either side of a special value */
		return edge[ls_below(g, sizeof edge / sizeof edge[0])] + ls_below(g, 3) - 1;
	case 5: /* two half-precision values (VCVTB/VCVTT) */
		return (uint32_t)half[ls_below(g, sizeof half / sizeof half[0])] << 16 |
		       half[ls_below(g, sizeof half / sizeof half[0])];
	case 6: /* integers (VCVT from integer, fixed point) */
		return ls_value(g);
	default: /* a random number of moderate magnitude */
		return (ls_rand32(g) & 0x807fffffu) | (100 + ls_below(g, 55)) << 23;
	}
}

/* A random FPSCR: every field of it, the modes (FZ, DN, AHP) a third of
 * the time each; now and then bits that do not exist, which VMSR must
 * drop. */
static uint32_t fp_fpscr(struct ls_rng *g)
{
	if (ls_below(g, 16) == 0)
		return ls_rand32(g);
	uint32_t v = ls_rand32(g) & 0xf0000000u;
	v |= ls_below(g, 4) << 22;
	if (ls_below(g, 3) == 0)
		v |= 1u << 24; /* FZ */
	if (ls_below(g, 3) == 0)
		v |= 1u << 25; /* DN */
	if (ls_below(g, 3) == 0)
		v |= 1u << 26; /* AHP */
	if (ls_below(g, 2))
		v |= ls_rand32(g) & 0x9fu;
	return v;
}

static unsigned sreg(struct ls_rng *g)
{
	return ls_below(g, 32);
}

/* A fresh operand in S<n> (half of the time). */
static void fp_spice(struct ls_rng *g, struct ls_block *b, unsigned n)
{
	if (ls_below(g, 2))
		ls_fix_next(b, LS_FIX_S + n, ls_fp_value(g));
}

/* A VFP instruction on single-precision registers: Sd = Vd:D, Sn = Vn:N,
 * Sm = Vm:M around the opcode bits in hw1/hw2. */
static void emit_vfp(struct ls_block *b, uint32_t hw1, uint32_t hw2, unsigned d, unsigned n,
		     unsigned m)
{
	ls_emit32(b, (uint16_t)(hw1 | (d & 1) << 6 | n >> 1),
		  (uint16_t)(hw2 | (d >> 1) << 12 | (n & 1) << 7 | (m & 1) << 5 | m >> 1));
}

/* Arithmetic, square root, absolute value and negation, compare,
 * conversions: every FPv4-SP data-processing instruction. */
static void gen_fp_dp(struct ls_rng *g, struct ls_block *b)
{
	/* hw1 and the op bit (hw2 bit 6) of the three-register forms */
	static const uint16_t op3[][2] = {
		{ 0xee00, 0 }, /* VMLA */
		{ 0xee00, 1 }, /* VMLS */
		{ 0xee10, 0 }, /* VNMLS */
		{ 0xee10, 1 }, /* VNMLA */
		{ 0xee20, 0 }, /* VMUL */
		{ 0xee20, 1 }, /* VNMUL */
		{ 0xee30, 0 }, /* VADD */
		{ 0xee30, 1 }, /* VSUB */
		{ 0xee80, 0 }, /* VDIV */
		{ 0xee90, 0 }, /* VFNMS */
		{ 0xee90, 1 }, /* VFNMA */
		{ 0xeea0, 0 }, /* VFMA */
		{ 0xeea0, 1 }, /* VFMS */
	};
	unsigned d = sreg(g), n = sreg(g), m = sreg(g);
	switch (ls_below(g, 12)) {
	case 0:
	case 1:
	case 2:
	case 3: { /* the three-register forms; VMLA and friends read Sd too */
		unsigned k = ls_below(g, 13);
		fp_spice(g, b, n);
		fp_spice(g, b, m);
		fp_spice(g, b, d);
		emit_vfp(b, op3[k][0], 0x0a00u | op3[k][1] << 6, d, n, m);
		break;
	}
	case 4: { /* VMOV (register), VABS, VNEG, VSQRT */
		unsigned k = ls_below(g, 4);
		fp_spice(g, b, m);
		emit_vfp(b, 0xeeb0 | k >> 1, 0x0a40 | (k & 1) << 7, d, 0, m);
		break;
	}
	case 5: /* VCVTB/VCVTT, half to single and single to half */
		fp_spice(g, b, m);
		fp_spice(g, b, d);
		emit_vfp(b, 0xeeb2 | ls_below(g, 2), 0x0a40 | ls_below(g, 2) << 7, d, 0, m);
		break;
	case 6: /* VCMP/VCMPE with a register or with zero */
		fp_spice(g, b, d);
		fp_spice(g, b, m);
		if (ls_below(g, 4))
			emit_vfp(b, 0xeeb4, 0x0a40 | ls_below(g, 2) << 7, d, 0, m);
		else
			emit_vfp(b, 0xeeb5, 0x0a40 | ls_below(g, 2) << 7, d, 0, 0);
		break;
	case 7: /* VCVT.F32.S32/U32 */
		if (ls_below(g, 2))
			ls_fix_next(b, LS_FIX_S + m, ls_value(g));
		emit_vfp(b, 0xeeb8, 0x0a40 | ls_below(g, 2) << 7, d, 0, m);
		break;
	case 8:
	case 9: /* VCVT.S32/U32.F32 and VCVTR (FPSCR rounding) */
		fp_spice(g, b, m);
		emit_vfp(b, 0xeebc | ls_below(g, 2), 0x0a40 | ls_below(g, 2) << 7, d, 0, m);
		break;
	case 10: { /* VCVT between single and fixed point, 16 or 32 bits,
		    * either direction (Sd is source and destination) */
		unsigned to_fixed = ls_below(g, 2), u = ls_below(g, 2), sx = ls_below(g, 2);
		unsigned imm5 = sx ? ls_below(g, 32) : ls_below(g, 17);
		if (to_fixed)
			fp_spice(g, b, d);
		else if (ls_below(g, 2))
			ls_fix_next(b, LS_FIX_S + d, ls_value(g));
		emit_vfp(b, 0xeeba | to_fixed << 2 | u, 0x0a40 | sx << 7, d, 0, imm5);
		break;
	}
	default: { /* VMOV (immediate) */
		unsigned imm8 = ls_below(g, 256);
		ls_emit32(b, (uint16_t)(0xeeb0 | (d & 1) << 6 | imm8 >> 4),
			  (uint16_t)((d >> 1) << 12 | 0x0a00 | (imm8 & 15)));
		break;
	}
	}
}

/* Moves between core and FP registers, VMRS/VMSR. */
static void gen_fp_mov(struct ls_rng *g, struct ls_block *b, bool in_it)
{
	unsigned rt = reg_g(g), rt2 = reg_g(g), n = sreg(g);
	switch (ls_below(g, 7)) {
	case 0: /* VMOV Sn, Rt / VMOV Rt, Sn */
		spice(g, b);
		ls_emit32(b, (uint16_t)(0xee00 | ls_below(g, 2) << 4 | n >> 1),
			  (uint16_t)(rt << 12 | 0x0a10 | (n & 1) << 7));
		break;
	case 1: { /* VMOV Sm, Sm1, Rt, Rt2 and back (Rt != Rt2 when loading them) */
		unsigned op = ls_below(g, 2), m = ls_below(g, 31);
		if (op)
			rt2 = reg_g_not(g, 1u << rt);
		spice(g, b);
		ls_emit32(b, (uint16_t)(0xec40 | op << 4 | rt2),
			  (uint16_t)(rt << 12 | 0x0a10 | (m & 1) << 5 | m >> 1));
		break;
	}
	case 2: { /* VMOV Dm, Rt, Rt2 and back */
		unsigned op = ls_below(g, 2), m = ls_below(g, 16);
		if (op)
			rt2 = reg_g_not(g, 1u << rt);
		spice(g, b);
		ls_emit32(b, (uint16_t)(0xec40 | op << 4 | rt2), (uint16_t)(rt << 12 | 0x0b10 | m));
		break;
	}
	case 3: { /* VMOV.32 Dd[x], Rt / VMOV.32 Rt, Dn[x] */
		unsigned dd = ls_below(g, 16);
		spice(g, b);
		ls_emit32(b, (uint16_t)(0xee00 | ls_below(g, 2) << 5 | ls_below(g, 2) << 4 | dd),
			  (uint16_t)(rt << 12 | 0x0b10));
		break;
	}
	case 4: /* VMRS Rt, FPSCR */
		ls_emit32(b, 0xeef1, (uint16_t)(rt << 12 | 0x0a10));
		break;
	case 5: /* VMSR FPSCR, Rt: a new FPSCR in the middle of the block */
		if (in_it)
			ls_emit32(b, 0xeef1, (uint16_t)(rt << 12 | 0x0a10));
		else
			ls_emit_fpscr(b, rt, fp_fpscr(g));
		break;
	default: /* VMRS APSR_nzcv, FPSCR, after a compare half of the time */
		if (!in_it && ls_below(g, 2)) {
			unsigned d = sreg(g), m = sreg(g);
			fp_spice(g, b, d);
			fp_spice(g, b, m);
			emit_vfp(b, 0xeeb4, 0x0a40 | ls_below(g, 2) << 7, d, 0, m);
		}
		ls_emit32(b, 0xeef1, 0xfa10);
		break;
	}
}

/* VLDR/VSTR, VLDM/VSTM, VPUSH/VPOP, single and double, bases in the
 * window (word-aligned: FP transfers fault on any misalignment). */
static void gen_fp_mem(struct ls_rng *g, struct ls_block *b)
{
	unsigned l = ls_below(g, 2), dbl = ls_below(g, 2), rn = reg_g(g);
	unsigned d = dbl ? ls_below(g, 16) : sreg(g);
	/* D<d> is D:Vd, S<d> is Vd:D */
	unsigned dbit = dbl ? d >> 4 : d & 1, vd = dbl ? d & 15 : d >> 1;
	switch (ls_below(g, 4)) {
	case 0:
	case 1: /* VLDR/VSTR, either direction, literal VLDR now and then */
		if (l && ls_below(g, 6) == 0) {
			rn = 15;
		} else {
			if (ls_below(g, 6) == 0)
				rn = 13;
			ls_fix_next(b, rn, win_addr(g, 4));
		}
		ls_emit32(b, (uint16_t)(0xed00 | ls_below(g, 2) << 7 | dbit << 6 | l << 4 | rn),
			  (uint16_t)(vd << 12 | 0x0a00 | dbl << 8 | ls_below(g, 256)));
		break;
	case 2: { /* VLDM/VSTM: IA with or without writeback, DB with writeback */
		unsigned max = (dbl ? 16 : 32) - d;
		unsigned regs = 1 + ls_below(g, max < 8 ? max : 8 + ls_below(g, max - 7));
		unsigned db = ls_below(g, 2), w = db ? 1 : ls_below(g, 2);
		if (ls_below(g, 6) == 0)
			rn = 13;
		ls_fix_next(b, rn, win_addr(g, 4));
		ls_emit32(b, (uint16_t)(0xec00 | db << 8 | !db << 7 | dbit << 6 | w << 5 | l << 4 | rn),
			  (uint16_t)(vd << 12 | 0x0a00 | dbl << 8 | (dbl ? 2 * regs : regs)));
		break;
	}
	default: { /* VPUSH / VPOP */
		unsigned max = (dbl ? 16 : 32) - d;
		unsigned regs = 1 + ls_below(g, max < 8 ? max : 8);
		ls_fix_next(b, 13, win_addr(g, 4));
		ls_emit32(b, (uint16_t)((l ? 0xecbd : 0xed2d) | dbit << 6),
			  (uint16_t)(vd << 12 | 0x0a00 | dbl << 8 | (dbl ? 2 * regs : regs)));
		break;
	}
	}
}

/* The FPv5 additions on single precision: VSEL, VMAXNM/VMINNM,
 * VRINT{A,N,P,M,R,Z,X}, VCVT{A,N,P,M}. Only VRINTR/Z/X may sit in an IT
 * block; the others are unconditional (UNPREDICTABLE inside one). */
static void gen_fp5(struct ls_rng *g, struct ls_block *b, bool in_it)
{
	unsigned d = sreg(g), n = sreg(g), m = sreg(g);
	unsigned k = in_it ? 4 : ls_below(g, 5);
	fp_spice(g, b, m);
	switch (k) {
	case 0: /* VSEL<cc>: EQ, VS, GE, GT on the APSR flags */
		fp_spice(g, b, n);
		emit_vfp(b, 0xfe00 | ls_below(g, 4) << 4, 0x0a00, d, n, m);
		break;
	case 1: /* VMAXNM / VMINNM */
		fp_spice(g, b, n);
		emit_vfp(b, 0xfe80, 0x0a00 | ls_below(g, 2) << 6, d, n, m);
		break;
	case 2: /* VRINTA/N/P/M */
		emit_vfp(b, 0xfeb8 | ls_below(g, 4), 0x0a40, d, 0, m);
		break;
	case 3: /* VCVTA/N/P/M to signed or unsigned */
		emit_vfp(b, 0xfebc | ls_below(g, 4), 0x0a40 | ls_below(g, 2) << 7, d, 0, m);
		break;
	default: /* VRINTR, VRINTZ, VRINTX */
		if (ls_below(g, 3))
			emit_vfp(b, 0xeeb6, 0x0a40 | ls_below(g, 2) << 7, d, 0, m);
		else
			emit_vfp(b, 0xeeb7, 0x0a40, d, 0, m);
		break;
	}
}

/* One FP instruction that may sit inside an IT block. */
static void gen_fp_any(struct ls_rng *g, struct ls_block *b, bool fp5)
{
	switch (ls_below(g, fp5 ? 8 : 7)) {
	case 0:
	case 1:
	case 2:
	case 3:
		gen_fp_dp(g, b);
		break;
	case 4:
		gen_fp_mov(g, b, true);
		break;
	case 5:
	case 6:
		gen_fp_mem(g, b);
		break;
	default:
		gen_fp5(g, b, true);
		break;
	}
}

/* A compare, VMRS APSR_nzcv (or not), then an IT block of FP
 * instructions on the resulting flags. */
static void gen_fp_it(struct ls_rng *g, struct ls_block *b, bool fp5)
{
	if (ls_below(g, 3)) {
		unsigned d = sreg(g), m = sreg(g);
		fp_spice(g, b, d);
		fp_spice(g, b, m);
		emit_vfp(b, 0xeeb4, 0x0a40 | ls_below(g, 2) << 7, d, 0, m);
		ls_emit32(b, 0xeef1, 0xfa10);
	}
	unsigned n = 1 + ls_below(g, 4);
	unsigned cond = ls_below(g, 15);
	unsigned mask = 0;
	for (unsigned i = 1; i < n; i++)
		mask |= (cond == 14 ? 0 : ls_below(g, 2)) << (4 - i);
	mask |= 1u << (4 - n);
	if (cond & 1)
		mask ^= (0xf << (5 - n)) & 0xf;
	ls_emit16(b, (uint16_t)(0xbf00 | cond << 4 | mask));
	for (unsigned i = 0; i < n; i++)
		gen_fp_any(g, b, fp5);
}

static void gen_fp(struct ls_rng *g, struct ls_block *b, bool fp5)
{
	switch (ls_below(g, fp5 ? 20 : 16)) {
	case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
		gen_fp_dp(g, b);
		break;
	case 8:
	case 9:
		gen_fp_mov(g, b, false);
		break;
	case 10:
	case 11:
	case 12:
		gen_fp_mem(g, b);
		break;
	case 13:
	case 14:
		gen_fp_it(g, b, fp5);
		break;
	case 15:
		gen_dp16(g, b, false); /* integer work in between (flags for VSEL) */
		break;
	default:
		gen_fp5(g, b, false);
		break;
	}
}

/* A random initial state: boundary values and random words, flags and GE
 * at random, SP in the window, FP operands in S0-S31. */
static void gen_init(struct ls_rng *g, struct ls_state *s)
{
	for (unsigned i = 0; i < 16; i++)
		s->r[i] = ls_value(g);
	s->r[13] = win_addr(g, 4);
	s->r[15] = LS_CODE_BASE;
	s->nzcv = ls_rand32(g) & 0xf0000000u;
	s->q = ls_below(g, 2);
	s->ge = ls_below(g, 16);
	s->it = 0;
	for (unsigned i = 0; i < 32; i++)
		s->s[i] = ls_fp_value(g);
	s->fpscr = 0; /* set by the block's first VMSR (fp groups) */
}

void ls_gen_block(struct ls_rng *g, enum ls_group grp, unsigned ninsn, struct ls_block *b)
{
	ls_block_clear(b);
	gen_init(g, &b->init);
	/* Start every block with the exclusive monitor in Open Access state
	 * on both sides. */
	ls_emit32(b, 0xf3bf, 0x8f2f);
	if (grp == LS_G_FP || grp == LS_G_FP5)
		ls_emit_fpscr(b, reg_g(g), fp_fpscr(g));
	for (unsigned i = 0; i < ninsn && b->nhw < LS_MAX_HW - 64; i++) {
		switch (grp) {
		case LS_G_ALU:
			switch (ls_below(g, 9)) {
			case 0:
			case 1:
				gen_dp16(g, b, true);
				break;
			case 2:
				gen_modimm(g, b);
				break;
			case 3:
				gen_plainimm(g, b, false);
				break;
			case 4:
				gen_shreg(g, b);
				break;
			case 5:
				gen_shift_by_reg(g, b);
				break;
			case 6:
				gen_mul(g, b);
				break;
			default:
				gen_misc32(g, b, false);
				break;
			}
			break;
		case LS_G_MEM:
			switch (ls_below(g, 7)) {
			case 0:
			case 1:
				gen_ldst16(g, b);
				break;
			case 2:
			case 3:
				gen_ldst32(g, b);
				break;
			case 4:
				gen_ldrd(g, b);
				break;
			case 5:
				gen_ldm32(g, b);
				break;
			default:
				gen_exclusive(g, b);
				break;
			}
			break;
		case LS_G_DSP:
			gen_dsp(g, b);
			break;
		case LS_G_FP:
		case LS_G_FP5:
			gen_fp(g, b, grp == LS_G_FP5);
			break;
		default:
			if (ls_below(g, 3) == 0)
				gen_branch(g, b, false);
			else
				gen_it(g, b);
			break;
		}
	}
}
