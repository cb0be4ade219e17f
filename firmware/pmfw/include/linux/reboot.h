/* Ending the run (include/linux/reboot.h, kernel/reboot.c). */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/compiler.h>

/* Shut every device down, children first, then power off: pmsim's run
 * ends with status 0 ("reboot: Power down"). */
__noreturn void kernel_power_off(void);
/* The platform's power-off (the PMU driver may set it); NULL: the
 * simulator's exit. */
extern void (*pm_power_off)(void);

#endif
