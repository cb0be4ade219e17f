/*
 * The clock consumer API (include/linux/clk.h): a driver gets its clocks
 * by the DT's `clocks`/`clock-names`, prepares and enables them (counted:
 * a clock runs while anyone has it enabled, and its parents with it),
 * reads and requests rates, and can watch rate changes. drivers/clk/clk.c.
 */
#ifndef _LINUX_CLK_H
#define _LINUX_CLK_H

#include <linux/notifier.h>
#include <linux/types.h>

struct clk;
struct device;
struct device_node;

/* Rate-change notifications (clk_notifier_register), with the old and new
 * rates in struct clk_notifier_data. A PRE_RATE_CHANGE callback returning
 * NOTIFY_BAD vetoes the change (the others then get ABORT_RATE_CHANGE). */
#define PRE_RATE_CHANGE 0x1
#define POST_RATE_CHANGE 0x2
#define ABORT_RATE_CHANGE 0x4

struct clk_notifier_data {
	struct clk *clk;
	unsigned long old_rate;
	unsigned long new_rate;
};

struct clk *of_clk_get(struct device_node *np, int index);
struct clk *of_clk_get_by_name(struct device_node *np, const char *name);
/* By `clock-names` entry `id` of the device's node (NULL: the first). */
struct clk *clk_get(struct device *dev, const char *id);
struct clk *devm_clk_get(struct device *dev, const char *id);
struct clk *devm_clk_get_optional(struct device *dev, const char *id);
struct clk *devm_clk_get_prepared(struct device *dev, const char *id);
struct clk *devm_clk_get_enabled(struct device *dev, const char *id);
void clk_put(struct clk *clk);

int clk_prepare(struct clk *clk);
void clk_unprepare(struct clk *clk);
int clk_enable(struct clk *clk);
void clk_disable(struct clk *clk);
int clk_prepare_enable(struct clk *clk);
void clk_disable_unprepare(struct clk *clk);

unsigned long clk_get_rate(struct clk *clk);
long clk_round_rate(struct clk *clk, unsigned long rate);
int clk_set_rate(struct clk *clk, unsigned long rate);
int clk_set_rate_range(struct clk *clk, unsigned long min, unsigned long max);
int clk_set_min_rate(struct clk *clk, unsigned long rate);
int clk_set_max_rate(struct clk *clk, unsigned long rate);
int clk_set_parent(struct clk *clk, struct clk *parent);
struct clk *clk_get_parent(struct clk *clk);
bool clk_has_parent(const struct clk *clk, const struct clk *parent);
bool clk_is_match(const struct clk *p, const struct clk *q);
const char *__clk_get_name(const struct clk *clk);

int clk_notifier_register(struct clk *clk, struct notifier_block *nb);
int clk_notifier_unregister(struct clk *clk, struct notifier_block *nb);

#endif
