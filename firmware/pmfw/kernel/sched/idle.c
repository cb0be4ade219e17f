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
 * cpuidle_idle_call is weak: without cpuidle it is default_idle_call(),
 * Linux's: WFI, the shallowest state. drivers/cpuidle/ replaces it with
 * its governor's choice; it can get the time to the next timer event
 * from tick_nohz_get_sleep_length() (linux/tick.h).
 */
#include <asm/irqflags.h>
#include <linux/kernel.h>
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

__weak void cpuidle_idle_call(void)
{
	default_idle_call();
}

static void do_idle(void)
{
	while (!need_resched()) {
		local_irq_disable();
		/* Deferrable timers stop counting; the scheduler undoes this
		 * when it switches away (tick_nohz_idle_exit). */
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
