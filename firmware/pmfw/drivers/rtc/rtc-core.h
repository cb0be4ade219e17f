/* What the rtc core's files share (Linux's drivers/rtc/rtc-core.h). */
#ifndef _DRIVERS_RTC_RTC_CORE_H
#define _DRIVERS_RTC_RTC_CORE_H

#include <linux/rtc.h>
#include <linux/sysfs.h>

extern const struct class rtc_class;
extern const struct attribute_group *rtc_groups[];
/* The alarm's bottom half (interface.c), queued by rtc_update_irq. */
void rtc_timer_do_work(struct work_struct *work);

#endif
