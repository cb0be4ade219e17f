/*
 * The battery: a cell of finite capacity whose terminal voltage sags under
 * load and falls with its state of charge, described with Linux's
 * `simple-battery` properties on the `pmsim,battery` node
 * (docs/devices/pmic.md, "Battery"). Without a capacity the node is an
 * ideal source at `pmsim,microvolt` and none of this is built.
 *
 * Every `pmsim,step-us` of simulated time the battery takes the energy the
 * rails drew from it over the step (rail_set_battery_joules), solves the
 * cell's current at that average power, lowers its charge by I·dt and sets
 * the terminal voltage OCV(charge) − I·R as the rails' input voltage for
 * the next step (rail_set_battery_microvolt). A voltage below the cut-off,
 * or a power the cell cannot deliver at all, is a brown-out: the SoC's
 * power fails (the rail set's power_fail hook, soc_power_fail).
 */
#ifndef PMSIM_PM_BATTERY_H
#define PMSIM_PM_BATTERY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/err.h"
#include "sim/sched.h"
#include "sim/trace.h"

struct pm_battery;
struct rail_set;
struct pm_meter;

/* The cell described by node `off`, feeding `rs`: NULL with e filled if a
 * property is malformed. Called by rail_set_new for a node that has
 * `charge-full-design-microamp-hours`; `ideal_uv` is its `pmsim,microvolt`
 * (0: none), the open-circuit voltage when it has no OCV table. */
struct pm_battery *battery_new(struct rail_set *rs, const void *fdt, int off,
			       uint32_t ideal_uv, struct sched *s, struct trace *t,
			       struct err *e);
void battery_free(struct pm_battery *b);

/* The open-circuit voltage at the start, to build the rails with. */
uint32_t battery_initial_microvolt(const struct pm_battery *b);

/* Set the state of charge (0-100 %) before the run, overriding
 * `pmsim,initial-percent` (the CLI's --battery-percent, a scenario).
 * Returns -1 outside 0-100. */
int battery_set_percent(struct pm_battery *b, double percent);

/* The steps are driven by the rail set's periodic event (pm/regulator.c),
 * every battery_step_ps: battery_start once the rails are built,
 * battery_step at each step, with every energy booked up to `now`. */
void battery_start(struct pm_battery *b);
void battery_step(struct pm_battery *b, simtime_t now);
simtime_t battery_step_ps(const struct pm_battery *b);
/* Neither browned out nor stopped: it still needs its steps. */
bool battery_running(const struct pm_battery *b);
/* Stop the cell's model for good: from now on the battery's voltage is
 * whatever rail_set_battery_microvolt sets (a scenario's battery_voltage
 * takes the battery over). Its statistics stay as they are. */
void battery_stop(struct pm_battery *b);

struct battery_stats {
	double capacity_c;           /* design capacity, coulombs */
	double start_percent, percent;
	double charge_used_c;        /* drawn so far */
	double min_microvolt;        /* lowest terminal voltage seen */
	double internal_j;           /* I²R loss inside the cell */
	double ocv_microvolt;        /* open-circuit voltage now */
	double cutoff_microvolt;
	bool browned_out;
};
/* Up to the last completed step. */
void battery_stats(const struct pm_battery *b, struct battery_stats *st);
/* The energy the chemistry holds between two states of charge (percent,
 * lo <= hi): the capacity times the OCV integrated over the charge, exact
 * for the piecewise-linear table. */
double battery_energy_j(const struct pm_battery *b, double lo_pct, double hi_pct);

/* The cell's internal-loss meter (component "battery", kind "internal"):
 * not a load of any rail and not part of the energy delivered. */
struct pm_meter *battery_internal_meter(struct pm_battery *b);

/* One line for `pmsim info`: capacity, open-circuit voltage full and
 * empty, internal resistance, cut-off, the state of charge at the start
 * and the step. */
void battery_describe(const struct pm_battery *b, FILE *f);

#endif
