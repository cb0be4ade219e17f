/*
 * Initcalls and boot parameters (include/linux/init.h). start_kernel runs
 * the initcalls level by level, in link order within a level:
 *   early (0), core (1), postcore (2), arch (3), subsys (4), fs (5),
 *   device (6), late (7).
 * __setup("name=", fn) registers a command-line parameter: fn gets the
 * text after "name=" (or "" for a bare "name") and returns 1 if it took
 * it. The command line is /chosen/bootargs (docs/pmfw.md).
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

typedef int (*initcall_t)(void);

struct initcall_entry {
	initcall_t fn;
	const char *name;
};

#define __define_initcall(fn, level)                                                   \
	static const struct initcall_entry __initcall_##fn##level __used                  \
		__section(".initcall." #level ".init") = { fn, #fn }

#define early_initcall(fn) __define_initcall(fn, 0)
#define core_initcall(fn) __define_initcall(fn, 1)
#define postcore_initcall(fn) __define_initcall(fn, 2)
#define arch_initcall(fn) __define_initcall(fn, 3)
#define subsys_initcall(fn) __define_initcall(fn, 4)
#define fs_initcall(fn) __define_initcall(fn, 5)
#define device_initcall(fn) __define_initcall(fn, 6)
#define module_init(fn) device_initcall(fn)
#define late_initcall(fn) __define_initcall(fn, 7)
/* After every late_initcall (the sections sort ".7.init" before ".7s.init"). */
#define late_initcall_sync(fn) __define_initcall(fn, 7s)

#define __init
#define __initdata

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *);
	int early;
};

#define __setup_param(str, unique_id, fn, early)                                        \
	static const struct obs_kernel_param __setup_##unique_id __used                   \
		__section(".init.setup") __aligned(4) = { str, fn, early }
#define __setup(str, fn) __setup_param(str, fn, fn, 0)
#define early_param(str, fn) __setup_param(str, fn, fn, 1)

/* The kernel's command line: what bootargs had before the shell's part. */
extern char boot_command_line[];

#endif
