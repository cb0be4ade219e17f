/*
 * Runtime PM (firmware/pmfw/drivers/base/power/runtime.c) on the host, as
 * REFERENCE.md and Documentation/power/runtime_pm.rst specify it: the
 * initial state; suspend refused while used (-EAGAIN), with active
 * children (-EBUSY), disabled (-EACCES), or with a resume latency QoS of 0
 * (-EPERM); a parent resumed before its child and kept active by it, then
 * idled when the child suspends; callback errors: -EBUSY/-EAGAIN leave the
 * device active, others latch runtime_error; autosuspend at exactly
 * last_busy + delay; control on/off; the active and suspended times.
 */
#include <check.h>

#include <linux/device.h>
#include <linux/pm_runtime.h>

#include "../unit/check_run.h"
#include "host_rpm.h"

#define MS 1000000LL

static int order, sus_ret, res_ret;
static int suspended_at[2], resumed_at[2], suspends[2], resumes[2], idles[2];
static struct device parent, child;
static int qos = 1;

s32 dev_pm_qos_raw_resume_latency(struct device *dev)
{
	return dev == &child ? qos : 1;
}

static int which(struct device *dev)
{
	return dev == &child;
}

static int rt_suspend(struct device *dev)
{
	if (which(dev) && sus_ret)
		return sus_ret;
	suspends[which(dev)]++;
	suspended_at[which(dev)] = ++order;
	return 0;
}

static int rt_resume(struct device *dev)
{
	if (which(dev) && res_ret)
		return res_ret;
	resumes[which(dev)]++;
	resumed_at[which(dev)] = ++order;
	return 0;
}

static int rt_idle(struct device *dev)
{
	idles[which(dev)]++;
	return 0;
}

static const struct dev_pm_ops ops = {
	.runtime_suspend = rt_suspend, .runtime_resume = rt_resume, .runtime_idle = rt_idle,
};
static struct device_driver drv = { .name = "test", .pm = &ops };

static void init(struct device *d, struct device *p)
{
	memset(d, 0, sizeof *d);
	d->parent = p;
	d->driver = &drv;
	spin_lock_init(&d->power.lock);
	pm_runtime_init(d);
}

static void setup(void)
{
	host_now = 1000 * MS;
	pm_wq = alloc_workqueue("pm", 0, 0);
	init(&parent, NULL);
	init(&child, &parent);
}

START_TEST(starts_suspended_and_disabled)
{
	setup();
	ck_assert_int_eq(child.power.runtime_status, RPM_SUSPENDED);
	ck_assert(!pm_runtime_enabled(&child));
	ck_assert_int_eq(pm_runtime_get_sync(&child), -EACCES);
	ck_assert_int_eq(atomic_read(&child.power.usage_count), 1); /* counted anyway */
	pm_runtime_put_noidle(&child);
	ck_assert_int_eq(resumes[1], 0);
	pm_runtime_enable(&parent);
	pm_runtime_enable(&child);
	ck_assert_int_eq(pm_runtime_get_sync(&child), 0);
	ck_assert_int_eq(child.power.runtime_status, RPM_ACTIVE);
	ck_assert_int_eq(pm_runtime_put_sync(&child), 0);
	ck_assert_int_eq(idles[1], 1);
	ck_assert_int_eq(child.power.runtime_status, RPM_SUSPENDED);
	ck_assert_int_eq(pm_runtime_put_sync(&child), -EINVAL); /* underflow */
}
END_TEST

START_TEST(parent_before_child_and_kept_active)
{
	setup();
	pm_runtime_enable(&parent);
	pm_runtime_enable(&child);
	ck_assert_int_eq(pm_runtime_get_sync(&child), 0);
	ck_assert_int_lt(resumed_at[0], resumed_at[1]); /* parent first */
	ck_assert_int_eq(parent.power.runtime_status, RPM_ACTIVE);
	ck_assert_int_eq(atomic_read(&parent.power.child_count), 1);
	ck_assert_int_eq(pm_runtime_suspend(&parent), -EBUSY);
	ck_assert_int_eq(pm_runtime_put_sync(&child), 0);
	ck_assert_int_eq(child.power.runtime_status, RPM_SUSPENDED);
	ck_assert_int_eq(atomic_read(&parent.power.child_count), 0);
	/* The parent is idled asynchronously (pm_wq), then suspends. */
	ck_assert_int_eq(parent.power.runtime_status, RPM_ACTIVE);
	ck_assert_int_ge(host_run_work(), 1);
	ck_assert_int_eq(parent.power.runtime_status, RPM_SUSPENDED);
	ck_assert_int_lt(suspended_at[1], suspended_at[0]); /* child first */
}
END_TEST

START_TEST(refusals)
{
	setup();
	pm_runtime_enable(&parent);
	pm_runtime_enable(&child);
	ck_assert_int_eq(pm_runtime_resume(&child), 0);
	pm_runtime_get_noresume(&child);
	ck_assert_int_eq(pm_runtime_suspend(&child), -EAGAIN);
	pm_runtime_put_noidle(&child);
	qos = 0;
	ck_assert_int_eq(pm_runtime_suspend(&child), -EPERM);
	qos = 1;
	/* Busy: no error, still active. */
	sus_ret = -EBUSY;
	ck_assert_int_eq(pm_runtime_suspend(&child), -EBUSY);
	ck_assert_int_eq(child.power.runtime_status, RPM_ACTIVE);
	ck_assert_int_eq(child.power.runtime_error, 0);
	/* Anything else latches until the status is set again. */
	sus_ret = -EIO;
	ck_assert_int_eq(pm_runtime_suspend(&child), -EIO);
	ck_assert_int_eq(child.power.runtime_error, -EIO);
	sus_ret = 0;
	ck_assert_int_eq(pm_runtime_suspend(&child), -EINVAL);
	ck_assert_int_eq(pm_runtime_resume(&child), -EINVAL);
	pm_runtime_disable(&child);
	ck_assert_int_eq(pm_runtime_set_suspended(&child), 0);
	ck_assert_int_eq(child.power.runtime_error, 0);
	pm_runtime_enable(&child);
	ck_assert_int_eq(pm_runtime_resume(&child), 0);
	/* A failed resume latches too, and leaves it suspended. */
	ck_assert_int_eq(pm_runtime_suspend(&child), 0);
	res_ret = -ENODEV;
	ck_assert_int_eq(pm_runtime_resume(&child), -ENODEV);
	ck_assert_int_eq(child.power.runtime_status, RPM_SUSPENDED);
	ck_assert_int_eq(child.power.runtime_error, -ENODEV);
	res_ret = 0;
}
END_TEST

START_TEST(autosuspend_after_the_delay)
{
	setup();
	pm_runtime_enable(&parent);
	pm_runtime_set_autosuspend_delay(&child, 100);
	pm_runtime_use_autosuspend(&child);
	pm_runtime_enable(&child);
	ck_assert_int_eq(pm_runtime_get_sync(&child), 0);
	pm_runtime_mark_last_busy(&child);
	ktime_t busy = host_now;
	ck_assert_int_eq(pm_runtime_put_autosuspend(&child), 0);
	ck_assert_int_eq(child.power.runtime_status, RPM_ACTIVE);
	ck_assert_int_eq(host_next_timer(), busy + 100 * MS);
	/* Busy again at +50: the timer fires at +100 and re-arms for +150. */
	host_advance(busy + 50 * MS);
	pm_runtime_mark_last_busy(&child);
	ck_assert_int_eq(host_advance(busy + 100 * MS), 1);
	ck_assert_int_eq(child.power.runtime_status, RPM_ACTIVE);
	ck_assert_int_eq(host_next_timer(), busy + 150 * MS);
	host_advance(busy + 150 * MS);
	host_run_work();
	ck_assert_int_eq(child.power.runtime_status, RPM_SUSPENDED);
	ck_assert_int_eq(suspends[1], 1);
	/* A negative delay forbids autosuspend: the device is resumed. */
	pm_runtime_set_autosuspend_delay(&child, -1);
	ck_assert_int_eq(child.power.runtime_status, RPM_ACTIVE);
	ck_assert_int_eq(atomic_read(&child.power.usage_count), 1);
	pm_runtime_set_autosuspend_delay(&child, 0);
	ck_assert_int_eq(atomic_read(&child.power.usage_count), 0);
	ck_assert_int_eq(child.power.runtime_status, RPM_SUSPENDED); /* delay 0: at once */
}
END_TEST

START_TEST(control_and_times)
{
	setup();
	pm_runtime_enable(&parent);
	pm_runtime_enable(&child);
	host_now += 10 * MS;
	pm_runtime_forbid(&child); /* "on" */
	ck_assert_int_eq(child.power.runtime_status, RPM_ACTIVE);
	ck_assert_int_eq(pm_runtime_suspend(&child), -EAGAIN);
	host_now += 30 * MS;
	pm_runtime_allow(&child); /* "auto": idles and suspends */
	ck_assert_int_eq(child.power.runtime_status, RPM_ACTIVE);
	host_run_work();
	ck_assert_int_eq(child.power.runtime_status, RPM_SUSPENDED);
	host_now += 5 * MS;
	ck_assert_uint_eq(pm_runtime_active_time(&child), 30 * MS);
	ck_assert_uint_eq(pm_runtime_suspended_time(&child), 15 * MS);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw_runtime_pm");
	TCase *tc = tcase_create("runtime_pm");
	tcase_add_test(tc, starts_suspended_and_disabled);
	tcase_add_test(tc, parent_before_child_and_kept_active);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, autosuspend_after_the_delay);
	tcase_add_test(tc, control_and_times);
	suite_add_tcase(s, tc);
	return check_run(s);
}
