/*
 * The ondemand governor's decisions (firmware/pmfw/drivers/cpufreq/
 * governor_calc.c: od_dbs_update, generic powersave bias, dbs load) on
 * the host, on the default SoC's table: 25, 50, 100, 200 MHz (cpuinfo
 * 25..200 MHz; 400 MHz is boost, off). Tunables as pmfw's defaults:
 * sampling_rate 8000 µs (two jiffies at HZ=250), up_threshold 95 (µs
 * idle accounting), sampling_down_factor 1, powersave_bias 0.
 *
 * Below up_threshold ondemand asks for
 *   freq_next = min + load × (max - min) / 100 = 25000 + load × 1750 kHz
 * with CPUFREQ_RELATION_C (the closest table frequency).
 */
#include <check.h>

#include "../../firmware/pmfw/drivers/cpufreq/governor_calc.h"
#include "../unit/check_run.h"
#include "host_cpufreq.h"

static struct dbs_tunables t;
static struct od_state s;

static void setup(void)
{
	host_cpufreq_setup(HOST_CPUFREQ_DEFAULT);
	t = (struct dbs_tunables){ .sampling_rate = 8000, .sampling_down_factor = 1,
				   .up_threshold = MICRO_FREQUENCY_UP_THRESHOLD };
	s = (struct od_state){ .rate_mult = 1 };
}

/* One sample with `load`: the frequency after it and the delay. */
static void sample(unsigned int load, unsigned int want_khz, unsigned int want_delay_us)
{
	ck_assert(od_sample_needs_load(&s));
	unsigned int delay = od_dbs_update(&host_policy, &t, &s, load);
	ck_assert_uint_eq(host_policy.cur, want_khz);
	ck_assert_uint_eq(delay, want_delay_us);
}

START_TEST(load_maps_to_frequency)
{
	/* A load, the target asked (kHz) and the frequency set. */
	static const struct {
		unsigned int load, target, khz;
	} seq[] = {
		/* 50: 25000 + 87500 = 112500, closest 100000 (12500 against 87500). */
		{ 50, 112500, 100000 },
		/* 10: 25000 + 17500 = 42500, closest 50000 (7500 against 17500). */
		{ 10, 42500, 50000 },
		{ 0, 25000, 25000 },
		/* 95 is not above 95: 25000 + 166250 = 191250, closest 200000. */
		{ 95, 191250, 200000 },
		/* 29: 75750: 25750 from 50000, 24250 from 100000. */
		{ 29, 75750, 100000 },
		/* 28: 74000: 24000 from 50000, 26000 from 100000. */
		{ 28, 74000, 50000 },
	};
	setup();
	/* 100 > 95: straight to max, 200 MHz. */
	sample(100, 200000, 8000);
	ck_assert_uint_eq(host_last_target()->relation, CPUFREQ_RELATION_HE);
	for (size_t i = 0; i < ARRAY_SIZE(seq); i++) {
		sample(seq[i].load, seq[i].khz, 8000);
		ck_assert_uint_eq(host_last_target()->target, seq[i].target);
		ck_assert_uint_eq(host_last_target()->relation, CPUFREQ_RELATION_CE);
	}
}
END_TEST

START_TEST(sampling_down_factor_holds_max)
{
	setup();
	t.sampling_down_factor = 4;
	/* Up from 25 MHz: rate_mult 4, the next sample 4 periods away. */
	sample(96, 200000, 32000);
	ck_assert_uint_eq(host_target_calls(), 1);
	/* Already at max: no call, the hold stays (rate_mult is only set
	 * when cur < max). */
	sample(99, 200000, 32000);
	ck_assert_uint_eq(host_target_calls(), 1);
	/* Load falls: back to one period; 25000 + 35000 = 60000 -> 50000. */
	sample(20, 50000, 8000);
}
END_TEST

START_TEST(powersave_bias_alternates)
{
	setup();
	t.powersave_bias = 100; /* 10 % */
	/*
	 * Load 50: freq_next 112500; the bias target: RELATION_L of 112500
	 * is 200000; less 10 % is freq_avg 180000, between freq_lo 100000
	 * and freq_hi 200000. Time at hi in the 8000 µs period:
	 * ((180000 - 100000) × 8000 + (200000 - 100000) / 2) / 100000
	 * = 640050000 / 100000 = 6400 µs; at lo 1600 µs.
	 */
	sample(50, 200000, 6400);
	ck_assert_uint_eq(s.freq_lo, 100000);
	ck_assert_uint_eq(s.freq_lo_delay_us, 1600);
	/* The sub-sample: freq_lo with RELATION_H, no load needed. */
	ck_assert(!od_sample_needs_load(&s));
	ck_assert_uint_eq(od_dbs_update(&host_policy, &t, &s, 0), 1600);
	ck_assert_uint_eq(host_policy.cur, 100000);
	ck_assert_uint_eq(host_last_target()->relation, CPUFREQ_RELATION_H);
	/* Above up_threshold, the same split around max: avg 180000. */
	sample(100, 200000, 6400);
	ck_assert_uint_eq(host_last_target()->relation, CPUFREQ_RELATION_LE);
	ck_assert_uint_eq(od_dbs_update(&host_policy, &t, &s, 0), 1600);
	ck_assert_uint_eq(host_policy.cur, 100000);
	/*
	 * Load 0: freq_next 25000, L -> 25000, avg 25000 - 2500 = 22500:
	 * H and L of it are both 25000 (nothing below): no split.
	 */
	sample(0, 25000, 8000);
	ck_assert_uint_eq(s.freq_lo, 0);
	/* 1000 ‰: avg 0 for any target: 25000 both ways, no split. */
	t.powersave_bias = 1000;
	sample(80, 25000, 8000);
}
END_TEST

START_TEST(load_from_idle_time)
{
	struct cpu_dbs_info j = { .prev_cpu_idle = 1000, .prev_update_time = 10000 };
	unsigned int idle_periods;
	/* 8000 µs elapsed, 2000 idle: 100 × 6000 / 8000 = 75. */
	ck_assert_uint_eq(dbs_calc_load(&j, 3000, 18000, 8000, &idle_periods), 75);
	ck_assert_uint_eq(idle_periods, UINT_MAX);
	/* All idle: 0. */
	ck_assert_uint_eq(dbs_calc_load(&j, 11000, 26000, 8000, &idle_periods), 0);
	/* No time elapsed: the previous load (0). */
	ck_assert_uint_eq(dbs_calc_load(&j, 11000, 26000, 8000, &idle_periods), 0);
	/* Busy: 100. */
	ck_assert_uint_eq(dbs_calc_load(&j, 11000, 34000, 8000, &idle_periods), 100);
	/*
	 * A deferred sample after 100 ms, of which 99 ms idle (> 2 periods)
	 * while the previous load was 100: that load once (prev_load then 0)
	 * and 99000 / 8000 = 12 idle periods.
	 */
	ck_assert_uint_eq(dbs_calc_load(&j, 110000, 134000, 8000, &idle_periods), 100);
	ck_assert_uint_eq(idle_periods, 12);
	ck_assert_uint_eq(j.prev_load, 0);
	/* The same again: now computed, 100 × 1000 / 100000 = 1. */
	ck_assert_uint_eq(dbs_calc_load(&j, 209000, 234000, 8000, &idle_periods), 1);
	ck_assert_uint_eq(idle_periods, 12);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw cpufreq ondemand");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, load_maps_to_frequency);
	tcase_add_test(tc, sampling_down_factor_holds_max);
	tcase_add_test(tc, powersave_bias_alternates);
	tcase_add_test(tc, load_from_idle_time);
	suite_add_tcase(s, tc);
	return check_run(s);
}
