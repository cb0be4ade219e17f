/*
 * Latency series: named sets of exact simulated-time samples (docs/report.md
 * "Latency"), owned by the SoC and filled by the models that see an
 * interval begin and end: the core (interrupt entry), the power-management
 * unit (wake-ups, DVFS), the DMA controller (a channel's transfer) and the
 * simulator-control device (marker intervals). The report gets, per
 * series, the count, min, max, mean, nearest-rank percentiles and a
 * histogram on a fixed 1-2-5 ladder.
 */
#ifndef PMSIM_PM_LATENCY_H
#define PMSIM_PM_LATENCY_H

#include <stdint.h>

#include "pm/report.h"
#include "sim/sched.h"

/* The kinds, in the order the report lists them. */
enum lat_kind { LAT_IRQ, LAT_WAKEUP, LAT_DVFS, LAT_DMA, LAT_MARKER, LAT_NKINDS };

/* Samples kept per series for the percentiles; count, min, max, mean and
 * the histogram stay exact beyond it. */
#define LAT_SAMPLES_MAX 1000000u

struct lat_set;
struct lat_series;

/* NULL if out of memory. */
struct lat_set *lat_new(void);
void lat_free(struct lat_set *s);

/* The series (kind, name), created on first use (the name is copied);
 * NULL if out of memory. The pointer stays valid until lat_free, so a
 * model may look it up once and keep it. */
struct lat_series *lat_series(struct lat_set *s, enum lat_kind kind, const char *name);
/* One sample into a series (NULL: ignored). */
void lat_sample(struct lat_series *ls, simtime_t sample);
/* lat_series then lat_sample; a NULL set is ignored. */
void lat_add(struct lat_set *s, enum lat_kind kind, const char *name, simtime_t sample);

/* Fill r->latencies (storage owned by the set, valid until the next call
 * or lat_free) sorted by kind then name. Returns 0, or -1 out of memory
 * (r->latencies is then left empty). */
int lat_report(struct lat_set *s, struct pm_report *r);

/* The kind's name in reports: "irq", "wakeup", "dvfs", "dma", "marker". */
const char *lat_kind_name(enum lat_kind kind);

#endif
