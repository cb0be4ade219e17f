/*
 * Completions (include/linux/completion.h, kernel/sched/completion.c):
 * "this has happened" for one waiter or many. complete() lets one waiter
 * through (or the next to come, if none waits: completions count);
 * complete_all() lets every present and future waiter through until
 * reinit_completion(). Both may be called from interrupt handlers.
 * Waiters are served in the order they came.
 *
 * wait_for_completion_timeout and friends take jiffies and return 0 on
 * timeout, else the jiffies left (at least 1).
 */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <linux/wait.h>

struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(work) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) DECLARE_COMPLETION(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

void wait_for_completion(struct completion *x);
void wait_for_completion_io(struct completion *x);
int wait_for_completion_interruptible(struct completion *x);
int wait_for_completion_killable(struct completion *x);
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout);
/* Without sleeping: true if it took one "done". */
bool try_wait_for_completion(struct completion *x);
/* true if a waiter would not sleep. */
bool completion_done(struct completion *x);

void complete(struct completion *x);
void complete_all(struct completion *x);

#endif
