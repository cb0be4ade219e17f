/*
 * The ARMv7-M NVIC as pmfw's interrupt controller
 * (drivers/irqchip/irq-nvic.c).
 */
#ifndef _LINUX_IRQCHIP_ARM_NVIC_H
#define _LINUX_IRQCHIP_ARM_NVIC_H

#include <linux/types.h>

/*
 * The wake-up mask: the lines armed with enable_irq_wake() (and not yet
 * disarmed), bit n of mask[n / 32] for line n, for the PMU driver to copy
 * into its WAKE_EN register before system suspend (a line wakes the SoC
 * only if it is also enabled at the NVIC: suspend_device_irqs keeps armed
 * lines enabled). Fills `words` words (lines beyond are cleared) and
 * returns the number of lines the NVIC has.
 */
unsigned int nvic_get_wake_mask(u32 *mask, unsigned int words);

#endif
