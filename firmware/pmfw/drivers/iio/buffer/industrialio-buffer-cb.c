/*
 * The callback buffer (Linux's drivers/iio/buffer/industrialio-buffer-cb.c):
 * an in-kernel consumer's buffer whose every scan goes to a function.
 * linux/iio/consumer.h describes the calls; the scan the function gets
 * holds the consumer's channels only (the core's demux), each in its
 * storagebits.
 */
#include <linux/err.h>
#include <linux/iio/buffer_impl.h>
#include <linux/iio/consumer.h>
#include <linux/iio/iio.h>
#include <linux/kernel.h>
#include <linux/slab.h>

struct iio_cb_buffer {
	struct iio_buffer buffer;
	int (*cb)(const void *data, void *private);
	void *private;
	struct iio_channel *channels;
	struct iio_dev *indio_dev;
};

static struct iio_cb_buffer *buffer_to_cb_buffer(struct iio_buffer *buffer)
{
	return container_of(buffer, struct iio_cb_buffer, buffer);
}

static int iio_buffer_cb_store_to(struct iio_buffer *buffer, const void *data)
{
	struct iio_cb_buffer *cb_buff = buffer_to_cb_buffer(buffer);
	return cb_buff->cb(data, cb_buff->private);
}

static void iio_buffer_cb_release(struct iio_buffer *buffer)
{
	struct iio_cb_buffer *cb_buff = buffer_to_cb_buffer(buffer);
	kfree(cb_buff);
}

static const struct iio_buffer_access_funcs iio_cb_access = {
	.store_to = iio_buffer_cb_store_to,
	.release = iio_buffer_cb_release,
	.modes = INDIO_BUFFER_SOFTWARE | INDIO_BUFFER_TRIGGERED,
};

struct iio_cb_buffer *iio_channel_get_all_cb(struct device *dev,
					     int (*cb)(const void *data, void *private),
					     void *private)
{
	struct iio_cb_buffer *cb_buff = kzalloc(sizeof(*cb_buff), GFP_KERNEL);
	if (!cb_buff)
		return ERR_PTR(-ENOMEM);
	iio_buffer_init(&cb_buff->buffer);
	cb_buff->private = private;
	cb_buff->cb = cb;
	cb_buff->buffer.access = &iio_cb_access;
	INIT_LIST_HEAD(&cb_buff->buffer.demux_list);

	int ret;
	cb_buff->channels = iio_channel_get_all(dev);
	if (IS_ERR(cb_buff->channels)) {
		ret = (int)PTR_ERR(cb_buff->channels);
		goto error_free_cb_buff;
	}
	cb_buff->indio_dev = cb_buff->channels[0].indio_dev;
	for (struct iio_channel *chan = cb_buff->channels; chan->indio_dev; chan++) {
		if (cb_buff->indio_dev != chan->indio_dev ||
		    chan->channel->scan_index < 0) {
			ret = -EINVAL;
			goto error_release_channels;
		}
		cb_buff->buffer.scan_mask |= BIT(chan->channel->scan_index);
	}
	return cb_buff;

error_release_channels:
	iio_channel_release_all(cb_buff->channels);
error_free_cb_buff:
	kfree(cb_buff);
	return ERR_PTR(ret);
}

int iio_channel_cb_set_buffer_watermark(struct iio_cb_buffer *cb_buff, size_t watermark)
{
	if (!watermark)
		return -EINVAL;
	cb_buff->buffer.watermark = (unsigned int)watermark;
	return 0;
}

int iio_channel_start_all_cb(struct iio_cb_buffer *cb_buff)
{
	return iio_update_buffers(cb_buff->indio_dev, &cb_buff->buffer, NULL);
}

void iio_channel_stop_all_cb(struct iio_cb_buffer *cb_buff)
{
	iio_update_buffers(cb_buff->indio_dev, NULL, &cb_buff->buffer);
}

void iio_channel_release_all_cb(struct iio_cb_buffer *cb_buff)
{
	iio_channel_release_all(cb_buff->channels);
	iio_buffer_put(&cb_buff->buffer);
}

struct iio_channel *iio_channel_cb_get_channels(const struct iio_cb_buffer *cb_buffer)
{
	return cb_buffer->channels;
}

struct iio_dev *iio_channel_cb_get_iio_dev(const struct iio_cb_buffer *cb_buffer)
{
	return cb_buffer->indio_dev;
}
