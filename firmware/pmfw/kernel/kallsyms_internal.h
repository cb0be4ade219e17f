/*
 * The table scripts/kallsyms.py generates from the image's first link
 * (firmware/pmfw/CMakeLists.txt), in the .kallsyms section, last in flash
 * (pmfw.ld): the functions' addresses sorted (Thumb bit clear, one name
 * per address) and then the end of the last function; their names,
 * NUL-terminated, one after the other in the same order; the offset in
 * kallsyms_names of every KALLSYMS_MARKER_STRIDE-th name.
 */
#ifndef _KERNEL_KALLSYMS_INTERNAL_H
#define _KERNEL_KALLSYMS_INTERNAL_H

#define KALLSYMS_MARKER_STRIDE 256 /* scripts/kallsyms.py's MARKER_STRIDE */

extern const unsigned int kallsyms_num_syms;
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_markers[];
extern const char kallsyms_names[];

#endif
