/*
 * The `memcpy` workload: DMA traffic. Every period_ms the thread fills a
 * buffer of kib KiB in DRAM through the D-cache, copies it by a dmaengine
 * memcpy channel into another (dma_copy.c), and checks the copy with the
 * CPU: a wrong byte counts an error. The channel is taken at start (none:
 * the start fails with -ENODEV, as on the MCU) and released at stop; the
 * DMA controller itself is resumed only while a copy runs.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <pmfw/workload.h>

#include "dma_copy.h"

enum { KIB, PERIOD_MS };

static int memcpy_start(struct workload *w)
{
	struct wl_dma_copy *c = kzalloc(sizeof *c, GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	int ret = wl_dma_copy_init(c, w->param[KIB] * 1024, false);
	if (ret) {
		kfree(c);
		return ret;
	}
	w->priv = c;
	return 0;
}

static void memcpy_stop(struct workload *w)
{
	wl_dma_copy_exit(w->priv);
	kfree(w->priv);
}

static int memcpy_loop(struct workload *w)
{
	u64 period = (u64)w->param[PERIOD_MS] * NSEC_PER_MSEC;
	u64 start = ktime_get_ns();
	while (!workload_should_stop(w)) {
		if (wl_dma_copy_once(w->priv, (u32)w->iterations, NULL))
			w->errors++;
		w->iterations++;
		if (!workload_next_period(w, &start, period))
			break;
	}
	return 0;
}

static struct workload_type memcpy_type = {
	.name = "memcpy",
	.help = "copy kib KiB by DMA every period_ms and check it",
	.params = {
		{ "kib", 16, 1, 256, "KiB" },
		{ "period_ms", 100, 1, 100000, "ms" },
	},
	.counts = "copies",
	.start = memcpy_start,
	.loop = memcpy_loop,
	.stop = memcpy_stop,
};

workload_initcall(memcpy_type);
