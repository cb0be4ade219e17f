/*
 * start_kernel (Linux's init/main.c): from the reset handler, with the
 * device tree pmsim handed over (docs/boot.md), to the shell.
 *
 *  1. the heap (the SRAM after .bss);
 *  2. the device tree: checked and unflattened; a blob pmsim could not
 *     have meant, or a tree without what the firmware needs (a memory, a
 *     PL011 for stdout-path), ends the run with a message on the host's
 *     stderr (semihosting) and status 1;
 *  3. the command line and the boot console;
 *  4. the rest of the RAM (less no-map reserved memory), the caches and
 *     the MPU (arch/arm/mm/nommu.c's paging_init), then the kernel core:
 *     the scheduler, the interrupt controller, the early clocks and the
 *     timers;
 *  5. rest_init: the boot context becomes the idle thread and starts
 *     init (pid 1), which runs the initcalls level by level (frameworks,
 *     then drivers: in a thread, so that they may sleep), then the shell
 *     with the command line's commands.
 */
#include <linux/clk-provider.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/printk.h>
#include <linux/sched.h>

#include "../arch/arm/arch.h"
#include "../kernel/params.h"

#define PMFW_VERSION "0.1"

void mm_init(void);
void memblock_add_dt(void);
void paging_init(void);
int setup_earlycon(void);

/* The kernel core's steps: weak here, so that the boot path can be built
 * and run on its own. */
__weak struct task_struct *current_task;
__weak void sched_init(void)
{
}
__weak void init_IRQ(void)
{
}
/* Linux's arm time_init: the early clock providers, then the timers. */
__weak void time_init(void)
{
	of_clk_init(NULL);
}
void kunit_run_all_tests(void);

/* The shell (shell/): runs `cmd`, then reads the console for ever. */
__weak __noreturn void shell_main(const char *cmd)
{
	pr_notice("Run %s as init process\n", *cmd ? cmd : "(nothing)");
	pr_emerg("pmfw: no init: the shell is not built in\n");
	semihost_exit(0);
}

/* Start init and become the idle thread (kernel/sched/); without a
 * scheduler, init runs here. */
__weak __noreturn void rest_init(const char *init_command)
{
	kernel_init(init_command);
}

static __noreturn void boot_fail(const char *why)
{
	semihost_write0("pmfw: cannot boot: ");
	semihost_write0(why);
	semihost_write0("\n");
	semihost_exit(1);
}

static void do_initcalls(void)
{
	extern const struct initcall_entry __initcall_start[], __initcall_end[];
	for (const struct initcall_entry *c = __initcall_start; c < __initcall_end; c++) {
		int ret = c->fn();
		if (ret)
			pr_warn("initcall %s returned %d\n", c->name, ret);
	}
}

/* What the init thread does (Linux's kernel_init): the initcalls, in a
 * thread so that drivers may sleep, the boot-time tests, then the shell. */
__noreturn void kernel_init(const char *init_command)
{
	do_initcalls();
	kunit_run_all_tests();
	shell_main(init_command);
}

__noreturn void start_kernel(const void *dtb)
{
	mm_init();
	if (early_init_dt_verify(dtb))
		boot_fail("r2 does not point to a device tree (was pmfw started by pmsim?)");
	if (unflatten_device_tree())
		boot_fail("the device tree is malformed");
	if (setup_command_line())
		boot_fail("the command line is longer than 1023 bytes (Linux's COMMAND_LINE_SIZE "
			  "of 1024); give a long list of commands through the console instead "
			  "(pmsim run --uart-in FILE)");
	if (setup_earlycon())
		boot_fail("/chosen/stdout-path does not name an arm,pl011 UART with a reg");

	const char *model = "(no model)";
	of_property_read_string(of_root, "model", &model);
	pr_notice("Booting pmfw %s on physical CPU 0x0\n", PMFW_VERSION);
	pr_info("OF: fdt: Machine model: %s\n", model);
	pr_notice("Kernel command line: %s\n", boot_command_line);
	memblock_add_dt();
	paging_init();
	parse_late_params();
	sched_init();
	init_IRQ();
	time_init();
	rest_init(get_init_command());
}
