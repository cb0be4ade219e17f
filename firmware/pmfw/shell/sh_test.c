/*
 * KUnit suite "shell": command lines run as init's are, their console
 * output captured. Unknown commands, missing files and bad writes are
 * reported as Linux's userland reports them, with their statuses; echo
 * with and without -n, quoting and ';'; a syntax error runs nothing of
 * its line; ls in name order, ls -l with modes and link targets; a
 * redirection without a command writes nothing.
 */
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <pmfw/shell.h>

#define OUT_SIZE 1024
static char *out; /* OUT_SIZE bytes, from the heap while the suite runs */
static struct sh_capture cap;
static int value;

static int run(const char *text)
{
	cap = (struct sh_capture){ .buf = out, .size = OUT_SIZE };
	out[0] = '\0';
	return shell_run(text);
}

static ssize_t value_show(struct device *dev, struct device_attribute *attr, char *b)
{
	return sysfs_emit(b, "%d\n", value);
}

static ssize_t value_store(struct device *dev, struct device_attribute *attr, const char *b,
			   size_t count)
{
	int v, err = kstrtoint(b, 0, &v);
	if (err)
		return err;
	value = v;
	return (ssize_t)count;
}
static DEVICE_ATTR_RW(value);

static ssize_t ro_show(struct device *dev, struct device_attribute *attr, char *b)
{
	return sysfs_emit(b, "fixed\n");
}
static DEVICE_ATTR_RO(ro);

static struct attribute *sh_attrs[] = { &dev_attr_value.attr, &dev_attr_ro.attr, NULL };
ATTRIBUTE_GROUPS(sh);

static struct platform_device *pdev;

static int sh_test_init(struct kunit *test)
{
	out = kzalloc(OUT_SIZE, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	pdev = platform_device_alloc("pmfw-test-sh", PLATFORM_DEVID_NONE);
	if (!pdev)
		return -ENOMEM;
	pdev->dev.groups = sh_groups;
	if (platform_device_add(pdev)) {
		platform_device_put(pdev);
		pdev = NULL;
		return -ENODEV;
	}
	value = 7;
	shell_set_console(sh_capture, &cap);
	return 0;
}

static void sh_test_exit(struct kunit *test)
{
	shell_set_console(NULL, NULL);
	platform_device_unregister(pdev);
	pdev = NULL;
	kfree(out);
	out = NULL;
}

#define VALUE "/sys/devices/platform/pmfw-test-sh/value"
#define RO "/sys/devices/platform/pmfw-test-sh/ro"

static void errors_and_statuses(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run("nope"), 127);
	KUNIT_EXPECT_STREQ(test, out, "sh: nope: not found\n");
	KUNIT_EXPECT_EQ(test, run("cat /nothing"), 1);
	KUNIT_EXPECT_STREQ(test, out, "cat: /nothing: No such file or directory\n");
	KUNIT_EXPECT_EQ(test, run("cat /sys"), 1);
	KUNIT_EXPECT_STREQ(test, out, "cat: /sys: Is a directory\n");
	KUNIT_EXPECT_EQ(test, run("ls /sys/x /sys/bus/nope"), 2);
	KUNIT_EXPECT_STREQ(test, out, "ls: cannot access '/sys/x': No such file or directory\n"
				      "ls: cannot access '/sys/bus/nope': No such file or directory\n");
	KUNIT_EXPECT_EQ(test, run(VALUE "/x"), 127);
	/* The status of a line is its last command's. */
	KUNIT_EXPECT_EQ(test, run("nope; echo -n"), 0);
}

static void echo_into_sysfs(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run("echo 42 > " VALUE), 0);
	KUNIT_EXPECT_STREQ(test, out, "");
	KUNIT_EXPECT_EQ(test, value, 42);
	KUNIT_EXPECT_EQ(test, run("cat " VALUE), 0);
	KUNIT_EXPECT_STREQ(test, out, "42\n");
	KUNIT_EXPECT_EQ(test, run("echo -n 0x10 >" VALUE), 0);
	KUNIT_EXPECT_EQ(test, value, 16);
	/* The store's errno, as the writer sees it; the value stays. */
	KUNIT_EXPECT_EQ(test, run("echo x > " VALUE), 1);
	KUNIT_EXPECT_STREQ(test, out, "echo: write error: Invalid argument\n");
	KUNIT_EXPECT_EQ(test, run("echo 99999999999 > " VALUE), 1);
	KUNIT_EXPECT_STREQ(test, out, "echo: write error: Numerical result out of range\n");
	KUNIT_EXPECT_EQ(test, value, 16);
	/* A file that cannot be opened for writing: the command does not run. */
	KUNIT_EXPECT_EQ(test, run("nope > " RO), 1);
	KUNIT_EXPECT_STREQ(test, out, "sh: can't create " RO ": Permission denied\n");
	KUNIT_EXPECT_EQ(test, run("echo 1 > /sys/devices/platform/pmfw-test-sh/new"), 1);
	KUNIT_EXPECT_STREQ(test, out, "sh: can't create /sys/devices/platform/pmfw-test-sh/new: "
				      "Permission denied\n");
	KUNIT_EXPECT_EQ(test, run("echo 1 > /sys/nodir/new"), 1);
	KUNIT_EXPECT_STREQ(test, out, "sh: can't create /sys/nodir/new: No such file or directory\n");
	KUNIT_EXPECT_EQ(test, run("echo 1 > " RO "/x"), 1);
	KUNIT_EXPECT_STREQ(test, out, "sh: can't create " RO "/x: Not a directory\n");
	KUNIT_EXPECT_EQ(test, run("echo 1 > /sys"), 1);
	KUNIT_EXPECT_STREQ(test, out, "sh: can't create /sys: Is a directory\n");
	/* A redirection alone opens the file and writes nothing. */
	KUNIT_EXPECT_EQ(test, run("> " VALUE), 0);
	KUNIT_EXPECT_EQ(test, value, 16);
}

static void words_and_lines(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run("echo -n 'a  b' \"c;d\"; echo e\necho  f\\ g"), 0);
	KUNIT_EXPECT_STREQ(test, out, "a  b c;de\nf g\n");
	/* A syntax error: nothing of its line runs, and the text ends. */
	KUNIT_EXPECT_EQ(test, run("echo a; echo \"b"), 2);
	KUNIT_EXPECT_STREQ(test, out, "sh: syntax error: unterminated quoted string\n");
	KUNIT_EXPECT_EQ(test, run("echo a\necho >\necho c"), 2);
	KUNIT_EXPECT_STREQ(test, out, "a\nsh: syntax error: unexpected newline\n");
	KUNIT_EXPECT_EQ(test, run("# nothing at all"), 2);
}

static void listing(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, run("ls /sys/devices/platform/pmfw-test-sh"), 0);
	KUNIT_EXPECT_STREQ(test, out, "driver_override\nmodalias\npower\nro\nsubsystem\nvalue\n");
	KUNIT_EXPECT_EQ(test, run("ls -l /sys/devices/platform/pmfw-test-sh"), 0);
	KUNIT_EXPECT_STREQ(test, out,
			   "-rw-r--r-- driver_override\n"
			   "-r--r--r-- modalias\n"
			   "drwxr-xr-x power\n"
			   "-r--r--r-- ro\n"
			   "lrwxrwxrwx subsystem -> ../../../bus/platform\n"
			   "-rw-r--r-- value\n");
	KUNIT_EXPECT_EQ(test, run("ls " RO), 0);
	KUNIT_EXPECT_STREQ(test, out, RO "\n");
	KUNIT_EXPECT_EQ(test, run("ls -l /sys/bus/platform/devices/pmfw-test-sh"), 0);
	KUNIT_EXPECT_STREQ(test, out, "lrwxrwxrwx /sys/bus/platform/devices/pmfw-test-sh -> "
				      "../../../devices/platform/pmfw-test-sh\n");
	KUNIT_EXPECT_EQ(test, run("ls /"), 0);
	KUNIT_EXPECT_STREQ(test, out, "dev\nsys\n");
	KUNIT_EXPECT_EQ(test, run("ls /sys/devices/platform/pmfw-test-sh/power " RO), 0);
	KUNIT_EXPECT_PTR_EQ(test, strstr(out, RO "\n\n/sys/devices/platform/pmfw-test-sh/power:\n"),
			    out);
	KUNIT_EXPECT_NOT_NULL(test, strstr(out, "\nruntime_status\n"));
	KUNIT_EXPECT_EQ(test, run("help"), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(out, "\n  cat FILE...            print files\n"));
}

static struct kunit_case shell_cases[] = {
	KUNIT_CASE(errors_and_statuses),
	KUNIT_CASE(echo_into_sysfs),
	KUNIT_CASE(words_and_lines),
	KUNIT_CASE(listing),
	{ 0 },
};

static struct kunit_suite shell_suite = {
	.name = "shell",
	.init = sh_test_init,
	.exit = sh_test_exit,
	.test_cases = shell_cases,
};
kunit_test_suite(shell_suite);
