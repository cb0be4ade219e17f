/*
 * kobjects (Linux's lib/kobject.c; include/linux/kobject.h has the model):
 * the reference count, the name and the sysfs directory of the objects of
 * the device model. The name is always a kmalloc'd copy ('/' in it becomes
 * '!', as in Linux, since it is a directory name), freed after the
 * release function has run.
 */
#include <stdarg.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>

int kobject_set_name_vargs(struct kobject *kobj, const char *fmt, va_list vargs)
{
	if (kobj->name && !fmt)
		return 0;
	char *s = kvasprintf(GFP_KERNEL, fmt, vargs);
	if (!s)
		return -ENOMEM;
	for (char *p = s; (p = strchr(p, '/')); p++)
		*p = '!';
	kfree(kobj->name);
	kobj->name = s;
	return 0;
}

int kobject_set_name(struct kobject *kobj, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int err = kobject_set_name_vargs(kobj, fmt, ap);
	va_end(ap);
	return err;
}

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype)
{
	if (kobj->state_initialized)
		pr_err("kobject (%p): tried to init an initialized object, something is seriously wrong.\n",
		       (void *)kobj);
	kref_init(&kobj->kref);
	INIT_LIST_HEAD(&kobj->entry);
	kobj->ktype = ktype;
	kobj->state_in_sysfs = 0;
	kobj->state_initialized = 1;
}

static int kobject_add_varg(struct kobject *kobj, struct kobject *parent, const char *fmt,
			    va_list vargs)
{
	if (!kobj->state_initialized) {
		pr_err("kobject '%s' (%p): tried to add an uninitialized object, something is seriously wrong.\n",
		       kobj->name ? kobj->name : "(null)", (void *)kobj);
		return -EINVAL;
	}
	int err = kobject_set_name_vargs(kobj, fmt, vargs);
	if (err)
		return err;
	if (!kobj->name || !*kobj->name)
		return -EINVAL;
	kobj->parent = kobject_get(parent);
	err = sysfs_create_dir(kobj);
	if (!err && kobj->ktype && kobj->ktype->default_groups)
		err = sysfs_create_groups(kobj, kobj->ktype->default_groups);
	if (err) {
		sysfs_remove_dir(kobj);
		kobject_put(kobj->parent);
		kobj->parent = NULL;
		return err;
	}
	kobj->state_in_sysfs = 1;
	return 0;
}

int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int err = kobject_add_varg(kobj, parent, fmt, ap);
	va_end(ap);
	return err;
}

int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
			 struct kobject *parent, const char *fmt, ...)
{
	kobject_init(kobj, ktype);
	va_list ap;
	va_start(ap, fmt);
	int err = kobject_add_varg(kobj, parent, fmt, ap);
	va_end(ap);
	return err;
}

void kobject_del(struct kobject *kobj)
{
	if (!kobj || !kobj->state_in_sysfs)
		return;
	sysfs_remove_dir(kobj);
	kobj->state_in_sysfs = 0;
	kobject_put(kobj->parent);
	kobj->parent = NULL;
}

struct kobject *kobject_get(struct kobject *kobj)
{
	if (kobj)
		kref_get(&kobj->kref);
	return kobj;
}

static void kobject_release(struct kref *kref)
{
	struct kobject *kobj = container_of(kref, struct kobject, kref);
	const struct kobj_type *t = kobj->ktype;
	const char *name = kobj->name;
	kobject_del(kobj);
	if (t && t->release)
		t->release(kobj);
	else
		pr_debug("kobject: '%s' (%p): does not have a release() function, it is broken and must be fixed.\n",
			 name ? name : "(null)", (void *)kobj);
	kfree(name);
}

void kobject_put(struct kobject *kobj)
{
	if (!kobj)
		return;
	if (!kobj->state_initialized)
		pr_warn("kobject: '%s' (%p): is not initialized, yet kobject_put() is being called.\n",
			kobj->name ? kobj->name : "(null)", (void *)kobj);
	kref_put(&kobj->kref, kobject_release);
}

static ssize_t kobj_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct kobj_attribute *ka = container_of(attr, struct kobj_attribute, attr);
	return ka->show ? ka->show(kobj, ka, buf) : -EIO;
}

static ssize_t kobj_attr_store(struct kobject *kobj, struct attribute *attr, const char *buf,
			       size_t count)
{
	struct kobj_attribute *ka = container_of(attr, struct kobj_attribute, attr);
	return ka->store ? ka->store(kobj, ka, buf, count) : -EIO;
}

const struct sysfs_ops kobj_sysfs_ops = {
	.show = kobj_attr_show,
	.store = kobj_attr_store,
};

static void dynamic_kobj_release(struct kobject *kobj)
{
	kfree(kobj);
}

static const struct kobj_type dynamic_kobj_ktype = {
	.release = dynamic_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
};

struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
	struct kobject *kobj = kzalloc(sizeof *kobj, GFP_KERNEL);
	if (!kobj)
		return NULL;
	if (kobject_init_and_add(kobj, &dynamic_kobj_ktype, parent, "%s", name)) {
		kobject_put(kobj);
		return NULL;
	}
	return kobj;
}
