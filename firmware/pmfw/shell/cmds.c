/*
 * The shell's own commands (the files are shell/fs.c's): each is what
 * busybox's or coreutils' command of that name does, the subset pmfw
 * needs, with their messages and exit statuses.
 *
 *   echo [-n] [ARG]...  the arguments, separated by spaces, and a newline
 *                       (not with -n)
 *   exit [N]            end the run with status N (0-255), by default
 *                       that of the last command
 *   poweroff            shut the devices down and end the run, status 0
 *   help                the commands
 *   dmesg               the kernel's log
 *   free                memory: the heap (mm/slab.c), in KiB
 *   ps                  the threads (see cmd_ps)
 *   kunit run [GLOB]    run the KUnit suites matching GLOB (default all);
 *                       the status is the number of failed cases
 */
#include <asm/irqflags.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <kunit/test.h>

#include "../arch/arm/arch.h"
#include "../kernel/printk.h"
#include "../mm/slab.h"
#include "sh.h"

extern const struct shell_cmd __shell_cmds_start[], __shell_cmds_end[];

static int cmd_echo(int argc, char **argv)
{
	bool newline = true;
	int i = 1;
	if (i < argc && !strcmp(argv[i], "-n")) {
		newline = false;
		i++;
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			sh_write(" ", 1);
		sh_write(argv[i], strlen(argv[i]));
	}
	if (newline)
		sh_write("\n", 1);
	return 0;
}
SHELL_CMD(echo, cmd_echo, "echo [-n] [TEXT]...", "print TEXT (> FILE: write it to FILE)");

static int cmd_exit(int argc, char **argv)
{
	int status = sh_last_status();
	if (argc > 1 && (kstrtoint(argv[1], 10, &status) || status < 0)) {
		sh_error("sh: exit: Illegal number: %s", argv[1]);
		return 2;
	}
	shell_flush_console();
	semihost_exit(status & 0xff);
}
SHELL_CMD(exit, cmd_exit, "exit [N]", "end the run with status N (default: the last status)");

static int cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	shell_flush_console();
	kernel_power_off();
}
SHELL_CMD(poweroff, cmd_poweroff, "poweroff", "shut the devices down and end the run (status 0)");

/* The commands in name order, without a table to sort: each round prints
 * the smallest name above the last one printed. */
static int cmd_help(int argc, char **argv)
{
	const char *last = "";
	(void)argc;
	(void)argv;
	sh_printf("Commands:\n");
	for (;;) {
		const struct shell_cmd *next = NULL;
		for (const struct shell_cmd *c = __shell_cmds_start; c < __shell_cmds_end; c++)
			if (strcmp(c->name, last) > 0 && (!next || strcmp(c->name, next->name) < 0))
				next = c;
		if (!next)
			return 0;
		sh_printf("  %-22s %s\n", next->usage, next->help);
		last = next->name;
	}
}
SHELL_CMD(help, cmd_help, "help", "list the commands");

static void dmesg_line(void *arg, const char *line, unsigned int len)
{
	(void)arg;
	sh_write(line, len);
}

static int cmd_dmesg(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	log_buf_for_each(dmesg_line, NULL);
	return 0;
}
SHELL_CMD(dmesg, cmd_dmesg, "dmesg", "print the kernel's log");

/* As procps' free (in KiB): the heap is all the memory there is; none of
 * it is shared, cache or swap. */
static int cmd_free(int argc, char **argv)
{
	struct kmem_stats st;
	(void)argc;
	(void)argv;
	kmem_get_stats(&st);
	unsigned long total = (unsigned long)(st.total >> 10), avail = (unsigned long)(st.free >> 10);
	sh_printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared", "buff/cache",
		  "available");
	sh_printf("%-7s%13lu%12lu%12lu%12d%12d%12lu\n", "Mem:", total, total - avail, avail, 0, 0,
		  avail);
	sh_printf("%-7s%13d%12d%12d\n", "Swap:", 0, 0, 0);
	sh_printf("Heap:   %lu regions, %lu allocations, %lu frees, %lu failed\n",
		  (unsigned long)st.regions, st.allocs, st.frees, st.failures);
	return 0;
}
SHELL_CMD(free, cmd_free, "free", "memory in use and free (KiB)");

static int cmd_kunit(int argc, char **argv)
{
	if (argc < 2 || argc > 3 || strcmp(argv[1], "run")) {
		sh_error("Usage: kunit run [GLOB]");
		return 2;
	}
	return kunit_run_tests(argc > 2 ? argv[2] : "*");
}
SHELL_CMD(kunit, cmd_kunit, "kunit run [GLOB]", "run the KUnit suites matching GLOB");

/* The threads (Linux's /proc/<pid>/stat and status, as one table): pid,
 * priority (lower runs first: 0-99 real-time, 100-139 normal), state
 * (R running or runnable, S sleeping, D uninterruptible, I idle, X dead),
 * run time in seconds, voluntary and involuntary context switches, name.
 * A snapshot is taken with interrupts off, then printed. */
struct ps_entry {
	pid_t pid;
	int prio;
	char state;
	u64 runtime;
	unsigned long nvcsw, nivcsw;
	char comm[TASK_COMM_LEN];
};

static char task_state_char(const struct task_struct *p)
{
	unsigned int st = READ_ONCE(p->__state);
	if (st == TASK_RUNNING)
		return 'R';
	if (st & TASK_DEAD)
		return 'X';
	if ((st & TASK_IDLE) == TASK_IDLE)
		return 'I';
	if (st & TASK_UNINTERRUPTIBLE)
		return 'D';
	return 'S';
}

static int cmd_ps(int argc, char **argv)
{
	struct task_struct *p;
	unsigned long flags;
	size_t n = 0, max;
	(void)argc;
	(void)argv;
	local_irq_save(flags);
	for_each_process(p)
		n++;
	local_irq_restore(flags);
	max = n + 4; /* room for threads started meanwhile */
	struct ps_entry *e = kcalloc(max, sizeof *e, GFP_KERNEL);
	if (!e) {
		sh_error("ps: out of memory");
		return 1;
	}
	n = 0;
	local_irq_save(flags);
	u64 now = local_clock();
	for_each_process(p) {
		if (n == max)
			break;
		e[n].pid = p->pid;
		e[n].prio = p->prio;
		e[n].state = task_state_char(p);
		e[n].runtime = p->se.sum_exec_runtime;
		if (p == current)
			e[n].runtime += now - p->se.exec_start;
		e[n].nvcsw = p->nvcsw;
		e[n].nivcsw = p->nivcsw;
		memcpy(e[n].comm, p->comm, TASK_COMM_LEN);
		n++;
	}
	local_irq_restore(flags);
	sh_printf("  PID PRI S     RUNTIME      VCSW     IVCSW COMMAND\n");
	for (size_t i = 0; i < n; i++)
		sh_printf("%5d %3d %c %4lu.%06lu %9lu %9lu %s\n", (int)e[i].pid, e[i].prio,
			  e[i].state, (unsigned long)(e[i].runtime / NSEC_PER_SEC),
			  (unsigned long)(e[i].runtime % NSEC_PER_SEC / NSEC_PER_USEC), e[i].nvcsw,
			  e[i].nivcsw, e[i].comm);
	kfree(e);
	return 0;
}
SHELL_CMD(ps, cmd_ps, "ps", "threads: pid, priority, state, run time, switches");
