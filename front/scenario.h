/*
 * Scenarios: Lua 5.4 scripts that drive a run (docs/scenarios.md).
 *
 * A scenario builds one machine, runs it for or until something, injects
 * stimuli at simulated times, observes the console, the trace stream,
 * energy and residencies, asserts, and declares budgets that are checked
 * at its end. The Lua state is sandboxed: no process, no C modules, and
 * files only under the scenario's folder and its output folder.
 */
#ifndef PMSIM_FRONT_SCENARIO_H
#define PMSIM_FRONT_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/sched.h"

/* Exit statuses of `pmsim scenario` besides the run's own (docs/cli.md). */
enum {
	SCENARIO_PASS = 0,
	SCENARIO_FAIL = 1,   /* an assertion, an expectation or a budget failed */
	SCENARIO_ERROR = 2,  /* the script is wrong: Lua error, bad argument, sandbox */
};

#define SCENARIO_MAX_PARAMS 32

struct scenario_opts {
	const char *path;          /* the .lua file */
	const char *output;        /* output folder; NULL: the script's or NAME.out */
	const char *config;        /* --config: the SoC instead of machine{config} */
	simtime_t until;           /* run limit (0: the script's, or none) */
	uint64_t max_insns;        /* 0: the script's, or none */
	double timeout;            /* host seconds; < 0: the script's, or the default */
	bool quiet;                /* no console echo, no progress */
	bool no_host;              /* reports without host figures */
	/* The first SIGINT/SIGTERM/SIGHUP stops the scenario (its machine
	 * and its script) with its reports written (sim/hostio.h). */
	bool interruptible;
	/* Parameter values (-p NAME=VALUE), in place of the first of each. */
	const char *param_names[SCENARIO_MAX_PARAMS];
	const char *param_values[SCENARIO_MAX_PARAMS];
	unsigned nparams;
	/* Where the one-line result and the budget lines go (NULL: nowhere). */
	FILE *result;
};

/* One budget's outcome, for the regression runner. */
struct scenario_budget {
	char name[96];
	double value, limit;
	const char *unit;          /* "J", "W", "s" */
	bool ok;
};

struct scenario_result {
	int status;                /* SCENARIO_* or a run exit status */
	char name[128];
	char message[1024];        /* why it failed or erred, with file:line */
	double sim_seconds, host_seconds;
	struct scenario_budget budgets[32];
	unsigned nbudgets;
	char output[4096];         /* the output folder actually used */
};

/* Run one scenario to its end. Returns r->status. */
int scenario_run(const struct scenario_opts *o, struct scenario_result *r);

/* The declared parameters of a scenario (for sweeps): each name and its
 * values as strings, in declaration order (names sorted when declared as
 * a table with keys). Returns 0, or an exit status with msg filled. */
struct scenario_param {
	char *name;
	char **values;
	unsigned nvalues;
};
int scenario_params(const char *path, struct scenario_param **params, unsigned *n,
		    char *msg, size_t msglen);
void scenario_params_free(struct scenario_param *p, unsigned n);

/* `pmsim scenario`: argv[0] is "scenario". Returns the exit status. */
int scenario_main(int argc, char **argv);

/* The options `pmsim scenario`, `test` and `sweep` share (--until,
 * --max-insns, --timeout, -p, --config, --quiet, --no-host), at argv[*i]: 1 if
 * taken, 0 if not one of them, or an exit status after a message. */
int scenario_common_opt(int argc, char **argv, int *i, struct scenario_opts *o);
void scenario_opts_free(struct scenario_opts *o);
/* The result as JSON (result.json in a scenario's output folder). */
void scenario_write_result(FILE *f, const struct scenario_result *r, bool no_host);
/* "PASS name (...)", the budgets, and the message of a failure. */
void scenario_print_result(FILE *f, const struct scenario_result *r, bool no_host);

/* Quantities with units ("2 mJ", "500us", "3.3V"); numbers are SI. */
int scenario_parse_quantity(const char *s, const char *unit, double *out, char *why,
			    size_t whylen);

#endif
