/*
 * Guest workloads (kernel/workload/): named activities a user starts and
 * stops from the shell (`workload start NAME [PARAM=VALUE]...`, `workload
 * stop NAME`, `workload list`), or from the kernel command line, to give
 * the power management something to manage: CPU load, DMA traffic, a
 * sensor stream. Each runs in a kernel thread of its own, "wl/NAME".
 *
 * A workload type gives its parameters (unsigned numbers with a default
 * and a range), an optional start (set-up in the shell's context: take
 * channels, buffers; an error refuses the start), the thread's loop, and
 * an optional stop (release what start took, after the thread ended).
 * The loop runs until kthread_should_stop() and counts its iterations
 * and errors in the struct workload; it sleeps between iterations with
 * workload_sleep_until(), which a stop interrupts.
 */
#ifndef _PMFW_WORKLOAD_H
#define _PMFW_WORKLOAD_H

#include <linux/list.h>
#include <linux/types.h>

#define WORKLOAD_MAX_PARAMS 4

struct workload_param {
	const char *name;
	unsigned long def, min, max;
	const char *unit; /* for `workload list`: "ms", "KiB", "Hz" */
};

struct workload;

struct workload_type {
	const char *name;
	const char *help;
	struct workload_param params[WORKLOAD_MAX_PARAMS]; /* name NULL: the end */
	int (*start)(struct workload *w);
	int (*loop)(struct workload *w);
	void (*stop)(struct workload *w);
	struct list_head node;
};

struct workload {
	const struct workload_type *type;
	struct task_struct *task;
	unsigned long param[WORKLOAD_MAX_PARAMS];
	unsigned long iterations, errors;
	u64 started_ns;
	int result; /* the loop's return value, once it ended */
	bool ended; /* the loop returned (an error) before a stop */
	void *priv;
	struct list_head node;
};

/* 0, or -EEXIST for a name already registered. */
int workload_register(struct workload_type *type);

/* Start type `name` with "PARAM=VALUE" arguments: 0, -ENOENT (no such
 * workload), -EBUSY (running), -EINVAL (a bad parameter: *why says
 * which), or what its start returned. */
int workload_start(const char *name, int argc, char **argv, const char **why);
/* Stop it and wait for its thread: 0, -ENOENT, or -ESRCH (not running). */
int workload_stop(const char *name);
void workload_stop_all(void);

/* In a loop: sleep until `deadline_ns` (ktime_get() time), or until the
 * workload is stopped; true if it should go on. */
bool workload_sleep_until(struct workload *w, u64 deadline_ns);
/* The end of an iteration of a periodic loop: *start advances by
 * period_ns and the thread sleeps until then (a start already passed,
 * the work having overrun, becomes now: no sleep). True if it should go
 * on. */
bool workload_next_period(struct workload *w, u64 *start, u64 period_ns);

#endif
