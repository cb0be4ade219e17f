/*
 * Powering off (Linux's kernel/reboot.c): every device is shut down
 * (device_shutdown: children first, each bus's or driver's shutdown),
 * then "reboot: Power down" is printed and the platform powers off. On
 * pmsim that ends the run with status 0 (semihosting), unless the
 * platform set pm_power_off.
 */
#include <asm/irqflags.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/reboot.h>

#include "../arch/arm/arch.h"

void (*pm_power_off)(void);

static __noreturn void machine_power_off(void)
{
	local_irq_disable();
	if (pm_power_off)
		pm_power_off();
	semihost_exit(0);
}

__noreturn void kernel_power_off(void)
{
	device_shutdown();
	pr_emerg("reboot: Power down\n");
	machine_power_off();
}
