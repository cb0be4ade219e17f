/*
 * Energy meters (meter.h): exact integration of piecewise-constant power.
 */
#include "pm/meter.h"

#include <string.h>

#include "pm/regulator.h"

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
	if (m->rail && watts != m->watts)
		pm_rail_load(m->rail, now > m->since ? now : m->since, watts - m->watts);
	m->joules += span_j(m->watts, m->since, now);
	if (now > m->since)
		m->since = now;
	m->watts = watts;
}

void pm_meter_add(struct pm_meter *m, double joules)
{
	m->joules += joules;
	if (m->rail)
		pm_rail_add(m->rail, joules);
}

void pm_meter_attach(struct pm_meter *m, struct pm_rail *r, simtime_t now)
{
	if (m->rail == r)
		return;
	if (m->rail)
		pm_rail_load(m->rail, now, -m->watts);
	m->rail = r;
	if (r)
		pm_rail_load(r, now, m->watts);
}

double pm_meter_joules(const struct pm_meter *m, simtime_t now)
{
	return m->joules + span_j(m->watts, m->since, now);
}
