/*
 * Everything a report says about a run, gathered from the SoC's models
 * (pm/report.h has the writers).
 */
#ifndef PMSIM_PM_COLLECT_H
#define PMSIM_PM_COLLECT_H

#include "pm/report.h"

struct soc;

/* Fill `r` (its arrays allocated here) with the state of `soc` at `now`.
 * Returns 0, or -1 out of memory. */
int pm_collect(struct soc *soc, simtime_t now, struct pm_report *r);
void pm_collect_free(struct pm_report *r);

#endif
