/*
 * PM QoS (kernel/power/qos.c, drivers/base/power/qos.c): the aggregate of
 * each class (the smallest latency, the largest minimum and smallest
 * maximum frequency, the OR of flags), defaults without requests,
 * notifiers called once per change of the aggregate with its new value,
 * and a device's NO_POWER_OFF flag keeping its power domain on while the
 * device is runtime-suspended.
 */
#include <kunit/test.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/pm_qos.h>
#include <linux/pm_runtime.h>
#include <linux/string.h>

struct note {
	struct notifier_block nb;
	int calls;
	unsigned long last;
};

static int note_cb(struct notifier_block *nb, unsigned long v, void *data)
{
	struct note *n = container_of(nb, struct note, nb);
	n->calls++;
	n->last = v;
	return NOTIFY_OK;
}

static void qos_cpu_latency(struct kunit *test)
{
	struct pm_qos_request a = { 0 }, b = { 0 };
	s32 base = cpu_latency_qos_limit();
	KUNIT_EXPECT_EQ(test, base, PM_QOS_CPU_LATENCY_DEFAULT_VALUE);
	KUNIT_EXPECT_FALSE(test, cpu_latency_qos_request_active(&a));
	cpu_latency_qos_add_request(&a, 100);
	KUNIT_EXPECT_TRUE(test, cpu_latency_qos_request_active(&a));
	KUNIT_EXPECT_EQ(test, cpu_latency_qos_limit(), 100);
	cpu_latency_qos_add_request(&b, 300);
	KUNIT_EXPECT_EQ(test, cpu_latency_qos_limit(), 100);
	cpu_latency_qos_update_request(&a, 500);
	KUNIT_EXPECT_EQ(test, cpu_latency_qos_limit(), 300);
	cpu_latency_qos_add_request(&a, 1); /* already added: refused */
	KUNIT_EXPECT_EQ(test, cpu_latency_qos_limit(), 300);
	cpu_latency_qos_remove_request(&b);
	KUNIT_EXPECT_FALSE(test, cpu_latency_qos_request_active(&b));
	KUNIT_EXPECT_EQ(test, cpu_latency_qos_limit(), 500);
	cpu_latency_qos_remove_request(&a);
	KUNIT_EXPECT_EQ(test, cpu_latency_qos_limit(), base);
}

/* /dev/cpu_dma_latency reads the limit as a binary s32. */
static void qos_dev_cpu_dma_latency(struct kunit *test)
{
	struct pm_qos_request a = { 0 };
	cpu_latency_qos_add_request(&a, 42);
	char buf[8];
	s32 v = 0;
	KUNIT_EXPECT_EQ(test, kunit_read_file("/dev/cpu_dma_latency", buf, sizeof buf),
			(ssize_t)sizeof v);
	memcpy(&v, buf, sizeof v);
	KUNIT_EXPECT_EQ(test, v, 42);
	cpu_latency_qos_remove_request(&a);
}

static void qos_freq(struct kunit *test)
{
	struct freq_constraints q;
	struct freq_qos_request lo = { 0 }, lo2 = { 0 }, hi = { 0 };
	struct note nmin = { .nb.notifier_call = note_cb }, nmax = { .nb.notifier_call = note_cb };
	freq_constraints_init(&q);
	KUNIT_EXPECT_EQ(test, freq_qos_read_value(&q, FREQ_QOS_MIN), FREQ_QOS_MIN_DEFAULT_VALUE);
	KUNIT_EXPECT_EQ(test, freq_qos_read_value(&q, FREQ_QOS_MAX), FREQ_QOS_MAX_DEFAULT_VALUE);
	KUNIT_ASSERT_EQ(test, freq_qos_add_notifier(&q, FREQ_QOS_MIN, &nmin.nb), 0);
	KUNIT_ASSERT_EQ(test, freq_qos_add_notifier(&q, FREQ_QOS_MAX, &nmax.nb), 0);
	KUNIT_EXPECT_EQ(test, freq_qos_add_request(&q, &lo, FREQ_QOS_MIN, 100000), 1);
	KUNIT_EXPECT_EQ(test, freq_qos_add_request(&q, &lo2, FREQ_QOS_MIN, 50000), 0);
	KUNIT_EXPECT_EQ(test, freq_qos_read_value(&q, FREQ_QOS_MIN), 100000); /* the largest */
	KUNIT_EXPECT_EQ(test, freq_qos_add_request(&q, &hi, FREQ_QOS_MAX, 200000), 1);
	KUNIT_EXPECT_EQ(test, freq_qos_read_value(&q, FREQ_QOS_MAX), 200000);
	KUNIT_EXPECT_EQ(test, nmin.calls, 1);
	KUNIT_EXPECT_EQ(test, nmin.last, 100000);
	KUNIT_EXPECT_EQ(test, freq_qos_update_request(&lo, 20000), 1);
	KUNIT_EXPECT_EQ(test, freq_qos_read_value(&q, FREQ_QOS_MIN), 50000);
	KUNIT_EXPECT_EQ(test, nmin.calls, 2);
	KUNIT_EXPECT_EQ(test, nmin.last, 50000);
	KUNIT_EXPECT_EQ(test, freq_qos_update_request(&lo, 20000), 0); /* no change */
	KUNIT_EXPECT_EQ(test, freq_qos_add_request(&q, &lo, FREQ_QOS_MIN, 1), -EINVAL); /* active */
	KUNIT_EXPECT_EQ(test, freq_qos_add_request(&q, &lo2, FREQ_QOS_MIN, -1), -EINVAL);
	KUNIT_EXPECT_EQ(test, freq_qos_remove_request(&hi), 1);
	KUNIT_EXPECT_EQ(test, freq_qos_read_value(&q, FREQ_QOS_MAX), FREQ_QOS_MAX_DEFAULT_VALUE);
	KUNIT_EXPECT_EQ(test, nmax.calls, 2);
	freq_qos_remove_request(&lo);
	freq_qos_remove_request(&lo2);
	KUNIT_EXPECT_EQ(test, freq_qos_read_value(&q, FREQ_QOS_MIN), FREQ_QOS_MIN_DEFAULT_VALUE);
	KUNIT_EXPECT_EQ(test, freq_qos_remove_notifier(&q, FREQ_QOS_MIN, &nmin.nb), 0);
	KUNIT_EXPECT_EQ(test, freq_qos_remove_notifier(&q, FREQ_QOS_MAX, &nmax.nb), 0);
}

static void qos_flags_engine(struct kunit *test)
{
	struct pm_qos_flags f = { .list = LIST_HEAD_INIT(f.list) };
	struct pm_qos_flags_request a, b;
	KUNIT_EXPECT_TRUE(test, pm_qos_update_flags(&f, &a, PM_QOS_ADD_REQ, 1));
	KUNIT_EXPECT_FALSE(test, pm_qos_update_flags(&f, &b, PM_QOS_ADD_REQ, 1));
	KUNIT_EXPECT_TRUE(test, pm_qos_update_flags(&f, &b, PM_QOS_UPDATE_REQ, 3));
	KUNIT_EXPECT_EQ(test, f.effective_flags, 3);
	KUNIT_EXPECT_TRUE(test, pm_qos_update_flags(&f, &b, PM_QOS_REMOVE_REQ, 0));
	KUNIT_EXPECT_EQ(test, f.effective_flags, 1);
	KUNIT_EXPECT_TRUE(test, pm_qos_update_flags(&f, &a, PM_QOS_REMOVE_REQ, 0));
	KUNIT_EXPECT_EQ(test, f.effective_flags, 0);
}

/* A device of a domain of the test's own: NO_POWER_OFF keeps the domain on
 * while the device is suspended; the resume latency's notifier sees each
 * new constraint. */
static int pd_on(struct generic_pm_domain *g)
{
	return 0;
}

static int pd_off(struct generic_pm_domain *g)
{
	return 0;
}

static const struct dev_pm_ops t_pm = { RUNTIME_PM_OPS(NULL, NULL, NULL) };
static struct platform_driver t_drv = { .driver = { .name = "pmfw-qos-test", .pm = &t_pm } };

static void qos_device(struct kunit *test)
{
	struct generic_pm_domain pd = { .name = "qos-test", .power_on = pd_on, .power_off = pd_off };
	KUNIT_ASSERT_EQ(test, pm_genpd_init(&pd, NULL, false), 0);
	KUNIT_ASSERT_EQ(test, platform_driver_register(&t_drv), 0);
	struct platform_device *pdev = platform_device_register_simple("pmfw-qos-test", -1, NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pdev));
	struct device *dev = &pdev->dev;
	KUNIT_ASSERT_EQ(test, pm_genpd_add_device(&pd, dev), 0);
	pm_runtime_enable(dev);
	KUNIT_EXPECT_EQ(test, dev_pm_qos_flags(dev, PM_QOS_FLAG_NO_POWER_OFF), PM_QOS_FLAGS_UNDEFINED);

	struct note n = { .nb.notifier_call = note_cb };
	KUNIT_ASSERT_EQ(test, dev_pm_qos_add_notifier(dev, &n.nb, DEV_PM_QOS_RESUME_LATENCY), 0);
	struct dev_pm_qos_request lat = { 0 }, flag = { 0 };
	KUNIT_EXPECT_EQ(test, dev_pm_qos_add_request(dev, &lat, DEV_PM_QOS_RESUME_LATENCY, 300), 1);
	KUNIT_EXPECT_EQ(test, n.calls, 1);
	KUNIT_EXPECT_EQ(test, n.last, 300);

	KUNIT_EXPECT_EQ(test, dev_pm_qos_add_request(dev, &flag, DEV_PM_QOS_FLAGS,
						     PM_QOS_FLAG_NO_POWER_OFF), 1);
	KUNIT_EXPECT_EQ(test, dev_pm_qos_flags(dev, PM_QOS_FLAG_NO_POWER_OFF), PM_QOS_FLAGS_ALL);
	pm_runtime_get_sync(dev);
	KUNIT_EXPECT_EQ(test, pd.status, GENPD_STATE_ON);
	pm_runtime_put_sync(dev);
	KUNIT_EXPECT_TRUE(test, pm_runtime_suspended(dev));
	KUNIT_EXPECT_EQ(test, pd.status, GENPD_STATE_ON); /* kept on */

	dev_pm_qos_update_request(&flag, 0);
	KUNIT_EXPECT_EQ(test, dev_pm_qos_flags(dev, PM_QOS_FLAG_NO_POWER_OFF), PM_QOS_FLAGS_NONE);
	pm_runtime_get_sync(dev);
	pm_runtime_put_sync(dev);
	KUNIT_EXPECT_EQ(test, pd.status, GENPD_STATE_OFF);

	dev_pm_qos_remove_request(&flag);
	dev_pm_qos_remove_request(&lat);
	KUNIT_EXPECT_EQ(test, n.calls, 2);
	KUNIT_EXPECT_EQ(test, n.last, PM_QOS_RESUME_LATENCY_NO_CONSTRAINT);
	KUNIT_EXPECT_EQ(test, dev_pm_qos_remove_notifier(dev, &n.nb, DEV_PM_QOS_RESUME_LATENCY), 0);
	pm_runtime_disable(dev);
	pm_genpd_remove_device(dev);
	platform_device_unregister(pdev);
	platform_driver_unregister(&t_drv);
	pm_genpd_remove(&pd);
}

static struct kunit_case qos_cases[] = {
	KUNIT_CASE(qos_cpu_latency),
	KUNIT_CASE(qos_dev_cpu_dma_latency),
	KUNIT_CASE(qos_freq),
	KUNIT_CASE(qos_flags_engine),
	KUNIT_CASE(qos_device),
	{ 0 },
};

static struct kunit_suite qos_suite = {
	.name = "pm_qos",
	.test_cases = qos_cases,
};
kunit_test_suite(qos_suite);
