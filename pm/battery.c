/*
 * The battery (battery.h): a Li-ion cell as Linux's `simple-battery`
 * binding describes it, feeding the rail set.
 *
 * Inputs (the `pmsim,battery` node, docs/devices/pmic.md):
 *   Q    charge-full-design-microamp-hours    capacity (1 µAh = 3.6 mC)
 *   OCV  ocv-capacity-table-0 = <µV % ...>    open-circuit voltage over the
 *        state of charge, descending capacity (Linux's order), linear
 *        between points, flat beyond the ends; without a table, the
 *        node's `pmsim,microvolt` at every state of charge
 *   R    factory-internal-resistance-micro-ohms
 *   Vcut voltage-min-design-microvolt         cut-off (0: none)
 *   SoC0 pmsim,initial-percent (default 100)
 *   dt   pmsim,step-us (default 1000)
 *
 * Every dt, with E the energy the rails drew from the terminals over the
 * step and P = E / dt its average power, the cell's current solves
 * P = V·I with V = OCV − I·R:
 *
 *   I = (OCV − sqrt(OCV² − 4·R·P)) / (2·R)      (I = P / OCV when R = 0)
 *
 * (the smaller root: the larger one is the same power at a voltage below
 * OCV/2, past the cell's maximum power point). Then
 *
 *   V = OCV − I·R                 terminal voltage, the rails' input from now
 *   charge −= I·dt                state of charge = charge / Q
 *   internal += I²·R·dt           the loss inside the cell
 *
 * with OCV taken at the state of charge at the start of the step. The
 * energy that left the chemistry is what the terminals delivered (the
 * report's total) plus the internal loss; the internal loss is a meter of
 * its own, attached to no rail and not part of the total.
 *
 * Brown-out: OCV² < 4·R·P (no current delivers P), V below Vcut, or the
 * charge gone: the SoC's power fails (soc_power_fail through the rail
 * set's hooks) and the battery stops.
 *
 * Determinism: the steps are the rail set's periodic event (pm/regulator.c),
 * which first brings every lazily booked energy up to the step, so a step
 * sees the same energy whoever else looked at the run; nothing depends on
 * the host.
 */
#include "pm/battery.h"

#include <libfdt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pm/meter.h"
#include "pm/regulator.h"
#include "sim/dt.h"

/* Points of one OCV table: Linux's power_supply core allows 100. */
#define BAT_OCV_MAX 100

#define BAT_DEFAULT_STEP_US 1000u

struct pm_battery {
	struct rail_set *rs;
	struct sched *s;
	struct trace *t;
	char path[256];

	/* From the device tree. */
	double capacity_c;
	double r_ohm;
	double cutoff_v;
	double ocv_v[BAT_OCV_MAX], ocv_pct[BAT_OCV_MAX]; /* descending capacity */
	unsigned nocv;
	double flat_ocv_v;             /* no table: pmsim,microvolt */
	simtime_t step;

	/* State. */
	double start_pct;
	double charge_c;
	double min_v;
	int traced_pct;
	bool failed, stopped;
	simtime_t last_t;
	double last_e;
	double carry_j;                /* a negative step's energy, still owed */
	struct pm_meter internal_m;
};

/* OCV at `pct` percent. */
static double bat_ocv(const struct pm_battery *b, double pct)
{
	if (!b->nocv)
		return b->flat_ocv_v;
	if (pct >= b->ocv_pct[0])
		return b->ocv_v[0];
	for (unsigned i = 1; i < b->nocv; i++)
		if (pct >= b->ocv_pct[i]) {
			double f = (pct - b->ocv_pct[i]) / (b->ocv_pct[i - 1] - b->ocv_pct[i]);
			return b->ocv_v[i] + f * (b->ocv_v[i - 1] - b->ocv_v[i]);
		}
	return b->ocv_v[b->nocv - 1];
}

static double bat_pct(const struct pm_battery *b)
{
	return b->charge_c / b->capacity_c * 100.0;
}

static void bat_fail(struct pm_battery *b, simtime_t now, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void bat_fail(struct pm_battery *b, simtime_t now, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	b->failed = true;
	rail_set_power_fail(b->rs, now, msg);
}

static void bat_trace_pct(struct pm_battery *b, simtime_t now)
{
	int pct = (int)floor(bat_pct(b));
	if (pct == b->traced_pct)
		return;
	b->traced_pct = pct;
	trace_state(b->t, now, "battery", "percent", pct, NULL);
}

void battery_step(struct pm_battery *b, simtime_t now)
{
	if (b->failed || b->stopped)
		return;
	double e = rail_set_battery_joules(b->rs, now);
	double dt = (double)(now - b->last_t) * 1e-12;
	/* Energy a model books late for a span already stepped (the DRAM's
	 * idle-timer transitions, applied from their own earlier times) lands
	 * in this step. A correction downwards can make the step's energy
	 * negative: the SoC never charges the cell, so it is carried into the
	 * next steps instead. */
	double de = e - b->last_e + b->carry_j;
	b->carry_j = 0.0;
	if (de < 0.0) {
		b->carry_j = de;
		de = 0.0;
	}
	double p = dt > 0.0 ? de / dt : 0.0;
	b->last_e = e;
	b->last_t = now;
	double pct = bat_pct(b);
	double ocv = bat_ocv(b, pct);
	double i;
	if (b->r_ohm > 0.0) {
		double d = ocv * ocv - 4.0 * b->r_ohm * p;
		if (d < 0.0) {
			bat_fail(b, now, "brown-out: the battery cannot deliver %.6g W (at most %.6g W "
				 "from its open-circuit voltage of %.3f V through %.3f ohm; state of "
				 "charge %.1f %%)", p, ocv * ocv / (4.0 * b->r_ohm), ocv, b->r_ohm,
				 pct);
			return;
		}
		i = (ocv - sqrt(d)) / (2.0 * b->r_ohm);
	} else {
		i = p / ocv;
	}
	double v = ocv - i * b->r_ohm;
	b->charge_c -= i * dt;
	bool empty = b->charge_c <= 0.0;
	if (empty)
		b->charge_c = 0.0;
	pm_meter_add(&b->internal_m, now, i * i * b->r_ohm * dt);
	if (v < b->min_v)
		b->min_v = v;
	if (v < b->cutoff_v) {
		bat_fail(b, now, "brown-out: the battery's terminal voltage fell to %.3f V under "
			 "%.1f mA, below its cut-off of %.3f V (state of charge %.1f %%)", v,
			 i * 1e3, b->cutoff_v, bat_pct(b));
		return;
	}
	if (empty) {
		bat_trace_pct(b, now);
		bat_fail(b, now, "brown-out: the battery is empty (its terminal voltage is %.3f V "
			 "under %.1f mA; cut-off %.3f V)", v, i * 1e3, b->cutoff_v);
		return;
	}
	bat_trace_pct(b, now);
	rail_set_battery_microvolt(b->rs, now, (uint32_t)lround(v * 1e6));
}

void battery_start(struct pm_battery *b)
{
	b->last_t = sched_now(b->s);
	bat_trace_pct(b, b->last_t);
	b->last_e = rail_set_battery_joules(b->rs, b->last_t);
}

void battery_stop(struct pm_battery *b)
{
	b->stopped = true;
}

bool battery_running(const struct pm_battery *b)
{
	return !b->failed && !b->stopped;
}

simtime_t battery_step_ps(const struct pm_battery *b)
{
	return b->step;
}

int battery_set_percent(struct pm_battery *b, double percent)
{
	if (!(percent >= 0.0 && percent <= 100.0) || b->failed || b->stopped)
		return -1;
	b->start_pct = percent;
	b->charge_c = b->capacity_c * percent / 100.0;
	b->min_v = bat_ocv(b, percent);
	simtime_t now = sched_now(b->s);
	bat_trace_pct(b, now);
	rail_set_battery_microvolt(b->rs, now, battery_initial_microvolt(b));
	return 0;
}

uint32_t battery_initial_microvolt(const struct pm_battery *b)
{
	return (uint32_t)lround(bat_ocv(b, b->start_pct) * 1e6);
}

void battery_stats(const struct pm_battery *b, struct battery_stats *st)
{
	double pct = bat_pct(b);
	*st = (struct battery_stats){
		.capacity_c = b->capacity_c,
		.start_percent = b->start_pct,
		.percent = pct,
		.charge_used_c = b->capacity_c * b->start_pct / 100.0 - b->charge_c,
		.min_microvolt = b->min_v * 1e6,
		.internal_j = b->internal_m.joules,
		.ocv_microvolt = bat_ocv(b, pct) * 1e6,
		.cutoff_microvolt = b->cutoff_v * 1e6,
		.browned_out = b->failed,
	};
}

double battery_energy_j(const struct pm_battery *b, double lo, double hi)
{
	if (hi <= lo)
		return 0.0;
	/* Trapezoids between the table's points inside [lo, hi]: the OCV is
	 * linear on each, so the sum is exact. */
	double sum = 0.0, p = hi;
	for (unsigned i = 0; i <= b->nocv; i++) {
		double next = i < b->nocv && b->ocv_pct[i] > lo ? b->ocv_pct[i] : lo;
		if (next >= p)
			continue;
		sum += (p - next) * (bat_ocv(b, p) + bat_ocv(b, next)) / 2.0;
		p = next;
		if (p <= lo)
			break;
	}
	return sum / 100.0 * b->capacity_c;
}

struct pm_meter *battery_internal_meter(struct pm_battery *b)
{
	return &b->internal_m;
}

/* ---- device tree ------------------------------------------------------------- */

/* ocv-capacity-table-0: <µV percent ...>, capacity strictly decreasing from
 * at most 100, voltage not rising with it. */
static int bat_parse_ocv(struct pm_battery *b, const struct dt_node *n, struct err *e)
{
	const char *prop = "ocv-capacity-table-0";
	int pairs = dt_pairs(n, prop, BAT_OCV_MAX, "microvolt percent", e);
	if (pairs < 0)
		return -1;
	b->nocv = (unsigned)pairs;
	for (unsigned i = 0; i < b->nocv; i++) {
		uint32_t uv = dt_cell(n, prop, 2 * (int)i);
		uint32_t pct = dt_cell(n, prop, 2 * (int)i + 1);
		if (uv == 0 || uv > INT32_MAX)
			return errf(e, "%s: '%s' point %u: voltage %d uV must be positive", n->path,
				    prop, i, (int32_t)uv);
		if (pct > 100)
			return errf(e, "%s: '%s' point %u: capacity %u %% is above 100", n->path,
				    prop, i, pct);
		if (i && pct >= b->ocv_pct[i - 1])
			return errf(e, "%s: '%s' point %u: capacity %u %% is not below the previous "
				    "point's (points must go from full to empty)", n->path, prop, i,
				    pct);
		if (i && uv / 1e6 > b->ocv_v[i - 1])
			return errf(e, "%s: '%s' point %u: %u uV is above the previous point's at a "
				    "higher capacity (the voltage must fall as the cell empties)",
				    n->path, prop, i, uv);
		b->ocv_v[i] = uv / 1e6;
		b->ocv_pct[i] = pct;
	}
	return 0;
}

struct pm_battery *battery_new(struct rail_set *rs, const void *fdt, int off,
			       uint32_t ideal_uv, struct sched *s, struct trace *t,
			       struct err *e)
{
	struct dt_node n = { .fdt = fdt, .off = off };
	if (fdt_get_path(fdt, off, n.path, sizeof n.path) != 0)
		snprintf(n.path, sizeof n.path, "%s", fdt_get_name(fdt, off, NULL));
	struct pm_battery *b = calloc(1, sizeof *b);
	if (!b) {
		errf(e, "%s: out of memory", n.path);
		return NULL;
	}
	b->rs = rs;
	b->s = s;
	b->t = t;
	b->traced_pct = -1;
	snprintf(b->path, sizeof b->path, "%s", n.path);
	pm_meter_init(&b->internal_m, "battery", "internal");
	b->internal_m.since = sched_now(s);

	uint32_t uah, cut, r_uohm, pct, step_us;
	if (dt_u32_nonneg_opt(&n, "charge-full-design-microamp-hours", 0, &uah, e) < 0 ||
	    dt_u32_nonneg_opt(&n, "voltage-min-design-microvolt", 0, &cut, e) < 0 ||
	    dt_u32_nonneg_opt(&n, "factory-internal-resistance-micro-ohms", 0, &r_uohm, e) < 0 ||
	    dt_u32_nonneg_opt(&n, "pmsim,initial-percent", 100, &pct, e) < 0 ||
	    dt_u32_nonneg_opt(&n, "pmsim,step-us", BAT_DEFAULT_STEP_US, &step_us, e) < 0)
		goto fail;
	if (!uah) {
		errf(e, "%s: 'charge-full-design-microamp-hours' must not be 0", n.path);
		goto fail;
	}
	if (pct > 100) {
		errf(e, "%s: 'pmsim,initial-percent' must be 0-100 (is %u)", n.path, pct);
		goto fail;
	}
	if (!step_us) {
		errf(e, "%s: 'pmsim,step-us' must not be 0", n.path);
		goto fail;
	}
	b->capacity_c = uah * 3.6e-3;
	b->cutoff_v = cut / 1e6;
	b->r_ohm = r_uohm / 1e6;
	b->step = (simtime_t)step_us * PS_PER_US;
	/* Linux gives one table per temperature in ocv-capacity-celsius; the
	 * cell's temperature is not modelled, so table 0 serves. */
	int ncel = dt_cells(&n, "ocv-capacity-celsius");
	bool has_table = dt_bool(&n, "ocv-capacity-table-0");
	if (ncel < 0) {
		errf(e, "%s: 'ocv-capacity-celsius' must be a list of temperatures", n.path);
		goto fail;
	}
	if (ncel > 0 && !has_table) {
		errf(e, "%s: 'ocv-capacity-celsius' without 'ocv-capacity-table-0'", n.path);
		goto fail;
	}
	if (has_table && bat_parse_ocv(b, &n, e) < 0)
		goto fail;
	if (!has_table && !ideal_uv) {
		errf(e, "%s: a battery with a capacity needs 'ocv-capacity-table-0' or "
		     "'pmsim,microvolt' (its open-circuit voltage)", n.path);
		goto fail;
	}
	b->flat_ocv_v = ideal_uv / 1e6;
	double full = bat_ocv(b, 100.0);
	if (b->cutoff_v >= full) {
		errf(e, "%s: 'voltage-min-design-microvolt' (%u) is not below the full cell's "
		     "open-circuit voltage (%.0f uV)", n.path, cut, full * 1e6);
		goto fail;
	}
	b->start_pct = pct;
	b->charge_c = b->capacity_c * pct / 100.0;
	b->min_v = bat_ocv(b, pct);
	return b;
fail:
	free(b);
	return NULL;
}

void battery_free(struct pm_battery *b)
{
	free(b);
}

void battery_describe(const struct pm_battery *b, FILE *f)
{
	fprintf(f, "  battery: %.0f mAh, open-circuit %.3f V full to %.3f V empty, %.0f mOhm, "
		"cut-off %.3f V, %.1f %% at the start, a step every %llu us\n",
		b->capacity_c / 3.6, bat_ocv(b, 100.0), bat_ocv(b, 0.0), b->r_ohm * 1e3,
		b->cutoff_v, b->start_pct, (unsigned long long)(b->step / PS_PER_US));
}
