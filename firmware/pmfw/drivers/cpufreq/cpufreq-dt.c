/*
 * The generic device-tree cpufreq driver (Linux's drivers/cpufreq/
 * cpufreq-dt.c), on the "cpufreq-dt" platform device: for each CPU, its
 * OPP table (operating-points-v2), its clock (the cpu node's `clocks`,
 * clk_get(cpu_dev, NULL)) and its supply (`cpu-supply`, the OPP library's
 * regulator); the probe defers until both providers exist.
 *
 *  - init: the frequency table from the OPPs (turbo-mode ones are boost
 *    frequencies, with boost support), the transition latency from the
 *    OPPs' clock-latency-ns (CPUFREQ_ETERNAL without), the suspend
 *    frequency from the opp-suspend OPP;
 *  - verify: within the table;
 *  - target_index: dev_pm_opp_set_rate, which raises the voltage before
 *    the clock and lowers it after, and restores the old pair if a step
 *    fails;
 *  - get: the clock's rate.
 *
 * On pmsim's SoCs the CPU clock is the CMU's CPU mux: an OPP at the
 * oscillator's rate selects the oscillator, the others the PLL, which the
 * CMU driver relocks while the core runs from the oscillator
 * (drivers/clk/pmsim/clk-cmu.c, docs/devices/cmu.md).
 */
#include <linux/clk.h>
#include <linux/cpu.h>
#include <linux/cpufreq.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_opp.h>
#include <linux/slab.h>

struct private_data {
	struct device *cpu_dev;
	struct cpufreq_frequency_table *freq_table;
};

static struct private_data *cpufreq_dt_data[NR_CPUS];

static int set_target(struct cpufreq_policy *policy, unsigned int index)
{
	struct private_data *priv = policy->driver_data;
	unsigned long freq = policy->freq_table[index].frequency;
	return dev_pm_opp_set_rate(priv->cpu_dev, freq * 1000);
}

static unsigned int cpufreq_generic_get(unsigned int cpu)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get_raw(cpu);
	if (!policy || IS_ERR_OR_NULL(policy->clk)) {
		pr_err("%s: No %s associated to cpu: %u\n", __func__, policy ? "clk" : "policy", cpu);
		return 0;
	}
	return (unsigned int)(clk_get_rate(policy->clk) / 1000);
}

/* Linux's cpufreq_generic_suspend: to the suspend frequency, if any. */
static int cpufreq_generic_suspend(struct cpufreq_policy *policy)
{
	if (!policy->suspend_freq)
		return 0;
	mutex_lock(&policy->rwsem);
	int ret = __cpufreq_driver_target(policy, policy->suspend_freq, CPUFREQ_RELATION_H);
	mutex_unlock(&policy->rwsem);
	if (ret)
		pr_err("%s: unable to set suspend-freq: %u. err: %d\n", __func__,
		       policy->suspend_freq, ret);
	return ret;
}

static int cpufreq_init(struct cpufreq_policy *policy)
{
	struct private_data *priv = policy->cpu < NR_CPUS ? cpufreq_dt_data[policy->cpu] : NULL;
	if (!priv) {
		pr_err("failed to find data for cpu%u\n", policy->cpu);
		return -ENODEV;
	}
	struct device *cpu_dev = priv->cpu_dev;
	struct clk *cpu_clk = clk_get(cpu_dev, NULL);
	if (IS_ERR(cpu_clk)) {
		int ret = (int)PTR_ERR(cpu_clk);
		dev_err(cpu_dev, "%s: failed to get clk: %d\n", __func__, ret);
		return ret;
	}
	unsigned long latency = dev_pm_opp_get_max_clock_latency(cpu_dev);
	policy->driver_data = priv;
	policy->clk = cpu_clk;
	policy->freq_table = priv->freq_table;
	policy->suspend_freq = (unsigned int)(dev_pm_opp_get_suspend_opp_freq(cpu_dev) / 1000);
	policy->cpuinfo.transition_latency = latency ? (unsigned int)latency
						     : (unsigned int)CPUFREQ_ETERNAL;
	struct cpufreq_frequency_table *pos;
	cpufreq_for_each_valid_entry(pos, priv->freq_table)
		if (pos->flags & CPUFREQ_BOOST_FREQ) {
			int ret = cpufreq_enable_boost_support();
			if (ret) {
				clk_put(cpu_clk);
				return ret;
			}
			break;
		}
	return 0;
}

static void cpufreq_exit(struct cpufreq_policy *policy)
{
	clk_put(policy->clk);
}

static struct cpufreq_driver dt_cpufreq_driver = {
	.flags = CPUFREQ_NEED_INITIAL_FREQ_CHECK | CPUFREQ_IS_COOLING_DEV,
	.verify = cpufreq_generic_frequency_table_verify,
	.target_index = set_target,
	.get = cpufreq_generic_get,
	.init = cpufreq_init,
	.exit = cpufreq_exit,
	.suspend = cpufreq_generic_suspend,
	.name = "cpufreq-dt",
};

static void dt_cpufreq_release(unsigned int cpu)
{
	struct private_data *priv = cpufreq_dt_data[cpu];
	if (!priv)
		return;
	dev_pm_opp_free_cpufreq_table(priv->cpu_dev, &priv->freq_table);
	dev_pm_opp_of_remove_table(priv->cpu_dev);
	dev_pm_opp_put_regulators(priv->cpu_dev);
	kfree(priv);
	cpufreq_dt_data[cpu] = NULL;
}

static int dt_cpufreq_early_init(struct device *dev, unsigned int cpu)
{
	struct device *cpu_dev = get_cpu_device(cpu);
	if (!cpu_dev)
		return -EPROBE_DEFER;
	struct private_data *priv = kzalloc(sizeof *priv, GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->cpu_dev = cpu_dev;
	cpufreq_dt_data[cpu] = priv;
	int ret;
	/* The supply named by cpu-supply, if the node has one. */
	if (of_property_present(cpu_dev->of_node, "cpu-supply")) {
		static const char *const reg_names[] = { "cpu", NULL };
		ret = dev_pm_opp_set_regulators(cpu_dev, reg_names);
		if (ret) {
			ret = dev_err_probe(cpu_dev, ret, "failed to set regulators\n");
			goto out;
		}
	}
	ret = dev_pm_opp_of_add_table(cpu_dev);
	if (ret == -EPROBE_DEFER) {
		ret = dev_err_probe(cpu_dev, ret, "waiting for the CPU's clock\n");
		goto out;
	}
	if (dev_pm_opp_get_opp_count(cpu_dev) <= 0) {
		dev_err(cpu_dev, "OPP table can't be empty\n");
		ret = -ENODEV;
		goto out;
	}
	ret = dev_pm_opp_init_cpufreq_table(cpu_dev, &priv->freq_table);
	if (ret) {
		dev_err(cpu_dev, "failed to init cpufreq table: %d\n", ret);
		goto out;
	}
	return 0;
out:
	dt_cpufreq_release(cpu);
	return ret;
}

static int dt_cpufreq_probe(struct platform_device *pdev)
{
	int ret;
	unsigned int cpu;
	for_each_possible_cpu(cpu) {
		ret = dt_cpufreq_early_init(&pdev->dev, cpu);
		if (ret)
			goto err;
	}
	ret = cpufreq_register_driver(&dt_cpufreq_driver);
	if (ret) {
		dev_err_probe(&pdev->dev, ret, "failed register driver\n");
		goto err;
	}
	return 0;
err:
	for_each_possible_cpu(cpu)
		dt_cpufreq_release(cpu);
	return ret;
}

static void dt_cpufreq_remove(struct platform_device *pdev)
{
	unsigned int cpu;
	cpufreq_unregister_driver(&dt_cpufreq_driver);
	for_each_possible_cpu(cpu)
		dt_cpufreq_release(cpu);
}

static struct platform_driver dt_cpufreq_platdrv = {
	.driver = {
		.name = "cpufreq-dt",
	},
	.probe = dt_cpufreq_probe,
	.remove = dt_cpufreq_remove,
};
module_platform_driver(dt_cpufreq_platdrv);
