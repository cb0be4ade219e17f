/* String and memory functions: picolibc's, plus Linux's additions. */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <string.h>

#include <linux/types.h>

/* Copy with truncation; returns the length copied or -E2BIG. */
ssize_t strscpy(char *dst, const char *src, size_t size);
/* Leading and trailing white space removed, in place. */
char *strim(char *s);
/* The index of `str` in `array` of `n` strings, or -EINVAL. */
int match_string(const char *const *array, size_t n, const char *str);
/* True if `str` equals `prefix`, ignoring one trailing newline (sysfs). */
bool sysfs_streq(const char *a, const char *b);

#endif
