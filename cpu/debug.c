/*
 * The core's debug support, as a host-side debugger (front/gdbstub.c)
 * uses it: breakpoints, watchpoints, single-step, and the registers a
 * debugger reads and writes that the rest of the simulator does not.
 *
 * Nothing here touches guest memory or the decoded-instruction cache: a
 * breakpoint is an address in a host table, never a BKPT written into the
 * guest's code, so caches, wait states and decoded instructions are what
 * they would be without it. What a stop costs is host time only:
 *
 *  - Breakpoints and single-step. While any breakpoint is set or a step
 *    is pending, cpu_sync_time() bounds the fast loop to one instruction
 *    (`dbg_every`), so that run_check() sees every instruction boundary
 *    and asks cpu_debug_check() whether to stop there. That check comes
 *    after the exception model's, so a breakpoint on a handler's first
 *    instruction stops there as the handler is entered. Without
 *    breakpoints nothing is added to the loop: the check rides on the
 *    cycle-limit compare the loop makes anyway.
 *  - Watchpoints. A watched 4 KiB page is kept out of the memory system's
 *    fast tables (and the D-cache's hot line is off while any watchpoint
 *    is set), so every data access to it takes cpu_mem_raw(), which calls
 *    cpu_debug_access(): a match records the hit and forces a check, and
 *    the core stops after the instruction that made the access (gdb's
 *    watchpoints on ARM M-profile targets report after the access). The
 *    slow path gives the same result as the fast one, so the run is the
 *    same. Accesses of other bus masters (DMA) are not the core's and do
 *    not trigger.
 *
 * A stop is taken at an instruction boundary where the core would have
 * gone on: time stands still while the debugger holds the core, and
 * continuing runs exactly what would have run.
 */
#include "cpu/decode.h"
#include "cpu/exc.h"
#include "cpu/fpu.h"
#include "cpu/mem.h"

#include <stdlib.h>

#define DBG_MAX_BREAK 64
#define DBG_MAX_WATCH 16

#define CTRL_NPRIV (1u << 0)
#define CTRL_SPSEL (1u << 1)

struct cpu_debug {
	struct {
		uint32_t addr;
		enum cpu_bp_kind kind;
	} bp[DBG_MAX_BREAK];
	unsigned nbp;
	struct {
		uint32_t addr, len;
		enum cpu_watch_kind kind;
	} wp[DBG_MAX_WATCH];
	unsigned nwp;
	/* Continuing from a breakpoint's address runs its instruction: the
	 * breakpoint there is ignored until an instruction has retired. */
	uint32_t resume_pc;
	uint64_t resume_insns;
	bool step;
	uint64_t step_insns;
	bool hit;               /* a watchpoint matched; the stop is pending */
	struct cpu_debug_stop stop, pending;
};

static struct cpu_debug *dbg(struct cpu *c)
{
	if (!c->dbg)
		c->dbg = calloc(1, sizeof *c->dbg);
	return c->dbg;
}

/* Re-derive the flags the run loop and the memory system look at. */
static void dbg_flags(struct cpu *c)
{
	struct cpu_debug *d = c->dbg;
	c->dbg_every = d && (d->nbp || d->step);
	c->dbg_on = d && (d->nbp || d->nwp || d->step || d->hit);
	cpu_force_check(c);
}

void cpu_debug_free(struct cpu *c)
{
	free(c->dbg);
	c->dbg = NULL;
}

int cpu_debug_break(struct cpu *c, uint32_t addr, enum cpu_bp_kind kind, bool set)
{
	struct cpu_debug *d = dbg(c);
	if (!d)
		return -1;
	addr &= ~1u;
	for (unsigned i = 0; i < d->nbp; i++) {
		if (d->bp[i].addr != addr || d->bp[i].kind != kind)
			continue;
		if (!set)
			d->bp[i] = d->bp[--d->nbp];
		dbg_flags(c);
		return 0;
	}
	if (set) {
		if (d->nbp == DBG_MAX_BREAK)
			return -1;
		d->bp[d->nbp].addr = addr;
		d->bp[d->nbp++].kind = kind;
	}
	dbg_flags(c);
	return 0;
}

static bool overlaps(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return a - b < blen || b - a < alen;
}

int cpu_debug_watch(struct cpu *c, uint32_t addr, uint32_t len, enum cpu_watch_kind kind,
		    bool set)
{
	struct cpu_debug *d = dbg(c);
	if (!d || !len || len - 1 > UINT32_MAX - addr)
		return -1;
	unsigned i;
	for (i = 0; i < d->nwp; i++)
		if (d->wp[i].addr == addr && d->wp[i].len == len && d->wp[i].kind == kind)
			break;
	if (set && i == d->nwp) {
		if (d->nwp == DBG_MAX_WATCH)
			return -1;
		d->wp[d->nwp].addr = addr;
		d->wp[d->nwp].len = len;
		d->wp[d->nwp++].kind = kind;
	} else if (!set && i < d->nwp) {
		d->wp[i] = d->wp[--d->nwp];
	}
	c->dbg_nwatch = d->nwp;
	dbg_flags(c);
	cpu_mem_watch_changed(c);
	return 0;
}

bool cpu_debug_page_watched(const struct cpu *c, uint32_t page_base)
{
	const struct cpu_debug *d = c->dbg;
	for (unsigned i = 0; d && i < d->nwp; i++)
		if (overlaps(d->wp[i].addr, d->wp[i].len, page_base, BUS_PAGE_SIZE))
			return true;
	return false;
}

void cpu_debug_access(struct cpu *c, uint32_t a, unsigned size, bool write)
{
	struct cpu_debug *d = c->dbg;
	if (!d || d->hit)
		return;
	for (unsigned i = 0; i < d->nwp; i++) {
		if (!(d->wp[i].kind & (write ? CPU_WATCH_WRITE : CPU_WATCH_READ)) ||
		    !overlaps(d->wp[i].addr, d->wp[i].len, a, size))
			continue;
		d->hit = true;
		d->pending.reason = CPU_STOP_WATCH;
		d->pending.watch = d->wp[i].kind;
		/* The first watched byte the access touched. */
		d->pending.addr = a - d->wp[i].addr < d->wp[i].len ? a : d->wp[i].addr;
		c->dbg_on = true;
		cpu_force_check(c);
		return;
	}
}

void cpu_debug_clear(struct cpu *c)
{
	struct cpu_debug *d = c->dbg;
	if (!d)
		return;
	bool watched = d->nwp;
	d->nbp = d->nwp = 0;
	d->step = d->hit = false;
	c->dbg_nwatch = 0;
	dbg_flags(c);
	if (watched)
		cpu_mem_watch_changed(c);
}

void cpu_debug_resume(struct cpu *c, bool step)
{
	struct cpu_debug *d = dbg(c);
	if (!d)
		return;
	d->resume_pc = c->pc;
	d->resume_insns = c->insns;
	d->step = step;
	d->step_insns = c->insns;
	d->stop.reason = CPU_STOP_NONE;
	dbg_flags(c);
}

bool cpu_debug_check(struct cpu *c)
{
	struct cpu_debug *d = c->dbg;
	if (d->hit) {
		d->hit = false;
		d->step = false;
		d->stop = d->pending;
		dbg_flags(c);
		return true;
	}
	if (d->step && c->insns != d->step_insns) {
		d->step = false;
		d->stop = (struct cpu_debug_stop){ .reason = CPU_STOP_STEP };
		dbg_flags(c);
		return true;
	}
	for (unsigned i = 0; i < d->nbp; i++) {
		if (d->bp[i].addr != c->pc)
			continue;
		if (c->pc == d->resume_pc && c->insns == d->resume_insns)
			break;
		d->step = false;
		d->stop = (struct cpu_debug_stop){ .reason = CPU_STOP_BREAK, .bp = d->bp[i].kind,
						   .addr = c->pc };
		dbg_flags(c);
		return true;
	}
	return false;
}

void cpu_debug_why(const struct cpu *c, struct cpu_debug_stop *s)
{
	if (c->dbg)
		*s = c->dbg->stop;
	else
		*s = (struct cpu_debug_stop){ .reason = CPU_STOP_NONE };
}

/* ---- registers ----------------------------------------------------- */

/* CONTROL.SPSEL is 0 in handler mode, so it alone says which SP is r13. */
static uint32_t get_msp(const struct cpu *c)
{
	return (c->control & CTRL_SPSEL) ? c->sp_main : c->r[13];
}

static uint32_t get_psp(const struct cpu *c)
{
	return (c->control & CTRL_SPSEL) ? c->r[13] : c->sp_process;
}

static void set_sps(struct cpu *c, uint32_t msp, uint32_t psp)
{
	if (c->control & CTRL_SPSEL) {
		c->r[13] = psp;
		c->sp_main = msp;
	} else {
		c->r[13] = msp;
		c->sp_process = psp;
	}
}

uint32_t cpu_debug_sysreg(const struct cpu *c, enum cpu_sysreg r)
{
	switch (r) {
	case CPU_MSP: return get_msp(c);
	case CPU_PSP: return get_psp(c);
	case CPU_PRIMASK: return c->primask & 1u;
	case CPU_BASEPRI: return c->basepri;
	case CPU_FAULTMASK: return c->faultmask & 1u;
	case CPU_CONTROL: return c->control & (cpu_has_fpu(c) ? 7u : 3u);
	}
	return 0;
}

void cpu_debug_set_sysreg(struct cpu *c, enum cpu_sysreg r, uint32_t v)
{
	uint32_t msp = get_msp(c), psp = get_psp(c);
	switch (r) {
	case CPU_MSP:
		set_sps(c, v & ~3u, psp);
		break;
	case CPU_PSP:
		set_sps(c, msp, v & ~3u);
		break;
	case CPU_PRIMASK:
		c->primask = v & 1u;
		break;
	case CPU_BASEPRI:
		c->basepri = v & 0xffu & (0xffu << (8 - c->cfg.prio_bits));
		break;
	case CPU_FAULTMASK:
		c->faultmask = v & 1u;
		break;
	case CPU_CONTROL:
		/* SPSEL is 0 in handler mode, whatever is written (as MSR). */
		c->control = (v & CTRL_NPRIV) | (c->ipsr ? 0 : v & CTRL_SPSEL);
		if (cpu_has_fpu(c))
			c->control |= v & CONTROL_FPCA;
		set_sps(c, msp, psp);
		break;
	}
	c->exc_check = true;
	cpu_force_check(c);
}

void cpu_debug_set_reg(struct cpu *c, unsigned n, uint32_t v)
{
	if (n == 13)
		v &= ~3u; /* SP keeps bits [1:0] zero, as a load into it does */
	cpu_set_reg(c, n, v);
	if (n == 15)
		c->dc->excl_valid = false;
	cpu_force_check(c);
}

void cpu_debug_set_xpsr(struct cpu *c, uint32_t v)
{
	/* APSR and the IT bits; IPSR is the exception model's and T is
	 * always 1 on this Thumb-only core. */
	cpu_xpsr_set_apsr_it(c, v);
	cpu_force_check(c);
}

int cpu_debug_load(struct cpu *c, uint32_t addr, const void *buf, uint32_t len)
{
	return cpu_debug_write_mem(c, addr, buf, len, true);
}

bool cpu_has_fpu(const struct cpu *c)
{
	return c->cfg.fpu != CPU_FPU_NONE;
}

uint32_t cpu_fp_reg(const struct cpu *c, unsigned n)
{
	if (!cpu_has_fpu(c) || n > CPU_FP_FPSCR)
		return 0;
	return n < 32 ? c->s[n] : c->fpscr;
}

void cpu_set_fp_reg(struct cpu *c, unsigned n, uint32_t v)
{
	if (!cpu_has_fpu(c) || n > CPU_FP_FPSCR)
		return;
	if (n < 32)
		c->s[n] = v;
	else
		c->fpscr = v & FPSCR_WRITABLE;
}

bool cpu_debug_fp_ctx(const struct cpu *c, uint32_t addr, uint32_t *v)
{
	if (!cpu_has_fpu(c))
		return false;
	switch (addr) {
	case 0xe000ef34u: *v = c->fpccr; return true;
	case 0xe000ef38u: *v = c->fpcar; return true;
	case 0xe000ef3cu: *v = c->fpdscr; return true;
	default: return false;
	}
}
