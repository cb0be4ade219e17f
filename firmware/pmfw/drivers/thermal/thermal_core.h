/*
 * The thermal core's internals (Linux's drivers/thermal/thermal_core.h),
 * shared by thermal_core.c, thermal_sysfs.c and thermal_of.c.
 */
#ifndef _THERMAL_CORE_H
#define _THERMAL_CORE_H

#include <linux/thermal.h>

#define for_each_trip(__tz, __trip) \
	for (__trip = (__tz)->trips; __trip - (__tz)->trips < (__tz)->num_trips; __trip++)

extern const struct class thermal_class;
extern const struct attribute_group *cooling_device_attr_groups[];

/* thermal_zone_device_register_with_trips for a zone described by the
 * device-tree node `np` (NULL: none), which should_bind reads. */
struct thermal_zone_device *
__thermal_zone_device_register(const char *type, const struct thermal_trip *trips, int num_trips,
			       void *devdata, const struct thermal_zone_device_ops *ops,
			       unsigned int passive_delay_ms, unsigned int polling_delay_ms,
			       struct device_node *np);

/* thermal_sysfs.c */
int thermal_zone_create_device_groups(struct thermal_zone_device *tz);
void thermal_zone_destroy_device_groups(struct thermal_zone_device *tz);
void thermal_cooling_device_setup_sysfs(struct thermal_cooling_device *cdev);
void thermal_cooling_device_destroy_sysfs(struct thermal_cooling_device *cdev);
void thermal_cooling_device_stats_update(struct thermal_cooling_device *cdev,
					 unsigned long new_state);
const char *thermal_trip_type_name(enum thermal_trip_type type);

/* Set the cooling device's state and count it (cdev->lock held). */
int thermal_cdev_set_cur_state(struct thermal_cooling_device *cdev, unsigned long state);

/* The trend of the zone's temperature at `trip` (the driver's, or the
 * last two readings'). */
enum thermal_trend get_tz_trend(struct thermal_zone_device *tz, const struct thermal_trip *trip);

#endif
