/* ARMv7-M registers and helpers for arch/arm/ and kernel/. */
#ifndef _ARCH_ARM_ARCH_H
#define _ARCH_ARM_ARCH_H

#include <linux/types.h>

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
#define SCR_SLEEPDEEP (1u << 2)

static inline unsigned long arch_ipsr(void)
{
	unsigned long v;
	__asm__ volatile("mrs %0, ipsr" : "=r"(v));
	return v & 0x1ff;
}

static inline void arch_wfi(void)
{
	__asm__ volatile("dsb\n\twfi\n\tisb" ::: "memory");
}

/* Semihosting (arch/arm/semihosting.c): pmsim's (and QEMU's) host calls. */
__attribute__((noreturn)) void semihost_exit(int status);
void semihost_write0(const char *s);
/* SYS_ELAPSED: simulated time in microseconds (0 if the host lacks it). */
u64 semihost_elapsed_us(void);

#endif
