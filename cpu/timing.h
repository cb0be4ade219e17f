/*
 * Core timing models: what an instruction costs with zero-wait-state
 * memory (docs/timing.md has every rule and number).
 *
 * Two models, chosen once per core from cpu_config.timing:
 *  - Cortex-M3 (also the Cortex-M4, with its single-cycle MLA and long
 *    multiplies): the TRM's cycle table. The base cost of each
 *    instruction is in the encoding table; handlers add the dynamic part
 *    (taken branches, early-terminating long multiplies, divides) and
 *    single loads/stores pipeline with the one before them.
 *  - Cortex-M7: an approximate dual-issue pipeline. Decode gives every
 *    instruction an issue class and the registers it reads and writes;
 *    cpu_run's M7 loop pairs neighbours, charges load/multiply-use stalls
 *    and a static branch predictor's mispredictions.
 *
 * Memory wait states are the memory system's business (mem.c): they come
 * on top of these numbers.
 */
#ifndef PMSIM_CPU_TIMING_H
#define PMSIM_CPU_TIMING_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

struct cpu_insn;

/* Cortex-M3 pipeline refill after a taken branch or any PC write: P in
 * the TRM's "1 + P". */
#define TM_M3_REFILL 2u
/* Cortex-M7: cycles lost to a mispredicted branch, and to an indirect
 * branch (never predicted here). */
#define TM_M7_MISPREDICT 4u
/* Cortex-M7: a load or multiply result reaches an instruction issued in
 * the very next cycle this much later than an ALU result would. */
#define TM_M7_LATE 1u
/* Cortex-M7: VDIV/VSQRT, single and double precision (iterative). */
#define TM_M7_FPDIV32 14u
#define TM_M7_FPDIV64 30u

/* Cortex-M7 pairing masks of a decoded instruction (cpu_insn.pair1 as the
 * older instruction of a pair, pair2 as the younger): two instructions
 * issue together iff (older.pair1 & younger.pair2) == 0 and the younger
 * reads nothing the older wrote. Each unit a pair can hold only once is a
 * bit both masks carry; PM_NOSECOND is in every pair1, and in the pair2 of
 * an instruction that cannot issue second; PM_NOFIRST likewise the other
 * way round; an instruction that cannot issue first has pair1 = PM_NONE.
 * The branch bits live in pair2 only (no pair1 has them). */
#define PM_LS 0x01       /* load/store unit */
#define PM_MUL 0x02      /* multiplier */
#define PM_W32 0x04      /* 32-bit decode slot: at most one per pair */
#define PM_NOFIRST 0x08
#define PM_NOSECOND 0x10
#define PM_BRANCH 0x20   /* may write the PC (branches, loads/ALU writes of PC) */
#define PM_BCOND 0x40    /* conditional direct branch: B<c>, CBZ, CBNZ */
#define PM_BDIRECT 0x80  /* unconditional direct branch: B, BL */
#define PM_NONE 0xffu

struct cpu_timing_state {
	/* Parameters, from the core model. */
	enum cpu_timing model;
	uint8_t refill;    /* added by a taken branch / PC write in its handler */
	uint8_t ls_pipe;   /* a single load/store after another one saves this */
	bool mul_early;    /* long multiplies terminate early (Cortex-M3) */
	bool mul_single;   /* MLA/MLS and long multiplies take 1 cycle (M4, M7) */
	/* Cortex-M3 load/store pipelining: the last single load/store. */
	uint64_t ls_insn;  /* its number (cpu.insns when it executed) */
	uint32_t ls_dst;   /* registers it wrote */
	/* Cortex-M7 issue state, kept here between runs of the loop. */
	uint32_t m7_slot;  /* pair1 of the previous instruction if it may take
			      a partner, else PM_NONE */
	uint32_t m7_dep;   /* registers a partner must not read: those the
			      previous instruction wrote, and m7_late */
	uint32_t m7_late;  /* registers written late in the previous cycle */
};

/* Choose the model's parameters (forgets the pipeline state). */
void cpu_timing_init(struct cpu_timing_state *t, const struct cpu_config *cfg);

/* Forget the pipeline state (exception entry, reset). */
void cpu_timing_flush(struct cpu_timing_state *t);

/* Fill in the timing fields of a freshly decoded instruction (its base
 * cycles for this model, issue properties, registers read and written). */
void cpu_timing_decode(const struct cpu_timing_state *t, struct cpu_insn *in);

/* Cortex-M3 long multiplies (SMULL/UMULL/SMLAL/UMLAL) beyond their base
 * cost, by the significant bits of the larger operand. */
unsigned cpu_timing_mull_extra(uint32_t a, uint32_t b, bool sign, bool acc);

#endif
