/*
 * The workloads' latency histogram (stats.h says the layout and the
 * percentile method).
 */
#include <linux/string.h>

#include "stats.h"

#define EXACT (2 * WL_HIST_SUB)
#define LAST (WL_HIST_BUCKETS - 1)

void wl_hist_init(struct wl_hist *h)
{
	memset(h, 0, sizeof *h);
}

unsigned int wl_hist_bucket(u64 ns)
{
	if (ns < EXACT)
		return (unsigned int)ns;
	if (ns >> WL_HIST_MAX_BITS)
		return LAST;
	unsigned int e = 63 - (unsigned int)__builtin_clzll(ns); /* 2^e <= ns < 2^(e+1) */
	unsigned int m = (unsigned int)(ns >> (e - WL_HIST_SUB_BITS)) - WL_HIST_SUB;
	return (e - WL_HIST_SUB_BITS + 1) * WL_HIST_SUB + m;
}

u64 wl_hist_bucket_upper(unsigned int index)
{
	if (index < EXACT)
		return index;
	if (index >= LAST)
		return ~0ull;
	unsigned int e = index / WL_HIST_SUB + WL_HIST_SUB_BITS - 1;
	unsigned int m = index % WL_HIST_SUB;
	return ((u64)(WL_HIST_SUB + m + 1) << (e - WL_HIST_SUB_BITS)) - 1;
}

void wl_hist_add(struct wl_hist *h, u64 ns)
{
	if (!h->count || ns < h->min)
		h->min = ns;
	if (ns > h->max)
		h->max = ns;
	h->count++;
	h->sum += ns;
	h->bucket[wl_hist_bucket(ns)]++;
}

u64 wl_hist_percentile(const struct wl_hist *h, unsigned int p)
{
	if (!h->count)
		return 0;
	u64 rank = ((u64)p * h->count + 99) / 100, seen = 0;
	if (!rank)
		rank = 1;
	for (unsigned int i = 0; i < WL_HIST_BUCKETS; i++) {
		seen += h->bucket[i];
		if (seen >= rank) {
			u64 up = wl_hist_bucket_upper(i);
			return up < h->max ? up : h->max;
		}
	}
	return h->max;
}

u64 wl_hist_mean(const struct wl_hist *h)
{
	return h->count ? h->sum / h->count : 0;
}
