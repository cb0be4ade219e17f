/*
 * Latency series (pm/latency.c, docs/report.md "Latency"): nearest-rank
 * percentiles, the 1-2-5 histogram ladder and its bounds, the sample cap,
 * the report's order, and how the writers print a series.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm/latency.h"
#include "pm/report.h"
#include "check_run.h"

#define NS PS_PER_NS
#define US PS_PER_US

/* The report of `s`, which must hold exactly `n` series. */
static struct pm_report report_of(struct lat_set *s, unsigned n)
{
	struct pm_report r;
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(lat_report(s, &r), 0);
	ck_assert_uint_eq(r.nlatencies, n);
	return r;
}

START_TEST(percentiles_nearest_rank)
{
	struct lat_set *s = lat_new();
	/* 1..100 µs in a shuffled order: rank ceil(p n / 100) of the sorted. */
	for (unsigned i = 0; i < 100; i++)
		lat_add(s, LAT_IRQ, "irq 3", (simtime_t)((i * 37) % 100 + 1) * US);
	struct pm_report r = report_of(s, 1);
	const struct pm_report_latency *l = &r.latencies[0];
	ck_assert_str_eq(l->kind, "irq");
	ck_assert_str_eq(l->name, "irq 3");
	ck_assert_uint_eq(l->count, 100);
	ck_assert_uint_eq(l->sampled, 100);
	ck_assert_uint_eq(l->min, 1 * US);
	ck_assert_uint_eq(l->max, 100 * US);
	ck_assert_uint_eq(l->p50, 50 * US);
	ck_assert_uint_eq(l->p90, 90 * US);
	ck_assert_uint_eq(l->p99, 99 * US);
	ck_assert_double_eq(l->mean, 50.5 * (double)US);

	/* Three samples: ranks ceil(1.5) = 2, ceil(2.7) = 3, ceil(2.97) = 3. */
	lat_add(s, LAT_DMA, "d", 7 * NS);
	lat_add(s, LAT_DMA, "d", 3 * NS);
	lat_add(s, LAT_DMA, "d", 5 * NS);
	r = report_of(s, 2);
	l = &r.latencies[1];
	ck_assert_uint_eq(l->p50, 5 * NS);
	ck_assert_uint_eq(l->p90, 7 * NS);
	ck_assert_uint_eq(l->p99, 7 * NS);
	/* One sample: every figure is that sample. */
	lat_add(s, LAT_MARKER, "one", 1234567);
	r = report_of(s, 3);
	l = &r.latencies[2];
	ck_assert_uint_eq(l->min, 1234567);
	ck_assert_uint_eq(l->p50, 1234567);
	ck_assert_uint_eq(l->p99, 1234567);
	ck_assert_uint_eq(l->max, 1234567);
	lat_free(s);
}
END_TEST

START_TEST(histogram_ladder)
{
	struct lat_set *s = lat_new();
	/* 3 ns .. 40 µs: bins from [2 ns, 5 ns) to [20 µs, 50 µs). */
	lat_add(s, LAT_WAKEUP, "w", 3 * NS);
	lat_add(s, LAT_WAKEUP, "w", 5 * NS);     /* a lower edge: the bin above */
	lat_add(s, LAT_WAKEUP, "w", 9999);       /* 9.999 ns: [5 ns, 10 ns) */
	lat_add(s, LAT_WAKEUP, "w", 40 * US);
	struct pm_report r = report_of(s, 1);
	const struct pm_report_latency *l = &r.latencies[0];
	static const simtime_t edges[] = {
		2 * NS, 5 * NS, 10 * NS, 20 * NS, 50 * NS, 100 * NS, 200 * NS, 500 * NS,
		1 * US, 2 * US, 5 * US, 10 * US, 20 * US, 50 * US,
	};
	unsigned n = sizeof edges / sizeof edges[0];
	ck_assert_uint_eq(l->nbins, n - 1);
	for (unsigned i = 0; i < n; i++)
		ck_assert_uint_eq(l->edges[i], edges[i]);
	ck_assert_uint_eq(l->counts[0], 1);
	ck_assert_uint_eq(l->counts[1], 2);
	for (unsigned i = 2; i < n - 2; i++)
		ck_assert_uint_eq(l->counts[i], 0);
	ck_assert_uint_eq(l->counts[n - 2], 1);

	/* Below 1 ns: the ladder's bottom bin, [0, 1 ns). Exactly 1 s: the
	 * bin [1 s, 2 s). */
	lat_add(s, LAT_IRQ, "z", 0);
	lat_add(s, LAT_IRQ, "z", 999);
	lat_add(s, LAT_IRQ, "s", PS_PER_S);
	r = report_of(s, 3);
	l = &r.latencies[0]; /* irq "s", sorted by name */
	ck_assert_str_eq(l->name, "s");
	ck_assert_uint_eq(l->nbins, 1);
	ck_assert_uint_eq(l->edges[0], PS_PER_S);
	ck_assert_uint_eq(l->edges[1], 2 * PS_PER_S);
	l = &r.latencies[1];
	ck_assert_str_eq(l->name, "z");
	ck_assert_uint_eq(l->nbins, 1);
	ck_assert_uint_eq(l->edges[0], 0);
	ck_assert_uint_eq(l->edges[1], NS);
	ck_assert_uint_eq(l->counts[0], 2);

	/* The whole ladder fits the report's bins: 0 to the top bin. */
	lat_add(s, LAT_DVFS, "wide", 0);
	lat_add(s, LAT_DVFS, "wide", UINT64_MAX);
	r = report_of(s, 4);
	l = &r.latencies[3];
	ck_assert_uint_le(l->nbins, PM_LAT_BINS_MAX);
	ck_assert_uint_eq(l->nbins, 50);
	ck_assert_uint_eq(l->edges[49], 10000000000000000000ull);
	ck_assert_uint_eq(l->edges[50], UINT64_MAX);
	ck_assert_uint_eq(l->counts[0], 1);
	ck_assert_uint_eq(l->counts[49], 1);
	lat_free(s);
}
END_TEST

START_TEST(cap_keeps_exact_figures)
{
	struct lat_set *s = lat_new();
	struct lat_series *ls = lat_series(s, LAT_MARKER, "many");
	ck_assert_ptr_eq(ls, lat_series(s, LAT_MARKER, "many"));
	/* LAT_SAMPLES_MAX samples of 10 ns, then as many of 1 ms and one of
	 * 1 ns: the percentiles see only the 10 ns ones, the rest sees all. */
	for (uint32_t i = 0; i < LAT_SAMPLES_MAX; i++)
		lat_sample(ls, 10 * NS);
	for (uint32_t i = 0; i < LAT_SAMPLES_MAX; i++)
		lat_sample(ls, PS_PER_MS);
	lat_sample(ls, NS);
	struct pm_report r = report_of(s, 1);
	const struct pm_report_latency *l = &r.latencies[0];
	ck_assert_uint_eq(l->count, 2ull * LAT_SAMPLES_MAX + 1);
	ck_assert_uint_eq(l->sampled, LAT_SAMPLES_MAX);
	ck_assert_uint_eq(l->min, NS);
	ck_assert_uint_eq(l->max, PS_PER_MS);
	ck_assert_uint_eq(l->p50, 10 * NS);
	ck_assert_uint_eq(l->p99, 10 * NS);
	double mean = ((double)LAT_SAMPLES_MAX * (10 * NS + PS_PER_MS) + NS) /
		      (2.0 * LAT_SAMPLES_MAX + 1);
	ck_assert_double_eq_tol(l->mean, mean, 1e-3);
	ck_assert_uint_eq(l->counts[0], 1);                  /* [1 ns, 2 ns) */
	ck_assert_uint_eq(l->counts[3], LAT_SAMPLES_MAX);    /* [10 ns, 20 ns) */
	ck_assert_uint_eq(l->counts[l->nbins - 1], LAT_SAMPLES_MAX); /* [1 ms, 2 ms) */

	/* The text says what the percentiles are over. */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	pm_report_text(f, &r, PM_REPORT_NO_HOST);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "(percentiles over the first 1000000 samples)"));
	free(buf);
	lat_free(s);
}
END_TEST

START_TEST(order_kind_then_name)
{
	struct lat_set *s = lat_new();
	lat_add(s, LAT_MARKER, "a", 1);
	lat_add(s, LAT_DMA, "dma@40030000 ch1", 1);
	lat_add(s, LAT_DVFS, "200 MHz", 1);
	lat_add(s, LAT_WAKEUP, "retention", 1);
	lat_add(s, LAT_WAKEUP, "power-off", 1);
	lat_add(s, LAT_IRQ, "uart@40001000 (irq 5)", 1);
	lat_add(s, LAT_DMA, "dma@40030000 ch0", 1);
	lat_add(NULL, LAT_IRQ, "ignored", 1);
	lat_sample(NULL, 1);
	struct pm_report r = report_of(s, 7);
	static const char *const want[][2] = {
		{ "irq", "uart@40001000 (irq 5)" }, { "wakeup", "power-off" },
		{ "wakeup", "retention" },           { "dvfs", "200 MHz" },
		{ "dma", "dma@40030000 ch0" },       { "dma", "dma@40030000 ch1" },
		{ "marker", "a" },
	};
	for (unsigned i = 0; i < 7; i++) {
		ck_assert_str_eq(r.latencies[i].kind, want[i][0]);
		ck_assert_str_eq(r.latencies[i].name, want[i][1]);
	}
	lat_free(s);
	/* No set, or no series: no latency at all. */
	struct pm_report e;
	memset(&e, 0, sizeof e);
	ck_assert_int_eq(lat_report(NULL, &e), 0);
	ck_assert_uint_eq(e.nlatencies, 0);
}
END_TEST

START_TEST(writers)
{
	struct lat_set *s = lat_new();
	lat_add(s, LAT_WAKEUP, "retention", 40 * US);
	lat_add(s, LAT_WAKEUP, "retention", 40 * US + 60 * NS);
	struct pm_report r = report_of(s, 1);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(pm_report_json(f, &r, PM_REPORT_NO_HOST), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf,
		"  \"latency\": [\n"
		"    {\n"
		"      \"kind\": \"wakeup\",\n"
		"      \"name\": \"retention\",\n"
		"      \"count\": 2,\n"
		"      \"sampled\": 2,\n"
		"      \"min_s\": 0.000040000000,\n"
		"      \"mean_s\": 0.000040030000,\n"
		"      \"p50_s\": 0.000040000000,\n"
		"      \"p90_s\": 0.000040060000,\n"
		"      \"p99_s\": 0.000040060000,\n"
		"      \"max_s\": 0.000040060000,\n"
		"      \"histogram\": {\n"
		"        \"edges_s\": [0.000020000000, 0.000050000000],\n"
		"        \"counts\": [2]\n"
		"      }\n"
		"    }\n"
		"  ],\n"));
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	pm_report_text(f, &r, PM_REPORT_NO_HOST);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "Latency (1 series)\n"));
	ck_assert_ptr_nonnull(strstr(buf, "  wakeup retention"));
	ck_assert_ptr_nonnull(strstr(buf, "40.000 \u00b5s"));
	ck_assert_ptr_nonnull(strstr(buf, "40.030 \u00b5s"));
	ck_assert_ptr_nonnull(strstr(buf, "40.060 \u00b5s\n"));
	free(buf);
	lat_free(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("latency");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, percentiles_nearest_rank);
	tcase_add_test(tc, histogram_ladder);
	tcase_add_test(tc, cap_keeps_exact_figures);
	tcase_add_test(tc, order_kind_then_name);
	tcase_add_test(tc, writers);
	suite_add_tcase(s, tc);
	return check_run(s);
}
