/*
 * Directed edge cases for the lockstep harness: the corners random
 * streams reach too rarely. Each case is a short block with a chosen
 * initial state, run in lockstep like the random ones; where the result
 * is fixed by the architecture in a way worth pinning (division by zero,
 * exclusive-store status, table branches), the case also names the
 * expected register values, checked against both cores.
 *
 * Cases: shifts by register with amounts 0, 1, 31, 32, 33, 255 and 256
 * (and the immediate forms LSR/ASR #32 and RRX); carry and overflow at
 * 0, 0x7fffffff, 0x80000000, 0xffffffff for ADD/ADC/SUB/SBC/RSB/CMP/CMN;
 * saturation limits of SSAT/USAT, Q arithmetic and the parallel
 * saturating forms; every IT condition under every N/Z/C/V combination,
 * in IT and ITE blocks; unaligned LDR/STR/LDRH/STRH/LDRSH at every byte
 * offset; LDM/STM with the base in the list where the result is defined;
 * TBB/TBH with the table after the instruction and through a register;
 * LDREX/STREX success, failure after CLREX and without LDREX; SDIV/UDIV
 * by zero and INT_MIN / -1 with CCR.DIV_0_TRP clear.
 *
 * Floating point (FPv4-SP): the flush-to-zero boundary of results and
 * inputs, default NaN mode, the NaN priority of the chained (VMLA) and
 * fused (VFMA) multiply-adds and the sign of NaNs from the negating forms,
 * saturating conversions to integers and fixed point (and which of IOC and
 * IXC they raise), half precision with and without AHP, compares into
 * FPSCR.NZCV and through VMRS APSR_nzcv into an IT block, and VMSR's mask
 * of the FPSCR bits that exist. Each result and the whole FPSCR after it
 * are written down from the architecture's pseudocode (ARM DDI 0403E,
 * A2.5: FPRound, FPProcessNaNs, FPToFixed, FPMulAdd) and checked against
 * both cores.
 */
#include <stddef.h>

#include "tests/lockstep/lockstep.h"

struct dctx {
	bool (*run)(void *ctx, struct ls_block *b);
	void *ctx;
	unsigned n;
	bool failed;
	struct ls_block b;
};

static const uint32_t edge[] = {
	0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000001, 0xfffffffe,
};
#define NEDGE (sizeof edge / sizeof edge[0])

/* A case's initial state: distinct register values, SP in the window,
 * flags given by the caller. */
static struct ls_block *begin(struct dctx *d, const char *name, uint32_t nzcv)
{
	struct ls_block *b = &d->b;
	ls_block_clear(b);
	b->name = name;
	for (unsigned i = 0; i < 16; i++)
		b->init.r[i] = 0x11111111u * i;
	for (unsigned i = 0; i < 32; i++)
		b->init.s[i] = 0x3f800000u + i; /* 1.0 and just above */
	b->init.fpscr = 0;
	b->init.r[13] = LS_WIN_MID;
	b->init.r[15] = LS_CODE_BASE;
	b->init.nzcv = nzcv;
	b->init.q = 0;
	b->init.ge = 0;
	b->init.it = 0;
	return b;
}

static void expect(struct ls_block *b, unsigned reg, uint32_t v)
{
	b->expect_mask |= 1u << reg;
	b->expect[reg] = v;
}

static void run(struct dctx *d)
{
	if (d->failed)
		return;
	d->n++;
	if (!d->run(d->ctx, &d->b))
		d->failed = true;
}

/* ---- shifts ------------------------------------------------------------ */

static void shifts(struct dctx *d)
{
	static const uint32_t amount[] = { 0, 1, 31, 32, 33, 255, 256 };
	static const uint32_t value[] = { 0x80000001, 0xffffffff, 0, 0x7fffffff, 0x80000000, 1 };
	static const unsigned op16[] = { 2, 3, 4, 7 }; /* LSL LSR ASR ROR */
	for (unsigned t = 0; t < 4; t++)
		for (unsigned form = 0; form < 3; form++)
			for (unsigned a = 0; a < 7; a++)
				for (unsigned v = 0; v < 6; v++)
					for (unsigned c = 0; c < 2; c++) {
						struct ls_block *b = begin(d, "shift by register",
									   c ? 0x20000000u : 0x50000000u);
						b->init.r[0] = value[v];
						b->init.r[1] = amount[a];
						if (form == 0) /* 16-bit, flags set outside IT */
							ls_emit16(b, (uint16_t)(0x4000 | op16[t] << 6 | 1 << 3 | 0));
						else /* 32-bit, S = 1 or 0 */
							ls_emit32(b, (uint16_t)(0xfa00 | t << 5 | (form == 1) << 4),
								  0xf201); /* Rd = r2, Rn = r0, Rm = r1 */
						run(d);
					}
	/* Immediate forms whose encoded 0 means 32 (LSR, ASR) or RRX. */
	for (unsigned t = 0; t < 4; t++)
		for (unsigned v = 0; v < 6; v++)
			for (unsigned c = 0; c < 2; c++) {
				struct ls_block *b = begin(d, "shift by immediate 0/32, RRX",
							   c ? 0x20000000u : 0);
				b->init.r[0] = value[v];
				/* MOVS.W r2, r0, <type> #0 */
				ls_emit32(b, 0xea5f, (uint16_t)(0x0200 | t << 4 | 0));
				/* 16-bit LSR/ASR #32 (imm5 = 0) */
				if (t == 1 || t == 2)
					ls_emit16(b, (uint16_t)(t << 11 | 0 << 6 | 0 << 3 | 3));
				run(d);
			}
}

/* ---- carry and overflow ------------------------------------------------ */

static void arith(struct dctx *d)
{
	/* 16-bit: ADDS, ADCS, SBCS, RSBS (NEG), CMP, CMN, SUBS */
	static const uint16_t op16[] = { 0x1888, 0x4148, 0x4188, 0x4248, 0x4288, 0x42c8, 0x1a88 };
	/* 32-bit register forms with S: ADDS ADCS SBCS SUBS RSBS, CMP, CMN */
	static const uint16_t op32[] = { 0xeb10, 0xeb50, 0xeb70, 0xebb0, 0xebd0 };
	for (unsigned x = 0; x < NEDGE; x++)
		for (unsigned y = 0; y < NEDGE; y++)
			for (unsigned c = 0; c < 2; c++) {
				for (unsigned k = 0; k < 7; k++) {
					struct ls_block *b = begin(d, "carry/overflow (16-bit)",
								   c ? 0x20000000u : 0xd0000000u);
					b->init.r[0] = edge[x];
					b->init.r[1] = edge[y];
					b->init.r[2] = edge[x];
					ls_emit16(b, op16[k]);
					run(d);
				}
				for (unsigned k = 0; k < 5; k++) {
					struct ls_block *b = begin(d, "carry/overflow (32-bit)",
								   c ? 0x20000000u : 0xd0000000u);
					b->init.r[0] = edge[x];
					b->init.r[1] = edge[y];
					ls_emit32(b, (uint16_t)(op32[k] | 0), 0x0201); /* Rd=r2, Rn=r0, Rm=r1 */
					/* CMP.W r0, r1 and CMN.W r0, r1 */
					ls_emit32(b, 0xebb0, 0x0f01);
					ls_emit32(b, 0xeb10, 0x0f01);
					/* ADDS.W / SUBS.W with a modified immediate 0xff000000 */
					ls_emit32(b, 0xf110, 0x437f);
					ls_emit32(b, 0xf1b0, 0x437f);
					run(d);
				}
			}
}

/* ---- saturation ---------------------------------------------------------- */

static void saturation(struct dctx *d)
{
	static const unsigned sat[] = { 0, 7, 15, 30, 31 };
	static const uint32_t v16[] = { 0x7fff8000, 0x80007fff, 0x7fff7fff, 0x80008000, 0xffff0001, 0x00ff00ff };
	for (unsigned x = 0; x < NEDGE; x++) {
		for (unsigned s = 0; s < 5; s++)
			for (unsigned u = 0; u < 2; u++) {
				struct ls_block *b = begin(d, "SSAT/USAT limits", 0);
				b->init.r[0] = edge[x];
				/* SSAT/USAT r2, #sat, r0 and with LSL #1, ASR #31 */
				ls_emit32(b, (uint16_t)(0xf300 | u << 7), (uint16_t)(0x0200 | sat[s]));
				ls_emit32(b, (uint16_t)(0xf300 | u << 7), (uint16_t)(0x0340 | sat[s]));
				ls_emit32(b, (uint16_t)(0xf320 | u << 7), (uint16_t)(0x74c0 | sat[s]));
				run(d);
			}
		for (unsigned y = 0; y < NEDGE; y++) {
			struct ls_block *b = begin(d, "QADD/QSUB/QDADD/QDSUB limits", 0);
			b->init.r[0] = edge[x];
			b->init.r[1] = edge[y];
			for (unsigned op = 0; op < 4; op++)
				ls_emit32(b, 0xfa80, (uint16_t)(0xf080 | (2 + op) << 8 | op << 4 | 1));
			run(d);
		}
	}
	for (unsigned x = 0; x < 6; x++)
		for (unsigned y = 0; y < 6; y++) {
			struct ls_block *b = begin(d, "parallel saturating, SSAT16/USAT16", 0);
			b->init.r[0] = v16[x];
			b->init.r[1] = v16[y];
			/* QADD16 QSUB16 QASX QSAX UQADD16 UQSUB16 UQADD8 UQSUB8 QADD8 QSUB8 */
			ls_emit32(b, 0xfa90, 0xf211);
			ls_emit32(b, 0xfad0, 0xf311);
			ls_emit32(b, 0xfaa0, 0xf411);
			ls_emit32(b, 0xfae0, 0xf511);
			ls_emit32(b, 0xfa90, 0xf651);
			ls_emit32(b, 0xfad0, 0xf751);
			ls_emit32(b, 0xfa80, 0xf851);
			ls_emit32(b, 0xfac0, 0xf951);
			ls_emit32(b, 0xfa80, 0xfa11);
			ls_emit32(b, 0xfac0, 0xfb11);
			/* SSAT16 r12, #1 / #16, r0; USAT16 r14, #0 / #15, r1 */
			ls_emit32(b, 0xf320, 0x0c00);
			ls_emit32(b, 0xf320, 0x0c0f);
			ls_emit32(b, 0xf3a1, 0x0e00);
			ls_emit32(b, 0xf3a1, 0x0e0f);
			run(d);
		}
}

/* ---- IT conditions ------------------------------------------------------- */

static void it_conditions(struct dctx *d)
{
	for (unsigned cond = 0; cond < 15; cond++)
		for (unsigned f = 0; f < 16; f++)
			for (unsigned ite = 0; ite < 2; ite++) {
				if (cond == 14 && ite)
					continue; /* AL with an else is UNPREDICTABLE */
				struct ls_block *b = begin(d, "IT condition x flags", f << 28);
				unsigned mask = ite ? 0xc : 0x8;
				if (ite && (cond & 1))
					mask ^= 0x8;
				ls_emit16(b, (uint16_t)(0xbf00 | cond << 4 | mask));
				ls_emit16(b, 0x3001);         /* ADD r0, #1 (no flags in IT) */
				if (ite)
					ls_emit32(b, 0xf101, 0x0101); /* ADD.W r1, r1, #1 */
				ls_emit16(b, 0x3201);         /* ADDS r2, #1 (outside: flags) */
				run(d);
			}
}

/* ---- unaligned accesses -------------------------------------------------- */

static void unaligned(struct dctx *d)
{
	for (unsigned off = 0; off < 8; off++) {
		struct ls_block *b = begin(d, "unaligned LDR/STR/LDRH/STRH/LDRSH", 0);
		b->init.r[0] = LS_WIN_MID + 0x100 + off;
		b->init.r[1] = 0x89abcdef;
		ls_emit16(b, 0x6001);         /* STR r1, [r0] */
		ls_emit16(b, 0x6802);         /* LDR r2, [r0] */
		ls_emit16(b, 0x8041);         /* STRH r1, [r0, #2] */
		ls_emit16(b, 0x8843);         /* LDRH r3, [r0, #2] */
		ls_emit32(b, 0xf9b0, 0x4003); /* LDRSH.W r4, [r0, #3] */
		ls_emit32(b, 0xf8c0, 0x1005); /* STR.W r1, [r0, #5] */
		ls_emit32(b, 0xf8d0, 0x5006); /* LDR.W r5, [r0, #6] */
		ls_emit32(b, 0xf820, 0x1d01); /* STRH r1, [r0, #-1]! */
		ls_emit32(b, 0xf850, 0x6b03); /* LDR r6, [r0], #3 */
		run(d);
	}
}

/* ---- LDM/STM with the base in the list ------------------------------------ */

static void ldm_stm_base(struct dctx *d)
{
	struct ls_block *b;
	b = begin(d, "STMIA r0!, {r0-r2}: base lowest, stores the original base", 0);
	b->init.r[0] = LS_WIN_MID;
	ls_emit16(b, 0xc007);
	run(d);
	b = begin(d, "LDMIA r1, {r0-r2}: base in list, no writeback, loaded value", 0);
	b->init.r[1] = LS_WIN_MID + 0x40;
	ls_emit16(b, 0xc907);
	run(d);
	b = begin(d, "LDMIA r1!, {r0, r2}: base not in list, writeback", 0);
	b->init.r[1] = LS_WIN_MID + 0x40;
	ls_emit16(b, 0xc905);
	run(d);
	b = begin(d, "LDM.W r3, {r0, r3, r5}: base in list, W=0", 0);
	b->init.r[3] = LS_WIN_MID + 0x80;
	ls_emit32(b, 0xe893, 0x0029);
	run(d);
	b = begin(d, "STM.W r3, {r0, r3, r5}: base in list, W=0", 0);
	b->init.r[3] = LS_WIN_MID + 0x80;
	ls_emit32(b, 0xe883, 0x0029);
	run(d);
	b = begin(d, "LDMDB r4, {r4, r6}: base in list, W=0", 0);
	b->init.r[4] = LS_WIN_MID + 0xc0;
	ls_emit32(b, 0xe914, 0x0050);
	run(d);
	b = begin(d, "PUSH {r0-r7, lr} / POP {r0-r7}", 0);
	ls_emit16(b, 0xb5ff);
	ls_emit16(b, 0xbcff);
	run(d);
}

/* ---- TBB / TBH --------------------------------------------------------------- */

/* Table branch over `n` entries into a ladder of ADDS r1, #1: r1 counts
 * the ladder steps after the target, so it pins the target. */
static void table_branch(struct dctx *d, bool half, bool via_reg, unsigned idx)
{
	enum { N = 6 };
	struct ls_block *b = begin(d, half ? "TBH" : "TBB", 0);
	b->init.r[0] = idx;
	b->init.r[1] = 0;
	unsigned rn = via_reg ? 2 : 15;
	/* TBB/TBH [Rn, r0] (TBH: LSL #1) */
	ls_emit32(b, (uint16_t)(0xe8d0 | rn), (uint16_t)(0xf000 | half << 4));
	unsigned table_hw = b->nhw;
	unsigned table_len = half ? N : (N + 1) / 2;
	for (unsigned i = 0; i < table_len; i++)
		ls_emit16(b, 0);
	unsigned ladder_hw = b->nhw;
	for (unsigned i = 0; i < N; i++)
		ls_emit16(b, 0x3101); /* ADDS r1, #1 */
	/* Entries: halfwords from the TBB's PC (its address + 4) to the
	 * ladder rung; entry i goes to rung i. */
	for (unsigned i = 0; i < N; i++) {
		unsigned off = (ladder_hw + i) - 2;
		if (half)
			b->hw[table_hw + i] = (uint16_t)off;
		else
			b->hw[table_hw + i / 2] |= (uint16_t)(off << (8 * (i & 1)));
	}
	if (via_reg)
		b->init.r[2] = LS_CODE_BASE + 2 * table_hw;
	expect(b, 1, N - idx);
	run(d);
}

/* ---- exclusives ------------------------------------------------------------- */

static void exclusives(struct dctx *d)
{
	struct ls_block *b;
	b = begin(d, "LDREX/STREX: success", 0);
	b->init.r[0] = LS_WIN_MID + 0x200;
	b->init.r[3] = 0xcafef00d;
	ls_emit32(b, 0xe850, 0x1f00); /* LDREX r1, [r0] */
	ls_emit32(b, 0xe840, 0x3200); /* STREX r2, r3, [r0] */
	ls_emit32(b, 0xe840, 0x3400); /* STREX r4, r3, [r0]: monitor now open */
	ls_emit16(b, 0x6805);         /* LDR r5, [r0] */
	expect(b, 2, 0);
	expect(b, 4, 1);
	expect(b, 5, 0xcafef00d);
	run(d);
	b = begin(d, "LDREX/CLREX/STREX: failure", 0);
	b->init.r[0] = LS_WIN_MID + 0x204;
	ls_emit32(b, 0xe850, 0x1f00);
	ls_emit32(b, 0xf3bf, 0x8f2f); /* CLREX */
	ls_emit32(b, 0xe840, 0x3200);
	expect(b, 2, 1);
	run(d);
	b = begin(d, "STREX without LDREX: failure", 0);
	b->init.r[0] = LS_WIN_MID + 0x208;
	ls_emit32(b, 0xf3bf, 0x8f2f);
	ls_emit32(b, 0xe840, 0x3200);
	expect(b, 2, 1);
	run(d);
	b = begin(d, "LDREXB/STREXB, LDREXH/STREXH, LDREX with offset", 0);
	b->init.r[0] = LS_WIN_MID + 0x20c;
	b->init.r[3] = 0x12345678;
	ls_emit32(b, 0xe8d0, 0x1f4f); /* LDREXB r1, [r0] */
	ls_emit32(b, 0xe8c0, 0x3f42); /* STREXB r2, r3, [r0] */
	ls_emit32(b, 0xe8d0, 0x4f5f); /* LDREXH r4, [r0] */
	ls_emit32(b, 0xe8c0, 0x3f55); /* STREXH r5, r3, [r0] */
	ls_emit32(b, 0xe850, 0x6f01); /* LDREX r6, [r0, #4] */
	ls_emit32(b, 0xe840, 0x3701); /* STREX r7, r3, [r0, #4] */
	expect(b, 2, 0);
	expect(b, 5, 0);
	expect(b, 7, 0);
	run(d);
}

/* ---- division ------------------------------------------------------------ */

static void division(struct dctx *d)
{
	for (unsigned x = 0; x < NEDGE; x++) {
		struct ls_block *b = begin(d, "SDIV/UDIV by zero (DIV_0_TRP clear): 0", 0);
		b->init.r[0] = edge[x];
		b->init.r[1] = 0;
		ls_emit32(b, 0xfb90, 0xf2f1); /* SDIV r2, r0, r1 */
		ls_emit32(b, 0xfbb0, 0xf3f1); /* UDIV r3, r0, r1 */
		expect(b, 2, 0);
		expect(b, 3, 0);
		run(d);
		for (unsigned y = 0; y < NEDGE; y++) {
			if (!edge[y])
				continue;
			b = begin(d, "SDIV/UDIV boundaries", 0);
			b->init.r[0] = edge[x];
			b->init.r[1] = edge[y];
			ls_emit32(b, 0xfb90, 0xf2f1);
			ls_emit32(b, 0xfbb0, 0xf3f1);
			if (edge[x] == 0x80000000u && edge[y] == 0xffffffffu)
				expect(b, 2, 0x80000000u); /* the one overflow: wraps */
			run(d);
		}
	}
}


/* ---- floating point ------------------------------------------------------ */

#define FZ (1u << 24)
#define DN (1u << 25)
#define AHP (1u << 26)
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)
#define IOC 0x01u
#define DZC 0x02u
#define OFC 0x04u
#define UFC 0x08u
#define IXC 0x10u
#define IDC 0x80u

/* Operands and results. */
#define QNAN1 0x7fc11111u
#define QNAN2 0x7fc22222u
#define SNAN1 0x7f811111u
#define SNAN2 0x7f822222u
#define PINF 0x7f800000u
#define NINF 0xff800000u
#define ONE 0x3f800000u
#define DNAN 0x7fc00000u

/* One FP instruction on S0 (destination, accumulator, fixed-point
 * operand), S1 and S2 under `fpscr` (set by VMSR from r12), with S0 and
 * the whole FPSCR after it fixed by the architecture. */
struct fp_case {
	const char *name;
	uint16_t hw1, hw2;
	uint32_t fpscr, s0, s1, s2;
	uint32_t want_s0, want_fpscr;
};

/* Encodings with Sd = S0, Sn = S1, Sm = S2. */
#define VMLA 0xee00, 0x0a81
#define VNMLA 0xee10, 0x0ac1
#define VMUL 0xee20, 0x0a81
#define VADD 0xee30, 0x0a81
#define VSUB 0xee30, 0x0ac1
#define VDIV 0xee80, 0x0a81
#define VFNMA 0xee90, 0x0ac1
#define VFMA 0xeea0, 0x0a81
#define VFMS 0xeea0, 0x0ac1
#define VNEG 0xeeb1, 0x0a41
#define VSQRT 0xeeb1, 0x0ac1
#define VCVTB_F32_F16 0xeeb2, 0x0a41
#define VCVTT_F32_F16 0xeeb2, 0x0ac1
#define VCVTB_F16_F32 0xeeb3, 0x0a41
#define VCVTT_F16_F32 0xeeb3, 0x0ac1
#define VCMP 0xeeb4, 0x0a41
#define VCMPE 0xeeb4, 0x0ac1
#define VCMP_ZERO 0xeeb5, 0x0a40
#define VCVT_F32_U32 0xeeb8, 0x0a41
#define VCVT_F32_S32 0xeeb8, 0x0ac1
#define VCVT_F32_S16_Q16 0xeeba, 0x0a40 /* S0 = S0 (signed 16-bit, 16 fraction bits) */
#define VCVT_S16_F32_Q0 0xeebe, 0x0a48  /* S0 = S0 as signed 16-bit integer */
#define VCVT_U16_F32_Q0 0xeebf, 0x0a48
#define VCVT_S32_F32_Q1 0xeebe, 0x0aef  /* S0 = S0 as signed 32-bit, 1 fraction bit */
#define VCVTR_U32_F32 0xeebc, 0x0a41
#define VCVT_U32_F32 0xeebc, 0x0ac1
#define VCVTR_S32_F32 0xeebd, 0x0a41
#define VCVT_S32_F32 0xeebd, 0x0ac1

static const struct fp_case fp_cases[] = {
	/* Flush-to-zero of results: tininess is judged before rounding. */
	{ "FZ: (1 - 2^-24) * 2^-126 flushes to +0 (UFC, no IXC)", VMUL, FZ,
	  0, 0x00ffffff, 0x3f000000, 0, FZ | UFC },
	{ "no FZ: (1 - 2^-24) * 2^-126 rounds (tie, even) to 2^-126, UFC IXC", VMUL, 0,
	  0, 0x00ffffff, 0x3f000000, 0x00800000, UFC | IXC },
	{ "no FZ, RZ: (1 - 2^-24) * 2^-126 rounds down to the largest denormal", VMUL, RZ,
	  0, 0x00ffffff, 0x3f000000, 0x007fffff, RZ | UFC | IXC },
	{ "FZ: the smallest normal is kept", VMUL, FZ,
	  0, 0x00800000, ONE, 0x00800000, FZ },
	{ "FZ: just above the smallest normal is kept", VMUL, FZ,
	  0, 0x00800001, ONE, 0x00800001, FZ },
	{ "FZ: 2^-64 * 2^-64 flushes to +0", VMUL, FZ,
	  0, 0x1f800000, 0x1f800000, 0, FZ | UFC },
	{ "FZ: -2^-64 * 2^-64 flushes to -0", VMUL, FZ,
	  0, 0x9f800000, 0x1f800000, 0x80000000, FZ | UFC },
	{ "no FZ: 2^-64 * 2^-64 is an exact denormal, no flags", VMUL, 0,
	  0, 0x1f800000, 0x1f800000, 0x00200000, 0 },
	/* Flush-to-zero of inputs. */
	{ "FZ: denormal input to VADD is zero, IDC", VADD, FZ,
	  0, 0x00000001, ONE, ONE, FZ | IDC },
	{ "no FZ: 1 + 2^-149 is inexact", VADD, 0,
	  0, 0x00000001, ONE, ONE, IXC },
	{ "FZ: -denormal + 0 is -0 + +0 = +0 (RN)", VADD, FZ,
	  0, 0x80000001, 0, 0, FZ | IDC },
	{ "FZ: -denormal + 0 is -0 + +0 = -0 (RM)", VADD, FZ | RM,
	  0, 0x80000001, 0, 0x80000000, FZ | RM | IDC },
	/* NaNs and default NaN mode. */
	{ "QNaN + 1 keeps the payload", VADD, 0, 0, QNAN1, ONE, QNAN1, 0 },
	{ "DN: QNaN + 1 is the default NaN", VADD, DN, 0, QNAN1, ONE, DNAN, DN },
	{ "SNaN + 1 is the quietened SNaN, IOC", VADD, 0, 0, SNAN1, ONE, QNAN1, IOC },
	{ "DN: SNaN + 1 is the default NaN, IOC", VADD, DN, 0, SNAN1, ONE, DNAN, DN | IOC },
	{ "QNaN + SNaN: the signalling one wins", VADD, 0,
	  0, QNAN1, 0xff822222, 0xffc22222, IOC },
	{ "inf - inf is the default NaN, IOC", VSUB, 0, 0, PINF, PINF, DNAN, IOC },
	{ "1 / 0 is +inf, DZC", VDIV, 0, 0, ONE, 0, PINF, DZC },
	{ "0 / 0 is the default NaN, IOC", VDIV, 0, 0, 0, 0, DNAN, IOC },
	{ "VSQRT(-1) is the default NaN, IOC", VSQRT, 0, 0, 0, 0xbf800000, DNAN, IOC },
	{ "VSQRT(-0) is -0", VSQRT, 0, 0, 0, 0x80000000, 0x80000000, 0 },
	{ "VNEG of an SNaN flips the sign only, even with DN", VNEG, DN,
	  0, 0, 0x7f812345, 0xff812345, DN },
	/* NaN priority: VMLA is VMUL then VADD(Sd, product), VFMA one
	 * FPMulAdd(Sd, Sn, Sm) with FPProcessNaNs3(Sd, Sn, Sm). */
	{ "VMLA: QNaN Sd, SNaN Sn: the quietened product loses to Sd", VMLA, 0,
	  QNAN1, SNAN2, ONE, QNAN1, IOC },
	{ "VFMA: QNaN Sd, SNaN Sn: the signalling Sn wins", VFMA, 0,
	  QNAN1, SNAN2, ONE, QNAN2, IOC },
	{ "VMLA: SNaN Sd, QNaN Sn", VMLA, 0, SNAN1, QNAN2, ONE, QNAN1, IOC },
	{ "VFMA: SNaN Sd, QNaN Sn, SNaN Sm: Sd first", VFMA, 0,
	  SNAN1, QNAN2, 0x7f833333, QNAN1, IOC },
	{ "VFMA: QNaN Sd, QNaN Sn: Sd first, no flags", VFMA, 0,
	  QNAN1, QNAN2, ONE, QNAN1, 0 },
	{ "VFMA: QNaN Sd + inf * 0 is the default NaN, IOC", VFMA, 0,
	  QNAN1, PINF, 0, DNAN, IOC },
	{ "VMLA: QNaN Sd + inf * 0 is Sd, IOC from the product", VMLA, 0,
	  QNAN1, PINF, 0, QNAN1, IOC },
	{ "VNMLA: -(QNaN Sd) - 1 * 1 is the negated NaN", VNMLA, 0,
	  QNAN1, ONE, ONE, 0xffc11111, 0 },
	{ "VFNMA: -Sd + -(QNaN Sn) * 1 is the negated NaN", VFNMA, 0,
	  ONE, QNAN2, ONE, 0xffc22222, 0 },
	{ "VFMS: Sd + -(QNaN Sn) * 1 is the negated NaN", VFMS, 0,
	  ONE, QNAN2, ONE, 0xffc22222, 0 },
	{ "VFMA: one rounding: 1 + (1 + 2^-23)(1 - 2^-23) is 2 - 2^-46 -> 2 (RN)", VFMA, 0,
	  ONE, 0x3f800001, 0x3f7ffffe, 0x40000000, IXC },
	{ "VFMA: one rounding, RZ: 2 - 2^-46 -> 2 - 2^-23", VFMA, RZ,
	  ONE, 0x3f800001, 0x3f7ffffe, 0x3fffffff, RZ | IXC },
	/* Conversions to integers saturate with IOC (and no IXC). */
	{ "VCVT.S32: 2^31 saturates", VCVT_S32_F32, 0, 0, 0, 0x4f000000, 0x7fffffff, IOC },
	{ "VCVT.S32: -2^31 is exact", VCVT_S32_F32, 0, 0, 0, 0xcf000000, 0x80000000, 0 },
	{ "VCVT.S32: below -2^31 saturates", VCVT_S32_F32, 0, 0, 0, 0xcf000001, 0x80000000, IOC },
	{ "VCVT.S32: the largest float below 2^31", VCVT_S32_F32, 0,
	  0, 0, 0x4effffff, 0x7fffff80, 0 },
	{ "VCVT.S32: NaN is 0, IOC", VCVT_S32_F32, 0, 0, 0, QNAN1, 0, IOC },
	{ "VCVT.S32: -inf saturates", VCVT_S32_F32, 0, 0, 0, NINF, 0x80000000, IOC },
	{ "VCVT.S32: -1.5 rounds towards zero", VCVT_S32_F32, RP,
	  0, 0, 0xbfc00000, 0xffffffff, RP | IXC },
	{ "VCVT.S32: FZ flushes a denormal input (IDC, no IXC)", VCVT_S32_F32, FZ,
	  0, 0, 0x00000001, 0, FZ | IDC },
	{ "VCVT.S32: a denormal input without FZ is inexact", VCVT_S32_F32, 0,
	  0, 0, 0x00000001, 0, IXC },
	{ "VCVT.U32: -1 saturates to 0", VCVT_U32_F32, 0, 0, 0, 0xbf800000, 0, IOC },
	{ "VCVT.U32: -0.5 rounds to 0, inexact only", VCVT_U32_F32, 0, 0, 0, 0xbf000000, 0, IXC },
	{ "VCVT.U32: 2^32 saturates", VCVT_U32_F32, 0, 0, 0, 0x4f800000, 0xffffffff, IOC },
	{ "VCVT.U32: the largest float below 2^32", VCVT_U32_F32, 0,
	  0, 0, 0x4f7fffff, 0xffffff00, 0 },
	{ "VCVTR.S32 (RN): 2.5 -> 2", VCVTR_S32_F32, 0, 0, 0, 0x40200000, 2, IXC },
	{ "VCVTR.S32 (RN): -2.5 -> -2", VCVTR_S32_F32, 0, 0, 0, 0xc0200000, 0xfffffffe, IXC },
	{ "VCVTR.S32 (RM): -0.5 -> -1", VCVTR_S32_F32, RM, 0, 0, 0xbf000000, 0xffffffff, RM | IXC },
	{ "VCVTR.U32 (RN): -0.75 -> -1 saturates to 0, IOC without IXC", VCVTR_U32_F32, 0,
	  0, 0, 0xbf400000, 0, IOC },
	{ "VCVTR.U32 (RN): -0.25 -> 0, IXC", VCVTR_U32_F32, 0, 0, 0, 0xbe800000, 0, IXC },
	{ "VCVT.S16: 32768 saturates to 0x7fff", VCVT_S16_F32_Q0, 0,
	  0x47000000, 0, 0, 0x00007fff, IOC },
	{ "VCVT.S16: -40000 saturates to -32768 (sign-extended)", VCVT_S16_F32_Q0, 0,
	  0xc71c4000, 0, 0, 0xffff8000, IOC },
	{ "VCVT.S16: 1.5 rounds towards zero even in RP", VCVT_S16_F32_Q0, RP,
	  0x3fc00000, 0, 0, 1, RP | IXC },
	{ "VCVT.U16: 65536 saturates to 0xffff", VCVT_U16_F32_Q0, 0,
	  0x47800000, 0, 0, 0x0000ffff, IOC },
	{ "VCVT.U16: -1 saturates to 0", VCVT_U16_F32_Q0, 0, 0xbf800000, 0, 0, 0, IOC },
	{ "VCVT.S32 #1: 2^30 * 2 saturates", VCVT_S32_F32_Q1, 0,
	  0x4e800000, 0, 0, 0x7fffffff, IOC },
	{ "VCVT.S32 #1: 0.75 * 2 -> 1", VCVT_S32_F32_Q1, 0, 0x3f400000, 0, 0, 1, IXC },
	{ "VCVT.F32.U32: 0xffffffff rounds to 2^32", VCVT_F32_U32, 0,
	  0, 0, 0xffffffff, 0x4f800000, IXC },
	{ "VCVT.F32.S32: 0x80000001 rounds to -2^31", VCVT_F32_S32, 0,
	  0, 0, 0x80000001, 0xcf000000, IXC },
	{ "VCVT.F32.S32 (RZ): 0x7fffffff -> 2^31 - 128", VCVT_F32_S32, RZ,
	  0, 0, 0x7fffffff, 0x4effffff, RZ | IXC },
	{ "VCVT.F32.S16 #16: the low halfword 0x8000 is -0.5", VCVT_F32_S16_Q16, 0,
	  0x12348000, 0, 0, 0xbf000000, 0 },
	{ "VCVT.F32.S16 #16: 1 is 2^-16", VCVT_F32_S16_Q16, 0, 0xffff0001, 0, 0, 0x37800000, 0 },
	/* Half precision: S0's other half is kept. */
	{ "VCVTB.F16: 65520 overflows to inf, OFC IXC", VCVTB_F16_F32, 0,
	  0xaaaa5555, 0, 0x477ff000, 0xaaaa7c00, OFC | IXC },
	{ "VCVTB.F16: 65504 is the largest half", VCVTB_F16_F32, 0,
	  0xaaaa5555, 0, 0x477fe000, 0xaaaa7bff, 0 },
	{ "VCVTB.F16: QNaN keeps the top of the payload", VCVTB_F16_F32, 0,
	  0xaaaa5555, 0, 0x7fc12345, 0xaaaa7e09, 0 },
	{ "VCVTB.F16: DN gives the default half NaN", VCVTB_F16_F32, DN,
	  0xaaaa5555, 0, 0x7fc12345, 0xaaaa7e00, DN },
	{ "VCVTB.F16: SNaN is quietened, IOC", VCVTB_F16_F32, 0,
	  0xaaaa5555, 0, 0x7f812345, 0xaaaa7e09, IOC },
	{ "VCVTB.F16 AHP: inf is the largest value, IOC", VCVTB_F16_F32, AHP,
	  0xaaaa5555, 0, PINF, 0xaaaa7fff, AHP | IOC },
	{ "VCVTB.F16 AHP: NaN is 0, IOC", VCVTB_F16_F32, AHP,
	  0xaaaa5555, 0, 0xffc00000, 0xaaaa8000, AHP | IOC },
	{ "VCVTB.F16: 2^-25 ties to +0, UFC IXC", VCVTB_F16_F32, 0,
	  0xaaaa5555, 0, 0x33000000, 0xaaaa0000, UFC | IXC },
	{ "VCVTB.F16: FZ does not flush a half result (2^-24)", VCVTB_F16_F32, FZ,
	  0xaaaa5555, 0, 0x33800000, 0xaaaa0001, FZ },
	{ "VCVTB.F16: FZ flushes a single denormal input, IDC", VCVTB_F16_F32, FZ,
	  0xaaaa5555, 0, 0x80000001, 0xaaaa8000, FZ | IDC },
	{ "VCVTT.F16: 1.0 into the top half", VCVTT_F16_F32, 0,
	  0xaaaa5555, 0, ONE, 0x3c005555, 0 },
	{ "VCVTB.F32.F16: a half SNaN is quietened, IOC", VCVTB_F32_F16, 0,
	  0, 0, 0x12347d00, 0x7fe00000, IOC },
	{ "VCVTB.F32.F16: DN, half SNaN: default NaN", VCVTB_F32_F16, DN,
	  0, 0, 0x12347d00, DNAN, DN | IOC },
	{ "VCVTT.F32.F16: the smallest half denormal, FZ or not", VCVTT_F32_F16, FZ,
	  0, 0, 0x00011234, 0x33800000, FZ },
	{ "VCVTB.F32.F16 AHP: 0x7c00 is 65536", VCVTB_F32_F16, AHP,
	  0, 0, 0x00007c00, 0x47800000, AHP },
	/* Compares: NZCV in FPSCR. */
	{ "VCMP QNaN: unordered, no IOC", VCMP, 0, QNAN1, 0, ONE, QNAN1, 0x30000000 },
	{ "VCMPE QNaN: unordered, IOC", VCMPE, 0, QNAN1, 0, ONE, QNAN1, 0x30000000 | IOC },
	{ "VCMP SNaN: unordered, IOC", VCMP, 0, ONE, 0, SNAN1, ONE, 0x30000000 | IOC },
	{ "VCMP -0, +0: equal", VCMP, 0xf0000000, 0x80000000, 0, 0, 0x80000000, 0x60000000 },
	{ "VCMP 1 < 2", VCMP, 0, ONE, 0, 0x40000000, ONE, 0x80000000 },
	{ "VCMP with zero, FZ: a denormal is zero, IDC", VCMP_ZERO, FZ,
	  0x80000001, 0, 0, 0x80000001, 0x60000000 | FZ | IDC },
	{ "VCMP with zero, no FZ: a denormal is greater", VCMP_ZERO, 0,
	  0x00000001, 0, 0, 0x00000001, 0x20000000 },
};

static void fp_directed(struct dctx *d)
{
	for (unsigned i = 0; i < sizeof fp_cases / sizeof fp_cases[0]; i++) {
		const struct fp_case *c = &fp_cases[i];
		struct ls_block *b = begin(d, c->name, 0);
		b->init.s[0] = c->s0;
		b->init.s[1] = c->s1;
		b->init.s[2] = c->s2;
		ls_emit_fpscr(b, 12, c->fpscr);
		ls_emit32(b, c->hw1, c->hw2);
		b->expect_smask = 1;
		b->expect_s[0] = c->want_s0;
		b->expect_fpscr = true;
		b->expect_fpscr_val = c->want_fpscr;
		run(d);
	}

	/* VMSR keeps only the FPSCR bits that exist on M-profile. */
	struct ls_block *b = begin(d, "VMSR FPSCR, 0xffffffff; VMRS r0", 0);
	ls_emit_fpscr(b, 12, 0xffffffffu);
	ls_emit32(b, 0xeef1, 0x0a10); /* VMRS r0, FPSCR */
	expect(b, 0, 0xf7c0009fu);
	run(d);

	/* VCMP, VMRS APSR_nzcv, then an ITE on the FP condition: GT picks
	 * S4 = S5, LE (including unordered) S4 = S6. */
	static const uint32_t lhs[] = { 0x40000000, ONE, 0x3f000000, QNAN1, NINF };
	for (unsigned i = 0; i < 5; i++) {
		b = begin(d, "VCMP; VMRS APSR_nzcv; ITE GT; VMOVGT; VMOVLE", 0x90000000u);
		b->init.s[0] = lhs[i];
		b->init.s[2] = ONE;
		ls_emit_fpscr(b, 12, 0);
		ls_emit32(b, VCMP);
		ls_emit32(b, 0xeef1, 0xfa10); /* VMRS APSR_nzcv, FPSCR */
		ls_emit16(b, 0xbfcc);         /* ITE GT */
		ls_emit32(b, 0xeeb0, 0x2a62); /* VMOVGT.F32 s4, s5 */
		ls_emit32(b, 0xeeb0, 0x2a43); /* VMOVLE.F32 s4, s6 */
		b->expect_smask = 1u << 4;
		b->expect_s[4] = i == 0 ? b->init.s[5] : b->init.s[6];
		run(d);
	}
}

/* ---- known Unicorn differences (docs/lockstep.md) ---------------------------- */

static void unicorn_differences(struct dctx *d)
{
	/* ISB inside an IT block: ISB<c> is allowed there and ITSTATE
	 * advances past it; Unicorn (QEMU's ISB ends the translation block
	 * without saving the IT state) leaves the IT block, so the "else"
	 * instruction after it executes unconditionally. */
	struct ls_block *b = begin(d, "ISB inside an IT block keeps ITSTATE", 0x40000000u);
	b->init.r[0] = 0;
	b->init.r[1] = 0x11111111;
	ls_emit16(b, 0xbf06);         /* ITTE EQ (Z = 1) */
	ls_emit32(b, 0xf3bf, 0x8f6f); /* ISBEQ */
	ls_emit32(b, 0xf100, 0x0001); /* ADDEQ.W r0, r0, #1: executes */
	ls_emit32(b, 0xf101, 0x0101); /* ADDNE.W r1, r1, #1: skipped */
	expect(b, 0, 1);
	expect(b, 1, 0x11111111);
	b->unicorn_differs = true;
	run(d);
}

unsigned ls_directed(bool (*runfn)(void *ctx, struct ls_block *b), void *ctx)
{
	static struct dctx d;
	d.run = runfn;
	d.ctx = ctx;
	d.n = 0;
	d.failed = false;
	shifts(&d);
	arith(&d);
	saturation(&d);
	it_conditions(&d);
	unaligned(&d);
	ldm_stm_base(&d);
	for (unsigned half = 0; half < 2; half++)
		for (unsigned reg = 0; reg < 2; reg++)
			for (unsigned i = 0; i < 6; i++)
				table_branch(&d, half, reg, i);
	exclusives(&d);
	division(&d);
	fp_directed(&d);
	unicorn_differences(&d);
	return d.failed ? 0 : d.n;
}
