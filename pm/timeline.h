/*
 * The timeline (docs/timeline.md): every change of a run, recorded as it
 * happens and nothing sampled, for the VCD, Perfetto and CSV exports and
 * the HTML report's charts.
 *
 * Recording. The timeline is a sink on the trace stream (states, and the
 * events: interrupts, DMA, markers) and an observer of every energy meter
 * (sim/pm/meter.h): each change of a meter's power is recorded as a step
 * at the time it applies, and each discrete energy (the core's cycles,
 * a DRAM burst, DMA bytes) at the time it is accounted. The core's cycles
 * are charged at every traced change, so their energy falls in the
 * interval in which they ran. Records are appended in the order the
 * models make them and sorted by time when the timeline is finished (the
 * DRAM's idle transitions are told late, with their own times).
 *
 * Power. The change points are the times of every recorded state change
 * and power step. Between two consecutive change points a component's
 * power is its meters' steps plus the discrete energies accounted in the
 * interval (after its start, up to and including its end) divided by its
 * length, so the integral of every power track is the energy of the
 * report exactly, and the power of meters without discrete energies is
 * exact at every instant.
 *
 * Bound. At most `limit` records are kept; the record past it stops the
 * recording (timeline_stopped), every track ends there, and the report
 * says so.
 */
#ifndef PMSIM_PM_TIMELINE_H
#define PMSIM_PM_TIMELINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/sched.h"
#include "sim/trace.h"

struct soc;
struct timeline;

#define TIMELINE_DEFAULT_LIMIT 4000000u  /* records (about 128 MB) */

enum timeline_format { TL_FMT_VCD, TL_FMT_PERFETTO, TL_FMT_CSV };

/* The format a timeline path asks for by its extension: .vcd, .json
 * (including .perfetto.json), .csv. Returns -1 for any other. */
int timeline_format_of(const char *path);

/* A recorder keeping at most `limit` records (0: the default). The sink
 * goes on the trace stream before the models are built, so that it sees
 * the state each starts in (soc_options.first_sink). */
struct timeline *timeline_new(uint64_t limit);
struct trace_sink timeline_sink(struct timeline *tl);
/* Observe every meter of `soc` (components, rails' outputs, the battery)
 * from `now` on, the power each draws then being its first step. */
int timeline_attach(struct timeline *tl, struct soc *soc, simtime_t now);
/* End the recording at `end` (the run's end, after the report's
 * collection settled every model) and build the tracks below. Returns 0,
 * or -1 out of memory. */
int timeline_finish(struct timeline *tl, simtime_t end);
void timeline_free(struct timeline *tl);

uint64_t timeline_limit(const struct timeline *tl);
/* Whether the limit was reached, and the time of the record that found
 * it full (every track ends there). */
bool timeline_truncated(const struct timeline *tl);
simtime_t timeline_stopped(const struct timeline *tl);
/* The tracks' span: the recording's start, and its end (the run's end,
 * or where it stopped). */
simtime_t timeline_start(const struct timeline *tl);
simtime_t timeline_end(const struct timeline *tl);

/* ---- the tracks, once finished ----------------------------------------- */

enum tl_power_kind { TL_TOTAL, TL_RAIL, TL_COMPONENT };

/* A power track: watts[i] from t[i] until t[i + 1] (the last until
 * timeline_end); a point only where the value changes. */
struct tl_power {
	const char *name;           /* "battery" (TL_TOTAL), a rail, a component */
	enum tl_power_kind kind;
	size_t n;
	const simtime_t *t;
	const double *watts;
	double joules;              /* the integral, over the whole track */
};

/* A state track (component, var), e.g. ("cpu0", "cstate"),
 * ("pd.periph", "state"), ("dram", "state"), ("uart0_clk", "hz"):
 * value[i] (label[i], may be NULL) from t[i] until t[i + 1]. Only
 * changes are kept. */
struct tl_state {
	const char *component, *var;
	size_t n;
	const simtime_t *t;
	const int64_t *value;
	const char *const *label;
};

/* An event of the trace stream that is an occurrence, not a state: var
 * "irq" (component "nvic"), "done" / "error" (a DMA controller), "begin" /
 * "end" / "instant" (component "marker", label = the marker's name). */
struct tl_event {
	simtime_t t;
	const char *component, *var;
	int64_t value;
	const char *label;
};

/* Power tracks: the total first, then the rails in the SoC's order, then
 * the components in the report's order. */
size_t timeline_npower(const struct timeline *tl);
const struct tl_power *timeline_power(const struct timeline *tl, size_t i);
/* State tracks, in the order their first record came. */
size_t timeline_nstates(const struct timeline *tl);
const struct tl_state *timeline_state(const struct timeline *tl, size_t i);
/* The state track (component, var), or NULL. */
const struct tl_state *timeline_find_state(const struct timeline *tl, const char *component,
					   const char *var);
/* Events in time order. */
size_t timeline_nevents(const struct timeline *tl);
const struct tl_event *timeline_event(const struct timeline *tl, size_t i);

/* ---- exports (docs/timeline.md) ---------------------------------------- */

/* Write the finished timeline in `fmt`. Return 0, or -1 if writing failed. */
int timeline_write(const struct timeline *tl, enum timeline_format fmt, FILE *f);

#endif
