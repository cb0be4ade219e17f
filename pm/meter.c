/*
 * Energy meters (meter.h): exact integration of piecewise-constant power.
 */
#include "pm/meter.h"

#include <string.h>

void pm_meter_init(struct pm_meter *m, const char *component, const char *kind)
{
	memset(m, 0, sizeof *m);
	m->component = component;
	m->kind = kind;
}

static double span_j(double watts, simtime_t from, simtime_t to)
{
	return to > from ? watts * (double)(to - from) * 1e-12 : 0.0;
}

void pm_meter_set(struct pm_meter *m, simtime_t now, double watts)
{
	m->joules += span_j(m->watts, m->since, now);
	if (now > m->since)
		m->since = now;
	m->watts = watts;
}

double pm_meter_joules(const struct pm_meter *m, simtime_t now)
{
	return m->joules + span_j(m->watts, m->since, now);
}
