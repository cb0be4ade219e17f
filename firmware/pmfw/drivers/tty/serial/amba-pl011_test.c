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
#include <linux/of.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/tty.h>

#define BAUD 115200
#define LINE "    # pl011_follows_its_clock: 0123456789abcdefghijklmnopqrstuvwxyz\n"

/* The line rate, from the time `LINE` takes to go out (10 bits a
 * character: 8N1). */
static unsigned long long measured_baud(struct tty_struct *tty)
{
	tty_wait_until_sent(tty, 0);
	ktime_t t0 = ktime_get();
	tty_kwrite(tty, LINE, strlen(LINE));
	tty_wait_until_sent(tty, 0);
	s64 ns = ktime_get() - t0;
	return ns > 0 ? strlen(LINE) * 10ULL * NSEC_PER_SEC / (u64)ns : 0;
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
	.test_cases = pl011_cases,
};
kunit_test_suite(pl011_suite);
