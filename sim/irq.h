/*
 * An interrupt (or any level-sensitive) line: a device holds one and drives
 * it; the receiver (the NVIC, a wake-up controller) provides the callback.
 * A line whose `set` is NULL is unconnected and ignores changes.
 */
#ifndef PMSIM_IRQ_H
#define PMSIM_IRQ_H

struct irq_line {
	void (*set)(void *opaque, int num, int level);
	void *opaque;
	int num;
};

static inline void irq_set(const struct irq_line *l, int level)
{
	if (l->set)
		l->set(l->opaque, l->num, level);
}

#endif
