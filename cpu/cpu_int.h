/*
 * Internals of the ARMv7-M core, shared by its files and nothing else.
 *
 * Ownership inside cpu/:
 *   decode/execute (decode.c, exec.c, alu.c, ldst.c, branch.c, misc.c,
 *   and dsp.c later): the encoding table, the decoded-instruction cache,
 *   cpu_run, every instruction handler, flags and IT state.
 *   exceptions (exc.c, nvic.c, scs.c, systick.c): the exception model,
 *   NVIC, SCB, SysTick, DWT, the System Control Space MMIO region at
 *   0xE000E000, stacking/unstacking, fault status registers, lockup.
 * They meet through the fields below and the functions at the end.
 */
#ifndef PMSIM_CPU_INT_H
#define PMSIM_CPU_INT_H

#include "cpu/cpu.h"

struct cpu_decode_cache;  /* owned by decode/execute */
struct cpu_exc;           /* owned by exceptions */
struct cpu_mem;           /* owned by the memory system (mem.c, cache.c) */
struct cpu_mpu;           /* owned by the MPU (mpu.c) */

/* Exception numbers (IPSR values). */
enum {
	EXC_RESET = 1,
	EXC_NMI = 2,
	EXC_HARDFAULT = 3,
	EXC_MEMMANAGE = 4,
	EXC_BUSFAULT = 5,
	EXC_USAGEFAULT = 6,
	EXC_SVCALL = 11,
	EXC_DEBUGMON = 12,
	EXC_PENDSV = 14,
	EXC_SYSTICK = 15,
	EXC_IRQ0 = 16,
};

/* Fault causes, as CFSR/HFSR bit positions (CFSR is MMFSR | BFSR<<8 | UFSR<<16). */
enum cpu_fault {
	FAULT_IACCVIOL = 0, FAULT_DACCVIOL = 1, FAULT_MUNSTKERR = 3, FAULT_MSTKERR = 4,
	FAULT_MLSPERR = 5, FAULT_LSPERR = 13, /* lazy FP state preservation */
	FAULT_IBUSERR = 8, FAULT_PRECISERR = 9, FAULT_IMPRECISERR = 10,
	FAULT_UNSTKERR = 11, FAULT_STKERR = 12,
	FAULT_UNDEFINSTR = 16, FAULT_INVSTATE = 17, FAULT_INVPC = 18, FAULT_NOCP = 19,
	FAULT_UNALIGNED = 24, FAULT_DIVBYZERO = 25,
	FAULT_HF_DEBUGEVT = 64, /* HFSR.DEBUGEVT: BKPT without a debugger */
};

struct cpu {
	/* --- architectural state --- */
	uint32_t r[16];        /* r[13] is the current SP; r[15] the PC of the
				  executing instruction's successor is kept in
				  `pc` during execution, see exec.c */
	uint32_t pc;           /* address of the next instruction to execute */
	uint32_t nzcv;         /* APSR N,Z,C,V in bits 31..28 (other bits 0) */
	uint32_t q;            /* APSR.Q (0/1) */
	uint32_t ge;           /* APSR.GE[3:0] */
	uint32_t itstate;      /* EPSR IT bits, architectural encoding [7:0] */
	uint32_t ipsr;         /* current exception number, 0 in thread mode */
	uint32_t sp_main, sp_process; /* the banked SP not currently in r[13] */
	uint32_t primask, faultmask, basepri, control;
	bool event_reg;        /* WFE/SEV event register */

	/* --- the floating-point extension (cfg.fpu != CPU_FPU_NONE) ---
	 * S0..S31, D<n> being S<2n+1>:S<2n>; FPSCR (fpu.h). CPACR and the FP
	 * context registers of the SCS live here too because every FP
	 * instruction looks at them (cpu_fp_enter). */
	uint32_t s[32];
	uint32_t fpscr;
	uint32_t cpacr;        /* CP10/CP11 access, bits [23:20] */
	uint32_t fpccr;        /* FPCCR: LSPACT, USER, THREAD, HFRDY, MMRDY,
				  BFRDY, MONRDY, LSPEN, ASPEN */
	uint32_t fpcar;        /* FPCAR: the lazy frame's S0 slot */
	uint32_t fpdscr;       /* FPDSCR: AHP, DN, FZ, RMode for new contexts */
	bool fpu_off;          /* its power domain is not on (cpu_set_fpu_power) */
	uint64_t fp_cycles;    /* FPU busy cycles (cpu_fp_cycles) */

	/* --- run state --- */
	bool sleeping;         /* in WFI/WFE */
	bool pm_asleep;        /* the power hooks were told it sleeps */
	bool waking;           /* woken, still asleep for the exit latency */
	bool pm_resuming;      /* woken by the power hooks, `resumed` not yet told */
	unsigned resume_exc;   /* the highest pending exception when it resumed */
	struct sched_event wake_ev; /* the end of the exit latency */
	bool frozen;           /* its clock is stopped (cpu_set_frozen) */
	uint32_t boot_vector;  /* where the next core reset takes SP and PC */
	struct cpu_power_hooks pm;
	struct cpu_coherency_hooks coh;
	struct cpu_latency_hooks lat;
	struct trace *trace;   /* interrupts taken (cpu_set_trace); NULL: none */
	bool stop_requested;
	bool reset_requested;  /* AIRCR.SYSRESETREQ: the machine resets the SoC */
	bool locked_up;
	char lockup_reason[160];
	/* Set when something may have made an exception pending or changed
	 * the masks; cpu_run calls cpu_exc_check() before the next
	 * instruction when it is set. */
	bool exc_check;

	/* --- time --- */
	uint64_t cycles;       /* cycles since reset */
	uint64_t insns;        /* instructions retired */
	uint64_t stall_cycles; /* of `cycles`, those spent waiting for memory */
	uint64_t insn_limit;   /* 0 = none */
	uint32_t freq_hz;
	simtime_t period_ps;   /* one core cycle, rounded to whole ps */
	simtime_t time_base;   /* simulated time at cycle `cycle_base` */
	uint64_t cycle_base;
	uint64_t cycle_limit;  /* run until cycles reaches this */

	/* --- environment --- */
	struct sched *sched;
	struct bus *bus;
	struct cpu_config cfg;
	struct cpu_hooks hooks;

	struct cpu_decode_cache *dc;
	struct cpu_exc *exc;
	struct cpu_mem *mem;      /* memory system: caches, timing (mem.c) */
	struct cpu_mpu *mpu;      /* PMSAv7 MPU (mpu.c) */

	/* --- debugger (debug.c); all zero without one --- */
	struct cpu_debug *dbg;
	bool dbg_on;              /* run_check asks cpu_debug_check */
	bool dbg_every;           /* breakpoints or a step: check every instruction */
	unsigned dbg_nwatch;      /* watchpoints: data accesses take cpu_mem_raw */
};

/* Current simulated time of the core. */
static inline simtime_t cpu_now(const struct cpu *c)
{
	return c->time_base + (c->cycles - c->cycle_base) * c->period_ps;
}

/* xPSR as pushed in an exception frame: APSR (N,Z,C,V,Q,GE), IPSR, and
 * EPSR with T (always 1 here; a frame with T=0 faults INVSTATE on return)
 * and ICI/IT (IT[1:0] in bits 26:25, IT[7:2] in bits 15:10). */
static inline uint32_t cpu_xpsr_get(const struct cpu *c)
{
	return c->nzcv | (c->q << 27) | (c->ge << 16) | (1u << 24) |
	       ((c->itstate & 3u) << 25) | ((c->itstate >> 2) << 10) | c->ipsr;
}

/* Restore APSR and IT state from a frame (IPSR comes from EXC_RETURN
 * handling, T is checked by the caller). */
static inline void cpu_xpsr_set_apsr_it(struct cpu *c, uint32_t x)
{
	c->nzcv = x & 0xf0000000u;
	c->q = (x >> 27) & 1;
	c->ge = (x >> 16) & 0xf;
	c->itstate = ((x >> 25) & 3u) | (((x >> 10) & 0x3fu) << 2);
}

/* Publish the core's time to the scheduler and re-derive cycle_limit from
 * the next event (call before/after any MMIO access or hook). */
void cpu_sync_time(struct cpu *c);
/* The core woke from a sleep: tell the power hooks. True if it resumes
 * now; false if the hooks refused the wake, or if it stays asleep for the
 * exit latency they returned (`waking`), resuming at its end. */
bool cpu_pm_woke(struct cpu *c);

/* --- provided by decode/execute --- */
int cpu_decode_init(struct cpu *c, struct err *e);
void cpu_decode_free(struct cpu *c);
void cpu_decode_flush(struct cpu *c);               /* drop every cached decode */

/* --- provided by the debug support (debug.c) --- */
void cpu_debug_free(struct cpu *c);
/* At an instruction boundary with dbg_on: true if the core stops here. */
bool cpu_debug_check(struct cpu *c);
/* A data access the core makes (dbg_nwatch > 0). */
void cpu_debug_access(struct cpu *c, uint32_t a, unsigned size, bool write);
/* True if a watchpoint covers part of the page at page_base. */
bool cpu_debug_page_watched(const struct cpu *c, uint32_t page_base);
/* Provided by mem.c: watchpoints changed, re-derive the fast tables. */
void cpu_mem_watch_changed(struct cpu *c);
int cpu_debug_write_mem(struct cpu *c, uint32_t addr, const void *buf, uint32_t len, bool rom);

/* --- provided by exceptions --- */
int cpu_exc_init(struct cpu *c, struct err *e);    /* maps the SCS on the bus */
void cpu_exc_free(struct cpu *c);
void cpu_exc_reset(struct cpu *c);
/* Take the highest-priority pending exception if it may preempt; wake from
 * sleep if one is pending (per PRIMASK/SEVONPEND rules). Clears exc_check. */
void cpu_exc_check(struct cpu *c);
/* Synchronous fault raised by an instruction at `pc` (the faulting
 * instruction's address); `addr` is the data address for MMFAR/BFAR, or
 * ~0u when not valid. Escalates to HardFault or lockup as the architecture
 * says. Execution continues at the handler (c->pc updated). */
void cpu_fault(struct cpu *c, enum cpu_fault f, uint32_t pc, uint32_t addr);
/* Exception return: called when a branch loads an EXC_RETURN value
 * (0xFxxxxxxx) into the PC in handler mode. */
void cpu_exc_return(struct cpu *c, uint32_t exc_return);
/* SVC, and setting an exception pending by software (PendSV, SysTick...). */
void cpu_exc_svc(struct cpu *c, uint32_t return_pc);
/* MRS/MSR/CPS side effects (mask changes re-evaluate pending exceptions);
 * sysm is the MRS/MSR SYSm field. */
uint32_t cpu_mrs(struct cpu *c, unsigned sysm);
void cpu_msr(struct cpu *c, unsigned sysm, unsigned mask, uint32_t v);
void cpu_cps(struct cpu *c, bool disable, bool affect_i, bool affect_f);
/* Execution priority (for WFI wake-up, BASEPRI checks). */
int cpu_exec_priority(const struct cpu *c);
/* SEV / WFE / WFI helpers: true if the core should actually sleep. */
bool cpu_wfi_should_sleep(struct cpu *c);
bool cpu_wfe_should_sleep(struct cpu *c);
/* ExecuteFPCheck() (ARMv7-M B1.5.7 / A2.5.x) for the executing FP
 * instruction: UsageFault NOCP if CPACR gives the current privilege no
 * access to CP10 (false: the handler returns without effect), the lazy
 * preservation of the FP context if FPCCR.LSPACT (false if it faulted
 * and the fault was taken instead), and with FPCCR.ASPEN and
 * CONTROL.FPCA clear the new context: FPSCR's AHP/DN/FZ/RMode from
 * FPDSCR and CONTROL.FPCA set. True: execute the instruction. */
bool cpu_fp_enter_slow(struct cpu *c);
/* Whether an FP instruction may use the unit now: there is one, its
 * power domain is on, and CPACR.CP10 grants the current privilege access
 * (else NOCP). */
bool cpu_fp_accessible(const struct cpu *c);
#define CPACR_CP10_CP11 (0xfu << 20)
#define FPCCR_LSPACT (1u << 0)
#define FPCCR_ASPEN (1u << 31)
#define CONTROL_FPCA (1u << 2)
/* `cycles`: the instruction's base cost, counted as FPU busy cycles
 * when it executes. */
static inline bool cpu_fp_enter(struct cpu *c, unsigned cycles)
{
	/* The common case in one test: full access, nothing lazily pending,
	 * a context already active (or not tracked), the unit powered. */
	if ((c->cpacr & CPACR_CP10_CP11) == CPACR_CP10_CP11 && !(c->fpccr & FPCCR_LSPACT) &&
	    ((c->control & CONTROL_FPCA) || !(c->fpccr & FPCCR_ASPEN)) && !c->fpu_off) {
		c->fp_cycles += cycles;
		return true;
	}
	if (!cpu_fp_enter_slow(c))
		return false;
	c->fp_cycles += cycles;
	return true;
}
/* CCR bits the executor needs (UNALIGN_TRP, DIV_0_TRP, STKALIGN). */
uint32_t cpu_ccr(const struct cpu *c);
#define CCR_UNALIGN_TRP (1u << 3)
#define CCR_DIV_0_TRP (1u << 4)
#define CCR_STKALIGN (1u << 9)

#endif
