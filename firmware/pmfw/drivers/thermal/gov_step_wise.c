/*
 * The step_wise thermal governor (Linux's drivers/thermal/gov_step_wise.c,
 * as of 6.11): at each update of a zone, for each trip, each cooling
 * device bound to the trip moves one state at a time.
 *
 * throttle = the zone's temperature >= the trip's threshold (its
 * temperature on the way up, its temperature minus its hysteresis once
 * reached: thermal_core.c's handle_thermal_trip). With the trend of the
 * temperature (get_tz_trend) and the device's present state cur:
 *
 *   first time (instance not initialized): throttle → cur + 1, else
 *     THERMAL_NO_TARGET;
 *   throttle, raising: cur + 1;
 *   throttle, dropping: cur - 1, but not below lower + 1 (still above the
 *     instance's lowest state, to keep pulling the temperature down);
 *   not throttle, dropping: cur <= lower → THERMAL_NO_TARGET (the trip no
 *     longer asks anything), else cur - 1;
 *   anything else (stable): the target stays;
 *
 * every target clamped to the instance's [lower, upper]. A passive trip
 * counts its instances that have a target (tz->passive): while any has,
 * the zone polls at polling-delay-passive. The cooling devices then take
 * the highest target any of their instances asks (thermal_cdev_update).
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/thermal.h>

#include "thermal_core.h"

static unsigned long get_target_state(struct thermal_instance *instance,
				      enum thermal_trend trend, bool throttle)
{
	struct thermal_cooling_device *cdev = instance->cdev;
	unsigned long cur_state;
	/* The instance keeps its target unless the device's state says
	 * otherwise. */
	if (cdev->ops->get_cur_state(cdev, &cur_state))
		return instance->target;
	if (!instance->initialized) {
		if (throttle)
			return clamp(cur_state + 1, instance->lower, instance->upper);
		return THERMAL_NO_TARGET;
	}
	if (throttle) {
		if (trend == THERMAL_TREND_RAISING)
			return clamp(cur_state + 1, instance->lower, instance->upper);
		if (trend == THERMAL_TREND_DROPPING)
			return clamp(cur_state - 1, min(instance->lower + 1, instance->upper),
				     instance->upper);
	} else if (trend == THERMAL_TREND_DROPPING) {
		if (cur_state <= instance->lower)
			return THERMAL_NO_TARGET;
		return clamp(cur_state - 1, instance->lower, instance->upper);
	}
	return instance->target;
}

static void thermal_zone_trip_update(struct thermal_zone_device *tz,
				     const struct thermal_trip *trip)
{
	enum thermal_trend trend = get_tz_trend(tz, trip);
	bool throttle = tz->temperature >= trip->threshold;
	struct thermal_instance *instance;
	list_for_each_entry(instance, &tz->thermal_instances, tz_node) {
		if (instance->trip != trip)
			continue;
		unsigned long old_target = instance->target;
		instance->target = get_target_state(instance, trend, throttle);
		if (instance->initialized && old_target == instance->target)
			continue;
		if (trip->type == THERMAL_TRIP_PASSIVE) {
			/* The zone polls faster while a passive instance acts. */
			if (old_target == THERMAL_NO_TARGET && instance->target != THERMAL_NO_TARGET)
				tz->passive++;
			else if (old_target != THERMAL_NO_TARGET &&
				 instance->target == THERMAL_NO_TARGET)
				tz->passive--;
		}
		instance->initialized = true;
		mutex_lock(&instance->cdev->lock);
		instance->cdev->updated = false; /* the device needs an update */
		mutex_unlock(&instance->cdev->lock);
	}
}

static int step_wise_throttle(struct thermal_zone_device *tz, const struct thermal_trip *trip)
{
	thermal_zone_trip_update(tz, trip);
	struct thermal_instance *instance;
	list_for_each_entry(instance, &tz->thermal_instances, tz_node)
		thermal_cdev_update(instance->cdev);
	return 0;
}

struct thermal_governor thermal_gov_step_wise = {
	.name = "step_wise",
	.throttle = step_wise_throttle,
};
