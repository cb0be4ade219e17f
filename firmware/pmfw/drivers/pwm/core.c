/*
 * The PWM framework's core (Linux's drivers/pwm/core.c, the parts pmfw's
 * drivers use): a list of registered chips; a consumer's `pwms` phandle
 * (cells: channel, period in ns, flags) resolved to a channel of the chip
 * whose device has that node; whole states applied through the chip's
 * `apply`, and kept only when it succeeds.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/pwm.h>
#include <linux/slab.h>

static LIST_HEAD(pwm_chips);
static DEFINE_MUTEX(pwm_lock);

int pwmchip_add(struct pwm_chip *chip)
{
	if (!chip || !chip->dev || !chip->ops || !chip->ops->apply || !chip->npwm)
		return -EINVAL;
	chip->pwms = kcalloc(chip->npwm, sizeof *chip->pwms, GFP_KERNEL);
	if (!chip->pwms)
		return -ENOMEM;
	for (unsigned int i = 0; i < chip->npwm; i++) {
		chip->pwms[i].chip = chip;
		chip->pwms[i].hwpwm = i;
	}
	mutex_lock(&pwm_lock);
	list_add_tail(&chip->list, &pwm_chips);
	mutex_unlock(&pwm_lock);
	return 0;
}

void pwmchip_remove(struct pwm_chip *chip)
{
	mutex_lock(&pwm_lock);
	list_del(&chip->list);
	mutex_unlock(&pwm_lock);
	kfree(chip->pwms);
	chip->pwms = NULL;
}

static void devm_pwmchip_remove(void *chip)
{
	pwmchip_remove(chip);
}

int devm_pwmchip_add(struct device *dev, struct pwm_chip *chip)
{
	int ret = pwmchip_add(chip);
	if (ret)
		return ret;
	return devm_add_action_or_reset(dev, devm_pwmchip_remove, chip);
}

static struct pwm_chip *pwm_chip_by_node(struct device_node *np)
{
	struct pwm_chip *chip, *found = NULL;
	mutex_lock(&pwm_lock);
	list_for_each_entry(chip, &pwm_chips, list)
		if (chip->dev->of_node == np) {
			found = chip;
			break;
		}
	mutex_unlock(&pwm_lock);
	return found;
}

static void devm_pwm_release(void *data)
{
	struct pwm_device *pwm = data;
	pwm->requested = false;
	pwm->label = NULL;
}

struct pwm_device *devm_pwm_get(struct device *dev, const char *con_id)
{
	struct device_node *np = dev->of_node;
	int index = 0;
	if (!np)
		return ERR_PTR(-ENODEV);
	if (con_id) {
		index = of_property_match_string(np, "pwm-names", con_id);
		if (index < 0)
			index = 0;
	}
	struct of_phandle_args args;
	int err = of_parse_phandle_with_args(np, "pwms", "#pwm-cells", index, &args);
	if (err)
		return ERR_PTR(err);
	struct pwm_chip *chip = pwm_chip_by_node(args.np);
	of_node_put(args.np);
	if (!chip)
		return ERR_PTR(-EPROBE_DEFER);
	if (args.args_count < 1 || args.args[0] >= chip->npwm)
		return ERR_PTR(-EINVAL);
	struct pwm_device *pwm = &chip->pwms[args.args[0]];
	if (pwm->requested)
		return ERR_PTR(-EBUSY);
	pwm->requested = true;
	pwm->label = dev_name(dev);
	pwm->args.period = args.args_count > 1 ? args.args[1] : 0;
	pwm->args.polarity = args.args_count > 2 && (args.args[2] & PWM_POLARITY_INVERTED)
				     ? PWM_POLARITY_INVERSED
				     : PWM_POLARITY_NORMAL;
	err = devm_add_action_or_reset(dev, devm_pwm_release, pwm);
	return err ? ERR_PTR(err) : pwm;
}

int pwm_apply_state(struct pwm_device *pwm, const struct pwm_state *state)
{
	if (!pwm || !state || !state->period || state->duty_cycle > state->period)
		return -EINVAL;
	struct pwm_state *cur = &pwm->state;
	if (state->period == cur->period && state->duty_cycle == cur->duty_cycle &&
	    state->polarity == cur->polarity && state->enabled == cur->enabled)
		return 0;
	int err = pwm->chip->ops->apply(pwm->chip, pwm, state);
	if (err)
		return err;
	*cur = *state;
	return 0;
}
