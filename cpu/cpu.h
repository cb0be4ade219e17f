/*
 * The ARMv7-M core, as seen from the rest of the simulator.
 *
 * Time contract: the core counts its own cycles. At entry to cpu_run its
 * time equals sched_now(); it executes until its time reaches
 * min(until, sched_next_time()) (re-read after every MMIO access, since a
 * device may schedule something sooner), or it sleeps, stops or locks up.
 * Before every MMIO access and hook call it publishes its time with
 * sched_set_now(), and it does so again before returning.
 */
#ifndef PMSIM_CPU_H
#define PMSIM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/bus.h"
#include "sim/err.h"
#include "sim/irq.h"
#include "sim/sched.h"

struct cpu;
struct trace;

struct cpu_config {
	uint32_t freq_hz;    /* core clock */
	unsigned num_irq;    /* external interrupt lines (NVIC), 1..496 */
	unsigned prio_bits;  /* implemented priority bits, 3..8 */
	uint32_t cpuid;      /* SCB CPUID value */
	uint32_t systick_ref_hz; /* SysTick external reference clock; 0 = none (CALIB.NOREF) */
	bool dsp;            /* ARMv7E-M DSP extension (Cortex-M4/M7) */
	/* The floating-point extension (none: every coprocessor access is
	 * UsageFault NOCP): FPv4-SP-D16 (Cortex-M4F), FPv5-SP-D16 or FPv5-D16
	 * with double precision (Cortex-M7). */
	enum cpu_fpu { CPU_FPU_NONE, CPU_FPU_V4_SP, CPU_FPU_V5_SP, CPU_FPU_V5_DP } fpu;
	enum cpu_timing { CPU_TIMING_M3, CPU_TIMING_M7 } timing; /* timing model */
	/* Caches (size 0 = none). Geometry from the DT; `write_allocate`
	 * selects write-allocate (else read-allocate) for the D-cache. */
	struct cpu_cache_config {
		uint32_t size, ways, line;
		bool write_allocate;
	} icache, dcache;
	unsigned mpu_regions;  /* PMSAv7 MPU regions (0 = no MPU; 8 or 16) */
};

/* Debug-monitor style hooks into the machine. `bkpt` is called for every
 * BKPT instruction with its immediate; it returns true if it handled the
 * instruction (semihosting: BKPT 0xAB), in which case execution continues
 * after it. Otherwise BKPT behaves as the architecture says without a
 * debugger (HardFault, DEBUGEVT). */
struct cpu_hooks {
	bool (*bkpt)(void *opaque, struct cpu *cpu, unsigned imm);
	void *opaque;
};

/* The power-management unit's view of the core. `sleep` is called when the
 * core goes to sleep (WFI, WFE, sleep-on-exit) with SCR.SLEEPDEEP, at the
 * core's time; `wake` when it wakes (something became pending), returning
 * how long the core takes to resume: that time passes without cycles, the
 * core still asleep (cpu_run returns CPU_SLEEPING) while the scheduler
 * runs what falls due meanwhile; an event of the core's own ends it. A
 * wake returning SIMTIME_NEVER is refused (in system suspend only the
 * enabled wake-up sources wake the core): the core sleeps on. */
struct cpu_power_hooks {
	void (*sleep)(void *opaque, simtime_t now, bool deep);
	simtime_t (*wake)(void *opaque, simtime_t now);
	void *opaque;
	/* Optional: the core executes again after a wake `wake` accepted:
	 * called once, just before that first instruction, with its start
	 * time (after the exit latency, and after the entry of an exception
	 * taken at once, whose handler's instruction it is then). Not
	 * called if the core locks up or is reset first. */
	void (*resumed)(void *opaque, simtime_t now);
};

enum cpu_state {
	CPU_RUNNING,    /* time limit reached; call again */
	CPU_SLEEPING,   /* in WFI/WFE with nothing to do: advance time */
	CPU_STOPPED,    /* cpu_request_stop() was called (e.g. semihosting exit) */
	CPU_LOCKUP,     /* architectural lockup: see cpu_lockup_reason() */
	CPU_INSN_LIMIT, /* the instruction limit was reached */
	CPU_DEBUG,      /* a breakpoint, watchpoint or step stopped it: cpu_debug_why() */
};

struct cpu *cpu_create(struct sched *s, struct bus *b, const struct cpu_config *cfg,
		       const struct cpu_hooks *hooks, struct err *e);
void cpu_destroy(struct cpu *c);

/* Architectural reset: registers, NVIC/SCB state, then SP_main and PC from
 * the vector table at address 0 (VTOR reset value). */
void cpu_core_reset(struct cpu *c);

enum cpu_state cpu_run(struct cpu *c, simtime_t until);

void cpu_request_stop(struct cpu *c);
/* True (once) after the guest asked for a system reset (AIRCR.SYSRESETREQ);
 * cpu_run returned CPU_STOPPED for it. */
bool cpu_take_reset_request(struct cpu *c);
void cpu_set_insn_limit(struct cpu *c, uint64_t max_insns); /* 0 = none */
void cpu_set_freq(struct cpu *c, uint32_t hz);
void cpu_set_power_hooks(struct cpu *c, const struct cpu_power_hooks *h);
/* Put every external interrupt the core takes on `t` (NULL: nowhere):
 * ("nvic", "irq", n) for IRQ n (exception 16 + n) at its exception entry,
 * tail-chained or not, stamped with the time the core takes it. */
void cpu_set_trace(struct cpu *c, struct trace *t);
/* Interrupt latency: `irq` is called at the entry of external interrupt n
 * when a rising edge of its line set its pending bit (not a software
 * ISPR or STIR write), with the edge's time and the time the handler's
 * first instruction starts (after stacking or the tail-chain, and the
 * vector fetch). A line still high when its handler returns pends again
 * without an edge: no sample. */
struct cpu_latency_hooks {
	void (*irq)(void *opaque, unsigned n, simtime_t asserted, simtime_t entered);
	void *opaque;
};
void cpu_set_latency_hooks(struct cpu *c, const struct cpu_latency_hooks *h);
/* A frozen core's clock is stopped: cpu_run returns CPU_SLEEPING at once
 * and time passes without cycles until it is thawed. */
void cpu_set_frozen(struct cpu *c, bool frozen);
/* True while the core's clock is stopped: cpu_run's CPU_SLEEPING then
 * means "no clock", not WFI/WFE (which cpu_is_sleeping tells). */
bool cpu_is_frozen(const struct cpu *c);
bool cpu_is_sleeping(const struct cpu *c);
/* Stop the core in the lockup state for a reason outside the architecture
 * (a brown-out: pmsim,undervolt-action); cpu_run returns CPU_LOCKUP. */
void cpu_lockup(struct cpu *c, const char *reason);
/* The exception that would wake the core now: the highest-priority
 * pending enabled one (16 + n for IRQ n, 15 for SysTick), 0 if none. */
unsigned cpu_wake_exception(const struct cpu *c);
/* The highest-priority pending enabled exception when the core last
 * resumed from a wake-up (the power hooks' `resumed`), before it took
 * any: what firmware then reads in ICSR.VECTPENDING with PRIMASK set. A
 * higher-priority one may have come during the wake-up latency. */
unsigned cpu_resume_exception(const struct cpu *c);
/* Power the core off and on again through `vector` (a vector table: SP,
 * then the reset handler): registers, caches (dirty lines lost), MPU,
 * SysTick and the SCS return to their reset state and VTOR points at
 * `vector`; interrupt lines still held high pend again (the wake-up
 * controller keeps them). Returns the number of dirty D-cache lines lost. */
unsigned cpu_warm_boot(struct cpu *c, uint32_t vector);

uint32_t cpu_reg(const struct cpu *c, unsigned n);  /* r0..r15 (r13 = current SP) */
void cpu_set_reg(struct cpu *c, unsigned n, uint32_t v);
uint32_t cpu_xpsr(const struct cpu *c);
uint64_t cpu_insns(const struct cpu *c);
uint64_t cpu_cycles(const struct cpu *c);
/* Non-NULL once locked up: a sentence naming the reason. */
const char *cpu_lockup_reason(const struct cpu *c);

/* Memory-system counters (cumulative across core resets). The I-cache
 * counts fetch-line lookups, the D-cache cacheable data accesses made with
 * it on; stall_cycles is the part of cpu_cycles() spent waiting for memory
 * (wait states, line fills, write-backs). */
struct cpu_mem_stats {
	uint64_t icache_hits, icache_misses;
	uint64_t dcache_hits, dcache_misses, dcache_writebacks;
	uint64_t stall_cycles;
};
void cpu_mem_stats(const struct cpu *c, struct cpu_mem_stats *s);
/* Cycles the FPU has been busy (the base cost of every FP instruction
 * executed, cumulative across core resets): what its energy weight
 * multiplies. */
uint64_t cpu_fp_cycles(const struct cpu *c);
/* The FPU's power domain (the PMU's `fpu` domain) is on, or not: while it
 * is not, every FP instruction is UsageFault NOCP, as if the coprocessor
 * were absent; powering it off (`lose_state`) leaves S0-S31 and FPSCR at
 * zero, retention keeps them. */
void cpu_set_fpu_power(struct cpu *c, bool on, bool lose_state);

/* Guest memory as a debugger sees it through the core: data that is only
 * in the D-cache included, without changing any cache state (a write
 * updates memory and a cached copy alike). RAM and ROM only (writes: RAM
 * only). Return 0, or -1 if some byte is not accessible (nothing is
 * written then). */
int cpu_debug_read(struct cpu *c, uint32_t addr, void *buf, uint32_t len);
int cpu_debug_write(struct cpu *c, uint32_t addr, const void *buf, uint32_t len);

/*
 * A debugger's hold on the core (cpu/debug.c): breakpoints and
 * watchpoints kept on the host side (guest memory, caches and timing
 * untouched), single-step, and the registers only a debugger writes.
 * cpu_run returns CPU_DEBUG at the instruction boundary where one of them
 * stops the core; continuing from there runs what would have run.
 */
enum cpu_bp_kind { CPU_BP_SW, CPU_BP_HW };  /* gdb's Z0 and Z1: the same here */
enum cpu_watch_kind { CPU_WATCH_WRITE = 1, CPU_WATCH_READ = 2, CPU_WATCH_ACCESS = 3 };
enum cpu_stop_reason { CPU_STOP_NONE, CPU_STOP_BREAK, CPU_STOP_STEP, CPU_STOP_WATCH };
struct cpu_debug_stop {
	enum cpu_stop_reason reason;
	enum cpu_bp_kind bp;          /* CPU_STOP_BREAK */
	enum cpu_watch_kind watch;    /* CPU_STOP_WATCH: the watchpoint's kind */
	uint32_t addr;                /* the breakpoint, or the watched byte accessed */
};
/* Set (or clear) one; 0, or -1 if the table is full or the range bad. */
int cpu_debug_break(struct cpu *c, uint32_t addr, enum cpu_bp_kind kind, bool set);
int cpu_debug_watch(struct cpu *c, uint32_t addr, uint32_t len, enum cpu_watch_kind kind,
		    bool set);
/* Drop every breakpoint, watchpoint and pending step (a debugger leaves). */
void cpu_debug_clear(struct cpu *c);
/* Before cpu_run after a stop: go on (a breakpoint at the present PC is
 * passed), or execute one instruction and stop (CPU_STOP_STEP). */
void cpu_debug_resume(struct cpu *c, bool step);
/* Why cpu_run last returned CPU_DEBUG. */
void cpu_debug_why(const struct cpu *c, struct cpu_debug_stop *s);
enum cpu_sysreg { CPU_MSP, CPU_PSP, CPU_PRIMASK, CPU_BASEPRI, CPU_FAULTMASK, CPU_CONTROL };
uint32_t cpu_debug_sysreg(const struct cpu *c, enum cpu_sysreg r);
void cpu_debug_set_sysreg(struct cpu *c, enum cpu_sysreg r, uint32_t v);
/* r0..r15 (r13 keeps bits [1:0] zero, r15 bit 0 is the Thumb bit and dropped). */
void cpu_debug_set_reg(struct cpu *c, unsigned n, uint32_t v);
/* APSR and IT bits; IPSR and T are not the debugger's to change. */
void cpu_debug_set_xpsr(struct cpu *c, uint32_t v);
/* The FP extension's registers for a debugger (cpu_has_fpu): n = 0..31
 * S0..S31 as raw bits (D<k> is S<2k+1>:S<2k>), n = 32 FPSCR (its
 * implemented bits). Without an FPU they read 0 and ignore writes. */
#define CPU_FP_FPSCR 32u
bool cpu_has_fpu(const struct cpu *c);
uint32_t cpu_fp_reg(const struct cpu *c, unsigned n);
void cpu_set_fp_reg(struct cpu *c, unsigned n, uint32_t v);
/* FPCCR, FPCAR or FPDSCR at its SCS address `addr`, as a debugger reads
 * it through memory (gdb, to unwind extended exception frames): true and
 * *v with an FPU, false for any other address or without an FPU. */
bool cpu_debug_fp_ctx(const struct cpu *c, uint32_t addr, uint32_t *v);
/* cpu_debug_write that may also write ROM (flash), as a loader does. */
int cpu_debug_load(struct cpu *c, uint32_t addr, const void *buf, uint32_t len);

/* The coherency checker's view of the D-cache (dma/coherency.c). */
enum cpu_line_state { CPU_LINE_ABSENT, CPU_LINE_CLEAN, CPU_LINE_DIRTY };
/* The state of the D-cache line holding `addr` (absent with the cache off). */
enum cpu_line_state cpu_dcache_line(const struct cpu *c, uint32_t addr);
/* Another master wrote memory under `addr`: if the D-cache holds that line
 * it is now stale, and if it is dirty its write-back will overwrite what
 * the master wrote. The hooks below report what the core then does. */
void cpu_dcache_dma_wrote(struct cpu *c, uint32_t addr);
/* Every valid dirty line of the D-cache (what a power-off loses). */
void cpu_dcache_for_each_dirty(const struct cpu *c, void (*fn)(void *opaque, uint32_t la),
			       void *opaque);
struct cpu_coherency_hooks {
	/* The core read a cached line whose memory DMA had overwritten
	 * since the line was filled (once per such line), at instruction
	 * `pc`. */
	void (*stale_read)(void *opaque, uint32_t line_addr, uint32_t pc);
	/* A dirty line was written back over data DMA had written. */
	void (*clobber)(void *opaque, uint32_t line_addr, uint32_t pc);
	void *opaque;
};
void cpu_set_coherency_hooks(struct cpu *c, const struct cpu_coherency_hooks *h);

/* The line for external interrupt n (NVIC IRQn), for devices to drive. */
struct irq_line cpu_irq_line(struct cpu *c, unsigned n);

#endif
