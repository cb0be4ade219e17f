/*
 * Notifier chains (include/linux/notifier.h): callbacks in priority order
 * (higher first), stopped by NOTIFY_STOP or NOTIFY_BAD. Blocking chains
 * may call callbacks that sleep; atomic ones may be called in interrupts.
 * On one core both are kept consistent by masking interrupts while the
 * chain changes; a blocking chain's callbacks run with interrupts on.
 */
#ifndef _LINUX_NOTIFIER_H
#define _LINUX_NOTIFIER_H

#include <linux/types.h>

struct notifier_block;
typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action, void *data);

struct notifier_block {
	notifier_fn_t notifier_call;
	struct notifier_block *next;
	int priority;
};

struct blocking_notifier_head {
	struct notifier_block *head;
};
struct atomic_notifier_head {
	struct notifier_block *head;
};
struct raw_notifier_head {
	struct notifier_block *head;
};
#define BLOCKING_NOTIFIER_HEAD(name) struct blocking_notifier_head name = { NULL }
#define ATOMIC_NOTIFIER_HEAD(name) struct atomic_notifier_head name = { NULL }
#define RAW_NOTIFIER_HEAD(name) struct raw_notifier_head name = { NULL }
#define BLOCKING_INIT_NOTIFIER_HEAD(nh) ((nh)->head = NULL)
#define ATOMIC_INIT_NOTIFIER_HEAD(nh) ((nh)->head = NULL)
#define RAW_INIT_NOTIFIER_HEAD(nh) ((nh)->head = NULL)

#define NOTIFY_DONE 0x0000
#define NOTIFY_OK 0x0001
#define NOTIFY_STOP_MASK 0x8000
#define NOTIFY_BAD (NOTIFY_STOP_MASK | 0x0002)
#define NOTIFY_STOP (NOTIFY_OK | NOTIFY_STOP_MASK)

/* -errno → NOTIFY_BAD carrying it, and back. */
static inline int notifier_from_errno(int err)
{
	return err ? NOTIFY_STOP_MASK | (NOTIFY_OK - err) : NOTIFY_OK;
}
static inline int notifier_to_errno(int ret)
{
	ret &= ~NOTIFY_STOP_MASK;
	return ret > NOTIFY_OK ? NOTIFY_OK - ret : 0;
}

int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *nb);
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh,
				       struct notifier_block *nb);
int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v);
int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *nb);
int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *nb);
int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v);
int raw_notifier_chain_register(struct raw_notifier_head *nh, struct notifier_block *nb);
int raw_notifier_chain_unregister(struct raw_notifier_head *nh, struct notifier_block *nb);
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val, void *v);
/* Call with val_up; if a callback refuses (NOTIFY_BAD), call those
 * already called with val_down, in reverse, and return the refusal. */
int raw_notifier_call_chain_robust(struct raw_notifier_head *nh, unsigned long val_up,
				   unsigned long val_down, void *v);
int blocking_notifier_call_chain_robust(struct blocking_notifier_head *nh, unsigned long val_up,
					unsigned long val_down, void *v);

#endif
