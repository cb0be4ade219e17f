/* Linux's basic types, for the guest firmware (and its host unit tests). */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* As Linux has them, so that u32 prints with %u and u64 with %llu on
 * the guest (where uint32_t is unsigned long) and on the host alike. */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef u32 __be32;
typedef u64 __be64;

typedef u32 phys_addr_t;
typedef u32 dma_addr_t;
typedef u32 resource_size_t;
typedef unsigned int gfp_t;
typedef s64 ktime_t; /* nanoseconds */
typedef unsigned short umode_t;
#if !defined(PMFW_HOST) || !defined(__USE_MISC)
typedef long long loff_t; /* glibc has its own, with _DEFAULT_SOURCE */
#endif

typedef struct {
	int counter;
} atomic_t;

#endif
