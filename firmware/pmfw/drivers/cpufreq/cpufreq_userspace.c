/*
 * The userspace governor (Linux's drivers/cpufreq/cpufreq_userspace.c):
 * the frequency written to scaling_setspeed (kHz, resolved with
 * CPUFREQ_RELATION_L within the limits), kept across limit changes: when
 * the limits move, the frequency is the setspeed clamped to them. It
 * starts at the frequency the CPU runs at.
 */
#include <linux/cpufreq.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

struct userspace_policy {
	unsigned int is_managed;
	unsigned int setspeed; /* kHz */
	struct mutex mutex;
};

static int cpufreq_set(struct cpufreq_policy *policy, unsigned int freq)
{
	struct userspace_policy *userspace = policy->governor_data;
	int ret = -EINVAL;
	mutex_lock(&userspace->mutex);
	if (userspace->is_managed) {
		userspace->setspeed = freq;
		ret = __cpufreq_driver_target(policy, freq, CPUFREQ_RELATION_L);
	}
	mutex_unlock(&userspace->mutex);
	return ret;
}

static ssize_t show_speed(struct cpufreq_policy *policy, char *buf)
{
	return sysfs_emit(buf, "%u\n", policy->cur);
}

static int cpufreq_userspace_policy_init(struct cpufreq_policy *policy)
{
	struct userspace_policy *userspace = kzalloc(sizeof *userspace, GFP_KERNEL);
	if (!userspace)
		return -ENOMEM;
	mutex_init(&userspace->mutex);
	policy->governor_data = userspace;
	return 0;
}

static void cpufreq_userspace_policy_exit(struct cpufreq_policy *policy)
{
	kfree(policy->governor_data);
	policy->governor_data = NULL;
}

static int cpufreq_userspace_policy_start(struct cpufreq_policy *policy)
{
	struct userspace_policy *userspace = policy->governor_data;
	mutex_lock(&userspace->mutex);
	userspace->is_managed = 1;
	userspace->setspeed = policy->cur;
	mutex_unlock(&userspace->mutex);
	return 0;
}

static void cpufreq_userspace_policy_stop(struct cpufreq_policy *policy)
{
	struct userspace_policy *userspace = policy->governor_data;
	mutex_lock(&userspace->mutex);
	userspace->is_managed = 0;
	userspace->setspeed = 0;
	mutex_unlock(&userspace->mutex);
}

static void cpufreq_userspace_policy_limits(struct cpufreq_policy *policy)
{
	struct userspace_policy *userspace = policy->governor_data;
	mutex_lock(&userspace->mutex);
	if (policy->max < userspace->setspeed)
		__cpufreq_driver_target(policy, policy->max, CPUFREQ_RELATION_H);
	else if (policy->min > userspace->setspeed)
		__cpufreq_driver_target(policy, policy->min, CPUFREQ_RELATION_L);
	else
		__cpufreq_driver_target(policy, userspace->setspeed, CPUFREQ_RELATION_L);
	mutex_unlock(&userspace->mutex);
}

static struct cpufreq_governor cpufreq_gov_userspace = {
	.name = "userspace",
	.init = cpufreq_userspace_policy_init,
	.exit = cpufreq_userspace_policy_exit,
	.start = cpufreq_userspace_policy_start,
	.stop = cpufreq_userspace_policy_stop,
	.limits = cpufreq_userspace_policy_limits,
	.store_setspeed = cpufreq_set,
	.show_setspeed = show_speed,
};

static int cpufreq_gov_userspace_init(void)
{
	return cpufreq_register_governor(&cpufreq_gov_userspace);
}
core_initcall(cpufreq_gov_userspace_init);
