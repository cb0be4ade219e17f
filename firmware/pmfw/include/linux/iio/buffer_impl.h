/*
 * What a buffer implementation provides (Linux's
 * include/linux/iio/buffer_impl.h): store_to takes one scan of the
 * buffer's own channels (already demuxed); the core keeps the rest.
 */
#ifndef _LINUX_IIO_BUFFER_IMPL_H
#define _LINUX_IIO_BUFFER_IMPL_H

#include <linux/iio/buffer.h>
#include <linux/kref.h>
#include <linux/list.h>

struct iio_buffer_access_funcs {
	int (*store_to)(struct iio_buffer *buffer, const void *data);
	size_t (*data_available)(struct iio_buffer *buffer);
	int (*request_update)(struct iio_buffer *buffer);
	int (*set_bytes_per_datum)(struct iio_buffer *buffer, size_t bpd);
	int (*set_length)(struct iio_buffer *buffer, unsigned int length);
	int (*enable)(struct iio_buffer *buffer, struct iio_dev *indio_dev);
	int (*disable)(struct iio_buffer *buffer, struct iio_dev *indio_dev);
	void (*release)(struct iio_buffer *buffer);
	unsigned int modes;
	unsigned int flags;
};

/* The demux of one buffer: copy `length` bytes from the active scan at
 * `from` to its own scan at `to`. */
struct iio_demux_table {
	unsigned int from, to, length;
	struct list_head l;
};

struct iio_buffer {
	unsigned int length;     /* scans */
	unsigned int watermark;  /* scans */
	size_t bytes_per_datum;  /* one scan of its channels, padded */
	const struct iio_buffer_access_funcs *access;
	unsigned long scan_mask; /* bit n: the channel of scan_index n */
	bool scan_timestamp;
	struct list_head buffer_list; /* in indio_dev->buffer_list while enabled */
	struct list_head demux_list;
	void *demux_bounce;           /* its scan, when it is not the active one */
	struct kref ref;
};

void iio_buffer_init(struct iio_buffer *buffer);
struct iio_buffer *iio_buffer_get(struct iio_buffer *buffer);
void iio_buffer_put(struct iio_buffer *buffer);

#endif
