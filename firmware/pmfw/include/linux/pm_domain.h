/*
 * Generic power domains (include/linux/pm_domain.h,
 * drivers/pmdomain/core.c): a domain powers off when every device in it
 * is runtime-suspended, no subdomain is on, and its governor agrees (the
 * devices' resume latency QoS against the domain's on/off latencies);
 * it powers on, parents first, before any of its devices resumes.
 */
#ifndef _LINUX_PM_DOMAIN_H
#define _LINUX_PM_DOMAIN_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/pm.h>
#include <linux/workqueue.h>

#define GENPD_FLAG_PM_CLK (1U << 0)
#define GENPD_FLAG_IRQ_SAFE (1U << 1)
#define GENPD_FLAG_ALWAYS_ON (1U << 2)
#define GENPD_FLAG_ACTIVE_WAKEUP (1U << 3)
#define GENPD_FLAG_CPU_DOMAIN (1U << 4)
#define GENPD_FLAG_RPM_ALWAYS_ON (1U << 5)

enum gpd_status {
	GENPD_STATE_ON = 0,
	GENPD_STATE_OFF,
};

struct dev_power_governor {
	bool (*power_down_ok)(struct dev_pm_domain *domain);
	bool (*suspend_ok)(struct device *dev);
};
extern struct dev_power_governor simple_qos_governor;
extern struct dev_power_governor pm_domain_always_on_gov;

struct genpd_power_state {
	s64 power_off_latency_ns;
	s64 power_on_latency_ns;
	s64 residency_ns;
	u64 usage;
	u64 rejected;
	u64 idle_time;     /* ns spent off in this state */
};

struct generic_pm_domain {
	struct dev_pm_domain domain;   /* first: dev->pm_domain points here */
	struct list_head gpd_list_node;
	struct list_head parent_links; /* links where this domain is the parent */
	struct list_head child_links;  /* links where this domain is the child */
	struct list_head dev_list;
	struct dev_power_governor *gov;
	struct work_struct power_off_work;
	const char *name;
	atomic_t sd_count;             /* powered-on subdomains */
	enum gpd_status status;
	unsigned int device_count;
	unsigned int suspended_count;  /* devices through suspend_noirq (system sleep) */
	int (*power_off)(struct generic_pm_domain *domain);
	int (*power_on)(struct generic_pm_domain *domain);
	unsigned int flags;
	struct genpd_power_state *states;
	unsigned int state_count;
	unsigned int state_idx;
	bool own_states;               /* states allocated by pm_genpd_init */
	u64 on_time;                   /* ns on */
	u64 accounting_time;           /* the last status change */
	struct mutex mlock;
};

static inline struct generic_pm_domain *pd_to_genpd(struct dev_pm_domain *pd)
{
	return container_of(pd, struct generic_pm_domain, domain);
}

struct gpd_link {
	struct generic_pm_domain *parent;
	struct list_head parent_node;
	struct generic_pm_domain *child;
	struct list_head child_node;
};

struct pm_domain_data {
	struct list_head list_node;
	struct device *dev;
};

int pm_genpd_init(struct generic_pm_domain *genpd, struct dev_power_governor *gov, bool is_off);
int pm_genpd_remove(struct generic_pm_domain *genpd);
int pm_genpd_add_device(struct generic_pm_domain *genpd, struct device *dev);
int pm_genpd_remove_device(struct device *dev);
int pm_genpd_add_subdomain(struct generic_pm_domain *genpd, struct generic_pm_domain *subdomain);
int pm_genpd_remove_subdomain(struct generic_pm_domain *genpd,
			      struct generic_pm_domain *subdomain);

struct genpd_onecell_data {
	struct generic_pm_domain **domains;
	unsigned int num_domains;
};
int of_genpd_add_provider_onecell(struct device_node *np, struct genpd_onecell_data *data);
int of_genpd_add_provider_simple(struct device_node *np, struct generic_pm_domain *genpd);
void of_genpd_del_provider(struct device_node *np);
/* Add dev to the domain a specifier (`<&pmu 1>`) names. */
int of_genpd_add_device(const struct of_phandle_args *genpdspec, struct device *dev);

/* The driver core's: attach a device to the domain its DT names
 * (platform probe calls it), and detach it. */
int dev_pm_domain_attach(struct device *dev, bool power_on);
void dev_pm_domain_detach(struct device *dev, bool power_off);
/* The domain a device is in, or NULL. */
struct generic_pm_domain *dev_to_genpd(struct device *dev);

#endif
