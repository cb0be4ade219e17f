/*
 * KUnit suite "sysfs": attributes of real devices. A device's groups
 * appear with it; a driver's dev_groups while it is bound; a group merged
 * into "power" (as runtime PM does) and taken out again. Reads and writes
 * go through the same calls as the shell's cat and echo: a store's errno
 * comes back to the writer and changes nothing; a read-only file cannot
 * be written. A long debugfs file reads as a stream in pieces no longer
 * than the seq_file buffer, and leaves the heap as it was.
 */
#include <kunit/test.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernfs.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>

#include "../../mm/slab.h"

#define BUF_SIZE 256
static char *buf; /* BUF_SIZE bytes, from the heap while a case runs */
static int value;

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
	return !kernfs_walk(path, true, &kn);
}

static ssize_t value_show(struct device *dev, struct device_attribute *attr, char *b)
{
	return sysfs_emit(b, "%d\n", value);
}

static ssize_t value_store(struct device *dev, struct device_attribute *attr, const char *b,
			   size_t count)
{
	int v, err = kstrtoint(b, 10, &v);
	if (err)
		return err;
	if (v < 0 || v > 1000)
		return -ERANGE;
	value = v;
	return (ssize_t)count;
}
static DEVICE_ATTR_RW(value);

static ssize_t name_show(struct device *dev, struct device_attribute *attr, char *b)
{
	return sysfs_emit(b, "%s\n", dev_name(dev));
}
static DEVICE_ATTR_RO(name);

static struct attribute *test_attrs[] = { &dev_attr_value.attr, &dev_attr_name.attr, NULL };
ATTRIBUTE_GROUPS(test);

static struct platform_device *pdev;

static int sysfs_test_init(struct kunit *test)
{
	buf = kzalloc(BUF_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	pdev = platform_device_alloc("pmfw-test-sysfs", PLATFORM_DEVID_NONE);
	if (!pdev)
		return -ENOMEM;
	pdev->dev.groups = test_groups;
	if (platform_device_add(pdev)) {
		platform_device_put(pdev);
		pdev = NULL;
		return -ENODEV;
	}
	value = 3;
	return 0;
}

static void sysfs_test_exit(struct kunit *test)
{
	platform_device_unregister(pdev);
	pdev = NULL;
	kfree(buf);
	buf = NULL;
}

#define DIR "/sys/devices/platform/pmfw-test-sysfs"

static void device_attributes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, read_file(DIR "/value"), 2);
	KUNIT_EXPECT_STREQ(test, buf, "3\n");
	KUNIT_EXPECT_EQ(test, write_file(DIR "/value", "250\n"), 4);
	KUNIT_EXPECT_EQ(test, value, 250);
	KUNIT_EXPECT_EQ(test, write_file(DIR "/value", "many\n"), -EINVAL);
	KUNIT_EXPECT_EQ(test, write_file(DIR "/value", "1001"), -ERANGE);
	KUNIT_EXPECT_EQ(test, write_file(DIR "/value", "99999999999"), -ERANGE);
	KUNIT_EXPECT_EQ(test, value, 250);
	KUNIT_EXPECT_EQ(test, read_file(DIR "/name"), 16);
	KUNIT_EXPECT_STREQ(test, buf, "pmfw-test-sysfs\n");
	KUNIT_EXPECT_EQ(test, write_file(DIR "/name", "x"), -EACCES);
	KUNIT_EXPECT_EQ(test, read_file(DIR "/nothing"), -ENOENT);
	KUNIT_EXPECT_EQ(test, read_file(DIR "/power"), -EISDIR);
	/* Through the bus's link too. */
	KUNIT_EXPECT_EQ(test, read_file("/sys/bus/platform/devices/pmfw-test-sysfs/value"), 4);
	KUNIT_EXPECT_STREQ(test, buf, "250\n");
}

static ssize_t bound_show(struct device *dev, struct device_attribute *attr, char *b)
{
	return sysfs_emit(b, "yes\n");
}
static DEVICE_ATTR_RO(bound);
static struct attribute *bound_attrs[] = { &dev_attr_bound.attr, NULL };
ATTRIBUTE_GROUPS(bound);

static int bound_probe(struct platform_device *p)
{
	return 0;
}

static struct platform_driver bound_driver = {
	.probe = bound_probe,
	.driver = { .name = "pmfw-test-sysfs", .dev_groups = bound_groups },
};

static void driver_dev_groups(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, exists(DIR "/bound"));
	KUNIT_ASSERT_EQ(test, platform_driver_register(&bound_driver), 0);
	KUNIT_EXPECT_EQ(test, read_file(DIR "/bound"), 4);
	platform_driver_unregister(&bound_driver);
	KUNIT_EXPECT_FALSE(test, exists(DIR "/bound"));
}

static ssize_t test_ctl_show(struct device *dev, struct device_attribute *attr, char *b)
{
	return sysfs_emit(b, "auto\n");
}
static DEVICE_ATTR_RO(test_ctl);
static struct attribute *runtime_attrs[] = { &dev_attr_test_ctl.attr, NULL };
static const struct attribute_group runtime_group = { .name = "power", .attrs = runtime_attrs };

static void power_group_merge(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, exists(DIR "/power"));
	KUNIT_EXPECT_EQ(test, sysfs_merge_group(&pdev->dev.kobj, &runtime_group), 0);
	KUNIT_EXPECT_EQ(test, read_file(DIR "/power/test_ctl"), 5);
	KUNIT_EXPECT_STREQ(test, buf, "auto\n");
	sysfs_unmerge_group(&pdev->dev.kobj, &runtime_group);
	KUNIT_EXPECT_FALSE(test, exists(DIR "/power/test_ctl"));
	KUNIT_EXPECT_TRUE(test, exists(DIR "/power/control")); /* runtime PM's own */
	KUNIT_EXPECT_TRUE(test, exists(DIR "/power"));
}

static int lines_show(struct seq_file *m, void *v)
{
	for (int i = 0; i < 100; i++)
		seq_printf(m, "%-10s %4d %8d\n", "line", i, i * i);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lines);

static size_t total, pieces, biggest;

static void count(void *arg, const char *s, size_t n)
{
	(void)arg;
	(void)s;
	total += n;
	pieces++;
	if (n > biggest)
		biggest = n;
}

static void long_read_streams(struct kunit *test)
{
	struct dentry *d = debugfs_create_file("pmfw-test-lines", 0444, NULL, NULL, &lines_fops);
	struct kmem_stats before, after;
	struct kernfs_node *kn;
	struct iov_iter to;
	KUNIT_ASSERT_EQ(test, kernfs_walk("/sys/kernel/debug/pmfw-test-lines", true, &kn), 0);
	total = pieces = biggest = 0;
	kmem_get_stats(&before);
	iov_iter_stream(&to, count, NULL);
	KUNIT_EXPECT_EQ(test, kernfs_read(kn, &to), 2500);
	kmem_get_stats(&after);
	KUNIT_EXPECT_EQ(test, total, 2500);
	KUNIT_EXPECT_LE(test, biggest, 256);
	KUNIT_EXPECT_GE(test, pieces, 10);
	KUNIT_EXPECT_EQ(test, after.free, before.free);
	debugfs_remove(d);
}

static struct kunit_case sysfs_cases[] = {
	KUNIT_CASE(device_attributes),
	KUNIT_CASE(driver_dev_groups),
	KUNIT_CASE(power_group_merge),
	KUNIT_CASE(long_read_streams),
	{ 0 },
};

static struct kunit_suite sysfs_suite = {
	.name = "sysfs",
	.init = sysfs_test_init,
	.exit = sysfs_test_exit,
	.test_cases = sysfs_cases,
};
kunit_test_suite(sysfs_suite);
