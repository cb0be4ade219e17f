/* Devices made from device-tree nodes (include/linux/of_device.h, drivers/of/device.c). */
#ifndef _LINUX_OF_DEVICE_H
#define _LINUX_OF_DEVICE_H

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>

/* The entry of `matches` that fits the node best (the earliest of its
 * compatible strings), or NULL. */
const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *node);
const struct of_device_id *of_match_device(const struct of_device_id *matches,
					   const struct device *dev);
/* 1 if the driver's of_match_table fits the device's node. */
int of_driver_match_device(struct device *dev, const struct device_driver *drv);
/* The matching entry's .data. */
const void *of_device_get_match_data(const struct device *dev);
/* "of:N<name>T<type>C<compatible>C<compatible>..." as Linux's modalias. */
ssize_t of_device_modalias(struct device *dev, char *str, ssize_t len);

#endif
