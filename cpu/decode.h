/*
 * Decoded Thumb instructions and the helpers their handlers share.
 *
 * The decoder (decode.c) turns each instruction into a `struct cpu_insn`
 * once and caches it by address; execution calls `fn` on it. Everything a
 * handler needs is resolved at decode time: register numbers, the expanded
 * immediate (with its carry-out), the shift, whether it sets flags, and,
 * because an entry is tied to its address, PC-relative targets and literal
 * addresses as absolute values.
 *
 * During execution r[15] holds the address of the executing instruction
 * plus 4 (what an instruction reads as PC) and c->pc the address of the
 * next instruction; a handler branches by writing c->pc.
 *
 * This header is private to the decode/execute half of cpu/.
 */
#ifndef PMSIM_CPU_DECODE_H
#define PMSIM_CPU_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cpu/cache.h"
#include "cpu/cpu_int.h"
#include "cpu/timing.h"

#if defined(__GNUC__)
#define cpu_likely(x) __builtin_expect(!!(x), 1)
#define cpu_unlikely(x) __builtin_expect(!!(x), 0)
#else
#define cpu_likely(x) (x)
#define cpu_unlikely(x) (x)
#endif

struct cpu_insn;
typedef void (*cpu_insn_fn)(struct cpu *c, const struct cpu_insn *in);

struct cpu_insn {
	cpu_insn_fn fn;     /* NULL: not decoded yet */
	uint32_t imm;       /* immediate, register list, or absolute target */
	uint8_t rd, rn, rm, ra; /* ra doubles as Rt2 / RdHi / extra field */
	uint8_t shift_t;    /* enum cpu_shift */
	uint8_t shift_n;    /* 0..32 */
	uint8_t len;        /* 2 or 4 bytes */
	uint8_t cycles;     /* base cost; handlers add the dynamic part */
	uint8_t sf;         /* enum cpu_sf */
	uint8_t flags;      /* INSN_* below, meaning depends on the class */
	uint16_t enc;       /* index of the encoding-table entry */
	/* Timing (timing.c): Cortex-M7 pairing masks (PM_*), and the
	 * registers read, written, and written late (load/multiply
	 * results). */
	uint8_t pair1, pair2;
	uint16_t rregs, wregs, lregs;
	/* What the run loop executes inline outside IT blocks (fast.h:
	 * enum fast_op); FOP_CALL (0): it calls fn. */
	uint8_t op;
	/* Cortex-M7 issue, memoised (cpu.c): the packed issue state this
	 * instruction last met (M7_NOKEY: none yet), and what it made of it:
	 * the next state in bits 0..39 and the instruction's cost (base cost
	 * and the change to it) from bit 40. The issue is a pure
	 * function of the instruction and the state, and in a loop the state
	 * an instruction meets repeats. */
	uint64_t m7_in, m7_out;
	/* What the FP unit must provide (FPQ_* below; 0: not an FP
	 * instruction). Decode records it, cpu_decode_fetch checks it
	 * against the core's unit. */
	uint8_t fpreq;
	/* To 64 bytes: the run loop finds an entry by shifting the PC. */
	uint8_t spare[7];
};
_Static_assert(sizeof(struct cpu_insn) == 64, "cpu_insn must be 64 bytes");

#define M7_NOKEY (~0ull)

enum cpu_shift { SHIFT_LSL, SHIFT_LSR, SHIFT_ASR, SHIFT_ROR, SHIFT_RRX };

/* Flag setting: 32-bit forms say S explicitly; most 16-bit data-processing
 * forms set flags only outside an IT block. */
enum cpu_sf { SF_NEVER, SF_ALWAYS, SF_NOT_IT };

/* insn->flags */
#define INSN_IMM_C 0x01    /* the immediate defines the shifter carry-out... */
#define INSN_IMM_C1 0x02   /* ...and it is 1 */
#define INSN_INDEX 0x04    /* P: offset applied before the access */
#define INSN_WBACK 0x08    /* W: base register written back */
#define INSN_ADD 0x10      /* U: offset added (else subtracted) */
#define INSN_PCLOAD 0x20   /* LDM/POP list includes the PC */
#define INSN_UNPRIV 0x40   /* LDRT/STRT...: access checked as unprivileged */

/* insn->fpreq: an instruction of the coprocessor space CP10/CP11 needs a
 * unit (any FPU; without one it raises NOCP), and perhaps double
 * precision (FPv5-D16) or the FPv5 additions (VSEL, VRINT, ...). */
#define FPQ_FP 0x01
#define FPQ_DP 0x02
#define FPQ_V5 0x04
/* insn->shift_t of an FP conversion or VRINT: the rounding mode is the
 * FPSCR's (else an enum fpu_round). */
#define FP_RM_FPSCR 7

/* Per-CPU state of the decode/execute half. */
#define DC_PAGE_INSNS (BUS_PAGE_SIZE / 2)
struct cpu_decode_page {
	/* One more than the page holds: the run loop steps to the entry
	 * after an instruction before it knows whether it left the page
	 * (it then looks the entry up again, never using this one). */
	struct cpu_insn e[DC_PAGE_INSNS + 1];
};

struct cpu_decode_cache {
	struct cpu_decode_page **pages;  /* BUS_NPAGES entries, lazily filled */
	uint8_t *stale;                  /* per page: guest wrote to it */
	uint32_t *stale_list;            /* pages to drop at the next check */
	unsigned nstale, stale_cap;
	bool flush_all;
	bool stale_pending;
	bool check;            /* cpu_force_check() was called */
	/* The executing instruction is inside an IT block and ITSTATE still
	 * needs to advance when it completes (cleared by handlers that enter
	 * or return from an exception, which set ITSTATE themselves). */
	bool in_it;
	bool arm_state;        /* an interworking branch cleared bit 0 */
	/* The executing instruction returned from an exception: it changed
	 * the flow even if the PC it leaves happens to be the next address
	 * (a tail-chained handler right after the returning BX LR). Read by
	 * the Cortex-M7 branch penalty; cleared at the check that every
	 * exception return forces. */
	bool exc_returned;
	bool excl_valid;       /* local exclusive monitor */
	uint32_t excl_addr;
	simtime_t until;       /* cpu_run's time limit */
	uint64_t time_limit;  /* cycle count at which `until` or the next event is due */
	struct cpu_timing_state tm;  /* the core's timing model (timing.c) */
};

/* ---- registers and flags ------------------------------------------- */

#define APSR_N 0x80000000u
#define APSR_Z 0x40000000u
#define APSR_C 0x20000000u
#define APSR_V 0x10000000u

static inline uint32_t cpu_carry(const struct cpu *c)
{
	return (c->nzcv >> 29) & 1;
}

static inline bool cpu_setflags(const struct cpu *c, const struct cpu_insn *in)
{
	return in->sf == SF_ALWAYS || (in->sf == SF_NOT_IT && c->itstate == 0);
}

static inline void cpu_set_nz(struct cpu *c, uint32_t v)
{
	c->nzcv = (c->nzcv & (APSR_C | APSR_V)) | (v & APSR_N) | (v ? 0 : APSR_Z);
}

static inline void cpu_set_nzc(struct cpu *c, uint32_t v, uint32_t carry)
{
	c->nzcv = (c->nzcv & APSR_V) | (v & APSR_N) | (v ? 0 : APSR_Z) | (carry << 29);
}

static inline void cpu_set_nzcv(struct cpu *c, uint32_t v, uint32_t carry, uint32_t ovf)
{
	c->nzcv = (v & APSR_N) | (v ? 0 : APSR_Z) | (carry << 29) | (ovf << 28);
}

/* ConditionPassed() for a 4-bit condition code. */
static inline bool cpu_cond_pass(uint32_t nzcv, unsigned cond)
{
	/* ConditionPassed() as a table: bit NZCV of entry `cond` says whether
	 * the condition holds for those flags (AL and 1111 always do). */
	static const uint16_t pass[16] = {
		0xf0f0, 0x0f0f, 0xcccc, 0x3333, 0xff00, 0x00ff, 0xaaaa, 0x5555,
		0x0c0c, 0xf3f3, 0xaa55, 0x55aa, 0x0a05, 0xf5fa, 0xffff, 0xffff,
	};
	return (pass[cond & 15] >> (nzcv >> 28)) & 1;
}

/* Address of the executing instruction. */
static inline uint32_t cpu_insn_pc(const struct cpu *c)
{
	return c->r[15] - 4;
}

/* ---- PC writes and exceptions (branch.c, misc.c) -------------------- */

/* BranchWritePC: a plain branch (bit 0 ignored). */
static inline void cpu_branch(struct cpu *c, uint32_t target)
{
	c->pc = target & ~1u;
	c->cycles += c->dc->tm.refill;
}

/* BXWritePC/LoadWritePC: interworking branch, exception return in handler
 * mode for EXC_RETURN values. */
void cpu_bx_write(struct cpu *c, uint32_t target);
/* Raise a synchronous fault for the executing instruction. */
void cpu_insn_fault(struct cpu *c, enum cpu_fault f, uint32_t addr);
/* Make cpu_run leave its fast loop before the next instruction, to look at
 * exc_check / sleeping / stop / lockup and re-read the event horizon. */
static inline void cpu_force_check(struct cpu *c)
{
	c->dc->check = true;
	c->cycle_limit = 0;
}

/* ITAdvance(). */
static inline uint32_t cpu_it_advance(uint32_t it)
{
	return (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
}

/* Exception entry or return is about to happen inside a handler: ITSTATE
 * and the exclusive monitor are the exception model's business now. */
static inline void cpu_exc_boundary(struct cpu *c)
{
	c->dc->in_it = false;
	c->dc->excl_valid = false;
	cpu_force_check(c);
}

/* A general-purpose register write by a load or a writeback: SP keeps
 * bits [1:0] zero (pmsim's choice for the UNPREDICTABLE unaligned SP). */
static inline void cpu_set_gpr(struct cpu *c, unsigned r, uint32_t v)
{
	c->r[r] = r == 13 ? v & ~3u : v;
}

/* Writes to a data-processing destination: r15 is a branch (MOV PC / ADD
 * PC), r13 keeps bits [1:0] zero as the architecture has them. */
void cpu_write_high(struct cpu *c, unsigned rd, uint32_t v);
static inline void cpu_wr(struct cpu *c, unsigned rd, uint32_t v)
{
	if (cpu_likely(rd < 13))
		c->r[rd] = v;
	else
		cpu_write_high(c, rd, v);
}

/* fast.c: a specialised handler for a frequent simple form, or in->fn. */
cpu_insn_fn cpu_fast_handler(const struct cpu_insn *in);

/* ---- memory (ldst.c) ------------------------------------------------ */

bool cpu_mem_read_slow(struct cpu *c, uint32_t a, unsigned size, uint32_t *v);
bool cpu_mem_write_slow(struct cpu *c, uint32_t a, unsigned size, uint32_t v);

/* Data read: false after raising the fault (the handler must return
 * without touching registers). The page tables are the memory system's
 * (cache.h, mem.c): only pages that need nothing but a memcpy. */
/* The inline part of a data access: a page that needs nothing but a
 * memcpy, or (with the D-cache on) the line of the last hit. False when
 * the access needs the memory system; nothing has happened then. */
static inline bool cpu_mem_read_fast(struct cpu *c, uint32_t a, unsigned size, uint32_t *v)
{
	const uint8_t *p = c->mem->rd[a >> BUS_PAGE_SHIFT];
	if (cpu_likely(p && (a & BUS_PAGE_MASK) <= BUS_PAGE_SIZE - size)) {
		*v = bus_host_load(p + (a & BUS_PAGE_MASK), size);
		return true;
	}
	return cpu_mem_hot(c, a, size, v, false);
}

static inline bool cpu_mem_write_fast(struct cpu *c, uint32_t a, unsigned size, uint32_t v)
{
	uint8_t *p = c->mem->wr[a >> BUS_PAGE_SHIFT];
	if (cpu_likely(p && (a & BUS_PAGE_MASK) <= BUS_PAGE_SIZE - size)) {
		bus_host_store(p + (a & BUS_PAGE_MASK), size, v);
		return true;
	}
	return cpu_mem_hot(c, a, size, &v, true);
}

static inline bool cpu_mem_read(struct cpu *c, uint32_t a, unsigned size, uint32_t *v)
{
	return cpu_mem_read_fast(c, a, size, v) || cpu_mem_read_slow(c, a, size, v);
}

static inline bool cpu_mem_write(struct cpu *c, uint32_t a, unsigned size, uint32_t v)
{
	return cpu_mem_write_fast(c, a, size, v) || cpu_mem_write_slow(c, a, size, v);
}

/* ---- shifter (alu.c) ------------------------------------------------ */

/* Shift_C(): value, type, amount (0..255 for register shifts), carry in;
 * returns the result and sets *carry. */
static inline uint32_t cpu_shift_c(uint32_t v, unsigned type, unsigned n,
				   uint32_t cin, uint32_t *carry)
{
	if (n == 0 && type != SHIFT_RRX) {
		*carry = cin;
		return v;
	}
	switch (type) {
	case SHIFT_LSL:
		if (n > 32) {
			*carry = 0;
			return 0;
		}
		*carry = (v >> (32 - n)) & 1;
		return n == 32 ? 0 : v << n;
	case SHIFT_LSR:
		if (n > 32) {
			*carry = 0;
			return 0;
		}
		*carry = (v >> (n - 1)) & 1;
		return n == 32 ? 0 : v >> n;
	case SHIFT_ASR:
		if (n >= 32) {
			*carry = v >> 31;
			return (uint32_t)-(int32_t)(v >> 31);
		}
		*carry = (v >> (n - 1)) & 1;
		return (v >> n) | (v >> 31 ? ~(0xffffffffu >> n) : 0);
	case SHIFT_ROR:
		n &= 31;
		if (n == 0) {
			/* ROR by a nonzero multiple of 32: value unchanged,
			 * carry = bit 31 */
			*carry = v >> 31;
			return v;
		}
		v = (v >> n) | (v << (32 - n));
		*carry = v >> 31;
		return v;
	default: /* RRX */
		*carry = v & 1;
		return (v >> 1) | (cin << 31);
	}
}

/* ---- decoder (decode.c) --------------------------------------------- */

enum cpu_enc_width { ENC16 = 16, ENC32 = 32 };

/* One encoding-table entry. A 32-bit encoding is (hw1 << 16) | hw2. */
struct cpu_enc {
	const char *name;
	uint8_t width;
	uint8_t cycles;      /* base cost (the format may refine it) */
	uint32_t match, mask;
	/* Extract the fields of this format into `in`; `pc` is the
	 * instruction's address. May replace in->fn (UNDEFINED cases). */
	void (*format)(struct cpu_insn *in, uint32_t op, uint32_t pc);
	cpu_insn_fn fn;
	/* Name of a later entry this one deliberately shadows (a more
	 * specific encoding listed first); NULL if none. */
	const char *over;
};

extern const struct cpu_enc cpu_enc_table[];
extern const unsigned cpu_enc_count;

/* Decode one instruction (op as in struct cpu_enc) at `pc` into `in`;
 * returns the table index used, or -1 for an UNDEFINED encoding (in->fn
 * then raises UNDEFINSTR). Pure: no CPU or bus state involved. */
int cpu_decode_insn(struct cpu_insn *in, uint32_t op, unsigned width, uint32_t pc);
static inline bool cpu_is_32bit(uint32_t hw1)
{
	return (hw1 & 0xf800) >= 0xe800;
}

/* Fetch, decode and cache the instruction at `pc`; NULL after raising a
 * fetch fault. */
struct cpu_insn *cpu_decode_fetch(struct cpu *c, uint32_t pc);
/* Apply pending invalidations (code writes, flushes). */
void cpu_decode_sync(struct cpu *c);

/* ---- handlers, by file ---------------------------------------------- */

/* alu.c */
void alu_and_imm(struct cpu *c, const struct cpu_insn *in);
void alu_and_reg(struct cpu *c, const struct cpu_insn *in);
void alu_tst_imm(struct cpu *c, const struct cpu_insn *in);
void alu_tst_reg(struct cpu *c, const struct cpu_insn *in);
void alu_bic_imm(struct cpu *c, const struct cpu_insn *in);
void alu_bic_reg(struct cpu *c, const struct cpu_insn *in);
void alu_orr_imm(struct cpu *c, const struct cpu_insn *in);
void alu_orr_reg(struct cpu *c, const struct cpu_insn *in);
void alu_orn_imm(struct cpu *c, const struct cpu_insn *in);
void alu_orn_reg(struct cpu *c, const struct cpu_insn *in);
void alu_mov_imm(struct cpu *c, const struct cpu_insn *in);
void alu_mov_reg(struct cpu *c, const struct cpu_insn *in);
void alu_mvn_imm(struct cpu *c, const struct cpu_insn *in);
void alu_mvn_reg(struct cpu *c, const struct cpu_insn *in);
void alu_eor_imm(struct cpu *c, const struct cpu_insn *in);
void alu_eor_reg(struct cpu *c, const struct cpu_insn *in);
void alu_teq_imm(struct cpu *c, const struct cpu_insn *in);
void alu_teq_reg(struct cpu *c, const struct cpu_insn *in);
void alu_add_imm(struct cpu *c, const struct cpu_insn *in);
void alu_add_reg(struct cpu *c, const struct cpu_insn *in);
void alu_cmn_imm(struct cpu *c, const struct cpu_insn *in);
void alu_cmn_reg(struct cpu *c, const struct cpu_insn *in);
void alu_adc_imm(struct cpu *c, const struct cpu_insn *in);
void alu_adc_reg(struct cpu *c, const struct cpu_insn *in);
void alu_sbc_imm(struct cpu *c, const struct cpu_insn *in);
void alu_sbc_reg(struct cpu *c, const struct cpu_insn *in);
void alu_sub_imm(struct cpu *c, const struct cpu_insn *in);
void alu_sub_reg(struct cpu *c, const struct cpu_insn *in);
void alu_cmp_imm(struct cpu *c, const struct cpu_insn *in);
void alu_cmp_reg(struct cpu *c, const struct cpu_insn *in);
void alu_rsb_imm(struct cpu *c, const struct cpu_insn *in);
void alu_rsb_reg(struct cpu *c, const struct cpu_insn *in);
void alu_shift_reg(struct cpu *c, const struct cpu_insn *in);
void alu_adr(struct cpu *c, const struct cpu_insn *in);
void alu_movt(struct cpu *c, const struct cpu_insn *in);
void alu_mul(struct cpu *c, const struct cpu_insn *in);
void alu_mla(struct cpu *c, const struct cpu_insn *in);
void alu_mls(struct cpu *c, const struct cpu_insn *in);
void alu_smull(struct cpu *c, const struct cpu_insn *in);
void alu_umull(struct cpu *c, const struct cpu_insn *in);
void alu_smlal(struct cpu *c, const struct cpu_insn *in);
void alu_umlal(struct cpu *c, const struct cpu_insn *in);
void alu_sdiv(struct cpu *c, const struct cpu_insn *in);
void alu_udiv(struct cpu *c, const struct cpu_insn *in);
void alu_ssat(struct cpu *c, const struct cpu_insn *in);
void alu_usat(struct cpu *c, const struct cpu_insn *in);
void alu_bfi(struct cpu *c, const struct cpu_insn *in);
void alu_bfc(struct cpu *c, const struct cpu_insn *in);
void alu_sbfx(struct cpu *c, const struct cpu_insn *in);
void alu_ubfx(struct cpu *c, const struct cpu_insn *in);
void alu_clz(struct cpu *c, const struct cpu_insn *in);
void alu_rbit(struct cpu *c, const struct cpu_insn *in);
void alu_rev(struct cpu *c, const struct cpu_insn *in);
void alu_rev16(struct cpu *c, const struct cpu_insn *in);
void alu_revsh(struct cpu *c, const struct cpu_insn *in);
void alu_sxtb(struct cpu *c, const struct cpu_insn *in);
void alu_sxth(struct cpu *c, const struct cpu_insn *in);
void alu_uxtb(struct cpu *c, const struct cpu_insn *in);
void alu_uxth(struct cpu *c, const struct cpu_insn *in);

/* ldst.c */
void ldst_ldr_imm(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrh_imm(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrsh_imm(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrb_imm(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrsb_imm(struct cpu *c, const struct cpu_insn *in);
void ldst_ldr_reg(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrh_reg(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrsh_reg(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrb_reg(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrsb_reg(struct cpu *c, const struct cpu_insn *in);
void ldst_ldr_lit(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrh_lit(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrsh_lit(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrb_lit(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrsb_lit(struct cpu *c, const struct cpu_insn *in);
/* The unprivileged forms (imm8 with PUW = 110), chosen at decode. */
void ldst_ldrt(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrht(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrsht(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrbt(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrsbt(struct cpu *c, const struct cpu_insn *in);
void ldst_strt(struct cpu *c, const struct cpu_insn *in);
void ldst_strht(struct cpu *c, const struct cpu_insn *in);
void ldst_strbt(struct cpu *c, const struct cpu_insn *in);
void ldst_str_imm(struct cpu *c, const struct cpu_insn *in);
void ldst_strh_imm(struct cpu *c, const struct cpu_insn *in);
void ldst_strb_imm(struct cpu *c, const struct cpu_insn *in);
void ldst_str_reg(struct cpu *c, const struct cpu_insn *in);
void ldst_strh_reg(struct cpu *c, const struct cpu_insn *in);
void ldst_strb_reg(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrd(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrd_lit(struct cpu *c, const struct cpu_insn *in);
void ldst_strd(struct cpu *c, const struct cpu_insn *in);
void ldst_ldm(struct cpu *c, const struct cpu_insn *in);
void ldst_ldmdb(struct cpu *c, const struct cpu_insn *in);
void ldst_stm(struct cpu *c, const struct cpu_insn *in);
void ldst_stmdb(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrex(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrexb(struct cpu *c, const struct cpu_insn *in);
void ldst_ldrexh(struct cpu *c, const struct cpu_insn *in);
void ldst_strex(struct cpu *c, const struct cpu_insn *in);
void ldst_strexb(struct cpu *c, const struct cpu_insn *in);
void ldst_strexh(struct cpu *c, const struct cpu_insn *in);
void ldst_clrex(struct cpu *c, const struct cpu_insn *in);
void ldst_tbb(struct cpu *c, const struct cpu_insn *in);
void ldst_tbh(struct cpu *c, const struct cpu_insn *in);

/* branch.c */
void br_b(struct cpu *c, const struct cpu_insn *in);
void br_bcond(struct cpu *c, const struct cpu_insn *in);
void br_bl(struct cpu *c, const struct cpu_insn *in);
void br_bx(struct cpu *c, const struct cpu_insn *in);
void br_blx(struct cpu *c, const struct cpu_insn *in);
void br_cbz(struct cpu *c, const struct cpu_insn *in);
void br_cbnz(struct cpu *c, const struct cpu_insn *in);

/* misc.c */
void misc_it(struct cpu *c, const struct cpu_insn *in);
void misc_nop(struct cpu *c, const struct cpu_insn *in);
void misc_wfi(struct cpu *c, const struct cpu_insn *in);
void misc_wfe(struct cpu *c, const struct cpu_insn *in);
void misc_sev(struct cpu *c, const struct cpu_insn *in);
void misc_mrs(struct cpu *c, const struct cpu_insn *in);
void misc_msr(struct cpu *c, const struct cpu_insn *in);
void misc_cps(struct cpu *c, const struct cpu_insn *in);
void misc_svc(struct cpu *c, const struct cpu_insn *in);
void misc_bkpt(struct cpu *c, const struct cpu_insn *in);
void misc_undef(struct cpu *c, const struct cpu_insn *in);
void misc_nocp(struct cpu *c, const struct cpu_insn *in);

/* dsp.c: the ARMv7E-M DSP extension */
void dsp_parallel(struct cpu *c, const struct cpu_insn *in);
void dsp_sel(struct cpu *c, const struct cpu_insn *in);
void dsp_usad8(struct cpu *c, const struct cpu_insn *in);
void dsp_qaddsub(struct cpu *c, const struct cpu_insn *in);
void dsp_smulxy(struct cpu *c, const struct cpu_insn *in);
void dsp_smulwy(struct cpu *c, const struct cpu_insn *in);
void dsp_smlalxy(struct cpu *c, const struct cpu_insn *in);
void dsp_smuad(struct cpu *c, const struct cpu_insn *in);
void dsp_smlald(struct cpu *c, const struct cpu_insn *in);
void dsp_smmul(struct cpu *c, const struct cpu_insn *in);
void dsp_umaal(struct cpu *c, const struct cpu_insn *in);
void dsp_ssat16(struct cpu *c, const struct cpu_insn *in);
void dsp_usat16(struct cpu *c, const struct cpu_insn *in);
void dsp_pkh(struct cpu *c, const struct cpu_insn *in);
void dsp_xtend(struct cpu *c, const struct cpu_insn *in);

/* vfp.c: the floating-point extension. Register fields hold S indexes
 * (0..31); a D register is its low S index (2n). */
void vfp_undef(struct cpu *c, const struct cpu_insn *in);
void vfp_vmov_to_s(struct cpu *c, const struct cpu_insn *in);
void vfp_vmov_from_s(struct cpu *c, const struct cpu_insn *in);
void vfp_vmov_to_ss(struct cpu *c, const struct cpu_insn *in);
void vfp_vmov_from_ss(struct cpu *c, const struct cpu_insn *in);
void vfp_vmrs(struct cpu *c, const struct cpu_insn *in);
void vfp_vmrs_apsr(struct cpu *c, const struct cpu_insn *in);
void vfp_vmsr(struct cpu *c, const struct cpu_insn *in);
void vfp_vldr(struct cpu *c, const struct cpu_insn *in);
void vfp_vldr_d(struct cpu *c, const struct cpu_insn *in);
void vfp_vstr(struct cpu *c, const struct cpu_insn *in);
void vfp_vstr_d(struct cpu *c, const struct cpu_insn *in);
void vfp_vldm(struct cpu *c, const struct cpu_insn *in);
void vfp_vstm(struct cpu *c, const struct cpu_insn *in);
/* Data processing: the plain name is single precision, _d double;
 * conversions name their operands (s single, d double, h half, fix an
 * integer or fixed-point value). */
void vfp_add(struct cpu *c, const struct cpu_insn *in);
void vfp_add_d(struct cpu *c, const struct cpu_insn *in);
void vfp_sub(struct cpu *c, const struct cpu_insn *in);
void vfp_sub_d(struct cpu *c, const struct cpu_insn *in);
void vfp_mul(struct cpu *c, const struct cpu_insn *in);
void vfp_mul_d(struct cpu *c, const struct cpu_insn *in);
void vfp_nmul(struct cpu *c, const struct cpu_insn *in);
void vfp_nmul_d(struct cpu *c, const struct cpu_insn *in);
void vfp_div(struct cpu *c, const struct cpu_insn *in);
void vfp_div_d(struct cpu *c, const struct cpu_insn *in);
void vfp_mla(struct cpu *c, const struct cpu_insn *in);
void vfp_mla_d(struct cpu *c, const struct cpu_insn *in);
void vfp_mls(struct cpu *c, const struct cpu_insn *in);
void vfp_mls_d(struct cpu *c, const struct cpu_insn *in);
void vfp_nmla(struct cpu *c, const struct cpu_insn *in);
void vfp_nmla_d(struct cpu *c, const struct cpu_insn *in);
void vfp_nmls(struct cpu *c, const struct cpu_insn *in);
void vfp_nmls_d(struct cpu *c, const struct cpu_insn *in);
void vfp_fma(struct cpu *c, const struct cpu_insn *in);
void vfp_fma_d(struct cpu *c, const struct cpu_insn *in);
void vfp_fms(struct cpu *c, const struct cpu_insn *in);
void vfp_fms_d(struct cpu *c, const struct cpu_insn *in);
void vfp_fnma(struct cpu *c, const struct cpu_insn *in);
void vfp_fnma_d(struct cpu *c, const struct cpu_insn *in);
void vfp_fnms(struct cpu *c, const struct cpu_insn *in);
void vfp_fnms_d(struct cpu *c, const struct cpu_insn *in);
void vfp_maxnm(struct cpu *c, const struct cpu_insn *in);
void vfp_maxnm_d(struct cpu *c, const struct cpu_insn *in);
void vfp_minnm(struct cpu *c, const struct cpu_insn *in);
void vfp_minnm_d(struct cpu *c, const struct cpu_insn *in);
void vfp_sel(struct cpu *c, const struct cpu_insn *in);
void vfp_sel_d(struct cpu *c, const struct cpu_insn *in);
void vfp_mov(struct cpu *c, const struct cpu_insn *in);
void vfp_mov_d(struct cpu *c, const struct cpu_insn *in);
void vfp_abs(struct cpu *c, const struct cpu_insn *in);
void vfp_abs_d(struct cpu *c, const struct cpu_insn *in);
void vfp_neg(struct cpu *c, const struct cpu_insn *in);
void vfp_neg_d(struct cpu *c, const struct cpu_insn *in);
void vfp_sqrt(struct cpu *c, const struct cpu_insn *in);
void vfp_sqrt_d(struct cpu *c, const struct cpu_insn *in);
void vfp_rint(struct cpu *c, const struct cpu_insn *in);
void vfp_rint_d(struct cpu *c, const struct cpu_insn *in);
void vfp_cmp(struct cpu *c, const struct cpu_insn *in);
void vfp_cmp_d(struct cpu *c, const struct cpu_insn *in);
void vfp_cmpz(struct cpu *c, const struct cpu_insn *in);
void vfp_cmpz_d(struct cpu *c, const struct cpu_insn *in);
void vfp_vmov_imm(struct cpu *c, const struct cpu_insn *in);
void vfp_vmov_imm_d(struct cpu *c, const struct cpu_insn *in);
void vfp_cvt_ds(struct cpu *c, const struct cpu_insn *in);
void vfp_cvt_sd(struct cpu *c, const struct cpu_insn *in);
void vfp_tofix(struct cpu *c, const struct cpu_insn *in);
void vfp_tofix_d(struct cpu *c, const struct cpu_insn *in);
void vfp_tofix_dd(struct cpu *c, const struct cpu_insn *in);
void vfp_fromfix(struct cpu *c, const struct cpu_insn *in);
void vfp_fromfix_d(struct cpu *c, const struct cpu_insn *in);
void vfp_h2s(struct cpu *c, const struct cpu_insn *in);
void vfp_h2d(struct cpu *c, const struct cpu_insn *in);
void vfp_s2h(struct cpu *c, const struct cpu_insn *in);
void vfp_d2h(struct cpu *c, const struct cpu_insn *in);

#endif
