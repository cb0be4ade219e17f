/*
 * Thermal zones on the simulator's side (docs/power.md "Thermal zones"):
 * the device tree's `/thermal-zones` (Linux's thermal-zones binding),
 * checked when the SoC is built and followed at every step of the thermal
 * model for the report: each zone's temperature (its sensor's
 * `pmsim,thermal-node`), the time above each trip, when the critical trip
 * was first crossed; and, from the guest's `cdev:TYPE` instant markers
 * (ARG = the cooling device's new state), the time each cooling device
 * throttled. The guest's own thermal framework reads the same zones and
 * does the cooling; this side only watches.
 */
#ifndef PMSIM_PM_TZONE_H
#define PMSIM_PM_TZONE_H

#include "pm/report.h"
#include "sim/err.h"
#include "sim/sched.h"

struct soc;
struct thermal;
struct tzone_set;

/* The zones of `soc`'s tree, measured on `th` (NULL: the SoC has no
 * thermal model, and a zone is refused); *out is NULL without a model
 * and without zones. With a model, the set also follows the cooling
 * devices and reports the model's nodes.
 * Returns -1 with `e` naming the node and property of a malformed zone. */
int tzone_set_create(struct soc *soc, struct thermal *th, struct tzone_set **out,
		     struct err *e);
void tzone_set_free(struct tzone_set *zs);

/* The zones and their trips, for `pmsim info`. */
void tzone_set_describe(const struct tzone_set *zs, FILE *f);

/* The zones, cooling devices and shutdown as of `now` into `t` (its
 * arrays owned by `zs`, valid until the next call or tzone_set_free). */
int tzone_set_report(struct tzone_set *zs, simtime_t now, struct pm_report_thermal *t);

/* How long after a zone's critical trip was crossed the guest may go on
 * before a diagnostic says it did not power off: this plus the zone's
 * polling-delay (a guest sees the trip at its next poll). */
#define TZONE_GRACE_PS (1 * PS_PER_S)

#endif
