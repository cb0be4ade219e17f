/*
 * The clk framework's core (firmware/pmfw/drivers/clk/clk.c) on the host,
 * with clocks of the test's own whose "hardware" is a few variables: the
 * counts reach the parents and the hardware; rates propagate down and,
 * with CLK_SET_RATE_PARENT, up; notifiers see every change with old and
 * new rates and can veto it; consumers' rate ranges bound requests; a
 * re-parent moves the counts so the output never stops; orphans join when
 * their parent registers; critical clocks stay on; unused clocks are
 * gated at late init. Each case runs in its own process (a fresh tree).
 */
#include <check.h>

#include <linux/clk-provider.h>
#include <linux/clk.h>
#include <linux/err.h>
#include <linux/slab.h>

#include "../../firmware/pmfw/drivers/clk/clk.h"
#include "../unit/check_run.h"

struct fake {
	struct clk_hw hw;
	struct clk_init_data init;
	const char *parents[2];
	unsigned long rate;   /* fixed: its rate; pll: parent multiplier */
	unsigned int div;
	bool on, prepared;
	u8 sel;
	int enables, prepares;
};

#define to_fake(h) container_of(h, struct fake, hw)

static unsigned long fixed_recalc(struct clk_hw *hw, unsigned long p)
{
	return to_fake(hw)->rate;
}
static unsigned long div_recalc(struct clk_hw *hw, unsigned long p)
{
	return p / to_fake(hw)->div;
}
static long div_round(struct clk_hw *hw, unsigned long rate, unsigned long *p)
{
	unsigned long d = rate ? (*p + rate - 1) / rate : 1;
	return (long)(*p / (d ? d : 1));
}
static int div_set(struct clk_hw *hw, unsigned long rate, unsigned long p)
{
	to_fake(hw)->div = (unsigned int)((p + rate - 1) / rate);
	return 0;
}
static int gate_enable(struct clk_hw *hw)
{
	to_fake(hw)->on = true;
	to_fake(hw)->enables++;
	return 0;
}
static void gate_disable(struct clk_hw *hw)
{
	to_fake(hw)->on = false;
}
static int gate_is_enabled(struct clk_hw *hw)
{
	return to_fake(hw)->on;
}
static u8 mux_get(struct clk_hw *hw)
{
	return to_fake(hw)->sel;
}
static int mux_set(struct clk_hw *hw, u8 i)
{
	to_fake(hw)->sel = i;
	return 0;
}
static int pll_prepare(struct clk_hw *hw)
{
	to_fake(hw)->prepared = true;
	to_fake(hw)->prepares++;
	return 0;
}
static void pll_unprepare(struct clk_hw *hw)
{
	to_fake(hw)->prepared = false;
}
static unsigned long pll_recalc(struct clk_hw *hw, unsigned long p)
{
	return p * to_fake(hw)->rate;
}

static const struct clk_ops fixed_ops = { .recalc_rate = fixed_recalc };
static const struct clk_ops div_ops = { .recalc_rate = div_recalc, .round_rate = div_round,
					.set_rate = div_set };
static const struct clk_ops gate_ops = { .enable = gate_enable, .disable = gate_disable,
					 .is_enabled = gate_is_enabled };
static const struct clk_ops mux_ops = { .get_parent = mux_get, .set_parent = mux_set };
static const struct clk_ops pll_ops = { .prepare = pll_prepare, .unprepare = pll_unprepare,
					.recalc_rate = pll_recalc };

static struct fake *mk(const char *name, const struct clk_ops *ops, const char *p0,
		       const char *p1, unsigned long flags)
{
	struct fake *f = calloc(1, sizeof *f);
	f->parents[0] = p0;
	f->parents[1] = p1;
	f->init.name = name;
	f->init.ops = ops;
	f->init.parent_names = f->parents;
	f->init.num_parents = p1 ? 2 : p0 ? 1 : 0;
	f->init.flags = flags;
	f->hw.init = &f->init;
	f->div = 1;
	return f;
}

static struct fake *reg(struct fake *f)
{
	ck_assert_int_eq(clk_hw_register(NULL, &f->hw), 0);
	return f;
}

/* osc (100 MHz) -> div -> gate; osc -> pll (x4); mux(osc, pll) */
static struct fake *osc, *dv, *gt, *pll, *mux;

static void tree(void)
{
	osc = mk("osc", &fixed_ops, NULL, NULL, 0);
	osc->rate = 100000000;
	reg(osc);
	dv = reg(mk("div", &div_ops, "osc", NULL, 0));
	gt = reg(mk("gate", &gate_ops, "div", NULL, CLK_SET_RATE_PARENT));
	pll = mk("pll", &pll_ops, "osc", NULL, 0);
	pll->rate = 4;
	reg(pll);
	mux = reg(mk("mux", &mux_ops, "osc", "pll", 0));
}

START_TEST(counts_reach_parents_and_hardware)
{
	tree();
	struct clk *g = clk_hw_get_clk(&gt->hw, "g");
	ck_assert_int_eq(clk_prepare(g), 0);
	ck_assert_int_eq(clk_enable(g), 0);
	ck_assert_int_eq(clk_prepare_enable(g), 0);
	ck_assert(gt->on);
	ck_assert_int_eq(gt->enables, 1);     /* the hardware is told once */
	ck_assert(clk_hw_is_prepared(&dv->hw)); /* the parents are held */
	ck_assert(clk_hw_is_prepared(&osc->hw));
	clk_disable_unprepare(g);
	ck_assert(gt->on);
	clk_disable_unprepare(g);
	ck_assert(!gt->on);
	ck_assert(!clk_hw_is_prepared(&dv->hw));
	ck_assert_int_eq(clk_enable(g), -ESHUTDOWN); /* not prepared */
	clk_put(g);
}
END_TEST

static int pre, post, aborts, veto;
static unsigned long last_old, last_new;

static int cb(struct notifier_block *nb, unsigned long msg, void *data)
{
	struct clk_notifier_data *d = data;
	last_old = d->old_rate;
	last_new = d->new_rate;
	pre += msg == PRE_RATE_CHANGE;
	post += msg == POST_RATE_CHANGE;
	aborts += msg == ABORT_RATE_CHANGE;
	return msg == PRE_RATE_CHANGE && veto ? NOTIFY_BAD : NOTIFY_OK;
}

START_TEST(rates_propagate_and_notify)
{
	tree();
	struct clk *g = clk_hw_get_clk(&gt->hw, "g"), *d = clk_hw_get_clk(&dv->hw, "d");
	struct notifier_block nb = { .notifier_call = cb };
	ck_assert_int_eq(clk_notifier_register(g, &nb), 0);
	ck_assert_uint_eq(clk_get_rate(g), 100000000);
	ck_assert_int_eq(clk_set_rate(d, 25000000), 0);
	ck_assert_uint_eq(dv->div, 4);
	ck_assert_uint_eq(clk_get_rate(g), 25000000);
	ck_assert_int_eq(pre, 1);
	ck_assert_int_eq(post, 1);
	ck_assert_uint_eq(last_old, 100000000);
	ck_assert_uint_eq(last_new, 25000000);
	/* The gate passes a request to its divider. */
	ck_assert_int_eq(clk_set_rate(g, 50000000), 0);
	ck_assert_uint_eq(dv->div, 2);
	ck_assert_uint_eq(clk_get_rate(d), 50000000);
	/* A veto: nothing changes, the others hear ABORT. */
	veto = 1;
	ck_assert_int_eq(clk_set_rate(d, 10000000), -EBUSY);
	ck_assert_uint_eq(dv->div, 2);
	ck_assert_uint_eq(clk_get_rate(g), 50000000);
	veto = 0;
	ck_assert_int_eq(clk_notifier_unregister(g, &nb), 0);
	ck_assert_int_eq(clk_notifier_unregister(g, &nb), -ENOENT);
}
END_TEST

START_TEST(rate_ranges_bound_requests)
{
	tree();
	struct clk *a = clk_hw_get_clk(&dv->hw, "a"), *b = clk_hw_get_clk(&dv->hw, "b");
	ck_assert_int_eq(clk_set_rate_range(a, 20000000, 60000000), 0);
	ck_assert_uint_eq(clk_get_rate(a), 50000000); /* 100 MHz was above: lowered */
	ck_assert_int_eq(clk_set_rate(b, 10000000), 0);
	ck_assert_uint_ge(clk_get_rate(b), 20000000); /* a's minimum holds */
	ck_assert_int_eq(clk_set_rate_range(b, 70000000, 80000000), -EINVAL); /* no overlap */
	ck_assert_int_eq(clk_set_rate_range(a, 5, 4), -EINVAL);
}
END_TEST

START_TEST(reparent_moves_counts)
{
	tree();
	struct clk *m = clk_hw_get_clk(&mux->hw, "m"), *p = clk_hw_get_clk(&pll->hw, "p"),
		   *o = clk_hw_get_clk(&osc->hw, "o");
	ck_assert_int_eq(clk_prepare_enable(m), 0);
	ck_assert(!pll->prepared);
	ck_assert_int_eq(clk_set_parent(m, p), 0);
	ck_assert(pll->prepared);            /* before the switch */
	ck_assert_int_eq(mux->sel, 1);
	ck_assert_uint_eq(clk_get_rate(m), 400000000);
	ck_assert(clk_get_parent(m) == clk_get_parent(m));
	ck_assert(clk_has_parent(m, o));
	ck_assert_int_eq(clk_set_parent(m, o), 0);
	ck_assert(!pll->prepared);           /* released after */
	ck_assert_uint_eq(clk_get_rate(m), 100000000);
	/* Not a possible parent. */
	struct clk *g = clk_hw_get_clk(&gt->hw, "g");
	ck_assert_int_eq(clk_set_parent(m, g), -EINVAL);
	clk_disable_unprepare(m);
}
END_TEST

START_TEST(orphans_join_their_parent)
{
	struct fake *child = reg(mk("child", &div_ops, "late", NULL, 0));
	child->div = 2;
	ck_assert_uint_eq(clk_hw_get_rate(&child->hw), 0);
	ck_assert_ptr_null(clk_hw_get_parent(&child->hw));
	struct fake *late = mk("late", &fixed_ops, NULL, NULL, 0);
	late->rate = 8000;
	reg(late);
	ck_assert_ptr_eq(clk_hw_get_parent(&child->hw), &late->hw);
	ck_assert_uint_eq(clk_hw_get_rate(&child->hw), 4000);
	/* A name already taken is refused. */
	struct fake *dup = mk("late", &fixed_ops, NULL, NULL, 0);
	ck_assert_int_eq(clk_hw_register(NULL, &dup->hw), -EEXIST);
}
END_TEST

START_TEST(critical_and_unused)
{
	tree();
	struct fake *crit = reg(mk("crit", &gate_ops, "div", NULL, CLK_IS_CRITICAL));
	struct fake *keep = reg(mk("keep", &gate_ops, "div", NULL, CLK_IGNORE_UNUSED));
	ck_assert(crit->on); /* enabled at registration */
	struct clk *c = clk_hw_get_clk(&crit->hw, "c");
	ck_assert_int_eq(clk_prepare_enable(c), 0);
	clk_disable_unprepare(c);
	ck_assert(crit->on); /* the last user gone, still on */
	/* Running in hardware, enabled by nobody. */
	gt->on = true;
	keep->on = true;
	clk_disable_unused();
	ck_assert(!gt->on);
	ck_assert(keep->on);
	ck_assert(crit->on);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw_clk");
	TCase *tc = tcase_create("clk");
	tcase_add_test(tc, counts_reach_parents_and_hardware);
	tcase_add_test(tc, rates_propagate_and_notify);
	tcase_add_test(tc, rate_ranges_bound_requests);
	tcase_add_test(tc, reparent_moves_counts);
	tcase_add_test(tc, orphans_join_their_parent);
	tcase_add_test(tc, critical_and_unused);
	suite_add_tcase(s, tc);
	return check_run(s);
}
