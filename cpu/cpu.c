/*
 * The ARMv7-M core: creation, reset, register access, time, and the
 * execution loop.
 *
 * cpu_run executes decoded instructions back to back. The only per-
 * instruction check is one compare of the cycle count against
 * cycle_limit (which also bounds the instruction limit): everything else
 * that can end a run of instructions (an exception becoming pending,
 * sleep, stop, lockup, a write to a code page, a device scheduling an
 * event sooner) happens inside a call the executor makes (MMIO, hooks,
 * the exception model), and those paths set cycle_limit to 0
 * (cpu_force_check) so the loop looks at the state before the next
 * instruction. cpu_sync_time re-derives the limit from
 * min(until, sched_next_time()).
 *
 * Time: cpu_now() = time_base + (cycles - cycle_base) * period_ps, so a
 * change of frequency re-bases (time_base, cycle_base) and never warps
 * time already spent.
 */
#include "cpu/decode.h"
#include "cpu/exc.h"
#include "cpu/fast.h"
#include "cpu/mem.h"

#include <stdlib.h>

static simtime_t period_of(uint32_t hz)
{
	simtime_t p = (PS_PER_S + hz / 2) / hz;
	return p ? p : 1;
}

/* The end of the exit latency: the core is awake, and the exception check
 * takes whatever is pending now (it may be more than what woke it). */
static void cpu_wake_done(struct sched_event *ev, simtime_t now)
{
	struct cpu *c = container_of(ev, struct cpu, wake_ev);
	(void)now;
	c->waking = false;
	c->sleeping = false;
	c->exc_check = true;
	cpu_force_check(c);
}

struct cpu *cpu_create(struct sched *s, struct bus *b, const struct cpu_config *cfg,
		       const struct cpu_hooks *hooks, struct err *e)
{
	if (!cfg->freq_hz) {
		errf(e, "cpu: clock frequency must be nonzero");
		return NULL;
	}
	struct cpu *c = calloc(1, sizeof *c);
	if (!c) {
		errf(e, "cpu: out of memory");
		return NULL;
	}
	c->sched = s;
	c->bus = b;
	c->cfg = *cfg;
	if (hooks)
		c->hooks = *hooks;
	c->freq_hz = cfg->freq_hz;
	c->period_ps = period_of(cfg->freq_hz);
	c->time_base = sched_now(s);
	sched_event_init(&c->wake_ev, cpu_wake_done, "cpu.wake");
	if (cpu_decode_init(c, e) < 0) {
		free(c);
		return NULL;
	}
	if (cpu_exc_init(c, e) < 0) {
		cpu_decode_free(c);
		free(c);
		return NULL;
	}
	if (cpu_mpu_init(c, e) < 0) {
		cpu_exc_free(c);
		cpu_decode_free(c);
		free(c);
		return NULL;
	}
	if (cpu_mem_init(c, e) < 0) {
		cpu_mpu_free(c);
		cpu_exc_free(c);
		cpu_decode_free(c);
		free(c);
		return NULL;
	}
	return c;
}

void cpu_destroy(struct cpu *c)
{
	if (!c)
		return;
	/* sched_free() unqueues every event, so this is safe either way. */
	if (sched_pending(&c->wake_ev))
		sched_cancel(c->sched, &c->wake_ev);
	cpu_debug_free(c);
	cpu_mem_free(c);
	cpu_mpu_free(c);
	cpu_exc_free(c);
	cpu_decode_free(c);
	free(c);
}

void cpu_core_reset(struct cpu *c)
{
	struct cpu_decode_cache *dc = c->dc;
	/* Time goes on across a reset, and so do the instruction and cycle
	 * counts (run statistics and --max-insns span guest resets; the
	 * DWT cycle counter restarts from its own base). */
	c->time_base = cpu_now(c);
	c->cycle_base = c->cycles;
	memset(c->r, 0, sizeof c->r);
	c->pc = 0;
	c->nzcv = c->q = c->ge = c->itstate = c->ipsr = 0;
	c->sp_main = c->sp_process = 0;
	c->primask = c->faultmask = c->basepri = c->control = 0;
	c->event_reg = false;
	c->sleeping = false;
	c->waking = false;
	c->pm_resuming = false;
	if (sched_pending(&c->wake_ev))
		sched_cancel(c->sched, &c->wake_ev);
	c->stop_requested = false;
	c->reset_requested = false;
	c->locked_up = false;
	c->lockup_reason[0] = '\0';
	c->exc_check = false;
	dc->in_it = false;
	dc->arm_state = false;
	dc->excl_valid = false;
	cpu_timing_flush(&dc->tm);
	/* Decoded instructions stay valid: they are dropped when their
	 * memory is written, not when the core resets. */
	cpu_force_check(c);
	cpu_mpu_reset(c);
	cpu_mem_reset(c);
	cpu_exc_reset(c);
}

void cpu_sync_time(struct cpu *c)
{
	simtime_t now = cpu_now(c);
	sched_set_now(c->sched, now);
	simtime_t lim = c->dc->until, next = sched_next_time(c->sched);
	if (next < lim)
		lim = next;
	uint64_t limit;
	if (lim == SIMTIME_NEVER)
		limit = UINT64_MAX;
	else if (lim <= c->time_base)
		limit = c->cycle_base;
	else {
		simtime_t d = lim - c->time_base;
		limit = c->cycle_base + d / c->period_ps + (d % c->period_ps != 0);
	}
	c->dc->time_limit = limit;
	/* The loop checks only the cycle count, so bound it by the
	 * instructions left: an instruction costs at least one cycle on the
	 * Cortex-M3 model, and two can share a cycle on the Cortex-M7's. With
	 * fewer left than that, the loop checks after every instruction. */
	if (c->insn_limit && c->insns < c->insn_limit) {
		uint64_t per_cycle = c->cfg.timing == CPU_TIMING_M7 ? 2 : 1;
		uint64_t bound = c->cycles + (c->insn_limit - c->insns) / per_cycle;
		if (bound < limit)
			limit = bound;
	}
	/* A debugger with breakpoints or a step pending looks at every
	 * instruction boundary (debug.c). */
	if (cpu_unlikely(c->dbg_every) && c->cycles < limit)
		limit = c->cycles;
	c->cycle_limit = c->dc->check ? 0 : limit;
}

void cpu_set_freq(struct cpu *c, uint32_t hz)
{
	if (!hz)
		return;
	c->time_base = cpu_now(c);
	c->cycle_base = c->cycles;
	c->freq_hz = hz;
	c->period_ps = period_of(hz);
	/* Wait states are re-derived from the region timing. */
	cpu_mem_remap(c);
	cpu_systick_rebase(c);
	cpu_sync_time(c);
}

void cpu_set_power_hooks(struct cpu *c, const struct cpu_power_hooks *h)
{
	c->pm = *h;
}

void cpu_set_coherency_hooks(struct cpu *c, const struct cpu_coherency_hooks *h)
{
	c->coh = *h;
}

void cpu_set_latency_hooks(struct cpu *c, const struct cpu_latency_hooks *h)
{
	c->lat = *h;
}

void cpu_set_trace(struct cpu *c, struct trace *t)
{
	c->trace = t;
}

void cpu_set_frozen(struct cpu *c, bool frozen)
{
	c->frozen = frozen;
	cpu_force_check(c);
}

bool cpu_is_frozen(const struct cpu *c)
{
	return c->frozen;
}

bool cpu_is_sleeping(const struct cpu *c)
{
	return c->sleeping;
}

unsigned cpu_wake_exception(const struct cpu *c)
{
	return cpu_exc_highest_pending(c->exc, 256);
}

unsigned cpu_resume_exception(const struct cpu *c)
{
	return c->resume_exc;
}

/* The core woke from a sleep the power hooks were told of. The exit
 * latency passes without cycles, and as sleep: the core stays asleep
 * until an event at its end, so the scheduler runs whatever falls due
 * meanwhile at its own time (timers, a UART's far end, scenario steps),
 * as on silicon, where only the core is held. Adding the latency to the
 * core's clock instead would let the core publish a time past those
 * events: they would all run at once when it resumed, and anything they
 * schedule "after" themselves would land in the past, out of order. */
bool cpu_pm_woke(struct cpu *c)
{
	if (!c->pm_asleep)
		return true;
	simtime_t d = 0;
	if (c->pm.wake) {
		d = c->pm.wake(c->pm.opaque, cpu_now(c));
		if (d == SIMTIME_NEVER)
			return false;
	}
	c->pm_asleep = false;
	c->pm_resuming = true;
	if (!d)
		return true;
	/* A warm boot in the hook has reset the core, `sleeping` too. */
	c->sleeping = true;
	c->waking = true;
	sched_schedule(c->sched, &c->wake_ev, cpu_now(c) + d);
	cpu_force_check(c);
	return false;
}

unsigned cpu_warm_boot(struct cpu *c, uint32_t vector)
{
	unsigned lost = cpu_mem_dirty_lines(c);
	/* A stop the machine asked for (a checker in fatal mode, seeing the
	 * lost lines) survives the core's reset. */
	bool stop = c->stop_requested;
	c->boot_vector = vector;
	cpu_core_reset(c);
	c->boot_vector = 0;
	c->pm_asleep = false;
	if (stop)
		cpu_request_stop(c);
	return lost;
}

void cpu_request_stop(struct cpu *c)
{
	c->stop_requested = true;
	cpu_force_check(c);
}

bool cpu_take_reset_request(struct cpu *c)
{
	bool r = c->reset_requested;
	c->reset_requested = false;
	return r;
}

void cpu_set_insn_limit(struct cpu *c, uint64_t max_insns)
{
	c->insn_limit = max_insns;
}

/* Between instructions: apply what the last instructions asked for.
 * Returns the state to return from cpu_run, or -1 to keep going. */
static int run_check(struct cpu *c)
{
	struct cpu_decode_cache *dc = c->dc;
	dc->exc_returned = false;
	do {
		dc->check = false;
		if (dc->stale_pending || dc->flush_all)
			cpu_decode_sync(c);
		if (dc->arm_state) {
			dc->arm_state = false;
			dc->excl_valid = false;
			cpu_fault(c, FAULT_INVSTATE, c->pc, ~0u);
		}
		if (c->exc_check) {
			uint32_t pc = c->pc;
			cpu_exc_check(c);
			if (c->pc != pc) {
				dc->excl_valid = false;
				cpu_timing_flush(&dc->tm);
			}
		}
	} while (dc->check || dc->stale_pending);
	if (c->locked_up)
		return CPU_LOCKUP;
	if (c->stop_requested) {
		c->stop_requested = false;
		return CPU_STOPPED;
	}
	if (c->sleeping || c->frozen)
		return CPU_SLEEPING;
	if (cpu_unlikely(c->dbg_on) && cpu_debug_check(c))
		return CPU_DEBUG;
	if (c->insn_limit && c->insns >= c->insn_limit)
		return CPU_INSN_LIMIT;
	cpu_sync_time(c);
	if (c->cycles >= dc->time_limit)
		return CPU_RUNNING;
	return -1;
}

/* Cortex-M7 issue state (timing.h), packed into one word while the loop
 * runs: slot in bits 0..7, dep in bits 8..23, late in bits 24..39. */
#define M7_SLOT(st) ((uint32_t)(st) & 0xffu)
#define M7_DEP(st) ((uint32_t)((st) >> 8) & 0xffffu)
#define M7_LATE(st) ((uint32_t)((st) >> 24) & 0xffffu)
#define M7_PACK(slot, dep, late) \
	((uint64_t)(slot) | (uint64_t)(dep) << 8 | (uint64_t)(late) << 24)
#define M7_STATE_MASK ((1ull << 40) - 1)

static inline uint64_t m7_load(const struct cpu_timing_state *t)
{
	return M7_PACK(t->m7_slot, t->m7_dep, t->m7_late);
}

static inline void m7_store(struct cpu_timing_state *t, uint64_t st)
{
	t->m7_slot = M7_SLOT(st);
	t->m7_dep = M7_DEP(st);
	t->m7_late = M7_LATE(st);
}

/* A branch or other PC write on the Cortex-M7, after it executed: a
 * static predictor (backward conditional branches taken, forward ones
 * not; B and BL always right) and indirect branches (BX, BLX, TBB/TBH,
 * loads and ALU writes of the PC) never predicted. Returns the cycles a
 * misprediction costs. */
static inline unsigned m7_penalty(const struct cpu_insn *in, uint32_t pc, bool taken)
{
	if (in->pair2 & PM_BCOND) {
		bool backward = in->imm <= pc;
		return taken != backward ? TM_M7_MISPREDICT : 0;
	}
	return !(in->pair2 & PM_BDIRECT) && taken ? TM_M7_MISPREDICT : 0;
}

/* Whether an instruction that may write the PC changed the flow: it left
 * the sequential path, or it returned from an exception, which always
 * does (its handler, or a tail-chained one, may sit at any address, the
 * next one included). */
static inline bool m7_left(const struct cpu *c, uint32_t npc)
{
	return c->pc != npc || c->dc->exc_returned;
}

/* Cortex-M7 dual issue, before the instruction executes; returns its
 * cost: the base cost and the change the issue makes to it. A reader of
 * a load/multiply result issued in the previous cycle waits TM_M7_LATE;
 * otherwise the instruction pairs with the previous one (and costs a
 * cycle less) when their pairing masks allow it and it reads nothing the
 * previous one wrote. */
static __attribute__((noinline)) unsigned m7_issue_slow(struct cpu_insn *in, uint64_t *st)
{
	uint32_t slot = M7_SLOT(*st), dep = M7_DEP(*st), late = M7_LATE(*st);
	uint32_t rr = in->rregs;
	uint32_t stall = (rr & late) != 0;
	uint32_t pair = ((slot & in->pair2) | (rr & dep)) == 0;
	late = in->lregs | (pair ? late : 0);
	slot = pair ? PM_NONE : in->pair1;
	dep = in->wregs | late;
	unsigned cost = in->cycles + stall * TM_M7_LATE - pair;
	uint64_t next = M7_PACK(slot, dep, late);
	in->m7_in = *st;
	in->m7_out = next | (uint64_t)cost << 40;
	*st = next;
	return cost;
}

/* The same, answered from the instruction's memo when it meets the state
 * it met last time (in a loop, every time after the first). */
static inline unsigned m7_issue(struct cpu_insn *in, uint64_t *st)
{
	if (cpu_likely(in->m7_in == *st)) {
		uint64_t out = in->m7_out;
		*st = out & M7_STATE_MASK;
		return (unsigned)(out >> 40);
	}
	return m7_issue_slow(in, st);
}

/* The execution loop, specialised by the timing model at compile time
 * (run_m3/run_m7) so that the Cortex-M3 path carries nothing of the M7's
 * issue model and neither tests the model per instruction. */
/* The decoded entry for `pc` in decode page `pg` (NULL if there is no
 * page). */
static inline struct cpu_insn *entry_at(struct cpu_decode_page *pg, uint32_t pc)
{
	return pg ? &pg->e[(pc & BUS_PAGE_MASK) >> 1] : NULL;
}

/* A single load or store inline (fast.h: FOP_LDR...): only when the
 * access is aligned and hits memory that needs nothing else (a fast RAM
 * page, or the D-cache's hot line); false leaves everything untouched for
 * the handler. Same order as the handler: address, writeback, Rt. */
static inline __attribute__((always_inline)) bool exec_mem(struct cpu *c,
							   const struct cpu_insn *in,
							   unsigned size, bool store)
{
	uint32_t base = c->r[in->rn];
	uint32_t off = (in->flags & INSN_ADD) ? base + in->imm : base - in->imm;
	uint32_t a = (in->flags & INSN_INDEX) ? off : base;
	uint32_t v;
	if ((a & (size - 1)) || !(store ? cpu_mem_write_fast(c, a, size, c->r[in->rd])
				     : cpu_mem_read_fast(c, a, size, &v)))
		return false;
	if (in->flags & INSN_WBACK)
		c->r[in->rn] = off;
	if (!store)
		c->r[in->rd] = v;
	return true;
}

/* The operations the run loop executes inline (fast.h): data processing
 * on general registers below 13 and the flags, and (Cortex-M7 model)
 * single loads and stores that hit fast memory. False: run the handler. */
static inline __attribute__((always_inline)) bool exec_inline(struct cpu *c,
							      const struct cpu_insn *in,
							      const bool m7)
{
	switch (in->op) {
	case FOP_LDR:
		return m7 && exec_mem(c, in, 4, false);
	case FOP_LDRH:
		return m7 && exec_mem(c, in, 2, false);
	case FOP_LDRB:
		return m7 && exec_mem(c, in, 1, false);
	case FOP_STR:
		return m7 && exec_mem(c, in, 4, true);
	case FOP_STRH:
		return m7 && exec_mem(c, in, 2, true);
	case FOP_STRB:
		return m7 && exec_mem(c, in, 1, true);
#define FOP_CASE(op, name)                     \
	case FOP_##op##_S:                     \
		name(c, in, true);             \
		return true;                   \
	case FOP_##op##_N:                     \
		name(c, in, false);            \
		return true;
	FAST_OPS(FOP_CASE)
#undef FOP_CASE
	case FOP_CMP_REG:
		fast_cmp_reg(c, in);
		return true;
	case FOP_CMP_IMM:
		fast_cmp_imm(c, in);
		return true;
	default:
		return false;
	}
}

/* The execution loop, specialised by the timing model at compile time
 * (run_m3/run_m7) so that the Cortex-M3 path carries nothing of the M7's
 * issue model and neither tests the model per instruction.
 *
 * The PC, the cycle and instruction counts, the cycle limit and ITSTATE
 * live in locals. The inline operations (fast.h, conditional branches)
 * need nothing else, so most instructions never write them back; every
 * call out of the loop (a handler, the fetch timing, the decoder, the
 * check between instructions) writes them to the core first and reads
 * them back after (SYNC_OUT / SYNC_IN), since any of those may read them
 * or change them. */
static inline __attribute__((always_inline)) int run_loop(struct cpu *c, const bool m7)
{
	struct cpu_decode_cache *dc = c->dc;
	uint64_t s = m7_load(&dc->tm);
	const unsigned refill = dc->tm.refill;
	int st;

	/* The memory system's current fetch line, in registers; whatever
	 * changes it outside the loop (remap, I-cache maintenance) forces a
	 * check, after which it is read again. A fetch line never spans two
	 * pages, so the decode page of the current instruction (cur_pg) only
	 * needs looking up when the PC leaves the line, after a check (pages
	 * may have been dropped), and after a decode (one may have been
	 * created). */
	uint32_t fetch_base = c->mem->fetch_base, fetch_size = c->mem->fetch_size;
	uint32_t pc = c->pc;
	struct cpu_decode_page *cur_pg = dc->pages[pc >> BUS_PAGE_SHIFT];
	/* The entry of `pc` in cur_pg (NULL: none, or not known): after an
	 * instruction that did not branch, simply the next one, so that the
	 * PC's lookup is off the path from one instruction to the next. */
	struct cpu_insn *in = entry_at(cur_pg, pc);
	uint64_t cyc, ninsn, limit;
	uint32_t it;
#define SYNC_OUT()                     \
	do {                           \
		c->pc = pc;            \
		c->cycles = cyc;       \
		c->insns = ninsn;      \
	} while (0)
#define SYNC_IN()                              \
	do {                                   \
		cyc = c->cycles;               \
		ninsn = c->insns;              \
		limit = c->cycle_limit;        \
		it = c->itstate;               \
	} while (0)
	SYNC_IN();
	for (;;) {
		if (cpu_unlikely(cyc >= limit)) {
			SYNC_OUT();
			if (m7)
				m7_store(&dc->tm, s);
			st = run_check(c);
			if (st >= 0)
				break;
			if (m7)
				s = m7_load(&dc->tm);
			SYNC_IN();
			fetch_base = c->mem->fetch_base;
			fetch_size = c->mem->fetch_size;
			pc = c->pc;
			cur_pg = dc->pages[pc >> BUS_PAGE_SHIFT];
			in = entry_at(cur_pg, pc);
		}
		/* Fetch timing (mem.c), only when the PC leaves the fetch line. */
		if (cpu_unlikely(pc - fetch_base >= fetch_size)) {
			SYNC_OUT();
			cpu_mem_fetch_line(c, pc);
			SYNC_IN();
			fetch_base = c->mem->fetch_base;
			fetch_size = c->mem->fetch_size;
			cur_pg = dc->pages[pc >> BUS_PAGE_SHIFT];
			in = entry_at(cur_pg, pc);
		}
		bool slow = false;
		if (cpu_unlikely(!in || !in->fn)) {
			SYNC_OUT();
			in = cpu_decode_fetch(c, pc);
			SYNC_IN();
			cur_pg = dc->pages[pc >> BUS_PAGE_SHIFT];
			if (!in) {
				pc = c->pc;
				in = entry_at(cur_pg, pc);
				continue;
			}
			/* An entry outside the page (cpu_decode_fetch) has no
			 * next entry: run it on the slow path. */
			slow = in != entry_at(cur_pg, pc);
		}
		uint32_t npc = pc + in->len;
		ninsn++;
		if (cpu_likely(!it && !slow)) {
			cyc += m7 ? m7_issue(in, &s) : in->cycles;
			uint8_t op = in->op;
			if (cpu_likely(op != FOP_CALL)) {
				if (op != FOP_BCOND) {
					if (cpu_likely(exec_inline(c, in, m7))) {
						pc = npc;
						in += in->len >> 1;
						continue;
					}
					goto call;
				}
				bool taken = cpu_cond_pass(c->nzcv, in->ra);
				if (m7)
					cyc += m7_penalty(in, pc, taken);
				if (taken) {
					cyc += refill;
					pc = in->imm & ~1u;
					in = entry_at(cur_pg, pc);
				} else {
					pc = npc;
					in += in->len >> 1;
				}
				continue;
			}
		call:
			c->r[15] = pc + 4;
			pc = npc;
			SYNC_OUT();
			in->fn(c, in);
			if (m7 && cpu_unlikely(in->pair2 & PM_BRANCH))
				c->cycles += m7_penalty(in, npc - in->len, m7_left(c, npc));
			SYNC_IN();
			/* Checked, not loaded, so that the host's branch
			 * prediction rather than a store-to-load round trip
			 * through c->pc carries the PC on; the empty asm keeps
			 * the compiler from folding this into a plain load. */
			if (cpu_unlikely(c->pc != npc)) {
				pc = c->pc;
				__asm__("" : "+r"(pc));
				in = entry_at(cur_pg, pc);
			} else {
				in += in->len >> 1;
			}
			continue;
		}
		/* Inside an IT block: a failing condition makes the
		 * instruction a 1-cycle NOP; ITSTATE advances either way
		 * unless the instruction entered or left an exception. BKPT
		 * is the exception: it executes whatever the condition. */
		if (it && !cpu_cond_pass(c->nzcv, it >> 4) && in->fn != misc_bkpt) {
			cyc += 1;
			it = c->itstate = cpu_it_advance(it);
			if (m7) {
				/* issues alone and writes nothing */
				s = M7_PACK(PM_NONE, 0, 0);
			}
			pc = npc;
			in = slow ? NULL : in + (in->len >> 1);
			continue;
		}
		cyc += m7 ? m7_issue(in, &s) : in->cycles;
		c->r[15] = pc + 4;
		uint32_t ipc = pc;
		pc = npc;
		SYNC_OUT();
		dc->in_it = it != 0;
		in->fn(c, in);
		if (dc->in_it) {
			c->itstate = cpu_it_advance(c->itstate);
			dc->in_it = false;
		}
		if (m7 && (in->pair2 & PM_BRANCH))
			c->cycles += m7_penalty(in, ipc, m7_left(c, npc));
		SYNC_IN();
		pc = c->pc;
		in = entry_at(cur_pg, pc);
	}
#undef SYNC_OUT
#undef SYNC_IN
	if (m7)
		m7_store(&dc->tm, s);
	return st;
}

static int run_m3(struct cpu *c)
{
	return run_loop(c, false);
}

static int run_m7(struct cpu *c)
{
	return run_loop(c, true);
}

enum cpu_state cpu_run(struct cpu *c, simtime_t until)
{
	struct cpu_decode_cache *dc = c->dc;
	simtime_t now = sched_now(c->sched);
	int st;

	/* Time the core did not run (sleep, or before the first run) has
	 * passed without cycles. */
	if (now > cpu_now(c)) {
		c->time_base = now;
		c->cycle_base = c->cycles;
	}
	dc->until = until;
	cpu_force_check(c);

	/* The timing model is part of every decoded instruction: if the
	 * configuration changed it, start over. */
	if (cpu_unlikely(dc->tm.model != c->cfg.timing)) {
		cpu_timing_init(&dc->tm, &c->cfg);
		cpu_decode_flush(c);
	}
	if (c->cfg.timing == CPU_TIMING_M7)
		st = run_m7(c);
	else
		st = run_m3(c);
	cpu_sync_time(c);
	if (st == CPU_SLEEPING && c->sleeping && !c->pm_asleep && !c->waking) {
		c->pm_asleep = true;
		if (c->pm.sleep)
			c->pm.sleep(c->pm.opaque, cpu_now(c), cpu_scr(c) & SCR_SLEEPDEEP);
	}
	return (enum cpu_state)st;
}

uint32_t cpu_reg(const struct cpu *c, unsigned n)
{
	if (n == 15)
		return c->pc;
	return n < 15 ? c->r[n] : 0;
}

void cpu_set_reg(struct cpu *c, unsigned n, uint32_t v)
{
	if (n == 15)
		c->pc = v & ~1u;
	else if (n < 15)
		c->r[n] = v;
}

uint32_t cpu_xpsr(const struct cpu *c)
{
	return cpu_xpsr_get(c);
}

uint64_t cpu_insns(const struct cpu *c)
{
	return c->insns;
}

uint64_t cpu_cycles(const struct cpu *c)
{
	return c->cycles;
}

const char *cpu_lockup_reason(const struct cpu *c)
{
	return c->locked_up ? c->lockup_reason : NULL;
}
