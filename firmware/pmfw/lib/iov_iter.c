/* Handing a read's bytes to the reader (Linux's lib/iov_iter.c, for the two
 * kinds of include/linux/uio.h): a buffer takes what still fits, a stream
 * takes everything at once. */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uio.h>

size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	size_t n = min(bytes, i->count);
	if (!n)
		return 0;
	if (i->buf) {
		memcpy(i->buf + i->copied, addr, n);
		i->count -= n;
	} else {
		i->stream(i->arg, addr, n);
	}
	i->copied += n;
	return n;
}
