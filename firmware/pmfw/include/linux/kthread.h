/*
 * Kernel threads (include/linux/kthread.h, kernel/kthread.c).
 *
 * kthread_create makes a thread that will run threadfn(data) on its own
 * stack (THREAD_SIZE bytes) at prio 120 (SCHED_NORMAL, nice 0); it stays
 * asleep until wake_up_process() (kthread_run does both). When threadfn
 * returns, the thread exits with its value. kthread_stop(k) asks it to
 * stop (kthread_should_stop() becomes true), wakes it, waits for it to
 * exit and returns threadfn's value (-EINTR if it was never woken): the
 * thread must not have exited on its own before, unless the caller holds
 * a reference (get_task_struct).
 *
 * The name is printf-formatted and cut at TASK_COMM_LEN - 1 characters.
 * On failure (no memory) they return ERR_PTR(-ENOMEM).
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>

#define NUMA_NO_NODE (-1)

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...) __printf(4, 5);
#define kthread_create(threadfn, data, namefmt, ...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##__VA_ARGS__)

/* pmfw's: the same with a stack of stack_size bytes (Linux's stacks are
 * all THREAD_SIZE; memory here is too small for one size to fit all). */
struct task_struct *kthread_create_with_stack(int (*threadfn)(void *data), void *data,
					      size_t stack_size, const char namefmt[], ...)
	__printf(4, 5);

#define kthread_run(threadfn, data, namefmt, ...)                                   \
	({                                                                          \
		struct task_struct *__k = kthread_create(threadfn, data, namefmt,   \
							 ##__VA_ARGS__);            \
		if (!IS_ERR(__k))                                                   \
			wake_up_process(__k);                                       \
		__k;                                                                \
	})

int kthread_stop(struct task_struct *k);
/* kthread_stop, then drop the caller's reference. */
int kthread_stop_put(struct task_struct *k);
bool kthread_should_stop(void);
/* End the current kernel thread with `result` (as if threadfn returned). */
__noreturn void kthread_exit(long result);
/* The data given to kthread_create. */
void *kthread_data(struct task_struct *k);
/* true if the current thread is being stopped (kthread_should_stop), for
 * code that does not know whether it runs in a kthread. */
bool kthread_func_should_stop(void);

#endif
