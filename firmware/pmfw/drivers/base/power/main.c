/*
 * The devices' PM list and PM notifiers (Linux's
 * drivers/base/power/main.c and kernel/power/main.c). Every device is on
 * dpm_list from device_add, parents before children: system sleep (later)
 * walks it forward to resume and backwards to suspend. PM notifiers are a
 * blocking chain (PM_SUSPEND_PREPARE, PM_POST_SUSPEND, ...).
 */
#include <linux/cpufreq.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/pm_runtime.h>
#include <linux/pm_wakeup.h>
#include <linux/suspend.h>
#include <pmfw/marker.h>

#include "power.h"

LIST_HEAD(dpm_list);

static pm_message_t resume_event(pm_message_t sleep_state)
{
	(void)sleep_state;
	return PMSG_RESUME;
}
static DEFINE_MUTEX(dpm_list_mtx);
static BLOCKING_NOTIFIER_HEAD(pm_chain_head);

void device_pm_init(struct device *dev)
{
	spin_lock_init(&dev->power.lock);
	INIT_LIST_HEAD(&dev->power.entry);
	dev->power.is_prepared = false;
	dev->power.is_suspended = false;
	pm_runtime_init(dev);
}

void device_pm_add(struct device *dev)
{
	if (dev->power.no_pm)
		return;
	mutex_lock(&dpm_list_mtx);
	list_add_tail(&dev->power.entry, &dpm_list);
	dev->power.in_dpm_list = true;
	mutex_unlock(&dpm_list_mtx);
}

void device_pm_remove(struct device *dev)
{
	mutex_lock(&dpm_list_mtx);
	if (dev->power.in_dpm_list)
		list_del_init(&dev->power.entry);
	dev->power.in_dpm_list = false;
	mutex_unlock(&dpm_list_mtx);
	pm_runtime_remove(dev);
	device_wakeup_disable(dev);
}

int register_pm_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&pm_chain_head, nb);
}

int unregister_pm_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&pm_chain_head, nb);
}

int pm_notifier_call_chain_robust(unsigned long val_up, unsigned long val_down)
{
	int ret = blocking_notifier_call_chain_robust(&pm_chain_head, val_up, val_down, NULL);
	return notifier_to_errno(ret);
}

int pm_notifier_call_chain(unsigned long val)
{
	return blocking_notifier_call_chain(&pm_chain_head, val, NULL);
}

/* ---- system sleep: the devices' phases ------------------------------------------- */

/*
 * Linux's drivers/base/power/main.c, synchronously (no async suspend):
 * dpm_prepare walks dpm_list from the head (parents first) onto
 * dpm_prepared_list; dpm_suspend walks that from the tail (children
 * first), each device moving to the head of dpm_suspended_list; late and
 * noirq do the same onto dpm_late_early_list and dpm_noirq_list. The
 * resume phases walk each list from its head, so parents resume before
 * their children, and move each device back to the tail of the list
 * before; dpm_complete walks dpm_prepared_list from the tail and puts
 * the devices back onto dpm_list in their order. A phase that fails
 * stops at the failing device: the caller resumes what the phase had
 * done (the devices on the later list), in reverse.
 *
 * The callback of a phase is the power domain's, else the device type's,
 * else the class's, else the bus's, and the driver's when none of those
 * has one. A runtime-suspended device whose prepare returned > 0 (or
 * that has no callbacks at all) is left alone until complete
 * (direct_complete), unless its driver set DPM_FLAG_NO_DIRECT_COMPLETE.
 * A driver with DPM_FLAG_SMART_SUSPEND whose device is runtime-suspended
 * at the late phase gets no late or noirq suspend callback; on the way
 * back it is set active and resumed, or, with DPM_FLAG_MAY_SKIP_RESUME,
 * left runtime-suspended without its noirq and early resume callbacks.
 *
 * Each callback is a trace marker dev:PHASE:DEVICE with its return
 * value; each phase is phase:NAME (include/pmfw/marker.h).
 */
static LIST_HEAD(dpm_prepared_list);
static LIST_HEAD(dpm_suspended_list);
static LIST_HEAD(dpm_late_early_list);
static LIST_HEAD(dpm_noirq_list);

#define to_device(e) container_of(e, struct device, power.entry)

typedef int (*pm_callback_t)(struct device *);

static pm_callback_t pm_op(const struct dev_pm_ops *ops, pm_message_t state)
{
	switch (state.event) {
	case PM_EVENT_SUSPEND:
		return ops->suspend;
	case PM_EVENT_RESUME:
		return ops->resume;
	default:
		return NULL;
	}
}

static pm_callback_t pm_late_early_op(const struct dev_pm_ops *ops, pm_message_t state)
{
	switch (state.event) {
	case PM_EVENT_SUSPEND:
		return ops->suspend_late;
	case PM_EVENT_RESUME:
		return ops->resume_early;
	default:
		return NULL;
	}
}

static pm_callback_t pm_noirq_op(const struct dev_pm_ops *ops, pm_message_t state)
{
	switch (state.event) {
	case PM_EVENT_SUSPEND:
		return ops->suspend_noirq;
	case PM_EVENT_RESUME:
		return ops->resume_noirq;
	default:
		return NULL;
	}
}

static const char *pm_verb(int event)
{
	switch (event) {
	case PM_EVENT_SUSPEND:
		return "suspend";
	case PM_EVENT_RESUME:
		return "resume";
	default:
		return "(unknown PM event)";
	}
}

/* The ops whose callback a phase uses: the first of domain, type, class,
 * bus that exists, then the driver's if that one had none. */
static pm_callback_t dpm_pick(struct device *dev, pm_message_t state,
			      pm_callback_t (*op)(const struct dev_pm_ops *, pm_message_t))
{
	pm_callback_t cb = NULL;
	if (dev->pm_domain)
		cb = op(&dev->pm_domain->ops, state);
	else if (dev->type && dev->type->pm)
		cb = op(dev->type->pm, state);
	else if (dev->class && dev->class->pm)
		cb = op(dev->class->pm, state);
	else if (dev->bus && dev->bus->pm)
		cb = op(dev->bus->pm, state);
	if (!cb && dev->driver && dev->driver->pm)
		cb = op(dev->driver->pm, state);
	return cb;
}

/* A subsystem (domain, type, class, bus) has ops: it decides, not the core. */
static bool dpm_has_subsys(struct device *dev)
{
	return dev->pm_domain || (dev->type && dev->type->pm) || (dev->class && dev->class->pm) ||
	       (dev->bus && dev->bus->pm);
}

/* DPM_FLAG_SMART_SUSPEND: a runtime-suspended device's driver needs no
 * late or noirq suspend callback (Linux's dev_pm_skip_suspend; the core
 * decides only for a driver's own callbacks). */
static bool dev_pm_skip_suspend(struct device *dev)
{
	return (dev->power.driver_flags & DPM_FLAG_SMART_SUSPEND) &&
	       pm_runtime_status_suspended(dev);
}

/* Its resume callbacks are skipped too, and it stays runtime-suspended,
 * when the driver also set DPM_FLAG_MAY_SKIP_RESUME (Linux's
 * dev_pm_skip_resume, without its checks of the children and wake-up). */
static bool dev_pm_skip_resume(struct device *dev)
{
	return !dev->power.must_resume;
}

/* Run one callback between its markers. */
static int dpm_run_callback(pm_callback_t cb, struct device *dev, const char *phase)
{
	char name[64];
	if (!cb)
		return 0;
	snprintf(name, sizeof name, "dev:%s:%s", phase, dev_name(dev));
	pm_marker_begin(name);
	int error = cb(dev);
	pm_marker_end(name, error);
	return error;
}

static void pm_dev_err(struct device *dev, pm_message_t state, const char *info, int error)
{
	dev_err(dev, "failed to %s%s: error %d\n", pm_verb(state.event), info, error);
}

/* ---- prepare and complete ---------------------------------------------------------- */

static int device_prepare(struct device *dev, pm_message_t state)
{
	int (*callback)(struct device *) = NULL;
	int ret = 0;
	if (dev->power.syscore)
		return 0;
	dev->power.wakeup_path = false;
	/* No runtime suspend while the system sleeps (device_complete puts it). */
	pm_runtime_get_noresume(dev);
	if (dev->pm_domain)
		callback = dev->pm_domain->ops.prepare;
	else if (dev->type && dev->type->pm)
		callback = dev->type->pm->prepare;
	else if (dev->class && dev->class->pm)
		callback = dev->class->pm->prepare;
	else if (dev->bus && dev->bus->pm)
		callback = dev->bus->pm->prepare;
	if (!callback && dev->driver && dev->driver->pm)
		callback = dev->driver->pm->prepare;
	bool no_callbacks = !dev->pm_domain && !(dev->type && dev->type->pm) &&
			    !(dev->class && dev->class->pm) && !(dev->bus && dev->bus->pm) &&
			    !(dev->driver && dev->driver->pm);
	if (callback)
		ret = dpm_run_callback(callback, dev, "suspend_prepare");
	if (ret < 0) {
		pm_runtime_put(dev);
		return ret;
	}
	unsigned long flags;
	spin_lock_irqsave(&dev->power.lock, flags);
	dev->power.direct_complete = state.event == PM_EVENT_SUSPEND &&
				     (ret > 0 || no_callbacks) &&
				     !(dev->power.driver_flags & DPM_FLAG_NO_DIRECT_COMPLETE);
	spin_unlock_irqrestore(&dev->power.lock, flags);
	return 0;
}

int dpm_prepare(pm_message_t state)
{
	int error = 0;
	pm_marker_begin("phase:suspend_prepare");
	mutex_lock(&dpm_list_mtx);
	while (!list_empty(&dpm_list) && !error) {
		struct device *dev = to_device(dpm_list.next);
		get_device(dev);
		mutex_unlock(&dpm_list_mtx);
		error = device_prepare(dev, state);
		mutex_lock(&dpm_list_mtx);
		if (!error) {
			dev->power.is_prepared = true;
			if (!list_empty(&dev->power.entry))
				list_move_tail(&dev->power.entry, &dpm_prepared_list);
		} else if (error == -EAGAIN) {
			error = 0;
		} else {
			dev_info(dev, "not prepared for power transition: code %d\n", error);
			dpm_save_failed_dev(dev_name(dev));
		}
		mutex_unlock(&dpm_list_mtx);
		put_device(dev);
		mutex_lock(&dpm_list_mtx);
	}
	mutex_unlock(&dpm_list_mtx);
	pm_marker_end("phase:suspend_prepare", error);
	return error;
}

static void device_complete(struct device *dev, pm_message_t state)
{
	void (*callback)(struct device *) = NULL;
	if (dev->power.syscore)
		return;
	if (dev->pm_domain)
		callback = dev->pm_domain->ops.complete;
	else if (dev->type && dev->type->pm)
		callback = dev->type->pm->complete;
	else if (dev->class && dev->class->pm)
		callback = dev->class->pm->complete;
	else if (dev->bus && dev->bus->pm)
		callback = dev->bus->pm->complete;
	if (!callback && dev->driver && dev->driver->pm)
		callback = dev->driver->pm->complete;
	if (callback) {
		char name[64];
		snprintf(name, sizeof name, "dev:resume_complete:%s", dev_name(dev));
		pm_marker_begin(name);
		callback(dev);
		pm_marker_end(name, 0);
	}
	pm_runtime_put(dev);
}

void dpm_complete(pm_message_t state)
{
	LIST_HEAD(list);
	pm_marker_begin("phase:resume_complete");
	mutex_lock(&dpm_list_mtx);
	while (!list_empty(&dpm_prepared_list)) {
		struct device *dev = to_device(dpm_prepared_list.prev);
		get_device(dev);
		dev->power.is_prepared = false;
		list_move(&dev->power.entry, &list);
		mutex_unlock(&dpm_list_mtx);
		device_complete(dev, state);
		put_device(dev);
		mutex_lock(&dpm_list_mtx);
	}
	list_splice(&list, &dpm_list);
	mutex_unlock(&dpm_list_mtx);
	pm_marker_end("phase:resume_complete", 0);
}

/* ---- suspend and resume ------------------------------------------------------------ */

static void dpm_clear_superiors_direct_complete(struct device *dev)
{
	if (dev->parent) {
		unsigned long flags;
		spin_lock_irqsave(&dev->parent->power.lock, flags);
		dev->parent->power.direct_complete = false;
		spin_unlock_irqrestore(&dev->parent->power.lock, flags);
	}
}

static int device_suspend(struct device *dev, pm_message_t state)
{
	int error = 0;
	if (pm_wakeup_pending())
		return -EBUSY;
	if (dev->power.syscore)
		return 0;
	/* Runtime PM transitions in progress end first. */
	pm_runtime_barrier(dev);
	if (dev->power.direct_complete) {
		if (pm_runtime_status_suspended(dev)) {
			pm_runtime_disable(dev);
			if (pm_runtime_status_suspended(dev))
				return 0;
			pm_runtime_enable(dev);
		}
		dev->power.direct_complete = false;
	}
	dev->power.must_resume = true;
	error = dpm_run_callback(dpm_pick(dev, state, pm_op), dev, "suspend");
	if (!error) {
		dev->power.is_suspended = true;
		if (device_may_wakeup(dev))
			dev->power.wakeup_path = true;
		if (dev->power.wakeup_path && dev->parent)
			dev->parent->power.wakeup_path = true;
		dpm_clear_superiors_direct_complete(dev);
	}
	return error;
}

/*
 * One suspend phase (Linux's loops of dpm_suspend, dpm_suspend_late and
 * dpm_noirq_suspend_devices): the devices of `from`, last first, through
 * fn, each moved to the head of `to` once done — also when it failed if
 * move_failed (the late phase: resume_early must enable its runtime PM
 * again) — until the first error, which is returned.
 */
static int dpm_suspend_list(struct list_head *from, struct list_head *to,
			    int (*fn)(struct device *dev, pm_message_t state), pm_message_t state,
			    const char *info, bool move_failed)
{
	int error = 0;
	mutex_lock(&dpm_list_mtx);
	while (!list_empty(from) && !error) {
		struct device *dev = to_device(from->prev);
		get_device(dev);
		mutex_unlock(&dpm_list_mtx);
		error = fn(dev, state);
		mutex_lock(&dpm_list_mtx);
		if ((!error || move_failed) && !list_empty(&dev->power.entry))
			list_move(&dev->power.entry, to);
		if (error) {
			pm_dev_err(dev, state, info, error);
			dpm_save_failed_dev(dev_name(dev));
		}
		mutex_unlock(&dpm_list_mtx);
		put_device(dev);
		mutex_lock(&dpm_list_mtx);
	}
	mutex_unlock(&dpm_list_mtx);
	return error;
}

/* A device's resume callback failed: counted in suspend_stats, said. */
static void dpm_resume_failed(struct device *dev, pm_message_t state, int *failed,
			      enum suspend_stat_step step, const char *info, int error)
{
	(*failed)++;
	dpm_save_failed_step(step);
	dpm_save_failed_dev(dev_name(dev));
	pm_dev_err(dev, state, info, error);
}

int dpm_suspend(pm_message_t state)
{
	pm_marker_begin("phase:suspend");
	/* The governors stop and the CPU goes to its suspend OPP before any
	 * device suspends (the regulators and clocks it needs are up). */
	cpufreq_suspend();
	int error = dpm_suspend_list(&dpm_prepared_list, &dpm_suspended_list, device_suspend,
				     state, "", false);
	if (error) {
		suspend_stats.failed_suspend++;
		dpm_save_failed_step(SUSPEND_SUSPEND);
	}
	pm_marker_end("phase:suspend", error);
	return error;
}

static int device_resume(struct device *dev, pm_message_t state)
{
	int error = 0;
	if (dev->power.syscore)
		return 0;
	if (dev->power.direct_complete) {
		/* Left suspended: runtime PM resumes it when needed. */
		pm_runtime_enable(dev);
		return 0;
	}
	if (!dev->power.is_suspended)
		return 0;
	error = dpm_run_callback(dpm_pick(dev, state, pm_op), dev, "resume");
	dev->power.is_suspended = false;
	return error;
}

void dpm_resume(pm_message_t state)
{
	pm_marker_begin("phase:resume");
	mutex_lock(&dpm_list_mtx);
	while (!list_empty(&dpm_suspended_list)) {
		struct device *dev = to_device(dpm_suspended_list.next);
		get_device(dev);
		mutex_unlock(&dpm_list_mtx);
		int error = device_resume(dev, state);
		if (error)
			dpm_resume_failed(dev, state, &suspend_stats.failed_resume, SUSPEND_RESUME,
					  "", error);
		mutex_lock(&dpm_list_mtx);
		if (!list_empty(&dev->power.entry))
			list_move_tail(&dev->power.entry, &dpm_prepared_list);
		mutex_unlock(&dpm_list_mtx);
		put_device(dev);
		mutex_lock(&dpm_list_mtx);
	}
	mutex_unlock(&dpm_list_mtx);
	/* Every device is back: the governors start again. */
	cpufreq_resume();
	pm_marker_end("phase:resume", 0);
}

int dpm_suspend_start(pm_message_t state)
{
	int error = dpm_prepare(state);
	if (error) {
		suspend_stats.failed_prepare++;
		dpm_save_failed_step(SUSPEND_PREPARE);
	} else {
		error = dpm_suspend(state);
	}
	return error;
}

void dpm_resume_end(pm_message_t state)
{
	dpm_resume(state);
	dpm_complete(state);
}

/* ---- late / early ------------------------------------------------------------------ */

static int device_suspend_late(struct device *dev, pm_message_t state)
{
	__pm_runtime_disable(dev, false);
	if (pm_wakeup_pending())
		return -EBUSY;
	if (dev->power.syscore || dev->power.direct_complete)
		return 0;
	int error = 0;
	if (dpm_has_subsys(dev) || !dev_pm_skip_suspend(dev))
		error = dpm_run_callback(dpm_pick(dev, state, pm_late_early_op), dev,
					 "suspend_late");
	if (!error)
		dev->power.is_late_suspended = true;
	return error;
}

static void dpm_resume_early_list(pm_message_t state);

int dpm_suspend_late(pm_message_t state)
{
	pm_marker_begin("phase:suspend_late");
	/* Moved even when it failed: resume_early enables its runtime PM
	 * again (its callback runs only if is_late_suspended). */
	int error = dpm_suspend_list(&dpm_suspended_list, &dpm_late_early_list,
				     device_suspend_late, state, " late", true);
	pm_marker_end("phase:suspend_late", error);
	if (error) {
		suspend_stats.failed_suspend_late++;
		dpm_save_failed_step(SUSPEND_SUSPEND_LATE);
		dpm_resume_early_list(resume_event(state));
	}
	return error;
}

static void device_resume_early(struct device *dev, pm_message_t state)
{
	int error = 0;
	if (!dev->power.syscore && !dev->power.direct_complete && dev->power.is_late_suspended) {
		error = dpm_run_callback(dpm_pick(dev, state, pm_late_early_op), dev,
					 "resume_early");
		dev->power.is_late_suspended = false;
	}
	pm_runtime_enable(dev);
	if (error)
		dpm_resume_failed(dev, state, &suspend_stats.failed_resume_early,
				  SUSPEND_RESUME_EARLY, " early", error);
}

static void dpm_resume_early_list(pm_message_t state)
{
	pm_marker_begin("phase:resume_early");
	mutex_lock(&dpm_list_mtx);
	while (!list_empty(&dpm_late_early_list)) {
		struct device *dev = to_device(dpm_late_early_list.next);
		get_device(dev);
		list_move_tail(&dev->power.entry, &dpm_suspended_list);
		mutex_unlock(&dpm_list_mtx);
		device_resume_early(dev, state);
		put_device(dev);
		mutex_lock(&dpm_list_mtx);
	}
	mutex_unlock(&dpm_list_mtx);
	pm_marker_end("phase:resume_early", 0);
}

void dpm_resume_early(pm_message_t state)
{
	dpm_resume_early_list(state);
}

/* ---- noirq ------------------------------------------------------------------------- */

static int device_suspend_noirq(struct device *dev, pm_message_t state)
{
	if (pm_wakeup_pending())
		return -EBUSY;
	if (dev->power.syscore || dev->power.direct_complete)
		return 0;
	int error = 0;
	bool skip = !dpm_has_subsys(dev) && dev_pm_skip_suspend(dev);
	if (!skip)
		error = dpm_run_callback(dpm_pick(dev, state, pm_noirq_op), dev, "suspend_noirq");
	if (!error) {
		dev->power.is_noirq_suspended = true;
		dev->power.must_resume = !skip ||
					 !(dev->power.driver_flags & DPM_FLAG_MAY_SKIP_RESUME);
	}
	return error;
}

static void dpm_noirq_resume_devices(pm_message_t state)
{
	pm_marker_begin("phase:resume_noirq");
	mutex_lock(&dpm_list_mtx);
	while (!list_empty(&dpm_noirq_list)) {
		struct device *dev = to_device(dpm_noirq_list.next);
		get_device(dev);
		list_move_tail(&dev->power.entry, &dpm_late_early_list);
		mutex_unlock(&dpm_list_mtx);
		if (!dev->power.syscore && !dev->power.direct_complete &&
		    dev->power.is_noirq_suspended) {
			int error = 0;
			bool skip_resume = !dpm_has_subsys(dev) && dev_pm_skip_resume(dev);
			if (skip_resume)
				dev->power.is_late_suspended = false; /* no resume_early either */
			else if (!dpm_has_subsys(dev) && dev_pm_skip_suspend(dev))
				pm_runtime_set_active(dev); /* resumed after all */
			if (!skip_resume)
				error = dpm_run_callback(dpm_pick(dev, state, pm_noirq_op), dev,
							 "resume_noirq");
			dev->power.is_noirq_suspended = false;
			if (error)
				dpm_resume_failed(dev, state, &suspend_stats.failed_resume_noirq,
						  SUSPEND_RESUME_NOIRQ, " noirq", error);
		}
		put_device(dev);
		mutex_lock(&dpm_list_mtx);
	}
	mutex_unlock(&dpm_list_mtx);
	pm_marker_end("phase:resume_noirq", 0);
}

void dpm_resume_noirq(pm_message_t state)
{
	dpm_noirq_resume_devices(state);
	resume_device_irqs();
}

int dpm_suspend_noirq(pm_message_t state)
{
	suspend_device_irqs();
	pm_marker_begin("phase:suspend_noirq");
	int error = dpm_suspend_list(&dpm_late_early_list, &dpm_noirq_list, device_suspend_noirq,
				     state, " noirq", false);
	pm_marker_end("phase:suspend_noirq", error);
	if (error) {
		suspend_stats.failed_suspend_noirq++;
		dpm_save_failed_step(SUSPEND_SUSPEND_NOIRQ);
		dpm_resume_noirq(resume_event(state));
	}
	return error;
}

int dpm_suspend_end(pm_message_t state)
{
	int error = dpm_suspend_late(state);
	if (error)
		return error;
	error = dpm_suspend_noirq(state);
	if (error)
		dpm_resume_early(resume_event(state));
	return error;
}

void dpm_resume_start(pm_message_t state)
{
	dpm_resume_noirq(state);
	dpm_resume_early(state);
}
