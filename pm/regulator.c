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
 * linear regulator (LDO) passes its load current through, so its
 * efficiency is Vout / Vin at the present voltages. A switching one (buck)
 * runs in PWM (forced continuous conduction: good at heavy load, poor at
 * light load, milliamps of quiescent current) or PFM (pulse skipping: good
 * at light load, microamps of quiescent current), each with an efficiency
 * curve over the output current I = out / Vout (`pmsim,pwm-efficiency`,
 * `pmsim,pfm-efficiency`: µA/‰ points, linear between points, flat below
 * the first and beyond the last, where one diagnostic says the load left
 * the curve). In AUTO it picks PFM below `pmsim,pfm-threshold-microamp`
 * and PWM at or above it, going back to PFM only below REG_AUTO_HYST of
 * the threshold so that a load hovering at the threshold does not make
 * it chatter. The old single figure (`pmsim,efficiency-percent` or
 * `-permille`) is a flat PWM curve and no PFM. The operating point (mode
 * and efficiency) is taken at a periodic tick from the average output
 * current since the previous one (reg_tick says why); the input power is
 * recomputed from the rail's whole output at every change of a load and
 * at every tick. Every change of any of these powers is integrated at the
 * moment it happens, in the rail's out, in and loss meters and in the
 * battery's; nothing is sampled.
 *
 * Capacitance: charging the rail's decoupling capacitance
 * (`pmsim,output-capacitance-nanofarad`) from V1 to V2 (a ramp step up, or
 * an enable from 0) takes ½·C·(V2² − V1²), a discrete energy on the rail's
 * "charge" meter, drawn through the regulator like any load; going down
 * dumps the stored charge into the load and the ground (no draw).
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
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pm/battery.h"
#include "pm/meter.h"
#include "sim/dt.h"

/* A battery node is optional (a SoC description without power modelling
 * still needs its rails to work); without one the rails draw from a
 * Li-ion cell at its nominal voltage. */
#define REG_DEFAULT_BATTERY_UV 3700000u

/* Points of one efficiency curve: enough for a datasheet's plot read at
 * the usual decades and half-decades. */
#define REG_CURVE_MAX 16

/* AUTO goes back from PWM to PFM below this fraction of the threshold:
 * real controllers leave PFM when the inductor current stays continuous
 * and re-enter it only well below that point. */
#define REG_AUTO_HYST 0.8

/* The tick of curved regulators (reg_tick) without a battery that sets
 * its own step: a millisecond, well below any firmware's idle periods and
 * far above a converter's own control loop. */
#define REG_TICK_PS PS_PER_MS

/* An efficiency curve: output current (A, strictly increasing) and
 * efficiency (0-1]. */
struct reg_curve {
	unsigned n;
	double amps[REG_CURVE_MAX];
	double eff[REG_CURVE_MAX];
};

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
	uint32_t iq_ua;            /* linear regulators */
	bool always_on, boot_on, linear;
	/* Switching regulators, indexed by RAIL_MODE_PWM and _PFM. */
	struct reg_curve curve[RAIL_NMODES];
	uint32_t iq_mode_ua[RAIL_NMODES];
	uint32_t pfm_threshold_ua;
	bool has_pfm, legacy_eff;
	unsigned allowed;          /* bit per RAIL_MODE_* */
	unsigned init_mode;
	double cap_f;              /* output capacitance */

	/* State. `enabled` is the switch; `on` is the output being up. */
	bool enabled, on;
	unsigned mode, op;         /* asked for; running in (switching) */
	bool beyond_curve;         /* the diagnostic was given */
	/* The operating point, from the last tick (reg_tick): the average
	 * output current over it and the efficiency the curve gives there. */
	double avg_amps, eff;
	double tick_out_j;         /* out at the last tick */
	uint32_t uv, target;
	uint32_t ramp_from;
	simtime_t ramp_t0, ramp_end;
	uint32_t ramp_k;
	struct sched_event ramp_ev, en_ev, off_ev;

	/* Power. */
	double load_w;             /* sum of the meters attached */
	double in_w;               /* as last integrated; what the supply sees */
	struct pm_meter out_m, in_m, loss_m;
	struct pm_meter charge_m;  /* attached to the rail itself */
	/* Per operating mode: seconds up in it (a meter of 1 W while it runs
	 * in that mode, so that a late load change moves the mode's time
	 * exactly as it moves the energies) and conversion loss. */
	struct pm_meter mode_t[RAIL_NMODES], mode_loss[RAIL_NMODES];

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
	struct pm_battery *bat;    /* NULL: an ideal source */
	struct pm_meter battery_m;
	struct pm_rail **rails;    /* device-tree order */
	struct pm_rail **order;    /* supplies before the rails they feed */
	unsigned n;
	struct rail_hooks hooks;
	/* The periodic tick: operating points of curved regulators, and the
	 * battery's steps. */
	struct sched_event tick_ev;
	simtime_t tick_period, tick_t;
	bool curves;               /* some regulator has a curve to follow */
	bool in_tick;
};

static void reg_power(struct pm_rail *r, simtime_t now);
static void reg_tick_resume(struct rail_set *rs);

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

static double reg_vout(const struct pm_rail *r)
{
	return (r->on ? r->uv : r->target) * 1e-6;
}

/* The curve's efficiency at `amps`: linear between points, the first
 * point's below it (the quiescent draw, accounted apart, is what makes a
 * real converter poor there), the last point's beyond it. */
static double reg_curve_at(const struct reg_curve *c, double amps)
{
	if (amps <= c->amps[0])
		return c->eff[0];
	for (unsigned i = 1; i < c->n; i++)
		if (amps <= c->amps[i]) {
			double f = (amps - c->amps[i - 1]) / (c->amps[i] - c->amps[i - 1]);
			return c->eff[i - 1] + f * (c->eff[i] - c->eff[i - 1]);
		}
	return c->eff[c->n - 1];
}

/* The efficiency at an output power of `out_w`. */
static double reg_efficiency_at(const struct pm_rail *r, double out_w)
{
	if (!r->linear)
		return r->eff;
	double vin = reg_vin(r);
	double vout = reg_vout(r);
	/* Vout above Vin is dropout: the pass transistor is fully on and the
	 * load current still flows through it, with no loss to speak of. */
	if (vin <= 0.0 || vout <= 0.0 || vout >= vin)
		return 1.0;
	return vout / vin;
}

static void reg_diag(struct rail_set *rs, simtime_t t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void reg_diag(struct rail_set *rs, simtime_t t, const char *fmt, ...)
{
	if (!rs->hooks.diag)
		return;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	rs->hooks.diag(rs->hooks.opaque, t, msg);
}

/* The operating mode for an average output current of `amps`: the one
 * asked for, or in AUTO the threshold rule with its hysteresis; then the
 * efficiency its curve gives there. A change of mode is traced (value
 * RAIL_MODE_*, labelled with the mode's name). */
static void reg_set_point(struct pm_rail *r, simtime_t now, double amps)
{
	unsigned op = r->mode;
	if (op == RAIL_MODE_AUTO) {
		double th = r->pfm_threshold_ua * 1e-6;
		op = r->op;
		/* The average comes from energies and times: a load set at
		 * the threshold lands a few ulps either side of it. */
		if (amps >= th * (1.0 - 1e-9))
			op = RAIL_MODE_PWM;
		else if (amps < th * REG_AUTO_HYST * (1.0 - 1e-9))
			op = RAIL_MODE_PFM;
	}
	if (op != r->op) {
		r->op = op;
		trace_state(r->rs->t, now, r->name, "mode", op, rail_mode_name(op));
	}
	const struct reg_curve *c = &r->curve[op];
	/* A relative margin: a load summed from its changes lands a few ulps
	 * off the point it was meant to sit on. */
	if (!r->beyond_curve && amps > c->amps[c->n - 1] * (1.0 + 1e-9)) {
		r->beyond_curve = true;
		reg_diag(r->rs, now, "load beyond %s's efficiency curve: %.6g mA on average in %s "
			 "mode, the curve ends at %.6g mA (its last efficiency is used)", r->name,
			 amps * 1e3, rail_mode_name(op), c->amps[c->n - 1] * 1e3);
	}
	r->avg_amps = amps;
	r->eff = reg_curve_at(c, amps);
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
	double in = out / reg_efficiency_at(r, out);
	/* An active regulator always has its supply up: a supply going down
	 * takes the rails it feeds down with it (reg_children_vin). */
	bool active = reg_active(r);
	if (active)
		in += (r->linear ? r->iq_ua : r->iq_mode_ua[r->op]) * 1e-6 * reg_vin(r);
	pm_meter_set_from(&r->out_m, now, out);
	pm_meter_set_from(&r->in_m, now, in);
	pm_meter_set_from(&r->loss_m, now, in - out);
	reg_tick_resume(rs);
	if (!r->linear)
		for (unsigned k = RAIL_MODE_PWM; k <= RAIL_MODE_PFM; k++) {
			bool in_k = active && r->op == k;
			pm_meter_set_from(&r->mode_t[k], now, in_k ? 1.0 : 0.0);
			pm_meter_set_from(&r->mode_loss[k], now, in_k ? in - out : 0.0);
		}
	if (in == r->in_w)
		return;
	r->in_w = in;
	if (r->supply)
		reg_power(r->supply, now);
	else
		reg_battery_update(rs, now);
}

/* ---- the tick ------------------------------------------------------------------- */

/* A curved regulator's operating point is taken again at every tick, from
 * its average output current since the previous one. Not at every change
 * of its load: the core's cycles are booked late and in lumps (pm/pmu.c),
 * so an efficiency read at each change would not see the core's dynamic
 * power at all. At the tick every lazily booked energy is first brought
 * up to the tick (rail_set_energy_now), so the average includes it.
 * Between ticks the input power is linear in the loads, and a discrete
 * energy is converted at the present efficiency like any other.
 *
 * What this cannot give is a result independent of who observes the run:
 * the core's lumps are booked when someone asks (a timeline at each of its
 * records, a report), and a lump booked on one side of a tick rather than
 * the other is converted at another efficiency. A SoC with curved
 * regulators (or a battery with a capacity) is deterministic, but a run
 * observed by a timeline or paused by a scenario may differ from the plain
 * run in its last digits (docs/power.md). */
static bool reg_curved(const struct pm_rail *r)
{
	return !r->linear && !r->legacy_eff;
}

static bool reg_tick_needed(const struct rail_set *rs)
{
	return rs->curves || (rs->bat && battery_running(rs->bat));
}

/* A parked tick (nothing could happen) comes back with the next change of
 * a load, at its next multiple of the period: its first tick then
 * averages over the whole span it was parked. */
static void reg_tick_resume(struct rail_set *rs)
{
	if (rs->in_tick || !rs->tick_period || sched_pending(&rs->tick_ev) ||
	    !reg_tick_needed(rs))
		return;
	simtime_t now = sched_now(rs->s);
	simtime_t k = now > rs->tick_t ? (now - rs->tick_t) / rs->tick_period + 1 : 1;
	sched_schedule(rs->s, &rs->tick_ev, rs->tick_t + k * rs->tick_period);
}

static void reg_tick(struct sched_event *ev, simtime_t now)
{
	struct rail_set *rs = container_of(ev, struct rail_set, tick_ev);
	rs->in_tick = true;
	rail_set_energy_now(rs, now);
	double dt = (double)(now - rs->tick_t) * 1e-12;
	/* Leaves first: a supply's new input power includes its dependants'. */
	for (unsigned i = rs->n; i-- > 0;) {
		struct pm_rail *r = rs->order[i];
		if (!reg_curved(r))
			continue;
		double out_j = pm_meter_joules(&r->out_m, now), v = reg_vout(r);
		double amps = dt > 0.0 && v > 0.0 ? (out_j - r->tick_out_j) / dt / v : 0.0;
		r->tick_out_j = out_j;
		if (amps < 0.0)
			amps = 0.0; /* a late correction downwards */
		reg_set_point(r, now, amps);
		reg_power(r, now);
	}
	rs->tick_t = now;
	if (rs->bat)
		battery_step(rs->bat, now);
	rs->in_tick = false;
	/* Only while something else can still happen: a guest asleep with
	 * nothing to wake it ends its run rather than being kept going by
	 * the tick alone. Parked, it resumes with the next change of a load
	 * (reg_tick_resume). */
	if (reg_tick_needed(rs) && (!sched_only_background(rs->s) || rail_set_alive(rs)))
		sched_schedule(rs->s, &rs->tick_ev, now + rs->tick_period);
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
		double in = joules / reg_efficiency_at(r, r->out_m.watts);
		pm_meter_add(&r->out_m, now, joules);
		pm_meter_add(&r->in_m, now, in);
		pm_meter_add(&r->loss_m, now, in - joules);
		if (!r->linear)
			pm_meter_add(&r->mode_loss[r->op], now, in - joules);
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

/* Charging the output capacitance from v1 to v2 µV (nothing going down:
 * the stored energy goes into the load and the ground). */
static void reg_charge(struct pm_rail *r, simtime_t now, uint32_t v1, uint32_t v2)
{
	if (r->cap_f <= 0.0 || v2 <= v1)
		return;
	double a = v1 * 1e-6, b = v2 * 1e-6;
	pm_meter_add(&r->charge_m, now, 0.5 * r->cap_f * (b * b - a * a));
}

static void reg_set_uv(struct pm_rail *r, simtime_t now, uint32_t uv)
{
	uint32_t was = r->uv;
	r->uv = uv;
	trace_state(r->rs->t, now, r->name, "microvolt", uv, NULL);
	reg_power(r, now);
	reg_charge(r, now, was, uv);
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
	reg_charge(r, now, 0, r->uv);
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

/* The loss meters, then the charge meters (a load of each rail). */
unsigned rail_set_meters(const struct rail_set *rs)
{
	return 2 * rs->n;
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
	if (i < rs->n)
		return &rs->rails[i]->loss_m;
	return i < 2 * rs->n ? &rs->rails[i - rs->n]->charge_m : NULL;
}

void rail_set_hooks(struct rail_set *rs, const struct rail_hooks *h)
{
	rs->hooks = h ? *h : (struct rail_hooks){ 0 };
}

void rail_set_power_fail(struct rail_set *rs, simtime_t t, const char *msg)
{
	if (rs->hooks.power_fail)
		rs->hooks.power_fail(rs->hooks.opaque, t, msg);
}

double rail_set_energy_now(struct rail_set *rs, simtime_t now)
{
	return rs->hooks.energy_now ? rs->hooks.energy_now(rs->hooks.opaque, now)
				    : rail_set_battery_joules(rs, now);
}

bool rail_set_alive(const struct rail_set *rs)
{
	return !rs->hooks.alive || rs->hooks.alive(rs->hooks.opaque);
}

struct pm_battery *rail_set_battery(struct rail_set *rs)
{
	return rs->bat;
}

/* ---- modes and efficiency -------------------------------------------------------- */

const char *rail_mode_name(unsigned mode)
{
	static const char *const names[RAIL_NMODES] = { "auto", "pwm", "pfm" };
	return mode < RAIL_NMODES ? names[mode] : "?";
}

int rail_set_mode(struct pm_rail *r, unsigned mode)
{
	if (r->linear || mode >= RAIL_NMODES || !(r->allowed & (1u << mode)))
		return -1;
	simtime_t now = sched_now(r->rs->s);
	r->mode = mode;
	reg_set_point(r, now, r->avg_amps);
	reg_power(r, now);
	return 0;
}

unsigned rail_mode(const struct pm_rail *r) { return r->linear ? 0 : r->mode; }
unsigned rail_op_mode(const struct pm_rail *r) { return r->linear ? 0 : r->op; }
bool rail_is_linear(const struct pm_rail *r) { return r->linear; }
double rail_capacitance_farad(const struct pm_rail *r) { return r->cap_f; }

double rail_efficiency(const struct pm_rail *r)
{
	return reg_efficiency_at(r, r->out_m.watts);
}

double rail_curve_efficiency(const struct pm_rail *r, unsigned op, double amps)
{
	if (r->linear)
		return reg_efficiency_at(r, 0.0);
	if (op == RAIL_MODE_AUTO) {
		op = r->mode;
		if (op == RAIL_MODE_AUTO)
			op = amps >= r->pfm_threshold_ua * 1e-6 ? RAIL_MODE_PWM : RAIL_MODE_PFM;
	}
	if (op != RAIL_MODE_PWM && op != RAIL_MODE_PFM)
		return 0.0;
	const struct reg_curve *c = &r->curve[op];
	return c->n ? reg_curve_at(c, amps) : 0.0;
}

double rail_mode_seconds(const struct pm_rail *r, unsigned op, simtime_t now)
{
	return r->linear || op >= RAIL_NMODES ? 0.0 : pm_meter_joules(&r->mode_t[op], now);
}

double rail_mode_loss_joules(const struct pm_rail *r, unsigned op, simtime_t now)
{
	return r->linear || op >= RAIL_NMODES ? 0.0 : pm_meter_joules(&r->mode_loss[op], now);
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
		if (!r->linear) {
			/* AUTO starts in PFM, at the last tick's average current:
			 * the next tick moves it to PWM if the load asks for it. */
			r->mode = r->init_mode;
			if (r->mode == RAIL_MODE_AUTO && r->op != RAIL_MODE_PFM) {
				r->op = RAIL_MODE_PFM;
				trace_state(rs->t, now, r->name, "mode", r->op,
					    rail_mode_name(r->op));
			}
			reg_set_point(r, now, r->avg_amps);
		}
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

/* An efficiency curve `prop` = <uA permille ...>: at least one point,
 * currents strictly increasing, efficiencies 1-1000 ‰. */
static int reg_parse_curve(const struct dt_node *n, const char *prop, struct reg_curve *c,
			   struct err *e)
{
	int pairs = dt_pairs(n, prop, REG_CURVE_MAX, "microamp permille", e);
	if (pairs < 0)
		return -1;
	c->n = (unsigned)pairs;
	for (unsigned i = 0; i < c->n; i++) {
		uint32_t ua = dt_cell(n, prop, 2 * (int)i);
		uint32_t pm = dt_cell(n, prop, 2 * (int)i + 1);
		/* A cell written as a negative number, <(-5)>, arrives as 2^32 - 5. */
		if (ua > INT32_MAX)
			return errf(e, "%s: '%s' point %u: the current %d uA is negative", n->path,
				    prop, i, (int32_t)ua);
		if (pm < 1 || pm > 1000)
			return errf(e, "%s: '%s' point %u: efficiency %u permille is not 1-1000",
				    n->path, prop, i, pm);
		if (i && ua / 1e6 <= c->amps[i - 1])
			return errf(e, "%s: '%s' point %u: %u uA is not above the previous point's "
				    "current (points must be sorted by current)", n->path, prop, i,
				    ua);
		c->amps[i] = ua / 1e6;
		c->eff[i] = pm / 1000.0;
	}
	return 0;
}

/* The efficiency of a switching regulator: per-mode curves and quiescent
 * currents, or the old single figure (a flat PWM curve, no PFM). */
static int reg_parse_efficiency(struct pm_rail *r, const struct dt_node *n, struct err *e)
{
	static const char *const props[] = {
		"pmsim,efficiency-percent", "pmsim,efficiency-permille", "pmsim,pwm-efficiency",
		"pmsim,pfm-efficiency", "pmsim,pwm-quiescent-microamp",
		"pmsim,pfm-quiescent-microamp", "pmsim,pfm-threshold-microamp",
	};
	if (dt_u32_nonneg_opt(n, "pmsim,quiescent-microamp", 0, &r->iq_ua, e) < 0)
		return -1;
	if (r->linear) {
		for (unsigned i = 0; i < sizeof props / sizeof props[0]; i++)
			if (dt_bool(n, props[i]))
				return errf(e, "%s: '%s' on a linear regulator: its efficiency is "
					    "Vout/Vin", n->path, props[i]);
		return 0;
	}
	bool pc = dt_bool(n, "pmsim,efficiency-percent");
	bool pm = dt_bool(n, "pmsim,efficiency-permille");
	bool pwm = dt_bool(n, "pmsim,pwm-efficiency");
	bool pfm = dt_bool(n, "pmsim,pfm-efficiency");
	if (pc && pm)
		return errf(e, "%s: give 'pmsim,efficiency-percent' or 'pmsim,efficiency-permille', "
			    "not both", n->path);
	if ((pc || pm) && (pwm || pfm))
		return errf(e, "%s: '%s' with '%s': give a single efficiency or the curves, not "
			    "both", n->path, pc ? "pmsim,efficiency-percent"
						: "pmsim,efficiency-permille",
			    pwm ? "pmsim,pwm-efficiency" : "pmsim,pfm-efficiency");
	if (pfm && !pwm)
		return errf(e, "%s: 'pmsim,pfm-efficiency' needs 'pmsim,pwm-efficiency' too",
			    n->path);
	if (dt_u32_nonneg_opt(n, "pmsim,pwm-quiescent-microamp", r->iq_ua,
			&r->iq_mode_ua[RAIL_MODE_PWM], e) < 0 ||
	    dt_u32_nonneg_opt(n, "pmsim,pfm-quiescent-microamp", r->iq_ua,
			&r->iq_mode_ua[RAIL_MODE_PFM], e) < 0)
		return -1;
	if (pwm) {
		if (reg_parse_curve(n, "pmsim,pwm-efficiency", &r->curve[RAIL_MODE_PWM], e) < 0)
			return -1;
	} else {
		uint32_t eff = 1000;
		if (pc && dt_u32(n, "pmsim,efficiency-percent", &eff, e) < 0)
			return -1;
		if (pm && dt_u32(n, "pmsim,efficiency-permille", &eff, e) < 0)
			return -1;
		if (pc && (eff < 1 || eff > 100))
			return errf(e, "%s: 'pmsim,efficiency-percent' must be 1-100 (is %u)", n->path,
				    eff);
		if (pm && (eff < 1 || eff > 1000))
			return errf(e, "%s: 'pmsim,efficiency-permille' must be 1-1000 (is %u)",
				    n->path, eff);
		struct reg_curve *c = &r->curve[RAIL_MODE_PWM];
		c->n = 1;
		c->eff[0] = (pc ? eff * 10 : eff) / 1000.0;
		r->legacy_eff = true;
	}
	r->has_pfm = pfm;
	if (pfm) {
		if (reg_parse_curve(n, "pmsim,pfm-efficiency", &r->curve[RAIL_MODE_PFM], e) < 0)
			return -1;
		if (!dt_bool(n, "pmsim,pfm-threshold-microamp"))
			return errf(e, "%s: 'pmsim,pfm-efficiency' needs "
				    "'pmsim,pfm-threshold-microamp' (where AUTO changes mode)",
				    n->path);
		if (dt_u32(n, "pmsim,pfm-threshold-microamp", &r->pfm_threshold_ua, e) < 0)
			return -1;
	} else if (dt_bool(n, "pmsim,pfm-threshold-microamp") ||
		   dt_bool(n, "pmsim,pfm-quiescent-microamp")) {
		return errf(e, "%s: '%s' without 'pmsim,pfm-efficiency'", n->path,
			    dt_bool(n, "pmsim,pfm-threshold-microamp")
				    ? "pmsim,pfm-threshold-microamp"
				    : "pmsim,pfm-quiescent-microamp");
	}
	return 0;
}

/* regulator-allowed-modes and regulator-initial-mode, in RAIL_MODE_*
 * numbers. AUTO and PFM need a PFM curve. Without an allowed list only the
 * initial mode is allowed (Linux: no REGULATOR_CHANGE_MODE); the initial
 * mode defaults to AUTO when there is a PFM curve, else PWM. */
static int reg_parse_modes(struct pm_rail *r, const struct dt_node *n, struct err *e)
{
	bool has_allowed = dt_bool(n, "regulator-allowed-modes");
	bool has_init = dt_bool(n, "regulator-initial-mode");
	if (r->linear) {
		if (has_allowed || has_init)
			return errf(e, "%s: '%s' on a linear regulator, which has no modes", n->path,
				    has_allowed ? "regulator-allowed-modes" : "regulator-initial-mode");
		return 0;
	}
	unsigned avail = 1u << RAIL_MODE_PWM;
	if (r->has_pfm)
		avail |= 1u << RAIL_MODE_AUTO | 1u << RAIL_MODE_PFM;
	r->init_mode = r->has_pfm ? RAIL_MODE_AUTO : RAIL_MODE_PWM;
	if (has_init) {
		uint32_t m;
		if (dt_u32(n, "regulator-initial-mode", &m, e) < 0)
			return -1;
		if (m >= RAIL_NMODES)
			return errf(e, "%s: 'regulator-initial-mode' %u is not a mode (0 auto, 1 pwm, "
				    "2 pfm)", n->path, m);
		if (!(avail & (1u << m)))
			return errf(e, "%s: 'regulator-initial-mode' %s needs "
				    "'pmsim,pfm-efficiency'", n->path, rail_mode_name(m));
		r->init_mode = m;
	}
	if (!has_allowed) {
		r->allowed = 1u << r->init_mode;
		return 0;
	}
	int cells = dt_cells(n, "regulator-allowed-modes");
	if (cells <= 0)
		return errf(e, "%s: 'regulator-allowed-modes' must be a list of modes", n->path);
	for (int i = 0; i < cells; i++) {
		uint32_t m = dt_cell(n, "regulator-allowed-modes", i);
		if (m >= RAIL_NMODES)
			return errf(e, "%s: 'regulator-allowed-modes' entry %d (%u) is not a mode "
				    "(0 auto, 1 pwm, 2 pfm)", n->path, i, m);
		if (!(avail & (1u << m)))
			return errf(e, "%s: 'regulator-allowed-modes' lists %s, which needs "
				    "'pmsim,pfm-efficiency'", n->path, rail_mode_name(m));
		r->allowed |= 1u << m;
	}
	if (!has_init && !(r->allowed & (1u << r->init_mode)))
		for (r->init_mode = 0; !(r->allowed & (1u << r->init_mode)); r->init_mode++)
			;
	if (!(r->allowed & (1u << r->init_mode)))
		return errf(e, "%s: 'regulator-initial-mode' (%s) is not in "
			    "'regulator-allowed-modes'", n->path, rail_mode_name(r->init_mode));
	return 0;
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
	if (dt_u32_nonneg_opt(&n, "regulator-min-microvolt", has_uv ? uv : 0, &r->min_uv, e) < 0 ||
	    dt_u32_nonneg_opt(&n, "regulator-max-microvolt", has_uv ? uv : 0, &r->max_uv, e) < 0)
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

	if (dt_u32_nonneg_opt(&n, "pmsim,step-microvolt", 0, &r->step_uv, e) < 0 ||
	    dt_u32_nonneg_opt(&n, "regulator-ramp-delay", 0, &r->ramp_uv_per_us, e) < 0 ||
	    dt_u32_nonneg_opt(&n, "pmsim,off-delay-us", 0, &r->off_delay_us, e) < 0)
		return -1;
	/* regulator-fixed calls its enable delay startup-delay-us. */
	const char *en_prop = fixed && dt_bool(&n, "startup-delay-us") ? "startup-delay-us"
								    : "regulator-enable-ramp-delay";
	if (dt_u32_nonneg_opt(&n, en_prop, 0, &r->enable_delay_us, e) < 0)
		return -1;
	if (r->step_uv && (r->reset_uv - r->min_uv) % r->step_uv)
		return errf(e, "%s: the reset set-point %u is not min %u plus a multiple of "
			    "'pmsim,step-microvolt' (%u)", n.path, r->reset_uv, r->min_uv,
			    r->step_uv);

	const char *nodename = fdt_get_name(rs->fdt, off, NULL);
	r->linear = dt_bool(&n, "pmsim,linear") || !strncasecmp(nodename, "ldo", 3);
	if (reg_parse_efficiency(r, &n, e) < 0 || reg_parse_modes(r, &n, e) < 0)
		return -1;
	uint32_t nf;
	if (dt_u32_nonneg_opt(&n, "pmsim,output-capacitance-nanofarad", 0, &nf, e) < 0)
		return -1;
	r->cap_f = nf * 1e-9;

	r->always_on = dt_bool(&n, "regulator-always-on");
	r->boot_on = dt_bool(&n, "regulator-boot-on");
	pm_meter_init(&r->out_m, r->name, "out");
	pm_meter_init(&r->in_m, r->name, "in");
	pm_meter_init(&r->loss_m, r->name, "conversion");
	pm_meter_init(&r->charge_m, r->name, "charge");
	r->charge_m.rail = r;
	for (unsigned k = 0; k < RAIL_NMODES; k++) {
		pm_meter_init(&r->mode_t[k], r->name, "mode time");
		pm_meter_init(&r->mode_loss[k], r->name, "mode loss");
	}
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
	/* With a capacity, a cell (pm/battery.c) whose open-circuit voltage
	 * comes from its OCV table, or from pmsim,microvolt without one;
	 * without, the ideal source of old descriptions. */
	bool cell = dt_bool(&n, "charge-full-design-microamp-hours");
	uint32_t uv = 0;
	if (cell && !dt_bool(&n, "pmsim,microvolt")) {
		uv = 0;
	} else {
		if (dt_u32(&n, "pmsim,microvolt", &uv, e) < 0)
			return -1;
		if (!uv)
			return errf(e, "%s: 'pmsim,microvolt' must not be 0", n.path);
	}
	if (!cell) {
		rs->battery_uv = uv;
		return 0;
	}
	rs->bat = battery_new(rs, rs->fdt, off, uv, rs->s, rs->t, e);
	if (!rs->bat)
		return -1;
	rs->battery_uv = battery_initial_microvolt(rs->bat);
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
	sched_event_init(&rs->tick_ev, reg_tick, "regulator.tick");
	rs->tick_ev.background = true;

	int off;
	for (off = fdt_next_node(fdt, -1, NULL); off >= 0; off = fdt_next_node(fdt, off, NULL)) {
		if (!reg_node_enabled(fdt, off))
			continue;
		int rc = 0;
		if (!fdt_node_check_compatible(fdt, off, "pmsim,battery") ||
		    !fdt_node_check_compatible(fdt, off, "simple-battery"))
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
		r->out_m.since = r->in_m.since = r->loss_m.since = r->charge_m.since = now;
		for (unsigned k = 0; k < RAIL_NMODES; k++)
			r->mode_t[k].since = r->mode_loss[k].since = now;
		/* Not yet traced: rail_set_reset traces a change only. */
		r->op = RAIL_MODE_AUTO;
		rs->curves |= reg_curved(r);
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
	if (rs->bat)
		battery_start(rs->bat);
	rs->tick_t = now;
	rs->tick_period = rs->bat ? battery_step_ps(rs->bat) : REG_TICK_PS;
	if (rs->curves || rs->bat)
		sched_schedule(s, &rs->tick_ev, now + rs->tick_period);
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
	sched_cancel(rs->s, &rs->tick_ev);
	battery_free(rs->bat);
	free(rs->rails);
	free(rs->order);
	free(rs);
}

/* One rail for `pmsim info`: enough to check its input energy by hand.
 * A switching regulator's curves follow on a line per mode. */
void rail_describe(const struct pm_rail *r, FILE *f)
{
	fprintf(f, "    %s: %u mV at reset", r->name, r->reset_uv / 1000);
	if (r->min_uv != r->max_uv)
		fprintf(f, " (%u-%u mV)", r->min_uv / 1000, r->max_uv / 1000);
	if (r->linear)
		fprintf(f, ", linear: efficiency Vout/Vin, %u uA quiescent", r->iq_ua);
	else if (r->legacy_eff)
		fprintf(f, ", switching: %.1f %% efficient, %u uA quiescent",
			r->curve[RAIL_MODE_PWM].eff[0] * 100, r->iq_mode_ua[RAIL_MODE_PWM]);
	else if (r->has_pfm)
		fprintf(f, ", switching, %s mode (pfm below %g mA)", rail_mode_name(r->init_mode),
			r->pfm_threshold_ua / 1000.0);
	else
		fprintf(f, ", switching, pwm");
	if (r->cap_f > 0.0)
		fprintf(f, ", %g uF", r->cap_f * 1e6);
	if (r->supply)
		fprintf(f, ", from %s\n", r->supply->name);
	else
		fprintf(f, ", from the battery (%u mV)\n", r->rs->battery_uv / 1000);
	if (r->linear || r->legacy_eff)
		return;
	for (unsigned k = RAIL_MODE_PWM; k <= RAIL_MODE_PFM; k++) {
		const struct reg_curve *c = &r->curve[k];
		if (!c->n)
			continue;
		fprintf(f, "      %s: %u uA quiescent, efficiency", rail_mode_name(k), r->iq_mode_ua[k]);
		for (unsigned i = 0; i < c->n; i++)
			fprintf(f, "%s %g %% at %g mA", i ? "," : "", c->eff[i] * 100,
				c->amps[i] * 1e3);
		fprintf(f, "\n");
	}
}
