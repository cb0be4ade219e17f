/*
 * Buffers (Linux's include/linux/iio/buffer.h): a driver streaming scans
 * pushes each one with iio_push_to_buffers; every enabled buffer gets its
 * own channels out of it (the core's demux).
 */
#ifndef _LINUX_IIO_BUFFER_H
#define _LINUX_IIO_BUFFER_H

#include <linux/iio/iio.h>

struct iio_buffer;

/* One scan (indio_dev->scan_bytes, the active channels in scan order) to
 * every enabled buffer; 0, or the first buffer's error. Any context that
 * may not sleep is fine (a DMA callback's tasklet). */
int iio_push_to_buffers(struct iio_dev *indio_dev, const void *data);
/* n scans in a row (pmfw's own: a DMA period at once). */
int iio_push_to_buffers_n(struct iio_dev *indio_dev, const void *data, unsigned int n);

/* Enable insert_buffer and/or disable remove_buffer: the enabled buffers
 * are stopped, the set changed, and started again with the union of their
 * channels (setup_ops and update_scan_mode called as in Linux). */
int iio_update_buffers(struct iio_dev *indio_dev, struct iio_buffer *insert_buffer,
		       struct iio_buffer *remove_buffer);

/* The device's own buffer (buffer/ and scan_elements/ in sysfs), a ring of
 * `length` scans in memory (Linux's kfifo buffer without its /dev reader). */
int devm_iio_kfifo_buffer_setup(struct device *dev, struct iio_dev *indio_dev,
				const struct iio_buffer_setup_ops *setup_ops);

/* Scans held by the device's own buffer, and taking them out (what a
 * read of /dev/iio:deviceN would give): the bytes copied. */
size_t iio_buffer_data_available(struct iio_buffer *buffer);
ssize_t iio_buffer_read_scans(struct iio_buffer *buffer, void *to, size_t n);

#endif
