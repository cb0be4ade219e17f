/*
 * panic and WARN (Linux's kernel/panic.c). A panic prints its message,
 * then ends the run through semihosting with status 1 — on a board it
 * would hang or reboot (`panic=`); in a simulation the run should end,
 * with a status a script can see (docs/pmfw.md).
 */
#include <stdarg.h>
#include <stdio.h>

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/spinlock.h>

#include "../arch/arm/arch.h"
#include "printk.h"

#define PANIC_EXIT_STATUS 1

__noreturn void panic(const char *fmt, ...)
{
	static bool in_panic;
	char buf[160];
	va_list ap;
	local_irq_disable();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (!in_panic) {
		in_panic = true;
		pr_emerg("Kernel panic - not syncing: %s\n", buf);
		pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
		/* Before any console, the host's stderr is the only way out. */
		if (!console_registered()) {
			semihost_write0("pmfw: Kernel panic - not syncing: ");
			semihost_write0(buf);
			semihost_write0("\n");
		}
	}
	semihost_exit(PANIC_EXIT_STATUS);
}

void __warn(const char *file, int line)
{
	pr_warn("WARNING: at %s:%d\n", file, line);
}
