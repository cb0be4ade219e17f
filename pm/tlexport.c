/*
 * The timeline's exports (timeline.h, docs/timeline.md): VCD for GTKWave,
 * Chrome trace-event JSON for Perfetto and chrome://tracing, and CSV.
 *
 * All three are written from the finished tracks, with fixed formats:
 * times are exact (picoseconds, printed as integers or as decimal
 * fractions of them), powers in watts with nine significant digits.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "pm/timeline.h"
#include "sim/json.h"

/* ---- shared --------------------------------------------------------------- */

/* A picosecond time as seconds ("0.001234567890"), or as microseconds
 * ("1234.567890"), exactly. */
static void put_seconds(FILE *f, simtime_t t)
{
	fprintf(f, "%" PRIu64 ".%012" PRIu64, t / 1000000000000u, t % 1000000000000u);
}

static void put_us(FILE *f, simtime_t t)
{
	fprintf(f, "%" PRIu64 ".%06" PRIu64, t / 1000000u, t % 1000000u);
}

static const char *kind_prefix(enum tl_power_kind k)
{
	return k == TL_TOTAL ? "total" : k == TL_RAIL ? "rail" : "component";
}

/* A state track's events, for the exports: the markers' intervals are
 * built from their begin/end events. */

/* ---- VCD ------------------------------------------------------------------ */

/* VCD identifiers: printable ASCII from '!' to '~', base 94. */
static void vcd_id(char *buf, size_t n)
{
	size_t i = 0;
	do {
		buf[i++] = (char)('!' + n % 94);
		n /= 94;
	} while (n && i < 7);
	buf[i] = '\0';
}

/* A VCD reference: one token, so white space and anything not printable
 * becomes '_' ('$' too, which starts a keyword); the parts are joined by
 * '.'. */
static void vcd_name(FILE *f, const char *prefix, const char *a, const char *b)
{
	const char *parts[3] = { prefix, a, b };
	bool first = true;
	for (int k = 0; k < 3; k++) {
		if (!parts[k])
			continue;
		if (!first)
			fputc('.', f);
		first = false;
		for (const char *p = parts[k]; *p; p++) {
			unsigned char c = (unsigned char)*p;
			bool ok = c > ' ' && c < 127 && c != '$';
			fputc(ok ? c : '_', f);
		}
	}
}

static void vcd_bin(FILE *f, int64_t v, const char *id)
{
	uint64_t u = (uint64_t)v;
	char b[65];
	int n = 0;
	if (!u) {
		b[n++] = '0';
	} else {
		int hi = 63;
		while (!(u >> hi & 1))
			hi--;
		for (int i = hi; i >= 0; i--)
			b[n++] = (char)('0' + (u >> i & 1));
	}
	b[n] = '\0';
	fprintf(f, "b%s %s\n", b, id);
}

/* One value change to write: at time t, signal `sig` takes `v` or `w`.
 * `seq` keeps the order of changes made at one time to one signal. */
struct vchg {
	simtime_t t;
	uint32_t sig;
	bool real;
	int64_t v;
	double w;
	size_t seq;
};

static int cmp_vchg(const void *pa, const void *pb)
{
	const struct vchg *a = pa, *b = pb;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->sig != b->sig)
		return a->sig < b->sig ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct vbuf {
	struct vchg *v;
	size_t n, cap;
};

static int vpush(struct vbuf *b, simtime_t t, uint32_t sig, bool real, int64_t v, double w)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		struct vchg *n = realloc(b->v, cap * sizeof *n);
		if (!n)
			return -1;
		b->v = n;
		b->cap = cap;
	}
	b->v[b->n] = (struct vchg){ t, sig, real, v, w, b->n };
	b->n++;
	return 0;
}

/* The event signals: one pair per (component, var) of interrupts and
 * DMA, the value (the line or channel) and a count that steps at every
 * occurrence, so that two alike in a row still show; one pair per marker
 * name, its nesting depth (begin/end) and the count of its instants. */
struct esig {
	const char *component, *var, *name;
	uint32_t sig;         /* the value's; the count's is sig + 1 */
	int64_t depth, count;
};

static struct esig *esig_of(struct esig **v, size_t *n, const struct tl_event *e,
			    uint32_t *nsig, FILE *f)
{
	bool marker = !strcmp(e->component, "marker");
	const char *name = marker ? (e->label ? e->label : "") : NULL;
	for (size_t i = 0; i < *n; i++) {
		struct esig *s = &(*v)[i];
		if (marker ? s->name && !strcmp(s->name, name)
			   : !s->name && !strcmp(s->component, e->component) &&
				     !strcmp(s->var, e->var))
			return s;
	}
	struct esig *s = realloc(*v, (*n + 1) * sizeof *s);
	if (!s)
		return NULL;
	*v = s;
	s += (*n)++;
	*s = (struct esig){ e->component, e->var, name, *nsig, 0, 0 };
	*nsig += 2;
	char id[8];
	vcd_id(id, s->sig);
	fprintf(f, "$var integer 64 %s ", id);
	if (marker)
		vcd_name(f, "marker", name, "depth");
	else
		vcd_name(f, e->component, e->var, NULL);
	fprintf(f, " $end\n");
	vcd_id(id, s->sig + 1);
	fprintf(f, "$var integer 64 %s ", id);
	if (marker)
		vcd_name(f, "marker", name, "instants");
	else
		vcd_name(f, e->component, e->var, "count");
	fprintf(f, " $end\n");
	return s;
}

static int write_vcd(const struct timeline *tl, FILE *f)
{
	struct vbuf b = { 0 };
	struct esig *es = NULL;
	size_t nes = 0;
	uint32_t nsig = 0;
	char id[8];
	int rc = 0;

	fprintf(f, "$version pmsim timeline $end\n$timescale 1ps $end\n");
	fprintf(f, "$scope module pmsim $end\n$scope module power $end\n");
	for (size_t i = 0; i < timeline_npower(tl); i++) {
		const struct tl_power *p = timeline_power(tl, i);
		vcd_id(id, nsig);
		fprintf(f, "$var real 64 %s ", id);
		vcd_name(f, kind_prefix(p->kind), p->kind == TL_TOTAL ? NULL : p->name, NULL);
		fprintf(f, " $end\n");
		for (size_t k = 0; k < p->n && !rc; k++)
			rc = vpush(&b, p->t[k], nsig, true, 0, p->watts[k]);
		nsig++;
	}
	fprintf(f, "$upscope $end\n$scope module state $end\n");
	for (size_t i = 0; i < timeline_nstates(tl); i++) {
		const struct tl_state *s = timeline_state(tl, i);
		vcd_id(id, nsig);
		fprintf(f, "$var integer 64 %s ", id);
		vcd_name(f, s->component, s->var, NULL);
		fprintf(f, " $end\n");
		for (size_t k = 0; k < s->n && !rc; k++)
			rc = vpush(&b, s->t[k], nsig, false, s->value[k], 0);
		nsig++;
	}
	fprintf(f, "$upscope $end\n$scope module event $end\n");
	for (size_t i = 0; i < timeline_nevents(tl) && !rc; i++) {
		const struct tl_event *e = timeline_event(tl, i);
		struct esig *s = esig_of(&es, &nes, e, &nsig, f);
		if (!s) {
			rc = -1;
			break;
		}
		if (!s->name) {
			rc = vpush(&b, e->t, s->sig, false, e->value, 0);
			if (!rc)
				rc = vpush(&b, e->t, s->sig + 1, false, ++s->count, 0);
		} else if (!strcmp(e->var, "instant")) {
			rc = vpush(&b, e->t, s->sig + 1, false, ++s->count, 0);
		} else {
			if (!strcmp(e->var, "begin"))
				s->depth++;
			else if (s->depth > 0)
				s->depth--;
			rc = vpush(&b, e->t, s->sig, false, s->depth, 0);
		}
	}
	fprintf(f, "$upscope $end\n$upscope $end\n$enddefinitions $end\n");
	if (rc)
		goto out;
	qsort(b.v, b.n, sizeof *b.v, cmp_vchg);
	/* The initial values: every signal, at the start. */
	simtime_t t0 = timeline_start(tl);
	fprintf(f, "#%" PRIu64 "\n$dumpvars\n", t0);
	for (uint32_t sig = 0; sig < nsig; sig++) {
		vcd_id(id, sig);
		bool real = sig < timeline_npower(tl);
		if (real)
			fprintf(f, "r0 %s\n", id);
		else
			vcd_bin(f, 0, id);
	}
	fprintf(f, "$end\n");
	simtime_t now = t0;
	for (size_t j = 0; j < b.n; j++) {
		const struct vchg *c = &b.v[j];
		if (c->t != now) {
			fprintf(f, "#%" PRIu64 "\n", c->t);
			now = c->t;
		}
		vcd_id(id, c->sig);
		if (c->real)
			fprintf(f, "r%.9g %s\n", c->w, id);
		else
			vcd_bin(f, c->v, id);
	}
	if (timeline_end(tl) > now)
		fprintf(f, "#%" PRIu64 "\n", timeline_end(tl));
out:
	free(b.v);
	free(es);
	return rc || ferror(f) ? -1 : 0;
}

/* ---- Chrome trace-event JSON (Perfetto) -------------------------------------- */

enum { PID_POWER = 1, PID_STATES, PID_EVENTS, PID_MARKERS };

static void te_head(FILE *f, bool *first, const char *ph, int pid, unsigned tid)
{
	fprintf(f, "%s\n{\"ph\":\"%s\",\"pid\":%d,\"tid\":%u", *first ? "" : ",", ph, pid, tid);
	*first = false;
}

static void te_meta(FILE *f, bool *first, const char *what, int pid, unsigned tid,
		    const char *a, const char *b)
{
	te_head(f, first, "M", pid, tid);
	fprintf(f, ",\"name\":\"%s\",\"args\":{\"name\":", what);
	if (b) {
		char buf[256];
		snprintf(buf, sizeof buf, "%s %s", a, b);
		json_write_string(f, buf);
	} else {
		json_write_string(f, a);
	}
	fprintf(f, "}}");
}

/* A thread of the events process per (component, var), of the markers
 * process per marker name. */
struct tthread {
	const char *a, *b;
	unsigned tid;
	int64_t open;         /* markers: begins not yet ended */
};

static struct tthread *tthread_of(struct tthread **v, size_t *n, const char *a, const char *b)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].a, a) && !strcmp((*v)[i].b, b))
			return &(*v)[i];
	struct tthread *t = realloc(*v, (*n + 1) * sizeof *t);
	if (!t)
		return NULL;
	*v = t;
	t += *n;
	*t = (struct tthread){ a, b, (unsigned)++*n, 0 };
	return t;
}

static int write_perfetto(const struct timeline *tl, FILE *f)
{
	bool first = true;
	fprintf(f, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"pmsim\",\"start_us\":");
	put_us(f, timeline_start(tl));
	fprintf(f, ",\"end_us\":");
	put_us(f, timeline_end(tl));
	fprintf(f, ",\"truncated\":%s},\"traceEvents\":[", timeline_truncated(tl) ? "true" : "false");
	te_meta(f, &first, "process_name", PID_POWER, 0, "power (W)", NULL);
	te_meta(f, &first, "process_name", PID_STATES, 0, "states", NULL);
	te_meta(f, &first, "process_name", PID_EVENTS, 0, "events", NULL);
	te_meta(f, &first, "process_name", PID_MARKERS, 0, "markers", NULL);
	/* Power: one counter track each. */
	for (size_t i = 0; i < timeline_npower(tl); i++) {
		const struct tl_power *p = timeline_power(tl, i);
		char name[160];
		snprintf(name, sizeof name, "%s%s%s", kind_prefix(p->kind),
			 p->kind == TL_TOTAL ? "" : " ", p->kind == TL_TOTAL ? "" : p->name);
		for (size_t k = 0; k <= p->n; k++) {
			/* A last point at the end closes the step. */
			simtime_t t = k < p->n ? p->t[k] : timeline_end(tl);
			double w = k < p->n ? p->watts[k] : p->n ? p->watts[p->n - 1] : 0.0;
			if (k == p->n && (p->n && p->t[p->n - 1] >= t))
				break;
			te_head(f, &first, "C", PID_POWER, 0);
			fprintf(f, ",\"name\":");
			json_write_string(f, name);
			fprintf(f, ",\"ts\":");
			put_us(f, t);
			fprintf(f, ",\"args\":{\"W\":%.9g}}", w);
		}
	}
	/* States: a thread each, a slice per value held. */
	for (size_t i = 0; i < timeline_nstates(tl); i++) {
		const struct tl_state *s = timeline_state(tl, i);
		unsigned tid = (unsigned)i + 1;
		te_meta(f, &first, "thread_name", PID_STATES, tid, s->component, s->var);
		for (size_t k = 0; k < s->n; k++) {
			simtime_t t = s->t[k], e = k + 1 < s->n ? s->t[k + 1] : timeline_end(tl);
			if (e < t)
				e = t;
			te_head(f, &first, "X", PID_STATES, tid);
			fprintf(f, ",\"name\":");
			if (s->label[k]) {
				json_write_string(f, s->label[k]);
			} else {
				char v[32];
				snprintf(v, sizeof v, "%" PRId64, s->value[k]);
				json_write_string(f, v);
			}
			fprintf(f, ",\"ts\":");
			put_us(f, t);
			fprintf(f, ",\"dur\":");
			put_us(f, e - t);
			fprintf(f, ",\"args\":{\"value\":%" PRId64 "}}", s->value[k]);
		}
	}
	/* Events: instants on a thread per kind; markers: slices per name. */
	struct tthread *ev = NULL, *mk = NULL;
	size_t nev = 0, nmk = 0;
	int rc = 0;
	for (size_t i = 0; i < timeline_nevents(tl) && !rc; i++) {
		const struct tl_event *e = timeline_event(tl, i);
		bool marker = !strcmp(e->component, "marker");
		const char *name = e->label ? e->label : "";
		size_t before = marker ? nmk : nev;
		struct tthread *th = marker ? tthread_of(&mk, &nmk, "marker", name)
					    : tthread_of(&ev, &nev, e->component, e->var);
		if (!th) {
			rc = -1;
			break;
		}
		int pid = marker ? PID_MARKERS : PID_EVENTS;
		if ((marker ? nmk : nev) != before)
			te_meta(f, &first, "thread_name", pid, th->tid, marker ? name : e->component,
				marker ? NULL : e->var);
		const char *ph = "i";
		if (marker && !strcmp(e->var, "begin")) {
			ph = "B";
			th->open++;
		} else if (marker && !strcmp(e->var, "end")) {
			if (!th->open)
				continue;
			ph = "E";
			th->open--;
		}
		te_head(f, &first, ph, pid, th->tid);
		fprintf(f, ",\"name\":");
		if (marker) {
			json_write_string(f, name);
		} else {
			char v[96];
			snprintf(v, sizeof v, "%s %" PRId64, e->var, e->value);
			json_write_string(f, v);
		}
		fprintf(f, ",\"ts\":");
		put_us(f, e->t);
		if (*ph == 'i')
			fprintf(f, ",\"s\":\"t\"");
		fprintf(f, ",\"args\":{\"value\":%" PRId64 "}}", e->value);
	}
	/* Intervals still open at the end end there. */
	for (size_t i = 0; i < nmk; i++)
		for (; mk[i].open > 0; mk[i].open--) {
			te_head(f, &first, "E", PID_MARKERS, mk[i].tid);
			fprintf(f, ",\"name\":");
			json_write_string(f, mk[i].b);
			fprintf(f, ",\"ts\":");
			put_us(f, timeline_end(tl));
			fprintf(f, "}");
		}
	free(ev);
	free(mk);
	fprintf(f, "\n]}\n");
	return rc || ferror(f) ? -1 : 0;
}

/* ---- CSV --------------------------------------------------------------------- */

static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* One row at every time some power track changes; each row's values hold
 * until the next row's time, the last until the end row. */
static int write_csv(const struct timeline *tl, FILE *f)
{
	size_t n = timeline_npower(tl);
	size_t *at = calloc(n ? n : 1, sizeof *at);
	if (!at)
		return -1;
	fputs("time_s", f);
	for (size_t i = 0; i < n; i++) {
		const struct tl_power *p = timeline_power(tl, i);
		char name[160];
		snprintf(name, sizeof name, "%s%s%s_W", kind_prefix(p->kind),
			 p->kind == TL_TOTAL ? "" : ":", p->kind == TL_TOTAL ? "" : p->name);
		fputc(',', f);
		csv_field(f, name);
	}
	fputc('\n', f);
	for (;;) {
		simtime_t t = SIMTIME_NEVER;
		for (size_t i = 0; i < n; i++) {
			const struct tl_power *p = timeline_power(tl, i);
			if (at[i] < p->n && p->t[at[i]] < t)
				t = p->t[at[i]];
		}
		if (t == SIMTIME_NEVER)
			break;
		put_seconds(f, t);
		for (size_t i = 0; i < n; i++) {
			const struct tl_power *p = timeline_power(tl, i);
			while (at[i] < p->n && p->t[at[i]] <= t)
				at[i]++;
			fprintf(f, ",%.9g", at[i] ? p->watts[at[i] - 1] : 0.0);
		}
		fputc('\n', f);
	}
	/* The end: where the last values stop holding. */
	put_seconds(f, timeline_end(tl));
	for (size_t i = 0; i < n; i++) {
		const struct tl_power *p = timeline_power(tl, i);
		fprintf(f, ",%.9g", p->n ? p->watts[p->n - 1] : 0.0);
	}
	fputc('\n', f);
	free(at);
	return ferror(f) ? -1 : 0;
}

int timeline_write(const struct timeline *tl, enum timeline_format fmt, FILE *f)
{
	switch (fmt) {
	case TL_FMT_VCD:
		return write_vcd(tl, f);
	case TL_FMT_PERFETTO:
		return write_perfetto(tl, f);
	case TL_FMT_CSV:
		return write_csv(tl, f);
	}
	return -1;
}
