/*
 * The pwm-backlight (Linux's drivers/video/backlight/pwm_bl.c, its DT
 * binding): a backlight whose LEDs one PWM channel dims, with an optional
 * supply (`power-supply`) and enable line (`enable-gpios`).
 *
 * Levels: `brightness-levels` maps each brightness 0..N-1 to a duty cycle
 * of levels[b] / levels[N-1] of the PWM's period (the `pwms` entry's);
 * `default-brightness-level` is where brightness starts.
 *
 * Power, as Linux does it: a brightness above 0 while bl_power is
 * FB_BLANK_UNBLANK turns the backlight on (the supply enabled, then the
 * PWM applied, then the enable line raised); brightness 0 or any blanking
 * turns it off in the reverse order and disables the PWM, which lets the
 * PWM runtime-suspend. A backlight that a panel names (its node has a
 * phandle) starts powered down, to be switched on by the display driver
 * (backlight_enable) when it shows something; one that nothing names
 * starts on at its default level.
 *
 * actual_brightness is the level the PWM shows (get_brightness below):
 * brightness while the backlight is on, 0 while it is off.
 */
#include <linux/backlight.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/gpio/consumer.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pwm.h>
#include <linux/regulator/consumer.h>
#include <linux/slab.h>

struct pwm_bl_data {
	struct device *dev;
	struct pwm_device *pwm;
	struct regulator *power_supply;
	struct gpio_desc *enable_gpio;
	unsigned int *levels;
	unsigned int nlevels;
	bool enabled;
	int shown;         /* the level the PWM shows */
};

static int pwm_bl_power_on(struct pwm_bl_data *pb)
{
	if (pb->enabled)
		return 0;
	if (pb->power_supply) {
		int err = regulator_enable(pb->power_supply);
		if (err < 0) {
			dev_err(pb->dev, "failed to enable power supply\n");
			return err;
		}
	}
	pb->enabled = true;
	return 0;
}

static void pwm_bl_power_off(struct pwm_bl_data *pb)
{
	if (!pb->enabled)
		return;
	if (pb->enable_gpio)
		gpiod_set_value_cansleep(pb->enable_gpio, 0);
	if (pb->power_supply)
		regulator_disable(pb->power_supply);
	pb->enabled = false;
}

static int pwm_bl_update_status(struct backlight_device *bl)
{
	struct pwm_bl_data *pb = bl_get_data(bl);
	int brightness = backlight_get_brightness(bl);
	struct pwm_state state;
	pwm_init_state(pb->pwm, &state);
	if (brightness > 0) {
		int err = pwm_bl_power_on(pb);
		if (err)
			return err;
		state.duty_cycle = state.period * pb->levels[brightness] /
				   pb->levels[pb->nlevels - 1];
		state.enabled = true;
		err = pwm_apply_state(pb->pwm, &state);
		if (err)
			return err;
		if (pb->enable_gpio)
			gpiod_set_value_cansleep(pb->enable_gpio, 1);
	} else {
		state.enabled = false;
		int err = pwm_apply_state(pb->pwm, &state);
		if (err)
			return err;
		pwm_bl_power_off(pb);
	}
	pb->shown = brightness;
	return 0;
}

static int pwm_bl_get_brightness(struct backlight_device *bl)
{
	struct pwm_bl_data *pb = bl_get_data(bl);
	return pb->shown;
}

static const struct backlight_ops pwm_bl_ops = {
	.update_status = pwm_bl_update_status,
	.get_brightness = pwm_bl_get_brightness,
};

static void pwm_bl_gpio_put(void *gpio)
{
	gpiod_put(gpio);
}

static void pwm_bl_off(void *data)
{
	struct backlight_device *bl = data;
	bl->props.power = FB_BLANK_POWERDOWN;
	backlight_update_status(bl);
}

static int pwm_bl_parse_dt(struct device *dev, struct pwm_bl_data *pb, u32 *def)
{
	struct device_node *np = dev->of_node;
	int n = of_property_count_u32_elems(np, "brightness-levels");
	if (n < 2)
		return dev_err_probe(dev, -EINVAL, "brightness-levels needs two levels or more\n");
	pb->levels = devm_kcalloc(dev, (size_t)n, sizeof *pb->levels, GFP_KERNEL);
	if (!pb->levels)
		return -ENOMEM;
	int err = of_property_read_u32_array(np, "brightness-levels", pb->levels, (size_t)n);
	if (err)
		return err;
	pb->nlevels = (unsigned int)n;
	for (int i = 1; i < n; i++)
		if (pb->levels[i] < pb->levels[i - 1])
			return dev_err_probe(dev, -EINVAL, "brightness-levels must not decrease\n");
	if (!pb->levels[n - 1])
		return dev_err_probe(dev, -EINVAL, "the last brightness level must not be 0\n");
	*def = (u32)n - 1;
	of_property_read_u32(np, "default-brightness-level", def);
	if (*def >= (u32)n)
		return dev_err_probe(dev, -EINVAL, "default-brightness-level %u beyond the %d levels\n",
				     *def, n);
	return 0;
}

static int pwm_bl_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pwm_bl_data *pb = devm_kzalloc(dev, sizeof *pb, GFP_KERNEL);
	if (!pb)
		return -ENOMEM;
	pb->dev = dev;
	u32 def;
	int err = pwm_bl_parse_dt(dev, pb, &def);
	if (err)
		return err;
	pb->pwm = devm_pwm_get(dev, NULL);
	if (IS_ERR(pb->pwm))
		return dev_err_probe(dev, (int)PTR_ERR(pb->pwm), "unable to request PWM\n");
	if (!pb->pwm->args.period)
		return dev_err_probe(dev, -EINVAL, "the pwms entry gives no period\n");
	if (of_property_present(dev->of_node, "power-supply")) {
		pb->power_supply = devm_regulator_get(dev, "power");
		if (IS_ERR(pb->power_supply))
			return dev_err_probe(dev, (int)PTR_ERR(pb->power_supply),
					     "no power supply\n");
	}
	if (of_property_present(dev->of_node, "enable-gpios")) {
		pb->enable_gpio = gpiod_get_optional(dev, "enable", GPIOD_OUT_LOW);
		if (IS_ERR(pb->enable_gpio))
			return dev_err_probe(dev, (int)PTR_ERR(pb->enable_gpio), "no enable GPIO\n");
		err = devm_add_action_or_reset(dev, pwm_bl_gpio_put, pb->enable_gpio);
		if (err)
			return err;
	}
	struct backlight_properties props = {
		.type = BACKLIGHT_RAW,
		.max_brightness = (int)pb->nlevels - 1,
		.brightness = (int)def,
		/* A panel that names us switches us on (see the top). */
		.power = dev->of_node->phandle ? FB_BLANK_POWERDOWN : FB_BLANK_UNBLANK,
	};
	const char *name = dev->of_node->name;
	struct backlight_device *bl = devm_backlight_device_register(dev, name, pb, &pwm_bl_ops,
								     &props);
	if (IS_ERR(bl))
		return dev_err_probe(dev, (int)PTR_ERR(bl), "failed to register backlight\n");
	platform_set_drvdata(pdev, bl);
	err = backlight_update_status(bl);
	if (err)
		return err;
	return devm_add_action_or_reset(dev, pwm_bl_off, bl);
}

static const struct of_device_id pwm_bl_of_match[] = {
	{ .compatible = "pwm-backlight" },
	{ },
};

static struct platform_driver pwm_bl_driver = {
	.probe = pwm_bl_probe,
	.driver = {
		.name = "pwm-backlight",
		.of_match_table = pwm_bl_of_match,
	},
};
module_platform_driver(pwm_bl_driver);
