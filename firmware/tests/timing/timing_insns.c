/*
 * Instruction timing from the inside: short instruction sequences timed
 * with the DWT cycle counter, checked against the numbers docs/timing.md
 * gives for the core this runs on (Cortex-M3, M4 or M7, from CPUID).
 *
 * Each sequence sits in one asm block between two CYCCNT reads, fenced by
 * an ISB on each side so that nothing pairs or pipelines across the
 * fences; an empty sequence measured the same way gives the overhead
 * (the reads and the fences), which is subtracted. Each figure is the
 * smallest of three runs, so a one-off stall (an interrupt, a memory
 * system warming up) cannot make it fail; with the code in flash at zero
 * wait states there is none.
 *
 * Prints every measurement and exits 0 only if all match.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "timing_report.h"

#define REG32(a) (*(volatile uint32_t *)(a))
#define SCB_CPUID REG32(0xe000ed00u)


/* Loads read words 0..7 of this buffer, stores write words 8..15; word 0
 * points at itself (pointer chasing). */
static uint32_t bench_buf[16] __attribute__((aligned(8)));

/* One timed sequence (timing_report.h); r5 is free too. */
#define BENCH(fn, setup, body) TIMING_BENCH(fn, bench_buf, setup, body, "r5")

/* A 32-bit constant into a register without a literal pool. */
#define SET(r, v) "movw " r ", #:lower16:" #v "\n\tmovt " r ", #:upper16:" #v "\n\t"

BENCH(b_empty, "", "")
/* ALU */
BENCH(b_alu16_indep, "",
      "adds r0, #1\n\tadds r1, #1\n\tadds r2, #1\n\tadds r3, #1\n\t"
      "adds r0, #1\n\tadds r1, #1\n\tadds r2, #1\n\tadds r3, #1\n\t")
BENCH(b_alu16_dep, "",
      "adds r0, #1\n\tadds r0, #1\n\tadds r0, #1\n\tadds r0, #1\n\t"
      "adds r0, #1\n\tadds r0, #1\n\tadds r0, #1\n\tadds r0, #1\n\t")
BENCH(b_alu32_indep, "",
      "add.w r0, r0, #1\n\tadd.w r1, r1, #1\n\tadd.w r2, r2, #1\n\tadd.w r3, r3, #1\n\t")
BENCH(b_alu_mixed, "",
      "add.w r0, r0, #1\n\tadds r1, #1\n\tadd.w r2, r2, #1\n\tadds r3, #1\n\t")
/* multiplies and divides */
BENCH(b_mul_indep, "movs r1, #3\n\tmovs r3, #5\n\t", "muls r0, r1, r0\n\tmuls r2, r3, r2\n\t")
BENCH(b_mul_use, "movs r1, #3\n\t", "muls r0, r1, r0\n\tadds r0, #1\n\t")
BENCH(b_mla, "", "mla r0, r1, r2, r3\n\t")
BENCH(b_umull_small, "movs r2, #3\n\tmovs r3, #5\n\t", "umull r0, r1, r2, r3\n\t")
BENCH(b_umull_mid, SET("r2", 0x123456) "movs r3, #5\n\t", "umull r0, r1, r2, r3\n\t")
BENCH(b_umull_large, SET("r2", 0x12345678) SET("r3", 0x9abcdef0), "umull r0, r1, r2, r3\n\t")
BENCH(b_smull_neg_small, "mvn r2, #2\n\tmovs r3, #5\n\t", "smull r0, r1, r2, r3\n\t")
BENCH(b_smull_large, "movs r2, #1\n\tlsls r2, r2, #31\n\tmovs r3, #5\n\t",
      "smull r0, r1, r2, r3\n\t")
BENCH(b_umlal_small, "movs r2, #3\n\tmovs r3, #5\n\t", "umlal r0, r1, r2, r3\n\t")
BENCH(b_umlal_12bit, SET("r2", 0xabc) "movs r3, #5\n\t", "umlal r0, r1, r2, r3\n\t")
BENCH(b_umlal_large, SET("r2", 0x12345678) SET("r3", 0x9abcdef0), "umlal r0, r1, r2, r3\n\t")
BENCH(b_udiv_small, "movs r0, #100\n\tmovs r1, #7\n\t", "udiv r2, r0, r1\n\t")
BENCH(b_udiv_less, "movs r0, #5\n\tmovs r1, #7\n\t", "udiv r2, r0, r1\n\t")
BENCH(b_udiv_large, "mov r0, #-1\n\tmovs r1, #1\n\t", "udiv r2, r0, r1\n\t")
BENCH(b_sdiv_neg, "movs r0, #100\n\trsbs r0, r0, #0\n\tmovs r1, #7\n\t", "sdiv r2, r0, r1\n\t")
/* loads and stores */
BENCH(b_ldr_indep, "", "ldr r0, [r4]\n\tldr r1, [r4, #4]\n\tldr r2, [r4, #8]\n\t")
BENCH(b_ldr_chase, "", "ldr r0, [r4]\n\tldr r0, [r0]\n\t")
BENCH(b_ldr_use, "", "ldr r0, [r4]\n\tadds r0, #1\n\t")
BENCH(b_ldr_alu, "", "ldr r0, [r4]\n\tadds r1, #1\n\t")
BENCH(b_str_str, "", "str r0, [r4, #32]\n\tstr r1, [r4, #36]\n\t")
BENCH(b_ldr_wb_dep, "", "ldr r0, [r4], #4\n\tldr r1, [r4]\n\t")
BENCH(b_ldm4, "", "ldm r4, {r0-r3}\n\t")
BENCH(b_stm3, "add r5, r4, #32\n\t", "stm r5, {r0-r2}\n\t")
BENCH(b_ldrd, "", "ldrd r0, r1, [r4]\n\t")
/* branches */
BENCH(b_b_taken, "", "b 1f\n1:\n\t")
BENCH(b_bne_untaken, "", "cmp r0, r0\n\tbne 1f\n1:\n\t")
BENCH(b_beq_taken, "", "cmp r0, r0\n\tbeq 1f\n\tnop\n1:\n\t")
BENCH(b_loop4, "", "movs r0, #4\n1:\n\tsubs r0, #1\n\tbne 1b\n\t")
BENCH(b_cbz_taken, "", "movs r0, #0\n\tcbz r0, 1f\n\tnop\n1:\n\t")
BENCH(b_cbnz_untaken, "", "movs r0, #0\n\tcbnz r0, 1f\n\tnop\n1:\n\t")
BENCH(b_call_ret, "", "bl 2f\n\tb 3f\n2:\n\tbx lr\n3:\n\t")
BENCH(b_push_pop_pc, "", "bl 2f\n\tb 3f\n2:\n\tpush {r0, lr}\n\tpop {r0, pc}\n3:\n\t")
BENCH(b_tbb, "movs r0, #1\n\t",
      "tbb [pc, r0]\n1:\n\t.byte (2f - 1b) / 2\n\t.byte (3f - 1b) / 2\n\t.align 1\n"
      "2:\n\tnop\n3:\n\t")
BENCH(b_ite, "", "cmp r0, r0\n\tite eq\n\tmoveq r1, #1\n\tmovne r1, #2\n\t")

enum { M3, M4, M7, NCORES };

static const struct bench {
	const char *name;
	uint32_t (*fn)(void);
	uint8_t want[NCORES]; /* Cortex-M3, M4, M7 */
} benches[] = {
	{ "8 independent 16-bit ALU", b_alu16_indep, { 8, 8, 4 } },
	{ "8 dependent 16-bit ALU", b_alu16_dep, { 8, 8, 8 } },
	{ "4 independent 32-bit ALU", b_alu32_indep, { 4, 4, 4 } },
	{ "4 ALU, 32/16-bit mixed", b_alu_mixed, { 4, 4, 2 } },
	{ "2 independent MUL", b_mul_indep, { 2, 2, 2 } },
	{ "MUL, then its result", b_mul_use, { 2, 2, 3 } },
	{ "MLA", b_mla, { 2, 1, 1 } },
	{ "UMULL 3 x 5", b_umull_small, { 3, 1, 1 } },
	{ "UMULL 21-bit x 5", b_umull_mid, { 4, 1, 1 } },
	{ "UMULL 32-bit x 32-bit", b_umull_large, { 5, 1, 1 } },
	{ "SMULL -3 x 5", b_smull_neg_small, { 3, 1, 1 } },
	{ "SMULL INT_MIN x 5", b_smull_large, { 5, 1, 1 } },
	{ "UMLAL 3 x 5", b_umlal_small, { 4, 1, 1 } },
	{ "UMLAL 12-bit x 5", b_umlal_12bit, { 5, 1, 1 } },
	{ "UMLAL 32-bit x 32-bit", b_umlal_large, { 7, 1, 1 } },
	{ "UDIV 100 / 7", b_udiv_small, { 3, 3, 3 } },
	{ "UDIV 5 / 7", b_udiv_less, { 2, 2, 2 } },
	{ "UDIV 0xffffffff / 1", b_udiv_large, { 12, 12, 12 } },
	{ "SDIV -100 / 7", b_sdiv_neg, { 3, 3, 3 } },
	{ "3 independent LDR", b_ldr_indep, { 4, 4, 3 } },
	{ "LDR, LDR through it", b_ldr_chase, { 4, 4, 3 } },
	{ "LDR, then its result", b_ldr_use, { 3, 3, 3 } },
	{ "LDR, independent ALU", b_ldr_alu, { 3, 3, 1 } },
	{ "2 STR", b_str_str, { 3, 3, 2 } },
	{ "LDR post-index, LDR on its base", b_ldr_wb_dep, { 4, 4, 2 } },
	{ "LDM 4 registers", b_ldm4, { 5, 5, 3 } },
	{ "STM 3 registers", b_stm3, { 4, 4, 3 } },
	{ "LDRD", b_ldrd, { 3, 3, 1 } },
	{ "B taken", b_b_taken, { 3, 3, 1 } },
	{ "CMP, BNE not taken", b_bne_untaken, { 2, 2, 1 } },
	{ "CMP, BEQ taken forward", b_beq_taken, { 4, 4, 5 } },
	{ "4-iteration SUBS/BNE loop", b_loop4, { 15, 15, 9 } },
	{ "MOVS, CBZ taken", b_cbz_taken, { 4, 4, 6 } },
	{ "MOVS, CBNZ not taken, NOP", b_cbnz_untaken, { 3, 3, 3 } },
	{ "BL, BX LR, B", b_call_ret, { 9, 9, 7 } },
	{ "BL, PUSH {r0, lr}, POP {r0, pc}, B", b_push_pop_pc, { 14, 14, 10 } },
	{ "TBB to its second entry", b_tbb, { 4, 4, 5 } },
	{ "CMP, ITE, MOVEQ, MOVNE", b_ite, { 4, 4, 3 } },
};

int main(void)
{
	static const char *const core_name[NCORES] = { "Cortex-M3", "Cortex-M4", "Cortex-M7" };
	unsigned part = (SCB_CPUID >> 4) & 0xfff, core;
	switch (part) {
	case 0xc23: core = M3; break;
	case 0xc24: core = M4; break;
	case 0xc27: core = M7; break;
	default:
		printf("timing: unknown core, CPUID part 0x%03x\n", part);
		return 1;
	}
	bench_buf[0] = (uint32_t)(uintptr_t)bench_buf;

	if (timing_start())
		return 1;

	uint32_t overhead = timing_best_of_3(b_empty);
	printf("timing: %s, measurement overhead %lu cycles\n", core_name[core],
	       (unsigned long)overhead);
	unsigned fails = 0, n = sizeof benches / sizeof benches[0];
	for (unsigned i = 0; i < n; i++) {
		const struct bench *bm = &benches[i];
		fails += timing_row(34, bm->name, timing_best_of_3(bm->fn) - overhead, bm->want[core]);
	}
	return timing_summary(fails, n);
}
