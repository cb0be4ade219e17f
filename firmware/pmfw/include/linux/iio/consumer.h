/*
 * In-kernel consumers of IIO channels (Linux's
 * include/linux/iio/consumer.h).
 *
 * Finding channels. Linux looks a consumer's channels up by its device
 * tree (`io-channels`, `io-channel-names`) or by maps a provider
 * registers. pmfw does the first, and also lets a consumer without either
 * name a device:
 *
 *  - iio_channel_get(dev, name): dev's `io-channels` entry called name
 *    (or its first with name NULL); with dev NULL, name is
 *    "DEVICE" or "DEVICE:CHANNEL", where DEVICE is the IIO device's name
 *    in sysfs ("iio:device0"), its `name` ("pmsim-adc") or its parent's
 *    ("40008000.adc"), and CHANNEL a channel's datasheet name or its sysfs
 *    name without direction ("voltage0"); without CHANNEL, the device's
 *    first channel. -ENODEV when nothing matches.
 *  - iio_channel_get_all(dev): dev's `io-channels`; or, when dev is an IIO
 *    device or the parent of one (the ADC's platform device), all of that
 *    device's channels; with dev NULL, all channels of the first IIO
 *    device registered (iio:device0). The array ends with an entry whose
 *    indio_dev is NULL.
 *
 * Streaming: Linux's callback buffer (industrialio-buffer-cb.c).
 * iio_channel_get_all_cb(dev, cb, private) makes a buffer of those
 * channels; iio_channel_start_all_cb enables it (starting the device's
 * streaming if it was not), after which cb(data, private) is called with
 * each scan, one sample per channel in scan order, each in its
 * storagebits (the ADC: one u32, DATA(k) whole: the 12-bit sample in bits
 * 11:0 as scan_elements/in_voltage0_type says, le:u12/32>>0); in the
 * driver's DMA callback (softirq context: cb must not sleep).
 * iio_channel_stop_all_cb disables it (when it returns no cb runs any
 * more), iio_channel_release_all_cb frees it.
 */
#ifndef _LINUX_IIO_CONSUMER_H
#define _LINUX_IIO_CONSUMER_H

#include <linux/iio/types.h>
#include <linux/types.h>

struct device;
struct iio_dev;
struct iio_chan_spec;
struct iio_cb_buffer;

struct iio_channel {
	struct iio_dev *indio_dev;
	const struct iio_chan_spec *channel;
	void *data;
};

struct iio_channel *iio_channel_get(struct device *dev, const char *consumer_channel);
void iio_channel_release(struct iio_channel *chan);
struct iio_channel *devm_iio_channel_get(struct device *dev, const char *consumer_channel);
struct iio_channel *iio_channel_get_all(struct device *dev);
void iio_channel_release_all(struct iio_channel *chan);

/* The raw value (IIO_CHAN_INFO_RAW): 0 and *val, or an errno (-EBUSY while
 * the device streams, as Linux's drivers). */
int iio_read_channel_raw(struct iio_channel *chan, int *val);
/* The scale: an IIO_VAL_* and its values. */
int iio_read_channel_scale(struct iio_channel *chan, int *val, int *val2);
/* raw * scale in mV (IIO_VOLTAGE). */
int iio_read_channel_processed(struct iio_channel *chan, int *val);
int iio_convert_raw_to_processed(struct iio_channel *chan, int raw, int *processed,
				 unsigned int scale);
int iio_read_channel_attribute(struct iio_channel *chan, int *val, int *val2,
			       enum iio_chan_info_enum attribute);
int iio_write_channel_attribute(struct iio_channel *chan, int val, int val2,
				enum iio_chan_info_enum attribute);
int iio_get_channel_type(struct iio_channel *channel, enum iio_chan_type *type);

struct iio_cb_buffer *iio_channel_get_all_cb(struct device *dev,
					     int (*cb)(const void *data, void *private),
					     void *private);
/* Scans the device should gather before calling back (its DMA period):
 * 0 or -EINVAL (0 scans). */
int iio_channel_cb_set_buffer_watermark(struct iio_cb_buffer *cb_buffer, size_t watermark);
int iio_channel_start_all_cb(struct iio_cb_buffer *cb_buff);
void iio_channel_stop_all_cb(struct iio_cb_buffer *cb_buff);
void iio_channel_release_all_cb(struct iio_cb_buffer *cb_buff);
struct iio_channel *iio_channel_cb_get_channels(const struct iio_cb_buffer *cb_buffer);
struct iio_dev *iio_channel_cb_get_iio_dev(const struct iio_cb_buffer *cb_buffer);

#endif
