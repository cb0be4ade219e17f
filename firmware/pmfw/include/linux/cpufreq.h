/*
 * CPU frequency scaling (Linux's include/linux/cpufreq.h; the core in
 * drivers/cpufreq/cpufreq.c, freq_table.c and cpufreq_stats.c): a policy
 * per group of CPUs that share a clock (pmfw: one, policy0 for cpu0),
 * whose min/max are the frequency QoS aggregates clamped by the driver's
 * verify; a driver that sets frequencies (target_index, cpufreq-dt); a
 * governor that chooses them. Frequencies are in kHz everywhere, as in
 * Linux.
 *
 * sysfs, as Linux lays it out: /sys/devices/system/cpu/cpufreq/policy0/
 * (cpu0/cpufreq is a link to it) with the policy's files and stats/;
 * /sys/devices/system/cpu/cpufreq/boost; a governor's tunables in
 * /sys/devices/system/cpu/cpufreq/<governor>/ (pmfw's driver does not set
 * CPUFREQ_HAVE_GOVERNOR_PER_POLICY, so the tunables are global, as with
 * Linux's cpufreq-dt).
 */
#ifndef _LINUX_CPUFREQ_H
#define _LINUX_CPUFREQ_H

#include <linux/errno.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/pm_qos.h>
#include <linux/types.h>
#include <linux/wait.h>

struct clk;
struct device;

#define CPUFREQ_NAME_LEN 16
/* A transition latency nobody knows (ns). */
#define CPUFREQ_ETERNAL (-1)
/* cpufreq_policy_transition_delay_us: latency × this, capped at 2 ms. */
#define LATENCY_MULTIPLIER 1000U

/* ---- frequency tables (freq_table.c) ---- */

#define CPUFREQ_ENTRY_INVALID (~0u)
#define CPUFREQ_TABLE_END (~1u)
/* A boost (turbo) frequency: usable only while boost is on. */
#define CPUFREQ_BOOST_FREQ (1 << 0)
#define CPUFREQ_INEFFICIENT_FREQ (1 << 1)

struct cpufreq_frequency_table {
	unsigned int flags;
	unsigned int driver_data; /* the driver's own */
	unsigned int frequency;   /* kHz; CPUFREQ_ENTRY_INVALID or CPUFREQ_TABLE_END */
};

enum cpufreq_table_sorting {
	CPUFREQ_TABLE_UNSORTED,
	CPUFREQ_TABLE_SORTED_ASCENDING,
	CPUFREQ_TABLE_SORTED_DESCENDING,
};

/* Relations for a target frequency: the lowest at or above it (L), the
 * highest at or below it (H), the closest (C). RELATION_E ("efficient")
 * is accepted and has no effect: pmfw's tables flag no inefficient
 * frequency. */
#define CPUFREQ_RELATION_L 0
#define CPUFREQ_RELATION_H 1
#define CPUFREQ_RELATION_C 2
#define CPUFREQ_RELATION_E (1 << 2)
#define CPUFREQ_RELATION_LE (CPUFREQ_RELATION_L | CPUFREQ_RELATION_E)
#define CPUFREQ_RELATION_HE (CPUFREQ_RELATION_H | CPUFREQ_RELATION_E)
#define CPUFREQ_RELATION_CE (CPUFREQ_RELATION_C | CPUFREQ_RELATION_E)

#define cpufreq_for_each_entry(pos, table) \
	for (pos = table; pos->frequency != CPUFREQ_TABLE_END; pos++)
#define cpufreq_for_each_valid_entry(pos, table)                          \
	for (pos = table; pos->frequency != CPUFREQ_TABLE_END; pos++)     \
		if (pos->frequency == CPUFREQ_ENTRY_INVALID)              \
			continue;                                         \
		else

/* ---- policies ---- */

struct cpufreq_cpuinfo {
	unsigned int max_freq;           /* kHz */
	unsigned int min_freq;           /* kHz */
	unsigned int transition_latency; /* ns, or CPUFREQ_ETERNAL */
};

struct cpufreq_governor;
struct cpufreq_stats;

struct cpufreq_policy {
	/* CPUs as bit masks (pmfw: bit 0): those the policy manages now, and
	 * all those that share its clock. */
	unsigned long cpus;
	unsigned long related_cpus;
	unsigned int cpu; /* the CPU that manages the policy */
	struct clk *clk;
	struct cpufreq_cpuinfo cpuinfo;

	unsigned int min; /* kHz: the limits in force */
	unsigned int max;
	unsigned int cur; /* kHz: the frequency now, as the core knows it */
	unsigned int suspend_freq; /* kHz: set across system suspend, 0: leave it */

	struct cpufreq_governor *governor;
	void *governor_data;
	char last_governor[CPUFREQ_NAME_LEN];

	struct freq_constraints constraints;
	struct freq_qos_request *min_freq_req; /* scaling_min_freq's */
	struct freq_qos_request *max_freq_req; /* scaling_max_freq's */
	struct notifier_block nb_min, nb_max;

	struct cpufreq_frequency_table *freq_table;
	enum cpufreq_table_sorting freq_table_sorted;

	struct kobject kobj; /* /sys/devices/system/cpu/cpufreq/policyN */
	struct mutex rwsem;  /* Linux's rw_semaphore: one writer at a time */
	wait_queue_head_t transition_wait;

	unsigned int transition_delay_us; /* 0: derived from the latency */
	bool transition_ongoing;
	struct task_struct *transition_task;
	bool fast_switch_possible;
	bool fast_switch_enabled;
	bool boost_enabled; /* boost frequencies usable (Linux's per-policy boost) */
	bool strict_target;

	struct cpufreq_stats *stats;
	void *driver_data;
	/* The policy's cooling device (drivers/thermal/cpufreq_cooling.c),
	 * or NULL. */
	struct thermal_cooling_device *cdev;
};

/* A policy's sysfs file. */
struct freq_attr {
	struct attribute attr;
	ssize_t (*show)(struct cpufreq_policy *policy, char *buf);
	ssize_t (*store)(struct cpufreq_policy *policy, const char *buf, size_t count);
};

#define cpufreq_freq_attr_ro(_name) \
	static struct freq_attr _name = __ATTR(_name, 0444, show_##_name, NULL)
#define cpufreq_freq_attr_rw(_name) \
	static struct freq_attr _name = __ATTR(_name, 0644, show_##_name, store_##_name)
#define cpufreq_freq_attr_wo(_name) \
	static struct freq_attr _name = __ATTR(_name, 0200, NULL, store_##_name)

/* What a driver's verify sees and may narrow. */
struct cpufreq_policy_data {
	struct cpufreq_cpuinfo cpuinfo;
	struct cpufreq_frequency_table *freq_table;
	unsigned int cpu;
	unsigned int min;
	unsigned int max;
};

struct cpufreq_freqs {
	struct cpufreq_policy *policy;
	unsigned int old; /* kHz */
	unsigned int new; /* kHz */
	u8 flags;
};

/* The policy of cpu (no reference counting in pmfw: policies live for
 * good once the driver registered). NULL without one. */
struct cpufreq_policy *cpufreq_cpu_get(unsigned int cpu);
static inline void cpufreq_cpu_put(struct cpufreq_policy *policy)
{
}
struct cpufreq_policy *cpufreq_cpu_get_raw(unsigned int cpu);

/* The frequency the driver reads back (kHz), 0 without a driver; the
 * core's idea of it. */
unsigned int cpufreq_get(unsigned int cpu);
unsigned int cpufreq_quick_get(unsigned int cpu);
unsigned int cpufreq_quick_get_max(unsigned int cpu);

/* Re-evaluate the policy's limits (the QoS aggregates, the driver's
 * verify) and tell the governor. */
void refresh_frequency_limits(struct cpufreq_policy *policy);
void cpufreq_update_limits(unsigned int cpu);
void cpufreq_update_policy(unsigned int cpu);

/* Delay between two frequency changes a governor should respect (µs):
 * transition_delay_us if the driver set one, else the transition
 * latency × LATENCY_MULTIPLIER capped at 2 ms (or the latency itself if
 * longer), else LATENCY_MULTIPLIER. */
unsigned int cpufreq_policy_transition_delay_us(struct cpufreq_policy *policy);

static inline void cpufreq_verify_within_limits(struct cpufreq_policy_data *policy,
						unsigned int min, unsigned int max)
{
	if (policy->min < min)
		policy->min = min;
	if (policy->max < min)
		policy->max = min;
	if (policy->min > max)
		policy->min = max;
	if (policy->max > max)
		policy->max = max;
	if (policy->min > policy->max)
		policy->min = policy->max;
}

static inline void cpufreq_verify_within_cpu_limits(struct cpufreq_policy_data *policy)
{
	cpufreq_verify_within_limits(policy, policy->cpuinfo.min_freq, policy->cpuinfo.max_freq);
}

/* ---- notifiers ---- */

#define CPUFREQ_TRANSITION_NOTIFIER (0)
#define CPUFREQ_POLICY_NOTIFIER (1)
/* Transition events: before and after each frequency change. */
#define CPUFREQ_PRECHANGE (0)
#define CPUFREQ_POSTCHANGE (1)
/* Policy events. */
#define CPUFREQ_CREATE_POLICY (0)
#define CPUFREQ_REMOVE_POLICY (1)

int cpufreq_register_notifier(struct notifier_block *nb, unsigned int list);
int cpufreq_unregister_notifier(struct notifier_block *nb, unsigned int list);

/* Around a driver's frequency change: PRECHANGE, then POSTCHANGE (with
 * the statistics and policy->cur); a failed change is announced back to
 * the old frequency. begin waits for a transition in progress. */
void cpufreq_freq_transition_begin(struct cpufreq_policy *policy, struct cpufreq_freqs *freqs);
void cpufreq_freq_transition_end(struct cpufreq_policy *policy, struct cpufreq_freqs *freqs,
				 int transition_failed);

/* ---- governors ---- */

#define CPUFREQ_GOV_DYNAMIC_SWITCHING (1 << 0) /* chooses by load: needs a known latency */
#define CPUFREQ_GOV_STRICT_TARGET (1 << 1)     /* the target exactly, no efficiency games */

struct cpufreq_governor {
	char name[CPUFREQ_NAME_LEN];
	int (*init)(struct cpufreq_policy *policy);
	void (*exit)(struct cpufreq_policy *policy);
	int (*start)(struct cpufreq_policy *policy);
	void (*stop)(struct cpufreq_policy *policy);
	void (*limits)(struct cpufreq_policy *policy);
	ssize_t (*show_setspeed)(struct cpufreq_policy *policy, char *buf);
	int (*store_setspeed)(struct cpufreq_policy *policy, unsigned int freq);
	struct list_head governor_list;
	u8 flags;
};

int cpufreq_register_governor(struct cpufreq_governor *governor);
void cpufreq_unregister_governor(struct cpufreq_governor *governor);
/* The governor whose name is cpufreq.default_governor= on the command
 * line, else schedutil (Linux's CONFIG_CPU_FREQ_DEFAULT_GOV_SCHEDUTIL). */
struct cpufreq_governor *cpufreq_default_governor(void);
struct cpufreq_governor *cpufreq_fallback_governor(void);

/* Governors set frequencies through these: the table's frequency for
 * target_freq by relation, within policy->min..max. The double-underscore
 * form is for callers holding policy->rwsem (governors' callbacks). */
int cpufreq_driver_target(struct cpufreq_policy *policy, unsigned int target_freq,
			  unsigned int relation);
int __cpufreq_driver_target(struct cpufreq_policy *policy, unsigned int target_freq,
			    unsigned int relation);
/* The frequency __cpufreq_driver_target would choose for target_freq
 * with CPUFREQ_RELATION_L, without setting it. */
unsigned int cpufreq_driver_resolve_freq(struct cpufreq_policy *policy, unsigned int target_freq);

/* cpufreq_gov_performance/powersave's limits callback. */
void cpufreq_policy_apply_limits(struct cpufreq_policy *policy);

/* The helper of every governor's sysfs tunables (drivers/cpufreq/
 * cpufreq_governor_attr_set.c in Linux): attributes of a kobject at
 * /sys/devices/system/cpu/cpufreq/<governor>/. */
struct gov_attr_set {
	struct kobject kobj;
	struct list_head policy_list;
	struct mutex update_lock;
	int usage_count;
};

struct governor_attr {
	struct attribute attr;
	ssize_t (*show)(struct gov_attr_set *attr_set, char *buf);
	ssize_t (*store)(struct gov_attr_set *attr_set, const char *buf, size_t count);
};

extern const struct sysfs_ops governor_sysfs_ops;
/* /sys/devices/system/cpu/cpufreq, where global tunables go. */
extern struct kobject *cpufreq_global_kobject;

static inline struct gov_attr_set *to_gov_attr_set(struct kobject *kobj)
{
	return container_of(kobj, struct gov_attr_set, kobj);
}

/* ---- drivers ---- */

#define CPUFREQ_NEED_INITIAL_FREQ_CHECK (1 << 5)
#define CPUFREQ_IS_COOLING_DEV (1 << 7)
#define CPUFREQ_HAVE_GOVERNOR_PER_POLICY (1 << 3)

struct cpufreq_driver {
	char name[CPUFREQ_NAME_LEN];
	u16 flags;
	void *driver_data;
	int (*init)(struct cpufreq_policy *policy);
	int (*verify)(struct cpufreq_policy_data *policy);
	int (*target_index)(struct cpufreq_policy *policy, unsigned int index);
	unsigned int (*get)(unsigned int cpu);
	void (*exit)(struct cpufreq_policy *policy);
	int (*suspend)(struct cpufreq_policy *policy);
	int (*resume)(struct cpufreq_policy *policy);
	int (*set_boost)(struct cpufreq_policy *policy, int state);
	bool boost_enabled;
};

int cpufreq_register_driver(struct cpufreq_driver *driver_data);
void cpufreq_unregister_driver(struct cpufreq_driver *driver_data);
const char *cpufreq_get_current_driver(void);
bool cpufreq_boost_enabled(void);
int cpufreq_enable_boost_support(void);

/* System sleep (drivers/base/power/main.c): at the start of dpm_suspend
 * the governors stop and the policies go to their suspend_freq; at the
 * end of dpm_resume they start again. */
void cpufreq_suspend(void);
void cpufreq_resume(void);

/* ---- frequency-table helpers (freq_table.c) ---- */

int cpufreq_frequency_table_cpuinfo(struct cpufreq_policy *policy,
				    struct cpufreq_frequency_table *table);
int cpufreq_frequency_table_verify(struct cpufreq_policy_data *policy,
				   struct cpufreq_frequency_table *table);
int cpufreq_generic_frequency_table_verify(struct cpufreq_policy_data *policy);
/* cpuinfo's limits from the table, then policy->freq_table_sorted. */
int cpufreq_table_validate_and_sort(struct cpufreq_policy *policy);
/* The index of the table's frequency for target_freq by relation, among
 * the frequencies within policy->min..max (if none is, the nearest one
 * outside). */
int cpufreq_frequency_table_target(struct cpufreq_policy *policy, unsigned int target_freq,
				   unsigned int relation);
int cpufreq_frequency_table_get_index(struct cpufreq_policy *policy, unsigned int freq);
/* target_freq clamped to policy->min..max, then the table's frequency for
 * it by relation (its index in *idx, -1 without a table entry). */
unsigned int cpufreq_resolve_freq_index(struct cpufreq_policy *policy, unsigned int target_freq,
					unsigned int relation, int *idx);

/* ---- statistics (cpufreq_stats.c) ---- */

void cpufreq_stats_create_table(struct cpufreq_policy *policy);
void cpufreq_stats_free_table(struct cpufreq_policy *policy);
void cpufreq_stats_record_transition(struct cpufreq_policy *policy, unsigned int new_freq);
/* pmfw's: the table's frequencies (kHz) and the time at each so far (ns),
 * up to max of them; their number (0 without statistics). */
unsigned int cpufreq_stats_time_in_state_ns(struct cpufreq_policy *policy, unsigned int *khz,
					    u64 *ns, unsigned int max);

/* ---- the governors' sysfs attribute helpers ---- */

#define gov_attr_ro(_name) \
	static struct governor_attr _name = __ATTR(_name, 0444, _name##_show, NULL)
#define gov_attr_rw(_name) \
	static struct governor_attr _name = __ATTR(_name, 0644, _name##_show, _name##_store)

/* The attribute set's kobject, its policies and users (Linux's
 * gov_attr_set_init/get/put). */
void gov_attr_set_init(struct gov_attr_set *attr_set, struct list_head *list_node);
void gov_attr_set_get(struct gov_attr_set *attr_set, struct list_head *list_node);
unsigned int gov_attr_set_put(struct gov_attr_set *attr_set, struct list_head *list_node);

#endif
