/*
 * Lockstep verification of pmsim's ARMv7-M core against Unicorn: the
 * pieces shared by the harness (lockstep.c), the random stream generator
 * (gen.c) and the directed edge cases (directed.c).
 *
 * A test is a sequence of blocks. A block is a short piece of Thumb code
 * placed at LS_CODE_BASE, an initial register/flag state, and per
 * instruction a list of register "fix-ups": values the harness writes into
 * both cores right before that instruction executes (base and index
 * registers of memory instructions, SP before PUSH/POP), so that every
 * access stays in the data window whatever the earlier instructions
 * computed. Fix-ups are applied identically to both cores and printed as
 * part of the state before the instruction, so they never hide a
 * difference. A fix-up of register LS_FIX_S + n writes S<n> (fresh
 * operands for floating-point instructions).
 */
#ifndef PMSIM_LOCKSTEP_H
#define PMSIM_LOCKSTEP_H

#include <stdbool.h>
#include <stdint.h>

/* Memory map shared by both cores. */
#define LS_CODE_BASE 0x00001000u     /* where blocks are placed */
#define LS_CODE_REGION 0x00010000u   /* code RAM: [0, 64 KiB) */
#define LS_DATA_BASE 0x20000000u     /* data RAM: 64 KiB */
#define LS_DATA_SIZE 0x00010000u
/* The data window: every generated access falls inside it, and it is
 * compared byte for byte after every instruction. */
#define LS_WIN_BASE 0x20004000u
#define LS_WIN_SIZE 0x00004000u
#define LS_WIN_MID 0x20006000u       /* centre: bases are chosen around it */

#define LS_MAX_HW 512                /* halfwords per block */
#define LS_MAX_FIX 4
#define LS_FIX_S 16                  /* fix-up register numbers 16..47: S0..S31 */

struct ls_fix {
	uint8_t reg;
	uint32_t val;
};

/* Architectural state compared after every instruction. */
struct ls_state {
	uint32_t r[16];
	uint32_t nzcv; /* N,Z,C,V in bits 31..28 */
	uint32_t q;    /* 0/1 */
	uint32_t ge;   /* GE[3:0] */
	uint32_t it;   /* ITSTATE[7:0] */
	/* The FP extension: S0-S31 (D<n> = S<2n+1>:S<2n>) and FPSCR. The
	 * initial FPSCR of a block is set by a VMSR in the block itself
	 * (ls_emit_fpscr): Unicorn's FPSCR register write does not reach
	 * the rounding mode. */
	uint32_t s[32];
	uint32_t fpscr;
};

struct ls_block {
	uint16_t hw[LS_MAX_HW];
	unsigned nhw;
	/* Fix-ups, indexed by the halfword offset of the instruction. */
	uint8_t nfix[LS_MAX_HW];
	struct ls_fix fix[LS_MAX_HW][LS_MAX_FIX];
	/* Where execution of the block ends (halfword offset); normally
	 * nhw, less when data (a TBB table) follows the code. */
	unsigned end_hw;
	struct ls_state init;
	/* Directed cases: registers whose value after the block is fixed by
	 * the architecture and checked against it as well as against
	 * Unicorn (bit n of expect_mask: r[n] must equal expect[n]; bit n
	 * of expect_smask: S<n> must equal expect_s[n]; with expect_fpscr,
	 * FPSCR must equal expect_fpscr_val). */
	uint32_t expect_mask;
	uint32_t expect[16];
	uint32_t expect_smask;
	uint32_t expect_s[32];
	bool expect_fpscr;
	uint32_t expect_fpscr_val;
	/* Set when the case is known to differ on Unicorn (docs/lockstep.md):
	 * the registers in expect_mask/expect_smask (and FPSCR with
	 * expect_fpscr) are then checked against the architecture only and
	 * excused from the comparison with Unicorn. */
	bool unicorn_differs;
	const char *name; /* directed cases: what the case checks */
};

struct ls_rng {
	uint64_t s;
};

static inline uint64_t ls_rand64(struct ls_rng *g)
{
	/* splitmix64: tiny, fast and good enough for picking encodings */
	uint64_t z = (g->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint32_t ls_rand32(struct ls_rng *g)
{
	return (uint32_t)(ls_rand64(g) >> 32);
}

/* Uniform in [0, n). */
static inline uint32_t ls_below(struct ls_rng *g, uint32_t n)
{
	return (uint32_t)(((ls_rand64(g) >> 32) * n) >> 32);
}

/* An "interesting" 32-bit value: boundaries half of the time. */
uint32_t ls_value(struct ls_rng *g);

/* Instruction-class groups of the random streams (one CTest test each). */
enum ls_group {
	LS_G_ALU,   /* data processing, shifts, multiply, divide, saturate, bit-field, misc */
	LS_G_MEM,   /* loads/stores in every addressing mode, LDM/STM/PUSH/POP, LDRD/STRD, exclusives */
	LS_G_DSP,   /* the DSP extension */
	LS_G_IT,    /* IT blocks and short forward branches over every class */
	LS_G_FP,    /* every FPv4-SP instruction, with IT blocks and VMRS APSR_nzcv */
	LS_G_FP5,   /* the FPv5 single-precision additions, on the Cortex-M7 model */
	LS_G_COUNT
};

extern const char *const ls_group_name[LS_G_COUNT];

/* Fill `b` with a random block of about `ninsn` instructions of group `g`
 * and a random initial state. */
void ls_gen_block(struct ls_rng *g, enum ls_group grp, unsigned ninsn, struct ls_block *b);

/* Directed edge cases: calls `run` for every case; returns the number of
 * cases. `run` returns false on a mismatch (the harness has reported it). */
unsigned ls_directed(bool (*run)(void *ctx, struct ls_block *b), void *ctx);
/* Double precision (FPv5-D16) for pmsim alone: every case's results are
 * the architecture's, computed on the host (f64.c). Same contract. */
unsigned ls_directed_f64(bool (*run)(void *ctx, struct ls_block *b), void *ctx);

/* Helpers shared by the generator and the directed cases. */
void ls_block_clear(struct ls_block *b);
void ls_emit16(struct ls_block *b, uint16_t hw);
void ls_emit32(struct ls_block *b, uint16_t hw1, uint16_t hw2);
/* Add a fix-up for the instruction that will be emitted next. */
void ls_fix_next(struct ls_block *b, unsigned reg, uint32_t val);
/* VMSR FPSCR, r<rt> with r<rt> fixed up to `fpscr` right before it. */
void ls_emit_fpscr(struct ls_block *b, unsigned rt, uint32_t fpscr);
/* An "interesting" single-precision operand: signed zeros, infinities,
 * quiet and signalling NaNs with payloads, denormals, the extreme normals,
 * small integers and halves, values that round at ties, large integers. */
uint32_t ls_fp_value(struct ls_rng *g);

#endif
