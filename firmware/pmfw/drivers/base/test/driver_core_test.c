/*
 * KUnit suite "driver_core": the driver core on the running system, with
 * platform drivers and devices the cases register and remove again.
 *
 *   - binding by name makes the sysfs links, unbind and bind through
 *     /sys/bus/platform/drivers/<drv>/{unbind,bind} work, with their
 *     errors; removing the device or the driver unbinds;
 *   - a probe that returns -EPROBE_DEFER (with dev_err_probe's reason,
 *     listed in /sys/kernel/debug/devices_deferred) is retried after the
 *     device it waits for binds; a chain of three resolves in one pass, in
 *     a fixed order;
 *   - managed resources are released, newest first, when a probe fails
 *     (also by deferring) and after remove() when the driver is unbound;
 *     a failed probe is reported as Linux reports it;
 *   - the devres API; dev_printk's "<driver> <device>: " prefix;
 *     driver_override;
 *   - runtime PM around binding: an idle request after probe suspends a
 *     device whose driver enabled runtime PM; unbinding resumes it while
 *     its sysfs links go and leaves it disabled and marked suspended.
 */
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernfs.h>
#include <linux/delay.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>

/* ---- helpers ----------------------------------------------------------------- */

#define MAX_REG 4
static struct platform_device *devs[MAX_REG];
static struct platform_driver *drvs[MAX_REG];
static char events[32];
#define BUF_SIZE 256
static char *buf; /* BUF_SIZE bytes, from the heap while a case runs */

static void event(char c)
{
	size_t n = strlen(events);
	if (n + 1 < sizeof events) {
		events[n] = c;
		events[n + 1] = '\0';
	}
}

static struct platform_device *add_dev(struct kunit *test, const char *name)
{
	struct platform_device *pdev = platform_device_register_simple(name, PLATFORM_DEVID_NONE,
								       NULL, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, pdev);
	for (int i = 0; i < MAX_REG; i++)
		if (!devs[i]) {
			devs[i] = pdev;
			break;
		}
	return pdev;
}

static void del_dev(struct platform_device *pdev)
{
	for (int i = 0; i < MAX_REG; i++)
		if (devs[i] == pdev)
			devs[i] = NULL;
	platform_device_unregister(pdev);
}

static void add_drv(struct kunit *test, struct platform_driver *drv)
{
	KUNIT_ASSERT_EQ(test, platform_driver_register(drv), 0);
	for (int i = 0; i < MAX_REG; i++)
		if (!drvs[i]) {
			drvs[i] = drv;
			break;
		}
}

static int dc_init(struct kunit *test)
{
	buf = kzalloc(BUF_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memset(devs, 0, sizeof devs);
	memset(drvs, 0, sizeof drvs);
	events[0] = '\0';
	return 0;
}

/* Whatever a case registered goes, devices first, newest first. */
static void dc_exit(struct kunit *test)
{
	for (int i = MAX_REG - 1; i >= 0; i--)
		if (devs[i])
			del_dev(devs[i]);
	for (int i = MAX_REG - 1; i >= 0; i--)
		if (drvs[i]) {
			platform_driver_unregister(drvs[i]);
			drvs[i] = NULL;
		}
	kfree(buf);
	buf = NULL;
}


/* The file into buf (KUnit's helper): its length or an errno. */
static ssize_t read_file(const char *path)
{
	return kunit_read_file(path, buf, BUF_SIZE);
}

static ssize_t write_file(const char *path, const char *text)
{
	return kunit_write_file(path, text);
}

static bool exists(const char *path)
{
	struct kernfs_node *kn;
	return !kernfs_walk(path, false, &kn);
}

static const char *link_target(const char *path)
{
	struct kernfs_node *kn;
	if (kernfs_walk(path, false, &kn) || kernfs_type(kn) != KERNFS_LINK)
		return "(not a link)";
	kernfs_link_target(kn, buf, BUF_SIZE);
	return buf;
}

struct log_find {
	const char *want;
	bool found;
};

static void log_match(void *arg, const char *line, unsigned int len)
{
	struct log_find *f = arg;
	(void)len;
	if (strstr(line, f->want))
		f->found = true;
}

static bool log_has(const char *s)
{
	struct log_find f = { .want = s };
	log_buf_for_each(log_match, &f);
	return f.found;
}

/* ---- binding ----------------------------------------------------------------- */

static int a_probe(struct platform_device *pdev)
{
	(void)pdev;
	event('P');
	return 0;
}

static void a_remove(struct platform_device *pdev)
{
	(void)pdev;
	event('R');
}

static struct platform_driver a_driver = {
	.probe = a_probe,
	.remove = a_remove,
	.driver = { .name = "pmfw-test-a" },
};

static void bind_by_name_and_sysfs(struct kunit *test)
{
	add_drv(test, &a_driver);
	struct platform_device *pdev = add_dev(test, "pmfw-test-a");
	KUNIT_EXPECT_STREQ(test, events, "P");
	KUNIT_EXPECT_PTR_EQ(test, pdev->dev.driver, &a_driver.driver);
	KUNIT_EXPECT_STREQ(test, link_target("/sys/devices/platform/pmfw-test-a/driver"),
			   "../../../bus/platform/drivers/pmfw-test-a");
	KUNIT_EXPECT_STREQ(test, link_target("/sys/bus/platform/drivers/pmfw-test-a/pmfw-test-a"),
			   "../../../../devices/platform/pmfw-test-a");
	KUNIT_EXPECT_STREQ(test, link_target("/sys/bus/platform/devices/pmfw-test-a"),
			   "../../../devices/platform/pmfw-test-a");
	KUNIT_EXPECT_STREQ(test, link_target("/sys/devices/platform/pmfw-test-a/subsystem"),
			   "../../../bus/platform");
	KUNIT_EXPECT_TRUE(test, exists("/sys/devices/platform/pmfw-test-a/power"));
	KUNIT_EXPECT_EQ(test, read_file("/sys/devices/platform/pmfw-test-a/modalias"), 21);
	KUNIT_EXPECT_STREQ(test, buf, "platform:pmfw-test-a\n");

	/* unbind and bind, as a user would. */
	KUNIT_EXPECT_EQ(test, write_file("/sys/bus/platform/drivers/pmfw-test-a/unbind",
					 "pmfw-test-a\n"), 12);
	KUNIT_EXPECT_STREQ(test, events, "PR");
	KUNIT_EXPECT_NULL(test, pdev->dev.driver);
	KUNIT_EXPECT_FALSE(test, exists("/sys/devices/platform/pmfw-test-a/driver"));
	KUNIT_EXPECT_FALSE(test, exists("/sys/bus/platform/drivers/pmfw-test-a/pmfw-test-a"));
	KUNIT_EXPECT_EQ(test, write_file("/sys/bus/platform/drivers/pmfw-test-a/unbind",
					 "pmfw-test-a"), -ENODEV);
	KUNIT_EXPECT_EQ(test, write_file("/sys/bus/platform/drivers/pmfw-test-a/bind",
					 "pmfw-test-a"), 11);
	KUNIT_EXPECT_STREQ(test, events, "PRP");
	KUNIT_EXPECT_EQ(test, write_file("/sys/bus/platform/drivers/pmfw-test-a/bind",
					 "pmfw-test-a"), -EBUSY);
	KUNIT_EXPECT_EQ(test, write_file("/sys/bus/platform/drivers/pmfw-test-a/bind", "nope"),
			-ENODEV);

	/* Removing the device unbinds it first. */
	del_dev(pdev);
	KUNIT_EXPECT_STREQ(test, events, "PRPR");
	KUNIT_EXPECT_FALSE(test, exists("/sys/devices/platform/pmfw-test-a"));
	KUNIT_EXPECT_FALSE(test, exists("/sys/bus/platform/devices/pmfw-test-a"));
	/* And removing the driver unbinds what it has. */
	pdev = add_dev(test, "pmfw-test-a");
	platform_driver_unregister(&a_driver);
	drvs[0] = NULL;
	KUNIT_EXPECT_STREQ(test, events, "PRPRPR");
	KUNIT_EXPECT_NULL(test, pdev->dev.driver);
	KUNIT_EXPECT_FALSE(test, exists("/sys/bus/platform/drivers/pmfw-test-a"));
}

static void driver_registered_twice(struct kunit *test)
{
	add_drv(test, &a_driver);
	KUNIT_EXPECT_EQ(test, platform_driver_register(&a_driver), -EBUSY);
	KUNIT_EXPECT_TRUE(test, log_has("Error: Driver 'pmfw-test-a' is already registered, aborting..."));
}

/* ---- deferred probe ---------------------------------------------------------- */

static struct platform_device *supplier;

static int consumer_probe(struct platform_device *pdev)
{
	if (!supplier || !supplier->dev.driver) {
		event('c');
		return dev_err_probe(&pdev->dev, -EPROBE_DEFER, "waiting for %s\n",
				     "pmfw-test-supplier");
	}
	event('C');
	return 0;
}

static int supplier_probe(struct platform_device *pdev)
{
	(void)pdev;
	event('S');
	return 0;
}

static struct platform_driver consumer_driver = {
	.probe = consumer_probe,
	.driver = { .name = "pmfw-test-consumer" },
};

static struct platform_driver supplier_driver = {
	.probe = supplier_probe,
	.driver = { .name = "pmfw-test-supplier" },
};

static void deferred_until_supplier_binds(struct kunit *test)
{
	supplier = NULL;
	add_drv(test, &consumer_driver);
	struct platform_device *consumer = add_dev(test, "pmfw-test-consumer");
	KUNIT_EXPECT_STREQ(test, events, "c");
	KUNIT_EXPECT_NULL(test, consumer->dev.driver);
	KUNIT_EXPECT_GT(test, read_file("/sys/kernel/debug/devices_deferred"), 0);
	KUNIT_EXPECT_STREQ(test, buf,
			   "pmfw-test-consumer\tpmfw-test-consumer: waiting for pmfw-test-supplier\n");
	/* The supplier's device alone changes nothing: no probe succeeded. */
	supplier = add_dev(test, "pmfw-test-supplier");
	KUNIT_EXPECT_STREQ(test, events, "c");
	/* Its driver binds it, and the consumer is probed again at once. */
	add_drv(test, &supplier_driver);
	KUNIT_EXPECT_STREQ(test, events, "cSC");
	KUNIT_EXPECT_PTR_EQ(test, consumer->dev.driver, &consumer_driver.driver);
	KUNIT_EXPECT_EQ(test, read_file("/sys/kernel/debug/devices_deferred"), 0);
	supplier = NULL;
}

/* A needs B needs C: one driver for the three (by its id_table). */
static const struct platform_device_id chain_ids[] = {
	{ "pmfw-chain-a", 0 }, { "pmfw-chain-b", 1 }, { "pmfw-chain-c", 2 }, { /* sentinel */ },
};
static struct platform_device *chain[3];

static bool bound(const char *name)
{
	struct device *dev = bus_find_device_by_name(&platform_bus_type, NULL, name);
	bool b = dev && dev->driver;
	put_device(dev);
	return b;
}

static int chain_probe(struct platform_device *pdev)
{
	unsigned long i = pdev->id_entry->driver_data;
	if (i < 2 && !bound(chain_ids[i + 1].name)) {
		event((char)('a' + i));
		return -EPROBE_DEFER;
	}
	event((char)('A' + i));
	return 0;
}

static struct platform_driver chain_driver = {
	.probe = chain_probe,
	.id_table = chain_ids,
	.driver = { .name = "pmfw-test-chain" },
};

static void deferred_chain_in_one_pass(struct kunit *test)
{
	memset(chain, 0, sizeof chain);
	add_drv(test, &chain_driver);
	chain[0] = add_dev(test, "pmfw-chain-a");
	chain[1] = add_dev(test, "pmfw-chain-b");
	KUNIT_EXPECT_STREQ(test, events, "ab");
	chain[2] = add_dev(test, "pmfw-chain-c");
	/* C binds; A (pending first) still waits for B; B binds; A binds. */
	KUNIT_EXPECT_STREQ(test, events, "abCaBA");
	for (int i = 0; i < 3; i++)
		KUNIT_EXPECT_PTR_EQ(test, chain[i]->dev.driver, &chain_driver.driver);
	memset(chain, 0, sizeof chain);
}

/* ---- devres ------------------------------------------------------------------ */

static int fail_with;

static void note(void *data)
{
	event(*(const char *)data);
}

static int managed_probe(struct platform_device *pdev)
{
	char *mem = devm_kzalloc(&pdev->dev, 64, GFP_KERNEL);
	if (!mem)
		return -ENOMEM;
	int err = devm_add_action(&pdev->dev, note, "1");
	if (!err)
		err = devm_add_action(&pdev->dev, note, "2");
	if (err)
		return err;
	event('P');
	return fail_with;
}

static struct platform_driver managed_driver = {
	.probe = managed_probe,
	.remove = a_remove,
	.driver = { .name = "pmfw-test-managed" },
};

static void devres_released_when_probe_fails(struct kunit *test)
{
	fail_with = -EIO;
	add_drv(test, &managed_driver);
	struct platform_device *pdev = add_dev(test, "pmfw-test-managed");
	KUNIT_EXPECT_STREQ(test, events, "P21");
	KUNIT_EXPECT_NULL(test, pdev->dev.driver);
	KUNIT_EXPECT_TRUE(test, list_empty(&pdev->dev.devres_head));
	KUNIT_EXPECT_FALSE(test, exists("/sys/devices/platform/pmfw-test-managed/driver"));
	KUNIT_EXPECT_TRUE(test, log_has("pmfw-test-managed pmfw-test-managed: probe with driver "
					"pmfw-test-managed failed with error -5"));
	/* A deferral releases them as well. */
	fail_with = -EPROBE_DEFER;
	events[0] = '\0';
	KUNIT_EXPECT_EQ(test, write_file("/sys/bus/platform/drivers/pmfw-test-managed/bind",
					 "pmfw-test-managed"), -EPROBE_DEFER);
	KUNIT_EXPECT_STREQ(test, events, "P21");
	KUNIT_EXPECT_TRUE(test, list_empty(&pdev->dev.devres_head));
	fail_with = 0;
}

static void devres_released_after_remove(struct kunit *test)
{
	fail_with = 0;
	add_drv(test, &managed_driver);
	struct platform_device *pdev = add_dev(test, "pmfw-test-managed");
	KUNIT_EXPECT_STREQ(test, events, "P");
	KUNIT_EXPECT_FALSE(test, list_empty(&pdev->dev.devres_head));
	KUNIT_EXPECT_EQ(test, write_file("/sys/bus/platform/drivers/pmfw-test-managed/unbind",
					 "pmfw-test-managed"), 17);
	KUNIT_EXPECT_STREQ(test, events, "PR21");
	KUNIT_EXPECT_TRUE(test, list_empty(&pdev->dev.devres_head));
}

struct thing {
	int v;
};

static void thing_release(struct device *dev, void *res)
{
	(void)dev;
	event((char)('0' + ((struct thing *)res)->v));
}

static int thing_match(struct device *dev, void *res, void *data)
{
	(void)dev;
	return ((struct thing *)res)->v == *(int *)data;
}

static void devres_api(struct kunit *test)
{
	struct platform_device *pdev = add_dev(test, "pmfw-test-devres");
	struct device *dev = &pdev->dev;
	for (int v = 1; v <= 3; v++) {
		struct thing *t = devres_alloc(thing_release, sizeof *t, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, t);
		t->v = v;
		devres_add(dev, t);
	}
	int two = 2, nine = 9;
	struct thing *t = devres_find(dev, thing_release, thing_match, &two);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, t->v, 2);
	KUNIT_EXPECT_NULL(test, devres_find(dev, thing_release, thing_match, &nine));
	/* Without a match function: the newest. */
	t = devres_find(dev, thing_release, NULL, NULL);
	KUNIT_EXPECT_EQ(test, t->v, 3);
	KUNIT_EXPECT_EQ(test, devres_release(dev, thing_release, thing_match, &two), 0);
	KUNIT_EXPECT_STREQ(test, events, "2");
	KUNIT_EXPECT_EQ(test, devres_destroy(dev, thing_release, thing_match, &two), -ENOENT);
	KUNIT_EXPECT_EQ(test, devres_destroy(dev, thing_release, NULL, NULL), 0);
	KUNIT_EXPECT_STREQ(test, events, "2");
	void *p = devm_kmalloc(dev, 10, GFP_KERNEL);
	char *s = devm_kasprintf(dev, GFP_KERNEL, "%s-%d", "x", 5);
	KUNIT_EXPECT_STREQ(test, s, "x-5");
	devm_kfree(dev, p);
	KUNIT_EXPECT_EQ(test, devm_add_action(dev, note, "a"), 0);
	KUNIT_EXPECT_EQ(test, devm_add_action_or_reset(dev, note, "b"), 0);
	KUNIT_EXPECT_EQ(test, devm_add_action(dev, note, "c"), 0);
	devm_remove_action(dev, note, "c");
	devm_release_action(dev, note, "b");
	KUNIT_EXPECT_STREQ(test, events, "2b");
	/* The device goes: what is left is released, newest first. */
	del_dev(pdev);
	KUNIT_EXPECT_STREQ(test, events, "2ba1");
}

/* ---- messages and overrides -------------------------------------------------- */

static void dev_printk_prefix(struct kunit *test)
{
	struct platform_device *pdev = add_dev(test, "pmfw-test-msg");
	dev_info(&pdev->dev, "unbound says %d\n", 1);
	KUNIT_EXPECT_TRUE(test, log_has("platform pmfw-test-msg: unbound says 1"));
	pdev->driver_override = kstrdup("pmfw-test-a", GFP_KERNEL);
	add_drv(test, &a_driver);
	KUNIT_EXPECT_STREQ(test, events, "P");
	dev_warn(&pdev->dev, "bound says %d\n", 2);
	KUNIT_EXPECT_TRUE(test, log_has("pmfw-test-a pmfw-test-msg: bound says 2"));
	KUNIT_EXPECT_EQ(test, dev_err_probe(&pdev->dev, -ENOENT, "no %s\n", "clock"), -ENOENT);
	KUNIT_EXPECT_TRUE(test, log_has("pmfw-test-a pmfw-test-msg: error -ENOENT: no clock"));
}

static void driver_override_by_sysfs(struct kunit *test)
{
	add_drv(test, &a_driver);
	struct platform_device *pdev = add_dev(test, "pmfw-test-other");
	KUNIT_EXPECT_NULL(test, pdev->dev.driver);
	KUNIT_EXPECT_EQ(test, read_file("/sys/devices/platform/pmfw-test-other/driver_override"), 7);
	KUNIT_EXPECT_STREQ(test, buf, "(null)\n");
	KUNIT_EXPECT_EQ(test, write_file("/sys/devices/platform/pmfw-test-other/driver_override",
					 "pmfw-test-a\n"), 12);
	KUNIT_EXPECT_EQ(test, write_file("/sys/bus/platform/drivers_probe", "pmfw-test-other"), 15);
	KUNIT_EXPECT_PTR_EQ(test, pdev->dev.driver, &a_driver.driver);
	KUNIT_EXPECT_STREQ(test, events, "P");
}

/* ---- runtime PM around binding ---------------------------------------------- */

static int rpm_suspend_cb(struct device *dev)
{
	(void)dev;
	event('s');
	return 0;
}

static int rpm_resume_cb(struct device *dev)
{
	(void)dev;
	event('r');
	return 0;
}

static const struct dev_pm_ops rpm_pm_ops = {
	RUNTIME_PM_OPS(rpm_suspend_cb, rpm_resume_cb, NULL)
};

static int rpm_probe(struct platform_device *pdev)
{
	pm_runtime_set_active(&pdev->dev);
	pm_runtime_enable(&pdev->dev);
	event('P');
	return 0;
}

static void rpm_remove(struct platform_device *pdev)
{
	pm_runtime_disable(&pdev->dev);
	event('R');
}

static struct platform_driver rpm_driver = {
	.probe = rpm_probe,
	.remove = rpm_remove,
	.driver = { .name = "pmfw-test-rpm", .pm = &rpm_pm_ops },
};

static void runtime_pm_around_binding(struct kunit *test)
{
	add_drv(test, &rpm_driver);
	struct platform_device *pdev = add_dev(test, "pmfw-test-rpm");
	/* The idle request after probe runs from pm_wq. */
	msleep(10);
	KUNIT_EXPECT_STREQ(test, events, "Ps");
	KUNIT_EXPECT_EQ(test, pdev->dev.power.runtime_status, RPM_SUSPENDED);
	KUNIT_EXPECT_EQ(test, write_file("/sys/bus/platform/drivers/pmfw-test-rpm/unbind",
					 "pmfw-test-rpm"), 13);
	/* Resumed while its links go, then (unused again: Linux puts it
	 * before remove()) suspended, then removed. */
	KUNIT_EXPECT_STREQ(test, events, "PsrsR");
	KUNIT_EXPECT_EQ(test, pdev->dev.power.runtime_status, RPM_SUSPENDED);
	KUNIT_EXPECT_FALSE(test, pm_runtime_enabled(&pdev->dev));
	KUNIT_EXPECT_EQ(test, atomic_read(&pdev->dev.power.usage_count), 0);
}

static struct kunit_case driver_core_cases[] = {
	KUNIT_CASE(bind_by_name_and_sysfs),
	KUNIT_CASE(driver_registered_twice),
	KUNIT_CASE(deferred_until_supplier_binds),
	KUNIT_CASE(deferred_chain_in_one_pass),
	KUNIT_CASE(devres_released_when_probe_fails),
	KUNIT_CASE(devres_released_after_remove),
	KUNIT_CASE(devres_api),
	KUNIT_CASE(dev_printk_prefix),
	KUNIT_CASE(driver_override_by_sysfs),
	KUNIT_CASE(runtime_pm_around_binding),
	{ 0 },
};

static struct kunit_suite driver_core_suite = {
	.name = "driver_core",
	.init = dc_init,
	.exit = dc_exit,
	.test_cases = driver_core_cases,
};
kunit_test_suite(driver_core_suite);
