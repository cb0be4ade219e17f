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

/* The energy drawn from the battery up to `now` (the components' sum
 * without regulators), as the report would give it then; `now` is the
 * scheduler's present. `settle` first brings the lazily accounted
 * energies up to date (the core's cycles, the DRAM's idle transitions);
 * it must be false while the PMU is halfway through a change (in its
 * trace). */
double pm_energy_now(struct soc *soc, simtime_t now, bool settle);

#endif
