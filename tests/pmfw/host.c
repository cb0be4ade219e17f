/*
 * What the portable parts of pmfw need from the kernel when they run on the
 * host for their unit tests: printk to stderr, the heap on malloc.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/slab.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

int vprintk(const char *fmt, va_list args)
{
	while (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;
	return vfprintf(stderr, fmt, args);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

#ifndef PMFW_HOST_OWN_HEAP
void *kmalloc(size_t size, gfp_t flags)
{
	return flags & __GFP_ZERO ? calloc(1, size) : malloc(size);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return calloc(1, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return calloc(n, size);
}

char *kstrdup(const char *s, gfp_t flags)
{
	return s ? strdup(s) : NULL;
}
#endif

void __warn(const char *file, int line)
{
	fprintf(stderr, "WARNING: at %s:%d\n", file, line);
}

__noreturn void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

/* The linker tables pmfw.ld collects, empty on the host (no early
 * providers: the tests register their clocks themselves). */
const char pmfw_host_empty_table[1];
extern const char __clk_of_table_start[1] __attribute__((alias("pmfw_host_empty_table")));
extern const char __clk_of_table_end[1] __attribute__((alias("pmfw_host_empty_table")));
