/*
 * The conservative governor (Linux's drivers/cpufreq/
 * cpufreq_conservative.c): like ondemand it samples the load, but moves
 * in steps of freq_step % of the maximum: one up when the load is above
 * up_threshold, one down when it is below down_threshold (every
 * sampling_down_factor samples), and one down per sampling period the
 * CPU slept through. The decisions are in governor_calc.c.
 *
 * Tunables (/sys/devices/system/cpu/cpufreq/conservative/), defaults:
 * sampling_rate as ondemand's, up_threshold 80 (above down_threshold,
 * at most 100), down_threshold 20 (1..up_threshold - 1),
 * sampling_down_factor 1 (1..10), freq_step 5 (0..100, larger taken as
 * 100; 0 stops the governor changing anything).
 */
#include <linux/cpufreq.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "cpufreq_governor.h"

struct cs_policy_dbs_info {
	struct policy_dbs_info policy_dbs;
	struct cs_state cs;
};

static inline struct cs_policy_dbs_info *to_dbs_info(struct policy_dbs_info *policy_dbs)
{
	return container_of(policy_dbs, struct cs_policy_dbs_info, policy_dbs);
}

static unsigned int cs_gov_dbs_update(struct cpufreq_policy *policy)
{
	struct policy_dbs_info *policy_dbs = policy->governor_data;
	unsigned int load = dbs_update(policy);
	unsigned int idle_periods = policy_dbs->idle_periods;
	policy_dbs->idle_periods = UINT_MAX;
	return cs_dbs_update(policy, &policy_dbs->dbs_data->tunables,
			     &to_dbs_info(policy_dbs)->cs, load, idle_periods);
}

/* ---- tunables ---- */

static ssize_t sampling_down_factor_store(struct gov_attr_set *attr_set, const char *buf,
					  size_t count)
{
	unsigned int input;
	if (kstrtouint(buf, 0, &input) || input > CS_MAX_SAMPLING_DOWN_FACTOR || input < 1)
		return -EINVAL;
	to_dbs_data(attr_set)->tunables.sampling_down_factor = input;
	return (ssize_t)count;
}

static ssize_t up_threshold_store(struct gov_attr_set *attr_set, const char *buf, size_t count)
{
	struct dbs_tunables *t = &to_dbs_data(attr_set)->tunables;
	unsigned int input;
	if (kstrtouint(buf, 0, &input) || input > 100 || input <= t->down_threshold)
		return -EINVAL;
	t->up_threshold = input;
	return (ssize_t)count;
}

static ssize_t down_threshold_store(struct gov_attr_set *attr_set, const char *buf,
				    size_t count)
{
	struct dbs_tunables *t = &to_dbs_data(attr_set)->tunables;
	unsigned int input;
	/* At least 1, or the frequency would never fall. */
	if (kstrtouint(buf, 0, &input) || input < 1 || input >= t->up_threshold)
		return -EINVAL;
	t->down_threshold = input;
	return (ssize_t)count;
}

static ssize_t freq_step_store(struct gov_attr_set *attr_set, const char *buf, size_t count)
{
	unsigned int input;
	if (kstrtouint(buf, 0, &input))
		return -EINVAL;
	to_dbs_data(attr_set)->tunables.freq_step = min(input, 100u);
	return (ssize_t)count;
}

gov_show_one(cs, sampling_down_factor);
gov_show_one(cs, up_threshold);
gov_show_one(cs, down_threshold);
gov_show_one(cs, freq_step);

gov_attr_rw(sampling_down_factor);
gov_attr_rw(up_threshold);
gov_attr_rw(down_threshold);
gov_attr_rw(freq_step);

static struct attribute *cs_attrs[] = {
	&sampling_rate.attr, &sampling_down_factor.attr, &up_threshold.attr,
	&down_threshold.attr, &freq_step.attr, NULL,
};
ATTRIBUTE_GROUPS(cs);

/* ---- the governor ---- */

static struct policy_dbs_info *cs_alloc(void)
{
	struct cs_policy_dbs_info *dbs_info = kzalloc(sizeof *dbs_info, GFP_KERNEL);
	return dbs_info ? &dbs_info->policy_dbs : NULL;
}

static void cs_free(struct policy_dbs_info *policy_dbs)
{
	kfree(to_dbs_info(policy_dbs));
}

static void cs_init(struct dbs_data *dbs_data)
{
	dbs_data->tunables.up_threshold = DEF_FREQUENCY_UP_THRESHOLD;
	dbs_data->tunables.down_threshold = DEF_FREQUENCY_DOWN_THRESHOLD;
	dbs_data->tunables.freq_step = DEF_FREQUENCY_STEP;
	dbs_data->tunables.sampling_down_factor = DEF_SAMPLING_DOWN_FACTOR;
}

static void cs_start(struct cpufreq_policy *policy)
{
	struct cs_state *s = &to_dbs_info(policy->governor_data)->cs;
	s->down_skip = 0;
	s->requested_freq = policy->cur;
}

static struct dbs_governor cs_governor = {
	.gov = CPUFREQ_DBS_GOVERNOR_INITIALIZER("conservative"),
	.groups = cs_groups,
	.gov_dbs_update = cs_gov_dbs_update,
	.alloc = cs_alloc,
	.free = cs_free,
	.init = cs_init,
	.start = cs_start,
};

static int cpufreq_gov_dbs_init(void)
{
	return cpufreq_register_governor(&cs_governor.gov);
}
core_initcall(cpufreq_gov_dbs_init);
