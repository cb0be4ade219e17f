/* Device properties (include/linux/property.h): a device's firmware
 * description, which on pmfw is always its device-tree node. */
#ifndef _LINUX_PROPERTY_H
#define _LINUX_PROPERTY_H

#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_device.h>

static inline bool device_property_present(const struct device *dev, const char *propname)
{
	return of_property_present(dev->of_node, propname);
}
static inline bool device_property_read_bool(const struct device *dev, const char *propname)
{
	return of_property_read_bool(dev->of_node, propname);
}
static inline int device_property_read_u32(const struct device *dev, const char *propname,
					   u32 *val)
{
	return of_property_read_u32(dev->of_node, propname, val);
}
static inline int device_property_read_u32_array(const struct device *dev,
						 const char *propname, u32 *val, size_t nval)
{
	return of_property_read_u32_array(dev->of_node, propname, val, nval);
}
static inline int device_property_read_string(const struct device *dev, const char *propname,
					      const char **val)
{
	return of_property_read_string(dev->of_node, propname, val);
}
static inline int device_property_match_string(const struct device *dev, const char *propname,
					       const char *string)
{
	return of_property_match_string(dev->of_node, propname, string);
}
static inline const void *device_get_match_data(const struct device *dev)
{
	return of_device_get_match_data(dev);
}

#endif
