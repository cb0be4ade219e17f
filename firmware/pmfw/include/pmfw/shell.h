/*
 * pmfw's shell (shell/): init's program, on the console. A subsystem adds
 * a command with SHELL_CMD; the linker collects them (section
 * .shell_cmds), `help` lists them.
 *
 *   static int cmd_hello(int argc, char **argv)
 *   {
 *           sh_printf("hello %s\n", argc > 1 ? argv[1] : "world");
 *           return 0;
 *   }
 *   SHELL_CMD(hello, cmd_hello, "hello [NAME]", "greet NAME");
 *
 * A command is called as main() is, and returns its exit status. It
 * prints its output with sh_printf/sh_write (the console, or the file its
 * output is redirected to) and its errors with sh_error ("NAME: what",
 * on the console).
 */
#ifndef _PMFW_SHELL_H
#define _PMFW_SHELL_H

#include <linux/compiler.h>
#include <linux/types.h>

struct shell_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage; /* "ls [PATH]..." */
	const char *help;  /* what it does, in a few words */
};

#define SHELL_CMD(_name, _fn, _usage, _help)                                           \
	static const struct shell_cmd __shell_cmd_##_name __used                       \
		__section(".shell_cmds") __aligned(4) = {                              \
			.name = #_name, .fn = _fn, .usage = _usage, .help = _help,     \
		}

/* The running command's standard output. */
void sh_write(const char *s, size_t n);
int sh_printf(const char *fmt, ...) __printf(1, 2);
/* Its errors: "<message>\n" on the console, never redirected. */
void sh_error(const char *fmt, ...) __printf(1, 2);

/* Run a text of commands (';' and newlines separate them), as init's
 * command line is run: the status of the last one. `exit` and `poweroff`
 * end the run and do not return. */
int shell_run(const char *text);

/* Send the console side of the shell (output and errors) to fn instead,
 * or back to the console with NULL: the in-kernel tests capture it. */
void shell_set_console(void (*fn)(void *arg, const char *s, size_t n), void *arg);

/* A buffer for that output: shell_set_console(sh_capture, &cap) appends
 * to cap.buf (cap.size bytes), which always holds cap.len bytes and a
 * NUL; what does not fit is dropped. */
struct sh_capture {
	char *buf;
	size_t size, len;
};
void sh_capture(void *arg, const char *s, size_t n);

/* The command called name, or NULL. */
const struct shell_cmd *shell_find_cmd(const char *name);

/* init: run the command line, then read commands from the console. */
__noreturn void shell_main(const char *cmd);

#endif
