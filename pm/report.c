/*
 * The energy report writers (report.h, docs/report.md): a fixed-width text
 * summary for people, in the spirit of PowerTOP and turbostat, and a JSON
 * document with a versioned schema for scripts and golden-report tests.
 *
 * Both only format what the run collected into struct pm_report; neither
 * reads a model. Determinism is the point of most choices here:
 *
 * - Times are integer picoseconds and are converted with integer
 *   arithmetic only: JSON gets exact seconds with 12 decimals, the text an
 *   adaptive unit rounded half up on the integer.
 * - Reals (joules, watts) have one fixed printf format; a non-finite value
 *   (which no model should produce) becomes JSON null and "n/a" in the text,
 *   never "nan" or "inf".
 * - Sorting breaks ties by name, so equal inputs give equal bytes.
 * - The host section, the only part that varies between runs, is last and
 *   can be left out (PM_REPORT_NO_HOST).
 *
 * The text never has trailing blanks: cells are padded with "owed" spaces
 * that are only written when something visible follows on the same line
 * (struct rep_line). Strings from the run are printed sanitised (control
 * characters as '?') so a hostile name cannot break the line structure.
 */
#include "pm/report.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim/json.h"

/* ------------------------------------------------------------------------ */
/* Numbers as strings (shared by both writers)                              */

#define REP_NUM 48 /* room for any number this file formats */

/* Exact seconds, 12 decimals: "9223372.036854775808". */
void pm_report_fmt_seconds(char *buf, size_t n, simtime_t ps)
{
	snprintf(buf, n, "%" PRIu64 ".%012" PRIu64, ps / PS_PER_S, ps % PS_PER_S);
}

/*
 * A time in the largest unit (s, ms, µs, ns) in which it is at least 1,
 * with three decimals rounded half up on the integer; whole picoseconds
 * below 1 ns. A value that rounds up to 1000 of a unit moves to the next
 * one, so it reads "1.000 ms" rather than "1000.000 us".
 */
void pm_report_fmt_time(char *buf, size_t n, simtime_t ps)
{
	static const struct {
		simtime_t unit;
		const char *name;
	} units[] = {
		{ PS_PER_NS, "ns" }, { PS_PER_US, "\u00b5s" },
		{ PS_PER_MS, "ms" }, { PS_PER_S, "s" },
	};
	unsigned i = 0;

	if (ps < PS_PER_NS) {
		snprintf(buf, n, "%" PRIu64 " ps", ps);
		return;
	}
	while (i + 1 < sizeof units / sizeof units[0] && ps >= units[i + 1].unit)
		i++;
	for (;;) {
		simtime_t u = units[i].unit;
		uint64_t q = ps / u;
		/* ps % u < 1e12, so the product stays far below 2^64. */
		uint64_t frac = (ps % u * 1000 + u / 2) / u;

		if (frac == 1000) {
			q++;
			frac = 0;
		}
		if (q >= 1000 && i + 1 < sizeof units / sizeof units[0]) {
			i++;
			continue;
		}
		snprintf(buf, n, "%" PRIu64 ".%03" PRIu64 " %s", q, frac, units[i].name);
		return;
	}
}

/*
 * A real quantity in an adaptive SI unit (base "J" or "W"): the unit, from
 * the base down to nano, in which it reads at least 1, three decimals.
 */
void pm_report_fmt_si(char *buf, size_t n, double v, const char *base)
{
	static const char *const prefix[] = { "", "m", "\u00b5", "n" };
	double a = fabs(v), scale = 1.0;
	unsigned i = 0;

	if (!isfinite(v)) {
		snprintf(buf, n, "n/a");
		return;
	}
	if (v == 0.0) {
		snprintf(buf, n, "0.000 %s", base);
		return;
	}
	/* Stop at the first unit where the value would print as >= 1.000. */
	while (i + 1 < sizeof prefix / sizeof prefix[0] && a * scale < 0.9995) {
		i++;
		scale *= 1000.0;
	}
	snprintf(buf, n, "%.3f %s%s", v * scale, prefix[i], base);
}

/*
 * A value given in millionths of a unit (µV, Hz for MHz) printed in the
 * unit with three decimals, rounded half up in integers: 1100000 µV is
 * "1.100", 32768 Hz is "0.033" MHz; `unit` follows the number.
 */
static void rep_milli(char *buf, size_t n, uint64_t micro, const char *unit)
{
	uint64_t milli = micro / 1000 + (micro % 1000 >= 500);

	snprintf(buf, n, "%" PRIu64 ".%03" PRIu64 "%s", milli / 1000, milli % 1000, unit);
}

static double rep_watts(double joules, simtime_t ps)
{
	return ps ? joules / ((double)ps * 1e-12) : 0.0;
}

/* Per mille of a total, bounded so that it always converts to a long (a
 * share beyond +-10^12 % is nonsense anyway); 0 for a non-finite value. */
static double rep_permille(double v, double total)
{
	double p = isfinite(v) ? v / total * 1000.0 : 0.0;

	return p > 1e13 ? 1e13 : p < -1e13 ? -1e13 : p;
}

/*
 * Tenths of a percent of `total` for each value. When the values add up
 * to the total (a partition: components and losses, residencies over the
 * run), the rounding is by largest remainder so that the printed shares
 * add up to exactly 100.0 %; otherwise each is rounded on its own.
 * Returns false (and fills nothing) when there is no total to divide by.
 */
static bool rep_tenths(const double *v, unsigned n, double total, long *out)
{
	double sum = 0.0;
	long given = 0;

	if (!(total > 0.0) || !isfinite(total))
		return false;
	for (unsigned i = 0; i < n; i++) {
		sum += isfinite(v[i]) ? v[i] : 0.0;
		out[i] = (long)floor(rep_permille(v[i], total));
		given += out[i];
	}
	if (n == 0 || fabs(sum - total) > total * 1e-9) {
		for (unsigned i = 0; i < n; i++)
			out[i] = lround(rep_permille(v[i], total));
		return true;
	}
	/* Hand out the missing tenths to the largest remainders, first index
	 * first among equals; at most n of them are missing. */
	for (long left = 1000 - given; left > 0; left--) {
		unsigned best = n;
		double best_rem = -1.0;

		for (unsigned i = 0; i < n; i++) {
			double rem = rep_permille(v[i], total) - (double)out[i];

			if (rem > best_rem && rem < 1.0) {
				best = i;
				best_rem = rem;
			}
		}
		if (best == n)
			break;
		out[best]++;
	}
	return true;
}

static void rep_percent(char *buf, size_t n, bool ok, long tenths)
{
	if (ok)
		snprintf(buf, n, "%ld.%ld %%", tenths / 10, labs(tenths % 10));
	else
		snprintf(buf, n, "-");
}

/* ------------------------------------------------------------------------ */
/* Text lines without trailing blanks                                       */

struct rep_line {
	FILE *f;
	unsigned col;   /* display columns on this line, owed spaces included */
	unsigned owed;  /* spaces to write before the next visible character */
};

/* Display columns of a UTF-8 string: one per character (lead byte). */
static unsigned rep_width(const char *s)
{
	unsigned w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void rep_pad(struct rep_line *l, unsigned n)
{
	l->owed += n;
	l->col += n;
}

/* Write a string; blanks become owed spaces, control characters '?'. */
static void rep_put(struct rep_line *l, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ') {
			rep_pad(l, 1);
			continue;
		}
		while (l->owed) {
			fputc(' ', l->f);
			l->owed--;
		}
		if (c < 0x20 || c == 0x7f)
			c = '?';
		fputc(c, l->f);
		if ((c & 0xc0) != 0x80)
			l->col++;
	}
}

/*
 * A cell of `width` columns. Text longer than that pushes the rest of the
 * row on; a blank always separates it from what came before.
 */
static void rep_cell(struct rep_line *l, const char *s, unsigned width, bool right)
{
	unsigned w = s ? rep_width(s) : 0;
	unsigned pad = w < width ? width - w : 0;
	unsigned sep = l->col > 0 && l->owed == 0;

	if (right) {
		rep_pad(l, pad > sep ? pad : sep);
	} else {
		rep_pad(l, sep);
	}
	rep_put(l, s);
	if (!right)
		rep_pad(l, pad);
}

/* Move to column `col`, or one blank on if already there or past it. */
static void rep_tab(struct rep_line *l, unsigned col)
{
	rep_pad(l, l->col < col ? col - l->col : 1);
}

static void rep_end(struct rep_line *l)
{
	fputc('\n', l->f);
	l->owed = 0;
	l->col = 0;
}

/* One whole line from a format (no run strings: they go through rep_put). */
__attribute__((format(printf, 2, 3)))
static void rep_linef(struct rep_line *l, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	rep_put(l, buf);
	rep_end(l);
}

/* Width of a name column: the longest name, within sensible bounds. */
static unsigned rep_name_width(unsigned header, unsigned longest)
{
	unsigned w = longest > header ? longest : header;

	return w > 40 ? 40 : w;
}

static const char *rep_str(const char *s)
{
	return s ? s : "";
}

/* ------------------------------------------------------------------------ */
/* Text sections                                                            */

static void text_header(struct rep_line *l, const struct pm_report *r)
{
	char a[REP_NUM], b[REP_NUM];

	rep_put(l, "pmsim power report");
	rep_end(l);
	rep_put(l, "SoC:");
	rep_tab(l, 17);
	rep_put(l, rep_str(r->soc));
	rep_end(l);
	rep_put(l, "Image:");
	rep_tab(l, 17);
	rep_put(l, rep_str(r->image));
	rep_end(l);
	rep_put(l, "Outcome:");
	rep_tab(l, 17);
	rep_put(l, rep_str(r->outcome));
	rep_end(l);
	rep_linef(l, "Exit status:     %d", r->exit_status);
	pm_report_fmt_seconds(a, sizeof a, r->sim_time);
	rep_linef(l, "Simulated time:  %s s", a);
	pm_report_fmt_si(a, sizeof a, r->total_j, "J");
	rep_linef(l, "Energy:          %s at the battery", a);
	pm_report_fmt_si(b, sizeof b, rep_watts(r->total_j, r->sim_time), "W");
	rep_linef(l, "Average power:   %s", r->sim_time ? b : "-");
}

static int text_cmp_energy(const void *pa, const void *pb)
{
	const struct pm_report_energy *a = *(const struct pm_report_energy *const *)pa;
	const struct pm_report_energy *b = *(const struct pm_report_energy *const *)pb;
	double ja = isfinite(a->joules) ? a->joules : -INFINITY;
	double jb = isfinite(b->joules) ? b->joules : -INFINITY;

	if (ja != jb)
		return ja > jb ? -1 : 1;
	return strcmp(rep_str(a->name), rep_str(b->name));
}

static void text_energy_row(struct rep_line *l, unsigned namew, const char *name,
			    double j, bool share_ok, long tenths, simtime_t t)
{
	char a[REP_NUM];

	rep_pad(l, 2);
	rep_cell(l, name, namew, false);
	pm_report_fmt_si(a, sizeof a, j, "J");
	rep_cell(l, a, 14, true);
	rep_percent(a, sizeof a, share_ok, tenths);
	rep_cell(l, a, 9, true);
	if (t)
		pm_report_fmt_si(a, sizeof a, rep_watts(j, t), "W");
	else
		snprintf(a, sizeof a, "-");
	rep_cell(l, a, 14, true);
	rep_end(l);
}

/*
 * Components, largest first. The battery total also pays for regulator
 * conversion and quiescent losses, which no component meter sees: they get
 * a row of their own so that the shares add up to the total.
 */
static void text_components(struct rep_line *l, const struct pm_report *r)
{
	unsigned n = r->ncomponents, longest = 0;
	const struct pm_report_energy **order = NULL;
	double *v = calloc(n + 1, sizeof *v);
	long *tenths = calloc(n + 1, sizeof *tenths);
	double sum = 0.0, loss;
	bool with_loss, share_ok;
	unsigned namew;

	rep_end(l);
	rep_put(l, "Energy by component");
	rep_end(l);
	if (n == 0) {
		rep_linef(l, "  (no component meters)");
		goto out;
	}
	order = malloc(n * sizeof *order);
	if (!order || !v || !tenths) {
		rep_linef(l, "  (out of memory)");
		goto out;
	}
	for (unsigned i = 0; i < n; i++) {
		order[i] = &r->components[i];
		if (isfinite(order[i]->joules))
			sum += order[i]->joules;
		if (rep_width(rep_str(order[i]->name)) > longest)
			longest = rep_width(rep_str(order[i]->name));
	}
	qsort(order, n, sizeof *order, text_cmp_energy);
	for (unsigned i = 0; i < n; i++)
		v[i] = order[i]->joules;
	loss = r->total_j - sum;
	/* A relative threshold keeps rounding noise from showing as a loss. */
	with_loss = isfinite(loss) && loss > fabs(r->total_j) * 1e-9;
	if (with_loss)
		v[n] = loss;
	namew = rep_name_width(17, longest);
	share_ok = rep_tenths(v, n + with_loss, with_loss ? r->total_j : sum, tenths);

	rep_pad(l, 2);
	rep_cell(l, "component", namew, false);
	rep_cell(l, "energy", 14, true);
	rep_cell(l, "share", 9, true);
	rep_cell(l, "average", 14, true);
	rep_end(l);
	for (unsigned i = 0; i < n; i++)
		text_energy_row(l, namew, rep_str(order[i]->name), v[i], share_ok,
				tenths[i], r->sim_time);
	if (with_loss)
		text_energy_row(l, namew, "conversion losses", loss, share_ok, tenths[n],
				r->sim_time);
	text_energy_row(l, namew, "total", with_loss ? r->total_j : sum, share_ok, 1000,
			r->sim_time);
	if (!with_loss && isfinite(r->total_j) && sum - r->total_j > fabs(r->total_j) * 1e-9) {
		/* Meters not attached to a rail count here but not at the battery. */
		char a[REP_NUM];

		pm_report_fmt_si(a, sizeof a, sum - r->total_j, "J");
		rep_linef(l, "  (components exceed the battery total by %s: meters on no rail)", a);
	}
out:
	free(order);
	free(v);
	free(tenths);
}

static void text_rails(struct rep_line *l, const struct pm_report *r)
{
	unsigned longest = 0, namew;
	char a[REP_NUM];

	rep_end(l);
	rep_put(l, "Rails");
	rep_end(l);
	if (r->nrails == 0) {
		rep_linef(l, "  (no rails)");
		return;
	}
	for (unsigned i = 0; i < r->nrails; i++)
		if (rep_width(rep_str(r->rails[i].name)) > longest)
			longest = rep_width(rep_str(r->rails[i].name));
	namew = rep_name_width(17, longest);
	rep_pad(l, 2);
	rep_cell(l, "rail", namew, false);
	rep_cell(l, "voltage", 10, true);
	rep_cell(l, "delivered", 14, true);
	rep_cell(l, "drawn", 14, true);
	rep_cell(l, "efficiency", 12, true);
	rep_end(l);
	for (unsigned i = 0; i < r->nrails; i++) {
		const struct pm_report_rail *rl = &r->rails[i];
		double eff = rl->in_j > 0.0 ? rl->out_j / rl->in_j : NAN;

		rep_pad(l, 2);
		rep_cell(l, rep_str(rl->name), namew, false);
		rep_milli(a, sizeof a, rl->microvolt, " V");
		rep_cell(l, a, 10, true);
		pm_report_fmt_si(a, sizeof a, rl->out_j, "J");
		rep_cell(l, a, 14, true);
		pm_report_fmt_si(a, sizeof a, rl->in_j, "J");
		rep_cell(l, a, 14, true);
		if (isfinite(eff))
			snprintf(a, sizeof a, "%.1f %%", eff * 100.0);
		else
			snprintf(a, sizeof a, "-");
		rep_cell(l, a, 12, true);
		rep_end(l);
	}
	/* Switching regulators: their modes, and their curve at the
	 * average load (docs/report.md). */
	for (unsigned i = 0; i < r->nrails; i++) {
		const struct pm_report_rail *rl = &r->rails[i];
		char b[REP_NUM], c[REP_NUM], d[REP_NUM], e[REP_NUM];

		if (!rl->mode)
			continue;
		if (isfinite(rl->avg_amps)) {
			pm_report_fmt_si(a, sizeof a, rl->avg_amps, "A");
			snprintf(b, sizeof b, "%.1f %%", rl->curve_eff * 100.0);
		} else {
			snprintf(a, sizeof a, "n/a");
			snprintf(b, sizeof b, "n/a");
		}
		pm_report_fmt_time(c, sizeof c, (simtime_t)llround(rl->pwm_s * 1e12));
		pm_report_fmt_time(d, sizeof d, (simtime_t)llround(rl->pfm_s * 1e12));
		rep_linef(l, "  %s: mode %s; %s average, %s on its curve; pwm %s, pfm %s",
			  rep_str(rl->name), rl->mode, a, b, c, d);
		pm_report_fmt_si(c, sizeof c, rl->pwm_loss_j, "J");
		pm_report_fmt_si(d, sizeof d, rl->pfm_loss_j, "J");
		pm_report_fmt_si(e, sizeof e, rl->capacitance_f, "F");
		rep_linef(l, "    conversion loss: pwm %s, pfm %s; output capacitance %s", c, d,
			  rl->capacitance_f > 0.0 ? e : "none");
	}
}

/* A battery life: hours or days past an hour, else a time. */
static void text_life(char *buf, size_t n, double s)
{
	if (!isfinite(s))
		snprintf(buf, n, "n/a");
	else if (s >= 2 * 86400.0)
		snprintf(buf, n, "%.1f days", s / 86400.0);
	else if (s >= 3600.0)
		snprintf(buf, n, "%.2f h", s / 3600.0);
	else
		pm_report_fmt_time(buf, n, (simtime_t)llround(s * 1e12));
}

static void text_battery(struct rep_line *l, const struct pm_report *r)
{
	const struct pm_report_battery *b = &r->battery;
	char a[REP_NUM], c[REP_NUM];

	if (!b->present)
		return;
	rep_end(l);
	rep_put(l, "Battery");
	rep_end(l);
	rep_linef(l, "  Capacity:       %.3f mAh; %.3f %% at the start, %.3f %% at the end%s",
		  b->capacity_mah, b->start_percent, b->end_percent,
		  b->browned_out ? " (browned out)" : "");
	rep_linef(l, "  Charge used:    %.6f mAh (%.4f %% of the capacity)", b->used_mah,
		  b->used_percent);
	rep_linef(l, "  Min voltage:    %.3f V (cut-off %.3f V)", b->min_v, b->cutoff_v);
	pm_report_fmt_si(a, sizeof a, b->internal_j, "J");
	rep_linef(l, "  Internal loss:  %s (I^2 R, beside the total)", a);
	pm_report_fmt_si(a, sizeof a, b->avg_w, "W");
	text_life(c, sizeof c, b->life_remaining_s);
	rep_linef(l, "  Projected life: %s from the charge left, at the run's %s average", c, a);
	text_life(c, sizeof c, b->life_full_s);
	rep_linef(l, "                  %s from a full charge", c);
}

/* A share of the run for one time that is not part of a partition. */
static void text_share(char *buf, size_t n, simtime_t t, simtime_t run)
{
	double v = (double)t;
	long tenths = 0;
	bool ok = rep_tenths(&v, 1, (double)run, &tenths);

	rep_percent(buf, n, ok, tenths);
}

static void text_cstates(struct rep_line *l, const struct pm_report *r,
			 const struct pm_report_cpu *c)
{
	unsigned longest = 0, namew;
	char a[REP_NUM];

	if (c->ncstates == 0) {
		rep_linef(l, "  C-states: none");
		return;
	}
	for (unsigned i = 0; i < c->ncstates; i++)
		if (rep_width(rep_str(c->cstates[i].name)) > longest)
			longest = rep_width(rep_str(c->cstates[i].name));
	namew = rep_name_width(9, longest);
	rep_pad(l, 2);
	rep_cell(l, "C-state", namew, false);
	rep_cell(l, "usage", 10, true);
	rep_cell(l, "time", 14, true);
	rep_cell(l, "of run", 9, true);
	rep_cell(l, "above", 9, true);
	rep_cell(l, "below", 9, true);
	rep_cell(l, "latency", 11, true);
	rep_cell(l, "residency", 11, true);
	rep_cell(l, "break-even", 12, true);
	rep_end(l);
	for (unsigned i = 0; i < c->ncstates; i++) {
		const struct pm_report_cstate *s = &c->cstates[i];

		rep_pad(l, 2);
		rep_cell(l, rep_str(s->name), namew, false);
		snprintf(a, sizeof a, "%" PRIu64, s->usage);
		rep_cell(l, a, 10, true);
		pm_report_fmt_time(a, sizeof a, s->time);
		rep_cell(l, a, 14, true);
		text_share(a, sizeof a, s->time, r->sim_time);
		rep_cell(l, a, 9, true);
		snprintf(a, sizeof a, "%" PRIu64, s->above);
		rep_cell(l, a, 9, true);
		snprintf(a, sizeof a, "%" PRIu64, s->below);
		rep_cell(l, a, 9, true);
		snprintf(a, sizeof a, "%" PRIu32 " \u00b5s", s->exit_latency_us);
		rep_cell(l, a, 11, true);
		snprintf(a, sizeof a, "%" PRIu32 " \u00b5s", s->target_residency_us);
		rep_cell(l, a, 11, true);
		if (!isfinite(s->break_even_us))
			snprintf(a, sizeof a, "never");
		else
			snprintf(a, sizeof a, "%.1f \u00b5s", s->break_even_us);
		rep_cell(l, a, 12, true);
		rep_end(l);
	}
	for (unsigned i = 0; i < c->ncstates; i++) {
		const struct pm_report_cstate *s = &c->cstates[i];
		if (!s->break_even_disagrees)
			continue;
		if (!isfinite(s->break_even_us))
			rep_linef(l, "  warning: %s never pays off against %s (it leaks no less), "
				  "yet its min-residency-us is %" PRIu32 " \u00b5s", rep_str(s->name),
				  rep_str(c->cstates[0].name), s->target_residency_us);
		else
			rep_linef(l, "  warning: %s's min-residency-us (%" PRIu32 " \u00b5s) is %s its "
				  "break-even residency (%.1f \u00b5s at %.3f V)%s", rep_str(s->name),
				  s->target_residency_us, s->target_residency_us < s->break_even_us ?
				  "below" : "more than " PM_BREAK_EVEN_FACTOR_TEXT " times",
				  s->break_even_us, s->break_even_uv / 1e6,
				  s->target_residency_us < s->break_even_us ?
				  ": cpuidle will choose it where it costs energy" :
				  ": cpuidle will refuse it where it would save energy");
	}
}

/* The cpufreq-stats style transition table, frequencies in MHz. */
static void text_trans_table(struct rep_line *l, const struct pm_report_cpu *c)
{
	char a[REP_NUM];

	rep_linef(l, "  OPP transitions, from (rows) to (columns), MHz:");
	rep_pad(l, 14);
	for (unsigned j = 0; j < c->nopps; j++) {
		rep_milli(a, sizeof a, c->opps[j].hz, "");
		rep_cell(l, a, 12, true);
	}
	rep_end(l);
	for (unsigned i = 0; i < c->nopps; i++) {
		rep_pad(l, 2);
		rep_milli(a, sizeof a, c->opps[i].hz, "");
		rep_cell(l, a, 12, true);
		for (unsigned j = 0; j < c->nopps; j++) {
			snprintf(a, sizeof a, "%" PRIu64, c->opp_trans_table[i * c->nopps + j]);
			rep_cell(l, a, 12, true);
		}
		rep_end(l);
	}
}

static void text_opps(struct rep_line *l, const struct pm_report *r,
		      const struct pm_report_cpu *c)
{
	double *v;
	long *tenths;
	bool ok;
	char a[REP_NUM];

	if (c->nopps == 0) {
		rep_linef(l, "  OPPs: none");
		return;
	}
	/* A suspended core is at no OPP: suspended time is a row of its own,
	 * so that the rows still divide the run. */
	unsigned nrows = c->nopps + (r->suspended > 0);
	v = calloc(nrows, sizeof *v);
	tenths = calloc(nrows, sizeof *tenths);
	if (!v || !tenths) {
		rep_linef(l, "  OPPs: (out of memory)");
		goto out;
	}
	for (unsigned i = 0; i < c->nopps; i++)
		v[i] = (double)c->opps[i].time;
	if (r->suspended > 0)
		v[c->nopps] = (double)r->suspended;
	ok = rep_tenths(v, nrows, (double)r->sim_time, tenths);
	rep_pad(l, 2);
	rep_cell(l, "OPP", 5, false);
	rep_cell(l, "MHz", 12, true);
	rep_cell(l, "mV", 8, true);
	rep_cell(l, "time", 14, true);
	rep_cell(l, "of run", 9, true);
	rep_cell(l, "entries", 10, true);
	rep_end(l);
	for (unsigned i = 0; i < c->nopps; i++) {
		const struct pm_report_opp *o = &c->opps[i];

		rep_pad(l, 2);
		snprintf(a, sizeof a, "%u", i);
		rep_cell(l, a, 5, false);
		rep_milli(a, sizeof a, o->hz, "");
		rep_cell(l, a, 12, true);
		snprintf(a, sizeof a, "%" PRIu32, o->microvolt / 1000 + (o->microvolt % 1000 >= 500));
		rep_cell(l, a, 8, true);
		pm_report_fmt_time(a, sizeof a, o->time);
		rep_cell(l, a, 14, true);
		rep_percent(a, sizeof a, ok, tenths[i]);
		rep_cell(l, a, 9, true);
		snprintf(a, sizeof a, "%" PRIu64, o->entries);
		rep_cell(l, a, 10, true);
		rep_end(l);
	}
	if (r->suspended > 0) {
		rep_pad(l, 2);
		rep_cell(l, "suspended", 5 + 12 + 8, false);
		pm_report_fmt_time(a, sizeof a, r->suspended);
		rep_cell(l, a, 14, true);
		rep_percent(a, sizeof a, ok, tenths[c->nopps]);
		rep_cell(l, a, 9, true);
		snprintf(a, sizeof a, "%" PRIu64, r->suspends);
		rep_cell(l, a, 10, true);
		rep_end(l);
	}
	rep_linef(l, "  OPP transitions: %" PRIu64, c->opp_transitions);
	if (c->opp_trans_table)
		text_trans_table(l, c);
out:
	free(v);
	free(tenths);
}

static void text_cpus(struct rep_line *l, const struct pm_report *r)
{
	char a[REP_NUM], b[REP_NUM], pa[REP_NUM], pb[REP_NUM];

	for (unsigned i = 0; i < r->ncpus; i++) {
		const struct pm_report_cpu *c = &r->cpus[i];
		double v[2] = { (double)c->busy, (double)c->idle };
		long tenths[2] = { 0 };
		bool ok = rep_tenths(v, 2, (double)r->sim_time, tenths);

		rep_end(l);
		rep_put(l, "CPU ");
		rep_put(l, rep_str(c->name));
		rep_end(l);
		pm_report_fmt_time(a, sizeof a, c->busy);
		pm_report_fmt_time(b, sizeof b, c->idle);
		rep_percent(pa, sizeof pa, ok, tenths[0]);
		rep_percent(pb, sizeof pb, ok, tenths[1]);
		rep_linef(l, "  busy %s (%s)   idle %s (%s)", pa, a, pb, b);
		rep_linef(l, "  cycles %" PRIu64 "   stall cycles %" PRIu64 "   instructions %" PRIu64,
			  c->cycles, c->stall_cycles, c->instructions);
		text_cstates(l, r, c);
		text_opps(l, r, c);
	}
}

static void text_domains(struct rep_line *l, const struct pm_report *r)
{
	unsigned longest = 0, namew;
	char a[REP_NUM];

	rep_end(l);
	rep_put(l, "Power domains");
	rep_end(l);
	if (r->ndomains == 0) {
		rep_linef(l, "  (no power domains)");
		return;
	}
	for (unsigned i = 0; i < r->ndomains; i++)
		if (rep_width(rep_str(r->domains[i].name)) > longest)
			longest = rep_width(rep_str(r->domains[i].name));
	namew = rep_name_width(17, longest);
	rep_pad(l, 2);
	rep_cell(l, "domain", namew, false);
	rep_cell(l, "on", 9, true);
	rep_cell(l, "retention", 11, true);
	rep_cell(l, "off", 9, true);
	rep_cell(l, "off entries", 13, true);
	rep_end(l);
	for (unsigned i = 0; i < r->ndomains; i++) {
		const struct pm_report_domain *d = &r->domains[i];
		double v[3] = { (double)d->on, (double)d->retention, (double)d->off };
		long tenths[3] = { 0 };
		bool ok = rep_tenths(v, 3, (double)r->sim_time, tenths);

		rep_pad(l, 2);
		rep_cell(l, rep_str(d->name), namew, false);
		rep_percent(a, sizeof a, ok, tenths[0]);
		rep_cell(l, a, 9, true);
		rep_percent(a, sizeof a, ok, tenths[1]);
		rep_cell(l, a, 11, true);
		rep_percent(a, sizeof a, ok, tenths[2]);
		rep_cell(l, a, 9, true);
		snprintf(a, sizeof a, "%" PRIu64, d->off_entries);
		rep_cell(l, a, 13, true);
		rep_end(l);
	}
}

static void text_dram(struct rep_line *l, const struct pm_report *r)
{
	const struct pm_report_dram *d = &r->dram;
	static const char *const names[4] = { "active", "power-down", "self-refresh", "off" };
	simtime_t t[4] = { d->active, d->power_down, d->self_refresh, d->off };
	double v[4];
	long tenths[4] = { 0 };
	bool ok;
	char a[REP_NUM];

	rep_end(l);
	if (!d->present) {
		rep_linef(l, "DRAM: none");
		return;
	}
	rep_put(l, "DRAM");
	rep_end(l);
	for (unsigned i = 0; i < 4; i++)
		v[i] = (double)t[i];
	ok = rep_tenths(v, 4, (double)r->sim_time, tenths);
	rep_pad(l, 2);
	rep_cell(l, "state", 14, false);
	rep_cell(l, "time", 14, true);
	rep_cell(l, "of run", 9, true);
	rep_end(l);
	for (unsigned i = 0; i < 4; i++) {
		rep_pad(l, 2);
		rep_cell(l, names[i], 14, false);
		pm_report_fmt_time(a, sizeof a, t[i]);
		rep_cell(l, a, 14, true);
		rep_percent(a, sizeof a, ok, tenths[i]);
		rep_cell(l, a, 9, true);
		rep_end(l);
	}
	rep_linef(l, "  self-refresh entries %" PRIu64 "   power-down entries %" PRIu64,
		  d->self_refresh_entries, d->power_down_entries);
	rep_linef(l, "  reads %" PRIu64 "   writes %" PRIu64, d->reads, d->writes);
}

/* "25.03 °C", "n/a" if not finite. */
static void rep_celsius(char *buf, size_t n, double c)
{
	if (isfinite(c))
		snprintf(buf, n, "%.2f °C", c == 0.0 ? 0.0 : c);
	else
		snprintf(buf, n, "n/a");
}

/* What became of a run whose zone crossed its critical trip, one sentence:
 * how the run ended follows from its status (123: the power failed; 124
 * and up: a limit, a lockup, a sleep for ever, a signal; below: the
 * guest's own exit, its power-off). */
static void rep_critical(char *buf, size_t n, const struct pm_report *r)
{
	const struct pm_report_thermal *t = &r->thermal;
	char at[REP_NUM], end[REP_NUM];

	pm_report_fmt_seconds(at, sizeof at, t->critical_time);
	pm_report_fmt_seconds(end, sizeof end, r->sim_time);
	int len = snprintf(buf, n, "critical trip of %s (%.1f °C) crossed at %s s; ",
			   rep_str(t->critical_zone), t->critical_c, at);
	if (len < 0 || (size_t)len >= n)
		return;
	buf += len;
	n -= (size_t)len;
	if (!r->outcome || !strcmp(r->outcome, "running"))
		snprintf(buf, n, "the guest has not powered off (%s s so far)", end);
	else if (r->exit_status == 123)
		snprintf(buf, n, "the power failed at %s s", end);
	else if (r->exit_status >= 124)
		snprintf(buf, n, "the run ended at %s s without a power-off (%s)", end, r->outcome);
	else
		snprintf(buf, n, "the guest powered off at %s s", end);
}

static void text_temps_cells(struct rep_line *l, const struct pm_report_temps *t)
{
	char a[REP_NUM];
	const double v[4] = { t->min_c, t->mean_c, t->max_c, t->final_c };

	for (unsigned k = 0; k < 4; k++) {
		rep_celsius(a, sizeof a, v[k]);
		rep_cell(l, a, 12, true);
	}
}

static void text_thermal(struct rep_line *l, const struct pm_report *r)
{
	const struct pm_report_thermal *t = &r->thermal;
	unsigned longest = 0, namew;
	char a[REP_NUM], b[REP_NUM];

	rep_end(l);
	if (!t->present) {
		rep_linef(l, "Thermal: no thermal model");
		return;
	}
	rep_celsius(a, sizeof a, t->ambient_c);
	pm_report_fmt_time(b, sizeof b, t->step);
	rep_linef(l, "Thermal (ambient %s, a step every %s)", a, b);
	for (unsigned i = 0; i < t->nnodes; i++)
		if (rep_width(rep_str(t->nodes[i].name)) > longest)
			longest = rep_width(rep_str(t->nodes[i].name));
	for (unsigned i = 0; i < t->nzones; i++)
		if (rep_width(rep_str(t->zones[i].name)) > longest)
			longest = rep_width(rep_str(t->zones[i].name));
	namew = rep_name_width(17, longest);
	rep_pad(l, 2);
	rep_cell(l, "node", namew, false);
	rep_cell(l, "min", 12, true);
	rep_cell(l, "mean", 12, true);
	rep_cell(l, "max", 12, true);
	rep_cell(l, "final", 12, true);
	rep_end(l);
	for (unsigned i = 0; i < t->nnodes; i++) {
		rep_pad(l, 2);
		rep_cell(l, rep_str(t->nodes[i].name), namew, false);
		text_temps_cells(l, &t->nodes[i].t);
		rep_end(l);
	}
	for (unsigned i = 0; i < t->nzones; i++) {
		const struct pm_report_tzone *z = &t->zones[i];

		rep_pad(l, 2);
		rep_cell(l, rep_str(z->name), namew, false);
		text_temps_cells(l, &z->t);
		rep_put(l, "  zone on ");
		rep_put(l, rep_str(z->node));
		rep_end(l);
		for (unsigned k = 0; k < z->ntrips; k++) {
			const struct pm_report_trip *tp = &z->trips[k];
			double v = (double)tp->above;
			long tenths = 0;
			bool ok = rep_tenths(&v, 1, (double)r->sim_time, &tenths);

			rep_pad(l, 4);
			rep_put(l, "trip ");
			rep_put(l, rep_str(tp->name));
			rep_put(l, " (");
			rep_put(l, rep_str(tp->type));
			rep_celsius(a, sizeof a, tp->temp_c);
			rep_put(l, ", ");
			rep_put(l, a);
			rep_put(l, ", hysteresis ");
			rep_celsius(a, sizeof a, tp->hyst_c);
			rep_put(l, a);
			rep_put(l, "): above for ");
			pm_report_fmt_time(a, sizeof a, tp->above);
			rep_put(l, a);
			rep_percent(b, sizeof b, ok, tenths);
			rep_put(l, " (");
			rep_put(l, b);
			rep_put(l, ")");
			rep_end(l);
		}
		if (z->crit_crossed) {
			pm_report_fmt_seconds(a, sizeof a, z->crit_time);
			rep_linef(l, "    critical trip first crossed at %s s", a);
		}
	}
	if (t->ncdevs) {
		rep_linef(l, "  Time throttled (the guest's cooling devices, cdev: markers)");
		for (unsigned i = 0; i < t->ncdevs; i++) {
			const struct pm_report_cdev *c = &t->cdevs[i];
			double v = (double)c->throttled;
			long tenths = 0;
			bool ok = rep_tenths(&v, 1, (double)r->sim_time, &tenths);

			pm_report_fmt_time(a, sizeof a, c->throttled);
			rep_percent(b, sizeof b, ok, tenths);
			rep_linef(l, "    %s: %s (%s of the run), state %u at the end",
				  rep_str(c->type), a, b, c->state);
		}
	}
	if (t->critical) {
		char msg[512];

		rep_critical(msg, sizeof msg, r);
		rep_linef(l, "  Critical shutdown: %s", msg);
	}
}

static int text_cmp_count(const void *pa, const void *pb)
{
	const struct pm_report_count *a = *(const struct pm_report_count *const *)pa;
	const struct pm_report_count *b = *(const struct pm_report_count *const *)pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(rep_str(a->name), rep_str(b->name));
}

static void text_wakeup_row(struct rep_line *l, unsigned namew, const char *name,
			    uint64_t count, simtime_t run)
{
	char a[REP_NUM];

	rep_pad(l, 2);
	rep_cell(l, name, namew, false);
	snprintf(a, sizeof a, "%" PRIu64, count);
	rep_cell(l, a, 12, true);
	if (run)
		snprintf(a, sizeof a, "%.2f", (double)count / ((double)run * 1e-12));
	else
		snprintf(a, sizeof a, "-");
	rep_cell(l, a, 14, true);
	rep_end(l);
}

/* Wake-ups per source, most frequent first, as PowerTOP lists them. */
static void text_wakeups(struct rep_line *l, const struct pm_report *r)
{
	const struct pm_report_count **order;
	unsigned longest = 0, namew;
	uint64_t total = 0;

	rep_end(l);
	if (r->nwakeups == 0) {
		rep_linef(l, "Wake-ups: none");
		return;
	}
	rep_put(l, "Wake-ups");
	rep_end(l);
	order = malloc(r->nwakeups * sizeof *order);
	if (!order) {
		rep_linef(l, "  (out of memory)");
		return;
	}
	for (unsigned i = 0; i < r->nwakeups; i++) {
		order[i] = &r->wakeups[i];
		total += order[i]->count;
		if (rep_width(rep_str(order[i]->name)) > longest)
			longest = rep_width(rep_str(order[i]->name));
	}
	qsort(order, r->nwakeups, sizeof *order, text_cmp_count);
	namew = rep_name_width(17, longest);
	rep_pad(l, 2);
	rep_cell(l, "source", namew, false);
	rep_cell(l, "count", 12, true);
	rep_cell(l, "per second", 14, true);
	rep_end(l);
	for (unsigned i = 0; i < r->nwakeups; i++)
		text_wakeup_row(l, namew, rep_str(order[i]->name), order[i]->count, r->sim_time);
	text_wakeup_row(l, namew, "total", total, r->sim_time);
	free(order);
}

static void text_suspend(struct rep_line *l, const struct pm_report *r)
{
	char a[REP_NUM], b[REP_NUM];

	rep_end(l);
	if (r->suspends == 0 && r->suspended == 0) {
		rep_linef(l, "Suspend: none");
		return;
	}
	pm_report_fmt_time(a, sizeof a, r->suspended);
	text_share(b, sizeof b, r->suspended, r->sim_time);
	rep_linef(l, "Suspend: %" PRIu64 " %s, %s suspended (%s of the run)", r->suspends,
		  r->suspends == 1 ? "entry" : "entries", a, b);
}

/*
 * PowerTOP's "top causes of wake-ups": the interrupts that woke the core
 * and, from the guest's `timer:` markers, the timer callbacks that ran
 * first after a wake-up. A timer callback's wake-up is also its timer
 * interrupt's, so the two kinds overlap; each is sorted by count.
 */
struct rep_cause {
	const char *kind, *name;
	uint64_t count;
};

static int rep_cmp_cause(const void *pa, const void *pb)
{
	const struct rep_cause *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (strcmp(a->kind, b->kind))
		return strcmp(a->kind, b->kind);
	return strcmp(rep_str(a->name), rep_str(b->name));
}

/* The causes, most frequent first; NULL (and *n = 0) if there are none. */
static struct rep_cause *rep_causes(const struct pm_report *r, unsigned *n)
{
	struct rep_cause *c;

	*n = r->nwakeups + r->ntimer_wakeups;
	if (!*n || !(c = calloc(*n, sizeof *c))) {
		*n = 0;
		return NULL;
	}
	for (unsigned i = 0; i < r->nwakeups; i++)
		c[i] = (struct rep_cause){ "irq", r->wakeups[i].name, r->wakeups[i].count };
	for (unsigned i = 0; i < r->ntimer_wakeups; i++)
		c[r->nwakeups + i] = (struct rep_cause){ "timer", r->timer_wakeups[i].name,
							 r->timer_wakeups[i].count };
	qsort(c, *n, sizeof *c, rep_cmp_cause);
	return c;
}

static void text_wakeup_causes(struct rep_line *l, const struct pm_report *r)
{
	unsigned n, longest = 0, namew;
	struct rep_cause *c;

	if (!r->ntimer_wakeups)
		return; /* the wake-up table above says it all */
	c = rep_causes(r, &n);
	rep_end(l);
	rep_put(l, "Top causes of wake-ups");
	rep_end(l);
	if (!c) {
		rep_linef(l, "  (out of memory)");
		return;
	}
	for (unsigned i = 0; i < n; i++)
		if (rep_width(rep_str(c[i].name)) > longest)
			longest = rep_width(rep_str(c[i].name));
	namew = rep_name_width(17, longest);
	rep_pad(l, 2);
	rep_cell(l, "kind", 6, false);
	rep_cell(l, "cause", namew, false);
	rep_cell(l, "count", 12, true);
	rep_cell(l, "per second", 14, true);
	rep_end(l);
	for (unsigned i = 0; i < n; i++) {
		char a[REP_NUM];

		rep_pad(l, 2);
		rep_cell(l, c[i].kind, 6, false);
		rep_cell(l, rep_str(c[i].name), namew, false);
		snprintf(a, sizeof a, "%" PRIu64, c[i].count);
		rep_cell(l, a, 12, true);
		if (r->sim_time)
			snprintf(a, sizeof a, "%.2f", (double)c[i].count / ((double)r->sim_time * 1e-12));
		else
			snprintf(a, sizeof a, "-");
		rep_cell(l, a, 14, true);
		rep_end(l);
	}
	rep_linef(l, "  (a timer callback is the first one to run after a wake-up, before the "
		  "next idle entry;");
	rep_linef(l, "  its wake-up is also counted for the interrupt that ran it)");
	free(c);
}

/* "1.234 ms" or "-". */
static void rep_opt_time(char *buf, size_t n, bool ok, simtime_t t)
{
	if (ok)
		pm_report_fmt_time(buf, n, t);
	else
		snprintf(buf, n, "-");
}

static void text_cycle(struct rep_line *l, const struct pm_report_suspend_cycle *c, unsigned k)
{
	char a[REP_NUM], b[REP_NUM * 2], d[REP_NUM];

	pm_report_fmt_seconds(a, sizeof a, c->begin);
	rep_put(l, "  ");
	snprintf(b, sizeof b, "#%u ", k + 1);
	rep_put(l, b);
	rep_put(l, rep_str(c->state));
	snprintf(b, sizeof b, " at %s s: ", a);
	rep_put(l, b);
	if (!c->ended)
		rep_put(l, "did not return before the end of the run");
	else if (c->result) {
		snprintf(d, sizeof d, "failed (%" PRId32 ")", c->result);
		rep_put(l, d);
	} else
		rep_put(l, "returned 0");
	if (c->test)
		rep_put(l, c->suspended ? "; pm_test, yet the SoC suspended"
			   : "; pm_test: no real suspend happened");
	else if (!c->suspended)
		rep_put(l, "; the SoC did not suspend");
	rep_end(l);
	rep_opt_time(a, sizeof a, c->has_suspend_latency, c->suspend_latency);
	rep_opt_time(b, sizeof b, c->has_resume_latency, c->resume_latency);
	rep_linef(l, "    suspend latency %s   resume latency %s", a, b);
	if (c->suspended) {
		pm_report_fmt_time(a, sizeof a, c->suspended_time);
		pm_report_fmt_si(b, sizeof b, c->suspended_j, "J");
		rep_put(l, "    suspended ");
		rep_put(l, a);
		if (c->sleep_state) {
			rep_put(l, " in idle state ");
			rep_put(l, rep_str(c->sleep_state));
		}
		rep_put(l, ", drawing ");
		rep_put(l, b);
		if (c->wake_source) {
			rep_put(l, ", woken by ");
			rep_put(l, c->wake_source);
		}
		rep_end(l);
	}
	pm_report_fmt_si(a, sizeof a, c->suspend_j, "J");
	pm_report_fmt_si(b, sizeof b, c->resume_j, "J");
	rep_linef(l, "    energy: suspend %s   resume %s", a, b);
	if (c->suspended && c->has_idle_w && c->has_resume_latency) {
		pm_report_fmt_si(a, sizeof a, c->idle_w, "W");
		pm_report_fmt_si(b, sizeof b, c->saved_j, "J");
		pm_report_fmt_si(d, sizeof d, fabs(c->overhead_j), "J");
		rep_linef(l, "    idle power before %s: saved %s, transitions cost %s %s than idling",
			  a, b, d, c->overhead_j < 0 ? "less" : "more");
		if (c->has_break_even) {
			pm_report_fmt_time(a, sizeof a, (simtime_t)(c->break_even_s * 1e12 + 0.5));
			rep_linef(l, "    break-even suspended time %s", a);
		} else {
			rep_linef(l, "    break-even suspended time: none (suspended draws no less than "
				  "idle)");
		}
	} else if (c->suspended) {
		rep_linef(l, "    saving: no idle period before the cycle to compare with");
	}
	if (c->nphases) {
		unsigned longest = 0, namew;

		for (unsigned i = 0; i < c->nphases; i++)
			if (rep_width(rep_str(c->phases[i].name)) > longest)
				longest = rep_width(rep_str(c->phases[i].name));
		namew = rep_name_width(15, longest);
		rep_pad(l, 4);
		rep_cell(l, "phase", namew, false);
		rep_cell(l, "start", 22, true);
		rep_cell(l, "duration", 14, true);
		rep_end(l);
		for (unsigned i = 0; i < c->nphases; i++) {
			const struct pm_report_phase *p = &c->phases[i];

			rep_pad(l, 4);
			rep_cell(l, rep_str(p->name), namew, false);
			pm_report_fmt_seconds(a, sizeof a, p->start);
			rep_cell(l, a, 22, true);
			pm_report_fmt_time(a, sizeof a, p->duration);
			rep_cell(l, a, 14, true);
			rep_end(l);
		}
	}
	for (unsigned i = 0; i < c->ndevcbs; i++) {
		const struct pm_report_devcb *v = &c->devcbs[i];

		if (i == 0 || strcmp(v->phase, c->devcbs[i - 1].phase)) {
			rep_put(l, "    slowest in ");
			rep_put(l, v->phase);
			rep_put(l, ":");
			rep_end(l);
		}
		rep_pad(l, 6);
		rep_cell(l, v->device, 28, false);
		pm_report_fmt_time(a, sizeof a, v->duration);
		rep_cell(l, a, 14, true);
		if (v->result) {
			snprintf(a, sizeof a, "returned %" PRId32, v->result);
			rep_cell(l, a, 0, false);
		}
		rep_end(l);
	}
}

/* One block per `suspend:` interval, in the manner of sleepgraph. */
static void text_cycles(struct rep_line *l, const struct pm_report *r)
{
	if (!r->ncycles)
		return;
	rep_end(l);
	rep_linef(l, "Suspend/resume (%u cycle%s)", r->ncycles, r->ncycles == 1 ? "" : "s");
	for (unsigned i = 0; i < r->ncycles; i++)
		text_cycle(l, &r->cycles[i], i);
}

/* Per-name interval statistics of the guest's markers. */
static void text_markers(struct rep_line *l, const struct pm_report *r)
{
	unsigned longest = 0, namew;
	char a[REP_NUM];

	if (!r->nmarkers && !r->markers_dropped && !r->nintervals)
		return;
	rep_end(l);
	rep_linef(l, "Markers: %u recorded, %" PRIu64 " dropped", r->nmarkers, r->markers_dropped);
	if (!r->nintervals)
		return;
	for (unsigned i = 0; i < r->nintervals; i++)
		if (rep_width(rep_str(r->intervals[i].name)) > longest)
			longest = rep_width(rep_str(r->intervals[i].name));
	namew = rep_name_width(17, longest);
	rep_pad(l, 2);
	rep_cell(l, "interval", namew, false);
	rep_cell(l, "count", 8, true);
	rep_cell(l, "total", 14, true);
	rep_cell(l, "min", 14, true);
	rep_cell(l, "max", 14, true);
	rep_cell(l, "mean", 14, true);
	rep_end(l);
	for (unsigned i = 0; i < r->nintervals; i++) {
		const struct pm_report_interval *v = &r->intervals[i];

		rep_pad(l, 2);
		rep_cell(l, rep_str(v->name), namew, false);
		snprintf(a, sizeof a, "%" PRIu64, v->count);
		rep_cell(l, a, 8, true);
		pm_report_fmt_time(a, sizeof a, v->total);
		rep_cell(l, a, 14, true);
		pm_report_fmt_time(a, sizeof a, v->min);
		rep_cell(l, a, 14, true);
		pm_report_fmt_time(a, sizeof a, v->max);
		rep_cell(l, a, 14, true);
		pm_report_fmt_time(a, sizeof a, v->count ? v->total / v->count : 0);
		rep_cell(l, a, 14, true);
		rep_end(l);
	}
}

/* The mean, as the writers print it: to the nearest picosecond. */
static simtime_t rep_lat_mean(const struct pm_report_latency *v)
{
	return v->mean > 0 ? (simtime_t)llround(v->mean) : 0;
}

/* Latency series (pm/latency.h): one line each, times in each one's own
 * unit; a series with more samples than were kept says how many its
 * percentiles are over. */
static void text_latency(struct rep_line *l, const struct pm_report *r)
{
	unsigned longest = 0, namew;
	char a[REP_NUM];

	if (!r->nlatencies)
		return;
	rep_end(l);
	rep_linef(l, "Latency (%u series)", r->nlatencies);
	for (unsigned i = 0; i < r->nlatencies; i++)
		if (rep_width(rep_str(r->latencies[i].name)) > longest)
			longest = rep_width(rep_str(r->latencies[i].name));
	namew = rep_name_width(17, longest);
	rep_pad(l, 2);
	rep_cell(l, "kind", 7, false);
	rep_cell(l, "name", namew, false);
	rep_cell(l, "count", 8, true);
	static const char *const cols[] = { "min", "mean", "p50", "p90", "p99", "max" };
	for (unsigned k = 0; k < 6; k++)
		rep_cell(l, cols[k], 12, true);
	rep_end(l);
	for (unsigned i = 0; i < r->nlatencies; i++) {
		const struct pm_report_latency *v = &r->latencies[i];
		simtime_t t[6] = { v->min, rep_lat_mean(v), v->p50, v->p90, v->p99, v->max };

		rep_pad(l, 2);
		rep_cell(l, rep_str(v->kind), 7, false);
		rep_cell(l, rep_str(v->name), namew, false);
		snprintf(a, sizeof a, "%" PRIu64, v->count);
		rep_cell(l, a, 8, true);
		for (unsigned k = 0; k < 6; k++) {
			pm_report_fmt_time(a, sizeof a, t[k]);
			rep_cell(l, a, 12, true);
		}
		rep_end(l);
		if (v->sampled < v->count)
			rep_linef(l, "    (percentiles over the first %" PRIu64 " samples)",
				  v->sampled);
	}
}

static void text_diagnostics(struct rep_line *l, const struct pm_report *r)
{
	rep_end(l);
	if (r->ndiagnostics == 0) {
		rep_linef(l, "Diagnostics: none");
		return;
	}
	rep_linef(l, "Diagnostics (%u)", r->ndiagnostics);
	for (unsigned i = 0; i < r->ndiagnostics; i++) {
		rep_put(l, "  - ");
		rep_put(l, rep_str(r->diagnostics[i]));
		rep_end(l);
	}
}

/* The coherency checker: counts per kind, then the first events. */
#define TEXT_COH_EVENTS 10

static void text_coh_where(struct rep_line *l, uint32_t pc, const char *fn, uint32_t off)
{
	char a[REP_NUM * 2];
	if (fn)
		snprintf(a, sizeof a, "pc 0x%08" PRIx32 " (%s+0x%" PRIx32 ")", pc, rep_str(fn), off);
	else
		snprintf(a, sizeof a, "pc 0x%08" PRIx32, pc);
	rep_put(l, a);
}

static void text_coherency(struct rep_line *l, const struct pm_report *r)
{
	const struct pm_report_coherency *c = &r->coherency;
	rep_end(l);
	if (!c->mode || !strcmp(c->mode, "off")) {
		rep_linef(l, "Coherency: not checked");
		return;
	}
	uint64_t total = 0;
	for (unsigned k = 0; k < 4; k++)
		total += c->counts[k];
	if (!total) {
		rep_linef(l, "Coherency: no problems");
		return;
	}
	rep_linef(l, "Coherency problems (%u events)", c->nevents);
	for (unsigned k = 0; k < 4; k++)
		if (c->counts[k])
			rep_linef(l, "  %-15s %6" PRIu64 " line%s: %s", rep_str(c->kinds[k]),
				  c->counts[k], c->counts[k] == 1 ? "" : "s",
				  rep_str(c->texts[k]));
	unsigned n = c->nevents < TEXT_COH_EVENTS ? c->nevents : TEXT_COH_EVENTS;
	for (unsigned i = 0; i < n; i++) {
		const struct pm_report_coh_event *e = &c->events[i];
		char t[REP_NUM], a[REP_NUM * 3];
		pm_report_fmt_seconds(t, sizeof t, e->time);
		snprintf(a, sizeof a, "  at %s s: %s, 0x%08" PRIx32 "-0x%08" PRIx32, t,
			 rep_str(e->kind), e->addr, e->addr + e->len - 1);
		rep_put(l, a);
		if (e->channel >= 0) {
			snprintf(a, sizeof a, ", DMA channel %d", e->channel);
			rep_put(l, a);
		}
		rep_put(l, ", ");
		text_coh_where(l, e->pc, e->function, e->offset);
		if (e->has_dma) {
			pm_report_fmt_seconds(t, sizeof t, e->dma_time);
			snprintf(a, sizeof a, "; DMA wrote it at %s s, ", t);
			rep_put(l, a);
			text_coh_where(l, e->dma_pc, e->dma_function, e->dma_offset);
		}
		rep_end(l);
	}
	if (c->nevents > n)
		rep_linef(l, "  ... %u more in the JSON report", c->nevents - n);
}

static void text_host(struct rep_line *l, const struct pm_report *r)
{
	char a[REP_NUM];

	rep_end(l);
	rep_linef(l, "---- host (varies from run to run; not part of the simulation) ----");
	if (isfinite(r->host_seconds))
		snprintf(a, sizeof a, "%.3f s", r->host_seconds);
	else
		snprintf(a, sizeof a, "n/a");
	rep_linef(l, "  Host time:  %s", a);
	if (isfinite(r->host_mips))
		snprintf(a, sizeof a, "%.1f MIPS", r->host_mips);
	else
		snprintf(a, sizeof a, "n/a");
	rep_linef(l, "  Speed:      %s", a);
}

void pm_report_text(FILE *f, const struct pm_report *r, unsigned flags)
{
	struct rep_line l = { .f = f };

	text_header(&l, r);
	text_components(&l, r);
	text_rails(&l, r);
	text_battery(&l, r);
	text_cpus(&l, r);
	text_domains(&l, r);
	text_dram(&l, r);
	text_thermal(&l, r);
	text_wakeups(&l, r);
	text_wakeup_causes(&l, r);
	text_suspend(&l, r);
	text_cycles(&l, r);
	text_markers(&l, r);
	text_latency(&l, r);
	text_diagnostics(&l, r);
	text_coherency(&l, r);
	if (!(flags & PM_REPORT_NO_HOST))
		text_host(&l, r);
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */

#define JW_DEPTH 8 /* the schema nests 5 deep */

/*
 * A pretty-printing JSON writer: two-space indentation, one member per
 * line, except in "flat" containers (the rows of a transition table),
 * whose members share a line. Empty containers print as {} and [].
 */
struct jw {
	FILE *f;
	unsigned depth;
	bool has[JW_DEPTH];  /* the open container at this depth has members */
	bool flat[JW_DEPTH];
};

static void jw_indent(struct jw *w)
{
	fputc('\n', w->f);
	for (unsigned i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Before each member of the open container. */
static void jw_next(struct jw *w)
{
	if (w->has[w->depth])
		fputc(',', w->f);
	if (w->flat[w->depth]) {
		if (w->has[w->depth])
			fputc(' ', w->f);
	} else {
		jw_indent(w);
	}
	w->has[w->depth] = true;
}

static void jw_open(struct jw *w, char c, bool flat)
{
	fputc(c, w->f);
	w->depth++;
	w->has[w->depth] = false;
	w->flat[w->depth] = flat;
}

static void jw_close(struct jw *w, char c)
{
	bool had = w->has[w->depth], flat = w->flat[w->depth];

	w->depth--;
	if (had && !flat)
		jw_indent(w);
	fputc(c, w->f);
}

/* Strings are written by sim/json.c, which the report's readers share. */
static void jw_string(struct jw *w, const char *str)
{
	json_write_string(w->f, str);
}

static void jw_key(struct jw *w, const char *key)
{
	jw_next(w);
	jw_string(w, key ? key : "");
	fputs(": ", w->f);
}

static void jw_u64(struct jw *w, uint64_t v)
{
	fprintf(w->f, "%" PRIu64, v);
}

/* Exact seconds from picoseconds: a JSON number with 12 decimals. */
static void jw_time(struct jw *w, simtime_t ps)
{
	char buf[REP_NUM];

	pm_report_fmt_seconds(buf, sizeof buf, ps);
	fputs(buf, w->f);
}

/* Reals in one format; -0 as 0; nan and inf (never expected) as null. */
static void jw_real(struct jw *w, double v)
{
	if (!isfinite(v))
		fputs("null", w->f);
	else
		fprintf(w->f, "%.9e", v == 0.0 ? 0.0 : v);
}

static void jw_opt_real(struct jw *w, bool ok, double v);
/* energy.battery: null for an ideal source. */
static void json_battery(struct jw *w, const struct pm_report_battery *b)
{
	jw_key(w, "battery");
	if (!b->present) {
		fputs("null", w->f);
		return;
	}
	jw_open(w, '{', false);
	const struct {
		const char *key;
		double v;
	} f[] = {
		{ "capacity_mah", b->capacity_mah }, { "start_percent", b->start_percent },
		{ "end_percent", b->end_percent }, { "used_mah", b->used_mah },
		{ "used_percent", b->used_percent }, { "min_v", b->min_v },
		{ "cutoff_v", b->cutoff_v }, { "internal_j", b->internal_j },
		{ "average_w", b->avg_w }, { "life_remaining_s", b->life_remaining_s },
		{ "life_full_s", b->life_full_s },
	};
	for (unsigned i = 0; i < sizeof f / sizeof f[0]; i++) {
		jw_key(w, f[i].key);
		jw_real(w, f[i].v);
	}
	jw_key(w, "browned_out");
	fputs(b->browned_out ? "true" : "false", w->f);
	jw_close(w, '}');
}

static void json_energy(struct jw *w, const struct pm_report *r)
{
	jw_key(w, "energy");
	jw_open(w, '{', false);
	jw_key(w, "total_j");
	jw_real(w, r->total_j);
	jw_key(w, "average_w");
	jw_real(w, rep_watts(r->total_j, r->sim_time));
	jw_key(w, "by_component");
	jw_open(w, '{', false);
	for (unsigned i = 0; i < r->ncomponents; i++) {
		jw_key(w, r->components[i].name);
		jw_real(w, r->components[i].joules);
	}
	jw_close(w, '}');
	jw_key(w, "by_meter");
	jw_open(w, '[', false);
	for (unsigned i = 0; i < r->nmeters; i++) {
		jw_next(w);
		jw_open(w, '{', true);
		jw_key(w, "component");
		jw_string(w, r->meters[i].component);
		jw_key(w, "kind");
		jw_string(w, r->meters[i].kind);
		jw_key(w, "joules");
		jw_real(w, r->meters[i].joules);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "by_rail");
	jw_open(w, '{', false);
	for (unsigned i = 0; i < r->nrails; i++) {
		const struct pm_report_rail *rl = &r->rails[i];

		jw_key(w, rl->name);
		jw_open(w, '{', false);
		jw_key(w, "microvolt");
		jw_u64(w, rl->microvolt);
		jw_key(w, "out_j");
		jw_real(w, rl->out_j);
		jw_key(w, "in_j");
		jw_real(w, rl->in_j);
		jw_key(w, "efficiency");
		jw_real(w, rl->in_j > 0.0 ? rl->out_j / rl->in_j : NAN);
		jw_key(w, "capacitance_f");
		jw_real(w, rl->capacitance_f);
		jw_key(w, "mode");
		if (rl->mode)
			jw_string(w, rl->mode);
		else
			fputs("null", w->f);
		jw_key(w, "average_a");
		jw_real(w, rl->avg_amps);
		jw_key(w, "curve_efficiency");
		jw_real(w, rl->curve_eff);
		jw_key(w, "modes");
		jw_open(w, '{', false);
		if (rl->mode) {
			const char *names[2] = { "pwm", "pfm" };
			double t[2] = { rl->pwm_s, rl->pfm_s };
			double j[2] = { rl->pwm_loss_j, rl->pfm_loss_j };
			for (unsigned k = 0; k < 2; k++) {
				jw_key(w, names[k]);
				jw_open(w, '{', false);
				jw_key(w, "time_s");
				jw_real(w, t[k]);
				jw_key(w, "loss_j");
				jw_real(w, j[k]);
				jw_close(w, '}');
			}
		}
		jw_close(w, '}');
		jw_close(w, '}');
	}
	jw_close(w, '}');
	json_battery(w, &r->battery);
	jw_close(w, '}');
}

static void json_cpu(struct jw *w, const struct pm_report_cpu *c)
{
	jw_open(w, '{', false);
	jw_key(w, "name");
	jw_string(w, c->name);
	jw_key(w, "busy_s");
	jw_time(w, c->busy);
	jw_key(w, "idle_s");
	jw_time(w, c->idle);
	jw_key(w, "cycles");
	jw_u64(w, c->cycles);
	jw_key(w, "stall_cycles");
	jw_u64(w, c->stall_cycles);
	jw_key(w, "instructions");
	jw_u64(w, c->instructions);
	jw_key(w, "cstates");
	jw_open(w, '[', false);
	for (unsigned i = 0; i < c->ncstates; i++) {
		const struct pm_report_cstate *s = &c->cstates[i];

		jw_next(w);
		jw_open(w, '{', false);
		jw_key(w, "name");
		jw_string(w, s->name);
		jw_key(w, "usage");
		jw_u64(w, s->usage);
		jw_key(w, "time_s");
		jw_time(w, s->time);
		jw_key(w, "above");
		jw_u64(w, s->above);
		jw_key(w, "below");
		jw_u64(w, s->below);
		jw_key(w, "latency_us");
		jw_u64(w, s->exit_latency_us);
		jw_key(w, "residency_us");
		jw_u64(w, s->target_residency_us);
		jw_key(w, "energy_j");
		jw_real(w, s->energy_j);
		jw_key(w, "transition_j");
		jw_real(w, s->transition_j);
		jw_key(w, "break_even_us");
		jw_opt_real(w, isfinite(s->break_even_us), s->break_even_us);
		jw_key(w, "break_even_microvolt");
		jw_u64(w, s->break_even_uv);
		jw_key(w, "break_even_disagrees");
		fputs(s->break_even_disagrees ? "true" : "false", w->f);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "opps");
	jw_open(w, '[', false);
	for (unsigned i = 0; i < c->nopps; i++) {
		const struct pm_report_opp *o = &c->opps[i];

		jw_next(w);
		jw_open(w, '{', false);
		jw_key(w, "hz");
		jw_u64(w, o->hz);
		jw_key(w, "microvolt");
		jw_u64(w, o->microvolt);
		jw_key(w, "time_s");
		jw_time(w, o->time);
		jw_key(w, "entries");
		jw_u64(w, o->entries);
		jw_key(w, "transitions");
		jw_u64(w, o->transitions);
		jw_key(w, "energy_j");
		jw_real(w, o->energy_j);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "transitions");
	jw_u64(w, c->opp_transitions);
	/* Always present, so that every CPU object has the same keys. */
	jw_key(w, "trans_table");
	if (!c->opp_trans_table) {
		fputs("null", w->f);
	} else {
		jw_open(w, '[', false);
		for (unsigned i = 0; i < c->nopps; i++) {
			jw_next(w);
			jw_open(w, '[', true);
			for (unsigned j = 0; j < c->nopps; j++) {
				jw_next(w);
				jw_u64(w, c->opp_trans_table[i * c->nopps + j]);
			}
			jw_close(w, ']');
		}
		jw_close(w, ']');
	}
	jw_close(w, '}');
}

static void json_domains(struct jw *w, const struct pm_report *r)
{
	jw_key(w, "domains");
	jw_open(w, '{', false);
	for (unsigned i = 0; i < r->ndomains; i++) {
		const struct pm_report_domain *d = &r->domains[i];

		jw_key(w, d->name);
		jw_open(w, '{', false);
		jw_key(w, "on_s");
		jw_time(w, d->on);
		jw_key(w, "retention_s");
		jw_time(w, d->retention);
		jw_key(w, "off_s");
		jw_time(w, d->off);
		jw_key(w, "off_entries");
		jw_u64(w, d->off_entries);
		jw_close(w, '}');
	}
	jw_close(w, '}');
}

static void json_dram(struct jw *w, const struct pm_report_dram *d)
{
	jw_key(w, "dram");
	jw_open(w, '{', false);
	jw_key(w, "present");
	fputs(d->present ? "true" : "false", w->f);
	jw_key(w, "time_s");
	jw_open(w, '{', false);
	jw_key(w, "active");
	jw_time(w, d->active);
	jw_key(w, "power_down");
	jw_time(w, d->power_down);
	jw_key(w, "self_refresh");
	jw_time(w, d->self_refresh);
	jw_key(w, "off");
	jw_time(w, d->off);
	jw_close(w, '}');
	jw_key(w, "self_refresh_entries");
	jw_u64(w, d->self_refresh_entries);
	jw_key(w, "power_down_entries");
	jw_u64(w, d->power_down_entries);
	jw_key(w, "reads");
	jw_u64(w, d->reads);
	jw_key(w, "writes");
	jw_u64(w, d->writes);
	jw_close(w, '}');
}

static void jw_opt_time(struct jw *w, bool ok, simtime_t t);

static void json_temps(struct jw *w, const struct pm_report_temps *t)
{
	jw_key(w, "min_c");
	jw_real(w, t->min_c);
	jw_key(w, "mean_c");
	jw_real(w, t->mean_c);
	jw_key(w, "max_c");
	jw_real(w, t->max_c);
	jw_key(w, "final_c");
	jw_real(w, t->final_c);
}

static void json_thermal(struct jw *w, const struct pm_report *r)
{
	const struct pm_report_thermal *t = &r->thermal;

	jw_key(w, "thermal");
	jw_open(w, '{', false);
	jw_key(w, "present");
	fputs(t->present ? "true" : "false", w->f);
	if (!t->present) {
		jw_close(w, '}');
		return;
	}
	jw_key(w, "ambient_c");
	jw_real(w, t->ambient_c);
	jw_key(w, "step_s");
	jw_time(w, t->step);
	jw_key(w, "nodes");
	jw_open(w, '{', false);
	for (unsigned i = 0; i < t->nnodes; i++) {
		jw_key(w, t->nodes[i].name);
		jw_open(w, '{', false);
		json_temps(w, &t->nodes[i].t);
		jw_close(w, '}');
	}
	jw_close(w, '}');
	jw_key(w, "zones");
	jw_open(w, '{', false);
	for (unsigned i = 0; i < t->nzones; i++) {
		const struct pm_report_tzone *z = &t->zones[i];

		jw_key(w, z->name);
		jw_open(w, '{', false);
		jw_key(w, "node");
		jw_string(w, z->node);
		json_temps(w, &z->t);
		jw_key(w, "trips");
		jw_open(w, '[', false);
		for (unsigned k = 0; k < z->ntrips; k++) {
			const struct pm_report_trip *tp = &z->trips[k];

			jw_next(w);
			jw_open(w, '{', false);
			jw_key(w, "name");
			jw_string(w, tp->name);
			jw_key(w, "type");
			jw_string(w, tp->type);
			jw_key(w, "temperature_c");
			jw_real(w, tp->temp_c);
			jw_key(w, "hysteresis_c");
			jw_real(w, tp->hyst_c);
			jw_key(w, "above_s");
			jw_time(w, tp->above);
			jw_close(w, '}');
		}
		jw_close(w, ']');
		jw_key(w, "critical_crossed_s");
		jw_opt_time(w, z->crit_crossed, z->crit_time);
		jw_close(w, '}');
	}
	jw_close(w, '}');
	jw_key(w, "throttled_s");
	jw_open(w, '{', false);
	for (unsigned i = 0; i < t->ncdevs; i++) {
		jw_key(w, t->cdevs[i].type);
		jw_time(w, t->cdevs[i].throttled);
	}
	jw_close(w, '}');
	jw_key(w, "shutdown");
	if (t->critical) {
		char msg[512];

		rep_critical(msg, sizeof msg, r);
		jw_open(w, '{', false);
		jw_key(w, "zone");
		jw_string(w, t->critical_zone);
		jw_key(w, "trip_c");
		jw_real(w, t->critical_c);
		jw_key(w, "crossed_s");
		jw_time(w, t->critical_time);
		jw_key(w, "end_s");
		jw_time(w, r->sim_time);
		jw_key(w, "text");
		jw_string(w, msg);
		jw_close(w, '}');
	} else {
		fputs("null", w->f);
	}
	jw_close(w, '}');
}

static void json_wakeup_causes(struct jw *w, const struct pm_report *r)
{
	unsigned n;
	struct rep_cause *c = rep_causes(r, &n);

	jw_key(w, "wakeup_causes");
	jw_open(w, '[', false);
	for (unsigned i = 0; i < n; i++) {
		jw_next(w);
		jw_open(w, '{', true);
		jw_key(w, "kind");
		jw_string(w, c[i].kind);
		jw_key(w, "name");
		jw_string(w, c[i].name);
		jw_key(w, "count");
		jw_u64(w, c[i].count);
		jw_key(w, "per_s");
		jw_real(w, r->sim_time ? (double)c[i].count / ((double)r->sim_time * 1e-12) : 0.0);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	free(c);
}

/* A time that may be unknown: seconds or null. */
static void jw_opt_time(struct jw *w, bool ok, simtime_t t)
{
	if (ok)
		jw_time(w, t);
	else
		fputs("null", w->f);
}

static void jw_opt_real(struct jw *w, bool ok, double v)
{
	if (ok)
		jw_real(w, v);
	else
		fputs("null", w->f);
}

static void json_cycle(struct jw *w, const struct pm_report_suspend_cycle *c)
{
	bool bal = c->suspended && c->has_idle_w && c->has_resume_latency;

	jw_open(w, '{', false);
	jw_key(w, "state");
	jw_string(w, c->state);
	jw_key(w, "test");
	fputs(c->test ? "true" : "false", w->f);
	jw_key(w, "suspended");
	fputs(c->suspended ? "true" : "false", w->f);
	jw_key(w, "sleep");
	if (!c->suspended)
		fputs("null", w->f);
	else
		jw_string(w, c->sleep_state ? c->sleep_state : "suspend");
	jw_key(w, "result");
	if (c->ended)
		fprintf(w->f, "%" PRId32, c->result);
	else
		fputs("null", w->f);
	jw_key(w, "begin_s");
	jw_time(w, c->begin);
	jw_key(w, "end_s");
	jw_opt_time(w, c->ended, c->end);
	jw_key(w, "suspend_latency_s");
	jw_opt_time(w, c->has_suspend_latency, c->suspend_latency);
	jw_key(w, "resume_latency_s");
	jw_opt_time(w, c->has_resume_latency, c->resume_latency);
	jw_key(w, "suspended_s");
	jw_time(w, c->suspended_time);
	jw_key(w, "wake_source");
	jw_string(w, c->wake_source);
	jw_key(w, "suspend_j");
	jw_real(w, c->suspend_j);
	jw_key(w, "resume_j");
	jw_real(w, c->resume_j);
	jw_key(w, "suspended_j");
	jw_real(w, c->suspended_j);
	jw_key(w, "idle_w");
	jw_opt_real(w, c->has_idle_w, c->idle_w);
	jw_key(w, "saved_j");
	jw_opt_real(w, bal, c->saved_j);
	jw_key(w, "overhead_j");
	jw_opt_real(w, bal, c->overhead_j);
	jw_key(w, "break_even_s");
	jw_opt_real(w, bal && c->has_break_even, c->break_even_s);
	jw_key(w, "phases");
	jw_open(w, '[', false);
	for (unsigned i = 0; i < c->nphases; i++) {
		jw_next(w);
		jw_open(w, '{', true);
		jw_key(w, "name");
		jw_string(w, c->phases[i].name);
		jw_key(w, "start_s");
		jw_time(w, c->phases[i].start);
		jw_key(w, "duration_s");
		jw_time(w, c->phases[i].duration);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "slowest_devices");
	jw_open(w, '[', false);
	for (unsigned i = 0; i < c->ndevcbs; i++) {
		const struct pm_report_devcb *v = &c->devcbs[i];

		jw_next(w);
		jw_open(w, '{', true);
		jw_key(w, "phase");
		jw_string(w, v->phase);
		jw_key(w, "device");
		jw_string(w, v->device);
		jw_key(w, "start_s");
		jw_time(w, v->start);
		jw_key(w, "duration_s");
		jw_time(w, v->duration);
		jw_key(w, "result");
		fprintf(w->f, "%" PRId32, v->result);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

static void json_markers(struct jw *w, const struct pm_report *r)
{
	static const char *const kinds[] = { "begin", "end", "instant" };

	jw_key(w, "markers");
	jw_open(w, '{', false);
	jw_key(w, "recorded");
	jw_u64(w, r->nmarkers);
	jw_key(w, "dropped");
	jw_u64(w, r->markers_dropped);
	jw_key(w, "events");
	jw_open(w, '[', false);
	for (unsigned i = 0; i < r->nmarkers; i++) {
		const struct pm_report_marker *m = &r->markers[i];

		jw_next(w);
		jw_open(w, '{', true);
		jw_key(w, "time_s");
		jw_time(w, m->time);
		jw_key(w, "kind");
		jw_string(w, m->kind <= PM_MARK_INSTANT ? kinds[m->kind] : NULL);
		jw_key(w, "name");
		jw_string(w, m->name);
		jw_key(w, "arg");
		jw_u64(w, m->arg);
		jw_key(w, "energy_j");
		jw_real(w, m->energy_j);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "intervals");
	jw_open(w, '[', false);
	for (unsigned i = 0; i < r->nintervals; i++) {
		const struct pm_report_interval *v = &r->intervals[i];

		jw_next(w);
		jw_open(w, '{', true);
		jw_key(w, "name");
		jw_string(w, v->name);
		jw_key(w, "count");
		jw_u64(w, v->count);
		jw_key(w, "total_s");
		jw_time(w, v->total);
		jw_key(w, "min_s");
		jw_time(w, v->min);
		jw_key(w, "max_s");
		jw_time(w, v->max);
		jw_key(w, "mean_s");
		jw_time(w, v->count ? v->total / v->count : 0);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

/* Latency series: the figures, then the histogram's edges and counts. */
static void json_latency(struct jw *w, const struct pm_report *r)
{
	jw_key(w, "latency");
	jw_open(w, '[', false);
	for (unsigned i = 0; i < r->nlatencies; i++) {
		const struct pm_report_latency *v = &r->latencies[i];

		jw_next(w);
		jw_open(w, '{', false);
		jw_key(w, "kind");
		jw_string(w, v->kind);
		jw_key(w, "name");
		jw_string(w, v->name);
		jw_key(w, "count");
		jw_u64(w, v->count);
		jw_key(w, "sampled");
		jw_u64(w, v->sampled);
		jw_key(w, "min_s");
		jw_time(w, v->min);
		jw_key(w, "mean_s");
		jw_time(w, rep_lat_mean(v));
		jw_key(w, "p50_s");
		jw_time(w, v->p50);
		jw_key(w, "p90_s");
		jw_time(w, v->p90);
		jw_key(w, "p99_s");
		jw_time(w, v->p99);
		jw_key(w, "max_s");
		jw_time(w, v->max);
		jw_key(w, "histogram");
		jw_open(w, '{', false);
		jw_key(w, "edges_s");
		jw_open(w, '[', true);
		for (unsigned b = 0; v->nbins && b <= v->nbins; b++) {
			jw_next(w);
			jw_time(w, v->edges[b]);
		}
		jw_close(w, ']');
		jw_key(w, "counts");
		jw_open(w, '[', true);
		for (unsigned b = 0; b < v->nbins; b++) {
			jw_next(w);
			jw_u64(w, v->counts[b]);
		}
		jw_close(w, ']');
		jw_close(w, '}');
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

int pm_report_json(FILE *f, const struct pm_report *r, unsigned flags)
{
	struct jw w = { .f = f };

	jw_open(&w, '{', false);
	jw_key(&w, "schema");
	jw_string(&w, PM_REPORT_SCHEMA);
	jw_key(&w, "soc");
	jw_string(&w, r->soc);
	jw_key(&w, "image");
	jw_string(&w, r->image);
	jw_key(&w, "outcome");
	jw_string(&w, r->outcome);
	jw_key(&w, "exit_status");
	fprintf(f, "%d", r->exit_status);
	jw_key(&w, "sim_time_s");
	jw_time(&w, r->sim_time);
	json_energy(&w, r);

	jw_key(&w, "cpus");
	jw_open(&w, '[', false);
	for (unsigned i = 0; i < r->ncpus; i++) {
		jw_next(&w);
		json_cpu(&w, &r->cpus[i]);
	}
	jw_close(&w, ']');

	json_domains(&w, r);
	json_dram(&w, &r->dram);
	json_thermal(&w, r);

	jw_key(&w, "wakeups");
	jw_open(&w, '{', false);
	for (unsigned i = 0; i < r->nwakeups; i++) {
		jw_key(&w, r->wakeups[i].name);
		jw_u64(&w, r->wakeups[i].count);
	}
	jw_close(&w, '}');
	json_wakeup_causes(&w, r);

	jw_key(&w, "suspend");
	jw_open(&w, '{', false);
	jw_key(&w, "count");
	jw_u64(&w, r->suspends);
	jw_key(&w, "time_s");
	jw_time(&w, r->suspended);
	jw_key(&w, "cycles");
	jw_open(&w, '[', false);
	for (unsigned i = 0; i < r->ncycles; i++) {
		jw_next(&w);
		json_cycle(&w, &r->cycles[i]);
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	json_markers(&w, r);
	json_latency(&w, r);

	jw_key(&w, "diagnostics");
	jw_open(&w, '[', false);
	for (unsigned i = 0; i < r->ndiagnostics; i++) {
		jw_next(&w);
		jw_string(&w, r->diagnostics[i]);
	}
	jw_close(&w, ']');

	const struct pm_report_coherency *coh = &r->coherency;
	jw_key(&w, "coherency");
	jw_open(&w, '{', false);
	jw_key(&w, "mode");
	jw_string(&w, coh->mode ? coh->mode : "off");
	jw_key(&w, "counts");
	jw_open(&w, '{', false);
	for (unsigned k = 0; k < 4; k++) {
		if (!coh->kinds[k])
			continue;
		jw_key(&w, coh->kinds[k]);
		jw_u64(&w, coh->counts[k]);
	}
	jw_close(&w, '}');
	jw_key(&w, "events");
	jw_open(&w, '[', false);
	for (unsigned i = 0; i < coh->nevents; i++) {
		const struct pm_report_coh_event *e = &coh->events[i];
		jw_next(&w);
		jw_open(&w, '{', false);
		jw_key(&w, "kind");
		jw_string(&w, e->kind);
		jw_key(&w, "time_s");
		jw_time(&w, e->time);
		jw_key(&w, "channel");
		if (e->channel >= 0)
			jw_u64(&w, (uint64_t)e->channel);
		else
			fputs("null", w.f);
		jw_key(&w, "addr");
		jw_u64(&w, e->addr);
		jw_key(&w, "len");
		jw_u64(&w, e->len);
		jw_key(&w, "pc");
		jw_u64(&w, e->pc);
		jw_key(&w, "function");
		jw_string(&w, e->function);
		if (e->has_dma) {
			jw_key(&w, "dma_time_s");
			jw_time(&w, e->dma_time);
			jw_key(&w, "dma_pc");
			jw_u64(&w, e->dma_pc);
			jw_key(&w, "dma_function");
			jw_string(&w, e->dma_function);
		}
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_close(&w, '}');

	if (!(flags & PM_REPORT_NO_HOST)) {
		jw_key(&w, "host");
		jw_open(&w, '{', false);
		jw_key(&w, "seconds");
		jw_real(&w, r->host_seconds);
		jw_key(&w, "mips");
		jw_real(&w, r->host_mips);
		jw_close(&w, '}');
	}
	jw_close(&w, '}');
	fputc('\n', f);
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
