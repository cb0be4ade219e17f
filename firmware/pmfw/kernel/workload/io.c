/*
 * The `io` workload: I/O-bound work. Each iteration copies a buffer of
 * kib KiB by a dmaengine memcpy channel and waits for the copy
 * (dma_copy.c: streaming mappings, the completion from the channel's
 * callback), checks it (16 words spread over the buffer, stamped with
 * the transfer's number before it and compared after: a wrong, stale or
 * late copy counts an error), then does `work` work units, and starts
 * again at once. Both buffers are coherent memory (dma_alloc_coherent,
 * as a driver's rings): no cache maintenance, and the CPU touches only
 * the stamps, so the thread spends most of its time waiting for the DMA
 * controller: a CPU governor sees a light load, and every wait is an
 * idle period as long as the transfer, ended by the controller's
 * interrupt.
 *
 * The wait time is from dma_async_issue_pending to the thread's return
 * from its wait: the transfer, the interrupt, the callback's tasklet, and
 * the thread's wake-up (with an idle state's exit latency). The channel
 * is taken at start: a SoC without a DMA controller refuses it
 * (-ENODEV, the MCU). Thread at nice 10. Figures: transfers, bytes, the
 * wait times' histogram.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <pmfw/shell.h>
#include <pmfw/workload.h>

#include "dma_copy.h"
#include "stats.h"

enum { KIB, WORK };

struct io_wl {
	struct wl_dma_copy copy;
	u64 bytes;
	struct wl_hist wait;
};

static int io_start(struct workload *w)
{
	struct io_wl *io = kzalloc(sizeof *io, GFP_KERNEL);
	if (!io)
		return -ENOMEM;
	int ret = wl_dma_copy_init(&io->copy, w->param[KIB] * 1024, true);
	if (ret) {
		kfree(io);
		return ret;
	}
	wl_hist_init(&io->wait);
	w->priv = io;
	return 0;
}

static void io_stop(struct workload *w)
{
	struct io_wl *io = w->priv;
	wl_dma_copy_exit(&io->copy);
	kfree(io);
}

static int io_loop(struct workload *w)
{
	struct io_wl *io = w->priv;
	while (!workload_should_stop(w)) {
		u64 wait = 0;
		if (wl_dma_copy_stamped(&io->copy, (u32)w->iterations, &wait))
			w->errors++;
		else
			io->bytes += io->copy.len;
		if (wait) /* 0: no transfer (a mapping failed) */
			wl_hist_add(&io->wait, wait);
		w->iterations++;
		if (!workload_work(w, w->param[WORK]))
			break;
	}
	return 0;
}

static void io_stats(struct workload *w)
{
	struct io_wl *io = w->priv;
	sh_printf("bytes: %llu\n", io->bytes);
	workload_print_hist("wait", &io->wait);
}

static void io_summary(struct workload *w)
{
	struct io_wl *io = w->priv;
	sh_printf("%llu KiB, ", io->bytes / 1024);
	workload_print_summary("wait", &io->wait);
}

static struct workload_type io_type = {
	.name = "io",
	.help = "copy kib KiB by DMA, wait, check it, compute work units, again",
	.params = {
		{ "kib", 16, 1, 256, "KiB" },
		{ "work", 1, 0, 10000000, " units" },
	},
	.counts = "transfers",
	.nice = 10,
	.start = io_start,
	.loop = io_loop,
	.stop = io_stop,
	.stats = io_stats,
	.summary = io_summary,
};

workload_initcall(io_type);
