/*
 * The idle thread (Linux's kernel/sched/idle.c): pid 0, prio 140, it
 * runs only when no other thread is runnable. Each round masks
 * interrupts, then calls cpuidle_idle_call(), which must return with
 * them enabled again. Masking first closes the race in which a wake-up
 * arrives between the check and the WFI: WFI still wakes for an
 * interrupt that PRIMASK holds back, which is then taken when the idle
 * code unmasks it, and its wake-up switches to the woken thread at once
 * (PendSV).
 *
 * cpuidle_idle_call is Linux's: without a cpuidle driver, stop the tick
 * and WFI (default_idle_call, the shallowest state); with one, the
 * governor picks a state and says whether the tick may stop for it, the
 * driver enters the state, and the governor hears how long the core
 * slept (drivers/cpuidle/).
 */
#include <asm/irqflags.h>
#include <linux/cpuidle.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/suspend.h>
#include <linux/tick.h>

#include "sched.h"

/* Interrupts are masked on entry and unmasked on return. */
void default_idle_call(void)
{
	if (need_resched()) {
		local_irq_enable();
		return;
	}
	arch_cpu_idle();
}

static void cpuidle_idle_call(void)
{
	struct cpuidle_device *dev = cpuidle_get_device();
	struct cpuidle_driver *drv = cpuidle_get_driver();

	if (need_resched()) {
		local_irq_enable();
		return;
	}
	if (cpuidle_not_available(drv, dev)) {
		tick_nohz_idle_stop_tick();
		default_idle_call();
		return;
	}
	/* Linux's idle loop runs with preemption off: the thread the
	 * wake-up's interrupt makes runnable gets the core once the
	 * statistics and the governor are done (do_idle's loop ends). */
	preempt_disable();
	bool stop_tick = true;
	int next_state = cpuidle_select(drv, dev, &stop_tick);
	if (stop_tick || tick_nohz_tick_stopped())
		tick_nohz_idle_stop_tick();
	else
		tick_nohz_idle_retain_tick();
	/* Returns with interrupts enabled (the wake-up's taken). */
	int entered_state = cpuidle_enter(drv, dev, next_state);
	cpuidle_reflect(dev, entered_state);
	preempt_enable_no_resched();
}

static void do_idle(void)
{
	while (!need_resched()) {
		local_irq_disable();
		/* Deferrable timers stop counting; the scheduler undoes this
		 * and restarts the tick when it switches away
		 * (tick_nohz_idle_exit). */
		tick_nohz_idle_enter();
		/* Suspend-to-idle: the deepest state that keeps the context,
		 * time stopped, until a wake-up (kernel/power/suspend.c). */
		if (idle_should_enter_s2idle())
			s2idle_idle_enter();
		else
			cpuidle_idle_call();
	}
	/* The switch is pending: PendSV takes it now that interrupts are on. */
	preempt_schedule();
}

__noreturn void cpu_startup_entry(void)
{
	sched_start();
	for (;;)
		do_idle();
}
