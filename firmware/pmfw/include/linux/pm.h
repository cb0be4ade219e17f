/*
 * Device power management (include/linux/pm.h): the callbacks a driver,
 * a bus, a device type or a power domain gives in struct dev_pm_ops, and
 * the per-device state of system sleep and runtime PM in struct
 * dev_pm_info, with Linux's names and meanings (drivers/base/power/ uses
 * them; shared/REFERENCE.md has the rules).
 *
 * System sleep calls, for each device, prepare, suspend, suspend_late,
 * suspend_noirq, then on the way back resume_noirq, resume_early, resume,
 * complete (hibernation's freeze/thaw/poweroff/restore have the same
 * phases). Runtime PM calls runtime_suspend, runtime_resume and
 * runtime_idle.
 */
#ifndef _LINUX_PM_H
#define _LINUX_PM_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

struct device;
struct wakeup_source;
struct wake_irq;
struct dev_pm_qos;
struct pm_subsys_data;

typedef struct pm_message {
	int event;
} pm_message_t;

#define PM_EVENT_INVALID (-1)
#define PM_EVENT_ON 0x0000
#define PM_EVENT_FREEZE 0x0001
#define PM_EVENT_SUSPEND 0x0002
#define PM_EVENT_HIBERNATE 0x0004
#define PM_EVENT_QUIESCE 0x0008
#define PM_EVENT_RESUME 0x0010
#define PM_EVENT_THAW 0x0020
#define PM_EVENT_RESTORE 0x0040
#define PM_EVENT_RECOVER 0x0080
#define PM_EVENT_USER 0x0100
#define PM_EVENT_REMOTE 0x0200
#define PM_EVENT_AUTO 0x0400
#define PM_EVENT_SLEEP (PM_EVENT_SUSPEND | PM_EVENT_HIBERNATE)
#define PM_EVENT_USER_SUSPEND (PM_EVENT_USER | PM_EVENT_SUSPEND)
#define PM_EVENT_USER_RESUME (PM_EVENT_USER | PM_EVENT_RESUME)
#define PM_EVENT_REMOTE_RESUME (PM_EVENT_REMOTE | PM_EVENT_RESUME)
#define PM_EVENT_AUTO_SUSPEND (PM_EVENT_AUTO | PM_EVENT_SUSPEND)
#define PM_EVENT_AUTO_RESUME (PM_EVENT_AUTO | PM_EVENT_RESUME)

#define PMSG_INVALID ((struct pm_message){ .event = PM_EVENT_INVALID })
#define PMSG_ON ((struct pm_message){ .event = PM_EVENT_ON })
#define PMSG_FREEZE ((struct pm_message){ .event = PM_EVENT_FREEZE })
#define PMSG_QUIESCE ((struct pm_message){ .event = PM_EVENT_QUIESCE })
#define PMSG_SUSPEND ((struct pm_message){ .event = PM_EVENT_SUSPEND })
#define PMSG_HIBERNATE ((struct pm_message){ .event = PM_EVENT_HIBERNATE })
#define PMSG_RESUME ((struct pm_message){ .event = PM_EVENT_RESUME })
#define PMSG_THAW ((struct pm_message){ .event = PM_EVENT_THAW })
#define PMSG_RESTORE ((struct pm_message){ .event = PM_EVENT_RESTORE })
#define PMSG_RECOVER ((struct pm_message){ .event = PM_EVENT_RECOVER })
#define PMSG_USER_SUSPEND ((struct pm_message){ .event = PM_EVENT_USER_SUSPEND })
#define PMSG_USER_RESUME ((struct pm_message){ .event = PM_EVENT_USER_RESUME })
#define PMSG_REMOTE_RESUME ((struct pm_message){ .event = PM_EVENT_REMOTE_RESUME })
#define PMSG_AUTO_SUSPEND ((struct pm_message){ .event = PM_EVENT_AUTO_SUSPEND })
#define PMSG_AUTO_RESUME ((struct pm_message){ .event = PM_EVENT_AUTO_RESUME })
#define PMSG_IS_AUTO(msg) (((msg).event & PM_EVENT_AUTO) != 0)

struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
	int (*freeze)(struct device *dev);
	int (*thaw)(struct device *dev);
	int (*poweroff)(struct device *dev);
	int (*restore)(struct device *dev);
	int (*suspend_late)(struct device *dev);
	int (*resume_early)(struct device *dev);
	int (*freeze_late)(struct device *dev);
	int (*thaw_early)(struct device *dev);
	int (*poweroff_late)(struct device *dev);
	int (*restore_early)(struct device *dev);
	int (*suspend_noirq)(struct device *dev);
	int (*resume_noirq)(struct device *dev);
	int (*freeze_noirq)(struct device *dev);
	int (*thaw_noirq)(struct device *dev);
	int (*poweroff_noirq)(struct device *dev);
	int (*restore_noirq)(struct device *dev);
	int (*runtime_suspend)(struct device *dev);
	int (*runtime_resume)(struct device *dev);
	int (*runtime_idle)(struct device *dev);
};

/* pmfw is always built with CONFIG_PM and CONFIG_PM_SLEEP. */
#define SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)                                     \
	.suspend = (suspend_fn), .resume = (resume_fn), .freeze = (suspend_fn),        \
	.thaw = (resume_fn), .poweroff = (suspend_fn), .restore = (resume_fn),
#define LATE_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)                                \
	.suspend_late = (suspend_fn), .resume_early = (resume_fn),                     \
	.freeze_late = (suspend_fn), .thaw_early = (resume_fn),                        \
	.poweroff_late = (suspend_fn), .restore_early = (resume_fn),
#define NOIRQ_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)                               \
	.suspend_noirq = (suspend_fn), .resume_noirq = (resume_fn),                    \
	.freeze_noirq = (suspend_fn), .thaw_noirq = (resume_fn),                       \
	.poweroff_noirq = (suspend_fn), .restore_noirq = (resume_fn),
#define RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)                                 \
	.runtime_suspend = (suspend_fn), .runtime_resume = (resume_fn),                \
	.runtime_idle = (idle_fn),
#define SET_SYSTEM_SLEEP_PM_OPS(s, r) SYSTEM_SLEEP_PM_OPS(s, r)
#define SET_LATE_SYSTEM_SLEEP_PM_OPS(s, r) LATE_SYSTEM_SLEEP_PM_OPS(s, r)
#define SET_NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r) NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r)
#define SET_RUNTIME_PM_OPS(s, r, i) RUNTIME_PM_OPS(s, r, i)

#define _DEFINE_DEV_PM_OPS(name, suspend_fn, resume_fn, runtime_suspend_fn,            \
			   runtime_resume_fn, idle_fn)                                 \
	const struct dev_pm_ops name = {                                               \
		SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)                             \
		RUNTIME_PM_OPS(runtime_suspend_fn, runtime_resume_fn, idle_fn)         \
	}
#define DEFINE_SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn)                          \
	_DEFINE_DEV_PM_OPS(name, suspend_fn, resume_fn, NULL, NULL, NULL)
#define SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn)                                 \
	const struct dev_pm_ops __maybe_unused name = { SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) }
#define UNIVERSAL_DEV_PM_OPS(name, suspend_fn, resume_fn, idle_fn)                     \
	const struct dev_pm_ops __maybe_unused name = {                                \
		SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)                         \
		SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)                     \
	}
#define pm_ptr(_ptr) (_ptr)
#define pm_sleep_ptr(_ptr) (_ptr)

/* Runtime PM's states and requests. */
enum rpm_status {
	RPM_INVALID = -1,
	RPM_ACTIVE = 0,
	RPM_RESUMING,
	RPM_SUSPENDED,
	RPM_SUSPENDING,
};

enum rpm_request {
	RPM_REQ_NONE = 0,
	RPM_REQ_IDLE,
	RPM_REQ_SUSPEND,
	RPM_REQ_AUTOSUSPEND,
	RPM_REQ_RESUME,
};

/* Driver flags for system sleep (dev_pm_set_driver_flags). */
#define DPM_FLAG_NO_DIRECT_COMPLETE BIT(0)
#define DPM_FLAG_SMART_PREPARE BIT(1)
#define DPM_FLAG_SMART_SUSPEND BIT(2)
#define DPM_FLAG_MAY_SKIP_RESUME BIT(3)

struct dev_pm_info {
	pm_message_t power_state;
	bool can_wakeup : 1;
	bool async_suspend : 1;
	bool in_dpm_list : 1;        /* on the system-sleep list */
	bool is_prepared : 1;
	bool is_suspended : 1;
	bool is_noirq_suspended : 1;
	bool is_late_suspended : 1;
	bool no_pm : 1;
	bool early_init : 1;
	bool direct_complete : 1;
	u32 driver_flags;
	spinlock_t lock;
	struct list_head entry;      /* in the system-sleep list (dpm_list) */
	struct completion completion;
	struct wakeup_source *wakeup;
	bool wakeup_path : 1;
	bool syscore : 1;
	bool no_pm_callbacks : 1;
	bool async_in_progress : 1;
	bool must_resume : 1;
	bool may_skip_resume : 1;
	/* Runtime PM. */
	struct hrtimer suspend_timer;  /* autosuspend */
	u64 timer_expires;
	struct work_struct work;       /* asynchronous requests, on pm_wq */
	wait_queue_head_t wait_queue;  /* for the end of a suspend or resume */
	struct wake_irq *wakeirq;
	atomic_t usage_count;
	atomic_t child_count;
	unsigned int disable_depth : 3;
	bool idle_notification : 1;
	bool request_pending : 1;
	bool deferred_resume : 1;
	bool needs_force_resume : 1;
	bool runtime_auto : 1;
	bool ignore_children : 1;
	bool no_callbacks : 1;
	bool irq_safe : 1;
	bool use_autosuspend : 1;
	bool timer_autosuspends : 1;
	bool memalloc_noio : 1;
	unsigned int links_count;
	enum rpm_request request;
	enum rpm_status runtime_status;
	enum rpm_status last_status;
	int runtime_error;
	int autosuspend_delay;       /* ms */
	u64 last_busy;               /* ns */
	u64 active_time;             /* ns */
	u64 suspended_time;          /* ns */
	u64 accounting_timestamp;    /* ns */
	bool accounting_started : 1; /* enabled once: suspended time counts */
	struct pm_subsys_data *subsys_data;
	void (*set_latency_tolerance)(struct device *dev, s32 val);
	struct dev_pm_qos *qos;
};

/* A power domain: its callbacks replace the bus's, type's and driver's
 * for the devices in it (genpd fills it; dev->pm_domain points to it). */
struct dev_pm_domain {
	struct dev_pm_ops ops;
	int (*start)(struct device *dev);
	void (*detach)(struct device *dev, bool power_off);
	int (*activate)(struct device *dev);
	void (*sync)(struct device *dev);
	void (*dismiss)(struct device *dev);
	int (*set_performance_state)(struct device *dev, unsigned int state);
};

/* The driver core calls these (drivers/base/power/ provides them). */
void device_pm_init(struct device *dev);
void device_pm_add(struct device *dev);
void device_pm_remove(struct device *dev);
int dpm_sysfs_add(struct device *dev);
void dpm_sysfs_remove(struct device *dev);

#endif
