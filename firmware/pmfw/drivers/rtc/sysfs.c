/*
 * /sys/class/rtc/rtcN (Linux's drivers/rtc/sysfs.c):
 *
 *   name         the driver and its device ("rtc-pl031 40006000.rtc")
 *   date         YYYY-MM-DD, time  HH:MM:SS (UTC, read from the RTC)
 *   since_epoch  seconds since 1970-01-01 00:00:00 UTC
 *   wakealarm    the alarm, in seconds since the epoch, empty when none
 *                is set. Writing N sets it at N, +N N seconds from now;
 *                a time not in the future (0) disarms it. Setting one
 *                while another is armed is -EBUSY. Only on an RTC whose
 *                device can wake the system (device_init_wakeup).
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/pm_wakeup.h>
#include <linux/rtc.h>
#include <linux/string.h>

#include "rtc-core.h"

static ssize_t name_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s %s\n", dev_driver_string(dev->parent), dev_name(dev->parent));
}
static DEVICE_ATTR_RO(name);

static ssize_t date_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct rtc_time tm;
	int err = rtc_read_time(to_rtc_device(dev), &tm);
	if (err)
		return err;
	return sysfs_emit(buf, "%04d-%02d-%02d\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
static DEVICE_ATTR_RO(date);

static ssize_t time_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct rtc_time tm;
	int err = rtc_read_time(to_rtc_device(dev), &tm);
	if (err)
		return err;
	return sysfs_emit(buf, "%02d:%02d:%02d\n", tm.tm_hour, tm.tm_min, tm.tm_sec);
}
static DEVICE_ATTR_RO(time);

static ssize_t since_epoch_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct rtc_time tm;
	int err = rtc_read_time(to_rtc_device(dev), &tm);
	if (err)
		return err;
	return sysfs_emit(buf, "%lld\n", rtc_tm_to_time64(&tm));
}
static DEVICE_ATTR_RO(since_epoch);

static ssize_t wakealarm_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct rtc_wkalrm alm;
	int err = rtc_read_alarm(to_rtc_device(dev), &alm);
	if (err || !alm.enabled)
		return err;
	return sysfs_emit(buf, "%lld\n", rtc_tm_to_time64(&alm.time));
}

static ssize_t wakealarm_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t n)
{
	struct rtc_device *rtc = to_rtc_device(dev);
	struct rtc_wkalrm alm;
	time64_t alarm, now;
	bool adjust = false;
	int err = rtc_read_time(rtc, &alm.time);
	if (err < 0)
		return err;
	now = rtc_tm_to_time64(&alm.time);
	while (*buf == ' ' || *buf == '\t')
		buf++;
	if (*buf == '+') {
		buf++;
		adjust = true;
	}
	err = kstrtos64(buf, 0, &alarm);
	if (err)
		return err;
	if (adjust)
		alarm += now;
	if (alarm > now) {
		/* Do not clobber an armed alarm. */
		err = rtc_read_alarm(rtc, &alm);
		if (err < 0)
			return err;
		if (alm.enabled)
			return -EBUSY;
		alm.enabled = 1;
	} else {
		alm.enabled = 0;
		/* A valid time for the disarmed alarm. */
		alarm = now + 300;
	}
	rtc_time64_to_tm(alarm, &alm.time);
	err = rtc_set_alarm(rtc, &alm);
	return err < 0 ? err : (ssize_t)n;
}
static DEVICE_ATTR_RW(wakealarm);

static struct attribute *rtc_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_date.attr,
	&dev_attr_time.attr,
	&dev_attr_since_epoch.attr,
	&dev_attr_wakealarm.attr,
	NULL,
};

/* The alarm as a wake-up only where the device may wake the system. */
static bool rtc_does_wakealarm(struct rtc_device *rtc)
{
	return device_can_wakeup(rtc->dev.parent) && rtc->ops && rtc->ops->set_alarm;
}

static umode_t rtc_attr_is_visible(struct kobject *kobj, struct attribute *attr, int n)
{
	struct rtc_device *rtc = to_rtc_device(kobj_to_dev(kobj));
	if (attr == &dev_attr_wakealarm.attr && !rtc_does_wakealarm(rtc))
		return 0;
	return attr->mode;
}

static const struct attribute_group rtc_attr_group = {
	.is_visible = rtc_attr_is_visible,
	.attrs = rtc_attrs,
};

const struct attribute_group *rtc_groups[] = { &rtc_attr_group, NULL };
