/*
 * Private state of the ARMv7-M exception model (exc.c, nvic.c, scs.c,
 * systick.c): exception priorities, pending/active/enable bitmaps, the SCB
 * registers, SysTick and the DWT cycle counter. The executor needs only
 * cpu_int.h and, for frequency changes, cpu_systick_rebase() below.
 */
#ifndef PMSIM_CPU_EXC_H
#define PMSIM_CPU_EXC_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu_int.h"

/* Exception numbers 0..511: 16 system slots plus up to 496 IRQs. */
#define EXC_NUM_MAX 512u
#define EXC_WORDS (EXC_NUM_MAX / 32u)

/* Cycle costs (Cortex-M3 TRM, zero wait states): stacking entry, tail-chain
 * between handlers without unstacking, and return with unstacking. */
#define EXC_ENTRY_CYCLES 12u
#define EXC_TAILCHAIN_CYCLES 6u
#define EXC_RETURN_CYCLES 10u
/* The FP part of an extended frame (S0-S15 and FPSCR, 17 words) at one
 * word a cycle: on entry with FPCCR.LSPEN = 0, at the lazy preservation
 * (charged to the FP instruction that triggers it), and on a return that
 * unstacks it (none when FPCCR.LSPACT was still set). */
#define EXC_FP_CYCLES 17u

/* Exception frames: the basic one (R0-R3, R12, LR, return address, xPSR)
 * and the extended one (those, S0-S15, FPSCR and a reserved word). */
#define EXC_FRAME_BASIC 0x20u
#define EXC_FRAME_FP 0x68u
/* EXC_RETURN bit 4: 0 for an extended frame. */
#define EXC_RETURN_FTYPE (1u << 4)

/* FPCCR (B3.2.21). LSPACT and ASPEN are in cpu_int.h. */
#define FPCCR_USER (1u << 1)
#define FPCCR_THREAD (1u << 3)
#define FPCCR_HFRDY (1u << 4)
#define FPCCR_MMRDY (1u << 5)
#define FPCCR_BFRDY (1u << 6)
#define FPCCR_MONRDY (1u << 8)
#define FPCCR_LSPEN (1u << 30)
#define FPCCR_WRITABLE (FPCCR_ASPEN | FPCCR_LSPEN | FPCCR_MONRDY | FPCCR_BFRDY | \
			FPCCR_MMRDY | FPCCR_HFRDY | FPCCR_THREAD | FPCCR_USER | FPCCR_LSPACT)
#define FPCCR_RESET (FPCCR_ASPEN | FPCCR_LSPEN)
/* FPDSCR holds AHP, DN, FZ and RMode, bits [26:22]. */
#define FPDSCR_WRITABLE 0x07c00000u

/* SCB bits used across files. */
#define SCR_SLEEPONEXIT (1u << 1)
#define SCR_SLEEPDEEP (1u << 2)
#define SCR_SEVONPEND (1u << 4)

#define CCR_NONBASETHRDENA (1u << 0)
#define CCR_USERSETMPEND (1u << 1)
#define CCR_BFHFNMIGN (1u << 8)
#define CCR_WRITABLE (CCR_NONBASETHRDENA | CCR_USERSETMPEND | CCR_UNALIGN_TRP | \
		      CCR_DIV_0_TRP | CCR_BFHFNMIGN | CCR_STKALIGN)

#define HFSR_VECTTBL (1u << 1)
#define HFSR_FORCED (1u << 30)
#define HFSR_DEBUGEVT (1u << 31)

#define CFSR_MMARVALID (1u << 7)
#define CFSR_BFARVALID (1u << 15)

#define DFSR_BKPT (1u << 1)

#define DEMCR_TRCENA (1u << 24)
#define DEMCR_MON_EN (1u << 16)
#define DEMCR_MON_PEND (1u << 17)

/* SysTick: the counter is a function of time between register writes.
 * From the tick edge `t0` the counter held `v0`; after k ticks it holds
 * v0 - k while k <= v0, then reloads RVR on the next tick and repeats with
 * period RVR + 1. A tick count is floor((t - t0) * num / den). */
struct cpu_systick {
	struct sched_event ev;  /* next wrap to 0, only while TICKINT needs it */
	uint32_t csr;           /* ENABLE, TICKINT, CLKSOURCE */
	bool countflag;
	uint32_t rvr;
	uint32_t v0;
	simtime_t t0;
	simtime_t acct;         /* wraps up to this time are accounted for */
	uint64_t num, den;      /* tick rate of the selected clock */
};

struct cpu_dwt {
	uint32_t ctrl;          /* writable DWT_CTRL bits */
	uint32_t cyc_base;      /* CYCCNT when counting (re)started */
	uint64_t cyc_start;     /* c->cycles at that moment */
	bool lock_impl;         /* Cortex-M7 style software lock present */
	bool locked;
};

struct cpu_exc {
	struct cpu *c;
	unsigned nexc;                  /* 16 + cfg.num_irq */
	uint8_t prio_mask;              /* implemented priority bits */
	uint32_t pending[EXC_WORDS];
	uint32_t active[EXC_WORDS];
	uint32_t enabled[EXC_WORDS];    /* ISER, SHCSR enables, always-on ones */
	uint32_t level[EXC_WORDS];      /* current level of each IRQ line */
	/* Pending from a rising edge of the line at asserted[n] (interrupt
	 * latency, cpu_latency_hooks): set at the edge, used and cleared at
	 * the entry. */
	uint32_t edge[EXC_WORDS];
	simtime_t asserted[EXC_NUM_MAX];
	uint8_t prio[EXC_NUM_MAX];      /* configurable priorities */
	unsigned nactive;
	bool wfe_sleep;                 /* current sleep came from WFE */

	uint32_t vtor, prigroup, scr, ccr;
	uint32_t cfsr, hfsr, dfsr, mmfar, bfar;
	uint32_t demcr, csselr;

	struct cpu_systick st;
	struct cpu_dwt dwt;
};

static inline bool exc_bit(const uint32_t *map, unsigned n)
{
	return (map[n / 32] >> (n % 32)) & 1u;
}

static inline void exc_bit_set(uint32_t *map, unsigned n, bool v)
{
	if (v)
		map[n / 32] |= 1u << (n % 32);
	else
		map[n / 32] &= ~(1u << (n % 32));
}

/* SCR as the guest last wrote it (SLEEPDEEP tells the power model how deep
 * a WFI/WFE/SLEEPONEXIT sleep is meant to be). */
static inline uint32_t cpu_scr(const struct cpu *c)
{
	return c->exc->scr;
}

/* exc.c */
void cpu_exc_set_pending(struct cpu_exc *x, unsigned n);
void cpu_exc_clear_pending(struct cpu_exc *x, unsigned n);
void cpu_exc_set_active(struct cpu_exc *x, unsigned n, bool v);
void cpu_exc_set_enabled(struct cpu_exc *x, unsigned n, bool v);
/* Priority of exception n: -3/-2/-1 for Reset/NMI/HardFault, else 0..255. */
int cpu_exc_prio(const struct cpu_exc *x, unsigned n);
/* The pending, enabled exception with the highest priority (lowest value,
 * then lowest number) whose group priority is below `limit`; 0 if none. */
unsigned cpu_exc_highest_pending(const struct cpu_exc *x, int limit);
/* ICSR.VECTPENDING: the highest pending enabled exception not masked by
 * BASEPRI or FAULTMASK (PRIMASK and active exceptions are ignored). */
unsigned cpu_exc_vectpending(const struct cpu *c);

/* One word of an exception frame at `a` (exc.c): the MPU checks it as an
 * access of unprivileged Thread mode if `unpriv`, then it goes through the
 * D-cache. Returns the fault met (MSTKERR/STKERR for a write,
 * MUNSTKERR/UNSTKERR for a read), or -1. */
int cpu_exc_frame_word(struct cpu *c, uint32_t a, uint32_t *v, bool write, bool unpriv);
/* A fault met by the lazy preservation of the FP context (MLSPERR or
 * LSPERR) for the FP instruction at `pc`: recorded, pended or escalated
 * as FPCCR's HFRDY/MMRDY/BFRDY say of the context that owns the frame,
 * and taken at once if its priority allows (true: an exception was taken
 * or the core locked up, the instruction does not execute). */
bool cpu_exc_lazy_fault(struct cpu *c, enum cpu_fault f, uint32_t pc);

/* fpctx.c: PreserveFPState() for the FP instruction at `pc`: S0-S15 and
 * FPSCR into the frame FPCAR points at, then LSPACT = 0. False if a fault
 * was taken instead (LSPACT stays set, the instruction does not execute). */
bool cpu_fp_preserve(struct cpu *c, uint32_t pc);

/* nvic.c: the NVIC banks at SCS offsets 0x100..0x5ff. */
int cpu_nvic_read(struct cpu_exc *x, uint32_t off, unsigned size, uint32_t *v);
int cpu_nvic_write(struct cpu_exc *x, uint32_t off, unsigned size, uint32_t v);
void cpu_nvic_stir(struct cpu_exc *x, uint32_t v);
/* An IRQ was deactivated or its pending bit cleared: re-pend it if its
 * line is still high (level-sensitive). */
void cpu_nvic_relevel(struct cpu_exc *x, unsigned n);

/* scs.c */
int cpu_scs_init(struct cpu_exc *x, struct err *e);
void cpu_dwt_reset(struct cpu_exc *x);
/* DEMCR.TRCENA gates CYCCNT: call around DEMCR writes. */
void cpu_dwt_freeze(struct cpu_exc *x);
void cpu_dwt_thaw(struct cpu_exc *x);

/* systick.c: registers at SCS offsets 0x10..0x1f. */
void cpu_systick_init(struct cpu_exc *x);
void cpu_systick_reset(struct cpu_exc *x);
void cpu_systick_free(struct cpu_exc *x);
int cpu_systick_read(struct cpu_exc *x, uint32_t off, uint32_t *v);
int cpu_systick_write(struct cpu_exc *x, uint32_t off, uint32_t v);
/* Call after the core clock changed (c->freq_hz/period_ps updated and the
 * core's time re-based so that cpu_now() is continuous): the counter keeps
 * its value and counts at the new rate from now on. */
void cpu_systick_rebase(struct cpu *c);

#endif
