/*
 * Frequency tables (Linux's drivers/cpufreq/freq_table.c): a driver's
 * list of frequencies (kHz), ended by CPUFREQ_TABLE_END, entries with
 * CPUFREQ_ENTRY_INVALID skipped, CPUFREQ_BOOST_FREQ entries counted only
 * while the policy's boost is on.
 *
 * Choosing an entry for a target (cpufreq_frequency_table_target), among
 * the entries within policy->min..max:
 *  - CPUFREQ_RELATION_L: the lowest at or above the target, else the
 *    highest below it;
 *  - CPUFREQ_RELATION_H: the highest at or below the target, else the
 *    lowest above it;
 *  - CPUFREQ_RELATION_C: the closest; of two at the same distance, the
 *    lower (Linux's choice for an ascending table).
 * If no entry lies within the limits, the same rules run over all of
 * them. cpufreq_driver_resolve_freq (Linux has it in cpufreq.c) clamps a
 * target to min..max and resolves it with RELATION_L, as
 * __cpufreq_driver_target does. Linux keeps sorted and unsorted variants of these searches for
 * speed; a table of a few OPPs is searched the one way. Pure functions
 * of the policy and its table: the host tests (tests/pmfw/
 * test_cpufreq_table.c) drive them.
 */
#include <linux/cpufreq.h>
#include <linux/errno.h>
#include <linux/kernel.h>

static bool entry_usable(const struct cpufreq_policy *policy,
			 const struct cpufreq_frequency_table *pos)
{
	return pos->frequency != CPUFREQ_ENTRY_INVALID &&
	       (policy->boost_enabled || !(pos->flags & CPUFREQ_BOOST_FREQ));
}

int cpufreq_frequency_table_cpuinfo(struct cpufreq_policy *policy,
				    struct cpufreq_frequency_table *table)
{
	struct cpufreq_frequency_table *pos;
	unsigned int min_freq = ~0u, max_freq = 0;
	cpufreq_for_each_entry(pos, table) {
		if (!entry_usable(policy, pos))
			continue;
		min_freq = min(min_freq, pos->frequency);
		max_freq = max(max_freq, pos->frequency);
	}
	if (!max_freq)
		return -EINVAL;
	policy->min = policy->cpuinfo.min_freq = min_freq;
	policy->max = max_freq;
	/* A driver that set a higher cpuinfo.max_freq itself keeps it. */
	if (policy->cpuinfo.max_freq < max_freq)
		policy->max = policy->cpuinfo.max_freq = max_freq;
	return 0;
}

int cpufreq_frequency_table_verify(struct cpufreq_policy_data *policy,
				   struct cpufreq_frequency_table *table)
{
	struct cpufreq_frequency_table *pos;
	unsigned int next_larger = ~0u;
	bool found = false;
	cpufreq_verify_within_cpu_limits(policy);
	cpufreq_for_each_valid_entry(pos, table) {
		unsigned int freq = pos->frequency;
		if (freq >= policy->min && freq <= policy->max) {
			found = true;
			break;
		}
		if (next_larger > freq && freq > policy->max)
			next_larger = freq;
	}
	/* No table frequency within the limits: raise max to the next one. */
	if (!found) {
		policy->max = next_larger;
		cpufreq_verify_within_cpu_limits(policy);
	}
	return 0;
}

int cpufreq_generic_frequency_table_verify(struct cpufreq_policy_data *policy)
{
	if (!policy->freq_table)
		return -ENODEV;
	return cpufreq_frequency_table_verify(policy, policy->freq_table);
}

int cpufreq_table_validate_and_sort(struct cpufreq_policy *policy)
{
	struct cpufreq_frequency_table *pos, *table = policy->freq_table;
	unsigned int prev = 0;
	bool ascending = true, descending = true, any = false;
	if (!table)
		return 0;
	int ret = cpufreq_frequency_table_cpuinfo(policy, table);
	if (ret)
		return ret;
	cpufreq_for_each_valid_entry(pos, table) {
		if (any && pos->frequency <= prev)
			ascending = false;
		if (any && pos->frequency >= prev)
			descending = false;
		prev = pos->frequency;
		any = true;
	}
	if (!any)
		return -EINVAL;
	policy->freq_table_sorted = ascending ? CPUFREQ_TABLE_SORTED_ASCENDING
				  : descending ? CPUFREQ_TABLE_SORTED_DESCENDING
					       : CPUFREQ_TABLE_UNSORTED;
	return 0;
}

/* One search by relation; in_limits: only entries within min..max. */
static int table_search(struct cpufreq_policy *policy, unsigned int target, unsigned int relation,
			bool in_limits)
{
	struct cpufreq_frequency_table *table = policy->freq_table, *pos;
	int best = -1, above = -1, below = -1;
	unsigned int best_dist = ~0u;
	cpufreq_for_each_entry(pos, table) {
		if (!entry_usable(policy, pos))
			continue;
		unsigned int f = pos->frequency;
		int i = (int)(pos - table);
		if (in_limits && (f < policy->min || f > policy->max))
			continue;
		if (f >= target && (above < 0 || f < table[above].frequency))
			above = i;
		if (f <= target && (below < 0 || f > table[below].frequency))
			below = i;
		unsigned int dist = f > target ? f - target : target - f;
		if (best < 0 || dist < best_dist ||
		    (dist == best_dist && f < table[best].frequency)) {
			best = i;
			best_dist = dist;
		}
	}
	switch (relation & ~CPUFREQ_RELATION_E) {
	case CPUFREQ_RELATION_L:
		return above >= 0 ? above : below;
	case CPUFREQ_RELATION_H:
		return below >= 0 ? below : above;
	default:
		return best;
	}
}

int cpufreq_frequency_table_target(struct cpufreq_policy *policy, unsigned int target_freq,
				   unsigned int relation)
{
	if (!policy->freq_table)
		return -EINVAL;
	int idx = table_search(policy, target_freq, relation, true);
	if (idx < 0)
		idx = table_search(policy, target_freq, relation, false);
	return idx < 0 ? -EINVAL : idx;
}

int cpufreq_frequency_table_get_index(struct cpufreq_policy *policy, unsigned int freq)
{
	struct cpufreq_frequency_table *pos;
	if (!policy->freq_table)
		return -ENOENT;
	cpufreq_for_each_valid_entry(pos, policy->freq_table)
		if (pos->frequency == freq)
			return (int)(pos - policy->freq_table);
	return -EINVAL;
}

unsigned int cpufreq_resolve_freq_index(struct cpufreq_policy *policy, unsigned int target_freq,
					unsigned int relation, int *idx)
{
	target_freq = clamp(target_freq, policy->min, policy->max);
	*idx = -1;
	if (!policy->freq_table)
		return target_freq;
	int i = cpufreq_frequency_table_target(policy, target_freq, relation);
	if (i < 0)
		return target_freq;
	*idx = i;
	return policy->freq_table[i].frequency;
}

unsigned int cpufreq_driver_resolve_freq(struct cpufreq_policy *policy, unsigned int target_freq)
{
	int idx;
	return cpufreq_resolve_freq_index(policy, target_freq, CPUFREQ_RELATION_LE, &idx);
}
