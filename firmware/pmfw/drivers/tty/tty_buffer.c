/*
 * The flip buffer (Linux's drivers/tty/tty_buffer.c, reduced): a receive
 * interrupt inserts bytes with their flags, then pushes them to the line
 * discipline. Linux hands them over from a workqueue; here n_tty takes
 * them at once, in the interrupt (it only edits a line and echoes), so
 * no byte waits for a thread to run. What n_tty does not take yet (it
 * takes one line at a time) stays here, in order, until a reader asks for
 * more (n_tty_read pushes again).
 */
#include <asm/irqflags.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <linux/tty_flip.h>

int tty_insert_flip_char(struct tty_port *port, u8 ch, u8 flag)
{
	struct tty_buffer *b = &port->buf;
	if (b->used == TTY_FLIPBUF_SIZE) {
		port->dropped++;
		return 0;
	}
	b->chars[b->used] = ch;
	b->flags[b->used] = flag;
	b->used++;
	return 1;
}

void tty_flip_buffer_push(struct tty_port *port)
{
	struct tty_buffer *b = &port->buf;
	unsigned long flags;
	local_irq_save(flags);
	/* Nobody has the line open: what arrived is dropped, as Linux drops
	 * input for a closed tty. */
	size_t taken = port->tty ? n_tty_receive_buf(port->tty, b->chars, b->flags, b->used)
				 : b->used;
	if (taken < b->used) {
		memmove(b->chars, b->chars + taken, b->used - taken);
		memmove(b->flags, b->flags + taken, b->used - taken);
	}
	b->used -= taken;
	local_irq_restore(flags);
}
