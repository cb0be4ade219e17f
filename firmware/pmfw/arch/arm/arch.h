/* ARMv7-M registers and helpers for arch/arm/ and kernel/. */
#ifndef _ARCH_ARM_ARCH_H
#define _ARCH_ARM_ARCH_H

#include <linux/types.h>
#include <pmfw/powertop.h>

/* External interrupts the vector table routes (the NVIC may have fewer). */
#define NR_IRQS 64

#define SCB_ICSR (*(volatile u32 *)0xe000ed04u)
#define SCB_VTOR (*(volatile u32 *)0xe000ed08u)
#define SCB_AIRCR (*(volatile u32 *)0xe000ed0cu)
#define SCB_SCR (*(volatile u32 *)0xe000ed10u)
#define SCB_CCR (*(volatile u32 *)0xe000ed14u)
#define SCB_SHPR2 (*(volatile u32 *)0xe000ed1cu)
#define SCB_SHPR3 (*(volatile u32 *)0xe000ed20u)
#define SCB_SHCSR (*(volatile u32 *)0xe000ed24u)
#define SCB_CFSR (*(volatile u32 *)0xe000ed28u)
#define SCB_HFSR (*(volatile u32 *)0xe000ed2cu)
#define SCB_MMFAR (*(volatile u32 *)0xe000ed34u)
#define SCB_BFAR (*(volatile u32 *)0xe000ed38u)
#define SCB_CPUID (*(volatile u32 *)0xe000ed00u)
#define ICSR_PENDSVSET (1u << 28)
#define ICSR_VECTPENDING(icsr) (((icsr) >> 12) & 0x1ffu)
#define SCR_SLEEPDEEP (1u << 2)

static inline unsigned long arch_ipsr(void)
{
	unsigned long v;
	__asm__ volatile("mrs %0, ipsr" : "=r"(v));
	return v & 0x1ff;
}

/* The highest pending exception, masked or not (0: none). */
static inline unsigned int arch_vectpending(void)
{
	return ICSR_VECTPENDING(SCB_ICSR);
}

/* WFI, with interrupts masked (every caller's case), and the wake-up
 * counted for powertop (include/pmfw/powertop.h) with the exception that
 * ended it, still pending. An exception already pending ends the WFI at
 * once: the core does not sleep (pmsim's PMU sees no idle entry), and
 * that is no wake-up. (One that arrives between the check and the WFI,
 * a few cycles, would be counted all the same.) */
static inline void arch_wfi(void)
{
	bool sleeps = !arch_vectpending();
	__asm__ volatile("dsb\n\twfi\n\tisb" ::: "memory");
	if (sleeps)
		powertop_cpu_woke(arch_vectpending());
}

/* Semihosting (arch/arm/semihosting.c): pmsim's (and QEMU's) host calls. */
__attribute__((noreturn)) void semihost_exit(int status);
void semihost_write0(const char *s);
/* SYS_ELAPSED: simulated time in microseconds (0 if the host lacks it). */
u64 semihost_elapsed_us(void);

#endif
