/*
 * The trace stream: every power-relevant transition of every model goes
 * through trace_state(), and every consumer (the report's residency
 * tables, VCD and Perfetto writers, the GUI) is a sink on it. No model
 * formats output itself.
 *
 * A transition names a component ("cpu0", "dram", "rail.vdd_core"), a
 * variable of it ("cstate", "opp", "state", "microvolt") and its new
 * value, with an optional label for the value ("C2-retention"). Values
 * are integers so that sinks can tabulate time per value exactly; labels
 * are static strings or owned by the model for the whole run.
 */
#ifndef PMSIM_TRACE_H
#define PMSIM_TRACE_H

#include <stdint.h>

#include "sim/sched.h"

struct trace_sink {
	void (*state)(void *opaque, simtime_t t, const char *component, const char *var,
		      int64_t value, const char *label);
	void *opaque;
};

#define TRACE_MAX_SINKS 8

struct trace {
	struct trace_sink sinks[TRACE_MAX_SINKS];
	unsigned nsinks;
};

/* Returns -1 if there is no room for another sink. */
int trace_add_sink(struct trace *t, struct trace_sink sink);
/* Remove every sink whose opaque is `opaque` (a model going away). */
void trace_remove_sink(struct trace *t, void *opaque);

static inline void trace_state(struct trace *t, simtime_t when, const char *component,
			       const char *var, int64_t value, const char *label)
{
	if (!t)
		return;
	for (unsigned i = 0; i < t->nsinks; i++)
		t->sinks[i].state(t->sinks[i].opaque, when, component, var, value, label);
}

#endif
