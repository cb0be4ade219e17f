/* Linux's string helpers beyond the C library's (lib/string.c,
 * lib/string_helpers.c). */
#include <stdarg.h>
#include <stdio.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

ssize_t strscpy(char *dst, const char *src, size_t size)
{
	if (!size)
		return -E2BIG;
	size_t n = strnlen(src, size);
	if (n == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, n + 1);
	return (ssize_t)n;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *strim(char *s)
{
	size_t n = strlen(s);
	while (n && is_space(s[n - 1]))
		s[--n] = '\0';
	while (is_space(*s))
		s++;
	return s;
}

int match_string(const char *const *array, size_t n, const char *str)
{
	for (size_t i = 0; i < n; i++)
		if (array[i] && !strcmp(array[i], str))
			return (int)i;
	return -EINVAL;
}

bool sysfs_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	if (*a == *b)
		return true;
	if (*a == '\n' && !a[1] && !*b)
		return true;
	return *b == '\n' && !b[1] && !*a;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);
	if (n < 0)
		return 0;
	return size == 0 ? 0 : (size_t)n < size ? n : (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
