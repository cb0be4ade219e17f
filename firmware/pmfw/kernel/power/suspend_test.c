/*
 * System sleep on the simulated SoC (KUnit suite "suspend"): two test
 * devices of their own, a parent and its child, record each system-sleep
 * callback ("phase/id"), and a PM notifier records the notifications,
 * so that each case checks the whole order:
 *   - each pm_test level stops at its bracket (the phases done before it
 *     and undone after it, no others), and pm_test_delay waits that long
 *     in simulated time;
 *   - a suspend callback failing (parent's suspend, child's suspend_noirq,
 *     parent's suspend_late) unwinds what was done, in reverse, and
 *     fills suspend_stats (sysfs and debugfs);
 *   - a runtime-suspended device asking for direct_complete is left
 *     alone until complete;
 *   - DPM_FLAG_SMART_SUSPEND (with and without MAY_SKIP_RESUME);
 *   - an item queued on pm_wq (freezable) while asleep runs after thaw;
 *   - a freezable kernel thread is frozen and thawed; one that never
 *     calls try_to_freeze makes the freezer fail with -EBUSY after
 *     pm_freeze_timeout;
 *   - the wakeup_count protocol: a write-back after an event is refused,
 *     an event after the write-back aborts the suspend;
 *   - freeze and standby woken by the RTC alarm: pm_wakeup_irq is the
 *     RTC's line, the RTC has reached the alarm, and the wake-up latency
 *     (the interrupt to the end of pm_suspend) is measured;
 *   - the console's PL011 with power/wakeup enabled arms its line.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/freezer.h>
#include <linux/irqchip/arm-nvic.h>
#include <linux/kthread.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/pm_wakeup.h>
#include <linux/rtc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <linux/suspend.h>
#include <linux/timekeeping.h>

#include "power.h"

static struct platform_device *parent, *child;
static char trace[512];
static char fail_at[32]; /* "phase/id" that fails with -EIO */
static char *buf;

static void record(const char *what)
{
	size_t n = strlen(trace);
	snprintf(trace + n, sizeof trace - n, "%s%s", n ? " " : "", what);
}

static u32 late_wake_mask; /* the NVIC's wake-up lines at suspend_late */
static int child_prepare_ret;  /* > 0: the child asks for direct_complete */
static bool queue_pm_work;     /* the parent's suspend queues an item on pm_wq */
static bool pm_work_ran, pm_work_ran_in_sleep;

static void pm_work_fn(struct work_struct *w)
{
	pm_work_ran = true;
}
static DECLARE_WORK(pm_work, pm_work_fn);

static int cb(struct device *dev, const char *phase)
{
	char name[32];
	snprintf(name, sizeof name, "%s/%d", phase, to_platform_device(dev)->id);
	record(name);
	return strcmp(name, fail_at) ? 0 : -EIO;
}

#define T_CB(phase)                                   \
	static int t_##phase(struct device *dev)      \
	{                                             \
		return cb(dev, #phase);               \
	}
static int t_prepare(struct device *dev)
{
	int ret = cb(dev, "prepare");
	return ret ? ret : to_platform_device(dev)->id == 1 ? child_prepare_ret : 0;
}

static int t_suspend(struct device *dev)
{
	if (queue_pm_work && to_platform_device(dev)->id == 0) {
		queue_work(pm_wq, &pm_work);
		msleep(5);
	}
	return cb(dev, "suspend");
}
static int t_suspend_late(struct device *dev)
{
	nvic_get_wake_mask(&late_wake_mask, 1);
	return cb(dev, "suspend_late");
}
T_CB(suspend_noirq)
T_CB(resume_noirq)
T_CB(resume_early)
static int t_resume(struct device *dev)
{
	if (queue_pm_work && to_platform_device(dev)->id == 0)
		pm_work_ran_in_sleep = pm_work_ran;
	return cb(dev, "resume");
}
static void t_complete(struct device *dev)
{
	cb(dev, "complete");
}

static const struct dev_pm_ops t_pm = {
	.prepare = t_prepare,
	.complete = t_complete,
	.suspend = t_suspend,
	.resume = t_resume,
	.suspend_late = t_suspend_late,
	.resume_early = t_resume_early,
	.suspend_noirq = t_suspend_noirq,
	.resume_noirq = t_resume_noirq,
};

static int t_probe(struct platform_device *pdev)
{
	return 0;
}

static struct platform_driver t_driver = {
	.probe = t_probe,
	.driver = { .name = "pmfw-suspend-test", .pm = &t_pm },
};

static int t_notify(struct notifier_block *nb, unsigned long ev, void *d)
{
	record(ev == PM_SUSPEND_PREPARE ? "N:prepare" : ev == PM_POST_SUSPEND ? "N:post" : "N:?");
	return NOTIFY_OK;
}
static struct notifier_block t_nb = { .notifier_call = t_notify };

static int susp_init(struct kunit *test)
{
	buf = kzalloc(1024, GFP_KERNEL);
	if (!buf || platform_driver_register(&t_driver))
		return -ENOMEM;
	parent = platform_device_register_simple("pmfw-suspend-test", 0, NULL, 0);
	if (!IS_ERR_OR_NULL(parent))
		child = platform_device_register_resndata(&parent->dev, "pmfw-suspend-test", 1,
							  NULL, 0, NULL, 0);
	register_pm_notifier(&t_nb);
	trace[0] = fail_at[0] = 0;
	pm_test_delay = 0;
	child_prepare_ret = 0;
	queue_pm_work = false;
	return IS_ERR_OR_NULL(parent) || IS_ERR_OR_NULL(child) ? -ENODEV : 0;
}

static void susp_exit(struct kunit *test)
{
	unregister_pm_notifier(&t_nb);
	pm_test_level = TEST_NONE;
	pm_test_delay = 5;
	platform_device_unregister(child);
	platform_device_unregister(parent);
	platform_driver_unregister(&t_driver);
	child = parent = NULL;
	kfree(buf);
}

#define DEVS_DOWN "prepare/0 prepare/1 suspend/1 suspend/0"
#define DEVS_UP "resume/0 resume/1 complete/1 complete/0"
#define LATE_DOWN "suspend_late/1 suspend_late/0 suspend_noirq/1 suspend_noirq/0"
#define LATE_UP "resume_noirq/0 resume_noirq/1 resume_early/0 resume_early/1"

static int set_test(const char *level)
{
	return (int)kunit_write_file("/sys/power/pm_test", level);
}

/* Each level: the phases before its bracket, then back. */
static void pm_test_levels(struct kunit *test)
{
	static const struct {
		const char *level;
		suspend_state_t state;
		const char *trace;
	} levels[] = {
		{ "freezer", PM_SUSPEND_TO_IDLE, "N:prepare N:post" },
		{ "devices", PM_SUSPEND_TO_IDLE, "N:prepare " DEVS_DOWN " " DEVS_UP " N:post" },
		{ "platform", PM_SUSPEND_TO_IDLE,
		  "N:prepare " DEVS_DOWN " " LATE_DOWN " " LATE_UP " " DEVS_UP " N:post" },
		{ "processors", PM_SUSPEND_STANDBY,
		  "N:prepare " DEVS_DOWN " " LATE_DOWN " " LATE_UP " " DEVS_UP " N:post" },
		{ "core", PM_SUSPEND_STANDBY,
		  "N:prepare " DEVS_DOWN " " LATE_DOWN " " LATE_UP " " DEVS_UP " N:post" },
	};
	if (!valid_state(PM_SUSPEND_STANDBY))
		kunit_skip(test, "no standby on this SoC");
	for (unsigned int i = 0; i < ARRAY_SIZE(levels); i++) {
		KUNIT_ASSERT_GT(test, set_test(levels[i].level), 0);
		trace[0] = 0;
		int success = suspend_stats.success;
		KUNIT_EXPECT_EQ(test, pm_suspend(levels[i].state), 0);
		KUNIT_EXPECT_STREQ(test, trace, levels[i].trace);
		KUNIT_EXPECT_EQ(test, suspend_stats.success, success + 1);
	}
	/* suspend-to-idle has no processors or core level. */
	KUNIT_ASSERT_GT(test, set_test("core"), 0);
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), -EAGAIN);
	kunit_read_file("/sys/power/pm_test", buf, 1024);
	KUNIT_EXPECT_STREQ(test, buf, "none [core] processors platform devices freezer\n");
	KUNIT_EXPECT_EQ(test, set_test("cpu"), -EINVAL);
}

/* pm_test_delay: the wait at the bracket, in simulated time. */
static void pm_test_delay_waits(struct kunit *test)
{
	KUNIT_ASSERT_GT(test, kunit_write_file("/sys/module/suspend/parameters/pm_test_delay", "1"),
			0);
	KUNIT_ASSERT_GT(test, set_test("devices"), 0);
	ktime_t t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	s64 ms = ktime_to_ms(ktime_get() - t0);
	KUNIT_EXPECT_GE(test, ms, 1000);
	KUNIT_EXPECT_LT(test, ms, 1100);
}

static const char *stat(const char *name)
{
	char path[64];
	snprintf(path, sizeof path, "/sys/power/suspend_stats/%s", name);
	kunit_read_file(path, buf, 1024);
	return buf;
}

static int stat_int(const char *name)
{
	const char *s = stat(name);
	int v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/* A failing callback: everything done so far undone, in reverse. */
static void failing_suspend_unwinds(struct kunit *test)
{
	static const struct {
		const char *fail, *trace, *counter, *step;
	} cases[] = {
		{ "suspend/0",
		  "N:prepare " DEVS_DOWN " resume/1 complete/1 complete/0 N:post",
		  "failed_suspend", "suspend\n" },
		{ "suspend_late/0",
		  "N:prepare " DEVS_DOWN " suspend_late/1 suspend_late/0 resume_early/1 " DEVS_UP " N:post",
		  "failed_suspend_late", "suspend_late\n" },
		{ "suspend_noirq/1",
		  "N:prepare " DEVS_DOWN " suspend_late/1 suspend_late/0 suspend_noirq/1 resume_early/0 resume_early/1 " DEVS_UP " N:post",
		  "failed_suspend_noirq", "suspend_noirq\n" },
	};
	KUNIT_ASSERT_GT(test, set_test("platform"), 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		int fail = stat_int("fail"), counter = stat_int(cases[i].counter);
		strscpy(fail_at, cases[i].fail, sizeof fail_at);
		trace[0] = 0;
		KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), -EIO);
		KUNIT_EXPECT_STREQ(test, trace, cases[i].trace);
		KUNIT_EXPECT_EQ(test, stat_int("fail"), fail + 1);
		KUNIT_EXPECT_EQ(test, stat_int(cases[i].counter), counter + 1);
		KUNIT_EXPECT_STREQ(test, stat("last_failed_step"), cases[i].step);
		KUNIT_EXPECT_STREQ(test, stat("last_failed_errno"), "-5\n");
		snprintf(buf, 64, "pmfw-suspend-test.%c\n", cases[i].fail[strlen(cases[i].fail) - 1]);
		char want[64];
		strscpy(want, buf, sizeof want);
		KUNIT_EXPECT_STREQ(test, stat("last_failed_dev"), want);
	}
	/* debugfs: Linux's layout, the last failure first. */
	KUNIT_ASSERT_GT(test, kunit_read_file("/sys/kernel/debug/suspend_stats", buf, 1024), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "failures:\n  last_failed_dev:\tpmfw-suspend-test.1\n\t\t\tpmfw-suspend-test.0\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "  last_failed_errno:\t-5\n\t\t\t-5\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "  last_failed_step:\tsuspend_noirq\n\t\t\tsuspend_late\n"));
	/* The devices work again: a clean cycle. */
	fail_at[0] = 0;
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
}

/* A runtime-suspended device whose prepare returns > 0 is left alone
 * until complete (direct_complete); its parent goes through every phase. */
static void direct_complete_skips(struct kunit *test)
{
	struct device *dev = &child->dev;
	KUNIT_ASSERT_EQ(test, pm_runtime_set_suspended(dev), 0);
	pm_runtime_enable(dev);
	child_prepare_ret = 1;
	KUNIT_ASSERT_GT(test, set_test("platform"), 0);
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	KUNIT_EXPECT_STREQ(test, trace,
			   "N:prepare prepare/0 prepare/1 suspend/0 suspend_late/0 suspend_noirq/0 "
			   "resume_noirq/0 resume_early/0 resume/0 complete/1 complete/0 N:post");
	/* Runtime PM is back as it was. */
	KUNIT_EXPECT_TRUE(test, pm_runtime_enabled(dev));
	KUNIT_EXPECT_TRUE(test, pm_runtime_status_suspended(dev));
	/* Not runtime-suspended: every phase. */
	pm_runtime_disable(dev);
	pm_runtime_set_active(dev);
	trace[0] = 0;
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	KUNIT_EXPECT_STREQ(test, trace,
			   "N:prepare " DEVS_DOWN " " LATE_DOWN " " LATE_UP " " DEVS_UP " N:post");
	pm_runtime_set_suspended(dev);
}

/* DPM_FLAG_SMART_SUSPEND: a runtime-suspended child gets no late or
 * noirq suspend callback; it is resumed fully (set active), or, with
 * DPM_FLAG_MAY_SKIP_RESUME, left suspended without its noirq and early
 * resume callbacks. */
static void smart_suspend_skips(struct kunit *test)
{
	struct device *dev = &child->dev;
	KUNIT_ASSERT_EQ(test, pm_runtime_set_suspended(dev), 0);
	pm_runtime_enable(dev);
	dev_pm_set_driver_flags(dev, DPM_FLAG_SMART_SUSPEND);
	KUNIT_ASSERT_GT(test, set_test("platform"), 0);
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	KUNIT_EXPECT_STREQ(test, trace,
			   "N:prepare " DEVS_DOWN " suspend_late/0 suspend_noirq/0 " LATE_UP " " DEVS_UP
			   " N:post");
	KUNIT_EXPECT_FALSE(test, pm_runtime_status_suspended(dev));
	pm_runtime_disable(dev);
	KUNIT_ASSERT_EQ(test, pm_runtime_set_suspended(dev), 0);
	pm_runtime_enable(dev);
	dev_pm_set_driver_flags(dev, DPM_FLAG_SMART_SUSPEND | DPM_FLAG_MAY_SKIP_RESUME);
	trace[0] = 0;
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	KUNIT_EXPECT_STREQ(test, trace,
			   "N:prepare " DEVS_DOWN " suspend_late/0 suspend_noirq/0 resume_noirq/0 "
			   "resume_early/0 " DEVS_UP " N:post");
	KUNIT_EXPECT_TRUE(test, pm_runtime_status_suspended(dev));
	pm_runtime_disable(dev);
	dev_pm_set_driver_flags(dev, 0);
}

/* pm_wq is freezable: an item queued while the system sleeps runs after
 * the thaw. */
static void pm_wq_frozen(struct kunit *test)
{
	pm_work_ran = pm_work_ran_in_sleep = false;
	queue_pm_work = true;
	KUNIT_ASSERT_GT(test, set_test("devices"), 0);
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	msleep(1);
	KUNIT_EXPECT_FALSE(test, pm_work_ran_in_sleep);
	KUNIT_EXPECT_TRUE(test, pm_work_ran);
}

/* ---- the freezer ------------------------------------------------------------------------ */

static int frozen_count;
static bool thread_started;

static int freezable_fn(void *arg)
{
	set_freezable();
	WRITE_ONCE(thread_started, true);
	while (!kthread_should_stop()) {
		if (try_to_freeze())
			frozen_count++;
		schedule_timeout_interruptible(HZ);
	}
	return 0;
}

static int refusing_fn(void *arg)
{
	set_freezable();
	WRITE_ONCE(thread_started, true);
	/* Never calls try_to_freeze, sleeps uninterruptibly. */
	while (!kthread_should_stop())
		msleep(5);
	return 0;
}

static void freezer_freezes_and_thaws(struct kunit *test)
{
	frozen_count = 0;
	thread_started = false;
	struct task_struct *t = kthread_run(freezable_fn, NULL, "freezable-test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	while (!READ_ONCE(thread_started))
		msleep(1);
	KUNIT_ASSERT_GT(test, set_test("freezer"), 0);
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	msleep(1);
	KUNIT_EXPECT_EQ(test, frozen_count, 1);
	KUNIT_EXPECT_FALSE(test, frozen(t));
	kthread_stop(t);
}

static void freezer_failure(struct kunit *test)
{
	thread_started = false;
	struct task_struct *t = kthread_run(refusing_fn, NULL, "refusing-test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	while (!READ_ONCE(thread_started))
		msleep(1);
	KUNIT_ASSERT_GT(test, kunit_write_file("/sys/power/pm_freeze_timeout", "100"), 0);
	KUNIT_ASSERT_GT(test, set_test("devices"), 0);
	int failed_freeze = stat_int("failed_freeze");
	trace[0] = 0;
	ktime_t t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), -EBUSY);
	s64 ms = ktime_to_ms(ktime_get() - t0);
	KUNIT_EXPECT_GE(test, ms, 100);
	KUNIT_EXPECT_LT(test, ms, 200); /* the timeout, plus the messages printed */
	/* No device was touched; the notifiers were told. */
	KUNIT_EXPECT_STREQ(test, trace, "N:prepare N:post");
	KUNIT_EXPECT_EQ(test, stat_int("failed_freeze"), failed_freeze + 1);
	KUNIT_EXPECT_STREQ(test, stat("last_failed_step"), "freeze\n");
	KUNIT_EXPECT_STREQ(test, stat("last_failed_errno"), "-16\n");
	/* Nothing is left freezing. */
	KUNIT_EXPECT_FALSE(test, pm_freezing || pm_nosig_freezing);
	KUNIT_EXPECT_FALSE(test, current->flags & PF_SUSPEND_TASK);
	kunit_write_file("/sys/power/pm_freeze_timeout", "20000");
	kthread_stop(t);
}

/* ---- wakeup_count ----------------------------------------------------------------------- */

static void wakeup_count_race(struct kunit *test)
{
	struct device *dev = &parent->dev;
	KUNIT_ASSERT_EQ(test, device_init_wakeup(dev, true), 0);
	/* An event between the read and the write-back: refused. */
	KUNIT_ASSERT_GT(test, kunit_read_file("/sys/power/wakeup_count", buf, 1024), 0);
	char count[16];
	strscpy(count, buf, sizeof count);
	pm_wakeup_event(dev, 0);
	KUNIT_EXPECT_EQ(test, kunit_write_file("/sys/power/wakeup_count", count), -EINVAL);
	/* Read again, written back, then an event: the suspend aborts. */
	kunit_read_file("/sys/power/wakeup_count", buf, 1024);
	strscpy(count, buf, sizeof count);
	KUNIT_EXPECT_GT(test, kunit_write_file("/sys/power/wakeup_count", count), 0);
	pm_wakeup_event(dev, 0);
	KUNIT_ASSERT_GT(test, set_test("devices"), 0);
	trace[0] = 0;
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), -EBUSY);
	KUNIT_EXPECT_STREQ(test, trace, "N:prepare prepare/0 prepare/1 complete/1 complete/0 N:post");
	KUNIT_EXPECT_STREQ(test, stat("last_failed_step"), "suspend\n");
	/* Without the write-back, events do not abort. */
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	device_init_wakeup(dev, false);
}

/* ---- woken by the RTC -------------------------------------------------------------------- */

static void woken_by_rtc(struct kunit *test, suspend_state_t state)
{
	struct rtc_device *rtc = rtc_class_open("rtc0");
	if (!rtc)
		kunit_skip(test, "no RTC");
	if (state != PM_SUSPEND_TO_IDLE && !valid_state(state)) {
		rtc_class_close(rtc);
		kunit_skip(test, "state not supported");
	}
	struct rtc_wkalrm alarm = { .enabled = 1 };
	struct rtc_time now;
	KUNIT_ASSERT_EQ(test, rtc_read_time(rtc, &now), 0);
	time64_t t = rtc_tm_to_time64(&now) + 2;
	rtc_time64_to_tm(t, &alarm.time);
	KUNIT_ASSERT_EQ(test, rtc_set_alarm(rtc, &alarm), 0);
	trace[0] = 0;
	KUNIT_EXPECT_EQ(test, pm_suspend(state), 0);
	ktime_t end = ktime_get();
	KUNIT_EXPECT_STREQ(test, trace,
			   "N:prepare " DEVS_DOWN " " LATE_DOWN " " LATE_UP " " DEVS_UP " N:post");
	KUNIT_ASSERT_EQ(test, rtc_read_time(rtc, &now), 0);
	KUNIT_EXPECT_GE(test, rtc_tm_to_time64(&now), t);
	kunit_read_file("/sys/power/pm_wakeup_irq", buf, 1024);
	KUNIT_EXPECT_STREQ(test, buf, "2\n");
	s64 us = ktime_to_us(end - pm_wakeup_irq_time);
	kunit_info(test, "%s: woken by IRQ %u, %lld us from the interrupt to the end of resume\n",
		   state == PM_SUSPEND_TO_IDLE ? "freeze" : "standby", pm_wakeup_irq, us);
	KUNIT_EXPECT_GT(test, us, 0);
	KUNIT_EXPECT_LT(test, us, 20000);
	/* The RTC's interrupt work runs. */
	msleep(10);
	rtc_class_close(rtc);
}

static void freeze_woken_by_rtc(struct kunit *test)
{
	woken_by_rtc(test, PM_SUSPEND_TO_IDLE);
}

static void standby_woken_by_rtc(struct kunit *test)
{
	woken_by_rtc(test, PM_SUSPEND_STANDBY);
}

/* The console's PL011, wakeup enabled, arms its line (0) for the sleep:
 * a character received would wake the system; disarmed after. */
static void uart_wakeup_armed(struct kunit *test)
{
	struct device *uart = bus_find_device_by_name(&platform_bus_type, NULL, "40004000.serial");
	if (!uart)
		kunit_skip(test, "no PL011 at 0x40004000");
	KUNIT_ASSERT_TRUE(test, device_can_wakeup(uart));
	KUNIT_ASSERT_GT(test, set_test("platform"), 0);
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	KUNIT_EXPECT_EQ(test, late_wake_mask & 1, 0);
	KUNIT_ASSERT_EQ(test, device_wakeup_enable(uart), 0);
	KUNIT_EXPECT_EQ(test, pm_suspend(PM_SUSPEND_TO_IDLE), 0);
	KUNIT_EXPECT_EQ(test, late_wake_mask & 1, 1);
	u32 mask;
	nvic_get_wake_mask(&mask, 1);
	KUNIT_EXPECT_EQ(test, mask & 1, 0);
	device_wakeup_disable(uart);
	put_device(uart);
}

static struct kunit_case suspend_cases[] = {
	KUNIT_CASE(pm_test_levels),
	KUNIT_CASE(pm_test_delay_waits),
	KUNIT_CASE(failing_suspend_unwinds),
	KUNIT_CASE(direct_complete_skips),
	KUNIT_CASE(smart_suspend_skips),
	KUNIT_CASE(pm_wq_frozen),
	KUNIT_CASE(freezer_freezes_and_thaws),
	KUNIT_CASE(freezer_failure),
	KUNIT_CASE(wakeup_count_race),
	KUNIT_CASE(freeze_woken_by_rtc),
	KUNIT_CASE(standby_woken_by_rtc),
	KUNIT_CASE(uart_wakeup_armed),
	{ 0 },
};

static struct kunit_suite suspend_suite = {
	.name = "suspend",
	.init = susp_init,
	.exit = susp_exit,
	.test_cases = suspend_cases,
};
kunit_test_suite(suspend_suite);
