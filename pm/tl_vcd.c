/*
 * The timeline as an IEEE 1364 value change dump (docs/timeline.md "VCD"),
 * for GTKWave: real-valued power signals, 64-bit integer states, and per
 * event kind a value and a count.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "pm/tlformat.h"

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

int tl_write_vcd(const struct timeline *tl, FILE *f)
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
		vcd_name(f, tl_kind_name(p->kind), p->kind == TL_TOTAL ? NULL : p->name, NULL);
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
