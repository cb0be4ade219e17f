/*
 * The scheduler's side of cpufreq (Linux's include/linux/sched/cpufreq.h,
 * kernel/sched/cpufreq.c, kernel/sched/pelt.c), in pmfw's form:
 *
 *  - utilization: one PELT signal for the CPU (Linux keeps one per
 *    runqueue and task; pmfw's single core runs one thread at a time, so
 *    the CPU's is the sum of its threads'): the decaying average of the
 *    time the CPU was not idle, in periods of 1024 × 1024 ns (Linux's
 *    "1024 µs") with a 32-period half-life (33.5 ms),
 *    0..SCHED_CAPACITY_SCALE, frequency-invariant (time running at cur
 *    counts cur/max of its length);
 *  - the update_util hook (cpufreq_add_update_util_hook): a governor's
 *    callback, called from the scheduler when the CPU goes idle or stops
 *    being idle, and from the scheduler tick (every jiffy while the CPU
 *    is busy). Unlike Linux, the utilization is tracked only while a
 *    hook is installed (from 0 when it is): without one, a switch and a
 *    tick cost nothing more;
 *  - get_cpu_idle_time_us: the idle thread's run time (Linux's tick-sched
 *    idle accounting), for the load-based governors.
 */
#ifndef _LINUX_SCHED_CPUFREQ_H
#define _LINUX_SCHED_CPUFREQ_H

#include <linux/types.h>

#define SCHED_CAPACITY_SHIFT 10
#define SCHED_CAPACITY_SCALE (1UL << SCHED_CAPACITY_SHIFT)

#define SCHED_CPUFREQ_IOWAIT (1U << 0)

struct update_util_data {
	void (*func)(struct update_util_data *data, u64 time, unsigned int flags);
};

/* time: ns of local_clock(). Called with interrupts off: the callback
 * must not sleep (it wakes a thread to do the work). */
void cpufreq_add_update_util_hook(int cpu, struct update_util_data *data,
				  void (*func)(struct update_util_data *data, u64 time,
					       unsigned int flags));
void cpufreq_remove_update_util_hook(int cpu);

/* The CPU's utilization (0..SCHED_CAPACITY_SCALE) as of its last update,
 * and its capacity (one core: SCHED_CAPACITY_SCALE). */
unsigned long cpu_util_cfs(int cpu);
static inline unsigned long arch_scale_cpu_capacity(int cpu)
{
	return SCHED_CAPACITY_SCALE;
}

/* cpufreq tells the scheduler the frequency the CPUs of the mask run at
 * (kHz) against their maximum; arch_scale_freq_capacity is cur * 1024 /
 * max. */
void arch_set_freq_scale(unsigned long cpus, unsigned long cur_freq, unsigned long max_freq);
unsigned long arch_scale_freq_capacity(int cpu);

/* Linux's map_util_perf and map_util_freq: 25 % headroom, then the
 * frequency that util needs out of cap at freq. */
static inline unsigned long map_util_perf(unsigned long util)
{
	return util + (util >> 2);
}

static inline unsigned long map_util_freq(unsigned long util, unsigned long freq,
					  unsigned long cap)
{
	/* kHz × util fits 32 bits for every pmsim SoC (400000 × 1024). */
	return freq * util / cap;
}

/* Idle time of cpu since boot (µs, the idle thread's run time); the time
 * of the reading in *last_update_time (µs) if not NULL. (Linux declares
 * it in linux/tick.h.) */
u64 get_cpu_idle_time_us(int cpu, u64 *last_update_time);

/* kernel/sched/core.c: the idle thread is switched in or out (prev_idle)
 * at `now` (ns), while a hook is installed (cpufreq_update_util_data). */
extern struct update_util_data *cpufreq_update_util_data;
void sched_cpufreq_idle_switch(bool prev_idle, u64 now);
/* scheduler_tick, interrupts off: the stretch since the last update was
 * running (a thread) or idle (the tick in the idle loop). */
void sched_cpufreq_tick(bool running, u64 now);

#endif
