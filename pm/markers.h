/*
 * What the guest's markers say (docs/report.md, docs/devices/simctl.md):
 * each `suspend:STATE` interval analysed as one suspend cycle, in the
 * manner of sleepgraph — latencies, phases, the slowest device callbacks,
 * and the energy balance of suspending.
 */
#ifndef PMSIM_PM_MARKERS_H
#define PMSIM_PM_MARKERS_H

#include "pm/report.h"

/* The slowest device callbacks listed per phase of a cycle. */
#define PM_MARKERS_TOP_DEVCBS 5

/* Fill r->cycles from r->markers, r->pm_events and r->sim_time (the end
 * of a cycle still open). Returns 0, or -1 out of memory. */
int pm_markers_analyse(struct pm_report *r);
void pm_markers_free(struct pm_report *r);

#endif
