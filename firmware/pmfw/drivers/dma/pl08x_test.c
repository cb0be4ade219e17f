/*
 * dmaengine and the PL080 driver on the default SoC (suite "dmaengine"):
 * the client flow of include/linux/dmaengine.h end to end, against the
 * simulated controller and a real peripheral — the sensor/ADC
 * (docs/devices/sensor.md), whose samples are a known sequence, DATA(k),
 * so that every word the DMA delivers can be checked:
 *
 *  - memcpy (dma_request_chan_by_mask): data, result, callback in softirq
 *    context (the virtual channel's tasklet), never in the IRQ handler;
 *  - slave_sg from the ADC by its `dmas`/`dma-names` ("rx"): three
 *    segments of samples in order; the residue of a running transfer;
 *  - cyclic from the ADC: a callback per period with the residue to the
 *    buffer's end, the ring filled in order, terminate_sync stops it;
 *  - more virtual channels than physical ones: eight memcpys hold the
 *    eight physical channels, the ADC's transfer waits (residue: all of
 *    it), then runs on the first one released;
 *  - an error interrupt (a copy from where nothing is mapped) completes
 *    the descriptor with DMA_TRANS_ABORTED;
 *  - /sys/kernel/debug/dmaengine/summary lists the controllers and the
 *    channels in use, as Linux prints it.
 *
 * Buffers are mapped with the DMA API (the controller's device), so a run
 * under --coherency=fatal also checks the driver's LLIs: the controller
 * fetches them from the coherent pool, never from a dirty cache line.
 * On a SoC without a PL080 (the MCU) every case skips.
 */
#include <asm/io.h>
#include <kunit/test.h>
#include <linux/clk.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kernfs.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>

/* The sensor's registers. */
#define SNS_CTRL 0x004
#define SNS_RATE 0x008
#define SNS_BURST 0x014
#define SNS_DATA 0x018
#define SNS_COUNT 0x020
#define SNS_CTRL_EN BIT(0)
#define SNS_CTRL_DMAEN BIT(4)
#define SNS_CTRL_FLUSH BIT(8)

static u32 sample(u32 k)
{
	return (k & 0xffff) << 16 | ((16 * k) & 0xfff);
}

struct ctx {
	struct completion done;
	struct dmaengine_result result;
	unsigned int calls;
	bool in_hardirq, in_softirq;
	unsigned int stop_after; /* cyclic: complete after this many periods */
	u32 residues[16];
};

static void callback(void *param, const struct dmaengine_result *result)
{
	struct ctx *c = param;
	if (c->calls < ARRAY_SIZE(c->residues))
		c->residues[c->calls] = result->residue;
	c->calls++;
	c->result = *result;
	c->in_hardirq |= in_hardirq();
	c->in_softirq |= in_serving_softirq();
	if (!c->stop_after || c->calls == c->stop_after)
		complete(&c->done);
}

static void ctx_init(struct ctx *c)
{
	memset(c, 0, sizeof(*c));
	init_completion(&c->done);
}

static struct device *pl080_dev(struct kunit *test)
{
	struct device_node *np = of_find_compatible_node(NULL, NULL, "arm,pl080");
	if (!np)
		kunit_skip(test, "no PL080 in the device tree");
	struct platform_device *pdev = of_find_device_by_node(np);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	KUNIT_ASSERT_NOT_NULL(test, pdev->dev.driver); /* the driver is bound */
	return &pdev->dev;
}

/* The ADC: its device, registers and clock; stopped and emptied, the
 * next sample number 0, `hz` samples a second. */
struct adc {
	struct device *dev;
	void __iomem *base;
	phys_addr_t phys;
	struct clk *clk;
};

static void adc_get(struct kunit *test, struct adc *a, unsigned long hz)
{
	pl080_dev(test);
	struct device_node *np = of_find_compatible_node(NULL, NULL, "pmsim,sensor");
	if (!np || !of_property_present(np, "dmas"))
		kunit_skip(test, "no sensor with a DMA line");
	struct platform_device *pdev = of_find_device_by_node(np);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	a->dev = &pdev->dev;
	struct resource r;
	KUNIT_ASSERT_EQ(test, of_address_to_resource(np, 0, &r), 0);
	a->phys = r.start;
	a->base = ioremap(r.start, resource_size(&r));
	a->clk = of_clk_get(np, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a->clk));
	KUNIT_ASSERT_EQ(test, clk_prepare_enable(a->clk), 0);
	unsigned long rate = clk_get_rate(a->clk);
	writel(0, a->base + SNS_CTRL);
	writel(SNS_CTRL_FLUSH, a->base + SNS_CTRL);
	writel(0, a->base + SNS_COUNT);
	writel(4, a->base + SNS_BURST);
	writel((u32)(rate / hz), a->base + SNS_RATE);
}

static void adc_start(struct adc *a)
{
	writel(SNS_CTRL_EN | SNS_CTRL_DMAEN, a->base + SNS_CTRL);
}

static void adc_put(struct adc *a)
{
	writel(0, a->base + SNS_CTRL);
	writel(SNS_CTRL_FLUSH, a->base + SNS_CTRL);
	clk_disable_unprepare(a->clk);
	clk_put(a->clk);
}

static struct dma_chan *adc_chan(struct kunit *test, struct adc *a)
{
	struct dma_chan *chan = dma_request_chan(a->dev, "rx");
	KUNIT_ASSERT_FALSE(test, IS_ERR(chan));
	struct dma_slave_config cfg = {
		.direction = DMA_DEV_TO_MEM,
		.src_addr = a->phys + SNS_DATA,
		.src_addr_width = DMA_SLAVE_BUSWIDTH_4_BYTES,
		.src_maxburst = 4,
	};
	KUNIT_ASSERT_EQ(test, dmaengine_slave_config(chan, &cfg), 0);
	return chan;
}

static struct dma_chan *memcpy_chan(struct kunit *test)
{
	dma_cap_mask_t mask;
	dma_cap_zero(mask);
	dma_cap_set(DMA_MEMCPY, mask);
	struct dma_chan *chan = dma_request_chan_by_mask(&mask);
	KUNIT_ASSERT_FALSE(test, IS_ERR(chan));
	return chan;
}

/* Submit tx with callback() reporting into c (initialized by the caller). */
static dma_cookie_t submit_with(struct dma_async_tx_descriptor *tx, struct ctx *c)
{
	tx->callback_result = callback;
	tx->callback_param = c;
	return dmaengine_submit(tx);
}

static void *buf_alloc(struct kunit *test, size_t n)
{
	void *p = kmalloc(n, GFP_KERNEL | __GFP_HIGHMEM);
	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}

static bool wait(struct ctx *c)
{
	return wait_for_completion_timeout(&c->done, msecs_to_jiffies(1000)) != 0;
}

static void dmaengine_memcpy(struct kunit *test)
{
	struct device *ddev = pl080_dev(test);
	struct dma_chan *chan = memcpy_chan(test);
	u32 *src = buf_alloc(test, 4096), *dst = buf_alloc(test, 4096);
	for (int i = 0; i < 1024; i++) {
		src[i] = 0x51000000u + (u32)i;
		dst[i] = 0;
	}
	dma_addr_t s = dma_map_single(ddev, src, 4096, DMA_TO_DEVICE);
	dma_addr_t d = dma_map_single(ddev, dst, 4096, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(ddev, s));
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(ddev, d));
	struct dma_async_tx_descriptor *tx =
		dmaengine_prep_dma_memcpy(chan, d, s, 4096, DMA_PREP_INTERRUPT);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	struct ctx c;
	ctx_init(&c);
	dma_cookie_t cookie = submit_with(tx, &c);
	KUNIT_ASSERT_GE(test, cookie, DMA_MIN_COOKIE);
	/* Submitted, not issued: nothing moves. */
	struct dma_tx_state st;
	KUNIT_EXPECT_EQ(test, dmaengine_tx_status(chan, cookie, &st), DMA_IN_PROGRESS);
	KUNIT_EXPECT_EQ(test, st.residue, 4096);
	dma_async_issue_pending(chan);
	KUNIT_ASSERT_TRUE(test, wait(&c));
	dma_unmap_single(ddev, s, 4096, DMA_TO_DEVICE);
	dma_unmap_single(ddev, d, 4096, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, c.calls, 1);
	KUNIT_EXPECT_EQ(test, c.result.result, DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, c.result.residue, 0);
	KUNIT_EXPECT_FALSE(test, c.in_hardirq);
	KUNIT_EXPECT_TRUE(test, c.in_softirq);
	KUNIT_EXPECT_EQ(test, dmaengine_tx_status(chan, cookie, &st), DMA_COMPLETE);
	KUNIT_EXPECT_EQ(test, memcmp(src, dst, 4096), 0);
	/* The next cookie is the next number. */
	tx = dmaengine_prep_dma_memcpy(chan, d, s, 64, 0);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	KUNIT_EXPECT_EQ(test, dmaengine_submit(tx), cookie + 1);
	dmaengine_terminate_sync(chan);
	dma_release_channel(chan);
	kfree(src);
	kfree(dst);
}

static void check_samples(struct kunit *test, const u32 *w, unsigned int n, u32 first)
{
	for (unsigned int i = 0; i < n; i++)
		if (w[i] != sample(first + i)) {
			KUNIT_FAIL(test, "word %u is 0x%08x, not sample %u (0x%08x)", i, w[i],
				   first + i, sample(first + i));
			return;
		}
}

static void dmaengine_slave_sg(struct kunit *test)
{
	struct adc a;
	adc_get(test, &a, 100000);
	struct dma_chan *chan = adc_chan(test, &a);
	struct device *ddev = chan->device->dev;
	u32 *buf = buf_alloc(test, 256);
	struct scatterlist sg[3];
	sg_init_table(sg, 3);
	sg_set_buf(&sg[0], buf, 64);
	sg_set_buf(&sg[1], buf + 16, 128);
	sg_set_buf(&sg[2], buf + 48, 64);
	int n = dma_map_sg(ddev, sg, 3, DMA_FROM_DEVICE);
	KUNIT_ASSERT_EQ(test, n, 3);
	struct dma_async_tx_descriptor *tx =
		dmaengine_prep_slave_sg(chan, sg, (unsigned int)n, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	struct ctx c;
	ctx_init(&c);
	dma_cookie_t cookie = submit_with(tx, &c);
	dma_async_issue_pending(chan);
	adc_start(&a);
	/* 30 samples in (300 us): part of it moved, in whole words. */
	udelay(300);
	struct dma_tx_state st;
	KUNIT_EXPECT_EQ(test, dmaengine_tx_status(chan, cookie, &st), DMA_IN_PROGRESS);
	KUNIT_EXPECT_GT(test, st.residue, 0);
	KUNIT_EXPECT_LT(test, st.residue, 256);
	KUNIT_EXPECT_EQ(test, st.residue % 4, 0);
	KUNIT_ASSERT_TRUE(test, wait(&c));
	adc_put(&a);
	dma_unmap_sg(ddev, sg, 3, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, c.result.result, DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, c.result.residue, 0);
	KUNIT_EXPECT_FALSE(test, c.in_hardirq);
	check_samples(test, buf, 64, 0);
	dma_release_channel(chan);
	kfree(buf);
}

static void dmaengine_cyclic(struct kunit *test)
{
	struct adc a;
	adc_get(test, &a, 10000);
	struct dma_chan *chan = adc_chan(test, &a);
	struct device *ddev = chan->device->dev;
	u32 *buf = buf_alloc(test, 256);
	dma_addr_t h = dma_map_single(ddev, buf, 256, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(ddev, h));
	/* Four periods of 16 samples. */
	struct dma_async_tx_descriptor *tx =
		dmaengine_prep_dma_cyclic(chan, h, 256, 64, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	struct ctx c;
	ctx_init(&c);
	c.stop_after = 6;
	submit_with(tx, &c);
	dma_async_issue_pending(chan);
	adc_start(&a);
	KUNIT_ASSERT_TRUE(test, wait(&c));
	KUNIT_EXPECT_EQ(test, dmaengine_terminate_sync(chan), 0);
	unsigned int calls = c.calls;
	writel(0, a.base + SNS_CTRL);
	msleep(2);
	KUNIT_EXPECT_EQ(test, c.calls, calls); /* no callback after terminate_sync */
	adc_put(&a);
	dma_unmap_single(ddev, h, 256, DMA_FROM_DEVICE);
	/* The residue after each period: to the end of the buffer (a sample
	 * every 100 us: the handler reads it before the next one lands). */
	static const u32 want[6] = { 192, 128, 64, 256, 192, 128 };
	for (int i = 0; i < 6; i++)
		KUNIT_EXPECT_EQ(test, c.residues[i], want[i]);
	KUNIT_EXPECT_FALSE(test, c.in_hardirq);
	/* The ring holds the last round: each word is the sample that last
	 * landed there (periods 4 and 5 over 0 and 1; 2 and 3 from round 1
	 * or later). */
	for (unsigned int i = 0; i < 64; i++) {
		u32 k = buf[i] >> 16;
		KUNIT_EXPECT_EQ(test, buf[i], sample(k));
		KUNIT_EXPECT_EQ(test, k % 64, i);
	}
	check_samples(test, buf, 32, 64 + 0); /* periods 4 and 5 */
	dma_release_channel(chan);
	kfree(buf);
}

/* Eight memcpys on the eight physical channels; the ADC's transfer, on a
 * ninth virtual channel, waits for one. */
static void dmaengine_more_channels_than_phys(struct kunit *test)
{
	struct adc a;
	adc_get(test, &a, 100000);
	struct device *ddev = pl080_dev(test);
	struct dma_chan *m[8];
	u32 *src[8], *dst[8];
	dma_addr_t s[8], d[8];
	struct ctx c[9];
	for (int i = 0; i < 8; i++) {
		m[i] = memcpy_chan(test);
		src[i] = buf_alloc(test, 4096);
		dst[i] = buf_alloc(test, 4096);
		for (int k = 0; k < 1024; k++)
			src[i][k] = (u32)(i << 24 | k);
		s[i] = dma_map_single(ddev, src[i], 4096, DMA_TO_DEVICE);
		d[i] = dma_map_single(ddev, dst[i], 4096, DMA_FROM_DEVICE);
		KUNIT_ASSERT_FALSE(test, dma_mapping_error(ddev, s[i]));
		KUNIT_ASSERT_FALSE(test, dma_mapping_error(ddev, d[i]));
		struct dma_async_tx_descriptor *tx =
			dmaengine_prep_dma_memcpy(m[i], d[i], s[i], 4096, DMA_PREP_INTERRUPT);
		KUNIT_ASSERT_NOT_NULL(test, tx);
		ctx_init(&c[i]);
		submit_with(tx, &c[i]);
	}
	struct dma_chan *chan = adc_chan(test, &a);
	u32 *buf = buf_alloc(test, 64);
	dma_addr_t h = dma_map_single(ddev, buf, 64, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(ddev, h));
	struct dma_async_tx_descriptor *tx =
		dmaengine_prep_slave_single(chan, h, 64, DMA_DEV_TO_MEM, DMA_PREP_INTERRUPT);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	ctx_init(&c[8]);
	dma_cookie_t cookie = submit_with(tx, &c[8]);
	/* Issued together, interrupts off, so that no memcpy ends before
	 * the ADC's transfer asks for a channel. */
	unsigned long flags;
	local_irq_save(flags);
	for (int i = 0; i < 8; i++)
		dma_async_issue_pending(m[i]);
	dma_async_issue_pending(chan);
	struct dma_tx_state st;
	KUNIT_EXPECT_EQ(test, dmaengine_tx_status(chan, cookie, &st), DMA_IN_PROGRESS);
	KUNIT_EXPECT_EQ(test, st.residue, 64); /* waiting: nothing moved */
	local_irq_restore(flags);
	adc_start(&a);
	for (int i = 0; i < 9; i++)
		KUNIT_ASSERT_TRUE(test, wait(&c[i]));
	adc_put(&a);
	dma_unmap_single(ddev, h, 64, DMA_FROM_DEVICE);
	check_samples(test, buf, 16, 0);
	for (int i = 0; i < 8; i++) {
		dma_unmap_single(ddev, s[i], 4096, DMA_TO_DEVICE);
		dma_unmap_single(ddev, d[i], 4096, DMA_FROM_DEVICE);
		KUNIT_EXPECT_EQ(test, memcmp(src[i], dst[i], 4096), 0);
		KUNIT_EXPECT_EQ(test, c[i].result.result, DMA_TRANS_NOERROR);
		dma_release_channel(m[i]);
		kfree(src[i]);
		kfree(dst[i]);
	}
	dma_release_channel(chan);
	kfree(buf);
}

static void dmaengine_error_aborts(struct kunit *test)
{
	struct device *ddev = pl080_dev(test);
	struct dma_chan *chan = memcpy_chan(test);
	u32 *dst = buf_alloc(test, 64);
	dma_addr_t d = dma_map_single(ddev, dst, 64, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(ddev, d));
	/* Nothing is mapped at 0x50000000 (docs/memory-map.md). */
	struct dma_async_tx_descriptor *tx =
		dmaengine_prep_dma_memcpy(chan, d, 0x50000000u, 64, DMA_PREP_INTERRUPT);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	struct ctx c;
	ctx_init(&c);
	submit_with(tx, &c);
	dma_async_issue_pending(chan);
	KUNIT_ASSERT_TRUE(test, wait(&c));
	dma_unmap_single(ddev, d, 64, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, c.result.result, DMA_TRANS_ABORTED);
	KUNIT_EXPECT_GT(test, c.result.residue, 0);
	/* The channel works again afterwards. */
	u32 *src = buf_alloc(test, 64);
	memset(src, 0xa5, 64);
	dma_addr_t s = dma_map_single(ddev, src, 64, DMA_TO_DEVICE);
	d = dma_map_single(ddev, dst, 64, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(ddev, s));
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(ddev, d));
	tx = dmaengine_prep_dma_memcpy(chan, d, s, 64, DMA_PREP_INTERRUPT);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	ctx_init(&c);
	dma_sync_wait(chan, submit_with(tx, &c));
	KUNIT_ASSERT_TRUE(test, wait(&c));
	dma_unmap_single(ddev, s, 64, DMA_TO_DEVICE);
	dma_unmap_single(ddev, d, 64, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, c.result.result, DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, memcmp(src, dst, 64), 0);
	dma_release_channel(chan);
	kfree(src);
	kfree(dst);
}

/* Read a debugfs file into buf (NUL-terminated). */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
	struct kernfs_node *kn;
	int err = kernfs_walk(path, true, &kn);
	if (err)
		return err;
	struct iov_iter it;
	iov_iter_buffer(&it, buf, size - 1);
	ssize_t n = kernfs_read(kn, &it);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* The summary without the console UART's transmit channel, which it
 * holds while its tty is open (the shell's, when the suite runs from
 * `kunit run`). */
static void drop_uart_tx(char *buf)
{
	char *l = strstr(buf, ".serial:tx\n");
	if (!l)
		return;
	char *start = l;
	while (start > buf && start[-1] != '\n')
		start--;
	char *end = l + strlen(".serial:tx\n");
	memmove(start, end, strlen(end) + 1);
}

static void dmaengine_summary(struct kunit *test)
{
	struct adc a;
	adc_get(test, &a, 100000);
	struct dma_chan *rx = adc_chan(test, &a), *m = memcpy_chan(test);
	char *buf = kmalloc(1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_GT(test, read_file("/sys/kernel/debug/dmaengine/summary", buf, 1024), 0);
	drop_uart_tx(buf);
	char want[256];
	scnprintf(want, sizeof want,
		  "dma0 (40030000.dma): number of channels: 8\n"
		  " %-13s| in-use\n"
		  "\n"
		  "dma1 (40030000.dma): number of channels: 16\n"
		  " %-13s| %s:rx\n",
		  dma_chan_name(m), dma_chan_name(rx), dev_name(a.dev));
	KUNIT_EXPECT_STREQ(test, buf, want);
	KUNIT_EXPECT_STREQ(test, dma_chan_name(rx), "dma1chan2");
	dma_release_channel(rx);
	dma_release_channel(m);
	adc_put(&a);
	KUNIT_ASSERT_GT(test, read_file("/sys/kernel/debug/dmaengine/summary", buf, 1024), 0);
	drop_uart_tx(buf);
	KUNIT_EXPECT_STREQ(test, buf,
			   "dma0 (40030000.dma): number of channels: 8\n\n"
			   "dma1 (40030000.dma): number of channels: 16\n");
	kfree(buf);
}

/* A channel is one client's: a second request of the same line fails. */
static void dmaengine_request_busy(struct kunit *test)
{
	struct adc a;
	adc_get(test, &a, 100000);
	struct dma_chan *rx = adc_chan(test, &a);
	KUNIT_EXPECT_TRUE(test, IS_ERR(dma_request_chan(a.dev, "rx")));
	KUNIT_EXPECT_EQ(test, PTR_ERR(dma_request_chan(a.dev, "tx")), -ENODEV);
	dma_release_channel(rx);
	rx = adc_chan(test, &a);
	dma_release_channel(rx);
	adc_put(&a);
}

/* Runtime PM per transfer: idle, the controller is suspended (HCLK
 * gated) and the peripherals' domain off (on this SoC only the ADC,
 * runtime-suspended while unused, shares it); a held channel changes
 * nothing; a transfer issued while suspended resumes it and runs; 20 ms
 * after the last transfer it autosuspends again. */
static const char *pm_file(struct kunit *test, const char *path)
{
	static char text[32];
	KUNIT_EXPECT_GT(test, read_file(path, text, sizeof text), 0);
	return text;
}

#define PL080_STATUS "/sys/devices/platform/soc/40030000.dma/power/runtime_status"
#define PL080_HCLK "/sys/kernel/debug/clk/dma0_clk/clk_enable_count"
#define PERIPH_PD "/sys/kernel/debug/pm_genpd/periph/current_state"

static void dmaengine_runtime_pm(struct kunit *test)
{
	struct device *ddev = pl080_dev(test);
	msleep(30);
	KUNIT_EXPECT_STREQ(test, pm_file(test, PL080_STATUS), "suspended\n");
	KUNIT_EXPECT_STREQ(test, pm_file(test, PL080_HCLK), "0\n");
	KUNIT_EXPECT_STREQ(test, pm_file(test, PERIPH_PD), "off-0\n");
	struct dma_chan *m = memcpy_chan(test);
	KUNIT_EXPECT_STREQ(test, pm_file(test, PL080_STATUS), "suspended\n");
	/* Issued while suspended: resumed, set up again, it runs. */
	u8 *src = buf_alloc(test, 256), *dst = buf_alloc(test, 256);
	for (int i = 0; i < 256; i++) {
		src[i] = (u8)(i * 7);
		dst[i] = 0;
	}
	dma_addr_t s = dma_map_single(ddev, src, 256, DMA_TO_DEVICE);
	dma_addr_t d = dma_map_single(ddev, dst, 256, DMA_FROM_DEVICE);
	struct dma_async_tx_descriptor *tx =
		dmaengine_prep_dma_memcpy(m, d, s, 256, DMA_PREP_INTERRUPT);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	struct ctx c;
	ctx_init(&c);
	submit_with(tx, &c);
	dma_async_issue_pending(m);
	KUNIT_EXPECT_TRUE(test, wait(&c));
	dma_unmap_single(ddev, s, 256, DMA_TO_DEVICE);
	dma_unmap_single(ddev, d, 256, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, memcmp(dst, src, 256), 0);
	kfree(src);
	kfree(dst);
	KUNIT_EXPECT_STREQ(test, pm_file(test, PL080_STATUS), "active\n");
	KUNIT_EXPECT_STREQ(test, pm_file(test, PL080_HCLK), "1\n");
	KUNIT_EXPECT_STREQ(test, pm_file(test, PERIPH_PD), "on\n");
	dma_release_channel(m);
	msleep(30);
	KUNIT_EXPECT_STREQ(test, pm_file(test, PL080_STATUS), "suspended\n");
	KUNIT_EXPECT_STREQ(test, pm_file(test, PERIPH_PD), "off-0\n");
	KUNIT_EXPECT_STREQ(test, pm_file(test, PL080_HCLK), "0\n");
}

static struct kunit_case dmaengine_cases[] = {
	KUNIT_CASE(dmaengine_memcpy),
	KUNIT_CASE(dmaengine_slave_sg),
	KUNIT_CASE(dmaengine_cyclic),
	KUNIT_CASE(dmaengine_more_channels_than_phys),
	KUNIT_CASE(dmaengine_error_aborts),
	KUNIT_CASE(dmaengine_summary),
	KUNIT_CASE(dmaengine_request_busy),
	KUNIT_CASE(dmaengine_runtime_pm),
	{ 0 },
};

static struct kunit_suite dmaengine_suite = {
	.name = "dmaengine",
	.suite_init = kunit_suite_init_latency_critical,
	.suite_exit = kunit_suite_exit_latency_critical,
	.test_cases = dmaengine_cases,
};
kunit_test_suite(dmaengine_suite);
