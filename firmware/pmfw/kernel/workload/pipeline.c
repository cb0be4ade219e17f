/*
 * The `pipeline` workload: a sensor pipeline. The ADC streams by DMA at
 * hz (the first IIO device's channels through Linux's callback buffer,
 * iio_channel_get_all_cb, as the `adc` workload takes them); the
 * callback (the ADC driver's DMA tasklet) cuts the samples into blocks
 * of `block`, timestamps each full block, and wakes the thread. The
 * thread filters each block, and every line_blocks blocks writes a line
 * with the last sample and its filtered value to the console's tty (the
 * UART):
 *
 *   pipeline: k=1023 raw=4080 avg=3960
 *
 * k is the sample's number from the start of the stream (0 first), raw
 * its 12-bit value (docs/devices/sensor.md: (16 k) mod 4096), avg the
 * filter's output. The filter is a boxcar FIR of `taps` taps in integer
 * arithmetic, computed in full for every sample (taps additions, so
 * that its cost grows with taps):
 *   avg_k = (raw_k + raw_(k-1) + ... + raw_(k-taps+1) + taps / 2) / taps
 * with raw_j = 0 before the first sample.
 *
 * A block's processing latency is from the callback that completed it
 * to the end of its filtering: the thread's wake-up, a wait behind the
 * blocks before it, and the filter at the CPU's frequency. The callback
 * keeps 4 blocks: a block completed while 4 wait for the thread is
 * dropped (counted; its samples are not filtered). A sample whose number
 * or value is not the sensor's counts an error. The MCU has no ADC: the
 * start fails with -ENODEV, as the `adc` workload's does; so it does
 * without a console tty. Thread at nice 10. Figures: samples, blocks
 * (its iterations), dropped blocks, lines, the processing latencies'
 * histogram.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/iio/consumer.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/tty.h>
#include <pmfw/shell.h>
#include <pmfw/workload.h>

#include "sensor.h"
#include "stats.h"

enum { HZ_PARAM, BLOCK, TAPS, LINE_BLOCKS };

#define NBLOCKS 4
#define MAX_TAPS 64

struct pipeline_wl {
	struct iio_cb_buffer *cb;
	struct tty_struct *tty;
	bool streaming;
	/* The callback's side. */
	u16 *raw;            /* NBLOCKS blocks of samples */
	u32 first_k[NBLOCKS]; /* each block's first sample number */
	u64 ready_ns[NBLOCKS];
	u32 head, tail;      /* blocks completed, blocks processed */
	u32 fill;            /* samples in the block being filled */
	bool dropping;       /* it has no room: its samples are counted only */
	u32 k;               /* the next sample's number */
	unsigned long samples, dropped;
	/* The thread's side: the filter's last taps inputs. */
	u16 history[MAX_TAPS];
	unsigned int pos;
	unsigned long lines;
	struct wl_hist latency;
};

static int pipeline_scan(const void *data, void *private)
{
	struct workload *w = private;
	struct pipeline_wl *p = w->priv;
	u32 v = *(const u32 *)data, n = v >> 16, raw = v & 0xffff;
	u32 block = (u32)w->param[BLOCK];
	if (n != (p->k & 0xffff) || raw != ((16 * n) & 0xfff))
		w->errors++;
	if (!p->fill) {
		p->dropping = p->head - READ_ONCE(p->tail) >= NBLOCKS;
		p->first_k[p->head % NBLOCKS] = p->k;
	}
	if (!p->dropping)
		p->raw[(p->head % NBLOCKS) * block + p->fill] = (u16)(raw & 0xfff);
	p->k++;
	p->samples++;
	if (++p->fill < block)
		return 0;
	p->fill = 0;
	if (p->dropping) {
		p->dropped++;
		return 0;
	}
	p->ready_ns[p->head % NBLOCKS] = ktime_get_ns();
	barrier(); /* the block before its index */
	WRITE_ONCE(p->head, p->head + 1);
	workload_wake(w);
	return 0;
}

static void pipeline_release(struct pipeline_wl *p)
{
	if (p->tty)
		tty_kclose(p->tty);
	if (p->cb && !IS_ERR(p->cb))
		iio_channel_release_all_cb(p->cb);
	kfree(p->raw);
	kfree(p);
}

static int pipeline_start(struct workload *w)
{
	struct pipeline_wl *p = kzalloc(sizeof *p, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	w->priv = p;
	wl_hist_init(&p->latency);
	/* The stream last: its callback may come at once. */
	p->tty = tty_kopen_console();
	p->raw = kmalloc(NBLOCKS * w->param[BLOCK] * sizeof *p->raw, GFP_KERNEL);
	int ret = !p->tty ? -ENODEV : !p->raw ? -ENOMEM : 0;
	if (!ret) {
		p->cb = wl_sensor_stream(pipeline_scan, w, w->param[HZ_PARAM], w->param[BLOCK]);
		ret = IS_ERR(p->cb) ? (int)PTR_ERR(p->cb) : 0;
	}
	p->streaming = !ret;
	if (ret)
		pipeline_release(p);
	return ret;
}

static void pipeline_stop(struct workload *w)
{
	struct pipeline_wl *p = w->priv;
	if (p->streaming)
		iio_channel_stop_all_cb(p->cb);
	pipeline_release(p);
}

/* The boxcar FIR over one block; the last sample's input and output in
 * *raw and *avg. */
static void filter(struct workload *w, struct pipeline_wl *p, const u16 *in, u32 *raw, u32 *avg)
{
	unsigned int taps = (unsigned int)w->param[TAPS];
	u32 block = (u32)w->param[BLOCK], y = 0;
	for (u32 i = 0; i < block; i++) {
		p->history[p->pos] = in[i];
		p->pos = (p->pos + 1) % taps;
		u32 sum = 0;
		for (unsigned int t = 0; t < taps; t++)
			sum += p->history[t];
		y = (sum + taps / 2) / taps;
	}
	*raw = in[block - 1];
	*avg = y;
}

static int pipeline_loop(struct workload *w)
{
	struct pipeline_wl *p = w->priv;
	u32 block = (u32)w->param[BLOCK];
	char line[64];
	while (!workload_should_stop(w)) {
		if (p->tail == READ_ONCE(p->head)) {
			workload_sleep_until(w, WORKLOAD_FOREVER);
			continue;
		}
		unsigned int slot = p->tail % NBLOCKS;
		u32 raw, avg;
		filter(w, p, p->raw + slot * block, &raw, &avg);
		wl_hist_add(&p->latency, ktime_get_ns() - p->ready_ns[slot]);
		u32 k = p->first_k[slot] + block - 1;
		WRITE_ONCE(p->tail, p->tail + 1);
		w->iterations++;
		if (w->iterations % w->param[LINE_BLOCKS])
			continue;
		int n = scnprintf(line, sizeof line, "pipeline: k=%u raw=%u avg=%u\n", k, raw, avg);
		if (tty_kwrite(p->tty, line, (size_t)n) == n)
			p->lines++;
		else
			w->errors++;
	}
	/* The run is over: no more samples, so that its figures stay. */
	iio_channel_stop_all_cb(p->cb);
	p->streaming = false;
	return 0;
}

static void pipeline_stats(struct workload *w)
{
	struct pipeline_wl *p = w->priv;
	sh_printf("samples: %lu\ndropped: %lu\nlines: %lu\n", p->samples, p->dropped, p->lines);
	workload_print_hist("processing", &p->latency);
}

static void pipeline_summary(struct workload *w)
{
	struct pipeline_wl *p = w->priv;
	sh_printf("%lu samples, %lu lines, ", p->samples, p->lines);
	workload_print_summary("processing", &p->latency);
}

static struct workload_type pipeline_type = {
	.name = "pipeline",
	.help = "ADC at hz by DMA in blocks, a taps-tap FIR, a line to the UART every line_blocks blocks",
	.params = {
		{ "hz", 1000, 1, 100000, "Hz" },
		{ "block", 32, 16, 256, "" },
		{ "taps", 16, 1, MAX_TAPS, "" },
		{ "line_blocks", 31, 1, 100000, "" },
	},
	.counts = "blocks",
	.nice = 10,
	.stack = 4096, /* tty_kwrite down to the UART's DMA */
	.start = pipeline_start,
	.loop = pipeline_loop,
	.stop = pipeline_stop,
	.stats = pipeline_stats,
	.summary = pipeline_summary,
};

workload_initcall(pipeline_type);
