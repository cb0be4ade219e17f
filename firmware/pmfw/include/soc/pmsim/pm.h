/*
 * Suspend to RAM's machine part on pmsim (arch/arm/mach-pmsim/pm.c), what
 * the PMU's platform_suspend_ops call: valid() asks whether the SoC can
 * do `mem` at all, enter(PM_SUSPEND_MEM) enters it.
 */
#ifndef _SOC_PMSIM_PM_H
#define _SOC_PMSIM_PM_H

#include <linux/types.h>

/* The SoC can suspend to RAM: it has a DRAM controller, an always-on SRAM
 * (`mmio-sram` in the PMU's `aon` domain) and a PMU, and the buffer that
 * keeps the SRAM's contents in DRAM was reserved at boot. */
bool pmsim_pm_mem_supported(void);

/* Suspend to RAM and back: interrupts off, devices suspended, the wake-up
 * lines armed in WAKE_EN and enabled in the NVIC. 0 after a suspend and
 * resume; -EBUSY if a wake-up was pending (the WFI returned at once);
 * -EOPNOTSUPP without support; -EIO if the DRAM would not enter
 * self-refresh or the PMU does not report the suspend. */
int pmsim_pm_enter_mem(void);

#endif
