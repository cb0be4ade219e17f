/*
 * What the IIO core's files share (Linux's drivers/iio/iio_core.h).
 */
#ifndef _IIO_CORE_H
#define _IIO_CORE_H

#include <linux/iio/iio.h>

/* A file made for a channel (Linux's struct iio_dev_attr): the info mask
 * bit (address) and the channel it is about. */
struct iio_dev_attr {
	struct device_attribute dev_attr;
	u64 address;
	const struct iio_chan_spec *c;
	struct list_head l;
	char name[];
};

static inline struct iio_dev_attr *to_iio_dev_attr(struct device_attribute *a)
{
	return container_of(a, struct iio_dev_attr, dev_attr);
}

/* A file `prefix_chan_postfix` for chan (its "in_voltage0" part as
 * iio_device_add_channel_sysfs spells it; shared: without the index or
 * the type), added to list; -EEXIST-free: a shared name made twice is made
 * once (0 returned). */
int __iio_add_chan_devattr(const char *postfix, const struct iio_chan_spec *chan,
			   ssize_t (*show)(struct device *, struct device_attribute *, char *),
			   ssize_t (*store)(struct device *, struct device_attribute *,
					    const char *, size_t),
			   u64 mask, int shared_by, struct list_head *attr_list);
#define IIO_SEPARATE 0
#define IIO_SHARED_BY_TYPE 1
#define IIO_SHARED_BY_DIR 2
#define IIO_SHARED_BY_ALL 3

/* The attributes of a list, as a NULL-terminated array (kmalloc'd). */
struct attribute **iio_attr_list_to_array(struct list_head *list, struct attribute *const *extra);
void iio_free_chan_devattr_list(struct list_head *list);

const char *iio_chan_type_name(enum iio_chan_type type);

int iio_buffers_alloc_sysfs(struct iio_dev *indio_dev);
void iio_buffers_free_sysfs(struct iio_dev *indio_dev);
/* Disable every buffer (at unregister). */
void iio_disable_all_buffers(struct iio_dev *indio_dev);

#endif
