/*
 * pmsim's power-management unit (docs/devices/pmu.md) as the provider of
 * the power domains (generic power domains, one per
 * `pmsim,domain-names` entry, `#power-domain-cells = <1>`).
 *
 * Powering a domain on enables its supply (`pmsim,domain-supplies`, the
 * regulator framework waits for the rail) and then writes PD_CTRL = ON;
 * off writes PD_CTRL = OFF and then releases the supply (the rail goes
 * off if nothing else holds it). The `core` and `aon` domains follow the
 * core and suspend in hardware (their PD_CTRL ignores writes): they are
 * always-on domains here, holding their supplies for good. So is any
 * domain that holds memory the kernel uses (a `memory` node whose
 * `power-domains` names it: the default SoC's `dram`): its contents must
 * not be lost; the DRAM saves power in self-refresh and power-down
 * instead. A domain that powers off loses its devices' registers.
 *
 * The PMU also carries the platform's operations
 * (include/soc/pmsim/pmu.h): the core's idle states as a WFI enters them
 * (LPMODE, SCR.SLEEPDEEP), with each state's mode from the cpu node's
 * cpu-idle-states, and the wake-up lines for a suspend (WAKE_EN from
 * what enable_irq_wake armed in the NVIC, WAKE_STATUS). States that power
 * the core off, and suspend itself, need the warm-boot path: cpuidle's
 * and the suspend sequence's drivers.
 */
#include <linux/clk.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/irqchip/arm-nvic.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/regulator/consumer.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/suspend.h>
#include <soc/pmsim/pmu.h>

#include "../../../arch/arm/arch.h"

#define PMU_LPMODE 0x004
#define PMU_WAKE_EN 0x00c
#define PMU_WAKE_STATUS 0x010
#define PMU_STATUS 0x014
#define PMU_PD_CTRL(n) (0x020 + 4 * (n))
#define PMU_PD_STATUS(n) (0x040 + 4 * (n))
#define PMU_AON_COUNT 0x060
#define PMU_SLEEP_COUNT 0x064
#define PMU_WAKE_COUNT 0x068
#define PD_OFF 0
#define PD_ON 2
#define PMU_MAX_DOMAINS 8

struct pmu_domain {
	struct generic_pm_domain genpd;
	void __iomem *base;
	unsigned int idx;
	struct regulator *supply;
	struct device *dev;
};

#define to_pmu_domain(g) container_of(g, struct pmu_domain, genpd)

static int pmu_pd_power_on(struct generic_pm_domain *g)
{
	struct pmu_domain *d = to_pmu_domain(g);
	if (d->supply) {
		int err = regulator_enable(d->supply);
		if (err)
			return err;
	}
	writel(PD_ON, d->base + PMU_PD_CTRL(d->idx));
	if (readl(d->base + PMU_PD_STATUS(d->idx)) != PD_ON) {
		dev_err(d->dev, "domain %s did not power on\n", g->name);
		if (d->supply)
			regulator_disable(d->supply);
		return -EIO;
	}
	return 0;
}

static int pmu_pd_power_off(struct generic_pm_domain *g)
{
	struct pmu_domain *d = to_pmu_domain(g);
	writel(PD_OFF, d->base + PMU_PD_CTRL(d->idx));
	if (readl(d->base + PMU_PD_STATUS(d->idx)) != PD_OFF)
		return -EIO;
	if (d->supply)
		regulator_disable(d->supply);
	return 0;
}

/* ---- the platform's operations -------------------------------------------------- */

#define PMU_MAX_IDLE_STATES 8

static void __iomem *pmu_base; /* the PMU probed, or NULL */
static unsigned int pmu_nstates;
static enum pmsim_idle_mode pmu_modes[PMU_MAX_IDLE_STATES];

/* Each of the first cpu's idle states' pmsim,idle-mode (clock-gate when
 * it has none, as the PMU models it). */
static void pmu_read_idle_states(void)
{
	struct device_node *cpu = of_find_node_by_path("/cpus/cpu@0");
	pmu_nstates = 0;
	for (unsigned int i = 0; cpu && i < PMU_MAX_IDLE_STATES; i++) {
		struct device_node *st = of_parse_phandle(cpu, "cpu-idle-states", (int)i);
		if (!st)
			break;
		const char *mode = "clock-gate";
		of_property_read_string(st, "pmsim,idle-mode", &mode);
		pmu_modes[i] = !strcmp(mode, "power-off")   ? PMSIM_IDLE_POWER_OFF
			       : !strcmp(mode, "retention") ? PMSIM_IDLE_RETENTION
							    : PMSIM_IDLE_CLOCK_GATE;
		pmu_nstates = i + 1;
	}
}

unsigned int pmsim_pmu_num_idle_states(void)
{
	return pmu_base ? pmu_nstates : 0;
}

enum pmsim_idle_mode pmsim_pmu_idle_mode(unsigned int index)
{
	return index < pmu_nstates ? pmu_modes[index] : PMSIM_IDLE_CLOCK_GATE;
}

int pmsim_pmu_enter_idle(unsigned int index)
{
	if (!pmu_base)
		return -ENODEV;
	if (index >= pmu_nstates)
		return -EINVAL;
	if (pmu_modes[index] == PMSIM_IDLE_POWER_OFF)
		return -EOPNOTSUPP;
	if (index) {
		writel(index, pmu_base + PMU_LPMODE);
		SCB_SCR |= SCR_SLEEPDEEP;
	}
	arch_wfi();
	if (index)
		SCB_SCR &= ~SCR_SLEEPDEEP;
	return 0;
}

/* ---- the always-on counter ---- */

static unsigned long pmu_aon_rate;

unsigned long pmsim_pmu_aon_rate(void)
{
	return pmu_aon_rate;
}

static u32 pmu_aon_read(unsigned int reg)
{
	return pmu_base && pmu_aon_rate ? readl(pmu_base + reg) : 0;
}

u32 pmsim_pmu_aon_count(void)
{
	return pmu_aon_read(PMU_AON_COUNT);
}

u32 pmsim_pmu_sleep_count(void)
{
	return pmu_aon_read(PMU_SLEEP_COUNT);
}

u32 pmsim_pmu_wake_count(void)
{
	return pmu_aon_read(PMU_WAKE_COUNT);
}

u64 pmsim_pmu_aon_to_us(u32 ticks)
{
	return pmu_aon_rate ? (u64)ticks * 1000000 / pmu_aon_rate : 0;
}

u32 pmsim_pmu_arm_wakeups(void)
{
	u32 mask[1];
	if (!pmu_base)
		return 0;
	nvic_get_wake_mask(mask, 1);
	writel(mask[0], pmu_base + PMU_WAKE_EN);
	return mask[0];
}

void pmsim_pmu_disarm_wakeups(void)
{
	if (pmu_base)
		writel(0, pmu_base + PMU_WAKE_EN);
}

u32 pmsim_pmu_wake_status(void)
{
	if (!pmu_base)
		return 0;
	u32 v = readl(pmu_base + PMU_WAKE_STATUS);
	writel(v, pmu_base + PMU_WAKE_STATUS);
	return v;
}

/* ---- power domains ---------------------------------------------------------------- */

/* Domain idx of this PMU holds a memory node (RAM the kernel uses). */
static bool domain_has_memory(struct device_node *pmu, unsigned int idx)
{
	struct device_node *np;
	for_each_of_allnodes(np) {
		const char *type;
		struct of_phandle_args a;
		if (of_property_read_string(np, "device_type", &type) || strcmp(type, "memory") ||
		    of_parse_phandle_with_args(np, "power-domains", "#power-domain-cells", 0, &a))
			continue;
		if (a.np == pmu && a.args_count == 1 && a.args[0] == idx)
			return true;
	}
	return false;
}

static int pmu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	void __iomem *base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(base))
		return (int)PTR_ERR(base);
	int n = of_property_count_strings(np, "pmsim,domain-names");
	if (n <= 0 || n > PMU_MAX_DOMAINS) {
		dev_err(dev, "%s: 'pmsim,domain-names' must name 1 to %d domains\n", np->full_name,
			PMU_MAX_DOMAINS);
		return -EINVAL;
	}
	struct genpd_onecell_data *data = devm_kzalloc(dev, sizeof *data, GFP_KERNEL);
	struct generic_pm_domain **domains = devm_kcalloc(dev, (size_t)n, sizeof *domains,
							   GFP_KERNEL);
	if (!data || !domains)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		struct pmu_domain *d = devm_kzalloc(dev, sizeof *d, GFP_KERNEL);
		if (!d)
			return -ENOMEM;
		d->base = base;
		d->idx = (unsigned int)i;
		d->dev = dev;
		of_property_read_string_index(np, "pmsim,domain-names", i, &d->genpd.name);
		struct device_node *reg = of_parse_phandle(np, "pmsim,domain-supplies", i);
		if (reg) {
			d->supply = regulator_get_by_node(dev, reg, d->genpd.name);
			if (IS_ERR(d->supply))
				return (int)PTR_ERR(d->supply);
		}
		bool on = readl(base + PMU_PD_STATUS(d->idx)) == PD_ON;
		bool always = !strcmp(d->genpd.name, "core") || !strcmp(d->genpd.name, "aon") ||
			      domain_has_memory(np, d->idx);
		/* An ON domain holds its supply from now on. */
		if (on && d->supply && regulator_enable(d->supply))
			return -EIO;
		d->genpd.power_on = pmu_pd_power_on;
		d->genpd.power_off = pmu_pd_power_off;
		/* A device on the wake-up path (armed, or the console) keeps
		 * its domain on through system sleep: powered off, it could
		 * neither wake the SoC nor print. */
		d->genpd.flags = GENPD_FLAG_ACTIVE_WAKEUP | (always ? GENPD_FLAG_ALWAYS_ON : 0);
		int err = pm_genpd_init(&d->genpd, always ? &pm_domain_always_on_gov
							  : &simple_qos_governor, !on);
		if (err)
			return err;
		domains[i] = &d->genpd;
	}
	data->domains = domains;
	data->num_domains = (unsigned int)n;
	int err = of_genpd_add_provider_onecell(np, data);
	if (err)
		return err;
	pmu_read_idle_states();
	/* The always-on counter counts the PMU's clock, when it has one. */
	struct clk *aon = devm_clk_get_optional(dev, NULL);
	if (IS_ERR(aon))
		return (int)PTR_ERR(aon);
	if (aon && !clk_prepare_enable(aon))
		pmu_aon_rate = clk_get_rate(aon);
	unsigned int hw_states = (readl(base + PMU_STATUS) >> 8) & 0xff;
	if (pmu_nstates != hw_states)
		dev_warn(dev, "%u idle states in the device tree, %u in the PMU\n", pmu_nstates,
			 hw_states);
	pmu_base = base;
	/* The longest sleep it can time: one turn of the counter. */
	if (pmu_aon_rate)
		pm_report_max_hw_sleep(pmsim_pmu_aon_to_us(U32_MAX));
	dev_info(dev, "%d power domains, %u idle states\n", n, pmu_nstates);
	return 0;
}

static const struct of_device_id pmu_of_match[] = {
	{ .compatible = "pmsim,pmu" },
	{ },
};

static struct platform_driver pmsim_pmu_driver = {
	.probe = pmu_probe,
	.driver = {
		.name = "pmsim-pmu",
		.of_match_table = pmu_of_match,
	},
};

/* Before the devices in the domains probe (Linux registers power domain
 * providers early too), after the PMIC whose rails they use. */
static int pmsim_pmu_init(void)
{
	return platform_driver_register(&pmsim_pmu_driver);
}
subsys_initcall(pmsim_pmu_init);
