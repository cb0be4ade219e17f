/*
 * What runtime PM (drivers/base/power/runtime.c) needs from the kernel
 * core, on the host: a clock the test sets, hrtimers the test fires, a
 * workqueue the test runs, and wait queues that must never block (the
 * tests are single-threaded: a wait would be a bug in the code under
 * test, and aborts).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/device.h>
#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "host_rpm.h"

struct task_struct *current_task;
ktime_t host_now;

ktime_t ktime_get(void)
{
	return host_now;
}

void __might_sleep(const char *file, int line)
{
}

/* ---- hrtimers ------------------------------------------------------------- */

#define MAX_TIMERS 16
static struct hrtimer *armed[MAX_TIMERS];

void hrtimer_init(struct hrtimer *timer, int clock_id, enum hrtimer_mode mode)
{
	memset(timer, 0, sizeof *timer);
}

void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim, u64 delta_ns,
			    const enum hrtimer_mode mode)
{
	hrtimer_try_to_cancel(timer);
	timer->_softexpires = (mode & HRTIMER_MODE_REL) ? host_now + tim : tim;
	for (int i = 0; i < MAX_TIMERS; i++)
		if (!armed[i]) {
			armed[i] = timer;
			return;
		}
	abort();
}

int hrtimer_try_to_cancel(struct hrtimer *timer)
{
	for (int i = 0; i < MAX_TIMERS; i++)
		if (armed[i] == timer) {
			armed[i] = NULL;
			return 1;
		}
	return 0;
}

ktime_t host_next_timer(void)
{
	ktime_t t = KTIME_MAX;
	for (int i = 0; i < MAX_TIMERS; i++)
		if (armed[i] && armed[i]->_softexpires < t)
			t = armed[i]->_softexpires;
	return t;
}

int host_advance(ktime_t to)
{
	int fired = 0;
	for (;;) {
		ktime_t t = host_next_timer();
		if (t > to)
			break;
		host_now = t;
		for (int i = 0; i < MAX_TIMERS; i++)
			if (armed[i] && armed[i]->_softexpires == t) {
				struct hrtimer *h = armed[i];
				armed[i] = NULL;
				h->function(h);
				fired++;
				break;
			}
	}
	host_now = to;
	return fired;
}

/* ---- the workqueue ---------------------------------------------------------- */

#define MAX_WORKS 16
static struct work_struct *queued[MAX_WORKS];
static struct workqueue_struct *the_wq = (struct workqueue_struct *)&the_wq;

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
	return the_wq;
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	for (int i = 0; i < MAX_WORKS; i++)
		if (queued[i] == work)
			return false;
	for (int i = 0; i < MAX_WORKS; i++)
		if (!queued[i]) {
			queued[i] = work;
			return true;
		}
	abort();
}

bool cancel_work_sync(struct work_struct *work)
{
	for (int i = 0; i < MAX_WORKS; i++)
		if (queued[i] == work) {
			queued[i] = NULL;
			return true;
		}
	return false;
}

int host_run_work(void)
{
	int n = 0;
	for (bool again = true; again;) {
		again = false;
		for (int i = 0; i < MAX_WORKS; i++)
			if (queued[i]) {
				struct work_struct *w = queued[i];
				queued[i] = NULL;
				w->func(w);
				n++;
				again = true;
			}
	}
	return n;
}

/* ---- waiting: never, on the host ------------------------------------------ */

int host_wakeups;

int __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key)
{
	host_wakeups++;
	return 0;
}

long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state)
{
	return 0;
}

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			     void *key)
{
	return 0;
}

void schedule(void)
{
	fprintf(stderr, "host: runtime PM waited for a transition that cannot end\n");
	abort();
}

/* ---- the device model's bits ------------------------------------------------- */

const char *dev_driver_string(const struct device *dev)
{
	return "test";
}

int devm_add_action_or_reset(struct device *dev, void (*action)(void *data), void *data)
{
	return 0;
}
