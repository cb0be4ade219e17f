/*
 * System sleep's user interface (Linux's kernel/power/main.c): the
 * files of /sys/power and the statistics.
 *
 *   state          the states offered ("freeze standby mem"); writing
 *                  one suspends (mem goes to mem_sleep's choice)
 *   mem_sleep      what "mem" means: "[s2idle] shallow deep", the ones
 *                  the platform supports, the current in brackets
 *   pm_test        "[none] core processors platform devices freezer"
 *   pm_freeze_timeout  the freezer's timeout, ms (Linux's, 20000)
 *   wakeup_count   Linux's protocol: read, write the value back (refused
 *                  with EINVAL if a wake-up event came in since), then
 *                  suspend: an event after that aborts the suspend
 *   pm_wakeup_irq  the interrupt that woke the system last
 *   suspend_stats/ success, fail, failed_*, last_failed_dev/errno/step
 * and /sys/kernel/debug/suspend_stats in Linux's format. pm_test_delay
 * (seconds, Linux's module parameter of 5) is
 * /sys/module/suspend/parameters/pm_test_delay and the kernel parameter
 * suspend.pm_test_delay=.
 */
#include <linux/debugfs.h>
#include <linux/errno.h>
#include <linux/freezer.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/pm_wakeup.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "power.h"

struct kobject *power_kobj;
struct suspend_stats suspend_stats;
int pm_test_level = TEST_NONE;
const char *const pm_tests[__TEST_AFTER_LAST] = {
	[TEST_NONE] = "none",
	[TEST_CORE] = "core",
	[TEST_CPUS] = "processors",
	[TEST_PLATFORM] = "platform",
	[TEST_DEVICES] = "devices",
	[TEST_FREEZER] = "freezer",
};

static const char *const suspend_step_names[] = {
	[SUSPEND_NONE] = "",
	[SUSPEND_FREEZE] = "freeze",
	[SUSPEND_PREPARE] = "prepare",
	[SUSPEND_SUSPEND] = "suspend",
	[SUSPEND_SUSPEND_LATE] = "suspend_late",
	[SUSPEND_SUSPEND_NOIRQ] = "suspend_noirq",
	[SUSPEND_RESUME_NOIRQ] = "resume_noirq",
	[SUSPEND_RESUME_EARLY] = "resume_early",
	[SUSPEND_RESUME] = "resume",
};

const char *suspend_step_name(enum suspend_stat_step step)
{
	return (unsigned int)step < ARRAY_SIZE(suspend_step_names) ? suspend_step_names[step] : "";
}

void dpm_save_failed_dev(const char *name)
{
	strscpy(suspend_stats.failed_devs[suspend_stats.last_failed_dev], name,
		sizeof suspend_stats.failed_devs[0]);
	suspend_stats.last_failed_dev = (suspend_stats.last_failed_dev + 1) % REC_FAILED_NUM;
}

void dpm_save_failed_errno(int err)
{
	suspend_stats.errno[suspend_stats.last_failed_errno] = err;
	suspend_stats.last_failed_errno = (suspend_stats.last_failed_errno + 1) % REC_FAILED_NUM;
}

void dpm_save_failed_step(enum suspend_stat_step step)
{
	suspend_stats.failed_steps[suspend_stats.last_failed_step] = step;
	suspend_stats.last_failed_step = (suspend_stats.last_failed_step + 1) % REC_FAILED_NUM;
}

/* ---- /sys/power -------------------------------------------------------------------- */

#define power_attr(_name)                                                              \
	static struct kobj_attribute _name##_attr = {                                  \
		.attr = { .name = __stringify(_name), .mode = 0644 },                  \
		.show = _name##_show,                                                  \
		.store = _name##_store,                                                \
	}
/* A file showing and setting an unsigned int variable, in decimal. */
#define power_attr_uint(_name, _var)                                                   \
	static ssize_t _name##_show(struct kobject *kobj, struct kobj_attribute *attr,  \
				    char *buf)                                          \
	{                                                                              \
		return sprintf(buf, "%u\n", _var);                                     \
	}                                                                              \
	static ssize_t _name##_store(struct kobject *kobj, struct kobj_attribute *attr, \
				     const char *buf, size_t n)                         \
	{                                                                              \
		unsigned int val;                                                      \
		if (kstrtouint(buf, 10, &val))                                         \
			return -EINVAL;                                                \
		_var = val;                                                            \
		return (ssize_t)n;                                                     \
	}                                                                              \
	power_attr(_name)
#define power_attr_ro(_name)                                                           \
	static struct kobj_attribute _name##_attr = {                                  \
		.attr = { .name = __stringify(_name), .mode = 0444 },                  \
		.show = _name##_show,                                                  \
	}

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	char *s = buf;
	for (suspend_state_t i = PM_SUSPEND_MIN; i < PM_SUSPEND_MAX; i++)
		if (pm_states[i])
			s += sprintf(s, "%s ", pm_states[i]);
	if (s != buf)
		*(s - 1) = '\n';
	return s - buf;
}

static suspend_state_t decode_state(const char *buf, size_t n)
{
	const char *p = memchr(buf, '\n', n);
	size_t len = p ? (size_t)(p - buf) : n;
	for (suspend_state_t s = PM_SUSPEND_MIN; s < PM_SUSPEND_MAX; s++) {
		const char *label = pm_states[s];
		if (label && len == strlen(label) && !strncmp(buf, label, len))
			return s;
	}
	return PM_SUSPEND_ON;
}

static ssize_t state_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			   size_t n)
{
	suspend_state_t state = decode_state(buf, n);
	int error;
	if (state < PM_SUSPEND_MIN)
		return -EINVAL;
	if (state == PM_SUSPEND_MEM)
		state = mem_sleep_current;
	error = pm_suspend(state);
	return error ? error : (ssize_t)n;
}
power_attr(state);

static ssize_t mem_sleep_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	char *s = buf;
	for (suspend_state_t i = PM_SUSPEND_MIN; i < PM_SUSPEND_MAX; i++) {
		if (!mem_sleep_states[i])
			continue;
		const char *label = mem_sleep_states[i];
		if (mem_sleep_current == i)
			s += sprintf(s, "[%s] ", label);
		else
			s += sprintf(s, "%s ", label);
	}
	if (s != buf)
		*(s - 1) = '\n';
	return s - buf;
}

static ssize_t mem_sleep_store(struct kobject *kobj, struct kobj_attribute *attr,
			       const char *buf, size_t n)
{
	const char *p = memchr(buf, '\n', n);
	size_t len = p ? (size_t)(p - buf) : n;
	for (suspend_state_t s = PM_SUSPEND_MIN; s < PM_SUSPEND_MAX; s++) {
		const char *label = mem_sleep_states[s];
		if (label && len == strlen(label) && !strncmp(buf, label, len)) {
			mem_sleep_current = s;
			return (ssize_t)n;
		}
	}
	return -EINVAL;
}
power_attr(mem_sleep);

static ssize_t pm_test_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	char *s = buf;
	for (int level = TEST_FIRST; level <= TEST_MAX; level++) {
		if (level == pm_test_level)
			s += sprintf(s, "[%s] ", pm_tests[level]);
		else
			s += sprintf(s, "%s ", pm_tests[level]);
	}
	if (s != buf)
		*(s - 1) = '\n';
	return s - buf;
}

static ssize_t pm_test_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			     size_t n)
{
	const char *p = memchr(buf, '\n', n);
	size_t len = p ? (size_t)(p - buf) : n;
	for (int level = TEST_FIRST; level <= TEST_MAX; level++) {
		if (len == strlen(pm_tests[level]) && !strncmp(buf, pm_tests[level], len)) {
			pm_test_level = level;
			return (ssize_t)n;
		}
	}
	return -EINVAL;
}
power_attr(pm_test);

power_attr_uint(pm_freeze_timeout, freeze_timeout_msecs);

static ssize_t wakeup_count_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	unsigned int val;
	return pm_get_wakeup_count(&val, true) ? sprintf(buf, "%u\n", val) : -EINTR;
}

static ssize_t wakeup_count_store(struct kobject *kobj, struct kobj_attribute *attr,
				  const char *buf, size_t n)
{
	unsigned int val;
	if (kstrtouint(buf, 10, &val) == 0 && pm_save_wakeup_count(val))
		return (ssize_t)n;
	return -EINVAL;
}
power_attr(wakeup_count);

static ssize_t pm_wakeup_irq_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return pm_wakeup_irq_valid ? sprintf(buf, "%u\n", pm_wakeup_irq) : -ENODATA;
}
power_attr_ro(pm_wakeup_irq);

static struct attribute *power_attrs[] = {
	&state_attr.attr,
	&pm_test_attr.attr,
	&pm_freeze_timeout_attr.attr,
	&wakeup_count_attr.attr,
	&mem_sleep_attr.attr,
	&pm_wakeup_irq_attr.attr,
	NULL,
};
static const struct attribute_group attr_group = { .attrs = power_attrs };

/* ---- /sys/power/suspend_stats ------------------------------------------------------ */

#define suspend_attr(_name)                                                            \
	static ssize_t _name##_show(struct kobject *kobj, struct kobj_attribute *attr,  \
				    char *buf)                                          \
	{                                                                              \
		return sprintf(buf, "%d\n", suspend_stats._name);                      \
	}                                                                              \
	static struct kobj_attribute _name = __ATTR_RO(_name)

suspend_attr(success);
suspend_attr(fail);
suspend_attr(failed_freeze);
suspend_attr(failed_prepare);
suspend_attr(failed_suspend);
suspend_attr(failed_suspend_late);
suspend_attr(failed_suspend_noirq);
suspend_attr(failed_resume);
suspend_attr(failed_resume_early);
suspend_attr(failed_resume_noirq);

#define suspend_attr_u64(_name)                                                        \
	static ssize_t _name##_show(struct kobject *kobj, struct kobj_attribute *attr,  \
				    char *buf)                                          \
	{                                                                              \
		return sprintf(buf, "%llu\n", (unsigned long long)suspend_stats._name);  \
	}                                                                              \
	static struct kobj_attribute _name = __ATTR_RO(_name)

suspend_attr_u64(last_hw_sleep);
suspend_attr_u64(total_hw_sleep);
suspend_attr_u64(max_hw_sleep);
suspend_attr_u64(last_suspend_latency);
suspend_attr_u64(last_resume_latency);

static ssize_t last_failed_dev_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	int index = (suspend_stats.last_failed_dev + REC_FAILED_NUM - 1) % REC_FAILED_NUM;
	return sprintf(buf, "%s\n", suspend_stats.failed_devs[index]);
}
static struct kobj_attribute last_failed_dev = __ATTR_RO(last_failed_dev);

static ssize_t last_failed_errno_show(struct kobject *kobj, struct kobj_attribute *attr,
				      char *buf)
{
	int index = (suspend_stats.last_failed_errno + REC_FAILED_NUM - 1) % REC_FAILED_NUM;
	return sprintf(buf, "%d\n", suspend_stats.errno[index]);
}
static struct kobj_attribute last_failed_errno = __ATTR_RO(last_failed_errno);

static ssize_t last_failed_step_show(struct kobject *kobj, struct kobj_attribute *attr,
				     char *buf)
{
	int index = (suspend_stats.last_failed_step + REC_FAILED_NUM - 1) % REC_FAILED_NUM;
	return sprintf(buf, "%s\n", suspend_step_name(suspend_stats.failed_steps[index]));
}
static struct kobj_attribute last_failed_step = __ATTR_RO(last_failed_step);

static struct attribute *suspend_attrs[] = {
	&success.attr,
	&fail.attr,
	&failed_freeze.attr,
	&failed_prepare.attr,
	&failed_suspend.attr,
	&failed_suspend_late.attr,
	&failed_suspend_noirq.attr,
	&failed_resume.attr,
	&failed_resume_early.attr,
	&failed_resume_noirq.attr,
	&last_failed_dev.attr,
	&last_failed_errno.attr,
	&last_failed_step.attr,
	&last_hw_sleep.attr,
	&total_hw_sleep.attr,
	&max_hw_sleep.attr,
	&last_suspend_latency.attr,
	&last_resume_latency.attr,
	NULL,
};

/* As Linux, the hardware-sleep and latency figures exist only where the
 * platform can measure them (max_hw_sleep set: here, a PMU with an
 * always-on counter). */
static umode_t suspend_attr_is_visible(struct kobject *kobj, struct attribute *attr, int idx)
{
	if (attr != &last_hw_sleep.attr && attr != &total_hw_sleep.attr &&
	    attr != &max_hw_sleep.attr && attr != &last_suspend_latency.attr &&
	    attr != &last_resume_latency.attr)
		return 0444;
	return suspend_stats.max_hw_sleep ? 0444 : 0;
}

static const struct attribute_group suspend_attr_group = {
	.name = "suspend_stats",
	.attrs = suspend_attrs,
	.is_visible = suspend_attr_is_visible,
};

void pm_report_hw_sleep_time(u64 t)
{
	suspend_stats.last_hw_sleep = t;
	suspend_stats.total_hw_sleep += t;
}

/* Platforms report it once they can measure (pmfw's PMU probes after
 * /sys/power exists): the files appear then. */
void pm_report_max_hw_sleep(u64 t)
{
	suspend_stats.max_hw_sleep = t;
	if (power_kobj)
		sysfs_update_group(power_kobj, &suspend_attr_group);
}

/* ---- /sys/module/suspend/parameters/pm_test_delay ----------------------------------- */

power_attr_uint(pm_test_delay, pm_test_delay);

static int __init pm_test_delay_setup(char *str)
{
	unsigned int val;
	if (kstrtouint(str, 10, &val))
		return 0;
	pm_test_delay = val;
	return 1;
}
__setup("suspend.pm_test_delay=", pm_test_delay_setup);

/* ---- /sys/kernel/debug/suspend_stats ------------------------------------------------- */

static int suspend_stats_show(struct seq_file *s, void *unused)
{
	int i, index, last_dev, last_errno, last_step;
	(void)unused;
	last_dev = (suspend_stats.last_failed_dev + REC_FAILED_NUM - 1) % REC_FAILED_NUM;
	last_errno = (suspend_stats.last_failed_errno + REC_FAILED_NUM - 1) % REC_FAILED_NUM;
	last_step = (suspend_stats.last_failed_step + REC_FAILED_NUM - 1) % REC_FAILED_NUM;
	seq_printf(s, "%s: %d\n%s: %d\n%s: %d\n%s: %d\n%s: %d\n%s: %d\n%s: %d\n%s: %d\n%s: %d\n%s: %d\n",
		   "success", suspend_stats.success, "fail", suspend_stats.fail,
		   "failed_freeze", suspend_stats.failed_freeze, "failed_prepare",
		   suspend_stats.failed_prepare, "failed_suspend", suspend_stats.failed_suspend,
		   "failed_suspend_late", suspend_stats.failed_suspend_late,
		   "failed_suspend_noirq", suspend_stats.failed_suspend_noirq, "failed_resume",
		   suspend_stats.failed_resume, "failed_resume_early",
		   suspend_stats.failed_resume_early, "failed_resume_noirq",
		   suspend_stats.failed_resume_noirq);
	seq_printf(s, "failures:\n  last_failed_dev:\t%-s\n", suspend_stats.failed_devs[last_dev]);
	for (i = 1; i < REC_FAILED_NUM; i++) {
		index = (last_dev + REC_FAILED_NUM - i) % REC_FAILED_NUM;
		seq_printf(s, "\t\t\t%-s\n", suspend_stats.failed_devs[index]);
	}
	seq_printf(s, "  last_failed_errno:\t%-d\n", suspend_stats.errno[last_errno]);
	for (i = 1; i < REC_FAILED_NUM; i++) {
		index = (last_errno + REC_FAILED_NUM - i) % REC_FAILED_NUM;
		seq_printf(s, "\t\t\t%-d\n", suspend_stats.errno[index]);
	}
	seq_printf(s, "  last_failed_step:\t%-s\n",
		   suspend_step_name(suspend_stats.failed_steps[last_step]));
	for (i = 1; i < REC_FAILED_NUM; i++) {
		index = (last_step + REC_FAILED_NUM - i) % REC_FAILED_NUM;
		seq_printf(s, "\t\t\t%-s\n", suspend_step_name(suspend_stats.failed_steps[index]));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(suspend_stats);

static int pm_init(void)
{
	power_kobj = kobject_create_and_add("power", NULL);
	if (!power_kobj)
		return -ENOMEM;
	int error = sysfs_create_group(power_kobj, &attr_group);
	if (error)
		return error;
	error = sysfs_create_group(power_kobj, &suspend_attr_group);
	if (error)
		return error;
	struct kobject *module = kobject_create_and_add("module", NULL);
	struct kobject *suspend = module ? kobject_create_and_add("suspend", module) : NULL;
	struct kobject *params = suspend ? kobject_create_and_add("parameters", suspend) : NULL;
	if (!params)
		return -ENOMEM;
	error = sysfs_create_file(params, &pm_test_delay_attr.attr);
	if (error)
		return error;
	debugfs_create_file("suspend_stats", 0444, NULL, NULL, &suspend_stats_fops);
	return 0;
}
core_initcall(pm_init);
