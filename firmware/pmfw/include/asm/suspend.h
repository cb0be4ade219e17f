/*
 * Saving the core's context across a power-off (Linux's
 * arch/arm/include/asm/suspend.h; arch/arm/sleep.c).
 *
 * cpu_suspend(arg, fn) saves what the core loses when it powers off
 * (docs/devices/pmu.md: registers, the SCS, the MPU, the caches' enables)
 * and calls fn(arg), the finisher, which powers the core off. The core
 * comes back through the warm boot, whose code ends in cpu_resume: the
 * context is restored and cpu_suspend returns 0. If fn returns instead
 * (the power-off did not happen), cpu_suspend returns its value, or 1 if
 * that is 0 (as Linux does: 0 means "resumed").
 *
 * The context lives in the kernel's memory (.bss and the caller's stack),
 * which must hold its contents until cpu_resume runs: kept by the SRAM in
 * an idle power-off state, copied away and back by suspend to RAM. The
 * finisher writes back the D-cache before the core powers off
 * (v7m_dcache_off_flush, asm/cacheflush.h, does it with no store in
 * between).
 *
 * Thread mode only (the exception state cannot be rebuilt after a reset):
 * -EINVAL from a handler. Interrupts off.
 */
#ifndef _ASM_SUSPEND_H
#define _ASM_SUSPEND_H

#include <linux/types.h>

int cpu_suspend(unsigned long arg, int (*fn)(unsigned long));
/* The warm boot's last step: in thread mode, on any stack, interrupts
 * masked, the kernel's memory as it was when fn was called. Does not
 * return to its caller: cpu_suspend returns 0. */
void cpu_resume(void) __attribute__((noreturn));

#endif
