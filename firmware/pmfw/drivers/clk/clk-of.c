/*
 * Clocks and the device tree (Linux's drivers/clk/clk.c, its OF half):
 * providers register a lookup for their node; a consumer's `clocks`
 * entry (phandle and #clock-cells arguments) is resolved through it. The
 * providers declared with CLK_OF_DECLARE (oscillators, pmsim's CMU) are
 * brought up by of_clk_init() before the timers, a provider only after
 * the providers of its own parents, as Linux orders them.
 */
#include <linux/clk-provider.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "clk.h"

struct of_clk_provider {
	struct list_head link;
	struct device_node *node;
	struct clk_hw *(*get)(struct of_phandle_args *spec, void *data);
	void *data;
};

static LIST_HEAD(of_clk_providers);

int of_clk_add_hw_provider(struct device_node *np,
			   struct clk_hw *(*get)(struct of_phandle_args *spec, void *data),
			   void *data)
{
	struct of_clk_provider *p = kzalloc(sizeof *p, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->node = np;
	p->get = get;
	p->data = data;
	list_add_tail(&p->link, &of_clk_providers);
	np->_flags |= OF_POPULATED;
	return 0;
}

void of_clk_del_provider(struct device_node *np)
{
	struct of_clk_provider *p, *n;
	list_for_each_entry_safe(p, n, &of_clk_providers, link)
		if (p->node == np) {
			list_del(&p->link);
			kfree(p);
		}
}

struct clk_hw *of_clk_hw_simple_get(struct of_phandle_args *spec, void *data)
{
	(void)spec;
	return data;
}

struct clk_hw *of_clk_hw_onecell_get(struct of_phandle_args *spec, void *data)
{
	struct clk_hw_onecell_data *d = data;
	unsigned int idx = spec->args_count ? spec->args[0] : 0;
	if (idx >= d->num || !d->hws[idx])
		return ERR_PTR(-EINVAL);
	return d->hws[idx];
}

static struct of_clk_provider *provider_of(const struct device_node *np)
{
	struct of_clk_provider *p;
	list_for_each_entry(p, &of_clk_providers, link)
		if (p->node == np)
			return p;
	return NULL;
}

/* The clk_hw of `clocks` entry `index` of np: -EPROBE_DEFER while its
 * provider has not registered (Linux's answer: the consumer tries again). */
static struct clk_hw *of_clk_get_hw(struct device_node *np, int index)
{
	struct of_phandle_args spec;
	int err = of_parse_phandle_with_args(np, "clocks", "#clock-cells", index, &spec);
	if (err)
		return ERR_PTR(err);
	struct of_clk_provider *p = provider_of(spec.np);
	if (!p)
		return ERR_PTR(-EPROBE_DEFER);
	struct clk_hw *hw = p->get(&spec, p->data);
	return hw ? hw : ERR_PTR(-ENOENT);
}

struct clk *of_clk_get(struct device_node *np, int index)
{
	struct clk_hw *hw = of_clk_get_hw(np, index);
	if (IS_ERR(hw))
		return (struct clk *)hw;
	return clk_hw_get_clk(hw, NULL);
}

struct clk *of_clk_get_by_name(struct device_node *np, const char *name)
{
	int index = 0;
	if (name) {
		index = of_property_match_string(np, "clock-names", name);
		if (index < 0)
			return ERR_PTR(-ENOENT);
	}
	return of_clk_get(np, index);
}

unsigned int of_clk_get_parent_count(const struct device_node *np)
{
	int n = of_count_phandle_with_args(np, "clocks", "#clock-cells");
	return n < 0 ? 0 : (unsigned int)n;
}

const char *of_clk_get_parent_name(const struct device_node *np, int index)
{
	struct of_phandle_args spec;
	if (of_parse_phandle_with_args(np, "clocks", "#clock-cells", index, &spec))
		return NULL;
	/* A registered provider knows its clock's name. */
	struct of_clk_provider *p = provider_of(spec.np);
	if (p) {
		struct clk_hw *hw = p->get(&spec, p->data);
		if (!IS_ERR_OR_NULL(hw))
			return clk_hw_get_name(hw);
	}
	/* Else the provider's clock-output-names (by cell for a one-cell
	 * provider whose outputs are children with `reg`), or its name. */
	const char *name;
	if (!spec.args_count) {
		if (!of_property_read_string_index(spec.np, "clock-output-names", 0, &name))
			return name;
		return spec.np->name;
	}
	struct device_node *child;
	for_each_child_of_node(spec.np, child) {
		u32 reg;
		if (!of_property_read_u32(child, "reg", &reg) && reg == spec.args[0])
			return of_property_read_string(child, "clock-output-names", &name)
				       ? child->name : name;
	}
	if (!of_property_read_string_index(spec.np, "clock-output-names", (int)spec.args[0],
					   &name))
		return name;
	return NULL;
}

/* ---- early providers ------------------------------------------------------- */

extern const struct of_device_id_clk __clk_of_table_start[], __clk_of_table_end[];

static const struct of_device_id_clk *early_match(const struct device_node *np)
{
	for (const struct of_device_id_clk *m = __clk_of_table_start; m < __clk_of_table_end; m++)
		if (of_device_is_compatible(np, m->compatible))
			return m;
	return NULL;
}

/* Every `clocks` entry of np is served by a provider already there. */
static bool parents_ready(const struct device_node *np)
{
	int n = of_count_phandle_with_args(np, "clocks", "#clock-cells");
	for (int i = 0; i < n; i++) {
		struct of_phandle_args spec;
		if (of_parse_phandle_with_args(np, "clocks", "#clock-cells", i, &spec))
			return true; /* malformed: let the driver say so */
		if (spec.np != np && !provider_of(spec.np))
			return false;
	}
	return true;
}

/* A provider whose outputs have their own `clocks` (the CMU's children
 * name the oscillators) waits for those too. */
static bool subtree_ready(const struct device_node *np)
{
	struct device_node *c;
	if (!parents_ready(np))
		return false;
	for_each_child_of_node(np, c)
		if (!subtree_ready(c))
			return false;
	return true;
}

void of_clk_init(const void *matches)
{
	(void)matches;
	bool progress, force = false;
	for (;;) {
		progress = false;
		bool left = false;
		struct device_node *np;
		for_each_of_allnodes(np) {
			const struct of_device_id_clk *m;
			if ((np->_flags & OF_POPULATED) || !of_device_is_available(np) ||
			    !(m = early_match(np)))
				continue;
			if (!force && !subtree_ready(np)) {
				left = true;
				continue;
			}
			np->_flags |= OF_POPULATED;
			m->init(np);
			progress = true;
		}
		if (!left)
			break;
		/* A loop, or a parent with no provider: bring them up anyway,
		 * orphans join the tree when their parent appears. */
		if (!progress)
			force = true;
	}
}
