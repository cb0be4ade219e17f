/*
 * pmsim's platform_suspend_ops (include/soc/pmsim/pm.h), on top of the
 * PMU driver's operations (include/soc/pmsim/pmu.h):
 *
 *   valid    standby (shallow) when the PMU has a retention idle state;
 *            mem (deep) when pmsim_pm_mem_supported()
 *   begin    arms the wake-up lines (WAKE_EN from enable_irq_wake's)
 *   prepare_late  arms them again: the devices' suspend callbacks, after
 *            begin, are where drivers call enable_irq_wake (the RTC's
 *            alarm), and a line missing from WAKE_EN cannot end a mem
 *            suspend (standby's retention state wakes on any enabled
 *            interrupt)
 *   enter    standby: the retention state (SLEEPDEEP, LPMODE = its
 *            index): the core's rail lowered, every clock gated, state
 *            kept, until an enabled interrupt; mem: pmsim_pm_enter_mem
 *   wake     reads and clears WAKE_STATUS
 *   end      disarms WAKE_EN
 * The devices' clocks are already off (their drivers' suspend
 * callbacks); what stays on is what the PMU itself gates in retention.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/suspend.h>
#include <soc/pmsim/pm.h>
#include <soc/pmsim/pmu.h>

static u32 wake_enabled, wake_status;

__weak int pmsim_pm_enter_mem(void)
{
	return -ENOSYS;
}

__weak bool pmsim_pm_mem_supported(void)
{
	return false;
}

u32 pmsim_pm_wake_enabled(void)
{
	return wake_enabled;
}

u32 pmsim_pm_last_wake_status(void)
{
	return wake_status;
}

/* The PMU's retention idle state, or -1. */
static int pmsim_retention_state(void)
{
	for (unsigned int i = 0; i < pmsim_pmu_num_idle_states(); i++)
		if (pmsim_pmu_idle_mode(i) == PMSIM_IDLE_RETENTION)
			return (int)i;
	return -1;
}

static int pmsim_pm_valid(suspend_state_t state)
{
	switch (state) {
	case PM_SUSPEND_STANDBY:
		return pmsim_retention_state() >= 0;
	case PM_SUSPEND_MEM:
		return pmsim_pm_mem_supported();
	default:
		return 0;
	}
}

static int pmsim_pm_begin(suspend_state_t state)
{
	(void)state;
	wake_enabled = pmsim_pmu_arm_wakeups();
	return 0;
}

static int pmsim_pm_prepare_late(void)
{
	wake_enabled = pmsim_pmu_arm_wakeups();
	return 0;
}

static int pmsim_pm_enter(suspend_state_t state)
{
	switch (state) {
	case PM_SUSPEND_STANDBY: {
		int idx = pmsim_retention_state();
		return idx < 0 ? -EINVAL : pmsim_pmu_enter_idle((unsigned int)idx);
	}
	case PM_SUSPEND_MEM:
		return pmsim_pm_enter_mem();
	default:
		return -EINVAL;
	}
}

static void pmsim_pm_wake(void)
{
	wake_status = pmsim_pmu_wake_status();
}

static void pmsim_pm_end(void)
{
	pmsim_pmu_disarm_wakeups();
}

static const struct platform_suspend_ops pmsim_suspend_ops = {
	.valid = pmsim_pm_valid,
	.begin = pmsim_pm_begin,
	.prepare_late = pmsim_pm_prepare_late,
	.enter = pmsim_pm_enter,
	.wake = pmsim_pm_wake,
	.end = pmsim_pm_end,
};

/* After the PMU has probed (subsys_initcall): its idle states known. */
static int pmsim_pm_init(void)
{
	if (!pmsim_pmu_num_idle_states())
		return 0;
	suspend_set_ops(&pmsim_suspend_ops);
	return 0;
}
late_initcall(pmsim_pm_init);
