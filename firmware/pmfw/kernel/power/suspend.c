/*
 * Suspend to idle, standby and suspend-to-RAM (Linux's
 * kernel/power/suspend.c), in Linux's order:
 *
 *   pm_suspend -> enter_state:
 *     PM_SUSPEND_PREPARE notifiers (robust), freeze tasks   [pm_test freezer]
 *     suspend_devices_and_enter:
 *       platform begin; dpm_prepare, dpm_suspend             [devices]
 *       suspend_enter:
 *         platform prepare; dpm_suspend_late; platform prepare_late;
 *         dpm_suspend_noirq (device interrupts off)          [platform]
 *         freeze: the s2idle loop; else:                     [processors]
 *         interrupts off; syscore suspend; a wake-up pending
 *         since? -EBUSY                                      [core]
 *         else platform enter
 *         ... and back: syscore resume, interrupts on, platform wake,
 *         dpm_resume_noirq, platform finish, dpm_resume_early
 *       dpm_resume, dpm_complete; platform end
 *     thaw tasks; PM_POST_SUSPEND notifiers
 *
 * A pm_test level stops at its bracket, waits pm_test_delay seconds and
 * goes back: a busy wait (mdelay, as Linux: at the core level interrupts
 * and time are off) of simulated time. An error anywhere unwinds what was
 * done, in reverse, and is counted in suspend_stats.
 *
 * suspend-to-idle: the suspending thread waits; the idle thread, seeing
 * s2idle_state ENTER, stops time (timekeeping_suspend, Linux's
 * tick_freeze) and enters the deepest idle state that keeps the context
 * (the PMU's retention state) until an interrupt. An interrupt on a line
 * armed for wake-up is a wake-up event (pm_system_irq_wakeup), which
 * ends the wait; any other goes back to sleep.
 *
 * Trace markers: suspend:STATE around the whole cycle (test-LEVEL under
 * pm_test), phase:NAME around each phase, with sleepgraph's names.
 */
#include <asm/irqflags.h>
#include <linux/cpuidle.h>
#include <linux/errno.h>
#include <linux/delay.h>
#include <linux/freezer.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/pm.h>
#include <linux/pm_wakeup.h>
#include <linux/syscore_ops.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>
#include <pmfw/marker.h>
#include <soc/pmsim/pmu.h>

#include "../../arch/arm/arch.h"
#include "power.h"

const char *pm_labels[PM_SUSPEND_MAX] = {
	[PM_SUSPEND_TO_IDLE] = "freeze",
	[PM_SUSPEND_STANDBY] = "standby",
	[PM_SUSPEND_MEM] = "mem",
};
const char *pm_states[PM_SUSPEND_MAX] = {
	[PM_SUSPEND_TO_IDLE] = "freeze",
	[PM_SUSPEND_MEM] = "mem",
};
const char *const mem_sleep_labels[PM_SUSPEND_MAX] = {
	[PM_SUSPEND_TO_IDLE] = "s2idle",
	[PM_SUSPEND_STANDBY] = "shallow",
	[PM_SUSPEND_MEM] = "deep",
};
const char *mem_sleep_states[PM_SUSPEND_MAX] = {
	[PM_SUSPEND_TO_IDLE] = "s2idle",
};

suspend_state_t mem_sleep_current = PM_SUSPEND_TO_IDLE;
suspend_state_t pm_suspend_target_state;
unsigned int pm_test_delay = 5;

static const struct platform_suspend_ops *suspend_ops;
static const struct platform_s2idle_ops *s2idle_ops;
static DECLARE_WAIT_QUEUE_HEAD(s2idle_wait_head);
enum s2idle_states s2idle_state;
static DEFINE_MUTEX(system_transition_mutex);

void lock_system_sleep(void)
{
	mutex_lock(&system_transition_mutex);
}

void unlock_system_sleep(void)
{
	mutex_unlock(&system_transition_mutex);
}

void s2idle_set_ops(const struct platform_s2idle_ops *ops)
{
	s2idle_ops = ops;
}

bool valid_state(suspend_state_t state)
{
	return suspend_ops && suspend_ops->valid && suspend_ops->valid(state) && suspend_ops->enter;
}

void suspend_set_ops(const struct platform_suspend_ops *ops)
{
	suspend_ops = ops;
	if (valid_state(PM_SUSPEND_STANDBY)) {
		mem_sleep_states[PM_SUSPEND_STANDBY] = mem_sleep_labels[PM_SUSPEND_STANDBY];
		pm_states[PM_SUSPEND_STANDBY] = pm_labels[PM_SUSPEND_STANDBY];
	}
	if (valid_state(PM_SUSPEND_MEM)) {
		mem_sleep_states[PM_SUSPEND_MEM] = mem_sleep_labels[PM_SUSPEND_MEM];
		mem_sleep_current = PM_SUSPEND_MEM;
	}
}

int suspend_valid_only_mem(suspend_state_t state)
{
	return state == PM_SUSPEND_MEM;
}

/* ---- the cycle's sleep, timed by the PMU's always-on counter ----------------------------
 *
 * With pmsim's report's definitions (docs/report.md, "Suspend cycles"):
 * the sleep runs from the core's first entry (system suspend, or an idle
 * state in suspend_machine) to its last wake-up there; the suspend latency
 * from the cycle's start to that entry, the resume latency from the
 * wake-up to the cycle's end. The PMU latched the counter at both; the
 * counter runs through suspend, so the wake-up's moment is known, not only
 * when the first instruction ran after it. */
static u32 cycle_begin;
static bool cycle_slept;
static u32 cycle_sleep, cycle_wake;

/* Called after each sleep of suspend_machine: was it in this cycle? */
static void suspend_note_sleep(void)
{
	u32 now = pmsim_pmu_aon_count();
	u32 in = pmsim_pmu_sleep_count(), out = pmsim_pmu_wake_count();
	if (!pmsim_pmu_aon_rate() || in - cycle_begin > now - cycle_begin ||
	    out - in > now - in)
		return;
	if (!cycle_slept)
		cycle_sleep = in;
	cycle_wake = out;
	cycle_slept = true;
}

static void suspend_time_cycle(u32 end)
{
	if (!suspend_stats.max_hw_sleep)
		return;
	suspend_stats.last_suspend_latency =
		cycle_slept ? pmsim_pmu_aon_to_us(cycle_sleep - cycle_begin) : 0;
	suspend_stats.last_resume_latency =
		cycle_slept ? pmsim_pmu_aon_to_us(end - cycle_wake) : 0;
	if (cycle_slept)
		pm_report_hw_sleep_time(pmsim_pmu_aon_to_us(cycle_wake - cycle_sleep));
}

/* ---- suspend-to-idle ----------------------------------------------------------------- */

void s2idle_wake(void)
{
	unsigned long flags;
	local_irq_save(flags);
	if (s2idle_state > S2IDLE_STATE_NONE) {
		s2idle_state = S2IDLE_STATE_WAKE;
		wake_up(&s2idle_wait_head);
	}
	local_irq_restore(flags);
}

/* The idle thread's part: the deepest state that keeps the context, with
 * time stopped, until an interrupt. */
void s2idle_idle_enter(void)
{
	struct cpuidle_driver *drv = cpuidle_get_driver();
	struct cpuidle_device *dev = cpuidle_get_device();
	timekeeping_suspend();
	if (cpuidle_not_available(drv, dev) || cpuidle_enter_s2idle(drv, dev) < 0) {
		unsigned int idx = 0;
		for (unsigned int i = 0; i < pmsim_pmu_num_idle_states(); i++)
			if (pmsim_pmu_idle_mode(i) != PMSIM_IDLE_POWER_OFF)
				idx = i;
		if (pmsim_pmu_enter_idle(idx))
			arch_wfi();
	}
	suspend_note_sleep();
	timekeeping_resume();
	local_irq_enable();
}

static void s2idle_enter(void)
{
	pm_marker_begin("phase:suspend_machine");
	local_irq_disable();
	if (pm_wakeup_pending()) {
		local_irq_enable();
		goto out;
	}
	s2idle_state = S2IDLE_STATE_ENTER;
	local_irq_enable();
	/* The idle thread runs now, and enters the state. */
	wait_event(s2idle_wait_head, s2idle_state == S2IDLE_STATE_WAKE);
	local_irq_disable();
	s2idle_state = S2IDLE_STATE_NONE;
	local_irq_enable();
out:
	pm_marker_end("phase:suspend_machine", 0);
}

static void s2idle_loop(void)
{
	pr_debug("PM: suspend-to-idle\n");
	for (;;) {
		if (s2idle_ops && s2idle_ops->wake) {
			if (s2idle_ops->wake())
				break;
		} else if (pm_wakeup_pending()) {
			break;
		}
		if (s2idle_ops && s2idle_ops->check)
			s2idle_ops->check();
		s2idle_enter();
	}
	pr_debug("PM: resume from suspend-to-idle\n");
}

/* ---- the platform's hooks ------------------------------------------------------------ */

static int platform_suspend_begin(suspend_state_t state)
{
	if (state == PM_SUSPEND_TO_IDLE && s2idle_ops && s2idle_ops->begin)
		return s2idle_ops->begin();
	else if (suspend_ops && suspend_ops->begin)
		return suspend_ops->begin(state);
	return 0;
}

static void platform_resume_end(suspend_state_t state)
{
	if (state == PM_SUSPEND_TO_IDLE && s2idle_ops && s2idle_ops->end)
		s2idle_ops->end();
	else if (suspend_ops && suspend_ops->end)
		suspend_ops->end();
}

static void platform_recover(suspend_state_t state)
{
	if (state != PM_SUSPEND_TO_IDLE && suspend_ops->recover)
		suspend_ops->recover();
}

static int platform_suspend_prepare(suspend_state_t state)
{
	return state != PM_SUSPEND_TO_IDLE && suspend_ops->prepare ? suspend_ops->prepare() : 0;
}

static int platform_suspend_prepare_late(suspend_state_t state)
{
	return state == PM_SUSPEND_TO_IDLE && s2idle_ops && s2idle_ops->prepare ?
		       s2idle_ops->prepare() : 0;
}

static int platform_suspend_prepare_noirq(suspend_state_t state)
{
	if (state == PM_SUSPEND_TO_IDLE)
		return s2idle_ops && s2idle_ops->prepare_late ? s2idle_ops->prepare_late() : 0;
	return suspend_ops->prepare_late ? suspend_ops->prepare_late() : 0;
}

static void platform_resume_noirq(suspend_state_t state)
{
	if (state == PM_SUSPEND_TO_IDLE) {
		if (s2idle_ops && s2idle_ops->restore_early)
			s2idle_ops->restore_early();
	} else if (suspend_ops->wake) {
		suspend_ops->wake();
	}
}

static void platform_resume_early(suspend_state_t state)
{
	if (state == PM_SUSPEND_TO_IDLE && s2idle_ops && s2idle_ops->restore)
		s2idle_ops->restore();
}

static void platform_resume_finish(suspend_state_t state)
{
	if (state != PM_SUSPEND_TO_IDLE && suspend_ops->finish)
		suspend_ops->finish();
}

static bool platform_suspend_again(suspend_state_t state)
{
	return state != PM_SUSPEND_TO_IDLE && suspend_ops->suspend_again ?
		       suspend_ops->suspend_again() : false;
}

/* pm_test: stop here? Then wait pm_test_delay s (busy, simulated time). */
static int suspend_test(int level)
{
	if (pm_test_level == level) {
		pr_info("suspend debug: Waiting for %u second(s).\n", pm_test_delay);
		pm_marker_instant("pm_test", level);
		for (unsigned int ms = 0; ms < pm_test_delay * 1000; ms++)
			mdelay(1);
		return 1;
	}
	return 0;
}

/* ---- the sequence ------------------------------------------------------------------- */

static int suspend_enter(suspend_state_t state, bool *wakeup)
{
	int error;

	error = platform_suspend_prepare(state);
	if (error)
		goto Platform_finish;

	error = dpm_suspend_late(PMSG_SUSPEND);
	if (error) {
		pr_err("PM: late suspend of devices failed\n");
		goto Platform_finish;
	}
	error = platform_suspend_prepare_late(state);
	if (error)
		goto Devices_early_resume;

	error = dpm_suspend_noirq(PMSG_SUSPEND);
	if (error) {
		pr_err("PM: noirq suspend of devices failed\n");
		goto Platform_early_resume;
	}
	error = platform_suspend_prepare_noirq(state);
	if (error)
		goto Platform_wake;

	if (suspend_test(TEST_PLATFORM))
		goto Platform_wake;

	if (state == PM_SUSPEND_TO_IDLE) {
		s2idle_loop();
		goto Platform_wake;
	}

	/* One core: no secondary CPUs to take down. */
	if (suspend_test(TEST_CPUS))
		goto Platform_wake;

	local_irq_disable();
	error = syscore_suspend();
	if (!error) {
		*wakeup = pm_wakeup_pending();
		if (!(suspend_test(TEST_CORE) || *wakeup)) {
			pm_marker_begin("phase:suspend_machine");
			error = suspend_ops->enter(state);
			suspend_note_sleep();
			pm_marker_end("phase:suspend_machine", error);
		} else if (*wakeup) {
			error = -EBUSY;
		}
		pm_marker_begin("phase:resume_machine");
		syscore_resume();
		pm_marker_end("phase:resume_machine", 0);
	}
	local_irq_enable();

 Platform_wake:
	platform_resume_noirq(state);
	dpm_resume_noirq(PMSG_RESUME);

 Platform_early_resume:
	platform_resume_early(state);

 Devices_early_resume:
	dpm_resume_early(PMSG_RESUME);

 Platform_finish:
	platform_resume_finish(state);
	return error;
}

static int suspend_devices_and_enter(suspend_state_t state)
{
	int error;
	bool wakeup = false;

	if (state != PM_SUSPEND_TO_IDLE && !suspend_ops)
		return -ENOSYS;

	pm_suspend_target_state = state;
	error = platform_suspend_begin(state);
	if (error)
		goto Close;

	error = dpm_suspend_start(PMSG_SUSPEND);
	if (error) {
		pr_err("PM: Some devices failed to suspend, or early wake event detected\n");
		goto Recover_platform;
	}
	if (suspend_test(TEST_DEVICES))
		goto Recover_platform;

	do {
		error = suspend_enter(state, &wakeup);
	} while (!error && !wakeup && platform_suspend_again(state));

 Resume_devices:
	dpm_resume_end(PMSG_RESUME);

 Close:
	platform_resume_end(state);
	pm_suspend_target_state = PM_SUSPEND_ON;
	return error;

 Recover_platform:
	platform_recover(state);
	goto Resume_devices;
}

static int suspend_prepare(suspend_state_t state)
{
	int error = pm_notifier_call_chain_robust(PM_SUSPEND_PREPARE, PM_POST_SUSPEND);
	if (error)
		return error;
	pm_marker_begin("phase:freeze");
	/* Linux's suspend_freeze_processes. */
	error = freeze_processes();
	if (!error) {
		error = freeze_kernel_threads();
		if (error)
			thaw_processes();
	}
	pm_marker_end("phase:freeze", error);
	if (!error)
		return 0;
	suspend_stats.failed_freeze++;
	dpm_save_failed_step(SUSPEND_FREEZE);
	pm_notifier_call_chain(PM_POST_SUSPEND);
	return error;
}

static void suspend_finish(void)
{
	pm_marker_begin("phase:thaw");
	thaw_processes();
	pm_marker_end("phase:thaw", 0);
	pm_notifier_call_chain(PM_POST_SUSPEND);
}

static int enter_state(suspend_state_t state)
{
	int error;

	if (state == PM_SUSPEND_TO_IDLE) {
		if (pm_test_level != TEST_NONE && pm_test_level <= TEST_CPUS) {
			pr_warn("Unsupported test mode for suspend to idle, please choose none/freezer/devices/platform.\n");
			return -EAGAIN;
		}
	} else if (!valid_state(state)) {
		return -EINVAL;
	}
	if (!mutex_trylock(&system_transition_mutex))
		return -EBUSY;

	pm_wakeup_clear(true);
	pr_info("PM: Preparing system for sleep (%s)\n", mem_sleep_labels[state]);
	error = suspend_prepare(state);
	if (error)
		goto Unlock;

	if (suspend_test(TEST_FREEZER))
		goto Finish;

	pr_info("PM: Suspending system (%s)\n", mem_sleep_labels[state]);
	error = suspend_devices_and_enter(state);

 Finish:
	events_check_enabled = false;
	pr_info("PM: Finishing wakeup.\n");
	suspend_finish();
 Unlock:
	mutex_unlock(&system_transition_mutex);
	return error;
}

int pm_suspend(suspend_state_t state)
{
	static char name[24];
	int error;

	if (state <= PM_SUSPEND_ON || state >= PM_SUSPEND_MAX)
		return -EINVAL;

	if (pm_test_level != TEST_NONE)
		snprintf(name, sizeof name, "suspend:test-%s", pm_tests[pm_test_level]);
	else
		snprintf(name, sizeof name, "suspend:%s", pm_labels[state]);
	/* The counter read with the marker, nothing between (the tick). */
	unsigned long flags;
	local_irq_save(flags);
	pm_marker_begin(name);
	cycle_begin = pmsim_pmu_aon_count();
	local_irq_restore(flags);
	cycle_slept = false;
	pr_info("PM: suspend entry (%s)\n", mem_sleep_labels[state]);
	error = enter_state(state);
	if (error) {
		suspend_stats.fail++;
		dpm_save_failed_errno(error);
	} else {
		suspend_stats.success++;
	}
	pr_info("PM: suspend exit\n");
	local_irq_save(flags);
	u32 end = pmsim_pmu_aon_count();
	pm_marker_end(name, error);
	local_irq_restore(flags);
	suspend_time_cycle(end);
	return error;
}
