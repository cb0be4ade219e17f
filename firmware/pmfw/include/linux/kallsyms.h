/*
 * The kernel's symbol table (Linux's include/linux/kallsyms.h;
 * kernel/kallsyms.c): the name of the function an address is in, for
 * printk's %ps and %pS, the shell's powertop and oopses. Only functions
 * are in the table; the Thumb bit of an address is ignored.
 */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

/* Linux's is 512; pmfw's longest function name is far shorter, and
 * threads' stacks are small. Longer names are cut to fit. */
#define KSYM_NAME_LEN 128
/* "name+0xoffset/0xsize" */
#define KSYM_SYMBOL_LEN (KSYM_NAME_LEN + 2 * sizeof("/0x12345678"))

/* The name of the function addr is in, copied to namebuf (KSYM_NAME_LEN
 * bytes), with the function's size and addr's offset in it; NULL if no
 * function holds addr. *modname is set to NULL (no modules). */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset, char **modname, char *namebuf);
/* "name+0x1c/0x40", or "0x..." when no function holds address; returns
 * the length. buffer holds KSYM_SYMBOL_LEN bytes. */
int sprint_symbol(char *buffer, unsigned long address);
/* The name alone, or "0x...". */
int sprint_symbol_no_offset(char *buffer, unsigned long address);
/* The name into symname (KSYM_NAME_LEN bytes): 0, or -ERANGE. */
int lookup_symbol_name(unsigned long addr, char *symname);

#endif
