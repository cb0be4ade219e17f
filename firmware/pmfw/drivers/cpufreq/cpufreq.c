/*
 * The cpufreq core (Linux's drivers/cpufreq/cpufreq.c), for one driver
 * and pmfw's one CPU: policy0 manages cpu0.
 *
 * A policy's limits are the frequency QoS aggregates of its constraints
 * (policy->constraints: the user's scaling_min_freq/scaling_max_freq are
 * two of those requests, as in Linux; thermal or a test may add more),
 * narrowed by the driver's verify and resolved to table frequencies (min
 * up, max down). Every change of an aggregate re-evaluates the limits
 * and calls the governor's limits callback; Linux does it from a work
 * item, pmfw at once in the caller (so that a read right after a write
 * sees the new limits; callers of freq_qos_* must not hold the policy's
 * lock).
 *
 * Frequency changes go through __cpufreq_driver_target: the target is
 * clamped to min..max and resolved by the table (RELATION_L/H/C), and
 * the driver's target_index is called between the transition notifiers'
 * PRECHANGE and POSTCHANGE; POSTCHANGE updates policy->cur, the
 * statistics and the scheduler's frequency-invariance scale. A failed
 * change is announced back to the old frequency, as Linux does.
 *
 * Governors register by name and are switched at run time through
 * scaling_governor (stop and exit the old one, init and start the new
 * one; on failure the old one is restarted). The default is schedutil
 * (Linux's CONFIG_CPU_FREQ_DEFAULT_GOV_SCHEDUTIL), or the boot
 * parameter cpufreq.default_governor=NAME.
 *
 * System sleep: cpufreq_suspend() (the start of dpm_suspend) stops the
 * governors and lets the driver go to policy->suspend_freq (the OPP
 * marked opp-suspend); cpufreq_resume() (the end of dpm_resume) starts
 * them again, after checking the frequency the hardware came back at.
 */
#include <linux/cpu.h>
#include <linux/cpufreq.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/cpufreq.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/thermal.h>
#include <pmfw/marker.h>
#include <strings.h>

#define swap(a, b)                         \
	do {                               \
		__typeof__(a) __tmp = (a); \
		(a) = (b);                 \
		(b) = __tmp;               \
	} while (0)

static struct cpufreq_driver *cpufreq_driver;
static struct cpufreq_policy *cpufreq_policies[NR_CPUS];
static LIST_HEAD(cpufreq_governor_list);
static DEFINE_MUTEX(cpufreq_governor_mutex);
static BLOCKING_NOTIFIER_HEAD(cpufreq_policy_notifier_list);
static BLOCKING_NOTIFIER_HEAD(cpufreq_transition_notifier_list);
static bool cpufreq_suspended;
struct kobject *cpufreq_global_kobject;

static char default_governor[CPUFREQ_NAME_LEN] = "powersave";

static int __init cpufreq_default_governor_setup(char *str)
{
	strscpy(default_governor, str, sizeof default_governor);
	return 1;
}
__setup("cpufreq.default_governor=", cpufreq_default_governor_setup);

struct cpufreq_policy *cpufreq_cpu_get_raw(unsigned int cpu)
{
	return cpu < NR_CPUS ? cpufreq_policies[cpu] : NULL;
}

struct cpufreq_policy *cpufreq_cpu_get(unsigned int cpu)
{
	return cpufreq_driver ? cpufreq_cpu_get_raw(cpu) : NULL;
}

const char *cpufreq_get_current_driver(void)
{
	return cpufreq_driver ? cpufreq_driver->name : NULL;
}

unsigned int cpufreq_policy_transition_delay_us(struct cpufreq_policy *policy)
{
	if (policy->transition_delay_us)
		return policy->transition_delay_us;
	unsigned int latency = policy->cpuinfo.transition_latency / NSEC_PER_USEC;
	if (latency) {
		unsigned int max_delay_us = 2 * MSEC_PER_SEC;
		/* A slow platform keeps its own latency; a fast one is
		 * capped at 2 ms, as Linux. */
		if (latency > max_delay_us)
			return latency;
		return min(latency * LATENCY_MULTIPLIER, max_delay_us);
	}
	return LATENCY_MULTIPLIER;
}

/* ---- notifiers and transitions ---------------------------------------------------- */

int cpufreq_register_notifier(struct notifier_block *nb, unsigned int list)
{
	switch (list) {
	case CPUFREQ_TRANSITION_NOTIFIER:
		return blocking_notifier_chain_register(&cpufreq_transition_notifier_list, nb);
	case CPUFREQ_POLICY_NOTIFIER:
		return blocking_notifier_chain_register(&cpufreq_policy_notifier_list, nb);
	default:
		return -EINVAL;
	}
}

int cpufreq_unregister_notifier(struct notifier_block *nb, unsigned int list)
{
	switch (list) {
	case CPUFREQ_TRANSITION_NOTIFIER:
		return blocking_notifier_chain_unregister(&cpufreq_transition_notifier_list, nb);
	case CPUFREQ_POLICY_NOTIFIER:
		return blocking_notifier_chain_unregister(&cpufreq_policy_notifier_list, nb);
	default:
		return -EINVAL;
	}
}

static void cpufreq_notify_transition(struct cpufreq_policy *policy, struct cpufreq_freqs *freqs,
				      unsigned int state)
{
	freqs->policy = policy;
	freqs->flags = (u8)cpufreq_driver->flags;
	switch (state) {
	case CPUFREQ_PRECHANGE:
		/* The driver's idea of the old frequency yields to the core's. */
		if (policy->cur && policy->cur != freqs->old)
			freqs->old = policy->cur;
		blocking_notifier_call_chain(&cpufreq_transition_notifier_list, CPUFREQ_PRECHANGE,
					     freqs);
		break;
	case CPUFREQ_POSTCHANGE:
		blocking_notifier_call_chain(&cpufreq_transition_notifier_list, CPUFREQ_POSTCHANGE,
					     freqs);
		cpufreq_stats_record_transition(policy, freqs->new);
		policy->cur = freqs->new;
		break;
	}
}

static void cpufreq_notify_post_transition(struct cpufreq_policy *policy,
					   struct cpufreq_freqs *freqs, int transition_failed)
{
	cpufreq_notify_transition(policy, freqs, CPUFREQ_POSTCHANGE);
	if (!transition_failed)
		return;
	/* Back to where it was. */
	swap(freqs->old, freqs->new);
	cpufreq_notify_transition(policy, freqs, CPUFREQ_PRECHANGE);
	cpufreq_notify_transition(policy, freqs, CPUFREQ_POSTCHANGE);
}

void cpufreq_freq_transition_begin(struct cpufreq_policy *policy, struct cpufreq_freqs *freqs)
{
	/* A transition never nests in another of the same thread. */
	WARN_ON(policy->transition_ongoing && policy->transition_task == current);
	wait_event(policy->transition_wait, !policy->transition_ongoing);
	policy->transition_ongoing = true;
	policy->transition_task = current;
	/* For pmsim's trace: the governor's decision (ARG the kHz). */
	pm_marker_instant("cpufreq:target", (int)freqs->new);
	cpufreq_notify_transition(policy, freqs, CPUFREQ_PRECHANGE);
}

void cpufreq_freq_transition_end(struct cpufreq_policy *policy, struct cpufreq_freqs *freqs,
				 int transition_failed)
{
	if (WARN_ON(!policy->transition_ongoing))
		return;
	cpufreq_notify_post_transition(policy, freqs, transition_failed);
	arch_set_freq_scale(policy->related_cpus, policy->cur, policy->cpuinfo.max_freq);
	policy->transition_ongoing = false;
	policy->transition_task = NULL;
	wake_up(&policy->transition_wait);
}

/* The hardware runs at new_freq, not at what the core believed. */
static void cpufreq_out_of_sync(struct cpufreq_policy *policy, unsigned int new_freq)
{
	struct cpufreq_freqs freqs = { .old = policy->cur, .new = new_freq };
	pr_debug("cpufreq: Warning: CPU frequency out of sync: cpufreq and timing core thinks of %u, is %u kHz\n",
		 policy->cur, new_freq);
	cpufreq_freq_transition_begin(policy, &freqs);
	cpufreq_freq_transition_end(policy, &freqs, 0);
}

static unsigned int cpufreq_verify_current_freq(struct cpufreq_policy *policy, bool update)
{
	unsigned int new_freq = cpufreq_driver->get(policy->cpu);
	if (!new_freq)
		return 0;
	if (policy->cur != new_freq) {
		/* Within a MHz of the table's value: the same frequency. */
		if ((policy->cur > new_freq ? policy->cur - new_freq : new_freq - policy->cur) < 1000)
			return policy->cur;
		cpufreq_out_of_sync(policy, new_freq);
		if (update)
			refresh_frequency_limits(policy);
	}
	return new_freq;
}

unsigned int cpufreq_get(unsigned int cpu)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get(cpu);
	if (!policy || !cpufreq_driver->get)
		return 0;
	mutex_lock(&policy->rwsem);
	unsigned int f = cpufreq_verify_current_freq(policy, true);
	mutex_unlock(&policy->rwsem);
	return f;
}

unsigned int cpufreq_quick_get(unsigned int cpu)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get(cpu);
	return policy ? policy->cur : 0;
}

unsigned int cpufreq_quick_get_max(unsigned int cpu)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get(cpu);
	return policy ? policy->max : 0;
}

/* ---- setting frequencies ---------------------------------------------------------- */

static int __target_index(struct cpufreq_policy *policy, int index)
{
	struct cpufreq_freqs freqs = { .old = policy->cur, .flags = 0 };
	unsigned int newfreq = policy->freq_table[index].frequency;
	if (newfreq == policy->cur)
		return 0;
	freqs.new = newfreq;
	cpufreq_freq_transition_begin(policy, &freqs);
	int retval = cpufreq_driver->target_index(policy, (unsigned int)index);
	if (retval)
		pr_err("%s: Failed to change cpu frequency: %d\n", __func__, retval);
	cpufreq_freq_transition_end(policy, &freqs, retval);
	return retval;
}

int __cpufreq_driver_target(struct cpufreq_policy *policy, unsigned int target_freq,
			    unsigned int relation)
{
	int idx;
	if (!cpufreq_driver)
		return -ENODEV;
	target_freq = cpufreq_resolve_freq_index(policy, target_freq, relation, &idx);
	if (target_freq == policy->cur)
		return 0;
	if (idx < 0)
		return -EINVAL;
	return __target_index(policy, idx);
}

int cpufreq_driver_target(struct cpufreq_policy *policy, unsigned int target_freq,
			  unsigned int relation)
{
	mutex_lock(&policy->rwsem);
	int ret = __cpufreq_driver_target(policy, target_freq, relation);
	mutex_unlock(&policy->rwsem);
	return ret;
}

void cpufreq_policy_apply_limits(struct cpufreq_policy *policy)
{
	if (policy->max < policy->cur)
		__cpufreq_driver_target(policy, policy->max, CPUFREQ_RELATION_HE);
	else if (policy->min > policy->cur)
		__cpufreq_driver_target(policy, policy->min, CPUFREQ_RELATION_LE);
}

/* ---- governors -------------------------------------------------------------------- */

static struct cpufreq_governor *find_governor(const char *name)
{
	struct cpufreq_governor *t;
	list_for_each_entry(t, &cpufreq_governor_list, governor_list)
		if (!strncasecmp(name, t->name, CPUFREQ_NAME_LEN))
			return t;
	return NULL;
}

int cpufreq_register_governor(struct cpufreq_governor *governor)
{
	if (!governor)
		return -EINVAL;
	mutex_lock(&cpufreq_governor_mutex);
	int err = -EBUSY;
	if (!find_governor(governor->name)) {
		err = 0;
		/* At the head, as Linux: scaling_available_governors lists
		 * the latest registered first. */
		list_add(&governor->governor_list, &cpufreq_governor_list);
	}
	mutex_unlock(&cpufreq_governor_mutex);
	return err;
}

void cpufreq_unregister_governor(struct cpufreq_governor *governor)
{
	if (!governor)
		return;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct cpufreq_policy *policy = cpufreq_policies[cpu];
		if (policy && !strcmp(policy->last_governor, governor->name))
			policy->last_governor[0] = '\0';
	}
	mutex_lock(&cpufreq_governor_mutex);
	list_del(&governor->governor_list);
	mutex_unlock(&cpufreq_governor_mutex);
}

struct cpufreq_governor *cpufreq_default_governor(void)
{
	mutex_lock(&cpufreq_governor_mutex);
	struct cpufreq_governor *gov = find_governor(default_governor);
	mutex_unlock(&cpufreq_governor_mutex);
	return gov;
}

static int cpufreq_init_governor(struct cpufreq_policy *policy)
{
	if (!policy->governor)
		return -EINVAL;
	if (policy->governor->init) {
		int ret = policy->governor->init(policy);
		if (ret)
			return ret;
	}
	policy->strict_target = !!(policy->governor->flags & CPUFREQ_GOV_STRICT_TARGET);
	return 0;
}

static void cpufreq_exit_governor(struct cpufreq_policy *policy)
{
	if (policy->governor && policy->governor->exit)
		policy->governor->exit(policy);
}

static int cpufreq_start_governor(struct cpufreq_policy *policy)
{
	if (!policy->governor)
		return -EINVAL;
	if (cpufreq_driver->get)
		cpufreq_verify_current_freq(policy, false);
	if (policy->governor->start) {
		int ret = policy->governor->start(policy);
		if (ret)
			return ret;
	}
	if (policy->governor->limits)
		policy->governor->limits(policy);
	return 0;
}

static void cpufreq_stop_governor(struct cpufreq_policy *policy)
{
	if (policy->governor && policy->governor->stop)
		policy->governor->stop(policy);
}

static void cpufreq_governor_limits(struct cpufreq_policy *policy)
{
	if (policy->governor && policy->governor->limits)
		policy->governor->limits(policy);
}

/* The limits from the QoS aggregates and the driver; a new governor if
 * new_gov differs. policy->rwsem held. */
static int cpufreq_set_policy(struct cpufreq_policy *policy, struct cpufreq_governor *new_gov)
{
	struct cpufreq_policy_data new_data = {
		.cpuinfo = policy->cpuinfo,
		.freq_table = policy->freq_table,
		.cpu = policy->cpu,
		.min = (unsigned int)freq_qos_read_value(&policy->constraints, FREQ_QOS_MIN),
		.max = (unsigned int)freq_qos_read_value(&policy->constraints, FREQ_QOS_MAX),
	};
	int idx;
	int ret = cpufreq_driver->verify(&new_data);
	if (ret)
		return ret;
	/* Resolved to table frequencies so that no resolution overshoots
	 * the maximum or undershoots the minimum. */
	policy->min = new_data.min;
	policy->max = new_data.max;
	policy->min = cpufreq_resolve_freq_index(policy, policy->min, CPUFREQ_RELATION_L, &idx);
	policy->max = cpufreq_resolve_freq_index(policy, policy->max, CPUFREQ_RELATION_H, &idx);
	if (new_gov == policy->governor) {
		cpufreq_governor_limits(policy);
		return 0;
	}
	struct cpufreq_governor *old_gov = policy->governor;
	if (old_gov) {
		cpufreq_stop_governor(policy);
		cpufreq_exit_governor(policy);
	}
	policy->governor = new_gov;
	ret = cpufreq_init_governor(policy);
	if (!ret) {
		ret = cpufreq_start_governor(policy);
		if (!ret) {
			strscpy(policy->last_governor, new_gov->name, CPUFREQ_NAME_LEN);
			return 0;
		}
		cpufreq_exit_governor(policy);
	}
	pr_debug("cpufreq: starting governor %s failed\n", new_gov->name);
	policy->governor = old_gov;
	if (old_gov) {
		if (cpufreq_init_governor(policy) || cpufreq_start_governor(policy))
			policy->governor = NULL;
	}
	return ret;
}

void refresh_frequency_limits(struct cpufreq_policy *policy)
{
	if (policy->governor)
		cpufreq_set_policy(policy, policy->governor);
}

void cpufreq_update_policy(unsigned int cpu)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get(cpu);
	if (!policy)
		return;
	mutex_lock(&policy->rwsem);
	if (cpufreq_driver->get)
		cpufreq_verify_current_freq(policy, false);
	refresh_frequency_limits(policy);
	mutex_unlock(&policy->rwsem);
}

void cpufreq_update_limits(unsigned int cpu)
{
	cpufreq_update_policy(cpu);
}

static int cpufreq_notifier_min(struct notifier_block *nb, unsigned long freq, void *data)
{
	struct cpufreq_policy *policy = container_of(nb, struct cpufreq_policy, nb_min);
	mutex_lock(&policy->rwsem);
	refresh_frequency_limits(policy);
	mutex_unlock(&policy->rwsem);
	return NOTIFY_OK;
}

static int cpufreq_notifier_max(struct notifier_block *nb, unsigned long freq, void *data)
{
	struct cpufreq_policy *policy = container_of(nb, struct cpufreq_policy, nb_max);
	mutex_lock(&policy->rwsem);
	refresh_frequency_limits(policy);
	mutex_unlock(&policy->rwsem);
	return NOTIFY_OK;
}

/* ---- sysfs: the policy's files ----------------------------------------------------- */

static ssize_t cpufreq_show_cpus(unsigned long mask, char *buf)
{
	int i = 0;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (mask & BIT(cpu))
			i += sysfs_emit_at(buf, i, "%u ", cpu);
	if (i)
		i--; /* no space at the end */
	i += sysfs_emit_at(buf, i, "\n");
	return i;
}

#define show_one(file_name, object)                                                     \
	static ssize_t show_##file_name(struct cpufreq_policy *policy, char *buf)       \
	{                                                                               \
		return sysfs_emit(buf, "%u\n", policy->object);                         \
	}

show_one(cpuinfo_min_freq, cpuinfo.min_freq);
show_one(cpuinfo_max_freq, cpuinfo.max_freq);
show_one(cpuinfo_transition_latency, cpuinfo.transition_latency);
show_one(scaling_min_freq, min);
show_one(scaling_max_freq, max);
show_one(scaling_cur_freq, cur);

/* scaling_min_freq and scaling_max_freq are the user's QoS requests. */
static ssize_t store_limit(struct freq_qos_request *req, const char *buf, size_t count)
{
	unsigned long val;
	int ret = kstrtoul(buf, 0, &val);
	if (ret)
		return ret;
	ret = freq_qos_update_request(req, (s32)min_t(unsigned long, val, S32_MAX));
	return ret >= 0 ? (ssize_t)count : ret;
}

static ssize_t store_scaling_min_freq(struct cpufreq_policy *policy, const char *buf,
				      size_t count)
{
	return store_limit(policy->min_freq_req, buf, count);
}

static ssize_t store_scaling_max_freq(struct cpufreq_policy *policy, const char *buf,
				      size_t count)
{
	return store_limit(policy->max_freq_req, buf, count);
}

static ssize_t show_cpuinfo_cur_freq(struct cpufreq_policy *policy, char *buf)
{
	mutex_lock(&policy->rwsem);
	unsigned int cur_freq = cpufreq_driver->get ? cpufreq_verify_current_freq(policy, true) : 0;
	mutex_unlock(&policy->rwsem);
	if (cur_freq)
		return sysfs_emit(buf, "%u\n", cur_freq);
	return sysfs_emit(buf, "<unknown>\n");
}

static ssize_t show_scaling_governor(struct cpufreq_policy *policy, char *buf)
{
	if (policy->governor)
		return sysfs_emit(buf, "%s\n", policy->governor->name);
	return -EINVAL;
}

static ssize_t store_scaling_governor(struct cpufreq_policy *policy, const char *buf,
				      size_t count)
{
	char name[CPUFREQ_NAME_LEN];
	/* The first word, as sscanf("%15s"). */
	while (*buf == ' ' || *buf == '\t' || *buf == '\n')
		buf++;
	size_t n = 0;
	while (buf[n] && buf[n] != ' ' && buf[n] != '\t' && buf[n] != '\n' && n < sizeof name - 1) {
		name[n] = buf[n];
		n++;
	}
	name[n] = '\0';
	if (!n)
		return -EINVAL;
	mutex_lock(&cpufreq_governor_mutex);
	struct cpufreq_governor *gov = find_governor(name);
	mutex_unlock(&cpufreq_governor_mutex);
	if (!gov)
		return -EINVAL;
	mutex_lock(&policy->rwsem);
	int ret = cpufreq_set_policy(policy, gov);
	mutex_unlock(&policy->rwsem);
	return ret ? ret : (ssize_t)count;
}

static ssize_t show_scaling_driver(struct cpufreq_policy *policy, char *buf)
{
	return sysfs_emit(buf, "%s\n", cpufreq_driver->name);
}

static ssize_t show_scaling_available_governors(struct cpufreq_policy *policy, char *buf)
{
	struct cpufreq_governor *t;
	int i = 0;
	mutex_lock(&cpufreq_governor_mutex);
	list_for_each_entry(t, &cpufreq_governor_list, governor_list)
		i += sysfs_emit_at(buf, i, "%s ", t->name);
	mutex_unlock(&cpufreq_governor_mutex);
	i += sysfs_emit_at(buf, i, "\n");
	return i;
}

static ssize_t show_available_freqs(struct cpufreq_policy *policy, char *buf, bool show_boost)
{
	struct cpufreq_frequency_table *pos;
	int count = 0;
	if (!policy->freq_table)
		return -ENODEV;
	cpufreq_for_each_valid_entry(pos, policy->freq_table) {
		if (show_boost ^ !!(pos->flags & CPUFREQ_BOOST_FREQ))
			continue;
		count += sysfs_emit_at(buf, count, "%u ", pos->frequency);
	}
	count += sysfs_emit_at(buf, count, "\n");
	return count;
}

static ssize_t show_scaling_available_frequencies(struct cpufreq_policy *policy, char *buf)
{
	return show_available_freqs(policy, buf, false);
}

static bool policy_has_boost_freq(struct cpufreq_policy *policy)
{
	struct cpufreq_frequency_table *pos;
	if (!policy->freq_table)
		return false;
	cpufreq_for_each_valid_entry(pos, policy->freq_table)
		if (pos->flags & CPUFREQ_BOOST_FREQ)
			return true;
	return false;
}

static ssize_t show_scaling_boost_frequencies(struct cpufreq_policy *policy, char *buf)
{
	return show_available_freqs(policy, buf, true);
}

static ssize_t show_affected_cpus(struct cpufreq_policy *policy, char *buf)
{
	return cpufreq_show_cpus(policy->cpus, buf);
}

static ssize_t show_related_cpus(struct cpufreq_policy *policy, char *buf)
{
	return cpufreq_show_cpus(policy->related_cpus, buf);
}

static ssize_t show_scaling_setspeed(struct cpufreq_policy *policy, char *buf)
{
	if (!policy->governor || !policy->governor->show_setspeed)
		return sysfs_emit(buf, "<unsupported>\n");
	return policy->governor->show_setspeed(policy, buf);
}

static ssize_t store_scaling_setspeed(struct cpufreq_policy *policy, const char *buf,
				      size_t count)
{
	unsigned int freq;
	if (!policy->governor || !policy->governor->store_setspeed)
		return -EINVAL;
	if (kstrtouint(buf, 0, &freq))
		return -EINVAL;
	mutex_lock(&policy->rwsem);
	int ret = policy->governor->store_setspeed(policy, freq);
	mutex_unlock(&policy->rwsem);
	return ret ? ret : (ssize_t)count;
}

cpufreq_freq_attr_ro(cpuinfo_min_freq);
cpufreq_freq_attr_ro(cpuinfo_max_freq);
cpufreq_freq_attr_ro(cpuinfo_transition_latency);
static struct freq_attr cpuinfo_cur_freq = __ATTR(cpuinfo_cur_freq, 0400, show_cpuinfo_cur_freq, NULL);
cpufreq_freq_attr_ro(scaling_cur_freq);
cpufreq_freq_attr_ro(scaling_available_governors);
cpufreq_freq_attr_ro(scaling_driver);
cpufreq_freq_attr_ro(affected_cpus);
cpufreq_freq_attr_ro(related_cpus);
cpufreq_freq_attr_ro(scaling_available_frequencies);
cpufreq_freq_attr_ro(scaling_boost_frequencies);
cpufreq_freq_attr_rw(scaling_min_freq);
cpufreq_freq_attr_rw(scaling_max_freq);
cpufreq_freq_attr_rw(scaling_governor);
cpufreq_freq_attr_rw(scaling_setspeed);

static struct attribute *cpufreq_attrs[] = {
	&cpuinfo_min_freq.attr, &cpuinfo_max_freq.attr, &cpuinfo_transition_latency.attr,
	&scaling_min_freq.attr, &scaling_max_freq.attr, &affected_cpus.attr, &related_cpus.attr,
	&scaling_governor.attr, &scaling_driver.attr, &scaling_available_governors.attr,
	&scaling_setspeed.attr, &cpuinfo_cur_freq.attr, &scaling_cur_freq.attr,
	&scaling_available_frequencies.attr, NULL,
};
ATTRIBUTE_GROUPS(cpufreq);

static ssize_t policy_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct cpufreq_policy *policy = container_of(kobj, struct cpufreq_policy, kobj);
	struct freq_attr *fattr = container_of(attr, struct freq_attr, attr);
	return fattr->show ? fattr->show(policy, buf) : -EIO;
}

static ssize_t policy_store(struct kobject *kobj, struct attribute *attr, const char *buf,
			    size_t count)
{
	struct cpufreq_policy *policy = container_of(kobj, struct cpufreq_policy, kobj);
	struct freq_attr *fattr = container_of(attr, struct freq_attr, attr);
	return fattr->store ? fattr->store(policy, buf, count) : -EIO;
}

static const struct sysfs_ops sysfs_ops = {
	.show = policy_show,
	.store = policy_store,
};

static void cpufreq_sysfs_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct cpufreq_policy, kobj));
}

static const struct kobj_type ktype_cpufreq = {
	.sysfs_ops = &sysfs_ops,
	.default_groups = cpufreq_groups,
	.release = cpufreq_sysfs_release,
};

/* ---- boost ------------------------------------------------------------------------ */

bool cpufreq_boost_enabled(void)
{
	return cpufreq_driver && cpufreq_driver->boost_enabled;
}

/* The software boost of table drivers (Linux's cpufreq_boost_set_sw):
 * the boost frequencies join or leave cpuinfo, and the user's maximum
 * follows the new top. */
static int cpufreq_boost_set_sw(struct cpufreq_policy *policy, int state)
{
	if (!policy->freq_table)
		return -ENXIO;
	mutex_lock(&policy->rwsem);
	policy->boost_enabled = state;
	policy->cpuinfo.max_freq = 0;
	int ret = cpufreq_frequency_table_cpuinfo(policy, policy->freq_table);
	unsigned int max = policy->max;
	mutex_unlock(&policy->rwsem);
	if (ret)
		return ret;
	ret = freq_qos_update_request(policy->max_freq_req, (s32)max);
	if (ret < 0)
		return ret;
	/* The aggregate may not move (another maximum request, a cooling
	 * device's, sits at the boost frequency): the new cpuinfo limits
	 * must reach the policy and the governor all the same. */
	if (ret == 0) {
		mutex_lock(&policy->rwsem);
		refresh_frequency_limits(policy);
		mutex_unlock(&policy->rwsem);
	}
	return 0;
}

static ssize_t boost_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", cpufreq_driver->boost_enabled);
}

static ssize_t boost_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			   size_t count)
{
	int enable;
	if (kstrtoint(buf, 10, &enable) || enable < 0 || enable > 1)
		return -EINVAL;
	if (cpufreq_driver->boost_enabled == !!enable)
		return (ssize_t)count;
	cpufreq_driver->boost_enabled = enable;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct cpufreq_policy *policy = cpufreq_policies[cpu];
		if (!policy)
			continue;
		int ret = cpufreq_driver->set_boost(policy, enable);
		if (ret) {
			cpufreq_driver->boost_enabled = !enable;
			pr_err("%s: Cannot %s BOOST\n", __func__, enable ? "enable" : "disable");
			return ret;
		}
	}
	return (ssize_t)count;
}

static struct kobj_attribute boost = __ATTR_RW(boost);

int cpufreq_enable_boost_support(void)
{
	if (!cpufreq_driver)
		return -EINVAL;
	if (cpufreq_driver->set_boost)
		return 0;
	cpufreq_driver->set_boost = cpufreq_boost_set_sw;
	return sysfs_create_file(cpufreq_global_kobject, &boost.attr);
}

/* ---- policies --------------------------------------------------------------------- */

static struct cpufreq_policy *cpufreq_policy_alloc(unsigned int cpu)
{
	struct cpufreq_policy *policy = kzalloc(sizeof *policy, GFP_KERNEL);
	if (!policy)
		return NULL;
	mutex_init(&policy->rwsem);
	init_waitqueue_head(&policy->transition_wait);
	freq_constraints_init(&policy->constraints);
	policy->nb_min.notifier_call = cpufreq_notifier_min;
	policy->nb_max.notifier_call = cpufreq_notifier_max;
	policy->cpu = cpu;
	if (kobject_init_and_add(&policy->kobj, &ktype_cpufreq, cpufreq_global_kobject,
				 "policy%u", cpu)) {
		kobject_put(&policy->kobj);
		return NULL;
	}
	if (freq_qos_add_notifier(&policy->constraints, FREQ_QOS_MIN, &policy->nb_min) ||
	    freq_qos_add_notifier(&policy->constraints, FREQ_QOS_MAX, &policy->nb_max)) {
		kobject_del(&policy->kobj);
		kobject_put(&policy->kobj);
		return NULL;
	}
	return policy;
}

static void cpufreq_policy_free(struct cpufreq_policy *policy)
{
	freq_qos_remove_notifier(&policy->constraints, FREQ_QOS_MAX, &policy->nb_max);
	freq_qos_remove_notifier(&policy->constraints, FREQ_QOS_MIN, &policy->nb_min);
	if (policy->max_freq_req) {
		blocking_notifier_call_chain(&cpufreq_policy_notifier_list, CPUFREQ_REMOVE_POLICY,
					     policy);
		freq_qos_remove_request(policy->max_freq_req);
	}
	if (policy->min_freq_req)
		freq_qos_remove_request(policy->min_freq_req);
	kfree(policy->min_freq_req);
	cpufreq_stats_free_table(policy);
	kobject_del(&policy->kobj);
	kobject_put(&policy->kobj);
}

static int cpufreq_init_policy(struct cpufreq_policy *policy)
{
	struct cpufreq_governor *gov = NULL;
	if (policy->last_governor[0]) {
		mutex_lock(&cpufreq_governor_mutex);
		gov = find_governor(policy->last_governor);
		mutex_unlock(&cpufreq_governor_mutex);
	}
	if (!gov)
		gov = cpufreq_default_governor();
	if (!gov) {
		pr_err("cpufreq: no governor %s, using performance\n", default_governor);
		mutex_lock(&cpufreq_governor_mutex);
		gov = find_governor("performance");
		mutex_unlock(&cpufreq_governor_mutex);
	}
	if (!gov)
		return -ENODATA;
	return cpufreq_set_policy(policy, gov);
}

/* The driver's policies are cooling devices (Linux: and CONFIG_CPU_THERMAL,
 * which pmfw always has). */
static bool cpufreq_thermal_control_enabled(struct cpufreq_driver *drv)
{
	return drv->flags & CPUFREQ_IS_COOLING_DEV;
}

static int cpufreq_online(unsigned int cpu)
{
	struct device *cpu_dev = get_cpu_device(cpu);
	if (!cpu_dev)
		return -ENODEV;
	struct cpufreq_policy *policy = cpufreq_policy_alloc(cpu);
	if (!policy)
		return -ENOMEM;
	policy->cpus = BIT(cpu);
	int ret = cpufreq_driver->init(policy);
	if (ret) {
		pr_debug("%s: %d: initialization failed\n", __func__, __LINE__);
		cpufreq_policy_free(policy);
		return ret;
	}
	policy->related_cpus |= policy->cpus;
	ret = cpufreq_table_validate_and_sort(policy);
	if (ret) {
		if (cpufreq_driver->exit)
			cpufreq_driver->exit(policy);
		cpufreq_policy_free(policy);
		return ret;
	}
	mutex_lock(&policy->rwsem);
	/* The user's limits: requests that leave the driver's open. */
	policy->min_freq_req = kcalloc(2, sizeof *policy->min_freq_req, GFP_KERNEL);
	if (!policy->min_freq_req) {
		ret = -ENOMEM;
		goto out_exit;
	}
	cpufreq_policies[cpu] = policy;
	mutex_unlock(&policy->rwsem);
	/* (The aggregates change: the notifiers find no governor yet.) */
	ret = freq_qos_add_request(&policy->constraints, policy->min_freq_req, FREQ_QOS_MIN,
				   FREQ_QOS_MIN_DEFAULT_VALUE);
	if (ret >= 0) {
		policy->max_freq_req = policy->min_freq_req + 1;
		ret = freq_qos_add_request(&policy->constraints, policy->max_freq_req, FREQ_QOS_MAX,
					   FREQ_QOS_MAX_DEFAULT_VALUE);
		if (ret < 0)
			policy->max_freq_req = NULL;
	}
	mutex_lock(&policy->rwsem);
	if (ret < 0)
		goto out_exit;
	blocking_notifier_call_chain(&cpufreq_policy_notifier_list, CPUFREQ_CREATE_POLICY, policy);
	if (cpufreq_driver->get) {
		policy->cur = cpufreq_driver->get(policy->cpu);
		if (!policy->cur) {
			ret = -EIO;
			goto out_exit;
		}
	}
	/* A boot frequency outside the table: move to one in it. */
	if (cpufreq_driver->flags & CPUFREQ_NEED_INITIAL_FREQ_CHECK &&
	    cpufreq_frequency_table_get_index(policy, policy->cur) == -EINVAL) {
		unsigned int old_freq = policy->cur;
		ret = __cpufreq_driver_target(policy, old_freq - 1, CPUFREQ_RELATION_L);
		if (ret)
			goto out_exit;
		pr_warn("%s: CPU%u: Running at unlisted initial frequency: %u kHz, changing to: %u kHz\n",
			__func__, policy->cpu, old_freq, policy->cur);
	}
	arch_set_freq_scale(policy->related_cpus, policy->cur, policy->cpuinfo.max_freq);
	ret = sysfs_create_link(&cpu_dev->kobj, &policy->kobj, "cpufreq");
	if (ret)
		goto out_exit;
	if (policy_has_boost_freq(policy))
		sysfs_create_file(&policy->kobj, &scaling_boost_frequencies.attr);
	cpufreq_stats_create_table(policy);
	ret = cpufreq_init_policy(policy);
	if (ret) {
		pr_err("%s: Failed to initialize policy for cpu: %u (%d)\n", __func__, cpu, ret);
		sysfs_remove_link(&cpu_dev->kobj, "cpufreq");
		goto out_exit;
	}
	mutex_unlock(&policy->rwsem);
	/* Register the cooling device of a new policy (its QoS request
	 * refreshes the limits, which takes the policy's lock). */
	if (cpufreq_thermal_control_enabled(cpufreq_driver))
		policy->cdev = of_cpufreq_cooling_register(policy);
	return 0;

out_exit:
	cpufreq_policies[cpu] = NULL;
	mutex_unlock(&policy->rwsem);
	if (cpufreq_driver->exit)
		cpufreq_driver->exit(policy);
	cpufreq_policy_free(policy);
	return ret;
}

static void cpufreq_offline(unsigned int cpu)
{
	struct cpufreq_policy *policy = cpufreq_policies[cpu];
	struct device *cpu_dev = get_cpu_device(cpu);
	if (!policy)
		return;
	if (cpufreq_thermal_control_enabled(cpufreq_driver)) {
		cpufreq_cooling_unregister(policy->cdev);
		policy->cdev = NULL;
	}
	mutex_lock(&policy->rwsem);
	cpufreq_stop_governor(policy);
	cpufreq_exit_governor(policy);
	policy->governor = NULL;
	cpufreq_policies[cpu] = NULL;
	mutex_unlock(&policy->rwsem);
	if (cpu_dev)
		sysfs_remove_link(&cpu_dev->kobj, "cpufreq");
	if (cpufreq_driver->exit)
		cpufreq_driver->exit(policy);
	cpufreq_policy_free(policy);
}

int cpufreq_register_driver(struct cpufreq_driver *driver_data)
{
	if (!driver_data || !driver_data->verify || !driver_data->init ||
	    !driver_data->target_index)
		return -EINVAL;
	if (!cpufreq_global_kobject)
		return -ENODEV;
	if (cpufreq_driver)
		return -EEXIST;
	cpufreq_driver = driver_data;
	int ret = 0;
	for (unsigned int cpu = 0; cpu < NR_CPUS && !ret; cpu++)
		if (get_cpu_device(cpu))
			ret = cpufreq_online(cpu);
	if (ret) {
		if (cpufreq_driver->set_boost == cpufreq_boost_set_sw)
			sysfs_remove_file(cpufreq_global_kobject, &boost.attr);
		cpufreq_driver = NULL;
		return ret;
	}
	pr_debug("cpufreq: driver %s up and running\n", driver_data->name);
	return 0;
}

void cpufreq_unregister_driver(struct cpufreq_driver *driver)
{
	if (!cpufreq_driver || cpufreq_driver != driver)
		return;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		cpufreq_offline(cpu);
	if (cpufreq_driver->set_boost == cpufreq_boost_set_sw) {
		sysfs_remove_file(cpufreq_global_kobject, &boost.attr);
		cpufreq_driver->set_boost = NULL;
	}
	cpufreq_driver = NULL;
}

/* ---- system sleep ----------------------------------------------------------------- */

void cpufreq_suspend(void)
{
	if (!cpufreq_driver)
		return;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct cpufreq_policy *policy = cpufreq_policies[cpu];
		if (!policy)
			continue;
		mutex_lock(&policy->rwsem);
		cpufreq_stop_governor(policy);
		mutex_unlock(&policy->rwsem);
		if (cpufreq_driver->suspend && cpufreq_driver->suspend(policy))
			pr_err("%s: Failed to suspend driver: %s\n", __func__, cpufreq_driver->name);
	}
	cpufreq_suspended = true;
}

void cpufreq_resume(void)
{
	if (!cpufreq_driver || !cpufreq_suspended)
		return;
	cpufreq_suspended = false;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct cpufreq_policy *policy = cpufreq_policies[cpu];
		if (!policy)
			continue;
		if (cpufreq_driver->resume && cpufreq_driver->resume(policy)) {
			pr_err("%s: Failed to resume driver: %s\n", __func__, cpufreq_driver->name);
			continue;
		}
		mutex_lock(&policy->rwsem);
		int ret = cpufreq_start_governor(policy);
		mutex_unlock(&policy->rwsem);
		if (ret)
			pr_err("%s: Failed to start governor for CPU%u's policy\n", __func__,
			       policy->cpu);
	}
}

/* /sys/devices/system/cpu/cpufreq, after the CPU devices (postcore). */
static int cpufreq_core_init(void)
{
	struct device *root = cpu_subsys_root();
	if (!root)
		return -ENODEV;
	cpufreq_global_kobject = kobject_create_and_add("cpufreq", &root->kobj);
	return cpufreq_global_kobject ? 0 : -ENOMEM;
}
arch_initcall(cpufreq_core_init);
