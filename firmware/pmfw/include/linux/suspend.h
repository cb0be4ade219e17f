/*
 * System sleep's public interface (include/linux/suspend.h): the PM
 * notifier chain and its events, the sleep states, the platform's
 * operations (struct platform_suspend_ops), the suspend statistics and
 * pm_suspend (kernel/power/suspend.c; docs/pmfw.md, "System sleep").
 */
#ifndef _LINUX_SUSPEND_H
#define _LINUX_SUSPEND_H

#include <linux/ktime.h>
#include <linux/notifier.h>
#include <linux/types.h>

#define PM_HIBERNATION_PREPARE 0x0001
#define PM_POST_HIBERNATION 0x0002
#define PM_SUSPEND_PREPARE 0x0003
#define PM_POST_SUSPEND 0x0004
#define PM_RESTORE_PREPARE 0x0005
#define PM_POST_RESTORE 0x0006

int register_pm_notifier(struct notifier_block *nb);
int unregister_pm_notifier(struct notifier_block *nb);
/* Call the chain with val_up; if a callback refuses, call the ones before
 * it with val_down and return its error (Linux's robust variant). */
int pm_notifier_call_chain_robust(unsigned long val_up, unsigned long val_down);
int pm_notifier_call_chain(unsigned long val);

typedef int suspend_state_t;
#define PM_SUSPEND_ON ((suspend_state_t)0)
#define PM_SUSPEND_TO_IDLE ((suspend_state_t)1)
#define PM_SUSPEND_STANDBY ((suspend_state_t)2)
#define PM_SUSPEND_MEM ((suspend_state_t)3)
#define PM_SUSPEND_MIN PM_SUSPEND_TO_IDLE
#define PM_SUSPEND_MAX ((suspend_state_t)4)

/* The platform's part of suspend (Linux's order of calls: valid; begin
 * before the devices; prepare after their suspend; prepare_late after
 * their noirq suspend; enter with interrupts off; then wake, finish,
 * end; recover when the devices failed to suspend). */
struct platform_suspend_ops {
	int (*valid)(suspend_state_t state);
	int (*begin)(suspend_state_t state);
	int (*prepare)(void);
	int (*prepare_late)(void);
	int (*enter)(suspend_state_t state);
	void (*wake)(void);
	void (*finish)(void);
	bool (*suspend_again)(void);
	void (*end)(void);
	void (*recover)(void);
};

/* suspend-to-idle's own platform hooks (all optional). */
struct platform_s2idle_ops {
	int (*begin)(void);
	int (*prepare)(void);
	int (*prepare_late)(void);
	void (*check)(void);
	bool (*wake)(void);
	void (*restore_early)(void);
	void (*restore)(void);
	void (*end)(void);
};

void suspend_set_ops(const struct platform_suspend_ops *ops);
void s2idle_set_ops(const struct platform_s2idle_ops *ops);
int suspend_valid_only_mem(suspend_state_t state);
bool valid_state(suspend_state_t state);
/* Put the system into `state` and back (the whole of
 * kernel/power/suspend.c's sequence): 0, or the error that stopped it. */
int pm_suspend(suspend_state_t state);
extern suspend_state_t mem_sleep_current;
extern suspend_state_t pm_suspend_target_state;

/* suspend-to-idle: the idle thread's part (kernel/sched/idle.c asks
 * idle_should_enter_s2idle and then runs s2idle_idle_enter). */
enum s2idle_states {
	S2IDLE_STATE_NONE,
	S2IDLE_STATE_ENTER,
	S2IDLE_STATE_WAKE,
};
extern enum s2idle_states s2idle_state;
static inline bool idle_should_enter_s2idle(void)
{
	return s2idle_state == S2IDLE_STATE_ENTER;
}
/* Interrupts masked on entry, unmasked on return. */
void s2idle_idle_enter(void);
void s2idle_wake(void);

/* Statistics (/sys/power/suspend_stats, /sys/kernel/debug/suspend_stats). */
enum suspend_stat_step {
	SUSPEND_NONE = 0,
	SUSPEND_FREEZE,
	SUSPEND_PREPARE,
	SUSPEND_SUSPEND,
	SUSPEND_SUSPEND_LATE,
	SUSPEND_SUSPEND_NOIRQ,
	SUSPEND_RESUME_NOIRQ,
	SUSPEND_RESUME_EARLY,
	SUSPEND_RESUME,
};

#define REC_FAILED_NUM 2
struct suspend_stats {
	int success;
	int fail;
	int failed_freeze;
	int failed_prepare;
	int failed_suspend;
	int failed_suspend_late;
	int failed_suspend_noirq;
	int failed_resume;
	int failed_resume_early;
	int failed_resume_noirq;
	int last_failed_dev;
	char failed_devs[REC_FAILED_NUM][40];
	int last_failed_errno;
	int errno[REC_FAILED_NUM];
	int last_failed_step;
	enum suspend_stat_step failed_steps[REC_FAILED_NUM];
	/* Linux's hardware-sleep figures, µs (pm_report_hw_sleep_time). */
	u64 last_hw_sleep;
	u64 total_hw_sleep;
	u64 max_hw_sleep;
	/* pmfw's: the last cycle's suspend and resume latency, µs, measured
	 * with the PMU's always-on counter as pmsim's report defines them
	 * (0 for a cycle that did not sleep). */
	u64 last_suspend_latency;
	u64 last_resume_latency;
};
extern struct suspend_stats suspend_stats;
void pm_report_hw_sleep_time(u64 t);
void pm_report_max_hw_sleep(u64 t);
void dpm_save_failed_dev(const char *name);
void dpm_save_failed_errno(int err);
void dpm_save_failed_step(enum suspend_stat_step step);

/* Wake-up events that abort a suspend in progress, or end suspend-to-idle
 * (drivers/base/power/wakeup.c). */
void pm_system_wakeup(void);
void pm_system_irq_wakeup(unsigned int irq_number);
void pm_wakeup_clear(bool reset);
extern unsigned int pm_wakeup_irq;
extern bool pm_wakeup_irq_valid; /* pm_wakeup_irq is one (it may be 0) */
/* pmfw's: when that interrupt came (ktime_get), for the wake-up latency. */
extern ktime_t pm_wakeup_irq_time;

/* The devices' phases (drivers/base/power/main.c). */
struct pm_message;
int dpm_prepare(struct pm_message state);
int dpm_suspend(struct pm_message state);
int dpm_suspend_start(struct pm_message state);
int dpm_suspend_late(struct pm_message state);
int dpm_suspend_noirq(struct pm_message state);
int dpm_suspend_end(struct pm_message state);
void dpm_resume_noirq(struct pm_message state);
void dpm_resume_early(struct pm_message state);
void dpm_resume_start(struct pm_message state);
void dpm_resume(struct pm_message state);
void dpm_complete(struct pm_message state);
void dpm_resume_end(struct pm_message state);

/* Serialise system sleep against the rest (Linux's system_transition_mutex). */
void lock_system_sleep(void);
void unlock_system_sleep(void);

#endif
