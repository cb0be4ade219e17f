/*
 * The regulator framework (Linux's drivers/regulator/core.c, written for
 * pmfw):
 *
 *  - a consumer is a struct regulator, got by the DT's `<id>-supply`
 *    (a device without one gets the always-on dummy regulator, as Linux
 *    does; regulator_get_optional says -ENODEV instead);
 *  - enable/disable are counted: the first enable switches the regulator
 *    on (its own supply first, then waits the enable time), the last
 *    disable switches it off (then releases the supply); always-on
 *    regulators hold one count of their own and never go off;
 *  - each consumer asks for a voltage range; the regulator runs at the
 *    lowest voltage inside every consumer's range and its constraints
 *    (-EINVAL if there is none), announced to notifiers before
 *    (REGULATOR_EVENT_PRE_VOLTAGE_CHANGE, which may refuse) and after
 *    (VOLTAGE_CHANGE), and waited for (the ramp) before returning, so a
 *    consumer that raised its voltage can use it at once;
 *  - constraints come from the DT (of_regulator.c); a regulator whose
 *    minimum and maximum are equal is set to that voltage at
 *    registration.
 *
 * Locking: one core; the framework's state changes with interrupts off,
 * but the waits (enable time, ramps) happen outside it, in the calling
 * thread: regulator calls may sleep and are not for interrupt handlers.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/workqueue.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/regulator/consumer.h>
#include <linux/regulator/driver.h>
#include <linux/regulator/machine.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "internal.h"

static LIST_HEAD(regulator_list);
static DEFINE_SPINLOCK(regulator_lock);

#define rdev_err(rdev, fmt, ...) pr_err("%s: " fmt, rdev_get_name(rdev), ##__VA_ARGS__)
#define rdev_info(rdev, fmt, ...) pr_info("%s: " fmt, rdev_get_name(rdev), ##__VA_ARGS__)

const char *rdev_get_name(struct regulator_dev *rdev)
{
	if (rdev->constraints && rdev->constraints->name)
		return rdev->constraints->name;
	return rdev->desc->name ? rdev->desc->name : "";
}

void *rdev_get_drvdata(struct regulator_dev *rdev)
{
	return rdev->reg_data;
}

int regulator_notifier_call_chain(struct regulator_dev *rdev, unsigned long event, void *data)
{
	return blocking_notifier_call_chain(&rdev->notifier, event, data);
}

/* ---- the dummy regulator ---------------------------------------------------- */

static const struct regulator_desc dummy_desc = { .name = "regulator-dummy" };
static struct regulation_constraints dummy_constraints = {
	.name = "regulator-dummy",
	.always_on = true,
};
static struct regulator_dev dummy_rdev = {
	.desc = &dummy_desc,
	.constraints = &dummy_constraints,
	.list = LIST_HEAD_INIT(dummy_rdev.list),
	.consumer_list = LIST_HEAD_INIT(dummy_rdev.consumer_list),
	.use_count = 1,
};

/* ---- lookups ------------------------------------------------------------------ */

struct regulator_dev *rdev_by_node(const struct device_node *np)
{
	struct regulator_dev *r;
	list_for_each_entry(r, &regulator_list, list)
		if (r->of_node == np)
			return r;
	return NULL;
}

/* The node `<id>-supply` of np names: the regulator, NULL with *err =
 * -ENODEV if np has no such property, -EPROBE_DEFER if it names a node
 * not (yet) registered as a regulator. */
static struct regulator_dev *supply_of(const struct device_node *np, const char *id, int *err)
{
	char prop[48];
	snprintf(prop, sizeof prop, "%s-supply", id);
	struct device_node *sn = np ? of_parse_phandle(np, prop, 0) : NULL;
	if (!sn) {
		*err = -ENODEV;
		return NULL;
	}
	struct regulator_dev *r = rdev_by_node(sn);
	*err = r ? 0 : -EPROBE_DEFER;
	return r;
}

/* ---- voltages ------------------------------------------------------------------- */

static int rdev_get_voltage(struct regulator_dev *rdev)
{
	const struct regulator_ops *ops = rdev->desc->ops;
	if (ops && ops->get_voltage)
		return ops->get_voltage(rdev);
	if (ops && ops->get_voltage_sel && ops->list_voltage) {
		int sel = ops->get_voltage_sel(rdev);
		return sel < 0 ? sel : ops->list_voltage(rdev, (unsigned int)sel);
	}
	if (rdev->desc->fixed_uV)
		return rdev->desc->fixed_uV;
	if (rdev->supply)
		return regulator_get_voltage(rdev->supply);
	return -EINVAL;
}

/* The range every consumer accepts, within the constraints. */
static int consumers_range(struct regulator_dev *rdev, int *min_uV, int *max_uV)
{
	struct regulation_constraints *c = rdev->constraints;
	*min_uV = c->min_uV;
	*max_uV = c->max_uV ? c->max_uV : INT_MAX;
	struct regulator *r;
	list_for_each_entry(r, &rdev->consumer_list, list) {
		if (!r->min_uV && !r->max_uV)
			continue;
		*min_uV = max(*min_uV, r->min_uV);
		*max_uV = min(*max_uV, r->max_uV);
	}
	return *min_uV <= *max_uV ? 0 : -EINVAL;
}

/* How long the output needs to go from old to new, µs. */
static int ramp_time(struct regulator_dev *rdev, int old_uV, int new_uV, unsigned int old_sel,
		     unsigned int new_sel)
{
	const struct regulator_ops *ops = rdev->desc->ops;
	if (ops->set_voltage_time)
		return ops->set_voltage_time(rdev, old_uV, new_uV);
	if (ops->set_voltage_time_sel)
		return ops->set_voltage_time_sel(rdev, old_sel, new_sel);
	unsigned int ramp = rdev->constraints->ramp_delay ? rdev->constraints->ramp_delay
							   : rdev->desc->ramp_delay;
	if (!ramp || old_uV < 0 || new_uV < 0)
		return 0;
	return DIV_ROUND_UP(abs(new_uV - old_uV), (int)ramp);
}

/* Set the hardware to the lowest voltage in [min, max]; waits the ramp. */
static int rdev_set_voltage(struct regulator_dev *rdev, int min_uV, int max_uV)
{
	const struct regulator_ops *ops = rdev->desc->ops;
	int old = rdev_get_voltage(rdev);
	if (old == min_uV)
		return 0;
	if (!ops || (!ops->set_voltage && !ops->set_voltage_sel)) {
		/* Fixed: fine if it already sits in the range. */
		return old >= min_uV && old <= max_uV ? 0 : -EINVAL;
	}
	struct pre_voltage_change_data pre = { (unsigned long)old, (unsigned long)min_uV,
					       (unsigned long)max_uV };
	int ret = regulator_notifier_call_chain(rdev, REGULATOR_EVENT_PRE_VOLTAGE_CHANGE, &pre);
	if (ret & NOTIFY_STOP_MASK) {
		regulator_notifier_call_chain(rdev, REGULATOR_EVENT_ABORT_VOLTAGE_CHANGE,
					      (void *)(uintptr_t)old);
		return -EBUSY;
	}
	unsigned int old_sel = 0, sel = 0;
	if (ops->get_voltage_sel) {
		int s = ops->get_voltage_sel(rdev);
		old_sel = s < 0 ? 0 : (unsigned int)s;
	}
	if (ops->set_voltage) {
		ret = ops->set_voltage(rdev, min_uV, max_uV, &sel);
	} else {
		int s = regulator_map_voltage_linear(rdev, min_uV, max_uV);
		ret = s < 0 ? s : ops->set_voltage_sel(rdev, sel = (unsigned int)s);
	}
	if (ret) {
		regulator_notifier_call_chain(rdev, REGULATOR_EVENT_ABORT_VOLTAGE_CHANGE,
					      (void *)(uintptr_t)old);
		return ret;
	}
	int now = rdev_get_voltage(rdev);
	int us = ramp_time(rdev, old, now, old_sel, sel);
	if (us > 0)
		fsleep((unsigned long)us);
	rdev->cached_uV = now;
	regulator_notifier_call_chain(rdev, REGULATOR_EVENT_VOLTAGE_CHANGE, (void *)(uintptr_t)now);
	return 0;
}

/* ---- enable and disable ---------------------------------------------------------- */

static bool rdev_is_enabled(struct regulator_dev *rdev)
{
	const struct regulator_ops *ops = rdev->desc->ops;
	if (ops && ops->is_enabled)
		return ops->is_enabled(rdev) > 0;
	return rdev->use_count > 0 || (rdev->constraints && rdev->constraints->always_on);
}

/* A supply named in the DT but registered after us: retried at enable. */
static void resolve_supply(struct regulator_dev *rdev)
{
	if (rdev->supply || !rdev->desc->supply_name || !rdev->of_node)
		return;
	int err;
	struct regulator_dev *s = supply_of(rdev->of_node, rdev->desc->supply_name, &err);
	if (!s || s == rdev)
		return;
	char name[48];
	snprintf(name, sizeof name, "%s-%s", rdev_get_name(rdev), rdev->desc->supply_name);
	struct regulator *r = create_regulator(s, NULL, name);
	if (!IS_ERR(r)) {
		rdev->supply = r;
		rdev->supply_name = rdev_get_name(s);
	}
}

static int do_enable(struct regulator_dev *rdev)
{
	const struct regulator_ops *ops = rdev->desc->ops;
	if (!ops || !ops->enable)
		return 0;
	/* After switching off, some regulators must stay off a while. */
	if (rdev->desc->off_on_delay && rdev->last_off) {
		u64 ready = rdev->last_off + (u64)rdev->desc->off_on_delay * NSEC_PER_USEC;
		u64 now = ktime_get_ns();
		if (now < ready)
			fsleep((unsigned long)((ready - now) / NSEC_PER_USEC) + 1);
	}
	int err = ops->enable(rdev);
	if (err)
		return err;
	int us = ops->enable_time ? ops->enable_time(rdev)
		 : rdev->constraints->enable_time ? (int)rdev->constraints->enable_time
						  : (int)rdev->desc->enable_time;
	if (us > 0)
		fsleep((unsigned long)us);
	regulator_notifier_call_chain(rdev, REGULATOR_EVENT_ENABLE, NULL);
	return 0;
}

static int rdev_enable(struct regulator_dev *rdev)
{
	if (rdev->use_count == 0) {
		resolve_supply(rdev);
		if (rdev->supply) {
			int err = regulator_enable(rdev->supply);
			if (err)
				return err;
		}
		if (!rdev_is_enabled(rdev)) {
			int err = do_enable(rdev);
			if (err) {
				rdev_err(rdev, "failed to enable: %d\n", err);
				if (rdev->supply)
					regulator_disable(rdev->supply);
				return err;
			}
		}
	}
	rdev->use_count++;
	return 0;
}

static int rdev_disable(struct regulator_dev *rdev)
{
	if (WARN_ON(rdev->use_count == 0))
		return -EIO;
	if (rdev->use_count == 1 && !rdev->constraints->always_on) {
		const struct regulator_ops *ops = rdev->desc->ops;
		int ret = regulator_notifier_call_chain(rdev, REGULATOR_EVENT_PRE_DISABLE, NULL);
		if (ret & NOTIFY_STOP_MASK) {
			regulator_notifier_call_chain(rdev, REGULATOR_EVENT_ABORT_DISABLE, NULL);
			return -EBUSY;
		}
		if (ops && ops->disable) {
			int err = ops->disable(rdev);
			if (err) {
				rdev_err(rdev, "failed to disable: %d\n", err);
				return err;
			}
			rdev->last_off = ktime_get_ns();
		}
		regulator_notifier_call_chain(rdev, REGULATOR_EVENT_DISABLE, NULL);
		rdev->use_count = 0;
		if (rdev->supply)
			regulator_disable(rdev->supply);
		return 0;
	}
	rdev->use_count--;
	return 0;
}

int regulator_enable(struct regulator *regulator)
{
	if (!regulator)
		return 0;
	int err = rdev_enable(regulator->rdev);
	if (!err)
		regulator->enable_count++;
	return err;
}

int regulator_disable(struct regulator *regulator)
{
	if (!regulator)
		return 0;
	if (WARN_ON(regulator->enable_count == 0))
		return -EIO;
	int err = rdev_disable(regulator->rdev);
	if (!err)
		regulator->enable_count--;
	return err;
}

int regulator_force_disable(struct regulator *regulator)
{
	struct regulator_dev *rdev = regulator->rdev;
	const struct regulator_ops *ops = rdev->desc->ops;
	if (!ops || !ops->disable)
		return -EINVAL;
	int err = ops->disable(rdev);
	if (err)
		return err;
	regulator_notifier_call_chain(rdev, REGULATOR_EVENT_FORCE_DISABLE | REGULATOR_EVENT_DISABLE,
				      NULL);
	/* Every consumer's enables are gone, and the supply's with them. */
	struct regulator *r;
	list_for_each_entry(r, &rdev->consumer_list, list)
		r->enable_count = 0;
	if (rdev->use_count && rdev->supply)
		regulator_disable(rdev->supply);
	rdev->use_count = 0;
	return 0;
}

int regulator_is_enabled(struct regulator *regulator)
{
	return regulator ? rdev_is_enabled(regulator->rdev) : 0;
}

/* ---- consumers' voltages --------------------------------------------------------- */

int regulator_set_voltage(struct regulator *regulator, int min_uV, int max_uV)
{
	if (!regulator)
		return 0;
	struct regulator_dev *rdev = regulator->rdev;
	if (min_uV > max_uV || min_uV < 0)
		return -EINVAL;
	int omin = regulator->min_uV, omax = regulator->max_uV;
	regulator->min_uV = min_uV;
	regulator->max_uV = max_uV;
	int lo, hi, err;
	if (!(rdev->constraints->valid_ops_mask & REGULATOR_CHANGE_VOLTAGE)) {
		/* Not changeable: only a range it already satisfies (Linux). */
		int v = rdev_get_voltage(rdev);
		err = v >= min_uV && v <= max_uV ? 0 : -EPERM;
	} else {
		err = consumers_range(rdev, &lo, &hi);
		if (!err)
			err = rdev_set_voltage(rdev, lo, hi);
	}
	if (err) {
		regulator->min_uV = omin;
		regulator->max_uV = omax;
	}
	return err;
}

int regulator_get_voltage(struct regulator *regulator)
{
	return regulator ? rdev_get_voltage(regulator->rdev) : -EINVAL;
}

int regulator_count_voltages(struct regulator *regulator)
{
	struct regulator_dev *rdev = regulator->rdev;
	if (rdev->desc->n_voltages)
		return (int)rdev->desc->n_voltages;
	return rdev->desc->fixed_uV ? 1 : -EINVAL;
}

int regulator_list_voltage(struct regulator *regulator, unsigned int selector)
{
	struct regulator_dev *rdev = regulator->rdev;
	const struct regulator_ops *ops = rdev->desc->ops;
	if (rdev->desc->fixed_uV && rdev->desc->n_voltages <= 1)
		return selector == 0 ? rdev->desc->fixed_uV : -EINVAL;
	if (!ops || !ops->list_voltage || selector >= rdev->desc->n_voltages)
		return -EINVAL;
	int uV = ops->list_voltage(rdev, selector);
	struct regulation_constraints *c = rdev->constraints;
	if (uV > 0 && c && (uV < c->min_uV || (c->max_uV && uV > c->max_uV)))
		return 0; /* not allowed here: Linux answers 0 */
	return uV;
}

int regulator_is_supported_voltage(struct regulator *regulator, int min_uV, int max_uV)
{
	int n = regulator_count_voltages(regulator);
	if (!(regulator->rdev->constraints->valid_ops_mask & REGULATOR_CHANGE_VOLTAGE)) {
		int v = regulator_get_voltage(regulator);
		return v >= min_uV && v <= max_uV;
	}
	for (int i = 0; i < n; i++) {
		int v = regulator_list_voltage(regulator, (unsigned int)i);
		if (v > 0 && v >= min_uV && v <= max_uV)
			return 1;
	}
	return 0;
}

int regulator_set_voltage_time(struct regulator *regulator, int old_uV, int new_uV)
{
	return ramp_time(regulator->rdev, old_uV, new_uV, 0, 0);
}

int regulator_set_load(struct regulator *regulator, int load_uA)
{
	if (!regulator)
		return 0;
	regulator->uA_load = load_uA;
	return 0;
}

/* Linux's regulator_mode_constrain: mode changes must be allowed
 * (regulator-allowed-modes; without it they are not), and a mode the
 * constraints do not list falls back to the next more power-hungry one
 * that they do (IDLE to NORMAL to FAST; the modes are bits, hungriest
 * lowest), -EINVAL if there is none. */
static int mode_constrain(struct regulator_dev *rdev, unsigned int *mode)
{
	const struct regulation_constraints *c = rdev->constraints;
	if (!(c->valid_ops_mask & REGULATOR_CHANGE_MODE))
		return -EPERM;
	if (!*mode || (*mode & (*mode - 1)))
		return -EINVAL;
	for (; *mode; *mode /= 2)
		if (c->valid_modes_mask & *mode)
			return 0;
	return -EINVAL;
}

/* Asking for the present mode succeeds at once, as in Linux. */
int regulator_set_mode(struct regulator *regulator, unsigned int mode)
{
	if (!regulator)
		return 0;
	struct regulator_dev *rdev = regulator->rdev;
	const struct regulator_ops *ops = rdev->desc->ops;
	if (ops && ops->get_mode && ops->get_mode(rdev) == mode)
		return 0;
	int err = mode_constrain(rdev, &mode);
	if (err)
		return err;
	return ops && ops->set_mode ? ops->set_mode(rdev, mode) : -EINVAL;
}

unsigned int regulator_get_mode(struct regulator *regulator)
{
	const struct regulator_ops *ops = regulator->rdev->desc->ops;
	return ops && ops->get_mode ? ops->get_mode(regulator->rdev) : REGULATOR_MODE_NORMAL;
}

int regulator_register_notifier(struct regulator *regulator, struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&regulator->rdev->notifier, nb);
}

int regulator_unregister_notifier(struct regulator *regulator, struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&regulator->rdev->notifier, nb);
}

/* ---- getting and putting ------------------------------------------------------- */

struct regulator *create_regulator(struct regulator_dev *rdev, struct device *dev,
				   const char *name)
{
	struct regulator *r = kzalloc(sizeof *r, GFP_KERNEL);
	if (!r)
		return ERR_PTR(-ENOMEM);
	r->rdev = rdev;
	r->dev = dev;
	r->supply_name = kstrdup(name ? name : "", GFP_KERNEL);
	unsigned long flags;
	spin_lock_irqsave(&regulator_lock, flags);
	list_add_tail(&r->list, &rdev->consumer_list);
	rdev->open_count++;
	spin_unlock_irqrestore(&regulator_lock, flags);
	return r;
}

static struct regulator *get_common(struct device_node *np, const char *consumer,
				    struct device *dev, const char *id, bool optional)
{
	int err;
	struct regulator_dev *rdev = supply_of(np, id, &err);
	char name[64];
	snprintf(name, sizeof name, "%s-%s", consumer, id);
	if (!rdev) {
		if (err == -ENODEV && !optional) {
			pr_warn("%s: supply %s not found, using dummy regulator\n", consumer, id);
			return create_regulator(&dummy_rdev, dev, name);
		}
		return ERR_PTR(err);
	}
	return create_regulator(rdev, dev, name);
}

struct regulator *of_regulator_get(struct device_node *np, const char *consumer,
				   const char *id)
{
	return get_common(np, consumer, NULL, id, false);
}

struct regulator *regulator_get_by_node(struct device *dev, struct device_node *reg_np,
				       const char *name)
{
	struct regulator_dev *rdev = reg_np ? rdev_by_node(reg_np) : NULL;
	if (!rdev)
		return ERR_PTR(reg_np ? -EPROBE_DEFER : -EINVAL);
	return create_regulator(rdev, dev, name);
}

struct regulator *regulator_get(struct device *dev, const char *id)
{
	return get_common(dev->of_node, dev_name(dev), dev, id, false);
}

struct regulator *regulator_get_optional(struct device *dev, const char *id)
{
	return get_common(dev->of_node, dev_name(dev), dev, id, true);
}

void regulator_put(struct regulator *regulator)
{
	if (IS_ERR_OR_NULL(regulator))
		return;
	struct regulator_dev *rdev = regulator->rdev;
	WARN_ON(regulator->enable_count);
	while (regulator->enable_count)
		regulator_disable(regulator);
	unsigned long flags;
	spin_lock_irqsave(&regulator_lock, flags);
	list_del(&regulator->list);
	rdev->open_count--;
	spin_unlock_irqrestore(&regulator_lock, flags);
	kfree(regulator->supply_name);
	kfree(regulator);
}

static void devm_regulator_release(struct device *dev, void *res)
{
	(void)dev;
	regulator_put(*(struct regulator **)res);
}

static struct regulator *devm_get(struct device *dev, const char *id, bool optional)
{
	struct regulator **p = devres_alloc(devm_regulator_release, sizeof *p, GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	struct regulator *r = optional ? regulator_get_optional(dev, id) : regulator_get(dev, id);
	if (IS_ERR(r)) {
		devres_free(p);
		return r;
	}
	*p = r;
	devres_add(dev, p);
	return r;
}

struct regulator *devm_regulator_get(struct device *dev, const char *id)
{
	return devm_get(dev, id, false);
}

struct regulator *devm_regulator_get_optional(struct device *dev, const char *id)
{
	return devm_get(dev, id, true);
}

/* ---- registration -------------------------------------------------------------- */

/* Make the constraints true: the fixed voltage set, always-on and boot-on
 * regulators switched on (an always-on one also holds a count). */
static int set_machine_constraints(struct regulator_dev *rdev)
{
	struct regulation_constraints *c = rdev->constraints;
	const struct regulator_ops *ops = rdev->desc->ops;
	if (c->min_uV && c->min_uV == c->max_uV)
		c->apply_uV = true;
	if (c->apply_uV && ops && (ops->set_voltage || ops->set_voltage_sel)) {
		int v = rdev_get_voltage(rdev);
		if (v != c->min_uV) {
			int err = rdev_set_voltage(rdev, c->min_uV, c->max_uV);
			if (err) {
				rdev_err(rdev, "failed to apply %d uV constraint: %d\n", c->min_uV,
					 err);
				return err;
			}
		}
	}
	if (c->initial_mode && ops && ops->set_mode) {
		int err = ops->set_mode(rdev, c->initial_mode);
		if (err) {
			rdev_err(rdev, "failed to set initial mode: %d\n", err);
			return err;
		}
	}
	if (c->always_on || c->boot_on) {
		resolve_supply(rdev);
		if (c->always_on) {
			int err = rdev_enable(rdev);
			if (err)
				return err;
		} else if (!rdev_is_enabled(rdev)) {
			int err = do_enable(rdev);
			if (err)
				return err;
		}
	}
	rdev->cached_uV = rdev_get_voltage(rdev);
	return 0;
}

struct regulator_dev *regulator_register(struct device *dev, const struct regulator_desc *desc,
					 const struct regulator_config *config)
{
	if (!desc || !config)
		return ERR_PTR(-EINVAL);
	struct regulator_dev *rdev = kzalloc(sizeof *rdev, GFP_KERNEL);
	if (!rdev)
		return ERR_PTR(-ENOMEM);
	rdev->desc = desc;
	rdev->dev = dev;
	rdev->of_node = config->of_node;
	rdev->reg_data = config->driver_data;
	INIT_LIST_HEAD(&rdev->consumer_list);
	BLOCKING_INIT_NOTIFIER_HEAD(&rdev->notifier);
	const struct regulator_init_data *init = config->init_data;
	struct regulator_init_data *parsed = NULL;
	if (!init && config->of_node)
		init = parsed = of_get_regulator_init_data(dev, config->of_node, desc);
	rdev->constraints = kzalloc(sizeof *rdev->constraints, GFP_KERNEL);
	if (!rdev->constraints) {
		kfree(parsed);
		kfree(rdev);
		return ERR_PTR(-ENOMEM);
	}
	if (init)
		*rdev->constraints = init->constraints;
	kfree(parsed);
	unsigned long flags;
	spin_lock_irqsave(&regulator_lock, flags);
	list_add_tail(&rdev->list, &regulator_list);
	spin_unlock_irqrestore(&regulator_lock, flags);
	int err = set_machine_constraints(rdev);
	if (err) {
		spin_lock_irqsave(&regulator_lock, flags);
		list_del(&rdev->list);
		spin_unlock_irqrestore(&regulator_lock, flags);
		kfree(rdev->constraints);
		kfree(rdev);
		return ERR_PTR(err);
	}
	/* Regulators registered earlier may have been waiting for this one. */
	struct regulator_dev *r;
	list_for_each_entry(r, &regulator_list, list)
		if (r != rdev && !r->supply && r->use_count)
			resolve_supply(r);
	return rdev;
}

void regulator_unregister(struct regulator_dev *rdev)
{
	if (IS_ERR_OR_NULL(rdev))
		return;
	WARN_ON(rdev->open_count);
	if (rdev->supply) {
		while (rdev->use_count && rdev->supply->enable_count)
			regulator_disable(rdev->supply);
		regulator_put(rdev->supply);
	}
	unsigned long flags;
	spin_lock_irqsave(&regulator_lock, flags);
	list_del(&rdev->list);
	spin_unlock_irqrestore(&regulator_lock, flags);
	kfree(rdev->constraints);
	kfree(rdev);
}

static void devm_rdev_release(struct device *dev, void *res)
{
	(void)dev;
	regulator_unregister(*(struct regulator_dev **)res);
}

struct regulator_dev *devm_regulator_register(struct device *dev,
					      const struct regulator_desc *desc,
					      const struct regulator_config *config)
{
	struct regulator_dev **p = devres_alloc(devm_rdev_release, sizeof *p, GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	struct regulator_dev *rdev = regulator_register(dev, desc, config);
	if (IS_ERR(rdev)) {
		devres_free(p);
		return rdev;
	}
	*p = rdev;
	devres_add(dev, p);
	return rdev;
}

/* ---- walking, for regulator_summary -------------------------------------------- */

void regulator_summary_walk(void (*fn)(struct regulator_dev *rdev, unsigned int level,
				       void *arg), void *arg)
{
	/* Roots (no supply among the regulators) first, then each one's
	 * children, as Linux's summary shows the supply tree. */
	struct regulator_dev *r;
	list_for_each_entry(r, &regulator_list, list)
		if (!r->supply)
			regulator_summary_subtree(r, 0, fn, arg);
}

void regulator_summary_subtree(struct regulator_dev *rdev, unsigned int level,
			       void (*fn)(struct regulator_dev *rdev, unsigned int level, void *arg),
			       void *arg)
{
	fn(rdev, level, arg);
	struct regulator_dev *r;
	list_for_each_entry(r, &regulator_list, list)
		if (r->supply && r->supply->rdev == rdev)
			regulator_summary_subtree(r, level + 1, fn, arg);
}

/* ---- unused regulators, 30 s after boot ----------------------------------------- */

/* Linux's regulator_init_complete: a regulator left on by the bootloader
 * (`regulator-boot-on`) or the reset state, which no consumer has enabled
 * and which is not always-on, is switched off 30 s after late init, giving
 * consumers time to probe; `regulator_ignore_unused` on the command line
 * keeps them on. */
static bool regulator_ignore_unused;

static int regulator_ignore_unused_setup(char *arg)
{
	(void)arg;
	regulator_ignore_unused = true;
	return 1;
}
__setup("regulator_ignore_unused", regulator_ignore_unused_setup);

static void regulator_init_complete_work_function(struct work_struct *work)
{
	(void)work;
	struct regulator_dev *r;
	list_for_each_entry(r, &regulator_list, list) {
		const struct regulator_ops *ops = r->desc->ops;
		if (r->use_count || (r->constraints && r->constraints->always_on) || !ops ||
		    !ops->disable || !ops->is_enabled || ops->is_enabled(r) <= 0)
			continue;
		if (regulator_ignore_unused) {
			rdev_info(r, "unused regulator left on (regulator_ignore_unused)\n");
			continue;
		}
		rdev_info(r, "disabling\n");
		if (ops->disable(r))
			rdev_err(r, "couldn't disable\n");
		else
			regulator_notifier_call_chain(r, REGULATOR_EVENT_DISABLE, NULL);
	}
}

static DECLARE_DELAYED_WORK(regulator_init_complete_work,
			    regulator_init_complete_work_function);

static int regulator_init_complete(void)
{
	schedule_delayed_work(&regulator_init_complete_work, msecs_to_jiffies(30000));
	return 0;
}
late_initcall(regulator_init_complete);
