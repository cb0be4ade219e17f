/*
 * pmsim diff: two JSON reports compared figure by figure (diff.h;
 * docs/cli.md, "pmsim diff"; the figures are docs/report.md's "Headline
 * figures").
 *
 * One walk over a report (walk_report) both checks the type of every
 * member it reads and emits the figures, so that report_check and
 * report_headlines cannot disagree about what a report holds. Figures
 * are named from the report's own names (components, rails, idle states,
 * domains, marker names), so two reports are matched by name, never by
 * position: a component that appears in one run only is "added" or
 * "removed", not compared with whatever took its place.
 *
 * The table lists rows in the new report's order, with removed figures
 * where they stood in the old one; as the order is the schema's, that is
 * the order of both in practice.
 */
#include "front/diff.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/hostio.h"
#include "sim/json.h"
#include "sim/machine.h"

#define REPORT_SCHEMA_PREFIX "pmsim-report/"

/* What a figure measures, for its absolute tolerance. */
enum unit { UNIT_ENERGY, UNIT_TIME, UNIT_POWER, UNIT_COUNT };

/* ------------------------------------------------------------------------ */
/* The headline figures of a report                                         */

struct walk {
	/* Called per figure; NULL when the walk only checks. */
	void (*emit)(void *opaque, const char *name, enum unit u, double v);
	void *opaque;
	struct err *e;
	bool failed;    /* a member of the wrong type (e says which) */
	bool nomem;
};

/* Where a value is, for messages: its key or index, and its container's
 * place, up to the report (NULL). Written out only for a message. */
struct where {
	const struct where *up;
	const char *key;     /* NULL: an array's element `index` */
	size_t index;
};

static void where_text(char *buf, size_t n, const struct where *at)
{
	if (!at) {
		buf[0] = '\0';
		return;
	}
	where_text(buf, n, at->up);
	size_t k = strlen(buf);
	if (at->key)
		snprintf(buf + k, n - k, "%s%s", k ? "." : "", at->key);
	else
		snprintf(buf + k, n - k, "[%zu]", at->index);
}

/* A value of type t, or NULL if it is absent or null (a figure the report
 * does not have) or, a type error, anything else. */
static const struct json *typed(struct walk *w, const struct json *v, enum json_type t,
				const struct where *at)
{
	enum json_type vt = json_type(v);
	if (vt == t)
		return v;
	if (vt != JSON_ABSENT && vt != JSON_NULL && !w->failed) {
		char what[256];
		where_text(what, sizeof what, at);
		w->failed = true;
		errf(w->e, "malformed pmsim report: %s is %s, not %s", what,
		     json_type_name(vt), json_type_name(t));
	}
	return NULL;
}

static const struct json *member(struct walk *w, const struct json *obj,
				 const struct where *at, const char *key, enum json_type t)
{
	struct where here = { at, key, 0 };
	return typed(w, json_get(obj, key), t, &here);
}

/* Element i of an array, or member i of an object; *here is its place. */
static const struct json *element(struct walk *w, const struct json *c, size_t i,
				  const struct where *at, enum json_type t, struct where *here)
{
	*here = (struct where){ at, json_key(c, i), i };
	return typed(w, json_at(c, i), t, here);
}

/* A malloc'd name from a format, or NULL (out of memory, noted). */
static char *PMSIM_PRINTF(2, 0) vname(struct walk *w, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *s = n < 0 ? NULL : malloc((size_t)n + 1);
	if (!s) {
		w->nomem = true;
		return NULL;
	}
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static char *PMSIM_PRINTF(2, 3) name(struct walk *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vname(w, fmt, ap);
	va_end(ap);
	return s;
}

static void PMSIM_PRINTF(4, 0) vemit(struct walk *w, enum unit u, double v, const char *fmt,
				     va_list ap)
{
	if (!w->emit || w->failed || w->nomem)
		return;
	char *s = vname(w, fmt, ap);
	if (s)
		w->emit(w->opaque, s, u, v);
	free(s);
}

static void PMSIM_PRINTF(4, 5) emit(struct walk *w, enum unit u, double v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vemit(w, u, v, fmt, ap);
	va_end(ap);
}

/* The number obj.key, as the figure named by fmt, if the report has it. */
static void PMSIM_PRINTF(6, 7) number(struct walk *w, const struct json *obj,
				      const struct where *at, const char *key, enum unit u,
				      const char *fmt, ...)
{
	const struct json *v = member(w, obj, at, key, JSON_NUMBER);
	if (!v)
		return;
	va_list ap;
	va_start(ap, fmt);
	vemit(w, u, json_num(v), fmt, ap);
	va_end(ap);
}

/* The "name" of an array's element, or "#i" if it has none. */
static char *name_of(struct walk *w, const struct json *obj, const struct where *at, size_t i)
{
	const char *s = json_str(member(w, obj, at, "name", JSON_STRING));
	return s ? name(w, "%s", s) : name(w, "#%zu", i);
}

static void walk_energy(struct walk *w, const struct json *rep)
{
	struct where energy = { NULL, "energy", 0 }, comps_at = { &energy, "by_component", 0 },
		     rails_at = { &energy, "by_rail", 0 }, here;
	const struct json *en = member(w, rep, NULL, "energy", JSON_OBJECT);
	number(w, en, &energy, "total_j", UNIT_ENERGY, "total_j");
	number(w, en, &energy, "average_w", UNIT_POWER, "avg_w");
	number(w, rep, NULL, "sim_time_s", UNIT_TIME, "sim_time_s");

	const struct json *comps = member(w, en, &energy, "by_component", JSON_OBJECT);
	for (size_t i = 0; i < json_len(comps); i++) {
		const char *c = json_key(comps, i);
		number(w, comps, &comps_at, c, UNIT_ENERGY, "energy.%s_j", c);
	}
	const struct json *rails = member(w, en, &energy, "by_rail", JSON_OBJECT);
	for (size_t i = 0; i < json_len(rails); i++) {
		const char *r = json_key(rails, i);
		const struct json *rail = element(w, rails, i, &rails_at, JSON_OBJECT, &here);
		number(w, rail, &here, "out_j", UNIT_ENERGY, "rail.%s.out_j", r);
		number(w, rail, &here, "in_j", UNIT_ENERGY, "rail.%s.in_j", r);
	}
}

/* One core's idle states and OPPs; `prefix` is "" for the first core. */
static void walk_cpu(struct walk *w, const struct json *cpu, const struct where *at,
		     const char *prefix)
{
	struct where cstates_at = { at, "cstates", 0 }, opps_at = { at, "opps", 0 }, here;
	const struct json *cstates = member(w, cpu, at, "cstates", JSON_ARRAY);
	for (size_t k = 0; k < json_len(cstates); k++) {
		const struct json *cs = element(w, cstates, k, &cstates_at, JSON_OBJECT, &here);
		if (!cs)
			continue;
		char *n = name_of(w, cs, &here, k);
		if (!n)
			return;
		number(w, cs, &here, "usage", UNIT_COUNT, "%scstate.%s.usage", prefix, n);
		number(w, cs, &here, "time_s", UNIT_TIME, "%scstate.%s.time_s", prefix, n);
		free(n);
	}
	const struct json *opps = member(w, cpu, at, "opps", JSON_ARRAY);
	for (size_t k = 0; k < json_len(opps); k++) {
		const struct json *opp = element(w, opps, k, &opps_at, JSON_OBJECT, &here);
		const struct json *hz = member(w, opp, &here, "hz", JSON_NUMBER);
		if (!hz)
			continue;
		if (!json_is_int(hz) || json_int(hz) < 0) {
			struct where hz_at = { &here, "hz", 0 };
			char what[256];
			where_text(what, sizeof what, &hz_at);
			w->failed = true;
			errf(w->e, "malformed pmsim report: %s is not a whole number of hertz", what);
			return;
		}
		number(w, opp, &here, "time_s", UNIT_TIME, "%sopp.%" PRId64 "hz.time_s", prefix,
		       json_int(hz));
	}
}

static void walk_cpus(struct walk *w, const struct json *rep)
{
	struct where cpus_at = { NULL, "cpus", 0 }, here;
	const struct json *cpus = member(w, rep, NULL, "cpus", JSON_ARRAY);
	for (size_t i = 0; i < json_len(cpus); i++) {
		const struct json *cpu = element(w, cpus, i, &cpus_at, JSON_OBJECT, &here);
		if (!cpu)
			continue;
		/* The first core's figures are unprefixed, so that the names
		 * of a one-core SoC read as the SoC's. */
		char *n = i ? name_of(w, cpu, &here, i) : NULL;
		char *prefix = n ? name(w, "%s.", n) : NULL;
		free(n);
		if (i && !prefix)
			return;
		walk_cpu(w, cpu, &here, prefix ? prefix : "");
		free(prefix);
	}
}

static void walk_domains_dram(struct walk *w, const struct json *rep)
{
	struct where doms_at = { NULL, "domains", 0 }, dram_at = { NULL, "dram", 0 },
		     time_at = { &dram_at, "time_s", 0 }, here;
	const struct json *doms = member(w, rep, NULL, "domains", JSON_OBJECT);
	for (size_t i = 0; i < json_len(doms); i++) {
		const char *d = json_key(doms, i);
		const struct json *dom = element(w, doms, i, &doms_at, JSON_OBJECT, &here);
		number(w, dom, &here, "on_s", UNIT_TIME, "domain.%s.on_s", d);
		number(w, dom, &here, "retention_s", UNIT_TIME, "domain.%s.retention_s", d);
		number(w, dom, &here, "off_s", UNIT_TIME, "domain.%s.off_s", d);
	}

	const struct json *dram = member(w, rep, NULL, "dram", JSON_OBJECT);
	const struct json *present = member(w, dram, &dram_at, "present", JSON_BOOL);
	if (!dram || (present && !json_bool(present)))
		return;  /* a SoC without DRAM has no DRAM figures */
	const struct json *t = member(w, dram, &dram_at, "time_s", JSON_OBJECT);
	number(w, t, &time_at, "active", UNIT_TIME, "dram.active_s");
	number(w, t, &time_at, "power_down", UNIT_TIME, "dram.power_down_s");
	number(w, t, &time_at, "self_refresh", UNIT_TIME, "dram.self_refresh_s");
	number(w, t, &time_at, "off", UNIT_TIME, "dram.off_s");
}

/* Minimum, mean and maximum of one latency over the cycles that know it. */
static void walk_latency(struct walk *w, const struct json *cycles, const struct where *at,
			 const char *key, const char *stem)
{
	double min = INFINITY, max = -INFINITY, sum = 0;
	size_t n = 0;
	for (size_t i = 0; i < json_len(cycles); i++) {
		struct where here;
		const struct json *c = element(w, cycles, i, at, JSON_OBJECT, &here);
		const struct json *v = member(w, c, &here, key, JSON_NUMBER);
		if (!v)
			continue;
		double x = json_num(v);
		min = x < min ? x : min;
		max = x > max ? x : max;
		sum += x;
		n++;
	}
	if (!n)
		return;
	emit(w, UNIT_TIME, min, "suspend.%s_min_s", stem);
	emit(w, UNIT_TIME, sum / (double)n, "suspend.%s_mean_s", stem);
	emit(w, UNIT_TIME, max, "suspend.%s_max_s", stem);
}

static void walk_suspend(struct walk *w, const struct json *rep)
{
	struct where sus_at = { NULL, "suspend", 0 }, cycles_at = { &sus_at, "cycles", 0 };
	const struct json *sus = member(w, rep, NULL, "suspend", JSON_OBJECT);
	number(w, sus, &sus_at, "count", UNIT_COUNT, "suspend.count");
	number(w, sus, &sus_at, "time_s", UNIT_TIME, "suspend.time_s");
	const struct json *cycles = member(w, sus, &sus_at, "cycles", JSON_ARRAY);
	if (!cycles)
		return;
	emit(w, UNIT_COUNT, (double)json_len(cycles), "suspend.cycles");
	walk_latency(w, cycles, &cycles_at, "suspend_latency_s", "suspend_latency");
	walk_latency(w, cycles, &cycles_at, "resume_latency_s", "resume_latency");
}

static void walk_intervals(struct walk *w, const struct json *rep)
{
	struct where mk_at = { NULL, "markers", 0 }, iv_at = { &mk_at, "intervals", 0 }, here;
	const struct json *mk = member(w, rep, NULL, "markers", JSON_OBJECT);
	const struct json *iv = member(w, mk, &mk_at, "intervals", JSON_ARRAY);
	for (size_t i = 0; i < json_len(iv); i++) {
		const struct json *it = element(w, iv, i, &iv_at, JSON_OBJECT, &here);
		if (!it)
			continue;
		char *n = name_of(w, it, &here, i);
		if (!n)
			return;
		number(w, it, &here, "count", UNIT_COUNT, "interval.%s.count", n);
		number(w, it, &here, "total_s", UNIT_TIME, "interval.%s.total_s", n);
		number(w, it, &here, "min_s", UNIT_TIME, "interval.%s.min_s", n);
		number(w, it, &here, "max_s", UNIT_TIME, "interval.%s.max_s", n);
		free(n);
	}
}

/* The order here is the documented order of the figures. */
static void walk_report(struct walk *w, const struct json *rep)
{
	walk_energy(w, rep);
	walk_cpus(w, rep);
	walk_domains_dram(w, rep);
	walk_suspend(w, rep);
	walk_intervals(w, rep);
}

int report_check(const struct json *rep, struct err *e)
{
	if (json_type(rep) != JSON_OBJECT)
		return errf(e, "not a pmsim report: the document is %s, not an object",
			    json_type_name(json_type(rep)));
	const struct json *schema = json_get(rep, "schema");
	const char *s = json_str(schema);
	if (!schema)
		return errf(e, "not a pmsim report: it has no \"schema\"");
	if (!s)
		return errf(e, "not a pmsim report: its \"schema\" is %s, not a string",
			    json_type_name(json_type(schema)));
	if (strncmp(s, REPORT_SCHEMA_PREFIX, strlen(REPORT_SCHEMA_PREFIX)) != 0) {
		char shown[64];
		size_t k = 0;
		for (; s[k] && k + 1 < sizeof shown; k++)
			shown[k] = (unsigned char)s[k] < 0x20 || s[k] == 0x7f ? '?' : s[k];
		shown[k] = '\0';
		return errf(e, "not a pmsim report: its schema is \"%s%s\", not "
			    REPORT_SCHEMA_PREFIX "N", shown, s[k] ? "..." : "");
	}
	struct walk w = { .e = e };
	walk_report(&w, rep);
	return w.failed ? -1 : 0;
}

struct headlines {
	void (*fn)(void *opaque, const char *name, double value);
	void *opaque;
};

static void headline(void *opaque, const char *name, enum unit u, double v)
{
	struct headlines *h = opaque;
	h->fn(h->opaque, name, v);
}

int report_headlines(const struct json *rep,
		     void (*fn)(void *opaque, const char *name, double value), void *opaque)
{
	if (report_check(rep, NULL))
		return -1;
	struct headlines h = { fn, opaque };
	struct walk w = { .emit = headline, .opaque = &h };
	walk_report(&w, rep);
	return w.nomem ? -1 : 0;
}

/* ------------------------------------------------------------------------ */
/* Two reports side by side                                                 */

struct fig {
	char *name;
	double v;
	enum unit unit;
	size_t other;     /* the same figure in the other report, if matched */
	bool matched, done;
};

struct figs {
	struct fig *f;
	size_t n, cap;
	bool nomem;
};

static void collect(void *opaque, const char *name, enum unit u, double v)
{
	struct figs *fs = opaque;
	if (fs->nomem)
		return;
	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 64;
		struct fig *f = realloc(fs->f, cap * sizeof *f);
		if (!f) {
			fs->nomem = true;
			return;
		}
		fs->f = f;
		fs->cap = cap;
	}
	char *s = strdup(name);
	if (!s) {
		fs->nomem = true;
		return;
	}
	fs->f[fs->n++] = (struct fig){ .name = s, .v = v, .unit = u };
}

static int gather(const struct json *rep, struct figs *fs)
{
	struct walk w = { .emit = collect, .opaque = fs };
	walk_report(&w, rep);
	return w.nomem || fs->nomem ? -1 : 0;
}

static void figs_free(struct figs *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		free(fs->f[i].name);
	free(fs->f);
}

/* By name; equal names (a report may repeat one) in report order. */
static int cmp_fig(const void *a, const void *b)
{
	const struct fig *x = *(const struct fig *const *)a, *y = *(const struct fig *const *)b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x > y) - (x < y);
}

static struct fig **by_name(struct figs *fs)
{
	struct fig **p = malloc((fs->n ? fs->n : 1) * sizeof *p);
	if (!p)
		return NULL;
	for (size_t i = 0; i < fs->n; i++)
		p[i] = &fs->f[i];
	qsort(p, fs->n, sizeof *p, cmp_fig);
	return p;
}

/* Pair each figure of a with the figure of the same name in b: the k-th
 * of a name in one report with the k-th of it in the other. */
static int match(struct figs *a, struct figs *b)
{
	struct fig **pa = by_name(a), **pb = by_name(b);
	if (!pa || !pb) {
		free(pa);
		free(pb);
		return -1;
	}
	for (size_t i = 0, j = 0; i < a->n && j < b->n;) {
		int c = strcmp(pa[i]->name, pb[j]->name);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			pa[i]->matched = pb[j]->matched = true;
			pa[i]->other = (size_t)(pb[j] - b->f);
			pb[j]->other = (size_t)(pa[i] - a->f);
			i++;
			j++;
		}
	}
	free(pa);
	free(pb);
	return 0;
}

struct row {
	const struct fig *old, *new;   /* NULL: the figure is not in that report */
	bool changed, past;
};

/* The rows in the new report's order, removed figures where they stood. */
static struct row *rows_in_order(struct figs *old, struct figs *new, size_t *nrows)
{
	struct row *rows = malloc((old->n + new->n + 1) * sizeof *rows);
	if (!rows)
		return NULL;
	size_t n = 0, i = 0, j = 0;
	while (i < old->n || j < new->n) {
		if (i < old->n && old->f[i].done) {
			i++;
		} else if (i < old->n && !old->f[i].matched) {
			rows[n++] = (struct row){ .old = &old->f[i++] };
		} else if (j < new->n && !new->f[j].matched) {
			rows[n++] = (struct row){ .new = &new->f[j++] };
		} else if (j < new->n) {
			struct fig *o = &old->f[new->f[j].other];
			o->done = true;
			rows[n++] = (struct row){ .old = o, .new = &new->f[j++] };
		} else {
			i++;  /* matched and listed already */
		}
	}
	*nrows = n;
	return rows;
}

static void judge(struct row *r, const struct diff_opts *o, double abs_power)
{
	if (!r->old || !r->new) {
		r->changed = r->past = true;
		return;
	}
	double a = r->old->v, b = r->new->v, d = fabs(b - a);
	double abs_tol = 0;
	switch (r->old->unit) {
	case UNIT_ENERGY: abs_tol = o->abs_energy; break;
	case UNIT_TIME: abs_tol = o->abs_time; break;
	case UNIT_POWER: abs_tol = abs_power; break;
	case UNIT_COUNT: abs_tol = 0; break;
	}
	r->changed = a != b;
	r->past = !(d <= abs_tol || d <= o->rel * fabs(a));
}

#define CELLS 6
#define CELL 48

struct cells {
	char *name;              /* sanitised, malloc'd */
	char c[CELLS - 1][CELL]; /* old, new, delta, delta %, mark */
};

/*
 * new - old, rounded to the 15 significant digits the values are shown
 * with: 1.000000000001 - 1 is 1e-12, not the 1.00009e-12 that the
 * doubles' difference is.
 */
static double shown_delta(double a, double b)
{
	double d = b - a, m = fmax(fabs(a), fabs(b));
	if (d == 0 || m == 0)
		return d;
	double q = pow(10, floor(log10(m)) - 14);
	return round(d / q) * q;
}

static void format_row(const struct row *r, struct cells *out)
{
	static const char *const none = "-";
	const struct fig *f = r->old ? r->old : r->new;
	out->name = strdup(f->name);
	if (out->name)
		for (char *p = out->name; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = '?';
	snprintf(out->c[0], CELL, "%.15g", r->old ? r->old->v : 0);
	snprintf(out->c[1], CELL, "%.15g", r->new ? r->new->v : 0);
	if (!r->old || !r->new) {
		strcpy(out->c[r->old ? 1 : 0], none);
		strcpy(out->c[2], none);
		strcpy(out->c[3], none);
		strcpy(out->c[4], r->old ? "* removed" : "* added");
		return;
	}
	double a = r->old->v, d = shown_delta(a, r->new->v);
	if (d == 0)
		strcpy(out->c[2], "0");
	else
		snprintf(out->c[2], CELL, "%+.6g", d);
	if (d == 0)
		strcpy(out->c[3], "0.00%");
	else if (a == 0)
		strcpy(out->c[3], none);
	else
		snprintf(out->c[3], CELL, "%+.2f%%", 100.0 * d / fabs(a));
	strcpy(out->c[4], r->past ? "*" : "");
}

/* Display width: UTF-8 characters, not bytes. */
static size_t width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

/* A name longer than this pushes the rest of its row to the right. */
#define NAME_COLUMN_MAX 64

static void print_table(FILE *out, struct cells *cells, size_t n)
{
	static const char *const head[CELLS] = { "figure", "old", "new", "delta", "delta %", "" };
	size_t w[CELLS];
	for (unsigned k = 0; k < CELLS; k++)
		w[k] = width(head[k]);
	for (size_t i = 0; i < n; i++) {
		size_t nw = width(cells[i].name);
		if (nw > w[0])
			w[0] = nw < NAME_COLUMN_MAX ? nw : NAME_COLUMN_MAX;
		for (unsigned k = 1; k < CELLS - 1; k++)
			if (width(cells[i].c[k - 1]) > w[k])
				w[k] = width(cells[i].c[k - 1]);
	}
	for (size_t i = 0; i <= n; i++) {
		const char *name = i ? cells[i - 1].name : head[0];
		fputs(name, out);
		size_t nw = width(name);
		for (unsigned k = 1; k < CELLS - 1; k++) {
			const char *c = i ? cells[i - 1].c[k - 1] : head[k];
			size_t cw = width(c);
			pad(out, (k == 1 && nw < w[0] ? w[0] - nw : 0) + 2 + w[k] - cw);
			fputs(c, out);
		}
		const char *mark = i ? cells[i - 1].c[CELLS - 2] : head[CELLS - 1];
		if (*mark) {
			fputs("  ", out);
			fputs(mark, out);
		}
		fputc('\n', out);
	}
}

int diff_reports(const struct json *old, const struct json *new, const struct diff_opts *o,
		 FILE *out, unsigned *past)
{
	if (report_check(old, NULL) || report_check(new, NULL))
		return -1;
	struct figs fo = { 0 }, fn = { 0 };
	struct row *rows = NULL;
	struct cells *cells = NULL;
	size_t nrows = 0, ncells = 0;
	int rc = -1;
	if (gather(old, &fo) || gather(new, &fn) || match(&fo, &fn))
		goto out;
	rows = rows_in_order(&fo, &fn, &nrows);
	if (!rows)
		goto out;
	/* The power that changes the old run's energy by abs_energy. */
	double t = json_num(json_get(old, "sim_time_s"));
	double abs_power = t > 0 ? o->abs_energy / t : 0;
	unsigned npast = 0;
	cells = calloc(nrows + 1, sizeof *cells);
	if (!cells)
		goto out;
	for (size_t i = 0; i < nrows; i++) {
		judge(&rows[i], o, abs_power);
		npast += rows[i].past;
		if (!o->all && !rows[i].changed)
			continue;
		format_row(&rows[i], &cells[ncells]);
		if (!cells[ncells++].name)
			goto out;
	}
	if (ncells)
		print_table(out, cells, ncells);
	fprintf(out, "%zu figure%s compared, %u past tolerance\n", nrows, nrows == 1 ? "" : "s",
		npast);
	*past = npast;
	rc = 0;
out:
	for (size_t i = 0; i < ncells; i++)
		free(cells[i].name);
	free(cells);
	free(rows);
	figs_free(&fo);
	figs_free(&fn);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The command                                                              */

static const char diff_usage[] =
	"usage: pmsim diff [options] OLD.json NEW.json\n"
	"\n"
	"Compare the headline figures of two pmsim reports (--report FILE.json).\n"
	"A figure passes if |new-old| is within the absolute tolerance of its unit\n"
	"or within --rel of |old|; figures in one report only are past tolerance.\n"
	"\n"
	"options:\n"
	"  --rel R          relative tolerance (default 0.01: 1 %)\n"
	"  --abs-energy J   absolute tolerance of energies, joules (default 1e-9)\n"
	"  --abs-time S     absolute tolerance of times, seconds (default 1e-9)\n"
	"  --all            list every figure, not only those that changed\n"
	"\n"
	"exit status: 0 all within tolerance, 1 some past it, 64 bad command line,\n"
	"65 malformed JSON or not a report, 66 missing or unreadable file\n";

static int diff_usage_error(const char *fmt, const char *arg)
{
	fputs("pmsim: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'pmsim diff --help'.\n", stderr);
	return EXIT_USAGE;
}

/* A tolerance: a finite decimal number, 0 or more. */
static int parse_tolerance(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || v < 0)
		return -1;
	*out = v;
	return 0;
}

int diff_load_report(const char *path, struct json **rep)
{
	struct err e;
	void *data;
	size_t len;
	int rc = hostio_read(path, HOSTIO_MAX_REPORT, &data, &len, NULL, &e);
	if (rc) {
		fprintf(stderr, "pmsim: %s\n", e.msg);
		return rc;
	}
	*rep = json_parse(data, len, &e);
	int why = errno;
	free(data);
	if (!*rep) {
		fprintf(stderr, "pmsim: %s: %s\n", path, e.msg);
		return why == ENOMEM ? EXIT_INTERNAL : EXIT_BADINPUT;
	}
	if (report_check(*rep, &e)) {
		fprintf(stderr, "pmsim: %s: %s\n", path, e.msg);
		json_free(*rep);
		*rep = NULL;
		return EXIT_BADINPUT;
	}
	return 0;
}

int diff_tolerance_opt(int argc, char **argv, int *i, struct diff_opts *o)
{
	const struct {
		const char *name;
		double *value;
	} tolerances[] = {
		{ "--rel", &o->rel },
		{ "--abs-energy", &o->abs_energy },
		{ "--abs-time", &o->abs_time },
	};
	const char *a = argv[*i];
	unsigned t = 0;
	size_t len = 0;
	for (; t < sizeof tolerances / sizeof tolerances[0]; t++) {
		len = strlen(tolerances[t].name);
		if (!strncmp(a, tolerances[t].name, len) && (a[len] == '=' || !a[len]))
			break;
	}
	if (t == sizeof tolerances / sizeof tolerances[0])
		return 0;
	const char *v = a[len] == '=' ? a + len + 1 : *i + 1 < argc ? argv[++*i] : NULL;
	if (!v)
		return diff_usage_error("option '%s' needs a number", tolerances[t].name);
	if (parse_tolerance(v, tolerances[t].value)) {
		fprintf(stderr, "pmsim: %s '%s': a tolerance is a number, 0 or more\n"
			"Try 'pmsim diff --help'.\n", tolerances[t].name, v);
		return EXIT_USAGE;
	}
	return 1;
}

int diff_main(int argc, char **argv)
{
	struct diff_opts o = DIFF_OPTS_DEFAULT;
	const char *files[2];
	unsigned nfiles = 0;
	bool options = true;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!options || a[0] != '-' || !strcmp(a, "-")) {
			if (nfiles == 2)
				return diff_usage_error("unexpected argument '%s' ('pmsim diff' "
							"compares two reports)", a);
			files[nfiles++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			options = false;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(diff_usage, stdout);
			return 0;
		}
		if (!strcmp(a, "--all")) {
			o.all = true;
			continue;
		}
		int m = diff_tolerance_opt(argc, argv, &i, &o);
		if (m > 1)
			return m;
		if (!m)
			return diff_usage_error("unknown option '%s' for 'pmsim diff'", a);
	}
	if (nfiles < 2)
		return diff_usage_error("%s", "'pmsim diff' needs two reports: OLD.json NEW.json");

	struct json *old = NULL, *new = NULL;
	int rc = diff_load_report(files[0], &old);
	if (!rc)
		rc = diff_load_report(files[1], &new);
	if (!rc) {
		unsigned past = 0;
		if (diff_reports(old, new, &o, stdout, &past)) {
			fprintf(stderr, "pmsim: out of memory\n");
			rc = EXIT_INTERNAL;
		} else {
			rc = past ? 1 : 0;
		}
	}
	json_free(old);
	json_free(new);
	return rc;
}
