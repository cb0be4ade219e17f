/*
 * KUnit: softirqs and tasklets (kernel/softirq.c). ksoftirqd/0 (prio 98)
 * is more important than the test thread (120), so a softirq raised by
 * the test runs before the call that raised it returns, unless softirqs
 * are disabled (local_bh_disable) or the tasklet is.
 */
#include <kunit/test.h>
#include <linux/interrupt.h>
#include <linux/sched.h>
#include <linux/string.h>

static char order[16];
static unsigned int norder;
static bool ran_in_softirq, ran_in_ksoftirqd;

static void note_tasklet(struct tasklet_struct *t)
{
	if (norder < sizeof order - 1)
		order[norder++] = (char)t->data;
	order[norder] = '\0';
	ran_in_softirq = in_serving_softirq() && !in_hardirq();
	ran_in_ksoftirqd = !strcmp(current->comm, "ksoftirqd/0");
}

static struct tasklet_struct ta, tb;

static int softirq_test_init(struct kunit *test)
{
	norder = 0;
	order[0] = '\0';
	tasklet_setup(&ta, note_tasklet);
	ta.data = 'a';
	tasklet_setup(&tb, note_tasklet);
	tb.data = 'b';
	return 0;
}

static void tasklet_runs_once_in_softirq(struct kunit *test)
{
	unsigned int count = kstat_softirqs_cpu(TASKLET_SOFTIRQ, 0);
	local_bh_disable();
	KUNIT_EXPECT_TRUE(test, in_softirq());
	tasklet_schedule(&ta);
	tasklet_schedule(&ta);
	KUNIT_EXPECT_STREQ(test, order, "");
	local_bh_enable();
	KUNIT_EXPECT_FALSE(test, in_softirq());
	KUNIT_EXPECT_STREQ(test, order, "a");
	KUNIT_EXPECT_TRUE(test, ran_in_softirq);
	KUNIT_EXPECT_TRUE(test, ran_in_ksoftirqd);
	KUNIT_EXPECT_EQ(test, kstat_softirqs_cpu(TASKLET_SOFTIRQ, 0), count + 1);
	tasklet_schedule(&ta);
	KUNIT_EXPECT_STREQ(test, order, "aa");
}

static irqreturn_t schedule_irq(int irq, void *dev_id)
{
	tasklet_schedule(dev_id);
	return IRQ_HANDLED;
}

static void tasklet_from_an_interrupt(struct kunit *test)
{
	unsigned int irq = nr_irqs - 1;
	KUNIT_ASSERT_EQ(test, request_irq(irq, schedule_irq, 0, "kunit", &tb), 0);
	irq_set_irqchip_state(irq, IRQCHIP_STATE_PENDING, true);
	KUNIT_EXPECT_STREQ(test, order, "b");
	free_irq(irq, &tb);
}

static void tasklet_hi_runs_first(struct kunit *test)
{
	local_bh_disable();
	tasklet_schedule(&ta);
	tasklet_hi_schedule(&tb);
	local_bh_enable();
	KUNIT_EXPECT_STREQ(test, order, "ba");
}

static void tasklet_disable_holds_it(struct kunit *test)
{
	tasklet_disable(&ta);
	tasklet_schedule(&ta);
	KUNIT_EXPECT_STREQ(test, order, "");
	KUNIT_EXPECT_TRUE(test, ta.state & BIT(TASKLET_STATE_SCHED));
	tasklet_enable(&ta);
	KUNIT_EXPECT_STREQ(test, order, "a");
	tasklet_kill(&ta);
	KUNIT_EXPECT_EQ(test, ta.state, 0);
}

static struct kunit_case softirq_cases[] = {
	KUNIT_CASE(tasklet_runs_once_in_softirq),
	KUNIT_CASE(tasklet_from_an_interrupt),
	KUNIT_CASE(tasklet_hi_runs_first),
	KUNIT_CASE(tasklet_disable_holds_it),
	{ 0 },
};

static struct kunit_suite softirq_suite = {
	.name = "softirq",
	.init = softirq_test_init,
	.test_cases = softirq_cases,
};
kunit_test_suite(softirq_suite);
