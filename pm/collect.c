/*
 * Gathering a report (collect.h): energy per component from every meter
 * of the SoC, per rail from the regulators, the core's idle states and
 * operating points from the power-management unit, the DRAM's residency
 * from its controller, the guest's markers and what they say about
 * suspend cycles and wake-ups (pm/markers.h), the latency series
 * (pm/latency.h, owned by the SoC), the temperatures and thermal zones
 * (pm/thermal.h, owned by the model), and the diagnostics.
 *
 * Components are the meters' component names summed over their kinds
 * ("cpu0" = dynamic + leakage). The total is the energy drawn from the
 * battery when the SoC has regulators (loads plus conversion losses),
 * else the sum of the components.
 */
#include "pm/collect.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "devices/dramc.h"
#include "devices/simctl.h"
#include "pm/battery.h"
#include "pm/latency.h"
#include "pm/markers.h"
#include "pm/meter.h"
#include "pm/pmu.h"
#include "pm/regulator.h"
#include "pm/thermal.h"
#include "sim/soc.h"

static struct dramc *find_dram(struct soc *soc)
{
	for (unsigned i = 0; i < soc->ndevs; i++)
		if (soc->devs[i].type == &dramc_dev_type)
			return soc->devs[i].state;
	return NULL;
}

static struct simctl *find_simctl(struct soc *soc)
{
	for (unsigned i = 0; i < soc->ndevs; i++)
		if (soc->devs[i].type == &simctl_dev_type)
			return soc->devs[i].state;
	return NULL;
}

static int add_energy(struct pm_report *r, const char *name, double j)
{
	for (unsigned i = 0; i < r->ncomponents; i++)
		if (!strcmp(r->components[i].name, name)) {
			r->components[i].joules += j;
			return 0;
		}
	struct pm_report_energy *c = realloc(r->components,
					     (r->ncomponents + 1) * sizeof *c);
	if (!c)
		return -1;
	r->components = c;
	c[r->ncomponents++] = (struct pm_report_energy){ name, j };
	return 0;
}

/* A rail's energies, and a switching one's modes: its average output
 * current over the time it was up, at its set-point, and what its curve
 * gives there in the mode it would run in. */
static void collect_rail(struct pm_rail *rl, simtime_t now, struct pm_report_rail *o)
{
	*o = (struct pm_report_rail){ .name = rail_name(rl), .microvolt = rail_microvolt(rl),
				      .out_j = rail_out_joules(rl, now),
				      .in_j = rail_in_joules(rl, now) };
	o->avg_amps = o->curve_eff = NAN;
	o->capacitance_f = rail_capacitance_farad(rl);
	if (rail_is_linear(rl))
		return;
	o->mode = rail_mode_name(rail_mode(rl));
	o->pwm_s = rail_mode_seconds(rl, RAIL_MODE_PWM, now);
	o->pfm_s = rail_mode_seconds(rl, RAIL_MODE_PFM, now);
	o->pwm_loss_j = rail_mode_loss_joules(rl, RAIL_MODE_PWM, now);
	o->pfm_loss_j = rail_mode_loss_joules(rl, RAIL_MODE_PFM, now);
	double up = o->pwm_s + o->pfm_s, v = rail_target_microvolt(rl) * 1e-6;
	if (up > 0.0 && v > 0.0) {
		o->avg_amps = o->out_j / up / v;
		o->curve_eff = rail_curve_efficiency(rl, RAIL_MODE_AUTO, o->avg_amps);
	}
}

/* The cell's state, its charge used and its projected life at the run's
 * average power (the chemistry's: delivered plus internal loss). */
static void collect_battery(struct rail_set *rs, struct pm_report *r)
{
	struct pm_battery *b = rail_set_battery(rs);
	if (!b)
		return;
	struct battery_stats st;
	battery_stats(b, &st);
	struct pm_report_battery *o = &r->battery;
	o->present = true;
	o->capacity_mah = st.capacity_c / 3.6;
	o->start_percent = st.start_percent;
	o->end_percent = st.percent;
	o->used_mah = st.charge_used_c / 3.6;
	o->used_percent = st.charge_used_c / st.capacity_c * 100.0;
	o->min_v = st.min_microvolt * 1e-6;
	o->cutoff_v = st.cutoff_microvolt * 1e-6;
	o->internal_j = st.internal_j;
	o->browned_out = st.browned_out;
	double t = (double)r->sim_time * 1e-12;
	o->avg_w = t > 0.0 ? (r->total_j + st.internal_j) / t : NAN;
	o->life_remaining_s = o->life_full_s = NAN;
	if (o->avg_w > 0.0) {
		o->life_remaining_s = battery_energy_j(b, 0.0, st.percent) / o->avg_w;
		o->life_full_s = battery_energy_j(b, 0.0, 100.0) / o->avg_w;
	}
}

int pm_collect(struct soc *soc, simtime_t now, struct pm_report *r)
{
	memset(r, 0, sizeof *r);
	r->soc = soc->model;
	r->sim_time = now;
	struct dramc *dram = find_dram(soc);
	if (dram)
		dramc_settle(dram, now);
	if (soc->pmu)
		pmu_report(soc->pmu, now, r);

	double sum = 0;
	unsigned nm = 0;
	for (struct pm_meter *m = soc->meters; m; m = m->next)
		nm++;
	r->meters = calloc(nm ? nm : 1, sizeof *r->meters);
	if (!r->meters)
		return -1;
	/* In the order the models listed them, oldest first. */
	unsigned k = nm;
	for (struct pm_meter *m = soc->meters; m; m = m->next) {
		double j = pm_meter_joules(m, now);
		r->meters[--k] = (struct pm_report_meter){ m->component, m->kind, j };
	}
	r->nmeters = nm;
	for (unsigned i = 0; i < nm; i++) {
		sum += r->meters[i].joules;
		if (add_energy(r, r->meters[i].component, r->meters[i].joules))
			return -1;
	}
	r->total_j = sum;
	if (soc->rails && rail_count(soc->rails)) {
		unsigned n = rail_count(soc->rails);
		r->rails = calloc(n, sizeof *r->rails);
		if (!r->rails)
			return -1;
		for (unsigned i = 0; i < n; i++)
			collect_rail(rail_at(soc->rails, i), now, &r->rails[i]);
		r->nrails = n;
		r->total_j = rail_set_battery_joules(soc->rails, now);
		collect_battery(soc->rails, r);
	}
	if (dram) {
		struct dramc_stats st;
		dramc_get_stats(dram, now, &st);
		r->dram = (struct pm_report_dram){
			true, st.time_ps[DRAMC_ACTIVE], st.time_ps[DRAMC_POWER_DOWN],
			st.time_ps[DRAMC_SELF_REFRESH], st.time_ps[DRAMC_OFF],
			st.self_refresh_entries, st.power_down_entries, st.reads, st.writes,
		};
	}
	struct simctl *sc = find_simctl(soc);
	if (sc) {
		simctl_report(sc, r);
		if (pm_markers_analyse(r))
			return -1;
	}
	if (lat_report(soc->lat, r))
		return -1;
	if (soc->thermal && thermal_report(soc->thermal, now, &r->thermal))
		return -1;
	r->diagnostics = (const char **)soc->diags;
	r->diagnostic_times = soc->diag_times;
	r->ndiagnostics = soc->ndiags;
	return 0;
}

double pm_energy_now(struct soc *soc, simtime_t now, bool settle)
{
	/* Two things are accounted lazily: the core's cycles, and the DRAM's
	 * idle-timer transitions (power-down, self-refresh), which its
	 * controller applies at their own times when next asked. `now` is
	 * the scheduler's present (a marker is written by the core, synced
	 * at every MMIO access, or by DMA in an event), so no access still to
	 * come is earlier and settling changes no timing. The PMU's
	 * statistics are left alone: only its meters are brought up to date.
	 * Without `settle` (in the PMU's trace, where the core's time may be
	 * ahead of the scheduler's) nothing is touched: the core was charged
	 * just before, and a DRAM transition still pending is missed. */
	if (settle) {
		struct dramc *dram = find_dram(soc);
		if (dram)
			dramc_settle(dram, now);
		if (soc->pmu)
			pmu_charge_core(soc->pmu);
	}
	if (soc->rails && rail_count(soc->rails))
		return rail_set_battery_joules(soc->rails, now);
	double sum = 0;
	for (struct pm_meter *m = soc->meters; m; m = m->next)
		sum += pm_meter_joules(m, now);
	return sum;
}

double pm_meter_joules_now(struct soc *soc, const struct pm_meter *m, simtime_t now)
{
	struct dramc *dram = find_dram(soc);
	if (dram) {
		for (int k = 0; k < DRAMC_NMETERS; k++)
			if (m == dramc_meter(dram, (enum dramc_meter_kind)k))
				return dramc_projected_joules(dram, now, m);
	}
	double j = pm_meter_joules(m, now);
	if (soc->pmu) {
		struct pm_meter *cm[PMU_CORE_METERS];
		double cj[PMU_CORE_METERS];
		unsigned n = pmu_core_uncharged(soc->pmu, cm, cj);
		for (unsigned i = 0; i < n; i++)
			if (cm[i] == m)
				j += cj[i];
	}
	return j;
}

void pm_collect_free(struct pm_report *r)
{
	free(r->components);
	free(r->rails);
	free(r->meters);
	pm_markers_free(r);
	r->components = NULL;
	r->rails = NULL;
	r->meters = NULL;
}
