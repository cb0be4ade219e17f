/*
 * The cpufreq-dt platform device (Linux's drivers/cpufreq/
 * cpufreq-dt-platdev.c): created when cpu0's node has an
 * operating-points-v2 table, for the cpufreq-dt driver to bind to.
 */
#include <linux/cpu.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/platform_device.h>

static int cpufreq_dt_platdev_init(void)
{
	struct device *cpu_dev = get_cpu_device(0);
	if (!cpu_dev || !cpu_dev->of_node ||
	    !of_property_present(cpu_dev->of_node, "operating-points-v2"))
		return -ENODEV;
	struct platform_device *pdev = platform_device_register_simple("cpufreq-dt", -1, NULL, 0);
	return PTR_ERR_OR_ZERO(pdev);
}
/* Linux: core_initcall; after the CPU devices and the DT's platform
 * devices here, so that it is named after them in dpm order. */
subsys_initcall(cpufreq_dt_platdev_init);
