/*
 * KUnit: the scheduler (kernel/sched/core.c, idle.c, kernel/kthread.c).
 *
 * Each case records the order in which threads run as a string of
 * letters (note()), so that preemption shows as a letter between the
 * test thread's own: a wake-up of a more important thread runs it before
 * wake_up_process returns, one of equal or lower priority waits until the
 * test thread blocks, equals run in the order they were woken, and a
 * wake-up from an interrupt handler switches as the handler returns.
 * The suite runs in the init thread (prio 120).
 *
 * stack_overflow_panics ends the run with a kernel panic by design, so
 * it only runs with the kernel parameter sched_kunit.stack_overflow
 * (tests/pmfw.cmake checks the panic message); otherwise it is skipped.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/string.h>

static char order[32];
static unsigned int norder;

static void note(char c)
{
	unsigned long flags;
	local_irq_save(flags);
	if (norder < sizeof order - 1)
		order[norder++] = c;
	order[norder] = '\0';
	local_irq_restore(flags);
}

static int sched_test_init(struct kunit *test)
{
	norder = 0;
	order[0] = '\0';
	return 0;
}

static int note_fn(void *data)
{
	note((char)(uintptr_t)data);
	return 0;
}

/* A thread that is ours until kthread_stop_put, even once it exited. */
static struct task_struct *start(struct kunit *test, int (*fn)(void *), char c)
{
	struct task_struct *t = kthread_create(fn, (void *)(uintptr_t)c, "kunit-%c", c);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	return get_task_struct(t);
}

static void sched_preempts_for_more_important(struct kunit *test)
{
	struct task_struct *hi = start(test, note_fn, 'H');
	struct task_struct *eq = start(test, note_fn, 'E');
	struct task_struct *lo = start(test, note_fn, 'L');
	sched_set_fifo(hi);
	set_user_nice(lo, 5);
	KUNIT_EXPECT_EQ(test, hi->prio, 49);
	KUNIT_EXPECT_EQ(test, eq->prio, 120);
	KUNIT_EXPECT_EQ(test, lo->prio, 125);
	KUNIT_EXPECT_EQ(test, current->prio, 120);
	wake_up_process(lo);
	note('1');
	wake_up_process(eq);
	note('2');
	wake_up_process(hi);
	note('3');
	/* Blocking lets the others run: equal first, then lower. */
	msleep(1);
	KUNIT_EXPECT_STREQ(test, order, "12H3EL");
	kthread_stop_put(hi);
	kthread_stop_put(eq);
	kthread_stop_put(lo);
}

static int yield_fn(void *data)
{
	char c = (char)(uintptr_t)data;
	note(c);
	yield();
	note((char)(c - 'A' + 'a'));
	return 0;
}

static void sched_fifo_among_equals(struct kunit *test)
{
	struct task_struct *t[3];
	for (int i = 0; i < 3; i++)
		t[i] = start(test, yield_fn, (char)('X' + i));
	for (int i = 0; i < 3; i++)
		wake_up_process(t[i]);
	note('.');
	/* While the test sleeps: X, Y, Z in the order woken; each yield
	 * sends the thread behind its equals. */
	msleep(1);
	for (int i = 0; i < 3; i++)
		kthread_stop_put(t[i]);
	KUNIT_EXPECT_STREQ(test, order, ".XYZxyz");
}

static struct completion irq_done;
static unsigned int test_irq;

static irqreturn_t complete_irq(int irq, void *dev_id)
{
	note('I');
	complete(dev_id);
	return IRQ_HANDLED;
}

static int wait_fn(void *data)
{
	wait_for_completion(&irq_done);
	note('T');
	return 0;
}

static void sched_irq_wakeup_preempts(struct kunit *test)
{
	test_irq = nr_irqs - 1;
	init_completion(&irq_done);
	KUNIT_ASSERT_EQ(test, request_irq(test_irq, complete_irq, 0, "kunit", &irq_done), 0);
	struct task_struct *t = start(test, wait_fn, 'T');
	sched_set_fifo(t);
	wake_up_process(t); /* runs now and blocks */
	note('a');
	irq_set_irqchip_state(test_irq, IRQCHIP_STATE_PENDING, true);
	note('b');
	/* The handler ran, and the thread it woke, before 'b'. */
	KUNIT_EXPECT_STREQ(test, order, "aITb");
	KUNIT_EXPECT_EQ(test, kthread_stop_put(t), 0);
	KUNIT_EXPECT_STREQ(test, free_irq(test_irq, &irq_done), "kunit");
}

static unsigned long counted_nvcsw, counted_nivcsw;
static struct completion slept;

static int sleeper_fn(void *data)
{
	for (int i = 0; i < 3; i++)
		msleep(1);
	counted_nvcsw = current->nvcsw;
	counted_nivcsw = current->nivcsw;
	complete(&slept);
	return 0;
}

static void sched_counts_switches(struct kunit *test)
{
	struct task_struct *t = start(test, sleeper_fn, 'S');
	init_completion(&slept);
	sched_set_fifo(t);
	unsigned long nivcsw = current->nivcsw, nvcsw = current->nvcsw;
	unsigned long long switches = nr_context_switches();
	wake_up_process(t);
	/* Preempted once by t; t blocked three times, then exited. */
	KUNIT_EXPECT_EQ(test, current->nivcsw, nivcsw + 1);
	KUNIT_EXPECT_EQ(test, current->nvcsw, nvcsw);
	/* (kthread_stop would wake it from its sleeps: wait first.) */
	wait_for_completion(&slept);
	kthread_stop_put(t);
	KUNIT_EXPECT_EQ(test, counted_nvcsw, 3);
	KUNIT_EXPECT_EQ(test, counted_nivcsw, 0);
	KUNIT_EXPECT_GE(test, nr_context_switches(), switches + 8);
}

static int busy_fn(void *data)
{
	udelay(2000);
	return 0;
}

static void sched_accounts_runtime(struct kunit *test)
{
	struct task_struct *t = start(test, busy_fn, 'B');
	sched_set_fifo(t);
	u64 idle_before = init_task.se.sum_exec_runtime;
	wake_up_process(t);
	/* Its 2 ms of udelay, and the few microseconds of its start and exit. */
	KUNIT_EXPECT_GE(test, t->se.sum_exec_runtime, 2000000);
	KUNIT_EXPECT_LT(test, t->se.sum_exec_runtime, 2000000 + 100000);
	kthread_stop_put(t);
	/* The idle thread runs while the test sleeps. */
	msleep(20);
	KUNIT_EXPECT_GE(test, init_task.se.sum_exec_runtime - idle_before, 19000000);
}

static int stoppable_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(1);
	return 42;
}

static void kthread_stop_returns_result(struct kunit *test)
{
	struct task_struct *t = kthread_run(stoppable_fn, NULL, "kunit-stop");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(5);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 42);
	/* Never woken: the function never runs. */
	t = start(test, note_fn, 'N');
	KUNIT_EXPECT_EQ(test, kthread_stop_put(t), -EINTR);
	KUNIT_EXPECT_STREQ(test, order, "");
}

static void sched_threads_are_known(struct kunit *test)
{
	bool idle = false, init = false, ksoftirqd = false, events = false;
	struct task_struct *p;
	preempt_disable();
	for_each_process(p) {
		idle |= p == &init_task && p->pid == 0 && !strcmp(p->comm, "swapper") &&
			p->prio == MAX_PRIO && (p->flags & PF_IDLE);
		init |= p->pid == 1 && !strcmp(p->comm, "init") && p == current;
		ksoftirqd |= !strcmp(p->comm, "ksoftirqd/0") && p->prio == 98;
		events |= !strcmp(p->comm, "events") && p->prio == 120;
	}
	preempt_enable();
	KUNIT_EXPECT_TRUE(test, idle);
	KUNIT_EXPECT_TRUE(test, init);
	KUNIT_EXPECT_TRUE(test, ksoftirqd);
	KUNIT_EXPECT_TRUE(test, events);
	/* Stacks start zeroed, so the untouched part is measurable. */
	KUNIT_EXPECT_GT(test, stack_not_used(current), 0);
	KUNIT_EXPECT_LT(test, stack_not_used(current), current->stack_size);
	KUNIT_EXPECT_FALSE(test, task_stack_end_corrupted(current));
}

static bool overflow_requested;

static int overflow_setup(char *arg)
{
	overflow_requested = true;
	return 1;
}
__setup("sched_kunit.stack_overflow", overflow_setup);

/* Each call takes a frame of 64 bytes and more until one reaches the
 * lowest word of the stack. */
static noinline int eat_stack(const unsigned long *end)
{
	volatile char buf[64];
	memset((char *)buf, 0xa5, sizeof buf);
	if ((const char *)buf > (const char *)end)
		return eat_stack(end) + buf[1]; /* not a tail call: frames pile up */
	return buf[0];
}

static int overflow_fn(void *data)
{
	eat_stack(end_of_stack(current));
	msleep(1); /* the switch finds the canary gone */
	return 0;
}

static void stack_overflow_panics(struct kunit *test)
{
	if (!overflow_requested)
		kunit_skip(test, "ends the run: needs sched_kunit.stack_overflow");
	struct task_struct *t = kthread_run(overflow_fn, NULL, "kunit-overflow");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(10);
	KUNIT_FAIL(test, "the overflow was not detected");
}

static struct kunit_case sched_cases[] = {
	KUNIT_CASE(sched_preempts_for_more_important),
	KUNIT_CASE(sched_fifo_among_equals),
	KUNIT_CASE(sched_irq_wakeup_preempts),
	KUNIT_CASE(sched_counts_switches),
	KUNIT_CASE(sched_accounts_runtime),
	KUNIT_CASE(kthread_stop_returns_result),
	KUNIT_CASE(sched_threads_are_known),
	KUNIT_CASE(stack_overflow_panics),
	{ 0 },
};

static struct kunit_suite sched_suite = {
	.name = "sched",
	.init = sched_test_init,
	.test_cases = sched_cases,
};
kunit_test_suite(sched_suite);
