/*
 * The trace stream (trace.h).
 */
#include "sim/trace.h"

int trace_add_sink(struct trace *t, struct trace_sink sink)
{
	if (t->nsinks >= TRACE_MAX_SINKS)
		return -1;
	t->sinks[t->nsinks++] = sink;
	return 0;
}

void trace_remove_sink(struct trace *t, void *opaque)
{
	unsigned k = 0;
	for (unsigned i = 0; i < t->nsinks; i++)
		if (t->sinks[i].opaque != opaque)
			t->sinks[k++] = t->sinks[i];
	t->nsinks = k;
}
