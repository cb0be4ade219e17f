/*
 * The schedutil governor (Linux's kernel/sched/cpufreq_schedutil.c,
 * here beside the other governors): the frequency follows the
 * scheduler's utilization of the CPU (include/linux/sched/cpufreq.h: a
 * PELT average of the time it runs, 32 ms half-life, frequency-
 * invariant), next = 1.25 × max × util / capacity (capacity 1024),
 * resolved to the lowest table frequency at or above it, at most once
 * per rate_limit_us, and not lowered while the CPU has not idled since
 * the last update. The decision is in governor_calc.c.
 *
 * The scheduler calls the update_util hook (interrupts off) when the
 * CPU goes idle or wakes, and every jiffy while it runs; the hook
 * decides and, to change the frequency, wakes the thread "sugov:0"
 * (SCHED_FIFO 50: Linux's is SCHED_DEADLINE, above every RT thread),
 * which calls the driver (cpufreq-dt cannot switch from the scheduler:
 * no fast switch). Not modelled: iowait boost (pmfw has no iowait), the
 * deadline and RT classes' bandwidth, uclamp.
 *
 * Tunable (/sys/devices/system/cpu/cpufreq/schedutil/): rate_limit_us,
 * default cpufreq_policy_transition_delay_us (the transition latency ×
 * 1000, at most 2 ms: 2000 µs on both SoCs).
 */
#include <linux/cpufreq.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/cpufreq.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/tick.h>

#include "governor_calc.h"

#define SUGOV_STACK_SIZE 2048 /* the driver's path: clk, regulator, notifiers */

struct sugov_tunables {
	struct gov_attr_set attr_set;
	unsigned int rate_limit_us;
};

struct sugov_policy {
	struct cpufreq_policy *policy;
	struct sugov_tunables *tunables;
	struct list_head tunables_hook;
	struct sugov_calc calc;
	struct update_util_data update_util;
	struct mutex work_lock; /* the thread's change against the limits */
	struct task_struct *thread;
	bool work_in_progress;  /* a change asked of the thread */
};

static struct sugov_tunables *global_tunables;

static inline struct sugov_tunables *to_sugov_tunables(struct gov_attr_set *attr_set)
{
	return container_of(attr_set, struct sugov_tunables, attr_set);
}

/* Interrupts off: from the scheduler or its tick. */
static void sugov_update_single_freq(struct update_util_data *hook, u64 time, unsigned int flags)
{
	struct sugov_policy *sg_policy = container_of(hook, struct sugov_policy, update_util);
	unsigned int next_f;
	if (!sugov_calc_update(sg_policy->policy, &sg_policy->calc, time, cpu_util_cfs(0),
			       arch_scale_cpu_capacity(0), tick_nohz_get_idle_calls_cpu(0), &next_f))
		return;
	if (!sg_policy->work_in_progress) {
		sg_policy->work_in_progress = true;
		wake_up_process(sg_policy->thread);
	}
}

static int sugov_thread(void *data)
{
	struct sugov_policy *sg_policy = data;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (!READ_ONCE(sg_policy->work_in_progress)) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		unsigned long flags;
		local_irq_save(flags);
		unsigned int freq = sg_policy->calc.next_freq;
		sg_policy->work_in_progress = false;
		local_irq_restore(flags);
		mutex_lock(&sg_policy->work_lock);
		__cpufreq_driver_target(sg_policy->policy, freq, CPUFREQ_RELATION_L);
		mutex_unlock(&sg_policy->work_lock);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* ---- tunables ---- */

static ssize_t rate_limit_us_show(struct gov_attr_set *attr_set, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_sugov_tunables(attr_set)->rate_limit_us);
}

static ssize_t rate_limit_us_store(struct gov_attr_set *attr_set, const char *buf,
				   size_t count)
{
	struct sugov_tunables *tunables = to_sugov_tunables(attr_set);
	struct sugov_policy *sg_policy;
	unsigned int rate_limit_us;
	if (kstrtouint(buf, 10, &rate_limit_us))
		return -EINVAL;
	tunables->rate_limit_us = rate_limit_us;
	list_for_each_entry(sg_policy, &attr_set->policy_list, tunables_hook) {
		unsigned long flags;
		local_irq_save(flags);
		sg_policy->calc.freq_update_delay_ns = (s64)rate_limit_us * NSEC_PER_USEC;
		local_irq_restore(flags);
	}
	return (ssize_t)count;
}

gov_attr_rw(rate_limit_us);

static struct attribute *sugov_attrs[] = { &rate_limit_us.attr, NULL };
ATTRIBUTE_GROUPS(sugov);

static void sugov_tunables_free(struct kobject *kobj)
{
	kfree(to_sugov_tunables(to_gov_attr_set(kobj)));
}

static const struct kobj_type sugov_tunables_ktype = {
	.default_groups = sugov_groups,
	.sysfs_ops = &governor_sysfs_ops,
	.release = sugov_tunables_free,
};

/* ---- the governor ---- */

static int sugov_init(struct cpufreq_policy *policy)
{
	if (policy->governor_data)
		return -EBUSY;
	struct sugov_policy *sg_policy = kzalloc(sizeof *sg_policy, GFP_KERNEL);
	if (!sg_policy)
		return -ENOMEM;
	sg_policy->policy = policy;
	mutex_init(&sg_policy->work_lock);
	struct task_struct *thread = kthread_create_with_stack(sugov_thread, sg_policy,
							       SUGOV_STACK_SIZE, "sugov:%u",
							       policy->cpu);
	if (IS_ERR(thread)) {
		kfree(sg_policy);
		return (int)PTR_ERR(thread);
	}
	sched_set_fifo(thread);
	sg_policy->thread = thread;
	wake_up_process(thread);
	int ret = 0;
	if (global_tunables) {
		gov_attr_set_get(&global_tunables->attr_set, &sg_policy->tunables_hook);
		sg_policy->tunables = global_tunables;
	} else {
		struct sugov_tunables *tunables = kzalloc(sizeof *tunables, GFP_KERNEL);
		if (!tunables) {
			ret = -ENOMEM;
			goto stop_kthread;
		}
		gov_attr_set_init(&tunables->attr_set, &sg_policy->tunables_hook);
		tunables->rate_limit_us = cpufreq_policy_transition_delay_us(policy);
		ret = kobject_init_and_add(&tunables->attr_set.kobj, &sugov_tunables_ktype,
					   cpufreq_global_kobject, "%s", "schedutil");
		if (ret) {
			kobject_put(&tunables->attr_set.kobj);
			goto stop_kthread;
		}
		global_tunables = tunables;
		sg_policy->tunables = tunables;
	}
	policy->governor_data = sg_policy;
	return 0;

stop_kthread:
	kthread_stop(thread);
	kfree(sg_policy);
	return ret;
}

static void sugov_exit(struct cpufreq_policy *policy)
{
	struct sugov_policy *sg_policy = policy->governor_data;
	policy->governor_data = NULL;
	if (!gov_attr_set_put(&sg_policy->tunables->attr_set, &sg_policy->tunables_hook))
		global_tunables = NULL;
	kthread_stop(sg_policy->thread);
	kfree(sg_policy);
}

static int sugov_start(struct cpufreq_policy *policy)
{
	struct sugov_policy *sg_policy = policy->governor_data;
	struct sugov_calc *c = &sg_policy->calc;
	c->freq_update_delay_ns = (s64)sg_policy->tunables->rate_limit_us * NSEC_PER_USEC;
	c->last_freq_update_time = 0;
	c->next_freq = 0;
	c->limits_changed = false;
	c->cached_raw_freq = 0;
	c->need_freq_update = false;
	c->saved_idle_calls = 0;
	sg_policy->work_in_progress = false;
	cpufreq_add_update_util_hook((int)policy->cpu, &sg_policy->update_util,
				     sugov_update_single_freq);
	return 0;
}

static void sugov_stop(struct cpufreq_policy *policy)
{
	struct sugov_policy *sg_policy = policy->governor_data;
	cpufreq_remove_update_util_hook((int)policy->cpu);
	unsigned long flags;
	local_irq_save(flags);
	sg_policy->work_in_progress = false;
	local_irq_restore(flags);
	/* A change the thread has begun ends before the governor goes. */
	mutex_lock(&sg_policy->work_lock);
	mutex_unlock(&sg_policy->work_lock);
}

static void sugov_limits(struct cpufreq_policy *policy)
{
	struct sugov_policy *sg_policy = policy->governor_data;
	mutex_lock(&sg_policy->work_lock);
	cpufreq_policy_apply_limits(policy);
	mutex_unlock(&sg_policy->work_lock);
	unsigned long flags;
	local_irq_save(flags);
	sg_policy->calc.limits_changed = true;
	local_irq_restore(flags);
}

static struct cpufreq_governor schedutil_gov = {
	.name = "schedutil",
	.flags = CPUFREQ_GOV_DYNAMIC_SWITCHING,
	.init = sugov_init,
	.exit = sugov_exit,
	.start = sugov_start,
	.stop = sugov_stop,
	.limits = sugov_limits,
};

static int sugov_register(void)
{
	return cpufreq_register_governor(&schedutil_gov);
}
core_initcall(sugov_register);
