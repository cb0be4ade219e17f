/*
 * Guest workloads (kernel/workload/): named activities a user starts and
 * stops from the shell (`workload start NAME [PARAM=VALUE]...`, `workload
 * stop NAME`, `workload list`, `workload stats NAME`), or from the kernel
 * command line (`workload=NAME:PARAM=VALUE,...`), to give the power
 * management something to manage: CPU load, DMA traffic, a sensor
 * stream. Each runs in a kernel thread of its own, "wl/NAME".
 *
 * A workload type gives its parameters (unsigned numbers with a default
 * and a range, or names from a list), an optional start (set-up in the
 * caller's context: take channels, buffers; an error refuses the start),
 * the thread's loop, and an optional stop (release what start took,
 * after the thread ended). The loop runs until workload_should_stop()
 * and counts its iterations and errors in the struct workload; it sleeps
 * between iterations with workload_sleep_until(), which a stop or the
 * end of the run interrupts.
 *
 * Every type also takes the framework's own parameters duration_ms and
 * jobs: the run ends by itself after that long, or after that many
 * iterations (0: never). Its loop then returns, and the workload is
 * "done": its figures stay readable until it is stopped.
 */
#ifndef _PMFW_WORKLOAD_H
#define _PMFW_WORKLOAD_H

#include <linux/init.h>
#include <linux/list.h>
#include <linux/types.h>

#define WORKLOAD_MAX_PARAMS 6

struct workload_param {
	const char *name;
	unsigned long def, min, max;
	const char *unit; /* for `workload list`: "ms", "KiB", "Hz" */
	/* Names for the values 0, 1, ... (NULL-terminated; min and max are
	 * then 0 and the last index): "dist=uniform" stores 1. */
	const char *const *choices;
};

struct workload;

struct workload_type {
	const char *name;
	const char *help;
	struct workload_param params[WORKLOAD_MAX_PARAMS]; /* name NULL: the end */
	const char *counts; /* what an iteration is ("jobs"); NULL: "iterations" */
	int nice;           /* the thread's nice value (0: kthread_create's) */
	size_t stack;       /* its stack in bytes (0: THREAD_SIZE) */
	int (*start)(struct workload *w);
	int (*loop)(struct workload *w);
	void (*stop)(struct workload *w);
	/* Its own figures for `workload stats`, as "key: value" lines
	 * (sh_printf), and one line for `workload list` (no newline); both
	 * optional, called from the shell while the thread may run. */
	void (*stats)(struct workload *w);
	void (*summary)(struct workload *w);
	struct list_head node;
};

struct workload {
	const struct workload_type *type;
	struct task_struct *task;
	unsigned long param[WORKLOAD_MAX_PARAMS];
	unsigned long duration_ms, jobs; /* the common parameters (0: no limit) */
	unsigned long iterations, errors;
	u64 started_ns, end_ns; /* end_ns: when duration_ms runs out, or 0 */
	u64 ended_ns;           /* when the loop returned */
	u64 units;              /* work units done (workload_work) */
	u32 work_sum;           /* their result, so that they are computed */
	int result;             /* the loop's return value, once it ended */
	bool ended;             /* the loop returned (done, or an error) before a stop */
	bool kick;              /* workload_wake() since the thread last looked */
	void *priv;
	struct list_head node;
};

/* 0, or -EEXIST for a name already registered. */
int workload_register(struct workload_type *type);
/* Register `type` at late_initcall: a type's file ends with it, as a
 * driver's ends with module_platform_driver. */
#define workload_initcall(type)                            \
	static int __init type##_register(void)            \
	{                                                  \
		return workload_register(&type);           \
	}                                                  \
	late_initcall(type##_register)

/* Start type `name` with "PARAM=VALUE" arguments: 0, -ENOENT (no such
 * workload), -EBUSY (running), -EINVAL (a bad parameter: *why says
 * which), or what its start returned. */
int workload_start(const char *name, int argc, char **argv, const char **why);
/* Stop it and wait for its thread: 0, -ENOENT, or -ESRCH (not running). */
int workload_stop(const char *name);
void workload_stop_all(void);

/* In a loop: true once the thread is asked to stop, or the run has
 * reached its duration_ms or its jobs. */
bool workload_should_stop(struct workload *w);
/* Sleep until `deadline_ns` (ktime_get() time; WORKLOAD_FOREVER: no
 * timeout), or until the workload is stopped or its run ends, or
 * workload_wake(); true if it should go on. */
#define WORKLOAD_FOREVER (~0ull)
bool workload_sleep_until(struct workload *w, u64 deadline_ns);
/* End a sleep of the workload's thread early (any context: a DMA
 * callback hands it data). */
void workload_wake(struct workload *w);
/* The end of an iteration of a periodic loop: *start advances by
 * period_ns and the thread sleeps until then (a start already passed,
 * the work having overrun, becomes now: no sleep). True if it should go
 * on. */
bool workload_next_period(struct workload *w, u64 *start, u64 period_ns);

/*
 * CPU work in "work units": one unit is WORKLOAD_UNIT_ROUNDS rounds of
 * xorshift32 on a register (no memory access), a fixed number of
 * instructions whose time is cycles / CPU frequency: at a lower
 * frequency the same work takes longer, which is what lets a frequency
 * governor make a difference (docs/pmfw.md gives the cycles per unit of
 * each SoC). Does `units` units (fewer if the thread is asked to stop:
 * then false) and counts them in w->units.
 */
#define WORKLOAD_UNIT_ROUNDS 256
bool workload_work(struct workload *w, unsigned long units);

/* For a type's stats: "key: n=N min=... p50=... p90=... p99=... max=...
 * mean=... ms" from a histogram of ns (kernel/workload/stats.h); for its
 * summary: "key p50 ... p99 ... ms"; a time in ms as "%llu.%03llu" (to
 * the µs below). */
struct wl_hist;
void workload_print_hist(const char *key, const struct wl_hist *h);
void workload_print_summary(const char *key, const struct wl_hist *h);
void workload_print_ms(u64 ns);

#endif
