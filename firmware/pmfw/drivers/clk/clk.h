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

#endif
