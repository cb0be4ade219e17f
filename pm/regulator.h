/*
 * Regulators: the supply rails of the SoC, built from the device tree,
 * with voltage set-points reached at a ramp rate, enable/disable delays,
 * and conversion efficiency and quiescent current, so that the power
 * drawn from the battery differs from the power delivered.
 *
 * Providers: `regulator-fixed` nodes (Linux binding) and the PMIC
 * (`pmsim,pmic`, docs/devices/pmic.md) whose child nodes are its
 * regulators, programmed through its registers (devices/pmic.c) or by
 * the power-management unit. A rail supplied by another (`vin-supply`)
 * draws its input power from it; rails without one draw from the
 * battery.
 *
 * Loads: every energy meter (pm/meter.h) attached to a rail reports its
 * power changes to it (pm_rail_load), so the rail knows its output power
 * at every instant and integrates input and output energy exactly.
 *
 * Consumers subscribe to voltage changes: a ramp moves in the PMIC's
 * voltage steps, each step one event and one notification, so a model
 * whose power depends on the voltage follows the ramp.
 */
#ifndef PMSIM_PM_REGULATOR_H
#define PMSIM_PM_REGULATOR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/err.h"
#include "sim/sched.h"
#include "sim/trace.h"

struct pm_rail;
struct rail_set;
struct pm_meter;

typedef void (*rail_notify_fn)(void *opaque, simtime_t now, uint32_t microvolt, bool on);

struct rail_set *rail_set_new(const void *fdt, struct sched *s, struct trace *t,
			      struct err *e);
void rail_set_free(struct rail_set *rs);
void rail_set_reset(struct rail_set *rs);

/* The rail a node's `<name>-supply` property points to (name without
 * "-supply", e.g. "cpu" for `cpu-supply`), or NULL with e filled. */
struct pm_rail *rail_get(struct rail_set *rs, int node_off, const char *name, struct err *e);
/* By the regulator node's `regulator-name`, or NULL. */
struct pm_rail *rail_by_name(struct rail_set *rs, const char *name);

unsigned rail_count(const struct rail_set *rs);
struct pm_rail *rail_at(struct rail_set *rs, unsigned i);

const char *rail_name(const struct pm_rail *r);
bool rail_is_on(const struct pm_rail *r);
uint32_t rail_microvolt(const struct pm_rail *r);       /* present output; 0 when off */
uint32_t rail_target_microvolt(const struct pm_rail *r); /* where a ramp is going */
/* regulator-min-microvolt and regulator-max-microvolt. */
uint32_t rail_min_microvolt(const struct pm_rail *r);
uint32_t rail_max_microvolt(const struct pm_rail *r);
int rail_subscribe(struct pm_rail *r, rail_notify_fn fn, void *opaque);
/* One watcher of the rail's set-point requests: fn is called at every
 * accepted rail_set_voltage, at the request's time, with the new
 * set-point, before it is applied (rail_target_microvolt still says the
 * previous one), whether or not it changes anything (the
 * power-management unit's DVFS latency). NULL: none. */
void rail_watch_setpoint(struct pm_rail *r, rail_notify_fn fn, void *opaque);

/* Programmatic control (the PMIC registers and the PMU use these). Return
 * the simulated time at which the rail will be settled. A set-point
 * outside the regulator's constraints (or off its voltage-step grid), and
 * disabling an always-on rail, are refused: SIMTIME_NEVER ((simtime_t)-1)
 * and nothing changes. Enabling a rail whose supply is off also returns
 * SIMTIME_NEVER: it comes up when its supply does. */
simtime_t rail_set_voltage(struct pm_rail *r, uint32_t microvolt);
simtime_t rail_enable(struct pm_rail *r, bool on);

/* The regulator described by the DT node at `node_off`, or NULL. */
struct pm_rail *rail_by_node(struct rail_set *rs, int node_off);
/* Switched on (by software or at reset), whether or not the output is up
 * yet (enable delay, supply off). */
bool rail_is_enabled(const struct pm_rail *r);
/* When the rail will have settled: the end of its enable delay, ramp or
 * off-delay; the present time if it is settled; SIMTIME_NEVER while it
 * waits for its supply. */
simtime_t rail_settle_time(const struct pm_rail *r);

/* A load on the rail changed its power by `delta_w` at `now`. A `now`
 * earlier than the rail's last change applies the delta from `now` (the
 * energy since is corrected), so pm_meter_set should pass the time its
 * meter actually applied the change: max(now, the meter's old `since`). */
void pm_rail_load(struct pm_rail *r, simtime_t now, double delta_w);
/* A load drew a discrete energy from the rail at `now` (pm_meter_add). */
void pm_rail_add(struct pm_rail *r, simtime_t now, double joules);

/* Energy delivered by the rail and drawn at its input, up to `now`. */
double rail_out_joules(const struct pm_rail *r, simtime_t now);
double rail_in_joules(const struct pm_rail *r, simtime_t now);
/* Energy drawn from the battery (inputs of the rails it supplies). */
double rail_set_battery_joules(const struct rail_set *rs, simtime_t now);
/* The battery's voltage: the input voltage of every rail it feeds, so
 * their quiescent power (and a linear rail's efficiency) change from `now`
 * on; energy before `now` stays as it was. Traced as ("battery",
 * "microvolt") when it changes. Initially the `pmsim,microvolt` of the
 * `pmsim,battery` node, or 3.7 V without one; a reset keeps it. */
void rail_set_battery_microvolt(struct rail_set *rs, simtime_t now, uint32_t uv);
uint32_t rail_set_battery_microvolt_get(const struct rail_set *rs);
/* Energy: the conversion-loss meter of every rail (component = the rail's
 * name, kind "conversion"), to list in reports; count, then each by
 * index. They are attached to no rail: the battery total is the sum of
 * every load meter plus these (docs/devices/pmic.md). */
unsigned rail_set_meters(const struct rail_set *rs);
/* The meters of what a rail delivers and of what the battery gives (for
 * observers: a timeline records their changes). */
struct pm_meter *rail_out_meter(struct pm_rail *r);
struct pm_meter *rail_set_battery_meter(struct rail_set *rs);
struct pm_meter *rail_set_meter(struct rail_set *rs, unsigned i);

/* Operating modes of a switching regulator, numbered as in the device
 * tree's `regulator-allowed-modes` and `regulator-initial-mode` and in the
 * PMIC's MODE register (docs/devices/pmic.md): AUTO lets the regulator
 * pick PFM below `pmsim,pfm-threshold-microamp` and PWM above. */
enum {
	RAIL_MODE_AUTO = 0,
	RAIL_MODE_PWM = 1,   /* forced continuous conduction */
	RAIL_MODE_PFM = 2,   /* pulse skipping */
	RAIL_NMODES = 3,
};
/* Ask for a mode: 0, or -1 if the regulator does not allow it (not in its
 * `regulator-allowed-modes`, or a linear regulator) and nothing changes. */
int rail_set_mode(struct pm_rail *r, unsigned mode);
/* The mode asked for (RAIL_MODE_*), and the one the regulator runs in now
 * (RAIL_MODE_PWM or RAIL_MODE_PFM; 0 for a linear regulator). */
unsigned rail_mode(const struct pm_rail *r);
unsigned rail_op_mode(const struct pm_rail *r);
bool rail_is_linear(const struct pm_rail *r);
/* "auto", "pwm", "pfm". */
const char *rail_mode_name(unsigned mode);
/* The efficiency (0-1] the rail converts with now (a curved regulator's
 * is the one of its last tick, pm/regulator.c), and
 * the one its curve gives in mode `op` (RAIL_MODE_PWM or _PFM; AUTO: the
 * mode the rail's present request would run in at that current, the
 * threshold taken without hysteresis) at an output current `amps`
 * (linear: Vout/Vin at the present voltages). */
double rail_efficiency(const struct pm_rail *r);
double rail_curve_efficiency(const struct pm_rail *r, unsigned op, double amps);
/* Time spent up in mode `op` and the conversion loss in it, to `now`. */
double rail_mode_seconds(const struct pm_rail *r, unsigned op, simtime_t now);
double rail_mode_loss_joules(const struct pm_rail *r, unsigned op, simtime_t now);
/* The decoupling capacitance on the rail's output
 * (`pmsim,output-capacitance-nanofarad`), in farads. */
double rail_capacitance_farad(const struct pm_rail *r);

/* Where the rails report what the simulation cannot fix by itself: a
 * diagnostic (a load beyond an efficiency curve, once per rail) and a
 * power failure (the battery's brown-out), each one sentence without a
 * final full stop. The SoC installs soc_diag_at and soc_power_fail; NULL
 * (the default): diagnostics are dropped, and a power failure only stops
 * the battery's updates. */
struct rail_hooks {
	void (*diag)(void *opaque, simtime_t t, const char *msg);
	void (*power_fail)(void *opaque, simtime_t t, const char *msg);
	/* Whether the SoC can still do anything by itself (the core runs):
	 * the rails' tick (curves, the battery's steps) keeps going only while
	 * it can or while another event is pending. NULL: always. */
	bool (*alive)(void *opaque);
	/* The battery's energy up to `now`, with every model's lazily booked
	 * energy (the core's cycles, the DRAM's idle-timer transitions)
	 * brought up to `now` first, for the tick. NULL:
	 * rail_set_battery_joules. */
	double (*energy_now)(void *opaque, simtime_t now);
	void *opaque;
};
void rail_set_hooks(struct rail_set *rs, const struct rail_hooks *h);
/* The hooks' power_fail, alive and energy_now (for pm/battery.c and the
 * tick). */
void rail_set_power_fail(struct rail_set *rs, simtime_t t, const char *msg);
bool rail_set_alive(const struct rail_set *rs);
double rail_set_energy_now(struct rail_set *rs, simtime_t now);
/* The battery with a capacity (pm/battery.h), or NULL for an ideal
 * source. */
struct pm_battery *rail_set_battery(struct rail_set *rs);

/* One line for `pmsim info`: voltage at reset and range, efficiency (a
 * switching regulator's curves and modes, or Vout/Vin for a linear one),
 * quiescent current and supply. */
void rail_describe(const struct pm_rail *r, FILE *f);

#endif
