/*
 * The frequency governors' decisions as plain functions (no time source,
 * no locks, no threads): what Linux's dbs_update computes as the load,
 * what od_update/od_dbs_update, generic_powersave_bias_target and
 * cs_dbs_update decide from it, and what schedutil's
 * sugov_update_single_freq decides from a utilization. The governors
 * (cpufreq_ondemand.c, cpufreq_conservative.c, cpufreq_schedutil.c) call
 * them with their measurements; the host tests (tests/pmfw/
 * test_cpufreq_gov.c) call them with sequences of loads and utilizations
 * and check each decision. Frequency changes go through
 * __cpufreq_driver_target, which the host tests provide.
 */
#ifndef _DRIVERS_CPUFREQ_GOVERNOR_CALC_H
#define _DRIVERS_CPUFREQ_GOVERNOR_CALC_H

#include <linux/cpufreq.h>
#include <linux/types.h>

/* ---- defaults and limits (Linux's) ---- */

#define DEF_FREQUENCY_UP_THRESHOLD (80)
#define MICRO_FREQUENCY_UP_THRESHOLD (95) /* ondemand with µs idle accounting */
#define MIN_FREQUENCY_UP_THRESHOLD (1)
#define MAX_FREQUENCY_UP_THRESHOLD (100)
#define DEF_SAMPLING_DOWN_FACTOR (1)
#define OD_MAX_SAMPLING_DOWN_FACTOR (100000)
#define CS_MAX_SAMPLING_DOWN_FACTOR (10)
#define DEF_FREQUENCY_DOWN_THRESHOLD (20)
#define DEF_FREQUENCY_STEP (5)

/* The tunables of a dbs governor (ondemand's or conservative's). */
struct dbs_tunables {
	unsigned int sampling_rate;        /* µs */
	unsigned int sampling_down_factor;
	unsigned int up_threshold;         /* % */
	unsigned int down_threshold;       /* % (conservative) */
	unsigned int freq_step;            /* % of max (conservative) */
	unsigned int powersave_bias;       /* ‰ (ondemand) */
};

/* Per CPU, between two samples (Linux's struct cpu_dbs_info). */
struct cpu_dbs_info {
	u64 prev_cpu_idle;    /* µs */
	u64 prev_update_time; /* µs */
	unsigned int prev_load;
};

/* The load (%) since the previous sample from the idle time and the wall
 * time now (µs), as Linux's dbs_update: 100 × busy / elapsed. After an
 * idle stretch longer than two sampling periods (a deferrable sample
 * delayed while the CPU slept) the previous load is used once, so that a
 * task that just woke is not judged by the sleep. *idle_periods is set
 * to the whole sampling periods of such a stretch (UINT_MAX otherwise),
 * for conservative. */
unsigned int dbs_calc_load(struct cpu_dbs_info *j, u64 cur_idle_time, u64 cur_time,
			   unsigned int sampling_rate, unsigned int *idle_periods);

/* ---- ondemand ---- */

struct od_state {
	unsigned int rate_mult;        /* sampling_down_factor while at max */
	unsigned int freq_lo;          /* powersave_bias: the lower frequency, 0: none */
	unsigned int freq_lo_delay_us;
	unsigned int freq_hi_delay_us;
	bool sub_sample;               /* the next sample is the low half */
};

/* Ondemand's sample: if the previous one split the period between two
 * frequencies (powersave_bias), go to the low one now and return its
 * share of the period; else judge `load` (which the caller measures only
 * in that case: od_sample_needs_load). Returns the µs until the next
 * sample. */
bool od_sample_needs_load(const struct od_state *s);
unsigned int od_dbs_update(struct cpufreq_policy *policy, const struct dbs_tunables *t,
			   struct od_state *s, unsigned int load);
/* Linux's generic_powersave_bias_target: the frequency to run for
 * freq_next lowered by powersave_bias ‰, as a high and a low table
 * frequency alternating within the sampling period; returns the high
 * one and sets s->freq_lo and the two delays (freq_lo 0: no
 * alternation). */
unsigned int od_powersave_bias_target(struct cpufreq_policy *policy, const struct dbs_tunables *t,
				      struct od_state *s, unsigned int freq_next,
				      unsigned int relation);
/* powersave_bias changed, or the governor starts: no alternation. */
void od_powersave_bias_init(struct od_state *s);

/* ---- conservative ---- */

struct cs_state {
	unsigned int requested_freq; /* kHz: where the steps have got to */
	unsigned int down_skip;      /* samples since the last step down */
};

/* Conservative's sample: a step of freq_step % of max up above
 * up_threshold, down below down_threshold (every sampling_down_factor
 * samples), and down by one step per idle period it slept through.
 * Returns the µs until the next sample. */
unsigned int cs_dbs_update(struct cpufreq_policy *policy, const struct dbs_tunables *t,
			   struct cs_state *s, unsigned int load, unsigned int idle_periods);

/* ---- schedutil ---- */

struct sugov_calc {
	unsigned int next_freq;       /* kHz, the last one asked for */
	unsigned int cached_raw_freq; /* kHz, before resolution */
	u64 last_freq_update_time;    /* ns */
	s64 freq_update_delay_ns;     /* rate_limit_us */
	bool need_freq_update;        /* the limits changed: update even if the same */
	bool limits_changed;
	unsigned long saved_idle_calls; /* the CPU's idle entries at the last update */
};

/* Schedutil's update at `time` (ns) with the CPU's utilization util out
 * of capacity max_cap: rate-limited by freq_update_delay_ns (unless the
 * limits changed), next = max_freq × min(1.25 × util, max_cap) / max_cap
 * resolved to the table (RELATION_L, within the limits); a CPU that has
 * not idled since the last update (idle_calls, its count of idle
 * entries, unchanged) keeps a higher frequency it had. True, with the
 * frequency in *next_f, if it should be set. */
bool sugov_calc_update(struct cpufreq_policy *policy, struct sugov_calc *sg, u64 time,
		       unsigned long util, unsigned long max_cap, unsigned long idle_calls,
		       unsigned int *next_f);

#endif
