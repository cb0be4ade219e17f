/*
 * Runtime PM (Linux's drivers/base/power/runtime.c, written for pmfw;
 * Documentation/power/runtime_pm.rst is the specification, and
 * /work/shared REFERENCE "Runtime PM" its summary):
 *
 *  - a device starts RPM_SUSPENDED with runtime PM disabled
 *    (disable_depth 1); pm_runtime_enable makes the framework act on it;
 *  - usage_count counts the users that want it active (get/put);
 *    child_count its active children; a suspend is refused while either is
 *    non-zero (-EAGAIN, -EBUSY unless ignore_children), while disabled
 *    (-EACCES), when its resume latency QoS is 0 (-EPERM), and after a
 *    callback failed with anything but -EAGAIN/-EBUSY (runtime_error
 *    latches until pm_runtime_set_active/suspended clears it);
 *  - the callbacks come from the device's PM domain, else its type,
 *    class, bus, else its driver (Linux's order); a suspend callback that
 *    returns -EAGAIN or -EBUSY leaves the device active and is no error;
 *  - resuming a device resumes its parent first and counts it as the
 *    parent's active child; a suspended child lets its parent idle;
 *  - idle: when a put drops the count to 0, ->runtime_idle runs, and the
 *    device suspends if it returns 0 (or has none);
 *  - autosuspend: with pm_runtime_use_autosuspend, a suspend asked with
 *    RPM_AUTO happens autosuspend_delay ms after last_busy (a timer;
 *    pm_runtime_mark_last_busy moves it), or at once if the delay passed;
 *  - RPM_ASYNC requests run from the pm_wq workqueue; irq_safe devices'
 *    callbacks run with interrupts off, and their parents are never
 *    suspended by them;
 *  - active and suspended times are accounted at every status change
 *    (power/runtime_active_time, runtime_suspended_time, in ms).
 *
 * Locking: dev->power.lock with interrupts off around the state; the
 * callbacks run without it (unless irq_safe) while the status says
 * RPM_SUSPENDING or RPM_RESUMING, and anyone who finds the device in one
 * of those states waits on power.wait_queue for the end.
 */
#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/pm_qos.h>
#include <linux/pm_runtime.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "power.h"

typedef int (*pm_callback_t)(struct device *dev);

struct workqueue_struct *pm_wq;

static int rpm_resume(struct device *dev, int rpmflags);
static int rpm_suspend(struct device *dev, int rpmflags);

static const char *const rpm_names[] = {
	[RPM_ACTIVE] = "active", [RPM_RESUMING] = "resuming",
	[RPM_SUSPENDED] = "suspended", [RPM_SUSPENDING] = "suspending",
};

const char *rpm_status_name(enum rpm_status st)
{
	return st >= RPM_ACTIVE && (unsigned int)st < ARRAY_SIZE(rpm_names) ? rpm_names[st]
									   : "error";
}

/* ---- time accounting --------------------------------------------------------- */

/* Charge the time since the last change to the status it was in. While
 * runtime PM was never enabled, nothing counts (Linux: accounting starts
 * at pm_runtime_enable). */
static void update_pm_runtime_accounting(struct device *dev)
{
	u64 now = ktime_get_mono_fast_ns(), last = dev->power.accounting_timestamp;
	dev->power.accounting_timestamp = now;
	if (!dev->power.accounting_started || now < last)
		return;
	if (dev->power.runtime_status == RPM_SUSPENDED)
		dev->power.suspended_time += now - last;
	else
		dev->power.active_time += now - last;
}

static void __update_runtime_status(struct device *dev, enum rpm_status status)
{
	update_pm_runtime_accounting(dev);
	dev->power.runtime_status = status;
}

static u64 rpm_time(struct device *dev, bool suspended)
{
	unsigned long flags;
	spin_lock_irqsave(&dev->power.lock, flags);
	update_pm_runtime_accounting(dev);
	u64 t = suspended ? dev->power.suspended_time : dev->power.active_time;
	spin_unlock_irqrestore(&dev->power.lock, flags);
	return t;
}

u64 pm_runtime_active_time(struct device *dev)
{
	return rpm_time(dev, false);
}

u64 pm_runtime_suspended_time(struct device *dev)
{
	return rpm_time(dev, true);
}

/* ---- helpers ------------------------------------------------------------------ */

static void pm_runtime_deactivate_timer(struct device *dev)
{
	if (dev->power.timer_expires > 0) {
		hrtimer_try_to_cancel(&dev->power.suspend_timer);
		dev->power.timer_expires = 0;
	}
}

static void pm_runtime_cancel_pending(struct device *dev)
{
	pm_runtime_deactivate_timer(dev);
	dev->power.request = RPM_REQ_NONE;
}

u64 pm_runtime_autosuspend_expiration(struct device *dev)
{
	if (!dev->power.use_autosuspend)
		return 0;
	int delay = READ_ONCE(dev->power.autosuspend_delay);
	if (delay < 0)
		return 0;
	u64 expires = READ_ONCE(dev->power.last_busy) + (u64)delay * NSEC_PER_MSEC;
	return expires > ktime_get_mono_fast_ns() ? expires : 0;
}


static int rpm_check_suspend_allowed(struct device *dev)
{
	int retval = 0;
	if (dev->power.runtime_error)
		retval = -EINVAL;
	else if (dev->power.disable_depth > 0)
		retval = -EACCES;
	else if (atomic_read(&dev->power.usage_count))
		retval = -EAGAIN;
	else if (!dev->power.ignore_children && atomic_read(&dev->power.child_count))
		retval = -EBUSY;
	else if ((dev->power.deferred_resume && dev->power.runtime_status == RPM_SUSPENDING) ||
		 (dev->power.request_pending && dev->power.request == RPM_REQ_RESUME))
		retval = -EAGAIN;
	else if (dev_pm_qos_raw_resume_latency(dev) == 0)
		retval = -EPERM;
	else if (dev->power.runtime_status == RPM_SUSPENDED)
		retval = 1;
	return retval;
}

/* The callback, by Linux's precedence: PM domain, type, bus, then the
 * driver when those have none. */
static pm_callback_t get_callback(struct device *dev, size_t offset)
{
	const struct dev_pm_ops *ops = NULL;
	pm_callback_t cb = NULL;
	if (dev->pm_domain)
		ops = &dev->pm_domain->ops;
	else if (dev->type && dev->type->pm)
		ops = dev->type->pm;
	else if (dev->bus && dev->bus->pm)
		ops = dev->bus->pm;
	if (ops)
		cb = *(const pm_callback_t *)((const char *)ops + offset);
	if (!cb && dev->driver && dev->driver->pm)
		cb = *(const pm_callback_t *)((const char *)dev->driver->pm + offset);
	return cb;
}

#define RPM_GET_CALLBACK(dev, name) get_callback(dev, offsetof(struct dev_pm_ops, name))

/* Run a callback without the lock (with it, interrupts off, if irq_safe). */
static int __rpm_callback(int (*cb)(struct device *), struct device *dev)
{
	int retval;
	if (dev->power.irq_safe) {
		spin_unlock(&dev->power.lock);
		retval = cb(dev);
		spin_lock(&dev->power.lock);
	} else {
		spin_unlock_irq(&dev->power.lock);
		retval = cb(dev);
		spin_lock_irq(&dev->power.lock);
	}
	return retval != -EACCES ? retval : -EIO;
}

static int rpm_callback(int (*cb)(struct device *), struct device *dev)
{
	if (!cb) {
		if (dev->power.no_callbacks)
			return 0;
		return -ENOSYS;
	}
	return __rpm_callback(cb, dev);
}

/* Wait, with the lock dropped, while another suspend or resume runs. */
static void rpm_wait_for_transition(struct device *dev)
{
	for (;;) {
		if (dev->power.runtime_status != RPM_RESUMING &&
		    dev->power.runtime_status != RPM_SUSPENDING)
			break;
		if (dev->power.irq_safe) {
			/* Unreachable on one core (an irq_safe callback runs
			 * with interrupts off), kept for the shape. */
			spin_unlock(&dev->power.lock);
			barrier();
			spin_lock(&dev->power.lock);
			continue;
		}
		spin_unlock_irq(&dev->power.lock);
		wait_event(dev->power.wait_queue,
			   READ_ONCE(dev->power.runtime_status) != RPM_RESUMING &&
			   READ_ONCE(dev->power.runtime_status) != RPM_SUSPENDING);
		spin_lock_irq(&dev->power.lock);
	}
}

static void rpm_queue(struct device *dev, enum rpm_request req)
{
	dev->power.request = req;
	if (!dev->power.request_pending) {
		dev->power.request_pending = true;
		queue_work(pm_wq, &dev->power.work);
	}
}

/* ---- idle ----------------------------------------------------------------------- */

static int rpm_idle(struct device *dev, int rpmflags)
{
	int retval = rpm_check_suspend_allowed(dev);
	if (retval < 0)
		; /* Conditions are wrong. */
	else if (dev->power.runtime_status != RPM_ACTIVE)
		retval = -EAGAIN;
	else if (dev->power.request_pending && dev->power.request > RPM_REQ_IDLE)
		retval = -EAGAIN;
	else if (dev->power.idle_notification)
		retval = -EINPROGRESS;
	if (retval)
		goto out;
	dev->power.request = RPM_REQ_NONE;
	pm_callback_t callback = RPM_GET_CALLBACK(dev, runtime_idle);
	/* No idle callback, or no callbacks at all: suspend at once. */
	if (!callback || dev->power.no_callbacks)
		goto out;
	if (rpmflags & RPM_ASYNC) {
		rpm_queue(dev, RPM_REQ_IDLE);
		goto out;
	}
	dev->power.idle_notification = true;
	if (dev->power.irq_safe)
		spin_unlock(&dev->power.lock);
	else
		spin_unlock_irq(&dev->power.lock);
	retval = callback(dev);
	if (dev->power.irq_safe)
		spin_lock(&dev->power.lock);
	else
		spin_lock_irq(&dev->power.lock);
	dev->power.idle_notification = false;
	wake_up_all(&dev->power.wait_queue);
out:
	if (retval)
		return retval;
	return rpm_suspend(dev, rpmflags | RPM_AUTO);
}

/* ---- suspend -------------------------------------------------------------------- */

static int rpm_suspend(struct device *dev, int rpmflags)
{
	struct device *parent = NULL;
	int retval;
repeat:
	retval = rpm_check_suspend_allowed(dev);
	if (retval < 0)
		goto out;
	/* Synchronous suspends are not allowed in the RPM_RESUMING state. */
	if (dev->power.runtime_status == RPM_RESUMING && !(rpmflags & RPM_ASYNC))
		retval = -EAGAIN;
	if (retval)
		goto out;
	/* Autosuspend: not before the delay has passed since last_busy. */
	if ((rpmflags & RPM_AUTO) && dev->power.runtime_status != RPM_SUSPENDING) {
		u64 expires = pm_runtime_autosuspend_expiration(dev);
		if (expires != 0) {
			dev->power.request = RPM_REQ_NONE;
			/* Keep an earlier timer; else (re)arm it. */
			if (!(dev->power.timer_expires && dev->power.timer_expires <= expires)) {
				dev->power.timer_expires = expires;
				hrtimer_start(&dev->power.suspend_timer, ns_to_ktime(expires),
					      HRTIMER_MODE_ABS);
			}
			dev->power.timer_autosuspends = 1;
			goto out;
		}
	}
	/* Other scheduled or pending requests need to be canceled. */
	pm_runtime_cancel_pending(dev);
	if (dev->power.runtime_status == RPM_SUSPENDING) {
		if (rpmflags & (RPM_ASYNC | RPM_NOWAIT)) {
			retval = -EINPROGRESS;
			goto out;
		}
		rpm_wait_for_transition(dev);
		goto repeat;
	}
	dev->power.deferred_resume = false;
	if (rpmflags & RPM_ASYNC) {
		rpm_queue(dev, (rpmflags & RPM_AUTO) ? RPM_REQ_AUTOSUSPEND : RPM_REQ_SUSPEND);
		goto out;
	}
	__update_runtime_status(dev, RPM_SUSPENDING);
	pm_callback_t callback = RPM_GET_CALLBACK(dev, runtime_suspend);
	retval = rpm_callback(callback, dev);
	if (retval)
		goto fail;
	__update_runtime_status(dev, RPM_SUSPENDED);
	pm_runtime_deactivate_timer(dev);
	if (dev->parent) {
		parent = dev->parent;
		atomic_add_unless(&parent->power.child_count, -1, 0);
	}
	wake_up_all(&dev->power.wait_queue);
	if (dev->power.deferred_resume) {
		dev->power.deferred_resume = false;
		rpm_resume(dev, 0);
		retval = -EAGAIN;
		goto out;
	}
	/* Maybe the parent is now able to suspend. */
	if (parent && !parent->power.ignore_children && !dev->power.irq_safe) {
		spin_unlock(&dev->power.lock);
		spin_lock(&parent->power.lock);
		rpm_idle(parent, RPM_ASYNC);
		spin_unlock(&parent->power.lock);
		spin_lock(&dev->power.lock);
	}
out:
	return retval;
fail:
	__update_runtime_status(dev, RPM_ACTIVE);
	dev->power.deferred_resume = false;
	wake_up_all(&dev->power.wait_queue);
	/* A busy device is no error: try again later (autosuspend: after the
	 * delay from now); anything else latches runtime_error. */
	if (retval == -EAGAIN || retval == -EBUSY) {
		dev->power.runtime_error = 0;
		if ((rpmflags & RPM_AUTO) && pm_runtime_autosuspend_expiration(dev) != 0)
			goto repeat;
	} else {
		dev->power.runtime_error = retval;
		pm_runtime_cancel_pending(dev);
	}
	goto out;
}

/* ---- resume --------------------------------------------------------------------- */

static int rpm_resume(struct device *dev, int rpmflags)
{
	struct device *parent = NULL;
	int retval = 0;
repeat:
	if (dev->power.runtime_error) {
		retval = -EINVAL;
	} else if (dev->power.disable_depth > 0) {
		if (dev->power.runtime_status == RPM_ACTIVE &&
		    dev->power.last_status == RPM_ACTIVE)
			retval = 1;
		else
			retval = -EACCES;
	}
	if (retval)
		goto out;
	/* A resume cancels a pending suspend or autosuspend. */
	dev->power.request = RPM_REQ_NONE;
	if (!dev->power.timer_autosuspends)
		pm_runtime_deactivate_timer(dev);
	if (dev->power.runtime_status == RPM_ACTIVE) {
		retval = 1;
		goto out;
	}
	if (dev->power.runtime_status == RPM_RESUMING ||
	    dev->power.runtime_status == RPM_SUSPENDING) {
		if (rpmflags & (RPM_ASYNC | RPM_NOWAIT)) {
			if (dev->power.runtime_status == RPM_SUSPENDING) {
				dev->power.deferred_resume = true;
				retval = (rpmflags & RPM_NOWAIT) ? -EINPROGRESS : 0;
			} else {
				retval = -EINPROGRESS;
			}
			goto out;
		}
		rpm_wait_for_transition(dev);
		goto repeat;
	}
	/* No callbacks, and the parent already active: nothing to do but say
	 * so (Linux: the "no_callbacks" shortcut). */
	if (dev->power.no_callbacks && !parent && dev->parent) {
		spin_lock(&dev->parent->power.lock);
		if (dev->parent->power.disable_depth > 0 || dev->parent->power.ignore_children ||
		    dev->parent->power.runtime_status == RPM_ACTIVE) {
			atomic_inc(&dev->parent->power.child_count);
			spin_unlock(&dev->parent->power.lock);
			retval = 1;
			goto no_callback;
		}
		spin_unlock(&dev->parent->power.lock);
	}
	if (rpmflags & RPM_ASYNC) {
		rpm_queue(dev, RPM_REQ_RESUME);
		retval = 0;
		goto out;
	}
	if (!parent && dev->parent) {
		/* Resume the parent first, unless it cannot or need not. An
		 * irq_safe device's parent stays resumed (Linux). */
		parent = dev->parent;
		if (dev->power.irq_safe)
			goto skip_parent;
		spin_unlock(&dev->power.lock);
		pm_runtime_get_noresume(parent);
		spin_lock(&parent->power.lock);
		if (!parent->power.disable_depth && !parent->power.ignore_children) {
			rpm_resume(parent, 0);
			if (parent->power.runtime_status != RPM_ACTIVE)
				retval = -EBUSY;
		}
		spin_unlock(&parent->power.lock);
		spin_lock(&dev->power.lock);
		if (retval)
			goto out;
		goto repeat;
	}
skip_parent:
	if (dev->power.no_callbacks)
		goto no_callback;
	__update_runtime_status(dev, RPM_RESUMING);
	pm_callback_t callback = RPM_GET_CALLBACK(dev, runtime_resume);
	dev->power.timer_autosuspends = 0;
	retval = rpm_callback(callback, dev);
	if (retval) {
		__update_runtime_status(dev, RPM_SUSPENDED);
		pm_runtime_cancel_pending(dev);
		dev->power.runtime_error = retval;
	} else {
no_callback:
		__update_runtime_status(dev, RPM_ACTIVE);
		pm_runtime_mark_last_busy(dev);
		if (parent)
			atomic_inc(&parent->power.child_count);
	}
	wake_up_all(&dev->power.wait_queue);
	if (retval >= 0)
		rpm_idle(dev, RPM_ASYNC);
out:
	if (parent && !dev->power.irq_safe) {
		spin_unlock_irq(&dev->power.lock);
		pm_runtime_put(parent);
		spin_lock_irq(&dev->power.lock);
	}
	return retval;
}

/* ---- the workqueue and the autosuspend timer --------------------------------- */

static void pm_runtime_work(struct work_struct *work)
{
	struct device *dev = container_of(work, struct device, power.work);
	spin_lock_irq(&dev->power.lock);
	if (!dev->power.request_pending)
		goto out;
	enum rpm_request req = dev->power.request;
	dev->power.request = RPM_REQ_NONE;
	dev->power.request_pending = false;
	switch (req) {
	case RPM_REQ_NONE:
		break;
	case RPM_REQ_IDLE:
		rpm_idle(dev, RPM_NOWAIT);
		break;
	case RPM_REQ_SUSPEND:
		rpm_suspend(dev, RPM_NOWAIT);
		break;
	case RPM_REQ_AUTOSUSPEND:
		rpm_suspend(dev, RPM_NOWAIT | RPM_AUTO);
		break;
	case RPM_REQ_RESUME:
		rpm_resume(dev, RPM_NOWAIT);
		break;
	}
out:
	spin_unlock_irq(&dev->power.lock);
}

static enum hrtimer_restart pm_suspend_timer_fn(struct hrtimer *timer)
{
	struct device *dev = container_of(timer, struct device, power.suspend_timer);
	unsigned long flags;
	spin_lock_irqsave(&dev->power.lock, flags);
	u64 expires = dev->power.timer_expires;
	/* The timer may have been re-armed for later meanwhile. */
	if (expires > 0 && expires <= ktime_get_mono_fast_ns()) {
		dev->power.timer_expires = 0;
		rpm_suspend(dev, dev->power.timer_autosuspends ? (RPM_ASYNC | RPM_AUTO) : RPM_ASYNC);
	}
	spin_unlock_irqrestore(&dev->power.lock, flags);
	return HRTIMER_NORESTART;
}

int pm_schedule_suspend(struct device *dev, unsigned int delay)
{
	unsigned long flags;
	spin_lock_irqsave(&dev->power.lock, flags);
	int retval;
	if (!delay) {
		retval = rpm_suspend(dev, RPM_ASYNC);
		goto out;
	}
	retval = rpm_check_suspend_allowed(dev);
	if (retval)
		goto out;
	pm_runtime_cancel_pending(dev);
	u64 expires = ktime_get_mono_fast_ns() + (u64)delay * NSEC_PER_MSEC;
	dev->power.timer_expires = expires;
	dev->power.timer_autosuspends = 0;
	hrtimer_start(&dev->power.suspend_timer, ns_to_ktime(expires), HRTIMER_MODE_ABS);
out:
	spin_unlock_irqrestore(&dev->power.lock, flags);
	return retval;
}

/* ---- the API ------------------------------------------------------------------------ */

static int rpm_drop_usage_count(struct device *dev)
{
	int ret = atomic_sub_return(1, &dev->power.usage_count);
	if (ret >= 0)
		return ret;
	/* More puts than gets: a driver bug (Linux warns too). */
	atomic_inc(&dev->power.usage_count);
	dev_warn(dev, "Runtime PM usage count underflow!\n");
	return -EINVAL;
}

int __pm_runtime_idle(struct device *dev, int rpmflags)
{
	unsigned long flags;
	if (rpmflags & RPM_GET_PUT) {
		int retval = rpm_drop_usage_count(dev);
		if (retval < 0)
			return retval;
		if (retval > 0)
			return 0;
	}
	spin_lock_irqsave(&dev->power.lock, flags);
	int retval = rpm_idle(dev, rpmflags);
	spin_unlock_irqrestore(&dev->power.lock, flags);
	return retval;
}

int __pm_runtime_suspend(struct device *dev, int rpmflags)
{
	unsigned long flags;
	if (rpmflags & RPM_GET_PUT) {
		int retval = rpm_drop_usage_count(dev);
		if (retval < 0)
			return retval;
		if (retval > 0)
			return 0;
	}
	spin_lock_irqsave(&dev->power.lock, flags);
	int retval = rpm_suspend(dev, rpmflags);
	spin_unlock_irqrestore(&dev->power.lock, flags);
	return retval;
}

int __pm_runtime_resume(struct device *dev, int rpmflags)
{
	unsigned long flags;
	if (rpmflags & RPM_GET_PUT)
		atomic_inc(&dev->power.usage_count);
	spin_lock_irqsave(&dev->power.lock, flags);
	int retval = rpm_resume(dev, rpmflags);
	spin_unlock_irqrestore(&dev->power.lock, flags);
	return retval;
}

int pm_runtime_get_if_active(struct device *dev)
{
	unsigned long flags;
	int retval;
	spin_lock_irqsave(&dev->power.lock, flags);
	if (dev->power.disable_depth > 0) {
		retval = -EINVAL;
	} else if (dev->power.runtime_status != RPM_ACTIVE) {
		retval = 0;
	} else {
		retval = 1;
		atomic_inc(&dev->power.usage_count);
	}
	spin_unlock_irqrestore(&dev->power.lock, flags);
	return retval;
}

/* Only while runtime PM is disabled: the device's status as it is, with
 * the parent's child count kept right (an active child of a suspended,
 * enabled parent is refused with -EBUSY). */
int __pm_runtime_set_status(struct device *dev, unsigned int status)
{
	struct device *parent = dev->parent;
	unsigned long flags;
	int error = 0;
	if (status != RPM_ACTIVE && status != RPM_SUSPENDED)
		return -EINVAL;
	spin_lock_irqsave(&dev->power.lock, flags);
	if (dev->power.runtime_error || dev->power.disable_depth)
		dev->power.disable_depth++;
	else
		error = -EAGAIN;
	spin_unlock_irqrestore(&dev->power.lock, flags);
	if (error)
		return error;
	spin_lock_irqsave(&dev->power.lock, flags);
	if (dev->power.runtime_status == (enum rpm_status)status || !parent)
		goto out_set;
	if (status == RPM_SUSPENDED) {
		atomic_add_unless(&parent->power.child_count, -1, 0);
	} else {
		spin_lock(&parent->power.lock);
		if (!parent->power.disable_depth && !parent->power.ignore_children &&
		    parent->power.runtime_status != RPM_ACTIVE) {
			dev_err(dev, "runtime PM trying to activate child device %s but parent (%s) "
				"is not active\n", dev_name(dev), dev_name(parent));
			error = -EBUSY;
		} else if (dev->power.runtime_status == RPM_SUSPENDED) {
			atomic_inc(&parent->power.child_count);
		}
		spin_unlock(&parent->power.lock);
		if (error) {
			status = RPM_SUSPENDED;
			goto out;
		}
	}
out_set:
	__update_runtime_status(dev, (enum rpm_status)status);
	if (!error)
		dev->power.runtime_error = 0;
out:
	spin_unlock_irqrestore(&dev->power.lock, flags);
	if (parent && status == RPM_SUSPENDED)
		pm_request_idle(parent);
	spin_lock_irqsave(&dev->power.lock, flags);
	dev->power.disable_depth--;
	spin_unlock_irqrestore(&dev->power.lock, flags);
	return error;
}

/* Wait for anything under way, and carry out a pending resume. */
static void __pm_runtime_barrier(struct device *dev)
{
	pm_runtime_deactivate_timer(dev);
	if (dev->power.request_pending) {
		dev->power.request = RPM_REQ_NONE;
		spin_unlock_irq(&dev->power.lock);
		cancel_work_sync(&dev->power.work);
		spin_lock_irq(&dev->power.lock);
		dev->power.request_pending = false;
	}
	rpm_wait_for_transition(dev);
	while (dev->power.idle_notification) {
		spin_unlock_irq(&dev->power.lock);
		wait_event(dev->power.wait_queue, !dev->power.idle_notification);
		spin_lock_irq(&dev->power.lock);
	}
}

int pm_runtime_barrier(struct device *dev)
{
	int retval = 0;
	pm_runtime_get_noresume(dev);
	spin_lock_irq(&dev->power.lock);
	if (dev->power.request_pending && dev->power.request == RPM_REQ_RESUME) {
		rpm_resume(dev, 0);
		retval = 1;
	}
	__pm_runtime_barrier(dev);
	spin_unlock_irq(&dev->power.lock);
	pm_runtime_put_noidle(dev);
	return retval;
}

void __pm_runtime_disable(struct device *dev, bool check_resume)
{
	spin_lock_irq(&dev->power.lock);
	if (dev->power.disable_depth > 0) {
		dev->power.disable_depth++;
		goto out;
	}
	/* A pending resume is carried out first, so that the device is not
	 * left suspended with someone waiting for it. */
	if (check_resume && dev->power.request_pending && dev->power.request == RPM_REQ_RESUME) {
		pm_runtime_get_noresume(dev);
		rpm_resume(dev, 0);
		pm_runtime_put_noidle(dev);
	}
	update_pm_runtime_accounting(dev);
	if (!dev->power.disable_depth++) {
		__pm_runtime_barrier(dev);
		dev->power.last_status = dev->power.runtime_status;
	}
out:
	spin_unlock_irq(&dev->power.lock);
}

void pm_runtime_enable(struct device *dev)
{
	unsigned long flags;
	spin_lock_irqsave(&dev->power.lock, flags);
	if (!dev->power.disable_depth) {
		dev_warn(dev, "Unbalanced %s!\n", __func__);
		goto out;
	}
	if (--dev->power.disable_depth > 0)
		goto out;
	dev->power.last_status = RPM_INVALID;
	dev->power.accounting_timestamp = ktime_get_mono_fast_ns();
	dev->power.accounting_started = true;
	if (dev->power.runtime_status == RPM_SUSPENDED && !dev->power.ignore_children &&
	    atomic_read(&dev->power.child_count) > 0)
		dev_warn(dev, "Enabling runtime PM for inactive device with active children\n");
out:
	spin_unlock_irqrestore(&dev->power.lock, flags);
}

static void pm_runtime_disable_action(void *data)
{
	pm_runtime_dont_use_autosuspend(data);
	pm_runtime_disable(data);
}

int devm_pm_runtime_enable(struct device *dev)
{
	pm_runtime_enable(dev);
	return devm_add_action_or_reset(dev, pm_runtime_disable_action, dev);
}

/* power/control = "on": keep it active. */
void pm_runtime_forbid(struct device *dev)
{
	spin_lock_irq(&dev->power.lock);
	if (dev->power.runtime_auto) {
		dev->power.runtime_auto = false;
		atomic_inc(&dev->power.usage_count);
		rpm_resume(dev, 0);
	}
	spin_unlock_irq(&dev->power.lock);
}

/* power/control = "auto": let it suspend. */
void pm_runtime_allow(struct device *dev)
{
	spin_lock_irq(&dev->power.lock);
	if (!dev->power.runtime_auto) {
		dev->power.runtime_auto = true;
		if (rpm_drop_usage_count(dev) == 0)
			rpm_idle(dev, RPM_AUTO | RPM_ASYNC);
	}
	spin_unlock_irq(&dev->power.lock);
}

void pm_runtime_no_callbacks(struct device *dev)
{
	spin_lock_irq(&dev->power.lock);
	dev->power.no_callbacks = true;
	spin_unlock_irq(&dev->power.lock);
}

void pm_runtime_irq_safe(struct device *dev)
{
	if (dev->parent)
		pm_runtime_get_sync(dev->parent);
	spin_lock_irq(&dev->power.lock);
	dev->power.irq_safe = true;
	spin_unlock_irq(&dev->power.lock);
}

/* After a change of autosuspend settings: suspend now if allowed, or
 * resume if autosuspend was just forbidden (a negative delay). */
static void update_autosuspend(struct device *dev, int old_delay, int old_use)
{
	int delay = dev->power.autosuspend_delay;
	if (dev->power.use_autosuspend && delay < 0) {
		if (!old_use || old_delay >= 0) {
			atomic_inc(&dev->power.usage_count);
			rpm_resume(dev, 0);
		}
	} else {
		if (old_use && old_delay < 0)
			atomic_dec(&dev->power.usage_count);
		rpm_idle(dev, RPM_AUTO);
	}
}

void pm_runtime_set_autosuspend_delay(struct device *dev, int delay)
{
	spin_lock_irq(&dev->power.lock);
	int old_delay = dev->power.autosuspend_delay, old_use = dev->power.use_autosuspend;
	dev->power.autosuspend_delay = delay;
	update_autosuspend(dev, old_delay, old_use);
	spin_unlock_irq(&dev->power.lock);
}

void __pm_runtime_use_autosuspend(struct device *dev, bool use)
{
	spin_lock_irq(&dev->power.lock);
	int old_delay = dev->power.autosuspend_delay, old_use = dev->power.use_autosuspend;
	dev->power.use_autosuspend = use;
	update_autosuspend(dev, old_delay, old_use);
	spin_unlock_irq(&dev->power.lock);
}

void pm_runtime_init(struct device *dev)
{
	dev->power.runtime_status = RPM_SUSPENDED;
	dev->power.last_status = RPM_INVALID;
	dev->power.idle_notification = false;
	dev->power.disable_depth = 1;
	atomic_set(&dev->power.usage_count, 0);
	dev->power.runtime_error = 0;
	atomic_set(&dev->power.child_count, 0);
	pm_suspend_ignore_children(dev, false);
	dev->power.runtime_auto = true;
	dev->power.request_pending = false;
	dev->power.request = RPM_REQ_NONE;
	dev->power.deferred_resume = false;
	dev->power.needs_force_resume = false;
	INIT_WORK(&dev->power.work, pm_runtime_work);
	dev->power.timer_expires = 0;
	hrtimer_init(&dev->power.suspend_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	dev->power.suspend_timer.function = pm_suspend_timer_fn;
	init_waitqueue_head(&dev->power.wait_queue);
}

void pm_runtime_reinit(struct device *dev)
{
	if (!pm_runtime_enabled(dev)) {
		if (dev->power.runtime_status == RPM_ACTIVE)
			pm_runtime_set_suspended(dev);
		if (dev->power.irq_safe) {
			spin_lock_irq(&dev->power.lock);
			dev->power.irq_safe = false;
			spin_unlock_irq(&dev->power.lock);
			if (dev->parent)
				pm_runtime_put(dev->parent);
		}
	}
}

void pm_runtime_remove(struct device *dev)
{
	__pm_runtime_disable(dev, false);
	pm_runtime_reinit(dev);
}

/* For system sleep: suspend a device whatever runtime PM thinks, and put
 * it back as it was on resume (Linux's helpers for drivers whose system
 * sleep is their runtime suspend). */
int pm_runtime_force_suspend(struct device *dev)
{
	pm_runtime_disable(dev);
	if (pm_runtime_status_suspended(dev))
		return 0;
	pm_callback_t callback = RPM_GET_CALLBACK(dev, runtime_suspend);
	int ret = callback ? callback(dev) : 0;
	if (ret) {
		pm_runtime_enable(dev);
		return ret;
	}
	dev->power.needs_force_resume = true;
	pm_runtime_set_suspended(dev);
	return 0;
}

int pm_runtime_force_resume(struct device *dev)
{
	int ret = 0;
	if (!pm_runtime_status_suspended(dev) || !dev->power.needs_force_resume)
		goto out;
	pm_callback_t callback = RPM_GET_CALLBACK(dev, runtime_resume);
	ret = callback ? callback(dev) : 0;
	if (ret) {
		pm_runtime_set_suspended(dev);
		goto out;
	}
	pm_runtime_mark_last_busy(dev);
	pm_runtime_set_active(dev);
out:
	dev->power.needs_force_resume = false;
	pm_runtime_enable(dev);
	return ret;
}

static int pm_runtime_wq_init(void)
{
	pm_wq = alloc_workqueue("pm", WQ_FREEZABLE, 0);
	return pm_wq ? 0 : -ENOMEM;
}
core_initcall(pm_runtime_wq_init);
