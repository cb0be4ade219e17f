/*
 * Wakeup sources (Linux's drivers/base/power/wakeup.c): each is active
 * while something that may wake the system is being handled
 * (__pm_stay_awake ... __pm_relax, or __pm_wakeup_event for a fixed time),
 * and keeps Linux's statistics: active_count, event_count, wakeup_count
 * (events while a suspend was being attempted, which abort it),
 * expire_count, total_time, max_time, last_change. A device gets one with
 * device_init_wakeup(dev, true) (or device_wakeup_enable) and reports
 * with pm_stay_awake/pm_relax/pm_wakeup_event.
 *
 * The count that /sys/power/wakeup_count exposes combines registered
 * events and those in progress, as Linux does, so that a suspend started
 * after reading it can tell whether a wakeup event came in meanwhile
 * (pm_wakeup_pending, used by the suspend sequence).
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irqdesc.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/pm_wakeup.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/suspend.h>
#include <linux/timekeeping.h>

#include "power.h"

static LIST_HEAD(wakeup_sources);
static DEFINE_SPINLOCK(events_lock);
static int next_id;

/* Registered events (high half) and events in progress (low half), in
 * one word as Linux keeps them. */
#define IN_PROGRESS_BITS 16
#define MAX_IN_PROGRESS ((1u << IN_PROGRESS_BITS) - 1)
static unsigned int combined_event_count;
static unsigned int saved_count;
bool events_check_enabled;
/* Wake-ups that abort a suspend (pm_system_wakeup), and the interrupt
 * that woke the system last (/sys/power/pm_wakeup_irq). */
static atomic_t pm_abort_suspend;
unsigned int pm_wakeup_irq;
bool pm_wakeup_irq_valid;
ktime_t pm_wakeup_irq_time;

static void split_counters(unsigned int *cnt, unsigned int *inpr)
{
	unsigned int comb = READ_ONCE(combined_event_count);
	*cnt = comb >> IN_PROGRESS_BITS;
	*inpr = comb & MAX_IN_PROGRESS;
}

struct wakeup_source *wakeup_source_create(const char *name)
{
	struct wakeup_source *ws = kzalloc(sizeof *ws, GFP_KERNEL);
	if (!ws)
		return NULL;
	ws->name = kstrdup(name, GFP_KERNEL);
	if (!ws->name) {
		kfree(ws);
		return NULL;
	}
	spin_lock_init(&ws->lock);
	return ws;
}

void wakeup_source_destroy(struct wakeup_source *ws)
{
	if (!ws)
		return;
	__pm_relax(ws);
	kfree(ws->name);
	kfree(ws);
}

static void pm_wakeup_timer_fn(struct timer_list *t);

void wakeup_source_add(struct wakeup_source *ws)
{
	unsigned long flags;
	timer_setup(&ws->timer, pm_wakeup_timer_fn, 0);
	ws->active = false;
	ws->last_time = ktime_get();
	spin_lock_irqsave(&events_lock, flags);
	ws->id = next_id++;
	list_add_tail(&ws->entry, &wakeup_sources);
	spin_unlock_irqrestore(&events_lock, flags);
}

void wakeup_source_remove(struct wakeup_source *ws)
{
	unsigned long flags;
	spin_lock_irqsave(&events_lock, flags);
	list_del(&ws->entry);
	spin_unlock_irqrestore(&events_lock, flags);
	del_timer_sync(&ws->timer);
	ws->timer_expires = 0;
}

struct wakeup_source *wakeup_source_register(struct device *dev, const char *name)
{
	struct wakeup_source *ws = wakeup_source_create(name);
	if (ws) {
		ws->dev = dev;
		wakeup_source_add(ws);
	}
	return ws;
}

void wakeup_source_unregister(struct wakeup_source *ws)
{
	if (ws) {
		wakeup_source_remove(ws);
		wakeup_source_destroy(ws);
	}
}

/* ---- activity ------------------------------------------------------------- */

static void wakeup_source_report_event(struct wakeup_source *ws)
{
	ws->event_count++;
	if (events_check_enabled)
		ws->wakeup_count++;
	if (!ws->active) {
		/* Activate: one more event in progress. */
		ws->active = true;
		ws->active_count++;
		ws->last_time = ktime_get();
		__atomic_add_fetch(&combined_event_count, 1, __ATOMIC_SEQ_CST);
	}
}

void __pm_stay_awake(struct wakeup_source *ws)
{
	unsigned long flags;
	if (!ws)
		return;
	spin_lock_irqsave(&ws->lock, flags);
	wakeup_source_report_event(ws);
	del_timer(&ws->timer);
	ws->timer_expires = 0;
	spin_unlock_irqrestore(&ws->lock, flags);
}

/* Deactivate: its time counts, the event in progress becomes registered. */
static void wakeup_source_deactivate(struct wakeup_source *ws)
{
	ws->relax_count++;
	if (ws->relax_count != ws->active_count) {
		ws->relax_count--;
		return;
	}
	ws->active = false;
	ktime_t now = ktime_get();
	ktime_t duration = now - ws->last_time;
	ws->total_time += duration;
	if (duration > ws->max_time)
		ws->max_time = duration;
	ws->last_time = now;
	del_timer(&ws->timer);
	ws->timer_expires = 0;
	/* One registered event more, one in progress less. */
	__atomic_add_fetch(&combined_event_count, MAX_IN_PROGRESS, __ATOMIC_SEQ_CST);
}

void __pm_relax(struct wakeup_source *ws)
{
	unsigned long flags;
	if (!ws)
		return;
	spin_lock_irqsave(&ws->lock, flags);
	if (ws->active)
		wakeup_source_deactivate(ws);
	spin_unlock_irqrestore(&ws->lock, flags);
}

static void pm_wakeup_timer_fn(struct timer_list *t)
{
	struct wakeup_source *ws = from_timer(ws, t, timer);
	unsigned long flags;
	spin_lock_irqsave(&ws->lock, flags);
	if (ws->active && ws->timer_expires && time_after_eq(jiffies, ws->timer_expires)) {
		wakeup_source_deactivate(ws);
		ws->expire_count++;
	}
	spin_unlock_irqrestore(&ws->lock, flags);
}

void __pm_wakeup_event(struct wakeup_source *ws, unsigned int msec)
{
	unsigned long flags;
	if (!ws)
		return;
	spin_lock_irqsave(&ws->lock, flags);
	wakeup_source_report_event(ws);
	if (!msec) {
		wakeup_source_deactivate(ws);
	} else {
		unsigned long expires = jiffies + msecs_to_jiffies(msec);
		if (!expires)
			expires = 1;
		if (!ws->timer_expires || time_after(expires, ws->timer_expires)) {
			mod_timer(&ws->timer, expires);
			ws->timer_expires = expires;
		}
	}
	spin_unlock_irqrestore(&ws->lock, flags);
}

void pm_stay_awake(struct device *dev)
{
	if (dev)
		__pm_stay_awake(dev->power.wakeup);
}

void pm_relax(struct device *dev)
{
	if (dev)
		__pm_relax(dev->power.wakeup);
}

void pm_wakeup_dev_event(struct device *dev, unsigned int msec, bool hard)
{
	(void)hard;
	if (dev)
		__pm_wakeup_event(dev->power.wakeup, msec);
}

void pm_wakeup_event(struct device *dev, unsigned int msec)
{
	pm_wakeup_dev_event(dev, msec, false);
}

/* ---- devices --------------------------------------------------------------- */

bool device_can_wakeup(struct device *dev)
{
	return dev->power.can_wakeup;
}

bool device_may_wakeup(struct device *dev)
{
	return dev->power.can_wakeup && dev->power.wakeup;
}

void device_set_wakeup_capable(struct device *dev, bool capable)
{
	if (!!dev->power.can_wakeup == !!capable)
		return;
	dev->power.can_wakeup = capable;
	if (capable)
		wakeup_sysfs_add(dev);
}

int device_wakeup_enable(struct device *dev)
{
	if (!dev || !dev->power.can_wakeup)
		return -EINVAL;
	if (dev->power.wakeup)
		return -EEXIST;
	struct wakeup_source *ws = wakeup_source_register(dev, dev_name(dev));
	if (!ws)
		return -ENOMEM;
	dev->power.wakeup = ws;
	return 0;
}

int device_wakeup_disable(struct device *dev)
{
	if (!dev || !dev->power.can_wakeup)
		return -EINVAL;
	struct wakeup_source *ws = dev->power.wakeup;
	dev->power.wakeup = NULL;
	wakeup_source_unregister(ws);
	return 0;
}

int device_set_wakeup_enable(struct device *dev, bool enable)
{
	return enable ? device_wakeup_enable(dev) : device_wakeup_disable(dev);
}

int device_init_wakeup(struct device *dev, bool enable)
{
	if (!dev)
		return -EINVAL;
	if (enable) {
		device_set_wakeup_capable(dev, true);
		return device_wakeup_enable(dev);
	}
	device_wakeup_disable(dev);
	device_set_wakeup_capable(dev, false);
	return 0;
}

/* ---- for system sleep ------------------------------------------------------------ */

bool pm_wakeup_pending(void)
{
	unsigned long flags;
	bool ret = false;
	spin_lock_irqsave(&events_lock, flags);
	if (events_check_enabled) {
		unsigned int cnt, inpr;
		split_counters(&cnt, &inpr);
		ret = cnt != saved_count || inpr > 0;
		events_check_enabled = !ret;
	}
	spin_unlock_irqrestore(&events_lock, flags);
	return ret || atomic_read(&pm_abort_suspend) > 0;
}

/* A wake-up that must abort a suspend in progress, or end suspend-to-idle
 * (Linux: an armed wake-up interrupt, or a driver's pm_system_wakeup). */
void pm_system_wakeup(void)
{
	atomic_inc(&pm_abort_suspend);
	s2idle_wake();
}

void pm_system_irq_wakeup(unsigned int irq_number)
{
	/* pmfw's interrupt numbers are the NVIC's lines, 0 included: "none"
	 * is a flag of its own (Linux's IRQ numbers start at 1). */
	if (!pm_wakeup_irq_valid) {
		/* Linux's message (a debug one there), with the handler's name:
		 * which device woke the system. */
		struct irq_desc *desc = irq_to_desc(irq_number);
		const char *who = desc && desc->action && desc->action->name ? desc->action->name : "?";
		pr_info("PM: Triggering wakeup from IRQ %u (%s)\n", irq_number, who);
		pm_wakeup_irq = irq_number;
		pm_wakeup_irq_valid = true;
		pm_wakeup_irq_time = ktime_get();
		pm_system_wakeup();
	}
}

void pm_wakeup_clear(bool reset)
{
	pm_wakeup_irq = 0;
	pm_wakeup_irq_valid = false;
	if (reset)
		atomic_set(&pm_abort_suspend, 0);
}

/* The registered count; false if events are in progress (without block;
 * pmfw does not wait for them: a reader tries again). */
bool pm_get_wakeup_count(unsigned int *count, bool block)
{
	unsigned int cnt, inpr;
	(void)block;
	split_counters(&cnt, &inpr);
	*count = cnt;
	return !inpr;
}

bool pm_save_wakeup_count(unsigned int count)
{
	unsigned int cnt, inpr;
	unsigned long flags;
	bool ret = false;
	events_check_enabled = false;
	spin_lock_irqsave(&events_lock, flags);
	split_counters(&cnt, &inpr);
	if (cnt == count && inpr == 0) {
		saved_count = count;
		events_check_enabled = true;
		ret = true;
	}
	spin_unlock_irqrestore(&events_lock, flags);
	return ret;
}

void for_each_wakeup_source(void (*fn)(struct wakeup_source *ws, void *arg), void *arg)
{
	struct wakeup_source *ws;
	list_for_each_entry(ws, &wakeup_sources, entry)
		fn(ws, arg);
}

/* ---- /sys/kernel/debug/wakeup_sources ---------------------------------------- */

static void print_ws(struct wakeup_source *ws, void *arg)
{
	struct seq_file *m = arg;
	unsigned long flags;
	spin_lock_irqsave(&ws->lock, flags);
	ktime_t total = ws->total_time, max = ws->max_time, active = 0;
	unsigned long active_count = ws->active_count;
	if (ws->active) {
		active = ktime_get() - ws->last_time;
		total += active;
		if (active > max)
			max = active;
	}
	struct wakeup_source w = *ws;
	spin_unlock_irqrestore(&ws->lock, flags);
	seq_printf(m, "%-12s\t%lu\t\t%lu\t\t%lu\t\t%lu\t\t%lld\t\t%lld\t\t%lld\t\t%lld\t\t%lld\n",
		   w.name, active_count, w.event_count, w.wakeup_count, w.expire_count,
		   (long long)ktime_to_ms(active), (long long)ktime_to_ms(total),
		   (long long)ktime_to_ms(max), (long long)ktime_to_ms(w.last_time),
		   (long long)ktime_to_ms(w.prevent_sleep_time));
}

static int wakeup_sources_stats_show(struct seq_file *m, void *unused)
{
	(void)unused;
	seq_puts(m, "name\t\tactive_count\tevent_count\twakeup_count\texpire_count\t"
		    "active_since\ttotal_time\tmax_time\tlast_change\tprevent_suspend_time\n");
	for_each_wakeup_source(print_ws, m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(wakeup_sources_stats);

static int wakeup_sources_debugfs_init(void)
{
	debugfs_create_file("wakeup_sources", 0444, NULL, NULL, &wakeup_sources_stats_fops);
	return 0;
}
postcore_initcall(wakeup_sources_debugfs_init);
