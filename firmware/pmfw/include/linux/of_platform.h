/*
 * Platform devices from the device tree (include/linux/of_platform.h,
 * drivers/of/platform.c): one per node that has a "compatible", under the
 * root and under bus nodes ("simple-bus"...), named "<unit address>.<node
 * name>" as Linux names them.
 */
#ifndef _LINUX_OF_PLATFORM_H
#define _LINUX_OF_PLATFORM_H

#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>

struct of_dev_auxdata;

extern const struct of_device_id of_default_bus_match_table[];

/* Create devices for the children of root (NULL: the tree's root), and,
 * through nodes that match `matches`, for theirs. Nodes that are
 * disabled, or already populated (OF_POPULATED: a device exists, or an
 * early provider took them), are skipped. */
int of_platform_populate(struct device_node *root, const struct of_device_id *matches,
			 const struct of_dev_auxdata *lookup, struct device *parent);
int of_platform_default_populate(struct device_node *root,
				 const struct of_dev_auxdata *lookup, struct device *parent);
/* Remove the devices populated under parent. */
void of_platform_depopulate(struct device *parent);
struct platform_device *of_platform_device_create(struct device_node *np, const char *bus_id,
						  struct device *parent);
/* The platform device made from np (with a reference), or NULL. */
struct platform_device *of_find_device_by_node(struct device_node *np);

#endif
