/*
 * The framework of the load-sampling governors, ondemand and
 * conservative (Linux's drivers/cpufreq/cpufreq_governor.h): tunables
 * shared by every policy (global, at /sys/devices/system/cpu/cpufreq/
 * <governor>/), and per policy a deferrable delayed work that samples
 * the load every sampling_rate µs and lets the governor decide
 * (governor_calc.c).
 */
#ifndef _DRIVERS_CPUFREQ_GOVERNOR_H
#define _DRIVERS_CPUFREQ_GOVERNOR_H

#include <linux/cpufreq.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

#include "governor_calc.h"

struct dbs_data {
	struct gov_attr_set attr_set;
	struct dbs_tunables tunables;
};

static inline struct dbs_data *to_dbs_data(struct gov_attr_set *attr_set)
{
	return container_of(attr_set, struct dbs_data, attr_set);
}

struct policy_dbs_info {
	struct cpufreq_policy *policy;
	struct dbs_data *dbs_data;
	struct list_head list;        /* in dbs_data->attr_set.policy_list */
	struct mutex update_mutex;    /* the sample against the limits and tunables */
	struct delayed_work work;     /* the sample, deferrable */
	struct cpu_dbs_info cdbs;     /* cpu0's */
	unsigned int idle_periods;    /* from the last dbs_update */
	bool running;
};

struct dbs_governor {
	struct cpufreq_governor gov;
	const struct attribute_group **groups; /* the tunables' files */
	struct kobj_type kobj_type;
	struct dbs_data *gdbs_data;
	/* One sample: the delay (µs) until the next. */
	unsigned int (*gov_dbs_update)(struct cpufreq_policy *policy);
	struct policy_dbs_info *(*alloc)(void);
	void (*free)(struct policy_dbs_info *policy_dbs);
	void (*init)(struct dbs_data *dbs_data);
	void (*start)(struct cpufreq_policy *policy);
};

#define dbs_governor_of(policy) container_of((policy)->governor, struct dbs_governor, gov)

/* The load (%) since the last sample (Linux's dbs_update). */
unsigned int dbs_update(struct cpufreq_policy *policy);

int cpufreq_dbs_governor_init(struct cpufreq_policy *policy);
void cpufreq_dbs_governor_exit(struct cpufreq_policy *policy);
int cpufreq_dbs_governor_start(struct cpufreq_policy *policy);
void cpufreq_dbs_governor_stop(struct cpufreq_policy *policy);
void cpufreq_dbs_governor_limits(struct cpufreq_policy *policy);

#define CPUFREQ_DBS_GOVERNOR_INITIALIZER(_name_)        \
	{                                               \
		.name = _name_,                         \
		.flags = CPUFREQ_GOV_DYNAMIC_SWITCHING, \
		.init = cpufreq_dbs_governor_init,      \
		.exit = cpufreq_dbs_governor_exit,      \
		.start = cpufreq_dbs_governor_start,    \
		.stop = cpufreq_dbs_governor_stop,      \
		.limits = cpufreq_dbs_governor_limits,  \
	}

/* Every dbs governor's sampling_rate file. */
ssize_t sampling_rate_store(struct gov_attr_set *attr_set, const char *buf, size_t count);
extern struct governor_attr sampling_rate;

/* A tunable's show, and the store helper: an unsigned number. */
#define gov_show_one(_gov, file_name)                                                 \
	static ssize_t file_name##_show(struct gov_attr_set *attr_set, char *buf)     \
	{                                                                             \
		return sysfs_emit(buf, "%u\n", to_dbs_data(attr_set)->tunables.file_name); \
	}

#endif
