/*
 * cpufreq statistics (Linux's drivers/cpufreq/cpufreq_stats.c), in
 * /sys/devices/system/cpu/cpufreq/policyN/stats/:
 *  - time_in_state: "<kHz> <time>" per frequency of the table, the time
 *    in USER_HZ units (10 ms, nsec_to_clock_t, rounded down), counted
 *    from local_clock() (CLOCK_MONOTONIC: it stops across system
 *    suspend) since the policy was created;
 *  - total_trans: frequency changes;
 *  - trans_table: changes from (rows) to (columns), Linux's layout;
 *  - reset (write-only, any text): everything back to 0, done lazily at
 *    the next read or change, as Linux.
 * Statistics start when the policy is created (the boot before that is
 * not counted), at the frequency the core then runs at; as in Linux, a
 * frequency that is not in the table at that moment leaves the
 * statistics unable to record anything (last_index -1).
 */
#include <linux/cpufreq.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

struct cpufreq_stats {
	unsigned int total_trans;
	unsigned long long last_time; /* ns, local_clock() */
	unsigned int max_state;
	unsigned int state_num;
	int last_index;
	u64 *time_in_state;           /* ns */
	unsigned int *freq_table;     /* kHz */
	unsigned int *trans_table;    /* [from * max_state + to] */
	bool reset_pending;
	unsigned long long reset_time;
};

static u64 nsec_to_clock_t(u64 ns)
{
	return div_u64(ns, (u32)(NSEC_PER_SEC / USER_HZ));
}

static void cpufreq_stats_update(struct cpufreq_stats *stats, unsigned long long time)
{
	unsigned long long now = local_clock();
	if (stats->last_index >= 0)
		stats->time_in_state[stats->last_index] += now - time;
	stats->last_time = now;
}

static void cpufreq_stats_reset_table(struct cpufreq_stats *stats)
{
	unsigned int count = stats->max_state;
	memset(stats->time_in_state, 0, count * sizeof(u64));
	memset(stats->trans_table, 0, count * count * sizeof(int));
	stats->last_time = local_clock();
	stats->total_trans = 0;
	/* The time since the reset was asked for, at the present frequency. */
	cpufreq_stats_update(stats, stats->reset_time);
	stats->reset_pending = false;
}

static int freq_table_get_index(struct cpufreq_stats *stats, unsigned int freq)
{
	for (unsigned int i = 0; i < stats->state_num; i++)
		if (stats->freq_table[i] == freq)
			return (int)i;
	return -1;
}

static ssize_t show_total_trans(struct cpufreq_policy *policy, char *buf)
{
	struct cpufreq_stats *stats = policy->stats;
	return sysfs_emit(buf, "%u\n", stats->reset_pending ? 0 : stats->total_trans);
}

/* The time at frequency i so far, ns (what time_in_state shows). */
static unsigned long long stats_time(struct cpufreq_stats *stats, unsigned int i)
{
	if (stats->reset_pending)
		return (int)i == stats->last_index ? local_clock() - stats->reset_time : 0;
	unsigned long long time = stats->time_in_state[i];
	if ((int)i == stats->last_index)
		time += local_clock() - stats->last_time;
	return time;
}

static ssize_t show_time_in_state(struct cpufreq_policy *policy, char *buf)
{
	struct cpufreq_stats *stats = policy->stats;
	int len = 0;
	for (unsigned int i = 0; i < stats->state_num; i++)
		len += sysfs_emit_at(buf, len, "%u %llu\n", stats->freq_table[i],
				     (unsigned long long)nsec_to_clock_t(stats_time(stats, i)));
	return len;
}

/* pmfw's: time_in_state in ns, for the shell's powertop (PowerTOP reads
 * the sysfs file; here the same figures without the 10 ms units). */
unsigned int cpufreq_stats_time_in_state_ns(struct cpufreq_policy *policy, unsigned int *khz,
					    u64 *ns, unsigned int max)
{
	struct cpufreq_stats *stats = policy ? policy->stats : NULL;
	unsigned int n = 0;
	for (; stats && n < stats->state_num && n < max; n++) {
		khz[n] = stats->freq_table[n];
		ns[n] = stats_time(stats, n);
	}
	return n;
}

static ssize_t store_reset(struct cpufreq_policy *policy, const char *buf, size_t count)
{
	struct cpufreq_stats *stats = policy->stats;
	/* Done at the next change or read of the table (Linux defers it so
	 * that it needs no lock against a transition). */
	stats->reset_time = local_clock();
	stats->reset_pending = true;
	return (ssize_t)count;
}

static ssize_t show_trans_table(struct cpufreq_policy *policy, char *buf)
{
	struct cpufreq_stats *stats = policy->stats;
	bool pending = stats->reset_pending;
	int len = 0;
	if (policy->fast_switch_enabled)
		return 0;
	len += sysfs_emit_at(buf, len, "   From  :    To\n");
	len += sysfs_emit_at(buf, len, "         : ");
	for (unsigned int i = 0; i < stats->state_num; i++)
		len += sysfs_emit_at(buf, len, "%9u ", stats->freq_table[i]);
	len += sysfs_emit_at(buf, len, "\n");
	for (unsigned int i = 0; i < stats->state_num; i++) {
		len += sysfs_emit_at(buf, len, "%9u: ", stats->freq_table[i]);
		for (unsigned int j = 0; j < stats->state_num; j++)
			len += sysfs_emit_at(buf, len, "%9u ",
					     pending ? 0 : stats->trans_table[i * stats->max_state + j]);
		len += sysfs_emit_at(buf, len, "\n");
	}
	return len;
}

cpufreq_freq_attr_ro(total_trans);
cpufreq_freq_attr_ro(time_in_state);
cpufreq_freq_attr_wo(reset);
cpufreq_freq_attr_ro(trans_table);

static struct attribute *default_attrs[] = {
	&total_trans.attr, &time_in_state.attr, &reset.attr, &trans_table.attr, NULL,
};

static const struct attribute_group stats_attr_group = {
	.attrs = default_attrs,
	.name = "stats",
};

void cpufreq_stats_free_table(struct cpufreq_policy *policy)
{
	struct cpufreq_stats *stats = policy->stats;
	if (!stats)
		return;
	sysfs_remove_group(&policy->kobj, &stats_attr_group);
	policy->stats = NULL;
	kfree(stats->time_in_state);
	kfree(stats);
}

void cpufreq_stats_create_table(struct cpufreq_policy *policy)
{
	struct cpufreq_frequency_table *pos;
	unsigned int count = 0;
	if (!policy->freq_table || policy->stats)
		return;
	cpufreq_for_each_valid_entry(pos, policy->freq_table)
		count++;
	if (!count)
		return;
	struct cpufreq_stats *stats = kzalloc(sizeof *stats, GFP_KERNEL);
	/* One allocation for the three arrays, as Linux. */
	size_t size = count * sizeof(u64) + count * sizeof(int) + count * count * sizeof(int);
	void *arrays = kzalloc(size, GFP_KERNEL);
	if (!stats || !arrays) {
		kfree(stats);
		kfree(arrays);
		return;
	}
	stats->time_in_state = arrays;
	stats->freq_table = (unsigned int *)(stats->time_in_state + count);
	stats->trans_table = stats->freq_table + count;
	stats->max_state = count;
	unsigned int i = 0;
	cpufreq_for_each_valid_entry(pos, policy->freq_table)
		if (freq_table_get_index(stats, pos->frequency) < 0)
			stats->freq_table[i++] = pos->frequency;
	stats->state_num = i;
	stats->last_time = local_clock();
	stats->last_index = freq_table_get_index(stats, policy->cur);
	policy->stats = stats;
	if (sysfs_create_group(&policy->kobj, &stats_attr_group)) {
		policy->stats = NULL;
		kfree(arrays);
		kfree(stats);
	}
}

void cpufreq_stats_record_transition(struct cpufreq_policy *policy, unsigned int new_freq)
{
	struct cpufreq_stats *stats = policy->stats;
	if (!stats)
		return;
	if (stats->reset_pending)
		cpufreq_stats_reset_table(stats);
	int old_index = stats->last_index;
	int new_index = freq_table_get_index(stats, new_freq);
	/* No time_in_state[-1]: an unknown frequency is not recorded. */
	if (old_index < 0 || new_index < 0 || old_index == new_index)
		return;
	cpufreq_stats_update(stats, stats->last_time);
	stats->last_index = new_index;
	stats->trans_table[(unsigned int)old_index * stats->max_state + (unsigned int)new_index]++;
	stats->total_trans++;
}
