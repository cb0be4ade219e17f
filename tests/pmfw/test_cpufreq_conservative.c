/*
 * The conservative governor's decisions (firmware/pmfw/drivers/cpufreq/
 * governor_calc.c: cs_dbs_update) on the host, on the default SoC's
 * table: 25, 50, 100, 200 MHz (max 200 MHz, boost off). Tunables as
 * pmfw's defaults: up_threshold 80, down_threshold 20, freq_step 5,
 * sampling_down_factor 1, sampling_rate 8000 µs.
 *
 * A step is freq_step % of policy->max: 5 × 200000 / 100 = 10000 kHz.
 * requested_freq moves by steps; up it is set with RELATION_H (the
 * highest table frequency at or below it), down with RELATION_L (the
 * lowest at or above), so the CPU moves only when the steps cross a
 * table frequency.
 */
#include <check.h>

#include "../../firmware/pmfw/drivers/cpufreq/governor_calc.h"
#include "../unit/check_run.h"
#include "host_cpufreq.h"

static struct dbs_tunables t;
static struct cs_state s;

static void setup(void)
{
	host_cpufreq_setup(HOST_CPUFREQ_DEFAULT);
	t = (struct dbs_tunables){ .sampling_rate = 8000, .sampling_down_factor = 1,
				   .up_threshold = 80, .down_threshold = 20, .freq_step = 5 };
	/* cs_start: from the present frequency. */
	s = (struct cs_state){ .requested_freq = host_policy.cur };
}

/* From requested_freq and cur given (a state the steps reached). */
static void start_at(unsigned int requested, unsigned int cur)
{
	setup();
	s.requested_freq = requested;
	host_policy.cur = cur;
}

static void sample(unsigned int load, unsigned int idle_periods, unsigned int want_requested,
		   unsigned int want_khz)
{
	ck_assert_uint_eq(cs_dbs_update(&host_policy, &t, &s, load, idle_periods), 8000);
	ck_assert_uint_eq(s.requested_freq, want_requested);
	ck_assert_uint_eq(host_policy.cur, want_khz);
}

/* A sample: the load, the idle periods before it (UINT_MAX: none), then
 * requested_freq and the frequency after it. */
struct step {
	unsigned int load, idle_periods, requested, khz;
};

/* A sample after which nothing was asked of the driver. */
static void no_call(unsigned int load, unsigned int requested, unsigned int khz)
{
	unsigned int calls = host_target_calls();
	sample(load, UINT_MAX, requested, khz);
	ck_assert_uint_eq(host_target_calls(), calls);
}

static void steps(const struct step *st, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sample(st[i].load, st[i].idle_periods, st[i].requested, st[i].khz);
}

START_TEST(steps_up_and_down)
{
	/* Up from 25000: 35000 and 45000 (RELATION_H: still 25000), 55000
	 * to 95000 (50000), 105000 (100000). */
	static const struct step up[] = {
		{ 90, UINT_MAX, 35000, 25000 },  { 90, UINT_MAX, 45000, 25000 },
		{ 90, UINT_MAX, 55000, 50000 },  { 90, UINT_MAX, 65000, 50000 },
		{ 90, UINT_MAX, 75000, 50000 },  { 90, UINT_MAX, 85000, 50000 },
		{ 90, UINT_MAX, 95000, 50000 },  { 90, UINT_MAX, 105000, 100000 },
	};
	/* Down: 95000 to 55000 (RELATION_L: 100000), 45000 (50000). */
	static const struct step down[] = {
		{ 10, UINT_MAX, 95000, 100000 }, { 10, UINT_MAX, 85000, 100000 },
		{ 10, UINT_MAX, 75000, 100000 }, { 10, UINT_MAX, 65000, 100000 },
		{ 10, UINT_MAX, 55000, 100000 }, { 10, UINT_MAX, 45000, 50000 },
	};
	setup();
	steps(up, ARRAY_SIZE(up));
	ck_assert_uint_eq(host_last_target()->relation, CPUFREQ_RELATION_HE);
	/* Between the thresholds: nothing. */
	no_call(50, 105000, 100000);
	steps(down, ARRAY_SIZE(down));
	ck_assert_uint_eq(host_last_target()->relation, CPUFREQ_RELATION_LE);
	/* 80 is not above 80, 20 not below 20: nothing. */
	no_call(80, 45000, 50000);
	no_call(20, 45000, 50000);
}
END_TEST

START_TEST(top_and_bottom)
{
	start_at(195000, 100000);
	/* 205000 is capped at max. */
	sample(100, UINT_MAX, 200000, 200000);
	/* At max: no further call. */
	no_call(100, 200000, 200000);
	/* At min: no call down. */
	setup();
	no_call(0, 25000, 25000);
}
END_TEST

START_TEST(idle_periods_step_down)
{
	start_at(105000, 100000);
	/* 3 idle periods: 105000 - 3 × 10000 = 75000 (above min + 30000),
	 * then below down_threshold one more step: 65000 -> L 100000. */
	sample(0, 3, 65000, 100000);
	/* 4 periods from 65000: not above min + 40000 = 65000: min, 25000;
	 * then at min: no call, and requested_freq keeps its last set value
	 * (the idle steps are not stored), as Linux. */
	unsigned int calls = host_target_calls();
	sample(0, 4, 65000, 100000);
	ck_assert_uint_eq(host_target_calls(), calls);
	/* Without idle periods: 55000 -> 100000, then 45000 -> 50000. */
	sample(0, UINT_MAX, 55000, 100000);
	sample(0, UINT_MAX, 45000, 50000);
}
END_TEST

START_TEST(sampling_down_factor_and_limits)
{
	start_at(105000, 100000);
	t.sampling_down_factor = 2;
	/* Down only at every second sample. */
	sample(0, UINT_MAX, 105000, 100000);
	sample(0, UINT_MAX, 95000, 100000);
	sample(0, UINT_MAX, 95000, 100000);
	sample(0, UINT_MAX, 85000, 100000);
	/* A load above up_threshold restarts the count, and steps up to
	 * 95000, whose RELATION_H is 50000: up in steps can lower the
	 * frequency, as in Linux, when requested_freq lies between table
	 * frequencies below cur. */
	sample(90, UINT_MAX, 95000, 50000);
	sample(0, UINT_MAX, 95000, 50000);
	/* And down in steps can raise it: 85000's RELATION_L is 100000. */
	sample(0, UINT_MAX, 85000, 100000);
	/* The user's max falls to 50000 (the limits resolved): requested
	 * 85000 is out of range, so it restarts from cur (50000 after the
	 * core applied the limit); a step of 5 % of the new max, 2500. */
	host_cpufreq_limits(25000, 50000);
	host_policy.cur = 50000;
	t.sampling_down_factor = 1;
	sample(90, UINT_MAX, 50000, 50000);
	sample(10, UINT_MAX, 47500, 50000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw cpufreq conservative");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, steps_up_and_down);
	tcase_add_test(tc, top_and_bottom);
	tcase_add_test(tc, idle_periods_step_down);
	tcase_add_test(tc, sampling_down_factor_and_limits);
	suite_add_tcase(s, tc);
	return check_run(s);
}
