/*
 * pmsim's clock management unit (docs/devices/cmu.md) as a clock provider:
 * one clk_hw per output child node (PLLs, muxes, dividers, gates), served
 * by their clock cell (the child's `reg`: 0-3 PLLs, 16-19 muxes, 32-47
 * dividers, 64-95 gates). Declared early (CLK_OF_DECLARE): the timer and
 * the console need their gates before the device model exists.
 *
 *  - PLL: rate = parent * MULT / DIV (PLLn_CTRL). prepare enables it and
 *    waits for LOCKED (pmsim,lock-us); unprepare disables it. A rate
 *    change picks MULT/DIV (within pmsim,max-mult/-div and
 *    pmsim,min-hz..max-hz) and, if the PLL runs, waits for the relock.
 *  - mux: the parent is MUXn_SEL (glitch-free, immediate).
 *  - divider: rate = parent / DIVn, 1..pmsim,max-div.
 *  - gate: enable/disable through GATE_SET/GATE_CLR.
 *
 * An output a cpu node's `clocks` names is what the core runs on:
 * CLK_IS_CRITICAL (prepared and enabled at registration, never gated), as
 * Linux's SoC clock drivers flag their CPU clock. So nothing unused gets
 * turned off under the core, and re-parenting it (a user's clk_parent in
 * debugfs) prepares and enables the new parent before the switch.
 *
 * The CPU's mux also takes rate requests (cpufreq's OPPs): it picks the
 * input that comes closest (an oscillator's exact rate, else a PLL set
 * to the rate: CLK_SET_RATE_PARENT), as Linux's
 * __clk_mux_determine_rate_closest. While a PLL it runs from relocks,
 * its output stops (docs/devices/cmu.md); so a notifier on each such PLL
 * moves the mux to its input 0 (the oscillator) before the change and
 * back after the lock, the way Linux's sunxi-ng ccu_mux_notifier keeps
 * the CPU clocked: the core runs on the oscillator for the lock time
 * instead of stopping.
 */
#include <linux/clk-provider.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>

#define CMU_PLL_CTRL(n) (0x100 + 0x10 * (n))
#define CMU_PLL_STATUS(n) (0x104 + 0x10 * (n))
#define CMU_MUX_SEL(n) (0x200 + 4 * (n))
#define CMU_DIV(n) (0x300 + 4 * (n))
#define CMU_GATE 0x400
#define CMU_GATE_SET 0x404
#define CMU_GATE_CLR 0x408
#define PLL_EN BIT(0)
#define PLL_MULT(v) (((v) >> 8) & 0xfff)
#define PLL_DIV(v) (((v) >> 24) & 0x3f)
#define PLL_CTRL(en, mult, div) ((en) | (u32)(mult) << 8 | (u32)(div) << 24)
#define PLL_LOCKED BIT(0)
#define NR_CELLS 96

enum cmu_kind { CMU_PLL, CMU_MUX, CMU_DIV, CMU_GATE_KIND };

struct cmu_clk {
	struct clk_hw hw;
	struct clk_init_data init;
	void __iomem *base;
	enum cmu_kind kind;
	unsigned int idx;          /* PLL/mux/divider/gate number */
	u32 max_mult, max_div;
	u64 min_hz, max_hz;
	const char **parent_names;
};

#define to_cmu_clk(h) container_of(h, struct cmu_clk, hw)

static void pll_wait_lock(struct cmu_clk *c)
{
	while (!(readl(c->base + CMU_PLL_STATUS(c->idx)) & PLL_LOCKED))
		;
}

static int pll_prepare(struct clk_hw *hw)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	u32 v = readl(c->base + CMU_PLL_CTRL(c->idx));
	if (!(v & PLL_EN)) {
		if (!PLL_MULT(v) || !PLL_DIV(v))
			return -EINVAL; /* never configured: set a rate first */
		writel(v | PLL_EN, c->base + CMU_PLL_CTRL(c->idx));
		if (!(readl(c->base + CMU_PLL_CTRL(c->idx)) & PLL_EN))
			return -EINVAL; /* refused: out of range */
	}
	pll_wait_lock(c);
	return 0;
}

static void pll_unprepare(struct clk_hw *hw)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	u32 v = readl(c->base + CMU_PLL_CTRL(c->idx));
	writel(v & ~PLL_EN, c->base + CMU_PLL_CTRL(c->idx));
}

static int pll_is_prepared(struct clk_hw *hw)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	return !!(readl(c->base + CMU_PLL_CTRL(c->idx)) & PLL_EN);
}

static unsigned long pll_recalc(struct clk_hw *hw, unsigned long parent_rate)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	u32 v = readl(c->base + CMU_PLL_CTRL(c->idx));
	if (!PLL_MULT(v) || !PLL_DIV(v))
		return 0;
	return (unsigned long)((u64)parent_rate * PLL_MULT(v) / PLL_DIV(v));
}

/* The MULT/DIV closest to `rate` from `parent`, within the limits. */
static unsigned long pll_best(struct cmu_clk *c, unsigned long rate, unsigned long parent,
			      u32 *mult_out, u32 *div_out)
{
	unsigned long best = 0;
	u64 best_err = U64_MAX;
	if (!parent)
		return 0;
	for (u32 div = 1; div <= c->max_div; div++) {
		u64 m = DIV_ROUND_CLOSEST((u64)rate * div, parent);
		for (u64 mult = m ? m - 1 : 0; mult <= m + 1; mult++) {
			if (mult < 1 || mult > c->max_mult)
				continue;
			u64 out = (u64)parent * mult / div;
			if (out < c->min_hz || out > c->max_hz)
				continue;
			u64 err = out > rate ? out - rate : rate - out;
			if (err < best_err) {
				best_err = err;
				best = (unsigned long)out;
				*mult_out = (u32)mult;
				*div_out = div;
			}
		}
		if (best_err == 0)
			break;
	}
	return best;
}

static long pll_round_rate(struct clk_hw *hw, unsigned long rate, unsigned long *parent_rate)
{
	u32 m, d;
	unsigned long r = pll_best(to_cmu_clk(hw), rate, *parent_rate, &m, &d);
	return r ? (long)r : -EINVAL;
}

static int pll_set_rate(struct clk_hw *hw, unsigned long rate, unsigned long parent_rate)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	u32 m, d;
	if (!pll_best(c, rate, parent_rate, &m, &d))
		return -EINVAL;
	u32 en = readl(c->base + CMU_PLL_CTRL(c->idx)) & PLL_EN;
	writel(PLL_CTRL(en, m, d), c->base + CMU_PLL_CTRL(c->idx));
	if (en)
		pll_wait_lock(c);
	return 0;
}

static const struct clk_ops cmu_pll_ops = {
	.prepare = pll_prepare,
	.unprepare = pll_unprepare,
	.is_prepared = pll_is_prepared,
	.recalc_rate = pll_recalc,
	.round_rate = pll_round_rate,
	.set_rate = pll_set_rate,
};

static u8 mux_get_parent(struct clk_hw *hw)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	return (u8)(readl(c->base + CMU_MUX_SEL(c->idx)) & 3);
}

static int mux_set_parent(struct clk_hw *hw, u8 index)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	writel(index, c->base + CMU_MUX_SEL(c->idx));
	return (readl(c->base + CMU_MUX_SEL(c->idx)) & 3) == index ? 0 : -EINVAL;
}

static const struct clk_ops cmu_mux_ops = {
	.get_parent = mux_get_parent,
	.set_parent = mux_set_parent,
};

/* The CPU's mux: the input whose (possibly re-rated) output is closest
 * to the request; the lower index of two equally close. */
static int cpu_mux_determine_rate(struct clk_hw *hw, struct clk_rate_request *req)
{
	struct clk_hw *best = NULL;
	unsigned long best_rate = 0, best_err = ULONG_MAX;
	unsigned int n = clk_hw_get_num_parents(hw);
	for (unsigned int i = 0; i < n; i++) {
		struct clk_hw *p = clk_hw_get_parent_by_index(hw, i);
		if (!p)
			continue;
		unsigned long r = clk_hw_round_rate(p, req->rate);
		if (!r)
			continue;
		unsigned long err = r > req->rate ? r - req->rate : req->rate - r;
		if (err < best_err) {
			best = p;
			best_rate = r;
			best_err = err;
		}
	}
	if (!best)
		return -EINVAL;
	req->best_parent_hw = best;
	req->best_parent_rate = best_rate;
	req->rate = best_rate;
	return 0;
}

static const struct clk_ops cmu_cpu_mux_ops = {
	.get_parent = mux_get_parent,
	.set_parent = mux_set_parent,
	.determine_rate = cpu_mux_determine_rate,
};

/* A PLL the CPU's mux can select: while it relocks, the mux is on its
 * input 0. */
struct cmu_mux_nb {
	struct notifier_block clk_nb;
	struct cmu_clk *mux;
	u8 pll_index;      /* the mux input the PLL is */
	bool bypassed;     /* moved to input 0 for this change */
};

static int cmu_mux_notifier_cb(struct notifier_block *nb, unsigned long event, void *data)
{
	struct cmu_mux_nb *m = container_of(nb, struct cmu_mux_nb, clk_nb);
	void __iomem *sel = m->mux->base + CMU_MUX_SEL(m->mux->idx);
	if (event == PRE_RATE_CHANGE) {
		m->bypassed = (readl(sel) & 3) == m->pll_index;
		if (m->bypassed)
			writel(0, sel);
	} else if (m->bypassed) {
		/* POST_RATE_CHANGE (locked) or ABORT_RATE_CHANGE. */
		writel(m->pll_index, sel);
		m->bypassed = false;
	}
	return NOTIFY_OK;
}

static void cmu_cpu_mux_notifiers(struct cmu_clk *mux)
{
	unsigned int n = clk_hw_get_num_parents(&mux->hw);
	for (unsigned int i = 1; i < n; i++) {
		struct clk_hw *p = clk_hw_get_parent_by_index(&mux->hw, i);
		if (!p || !p->init || p->init->ops != &cmu_pll_ops)
			continue;
		struct cmu_mux_nb *m = kzalloc(sizeof *m, GFP_KERNEL);
		struct clk *clk = m ? clk_hw_get_clk(p, "cpu-mux") : ERR_PTR(-ENOMEM);
		if (IS_ERR(clk)) {
			kfree(m);
			continue;
		}
		m->mux = mux;
		m->pll_index = (u8)i;
		m->clk_nb.notifier_call = cmu_mux_notifier_cb;
		clk_notifier_register(clk, &m->clk_nb);
	}
}

static unsigned long div_recalc(struct clk_hw *hw, unsigned long parent_rate)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	u32 d = readl(c->base + CMU_DIV(c->idx)) & 0xff;
	return d ? parent_rate / d : 0;
}

static u32 div_for(struct cmu_clk *c, unsigned long rate, unsigned long parent)
{
	u32 d = rate ? (u32)DIV_ROUND_UP(parent, rate) : c->max_div;
	return clamp(d, 1u, c->max_div);
}

static long div_round_rate(struct clk_hw *hw, unsigned long rate, unsigned long *parent_rate)
{
	return (long)(*parent_rate / div_for(to_cmu_clk(hw), rate, *parent_rate));
}

static int div_set_rate(struct clk_hw *hw, unsigned long rate, unsigned long parent_rate)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	writel(div_for(c, rate, parent_rate), c->base + CMU_DIV(c->idx));
	return 0;
}

static const struct clk_ops cmu_div_ops = {
	.recalc_rate = div_recalc,
	.round_rate = div_round_rate,
	.set_rate = div_set_rate,
};

static int gate_enable(struct clk_hw *hw)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	writel(BIT(c->idx), c->base + CMU_GATE_SET);
	return 0;
}

static void gate_disable(struct clk_hw *hw)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	writel(BIT(c->idx), c->base + CMU_GATE_CLR);
}

static int gate_is_enabled(struct clk_hw *hw)
{
	struct cmu_clk *c = to_cmu_clk(hw);
	return !!(readl(c->base + CMU_GATE) & BIT(c->idx));
}

static const struct clk_ops cmu_gate_ops = {
	.enable = gate_enable,
	.disable = gate_disable,
	.is_enabled = gate_is_enabled,
};

static const struct {
	const char *compatible;
	enum cmu_kind kind;
	u32 first, count;
	const struct clk_ops *ops;
} cmu_kinds[] = {
	{ "pmsim,cmu-pll", CMU_PLL, 0, 4, &cmu_pll_ops },
	{ "pmsim,cmu-mux", CMU_MUX, 16, 4, &cmu_mux_ops },
	{ "pmsim,cmu-divider", CMU_DIV, 32, 16, &cmu_div_ops },
	{ "pmsim,cmu-gate", CMU_GATE_KIND, 64, 32, &cmu_gate_ops },
};

static u32 prop_u32(struct device_node *np, const char *name, u32 dflt)
{
	u32 v;
	return of_property_read_u32(np, name, &v) ? dflt : v;
}

static u64 prop_hz(struct device_node *np, const char *name)
{
	int len;
	const void *v = of_get_property(np, name, &len);
	return !v ? 0 : len >= 8 ? of_read_number(v, 2) : of_read_number(v, 1);
}

/* A cpu node's `clocks` names cell `reg` of the CMU `cmu`. */
static bool cmu_feeds_cpu(struct device_node *cmu, u32 reg)
{
	struct device_node *cpus = of_find_node_by_path("/cpus"), *cpu;
	if (!cpus)
		return false;
	for_each_child_of_node(cpus, cpu) {
		struct of_phandle_args a;
		for (int i = 0; !of_parse_phandle_with_args(cpu, "clocks", "#clock-cells", i, &a); i++)
			if (a.np == cmu && a.args_count == 1 && a.args[0] == reg)
				return true;
	}
	return false;
}

static int cmu_add_output(struct device_node *np, void __iomem *base,
			  struct clk_hw_onecell_data *cells)
{
	char path[96];
	u32 reg;
	unsigned int k;
	for (k = 0; k < ARRAY_SIZE(cmu_kinds); k++)
		if (of_device_is_compatible(np, cmu_kinds[k].compatible))
			break;
	if (k == ARRAY_SIZE(cmu_kinds))
		return 0;
	if (of_property_read_u32(np, "reg", &reg) || reg < cmu_kinds[k].first ||
	    reg >= cmu_kinds[k].first + cmu_kinds[k].count) {
		pr_err("clk: %s: bad or missing reg\n", of_node_full_path(np, path, sizeof path));
		return -EINVAL;
	}
	int nparents = (int)of_clk_get_parent_count(np);
	if (nparents < 1 || nparents > 4) {
		pr_err("clk: %s: needs 1 to 4 clocks\n", of_node_full_path(np, path, sizeof path));
		return -EINVAL;
	}
	struct cmu_clk *c = kzalloc(sizeof *c, GFP_KERNEL);
	const char **pn = kcalloc((size_t)nparents, sizeof *pn, GFP_KERNEL);
	if (!c || !pn) {
		kfree(c);
		kfree(pn);
		return -ENOMEM;
	}
	for (int i = 0; i < nparents; i++)
		pn[i] = of_clk_get_parent_name(np, i);
	c->base = base;
	c->kind = cmu_kinds[k].kind;
	c->idx = reg - cmu_kinds[k].first;
	c->max_mult = prop_u32(np, "pmsim,max-mult", 4095);
	c->max_div = prop_u32(np, "pmsim,max-div", c->kind == CMU_PLL ? 63 : 255);
	c->min_hz = prop_hz(np, "pmsim,min-hz");
	c->max_hz = prop_hz(np, "pmsim,max-hz");
	c->parent_names = pn;
	c->init.name = np->name;
	of_property_read_string(np, "clock-output-names", &c->init.name);
	c->init.ops = cmu_kinds[k].ops;
	c->init.parent_names = pn;
	c->init.num_parents = (u8)(c->kind == CMU_MUX ? nparents : 1);
	/* A mux's output is what the core or a bus runs on: a divider or
	 * mux has no gate to close, but a rate change must reach them. */
	c->init.flags = c->kind == CMU_GATE_KIND ? CLK_SET_RATE_PARENT : 0;
	bool cpu_mux = false;
	if (cmu_feeds_cpu(np->parent, reg)) {
		c->init.flags |= CLK_IS_CRITICAL;
		if (c->kind == CMU_MUX) {
			cpu_mux = true;
			c->init.ops = &cmu_cpu_mux_ops;
			c->init.flags |= CLK_SET_RATE_PARENT;
		}
	}
	c->hw.init = &c->init;
	int err = of_clk_hw_register(np, &c->hw);
	if (err) {
		pr_err("clk: %s: cannot register %s: %d\n", of_node_full_path(np, path, sizeof path),
		       c->init.name, err);
		return err;
	}
	cells->hws[reg] = &c->hw;
	if (cpu_mux)
		cmu_cpu_mux_notifiers(c);
	return 0;
}

static void pmsim_cmu_init(struct device_node *np)
{
	struct resource r;
	char path[96];
	if (of_address_to_resource(np, 0, &r)) {
		pr_err("clk: %s: no registers\n", of_node_full_path(np, path, sizeof path));
		return;
	}
	void __iomem *base = ioremap(r.start, resource_size(&r));
	struct clk_hw_onecell_data *cells =
		kzalloc(sizeof *cells + NR_CELLS * sizeof cells->hws[0], GFP_KERNEL);
	if (!cells)
		return;
	cells->num = NR_CELLS;
	struct device_node *child;
	unsigned int n = 0;
	for_each_available_child_of_node(np, child)
		if (!cmu_add_output(child, base, cells))
			n++;
	of_clk_add_hw_provider(np, of_clk_hw_onecell_get, cells);
	pr_info("clk: %s: %u outputs\n", of_node_full_path(np, path, sizeof path), n);
}
CLK_OF_DECLARE(pmsim_cmu, "pmsim,cmu", pmsim_cmu_init);
