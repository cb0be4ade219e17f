/*
 * The thermal class's sysfs files (Linux's drivers/thermal/thermal_sysfs.c),
 * one table per kind of device:
 *
 *   /sys/class/thermal/thermal_zoneN/
 *     type        the zone's name (its node in /thermal-zones)
 *     temp        the temperature now, m°C (read from the sensor)
 *     mode        enabled | disabled (writable)
 *     policy      the governor: step_wise (the only one; writing another
 *                 name is -EINVAL)
 *     trip_point_K_temp, trip_point_K_type, trip_point_K_hyst
 *                 for each trip K, read-only (Linux writes them only with
 *                 CONFIG_THERMAL_WRITABLE_TRIPS)
 *   /sys/class/thermal/cooling_deviceN/
 *     type, max_state, cur_state (writable: 0..max_state)
 *     stats/time_in_state_ms  "stateS\tMS" per state
 *     stats/trans_table       transitions, from (rows) to (columns)
 *     stats/total_trans, stats/reset (write anything: zero the counts)
 *
 * The trips' files are made per zone (their names hold the index); each
 * knows its trip from its place in the zone's array of them.
 */
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/thermal.h>
#include <linux/timekeeping.h>

#include "thermal_core.h"

/* ---- zones ------------------------------------------------------------------------- */

static ssize_t type_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	if (!strncmp(dev_name(dev), "thermal_zone", sizeof("thermal_zone") - 1))
		return sysfs_emit(buf, "%s\n", to_thermal_zone(dev)->type);
	return sysfs_emit(buf, "%s\n", to_cooling_device(dev)->type);
}
static DEVICE_ATTR_RO(type);

static ssize_t temp_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	int temperature;
	int ret = thermal_zone_get_temp(to_thermal_zone(dev), &temperature);
	if (ret)
		return ret;
	return sysfs_emit(buf, "%d\n", temperature);
}
static DEVICE_ATTR_RO(temp);

static ssize_t mode_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct thermal_zone_device *tz = to_thermal_zone(dev);
	return sysfs_emit(buf, "%s\n",
			  tz->mode == THERMAL_DEVICE_ENABLED ? "enabled" : "disabled");
}

static ssize_t mode_store(struct device *dev, struct device_attribute *attr, const char *buf,
			  size_t count)
{
	struct thermal_zone_device *tz = to_thermal_zone(dev);
	int ret;
	if (sysfs_streq(buf, "enabled"))
		ret = thermal_zone_device_enable(tz);
	else if (sysfs_streq(buf, "disabled"))
		ret = thermal_zone_device_disable(tz);
	else
		ret = -EINVAL;
	return ret ? ret : (ssize_t)count;
}
static DEVICE_ATTR_RW(mode);

static ssize_t policy_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", to_thermal_zone(dev)->governor->name);
}

static ssize_t policy_store(struct device *dev, struct device_attribute *attr, const char *buf,
			    size_t count)
{
	return sysfs_streq(buf, to_thermal_zone(dev)->governor->name) ? (ssize_t)count : -EINVAL;
}
static DEVICE_ATTR_RW(policy);

static struct attribute *thermal_zone_dev_attrs[] = {
	&dev_attr_type.attr,
	&dev_attr_temp.attr,
	&dev_attr_mode.attr,
	&dev_attr_policy.attr,
	NULL,
};

static const struct attribute_group thermal_zone_attribute_group = {
	.attrs = thermal_zone_dev_attrs,
};

/* One trip's three files. */
struct trip_attr {
	struct device_attribute temp, type, hyst;
	char temp_name[32], type_name[32], hyst_name[32];
};

static const struct thermal_trip *trip_of(struct device *dev, struct device_attribute *attr,
					  size_t field)
{
	struct thermal_zone_device *tz = to_thermal_zone(dev);
	struct trip_attr *ta = (struct trip_attr *)((char *)attr - field);
	return &tz->trips[ta - tz->trip_attrs];
}

static ssize_t trip_point_temp_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", trip_of(dev, attr, offsetof(struct trip_attr, temp))->temperature);
}

static ssize_t trip_point_type_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	const struct thermal_trip *trip = trip_of(dev, attr, offsetof(struct trip_attr, type));
	return sysfs_emit(buf, "%s\n", thermal_trip_type_name(trip->type));
}

static ssize_t trip_point_hyst_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", trip_of(dev, attr, offsetof(struct trip_attr, hyst))->hysteresis);
}

static void trip_attr_init(struct device_attribute *a, char *name, size_t len, int id,
			   const char *what,
			   ssize_t (*show)(struct device *, struct device_attribute *, char *))
{
	snprintf(name, len, "trip_point_%d_%s", id, what);
	a->attr.name = name;
	a->attr.mode = 0444;
	a->show = show;
	a->store = NULL;
}

int thermal_zone_create_device_groups(struct thermal_zone_device *tz)
{
	int n = tz->num_trips;
	tz->groups[0] = &thermal_zone_attribute_group;
	if (!n)
		return 0;
	tz->trip_attrs = kcalloc(n, sizeof *tz->trip_attrs, GFP_KERNEL);
	struct attribute **attrs = kcalloc(3 * n + 1, sizeof *attrs, GFP_KERNEL);
	if (!tz->trip_attrs || !attrs) {
		kfree(tz->trip_attrs);
		kfree(attrs);
		tz->trip_attrs = NULL;
		return -ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		struct trip_attr *ta = &tz->trip_attrs[i];
		trip_attr_init(&ta->temp, ta->temp_name, sizeof ta->temp_name, i, "temp",
			       trip_point_temp_show);
		trip_attr_init(&ta->type, ta->type_name, sizeof ta->type_name, i, "type",
			       trip_point_type_show);
		trip_attr_init(&ta->hyst, ta->hyst_name, sizeof ta->hyst_name, i, "hyst",
			       trip_point_hyst_show);
		attrs[3 * i] = &ta->temp.attr;
		attrs[3 * i + 1] = &ta->type.attr;
		attrs[3 * i + 2] = &ta->hyst.attr;
	}
	tz->trips_attribute_group.attrs = attrs;
	tz->groups[1] = &tz->trips_attribute_group;
	return 0;
}

void thermal_zone_destroy_device_groups(struct thermal_zone_device *tz)
{
	kfree(tz->trips_attribute_group.attrs);
	kfree(tz->trip_attrs);
}

/* ---- cooling devices -------------------------------------------------------------- */

struct cooling_dev_stats {
	unsigned int total_trans;
	unsigned long state;
	ktime_t last_time;
	ktime_t *time_in_state;
	unsigned int *trans_table; /* [from * max_states + to] */
	unsigned int max_states;   /* max_state + 1 */
};

static ssize_t max_state_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", to_cooling_device(dev)->max_state);
}
static DEVICE_ATTR_RO(max_state);

static ssize_t cur_state_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct thermal_cooling_device *cdev = to_cooling_device(dev);
	unsigned long state;
	mutex_lock(&cdev->lock);
	int ret = cdev->ops->get_cur_state(cdev, &state);
	mutex_unlock(&cdev->lock);
	if (ret)
		return ret;
	return sysfs_emit(buf, "%lu\n", state);
}

static ssize_t cur_state_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct thermal_cooling_device *cdev = to_cooling_device(dev);
	unsigned long state;
	int ret = kstrtoul(buf, 10, &state);
	if (ret)
		return ret;
	if (state > cdev->max_state)
		return -EINVAL;
	mutex_lock(&cdev->lock);
	ret = thermal_cdev_set_cur_state(cdev, state);
	mutex_unlock(&cdev->lock);
	return ret ? ret : (ssize_t)count;
}
static DEVICE_ATTR_RW(cur_state);

static struct attribute *cooling_device_attrs[] = {
	&dev_attr_type.attr,
	&dev_attr_max_state.attr,
	&dev_attr_cur_state.attr,
	NULL,
};

static const struct attribute_group cooling_device_attr_group = {
	.attrs = cooling_device_attrs,
};

static void update_time_in_state(struct cooling_dev_stats *stats)
{
	ktime_t now = ktime_get();
	stats->time_in_state[stats->state] =
		ktime_add(stats->time_in_state[stats->state], ktime_sub(now, stats->last_time));
	stats->last_time = now;
}

void thermal_cooling_device_stats_update(struct thermal_cooling_device *cdev,
					 unsigned long new_state)
{
	struct cooling_dev_stats *stats = cdev->stats;
	if (!stats || stats->state == new_state || new_state >= stats->max_states)
		return;
	update_time_in_state(stats);
	stats->trans_table[stats->state * stats->max_states + new_state]++;
	stats->state = new_state;
	stats->total_trans++;
}

static ssize_t total_trans_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct thermal_cooling_device *cdev = to_cooling_device(dev);
	mutex_lock(&cdev->lock);
	unsigned int n = cdev->stats ? cdev->stats->total_trans : 0;
	mutex_unlock(&cdev->lock);
	return sysfs_emit(buf, "%u\n", n);
}
static DEVICE_ATTR_RO(total_trans);

static ssize_t time_in_state_ms_show(struct device *dev, struct device_attribute *attr,
				     char *buf)
{
	struct thermal_cooling_device *cdev = to_cooling_device(dev);
	struct cooling_dev_stats *stats = cdev->stats;
	int len = 0;
	if (!stats)
		return 0;
	mutex_lock(&cdev->lock);
	update_time_in_state(stats);
	for (unsigned int i = 0; i < stats->max_states; i++)
		len += sysfs_emit_at(buf, len, "state%u\t%llu\n", i,
				     (unsigned long long)ktime_to_ms(stats->time_in_state[i]));
	mutex_unlock(&cdev->lock);
	return len;
}
static DEVICE_ATTR_RO(time_in_state_ms);

static ssize_t reset_store(struct device *dev, struct device_attribute *attr, const char *buf,
			   size_t count)
{
	struct thermal_cooling_device *cdev = to_cooling_device(dev);
	struct cooling_dev_stats *stats = cdev->stats;
	if (!stats)
		return (ssize_t)count;
	mutex_lock(&cdev->lock);
	unsigned int states = stats->max_states;
	stats->total_trans = 0;
	stats->last_time = ktime_get();
	memset(stats->trans_table, 0, states * states * sizeof *stats->trans_table);
	memset(stats->time_in_state, 0, states * sizeof *stats->time_in_state);
	mutex_unlock(&cdev->lock);
	return (ssize_t)count;
}
static DEVICE_ATTR_WO(reset);

static ssize_t trans_table_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct thermal_cooling_device *cdev = to_cooling_device(dev);
	struct cooling_dev_stats *stats = cdev->stats;
	int len = 0;
	if (!stats)
		return 0;
	mutex_lock(&cdev->lock);
	len += sysfs_emit_at(buf, len, " From  :    To\n");
	len += sysfs_emit_at(buf, len, "       : ");
	for (unsigned int i = 0; i < stats->max_states; i++)
		len += sysfs_emit_at(buf, len, "state%2u  ", i);
	len += sysfs_emit_at(buf, len, "\n");
	for (unsigned int i = 0; i < stats->max_states; i++) {
		len += sysfs_emit_at(buf, len, "state%2u:", i);
		for (unsigned int j = 0; j < stats->max_states; j++)
			len += sysfs_emit_at(buf, len, "%8u ",
					     stats->trans_table[i * stats->max_states + j]);
		len += sysfs_emit_at(buf, len, "\n");
	}
	mutex_unlock(&cdev->lock);
	return len;
}
static DEVICE_ATTR_RO(trans_table);

static struct attribute *cooling_device_stats_attrs[] = {
	&dev_attr_total_trans.attr,
	&dev_attr_time_in_state_ms.attr,
	&dev_attr_reset.attr,
	&dev_attr_trans_table.attr,
	NULL,
};

static const struct attribute_group cooling_device_stats_attr_group = {
	.attrs = cooling_device_stats_attrs,
	.name = "stats",
};

const struct attribute_group *cooling_device_attr_groups[] = {
	&cooling_device_attr_group,
	&cooling_device_stats_attr_group,
	NULL,
};

/* The statistics, in the state the device is in now. Without memory for
 * them the device works and its stats files read empty. */
void thermal_cooling_device_setup_sysfs(struct thermal_cooling_device *cdev)
{
	unsigned long states = cdev->max_state + 1;
	/* A trans_table of this many states fills a sysfs page. */
	if (states > 32)
		return;
	struct cooling_dev_stats *stats = kzalloc(sizeof *stats, GFP_KERNEL);
	if (!stats)
		return;
	stats->time_in_state = kcalloc(states, sizeof *stats->time_in_state, GFP_KERNEL);
	stats->trans_table = kcalloc(states * states, sizeof *stats->trans_table, GFP_KERNEL);
	if (!stats->time_in_state || !stats->trans_table) {
		kfree(stats->time_in_state);
		kfree(stats->trans_table);
		kfree(stats);
		return;
	}
	stats->max_states = (unsigned int)states;
	stats->last_time = ktime_get();
	unsigned long cur = 0;
	if (!cdev->ops->get_cur_state(cdev, &cur) && cur < states)
		stats->state = cur;
	cdev->stats = stats;
}

void thermal_cooling_device_destroy_sysfs(struct thermal_cooling_device *cdev)
{
	struct cooling_dev_stats *stats = cdev->stats;
	if (!stats)
		return;
	kfree(stats->time_in_state);
	kfree(stats->trans_table);
	kfree(stats);
	cdev->stats = NULL;
}
