/*
 * /sys/kernel/debug/clk/clk_summary (Linux's drivers/clk/clk.c debugfs
 * part): every clock, indented under its parent, with its counts and
 * rate, in Linux's columns (protect counts, accuracy and phase are not
 * modelled: 0; the duty cycle is 50 %, written as Linux does, 50000), and
 * a last column saying whether the hardware has it running. The tree is
 * copied under the framework's lock, then printed without it (printing
 * goes to the console, slowly).
 */
#include <linux/debugfs.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "clk.h"

struct summary_copy {
	struct clk_summary_entry *e;
	unsigned int n, cap;
};

static void count_one(const struct clk_summary_entry *e, void *arg)
{
	(void)e;
	((struct summary_copy *)arg)->cap++;
}

static void copy_one(const struct clk_summary_entry *e, void *arg)
{
	struct summary_copy *c = arg;
	if (c->n < c->cap)
		c->e[c->n++] = *e;
}

static int clk_summary_show(struct seq_file *s, void *data)
{
	(void)data;
	struct summary_copy c = { 0 };
	clk_summary_walk(count_one, &c);
	c.cap += 4; /* clocks registered meanwhile are left for next time */
	c.e = kcalloc(c.cap, sizeof *c.e, GFP_KERNEL);
	if (!c.e)
		return -ENOMEM;
	clk_summary_walk(copy_one, &c);
	seq_puts(s, "                                 enable  prepare  protect                                duty  hardware\n");
	seq_puts(s, "   clock                          count    count    count        rate   accuracy phase  cycle    enable\n");
	seq_puts(s, "-------------------------------------------------------------------------------------------------------\n");
	for (unsigned int i = 0; i < c.n; i++) {
		const struct clk_summary_entry *e = &c.e[i];
		int ind = (int)e->level * 3 + 1;
		seq_printf(s, "%*s%-*s %7u %8u %8u %11lu %10lu %5d %6d %9s\n", ind, "",
			   30 - (int)e->level * 3, e->name, e->enable_count, e->prepare_count, 0u,
			   e->rate, 0ul, 0, 50000, e->hw_enabled ? "Y" : "N");
	}
	kfree(c.e);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(clk_summary);

static int clk_debug_init(void)
{
	struct dentry *d = debugfs_create_dir("clk", NULL);
	debugfs_create_file("clk_summary", 0444, d, NULL, &clk_summary_fops);
	return 0;
}
late_initcall(clk_debug_init);
