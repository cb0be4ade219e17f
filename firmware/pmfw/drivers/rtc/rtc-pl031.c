/*
 * ARM PrimeCell PL031 RTC (Linux's drivers/rtc/rtc-pl031.c, the ARM
 * variant; pmsim's model: docs/devices/pl031.md, which also describes
 * this driver).
 *
 * RTCDR counts seconds since the epoch (32 bits: 1970 to 2106); a time
 * is set by loading RTCLR; the alarm is RTCMR, its interrupt unmasked in
 * RTCIMSC and cleared in RTCICR. Probe starts the counter (RTCCR) if
 * nothing did, registers rtcN and marks the device as able to wake the
 * system (device_init_wakeup).
 *
 * Clocks: `clocks` entry 0 is the counter's oscillator. Gating it stops
 * the time (the model stops counting), so it is enabled at probe and
 * never gated, whatever runtime PM does. A bus clock named "apb_pclk"
 * (optional; the default SoC and the MCU have none) only serves register
 * accesses: it is gated while the device is runtime-suspended. Each
 * operation takes the device (pm_runtime_resume_and_get) and lets it
 * autosuspend after PL031_AUTOSUSPEND_MS; an armed alarm keeps it
 * active, since its interrupt handler reads the registers.
 *
 * Wake-up: at system suspend, an armed alarm on a device that may wake
 * (power/wakeup "enabled", the default) arms the RTC's NVIC line with
 * enable_irq_wake, for the PMU driver's wake mask; resume disarms it.
 */
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/pm_wakeup.h>
#include <linux/rtc.h>
#include <linux/slab.h>

#define RTC_DR 0x00   /* data read register */
#define RTC_MR 0x04   /* match register */
#define RTC_LR 0x08   /* data load register */
#define RTC_CR 0x0c   /* control register */
#define RTC_IMSC 0x10 /* interrupt mask and set register */
#define RTC_RIS 0x14  /* raw interrupt status register */
#define RTC_MIS 0x18  /* masked interrupt status register */
#define RTC_ICR 0x1c  /* interrupt clear register */

#define RTC_CR_EN (1 << 0)
#define RTC_BIT_AI (1 << 0) /* alarm interrupt bit */

#define PL031_AUTOSUSPEND_MS 50

struct pl031_local {
	struct rtc_device *rtc;
	void __iomem *base;
	struct clk *pclk;    /* "apb_pclk", or NULL */
	unsigned int irq;
	bool alarm_held;     /* a runtime-PM reference for the armed alarm */
	bool wake_armed;     /* enable_irq_wake done at suspend */
};

static int pl031_get(struct device *dev)
{
	return pm_runtime_resume_and_get(dev);
}

static void pl031_put(struct device *dev)
{
	pm_runtime_mark_last_busy(dev);
	pm_runtime_put_autosuspend(dev);
}

static int pl031_alarm_irq_enable(struct device *dev, unsigned int enabled)
{
	struct pl031_local *ldata = dev_get_drvdata(dev);
	int err = pl031_get(dev);
	if (err)
		return err;
	/* Clear any pending alarm interrupt. */
	writel(RTC_BIT_AI, ldata->base + RTC_ICR);
	unsigned long imsc = readl(ldata->base + RTC_IMSC);
	if (enabled)
		writel(imsc | RTC_BIT_AI, ldata->base + RTC_IMSC);
	else
		writel(imsc & ~RTC_BIT_AI, ldata->base + RTC_IMSC);
	/* An armed alarm keeps the registers reachable for the handler. */
	if (enabled && !ldata->alarm_held) {
		pm_runtime_get_noresume(dev);
		ldata->alarm_held = true;
	} else if (!enabled && ldata->alarm_held) {
		ldata->alarm_held = false;
		pm_runtime_put_noidle(dev);
	}
	pl031_put(dev);
	return 0;
}

static int pl031_read_time(struct device *dev, struct rtc_time *tm)
{
	struct pl031_local *ldata = dev_get_drvdata(dev);
	int err = pl031_get(dev);
	if (err)
		return err;
	rtc_time64_to_tm(readl(ldata->base + RTC_DR), tm);
	pl031_put(dev);
	return 0;
}

static int pl031_set_time(struct device *dev, struct rtc_time *tm)
{
	struct pl031_local *ldata = dev_get_drvdata(dev);
	int err = pl031_get(dev);
	if (err)
		return err;
	writel((u32)rtc_tm_to_time64(tm), ldata->base + RTC_LR);
	pl031_put(dev);
	return 0;
}

static int pl031_read_alarm(struct device *dev, struct rtc_wkalrm *alarm)
{
	struct pl031_local *ldata = dev_get_drvdata(dev);
	int err = pl031_get(dev);
	if (err)
		return err;
	rtc_time64_to_tm(readl(ldata->base + RTC_MR), &alarm->time);
	alarm->pending = readl(ldata->base + RTC_RIS) & RTC_BIT_AI;
	alarm->enabled = readl(ldata->base + RTC_IMSC) & RTC_BIT_AI;
	pl031_put(dev);
	return 0;
}

static int pl031_set_alarm(struct device *dev, struct rtc_wkalrm *alarm)
{
	struct pl031_local *ldata = dev_get_drvdata(dev);
	int err = pl031_get(dev);
	if (err)
		return err;
	writel((u32)rtc_tm_to_time64(&alarm->time), ldata->base + RTC_MR);
	pl031_alarm_irq_enable(dev, alarm->enabled);
	pl031_put(dev);
	return 0;
}

static irqreturn_t pl031_interrupt(int irq, void *dev_id)
{
	struct pl031_local *ldata = dev_id;
	unsigned long rtcmis = readl(ldata->base + RTC_MIS);
	if (rtcmis & RTC_BIT_AI) {
		writel(RTC_BIT_AI, ldata->base + RTC_ICR);
		rtc_update_irq(ldata->rtc, 1, RTC_AF | RTC_IRQF);
		return IRQ_HANDLED;
	}
	return IRQ_NONE;
}

static const struct rtc_class_ops arm_pl031_ops = {
	.read_time = pl031_read_time,
	.set_time = pl031_set_time,
	.read_alarm = pl031_read_alarm,
	.set_alarm = pl031_set_alarm,
	.alarm_irq_enable = pl031_alarm_irq_enable,
};

/* ---- power ---------------------------------------------------------------------- */

static int pl031_runtime_suspend(struct device *dev)
{
	struct pl031_local *ldata = dev_get_drvdata(dev);
	clk_disable(ldata->pclk);
	return 0;
}

static int pl031_runtime_resume(struct device *dev)
{
	struct pl031_local *ldata = dev_get_drvdata(dev);
	return clk_enable(ldata->pclk);
}

static int pl031_suspend(struct device *dev)
{
	struct pl031_local *ldata = dev_get_drvdata(dev);
	if (ldata->alarm_held && device_may_wakeup(dev) && !enable_irq_wake(ldata->irq))
		ldata->wake_armed = true;
	return 0;
}

static int pl031_resume(struct device *dev)
{
	struct pl031_local *ldata = dev_get_drvdata(dev);
	if (ldata->wake_armed) {
		disable_irq_wake(ldata->irq);
		ldata->wake_armed = false;
	}
	return 0;
}

static const struct dev_pm_ops pl031_pm_ops = {
	SET_SYSTEM_SLEEP_PM_OPS(pl031_suspend, pl031_resume)
	SET_RUNTIME_PM_OPS(pl031_runtime_suspend, pl031_runtime_resume, NULL)
};

/* ---- probe ---------------------------------------------------------------------- */

static void pl031_pm_disable(void *data)
{
	struct device *dev = data;
	pm_runtime_disable(dev);
	pm_runtime_dont_use_autosuspend(dev);
	if (!pm_runtime_status_suspended(dev))
		pl031_runtime_suspend(dev);
	pm_runtime_set_suspended(dev);
}

static void pl031_clk_unprepare(void *clk)
{
	clk_unprepare(clk);
}

static int pl031_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pl031_local *ldata = devm_kzalloc(dev, sizeof *ldata, GFP_KERNEL);
	if (!ldata)
		return -ENOMEM;
	ldata->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(ldata->base))
		return (int)PTR_ERR(ldata->base);
	/* The counter's oscillator: never gated (see the top). */
	struct clk *rtcclk = devm_clk_get_enabled(dev, NULL);
	if (IS_ERR(rtcclk))
		return dev_err_probe(dev, (int)PTR_ERR(rtcclk), "no RTC clock\n");
	ldata->pclk = devm_clk_get_optional(dev, "apb_pclk");
	if (IS_ERR(ldata->pclk))
		return dev_err_probe(dev, (int)PTR_ERR(ldata->pclk), "bad APB clock\n");
	if (clk_is_match(ldata->pclk, rtcclk))
		ldata->pclk = NULL;
	if (ldata->pclk) {
		int err = clk_prepare(ldata->pclk);
		if (err)
			return err;
		err = devm_add_action_or_reset(dev, pl031_clk_unprepare, ldata->pclk);
		if (err)
			return err;
	}
	int irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	ldata->irq = (unsigned int)irq;
	platform_set_drvdata(pdev, ldata);

	int ret = clk_enable(ldata->pclk);
	if (ret)
		return ret;
	pm_runtime_set_active(dev);
	pm_runtime_set_autosuspend_delay(dev, PL031_AUTOSUSPEND_MS);
	pm_runtime_use_autosuspend(dev);
	pm_runtime_get_noresume(dev);
	pm_runtime_enable(dev);
	ret = devm_add_action_or_reset(dev, pl031_pm_disable, dev);
	if (ret) {
		pm_runtime_put_noidle(dev);
		return ret;
	}

	/* Start the counter if nothing did (it cannot be stopped again). */
	u32 cr = readl(ldata->base + RTC_CR);
	if (!(cr & RTC_CR_EN))
		writel(cr | RTC_CR_EN, ldata->base + RTC_CR);
	/* No alarm until one is set. */
	writel(0, ldata->base + RTC_IMSC);
	writel(RTC_BIT_AI, ldata->base + RTC_ICR);

	device_init_wakeup(dev, true);
	ldata->rtc = devm_rtc_allocate_device(dev);
	if (IS_ERR(ldata->rtc)) {
		ret = (int)PTR_ERR(ldata->rtc);
		goto out;
	}
	ldata->rtc->ops = &arm_pl031_ops;
	ldata->rtc->range_min = 0;
	ldata->rtc->range_max = U32_MAX;
	ret = devm_request_irq(dev, ldata->irq, pl031_interrupt, 0, "rtc-pl031", ldata);
	if (ret)
		goto out;
	ret = devm_rtc_register_device(ldata->rtc);
out:
	if (ret)
		device_init_wakeup(dev, false);
	/* Unused so far: suspended now, without an autosuspend timer. */
	pm_runtime_put(dev);
	return ret;
}

static const struct of_device_id pl031_of_match[] = {
	{ .compatible = "arm,pl031" },
	{ },
};

static struct platform_driver pl031_driver = {
	.probe = pl031_probe,
	.driver = {
		.name = "rtc-pl031",
		.of_match_table = pl031_of_match,
		.pm = &pl031_pm_ops,
	},
};
module_platform_driver(pl031_driver);
