/*
 * The ondemand governor (Linux's drivers/cpufreq/cpufreq_ondemand.c): at
 * each sample, a load above up_threshold jumps to the maximum and stays
 * there sampling_down_factor periods; a lower load asks for min + load ×
 * (max - min) / 100 of cpuinfo's range, the closest table frequency.
 * powersave_bias (‰) lowers that target by alternating the two table
 * frequencies around it within the period. The decisions are in
 * governor_calc.c.
 *
 * Tunables (/sys/devices/system/cpu/cpufreq/ondemand/), defaults:
 * sampling_rate max(2 ticks, 1.5 × transition latency) µs (8000 at
 * HZ=250 on both SoCs), up_threshold 95 (Linux's for µs idle
 * accounting; 1..100), sampling_down_factor 1 (1..100000),
 * powersave_bias 0 (0..1000, larger values taken as 1000).
 */
#include <linux/cpufreq.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "cpufreq_governor.h"

struct od_policy_dbs_info {
	struct policy_dbs_info policy_dbs;
	struct od_state od;
};

static inline struct od_policy_dbs_info *to_dbs_info(struct policy_dbs_info *policy_dbs)
{
	return container_of(policy_dbs, struct od_policy_dbs_info, policy_dbs);
}

static unsigned int od_gov_dbs_update(struct cpufreq_policy *policy)
{
	struct policy_dbs_info *policy_dbs = policy->governor_data;
	struct od_state *s = &to_dbs_info(policy_dbs)->od;
	unsigned int load = od_sample_needs_load(s) ? dbs_update(policy) : 0;
	return od_dbs_update(policy, &policy_dbs->dbs_data->tunables, s, load);
}

/* ---- tunables ---- */

static ssize_t up_threshold_store(struct gov_attr_set *attr_set, const char *buf, size_t count)
{
	unsigned int input;
	if (kstrtouint(buf, 0, &input) || input > MAX_FREQUENCY_UP_THRESHOLD ||
	    input < MIN_FREQUENCY_UP_THRESHOLD)
		return -EINVAL;
	to_dbs_data(attr_set)->tunables.up_threshold = input;
	return (ssize_t)count;
}

static ssize_t sampling_down_factor_store(struct gov_attr_set *attr_set, const char *buf,
					  size_t count)
{
	struct policy_dbs_info *policy_dbs;
	unsigned int input;
	if (kstrtouint(buf, 0, &input) || input > OD_MAX_SAMPLING_DOWN_FACTOR || input < 1)
		return -EINVAL;
	to_dbs_data(attr_set)->tunables.sampling_down_factor = input;
	/* A hold at max in progress ends. */
	list_for_each_entry(policy_dbs, &attr_set->policy_list, list) {
		mutex_lock(&policy_dbs->update_mutex);
		to_dbs_info(policy_dbs)->od.rate_mult = 1;
		mutex_unlock(&policy_dbs->update_mutex);
	}
	return (ssize_t)count;
}

static ssize_t powersave_bias_store(struct gov_attr_set *attr_set, const char *buf,
				    size_t count)
{
	struct policy_dbs_info *policy_dbs;
	unsigned int input;
	if (kstrtouint(buf, 0, &input))
		return -EINVAL;
	to_dbs_data(attr_set)->tunables.powersave_bias = min(input, 1000u);
	list_for_each_entry(policy_dbs, &attr_set->policy_list, list) {
		mutex_lock(&policy_dbs->update_mutex);
		od_powersave_bias_init(&to_dbs_info(policy_dbs)->od);
		mutex_unlock(&policy_dbs->update_mutex);
	}
	return (ssize_t)count;
}

gov_show_one(od, up_threshold);
gov_show_one(od, sampling_down_factor);
gov_show_one(od, powersave_bias);

gov_attr_rw(up_threshold);
gov_attr_rw(sampling_down_factor);
gov_attr_rw(powersave_bias);

static struct attribute *od_attrs[] = {
	&sampling_rate.attr, &up_threshold.attr, &sampling_down_factor.attr,
	&powersave_bias.attr, NULL,
};
ATTRIBUTE_GROUPS(od);

/* ---- the governor ---- */

static struct policy_dbs_info *od_alloc(void)
{
	struct od_policy_dbs_info *dbs_info = kzalloc(sizeof *dbs_info, GFP_KERNEL);
	return dbs_info ? &dbs_info->policy_dbs : NULL;
}

static void od_free(struct policy_dbs_info *policy_dbs)
{
	kfree(to_dbs_info(policy_dbs));
}

static void od_init(struct dbs_data *dbs_data)
{
	/* Idle time is accounted to the µs: Linux's finer threshold. */
	dbs_data->tunables.up_threshold = MICRO_FREQUENCY_UP_THRESHOLD;
	dbs_data->tunables.sampling_down_factor = DEF_SAMPLING_DOWN_FACTOR;
	dbs_data->tunables.powersave_bias = 0;
}

static void od_start(struct cpufreq_policy *policy)
{
	struct od_state *s = &to_dbs_info(policy->governor_data)->od;
	s->rate_mult = 1;
	od_powersave_bias_init(s);
}

static struct dbs_governor od_dbs_gov = {
	.gov = CPUFREQ_DBS_GOVERNOR_INITIALIZER("ondemand"),
	.groups = od_groups,
	.gov_dbs_update = od_gov_dbs_update,
	.alloc = od_alloc,
	.free = od_free,
	.init = od_init,
	.start = od_start,
};

static int cpufreq_gov_dbs_init(void)
{
	return cpufreq_register_governor(&od_dbs_gov.gov);
}
core_initcall(cpufreq_gov_dbs_init);
