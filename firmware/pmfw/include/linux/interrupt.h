/*
 * Interrupt handlers and deferred work (include/linux/interrupt.h).
 *
 * Handlers (kernel/irq/): request_irq(irq, handler, flags, name, dev_id)
 * attaches handler to line irq (the device tree's `interrupts` cell: the
 * NVIC's external line) and enables it. Handlers run in hard interrupt
 * context, on the main stack, one at a time (every device line has the
 * same NVIC priority: none preempts another), and must not sleep.
 * request_threaded_irq adds a thread_fn that runs in a thread of its own,
 * "irq/<irq>-<name>", SCHED_FIFO priority 50 (prio 49), when the handler
 * returns IRQ_WAKE_THREAD; with IRQF_ONESHOT the line stays masked until
 * the thread has run (needed for level-triggered lines, which all of
 * pmsim's are, when the thread is what quiets the device). A NULL handler
 * means "just wake the thread" and requires IRQF_ONESHOT.
 *
 * disable_irq nests and waits for running handlers (threads included) to
 * finish; disable_irq_nosync does not wait (for use in the handler
 * itself); enable_irq undoes one disable. enable_irq_wake/disable_irq_wake
 * nest too and arm the line as a wake-up source for system suspend
 * (linux/irqchip/arm-nvic.h gives the resulting mask).
 *
 * Softirqs (kernel/softirq.c) run in the ksoftirqd/0 thread, SCHED_FIFO
 * priority 1 (prio 98: above every normal thread, below the threaded
 * handlers): timer_list callbacks (TIMER_SOFTIRQ) and tasklets
 * (TASKLET_SOFTIRQ, HI_SOFTIRQ), with interrupts enabled and
 * in_serving_softirq() true. They must not sleep.
 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/bottom_half.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqreturn.h>
#include <linux/preempt.h>

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

struct irqaction {
	irq_handler_t handler;
	void *dev_id;
	struct irqaction *next;
	irq_handler_t thread_fn;
	struct task_struct *thread;
	unsigned int irq;
	unsigned int flags;
	unsigned long thread_flags; /* IRQTF_* */
	unsigned long thread_mask;  /* its bit in desc->threads_oneshot */
	const char *name;
};

#define IRQF_TRIGGER_NONE 0x00000000
#define IRQF_TRIGGER_RISING 0x00000001
#define IRQF_TRIGGER_FALLING 0x00000002
#define IRQF_TRIGGER_HIGH 0x00000004
#define IRQF_TRIGGER_LOW 0x00000008
#define IRQF_TRIGGER_MASK (IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING)
#define IRQF_SHARED 0x00000080
#define IRQF_PROBE_SHARED 0x00000100
#define __IRQF_TIMER 0x00000200
#define IRQF_ONESHOT 0x00002000
#define IRQF_NO_SUSPEND 0x00004000
#define IRQF_FORCE_RESUME 0x00008000
#define IRQF_NO_THREAD 0x00010000
#define IRQF_EARLY_RESUME 0x00020000
#define IRQF_COND_SUSPEND 0x00040000
#define IRQF_NO_AUTOEN 0x00080000
#define IRQF_TIMER (__IRQF_TIMER | IRQF_NO_SUSPEND | IRQF_NO_THREAD)

int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn,
			 unsigned long flags, const char *name, void *dev_id);
static inline int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
			      const char *name, void *dev_id)
{
	return request_threaded_irq(irq, handler, NULL, flags, name, dev_id);
}
/* Managed (kernel/irq/devres.c): freed when dev's driver unbinds; a NULL
 * devname is dev's name. */
struct device;
int devm_request_threaded_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
			      irq_handler_t thread_fn, unsigned long irqflags,
			      const char *devname, void *dev_id);
static inline int devm_request_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
				   unsigned long irqflags, const char *devname, void *dev_id)
{
	return devm_request_threaded_irq(dev, irq, handler, NULL, irqflags, devname, dev_id);
}
/* A handler in hard interrupt context, or in a thread when the line's
 * chip sleeps (Linux's nested interrupts): every pmfw line is the first
 * kind, so this is devm_request_irq returning IRQC_IS_HARDIRQ. */
enum { IRQC_IS_HARDIRQ = 0, IRQC_IS_NESTED };
static inline int devm_request_any_context_irq(struct device *dev, unsigned int irq,
					       irq_handler_t handler, unsigned long irqflags,
					       const char *devname, void *dev_id)
{
	int ret = devm_request_irq(dev, irq, handler, irqflags, devname, dev_id);
	return ret ? ret : IRQC_IS_HARDIRQ;
}
void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id);
/* Returns the name given to request_irq, or NULL if dev_id had none. */
const void *free_irq(unsigned int irq, void *dev_id);

void disable_irq(unsigned int irq);
void disable_irq_nosync(unsigned int irq);
void enable_irq(unsigned int irq);
void synchronize_irq(unsigned int irq);
static inline int enable_irq_wake(unsigned int irq)
{
	return irq_set_irq_wake(irq, 1);
}
static inline int disable_irq_wake(unsigned int irq)
{
	return irq_set_irq_wake(irq, 0);
}

/* System suspend (kernel/irq/pm.c): every line with handlers is
 * disabled except those armed for wake-up and those whose handlers all
 * have IRQF_NO_SUSPEND; resume_device_irqs enables them again. */
void suspend_device_irqs(void);
void resume_device_irqs(void);

/* Softirqs. */
enum {
	HI_SOFTIRQ = 0,
	TIMER_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NET_RX_SOFTIRQ,
	BLOCK_SOFTIRQ,
	IRQ_POLL_SOFTIRQ,
	TASKLET_SOFTIRQ,
	SCHED_SOFTIRQ,
	HRTIMER_SOFTIRQ,
	RCU_SOFTIRQ,
	NR_SOFTIRQS
};

struct softirq_action {
	void (*action)(void);
};

void open_softirq(int nr, void (*action)(void));
void raise_softirq(unsigned int nr);
void raise_softirq_irqoff(unsigned int nr);
extern const char *const softirq_to_name[NR_SOFTIRQS];
/* Softirqs raised since boot, per vector (/proc/softirqs). */
unsigned int kstat_softirqs_cpu(unsigned int irq, int cpu);
void softirq_init(void);
/* The pending bits (for tests and the idle path). */
unsigned int local_softirq_pending(void);

/* Tasklets: a function run once in softirq context after each
 * tasklet_schedule (several schedules before it runs make one run). */
enum { TASKLET_STATE_SCHED, TASKLET_STATE_RUN };

struct tasklet_struct {
	struct tasklet_struct *next;
	unsigned long state;
	int count; /* > 0: disabled */
	bool use_callback;
	union {
		void (*func)(unsigned long data);
		void (*callback)(struct tasklet_struct *t);
	};
	unsigned long data;
};

#define DECLARE_TASKLET(name, _callback) \
	struct tasklet_struct name = { .count = 0, .callback = _callback, .use_callback = true }
#define DECLARE_TASKLET_DISABLED(name, _callback) \
	struct tasklet_struct name = { .count = 1, .callback = _callback, .use_callback = true }
#define from_tasklet(var, callback_tasklet, tasklet_fieldname) \
	container_of(callback_tasklet, __typeof__(*var), tasklet_fieldname)

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data);
void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *));
void tasklet_schedule(struct tasklet_struct *t);
void tasklet_hi_schedule(struct tasklet_struct *t);
/* Wait until it is neither scheduled nor running (from a thread). */
void tasklet_kill(struct tasklet_struct *t);
void tasklet_disable_nosync(struct tasklet_struct *t);
void tasklet_disable(struct tasklet_struct *t);
void tasklet_enable(struct tasklet_struct *t);

#endif
