/*
 * The thermal model (thermal.h, docs/power.md "Temperature"): an RC chain
 * of thermal nodes, as gem5's thermal model, solved in fixed steps.
 *
 * Device tree: one top-level `compatible = "pmsim,thermal-rc"` node whose
 * children are the nodes in order from the heat source outwards (die,
 * package, board). Each child has a heat capacity
 * `pmsim,capacitance-microjoule-per-kelvin` (C_i) and a thermal resistance
 * `pmsim,resistance-millikelvin-per-watt` (R_i) to the next node, the last
 * one's to the ambient. The model node has `pmsim,ambient-millicelsius`
 * (default 25 °C), `pmsim,step-us` (default 1000) and, optionally,
 * `pmsim,shutdown-millicelsius`: the die above it cuts the SoC's power
 * (soc_power_fail), as a hardware thermal trip does.
 *
 * Heat sources: every meter of the SoC (pm/meter.h: the loads and the
 * regulators' conversion losses) heats one node: the first (the die)
 * unless a later node's `pmsim,components` lists the meter's component
 * ("dram", "panel", "backlight", "vdd_io") or its kind ("conversion":
 * every regulator's losses). The power a node receives over a step is the
 * energy its meters accounted over the step (pm_meter_joules_now, which
 * changes nothing) divided by the step: so the model is a pure function
 * of the meters at the step times.
 *
 * The network: C_i dT_i/dt = P_i + (T_{i-1} - T_i)/R_{i-1}
 *                                - (T_i - T_{i+1})/R_i,   T_n = T_ambient,
 * i.e. dT/dt = A T + B u with u = (P_0 .. P_{n-1}, T_ambient), constant
 * over a step. It is solved exactly for piecewise-constant inputs: with
 * the augmented matrix M = [[A 0 B] [I 0 0] [0 0 0]] (the middle block
 * integrates T), exp(M h) gives T(t+h) = Φ T(t) + Γ u and ∫T over the step
 * = Ψ T(t) + Λ u (Van Loan's method). exp is computed once for the step
 * by scaling and squaring a Taylor series (norm of M h / 2^s below 1/4,
 * 24 terms: below 1e-16 relative), and again for the odd step when the
 * ambient changes between two. A single node's step response is therefore
 * T_amb + P R (1 - e^(-t/RC)) to rounding, whatever the step; the step
 * only decides how often the power is averaged and the temperature seen.
 * The heat to the ambient, (∫T_last - T_amb h) / R_last, comes from the
 * integral, not from the balance, so that energy conservation checks the
 * solution (tests/unit/test_thermal.c).
 *
 * The zones of the device tree, the cooling devices and the report's
 * figures are pm/tzone.c's, which follows every step.
 */
#include "pm/thermal.h"

#include <libfdt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm/collect.h"
#include "pm/meter.h"
#include "pm/tzone.h"
#include "sim/dt.h"
#include "sim/soc.h"

#define TH_MAX_NODES 8
#define TH_MAX_SUBS 8
#define TH_MAX_DIM (3 * TH_MAX_NODES + 1)
#define TH_STEP_MAX_US 1000000u
#define TH_ABS_ZERO_C (-273.15)

struct th_node {
	char name[32];
	double c;              /* J/K */
	double r;              /* K/W, to the next node or the ambient */
	double t;              /* °C, as of the latest step */
	struct pm_meter **meters;
	unsigned nmeters;
	double last_j;         /* the meters' energy at the latest step */
	double tmin, tmax;     /* over the held temperatures so far */
	double tint;           /* ∫T dt, °C·s, up to the latest step */
};

struct th_sub {
	thermal_step_fn fn;
	void *opaque;
};

/* exp(M h) cut into the blocks the step needs. */
struct th_prop {
	double phi[TH_MAX_NODES][TH_MAX_NODES];
	double gam[TH_MAX_NODES][TH_MAX_NODES + 1];
	double psi[TH_MAX_NODES][TH_MAX_NODES];
	double lam[TH_MAX_NODES][TH_MAX_NODES + 1];
};

struct thermal {
	struct soc *soc;
	struct sched *sched;
	struct sched_event ev;
	unsigned n;
	struct th_node node[TH_MAX_NODES];
	char path[256];        /* the model's node, for messages */
	double ambient;        /* °C */
	simtime_t step, last, start;
	struct th_prop prop;   /* for a full step */
	bool has_shutdown;
	double shutdown_c;
	bool frozen;           /* out of range: the model stopped */
	double dissipated_j, to_ambient_j, initial_heat_j;
	struct th_sub sub[TH_MAX_SUBS];
	unsigned nsub;
	struct tzone_set *zones; /* the zones, cooling devices, the report */
};

/* ---- the solution --------------------------------------------------------- */

static void mat_mul(unsigned d, const double *a, const double *b, double *out)
{
	for (unsigned i = 0; i < d; i++)
		for (unsigned j = 0; j < d; j++) {
			double s = 0;
			for (unsigned k = 0; k < d; k++)
				s += a[i * d + k] * b[k * d + j];
			out[i * d + j] = s;
		}
}

/* out = exp(m), d × d, by scaling and squaring a Taylor series. */
static void mat_exp(unsigned d, const double *m, double *out)
{
	double norm = 0;
	for (unsigned i = 0; i < d; i++) {
		double row = 0;
		for (unsigned j = 0; j < d; j++)
			row += fabs(m[i * d + j]);
		if (row > norm)
			norm = row;
	}
	int s = 0;
	while (norm > 0.25 && s < 200) {
		norm /= 2;
		s++;
	}
	double scale = ldexp(1.0, -s);
	double a[TH_MAX_DIM * TH_MAX_DIM], term[TH_MAX_DIM * TH_MAX_DIM],
	       tmp[TH_MAX_DIM * TH_MAX_DIM];
	for (unsigned i = 0; i < d * d; i++)
		a[i] = m[i] * scale;
	for (unsigned i = 0; i < d * d; i++)
		out[i] = term[i] = i % (d + 1) == 0 ? 1.0 : 0.0;
	for (int k = 1; k <= 24; k++) {
		mat_mul(d, term, a, tmp);
		for (unsigned i = 0; i < d * d; i++) {
			term[i] = tmp[i] / k;
			out[i] += term[i];
		}
	}
	for (int k = 0; k < s; k++) {
		mat_mul(d, out, out, tmp);
		memcpy(out, tmp, d * d * sizeof *out);
	}
}

/* The propagator of a step of `h` seconds. */
static void th_propagator(const struct thermal *th, double h, struct th_prop *p)
{
	unsigned n = th->n, d = 3 * n + 1, u0 = 2 * n;
	double m[TH_MAX_DIM * TH_MAX_DIM] = { 0 }, e[TH_MAX_DIM * TH_MAX_DIM];
	for (unsigned i = 0; i < n; i++) {
		const struct th_node *nd = &th->node[i];
		double out = 1 / (nd->r * nd->c);
		m[i * d + i] -= out * h;
		if (i + 1 < n)
			m[i * d + i + 1] += out * h;
		else
			m[i * d + u0 + n] += out * h; /* the ambient's input */
		if (i > 0) {
			double in = 1 / (th->node[i - 1].r * nd->c);
			m[i * d + i] -= in * h;
			m[i * d + i - 1] += in * h;
		}
		m[i * d + u0 + i] = h / nd->c;  /* the node's power */
		m[(n + i) * d + i] = h;         /* the integral of T_i */
	}
	mat_exp(d, m, e);
	for (unsigned i = 0; i < n; i++) {
		for (unsigned j = 0; j < n; j++) {
			p->phi[i][j] = e[i * d + j];
			p->psi[i][j] = e[(n + i) * d + j];
		}
		for (unsigned j = 0; j <= n; j++) {
			p->gam[i][j] = e[i * d + u0 + j];
			p->lam[i][j] = e[(n + i) * d + u0 + j];
		}
	}
}

static double th_heat(const struct thermal *th)
{
	double q = 0;
	for (unsigned i = 0; i < th->n; i++)
		q += th->node[i].c * th->node[i].t;
	return q;
}

/* Bring the network to `now` from the latest step, with each node's
 * average power over the span, then tell the subscribers. */
static void th_advance(struct thermal *th, simtime_t now)
{
	if (now <= th->last || th->frozen)
		return;
	unsigned n = th->n;
	double h = (double)(now - th->last) * 1e-12;
	double u[TH_MAX_NODES + 1];
	double joules[TH_MAX_NODES];
	/* The lazily accounted energies first (the core's cycles, the
	 * DRAM's idle transitions): the regulators' losses follow their
	 * loads only once those are charged, so unsettled they would fall
	 * into whichever step happened to charge them (a timeline charges
	 * the core at every trace record), and the temperatures would
	 * depend on who else looked. Settling changes no timing. */
	pm_energy_now(th->soc, sched_now(th->sched), true);
	for (unsigned i = 0; i < n; i++) {
		struct th_node *nd = &th->node[i];
		double j = 0;
		for (unsigned k = 0; k < nd->nmeters; k++)
			j += pm_meter_joules_now(th->soc, nd->meters[k], now);
		joules[i] = j;
		u[i] = (j - nd->last_j) / h;
	}
	u[n] = th->ambient;
	struct th_prop odd;
	const struct th_prop *p = &th->prop;
	if (now - th->last != th->step) {
		th_propagator(th, h, &odd);
		p = &odd;
	}
	double t[TH_MAX_NODES], integ[TH_MAX_NODES];
	for (unsigned i = 0; i < n; i++) {
		double a = 0, b = 0;
		for (unsigned j = 0; j < n; j++) {
			a += p->phi[i][j] * th->node[j].t;
			b += p->psi[i][j] * th->node[j].t;
		}
		for (unsigned j = 0; j <= n; j++) {
			a += p->gam[i][j] * u[j];
			b += p->lam[i][j] * u[j];
		}
		t[i] = a;
		integ[i] = b;
	}
	for (unsigned i = 0; i < n; i++) {
		if (!isfinite(t[i]) || t[i] < TH_ABS_ZERO_C || t[i] > THERMAL_MAX_CELSIUS) {
			soc_diag_at(th->soc, now, "thermal model: node %s would reach %g °C, outside "
				    "the model's range (%.2f to %.0f °C); the temperatures stay "
				    "as they were at the previous step", th->node[i].name, t[i],
				    TH_ABS_ZERO_C, THERMAL_MAX_CELSIUS);
			th->frozen = true;
			return;
		}
	}
	/* Each step's temperature holds until the next (thermal_celsius):
	 * the statistics weigh that held value by the time it held. */
	for (unsigned i = 0; i < n; i++) {
		struct th_node *nd = &th->node[i];
		nd->tint += nd->t * h;
		th->dissipated_j += joules[i] - nd->last_j;
		nd->last_j = joules[i];
		nd->t = t[i];
		if (t[i] < nd->tmin)
			nd->tmin = t[i];
		if (t[i] > nd->tmax)
			nd->tmax = t[i];
	}
	th->to_ambient_j += (integ[n - 1] - th->ambient * h) / th->node[n - 1].r;
	th->last = now;
	if (th->has_shutdown && th->node[0].t > th->shutdown_c)
		soc_power_fail(th->soc, now, "thermal shutdown: the die reached %.2f °C, above "
			       "the thermal model's pmsim,shutdown-millicelsius (%.2f °C)",
			       th->node[0].t, th->shutdown_c);
	for (unsigned i = 0; i < th->nsub; i++)
		th->sub[i].fn(th->sub[i].opaque, now);
}

static void th_step_ev(struct sched_event *ev, simtime_t now)
{
	struct thermal *th = container_of(ev, struct thermal, ev);
	th_advance(th, now);
	if (!th->frozen)
		sched_schedule(th->sched, &th->ev, now + th->step);
}

/* ---- the interface ------------------------------------------------------- */

unsigned thermal_nodes(const struct thermal *th)
{
	return th->n;
}

const char *thermal_node_name(const struct thermal *th, unsigned i)
{
	return i < th->n ? th->node[i].name : NULL;
}

int thermal_node_index(const struct thermal *th, const char *name)
{
	for (unsigned i = 0; i < th->n; i++)
		if (!strcmp(th->node[i].name, name))
			return (int)i;
	return -1;
}

double thermal_celsius(const struct thermal *th, unsigned i)
{
	return i < th->n ? th->node[i].t : th->ambient;
}

double thermal_ambient_celsius(const struct thermal *th)
{
	return th->ambient;
}

void thermal_set_ambient(struct thermal *th, simtime_t now, double celsius)
{
	if (now <= th->start) {
		/* Before the first step: the SoC starts in equilibrium with
		 * its surroundings, at the new ambient. */
		th->ambient = celsius;
		for (unsigned i = 0; i < th->n; i++) {
			struct th_node *nd = &th->node[i];
			nd->t = nd->tmin = nd->tmax = celsius;
		}
		th->initial_heat_j = th_heat(th);
		for (unsigned i = 0; i < th->nsub; i++)
			th->sub[i].fn(th->sub[i].opaque, now);
		return;
	}
	/* The span before `now` at the old ambient: a step ends here (the
	 * next one, on the regular grid, is shorter). */
	th_advance(th, now);
	th->ambient = celsius;
}

void thermal_describe(const struct thermal *th, FILE *f)
{
	fprintf(f, "  ambient %.3f C, a step every %llu us", th->ambient,
		(unsigned long long)(th->step / PS_PER_US));
	if (th->has_shutdown)
		fprintf(f, ", the power cut above %.3f C on the die", th->shutdown_c);
	fprintf(f, "\n");
	double r = 0;
	for (unsigned i = 0; i < th->n; i++) {
		const struct th_node *nd = &th->node[i];
		r += nd->r;
		fprintf(f, "  %s: %.0f uJ/K, %.0f mK/W to %s (RC %.3g s)", nd->name, nd->c * 1e6,
			nd->r * 1e3, i + 1 < th->n ? th->node[i + 1].name : "the ambient",
			nd->r * nd->c);
		if (i == 0) {
			fprintf(f, "; heated by everything not listed below\n");
			continue;
		}
		fprintf(f, "; heated by");
		for (unsigned k = 0; k < nd->nmeters; k++) {
			const struct pm_meter *m = nd->meters[k];
			fprintf(f, "%s %s %s", k ? "," : "", m->component, m->kind);
		}
		fprintf(f, "%s\n", nd->nmeters ? "" : " nothing");
	}
	fprintf(f, "  die to ambient %.3g K/W\n", r);
	tzone_set_describe(th->zones, f);
}

int thermal_report(struct thermal *th, simtime_t now, struct pm_report_thermal *t)
{
	return tzone_set_report(th->zones, now, t);
}

int thermal_subscribe(struct thermal *th, thermal_step_fn fn, void *opaque)
{
	if (th->nsub >= TH_MAX_SUBS)
		return -1;
	th->sub[th->nsub++] = (struct th_sub){ fn, opaque };
	return 0;
}

simtime_t thermal_step_ps(const struct thermal *th)
{
	return th->step;
}

void thermal_heat(const struct thermal *th, struct thermal_heat *out)
{
	out->dissipated_j = th->dissipated_j;
	out->stored_j = th_heat(th) - th->initial_heat_j;
	out->to_ambient_j = th->to_ambient_j;
}

void thermal_node_stats(const struct thermal *th, unsigned i, simtime_t now,
			struct thermal_stats *st)
{
	const struct th_node *nd = &th->node[i];
	simtime_t upto = now > th->last ? now : th->last;
	double span = (double)(upto - th->start) * 1e-12;
	double held = (double)(upto - th->last) * 1e-12;
	st->min_c = nd->tmin;
	st->max_c = nd->tmax;
	st->final_c = nd->t;
	st->mean_c = span > 0 ? (nd->tint + nd->t * held) / span : nd->t;
}

double thermal_leakage_factor(const struct thermal_leakage *lk, double v, double v_ref,
			      double celsius)
{
	double f = exp2((celsius - lk->ref_c) / lk->doubling_c);
	if (v_ref > 0)
		f *= v / v_ref * exp((v - v_ref) / lk->slope_v);
	return f;
}

double thermal_die_celsius(const struct thermal *th, double otherwise)
{
	/* To the m°C: the floating-point sums of the meters differ in their
	 * last bits with how often they were brought up to date, and a
	 * power that depends on the temperature must not carry that into
	 * the report. */
	return th ? round(th->node[0].t * 1000.0) / 1000.0 : otherwise;
}

/* ---- construction ------------------------------------------------------- */

static int th_prop_u32(const struct dt_node *n, const char *prop, uint32_t *v, struct err *e)
{
	if (!dt_bool(n, prop))
		return errf(e, "%s: missing property '%s'", n->path, prop);
	if (dt_cells(n, prop) != 1)
		return errf(e, "%s: '%s' must be one cell", n->path, prop);
	*v = dt_cell(n, prop, 0);
	return 0;
}

/* A temperature in m°C: one signed cell (dtc writes <(-5000)> as two's
 * complement). */
static int th_millicelsius(const struct dt_node *n, const char *prop, double def, double *out,
			   struct err *e)
{
	if (!dt_bool(n, prop)) {
		*out = def;
		return 0;
	}
	if (dt_cells(n, prop) != 1)
		return errf(e, "%s: '%s' must be one cell (m°C)", n->path, prop);
	double c = (int32_t)dt_cell(n, prop, 0) / 1000.0;
	if (c < TH_ABS_ZERO_C || c > THERMAL_MAX_CELSIUS)
		return errf(e, "%s: '%s' (%.3f °C) is outside %.2f to %.0f °C", n->path, prop, c,
			    TH_ABS_ZERO_C, THERMAL_MAX_CELSIUS);
	*out = c;
	return 0;
}

static bool meter_matches(const struct pm_meter *m, const char *entry)
{
	return !strcmp(m->component, entry) || !strcmp(m->kind, entry);
}

/* Every meter of the SoC to its node: the die unless a later node's
 * `pmsim,components` names it. */
static int th_assign_meters(struct thermal *th, const int *offs, struct err *e)
{
	struct soc *soc = th->soc;
	for (unsigned i = 1; i < th->n; i++) {
		struct dt_node dn;
		dn.fdt = soc->fdt;
		dn.off = offs[i];
		fdt_get_path(soc->fdt, offs[i], dn.path, sizeof dn.path);
		int cnt = fdt_stringlist_count(soc->fdt, offs[i], "pmsim,components");
		for (int k = 0; k < cnt; k++) {
			const char *entry = fdt_stringlist_get(soc->fdt, offs[i], "pmsim,components",
							       k, NULL);
			bool any = false;
			for (struct pm_meter *m = soc->meters; m && entry; m = m->next)
				any |= meter_matches(m, entry);
			if (!entry || !any)
				return errf(e, "%s: 'pmsim,components' entry \"%s\" names no component "
					    "and no kind of energy of the SoC", dn.path,
					    entry ? entry : "?");
		}
	}
	for (struct pm_meter *m = soc->meters; m; m = m->next) {
		unsigned to = 0;
		for (unsigned i = 1; i < th->n; i++) {
			int cnt = fdt_stringlist_count(soc->fdt, offs[i], "pmsim,components");
			for (int k = 0; k < cnt; k++) {
				const char *entry = fdt_stringlist_get(soc->fdt, offs[i],
								       "pmsim,components", k, NULL);
				if (!entry || !meter_matches(m, entry))
					continue;
				if (to && to != i)
					return errf(e, "%s: the %s energy of %s is in the "
						    "'pmsim,components' of both %s and %s", th->path,
						    m->kind, m->component, th->node[to].name,
						    th->node[i].name);
				to = i;
			}
		}
		struct th_node *nd = &th->node[to];
		struct pm_meter **l = realloc(nd->meters, (nd->nmeters + 1) * sizeof *l);
		if (!l)
			return errf(e, "out of memory");
		nd->meters = l;
		l[nd->nmeters++] = m;
	}
	return 0;
}

static int th_parse(struct thermal *th, int off, struct err *e)
{
	const void *fdt = th->soc->fdt;
	struct dt_node n = { .fdt = fdt, .off = off };
	fdt_get_path(fdt, off, n.path, sizeof n.path);
	snprintf(th->path, sizeof th->path, "%s", n.path);
	if (th_millicelsius(&n, "pmsim,ambient-millicelsius", 25.0, &th->ambient, e))
		return -1;
	uint32_t step_us = dt_u32_opt(&n, "pmsim,step-us", 1000);
	if (dt_bool(&n, "pmsim,step-us") && dt_cells(&n, "pmsim,step-us") != 1)
		return errf(e, "%s: 'pmsim,step-us' must be one cell", n.path);
	if (step_us == 0 || step_us > TH_STEP_MAX_US)
		return errf(e, "%s: 'pmsim,step-us' must be 1-%u (is %u)", n.path, TH_STEP_MAX_US,
			    step_us);
	th->step = (simtime_t)step_us * PS_PER_US;
	th->has_shutdown = dt_bool(&n, "pmsim,shutdown-millicelsius");
	if (th_millicelsius(&n, "pmsim,shutdown-millicelsius", 0, &th->shutdown_c, e))
		return -1;
	if (th->has_shutdown && th->shutdown_c <= th->ambient)
		return errf(e, "%s: 'pmsim,shutdown-millicelsius' (%.1f °C) is not above the "
			    "ambient (%.1f °C)", n.path, th->shutdown_c, th->ambient);

	int offs[TH_MAX_NODES];
	int child;
	fdt_for_each_subnode(child, fdt, off) {
		struct dt_node c = { .fdt = fdt, .off = child };
		fdt_get_path(fdt, child, c.path, sizeof c.path);
		if (th->n == TH_MAX_NODES)
			return errf(e, "%s: more than %u thermal nodes", n.path, TH_MAX_NODES);
		struct th_node *nd = &th->node[th->n];
		const char *name = fdt_get_name(fdt, child, NULL);
		snprintf(nd->name, sizeof nd->name, "%s", name ? name : "?");
		uint32_t cap = 0, res = 0;
		if (th_prop_u32(&c, "pmsim,capacitance-microjoule-per-kelvin", &cap, e) ||
		    th_prop_u32(&c, "pmsim,resistance-millikelvin-per-watt", &res, e))
			return -1;
		/* Cells are unsigned: a "negative" value is a huge one, and
		 * both are refused with what was written. */
		if (cap == 0 || cap > INT32_MAX)
			return errf(e, "%s: 'pmsim,capacitance-microjoule-per-kelvin' must be "
				    "positive (is %d)", c.path, (int32_t)cap);
		if (res == 0 || res > INT32_MAX)
			return errf(e, "%s: 'pmsim,resistance-millikelvin-per-watt' must be "
				    "positive (is %d)", c.path, (int32_t)res);
		if (th->n == 0 && dt_bool(&c, "pmsim,components"))
			return errf(e, "%s: 'pmsim,components' on the first node: everything not "
				    "listed on a later node heats it already", c.path);
		if (fdt_stringlist_count(fdt, child, "pmsim,components") < 0 &&
		    dt_bool(&c, "pmsim,components"))
			return errf(e, "%s: 'pmsim,components' must be a list of strings", c.path);
		for (unsigned i = 0; i < th->n; i++)
			if (!strcmp(th->node[i].name, nd->name))
				return errf(e, "%s: a second thermal node called '%s'", c.path,
					    nd->name);
		nd->c = cap * 1e-6;
		nd->r = res * 1e-3;
		offs[th->n++] = child;
	}
	if (th->n == 0)
		return errf(e, "%s: no thermal nodes (children: die, package, board)", n.path);
	return th_assign_meters(th, offs, e);
}

int thermal_create(struct soc *soc, struct thermal **out, struct err *e)
{
	*out = NULL;
	int off = -1, found = -1;
	while ((off = fdt_node_offset_by_compatible(soc->fdt, off, "pmsim,thermal-rc")) >= 0) {
		const char *st = fdt_getprop(soc->fdt, off, "status", NULL);
		if (st && strcmp(st, "okay") && strcmp(st, "ok"))
			continue;
		if (found >= 0) {
			char a[256], b[256];
			fdt_get_path(soc->fdt, found, a, sizeof a);
			fdt_get_path(soc->fdt, off, b, sizeof b);
			return errf(e, "%s: a second thermal model (the first is %s)", b, a);
		}
		found = off;
	}
	if (found < 0) {
		/* Zones without a model are refused there. */
		struct tzone_set *zs;
		if (tzone_set_create(soc, NULL, &zs, e))
			return -1;
		tzone_set_free(zs);
		return 0;
	}
	struct thermal *th = calloc(1, sizeof *th);
	if (!th)
		return errf(e, "out of memory");
	th->soc = soc;
	th->sched = &soc->sched;
	if (th_parse(th, found, e)) {
		thermal_free(th);
		return -1;
	}
	simtime_t now = sched_now(th->sched);
	th->start = th->last = now;
	for (unsigned i = 0; i < th->n; i++) {
		struct th_node *nd = &th->node[i];
		nd->t = nd->tmin = nd->tmax = th->ambient;
		for (unsigned k = 0; k < nd->nmeters; k++)
			nd->last_j += pm_meter_joules_now(soc, nd->meters[k], now);
	}
	th->initial_heat_j = th_heat(th);
	th_propagator(th, (double)th->step * 1e-12, &th->prop);
	if (tzone_set_create(soc, th, &th->zones, e)) {
		thermal_free(th);
		return -1;
	}
	sched_event_init(&th->ev, th_step_ev, "thermal step");
	th->ev.background = true; /* a sleeping guest's run still ends (sim/machine.c) */
	sched_schedule(th->sched, &th->ev, now + th->step);
	*out = th;
	return 0;
}

void thermal_free(struct thermal *th)
{
	if (!th)
		return;
	sched_cancel(th->sched, &th->ev);
	tzone_set_free(th->zones);
	for (unsigned i = 0; i < th->n; i++)
		free(th->node[i].meters);
	free(th);
}

