/*
 * KUnit: sleeping locks and waiting (kernel/locking/, kernel/sched/wait.c,
 * completion.c). Order of events is recorded as letters, as in
 * sched_test.c: lower case when a thread starts waiting, upper case when
 * it got what it waited for. WARNINGs are counted in the printk log.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/semaphore.h>
#include <linux/string.h>
#include <linux/wait.h>

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

static int locking_test_init(struct kunit *test)
{
	norder = 0;
	order[0] = '\0';
	return 0;
}

struct grep {
	const char *pattern;
	unsigned int n;
};

static void grep_line(void *arg, const char *line, unsigned int len)
{
	struct grep *g = arg;
	if (strstr(line, g->pattern))
		g->n++;
}

static unsigned int count_log(const char *pattern)
{
	struct grep g = { pattern, 0 };
	log_buf_for_each(grep_line, &g);
	return g.n;
}

/* A thread named after its letter, ours until kthread_stop_put. */
static struct task_struct *start(struct kunit *test, int (*fn)(void *), char c, int rt)
{
	struct task_struct *t = kthread_create(fn, (void *)(uintptr_t)c, "kunit-%c", c);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	if (rt) {
		struct sched_param sp = { .sched_priority = rt };
		sched_setscheduler_nocheck(t, SCHED_FIFO, &sp);
	}
	return get_task_struct(t);
}

static DEFINE_MUTEX(test_mutex);

static int mutex_fn(void *data)
{
	char c = (char)(uintptr_t)data;
	note(c);
	mutex_lock(&test_mutex);
	note((char)(c - 'a' + 'A'));
	mutex_unlock(&test_mutex);
	return 0;
}

static void mutex_hands_off_in_order(struct kunit *test)
{
	/* a (rt 50) waits first, b (rt 60, more important) second: the
	 * lock goes to a first, in arrival order, not by priority. */
	struct task_struct *a = start(test, mutex_fn, 'a', 50);
	struct task_struct *b = start(test, mutex_fn, 'b', 60);
	mutex_lock(&test_mutex);
	KUNIT_EXPECT_PTR_EQ(test, test_mutex.owner, current);
	wake_up_process(a);
	wake_up_process(b);
	note('u');
	mutex_unlock(&test_mutex);
	KUNIT_EXPECT_STREQ(test, order, "abuAB");
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&test_mutex));
	kthread_stop_put(a);
	kthread_stop_put(b);

	/* An equal thread waits; the owner unlocks and locks again: it
	 * goes behind the waiter, which had the lock handed over. */
	norder = 0;
	struct task_struct *c = start(test, mutex_fn, 'c', 0);
	mutex_lock(&test_mutex);
	wake_up_process(c);
	msleep(1); /* c runs and waits */
	mutex_unlock(&test_mutex);
	KUNIT_EXPECT_PTR_EQ(test, test_mutex.owner, c);
	mutex_lock(&test_mutex);
	note('t');
	mutex_unlock(&test_mutex);
	KUNIT_EXPECT_STREQ(test, order, "cCt");
	kthread_stop_put(c);
}

static int trylock_fn(void *data)
{
	return mutex_trylock(&test_mutex);
}

static void mutex_trylock_takes_only_a_free_lock(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mutex_trylock(&test_mutex), 1);
	struct task_struct *t = start(test, trylock_fn, 't', 50);
	wake_up_process(t);
	KUNIT_EXPECT_EQ(test, kthread_stop_put(t), 0);
	mutex_unlock(&test_mutex);
	KUNIT_EXPECT_EQ(test, mutex_lock_interruptible(&test_mutex), 0);
	mutex_unlock(&test_mutex);
}

static int recursive_fn(void *data)
{
	mutex_lock(&test_mutex);
	note('r');
	mutex_lock(&test_mutex); /* WARNING, then it waits */
	note('R');
	mutex_unlock(&test_mutex);
	return 0;
}

static void mutex_warns_on_misuse(struct kunit *test)
{
	unsigned int warnings = count_log("WARNING: at kernel/locking/mutex.c");
	struct task_struct *r = start(test, recursive_fn, 'r', 50);
	wake_up_process(r);
	KUNIT_EXPECT_STREQ(test, order, "r");
	KUNIT_EXPECT_EQ(test, count_log("WARNING: at kernel/locking/mutex.c"), warnings + 1);
	KUNIT_EXPECT_EQ(test, r->__state, TASK_UNINTERRUPTIBLE);
	KUNIT_EXPECT_PTR_EQ(test, test_mutex.owner, r);
	/* Unlocking what another thread holds: a WARNING, and done anyway
	 * (here it frees r from its own deadlock). */
	mutex_unlock(&test_mutex);
	KUNIT_EXPECT_EQ(test, count_log("WARNING: at kernel/locking/mutex.c"), warnings + 2);
	KUNIT_EXPECT_STREQ(test, order, "rR");
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&test_mutex));
	kthread_stop_put(r);
}

static struct semaphore test_sem;

static int sem_fn(void *data)
{
	char c = (char)(uintptr_t)data;
	note(c);
	down(&test_sem);
	note((char)(c - 'a' + 'A'));
	return 0;
}

static irqreturn_t up_irq(int irq, void *dev_id)
{
	up(dev_id);
	return IRQ_HANDLED;
}

static void semaphore_counts_and_queues(struct kunit *test)
{
	sema_init(&test_sem, 2);
	KUNIT_EXPECT_EQ(test, down_trylock(&test_sem), 0);
	KUNIT_EXPECT_EQ(test, down_interruptible(&test_sem), 0);
	KUNIT_EXPECT_EQ(test, down_trylock(&test_sem), 1);
	/* down_timeout: -ETIME after exactly its jiffies. */
	schedule_timeout_uninterruptible(1); /* start on a jiffy boundary */
	unsigned long j0 = jiffies;
	KUNIT_EXPECT_EQ(test, down_timeout(&test_sem, 5), -ETIME);
	KUNIT_EXPECT_EQ(test, jiffies - j0, 5);
	/* Waiters are served in arrival order; up() from an interrupt. */
	struct task_struct *a = start(test, sem_fn, 'a', 50);
	struct task_struct *b = start(test, sem_fn, 'b', 60);
	wake_up_process(a);
	wake_up_process(b);
	unsigned int irq = nr_irqs - 1;
	KUNIT_ASSERT_EQ(test, request_irq(irq, up_irq, 0, "kunit", &test_sem), 0);
	irq_set_irqchip_state(irq, IRQCHIP_STATE_PENDING, true);
	KUNIT_EXPECT_STREQ(test, order, "abA");
	up(&test_sem);
	KUNIT_EXPECT_STREQ(test, order, "abAB");
	KUNIT_EXPECT_EQ(test, test_sem.count, 0);
	up(&test_sem);
	KUNIT_EXPECT_EQ(test, test_sem.count, 1);
	free_irq(irq, &test_sem);
	kthread_stop_put(a);
	kthread_stop_put(b);
}

static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static int test_cond;

static int wait_fn(void *data)
{
	char c = (char)(uintptr_t)data;
	note(c);
	wait_event(test_wq, test_cond >= c - 'a' + 1);
	note((char)(c - 'a' + 'A'));
	return 0;
}

static int exclusive_fn(void *data)
{
	char c = (char)(uintptr_t)data;
	DEFINE_WAIT(wait);
	note(c);
	prepare_to_wait_exclusive(&test_wq, &wait, TASK_UNINTERRUPTIBLE);
	schedule();
	finish_wait(&test_wq, &wait);
	note((char)(c - 'a' + 'A'));
	return 0;
}

static void wait_event_sleeps_until_true(struct kunit *test)
{
	test_cond = 0;
	struct task_struct *a = start(test, wait_fn, 'a', 50);
	struct task_struct *b = start(test, wait_fn, 'b', 50);
	wake_up_process(a);
	wake_up_process(b);
	/* A wake-up with the condition still false changes nothing. */
	wake_up_all(&test_wq);
	KUNIT_EXPECT_STREQ(test, order, "ab");
	test_cond = 1;
	wake_up_all(&test_wq);
	KUNIT_EXPECT_STREQ(test, order, "abA");
	test_cond = 2;
	wake_up(&test_wq);
	KUNIT_EXPECT_STREQ(test, order, "abAB");
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&test_wq));
	kthread_stop_put(a);
	kthread_stop_put(b);

	/* Exclusive waiters: one per wake_up, oldest first. */
	norder = 0;
	struct task_struct *x[3];
	for (int i = 0; i < 3; i++) {
		x[i] = start(test, exclusive_fn, (char)('x' + i), 50);
		wake_up_process(x[i]);
	}
	wake_up(&test_wq);
	KUNIT_EXPECT_STREQ(test, order, "xyzX");
	wake_up_all(&test_wq);
	KUNIT_EXPECT_STREQ(test, order, "xyzXYZ");
	for (int i = 0; i < 3; i++)
		kthread_stop_put(x[i]);
}

static void wait_event_timeout_counts_jiffies(struct kunit *test)
{
	test_cond = 0;
	schedule_timeout_uninterruptible(1);
	unsigned long j0 = jiffies;
	KUNIT_EXPECT_EQ(test, wait_event_timeout(test_wq, test_cond, 3), 0);
	KUNIT_EXPECT_EQ(test, jiffies - j0, 3);
	test_cond = 1;
	KUNIT_EXPECT_EQ(test, wait_event_timeout(test_wq, test_cond, 3), 3);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible_timeout(test_wq, test_cond, 0), 1);
	KUNIT_EXPECT_EQ(test, wait_event_interruptible(test_wq, test_cond), 0);
}

static struct completion test_done;

static enum hrtimer_restart complete_timer(struct hrtimer *t)
{
	complete(&test_done);
	return HRTIMER_NORESTART;
}

static int completion_fn(void *data)
{
	char c = (char)(uintptr_t)data;
	note(c);
	wait_for_completion(&test_done);
	note((char)(c - 'a' + 'A'));
	return 0;
}

static void completion_from_irq_and_threads(struct kunit *test)
{
	/* Completed from the clock event interrupt (an hrtimer) 2 ms on. */
	init_completion(&test_done);
	struct hrtimer timer;
	hrtimer_setup(&timer, complete_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	ktime_t t0 = ktime_get();
	hrtimer_start(&timer, ms_to_ktime(2), HRTIMER_MODE_REL);
	unsigned long left = wait_for_completion_timeout(&test_done, HZ);
	ktime_t slept = ktime_get() - t0;
	KUNIT_EXPECT_GE(test, left, HZ - msecs_to_jiffies(2) - 1);
	KUNIT_EXPECT_GE(test, slept, 2000000);
	/* The interrupt and the wake-up's own path: at most a few thousand
	 * cycles of the boot clock (16 MHz on the MCU). */
	KUNIT_EXPECT_LT(test, slept, 2000000 + 300000);
	KUNIT_EXPECT_FALSE(test, completion_done(&test_done));

	/* Counted: two complete()s let two waits through without sleeping. */
	complete(&test_done);
	complete(&test_done);
	KUNIT_EXPECT_TRUE(test, try_wait_for_completion(&test_done));
	wait_for_completion(&test_done);
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&test_done));
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&test_done, 2), 0);

	/* Waiters in arrival order; complete_all lets everyone through. */
	struct task_struct *t[3];
	for (int i = 0; i < 3; i++) {
		t[i] = start(test, completion_fn, (char)('a' + i), 50);
		wake_up_process(t[i]);
	}
	complete(&test_done);
	KUNIT_EXPECT_STREQ(test, order, "abcA");
	complete_all(&test_done);
	KUNIT_EXPECT_STREQ(test, order, "abcABC");
	wait_for_completion(&test_done);
	KUNIT_EXPECT_TRUE(test, completion_done(&test_done));
	reinit_completion(&test_done);
	KUNIT_EXPECT_FALSE(test, completion_done(&test_done));
	for (int i = 0; i < 3; i++)
		kthread_stop_put(t[i]);
}

static struct kunit_case locking_cases[] = {
	KUNIT_CASE(mutex_hands_off_in_order),
	KUNIT_CASE(mutex_trylock_takes_only_a_free_lock),
	KUNIT_CASE(mutex_warns_on_misuse),
	KUNIT_CASE(semaphore_counts_and_queues),
	KUNIT_CASE(wait_event_sleeps_until_true),
	KUNIT_CASE(wait_event_timeout_counts_jiffies),
	KUNIT_CASE(completion_from_irq_and_threads),
	{ 0 },
};

static struct kunit_suite locking_suite = {
	.name = "locking",
	.init = locking_test_init,
	.test_cases = locking_cases,
};
kunit_test_suite(locking_suite);
