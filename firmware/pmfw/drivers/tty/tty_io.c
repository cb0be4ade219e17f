/*
 * The tty core (Linux's drivers/tty/tty_io.c and tty_port.c, what pmfw
 * needs): tty drivers and their lines, the console's tty for init, and
 * the paths between a tty's user, its line discipline (n_tty.c) and its
 * driver.
 *
 * Terminal settings start as tty_std_termios, which differs from
 * Linux's in one place: output is not post-processed (no ONLCR), so a
 * newline goes out as "\n" alone, as printk's console writes it, and the
 * host sees the same bytes from both.
 */
#include <linux/console.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <linux/wait.h>

const struct ktermios tty_std_termios = {
	.c_iflag = ICRNL,
	.c_oflag = 0,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOCTL,
	.c_cc = {
		[VINTR] = 0x03,  /* ^C */
		[VERASE] = 0x7f, /* DEL (^H erases too) */
		[VKILL] = 0x15,  /* ^U */
		[VEOF] = 0x04,   /* ^D */
	},
	.c_ispeed = 115200,
	.c_ospeed = 115200,
};

static LIST_HEAD(tty_drivers);

struct tty_driver *tty_alloc_driver(unsigned int lines, unsigned long flags)
{
	struct tty_driver *d = kzalloc(sizeof *d, GFP_KERNEL);
	if (!d)
		return ERR_PTR(-ENOMEM);
	d->ttys = kcalloc(lines, sizeof *d->ttys, GFP_KERNEL);
	d->ports = kcalloc(lines, sizeof *d->ports, GFP_KERNEL);
	if (!d->ttys || !d->ports) {
		kfree(d->ttys);
		kfree(d->ports);
		kfree(d);
		return ERR_PTR(-ENOMEM);
	}
	d->num = lines;
	d->flags = flags;
	INIT_LIST_HEAD(&d->tty_drivers);
	return d;
}

void tty_driver_kref_put(struct tty_driver *driver)
{
	if (IS_ERR_OR_NULL(driver))
		return;
	kfree(driver->ttys);
	kfree(driver->ports);
	kfree(driver);
}

void tty_set_operations(struct tty_driver *driver, const struct tty_operations *op)
{
	driver->ops = op;
}

int tty_register_driver(struct tty_driver *driver)
{
	list_add_tail(&driver->tty_drivers, &tty_drivers);
	return 0;
}

void tty_unregister_driver(struct tty_driver *driver)
{
	list_del_init(&driver->tty_drivers);
}

void tty_port_init(struct tty_port *port)
{
	memset(port, 0, sizeof *port);
}

void tty_port_link_device(struct tty_port *port, struct tty_driver *driver, unsigned int index)
{
	if (index < driver->num)
		driver->ports[index] = port;
}

/* ---- flow between the user, n_tty and the driver ----------------------------- */

void tty_wakeup(struct tty_struct *tty)
{
	wake_up_interruptible(&tty->write_wait);
}

unsigned int tty_write_room(struct tty_struct *tty)
{
	return tty->ops->write_room ? tty->ops->write_room(tty) : 2048;
}

unsigned int tty_chars_in_buffer(struct tty_struct *tty)
{
	return tty->ops->chars_in_buffer ? tty->ops->chars_in_buffer(tty) : 0;
}

void tty_throttle(struct tty_struct *tty)
{
	if (!tty->throttled && tty->ops->throttle) {
		tty->throttled = true;
		tty->ops->throttle(tty);
	}
}

void tty_unthrottle(struct tty_struct *tty)
{
	if (tty->throttled && tty->ops->unthrottle) {
		tty->throttled = false;
		tty->ops->unthrottle(tty);
	}
}

/* ---- init's terminal --------------------------------------------------------- */

static struct tty_struct *tty_init_dev(struct tty_driver *driver, int idx)
{
	struct tty_struct *tty = kzalloc(sizeof *tty, GFP_KERNEL);
	if (!tty)
		return NULL;
	tty->driver = driver;
	tty->ops = driver->ops;
	tty->index = idx;
	snprintf(tty->name, sizeof tty->name, "%s%d", driver->name, idx + driver->name_base);
	tty->termios = tty_std_termios;
	tty->port = driver->ports[idx];
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	if (tty->ops->install && tty->ops->install(driver, tty)) {
		kfree(tty);
		return NULL;
	}
	driver->ttys[idx] = tty;
	return tty;
}

struct tty_struct *tty_kopen_console(void)
{
	int idx;
	struct tty_driver *driver = console_device(&idx);
	if (!driver || idx < 0 || (unsigned int)idx >= driver->num)
		return NULL;
	struct tty_struct *tty = driver->ttys[idx];
	if (!tty)
		tty = tty_init_dev(driver, idx);
	if (!tty)
		return NULL;
	if (!tty->count) {
		if (n_tty_open(tty))
			return NULL;
		if (tty->port)
			tty->port->tty = tty;
		if (tty->ops->open && tty->ops->open(tty)) {
			if (tty->port)
				tty->port->tty = NULL;
			n_tty_close(tty);
			return NULL;
		}
		/* Input waits for the first reader, as each line after it
		 * does (n_tty.c): what the far end sends before the shell
		 * first prompts is echoed after that prompt. */
		if (L_ICANON(tty))
			tty_throttle(tty);
	}
	tty->count++;
	return tty;
}

void tty_kclose(struct tty_struct *tty)
{
	if (!tty || --tty->count)
		return;
	if (tty->ops->close)
		tty->ops->close(tty);
	if (tty->port)
		tty->port->tty = NULL;
	n_tty_close(tty);
}

ssize_t tty_kread(struct tty_struct *tty, char *buf, size_t count)
{
	return n_tty_read(tty, buf, count);
}

ssize_t tty_kwrite(struct tty_struct *tty, const char *buf, size_t count)
{
	return n_tty_write(tty, buf, count);
}

void tty_wait_until_sent(struct tty_struct *tty, long timeout)
{
	wait_event_interruptible(tty->write_wait, !tty_chars_in_buffer(tty));
	if (tty->ops->wait_until_sent)
		tty->ops->wait_until_sent(tty, (int)timeout);
}
