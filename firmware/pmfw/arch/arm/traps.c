/*
 * Faults (Linux's arch/arm/kernel/traps.c for ARMv7-M): HardFault,
 * MemManage, BusFault and UsageFault all come here. The oops shows what
 * Linux's does on an M-class core: the exception, the fault status
 * registers decoded, every register (r0-r3, r12, lr, pc and xPSR from the
 * exception frame; r4-r11 as the handler found them), the stack pointer
 * and the thread, then panics: a fault in the kernel is fatal.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>

#include "arch.h"

struct exc_frame {
	u32 r0, r1, r2, r3, r12, lr, pc, xpsr;
};

static const char *const fault_names[] = {
	[3] = "HardFault", [4] = "MemManage", [5] = "BusFault", [6] = "UsageFault",
};

static const char *const cfsr_bits[32] = {
	[0] = "IACCVIOL", [1] = "DACCVIOL", [3] = "MUNSTKERR", [4] = "MSTKERR",
	[5] = "MLSPERR", [7] = "MMARVALID", [8] = "IBUSERR", [9] = "PRECISERR",
	[10] = "IMPRECISERR", [11] = "UNSTKERR", [12] = "STKERR", [13] = "LSPERR",
	[15] = "BFARVALID", [16] = "UNDEFINSTR", [17] = "INVSTATE", [18] = "INVPC",
	[19] = "NOCP", [24] = "UNALIGNED", [25] = "DIVBYZERO",
};

__used void do_fault(const struct exc_frame *f, u32 exc_return, const u32 *r4_r11)
{
	unsigned long exc = arch_ipsr();
	u32 cfsr = SCB_CFSR, hfsr = SCB_HFSR;
	char bits[160];
	int n = 0;
	bits[0] = '\0';
	for (int i = 0; i < 32; i++)
		if ((cfsr >> i & 1) && cfsr_bits[i])
			n += scnprintf(bits + n, sizeof bits - (size_t)n, " %s", cfsr_bits[i]);
	pr_emerg("Unhandled %s: CFSR 0x%08lx (%s), HFSR 0x%08lx%s\n",
		 exc < 7 && fault_names[exc] ? fault_names[exc] : "exception",
		 (unsigned long)cfsr, n ? bits + 1 : "none", (unsigned long)hfsr,
		 hfsr & (1u << 30) ? " (FORCED)" : "");
	if (cfsr & (1u << 7))
		pr_emerg("MMFAR 0x%08lx\n", (unsigned long)SCB_MMFAR);
	if (cfsr & (1u << 15))
		pr_emerg("BFAR 0x%08lx\n", (unsigned long)SCB_BFAR);
	pr_emerg("pc : 0x%08lx  lr : 0x%08lx  xPSR: 0x%08lx\n", (unsigned long)f->pc,
		 (unsigned long)f->lr, (unsigned long)f->xpsr);
	pr_emerg("sp : 0x%08lx  r12: 0x%08lx  EXC_RETURN: 0x%08lx (%s stack)\n",
		 (unsigned long)(uintptr_t)(f + 1), (unsigned long)f->r12,
		 (unsigned long)exc_return, exc_return & 4 ? "thread" : "main");
	pr_emerg("r11: 0x%08lx  r10: 0x%08lx  r9 : 0x%08lx  r8 : 0x%08lx\n",
		 (unsigned long)r4_r11[7], (unsigned long)r4_r11[6], (unsigned long)r4_r11[5],
		 (unsigned long)r4_r11[4]);
	pr_emerg("r7 : 0x%08lx  r6 : 0x%08lx  r5 : 0x%08lx  r4 : 0x%08lx\n",
		 (unsigned long)r4_r11[3], (unsigned long)r4_r11[2], (unsigned long)r4_r11[1],
		 (unsigned long)r4_r11[0]);
	pr_emerg("r3 : 0x%08lx  r2 : 0x%08lx  r1 : 0x%08lx  r0 : 0x%08lx\n",
		 (unsigned long)f->r3, (unsigned long)f->r2, (unsigned long)f->r1,
		 (unsigned long)f->r0);
	if (current)
		pr_emerg("Process %s (pid: %d, stack limit = 0x%08lx)\n", current->comm,
			 current->pid, (unsigned long)(uintptr_t)current->stack);
	panic("Fatal exception%s", exc_return & 8 ? "" : " in interrupt");
}

/* Which stack holds the frame, then r4-r11 saved below it for the oops. */
__attribute__((naked)) void fault_handler(void)
{
	__asm__ volatile(
		"tst lr, #4\n\t"
		"ite eq\n\t"
		"mrseq r0, msp\n\t"
		"mrsne r0, psp\n\t"
		"mov r1, lr\n\t"
		"push {r4-r11}\n\t"
		"mov r2, sp\n\t"
		"bl do_fault\n"
		"1:\n\t"
		"b 1b\n");
}
