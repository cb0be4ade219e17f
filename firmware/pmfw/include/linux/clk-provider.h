/*
 * The clock provider API (include/linux/clk-provider.h): a clock is a
 * struct clk_hw with ops; the framework (drivers/clk/clk.c) keeps the
 * tree, the counts and the cached rates, and calls the ops.
 */
#ifndef _LINUX_CLK_PROVIDER_H
#define _LINUX_CLK_PROVIDER_H

#include <linux/clk.h>
#include <linux/init.h>
#include <linux/of.h>

#define CLK_SET_RATE_GATE BIT(0)   /* must be gated across a rate change */
#define CLK_SET_PARENT_GATE BIT(1) /* must be gated across a re-parent */
#define CLK_SET_RATE_PARENT BIT(2) /* propagate rate change up one level */
#define CLK_IGNORE_UNUSED BIT(3)   /* do not gate if unused */
#define CLK_GET_RATE_NOCACHE BIT(6)
#define CLK_SET_RATE_NO_REPARENT BIT(7)
#define CLK_IS_CRITICAL BIT(11)    /* never gated: prepared and enabled at registration */

struct clk_hw;
struct clk_core;

struct clk_rate_request {
	unsigned long rate;
	unsigned long min_rate, max_rate;
	unsigned long best_parent_rate;
	struct clk_hw *best_parent_hw;
};

struct clk_ops {
	int (*prepare)(struct clk_hw *hw);
	void (*unprepare)(struct clk_hw *hw);
	int (*is_prepared)(struct clk_hw *hw);
	int (*enable)(struct clk_hw *hw);
	void (*disable)(struct clk_hw *hw);
	int (*is_enabled)(struct clk_hw *hw);
	void (*disable_unused)(struct clk_hw *hw);
	unsigned long (*recalc_rate)(struct clk_hw *hw, unsigned long parent_rate);
	long (*round_rate)(struct clk_hw *hw, unsigned long rate, unsigned long *parent_rate);
	int (*determine_rate)(struct clk_hw *hw, struct clk_rate_request *req);
	int (*set_parent)(struct clk_hw *hw, u8 index);
	u8 (*get_parent)(struct clk_hw *hw);
	int (*set_rate)(struct clk_hw *hw, unsigned long rate, unsigned long parent_rate);
};

/* A parent by the provider's `clocks` entry (index, or name in
 * `clock-names`), by struct clk_hw, or by global clock name. */
struct clk_parent_data {
	const struct clk_hw *hw;
	const char *fw_name;
	const char *name;
	int index;
};

struct clk_init_data {
	const char *name;
	const struct clk_ops *ops;
	const char *const *parent_names;
	const struct clk_parent_data *parent_data;
	const struct clk_hw **parent_hws;
	u8 num_parents;
	unsigned long flags;
};

struct clk_hw {
	struct clk_core *core;
	struct clk *clk;
	const struct clk_init_data *init;
};

int clk_hw_register(struct device *dev, struct clk_hw *hw);
/* As clk_hw_register, with the provider's DT node (for parent_data). */
int of_clk_hw_register(struct device_node *np, struct clk_hw *hw);
void clk_hw_unregister(struct clk_hw *hw);
struct clk *clk_hw_get_clk(struct clk_hw *hw, const char *con_id);

const char *clk_hw_get_name(const struct clk_hw *hw);
struct clk_hw *clk_hw_get_parent(const struct clk_hw *hw);
unsigned int clk_hw_get_num_parents(const struct clk_hw *hw);
struct clk_hw *clk_hw_get_parent_by_index(const struct clk_hw *hw, unsigned int index);
unsigned long clk_hw_get_rate(const struct clk_hw *hw);
/* What hw would run at if asked for rate (0 if it cannot). */
unsigned long clk_hw_round_rate(struct clk_hw *hw, unsigned long rate);
unsigned long clk_hw_get_flags(const struct clk_hw *hw);
/* The rate range every consumer of the clock accepts. */
void clk_hw_get_rate_range(struct clk_hw *hw, unsigned long *min_rate, unsigned long *max_rate);
bool clk_hw_is_prepared(const struct clk_hw *hw);
bool clk_hw_is_enabled(const struct clk_hw *hw);
struct clk_hw *__clk_get_hw(struct clk *clk);

/* Providers: a DT node whose `#clock-cells` consumers index. */
struct clk_hw_onecell_data {
	unsigned int num;
	struct clk_hw *hws[];
};
int of_clk_add_hw_provider(struct device_node *np,
			   struct clk_hw *(*get)(struct of_phandle_args *spec, void *data),
			   void *data);
void of_clk_del_provider(struct device_node *np);
struct clk_hw *of_clk_hw_simple_get(struct of_phandle_args *spec, void *data);
struct clk_hw *of_clk_hw_onecell_get(struct of_phandle_args *spec, void *data);
/* The name of the clock `np`'s `clocks` entry `index` names (its
 * provider's clock-output-names, or the node's name), or NULL. */
const char *of_clk_get_parent_name(const struct device_node *np, int index);
unsigned int of_clk_get_parent_count(const struct device_node *np);

/* Clock providers needed before the device model (the timer's): run by
 * of_clk_init() from time_init, parents' providers first. */
typedef void (*of_clk_init_cb_t)(struct device_node *np);
struct of_device_id_clk {
	const char *compatible;
	of_clk_init_cb_t init;
};
#define CLK_OF_DECLARE(name, compat, fn)                                               \
	static const struct of_device_id_clk __clk_of_table_##name __used                 \
		__section(".clk_of_table") __aligned(4) = { compat, fn }
void of_clk_init(const void *matches);

/* The basic clock kinds (clk-fixed-rate.c, clk-gate.c, clk-divider.c,
 * clk-mux.c are not separate here: pmsim's CMU registers its own). */
struct clk_hw *clk_hw_register_fixed_rate(struct device *dev, const char *name,
					  const char *parent_name, unsigned long flags,
					  unsigned long fixed_rate);

#endif
