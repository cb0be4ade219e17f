/*
 * Device PM QoS (include/linux/pm_qos.h, drivers/base/power/qos.c), the
 * resume-latency class: each request is a bound in µs on how long the
 * device may take to resume; the effective constraint is the smallest,
 * PM_QOS_RESUME_LATENCY_NO_CONSTRAINT when there is none, and 0 forbids
 * runtime suspend altogether. User space has one request of its own
 * through power/pm_qos_resume_latency_us ("n/a": none). The CPU latency
 * class comes with system sleep and cpuidle.
 */
#ifndef _LINUX_PM_QOS_H
#define _LINUX_PM_QOS_H

#include <linux/list.h>
#include <linux/types.h>

struct device;

#define PM_QOS_RESUME_LATENCY_NO_CONSTRAINT S32_MAX
#define PM_QOS_RESUME_LATENCY_NO_CONSTRAINT_NS (-1LL)
#define PM_QOS_RESUME_LATENCY_DEFAULT_VALUE PM_QOS_RESUME_LATENCY_NO_CONSTRAINT

enum dev_pm_qos_req_type {
	DEV_PM_QOS_RESUME_LATENCY = 1,
};

struct dev_pm_qos_request {
	enum dev_pm_qos_req_type type;
	s32 value;
	struct list_head node;
	struct device *dev;
};

struct dev_pm_qos {
	struct list_head resume_latency;  /* requests */
	s32 resume_latency_target;        /* the effective constraint */
	struct dev_pm_qos_request *resume_latency_req; /* user space's */
};

int dev_pm_qos_add_request(struct device *dev, struct dev_pm_qos_request *req,
			   enum dev_pm_qos_req_type type, s32 value);
int dev_pm_qos_update_request(struct dev_pm_qos_request *req, s32 new_value);
int dev_pm_qos_remove_request(struct dev_pm_qos_request *req);
s32 dev_pm_qos_read_value(struct device *dev, enum dev_pm_qos_req_type type);
s32 dev_pm_qos_raw_resume_latency(struct device *dev);
static inline bool dev_pm_qos_request_active(struct dev_pm_qos_request *req)
{
	return req->dev != NULL;
}

#endif
