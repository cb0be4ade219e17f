/*
 * The kernel's printf (Linux's lib/vsprintf.c, much smaller): every
 * printk, snprintf, sysfs show and shell line is formatted here, not by
 * the C library, so that pointers can print as Linux's %p extensions do.
 *
 * C's conversions for what the kernel prints: d i u x X o c s % with the
 * flags - 0 + space #, width and precision (also `*`), and the lengths
 * hh h l ll z t j. No floating point (the kernel has none) and no %n.
 * As Linux's (and unlike C's), `#` prints 0x before a zero too.
 *
 * Pointers: %p is the address in hex ("0x2000a1c4"; Linux hashes it,
 * pmfw has nothing to hide), %pS the function it is in with the offset
 * and the function's size ("tick_sched_timer+0x1c/0x40"), %ps the name
 * alone (kernel/kallsyms.c); an address in no function prints as
 * "0x...". Width and `-` apply to the whole text.
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <stdarg.h>

#define ZEROPAD 1u
#define SIGN 2u
#define PLUS 4u
#define SPACE 8u
#define LEFT 16u
#define SPECIAL 32u
#define SMALL 64u

struct printf_spec {
	unsigned int flags;
	int width;
	int precision; /* -1: none */
};

/* Bytes go into buf while they fit (one kept for the NUL); pos counts
 * them all, for the length vsnprintf returns. */
struct printf_out {
	char *buf;
	size_t size;
	size_t pos;
};

static void out_char(struct printf_out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void out_repeat(struct printf_out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

static void out_string(struct printf_out *o, const char *s, struct printf_spec spec)
{
	if (!s)
		s = "(null)";
	int len = (int)strnlen(s, spec.precision < 0 ? (size_t)-1 : (size_t)spec.precision);
	if (!(spec.flags & LEFT))
		out_repeat(o, ' ', spec.width - len);
	for (int i = 0; i < len; i++)
		out_char(o, s[i]);
	if (spec.flags & LEFT)
		out_repeat(o, ' ', spec.width - len);
}

static void out_number(struct printf_out *o, unsigned long long num, unsigned int base,
		       struct printf_spec spec)
{
	const char *digits = (spec.flags & SMALL) ? "0123456789abcdef" : "0123456789ABCDEF";
	char tmp[24], sign = 0;
	const char *prefix = "";
	int n = 0;

	if ((spec.flags & SIGN) && (long long)num < 0) {
		sign = '-';
		num = -(long long)num;
	} else if (spec.flags & SIGN) {
		sign = (spec.flags & PLUS) ? '+' : (spec.flags & SPACE) ? ' ' : 0;
	}
	if (spec.flags & SPECIAL)
		prefix = base == 16 ? ((spec.flags & SMALL) ? "0x" : "0X") : base == 8 ? "0" : "";
	while (num) {
		tmp[n++] = digits[num % base];
		num /= base;
	}
	/* C: precision 0 prints no digit for 0. */
	if (!n && spec.precision != 0 && !(base == 8 && *prefix))
		tmp[n++] = '0';
	int zeros = spec.precision > n ? spec.precision - n : 0;
	int len = (sign ? 1 : 0) + (int)strlen(prefix) + zeros + n;
	if ((spec.flags & ZEROPAD) && !(spec.flags & LEFT) && spec.precision < 0) {
		zeros += spec.width > len ? spec.width - len : 0;
		len = spec.width > len ? spec.width : len;
	}
	if (!(spec.flags & LEFT))
		out_repeat(o, ' ', spec.width - len);
	if (sign)
		out_char(o, sign);
	for (const char *p = prefix; *p; p++)
		out_char(o, *p);
	out_repeat(o, '0', zeros);
	while (n)
		out_char(o, tmp[--n]);
	if (spec.flags & LEFT)
		out_repeat(o, ' ', spec.width - len);
}

/* %pS, %ps: kallsyms; the buffer is on the stack only while one is
 * printed. */
static noinline void out_symbol(struct printf_out *o, unsigned long addr, char which,
				struct printf_spec spec)
{
	char sym[KSYM_SYMBOL_LEN];
	if (which == 'S')
		sprint_symbol(sym, addr);
	else
		sprint_symbol_no_offset(sym, addr);
	out_string(o, sym, spec);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct printf_out o = { buf, size, 0 };

	while (*fmt) {
		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		const char *start = fmt++;
		struct printf_spec spec = { 0, 0, -1 };
		for (;; fmt++) {
			if (*fmt == '-')
				spec.flags |= LEFT;
			else if (*fmt == '0')
				spec.flags |= ZEROPAD;
			else if (*fmt == '+')
				spec.flags |= PLUS;
			else if (*fmt == ' ')
				spec.flags |= SPACE;
			else if (*fmt == '#')
				spec.flags |= SPECIAL;
			else
				break;
		}
		if (*fmt == '*') {
			spec.width = va_arg(args, int);
			if (spec.width < 0) {
				spec.flags |= LEFT;
				spec.width = -spec.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				spec.width = spec.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			spec.precision = 0;
			if (*fmt == '*') {
				spec.precision = va_arg(args, int);
				if (spec.precision < 0)
					spec.precision = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					spec.precision = spec.precision * 10 + (*fmt++ - '0');
			}
		}
		/* Length: 'H' hh, 'h', 'l', 'L' ll/L/j (64 bits), 'z' z/t. */
		char qual = 0;
		if (*fmt == 'h') {
			qual = *++fmt == 'h' ? (fmt++, 'H') : 'h';
		} else if (*fmt == 'l') {
			qual = *++fmt == 'l' ? (fmt++, 'L') : 'l';
		} else if (*fmt == 'L' || *fmt == 'j') {
			qual = 'L';
			fmt++;
		} else if (*fmt == 'z' || *fmt == 't') {
			qual = 'z';
			fmt++;
		}

		unsigned int base = 10;
		switch (*fmt) {
		case 'c': {
			char c = (char)va_arg(args, int);
			if (!(spec.flags & LEFT))
				out_repeat(&o, ' ', spec.width - 1);
			out_char(&o, c);
			if (spec.flags & LEFT)
				out_repeat(&o, ' ', spec.width - 1);
			fmt++;
			continue;
		}
		case 's':
			out_string(&o, va_arg(args, const char *), spec);
			fmt++;
			continue;
		case '%':
			out_char(&o, '%');
			fmt++;
			continue;
		case 'p': {
			unsigned long addr = (unsigned long)va_arg(args, void *);
			if (fmt[1] == 'S' || fmt[1] == 's') {
				out_symbol(&o, addr, fmt[1], spec);
				fmt += 2;
				continue;
			}
			spec.flags |= SPECIAL | SMALL;
			out_number(&o, addr, 16, spec);
			fmt++;
			continue;
		}
		case 'o':
			base = 8;
			break;
		case 'x':
			spec.flags |= SMALL;
			base = 16;
			break;
		case 'X':
			base = 16;
			break;
		case 'd':
		case 'i':
			spec.flags |= SIGN;
			break;
		case 'u':
			break;
		default:
			/* Not a conversion: printed as it stands. */
			while (start < fmt)
				out_char(&o, *start++);
			if (*fmt)
				out_char(&o, *fmt++);
			continue;
		}
		fmt++;

		unsigned long long num;
		bool sign = spec.flags & SIGN;
		if (qual == 'L')
			num = sign ? (unsigned long long)va_arg(args, long long)
				   : va_arg(args, unsigned long long);
		else if (qual == 'l')
			num = sign ? (unsigned long long)va_arg(args, long) : va_arg(args, unsigned long);
		else if (qual == 'z')
			num = sign ? (unsigned long long)va_arg(args, ssize_t) : va_arg(args, size_t);
		else if (qual == 'H')
			num = sign ? (unsigned long long)(signed char)va_arg(args, int)
				   : (unsigned char)va_arg(args, unsigned int);
		else if (qual == 'h')
			num = sign ? (unsigned long long)(short)va_arg(args, int)
				   : (unsigned short)va_arg(args, unsigned int);
		else
			num = sign ? (unsigned long long)va_arg(args, int) : va_arg(args, unsigned int);
		out_number(&o, num, base, spec);
	}
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return (int)o.pos;
}

int vsprintf(char *buf, const char *fmt, va_list args)
{
	return vsnprintf(buf, INT_MAX, fmt, args);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}
