/* The blob walker of fdt.c, for base.c. */
#ifndef _OF_PRIVATE_H
#define _OF_PRIVATE_H

#include <linux/of.h>

u32 of_fdt_next_tag(int off, int *next);
const char *of_fdt_node_name(int off);
void of_fdt_prop(int off, struct property *p);
int of_fdt_next_prop(int node, int prev);
u32 of_fdt_totalsize(void);

#endif
