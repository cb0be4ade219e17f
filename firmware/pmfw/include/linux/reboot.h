/* Ending the run (include/linux/reboot.h, kernel/reboot.c). */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/compiler.h>
#include <linux/types.h>

/* Shut every device down, children first, then power off: pmsim's run
 * ends with status 0 ("reboot: Power down"). */
__noreturn void kernel_power_off(void);
/* The platform's power-off (the PMU driver may set it); NULL: the
 * simulator's exit. */
extern void (*pm_power_off)(void);

/* Power off from a work item (Linux runs /sbin/poweroff there; pmfw has
 * no user space, so with `force` it is kernel_power_off, and without it
 * nothing happens). 0. */
int orderly_poweroff(bool force);
/* The hardware is about to damage itself (a thermal zone's critical
 * trip): "HARDWARE PROTECTION shutdown (reason)", then, the first time
 * only, a forced orderly_poweroff. ms_until_forced: Linux's emergency
 * power-off delay should the orderly one hang (0: none; pmfw's cannot
 * hang, so this is not armed). */
void hw_protection_shutdown(const char *reason, int ms_until_forced);

#endif
