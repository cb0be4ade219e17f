/*
 * The cpuidle core (Linux's drivers/cpuidle/cpuidle.c, driver.c): one
 * driver and one device, cpu0's. The idle thread asks the governor for a
 * state (cpuidle_select), enters it (cpuidle_enter) and tells the
 * governor what happened (cpuidle_reflect).
 *
 * cpuidle_enter_state keeps Linux's statistics. The residency is
 * measured with ktime_get around the state's enter, interrupts masked:
 * from just before the WFI to just after the core runs again, so it
 * includes the exit latency, as Linux's does. Then, as Linux:
 *   usage, time_ns += residency;
 *   above: the residency was shorter than the state's target residency
 *          and a shallower state was enabled (too deep);
 *   below: the residency minus the exit latency reached the target
 *          residency of the next deeper enabled state (too shallow);
 *   rejected: enter returned an error (nothing entered).
 * A state is off when any bit of its usage's `disable` is set: the user's
 * (stateN/disable) or the driver's (an unusable state).
 */
#include <linux/cpu.h>
#include <linux/cpuidle.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <pmfw/marker.h>

#include "cpuidle.h"

static struct cpuidle_driver *cpuidle_driver;
static struct cpuidle_device *cpuidle_device;
static struct cpuidle_device cpu0_device;
bool cpuidle_off;

/* Linux's cpuidle.off=1: the default idle (WFI) only. */
static int __init cpuidle_off_setup(char *str)
{
	cpuidle_off = !strcmp(str, "1") || !strcmp(str, "Y") || !strcmp(str, "y");
	return 1;
}
__setup("cpuidle.off=", cpuidle_off_setup);

struct cpuidle_driver *cpuidle_get_driver(void)
{
	return cpuidle_driver;
}

struct cpuidle_device *cpuidle_get_device(void)
{
	return cpuidle_device;
}

bool cpuidle_not_available(struct cpuidle_driver *drv, struct cpuidle_device *dev)
{
	return cpuidle_off || !drv || !dev || !dev->enabled || !cpuidle_curr_governor;
}

/* Each decision is marked for pmsim (`cpuidle:select`, ARG the state),
 * so that a run's trace holds the governor's choices beside the PMU's
 * states (docs/devices/simctl.md). */
int cpuidle_select(struct cpuidle_driver *drv, struct cpuidle_device *dev, bool *stop_tick)
{
	int index = cpuidle_curr_governor->select(drv, dev, stop_tick);
	pm_marker_instant("cpuidle:select", index);
	return index;
}

/* Interrupts masked on entry, enabled on return. */
static int cpuidle_enter_state(struct cpuidle_device *dev, struct cpuidle_driver *drv,
			       int index)
{
	struct cpuidle_state *target = &drv->states[index];
	ktime_t time_start = ktime_get();
	int entered = target->enter(dev, drv, index);
	ktime_t time_end = ktime_get();
	/* As Linux: the interrupt that woke the core is taken now, before
	 * the statistics. */
	local_irq_enable();

	if (entered >= 0) {
		s64 diff = time_end - time_start;
		s64 delay = drv->states[entered].exit_latency_ns;
		struct cpuidle_state_usage *u = &dev->states_usage[entered];
		if (diff < 0)
			diff = 0;
		dev->last_residency_ns = (u64)diff;
		u->time_ns += (u64)diff;
		u->usage++;
		if (diff < drv->states[entered].target_residency_ns) {
			for (int i = entered - 1; i >= 0; i--) {
				if (dev->states_usage[i].disable)
					continue;
				u->above++; /* a shallower state was enabled */
				break;
			}
		} else if (diff > delay) {
			for (int i = entered + 1; i < drv->state_count; i++) {
				if (dev->states_usage[i].disable)
					continue;
				if (diff - delay >= drv->states[i].target_residency_ns)
					u->below++;
				break;
			}
		}
	} else {
		dev->last_residency_ns = 0;
		dev->states_usage[index].rejected++;
	}
	return entered;
}

int cpuidle_enter(struct cpuidle_driver *drv, struct cpuidle_device *dev, int index)
{
	return cpuidle_enter_state(dev, drv, index);
}

void cpuidle_reflect(struct cpuidle_device *dev, int index)
{
	if (cpuidle_curr_governor->reflect && index >= 0)
		cpuidle_curr_governor->reflect(dev, index);
}

int cpuidle_find_deepest_state(struct cpuidle_driver *drv, struct cpuidle_device *dev,
			       u64 latency_limit_ns)
{
	int ret = 0;
	for (int i = 1; i < drv->state_count; i++) {
		if (dev->states_usage[i].disable ||
		    (u64)drv->states[i].exit_latency_ns > latency_limit_ns)
			continue;
		ret = i;
	}
	return ret;
}

int cpuidle_enter_s2idle(struct cpuidle_driver *drv, struct cpuidle_device *dev)
{
	int index = -ENODEV;
	for (int i = 0; i < drv->state_count; i++)
		if (!dev->states_usage[i].disable && drv->states[i].enter_s2idle)
			index = i;
	if (index < 0)
		return index;
	/* Time is frozen in s2idle (timekeeping suspended; on Linux's ARM
	 * the sched_clock too): the driver leaves the residency it measured
	 * in hardware in last_residency_ns. */
	dev->last_residency_ns = 0;
	int err = drv->states[index].enter_s2idle(dev, drv, index);
	if (err)
		return err;
	dev->states_usage[index].s2idle_usage++;
	dev->states_usage[index].s2idle_time += div_u64(dev->last_residency_ns, NSEC_PER_USEC);
	return index;
}

/* ---- registration ---- */

int cpuidle_register_driver(struct cpuidle_driver *drv)
{
	if (!drv || drv->state_count <= 0 || drv->state_count > CPUIDLE_STATE_MAX)
		return -EINVAL;
	if (cpuidle_driver)
		return -EBUSY;
	/* Linux's: either unit given, the other follows. */
	for (int i = 0; i < drv->state_count; i++) {
		struct cpuidle_state *s = &drv->states[i];
		if (s->target_residency && !s->target_residency_ns)
			s->target_residency_ns = (s64)s->target_residency * NSEC_PER_USEC;
		else if (s->target_residency_ns)
			s->target_residency = (unsigned int)div_u64((u64)s->target_residency_ns,
								    NSEC_PER_USEC);
		if (s->exit_latency && !s->exit_latency_ns)
			s->exit_latency_ns = (s64)s->exit_latency * NSEC_PER_USEC;
		else if (s->exit_latency_ns)
			s->exit_latency = (unsigned int)div_u64((u64)s->exit_latency_ns,
								NSEC_PER_USEC);
	}
	cpuidle_driver = drv;
	if (drv->governor && !param_governor[0]) {
		struct cpuidle_governor *gov = cpuidle_find_governor(drv->governor);
		if (gov)
			cpuidle_switch_governor(gov);
	}
	return 0;
}

int cpuidle_register_device(struct cpuidle_device *dev)
{
	struct cpuidle_driver *drv = cpuidle_driver;
	if (!drv || !dev)
		return -EINVAL;
	if (dev->registered)
		return -EBUSY;
	for (int i = 0; i < drv->state_count; i++)
		if (drv->states[i].flags & CPUIDLE_FLAG_UNUSABLE)
			dev->states_usage[i].disable |= CPUIDLE_STATE_DISABLED_BY_DRIVER;
		else if (drv->states[i].flags & CPUIDLE_FLAG_OFF)
			dev->states_usage[i].disable |= CPUIDLE_STATE_DISABLED_BY_USER;
	int err = cpuidle_add_sysfs(dev, drv);
	if (err)
		return err;
	dev->registered = 1;
	cpuidle_device = dev;
	if (cpuidle_curr_governor && cpuidle_curr_governor->enable) {
		err = cpuidle_curr_governor->enable(drv, dev);
		if (err)
			return err;
	}
	dev->enabled = 1;
	return 0;
}

int cpuidle_register(struct cpuidle_driver *drv)
{
	int err = cpuidle_register_driver(drv);
	if (err)
		return err;
	cpu0_device.cpu = 0;
	err = cpuidle_register_device(&cpu0_device);
	if (err)
		pr_err("cpuidle: cannot register cpu0: %d\n", err);
	return err;
}
