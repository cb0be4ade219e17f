/*
 * SysTick (ARMv7-M ARM B3.3): a 24-bit down-counter clocked by the core
 * clock (CSR.CLKSOURCE = 1) or by the external reference clock
 * cfg.systick_ref_hz (CLKSOURCE = 0; with no reference, CALIB.NOREF is set
 * and CLKSOURCE reads as 1).
 *
 * Nothing ticks per instruction. Between register writes the counter is a
 * function of time (see struct cpu_systick): reads of CVR compute it from
 * the current time, and one scheduler event, placed at the next wrap to 0,
 * sets COUNTFLAG and pends the SysTick exception. Without TICKINT no event
 * is scheduled at all; COUNTFLAG is then worked out when CSR is read.
 *
 * Counting rule: on each tick a counter at 0 reloads RVR, any other value
 * decrements; reaching 0 from 1 sets COUNTFLAG and (TICKINT) pends SysTick.
 * So with RVR = N the wrap period is N + 1 ticks, and RVR = 0 stops the
 * counter at 0. Writing CVR clears it (and COUNTFLAG): the next tick
 * reloads.
 *
 * Reset: CSR = 0 (CLKSOURCE = 1 when there is no reference clock),
 * RVR = CVR = 0 (UNKNOWN in the architecture).
 */
#include "cpu/exc.h"

#define ST_CSR 0x10
#define ST_RVR 0x14
#define ST_CVR 0x18
#define ST_CALIB 0x1c

#define CSR_ENABLE (1u << 0)
#define CSR_TICKINT (1u << 1)
#define CSR_CLKSOURCE (1u << 2)
#define CSR_COUNTFLAG (1u << 16)

#define CALIB_NOREF (1u << 31)
#define CALIB_SKEW (1u << 30)

#define ST_MAX 0x00ffffffu
#define ST_NO_WRAP UINT64_MAX

/* Tick arithmetic needs 88-bit intermediates (ps * Hz). */
__extension__ typedef unsigned __int128 st_u128;

static simtime_t st_now(const struct cpu *c)
{
	simtime_t a = cpu_now(c), b = sched_now(c->sched);
	return a > b ? a : b;
}

static bool st_enabled(const struct cpu_systick *st)
{
	return st->csr & CSR_ENABLE;
}

static uint64_t st_ticks(const struct cpu_systick *st, simtime_t dt)
{
	return (uint64_t)((st_u128)dt * st->num / st->den);
}

/* Time after t0 of tick k: the first picosecond at which k ticks are done. */
static simtime_t st_tick_time(const struct cpu_systick *st, uint64_t k)
{
	return (simtime_t)(((st_u128)k * st->den + st->num - 1) / st->num);
}

static uint32_t st_value(const struct cpu_systick *st, uint64_t k)
{
	if (k <= st->v0)
		return st->v0 - (uint32_t)k;
	if (st->rvr == 0)
		return 0;
	return st->rvr - (uint32_t)((k - st->v0 - 1) % ((uint64_t)st->rvr + 1));
}

/* Index of the first wrap to 0 after tick k, or ST_NO_WRAP. */
static uint64_t st_next_wrap(const struct cpu_systick *st, uint64_t k)
{
	if (st->v0 > k)
		return st->v0;
	if (st->rvr == 0)
		return ST_NO_WRAP;
	uint64_t period = (uint64_t)st->rvr + 1;
	return st->v0 + period * ((k - st->v0) / period + 1);
}

/* Pick up the tick rate of the selected clock. */
static void st_load_clock(struct cpu_exc *x)
{
	struct cpu_systick *st = &x->st;
	if ((st->csr & CSR_CLKSOURCE) || !x->c->cfg.systick_ref_hz) {
		st->num = 1;
		st->den = x->c->period_ps ? x->c->period_ps : 1;
	} else {
		st->num = x->c->cfg.systick_ref_hz;
		st->den = PS_PER_S;
	}
}

/* Account for every wrap up to `now`: COUNTFLAG, and the exception. */
static void st_account(struct cpu_exc *x, simtime_t now)
{
	struct cpu_systick *st = &x->st;
	if (st_enabled(st) && now > st->acct) {
		uint64_t w = st_next_wrap(st, st_ticks(st, st->acct - st->t0));
		if (w != ST_NO_WRAP && st->t0 + st_tick_time(st, w) <= now) {
			st->countflag = true;
			if (st->csr & CSR_TICKINT)
				cpu_exc_set_pending(x, EXC_SYSTICK);
		}
	}
	if (now > st->acct)
		st->acct = now;
}

static void st_schedule(struct cpu_exc *x)
{
	struct cpu_systick *st = &x->st;
	if (st_enabled(st) && (st->csr & CSR_TICKINT)) {
		uint64_t w = st_next_wrap(st, st_ticks(st, st->acct - st->t0));
		if (w != ST_NO_WRAP) {
			sched_schedule(x->c->sched, &st->ev, st->t0 + st_tick_time(st, w));
			return;
		}
	}
	sched_cancel(x->c->sched, &st->ev);
}

/* Make `now` the new origin, keeping the count. With `keep_phase` the
 * origin is the last tick edge (the clock itself is unchanged). */
static void st_rebase(struct cpu_exc *x, simtime_t now, bool keep_phase)
{
	struct cpu_systick *st = &x->st;
	st_account(x, now);
	if (st_enabled(st)) {
		uint64_t k = st_ticks(st, now - st->t0);
		st->v0 = st_value(st, k);
		st->t0 = keep_phase ? st->t0 + st_tick_time(st, k) : now;
	} else {
		st->t0 = now;
	}
}

static void st_event(struct sched_event *ev, simtime_t now)
{
	struct cpu_exc *x = container_of(ev, struct cpu_exc, st.ev);
	st_account(x, now);
	st_schedule(x);
}

void cpu_systick_init(struct cpu_exc *x)
{
	sched_event_init(&x->st.ev, st_event, "systick");
}

void cpu_systick_free(struct cpu_exc *x)
{
	/* sched_free() unqueues every event, so this is safe either way. */
	if (sched_pending(&x->st.ev))
		sched_cancel(x->c->sched, &x->st.ev);
}

void cpu_systick_reset(struct cpu_exc *x)
{
	struct cpu_systick *st = &x->st;
	cpu_systick_free(x);
	st->csr = x->c->cfg.systick_ref_hz ? 0 : CSR_CLKSOURCE;
	st->countflag = false;
	st->rvr = 0;
	st->v0 = 0;
	st->t0 = st->acct = st_now(x->c);
	st_load_clock(x);
}

void cpu_systick_rebase(struct cpu *c)
{
	struct cpu_exc *x = c->exc;
	if (!x || (x->c->cfg.systick_ref_hz && !(x->st.csr & CSR_CLKSOURCE)))
		return; /* counting the reference clock: unaffected */
	st_rebase(x, st_now(c), false);
	st_load_clock(x);
	st_schedule(x);
}

int cpu_systick_read(struct cpu_exc *x, uint32_t off, uint32_t *v)
{
	struct cpu_systick *st = &x->st;
	simtime_t now = st_now(x->c);
	uint32_t ref = x->c->cfg.systick_ref_hz;

	switch (off) {
	case ST_CSR:
		st_account(x, now);
		st_schedule(x);
		*v = st->csr | (st->countflag ? CSR_COUNTFLAG : 0);
		st->countflag = false; /* cleared by reading */
		break;
	case ST_RVR:
		*v = st->rvr;
		break;
	case ST_CVR:
		*v = st_enabled(st) ? st_value(st, st_ticks(st, now - st->t0)) : st->v0;
		break;
	case ST_CALIB:
		/* TENMS: the reload value for 10 ms of the reference clock;
		 * SKEW when 10 ms is not a whole number of its ticks. */
		if (!ref)
			*v = CALIB_NOREF | CALIB_SKEW;
		else
			*v = (ref % 100 ? CALIB_SKEW : 0) | ((ref / 100 - (ref >= 100)) & ST_MAX);
		break;
	default:
		*v = 0;
		break;
	}
	return BUS_OK;
}

int cpu_systick_write(struct cpu_exc *x, uint32_t off, uint32_t v)
{
	struct cpu_systick *st = &x->st;
	simtime_t now = st_now(x->c);

	switch (off) {
	case ST_CSR: {
		uint32_t mask = CSR_ENABLE | CSR_TICKINT | CSR_CLKSOURCE;
		uint32_t nv = v & mask;
		if (!x->c->cfg.systick_ref_hz)
			nv |= CSR_CLKSOURCE;
		bool clock_change = (nv ^ st->csr) & CSR_CLKSOURCE;
		bool starting = (nv & CSR_ENABLE) && !st_enabled(st);
		st_rebase(x, now, !clock_change);
		st->csr = nv;
		if (starting)
			st->t0 = st->acct = now;
		st_load_clock(x);
		break;
	}
	case ST_RVR:
		st_rebase(x, now, true);
		st->rvr = v & ST_MAX;
		break;
	case ST_CVR:
		st_rebase(x, now, true);
		st->v0 = 0;
		st->countflag = false;
		break;
	default:
		return BUS_OK; /* CALIB is read-only */
	}
	st_schedule(x);
	return BUS_OK;
}
