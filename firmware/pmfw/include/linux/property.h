/* Device properties (include/linux/property.h): a device's firmware
 * description, which on pmfw is always its device-tree node. A
 * struct fwnode_handle (Linux's generic firmware node, of which a DT
 * node is one kind) is therefore a struct device_node under another
 * type: of_fwnode_handle and to_of_node only convert the pointer. */
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

struct fwnode_handle;

static inline struct fwnode_handle *of_fwnode_handle(const struct device_node *np)
{
	return (struct fwnode_handle *)np;
}
static inline struct device_node *to_of_node(const struct fwnode_handle *fwnode)
{
	return (struct device_node *)fwnode;
}
static inline bool is_of_node(const struct fwnode_handle *fwnode)
{
	return fwnode != NULL;
}
static inline struct fwnode_handle *dev_fwnode(const struct device *dev)
{
	return of_fwnode_handle(dev->of_node);
}
static inline void fwnode_handle_put(struct fwnode_handle *fwnode)
{
	of_node_put(to_of_node(fwnode));
}

static inline bool fwnode_property_present(const struct fwnode_handle *fwnode,
					   const char *propname)
{
	return of_property_present(to_of_node(fwnode), propname);
}
static inline bool fwnode_property_read_bool(const struct fwnode_handle *fwnode,
					     const char *propname)
{
	return of_property_read_bool(to_of_node(fwnode), propname);
}
static inline int fwnode_property_read_u32(const struct fwnode_handle *fwnode,
					   const char *propname, u32 *val)
{
	return of_property_read_u32(to_of_node(fwnode), propname, val);
}
static inline int fwnode_property_read_string(const struct fwnode_handle *fwnode,
					      const char *propname, const char **val)
{
	return of_property_read_string(to_of_node(fwnode), propname, val);
}

/* The device's child nodes that are available (status okay), as Linux's
 * device_get_next_child_node walks them. */
static inline struct fwnode_handle *device_get_next_child_node(const struct device *dev,
							       struct fwnode_handle *child)
{
	return of_fwnode_handle(of_get_next_available_child(dev->of_node, to_of_node(child)));
}
#define device_for_each_child_node(dev, child)                                         \
	for (child = device_get_next_child_node(dev, NULL); child;                     \
	     child = device_get_next_child_node(dev, child))
static inline unsigned int device_get_child_node_count(const struct device *dev)
{
	struct fwnode_handle *child;
	unsigned int count = 0;
	device_for_each_child_node(dev, child)
		count++;
	return count;
}

#endif
