/*
 * printk (Linux's kernel/printk/printk.c, much simplified): every message
 * is a record in a ring buffer (its time since boot in ns, its level and
 * its text), and goes to every console at once when its level is below
 * console_loglevel. dmesg reads the buffer back: the oldest records are
 * dropped when it is full, as in Linux.
 *
 * The console line and the dmesg line have Linux's format,
 * "[    5.123456] text". Consoles are written synchronously (as Linux's
 * serial consoles are: the PL011 driver polls its FIFO), so the time a
 * message takes on the wire is the time the caller spends printing it.
 */
#include <stdio.h>

#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "printk.h"

#ifndef CONFIG_LOG_BUF_SHIFT
#define CONFIG_LOG_BUF_SHIFT 12
#endif
#define LOG_BUF_LEN (1u << CONFIG_LOG_BUF_SHIFT)
#define PRINTK_LINE_MAX 192

struct printk_record {
	u64 ts_nsec;
	u16 len;      /* of the text */
	u8 level;
	u8 pad;
};

/* Records are stored whole and contiguously; a record that does not fit
 * before the end of the buffer starts again at the beginning (a record of
 * length 0 xFFFF marks the wrap). */
static u8 log_buf[LOG_BUF_LEN] __aligned(8);
static u32 log_first, log_next; /* byte offsets */
static u32 log_count;
static DEFINE_SPINLOCK(logbuf_lock);
static struct console *consoles;

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static int default_message_loglevel = MESSAGE_LOGLEVEL_DEFAULT;

/* The time since boot; the clocksource's once timekeeping runs. */
__weak u64 local_clock(void)
{
	return 0;
}

static int quiet_setup(char *arg)
{
	(void)arg;
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 1;
}
early_param("quiet", quiet_setup);

static int loglevel_setup(char *arg)
{
	int v;
	if (kstrtoint(arg, 10, &v) || v < 0 || v > 15)
		return 0;
	console_loglevel = v;
	return 1;
}
early_param("loglevel", loglevel_setup);

static u32 rec_size(u32 len)
{
	return (u32)ALIGN(sizeof(struct printk_record) + len, 8);
}

static struct printk_record *rec_at(u32 off)
{
	return (struct printk_record *)(log_buf + off);
}

static void drop_oldest(void)
{
	struct printk_record *r = rec_at(log_first);
	if (r->len == 0xffff) {
		log_first = 0;
		r = rec_at(0);
	}
	log_first += rec_size(r->len);
	if (log_first + sizeof(struct printk_record) > LOG_BUF_LEN)
		log_first = 0;
	log_count--;
}

/* Room for `size` bytes at log_next, dropping the oldest records. The
 * free space is [log_next, end of buffer) while the records do not wrap
 * (log_first < log_next), else [log_next, log_first); a tail too short
 * for the record is given up with a wrap marker. */
static void log_make_room(u32 size)
{
	for (;;) {
		if (!log_count) {
			log_first = log_next = 0;
			return;
		}
		bool wrapped = log_next <= log_first;
		u32 free_end = wrapped ? log_first : LOG_BUF_LEN;
		if (log_next + size <= free_end)
			return;
		if (wrapped) {
			drop_oldest();
		} else {
			if (log_next + sizeof(struct printk_record) <= LOG_BUF_LEN)
				rec_at(log_next)->len = 0xffff;
			log_next = 0;
		}
	}
}

static void log_store(u8 level, u64 ts, const char *text, u16 len)
{
	u32 size = rec_size(len);
	log_make_room(size);
	struct printk_record *r = rec_at(log_next);
	r->ts_nsec = ts;
	r->len = len;
	r->level = level;
	memcpy(r + 1, text, len);
	log_next += size;
	if (log_next + sizeof(struct printk_record) > LOG_BUF_LEN)
		log_next = 0;
	log_count++;
}

/* "[    5.123456] " */
static int format_time(char *buf, size_t n, u64 ts)
{
	u64 sec = ts / NSEC_PER_SEC;
	u32 usec = (u32)(ts % NSEC_PER_SEC / 1000);
	return scnprintf(buf, n, "[%5lu.%06lu] ", (unsigned long)sec, (unsigned long)usec);
}

static void console_emit(const char *s, unsigned int n)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, n);
}

int vprintk(const char *fmt, va_list args)
{
	int level = default_message_loglevel;
	bool cont = false;
	while (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		else if (fmt[1] == 'c')
			cont = true;
		fmt += 2;
	}
	char text[PRINTK_LINE_MAX];
	int n = vsnprintf(text, sizeof text, fmt, args);
	if (n < 0)
		return n;
	u16 len = (u16)min_t(int, n, (int)sizeof text - 1);
	/* One record per message; its final newline is the record's end. */
	bool nl = len && text[len - 1] == '\n';
	u16 body = nl ? (u16)(len - 1) : len;
	u64 ts = local_clock();
	unsigned long flags;
	spin_lock_irqsave(&logbuf_lock, flags);
	log_store((u8)level, ts, text, body);
	spin_unlock_irqrestore(&logbuf_lock, flags);
	if (level < console_loglevel) {
		char line[PRINTK_LINE_MAX + 16];
		int k = cont ? 0 : format_time(line, sizeof line, ts);
		k += scnprintf(line + k, sizeof line - (size_t)k, "%.*s\n", (int)body, text);
		console_emit(line, (unsigned int)k);
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void register_console(struct console *con)
{
	unsigned long flags;
	spin_lock_irqsave(&logbuf_lock, flags);
	con->next = consoles;
	consoles = con;
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

int unregister_console(struct console *con)
{
	unsigned long flags;
	int ret = -ENODEV;
	spin_lock_irqsave(&logbuf_lock, flags);
	for (struct console **p = &consoles; *p; p = &(*p)->next)
		if (*p == con) {
			*p = con->next;
			ret = 0;
			break;
		}
	spin_unlock_irqrestore(&logbuf_lock, flags);
	return ret;
}

struct tty_driver *console_device(int *index)
{
	for (struct console *c = consoles; c; c = c->next)
		if (c->device) {
			struct tty_driver *d = c->device(c, index);
			if (d)
				return d;
		}
	return NULL;
}

bool console_registered(void)
{
	return consoles != NULL;
}

void console_write_raw(const char *s, unsigned int n)
{
	console_emit(s, n);
}

/* dmesg: a copy of each record is made under the lock, then formatted
 * without it, so that a slow reader does not hold interrupts off. */
void log_buf_for_each(void (*fn)(void *arg, const char *line, unsigned int len), void *arg)
{
	u32 seen = 0;
	for (;;) {
		struct printk_record r;
		char text[PRINTK_LINE_MAX];
		unsigned long flags;
		spin_lock_irqsave(&logbuf_lock, flags);
		if (seen >= log_count) {
			spin_unlock_irqrestore(&logbuf_lock, flags);
			return;
		}
		u32 off = log_first;
		for (u32 i = 0; i < seen; i++) {
			if (rec_at(off)->len == 0xffff)
				off = 0;
			off += rec_size(rec_at(off)->len);
			if (off + sizeof(struct printk_record) > LOG_BUF_LEN)
				off = 0;
		}
		if (rec_at(off)->len == 0xffff)
			off = 0;
		r = *rec_at(off);
		memcpy(text, rec_at(off) + 1, r.len);
		spin_unlock_irqrestore(&logbuf_lock, flags);
		char line[PRINTK_LINE_MAX + 16];
		int k = format_time(line, sizeof line, r.ts_nsec);
		k += scnprintf(line + k, sizeof line - (size_t)k, "%.*s\n", (int)r.len, text);
		fn(arg, line, (unsigned int)k);
		seen++;
	}
}
