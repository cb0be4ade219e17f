/*
 * KUnit: workqueues (kernel/workqueue.c). Items record where and when
 * they ran: the worker thread, the jiffy (a delayed item runs on exactly
 * the jiffy it was queued for), and their order.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/workqueue.h>

struct probe {
	struct delayed_work dw;
	char name;
	unsigned int runs;
	unsigned long ran_at;
	char comm[TASK_COMM_LEN];
	int prio;
	bool in_task, was_current;
	unsigned int sleep_ms;
	bool requeue;
	bool done;
};

static char order[16];
static unsigned int norder;

static void probe_fn(struct work_struct *work)
{
	struct probe *p = container_of(to_delayed_work(work), struct probe, dw);
	p->runs++;
	p->ran_at = jiffies;
	strscpy(p->comm, current->comm, sizeof p->comm);
	p->prio = current->prio;
	p->in_task = in_task();
	p->was_current = current_work() == work;
	if (norder < sizeof order - 1)
		order[norder++] = p->name;
	order[norder] = '\0';
	if (p->sleep_ms)
		msleep(p->sleep_ms);
	if (p->requeue)
		schedule_work(work);
	p->done = true;
}

static void probe_init(struct probe *p, char name)
{
	memset(p, 0, sizeof *p);
	p->name = name;
	INIT_DELAYED_WORK(&p->dw, probe_fn);
}

static int wq_test_init(struct kunit *test)
{
	norder = 0;
	order[0] = '\0';
	return 0;
}

static struct probe p1, p2, p3;

static void wq_schedule_work_runs_in_events(struct kunit *test)
{
	probe_init(&p1, 'a');
	struct work_struct *w = &p1.dw.work;
	KUNIT_EXPECT_FALSE(test, flush_work(w));
	KUNIT_EXPECT_TRUE(test, schedule_work(w));
	KUNIT_EXPECT_TRUE(test, work_pending(w));
	KUNIT_EXPECT_FALSE(test, schedule_work(w));
	KUNIT_EXPECT_TRUE(test, flush_work(w));
	KUNIT_EXPECT_EQ(test, p1.runs, 1);
	KUNIT_EXPECT_FALSE(test, work_pending(w));
	KUNIT_EXPECT_STREQ(test, p1.comm, "events");
	KUNIT_EXPECT_EQ(test, p1.prio, 120);
	KUNIT_EXPECT_TRUE(test, p1.in_task);
	KUNIT_EXPECT_TRUE(test, p1.was_current);
	KUNIT_EXPECT_NULL(test, current_work());
	KUNIT_EXPECT_FALSE(test, flush_work(w));
}

static void wq_own_queue_keeps_order(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("kunit_wq", 0, 0);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&p1, 'a');
	probe_init(&p2, 'b');
	probe_init(&p3, 'c');
	queue_work(wq, &p2.dw.work);
	queue_work(wq, &p1.dw.work);
	queue_work(wq, &p3.dw.work);
	flush_workqueue(wq);
	KUNIT_EXPECT_STREQ(test, order, "bac");
	KUNIT_EXPECT_STREQ(test, p1.comm, "kunit_wq");
	KUNIT_EXPECT_EQ(test, workqueue_worker(wq)->prio, 120);
	destroy_workqueue(wq);

	wq = alloc_workqueue("kunit_hi", WQ_HIGHPRI, 0);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&p1, 'h');
	queue_work(wq, &p1.dw.work);
	flush_work(&p1.dw.work);
	KUNIT_EXPECT_EQ(test, p1.prio, 100);
	destroy_workqueue(wq);
}

static void wq_delayed_work_on_its_jiffy(struct kunit *test)
{
	probe_init(&p1, 'a');
	schedule_timeout_uninterruptible(1);
	unsigned long j0 = jiffies;
	KUNIT_EXPECT_TRUE(test, schedule_delayed_work(&p1.dw, 5));
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&p1.dw));
	KUNIT_EXPECT_FALSE(test, schedule_delayed_work(&p1.dw, 1));
	/* Moved later while pending: it runs once, at the new time. */
	KUNIT_EXPECT_TRUE(test, mod_delayed_work(system_wq, &p1.dw, 10));
	schedule_timeout_uninterruptible(12);
	KUNIT_EXPECT_EQ(test, p1.runs, 1);
	KUNIT_EXPECT_EQ(test, p1.ran_at, j0 + 10);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&p1.dw));
	/* mod_delayed_work of an idle item queues it. */
	KUNIT_EXPECT_FALSE(test, mod_delayed_work(system_wq, &p1.dw, 0));
	KUNIT_EXPECT_TRUE(test, flush_work(&p1.dw.work));
	KUNIT_EXPECT_EQ(test, p1.runs, 2);
	/* Cancelled before its time: it never runs. */
	schedule_delayed_work(&p1.dw, 3);
	KUNIT_EXPECT_TRUE(test, cancel_delayed_work(&p1.dw));
	KUNIT_EXPECT_FALSE(test, cancel_delayed_work(&p1.dw));
	schedule_timeout_uninterruptible(5);
	KUNIT_EXPECT_EQ(test, p1.runs, 2);
	/* flush_delayed_work runs it now. */
	unsigned long j1 = jiffies;
	schedule_delayed_work(&p1.dw, 100);
	KUNIT_EXPECT_TRUE(test, flush_delayed_work(&p1.dw));
	KUNIT_EXPECT_EQ(test, p1.runs, 3);
	KUNIT_EXPECT_EQ(test, p1.ran_at, j1);
	KUNIT_EXPECT_FALSE(test, cancel_delayed_work_sync(&p1.dw));
}

static void wq_cancel_sync_waits_for_running(struct kunit *test)
{
	probe_init(&p1, 'a');
	p1.sleep_ms = 5;
	schedule_work(&p1.dw.work);
	msleep(1); /* it starts, then sleeps in its function */
	KUNIT_EXPECT_EQ(test, p1.runs, 1);
	KUNIT_EXPECT_FALSE(test, p1.done);
	KUNIT_EXPECT_FALSE(test, cancel_work_sync(&p1.dw.work));
	KUNIT_EXPECT_TRUE(test, p1.done);

	/* One that queues itself again is stopped for good. */
	probe_init(&p2, 'r');
	p2.requeue = true;
	p2.sleep_ms = 1;
	schedule_work(&p2.dw.work);
	msleep(10);
	KUNIT_EXPECT_GT(test, p2.runs, 1);
	cancel_work_sync(&p2.dw.work);
	unsigned int runs = p2.runs;
	KUNIT_EXPECT_FALSE(test, work_pending(&p2.dw.work));
	msleep(10);
	KUNIT_EXPECT_EQ(test, p2.runs, runs);
}

static irqreturn_t queue_irq(int irq, void *dev_id)
{
	schedule_work(dev_id);
	return IRQ_HANDLED;
}

static void wq_queued_from_an_interrupt(struct kunit *test)
{
	unsigned int irq = nr_irqs - 1;
	probe_init(&p1, 'i');
	KUNIT_ASSERT_EQ(test, request_irq(irq, queue_irq, 0, "kunit", &p1.dw.work), 0);
	irq_set_irqchip_state(irq, IRQCHIP_STATE_PENDING, true);
	KUNIT_EXPECT_TRUE(test, work_pending(&p1.dw.work));
	flush_scheduled_work();
	KUNIT_EXPECT_EQ(test, p1.runs, 1);
	free_irq(irq, &p1.dw.work);
}

static struct kunit_case wq_cases[] = {
	KUNIT_CASE(wq_schedule_work_runs_in_events),
	KUNIT_CASE(wq_own_queue_keeps_order),
	KUNIT_CASE(wq_delayed_work_on_its_jiffy),
	KUNIT_CASE(wq_cancel_sync_waits_for_running),
	KUNIT_CASE(wq_queued_from_an_interrupt),
	{ 0 },
};

static struct kunit_suite wq_suite = {
	.name = "workqueue",
	.init = wq_test_init,
	.test_cases = wq_cases,
};
kunit_test_suite(wq_suite);
