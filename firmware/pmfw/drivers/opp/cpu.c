/*
 * OPPs for cpufreq (Linux's drivers/opp/cpu.c): a cpufreq frequency
 * table (kHz, ascending, driver_data the OPP's index) from a device's
 * available OPPs; turbo-mode OPPs are CPUFREQ_BOOST_FREQ.
 */
#include <linux/cpufreq.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/pm_opp.h>
#include <linux/slab.h>

int dev_pm_opp_init_cpufreq_table(struct device *dev, struct cpufreq_frequency_table **table)
{
	int max_opps = dev_pm_opp_get_opp_count(dev);
	if (max_opps <= 0)
		return max_opps ? max_opps : -ENODATA;
	struct cpufreq_frequency_table *freq_table =
		kcalloc((size_t)max_opps + 1, sizeof *freq_table, GFP_KERNEL);
	if (!freq_table)
		return -ENOMEM;
	unsigned long rate = 0;
	int i;
	for (i = 0; i < max_opps; i++, rate++) {
		struct dev_pm_opp *opp = dev_pm_opp_find_freq_ceil(dev, &rate);
		if (IS_ERR(opp)) {
			kfree(freq_table);
			return (int)PTR_ERR(opp);
		}
		freq_table[i].driver_data = (unsigned int)i;
		freq_table[i].frequency = (unsigned int)(rate / 1000);
		if (dev_pm_opp_is_turbo(opp))
			freq_table[i].flags = CPUFREQ_BOOST_FREQ;
		dev_pm_opp_put(opp);
	}
	freq_table[i].driver_data = (unsigned int)i;
	freq_table[i].frequency = CPUFREQ_TABLE_END;
	*table = freq_table;
	return 0;
}

void dev_pm_opp_free_cpufreq_table(struct device *dev, struct cpufreq_frequency_table **table)
{
	if (!table)
		return;
	kfree(*table);
	*table = NULL;
}
