/*
 * The common clock framework (Linux's drivers/clk/clk.c, written for
 * pmfw): a tree of clk_core, one per registered clk_hw, with
 *
 *  - prepare and enable counts: preparing or enabling a clock prepares or
 *    enables its parent first (the first user does), and the last
 *    unprepare/disable turns it off and releases the parent;
 *  - cached rates: recalc_rate from the parent's rate, top-down; a rate
 *    change (clk_set_rate) is rounded by the clock (round_rate or
 *    determine_rate, within every consumer's min/max), propagated to the
 *    parent with CLK_SET_RATE_PARENT, announced to notifiers
 *    (PRE_RATE_CHANGE, which may veto; then POST_RATE_CHANGE or
 *    ABORT_RATE_CHANGE) for the clock and every descendant whose rate
 *    changes, then applied top-down;
 *  - re-parenting (clk_set_parent): a prepared or enabled clock moves its
 *    counts to the new parent (prepared and enabled before the switch, the
 *    old one released after), so the output never loses its source;
 *  - orphans: a clock whose parent is not registered yet waits (rate 0)
 *    and joins the tree when the parent appears;
 *  - clk_disable_unused at late init: what the hardware has running but
 *    no one enabled is gated (unless CLK_IGNORE_UNUSED); critical clocks
 *    (CLK_IS_CRITICAL) are enabled at registration and never gated.
 *
 * Consumers hold a struct clk per get, with their own rate range.
 * Providers are found from DT phandles (`clocks = <&cmu 64>`); early ones
 * (CLK_OF_DECLARE) are initialised by of_clk_init before the timers.
 *
 * Locking: one core, and every op of pmsim's clocks is short (a PLL's
 * prepare waits for its lock, 100 us), so a single lock with interrupts
 * off protects the tree, the counts and the rates; notifier callbacks run
 * under it too and must not sleep.
 */
#include <linux/clk-provider.h>
#include <linux/clk.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "clk.h"

struct clk_parent_map {
	struct clk_core *core;
	const char *name;   /* resolved when the parent registers */
};

struct clk_core {
	const char *name;
	const struct clk_ops *ops;
	struct clk_hw *hw;
	struct device_node *of_node;
	struct clk_core *parent;
	struct clk_parent_map *parents;
	u8 num_parents;
	struct list_head children;
	struct list_head child_node;
	struct list_head all_node;
	struct list_head clks;       /* the consumers' struct clk */
	unsigned long rate;
	unsigned long flags;
	unsigned int prepare_count, enable_count;
	bool orphan;
	struct raw_notifier_head notifiers;
	/* a rate change being computed */
	unsigned long new_rate;
	struct clk_core *new_parent;
	u8 new_parent_index;
	struct clk_core *new_child; /* a clock moving under this one (Linux's) */
};

struct clk {
	struct clk_core *core;
	const char *con_id;
	unsigned long min_rate, max_rate;
	struct list_head clks_node;
};

/* debugfs's (clk-debugfs.c): told of each clock registered and removed. */
static void (*debug_add)(struct clk_hw *hw), (*debug_remove)(struct clk_hw *hw);

static LIST_HEAD(clk_root_list);
static LIST_HEAD(clk_orphan_list);
static LIST_HEAD(clk_all_list);
static DEFINE_SPINLOCK(clk_lock);

#define clk_lock_irqsave(f) spin_lock_irqsave(&clk_lock, f)
#define clk_unlock_irqrestore(f) spin_unlock_irqrestore(&clk_lock, f)

/* ---- lookups -------------------------------------------------------------- */

static struct clk_core *clk_core_lookup(const char *name)
{
	struct clk_core *c;
	if (!name)
		return NULL;
	list_for_each_entry(c, &clk_all_list, all_node)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static struct clk_core *parent_by_index(struct clk_core *core, u8 index)
{
	if (index >= core->num_parents)
		return NULL;
	struct clk_parent_map *p = &core->parents[index];
	if (!p->core)
		p->core = clk_core_lookup(p->name);
	return p->core;
}

static int parent_index(struct clk_core *core, struct clk_core *parent)
{
	for (u8 i = 0; i < core->num_parents; i++)
		if (parent_by_index(core, i) == parent)
			return i;
	return -EINVAL;
}

static unsigned long core_rate(const struct clk_core *core)
{
	return core ? core->rate : 0;
}

/* ---- rates ----------------------------------------------------------------- */

static unsigned long recalc(struct clk_core *core, unsigned long parent_rate)
{
	if (core->ops->recalc_rate)
		return core->ops->recalc_rate(core->hw, parent_rate);
	return parent_rate;
}

static int notify(struct clk_core *core, unsigned long msg, unsigned long old,
		  unsigned long new)
{
	if (!core->notifiers.head)
		return NOTIFY_DONE;
	struct clk_notifier_data d = { .old_rate = old, .new_rate = new };
	/* The consumers' struct clk: the first one stands for the clock. */
	d.clk = list_first_entry_or_null(&core->clks, struct clk, clks_node);
	return raw_notifier_call_chain(&core->notifiers, msg, &d);
}

/* Recompute the subtree's cached rates after a change of core's parent
 * rate or configuration, with POST_RATE_CHANGE where a rate moved. */
static void recalc_tree(struct clk_core *core, bool announce)
{
	unsigned long old = core->rate;
	core->rate = core->orphan ? 0 : recalc(core, core_rate(core->parent));
	if (announce && old != core->rate)
		notify(core, POST_RATE_CHANGE, old, core->rate);
	struct clk_core *child;
	list_for_each_entry(child, &core->children, child_node)
		recalc_tree(child, announce);
}

/* ---- tree ----------------------------------------------------------------- */

static void reparent(struct clk_core *core, struct clk_core *parent)
{
	list_del(&core->child_node);
	if (parent) {
		list_add_tail(&core->child_node, &parent->children);
		core->orphan = parent->orphan;
	} else {
		list_add_tail(&core->child_node, core->num_parents ? &clk_orphan_list
								    : &clk_root_list);
		core->orphan = core->num_parents != 0;
	}
	core->parent = parent;
}

/* The orphans whose parent is now there join the tree. */
static void reparent_orphans(void)
{
	struct clk_core *o, *n;
	bool again;
	do {
		again = false;
		list_for_each_entry_safe(o, n, &clk_orphan_list, child_node) {
			u8 idx = o->num_parents > 1 && o->ops->get_parent
					 ? o->ops->get_parent(o->hw) : 0;
			struct clk_core *p = parent_by_index(o, idx);
			if (!p)
				continue;
			reparent(o, p);
			/* Counts a child took before its parent existed. */
			if (o->prepare_count)
				p->prepare_count++;
			if (o->enable_count)
				p->enable_count++;
			recalc_tree(o, false);
			again = true;
		}
	} while (again);
}

/* ---- prepare and enable ---------------------------------------------------- */

static int core_prepare(struct clk_core *core)
{
	if (!core)
		return 0;
	if (core->prepare_count == 0) {
		int err = core_prepare(core->parent);
		if (err)
			return err;
		if (core->ops->prepare && (err = core->ops->prepare(core->hw))) {
			if (core->parent)
				core->parent->prepare_count--; /* undo, without its unprepare */
			return err;
		}
		/* A PLL's rate is known only once it runs. */
		if (core->ops->prepare)
			recalc_tree(core, true);
	}
	core->prepare_count++;
	return 0;
}

static void core_unprepare(struct clk_core *core)
{
	if (!core)
		return;
	if (WARN_ON(core->prepare_count == 0) ||
	    (core->prepare_count == 1 && (core->flags & CLK_IS_CRITICAL)))
		return;
	if (WARN_ON(core->prepare_count == 1 && core->enable_count))
		return;
	if (--core->prepare_count == 0) {
		if (core->ops->unprepare)
			core->ops->unprepare(core->hw);
		core_unprepare(core->parent);
	}
}

static int core_enable(struct clk_core *core)
{
	if (!core)
		return 0;
	if (WARN_ON(core->prepare_count == 0))
		return -ESHUTDOWN;
	if (core->enable_count == 0) {
		int err = core_enable(core->parent);
		if (err)
			return err;
		if (core->ops->enable && (err = core->ops->enable(core->hw))) {
			if (core->parent) {
				core->parent->enable_count--;
			}
			return err;
		}
	}
	core->enable_count++;
	return 0;
}

static void core_disable(struct clk_core *core)
{
	if (!core)
		return;
	if (WARN_ON(core->enable_count == 0) ||
	    (core->enable_count == 1 && (core->flags & CLK_IS_CRITICAL)))
		return;
	if (--core->enable_count == 0) {
		if (core->ops->disable)
			core->ops->disable(core->hw);
		core_disable(core->parent);
	}
}

int clk_prepare(struct clk *clk)
{
	if (!clk)
		return 0;
	unsigned long f;
	clk_lock_irqsave(f);
	int err = core_prepare(clk->core);
	clk_unlock_irqrestore(f);
	return err;
}

void clk_unprepare(struct clk *clk)
{
	if (!clk)
		return;
	unsigned long f;
	clk_lock_irqsave(f);
	core_unprepare(clk->core);
	clk_unlock_irqrestore(f);
}

int clk_enable(struct clk *clk)
{
	if (!clk)
		return 0;
	unsigned long f;
	clk_lock_irqsave(f);
	int err = core_enable(clk->core);
	clk_unlock_irqrestore(f);
	return err;
}

void clk_disable(struct clk *clk)
{
	if (!clk)
		return;
	unsigned long f;
	clk_lock_irqsave(f);
	core_disable(clk->core);
	clk_unlock_irqrestore(f);
}

int clk_prepare_enable(struct clk *clk)
{
	int err = clk_prepare(clk);
	if (!err && (err = clk_enable(clk)))
		clk_unprepare(clk);
	return err;
}

void clk_disable_unprepare(struct clk *clk)
{
	clk_disable(clk);
	clk_unprepare(clk);
}

/* ---- rate changes ---------------------------------------------------------- */

static void core_rate_range(struct clk_core *core, unsigned long *min, unsigned long *max)
{
	struct clk *c;
	*min = 0;
	*max = ULONG_MAX;
	list_for_each_entry(c, &core->clks, clks_node) {
		*min = max(*min, c->min_rate);
		*max = min(*max, c->max_rate);
	}
}

/* What `core` would run at if asked for `rate`, with the parent it would
 * use and what that parent would run at; -EINVAL if it cannot. */
static long core_round(struct clk_core *core, unsigned long rate, struct clk_rate_request *req)
{
	core_rate_range(core, &req->min_rate, &req->max_rate);
	if (req->min_rate > req->max_rate)
		return -EINVAL;
	rate = clamp(rate, req->min_rate, req->max_rate);
	req->rate = rate;
	req->best_parent_hw = core->parent ? core->parent->hw : NULL;
	req->best_parent_rate = core_rate(core->parent);
	if (core->ops->determine_rate) {
		int err = core->ops->determine_rate(core->hw, req);
		return err ? err : (long)req->rate;
	}
	if (core->ops->round_rate) {
		unsigned long prate = req->best_parent_rate;
		long r = core->ops->round_rate(core->hw, rate, &prate);
		req->best_parent_rate = prate;
		return r;
	}
	if (core->flags & CLK_SET_RATE_PARENT && core->parent) {
		struct clk_rate_request preq;
		long r = core_round(core->parent, rate, &preq);
		if (r < 0)
			return r;
		req->best_parent_rate = (unsigned long)r;
		return r;
	}
	return (long)core->rate; /* fixed: it runs at what it runs at */
}

/* The subtree's rates after `core` moves to `new_rate` (with the parent
 * it will have): children keep their configuration. */
static void calc_subtree(struct clk_core *core, unsigned long new_rate,
			 struct clk_core *new_parent, u8 index)
{
	core->new_rate = new_rate;
	core->new_parent = new_parent;
	core->new_parent_index = index;
	core->new_child = NULL;
	/* A clock that changes parent is reached from its new parent. */
	if (new_parent && new_parent != core->parent)
		new_parent->new_child = core;
	struct clk_core *c;
	list_for_each_entry(c, &core->children, child_node)
		calc_subtree(c, recalc(c, new_rate), c->parent, 0);
}

/* Plan a change of `core` to `rate`: round it, choose the parent, go up
 * with CLK_SET_RATE_PARENT, and fill new_rate below the topmost clock that
 * changes, which is returned (NULL if the rate cannot be had). A parent's
 * plan covers this clock with its old configuration; this clock's own
 * plan, made after, overrides it. */
static struct clk_core *calc_new_rates(struct clk_core *core, unsigned long rate)
{
	struct clk_rate_request req;
	long r = core_round(core, rate, &req);
	if (r < 0)
		return NULL;
	struct clk_core *top = core, *parent = core->parent;
	u8 idx = 0;
	if (req.best_parent_hw && req.best_parent_hw->core != core->parent &&
	    !(core->flags & CLK_SET_RATE_NO_REPARENT)) {
		int i = parent_index(core, req.best_parent_hw->core);
		if (i < 0)
			return NULL;
		parent = req.best_parent_hw->core;
		idx = (u8)i;
	}
	if ((core->flags & CLK_SET_RATE_PARENT) && parent &&
	    req.best_parent_rate != parent->rate) {
		top = calc_new_rates(parent, req.best_parent_rate);
		if (!top)
			return NULL;
	}
	calc_subtree(core, (unsigned long)r, parent, idx);
	return top;
}

/* PRE_RATE_CHANGE for every clock whose rate moves; on a veto, the ones
 * already told get ABORT_RATE_CHANGE. Returns the vetoing clock or NULL. */
static struct clk_core *pre_notify(struct clk_core *core)
{
	if (core->new_rate != core->rate &&
	    notify(core, PRE_RATE_CHANGE, core->rate, core->new_rate) & NOTIFY_STOP_MASK)
		return core;
	struct clk_core *c;
	list_for_each_entry(c, &core->children, child_node) {
		if (c->new_parent && c->new_parent != core)
			continue; /* moving away: told under its new parent */
		struct clk_core *bad = pre_notify(c);
		if (bad)
			return bad;
	}
	return core->new_child ? pre_notify(core->new_child) : NULL;
}

static void abort_notify(struct clk_core *core, struct clk_core *until)
{
	if (core == until)
		return;
	if (core->new_rate != core->rate)
		notify(core, ABORT_RATE_CHANGE, core->rate, core->new_rate);
	struct clk_core *c;
	list_for_each_entry(c, &core->children, child_node)
		if (!c->new_parent || c->new_parent == core)
			abort_notify(c, until);
	if (core->new_child)
		abort_notify(core->new_child, until);
}

static int set_parent_hw(struct clk_core *core, struct clk_core *parent, u8 index);

/* Apply top-down: each clock's set_rate (or re-parent), then its cached
 * rate and POST_RATE_CHANGE. */
static int change_rates(struct clk_core *core)
{
	unsigned long old = core->rate;
	int err = 0;
	if (core->new_parent && core->new_parent != core->parent)
		err = set_parent_hw(core, core->new_parent, core->new_parent_index);
	if (!err && core->ops->set_rate && core->new_rate != core->rate)
		err = core->ops->set_rate(core->hw, core->new_rate, core_rate(core->parent));
	core->rate = recalc(core, core_rate(core->parent));
	if (old != core->rate)
		notify(core, POST_RATE_CHANGE, old, core->rate);
	struct clk_core *c, *tmp;
	list_for_each_entry_safe(c, tmp, &core->children, child_node) {
		/* One that moves under another clock is changed from there. */
		if (c->new_parent && c->new_parent != core)
			continue;
		int e = change_rates(c);
		if (!err)
			err = e;
	}
	/* The one moving under this clock, not among its children yet. */
	struct clk_core *nc = core->new_child;
	core->new_child = NULL;
	if (nc) {
		int e = change_rates(nc);
		if (!err)
			err = e;
	}
	return err;
}

static int core_set_rate(struct clk_core *core, unsigned long rate)
{
	if ((core->flags & CLK_SET_RATE_GATE) && core->prepare_count)
		return -EBUSY;
	struct clk_core *top = calc_new_rates(core, rate);
	if (!top)
		return -EINVAL;
	struct clk_core *bad = pre_notify(top);
	if (bad) {
		abort_notify(top, bad);
		return -EBUSY;
	}
	return change_rates(top);
}

unsigned long clk_get_rate(struct clk *clk)
{
	if (!clk)
		return 0;
	unsigned long f;
	clk_lock_irqsave(f);
	struct clk_core *core = clk->core;
	if (core->flags & CLK_GET_RATE_NOCACHE)
		recalc_tree(core, true);
	unsigned long rate = core->rate;
	clk_unlock_irqrestore(f);
	return rate;
}

long clk_round_rate(struct clk *clk, unsigned long rate)
{
	if (!clk)
		return 0;
	struct clk_rate_request req;
	unsigned long f;
	clk_lock_irqsave(f);
	long r = core_round(clk->core, rate, &req);
	clk_unlock_irqrestore(f);
	return r;
}

int clk_set_rate(struct clk *clk, unsigned long rate)
{
	if (!clk)
		return 0;
	unsigned long f;
	clk_lock_irqsave(f);
	int err = core_set_rate(clk->core, rate);
	clk_unlock_irqrestore(f);
	return err;
}

int clk_set_rate_range(struct clk *clk, unsigned long min, unsigned long max)
{
	if (!clk)
		return 0;
	if (min > max)
		return -EINVAL;
	unsigned long f;
	clk_lock_irqsave(f);
	unsigned long omin = clk->min_rate, omax = clk->max_rate;
	clk->min_rate = min;
	clk->max_rate = max;
	int err = 0;
	unsigned long rate = clk->core->rate;
	if (rate < min || rate > max) {
		err = core_set_rate(clk->core, rate < min ? min : max);
		if (err) {
			clk->min_rate = omin;
			clk->max_rate = omax;
		}
	}
	clk_unlock_irqrestore(f);
	return err;
}

int clk_set_min_rate(struct clk *clk, unsigned long rate)
{
	return clk ? clk_set_rate_range(clk, rate, clk->max_rate) : 0;
}

int clk_set_max_rate(struct clk *clk, unsigned long rate)
{
	return clk ? clk_set_rate_range(clk, clk->min_rate, rate) : 0;
}

/* ---- parents ---------------------------------------------------------------- */

/* Switch the hardware and the tree, keeping the output running: the new
 * parent takes the counts before the switch, the old one gives them up
 * after. */
static int set_parent_hw(struct clk_core *core, struct clk_core *parent, u8 index)
{
	struct clk_core *old = core->parent;
	if (core->prepare_count) {
		int err = core_prepare(parent);
		if (err)
			return err;
		if (core->enable_count && (err = core_enable(parent))) {
			core_unprepare(parent);
			return err;
		}
	}
	int err = core->ops->set_parent ? core->ops->set_parent(core->hw, index) : -EINVAL;
	if (err) {
		if (core->enable_count)
			core_disable(parent);
		if (core->prepare_count)
			core_unprepare(parent);
		return err;
	}
	reparent(core, parent);
	if (core->enable_count)
		core_disable(old);
	if (core->prepare_count)
		core_unprepare(old);
	return 0;
}

int clk_set_parent(struct clk *clk, struct clk *parent)
{
	if (!clk)
		return 0;
	struct clk_core *core = clk->core, *p = parent ? parent->core : NULL;
	unsigned long f;
	clk_lock_irqsave(f);
	int err = 0;
	if (core->parent == p)
		goto out;
	int idx = p ? parent_index(core, p) : -EINVAL;
	if (idx < 0 || core->num_parents < 2) {
		err = -EINVAL;
		goto out;
	}
	if ((core->flags & CLK_SET_PARENT_GATE) && core->prepare_count) {
		err = -EBUSY;
		goto out;
	}
	/* Announce the rates the subtree will have. */
	calc_subtree(core, recalc(core, p->rate), p, (u8)idx);
	struct clk_core *bad = pre_notify(core);
	if (bad) {
		abort_notify(core, bad);
		err = -EBUSY;
		goto out;
	}
	err = set_parent_hw(core, p, (u8)idx);
	if (err)
		abort_notify(core, NULL);
	else
		recalc_tree(core, true);
out:
	clk_unlock_irqrestore(f);
	return err;
}

static struct clk *alloc_clk(struct clk_core *core, const char *con_id)
{
	struct clk *clk = kzalloc(sizeof *clk, GFP_KERNEL);
	if (!clk)
		return ERR_PTR(-ENOMEM);
	clk->core = core;
	clk->con_id = con_id;
	clk->max_rate = ULONG_MAX;
	unsigned long f;
	clk_lock_irqsave(f);
	list_add_tail(&clk->clks_node, &core->clks);
	clk_unlock_irqrestore(f);
	return clk;
}

struct clk *clk_get_parent(struct clk *clk)
{
	if (!clk || !clk->core->parent)
		return NULL;
	struct clk_hw *hw = clk->core->parent->hw;
	if (!hw->clk)
		hw->clk = alloc_clk(hw->core, NULL);
	return IS_ERR(hw->clk) ? NULL : hw->clk;
}

bool clk_has_parent(const struct clk *clk, const struct clk *parent)
{
	return clk && parent && parent_index(clk->core, parent->core) >= 0;
}

bool clk_is_match(const struct clk *p, const struct clk *q)
{
	return p == q || (p && q && p->core == q->core);
}

const char *__clk_get_name(const struct clk *clk)
{
	return clk ? clk->core->name : NULL;
}

int clk_notifier_register(struct clk *clk, struct notifier_block *nb)
{
	if (!clk || !nb)
		return -EINVAL;
	unsigned long f;
	clk_lock_irqsave(f);
	int err = raw_notifier_chain_register(&clk->core->notifiers, nb);
	clk_unlock_irqrestore(f);
	return err;
}

int clk_notifier_unregister(struct clk *clk, struct notifier_block *nb)
{
	if (!clk || !nb)
		return -EINVAL;
	unsigned long f;
	clk_lock_irqsave(f);
	int err = raw_notifier_chain_unregister(&clk->core->notifiers, nb);
	clk_unlock_irqrestore(f);
	return err;
}

void clk_put(struct clk *clk)
{
	if (IS_ERR_OR_NULL(clk))
		return;
	unsigned long f;
	clk_lock_irqsave(f);
	list_del(&clk->clks_node);
	clk_unlock_irqrestore(f);
	if (clk->core->hw->clk != clk)
		kfree(clk);
}

/* ---- registration ------------------------------------------------------------ */

static const char *parent_name_of(struct device_node *np, const struct clk_init_data *init,
				  unsigned int i)
{
	if (init->parent_names)
		return init->parent_names[i];
	if (init->parent_hws)
		return init->parent_hws[i] ? clk_hw_get_name(init->parent_hws[i]) : NULL;
	if (init->parent_data) {
		const struct clk_parent_data *pd = &init->parent_data[i];
		if (pd->hw)
			return clk_hw_get_name(pd->hw);
		if (np && pd->fw_name) {
			int idx = of_property_match_string(np, "clock-names", pd->fw_name);
			if (idx >= 0)
				return of_clk_get_parent_name(np, idx);
		}
		if (np && !pd->fw_name && !pd->name)
			return of_clk_get_parent_name(np, pd->index);
		return pd->name;
	}
	return NULL;
}

static int register_core(struct device_node *np, struct clk_hw *hw)
{
	const struct clk_init_data *init = hw->init;
	if (!init || !init->name || !init->ops)
		return -EINVAL;
	if (clk_core_lookup(init->name)) {
		pr_err("clk: %s: a clock with this name is already registered\n", init->name);
		return -EEXIST;
	}
	struct clk_core *core = kzalloc(sizeof *core, GFP_KERNEL);
	if (!core)
		return -ENOMEM;
	core->name = kstrdup(init->name, GFP_KERNEL);
	core->parents = init->num_parents ? kcalloc(init->num_parents, sizeof *core->parents,
						     GFP_KERNEL)
					  : NULL;
	if (!core->name || (init->num_parents && !core->parents)) {
		kfree(core->name);
		kfree(core->parents);
		kfree(core);
		return -ENOMEM;
	}
	core->ops = init->ops;
	core->hw = hw;
	core->of_node = np;
	core->flags = init->flags;
	core->num_parents = init->num_parents;
	for (unsigned int i = 0; i < init->num_parents; i++) {
		const char *pn = parent_name_of(np, init, i);
		core->parents[i].name = pn ? kstrdup(pn, GFP_KERNEL) : NULL;
	}
	INIT_LIST_HEAD(&core->children);
	INIT_LIST_HEAD(&core->clks);
	INIT_LIST_HEAD(&core->child_node);
	hw->core = core;

	unsigned long f;
	clk_lock_irqsave(f);
	list_add_tail(&core->all_node, &clk_all_list);
	u8 idx = core->num_parents > 1 && core->ops->get_parent ? core->ops->get_parent(hw) : 0;
	reparent(core, core->num_parents ? parent_by_index(core, idx) : NULL);
	/* The hardware's state at registration counts as nobody's: prepare
	 * and enable start at 0 (clk_disable_unused gates what stays unused). */
	core->rate = core->orphan ? 0 : recalc(core, core_rate(core->parent));
	reparent_orphans();
	int err = 0;
	if (core->flags & CLK_IS_CRITICAL) {
		err = core_prepare(core);
		if (!err && (err = core_enable(core)))
			core_unprepare(core);
	}
	clk_unlock_irqrestore(f);
	if (debug_add)
		debug_add(hw);
	return err;
}

int clk_hw_register(struct device *dev, struct clk_hw *hw)
{
	(void)dev;
	return register_core(NULL, hw);
}

int of_clk_hw_register(struct device_node *np, struct clk_hw *hw)
{
	return register_core(np, hw);
}

void clk_hw_unregister(struct clk_hw *hw)
{
	struct clk_core *core = hw ? hw->core : NULL;
	if (!core)
		return;
	if (debug_remove)
		debug_remove(hw);
	unsigned long f;
	clk_lock_irqsave(f);
	WARN_ON(core->prepare_count || core->enable_count);
	/* Children become orphans again. */
	struct clk_core *c, *n;
	list_for_each_entry_safe(c, n, &core->children, child_node) {
		for (u8 i = 0; i < c->num_parents; i++)
			if (c->parents[i].core == core)
				c->parents[i].core = NULL;
		reparent(c, NULL);
		recalc_tree(c, true);
	}
	list_del(&core->child_node);
	list_del(&core->all_node);
	clk_unlock_irqrestore(f);
	hw->core = NULL;
}

struct clk *clk_hw_get_clk(struct clk_hw *hw, const char *con_id)
{
	if (!hw || !hw->core)
		return ERR_PTR(-ENOENT);
	return alloc_clk(hw->core, con_id);
}

const char *clk_hw_get_name(const struct clk_hw *hw)
{
	return hw->core ? hw->core->name : hw->init ? hw->init->name : NULL;
}

struct clk_hw *clk_hw_get_parent(const struct clk_hw *hw)
{
	return hw->core && hw->core->parent ? hw->core->parent->hw : NULL;
}

unsigned int clk_hw_get_num_parents(const struct clk_hw *hw)
{
	return hw->core ? hw->core->num_parents : 0;
}

struct clk_hw *clk_hw_get_parent_by_index(const struct clk_hw *hw, unsigned int index)
{
	struct clk_core *p = hw->core && index < 256 ? parent_by_index(hw->core, (u8)index) : NULL;
	return p ? p->hw : NULL;
}

unsigned long clk_hw_round_rate(struct clk_hw *hw, unsigned long rate)
{
	struct clk_rate_request req;
	if (!hw->core)
		return 0;
	long r = core_round(hw->core, rate, &req);
	return r < 0 ? 0 : (unsigned long)r;
}

unsigned long clk_hw_get_rate(const struct clk_hw *hw)
{
	return hw->core ? hw->core->rate : 0;
}

unsigned long clk_hw_get_flags(const struct clk_hw *hw)
{
	return hw->core ? hw->core->flags : 0;
}

void clk_hw_get_rate_range(struct clk_hw *hw, unsigned long *min_rate, unsigned long *max_rate)
{
	*min_rate = 0;
	*max_rate = ULONG_MAX;
	if (!hw->core)
		return;
	unsigned long f;
	clk_lock_irqsave(f);
	core_rate_range(hw->core, min_rate, max_rate);
	clk_unlock_irqrestore(f);
}

bool clk_hw_is_prepared(const struct clk_hw *hw)
{
	return hw->core && hw->core->prepare_count;
}

bool clk_hw_is_enabled(const struct clk_hw *hw)
{
	struct clk_core *c = hw->core;
	if (!c)
		return false;
	return c->ops->is_enabled ? c->ops->is_enabled(c->hw) != 0 : c->enable_count != 0;
}

struct clk_hw *__clk_get_hw(struct clk *clk)
{
	return clk ? clk->core->hw : NULL;
}

/* ---- unused clocks --------------------------------------------------------- */

static void disable_unused_subtree(struct clk_core *core)
{
	struct clk_core *c;
	list_for_each_entry(c, &core->children, child_node)
		disable_unused_subtree(c);
	if (core->enable_count || (core->flags & (CLK_IGNORE_UNUSED | CLK_IS_CRITICAL)))
		return;
	if (core->ops->is_enabled && core->ops->is_enabled(core->hw)) {
		pr_debug("clk: disabling unused %s\n", core->name);
		if (core->ops->disable_unused)
			core->ops->disable_unused(core->hw);
		else if (core->ops->disable)
			core->ops->disable(core->hw);
	}
	if (!core->prepare_count && core->ops->unprepare &&
	    (!core->ops->is_prepared || core->ops->is_prepared(core->hw)))
		core->ops->unprepare(core->hw);
}

static bool clk_ignore_unused;

static int clk_ignore_unused_setup(char *arg)
{
	(void)arg;
	clk_ignore_unused = true;
	return 1;
}
__setup("clk_ignore_unused", clk_ignore_unused_setup);

int clk_disable_unused(void)
{
	unsigned long f;
	clk_lock_irqsave(f);
	struct clk_core *c;
	list_for_each_entry(c, &clk_root_list, child_node)
		disable_unused_subtree(c);
	list_for_each_entry(c, &clk_orphan_list, child_node)
		disable_unused_subtree(c);
	clk_unlock_irqrestore(f);
	return 0;
}

/* Late init, after every driver had its chance to enable its clocks. */
static int clk_disable_unused_init(void)
{
	if (clk_ignore_unused) {
		pr_warn("clk: Not disabling unused clocks\n");
		return 0;
	}
	return clk_disable_unused();
}
late_initcall(clk_disable_unused_init);

/* ---- walking, for the summary ---------------------------------------------- */

static void walk(struct clk_core *core, unsigned int level,
		 void (*fn)(const struct clk_summary_entry *e, void *arg), void *arg)
{
	struct clk_summary_entry e = {
		.name = core->name,
		.level = level,
		.enable_count = core->enable_count,
		.prepare_count = core->prepare_count,
		.rate = core->rate,
		.hw_enabled = core->ops->is_enabled ? core->ops->is_enabled(core->hw) != 0
						      : core->enable_count != 0,
		.orphan = core->orphan,
	};
	fn(&e, arg);
	struct clk_core *c;
	list_for_each_entry(c, &core->children, child_node)
		walk(c, level + 1, fn, arg);
}

void clk_summary_walk(void (*fn)(const struct clk_summary_entry *e, void *arg), void *arg)
{
	unsigned long f;
	clk_lock_irqsave(f);
	struct clk_core *c;
	list_for_each_entry(c, &clk_root_list, child_node)
		walk(c, 0, fn, arg);
	list_for_each_entry(c, &clk_orphan_list, child_node)
		walk(c, 0, fn, arg);
	clk_unlock_irqrestore(f);
}

/* ---- for debugfs ---------------------------------------------------------------- */

void clk_debug_set_hooks(void (*add)(struct clk_hw *hw), void (*remove)(struct clk_hw *hw))
{
	unsigned long f;
	clk_lock_irqsave(f);
	debug_add = add;
	debug_remove = remove;
	clk_unlock_irqrestore(f);
	/* The clocks registered so far (at late init: nothing unregisters
	 * clocks concurrently). */
	struct clk_core *c;
	list_for_each_entry(c, &clk_all_list, all_node)
		add(c->hw);
}

void clk_hw_debug_counts(const struct clk_hw *hw, struct clk_debug_counts *n)
{
	memset(n, 0, sizeof *n);
	struct clk_core *c = hw->core;
	if (!c)
		return;
	unsigned long f;
	clk_lock_irqsave(f);
	n->prepare = c->prepare_count;
	n->enable = c->enable_count;
	for (struct notifier_block *nb = c->notifiers.head; nb; nb = nb->next)
		n->notifiers++;
	clk_unlock_irqrestore(f);
}

const char *clk_hw_debug_parent_name(const struct clk_hw *hw, unsigned int index)
{
	struct clk_core *c = hw->core;
	if (!c || index >= c->num_parents)
		return NULL;
	struct clk_core *p = parent_by_index(c, (u8)index);
	return p ? p->name : c->parents[index].name;
}

int clk_hw_debug_set_rate(struct clk_hw *hw, unsigned long rate)
{
	if (!hw->core)
		return -ENOENT;
	unsigned long f;
	clk_lock_irqsave(f);
	int err = core_set_rate(hw->core, rate);
	clk_unlock_irqrestore(f);
	return err;
}

struct clk *clk_hw_debug_clk(struct clk_hw *hw)
{
	if (!hw->core)
		return ERR_PTR(-ENOENT);
	if (!hw->clk)
		hw->clk = alloc_clk(hw->core, NULL);
	return hw->clk;
}
