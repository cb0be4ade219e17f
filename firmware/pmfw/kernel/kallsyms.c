/*
 * kallsyms (Linux's kernel/kallsyms.c, much smaller): which function an
 * address is in. The table (kallsyms_internal.h) is generated at build
 * time from the image's own symbols, as Linux's scripts/kallsyms does for
 * vmlinux, and holds only functions: an address in data, or past the end
 * of the last function, is in none. A function's size is the distance to
 * the next one, as in Linux (alignment padding counts for the function
 * before it).
 *
 * A lookup is a binary search of the addresses, then a walk over at most
 * 255 names from the nearest marker: no allocation, no lock (the table
 * is in flash and never changes), so any context may call it.
 */
#include <linux/errno.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "kallsyms_internal.h"

/* The function holding addr (its name in the table), or NULL. */
static const char *kallsyms_find(unsigned long addr, unsigned long *symbolsize,
				 unsigned long *offset)
{
	unsigned int n = kallsyms_num_syms, lo = 0, hi = n;

	addr &= ~1UL; /* a Thumb function pointer */
	if (!n || addr < kallsyms_addresses[0] || addr >= kallsyms_addresses[n])
		return NULL;
	/* The last function that starts at or below addr. */
	while (hi - lo > 1) {
		unsigned int mid = lo + (hi - lo) / 2;
		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (symbolsize)
		*symbolsize = kallsyms_addresses[lo + 1] - kallsyms_addresses[lo];
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	const char *name = kallsyms_names + kallsyms_markers[lo / KALLSYMS_MARKER_STRIDE];
	for (unsigned int i = lo & ~(KALLSYMS_MARKER_STRIDE - 1); i < lo; i++)
		name += strlen(name) + 1;
	return name;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset, char **modname, char *namebuf)
{
	unsigned long size, off;
	const char *name = kallsyms_find(addr, &size, &off);

	if (modname)
		*modname = NULL;
	namebuf[0] = '\0';
	if (!name)
		return NULL;
	strscpy(namebuf, name, KSYM_NAME_LEN);
	if (symbolsize)
		*symbolsize = size;
	if (offset)
		*offset = off;
	return namebuf;
}

int lookup_symbol_name(unsigned long addr, char *symname)
{
	return kallsyms_lookup(addr, NULL, NULL, NULL, symname) ? 0 : -ERANGE;
}

static int __sprint_symbol(char *buffer, unsigned long address, bool add_offset)
{
	unsigned long size, off;
	const char *name = kallsyms_find(address, &size, &off);

	if (!name)
		return sprintf(buffer, "0x%lx", address);
	if (!add_offset)
		return sprintf(buffer, "%.*s", KSYM_NAME_LEN - 1, name);
	return sprintf(buffer, "%.*s+0x%lx/0x%lx", KSYM_NAME_LEN - 1, name, off, size);
}

int sprint_symbol(char *buffer, unsigned long address)
{
	return __sprint_symbol(buffer, address, true);
}

int sprint_symbol_no_offset(char *buffer, unsigned long address)
{
	return __sprint_symbol(buffer, address, false);
}
