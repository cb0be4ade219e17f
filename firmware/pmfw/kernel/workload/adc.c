/*
 * The `adc` workload: a sensor stream. It takes the first IIO device's
 * channels through Linux's callback buffer (iio_channel_get_all_cb, the
 * in-kernel consumer API), sets the sampling frequency to hz and the
 * watermark (samples per DMA period) to watermark, and counts what
 * arrives: each scan is an iteration; a sample out of sequence (the
 * sensor numbers its samples: docs/devices/sensor.md) or with the wrong
 * value counts an error. The ADC driver streams by DMA (sensor.c); the
 * thread only sleeps, and stops the stream when the run ends. A SoC
 * without an IIO device refuses the start (ENODEV: the MCU).
 */
#include <linux/err.h>
#include <linux/iio/consumer.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <pmfw/workload.h>

#include "sensor.h"

enum { HZ_PARAM, WATERMARK };

struct adc_wl {
	struct iio_cb_buffer *cb;
	u32 next; /* the sample number expected next */
	bool started;
	bool streaming;
};

/* DATA(k) = ((k mod 65536) << 16) | ((16 * k) mod 4096). */
static int adc_scan(const void *data, void *private)
{
	struct workload *w = private;
	struct adc_wl *a = w->priv;
	u32 v = *(const u32 *)data, k = v >> 16;
	if (w->jobs && w->iterations >= w->jobs)
		return 0; /* done: the thread stops the stream */
	if ((a->started && k != (a->next & 0xffff)) || (v & 0xffff) != ((16 * k) & 0xfff))
		w->errors++;
	a->started = true;
	a->next = k + 1;
	if (++w->iterations == w->jobs)
		workload_wake(w);
	return 0;
}

static int adc_start(struct workload *w)
{
	struct adc_wl *a = kzalloc(sizeof *a, GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	w->priv = a;
	struct iio_cb_buffer *cb = wl_sensor_stream(adc_scan, w, w->param[HZ_PARAM],
						    w->param[WATERMARK]);
	if (IS_ERR(cb)) {
		kfree(a);
		return (int)PTR_ERR(cb);
	}
	a->cb = cb;
	a->streaming = true;
	return 0;
}

static void adc_stop(struct workload *w)
{
	struct adc_wl *a = w->priv;
	if (a->streaming)
		iio_channel_stop_all_cb(a->cb);
	iio_channel_release_all_cb(a->cb);
	kfree(a);
}

/* The stream runs by itself; the thread waits for the end of the run
 * (a stop, duration_ms, or the jobs-th sample's wake-up) and stops it,
 * so that a finished run's figures stay as they were. */
static int adc_loop(struct workload *w)
{
	struct adc_wl *a = w->priv;
	while (workload_sleep_until(w, ktime_get_ns() + 100 * NSEC_PER_MSEC))
		;
	iio_channel_stop_all_cb(a->cb);
	a->streaming = false;
	return 0;
}

static struct workload_type adc_type = {
	.name = "adc",
	.help = "stream the sensor at hz by DMA, watermark samples a period, and check them",
	.params = {
		{ "hz", 1000, 1, 100000, "Hz" },
		{ "watermark", 32, 16, 256, "" },
	},
	.counts = "samples",
	.start = adc_start,
	.loop = adc_loop,
	.stop = adc_stop,
};

workload_initcall(adc_type);
