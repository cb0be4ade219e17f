/*
 * The workloads' figures on the host (firmware/pmfw/kernel/workload/
 * stats.c and random.c):
 *  - the generator is Linux's prandom_u32_state: the outputs of Linux's
 *    own self-test (lib/random32.c, seeded there by prandom_seed_early's
 *    LCG, checked against GSL's taus113), and prandom_seed_state's
 *    seeding;
 *  - the fixed-point logarithms against the C library's, and the draws'
 *    ranges and means;
 *  - the histogram's buckets tile the values with the documented width,
 *    and every percentile lies between the exact nearest-rank one and
 *    6.25 % above it (min, max and small values exact).
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "../../firmware/pmfw/kernel/workload/random.h"
#include "../../firmware/pmfw/kernel/workload/stats.h"
#include "../unit/check_run.h"

/* Linux's prandom_seed_early without the hardware seed: how its self-test
 * seeds the state. */
static void seed_early(struct wl_rnd_state *s, u32 seed)
{
	s->s1 = seed * 69069U;
	s->s1 += s->s1 < 2 ? 2 : 0;
	s->s2 = s->s1 * 69069U;
	s->s2 += s->s2 < 8 ? 8 : 0;
	s->s3 = s->s2 * 69069U;
	s->s3 += s->s3 < 16 ? 16 : 0;
	s->s4 = s->s3 * 69069U;
	s->s4 += s->s4 < 128 ? 128 : 0;
	for (int i = 0; i < 10; i++)
		wl_prandom_u32_state(s);
}

START_TEST(prandom_is_linux_lfsr113)
{
	/* Linux's test1: the first output after the warm-up. */
	static const u32 first[][2] = {
		{ 1, 3484351685U }, { 2, 2623130059U }, { 3, 3125133893U }, { 4, 984847254U },
	};
	for (unsigned int i = 0; i < 4; i++) {
		struct wl_rnd_state s;
		seed_early(&s, first[i][0]);
		ck_assert_uint_eq(wl_prandom_u32_state(&s), first[i][1]);
	}
	/* Some of test2: the iteration-th output (GSL's taus113). */
	static const u32 nth[][3] = {
		{ 931557656U, 959U, 2975593782U },
		{ 1339693295U, 876U, 3887776532U },
		{ 1545556285U, 961U, 1615538833U },
		{ 601730776U, 723U, 1776162651U },
	};
	for (unsigned int i = 0; i < 4; i++) {
		struct wl_rnd_state s;
		seed_early(&s, nth[i][0]);
		u32 x = 0;
		for (u32 j = 0; j < nth[i][1]; j++)
			x = wl_prandom_u32_state(&s);
		ck_assert_uint_eq(x, nth[i][2]);
	}
}
END_TEST

START_TEST(prandom_seed_state_as_linux)
{
	/* seed 5 << 32 | 7: i = 5 ^ (7 << 10) ^ 7 (the seed's low word, its
	 * high word, and the low word shifted by 10, all mod 2^32). */
	struct wl_rnd_state s, want;
	u64 seed = (5ull << 32) | 7;
	u32 i = 5u ^ (7u << 10) ^ 7u;
	wl_prandom_seed_state(&s, seed);
	want = (struct wl_rnd_state){ i, i, i, i };
	for (int n = 0; n < 10; n++)
		wl_prandom_u32_state(&want);
	ck_assert_mem_eq(&s, &want, sizeof s);
	/* Seed 0: every LFSR gets its least allowed start. */
	wl_prandom_seed_state(&s, 0);
	want = (struct wl_rnd_state){ 2, 8, 16, 128 };
	for (int n = 0; n < 10; n++)
		wl_prandom_u32_state(&want);
	ck_assert_mem_eq(&s, &want, sizeof s);
	/* The same seed, the same sequence; another seed, another. */
	struct wl_rnd_state a, b, c;
	wl_prandom_seed_state(&a, 42);
	wl_prandom_seed_state(&b, 42);
	wl_prandom_seed_state(&c, 43);
	int differ = 0;
	for (int n = 0; n < 1000; n++) {
		u32 x = wl_prandom_u32_state(&a);
		ck_assert_uint_eq(x, wl_prandom_u32_state(&b));
		differ += x != wl_prandom_u32_state(&c);
	}
	ck_assert_int_gt(differ, 990);
}
END_TEST

START_TEST(log2_and_ln_fixed_point)
{
	for (unsigned int n = 0; n <= 32; n++)
		ck_assert_uint_eq(wl_log2_q16(1ull << n), n << 16);
	struct wl_rnd_state s;
	wl_prandom_seed_state(&s, 1);
	for (int i = 0; i < 100000; i++) {
		u32 x = wl_prandom_u32_state(&s) >> (i % 32);
		double l = wl_log2_q16((u64)x + 1) / 65536.0;
		/* 16 fraction bits, each truncated: at most a few units of the
		 * last place below the true value. */
		ck_assert_double_le(l, log2((double)x + 1) + 1e-9);
		ck_assert_double_ge(l, log2((double)x + 1) - 4.0 / 65536);
		double nl = wl_neg_ln_q16(x) / 65536.0;
		double want = -log(((double)x + 1) / 4294967296.0);
		ck_assert_double_le(fabs(nl - want), 1e-4);
	}
	ck_assert_uint_eq(wl_neg_ln_q16(0xffffffffu), 0);
	/* ln 2^32 = 22.18 */
	ck_assert_uint_eq(wl_neg_ln_q16(0) >> 16, 22);
}
END_TEST

START_TEST(draws_have_their_means)
{
	struct wl_rnd_state s;
	wl_prandom_seed_state(&s, 7);
	u64 sum_exp = 0, sum_uni = 0, max_exp = 0;
	const int n = 200000;
	for (int i = 0; i < n; i++) {
		u64 e = wl_rand_exp(&s, 100000);
		u64 u = wl_rand_uniform(&s, 100000);
		ck_assert_uint_le(u, 200000);
		ck_assert_uint_le(e, 2218071); /* mean * ln 2^32 */
		sum_exp += e;
		sum_uni += u;
		if (e > max_exp)
			max_exp = e;
	}
	ck_assert_double_eq_tol((double)sum_exp / n, 100000.0, 1000.0);
	ck_assert_double_eq_tol((double)sum_uni / n, 100000.0, 1000.0);
	/* An exponential's tail: P(X > 10 mean) = e^-10, so some of
	 * 200000 draws go past 8 means. */
	ck_assert_uint_gt(max_exp, 800000);
	/* A mean of 0: always 0. */
	ck_assert_uint_eq(wl_rand_exp(&s, 0), 0);
	ck_assert_uint_eq(wl_rand_uniform(&s, 0), 0);
}
END_TEST

START_TEST(hist_buckets_tile_the_values)
{
	/* Each bucket starts right after the one before, and is at most a
	 * sixteenth of its values wide. */
	u64 lower = 0;
	for (unsigned int i = 0; i + 1 < WL_HIST_BUCKETS; i++) {
		u64 up = wl_hist_bucket_upper(i);
		ck_assert_uint_ge(up, lower);
		ck_assert_uint_eq(wl_hist_bucket(lower), i);
		ck_assert_uint_eq(wl_hist_bucket(up), i);
		ck_assert_uint_le((up - lower + 1) * 16, lower < 32 ? 16 : lower);
		lower = up + 1;
	}
	ck_assert_uint_eq(lower, 1ull << WL_HIST_MAX_BITS);
	ck_assert_uint_eq(wl_hist_bucket(lower), WL_HIST_BUCKETS - 1);
	ck_assert_uint_eq(wl_hist_bucket(~0ull), WL_HIST_BUCKETS - 1);
}
END_TEST

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;
	return x < y ? -1 : x > y;
}

START_TEST(hist_percentiles_nearest_rank)
{
	static struct wl_hist h;
	wl_hist_init(&h);
	ck_assert_uint_eq(wl_hist_percentile(&h, 50), 0);
	ck_assert_uint_eq(wl_hist_mean(&h), 0);
	/* One sample: every figure is it. */
	wl_hist_add(&h, 1234567);
	for (unsigned int p = 1; p <= 100; p++)
		ck_assert_uint_eq(wl_hist_percentile(&h, p), 1234567);
	/* Small values are exact: 1..20, p50 is the 10th, p90 the 18th. */
	wl_hist_init(&h);
	for (u64 v = 20; v >= 1; v--)
		wl_hist_add(&h, v);
	ck_assert_uint_eq(wl_hist_percentile(&h, 50), 10);
	ck_assert_uint_eq(wl_hist_percentile(&h, 90), 18);
	ck_assert_uint_eq(wl_hist_percentile(&h, 99), 20);
	ck_assert_uint_eq(h.min, 1);
	ck_assert_uint_eq(wl_hist_mean(&h), 10); /* 210 / 20 */

	/* Random latencies from 1 µs to 1 s: each percentile is at or above
	 * the exact one, and within 6.25 % of it; max and min exact. */
	enum { N = 5000 };
	static u64 v[N];
	struct wl_rnd_state s;
	wl_prandom_seed_state(&s, 3);
	wl_hist_init(&h);
	for (int i = 0; i < N; i++) {
		v[i] = 1000 + wl_rand_exp(&s, 2000000) % 1000000000;
		wl_hist_add(&h, v[i]);
	}
	qsort(v, N, sizeof v[0], cmp_u64);
	ck_assert_uint_eq(h.min, v[0]);
	ck_assert_uint_eq(h.max, v[N - 1]);
	ck_assert_uint_eq(h.count, N);
	for (unsigned int p = 1; p <= 100; p++) {
		u64 exact = v[(p * N + 99) / 100 - 1];
		u64 got = wl_hist_percentile(&h, p);
		ck_assert_uint_ge(got, exact);
		ck_assert_uint_le(got, exact + exact / 16);
	}
	ck_assert_uint_eq(wl_hist_percentile(&h, 100), v[N - 1]);
	/* Past the last bound: the figure is max. */
	wl_hist_add(&h, 100ull << WL_HIST_MAX_BITS);
	ck_assert_uint_eq(wl_hist_percentile(&h, 100), 100ull << WL_HIST_MAX_BITS);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw_workload_lib");
	TCase *tc = tcase_create("workload_lib");
	tcase_add_test(tc, prandom_is_linux_lfsr113);
	tcase_add_test(tc, prandom_seed_state_as_linux);
	tcase_add_test(tc, log2_and_ln_fixed_point);
	tcase_add_test(tc, draws_have_their_means);
	tcase_add_test(tc, hist_buckets_tile_the_values);
	tcase_add_test(tc, hist_percentiles_nearest_rank);
	suite_add_tcase(s, tc);
	return check_run(s);
}
