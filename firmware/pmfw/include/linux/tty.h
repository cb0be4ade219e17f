/*
 * Terminals (include/linux/tty.h, drivers/tty/): a tty is a line of a
 * tty driver (the PL011's ttyAMA0), with a line discipline between the
 * two directions: n_tty (drivers/tty/n_tty.c) edits input lines
 * (canonical mode, echo, erase) and passes output on.
 *
 * pmfw's only user of a terminal is init, in the kernel: it opens the
 * console's tty (tty_kopen_console, Linux's /dev/console) and reads and
 * writes it with tty_kread/tty_kwrite, which block (a thread may sleep in
 * them; the idle thread runs meanwhile).
 */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include <linux/tty_driver.h>
#include <linux/tty_port.h>
#include <linux/types.h>
#include <linux/wait.h>

/* termios (the subset n_tty honours). */
typedef unsigned int tcflag_t;
typedef unsigned char cc_t;
typedef unsigned int speed_t;

#define NCCS 19
#define VINTR 0
#define VERASE 2
#define VKILL 3
#define VEOF 4

/* c_iflag */
#define IGNCR 0000200
#define ICRNL 0000400
/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004
/* c_lflag */
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHOCTL 0001000

struct ktermios {
	tcflag_t c_iflag;
	tcflag_t c_oflag;
	tcflag_t c_cflag;
	tcflag_t c_lflag;
	cc_t c_cc[NCCS];
	speed_t c_ispeed;
	speed_t c_ospeed;
};

extern const struct ktermios tty_std_termios;

struct n_tty_data;

struct tty_struct {
	struct tty_driver *driver;
	const struct tty_operations *ops;
	int index;
	char name[16];
	struct ktermios termios;
	struct tty_port *port;
	void *driver_data;
	int count;                  /* opens */
	bool throttled;
	wait_queue_head_t read_wait;
	wait_queue_head_t write_wait;
	struct n_tty_data *disc_data;
};

#define I_ICRNL(tty) ((tty)->termios.c_iflag & ICRNL)
#define I_IGNCR(tty) ((tty)->termios.c_iflag & IGNCR)
#define O_OPOST(tty) ((tty)->termios.c_oflag & OPOST)
#define O_ONLCR(tty) ((tty)->termios.c_oflag & ONLCR)
#define L_ISIG(tty) ((tty)->termios.c_lflag & ISIG)
#define L_ICANON(tty) ((tty)->termios.c_lflag & ICANON)
#define L_ECHO(tty) ((tty)->termios.c_lflag & ECHO)
#define L_ECHOE(tty) ((tty)->termios.c_lflag & ECHOE)
#define L_ECHOCTL(tty) ((tty)->termios.c_lflag & ECHOCTL)

/* The driver's output side has room again: wake writers. */
void tty_wakeup(struct tty_struct *tty);
unsigned int tty_write_room(struct tty_struct *tty);
unsigned int tty_chars_in_buffer(struct tty_struct *tty);
/* Input flow control: the line discipline asks the driver to stop and
 * restart the sender (the PL011 masks its receive interrupts, so that the
 * far end waits on RTS). */
void tty_throttle(struct tty_struct *tty);
void tty_unthrottle(struct tty_struct *tty);

/* init's terminal: the console's tty, opened (NULL if no console has one). */
struct tty_struct *tty_kopen_console(void);
/* One line in canonical mode (at most count bytes of it): the bytes read,
 * 0 at end of file (^D at the start of a line), or a negative errno. */
ssize_t tty_kread(struct tty_struct *tty, char *buf, size_t count);
/* All of buf, waiting for room as needed: count, or a negative errno. */
ssize_t tty_kwrite(struct tty_struct *tty, const char *buf, size_t count);
/* Wait until everything written has left the line. */
void tty_wait_until_sent(struct tty_struct *tty, long timeout);
void tty_kclose(struct tty_struct *tty);

/* The line discipline (drivers/tty/n_tty.c). */
int n_tty_open(struct tty_struct *tty);
void n_tty_close(struct tty_struct *tty);
/* Takes what it can of the bytes (with their flags, or NULL) and returns
 * how many: in canonical mode it stops after a line while that line has
 * not been read. */
size_t n_tty_receive_buf(struct tty_struct *tty, const u8 *cp, const u8 *fp, size_t count);
ssize_t n_tty_read(struct tty_struct *tty, char *buf, size_t count);
ssize_t n_tty_write(struct tty_struct *tty, const char *buf, size_t count);

#endif
