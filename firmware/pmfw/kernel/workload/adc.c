/*
 * The `adc` workload: a sensor stream. It takes the first IIO device's
 * channels through Linux's callback buffer (iio_channel_get_all_cb, the
 * in-kernel consumer API), sets the sampling frequency to hz and the
 * watermark (samples per DMA period) to watermark, and counts what
 * arrives: each scan is an iteration; a sample out of sequence (the
 * sensor numbers its samples: docs/devices/sensor.md) or with the wrong
 * value counts an error. The ADC driver streams by DMA; the thread only
 * sleeps. A SoC without an IIO device refuses the start (ENODEV: the
 * MCU).
 */
#include <linux/err.h>
#include <linux/iio/consumer.h>
#include <linux/iio/types.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <pmfw/workload.h>

enum { HZ_PARAM, WATERMARK };

struct adc_wl {
	struct iio_cb_buffer *cb;
	u32 next; /* the sample number expected next */
	bool started;
};

/* DATA(k) = ((k mod 65536) << 16) | ((16 * k) mod 4096). */
static int adc_scan(const void *data, void *private)
{
	struct workload *w = private;
	struct adc_wl *a = w->priv;
	u32 v = *(const u32 *)data, k = v >> 16;
	if ((a->started && k != (a->next & 0xffff)) || (v & 0xffff) != ((16 * k) & 0xfff))
		w->errors++;
	a->started = true;
	a->next = k + 1;
	w->iterations++;
	return 0;
}

static int adc_start(struct workload *w)
{
	struct adc_wl *a = kzalloc(sizeof *a, GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	w->priv = a;
	a->cb = iio_channel_get_all_cb(NULL, adc_scan, w);
	int ret = IS_ERR(a->cb) ? (int)PTR_ERR(a->cb) : 0;
	if (!ret)
		ret = iio_write_channel_attribute(iio_channel_cb_get_channels(a->cb),
						  (int)w->param[HZ_PARAM], 0,
						  IIO_CHAN_INFO_SAMP_FREQ);
	if (!ret)
		ret = iio_channel_cb_set_buffer_watermark(a->cb, w->param[WATERMARK]);
	if (!ret)
		ret = iio_channel_start_all_cb(a->cb);
	if (ret) {
		if (!IS_ERR(a->cb))
			iio_channel_release_all_cb(a->cb);
		kfree(a);
	}
	return ret;
}

static void adc_stop(struct workload *w)
{
	struct adc_wl *a = w->priv;
	iio_channel_stop_all_cb(a->cb);
	iio_channel_release_all_cb(a->cb);
	kfree(a);
}

static int adc_loop(struct workload *w)
{
	while (workload_sleep_until(w, ktime_get_ns() + 100 * NSEC_PER_MSEC))
		;
	return 0;
}

static struct workload_type adc_type = {
	.name = "adc",
	.help = "stream the sensor at hz by DMA, watermark samples a period, and check them",
	.params = {
		{ "hz", 1000, 1, 100000, "Hz" },
		{ "watermark", 32, 16, 256, "" },
	},
	.start = adc_start,
	.loop = adc_loop,
	.stop = adc_stop,
};

static int __init adc_wl_init(void)
{
	return workload_register(&adc_type);
}
late_initcall(adc_wl_init);
