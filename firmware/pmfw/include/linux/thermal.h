/*
 * The thermal framework (Linux's include/linux/thermal.h; the core in
 * drivers/thermal/): thermal zones, each a temperature sensor with trip
 * points, and cooling devices bound to a zone's trips with a range of
 * cooling states. A governor (pmfw: step_wise) decides, at each update of
 * a zone, the state each cooling device should be in. Temperatures are
 * in m°C everywhere, as in Linux.
 *
 * sysfs, as Linux lays it out: /sys/class/thermal/thermal_zoneN (type,
 * temp, mode, policy, trip_point_K_{temp,type,hyst}) and
 * /sys/class/thermal/cooling_deviceN (type, max_state, cur_state,
 * stats/{time_in_state_ms,trans_table,total_trans,reset}).
 */
#ifndef _LINUX_THERMAL_H
#define _LINUX_THERMAL_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define THERMAL_NAME_LENGTH 20
#define THERMAL_MAX_TRIPS 12
/* A temperature nobody measured (below absolute zero). */
#define THERMAL_TEMP_INVALID (-274000)
/* A cooling map's "no limit" (0xffffffff in the device tree). */
#define THERMAL_NO_LIMIT (~0UL)
/* An instance that asks nothing of its cooling device. */
#define THERMAL_NO_TARGET (~0UL)

enum thermal_trip_type {
	THERMAL_TRIP_ACTIVE = 0,
	THERMAL_TRIP_PASSIVE,
	THERMAL_TRIP_HOT,
	THERMAL_TRIP_CRITICAL,
};

enum thermal_trend {
	THERMAL_TREND_STABLE,
	THERMAL_TREND_RAISING,
	THERMAL_TREND_DROPPING,
};

enum thermal_device_mode {
	THERMAL_DEVICE_DISABLED = 0,
	THERMAL_DEVICE_ENABLED,
};

enum thermal_notify_event {
	THERMAL_EVENT_UNSPECIFIED,
	THERMAL_EVENT_TEMP_SAMPLE,
	THERMAL_TRIP_VIOLATED,
	THERMAL_TRIP_CHANGED,
	THERMAL_DEVICE_UP,
	THERMAL_DEVICE_POWER_CAPABILITY_CHANGED,
	THERMAL_TABLE_CHANGED,
};

struct thermal_zone_device;
struct thermal_cooling_device;

struct thermal_trip {
	int temperature; /* m°C */
	int hysteresis;  /* m°C */
	/* The governor's threshold (Linux's thermal_trip_desc.threshold):
	 * the trip's temperature until the zone reaches it, then the trip's
	 * temperature minus its hysteresis until the zone falls below that. */
	int threshold;
	enum thermal_trip_type type;
	void *priv;
};

struct thermal_zone_device_ops {
	int (*get_temp)(struct thermal_zone_device *tz, int *temp);
	/* Program the sensor to interrupt when the temperature leaves
	 * (low, high). */
	int (*set_trips)(struct thermal_zone_device *tz, int low, int high);
	int (*get_trend)(struct thermal_zone_device *tz, const struct thermal_trip *trip,
			 enum thermal_trend *trend);
	void (*hot)(struct thermal_zone_device *tz);
	void (*critical)(struct thermal_zone_device *tz);
	/* Bind/unbind the cooling devices the zone's description names
	 * (thermal_of's cooling-maps). */
	bool (*should_bind)(struct thermal_zone_device *tz, const struct thermal_trip *trip,
			    struct thermal_cooling_device *cdev, unsigned long *lower,
			    unsigned long *upper);
};

struct thermal_cooling_device_ops {
	int (*get_max_state)(struct thermal_cooling_device *cdev, unsigned long *state);
	int (*get_cur_state)(struct thermal_cooling_device *cdev, unsigned long *state);
	int (*set_cur_state)(struct thermal_cooling_device *cdev, unsigned long state);
};

struct cooling_dev_stats;

struct thermal_cooling_device {
	int id;
	const char *type;
	unsigned long max_state;
	struct device device;
	struct device_node *np;
	void *devdata;
	const struct thermal_cooling_device_ops *ops;
	bool updated; /* false: an instance's target changed since the last update */
	struct mutex lock;
	struct cooling_dev_stats *stats;
	struct list_head thermal_instances;
	struct list_head node;
};
#define to_cooling_device(_dev) container_of(_dev, struct thermal_cooling_device, device)

struct thermal_governor;

struct thermal_zone_device {
	int id;
	char type[THERMAL_NAME_LENGTH];
	struct device device;
	struct attribute_group trips_attribute_group;
	const struct attribute_group *groups[3];
	struct trip_attr *trip_attrs;
	enum thermal_device_mode mode;
	void *devdata;
	struct thermal_trip *trips;
	int num_trips;
	unsigned long passive_delay_jiffies;
	unsigned long polling_delay_jiffies;
	int temperature;      /* m°C, or THERMAL_TEMP_INVALID */
	int last_temperature;
	int passive;          /* passive instances with a target */
	int prev_low_trip;
	int prev_high_trip;
	const struct thermal_zone_device_ops *ops;
	struct thermal_governor *governor;
	struct list_head thermal_instances;
	struct delayed_work poll_queue;
	struct mutex lock;
	struct list_head node;
	struct device_node *np; /* the zone's node in /thermal-zones, or NULL */
	bool hot_notified;      /* the hot trip was reported since the zone last fell below it */
	bool suspended;         /* across system sleep: no updates, no polls */
};
#define to_thermal_zone(_dev) container_of(_dev, struct thermal_zone_device, device)

/* A cooling device bound to one trip of a zone (Linux's
 * drivers/thermal/thermal_core.h). */
struct thermal_instance {
	int id;
	struct thermal_zone_device *tz;
	struct thermal_cooling_device *cdev;
	const struct thermal_trip *trip;
	bool initialized;
	unsigned long upper; /* the highest cooling state for this trip */
	unsigned long lower; /* the lowest */
	unsigned long target; /* what the governor asks, or THERMAL_NO_TARGET */
	struct list_head tz_node;
	struct list_head cdev_node;
};

struct thermal_governor {
	const char *name;
	/* Called for each non-critical trip at each update of the zone,
	 * with the zone's lock held. */
	int (*throttle)(struct thermal_zone_device *tz, const struct thermal_trip *trip);
	struct list_head governor_list;
};

/* ---- zones ---- */

struct thermal_zone_device *
thermal_zone_device_register_with_trips(const char *type, const struct thermal_trip *trips,
					int num_trips, void *devdata,
					const struct thermal_zone_device_ops *ops,
					unsigned int passive_delay_ms, unsigned int polling_delay_ms);
void thermal_zone_device_unregister(struct thermal_zone_device *tz);
int thermal_zone_device_enable(struct thermal_zone_device *tz);
int thermal_zone_device_disable(struct thermal_zone_device *tz);
/* Read the temperature, re-arm the sensor's trips, handle every trip,
 * and schedule the next poll. */
void thermal_zone_device_update(struct thermal_zone_device *tz, enum thermal_notify_event event);
int thermal_zone_get_temp(struct thermal_zone_device *tz, int *temp);
static inline void *thermal_zone_device_priv(struct thermal_zone_device *tz)
{
	return tz->devdata;
}
static inline const char *thermal_zone_device_type(struct thermal_zone_device *tz)
{
	return tz->type;
}
static inline int thermal_zone_get_num_trips(struct thermal_zone_device *tz)
{
	return tz->num_trips;
}
int thermal_zone_trip_id(const struct thermal_zone_device *tz, const struct thermal_trip *trip);
/* The default ops->critical: "critical temperature reached", then
 * hw_protection_shutdown. */
void thermal_zone_device_critical(struct thermal_zone_device *tz);
/* The default ops->hot: a log line each time the zone reaches the trip. */
void thermal_zone_device_hot(struct thermal_zone_device *tz);

/* Bind a cooling device to a zone's trip with a range of states
 * (THERMAL_NO_LIMIT: 0 for lower, the device's max_state for upper). */
int thermal_bind_cdev_to_trip(struct thermal_zone_device *tz, const struct thermal_trip *trip,
			      struct thermal_cooling_device *cdev, unsigned long upper,
			      unsigned long lower);
int thermal_unbind_cdev_from_trip(struct thermal_zone_device *tz,
				  const struct thermal_trip *trip,
				  struct thermal_cooling_device *cdev);

/* ---- cooling devices ---- */

struct thermal_cooling_device *
thermal_of_cooling_device_register(struct device_node *np, const char *type, void *devdata,
				   const struct thermal_cooling_device_ops *ops);
void thermal_cooling_device_unregister(struct thermal_cooling_device *cdev);
/* Set the state the instances ask for (the highest target), if one
 * changed. */
void thermal_cdev_update(struct thermal_cooling_device *cdev);

/* ---- thermal_of ---- */

/* Register the zone of /thermal-zones whose thermal-sensors names `dev`'s
 * node (with `id` as its cell, or none for #thermal-sensor-cells = <0>),
 * with its trips and its cooling maps, enabled; removed with the device.
 * ERR_PTR(-ENODEV) if no zone names the sensor. */
struct thermal_zone_device *devm_thermal_of_zone_register(struct device *dev, int id,
							   void *data,
							   const struct thermal_zone_device_ops *ops);

/* ---- cpufreq cooling (drivers/thermal/cpufreq_cooling.c) ---- */

struct cpufreq_policy;
/* The cooling device of `policy` if its CPU's node has #cooling-cells
 * (NULL otherwise, or on failure: the policy works without it). */
struct thermal_cooling_device *of_cpufreq_cooling_register(struct cpufreq_policy *policy);
void cpufreq_cooling_unregister(struct thermal_cooling_device *cdev);

/* The governor (gov_step_wise.c); the core uses it for every zone. */
extern struct thermal_governor thermal_gov_step_wise;

#endif
