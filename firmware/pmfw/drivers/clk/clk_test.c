/*
 * The clk framework on the simulated SoC (after Linux's
 * drivers/clk/clk_test.c), on whichever SoC pmfw booted: the clocks are
 * found through the device tree (the console UART's `clocks`, the cpu
 * node's), and the hardware is read back through the CMU's registers
 * (clk_hw_is_enabled asks the gate), so the counts are checked against
 * what the simulated clocks really do.
 */
#include <kunit/test.h>
#include <linux/clk-provider.h>
#include <linux/clk.h>
#include <linux/err.h>
#include <linux/of.h>

#include "clk.h"

static struct clk *uart_clk(struct kunit *test)
{
	KUNIT_ASSERT_NOT_NULL(test, of_stdout);
	struct clk *c = of_clk_get(of_stdout, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c);
	return c;
}

/* Another gate on the same divider as the UART's, not in use. */
static struct clk *sibling_gate(struct kunit *test, struct clk *uart)
{
	struct clk_hw *div = clk_hw_get_parent(__clk_get_hw(uart));
	KUNIT_ASSERT_NOT_NULL(test, div);
	struct device_node *np;
	for_each_of_allnodes(np) {
		/* Consumers only: not the clock providers' own outputs. */
		if (!of_device_is_available(np) || np == of_stdout ||
		    of_clk_get_parent_count(np) == 0 ||
		    of_property_present(np, "#clock-cells") ||
		    (np->parent && of_property_present(np->parent, "#clock-cells")))
			continue;
		struct clk *c = of_clk_get(np, 0);
		if (IS_ERR(c))
			continue;
		struct clk_hw *hw = __clk_get_hw(c);
		if (clk_hw_get_parent(hw) == div && hw != __clk_get_hw(uart) &&
		    !clk_hw_is_prepared(hw) && hw->init && hw->init->ops->enable)
			return c;
		clk_put(c);
	}
	kunit_skip(test, "no second gate on the UART's divider");
	return NULL;
}

static void clk_enable_counts(struct kunit *test)
{
	struct clk *u = uart_clk(test), *g = sibling_gate(test, u);
	struct clk_hw *hw = __clk_get_hw(g);
	KUNIT_EXPECT_FALSE(test, clk_hw_is_enabled(hw));
	KUNIT_ASSERT_EQ(test, clk_prepare_enable(g), 0);
	KUNIT_ASSERT_EQ(test, clk_prepare_enable(g), 0);
	KUNIT_EXPECT_TRUE(test, clk_hw_is_enabled(hw));
	clk_disable_unprepare(g);
	KUNIT_EXPECT_TRUE(test, clk_hw_is_enabled(hw)); /* one user left */
	clk_disable_unprepare(g);
	KUNIT_EXPECT_FALSE(test, clk_hw_is_enabled(hw)); /* gated in the CMU */
	KUNIT_EXPECT_FALSE(test, clk_hw_is_prepared(hw));
	/* Enabling without preparing is refused, as Linux does. */
	KUNIT_EXPECT_EQ(test, clk_enable(g), -ESHUTDOWN);
	clk_put(g);
	clk_put(u);
}

static unsigned long seen_pre, seen_post, seen_abort, seen_old, seen_new;
static int veto;

static int rate_cb(struct notifier_block *nb, unsigned long msg, void *data)
{
	struct clk_notifier_data *d = data;
	seen_old = d->old_rate;
	seen_new = d->new_rate;
	if (msg == PRE_RATE_CHANGE) {
		seen_pre++;
		return veto ? NOTIFY_BAD : NOTIFY_OK;
	}
	if (msg == POST_RATE_CHANGE)
		seen_post++;
	if (msg == ABORT_RATE_CHANGE)
		seen_abort++;
	return NOTIFY_OK;
}

static void clk_rate_propagates_down(struct kunit *test)
{
	struct clk *u = uart_clk(test);
	struct clk *div = clk_get_parent(u);
	KUNIT_ASSERT_NOT_NULL(test, div);
	unsigned long rate = clk_get_rate(div), urate = clk_get_rate(u);
	KUNIT_ASSERT_GT(test, rate, 0);
	if (clk_round_rate(div, rate / 2) != (long)(rate / 2))
		kunit_skip(test, "the UART's clock comes from a fixed rate");
	KUNIT_EXPECT_EQ(test, urate, rate); /* a gate passes its parent's rate */
	struct notifier_block nb = { .notifier_call = rate_cb };
	KUNIT_ASSERT_EQ(test, clk_notifier_register(u, &nb), 0);
	seen_pre = seen_post = seen_abort = 0;
	veto = 0;
	KUNIT_ASSERT_EQ(test, clk_set_rate(div, rate / 2), 0);
	KUNIT_EXPECT_EQ(test, clk_get_rate(div), rate / 2);
	KUNIT_EXPECT_EQ(test, clk_get_rate(u), rate / 2);
	KUNIT_EXPECT_EQ(test, seen_pre, 1);
	KUNIT_EXPECT_EQ(test, seen_post, 1);
	KUNIT_EXPECT_EQ(test, seen_old, rate);
	KUNIT_EXPECT_EQ(test, seen_new, rate / 2);
	/* Asking the gate for a rate moves its divider (CLK_SET_RATE_PARENT). */
	KUNIT_ASSERT_EQ(test, clk_set_rate(u, rate), 0);
	KUNIT_EXPECT_EQ(test, clk_get_rate(div), rate);
	/* A veto leaves everything as it was and tells the others. */
	veto = 1;
	KUNIT_EXPECT_EQ(test, clk_set_rate(div, rate / 4), -EBUSY);
	KUNIT_EXPECT_EQ(test, clk_get_rate(div), rate);
	KUNIT_EXPECT_EQ(test, clk_get_rate(u), rate);
	veto = 0;
	KUNIT_EXPECT_EQ(test, clk_notifier_unregister(u, &nb), 0);
	/* Rounding: a divider only divides. */
	KUNIT_EXPECT_EQ(test, clk_round_rate(div, rate * 2), rate);
	KUNIT_EXPECT_EQ(test, clk_round_rate(div, rate / 3), rate / 3);
	clk_put(u);
}

static void clk_reparent_moves_counts(struct kunit *test)
{
	struct device_node *cpus = of_find_node_by_path("/cpus");
	struct device_node *cpu = of_get_next_child(cpus, NULL);
	struct clk *mux = cpu ? of_clk_get(cpu, 0) : ERR_PTR(-ENOENT);
	if (IS_ERR(mux))
		kunit_skip(test, "the cpu has no clock");
	struct clk_hw *mhw = __clk_get_hw(mux);
	if (clk_hw_get_num_parents(mhw) < 2)
		kunit_skip(test, "the cpu clock is not a mux");
	struct clk_hw *osc = clk_hw_get_parent(mhw), *pll = clk_hw_get_parent_by_index(mhw, 1);
	KUNIT_ASSERT_NOT_NULL(test, pll);
	KUNIT_ASSERT_PTR_NE(test, osc, pll);
	struct clk *pllc = clk_hw_get_clk(pll, "test"), *oscc = clk_hw_get_clk(osc, "test");
	unsigned long f0 = clk_get_rate(mux);
	/* The core keeps running: hold the mux as a user would. */
	KUNIT_ASSERT_EQ(test, clk_prepare_enable(mux), 0);
	long want = clk_round_rate(pllc, 2 * f0);
	KUNIT_ASSERT_GT(test, want, 0);
	KUNIT_ASSERT_EQ(test, clk_set_rate(pllc, (unsigned long)want), 0);
	KUNIT_EXPECT_FALSE(test, clk_hw_is_prepared(pll));
	KUNIT_ASSERT_EQ(test, clk_set_parent(mux, pllc), 0);
	KUNIT_EXPECT_TRUE(test, clk_hw_is_prepared(pll)); /* locked before the switch */
	KUNIT_EXPECT_EQ(test, clk_get_rate(mux), (unsigned long)want);
	KUNIT_EXPECT_TRUE(test, clk_has_parent(mux, pllc));
	KUNIT_ASSERT_EQ(test, clk_set_parent(mux, oscc), 0);
	KUNIT_EXPECT_EQ(test, clk_get_rate(mux), f0);
	KUNIT_EXPECT_FALSE(test, clk_hw_is_prepared(pll)); /* released: the PLL is off */
	clk_disable_unprepare(mux);
	clk_put(pllc);
	clk_put(oscc);
	clk_put(mux);
}

static void clk_unused_gated_at_late_init(struct kunit *test)
{
	struct clk *u = uart_clk(test), *g = sibling_gate(test, u);
	struct clk_hw *hw = __clk_get_hw(g);
	/* Open in the hardware, as a boot loader might leave it, but
	 * enabled by nobody. */
	KUNIT_ASSERT_EQ(test, hw->init->ops->enable(hw), 0);
	KUNIT_ASSERT_TRUE(test, clk_hw_is_enabled(hw));
	KUNIT_ASSERT_EQ(test, clk_prepare_enable(u), 0);
	struct clk_hw *uhw = __clk_get_hw(u);
	clk_disable_unused();
	KUNIT_EXPECT_FALSE(test, clk_hw_is_enabled(hw));
	KUNIT_EXPECT_TRUE(test, clk_hw_is_enabled(uhw)); /* in use */
	clk_disable_unprepare(u);
	clk_put(g);
	clk_put(u);
}

static struct kunit_case clk_cases[] = {
	KUNIT_CASE(clk_enable_counts),
	KUNIT_CASE(clk_rate_propagates_down),
	KUNIT_CASE(clk_reparent_moves_counts),
	KUNIT_CASE(clk_unused_gated_at_late_init),
	{ 0 },
};

static struct kunit_suite clk_suite = {
	.name = "clk",
	.test_cases = clk_cases,
};
kunit_test_suite(clk_suite);
