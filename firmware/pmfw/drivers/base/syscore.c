/*
 * syscore operations (Linux's drivers/base/syscore.c): run last on the
 * way into a system sleep (reverse order of registration) and first on
 * the way out, with interrupts off. A failing suspend undoes the ones
 * already done.
 */
#include <asm/irqflags.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/syscore_ops.h>
#include <linux/timekeeping.h>
#include <linux/init.h>
#include <pmfw/marker.h>

static LIST_HEAD(syscore_ops_list);
static DEFINE_MUTEX(syscore_ops_lock);

void register_syscore_ops(struct syscore_ops *ops)
{
	mutex_lock(&syscore_ops_lock);
	list_add_tail(&ops->node, &syscore_ops_list);
	mutex_unlock(&syscore_ops_lock);
}

void unregister_syscore_ops(struct syscore_ops *ops)
{
	mutex_lock(&syscore_ops_lock);
	list_del(&ops->node);
	mutex_unlock(&syscore_ops_lock);
}

int syscore_suspend(void)
{
	struct syscore_ops *ops;
	int ret = 0;
	pm_marker_begin("phase:syscore_suspend");
	WARN_ON_ONCE(!irqs_disabled());
	list_for_each_entry_reverse(ops, &syscore_ops_list, node) {
		if (ops->suspend) {
			ret = ops->suspend();
			if (ret)
				goto err_out;
		}
	}
	pm_marker_end("phase:syscore_suspend", 0);
	return 0;
err_out:
	pr_err("PM: System core suspend callback %pS failed.\n", ops->suspend);
	list_for_each_entry_continue(ops, &syscore_ops_list, node)
		if (ops->resume)
			ops->resume();
	pm_marker_end("phase:syscore_suspend", ret);
	return ret;
}

void syscore_resume(void)
{
	struct syscore_ops *ops;
	pm_marker_begin("phase:syscore_resume");
	list_for_each_entry(ops, &syscore_ops_list, node)
		if (ops->resume)
			ops->resume();
	pm_marker_end("phase:syscore_resume", 0);
}

/* Linux's timekeeping_syscore_ops: time stops last and starts first. */
static int timekeeping_syscore_suspend(void)
{
	timekeeping_suspend();
	return 0;
}

static struct syscore_ops timekeeping_syscore_ops = {
	.suspend = timekeeping_syscore_suspend,
	.resume = timekeeping_resume,
};

static int timekeeping_init_ops(void)
{
	register_syscore_ops(&timekeeping_syscore_ops);
	return 0;
}
core_initcall(timekeeping_init_ops);
