/*
 * /sys/kernel/debug/clk/clk_summary (Linux's drivers/clk/clk.c debugfs
 * part): every clock, indented under its parent, with its counts and
 * rate, in Linux's columns (protect counts, accuracy and phase are not
 * modelled: 0; the duty cycle is 50 %, written as Linux does, 50000), and
 * a last column saying whether the hardware has it running. The tree is
 * copied under the framework's lock, then printed without it (printing
 * goes to the console, slowly).
 */
#include <linux/clk-provider.h>
#include <linux/clk.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

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

/* ---- one directory per clock ------------------------------------------------------ */

/* /sys/kernel/debug/clk/<name>/, Linux's files. pmfw is a kernel for
 * studying power management, so it is built as Linux is with
 * CLOCK_ALLOW_WRITE_DEBUGFS: clk_rate, clk_prepare_enable and (for a
 * clock with several parents) clk_parent can be written. */

static struct dentry *clk_debugfs_root;

static int clk_rate_get(void *data, u64 *val)
{
	*val = clk_hw_get_rate(data);
	return 0;
}

static int clk_rate_set(void *data, u64 val)
{
	if (val > ULONG_MAX)
		return -ERANGE;
	return clk_hw_debug_set_rate(data, (unsigned long)val);
}
DEFINE_DEBUGFS_ATTRIBUTE(clk_rate_fops, clk_rate_get, clk_rate_set, "%llu\n");

static int clk_prepare_enable_get(void *data, u64 *val)
{
	struct clk_debug_counts n;
	clk_hw_debug_counts(data, &n);
	*val = n.enable && n.prepare;
	return 0;
}

/* As Linux: 1 prepares and enables the clock once more, 0 takes one of
 * those back (debugfs's own count, on the provider's struct clk). */
static int clk_prepare_enable_set(void *data, u64 val)
{
	struct clk *clk = clk_hw_debug_clk(data);
	if (IS_ERR(clk))
		return (int)PTR_ERR(clk);
	if (val)
		return clk_prepare_enable(clk);
	struct clk_debug_counts n;
	clk_hw_debug_counts(data, &n);
	if (!n.enable || !n.prepare)
		return -EINVAL; /* Linux would warn of an unbalanced disable */
	clk_disable_unprepare(clk);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(clk_prepare_enable_fops, clk_prepare_enable_get,
			 clk_prepare_enable_set, "%llu\n");

#define COUNT_ATTR(field)                                                    \
	static int clk_##field##_get(void *data, u64 *val)                   \
	{                                                                    \
		struct clk_debug_counts n;                                   \
		clk_hw_debug_counts(data, &n);                               \
		*val = n.field;                                              \
		return 0;                                                    \
	}                                                                    \
	DEFINE_DEBUGFS_ATTRIBUTE(clk_##field##_fops, clk_##field##_get, NULL, "%llu\n")
COUNT_ATTR(prepare);
COUNT_ATTR(enable);
COUNT_ATTR(notifiers);

/* Not modelled: accuracy and phase are 0, nothing is protected. */
static int clk_zero_get(void *data, u64 *val)
{
	(void)data;
	*val = 0;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(clk_zero_fops, clk_zero_get, NULL, "%llu\n");

static int clk_min_rate_show(struct seq_file *s, void *data)
{
	unsigned long min, max;
	(void)data;
	clk_hw_get_rate_range(s->private, &min, &max);
	seq_printf(s, "%lu\n", min);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(clk_min_rate);

static int clk_max_rate_show(struct seq_file *s, void *data)
{
	unsigned long min, max;
	(void)data;
	clk_hw_get_rate_range(s->private, &min, &max);
	seq_printf(s, "%lu\n", max);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(clk_max_rate);

static int clk_duty_cycle_show(struct seq_file *s, void *data)
{
	(void)data;
	seq_puts(s, "1/2\n"); /* 50 %, as the summary says */
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(clk_duty_cycle);

static const struct {
	unsigned long flag;
	const char *name;
} clk_flag_names[] = {
#define ENTRY(f) { f, #f }
	ENTRY(CLK_SET_RATE_GATE),
	ENTRY(CLK_SET_PARENT_GATE),
	ENTRY(CLK_SET_RATE_PARENT),
	ENTRY(CLK_IGNORE_UNUSED),
	ENTRY(CLK_GET_RATE_NOCACHE),
	ENTRY(CLK_SET_RATE_NO_REPARENT),
	ENTRY(CLK_IS_CRITICAL),
#undef ENTRY
};

static int clk_flags_show(struct seq_file *s, void *data)
{
	(void)data;
	unsigned long flags = clk_hw_get_flags(s->private);
	for (size_t i = 0; flags && i < ARRAY_SIZE(clk_flag_names); i++)
		if (flags & clk_flag_names[i].flag) {
			seq_printf(s, "%s\n", clk_flag_names[i].name);
			flags &= ~clk_flag_names[i].flag;
		}
	if (flags)
		seq_printf(s, "0x%lx\n", flags); /* unknown flags */
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(clk_flags);

static int clk_parent_show(struct seq_file *s, void *data)
{
	(void)data;
	struct clk_hw *parent = clk_hw_get_parent(s->private);
	if (parent)
		seq_printf(s, "%s\n", clk_hw_get_name(parent));
	return 0;
}

static int clk_parent_open(struct inode *inode, struct file *file)
{
	return single_open(file, clk_parent_show, inode->i_private);
}

/* Linux's: the index of the new parent among the possible ones. */
static ssize_t clk_parent_write(struct file *file, const char __user *buf, size_t count,
				loff_t *ppos)
{
	struct seq_file *s = file->private_data;
	struct clk_hw *hw = s->private;
	char text[8];
	unsigned int idx;
	(void)ppos;
	if (count >= sizeof text)
		return -EINVAL;
	memcpy(text, buf, count);
	text[count] = '\0';
	int err = kstrtouint(strim(text), 0, &idx);
	if (err)
		return err;
	if (idx > 255)
		return -ERANGE;
	struct clk_hw *parent = clk_hw_get_parent_by_index(hw, idx);
	if (!parent)
		return -ENOENT;
	struct clk *clk = clk_hw_debug_clk(hw), *pclk = clk_hw_debug_clk(parent);
	if (IS_ERR(clk) || IS_ERR(pclk))
		return -ENOMEM;
	err = clk_set_parent(clk, pclk);
	return err ? err : (ssize_t)count;
}

static const struct file_operations clk_parent_ro_fops = {
	.open = clk_parent_open, .read_iter = seq_read_iter, .release = single_release,
};
static const struct file_operations clk_parent_rw_fops = {
	.open = clk_parent_open, .read_iter = seq_read_iter, .write = clk_parent_write,
	.release = single_release,
};

static int clk_possible_parents_show(struct seq_file *s, void *data)
{
	(void)data;
	struct clk_hw *hw = s->private;
	unsigned int n = clk_hw_get_num_parents(hw);
	for (unsigned int i = 0; i < n; i++) {
		const char *name = clk_hw_debug_parent_name(hw, i);
		seq_printf(s, "%s%c", name ? name : "(missing)", i + 1 < n ? ' ' : '\n');
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(clk_possible_parents);

static void clk_debug_add(struct clk_hw *hw)
{
	struct dentry *d = debugfs_create_dir(clk_hw_get_name(hw), clk_debugfs_root);
	debugfs_create_file("clk_rate", 0644, d, hw, &clk_rate_fops);
	debugfs_create_file("clk_min_rate", 0444, d, hw, &clk_min_rate_fops);
	debugfs_create_file("clk_max_rate", 0444, d, hw, &clk_max_rate_fops);
	debugfs_create_file("clk_accuracy", 0444, d, hw, &clk_zero_fops);
	debugfs_create_file("clk_phase", 0444, d, hw, &clk_zero_fops);
	debugfs_create_file("clk_flags", 0444, d, hw, &clk_flags_fops);
	debugfs_create_file("clk_prepare_count", 0444, d, hw, &clk_prepare_fops);
	debugfs_create_file("clk_enable_count", 0444, d, hw, &clk_enable_fops);
	debugfs_create_file("clk_protect_count", 0444, d, hw, &clk_zero_fops);
	debugfs_create_file("clk_notifier_count", 0444, d, hw, &clk_notifiers_fops);
	debugfs_create_file("clk_duty_cycle", 0444, d, hw, &clk_duty_cycle_fops);
	debugfs_create_file("clk_prepare_enable", 0644, d, hw, &clk_prepare_enable_fops);
	unsigned int n = clk_hw_get_num_parents(hw);
	if (n > 1) {
		debugfs_create_file("clk_parent", 0644, d, hw, &clk_parent_rw_fops);
		debugfs_create_file("clk_possible_parents", 0444, d, hw,
				    &clk_possible_parents_fops);
	} else if (n) {
		debugfs_create_file("clk_parent", 0444, d, hw, &clk_parent_ro_fops);
	}
}

static void clk_debug_remove(struct clk_hw *hw)
{
	debugfs_lookup_and_remove(clk_hw_get_name(hw), clk_debugfs_root);
}

static int clk_debug_init(void)
{
	clk_debugfs_root = debugfs_create_dir("clk", NULL);
	debugfs_create_file("clk_summary", 0444, clk_debugfs_root, NULL, &clk_summary_fops);
	clk_debug_set_hooks(clk_debug_add, clk_debug_remove);
	return 0;
}
late_initcall(clk_debug_init);
