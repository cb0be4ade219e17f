/* Interrupt masking (arch/arm/include/asm/irqflags.h): PRIMASK. */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#ifdef PMFW_HOST
/* Host unit tests: no interrupts. */
#define local_irq_save(flags) ((flags) = 0)
#define local_irq_restore(flags) ((void)(flags))
#define local_irq_disable() ((void)0)
#define local_irq_enable() ((void)0)
#define irqs_disabled() 0
#else
static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;
	__asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(flags) : : "memory");
	return flags;
}
static inline void arch_local_irq_restore(unsigned long flags)
{
	__asm__ volatile("msr primask, %0" : : "r"(flags) : "memory");
}
static inline int arch_irqs_disabled(void)
{
	unsigned long flags;
	__asm__ volatile("mrs %0, primask" : "=r"(flags));
	return flags & 1;
}
#define local_irq_save(flags) ((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define local_irq_disable() __asm__ volatile("cpsid i" : : : "memory")
#define local_irq_enable() __asm__ volatile("cpsie i" : : : "memory")
#define irqs_disabled() arch_irqs_disabled()
#endif

#endif
