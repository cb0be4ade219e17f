/*
 * Managed resources (Linux's drivers/base/devres.c and lib/devres.c): a
 * resource is a small header and its data, on its device's list; when
 * the device's driver is unbound, or its probe fails, or the device goes
 * away, the list is released from the newest to the oldest, each entry's
 * release function first. So a probe can take what it needs with devm_*()
 * and return an error at any point without undoing anything.
 *
 * The list is changed with interrupts off (as Linux's devres_lock), so
 * that a resource may be freed from an interrupt handler.
 */
#include <stdarg.h>

#include <linux/device.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "base.h"

struct devres {
	struct list_head entry;
	dr_release_t release;
	/* The data is aligned for any type (kmalloc's 8 bytes). */
	unsigned long long data[];
};

static DEFINE_SPINLOCK(devres_lock);

static struct devres *to_dr(void *res)
{
	return container_of(res, struct devres, data);
}

void *__devres_alloc(dr_release_t release, size_t size, gfp_t gfp, const char *name)
{
	(void)name;
	if (size > (size_t)-1 - sizeof(struct devres))
		return NULL;
	struct devres *dr = kmalloc(sizeof *dr + size, gfp | __GFP_ZERO);
	if (!dr)
		return NULL;
	INIT_LIST_HEAD(&dr->entry);
	dr->release = release;
	return dr->data;
}

void devres_free(void *res)
{
	if (!res)
		return;
	struct devres *dr = to_dr(res);
	BUG_ON(!list_empty(&dr->entry));
	kfree(dr);
}

void devres_add(struct device *dev, void *res)
{
	unsigned long flags;
	spin_lock_irqsave(&devres_lock, flags);
	list_add_tail(&to_dr(res)->entry, &dev->devres_head);
	spin_unlock_irqrestore(&devres_lock, flags);
}

/* The newest matching entry (call with the lock held). */
static struct devres *find_dr(struct device *dev, dr_release_t release, dr_match_t match,
			      void *match_data)
{
	struct devres *dr;
	list_for_each_entry_reverse(dr, &dev->devres_head, entry)
		if (dr->release == release && (!match || match(dev, dr->data, match_data)))
			return dr;
	return NULL;
}

void *devres_find(struct device *dev, dr_release_t release, dr_match_t match, void *match_data)
{
	unsigned long flags;
	spin_lock_irqsave(&devres_lock, flags);
	struct devres *dr = find_dr(dev, release, match, match_data);
	spin_unlock_irqrestore(&devres_lock, flags);
	return dr ? dr->data : NULL;
}

void *devres_remove(struct device *dev, dr_release_t release, dr_match_t match,
		    void *match_data)
{
	unsigned long flags;
	spin_lock_irqsave(&devres_lock, flags);
	struct devres *dr = find_dr(dev, release, match, match_data);
	if (dr)
		list_del_init(&dr->entry);
	spin_unlock_irqrestore(&devres_lock, flags);
	return dr ? dr->data : NULL;
}

int devres_destroy(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);
	if (!res)
		return -ENOENT;
	devres_free(res);
	return 0;
}

int devres_release(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);
	if (!res)
		return -ENOENT;
	release(dev, res);
	devres_free(res);
	return 0;
}

int devres_release_all(struct device *dev)
{
	int n = 0;
	/* A device that was never initialized has no list. */
	if (!dev->devres_head.next)
		return -ENODEV;
	for (;;) {
		unsigned long flags;
		spin_lock_irqsave(&devres_lock, flags);
		struct devres *dr = list_last_entry(&dev->devres_head, struct devres, entry);
		bool empty = list_empty(&dev->devres_head);
		if (!empty)
			list_del_init(&dr->entry);
		spin_unlock_irqrestore(&devres_lock, flags);
		if (empty)
			return n;
		dr->release(dev, dr->data);
		kfree(dr);
		n++;
	}
}

/* ---- memory ------------------------------------------------------------------ */

static void devm_kmalloc_release(struct device *dev, void *res)
{
	(void)dev;
	(void)res;
}

static int devm_kmalloc_match(struct device *dev, void *res, void *data)
{
	(void)dev;
	return res == data;
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	if (!size)
		return NULL;
	void *p = __devres_alloc(devm_kmalloc_release, size, gfp, "devm_kmalloc_release");
	if (p)
		devres_add(dev, p);
	return p;
}

void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}

void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t gfp)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return devm_kmalloc(dev, n * size, gfp);
}

void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t gfp)
{
	return devm_kmalloc_array(dev, n, size, gfp | __GFP_ZERO);
}

void devm_kfree(struct device *dev, const void *p)
{
	if (!p)
		return;
	WARN_ON(devres_destroy(dev, devm_kmalloc_release, devm_kmalloc_match, (void *)p));
}

char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *p = devm_kmalloc(dev, n, gfp);
	if (p)
		memcpy(p, s, n);
	return p;
}

char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	char *p = devm_kstrdup(dev, s, gfp);
	kfree(s);
	return p;
}

/* ---- actions ----------------------------------------------------------------- */

struct action_devres {
	void *data;
	void (*action)(void *data);
};

static void devm_action_release(struct device *dev, void *res)
{
	struct action_devres *a = res;
	(void)dev;
	a->action(a->data);
}

static int devm_action_match(struct device *dev, void *res, void *p)
{
	struct action_devres *a = res, *want = p;
	(void)dev;
	return a->action == want->action && a->data == want->data;
}

int devm_add_action(struct device *dev, void (*action)(void *data), void *data)
{
	struct action_devres *a = devres_alloc(devm_action_release, sizeof *a, GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	a->data = data;
	a->action = action;
	devres_add(dev, a);
	return 0;
}

int devm_add_action_or_reset(struct device *dev, void (*action)(void *data), void *data)
{
	int ret = devm_add_action(dev, action, data);
	if (ret)
		action(data);
	return ret;
}

void devm_remove_action(struct device *dev, void (*action)(void *data), void *data)
{
	struct action_devres a = { .data = data, .action = action };
	WARN_ON(devres_destroy(dev, devm_action_release, devm_action_match, &a));
}

void devm_release_action(struct device *dev, void (*action)(void *data), void *data)
{
	struct action_devres a = { .data = data, .action = action };
	WARN_ON(devres_release(dev, devm_action_release, devm_action_match, &a));
}

/* ---- registers --------------------------------------------------------------- */

static void devm_iounmap(void *addr)
{
	iounmap((void __iomem *)addr);
}

void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res)
{
	if (!res || resource_type(res) != IORESOURCE_MEM) {
		dev_err_probe(dev, -EINVAL, "invalid resource %s\n", res ? res->name : "(null)");
		return (void __iomem *)ERR_PTR(-EINVAL);
	}
	void __iomem *base = ioremap(res->start, resource_size(res));
	if (devm_add_action_or_reset(dev, devm_iounmap, (void *)base))
		return (void __iomem *)ERR_PTR(-ENOMEM);
	return base;
}
