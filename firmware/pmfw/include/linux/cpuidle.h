/*
 * CPU idle-state management (Linux's include/linux/cpuidle.h and
 * drivers/cpuidle/): a driver describes the core's idle states, a
 * governor picks one each time the idle thread runs, the core enters it,
 * and the framework keeps Linux's per-state statistics.
 *
 * Units as Linux: exit_latency and target_residency in µs, their _ns
 * twins in ns; usage counts in entries, time_ns in ns. One CPU: the
 * governors keep their data in static structures instead of per-CPU ones.
 *
 * The governors' select/reflect are pure functions of the device, the
 * driver and what the framework tells them (cpuidle_governor_latency_req,
 * tick_nohz_get_sleep_length, tick_nohz_tick_stopped,
 * tick_nohz_idle_got_tick): the host unit tests supply those.
 */
#ifndef _LINUX_CPUIDLE_H
#define _LINUX_CPUIDLE_H

#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/types.h>

#define CPUIDLE_STATE_MAX 10
#define CPUIDLE_NAME_LEN 16
#define CPUIDLE_DESC_LEN 32

struct cpuidle_device;
struct cpuidle_driver;

struct cpuidle_state_usage {
	unsigned long long disable;  /* CPUIDLE_STATE_DISABLED_BY_* */
	unsigned long long usage;
	u64 time_ns;
	unsigned long long above;    /* slept less than the target residency, too deep */
	unsigned long long below;    /* a deeper enabled state would have fitted */
	unsigned long long rejected; /* enter failed */
	unsigned long long s2idle_usage;
	unsigned long long s2idle_time; /* µs */
};

struct cpuidle_state {
	char name[CPUIDLE_NAME_LEN];
	char desc[CPUIDLE_DESC_LEN];
	s64 exit_latency_ns;
	s64 target_residency_ns;
	unsigned int flags;
	unsigned int exit_latency;     /* µs */
	int power_usage;               /* mW */
	unsigned int target_residency; /* µs */
	/* Interrupts masked; returns the state entered (index), or < 0 if it
	 * could not (counted as rejected); interrupts still masked. */
	int (*enter)(struct cpuidle_device *dev, struct cpuidle_driver *drv, int index);
	/* Suspend-to-idle's entry, for the states that may serve it (NULL:
	 * not this one); interrupts masked; 0 or an error. */
	int (*enter_s2idle)(struct cpuidle_device *dev, struct cpuidle_driver *drv, int index);
};

#define CPUIDLE_FLAG_NONE 0x00
#define CPUIDLE_FLAG_POLLING BIT(0)    /* busy polling, not a hardware state */
#define CPUIDLE_FLAG_COUPLED BIT(1)
#define CPUIDLE_FLAG_TIMER_STOP BIT(2) /* the local timer stops (local-timer-stop) */
#define CPUIDLE_FLAG_UNUSABLE BIT(3)   /* listed, never entered */
#define CPUIDLE_FLAG_OFF BIT(4)        /* disabled by default */

#define CPUIDLE_STATE_DISABLED_BY_USER BIT(0)
#define CPUIDLE_STATE_DISABLED_BY_DRIVER BIT(1)

struct cpuidle_device {
	unsigned int registered : 1;
	unsigned int enabled : 1;
	unsigned int poll_time_limit : 1;
	unsigned int cpu;
	int last_state_idx;
	u64 last_residency_ns; /* the last entry's, measured by the framework */
	struct cpuidle_state_usage states_usage[CPUIDLE_STATE_MAX];
};

struct cpuidle_driver {
	const char *name;
	struct cpuidle_state states[CPUIDLE_STATE_MAX];
	int state_count;
	int safe_state_index;
	const char *governor; /* preferred governor, or NULL */
};

struct cpuidle_governor {
	char name[CPUIDLE_NAME_LEN];
	struct list_head governor_list;
	unsigned int rating;
	int (*enable)(struct cpuidle_driver *drv, struct cpuidle_device *dev);
	void (*disable)(struct cpuidle_driver *drv, struct cpuidle_device *dev);
	/* Pick a state; *stop_tick (true on entry) says whether the tick may
	 * stop for it. */
	int (*select)(struct cpuidle_driver *drv, struct cpuidle_device *dev, bool *stop_tick);
	/* After the wake-up: the state that was entered. */
	void (*reflect)(struct cpuidle_device *dev, int index);
};

/* ---- for the governors ---- */

/* The latency limit for `cpu`, ns: the smaller of the CPU latency QoS
 * (cpu_latency_qos_limit) and the CPU device's resume-latency QoS. */
s64 cpuidle_governor_latency_req(unsigned int cpu);

/* ---- the framework ---- */

int cpuidle_register_governor(struct cpuidle_governor *gov);
int cpuidle_register_driver(struct cpuidle_driver *drv);
int cpuidle_register_device(struct cpuidle_device *dev);
/* Driver and device for cpu0 at once (Linux's cpuidle_register). */
int cpuidle_register(struct cpuidle_driver *drv);

struct cpuidle_driver *cpuidle_get_driver(void);
struct cpuidle_device *cpuidle_get_device(void);
/* false when no driver and device are registered, or cpuidle is off. */
bool cpuidle_not_available(struct cpuidle_driver *drv, struct cpuidle_device *dev);
int cpuidle_select(struct cpuidle_driver *drv, struct cpuidle_device *dev, bool *stop_tick);
/* Interrupts masked on entry; enabled on return, as Linux's (the
 * interrupt that ended the sleep is taken before the statistics). */
int cpuidle_enter(struct cpuidle_driver *drv, struct cpuidle_device *dev, int index);
void cpuidle_reflect(struct cpuidle_device *dev, int index);
/* The deepest enabled state within latency_limit_ns whose target
 * residency is at most max_residency_ns (s2idle: no limit). */
int cpuidle_find_deepest_state(struct cpuidle_driver *drv, struct cpuidle_device *dev,
			       u64 latency_limit_ns);
/* Suspend-to-idle: the deepest enabled state that has enter_s2idle,
 * entered once (interrupts masked), with its s2idle_usage and
 * s2idle_time counted; the state's index, or -ENODEV. */
int cpuidle_enter_s2idle(struct cpuidle_driver *drv, struct cpuidle_device *dev);
/* Switch the governor (the sysfs file's store). */
int cpuidle_switch_governor(struct cpuidle_governor *gov);
struct cpuidle_governor *cpuidle_find_governor(const char *name);
extern struct cpuidle_governor *cpuidle_curr_governor;

#endif
