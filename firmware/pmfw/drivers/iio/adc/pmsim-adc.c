/*
 * pmsim's sensor/ADC (`pmsim,sensor`, docs/devices/sensor.md) as an IIO
 * device: one voltage channel, single reads by interrupt, continuous
 * sampling into a cyclic DMA transfer.
 *
 * The channel. The sensor's data word is DATA(k) = k << 16 | (16 k mod
 * 4096): the 12-bit conversion in bits 11:0 (bits 15:12 always zero), the
 * sample number in bits 31:16. A scan is the whole 32-bit word, so that a
 * consumer can check the sequence: scan_elements/in_voltage0_type is
 * "le:u12/32>>0" (mask 12 bits for the value). in_voltage0_raw is the 12
 * bits; in_voltage_scale assumes a 3.3 V full scale (the model has no
 * analog reference: 3300 mV / 2^12 = 0.805664062 mV per code);
 * sampling_frequency is the sampling clock over RATE (Hz, 1 up to the
 * clock's rate; the strap, pmsim,sample-hz, until written). Changing it
 * while the buffer is enabled is -EBUSY, and so is a single read.
 *
 * Single read: the sensor in single-shot mode with the threshold
 * interrupt at one sample; the handler masks it and completes; DATA is
 * read. The sample numbers go on from read to read while the device stays
 * powered (they restart at 0 when the domain has been off).
 *
 * Streaming (buffer enabled, postenable): the "rx" DMA channel is
 * requested now, not at probe, so that the PL080 can suspend while nobody
 * streams; configured for the FIFO's DATA register (32-bit reads, bursts
 * of 4, the sensor's BURST); a cyclic transfer over PMSIM_ADC_PERIODS
 * periods of a buffer from high memory (kmalloc __GFP_HIGHMEM, cacheable),
 * mapped DMA_FROM_DEVICE with the controller's device. A period is the
 * smallest watermark of the enabled buffers, at least 16 and at most 256
 * samples, rounded up to whole cache lines. The sensor starts from sample
 * number 0 (COUNT cleared). On each period's callback (a tasklet): the
 * periods done since the last one (from the residue) are synced for the
 * CPU, their samples checked (the driver reads every word: a sample
 * number out of sequence counts in debugfs sequence_errors, as a lost or
 * stale sample), their scans pushed to the buffers (iio_push_to_buffers:
 * the consumers read the DMA buffer too), and synced back for the device. Disable
 * (predisable): the sensor stopped, terminate_sync, unmap, free, release
 * the channel; samples the FIFO dropped are reported.
 *
 * skip_sync (/sys/kernel/debug/pmsim-adc/skip_sync): writing N makes the
 * next N periods miss their sync for the CPU, to show what the coherency
 * checker catches. pmsim's core never fetches a line by itself, and the
 * sync back to the device invalidates the period, so a missing invalidate
 * shows only when the period's lines were cached before the DMA wrote
 * them again: a period chosen to be skipped is therefore not given back
 * to the device after it is consumed (its lines stay in the D-cache), and
 * one ring later it is consumed without its sync for the CPU. The
 * consumers then read the previous ring's samples from the cache: a
 * `stale-read` (--coherency=fatal stops with 127).
 *
 * Power: the sampling clock (`clocks` entry 0) is prepared and enabled
 * only while the device is runtime-active; it autosuspends PMSIM_ADC_AUTOSUSPEND_MS after a
 * single read and is held active while streaming. Its domain (`periph`)
 * goes off when the PL080 is suspended too; resume writes the registers
 * again (the domain's power-off lost them). System sleep stops streaming
 * and forces the runtime state, and starts again on resume.
 */
#include <asm/io.h>
#include <linux/clk.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/err.h>
#include <linux/iio/buffer.h>
#include <linux/iio/iio.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>

#define SNS_ID 0x000
#define SNS_CTRL 0x004
#define SNS_RATE 0x008
#define SNS_LEVEL 0x00c
#define SNS_THRESH 0x010
#define SNS_BURST 0x014
#define SNS_DATA 0x018
#define SNS_STATUS 0x01c
#define SNS_COUNT 0x020
#define SNS_DROPPED 0x024

#define SNS_ID_VALUE 0x534e5331 /* "SNS1" */
#define SNS_CTRL_EN BIT(0)
#define SNS_CTRL_SINGLE BIT(1)
#define SNS_CTRL_THIE BIT(2)
#define SNS_CTRL_DMAEN BIT(4)
#define SNS_CTRL_FLUSH BIT(8)
#define SNS_STATUS_OVR BIT(3)
#define SNS_STATUS_UDR BIT(4)

#define PMSIM_ADC_BURST 4           /* samples per DMA burst (BURST) */
#define PMSIM_ADC_PERIODS 4         /* periods in the DMA ring */
#define PMSIM_ADC_PERIOD_MIN 16     /* samples */
#define PMSIM_ADC_PERIOD_MAX 256
#define PMSIM_ADC_AUTOSUSPEND_MS 50 /* a few single reads in a row keep it up */
#define PMSIM_ADC_LINE 32           /* the D-cache's line: periods are whole lines */
#define PMSIM_ADC_FULL_SCALE_MV 3300
#define PMSIM_ADC_BITS 12

struct pmsim_adc {
	struct device *dev;
	void __iomem *base;
	phys_addr_t phys;
	struct clk *clk;
	u32 rate;                 /* RATE: sampling clock cycles per sample */
	struct completion done;   /* a single conversion */
	bool streaming;           /* the buffer is enabled (across system sleep too) */

	/* Streaming. */
	struct dma_chan *chan;
	u32 *ring;                /* PMSIM_ADC_PERIODS periods, line-aligned */
	dma_addr_t ring_dma;
	unsigned int period;      /* samples per period */
	unsigned int watermark;   /* from the buffers */
	unsigned int next;        /* the next period to consume */
	unsigned long kept;       /* periods left in the cache (skip_sync) */
	u32 skip_sync;            /* debugfs: periods still to skip */
	u32 skipped;              /* syncs for the CPU skipped so far */
	u32 seq;                  /* the sample number expected next */
	u32 seq_errors;           /* debugfs: samples out of sequence */
	struct dentry *debugfs;
};

/* ---- registers -------------------------------------------------------------------- */

static void pmsim_adc_stop(struct pmsim_adc *adc)
{
	writel(0, adc->base + SNS_CTRL);
	writel(SNS_CTRL_FLUSH, adc->base + SNS_CTRL);
	writel(SNS_STATUS_OVR | SNS_STATUS_UDR, adc->base + SNS_STATUS);
}

/* After a resume: the domain may have been off (everything at reset). */
static void pmsim_adc_hw_init(struct pmsim_adc *adc)
{
	pmsim_adc_stop(adc);
	writel(adc->rate, adc->base + SNS_RATE);
	writel(1, adc->base + SNS_THRESH);
	writel(PMSIM_ADC_BURST, adc->base + SNS_BURST);
}

static irqreturn_t pmsim_adc_irq(int irq, void *data)
{
	struct pmsim_adc *adc = data;
	u32 ctrl = readl(adc->base + SNS_CTRL);
	if (!(ctrl & SNS_CTRL_THIE))
		return IRQ_NONE;
	writel(ctrl & ~SNS_CTRL_THIE, adc->base + SNS_CTRL);
	complete(&adc->done);
	return IRQ_HANDLED;
}

static int pmsim_adc_single(struct pmsim_adc *adc, int *val)
{
	int ret = pm_runtime_resume_and_get(adc->dev);
	if (ret < 0)
		return ret;
	pmsim_adc_stop(adc);
	writel(adc->rate, adc->base + SNS_RATE);
	reinit_completion(&adc->done);
	writel(SNS_CTRL_SINGLE | SNS_CTRL_THIE | SNS_CTRL_EN, adc->base + SNS_CTRL);
	/* Two sample periods and a jiffy. */
	unsigned long clk = clk_get_rate(adc->clk);
	unsigned int ms = clk ? (unsigned int)DIV_ROUND_UP((u64)adc->rate * 2000, clk) : 1000;
	if (!wait_for_completion_timeout(&adc->done, msecs_to_jiffies(ms) + 1)) {
		ret = -ETIMEDOUT;
	} else {
		*val = (int)(readl(adc->base + SNS_DATA) & GENMASK(PMSIM_ADC_BITS - 1, 0));
		ret = IIO_VAL_INT;
	}
	writel(0, adc->base + SNS_CTRL);
	pm_runtime_mark_last_busy(adc->dev);
	pm_runtime_put_autosuspend(adc->dev);
	return ret;
}

/* ---- the IIO device ----------------------------------------------------------------- */

static const struct iio_chan_spec pmsim_adc_channels[] = {
	{
		.type = IIO_VOLTAGE,
		.indexed = 1,
		.channel = 0,
		.info_mask_separate = BIT(IIO_CHAN_INFO_RAW),
		.info_mask_shared_by_type = BIT(IIO_CHAN_INFO_SCALE),
		.info_mask_shared_by_all = BIT(IIO_CHAN_INFO_SAMP_FREQ),
		.scan_index = 0,
		.scan_type = {
			.sign = 'u',
			.realbits = PMSIM_ADC_BITS,
			.storagebits = 32,
			.shift = 0,
			.endianness = IIO_LE,
		},
		.datasheet_name = "vin",
	},
};

static int pmsim_adc_read_raw(struct iio_dev *indio_dev, struct iio_chan_spec const *chan,
			      int *val, int *val2, long mask)
{
	struct pmsim_adc *adc = iio_priv(indio_dev);
	int ret;
	switch (mask) {
	case IIO_CHAN_INFO_RAW:
		ret = iio_device_claim_direct_mode(indio_dev);
		if (ret)
			return ret;
		ret = pmsim_adc_single(adc, val);
		iio_device_release_direct_mode(indio_dev);
		return ret;
	case IIO_CHAN_INFO_SCALE:
		*val = PMSIM_ADC_FULL_SCALE_MV;
		*val2 = PMSIM_ADC_BITS;
		return IIO_VAL_FRACTIONAL_LOG2;
	case IIO_CHAN_INFO_SAMP_FREQ:
		*val = (int)DIV_ROUND_CLOSEST(clk_get_rate(adc->clk), adc->rate);
		return IIO_VAL_INT;
	default:
		return -EINVAL;
	}
}

static int pmsim_adc_write_raw(struct iio_dev *indio_dev, struct iio_chan_spec const *chan,
			       int val, int val2, long mask)
{
	struct pmsim_adc *adc = iio_priv(indio_dev);
	if (mask != IIO_CHAN_INFO_SAMP_FREQ)
		return -EINVAL;
	unsigned long clk = clk_get_rate(adc->clk);
	if (val <= 0 || (unsigned long)val > clk)
		return -EINVAL;
	int ret = iio_device_claim_direct_mode(indio_dev);
	if (ret)
		return ret;
	adc->rate = (u32)(clk / (unsigned long)val);
	iio_device_release_direct_mode(indio_dev);
	return 0;
}

static int pmsim_adc_write_raw_get_fmt(struct iio_dev *indio_dev,
				       struct iio_chan_spec const *chan, long mask)
{
	return IIO_VAL_INT;
}

static int pmsim_adc_set_watermark(struct iio_dev *indio_dev, unsigned int val)
{
	struct pmsim_adc *adc = iio_priv(indio_dev);
	adc->watermark = val;
	return 0;
}

static const struct iio_info pmsim_adc_info = {
	.read_raw = pmsim_adc_read_raw,
	.write_raw = pmsim_adc_write_raw,
	.write_raw_get_fmt = pmsim_adc_write_raw_get_fmt,
	.hwfifo_set_watermark = pmsim_adc_set_watermark,
};

/* ---- streaming ---------------------------------------------------------------------- */

static void pmsim_adc_consume(struct iio_dev *indio_dev, struct pmsim_adc *adc, unsigned int p)
{
	struct device *ddev = adc->chan->device->dev;
	size_t bytes = adc->period * sizeof(u32);
	dma_addr_t addr = adc->ring_dma + p * bytes;
	bool kept = adc->kept & BIT(p);
	if (kept) {
		adc->kept &= ~BIT(p);
		adc->skipped++;
	} else {
		dma_sync_single_for_cpu(ddev, addr, bytes, DMA_FROM_DEVICE);
	}
	const u32 *scan = adc->ring + p * adc->period;
	for (unsigned int i = 0; i < adc->period; i++) {
		/* DATA(k)'s upper half numbers the samples: a gap is a sample
		 * lost, or data that is not this round's. */
		u32 k = scan[i] >> 16;
		if (k != (adc->seq & 0xffff))
			adc->seq_errors++;
		adc->seq = k + 1;
	}
	iio_push_to_buffers_n(indio_dev, scan, adc->period);
	if (!kept && adc->skip_sync) {
		adc->skip_sync--;
		adc->kept |= BIT(p); /* stays in the cache for its next round */
		return;
	}
	dma_sync_single_for_device(ddev, addr, bytes, DMA_FROM_DEVICE);
}

/* A period (or more: callbacks coalesce) is done: consume every period up
 * to where the controller is now, as the residue at that period's end
 * says. */
static void pmsim_adc_dma_done(void *param, const struct dmaengine_result *result)
{
	struct iio_dev *indio_dev = param;
	struct pmsim_adc *adc = iio_priv(indio_dev);
	size_t ring = (size_t)PMSIM_ADC_PERIODS * adc->period * sizeof(u32);
	unsigned int at = (unsigned int)(((ring - result->residue) % ring) /
					 (adc->period * sizeof(u32)));
	do {
		pmsim_adc_consume(indio_dev, adc, adc->next);
		adc->next = (adc->next + 1) % PMSIM_ADC_PERIODS;
	} while (adc->next != at);
}

static void pmsim_adc_ring_free(struct pmsim_adc *adc)
{
	if (adc->ring_dma) {
		dma_unmap_single(adc->chan->device->dev, adc->ring_dma,
				 (size_t)PMSIM_ADC_PERIODS * adc->period * sizeof(u32),
				 DMA_FROM_DEVICE);
		adc->ring_dma = 0;
	}
	kfree(adc->ring);
	adc->ring = NULL;
}

static int pmsim_adc_dma_start(struct iio_dev *indio_dev)
{
	struct pmsim_adc *adc = iio_priv(indio_dev);
	struct dma_chan *chan = dma_request_chan(adc->dev, "rx");
	if (IS_ERR(chan))
		return dev_err_probe(adc->dev, (int)PTR_ERR(chan), "no rx DMA channel\n");
	adc->chan = chan;
	struct dma_slave_config cfg = {
		.direction = DMA_DEV_TO_MEM,
		.src_addr = adc->phys + SNS_DATA,
		.src_addr_width = DMA_SLAVE_BUSWIDTH_4_BYTES,
		.src_maxburst = PMSIM_ADC_BURST,
	};
	int ret = dmaengine_slave_config(chan, &cfg);
	if (ret)
		goto err_release;

	unsigned int per_line = PMSIM_ADC_LINE / sizeof(u32);
	unsigned int period = max(adc->watermark, (unsigned int)PMSIM_ADC_PERIOD_MIN);
	adc->period = ALIGN(min(period, (unsigned int)PMSIM_ADC_PERIOD_MAX), per_line);
	size_t ring = (size_t)PMSIM_ADC_PERIODS * adc->period * sizeof(u32);
	/* kmalloc's memory owns whole lines (ARCH_DMA_MINALIGN): no other
	 * data shares a line the device writes. */
	adc->ring = kmalloc(ring, GFP_KERNEL | __GFP_HIGHMEM);
	if (!adc->ring) {
		ret = -ENOMEM;
		goto err_release;
	}
	struct device *ddev = chan->device->dev;
	adc->ring_dma = dma_map_single(ddev, adc->ring, ring, DMA_FROM_DEVICE);
	if (dma_mapping_error(ddev, adc->ring_dma)) {
		adc->ring_dma = 0;
		ret = -ENOMEM;
		goto err_free;
	}
	struct dma_async_tx_descriptor *tx =
		dmaengine_prep_dma_cyclic(chan, adc->ring_dma, ring, adc->period * sizeof(u32),
					  DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT);
	if (!tx) {
		ret = -EINVAL;
		goto err_free;
	}
	tx->callback_result = pmsim_adc_dma_done;
	tx->callback_param = indio_dev;
	adc->next = 0;
	adc->kept = 0;
	adc->seq = 0;
	ret = dma_submit_error(dmaengine_submit(tx));
	if (ret)
		goto err_free;
	dma_async_issue_pending(chan);
	return 0;

err_free:
	pmsim_adc_ring_free(adc);
err_release:
	dma_release_channel(chan);
	adc->chan = NULL;
	return ret;
}

static void pmsim_adc_dma_stop(struct pmsim_adc *adc)
{
	dmaengine_terminate_sync(adc->chan);
	pmsim_adc_ring_free(adc);
	dma_release_channel(adc->chan);
	adc->chan = NULL;
}

/* The sensor converting into the FIFO for the DMA, from sample 0. */
static void pmsim_adc_hw_start(struct pmsim_adc *adc)
{
	pmsim_adc_stop(adc);
	writel(adc->rate, adc->base + SNS_RATE);
	writel(PMSIM_ADC_BURST, adc->base + SNS_BURST);
	writel(0, adc->base + SNS_COUNT);
	writel(0, adc->base + SNS_DROPPED);
	writel(SNS_CTRL_EN | SNS_CTRL_DMAEN, adc->base + SNS_CTRL);
}

static void pmsim_adc_hw_halt(struct pmsim_adc *adc)
{
	writel(0, adc->base + SNS_CTRL);
	u32 dropped = readl(adc->base + SNS_DROPPED);
	if (dropped)
		dev_warn(adc->dev, "%u samples lost to FIFO overrun\n", dropped);
	pmsim_adc_stop(adc);
}

static int pmsim_adc_stream_on(struct iio_dev *indio_dev)
{
	struct pmsim_adc *adc = iio_priv(indio_dev);
	int ret = pmsim_adc_dma_start(indio_dev);
	if (ret)
		return ret;
	pmsim_adc_hw_start(adc);
	return 0;
}

static void pmsim_adc_stream_off(struct iio_dev *indio_dev)
{
	struct pmsim_adc *adc = iio_priv(indio_dev);
	pmsim_adc_hw_halt(adc);
	pmsim_adc_dma_stop(adc);
}

static int pmsim_adc_postenable(struct iio_dev *indio_dev)
{
	struct pmsim_adc *adc = iio_priv(indio_dev);
	int ret = pm_runtime_resume_and_get(adc->dev);
	if (ret < 0)
		return ret;
	ret = pmsim_adc_stream_on(indio_dev);
	if (ret) {
		pm_runtime_put_autosuspend(adc->dev);
		return ret;
	}
	adc->streaming = true;
	return 0;
}

static int pmsim_adc_predisable(struct iio_dev *indio_dev)
{
	struct pmsim_adc *adc = iio_priv(indio_dev);
	if (adc->streaming) {
		pmsim_adc_stream_off(indio_dev);
		adc->streaming = false;
		pm_runtime_mark_last_busy(adc->dev);
		pm_runtime_put_autosuspend(adc->dev);
	}
	return 0;
}

static const struct iio_buffer_setup_ops pmsim_adc_buffer_ops = {
	.postenable = pmsim_adc_postenable,
	.predisable = pmsim_adc_predisable,
};

/* ---- power -------------------------------------------------------------------------- */

static int pmsim_adc_runtime_suspend(struct device *dev)
{
	struct pmsim_adc *adc = iio_priv(dev_get_drvdata(dev));
	writel(0, adc->base + SNS_CTRL);
	clk_disable_unprepare(adc->clk);
	return 0;
}

static int pmsim_adc_runtime_resume(struct device *dev)
{
	struct pmsim_adc *adc = iio_priv(dev_get_drvdata(dev));
	int ret = clk_prepare_enable(adc->clk);
	if (ret)
		return ret;
	pmsim_adc_hw_init(adc);
	return 0;
}

/* System sleep: streaming stops (the DMA controller suspends after us, at
 * the late phase) and starts again from sample 0 on resume. */
static int pmsim_adc_suspend(struct device *dev)
{
	struct iio_dev *indio_dev = dev_get_drvdata(dev);
	struct pmsim_adc *adc = iio_priv(indio_dev);
	if (adc->streaming)
		pmsim_adc_stream_off(indio_dev);
	return pm_runtime_force_suspend(dev);
}

static int pmsim_adc_resume(struct device *dev)
{
	struct iio_dev *indio_dev = dev_get_drvdata(dev);
	struct pmsim_adc *adc = iio_priv(indio_dev);
	int ret = pm_runtime_force_resume(dev);
	if (ret)
		return ret;
	if (adc->streaming) {
		ret = pmsim_adc_stream_on(indio_dev);
		if (ret)
			dev_err(dev, "cannot restart streaming: %d\n", ret);
	}
	return ret;
}

static const struct dev_pm_ops pmsim_adc_pm_ops = {
	SET_SYSTEM_SLEEP_PM_OPS(pmsim_adc_suspend, pmsim_adc_resume)
	SET_RUNTIME_PM_OPS(pmsim_adc_runtime_suspend, pmsim_adc_runtime_resume, NULL)
};

/* ---- probe -------------------------------------------------------------------------- */

static void pmsim_adc_pm_disable(void *data)
{
	struct device *dev = data;
	pm_runtime_disable(dev);
	pm_runtime_dont_use_autosuspend(dev);
	if (!pm_runtime_status_suspended(dev))
		pmsim_adc_runtime_suspend(dev);
	pm_runtime_set_suspended(dev);
}

static void pmsim_adc_debugfs_remove(void *data)
{
	debugfs_remove(data);
}

static int pmsim_adc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct iio_dev *indio_dev = devm_iio_device_alloc(dev, sizeof(struct pmsim_adc));
	if (!indio_dev)
		return -ENOMEM;
	struct pmsim_adc *adc = iio_priv(indio_dev);
	adc->dev = dev;
	init_completion(&adc->done);
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	adc->base = devm_ioremap_resource(dev, res);
	if (IS_ERR(adc->base))
		return (int)PTR_ERR(adc->base);
	adc->phys = res->start;
	adc->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(adc->clk))
		return dev_err_probe(dev, (int)PTR_ERR(adc->clk), "no sampling clock\n");
	int irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	platform_set_drvdata(pdev, indio_dev);

	int ret = clk_prepare_enable(adc->clk);
	if (ret)
		return ret;
	if (readl(adc->base + SNS_ID) != SNS_ID_VALUE) {
		clk_disable_unprepare(adc->clk);
		return dev_err_probe(dev, -ENODEV, "not a pmsim sensor\n");
	}
	/* The strap: pmsim,sample-hz at the clock the SoC was made for. */
	adc->rate = readl(adc->base + SNS_RATE);
	if (!adc->rate)
		adc->rate = (u32)(clk_get_rate(adc->clk) / 1000) ?: 1;
	pmsim_adc_hw_init(adc);
	pm_runtime_set_active(dev);
	pm_runtime_set_autosuspend_delay(dev, PMSIM_ADC_AUTOSUSPEND_MS);
	pm_runtime_use_autosuspend(dev);
	pm_runtime_get_noresume(dev);
	pm_runtime_enable(dev);
	ret = devm_add_action_or_reset(dev, pmsim_adc_pm_disable, dev);
	if (ret) {
		pm_runtime_put_noidle(dev);
		return ret;
	}

	ret = devm_request_irq(dev, (unsigned int)irq, pmsim_adc_irq, 0, dev_name(dev), adc);
	if (ret)
		goto out;
	indio_dev->name = "pmsim-adc";
	indio_dev->info = &pmsim_adc_info;
	indio_dev->modes = INDIO_DIRECT_MODE;
	indio_dev->channels = pmsim_adc_channels;
	indio_dev->num_channels = ARRAY_SIZE(pmsim_adc_channels);
	if (of_property_present(dev->of_node, "dmas")) {
		ret = devm_iio_kfifo_buffer_setup(dev, indio_dev, &pmsim_adc_buffer_ops);
		if (ret)
			goto out;
	}
	ret = devm_iio_device_register(dev, indio_dev);
	if (ret)
		goto out;
	adc->debugfs = debugfs_create_dir("pmsim-adc", NULL);
	debugfs_create_u32("skip_sync", 0644, adc->debugfs, &adc->skip_sync);
	debugfs_create_u32("skipped", 0444, adc->debugfs, &adc->skipped);
	debugfs_create_u32("sequence_errors", 0444, adc->debugfs, &adc->seq_errors);
	ret = devm_add_action_or_reset(dev, pmsim_adc_debugfs_remove, adc->debugfs);
out:
	/* Idle until read: suspended now (its clock unprepared), without
	 * waiting for the autosuspend delay. */
	pm_runtime_put_sync_suspend(dev);
	return ret;
}

static const struct of_device_id pmsim_adc_of_match[] = {
	{ .compatible = "pmsim,sensor" },
	{ },
};

static struct platform_driver pmsim_adc_driver = {
	.probe = pmsim_adc_probe,
	.driver = {
		.name = "pmsim-adc",
		.of_match_table = pmsim_adc_of_match,
		.pm = &pmsim_adc_pm_ops,
	},
};
module_platform_driver(pmsim_adc_driver);
