/*
 * Sequential files (include/linux/seq_file.h, fs/seq_file.c): a show
 * function prints a file's text with seq_printf, record by record
 * (start/next/show/stop) or all at once (single_open). The text goes into
 * a small buffer, which is handed to the reader each time it fills, so a
 * file can be longer than any buffer: the shell prints a long summary as
 * it is produced (Linux's seq_read doubles its buffer instead; pmfw's RAM
 * is too small for that).
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/compiler.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/types.h>

struct iov_iter;

struct seq_file {
	char *buf;
	size_t size;
	size_t count;          /* bytes in buf not yet handed on */
	loff_t index;
	const struct seq_operations *op;
	void *private;
	struct file *file;
	struct iov_iter *to;   /* the reader, while a read runs */
	bool overflowed;
};

struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

#define SEQ_SKIP 1
#define SEQ_START_TOKEN ((void *)1)

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
/* True if something could not be printed (no memory for a very long
 * line): the read then fails with -ENOMEM. */
static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->overflowed;
}

int seq_open(struct file *file, const struct seq_operations *op);
int seq_release(struct inode *inode, struct file *file);
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *to);
int single_open(struct file *file, int (*show)(struct seq_file *m, void *v), void *data);
int single_release(struct inode *inode, struct file *file);

/* Iterating over a list_head. */
struct list_head *seq_list_start(struct list_head *head, loff_t pos);
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos);

/* name_fops for a file printed by name_show(m, v) (Linux's macro, with
 * read_iter: see above). */
#define DEFINE_SHOW_ATTRIBUTE(__name)                                                  \
	static int __name##_open(struct inode *inode, struct file *file)               \
	{                                                                              \
		return single_open(file, __name##_show, inode->i_private);             \
	}                                                                              \
	static const struct file_operations __name##_fops = {                          \
		.open = __name##_open,                                                 \
		.read_iter = seq_read_iter,                                            \
		.release = single_release,                                             \
	}

/* name_fops for a file that is a sequence: name_sops (start/next/show/stop). */
#define DEFINE_SEQ_ATTRIBUTE(__name)                                                   \
	static int __name##_open(struct inode *inode, struct file *file)               \
	{                                                                              \
		int ret = seq_open(file, &__name##_sops);                              \
		if (!ret && inode->i_private) {                                        \
			struct seq_file *seq_f = file->private_data;                   \
			seq_f->private = inode->i_private;                             \
		}                                                                      \
		return ret;                                                            \
	}                                                                              \
	static const struct file_operations __name##_fops = {                          \
		.open = __name##_open,                                                 \
		.read_iter = seq_read_iter,                                            \
		.release = seq_release,                                                \
	}

#endif
