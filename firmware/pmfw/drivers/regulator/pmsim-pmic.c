/*
 * pmsim's PMIC (docs/devices/pmic.md) as a regulator provider: one
 * regulator per enabled child of its `regulators` node, numbered in that
 * order as the register blocks are (CTRL, VSET, STATUS, VOUT at
 * 0x100 + 0x20 n). The set-point grid is regulator-min-microvolt plus
 * multiples of pmsim,step-microvolt (one voltage when min equals max).
 *
 * The PMIC reports when an output has settled (STATUS.SETTLED), so the
 * driver waits for that after switching a regulator on and after moving
 * its set-point, and tells the framework that no further delay is needed:
 * the consumer continues exactly when the rail is where it asked.
 *
 * Modes: the MODE register (0x110 + 0x20 n) takes pmsim's mode numbers,
 * which are also the DT's (regulator-allowed-modes, regulator-initial-mode;
 * docs/bindings.md): 0 AUTO, 1 PWM, 2 PFM. Linux's modes map onto them as
 * NORMAL = AUTO (the regulator picks), FAST = PWM (forced, best transient
 * response), IDLE = PFM (light load). The PMIC refuses a mode its DT does
 * not allow with STATUS.ERR, which comes back as -EINVAL.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/regulator/driver.h>
#include <linux/slab.h>

#define PMIC_CTRL(n) (0x100 + 0x20 * (n))
#define PMIC_VSET(n) (0x104 + 0x20 * (n))
#define PMIC_STATUS(n) (0x108 + 0x20 * (n))
#define PMIC_VOUT(n) (0x10c + 0x20 * (n))
#define PMIC_MODE(n) (0x110 + 0x20 * (n))
#define MODE_SET_MASK 0x3u
#define PMSIM_MODE_AUTO 0
#define PMSIM_MODE_PWM 1
#define PMSIM_MODE_PFM 2
#define CTRL_EN BIT(0)
#define ST_ON BIT(0)
#define ST_SETTLED BIT(2)
#define ST_ERR BIT(3)
#define ST_WAITING BIT(4)
#define SETTLE_TIMEOUT_US 100000

struct pmic_reg {
	struct regulator_desc desc;
	void __iomem *base;
	unsigned int n;
};

static void __iomem *preg(struct regulator_dev *rdev, unsigned int off)
{
	struct pmic_reg *r = rdev_get_drvdata(rdev);
	return r->base + off;
}

static unsigned int pidx(struct regulator_dev *rdev)
{
	return ((struct pmic_reg *)rdev_get_drvdata(rdev))->n;
}

/* Until STATUS.SETTLED (or WAITING for a supply that is down). */
static int pmic_wait_settled(struct regulator_dev *rdev)
{
	for (unsigned int us = 0; us < SETTLE_TIMEOUT_US; us++) {
		u32 st = readl(preg(rdev, PMIC_STATUS(pidx(rdev))));
		if (st & (ST_SETTLED | ST_WAITING))
			return 0;
		udelay(1);
	}
	return -ETIMEDOUT;
}

static int pmic_enable(struct regulator_dev *rdev)
{
	writel(CTRL_EN, preg(rdev, PMIC_CTRL(pidx(rdev))));
	return pmic_wait_settled(rdev);
}

static int pmic_disable(struct regulator_dev *rdev)
{
	writel(0, preg(rdev, PMIC_CTRL(pidx(rdev))));
	u32 st = readl(preg(rdev, PMIC_STATUS(pidx(rdev))));
	if (st & ST_ERR) { /* an always-on regulator refuses */
		writel(ST_ERR, preg(rdev, PMIC_STATUS(pidx(rdev))));
		return -EPERM;
	}
	return 0;
}

static int pmic_is_enabled(struct regulator_dev *rdev)
{
	return !!(readl(preg(rdev, PMIC_CTRL(pidx(rdev)))) & CTRL_EN);
}

static int pmic_get_voltage_sel(struct regulator_dev *rdev)
{
	const struct regulator_desc *d = rdev->desc;
	u32 uv = readl(preg(rdev, PMIC_VSET(pidx(rdev))));
	if (uv < d->min_uV)
		return -EINVAL;
	return d->uV_step ? (int)((uv - d->min_uV) / d->uV_step) : 0;
}

static int pmic_set_voltage_sel(struct regulator_dev *rdev, unsigned int sel)
{
	int uv = regulator_list_voltage_linear(rdev, sel);
	if (uv < 0)
		return uv;
	writel((u32)uv, preg(rdev, PMIC_VSET(pidx(rdev))));
	if (readl(preg(rdev, PMIC_STATUS(pidx(rdev)))) & ST_ERR) {
		writel(ST_ERR, preg(rdev, PMIC_STATUS(pidx(rdev))));
		return -EINVAL;
	}
	return pmic_is_enabled(rdev) ? pmic_wait_settled(rdev) : 0;
}

static unsigned int pmic_of_map_mode(unsigned int mode)
{
	switch (mode) {
	case PMSIM_MODE_AUTO: return REGULATOR_MODE_NORMAL;
	case PMSIM_MODE_PWM: return REGULATOR_MODE_FAST;
	case PMSIM_MODE_PFM: return REGULATOR_MODE_IDLE;
	default: return REGULATOR_MODE_INVALID;
	}
}

static int pmic_set_mode(struct regulator_dev *rdev, unsigned int mode)
{
	u32 m;
	switch (mode) {
	case REGULATOR_MODE_NORMAL: m = PMSIM_MODE_AUTO; break;
	case REGULATOR_MODE_FAST: m = PMSIM_MODE_PWM; break;
	case REGULATOR_MODE_IDLE: m = PMSIM_MODE_PFM; break;
	default: return -EINVAL;
	}
	writel(m, preg(rdev, PMIC_MODE(pidx(rdev))));
	if (readl(preg(rdev, PMIC_STATUS(pidx(rdev)))) & ST_ERR) {
		writel(ST_ERR, preg(rdev, PMIC_STATUS(pidx(rdev))));
		return -EINVAL;
	}
	return 0;
}

static unsigned int pmic_get_mode(struct regulator_dev *rdev)
{
	switch (readl(preg(rdev, PMIC_MODE(pidx(rdev)))) & MODE_SET_MASK) {
	case PMSIM_MODE_PWM: return REGULATOR_MODE_FAST;
	case PMSIM_MODE_PFM: return REGULATOR_MODE_IDLE;
	default: return REGULATOR_MODE_NORMAL;
	}
}

/* The waits are in enable and set_voltage_sel: nothing more to wait. */
static int pmic_enable_time(struct regulator_dev *rdev)
{
	return 0;
}

static int pmic_set_voltage_time_sel(struct regulator_dev *rdev, unsigned int a, unsigned int b)
{
	return 0;
}

static const struct regulator_ops pmic_ops = {
	.list_voltage = regulator_list_voltage_linear,
	.get_voltage_sel = pmic_get_voltage_sel,
	.set_voltage_sel = pmic_set_voltage_sel,
	.enable = pmic_enable,
	.disable = pmic_disable,
	.is_enabled = pmic_is_enabled,
	.set_mode = pmic_set_mode,
	.get_mode = pmic_get_mode,
	.enable_time = pmic_enable_time,
	.set_voltage_time_sel = pmic_set_voltage_time_sel,
};

static int pmic_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	void __iomem *base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(base))
		return (int)PTR_ERR(base);
	struct device_node *regs = of_get_child_by_name(dev->of_node, "regulators");
	if (!regs)
		regs = dev->of_node;
	unsigned int n = 0;
	struct device_node *np;
	for_each_available_child_of_node(regs, np) {
		struct pmic_reg *r = devm_kzalloc(dev, sizeof *r, GFP_KERNEL);
		if (!r)
			return -ENOMEM;
		u32 min = 0, max = 0, step = 0;
		of_property_read_u32(np, "regulator-min-microvolt", &min);
		of_property_read_u32(np, "regulator-max-microvolt", &max);
		of_property_read_u32(np, "pmsim,step-microvolt", &step);
		r->base = base;
		r->n = n++;
		r->desc.name = np->name;
		of_property_read_string(np, "regulator-name", &r->desc.name);
		r->desc.supply_name = "vin";
		r->desc.ops = &pmic_ops;
		r->desc.of_map_mode = pmic_of_map_mode;
		r->desc.type = REGULATOR_VOLTAGE;
		r->desc.min_uV = min;
		r->desc.uV_step = min != max ? (step ? step : 1) : 0;
		r->desc.n_voltages = r->desc.uV_step ? (max - min) / r->desc.uV_step + 1 : 1;
		struct regulator_config cfg = { .dev = dev, .of_node = np, .driver_data = r };
		struct regulator_dev *rdev = devm_regulator_register(dev, &r->desc, &cfg);
		if (IS_ERR(rdev)) {
			dev_err(dev, "%s: cannot register: %ld\n", np->name, PTR_ERR(rdev));
			return (int)PTR_ERR(rdev);
		}
	}
	dev_info(dev, "%u regulators\n", n);
	return 0;
}

static const struct of_device_id pmic_of_match[] = {
	{ .compatible = "pmsim,pmic" },
	{ },
};

static struct platform_driver pmsim_pmic_driver = {
	.probe = pmic_probe,
	.driver = {
		.name = "pmsim-pmic",
		.of_match_table = pmic_of_match,
	},
};
/* Before the devices that use the rails (Linux registers PMICs early). */
static int pmsim_pmic_init(void)
{
	return platform_driver_register(&pmsim_pmic_driver);
}
subsys_initcall(pmsim_pmic_init);
