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

#define PM_REPORT_SCHEMA "pmsim-report/2"

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
	/* A switching regulator's modes (docs/devices/pmic.md); mode NULL:
	 * a linear regulator, and the rest is NAN or 0. */
	const char *mode;           /* asked for at the end: "auto", "pwm", "pfm" */
	double avg_amps;            /* out_j / (time up x set-point); NAN if never up */
	double curve_eff;           /* its curve at avg_amps, in the mode it would run in */
	double pwm_s, pfm_s;        /* time up in each mode */
	double pwm_loss_j, pfm_loss_j; /* conversion loss in each mode */
	double capacitance_f;       /* pmsim,output-capacitance-nanofarad */
};

/* A battery with a capacity (pm/battery.h); present false: an ideal
 * source, or none. */
struct pm_report_battery {
	bool present;
	double capacity_mah;
	double start_percent, end_percent;
	double used_mah, used_percent; /* drawn; percent of the capacity */
	double min_v, cutoff_v;     /* lowest terminal voltage seen; cut-off */
	double internal_j;          /* I^2 R loss inside the cell */
	double avg_w;               /* (delivered + internal) / simulated time */
	/* At avg_w: the chemistry's energy left (down to 0 %), and a full
	 * cell's; NAN when nothing was drawn. */
	double life_remaining_s, life_full_s;
	bool browned_out;
};

struct pm_report_cstate {
	const char *name;           /* the idle-state node's name, e.g. "wfi" */
	uint64_t usage;             /* entries */
	simtime_t time;             /* residency */
	uint64_t above, below;      /* Linux cpuidle semantics */
	uint32_t exit_latency_us, target_residency_us;
	double energy_j;            /* the core's energy while in the state */
	/* The break-even residency against the shallowest state, from the
	 * DT's figures (docs/power.md "Break-even residency"), at `break_even_uv`;
	 * INFINITY if the state never pays off, 0 for the shallowest. */
	double transition_j;        /* one entry and exit's hardware energy */
	double break_even_us;
	uint32_t break_even_uv;
	/* target_residency_us is below the break-even residency, or above
	 * PM_BREAK_EVEN_FACTOR times it. */
	bool break_even_disagrees;
};

/* How far a state's min-residency-us may lie above its break-even
 * residency before the report warns (it may never lie below). */
#define PM_BREAK_EVEN_FACTOR 4.0
#define PM_BREAK_EVEN_FACTOR_TEXT "4"

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

/* Guest trace markers (devices/simctl.c, docs/devices/simctl.md). */
enum pm_marker_kind { PM_MARK_BEGIN, PM_MARK_END, PM_MARK_INSTANT };

struct pm_report_marker {
	simtime_t time;
	const char *name;           /* as the guest wrote it */
	uint32_t arg;               /* ARG latched for it */
	enum pm_marker_kind kind;
	double energy_j;            /* at the battery so far */
	/* A `suspend:` BEGIN only: the time and energy the core spent in its
	 * idle states (not suspended) since the previous cycle ended or the
	 * run began, the baseline of the cycle's saving. */
	simtime_t idle_before;
	double idle_before_j;
};

struct pm_report_interval {     /* the intervals of one marker name */
	const char *name;
	uint64_t count;
	simtime_t total, min, max;
};

/* A system suspend entry or resume, as the PMU made it; or the core's
 * entry into an idle state or wake-up from it while a
 * `phase:suspend_machine` interval was open (how freeze and standby
 * sleep). */
struct pm_report_pm_event {
	simtime_t time;
	bool resume;                /* false: entry */
	double energy_j;            /* at the battery so far */
	const char *source;         /* a resume: what woke the SoC (NULL: unknown) */
	const char *idle_state;     /* an idle state's entry or exit: its name; NULL: suspend */
};

struct pm_report_phase {        /* one `phase:` interval of a cycle */
	const char *name;           /* without "phase:" */
	simtime_t start, duration;
};

struct pm_report_devcb {        /* one `dev:PHASE:DEVICE` interval */
	char phase[64], device[64]; /* the name's two parts */
	simtime_t start, duration;
	int32_t result;             /* ARG at END */
};

/* One `suspend:STATE` interval, analysed (pm/markers.h). */
struct pm_report_suspend_cycle {
	const char *state;          /* after "suspend:" */
	bool test;                  /* suspend:test-LEVEL (pm_test) */
	bool suspended;             /* the SoC slept in it: system suspend, or an idle
				       state during phase:suspend_machine */
	const char *sleep_state;    /* NULL: system suspend; else the idle state's name */
	bool ended;                 /* its END was seen (else open at the end of the run) */
	int32_t result;             /* ARG at END */
	simtime_t begin, end;
	bool has_suspend_latency, has_resume_latency;
	simtime_t suspend_latency, resume_latency;
	simtime_t suspended_time;   /* the sleep's entry to the wake-up */
	const char *wake_source;    /* what woke it (NULL: unknown, or no suspend) */
	double suspend_j, resume_j, suspended_j; /* battery energy in each part */
	bool has_idle_w;
	double idle_w;              /* the baseline: average power while idle before it */
	double saved_j;             /* idle_w * suspended_time - suspended_j */
	double overhead_j;          /* suspend_j + resume_j - idle_w * (both latencies) */
	bool has_break_even;
	double break_even_s;        /* suspended time at which the saving pays the overhead */
	struct pm_report_phase *phases;
	unsigned nphases;
	struct pm_report_devcb *devcbs; /* the slowest per phase, phase by phase */
	unsigned ndevcbs;
};

/*
 * Latency (pm/latency.h, docs/report.md "Latency"): the samples of one
 * measured quantity, e.g. kind "irq" name "uart0 (irq 5)", kind "wakeup"
 * name "C2-retention", kind "dma" name "dma@40030000 ch0", kind "marker"
 * name "work". Every figure is exact simulated time.
 */
#define PM_LAT_BINS_MAX 64
struct pm_report_latency {
	const char *kind;           /* "irq", "wakeup", "dvfs", "dma", "marker" */
	const char *name;
	uint64_t count;
	simtime_t min, max, p50, p90, p99;
	double mean;                /* picoseconds */
	/* The percentiles are over the first `sampled` samples: count, or
	 * LAT_SAMPLES_MAX (pm/latency.h) when more were taken. */
	uint64_t sampled;
	/* Histogram: nbins bins, bin i counting samples in
	 * [edges[i], edges[i + 1]) (the ladder's top bin, from 10^19 ps,
	 * includes its upper edge 2^64 - 1); edges in picoseconds on the
	 * fixed 1-2-5 ladder (0, 1 ns, 2 ns, 5 ns, 10 ns, ...), from the bin
	 * holding min to the bin holding max. */
	unsigned nbins;
	simtime_t edges[PM_LAT_BINS_MAX + 1];
	uint64_t counts[PM_LAT_BINS_MAX];
};

/* The thermal model and zones (pm/thermal.h, pm/tzone.h, docs/report.md
 * "Thermal"). Temperatures in °C; min, mean and max over the model's
 * steps, each step's value weighted by the time it held. */
struct pm_report_temps {
	double min_c, mean_c, max_c, final_c;
};
struct pm_report_thermal_node {
	const char *name;           /* "die", "package", "board" */
	struct pm_report_temps t;
};
struct pm_report_trip {
	const char *name;           /* the trip's node name */
	const char *type;           /* "active", "passive", "hot", "critical" */
	double temp_c, hyst_c;
	simtime_t above;            /* time the zone was at or above it */
};
struct pm_report_tzone {
	const char *name;           /* "cpu-thermal" */
	const char *node;           /* the model's node its sensor measures */
	struct pm_report_temps t;
	struct pm_report_trip *trips;
	unsigned ntrips;
	bool crit_crossed;          /* its critical trip was reached, first at: */
	simtime_t crit_time;
};
struct pm_report_cdev {         /* the guest's cdev:TYPE markers */
	const char *type;           /* "cpufreq-cpu0" */
	uint32_t state;             /* at the end */
	simtime_t throttled;        /* time at a state above 0 */
};
struct pm_report_thermal {
	bool present;               /* the SoC has a thermal model */
	double ambient_c;           /* at the end */
	simtime_t step;
	struct pm_report_thermal_node *nodes;
	unsigned nnodes;
	struct pm_report_tzone *zones;
	unsigned nzones;
	struct pm_report_cdev *cdevs; /* in the order first seen */
	unsigned ncdevs;
	/* A zone crossed its critical trip: the first to, its trip and when
	 * (the run's end and outcome say how it ended). */
	bool critical;
	const char *critical_zone;
	double critical_c;
	simtime_t critical_time;
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
	struct pm_report_battery battery;
	struct pm_report_cpu *cpus;
	unsigned ncpus;
	struct pm_report_domain *domains;
	unsigned ndomains;
	struct pm_report_dram dram;
	struct pm_report_count *wakeups;
	unsigned nwakeups;
	uint64_t suspends;          /* system suspend entries */
	simtime_t suspended;        /* time in system suspend */
	/* Guest markers (empty without a simulator-control device). */
	struct pm_report_marker *markers;  /* the first ones, in order */
	unsigned nmarkers;
	uint64_t markers_dropped;   /* beyond the limit, or refused */
	struct pm_report_interval *intervals; /* per name, by name */
	unsigned nintervals;
	struct pm_report_pm_event *pm_events; /* suspend entries and resumes */
	unsigned npm_events;
	struct pm_report_suspend_cycle *cycles; /* pm/markers.c */
	unsigned ncycles;
	/* Wake-ups attributed to guest timer callbacks (`timer:` instants). */
	struct pm_report_count *timer_wakeups;
	unsigned ntimer_wakeups;
	const char **diagnostics;   /* one sentence each, in time order */
	const simtime_t *diagnostic_times; /* when each was recorded */
	unsigned ndiagnostics;
	/* Latencies, by kind then name (pm/latency.h); owned by the SoC. */
	struct pm_report_latency *latencies;
	unsigned nlatencies;
	/* The timeline's recording (--timeline, --html): its record limit
	 * and, when the limit was reached, the time recording stopped. */
	bool timeline;
	uint64_t timeline_limit;
	bool timeline_truncated;
	simtime_t timeline_stopped;
	struct pm_report_coherency coherency;
	struct pm_report_thermal thermal;
	/* Host figures: vary from run to run. */
	double host_seconds;
	double host_mips;
};

enum { PM_REPORT_NO_HOST = 1 };

/* The numbers as every human-readable writer prints them (the text
 * report, the HTML page): a time in the largest unit in which it reads at
 * least 1 ("12.345 ms", "980 ps"), three decimals rounded half up; a
 * quantity in the SI unit from `base` ("J", "W") down to nano in which it
 * reads at least 1 ("3.142 mW"), "n/a" if not finite. */
void pm_report_fmt_time(char *buf, size_t n, simtime_t ps);
/* A time as seconds with all twelve decimals, exact: "1.366832000000". */
void pm_report_fmt_seconds(char *buf, size_t n, simtime_t ps);
void pm_report_fmt_si(char *buf, size_t n, double v, const char *base);

/* The human summary. */
void pm_report_text(FILE *f, const struct pm_report *r, unsigned flags);
/* The JSON document. Returns 0, or -1 if writing failed. */
int pm_report_json(FILE *f, const struct pm_report *r, unsigned flags);

#endif
