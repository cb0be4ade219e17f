/*
 * The power-management unit: pmsim's own power controller
 * (docs/devices/pmu.md), and the core's power model.
 *
 * The core side follows the Linux bindings of the cpu node: its idle
 * states (`cpu-idle-states`, `arm,idle-state` nodes with entry/exit
 * latency and minimum residency, plus `pmsim,idle-mode` saying what the
 * state does), its operating points (`operating-points-v2`) and its
 * `dynamic-power-coefficient`. A WFI enters idle state 0; with
 * SCR.SLEEPDEEP it enters the state the LPMODE register names, or system
 * suspend. The core's hooks (cpu_set_power_hooks) tell the PMU when the
 * core sleeps and wakes; the PMU answers with the exit latency, and after
 * a power-off state it boots the core again through the warm-boot vector.
 *
 * Energy of the core:
 *  - dynamic: coefficient (µW/MHz/V², i.e. pJ per cycle per V²) × V² for
 *    every cycle, a stalled cycle weighted by `pmsim,stall-weight-percent`;
 *    charged at every change of V or f and whenever the core sleeps, from
 *    the core's cycle counters, so it costs nothing per instruction;
 *  - leakage: `pmsim,leakage-microwatt` at `pmsim,leakage-microvolt`
 *    (Vnom) and `pmsim,leakage-reference-millicelsius` (Tref, 25 °C),
 *    scaled with (V / Vnom) × e^((V − Vnom) / Vs) × 2^((T − Tref) / N)
 *    (pm/thermal.h: subthreshold current, exponential in V through DIBL
 *    with `pmsim,leakage-voltage-slope-microvolt` Vs, 300 mV, doubling
 *    every `pmsim,leakage-doubling-millicelsius` N, 20 °C; T the die's
 *    temperature from the thermal model, Tref without one) — at the
 *    rail's voltage while running or clock-gated, at the state's
 *    retention voltage in retention, and none when powered off; it
 *    follows every change of V and every step of the thermal model.
 *    The power domains' leakage scales the same way from their supply's
 *    reset voltage.
 *
 * Power domains are the PMU's `pmsim,domain-names`; a device names its
 * domain with `power-domains = <&pmu n>`, and a domain turned off loses
 * the register state of every device in it (dev_type.power).
 *
 * Latency (pm/latency.h): a wake-up from the wake event (the `wake` hook)
 * to the core's first instruction (the `resumed` hook), per idle state
 * and for suspend; a DVFS transition from its request (a set-point raise
 * on the core's rail, or the core's clock leaving its rate) to the core
 * at another OPP's rate with the rail at that OPP's voltage.
 */
#include "pm/pmu.h"

#include <inttypes.h>
#include <libfdt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "devices/dramc.h"
#include "pm/clock.h"
#include "pm/latency.h"
#include "pm/regulator.h"
#include "pm/thermal.h"
#include "sim/dt.h"
#include "sim/soc.h"

#define PMU_MAX_STATES 8
#define PMU_MAX_OPPS 16
#define PMU_MAX_DOMAINS 8
#define PMU_MAX_WAKE 32
#define PMU_NRET 8
#define PMU_ID 0x504d5531u /* "PMU1" */
#define PMU_AON_MAX_HZ 10000000u
#define LPMODE_SUSPEND 0xffu

enum idle_mode { IDLE_CLOCK_GATE, IDLE_RETENTION, IDLE_POWER_OFF };

enum {
	R_ID = 0x000,
	R_LPMODE = 0x004,
	R_WARMBOOT = 0x008,
	R_WAKE_EN = 0x00c,
	R_WAKE_STATUS = 0x010,
	R_STATUS = 0x014,
	R_SUSPENDS = 0x018,
	R_PD_CTRL = 0x020,   /* + 4 * domain */
	R_PD_STATUS = 0x040, /* + 4 * domain */
	R_AON_COUNT = 0x060,
	R_SLEEP_COUNT = 0x064,
	R_WAKE_COUNT = 0x068,
	R_WAKE_EXC = 0x06c,
	R_RET = 0x100,       /* + 4 * n, n < PMU_NRET */
};

#define STATUS_WARM 0x1u     /* the last wake-up went through the warm-boot vector */
#define STATUS_SUSPEND 0x2u  /* the last wake-up was from system suspend */

struct idle_state {
	char name[32];
	uint32_t entry_us, exit_us, min_res_us;
	enum idle_mode mode;
	uint32_t ret_uv;
	uint64_t usage, above, below;
	simtime_t time;
	double energy_j;       /* the core's energy while in it */
	uint64_t opp_entries[PMU_MAX_OPPS]; /* entries, by the OPP it was entered at */
};

struct opp {
	uint64_t hz;
	uint32_t uv;
	int node_off;          /* its node in the OPP table */
	simtime_t time;
	uint64_t entries;
	double energy_j;       /* the core's energy while at it */
};

struct domain {
	struct pmu *p;
	char name[24];
	enum pd_state state;
	struct pm_rail *rail;
	uint32_t nom_uv, uv;   /* the rail's voltage at reset, and now */
	double leak_w;         /* at nom_uv and Tref when on (thermal_leakage_factor) */
	double cap_f;          /* switched capacitance, recharged when it turns on */
	struct pm_meter meter, inrush;
	simtime_t since, t[3]; /* time per pd_state */
	uint64_t off_entries;
	char comp[32];
};

/* A peripheral's energy (docs/power.md "Peripherals"): while its domain
 * is on, its static power `pmsim,leakage-microwatt` (a quarter in
 * retention), and while its clock also runs, its dynamic power: CV²f
 * switching, `pmsim,femtojoule-per-cycle` (the energy of one clock cycle
 * at 1 V) × f × V² at its first clock's rate and its domain's voltage, plus
 * `pmsim,active-microwatt`, a clock-independent draw (analog parts). A
 * gated clock stops the dynamic part. */
struct devpow {
	struct pmu *p;
	struct pm_meter meter;
	char comp[256];
	double active_w, leak_w;
	double coeff;          /* W per Hz per V² */
	uint64_t hz;           /* its clock's rate */
	bool clocked;          /* its clock runs (or it has none) */
	int domain;            /* -1: none (always on) */
};

struct wake_src {
	char name[48];
	uint64_t count;
};

struct pmu {
	struct soc *soc;
	struct cpu *cpu;
	struct sched *sched;
	struct trace *trace;
	int phandle;

	/* core model */
	struct idle_state st[PMU_MAX_STATES];
	unsigned nst;
	struct opp opp[PMU_MAX_OPPS];
	unsigned nopp;
	int cur_opp;           /* -1: a frequency not in the table */
	simtime_t opp_since;
	uint64_t opp_trans;
	uint64_t trans[PMU_MAX_OPPS * PMU_MAX_OPPS];
	double coeff_pj;       /* per cycle per V² */
	double stall_weight;
	double leak_nom_w;
	uint32_t leak_nom_uv;
	struct thermal_leakage leak_law; /* V and T dependence (pm/thermal.h) */
	struct thermal *thermal;         /* NULL: leakage at Tref */
	struct pm_rail *rail;
	struct clk *clk;
	uint32_t uv;
	uint64_t hz;
	struct pm_meter dyn, leak, icache, dcache;
	/* The FPU's switching energy per busy cycle (pmsim,fpu-cycle-pj), a
	 * meter of its own listed when the DT gives the figure. */
	struct pm_meter fpu;
	double fpu_pj;
	uint64_t charged_fp;
	/* Transition energy (docs/power.md "Transitions"): the core's
	 * switched capacitance, recharged at a wake-up from power-off (C·V²)
	 * and from retention (½·C·(V² − Vret²)); the PMU's own power while it
	 * sequences an entry or an exit. Extra meters, listed only when the
	 * DT gives their figure. */
	double core_cap_f, seq_w;
	struct pm_meter trans_m, seq;
	struct pm_meter *xm[3 + PMU_MAX_DOMAINS];
	unsigned nxm;
	uint64_t charged_cycles, charged_stall, charged_ic, charged_dc;
	double ic_pj, dc_pj;   /* per cache access at leak_nom_uv */
	bool undervolt;
	bool undervolt_lockup;  /* pmsim,undervolt-action = "lockup" */

	/* The core's energy (all its meters) when the present OPP and the
	 * present sleep began: what they cost is the difference at the end. */
	double opp_mark_j, sleep_mark_j;

	/* sleep */
	bool asleep, suspended;
	unsigned cur;
	simtime_t sleep_start, busy, idle, last_change;
	struct wake_src wk[PMU_MAX_WAKE];
	unsigned nwk;
	char last_wake[48];    /* the source of the latest wake-up */
	unsigned wake_exc;     /* its exception */
	bool wake_suspend;     /* it ended a system suspend */
	uint64_t suspends;
	simtime_t suspended_time;
	struct dramc *dram;

	struct domain dom[PMU_MAX_DOMAINS];
	unsigned ndom;
	struct devpow *dev;
	unsigned ndev;

	/* The always-on counter: cycles of the PMU's clock (`clocks`, entry
	 * 0), aon_base of them at aon_since; the counts latched when the
	 * core last slept and last woke. */
	uint64_t aon_hz, aon_base;
	simtime_t aon_since;
	uint32_t sleep_count, wake_count;

	/* Latency (pm/latency.h, docs/devices/pmu.md "Latency"). A wake-up
	 * from the wake event to the core's first instruction: */
	bool wake_open;
	simtime_t wake_at;
	const char *wake_name; /* the idle state's name, or "suspend" */
	/* A DVFS transition, from its request to the core running at
	 * another OPP with the rail at that OPP's voltage: */
	bool dvfs_open, dvfs_left;
	simtime_t dvfs_at;
	int dvfs_from;         /* the OPP it left (-1: none) */

	/* registers */
	uint32_t lpmode, warmboot, wake_en, wake_status, status, ret[PMU_NRET];

	/* report storage */
	struct pm_report_cstate rcs[PMU_MAX_STATES];
	struct pm_report_opp ropp[PMU_MAX_OPPS];
	uint64_t rtrans[PMU_MAX_OPPS * PMU_MAX_OPPS];
	struct pm_report_domain rdom[PMU_MAX_DOMAINS];
	struct pm_report_count rwk[PMU_MAX_WAKE];
	struct pm_report_cpu rcpu;
};

static simtime_t us_ps(uint32_t us)
{
	return (simtime_t)us * PS_PER_US;
}

/* The always-on counter's value at `now` (it never stops: its oscillator
 * is the always-on domain's). The split keeps the product in 64 bits for
 * any clock up to PMU_AON_MAX_HZ. */
static uint64_t aon_count(const struct pmu *p, simtime_t now)
{
	simtime_t d = now > p->aon_since ? now - p->aon_since : 0;
	return p->aon_base + d / PS_PER_S * p->aon_hz + d % PS_PER_S * p->aon_hz / PS_PER_S;
}

static void aon_set_rate(struct pmu *p, simtime_t now, uint64_t hz)
{
	p->aon_base = aon_count(p, now);
	p->aon_since = now;
	p->aon_hz = hz;
}

static double vscale(uint32_t uv, uint32_t nom)
{
	double r = nom ? (double)uv / (double)nom : 1.0;
	return r * r;
}

/* ---- the core's energy and operating point ----------------------------- */

/* What the core ran since the last charge, at the present V: the energy
 * for the dynamic, I-cache, D-cache and FPU meters (j[0..3]), and the
 * counts that charging it would record as charged. */
struct core_charge {
	double j[PMU_CORE_METERS];
	uint64_t cycles, stall, ic, dc, fp;
};

static void uncharged(const struct pmu *p, struct core_charge *c)
{
	struct cpu_mem_stats ms;
	cpu_mem_stats(p->cpu, &ms);
	uint64_t cyc = cpu_cycles(p->cpu);
	uint64_t dc = cyc - p->charged_cycles, ds = ms.stall_cycles - p->charged_stall;
	if (ds > dc)
		ds = dc;
	double v = p->uv / 1e6;
	double pj = ((double)(dc - ds) + p->stall_weight * (double)ds) * p->coeff_pj * v * v;
	c->j[0] = pj * 1e-12;
	c->cycles = cyc;
	c->stall = ms.stall_cycles;
	/* Cache accesses (lookups: hits and misses) at the present V. */
	uint64_t ic = ms.icache_hits + ms.icache_misses, dca = ms.dcache_hits + ms.dcache_misses;
	double s = vscale(p->uv, p->leak_nom_uv) * 1e-12;
	c->j[1] = (double)(ic - p->charged_ic) * p->ic_pj * s;
	c->j[2] = (double)(dca - p->charged_dc) * p->dc_pj * s;
	c->ic = ic;
	c->dc = dca;
	/* FPU busy cycles, the same V² scaling. */
	c->fp = cpu_fp_cycles(p->cpu);
	c->j[3] = (double)(c->fp - p->charged_fp) * p->fpu_pj * s;
}

/* Charge the cycles the core ran since the last charge at the present V. */
static void charge_dynamic(struct pmu *p)
{
	if (!p->cpu)
		return;
	struct core_charge c;
	uncharged(p, &c);
	simtime_t now = sched_now(p->sched);
	pm_meter_add(&p->dyn, now, c.j[0]);
	if (c.ic != p->charged_ic)
		pm_meter_add(&p->icache, now, c.j[1]);
	if (c.dc != p->charged_dc)
		pm_meter_add(&p->dcache, now, c.j[2]);
	if (c.fp != p->charged_fp)
		pm_meter_add(&p->fpu, now, c.j[3]);
	p->charged_fp = c.fp;
	p->charged_cycles = c.cycles;
	p->charged_stall = c.stall;
	p->charged_ic = c.ic;
	p->charged_dc = c.dc;
}

unsigned pmu_core_uncharged(const struct pmu *p, struct pm_meter *m[PMU_CORE_METERS],
			    double j[PMU_CORE_METERS])
{
	if (!p->cpu)
		return 0;
	struct core_charge c;
	uncharged(p, &c);
	struct pmu *w = (struct pmu *)p; /* the meters, not the PMU, are handed out */
	m[0] = &w->dyn;
	m[1] = &w->icache;
	m[2] = &w->dcache;
	m[3] = &w->fpu;
	for (int i = 0; i < PMU_CORE_METERS; i++)
		j[i] = c.j[i];
	return PMU_CORE_METERS;
}

/* Leakage at `uv` relative to `ref_uv` and the present die temperature. */
static double leak_scale(const struct pmu *p, uint32_t uv, uint32_t ref_uv)
{
	double t = thermal_die_celsius(p->thermal, p->leak_law.ref_c);
	return thermal_leakage_factor(&p->leak_law, uv / 1e6, ref_uv / 1e6, t);
}

static void update_leakage(struct pmu *p, simtime_t now)
{
	double w;
	if (!p->asleep) {
		w = p->leak_nom_w * leak_scale(p, p->uv, p->leak_nom_uv);
	} else {
		const struct idle_state *s = &p->st[p->cur];
		if (p->suspended || s->mode == IDLE_POWER_OFF)
			w = 0;
		else if (s->mode == IDLE_RETENTION)
			w = p->leak_nom_w * leak_scale(p, s->ret_uv < p->uv ? s->ret_uv : p->uv,
						       p->leak_nom_uv);
		else
			w = p->leak_nom_w * leak_scale(p, p->uv, p->leak_nom_uv);
	}
	pm_meter_set(&p->leak, now, w);
}

/* The voltage the present frequency needs: that of the slowest OPP at
 * least as fast; 0 when the table is empty or nothing is that fast. */
static uint32_t needed_uv(const struct pmu *p, uint64_t hz)
{
	uint32_t best = 0;
	uint64_t best_hz = UINT64_MAX;
	for (unsigned i = 0; i < p->nopp; i++)
		if (p->opp[i].hz >= hz && p->opp[i].hz < best_hz) {
			best_hz = p->opp[i].hz;
			best = p->opp[i].uv;
		}
	return best;
}

static void check_voltage(struct pmu *p)
{
	uint32_t need = needed_uv(p, p->hz);
	bool bad = need && p->uv < need;
	if (bad && !p->undervolt) {
		char msg[200];
		snprintf(msg, sizeof msg, "cpu0 runs at %" PRIu64 " Hz with its supply at %u uV, "
			 "below the %u uV its operating points need for that frequency",
			 p->hz, p->uv, need);
		soc_diag(p->soc, "%s", msg);
		if (p->undervolt_lockup && p->cpu)
			cpu_lockup(p->cpu, msg);
	}
	if (!need && p->nopp && !p->undervolt && p->hz > p->opp[p->nopp - 1].hz) {
		soc_diag(p->soc, "cpu0 runs at %" PRIu64 " Hz, above its fastest operating point",
			 p->hz);
		bad = true;
	}
	p->undervolt = bad;
}

/* Everything the core itself draws, up to `now`. */
static double core_joules(struct pmu *p, simtime_t now)
{
	return pm_meter_joules(&p->dyn, now) + pm_meter_joules(&p->leak, now) +
	       pm_meter_joules(&p->icache, now) + pm_meter_joules(&p->dcache, now) +
	       pm_meter_joules(&p->fpu, now);
}

/* Time and energy at the present OPP since the last account. A suspended
 * core is not clocked: that time is suspended time, at no OPP (as Linux's
 * cpufreq time_in_state, which stops while the system sleeps). */
static void opp_account(struct pmu *p, simtime_t now)
{
	double j = core_joules(p, now);
	simtime_t dt = now > p->opp_since ? now - p->opp_since : 0;
	if (p->suspended) {
		p->suspended_time += dt;
	} else if (p->cur_opp >= 0) {
		p->opp[p->cur_opp].time += dt;
		p->opp[p->cur_opp].energy_j += j - p->opp_mark_j;
	}
	p->opp_mark_j = j;
	if (now > p->opp_since)
		p->opp_since = now;
}

static int opp_index(const struct pmu *p, uint64_t hz)
{
	for (unsigned i = 0; i < p->nopp; i++)
		if (p->opp[i].hz == hz)
			return (int)i;
	return -1;
}

/* ---- DVFS latency ----------------------------------------------------- */

static void dvfs_open(struct pmu *p, simtime_t now)
{
	if (p->dvfs_open)
		return;
	p->dvfs_open = true;
	p->dvfs_left = false;
	p->dvfs_at = now;
	p->dvfs_from = p->cur_opp;
}

/* After a change of the core's rate or voltage: an open transition ends
 * when the core runs at an OPP other than the one it left with the rail
 * at (or above) that OPP's voltage; it is dropped if the core comes back
 * to the rate it left. */
static void dvfs_check(struct pmu *p, simtime_t now)
{
	if (!p->dvfs_open)
		return;
	uint64_t from_hz = p->dvfs_from >= 0 ? p->opp[p->dvfs_from].hz : 0;
	if (p->dvfs_from < 0 || p->hz != from_hz)
		p->dvfs_left = true;
	int j = p->cur_opp;
	if (j >= 0 && j != p->dvfs_from && (!p->rail || p->uv >= p->opp[j].uv)) {
		char name[32];
		snprintf(name, sizeof name, "%" PRIu64 " MHz", p->opp[j].hz / 1000000u);
		if (p->opp[j].hz % 1000000u)
			snprintf(name, sizeof name, "%" PRIu64 " Hz", p->opp[j].hz);
		lat_add(p->soc->lat, LAT_DVFS, name, now - p->dvfs_at);
		p->dvfs_open = false;
	} else if (p->dvfs_left && p->dvfs_from >= 0 && p->hz == from_hz) {
		p->dvfs_open = false;
	}
}

/* A set-point request on the core's rail: a raise starts a transition
 * (the voltage goes up before the rate does); a lowering follows one. */
static void rail_setpoint(void *opaque, simtime_t now, uint32_t uv, bool on)
{
	struct pmu *p = opaque;
	(void)on;
	if (uv > rail_target_microvolt(p->rail))
		dvfs_open(p, now);
}

static void set_freq(struct pmu *p, simtime_t now, uint64_t hz)
{
	if (hz != p->hz)
		dvfs_open(p, now);
	charge_dynamic(p);
	opp_account(p, now);
	int idx = opp_index(p, hz);
	if (idx != p->cur_opp) {
		if (idx >= 0)
			p->opp[idx].entries++;
		if (idx >= 0 && p->cur_opp >= 0) {
			p->opp_trans++;
			p->trans[p->cur_opp * PMU_MAX_OPPS + idx]++;
		}
		p->cur_opp = idx;
	}
	p->hz = hz;
	if (p->cpu) {
		if (hz) {
			cpu_set_freq(p->cpu, (uint32_t)hz);
			cpu_set_frozen(p->cpu, false);
		} else {
			cpu_set_frozen(p->cpu, true);
		}
	}
	trace_state(p->trace, now, "cpu0", "hz", (int64_t)hz, NULL);
	check_voltage(p);
	dvfs_check(p, now);
}

static void clk_changed(void *opaque, simtime_t now, uint64_t hz)
{
	set_freq(opaque, now, hz);
}

static void rail_changed(void *opaque, simtime_t now, uint32_t uv, bool on)
{
	struct pmu *p = opaque;
	charge_dynamic(p);
	p->uv = on ? uv : 0;
	update_leakage(p, now);
	trace_state(p->trace, now, "cpu0", "microvolt", p->uv, NULL);
	if (!p->suspended)
		check_voltage(p);
	dvfs_check(p, now);
}

/* ---- power domains ----------------------------------------------------- */

static void domain_leak(struct domain *d, simtime_t now)
{
	double w = 0;
	if (d->state == PD_ON)
		w = d->leak_w;
	else if (d->state == PD_RETENTION)
		w = d->leak_w / 4;
	pm_meter_set(&d->meter, now, w * leak_scale(d->p, d->uv, d->nom_uv));
}

static void devpow_update(struct devpow *d, simtime_t now);

static void domain_rail_changed(void *opaque, simtime_t now, uint32_t uv, bool on)
{
	struct domain *d = opaque;
	d->uv = on ? uv : 0;
	domain_leak(d, now);
	/* Its devices' dynamic power follows V². */
	struct pmu *p = d->p;
	for (unsigned i = 0; i < p->ndev; i++)
		if (p->dev[i].domain == (int)(d - p->dom))
			devpow_update(&p->dev[i], now);
}

static void devpow_update(struct devpow *d, simtime_t now)
{
	const struct domain *dom = d->domain >= 0 ? &d->p->dom[d->domain] : NULL;
	enum pd_state st = dom ? dom->state : PD_ON;
	/* Leakage as the domain's: with its voltage and the die's
	 * temperature; without a domain, the temperature alone. */
	double leak = d->leak_w * (dom ? leak_scale(d->p, dom->uv, dom->nom_uv)
				       : leak_scale(d->p, 1000000, 1000000));
	double w = 0;
	if (st == PD_ON) {
		w = leak;
		if (d->clocked) {
			double v = dom ? dom->uv / 1e6 : 0;
			w += d->active_w + d->coeff * (double)d->hz * v * v;
		}
	} else if (st == PD_RETENTION) {
		w = leak / 4;
	}
	pm_meter_set(&d->meter, now, w);
}

static void devpow_clock(void *opaque, simtime_t now, uint64_t hz)
{
	struct devpow *d = opaque;
	d->hz = hz;
	d->clocked = hz != 0;
	devpow_update(d, now);
}

/* The domain index a node's `power-domains` names in this PMU, or -1. */
static int node_domain(const struct pmu *p, int off)
{
	int len;
	const fdt32_t *pd = off >= 0 ? fdt_getprop(p->soc->fdt, off, "power-domains", &len)
				     : NULL;
	if (pd && len >= 8 && (int)fdt32_to_cpu(pd[0]) == p->phandle &&
	    fdt32_to_cpu(pd[1]) < p->ndom)
		return (int)fdt32_to_cpu(pd[1]);
	return -1;
}

/* Every device whose `power-domains` names domain `idx` of this PMU. */
static void domain_devices(struct pmu *p, unsigned idx, enum pd_state st)
{
	struct soc *soc = p->soc;
	for (unsigned i = 0; i < soc->ndevs; i++) {
		const struct soc_device *sd = &soc->devs[i];
		if (!sd->type || !sd->type->power)
			continue;
		if (node_domain(p, fdt_path_offset(soc->fdt, sd->path)) == (int)idx)
			sd->type->power(sd->state, st);
	}
}

/* Memory whose domain powers off keeps nothing: it reads back as a
 * deterministic pattern (never zeros, which could pass for data), written
 * through bus_load so that decoded code there is dropped. */
static void domain_memories_lost(struct pmu *p, unsigned idx)
{
	struct soc *soc = p->soc;
	uint8_t buf[4096];
	for (unsigned k = 0; k < soc->nmem; k++) {
		const struct soc_memory *m = &soc->mem[k];
		if (m->rom || node_domain(p, fdt_path_offset(soc->fdt, m->path)) != (int)idx)
			continue;
		for (uint32_t off = 0; off < m->size; off += sizeof buf) {
			uint32_t n = m->size - off < sizeof buf ? m->size - off : sizeof buf;
			for (uint32_t i = 0; i < n; i += 4) {
				uint32_t v = (m->base + off + i) * 2654435761u ^ 0xa5c3e1f7u;
				memcpy(buf + i, &v, n - i < 4 ? n - i : 4);
			}
			bus_load(&soc->bus, m->base + off, buf, n);
		}
	}
}

static void domain_set(struct pmu *p, unsigned idx, enum pd_state st, simtime_t now)
{
	struct domain *d = &p->dom[idx];
	if (d->state == st)
		return;
	if (now > d->since)
		d->t[d->state] += now - d->since;
	d->since = now;
	if (st == PD_OFF)
		d->off_entries++;
	/* Turning on from off recharges the domain's capacitance through
	 * its power switch: C·V² (half stored, half lost in the switch). */
	if (d->state == PD_OFF && d->cap_f > 0 && d->uv)
		pm_meter_add(&d->inrush, now, d->cap_f * (d->uv / 1e6) * (d->uv / 1e6));
	d->state = st;
	domain_leak(d, now);
	domain_devices(p, idx, st);
	/* The FPU's own domain: gated, the coprocessor answers nothing. */
	if (p->cpu && !strcmp(d->name, "fpu"))
		cpu_set_fpu_power(p->cpu, st == PD_ON, st == PD_OFF);
	if (st == PD_OFF) {
		domain_memories_lost(p, idx);
		if (p->dram && !strcmp(d->name, "dram"))
			dramc_power_lost(p->dram, now, "its power domain was switched off");
	} else if (p->dram && !strcmp(d->name, "dram") && dramc_state(p->dram, now) == DRAMC_OFF) {
		dramc_set_rail(p->dram, now, true);
	}
	for (unsigned i = 0; i < p->ndev; i++)
		if (p->dev[i].domain == (int)idx)
			devpow_update(&p->dev[i], now);
	trace_state(p->trace, now, d->comp, "state", st,
		    st == PD_ON ? "on" : st == PD_RETENTION ? "retention" : "off");
}

static int domain_by_name(const struct pmu *p, const char *name)
{
	for (unsigned i = 0; i < p->ndom; i++)
		if (!strcmp(p->dom[i].name, name))
			return (int)i;
	return -1;
}

/* ---- sleep, wake, suspend ---------------------------------------------- */

static void busy_account(struct pmu *p, simtime_t now)
{
	if (now > p->last_change) {
		if (p->asleep)
			p->idle += now - p->last_change;
		else
			p->busy += now - p->last_change;
	}
	p->last_change = now;
}

static void enter_suspend(struct pmu *p, simtime_t now)
{
	opp_account(p, now);
	p->suspended = true;
	p->suspends++;
	if (p->dram && dramc_state(p->dram, now) != DRAMC_SELF_REFRESH)
		dramc_power_lost(p->dram, now, "the SoC was suspended with the DRAM not in "
				 "self-refresh, so nothing refreshed it");
	for (unsigned i = 0; i < p->ndom; i++)
		if (strcmp(p->dom[i].name, "aon") && strcmp(p->dom[i].name, "dram"))
			domain_set(p, i, PD_OFF, now);
	if (p->soc->clocks)
		clk_tree_suspend(p->soc->clocks);
	if (p->rail)
		rail_enable(p->rail, false);
	trace_state(p->trace, now, "soc", "suspend", 1, "suspended");
}

/* Resume from suspend; returns how long the power-up takes: the core
 * rail's enable ramp, then the PLLs' relock (they need the rail up). The
 * clock tree relocks from `now`, so its consumers see their rates back
 * before the core runs again, which cannot be observed. */
static simtime_t leave_suspend(struct pmu *p, simtime_t now)
{
	simtime_t lat = 0;
	if (p->rail) {
		simtime_t t = rail_enable(p->rail, true);
		if (t != SIMTIME_NEVER && t > now)
			lat += t - now;
	}
	if (p->soc->clocks) {
		simtime_t t = clk_tree_resume(p->soc->clocks);
		if (t > now)
			lat += t - now;
	}
	if (p->dram && dramc_state(p->dram, now) == DRAMC_OFF)
		dramc_set_rail(p->dram, now, true);
	for (unsigned i = 0; i < p->ndom; i++)
		domain_set(p, i, PD_ON, now);
	opp_account(p, now);
	p->suspended = false;
	trace_state(p->trace, now, "soc", "suspend", 0, "running");
	return lat;
}

static void pmu_sleep(void *opaque, simtime_t now, bool deep)
{
	struct pmu *p = opaque;
	charge_dynamic(p);
	busy_account(p, now);
	unsigned idx = 0;
	bool suspend = false;
	if (deep) {
		if (p->lpmode == LPMODE_SUSPEND)
			suspend = true;
		else if (p->lpmode < p->nst)
			idx = p->lpmode;
	}
	if (suspend)
		idx = p->nst - 1;
	p->asleep = true;
	p->cur = idx;
	if (p->cur_opp >= 0 && !suspend)
		p->st[idx].opp_entries[p->cur_opp]++;
	p->sleep_start = now;
	p->sleep_count = (uint32_t)aon_count(p, now);
	update_leakage(p, now);
	p->sleep_mark_j = core_joules(p, now);
	trace_state(p->trace, now, "cpu0", "cstate", (int64_t)idx + 1, p->st[idx].name);
	if (suspend)
		enter_suspend(p, now);
}

/* The energy of a sleep's transitions, charged at its wake-up: the PMU's
 * sequencing power over the time it sequenced (the whole entry, which a
 * wake-up during it waits for, and everything the wake-up waits for: a
 * suspend's rail ramp, crystal start-up and PLL relock, the exit), and the
 * recharge of the core's capacitance, at the voltage it comes back to. */
/* The recharge of the core's capacitance on coming back at `uv` from
 * state `s` (from suspend when `suspend`): C·V² after a power-off, through
 * its switch; ½·C·(V² − Vret²) from retention; nothing after clock gating. */
static double core_recharge_j(const struct pmu *p, const struct idle_state *s, bool suspend,
			      uint32_t uv)
{
	double v = uv / 1e6;
	if (suspend || s->mode == IDLE_POWER_OFF)
		return p->core_cap_f * v * v;
	if (s->mode == IDLE_RETENTION && s->ret_uv < uv) {
		double r = s->ret_uv / 1e6;
		return 0.5 * p->core_cap_f * (v * v - r * r);
	}
	return 0;
}

static void charge_transition(struct pmu *p, const struct idle_state *s, bool suspend,
			      simtime_t now, simtime_t sequenced)
{
	if (p->seq_w > 0)
		pm_meter_add(&p->seq, now, p->seq_w * (double)sequenced / PS_PER_S);
	double j = core_recharge_j(p, s, suspend, p->rail ? rail_target_microvolt(p->rail) : p->uv);
	if (j > 0)
		pm_meter_add(&p->trans_m, now, j);
}

static const char *wake_name(struct pmu *p, unsigned exc, char *buf, size_t len)
{
	return exc >= 16 ? soc_irq_name(p->soc, exc - 16, buf, len)
	       : exc == 15 ? "systick" : "other";
}

static void count_wake(struct pmu *p, const char *name, int delta)
{
	for (unsigned i = 0; i < p->nwk; i++)
		if (!strcmp(p->wk[i].name, name)) {
			p->wk[i].count += (uint64_t)(int64_t)delta;
			return;
		}
	if (delta > 0 && p->nwk < PMU_MAX_WAKE) {
		snprintf(p->wk[p->nwk].name, sizeof p->wk[0].name, "%s", name);
		p->wk[p->nwk++].count = 1;
	}
}

static simtime_t pmu_wake(void *opaque, simtime_t now)
{
	struct pmu *p = opaque;
	unsigned exc = p->cpu ? cpu_wake_exception(p->cpu) : 0;
	if (p->suspended && (exc < 16 || exc - 16 >= 32 || !(p->wake_en >> (exc - 16) & 1)))
		return SIMTIME_NEVER;
	char buf[48];
	const char *src = wake_name(p, exc, buf, sizeof buf);
	count_wake(p, src, 1);
	p->wake_count = (uint32_t)aon_count(p, now);
	snprintf(p->last_wake, sizeof p->last_wake, "%s", src);
	p->wake_exc = exc;
	p->wake_suspend = p->suspended;

	struct idle_state *s = &p->st[p->cur];
	simtime_t res = now > p->sleep_start ? now - p->sleep_start : 0;
	if (!p->suspended) {
		/* System suspend is not an idle state: it has its own
		 * figures. Linux cpuidle: too deep if the sleep was shorter
		 * than the state's target residency, too shallow if a deeper
		 * state's would have fit. */
		s->usage++;
		s->time += res;
		s->energy_j += core_joules(p, now) - p->sleep_mark_j;
		if (res < us_ps(s->min_res_us) && p->cur > 0)
			s->above++;
		else if (p->cur + 1 < p->nst && res >= us_ps(p->st[p->cur + 1].min_res_us))
			s->below++;
	}

	p->wake_open = true;
	p->wake_at = now;
	p->wake_name = p->suspended ? "suspend" : s->name;

	simtime_t lat = 0;
	simtime_t entered = p->sleep_start + us_ps(s->entry_us);
	if (entered > now)
		lat += entered - now;
	bool was_suspended = p->suspended;
	bool warm = s->mode == IDLE_POWER_OFF || was_suspended;
	p->status = 0;
	if (p->suspended) {
		lat += leave_suspend(p, now);
		p->status |= STATUS_SUSPEND;
		if (exc >= 16)
			p->wake_status |= 1u << (exc - 16);
	}
	lat += us_ps(s->exit_us);
	charge_transition(p, s, was_suspended, now, (entered > now ? now : entered) -
			  p->sleep_start + lat);
	busy_account(p, now);
	p->asleep = false;
	p->last_change = now + lat;
	p->idle += lat;
	update_leakage(p, now);
	trace_state(p->trace, now, "cpu0", "cstate", 0, "running");
	if (warm && p->cpu) {
		p->status |= STATUS_WARM;
		if (p->soc->core_power_off)
			p->soc->core_power_off(p->soc->core_power_off_opaque, p->sleep_start);
		unsigned lost = cpu_warm_boot(p->cpu, p->warmboot);
		/* The lines were lost when the core powered off, not now. */
		if (lost)
			soc_diag_at(p->soc, p->sleep_start, "cpu0 powered off (%s) with %u dirty "
				    "D-cache line%s: %s lost", was_suspended ? "suspend" : s->name,
				    lost, lost == 1 ? "" : "s",
				    lost == 1 ? "its data is" : "their data is");
		p->charged_cycles = cpu_cycles(p->cpu);
	}
	return lat;
}

/* The core's first instruction after the wake-up: the wake-up latency of
 * the state it slept in. */
static void pmu_resumed(void *opaque, simtime_t now)
{
	struct pmu *p = opaque;
	if (!p->wake_open)
		return;
	p->wake_open = false;
	lat_add(p->soc->lat, LAT_WAKEUP, p->wake_name, now > p->wake_at ? now - p->wake_at : 0);
	/* A wake-up from an idle state counts for the exception the core
	 * finds pending when it resumes, as firmware reads it
	 * (VECTPENDING): one of higher priority may have come during the
	 * exit latency. A system suspend's is the line that woke it
	 * (WAKE_STATUS). */
	unsigned exc = p->cpu ? cpu_resume_exception(p->cpu) : 0;
	if (!p->wake_suspend && exc && exc != p->wake_exc) {
		char buf[48];
		count_wake(p, p->last_wake, -1);
		const char *src = wake_name(p, exc, buf, sizeof buf);
		count_wake(p, src, 1);
		snprintf(p->last_wake, sizeof p->last_wake, "%s", src);
		p->wake_exc = exc;
	}
}

/* ---- registers ---------------------------------------------------------- */

static int pmu_read(void *opaque, uint32_t off, unsigned size, uint32_t *val)
{
	struct pmu *p = opaque;
	(void)size;
	{
		uint32_t v = 0;
		if (off == R_ID)
			v = PMU_ID;
		else if (off == R_LPMODE)
			v = p->lpmode;
		else if (off == R_WARMBOOT)
			v = p->warmboot;
		else if (off == R_WAKE_EN)
			v = p->wake_en;
		else if (off == R_WAKE_STATUS)
			v = p->wake_status;
		else if (off == R_STATUS)
			v = p->status | (uint32_t)p->nst << 8 | (uint32_t)p->ndom << 16;
		else if (off == R_SUSPENDS)
			v = (uint32_t)p->suspends;
		else if (off == R_AON_COUNT)
			v = (uint32_t)aon_count(p, sched_now(p->sched));
		else if (off == R_SLEEP_COUNT)
			v = p->sleep_count;
		else if (off == R_WAKE_COUNT)
			v = p->wake_count;
		else if (off == R_WAKE_EXC)
			v = p->wake_exc;
		else if (off >= R_PD_CTRL && off < R_PD_CTRL + 4 * p->ndom)
			v = p->dom[(off - R_PD_CTRL) / 4].state;
		else if (off >= R_PD_STATUS && off < R_PD_STATUS + 4 * p->ndom)
			v = p->dom[(off - R_PD_STATUS) / 4].state;
		else if (off >= R_RET && off < R_RET + 4 * PMU_NRET)
			v = p->ret[(off - R_RET) / 4];
		*val = v;
	}
	return BUS_OK;
}

static int pmu_write(void *opaque, uint32_t off, unsigned size, uint32_t v)
{
	struct pmu *p = opaque;
	simtime_t now = sched_now(p->sched);
	(void)size;
	if (off == R_LPMODE)
		p->lpmode = v == LPMODE_SUSPEND || v < p->nst ? v : p->lpmode;
	else if (off == R_WARMBOOT)
		p->warmboot = v & ~0x7fu;
	else if (off == R_WAKE_EN)
		p->wake_en = v;
	else if (off == R_WAKE_STATUS)
		p->wake_status &= ~v;
	else if (off >= R_PD_CTRL && off < R_PD_CTRL + 4 * p->ndom) {
		unsigned i = (off - R_PD_CTRL) / 4;
		/* The core's and the always-on domain follow the core and
		 * suspend; software sets the others. */
		if (strcmp(p->dom[i].name, "core") && strcmp(p->dom[i].name, "aon") && v <= PD_ON)
			domain_set(p, i, (enum pd_state)v, now);
	} else if (off >= R_RET && off < R_RET + 4 * PMU_NRET)
		p->ret[(off - R_RET) / 4] = v;
	return BUS_OK;
}

/* ---- construction ------------------------------------------------------- */

static int parse_idle_states(struct pmu *p, const struct dt_node *cpu, struct err *e)
{
	int n = dt_cells(cpu, "cpu-idle-states");
	if (n < 0 || n > PMU_MAX_STATES)
		return errf(e, "%s: 'cpu-idle-states' must list 1 to %d phandles", cpu->path,
			    PMU_MAX_STATES);
	if (n == 0) {
		/* No table: plain WFI gates the clock and costs nothing. */
		snprintf(p->st[0].name, sizeof p->st[0].name, "wfi");
		p->nst = 1;
		return 0;
	}
	for (int i = 0; i < n; i++) {
		int off = fdt_node_offset_by_phandle(cpu->fdt, dt_cell(cpu, "cpu-idle-states", i));
		if (off < 0)
			return errf(e, "%s: 'cpu-idle-states' entry %d names no node", cpu->path, i);
		struct dt_node sn = { .fdt = cpu->fdt, .off = off };
		fdt_get_path(cpu->fdt, off, sn.path, sizeof sn.path);
		struct idle_state *s = &p->st[i];
		const char *name = fdt_get_name(cpu->fdt, off, NULL);
		snprintf(s->name, sizeof s->name, "%s", dt_string(&sn, "idle-state-name")
			 ? dt_string(&sn, "idle-state-name") : name);
		if (dt_u32(&sn, "entry-latency-us", &s->entry_us, e) ||
		    dt_u32(&sn, "exit-latency-us", &s->exit_us, e) ||
		    dt_u32(&sn, "min-residency-us", &s->min_res_us, e))
			return -1;
		const char *mode = dt_string(&sn, "pmsim,idle-mode");
		if (!mode || !strcmp(mode, "clock-gate"))
			s->mode = IDLE_CLOCK_GATE;
		else if (!strcmp(mode, "retention"))
			s->mode = IDLE_RETENTION;
		else if (!strcmp(mode, "power-off"))
			s->mode = IDLE_POWER_OFF;
		else
			return errf(e, "%s: 'pmsim,idle-mode' is \"%s\"; expected \"clock-gate\", "
				    "\"retention\" or \"power-off\"", sn.path, mode);
		s->ret_uv = dt_u32_opt(&sn, "pmsim,retention-microvolt", 0);
		if (s->mode == IDLE_RETENTION && !s->ret_uv)
			return errf(e, "%s: a retention state needs 'pmsim,retention-microvolt'",
				    sn.path);
	}
	p->nst = (unsigned)n;
	return 0;
}

/* The table `operating-points-v2` names must be one: a table of another
 * kind, or an empty one, would leave DVFS without operating points and
 * the report without its OPP statistics, silently. */
static int parse_opps(struct pmu *p, const struct dt_node *cpu, struct err *e)
{
	if (!dt_cells(cpu, "operating-points-v2"))
		return 0;
	int tab = fdt_node_offset_by_phandle(cpu->fdt, dt_cell(cpu, "operating-points-v2", 0));
	if (tab < 0)
		return errf(e, "%s: 'operating-points-v2' names no node", cpu->path);
	char tpath[256];
	fdt_get_path(cpu->fdt, tab, tpath, sizeof tpath);
	if (fdt_node_check_compatible(cpu->fdt, tab, "operating-points-v2") != 0)
		return errf(e, "%s: 'operating-points-v2' names %s, which is not an OPP table "
			    "(compatible = \"operating-points-v2\")", cpu->path, tpath);
	int sub;
	fdt_for_each_subnode(sub, cpu->fdt, tab) {
		struct dt_node on = { .fdt = cpu->fdt, .off = sub };
		fdt_get_path(cpu->fdt, sub, on.path, sizeof on.path);
		if (p->nopp >= PMU_MAX_OPPS)
			return errf(e, "%s: more than %d operating points", on.path, PMU_MAX_OPPS);
		struct opp *o = &p->opp[p->nopp];
		o->node_off = sub;
		if (dt_u64(&on, "opp-hz", &o->hz, e) || dt_u32(&on, "opp-microvolt", &o->uv, e))
			return -1;
		if (!o->hz || o->hz > UINT32_MAX)
			return errf(e, "%s: 'opp-hz' must be between 1 Hz and 4 GHz", on.path);
		if (p->nopp && o->hz <= p->opp[p->nopp - 1].hz)
			return errf(e, "%s: operating points must be in increasing frequency order",
				    on.path);
		p->nopp++;
	}
	if (!p->nopp)
		return errf(e, "%s: the OPP table has no operating points", tpath);
	return 0;
}

/* Every operating point's voltage must be one the core's regulator can
 * give; one outside its range could never be reached, and the undervolt
 * check would measure against a voltage that does not exist. */
static int check_opp_supply(const struct pmu *p, struct err *e)
{
	uint32_t lo = rail_min_microvolt(p->rail), hi = rail_max_microvolt(p->rail);
	for (unsigned i = 0; i < p->nopp; i++) {
		if (p->opp[i].uv >= lo && p->opp[i].uv <= hi)
			continue;
		char path[256];
		fdt_get_path(p->soc->fdt, p->opp[i].node_off, path, sizeof path);
		return errf(e, "%s: 'opp-microvolt' (%u) is outside %u-%u uV, the range of the "
			    "core's supply %s", path, p->opp[i].uv, lo, hi, rail_name(p->rail));
	}
	return 0;
}

/* The leakage's voltage and temperature law (pm/thermal.h) from the cpu
 * node. */
static int parse_leak_law(struct pmu *p, const struct dt_node *cpu, struct err *e)
{
	static const char *const props[] = { "pmsim,leakage-voltage-slope-microvolt",
					     "pmsim,leakage-reference-millicelsius",
					     "pmsim,leakage-doubling-millicelsius" };
	for (unsigned i = 0; i < 3; i++)
		if (dt_bool(cpu, props[i]) && dt_cells(cpu, props[i]) != 1)
			return errf(e, "%s: '%s' must be one cell", cpu->path, props[i]);
	uint32_t vs = dt_u32_opt(cpu, props[0], THERMAL_LEAK_SLOPE_UV);
	int32_t ref = (int32_t)dt_u32_opt(cpu, props[1], (uint32_t)THERMAL_LEAK_REF_MC);
	uint32_t n = dt_u32_opt(cpu, props[2], THERMAL_LEAK_DOUBLING_MC);
	if (vs == 0 || vs > INT32_MAX)
		return errf(e, "%s: '%s' must be positive (is %d)", cpu->path, props[0],
			    (int32_t)vs);
	if (ref < -273150 || ref > (int32_t)(THERMAL_MAX_CELSIUS * 1000))
		return errf(e, "%s: '%s' (%d m°C) is outside -273150 to %d m°C", cpu->path,
			    props[1], ref, (int32_t)(THERMAL_MAX_CELSIUS * 1000));
	if (n == 0 || n > INT32_MAX)
		return errf(e, "%s: '%s' must be positive (is %d)", cpu->path, props[2],
			    (int32_t)n);
	p->leak_law = (struct thermal_leakage){ vs / 1e6, ref / 1000.0, n / 1000.0 };
	return 0;
}

/* One entry per domain in each list: a shorter list would leave domains
 * without leakage or supply, a longer one name domains that do not exist. */
static int check_domain_lists(const struct pmu *p, const struct dt_node *n, struct err *e)
{
	static const char *const lists[] = { "pmsim,domain-supplies",
					     "pmsim,domain-leakage-microwatt",
					     "pmsim,domain-capacitance-nanofarad" };
	for (unsigned i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		int k = dt_cells(n, lists[i]);
		if (k < 0)
			return errf(e, "%s: '%s' is not a list of 32-bit cells", n->path, lists[i]);
		if (k && k != (int)p->ndom)
			return errf(e, "%s: '%s' has %d entr%s but 'pmsim,domain-names' names %u "
				    "domain%s (one entry per domain)", n->path, lists[i], k,
				    k == 1 ? "y" : "ies", p->ndom, p->ndom == 1 ? "" : "s");
	}
	return 0;
}

static int parse_domains(struct pmu *p, const struct dt_node *n, struct err *e)
{
	int len;
	const char *names = fdt_getprop(n->fdt, n->off, "pmsim,domain-names", &len);
	for (int pos = 0; names && pos < len; pos += (int)strlen(names + pos) + 1) {
		if (p->ndom >= PMU_MAX_DOMAINS)
			return errf(e, "%s: more than %d power domains", n->path, PMU_MAX_DOMAINS);
		struct domain *d = &p->dom[p->ndom];
		d->p = p;
		snprintf(d->name, sizeof d->name, "%s", names + pos);
		snprintf(d->comp, sizeof d->comp, "pd.%s", names + pos);
		d->state = PD_ON;
		if (dt_cells(n, "pmsim,domain-leakage-microwatt") > (int)p->ndom)
			d->leak_w = dt_cell(n, "pmsim,domain-leakage-microwatt", (int)p->ndom) * 1e-6;
		pm_meter_init(&d->meter, d->comp, "leakage");
		pm_meter_init(&d->inrush, d->comp, "inrush");
		if (dt_cells(n, "pmsim,domain-capacitance-nanofarad") > (int)p->ndom)
			d->cap_f = dt_cell(n, "pmsim,domain-capacitance-nanofarad", (int)p->ndom) *
				   1e-9;
		if (dt_cells(n, "pmsim,domain-supplies") > (int)p->ndom && p->soc->rails) {
			int off = fdt_node_offset_by_phandle(
				n->fdt, dt_cell(n, "pmsim,domain-supplies", (int)p->ndom));
			d->rail = off >= 0 ? rail_by_node(p->soc->rails, off) : NULL;
			if (!d->rail)
				return errf(e, "%s: 'pmsim,domain-supplies' entry %u is not a "
					    "regulator", n->path, p->ndom);
			d->nom_uv = d->uv = rail_is_on(d->rail) ? rail_microvolt(d->rail) : 0;
			if (rail_subscribe(d->rail, domain_rail_changed, d))
				return errf(e, "out of memory");
		}
		p->ndom++;
	}
	if (check_domain_lists(p, n, e))
		return -1;
	for (unsigned i = 0; i < p->ndom; i++)
		domain_leak(&p->dom[i], 0);
	return 0;
}

int pmu_check_domain_refs(const struct pmu *p, const void *fdt, struct err *e)
{
	int depth = -1;
	for (int off = fdt_next_node(fdt, -1, &depth); off >= 0 && depth >= 0;
	     off = fdt_next_node(fdt, off, &depth)) {
		int len;
		const fdt32_t *pd = fdt_getprop(fdt, off, "power-domains", &len);
		const char *st = fdt_getprop(fdt, off, "status", NULL);
		if (!pd || (st && strcmp(st, "okay") && strcmp(st, "ok")))
			continue;
		char path[256], ppath[256];
		fdt_get_path(fdt, off, path, sizeof path);
		if (len != 8)
			return errf(e, "%s: 'power-domains' must be one <&controller index> entry "
				    "(has %d bytes; pmsim puts a node in one domain)", path, len);
		uint32_t ph = fdt32_to_cpu(pd[0]), idx = fdt32_to_cpu(pd[1]);
		int prov = fdt_node_offset_by_phandle(fdt, ph);
		if (prov < 0)
			return errf(e, "%s: 'power-domains' (phandle %u) names no node", path, ph);
		fdt_get_path(fdt, prov, ppath, sizeof ppath);
		if (!p || (int)ph != p->phandle)
			return errf(e, "%s: 'power-domains' names %s, which is not an enabled "
				    "power-management unit (pmsim,pmu)", path, ppath);
		if (idx >= p->ndom)
			return errf(e, "%s: 'power-domains' names domain %u of %s, which has %u "
				    "(see 'pmsim,domain-names')", path, idx, ppath, p->ndom);
	}
	return 0;
}

static int pmu_create(struct soc *soc, const struct dt_node *n, void **state, struct err *e)
{
	uint32_t base, size;
	if (dt_reg(n, 0, &base, &size, e))
		return -1;
	if (soc->pmu)
		return errf(e, "%s: a SoC has one power-management unit", n->path);
	struct pmu *p = calloc(1, sizeof *p);
	if (!p)
		return errf(e, "out of memory");
	p->soc = soc;
	p->cpu = soc->cpu;
	p->sched = &soc->sched;
	p->trace = &soc->trace;
	p->phandle = (int)fdt_get_phandle(n->fdt, n->off);
	p->cur_opp = -1;
	p->lpmode = 0;
	pm_meter_init(&p->dyn, "cpu0", "dynamic");
	pm_meter_init(&p->leak, "cpu0", "leakage");
	pm_meter_init(&p->icache, "cpu0.icache", "access");
	pm_meter_init(&p->dcache, "cpu0.dcache", "access");
	pm_meter_init(&p->fpu, "cpu0.fpu", "dynamic");

	int cpus = fdt_path_offset(n->fdt, "/cpus");
	int coff = cpus >= 0 ? fdt_first_subnode(n->fdt, cpus) : -1;
	if (coff < 0) {
		free(p);
		return errf(e, "%s: the power-management unit needs a cpu node", n->path);
	}
	struct dt_node cpu = { .fdt = n->fdt, .off = coff };
	fdt_get_path(n->fdt, coff, cpu.path, sizeof cpu.path);
	if (parse_leak_law(p, &cpu, e) || parse_idle_states(p, &cpu, e) ||
	    parse_opps(p, &cpu, e) || parse_domains(p, n, e))
		goto fail;
	const char *act = dt_string(&cpu, "pmsim,undervolt-action");
	if (act && strcmp(act, "report") && strcmp(act, "lockup")) {
		errf(e, "%s: 'pmsim,undervolt-action' is \"%s\"; expected \"report\" or \"lockup\"",
		     cpu.path, act);
		goto fail;
	}
	p->undervolt_lockup = act && !strcmp(act, "lockup");
	p->coeff_pj = dt_u32_opt(&cpu, "dynamic-power-coefficient", 0);
	p->stall_weight = dt_u32_opt(&cpu, "pmsim,stall-weight-percent", 50) / 100.0;
	p->leak_nom_w = dt_u32_opt(&cpu, "pmsim,leakage-microwatt", 0) * 1e-6;
	p->core_cap_f = dt_u32_opt(&cpu, "pmsim,capacitance-nanofarad", 0) * 1e-9;
	p->seq_w = dt_u32_opt(n, "pmsim,sequencer-microwatt", 0) * 1e-6;
	pm_meter_init(&p->trans_m, "cpu0", "transition");
	pm_meter_init(&p->seq, "pmu", "sequencing");
	p->fpu_pj = dt_u32_opt(&cpu, "pmsim,fpu-cycle-pj", 0);
	if (p->fpu_pj > 0 && soc->cpu_cfg.fpu == CPU_FPU_NONE) {
		errf(e, "%s: 'pmsim,fpu-cycle-pj' is set, but the cpu has no FPU (see "
		     "'pmsim,fpu')", cpu.path);
		goto fail;
	}
	if (p->fpu_pj > 0)
		p->xm[p->nxm++] = &p->fpu;
	if (domain_by_name(p, "fpu") >= 0 && soc->cpu_cfg.fpu == CPU_FPU_NONE) {
		errf(e, "%s: 'pmsim,domain-names' has an \"fpu\" domain, but the cpu has no FPU "
		     "(see 'pmsim,fpu')", n->path);
		goto fail;
	}
	if (p->core_cap_f > 0)
		p->xm[p->nxm++] = &p->trans_m;
	if (p->seq_w > 0)
		p->xm[p->nxm++] = &p->seq;
	for (unsigned i = 0; i < p->ndom; i++)
		if (p->dom[i].cap_f > 0)
			p->xm[p->nxm++] = &p->dom[i].inrush;
	p->ic_pj = dt_u32_opt(&cpu, "pmsim,i-cache-access-pj", 0);
	p->dc_pj = dt_u32_opt(&cpu, "pmsim,d-cache-access-pj", 0);
	p->leak_nom_uv = dt_u32_opt(&cpu, "pmsim,leakage-microvolt",
				    p->nopp ? p->opp[p->nopp - 1].uv : 1000000);
	p->uv = dt_u32_opt(&cpu, "pmsim,microvolt", p->nopp ? p->opp[p->nopp - 1].uv : 1000000);
	p->hz = soc->cpu_freq_hz;
	if (soc->rails && dt_cells(&cpu, "cpu-supply")) {
		p->rail = rail_get(soc->rails, coff, "cpu", e);
		if (!p->rail)
			goto fail;
		p->uv = rail_is_on(p->rail) ? rail_microvolt(p->rail) : 0;
		if (check_opp_supply(p, e))
			goto fail;
		if (rail_subscribe(p->rail, rail_changed, p)) {
			errf(e, "out of memory");
			goto fail;
		}
		rail_watch_setpoint(p->rail, rail_setpoint, p);
	}
	if (soc->clocks && dt_cells(&cpu, "clocks")) {
		p->clk = clk_get(soc->clocks, coff, 0, e);
		if (!p->clk || clk_subscribe(p->clk, clk_changed, p)) {
			if (p->clk)
				errf(e, "out of memory");
			goto fail;
		}
		p->hz = clk_rate(p->clk);
	}
	if (dt_cells(n, "clocks") > 0) {
		uint64_t hz;
		if (soc_clock_hz(soc, n, 0, &hz, e) < 0)
			goto fail;
		if (hz > PMU_AON_MAX_HZ) {
			errf(e, "%s: the always-on counter's clock (clocks entry 0) runs at %" PRIu64
			     " Hz; at most %u Hz is supported (it is a slow always-on oscillator)",
			     n->path, hz, PMU_AON_MAX_HZ);
			goto fail;
		}
		p->aon_hz = hz;
	}
	static const struct bus_ops ops = { "pmu", BUS_SIZE_32, pmu_read, pmu_write };
	if (bus_add_mmio(&soc->bus, n->path, base, size, &ops, p) < 0) {
		errf(e, "%s: registers overlap another region", n->path);
		goto fail;
	}
	p->cur_opp = opp_index(p, p->hz);
	if (p->cur_opp >= 0)
		p->opp[p->cur_opp].entries = 1;
	if (p->cpu) {
		struct cpu_power_hooks h = { pmu_sleep, pmu_wake, p, pmu_resumed };
		cpu_set_power_hooks(p->cpu, &h);
		if (p->hz && p->hz != soc->cpu_freq_hz)
			cpu_set_freq(p->cpu, (uint32_t)p->hz);
	}
	update_leakage(p, 0);
	soc->pmu = p;
	*state = p;
	return 0;
fail:
	free(p);
	return -1;
}

/* Every meter the PMU owns: the core's (dynamic, leakage, caches), the
 * domains' and the peripherals'. */
static unsigned pmu_meters(const struct pmu *p)
{
	return 4 + p->ndom + p->ndev + p->nxm;
}

static struct pm_meter *pmu_meter(struct pmu *p, unsigned i)
{
	if (i == 0)
		return &p->dyn;
	if (i == 1)
		return &p->leak;
	if (i == 2)
		return &p->icache;
	if (i == 3)
		return &p->dcache;
	i -= 4;
	if (i < p->ndom)
		return &p->dom[i].meter;
	i -= p->ndom;
	if (i < p->ndev)
		return &p->dev[i].meter;
	i -= p->ndev;
	return i < p->nxm ? p->xm[i] : NULL;
}

/* Which rail each meter draws from: the core's from its `cpu-supply`, a
 * domain's and its devices' from the domain's supply, the DRAM's from the
 * `dram` domain's and the clock tree's from the `aon` domain's. */
static void attach_rails(struct pmu *p)
{
	struct soc *soc = p->soc;
	if (!soc->rails)
		return;
	pm_meter_attach(&p->dyn, p->rail, 0);
	pm_meter_attach(&p->leak, p->rail, 0);
	pm_meter_attach(&p->icache, p->rail, 0);
	pm_meter_attach(&p->dcache, p->rail, 0);
	pm_meter_attach(&p->fpu, p->rail, 0);
	for (unsigned i = 0; i < p->ndev; i++)
		if (p->dev[i].domain >= 0)
			pm_meter_attach(&p->dev[i].meter, p->dom[p->dev[i].domain].rail, 0);
	pm_meter_attach(&p->trans_m, p->rail, 0);
	for (unsigned i = 0; i < p->ndom; i++) {
		pm_meter_attach(&p->dom[i].meter, p->dom[i].rail, 0);
		pm_meter_attach(&p->dom[i].inrush, p->dom[i].rail, 0);
	}
	int dram = domain_by_name(p, "dram"), aon = domain_by_name(p, "aon");
	if (aon >= 0)
		pm_meter_attach(&p->seq, p->dom[aon].rail, 0);
	if (p->dram && dram >= 0)
		for (int k = 0; k < DRAMC_NMETERS; k++)
			pm_meter_attach(dramc_meter(p->dram, (enum dramc_meter_kind)k),
					p->dom[dram].rail, 0);
	if (soc->clocks && aon >= 0)
		for (unsigned i = 0; i < clk_tree_meters(soc->clocks); i++)
			pm_meter_attach(clk_tree_meter(soc->clocks, i), p->dom[aon].rail, 0);
}

/* A thermal step: the leakage follows the die's new temperature. */
static void pmu_thermal_step(void *opaque, simtime_t now)
{
	struct pmu *p = opaque;
	update_leakage(p, now);
	for (unsigned i = 0; i < p->ndom; i++)
		domain_leak(&p->dom[i], now);
	for (unsigned i = 0; i < p->ndev; i++)
		if (p->dev[i].leak_w > 0)
			devpow_update(&p->dev[i], now);
}

int pmu_attach_thermal(struct pmu *p, struct thermal *th)
{
	p->thermal = th;
	pmu_thermal_step(p, sched_now(p->sched));
	return thermal_subscribe(th, pmu_thermal_step, p);
}

void pmu_attach_device_meters(struct pmu *p)
{
	struct soc *soc = p->soc;
	for (unsigned i = 0; i < soc->ndevs; i++) {
		int off = fdt_path_offset(soc->fdt, soc->devs[i].path);
		int d = node_domain(p, off);
		const char *name = off >= 0 ? fdt_get_name(soc->fdt, off, NULL) : NULL;
		if (d < 0 || !name || !p->dom[d].rail)
			continue;
		for (struct pm_meter *m = soc->meters; m; m = m->next)
			if (!m->rail && m->component && !strcmp(m->component, name))
				pm_meter_attach(m, p->dom[d].rail, sched_now(p->sched));
	}
}

/* Once every device exists: the DRAM controller, and the energy of every
 * peripheral that declares its power. */
static int pmu_realize(void *state, struct soc *soc, struct err *e)
{
	struct pmu *p = state;
	p->dev = calloc(soc->ndevs ? soc->ndevs : 1, sizeof *p->dev);
	if (!p->dev)
		return errf(e, "out of memory");
	for (unsigned i = 0; i < soc->ndevs; i++) {
		if (soc->devs[i].type == &dramc_dev_type)
			p->dram = soc->devs[i].state;
		int off = fdt_path_offset(soc->fdt, soc->devs[i].path);
		struct dt_node n = { .fdt = soc->fdt, .off = off };
		snprintf(n.path, sizeof n.path, "%s", soc->devs[i].path);
		if (off < 0 || (!dt_bool(&n, "pmsim,active-microwatt") &&
				!dt_bool(&n, "pmsim,leakage-microwatt") &&
				!dt_bool(&n, "pmsim,femtojoule-per-cycle")))
			continue;
		struct devpow *d = &p->dev[p->ndev];
		d->p = p;
		const char *name = fdt_get_name(soc->fdt, off, NULL);
		snprintf(d->comp, sizeof d->comp, "%s", name ? name : soc->devs[i].path);
		pm_meter_init(&d->meter, d->comp, "device");
		d->active_w = dt_u32_opt(&n, "pmsim,active-microwatt", 0) * 1e-6;
		d->leak_w = dt_u32_opt(&n, "pmsim,leakage-microwatt", 0) * 1e-6;
		d->coeff = dt_u32_opt(&n, "pmsim,femtojoule-per-cycle", 0) * 1e-15;
		d->domain = node_domain(p, off);
		if (d->coeff > 0 && (d->domain < 0 || !p->dom[d->domain].rail))
			return errf(e, "%s: 'pmsim,femtojoule-per-cycle' needs 'power-domains' "
				    "naming a domain with a supply (its voltage is the domain's)",
				    n.path);
		/* Without a clock of its own, always clocked (its constant
		 * active power), at `clock-frequency` if it has one, else at
		 * no rate: no switching power. */
		d->clocked = true;
		d->hz = dt_u32_opt(&n, "clock-frequency", 0);
		if (soc->clocks && dt_cells(&n, "clocks") > 0) {
			struct clk *ck = clk_get(soc->clocks, off, 0, e);
			if (!ck || clk_subscribe(ck, devpow_clock, d))
				return ck ? errf(e, "out of memory") : -1;
			d->hz = clk_rate(ck);
			d->clocked = d->hz != 0;
		}
		p->ndev++;
	}
	for (unsigned i = 0; i < p->ndev; i++)
		devpow_update(&p->dev[i], 0);
	for (unsigned i = 0; i < pmu_meters(p); i++)
		soc_add_meter(soc, pmu_meter(p, i));
	attach_rails(p);
	return 0;
}

static void pmu_destroy(void *state)
{
	struct pmu *p = state;
	free(p->dev);
	free(p);
}

static void pmu_reset(void *state)
{
	struct pmu *p = state;
	simtime_t now = sched_now(p->sched);
	/* A system reset restarts the registers, not the statistics; the
	 * retention registers are always-on and survive it. */
	p->lpmode = 0;
	p->warmboot = 0;
	p->wake_en = 0;
	p->wake_status = 0;
	p->status = 0;
	/* The core is reset with it: a wake-up in progress never reaches
	 * its first instruction. */
	p->wake_open = false;
	for (unsigned i = 0; i < p->ndom; i++)
		domain_set(p, i, PD_ON, now);
}

/* The always-on counter's clock (a fixed oscillator in practice). */
static void pmu_clock_rate(void *state, unsigned idx, uint64_t hz)
{
	struct pmu *p = state;
	if (idx == 0)
		aon_set_rate(p, sched_now(p->sched), hz <= PMU_AON_MAX_HZ ? hz : PMU_AON_MAX_HZ);
}

const struct dev_type pmu_dev_type = {
	.compatible = "pmsim,pmu",
	.create = pmu_create,
	.destroy = pmu_destroy,
	.reset = pmu_reset,
	.clock_rate = pmu_clock_rate,
	.realize = pmu_realize,
};

/* ---- reports ------------------------------------------------------------ */

/* Power as the model computes it (the formulas are this file's opening
 * comment), in the DT's own units, so that a report can be checked by
 * hand. */
static void describe_power(const struct pmu *p, FILE *f)
{
	fprintf(f, "  cpu0 power: dynamic-power-coefficient %.0f uW/MHz/V^2 (pJ per cycle at "
		"1 V), a stalled cycle at %.0f %% of that; leakage %.0f uW at %u mV and "
		"%.1f C, scaled by (V / %u mV) x e^((V - %u mV) / %.0f mV) x 2^((T - %.1f C) / "
		"%.1f C)", p->coeff_pj, p->stall_weight * 100, p->leak_nom_w * 1e6,
		p->leak_nom_uv / 1000, p->leak_law.ref_c, p->leak_nom_uv / 1000,
		p->leak_nom_uv / 1000, p->leak_law.slope_v * 1e3, p->leak_law.ref_c,
		p->leak_law.doubling_c);
	if (p->ic_pj || p->dc_pj)
		fprintf(f, "; cache accesses %.0f pJ (I) and %.0f pJ (D) at %u mV, scaled "
			"by (V / %u mV)^2", p->ic_pj, p->dc_pj, p->leak_nom_uv / 1000,
			p->leak_nom_uv / 1000);
	if (p->fpu_pj)
		fprintf(f, "; the FPU %.0f pJ per busy cycle at %u mV, scaled by (V / %u mV)^2",
			p->fpu_pj, p->leak_nom_uv / 1000, p->leak_nom_uv / 1000);
	fprintf(f, "\n");
	if (p->ndom) {
		fprintf(f, "  power domain leakage (while on, at the supply's reset voltage and "
			"scaled as the core's from that; a quarter in retention):");
		for (unsigned i = 0; i < p->ndom; i++)
			fprintf(f, "%s %s %.0f uW", i ? "," : "", p->dom[i].name,
				p->dom[i].leak_w * 1e6);
		fprintf(f, "\n");
	}
	if (p->ndev) {
		fprintf(f, "  device power (while clocked and on: coefficient x f x V^2 plus the "
			"constant active power; leakage while on, a quarter in retention):\n");
		for (unsigned i = 0; i < p->ndev; i++) {
			const struct devpow *d = &p->dev[i];
			fprintf(f, "    %s: %.0f fJ/cycle at 1 V, %.0f uW active, %.0f uW leakage, domain "
				"%s\n", d->comp, d->coeff * 1e15, d->active_w * 1e6, d->leak_w * 1e6,
				d->domain >= 0 ? p->dom[d->domain].name : "none (always on)");
		}
	}
}

void pmu_describe(const struct pmu *p, FILE *f)
{
	static const char *const modes[] = { "clock-gate", "retention", "power-off" };
	fprintf(f, "  cpu0 operating points:");
	if (!p->nopp)
		fprintf(f, " none (fixed at %" PRIu64 " Hz)", p->hz);
	for (unsigned i = 0; i < p->nopp; i++)
		fprintf(f, "%s %" PRIu64 " MHz at %u mV", i ? "," : "", p->opp[i].hz / 1000000,
			p->opp[i].uv / 1000);
	fprintf(f, "\n  cpu0 idle states (LPMODE index: name, mode, entry + exit, "
		"min residency):\n");
	for (unsigned i = 0; i < p->nst; i++) {
		const struct idle_state *s = &p->st[i];
		fprintf(f, "    %u: %s, %s", i, s->name, modes[s->mode]);
		if (s->mode == IDLE_RETENTION)
			fprintf(f, " at %u mV", s->ret_uv / 1000);
		fprintf(f, ", %u + %u us, %u us\n", s->entry_us, s->exit_us, s->min_res_us);
	}
	fprintf(f, "  power domains (PD_CTRL index):");
	for (unsigned i = 0; i < p->ndom; i++)
		fprintf(f, "%s %u %s%s%s", i ? "," : "", i, p->dom[i].name,
			p->dom[i].rail ? " from " : "",
			p->dom[i].rail ? rail_name(p->dom[i].rail) : "");
	fprintf(f, "\n");
	if (p->core_cap_f > 0 || p->seq_w > 0 || p->nxm) {
		fprintf(f, "  transitions: core capacitance %.0f nF, PMU sequencing %.0f uW",
			p->core_cap_f * 1e9, p->seq_w * 1e6);
		bool any = false;
		for (unsigned i = 0; i < p->ndom; i++)
			if (p->dom[i].cap_f > 0) {
				fprintf(f, "%s %s %.0f nF", any ? "," : "; domain capacitance:",
					p->dom[i].name, p->dom[i].cap_f * 1e9);
				any = true;
			}
		fprintf(f, "\n");
	}
	describe_power(p, f);
}

const char *pmu_last_wake(const struct pmu *p)
{
	return p->last_wake;
}

void pmu_trace_present(const struct pmu *p, simtime_t now, struct trace *t)
{
	if (p->asleep && !p->suspended)
		trace_state(t, now, "cpu0", "cstate", (int64_t)p->cur + 1, p->st[p->cur].name);
	else
		trace_state(t, now, "cpu0", "cstate", 0, "running");
	trace_state(t, now, "cpu0", "hz", (int64_t)p->hz, NULL);
	trace_state(t, now, "cpu0", "microvolt", p->uv, NULL);
	trace_state(t, now, "soc", "suspend", p->suspended, p->suspended ? "suspended" : "running");
	for (unsigned i = 0; i < p->ndom; i++) {
		enum pd_state st = p->dom[i].state;
		trace_state(t, now, p->dom[i].comp, "state", st,
			    st == PD_ON ? "on" : st == PD_RETENTION ? "retention" : "off");
	}
}

void pmu_charge_core(struct pmu *p)
{
	charge_dynamic(p);
}

void pmu_settle(struct pmu *p, simtime_t now)
{
	charge_dynamic(p);
	opp_account(p, now);
	busy_account(p, now);
	for (unsigned i = 0; i < p->ndom; i++) {
		struct domain *d = &p->dom[i];
		if (now > d->since)
			d->t[d->state] += now - d->since;
		d->since = now;
	}
}


/* The core's leakage power in idle state `s` with its rail at `uv`, at
 * the leakage's reference temperature. */
static double state_leak_w(const struct pmu *p, const struct idle_state *s, uint32_t uv)
{
	if (s->mode == IDLE_POWER_OFF)
		return 0;
	if (s->mode == IDLE_RETENTION && s->ret_uv < uv)
		uv = s->ret_uv;
	return p->leak_nom_w * thermal_leakage_factor(&p->leak_law, uv / 1e6,
						      p->leak_nom_uv / 1e6, p->leak_law.ref_c);
}

/* One entry and exit of state `s` at `uv`: what charge_transition
 * charges for a sleep through the whole entry latency. */
static double state_transition_j(const struct pmu *p, const struct idle_state *s, uint32_t uv)
{
	return p->seq_w * (s->entry_us + s->exit_us) * 1e-6 + core_recharge_j(p, s, false, uv);
}

/* The break-even residency of state i against state 0 (docs/power.md
 * "Break-even residency"): a sleep of T costs E_tr + P·T in either, so
 * the deeper one pays off from (E_tr,i − E_tr,0) / (P_0 − P_i), and never
 * before its own entry and exit latency. At the voltage of the OPP the
 * state was entered at most often (the highest OPP if never). */
static void break_even(const struct pmu *p, unsigned i, struct pm_report_cstate *rc)
{
	const struct idle_state *s = &p->st[i];
	uint32_t uv = p->nopp ? p->opp[p->nopp - 1].uv : p->uv;
	uint64_t most = 0;
	for (unsigned k = 0; k < p->nopp; k++)
		if (s->opp_entries[k] > most) {
			most = s->opp_entries[k];
			uv = p->opp[k].uv;
		}
	rc->break_even_uv = uv;
	rc->transition_j = state_transition_j(p, s, uv);
	if (i == 0) {
		rc->break_even_us = 0;
		return;
	}
	double lat_us = s->entry_us + s->exit_us;
	double dp = state_leak_w(p, &p->st[0], uv) - state_leak_w(p, s, uv);
	double de = rc->transition_j - state_transition_j(p, &p->st[0], uv);
	double be = dp > 0 ? de / dp * 1e6 : INFINITY;
	rc->break_even_us = be > lat_us ? be : lat_us;
	rc->break_even_disagrees = s->min_res_us < rc->break_even_us ||
				   s->min_res_us > PM_BREAK_EVEN_FACTOR * rc->break_even_us;
}

void pmu_report(struct pmu *p, simtime_t now, struct pm_report *r)
{
	pmu_settle(p, now);
	struct pm_report_cpu *c = &p->rcpu;
	memset(c, 0, sizeof *c);
	c->name = "cpu0";
	c->busy = p->busy;
	c->idle = p->idle;
	if (p->cpu) {
		struct cpu_mem_stats ms;
		cpu_mem_stats(p->cpu, &ms);
		c->cycles = cpu_cycles(p->cpu);
		c->stall_cycles = ms.stall_cycles;
		c->instructions = cpu_insns(p->cpu);
	}
	for (unsigned i = 0; i < p->nst; i++) {
		const struct idle_state *s = &p->st[i];
		p->rcs[i] = (struct pm_report_cstate){
			.name = s->name, .usage = s->usage, .time = s->time, .above = s->above,
			.below = s->below, .exit_latency_us = s->exit_us + s->entry_us,
			.target_residency_us = s->min_res_us, .energy_j = s->energy_j };
		break_even(p, i, &p->rcs[i]);
	}
	c->cstates = p->rcs;
	c->ncstates = p->nst;
	for (unsigned i = 0; i < p->nopp; i++) {
		uint64_t into = 0;
		for (unsigned f = 0; f < p->nopp; f++) {
			p->rtrans[f * p->nopp + i] = p->trans[f * PMU_MAX_OPPS + i];
			into += p->trans[f * PMU_MAX_OPPS + i];
		}
		p->ropp[i] = (struct pm_report_opp){ p->opp[i].hz, p->opp[i].uv, p->opp[i].time,
						     p->opp[i].entries, into, p->opp[i].energy_j };
	}
	c->opps = p->ropp;
	c->nopps = p->nopp;
	c->opp_transitions = p->opp_trans;
	c->opp_trans_table = p->nopp ? p->rtrans : NULL;
	r->cpus = c;
	r->ncpus = 1;
	for (unsigned i = 0; i < p->ndom; i++)
		p->rdom[i] = (struct pm_report_domain){ p->dom[i].name, p->dom[i].t[PD_ON],
							p->dom[i].t[PD_RETENTION],
							p->dom[i].t[PD_OFF], p->dom[i].off_entries };
	r->domains = p->rdom;
	r->ndomains = p->ndom;
	unsigned nwk = 0;
	for (unsigned i = 0; i < p->nwk; i++)
		if (p->wk[i].count) /* not a source whose only wake-up went to another */
			p->rwk[nwk++] = (struct pm_report_count){ p->wk[i].name, p->wk[i].count };
	r->wakeups = p->rwk;
	r->nwakeups = nwk;
	r->suspends = p->suspends;
	r->suspended = p->suspended_time;
}
