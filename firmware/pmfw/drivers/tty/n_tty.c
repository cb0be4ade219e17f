/*
 * The line discipline (Linux's drivers/tty/n_tty.c, canonical mode): input
 * is edited into lines that a reader gets whole; what is typed is echoed.
 *
 *   CR          becomes NL (ICRNL)
 *   NL          ends the line: a reader waiting for one is woken
 *   DEL, ^H     erase the last character of the line (echo "\b \b")
 *   ^U          erases the line
 *   ^D          ends the line without a newline; alone, it is end of file
 *               (the reader gets 0)
 *   ^C          (ISIG) there are no signals: the line is dropped and an
 *               empty one given to the reader, echoed as "^C" and a newline,
 *               so that a shell prompts again
 *   other       stored and echoed (a control character as ^X, ECHOCTL)
 *
 * The read buffer holds N_TTY_BUF_SIZE bytes (Linux: 4096); a line keeps
 * one byte free for its newline, so the longest is 255 characters, the
 * rest of a longer one is dropped.
 *
 * Flow control is by the line: once a line is complete, n_tty takes no
 * more input (it stays in the flip buffer) and throttles the driver (the
 * PL011 stops reading its FIFO, and the far end waits on RTS: nothing is
 * lost), until a reader has taken the line, waits for the next one, and
 * what it wrote has been sent (Linux throttles only when its buffer is
 * nearly full); the tty is opened throttled, so the first line waits for
 * the first reader too. Input that arrives faster than it is read, such as
 * pmsim's --uart-in file, is so taken, and echoed, one line at a time,
 * each after the prompt and the output before it, as if typed there; and
 * the output, echoes included, never has to wait for room it would not
 * get (a line's echo fits the transmit buffer). Outside canonical mode, a buffer nearly
 * full (fewer than TTY_THRESHOLD_THROTTLE bytes free) throttles.
 *
 * Bytes arrive from the receive interrupt (tty_flip_buffer_push); the
 * buffer is changed with interrupts off.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <linux/tty_flip.h>
#include <linux/wait.h>

#define N_TTY_BUF_SIZE 256
#define TTY_THRESHOLD_THROTTLE 64
#define MASK(x) ((x) & (N_TTY_BUF_SIZE - 1))

struct n_tty_data {
	size_t read_head;  /* where the next byte goes */
	size_t canon_head; /* the end of the last complete line */
	size_t read_tail;  /* the next byte a reader gets */
	spinlock_t lock;
	char read_buf[N_TTY_BUF_SIZE];
};

int n_tty_open(struct tty_struct *tty)
{
	struct n_tty_data *ldata = kzalloc(sizeof *ldata, GFP_KERNEL);
	if (!ldata)
		return -ENOMEM;
	spin_lock_init(&ldata->lock);
	tty->disc_data = ldata;
	return 0;
}

void n_tty_close(struct tty_struct *tty)
{
	kfree(tty->disc_data);
	tty->disc_data = NULL;
}

static size_t read_cnt(const struct n_tty_data *ldata)
{
	return ldata->read_head - ldata->read_tail;
}

static void put_char(struct n_tty_data *ldata, char c)
{
	ldata->read_buf[MASK(ldata->read_head)] = c;
	ldata->read_head++;
}

/* Output, with ONLCR when the terminal asks for it. */
static ssize_t do_output(struct tty_struct *tty, const char *s, size_t n)
{
	if (!(O_OPOST(tty) && O_ONLCR(tty)))
		return tty->ops->write(tty, (const u8 *)s, n);
	size_t done = 0;
	while (done < n) {
		const char *nl = memchr(s + done, '\n', n - done);
		size_t k = nl ? (size_t)(nl - (s + done)) : n - done;
		if (k) {
			ssize_t w = tty->ops->write(tty, (const u8 *)s + done, k);
			if (w < 0)
				return done ? (ssize_t)done : w;
			done += (size_t)w;
			if ((size_t)w < k)
				break;
		}
		if (!nl)
			break;
		if (tty_write_room(tty) < 2)
			break;
		tty->ops->write(tty, (const u8 *)"\r\n", 2);
		done++;
	}
	return (ssize_t)done;
}

/* Echo: what does not fit now is dropped, as the line is already stored. */
static void echo(struct tty_struct *tty, const char *s, size_t n)
{
	if (L_ECHO(tty))
		do_output(tty, s, n);
}

static void echo_char(struct tty_struct *tty, char c)
{
	if (L_ECHOCTL(tty) && (u8)c < 0x20 && c != '\t' && c != '\n') {
		char ctl[2] = { '^', (char)(c ^ 0x40) };
		echo(tty, ctl, 2);
	} else {
		echo(tty, &c, 1);
	}
}

static void eraser(struct tty_struct *tty, struct n_tty_data *ldata)
{
	if (ldata->read_head == ldata->canon_head)
		return;
	ldata->read_head--;
	if (!L_ECHOE(tty))
		return;
	char c = ldata->read_buf[MASK(ldata->read_head)];
	if (L_ECHOCTL(tty) && (u8)c < 0x20 && c != '\t')
		echo(tty, "\b\b  \b\b", 6);
	else
		echo(tty, "\b \b", 3);
}

/* A line is complete: readers may take it. */
static void commit_line(struct tty_struct *tty, struct n_tty_data *ldata)
{
	ldata->canon_head = ldata->read_head;
	wake_up_interruptible(&tty->read_wait);
}

static void receive_char(struct tty_struct *tty, struct n_tty_data *ldata, char c)
{
	const cc_t *cc = tty->termios.c_cc;
	if (c == '\r') {
		if (I_IGNCR(tty))
			return;
		if (I_ICRNL(tty))
			c = '\n';
	}
	if (!L_ICANON(tty)) {
		if (read_cnt(ldata) < N_TTY_BUF_SIZE) {
			put_char(ldata, c);
			echo_char(tty, c);
			commit_line(tty, ldata);
		}
		return;
	}
	if (L_ISIG(tty) && (cc_t)c == cc[VINTR]) {
		echo(tty, "^C\n", 3);
		ldata->read_head = ldata->canon_head;
		put_char(ldata, '\n');
		commit_line(tty, ldata);
		return;
	}
	if ((cc_t)c == cc[VERASE] || c == '\b') {
		eraser(tty, ldata);
		return;
	}
	if ((cc_t)c == cc[VKILL]) {
		while (ldata->read_head != ldata->canon_head)
			eraser(tty, ldata);
		return;
	}
	if ((cc_t)c == cc[VEOF]) {
		/* Stored as the line's end; readers do not copy it. */
		if (read_cnt(ldata) < N_TTY_BUF_SIZE) {
			put_char(ldata, c);
			commit_line(tty, ldata);
		}
		return;
	}
	if (c == '\n') {
		if (read_cnt(ldata) < N_TTY_BUF_SIZE) {
			put_char(ldata, c);
			echo(tty, "\n", 1);
			commit_line(tty, ldata);
		}
		return;
	}
	/* Keep a byte for the line's end. */
	if (read_cnt(ldata) >= N_TTY_BUF_SIZE - 1)
		return;
	put_char(ldata, c);
	echo_char(tty, c);
}

static bool line_ready(struct n_tty_data *ldata)
{
	return READ_ONCE(ldata->canon_head) != READ_ONCE(ldata->read_tail);
}

size_t n_tty_receive_buf(struct tty_struct *tty, const u8 *cp, const u8 *fp, size_t count)
{
	struct n_tty_data *ldata = tty->disc_data;
	unsigned long flags;
	size_t i;
	if (!ldata)
		return count;
	spin_lock_irqsave(&ldata->lock, flags);
	for (i = 0; i < count; i++) {
		if (L_ICANON(tty) && line_ready(ldata))
			break;
		if (!fp || fp[i] == TTY_NORMAL || fp[i] == TTY_OVERRUN)
			receive_char(tty, ldata, (char)cp[i]);
	}
	/* A line too long for the buffer has its end dropped, not
	 * throttled: the reader waits for its end. */
	bool throttle = L_ICANON(tty) ? line_ready(ldata)
				      : N_TTY_BUF_SIZE - read_cnt(ldata) < TTY_THRESHOLD_THROTTLE;
	spin_unlock_irqrestore(&ldata->lock, flags);
	if (throttle)
		tty_throttle(tty);
	return i;
}

ssize_t n_tty_read(struct tty_struct *tty, char *buf, size_t count)
{
	struct n_tty_data *ldata = tty->disc_data;
	unsigned long flags;
	size_t n = 0;
	if (!ldata)
		return -EIO;
	if (!count)
		return 0;
	if (!line_ready(ldata)) {
		/* Nothing to read: take what arrived meanwhile; then, once what
		 * was written has gone out (as a person reads the prompt before
		 * typing), let the far end send more. */
		if (tty->port)
			tty_flip_buffer_push(tty->port);
		if (!line_ready(ldata)) {
			wait_event_interruptible(tty->write_wait, !tty_chars_in_buffer(tty));
			tty_unthrottle(tty);
		}
		int err = wait_event_interruptible(tty->read_wait, line_ready(ldata));
		if (err)
			return err;
	}
	spin_lock_irqsave(&ldata->lock, flags);
	while (ldata->read_tail != ldata->canon_head && n < count) {
		char c = ldata->read_buf[MASK(ldata->read_tail)];
		ldata->read_tail++;
		if (L_ICANON(tty) && (cc_t)c == tty->termios.c_cc[VEOF])
			break;
		buf[n++] = c;
		if (L_ICANON(tty) && c == '\n')
			break;
	}
	spin_unlock_irqrestore(&ldata->lock, flags);
	return (ssize_t)n;
}

ssize_t n_tty_write(struct tty_struct *tty, const char *buf, size_t count)
{
	size_t done = 0;
	while (done < count) {
		ssize_t n = do_output(tty, buf + done, count - done);
		if (n < 0)
			return done ? (ssize_t)done : n;
		done += (size_t)n;
		if (done == count)
			break;
		int err = wait_event_interruptible(tty->write_wait, tty_write_room(tty) > 0);
		if (err)
			return done ? (ssize_t)done : err;
	}
	return (ssize_t)done;
}
