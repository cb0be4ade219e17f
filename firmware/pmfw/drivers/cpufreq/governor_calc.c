/*
 * The governors' decisions (see governor_calc.h), following Linux's
 * drivers/cpufreq/cpufreq_governor.c (dbs_update), cpufreq_ondemand.c,
 * cpufreq_conservative.c and kernel/sched/cpufreq_schedutil.c.
 */
#include <linux/kernel.h>
#include <linux/sched/cpufreq.h>

#include "governor_calc.h"

unsigned int dbs_calc_load(struct cpu_dbs_info *j, u64 cur_idle_time, u64 cur_time,
			   unsigned int sampling_rate, unsigned int *idle_periods)
{
	unsigned int time_elapsed = (unsigned int)(cur_time - j->prev_update_time);
	unsigned int idle_time = (unsigned int)(cur_idle_time - j->prev_cpu_idle);
	unsigned int load;
	j->prev_update_time = cur_time;
	j->prev_cpu_idle = cur_idle_time;
	*idle_periods = UINT_MAX;
	if (unlikely(!time_elapsed)) {
		/* Two samples at once (the limits changed): the last load. */
		load = j->prev_load;
	} else if (unlikely((int)idle_time > 2 * (int)sampling_rate && j->prev_load)) {
		/*
		 * The CPU slept through more than two periods and something
		 * just woke it: judge it by the load before the sleep, once
		 * (prev_load 0 marks it used), as Linux does.
		 */
		load = j->prev_load;
		j->prev_load = 0;
	} else {
		if (time_elapsed >= idle_time)
			load = 100 * (time_elapsed - idle_time) / time_elapsed;
		else
			load = (int)idle_time < 0 ? 100 : 0;
		j->prev_load = load;
	}
	if (unlikely((int)idle_time > 2 * (int)sampling_rate))
		*idle_periods = idle_time / sampling_rate;
	return load;
}

/* ---- ondemand ---- */

void od_powersave_bias_init(struct od_state *s)
{
	s->freq_lo = 0;
	s->freq_lo_delay_us = 0;
	s->freq_hi_delay_us = 0;
	s->sub_sample = false;
}

unsigned int od_powersave_bias_target(struct cpufreq_policy *policy, const struct dbs_tunables *t,
				      struct od_state *s, unsigned int freq_next,
				      unsigned int relation)
{
	if (!policy->freq_table) {
		s->freq_lo = 0;
		s->freq_lo_delay_us = 0;
		return freq_next;
	}
	int index = cpufreq_frequency_table_target(policy, freq_next, relation);
	unsigned int freq_req = policy->freq_table[index].frequency;
	unsigned int freq_reduc = freq_req * t->powersave_bias / 1000;
	unsigned int freq_avg = freq_req - freq_reduc;
	/* The table's frequencies around the average. */
	index = cpufreq_frequency_table_target(policy, freq_avg, CPUFREQ_RELATION_H);
	unsigned int freq_lo = policy->freq_table[index].frequency;
	index = cpufreq_frequency_table_target(policy, freq_avg, CPUFREQ_RELATION_L);
	unsigned int freq_hi = policy->freq_table[index].frequency;
	if (freq_hi == freq_lo) {
		s->freq_lo = 0;
		s->freq_lo_delay_us = 0;
		return freq_lo;
	}
	/* Time at each so that the period averages freq_avg (rounded). */
	unsigned int delay_hi_us = (freq_avg - freq_lo) * t->sampling_rate;
	delay_hi_us += (freq_hi - freq_lo) / 2;
	delay_hi_us /= freq_hi - freq_lo;
	s->freq_hi_delay_us = delay_hi_us;
	s->freq_lo = freq_lo;
	s->freq_lo_delay_us = t->sampling_rate - delay_hi_us;
	return freq_hi;
}

static void dbs_freq_increase(struct cpufreq_policy *policy, const struct dbs_tunables *t,
			      struct od_state *s, unsigned int freq)
{
	if (t->powersave_bias)
		freq = od_powersave_bias_target(policy, t, s, freq, CPUFREQ_RELATION_HE);
	else if (policy->cur == policy->max)
		return;
	__cpufreq_driver_target(policy, freq,
				t->powersave_bias ? CPUFREQ_RELATION_LE : CPUFREQ_RELATION_HE);
}

/* Above up_threshold: max (and stay sampling_down_factor periods); else
 * a frequency proportional to the load between cpuinfo's min and max. */
static void od_update(struct cpufreq_policy *policy, const struct dbs_tunables *t,
		      struct od_state *s, unsigned int load)
{
	s->freq_lo = 0;
	if (load > t->up_threshold) {
		if (policy->cur < policy->max)
			s->rate_mult = t->sampling_down_factor;
		dbs_freq_increase(policy, t, s, policy->max);
	} else {
		unsigned int min_f = policy->cpuinfo.min_freq, max_f = policy->cpuinfo.max_freq;
		s->rate_mult = 1;
		unsigned int freq_next = min_f + load * (max_f - min_f) / 100;
		if (t->powersave_bias)
			freq_next = od_powersave_bias_target(policy, t, s, freq_next,
							     CPUFREQ_RELATION_LE);
		__cpufreq_driver_target(policy, freq_next, CPUFREQ_RELATION_CE);
	}
}

bool od_sample_needs_load(const struct od_state *s)
{
	return !s->sub_sample;
}

unsigned int od_dbs_update(struct cpufreq_policy *policy, const struct dbs_tunables *t,
			   struct od_state *s, unsigned int load)
{
	bool sub_sample = s->sub_sample;
	s->sub_sample = false;
	if (sub_sample) {
		__cpufreq_driver_target(policy, s->freq_lo, CPUFREQ_RELATION_H);
		return s->freq_lo_delay_us;
	}
	od_update(policy, t, s, load);
	if (s->freq_lo) {
		s->sub_sample = true;
		return s->freq_hi_delay_us;
	}
	return t->sampling_rate * s->rate_mult;
}

/* ---- conservative ---- */

static unsigned int get_freq_step(const struct dbs_tunables *t, struct cpufreq_policy *policy)
{
	unsigned int freq_step = t->freq_step * policy->max / 100;
	/* A max below 100 kHz: the default step in kHz, as Linux. */
	if (unlikely(freq_step == 0))
		freq_step = DEF_FREQUENCY_STEP;
	return freq_step;
}

unsigned int cs_dbs_update(struct cpufreq_policy *policy, const struct dbs_tunables *t,
			   struct cs_state *s, unsigned int load, unsigned int idle_periods)
{
	unsigned int requested_freq = s->requested_freq;
	/* freq_step 0: the governor does nothing. */
	if (t->freq_step == 0)
		goto out;
	/* The limits changed since the last step: start from where it is. */
	if (requested_freq > policy->max || requested_freq < policy->min) {
		requested_freq = policy->cur;
		s->requested_freq = requested_freq;
	}
	unsigned int freq_step = get_freq_step(t, policy);
	/* One step down per sampling period it slept through. */
	if (idle_periods < UINT_MAX) {
		unsigned int freq_steps = idle_periods * freq_step;
		if (requested_freq > policy->min + freq_steps)
			requested_freq -= freq_steps;
		else
			requested_freq = policy->min;
	}
	if (load > t->up_threshold) {
		s->down_skip = 0;
		if (requested_freq == policy->max)
			goto out;
		requested_freq += freq_step;
		if (requested_freq > policy->max)
			requested_freq = policy->max;
		__cpufreq_driver_target(policy, requested_freq, CPUFREQ_RELATION_HE);
		s->requested_freq = requested_freq;
		goto out;
	}
	/* Down only every sampling_down_factor samples. */
	if (++s->down_skip < t->sampling_down_factor)
		goto out;
	s->down_skip = 0;
	if (load < t->down_threshold) {
		if (requested_freq == policy->min)
			goto out;
		if (requested_freq > freq_step)
			requested_freq -= freq_step;
		else
			requested_freq = policy->min;
		__cpufreq_driver_target(policy, requested_freq, CPUFREQ_RELATION_LE);
		s->requested_freq = requested_freq;
	}
out:
	return t->sampling_rate;
}

/* ---- schedutil ---- */

static bool sugov_should_update_freq(struct sugov_calc *sg, u64 time)
{
	if (unlikely(sg->limits_changed)) {
		sg->limits_changed = false;
		sg->need_freq_update = true;
		return true;
	}
	return (s64)(time - sg->last_freq_update_time) >= sg->freq_update_delay_ns;
}

static bool sugov_update_next_freq(struct sugov_calc *sg, u64 time, unsigned int next_freq)
{
	if (sg->need_freq_update)
		sg->need_freq_update = false; /* the same frequency still goes out */
	else if (sg->next_freq == next_freq)
		return false;
	sg->next_freq = next_freq;
	sg->last_freq_update_time = time;
	return true;
}

/* util with its headroom, as a share of max_cap, times the maximum
 * frequency (frequency-invariant utilization), resolved to the table. */
static unsigned int get_next_freq(struct cpufreq_policy *policy, struct sugov_calc *sg,
				  unsigned long util, unsigned long max_cap)
{
	unsigned long perf = min(map_util_perf(util), max_cap);
	unsigned int freq = (unsigned int)map_util_freq(perf, policy->cpuinfo.max_freq, max_cap);
	if (freq == sg->cached_raw_freq && !sg->need_freq_update)
		return sg->next_freq;
	sg->cached_raw_freq = freq;
	return cpufreq_driver_resolve_freq(policy, freq);
}

bool sugov_calc_update(struct cpufreq_policy *policy, struct sugov_calc *sg, u64 time,
		       unsigned long util, unsigned long max_cap, unsigned long idle_calls,
		       unsigned int *next_f)
{
	if (!sugov_should_update_freq(sg, time))
		return false;
	unsigned int cached_freq = sg->cached_raw_freq;
	unsigned int next = get_next_freq(policy, sg, util, max_cap);
	/* Not idle since the last update (Linux's sugov_hold_freq): a
	 * reduction is likely premature. */
	bool busy = idle_calls == sg->saved_idle_calls;
	sg->saved_idle_calls = idle_calls;
	if (busy && next < sg->next_freq && !sg->need_freq_update) {
		next = sg->next_freq;
		sg->cached_raw_freq = cached_freq;
	}
	if (!sugov_update_next_freq(sg, time, next))
		return false;
	*next_f = next;
	return true;
}
