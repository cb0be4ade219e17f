/* The command line's two parts (kernel/params.c). */
#ifndef _KERNEL_PARAMS_H
#define _KERNEL_PARAMS_H

/* Read /chosen/bootargs and run the early parameters' handlers: 0, or
 * -E2BIG if it is longer than COMMAND_LINE_SIZE - 1 bytes (1023). */
int setup_command_line(void);
/* Run the other parameters' handlers. */
void parse_late_params(void);
/* What follows the kernel's parameters: the shell's commands ("" if none). */
const char *get_init_command(void);

#endif
