/*
 * KUnit suites for the thermal framework:
 *
 * "thermal-step-wise": a synthetic zone (its temperature a variable the
 * case sets, no polling: each step is one thermal_zone_device_update) with
 * one passive trip at 50 °C, hysteresis 2 °C, bound to a synthetic cooling
 * device of states 0..3; the cases feed sequences of temperatures and
 * check, after each, the device's state and the zone's passive count
 * against Linux's step_wise:
 *  - rising through the trip: one state more per update while it rises,
 *    capped at the instance's upper limit; stable: held;
 *  - falling while still at or above the trip's low temperature (48 °C):
 *    one state less, but not below lower + 1;
 *  - below the low temperature and falling: down to lower, then
 *    THERMAL_NO_TARGET (the passive count back to 0, the state 0);
 *  - rising again below the trip: nothing;
 *  - a map limited to states 1..2: the first throttle jumps to 1, the cap
 *    is 2, and the release goes 2 → 1 → no target (state 0);
 *  - sysfs: the zone's type, policy, mode and trip files, the device's
 *    cur_state, total_trans and trans_table.
 *
 * "thermal-cpufreq": the CPU's cooling device (where the SoC's cpu node
 * has #cooling-cells; skipped elsewhere): cooling state s caps
 * scaling_max_freq at the s-th frequency from the top of the table, state
 * 0 lifts the cap.
 */
#include <kunit/test.h>
#include <linux/cpufreq.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/thermal.h>

/* ---- the synthetic zone and cooling device --------------------------------------- */

static int fake_temp;
static unsigned long fake_state;
static unsigned long fake_lower, fake_upper;
static struct thermal_cooling_device *fake_cdev;

static int fake_get_temp(struct thermal_zone_device *tz, int *temp)
{
	*temp = fake_temp;
	return 0;
}

static bool fake_should_bind(struct thermal_zone_device *tz, const struct thermal_trip *trip,
			     struct thermal_cooling_device *cdev, unsigned long *lower,
			     unsigned long *upper)
{
	if (cdev != fake_cdev)
		return false;
	*lower = fake_lower;
	*upper = fake_upper;
	return true;
}

static const struct thermal_zone_device_ops fake_tz_ops = {
	.get_temp = fake_get_temp,
	.should_bind = fake_should_bind,
};

static int fake_get_max_state(struct thermal_cooling_device *cdev, unsigned long *state)
{
	*state = 3;
	return 0;
}

static int fake_get_cur_state(struct thermal_cooling_device *cdev, unsigned long *state)
{
	*state = fake_state;
	return 0;
}

static int fake_set_cur_state(struct thermal_cooling_device *cdev, unsigned long state)
{
	fake_state = state;
	return 0;
}

static const struct thermal_cooling_device_ops fake_cdev_ops = {
	.get_max_state = fake_get_max_state,
	.get_cur_state = fake_get_cur_state,
	.set_cur_state = fake_set_cur_state,
};

static const struct thermal_trip fake_trips[] = {
	{ .temperature = 50000, .hysteresis = 2000, .type = THERMAL_TRIP_PASSIVE },
};

/* The zone, bound to the device with [lower, upper], enabled (its first
 * update at `temp`). */
static struct thermal_zone_device *fake_zone(struct kunit *test, unsigned long lower,
					     unsigned long upper, int temp)
{
	fake_state = 0;
	fake_lower = lower;
	fake_upper = upper;
	fake_temp = temp;
	fake_cdev = thermal_of_cooling_device_register(NULL, "kunit-cdev", NULL, &fake_cdev_ops);
	KUNIT_ASSERT_FALSE(test, IS_ERR(fake_cdev));
	struct thermal_zone_device *tz = thermal_zone_device_register_with_trips(
		"kunit-tz", fake_trips, ARRAY_SIZE(fake_trips), NULL, &fake_tz_ops, 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(tz));
	test->priv = tz;
	KUNIT_ASSERT_EQ(test, thermal_zone_device_enable(tz), 0);
	return tz;
}

static void fake_exit(struct kunit *test)
{
	if (test->priv)
		thermal_zone_device_unregister(test->priv);
	test->priv = NULL;
	thermal_cooling_device_unregister(fake_cdev);
	fake_cdev = NULL;
}

/* One update at `temp`: the device's state and the zone's passive count
 * after it. */
static void step(struct kunit *test, struct thermal_zone_device *tz, int temp,
		 unsigned long state, int passive)
{
	fake_temp = temp;
	thermal_zone_device_update(tz, THERMAL_EVENT_UNSPECIFIED);
	kunit_info(test, "%d m°C: state %lu, passive %d\n", temp, fake_state, tz->passive);
	KUNIT_EXPECT_EQ(test, fake_state, state);
	KUNIT_EXPECT_EQ(test, tz->passive, passive);
}

static void step_wise_full_range(struct kunit *test)
{
	struct thermal_zone_device *tz = fake_zone(test, THERMAL_NO_LIMIT, THERMAL_NO_LIMIT, 40000);
	KUNIT_EXPECT_EQ(test, fake_state, 0);
	step(test, tz, 45000, 0, 0);  /* below the trip, rising: nothing */
	step(test, tz, 50000, 1, 1);  /* at the trip: throttle, first target cur + 1 */
	step(test, tz, 52000, 2, 1);  /* rising: + 1 */
	step(test, tz, 54000, 3, 1);
	step(test, tz, 56000, 3, 1);  /* the highest state */
	step(test, tz, 56000, 3, 1);  /* stable: held */
	step(test, tz, 55000, 2, 1);  /* falling above the trip: - 1 */
	step(test, tz, 49000, 1, 1);  /* below the trip, above its low temperature */
	step(test, tz, 48500, 1, 1);  /* throttling: not below lower + 1 */
	step(test, tz, 48500, 1, 1);  /* stable */
	step(test, tz, 47000, 0, 1);  /* below 48 °C, falling: - 1, still a target */
	step(test, tz, 46000, 0, 0);  /* at lower and falling: no target */
	step(test, tz, 49000, 0, 0);  /* rising below the trip again: nothing */
	step(test, tz, 50000, 1, 1);  /* the trip again */
}

static void step_wise_limited_map(struct kunit *test)
{
	struct thermal_zone_device *tz = fake_zone(test, 1, 2, 40000);
	step(test, tz, 51000, 1, 1);  /* the first throttle: at least lower */
	step(test, tz, 53000, 2, 1);
	step(test, tz, 55000, 2, 1);  /* capped at upper */
	step(test, tz, 47000, 1, 1);  /* released, falling: - 1 */
	step(test, tz, 46000, 0, 0);  /* at lower: no target, the device back to 0 */
}

static void thermal_sysfs_files(struct kunit *test)
{
	struct thermal_zone_device *tz = fake_zone(test, THERMAL_NO_LIMIT, THERMAL_NO_LIMIT, 40000);
	char path[96], buf[512];
	snprintf(path, sizeof path, "/sys/class/thermal/thermal_zone%d/type", tz->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "kunit-tz\n");
	snprintf(path, sizeof path, "/sys/class/thermal/thermal_zone%d/temp", tz->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "40000\n");
	snprintf(path, sizeof path, "/sys/class/thermal/thermal_zone%d/policy", tz->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "step_wise\n");
	KUNIT_EXPECT_EQ(test, kunit_write_file(path, "bang_bang"), -EINVAL);
	snprintf(path, sizeof path, "/sys/class/thermal/thermal_zone%d/trip_point_0_temp", tz->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "50000\n");
	snprintf(path, sizeof path, "/sys/class/thermal/thermal_zone%d/trip_point_0_type", tz->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "passive\n");
	snprintf(path, sizeof path, "/sys/class/thermal/thermal_zone%d/trip_point_0_hyst", tz->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "2000\n");

	/* Disabled, the zone ignores updates. */
	snprintf(path, sizeof path, "/sys/class/thermal/thermal_zone%d/mode", tz->id);
	KUNIT_EXPECT_GT(test, kunit_write_file(path, "disabled"), 0);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "disabled\n");
	step(test, tz, 60000, 0, 0);
	/* Enabled again, it acts at once. */
	KUNIT_EXPECT_GT(test, kunit_write_file(path, "enabled"), 0);
	KUNIT_EXPECT_EQ(test, fake_state, 1);
	step(test, tz, 62000, 2, 1);

	snprintf(path, sizeof path, "/sys/class/thermal/cooling_device%d/cur_state", fake_cdev->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "2\n");
	snprintf(path, sizeof path, "/sys/class/thermal/cooling_device%d/max_state", fake_cdev->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "3\n");
	snprintf(path, sizeof path, "/sys/class/thermal/cooling_device%d/stats/total_trans",
		 fake_cdev->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "2\n");
	snprintf(path, sizeof path, "/sys/class/thermal/cooling_device%d/stats/trans_table",
		 fake_cdev->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "state 0:       0        1        0        0 \n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "state 1:       0        0        1        0 \n"));
}

static struct kunit_case thermal_step_wise_cases[] = {
	KUNIT_CASE(step_wise_full_range),
	KUNIT_CASE(step_wise_limited_map),
	KUNIT_CASE(thermal_sysfs_files),
	{}
};

static struct kunit_suite thermal_step_wise_suite = {
	.name = "thermal-step-wise",
	.exit = fake_exit,
	.test_cases = thermal_step_wise_cases,
};

/* ---- the CPU's cooling device ---------------------------------------------------- */

#define CPUFREQ "/sys/devices/system/cpu/cpu0/cpufreq"

/* The s-th frequency of policy 0's table from the top (kHz). */
static unsigned int nth_from_top(struct cpufreq_policy *policy, unsigned int s)
{
	unsigned int above = UINT_MAX, best = 0;
	for (unsigned int i = 0; i <= s; i++) {
		const struct cpufreq_frequency_table *pos;
		best = 0;
		cpufreq_for_each_valid_entry(pos, policy->freq_table)
			if (pos->frequency < above && pos->frequency > best)
				best = pos->frequency;
		above = best;
	}
	return best;
}

static void cpufreq_cooling_caps_policy(struct kunit *test)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get(0);
	if (!policy || !policy->cdev) {
		kunit_skip(test, "no cpufreq cooling device (no #cooling-cells)");
		return;
	}
	char path[96], buf[64], want[32];
	snprintf(path, sizeof path, "/sys/class/thermal/cooling_device%d/type", policy->cdev->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	KUNIT_EXPECT_STREQ(test, buf, "cpufreq-cpu0\n");
	unsigned int n = 0;
	const struct cpufreq_frequency_table *pos;
	cpufreq_for_each_valid_entry(pos, policy->freq_table)
		n++;
	snprintf(path, sizeof path, "/sys/class/thermal/cooling_device%d/max_state",
		 policy->cdev->id);
	KUNIT_EXPECT_GT(test, kunit_read_file(path, buf, sizeof buf), 0);
	snprintf(want, sizeof want, "%u\n", n - 1);
	KUNIT_EXPECT_STREQ(test, buf, want);
	KUNIT_ASSERT_GT(test, kunit_write_file(CPUFREQ "/scaling_governor", "performance"), 0);
	snprintf(path, sizeof path, "/sys/class/thermal/cooling_device%d/cur_state",
		 policy->cdev->id);
	for (unsigned int s = n - 1; s >= 2; s--) {
		char text[12];
		snprintf(text, sizeof text, "%u", s);
		KUNIT_EXPECT_GT(test, kunit_write_file(path, text), 0);
		KUNIT_EXPECT_GT(test, kunit_read_file(CPUFREQ "/scaling_max_freq", buf, sizeof buf),
				0);
		snprintf(want, sizeof want, "%u\n", nth_from_top(policy, s));
		KUNIT_EXPECT_STREQ(test, buf, want);
		/* performance runs at the cap. */
		KUNIT_EXPECT_EQ(test, cpufreq_get(0), nth_from_top(policy, s));
	}
	KUNIT_EXPECT_GT(test, kunit_write_file(path, "0"), 0);
	KUNIT_EXPECT_GT(test, kunit_read_file(CPUFREQ "/scaling_max_freq", buf, sizeof buf), 0);
	snprintf(want, sizeof want, "%u\n", policy->cpuinfo.max_freq);
	KUNIT_EXPECT_STREQ(test, buf, want);
	KUNIT_EXPECT_EQ(test, kunit_write_file(path, "99"), -EINVAL);
}

static struct kunit_case thermal_cpufreq_cases[] = {
	KUNIT_CASE(cpufreq_cooling_caps_policy),
	{}
};

static struct kunit_suite thermal_cpufreq_suite = {
	.name = "thermal-cpufreq",
	.test_cases = thermal_cpufreq_cases,
};

kunit_test_suites(&thermal_step_wise_suite, &thermal_cpufreq_suite);
