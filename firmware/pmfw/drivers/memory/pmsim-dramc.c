/*
 * pmsim's LPDDR controller (compatible "pmsim,lpddr-controller";
 * docs/devices/dramc.md describes the hardware and this driver).
 *
 * The controller sits beside the DRAM, not on its data path: it puts the
 * memory into power-down after PD_IDLE ns without an access, into
 * self-refresh on command (or after SR_IDLE ns), and counts both. The
 * driver:
 *
 *  - holds the controller's clock from probe on and never gates it: the
 *    controller refreshes the memory in active standby and power-down, so
 *    a gated clock while DRAM holds data would lose it. For the same
 *    reason it has no runtime PM (power/runtime_status reads
 *    "unsupported");
 *  - programs the idle timers from the device tree (pmsim,pd-idle-ns,
 *    pmsim,sr-idle-ns; 0 leaves a timer off), and reports and clears a
 *    loss of contents found at probe or resume (STATUS.LOST);
 *  - gives the suspend path self-refresh entry and exit
 *    (include/memory/pmsim-dramc.h), which do not sleep;
 *  - shows its state and counts in sysfs, in its device's directory
 *    (/sys/devices/platform/soc/40023000.memory-controller/):
 *
 *      state        active, power-down, self-refresh or off (STATUS.STATE)
 *      pd_entries   power-down entries (PD_ENTRIES, since the controller's
 *                   reset; 32 bits, wrapping)
 *      sr_entries   self-refresh entries (SR_ENTRIES, likewise)
 *      pd_idle_ns   the power-down idle timeout; write 0 to disable it
 *      sr_idle_ns   the self-refresh idle timeout; write 0 to disable it
 *      contents_lost  1 if the memory lost its data since this was last
 *                   0 (STATUS.LOST, not cleared by reading)
 *
 * Reading these registers is no DRAM access: it wakes nothing.
 */
#include <linux/clk.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <memory/pmsim-dramc.h>

#define DRAMC_ID 0x000
#define DRAMC_CTRL 0x004
#define DRAMC_STATUS 0x008
#define DRAMC_PD_IDLE 0x00c
#define DRAMC_SR_IDLE 0x010
#define DRAMC_SR_ENTRIES 0x014
#define DRAMC_PD_ENTRIES 0x018
#define DRAMC_TXP 0x01c
#define DRAMC_TXS 0x020
#define DRAMC_MEM_SIZE 0x024

#define DRAMC_ID_VALUE 0x44524331 /* "DRC1" */
#define CTRL_PD_EN BIT(0)
#define CTRL_SR_IDLE_EN BIT(1)
#define CTRL_SR_REQ BIT(2)
#define CTRL_SR_EXIT BIT(3)
#define STATUS_STATE GENMASK(1, 0)
#define STATUS_SR_PENDING BIT(4)
#define STATUS_LOST BIT(8)

enum dramc_state { DRAMC_ACTIVE, DRAMC_POWER_DOWN, DRAMC_SELF_REFRESH, DRAMC_OFF };

/* Self-refresh entry waits for an access in progress: far less than this. */
#define DRAMC_SR_TIMEOUT_US 1000

struct pmsim_dramc {
	struct device *dev;
	void __iomem *base;
	u32 pd_idle_ns, sr_idle_ns; /* as programmed (restored at resume) */
	struct list_head node;
};

static LIST_HEAD(dramc_list);
static DEFINE_SPINLOCK(dramc_lock);

static u32 dramc_enables(const struct pmsim_dramc *d)
{
	return (d->pd_idle_ns ? CTRL_PD_EN : 0) | (d->sr_idle_ns ? CTRL_SR_IDLE_EN : 0);
}

/* The timers as d says: timeout first, then the enables. */
static void dramc_program(struct pmsim_dramc *d)
{
	writel(d->pd_idle_ns, d->base + DRAMC_PD_IDLE);
	writel(d->sr_idle_ns, d->base + DRAMC_SR_IDLE);
	writel(dramc_enables(d), d->base + DRAMC_CTRL);
}

static enum dramc_state dramc_state(struct pmsim_dramc *d)
{
	return readl(d->base + DRAMC_STATUS) & STATUS_STATE;
}

/* ---- the suspend path's calls ----------------------------------------------------- */

int pmsim_dramc_enter_self_refresh(void)
{
	struct pmsim_dramc *d;
	int ret = -ENODEV;
	unsigned long flags;
	spin_lock_irqsave(&dramc_lock, flags);
	list_for_each_entry(d, &dramc_list, node) {
		writel(dramc_enables(d) | CTRL_SR_REQ, d->base + DRAMC_CTRL);
		ret = -ETIMEDOUT;
		for (unsigned int us = 0; us <= DRAMC_SR_TIMEOUT_US; us++) {
			if (dramc_state(d) == DRAMC_SELF_REFRESH) {
				ret = 0;
				break;
			}
			udelay(1);
		}
		if (ret)
			break;
	}
	spin_unlock_irqrestore(&dramc_lock, flags);
	return ret;
}

int pmsim_dramc_exit_self_refresh(void)
{
	struct pmsim_dramc *d;
	int ret = -ENODEV;
	unsigned long flags;
	spin_lock_irqsave(&dramc_lock, flags);
	list_for_each_entry(d, &dramc_list, node) {
		/* Also cancels a request still pending. */
		writel(dramc_enables(d) | CTRL_SR_EXIT, d->base + DRAMC_CTRL);
		ret = 0;
	}
	spin_unlock_irqrestore(&dramc_lock, flags);
	return ret;
}

bool pmsim_dramc_contents_lost(void)
{
	struct pmsim_dramc *d;
	bool lost = false;
	unsigned long flags;
	spin_lock_irqsave(&dramc_lock, flags);
	list_for_each_entry(d, &dramc_list, node) {
		if (readl(d->base + DRAMC_STATUS) & STATUS_LOST) {
			writel(STATUS_LOST, d->base + DRAMC_STATUS);
			lost = true;
		}
	}
	spin_unlock_irqrestore(&dramc_lock, flags);
	return lost;
}

unsigned int pmsim_dramc_warm_info(struct pmsim_dramc_warm *w, unsigned int max)
{
	struct pmsim_dramc *d;
	unsigned int n = 0;
	unsigned long flags;
	spin_lock_irqsave(&dramc_lock, flags);
	list_for_each_entry(d, &dramc_list, node) {
		if (n == max)
			break;
		w[n++] = (struct pmsim_dramc_warm){
			.ctrl = (u32)(uintptr_t)(d->base + DRAMC_CTRL),
			.ctrl_exit = dramc_enables(d) | CTRL_SR_EXIT,
			.status = (u32)(uintptr_t)(d->base + DRAMC_STATUS),
			.status_lost = STATUS_LOST,
		};
	}
	spin_unlock_irqrestore(&dramc_lock, flags);
	return n;
}

/* ---- sysfs ------------------------------------------------------------------------ */

static const char *const dramc_state_names[] = {
	[DRAMC_ACTIVE] = "active",
	[DRAMC_POWER_DOWN] = "power-down",
	[DRAMC_SELF_REFRESH] = "self-refresh",
	[DRAMC_OFF] = "off",
};

static ssize_t state_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct pmsim_dramc *d = dev_get_drvdata(dev);
	return sysfs_emit(buf, "%s\n", dramc_state_names[dramc_state(d)]);
}
static DEVICE_ATTR_RO(state);

static ssize_t pd_entries_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct pmsim_dramc *d = dev_get_drvdata(dev);
	return sysfs_emit(buf, "%u\n", readl(d->base + DRAMC_PD_ENTRIES));
}
static DEVICE_ATTR_RO(pd_entries);

static ssize_t sr_entries_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct pmsim_dramc *d = dev_get_drvdata(dev);
	return sysfs_emit(buf, "%u\n", readl(d->base + DRAMC_SR_ENTRIES));
}
static DEVICE_ATTR_RO(sr_entries);

static ssize_t contents_lost_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct pmsim_dramc *d = dev_get_drvdata(dev);
	return sysfs_emit(buf, "%d\n", !!(readl(d->base + DRAMC_STATUS) & STATUS_LOST));
}
static DEVICE_ATTR_RO(contents_lost);

static ssize_t idle_store(struct device *dev, const char *buf, size_t count, bool sr)
{
	struct pmsim_dramc *d = dev_get_drvdata(dev);
	u32 ns;
	int err = kstrtouint(buf, 0, &ns);
	if (err)
		return err;
	unsigned long flags;
	spin_lock_irqsave(&dramc_lock, flags);
	if (sr)
		d->sr_idle_ns = ns;
	else
		d->pd_idle_ns = ns;
	dramc_program(d);
	spin_unlock_irqrestore(&dramc_lock, flags);
	return (ssize_t)count;
}

static ssize_t pd_idle_ns_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct pmsim_dramc *d = dev_get_drvdata(dev);
	return sysfs_emit(buf, "%u\n", readl(d->base + DRAMC_PD_IDLE));
}

static ssize_t pd_idle_ns_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	return idle_store(dev, buf, count, false);
}
static DEVICE_ATTR_RW(pd_idle_ns);

static ssize_t sr_idle_ns_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct pmsim_dramc *d = dev_get_drvdata(dev);
	return sysfs_emit(buf, "%u\n", readl(d->base + DRAMC_SR_IDLE));
}

static ssize_t sr_idle_ns_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	return idle_store(dev, buf, count, true);
}
static DEVICE_ATTR_RW(sr_idle_ns);

static struct attribute *dramc_attrs[] = {
	&dev_attr_state.attr,
	&dev_attr_pd_entries.attr,
	&dev_attr_sr_entries.attr,
	&dev_attr_pd_idle_ns.attr,
	&dev_attr_sr_idle_ns.attr,
	&dev_attr_contents_lost.attr,
	NULL,
};
ATTRIBUTE_GROUPS(dramc);

/* ---- power ------------------------------------------------------------------------ */

/* After a system suspend the controller may have been reset (a warm
 * boot): its timers as they were, and a word if the data is gone. */
static int dramc_resume(struct device *dev)
{
	struct pmsim_dramc *d = dev_get_drvdata(dev);
	unsigned long flags;
	spin_lock_irqsave(&dramc_lock, flags);
	dramc_program(d);
	bool lost = readl(d->base + DRAMC_STATUS) & STATUS_LOST;
	spin_unlock_irqrestore(&dramc_lock, flags);
	if (lost)
		dev_err(dev, "DRAM contents lost while suspended\n");
	return 0;
}

static const struct dev_pm_ops dramc_pm_ops = {
	.resume = dramc_resume,
	.restore = dramc_resume,
};

/* ---- probe ------------------------------------------------------------------------ */

static void dramc_unlist(void *data)
{
	struct pmsim_dramc *d = data;
	unsigned long flags;
	spin_lock_irqsave(&dramc_lock, flags);
	list_del(&d->node);
	spin_unlock_irqrestore(&dramc_lock, flags);
}

static int dramc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pmsim_dramc *d = devm_kzalloc(dev, sizeof *d, GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->dev = dev;
	d->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(d->base))
		return (int)PTR_ERR(d->base);
	/* Never gated while the driver is bound (see the top). */
	struct clk *clk = devm_clk_get_enabled(dev, NULL);
	if (IS_ERR(clk))
		return dev_err_probe(dev, (int)PTR_ERR(clk), "no controller clock\n");
	u32 id = readl(d->base + DRAMC_ID);
	if (id != DRAMC_ID_VALUE)
		return dev_err_probe(dev, -ENODEV, "ID 0x%08x is not a pmsim LPDDR controller\n", id);

	of_property_read_u32(dev->of_node, "pmsim,pd-idle-ns", &d->pd_idle_ns);
	of_property_read_u32(dev->of_node, "pmsim,sr-idle-ns", &d->sr_idle_ns);
	platform_set_drvdata(pdev, d);
	unsigned long flags;
	spin_lock_irqsave(&dramc_lock, flags);
	dramc_program(d);
	bool lost = readl(d->base + DRAMC_STATUS) & STATUS_LOST;
	list_add_tail(&d->node, &dramc_list);
	spin_unlock_irqrestore(&dramc_lock, flags);
	int err = devm_add_action_or_reset(dev, dramc_unlist, d);
	if (err)
		return err;
	if (lost)
		dev_warn(dev, "DRAM contents were lost before boot\n");

	u32 mib = readl(d->base + DRAMC_MEM_SIZE) >> 20;
	if (d->pd_idle_ns)
		dev_info(dev, "%u MiB LPDDR, power-down after %u ns idle, tXP %u ns, tXS %u ns\n",
			 mib, d->pd_idle_ns, readl(d->base + DRAMC_TXP),
			 readl(d->base + DRAMC_TXS));
	else
		dev_info(dev, "%u MiB LPDDR, no power-down, tXP %u ns, tXS %u ns\n", mib,
			 readl(d->base + DRAMC_TXP), readl(d->base + DRAMC_TXS));
	return 0;
}

static const struct of_device_id dramc_of_match[] = {
	{ .compatible = "pmsim,lpddr-controller" },
	{ },
};

static struct platform_driver pmsim_dramc_driver = {
	.probe = dramc_probe,
	.driver = {
		.name = "pmsim-dramc",
		.of_match_table = dramc_of_match,
		.dev_groups = dramc_groups,
		.pm = &dramc_pm_ops,
		/* Unbinding would stop the refresh of live data. */
		.suppress_bind_attrs = true,
	},
};
module_platform_driver(pmsim_dramc_driver);
