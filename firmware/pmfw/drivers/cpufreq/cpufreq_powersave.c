/*
 * The powersave governor (Linux's drivers/cpufreq/cpufreq_powersave.c):
 * always policy->min, re-applied whenever the limits change.
 */
#include <linux/cpufreq.h>
#include <linux/init.h>

static void cpufreq_gov_powersave_limits(struct cpufreq_policy *policy)
{
	__cpufreq_driver_target(policy, policy->min, CPUFREQ_RELATION_L);
}

static struct cpufreq_governor cpufreq_gov_powersave = {
	.name = "powersave",
	.limits = cpufreq_gov_powersave_limits,
	.flags = CPUFREQ_GOV_STRICT_TARGET,
};

static int cpufreq_gov_powersave_init(void)
{
	return cpufreq_register_governor(&cpufreq_gov_powersave);
}
core_initcall(cpufreq_gov_powersave_init);
