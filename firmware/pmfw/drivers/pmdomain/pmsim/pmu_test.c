/*
 * The PMU as power domain provider, on the simulated hardware: a test
 * device joins the `periph` domain through its specifier (`<&pmu N>`);
 * resuming it powers the domain on (PD_STATUS reads ON) with its supply
 * (`pmsim,domain-supplies`: the PMIC's regulator is switched on and at
 * its set-point); suspending it powers the domain off and its rail down
 * when no other device of the domain is active (on the MCU the console
 * UART is, and the domain stays on). The always-on domain never powers
 * off.
 *
 * The platform's operations: the idle states and their modes from the
 * cpu node, a retention state entered and left on a timer's interrupt
 * (the report counts it: tests/scripts/pmfw_power.py), a power-off state
 * refused (its warm-boot path is cpuidle's), and the wake-up lines armed
 * in WAKE_EN from enable_irq_wake.
 */
#include <kunit/test.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <asm/irqflags.h>
#include <linux/of_platform.h>
#include <linux/timekeeping.h>
#include <soc/pmsim/pmu.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/pm_runtime.h>
#include <linux/string.h>

#define PMU_WAKE_EN 0x00c
#define PMU_PD_STATUS(n) (0x040 + 4 * (n))
#define PMIC_CTRL(n) (0x100 + 0x20 * (n))
#define PMIC_VSET(n) (0x104 + 0x20 * (n))
#define PMIC_VOUT(n) (0x10c + 0x20 * (n))

static struct platform_device *tdev;
static struct device_node *pmu_np;
static void __iomem *pmu_base, *pmic_base;
static int pmic_reg = -1; /* the PMIC regulator feeding `periph` */

static const struct dev_pm_ops t_pm = { RUNTIME_PM_OPS(NULL, NULL, NULL) };

static int t_probe(struct platform_device *pdev)
{
	pm_runtime_enable(&pdev->dev);
	return 0;
}

static void t_remove(struct platform_device *pdev)
{
	pm_runtime_disable(&pdev->dev);
}

static struct platform_driver t_driver = {
	.probe = t_probe,
	.remove = t_remove,
	.driver = { .name = "pmfw-pmu-test", .pm = &t_pm },
};

static int domain_index(const char *name)
{
	return of_property_match_string(pmu_np, "pmsim,domain-names", name);
}

static void __iomem *map_node(struct device_node *np)
{
	struct resource r;
	return of_address_to_resource(np, 0, &r) ? NULL : (void __iomem *)r.start;
}

/* The PMIC regulator node reg_np is: its index among its siblings. */
static void find_pmic_regulator(struct device_node *reg_np)
{
	struct device_node *regs = reg_np->parent, *pmic = regs ? regs->parent : NULL, *child;
	int i = 0;
	if (!pmic || !of_device_is_compatible(pmic, "pmsim,pmic"))
		return;
	pmic_base = map_node(pmic);
	for_each_child_of_node(regs, child) {
		if (child == reg_np)
			pmic_reg = i;
		i++;
	}
}

static int add_to_domain(const char *name)
{
	struct of_phandle_args a = { .np = pmu_np, .args_count = 1 };
	int idx = domain_index(name);
	if (idx < 0)
		return idx;
	a.args[0] = (u32)idx;
	return of_genpd_add_device(&a, &tdev->dev);
}

static int pmu_test_init(struct kunit *test)
{
	pmu_np = of_find_compatible_node(NULL, NULL, "pmsim,pmu");
	if (!pmu_np || !(pmu_base = map_node(pmu_np)))
		return -ENODEV;
	int periph = domain_index("periph");
	struct device_node *supply = periph < 0 ? NULL
				     : of_parse_phandle(pmu_np, "pmsim,domain-supplies", periph);
	pmic_reg = -1;
	if (supply)
		find_pmic_regulator(supply);
	if (platform_driver_register(&t_driver))
		return -ENODEV;
	tdev = platform_device_register_simple("pmfw-pmu-test", -1, NULL, 0);
	if (IS_ERR(tdev)) {
		tdev = NULL;
		return -ENODEV;
	}
	return 0;
}

static void pmu_test_exit(struct kunit *test)
{
	if (tdev) {
		pm_genpd_remove_device(&tdev->dev);
		platform_device_unregister(tdev);
		tdev = NULL;
	}
	platform_driver_unregister(&t_driver);
}

/* Another device of the domain is not runtime-suspended. */
static bool others_active(struct generic_pm_domain *g)
{
	struct pm_domain_data *pdd;
	list_for_each_entry(pdd, &g->dev_list, list_node)
		if (pdd->dev != &tdev->dev && !pm_runtime_suspended(pdd->dev))
			return true;
	return false;
}

static void pmu_periph_follows_device(struct kunit *test)
{
	int idx = domain_index("periph");
	KUNIT_ASSERT_GE(test, idx, 0);
	KUNIT_ASSERT_EQ(test, add_to_domain("periph"), 0);
	struct generic_pm_domain *g = dev_to_genpd(&tdev->dev);
	KUNIT_ASSERT_NOT_NULL(test, g);
	KUNIT_EXPECT_STREQ(test, g->name, "periph");

	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(&tdev->dev), 0);
	KUNIT_EXPECT_EQ(test, readl(pmu_base + PMU_PD_STATUS(idx)), 2); /* on */
	KUNIT_ASSERT_GE(test, pmic_reg, 0);
	KUNIT_EXPECT_EQ(test, readl(pmic_base + PMIC_CTRL(pmic_reg)) & 1, 1);
	KUNIT_EXPECT_EQ(test, readl(pmic_base + PMIC_VOUT(pmic_reg)),
			readl(pmic_base + PMIC_VSET(pmic_reg)));

	KUNIT_ASSERT_EQ(test, pm_runtime_put_sync(&tdev->dev), 0);
	if (others_active(g)) {
		kunit_info(test, "another device of periph is active: the domain stays on\n");
		KUNIT_EXPECT_EQ(test, readl(pmu_base + PMU_PD_STATUS(idx)), 2);
		KUNIT_EXPECT_EQ(test, (int)g->status, (int)GENPD_STATE_ON);
	} else {
		KUNIT_EXPECT_EQ(test, readl(pmu_base + PMU_PD_STATUS(idx)), 0); /* off */
		KUNIT_EXPECT_EQ(test, (int)g->status, (int)GENPD_STATE_OFF);
		/* Nothing else holds the rail: it is down. */
		KUNIT_EXPECT_EQ(test, readl(pmic_base + PMIC_CTRL(pmic_reg)) & 1, 0);
		KUNIT_EXPECT_EQ(test, readl(pmic_base + PMIC_VOUT(pmic_reg)), 0);
	}

	/* And back: the rail first, at its voltage, then the domain. */
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(&tdev->dev), 0);
	KUNIT_EXPECT_EQ(test, readl(pmu_base + PMU_PD_STATUS(idx)), 2);
	KUNIT_EXPECT_EQ(test, readl(pmic_base + PMIC_VOUT(pmic_reg)),
			readl(pmic_base + PMIC_VSET(pmic_reg)));
	pm_runtime_put_sync(&tdev->dev);
}

static void pmu_aon_stays_on(struct kunit *test)
{
	int idx = domain_index("aon");
	KUNIT_ASSERT_GE(test, idx, 0);
	KUNIT_ASSERT_EQ(test, add_to_domain("aon"), 0);
	struct generic_pm_domain *g = dev_to_genpd(&tdev->dev);
	KUNIT_ASSERT_NOT_NULL(test, g);
	KUNIT_EXPECT_TRUE(test, g->flags & GENPD_FLAG_ALWAYS_ON);
	KUNIT_ASSERT_EQ(test, pm_runtime_resume_and_get(&tdev->dev), 0);
	KUNIT_ASSERT_EQ(test, pm_runtime_put_sync(&tdev->dev), 0);
	KUNIT_EXPECT_TRUE(test, pm_runtime_suspended(&tdev->dev));
	KUNIT_EXPECT_EQ(test, readl(pmu_base + PMU_PD_STATUS(idx)), 2);
	KUNIT_EXPECT_EQ(test, (int)g->status, (int)GENPD_STATE_ON);
	/* A specifier beyond the PMU's domains names nothing. */
	struct of_phandle_args bad = { .np = pmu_np, .args_count = 1, .args = { 8 } };
	KUNIT_EXPECT_EQ(test, of_genpd_add_device(&bad, &tdev->dev), -EINVAL);
}

/* Both SoCs list three states: a clock gate, a retention state, and
 * one that powers the core off. */
static void pmu_idle_states(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, pmsim_pmu_num_idle_states(), 3);
	KUNIT_EXPECT_EQ(test, pmsim_pmu_idle_mode(0), PMSIM_IDLE_CLOCK_GATE);
	KUNIT_EXPECT_EQ(test, pmsim_pmu_idle_mode(1), PMSIM_IDLE_RETENTION);
	KUNIT_EXPECT_EQ(test, pmsim_pmu_idle_mode(2), PMSIM_IDLE_POWER_OFF);
	KUNIT_EXPECT_EQ(test, pmsim_pmu_enter_idle(2), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, pmsim_pmu_enter_idle(3), -EINVAL);
}

static bool fired;

static enum hrtimer_restart fire(struct hrtimer *t)
{
	WRITE_ONCE(fired, true);
	return HRTIMER_NORESTART;
}

/* Retention until a timer 2 ms ahead fires (other interrupts may end a
 * WFI sooner: the state is entered again). */
static void pmu_enter_retention(struct kunit *test)
{
	struct hrtimer t;
	hrtimer_setup(&t, fire, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	WRITE_ONCE(fired, false);
	u64 t0 = ktime_get_ns();
	hrtimer_start(&t, ms_to_ktime(2), HRTIMER_MODE_REL);
	int entries = 0;
	while (!READ_ONCE(fired) && entries < 1000) {
		local_irq_disable();
		int ret = pmsim_pmu_enter_idle(1);
		local_irq_enable();
		KUNIT_ASSERT_EQ(test, ret, 0);
		entries++;
	}
	KUNIT_EXPECT_TRUE(test, READ_ONCE(fired));
	KUNIT_EXPECT_GE(test, ktime_get_ns() - t0, 2000000ULL);
	KUNIT_EXPECT_GE(test, entries, 1);
	hrtimer_cancel(&t);
}

/* The RTC's alarm line, armed for wake-up, reaches WAKE_EN. */
static void pmu_wake_lines(struct kunit *test)
{
	struct device_node *np = of_find_compatible_node(NULL, NULL, "arm,pl031");
	struct platform_device *pdev = np ? of_find_device_by_node(np) : NULL;
	u32 hwirq;
	if (!pdev || of_property_read_u32(np, "interrupts", &hwirq))
		kunit_skip(test, "no PL031");
	int irq = platform_get_irq(pdev, 0);
	KUNIT_ASSERT_GT(test, irq, 0);
	KUNIT_ASSERT_EQ(test, enable_irq_wake((unsigned int)irq), 0);
	KUNIT_EXPECT_TRUE(test, pmsim_pmu_arm_wakeups() & BIT(hwirq));
	KUNIT_EXPECT_TRUE(test, readl(pmu_base + PMU_WAKE_EN) & BIT(hwirq));
	KUNIT_ASSERT_EQ(test, disable_irq_wake((unsigned int)irq), 0);
	KUNIT_EXPECT_FALSE(test, pmsim_pmu_arm_wakeups() & BIT(hwirq));
	KUNIT_EXPECT_FALSE(test, readl(pmu_base + PMU_WAKE_EN) & BIT(hwirq));
	KUNIT_EXPECT_EQ(test, pmsim_pmu_wake_status(), 0);
}

static struct kunit_case pmu_cases[] = {
	KUNIT_CASE(pmu_periph_follows_device),
	KUNIT_CASE(pmu_aon_stays_on),
	KUNIT_CASE(pmu_idle_states),
	KUNIT_CASE(pmu_enter_retention),
	KUNIT_CASE(pmu_wake_lines),
	{ 0 },
};

static struct kunit_suite pmu_suite = {
	.name = "pmu",
	.init = pmu_test_init,
	.exit = pmu_test_exit,
	.test_cases = pmu_cases,
};
kunit_test_suite(pmu_suite);
