/*
 * Numbers from user input (Linux's lib/kstrtox.c): the whole string must
 * be the number, one trailing newline allowed (what `echo` writes into a
 * sysfs file); base 0 takes 0x.. as hex and 0.. as octal. 0, -EINVAL (not
 * a number) or -ERANGE (does not fit).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

static int parse_u64(const char *s, unsigned int base, u64 *res)
{
	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s[2]) {
			base = 16;
			s += 2;
		} else if (s[0] == '0' && s[1] && s[1] != '\n') {
			base = 8;
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	u64 v = 0;
	bool any = false, overflow = false;
	for (; *s && *s != '\n'; s++) {
		unsigned int d;
		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (*s >= 'a' && *s <= 'z')
			d = (unsigned int)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'Z')
			d = (unsigned int)(*s - 'A' + 10);
		else
			return -EINVAL;
		if (d >= base)
			return -EINVAL;
		if (v > (U64_MAX - d) / base)
			overflow = true;
		v = v * base + d;
		any = true;
	}
	if (!any || (*s == '\n' && s[1]))
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtou64(const char *s, unsigned int base, u64 *res)
{
	if (*s == '+')
		s++;
	return parse_u64(s, base, res);
}

int kstrtos64(const char *s, unsigned int base, s64 *res)
{
	u64 v;
	bool neg = *s == '-';
	int err = kstrtou64(s + neg, base, &v);
	if (err)
		return err;
	if (neg ? v > (u64)S64_MAX + 1 : v > (u64)S64_MAX)
		return -ERANGE;
	*res = neg ? (s64)(0 - v) : (s64)v;
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	u64 v;
	int err = kstrtou64(s, base, &v);
	if (!err && v > (unsigned long)-1)
		err = -ERANGE;
	if (!err)
		*res = (unsigned long)v;
	return err;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	s64 v;
	int err = kstrtos64(s, base, &v);
	if (!err && (v > (s64)(~0UL >> 1) || v < -(s64)(~0UL >> 1) - 1))
		err = -ERANGE;
	if (!err)
		*res = (long)v;
	return err;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	u64 v;
	int err = kstrtou64(s, base, &v);
	if (!err && v > U32_MAX)
		err = -ERANGE;
	if (!err)
		*res = (unsigned int)v;
	return err;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	s64 v;
	int err = kstrtos64(s, base, &v);
	if (!err && (v > S32_MAX || v < -(s64)S32_MAX - 1))
		err = -ERANGE;
	if (!err)
		*res = (int)v;
	return err;
}

/* Linux's kstrtobool: y/Y/1/on and n/N/0/off. */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}
