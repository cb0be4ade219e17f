/*
 * The sensor/ADC's IIO driver on the default SoC (suite "pmsim-adc"):
 *
 *  - its files under /sys/bus/iio/devices/iio:device0 and what they
 *    refuse (text: -EINVAL; changes while the buffer is enabled: -EBUSY);
 *  - single reads through the consumer API (by each of the names
 *    linux/iio/consumer.h accepts): the 12-bit sawtooth of DATA(k),
 *    consecutive samples while the device stays up;
 *  - runtime PM: suspended when idle with its clock gate closed and the
 *    periph domain off, active for a read, autosuspended 50 ms after;
 *  - streaming through the callback buffer at a set sampling_frequency:
 *    every word is DATA(k) from k = 0, the periods arrive at the rate (in
 *    simulated time), and after a stop nothing arrives and the DMA channel
 *    is released; a second start streams from sample 0 again;
 *  - the system-sleep callbacks stop streaming and start it again.
 *
 * Run under --coherency=fatal (tests/pmfw.cmake): the driver's syncs of
 * its ring are right or the run stops. On a SoC without the ADC (the MCU)
 * every case skips.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/iio/consumer.h>
#include <linux/iio/iio.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#define IIO "/sys/bus/iio/devices/iio:device0"
#define ADC_DEV "/sys/devices/platform/soc/40008000.adc"
#define ADC_STATUS ADC_DEV "/power/runtime_status"
#define ADC_CLK "/sys/kernel/debug/clk/adc0_clk/clk_enable_count"
#define PERIPH_PD "/sys/kernel/debug/pm_genpd/periph/current_state"
#define PL080_STATUS "/sys/devices/platform/soc/40030000.dma/power/runtime_status"

static char *buf;
#define BUF_SIZE 512

static u32 sample(u32 k)
{
	return (k & 0xffff) << 16 | ((16 * k) & 0xfff);
}

static int adc_test_init(struct kunit *test)
{
	buf = kzalloc(BUF_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	struct device_node *np = of_find_compatible_node(NULL, NULL, "pmsim,sensor");
	if (!np || kunit_read_file(IIO "/name", buf, BUF_SIZE) < 0)
		kunit_skip(test, "no ADC");
	return 0;
}

static void adc_test_exit(struct kunit *test)
{
	kunit_write_file(IIO "/buffer/enable", "0");
	kunit_write_file(IIO "/scan_elements/in_voltage0_en", "0");
	kunit_write_file(IIO "/sampling_frequency", "1000");
	kfree(buf);
	buf = NULL;
}

static const char *read_file(const char *path)
{
	if (kunit_read_file(path, buf, BUF_SIZE) < 0)
		buf[0] = '\0';
	return buf;
}

static void adc_sysfs(struct kunit *test)
{
	char target[96];
	struct kernfs_node *kn;
	KUNIT_ASSERT_EQ(test, kernfs_walk(IIO, false, &kn), 0);
	KUNIT_ASSERT_GT(test, kernfs_link_target(kn, target, sizeof target), 0);
	KUNIT_EXPECT_STREQ(test, target, "../../../devices/platform/soc/40008000.adc/iio:device0");
	KUNIT_EXPECT_STREQ(test, read_file(ADC_DEV "/iio:device0/name"), "pmsim-adc\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/in_voltage_scale"), "0.805664062\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/sampling_frequency"), "1000\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/scan_elements/in_voltage0_type"), "le:u12/32>>0\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/scan_elements/in_voltage0_index"), "0\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/scan_elements/in_voltage0_en"), "0\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/enable"), "0\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/length"), "2\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/watermark"), "1\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/data_available"), "0\n");

	/* Refused text and values. */
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/sampling_frequency", "fast"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/sampling_frequency", "0"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/sampling_frequency", "-5"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/enable", "maybe"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/watermark", "0"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/watermark", "3"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/length", "x"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/scan_elements/in_voltage0_en", "2"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/in_voltage0_raw", "1"), -EACCES);
	/* No scan element enabled: nothing to stream. */
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/enable", "1"), -EINVAL);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/enable"), "0\n");

	/* Accepted. */
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/sampling_frequency", "4000\n"), 5);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/sampling_frequency"), "4000\n");
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/length", "64"), 2);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/watermark", "8"), 1);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/scan_elements/in_voltage0_en", "1"), 1);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/enable", "1"), 1);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/enable"), "1\n");

	/* Enabled: no changes, no single reads. */
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/sampling_frequency", "1000"), -EBUSY);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/length", "32"), -EBUSY);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/watermark", "4"), -EBUSY);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/scan_elements/in_voltage0_en", "0"), -EBUSY);
	KUNIT_EXPECT_EQ(test, kunit_read_file(IIO "/in_voltage0_raw", buf, BUF_SIZE), -EBUSY);
	/* 20 ms at 4 kHz: the buffer fills with 64 of the 80 samples (one
	 * period at least has arrived). */
	msleep(40);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/data_available"), "64\n");
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/enable", "0"), 1);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/enable"), "0\n");
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/length", "2"), 1);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/watermark"), "2\n");
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/watermark", "1"), 1);
}

static void adc_single_read(struct kunit *test)
{
	struct iio_channel *ch = iio_channel_get(NULL, "iio:device0");
	KUNIT_ASSERT_FALSE(test, IS_ERR(ch));
	int a = -1, b = -1;
	KUNIT_EXPECT_EQ(test, iio_read_channel_raw(ch, &a), 0);
	KUNIT_EXPECT_EQ(test, iio_read_channel_raw(ch, &b), 0);
	/* The sawtooth: multiples of 16 below 4096, one sample apart. */
	KUNIT_EXPECT_EQ(test, a % 16, 0);
	KUNIT_EXPECT_LT(test, a, 4096);
	KUNIT_EXPECT_EQ(test, b, (a + 16) % 4096);
	int mv = -1;
	KUNIT_EXPECT_EQ(test, iio_read_channel_processed(ch, &mv), 0);
	KUNIT_EXPECT_EQ(test, mv, ((b + 16) % 4096) * 3300 >> 12);
	enum iio_chan_type type;
	KUNIT_EXPECT_EQ(test, iio_get_channel_type(ch, &type), 0);
	KUNIT_EXPECT_EQ(test, type, IIO_VOLTAGE);
	iio_channel_release(ch);

	/* The other names of the device and its channel. */
	static const char *const names[] = { "pmsim-adc", "40008000.adc", "iio:device0:voltage0",
					     "pmsim-adc:vin" };
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		ch = iio_channel_get(NULL, names[i]);
		KUNIT_EXPECT_FALSE(test, IS_ERR(ch));
		if (!IS_ERR(ch)) {
			KUNIT_EXPECT_EQ(test, iio_read_channel_raw(ch, &a), 0);
			iio_channel_release(ch);
		}
	}
	KUNIT_EXPECT_EQ(test, PTR_ERR(iio_channel_get(NULL, "iio:device9")), -ENODEV);
	KUNIT_EXPECT_EQ(test, PTR_ERR(iio_channel_get(NULL, "iio:device0:current0")), -ENODEV);
	KUNIT_EXPECT_EQ(test, PTR_ERR(iio_channel_get(NULL, NULL)), -ENODEV);
}

/* The device's runtime status once the periph domain had time to settle
 * (the PL080 autosuspends 20 ms after its last channel goes). */
static void adc_runtime_pm(struct kunit *test)
{
	msleep(80);
	KUNIT_EXPECT_STREQ(test, read_file(ADC_STATUS), "suspended\n");
	KUNIT_EXPECT_STREQ(test, read_file(ADC_CLK), "0\n");
	KUNIT_EXPECT_STREQ(test, read_file(PERIPH_PD), "off-0\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/in_voltage0_raw"), "0\n"); /* the domain was off */
	KUNIT_EXPECT_STREQ(test, read_file(ADC_STATUS), "active\n");
	KUNIT_EXPECT_STREQ(test, read_file(ADC_CLK), "1\n");
	KUNIT_EXPECT_STREQ(test, read_file(PERIPH_PD), "on\n");
	msleep(40);
	KUNIT_EXPECT_STREQ(test, read_file(ADC_STATUS), "active\n");
	msleep(20);
	KUNIT_EXPECT_STREQ(test, read_file(ADC_STATUS), "suspended\n");
	KUNIT_EXPECT_STREQ(test, read_file(ADC_CLK), "0\n");
	KUNIT_EXPECT_STREQ(test, read_file(PERIPH_PD), "off-0\n");
}

struct stream {
	struct completion done;
	unsigned int n, want, bad;
	u32 first_bad, first_bad_at;
	s64 t16, tlast; /* when scans 16 and `want` arrived */
	bool atomic;
};

static int stream_cb(const void *data, void *private)
{
	struct stream *s = private;
	u32 w = *(const u32 *)data;
	if (w != sample(s->n) && !s->bad++) {
		s->first_bad = w;
		s->first_bad_at = s->n;
	}
	s->atomic |= in_serving_softirq();
	s->n++;
	if (s->n == 16)
		s->t16 = ktime_get();
	if (s->n == s->want) {
		s->tlast = ktime_get();
		complete(&s->done);
	}
	return 0;
}

static void stream_check(struct kunit *test, struct stream *s)
{
	KUNIT_EXPECT_EQ(test, s->bad, 0);
	if (s->bad)
		KUNIT_FAIL(test, "scan %u is 0x%08x, not 0x%08x", s->first_bad_at, s->first_bad,
			   sample(s->first_bad_at));
}

static struct device *adc_device(struct kunit *test)
{
	struct device_node *np = of_find_compatible_node(NULL, NULL, "pmsim,sensor");
	struct platform_device *pdev = of_find_device_by_node(np);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	return &pdev->dev;
}

static bool adc_dma_held(void)
{
	static char text[256];
	return kunit_read_file("/sys/kernel/debug/dmaengine/summary", text, sizeof text) > 0 &&
	       strstr(text, "40008000.adc:rx");
}

static void adc_stream(struct kunit *test)
{
	struct iio_channel *ch = iio_channel_get(NULL, "iio:device0");
	KUNIT_ASSERT_FALSE(test, IS_ERR(ch));
	KUNIT_EXPECT_EQ(test, iio_write_channel_attribute(ch, 2000, 0, IIO_CHAN_INFO_SAMP_FREQ), 0);
	iio_channel_release(ch);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/sampling_frequency"), "2000\n");

	struct stream *s = kzalloc(sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	init_completion(&s->done);
	s->want = 320;
	/* The consumer names the ADC's device: its IIO device's channels. */
	struct iio_cb_buffer *cb = iio_channel_get_all_cb(adc_device(test), stream_cb, s);
	KUNIT_ASSERT_FALSE(test, IS_ERR(cb));
	KUNIT_EXPECT_EQ(test, iio_channel_cb_set_buffer_watermark(cb, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, iio_channel_cb_set_buffer_watermark(cb, 16), 0);
	KUNIT_EXPECT_STREQ(test, iio_channel_cb_get_iio_dev(cb)->name, "pmsim-adc");
	KUNIT_EXPECT_FALSE(test, adc_dma_held());
	s64 t0 = ktime_get();
	KUNIT_ASSERT_EQ(test, iio_channel_start_all_cb(cb), 0);
	KUNIT_EXPECT_TRUE(test, adc_dma_held());
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/enable"), "0\n"); /* its own buffer */
	KUNIT_EXPECT_STREQ(test, read_file(ADC_STATUS), "active\n");
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&s->done, msecs_to_jiffies(500)));
	iio_channel_stop_all_cb(cb);
	unsigned int n = s->n;
	KUNIT_EXPECT_FALSE(test, adc_dma_held());
	stream_check(test, s);
	KUNIT_EXPECT_TRUE(test, s->atomic);
	/* Periods of 16 at 2 kHz: scan 16 within 8 ms (and the resume) of the
	 * start, then 304 more samples in 152 ms. */
	KUNIT_EXPECT_GE(test, s->t16 - t0, 8 * NSEC_PER_MSEC);
	KUNIT_EXPECT_LT(test, s->t16 - t0, 12 * NSEC_PER_MSEC);
	KUNIT_EXPECT_GE(test, s->tlast - s->t16, 152 * NSEC_PER_MSEC - 100 * NSEC_PER_USEC);
	KUNIT_EXPECT_LT(test, s->tlast - s->t16, 152 * NSEC_PER_MSEC + 500 * NSEC_PER_USEC);
	msleep(20);
	KUNIT_EXPECT_EQ(test, s->n, n); /* nothing after the stop */

	/* Again: from sample 0, at the same rate. */
	reinit_completion(&s->done);
	s->n = 0;
	s->bad = 0;
	s->want = 64;
	KUNIT_ASSERT_EQ(test, iio_channel_start_all_cb(cb), 0);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&s->done, msecs_to_jiffies(500)));
	iio_channel_stop_all_cb(cb);
	stream_check(test, s);
	iio_channel_release_all_cb(cb);
	kfree(s);
	/* Idle again: the ADC autosuspends, its clock gated. */
	msleep(60);
	KUNIT_EXPECT_STREQ(test, read_file(ADC_STATUS), "suspended\n");
	KUNIT_EXPECT_STREQ(test, read_file(ADC_CLK), "0\n");
}

/* A consumer streaming and the device's own buffer at once: both get
 * every scan, the full kfifo (16 scans) does not stop the consumer's. */
static void adc_stream_shared(struct kunit *test)
{
	struct stream *s = kzalloc(sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	init_completion(&s->done);
	s->want = 48;
	struct iio_cb_buffer *cb = iio_channel_get_all_cb(NULL, stream_cb, s);
	KUNIT_ASSERT_FALSE(test, IS_ERR(cb));
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/length", "16"), 2);
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/scan_elements/in_voltage0_en", "1"), 1);
	KUNIT_ASSERT_EQ(test, kunit_write_file(IIO "/buffer/enable", "1"), 1);
	msleep(30);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/data_available"), "16\n");
	/* Enabling another buffer restarts the device: its buffer starts
	 * empty, the stream from sample 0. */
	KUNIT_ASSERT_EQ(test, iio_channel_start_all_cb(cb), 0);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/data_available"), "0\n");
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&s->done, msecs_to_jiffies(500)));
	iio_channel_stop_all_cb(cb);
	stream_check(test, s);
	/* Its own buffer streams on (restarted: empty, then full again). */
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/enable"), "1\n");
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/data_available"), "0\n");
	msleep(30);
	KUNIT_EXPECT_STREQ(test, read_file(IIO "/buffer/data_available"), "16\n");
	KUNIT_EXPECT_TRUE(test, adc_dma_held()); /* its own buffer still streams */
	KUNIT_EXPECT_EQ(test, kunit_write_file(IIO "/buffer/enable", "0"), 1);
	KUNIT_EXPECT_FALSE(test, adc_dma_held());
	kunit_write_file(IIO "/buffer/length", "2");
	iio_channel_release_all_cb(cb);
	kfree(s);
}

/* The system-sleep callbacks (what the suspend sequence calls, here
 * called directly): streaming stops, the device is suspended with its
 * clock gated and the DMA channel released; on resume it streams again,
 * from sample 0. */
static void adc_system_sleep(struct kunit *test)
{
	struct device *dev = adc_device(test);
	const struct dev_pm_ops *pm = dev->driver->pm;
	KUNIT_ASSERT_TRUE(test, pm && pm->suspend && pm->resume);
	struct stream *s = kzalloc(sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	init_completion(&s->done);
	s->want = 32;
	struct iio_cb_buffer *cb = iio_channel_get_all_cb(dev, stream_cb, s);
	KUNIT_ASSERT_FALSE(test, IS_ERR(cb));
	KUNIT_ASSERT_EQ(test, iio_channel_start_all_cb(cb), 0);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&s->done, msecs_to_jiffies(500)));

	KUNIT_EXPECT_EQ(test, pm->suspend(dev), 0);
	/* (runtime PM disabled until resume: the file says "unsupported") */
	KUNIT_EXPECT_TRUE(test, pm_runtime_status_suspended(dev));
	KUNIT_EXPECT_STREQ(test, read_file(ADC_CLK), "0\n");
	KUNIT_EXPECT_FALSE(test, adc_dma_held());
	unsigned int n = s->n;
	msleep(20);
	KUNIT_EXPECT_EQ(test, s->n, n);
	stream_check(test, s);

	reinit_completion(&s->done);
	s->n = 0;
	s->want = 32;
	KUNIT_EXPECT_EQ(test, pm->resume(dev), 0);
	KUNIT_EXPECT_STREQ(test, read_file(ADC_STATUS), "active\n");
	KUNIT_EXPECT_TRUE(test, adc_dma_held());
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&s->done, msecs_to_jiffies(500)));
	stream_check(test, s);
	iio_channel_stop_all_cb(cb);
	iio_channel_release_all_cb(cb);
	kfree(s);
	msleep(60);
	KUNIT_EXPECT_STREQ(test, read_file(ADC_STATUS), "suspended\n");
}

static struct kunit_case adc_cases[] = {
	KUNIT_CASE(adc_sysfs),
	KUNIT_CASE(adc_single_read),
	KUNIT_CASE(adc_runtime_pm),
	KUNIT_CASE(adc_stream),
	KUNIT_CASE(adc_stream_shared),
	KUNIT_CASE(adc_system_sleep),
	{ 0 },
};

static struct kunit_suite adc_suite = {
	.name = "pmsim-adc",
	.init = adc_test_init,
	.exit = adc_test_exit,
	.test_cases = adc_cases,
};
kunit_test_suite(adc_suite);
