/* Compiler attributes, with Linux's names. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

/* The C library's <sys/cdefs.h> has some of these too: ours win. */
#include <sys/cdefs.h>
#undef __always_inline
#undef noinline
#undef __noreturn
#undef __packed
#undef __aligned
#undef __section
#undef __used
#undef __weak
#undef __maybe_unused
#undef __printf

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __always_inline inline __attribute__((always_inline))
#define noinline __attribute__((noinline))
#define __noreturn __attribute__((noreturn))
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))
#define __section(s) __attribute__((section(s)))
#define __used __attribute__((used))
#define __weak __attribute__((weak))
#define __maybe_unused __attribute__((unused))
#define __printf(a, b) __attribute__((format(printf, a, b)))
/* A switch case that falls through on purpose. */
#define fallthrough __attribute__((__fallthrough__))
#define barrier() __asm__ volatile("" ::: "memory")
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#endif
