/* See host_cpufreq.h. */
#include <string.h>

#include "host_cpufreq.h"

struct cpufreq_policy host_policy;

static struct cpufreq_frequency_table default_table[] = {
	{ 0, 0, 25000 }, { 0, 1, 50000 }, { 0, 2, 100000 }, { 0, 3, 200000 },
	{ CPUFREQ_BOOST_FREQ, 4, 400000 }, { 0, 5, CPUFREQ_TABLE_END },
};

static struct cpufreq_frequency_table mcu_table[] = {
	{ 0, 0, 16000 }, { 0, 1, 48000 }, { 0, 2, 80000 }, { 0, 3, CPUFREQ_TABLE_END },
};

static unsigned int ncalls;
static struct host_target_call last;

int __cpufreq_driver_target(struct cpufreq_policy *policy, unsigned int target_freq,
			    unsigned int relation)
{
	int idx;
	unsigned int f = cpufreq_resolve_freq_index(policy, target_freq, relation, &idx);
	ncalls++;
	last = (struct host_target_call){ target_freq, relation, f };
	policy->cur = f;
	return 0;
}

void host_cpufreq_setup(enum host_cpufreq_soc soc)
{
	memset(&host_policy, 0, sizeof host_policy);
	host_policy.freq_table = soc == HOST_CPUFREQ_MCU ? mcu_table : default_table;
	host_policy.cpus = host_policy.related_cpus = 1;
	cpufreq_table_validate_and_sort(&host_policy);
	host_policy.cur = host_policy.cpuinfo.min_freq;
	host_target_reset();
}

void host_cpufreq_limits(unsigned int min, unsigned int max)
{
	int idx;
	host_policy.min = min;
	host_policy.max = max;
	host_policy.min = cpufreq_resolve_freq_index(&host_policy, min, CPUFREQ_RELATION_L, &idx);
	host_policy.max = cpufreq_resolve_freq_index(&host_policy, max, CPUFREQ_RELATION_H, &idx);
}

unsigned int host_target_calls(void)
{
	return ncalls;
}

const struct host_target_call *host_last_target(void)
{
	return &last;
}

void host_target_reset(void)
{
	ncalls = 0;
	memset(&last, 0, sizeof last);
}
