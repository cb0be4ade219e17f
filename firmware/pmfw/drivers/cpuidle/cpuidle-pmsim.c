/*
 * The cpuidle driver of pmsim's SoCs (Linux's cpuidle-arm.c with
 * dt_idle_states.c): the core's idle states are the cpu node's
 * `cpu-idle-states`, in order, and the PMU enters them
 * (docs/devices/pmu.md). From each `arm,idle-state` node, as Linux's
 * dt_idle_states.c reads it:
 *   name       the node's name; desc: `idle-state-name`, else the name
 *   exit_latency       `wakeup-latency-us`, else entry + exit latency
 *   target_residency   `min-residency-us`
 *   CPUIDLE_FLAG_TIMER_STOP   `local-timer-stop`
 * Linux's ARM drivers add WFI themselves as state 0 and read the DT's
 * states from index 1; pmsim's DTs list WFI first (the PMU numbers the
 * states as the DT does), so every state comes from the DT.
 *
 * Entering: a clock-gate or retention state is a WFI with LPMODE set
 * (pmsim_pmu_enter_idle); a power-off state goes through cpu_suspend and
 * the warm boot (pmsim_pm_enter_power_off), which needs the warm boot
 * ready: without it the state is listed but unusable
 * (CPUIDLE_FLAG_UNUSABLE: disabled by the driver). An interrupt already
 * pending makes a power-off entry return at once: rejected.
 * Suspend-to-idle uses the deepest enabled state that keeps the context
 * (enter_s2idle), timed by the PMU's always-on counter.
 */
#include <linux/cpu.h>
#include <linux/cpuidle.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/string.h>
#include <soc/pmsim/pm.h>
#include <soc/pmsim/pmu.h>

static int pmsim_enter_idle_state(struct cpuidle_device *dev, struct cpuidle_driver *drv,
				  int index)
{
	int ret = pmsim_pmu_idle_mode((unsigned int)index) == PMSIM_IDLE_POWER_OFF
			  ? pmsim_pm_enter_power_off((unsigned int)index)
			  : pmsim_pmu_enter_idle((unsigned int)index);
	return ret ? ret : index;
}

/* Suspend-to-idle's entry (states that keep the context): time is frozen,
 * so the residency is the PMU's, from its always-on counter's latches
 * (sleep entry to wake-up event). */
static int pmsim_enter_s2idle_state(struct cpuidle_device *dev, struct cpuidle_driver *drv,
				    int index)
{
	int ret = pmsim_pmu_enter_idle((unsigned int)index);
	if (!ret)
		dev->last_residency_ns =
			pmsim_pmu_aon_to_us(pmsim_pmu_wake_count() - pmsim_pmu_sleep_count()) *
			NSEC_PER_USEC;
	return ret;
}

static struct cpuidle_driver pmsim_idle_driver = {
	.name = "pmsim_idle",
};

static int init_state_node(struct cpuidle_state *s, struct device_node *np)
{
	u32 entry = 0, exit = 0, wakeup, residency;
	const char *desc;
	if (of_property_read_u32(np, "wakeup-latency-us", &wakeup)) {
		if (of_property_read_u32(np, "entry-latency-us", &entry) ||
		    of_property_read_u32(np, "exit-latency-us", &exit))
			return -EINVAL;
		wakeup = entry + exit;
	}
	if (of_property_read_u32(np, "min-residency-us", &residency))
		return -EINVAL;
	if (of_property_read_string(np, "idle-state-name", &desc))
		desc = np->name;
	strscpy(s->name, np->name, CPUIDLE_NAME_LEN);
	strscpy(s->desc, desc, CPUIDLE_DESC_LEN);
	s->exit_latency = wakeup;
	s->target_residency = residency;
	if (of_property_read_bool(np, "local-timer-stop"))
		s->flags |= CPUIDLE_FLAG_TIMER_STOP;
	s->enter = pmsim_enter_idle_state;
	return 0;
}

static int __init pmsim_idle_init(void)
{
	struct device *cpu = get_cpu_device(0);
	struct cpuidle_driver *drv = &pmsim_idle_driver;
	if (!cpu || !cpu->of_node || !pmsim_pmu_num_idle_states())
		return 0;
	int n = 0;
	struct device_node *np;
	while (n < CPUIDLE_STATE_MAX &&
	       (np = of_parse_phandle(cpu->of_node, "cpu-idle-states", n))) {
		if (!of_device_is_compatible(np, "arm,idle-state") ||
		    init_state_node(&drv->states[n], np)) {
			pr_err("cpuidle: %s: not a valid arm,idle-state\n", np->full_name);
			return -EINVAL;
		}
		if (pmsim_pmu_idle_mode((unsigned int)n) != PMSIM_IDLE_POWER_OFF)
			drv->states[n].enter_s2idle = pmsim_enter_s2idle_state;
		else if (!pmsim_pm_power_off_supported())
			drv->states[n].flags |= CPUIDLE_FLAG_UNUSABLE;
		n++;
	}
	if (!n)
		return 0;
	drv->state_count = n;
	int err = cpuidle_register(drv);
	if (!err)
		pr_info("cpuidle: %s: %d states\n", drv->name, n);
	return err;
}
/* After the PMU (subsys_initcall) and the warm boot (late_initcall). */
late_initcall_sync(pmsim_idle_init);
