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

#endif
