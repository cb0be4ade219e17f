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
	simtime_t at = now > m->since ? now : m->since;
	if (watts != m->watts) {
		if (m->rail)
			pm_rail_load(m->rail, at, watts - m->watts);
		if (m->obs)
			m->obs->power(m->obs, m->obs_id, at, watts - m->watts);
	}
	m->joules += span_j(m->watts, m->since, now);
	m->since = at;
	m->watts = watts;
}

void pm_meter_set_from(struct pm_meter *m, simtime_t now, double watts)
{
	if (now >= m->since) {
		pm_meter_set(m, now, watts);
		return;
	}
	if (watts == m->watts)
		return;
	if (m->obs)
		m->obs->power(m->obs, m->obs_id, now, watts - m->watts);
	m->joules += (watts - m->watts) * (double)(m->since - now) * 1e-12;
	m->watts = watts;
}

void pm_meter_add(struct pm_meter *m, simtime_t now, double joules)
{
	if (joules == 0.0)
		return;
	m->joules += joules;
	if (m->obs)
		m->obs->energy(m->obs, m->obs_id, now, joules);
	if (m->rail)
		pm_rail_add(m->rail, now, joules);
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
