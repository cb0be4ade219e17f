/*
 * The `memcpy` workload: DMA traffic. Every period_ms the thread fills a
 * buffer of kib KiB in DRAM through the D-cache, copies it by a dmaengine
 * memcpy channel into another (both streaming mappings, so that the DMA
 * API's cache maintenance is exercised), and checks the copy with the
 * CPU: a wrong byte counts an error. The channel is taken at start (none:
 * the start fails with -ENODEV, as on the MCU) and released at stop; the
 * DMA controller itself is resumed only while a copy runs.
 */
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <pmfw/workload.h>

enum { KIB, PERIOD_MS };

struct memcpy_wl {
	struct dma_chan *chan;
	u8 *src, *dst;
	size_t len;
	struct completion done;
};

static int memcpy_start(struct workload *w)
{
	struct memcpy_wl *m = kzalloc(sizeof *m, GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	dma_cap_mask_t mask;
	dma_cap_zero(mask);
	dma_cap_set(DMA_MEMCPY, mask);
	m->chan = dma_request_chan_by_mask(&mask);
	if (IS_ERR(m->chan)) {
		int ret = (int)PTR_ERR(m->chan);
		kfree(m);
		return ret;
	}
	m->len = w->param[KIB] * 1024;
	m->src = kmalloc(m->len, GFP_KERNEL | __GFP_HIGHMEM);
	m->dst = kmalloc(m->len, GFP_KERNEL | __GFP_HIGHMEM);
	if (!m->src || !m->dst) {
		kfree(m->src);
		kfree(m->dst);
		dma_release_channel(m->chan);
		kfree(m);
		return -ENOMEM;
	}
	init_completion(&m->done);
	w->priv = m;
	return 0;
}

static void memcpy_stop(struct workload *w)
{
	struct memcpy_wl *m = w->priv;
	dmaengine_terminate_sync(m->chan);
	dma_release_channel(m->chan);
	kfree(m->src);
	kfree(m->dst);
	kfree(m);
}

static void memcpy_done(void *arg)
{
	complete(arg);
}

/* One copy: 0 if it arrived intact. */
static int copy_once(struct memcpy_wl *m, u32 seed)
{
	struct device *dev = m->chan->device->dev;
	for (size_t i = 0; i < m->len; i++)
		m->src[i] = (u8)(seed + i * 13);
	memset(m->dst, 0, m->len);
	dma_addr_t s = dma_map_single(dev, m->src, m->len, DMA_TO_DEVICE);
	if (dma_mapping_error(dev, s))
		return -ENOMEM;
	dma_addr_t d = dma_map_single(dev, m->dst, m->len, DMA_FROM_DEVICE);
	if (dma_mapping_error(dev, d)) {
		dma_unmap_single(dev, s, m->len, DMA_TO_DEVICE);
		return -ENOMEM;
	}
	int ret = -EIO;
	struct dma_async_tx_descriptor *tx =
		dmaengine_prep_dma_memcpy(m->chan, d, s, m->len, DMA_PREP_INTERRUPT);
	if (tx) {
		reinit_completion(&m->done);
		tx->callback = memcpy_done;
		tx->callback_param = &m->done;
		dmaengine_submit(tx);
		dma_async_issue_pending(m->chan);
		if (wait_for_completion_timeout(&m->done, msecs_to_jiffies(1000)))
			ret = 0;
		else
			dmaengine_terminate_sync(m->chan);
	}
	dma_unmap_single(dev, s, m->len, DMA_TO_DEVICE);
	dma_unmap_single(dev, d, m->len, DMA_FROM_DEVICE);
	if (!ret && memcmp(m->src, m->dst, m->len))
		ret = -EIO;
	return ret;
}

static int memcpy_loop(struct workload *w)
{
	struct memcpy_wl *m = w->priv;
	u64 period = (u64)w->param[PERIOD_MS] * NSEC_PER_MSEC;
	u64 start = ktime_get_ns();
	while (!kthread_should_stop()) {
		if (copy_once(m, (u32)w->iterations))
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
	.start = memcpy_start,
	.loop = memcpy_loop,
	.stop = memcpy_stop,
};

static int __init memcpy_wl_init(void)
{
	return workload_register(&memcpy_type);
}
late_initcall(memcpy_wl_init);
