/*
 * Real-time clocks (include/linux/rtc.h, drivers/rtc/): a driver fills
 * struct rtc_class_ops and registers an rtc_device, which the class
 * numbers rtc0, rtc1... and shows as /sys/class/rtc/rtcN with Linux's
 * attributes (name, date, time, since_epoch, wakealarm). Times are
 * struct rtc_time (broken down, UTC, tm_year from 1900, tm_mon from 0)
 * or seconds since 1970 (time64_t); drivers/rtc/lib.c converts.
 *
 * The alarm: rtc_set_alarm arms it (a time already reached is -ETIME),
 * rtc_read_alarm reads what was set; when the hardware raises it the
 * driver calls rtc_update_irq, and the core (in a work item) counts it
 * in irq_data, disarms the alarm and wakes irq_queue's sleepers.
 */
#ifndef _LINUX_RTC_H
#define _LINUX_RTC_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

typedef s64 time64_t;

struct rtc_time {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	int tm_year;
	int tm_wday;
	int tm_yday;
	int tm_isdst;
};

struct rtc_wkalrm {
	unsigned char enabled; /* 0 = alarm disabled, 1 = enabled */
	unsigned char pending; /* 0 = alarm not pending, 1 = pending */
	struct rtc_time time;
};

/* irq_data's event bits (the count of interrupts is above bit 8). */
#define RTC_IRQF 0x80 /* any of the following */
#define RTC_PF 0x40   /* periodic */
#define RTC_AF 0x20   /* alarm */
#define RTC_UF 0x10   /* update */

struct rtc_class_ops {
	int (*read_time)(struct device *dev, struct rtc_time *tm);
	int (*set_time)(struct device *dev, struct rtc_time *tm);
	int (*read_alarm)(struct device *dev, struct rtc_wkalrm *alrm);
	int (*set_alarm)(struct device *dev, struct rtc_wkalrm *alrm);
	int (*alarm_irq_enable)(struct device *dev, unsigned int enabled);
};

struct rtc_device {
	struct device dev;
	int id;
	const struct rtc_class_ops *ops;
	struct mutex ops_lock;
	time64_t range_min; /* seconds the hardware can hold */
	time64_t range_max;
	bool registered;

	/* The alarm as set (rtc_read_alarm reports it). */
	struct rtc_wkalrm aie;

	/* Interrupts seen: (count << 8) | RTC_* events, as /dev/rtc reads. */
	unsigned long irq_data;
	wait_queue_head_t irq_queue;
	struct work_struct irqwork;
};
#define to_rtc_device(d) container_of(d, struct rtc_device, dev)

/* Broken-down time <-> seconds since 1970-01-01 00:00:00 UTC (lib.c). */
void rtc_time64_to_tm(time64_t time, struct rtc_time *tm);
time64_t rtc_tm_to_time64(const struct rtc_time *tm);
/* 0 if tm is a valid date and time, else -EINVAL. */
int rtc_valid_tm(const struct rtc_time *tm);
int rtc_month_days(unsigned int month, unsigned int year);
int rtc_year_days(unsigned int day, unsigned int month, unsigned int year);
static inline bool is_leap_year(unsigned int year)
{
	return (!(year % 4) && (year % 100)) || !(year % 400);
}

/* A device for the driver's probe to fill and register; freed with the
 * driver (devres). */
struct rtc_device *devm_rtc_allocate_device(struct device *dev);
int devm_rtc_register_device(struct rtc_device *rtc);
struct rtc_device *devm_rtc_device_register(struct device *dev, const char *name,
					    const struct rtc_class_ops *ops, void *owner);

int rtc_read_time(struct rtc_device *rtc, struct rtc_time *tm);
int rtc_set_time(struct rtc_device *rtc, struct rtc_time *tm);
int rtc_read_alarm(struct rtc_device *rtc, struct rtc_wkalrm *alrm);
int rtc_set_alarm(struct rtc_device *rtc, struct rtc_wkalrm *alrm);
int rtc_alarm_irq_enable(struct rtc_device *rtc, unsigned int enabled);
/* From the driver's interrupt handler: num interrupts of the events. */
void rtc_update_irq(struct rtc_device *rtc, unsigned long num, unsigned long events);

/* "rtc0" with a reference, or NULL; rtc_class_close gives it back. */
struct rtc_device *rtc_class_open(const char *name);
void rtc_class_close(struct rtc_device *rtc);

#endif
