/*
 * The ARM PL111 colour LCD controller (compatible "arm,pl111"; the
 * hardware: docs/devices/pl111.md) as a framebuffer device, /dev/fb0 and
 * /sys/class/graphics/fb0, in the manner of Linux's old fbdev driver
 * (drivers/video/fbdev/amba-clcd.c) for a single TFT panel.
 *
 * The panel is the controller's `panel` child node (compatible
 * "panel-dpi"): its `panel-timing` (Linux's display-timing binding: the
 * active size, porches, sync lengths and pixel clock) becomes the timing
 * registers, its `power-supply` is the panel's supply and its `backlight`
 * the pwm-backlight to switch with it. The pixel clock is CLCDCLK
 * ("clcdclk") divided by PCD + 2, PCD chosen for the closest rate not
 * above the panel's (BCD when the panel's rate is CLCDCLK's or more).
 *
 * Format: 16 bpp RGB565, red in bits 15:11 (LcdBpp 5:6:5 with BGR set, as
 * Linux's DRM driver does for DRM_FORMAT_RGB565). The framebuffer is
 * coherent DMA memory (the shared-dma-pool in DRAM, non-cacheable), taken
 * the first time the display is unblanked and kept from then on: a SoC
 * whose display nobody uses has none.
 *
 * Blanking and runtime PM. The display starts blanked (FB_BLANK_POWERDOWN)
 * and runtime-suspended: nothing scans, the clock is gated, the panel is
 * off, so a system that never shows anything pays nothing for it.
 * Unblank (fb_blank 0): pm_runtime_resume_and_get (runtime_resume enables
 * the clock and writes every register again, since the power domain may
 * have been off), the panel's supply enabled, LcdEn, 20 ms later LcdPwr
 * (the panel powered and the scan-out running: Linux's power sequence),
 * then the backlight on. Blank (any level above 0): the backlight off,
 * LcdPwr off, 20 ms later LcdEn off, the panel's supply disabled, pm_runtime_put_sync (runtime_suspend gates
 * the clock). With the scan-out stopped the DRAM is idle again and its
 * controller can take it to power-down or self-refresh.
 *
 * Interrupts: only the errors are enabled, a FIFO underflow and a bus
 * error (each counted, in fifo_underflows and bus_errors in the device's
 * sysfs directory); no interrupt per frame, which would wake the core 67
 * times a second.
 *
 * System sleep: blanked and runtime-suspended on suspend (the panel must
 * not stay lit while the SoC sleeps), and unblanked on resume if it was
 * unblanked before.
 */
#include <asm/io.h>
#include <linux/backlight.h>
#include <linux/clk.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/fb.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/regulator/consumer.h>
#include <linux/slab.h>

#define CLCD_TIM0 0x000
#define CLCD_TIM1 0x004
#define CLCD_TIM2 0x008
#define CLCD_TIM3 0x00c
#define CLCD_UBAS 0x010
#define CLCD_LBAS 0x014
#define CLCD_CNTL 0x018
#define CLCD_IENB 0x01c
#define CLCD_RIS 0x020
#define CLCD_MIS 0x024
#define CLCD_ICR 0x028
#define CLCD_PERIPHID0 0xfe0

#define CNTL_LCDEN BIT(0)
#define CNTL_LCDBPP16_565 (6 << 1)
#define CNTL_LCDTFT BIT(5)
#define CNTL_BGR BIT(8)
#define CNTL_LCDPWR BIT(11)

#define IRQ_FUF BIT(1)
#define IRQ_MBERROR BIT(4)

#define TIM2_BCD BIT(26)

struct clcd_fb {
	struct fb_info info;
	struct device *dev;
	void __iomem *base;
	struct clk *clk;
	struct regulator *panel_supply;
	struct backlight_device *backlight;
	u32 tim[3], cntl;
	dma_addr_t fb_dma;
	bool on;              /* unblanked */
	bool resume_on;       /* unblank again after system sleep */
	u32 underflows, bus_errors;
	unsigned long pix_hz;  /* the pixel clock programmed */
};

/* ---- hardware ------------------------------------------------------------------------ */

/* Everything but LcdEn and LcdPwr: after runtime_resume the domain may
 * have been off, which lost the registers. */
static void clcd_write_regs(struct clcd_fb *fb)
{
	writel(fb->tim[0], fb->base + CLCD_TIM0);
	writel(fb->tim[1], fb->base + CLCD_TIM1);
	writel(fb->tim[2], fb->base + CLCD_TIM2);
	writel(0, fb->base + CLCD_TIM3);
	writel((u32)fb->fb_dma, fb->base + CLCD_UBAS);
	writel(0, fb->base + CLCD_LBAS);
	writel(IRQ_FUF | IRQ_MBERROR, fb->base + CLCD_IENB);
	writel(fb->cntl, fb->base + CLCD_CNTL);
}

static irqreturn_t clcd_irq(int irq, void *data)
{
	struct clcd_fb *fb = data;
	u32 mis = readl(fb->base + CLCD_MIS);
	if (!mis)
		return IRQ_NONE;
	writel(mis, fb->base + CLCD_ICR);
	if (mis & IRQ_FUF)
		fb->underflows++;
	if (mis & IRQ_MBERROR)
		fb->bus_errors++;
	return IRQ_HANDLED;
}

static int clcd_runtime_suspend(struct device *dev)
{
	struct clcd_fb *fb = dev_get_drvdata(dev);
	clk_disable_unprepare(fb->clk);
	return 0;
}

static int clcd_runtime_resume(struct device *dev)
{
	struct clcd_fb *fb = dev_get_drvdata(dev);
	int ret = clk_prepare_enable(fb->clk);
	if (ret)
		return ret;
	clcd_write_regs(fb);
	return 0;
}

/* ---- blanking ------------------------------------------------------------------------ */

static int clcd_alloc(struct clcd_fb *fb)
{
	if (fb->info.screen_base)
		return 0;
	void *mem = dmam_alloc_coherent(fb->dev, fb->info.fix.smem_len, &fb->fb_dma, GFP_KERNEL);
	if (!mem)
		return -ENOMEM;
	memset(mem, 0, fb->info.fix.smem_len);
	fb->info.screen_base = mem;
	fb->info.fix.smem_start = fb->fb_dma;
	return 0;
}

static int clcd_unblank(struct clcd_fb *fb)
{
	int ret = clcd_alloc(fb);
	if (ret)
		return ret;
	ret = pm_runtime_resume_and_get(fb->dev);
	if (ret)
		return ret;
	if (fb->panel_supply) {
		ret = regulator_enable(fb->panel_supply);
		if (ret) {
			pm_runtime_put_sync(fb->dev);
			return ret;
		}
	}
	/* The panel's power sequence, as Linux's clcdfb_enable: the signals
	 * 20 ms before the panel's power. */
	writel(fb->cntl | CNTL_LCDEN, fb->base + CLCD_CNTL);
	msleep(20);
	writel(fb->cntl | CNTL_LCDEN | CNTL_LCDPWR, fb->base + CLCD_CNTL);
	fb->on = true;
	ret = backlight_enable(fb->backlight);
	if (ret)
		dev_warn(fb->dev, "backlight: %d\n", ret);
	return 0;
}

static void clcd_blank_off(struct clcd_fb *fb)
{
	backlight_disable(fb->backlight);
	writel(fb->cntl | CNTL_LCDEN, fb->base + CLCD_CNTL);
	msleep(20);
	writel(fb->cntl, fb->base + CLCD_CNTL);
	if (fb->panel_supply)
		regulator_disable(fb->panel_supply);
	fb->on = false;
	pm_runtime_put_sync(fb->dev);
}

static int clcd_fb_blank(int blank, struct fb_info *info)
{
	struct clcd_fb *fb = container_of(info, struct clcd_fb, info);
	if (blank == FB_BLANK_UNBLANK)
		return fb->on ? 0 : clcd_unblank(fb);
	if (fb->on)
		clcd_blank_off(fb);
	return 0;
}

static const struct fb_ops clcd_fb_ops = {
	.fb_blank = clcd_fb_blank,
};

/* ---- sysfs --------------------------------------------------------------------------- */

static ssize_t fifo_underflows_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct clcd_fb *fb = dev_get_drvdata(dev);
	return sysfs_emit(buf, "%u\n", fb->underflows);
}
static DEVICE_ATTR_RO(fifo_underflows);

static ssize_t bus_errors_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct clcd_fb *fb = dev_get_drvdata(dev);
	return sysfs_emit(buf, "%u\n", fb->bus_errors);
}
static DEVICE_ATTR_RO(bus_errors);

static struct attribute *clcd_attrs[] = {
	&dev_attr_fifo_underflows.attr,
	&dev_attr_bus_errors.attr,
	NULL,
};

static const struct attribute_group clcd_group = {
	.attrs = clcd_attrs,
};

/* ---- probe --------------------------------------------------------------------------- */

/* The timing registers for the panel's display-timing at CLCDCLK `rate`. */
static int clcd_timing(struct clcd_fb *fb, struct device_node *tn, unsigned long rate)
{
	static const char *const props[] = {
		"clock-frequency", "hactive", "vactive", "hfront-porch", "hback-porch",
		"hsync-len", "vfront-porch", "vback-porch", "vsync-len",
	};
	u32 v[ARRAY_SIZE(props)];
	for (size_t i = 0; i < ARRAY_SIZE(props); i++)
		if (of_property_read_u32(tn, props[i], &v[i]))
			return dev_err_probe(fb->dev, -EINVAL, "panel-timing: no %s\n", props[i]);
	u32 pix = v[0], w = v[1], h = v[2], hfp = v[3], hbp = v[4], hsw = v[5];
	u32 vfp = v[6], vbp = v[7], vsw = v[8];
	if (!pix || !w || w % 16 || w > 1024 || !h || h > 1024 || !hfp || hfp > 256 || !hbp ||
	    hbp > 256 || !hsw || hsw > 256 || vfp > 255 || vbp > 255 || !vsw || vsw > 64)
		return dev_err_probe(fb->dev, -EINVAL, "panel-timing out of the PL111's range\n");
	fb->tim[0] = ((hbp - 1) << 24) | ((hfp - 1) << 16) | ((hsw - 1) << 8) |
		     ((w / 16 - 1) << 2);
	fb->tim[1] = (vbp << 24) | (vfp << 16) | ((vsw - 1) << 10) | (h - 1);
	u32 tim2 = (w - 1) << 16; /* CPL: clocks per line, pixels for a TFT */
	if (!rate)
		return dev_err_probe(fb->dev, -EINVAL, "clcdclk has no rate\n");
	unsigned long div = DIV_ROUND_UP(rate, pix);
	if (div <= 1) {
		tim2 |= TIM2_BCD;
		div = 1;
	} else {
		if (div < 2)
			div = 2;
		if (div - 2 > 0x3ff)
			return dev_err_probe(fb->dev, -EINVAL, "pixel clock too slow for clcdclk\n");
		u32 pcd = (u32)(div - 2);
		tim2 |= ((pcd >> 5) << 27) | (pcd & 0x1f);
	}
	fb->tim[2] = tim2;
	struct fb_var_screeninfo *var = &fb->info.var;
	var->xres = w;
	var->yres = h;
	var->bits_per_pixel = 16;
	var->red = (struct fb_bitfield){ 11, 5 };
	var->green = (struct fb_bitfield){ 5, 6 };
	var->blue = (struct fb_bitfield){ 0, 5 };
	var->pixclock = (u32)(1000000000000ULL * div / rate);
	fb->pix_hz = rate / div;
	var->left_margin = hbp;
	var->right_margin = hfp;
	var->upper_margin = vbp;
	var->lower_margin = vfp;
	var->hsync_len = hsw;
	var->vsync_len = vsw;
	return 0;
}

static void clcd_regulator_put(void *r)
{
	regulator_put(r);
}

static void clcd_backlight_put(void *bl)
{
	put_device(&((struct backlight_device *)bl)->dev);
}

static void clcd_unregister(void *info)
{
	unregister_framebuffer(info);
}

static void clcd_remove_group(void *dev)
{
	device_remove_group(dev, &clcd_group);
}

/* On unbind: blanked (if shown), and runtime PM off. */
static void clcd_off(void *data)
{
	struct clcd_fb *fb = data;
	if (fb->on)
		clcd_blank_off(fb);
}

static int clcd_panel(struct clcd_fb *fb, struct device_node *panel)
{
	struct device *dev = fb->dev;
	if (of_property_present(panel, "power-supply")) {
		fb->panel_supply = of_regulator_get(panel, dev_name(dev), "power");
		if (IS_ERR(fb->panel_supply))
			return dev_err_probe(dev, (int)PTR_ERR(fb->panel_supply),
					     "no panel supply\n");
		int ret = devm_add_action_or_reset(dev, clcd_regulator_put, fb->panel_supply);
		if (ret)
			return ret;
	}
	struct device_node *bl = of_parse_phandle(panel, "backlight", 0);
	if (bl) {
		fb->backlight = of_find_backlight_by_node(bl);
		of_node_put(bl);
		if (!fb->backlight)
			return -EPROBE_DEFER;
		int ret = devm_add_action_or_reset(dev, clcd_backlight_put, fb->backlight);
		if (ret)
			return ret;
	}
	struct device_node *tn = of_get_child_by_name(panel, "panel-timing");
	if (!tn)
		return dev_err_probe(dev, -EINVAL, "the panel has no panel-timing\n");
	int ret = clcd_timing(fb, tn, clk_get_rate(fb->clk));
	of_node_put(tn);
	return ret;
}

static int clcd_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct clcd_fb *fb = devm_kzalloc(dev, sizeof *fb, GFP_KERNEL);
	if (!fb)
		return -ENOMEM;
	fb->dev = dev;
	fb->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(fb->base))
		return (int)PTR_ERR(fb->base);
	fb->clk = devm_clk_get(dev, "clcdclk");
	if (IS_ERR(fb->clk))
		return dev_err_probe(dev, (int)PTR_ERR(fb->clk), "no clcdclk\n");
	int irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	platform_set_drvdata(pdev, fb);
	struct device_node *panel = of_get_child_by_name(dev->of_node, "panel");
	if (!panel)
		return dev_err_probe(dev, -ENODEV, "no panel node\n");
	int ret = clcd_panel(fb, panel);
	of_node_put(panel);
	if (ret)
		return ret;

	ret = clk_prepare_enable(fb->clk);
	if (ret)
		return ret;
	u32 id = 0;
	for (int i = 0; i < 4; i++)
		id |= (readl(fb->base + CLCD_PERIPHID0 + 4 * i) & 0xff) << (8 * i);
	writel(0, fb->base + CLCD_CNTL);
	writel(0, fb->base + CLCD_IENB);
	clk_disable_unprepare(fb->clk);
	if ((id & 0x000fffff) != 0x00041111)
		return dev_err_probe(dev, -ENODEV, "not a PL111 (periph id 0x%08x)\n", id);
	ret = devm_request_irq(dev, (unsigned int)irq, clcd_irq, 0, dev_name(dev), fb);
	if (ret)
		return ret;

	fb->cntl = CNTL_LCDTFT | CNTL_LCDBPP16_565 | CNTL_BGR;
	struct fb_info *info = &fb->info;
	strscpy(info->fix.id, "pl111", sizeof info->fix.id);
	info->fix.line_length = info->var.xres * 2;
	info->fix.smem_len = info->fix.line_length * info->var.yres;
	info->fbops = &clcd_fb_ops;
	info->device = dev;
	info->par = fb;
	info->blank = FB_BLANK_POWERDOWN;

	/* Blanked and suspended until someone shows something. */
	pm_runtime_set_suspended(dev);
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, clcd_off, fb);
	if (ret)
		return ret;
	ret = register_framebuffer(info);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, clcd_unregister, info);
	if (ret)
		return ret;
	ret = device_add_group(dev, &clcd_group);
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, clcd_remove_group, dev);
	if (ret)
		return ret;
	dev_info(dev, "fb%d: %ux%u RGB565, pixel clock %lu Hz\n", info->node, info->var.xres,
		 info->var.yres, fb->pix_hz);
	return 0;
}

/* The PM core holds a usage count from prepare to complete, so blanking
 * cannot runtime-suspend the device here: force it. */
static int clcd_suspend(struct device *dev)
{
	struct clcd_fb *fb = dev_get_drvdata(dev);
	fb->resume_on = fb->on;
	int ret = fb_blank(&fb->info, FB_BLANK_POWERDOWN);
	return ret ? ret : pm_runtime_force_suspend(dev);
}

static int clcd_resume(struct device *dev)
{
	struct clcd_fb *fb = dev_get_drvdata(dev);
	int ret = pm_runtime_force_resume(dev);
	if (ret || !fb->resume_on)
		return ret;
	return fb_blank(&fb->info, FB_BLANK_UNBLANK);
}

static const struct dev_pm_ops clcd_pm_ops = {
	SET_SYSTEM_SLEEP_PM_OPS(clcd_suspend, clcd_resume)
	SET_RUNTIME_PM_OPS(clcd_runtime_suspend, clcd_runtime_resume, NULL)
};

static const struct of_device_id clcd_of_match[] = {
	{ .compatible = "arm,pl111" },
	{ },
};

static struct platform_driver clcd_driver = {
	.probe = clcd_probe,
	.driver = {
		.name = "clcd-pl111",
		.of_match_table = clcd_of_match,
		.pm = &clcd_pm_ops,
	},
};
module_platform_driver(clcd_driver);
