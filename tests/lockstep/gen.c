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
 */
#include <stddef.h>

#include "tests/lockstep/lockstep.h"

const char *const ls_group_name[LS_G_COUNT] = { "alu", "mem", "dsp", "it" };

/* ---- block building --------------------------------------------------- */

void ls_block_clear(struct ls_block *b)
{
	b->nhw = 0;
	b->end_hw = 0;
	b->expect_mask = 0;
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

/* A random initial state: boundary values and random words, flags and GE
 * at random, SP in the window. */
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
}

void ls_gen_block(struct ls_rng *g, enum ls_group grp, unsigned ninsn, struct ls_block *b)
{
	ls_block_clear(b);
	gen_init(g, &b->init);
	/* Start every block with the exclusive monitor in Open Access state
	 * on both sides. */
	ls_emit32(b, 0xf3bf, 0x8f2f);
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
		default:
			if (ls_below(g, 3) == 0)
				gen_branch(g, b, false);
			else
				gen_it(g, b);
			break;
		}
	}
}
