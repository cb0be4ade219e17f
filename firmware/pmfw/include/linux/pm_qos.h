/*
 * PM QoS (include/linux/pm_qos.h; kernel/power/qos.c and
 * drivers/base/power/qos.c), Linux's classes:
 *
 *  - constraints: a list of requests and their aggregate (the smallest
 *    for PM_QOS_MIN, the largest for PM_QOS_MAX; no_constraint_value when
 *    there is none), recomputed at every change, with notifiers called
 *    with the new aggregate when it changes; flags: the OR of the
 *    requests' flags;
 *  - CPU latency QoS (cpu_latency_qos_*): a bound in µs on the CPU's
 *    wake-up latency, PM_QOS_CPU_LATENCY_DEFAULT_VALUE (2000 s) without
 *    one; cpuidle reads cpu_latency_qos_limit(). User space's interface
 *    is /dev/cpu_dma_latency (a request held while the file is open; its
 *    read gives the aggregate as a binary s32), and the shell's `qos`
 *    command holds requests for a session;
 *  - frequency QoS (freq_qos_*): minimum and maximum frequency requests
 *    in kHz on a struct freq_constraints (a cpufreq policy's), with
 *    notifiers for each;
 *  - device PM QoS: resume latency (µs; 0 forbids runtime suspend;
 *    PM_QOS_RESUME_LATENCY_NO_CONSTRAINT without one) and flags
 *    (PM_QOS_FLAG_NO_POWER_OFF: the device's power domain must not power
 *    off), with notifiers for the resume latency. User space has one
 *    request of each through power/pm_qos_resume_latency_us ("n/a":
 *    none) and power/pm_qos_no_power_off.
 */
#ifndef _LINUX_PM_QOS_H
#define _LINUX_PM_QOS_H

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/notifier.h>
#include <linux/types.h>

struct device;

/* ---- the constraints engine (kernel/power/qos.c) ---- */

enum pm_qos_type {
	PM_QOS_UNITIALIZED,
	PM_QOS_MAX, /* the largest request wins */
	PM_QOS_MIN, /* the smallest request wins */
};

enum pm_qos_req_action {
	PM_QOS_ADD_REQ,
	PM_QOS_UPDATE_REQ,
	PM_QOS_REMOVE_REQ,
};

#define PM_QOS_DEFAULT_VALUE (-1)
#define PM_QOS_LATENCY_ANY S32_MAX
#define PM_QOS_CPU_LATENCY_DEFAULT_VALUE (2000 * 1000000)

/* A request's place in its constraints (Linux's plist_node). */
struct pm_qos_node {
	struct list_head node;
	s32 prio;
};

struct pm_qos_constraints {
	struct list_head list; /* struct pm_qos_node */
	s32 target_value;
	s32 default_value;
	s32 no_constraint_value;
	enum pm_qos_type type;
	struct blocking_notifier_head *notifiers;
};

struct pm_qos_flags_request {
	struct list_head node;
	s32 flags;
};

struct pm_qos_flags {
	struct list_head list;
	s32 effective_flags;
};

s32 pm_qos_read_value(struct pm_qos_constraints *c);
/* 1 if the aggregate changed (the notifiers were called), else 0. */
int pm_qos_update_target(struct pm_qos_constraints *c, struct pm_qos_node *node,
			 enum pm_qos_req_action action, int value);
/* true if the effective flags changed. */
bool pm_qos_update_flags(struct pm_qos_flags *pqf, struct pm_qos_flags_request *req,
			 enum pm_qos_req_action action, s32 val);

/* ---- CPU latency QoS ---- */

struct pm_qos_request {
	struct pm_qos_node node;
	struct pm_qos_constraints *qos;
};

s32 cpu_latency_qos_limit(void);
bool cpu_latency_qos_request_active(struct pm_qos_request *req);
void cpu_latency_qos_add_request(struct pm_qos_request *req, s32 value);
void cpu_latency_qos_update_request(struct pm_qos_request *req, s32 new_value);
void cpu_latency_qos_remove_request(struct pm_qos_request *req);

/* ---- frequency QoS (kHz) ---- */

#define FREQ_QOS_MIN_DEFAULT_VALUE 0
#define FREQ_QOS_MAX_DEFAULT_VALUE S32_MAX

enum freq_qos_req_type {
	FREQ_QOS_MIN = 1,
	FREQ_QOS_MAX,
};

struct freq_constraints {
	struct pm_qos_constraints min_freq;
	struct blocking_notifier_head min_freq_notifiers;
	struct pm_qos_constraints max_freq;
	struct blocking_notifier_head max_freq_notifiers;
};

struct freq_qos_request {
	enum freq_qos_req_type type;
	struct pm_qos_node pnode;
	struct freq_constraints *qos;
};

void freq_constraints_init(struct freq_constraints *qos);
s32 freq_qos_read_value(struct freq_constraints *qos, enum freq_qos_req_type type);
static inline bool freq_qos_request_active(struct freq_qos_request *req)
{
	return req->qos != NULL;
}
/* 1 if the aggregate changed, 0 if not, or -EINVAL. */
int freq_qos_add_request(struct freq_constraints *qos, struct freq_qos_request *req,
			 enum freq_qos_req_type type, s32 value);
int freq_qos_update_request(struct freq_qos_request *req, s32 new_value);
int freq_qos_remove_request(struct freq_qos_request *req);
int freq_qos_add_notifier(struct freq_constraints *qos, enum freq_qos_req_type type,
			  struct notifier_block *notifier);
int freq_qos_remove_notifier(struct freq_constraints *qos, enum freq_qos_req_type type,
			     struct notifier_block *notifier);

/* ---- device PM QoS (drivers/base/power/qos.c) ---- */

#define PM_QOS_RESUME_LATENCY_NO_CONSTRAINT S32_MAX
#define PM_QOS_RESUME_LATENCY_NO_CONSTRAINT_NS (-1LL)
#define PM_QOS_RESUME_LATENCY_DEFAULT_VALUE PM_QOS_RESUME_LATENCY_NO_CONSTRAINT

#define PM_QOS_FLAG_NO_POWER_OFF (1 << 0)

enum pm_qos_flags_status {
	PM_QOS_FLAGS_UNDEFINED = -1,
	PM_QOS_FLAGS_NONE,
	PM_QOS_FLAGS_SOME,
	PM_QOS_FLAGS_ALL,
};

enum dev_pm_qos_req_type {
	DEV_PM_QOS_RESUME_LATENCY = 1,
	DEV_PM_QOS_FLAGS = 4,
};

struct dev_pm_qos_request {
	enum dev_pm_qos_req_type type;
	s32 value; /* µs, or the flags */
	struct list_head node;
	struct device *dev;
};

struct dev_pm_qos {
	struct list_head resume_latency;  /* requests */
	s32 resume_latency_target;        /* the effective constraint */
	struct blocking_notifier_head resume_latency_notifiers;
	struct list_head flags;           /* requests */
	s32 effective_flags;
	struct dev_pm_qos_request *resume_latency_req; /* user space's */
	struct dev_pm_qos_request *flags_req;          /* user space's */
};

int dev_pm_qos_add_request(struct device *dev, struct dev_pm_qos_request *req,
			   enum dev_pm_qos_req_type type, s32 value);
int dev_pm_qos_update_request(struct dev_pm_qos_request *req, s32 new_value);
int dev_pm_qos_remove_request(struct dev_pm_qos_request *req);
s32 dev_pm_qos_read_value(struct device *dev, enum dev_pm_qos_req_type type);
s32 dev_pm_qos_raw_resume_latency(struct device *dev);
/* Whether the device's flags requests set `mask`: NONE, SOME or ALL of
 * its bits (UNDEFINED without any request). */
enum pm_qos_flags_status dev_pm_qos_flags(struct device *dev, s32 mask);
/* Notifiers of the resume latency: called with the new constraint. */
int dev_pm_qos_add_notifier(struct device *dev, struct notifier_block *notifier,
			    enum dev_pm_qos_req_type type);
int dev_pm_qos_remove_notifier(struct device *dev, struct notifier_block *notifier,
			       enum dev_pm_qos_req_type type);
static inline bool dev_pm_qos_request_active(struct dev_pm_qos_request *req)
{
	return req->dev != NULL;
}

#endif
