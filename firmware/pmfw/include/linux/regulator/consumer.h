/*
 * The regulator consumer API (include/linux/regulator/consumer.h): a
 * device gets its supplies by the DT's `<name>-supply`, enables them
 * (counted: a regulator is on while any consumer has it enabled, and its
 * own supply with it) and asks for voltages as ranges; the framework sets
 * the lowest voltage that every consumer's range accepts.
 * drivers/regulator/core.c.
 */
#ifndef _LINUX_REGULATOR_CONSUMER_H
#define _LINUX_REGULATOR_CONSUMER_H

#include <linux/notifier.h>
#include <linux/types.h>

struct device;
struct device_node;
struct regulator;

/* Events (regulator_register_notifier), Linux's values. */
#define REGULATOR_EVENT_UNDER_VOLTAGE 0x01
#define REGULATOR_EVENT_OVER_CURRENT 0x02
#define REGULATOR_EVENT_REGULATION_OUT 0x04
#define REGULATOR_EVENT_FAIL 0x08
#define REGULATOR_EVENT_OVER_TEMP 0x10
#define REGULATOR_EVENT_FORCE_DISABLE 0x20
#define REGULATOR_EVENT_VOLTAGE_CHANGE 0x40
#define REGULATOR_EVENT_DISABLE 0x80
#define REGULATOR_EVENT_PRE_VOLTAGE_CHANGE 0x100
#define REGULATOR_EVENT_ABORT_VOLTAGE_CHANGE 0x200
#define REGULATOR_EVENT_PRE_DISABLE 0x400
#define REGULATOR_EVENT_ABORT_DISABLE 0x800
#define REGULATOR_EVENT_ENABLE 0x1000

struct pre_voltage_change_data {
	unsigned long old_uV;
	unsigned long min_uV;
	unsigned long max_uV;
};

/* Operating modes (regulator_set_mode, regulator-allowed-modes). */
#define REGULATOR_MODE_INVALID 0x0
#define REGULATOR_MODE_FAST 0x1
#define REGULATOR_MODE_NORMAL 0x2
#define REGULATOR_MODE_IDLE 0x4
#define REGULATOR_MODE_STANDBY 0x8

struct regulator *regulator_get(struct device *dev, const char *id);
struct regulator *regulator_get_optional(struct device *dev, const char *id);
struct regulator *devm_regulator_get(struct device *dev, const char *id);
struct regulator *devm_regulator_get_optional(struct device *dev, const char *id);
/* By DT node and supply name, for code without a struct device (a power
 * domain provider, the cpu node). */
struct regulator *of_regulator_get(struct device_node *np, const char *consumer,
				   const char *id);
/* The regulator of DT node reg_np itself, for bindings that list
 * regulators by phandle rather than `<id>-supply` (pmsim's PMU:
 * pmsim,domain-supplies); -EPROBE_DEFER until it is registered. A pmfw
 * addition. */
struct regulator *regulator_get_by_node(struct device *dev, struct device_node *reg_np,
				       const char *name);
void regulator_put(struct regulator *regulator);

int regulator_enable(struct regulator *regulator);
int regulator_disable(struct regulator *regulator);
int regulator_force_disable(struct regulator *regulator);
int regulator_is_enabled(struct regulator *regulator);

int regulator_set_voltage(struct regulator *regulator, int min_uV, int max_uV);
int regulator_get_voltage(struct regulator *regulator);
int regulator_is_supported_voltage(struct regulator *regulator, int min_uV, int max_uV);
int regulator_count_voltages(struct regulator *regulator);
int regulator_list_voltage(struct regulator *regulator, unsigned int selector);
int regulator_set_voltage_time(struct regulator *regulator, int old_uV, int new_uV);
int regulator_set_load(struct regulator *regulator, int load_uA);
int regulator_set_mode(struct regulator *regulator, unsigned int mode);
unsigned int regulator_get_mode(struct regulator *regulator);

int regulator_register_notifier(struct regulator *regulator, struct notifier_block *nb);
int regulator_unregister_notifier(struct regulator *regulator, struct notifier_block *nb);

#endif
