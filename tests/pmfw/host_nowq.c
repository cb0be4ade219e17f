/*
 * For host tests of code that schedules delayed work it does not test
 * (the regulator core's late cleanup): a system workqueue on which delayed
 * work is accepted and never runs.
 */
#include <linux/jiffies.h>
#include <linux/workqueue.h>

struct workqueue_struct *system_wq;

bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
			unsigned long delay)
{
	(void)wq;
	(void)dwork;
	(void)delay;
	return true;
}

unsigned long msecs_to_jiffies(const unsigned int m)
{
	return m;
}

void delayed_work_timer_fn(struct timer_list *t)
{
	(void)t;
}
