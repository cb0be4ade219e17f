/*
 * /sys/kernel/debug/regulator/regulator_summary (Linux's
 * drivers/regulator/core.c debugfs part), in Linux's columns: each
 * regulator under its supply, with its use and open counts, mode, voltage
 * and constraints, and under it each consumer with its enable count, load
 * and requested range (a supply link between regulators is a consumer
 * too, named "<regulator>-vin"). Bypass and current limits are not
 * modelled: 0.
 */
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/regulator/consumer.h>
#include <linux/regulator/driver.h>
#include <linux/seq_file.h>

#include "internal.h"

static const char *opmode_name(struct regulator_dev *rdev)
{
	const struct regulator_ops *ops = rdev->desc->ops;
	unsigned int mode = ops && ops->get_mode ? ops->get_mode(rdev) : REGULATOR_MODE_NORMAL;
	switch (mode) {
	case REGULATOR_MODE_FAST: return "fast";
	case REGULATOR_MODE_NORMAL: return "normal";
	case REGULATOR_MODE_IDLE: return "idle";
	case REGULATOR_MODE_STANDBY: return "standby";
	}
	return "unknown";
}

static void summary_one(struct regulator_dev *rdev, unsigned int level, void *arg)
{
	struct seq_file *s = arg;
	struct regulation_constraints *c = rdev->constraints;
	int lv = (int)level;
	struct regulator r = { .rdev = rdev };
	int uv = regulator_get_voltage(&r);
	seq_printf(s, "%*s%-*s %3u %4u %6d %7s %5dmV %5dmA %5dmV %5dmV\n", lv * 3 + 1, "",
		   30 - lv * 3, rdev_get_name(rdev), rdev->use_count, rdev->open_count, 0,
		   opmode_name(rdev), uv < 0 ? 0 : uv / 1000, 0, c->min_uV / 1000,
		   c->max_uV / 1000);
	struct regulator *con;
	list_for_each_entry(con, &rdev->consumer_list, list)
		seq_printf(s, "%*s%-*s %3u %33dmA%c%5dmV %5dmV\n", (lv + 1) * 3 + 1, "",
			   30 - (lv + 1) * 3, con->supply_name, con->enable_count,
			   con->uA_load / 1000, con->uA_load && !con->enable_count ? '*' : ' ',
			   con->min_uV / 1000, con->max_uV / 1000);
}

static int regulator_summary_show(struct seq_file *s, void *data)
{
	(void)data;
	seq_puts(s, " regulator                      use open bypass  opmode voltage current     min     max\n");
	seq_puts(s, "---------------------------------------------------------------------------------------\n");
	regulator_summary_walk(summary_one, s);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(regulator_summary);

static int regulator_debug_init(void)
{
	struct dentry *d = debugfs_create_dir("regulator", NULL);
	debugfs_create_file("regulator_summary", 0444, d, NULL, &regulator_summary_fops);
	return 0;
}
late_initcall(regulator_debug_init);
