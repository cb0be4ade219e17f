/*
 * The timeline as Chrome trace-event JSON (docs/timeline.md "Perfetto"):
 * counters for power, complete slices for states, instants for events,
 * begin/end slices for the guest's markers.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "pm/tlformat.h"
#include "sim/json.h"

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

int tl_write_perfetto(const struct timeline *tl, FILE *f)
{
	bool first = true;
	fprintf(f, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"pmsim\",\"start_us\":");
	tl_put_us(f, timeline_start(tl));
	fprintf(f, ",\"end_us\":");
	tl_put_us(f, timeline_end(tl));
	fprintf(f, ",\"truncated\":%s},\"traceEvents\":[", timeline_truncated(tl) ? "true" : "false");
	te_meta(f, &first, "process_name", PID_POWER, 0, "power (W)", NULL);
	te_meta(f, &first, "process_name", PID_STATES, 0, "states", NULL);
	te_meta(f, &first, "process_name", PID_EVENTS, 0, "events", NULL);
	te_meta(f, &first, "process_name", PID_MARKERS, 0, "markers", NULL);
	/* Power: one counter track each. */
	for (size_t i = 0; i < timeline_npower(tl); i++) {
		const struct tl_power *p = timeline_power(tl, i);
		char name[160];
		snprintf(name, sizeof name, "%s%s%s", tl_kind_name(p->kind),
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
			tl_put_us(f, t);
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
			tl_put_us(f, t);
			fprintf(f, ",\"dur\":");
			tl_put_us(f, e - t);
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
		tl_put_us(f, e->t);
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
			tl_put_us(f, timeline_end(tl));
			fprintf(f, "}");
		}
	free(ev);
	free(mk);
	fprintf(f, "\n]}\n");
	return rc || ferror(f) ? -1 : 0;
}
