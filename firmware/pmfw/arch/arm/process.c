/*
 * Threads' machine state (Linux's arch/arm/kernel/process.c): a new
 * thread's first frame, the idle instruction, and the boot context's move
 * from the main stack to a thread stack.
 */
#include <asm/irqflags.h>
#include <linux/kernel.h>
#include <linux/sched.h>

#include "../../kernel/sched/sched.h"
#include "arch.h"

#define XPSR_T (1u << 24)

static __noreturn void thread_returned(void)
{
	panic("thread %s (pid %d) returned from its entry function", current->comm, current->pid);
}

/*
 * The stack as PendSV leaves a thread that was switched out: r4-r11, then
 * the exception frame (r0-r3, r12, lr, pc, xPSR) at an 8-byte aligned
 * address (so xPSR bit 9, the alignment pad, is clear). Returning to it
 * starts fn(arg) in thread mode.
 */
void copy_thread(struct task_struct *p, void (*fn)(void *), void *arg)
{
	uintptr_t top = ((uintptr_t)p->stack + p->stack_size) & ~(uintptr_t)7;
	u32 *frame = (u32 *)top - 8;
	frame[0] = (u32)(uintptr_t)arg;                 /* r0 */
	frame[1] = frame[2] = frame[3] = frame[4] = 0;  /* r1-r3, r12 */
	frame[5] = (u32)(uintptr_t)thread_returned;     /* lr */
	frame[6] = (u32)(uintptr_t)fn & ~1u;            /* pc */
	frame[7] = XPSR_T;
	u32 *regs = frame - 8;                          /* r4-r11 */
	for (int i = 0; i < 8; i++)
		regs[i] = 0;
	p->sp = (unsigned long)(uintptr_t)regs;
}

/* Linux's arm arch_cpu_idle: WFI with interrupts masked (an interrupt
 * still ends it), then unmask, so that it is taken. */
void arch_cpu_idle(void)
{
	arch_wfi();
	local_irq_enable();
}

/* Thread mode on PSP = stack_top, the main stack reset to its top for
 * the handlers, then fn (which never returns). */
__attribute__((naked, noreturn)) void arch_start_idle(void *stack_top, void (*fn)(void))
{
	__asm__ volatile(
		"msr psp, r0\n\t"
		"movs r2, #2\n\t"     /* CONTROL.SPSEL: thread mode uses PSP */
		"msr control, r2\n\t"
		"isb\n\t"
		"ldr r2, =__msp_stack_top\n\t"
		"msr msp, r2\n\t"
		"bx r1\n");
}
