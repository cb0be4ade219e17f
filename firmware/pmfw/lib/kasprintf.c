/* Formatted strings on the heap (Linux's lib/kasprintf.c): the length
 * first, then one allocation of exactly that size. */
#include <stdarg.h>
#include <stdio.h>

#include <linux/kernel.h>
#include <linux/slab.h>

char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return NULL;
	char *p = kmalloc((size_t)n + 1, gfp);
	if (p)
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}
