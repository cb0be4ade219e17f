/*
 * Kernel threads (Linux's kernel/kthread.c). Each thread has a struct
 * kthread beside its task_struct: its function and data, the
 * should-stop flag, and the completion kthread_stop waits on. The task,
 * its stack and its struct kthread are one allocation's worth of
 * bookkeeping freed together (put_task_struct) once the thread has
 * exited and no one holds a reference.
 */
#include <stdarg.h>
#include <stdio.h>

#include <linux/completion.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>

#include "sched/sched.h"

struct kthread {
	int (*threadfn)(void *data);
	void *data;
	bool should_stop;
	int result;
	struct completion exited;
};

static struct kthread *to_kthread(struct task_struct *k)
{
	return k->worker_private;
}

__noreturn void kthread_exit(long result)
{
	struct kthread *self = to_kthread(current);
	self->result = (int)result;
	current->exit_code = (int)result;
	complete_all(&self->exited);
	do_task_dead();
}

/* Every kernel thread starts here (copy_thread's frame). */
static __noreturn void kthread(void *arg)
{
	struct kthread *self = arg;
	int ret = -EINTR;
	if (!READ_ONCE(self->should_stop))
		ret = self->threadfn(self->data);
	kthread_exit(ret);
}

static struct task_struct *__kthread_create(int (*threadfn)(void *data), void *data,
					    size_t stack_size, const char *namefmt, va_list ap)
{
	struct task_struct *p = kzalloc(sizeof *p, GFP_KERNEL);
	struct kthread *self = kzalloc(sizeof *self, GFP_KERNEL);
	void *stack = kzalloc(stack_size, GFP_KERNEL);
	if (!p || !self || !stack) {
		kfree(p);
		kfree(self);
		kfree(stack);
		return ERR_PTR(-ENOMEM);
	}
	self->threadfn = threadfn;
	self->data = data;
	init_completion(&self->exited);
	vsnprintf(p->comm, sizeof p->comm, namefmt, ap);
	p->stack = stack;
	p->stack_size = stack_size;
	*end_of_stack(p) = STACK_END_MAGIC;
	p->worker_private = self;
	copy_thread(p, kthread, self);
	sched_fork(p);
	return p;
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...)
{
	va_list ap;
	va_start(ap, namefmt);
	struct task_struct *p = __kthread_create(threadfn, data, THREAD_SIZE, namefmt, ap);
	va_end(ap);
	return p;
}

struct task_struct *kthread_create_with_stack(int (*threadfn)(void *data), void *data,
					      size_t stack_size, const char namefmt[], ...)
{
	va_list ap;
	if (stack_size < 256)
		return ERR_PTR(-EINVAL);
	va_start(ap, namefmt);
	struct task_struct *p = __kthread_create(threadfn, data, ALIGN(stack_size, 8), namefmt, ap);
	va_end(ap);
	return p;
}

bool kthread_should_stop(void)
{
	struct kthread *self = to_kthread(current);
	return self && READ_ONCE(self->should_stop);
}

bool kthread_func_should_stop(void)
{
	return (current->flags & PF_KTHREAD) && kthread_should_stop();
}

void *kthread_data(struct task_struct *k)
{
	return to_kthread(k)->data;
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *self = to_kthread(k);
	get_task_struct(k);
	WRITE_ONCE(self->should_stop, true);
	wake_up_process(k);
	wait_for_completion(&self->exited);
	int ret = self->result;
	put_task_struct(k);
	return ret;
}

int kthread_stop_put(struct task_struct *k)
{
	int ret = kthread_stop(k);
	put_task_struct(k);
	return ret;
}
