/*
 * The timeline recorder (timeline.h, docs/timeline.md).
 *
 * Recording is an append to one array of fixed-size records; everything
 * else (time order, change points, power per interval, de-duplication)
 * happens once, in timeline_finish. The recorder sits on the trace stream
 * and observes the meters, so a model does nothing for it beyond what it
 * does for the report.
 */
#include "pm/timeline.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "pm/meter.h"
#include "pm/pmu.h"
#include "pm/regulator.h"
#include "pm/report.h"
#include "pm/tlformat.h"
#include "sim/soc.h"

enum rec_type {
	REC_ENERGY,   /* first at equal times: an energy belongs to the interval it ends */
	REC_POWER,
	REC_STATE,
	REC_EVENT,
};

struct rec {
	simtime_t t;
	uint32_t id;          /* meter index, or state/event key index */
	uint32_t type;
	union {
		int64_t v;    /* a state's or event's value */
		double d;     /* a power step (W) or an energy (J) */
	} u;
	const char *label;
};

/* One (component, var) of the trace stream. */
struct key {
	const char *component, *var;
	bool event;
	int state;            /* its index in the state tracks, once built; -1 */
};

/* An observed meter and the power tracks it counts in. */
struct obs_meter {
	struct pm_meter *m;
	int track[2];         /* power track indices, -1 unused */
	double watts;         /* (finishing) the present step */
	double pending;       /* (finishing) energy in the open interval */
};

struct ptrack {
	struct tl_power pub;
	simtime_t *t;
	double *w;
	size_t cap;
};

struct strack {
	struct tl_state pub;
	simtime_t *t;
	int64_t *v;
	const char **l;
	size_t cap;
};

struct timeline {
	struct pm_meter_obs obs;  /* first: the observer callbacks get it */
	struct soc *soc;
	uint64_t limit;
	bool truncated, finished;
	simtime_t stopped, start, end;

	struct rec *recs;
	size_t nrecs, caprecs;
	/* Coalescing: the record of each meter's last energy, and the count
	 * of change points recorded when it was made. */
	size_t nchanges;

	struct key *keys;
	size_t nkeys, capkeys;

	struct obs_meter *meters;
	size_t nmeters;
	size_t *last_energy;      /* per meter: record index + 1, 0 none */
	size_t *last_energy_cp;

	struct ptrack *power;
	size_t npower;
	struct strack *states;
	size_t nstates;
	struct tl_event *events;
	size_t nevents;
};

int timeline_format_of(const char *path)
{
	size_t n = strlen(path);
	static const struct { const char *ext; int fmt; } exts[] = {
		{ ".vcd", TL_FMT_VCD }, { ".json", TL_FMT_PERFETTO }, { ".csv", TL_FMT_CSV },
	};
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t k = strlen(exts[i].ext);
		if (n > k && !strcmp(path + n - k, exts[i].ext))
			return exts[i].fmt;
	}
	return -1;
}

/* ---- recording ---------------------------------------------------------- */

static struct rec *rec_new(struct timeline *tl, simtime_t t)
{
	if (tl->truncated || tl->finished)
		return NULL;
	if (tl->nrecs >= tl->limit) {
		tl->truncated = true;
		tl->stopped = t;
		return NULL;
	}
	if (tl->nrecs == tl->caprecs) {
		size_t cap = tl->caprecs ? tl->caprecs * 2 : 4096;
		if (cap > tl->limit)
			cap = tl->limit;
		struct rec *r = realloc(tl->recs, cap * sizeof *r);
		if (!r) {
			/* Out of host memory: as if the limit were here. */
			tl->truncated = true;
			tl->stopped = t;
			return NULL;
		}
		tl->recs = r;
		tl->caprecs = cap;
	}
	struct rec *r = &tl->recs[tl->nrecs++];
	r->t = t;
	r->label = NULL;
	return r;
}

static bool is_event(const char *var)
{
	static const char *const ev[] = { "irq", "done", "error", "begin", "end", "instant" };
	for (size_t i = 0; i < sizeof ev / sizeof ev[0]; i++)
		if (!strcmp(var, ev[i]))
			return true;
	return false;
}

/* The key of (component, var): the same pointers as last time are the
 * common case; names are compared otherwise. */
static long key_of(struct timeline *tl, const char *component, const char *var)
{
	for (size_t i = tl->nkeys; i-- > 0;)
		if (tl->keys[i].component == component && tl->keys[i].var == var)
			return (long)i;
	for (size_t i = 0; i < tl->nkeys; i++)
		if (!strcmp(tl->keys[i].component, component) && !strcmp(tl->keys[i].var, var))
			return (long)i;
	if (tl->nkeys == tl->capkeys) {
		size_t cap = tl->capkeys ? tl->capkeys * 2 : 64;
		struct key *k = realloc(tl->keys, cap * sizeof *k);
		if (!k)
			return -1;
		tl->keys = k;
		tl->capkeys = cap;
	}
	tl->keys[tl->nkeys] = (struct key){ component, var, is_event(var), -1 };
	return (long)tl->nkeys++;
}

static void on_state(void *opaque, simtime_t t, const char *component, const char *var,
		     int64_t value, const char *label)
{
	struct timeline *tl = opaque;
	if (tl->truncated || tl->finished)
		return;
	/* The core's cycles are accounted lazily: charge them now, so that
	 * their energy falls in the interval that ends here. Not for the
	 * DRAM's transitions, which are told after the fact. */
	if (tl->soc && tl->soc->pmu && strcmp(component, "dram"))
		pmu_charge_core(tl->soc->pmu);
	long k = key_of(tl, component, var);
	struct rec *r = k < 0 ? NULL : rec_new(tl, t);
	if (!r)
		return;
	r->id = (uint32_t)k;
	r->type = tl->keys[k].event ? REC_EVENT : REC_STATE;
	r->u.v = value;
	r->label = label;
	tl->nchanges++;
}

static void on_power(struct pm_meter_obs *o, unsigned id, simtime_t t, double dw)
{
	struct timeline *tl = (struct timeline *)o;
	struct rec *r = rec_new(tl, t);
	if (!r)
		return;
	r->id = id;
	r->type = REC_POWER;
	r->u.d = dw;
	tl->nchanges++;
}

static void on_energy(struct pm_meter_obs *o, unsigned id, simtime_t t, double j)
{
	struct timeline *tl = (struct timeline *)o;
	/* Energies of one meter with no change point between them fall in
	 * the same interval: one record holds them (the DRAM's bursts). */
	size_t last = tl->last_energy[id];
	if (last && tl->last_energy_cp[id] == tl->nchanges && !tl->truncated && !tl->finished) {
		struct rec *r = &tl->recs[last - 1];
		r->u.d += j;
		if (t > r->t)
			r->t = t;
		return;
	}
	struct rec *r = rec_new(tl, t);
	if (!r)
		return;
	r->id = id;
	r->type = REC_ENERGY;
	r->u.d = j;
	tl->last_energy[id] = tl->nrecs;
	tl->last_energy_cp[id] = tl->nchanges;
}

struct timeline *timeline_new(uint64_t limit)
{
	struct timeline *tl = calloc(1, sizeof *tl);
	if (!tl)
		return NULL;
	tl->obs = (struct pm_meter_obs){ on_power, on_energy };
	tl->limit = limit ? limit : TIMELINE_DEFAULT_LIMIT;
	return tl;
}

struct trace_sink timeline_sink(struct timeline *tl)
{
	return (struct trace_sink){ on_state, tl };
}

static int add_ptrack(struct timeline *tl, const char *name, enum tl_power_kind kind)
{
	for (size_t i = 0; i < tl->npower; i++)
		if (tl->power[i].pub.kind == kind && !strcmp(tl->power[i].pub.name, name))
			return (int)i;
	struct ptrack *p = realloc(tl->power, (tl->npower + 1) * sizeof *p);
	if (!p)
		return -1;
	tl->power = p;
	memset(&p[tl->npower], 0, sizeof *p);
	p[tl->npower].pub.name = name;
	p[tl->npower].pub.kind = kind;
	return (int)tl->npower++;
}

static int add_meter(struct timeline *tl, struct pm_meter *m, int t0, int t1)
{
	struct obs_meter *v = realloc(tl->meters, (tl->nmeters + 1) * sizeof *v);
	if (!v)
		return -1;
	tl->meters = v;
	v[tl->nmeters] = (struct obs_meter){ m, { t0, t1 }, 0, 0 };
	m->obs = &tl->obs;
	m->obs_id = (unsigned)tl->nmeters++;
	return 0;
}

int timeline_attach(struct timeline *tl, struct soc *soc, simtime_t now)
{
	tl->soc = soc;
	tl->start = now;
	bool rails = soc->rails && rail_count(soc->rails);
	int total = add_ptrack(tl, "battery", TL_TOTAL);
	if (total < 0)
		return -1;
	if (rails) {
		if (add_meter(tl, rail_set_battery_meter(soc->rails), total, -1))
			return -1;
		for (unsigned i = 0; i < rail_count(soc->rails); i++) {
			struct pm_rail *r = rail_at(soc->rails, i);
			int k = add_ptrack(tl, rail_name(r), TL_RAIL);
			if (k < 0 || add_meter(tl, rail_out_meter(r), k, -1))
				return -1;
		}
	}
	/* The components in the report's order: the SoC's list is newest
	 * first. */
	size_t n = 0;
	for (struct pm_meter *m = soc->meters; m; m = m->next)
		n++;
	struct pm_meter **v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		return -1;
	size_t k = n;
	for (struct pm_meter *m = soc->meters; m; m = m->next)
		v[--k] = m;
	for (size_t i = 0; i < n; i++) {
		int c = add_ptrack(tl, v[i]->component, TL_COMPONENT);
		if (c < 0 || add_meter(tl, v[i], c, rails ? -1 : total)) {
			free(v);
			return -1;
		}
	}
	free(v);
	tl->last_energy = calloc(tl->nmeters, sizeof *tl->last_energy);
	tl->last_energy_cp = calloc(tl->nmeters, sizeof *tl->last_energy_cp);
	if (!tl->last_energy || !tl->last_energy_cp)
		return -1;
	/* The PMU's present states, which it tells only when they change. */
	if (soc->pmu) {
		struct trace own = { .nsinks = 1 };
		own.sinks[0] = timeline_sink(tl);
		pmu_trace_present(soc->pmu, now, &own);
	}
	/* Each meter's present power is its first step. */
	for (size_t i = 0; i < tl->nmeters; i++)
		if (tl->meters[i].m->watts != 0.0)
			on_power(&tl->obs, (unsigned)i, now, tl->meters[i].m->watts);
	return 0;
}

static void detach(struct timeline *tl)
{
	for (size_t i = 0; i < tl->nmeters; i++)
		if (tl->meters[i].m->obs == &tl->obs)
			tl->meters[i].m->obs = NULL;
	if (tl->soc)
		trace_remove_sink(&tl->soc->trace, tl);
}

/* ---- finishing: time order, intervals, tracks ---------------------------- */

static const struct rec *sort_recs;

static int cmp_rec(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const struct rec *x = &sort_recs[a], *y = &sort_recs[b];
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if ((x->type == REC_ENERGY) != (y->type == REC_ENERGY))
		return x->type == REC_ENERGY ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int ptrack_put(struct ptrack *p, simtime_t t, double w)
{
	if (p->pub.n && p->w[p->pub.n - 1] == w)
		return 0;
	if (p->pub.n && p->t[p->pub.n - 1] == t) {
		p->w[p->pub.n - 1] = w;
		return 0;
	}
	if (p->pub.n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		simtime_t *t2 = realloc(p->t, cap * sizeof *t2);
		if (!t2)
			return -1;
		p->t = t2;
		double *w2 = realloc(p->w, cap * sizeof *w2);
		if (!w2)
			return -1;
		p->w = w2;
		p->cap = cap;
	}
	p->t[p->pub.n] = t;
	p->w[p->pub.n++] = w;
	return 0;
}

static int strack_put(struct strack *s, simtime_t t, int64_t v, const char *label)
{
	if (s->pub.n && s->v[s->pub.n - 1] == v)
		return 0;
	if (s->pub.n && s->t[s->pub.n - 1] == t) {
		/* Two values at one instant: the last holds. */
		s->v[s->pub.n - 1] = v;
		s->l[s->pub.n - 1] = label;
		if (s->pub.n > 1 && s->v[s->pub.n - 2] == v)
			s->pub.n--;
		return 0;
	}
	if (s->pub.n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		simtime_t *t2 = realloc(s->t, cap * sizeof *t2);
		if (!t2)
			return -1;
		s->t = t2;
		int64_t *v2 = realloc(s->v, cap * sizeof *v2);
		if (!v2)
			return -1;
		s->v = v2;
		const char **l2 = realloc(s->l, cap * sizeof *l2);
		if (!l2)
			return -1;
		s->l = l2;
		s->cap = cap;
	}
	s->t[s->pub.n] = t;
	s->v[s->pub.n] = v;
	s->l[s->pub.n++] = label;
	return 0;
}

/* Close the interval [from, to): every power track's value over it. */
static int close_interval(struct timeline *tl, simtime_t from, simtime_t to, double *sum)
{
	double len = (double)(to - from) * 1e-12;
	for (size_t i = 0; i < tl->npower; i++)
		sum[i] = 0.0;
	for (size_t i = 0; i < tl->nmeters; i++) {
		struct obs_meter *m = &tl->meters[i];
		double w = m->watts + m->pending / len;
		m->pending = 0.0;
		for (int k = 0; k < 2; k++)
			if (m->track[k] >= 0)
				sum[m->track[k]] += w;
	}
	for (size_t i = 0; i < tl->npower; i++) {
		tl->power[i].pub.joules += sum[i] * len;
		if (ptrack_put(&tl->power[i], from, sum[i]))
			return -1;
	}
	return 0;
}

int timeline_finish(struct timeline *tl, simtime_t end)
{
	if (tl->finished)
		return 0;
	if (tl->soc && tl->soc->pmu && !tl->truncated)
		pmu_charge_core(tl->soc->pmu);
	tl->finished = true;
	detach(tl);
	tl->end = tl->truncated && tl->stopped < end ? tl->stopped : end;
	if (tl->end < tl->start)
		tl->end = tl->start;

	size_t *ix = malloc((tl->nrecs ? tl->nrecs : 1) * sizeof *ix);
	double *sum = calloc(tl->npower ? tl->npower : 1, sizeof *sum);
	tl->states = calloc(tl->nkeys ? tl->nkeys : 1, sizeof *tl->states);
	size_t nev = 0;
	for (size_t i = 0; i < tl->nrecs; i++)
		nev += tl->recs[i].type == REC_EVENT;
	tl->events = malloc((nev ? nev : 1) * sizeof *tl->events);
	if (!ix || !sum || !tl->states || !tl->events) {
		free(ix);
		free(sum);
		return -1;
	}
	for (size_t i = 0; i < tl->nrecs; i++)
		ix[i] = i;
	sort_recs = tl->recs;
	qsort(ix, tl->nrecs, sizeof *ix, cmp_rec);
	sort_recs = NULL;

	int rc = 0;
	simtime_t open = tl->start;
	for (size_t j = 0; j < tl->nrecs && !rc; j++) {
		const struct rec *r = &tl->recs[ix[j]];
		if (r->t > tl->end)
			break;
		if (r->type == REC_ENERGY) {
			tl->meters[r->id].pending += r->u.d;
			continue;
		}
		if (r->t > open) {
			rc = close_interval(tl, open, r->t, sum);
			open = r->t;
		}
		struct key *k = &tl->keys[r->id];
		switch (r->type) {
		case REC_POWER:
			tl->meters[r->id].watts += r->u.d;
			break;
		case REC_EVENT:
			tl->events[tl->nevents++] = (struct tl_event){ r->t, k->component, k->var,
								       r->u.v, r->label };
			break;
		case REC_STATE:
			if (k->state < 0) {
				k->state = (int)tl->nstates++;
				tl->states[k->state].pub.component = k->component;
				tl->states[k->state].pub.var = k->var;
			}
			rc = strack_put(&tl->states[k->state], r->t < tl->start ? tl->start : r->t,
					r->u.v, r->label);
			break;
		}
	}
	if (!rc && tl->end > open)
		rc = close_interval(tl, open, tl->end, sum);
	for (size_t i = 0; i < tl->npower; i++) {
		struct ptrack *p = &tl->power[i];
		if (!p->pub.n && !rc)
			rc = ptrack_put(p, tl->start, 0.0);
		p->pub.t = p->t;
		p->pub.watts = p->w;
	}
	for (size_t i = 0; i < tl->nstates; i++) {
		struct strack *s = &tl->states[i];
		s->pub.t = s->t;
		s->pub.value = s->v;
		s->pub.label = s->l;
	}
	free(ix);
	free(sum);
	/* The records are done with. */
	free(tl->recs);
	tl->recs = NULL;
	tl->nrecs = tl->caprecs = 0;
	return rc;
}

void timeline_free(struct timeline *tl)
{
	if (!tl)
		return;
	if (!tl->finished)
		detach(tl);
	free(tl->recs);
	free(tl->keys);
	free(tl->meters);
	free(tl->last_energy);
	free(tl->last_energy_cp);
	for (size_t i = 0; i < tl->npower; i++) {
		free(tl->power[i].t);
		free(tl->power[i].w);
	}
	free(tl->power);
	for (size_t i = 0; i < tl->nstates; i++) {
		free(tl->states[i].t);
		free(tl->states[i].v);
		free(tl->states[i].l);
	}
	free(tl->states);
	free(tl->events);
	free(tl);
}

uint64_t timeline_limit(const struct timeline *tl) { return tl->limit; }
bool timeline_truncated(const struct timeline *tl) { return tl->truncated; }
simtime_t timeline_stopped(const struct timeline *tl) { return tl->stopped; }
simtime_t timeline_start(const struct timeline *tl) { return tl->start; }
simtime_t timeline_end(const struct timeline *tl) { return tl->end; }

size_t timeline_npower(const struct timeline *tl) { return tl->npower; }

const struct tl_power *timeline_power(const struct timeline *tl, size_t i)
{
	return i < tl->npower ? &tl->power[i].pub : NULL;
}

size_t timeline_nstates(const struct timeline *tl) { return tl->nstates; }

const struct tl_state *timeline_state(const struct timeline *tl, size_t i)
{
	return i < tl->nstates ? &tl->states[i].pub : NULL;
}

const struct tl_state *timeline_find_state(const struct timeline *tl, const char *component,
					   const char *var)
{
	for (size_t i = 0; i < tl->nstates; i++)
		if (!strcmp(tl->states[i].pub.component, component) &&
		    !strcmp(tl->states[i].pub.var, var))
			return &tl->states[i].pub;
	return NULL;
}

size_t timeline_nevents(const struct timeline *tl) { return tl->nevents; }

const struct tl_event *timeline_event(const struct timeline *tl, size_t i)
{
	return i < tl->nevents ? &tl->events[i] : NULL;
}

/* ---- for the exports (tlformat.h) ---------------------------------------- */

/* A picosecond time as seconds ("0.001234567890"), or as microseconds
 * ("1234.567890"), exactly. */
void tl_put_seconds(FILE *f, simtime_t t)
{
	char buf[32];
	pm_report_fmt_seconds(buf, sizeof buf, t);
	fputs(buf, f);
}

void tl_put_us(FILE *f, simtime_t t)
{
	fprintf(f, "%" PRIu64 ".%06" PRIu64, t / 1000000u, t % 1000000u);
}

const char *tl_kind_name(enum tl_power_kind k)
{
	return k == TL_TOTAL ? "total" : k == TL_RAIL ? "rail" : "component";
}

int timeline_write(const struct timeline *tl, enum timeline_format fmt, FILE *f)
{
	switch (fmt) {
	case TL_FMT_VCD:
		return tl_write_vcd(tl, f);
	case TL_FMT_PERFETTO:
		return tl_write_perfetto(tl, f);
	case TL_FMT_CSV:
		return tl_write_csv(tl, f);
	}
	return -1;
}
