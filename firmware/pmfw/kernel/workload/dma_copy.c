/*
 * The workloads' DMA copies (dma_copy.h): a dmaengine memcpy channel,
 * streaming mappings both ways or coherent buffers, a completion from
 * the channel's callback. The DMA controller itself is resumed only
 * while a copy runs (its driver's runtime PM).
 */
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "dma_copy.h"

static void free_buffers(struct wl_dma_copy *c)
{
	struct device *dev = c->chan->device->dev;
	if (!c->coherent) {
		kfree(c->src);
		kfree(c->dst);
		return;
	}
	if (c->src)
		dma_free_coherent(dev, c->len, c->src, c->src_dma);
	if (c->dst)
		dma_free_coherent(dev, c->len, c->dst, c->dst_dma);
}

int wl_dma_copy_init(struct wl_dma_copy *c, size_t len, bool coherent)
{
	dma_cap_mask_t mask;
	dma_cap_zero(mask);
	dma_cap_set(DMA_MEMCPY, mask);
	c->chan = dma_request_chan_by_mask(&mask);
	if (IS_ERR(c->chan))
		return (int)PTR_ERR(c->chan);
	c->len = len;
	c->coherent = coherent;
	struct device *dev = c->chan->device->dev;
	if (coherent) {
		c->src = dma_alloc_coherent(dev, len, &c->src_dma, GFP_KERNEL);
		c->dst = dma_alloc_coherent(dev, len, &c->dst_dma, GFP_KERNEL);
	} else {
		c->src = kmalloc(len, GFP_KERNEL | __GFP_HIGHMEM);
		c->dst = kmalloc(len, GFP_KERNEL | __GFP_HIGHMEM);
	}
	if (!c->src || !c->dst) {
		free_buffers(c);
		dma_release_channel(c->chan);
		return -ENOMEM;
	}
	init_completion(&c->done);
	return 0;
}

void wl_dma_copy_exit(struct wl_dma_copy *c)
{
	dmaengine_terminate_sync(c->chan);
	free_buffers(c);
	dma_release_channel(c->chan);
}

static void copy_done(void *arg)
{
	complete(arg);
}

/* Copy by DMA and wait: 0, -EIO (no descriptor, or no completion within
 * 1 s). */
static int copy(struct wl_dma_copy *c, dma_addr_t d, dma_addr_t s, u64 *wait_ns)
{
	struct dma_async_tx_descriptor *tx =
		dmaengine_prep_dma_memcpy(c->chan, d, s, c->len, DMA_PREP_INTERRUPT);
	if (!tx)
		return -EIO;
	reinit_completion(&c->done);
	tx->callback = copy_done;
	tx->callback_param = &c->done;
	dmaengine_submit(tx);
	u64 t0 = ktime_get_ns();
	dma_async_issue_pending(c->chan);
	int ret = 0;
	if (!wait_for_completion_timeout(&c->done, msecs_to_jiffies(1000))) {
		dmaengine_terminate_sync(c->chan);
		ret = -EIO;
	}
	if (wait_ns)
		*wait_ns = ktime_get_ns() - t0;
	return ret;
}

/* The copy of the buffers, mapped for it unless they are coherent: 0,
 * -EIO, -ENOMEM (a mapping failed). */
static int transfer(struct wl_dma_copy *c, u64 *wait_ns)
{
	if (c->coherent)
		return copy(c, c->dst_dma, c->src_dma, wait_ns);
	struct device *dev = c->chan->device->dev;
	dma_addr_t s = dma_map_single(dev, c->src, c->len, DMA_TO_DEVICE);
	if (dma_mapping_error(dev, s))
		return -ENOMEM;
	dma_addr_t d = dma_map_single(dev, c->dst, c->len, DMA_FROM_DEVICE);
	if (dma_mapping_error(dev, d)) {
		dma_unmap_single(dev, s, c->len, DMA_TO_DEVICE);
		return -ENOMEM;
	}
	int ret = copy(c, d, s, wait_ns);
	dma_unmap_single(dev, s, c->len, DMA_TO_DEVICE);
	dma_unmap_single(dev, d, c->len, DMA_FROM_DEVICE);
	return ret;
}

int wl_dma_copy_once(struct wl_dma_copy *c, u32 seed, u64 *wait_ns)
{
	for (size_t i = 0; i < c->len; i++)
		c->src[i] = (u8)(seed + i * 13);
	memset(c->dst, 0, c->len);
	int ret = transfer(c, wait_ns);
	if (!ret && memcmp(c->src, c->dst, c->len))
		ret = -EIO;
	return ret;
}

/* Where stamp i is: evenly spread, word-aligned, the last at the end. */
static size_t stamp_at(const struct wl_dma_copy *c, unsigned int i)
{
	return (c->len / 4 - 1) * i / (WL_DMA_STAMPS - 1) * 4;
}

int wl_dma_copy_stamped(struct wl_dma_copy *c, u32 seq, u64 *wait_ns)
{
	for (unsigned int i = 0; i < WL_DMA_STAMPS; i++)
		*(u32 *)(c->src + stamp_at(c, i)) = seq << 4 | i;
	int ret = transfer(c, wait_ns);
	for (unsigned int i = 0; !ret && i < WL_DMA_STAMPS; i++)
		if (*(u32 *)(c->dst + stamp_at(c, i)) != (seq << 4 | i))
			ret = -EIO;
	return ret;
}
