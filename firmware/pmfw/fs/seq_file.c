/*
 * Sequential files (Linux's fs/seq_file.c; include/linux/seq_file.h has
 * the model). A read runs the file's iteration from the start to its end:
 * start, then show and next for each record, then stop. What show prints
 * goes into a buffer of SEQ_BUF_SIZE bytes that is handed to the reader
 * whenever it fills, in the middle of a record if need be, so nothing has
 * to hold the whole file: with a stream as the reader (the shell's cat),
 * a summary of any length reads with these few bytes of RAM. A single
 * seq_printf longer than the buffer is formatted apart, in one kmalloc of
 * its length.
 *
 * Reads are whole: every read starts at the first record (pmfw's readers
 * read to the end at once), so there is no position to resume from.
 */
#include <stdarg.h>
#include <stdio.h>

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>

#define SEQ_BUF_SIZE 256

/* Hand what the buffer holds to the reader; without one (a show called
 * outside a read) it stays. */
static void seq_flush(struct seq_file *m)
{
	if (!m->count || !m->to)
		return;
	copy_to_iter(m->buf, m->count, m->to);
	m->count = 0;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	const char *s = data;
	while (len) {
		if (m->count == m->size) {
			seq_flush(m);
			if (m->count == m->size) {
				m->overflowed = true;
				return;
			}
		}
		size_t k = min(len, m->size - m->count);
		memcpy(m->buf + m->count, s, k);
		m->count += k;
		s += k;
		len -= k;
	}
}

void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	va_list aq;
	size_t space = m->size - m->count;
	va_copy(aq, args);
	int n = vsnprintf(m->buf + m->count, space, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n < space) {
		m->count += (size_t)n;
		return;
	}
	/* It does not fit in what is left: hand on what the buffer holds,
	 * then format again into all of it, or apart if it is longer. */
	seq_flush(m);
	if (!m->count && (size_t)n < m->size) {
		vsnprintf(m->buf, m->size, fmt, args);
		m->count = (size_t)n;
		return;
	}
	char *tmp = kmalloc((size_t)n + 1, GFP_KERNEL);
	if (!tmp) {
		m->overflowed = true;
		return;
	}
	vsnprintf(tmp, (size_t)n + 1, fmt, args);
	seq_write(m, tmp, (size_t)n);
	kfree(tmp);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	seq_vprintf(m, fmt, ap);
	va_end(ap);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

int seq_open(struct file *file, const struct seq_operations *op)
{
	struct seq_file *m = kzalloc(sizeof *m, GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->op = op;
	m->file = file;
	file->private_data = m;
	return 0;
}

int seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;
	(void)inode;
	kfree(m->buf);
	kfree(m);
	file->private_data = NULL;
	return 0;
}

ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct seq_file *m = iocb->ki_filp->private_data;
	if (!m->buf) {
		m->buf = kmalloc(SEQ_BUF_SIZE, GFP_KERNEL);
		if (!m->buf)
			return -ENOMEM;
		m->size = SEQ_BUF_SIZE;
	}
	size_t start = to->copied;
	int err = 0;
	m->to = to;
	m->count = 0;
	m->index = 0;
	m->overflowed = false;
	void *p = m->op->start(m, &m->index);
	while (p && !IS_ERR(p)) {
		size_t rec = m->count, given = to->copied;
		err = m->op->show(m, p);
		if (err < 0)
			break;
		/* SEQ_SKIP: the record is dropped, if it is all still here. */
		if (err > 0 && to->copied == given)
			m->count = rec;
		err = 0;
		if (m->overflowed || !iov_iter_count(to))
			break;
		p = m->op->next(m, p, &m->index);
	}
	if (IS_ERR(p))
		err = (int)PTR_ERR(p);
	m->op->stop(m, p);
	seq_flush(m);
	m->to = NULL;
	if (!err && m->overflowed)
		err = -ENOMEM;
	iocb->ki_pos += (loff_t)(to->copied - start);
	return err ? err : (ssize_t)(to->copied - start);
}

static void *single_start(struct seq_file *m, loff_t *pos)
{
	(void)m;
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *single_next(struct seq_file *m, void *v, loff_t *pos)
{
	(void)m;
	(void)v;
	++*pos;
	return NULL;
}

static void single_stop(struct seq_file *m, void *v)
{
	(void)m;
	(void)v;
}

int single_open(struct file *file, int (*show)(struct seq_file *m, void *v), void *data)
{
	struct seq_operations *op = kmalloc(sizeof *op, GFP_KERNEL);
	if (!op)
		return -ENOMEM;
	op->start = single_start;
	op->next = single_next;
	op->stop = single_stop;
	op->show = show;
	int err = seq_open(file, op);
	if (err) {
		kfree(op);
		return err;
	}
	((struct seq_file *)file->private_data)->private = data;
	return 0;
}

int single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op = ((struct seq_file *)file->private_data)->op;
	int ret = seq_release(inode, file);
	kfree(op);
	return ret;
}

struct list_head *seq_list_start(struct list_head *head, loff_t pos)
{
	struct list_head *lh;
	list_for_each(lh, head)
		if (pos-- == 0)
			return lh;
	return NULL;
}

struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos)
{
	struct list_head *lh = ((struct list_head *)v)->next;
	++*ppos;
	return lh == head ? NULL : lh;
}
