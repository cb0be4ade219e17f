/*
 * Generic power domains (Linux's drivers/pmdomain/core.c and
 * governor.c, written for pmfw):
 *
 *  - a device joins the domain its DT's `power-domains` names when its
 *    driver probes (dev_pm_domain_attach, from the platform bus); the
 *    domain is powered on for the probe;
 *  - runtime PM: a device's runtime suspend runs its own callback, then
 *    tries to power the domain off; a runtime resume powers the domain on
 *    (its parents first) before the device's callback;
 *  - a domain powers off only when every device attached to it is
 *    runtime-suspended (the one suspending now included), no subdomain is
 *    on, it is not GENPD_FLAG_ALWAYS_ON, and its governor agrees: the
 *    simple QoS governor refuses when a device's resume latency constraint
 *    (PM QoS) is shorter than the domain's off + on latency, which genpd
 *    measures as it goes (the longest seen, as Linux does);
 *  - after a probe, and at late init for every domain, an unused domain
 *    is powered off (Linux's genpd_power_off_unused);
 *  - the devices' system-sleep callbacks pass through to their own
 *    (pm_generic_*); powering domains off in system sleep comes with the
 *    suspend sequence.
 *
 * /sys/kernel/debug/pm_genpd/pm_genpd_summary and per domain
 * current_state, active_time, total_idle_time (ms) and idle_states, as in
 * Linux.
 *
 * Locking: a mutex per domain, taken child before parent; runtime PM
 * callbacks run in process context (pm_wq) here, so sleeping is fine.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kernfs.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/pm_domain.h>
#include <linux/pm_qos.h>
#include <linux/pm_runtime.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "../base/power/power.h"

static LIST_HEAD(gpd_list);
static DEFINE_MUTEX(gpd_list_lock);

#define genpd_lock(g) mutex_lock(&(g)->mlock)
#define genpd_unlock(g) mutex_unlock(&(g)->mlock)

static bool genpd_is_always_on(const struct generic_pm_domain *g)
{
	return g->flags & GENPD_FLAG_ALWAYS_ON;
}

struct generic_pm_domain *dev_to_genpd(struct device *dev)
{
	struct generic_pm_domain *g;
	if (!dev->pm_domain)
		return NULL;
	mutex_lock(&gpd_list_lock);
	list_for_each_entry(g, &gpd_list, gpd_list_node)
		if (&g->domain == dev->pm_domain) {
			mutex_unlock(&gpd_list_lock);
			return g;
		}
	mutex_unlock(&gpd_list_lock);
	return NULL;
}

/* ---- accounting -------------------------------------------------------------- */

static void genpd_update_accounting(struct generic_pm_domain *g)
{
	u64 now = ktime_get_ns();
	u64 delta = now - g->accounting_time;
	if (g->status == GENPD_STATE_ON)
		g->on_time += delta;
	else
		g->states[g->state_idx].idle_time += delta;
	g->accounting_time = now;
}

/* ---- power on and off --------------------------------------------------------- */

static int genpd_power_on(struct generic_pm_domain *g, unsigned int depth);

static int genpd_call_power(struct generic_pm_domain *g, bool on)
{
	int (*cb)(struct generic_pm_domain *) = on ? g->power_on : g->power_off;
	if (!cb)
		return 0;
	u64 t0 = ktime_get_ns();
	int ret = cb(g);
	if (ret)
		return ret;
	/* The latencies are what the hardware took, the longest so far. */
	s64 elapsed = (s64)(ktime_get_ns() - t0);
	struct genpd_power_state *st = &g->states[g->state_idx];
	s64 *lat = on ? &st->power_on_latency_ns : &st->power_off_latency_ns;
	if (elapsed > *lat)
		*lat = elapsed;
	return 0;
}

/* Would every device of the domain, and every subdomain, tolerate the
 * domain being off: their resume latency against off + on latency. */
static bool default_power_down_ok(struct dev_pm_domain *pd)
{
	struct generic_pm_domain *g = pd_to_genpd(pd);
	const struct genpd_power_state *st = &g->states[g->state_idx];
	s64 needed = st->power_off_latency_ns + st->power_on_latency_ns;
	struct pm_domain_data *pdd;
	list_for_each_entry(pdd, &g->dev_list, list_node) {
		s32 c = dev_pm_qos_read_value(pdd->dev, DEV_PM_QOS_RESUME_LATENCY);
		if (c != PM_QOS_RESUME_LATENCY_NO_CONSTRAINT && (s64)c * NSEC_PER_USEC < needed)
			return false;
	}
	return true;
}

static bool default_suspend_ok(struct device *dev)
{
	return dev_pm_qos_read_value(dev, DEV_PM_QOS_RESUME_LATENCY) != 0;
}

static bool always_on_power_down_ok(struct dev_pm_domain *pd)
{
	(void)pd;
	return false;
}

struct dev_power_governor simple_qos_governor = {
	.power_down_ok = default_power_down_ok,
	.suspend_ok = default_suspend_ok,
};

struct dev_power_governor pm_domain_always_on_gov = {
	.power_down_ok = always_on_power_down_ok,
	.suspend_ok = default_suspend_ok,
};

/* With g locked. one_dev_on: one device may still be active (the one
 * whose runtime suspend is asking). */
static int genpd_power_off(struct generic_pm_domain *g, bool one_dev_on, unsigned int depth)
{
	if (g->status == GENPD_STATE_OFF)
		return 0;
	if (genpd_is_always_on(g) || atomic_read(&g->sd_count) > 0)
		return -EBUSY;
	unsigned int not_suspended = 0;
	struct pm_domain_data *pdd;
	list_for_each_entry(pdd, &g->dev_list, list_node) {
		/* A device that asks its domain to stay on (Linux: the
		 * PM_QOS_FLAG_NO_POWER_OFF check of genpd_power_off). */
		if (dev_pm_qos_flags(pdd->dev, PM_QOS_FLAG_NO_POWER_OFF) > PM_QOS_FLAGS_NONE)
			return -EBUSY;
		if (!pm_runtime_suspended(pdd->dev))
			not_suspended++;
	}
	if (not_suspended > 1 || (not_suspended == 1 && !one_dev_on))
		return -EBUSY;
	if (g->gov && g->gov->power_down_ok && !g->gov->power_down_ok(&g->domain)) {
		g->states[g->state_idx].rejected++;
		return -EAGAIN;
	}
	int ret = genpd_call_power(g, false);
	if (ret)
		return ret;
	genpd_update_accounting(g);
	g->status = GENPD_STATE_OFF;
	g->states[g->state_idx].usage++;
	/* Parents may follow. */
	struct gpd_link *link;
	list_for_each_entry(link, &g->child_links, child_node) {
		atomic_dec(&link->parent->sd_count);
		mutex_lock(&link->parent->mlock);
		genpd_power_off(link->parent, false, depth + 1);
		mutex_unlock(&link->parent->mlock);
	}
	return 0;
}

static int genpd_power_on(struct generic_pm_domain *g, unsigned int depth)
{
	if (g->status == GENPD_STATE_ON)
		return 0;
	/* Parents first, each counting this domain as an active child. */
	struct gpd_link *link;
	list_for_each_entry(link, &g->child_links, child_node) {
		struct generic_pm_domain *parent = link->parent;
		atomic_inc(&parent->sd_count);
		mutex_lock(&parent->mlock);
		int ret = genpd_power_on(parent, depth + 1);
		mutex_unlock(&parent->mlock);
		if (ret) {
			atomic_dec(&parent->sd_count);
			return ret;
		}
	}
	int ret = genpd_call_power(g, true);
	if (ret)
		return ret;
	genpd_update_accounting(g);
	g->status = GENPD_STATE_ON;
	return 0;
}

static void genpd_power_off_work_fn(struct work_struct *work)
{
	struct generic_pm_domain *g = container_of(work, struct generic_pm_domain,
						   power_off_work);
	genpd_lock(g);
	genpd_power_off(g, false, 0);
	genpd_unlock(g);
}

static void genpd_queue_power_off_work(struct generic_pm_domain *g)
{
	queue_work(pm_wq, &g->power_off_work);
}

/* ---- the devices' callbacks ------------------------------------------------------ */

/* A device's own callback, as runtime PM would find it without the domain:
 * its type, bus, else its driver. */
typedef int (*pm_cb_t)(struct device *dev);

static pm_cb_t dev_callback(struct device *dev, size_t offset)
{
	const struct dev_pm_ops *ops = NULL;
	pm_cb_t cb = NULL;
	if (dev->type && dev->type->pm)
		ops = dev->type->pm;
	else if (dev->bus && dev->bus->pm)
		ops = dev->bus->pm;
	if (ops)
		cb = *(const pm_cb_t *)((const char *)ops + offset);
	if (!cb && dev->driver && dev->driver->pm)
		cb = *(const pm_cb_t *)((const char *)dev->driver->pm + offset);
	return cb;
}

#define DEV_CB(dev, name) dev_callback(dev, offsetof(struct dev_pm_ops, name))

static int genpd_runtime_suspend(struct device *dev)
{
	struct generic_pm_domain *g = pd_to_genpd(dev->pm_domain);
	if (g->gov && g->gov->suspend_ok && !g->gov->suspend_ok(dev))
		return -EBUSY;
	pm_cb_t cb = DEV_CB(dev, runtime_suspend);
	int ret = cb ? cb(dev) : 0;
	if (ret)
		return ret;
	genpd_lock(g);
	genpd_power_off(g, true, 0);
	genpd_unlock(g);
	return 0;
}

static int genpd_runtime_resume(struct device *dev)
{
	struct generic_pm_domain *g = pd_to_genpd(dev->pm_domain);
	genpd_lock(g);
	int ret = genpd_power_on(g, 0);
	genpd_unlock(g);
	if (ret)
		return ret;
	pm_cb_t cb = DEV_CB(dev, runtime_resume);
	ret = cb ? cb(dev) : 0;
	if (ret) {
		genpd_lock(g);
		genpd_power_off(g, true, 0);
		genpd_unlock(g);
	}
	return ret;
}

static int genpd_runtime_idle(struct device *dev)
{
	pm_cb_t cb = DEV_CB(dev, runtime_idle);
	return cb ? cb(dev) : 0;
}

/* System sleep: the device's own callbacks; in the noirq phases the
 * domain's own handling (Linux's genpd_finish_suspend and
 * genpd_resume_noirq): once every device of the domain has been through
 * suspend_noirq the domain powers off (and its parents may follow),
 * whatever runtime PM says, since nothing runs in it until resume_noirq,
 * which powers it on before the first device's callback. A device on the
 * wake-up path keeps a GENPD_FLAG_ACTIVE_WAKEUP domain on. */
static void genpd_sync_power_off(struct generic_pm_domain *g, unsigned int depth)
{
	if (g->status == GENPD_STATE_OFF || genpd_is_always_on(g))
		return;
	if (g->suspended_count != g->device_count || atomic_read(&g->sd_count) > 0)
		return;
	if (genpd_call_power(g, false))
		return;
	genpd_update_accounting(g);
	g->status = GENPD_STATE_OFF;
	g->states[g->state_idx].usage++;
	struct gpd_link *link;
	list_for_each_entry(link, &g->child_links, child_node) {
		atomic_dec(&link->parent->sd_count);
		genpd_lock(link->parent);
		genpd_sync_power_off(link->parent, depth + 1);
		genpd_unlock(link->parent);
	}
}

static void genpd_sync_power_on(struct generic_pm_domain *g, unsigned int depth)
{
	if (g->status == GENPD_STATE_ON)
		return;
	struct gpd_link *link;
	list_for_each_entry(link, &g->child_links, child_node) {
		atomic_inc(&link->parent->sd_count);
		genpd_lock(link->parent);
		genpd_sync_power_on(link->parent, depth + 1);
		genpd_unlock(link->parent);
	}
	if (genpd_call_power(g, true))
		return;
	genpd_update_accounting(g);
	g->status = GENPD_STATE_ON;
}

static bool genpd_keeps_on_for_wakeup(struct device *dev, struct generic_pm_domain *g)
{
	return dev->power.wakeup_path && (g->flags & GENPD_FLAG_ACTIVE_WAKEUP);
}

static int genpd_suspend_noirq(struct device *dev)
{
	struct generic_pm_domain *g = pd_to_genpd(dev->pm_domain);
	pm_cb_t cb = DEV_CB(dev, suspend_noirq);
	int ret = cb ? cb(dev) : 0;
	if (ret || genpd_keeps_on_for_wakeup(dev, g))
		return ret;
	genpd_lock(g);
	g->suspended_count++;
	genpd_sync_power_off(g, 0);
	genpd_unlock(g);
	return 0;
}

static int genpd_resume_noirq(struct device *dev)
{
	struct generic_pm_domain *g = pd_to_genpd(dev->pm_domain);
	if (!genpd_keeps_on_for_wakeup(dev, g)) {
		genpd_lock(g);
		genpd_sync_power_on(g, 0);
		g->suspended_count--;
		genpd_unlock(g);
	}
	pm_cb_t cb = DEV_CB(dev, resume_noirq);
	return cb ? cb(dev) : 0;
}

#define GENPD_PASS(name)                                 \
	static int genpd_##name(struct device *dev)      \
	{                                                \
		pm_cb_t cb = DEV_CB(dev, name);          \
		return cb ? cb(dev) : 0;                 \
	}
GENPD_PASS(prepare)
GENPD_PASS(suspend)
GENPD_PASS(suspend_late)
GENPD_PASS(resume_early)
GENPD_PASS(resume)
GENPD_PASS(freeze)
GENPD_PASS(thaw)
GENPD_PASS(poweroff)
GENPD_PASS(restore)

/* After the device's complete, the domain is looked at again (Linux's
 * genpd_complete queues the power-off work once the domain's last device
 * completes): resume_noirq powered it on, and its devices may all be
 * runtime-suspended still. */
static void genpd_complete(struct device *dev)
{
	const struct dev_pm_ops *ops = dev->driver ? dev->driver->pm : NULL;
	if (ops && ops->complete)
		ops->complete(dev);
	struct generic_pm_domain *g = dev_to_genpd(dev);
	if (g)
		genpd_queue_power_off_work(g);
}

static void genpd_dev_pm_sync(struct device *dev)
{
	struct generic_pm_domain *g = dev_to_genpd(dev);
	if (g)
		genpd_queue_power_off_work(g);
}

/* ---- domains and devices ----------------------------------------------------------- */

static void genpd_debug_add(struct generic_pm_domain *g);
static void genpd_debug_remove(struct generic_pm_domain *g);

int pm_genpd_init(struct generic_pm_domain *g, struct dev_power_governor *gov, bool is_off)
{
	if (IS_ERR_OR_NULL(g))
		return -EINVAL;
	INIT_LIST_HEAD(&g->parent_links);
	INIT_LIST_HEAD(&g->child_links);
	INIT_LIST_HEAD(&g->dev_list);
	mutex_init(&g->mlock);
	INIT_WORK(&g->power_off_work, genpd_power_off_work_fn);
	atomic_set(&g->sd_count, 0);
	g->gov = gov;
	g->status = is_off ? GENPD_STATE_OFF : GENPD_STATE_ON;
	g->device_count = 0;
	g->accounting_time = ktime_get_ns();
	if (genpd_is_always_on(g) && is_off)
		return -EINVAL;
	if (!g->states) {
		/* One off state, its latencies measured as it is used. */
		g->states = kzalloc(sizeof *g->states, GFP_KERNEL);
		if (!g->states)
			return -ENOMEM;
		g->state_count = 1;
		g->own_states = true;
	}
	struct dev_pm_ops *ops = &g->domain.ops;
	ops->runtime_suspend = genpd_runtime_suspend;
	ops->runtime_resume = genpd_runtime_resume;
	ops->runtime_idle = genpd_runtime_idle;
	ops->prepare = genpd_prepare;
	ops->suspend = genpd_suspend;
	ops->suspend_late = genpd_suspend_late;
	ops->suspend_noirq = genpd_suspend_noirq;
	ops->resume_noirq = genpd_resume_noirq;
	ops->resume_early = genpd_resume_early;
	ops->resume = genpd_resume;
	ops->freeze = genpd_freeze;
	ops->thaw = genpd_thaw;
	ops->poweroff = genpd_poweroff;
	ops->restore = genpd_restore;
	ops->complete = genpd_complete;
	g->domain.sync = genpd_dev_pm_sync;
	mutex_lock(&gpd_list_lock);
	list_add(&g->gpd_list_node, &gpd_list);
	genpd_debug_add(g);
	mutex_unlock(&gpd_list_lock);
	return 0;
}

int pm_genpd_remove(struct generic_pm_domain *g)
{
	genpd_lock(g);
	if (!list_empty(&g->parent_links) || g->device_count) {
		genpd_unlock(g);
		return -EBUSY;
	}
	struct gpd_link *link, *n;
	list_for_each_entry_safe(link, n, &g->child_links, child_node) {
		list_del(&link->parent_node);
		list_del(&link->child_node);
		kfree(link);
	}
	genpd_unlock(g);
	cancel_work_sync(&g->power_off_work);
	mutex_lock(&gpd_list_lock);
	list_del(&g->gpd_list_node);
	genpd_debug_remove(g);
	mutex_unlock(&gpd_list_lock);
	if (g->own_states) {
		kfree(g->states);
		g->states = NULL;
		g->own_states = false;
	}
	return 0;
}

int pm_genpd_add_device(struct generic_pm_domain *g, struct device *dev)
{
	if (!g || !dev || dev->pm_domain)
		return -EINVAL;
	struct pm_domain_data *pdd = kzalloc(sizeof *pdd, GFP_KERNEL);
	if (!pdd)
		return -ENOMEM;
	pdd->dev = dev;
	genpd_lock(g);
	list_add_tail(&pdd->list_node, &g->dev_list);
	g->device_count++;
	dev->pm_domain = &g->domain;
	genpd_unlock(g);
	return 0;
}

int pm_genpd_remove_device(struct device *dev)
{
	struct generic_pm_domain *g = dev_to_genpd(dev);
	if (!g)
		return -EINVAL;
	genpd_lock(g);
	struct pm_domain_data *pdd;
	list_for_each_entry(pdd, &g->dev_list, list_node)
		if (pdd->dev == dev) {
			list_del(&pdd->list_node);
			kfree(pdd);
			g->device_count--;
			break;
		}
	dev->pm_domain = NULL;
	genpd_unlock(g);
	genpd_queue_power_off_work(g);
	return 0;
}

int pm_genpd_add_subdomain(struct generic_pm_domain *g, struct generic_pm_domain *sub)
{
	if (!g || !sub || g == sub)
		return -EINVAL;
	/* An active subdomain needs an active parent. */
	if (g->status == GENPD_STATE_OFF && sub->status == GENPD_STATE_ON)
		return -EINVAL;
	struct gpd_link *link = kzalloc(sizeof *link, GFP_KERNEL);
	if (!link)
		return -ENOMEM;
	link->parent = g;
	link->child = sub;
	genpd_lock(sub);
	genpd_lock(g);
	list_add_tail(&link->parent_node, &g->parent_links);
	list_add_tail(&link->child_node, &sub->child_links);
	if (sub->status == GENPD_STATE_ON)
		atomic_inc(&g->sd_count);
	genpd_unlock(g);
	genpd_unlock(sub);
	return 0;
}

int pm_genpd_remove_subdomain(struct generic_pm_domain *g, struct generic_pm_domain *sub)
{
	genpd_lock(sub);
	genpd_lock(g);
	struct gpd_link *link;
	int ret = -EINVAL;
	list_for_each_entry(link, &g->parent_links, parent_node)
		if (link->child == sub) {
			list_del(&link->parent_node);
			list_del(&link->child_node);
			if (sub->status == GENPD_STATE_ON)
				atomic_dec(&g->sd_count);
			kfree(link);
			ret = 0;
			break;
		}
	genpd_unlock(g);
	genpd_unlock(sub);
	return ret;
}

/* ---- providers in the DT ------------------------------------------------------------- */

struct of_genpd_provider {
	struct list_head link;
	struct device_node *node;
	struct genpd_onecell_data *onecell;
	struct generic_pm_domain *simple;
};

static LIST_HEAD(of_genpd_providers);

static int of_genpd_add_provider(struct device_node *np, struct genpd_onecell_data *onecell,
				 struct generic_pm_domain *simple)
{
	struct of_genpd_provider *p = kzalloc(sizeof *p, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->node = np;
	p->onecell = onecell;
	p->simple = simple;
	list_add_tail(&p->link, &of_genpd_providers);
	return 0;
}

int of_genpd_add_provider_onecell(struct device_node *np, struct genpd_onecell_data *data)
{
	return of_genpd_add_provider(np, data, NULL);
}

int of_genpd_add_provider_simple(struct device_node *np, struct generic_pm_domain *genpd)
{
	return of_genpd_add_provider(np, NULL, genpd);
}

void of_genpd_del_provider(struct device_node *np)
{
	struct of_genpd_provider *p, *n;
	list_for_each_entry_safe(p, n, &of_genpd_providers, link)
		if (p->node == np) {
			list_del(&p->link);
			kfree(p);
		}
}

/* The domain a specifier names: -EPROBE_DEFER while its provider has not
 * registered. */
static struct generic_pm_domain *genpd_get_from_provider(const struct of_phandle_args *a,
							 int *err)
{
	struct of_genpd_provider *p;
	*err = 0;
	list_for_each_entry(p, &of_genpd_providers, link) {
		if (p->node != a->np)
			continue;
		if (p->simple)
			return p->simple;
		if (a->args_count != 1 || a->args[0] >= p->onecell->num_domains ||
		    !p->onecell->domains[a->args[0]]) {
			*err = -EINVAL;
			return NULL;
		}
		return p->onecell->domains[a->args[0]];
	}
	*err = -EPROBE_DEFER;
	return NULL;
}

/* The domain `power-domains` entry 0 of np names. */
static struct generic_pm_domain *genpd_of_lookup(struct device_node *np, int *err)
{
	struct of_phandle_args a;
	*err = of_parse_phandle_with_args(np, "power-domains", "#power-domain-cells", 0, &a);
	return *err ? NULL : genpd_get_from_provider(&a, err);
}

int of_genpd_add_device(const struct of_phandle_args *genpdspec, struct device *dev)
{
	int err;
	struct generic_pm_domain *g = genpd_get_from_provider(genpdspec, &err);
	return g ? pm_genpd_add_device(g, dev) : err;
}

int dev_pm_domain_attach(struct device *dev, bool power_on)
{
	if (dev->pm_domain || !dev->of_node || !of_property_present(dev->of_node, "power-domains"))
		return 0;
	int err;
	struct generic_pm_domain *g = genpd_of_lookup(dev->of_node, &err);
	if (!g)
		return err;
	err = pm_genpd_add_device(g, dev);
	if (err)
		return err;
	if (power_on) {
		genpd_lock(g);
		err = genpd_power_on(g, 0);
		genpd_unlock(g);
		if (err)
			pm_genpd_remove_device(dev);
	}
	return err;
}

void dev_pm_domain_detach(struct device *dev, bool power_off)
{
	(void)power_off;
	if (dev_to_genpd(dev))
		pm_genpd_remove_device(dev);
}

/* ---- unused domains at late init ---------------------------------------------------- */

static int genpd_power_off_unused(void)
{
	struct generic_pm_domain *g;
	mutex_lock(&gpd_list_lock);
	list_for_each_entry(g, &gpd_list, gpd_list_node)
		genpd_queue_power_off_work(g);
	mutex_unlock(&gpd_list_lock);
	return 0;
}
late_initcall(genpd_power_off_unused);

/* ---- debugfs ---------------------------------------------------------------------- */

/* "/devices/platform/soc/40008000.adc", as Linux's summary names it. */
static const char *device_path(struct device *dev, char *buf, size_t n)
{
	if (!dev->kobj.sd || kernfs_path(dev->kobj.sd, buf, n) < 0)
		return dev_name(dev);
	return strncmp(buf, "/sys/", 5) ? buf : buf + 4;
}

static const char *state_name(const struct generic_pm_domain *g, char *buf, size_t n)
{
	if (g->status == GENPD_STATE_ON)
		return "on";
	snprintf(buf, n, "off-%u", g->state_idx);
	return buf;
}

static int pm_genpd_summary_show(struct seq_file *s, void *data)
{
	(void)data;
	seq_puts(s, "domain                          status          children\n");
	seq_puts(s, "    /device                                             runtime status\n");
	seq_puts(s, "----------------------------------------------------------------------\n");
	mutex_lock(&gpd_list_lock);
	struct generic_pm_domain *g;
	list_for_each_entry_reverse(g, &gpd_list, gpd_list_node) {
		char st[16], path[96];
		genpd_lock(g);
		seq_printf(s, "%-30s  %-15s ", g->name, state_name(g, st, sizeof st));
		struct gpd_link *link;
		bool first = true;
		list_for_each_entry(link, &g->parent_links, parent_node) {
			seq_printf(s, "%s%s", first ? "" : ", ", link->child->name);
			first = false;
		}
		seq_putc(s, '\n');
		struct pm_domain_data *pdd;
		list_for_each_entry(pdd, &g->dev_list, list_node) {
			struct device *dev = pdd->dev;
			const char *rs = dev->power.runtime_error ? "error"
					 : dev->power.disable_depth ? "unsupported"
					 : rpm_status_name(dev->power.runtime_status);
			seq_printf(s, "    %-50s  %s\n", device_path(dev, path, sizeof path), rs);
		}
		genpd_unlock(g);
	}
	mutex_unlock(&gpd_list_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pm_genpd_summary);

static int current_state_show(struct seq_file *s, void *data)
{
	struct generic_pm_domain *g = s->private;
	char st[16];
	seq_printf(s, "%s\n", state_name(g, st, sizeof st));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(current_state);

static int active_time_show(struct seq_file *s, void *data)
{
	struct generic_pm_domain *g = s->private;
	genpd_lock(g);
	genpd_update_accounting(g);
	seq_printf(s, "%llu ms\n", (unsigned long long)(g->on_time / NSEC_PER_MSEC));
	genpd_unlock(g);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(active_time);

static int total_idle_time_show(struct seq_file *s, void *data)
{
	struct generic_pm_domain *g = s->private;
	genpd_lock(g);
	genpd_update_accounting(g);
	u64 t = 0;
	for (unsigned int i = 0; i < g->state_count; i++)
		t += g->states[i].idle_time;
	seq_printf(s, "%llu ms\n", (unsigned long long)(t / NSEC_PER_MSEC));
	genpd_unlock(g);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(total_idle_time);

static int idle_states_show(struct seq_file *s, void *data)
{
	struct generic_pm_domain *g = s->private;
	seq_puts(s, "State          Time Spent(ms) Usage          Rejected\n");
	genpd_lock(g);
	genpd_update_accounting(g);
	for (unsigned int i = 0; i < g->state_count; i++)
		seq_printf(s, "S%-13u %-14llu %-14llu %llu\n", i,
			   (unsigned long long)(g->states[i].idle_time / NSEC_PER_MSEC),
			   (unsigned long long)g->states[i].usage,
			   (unsigned long long)g->states[i].rejected);
	genpd_unlock(g);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(idle_states);

static struct dentry *genpd_debugfs_dir;

/* With gpd_list_lock held: a domain's directory, once debugfs is up. */
static void genpd_debug_add(struct generic_pm_domain *g)
{
	if (!genpd_debugfs_dir)
		return;
	struct dentry *d = debugfs_create_dir(g->name, genpd_debugfs_dir);
	debugfs_create_file("current_state", 0444, d, g, &current_state_fops);
	debugfs_create_file("active_time", 0444, d, g, &active_time_fops);
	debugfs_create_file("total_idle_time", 0444, d, g, &total_idle_time_fops);
	debugfs_create_file("idle_states", 0444, d, g, &idle_states_fops);
}

static void genpd_debug_remove(struct generic_pm_domain *g)
{
	if (genpd_debugfs_dir)
		debugfs_lookup_and_remove(g->name, genpd_debugfs_dir);
}

static int genpd_debug_init(void)
{
	genpd_debugfs_dir = debugfs_create_dir("pm_genpd", NULL);
	debugfs_create_file("pm_genpd_summary", 0444, genpd_debugfs_dir, NULL,
			    &pm_genpd_summary_fops);
	struct generic_pm_domain *g;
	mutex_lock(&gpd_list_lock);
	list_for_each_entry(g, &gpd_list, gpd_list_node)
		genpd_debug_add(g);
	mutex_unlock(&gpd_list_lock);
	return 0;
}
late_initcall(genpd_debug_init);
