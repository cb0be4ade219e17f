/*
 * The Thumb encoding table and decoder: no undeclared overlaps, every
 * entry reachable, and the fields of representative 16- and 32-bit
 * encodings (registers, expanded immediates and their carry, shifts,
 * absolute branch/literal targets, flag-setting rules, cycle costs).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/fpu.h"
#include "check_run.h"

static int find_entry(const char *name)
{
	for (unsigned i = 0; i < cpu_enc_count; i++)
		if (strcmp(cpu_enc_table[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Does entry i declare (directly or through the entries it shadows) that
 * it overlaps entry j? */
static bool declared(unsigned i, unsigned j, unsigned depth)
{
	const char *over = cpu_enc_table[i].over;
	if (!over || depth > 8)
		return false;
	char buf[256];
	snprintf(buf, sizeof buf, "%s", over);
	for (char *save, *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		int k = find_entry(tok);
		if (k < 0)
			continue;
		if ((unsigned)k == j || declared((unsigned)k, j, depth + 1))
			return true;
	}
	return false;
}

static bool overlap(const struct cpu_enc *a, const struct cpu_enc *b)
{
	return a->width == b->width && ((a->match ^ b->match) & a->mask & b->mask) == 0;
}

START_TEST(test_table_well_formed)
{
	for (unsigned i = 0; i < cpu_enc_count; i++) {
		const struct cpu_enc *e = &cpu_enc_table[i];
		ck_assert_msg((e->match & ~e->mask) == 0, "%s: match outside mask", e->name);
		ck_assert_msg(e->fn && e->format && e->cycles, "%s: incomplete", e->name);
		ck_assert_msg(find_entry(e->name) == (int)i, "%s: duplicate name", e->name);
		if (e->width == ENC16) {
			ck_assert_msg(e->mask <= 0xffff && !cpu_is_32bit(e->match),
				      "%s: not a 16-bit encoding", e->name);
		} else {
			ck_assert_msg(cpu_is_32bit(e->match >> 16) && cpu_is_32bit(e->mask >> 16),
				      "%s: not a 32-bit encoding", e->name);
		}
	}
}
END_TEST

/* Any two entries that can match the same bits must be declared, the
 * earlier one naming the later; every declared name exists, comes later
 * and really overlaps (a stale declaration is an error too). */
START_TEST(test_table_no_undeclared_overlap)
{
	for (unsigned i = 0; i < cpu_enc_count; i++) {
		const struct cpu_enc *a = &cpu_enc_table[i];
		for (unsigned j = i + 1; j < cpu_enc_count; j++) {
			const struct cpu_enc *b = &cpu_enc_table[j];
			if (overlap(a, b))
				ck_assert_msg(declared(i, j, 0), "%s overlaps %s undeclared",
					      a->name, b->name);
		}
		if (!a->over)
			continue;
		char buf[256];
		snprintf(buf, sizeof buf, "%s", a->over);
		for (char *save, *tok = strtok_r(buf, " ", &save); tok;
		     tok = strtok_r(NULL, " ", &save)) {
			int k = find_entry(tok);
			ck_assert_msg(k > (int)i, "%s: shadows unknown or earlier %s", a->name, tok);
			ck_assert_msg(overlap(a, &cpu_enc_table[k]), "%s does not overlap %s",
				      a->name, tok);
		}
	}
}
END_TEST

/* Every entry decodes something: all 16-bit halfwords are tried; 32-bit
 * entries with their own pattern and random don't-care bits. */
START_TEST(test_table_every_entry_reachable)
{
	unsigned *hits = calloc(cpu_enc_count, sizeof *hits);
	struct cpu_insn in;
	ck_assert_ptr_nonnull(hits);
	for (uint32_t op = 0; op < 0x10000; op++) {
		if (cpu_is_32bit(op))
			continue;
		int k = cpu_decode_insn(&in, op, ENC16, 0x1000);
		if (k >= 0)
			hits[k]++;
	}
	srand(1);
	for (unsigned i = 0; i < cpu_enc_count; i++) {
		const struct cpu_enc *e = &cpu_enc_table[i];
		if (e->width != ENC32)
			continue;
		for (int t = 0; t < 4000 && !hits[i]; t++) {
			uint32_t rnd = ((uint32_t)rand() << 16) ^ (uint32_t)rand();
			uint32_t op = e->match | (rnd & ~e->mask);
			if (t == 0)
				op = e->match;
			if (cpu_decode_insn(&in, op, ENC32, 0x1000) == (int)i)
				hits[i]++;
		}
	}
	for (unsigned i = 0; i < cpu_enc_count; i++)
		ck_assert_msg(hits[i] > 0, "%s never decodes", cpu_enc_table[i].name);
	free(hits);
}
END_TEST

static struct cpu_insn dec16(uint16_t op, uint32_t pc)
{
	struct cpu_insn in;
	cpu_decode_insn(&in, op, ENC16, pc);
	ck_assert_uint_eq(in.len, 2);
	return in;
}

static struct cpu_insn dec32(uint16_t hw1, uint16_t hw2, uint32_t pc)
{
	struct cpu_insn in;
	cpu_decode_insn(&in, ((uint32_t)hw1 << 16) | hw2, ENC32, pc);
	ck_assert_uint_eq(in.len, 4);
	return in;
}

static const char *name(const struct cpu_insn *in)
{
	return in->enc < cpu_enc_count ? cpu_enc_table[in->enc].name : "undefined";
}

START_TEST(test_decode_data_processing)
{
	struct cpu_insn in = dec16(0x1842, 0); /* adds r2, r0, r1 */
	ck_assert(in.fn == alu_add_reg);
	ck_assert_str_eq(name(&in), "ADD-reg");
	ck_assert_uint_eq(in.rd, 2);
	ck_assert_uint_eq(in.rn, 0);
	ck_assert_uint_eq(in.rm, 1);
	ck_assert_uint_eq(in.sf, SF_NOT_IT);
	ck_assert_uint_eq(in.cycles, 1);

	in = dec32(0xeb10, 0x0241, 0); /* adds.w r2, r0, r1, lsl #1 : same handler */
	ck_assert(in.fn == alu_add_reg);
	ck_assert_uint_eq(in.sf, SF_ALWAYS);
	ck_assert_uint_eq(in.shift_t, SHIFT_LSL);
	ck_assert_uint_eq(in.shift_n, 1);

	in = dec16(0x0801, 0); /* lsrs r1, r0, #32 */
	ck_assert(in.fn == alu_mov_reg);
	ck_assert_uint_eq(in.shift_t, SHIFT_LSR);
	ck_assert_uint_eq(in.shift_n, 32);

	in = dec32(0xea5f, 0x0530, 0); /* movs.w r5, r0, rrx */
	ck_assert_str_eq(name(&in), "MOV.W");
	ck_assert_uint_eq(in.shift_t, SHIFT_RRX);

	in = dec32(0xea40, 0x0001, 0); /* orr.w r0, r0, r1: not MOV */
	ck_assert_str_eq(name(&in), "ORR.W");

	in = dec32(0xf04f, 0x11ab, 0); /* mov.w r1, #0x00ab00ab */
	ck_assert(in.fn == alu_mov_imm);
	ck_assert_uint_eq(in.imm, 0x00ab00ab);
	ck_assert_uint_eq(in.flags & INSN_IMM_C, 0);
	ck_assert_uint_eq(in.sf, SF_NEVER);

	in = dec32(0xf05f, 0x4500, 0); /* movs.w r5, #0x80000000 */
	ck_assert_uint_eq(in.imm, 0x80000000);
	ck_assert_uint_eq(in.flags & (INSN_IMM_C | INSN_IMM_C1), INSN_IMM_C | INSN_IMM_C1);

	in = dec32(0xf015, 0x47fe, 0); /* ands.w r7, r5, #0x7f000000 */
	ck_assert_uint_eq(in.imm, 0x7f000000);
	ck_assert_uint_eq(in.flags & (INSN_IMM_C | INSN_IMM_C1), INSN_IMM_C);

	in = dec32(0xf010, 0x0f01, 0); /* tst.w r0, #1 */
	ck_assert(in.fn == alu_tst_imm);

	in = dec32(0xf241, 0x2934, 0); /* movw r9, #0x1234 */
	ck_assert_str_eq(name(&in), "MOVW");
	ck_assert_uint_eq(in.imm, 0x1234);
	ck_assert_uint_eq(in.rd, 9);

	in = dec32(0xf2af, 0x0a30, 0x100); /* adr.w r10, pc - 48 */
	ck_assert_uint_eq(in.imm, 0x104 - 48);

	in = dec16(0x4687, 0); /* mov pc, r0 */
	ck_assert(in.fn == alu_mov_reg);
	ck_assert_uint_eq(in.rd, 15);
	ck_assert_uint_eq(in.sf, SF_NEVER);

	in = dec16(0x4343, 0); /* muls r3, r0 */
	ck_assert(in.fn == alu_mul);
	ck_assert_uint_eq(in.rd, 3);
	ck_assert_uint_eq(in.rm, 3);
	ck_assert_uint_eq(in.rn, 0);

	in = dec32(0xfb90, 0xf2f1, 0); /* sdiv r2, r0, r1 */
	ck_assert(in.fn == alu_sdiv);
	ck_assert_uint_eq(in.rd, 2);

	in = dec32(0xfbc0, 0x6701, 0); /* smlal r6, r7, r0, r1 */
	ck_assert(in.fn == alu_smlal);
	ck_assert_uint_eq(in.rd, 6);
	ck_assert_uint_eq(in.ra, 7);
	ck_assert_uint_eq(in.cycles, 4);

	in = dec32(0xf360, 0x2113, 0); /* bfi r1, r0, #8, #12 */
	ck_assert_uint_eq(in.shift_n, 8);
	ck_assert_uint_eq(in.imm, 19);
	in = dec32(0xf360, 0x2107, 0); /* bfi with msb < lsb: UNPREDICTABLE -> UNDEFINED */
	ck_assert(in.fn == misc_undef);
}
END_TEST

START_TEST(test_decode_branches_and_literals)
{
	struct cpu_insn in = dec32(0xf000, 0xf802, 0x100); /* bl 0x108 */
	ck_assert(in.fn == br_bl);
	ck_assert_uint_eq(in.imm, 0x108);

	in = dec32(0xf7ff, 0xfffe, 0x2000); /* bl . */
	ck_assert_uint_eq(in.imm, 0x2000);

	in = dec32(0xf43f, 0xaffe, 0x2000); /* beq.w . */
	ck_assert(in.fn == br_bcond);
	ck_assert_uint_eq(in.ra, 0);
	ck_assert_uint_eq(in.imm, 0x2000);

	in = dec16(0xe7f7, 0x110); /* b.n 0x104 */
	ck_assert(in.fn == br_b);
	ck_assert_uint_eq(in.imm, 0x102);

	in = dec16(0xd1fe, 0x200); /* bne.n . */
	ck_assert_uint_eq(in.ra, 1);
	ck_assert_uint_eq(in.imm, 0x200);

	in = dec16(0xb922, 0x10a); /* cbnz r2, +8 */
	ck_assert(in.fn == br_cbnz);
	ck_assert_uint_eq(in.imm, 0x10a + 4 + 8);

	in = dec16(0x4809, 0x102); /* ldr r0, [pc, #36] */
	ck_assert(in.fn == ldst_ldr_lit);
	ck_assert_uint_eq(in.imm, 0x104 + 36);

	in = dec32(0xf85f, 0x1004, 0x102); /* ldr.w r1, [pc, #-4] */
	ck_assert(in.fn == ldst_ldr_lit);
	ck_assert_uint_eq(in.imm, 0x104 - 4);

	in = dec32(0xe8df, 0xf000, 0); /* tbb [pc, r0] */
	ck_assert(in.fn == ldst_tbb);

	in = dec16(0x4770, 0); /* bx lr */
	ck_assert(in.fn == br_bx);
	ck_assert_uint_eq(in.rm, 14);
}
END_TEST

START_TEST(test_decode_loads_stores)
{
	struct cpu_insn in = dec32(0xe92d, 0x4ff0, 0); /* push.w {r4-r11, lr} */
	ck_assert(in.fn == ldst_stmdb);
	ck_assert_uint_eq(in.rn, 13);
	ck_assert_uint_eq(in.imm, 0x4ff0);
	ck_assert_uint_eq(in.flags & INSN_WBACK, INSN_WBACK);
	ck_assert_uint_eq(in.cycles, 10);

	in = dec16(0xbd10, 0); /* pop {r4, pc} */
	ck_assert(in.fn == ldst_ldm);
	ck_assert_uint_eq(in.imm, 0x8010);
	ck_assert_uint_eq(in.cycles, 3);

	in = dec16(0xc90c, 0); /* ldmia r1, {r2, r3}: writeback */
	ck_assert_uint_eq(in.flags & INSN_WBACK, INSN_WBACK);
	in = dec16(0xc906, 0); /* ldmia r1, {r1, r2}: Rn in list, no writeback */
	ck_assert_uint_eq(in.flags & INSN_WBACK, 0);

	in = dec16(0x8842, 0); /* ldrh r2, [r0, #2] */
	ck_assert(in.fn == ldst_ldrh_imm);
	ck_assert_uint_eq(in.imm, 2);
	in = dec16(0x6841, 0); /* ldr r1, [r0, #4] */
	ck_assert_uint_eq(in.imm, 4);
	in = dec16(0x7841, 0); /* ldrb r1, [r0, #1] */
	ck_assert_uint_eq(in.imm, 1);

	in = dec32(0xf930, 0x9c02, 0); /* ldrsh.w r9, [r0, #-2] */
	ck_assert(in.fn == ldst_ldrsh_imm);
	ck_assert_uint_eq(in.flags & (INSN_INDEX | INSN_ADD | INSN_WBACK), INSN_INDEX);

	in = dec32(0xf850, 0x1b04, 0); /* ldr.w r1, [r0], #4 */
	ck_assert_uint_eq(in.flags & (INSN_INDEX | INSN_ADD | INSN_WBACK), INSN_ADD | INSN_WBACK);

	/* The unprivileged forms (PUW = 110) get their own handlers. */
	in = dec32(0xf850, 0x1e04, 0); /* ldrt r1, [r0, #4] */
	ck_assert(in.fn == ldst_ldrt);
	ck_assert_uint_eq(in.flags, INSN_INDEX | INSN_ADD | INSN_UNPRIV);
	ck_assert(dec32(0xf810, 0x1e04, 0).fn == ldst_ldrbt);
	ck_assert(dec32(0xf830, 0x1e04, 0).fn == ldst_ldrht);
	ck_assert(dec32(0xf910, 0x1e04, 0).fn == ldst_ldrsbt);
	ck_assert(dec32(0xf930, 0x1e04, 0).fn == ldst_ldrsht);
	ck_assert(dec32(0xf840, 0x1e04, 0).fn == ldst_strt);
	ck_assert(dec32(0xf800, 0x1e04, 0).fn == ldst_strbt);
	ck_assert(dec32(0xf820, 0x1e04, 0).fn == ldst_strht);
	/* PUW = 111 (pre-indexed with writeback) is the normal form. */
	in = dec32(0xf850, 0x1f04, 0); /* ldr r1, [r0, #4]! */
	ck_assert(in.fn == ldst_ldr_imm);
	ck_assert(!(in.flags & INSN_UNPRIV));

	in = dec32(0xf850, 0x1804, 0); /* P=0 W=0: UNDEFINED */
	ck_assert(in.fn == misc_undef);

	in = dec32(0xf890, 0xf000, 0); /* pld [r0] */
	ck_assert(in.fn == misc_nop);

	in = dec32(0xf8d0, 0xf000, 0); /* ldr.w pc, [r0] stays a load */
	ck_assert(in.fn == ldst_ldr_imm);

	in = dec32(0xf850, 0x2021, 0); /* ldr.w r2, [r0, r1, lsl #2] */
	ck_assert(in.fn == ldst_ldr_reg);
	ck_assert_uint_eq(in.shift_n, 2);

	in = dec32(0xe9e0, 0x2302, 0); /* strd r2, r3, [r0, #8]! */
	ck_assert(in.fn == ldst_strd);
	ck_assert_uint_eq(in.ra, 3);
	ck_assert_uint_eq(in.imm, 8);

	in = dec32(0xe840, 0x1200, 0); /* strex r2, r1, [r0] */
	ck_assert(in.fn == ldst_strex);
	ck_assert_uint_eq(in.rd, 2);
	ck_assert_uint_eq(in.rm, 1);
}
END_TEST

START_TEST(test_decode_system)
{
	struct cpu_insn in = dec16(0xbf00, 0);
	ck_assert(in.fn == misc_nop);
	ck_assert(dec16(0xbf30, 0).fn == misc_wfi);
	ck_assert(dec16(0xbf20, 0).fn == misc_wfe);
	ck_assert(dec16(0xbf40, 0).fn == misc_sev);
	in = dec16(0xbf08, 0); /* it eq */
	ck_assert(in.fn == misc_it);
	ck_assert_uint_eq(in.imm, 0x08);
	ck_assert(dec16(0xde05, 0).fn == misc_undef);
	in = dec16(0xdf01, 0);
	ck_assert(in.fn == misc_svc);
	ck_assert_uint_eq(in.imm, 1);
	in = dec16(0xbeab, 0);
	ck_assert(in.fn == misc_bkpt);
	ck_assert_uint_eq(in.imm, 0xab);
	in = dec16(0xb672, 0); /* cpsid i */
	ck_assert(in.fn == misc_cps);
	ck_assert_uint_eq(in.imm, 1);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert(dec32(0xf3bf, 0x8f5f, 0).fn == misc_nop);    /* dmb sy */
	ck_assert(dec32(0xf3af, 0x8003, 0).fn == misc_wfi);    /* wfi.w */
	in = dec32(0xf3ef, 0x8009, 0);                         /* mrs r0, psp */
	ck_assert(in.fn == misc_mrs);
	ck_assert_uint_eq(in.imm, 9);
	in = dec32(0xf380, 0x8810, 0);                         /* msr primask, r0 */
	ck_assert(in.fn == misc_msr);
	ck_assert_uint_eq(in.imm, 16);
	ck_assert_uint_eq(in.ra, 2);
	ck_assert(dec32(0xf7f0, 0xa000, 0).fn == misc_undef);  /* udf.w */
	ck_assert(dec32(0xf3c0, 0x8000, 0).fn == misc_undef);  /* control space, unallocated */
	ck_assert(dec32(0xee00, 0x0f10, 0).fn == misc_nocp);   /* mcr p15, ...: not CP10/11 */
	ck_assert(dec32(0xfe00, 0x0e10, 0).fn == misc_nocp);   /* mcr2 p14, ... */
	ck_assert(dec32(0xe800, 0x0000, 0).fn == misc_undef);  /* SRS: not in v7-M */
	ck_assert_int_eq(cpu_decode_insn(&in, 0xb800, ENC16, 0), -1);
	ck_assert(in.fn == misc_undef);
}
END_TEST

/* Decode one FP encoding: its entry's name, what it needs of the unit. */
static struct cpu_insn decfp(uint16_t hw1, uint16_t hw2, const char *want, unsigned fpreq)
{
	struct cpu_insn in = dec32(hw1, hw2, 0x1000);
	ck_assert_msg(strcmp(name(&in), want) == 0, "%04x %04x: %s, not %s", hw1, hw2,
		      name(&in), want);
	ck_assert_msg(in.fpreq == fpreq, "%04x %04x: fpreq %u, not %u", hw1, hw2, in.fpreq,
		      fpreq);
	return in;
}

/* Register fields are S indexes, D<n> is 2n; literal addresses are
 * absolute; the VLDM family counts words and its cost is 1 + words. */
START_TEST(test_decode_fp_moves)
{
	struct cpu_insn in = decfp(0xee01, 0x4a90, "VMOV-to-S", FPQ_FP); /* vmov s3, r4 */
	ck_assert(in.fn == vfp_vmov_to_s);
	ck_assert_uint_eq(in.rd, 3);
	ck_assert_uint_eq(in.rn, 4);
	ck_assert_uint_eq(in.cycles, 1);
	in = decfp(0xee18, 0x5a90, "VMOV-from-S", FPQ_FP); /* vmov r5, s17 */
	ck_assert(in.fn == vfp_vmov_from_s);
	ck_assert_uint_eq(in.rd, 5);
	ck_assert_uint_eq(in.rn, 17);
	in = decfp(0xee1f, 0xfa90, "VMOV-from-S", FPQ_FP); /* vmov pc, s31 */
	ck_assert(in.fn == vfp_undef);

	in = decfp(0xec42, 0x1a1f, "VMOV-to-SS", FPQ_FP); /* vmov s30, s31, r1, r2 */
	ck_assert(in.fn == vfp_vmov_to_ss);
	ck_assert_uint_eq(in.rd, 30);
	ck_assert_uint_eq(in.rn, 1);
	ck_assert_uint_eq(in.ra, 2);
	ck_assert_uint_eq(in.cycles, 2);
	in = decfp(0xec42, 0x1a3f, "VMOV-to-SS", FPQ_FP); /* vmov s31, s32, r1, r2 */
	ck_assert(in.fn == vfp_undef);
	in = decfp(0xec52, 0x1a12, "VMOV-from-SS", FPQ_FP); /* vmov r1, r2, s4, s5 */
	ck_assert(in.fn == vfp_vmov_from_ss);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.ra, 2);
	ck_assert_uint_eq(in.rn, 4);
	in = decfp(0xec49, 0x8b17, "VMOV-to-D", FPQ_FP); /* vmov d7, r8, r9 */
	ck_assert(in.fn == vfp_vmov_to_ss);
	ck_assert_uint_eq(in.rd, 14);
	ck_assert_uint_eq(in.rn, 8);
	ck_assert_uint_eq(in.ra, 9);
	in = decfp(0xec59, 0x8b1f, "VMOV-from-D", FPQ_FP); /* vmov r8, r9, d15 */
	ck_assert(in.fn == vfp_vmov_from_ss);
	ck_assert_uint_eq(in.rn, 30);
	in = decfp(0xec59, 0x8b3f, "VMOV-from-D", FPQ_FP); /* vmov r8, r9, d31: no D31 */
	ck_assert(in.fn == vfp_undef);

	in = decfp(0xee23, 0x6b10, "VMOV-to-scalar", FPQ_FP); /* vmov.32 d3[1], r6 */
	ck_assert(in.fn == vfp_vmov_to_s);
	ck_assert_uint_eq(in.rd, 7);
	ck_assert_uint_eq(in.rn, 6);
	in = decfp(0xee13, 0x6b10, "VMOV-from-scalar", FPQ_FP); /* vmov.32 r6, d3[0] */
	ck_assert(in.fn == vfp_vmov_from_s);
	ck_assert_uint_eq(in.rd, 6);
	ck_assert_uint_eq(in.rn, 6);
	/* 8/16-bit scalars are Advanced SIMD: not on M-profile */
	in = decfp(0xee43, 0x6b10, "vfp-undef", FPQ_FP); /* vmov.8 d3[0], r6 */
	ck_assert(in.fn == vfp_undef);

	in = decfp(0xeef1, 0x2a10, "VMRS", FPQ_FP); /* vmrs r2, fpscr */
	ck_assert(in.fn == vfp_vmrs);
	ck_assert_uint_eq(in.rd, 2);
	in = decfp(0xeef1, 0xfa10, "VMRS", FPQ_FP); /* vmrs APSR_nzcv, fpscr */
	ck_assert(in.fn == vfp_vmrs_apsr);
	in = decfp(0xeef0, 0x2a10, "VMRS", FPQ_FP); /* vmrs r2, fpsid */
	ck_assert(in.fn == vfp_undef);
	in = decfp(0xeef7, 0x2a10, "VMRS", FPQ_FP); /* vmrs r2, mvfr0 */
	ck_assert(in.fn == vfp_undef);
	in = decfp(0xeee1, 0x3a10, "VMSR", FPQ_FP); /* vmsr fpscr, r3 */
	ck_assert(in.fn == vfp_vmsr);
	ck_assert_uint_eq(in.rn, 3);
	in = decfp(0xeee8, 0x3a10, "VMSR", FPQ_FP); /* vmsr fpexc, r3 */
	ck_assert(in.fn == vfp_undef);

	in = decfp(0xed51, 0x2a03, "VLDR", FPQ_FP); /* vldr s5, [r1, #-12] */
	ck_assert(in.fn == vfp_vldr);
	ck_assert_uint_eq(in.rd, 5);
	ck_assert_uint_eq(in.rn, 1);
	ck_assert_uint_eq(in.imm, (uint32_t)-12);
	ck_assert_uint_eq(in.cycles, 2);
	in = decfp(0xed92, 0x6bff, "VLDR", FPQ_FP); /* vldr d6, [r2, #1020] */
	ck_assert(in.fn == vfp_vldr_d);
	ck_assert_uint_eq(in.rd, 12);
	ck_assert_uint_eq(in.imm, 1020);
	in = decfp(0xedcd, 0x4a02, "VSTR", FPQ_FP); /* vstr s9, [sp, #8] */
	ck_assert(in.fn == vfp_vstr);
	ck_assert_uint_eq(in.rd, 9);
	ck_assert_uint_eq(in.rn, 13);
	ck_assert_uint_eq(in.imm, 8);
	in = decfp(0xed80, 0x1b00, "VSTR", FPQ_FP); /* vstr d1, [r0] */
	ck_assert(in.fn == vfp_vstr_d);
	ck_assert_uint_eq(in.rd, 2);
	in = decfp(0xed9f, 0x0a02, "VLDR", FPQ_FP); /* vldr s0, [pc, #8] at 0x1002 */
	in = dec32(0xed9f, 0x0a02, 0x1002);
	ck_assert_uint_eq(in.rn, 15);
	ck_assert_uint_eq(in.imm, 0x1004 + 8);
	in = decfp(0xedd2, 0x6b00, "VLDR", FPQ_FP); /* vldr d22, [r2]: no D22 */
	ck_assert(in.fn == vfp_undef);

	in = decfp(0xecb0, 0x1a06, "VLDM-IA", FPQ_FP); /* vldmia r0!, {s2-s7} */
	ck_assert(in.fn == vfp_vldm);
	ck_assert_uint_eq(in.rd, 2);
	ck_assert_uint_eq(in.rn, 0);
	ck_assert_uint_eq(in.ra, 6);
	ck_assert_uint_eq(in.imm, 24);
	ck_assert_uint_eq(in.flags, INSN_ADD | INSN_WBACK);
	ck_assert_uint_eq(in.cycles, 7);
	in = decfp(0xed31, 0x2b08, "VLDM-DB", FPQ_FP); /* vldmdb r1!, {d2-d5} */
	ck_assert(in.fn == vfp_vldm);
	ck_assert_uint_eq(in.rd, 4);
	ck_assert_uint_eq(in.ra, 8);
	ck_assert_uint_eq(in.imm, 32);
	ck_assert_uint_eq(in.flags, INSN_WBACK);
	ck_assert_uint_eq(in.cycles, 9);
	in = decfp(0xec82, 0x0a01, "VSTM-IA", FPQ_FP); /* vstmia r2, {s0} */
	ck_assert(in.fn == vfp_vstm);
	ck_assert_uint_eq(in.flags, INSN_ADD);
	ck_assert_uint_eq(in.cycles, 2);
	in = decfp(0xed23, 0x0b20, "VSTM-DB", FPQ_FP); /* vstmdb r3!, {d0-d15} */
	ck_assert(in.fn == vfp_vstm);
	ck_assert_uint_eq(in.ra, 32);
	ck_assert_uint_eq(in.cycles, 33);
	in = decfp(0xed2d, 0x8a10, "VPUSH", FPQ_FP); /* vpush {s16-s31} */
	ck_assert(in.fn == vfp_vstm);
	ck_assert_uint_eq(in.rd, 16);
	ck_assert_uint_eq(in.rn, 13);
	ck_assert_uint_eq(in.ra, 16);
	in = decfp(0xecbd, 0x8b10, "VPOP", FPQ_FP); /* vpop {d8-d15} */
	ck_assert(in.fn == vfp_vldm);
	ck_assert_uint_eq(in.rd, 16);
	ck_assert_uint_eq(in.ra, 16);
	ck_assert_uint_eq(in.flags, INSN_ADD | INSN_WBACK);
	in = decfp(0xecb0, 0x1a00, "VLDM-IA", FPQ_FP); /* empty list */
	ck_assert(in.fn == vfp_undef);
	in = decfp(0xecb0, 0x1a1f, "VLDM-IA", FPQ_FP); /* s2..s32: past S31 */
	ck_assert(in.fn == vfp_undef);
	ck_assert(decfp(0xecb0, 0x8b12, "VLDM-IA", FPQ_FP).fn == vfp_undef); /* d8..d16 */
	ck_assert(decfp(0xecbf, 0x0a01, "VLDM-IA", FPQ_FP).fn == vfp_undef); /* pc! */
	in = decfp(0xec9f, 0x0a01, "VLDM-IA", FPQ_FP);                        /* pc */
	ck_assert(in.fn == vfp_vldm);
	/* odd imm8 (FLDMX): the base moves by imm8 words */
	in = decfp(0xecb0, 0x0b05, "VLDM-IA", FPQ_FP);
	ck_assert_uint_eq(in.ra, 4);
	ck_assert_uint_eq(in.imm, 20);
	/* P = U = W = 1 */
	ck_assert(decfp(0xedb0, 0x0a01, "vfp-undef", FPQ_FP).fn == vfp_undef);
}
END_TEST

/* Data processing: the operation, its precision (handler and fpreq), the
 * registers as S indexes, rounding and signedness of conversions, and the
 * M4 costs. Encodings as binutils assembles them. */
START_TEST(test_decode_fp_arith)
{
	const unsigned SP = FPQ_FP, DP = FPQ_FP | FPQ_DP, V5 = FPQ_FP | FPQ_V5;
	struct cpu_insn in = decfp(0xeea0, 0x0a81, "VFMA", SP); /* vfma.f32 s0, s1, s2 */
	ck_assert(in.fn == vfp_fma);
	ck_assert_uint_eq(in.rd, 0);
	ck_assert_uint_eq(in.rn, 1);
	ck_assert_uint_eq(in.rm, 2);
	ck_assert_uint_eq(in.cycles, 3);
	ck_assert(decfp(0xeea0, 0x0ac1, "VFMS", SP).fn == vfp_fms);
	ck_assert(decfp(0xee90, 0x0ac1, "VFNMA", SP).fn == vfp_fnma);
	ck_assert(decfp(0xee90, 0x0a81, "VFNMS", SP).fn == vfp_fnms);
	ck_assert(decfp(0xee10, 0x0ac1, "VNMLA", SP).fn == vfp_nmla);
	ck_assert(decfp(0xee10, 0x0a81, "VNMLS", SP).fn == vfp_nmls);
	in = decfp(0xee82, 0x1b03, "VDIV", DP); /* vdiv.f64 d1, d2, d3 */
	ck_assert(in.fn == vfp_div_d);
	ck_assert_uint_eq(in.rd, 2);
	ck_assert_uint_eq(in.rn, 4);
	ck_assert_uint_eq(in.rm, 6);
	ck_assert_uint_eq(in.cycles, 14);
	in = decfp(0xee30, 0x0a80, "VADD", SP); /* vadd.f32 s0, s1, s0 */
	ck_assert(in.fn == vfp_add);
	ck_assert_uint_eq(in.cycles, 1);
	ck_assert(decfp(0xee30, 0x0ac0, "VSUB", SP).fn == vfp_sub);
	ck_assert(decfp(0xee20, 0x0a80, "VMUL", SP).fn == vfp_mul);
	ck_assert(decfp(0xee20, 0x0ac0, "VNMUL", SP).fn == vfp_nmul);
	ck_assert(decfp(0xee00, 0x0a80, "VMLA", SP).fn == vfp_mla);
	ck_assert(decfp(0xee00, 0x0ac0, "VMLS", SP).fn == vfp_mls);
	/* vadd.f64 d16, d0, d0: past D15 */
	ck_assert(decfp(0xee70, 0x0b00, "VADD", DP).fn == vfp_undef);
	in = decfp(0xeef1, 0x0ac1, "VSQRT", SP); /* vsqrt.f32 s1, s2 */
	ck_assert(in.fn == vfp_sqrt);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.rm, 2);
	ck_assert_uint_eq(in.cycles, 14);
	ck_assert(decfp(0xeeb0, 0x0ac0, "VABS", SP).fn == vfp_abs);
	ck_assert(decfp(0xeeb1, 0x0b40, "VNEG", DP).fn == vfp_neg_d);
	ck_assert(decfp(0xeeb0, 0x0b41, "VMOV-reg", DP).fn == vfp_mov_d);

	in = decfp(0xeeff, 0x0a08, "VMOV-imm", SP); /* vmov.f32 s1, #-1.5 */
	ck_assert(in.fn == vfp_vmov_imm);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.imm, 0xbfc00000);
	in = decfp(0xeeb4, 0x1b00, "VMOV-imm", DP); /* vmov.f64 d1, #0.125 */
	ck_assert(in.fn == vfp_vmov_imm_d);
	ck_assert_uint_eq(in.rd, 2);
	ck_assert_uint_eq(in.imm, 0x3fc00000);

	in = decfp(0xeef5, 0x0ac0, "VCMP-zero", SP); /* vcmpe.f32 s1, #0 */
	ck_assert(in.fn == vfp_cmpz);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.ra, 1);
	in = decfp(0xeeb4, 0x1b42, "VCMP", DP); /* vcmp.f64 d1, d2 */
	ck_assert(in.fn == vfp_cmp_d);
	ck_assert_uint_eq(in.ra, 0);

	in = decfp(0xeef2, 0x0a41, "VCVTB/T", SP); /* vcvtb.f32.f16 s1, s2 */
	ck_assert(in.fn == vfp_h2s);
	ck_assert_uint_eq(in.shift_n, 0);
	in = decfp(0xeef3, 0x0ac1, "VCVTB/T", SP); /* vcvtt.f16.f32 s1, s2 */
	ck_assert(in.fn == vfp_s2h);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.rm, 2);
	ck_assert_uint_eq(in.shift_n, 16);
	in = decfp(0xeeb2, 0x1b41, "VCVTB/T", DP | FPQ_V5); /* vcvtb.f64.f16 d1, s2 */
	ck_assert(in.fn == vfp_h2d);
	ck_assert_uint_eq(in.rd, 2);
	ck_assert_uint_eq(in.rm, 2);
	in = decfp(0xeef3, 0x0b42, "VCVTB/T", DP | FPQ_V5); /* vcvtb.f16.f64 s1, d2 */
	ck_assert(in.fn == vfp_d2h);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.rm, 4);

	in = decfp(0xeefd, 0x0ac1, "VCVT-to-int", SP); /* vcvt.s32.f32 s1, s2 */
	ck_assert(in.fn == vfp_tofix);
	ck_assert_uint_eq(in.ra, 1);
	ck_assert_uint_eq(in.shift_t, FPU_RZ);
	ck_assert_uint_eq(in.shift_n, 32);
	ck_assert_uint_eq(in.imm, 0);
	in = decfp(0xeefc, 0x0b42, "VCVT-to-int", DP); /* vcvtr.u32.f64 s1, d2 */
	ck_assert(in.fn == vfp_tofix_d);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.rm, 4);
	ck_assert_uint_eq(in.ra, 0);
	ck_assert_uint_eq(in.shift_t, FP_RM_FPSCR);
	in = decfp(0xeeb8, 0x1bc1, "VCVT-from-int", DP); /* vcvt.f64.s32 d1, s2 */
	ck_assert(in.fn == vfp_fromfix_d);
	ck_assert_uint_eq(in.rd, 2);
	ck_assert_uint_eq(in.rm, 2);
	ck_assert_uint_eq(in.ra, 1);
	in = decfp(0xeef8, 0x0a41, "VCVT-from-int", SP); /* vcvt.f32.u32 s1, s2 */
	ck_assert(in.fn == vfp_fromfix);
	ck_assert_uint_eq(in.ra, 0);
	in = decfp(0xeefe, 0x0a66, "VCVT-fixed", SP); /* vcvt.s16.f32 s1, s1, #3 */
	ck_assert(in.fn == vfp_tofix);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.rm, 1);
	ck_assert_uint_eq(in.ra, 1);
	ck_assert_uint_eq(in.shift_n, 16);
	ck_assert_uint_eq(in.imm, 3);
	ck_assert_uint_eq(in.shift_t, FPU_RZ);
	in = decfp(0xeebb, 0x1bc6, "VCVT-fixed", DP); /* vcvt.f64.u32 d1, d1, #20 */
	ck_assert(in.fn == vfp_fromfix_d);
	ck_assert_uint_eq(in.rd, 2);
	ck_assert_uint_eq(in.ra, 0);
	ck_assert_uint_eq(in.shift_n, 32);
	ck_assert_uint_eq(in.imm, 20);
	/* vcvt.s16.f32 with imm4:i = 17 > 16: UNPREDICTABLE */
	ck_assert(decfp(0xeefe, 0x0a68, "VCVT-fixed", SP).fn == vfp_undef);
	in = decfp(0xeeb7, 0x1ac1, "VCVT-F64-F32", DP); /* vcvt.f64.f32 d1, s2 */
	ck_assert(in.fn == vfp_cvt_ds);
	ck_assert_uint_eq(in.rd, 2);
	ck_assert_uint_eq(in.rm, 2);
	in = decfp(0xeef7, 0x0bc2, "VCVT-F64-F32", DP); /* vcvt.f32.f64 s1, d2 */
	ck_assert(in.fn == vfp_cvt_sd);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.rm, 4);

	/* FPv5 */
	in = decfp(0xeef6, 0x0a41, "VRINTR/Z", V5); /* vrintr.f32 s1, s2 */
	ck_assert(in.fn == vfp_rint);
	ck_assert_uint_eq(in.shift_t, FP_RM_FPSCR);
	ck_assert_uint_eq(in.ra, 0);
	in = decfp(0xeeb6, 0x1bc2, "VRINTR/Z", V5 | DP); /* vrintz.f64 d1, d2 */
	ck_assert(in.fn == vfp_rint_d);
	ck_assert_uint_eq(in.shift_t, FPU_RZ);
	in = decfp(0xeef7, 0x0a41, "VRINTX", V5); /* vrintx.f32 s1, s2 */
	ck_assert_uint_eq(in.shift_t, FP_RM_FPSCR);
	ck_assert_uint_eq(in.ra, 1);
	in = decfp(0xfef8, 0x0a41, "VRINTA/N/P/M", V5); /* vrinta.f32 s1, s2 */
	ck_assert(in.fn == vfp_rint);
	ck_assert_uint_eq(in.shift_t, FPU_RA);
	in = decfp(0xfebb, 0x1b42, "VRINTA/N/P/M", V5 | DP); /* vrintm.f64 d1, d2 */
	ck_assert(in.fn == vfp_rint_d);
	ck_assert_uint_eq(in.shift_t, FPU_RM);
	in = decfp(0xfefc, 0x0ac1, "VCVTA/N/P/M", V5); /* vcvta.s32.f32 s1, s2 */
	ck_assert(in.fn == vfp_tofix);
	ck_assert_uint_eq(in.shift_t, FPU_RA);
	ck_assert_uint_eq(in.ra, 1);
	in = decfp(0xfeff, 0x0b42, "VCVTA/N/P/M", V5 | DP); /* vcvtm.u32.f64 s1, d2 */
	ck_assert(in.fn == vfp_tofix_d);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.rm, 4);
	ck_assert_uint_eq(in.shift_t, FPU_RM);
	ck_assert_uint_eq(in.ra, 0);
	in = decfp(0xfe71, 0x0a21, "VSEL", V5); /* vselgt.f32 s1, s2, s3 */
	ck_assert(in.fn == vfp_sel);
	ck_assert_uint_eq(in.ra, 0xc);
	ck_assert_uint_eq(in.rd, 1);
	ck_assert_uint_eq(in.rn, 2);
	ck_assert_uint_eq(in.rm, 3);
	in = decfp(0xfe12, 0x1b03, "VSEL", V5 | DP); /* vselvs.f64 d1, d2, d3 */
	ck_assert(in.fn == vfp_sel_d);
	ck_assert_uint_eq(in.ra, 0x6);
	ck_assert(decfp(0xfec1, 0x0a21, "VMAXNM", V5).fn == vfp_maxnm);
	ck_assert(decfp(0xfe82, 0x1b43, "VMINNM", V5 | DP).fn == vfp_minnm_d);
	/* unallocated: VDIV with op = 1, opc2 = 1001 */
	ck_assert(decfp(0xee80, 0x0a40, "vfp-undef", SP).fn == vfp_undef);
	ck_assert(decfp(0xeeb9, 0x0a40, "vfp-undef", SP).fn == vfp_undef);
}
END_TEST

static Suite *decode_suite(void)
{
	Suite *s = suite_create("cpu_decode");
	TCase *tc = tcase_create("table");
	tcase_add_test(tc, test_table_well_formed);
	tcase_add_test(tc, test_table_no_undeclared_overlap);
	tcase_add_test(tc, test_table_every_entry_reachable);
	tcase_add_test(tc, test_decode_data_processing);
	tcase_add_test(tc, test_decode_branches_and_literals);
	tcase_add_test(tc, test_decode_loads_stores);
	tcase_add_test(tc, test_decode_system);
	tcase_add_test(tc, test_decode_fp_moves);
	tcase_add_test(tc, test_decode_fp_arith);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(decode_suite());
}
