/*
 * schedutil on the host: the utilization signal (firmware/pmfw/kernel/
 * sched/pelt.c) and the governor's decisions (firmware/pmfw/drivers/
 * cpufreq/governor_calc.c: sugov_calc_update), on the default SoC's
 * table (25, 50, 100, 200 MHz; cpuinfo max 200 MHz, boost off) and the
 * MCU's (16, 48, 80 MHz).
 *
 * PELT: time in units of 1024 ns, periods of 1024 units, y^32 = 1/2.
 * util_avg = util_sum / (LOAD_AVG_MAX - 1024 + period_contrib), where a
 * CPU running all the time at the maximum frequency has util_sum =
 * 1024 × 1024 × (y + y² + ...) = (LOAD_AVG_MAX - 1024) × 1024 at a period
 * boundary: util_avg 1024.
 *
 * schedutil: next = cpuinfo.max × min(util × 1.25, 1024) / 1024, the
 * lowest table frequency at or above it within the limits, at most once
 * per rate_limit_us (2000 µs here) unless the limits changed, and not
 * lowered while the CPU has not idled since the last update.
 */
#include <check.h>

#include <linux/sched/cpufreq.h>

#include "../../firmware/pmfw/drivers/cpufreq/governor_calc.h"
#include "../../firmware/pmfw/kernel/sched/pelt.h"
#include "../unit/check_run.h"
#include "host_cpufreq.h"

#define MS 1000000ULL

/* Run (or idle) `periods` whole periods at freq_scale from sa's time. */
static void pelt_for(struct sched_avg *sa, unsigned int periods, bool running,
		     unsigned long scale)
{
	for (unsigned int i = 0; i < periods; i++)
		___update_load_avg(sa, sa->last_update_time + PELT_PERIOD, running, scale);
}

START_TEST(pelt_rises_and_decays)
{
	struct sched_avg sa = { 0 };
	/*
	 * One period running from nothing: the period ends, so it counts
	 * decayed once: decay_load(1024, 1) = 1024 × 0.97857 = 1002; the
	 * full periods between (none): LOAD_AVG_MAX - decay(LOAD_AVG_MAX, 1)
	 * - 1024 = 47742 - 46718 - 1024 = 0. util_sum = 1002 × 1024,
	 * util_avg = 1026048 / 46718 = 21.
	 */
	pelt_for(&sa, 1, true, SCHED_CAPACITY_SCALE);
	ck_assert_uint_eq(sa.util_sum, 1002 * 1024);
	ck_assert_uint_eq(sa.util_avg, 21);
	/* 32 periods running from nothing: 1024 × (y + ... + y^32) =
	 * 1024 × y × (1 - 1/2) / (1 - y) ≈ 23381; / 46718 × 1024 ≈ 512. */
	sa = (struct sched_avg){ 0 };
	pelt_for(&sa, 32, true, SCHED_CAPACITY_SCALE);
	ck_assert_uint_ge(sa.util_avg, 508);
	ck_assert_uint_le(sa.util_avg, 516);
	/* Long enough running: the maximum, 1024 (less the rounding of
	 * each period's decay, a few units). */
	pelt_for(&sa, 2000, true, SCHED_CAPACITY_SCALE);
	ck_assert_uint_ge(sa.util_avg, 1018);
	ck_assert_uint_le(sa.util_avg, 1024);
	unsigned long top = sa.util_avg;
	/* 32 periods idle: y^32 = 1/2 exactly (a shift): half. */
	pelt_for(&sa, 32, false, SCHED_CAPACITY_SCALE);
	ck_assert_uint_ge(sa.util_avg, top / 2 - 1);
	ck_assert_uint_le(sa.util_avg, top / 2);
	/* A part of a period changes nothing until the period ends. */
	unsigned long before = sa.util_avg;
	___update_load_avg(&sa, sa.last_update_time + 500, true, SCHED_CAPACITY_SCALE);
	ck_assert_uint_eq(sa.util_avg, before);
	ck_assert_uint_eq(sa.period_contrib, 500);
}
END_TEST

START_TEST(pelt_is_frequency_invariant)
{
	/* Always running at 25 of 200 MHz (scale 128): util goes to 128,
	 * the share of the maximum capacity the work uses. */
	struct sched_avg sa = { 0 };
	pelt_for(&sa, 2000, true, 128);
	ck_assert_uint_ge(sa.util_avg, 126);
	ck_assert_uint_le(sa.util_avg, 128);
	/* At half the maximum: 512. */
	sa = (struct sched_avg){ 0 };
	pelt_for(&sa, 2000, true, 512);
	ck_assert_uint_ge(sa.util_avg, 506);
	ck_assert_uint_le(sa.util_avg, 512);
	/* Half the time running at full speed: about 512 too. */
	sa = (struct sched_avg){ 0 };
	for (int i = 0; i < 1000; i++) {
		pelt_for(&sa, 1, true, SCHED_CAPACITY_SCALE);
		pelt_for(&sa, 1, false, SCHED_CAPACITY_SCALE);
	}
	ck_assert_uint_ge(sa.util_avg, 490);
	ck_assert_uint_le(sa.util_avg, 530);
}
END_TEST

static struct sugov_calc sg;

static void sg_setup(enum host_cpufreq_soc soc)
{
	host_cpufreq_setup(soc);
	sg = (struct sugov_calc){ .freq_update_delay_ns = 2000 * 1000 };
}

/* An update at t_ms: whether a change is asked, and which. */
static void update(double t_ms, unsigned long util, unsigned long idle_calls, bool want,
		   unsigned int want_khz)
{
	unsigned int next = 0;
	bool got = sugov_calc_update(&host_policy, &sg, (u64)(t_ms * MS), util,
				     SCHED_CAPACITY_SCALE, idle_calls, &next);
	ck_assert_int_eq(got, want);
	if (want)
		ck_assert_uint_eq(next, want_khz);
}

START_TEST(util_to_frequency)
{
	sg_setup(HOST_CPUFREQ_DEFAULT);
	/* util 512: 640 with headroom; 200000 × 640 / 1024 = 125000 -> L
	 * 200000. */
	update(10, 512, 1, true, 200000);
	/* 1 ms later: within rate_limit_us, nothing. */
	update(11, 100, 1, false, 0);
	/* util 100: 125; 200000 × 125 / 1024 = 24414 -> 25000; but the CPU
	 * has not idled since (idle_calls 1 again): held at 200000. */
	update(12, 100, 1, false, 0);
	/* It idled (2): 25000. */
	update(14, 100, 2, true, 25000);
	/* util 1024: 1280 capped at 1024: max, 200000. */
	update(18, 1024, 3, true, 200000);
	/* 700: 875; 170898 -> 200000, the same: nothing asked. */
	update(21, 700, 4, false, 0);
	/* 400: 500; 97656 -> 100000. 200: 250; 48828 -> 50000. */
	update(24, 400, 5, true, 100000);
	update(27, 200, 6, true, 50000);
	/* 3: 3; 585 -> clamped up to min, 25000. */
	update(30, 3, 7, true, 25000);
}
END_TEST

START_TEST(limits_force_an_update)
{
	sg_setup(HOST_CPUFREQ_DEFAULT);
	update(10, 100, 1, true, 25000);
	/* The limits changed (sugov_limits): the next update goes through
	 * at once, within the rate limit, even for the same frequency. */
	sg.limits_changed = true;
	update(10.5, 100, 1, true, 25000);
	/* The user's max at 100 MHz: util 700 -> 170898, clamped: 100000. */
	host_cpufreq_limits(25000, 100000);
	sg.limits_changed = true;
	update(11, 700, 2, true, 100000);
	/* The MCU: 80 MHz max. util 300: 375; 80000 × 375 / 1024 = 29296
	 * -> L 48000. util 600: 750; 58593 -> 80000. */
	sg_setup(HOST_CPUFREQ_MCU);
	update(10, 300, 1, true, 48000);
	update(13, 600, 2, true, 80000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw cpufreq schedutil");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, pelt_rises_and_decays);
	tcase_add_test(tc, pelt_is_frequency_invariant);
	tcase_add_test(tc, util_to_frequency);
	tcase_add_test(tc, limits_force_an_update);
	suite_add_tcase(s, tc);
	return check_run(s);
}
