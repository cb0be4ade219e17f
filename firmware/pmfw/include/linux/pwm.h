/*
 * The PWM framework (Linux's include/linux/pwm.h, drivers/pwm/core.c): a
 * chip driver registers its channels (struct pwm_chip, its ops' `apply`);
 * a consumer gets one from its node's `pwms` (devm_pwm_get), with the
 * period and polarity the phandle's arguments give, and applies whole
 * states (pwm_apply_state): the chip changes period, duty cycle, polarity
 * and enable together, or refuses the state and keeps the old one.
 */
#ifndef _LINUX_PWM_H
#define _LINUX_PWM_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/types.h>

enum pwm_polarity {
	PWM_POLARITY_NORMAL,
	PWM_POLARITY_INVERSED,
};

/* The third cell of a `pwms` entry. */
#define PWM_POLARITY_INVERTED (1 << 0)

struct pwm_args {
	u64 period;
	enum pwm_polarity polarity;
};

struct pwm_state {
	u64 period;      /* ns */
	u64 duty_cycle;  /* ns */
	enum pwm_polarity polarity;
	bool enabled;
};

struct pwm_chip;

struct pwm_device {
	const char *label;
	unsigned int hwpwm;      /* the channel in its chip */
	struct pwm_chip *chip;
	bool requested;
	struct pwm_args args;    /* from the consumer's `pwms` */
	struct pwm_state state;  /* as last applied */
};

struct pwm_ops {
	/* Apply `state` (period and duty cycle in ns) to the channel, or
	 * return an error and change nothing. */
	int (*apply)(struct pwm_chip *chip, struct pwm_device *pwm, const struct pwm_state *state);
};

struct pwm_chip {
	struct device *dev;
	const struct pwm_ops *ops;
	unsigned int npwm;
	struct pwm_device *pwms;
	struct list_head list;
};

int pwmchip_add(struct pwm_chip *chip);
void pwmchip_remove(struct pwm_chip *chip);
int devm_pwmchip_add(struct device *dev, struct pwm_chip *chip);

/* The PWM of `dev`'s node `pwms` (the entry named `con_id` in
 * `pwm-names`, or the first); -EPROBE_DEFER while its chip is not
 * registered. Released with the device. */
struct pwm_device *devm_pwm_get(struct device *dev, const char *con_id);

int pwm_apply_state(struct pwm_device *pwm, const struct pwm_state *state);

static inline void pwm_get_state(const struct pwm_device *pwm, struct pwm_state *state)
{
	*state = pwm->state;
}

/* The state to start from: the present one with the period and polarity
 * of the consumer's `pwms`, and no duty cycle. */
static inline void pwm_init_state(const struct pwm_device *pwm, struct pwm_state *state)
{
	pwm_get_state(pwm, state);
	state->period = pwm->args.period;
	state->polarity = pwm->args.polarity;
	state->duty_cycle = 0;
}

/* duty_cycle = period × value / scale, rounded down. */
static inline int pwm_set_relative_duty_cycle(struct pwm_state *state, unsigned int value,
					      unsigned int scale)
{
	if (!scale || value > scale)
		return -EINVAL;
	state->duty_cycle = state->period * value / scale;
	return 0;
}

#endif
