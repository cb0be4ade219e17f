/*
 * The load-sampling governors' framework (Linux's drivers/cpufreq/
 * cpufreq_governor.c and cpufreq_governor_attr_set.c).
 *
 * The tunables are global (cpufreq-dt has no governor per policy): one
 * dbs_data per governor, its files in /sys/devices/system/cpu/cpufreq/
 * <governor>/, created when the first policy starts using the governor
 * and removed when the last one stops.
 *
 * Sampling: Linux samples from the scheduler's update_util callback once
 * sampling_rate has passed; pmfw uses the earlier design of the same
 * code, a deferrable delayed work per policy, re-queued after each
 * sample with the delay the governor returns (sampling_rate ×
 * rate_mult, or powersave_bias's two parts). Deferrable: it never wakes
 * an idle CPU; a sample due while the CPU slept runs at its next
 * interrupt, and dbs_update then sees the long idle stretch. Delays are
 * whole jiffies (rounded up). The work runs on a WQ_HIGHPRI workqueue of
 * its own (nice -20, above every normal thread): pmfw's scheduler has no
 * time slices, so a busy thread at nice 0 would hold off a normal-
 * priority sample for as long as it runs.
 *
 * The load is the CPU's idle time from the idle thread's run time
 * (get_cpu_idle_time_us, µs accounting): hence ondemand's
 * MICRO_FREQUENCY_UP_THRESHOLD (95), as Linux picks it when the idle
 * time is known to the µs. Neither iowait (io_is_busy) nor nice time
 * (ignore_nice_load) is accounted in pmfw: those tunables are left out.
 */
#include <linux/cpufreq.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched/cpufreq.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "cpufreq_governor.h"

#define CPUFREQ_DBS_MIN_SAMPLING_INTERVAL ((unsigned int)(2 * TICK_NSEC / NSEC_PER_USEC))

static struct workqueue_struct *dbs_wq;

/* ---- the tunables' files (cpufreq_governor_attr_set.c) ---- */

static ssize_t governor_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct governor_attr *gattr = container_of(attr, struct governor_attr, attr);
	return gattr->show ? gattr->show(to_gov_attr_set(kobj), buf) : -EIO;
}

static ssize_t governor_store(struct kobject *kobj, struct attribute *attr, const char *buf,
			      size_t count)
{
	struct gov_attr_set *attr_set = to_gov_attr_set(kobj);
	struct governor_attr *gattr = container_of(attr, struct governor_attr, attr);
	if (!gattr->store)
		return -EIO;
	mutex_lock(&attr_set->update_lock);
	ssize_t ret = attr_set->usage_count ? gattr->store(attr_set, buf, count) : -EBUSY;
	mutex_unlock(&attr_set->update_lock);
	return ret;
}

const struct sysfs_ops governor_sysfs_ops = {
	.show = governor_show,
	.store = governor_store,
};

void gov_attr_set_init(struct gov_attr_set *attr_set, struct list_head *list_node)
{
	INIT_LIST_HEAD(&attr_set->policy_list);
	mutex_init(&attr_set->update_lock);
	attr_set->usage_count = 1;
	list_add(list_node, &attr_set->policy_list);
}

void gov_attr_set_get(struct gov_attr_set *attr_set, struct list_head *list_node)
{
	mutex_lock(&attr_set->update_lock);
	attr_set->usage_count++;
	list_add(list_node, &attr_set->policy_list);
	mutex_unlock(&attr_set->update_lock);
}

unsigned int gov_attr_set_put(struct gov_attr_set *attr_set, struct list_head *list_node)
{
	mutex_lock(&attr_set->update_lock);
	list_del(list_node);
	unsigned int count = (unsigned int)--attr_set->usage_count;
	mutex_unlock(&attr_set->update_lock);
	if (count)
		return count;
	kobject_del(&attr_set->kobj);
	kobject_put(&attr_set->kobj);
	return 0;
}

/* ---- sampling ---- */

ssize_t sampling_rate_store(struct gov_attr_set *attr_set, const char *buf, size_t count)
{
	struct dbs_data *dbs_data = to_dbs_data(attr_set);
	struct policy_dbs_info *policy_dbs;
	unsigned int sampling_interval;
	if (kstrtouint(buf, 0, &sampling_interval) ||
	    sampling_interval < CPUFREQ_DBS_MIN_SAMPLING_INTERVAL)
		return -EINVAL;
	dbs_data->tunables.sampling_rate = sampling_interval;
	/* The next sample comes at once, then at the new rate. */
	list_for_each_entry(policy_dbs, &attr_set->policy_list, list) {
		mutex_lock(&policy_dbs->update_mutex);
		if (policy_dbs->running)
			mod_delayed_work(dbs_wq, &policy_dbs->work, 0);
		mutex_unlock(&policy_dbs->update_mutex);
	}
	return (ssize_t)count;
}

static ssize_t sampling_rate_show(struct gov_attr_set *attr_set, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_dbs_data(attr_set)->tunables.sampling_rate);
}

struct governor_attr sampling_rate = __ATTR(sampling_rate, 0644, sampling_rate_show,
					    sampling_rate_store);

unsigned int dbs_update(struct cpufreq_policy *policy)
{
	struct policy_dbs_info *policy_dbs = policy->governor_data;
	u64 cur_time;
	u64 cur_idle = get_cpu_idle_time_us(0, &cur_time);
	return dbs_calc_load(&policy_dbs->cdbs, cur_idle, cur_time,
			     policy_dbs->dbs_data->tunables.sampling_rate,
			     &policy_dbs->idle_periods);
}

static void dbs_work_handler(struct work_struct *work)
{
	struct policy_dbs_info *policy_dbs =
		container_of(to_delayed_work(work), struct policy_dbs_info, work);
	struct cpufreq_policy *policy = policy_dbs->policy;
	struct dbs_governor *gov = dbs_governor_of(policy);
	mutex_lock(&policy_dbs->update_mutex);
	if (policy_dbs->running) {
		unsigned int delay_us = gov->gov_dbs_update(policy);
		queue_delayed_work(dbs_wq, &policy_dbs->work, usecs_to_jiffies(delay_us));
	}
	mutex_unlock(&policy_dbs->update_mutex);
}

/* ---- the governor's callbacks ---- */

static void dbs_kobj_release(struct kobject *kobj)
{
	kfree(to_dbs_data(to_gov_attr_set(kobj)));
}

int cpufreq_dbs_governor_init(struct cpufreq_policy *policy)
{
	struct dbs_governor *gov = dbs_governor_of(policy);
	if (policy->governor_data)
		return -EBUSY;
	if (!dbs_wq) {
		dbs_wq = alloc_workqueue("cpufreq_dbs", WQ_HIGHPRI, 1);
		if (!dbs_wq)
			return -ENOMEM;
	}
	struct policy_dbs_info *policy_dbs = gov->alloc();
	if (!policy_dbs)
		return -ENOMEM;
	policy_dbs->policy = policy;
	mutex_init(&policy_dbs->update_mutex);
	INIT_DEFERRABLE_WORK(&policy_dbs->work, dbs_work_handler);
	struct dbs_data *dbs_data = gov->gdbs_data;
	if (dbs_data) {
		policy_dbs->dbs_data = dbs_data;
		policy->governor_data = policy_dbs;
		gov_attr_set_get(&dbs_data->attr_set, &policy_dbs->list);
		return 0;
	}
	dbs_data = kzalloc(sizeof *dbs_data, GFP_KERNEL);
	if (!dbs_data) {
		gov->free(policy_dbs);
		return -ENOMEM;
	}
	gov_attr_set_init(&dbs_data->attr_set, &policy_dbs->list);
	gov->init(dbs_data);
	/* Linux's default: the transition delay, and at least two ticks
	 * (CPUFREQ_DBS_MIN_SAMPLING_INTERVAL); shared/REFERENCE.md gives
	 * the rule as max(2 ticks, 1.5 × the transition latency). */
	unsigned int latency_us = policy->cpuinfo.transition_latency == (unsigned int)CPUFREQ_ETERNAL
					  ? 0
					  : policy->cpuinfo.transition_latency / NSEC_PER_USEC;
	dbs_data->tunables.sampling_rate =
		max(CPUFREQ_DBS_MIN_SAMPLING_INTERVAL, latency_us * 3 / 2);
	policy_dbs->dbs_data = dbs_data;
	policy->governor_data = policy_dbs;
	gov->kobj_type.sysfs_ops = &governor_sysfs_ops;
	gov->kobj_type.release = dbs_kobj_release;
	gov->kobj_type.default_groups = gov->groups;
	int ret = kobject_init_and_add(&dbs_data->attr_set.kobj, &gov->kobj_type,
				       cpufreq_global_kobject,
				       "%s", gov->gov.name);
	if (ret) {
		kobject_put(&dbs_data->attr_set.kobj);
		policy->governor_data = NULL;
		gov->free(policy_dbs);
		return ret;
	}
	gov->gdbs_data = dbs_data;
	return 0;
}

void cpufreq_dbs_governor_exit(struct cpufreq_policy *policy)
{
	struct dbs_governor *gov = dbs_governor_of(policy);
	struct policy_dbs_info *policy_dbs = policy->governor_data;
	if (!policy_dbs)
		return;
	if (!gov_attr_set_put(&policy_dbs->dbs_data->attr_set, &policy_dbs->list))
		gov->gdbs_data = NULL;
	policy->governor_data = NULL;
	gov->free(policy_dbs);
}

int cpufreq_dbs_governor_start(struct cpufreq_policy *policy)
{
	struct dbs_governor *gov = dbs_governor_of(policy);
	struct policy_dbs_info *policy_dbs = policy->governor_data;
	if (!policy->cur)
		return -EINVAL;
	struct cpu_dbs_info *j = &policy_dbs->cdbs;
	j->prev_cpu_idle = get_cpu_idle_time_us(0, &j->prev_update_time);
	/* The first sample computes the load rather than reusing one. */
	j->prev_load = 0;
	policy_dbs->idle_periods = UINT_MAX;
	gov->start(policy);
	mutex_lock(&policy_dbs->update_mutex);
	policy_dbs->running = true;
	queue_delayed_work(dbs_wq, &policy_dbs->work,
			   usecs_to_jiffies(policy_dbs->dbs_data->tunables.sampling_rate));
	mutex_unlock(&policy_dbs->update_mutex);
	return 0;
}

void cpufreq_dbs_governor_stop(struct cpufreq_policy *policy)
{
	struct policy_dbs_info *policy_dbs = policy->governor_data;
	mutex_lock(&policy_dbs->update_mutex);
	policy_dbs->running = false;
	mutex_unlock(&policy_dbs->update_mutex);
	cancel_delayed_work_sync(&policy_dbs->work);
}

void cpufreq_dbs_governor_limits(struct cpufreq_policy *policy)
{
	struct policy_dbs_info *policy_dbs = policy->governor_data;
	mutex_lock(&policy_dbs->update_mutex);
	cpufreq_policy_apply_limits(policy);
	/* And a sample at once (Linux: sample_delay_ns = 0). */
	if (policy_dbs->running)
		mod_delayed_work(dbs_wq, &policy_dbs->work, 0);
	mutex_unlock(&policy_dbs->update_mutex);
}
