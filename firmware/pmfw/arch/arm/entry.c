/*
 * The context switch (Linux's arch/arm/kernel/entry-v7m.S, __pendsv_entry
 * and __switch_to, for threads that all run privileged in thread mode on
 * their own stacks).
 *
 * On exception entry the core has already pushed r0-r3, r12, lr, pc and
 * xPSR on the interrupted thread's stack (PSP); PendSV adds r4-r11 below
 * them and hands the resulting stack pointer to __schedule()
 * (kernel/sched/core.c), which saves it in the thread's task_struct and
 * returns the one of the thread to run; r4-r11 are popped from that
 * stack and the exception return (EXC_RETURN "thread mode, PSP") unstacks
 * the rest. Every thread is switched out this way, so every saved stack
 * has the same layout, which copy_thread (process.c) builds for a thread
 * that has not run yet.
 *
 * The code is built for the Cortex-M3 (no floating point), so no thread
 * has FP state (EXC_RETURN bit 4 is always set).
 *
 * PendSV taken while the boot context still runs on the main stack
 * (before rest_init moves it to PSP) switches nothing.
 */
#include <linux/compiler.h>

__attribute__((naked)) void pendsv_handler(void)
{
	__asm__ volatile(
		"tst lr, #4\n\t"       /* from the main stack: not a thread */
		"it eq\n\t"
		"bxeq lr\n\t"
		"mrs r0, psp\n\t"
		"stmdb r0!, {r4-r11}\n\t"
		"push {r3, lr}\n\t"    /* EXC_RETURN; r3 keeps MSP 8-byte aligned */
		"bl __schedule\n\t"
		"pop {r3, lr}\n\t"
		"ldmia r0!, {r4-r11}\n\t"
		"msr psp, r0\n\t"
		"bx lr\n");
}
