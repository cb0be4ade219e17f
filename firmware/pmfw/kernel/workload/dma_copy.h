/*
 * A dmaengine memcpy channel with two buffers, for the workloads that
 * move data by DMA (dma_memcpy.c, io.c): kernel/workload/dma_copy.c.
 */
#ifndef _KERNEL_WORKLOAD_DMA_COPY_H
#define _KERNEL_WORKLOAD_DMA_COPY_H

#include <linux/completion.h>
#include <linux/types.h>

struct dma_chan;

struct wl_dma_copy {
	struct dma_chan *chan;
	u8 *src, *dst;
	dma_addr_t src_dma, dst_dma; /* coherent buffers' bus addresses */
	size_t len;
	bool coherent;
	struct completion done;
};

/* Take a DMA_MEMCPY channel (none: -ENODEV, as on the MCU) and two
 * buffers of len bytes: from high memory (DRAM, cacheable), mapped as
 * streaming mappings for each copy, or with `coherent` from the DMA
 * API's coherent memory (non-cacheable: no cache maintenance, as a
 * driver's descriptor rings). */
int wl_dma_copy_init(struct wl_dma_copy *c, size_t len, bool coherent);
void wl_dma_copy_exit(struct wl_dma_copy *c);
/* Fill the source with a pattern of `seed`, copy it by DMA, wait for the
 * completion (1 s at most) and compare all of it with the CPU: 0 if the
 * copy arrived intact, -EIO if not or late, -ENOMEM if a mapping failed.
 * *wait_ns (if not NULL): from dma_async_issue_pending to the thread's
 * return from the wait. */
int wl_dma_copy_once(struct wl_dma_copy *c, u32 seed, u64 *wait_ns);
/* The same at a fraction of the CPU's cost: only WL_DMA_STAMPS words of
 * the source, spread evenly over it (the first and the last included),
 * are written (with `seq` and their index), and only they are compared
 * in the copy; the rest of both buffers is whatever was there. A copy
 * that did not happen leaves the previous transfer's stamps: -EIO. */
#define WL_DMA_STAMPS 16
int wl_dma_copy_stamped(struct wl_dma_copy *c, u32 seq, u64 *wait_ns);

#endif
