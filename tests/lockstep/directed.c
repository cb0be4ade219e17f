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
	unicorn_differences(&d);
	return d.failed ? 0 : d.n;
}
