/*
 * Wakeup sources (include/linux/pm_wakeup.h, drivers/base/power/
 * wakeup.c): what may wake the system, and for how long it keeps it
 * awake, with Linux's statistics (/sys/kernel/debug/wakeup_sources and
 * each device's power/wakeup* files).
 */
#ifndef _LINUX_PM_WAKEUP_H
#define _LINUX_PM_WAKEUP_H

#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>

struct device;

struct wakeup_source {
	const char *name;
	int id;
	struct list_head entry;
	spinlock_t lock;
	struct timer_list timer;       /* the end of a __pm_wakeup_event */
	unsigned long timer_expires;   /* jiffies; 0: none */
	ktime_t total_time;            /* active, in total */
	ktime_t max_time;              /* the longest activation */
	ktime_t last_time;             /* the last change */
	ktime_t start_prevent_time;
	ktime_t prevent_sleep_time;    /* active while autosleep was on */
	unsigned long event_count;     /* events signalled */
	unsigned long active_count;    /* activations */
	unsigned long relax_count;
	unsigned long expire_count;    /* activations ended by their timeout */
	unsigned long wakeup_count;    /* events that could have aborted a suspend */
	struct device *dev;
	bool active : 1;
	bool autosleep_enabled : 1;
};

struct wakeup_source *wakeup_source_create(const char *name);
void wakeup_source_destroy(struct wakeup_source *ws);
void wakeup_source_add(struct wakeup_source *ws);
void wakeup_source_remove(struct wakeup_source *ws);
struct wakeup_source *wakeup_source_register(struct device *dev, const char *name);
void wakeup_source_unregister(struct wakeup_source *ws);

void __pm_stay_awake(struct wakeup_source *ws);
void __pm_relax(struct wakeup_source *ws);
void __pm_wakeup_event(struct wakeup_source *ws, unsigned int msec);
void pm_stay_awake(struct device *dev);
void pm_relax(struct device *dev);
void pm_wakeup_event(struct device *dev, unsigned int msec);
void pm_wakeup_dev_event(struct device *dev, unsigned int msec, bool hard);
#define pm_wakeup_hard_event(dev) pm_wakeup_dev_event(dev, 0, true)

int device_wakeup_enable(struct device *dev);
int device_wakeup_disable(struct device *dev);
void device_set_wakeup_capable(struct device *dev, bool capable);
int device_set_wakeup_enable(struct device *dev, bool enable);
int device_init_wakeup(struct device *dev, bool enable);
bool device_can_wakeup(struct device *dev);
bool device_may_wakeup(struct device *dev);

/* For system sleep: a wakeup event since the count was saved, or one in
 * progress (Linux's pm_wakeup_pending; /sys/power/wakeup_count). */
extern bool events_check_enabled;
bool pm_wakeup_pending(void);
bool pm_get_wakeup_count(unsigned int *count, bool block);
bool pm_save_wakeup_count(unsigned int count);
/* Every registered source, for the summary (read only). */
void for_each_wakeup_source(void (*fn)(struct wakeup_source *ws, void *arg), void *arg);

#endif
