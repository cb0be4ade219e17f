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
