/*
 * The workloads' latency figures (kernel/workload/stats.c): a histogram
 * of fixed buckets, so that a run of any length costs the same memory
 * and gives the same percentiles every time.
 *
 * Values are nanoseconds. Below 32 ns each value has a bucket of its
 * own; above, every power of two is cut into 16 buckets of equal width
 * (HdrHistogram's log-linear layout with 4 bits of sub-bucket), so a
 * bucket is at most 1/16 (6.25 %) of its values wide. Values from 2^36 ns
 * (68.7 s) up share one last bucket. count, sum, min and max are exact.
 *
 * A percentile is the nearest rank's: for p % of n samples, the rank is
 * r = ceil(p * n / 100) (at least 1), and the figure is the upper bound
 * of the bucket that holds the r-th smallest sample, but never more
 * than max (the last bucket's figure is max). So it is never below the
 * exact nearest-rank percentile, and at most 6.25 % above it.
 *
 * Portable: the host's unit test builds it too (tests/pmfw/).
 */
#ifndef _KERNEL_WORKLOAD_STATS_H
#define _KERNEL_WORKLOAD_STATS_H

#include <linux/types.h>

#define WL_HIST_SUB_BITS 4
#define WL_HIST_SUB (1u << WL_HIST_SUB_BITS)
#define WL_HIST_MAX_BITS 36
/* Values below 2 * WL_HIST_SUB exactly, then WL_HIST_SUB buckets for
 * each power of two up to 2^WL_HIST_MAX_BITS, then the last. */
#define WL_HIST_BUCKETS ((WL_HIST_MAX_BITS - WL_HIST_SUB_BITS + 1) * WL_HIST_SUB + 1)

struct wl_hist {
	u64 count, sum, min, max;
	u32 bucket[WL_HIST_BUCKETS];
};

void wl_hist_init(struct wl_hist *h);
void wl_hist_add(struct wl_hist *h, u64 ns);
/* The p-th percentile (0 < p <= 100) as above; 0 with no sample. */
u64 wl_hist_percentile(const struct wl_hist *h, unsigned int p);
/* sum / count, 0 with no sample. */
u64 wl_hist_mean(const struct wl_hist *h);

/* The bucket of a value, and the largest value a bucket holds (the
 * last's: U64_MAX). For the unit test. */
unsigned int wl_hist_bucket(u64 ns);
u64 wl_hist_bucket_upper(unsigned int index);

#endif
