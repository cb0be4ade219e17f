/*
 * Reference counts (include/linux/kref.h): kref_get and kref_put from any
 * context; the release function runs when the last reference goes. The
 * count is changed with the core's exclusive loads and stores (LDREX/STREX
 * on ARMv7-M), so an interrupt between the read and the write cannot lose
 * an update.
 */
#ifndef _LINUX_KREF_H
#define _LINUX_KREF_H

#include <linux/types.h>

struct kref {
	atomic_t refcount;
};

#define KREF_INIT(n) { .refcount = { (n) } }

static inline void kref_init(struct kref *kref)
{
	kref->refcount.counter = 1;
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return (unsigned int)__atomic_load_n(&kref->refcount.counter, __ATOMIC_RELAXED);
}

static inline void kref_get(struct kref *kref)
{
	__atomic_add_fetch(&kref->refcount.counter, 1, __ATOMIC_RELAXED);
}

/* 1 if this put released the object. */
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (__atomic_sub_fetch(&kref->refcount.counter, 1, __ATOMIC_ACQ_REL) == 0) {
		release(kref);
		return 1;
	}
	return 0;
}

#endif
