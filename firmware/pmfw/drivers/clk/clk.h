/* The clk framework's internals shared by its files. */
#ifndef _DRIVERS_CLK_CLK_H
#define _DRIVERS_CLK_CLK_H

#include <linux/types.h>

/* One clock in the tree, as /sys/kernel/debug/clk/clk_summary shows it. */
struct clk_summary_entry {
	const char *name;
	unsigned int level;            /* depth in the tree */
	unsigned int enable_count, prepare_count;
	unsigned long rate;
	bool hw_enabled;               /* what the hardware says */
	bool orphan;
};

/* Every clock, roots first, depth first. */
void clk_summary_walk(void (*fn)(const struct clk_summary_entry *e, void *arg), void *arg);
/* Gate what runs but nobody enabled (late init). */
int clk_disable_unused(void);

/* debugfs (clk-debugfs.c): add is called for every clock registered so
 * far and from now on, remove before a clock is unregistered. */
struct clk_hw;
struct clk;
void clk_debug_set_hooks(void (*add)(struct clk_hw *hw), void (*remove)(struct clk_hw *hw));
struct clk_debug_counts {
	unsigned int prepare, enable, notifiers;
};
void clk_hw_debug_counts(const struct clk_hw *hw, struct clk_debug_counts *n);
/* Possible parent `index`: the registered clock's name, else the name it
 * was given, else NULL. */
const char *clk_hw_debug_parent_name(const struct clk_hw *hw, unsigned int index);
/* clk_set_rate on the clock itself (its consumers' ranges apply). */
int clk_hw_debug_set_rate(struct clk_hw *hw, unsigned long rate);
/* The provider's own struct clk for the clock (hw->clk), made if needed. */
struct clk *clk_hw_debug_clk(struct clk_hw *hw);

#endif
