/*
 * Runtime PM on the simulated SoC, in simulated time: a parent and a
 * child platform device of the test's own, whose callbacks record when
 * they ran. The child autosuspends exactly autosuspend_delay after its
 * last use (the hrtimer and pm_wq, no tick); the parent is resumed first
 * and suspends after its child; power/control, power/runtime_status and
 * power/autosuspend_delay_ms read and write as Linux's.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#define DELAY_MS 20

static struct platform_device *parent, *child;
static ktime_t suspended_at[2], resumed_at[2];
static char *buf;

static int idx(struct device *dev)
{
	return child && dev == &child->dev;
}

static int t_suspend(struct device *dev)
{
	suspended_at[idx(dev)] = ktime_get();
	return 0;
}

static int t_resume(struct device *dev)
{
	resumed_at[idx(dev)] = ktime_get();
	return 0;
}

static const struct dev_pm_ops t_pm = { RUNTIME_PM_OPS(t_suspend, t_resume, NULL) };

static int t_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	if (dev->parent != &platform_bus) {
		pm_runtime_set_autosuspend_delay(dev, DELAY_MS);
		pm_runtime_use_autosuspend(dev);
	}
	pm_runtime_enable(dev);
	return 0;
}

static void t_remove(struct platform_device *pdev)
{
	pm_runtime_disable(&pdev->dev);
}

static struct platform_driver t_driver = {
	.probe = t_probe,
	.remove = t_remove,
	.driver = { .name = "pmfw-rpm-test", .pm = &t_pm },
};

static int rpm_init(struct kunit *test)
{
	buf = kzalloc(256, GFP_KERNEL);
	if (!buf || platform_driver_register(&t_driver))
		return -ENOMEM;
	parent = platform_device_register_simple("pmfw-rpm-test", 0, NULL, 0);
	if (!IS_ERR_OR_NULL(parent))
		child = platform_device_register_resndata(&parent->dev, "pmfw-rpm-test", 1, NULL, 0,
							  NULL, 0);
	/* The driver core resumed the parent while the child probed, and
	 * let it idle after: pm_wq suspends it again. */
	msleep(1);
	memset(suspended_at, 0, sizeof suspended_at);
	memset(resumed_at, 0, sizeof resumed_at);
	return IS_ERR_OR_NULL(parent) || IS_ERR_OR_NULL(child) ? -ENODEV : 0;
}

static void rpm_exit(struct kunit *test)
{
	platform_device_unregister(child);
	platform_device_unregister(parent);
	platform_driver_unregister(&t_driver);
	child = parent = NULL;
	kfree(buf);
}

static const char *status_path(struct platform_device *pdev, const char *file)
{
	static char path[96];
	snprintf(path, sizeof path, "/sys/devices/platform/%s/%s%spower/%s",
		 dev_name(&parent->dev), pdev == child ? dev_name(&child->dev) : "",
		 pdev == child ? "/" : "", file);
	return path;
}

static void rpm_autosuspend_on_time(struct kunit *test)
{
	struct device *dev = &child->dev;
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(dev), 0);
	KUNIT_EXPECT_GT(test, resumed_at[0], 0);
	KUNIT_EXPECT_LE(test, resumed_at[0], resumed_at[1]); /* the parent first */
	KUNIT_EXPECT_EQ(test, atomic_read(&parent->dev.power.child_count), 1);
	pm_runtime_mark_last_busy(dev);
	ktime_t busy = (ktime_t)dev->power.last_busy;
	KUNIT_ASSERT_EQ(test, pm_runtime_put_autosuspend(dev), 0);
	msleep(DELAY_MS / 2);
	KUNIT_EXPECT_EQ(test, suspended_at[1], 0);
	msleep(DELAY_MS);
	/* The timer fires at busy + delay; pm_wq's worker suspends it. */
	KUNIT_EXPECT_GE(test, suspended_at[1], busy + DELAY_MS * NSEC_PER_MSEC);
	KUNIT_EXPECT_LT(test, suspended_at[1], busy + DELAY_MS * NSEC_PER_MSEC + 2 * NSEC_PER_MSEC);
	/* Then the parent, with no active child left. */
	KUNIT_EXPECT_GE(test, suspended_at[0], suspended_at[1]);
	KUNIT_EXPECT_TRUE(test, pm_runtime_suspended(&parent->dev));
}

static void rpm_sysfs(struct kunit *test)
{
	KUNIT_ASSERT_GT(test, kunit_read_file(status_path(child, "runtime_status"), buf, 256), 0);
	KUNIT_EXPECT_STREQ(test, buf, "suspended\n");
	KUNIT_EXPECT_GT(test, kunit_write_file(status_path(child, "control"), "on"), 0);
	KUNIT_EXPECT_TRUE(test, pm_runtime_active(&child->dev));
	kunit_read_file(status_path(child, "runtime_status"), buf, 256);
	KUNIT_EXPECT_STREQ(test, buf, "active\n");
	kunit_read_file(status_path(child, "control"), buf, 256);
	KUNIT_EXPECT_STREQ(test, buf, "on\n");
	KUNIT_EXPECT_EQ(test, kunit_write_file(status_path(child, "control"), "sometimes"),
			-EINVAL);
	kunit_read_file(status_path(child, "autosuspend_delay_ms"), buf, 256);
	KUNIT_EXPECT_STREQ(test, buf, "20\n");
	KUNIT_EXPECT_EQ(test, kunit_write_file(status_path(child, "autosuspend_delay_ms"), "ten"),
			-EINVAL);
	KUNIT_EXPECT_GT(test, kunit_write_file(status_path(child, "autosuspend_delay_ms"), "5"), 0);
	KUNIT_EXPECT_EQ(test, child->dev.power.autosuspend_delay, 5);
	/* The parent does not autosuspend: its delay file says so. */
	KUNIT_EXPECT_EQ(test, kunit_read_file(status_path(parent, "autosuspend_delay_ms"), buf, 256),
			-EIO);
	KUNIT_EXPECT_GT(test, kunit_write_file(status_path(child, "control"), "auto"), 0);
	msleep(10);
	KUNIT_EXPECT_TRUE(test, pm_runtime_suspended(&child->dev));
	kunit_read_file(status_path(child, "runtime_usage"), buf, 256);
	KUNIT_EXPECT_STREQ(test, buf, "0\n");
	kunit_read_file(status_path(parent, "runtime_enabled"), buf, 256);
	KUNIT_EXPECT_STREQ(test, buf, "enabled\n");
}

static struct kunit_case rpm_cases[] = {
	KUNIT_CASE(rpm_autosuspend_on_time),
	KUNIT_CASE(rpm_sysfs),
	{ 0 },
};

static struct kunit_suite rpm_suite = {
	.name = "runtime_pm",
	.init = rpm_init,
	.exit = rpm_exit,
	.test_cases = rpm_cases,
};
kunit_test_suite(rpm_suite);
