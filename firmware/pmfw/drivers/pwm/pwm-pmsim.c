/*
 * pmsim's PWM (compatible "pmsim,pwm", docs/devices/pwm.md) as a PWM chip.
 *
 * Each channel: CTRL (EN, INV), PERIOD and DUTY in cycles of the PWM's
 * clock. A state's period and duty cycle in ns become cycles at the
 * clock's rate, rounded down (a duty cycle of a whole period stays one);
 * a period of less than one cycle, or beyond 32 bits of cycles, is
 * -EINVAL. The new values are written with the channel disabled, then
 * CTRL, so that the output never shows half a state.
 *
 * Runtime PM: the device is active (its clock prepared and enabled) while
 * any channel is enabled: each channel that is enabled holds one usage
 * count, given back when it is disabled. With every channel off the PWM
 * suspends at once, its clock gated, and its domain may go off (which
 * loses the registers: nothing needs them then, every channel being off).
 */
#include <asm/io.h>
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/pwm.h>
#include <linux/slab.h>

#define PWM_ID 0x000
#define PWM_NCHAN 0x004
#define PWM_CH(n) (0x100 + 0x10 * (n))
#define PWM_CTRL 0x0
#define PWM_PERIOD 0x4
#define PWM_DUTY 0x8

#define PWM_ID_VALUE 0x50574d31 /* "PWM1" */
#define CTRL_EN BIT(0)
#define CTRL_INV BIT(1)

#define NSEC_PER_SEC_ULL 1000000000ULL

struct pmsim_pwm {
	struct pwm_chip chip;
	void __iomem *base;
	struct clk *clk;
};

static struct pmsim_pwm *to_pmsim_pwm(struct pwm_chip *chip)
{
	return container_of(chip, struct pmsim_pwm, chip);
}

static int pmsim_pwm_apply(struct pwm_chip *chip, struct pwm_device *pwm,
			   const struct pwm_state *state)
{
	struct pmsim_pwm *p = to_pmsim_pwm(chip);
	struct device *dev = chip->dev;
	void __iomem *ch = p->base + PWM_CH(pwm->hwpwm);
	bool was = pwm->state.enabled;
	if (!state->enabled) {
		if (was) {
			writel(0, ch + PWM_CTRL);
			pm_runtime_put_sync(dev);
		}
		return 0;
	}
	if (!was) {
		int ret = pm_runtime_resume_and_get(dev);
		if (ret)
			return ret;
	}
	u64 rate = clk_get_rate(p->clk);
	u64 period = state->period * rate / NSEC_PER_SEC_ULL;
	u64 duty = state->duty_cycle * rate / NSEC_PER_SEC_ULL;
	if (!period || period > U32_MAX) {
		if (!was)
			pm_runtime_put_sync(dev);
		return -EINVAL;
	}
	writel(0, ch + PWM_CTRL);
	writel((u32)period, ch + PWM_PERIOD);
	writel((u32)duty, ch + PWM_DUTY);
	writel(CTRL_EN | (state->polarity == PWM_POLARITY_INVERSED ? CTRL_INV : 0),
	       ch + PWM_CTRL);
	return 0;
}

static const struct pwm_ops pmsim_pwm_ops = {
	.apply = pmsim_pwm_apply,
};

static int pmsim_pwm_runtime_suspend(struct device *dev)
{
	struct pmsim_pwm *p = dev_get_drvdata(dev);
	clk_disable_unprepare(p->clk);
	return 0;
}

static int pmsim_pwm_runtime_resume(struct device *dev)
{
	struct pmsim_pwm *p = dev_get_drvdata(dev);
	return clk_prepare_enable(p->clk);
}

static const struct dev_pm_ops pmsim_pwm_pm_ops = {
	SET_RUNTIME_PM_OPS(pmsim_pwm_runtime_suspend, pmsim_pwm_runtime_resume, NULL)
};

static int pmsim_pwm_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pmsim_pwm *p = devm_kzalloc(dev, sizeof *p, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(p->base))
		return (int)PTR_ERR(p->base);
	p->clk = devm_clk_get(dev, NULL);
	if (IS_ERR(p->clk))
		return dev_err_probe(dev, (int)PTR_ERR(p->clk), "no clock\n");
	platform_set_drvdata(pdev, p);
	int ret = clk_prepare_enable(p->clk);
	if (ret)
		return ret;
	u32 id = readl(p->base + PWM_ID), n = readl(p->base + PWM_NCHAN);
	for (u32 i = 0; id == PWM_ID_VALUE && i < n; i++)
		writel(0, p->base + PWM_CH(i) + PWM_CTRL);
	clk_disable_unprepare(p->clk);
	if (id != PWM_ID_VALUE || !n)
		return dev_err_probe(dev, -ENODEV, "not a pmsim PWM\n");
	/* Suspended until a channel is enabled. */
	pm_runtime_set_suspended(dev);
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;
	p->chip.dev = dev;
	p->chip.ops = &pmsim_pwm_ops;
	p->chip.npwm = n;
	return devm_pwmchip_add(dev, &p->chip);
}

static const struct of_device_id pmsim_pwm_of_match[] = {
	{ .compatible = "pmsim,pwm" },
	{ },
};

static struct platform_driver pmsim_pwm_driver = {
	.probe = pmsim_pwm_probe,
	.driver = {
		.name = "pmsim-pwm",
		.of_match_table = pmsim_pwm_of_match,
		.pm = &pmsim_pwm_pm_ops,
	},
};
module_platform_driver(pmsim_pwm_driver);
