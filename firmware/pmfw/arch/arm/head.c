/*
 * Reset and the vector table (Linux's arch/arm/kernel/head-nommu.S and
 * entry-v7m.S, for an ARMv7-M core).
 *
 * pmsim starts the core as a bootloader leaves it (docs/boot.md): r2 holds
 * the device tree's address. reset_handler keeps it in a callee-saved
 * register while it copies .data and clears .bss, then calls
 * start_kernel(dtb). Handlers and interrupts run on the main stack at the
 * top of SRAM; threads run on their own stacks (PSP).
 *
 * Every external interrupt enters irq_entry, which hands its number to
 * the IRQ layer (kernel/irq/). The faults go to arch/arm/traps.c; SVCall,
 * PendSV and SysTick to the scheduler and timekeeping, which override the
 * weak defaults here.
 */
#include <linux/compiler.h>
#include <linux/kernel.h>

#include "arch.h"

#define NR_VECTORS (16 + NR_IRQS)

extern char __msp_stack_top[], __data_start[], __data_end[], __data_load[];
extern char __bss_start[], __bss_end[];

__noreturn void start_kernel(const void *dtb);

/* The runtime's: copy .data, clear .bss, keep r2. */
__attribute__((naked, noreturn)) void reset_handler(void)
{
	__asm__ volatile(
		"mov r4, r2\n\t"
		/* .data from flash */
		"ldr r0, =__data_start\n\t"
		"ldr r1, =__data_end\n\t"
		"ldr r2, =__data_load\n"
		"1:\n\t"
		"cmp r0, r1\n\t"
		"bhs 2f\n\t"
		"ldr r3, [r2], #4\n\t"
		"str r3, [r0], #4\n\t"
		"b 1b\n"
		"2:\n\t"
		/* .bss cleared */
		"ldr r0, =__bss_start\n\t"
		"ldr r1, =__bss_end\n\t"
		"movs r3, #0\n"
		"3:\n\t"
		"cmp r0, r1\n\t"
		"bhs 4f\n\t"
		"str r3, [r0], #4\n\t"
		"b 3b\n"
		"4:\n\t"
		"mov r0, r4\n\t"
		"bl start_kernel\n"
		"5:\n\t"
		"b 5b\n");
}

static void default_handler(void)
{
	panic("unexpected exception %lu", arch_ipsr());
}

void nmi_handler(void) __weak __attribute__((alias("default_handler")));
void svc_handler(void) __weak __attribute__((alias("default_handler")));
void pendsv_handler(void) __weak __attribute__((alias("default_handler")));
void systick_handler(void) __weak __attribute__((alias("default_handler")));
void fault_handler(void);

/* The IRQ layer's entry point: the interrupt number from IPSR. */
__weak void handle_arch_irq(unsigned int irq)
{
	panic("interrupt %u with no IRQ layer", irq);
}

static void irq_entry(void)
{
	handle_arch_irq(arch_ipsr() - 16);
}

typedef void (*vector_t)(void);

__used __section(".vectors") static const vector_t vectors[NR_VECTORS] = {
	[0] = (vector_t)(void *)__msp_stack_top,
	[1] = reset_handler,
	[2] = nmi_handler,
	[3] = fault_handler,  /* HardFault */
	[4] = fault_handler,  /* MemManage */
	[5] = fault_handler,  /* BusFault */
	[6] = fault_handler,  /* UsageFault */
	[11] = svc_handler,
	[12] = default_handler, /* DebugMonitor */
	[14] = pendsv_handler,
	[15] = systick_handler,
	[16 ... NR_VECTORS - 1] = irq_entry,
};
