/*
 * The HTML report (docs/html.md): one self-contained page with the
 * report's figures and the timeline's tracks drawn as inline SVG, for a
 * person to read in a browser. Like the text and JSON writers it only
 * formats: it reads struct pm_report and the finished timeline (through
 * the accessors of pm/timeline.h), never a model.
 */
#ifndef PMSIM_PM_HTML_H
#define PMSIM_PM_HTML_H

#include <stdio.h>

#include "pm/report.h"
#include "pm/timeline.h"

/* The power charts' resolution: at most this many columns each. */
#define PM_HTML_COLUMNS 1500u

struct pm_html_options {
	unsigned flags;             /* PM_REPORT_NO_HOST: leave the host figures out */
	const char *title;          /* NULL: "pmsim report: IMAGE" */
};

/*
 * Write the page. `tl` is the finished timeline, or NULL when none was
 * recorded (the charts over time then say so). `o` may be NULL (the
 * defaults). The output depends only on the simulation unless the host
 * figures are asked for. Returns 0, or -1 if writing failed or memory ran
 * out.
 */
int pm_report_html(FILE *f, const struct pm_report *r, const struct timeline *tl,
		   const struct pm_html_options *o);

/*
 * The chart columns of a power track: [t0, t1) cut into `ncols` columns
 * of whole picoseconds (column c starting at t0 + floor((t1 - t0) * c /
 * ncols)), and watts[c] the track's energy in column c divided by the
 * column's length, so that the sum of watts[c] times the lengths is the
 * track's energy over [t0, t1) (its joules, when [t0, t1) is its span).
 * The track's last value lasts until t1; nothing is drawn before t[0].
 * ncols must be at least 1 and at most t1 - t0 (no empty column).
 */
void pm_html_columns(const struct tl_power *p, simtime_t t0, simtime_t t1, unsigned ncols,
		     double *watts);
/* Where column c starts (the rule above). */
simtime_t pm_html_column_start(simtime_t t0, simtime_t t1, unsigned ncols, unsigned c);

/*
 * Write `s` as XML/HTML character data or attribute text: & < > " '
 * escaped, control characters and ill-formed UTF-8 replaced by '?', so
 * that no string from the guest or the DT can break the document. NULL
 * writes nothing.
 */
void pm_html_escape(FILE *f, const char *s);

#endif
