/*
 * The ARMv7-M exception model (ARMv7-M ARM, B1.5): priorities, preemption,
 * stacking and unstacking, tail-chaining, fault status and escalation,
 * lockup, the sleep rules of WFI/WFE/SLEEPONEXIT, and MRS/MSR/CPS.
 *
 * Priorities: Reset -3, NMI -2, HardFault -1, every other exception the
 * byte in SHPR1-3/NVIC_IPR with only the top cfg.prio_bits bits
 * implemented. AIRCR.PRIGROUP splits a byte into a group priority (bits
 * [7:PRIGROUP+1]), which decides preemption, and a subpriority, which with
 * the exception number only orders pending exceptions. The execution
 * priority is the lowest group priority among the active exceptions,
 * boosted by BASEPRI, PRIMASK (0) and FAULTMASK (-1), as in the manual's
 * ExecutionPriority() pseudocode.
 *
 * Synchronous faults are taken at once (the configurable fault if it is
 * enabled and may preempt, HardFault with HFSR.FORCED otherwise); a fault
 * that would need a HardFault while the execution priority is already -1
 * or -2 locks the core up. Faults derived from exception entry (stacking,
 * vector fetch) and exception return (unstacking, bad EXC_RETURN) follow
 * the same escalation rules, the latter tail-chained on the frame that is
 * still on the stack.
 *
 * The FP context (a core with cfg.fpu, B1.5.6-B1.5.8): with CONTROL.FPCA
 * set the interrupted code has an FP context and the frame is the
 * extended one, 0x68 bytes: the 8 words, S0-S15 at +0x20, FPSCR at +0x60
 * and a reserved word, always 8-byte aligned whatever CCR.STKALIGN says;
 * EXC_RETURN bit 4 is then 0 (0xFFFFFFE1/E9/ED). With FPCCR.LSPEN the FP
 * part is only reserved: FPCAR points at its S0 slot, FPCCR.LSPACT is set
 * and FPCCR records what the interrupted code could have done (USER,
 * THREAD, and HFRDY/MMRDY/BFRDY/MONRDY: whether HardFault, MemManage,
 * BusFault and DebugMonitor could then have preempted it), so that the
 * first FP instruction of a later context writes the words with that
 * code's privilege and fault rules (fpctx.c). Every handler starts
 * without an FP context (ExceptionTaken clears CONTROL.FPCA); a
 * tail-chained one inherits the EXC_RETURN, bit 4 included, of the frame
 * it will return through. A return through an extended frame reads the FP
 * words back unless LSPACT is still set (nobody used the FPU since: the
 * registers still hold the values, and LSPACT is just cleared), and sets
 * CONTROL.FPCA to NOT bit 4. Without an FPU, bit 4 = 0 is an invalid
 * EXC_RETURN (INVPC), pmsim's choice for the architecture's
 * UNPREDICTABLE.
 *
 * Timing: 12 cycles per stacking entry, 6 per tail-chain, 10 per return
 * with unstacking (Cortex-M3 TRM, zero wait states), on top of the cost of
 * the instruction that returns (its refill on the Cortex-M3; on the M7 the
 * indirect-branch penalty, which every exception return pays, tail-chained
 * or not: cpu.c's run loop). The FP part of an extended frame adds 17
 * (one cycle a word) where it is written or read: on entry with LSPEN
 * clear, at the lazy preservation, on a return that unstacks it.
 */
#include "cpu/cache.h"
#include "cpu/exc.h"
#include "cpu/fpu.h"
#include "cpu/mem.h"
#include "sim/trace.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXC_RETURN_HANDLER 0xfffffff1u
#define EXC_RETURN_THREAD_MSP 0xfffffff9u
#define EXC_RETURN_THREAD_PSP 0xfffffffdu
#define LOCKUP_PC 0xfffffffeu

#define CONTROL_NPRIV (1u << 0)
#define CONTROL_SPSEL (1u << 1)

/* --- stack pointers ------------------------------------------------------- */

/* CONTROL.SPSEL is 0 in handler mode, so it alone says which SP is in r13. */
static uint32_t exc_get_msp(const struct cpu *c)
{
	return (c->control & CONTROL_SPSEL) ? c->sp_main : c->r[13];
}

static uint32_t exc_get_psp(const struct cpu *c)
{
	return (c->control & CONTROL_SPSEL) ? c->r[13] : c->sp_process;
}

static void exc_set_sps(struct cpu *c, uint32_t msp, uint32_t psp)
{
	if (c->control & CONTROL_SPSEL) {
		c->r[13] = psp;
		c->sp_main = msp;
	} else {
		c->r[13] = msp;
		c->sp_process = psp;
	}
}

static void exc_set_spsel(struct cpu *c, bool psp)
{
	uint32_t msp = exc_get_msp(c), ps = exc_get_psp(c);
	c->control = (c->control & ~CONTROL_SPSEL) | (psp ? CONTROL_SPSEL : 0);
	exc_set_sps(c, msp, ps);
}

static bool exc_privileged(const struct cpu *c)
{
	return c->ipsr != 0 || !(c->control & CONTROL_NPRIV);
}

/* --- priorities ----------------------------------------------------------- */

int cpu_exc_prio(const struct cpu_exc *x, unsigned n)
{
	switch (n) {
	case EXC_RESET: return -3;
	case EXC_NMI: return -2;
	case EXC_HARDFAULT: return -1;
	default: return x->prio[n];
	}
}

static int exc_group(const struct cpu_exc *x, int p)
{
	if (p < 0)
		return p;
	return (int)((unsigned)p & ~((2u << x->prigroup) - 1u) & 0xffu);
}

/* Priority boost from the mask registers (256 = none). */
static int exc_boost(const struct cpu *c, bool use_primask)
{
	int boost = 256;
	if (c->basepri)
		boost = exc_group(c->exc, (int)c->basepri);
	if (use_primask && c->primask)
		boost = 0;
	if (c->faultmask)
		boost = -1;
	return boost;
}

static int exc_exec_prio(const struct cpu *c, bool use_primask)
{
	const struct cpu_exc *x = c->exc;
	int hi = 256;
	if (x->nactive) {
		for (unsigned w = 0; w < EXC_WORDS; w++) {
			uint32_t m = x->active[w];
			while (m) {
				unsigned n = w * 32 + (unsigned)__builtin_ctz(m);
				int p = exc_group(x, cpu_exc_prio(x, n));
				m &= m - 1;
				if (p < hi)
					hi = p;
			}
		}
	}
	int boost = exc_boost(c, use_primask);
	return boost < hi ? boost : hi;
}

int cpu_exec_priority(const struct cpu *c)
{
	return exc_exec_prio(c, true);
}

unsigned cpu_exc_highest_pending(const struct cpu_exc *x, int limit)
{
	unsigned best = 0;
	int bp = INT_MAX;
	for (unsigned w = 0; w < EXC_WORDS; w++) {
		uint32_t m = x->pending[w] & x->enabled[w];
		while (m) {
			unsigned n = w * 32 + (unsigned)__builtin_ctz(m);
			int p = cpu_exc_prio(x, n);
			m &= m - 1;
			/* Ascending numbers: strict < keeps the lowest on ties. */
			if (p < bp) {
				bp = p;
				best = n;
			}
		}
	}
	if (best && exc_group(x, bp) < limit)
		return best;
	return 0;
}

unsigned cpu_exc_vectpending(const struct cpu *c)
{
	return cpu_exc_highest_pending(c->exc, exc_boost(c, false));
}

/* --- state bits ----------------------------------------------------------- */

void cpu_exc_set_pending(struct cpu_exc *x, unsigned n)
{
	if (n == 0 || n >= x->nexc || exc_bit(x->pending, n))
		return;
	/* SEVONPEND: an exception going from inactive to pending is a WFE
	 * wake-up event, even when it is disabled or masked. */
	if ((x->scr & SCR_SEVONPEND) && !exc_bit(x->active, n))
		x->c->event_reg = true;
	exc_bit_set(x->pending, n, true);
	x->c->exc_check = true;
}

void cpu_exc_clear_pending(struct cpu_exc *x, unsigned n)
{
	if (n >= x->nexc)
		return;
	exc_bit_set(x->pending, n, false);
	x->c->exc_check = true;
}

void cpu_exc_set_active(struct cpu_exc *x, unsigned n, bool v)
{
	if (n >= x->nexc || exc_bit(x->active, n) == v)
		return;
	exc_bit_set(x->active, n, v);
	if (v)
		x->nactive++;
	else
		x->nactive--;
	x->c->exc_check = true;
}

void cpu_exc_set_enabled(struct cpu_exc *x, unsigned n, bool v)
{
	if (n >= x->nexc)
		return;
	exc_bit_set(x->enabled, n, v);
	x->c->exc_check = true;
}

/* --- lockup and fault bookkeeping ----------------------------------------- */

static void exc_lockup(struct cpu *c, const char *fmt, ...) PMSIM_PRINTF(2, 3);

static void exc_lockup(struct cpu *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->lockup_reason, sizeof c->lockup_reason, fmt, ap);
	va_end(ap);
	c->locked_up = true;
	c->sleeping = false;
	/* A locked-up core fetches from 0xFFFFFFFE (B1.5.15). */
	c->pc = LOCKUP_PC;
}

void cpu_lockup(struct cpu *c, const char *reason)
{
	exc_lockup(c, "%s", reason);
	c->cycle_limit = 0; /* the run loop stops at the next instruction */
}

static const char *exc_name(unsigned n)
{
	switch (n) {
	case 0: return "Thread mode";
	case EXC_RESET: return "Reset";
	case EXC_NMI: return "NMI";
	case EXC_HARDFAULT: return "HardFault";
	case EXC_MEMMANAGE: return "MemManage";
	case EXC_BUSFAULT: return "BusFault";
	case EXC_USAGEFAULT: return "UsageFault";
	case EXC_SVCALL: return "SVCall";
	case EXC_DEBUGMON: return "DebugMonitor";
	case EXC_PENDSV: return "PendSV";
	case EXC_SYSTICK: return "SysTick";
	default: return n >= EXC_IRQ0 ? "IRQ" : "reserved exception";
	}
}

/* Where a fault that cannot be taken happened, for the lockup sentence. */
static void exc_context(const struct cpu *c, char *buf, size_t len)
{
	if (c->ipsr == EXC_HARDFAULT || c->ipsr == EXC_NMI)
		snprintf(buf, len, "in %s handler (exception %u)", exc_name(c->ipsr), c->ipsr);
	else if (c->faultmask)
		snprintf(buf, len, "with FAULTMASK set (exception %u)", c->ipsr);
	else
		snprintf(buf, len, "at priority -1 (exception %u)", c->ipsr);
}

static void exc_fault_text(enum cpu_fault f, uint32_t addr, char *buf, size_t len)
{
	switch (f) {
	case FAULT_IACCVIOL: snprintf(buf, len, "MPU violation on instruction fetch"); break;
	case FAULT_DACCVIOL:
		if (addr != ~0u)
			snprintf(buf, len, "MPU violation on data access to 0x%08x", addr);
		else
			snprintf(buf, len, "MPU violation on data access");
		break;
	case FAULT_MUNSTKERR: snprintf(buf, len, "MPU violation while unstacking"); break;
	case FAULT_MSTKERR: snprintf(buf, len, "MPU violation while stacking"); break;
	case FAULT_MLSPERR:
		snprintf(buf, len, "MPU violation during lazy FP state preservation");
		break;
	case FAULT_LSPERR: snprintf(buf, len, "bus error during lazy FP state preservation"); break;
	case FAULT_IBUSERR: snprintf(buf, len, "bus error on instruction fetch"); break;
	case FAULT_PRECISERR:
		if (addr != ~0u)
			snprintf(buf, len, "bus error on data access to 0x%08x", addr);
		else
			snprintf(buf, len, "bus error on data access");
		break;
	case FAULT_IMPRECISERR: snprintf(buf, len, "imprecise bus error"); break;
	case FAULT_UNSTKERR: snprintf(buf, len, "bus error while unstacking"); break;
	case FAULT_STKERR: snprintf(buf, len, "bus error while stacking"); break;
	case FAULT_UNDEFINSTR: snprintf(buf, len, "undefined instruction"); break;
	case FAULT_INVSTATE: snprintf(buf, len, "invalid state (Thumb bit clear)"); break;
	case FAULT_INVPC: snprintf(buf, len, "invalid EXC_RETURN"); break;
	case FAULT_NOCP: snprintf(buf, len, "coprocessor instruction (no coprocessor)"); break;
	case FAULT_UNALIGNED: snprintf(buf, len, "unaligned access"); break;
	case FAULT_DIVBYZERO: snprintf(buf, len, "division by zero"); break;
	case FAULT_HF_DEBUGEVT: snprintf(buf, len, "BKPT without a debugger"); break;
	default: snprintf(buf, len, "fault %d", (int)f); break;
	}
}

static void exc_fault_lockup(struct cpu *c, enum cpu_fault f, uint32_t pc, uint32_t addr)
{
	char ctx[64], what[64];
	exc_context(c, ctx, sizeof ctx);
	exc_fault_text(f, addr, what, sizeof what);
	exc_lockup(c, "HardFault while %s: %s at 0x%08x", ctx, what, pc);
}

/* Record a fault in CFSR/HFSR/DFSR and return the exception that handles
 * it before escalation. */
static unsigned exc_fault_record(struct cpu_exc *x, enum cpu_fault f, uint32_t addr)
{
	if (f == FAULT_HF_DEBUGEVT) {
		x->hfsr |= HFSR_DEBUGEVT;
		x->dfsr |= DFSR_BKPT;
		return EXC_HARDFAULT;
	}
	x->cfsr |= 1u << f;
	if (f == FAULT_DACCVIOL && addr != ~0u) {
		x->mmfar = addr;
		x->cfsr |= CFSR_MMARVALID;
	}
	if (f == FAULT_PRECISERR && addr != ~0u) {
		x->bfar = addr;
		x->cfsr |= CFSR_BFARVALID;
	}
	if (f < 8)
		return EXC_MEMMANAGE;
	if (f < 16)
		return EXC_BUSFAULT;
	return EXC_USAGEFAULT;
}

/* The exception that actually handles a fault whose own handler is
 * `target`, at execution priority `ep`: the configurable fault if enabled
 * and able to preempt, else HardFault (FORCED). 0 means lockup. */
static unsigned exc_escalate(struct cpu_exc *x, unsigned target, int ep)
{
	if (target != EXC_HARDFAULT) {
		if (exc_bit(x->enabled, target) && exc_group(x, cpu_exc_prio(x, target)) < ep)
			return target;
		x->hfsr |= HFSR_FORCED;
	}
	return ep > -1 ? EXC_HARDFAULT : 0;
}

/* A fault derived from exception entry: the handler being entered is now
 * active, the fault is pended and taken when its priority allows, which
 * for an escalated one (HardFault) is at once unless that is a lockup. */
static void exc_derived_fault(struct cpu *c, enum cpu_fault f)
{
	struct cpu_exc *x = c->exc;
	unsigned t = exc_escalate(x, exc_fault_record(x, f, ~0u), cpu_exec_priority(c));
	if (!t) {
		exc_fault_lockup(c, f, c->pc, ~0u);
		return;
	}
	cpu_exc_set_pending(x, t);
}

/* --- entry ---------------------------------------------------------------- */

/* One word of an exception frame: checked by the MPU as an access of the
 * interrupted (stacking) or returning-to (unstacking) code, `unpriv` when
 * that is unprivileged Thread mode, then made with the default map's
 * attributes through the D-cache. MSTKERR/MUNSTKERR for an MPU refusal
 * (the word is not accessed), STKERR/UNSTKERR for a bus error; -1 if
 * all went well. */
int cpu_exc_frame_word(struct cpu *c, uint32_t a, uint32_t *v, bool write, bool unpriv)
{
	struct mem_attr attr;
	if (cpu_mpu_enabled(c) &&
	    !cpu_mpu_check(c, a, 4, write ? MEM_WRITE : MEM_READ, unpriv, &attr))
		return write ? FAULT_MSTKERR : FAULT_MUNSTKERR;
	if (cpu_mem_raw_nompu(c, a, 4, v, write) != CPU_MEM_OK)
		return write ? FAULT_STKERR : FAULT_UNSTKERR;
	return -1;
}

/* Whether fault `n` is enabled and could preempt at execution priority
 * `ep` (the FPCCR RDY bits). */
static bool exc_could_preempt(const struct cpu_exc *x, unsigned n, int ep)
{
	return exc_bit(x->enabled, n) && exc_group(x, cpu_exc_prio(x, n)) < ep;
}

/* UpdateFPCCR(): a lazy FP frame reserved at `s0` (its S0 slot) by the
 * code being interrupted, whose privilege, mode and priority are still
 * current. */
static void exc_fp_reserve(struct cpu *c, uint32_t s0)
{
	const struct cpu_exc *x = c->exc;
	int ep = cpu_exec_priority(c);
	uint32_t f = c->fpccr & (FPCCR_ASPEN | FPCCR_LSPEN);
	f |= FPCCR_LSPACT;
	if (!exc_privileged(c))
		f |= FPCCR_USER;
	if (c->ipsr == 0)
		f |= FPCCR_THREAD;
	if (ep > -1)
		f |= FPCCR_HFRDY;
	if (exc_could_preempt(x, EXC_MEMMANAGE, ep))
		f |= FPCCR_MMRDY;
	if (exc_could_preempt(x, EXC_BUSFAULT, ep))
		f |= FPCCR_BFRDY;
	if (exc_could_preempt(x, EXC_DEBUGMON, ep))
		f |= FPCCR_MONRDY;
	c->fpccr = f;
	c->fpcar = s0 & ~7u;
}

/* PushStack(): the 8-word frame on the current stack, or the extended one
 * when the interrupted code has an FP context, with the privilege and
 * execution priority of the interrupted code (still current here).
 * Returns a mask of the faults met, 1 << FAULT_MSTKERR and/or
 * 1 << FAULT_STKERR (the SP moves anyway, as on silicon). */
static uint32_t exc_push(struct cpu *c, uint32_t ret_addr)
{
	struct cpu_exc *x = c->exc;
	bool psp = c->control & CONTROL_SPSEL;
	bool fp = c->cfg.fpu != CPU_FPU_NONE && (c->control & CONTROL_FPCA);
	uint32_t msp = exc_get_msp(c), ps = exc_get_psp(c);
	uint32_t sp = psp ? ps : msp;
	/* An extended frame is 8-byte aligned whatever STKALIGN says. */
	uint32_t align = (fp || (x->ccr & CCR_STKALIGN)) ? (sp >> 2) & 1u : 0;
	sp = (sp - (fp ? EXC_FRAME_FP : EXC_FRAME_BASIC)) & ~(align << 2);
	if (psp)
		ps = sp;
	else
		msp = sp;
	exc_set_sps(c, msp, ps);

	uint32_t frame[8] = {
		c->r[0], c->r[1], c->r[2], c->r[3], c->r[12], c->r[14], ret_addr,
		(cpu_xpsr_get(c) & ~(1u << 9)) | (align << 9),
	};
	uint32_t faults = 0;
	for (unsigned i = 0; i < 8; i++) {
		int f = cpu_exc_frame_word(c, sp + 4 * i, &frame[i], true, false);
		if (f >= 0)
			faults |= 1u << f;
	}
	if (fp && (c->fpccr & FPCCR_LSPEN)) {
		exc_fp_reserve(c, sp + EXC_FRAME_BASIC);
	} else if (fp) {
		for (unsigned i = 0; i <= 16; i++) {
			uint32_t w = i < 16 ? c->s[i] : c->fpscr;
			int f = cpu_exc_frame_word(c, sp + EXC_FRAME_BASIC + 4 * i, &w, true, false);
			if (f >= 0)
				faults |= 1u << f;
		}
		c->cycles += EXC_FP_CYCLES;
	}

	if (c->ipsr)
		c->r[14] = EXC_RETURN_HANDLER;
	else
		c->r[14] = psp ? EXC_RETURN_THREAD_PSP : EXC_RETURN_THREAD_MSP;
	if (fp)
		c->r[14] &= ~EXC_RETURN_FTYPE;
	return faults;
}

/* An external interrupt taken at `t`, on the trace stream. Entry is not
 * the hot path. The core publishes its time first, as before any hook;
 * sinks observe and schedule nothing, so its time limit stands. */
static void exc_trace_irq(struct cpu *c, unsigned n, simtime_t t)
{
	sched_set_now(c->sched, cpu_now(c));
	trace_state(c->trace, t, "nvic", "irq", n - EXC_IRQ0, NULL);
}

/* Enter the handler of exception n. With `tailchain` the frame of the
 * context being returned to is still on its stack and LR becomes
 * `exc_return`; otherwise a frame holding `ret_addr` is pushed. */
static void exc_take(struct cpu *c, unsigned n, uint32_t ret_addr, bool tailchain,
		     uint32_t exc_return)
{
	struct cpu_exc *x = c->exc;
	uint32_t stk_faults = 0;
	simtime_t taken = c->trace ? cpu_now(c) : 0;

	if (tailchain) {
		c->r[14] = exc_return;
		c->cycles += EXC_TAILCHAIN_CYCLES;
	} else {
		stk_faults = exc_push(c, ret_addr);
		c->cycles += EXC_ENTRY_CYCLES;
	}
	exc_set_spsel(c, false);
	/* The handler starts without an FP context of its own. */
	c->control &= ~CONTROL_FPCA;

	uint32_t vec;
	uint32_t va = x->vtor + 4 * n;
	if (cpu_mem_raw_nompu(c, va, 4, &vec, false) != CPU_MEM_OK) {
		x->hfsr |= HFSR_VECTTBL;
		if (n == EXC_HARDFAULT || n == EXC_NMI) {
			exc_lockup(c, "vector table read failed for %s (exception %u) at 0x%08x",
				   exc_name(n), n, va);
			return;
		}
		/* HardFault instead, on the frame already pushed; n stays
		 * pending and is retried once the HardFault has returned. */
		n = EXC_HARDFAULT;
		va = x->vtor + 4 * n;
		if (cpu_mem_raw_nompu(c, va, 4, &vec, false) != CPU_MEM_OK) {
			exc_lockup(c, "vector table read failed for HardFault (exception 3) at 0x%08x",
				   va);
			return;
		}
	}

	exc_bit_set(x->pending, n, false);
	cpu_exc_set_active(x, n, true);
	c->ipsr = n;
	c->itstate = 0;
	c->event_reg = true;
	c->sleeping = false;
	c->pc = vec & ~1u;
	c->exc_check = true;
	if (n >= EXC_IRQ0 && c->trace && c->trace->nsinks)
		exc_trace_irq(c, n, taken);
	if (n >= EXC_IRQ0 && exc_bit(x->edge, n)) {
		exc_bit_set(x->edge, n, false);
		if (c->lat.irq)
			c->lat.irq(c->lat.opaque, n - EXC_IRQ0, x->asserted[n], cpu_now(c));
	}

	if (stk_faults & (1u << FAULT_MSTKERR))
		exc_derived_fault(c, FAULT_MSTKERR);
	if (!c->locked_up && (stk_faults & (1u << FAULT_STKERR)))
		exc_derived_fault(c, FAULT_STKERR);
	/* A vector with bit 0 clear sets EPSR.T = 0: the first handler
	 * instruction faults. */
	if (!c->locked_up && !(vec & 1u))
		cpu_fault(c, FAULT_INVSTATE, c->pc, ~0u);
}

void cpu_exc_check(struct cpu *c)
{
	struct cpu_exc *x = c->exc;
	c->exc_check = false;
	if (c->locked_up)
		return;
	if (c->sleeping) {
		/* Woken already: asleep until the exit latency has passed. */
		if (c->waking)
			return;
		/* WFI (and SLEEPONEXIT) wake for anything that could preempt
		 * were PRIMASK clear; WFE only for what may preempt now, or an
		 * event (SEV, SEVONPEND, exception entry/return). */
		bool wake = cpu_exc_highest_pending(x, exc_exec_prio(c, x->wfe_sleep)) != 0;
		if (x->wfe_sleep && c->event_reg) {
			c->event_reg = false;
			wake = true;
		}
		if (!wake || !cpu_pm_woke(c))
			return;
		c->sleeping = false;
	}
	if (c->pm_resuming && !c->sleeping)
		c->resume_exc = cpu_exc_highest_pending(x, 256);
	unsigned n = cpu_exc_highest_pending(x, cpu_exec_priority(c));
	if (n)
		exc_take(c, n, c->pc, false, 0);
	/* The first instruction after a wake-up is next (the handler's, if
	 * one was taken): the power hooks' end of the wake-up latency. */
	if (c->pm_resuming && !c->sleeping && !c->locked_up) {
		c->pm_resuming = false;
		if (c->pm.resumed)
			c->pm.resumed(c->pm.opaque, cpu_now(c));
	}
}

void cpu_fault(struct cpu *c, enum cpu_fault f, uint32_t pc, uint32_t addr)
{
	struct cpu_exc *x = c->exc;
	if (c->locked_up)
		return;
	unsigned own = exc_fault_record(x, f, addr);
	if (f == FAULT_IMPRECISERR) {
		/* Asynchronous: pended (as a HardFault if BusFault is
		 * disabled) and taken when its priority allows, at the
		 * executor's next cpu_exc_check; never a lockup. */
		if (!exc_bit(x->enabled, own)) {
			x->hfsr |= HFSR_FORCED;
			own = EXC_HARDFAULT;
		}
		cpu_exc_set_pending(x, own);
		return;
	}
	unsigned t = exc_escalate(x, own, cpu_exec_priority(c));
	if (!t) {
		exc_fault_lockup(c, f, pc, addr);
		return;
	}
	exc_take(c, t, pc, false, 0);
}

void cpu_exc_svc(struct cpu *c, uint32_t return_pc)
{
	struct cpu_exc *x = c->exc;
	int ep = cpu_exec_priority(c);
	if (c->locked_up)
		return;
	if (exc_group(x, cpu_exc_prio(x, EXC_SVCALL)) < ep) {
		exc_take(c, EXC_SVCALL, return_pc, false, 0);
		return;
	}
	/* SVC cannot wait: at insufficient priority it escalates, and the
	 * HardFault frame points at the SVC instruction itself. */
	x->hfsr |= HFSR_FORCED;
	if (ep <= -1) {
		char ctx[64];
		exc_context(c, ctx, sizeof ctx);
		exc_lockup(c, "HardFault while %s: SVC at 0x%08x", ctx, return_pc - 2);
		return;
	}
	exc_take(c, EXC_HARDFAULT, return_pc - 2, false, 0);
}

bool cpu_exc_lazy_fault(struct cpu *c, enum cpu_fault f, uint32_t pc)
{
	struct cpu_exc *x = c->exc;
	if (c->locked_up)
		return true;
	/* Escalation follows the context that owns the frame, as FPCCR
	 * recorded it when the frame was reserved, not the current one. */
	unsigned t = exc_fault_record(x, f, ~0u);
	uint32_t rdy = t == EXC_MEMMANAGE ? FPCCR_MMRDY : FPCCR_BFRDY;
	if (!(c->fpccr & rdy)) {
		x->hfsr |= HFSR_FORCED;
		t = EXC_HARDFAULT;
	}
	int ep = cpu_exec_priority(c);
	bool now = t == EXC_HARDFAULT ? ep > -1 : exc_could_preempt(x, t, ep);
	if (!now && !(c->fpccr & FPCCR_HFRDY)) {
		exc_fault_lockup(c, f, pc, ~0u);
		return true;
	}
	cpu_exc_set_pending(x, t);
	/* Pended: taken before the FP instruction if it may preempt now
	 * (the frame points at the instruction, LSPACT stays set); otherwise
	 * the instruction goes on and the fault waits for its priority. */
	unsigned n = cpu_exc_highest_pending(x, ep);
	if (!n)
		return false;
	exc_take(c, n, pc, false, 0);
	return true;
}

/* --- return --------------------------------------------------------------- */

static void exc_deactivate(struct cpu *c, unsigned n)
{
	struct cpu_exc *x = c->exc;
	cpu_exc_set_active(x, n, false);
	if (n != EXC_NMI)
		c->faultmask = 0;
	if (n >= EXC_IRQ0)
		cpu_nvic_relevel(x, n);
	c->exc_check = true;
}

/* A fault during exception return, taken by tail-chaining on the frame
 * that is still on the stack, with LR = EXC_RETURN (B1.5.8 pseudocode). */
static void exc_return_fault(struct cpu *c, enum cpu_fault f, uint32_t exc_return)
{
	struct cpu_exc *x = c->exc;
	unsigned t = exc_escalate(x, exc_fault_record(x, f, ~0u), cpu_exec_priority(c));
	if (!t) {
		exc_fault_lockup(c, f, exc_return, ~0u);
		return;
	}
	exc_take(c, t, 0, true, 0xf0000000u | exc_return);
}

void cpu_exc_return(struct cpu *c, uint32_t exc_return)
{
	struct cpu_exc *x = c->exc;
	unsigned n = c->ipsr;
	if (c->locked_up || n == 0)
		return;

	unsigned mode = exc_return & 0xfu;
	bool to_thread = mode != 1;
	/* Bit 4 (the frame type) may be 0 only with an FPU. */
	bool has_fp = c->cfg.fpu != CPU_FPU_NONE;
	uint32_t ones = has_fp ? 0x0fffffe0u : 0x0ffffff0u;
	bool fp = has_fp && !(exc_return & EXC_RETURN_FTYPE);
	bool valid = (exc_return & ones) == ones &&
		     (mode == 1 || mode == 9 || mode == 0xd) && exc_bit(x->active, n);
	/* Returning to Thread mode with other exceptions still active needs
	 * CCR.NONBASETHRDENA. */
	if (valid && to_thread && x->nactive != 1 && !(x->ccr & CCR_NONBASETHRDENA))
		valid = false;
	exc_deactivate(c, n);
	if (!valid) {
		exc_return_fault(c, FAULT_INVPC, exc_return);
		return;
	}

	unsigned p = cpu_exc_highest_pending(x, cpu_exec_priority(c));
	if (p) {
		exc_take(c, p, 0, true, exc_return);
		return;
	}

	bool to_psp = mode == 0xd;
	uint32_t msp = exc_get_msp(c), psp = exc_get_psp(c);
	uint32_t sp0 = to_psp ? psp : msp;
	uint32_t fr[8 + 17];
	/* PopStack() reads with the privilege of the code returned to (the
	 * handler is no longer active; CONTROL.nPRIV applies in Thread mode)
	 * and at the execution priority after deactivation. An MPU refusal
	 * stops the unstacking as a bus error does; MUNSTKERR wins if a word
	 * met one. The FP words of an extended frame are read only if they
	 * were written: with LSPACT still set the registers hold them. */
	bool unpriv = to_thread && (c->control & CONTROL_NPRIV);
	bool fp_words = fp && !(c->fpccr & FPCCR_LSPACT);
	unsigned nwords = fp_words ? 8 + 17 : 8;
	int fault = -1;
	for (unsigned i = 0; i < nwords; i++) {
		int f = cpu_exc_frame_word(c, sp0 + 4 * i, &fr[i], false, unpriv);
		if (f == FAULT_MUNSTKERR || (f >= 0 && fault < 0))
			fault = f;
	}
	if (fault >= 0) {
		exc_return_fault(c, (enum cpu_fault)fault, exc_return);
		return;
	}
	uint32_t ipsr = fr[7] & 0x1ffu;
	if (to_thread != (ipsr == 0)) {
		/* Frame IPSR disagrees with EXC_RETURN: nothing has been
		 * committed, so the frame simply stays where it is. */
		exc_return_fault(c, FAULT_INVPC, exc_return);
		return;
	}

	/* An extended frame was aligned whatever STKALIGN says. */
	uint32_t realign = ((fr[7] >> 9) & 1u) & (fp || (x->ccr & CCR_STKALIGN));
	uint32_t sp = (sp0 + (fp ? EXC_FRAME_FP : EXC_FRAME_BASIC)) | (realign << 2);
	if (to_psp)
		psp = sp;
	else
		msp = sp;
	exc_set_sps(c, msp, psp);
	exc_set_spsel(c, to_psp);
	c->r[0] = fr[0];
	c->r[1] = fr[1];
	c->r[2] = fr[2];
	c->r[3] = fr[3];
	c->r[12] = fr[4];
	c->r[14] = fr[5];
	c->pc = fr[6] & ~1u;
	cpu_xpsr_set_apsr_it(c, fr[7]);
	c->ipsr = ipsr;
	if (fp_words) {
		memcpy(c->s, &fr[8], 16 * sizeof c->s[0]);
		c->fpscr = fr[24] & FPSCR_WRITABLE;
		c->cycles += EXC_FP_CYCLES;
	} else if (fp) {
		c->fpccr &= ~FPCCR_LSPACT;
	}
	if (has_fp)
		c->control = (c->control & ~CONTROL_FPCA) | (fp ? CONTROL_FPCA : 0);
	c->event_reg = true;
	c->cycles += EXC_RETURN_CYCLES;
	c->exc_check = true;

	if (!(fr[7] & (1u << 24))) {
		cpu_fault(c, FAULT_INVSTATE, c->pc, ~0u);
		return;
	}
	if (to_thread && (x->scr & SCR_SLEEPONEXIT)) {
		/* Unstacking first is one of the behaviours the architecture
		 * allows; the wake-up then stacks afresh. */
		c->sleeping = true;
		x->wfe_sleep = false;
	}
}

/* --- special registers ---------------------------------------------------- */

uint32_t cpu_mrs(struct cpu *c, unsigned sysm)
{
	if (sysm < 8) {
		uint32_t v = 0;
		if (sysm & 1u)
			v |= c->ipsr & 0x1ffu;
		/* EPSR reads as zero; bit 1 selects nothing readable. */
		if (!(sysm & 4u))
			v |= c->nzcv | (c->q << 27) | (c->ge << 16);
		return v;
	}
	switch (sysm) {
	case 8: return exc_get_msp(c);
	case 9: return exc_get_psp(c);
	case 16: return c->primask & 1u;
	case 17:
	case 18: return c->basepri;
	case 19: return c->faultmask & 1u;
	case 20: return c->control & (c->cfg.fpu != CPU_FPU_NONE ? 7u : 3u);
	default: return 0;
	}
}

void cpu_msr(struct cpu *c, unsigned sysm, unsigned mask, uint32_t v)
{
	struct cpu_exc *x = c->exc;
	bool priv = exc_privileged(c);

	if (sysm < 8) {
		if (sysm & 4u)
			return; /* IPSR/EPSR only: writes ignored */
		if (mask & 2u) {
			c->nzcv = v & 0xf0000000u;
			c->q = (v >> 27) & 1u;
		}
		if (mask & 1u)
			c->ge = (v >> 16) & 0xfu;
		return;
	}
	if (!priv)
		return; /* unprivileged writes to SPs and masks are ignored */
	switch (sysm) {
	case 8:
		exc_set_sps(c, v & ~3u, exc_get_psp(c));
		break;
	case 9:
		exc_set_sps(c, exc_get_msp(c), v & ~3u);
		break;
	case 16:
		c->primask = v & 1u;
		break;
	case 17:
		c->basepri = v & x->prio_mask;
		break;
	case 18: {
		/* BASEPRI_MAX only ever raises the priority (lowers the value). */
		uint32_t b = v & x->prio_mask;
		if (b && (!c->basepri || b < c->basepri))
			c->basepri = b;
		break;
	}
	case 19:
		/* Setting FAULTMASK needs an execution priority above -1;
		 * clearing it is always allowed. */
		if (!(v & 1u))
			c->faultmask = 0;
		else if (cpu_exec_priority(c) > -1)
			c->faultmask = 1;
		break;
	case 20:
		c->control = (c->control & ~CONTROL_NPRIV) | (v & CONTROL_NPRIV);
		if (c->cfg.fpu != CPU_FPU_NONE)
			c->control = (c->control & ~CONTROL_FPCA) | (v & CONTROL_FPCA);
		if (c->ipsr == 0)
			exc_set_spsel(c, v & CONTROL_SPSEL);
		break;
	default:
		return;
	}
	c->exc_check = true;
}

void cpu_cps(struct cpu *c, bool disable, bool affect_i, bool affect_f)
{
	if (!exc_privileged(c))
		return;
	if (affect_i)
		c->primask = disable;
	if (affect_f) {
		if (!disable)
			c->faultmask = 0;
		else if (cpu_exec_priority(c) > -1)
			c->faultmask = 1;
	}
	c->exc_check = true;
}

bool cpu_wfi_should_sleep(struct cpu *c)
{
	if (cpu_exc_highest_pending(c->exc, exc_exec_prio(c, false))) {
		c->exc_check = true;
		return false;
	}
	c->exc->wfe_sleep = false;
	c->sleeping = true;
	return true;
}

bool cpu_wfe_should_sleep(struct cpu *c)
{
	if (c->event_reg) {
		c->event_reg = false;
		return false;
	}
	c->exc->wfe_sleep = true;
	c->sleeping = true;
	return true;
}

uint32_t cpu_ccr(const struct cpu *c)
{
	return c->exc->ccr;
}

/* --- life cycle ----------------------------------------------------------- */

static void exc_state_reset(struct cpu_exc *x)
{
	memset(x->pending, 0, sizeof x->pending);
	memset(x->active, 0, sizeof x->active);
	memset(x->enabled, 0, sizeof x->enabled);
	memset(x->prio, 0, sizeof x->prio);
	x->nactive = 0;
	x->wfe_sleep = false;
	/* Always enabled; the configurable faults wait for SHCSR, IRQs for
	 * ISER, DebugMonitor for DEMCR.MON_EN. */
	static const unsigned always[] = { EXC_NMI, EXC_HARDFAULT, EXC_SVCALL, EXC_PENDSV,
					   EXC_SYSTICK };
	for (unsigned i = 0; i < sizeof always / sizeof always[0]; i++)
		exc_bit_set(x->enabled, always[i], true);
	x->vtor = 0;
	x->prigroup = 0;
	x->scr = 0;
	x->ccr = CCR_STKALIGN;
	x->cfsr = x->hfsr = x->dfsr = x->mmfar = x->bfar = 0;
	x->demcr = 0;
	x->csselr = 0;
	cpu_systick_reset(x);
	cpu_dwt_reset(x);
}

int cpu_exc_init(struct cpu *c, struct err *e)
{
	if (c->cfg.num_irq < 1 || c->cfg.num_irq > EXC_NUM_MAX - EXC_IRQ0)
		return errf(e, "cpu: %u external interrupts requested; the NVIC supports 1..%u",
			    c->cfg.num_irq, EXC_NUM_MAX - EXC_IRQ0);
	if (c->cfg.prio_bits < 3 || c->cfg.prio_bits > 8)
		return errf(e, "cpu: %u priority bits requested; ARMv7-M implements 3..8",
			    c->cfg.prio_bits);
	struct cpu_exc *x = calloc(1, sizeof *x);
	if (!x)
		return errf(e, "cpu: out of memory for the exception model");
	x->c = c;
	x->nexc = EXC_IRQ0 + c->cfg.num_irq;
	x->prio_mask = (uint8_t)(0xffu << (8 - c->cfg.prio_bits));
	c->exc = x;
	cpu_systick_init(x);
	if (cpu_scs_init(x, e) < 0) {
		c->exc = NULL;
		free(x);
		return -1;
	}
	exc_state_reset(x);
	return 0;
}

void cpu_exc_free(struct cpu *c)
{
	if (!c->exc)
		return;
	cpu_systick_free(c->exc);
	free(c->exc);
	c->exc = NULL;
}

void cpu_exc_reset(struct cpu *c)
{
	struct cpu_exc *x = c->exc;
	exc_state_reset(x);
	c->ipsr = 0;
	c->control = 0;
	c->primask = c->faultmask = c->basepri = 0;
	c->itstate = 0;
	c->event_reg = false;
	c->sleeping = false;
	c->locked_up = false;
	c->lockup_reason[0] = '\0';
	c->sp_main = c->sp_process = 0;
	c->r[14] = 0xffffffffu;
	/* The FP extension's registers and its SCS ones (B3.2.20-B3.2.23);
	 * all zero without an FPU, which then reads them as zero. */
	memset(c->s, 0, sizeof c->s);
	c->fpscr = 0;
	c->cpacr = 0;
	c->fpccr = c->cfg.fpu != CPU_FPU_NONE ? FPCCR_RESET : 0;
	c->fpcar = 0;
	c->fpdscr = 0;

	uint32_t sp, pc, v = c->boot_vector;
	x->vtor = v;
	if (bus_read(c->bus, v, 4, &sp) != BUS_OK) {
		c->r[13] = 0;
		exc_lockup(c, v ? "vector table read failed at warm boot: no initial SP"
			   : "vector table read failed at reset: no initial SP at 0x00000000");
		return;
	}
	c->r[13] = sp & ~3u;
	if (bus_read(c->bus, v + 4, 4, &pc) != BUS_OK) {
		exc_lockup(c, v ? "vector table read failed at warm boot: no reset vector"
			   : "vector table read failed at reset: no reset vector at 0x00000004");
		return;
	}
	c->pc = pc & ~1u;
	/* Lines held high across a core reset pend again; those keep the
	 * time of their edge (an interrupt that woke the core through a
	 * warm boot measures from its assertion), the others forget it. */
	for (unsigned n = EXC_IRQ0; n < x->nexc; n++) {
		cpu_nvic_relevel(x, n);
		if (!exc_bit(x->pending, n))
			exc_bit_set(x->edge, n, false);
	}
	c->exc_check = true;
	if (!(pc & 1u))
		cpu_fault(c, FAULT_INVSTATE, c->pc, ~0u);
}
