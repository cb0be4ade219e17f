/*
 * The console PL011 follows its clock: with the clock above the UART's
 * gate (the default SoC's peripheral divider) halved through the clk
 * framework, the driver reprograms the divisor and the line keeps its
 * 115200 baud, measured in simulated time as the time a line of text
 * takes to go out through the tty; a rate the divisor cannot make 115200
 * baud from is refused (-EBUSY) and nothing changes. Where the UART's
 * clock has no rate to change (the MCU: straight from its oscillator) the
 * case is skipped.
 */
#include <kunit/test.h>
#include <linux/clk.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kernfs.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/tty.h>
#include <linux/uio.h>

#define BAUD 115200
#define LINE "    # pl011_follows_its_clock: 0123456789abcdefghijklmnopqrstuvwxyz\n"

/* The line rate, from the time `LINE` (three times) takes to go out (10
 * bits a character: 8N1); three lines, so that the wake-up after the
 * last character (tens of µs at the boot clock) stays well under 1 %. */
static unsigned long long measured_baud(struct tty_struct *tty)
{
	tty_wait_until_sent(tty, 0);
	ktime_t t0 = ktime_get();
	for (int i = 0; i < 3; i++)
		tty_kwrite(tty, LINE, strlen(LINE));
	tty_wait_until_sent(tty, 0);
	s64 ns = ktime_get() - t0;
	return ns > 0 ? 3 * strlen(LINE) * 10ULL * NSEC_PER_SEC / (u64)ns : 0;
}

static void pl011_follows_its_clock(struct kunit *test)
{
	KUNIT_ASSERT_NOT_NULL(test, of_stdout);
	struct clk *uartclk = of_clk_get(of_stdout, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(uartclk));
	struct clk *src = clk_get_parent(uartclk);
	unsigned long rate = clk_get_rate(uartclk);
	if (!src || clk_round_rate(src, rate / 2) != (long)(rate / 2)) {
		clk_put(uartclk);
		kunit_skip(test, "the UART's clock has no rate to change");
	}
	struct tty_struct *tty = tty_kopen_console();
	KUNIT_ASSERT_NOT_NULL(test, tty);

	unsigned long long before = measured_baud(tty);
	KUNIT_EXPECT_GT(test, before, BAUD * 99ULL / 100);
	KUNIT_EXPECT_LT(test, before, BAUD * 101ULL / 100);

	/* Half the clock: the divisor halves, the line rate stays. */
	KUNIT_ASSERT_EQ(test, clk_set_rate(src, rate / 2), 0);
	KUNIT_EXPECT_EQ(test, clk_get_rate(uartclk), rate / 2);
	unsigned long long after = measured_baud(tty);
	KUNIT_EXPECT_GT(test, after, BAUD * 99ULL / 100);
	KUNIT_EXPECT_LT(test, after, BAUD * 101ULL / 100);

	/* Too slow for 115200 baud (the divisor's integer part would be 0):
	 * the UART refuses, the rate stays. */
	KUNIT_EXPECT_EQ(test, clk_set_rate(src, 1000000), -EBUSY);
	KUNIT_EXPECT_EQ(test, clk_get_rate(uartclk), rate / 2);

	KUNIT_EXPECT_EQ(test, clk_set_rate(src, rate), 0);
	unsigned long long back = measured_baud(tty);
	KUNIT_EXPECT_GT(test, back, BAUD * 99ULL / 100);
	KUNIT_EXPECT_LT(test, back, BAUD * 101ULL / 100);
	tty_kclose(tty);
	clk_put(uartclk);
}

static struct kunit_case pl011_cases[] = {
	KUNIT_CASE(pl011_follows_its_clock),
	{ 0 },
};

static struct kunit_suite pl011_suite = {
	.name = "pl011",
	.suite_init = kunit_suite_init_latency_critical,
	.suite_exit = kunit_suite_exit_latency_critical,
	.test_cases = pl011_cases,
};

/*
 * pl011-dma: the console tty's transmit path. Where the UART's node has a
 * "tx" DMA channel (the default SoC), a write of 4 KiB goes through the
 * PL080: the channel shows in the dmaengine summary while the tty is
 * open, the driver's counters (/sys/kernel/debug/<device>/) say how many
 * transfers carried how many bytes, every byte is counted sent, and
 * DMA-API debug has nothing to say. Without one (the MCU) the same write
 * goes by interrupt. A write below half the FIFO goes by interrupt on
 * both. A printk in the middle of a transfer (from a timer) waits for the
 * transfer in flight and goes out whole. The blocks written are a known
 * pattern that tests/scripts/pmfw_pl011_dma.py finds intact, and in
 * order, in what the host received.
 */
#define BLOCK_LINES 64
#define LINE_LEN 64 /* "    # pl011-dma X00 " then the pattern, then "\n" */
#define BLOCK_SIZE (BLOCK_LINES * LINE_LEN)
#define MARKER "pl011-dma: a console line in the middle of a transfer"

static const char pattern_chars[] =
	"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

static char *make_block(struct kunit *test, char tag)
{
	char *b = kmalloc(BLOCK_SIZE + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	for (int i = 0; i < BLOCK_LINES; i++) {
		char *l = b + i * LINE_LEN;
		int n = snprintf(l, LINE_LEN, "    # pl011-dma %c%02d ", tag, i);
		for (int j = n; j < LINE_LEN - 1; j++)
			l[j] = pattern_chars[(i * 7 + j) % (sizeof pattern_chars - 1)];
		l[LINE_LEN - 1] = '\n';
	}
	b[BLOCK_SIZE] = '\0';
	return b;
}

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

struct pl011_counts {
	u32 tx, transfers, bytes;
};

static u32 read_u32(struct kunit *test, const char *dir, const char *name)
{
	char path[96], text[16];
	unsigned int v = 0;
	snprintf(path, sizeof path, "/sys/kernel/debug/%s/%s", dir, name);
	KUNIT_EXPECT_GT(test, read_file(path, text, sizeof text), 0);
	KUNIT_EXPECT_EQ(test, kstrtouint(strim(text), 10, &v), 0);
	return v;
}

static struct pl011_counts counts(struct kunit *test, const char *dev)
{
	return (struct pl011_counts){
		.tx = read_u32(test, dev, "tx"),
		.transfers = read_u32(test, dev, "dma_tx_transfers"),
		.bytes = read_u32(test, dev, "dma_tx_bytes"),
	};
}

/* Whether the summary lists the UART's TX channel. */
static bool summary_has(struct kunit *test, const char *client)
{
	char *buf = kmalloc(1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	bool found = read_file("/sys/kernel/debug/dmaengine/summary", buf, 1024) >= 0 &&
		     strstr(buf, client);
	kfree(buf);
	return found;
}

struct pl011_dma_ctx {
	struct tty_struct *tty;
	const char *dev; /* the console UART's device name */
	bool has_tx_dma;
	unsigned long dma_errors; /* DMA-API debug's count when the case began */
};

static unsigned long dma_api_errors(struct kunit *test)
{
	char text[16];
	unsigned long n = 0;
	KUNIT_EXPECT_GT(test, read_file("/sys/kernel/debug/dma-api/error_count", text, sizeof text),
			0);
	KUNIT_EXPECT_EQ(test, kstrtoul(text, 10, &n), 0);
	return n;
}

static int pl011_dma_init(struct kunit *test)
{
	static struct pl011_dma_ctx ctx;
	struct pl011_dma_ctx *c = &ctx;
	memset(c, 0, sizeof *c);
	test->priv = c;
	KUNIT_ASSERT_NOT_NULL(test, of_stdout);
	struct platform_device *pdev = of_find_device_by_node(of_stdout);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	c->dev = dev_name(&pdev->dev);
	platform_device_put(pdev);
	c->has_tx_dma = of_property_match_string(of_stdout, "dma-names", "tx") >= 0;
	c->tty = tty_kopen_console();
	KUNIT_ASSERT_NOT_NULL(test, c->tty);
	tty_wait_until_sent(c->tty, 0);
	c->dma_errors = dma_api_errors(test);
	return 0;
}

static void pl011_dma_exit(struct kunit *test)
{
	struct pl011_dma_ctx *c = test->priv;
	if (c && c->tty)
		tty_kclose(c->tty);
}

/* DMA-API debug found nothing wrong during the case (other suites of the
 * same run may have made it count their deliberate errors before). */
static void check_dma_api_clean(struct kunit *test)
{
	struct pl011_dma_ctx *c = test->priv;
	KUNIT_EXPECT_EQ(test, dma_api_errors(test), c->dma_errors);
}

/* 4 KiB through the tty: by DMA where the UART has a TX channel, in
 * transfers of at most the transmit buffer (256 bytes) less one; all of
 * it sent. */
static void pl011_dma_tx_large(struct kunit *test)
{
	struct pl011_dma_ctx *c = test->priv;
	char client[48];
	snprintf(client, sizeof client, "| %s:tx\n", c->dev);
	KUNIT_EXPECT_EQ(test, summary_has(test, client), c->has_tx_dma);
	char *b = make_block(test, 'A');
	struct pl011_counts before = counts(test, c->dev);
	KUNIT_EXPECT_EQ(test, tty_kwrite(c->tty, b, BLOCK_SIZE), (ssize_t)BLOCK_SIZE);
	tty_wait_until_sent(c->tty, 0);
	struct pl011_counts after = counts(test, c->dev);
	kfree(b);
	KUNIT_EXPECT_EQ(test, after.tx - before.tx, (u32)BLOCK_SIZE);
	if (c->has_tx_dma) {
		KUNIT_EXPECT_GE(test, after.transfers - before.transfers, (u32)(BLOCK_SIZE / 255));
		/* The CPU primes the FIFO and sends each stream's last byte. */
		KUNIT_EXPECT_GT(test, after.bytes - before.bytes, (u32)(BLOCK_SIZE * 3 / 4));
	} else {
		KUNIT_EXPECT_EQ(test, after.transfers, before.transfers);
		KUNIT_EXPECT_EQ(test, after.bytes, before.bytes);
	}
	check_dma_api_clean(test);
	/* Closed, the tty gives its channel back (if no one else has it open). */
	if (c->tty->count == 1) {
		tty_kclose(c->tty);
		c->tty = NULL;
		KUNIT_EXPECT_FALSE(test, summary_has(test, client));
	}
}

/* Less than half the FIFO: by interrupt, on every SoC. */
static void pl011_dma_tx_small(struct kunit *test)
{
	struct pl011_dma_ctx *c = test->priv;
	struct pl011_counts before = counts(test, c->dev);
	KUNIT_EXPECT_EQ(test, tty_kwrite(c->tty, "    #\n", 6), 6);
	tty_wait_until_sent(c->tty, 0);
	struct pl011_counts after = counts(test, c->dev);
	KUNIT_EXPECT_EQ(test, after.tx - before.tx, 6u);
	KUNIT_EXPECT_EQ(test, after.transfers, before.transfers);
	KUNIT_EXPECT_EQ(test, after.bytes, before.bytes);
}

static struct timer_list marker_timer;

static void marker_fn(struct timer_list *t)
{
	(void)t;
	pr_info(MARKER "\n");
}

/* A printk from a timer while the tty's 4 KiB go out: the console line
 * is whole, and the block is intact around it (the script checks). */
static void pl011_dma_console_during_tx(struct kunit *test)
{
	struct pl011_dma_ctx *c = test->priv;
	char *b = make_block(test, 'B');
	struct pl011_counts before = counts(test, c->dev);
	timer_setup(&marker_timer, marker_fn, 0);
	/* 4 KiB take 356 ms at 115200 baud: a third of the way. */
	mod_timer(&marker_timer, jiffies + msecs_to_jiffies(120));
	KUNIT_EXPECT_EQ(test, tty_kwrite(c->tty, b, BLOCK_SIZE), (ssize_t)BLOCK_SIZE);
	tty_wait_until_sent(c->tty, 0);
	timer_delete_sync(&marker_timer);
	struct pl011_counts after = counts(test, c->dev);
	kfree(b);
	KUNIT_EXPECT_EQ(test, after.tx - before.tx, (u32)BLOCK_SIZE);
	if (c->has_tx_dma)
		KUNIT_EXPECT_GT(test, after.transfers, before.transfers);
	check_dma_api_clean(test);
}

/* The tty closed with a transfer in flight: the channel is terminated
 * and released, the buffer unmapped once (DMA-API debug counts no error
 * and keeps no mapping of the controller's), and the next open transmits
 * by DMA again. Skipped when the tty is open elsewhere (`kunit run` from
 * the shell). */
static void pl011_dma_close_in_flight(struct kunit *test)
{
	struct pl011_dma_ctx *c = test->priv;
	if (c->tty->count != 1)
		kunit_skip(test, "the console's tty is open elsewhere");
	char *b = make_block(test, 'C');
	/* Three lines and an empty one: a transfer, and bytes left for the
	 * interrupt path when it ends (the close may drop those). */
	b[3 * LINE_LEN] = '\n';
	KUNIT_EXPECT_EQ(test, tty_kwrite(c->tty, b, 3 * LINE_LEN + 1), (ssize_t)(3 * LINE_LEN + 1));
	kfree(b);
	tty_kclose(c->tty);
	c->tty = NULL;
	char client[48];
	snprintf(client, sizeof client, "| %s:tx\n", c->dev);
	KUNIT_EXPECT_FALSE(test, summary_has(test, client));
	check_dma_api_clean(test);
	char *dump = kmalloc(1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dump);
	KUNIT_EXPECT_GE(test, read_file("/sys/kernel/debug/dma-api/dump", dump, 1024), 0);
	KUNIT_EXPECT_NULL(test, strstr(dump, "DMA_TO_DEVICE"));
	kfree(dump);

	c->tty = tty_kopen_console();
	KUNIT_ASSERT_NOT_NULL(test, c->tty);
	KUNIT_EXPECT_EQ(test, summary_has(test, client), c->has_tx_dma);
	struct pl011_counts before = counts(test, c->dev);
	b = make_block(test, 'D');
	KUNIT_EXPECT_EQ(test, tty_kwrite(c->tty, b, 2 * LINE_LEN), (ssize_t)(2 * LINE_LEN));
	kfree(b);
	tty_wait_until_sent(c->tty, 0);
	struct pl011_counts after = counts(test, c->dev);
	KUNIT_EXPECT_EQ(test, after.tx - before.tx, (u32)(2 * LINE_LEN));
	KUNIT_EXPECT_EQ(test, after.transfers > before.transfers, c->has_tx_dma);
}

static struct kunit_case pl011_dma_cases[] = {
	KUNIT_CASE(pl011_dma_tx_large),
	KUNIT_CASE(pl011_dma_tx_small),
	KUNIT_CASE(pl011_dma_console_during_tx),
	KUNIT_CASE(pl011_dma_close_in_flight),
	{ 0 },
};

static struct kunit_suite pl011_dma_suite = {
	.name = "pl011-dma",
	.init = pl011_dma_init,
	.exit = pl011_dma_exit,
	.test_cases = pl011_dma_cases,
};

kunit_test_suites(&pl011_suite, &pl011_dma_suite);
