/*
 * syscore operations (include/linux/syscore_ops.h,
 * drivers/base/syscore.c): the core's own parts that suspend last and
 * resume first, on one core with interrupts off (timekeeping is one).
 * suspend runs in reverse order of registration, resume in order.
 */
#ifndef _LINUX_SYSCORE_OPS_H
#define _LINUX_SYSCORE_OPS_H

#include <linux/list.h>

struct syscore_ops {
	struct list_head node;
	int (*suspend)(void);
	void (*resume)(void);
	void (*shutdown)(void);
};

void register_syscore_ops(struct syscore_ops *ops);
void unregister_syscore_ops(struct syscore_ops *ops);
int syscore_suspend(void);
void syscore_resume(void);

#endif
