/* The helpers every file uses (Linux's include/linux/kernel.h and friends). */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define clamp(v, lo, hi) min(max(v, lo), hi)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_CLOSEST(n, d) (((n) + (d) / 2) / (d))
#define ALIGN(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define BIT(n) (1UL << (n))
#define GENMASK(h, l) (((~0UL) << (l)) & (~0UL >> (31 - (h))))
#include <limits.h> /* ULONG_MAX, LONG_MAX, INT_MAX */
#include <stdlib.h> /* abs */
#define U32_MAX ((u32)~0U)
#define S32_MAX ((s32)(U32_MAX >> 1))
#define U64_MAX ((u64)~0ULL)
#define S64_MAX ((s64)(U64_MAX >> 1))
#define KTIME_MAX S64_MAX
#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L
#define NSEC_PER_SEC 1000000000L
#define USEC_PER_MSEC 1000L
#define USEC_PER_SEC 1000000L
#define MSEC_PER_SEC 1000L
#define PAGE_SIZE 4096

/* 64-bit division: the core has no 64-bit divide, libgcc does it. */
static inline u64 div_u64(u64 n, u32 d)
{
	return n / d;
}
static inline s64 div_s64(s64 n, s32 d)
{
	return n / d;
}

/* A bug in the kernel: print where, with the registers, and stop
 * (kernel/panic.c). WARN prints once per call site and goes on. */
void __warn(const char *file, int line);
__noreturn void panic(const char *fmt, ...) __printf(1, 2);
#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c)                       \
	do {                            \
		if (unlikely(c))        \
			BUG();          \
	} while (0)
#define WARN_ON(c)                                                \
	({                                                        \
		bool __c = !!(c);                                 \
		if (unlikely(__c))                                \
			__warn(__FILE__, __LINE__);               \
		unlikely(__c);                                    \
	})
/* WARN_ON with a message (Linux's WARN). */
#define WARN(c, fmt, ...)                                         \
	({                                                        \
		bool __c = !!(c);                                 \
		if (unlikely(__c)) {                              \
			printk(KERN_WARNING fmt, ##__VA_ARGS__);  \
			__warn(__FILE__, __LINE__);               \
		}                                                 \
		unlikely(__c);                                    \
	})
#define WARN_ON_ONCE(c)                                           \
	({                                                        \
		static bool __warned;                             \
		bool __c = !!(c);                                 \
		if (unlikely(__c) && !__warned) {                 \
			__warned = true;                          \
			__warn(__FILE__, __LINE__);               \
		}                                                 \
		unlikely(__c);                                    \
	})

/* Parsing numbers from user input (lib/kstrtox.c): 0 or -EINVAL /
 * -ERANGE, as Linux's kstrto*(): the whole string must be the number,
 * a trailing newline allowed. */
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtou64(const char *s, unsigned int base, u64 *res);
int kstrtos64(const char *s, unsigned int base, s64 *res);
int kstrtobool(const char *s, bool *res);

int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
/* Formatted into a new kmalloc'd string (lib/kasprintf.c). */
char *kasprintf(gfp_t gfp, const char *fmt, ...) __printf(2, 3);
char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);
/* The kernel's own (lib/vsprintf.c): C's conversions and Linux's %ps/%pS. */
int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsprintf(char *buf, const char *fmt, va_list args);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);

#endif
