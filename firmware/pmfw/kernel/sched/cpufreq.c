/*
 * The scheduler's side of cpufreq (Linux's kernel/sched/cpufreq.c, the
 * utilization of kernel/sched/pelt.c and the idle accounting of
 * kernel/time/tick-sched.c), for pmfw's one CPU. See
 * include/linux/sched/cpufreq.h.
 *
 * While a governor's update_util hook is installed, the CPU's PELT
 * signal is brought up to date, and the hook called, whenever the idle
 * thread is switched in or out (core.c calls sched_cpufreq_idle_switch),
 * so each stretch between two updates was all running or all idle, and
 * at every tick (scheduler_tick calls sched_cpufreq_tick: every jiffy
 * while the CPU is busy, NO_HZ_IDLE). The hook runs with interrupts off.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/cpufreq.h>
#include <linux/spinlock.h>
#include <linux/tick.h>

#include "pelt.h"

static struct sched_avg cpu_avg;
static unsigned long freq_scale = SCHED_CAPACITY_SCALE;
struct update_util_data *cpufreq_update_util_data;

void arch_set_freq_scale(unsigned long cpus, unsigned long cur_freq, unsigned long max_freq)
{
	if (!(cpus & 1) || !max_freq)
		return;
	unsigned long scale = (unsigned long)(((u64)cur_freq << SCHED_CAPACITY_SHIFT) / max_freq);
	freq_scale = min(scale, SCHED_CAPACITY_SCALE);
}

unsigned long arch_scale_freq_capacity(int cpu)
{
	return freq_scale;
}

unsigned long cpu_util_cfs(int cpu)
{
	return min(cpu_avg.util_avg, SCHED_CAPACITY_SCALE);
}

/* Interrupts off. The stretch since the last update ends at now (ns).
 * Shifts and 32-bit divisions only: it runs at every switch to and from
 * the idle thread. */
static void update_cpu_load(u64 now, bool running)
{
	___update_load_avg(&cpu_avg, now >> PELT_UNIT_SHIFT, running, freq_scale);
}

static void cpufreq_update_util(u64 now, unsigned int flags)
{
	struct update_util_data *data = cpufreq_update_util_data;
	if (data)
		data->func(data, now, flags);
}

void sched_cpufreq_idle_switch(bool prev_idle, u64 now)
{
	/* Leaving idle: the stretch was idle; entering it: running. */
	update_cpu_load(now, !prev_idle);
	cpufreq_update_util(now, 0);
}

void sched_cpufreq_tick(bool running, u64 now)
{
	update_cpu_load(now, running);
	cpufreq_update_util(now, 0);
}

void cpufreq_add_update_util_hook(int cpu, struct update_util_data *data,
				  void (*func)(struct update_util_data *data, u64 time,
					       unsigned int flags))
{
	if (WARN_ON(!data || !func) || cpu != 0)
		return;
	unsigned long flags;
	local_irq_save(flags);
	if (WARN_ON(cpufreq_update_util_data)) {
		local_irq_restore(flags);
		return;
	}
	data->func = func;
	/* Tracked from now on, from nothing. */
	cpu_avg = (struct sched_avg){ .last_update_time = local_clock() >> PELT_UNIT_SHIFT };
	cpufreq_update_util_data = data;
	local_irq_restore(flags);
}

void cpufreq_remove_update_util_hook(int cpu)
{
	unsigned long flags;
	local_irq_save(flags);
	cpufreq_update_util_data = NULL;
	local_irq_restore(flags);
}

u64 get_cpu_idle_time_us(int cpu, u64 *last_update_time)
{
	unsigned long flags;
	local_irq_save(flags);
	u64 now = local_clock();
	u64 idle = init_task.se.sum_exec_runtime;
	if (current->flags & PF_IDLE)
		idle += now - init_task.se.exec_start;
	local_irq_restore(flags);
	if (last_update_time)
		*last_update_time = div_u64(now, NSEC_PER_USEC);
	return div_u64(idle, NSEC_PER_USEC);
}
