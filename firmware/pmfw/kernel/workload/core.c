/*
 * Guest workloads (include/pmfw/workload.h): the registry, the threads,
 * and the shell's `workload` command.
 *
 *   workload list                         the workloads, running or not
 *   workload start NAME [PARAM=VALUE]...  start one (unnamed parameters
 *                                         take their defaults)
 *   workload stop NAME|all                stop one, or every one
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

static LIST_HEAD(types);   /* by name */
static LIST_HEAD(running); /* struct workload, by start */
static DEFINE_MUTEX(workload_lock);

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

/* "PARAM=VALUE" into w->param: 0 or -EINVAL with *why. */
static int parse_param(struct workload *w, const char *arg, const char **why)
{
	static char msg[64];
	const struct workload_type *t = w->type;
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	for (unsigned int i = 0; i < nparams(t); i++) {
		const struct workload_param *p = &t->params[i];
		if (strlen(p->name) != len || strncmp(p->name, arg, len))
			continue;
		unsigned long v;
		if (!eq || kstrtoul(eq + 1, 10, &v)) {
			snprintf(msg, sizeof msg, "%s: not a number", p->name);
			*why = msg;
			return -EINVAL;
		}
		if (v < p->min || v > p->max) {
			snprintf(msg, sizeof msg, "%s: out of range %lu..%lu", p->name, p->min, p->max);
			*why = msg;
			return -EINVAL;
		}
		w->param[i] = v;
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
	WRITE_ONCE(w->ended, true);
	/* Ended by itself (an error): wait for the stop that reaps it. */
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
		w->task = kthread_create(workload_thread, w, "wl/%s", t->name);
		if (IS_ERR(w->task)) {
			ret = (int)PTR_ERR(w->task);
			if (t->stop)
				t->stop(w);
		} else {
			get_task_struct(w->task);
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

bool workload_sleep_until(struct workload *w, u64 deadline_ns)
{
	ktime_t exp = (ktime_t)deadline_ns;
	(void)w;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			return false;
		}
		if (!schedule_hrtimeout(&exp, HRTIMER_MODE_ABS))
			return !kthread_should_stop();
	}
}

bool workload_next_period(struct workload *w, u64 *start, u64 period_ns)
{
	*start += period_ns;
	u64 now = ktime_get_ns();
	if (*start >= now)
		return workload_sleep_until(w, *start);
	*start = now;
	return !kthread_should_stop();
}

/* ---- the shell's command ------------------------------------------------------ */

static void print_params(const struct workload_type *t, const unsigned long *v)
{
	for (unsigned int i = 0; i < nparams(t); i++)
		sh_printf("%s%s=%lu", i ? " " : "", t->params[i].name, v[i]);
}

static void list(void)
{
	struct workload_type *t;
	sh_printf("%-8s %-8s %10s %7s %10s  %s\n", "NAME", "STATE", "ITERATIONS", "ERRORS",
		  "TIME", "PARAMETERS");
	mutex_lock(&workload_lock);
	list_for_each_entry(t, &types, node) {
		struct workload *w = find_running(t);
		unsigned long defs[WORKLOAD_MAX_PARAMS];
		for (unsigned int i = 0; i < nparams(t); i++)
			defs[i] = t->params[i].def;
		if (!w) {
			sh_printf("%-8s %-8s %10s %7s %10s  ", t->name, "stopped", "-", "-", "-");
			print_params(t, defs);
		} else {
			u64 us = (ktime_get_ns() - w->started_ns) / 1000;
			sh_printf("%-8s %-8s %10lu %7lu %3llu.%06llu  ", t->name,
				  READ_ONCE(w->ended) ? "ended" : "running", w->iterations,
				  w->errors, us / 1000000, us % 1000000);
			print_params(t, w->param);
		}
		sh_printf("\n");
	}
	mutex_unlock(&workload_lock);
}

static void usage(void)
{
	struct workload_type *t;
	sh_error("Usage: workload list | start NAME [PARAM=VALUE]... | stop NAME|all");
	list_for_each_entry(t, &types, node) {
		char line[160];
		int n = scnprintf(line, sizeof line, "  %-8s %s;", t->name, t->help);
		for (unsigned int i = 0; i < nparams(t); i++) {
			const struct workload_param *p = &t->params[i];
			n += scnprintf(line + n, sizeof line - (size_t)n, " %s=%lu%s (%lu..%lu)",
				       p->name, p->def, p->unit ? p->unit : "", p->min, p->max);
		}
		sh_error("%s", line);
	}
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
SHELL_CMD(workload, cmd_workload, "workload list|start NAME [P=V]...|stop NAME|all",
	  "start and stop guest workloads");
