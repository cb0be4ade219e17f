/*
 * KUnit: the IRQ layer (kernel/irq/) on the NVIC (drivers/irqchip/).
 *
 * The cases raise software interrupts on the NVIC's last lines, which no
 * device drives (the default SoC has 64 lines, the MCU 32, devices use
 * the first few): irq_set_irqchip_state(PENDING) sets the line pending,
 * and an enabled line is taken before the call returns.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irqchip/arm-nvic.h>
#include <linux/kthread.h>
#include <linux/of.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>

static unsigned int line, other;
static unsigned int hits, hits_other;

struct grep {
	const char *pattern;
	unsigned int n;
};

static void grep_line(void *arg, const char *l, unsigned int len)
{
	struct grep *g = arg;
	if (strstr(l, g->pattern))
		g->n++;
}

static unsigned int count_log(const char *pattern)
{
	struct grep g = { pattern, 0 };
	log_buf_for_each(grep_line, &g);
	return g.n;
}

static void raise_irq(unsigned int irq)
{
	irq_set_irqchip_state(irq, IRQCHIP_STATE_PENDING, true);
}

static bool irq_state(unsigned int irq, enum irqchip_irq_state which)
{
	bool v = false;
	irq_get_irqchip_state(irq, which, &v);
	return v;
}

static int irq_test_init(struct kunit *test)
{
	line = nr_irqs - 1;
	other = nr_irqs - 2;
	hits = hits_other = 0;
	return 0;
}

static bool seen_hardirq, seen_same_thread;
static struct task_struct *interrupted;

static irqreturn_t count_irq(int irq, void *dev_id)
{
	unsigned int *n = dev_id;
	(*n)++;
	seen_hardirq = in_hardirq() && !in_task();
	seen_same_thread = current == interrupted;
	return IRQ_HANDLED;
}

static void irq_request_raise_free(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, request_irq(nr_irqs, count_irq, 0, "kunit", &hits), -EINVAL);
	KUNIT_ASSERT_EQ(test, request_irq(line, count_irq, 0, "kunit", &hits), 0);
	unsigned int before = kstat_irqs_usr(line);
	interrupted = current;
	raise_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 1);
	KUNIT_EXPECT_EQ(test, kstat_irqs_usr(line), before + 1);
	KUNIT_EXPECT_TRUE(test, seen_hardirq);
	KUNIT_EXPECT_TRUE(test, seen_same_thread);
	KUNIT_EXPECT_FALSE(test, in_hardirq());
	KUNIT_EXPECT_STREQ(test, free_irq(line, &hits), "kunit");
	/* Freed: the line is masked, the interrupt stays pending. */
	raise_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 1);
	KUNIT_EXPECT_TRUE(test, irq_state(line, IRQCHIP_STATE_PENDING));
	KUNIT_EXPECT_TRUE(test, irq_state(line, IRQCHIP_STATE_MASKED));
	irq_set_irqchip_state(line, IRQCHIP_STATE_PENDING, false);
	unsigned int warnings = count_log("Trying to free already-free IRQ");
	KUNIT_EXPECT_NULL(test, free_irq(line, &hits));
	KUNIT_EXPECT_EQ(test, count_log("Trying to free already-free IRQ"), warnings + 1);
}

static irqreturn_t self_disabling_irq(int irq, void *dev_id)
{
	hits++;
	disable_irq_nosync((unsigned int)irq);
	return IRQ_HANDLED;
}

static void irq_disable_nests_and_replays(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, request_irq(line, count_irq, 0, "kunit", &hits), 0);
	disable_irq(line);
	disable_irq(line);
	raise_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 0);
	enable_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 0);
	KUNIT_EXPECT_TRUE(test, irqd_irq_disabled(irq_get_irq_data(line)));
	enable_irq(line); /* the pending interrupt is taken now */
	KUNIT_EXPECT_EQ(test, hits, 1);
	unsigned int warnings = count_log("Unbalanced enable for IRQ");
	enable_irq(line);
	KUNIT_EXPECT_EQ(test, count_log("Unbalanced enable for IRQ"), warnings + 1);
	free_irq(line, &hits);

	/* IRQF_NO_AUTOEN starts disabled; a handler may disable its own line. */
	hits = 0;
	KUNIT_ASSERT_EQ(test, request_irq(line, self_disabling_irq, IRQF_NO_AUTOEN, "kunit", &hits), 0);
	raise_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 0);
	enable_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 1);
	raise_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 1);
	enable_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 2);
	free_irq(line, &hits);
	irq_set_irqchip_state(line, IRQCHIP_STATE_PENDING, false);
}

static char thread_comm[TASK_COMM_LEN];
static int thread_prio;
static bool thread_in_task, thread_saw_masked, thread_done;
static unsigned int primary_hits;

static irqreturn_t primary_irq(int irq, void *dev_id)
{
	primary_hits++;
	return IRQ_WAKE_THREAD;
}

static irqreturn_t thread_irq(int irq, void *dev_id)
{
	strscpy(thread_comm, current->comm, sizeof thread_comm);
	thread_prio = current->prio;
	thread_in_task = in_task();
	thread_saw_masked = irq_state((unsigned int)irq, IRQCHIP_STATE_MASKED);
	if (dev_id)
		msleep(5);
	thread_done = true;
	return IRQ_HANDLED;
}

static bool task_exists(const char *comm)
{
	struct task_struct *p;
	bool found = false;
	preempt_disable();
	for_each_process(p)
		found |= !strcmp(p->comm, comm);
	preempt_enable();
	return found;
}

static void irq_threaded_handler(struct kunit *test)
{
	char name[TASK_COMM_LEN];
	snprintf(name, sizeof name, "irq/%u-kunit", line);
	KUNIT_EXPECT_EQ(test, request_threaded_irq(line, NULL, thread_irq, 0, "kunit", NULL),
			-EINVAL);
	KUNIT_ASSERT_EQ(test, request_threaded_irq(line, primary_irq, thread_irq, IRQF_ONESHOT,
						   "kunit", NULL), 0);
	KUNIT_EXPECT_TRUE(test, task_exists(name));
	raise_irq(line);
	/* The thread (prio 49) ran as the handler returned, line masked. */
	KUNIT_EXPECT_EQ(test, primary_hits, 1);
	KUNIT_EXPECT_TRUE(test, thread_done);
	KUNIT_EXPECT_STREQ(test, thread_comm, name);
	KUNIT_EXPECT_EQ(test, thread_prio, 49);
	KUNIT_EXPECT_TRUE(test, thread_in_task);
	KUNIT_EXPECT_TRUE(test, thread_saw_masked);
	KUNIT_EXPECT_FALSE(test, irq_state(line, IRQCHIP_STATE_MASKED));
	free_irq(line, NULL);
	KUNIT_EXPECT_FALSE(test, task_exists(name));

	/* disable_irq waits for a thread that is still running (asleep). */
	thread_done = false;
	KUNIT_ASSERT_EQ(test, request_threaded_irq(line, NULL, thread_irq, IRQF_ONESHOT, "kunit",
						   &hits), 0);
	raise_irq(line);
	KUNIT_EXPECT_FALSE(test, thread_done);
	disable_irq(line);
	KUNIT_EXPECT_TRUE(test, thread_done);
	enable_irq(line);
	free_irq(line, &hits);
}

static irqreturn_t not_mine_irq(int irq, void *dev_id)
{
	hits_other++;
	return IRQ_NONE;
}

static void irq_shared_line(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, request_irq(line, count_irq, IRQF_SHARED, "kunit-a", &hits), 0);
	KUNIT_EXPECT_EQ(test, request_irq(line, not_mine_irq, 0, "kunit-b", &hits_other), -EBUSY);
	KUNIT_EXPECT_EQ(test, request_irq(line, not_mine_irq, IRQF_SHARED | IRQF_ONESHOT, "kunit-b",
					  &hits_other), -EBUSY);
	KUNIT_EXPECT_EQ(test, request_irq(line, not_mine_irq, IRQF_SHARED, "kunit-b", NULL), -EINVAL);
	KUNIT_ASSERT_EQ(test, request_irq(line, not_mine_irq, IRQF_SHARED, "kunit-b", &hits_other), 0);
	interrupted = current;
	raise_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 1);
	KUNIT_EXPECT_EQ(test, hits_other, 1);
	KUNIT_EXPECT_STREQ(test, free_irq(line, &hits), "kunit-a");
	raise_irq(line);
	KUNIT_EXPECT_EQ(test, hits, 1);
	KUNIT_EXPECT_EQ(test, hits_other, 2);
	KUNIT_EXPECT_STREQ(test, free_irq(line, &hits_other), "kunit-b");
}

static void irq_wake_mask(struct kunit *test)
{
	u32 mask[4];
	KUNIT_EXPECT_EQ(test, nvic_get_wake_mask(mask, ARRAY_SIZE(mask)), nr_irqs);
	KUNIT_EXPECT_FALSE(test, mask[line / 32] & BIT(line % 32));
	KUNIT_EXPECT_EQ(test, enable_irq_wake(line), 0);
	KUNIT_EXPECT_EQ(test, enable_irq_wake(line), 0);
	nvic_get_wake_mask(mask, ARRAY_SIZE(mask));
	KUNIT_EXPECT_TRUE(test, mask[line / 32] & BIT(line % 32));
	KUNIT_EXPECT_EQ(test, mask[3], 0);
	KUNIT_EXPECT_TRUE(test, irqd_is_wakeup_set(irq_get_irq_data(line)));
	KUNIT_EXPECT_EQ(test, disable_irq_wake(line), 0);
	nvic_get_wake_mask(mask, ARRAY_SIZE(mask));
	KUNIT_EXPECT_TRUE(test, mask[line / 32] & BIT(line % 32));
	KUNIT_EXPECT_EQ(test, disable_irq_wake(line), 0);
	nvic_get_wake_mask(mask, ARRAY_SIZE(mask));
	KUNIT_EXPECT_FALSE(test, mask[line / 32] & BIT(line % 32));
	KUNIT_EXPECT_FALSE(test, irqd_is_wakeup_set(irq_get_irq_data(line)));
	unsigned int warnings = count_log("wake disable");
	disable_irq_wake(line);
	KUNIT_EXPECT_EQ(test, count_log("wake disable"), warnings + 1);
}

static void irq_trigger_types(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, irq_set_irq_type(line, IRQ_TYPE_EDGE_RISING), 0);
	KUNIT_EXPECT_EQ(test, irq_get_trigger_type(line), IRQ_TYPE_EDGE_RISING);
	KUNIT_EXPECT_EQ(test, irq_set_irq_type(line, IRQ_TYPE_LEVEL_HIGH), 0);
	KUNIT_EXPECT_EQ(test, irq_get_trigger_type(line), IRQ_TYPE_LEVEL_HIGH);
	KUNIT_EXPECT_EQ(test, irq_set_irq_type(line, IRQ_TYPE_LEVEL_LOW), -EINVAL);
	KUNIT_EXPECT_EQ(test, irq_set_irq_type(line, IRQ_TYPE_EDGE_FALLING), -EINVAL);
	KUNIT_EXPECT_EQ(test, irq_get_trigger_type(line), IRQ_TYPE_LEVEL_HIGH);
	KUNIT_EXPECT_EQ(test, request_irq(line, count_irq, IRQF_TRIGGER_LOW, "kunit", &hits),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, irq_set_irq_type(nr_irqs, IRQ_TYPE_LEVEL_HIGH), -EINVAL);
}

static void irq_suspend_keeps_wake_lines(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, request_irq(line, count_irq, 0, "kunit-wake", &hits), 0);
	KUNIT_ASSERT_EQ(test, request_irq(other, count_irq, 0, "kunit-other", &hits_other), 0);
	enable_irq_wake(line);
	suspend_device_irqs();
	raise_irq(line);
	raise_irq(other);
	KUNIT_EXPECT_EQ(test, hits, 1);
	KUNIT_EXPECT_EQ(test, hits_other, 0);
	resume_device_irqs();
	KUNIT_EXPECT_EQ(test, hits_other, 1);
	/* The clock event device's line (IRQF_TIMER) was never disabled. */
	disable_irq_wake(line);
	free_irq(line, &hits);
	free_irq(other, &hits_other);
}

/* A line enabled at the NVIC behind the IRQ layer's back (as a stray
 * write would): its interrupt is reported once and the line masked. */
static void irq_unexpected_is_masked(struct kunit *test)
{
	unsigned int stray = nr_irqs - 3;
	struct device_node *np = of_find_compatible_node(NULL, NULL, "arm,armv7m-nvic");
	struct resource r;
	KUNIT_ASSERT_NOT_NULL(test, np);
	KUNIT_ASSERT_EQ(test, of_address_to_resource(np, 0, &r), 0);
	void __iomem *iser = ioremap(r.start, resource_size(&r));
	unsigned int reports = count_log("unexpected IRQ trap at vector");
	writel(BIT(stray % 32), (char __iomem *)iser + 4 * (stray / 32));
	raise_irq(stray);
	KUNIT_EXPECT_EQ(test, count_log("unexpected IRQ trap at vector"), reports + 1);
	KUNIT_EXPECT_TRUE(test, irq_state(stray, IRQCHIP_STATE_MASKED));
	KUNIT_EXPECT_FALSE(test, irq_state(stray, IRQCHIP_STATE_PENDING));
}

static struct kunit_case irq_cases[] = {
	KUNIT_CASE(irq_request_raise_free),
	KUNIT_CASE(irq_disable_nests_and_replays),
	KUNIT_CASE(irq_threaded_handler),
	KUNIT_CASE(irq_shared_line),
	KUNIT_CASE(irq_wake_mask),
	KUNIT_CASE(irq_trigger_types),
	KUNIT_CASE(irq_suspend_keeps_wake_lines),
	KUNIT_CASE(irq_unexpected_is_masked),
	{ 0 },
};

static struct kunit_suite irq_suite = {
	.name = "irq",
	.init = irq_test_init,
	.test_cases = irq_cases,
};
kunit_test_suite(irq_suite);
