/*
 * Regulators (regulator.h): the rails of the SoC, from `regulator-fixed`
 * nodes and the regulators of the PMIC (`pmsim,pmic`), fed by the battery
 * (`pmsim,battery`) directly or through one another (`vin-supply`).
 *
 * Voltage: a set-point change on a rail that is up ramps at
 * `regulator-ramp-delay` µV/µs in steps of `pmsim,step-microvolt`, one
 * scheduled event per step; each step is traced and notified, so a core
 * model sees its voltage rise as a real VID ramp would deliver it. Enabling
 * takes `regulator-enable-ramp-delay` µs, after which the rail is up at its
 * set-point in one go (the soft-start ramp of a buck is not resolved into
 * steps); disabling takes `pmsim,off-delay-us` (0: at once). A rail whose
 * supply goes down goes down with it and comes back up (through its own
 * enable delay) when the supply does, if it is still switched on.
 *
 * Power: the output power of a rail is the sum of its loads, i.e. the
 * meters attached to it (pm_rail_load) and the input power of the rails it
 * feeds. Its input power is out / efficiency + quiescent current × Vin
 * while the regulator is active (enabling, up, or in its off-delay). A
 * switching regulator has a fixed efficiency (`pmsim,efficiency-percent`
 * or `-permille`); a linear one (LDO) passes its load current through, so
 * its efficiency is Vout / Vin at the present voltages. Every change of any
 * of these powers is integrated at the moment it happens, in the rail's
 * out, in and loss meters and in the battery's; nothing is sampled.
 *
 * Accounting: the conversion loss of a rail (in − out) is a meter of its
 * own (component = the rail's name, kind "conversion") attached to no
 * rail, because the loss is already inside the input power the rail draws
 * from its supply. Summed from the leaves up, the battery's energy is
 * therefore exactly the sum of every load meter plus every loss meter,
 * while per-rail out/in figures are a separate view that must not be added
 * to the components.
 */
#include "pm/regulator.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pm/meter.h"
#include "sim/dt.h"

/* A battery node is optional (a SoC description without power modelling
 * still needs its rails to work); without one the rails draw from a
 * Li-ion cell at its nominal voltage. */
#define REG_DEFAULT_BATTERY_UV 3700000u

struct rail_sub {
	rail_notify_fn fn;
	void *opaque;
};

struct pm_rail {
	struct rail_set *rs;
	char name[64];
	char path[256];
	int node_off;
	uint32_t phandle;
	struct pm_rail *supply;    /* NULL: the battery */

	/* Constraints and behaviour, from the device tree. */
	uint32_t min_uv, max_uv, reset_uv, step_uv;
	uint32_t ramp_uv_per_us;   /* 0: a set-point change is immediate */
	uint32_t enable_delay_us, off_delay_us;
	uint32_t eff_permille;     /* switching regulators */
	uint32_t iq_ua;
	bool always_on, boot_on, linear;

	/* State. `enabled` is the switch; `on` is the output being up. */
	bool enabled, on;
	uint32_t uv, target;
	uint32_t ramp_from;
	simtime_t ramp_t0, ramp_end;
	uint32_t ramp_k;
	struct sched_event ramp_ev, en_ev, off_ev;

	/* Power. */
	double load_w;             /* sum of the meters attached */
	double in_w;               /* as last integrated; what the supply sees */
	struct pm_meter out_m, in_m, loss_m;

	struct rail_sub *subs;
	unsigned nsubs, capsubs;
	struct rail_sub setpoint;  /* rail_watch_setpoint */
};

struct rail_set {
	const void *fdt;
	struct sched *s;
	struct trace *t;
	int battery_off;
	uint32_t battery_uv;
	struct pm_meter battery_m;
	struct pm_rail **rails;    /* device-tree order */
	struct pm_rail **order;    /* supplies before the rails they feed */
	unsigned n;
};

static void reg_power(struct pm_rail *r, simtime_t now);

/* ---- integration ----------------------------------------------------------- */

static void reg_battery_update(struct rail_set *rs, simtime_t now)
{
	double w = 0.0;
	for (unsigned i = 0; i < rs->n; i++)
		if (!rs->rails[i]->supply)
			w += rs->rails[i]->in_w;
	pm_meter_set_from(&rs->battery_m, now, w);
}

/* The voltage the rail's input sees now. A supply that is down still
 * counts at its set-point for the efficiency of a linear rail, so a model
 * that keeps drawing from a dead rail (its own bug) is still accounted
 * consistently. */
static double reg_vin(const struct pm_rail *r)
{
	if (!r->supply)
		return r->rs->battery_uv * 1e-6;
	const struct pm_rail *p = r->supply;
	return (p->on ? p->uv : p->target) * 1e-6;
}

static bool reg_active(const struct pm_rail *r)
{
	return r->on || sched_pending(&r->en_ev);
}

static double reg_efficiency(const struct pm_rail *r)
{
	if (!r->linear)
		return r->eff_permille / 1000.0;
	double vin = reg_vin(r);
	double vout = (r->on ? r->uv : r->target) * 1e-6;
	/* Vout above Vin is dropout: the pass transistor is fully on and the
	 * load current still flows through it, with no loss to speak of. */
	if (vin <= 0.0 || vout <= 0.0 || vout >= vin)
		return 1.0;
	return vout / vin;
}

/* Recompute the rail's output and input power at `now` and pass a change
 * of its input power on to its supply. */
static void reg_power(struct pm_rail *r, simtime_t now)
{
	struct rail_set *rs = r->rs;
	double out = r->load_w;
	for (unsigned i = 0; i < rs->n; i++)
		if (rs->rails[i]->supply == r)
			out += rs->rails[i]->in_w;
	double in = out / reg_efficiency(r);
	/* An active regulator always has its supply up: a supply going down
	 * takes the rails it feeds down with it (reg_children_vin). */
	if (reg_active(r))
		in += r->iq_ua * 1e-6 * reg_vin(r);
	pm_meter_set_from(&r->out_m, now, out);
	pm_meter_set_from(&r->in_m, now, in);
	pm_meter_set_from(&r->loss_m, now, in - out);
	if (in == r->in_w)
		return;
	r->in_w = in;
	if (r->supply)
		reg_power(r->supply, now);
	else
		reg_battery_update(rs, now);
}

void pm_rail_load(struct pm_rail *r, simtime_t now, double delta_w)
{
	if (!r || delta_w == 0.0)
		return;
	r->load_w += delta_w;
	reg_power(r, now);
}

/* A discrete energy (one DRAM burst, say) passes through the rail at its
 * present efficiency and on up the chain, like a power that lasted an
 * instant; the quiescent current is not involved. */
void pm_rail_add(struct pm_rail *r, simtime_t now, double joules)
{
	for (; r && joules != 0.0; r = r->supply) {
		double in = joules / reg_efficiency(r);
		pm_meter_add(&r->out_m, now, joules);
		pm_meter_add(&r->in_m, now, in);
		pm_meter_add(&r->loss_m, now, in - joules);
		if (!r->supply)
			pm_meter_add(&r->rs->battery_m, now, in);
		joules = in;
	}
}

/* ---- state changes --------------------------------------------------------- */

static void reg_notify(struct pm_rail *r, simtime_t now)
{
	for (unsigned i = 0; i < r->nsubs; i++)
		r->subs[i].fn(r->subs[i].opaque, now, r->uv, r->on);
}

static void reg_start_enable(struct pm_rail *r, simtime_t now);
static void reg_go_off(struct pm_rail *r, simtime_t now);

/* The rail's output voltage moved (a ramp step, or the rail came up or went
 * down): the rails it feeds see a new input voltage. */
static void reg_children_vin(struct pm_rail *r, simtime_t now)
{
	struct rail_set *rs = r->rs;
	for (unsigned i = 0; i < rs->n; i++) {
		struct pm_rail *c = rs->rails[i];
		if (c->supply != r)
			continue;
		if (!r->on && reg_active(c))
			reg_go_off(c, now);
		else if (r->on && c->enabled && !reg_active(c))
			reg_start_enable(c, now);
		else
			reg_power(c, now);
	}
}

static void reg_set_uv(struct pm_rail *r, simtime_t now, uint32_t uv)
{
	r->uv = uv;
	trace_state(r->rs->t, now, r->name, "microvolt", uv, NULL);
	reg_power(r, now);
	reg_notify(r, now);
	reg_children_vin(r, now);
}

static void reg_go_on(struct pm_rail *r, simtime_t now)
{
	sched_cancel(r->rs->s, &r->en_ev);
	r->on = true;
	r->uv = r->target;
	trace_state(r->rs->t, now, r->name, "on", 1, NULL);
	trace_state(r->rs->t, now, r->name, "microvolt", r->uv, NULL);
	reg_power(r, now);
	reg_notify(r, now);
	reg_children_vin(r, now);
}

/* Output down at `now` (the switch keeps its position). */
static void reg_go_off(struct pm_rail *r, simtime_t now)
{
	struct sched *s = r->rs->s;
	bool was_on = r->on;
	sched_cancel(s, &r->ramp_ev);
	sched_cancel(s, &r->en_ev);
	sched_cancel(s, &r->off_ev);
	r->on = false;
	r->uv = 0;
	if (was_on) {
		trace_state(r->rs->t, now, r->name, "on", 0, NULL);
		trace_state(r->rs->t, now, r->name, "microvolt", 0, NULL);
	}
	reg_power(r, now);
	if (was_on) {
		reg_notify(r, now);
		reg_children_vin(r, now);
	}
}

static bool reg_supply_up(const struct pm_rail *r)
{
	return !r->supply || r->supply->on;
}

static void reg_start_enable(struct pm_rail *r, simtime_t now)
{
	if (!reg_supply_up(r))
		return;
	if (!r->enable_delay_us) {
		reg_go_on(r, now);
		return;
	}
	sched_schedule(r->rs->s, &r->en_ev, now + (simtime_t)r->enable_delay_us * PS_PER_US);
	reg_power(r, now); /* quiescent current from the start of the soft-start */
}

static void reg_en_done(struct sched_event *ev, simtime_t now)
{
	reg_go_on(container_of(ev, struct pm_rail, en_ev), now);
}

static void reg_off_done(struct sched_event *ev, simtime_t now)
{
	reg_go_off(container_of(ev, struct pm_rail, off_ev), now);
}

/* Magnitude of the ramp after k steps (the last step may be partial when
 * there is no step grid). */
static uint32_t reg_ramp_span(const struct pm_rail *r, uint32_t k)
{
	uint32_t total = r->target > r->ramp_from ? r->target - r->ramp_from
						  : r->ramp_from - r->target;
	if (!r->step_uv)
		return k ? total : 0;
	uint64_t d = (uint64_t)k * r->step_uv;
	return d < total ? (uint32_t)d : total;
}

static uint32_t reg_ramp_steps(const struct pm_rail *r)
{
	uint32_t total = reg_ramp_span(r, UINT32_MAX);
	if (!r->step_uv)
		return 1;
	return (total + r->step_uv - 1) / r->step_uv;
}

/* Time of step k: the voltage covered so far at the ramp rate, rounded up
 * to the picosecond so that a step never arrives early. */
static simtime_t reg_step_time(const struct pm_rail *r, uint32_t k)
{
	uint64_t num = (uint64_t)reg_ramp_span(r, k) * PS_PER_US;
	return r->ramp_t0 + (num + r->ramp_uv_per_us - 1) / r->ramp_uv_per_us;
}

static uint32_t reg_step_uv(const struct pm_rail *r, uint32_t k)
{
	uint32_t d = reg_ramp_span(r, k);
	return r->target > r->ramp_from ? r->ramp_from + d : r->ramp_from - d;
}

static void reg_ramp_step(struct sched_event *ev, simtime_t now)
{
	struct pm_rail *r = container_of(ev, struct pm_rail, ramp_ev);
	r->ramp_k++;
	uint32_t uv = reg_step_uv(r, r->ramp_k);
	/* Schedule the next step before telling anyone, so that a subscriber
	 * asking for the settle time gets the truth. */
	if (uv != r->target)
		sched_schedule(r->rs->s, &r->ramp_ev, reg_step_time(r, r->ramp_k + 1));
	reg_set_uv(r, now, uv);
}

/* Move an up rail from its present voltage to its set-point. A new
 * set-point during a ramp starts a new ramp from the present step, timed
 * from now. */
static void reg_start_ramp(struct pm_rail *r, simtime_t now)
{
	sched_cancel(r->rs->s, &r->ramp_ev);
	r->ramp_end = now;
	if (r->uv == r->target)
		return;
	if (!r->ramp_uv_per_us) {
		reg_set_uv(r, now, r->target);
		return;
	}
	r->ramp_from = r->uv;
	r->ramp_t0 = now;
	r->ramp_k = 0;
	r->ramp_end = reg_step_time(r, reg_ramp_steps(r));
	sched_schedule(r->rs->s, &r->ramp_ev, reg_step_time(r, 1));
}

/* ---- control ----------------------------------------------------------------- */

simtime_t rail_settle_time(const struct pm_rail *r)
{
	simtime_t now = sched_now(r->rs->s);
	if (sched_pending(&r->en_ev))
		return r->en_ev.when;
	if (sched_pending(&r->off_ev))
		return r->off_ev.when;
	if (sched_pending(&r->ramp_ev))
		return r->ramp_end;
	if (r->enabled && !r->on)
		return SIMTIME_NEVER;
	return now;
}

simtime_t rail_set_voltage(struct pm_rail *r, uint32_t microvolt)
{
	if (microvolt < r->min_uv || microvolt > r->max_uv)
		return SIMTIME_NEVER;
	if (r->step_uv && (microvolt - r->min_uv) % r->step_uv)
		return SIMTIME_NEVER;
	if (r->setpoint.fn)
		r->setpoint.fn(r->setpoint.opaque, sched_now(r->rs->s), microvolt, r->on);
	r->target = microvolt;
	if (r->on)
		reg_start_ramp(r, sched_now(r->rs->s));
	return rail_settle_time(r);
}

void rail_watch_setpoint(struct pm_rail *r, rail_notify_fn fn, void *opaque)
{
	r->setpoint = (struct rail_sub){ fn, opaque };
}

simtime_t rail_enable(struct pm_rail *r, bool on)
{
	struct sched *s = r->rs->s;
	simtime_t now = sched_now(s);
	if (on) {
		if (r->enabled)
			return rail_settle_time(r);
		r->enabled = true;
		if (sched_pending(&r->off_ev))
			sched_cancel(s, &r->off_ev); /* still up: stays up */
		else
			reg_start_enable(r, now);
		return rail_settle_time(r);
	}
	if (r->always_on)
		return SIMTIME_NEVER;
	if (!r->enabled)
		return rail_settle_time(r);
	r->enabled = false;
	if (sched_pending(&r->en_ev)) {
		/* Switched off during its soft-start: it never came up. */
		sched_cancel(s, &r->en_ev);
		reg_power(r, now);
	} else if (r->on && r->off_delay_us) {
		sched_schedule(s, &r->off_ev, now + (simtime_t)r->off_delay_us * PS_PER_US);
	} else if (r->on) {
		reg_go_off(r, now);
	}
	return rail_settle_time(r);
}

int rail_subscribe(struct pm_rail *r, rail_notify_fn fn, void *opaque)
{
	if (r->nsubs == r->capsubs) {
		unsigned cap = r->capsubs ? r->capsubs * 2 : 4;
		struct rail_sub *n = realloc(r->subs, cap * sizeof *n);
		if (!n)
			return -1;
		r->subs = n;
		r->capsubs = cap;
	}
	r->subs[r->nsubs++] = (struct rail_sub){ fn, opaque };
	return 0;
}

/* ---- queries ----------------------------------------------------------------- */

const char *rail_name(const struct pm_rail *r) { return r->name; }
bool rail_is_on(const struct pm_rail *r) { return r->on; }
bool rail_is_enabled(const struct pm_rail *r) { return r->enabled; }
uint32_t rail_microvolt(const struct pm_rail *r) { return r->on ? r->uv : 0; }
uint32_t rail_target_microvolt(const struct pm_rail *r) { return r->target; }
uint32_t rail_min_microvolt(const struct pm_rail *r) { return r->min_uv; }
uint32_t rail_max_microvolt(const struct pm_rail *r) { return r->max_uv; }
unsigned rail_count(const struct rail_set *rs) { return rs->n; }

struct pm_rail *rail_at(struct rail_set *rs, unsigned i)
{
	return i < rs->n ? rs->rails[i] : NULL;
}

struct pm_rail *rail_by_name(struct rail_set *rs, const char *name)
{
	for (unsigned i = 0; i < rs->n; i++)
		if (!strcmp(rs->rails[i]->name, name))
			return rs->rails[i];
	return NULL;
}

struct pm_rail *rail_by_node(struct rail_set *rs, int node_off)
{
	for (unsigned i = 0; i < rs->n; i++)
		if (rs->rails[i]->node_off == node_off)
			return rs->rails[i];
	return NULL;
}

struct pm_rail *rail_get(struct rail_set *rs, int node_off, const char *name, struct err *e)
{
	char prop[96], path[256];
	snprintf(prop, sizeof prop, "%s-supply", name);
	if (fdt_get_path(rs->fdt, node_off, path, sizeof path) != 0)
		snprintf(path, sizeof path, "(node at offset %d)", node_off);
	int len;
	const fdt32_t *p = fdt_getprop(rs->fdt, node_off, prop, &len);
	if (!p) {
		errf(e, "%s: missing property '%s'", path, prop);
		return NULL;
	}
	if (len != 4) {
		errf(e, "%s: property '%s' must be one phandle (has %d bytes)", path, prop, len);
		return NULL;
	}
	uint32_t ph = fdt32_to_cpu(*p);
	for (unsigned i = 0; i < rs->n; i++)
		if (rs->rails[i]->phandle == ph)
			return rs->rails[i];
	int target = fdt_node_offset_by_phandle(rs->fdt, ph);
	if (target >= 0 && target == rs->battery_off)
		errf(e, "%s: '%s' names the battery; a consumer draws from a regulator", path,
		     prop);
	else
		errf(e, "%s: '%s' (phandle %u) names no regulator", path, prop, ph);
	return NULL;
}

double rail_out_joules(const struct pm_rail *r, simtime_t now)
{
	return pm_meter_joules(&r->out_m, now);
}

double rail_in_joules(const struct pm_rail *r, simtime_t now)
{
	return pm_meter_joules(&r->in_m, now);
}

double rail_set_battery_joules(const struct rail_set *rs, simtime_t now)
{
	return pm_meter_joules(&rs->battery_m, now);
}

/* The battery's voltage is the input voltage of the rails it feeds: their
 * quiescent power and, for a linear one, its efficiency follow it from
 * `now` on (rails further down see their own supply, which holds its
 * set-point). Nothing else reacts: no brown-out, no dropout of the output. */
void rail_set_battery_microvolt(struct rail_set *rs, simtime_t now, uint32_t uv)
{
	if (uv == rs->battery_uv)
		return;
	rs->battery_uv = uv;
	trace_state(rs->t, now, "battery", "microvolt", uv, NULL);
	for (unsigned i = 0; i < rs->n; i++)
		if (!rs->rails[i]->supply)
			reg_power(rs->rails[i], now);
}

uint32_t rail_set_battery_microvolt_get(const struct rail_set *rs)
{
	return rs->battery_uv;
}

unsigned rail_set_meters(const struct rail_set *rs)
{
	return rs->n;
}

struct pm_meter *rail_out_meter(struct pm_rail *r)
{
	return &r->out_m;
}

struct pm_meter *rail_set_battery_meter(struct rail_set *rs)
{
	return &rs->battery_m;
}

struct pm_meter *rail_set_meter(struct rail_set *rs, unsigned i)
{
	return i < rs->n ? &rs->rails[i]->loss_m : NULL;
}

/* ---- reset --------------------------------------------------------------------- */

/* The reset configuration: always-on and boot-on rails up at their reset
 * set-point (no ramp, no enable delay: the PMIC's power-on sequence is over
 * before the core leaves reset), the others off. Supplies first, so that a
 * rail whose supply stays off stays off. Changes are traced and notified. */
void rail_set_reset(struct rail_set *rs)
{
	simtime_t now = sched_now(rs->s);
	for (unsigned i = 0; i < rs->n; i++) {
		struct pm_rail *r = rs->order[i];
		sched_cancel(rs->s, &r->ramp_ev);
		sched_cancel(rs->s, &r->en_ev);
		sched_cancel(rs->s, &r->off_ev);
		bool was_on = r->on;
		uint32_t was_uv = r->uv;
		r->enabled = r->always_on || r->boot_on;
		r->target = r->reset_uv;
		r->on = r->enabled && reg_supply_up(r);
		r->uv = r->on ? r->target : 0;
		if (r->on != was_on)
			trace_state(rs->t, now, r->name, "on", r->on, NULL);
		if (r->uv != was_uv)
			trace_state(rs->t, now, r->name, "microvolt", r->uv, NULL);
		if (r->on != was_on || r->uv != was_uv)
			reg_notify(r, now);
	}
	/* Leaves first, so each supply sees its loads' final input power. */
	for (unsigned i = rs->n; i-- > 0;)
		reg_power(rs->order[i], now);
}

/* ---- device tree ------------------------------------------------------------- */

static bool reg_node_enabled(const void *fdt, int off)
{
	const char *st = fdt_getprop(fdt, off, "status", NULL);
	return !st || !strcmp(st, "okay") || !strcmp(st, "ok");
}

/* An optional u32 property, with a precise error if it is malformed. */
static int reg_opt_u32(const struct dt_node *n, const char *prop, uint32_t def, uint32_t *out,
		       struct err *e)
{
	if (!dt_bool(n, prop)) {
		*out = def;
		return 0;
	}
	return dt_u32(n, prop, out, e);
}

static int reg_add(struct rail_set *rs, struct pm_rail *r)
{
	struct pm_rail **n = realloc(rs->rails, (rs->n + 1) * sizeof *n);
	if (!n)
		return -1;
	rs->rails = n;
	rs->rails[rs->n++] = r;
	return 0;
}

static int reg_parse(struct rail_set *rs, int off, bool fixed, struct err *e)
{
	struct dt_node n = { .fdt = rs->fdt, .off = off };
	if (fdt_get_path(rs->fdt, off, n.path, sizeof n.path) != 0)
		snprintf(n.path, sizeof n.path, "%s", fdt_get_name(rs->fdt, off, NULL));
	struct pm_rail *r = calloc(1, sizeof *r);
	if (!r || reg_add(rs, r) < 0) {
		free(r);
		return errf(e, "%s: out of memory", n.path);
	}
	r->rs = rs;
	r->node_off = off;
	r->phandle = fdt_get_phandle(rs->fdt, off);
	snprintf(r->path, sizeof r->path, "%s", n.path);
	sched_event_init(&r->ramp_ev, reg_ramp_step, "regulator.ramp");
	sched_event_init(&r->en_ev, reg_en_done, "regulator.enable");
	sched_event_init(&r->off_ev, reg_off_done, "regulator.off");

	const char *name = dt_string(&n, "regulator-name");
	if (dt_bool(&n, "regulator-name") && !name)
		return errf(e, "%s: 'regulator-name' must be a string", n.path);
	if (!name) {
		/* Linux falls back to the node name too; drop the unit address. */
		const char *nn = fdt_get_name(rs->fdt, off, NULL);
		size_t l = strcspn(nn, "@");
		snprintf(r->name, sizeof r->name, "%.*s", (int)l, nn);
	} else {
		if (strlen(name) >= sizeof r->name)
			return errf(e, "%s: 'regulator-name' longer than %zu characters", n.path,
				    sizeof r->name - 1);
		snprintf(r->name, sizeof r->name, "%s", name);
	}
	for (unsigned i = 0; i + 1 < rs->n; i++)
		if (!strcmp(rs->rails[i]->name, r->name))
			return errf(e, "%s: regulator name '%s' is already used by %s", n.path,
				    r->name, rs->rails[i]->path);

	uint32_t uv;
	bool has_uv = dt_bool(&n, "pmsim,microvolt");
	if (has_uv && dt_u32(&n, "pmsim,microvolt", &uv, e) < 0)
		return -1;
	bool has_min = dt_bool(&n, "regulator-min-microvolt");
	bool has_max = dt_bool(&n, "regulator-max-microvolt");
	if (!has_uv && !(has_min && has_max))
		return errf(e, "%s: needs 'regulator-min-microvolt' and 'regulator-max-microvolt' "
			    "or 'pmsim,microvolt'", n.path);
	if (reg_opt_u32(&n, "regulator-min-microvolt", has_uv ? uv : 0, &r->min_uv, e) < 0 ||
	    reg_opt_u32(&n, "regulator-max-microvolt", has_uv ? uv : 0, &r->max_uv, e) < 0)
		return -1;
	if (!r->max_uv)
		return errf(e, "%s: 'regulator-max-microvolt' must not be 0", n.path);
	if (r->min_uv > r->max_uv)
		return errf(e, "%s: 'regulator-min-microvolt' (%u) is above "
			    "'regulator-max-microvolt' (%u)", n.path, r->min_uv, r->max_uv);
	if (fixed && r->min_uv != r->max_uv)
		return errf(e, "%s: a regulator-fixed needs 'regulator-min-microvolt' equal to "
			    "'regulator-max-microvolt' (%u, %u)", n.path, r->min_uv, r->max_uv);
	if (!has_uv) {
		if (r->min_uv != r->max_uv)
			return errf(e, "%s: missing property 'pmsim,microvolt' (the reset set-point, "
				    "needed when min and max differ)", n.path);
		uv = r->min_uv;
	}
	if (uv < r->min_uv || uv > r->max_uv)
		return errf(e, "%s: 'pmsim,microvolt' (%u) is outside %u-%u", n.path, uv,
			    r->min_uv, r->max_uv);
	r->reset_uv = uv;

	if (reg_opt_u32(&n, "pmsim,step-microvolt", 0, &r->step_uv, e) < 0 ||
	    reg_opt_u32(&n, "regulator-ramp-delay", 0, &r->ramp_uv_per_us, e) < 0 ||
	    reg_opt_u32(&n, "pmsim,quiescent-microamp", 0, &r->iq_ua, e) < 0 ||
	    reg_opt_u32(&n, "pmsim,off-delay-us", 0, &r->off_delay_us, e) < 0)
		return -1;
	/* regulator-fixed calls its enable delay startup-delay-us. */
	const char *en_prop = fixed && dt_bool(&n, "startup-delay-us") ? "startup-delay-us"
								    : "regulator-enable-ramp-delay";
	if (reg_opt_u32(&n, en_prop, 0, &r->enable_delay_us, e) < 0)
		return -1;
	if (r->step_uv && (r->reset_uv - r->min_uv) % r->step_uv)
		return errf(e, "%s: the reset set-point %u is not min %u plus a multiple of "
			    "'pmsim,step-microvolt' (%u)", n.path, r->reset_uv, r->min_uv,
			    r->step_uv);

	const char *nodename = fdt_get_name(rs->fdt, off, NULL);
	r->linear = dt_bool(&n, "pmsim,linear") || !strncasecmp(nodename, "ldo", 3);
	bool pc = dt_bool(&n, "pmsim,efficiency-percent");
	bool pm = dt_bool(&n, "pmsim,efficiency-permille");
	if (pc && pm)
		return errf(e, "%s: give 'pmsim,efficiency-percent' or 'pmsim,efficiency-permille', "
			    "not both", n.path);
	if (r->linear && (pc || pm))
		return errf(e, "%s: '%s' on a linear regulator: its efficiency is Vout/Vin",
			    n.path, pc ? "pmsim,efficiency-percent" : "pmsim,efficiency-permille");
	uint32_t eff = 1000;
	if (pc && dt_u32(&n, "pmsim,efficiency-percent", &eff, e) < 0)
		return -1;
	if (pm && dt_u32(&n, "pmsim,efficiency-permille", &eff, e) < 0)
		return -1;
	if (pc && (eff < 1 || eff > 100))
		return errf(e, "%s: 'pmsim,efficiency-percent' must be 1-100 (is %u)", n.path, eff);
	if (pm && (eff < 1 || eff > 1000))
		return errf(e, "%s: 'pmsim,efficiency-permille' must be 1-1000 (is %u)", n.path,
			    eff);
	r->eff_permille = pc ? eff * 10 : eff;

	r->always_on = dt_bool(&n, "regulator-always-on");
	r->boot_on = dt_bool(&n, "regulator-boot-on");
	pm_meter_init(&r->out_m, r->name, "out");
	pm_meter_init(&r->in_m, r->name, "in");
	pm_meter_init(&r->loss_m, r->name, "conversion");
	return 0;
}

/* The regulators of a PMIC: the children of its `regulators` node (the
 * usual Linux layout), or its own children if it has none. */
static int reg_parse_pmic(struct rail_set *rs, int pmic, struct err *e)
{
	int parent = fdt_subnode_offset(rs->fdt, pmic, "regulators");
	if (parent < 0)
		parent = pmic;
	int child;
	fdt_for_each_subnode(child, rs->fdt, parent) {
		if (!reg_node_enabled(rs->fdt, child))
			continue;
		if (reg_parse(rs, child, false, e) < 0)
			return -1;
	}
	return 0;
}

static int reg_resolve(struct rail_set *rs, struct pm_rail *r, struct err *e)
{
	int len;
	const fdt32_t *p = fdt_getprop(rs->fdt, r->node_off, "vin-supply", &len);
	if (!p)
		return 0;
	if (len != 4)
		return errf(e, "%s: 'vin-supply' must be one phandle (has %d bytes)", r->path, len);
	uint32_t ph = fdt32_to_cpu(*p);
	int target = fdt_node_offset_by_phandle(rs->fdt, ph);
	if (target < 0)
		return errf(e, "%s: 'vin-supply' (phandle %u) names no node", r->path, ph);
	if (target == rs->battery_off)
		return 0;
	r->supply = rail_by_node(rs, target);
	if (!r->supply) {
		char tp[256];
		if (fdt_get_path(rs->fdt, target, tp, sizeof tp) != 0)
			snprintf(tp, sizeof tp, "phandle %u", ph);
		return errf(e, "%s: 'vin-supply' names %s, which is neither a regulator nor the "
			    "battery", r->path, tp);
	}
	return 0;
}

static unsigned reg_depth(const struct pm_rail *r)
{
	unsigned d = 0;
	for (const struct pm_rail *p = r->supply; p; p = p->supply)
		d++;
	return d;
}

static int reg_check(struct rail_set *rs, struct err *e)
{
	for (unsigned i = 0; i < rs->n; i++) {
		struct pm_rail *r = rs->rails[i];
		unsigned d = 0;
		for (const struct pm_rail *p = r->supply; p; p = p->supply)
			if (++d > rs->n)
				return errf(e, "%s: 'vin-supply' chain loops back on itself", r->path);
		uint32_t vin_max = r->supply ? r->supply->max_uv : rs->battery_uv;
		if (r->linear && r->max_uv > vin_max)
			return errf(e, "%s: a linear regulator cannot output %u uV from a supply of at "
				    "most %u uV", r->path, r->max_uv, vin_max);
	}
	/* One spare byte so that a tree without regulators is not malloc(0). */
	rs->order = malloc(rs->n * sizeof *rs->order + 1);
	if (!rs->order)
		return errf(e, "regulators: out of memory");
	/* Stable insertion by depth: supplies before the rails they feed. */
	for (unsigned i = 0; i < rs->n; i++) {
		unsigned j = i, d = reg_depth(rs->rails[i]);
		while (j > 0 && reg_depth(rs->order[j - 1]) > d) {
			rs->order[j] = rs->order[j - 1];
			j--;
		}
		rs->order[j] = rs->rails[i];
	}
	return 0;
}

static int reg_parse_battery(struct rail_set *rs, int off, struct err *e)
{
	struct dt_node n = { .fdt = rs->fdt, .off = off };
	if (fdt_get_path(rs->fdt, off, n.path, sizeof n.path) != 0)
		snprintf(n.path, sizeof n.path, "%s", fdt_get_name(rs->fdt, off, NULL));
	if (rs->battery_off >= 0)
		return errf(e, "%s: a second pmsim,battery (pmsim models one battery)", n.path);
	rs->battery_off = off;
	if (dt_u32(&n, "pmsim,microvolt", &rs->battery_uv, e) < 0)
		return -1;
	if (!rs->battery_uv)
		return errf(e, "%s: 'pmsim,microvolt' must not be 0", n.path);
	return 0;
}

struct rail_set *rail_set_new(const void *fdt, struct sched *s, struct trace *t,
			      struct err *e)
{
	struct rail_set *rs = calloc(1, sizeof *rs);
	if (!rs) {
		errf(e, "regulators: out of memory");
		return NULL;
	}
	rs->fdt = fdt;
	rs->s = s;
	rs->t = t;
	rs->battery_off = -1;
	rs->battery_uv = REG_DEFAULT_BATTERY_UV;
	pm_meter_init(&rs->battery_m, "battery", "drawn");
	rs->battery_m.since = sched_now(s);

	int off;
	for (off = fdt_next_node(fdt, -1, NULL); off >= 0; off = fdt_next_node(fdt, off, NULL)) {
		if (!reg_node_enabled(fdt, off))
			continue;
		int rc = 0;
		if (!fdt_node_check_compatible(fdt, off, "pmsim,battery"))
			rc = reg_parse_battery(rs, off, e);
		else if (!fdt_node_check_compatible(fdt, off, "regulator-fixed"))
			rc = reg_parse(rs, off, true, e);
		else if (!fdt_node_check_compatible(fdt, off, "pmsim,pmic"))
			rc = reg_parse_pmic(rs, off, e);
		if (rc < 0)
			goto fail;
	}
	for (unsigned i = 0; i < rs->n; i++)
		if (reg_resolve(rs, rs->rails[i], e) < 0)
			goto fail;
	if (reg_check(rs, e) < 0)
		goto fail;

	simtime_t now = sched_now(s);
	for (unsigned i = 0; i < rs->n; i++) {
		struct pm_rail *r = rs->rails[i];
		r->out_m.since = r->in_m.since = r->loss_m.since = now;
	}
	rail_set_reset(rs);
	/* The initial state of the battery and of every rail, for sinks that
	 * tabulate from 0. */
	trace_state(t, now, "battery", "microvolt", rs->battery_uv, NULL);
	for (unsigned i = 0; i < rs->n; i++) {
		struct pm_rail *r = rs->rails[i];
		if (!r->on) {
			trace_state(t, now, r->name, "on", 0, NULL);
			trace_state(t, now, r->name, "microvolt", 0, NULL);
		}
	}
	return rs;
fail:
	rail_set_free(rs);
	return NULL;
}

void rail_set_free(struct rail_set *rs)
{
	if (!rs)
		return;
	for (unsigned i = 0; i < rs->n; i++) {
		struct pm_rail *r = rs->rails[i];
		sched_cancel(rs->s, &r->ramp_ev);
		sched_cancel(rs->s, &r->en_ev);
		sched_cancel(rs->s, &r->off_ev);
		free(r->subs);
		free(r);
	}
	free(rs->rails);
	free(rs->order);
	free(rs);
}

/* One rail for `pmsim info`: enough to check its input energy by hand. */
void rail_describe(const struct pm_rail *r, FILE *f)
{
	fprintf(f, "    %s: %u mV at reset", r->name, r->reset_uv / 1000);
	if (r->min_uv != r->max_uv)
		fprintf(f, " (%u-%u mV)", r->min_uv / 1000, r->max_uv / 1000);
	if (r->linear)
		fprintf(f, ", linear: efficiency Vout/Vin");
	else
		fprintf(f, ", switching: %u.%u %% efficient", r->eff_permille / 10,
			r->eff_permille % 10);
	fprintf(f, ", %u uA quiescent, from ", r->iq_ua);
	if (r->supply)
		fprintf(f, "%s\n", r->supply->name);
	else
		fprintf(f, "the battery (%u mV)\n", r->rs->battery_uv / 1000);
}
