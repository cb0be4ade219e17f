/*
 * The input core (Linux's drivers/input/input.c), the part pmfw's key
 * drivers and event readers need (include/linux/input.h).
 *
 * Devices: /sys/class/input/inputN, N counting every device allocated
 * since boot (Linux's input_no: a device registered again gets a new
 * number), a child of the driver's device
 * (/sys/devices/platform/gpio-keys/input/input0), with Linux's name,
 * phys, uniq and id/{bustype,vendor,product,version} files.
 *
 * Events, as Linux's input_handle_event: an event of a type or key the
 * device did not declare is dropped; a key event that does not change
 * the key's state (a second press) is dropped; the rest are gathered
 * until SYN_REPORT, and a packet that holds more than the SYN_REPORT is
 * handed to every open handle, stamped with ktime_get() (CLOCK_MONOTONIC,
 * the printk clock) when it goes. Each key event handed on writes the
 * trace marker INSTANT "input:KEY_NAME" (ARG the value: 1 press, 0
 * release; "input:CODE" for a key without a name in
 * input-event-codes.h), whether or not anyone reads the device, so that
 * pmsim's trace shows when the guest took the key; event_count counts
 * them (and any other non-SYN event handed on).
 *
 * Handlers (evtest) connect to each device their id_table matches, at
 * their registration or the device's. Events reach them from the
 * reporting context (a timer's interrupt for gpio-keys): the handle
 * lists change with the device's event lock held, interrupts off, where
 * Linux uses RCU.
 */
#define pr_fmt(fmt) "input: " fmt

#include <linux/device.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/input.h>
#include <linux/kernel.h>
#include <linux/kernfs.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <pmfw/marker.h>

static LIST_HEAD(input_dev_list);
static LIST_HEAD(input_handler_list);
/* Both lists, and the handles' connection to handlers. */
static DEFINE_MUTEX(input_mutex);
static unsigned long input_no;

/* ---- key names -------------------------------------------------------------------- */

#define INPUT_KEY_NAME(name, code) { code, #name },
static const struct {
	u16 code;
	const char *name;
} input_key_names[] = { INPUT_KEYS(INPUT_KEY_NAME) };

const char *input_key_name(unsigned int code)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(input_key_names); i++)
		if (input_key_names[i].code == code)
			return input_key_names[i].name;
	return NULL;
}

/* ---- events ----------------------------------------------------------------------- */

ktime_t input_get_timestamp(struct input_dev *dev)
{
	if (!dev->timestamp)
		dev->timestamp = ktime_get();
	return dev->timestamp;
}

static void input_mark_key(const struct input_value *v)
{
	/* The simulator reads the name at the write: a buffer will do. */
	char name[32];
	const char *key = input_key_name(v->code);
	if (!pm_marker_enabled())
		return;
	if (key)
		snprintf(name, sizeof name, "input:%s", key);
	else
		snprintf(name, sizeof name, "input:%u", v->code);
	pm_marker_instant(name, v->value);
}

/* A packet to every open handle. Event lock held. */
static void input_pass_values(struct input_dev *dev, const struct input_value *vals,
			      unsigned int count)
{
	input_get_timestamp(dev);
	for (unsigned int i = 0; i < count; i++) {
		if (vals[i].type == EV_SYN)
			continue;
		dev->event_count++;
		if (vals[i].type == EV_KEY)
			input_mark_key(&vals[i]);
	}
	struct input_handle *handle;
	list_for_each_entry(handle, &dev->h_list, d_node) {
		if (!handle->open)
			continue;
		for (unsigned int i = 0; i < count; i++)
			handle->handler->event(handle, vals[i].type, vals[i].code, vals[i].value);
	}
}

/* Whether the event goes on: Linux's input_get_disposition for the
 * types pmfw keeps state of; others go on as they come. */
static bool input_keep(struct input_dev *dev, unsigned int type, unsigned int code, int value)
{
	switch (type) {
	case EV_SYN:
		return code == SYN_REPORT;
	case EV_KEY:
		if (code > KEY_MAX || !test_bit(code, dev->keybit))
			return false;
		if (value == 2) /* autorepeat: no state change */
			return true;
		if (!!test_bit(code, dev->key) == !!value)
			return false;
		__change_bit(code, dev->key);
		return true;
	default:
		return true;
	}
}

/* Event lock held. */
static void input_handle_event(struct input_dev *dev, unsigned int type, unsigned int code,
			       int value)
{
	if (!input_keep(dev, type, code, value))
		return;
	dev->vals[dev->num_vals++] = (struct input_value){ type, code, value };
	if (type == EV_SYN) {
		/* A SYN_REPORT alone says nothing. */
		if (dev->num_vals >= 2)
			input_pass_values(dev, dev->vals, dev->num_vals);
		dev->num_vals = 0;
		dev->timestamp = 0;
	} else if (dev->num_vals >= INPUT_MAX_VALS - 1) {
		dev->vals[dev->num_vals++] = (struct input_value){ EV_SYN, SYN_REPORT, 0 };
		input_pass_values(dev, dev->vals, dev->num_vals);
		dev->num_vals = 0;
		dev->timestamp = 0;
	}
}

void input_event(struct input_dev *dev, unsigned int type, unsigned int code, int value)
{
	if (type > EV_MAX || !test_bit(type, dev->evbit))
		return;
	unsigned long flags;
	spin_lock_irqsave(&dev->event_lock, flags);
	input_handle_event(dev, type, code, value);
	spin_unlock_irqrestore(&dev->event_lock, flags);
}

void input_set_capability(struct input_dev *dev, unsigned int type, unsigned int code)
{
	switch (type) {
	case EV_KEY:
		if (code <= KEY_MAX)
			__set_bit(code, dev->keybit);
		break;
	default:
		break;
	}
	if (type <= EV_MAX)
		__set_bit(type, dev->evbit);
}

/* Release every pressed key (the device is going: no handler is left
 * with a key held down). */
static void input_dev_release_keys(struct input_dev *dev)
{
	unsigned long flags;
	bool any = false;
	spin_lock_irqsave(&dev->event_lock, flags);
	for (unsigned int code = 0; code <= KEY_MAX; code++)
		if (test_bit(code, dev->key)) {
			input_handle_event(dev, EV_KEY, code, 0);
			any = true;
		}
	if (any)
		input_handle_event(dev, EV_SYN, SYN_REPORT, 0);
	spin_unlock_irqrestore(&dev->event_lock, flags);
}

/* ---- sysfs ------------------------------------------------------------------------ */

#define INPUT_DEV_STRING_ATTR_SHOW(name)                                                \
	static ssize_t name##_show(struct device *dev, struct device_attribute *attr,   \
				   char *buf)                                           \
	{                                                                               \
		struct input_dev *input_dev = to_input_dev(dev);                        \
		return sysfs_emit(buf, "%s\n", input_dev->name ? input_dev->name : ""); \
	}                                                                               \
	static DEVICE_ATTR_RO(name)

INPUT_DEV_STRING_ATTR_SHOW(name);
INPUT_DEV_STRING_ATTR_SHOW(phys);
INPUT_DEV_STRING_ATTR_SHOW(uniq);

static struct attribute *input_dev_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_phys.attr,
	&dev_attr_uniq.attr,
	NULL,
};

static const struct attribute_group input_dev_attr_group = {
	.attrs = input_dev_attrs,
};

#define INPUT_DEV_ID_ATTR(name)                                                         \
	static ssize_t id_##name##_show(struct device *dev, struct device_attribute *attr, \
					char *buf)                                      \
	{                                                                               \
		return sysfs_emit(buf, "%04x\n", to_input_dev(dev)->id.name);           \
	}                                                                               \
	static struct device_attribute dev_attr_id_##name = __ATTR(name, 0444, id_##name##_show, NULL)

INPUT_DEV_ID_ATTR(bustype);
INPUT_DEV_ID_ATTR(vendor);
INPUT_DEV_ID_ATTR(product);
INPUT_DEV_ID_ATTR(version);

static struct attribute *input_dev_id_attrs[] = {
	&dev_attr_id_bustype.attr,
	&dev_attr_id_vendor.attr,
	&dev_attr_id_product.attr,
	&dev_attr_id_version.attr,
	NULL,
};

static const struct attribute_group input_dev_id_attr_group = {
	.name = "id",
	.attrs = input_dev_id_attrs,
};

static const struct attribute_group *input_dev_attr_groups[] = {
	&input_dev_attr_group,
	&input_dev_id_attr_group,
	NULL,
};

static void input_dev_release(struct device *device)
{
	kfree(to_input_dev(device));
}

static const struct device_type input_dev_type = {
	.groups = input_dev_attr_groups,
	.release = input_dev_release,
};

static const struct class input_class = {
	.name = "input",
};

/* ---- devices ---------------------------------------------------------------------- */

struct input_dev *input_allocate_device(void)
{
	struct input_dev *dev = kzalloc(sizeof *dev, GFP_KERNEL);
	if (!dev)
		return NULL;
	dev->dev.type = &input_dev_type;
	dev->dev.class = &input_class;
	device_initialize(&dev->dev);
	mutex_init(&dev->mutex);
	spin_lock_init(&dev->event_lock);
	INIT_LIST_HEAD(&dev->h_list);
	INIT_LIST_HEAD(&dev->node);
	dev_set_name(&dev->dev, "input%lu", __atomic_fetch_add(&input_no, 1, __ATOMIC_SEQ_CST));
	return dev;
}

void input_free_device(struct input_dev *dev)
{
	if (dev)
		put_device(&dev->dev);
}

static void devm_input_device_release(void *data)
{
	input_free_device(data);
}

struct input_dev *devm_input_allocate_device(struct device *dev)
{
	struct input_dev *input = input_allocate_device();
	if (!input)
		return NULL;
	if (devm_add_action_or_reset(dev, devm_input_device_release, input))
		return NULL;
	input->dev.parent = dev;
	input->devres_managed = true;
	return input;
}

static const struct input_device_id *input_match_device(struct input_handler *handler,
							struct input_dev *dev)
{
	for (const struct input_device_id *id = handler->id_table; id->flags || id->driver_info;
	     id++) {
		if (id->flags & INPUT_DEVICE_ID_MATCH_EVBIT) {
			bool all = true;
			for (unsigned int i = 0; i < ARRAY_SIZE(id->evbit); i++)
				if ((id->evbit[i] & dev->evbit[i]) != id->evbit[i])
					all = false;
			if (!all)
				continue;
		}
		if (!handler->match || handler->match(handler, dev))
			return id;
	}
	return NULL;
}

/* input_mutex held. */
static void input_attach_handler(struct input_dev *dev, struct input_handler *handler)
{
	const struct input_device_id *id = input_match_device(handler, dev);
	if (!id)
		return;
	int error = handler->connect(handler, dev, id);
	if (error && error != -ENODEV)
		pr_err("failed to attach handler %s to device %s, error: %d\n", handler->name,
		       dev_name(&dev->dev), error);
}

static void __input_unregister_device(struct input_dev *dev)
{
	struct input_handle *handle, *next;
	/* No handle opens it any more, and none is left with a key down. */
	mutex_lock(&dev->mutex);
	dev->going_away = true;
	if (dev->users)
		input_dev_release_keys(dev);
	mutex_unlock(&dev->mutex);

	mutex_lock(&input_mutex);
	list_for_each_entry_safe(handle, next, &dev->h_list, d_node)
		handle->handler->disconnect(handle);
	WARN_ON(!list_empty(&dev->h_list));
	list_del_init(&dev->node);
	mutex_unlock(&input_mutex);
	device_del(&dev->dev);
}

static void devm_input_device_unregister(void *data)
{
	__input_unregister_device(data);
}

int input_register_device(struct input_dev *dev)
{
	/* Every device sends EV_SYN; KEY_RESERVED is never a key. */
	__set_bit(EV_SYN, dev->evbit);
	__clear_bit(KEY_RESERVED, dev->keybit);
	if (dev->devres_managed && !dev->dev.parent)
		return -EINVAL;
	int error = device_add(&dev->dev);
	if (error)
		return error;

	/* Linux prints the kobject's path: sysfs's without "/sys". */
	char path[96];
	const char *where = kernfs_path(dev->dev.kobj.sd, path, sizeof path) < 0 ?
				    "N/A" : path + strlen("/sys");
	pr_info("%s as %s\n", dev->name ? dev->name : "Unspecified device", where);

	mutex_lock(&input_mutex);
	list_add_tail(&dev->node, &input_dev_list);
	struct input_handler *handler;
	list_for_each_entry(handler, &input_handler_list, node)
		input_attach_handler(dev, handler);
	mutex_unlock(&input_mutex);

	if (dev->devres_managed) {
		error = devm_add_action_or_reset(dev->dev.parent, devm_input_device_unregister, dev);
		if (error)
			return error;
	}
	return 0;
}

void input_unregister_device(struct input_dev *dev)
{
	if (dev->devres_managed) {
		/* The release action frees it, with the driver. */
		devm_release_action(dev->dev.parent, devm_input_device_unregister, dev);
		return;
	}
	__input_unregister_device(dev);
	put_device(&dev->dev);
}

/* ---- handlers and handles --------------------------------------------------------- */

int input_register_handler(struct input_handler *handler)
{
	INIT_LIST_HEAD(&handler->h_list);
	mutex_lock(&input_mutex);
	list_add_tail(&handler->node, &input_handler_list);
	struct input_dev *dev;
	list_for_each_entry(dev, &input_dev_list, node)
		input_attach_handler(dev, handler);
	mutex_unlock(&input_mutex);
	return 0;
}

void input_unregister_handler(struct input_handler *handler)
{
	struct input_handle *handle, *next;
	mutex_lock(&input_mutex);
	list_for_each_entry_safe(handle, next, &handler->h_list, h_node)
		handler->disconnect(handle);
	WARN_ON(!list_empty(&handler->h_list));
	list_del_init(&handler->node);
	mutex_unlock(&input_mutex);
}

int input_register_handle(struct input_handle *handle)
{
	struct input_dev *dev = handle->dev;
	unsigned long flags;
	mutex_lock(&dev->mutex);
	spin_lock_irqsave(&dev->event_lock, flags);
	list_add_tail(&handle->d_node, &dev->h_list);
	spin_unlock_irqrestore(&dev->event_lock, flags);
	mutex_unlock(&dev->mutex);
	/* Under input_mutex already: called from connect(). */
	list_add_tail(&handle->h_node, &handle->handler->h_list);
	return 0;
}

void input_unregister_handle(struct input_handle *handle)
{
	struct input_dev *dev = handle->dev;
	unsigned long flags;
	list_del_init(&handle->h_node);
	mutex_lock(&dev->mutex);
	spin_lock_irqsave(&dev->event_lock, flags);
	list_del_init(&handle->d_node);
	spin_unlock_irqrestore(&dev->event_lock, flags);
	mutex_unlock(&dev->mutex);
}

int input_open_device(struct input_handle *handle)
{
	struct input_dev *dev = handle->dev;
	int ret = 0;
	mutex_lock(&dev->mutex);
	if (dev->going_away) {
		ret = -ENODEV;
		goto out;
	}
	handle->open++;
	/* The first user opens the device (gpio-keys reports its keys). */
	if (dev->users++ || !dev->open)
		goto out;
	ret = dev->open(dev);
	if (ret) {
		dev->users--;
		handle->open--;
	}
out:
	mutex_unlock(&dev->mutex);
	return ret;
}

void input_close_device(struct input_handle *handle)
{
	struct input_dev *dev = handle->dev;
	mutex_lock(&dev->mutex);
	if (!--dev->users && dev->close)
		dev->close(dev);
	handle->open--;
	mutex_unlock(&dev->mutex);
}

static int input_init(void)
{
	int err = class_register(&input_class);
	if (err)
		pr_err("unable to register input_dev class\n");
	return err;
}
subsys_initcall(input_init);
