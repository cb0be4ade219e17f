/*
 * ARM Dual-Timer Module (SP804), register-compatible with the SP804 TRM
 * (ARM DDI 0271) as Linux's timer-sp804 driver and bare-metal firmware use
 * it: two identical down-counters at offsets 0x00 and 0x20, each with its
 * own TIMCLK input, prescaler (1, 16 or 256), 32- or 16-bit size and
 * free-running, periodic or one-shot mode.
 *
 * Time: nothing runs per tick. Each timer keeps its counter, its prescaler
 * progress and the number of TIMCLK edges already accounted for, counted
 * from the time its clock last changed (rate, gating, power). Any register
 * access first brings the timer up to date from sched_now(): the edges
 * since then are floor((now - ref) * hz / 1e12), formed without overflow,
 * so the count is exact at any rate for any run length and does not drift
 * across rate changes. One scheduler event per timer marks the next moment
 * that is visible from outside: the counter reaching zero while its
 * interrupt is enabled and not already pending. With the interrupt masked
 * or already raised, RIS is brought up to date lazily on the next access.
 *
 * TRM behaviour modelled:
 * - Writing TimerXLoad sets the counter at once as seen from the bus
 *   (Value reads the new value immediately); in silicon the load happens
 *   on the next TIMCLK edge, which therefore does not decrement, and the
 *   prescaler restarts from that edge.
 * - TimerXBGLoad sets only the reload value; Load and BGLoad read back the
 *   same register (the value last written to either).
 * - Free-running mode wraps from 0 to 0xFFFFFFFF (0xFFFF); periodic mode
 *   reloads from Load on the tick after zero (period Load + 1 ticks);
 *   one-shot mode stops at 0 until Load is written or OneShot is cleared.
 * - RIS is set when the counter reaches zero and stays set until IntClr;
 *   a Load of 0 into an enabled timer raises it at once (TRM note).
 * - In 16-bit mode only the low half counts; the high half of Value keeps
 *   whatever it held until the next Load write or periodic reload (TRM:
 *   it is not cleared when switching from 32-bit mode).
 */
#include "devices/sp804.h"

#include <libfdt.h>
#include <stdbool.h>
#include <stdlib.h>

#include "sim/dt.h"
#include "sim/err.h"

/* Per-timer register offsets (timer 2 at +0x20). */
enum {
	SP804_LOAD = 0x00,
	SP804_VALUE = 0x04,
	SP804_CTRL = 0x08,
	SP804_INTCLR = 0x0c,
	SP804_RIS = 0x10,
	SP804_MIS = 0x14,
	SP804_BGLOAD = 0x18,
	SP804_TIMER2 = 0x20,
	SP804_ITCR = 0xf00,
	SP804_ITOP = 0xf04,
	SP804_ID_BASE = 0xfe0,
};

/* TimerXControl. Bit 4 is reserved and reads 0. */
#define CTRL_ONESHOT (1u << 0)
#define CTRL_32BIT (1u << 1)
#define CTRL_PRE_SHIFT 2
#define CTRL_PRE_MASK (3u << CTRL_PRE_SHIFT)
#define CTRL_IE (1u << 5)
#define CTRL_PERIODIC (1u << 6)
#define CTRL_EN (1u << 7)
#define CTRL_WMASK 0xefu
#define CTRL_RESET CTRL_IE

#define VALUE_RESET 0xffffffffu

/* PeriphID0-3 (part 0x804, designer ARM, revision 1) and PCellID0-3. */
static const uint8_t sp804_id[8] = { 0x04, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

struct sp804_timer {
	struct sp804 *dev;
	struct sched_event ev;
	struct irq_line irq;     /* TIMINTx */
	int level;               /* present level of TIMINTx */

	uint32_t load;           /* Load/BGLoad: the reload value */
	uint32_t ctrl;
	uint32_t count;          /* the counter, as Value reads */
	bool ris;
	/* A Load write waits for the next TIMCLK edge, which loads the
	 * counter instead of decrementing it. */
	bool load_pending;
	uint32_t pre;            /* TIMCLK edges counted towards the next tick */

	uint64_t hz;             /* TIMCLK rate; 0 = gated */
	simtime_t ref;           /* time the clock last (re)started */
	uint64_t edges;          /* edges since `ref` already accounted for */
};

struct sp804 {
	struct bus *bus;
	struct sched *sched;
	uint32_t base;
	struct sp804_timer t[2];
	struct irq_line intc;    /* TIMINTC = TIMINT1 | TIMINT2 */
	int intc_level;
	enum pd_state pd;
	/* Entries of the DT `clocks` property: 1 (one TIMCLK for both
	 * timers) or 3 (timclk1, timclk2, apb_pclk). */
	unsigned nclocks;
};

/* ---- time arithmetic ------------------------------------------------------ */

/* Number of TIMCLK edges in `dt` picoseconds at `hz`: floor(dt * hz / 1e12).
 * The product does not fit 64 bits, so dt is split into whole seconds and
 * two 10^6 digits of the remainder; every partial product stays below 2^64
 * for hz <= SP804_MAX_HZ and any dt. */
static uint64_t sp804_edges_in(simtime_t dt, uint64_t hz)
{
	uint64_t sec = dt / PS_PER_S, r = dt % PS_PER_S;
	uint64_t r_hi = r / 1000000, r_lo = r % 1000000;
	uint64_t a = r_hi * hz;
	uint64_t frac = (a % 1000000) * 1000000 + r_lo * hz;
	return sec * hz + a / 1000000 + frac / PS_PER_S;
}

/* The first time (from the clock's reference) at which `k` edges have
 * occurred: ceil(k * 1e12 / hz), the exact inverse of sp804_edges_in;
 * SIMTIME_NEVER if it is beyond the end of simulated time. */
static simtime_t sp804_edge_time(uint64_t k, uint64_t hz)
{
	uint64_t q = k / hz, r = k % hz;
	if (q > SIMTIME_NEVER / PS_PER_S)
		return SIMTIME_NEVER;
	uint64_t b = r * 1000000;
	uint64_t bq = b / hz, br = b % hz;
	uint64_t frac = bq * 1000000 + (br * 1000000 + hz - 1) / hz;
	uint64_t whole = q * PS_PER_S;
	if (frac > SIMTIME_NEVER - whole)
		return SIMTIME_NEVER;
	return whole + frac;
}

/* ---- counting ------------------------------------------------------------- */

static uint32_t sp804_mask(const struct sp804_timer *t)
{
	return (t->ctrl & CTRL_32BIT) ? 0xffffffffu : 0xffffu;
}

static uint32_t sp804_prescale(const struct sp804_timer *t)
{
	/* 0b11 is undefined in the TRM; it divides by 256 here. */
	static const uint32_t div[4] = { 1, 16, 256, 256 };
	return div[(t->ctrl & CTRL_PRE_MASK) >> CTRL_PRE_SHIFT];
}

static bool sp804_operating(const struct sp804_timer *t)
{
	return t->hz && t->dev->pd == PD_ON;
}

/* A one-shot timer that reached zero does not count any more. */
static bool sp804_halted(const struct sp804_timer *t)
{
	return (t->ctrl & CTRL_ONESHOT) && !(t->count & sp804_mask(t));
}

/* Ticks from now until the counter next reaches zero (0 = never). After
 * zero, periodic mode reloads on the next tick and free-running mode wraps,
 * so from zero the next zero is a whole period away. */
static uint64_t sp804_ticks_to_zero(const struct sp804_timer *t)
{
	uint32_t m = sp804_mask(t), c = t->count & m;
	if (c)
		return c;
	if (t->ctrl & CTRL_ONESHOT)
		return 0;
	if (t->ctrl & CTRL_PERIODIC)
		return (uint64_t)(t->load & m) + 1;
	return (uint64_t)m + 1;
}

/* Apply `ticks` decrements; true if the counter reached zero on the way. */
static bool sp804_tick(struct sp804_timer *t, uint64_t ticks)
{
	uint32_t m = sp804_mask(t), c = t->count & m, hi = t->count & ~m;
	uint64_t first = sp804_ticks_to_zero(t);
	if (!ticks || !first)
		return false;
	if (ticks < first) {
		if (c) {
			t->count = hi | (c - (uint32_t)ticks);
		} else {
			/* From zero: reload (periodic) or wrap (free-running). */
			uint64_t period = first;
			uint32_t v = (uint32_t)(period - ticks);
			t->count = (t->ctrl & CTRL_PERIODIC) ? v : (hi | v);
		}
		return false;
	}
	if (t->ctrl & CTRL_ONESHOT) {
		t->count = hi;
		return true;
	}
	/* Zero was reached `first` ticks in; the rest runs whole periods. */
	uint64_t period = (t->ctrl & CTRL_PERIODIC) ? (uint64_t)(t->load & m) + 1 : (uint64_t)m + 1;
	uint64_t since = (ticks - first) % period;
	uint32_t v = since ? (uint32_t)(period - since) : 0;
	/* A periodic reload replaces the whole counter; a wrap only the
	 * counting half. Any tick after zero reloads or wraps. */
	if ((t->ctrl & CTRL_PERIODIC) && (ticks > first || !c))
		t->count = v;
	else
		t->count = hi | v;
	return true;
}

/* Bring the timer up to the present simulated time. */
static void sp804_sync(struct sp804_timer *t)
{
	if (!sp804_operating(t))
		return;
	uint64_t e = sp804_edges_in(sched_now(t->dev->sched) - t->ref, t->hz);
	uint64_t n = e - t->edges;
	t->edges = e;
	if (!n)
		return;
	if (t->load_pending) {
		t->load_pending = false;
		t->pre = 0;
		n--;
	}
	if (!(t->ctrl & CTRL_EN) || sp804_halted(t))
		return;
	uint32_t div = sp804_prescale(t);
	uint64_t ticks = n / div, rem = n % div;
	/* pre < div, so this carries at most one more tick. */
	if (t->pre + rem >= div) {
		ticks++;
		t->pre = (uint32_t)(t->pre + rem - div);
	} else {
		t->pre = (uint32_t)(t->pre + rem);
	}
	if (sp804_tick(t, ticks))
		t->ris = true;
}

static void sp804_update_irq(struct sp804 *s)
{
	int any = 0;
	for (int i = 0; i < 2; i++) {
		struct sp804_timer *t = &s->t[i];
		int level = t->ris && (t->ctrl & CTRL_IE);
		any |= level;
		if (level != t->level) {
			t->level = level;
			irq_set(&t->irq, level);
		}
	}
	if (any != s->intc_level) {
		s->intc_level = any;
		irq_set(&s->intc, any);
	}
}

/* Queue the event for the next time this timer's interrupt output rises,
 * or cancel it when nothing visible can happen. Call after sp804_sync. */
static void sp804_schedule(struct sp804_timer *t)
{
	struct sched *sc = t->dev->sched;
	uint64_t ticks;
	if (!sp804_operating(t) || !(t->ctrl & CTRL_EN) || !(t->ctrl & CTRL_IE) || t->ris ||
	    !(ticks = sp804_ticks_to_zero(t))) {
		sched_cancel(sc, &t->ev);
		return;
	}
	uint64_t edges = (t->load_pending ? 1 : 0) + ticks * sp804_prescale(t) - t->pre;
	simtime_t dt = sp804_edge_time(t->edges + edges, t->hz);
	if (dt == SIMTIME_NEVER || dt > SIMTIME_NEVER - 1 - t->ref) {
		sched_cancel(sc, &t->ev);
		return;
	}
	sched_schedule(sc, &t->ev, t->ref + dt);
}

static void sp804_expire(struct sched_event *ev, simtime_t now)
{
	struct sp804_timer *t = container_of(ev, struct sp804_timer, ev);
	(void)now; /* the scheduler has set sched_now() to it, which sync reads */
	sp804_sync(t);
	sp804_update_irq(t->dev);
	sp804_schedule(t);
}

/* The timer's clock stops or starts (rate change, gating, power): account
 * for the edges so far at the old rate, then count afresh from now. */
static void sp804_clock_change(struct sp804_timer *t, uint64_t hz)
{
	sp804_sync(t);
	t->hz = hz > SP804_MAX_HZ ? SP804_MAX_HZ : hz;
	t->ref = sched_now(t->dev->sched);
	t->edges = 0;
}

/* ---- registers ------------------------------------------------------------ */

static uint32_t sp804_timer_read(struct sp804_timer *t, uint32_t off)
{
	sp804_sync(t);
	sp804_update_irq(t->dev);
	switch (off) {
	case SP804_LOAD:
	case SP804_BGLOAD:
		return t->load;
	case SP804_VALUE:
		return t->count;
	case SP804_CTRL:
		return t->ctrl;
	case SP804_RIS:
		return t->ris;
	case SP804_MIS:
		return t->ris && (t->ctrl & CTRL_IE);
	default:
		/* IntClr is write-only; 0x1c is reserved. */
		return 0;
	}
}

static void sp804_timer_write(struct sp804_timer *t, uint32_t off, uint32_t val)
{
	sp804_sync(t);
	switch (off) {
	case SP804_LOAD:
		t->load = val;
		t->count = val & sp804_mask(t);
		t->pre = 0;
		t->load_pending = true;
		if (!t->count && (t->ctrl & CTRL_EN))
			t->ris = true;
		break;
	case SP804_BGLOAD:
		t->load = val;
		break;
	case SP804_CTRL: {
		uint32_t old = t->ctrl;
		t->ctrl = val & CTRL_WMASK;
		/* A new divisor starts from a fresh prescaler count. */
		if ((old ^ t->ctrl) & CTRL_PRE_MASK)
			t->pre = 0;
		break;
	}
	case SP804_INTCLR:
		t->ris = false;
		break;
	default:
		/* Value, RIS and MIS are read-only. */
		break;
	}
	sp804_update_irq(t->dev);
	sp804_schedule(t);
}

static uint32_t sp804_reg_read(struct sp804 *s, uint32_t off)
{
	if (off < 2 * SP804_TIMER2)
		return sp804_timer_read(&s->t[off / SP804_TIMER2], off % SP804_TIMER2);
	if (off >= SP804_ID_BASE)
		return sp804_id[(off - SP804_ID_BASE) / 4];
	/* TimerITCR/TimerITOP (integration test) and reserved space. */
	return 0;
}

static void sp804_reg_write(struct sp804 *s, uint32_t off, uint32_t val)
{
	if (off < 2 * SP804_TIMER2)
		sp804_timer_write(&s->t[off / SP804_TIMER2], off % SP804_TIMER2, val);
}

/* APB has no byte strobes: a narrow read returns its lanes of the register;
 * a narrow write at the register's own offset writes it zero-extended, and
 * one at any other byte is ignored (as for the PL011). A powered-down block
 * does not respond: reads return 0 and writes are lost. */
static int sp804_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct sp804 *s = opaque;
	uint32_t v = s->pd == PD_ON ? sp804_reg_read(s, offset & ~3u) : 0;
	v >>= 8 * (offset & 3);
	*val = size == 4 ? v : v & ((1u << (8 * size)) - 1);
	return BUS_OK;
}

static int sp804_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct sp804 *s = opaque;
	if ((offset & 3) || s->pd != PD_ON)
		return BUS_OK;
	if (size != 4)
		val &= (1u << (8 * size)) - 1;
	sp804_reg_write(s, offset, val);
	return BUS_OK;
}

static const struct bus_ops sp804_ops = {
	.name = "sp804",
	.sizes = BUS_SIZES_ALL,
	.read = sp804_mmio_read,
	.write = sp804_mmio_write,
};

/* ---- lifetime, clocks and power ------------------------------------------- */

static void sp804_timer_reset(struct sp804_timer *t)
{
	sched_cancel(t->dev->sched, &t->ev);
	t->load = 0;
	t->ctrl = CTRL_RESET;
	t->count = VALUE_RESET;
	t->ris = false;
	t->load_pending = false;
	t->pre = 0;
	t->ref = sched_now(t->dev->sched);
	t->edges = 0;
}

void sp804_reset(struct sp804 *s)
{
	sp804_timer_reset(&s->t[0]);
	sp804_timer_reset(&s->t[1]);
	sp804_update_irq(s);
}

struct sp804 *sp804_new(struct bus *bus, struct sched *sched, uint32_t base,
			uint64_t timclk1_hz, uint64_t timclk2_hz, struct irq_line timint1,
			struct irq_line timint2, struct irq_line timintc)
{
	struct sp804 *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->bus = bus;
	s->sched = sched;
	s->base = base;
	s->intc = timintc;
	s->pd = PD_ON;
	s->nclocks = 3;
	const uint64_t hz[2] = { timclk1_hz, timclk2_hz };
	const struct irq_line irq[2] = { timint1, timint2 };
	for (int i = 0; i < 2; i++) {
		struct sp804_timer *t = &s->t[i];
		t->dev = s;
		t->irq = irq[i];
		t->hz = hz[i] > SP804_MAX_HZ ? SP804_MAX_HZ : hz[i];
		sched_event_init(&t->ev, sp804_expire, i ? "sp804.timer2" : "sp804.timer1");
	}
	if (bus_add_mmio(bus, "sp804", base, 0x1000, &sp804_ops, s) < 0) {
		free(s);
		return NULL;
	}
	sp804_reset(s);
	return s;
}

/* The bus keeps no way to unmap a region: free an SP804 only when its bus
 * is being torn down as well. */
void sp804_free(struct sp804 *s)
{
	if (!s)
		return;
	sched_cancel(s->sched, &s->t[0].ev);
	sched_cancel(s->sched, &s->t[1].ev);
	free(s);
}

void sp804_set_timclk(struct sp804 *s, int timer, uint64_t hz)
{
	if (timer < 0 || timer > 1)
		return;
	struct sp804_timer *t = &s->t[timer];
	sp804_clock_change(t, hz);
	sp804_update_irq(s);
	sp804_schedule(t);
}

void sp804_set_power(struct sp804 *s, enum pd_state st)
{
	if (st == s->pd)
		return;
	if (st == PD_OFF) {
		/* All register state is lost; the outputs fall with it. */
		s->pd = PD_OFF;
		sp804_reset(s);
		return;
	}
	/* Retention freezes the counters where they are (they stop like a
	 * gated clock); PD_ON lets them count again from the same state. */
	for (int i = 0; i < 2; i++)
		sp804_sync(&s->t[i]);
	s->pd = st;
	for (int i = 0; i < 2; i++) {
		struct sp804_timer *t = &s->t[i];
		t->ref = sched_now(s->sched);
		t->edges = 0;
		sp804_schedule(t);
	}
	sp804_update_irq(s);
}

uint32_t sp804_value(struct sp804 *s, int timer)
{
	if (timer < 0 || timer > 1)
		return 0;
	sp804_sync(&s->t[timer]);
	sp804_update_irq(s);
	return s->t[timer].count;
}

/* ---- device-tree binding -------------------------------------------------- */

/* Entries of the node's `clocks` property (0 when it has none), walking
 * each provider's #clock-cells; -1 with `e` filled if it is malformed. */
static int sp804_count_clocks(const struct dt_node *node, struct err *e)
{
	int n = dt_cells(node, "clocks");
	if (n < 0)
		return errf(e, "%s: malformed 'clocks'", node->path);
	int count = 0;
	for (int pos = 0; pos < n; count++) {
		uint32_t ph = dt_cell(node, "clocks", pos);
		int off = fdt_node_offset_by_phandle(node->fdt, ph);
		if (off < 0)
			return errf(e, "%s: 'clocks' entry %d names no node (phandle %u)",
				    node->path, count, ph);
		int len;
		const fdt32_t *cells = fdt_getprop(node->fdt, off, "#clock-cells", &len);
		pos += 1 + (cells && len == 4 ? (int)fdt32_to_cpu(*cells) : 0);
	}
	return count;
}

static int sp804_create(struct soc *soc, const struct dt_node *node, void **state,
			struct err *e)
{
	uint32_t base, size;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the SP804's 4 KiB register block",
			    node->path, size);

	int nirq = dt_cells(node, "interrupts");
	if (nirq != 1 && nirq != 2)
		return errf(e, "%s: 'interrupts' must have one entry (TIMINTC) or two "
			    "(TIMINT1, TIMINT2), not %d cells", node->path, nirq);
	struct irq_line line[2] = { { 0 }, { 0 } };
	for (int i = 0; i < nirq; i++) {
		uint32_t irq;
		if (dt_irq(node, i, &irq, e) < 0)
			return -1;
		if (soc->num_irq && irq >= soc->num_irq)
			return errf(e, "%s: interrupt %u is beyond the NVIC's %u external lines",
				    node->path, irq, soc->num_irq);
		line[i] = soc_irq(soc, irq);
	}

	int nclk = sp804_count_clocks(node, e);
	if (nclk < 0)
		return -1;
	if (nclk == 2 || nclk > 3)
		return errf(e, "%s: 'clocks' must have one entry (TIMCLK) or three "
			    "(timclk1, timclk2, apb_pclk), not %d", node->path, nclk);
	uint64_t hz1, hz2;
	if (soc_clock_hz(soc, node, 0, &hz1, e) < 0)
		return -1;
	hz2 = hz1;
	if (nclk == 3 && soc_clock_hz(soc, node, 1, &hz2, e) < 0)
		return -1;
	if (hz1 > SP804_MAX_HZ || hz2 > SP804_MAX_HZ)
		return errf(e, "%s: TIMCLK of %llu Hz is above the supported %llu Hz", node->path,
			    (unsigned long long)(hz1 > hz2 ? hz1 : hz2),
			    (unsigned long long)SP804_MAX_HZ);

	struct sp804 *s;
	if (nirq == 1)
		s = sp804_new(&soc->bus, &soc->sched, base, hz1, hz2, (struct irq_line){ 0 },
			      (struct irq_line){ 0 }, line[0]);
	else
		s = sp804_new(&soc->bus, &soc->sched, base, hz1, hz2, line[0], line[1],
			      (struct irq_line){ 0 });
	if (!s)
		return errf(e, "%s: cannot map the SP804 at 0x%08x (overlaps another region?)",
			    node->path, base);
	s->nclocks = nclk == 3 ? 3 : 1;
	*state = s;
	return 0;
}

static void sp804_destroy(void *state)
{
	sp804_free(state);
}

static void sp804_type_reset(void *state)
{
	sp804_reset(state);
}

/* Clock `idx` of the node: with one clock it drives both timers; with
 * three, 0 and 1 are TIMCLK1 and TIMCLK2 and 2 (apb_pclk) only clocks the
 * register interface, which is not timed. */
static void sp804_type_clock_rate(void *state, unsigned idx, uint64_t hz)
{
	struct sp804 *s = state;
	if (s->nclocks == 1) {
		if (idx == 0) {
			sp804_set_timclk(s, 0, hz);
			sp804_set_timclk(s, 1, hz);
		}
	} else if (idx < 2) {
		sp804_set_timclk(s, (int)idx, hz);
	}
}

static void sp804_type_power(void *state, enum pd_state st)
{
	sp804_set_power(state, st);
}

const struct dev_type sp804_dev_type = {
	.compatible = "arm,sp804",
	.create = sp804_create,
	.destroy = sp804_destroy,
	.reset = sp804_type_reset,
	.clock_rate = sp804_type_clock_rate,
	.power = sp804_type_power,
};
