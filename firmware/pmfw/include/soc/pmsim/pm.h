/*
 * pmsim's system sleep platform part (drivers/soc/pmsim/pm.c): the
 * PMU's platform_suspend_ops. Suspend-to-RAM's machine part (warm boot,
 * SRAM saved, DRAM in self-refresh) plugs in here: pmsim_pm_enter_mem
 * and pmsim_pm_mem_supported are weak (-ENOSYS, false) until it does.
 */
#ifndef _SOC_PMSIM_PM_H
#define _SOC_PMSIM_PM_H

#include <linux/types.h>

/* Enter suspend-to-RAM (interrupts off, syscore suspended) and return
 * after the wake-up: 0, or an error (the suspend fails cleanly). */
int pmsim_pm_enter_mem(void);
/* `mem` (deep) is offered. */
bool pmsim_pm_mem_supported(void);
/* WAKE_EN as the last begin() armed it, and WAKE_STATUS as the last
 * wake() read it. */
u32 pmsim_pm_wake_enabled(void);
u32 pmsim_pm_last_wake_status(void);

/* Idle state `index` (a power-off one: the core's context and caches
 * lost, the SRAM kept) through cpu_suspend and the warm boot, for
 * cpuidle: interrupts off; any interrupt ends it (the tick included). 0
 * after the warm boot; -EBUSY if an interrupt was pending; -ENODEV
 * without a warm boot (arch/arm/mach-pmsim/pm.c). */
int pmsim_pm_enter_power_off(unsigned int index);
/* The warm boot is ready (at late_initcall): power-off states can be
 * entered. */
bool pmsim_pm_power_off_supported(void);

#endif
