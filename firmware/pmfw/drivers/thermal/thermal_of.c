/*
 * Thermal zones from the device tree (Linux's drivers/thermal/thermal_of.c,
 * binding Documentation/devicetree/bindings/thermal/thermal-zones.yaml):
 *
 *   thermal-zones {
 *       NAME {                              the zone's type: NAME
 *           polling-delay-passive = <ms>;   while a passive trip acts
 *           polling-delay = <ms>;           otherwise (0: interrupt only)
 *           thermal-sensors = <&sensor [id]>;
 *           trips { T { temperature = <m°C>; hysteresis = <m°C>;
 *                       type = "active"|"passive"|"hot"|"critical"; }; ... };
 *           cooling-maps { M { trip = <&T>;
 *                              cooling-device = <&dev min max> ...; }; ... };
 *       };
 *   };
 *
 * A sensor driver registers the zone that names it
 * (devm_thermal_of_zone_register); the zone's ops are the driver's plus
 * should_bind, which the core asks for each trip and each cooling device
 * registered before or after the zone: a map whose trip is that trip and
 * which lists the device's node binds it with [min, max] (0xffffffff:
 * no limit, that is 0 and the device's highest state).
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/thermal.h>

#include "thermal_core.h"

struct thermal_of_zone {
	struct thermal_zone_device_ops ops; /* the driver's, with should_bind */
	struct device_node *np;
};

/* The zone whose thermal-sensors lists `sensor` with `id` (a sensor of
 * #thermal-sensor-cells = <0> matches any id). */
static struct device_node *of_thermal_zone_find(struct device_node *sensor, int id)
{
	struct device_node *np = of_find_node_by_path("/thermal-zones");
	if (!np)
		return ERR_PTR(-ENODEV);
	struct device_node *tz;
	for_each_available_child_of_node(np, tz) {
		int count = of_count_phandle_with_args(tz, "thermal-sensors",
						       "#thermal-sensor-cells");
		if (count <= 0) {
			pr_err("%s: missing thermal sensor\n", tz->full_name);
			continue;
		}
		for (int i = 0; i < count; i++) {
			struct of_phandle_args sensor_specs;
			if (of_parse_phandle_with_args(tz, "thermal-sensors",
						       "#thermal-sensor-cells", i, &sensor_specs))
				continue;
			if (sensor_specs.args_count > 1) {
				pr_warn("%s: too many cells in sensor specifier %d\n", tz->full_name,
					sensor_specs.args_count);
				continue;
			}
			if (sensor_specs.np == sensor &&
			    (!sensor_specs.args_count || (int)sensor_specs.args[0] == id))
				return tz;
		}
	}
	return ERR_PTR(-ENODEV);
}

static int thermal_of_get_trip_type(struct device_node *np, enum thermal_trip_type *type)
{
	static const char *const names[] = {
		[THERMAL_TRIP_ACTIVE] = "active",
		[THERMAL_TRIP_PASSIVE] = "passive",
		[THERMAL_TRIP_HOT] = "hot",
		[THERMAL_TRIP_CRITICAL] = "critical",
	};
	const char *t;
	if (of_property_read_string(np, "type", &t))
		return -EINVAL;
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(t, names[i])) {
			*type = (enum thermal_trip_type)i;
			return 0;
		}
	return -ENODEV;
}

static int thermal_of_populate_trip(struct device_node *np, struct thermal_trip *trip)
{
	u32 prop;
	if (of_property_read_u32(np, "temperature", &prop) < 0) {
		pr_err("missing temperature property\n");
		return -EINVAL;
	}
	trip->temperature = (int)prop;
	if (of_property_read_u32(np, "hysteresis", &prop) < 0) {
		pr_err("missing hysteresis property\n");
		return -EINVAL;
	}
	trip->hysteresis = (int)prop;
	if (thermal_of_get_trip_type(np, &trip->type) < 0) {
		pr_err("wrong trip type property\n");
		return -EINVAL;
	}
	trip->priv = np;
	return 0;
}

static struct thermal_trip *thermal_of_trips_init(struct device_node *np, int *ntrips)
{
	struct device_node *trips = of_get_child_by_name(np, "trips");
	*ntrips = 0;
	if (!trips)
		return NULL;
	int count = 0;
	struct device_node *trip;
	for_each_child_of_node(trips, trip)
		count++;
	if (!count)
		return NULL;
	if (count > THERMAL_MAX_TRIPS) {
		pr_err("%s: %d trips, at most %d\n", np->full_name, count, THERMAL_MAX_TRIPS);
		return ERR_PTR(-EINVAL);
	}
	struct thermal_trip *tt = kcalloc(count, sizeof *tt, GFP_KERNEL);
	if (!tt)
		return ERR_PTR(-ENOMEM);
	int i = 0;
	for_each_child_of_node(trips, trip) {
		int ret = thermal_of_populate_trip(trip, &tt[i++]);
		if (ret) {
			kfree(tt);
			return ERR_PTR(ret);
		}
	}
	*ntrips = count;
	return tt;
}

static bool thermal_of_get_cooling_spec(struct device_node *map_np, int index,
					struct thermal_cooling_device *cdev,
					unsigned long *lower, unsigned long *upper)
{
	struct of_phandle_args cooling_spec;
	if (of_parse_phandle_with_args(map_np, "cooling-device", "#cooling-cells", index,
				       &cooling_spec) < 0) {
		pr_err("Invalid cooling-device entry\n");
		return false;
	}
	if (cooling_spec.args_count < 2) {
		pr_err("wrong reference to cooling device, missing limits\n");
		return false;
	}
	if (cooling_spec.np != cdev->np)
		return false;
	/* 0xffffffff in the tree is THERMAL_NO_LIMIT. */
	*lower = cooling_spec.args[0] == 0xffffffffu ? THERMAL_NO_LIMIT : cooling_spec.args[0];
	*upper = cooling_spec.args[1] == 0xffffffffu ? THERMAL_NO_LIMIT : cooling_spec.args[1];
	return true;
}

static bool thermal_of_should_bind(struct thermal_zone_device *tz,
				   const struct thermal_trip *trip,
				   struct thermal_cooling_device *cdev, unsigned long *lower,
				   unsigned long *upper)
{
	if (!tz->np || !cdev->np)
		return false;
	struct device_node *cm_np = of_get_child_by_name(tz->np, "cooling-maps");
	if (!cm_np)
		return false;
	struct device_node *child;
	for_each_child_of_node(cm_np, child) {
		struct device_node *tr_np = of_parse_phandle(child, "trip", 0);
		if (tr_np != trip->priv)
			continue;
		int count = of_count_phandle_with_args(child, "cooling-device", "#cooling-cells");
		for (int i = 0; i < count; i++)
			if (thermal_of_get_cooling_spec(child, i, cdev, lower, upper))
				return true;
	}
	return false;
}

static void devm_thermal_of_zone_release(void *data)
{
	struct thermal_zone_device *tz = data;
	struct thermal_of_zone *of = container_of(tz->ops, struct thermal_of_zone, ops);
	thermal_zone_device_unregister(tz);
	kfree(of);
}

struct thermal_zone_device *devm_thermal_of_zone_register(struct device *dev, int id,
							   void *data,
							   const struct thermal_zone_device_ops *ops)
{
	struct device_node *np = of_thermal_zone_find(dev->of_node, id);
	if (IS_ERR(np)) {
		if (PTR_ERR(np) != -ENODEV)
			pr_err("Failed to find thermal zone for %s id=%d\n", dev_name(dev), id);
		return ERR_CAST(np);
	}
	int ntrips;
	struct thermal_trip *trips = thermal_of_trips_init(np, &ntrips);
	if (IS_ERR(trips)) {
		pr_err("Failed to parse trip points for %s id=%d\n", np->full_name, id);
		return ERR_CAST(trips);
	}
	u32 pdelay = 0, delay = 0;
	if (of_property_read_u32(np, "polling-delay-passive", &pdelay) < 0)
		pr_err("%s: missing polling-delay-passive property\n", np->full_name);
	if (of_property_read_u32(np, "polling-delay", &delay) < 0)
		pr_err("%s: missing polling-delay property\n", np->full_name);
	struct thermal_of_zone *of = kzalloc(sizeof *of, GFP_KERNEL);
	if (!of) {
		kfree(trips);
		return ERR_PTR(-ENOMEM);
	}
	of->ops = *ops;
	of->ops.should_bind = thermal_of_should_bind;
	if (!of->ops.critical)
		of->ops.critical = thermal_zone_device_critical;
	if (!of->ops.hot)
		of->ops.hot = thermal_zone_device_hot;
	of->np = np;
	/* The zone's name is its node's (Linux's: np->name). */
	struct thermal_zone_device *tz = __thermal_zone_device_register(
		np->name, trips, ntrips, data, &of->ops, pdelay, delay, np);
	kfree(trips); /* the zone keeps its own copy */
	if (IS_ERR(tz)) {
		pr_err("Failed to register thermal zone %s: %d\n", np->full_name,
		       (int)PTR_ERR(tz));
		kfree(of);
		return tz;
	}
	int ret = devm_add_action_or_reset(dev, devm_thermal_of_zone_release, tz);
	if (ret)
		return ERR_PTR(ret);
	ret = thermal_zone_device_enable(tz);
	if (ret)
		return ERR_PTR(ret);
	return tz;
}
