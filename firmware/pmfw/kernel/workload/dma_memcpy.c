/*
 * The `memcpy` workload: DMA traffic. Every period_ms the thread fills a
 * buffer of kib KiB in DRAM through the D-cache, copies it by a dmaengine
 * memcpy channel into another (dma_copy.c), and checks the copy with the
 * CPU: a wrong byte counts an error. The channel is taken at start (none:
 * the start fails with -ENODEV, as on the MCU) and released at stop; the
 * DMA controller itself is resumed only while a copy runs.
 *
 * engine=cpu makes the same copy with the CPU (memcpy through the
 * D-cache) instead, with the same fill and the same check, so that the
 * two ways of moving data can be compared in time and energy.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <pmfw/workload.h>

#include "dma_copy.h"

enum { KIB, PERIOD_MS, ENGINE };
enum { ENGINE_DMA, ENGINE_CPU };

static const char *const engines[] = { "dma", "cpu", NULL };

/* engine=cpu: two buffers in DRAM, as the DMA copy's. */
struct cpu_copy {
	u8 *src, *dst;
	size_t len;
};

static int cpu_copy_start(struct workload *w)
{
	struct cpu_copy *c = kzalloc(sizeof *c, GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->len = w->param[KIB] * 1024;
	c->src = kmalloc(c->len, GFP_KERNEL | __GFP_HIGHMEM);
	c->dst = kmalloc(c->len, GFP_KERNEL | __GFP_HIGHMEM);
	if (!c->src || !c->dst) {
		kfree(c->src);
		kfree(c->dst);
		kfree(c);
		return -ENOMEM;
	}
	w->priv = c;
	return 0;
}

/* The DMA copy's fill, copy and check, by the CPU. */
static int cpu_copy_once(struct cpu_copy *c, u32 seed)
{
	for (size_t i = 0; i < c->len; i++)
		c->src[i] = (u8)(seed + i * 13);
	memset(c->dst, 0, c->len);
	memcpy(c->dst, c->src, c->len);
	return memcmp(c->src, c->dst, c->len) ? -EIO : 0;
}

static int memcpy_start(struct workload *w)
{
	if (w->param[ENGINE] == ENGINE_CPU)
		return cpu_copy_start(w);
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
	if (w->param[ENGINE] == ENGINE_CPU) {
		struct cpu_copy *c = w->priv;
		kfree(c->src);
		kfree(c->dst);
	} else {
		wl_dma_copy_exit(w->priv);
	}
	kfree(w->priv);
}

static int memcpy_loop(struct workload *w)
{
	u64 period = (u64)w->param[PERIOD_MS] * NSEC_PER_MSEC;
	u64 start = ktime_get_ns();
	while (!workload_should_stop(w)) {
		int ret = w->param[ENGINE] == ENGINE_CPU
			  ? cpu_copy_once(w->priv, (u32)w->iterations)
			  : wl_dma_copy_once(w->priv, (u32)w->iterations, NULL);
		if (ret)
			w->errors++;
		w->iterations++;
		if (!workload_next_period(w, &start, period))
			break;
	}
	return 0;
}

static struct workload_type memcpy_type = {
	.name = "memcpy",
	.help = "copy kib KiB by DMA (or the CPU) every period_ms and check it",
	.params = {
		{ "kib", 16, 1, 256, "KiB" },
		{ "period_ms", 100, 1, 100000, "ms" },
		{ .name = "engine", .def = ENGINE_DMA, .max = ENGINE_CPU, .choices = engines },
	},
	.counts = "copies",
	.start = memcpy_start,
	.loop = memcpy_loop,
	.stop = memcpy_stop,
};

workload_initcall(memcpy_type);
