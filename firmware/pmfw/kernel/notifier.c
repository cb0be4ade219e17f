/*
 * Notifier chains (Linux's kernel/notifier.c): a singly linked list kept
 * in priority order; calling stops at a callback whose answer has
 * NOTIFY_STOP_MASK. The robust variant undoes a refused "up" by calling
 * the callbacks that had agreed with the "down" value, in reverse order
 * (PM_SUSPEND_PREPARE / PM_POST_SUSPEND, PRE_RATE_CHANGE / ABORT...).
 */
#include <linux/errno.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>

static int chain_register(struct notifier_block **head, struct notifier_block *n)
{
	unsigned long flags;
	local_irq_save(flags);
	struct notifier_block **p = head;
	while (*p && (*p)->priority >= n->priority) {
		if (*p == n) {
			local_irq_restore(flags);
			return -EEXIST;
		}
		p = &(*p)->next;
	}
	n->next = *p;
	*p = n;
	local_irq_restore(flags);
	return 0;
}

static int chain_unregister(struct notifier_block **head, struct notifier_block *n)
{
	unsigned long flags;
	local_irq_save(flags);
	for (struct notifier_block **p = head; *p; p = &(*p)->next)
		if (*p == n) {
			*p = n->next;
			local_irq_restore(flags);
			return 0;
		}
	local_irq_restore(flags);
	return -ENOENT;
}

/* Call up to `max` callbacks (-1: all); *called counts them. */
static int call_chain(struct notifier_block **head, unsigned long val, void *v, int max,
		      int *called)
{
	int ret = NOTIFY_DONE;
	for (struct notifier_block *nb = *head; nb && max != 0; max--) {
		struct notifier_block *next = nb->next; /* it may unregister itself */
		ret = nb->notifier_call(nb, val, v);
		if (called)
			(*called)++;
		if (ret & NOTIFY_STOP_MASK)
			break;
		nb = next;
	}
	return ret;
}

static int call_chain_robust(struct notifier_block **head, unsigned long up, unsigned long down,
			     void *v)
{
	int n = 0;
	int ret = call_chain(head, up, v, -1, &n);
	if (ret & NOTIFY_STOP_MASK) {
		/* Undo for all but the one that refused, most recent first. */
		for (int k = n - 1; k > 0; k--) {
			struct notifier_block *nb = *head;
			for (int i = 1; i < k && nb; i++)
				nb = nb->next;
			if (nb)
				nb->notifier_call(nb, down, v);
		}
	}
	return ret;
}

int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
	return chain_register(&nh->head, nb);
}
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh,
				       struct notifier_block *nb)
{
	return chain_unregister(&nh->head, nb);
}
int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v)
{
	return call_chain(&nh->head, val, v, -1, NULL);
}
int blocking_notifier_call_chain_robust(struct blocking_notifier_head *nh, unsigned long up,
					unsigned long down, void *v)
{
	return call_chain_robust(&nh->head, up, down, v);
}
int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
	return chain_register(&nh->head, nb);
}
int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
	return chain_unregister(&nh->head, nb);
}
int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v)
{
	return call_chain(&nh->head, val, v, -1, NULL);
}
int raw_notifier_chain_register(struct raw_notifier_head *nh, struct notifier_block *nb)
{
	return chain_register(&nh->head, nb);
}
int raw_notifier_chain_unregister(struct raw_notifier_head *nh, struct notifier_block *nb)
{
	return chain_unregister(&nh->head, nb);
}
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val, void *v)
{
	return call_chain(&nh->head, val, v, -1, NULL);
}
int raw_notifier_call_chain_robust(struct raw_notifier_head *nh, unsigned long up,
				   unsigned long down, void *v)
{
	return call_chain_robust(&nh->head, up, down, v);
}
