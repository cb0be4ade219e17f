/*
 * Generic power domains with domains of the test's own: a parent with a
 * child subdomain holding two devices, and an always-on domain holding a
 * third. Their power callbacks record when they ran and take a set time,
 * so that the order of events and genpd's measured latencies can be
 * checked: a domain powers on (its parent first) before a device of it
 * resumes, powers off only when its last device has suspended (the
 * parent after it), never for an always-on domain, and not when a
 * device's resume latency constraint (power/pm_qos_resume_latency_us) is
 * shorter than the domain's off + on latency; a constraint of 0 keeps the
 * device itself active. The debugfs files show it as Linux's do.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/pm_qos.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#define OFF_US 300
#define ON_US 500
#define NDEV 3

struct tpd {
	struct generic_pm_domain g;
	int on_calls, off_calls;
	ktime_t on_at, off_at;
};

static struct tpd parent_pd, child_pd, always_pd;
static struct platform_device *pdevs[NDEV];
static ktime_t dev_suspended_at[NDEV];
static bool domain_on_at_resume[NDEV];
static char *buf;
static ktime_t created;

#define to_tpd(g) container_of(g, struct tpd, g)

static int tpd_on(struct generic_pm_domain *g)
{
	struct tpd *d = to_tpd(g);
	d->on_calls++;
	d->on_at = ktime_get();
	udelay(ON_US);
	return 0;
}

static int tpd_off(struct generic_pm_domain *g)
{
	struct tpd *d = to_tpd(g);
	d->off_calls++;
	d->off_at = ktime_get();
	udelay(OFF_US);
	return 0;
}

static int dev_index(struct device *dev)
{
	for (int i = 0; i < NDEV; i++)
		if (pdevs[i] && dev == &pdevs[i]->dev)
			return i;
	return 0;
}

static int t_suspend(struct device *dev)
{
	dev_suspended_at[dev_index(dev)] = ktime_get();
	return 0;
}

static int t_resume(struct device *dev)
{
	struct generic_pm_domain *g = dev_to_genpd(dev);
	domain_on_at_resume[dev_index(dev)] = g && g->status == GENPD_STATE_ON;
	return 0;
}

static const struct dev_pm_ops t_pm = { RUNTIME_PM_OPS(t_suspend, t_resume, NULL) };

static int t_probe(struct platform_device *pdev)
{
	pm_runtime_enable(&pdev->dev);
	return 0;
}

static void t_remove(struct platform_device *pdev)
{
	pm_runtime_disable(&pdev->dev);
}

static struct platform_driver t_driver = {
	.probe = t_probe,
	.remove = t_remove,
	.driver = { .name = "pmfw-genpd-test", .pm = &t_pm },
};

static int tpd_init(struct tpd *d, const char *name, struct dev_power_governor *gov,
		    unsigned int flags, bool is_off)
{
	memset(d, 0, sizeof *d);
	d->g.name = name;
	d->g.power_on = tpd_on;
	d->g.power_off = tpd_off;
	d->g.flags = flags;
	return pm_genpd_init(&d->g, gov, is_off);
}

static int genpd_test_init(struct kunit *test)
{
	buf = kzalloc(2048, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memset(dev_suspended_at, 0, sizeof dev_suspended_at);
	memset(domain_on_at_resume, 0, sizeof domain_on_at_resume);
	created = ktime_get();
	if (tpd_init(&parent_pd, "kunit-parent", &simple_qos_governor, 0, true) ||
	    tpd_init(&child_pd, "kunit-child", &simple_qos_governor, 0, true) ||
	    tpd_init(&always_pd, "kunit-always", &pm_domain_always_on_gov, GENPD_FLAG_ALWAYS_ON,
		     false) ||
	    pm_genpd_add_subdomain(&parent_pd.g, &child_pd.g) ||
	    platform_driver_register(&t_driver))
		return -ENODEV;
	for (int i = 0; i < NDEV; i++) {
		pdevs[i] = platform_device_register_simple("pmfw-genpd-test", i, NULL, 0);
		if (IS_ERR(pdevs[i])) {
			pdevs[i] = NULL;
			return -ENODEV;
		}
		if (pm_genpd_add_device(i < 2 ? &child_pd.g : &always_pd.g, &pdevs[i]->dev))
			return -ENODEV;
	}
	return 0;
}

static void genpd_test_exit(struct kunit *test)
{
	for (int i = 0; i < NDEV; i++) {
		if (!pdevs[i])
			continue;
		pm_genpd_remove_device(&pdevs[i]->dev);
		platform_device_unregister(pdevs[i]);
		pdevs[i] = NULL;
	}
	platform_driver_unregister(&t_driver);
	pm_genpd_remove_subdomain(&parent_pd.g, &child_pd.g);
	pm_genpd_remove(&child_pd.g);
	pm_genpd_remove(&parent_pd.g);
	pm_genpd_remove(&always_pd.g);
	kfree(buf);
}

static const char *qos_path(int i)
{
	static char path[96];
	snprintf(path, sizeof path, "/sys/devices/platform/%s/power/pm_qos_resume_latency_us",
		 dev_name(&pdevs[i]->dev));
	return path;
}

/* idle_states' row S0: time spent (ms), usage, rejected. */
static int idle_states_row(char *text, u64 row[3])
{
	char *line = strstr(text, "\nS0 ");
	if (!line)
		return -EINVAL;
	line += 4;
	for (int i = 0; i < 3; i++) {
		char *field;
		do
			field = strsep(&line, " \n");
		while (field && !*field);
		if (!field || kstrtou64(field, 10, &row[i]))
			return -EINVAL;
	}
	return 0;
}

/* Devices 0 and 1 in the child domain: on for the first, off after the
 * last, the parent following the child both ways. */
static void genpd_follows_devices(struct kunit *test)
{
	struct device *d0 = &pdevs[0]->dev, *d1 = &pdevs[1]->dev;
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(d0), 0);
	KUNIT_EXPECT_EQ(test, parent_pd.on_calls, 1);
	KUNIT_EXPECT_EQ(test, child_pd.on_calls, 1);
	KUNIT_EXPECT_LT(test, parent_pd.on_at, child_pd.on_at);
	KUNIT_EXPECT_TRUE(test, domain_on_at_resume[0]);
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(d1), 0);
	KUNIT_EXPECT_EQ(test, child_pd.on_calls, 1);

	KUNIT_EXPECT_EQ(test, pm_runtime_put_sync(d0), 0);
	KUNIT_EXPECT_TRUE(test, pm_runtime_suspended(d0));
	KUNIT_EXPECT_EQ(test, child_pd.off_calls, 0);
	KUNIT_EXPECT_EQ(test, (int)child_pd.g.status, (int)GENPD_STATE_ON);

	KUNIT_EXPECT_EQ(test, pm_runtime_put_sync(d1), 0);
	KUNIT_EXPECT_EQ(test, child_pd.off_calls, 1);
	KUNIT_EXPECT_EQ(test, parent_pd.off_calls, 1);
	KUNIT_EXPECT_LE(test, dev_suspended_at[1], child_pd.off_at);
	KUNIT_EXPECT_LT(test, child_pd.off_at, parent_pd.off_at);

	KUNIT_ASSERT_GT(test, kunit_read_file("/sys/kernel/debug/pm_genpd/kunit-child/current_state",
					      buf, 2048), 0);
	KUNIT_EXPECT_STREQ(test, buf, "off-0\n");
	KUNIT_ASSERT_GT(test, kunit_read_file("/sys/kernel/debug/pm_genpd/kunit-parent/idle_states",
					      buf, 2048), 0);
	/* Off from its creation to its first power-on, and now again, once
	 * through its callback. */
	u64 row[3];
	KUNIT_ASSERT_EQ(test, idle_states_row(buf, row), 0);
	KUNIT_EXPECT_LE(test, row[0], (u64)((ktime_get() - created) / NSEC_PER_MSEC));
	KUNIT_EXPECT_EQ(test, row[1], 1);
	KUNIT_EXPECT_EQ(test, row[2], 0);
	/* The latencies genpd measured: what the callbacks took. */
	KUNIT_EXPECT_GE(test, child_pd.g.states[0].power_on_latency_ns, ON_US * 1000);
	KUNIT_EXPECT_GE(test, child_pd.g.states[0].power_off_latency_ns, OFF_US * 1000);
	KUNIT_EXPECT_LT(test, child_pd.g.states[0].power_on_latency_ns, 2 * ON_US * 1000);

	/* Resumed again: the domain is on before the device's callback. */
	domain_on_at_resume[0] = false;
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(d0), 0);
	KUNIT_EXPECT_TRUE(test, domain_on_at_resume[0]);
	KUNIT_EXPECT_EQ(test, parent_pd.on_calls, 2);
	KUNIT_EXPECT_EQ(test, pm_runtime_put_sync(d0), 0);
	KUNIT_EXPECT_EQ(test, parent_pd.off_calls, 2);
}

/* The simple QoS governor against the devices' resume latency. */
static void genpd_qos_governor(struct kunit *test)
{
	struct device *d0 = &pdevs[0]->dev;
	/* A first cycle measures the domain's latencies (800 µs and more). */
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(d0), 0);
	KUNIT_ASSERT_EQ(test, pm_runtime_put_sync(d0), 0);
	KUNIT_ASSERT_EQ(test, child_pd.off_calls, 1);

	KUNIT_ASSERT_GT(test, kunit_read_file(qos_path(0), buf, 2048), 0);
	KUNIT_EXPECT_STREQ(test, buf, "n/a\n");
	KUNIT_EXPECT_GT(test, kunit_write_file(qos_path(0), "100"), 0);
	KUNIT_EXPECT_EQ(test, dev_pm_qos_read_value(d0, DEV_PM_QOS_RESUME_LATENCY), 100);
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(d0), 0);
	KUNIT_EXPECT_EQ(test, pm_runtime_put_sync(d0), 0);
	/* The device suspends; its domain, 800 µs from being usable, stays on. */
	KUNIT_EXPECT_TRUE(test, pm_runtime_suspended(d0));
	KUNIT_EXPECT_EQ(test, child_pd.off_calls, 1);
	KUNIT_EXPECT_EQ(test, (int)child_pd.g.status, (int)GENPD_STATE_ON);
	KUNIT_EXPECT_EQ(test, child_pd.g.states[0].rejected, 1);

	/* A looser constraint lets it go off. */
	KUNIT_EXPECT_GT(test, kunit_write_file(qos_path(0), "5000"), 0);
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(d0), 0);
	KUNIT_EXPECT_EQ(test, pm_runtime_put_sync(d0), 0);
	KUNIT_EXPECT_EQ(test, child_pd.off_calls, 2);

	/* 0: the device may not suspend at all (-EPERM, as Linux). */
	KUNIT_EXPECT_GT(test, kunit_write_file(qos_path(0), "0"), 0);
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(d0), 0);
	KUNIT_EXPECT_EQ(test, pm_runtime_put_sync(d0), -EPERM);
	KUNIT_EXPECT_TRUE(test, pm_runtime_active(d0));
	KUNIT_EXPECT_EQ(test, (int)child_pd.g.status, (int)GENPD_STATE_ON);

	/* Bad values are refused and change nothing; n/a lifts the constraint,
	 * and the device suspends with its domain. */
	KUNIT_EXPECT_EQ(test, kunit_write_file(qos_path(0), "-1"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(qos_path(0), "soon"), -EINVAL);
	kunit_read_file(qos_path(0), buf, 2048);
	KUNIT_EXPECT_STREQ(test, buf, "0\n");
	KUNIT_EXPECT_GT(test, kunit_write_file(qos_path(0), "n/a"), 0);
	KUNIT_EXPECT_EQ(test, pm_runtime_suspend(d0), 0);
	KUNIT_EXPECT_EQ(test, child_pd.off_calls, 3);
	KUNIT_EXPECT_EQ(test, parent_pd.off_calls, 3);
}

/* An always-on domain never powers off; the summary shows the tree. */
static void genpd_always_on_and_summary(struct kunit *test)
{
	struct device *d2 = &pdevs[2]->dev;
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(d2), 0);
	KUNIT_EXPECT_EQ(test, pm_runtime_put_sync(d2), 0);
	KUNIT_EXPECT_TRUE(test, pm_runtime_suspended(d2));
	KUNIT_EXPECT_EQ(test, always_pd.off_calls, 0);
	KUNIT_EXPECT_EQ(test, (int)always_pd.g.status, (int)GENPD_STATE_ON);

	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(&pdevs[1]->dev), 0);
	KUNIT_ASSERT_GT(test, kunit_read_file("/sys/kernel/debug/pm_genpd/pm_genpd_summary", buf,
					      2048), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf,
		"domain                          status          children\n"
		"    /device                                             runtime status\n"
		"----------------------------------------------------------------------\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf,
		"kunit-always                    on              \n"
		"    /devices/platform/pmfw-genpd-test.2                 suspended\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf,
		"kunit-child                     on              \n"
		"    /devices/platform/pmfw-genpd-test.0                 suspended\n"
		"    /devices/platform/pmfw-genpd-test.1                 active\n"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf,
		"kunit-parent                    on              kunit-child\n"));
	/* A domain with devices or subdomains cannot be removed. */
	KUNIT_EXPECT_EQ(test, pm_genpd_remove(&child_pd.g), -EBUSY);
	KUNIT_EXPECT_EQ(test, pm_genpd_remove(&parent_pd.g), -EBUSY);
	KUNIT_EXPECT_EQ(test, pm_runtime_put_sync(&pdevs[1]->dev), 0);
	KUNIT_ASSERT_GT(test, kunit_read_file("/sys/kernel/debug/pm_genpd/kunit-parent/current_state",
					      buf, 2048), 0);
	KUNIT_EXPECT_STREQ(test, buf, "off-0\n");
}

static struct kunit_case genpd_cases[] = {
	KUNIT_CASE(genpd_follows_devices),
	KUNIT_CASE(genpd_qos_governor),
	KUNIT_CASE(genpd_always_on_and_summary),
	{ 0 },
};

static struct kunit_suite genpd_suite = {
	.name = "genpd",
	.init = genpd_test_init,
	.exit = genpd_test_exit,
	.test_cases = genpd_cases,
};
kunit_test_suite(genpd_suite);
