/*
 * Where a read's bytes go (Linux's struct iov_iter, include/linux/uio.h):
 * either a buffer, filled in order up to its size, or a stream, which
 * takes everything and hands it on at once (the shell's cat prints it as
 * it comes, so that a file longer than any buffer pmfw could spare, a
 * debugfs summary, needs no such buffer). Readers are in the kernel, so
 * there is no user copy.
 */
#ifndef _LINUX_UIO_H
#define _LINUX_UIO_H

#include <linux/types.h>

struct iov_iter {
	size_t count;  /* bytes it still takes (SIZE_MAX for a stream) */
	size_t copied; /* bytes it took */
	char *buf;     /* a buffer, or NULL for a stream */
	void (*stream)(void *arg, const char *s, size_t n);
	void *arg;
};

static inline void iov_iter_buffer(struct iov_iter *i, char *buf, size_t size)
{
	*i = (struct iov_iter){ .count = size, .buf = buf };
}

static inline void iov_iter_stream(struct iov_iter *i,
				   void (*stream)(void *arg, const char *s, size_t n), void *arg)
{
	*i = (struct iov_iter){ .count = (size_t)-1, .stream = stream, .arg = arg };
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

/* Hand `bytes` from addr to the reader; returns how many it took. */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);

#endif
