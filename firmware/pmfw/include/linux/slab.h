/*
 * Kernel memory (mm/slab.c): a first-fit heap over the SRAM after .bss and
 * every other RAM the device tree lists (mm/memblock.c adds it at boot).
 * kmalloc'd memory is 8-byte aligned and never moves.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>

#define GFP_KERNEL 0u
#define GFP_ATOMIC 1u
#define GFP_NOWAIT 1u
#define __GFP_ZERO 0x100u
#define __GFP_HIGHMEM 0x02u  /* may (and preferably does) come from external RAM */
#define GFP_HIGHUSER __GFP_HIGHMEM

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *krealloc(const void *p, size_t size, gfp_t flags);
void kfree(const void *p);
char *kstrdup(const char *s, gfp_t flags);
size_t ksize(const void *p);

#endif
