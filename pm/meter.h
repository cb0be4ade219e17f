/*
 * Energy meters: the one way a model accounts for the energy it draws.
 *
 * A meter integrates exactly: it holds the power drawn since the last
 * change and the energy accumulated up to that change, so the energy at
 * any time is joules + watts * (now - since). A model sets the new power at
 * every state change of its own (a clock rate, a voltage, a DRAM state)
 * and adds discrete energies (a DRAM burst, a refresh) as they happen.
 * Nothing is sampled, so the result does not depend on how often anyone
 * looks.
 *
 * Each meter names its component ("cpu0", "dram", "uart0") and the kind of
 * energy it measures ("dynamic", "leakage", "background", ...); reports
 * sum meters per component and, through the rail the meter draws from,
 * per rail and at the battery.
 */
#ifndef PMSIM_PM_METER_H
#define PMSIM_PM_METER_H

#include "sim/sched.h"

struct pm_rail;

/* Something that wants every change of the meters it observes (a
 * timeline, pm/timeline.h): `power` when a meter's power changes by
 * `delta_w` from `t` on, `energy` when a discrete energy is accounted at
 * `t`. `id` is the meter's obs_id. */
struct pm_meter_obs {
	void (*power)(struct pm_meter_obs *o, unsigned id, simtime_t t, double delta_w);
	void (*energy)(struct pm_meter_obs *o, unsigned id, simtime_t t, double joules);
};

struct pm_meter {
	const char *component; /* static or owned by the model; not copied */
	const char *kind;
	struct pm_rail *rail;  /* NULL: not attached to a rail (yet) */
	double watts;          /* drawn since `since` */
	simtime_t since;
	double joules;         /* accumulated up to `since` */
	struct pm_meter *next; /* in the SoC's list (pm_meters_add) */
	struct pm_meter_obs *obs; /* NULL: nobody observes it */
	unsigned obs_id;
};

void pm_meter_init(struct pm_meter *m, const char *component, const char *kind);

/* Integrate up to `now`, then draw `watts` from `now` on. `now` must not
 * be earlier than the meter's last change. */
void pm_meter_set(struct pm_meter *m, simtime_t now, double watts);

/* The same from `now` on, where a `now` earlier than the meter's last
 * change applies from that earlier time: the difference is added for the
 * span already integrated (a model replaying lazily-timed transitions,
 * whose totals must not depend on the order in which models report). */
void pm_meter_set_from(struct pm_meter *m, simtime_t now, double watts);

/* A discrete energy (one access, one refresh burst), accounted at `now`
 * (for observers; the total does not depend on it). */
void pm_meter_add(struct pm_meter *m, simtime_t now, double joules);

/* Draw the meter's power and energy from rail `r` from `now` on (NULL:
 * from no rail). */
void pm_meter_attach(struct pm_meter *m, struct pm_rail *r, simtime_t now);

/* Energy drawn up to `now`. */
double pm_meter_joules(const struct pm_meter *m, simtime_t now);

#endif
