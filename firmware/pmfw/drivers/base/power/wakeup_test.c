/*
 * Wakeup sources and PM notifiers on the simulated SoC: a device made
 * wakeup-capable has power/wakeup and a wakeup source; pm_stay_awake /
 * pm_relax and pm_wakeup_event(dev, ms) move Linux's statistics (an event
 * with a timeout expires exactly then, in simulated time); a wakeup event
 * after the count was saved is pending (it would abort a suspend); the
 * PM notifier chain undoes a refused PM_SUSPEND_PREPARE.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/platform_device.h>
#include <linux/pm_wakeup.h>
#include <linux/slab.h>
#include <linux/suspend.h>
#include <linux/timekeeping.h>

static struct platform_device *pdev;
static char *buf;

static int wk_init(struct kunit *test)
{
	buf = kzalloc(512, GFP_KERNEL);
	pdev = platform_device_register_simple("pmfw-wakeup-test", -1, NULL, 0);
	return !buf || IS_ERR_OR_NULL(pdev) ? -ENOMEM : 0;
}

static void wk_exit(struct kunit *test)
{
	device_init_wakeup(&pdev->dev, false);
	platform_device_unregister(pdev);
	kfree(buf);
}

#define POWER "/sys/devices/platform/pmfw-wakeup-test/power/"

static void wakeup_stats(struct kunit *test)
{
	struct device *dev = &pdev->dev;
	KUNIT_EXPECT_EQ(test, kunit_read_file(POWER "wakeup", buf, 512), -ENOENT);
	KUNIT_ASSERT_EQ(test, device_init_wakeup(dev, true), 0);
	KUNIT_EXPECT_TRUE(test, device_may_wakeup(dev));
	kunit_read_file(POWER "wakeup", buf, 512);
	KUNIT_EXPECT_STREQ(test, buf, "enabled\n");
	struct wakeup_source *ws = dev->power.wakeup;
	KUNIT_ASSERT_NOT_NULL(test, ws);
	/* Held for 3 ms. */
	pm_stay_awake(dev);
	KUNIT_EXPECT_TRUE(test, ws->active);
	ktime_t t0 = ws->last_time;
	mdelay(3);
	pm_relax(dev);
	KUNIT_EXPECT_FALSE(test, ws->active);
	KUNIT_EXPECT_EQ(test, ws->active_count, 1);
	KUNIT_EXPECT_EQ(test, ws->event_count, 1);
	KUNIT_EXPECT_EQ(test, ws->total_time, ws->last_time - t0);
	KUNIT_EXPECT_GE(test, ws->total_time, 3 * NSEC_PER_MSEC);
	/* An event for 10 ms expires on its own. */
	pm_wakeup_event(dev, 10);
	KUNIT_EXPECT_TRUE(test, ws->active);
	msleep(20);
	KUNIT_EXPECT_FALSE(test, ws->active);
	KUNIT_EXPECT_EQ(test, ws->expire_count, 1);
	KUNIT_EXPECT_EQ(test, ws->event_count, 2);
	kunit_read_file(POWER "wakeup_count", buf, 512);
	KUNIT_EXPECT_STREQ(test, buf, "2\n");
	kunit_read_file(POWER "wakeup_expire_count", buf, 512);
	KUNIT_EXPECT_STREQ(test, buf, "1\n");
	/* The summary lists it by the device's name. */
	KUNIT_ASSERT_GT(test, kunit_read_file("/sys/kernel/debug/wakeup_sources", buf, 512), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "\npmfw-wakeup-test\t2\t\t2\t\t0\t\t1\t\t0\t\t"));
	/* Disabled from user space: the source goes away. */
	KUNIT_EXPECT_GT(test, kunit_write_file(POWER "wakeup", "disabled"), 0);
	KUNIT_EXPECT_FALSE(test, device_may_wakeup(dev));
	KUNIT_EXPECT_EQ(test, kunit_write_file(POWER "wakeup", "maybe"), -EINVAL);
}

static void wakeup_pending_after_save(struct kunit *test)
{
	struct device *dev = &pdev->dev;
	unsigned int count;
	KUNIT_ASSERT_EQ(test, device_init_wakeup(dev, true), 0);
	KUNIT_ASSERT_TRUE(test, pm_get_wakeup_count(&count, false));
	KUNIT_ASSERT_TRUE(test, pm_save_wakeup_count(count));
	KUNIT_EXPECT_FALSE(test, pm_wakeup_pending());
	KUNIT_ASSERT_TRUE(test, pm_save_wakeup_count(count));
	pm_wakeup_event(dev, 0);
	KUNIT_EXPECT_TRUE(test, pm_wakeup_pending());
	KUNIT_EXPECT_EQ(test, dev->power.wakeup->wakeup_count, 1); /* it would have aborted */
	/* An old count cannot be saved. */
	KUNIT_EXPECT_FALSE(test, pm_save_wakeup_count(count));
}

static int calls[3];
static int nb_refuse(struct notifier_block *nb, unsigned long ev, void *d)
{
	calls[0] = calls[0] * 10 + (int)ev;
	return ev == PM_SUSPEND_PREPARE ? notifier_from_errno(-EBUSY) : NOTIFY_OK;
}
static int nb_agree(struct notifier_block *nb, unsigned long ev, void *d)
{
	calls[1] = calls[1] * 10 + (int)ev;
	return NOTIFY_OK;
}

static void pm_notifier_undoes_a_refusal(struct kunit *test)
{
	struct notifier_block a = { .notifier_call = nb_agree, .priority = 1 };
	struct notifier_block r = { .notifier_call = nb_refuse, .priority = 0 };
	KUNIT_ASSERT_EQ(test, register_pm_notifier(&a), 0);
	KUNIT_ASSERT_EQ(test, register_pm_notifier(&r), 0);
	calls[0] = calls[1] = 0;
	KUNIT_EXPECT_EQ(test, pm_notifier_call_chain_robust(PM_SUSPEND_PREPARE, PM_POST_SUSPEND),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, calls[1], PM_SUSPEND_PREPARE * 10 + PM_POST_SUSPEND);
	KUNIT_EXPECT_EQ(test, calls[0], PM_SUSPEND_PREPARE); /* the refuser is not undone */
	unregister_pm_notifier(&r);
	unregister_pm_notifier(&a);
}

static struct kunit_case wakeup_cases[] = {
	KUNIT_CASE(wakeup_stats),
	KUNIT_CASE(wakeup_pending_after_save),
	KUNIT_CASE(pm_notifier_undoes_a_refusal),
	{ 0 },
};

static struct kunit_suite wakeup_suite = {
	.name = "wakeup",
	.init = wk_init,
	.exit = wk_exit,
	.test_cases = wakeup_cases,
};
kunit_test_suite(wakeup_suite);
