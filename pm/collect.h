/*
 * Everything a report says about a run, gathered from the SoC's models
 * (pm/report.h has the writers).
 */
#ifndef PMSIM_PM_COLLECT_H
#define PMSIM_PM_COLLECT_H

#include <stdbool.h>

#include "pm/report.h"

struct soc;

/* Fill `r` (its arrays allocated here) with the state of `soc` at `now`.
 * Returns 0, or -1 out of memory. */
int pm_collect(struct soc *soc, simtime_t now, struct pm_report *r);
void pm_collect_free(struct pm_report *r);

/* The energy of meter `m` of `soc` at `now` as a report collected then
 * would give it, found without changing anything: the core's cycles not
 * yet charged and the DRAM's idle transitions not yet applied are worked
 * out aside. For live observers (the GUI), which must leave the run
 * byte-identical to one without them. The rails' meters do not include
 * those parts. */
struct pm_meter;
double pm_meter_joules_now(struct soc *soc, const struct pm_meter *m, simtime_t now);

/* The energy drawn from the battery up to `now` (the components' sum
 * without regulators), as the report would give it then; `now` is the
 * scheduler's present. `settle` first brings the lazily accounted
 * energies up to date (the core's cycles, the DRAM's idle transitions);
 * it must be false while the PMU is halfway through a change (in its
 * trace). */
double pm_energy_now(struct soc *soc, simtime_t now, bool settle);

#endif
