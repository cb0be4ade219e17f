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
 *   kunit run [GLOB]    run the KUnit suites matching GLOB (default all);
 *                       the status is the number of failed cases
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/reboot.h>
#include <linux/string.h>

#include <kunit/test.h>

#include "../arch/arm/arch.h"
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
	semihost_exit(status & 0xff);
}
SHELL_CMD(exit, cmd_exit, "exit [N]", "end the run with status N (default: the last status)");

static int cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
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
