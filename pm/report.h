/*
 * The energy and power report: a human summary (in the spirit of
 * PowerTOP and turbostat) and a JSON document with a versioned schema
 * (docs/report.md). The writers only format: the run collects every
 * figure into struct pm_report first, so both outputs say the same thing
 * and neither reads a model.
 *
 * Determinism: everything but `host` depends only on the simulation, and
 * numbers are printed with fixed formats, so two runs of the same inputs
 * give byte-identical output once the host section is left out
 * (PM_REPORT_NO_HOST).
 */
#ifndef PMSIM_PM_REPORT_H
#define PMSIM_PM_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/sched.h"

#define PM_REPORT_SCHEMA "pmsim-report/1"

struct pm_report_energy {       /* one component or one rail */
	const char *name;
	double joules;
};

struct pm_report_meter {        /* one meter: a component's kind of energy */
	const char *component, *kind;
	double joules;
};

struct pm_report_rail {
	const char *name;
	uint32_t microvolt;         /* at the end of the run */
	double out_j, in_j;         /* delivered, and drawn at the input */
};

struct pm_report_cstate {
	const char *name;           /* the idle-state node's name, e.g. "wfi" */
	uint64_t usage;             /* entries */
	simtime_t time;             /* residency */
	uint64_t above, below;      /* Linux cpuidle semantics */
	uint32_t exit_latency_us, target_residency_us;
	double energy_j;            /* the core's energy while in the state */
};

struct pm_report_opp {
	uint64_t hz;
	uint32_t microvolt;
	simtime_t time;             /* time in state */
	uint64_t entries;           /* times it became the present OPP, the first included */
	uint64_t transitions;       /* switches into it from another OPP */
	double energy_j;            /* the core's energy (dynamic, leakage, caches) at it */
};

struct pm_report_cpu {
	const char *name;           /* "cpu0" */
	simtime_t busy, idle;       /* executing (incl. stalls) vs in an idle state */
	uint64_t cycles, stall_cycles, instructions;
	struct pm_report_cstate *cstates;
	unsigned ncstates;
	struct pm_report_opp *opps;
	unsigned nopps;
	uint64_t opp_transitions;
	uint64_t *opp_trans_table;  /* nopps x nopps, [from * nopps + to]; may be NULL */
};

struct pm_report_dram {
	bool present;
	simtime_t active, power_down, self_refresh, off;
	uint64_t self_refresh_entries, power_down_entries;
	uint64_t reads, writes;
};

struct pm_report_count {        /* wake-ups per source, and the like */
	const char *name;
	uint64_t count;
};

struct pm_report_domain {
	const char *name;
	simtime_t on, retention, off;
	uint64_t off_entries;
};

/* One coherency event (dma/coherency.h), symbolised. */
struct pm_report_coh_event {
	const char *kind;           /* "dma-read-dirty", "stale-read", "clobber", "lost-dirty" */
	simtime_t time;
	int channel;                /* DMA channel, -1 if none */
	uint32_t addr, len;
	uint32_t pc;
	const char *function;       /* symbol holding pc, or NULL */
	uint32_t offset;            /* pc - symbol */
	bool has_dma;               /* the DMA write behind a stale read or clobber: */
	simtime_t dma_time;
	uint32_t dma_pc;
	const char *dma_function;
	uint32_t dma_offset;
};

struct pm_report_coherency {
	const char *mode;           /* "off", "report", "fatal" */
	const char *kinds[4];       /* names of the counted kinds, in order */
	const char *texts[4];       /* what each kind means, one sentence */
	uint64_t counts[4];         /* lines per kind */
	struct pm_report_coh_event *events;
	unsigned nevents;
};

struct pm_report {
	const char *soc;            /* the DT model string */
	const char *image;          /* the guest ELF path as given */
	const char *outcome;        /* how the run ended, one sentence */
	int exit_status;
	simtime_t sim_time;
	double total_j;             /* at the battery */
	struct pm_report_energy *components;
	unsigned ncomponents;
	struct pm_report_meter *meters;  /* the components, kind by kind */
	unsigned nmeters;
	struct pm_report_rail *rails;
	unsigned nrails;
	struct pm_report_cpu *cpus;
	unsigned ncpus;
	struct pm_report_domain *domains;
	unsigned ndomains;
	struct pm_report_dram dram;
	struct pm_report_count *wakeups;
	unsigned nwakeups;
	uint64_t suspends;          /* system suspend entries */
	simtime_t suspended;        /* time in system suspend */
	const char **diagnostics;   /* one sentence each, in time order */
	unsigned ndiagnostics;
	struct pm_report_coherency coherency;
	/* Host figures: vary from run to run. */
	double host_seconds;
	double host_mips;
};

enum { PM_REPORT_NO_HOST = 1 };

/* The human summary. */
void pm_report_text(FILE *f, const struct pm_report *r, unsigned flags);
/* The JSON document. Returns 0, or -1 if writing failed. */
int pm_report_json(FILE *f, const struct pm_report *r, unsigned flags);

#endif
