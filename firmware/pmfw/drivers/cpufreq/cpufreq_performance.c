/*
 * The performance governor (Linux's drivers/cpufreq/
 * cpufreq_performance.c): always policy->max, re-applied whenever the
 * limits change.
 */
#include <linux/cpufreq.h>
#include <linux/init.h>

static void cpufreq_gov_performance_limits(struct cpufreq_policy *policy)
{
	__cpufreq_driver_target(policy, policy->max, CPUFREQ_RELATION_H);
}

static struct cpufreq_governor cpufreq_gov_performance = {
	.name = "performance",
	.limits = cpufreq_gov_performance_limits,
	.flags = CPUFREQ_GOV_STRICT_TARGET,
};

static int cpufreq_gov_performance_init(void)
{
	return cpufreq_register_governor(&cpufreq_gov_performance);
}
core_initcall(cpufreq_gov_performance_init);
