/* The OPP library's internals (Linux's drivers/opp/opp.h). */
#ifndef _DRIVERS_OPP_OPP_H
#define _DRIVERS_OPP_OPP_H

#include <linux/list.h>
#include <linux/pm_opp.h>

struct clk;
struct device_node;
struct regulator;

struct dev_pm_opp {
	struct list_head node; /* in its table's opp_list, ascending rate */
	struct opp_table *opp_table;
	unsigned long rate;    /* Hz */
	unsigned long clock_latency_ns;
	struct dev_pm_opp_supply supply;
	bool available;
	bool turbo;
	bool suspend;
	struct device_node *np;
};

struct opp_table {
	struct list_head node; /* in the list of tables */
	struct list_head opp_list;
	struct device *dev;
	struct device_node *np; /* the operating-points-v2 node, or NULL */
	unsigned long clock_latency_ns_max;
	struct dev_pm_opp *suspend_opp;
	bool shared_opp;
	/* What dev_pm_opp_set_rate drives: the device's clock (clk_get(dev,
	 * NULL), an error pointer without one) and supply (from
	 * dev_pm_opp_set_regulators, or NULL); the OPP it last set. */
	struct clk *clk;
	struct regulator *regulator;
	struct dev_pm_opp *current_opp;
};

struct opp_table *_find_opp_table(struct device *dev);
struct opp_table *_add_opp_table(struct device *dev);
/* The OPPs and the clock go; the table (and its regulator) stays. */
void _opp_remove_opps(struct opp_table *table);
/* All of it, the table too. */
void _opp_remove_all(struct opp_table *table);
/* Insert opp in rate order; -EEXIST for a duplicate rate. */
int _opp_add(struct opp_table *table, struct dev_pm_opp *opp);

#endif
