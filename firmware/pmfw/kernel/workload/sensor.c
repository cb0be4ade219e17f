/*
 * The workloads' sensor stream (sensor.h): the ADC's driver streams by
 * DMA (docs/pmfw.md, "The ADC"); a consumer sets the rate and the DMA
 * period through the consumer API, as an in-kernel Linux consumer does.
 */
#include <linux/err.h>
#include <linux/iio/consumer.h>
#include <linux/iio/types.h>

#include "sensor.h"

struct iio_cb_buffer *wl_sensor_stream(int (*fn)(const void *data, void *private),
				       void *private, unsigned long hz, unsigned long watermark)
{
	struct iio_cb_buffer *cb = iio_channel_get_all_cb(NULL, fn, private);
	if (IS_ERR(cb))
		return cb;
	int ret = iio_write_channel_attribute(iio_channel_cb_get_channels(cb), (int)hz, 0,
					      IIO_CHAN_INFO_SAMP_FREQ);
	if (!ret)
		ret = iio_channel_cb_set_buffer_watermark(cb, watermark);
	if (!ret)
		ret = iio_channel_start_all_cb(cb);
	if (ret) {
		iio_channel_release_all_cb(cb);
		return ERR_PTR(ret);
	}
	return cb;
}
