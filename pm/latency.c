/*
 * Latency series (latency.h, docs/report.md "Latency").
 *
 * A series keeps its samples in a growing array up to LAT_SAMPLES_MAX
 * (8 MB), and beside it the figures that need no samples: count, min,
 * max, the sum (128 bits: a million samples of an hour each overflow 64)
 * and a histogram over the whole ladder. So only the percentiles are
 * limited to the first LAT_SAMPLES_MAX samples; the report says so.
 *
 * Definitions, all on integer picoseconds, so a report depends on the
 * samples alone:
 *  - percentile p (50, 90, 99): nearest rank, the sample of rank
 *    ceil(p × n / 100) (1-based) among the n kept samples in ascending
 *    order;
 *  - mean: the exact sum divided by the count, as a double;
 *  - histogram: the ladder 0, 1 ns, 2 ns, 5 ns, 10 ns, 20 ns, ... (1-2-5
 *    in every decade up to 10^19 ps); bin i holds [edge i, edge i + 1),
 *    the top ladder bin [10^19 ps, 2^64 - 1 ps] closed. The report's bins
 *    run from the one holding min to the one holding max (at most 50 of
 *    the ladder's, so within PM_LAT_BINS_MAX).
 *
 * Nothing here reads the host: samples come from simulated time, names
 * from the models.
 */
#include "pm/latency.h"

#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 lat_u128;

/* The ladder's lower edges: 0, then 1-2-5 from 1 ns to 10^19 ps. */
#define LAT_LADDER 50u

struct lat_series {
	enum lat_kind kind;
	char *name;
	uint64_t count;
	simtime_t min, max;
	lat_u128 sum;
	simtime_t *samples;    /* the first min(count, LAT_SAMPLES_MAX) */
	uint32_t nsamples, cap;
	uint64_t bins[LAT_LADDER];
};

struct lat_set {
	struct lat_series **series;
	unsigned n, cap;
	struct pm_report_latency *rep; /* lat_report's storage */
};

static const char *const lat_kind_names[LAT_NKINDS] = {
	[LAT_IRQ] = "irq", [LAT_WAKEUP] = "wakeup", [LAT_DVFS] = "dvfs",
	[LAT_DMA] = "dma", [LAT_MARKER] = "marker",
};

const char *lat_kind_name(enum lat_kind kind)
{
	return (unsigned)kind < LAT_NKINDS ? lat_kind_names[kind] : "?";
}

/* Lower edge of ladder bin i (i < LAT_LADDER), and the upper edge of the
 * last one. */
static simtime_t lat_edge(unsigned i)
{
	static const simtime_t step[3] = { 1, 2, 5 };
	if (i == 0)
		return 0;
	if (i >= LAT_LADDER)
		return SIMTIME_NEVER;
	simtime_t decade = PS_PER_NS;
	for (unsigned k = (i - 1) / 3; k > 0; k--)
		decade *= 10;
	return step[(i - 1) % 3] * decade;
}

/* The ladder bin holding `t`. */
static unsigned lat_bin(simtime_t t)
{
	unsigned i = 0;
	while (i + 1 < LAT_LADDER && t >= lat_edge(i + 1))
		i++;
	return i;
}

struct lat_set *lat_new(void)
{
	return calloc(1, sizeof(struct lat_set));
}

void lat_free(struct lat_set *s)
{
	if (!s)
		return;
	for (unsigned i = 0; i < s->n; i++) {
		free(s->series[i]->name);
		free(s->series[i]->samples);
		free(s->series[i]);
	}
	free(s->series);
	free(s->rep);
	free(s);
}

struct lat_series *lat_series(struct lat_set *s, enum lat_kind kind, const char *name)
{
	if (!s || (unsigned)kind >= LAT_NKINDS)
		return NULL;
	for (unsigned i = 0; i < s->n; i++)
		if (s->series[i]->kind == kind && !strcmp(s->series[i]->name, name))
			return s->series[i];
	if (s->n == s->cap) {
		unsigned cap = s->cap ? 2 * s->cap : 16;
		struct lat_series **a = realloc(s->series, cap * sizeof *a);
		if (!a)
			return NULL;
		s->series = a;
		s->cap = cap;
	}
	struct lat_series *ls = calloc(1, sizeof *ls);
	char *copy = strdup(name);
	if (!ls || !copy) {
		free(ls);
		free(copy);
		return NULL;
	}
	ls->kind = kind;
	ls->name = copy;
	s->series[s->n++] = ls;
	return ls;
}

void lat_sample(struct lat_series *ls, simtime_t t)
{
	if (!ls)
		return;
	if (!ls->count || t < ls->min)
		ls->min = t;
	if (!ls->count || t > ls->max)
		ls->max = t;
	ls->count++;
	ls->sum += t;
	ls->bins[lat_bin(t)]++;
	if (ls->nsamples == LAT_SAMPLES_MAX)
		return;
	if (ls->nsamples == ls->cap) {
		uint32_t cap = ls->cap ? 2 * ls->cap : 64;
		if (cap > LAT_SAMPLES_MAX)
			cap = LAT_SAMPLES_MAX;
		simtime_t *a = realloc(ls->samples, cap * sizeof *a);
		/* Out of memory: the percentiles are over what was kept,
		 * and the report says how many that is. */
		if (!a)
			return;
		ls->samples = a;
		ls->cap = cap;
	}
	ls->samples[ls->nsamples++] = t;
}

void lat_add(struct lat_set *s, enum lat_kind kind, const char *name, simtime_t t)
{
	lat_sample(lat_series(s, kind, name), t);
}

static int lat_cmp_time(const void *pa, const void *pb)
{
	simtime_t a = *(const simtime_t *)pa, b = *(const simtime_t *)pb;
	return (a > b) - (a < b);
}

static int lat_cmp_series(const void *pa, const void *pb)
{
	const struct lat_series *a = *(struct lat_series *const *)pa;
	const struct lat_series *b = *(struct lat_series *const *)pb;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Nearest rank: the sample of rank ceil(p n / 100) of the n sorted. */
static simtime_t lat_percentile(const simtime_t *sorted, uint32_t n, unsigned p)
{
	if (!n)
		return 0;
	uint64_t rank = ((uint64_t)p * n + 99) / 100;
	if (rank < 1)
		rank = 1;
	return sorted[rank - 1];
}

int lat_report(struct lat_set *s, struct pm_report *r)
{
	r->latencies = NULL;
	r->nlatencies = 0;
	if (!s || !s->n)
		return 0;
	struct pm_report_latency *rep = realloc(s->rep, s->n * sizeof *rep);
	if (!rep)
		return -1;
	s->rep = rep;
	/* Sorting the series and each one's kept samples changes nothing a
	 * later sample or report depends on. */
	qsort(s->series, s->n, sizeof *s->series, lat_cmp_series);
	unsigned k = 0;
	for (unsigned i = 0; i < s->n; i++) {
		struct lat_series *ls = s->series[i];
		if (!ls->count)
			continue;
		qsort(ls->samples, ls->nsamples, sizeof *ls->samples, lat_cmp_time);
		struct pm_report_latency *l = &rep[k++];
		memset(l, 0, sizeof *l);
		l->kind = lat_kind_name(ls->kind);
		l->name = ls->name;
		l->count = ls->count;
		l->min = ls->min;
		l->max = ls->max;
		l->mean = (double)ls->sum / (double)ls->count;
		l->sampled = ls->nsamples;
		l->p50 = lat_percentile(ls->samples, ls->nsamples, 50);
		l->p90 = lat_percentile(ls->samples, ls->nsamples, 90);
		l->p99 = lat_percentile(ls->samples, ls->nsamples, 99);
		unsigned lo = lat_bin(ls->min), hi = lat_bin(ls->max);
		l->nbins = hi - lo + 1;
		for (unsigned b = 0; b < l->nbins; b++) {
			l->edges[b] = lat_edge(lo + b);
			l->counts[b] = ls->bins[lo + b];
		}
		l->edges[l->nbins] = lat_edge(hi + 1);
	}
	r->latencies = rep;
	r->nlatencies = k;
	return 0;
}
