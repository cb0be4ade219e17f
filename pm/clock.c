/*
 * The clock tree (clock.h): oscillators (`fixed-clock`), and the outputs of
 * the clock management unit (`pmsim,cmu`): PLLs with a lock time,
 * glitch-free muxes, integer dividers and gates. docs/devices/cmu.md is
 * the binding and the behaviour; this file is the mechanism.
 *
 * Rates are effective rates: what a consumer's clock pin sees now. A PLL
 * that is off, relocking, or whose reference is stopped outputs 0; a gate
 * that is off outputs 0; a mux follows its selected input at once. Every
 * change (a setter, a lock event, suspend, reset) recomputes every clock
 * in topological order (parents first) and then notifies, in the same
 * order, each clock whose rate differs from before, so a subscriber sees
 * each new rate once and finds the whole tree already consistent. SoC
 * trees have tens of clocks, so recomputing all of them is cheaper than
 * tracking which subtree moved, and cannot miss a descendant.
 *
 * A PLL relocks whenever its configuration changes while enabled, when it
 * is enabled or resumed, and when its reference rate changes (a jump in
 * the reference throws a real PLL out of lock). The lock is one scheduler
 * event embedded in the clock; the new rate appears exactly at its time.
 * Out of reset, an enabled PLL is already locked: the boot ROM's bring-up
 * is not modelled, so a SoC can start its core on a PLL.
 *
 * Suspend stops every oscillator not marked `pmsim,always-on` (the RTC's
 * crystal is) and every PLL; resume restarts them: an oscillator gives
 * no output for its crystal's `pmsim,startup-us`, and a PLL fed by it
 * starts locking only once it runs (its reference jumps from 0).
 *
 * Energy: each PLL draws pmsim,microwatt while enabled, not suspended and
 * locked, and pmsim,lock-microwatt (default: the same) while it locks;
 * each oscillator its pmsim,microwatt while it runs or starts up.
 */
#include "pm/clock.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm/meter.h"
#include "sim/dt.h"

/* Clock-cell ranges of the CMU's outputs, by kind (docs/devices/cmu.md):
 * the cell says which register controls the output. */
#define CMU_PLL_FIRST 0u
#define CMU_NPLL 4u
#define CMU_MUX_FIRST 16u
#define CMU_NMUX 4u
#define CMU_DIV_FIRST 32u
#define CMU_NDIV 16u
#define CMU_GATE_FIRST 64u
#define CMU_NGATE 32u

/* Largest values the CMU's register fields hold. */
#define PLL_MULT_LIMIT 4095u
#define PLL_DIV_LIMIT 63u
#define DIV_LIMIT 255u
#define MUX_INPUTS 4u

struct clk_sub {
	clk_notify_fn fn;
	void *opaque;
};

struct clk {
	struct clk_tree *tree;
	char name[64];
	char path[256];        /* the defining node, for messages */
	enum clk_kind kind;
	int node_off;          /* the defining node */
	int provider_off;      /* the node consumers' phandles name */
	uint32_t cell;         /* clock cell; 0 for a fixed-clock */

	struct clk *parents[MUX_INPUTS];
	unsigned nparents;

	uint64_t rate;         /* effective, now */
	bool notify;           /* rate changed, subscribers not yet told */
	int mark;              /* topological sort */

	struct clk_sub *subs;
	unsigned nsubs, capsubs;

	uint64_t fixed_hz;

	/* PLL */
	bool en, suspended, locked;
	uint32_t mult, div, mult_max, div_max;
	uint64_t min_hz, max_hz;
	uint64_t ref_hz;       /* reference rate it is locking/locked to */
	simtime_t lock_ps;
	struct sched_event lock_ev;
	bool reset_en;
	uint32_t reset_mult, reset_div;

	/* mux, divider, gate */
	uint32_t sel, reset_sel;
	uint32_t dval, reset_dval, dmax;
	bool on, reset_on;

	/* oscillators and PLLs */
	bool metered;
	uint32_t microwatt;
	uint32_t lock_microwatt;  /* a PLL while it locks */
	struct pm_meter meter;

	/* oscillators: stopped in suspend unless always on, then no output
	 * until started up */
	bool always_on, stopped, starting;
	simtime_t startup_ps;
	struct sched_event start_ev;
};

struct clk_tree {
	const void *fdt;
	struct sched *s;
	struct trace *tr;
	struct clk **all;      /* in device-tree order */
	struct clk **topo;     /* parents before children */
	unsigned n, cap, ntopo;
	struct pm_meter **meters;
	unsigned nmeters;
	bool resetting;        /* PLLs come up locked */
};

/* ---- rates ---------------------------------------------------------------- */

static bool pll_running(const struct clk *c)
{
	return c->en && !c->suspended;
}

static void pll_power(struct clk *c, simtime_t now)
{
	double uw = !pll_running(c) ? 0 : c->locked || !c->ref_hz ? c->microwatt
		    : c->lock_microwatt;
	pm_meter_set(&c->meter, now, uw * 1e-6);
}

static void osc_power(struct clk *c, simtime_t now)
{
	pm_meter_set(&c->meter, now, c->stopped ? 0.0 : c->microwatt * 1e-6);
}

/* Lose lock and, if the PLL runs on a live reference, start locking. */
static void pll_relock(struct clk *c, simtime_t now)
{
	struct clk_tree *t = c->tree;
	sched_cancel(t->s, &c->lock_ev);
	c->locked = false;
	if (!pll_running(c) || !c->ref_hz)
		return;
	if (t->resetting || !c->lock_ps)
		c->locked = true;
	else
		sched_schedule(t->s, &c->lock_ev, now + c->lock_ps);
	if (c->metered && !t->resetting)
		pll_power(c, now);
}

static uint64_t clk_compute(struct clk *c, simtime_t now)
{
	switch (c->kind) {
	case CLK_FIXED:
		return c->stopped || c->starting ? 0 : c->fixed_hz;
	case CLK_PLL: {
		uint64_t ref = c->parents[0]->rate;
		if (ref != c->ref_hz || c->tree->resetting) {
			c->ref_hz = ref;
			pll_relock(c, now);
		}
		return c->locked ? ref * c->mult / c->div : 0;
	}
	case CLK_MUX:
		return c->parents[c->sel]->rate;
	case CLK_DIV:
		return c->parents[0]->rate / c->dval;
	case CLK_GATE:
		return c->on ? c->parents[0]->rate : 0;
	}
	return 0;
}

static void clk_recompute(struct clk_tree *t, simtime_t now)
{
	for (unsigned i = 0; i < t->ntopo; i++) {
		struct clk *c = t->topo[i];
		uint64_t r = clk_compute(c, now);
		if (r != c->rate) {
			c->rate = r;
			c->notify = true;
		}
	}
}

/* Tell the trace and the subscribers of every clock that changed. A
 * subscriber may reprogram the tree; the nested update then notifies what
 * it changed (clearing the flags), so each clock is reported with its
 * latest rate and never twice for one change. */
static void clk_notify_all(struct clk_tree *t, simtime_t now)
{
	for (unsigned i = 0; i < t->ntopo; i++) {
		struct clk *c = t->topo[i];
		if (!c->notify)
			continue;
		c->notify = false;
		trace_state(t->tr, now, c->name, "hz", (int64_t)c->rate, NULL);
		for (unsigned j = 0; j < c->nsubs; j++)
			c->subs[j].fn(c->subs[j].opaque, now, c->rate);
	}
}

static void clk_update(struct clk_tree *t)
{
	simtime_t now = sched_now(t->s);
	clk_recompute(t, now);
	clk_notify_all(t, now);
}

static void osc_started(struct sched_event *ev, simtime_t now);

static void pll_locked(struct sched_event *ev, simtime_t now)
{
	struct clk *c = container_of(ev, struct clk, lock_ev);
	c->locked = true;
	pll_power(c, now);
	clk_recompute(c->tree, now);
	clk_notify_all(c->tree, now);
}

/* ---- device-tree parsing --------------------------------------------------- */

static void node_path(const void *fdt, int off, char *buf, size_t len)
{
	if (fdt_get_path(fdt, off, buf, (int)len) != 0)
		snprintf(buf, len, "%s", fdt_get_name(fdt, off, NULL));
}

static struct clk *tree_find(struct clk_tree *t, int provider_off, uint32_t cell)
{
	for (unsigned i = 0; i < t->n; i++)
		if (t->all[i]->provider_off == provider_off && t->all[i]->cell == cell)
			return t->all[i];
	return NULL;
}

/* Entry `idx` of the `clocks` property of `node_off`: a phandle followed by
 * the provider's #clock-cells cells (0 or 1). Returns 1 with the provider
 * and cell, 0 if the list has no entry `idx`, -1 (e filled) if the
 * property is missing or malformed up to that entry. */
static int clocks_entry(const void *fdt, int node_off, unsigned idx, int *prov_out,
			uint32_t *cell_out, struct err *e)
{
	char path[256], ppath[256];
	node_path(fdt, node_off, path, sizeof path);
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node_off, "clocks", &len);
	if (!p)
		return errf(e, "%s: missing property 'clocks'", path);
	if (len % 4)
		return errf(e, "%s: property 'clocks' is not a list of 32-bit cells", path);
	int n = len / 4;
	for (int pos = 0, i = 0; pos < n; i++) {
		uint32_t ph = fdt32_to_cpu(p[pos]);
		int prov = fdt_node_offset_by_phandle(fdt, ph);
		if (prov < 0)
			return errf(e, "%s: 'clocks' entry %d: phandle %u names no node", path, i,
				    ph);
		node_path(fdt, prov, ppath, sizeof ppath);
		int clen;
		const fdt32_t *cc = fdt_getprop(fdt, prov, "#clock-cells", &clen);
		if (!cc || clen != 4)
			return errf(e, "%s: 'clocks' entry %d: %s is not a clock provider (no "
				    "'#clock-cells')", path, i, ppath);
		uint32_t cells = fdt32_to_cpu(*cc);
		if (cells > 1)
			return errf(e, "%s: 'clocks' entry %d: %s has #clock-cells = %u (pmsim "
				    "providers use 0 or 1)", path, i, ppath, cells);
		if (pos + 1 + (int)cells > n)
			return errf(e, "%s: 'clocks' entry %d is truncated (%s takes %u cell%s)",
				    path, i, ppath, cells, cells == 1 ? "" : "s");
		if ((unsigned)i == idx) {
			*prov_out = prov;
			*cell_out = cells ? fdt32_to_cpu(p[pos + 1]) : 0;
			return 1;
		}
		pos += 1 + (int)cells;
	}
	return 0;
}

static struct clk *tree_lookup(struct clk_tree *t, int node_off, unsigned idx, struct err *e)
{
	char path[256], ppath[256];
	int prov;
	uint32_t cell;
	int r = clocks_entry(t->fdt, node_off, idx, &prov, &cell, e);
	if (r <= 0) {
		if (r == 0) {
			node_path(t->fdt, node_off, path, sizeof path);
			errf(e, "%s: 'clocks' has no entry %u", path, idx);
		}
		return NULL;
	}
	struct clk *c = tree_find(t, prov, cell);
	if (!c) {
		node_path(t->fdt, node_off, path, sizeof path);
		node_path(t->fdt, prov, ppath, sizeof ppath);
		if (fdt_node_check_compatible(t->fdt, prov, "pmsim,cmu") == 0)
			errf(e, "%s: 'clocks' entry %u: %s has no clock output %u", path, idx,
			     ppath, cell);
		else
			errf(e, "%s: 'clocks' entry %u: %s is not a clock pmsim models (or is "
			     "disabled)", path, idx, ppath);
	}
	return c;
}

static int tree_add(struct clk_tree *t, struct clk *c)
{
	if (t->n == t->cap) {
		unsigned cap = t->cap ? 2 * t->cap : 16;
		struct clk **a = realloc(t->all, cap * sizeof *a);
		if (!a)
			return -1;
		t->all = a;
		t->cap = cap;
	}
	t->all[t->n++] = c;
	return 0;
}

static bool node_enabled(const void *fdt, int off)
{
	const char *st = fdt_getprop(fdt, off, "status", NULL);
	return !st || !strcmp(st, "okay") || !strcmp(st, "ok");
}

/* A new clock for node `off`: named by its first clock-output-names entry,
 * else by the node name without its unit address. */
static struct clk *clk_alloc(struct clk_tree *t, int off, enum clk_kind kind, struct err *e)
{
	struct clk *c = calloc(1, sizeof *c);
	if (!c) {
		errf(e, "out of memory building the clock tree");
		return NULL;
	}
	c->tree = t;
	c->kind = kind;
	c->node_off = off;
	node_path(t->fdt, off, c->path, sizeof c->path);
	const char *name = fdt_stringlist_get(t->fdt, off, "clock-output-names", 0, NULL);
	size_t nlen;
	if (name) {
		nlen = strlen(name);
	} else {
		name = fdt_get_name(t->fdt, off, NULL);
		nlen = strcspn(name, "@");
	}
	if (nlen >= sizeof c->name)
		nlen = sizeof c->name - 1;
	memcpy(c->name, name, nlen);
	sched_event_init(&c->lock_ev, pll_locked, "pll-lock");
	sched_event_init(&c->start_ev, osc_started, "osc-startup");
	if (tree_add(t, c)) {
		free(c);
		errf(e, "out of memory building the clock tree");
		return NULL;
	}
	return c;
}

static int prop_u32(const struct clk *c, const char *prop, uint32_t *out, bool required,
		    uint32_t def, struct err *e)
{
	struct dt_node n = { .fdt = c->tree->fdt, .off = c->node_off };
	snprintf(n.path, sizeof n.path, "%s", c->path);
	if (!fdt_getprop(n.fdt, n.off, prop, NULL)) {
		if (required)
			return errf(e, "%s: missing property '%s'", c->path, prop);
		*out = def;
		return 0;
	}
	return dt_u32(&n, prop, out, e);
}

static int prop_u64(const struct clk *c, const char *prop, uint64_t *out, struct err *e)
{
	struct dt_node n = { .fdt = c->tree->fdt, .off = c->node_off };
	snprintf(n.path, sizeof n.path, "%s", c->path);
	return dt_u64(&n, prop, out, e);
}

static int parse_fixed(struct clk_tree *t, int off, struct err *e)
{
	struct clk *c = clk_alloc(t, off, CLK_FIXED, e);
	if (!c)
		return -1;
	c->provider_off = off;
	uint32_t cells, hz;
	if (prop_u32(c, "#clock-cells", &cells, true, 0, e))
		return -1;
	if (cells != 0)
		return errf(e, "%s: '#clock-cells' of a fixed-clock must be 0 (is %u)", c->path,
			    cells);
	uint32_t startup_us;
	if (prop_u32(c, "clock-frequency", &hz, true, 0, e) ||
	    prop_u32(c, "pmsim,microwatt", &c->microwatt, false, 0, e) ||
	    prop_u32(c, "pmsim,startup-us", &startup_us, false, 0, e))
		return -1;
	c->fixed_hz = hz;
	c->startup_ps = (simtime_t)startup_us * PS_PER_US;
	c->always_on = fdt_getprop(c->tree->fdt, c->node_off, "pmsim,always-on", NULL);
	c->metered = true;
	return 0;
}

/* The kind of a CMU child from its compatible, and its cell range. */
static const struct {
	const char *compatible;
	enum clk_kind kind;
	uint32_t first, count;
	const char *what;
} cmu_kinds[] = {
	{ "pmsim,cmu-pll", CLK_PLL, CMU_PLL_FIRST, CMU_NPLL, "a PLL" },
	{ "pmsim,cmu-mux", CLK_MUX, CMU_MUX_FIRST, CMU_NMUX, "a mux" },
	{ "pmsim,cmu-divider", CLK_DIV, CMU_DIV_FIRST, CMU_NDIV, "a divider" },
	{ "pmsim,cmu-gate", CLK_GATE, CMU_GATE_FIRST, CMU_NGATE, "a gate" },
};

static int parse_pll(struct clk *c, struct err *e)
{
	uint32_t lock_us;
	if (prop_u32(c, "pmsim,lock-us", &lock_us, true, 0, e) ||
	    prop_u32(c, "pmsim,microwatt", &c->microwatt, false, 0, e) ||
	    prop_u32(c, "pmsim,lock-microwatt", &c->lock_microwatt, false, c->microwatt, e) ||
	    prop_u64(c, "pmsim,min-hz", &c->min_hz, e) ||
	    prop_u64(c, "pmsim,max-hz", &c->max_hz, e) ||
	    prop_u32(c, "pmsim,max-mult", &c->mult_max, false, PLL_MULT_LIMIT, e) ||
	    prop_u32(c, "pmsim,max-div", &c->div_max, false, PLL_DIV_LIMIT, e) ||
	    prop_u32(c, "pmsim,reset-mult", &c->reset_mult, false, 1, e) ||
	    prop_u32(c, "pmsim,reset-div", &c->reset_div, false, 1, e))
		return -1;
	c->lock_ps = (simtime_t)lock_us * PS_PER_US;
	c->reset_en = fdt_getprop(c->tree->fdt, c->node_off, "pmsim,reset-enabled", NULL);
	c->metered = true;
	if (c->min_hz > c->max_hz)
		return errf(e, "%s: 'pmsim,min-hz' (%llu) is above 'pmsim,max-hz' (%llu)", c->path,
			    (unsigned long long)c->min_hz, (unsigned long long)c->max_hz);
	if (c->mult_max < 1 || c->mult_max > PLL_MULT_LIMIT)
		return errf(e, "%s: 'pmsim,max-mult' must be 1..%u (is %u)", c->path,
			    PLL_MULT_LIMIT, c->mult_max);
	if (c->div_max < 1 || c->div_max > PLL_DIV_LIMIT)
		return errf(e, "%s: 'pmsim,max-div' must be 1..%u (is %u)", c->path, PLL_DIV_LIMIT,
			    c->div_max);
	if (c->reset_mult < 1 || c->reset_mult > c->mult_max)
		return errf(e, "%s: 'pmsim,reset-mult' must be 1..%u (is %u)", c->path,
			    c->mult_max, c->reset_mult);
	if (c->reset_div < 1 || c->reset_div > c->div_max)
		return errf(e, "%s: 'pmsim,reset-div' must be 1..%u (is %u)", c->path, c->div_max,
			    c->reset_div);
	return 0;
}

static int parse_cmu_child(struct clk_tree *t, int cmu, int off, struct err *e)
{
	char path[256];
	node_path(t->fdt, off, path, sizeof path);
	unsigned k;
	for (k = 0; k < sizeof cmu_kinds / sizeof cmu_kinds[0]; k++)
		if (!fdt_node_check_compatible(t->fdt, off, cmu_kinds[k].compatible))
			break;
	if (k == sizeof cmu_kinds / sizeof cmu_kinds[0])
		return errf(e, "%s: a CMU output must be compatible with pmsim,cmu-pll, "
			    "pmsim,cmu-mux, pmsim,cmu-divider or pmsim,cmu-gate", path);
	struct clk *c = clk_alloc(t, off, cmu_kinds[k].kind, e);
	if (!c)
		return -1;
	c->provider_off = cmu;
	if (prop_u32(c, "reg", &c->cell, true, 0, e))
		return -1;
	if (c->cell < cmu_kinds[k].first || c->cell >= cmu_kinds[k].first + cmu_kinds[k].count)
		return errf(e, "%s: 'reg' %u is outside %s's clock indices %u..%u", path, c->cell,
			    cmu_kinds[k].what, cmu_kinds[k].first,
			    cmu_kinds[k].first + cmu_kinds[k].count - 1);
	for (unsigned i = 0; i + 1 < t->n; i++)
		if (t->all[i]->provider_off == cmu && t->all[i]->cell == c->cell)
			return errf(e, "%s: 'reg' %u is already used by %s", path, c->cell,
				    t->all[i]->path);
	switch (c->kind) {
	case CLK_PLL:
		return parse_pll(c, e);
	case CLK_MUX:
		return prop_u32(c, "pmsim,reset-select", &c->reset_sel, false, 0, e);
	case CLK_DIV:
		if (prop_u32(c, "pmsim,max-div", &c->dmax, false, DIV_LIMIT, e) ||
		    prop_u32(c, "pmsim,reset-div", &c->reset_dval, false, 1, e))
			return -1;
		if (c->dmax < 1 || c->dmax > DIV_LIMIT)
			return errf(e, "%s: 'pmsim,max-div' must be 1..%u (is %u)", path, DIV_LIMIT,
				    c->dmax);
		if (c->reset_dval < 1 || c->reset_dval > c->dmax)
			return errf(e, "%s: 'pmsim,reset-div' must be 1..%u (is %u)", path, c->dmax,
				    c->reset_dval);
		return 0;
	case CLK_GATE:
		c->reset_on = fdt_getprop(t->fdt, off, "pmsim,reset-enabled", NULL);
		return 0;
	case CLK_FIXED:
		break;
	}
	return 0;
}

static int parse_cmu(struct clk_tree *t, int cmu, struct err *e)
{
	char path[256];
	node_path(t->fdt, cmu, path, sizeof path);
	int len;
	const fdt32_t *cc = fdt_getprop(t->fdt, cmu, "#clock-cells", &len);
	if (!cc || len != 4 || fdt32_to_cpu(*cc) != 1)
		return errf(e, "%s: a pmsim,cmu needs '#clock-cells = <1>'", path);
	int child;
	fdt_for_each_subnode(child, t->fdt, cmu) {
		if (!node_enabled(t->fdt, child))
			continue;
		if (parse_cmu_child(t, cmu, child, e))
			return -1;
	}
	return 0;
}

/* Parents come from each output's `clocks`: one for PLLs, dividers and
 * gates, 1..4 for a mux. */
static int link_parents(struct clk_tree *t, struct clk *c, struct err *e)
{
	if (c->kind == CLK_FIXED)
		return 0;
	unsigned max = c->kind == CLK_MUX ? MUX_INPUTS : 1;
	int prov;
	uint32_t cell;
	for (;;) {
		int r = clocks_entry(t->fdt, c->node_off, c->nparents, &prov, &cell, e);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		if (c->nparents == max)
			return errf(e, "%s: 'clocks' has more than %u entr%s", c->path, max,
				    max == 1 ? "y" : "ies");
		struct clk *p = tree_lookup(t, c->node_off, c->nparents, e);
		if (!p)
			return -1;
		c->parents[c->nparents++] = p;
	}
	if (!c->nparents)
		return errf(e, "%s: 'clocks' is empty", c->path);
	if (c->kind == CLK_MUX && c->reset_sel >= c->nparents)
		return errf(e, "%s: 'pmsim,reset-select' %u names no input (the mux has %u)",
			    c->path, c->reset_sel, c->nparents);
	return 0;
}

static int topo_visit(struct clk_tree *t, struct clk *c, struct err *e)
{
	if (c->mark == 2)
		return 0;
	if (c->mark == 1)
		return errf(e, "%s: clock loop: '%s' is its own ancestor", c->path, c->name);
	c->mark = 1;
	for (unsigned i = 0; i < c->nparents; i++)
		if (topo_visit(t, c->parents[i], e))
			return -1;
	c->mark = 2;
	t->topo[t->ntopo++] = c;
	return 0;
}

static int tree_build(struct clk_tree *t, struct err *e)
{
	int off = -1;
	while ((off = fdt_node_offset_by_compatible(t->fdt, off, "fixed-clock")) >= 0)
		if (node_enabled(t->fdt, off) && parse_fixed(t, off, e))
			return -1;
	off = -1;
	while ((off = fdt_node_offset_by_compatible(t->fdt, off, "pmsim,cmu")) >= 0)
		if (node_enabled(t->fdt, off) && parse_cmu(t, off, e))
			return -1;
	for (unsigned i = 0; i < t->n; i++) {
		for (unsigned j = 0; j < i; j++)
			if (!strcmp(t->all[i]->name, t->all[j]->name))
				return errf(e, "%s: clock name '%s' is already used by %s",
					    t->all[i]->path, t->all[i]->name, t->all[j]->path);
		if (link_parents(t, t->all[i], e))
			return -1;
	}
	t->topo = calloc(t->n ? t->n : 1, sizeof *t->topo);
	t->meters = calloc(t->n ? t->n : 1, sizeof *t->meters);
	if (!t->topo || !t->meters)
		return errf(e, "out of memory building the clock tree");
	for (unsigned i = 0; i < t->n; i++)
		if (topo_visit(t, t->all[i], e))
			return -1;
	for (unsigned i = 0; i < t->n; i++) {
		struct clk *c = t->all[i];
		if (!c->metered)
			continue;
		pm_meter_init(&c->meter, c->name, "clock");
		t->meters[t->nmeters++] = &c->meter;
	}
	return 0;
}

/* ---- the tree --------------------------------------------------------------- */

static uint64_t pll_out(uint64_t ref, uint32_t mult, uint32_t div)
{
	return ref * mult / div;
}

/* Reset configuration, rates recomputed with enabled PLLs already locked;
 * subscribers are told by the caller. */
static void tree_reset_config(struct clk_tree *t, simtime_t now)
{
	for (unsigned i = 0; i < t->n; i++) {
		struct clk *c = t->all[i];
		switch (c->kind) {
		case CLK_FIXED:
			sched_cancel(t->s, &c->start_ev);
			c->stopped = c->starting = false;
			break;
		case CLK_PLL:
			sched_cancel(t->s, &c->lock_ev);
			c->en = c->reset_en;
			c->mult = c->reset_mult;
			c->div = c->reset_div;
			c->suspended = false;
			c->locked = false;
			break;
		case CLK_MUX:
			c->sel = c->reset_sel;
			break;
		case CLK_DIV:
			c->dval = c->reset_dval;
			break;
		case CLK_GATE:
			c->on = c->reset_on;
			break;
		}
	}
	t->resetting = true;
	clk_recompute(t, now);
	t->resetting = false;
	for (unsigned i = 0; i < t->n; i++) {
		struct clk *c = t->all[i];
		if (c->kind == CLK_PLL)
			pll_power(c, now);
		else if (c->metered)
			osc_power(c, now);
	}
}

struct clk_tree *clk_tree_new(const void *fdt, struct sched *s, struct trace *tr,
			      struct err *e)
{
	struct clk_tree *t = calloc(1, sizeof *t);
	if (!t) {
		errf(e, "out of memory building the clock tree");
		return NULL;
	}
	t->fdt = fdt;
	t->s = s;
	t->tr = tr;
	if (tree_build(t, e)) {
		clk_tree_free(t);
		return NULL;
	}
	simtime_t now = sched_now(s);
	tree_reset_config(t, now);
	/* A reset PLL configuration outside the PLL's range is a DT error:
	 * firmware could never have programmed it. */
	for (unsigned i = 0; i < t->ntopo; i++) {
		struct clk *c = t->topo[i];
		uint64_t out = c->kind == CLK_PLL ? pll_out(c->ref_hz, c->mult, c->div) : 0;
		if (c->kind == CLK_PLL && c->en && c->ref_hz &&
		    (out < c->min_hz || out > c->max_hz)) {
			errf(e, "%s: reset configuration gives %llu Hz, outside 'pmsim,min-hz'.."
			     "'pmsim,max-hz' (%llu..%llu)", c->path, (unsigned long long)out,
			     (unsigned long long)c->min_hz, (unsigned long long)c->max_hz);
			clk_tree_free(t);
			return NULL;
		}
	}
	/* Every clock's initial rate, so that trace sinks start from a known
	 * value rather than from the first change. */
	for (unsigned i = 0; i < t->ntopo; i++) {
		struct clk *c = t->topo[i];
		c->notify = false;
		trace_state(tr, now, c->name, "hz", (int64_t)c->rate, NULL);
	}
	return t;
}

void clk_tree_free(struct clk_tree *t)
{
	if (!t)
		return;
	for (unsigned i = 0; i < t->n; i++) {
		sched_cancel(t->s, &t->all[i]->lock_ev);
		sched_cancel(t->s, &t->all[i]->start_ev);
		free(t->all[i]->subs);
		free(t->all[i]);
	}
	free(t->all);
	free(t->topo);
	free(t->meters);
	free(t);
}

void clk_tree_reset(struct clk_tree *t)
{
	simtime_t now = sched_now(t->s);
	tree_reset_config(t, now);
	clk_notify_all(t, now);
}

struct clk *clk_get(struct clk_tree *t, int node_off, unsigned idx, struct err *e)
{
	return tree_lookup(t, node_off, idx, e);
}

struct clk *clk_get_by_name(struct clk_tree *t, int node_off, const char *name, struct err *e)
{
	int idx = fdt_stringlist_search(t->fdt, node_off, "clock-names", name);
	if (idx < 0) {
		char path[256];
		node_path(t->fdt, node_off, path, sizeof path);
		errf(e, "%s: no clock named '%s' in 'clock-names'", path, name);
		return NULL;
	}
	return tree_lookup(t, node_off, (unsigned)idx, e);
}

uint64_t clk_rate(const struct clk *c)
{
	return c->rate;
}

const char *clk_name(const struct clk *c)
{
	return c->name;
}

int clk_subscribe(struct clk *c, clk_notify_fn fn, void *opaque)
{
	if (c->nsubs == c->capsubs) {
		unsigned cap = c->capsubs ? 2 * c->capsubs : 4;
		struct clk_sub *s = realloc(c->subs, cap * sizeof *s);
		if (!s)
			return -1;
		c->subs = s;
		c->capsubs = cap;
	}
	c->subs[c->nsubs++] = (struct clk_sub){ fn, opaque };
	return 0;
}

void clk_unsubscribe(struct clk *c, clk_notify_fn fn, void *opaque)
{
	for (unsigned i = 0; i < c->nsubs; i++) {
		if (c->subs[i].fn == fn && c->subs[i].opaque == opaque) {
			memmove(&c->subs[i], &c->subs[i + 1], (c->nsubs - i - 1) * sizeof c->subs[0]);
			c->nsubs--;
			return;
		}
	}
}

unsigned clk_tree_meters(const struct clk_tree *t)
{
	return t->nmeters;
}

struct pm_meter *clk_tree_meter(struct clk_tree *t, unsigned i)
{
	return i < t->nmeters ? t->meters[i] : NULL;
}

void clk_tree_suspend(struct clk_tree *t)
{
	simtime_t now = sched_now(t->s);
	for (unsigned i = 0; i < t->n; i++) {
		struct clk *c = t->all[i];
		if (c->kind == CLK_FIXED && !c->always_on && !c->stopped) {
			sched_cancel(t->s, &c->start_ev);
			c->stopped = true;
			c->starting = false;
			osc_power(c, now);
		}
		if (c->kind != CLK_PLL || c->suspended)
			continue;
		c->suspended = true;
		pll_relock(c, now);
		pll_power(c, now);
	}
	clk_update(t);
}

static void osc_started(struct sched_event *ev, simtime_t now)
{
	struct clk *c = container_of(ev, struct clk, start_ev);
	c->starting = false;
	clk_recompute(c->tree, now);
	clk_notify_all(c->tree, now);
}

/* The oscillator at the root of `c` (through first parents), or NULL. */
static const struct clk *root_osc(const struct clk *c)
{
	while (c && c->kind != CLK_FIXED)
		c = c->nparents ? c->parents[0] : NULL;
	return c;
}

/* Oscillators start from `now` and give their output after their
 * start-up time; a PLL fed by one that starts locks after it is up; a PLL
 * fed by another PLL starts locking only when that one has locked, which
 * the time returned does not cover. */
simtime_t clk_tree_resume(struct clk_tree *t)
{
	simtime_t now = sched_now(t->s), done = now;
	for (unsigned i = 0; i < t->n; i++) {
		struct clk *c = t->all[i];
		if (c->kind == CLK_FIXED && c->stopped) {
			c->stopped = false;
			osc_power(c, now);
			if (c->startup_ps) {
				c->starting = true;
				sched_schedule(t->s, &c->start_ev, now + c->startup_ps);
			}
		}
		if (c->kind != CLK_PLL || !c->suspended)
			continue;
		c->suspended = false;
		c->ref_hz = c->parents[0]->rate;
		pll_relock(c, now);
		pll_power(c, now);
	}
	clk_update(t);
	for (unsigned i = 0; i < t->n; i++) {
		struct clk *c = t->all[i];
		simtime_t ready = now;
		if (c->kind == CLK_FIXED && c->starting)
			ready = c->start_ev.when;
		if (c->kind == CLK_PLL && sched_pending(&c->lock_ev))
			ready = c->lock_ev.when;
		if (c->kind == CLK_PLL && pll_running(c) && !c->locked && !c->ref_hz) {
			const struct clk *o = root_osc(c);
			if (o && o->starting)
				ready = o->start_ev.when + c->lock_ps;
		}
		if (ready > done)
			done = ready;
	}
	return done;
}

/* ---- programming ------------------------------------------------------------ */

struct clk *clk_provider_output(struct clk_tree *t, int node_off, unsigned idx)
{
	return tree_find(t, node_off, idx);
}

enum clk_kind clk_kind(const struct clk *c)
{
	return c->kind;
}

int clk_pll_set(struct clk *c, bool enable, uint32_t mult, uint32_t div)
{
	if (c->kind != CLK_PLL)
		return -1;
	if (enable) {
		if (!mult || mult > c->mult_max || !div || div > c->div_max)
			return -1;
		uint64_t ref = c->parents[0]->rate;
		uint64_t out = pll_out(ref, mult, div);
		/* Without a running reference the output cannot be known; it is
		 * checked against the reference the PLL had when last set. */
		if (ref && (out < c->min_hz || out > c->max_hz))
			return -1;
		if (c->en && c->mult == mult && c->div == div)
			return 0;
	}
	simtime_t now = sched_now(c->tree->s);
	bool was = c->en;
	c->en = enable;
	c->mult = mult;
	c->div = div;
	if (enable || was) {
		c->ref_hz = c->parents[0]->rate;
		pll_relock(c, now);
		pll_power(c, now);
		clk_update(c->tree);
	}
	return 0;
}

void clk_pll_config(const struct clk *c, bool *enable, uint32_t *mult, uint32_t *div)
{
	*enable = c->en;
	*mult = c->mult;
	*div = c->div;
}

bool clk_pll_locked(const struct clk *c)
{
	return c->kind == CLK_PLL && c->locked;
}

int clk_mux_select(struct clk *c, unsigned sel)
{
	if (c->kind != CLK_MUX || sel >= c->nparents)
		return -1;
	if (sel != c->sel) {
		c->sel = sel;
		clk_update(c->tree);
	}
	return 0;
}

unsigned clk_mux_selected(const struct clk *c)
{
	return c->sel;
}

unsigned clk_num_parents(const struct clk *c)
{
	return c->nparents;
}

int clk_div_set(struct clk *c, uint32_t div)
{
	if (c->kind != CLK_DIV || !div || div > c->dmax)
		return -1;
	if (div != c->dval) {
		c->dval = div;
		clk_update(c->tree);
	}
	return 0;
}

uint32_t clk_div_get(const struct clk *c)
{
	return c->dval;
}

void clk_gate_set(struct clk *c, bool on)
{
	if (c->kind != CLK_GATE || c->on == on)
		return;
	c->on = on;
	clk_update(c->tree);
}

bool clk_gate_get(const struct clk *c)
{
	return c->on;
}

void clk_tree_describe(const struct clk_tree *t, FILE *f)
{
	bool any = false;
	for (unsigned i = 0; i < t->n; i++) {
		const struct clk *c = t->all[i];
		if (!c->metered)
			continue;
		fprintf(f, "%s %s %u uW", any ? "," : "  clock power (an oscillator while it "
			"runs, a PLL while enabled and the SoC not suspended):", c->name,
			c->microwatt);
		if (c->kind == CLK_PLL && c->lock_microwatt != c->microwatt)
			fprintf(f, " (%u uW locking)", c->lock_microwatt);
		any = true;
	}
	if (any)
		fprintf(f, "\n");
	any = false;
	for (unsigned i = 0; i < t->n; i++) {
		const struct clk *c = t->all[i];
		if (c->kind != CLK_FIXED)
			continue;
		fprintf(f, "%s %s %s", any ? "," : "  oscillators in suspend:", c->name,
			c->always_on ? "runs" : "stops");
		if (!c->always_on && c->startup_ps)
			fprintf(f, " (start-up %llu us)",
				(unsigned long long)(c->startup_ps / PS_PER_US));
		any = true;
	}
	if (any)
		fprintf(f, "\n");
}
