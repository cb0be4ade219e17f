/*
 * The regulator framework on the simulated PMIC (docs/devices/pmic.md),
 * through the DT's consumers: the cpu node's cpu-supply, and the rails
 * the PMIC registers. A voltage change returns once the PMIC's output
 * (VOUT) has reached it, which takes the ramp time; an always-on rail
 * survives its consumers; the summary shows the supply tree.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/regulator/consumer.h>
#include <linux/regulator/driver.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "internal.h"

static struct device_node *cpu_node(void)
{
	struct device_node *cpus = of_find_node_by_path("/cpus");
	struct device_node *np;
	for_each_child_of_node(cpus, np)
		if (of_property_present(np, "cpu-supply"))
			return np;
	return NULL;
}

static void regulator_voltage_waits_for_the_ramp(struct kunit *test)
{
	struct device_node *np = cpu_node();
	if (!np)
		kunit_skip(test, "no cpu-supply");
	struct regulator *r = of_regulator_get(np, "cpu0", "cpu");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	int v0 = regulator_get_voltage(r);
	KUNIT_ASSERT_GT(test, v0, 0);
	int n = regulator_count_voltages(r);
	KUNIT_ASSERT_GT(test, n, 1);
	/* One step up from the present voltage, then back. */
	int v1 = -1;
	for (int i = 0; i < n && v1 < 0; i++) {
		int v = regulator_list_voltage(r, (unsigned int)i);
		if (v > v0)
			v1 = v;
	}
	KUNIT_ASSERT_GT(test, v1, v0);
	struct regulator_dev *rdev = r->rdev;
	u64 t0 = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, regulator_set_voltage(r, v1, v1), 0);
	u64 took = ktime_get_ns() - t0;
	KUNIT_EXPECT_EQ(test, regulator_get_voltage(r), v1);
	/* The set-point and the output agree when set_voltage returns. */
	u32 ramp = rdev->constraints->ramp_delay;
	if (ramp)
		KUNIT_EXPECT_GE(test, took, (u64)(v1 - v0) * 1000 / ramp);
	/* Two consumers: the higher minimum wins; without it, back down. */
	struct regulator *r2 = of_regulator_get(np, "test", "cpu");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r2);
	KUNIT_ASSERT_EQ(test, regulator_set_voltage(r, v0, v1), 0);
	KUNIT_EXPECT_EQ(test, regulator_get_voltage(r), v0);
	KUNIT_ASSERT_EQ(test, regulator_set_voltage(r2, v1, v1), 0);
	KUNIT_EXPECT_EQ(test, regulator_get_voltage(r), v1);
	regulator_put(r2);
	KUNIT_ASSERT_EQ(test, regulator_set_voltage(r, v0, v0), 0);
	KUNIT_EXPECT_EQ(test, regulator_get_voltage(r), v0);
	/* Above the constraints. */
	KUNIT_EXPECT_EQ(test, regulator_set_voltage(r, 5000000, 5000000), -EINVAL);
	regulator_put(r);
}

static void regulator_always_on_stays_on(struct kunit *test)
{
	struct device_node *np;
	for_each_of_allnodes(np) {
		struct regulator_dev *rdev;
		if (!of_property_read_bool(np, "regulator-always-on") || !(rdev = rdev_by_node(np)))
			continue;
		struct regulator *r = create_regulator(rdev, NULL, "test");
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
		unsigned int use = rdev->use_count;
		KUNIT_EXPECT_GE(test, use, 1); /* its own count */
		KUNIT_ASSERT_EQ(test, regulator_enable(r), 0);
		KUNIT_EXPECT_EQ(test, rdev->use_count, use + 1);
		KUNIT_ASSERT_EQ(test, regulator_disable(r), 0);
		KUNIT_EXPECT_EQ(test, rdev->use_count, use);
		KUNIT_EXPECT_EQ(test, regulator_is_enabled(r), 1); /* asks the PMIC */
		KUNIT_EXPECT_EQ(test, regulator_disable(r), -EIO); /* not ours to give */
		regulator_put(r);
		return;
	}
	kunit_skip(test, "no always-on regulator");
}

/* Modes through the PMIC (docs/devices/pmic.md): a buck that allows
 * them all takes each and reads it back from its MODE register; an LDO's
 * MODE refuses every write, which the driver returns as -EINVAL. */
static void regulator_modes_through_the_pmic(struct kunit *test)
{
	struct device_node *np;
	struct regulator_dev *buck = NULL, *ldo = NULL;
	for_each_of_allnodes(np) {
		struct regulator_dev *rdev = rdev_by_node(np);
		if (!rdev || !rdev->desc->ops || !rdev->desc->ops->set_mode)
			continue;
		if (!buck && of_property_count_u32_elems(np, "regulator-allowed-modes") == 3)
			buck = rdev;
		if (!ldo && !strncmp(np->name, "ldo", 3))
			ldo = rdev;
	}
	if (!buck || !ldo)
		kunit_skip(test, "no PMIC buck with three modes and LDO");
	struct regulator *r = create_regulator(buck, NULL, "test");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	const unsigned int modes[] = { REGULATOR_MODE_FAST, REGULATOR_MODE_IDLE,
				       REGULATOR_MODE_NORMAL };
	for (unsigned int i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, regulator_set_mode(r, modes[i]), 0);
		KUNIT_EXPECT_EQ(test, regulator_get_mode(r), modes[i]);
	}
	regulator_put(r);
	KUNIT_EXPECT_EQ(test, ldo->desc->ops->set_mode(ldo, REGULATOR_MODE_FAST), -EINVAL);
}

static struct kunit_case regulator_cases[] = {
	KUNIT_CASE(regulator_voltage_waits_for_the_ramp),
	KUNIT_CASE(regulator_always_on_stays_on),
	KUNIT_CASE(regulator_modes_through_the_pmic),
	{ 0 },
};

static struct kunit_suite regulator_suite = {
	.name = "regulator",
	.test_cases = regulator_cases,
};
kunit_test_suite(regulator_suite);
