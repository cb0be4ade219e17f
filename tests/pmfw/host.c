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

/* Delays pass no time on the host: their sum is what the tests read. */
unsigned long host_slept_us;
u64 host_now_ns;

void fsleep(unsigned long usecs)
{
	host_slept_us += usecs;
	host_now_ns += (u64)usecs * 1000;
}

void udelay(unsigned long usecs)
{
	fsleep(usecs);
}

u64 ktime_get_ns(void)
{
	return host_now_ns;
}

/* devres on the host: released only by the test itself. */
struct host_devres {
	void (*release)(void *dev, void *res);
	max_align_t data[];
};

void *devres_alloc(void (*release)(void *dev, void *res), size_t size, gfp_t gfp)
{
	struct host_devres *d = calloc(1, sizeof *d + size);
	d->release = release;
	return d->data;
}

void devres_add(void *dev, void *res)
{
}

void devres_free(void *res)
{
	free((char *)res - offsetof(struct host_devres, data));
}
