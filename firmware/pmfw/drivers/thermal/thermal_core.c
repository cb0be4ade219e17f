/*
 * The thermal core (Linux's drivers/thermal/thermal_core.c and
 * thermal_helpers.c): zones, cooling devices, the instances that bind a
 * cooling device to a zone's trip, and the update of a zone.
 *
 * An update (thermal_zone_device_update), from the zone's poll or from
 * the sensor's interrupt:
 *  1. the temperature from the driver (a failure: nothing else but the
 *     next poll);
 *  2. set_trips: the sensor is told to interrupt when the temperature
 *     leaves (low, high), the nearest trip temperatures around it (low:
 *     a trip's temperature minus its hysteresis), so that a zone reacts
 *     between polls;
 *  3. each trip: its threshold moves (the trip's temperature until the
 *     zone reaches it, then its low temperature until the zone falls
 *     below that: Linux 6.10's handle_thermal_trip); a hot or critical
 *     trip the zone is at calls ops->hot or ops->critical, any other the
 *     governor (step_wise) for that trip;
 *  4. the next poll: polling-delay-passive while a passive trip's
 *     instance has a target, else polling-delay (0: none). The poll is a
 *     deferrable work item: it does not wake an idle core, the sensor's
 *     interrupt does.
 *
 * Critical: "critical temperature reached, shutting down", then
 * hw_protection_shutdown (kernel/reboot.c), which powers off through an
 * orderly_poweroff. Before that, a `thermal:critical` marker with the
 * temperature (m°C) tells the simulator's report why the run ended.
 *
 * System sleep (Linux's thermal_pm_notify): at PM_SUSPEND_PREPARE every
 * zone stops (no update, its poll cancelled); at PM_POST_SUSPEND it starts
 * afresh (no temperature, the sensor's trips and the instances to be set
 * again) with an update, since the temperature moved while it slept.
 *
 * Every zone uses step_wise (pmfw has one governor; `policy` in sysfs
 * names it).
 */
#include <linux/bitops.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/suspend.h>
#include <linux/thermal.h>
#include <pmfw/marker.h>

#include "thermal_core.h"

/* The time critical shutdown allows the orderly power-off (Linux's
 * CONFIG_THERMAL_EMERGENCY_POWEROFF_DELAY_MS: 0, none). */
#define THERMAL_EMERGENCY_POWEROFF_DELAY_MS 0

static LIST_HEAD(thermal_tz_list);
static LIST_HEAD(thermal_cdev_list);
static DEFINE_MUTEX(thermal_list_lock);

/* Ids as Linux's IDAs give them: the lowest free one. */
static unsigned long thermal_tz_ids, thermal_cdev_ids;

static int thermal_id_alloc(unsigned long *ids)
{
	for (int i = 0; i < (int)BITS_PER_LONG; i++)
		if (!(*ids & (1UL << i))) {
			*ids |= 1UL << i;
			return i;
		}
	return -ENOSPC;
}

static void thermal_id_free(unsigned long *ids, int id)
{
	if (id >= 0)
		*ids &= ~(1UL << id);
}

int thermal_zone_trip_id(const struct thermal_zone_device *tz, const struct thermal_trip *trip)
{
	return (int)(trip - tz->trips);
}

const char *thermal_trip_type_name(enum thermal_trip_type type)
{
	switch (type) {
	case THERMAL_TRIP_CRITICAL: return "critical";
	case THERMAL_TRIP_HOT: return "hot";
	case THERMAL_TRIP_PASSIVE: return "passive";
	case THERMAL_TRIP_ACTIVE: return "active";
	}
	return "unknown";
}

/* ---- temperatures --------------------------------------------------------------- */

static int __thermal_zone_get_temp(struct thermal_zone_device *tz, int *temp)
{
	if (!tz->ops->get_temp)
		return -EINVAL;
	return tz->ops->get_temp(tz, temp);
}

int thermal_zone_get_temp(struct thermal_zone_device *tz, int *temp)
{
	mutex_lock(&tz->lock);
	int ret = __thermal_zone_get_temp(tz, temp);
	mutex_unlock(&tz->lock);
	return ret;
}

enum thermal_trend get_tz_trend(struct thermal_zone_device *tz, const struct thermal_trip *trip)
{
	enum thermal_trend trend;
	if (tz->ops->get_trend && !tz->ops->get_trend(tz, trip, &trend))
		return trend;
	if (tz->temperature > tz->last_temperature)
		return THERMAL_TREND_RAISING;
	if (tz->temperature < tz->last_temperature)
		return THERMAL_TREND_DROPPING;
	return THERMAL_TREND_STABLE;
}

/* The sensor's window: the highest low temperature below the zone's and
 * the lowest trip temperature above it (Linux's __thermal_zone_set_trips). */
static void thermal_zone_set_trips(struct thermal_zone_device *tz)
{
	const struct thermal_trip *trip;
	int low = -INT_MAX, high = INT_MAX;
	if (!tz->ops->set_trips)
		return;
	for_each_trip(tz, trip) {
		int trip_low = trip->temperature - trip->hysteresis;
		if (trip->temperature == THERMAL_TEMP_INVALID)
			continue;
		if (trip_low < tz->temperature && trip_low > low)
			low = trip_low;
		if (trip->temperature > tz->temperature && trip->temperature < high)
			high = trip->temperature;
	}
	/* No need to change the sensor's trips. */
	if (tz->prev_low_trip == low && tz->prev_high_trip == high)
		return;
	tz->prev_low_trip = low;
	tz->prev_high_trip = high;
	int ret = tz->ops->set_trips(tz, low, high);
	if (ret)
		dev_err(&tz->device, "Failed to set trips: %d\n", ret);
}

/* ---- polling ---------------------------------------------------------------------- */

static void thermal_zone_device_set_polling(struct thermal_zone_device *tz, unsigned long delay)
{
	if (delay)
		mod_delayed_work(system_wq, &tz->poll_queue, delay);
	else
		cancel_delayed_work(&tz->poll_queue);
}

static void monitor_thermal_zone(struct thermal_zone_device *tz)
{
	if (tz->mode != THERMAL_DEVICE_ENABLED)
		thermal_zone_device_set_polling(tz, 0);
	else if (tz->passive > 0)
		thermal_zone_device_set_polling(tz, tz->passive_delay_jiffies);
	else if (tz->polling_delay_jiffies)
		thermal_zone_device_set_polling(tz, tz->polling_delay_jiffies);
}

static void thermal_zone_device_check(struct work_struct *work)
{
	struct thermal_zone_device *tz = container_of(to_delayed_work(work),
						      struct thermal_zone_device, poll_queue);
	thermal_zone_device_update(tz, THERMAL_EVENT_UNSPECIFIED);
}

/* ---- critical and hot ------------------------------------------------------------- */

void thermal_zone_device_critical(struct thermal_zone_device *tz)
{
	dev_emerg(&tz->device, "%s: critical temperature reached, shutting down\n", tz->type);
	/* For the simulator's report: what ended the run, and at what. */
	pm_marker_instant("thermal:critical", tz->temperature);
	hw_protection_shutdown("Temperature too high", THERMAL_EMERGENCY_POWEROFF_DELAY_MS);
}

void thermal_zone_device_hot(struct thermal_zone_device *tz)
{
	/* Once each time the zone reaches the trip (the core clears the
	 * flag when it falls below the trip's low temperature): Linux calls
	 * ops->hot at every update, which would be a line per poll. */
	if (tz->hot_notified)
		return;
	tz->hot_notified = true;
	dev_crit(&tz->device, "%s: hot temperature reached (%d m°C)\n", tz->type,
		 tz->temperature);
}

static void handle_critical_trips(struct thermal_zone_device *tz,
				  const struct thermal_trip *trip)
{
	/* A trip at or below 0 m°C is no shutdown temperature. */
	if (trip->temperature <= 0 || tz->temperature < trip->temperature)
		return;
	if (trip->type == THERMAL_TRIP_CRITICAL) {
		if (tz->ops->critical)
			tz->ops->critical(tz);
		else
			thermal_zone_device_critical(tz);
	}
	else if (tz->ops->hot)
		tz->ops->hot(tz);
}

static void handle_thermal_trip(struct thermal_zone_device *tz, struct thermal_trip *trip)
{
	if (trip->temperature == THERMAL_TEMP_INVALID)
		return;
	if (tz->last_temperature < trip->threshold) {
		/* No mitigation under way: it starts if the zone reached the
		 * trip, and the threshold becomes the trip's low temperature. */
		if (tz->temperature >= trip->temperature)
			trip->threshold = trip->temperature - trip->hysteresis;
		else
			trip->threshold = trip->temperature;
	} else {
		/* Mitigation under way: it stops once the zone is below the
		 * trip's low temperature, and the trip's temperature is the
		 * threshold again. */
		if (tz->temperature < trip->temperature - trip->hysteresis) {
			trip->threshold = trip->temperature;
			if (trip->type == THERMAL_TRIP_HOT)
				tz->hot_notified = false;
		} else {
			trip->threshold = trip->temperature - trip->hysteresis;
		}
	}
	if (trip->type == THERMAL_TRIP_CRITICAL || trip->type == THERMAL_TRIP_HOT)
		handle_critical_trips(tz, trip);
	else if (tz->governor)
		tz->governor->throttle(tz, trip);
}

void thermal_zone_device_update(struct thermal_zone_device *tz, enum thermal_notify_event event)
{
	mutex_lock(&tz->lock);
	if (tz->suspended || tz->mode != THERMAL_DEVICE_ENABLED)
		goto out;
	int temp;
	int ret = __thermal_zone_get_temp(tz, &temp);
	if (ret) {
		/* -EAGAIN: the sensor has no sample yet. */
		if (ret != -EAGAIN)
			dev_warn(&tz->device, "failed to read out thermal zone (%d)\n", ret);
		goto monitor;
	}
	tz->last_temperature = tz->temperature;
	tz->temperature = temp;
	thermal_zone_set_trips(tz);
	struct thermal_trip *trip;
	for_each_trip(tz, trip)
		handle_thermal_trip(tz, trip);
monitor:
	monitor_thermal_zone(tz);
out:
	mutex_unlock(&tz->lock);
}

static int thermal_zone_device_set_mode(struct thermal_zone_device *tz,
					enum thermal_device_mode mode)
{
	mutex_lock(&tz->lock);
	if (tz->mode == mode) {
		mutex_unlock(&tz->lock);
		return 0;
	}
	tz->mode = mode;
	if (mode == THERMAL_DEVICE_DISABLED)
		cancel_delayed_work(&tz->poll_queue);
	mutex_unlock(&tz->lock);
	if (mode == THERMAL_DEVICE_ENABLED)
		thermal_zone_device_update(tz, THERMAL_EVENT_UNSPECIFIED);
	return 0;
}

int thermal_zone_device_enable(struct thermal_zone_device *tz)
{
	return thermal_zone_device_set_mode(tz, THERMAL_DEVICE_ENABLED);
}

int thermal_zone_device_disable(struct thermal_zone_device *tz)
{
	return thermal_zone_device_set_mode(tz, THERMAL_DEVICE_DISABLED);
}

/* ---- cooling devices ------------------------------------------------------------- */

int thermal_cdev_set_cur_state(struct thermal_cooling_device *cdev, unsigned long state)
{
	int ret = cdev->ops->set_cur_state(cdev, state);
	if (ret)
		return ret;
	thermal_cooling_device_stats_update(cdev, state);
	return 0;
}

/* The deepest state any bound instance asks for (0 if none asks). */
void thermal_cdev_update(struct thermal_cooling_device *cdev)
{
	mutex_lock(&cdev->lock);
	if (!cdev->updated) {
		unsigned long target = 0;
		struct thermal_instance *instance;
		list_for_each_entry(instance, &cdev->thermal_instances, cdev_node)
			if (instance->target != THERMAL_NO_TARGET && instance->target > target)
				target = instance->target;
		if (!thermal_cdev_set_cur_state(cdev, target))
			cdev->updated = true;
	}
	mutex_unlock(&cdev->lock);
}

/* ---- binding ---------------------------------------------------------------------- */

int thermal_bind_cdev_to_trip(struct thermal_zone_device *tz, const struct thermal_trip *trip,
			      struct thermal_cooling_device *cdev, unsigned long upper,
			      unsigned long lower)
{
	if (trip < tz->trips || trip >= tz->trips + tz->num_trips)
		return -EINVAL;
	/* lower default 0, upper default max_state */
	lower = lower == THERMAL_NO_LIMIT ? 0 : lower;
	upper = upper == THERMAL_NO_LIMIT ? cdev->max_state : upper;
	if (lower > upper || upper > cdev->max_state)
		return -EINVAL;
	struct thermal_instance *dev = kzalloc(sizeof *dev, GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	dev->tz = tz;
	dev->cdev = cdev;
	dev->trip = trip;
	dev->upper = upper;
	dev->lower = lower;
	dev->target = THERMAL_NO_TARGET;
	mutex_lock(&tz->lock);
	mutex_lock(&cdev->lock);
	struct thermal_instance *pos;
	list_for_each_entry(pos, &tz->thermal_instances, tz_node)
		if (pos->trip == trip && pos->cdev == cdev) {
			mutex_unlock(&cdev->lock);
			mutex_unlock(&tz->lock);
			kfree(dev);
			return -EEXIST;
		}
	list_add_tail(&dev->tz_node, &tz->thermal_instances);
	list_add_tail(&dev->cdev_node, &cdev->thermal_instances);
	/* A new instance may ask for a state: the next update sets it. */
	cdev->updated = false;
	mutex_unlock(&cdev->lock);
	mutex_unlock(&tz->lock);
	return 0;
}

static void thermal_instance_delete(struct thermal_instance *pos)
{
	struct thermal_zone_device *tz = pos->tz;
	if (pos->trip->type == THERMAL_TRIP_PASSIVE && pos->target != THERMAL_NO_TARGET)
		tz->passive--;
	list_del(&pos->tz_node);
	list_del(&pos->cdev_node);
	kfree(pos);
}

int thermal_unbind_cdev_from_trip(struct thermal_zone_device *tz,
				  const struct thermal_trip *trip,
				  struct thermal_cooling_device *cdev)
{
	struct thermal_instance *pos, *next;
	mutex_lock(&tz->lock);
	mutex_lock(&cdev->lock);
	list_for_each_entry_safe(pos, next, &tz->thermal_instances, tz_node)
		if (pos->cdev == cdev && (!trip || pos->trip == trip)) {
			thermal_instance_delete(pos);
			cdev->updated = false;
			if (trip)
				break;
		}
	mutex_unlock(&cdev->lock);
	mutex_unlock(&tz->lock);
	/* The states the remaining instances ask for. */
	thermal_cdev_update(cdev);
	return 0;
}

/* Every trip of the zone that its description binds to the cooling
 * device (ops->should_bind: thermal_of's cooling maps). Called with
 * thermal_list_lock held. */
static void thermal_zone_cdev_bind(struct thermal_zone_device *tz,
				   struct thermal_cooling_device *cdev)
{
	struct thermal_trip *trip;
	if (!tz->ops->should_bind)
		return;
	for_each_trip(tz, trip) {
		unsigned long lower = THERMAL_NO_LIMIT, upper = THERMAL_NO_LIMIT;
		if (!tz->ops->should_bind(tz, trip, cdev, &lower, &upper))
			continue;
		int ret = thermal_bind_cdev_to_trip(tz, trip, cdev, upper, lower);
		if (ret)
			dev_err(&tz->device, "binding cdev %s to trip %d failed: %d\n", cdev->type,
				thermal_zone_trip_id(tz, trip), ret);
	}
}

/* ---- registration ------------------------------------------------------------------ */

static void thermal_release(struct device *dev)
{
	if (!strncmp(dev_name(dev), "thermal_zone", sizeof("thermal_zone") - 1)) {
		struct thermal_zone_device *tz = to_thermal_zone(dev);
		thermal_zone_destroy_device_groups(tz);
		kfree(tz);
	} else {
		struct thermal_cooling_device *cdev = to_cooling_device(dev);
		thermal_cooling_device_destroy_sysfs(cdev);
		kfree(cdev->type);
		kfree(cdev);
	}
}

const struct class thermal_class = {
	.name = "thermal",
};

struct thermal_zone_device *
__thermal_zone_device_register(const char *type, const struct thermal_trip *trips, int num_trips,
			       void *devdata, const struct thermal_zone_device_ops *ops,
			       unsigned int passive_delay_ms, unsigned int polling_delay_ms,
			       struct device_node *np)
{
	if (!type || !*type || strlen(type) >= THERMAL_NAME_LENGTH) {
		pr_err("Invalid thermal zone type\n");
		return ERR_PTR(-EINVAL);
	}
	if (num_trips < 0 || num_trips > THERMAL_MAX_TRIPS || (num_trips && !trips) || !ops ||
	    !ops->get_temp) {
		pr_err("Error: Incorrect number of thermal trips or missing ops\n");
		return ERR_PTR(-EINVAL);
	}
	struct thermal_zone_device *tz = kzalloc(sizeof *tz + num_trips * sizeof *trips,
						 GFP_KERNEL);
	if (!tz)
		return ERR_PTR(-ENOMEM);
	INIT_LIST_HEAD(&tz->thermal_instances);
	INIT_LIST_HEAD(&tz->node);
	mutex_init(&tz->lock);
	INIT_DEFERRABLE_WORK(&tz->poll_queue, thermal_zone_device_check);
	strscpy(tz->type, type, sizeof tz->type);
	tz->trips = (struct thermal_trip *)(tz + 1);
	tz->num_trips = num_trips;
	for (int i = 0; i < num_trips; i++) {
		tz->trips[i] = trips[i];
		tz->trips[i].threshold = trips[i].temperature;
	}
	tz->ops = ops;
	tz->devdata = devdata;
	tz->np = np;
	tz->passive_delay_jiffies = msecs_to_jiffies(passive_delay_ms);
	tz->polling_delay_jiffies = msecs_to_jiffies(polling_delay_ms);
	tz->temperature = THERMAL_TEMP_INVALID;
	tz->last_temperature = THERMAL_TEMP_INVALID;
	tz->prev_low_trip = -INT_MAX;
	tz->prev_high_trip = INT_MAX;
	tz->governor = &thermal_gov_step_wise;
	tz->mode = THERMAL_DEVICE_DISABLED;

	mutex_lock(&thermal_list_lock);
	tz->id = thermal_id_alloc(&thermal_tz_ids);
	mutex_unlock(&thermal_list_lock);
	if (tz->id < 0) {
		int ret = tz->id;
		kfree(tz);
		return ERR_PTR(ret);
	}
	int ret = thermal_zone_create_device_groups(tz);
	if (ret) {
		thermal_id_free(&thermal_tz_ids, tz->id);
		kfree(tz);
		return ERR_PTR(ret);
	}
	device_initialize(&tz->device);
	tz->device.class = &thermal_class;
	tz->device.release = thermal_release;
	tz->device.groups = tz->groups;
	dev_set_name(&tz->device, "thermal_zone%d", tz->id);
	ret = device_add(&tz->device);
	if (ret) {
		thermal_id_free(&thermal_tz_ids, tz->id);
		put_device(&tz->device);
		return ERR_PTR(ret);
	}
	mutex_lock(&thermal_list_lock);
	list_add_tail(&tz->node, &thermal_tz_list);
	struct thermal_cooling_device *cdev;
	list_for_each_entry(cdev, &thermal_cdev_list, node)
		thermal_zone_cdev_bind(tz, cdev);
	mutex_unlock(&thermal_list_lock);
	return tz;
}

struct thermal_zone_device *
thermal_zone_device_register_with_trips(const char *type, const struct thermal_trip *trips,
					int num_trips, void *devdata,
					const struct thermal_zone_device_ops *ops,
					unsigned int passive_delay_ms, unsigned int polling_delay_ms)
{
	return __thermal_zone_device_register(type, trips, num_trips, devdata, ops,
					      passive_delay_ms, polling_delay_ms, NULL);
}

void thermal_zone_device_unregister(struct thermal_zone_device *tz)
{
	if (!tz)
		return;
	thermal_zone_device_disable(tz);
	cancel_delayed_work_sync(&tz->poll_queue);
	mutex_lock(&thermal_list_lock);
	list_del(&tz->node);
	struct thermal_cooling_device *cdev;
	list_for_each_entry(cdev, &thermal_cdev_list, node)
		thermal_unbind_cdev_from_trip(tz, NULL, cdev);
	thermal_id_free(&thermal_tz_ids, tz->id);
	mutex_unlock(&thermal_list_lock);
	device_unregister(&tz->device);
}

struct thermal_cooling_device *
thermal_of_cooling_device_register(struct device_node *np, const char *type, void *devdata,
				   const struct thermal_cooling_device_ops *ops)
{
	if (!ops || !ops->get_max_state || !ops->get_cur_state || !ops->set_cur_state)
		return ERR_PTR(-EINVAL);
	struct thermal_cooling_device *cdev = kzalloc(sizeof *cdev, GFP_KERNEL);
	if (!cdev)
		return ERR_PTR(-ENOMEM);
	cdev->type = kstrdup(type ? type : "", GFP_KERNEL);
	if (!cdev->type) {
		kfree(cdev);
		return ERR_PTR(-ENOMEM);
	}
	mutex_init(&cdev->lock);
	INIT_LIST_HEAD(&cdev->thermal_instances);
	INIT_LIST_HEAD(&cdev->node);
	cdev->np = np;
	cdev->ops = ops;
	cdev->updated = false;
	cdev->devdata = devdata;
	int ret = ops->get_max_state(cdev, &cdev->max_state);
	if (ret)
		goto out_free;
	mutex_lock(&thermal_list_lock);
	cdev->id = thermal_id_alloc(&thermal_cdev_ids);
	mutex_unlock(&thermal_list_lock);
	if (cdev->id < 0) {
		ret = cdev->id;
		goto out_free;
	}
	thermal_cooling_device_setup_sysfs(cdev);
	device_initialize(&cdev->device);
	cdev->device.class = &thermal_class;
	cdev->device.release = thermal_release;
	cdev->device.groups = cooling_device_attr_groups;
	dev_set_name(&cdev->device, "cooling_device%d", cdev->id);
	ret = device_add(&cdev->device);
	if (ret) {
		thermal_id_free(&thermal_cdev_ids, cdev->id);
		put_device(&cdev->device);
		return ERR_PTR(ret);
	}
	mutex_lock(&thermal_list_lock);
	list_add_tail(&cdev->node, &thermal_cdev_list);
	struct thermal_zone_device *tz;
	list_for_each_entry(tz, &thermal_tz_list, node)
		thermal_zone_cdev_bind(tz, cdev);
	/* The zones act on their new instances at once. */
	list_for_each_entry(tz, &thermal_tz_list, node)
		thermal_zone_device_update(tz, THERMAL_EVENT_UNSPECIFIED);
	mutex_unlock(&thermal_list_lock);
	return cdev;

out_free:
	kfree(cdev->type);
	kfree(cdev);
	return ERR_PTR(ret);
}

void thermal_cooling_device_unregister(struct thermal_cooling_device *cdev)
{
	if (!cdev)
		return;
	mutex_lock(&thermal_list_lock);
	list_del(&cdev->node);
	struct thermal_zone_device *tz;
	list_for_each_entry(tz, &thermal_tz_list, node)
		thermal_unbind_cdev_from_trip(tz, NULL, cdev);
	thermal_id_free(&thermal_cdev_ids, cdev->id);
	mutex_unlock(&thermal_list_lock);
	device_unregister(&cdev->device);
}

/* ---- system sleep ------------------------------------------------------------------ */

/* A zone as at its registration: no temperature, the sensor's window and
 * the instances to be set again. */
static void thermal_zone_device_init(struct thermal_zone_device *tz)
{
	struct thermal_instance *pos;
	struct thermal_trip *trip;
	tz->temperature = THERMAL_TEMP_INVALID;
	tz->prev_low_trip = -INT_MAX;
	tz->prev_high_trip = INT_MAX;
	for_each_trip(tz, trip)
		trip->threshold = trip->temperature;
	list_for_each_entry(pos, &tz->thermal_instances, tz_node)
		pos->initialized = false;
}

static int thermal_pm_notify(struct notifier_block *nb, unsigned long mode, void *unused)
{
	struct thermal_zone_device *tz;
	switch (mode) {
	case PM_SUSPEND_PREPARE:
		mutex_lock(&thermal_list_lock);
		list_for_each_entry(tz, &thermal_tz_list, node) {
			mutex_lock(&tz->lock);
			tz->suspended = true;
			mutex_unlock(&tz->lock);
			cancel_delayed_work_sync(&tz->poll_queue);
		}
		mutex_unlock(&thermal_list_lock);
		break;
	case PM_POST_SUSPEND:
		mutex_lock(&thermal_list_lock);
		list_for_each_entry(tz, &thermal_tz_list, node) {
			mutex_lock(&tz->lock);
			tz->suspended = false;
			thermal_zone_device_init(tz);
			mutex_unlock(&tz->lock);
			thermal_zone_device_update(tz, THERMAL_EVENT_UNSPECIFIED);
		}
		mutex_unlock(&thermal_list_lock);
		break;
	default:
		break;
	}
	return 0;
}

static struct notifier_block thermal_pm_nb = {
	.notifier_call = thermal_pm_notify,
};

static int thermal_init(void)
{
	int ret = class_register(&thermal_class);
	if (ret) {
		pr_err("thermal: cannot register the class: %d\n", ret);
		return ret;
	}
	ret = register_pm_notifier(&thermal_pm_nb);
	if (ret)
		pr_warn("Thermal: Can not register suspend notifier, return %d\n", ret);
	return 0;
}
subsys_initcall(thermal_init);
