/*
 * A run: SoC + guest image + semihosting + the main loop, and the exit
 * statuses of `pmsim run` (docs/cli.md).
 */
#ifndef PMSIM_MACHINE_H
#define PMSIM_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/err.h"
#include "sim/sched.h"

/* Exit statuses that are pmsim's own; anything else is the guest's. */
enum {
	EXIT_USAGE = 64,       /* bad command line */
	EXIT_BADINPUT = 65,    /* malformed ELF, DTS/DTB, or other input file */
	EXIT_NOINPUT = 66,     /* an input file is missing, unreadable or not a regular file */
	EXIT_CANTCREATE = 73,  /* an output cannot be created or written */
	EXIT_INTERNAL = 70,    /* out of host memory or similar */
	EXIT_POWER_FAIL = 123, /* the SoC lost its power: brown-out, thermal shutdown */
	EXIT_COHERENCY = 127,  /* --coherency=fatal: the checker stopped the run */
	EXIT_LIMIT = 124,      /* --until or --max-insns reached (as timeout(1)) */
	EXIT_LOCKUP = 125,     /* the guest locked up (fault in HardFault/NMI) */
	EXIT_ASLEEP = 126,     /* the guest sleeps and nothing can ever wake it */
	EXIT_SIGNAL = 128,     /* + the signal: SIGINT, SIGTERM or SIGHUP stopped the run */
};

struct run_options {
	const char *config;      /* .dts or .dtb; NULL = the built-in default SoC */
	const char *image;
	simtime_t until;         /* 0 = no limit */
	uint64_t max_insns;      /* 0 = no limit */
	/* --ambient: the thermal model's ambient (°C) from the start; a SoC
	 * without a thermal model refuses it (EXIT_USAGE). */
	bool has_ambient;
	double ambient_c;
	const char *sh_root;     /* --semihosting-root */
	const char *uart_out;    /* NULL = stdout */
	const char *uart_in;     /* NULL = no input, "-" = stdin */
	const char *cmdline;     /* SYS_GET_CMDLINE */
	bool set_battery_percent; /* --battery-percent: the battery's state of */
	double battery_percent;   /* charge at the start, 0-100 */
	bool stats;              /* print run statistics on stderr (--stats) */
	bool summary;            /* print the energy report on stderr (--summary) */
	bool no_host;            /* reports without host figures (--no-host) */
	const char *report;      /* --report FILE.json */
	/* --timeline FILE: .vcd, .json (Perfetto) or .csv (pm/timeline.h);
	 * --timeline-limit: its records at most (0: the default). */
	const char *timeline;
	uint64_t timeline_limit;
	const char *html;        /* --html FILE.html */
	/* Record a timeline for the caller (machine_write_timeline,
	 * machine_write_html) without any file of the machine's own. */
	bool record;
	int coherency;           /* --coherency: enum coh_mode (default report) */
	double host_timeout;     /* --timeout: host seconds; 0 = no limit */
	/* The limit as a time of CLOCK_MONOTONIC (seconds) when the clock
	 * started earlier than the run (a scenario's); 0: from the first
	 * step. */
	double host_deadline;
	/* A device tree blob to build the SoC from instead of reading
	 * `config` (which then only names it in messages); not copied. */
	const void *dtb;
	size_t dtb_len;
	/* No console: UART and semihosting output are dropped (a scenario
	 * captures the UART through its own tap), nothing read from stdin,
	 * and no outcome message on stderr. */
	bool quiet;
	/* Show progress on stderr (a terminal): simulated time against
	 * `until`, MIPS, ETA, redrawn a few times a second. */
	bool progress;
	/* SIGINT, SIGTERM and SIGHUP stop the run where it is, with the
	 * reports written (status 128 + the signal), instead of ending pmsim
	 * (sim/hostio.h hostio_interruptible). */
	bool interruptible;
	/* Semihosting reads nothing from stdin (a scenario feeds the guest
	 * itself). */
	bool no_stdin;
	/* A debugger (front/gdbstub.c), asked between slices of the run
	 * whether it wants the core: true ends the step there
	 * (MACHINE_RUNNING). A breakpoint, watchpoint or step ends it too. */
	bool (*debug_poll)(void *opaque);
	void *debug_opaque;
};

/* Load a device tree: .dts files are compiled with dtc, anything else must
 * be a DTB; NULL path = the built-in default. Either must be a regular file
 * of at most HOSTIO_MAX_DT bytes (sim/hostio.h). *dtb is malloc'd. Returns
 * 0, or EXIT_NOINPUT / EXIT_BADINPUT / EXIT_INTERNAL with e filled. */
int machine_load_dtb(const char *path, void **dtb, size_t *len, struct err *e);

/* Run to completion; returns pmsim's exit status. Messages go to stderr. */
int machine_run(const struct run_options *o);

/*
 * The same run, one step at a time (scenarios, and anything else that has
 * to stop the guest and look at it): open; step as often as needed;
 * finish (statistics, the UART output file, the reports the options ask
 * for); close. Stepping is deterministic: a run paused anywhere any
 * number of times ends the same as one that was never paused.
 */
struct machine;
struct pm_report;

#define MACHINE_RUNNING (-1)

/* Build the SoC, load the image, create the outputs. Returns 0 with *m
 * set, or an exit status with e filled (and nothing left behind). */
int machine_open(const struct run_options *o, struct machine **m, struct err *e);
/* Run until simulated time `stop` (absolute), until machine_pause() is
 * called from inside the run (a device callback, a scheduled event), or
 * until the run ends. Returns MACHINE_RUNNING if it can go on, else the
 * run's exit status (machine_outcome says why). */
int machine_step(struct machine *m, simtime_t stop);
/* From inside a step (a device callback, an event, a trace sink): return
 * from it at the next point where the core stops anyway (the next event
 * due, or the step's end); the run is the same as if it had not paused. */
void machine_pause(struct machine *m);
/* End the run from outside (a scenario's failure or limit): `status`,
 * and the outcome formatted. A run already ended keeps its own. */
void machine_stop(struct machine *m, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool machine_finished(const struct machine *m, int *status);
const char *machine_outcome(const struct machine *m);
struct soc *machine_soc(struct machine *m);
/* The image's symbol containing addr (offset into it), or NULL. */
const char *machine_symbolize(struct machine *m, uint32_t addr, uint32_t *offset);
/* The address (and size, if wanted) of the image's symbol `name`: 0, or
 * -1 if it has none. */
int machine_symbol(struct machine *m, const char *name, uint32_t *addr, uint32_t *size);
/* Host seconds spent stepping so far. */
double machine_host_seconds(const struct machine *m);
/* The report of the run as it stands, at any point: JSON and/or text
 * (NULL: not that one). 0, -1 if writing failed, or EXIT_INTERNAL. */
int machine_write_report(struct machine *m, FILE *json, FILE *text, bool no_host);
/* The collected report itself (pm/report.h), to read figures from. */
int machine_collect(struct machine *m, struct pm_report *rep);
/* The timeline recorded (o->record, --timeline, --html) up to the present,
 * in format `fmt` (enum timeline_format), and the HTML report of the run so
 * far. The first of them ends the recording: the timeline then covers the
 * run up to that moment. 0, -1 if writing failed, or EXIT_INTERNAL (out of
 * memory, or nothing was recorded). */
int machine_write_timeline(struct machine *m, FILE *f, int fmt);
int machine_write_html(struct machine *m, FILE *f, bool no_host);
void machine_collect_free(struct pm_report *rep);
/* After the last step: --stats, the UART output file, --summary and
 * --report. Returns the final exit status. */
int machine_finish(struct machine *m);
void machine_close(struct machine *m);

/* `pmsim info`: describe the SoC on stdout. Returns an exit status. */
int machine_info(const char *config);

extern const unsigned char pmsim_default_dtb[];
extern const size_t pmsim_default_dtb_len;

#endif
