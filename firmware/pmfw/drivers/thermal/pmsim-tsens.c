/*
 * pmsim's temperature sensor (`pmsim,tsens`, docs/devices/tsens.md) as a
 * thermal zone's sensor, in the manner of Linux's tsens drivers:
 *
 *  - probe: sampling on (CTRL.EN) with both threshold interrupts, then
 *    the zone of /thermal-zones that names the sensor
 *    (devm_thermal_of_zone_register); a sensor no zone names is left off;
 *  - get_temp: TEMP, or -EAGAIN before the sensor's first sample (one
 *    step of the thermal model after it was enabled). The zone's first
 *    update, at its registration, comes before that: probe sets THR_HIGH
 *    to the lowest temperature, so that the first sample interrupts and
 *    its update programs the trips (rather than the first poll, a
 *    polling-delay later);
 *  - set_trips: THR_HIGH and THR_LOW to the window the core computes
 *    around the temperature (its "no limit" ends are the registers'
 *    "never" values), and stale status cleared;
 *  - the interrupt (a threaded handler, IRQF_ONESHOT): the latched
 *    status cleared, then thermal_zone_device_update, so the zone reacts
 *    between its polls;
 *  - system sleep: sampling off across it (as Linux's sensor drivers do:
 *    the zone is stopped anyway, and a threshold interrupt latched while
 *    the core enters suspend would end the WFI at once), its status
 *    cleared; on resume sampling on again with the first-sample threshold,
 *    so that the zone, restarted after the sleep, gets a fresh sample.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/thermal.h>

#define TSENS_ID 0x000
#define TSENS_CTRL 0x004
#define TSENS_TEMP 0x008
#define TSENS_THR_HIGH 0x00c
#define TSENS_THR_LOW 0x010
#define TSENS_STATUS 0x014
#define TSENS_PERIOD 0x018

#define TSENS_ID_VALUE 0x544d5053 /* "TMPS" */
#define TSENS_CTRL_EN BIT(0)
#define TSENS_CTRL_HIGH_IE BIT(1)
#define TSENS_CTRL_LOW_IE BIT(2)
#define TSENS_STATUS_ALL (BIT(0) | BIT(1))
#define TSENS_ST_HIGH BIT(0)
#define TSENS_ST_LOW BIT(1)
#define TSENS_TEMP_INVALID 0x80000000u
#define TSENS_THR_NEVER 0x7fffffffu  /* THR_HIGH no sample reaches */
#define TSENS_THR_LOWEST 0x80000001u /* THR_HIGH every sample reaches */

struct pmsim_tsens {
	void __iomem *base;
	struct thermal_zone_device *tz;
	bool first_sample; /* THR_HIGH is set for the first sample */
};

static int pmsim_tsens_get_temp(struct thermal_zone_device *tz, int *temp)
{
	struct pmsim_tsens *priv = thermal_zone_device_priv(tz);
	u32 v = readl(priv->base + TSENS_TEMP);
	if (v == TSENS_TEMP_INVALID)
		return -EAGAIN;
	*temp = (int)v;
	return 0;
}

static int pmsim_tsens_set_trips(struct thermal_zone_device *tz, int low, int high)
{
	struct pmsim_tsens *priv = thermal_zone_device_priv(tz);
	/* A sample >= THR_HIGH or <= THR_LOW interrupts. The core's ends
	 * (INT_MAX, -INT_MAX) are never reached by a sample. */
	priv->first_sample = false;
	writel((u32)high, priv->base + TSENS_THR_HIGH);
	writel((u32)low, priv->base + TSENS_THR_LOW);
	writel(TSENS_ST_HIGH | TSENS_ST_LOW, priv->base + TSENS_STATUS);
	return 0;
}

static const struct thermal_zone_device_ops pmsim_tsens_ops = {
	.get_temp = pmsim_tsens_get_temp,
	.set_trips = pmsim_tsens_set_trips,
};

static irqreturn_t pmsim_tsens_irq_thread(int irq, void *data)
{
	struct pmsim_tsens *priv = data;
	u32 status = readl(priv->base + TSENS_STATUS);
	if (!status)
		return IRQ_NONE;
	writel(status, priv->base + TSENS_STATUS);
	if (priv->first_sample) {
		/* Back to "never": set_trips moves it where the trips are. */
		priv->first_sample = false;
		writel(TSENS_THR_NEVER, priv->base + TSENS_THR_HIGH);
	}
	thermal_zone_device_update(priv->tz, THERMAL_EVENT_UNSPECIFIED);
	return IRQ_HANDLED;
}

static void pmsim_tsens_disable(void *data)
{
	struct pmsim_tsens *priv = data;
	writel(0, priv->base + TSENS_CTRL);
}

static int pmsim_tsens_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pmsim_tsens *priv = devm_kzalloc(dev, sizeof *priv, GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(priv->base))
		return (int)PTR_ERR(priv->base);
	u32 id = readl(priv->base + TSENS_ID);
	if (id != TSENS_ID_VALUE)
		return dev_err_probe(dev, -ENODEV, "unexpected ID 0x%08x\n", id);
	int irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	platform_set_drvdata(pdev, priv);
	writel(TSENS_CTRL_EN | TSENS_CTRL_HIGH_IE | TSENS_CTRL_LOW_IE, priv->base + TSENS_CTRL);
	int ret = devm_add_action_or_reset(dev, pmsim_tsens_disable, priv);
	if (ret)
		return ret;
	/* The first sample comes with the model's next step, after the
	 * zone's first update (at its registration) found none: a high
	 * threshold every sample reaches makes that sample interrupt, and
	 * the update it runs programs the trips. */
	priv->first_sample = true;
	writel(TSENS_THR_LOWEST, priv->base + TSENS_THR_HIGH);
	/* The zone, before the interrupt that updates it. */
	priv->tz = devm_thermal_of_zone_register(dev, 0, priv, &pmsim_tsens_ops);
	if (IS_ERR(priv->tz)) {
		ret = (int)PTR_ERR(priv->tz);
		if (ret == -ENODEV) {
			dev_info(dev, "no thermal zone uses this sensor: sampling off\n");
			writel(0, priv->base + TSENS_CTRL);
			return 0;
		}
		return dev_err_probe(dev, ret, "failed to register the thermal zone\n");
	}
	ret = devm_request_threaded_irq(dev, (unsigned int)irq, NULL, pmsim_tsens_irq_thread,
					IRQF_ONESHOT, dev_name(dev), priv);
	if (ret)
		return dev_err_probe(dev, ret, "failed to request the interrupt\n");
	dev_info(dev, "zone %s, sampling every %u us\n", thermal_zone_device_type(priv->tz),
		 readl(priv->base + TSENS_PERIOD));
	return 0;
}

static int pmsim_tsens_suspend(struct device *dev)
{
	struct pmsim_tsens *priv = dev_get_drvdata(dev);
	if (IS_ERR_OR_NULL(priv->tz)) /* no zone: sampling stays off */
		return 0;
	writel(0, priv->base + TSENS_CTRL);
	writel(TSENS_STATUS_ALL, priv->base + TSENS_STATUS);
	return 0;
}

static int pmsim_tsens_resume(struct device *dev)
{
	struct pmsim_tsens *priv = dev_get_drvdata(dev);
	if (IS_ERR_OR_NULL(priv->tz)) /* no zone: sampling stays off */
		return 0;
	priv->first_sample = true;
	writel(TSENS_THR_LOWEST, priv->base + TSENS_THR_HIGH);
	writel(TSENS_CTRL_EN | TSENS_CTRL_HIGH_IE | TSENS_CTRL_LOW_IE, priv->base + TSENS_CTRL);
	return 0;
}

static const struct dev_pm_ops pmsim_tsens_pm_ops = {
	SET_SYSTEM_SLEEP_PM_OPS(pmsim_tsens_suspend, pmsim_tsens_resume)
};

static const struct of_device_id pmsim_tsens_of_match[] = {
	{ .compatible = "pmsim,tsens" },
	{ },
};

static struct platform_driver pmsim_tsens_driver = {
	.probe = pmsim_tsens_probe,
	.driver = {
		.name = "pmsim-tsens",
		.of_match_table = pmsim_tsens_of_match,
		.pm = &pmsim_tsens_pm_ops,
	},
};
module_platform_driver(pmsim_tsens_driver);
