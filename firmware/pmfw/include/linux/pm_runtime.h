/*
 * Runtime PM (include/linux/pm_runtime.h, drivers/base/power/runtime.c):
 * Documentation/power/runtime_pm.rst is the specification.
 */
#ifndef _LINUX_PM_RUNTIME_H
#define _LINUX_PM_RUNTIME_H

#include <linux/device.h>
#include <linux/pm.h>
#include <linux/timekeeping.h>

/* Flags of the __pm_runtime_* calls. */
#define RPM_ASYNC 0x01    /* from the pm_wq workqueue */
#define RPM_NOWAIT 0x02   /* do not wait for a concurrent state change */
#define RPM_GET_PUT 0x04  /* increment or decrement usage_count */
#define RPM_AUTO 0x08     /* use autosuspend_delay */

extern struct workqueue_struct *pm_wq;

int __pm_runtime_idle(struct device *dev, int rpmflags);
int __pm_runtime_suspend(struct device *dev, int rpmflags);
int __pm_runtime_resume(struct device *dev, int rpmflags);
int pm_runtime_get_if_active(struct device *dev);
int pm_schedule_suspend(struct device *dev, unsigned int delay);
int __pm_runtime_set_status(struct device *dev, unsigned int status);
int pm_runtime_barrier(struct device *dev);
void pm_runtime_enable(struct device *dev);
void __pm_runtime_disable(struct device *dev, bool check_resume);
void pm_runtime_allow(struct device *dev);
void pm_runtime_forbid(struct device *dev);
void pm_runtime_no_callbacks(struct device *dev);
void pm_runtime_irq_safe(struct device *dev);
void __pm_runtime_use_autosuspend(struct device *dev, bool use);
void pm_runtime_set_autosuspend_delay(struct device *dev, int delay);
u64 pm_runtime_autosuspend_expiration(struct device *dev);
u64 pm_runtime_active_time(struct device *dev);
u64 pm_runtime_suspended_time(struct device *dev);
int devm_pm_runtime_enable(struct device *dev);
const char *rpm_status_name(enum rpm_status st);
void pm_runtime_init(struct device *dev);
void pm_runtime_reinit(struct device *dev);
void pm_runtime_remove(struct device *dev);
int pm_runtime_force_suspend(struct device *dev);
int pm_runtime_force_resume(struct device *dev);

static inline bool pm_runtime_active(struct device *dev)
{
	return dev->power.runtime_status == RPM_ACTIVE || dev->power.disable_depth;
}
static inline bool pm_runtime_suspended(struct device *dev)
{
	return dev->power.runtime_status == RPM_SUSPENDED && !dev->power.disable_depth;
}
static inline bool pm_runtime_status_suspended(struct device *dev)
{
	return dev->power.runtime_status == RPM_SUSPENDED;
}
static inline bool pm_runtime_enabled(struct device *dev)
{
	return !dev->power.disable_depth;
}
static inline bool pm_runtime_has_no_callbacks(struct device *dev)
{
	return dev->power.no_callbacks;
}
static inline void pm_suspend_ignore_children(struct device *dev, bool enable)
{
	dev->power.ignore_children = enable;
}
static inline void pm_runtime_get_noresume(struct device *dev)
{
	atomic_inc(&dev->power.usage_count);
}
static inline void pm_runtime_put_noidle(struct device *dev)
{
	atomic_add_unless(&dev->power.usage_count, -1, 0);
}
static inline void pm_runtime_mark_last_busy(struct device *dev)
{
	WRITE_ONCE(dev->power.last_busy, ktime_get_mono_fast_ns());
}

static inline int pm_runtime_idle(struct device *dev)
{
	return __pm_runtime_idle(dev, 0);
}
static inline int pm_runtime_suspend(struct device *dev)
{
	return __pm_runtime_suspend(dev, 0);
}
static inline int pm_runtime_autosuspend(struct device *dev)
{
	return __pm_runtime_suspend(dev, RPM_AUTO);
}
static inline int pm_runtime_resume(struct device *dev)
{
	return __pm_runtime_resume(dev, 0);
}
static inline int pm_request_idle(struct device *dev)
{
	return __pm_runtime_idle(dev, RPM_ASYNC);
}
static inline int pm_request_resume(struct device *dev)
{
	return __pm_runtime_resume(dev, RPM_ASYNC);
}
static inline int pm_request_autosuspend(struct device *dev)
{
	return __pm_runtime_suspend(dev, RPM_ASYNC | RPM_AUTO);
}
static inline int pm_runtime_get(struct device *dev)
{
	return __pm_runtime_resume(dev, RPM_GET_PUT | RPM_ASYNC);
}
static inline int pm_runtime_get_sync(struct device *dev)
{
	return __pm_runtime_resume(dev, RPM_GET_PUT);
}
/* As get_sync, but the count is dropped again on failure. */
static inline int pm_runtime_resume_and_get(struct device *dev)
{
	int ret = __pm_runtime_resume(dev, RPM_GET_PUT);
	if (ret < 0) {
		pm_runtime_put_noidle(dev);
		return ret;
	}
	return 0;
}
static inline int pm_runtime_put(struct device *dev)
{
	return __pm_runtime_idle(dev, RPM_GET_PUT | RPM_ASYNC);
}
static inline int pm_runtime_put_autosuspend(struct device *dev)
{
	return __pm_runtime_suspend(dev, RPM_GET_PUT | RPM_ASYNC | RPM_AUTO);
}
static inline int pm_runtime_put_sync(struct device *dev)
{
	return __pm_runtime_idle(dev, RPM_GET_PUT);
}
static inline int pm_runtime_put_sync_suspend(struct device *dev)
{
	return __pm_runtime_suspend(dev, RPM_GET_PUT);
}
static inline int pm_runtime_put_sync_autosuspend(struct device *dev)
{
	return __pm_runtime_suspend(dev, RPM_GET_PUT | RPM_AUTO);
}
static inline int pm_runtime_set_active(struct device *dev)
{
	return __pm_runtime_set_status(dev, RPM_ACTIVE);
}
static inline int pm_runtime_set_suspended(struct device *dev)
{
	return __pm_runtime_set_status(dev, RPM_SUSPENDED);
}
static inline void pm_runtime_disable(struct device *dev)
{
	__pm_runtime_disable(dev, true);
}
static inline void pm_runtime_use_autosuspend(struct device *dev)
{
	__pm_runtime_use_autosuspend(dev, true);
}
static inline void pm_runtime_dont_use_autosuspend(struct device *dev)
{
	__pm_runtime_use_autosuspend(dev, false);
}

#endif
