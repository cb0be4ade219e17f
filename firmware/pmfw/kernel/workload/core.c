/*
 * Guest workloads (include/pmfw/workload.h): the registry, the threads,
 * the work unit, and the shell's `workload` command.
 *
 *   workload list                         the workloads, running or not,
 *                                         with a line of figures each
 *   workload start NAME [PARAM=VALUE]...  start one (unnamed parameters
 *                                         take their defaults)
 *   workload stats NAME                   its figures, while it runs or
 *                                         once done, until it is stopped
 *   workload stop NAME|all                stop one, or every one
 *
 * and on the kernel command line `workload=NAME:PARAM=VALUE,...` (one
 * such word per workload) starts NAME after the initcalls, before init
 * runs the shell.
 *
 * Errors are Linux's numbers with their C library text, as a userland
 * tool prints them: "workload: start nosuch: No such file or directory".
 */
#include <linux/err.h>
#include <linux/errname.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <pmfw/shell.h>
#include <pmfw/workload.h>

#include "stats.h"

static LIST_HEAD(types);   /* by name */
static LIST_HEAD(running); /* struct workload, by start */
static DEFINE_MUTEX(workload_lock);

/* Every type's own parameters, then these two. */
enum { COMMON_DURATION, COMMON_JOBS, NR_COMMON };
static const struct workload_param common_params[NR_COMMON] = {
	{ .name = "duration_ms", .def = 0, .min = 0, .max = 86400000, .unit = "ms" },
	{ .name = "jobs", .def = 0, .min = 0, .max = 4000000000ul, .unit = "" },
};

int workload_register(struct workload_type *type)
{
	struct workload_type *t;
	mutex_lock(&workload_lock);
	list_for_each_entry(t, &types, node) {
		int c = strcmp(type->name, t->name);
		if (!c) {
			mutex_unlock(&workload_lock);
			return -EEXIST;
		}
		if (c < 0)
			break;
	}
	list_add_tail(&type->node, &t->node);
	mutex_unlock(&workload_lock);
	return 0;
}

static struct workload_type *find_type(const char *name)
{
	struct workload_type *t;
	list_for_each_entry(t, &types, node)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

static struct workload *find_running(const struct workload_type *type)
{
	struct workload *w;
	list_for_each_entry(w, &running, node)
		if (w->type == type)
			return w;
	return NULL;
}

static unsigned int nparams(const struct workload_type *t)
{
	unsigned int n = 0;
	while (n < WORKLOAD_MAX_PARAMS && t->params[n].name)
		n++;
	return n;
}

/* p's value from text: a number, or one of its choices' names. */
static int param_value(const struct workload_param *p, const char *text, unsigned long *v,
		       char *msg, size_t size)
{
	if (p->choices) {
		size_t n = (size_t)scnprintf(msg, size, "%s: not one of ", p->name);
		for (unsigned long i = 0; p->choices[i]; i++) {
			if (!strcmp(p->choices[i], text)) {
				*v = i;
				return 0;
			}
			n += (size_t)scnprintf(msg + n, size - n, "%s%s", i ? "|" : "", p->choices[i]);
		}
		return -EINVAL;
	}
	if (kstrtoul(text, 10, v)) {
		snprintf(msg, size, "%s: not a number", p->name);
		return -EINVAL;
	}
	if (*v < p->min || *v > p->max) {
		snprintf(msg, size, "%s: out of range %lu..%lu", p->name, p->min, p->max);
		return -EINVAL;
	}
	return 0;
}

/* "PARAM=VALUE" into w->param (or the common ones): 0 or -EINVAL with *why. */
static int parse_param(struct workload *w, const char *arg, const char **why)
{
	static char msg[80];
	const struct workload_type *t = w->type;
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	unsigned int n = nparams(t);
	for (unsigned int i = 0; i < n + NR_COMMON; i++) {
		const struct workload_param *p = i < n ? &t->params[i] : &common_params[i - n];
		if (strlen(p->name) != len || strncmp(p->name, arg, len))
			continue;
		unsigned long v;
		int ret = eq ? param_value(p, eq + 1, &v, msg, sizeof msg) : -EINVAL;
		if (!eq)
			snprintf(msg, sizeof msg, "%s: no value", p->name);
		if (ret) {
			*why = msg;
			return ret;
		}
		if (i < n)
			w->param[i] = v;
		else if (i - n == COMMON_DURATION)
			w->duration_ms = v;
		else
			w->jobs = v;
		return 0;
	}
	snprintf(msg, sizeof msg, "%.*s: no such parameter", (int)min_t(size_t, len, 32), arg);
	*why = msg;
	return -EINVAL;
}

static int workload_thread(void *data)
{
	struct workload *w = data;
	w->result = w->type->loop(w);
	w->ended_ns = ktime_get_ns();
	barrier(); /* ended_ns before ended, for the shell's readers */
	WRITE_ONCE(w->ended, true);
	/* Done, or ended by an error: wait for the stop that reaps it. */
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return w->result;
}

int workload_start(const char *name, int argc, char **argv, const char **why)
{
	*why = NULL;
	mutex_lock(&workload_lock);
	struct workload_type *t = find_type(name);
	int ret = !t ? -ENOENT : find_running(t) ? -EBUSY : 0;
	struct workload *w = NULL;
	if (!ret) {
		w = kzalloc(sizeof *w, GFP_KERNEL);
		ret = w ? 0 : -ENOMEM;
	}
	if (!ret) {
		w->type = t;
		for (unsigned int i = 0; i < nparams(t); i++)
			w->param[i] = t->params[i].def;
		for (int i = 0; i < argc && !ret; i++)
			ret = parse_param(w, argv[i], why);
	}
	if (!ret && t->start)
		ret = t->start(w);
	if (!ret) {
		w->started_ns = ktime_get_ns();
		if (w->duration_ms)
			w->end_ns = w->started_ns + (u64)w->duration_ms * NSEC_PER_MSEC;
		if (t->stack)
			w->task = kthread_create_with_stack(workload_thread, w, t->stack, "wl/%s",
							    t->name);
		else
			w->task = kthread_create(workload_thread, w, "wl/%s", t->name);
		if (IS_ERR(w->task)) {
			ret = (int)PTR_ERR(w->task);
			if (t->stop)
				t->stop(w);
		} else {
			get_task_struct(w->task);
			if (t->nice)
				set_user_nice(w->task, t->nice);
			list_add_tail(&w->node, &running);
			wake_up_process(w->task);
		}
	}
	if (ret)
		kfree(w);
	mutex_unlock(&workload_lock);
	return ret;
}

static void reap(struct workload *w)
{
	kthread_stop_put(w->task);
	if (w->type->stop)
		w->type->stop(w);
	list_del(&w->node);
	kfree(w);
}

int workload_stop(const char *name)
{
	mutex_lock(&workload_lock);
	struct workload_type *t = find_type(name);
	struct workload *w = t ? find_running(t) : NULL;
	int ret = !t ? -ENOENT : !w ? -ESRCH : 0;
	if (w)
		reap(w);
	mutex_unlock(&workload_lock);
	return ret;
}

void workload_stop_all(void)
{
	mutex_lock(&workload_lock);
	while (!list_empty(&running))
		reap(list_first_entry(&running, struct workload, node));
	mutex_unlock(&workload_lock);
}

bool workload_should_stop(struct workload *w)
{
	return kthread_should_stop() || (w->jobs && w->iterations >= w->jobs) ||
	       (w->end_ns && ktime_get_ns() >= w->end_ns);
}

bool workload_sleep_until(struct workload *w, u64 deadline_ns)
{
	if (w->end_ns && deadline_ns > w->end_ns)
		deadline_ns = w->end_ns;
	/* WORKLOAD_FOREVER: no timer, only a wake-up ends the sleep. */
	ktime_t exp = (ktime_t)min_t(u64, deadline_ns, KTIME_MAX);
	ktime_t *expires = deadline_ns >= KTIME_MAX ? NULL : &exp;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (READ_ONCE(w->kick)) {
			WRITE_ONCE(w->kick, false);
			break;
		}
		if (!schedule_hrtimeout(expires, HRTIMER_MODE_ABS))
			break;
	}
	__set_current_state(TASK_RUNNING);
	return !workload_should_stop(w);
}

void workload_wake(struct workload *w)
{
	/* A stream's callback may come before the thread exists: the kick
	 * is then there for its first sleep. */
	struct task_struct *task = READ_ONCE(w->task);
	WRITE_ONCE(w->kick, true);
	if (task && !IS_ERR(task))
		wake_up_process(task);
}

bool workload_next_period(struct workload *w, u64 *start, u64 period_ns)
{
	*start += period_ns;
	u64 now = ktime_get_ns();
	if (*start >= now)
		return workload_sleep_until(w, *start);
	*start = now;
	return !workload_should_stop(w);
}

/* ---- the work unit ------------------------------------------------------------ */

/* Out of line, so that every caller runs the same instructions. */
static noinline u32 work_unit(u32 x)
{
	for (unsigned int i = 0; i < WORKLOAD_UNIT_ROUNDS; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
	}
	return x;
}

bool workload_work(struct workload *w, unsigned long units)
{
	u32 x = w->work_sum | 1; /* xorshift32 never leaves 0 */
	bool done = true;
	for (unsigned long i = 0; i < units; i++) {
		if (kthread_should_stop()) {
			done = false;
			break;
		}
		x = work_unit(x);
		w->units++;
	}
	w->work_sum = x;
	return done;
}

/* ---- figures ------------------------------------------------------------------ */

void workload_print_ms(u64 ns)
{
	u64 us = ns / NSEC_PER_USEC;
	sh_printf("%llu.%03llu", us / 1000, us % 1000);
}

void workload_print_hist(const char *key, const struct wl_hist *h)
{
	static const unsigned int pcts[] = { 50, 90, 99 };
	sh_printf("%s: n=%llu min=", key, h->count);
	workload_print_ms(h->min);
	for (unsigned int i = 0; i < ARRAY_SIZE(pcts); i++) {
		sh_printf(" p%u=", pcts[i]);
		workload_print_ms(wl_hist_percentile(h, pcts[i]));
	}
	sh_printf(" max=");
	workload_print_ms(h->max);
	sh_printf(" mean=");
	workload_print_ms(wl_hist_mean(h));
	sh_printf(" ms\n");
}

void workload_print_summary(const char *key, const struct wl_hist *h)
{
	sh_printf("%s p50 ", key);
	workload_print_ms(wl_hist_percentile(h, 50));
	sh_printf(" p99 ");
	workload_print_ms(wl_hist_percentile(h, 99));
	sh_printf(" ms");
}

/* ---- the shell's command ------------------------------------------------------ */

static void print_value(const struct workload_param *p, unsigned long v)
{
	if (p->choices)
		sh_printf("%s=%s", p->name, p->choices[v]);
	else
		sh_printf("%s=%lu", p->name, v);
}

/* w's parameters, or with w NULL t's defaults; the common ones when set. */
static void print_params(const struct workload_type *t, const struct workload *w)
{
	for (unsigned int i = 0; i < nparams(t); i++) {
		sh_printf("%s", i ? " " : "");
		print_value(&t->params[i], w ? w->param[i] : t->params[i].def);
	}
	if (w && w->duration_ms)
		sh_printf(" duration_ms=%lu", w->duration_ms);
	if (w && w->jobs)
		sh_printf(" jobs=%lu", w->jobs);
}

static const char *state(const struct workload *w)
{
	if (!READ_ONCE(w->ended))
		return "running";
	return w->result < 0 ? "ended" : "done";
}

/* Seconds since it started, or that it ran, in µs. */
static u64 run_us(const struct workload *w)
{
	return ((READ_ONCE(w->ended) ? w->ended_ns : ktime_get_ns()) - w->started_ns) /
	       NSEC_PER_USEC;
}

static void list(void)
{
	struct workload_type *t;
	sh_printf("%-11s %-8s %10s %7s %10s  %s\n", "NAME", "STATE", "ITERATIONS", "ERRORS",
		  "TIME", "PARAMETERS");
	mutex_lock(&workload_lock);
	list_for_each_entry(t, &types, node) {
		struct workload *w = find_running(t);
		if (!w) {
			sh_printf("%-11s %-8s %10s %7s %10s  ", t->name, "stopped", "-", "-", "-");
			print_params(t, NULL);
			sh_printf("\n");
			continue;
		}
		u64 us = run_us(w);
		sh_printf("%-11s %-8s %10lu %7lu %3llu.%06llu  ", t->name, state(w), w->iterations,
			  w->errors, us / 1000000, us % 1000000);
		print_params(t, w);
		sh_printf("\n");
		if (t->summary) {
			sh_printf("%12s", "");
			t->summary(w);
			sh_printf("\n");
		}
	}
	mutex_unlock(&workload_lock);
}

static int stats(const char *name)
{
	mutex_lock(&workload_lock);
	struct workload_type *t = find_type(name);
	struct workload *w = t ? find_running(t) : NULL;
	int ret = !t ? -ENOENT : !w ? -ESRCH : 0;
	if (w) {
		u64 us = run_us(w);
		u64 cpu_us = w->task->se.sum_exec_runtime / NSEC_PER_USEC;
		sh_printf("workload: %s\nstate: %s\ntime: %llu.%06llu s\ncpu: %llu.%06llu s\n",
			  t->name, state(w), us / 1000000, us % 1000000, cpu_us / 1000000,
			  cpu_us % 1000000);
		sh_printf("parameters: ");
		print_params(t, w);
		sh_printf("\n%s: %lu\nerrors: %lu\n", t->counts ? t->counts : "iterations",
			  w->iterations, w->errors);
		if (w->units)
			sh_printf("units: %llu\n", w->units);
		if (t->stats)
			t->stats(w);
	}
	mutex_unlock(&workload_lock);
	return ret;
}

static void usage(void)
{
	struct workload_type *t;
	sh_error("Usage: workload list | start NAME [PARAM=VALUE]... | stats NAME | stop NAME|all");
	list_for_each_entry(t, &types, node) {
		char line[200];
		int n = scnprintf(line, sizeof line, "  %-11s %s;", t->name, t->help);
		for (unsigned int i = 0; i < nparams(t); i++) {
			const struct workload_param *p = &t->params[i];
			if (p->choices) {
				n += scnprintf(line + n, sizeof line - (size_t)n, " %s=%s (", p->name,
					       p->choices[p->def]);
				for (unsigned int c = 0; p->choices[c]; c++)
					n += scnprintf(line + n, sizeof line - (size_t)n, "%s%s",
						       c ? "|" : "", p->choices[c]);
				n += scnprintf(line + n, sizeof line - (size_t)n, ")");
				continue;
			}
			n += scnprintf(line + n, sizeof line - (size_t)n, " %s=%lu%s (%lu..%lu)",
				       p->name, p->def, p->unit ? p->unit : "", p->min, p->max);
		}
		sh_error("%s", line);
	}
	sh_error("  every one also takes duration_ms=0 and jobs=0 (0: no limit)");
}

static int cmd_workload(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "list")) {
		list();
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "start")) {
		const char *why;
		int ret = workload_start(argv[2], argc - 3, argv + 3, &why);
		if (ret && why)
			sh_error("workload: start %s: %s: %s", argv[2], why, errmsg(ret));
		else if (ret)
			sh_error("workload: start %s: %s", argv[2], errmsg(ret));
		return ret ? 1 : 0;
	}
	if (argc == 3 && !strcmp(argv[1], "stats")) {
		int ret = stats(argv[2]);
		if (ret)
			sh_error("workload: stats %s: %s", argv[2], errmsg(ret));
		return ret ? 1 : 0;
	}
	if (argc == 3 && !strcmp(argv[1], "stop")) {
		if (!strcmp(argv[2], "all")) {
			workload_stop_all();
			return 0;
		}
		int ret = workload_stop(argv[2]);
		if (ret)
			sh_error("workload: stop %s: %s", argv[2], errmsg(ret));
		return ret ? 1 : 0;
	}
	usage();
	return 1;
}
SHELL_CMD(workload, cmd_workload,
	  "workload list|start NAME [P=V]...|stats NAME|stop NAME|all",
	  "start, stop and measure guest workloads");

/* ---- the kernel command line -------------------------------------------------- */

/* workload=NAME:P=V,P=V...: kept as the command line's own words (split
 * in place by kernel/params.c, which keeps them), started at
 * late_initcall_sync, once every type has registered. */
#define BOOT_WORKLOADS 8
static char *boot_words[BOOT_WORKLOADS];
static unsigned int nboot;

static int __init workload_setup(char *str)
{
	if (nboot < BOOT_WORKLOADS)
		boot_words[nboot++] = str;
	else
		pr_warn("workload: more than %d on the command line: %s ignored\n",
			BOOT_WORKLOADS, str);
	return 1;
}
__setup("workload=", workload_setup);

static int __init workload_boot(void)
{
	for (unsigned int i = 0; i < nboot; i++) {
		char *name = boot_words[i], *args = strchr(name, ':');
		char *argv[WORKLOAD_MAX_PARAMS + NR_COMMON + 1];
		int argc = 0;
		if (args) {
			*args++ = '\0';
			while (args && *args && argc < (int)ARRAY_SIZE(argv)) {
				argv[argc++] = args;
				args = strchr(args, ',');
				if (args)
					*args++ = '\0';
			}
		}
		const char *why;
		int ret = workload_start(name, argc, argv, &why);
		if (ret)
			pr_err("workload: start %s: %s%s%s\n", name, why ? why : "", why ? ": " : "",
			       errmsg(ret));
	}
	return 0;
}
late_initcall_sync(workload_boot);
