/*
 * Every device's "power" directory (Linux's drivers/base/power/sysfs.c,
 * Documentation/ABI/testing/sysfs-devices-power):
 *
 *   control                 "auto" (runtime PM may suspend it) or "on"
 *                           (pm_runtime_forbid: kept active); written too
 *   runtime_status          active, suspended, suspending, resuming,
 *                           error, or unsupported (runtime PM disabled)
 *   runtime_active_time     ms active since runtime PM was enabled
 *   runtime_suspended_time  ms suspended since then
 *   autosuspend_delay_ms    the delay (-EIO while autosuspend is not used);
 *                           written too
 *   runtime_usage, runtime_active_kids, runtime_enabled
 *                           (Linux's CONFIG_PM_ADVANCED_DEBUG files)
 *   wakeup, wakeup_count, wakeup_active_count, wakeup_abort_count,
 *   wakeup_expire_count, wakeup_active, wakeup_total_time_ms,
 *   wakeup_max_time_ms, wakeup_last_time_ms
 *                           once the device is wakeup-capable; "wakeup"
 *                           ("enabled"/"disabled") is written too
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/pm_runtime.h>
#include <linux/pm_wakeup.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "power.h"

static struct attribute *power_attrs[] = { NULL };

static const struct attribute_group pm_attr_group = {
	.name = "power",
	.attrs = power_attrs,
};

/* ---- runtime PM ----------------------------------------------------------- */

static ssize_t control_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", dev->power.runtime_auto ? "auto" : "on");
}

static ssize_t control_store(struct device *dev, struct device_attribute *attr, const char *buf,
			     size_t n)
{
	if (sysfs_streq(buf, "auto"))
		pm_runtime_allow(dev);
	else if (sysfs_streq(buf, "on"))
		pm_runtime_forbid(dev);
	else
		return -EINVAL;
	return (ssize_t)n;
}
static DEVICE_ATTR_RW(control);

static ssize_t runtime_status_show(struct device *dev, struct device_attribute *attr,
				   char *buf)
{
	const char *s;
	if (dev->power.runtime_error)
		s = "error";
	else if (dev->power.disable_depth)
		/* Linux: "unsupported" unless the status is meaningful. */
		s = dev->power.runtime_status == RPM_ACTIVE && dev->power.last_status != RPM_INVALID
			    ? "active" : "unsupported";
	else
		s = rpm_status_name(dev->power.runtime_status);
	return sysfs_emit(buf, "%s\n", s);
}
static DEVICE_ATTR_RO(runtime_status);

static ssize_t runtime_active_time_show(struct device *dev, struct device_attribute *attr,
					char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  (unsigned long long)(pm_runtime_active_time(dev) / NSEC_PER_MSEC));
}
static DEVICE_ATTR_RO(runtime_active_time);

static ssize_t runtime_suspended_time_show(struct device *dev, struct device_attribute *attr,
					   char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  (unsigned long long)(pm_runtime_suspended_time(dev) / NSEC_PER_MSEC));
}
static DEVICE_ATTR_RO(runtime_suspended_time);

static ssize_t autosuspend_delay_ms_show(struct device *dev, struct device_attribute *attr,
					 char *buf)
{
	if (!dev->power.use_autosuspend)
		return -EIO;
	return sysfs_emit(buf, "%d\n", dev->power.autosuspend_delay);
}

static ssize_t autosuspend_delay_ms_store(struct device *dev, struct device_attribute *attr,
					  const char *buf, size_t n)
{
	long delay;
	if (!dev->power.use_autosuspend)
		return -EIO;
	if (kstrtol(buf, 10, &delay) != 0 || delay != (int)delay)
		return -EINVAL;
	pm_runtime_set_autosuspend_delay(dev, (int)delay);
	return (ssize_t)n;
}
static DEVICE_ATTR_RW(autosuspend_delay_ms);

static ssize_t runtime_usage_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&dev->power.usage_count));
}
static DEVICE_ATTR_RO(runtime_usage);

static ssize_t runtime_active_kids_show(struct device *dev, struct device_attribute *attr,
					char *buf)
{
	return sysfs_emit(buf, "%d\n", dev->power.ignore_children ? 0
				       : atomic_read(&dev->power.child_count));
}
static DEVICE_ATTR_RO(runtime_active_kids);

static ssize_t runtime_enabled_show(struct device *dev, struct device_attribute *attr,
				    char *buf)
{
	const char *s;
	if (dev->power.disable_depth && !dev->power.runtime_auto)
		s = "disabled & forbidden";
	else if (dev->power.disable_depth)
		s = "disabled";
	else if (!dev->power.runtime_auto)
		s = "forbidden";
	else
		s = "enabled";
	return sysfs_emit(buf, "%s\n", s);
}
static DEVICE_ATTR_RO(runtime_enabled);

static struct attribute *runtime_attrs[] = {
	&dev_attr_control.attr,
	&dev_attr_runtime_status.attr,
	&dev_attr_runtime_active_time.attr,
	&dev_attr_runtime_suspended_time.attr,
	&dev_attr_autosuspend_delay_ms.attr,
	&dev_attr_runtime_usage.attr,
	&dev_attr_runtime_active_kids.attr,
	&dev_attr_runtime_enabled.attr,
	NULL,
};

static const struct attribute_group pm_runtime_attr_group = {
	.name = "power",
	.attrs = runtime_attrs,
};

/* ---- wakeup ------------------------------------------------------------------ */

static ssize_t wakeup_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	if (!device_can_wakeup(dev))
		return sysfs_emit(buf, "\n");
	return sysfs_emit(buf, "%s\n", device_may_wakeup(dev) ? "enabled" : "disabled");
}

static ssize_t wakeup_store(struct device *dev, struct device_attribute *attr, const char *buf,
			    size_t n)
{
	if (!device_can_wakeup(dev))
		return -EINVAL;
	if (sysfs_streq(buf, "enabled"))
		device_set_wakeup_enable(dev, true);
	else if (sysfs_streq(buf, "disabled"))
		device_set_wakeup_enable(dev, false);
	else
		return -EINVAL;
	return (ssize_t)n;
}
static DEVICE_ATTR_RW(wakeup);

/* The statistics of the device's wakeup source; empty while it has none. */
#define WAKEUP_ULONG_ATTR(_name, _field)                                                \
	static ssize_t _name##_show(struct device *dev, struct device_attribute *attr,   \
				    char *buf)                                           \
	{                                                                                \
		struct wakeup_source *ws = dev->power.wakeup;                            \
		return ws ? sysfs_emit(buf, "%lu\n", (unsigned long)(ws->_field))        \
			  : sysfs_emit(buf, "\n");                                       \
	}                                                                                \
	static DEVICE_ATTR_RO(_name)

WAKEUP_ULONG_ATTR(wakeup_count, event_count);
WAKEUP_ULONG_ATTR(wakeup_active_count, active_count);
WAKEUP_ULONG_ATTR(wakeup_abort_count, wakeup_count);
WAKEUP_ULONG_ATTR(wakeup_expire_count, expire_count);
WAKEUP_ULONG_ATTR(wakeup_active, active);

#define WAKEUP_MS_ATTR(_name, _field)                                                   \
	static ssize_t _name##_show(struct device *dev, struct device_attribute *attr,   \
				    char *buf)                                           \
	{                                                                                \
		struct wakeup_source *ws = dev->power.wakeup;                            \
		return ws ? sysfs_emit(buf, "%lld\n", (long long)ktime_to_ms(ws->_field)) \
			  : sysfs_emit(buf, "\n");                                       \
	}                                                                                \
	static DEVICE_ATTR_RO(_name)

WAKEUP_MS_ATTR(wakeup_total_time_ms, total_time);
WAKEUP_MS_ATTR(wakeup_max_time_ms, max_time);
WAKEUP_MS_ATTR(wakeup_last_time_ms, last_time);

static struct attribute *wakeup_attrs[] = {
	&dev_attr_wakeup.attr,
	&dev_attr_wakeup_count.attr,
	&dev_attr_wakeup_active_count.attr,
	&dev_attr_wakeup_abort_count.attr,
	&dev_attr_wakeup_expire_count.attr,
	&dev_attr_wakeup_active.attr,
	&dev_attr_wakeup_total_time_ms.attr,
	&dev_attr_wakeup_max_time_ms.attr,
	&dev_attr_wakeup_last_time_ms.attr,
	NULL,
};

static const struct attribute_group pm_wakeup_attr_group = {
	.name = "power",
	.attrs = wakeup_attrs,
};

int wakeup_sysfs_add(struct device *dev)
{
	if (dev->power.no_pm || !dev->kobj.sd)
		return 0;
	return sysfs_merge_group(&dev->kobj, &pm_wakeup_attr_group);
}

int dpm_sysfs_add(struct device *dev)
{
	if (dev->power.no_pm)
		return 0;
	int err = sysfs_create_group(&dev->kobj, &pm_attr_group);
	if (!err)
		err = sysfs_merge_group(&dev->kobj, &pm_runtime_attr_group);
	/* Linux shows it for devices that honour it; pmfw's runtime PM and
	 * genpd honour it for all. */
	if (!err)
		err = pm_qos_sysfs_add_resume_latency(dev);
	if (!err && device_can_wakeup(dev))
		err = sysfs_merge_group(&dev->kobj, &pm_wakeup_attr_group);
	return err;
}

void dpm_sysfs_remove(struct device *dev)
{
	sysfs_unmerge_group(&dev->kobj, &pm_wakeup_attr_group);
	sysfs_unmerge_group(&dev->kobj, &pm_runtime_attr_group);
	sysfs_remove_group(&dev->kobj, &pm_attr_group);
}
