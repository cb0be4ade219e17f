/*
 * The RTC API (Linux's drivers/rtc/interface.c), for one alarm per
 * device: Linux keeps a queue of RTC timers of which the alarm is one;
 * pmfw has only the alarm, so the hardware's alarm is the one set.
 *
 *   rtc_read_time / rtc_set_time  the driver's read_time / set_time, the
 *                                 time checked (-EINVAL) and within what
 *                                 the hardware holds (-ERANGE);
 *   rtc_set_alarm                 enabled: refused for a time already
 *                                 reached (-ETIME), as Linux's; disabled:
 *                                 the hardware's alarm is disarmed;
 *   rtc_read_alarm                the alarm as set (enabled, time);
 *   rtc_update_irq                from the driver's handler: the work
 *                                 item, with the parent kept awake
 *                                 (pm_stay_awake) until it has run.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/pm_wakeup.h>
#include <linux/rtc.h>
#include <linux/string.h>

#include "rtc-core.h"

static int rtc_valid_range(struct rtc_device *rtc, struct rtc_time *tm)
{
	time64_t time = rtc_tm_to_time64(tm);
	if (time < rtc->range_min || time > rtc->range_max)
		return -ERANGE;
	return 0;
}

static int __rtc_read_time(struct rtc_device *rtc, struct rtc_time *tm)
{
	if (!rtc->ops || !rtc->ops->read_time)
		return -EINVAL;
	memset(tm, 0, sizeof *tm);
	int err = rtc->ops->read_time(rtc->dev.parent, tm);
	if (err < 0) {
		dev_dbg(&rtc->dev, "read_time: fail to read: %d\n", err);
		return err;
	}
	err = rtc_valid_tm(tm);
	if (err < 0)
		dev_dbg(&rtc->dev, "read_time: rtc_time isn't valid\n");
	return err;
}

int rtc_read_time(struct rtc_device *rtc, struct rtc_time *tm)
{
	mutex_lock(&rtc->ops_lock);
	int err = __rtc_read_time(rtc, tm);
	mutex_unlock(&rtc->ops_lock);
	return err;
}

int rtc_set_time(struct rtc_device *rtc, struct rtc_time *tm)
{
	int err = rtc_valid_tm(tm);
	if (err)
		return err;
	err = rtc_valid_range(rtc, tm);
	if (err)
		return err;
	mutex_lock(&rtc->ops_lock);
	err = rtc->ops && rtc->ops->set_time ? rtc->ops->set_time(rtc->dev.parent, tm) : -EINVAL;
	mutex_unlock(&rtc->ops_lock);
	return err;
}

int rtc_read_alarm(struct rtc_device *rtc, struct rtc_wkalrm *alarm)
{
	mutex_lock(&rtc->ops_lock);
	int err = 0;
	if (!rtc->ops || !rtc->ops->read_alarm) {
		err = -EINVAL;
	} else {
		memset(alarm, 0, sizeof *alarm);
		alarm->enabled = rtc->aie.enabled;
		alarm->time = rtc->aie.time;
	}
	mutex_unlock(&rtc->ops_lock);
	return err;
}

int rtc_set_alarm(struct rtc_device *rtc, struct rtc_wkalrm *alarm)
{
	if (!rtc->ops || !rtc->ops->set_alarm)
		return -EINVAL;
	int err = rtc_valid_tm(&alarm->time);
	if (err)
		return err;
	err = rtc_valid_range(rtc, &alarm->time);
	if (err)
		return err;
	mutex_lock(&rtc->ops_lock);
	if (alarm->enabled) {
		struct rtc_time now;
		err = __rtc_read_time(rtc, &now);
		/* No alarms in the past: the hardware would never raise it. */
		if (!err && rtc_tm_to_time64(&alarm->time) <= rtc_tm_to_time64(&now))
			err = -ETIME;
	}
	if (!err)
		err = rtc->ops->set_alarm(rtc->dev.parent, alarm);
	if (!err) {
		rtc->aie.enabled = alarm->enabled;
		rtc->aie.time = alarm->time;
	}
	mutex_unlock(&rtc->ops_lock);
	return err;
}

int rtc_alarm_irq_enable(struct rtc_device *rtc, unsigned int enabled)
{
	mutex_lock(&rtc->ops_lock);
	int err = 0;
	if (rtc->aie.enabled != !!enabled) {
		if (!rtc->ops || !rtc->ops->alarm_irq_enable) {
			err = -EINVAL;
		} else if (enabled) {
			struct rtc_time now;
			err = __rtc_read_time(rtc, &now);
			if (!err && rtc_tm_to_time64(&rtc->aie.time) <= rtc_tm_to_time64(&now))
				err = -ETIME;
		}
		if (!err)
			err = rtc->ops->alarm_irq_enable(rtc->dev.parent, enabled);
		if (!err)
			rtc->aie.enabled = !!enabled;
	}
	mutex_unlock(&rtc->ops_lock);
	return err;
}

void rtc_update_irq(struct rtc_device *rtc, unsigned long num, unsigned long events)
{
	if (IS_ERR_OR_NULL(rtc))
		return;
	pm_stay_awake(rtc->dev.parent);
	if (!schedule_work(&rtc->irqwork))
		pm_relax(rtc->dev.parent);
}

/* The alarm fired: count it, disarm it, wake whoever waits for it. */
void rtc_timer_do_work(struct work_struct *work)
{
	struct rtc_device *rtc = container_of(work, struct rtc_device, irqwork);
	mutex_lock(&rtc->ops_lock);
	if (rtc->aie.enabled) {
		struct rtc_time now;
		if (!__rtc_read_time(rtc, &now) &&
		    rtc_tm_to_time64(&now) >= rtc_tm_to_time64(&rtc->aie.time)) {
			rtc->aie.enabled = 0;
			rtc->ops->alarm_irq_enable(rtc->dev.parent, 0);
			unsigned long flags;
			local_irq_save(flags);
			rtc->irq_data = (rtc->irq_data + (1 << 8)) | RTC_IRQF | RTC_AF;
			local_irq_restore(flags);
			wake_up_interruptible(&rtc->irq_queue);
		}
	}
	mutex_unlock(&rtc->ops_lock);
	pm_relax(rtc->dev.parent);
}
