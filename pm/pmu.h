/*
 * The power-management unit (docs/devices/pmu.md): the core's idle states
 * and operating points as the device tree describes them, what a WFI
 * enters, the core's energy (dynamic and leakage), the power domains,
 * system suspend and the wake-up sources, the warm-boot vector and the
 * retention registers.
 */
#ifndef PMSIM_PM_PMU_H
#define PMSIM_PM_PMU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pm/meter.h"
#include "pm/report.h"
#include "sim/err.h"
#include "sim/sched.h"

struct pmu;
struct soc;

/* Once every device is realized: draw every meter a device model listed
 * itself (soc_add_meter, named after its node) from its power domain's
 * rail, unless the model attached it already. */
void pmu_attach_device_meters(struct pmu *p);

/* The leakage of the core and of the power domains follows the die's
 * temperature in `th` from its next step on (pm/thermal.h). Returns 0,
 * or -1 if `th` takes no more subscribers. */
struct thermal;
int pmu_attach_thermal(struct pmu *p, struct thermal *th);

/* Every enabled node's `power-domains` names a domain of this PMU (p may
 * be NULL: a SoC without one has no domains to name). Returns 0, or -1
 * with e naming the node and what is wrong. */
int pmu_check_domain_refs(const struct pmu *p, const void *fdt, struct err *e);

/* The power architecture as configured, for `pmsim info`: operating
 * points, idle states, power domains and their supplies. */
void pmu_describe(const struct pmu *p, FILE *f);

/* Bring every meter and statistic up to `now` (before a report). */
void pmu_settle(struct pmu *p, simtime_t now);

/* Charge the core's cycles and cache accesses since the last charge to its
 * meters, at the present voltage, and nothing else: safe at any time (a
 * marker stamping the energy so far), as it moves no statistic. */
void pmu_charge_core(struct pmu *p);

/* What charging the core now would add to its meters (the dynamic, the
 * I-cache's, the D-cache's and the FPU's), without charging: an
 * observer's view of the energy so far that leaves the run exactly as it
 * is (charging at other moments would round the sums differently).
 * Returns the number of meters filled in m and j: PMU_CORE_METERS, or 0
 * without a core. */
struct pm_meter;
#define PMU_CORE_METERS 4
unsigned pmu_core_uncharged(const struct pmu *p, struct pm_meter *m[PMU_CORE_METERS],
			    double j[PMU_CORE_METERS]);

/* Tell `t` the states the PMU holds at `now` — the core's C-state and
 * operating point, suspend, every domain — as transitions (a timeline
 * starting, which must not wait for the first change of each). Only `t`
 * hears it, not the SoC's trace stream. */
struct trace;
void pmu_trace_present(const struct pmu *p, simtime_t now, struct trace *t);

/* The source of the latest wake-up, as the report's wake-ups name it
 * ("rtc@40006000", "systick"); "" before the first. Set before the PMU
 * traces the wake-up. */
const char *pmu_last_wake(const struct pmu *p);

/* Fill the CPU, domain, wake-up and suspend parts of a report; the
 * arrays stay owned by the PMU until it is destroyed. */
void pmu_report(struct pmu *p, simtime_t now, struct pm_report *r);


#endif
