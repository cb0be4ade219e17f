/* The shell's internals, shared by its files. */
#ifndef _SHELL_SH_H
#define _SHELL_SH_H

#include <pmfw/shell.h>

/* The status of the last command run. */
int sh_last_status(void);
/* Wait until the console's tty has sent everything (before the run ends). */
void shell_flush_console(void);
/* "12.345678" seconds -> µs, up to 10^6 s; -1 if it is not a
 * non-negative decimal number (sleep's, powertop's argument). */
long long sh_parse_seconds(const char *s);
/* Pass the shell's console output on (cat's stream). */
void sh_write_stream(void *arg, const char *s, size_t n);

#endif
