/*
 * Comparing two pmsim reports (docs/cli.md, "pmsim diff"): the headline
 * figures of a JSON report (docs/report.md, "Headline figures"), and a
 * table of those that changed between two reports, each judged against a
 * tolerance. `pmsim diff` is the command; the regression runner and the
 * sweeps use diff_reports and report_headlines directly.
 */
#ifndef PMSIM_FRONT_DIFF_H
#define PMSIM_FRONT_DIFF_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/err.h"

struct json;

/* The defaults of `pmsim diff`: a figure passes within 1 % of its old
 * value, or within 1 nJ or 1 ns, for figures at or near zero where no
 * relative tolerance helps. */
#define DIFF_REL_DEFAULT 0.01
#define DIFF_ABS_ENERGY_DEFAULT 1e-9
#define DIFF_ABS_TIME_DEFAULT 1e-9

/*
 * A figure passes if |new - old| <= the absolute tolerance of its unit, or
 * |new - old| <= rel * |old|. Energies (J) have abs_energy, times (s)
 * abs_time, the average power (W) abs_energy over the old run's simulated
 * time, and counts none: they must be equal unless rel allows.
 */
struct diff_opts {
	double rel;
	double abs_energy;   /* joules */
	double abs_time;     /* seconds */
	bool all;            /* list every figure, not only those that changed */
};

#define DIFF_OPTS_DEFAULT                                                        \
	{ .rel = DIFF_REL_DEFAULT, .abs_energy = DIFF_ABS_ENERGY_DEFAULT,        \
	  .abs_time = DIFF_ABS_TIME_DEFAULT, .all = false }

/* `pmsim diff [options] OLD.json NEW.json`; argv[0] is "diff". Returns the
 * exit status: 0 none past tolerance, 1 some, 64 bad command line, 65 a
 * malformed or non-report JSON, 66 a missing or unreadable file. */
int diff_main(int argc, char **argv);

/* --rel, --abs-energy or --abs-time at argv[*i] (its value next or after
 * '='): 1 if taken, 0 if not one of them, or EXIT_USAGE after a message. */
int diff_tolerance_opt(int argc, char **argv, int *i, struct diff_opts *o);
/* Read and check a report (a message on stderr and an exit status if it
 * is missing, malformed or not a report). */
int diff_load_report(const char *path, struct json **rep);

/*
 * Print the table of figures that changed (all with o->all) from `old` to
 * `new` on `out`, and a last line "N figures compared, M past tolerance";
 * *past is M. A figure in only one report is past tolerance ("added",
 * "removed"). Returns 0, or -1 with nothing printed if either document is
 * not a report (report_check) or memory ran out.
 */
int diff_reports(const struct json *old, const struct json *new, const struct diff_opts *o,
		 FILE *out, unsigned *past);

/*
 * Call fn for each headline figure of the report, in the fixed order of
 * docs/report.md with its stable name ("total_j", "cstate.wfi.time_s",
 * "interval.suspend:mem.max_s", ...). Figures the report does not have
 * (null, or no such member) are left out. Returns 0, or -1 without
 * calling fn if rep is not a report (report_check), or -1 if memory ran
 * out on the way.
 */
int report_headlines(const struct json *rep,
		     void (*fn)(void *opaque, const char *name, double value), void *opaque);

/*
 * Is rep a pmsim report: an object whose "schema" begins with
 * "pmsim-report/", and whose members that hold headline figures have the
 * types of the schema? 0, or -1 with e saying what is wrong ("not a pmsim
 * report: ...", "malformed pmsim report: energy.total_j is a string, not
 * a number").
 */
int report_check(const struct json *rep, struct err *e);

#endif
