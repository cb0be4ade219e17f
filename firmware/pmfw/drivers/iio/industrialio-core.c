/*
 * The IIO core (Linux's drivers/iio/industrialio-core.c): IIO devices on
 * the "iio" bus, named iio:deviceN (N the lowest free number), each a
 * child of the device that provides it, so that
 * /sys/bus/iio/devices/iio:device0 is a link to
 * /sys/devices/platform/soc/40008000.adc/iio:device0, as in Linux.
 *
 * A channel's files are made from its info masks at registration, named
 * as Linux names them (__iio_device_attr_init): separate
 * "in_voltage0_raw", shared by type "in_voltage_scale", by direction
 * "in_scale", by all "sampling_frequency"; a name two channels share is
 * made once. Reading one calls the driver's read_raw and prints the value
 * with iio_format_value; writing parses the text in the format
 * write_raw_get_fmt asks for (IIO_VAL_INT_PLUS_MICRO by default) and calls
 * write_raw. Text that is not a number is -EINVAL.
 *
 * Not here: the character device, events, triggers, extended channel
 * info, modifiers, differential channels' names.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/iio/buffer.h>
#include <linux/iio/iio.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "iio_core.h"

const struct bus_type iio_bus_type = {
	.name = "iio",
};

static int __init iio_init(void)
{
	return bus_register(&iio_bus_type);
}
subsys_initcall(iio_init);

static const char *const iio_chan_type_name_spec[] = {
	[IIO_VOLTAGE] = "voltage",
	[IIO_CURRENT] = "current",
	[IIO_POWER] = "power",
	[IIO_ACCEL] = "accel",
	[IIO_ANGL_VEL] = "anglvel",
	[IIO_MAGN] = "magn",
	[IIO_LIGHT] = "illuminance",
	[IIO_INTENSITY] = "intensity",
	[IIO_PROXIMITY] = "proximity",
	[IIO_TEMP] = "temp",
	[IIO_TIMESTAMP] = "timestamp",
};

static const char *const iio_chan_info_postfix[] = {
	[IIO_CHAN_INFO_RAW] = "raw",
	[IIO_CHAN_INFO_PROCESSED] = "input",
	[IIO_CHAN_INFO_SCALE] = "scale",
	[IIO_CHAN_INFO_OFFSET] = "offset",
	[IIO_CHAN_INFO_CALIBSCALE] = "calibscale",
	[IIO_CHAN_INFO_CALIBBIAS] = "calibbias",
	[IIO_CHAN_INFO_PEAK] = "peak_raw",
	[IIO_CHAN_INFO_PEAK_SCALE] = "peak_scale",
	[IIO_CHAN_INFO_QUADRATURE_CORRECTION_RAW] = "quadrature_correction_raw",
	[IIO_CHAN_INFO_AVERAGE_RAW] = "mean_raw",
	[IIO_CHAN_INFO_LOW_PASS_FILTER_3DB_FREQUENCY] = "filter_low_pass_3db_frequency",
	[IIO_CHAN_INFO_HIGH_PASS_FILTER_3DB_FREQUENCY] = "filter_high_pass_3db_frequency",
	[IIO_CHAN_INFO_SAMP_FREQ] = "sampling_frequency",
};

const char *iio_chan_type_name(enum iio_chan_type type)
{
	if ((unsigned int)type < ARRAY_SIZE(iio_chan_type_name_spec) &&
	    iio_chan_type_name_spec[type])
		return iio_chan_type_name_spec[type];
	return "unknown";
}

/* ---- device numbers --------------------------------------------------------------- */

static unsigned long iio_ida; /* bit n: iio:deviceN is taken */
static DEFINE_MUTEX(iio_ida_lock);

static int iio_ida_alloc(void)
{
	mutex_lock(&iio_ida_lock);
	int id = -ENOSPC;
	for (int i = 0; i < (int)(8 * sizeof(iio_ida)); i++)
		if (!(iio_ida & BIT(i))) {
			iio_ida |= BIT(i);
			id = i;
			break;
		}
	mutex_unlock(&iio_ida_lock);
	return id;
}

static void iio_ida_free(int id)
{
	mutex_lock(&iio_ida_lock);
	iio_ida &= ~BIT(id);
	mutex_unlock(&iio_ida_lock);
}

/* ---- values ----------------------------------------------------------------------- */

static inline int iio_abs(int v)
{
	return v < 0 ? -v : v;
}

static ssize_t __iio_format_value(char *buf, size_t off, unsigned int type, int size,
				  const int *vals)
{
	s64 tmp2;
	int tmp0, tmp1;
	switch (type) {
	case IIO_VAL_INT:
		return sysfs_emit_at(buf, (int)off, "%d", vals[0]);
	case IIO_VAL_INT_PLUS_MICRO_DB:
	case IIO_VAL_INT_PLUS_MICRO:
		if (vals[1] < 0)
			return sysfs_emit_at(buf, (int)off, "-%d.%06u%s", iio_abs(vals[0]),
					     (unsigned int)-vals[1],
					     type == IIO_VAL_INT_PLUS_MICRO_DB ? " dB" : "");
		return sysfs_emit_at(buf, (int)off, "%d.%06u%s", vals[0], (unsigned int)vals[1],
				     type == IIO_VAL_INT_PLUS_MICRO_DB ? " dB" : "");
	case IIO_VAL_INT_PLUS_NANO:
		if (vals[1] < 0)
			return sysfs_emit_at(buf, (int)off, "-%d.%09u", iio_abs(vals[0]),
					     (unsigned int)-vals[1]);
		return sysfs_emit_at(buf, (int)off, "%d.%09u", vals[0], (unsigned int)vals[1]);
	case IIO_VAL_FRACTIONAL:
	case IIO_VAL_FRACTIONAL_LOG2:
		if (type == IIO_VAL_FRACTIONAL) {
			if (!vals[1])
				return -EINVAL;
			tmp2 = (s64)vals[0] * 1000000000LL / vals[1];
		} else {
			tmp2 = ((s64)vals[0] * 1000000000LL) >> vals[1];
		}
		tmp0 = (int)(tmp2 / 1000000000LL);
		tmp1 = (int)(tmp2 % 1000000000LL);
		if (tmp2 < 0 && tmp0 == 0)
			return sysfs_emit_at(buf, (int)off, "-0.%09u", (unsigned int)iio_abs(tmp1));
		return sysfs_emit_at(buf, (int)off, "%d.%09u", tmp0, (unsigned int)iio_abs(tmp1));
	case IIO_VAL_INT_MULTIPLE: {
		ssize_t l = 0;
		for (int i = 0; i < size; i++)
			l += sysfs_emit_at(buf, (int)(off + (size_t)l), "%d ", vals[i]);
		return l;
	}
	case IIO_VAL_CHAR:
		return sysfs_emit_at(buf, (int)off, "%c", (char)vals[0]);
	default:
		return 0;
	}
}

ssize_t iio_format_value(char *buf, unsigned int type, int size, int *vals)
{
	ssize_t len = __iio_format_value(buf, 0, type, size, vals);
	if (len < 0)
		return len;
	return len + sysfs_emit_at(buf, (int)len, "\n");
}

int iio_str_to_fixpoint(const char *str, int fract_mult, int *integer, int *fract)
{
	int i = 0, f = 0;
	bool integer_part = true, negative = false, any = false;
	if (fract_mult == 0) {
		*fract = 0;
		return kstrtoint(str, 0, integer);
	}
	if (str[0] == '-') {
		negative = true;
		str++;
	} else if (str[0] == '+') {
		str++;
	}
	while (*str) {
		if (*str >= '0' && *str <= '9') {
			any = true;
			if (integer_part) {
				if (i > (INT_MAX - 9) / 10)
					return -ERANGE;
				i = i * 10 + *str - '0';
			} else {
				f += fract_mult * (*str - '0');
				fract_mult /= 10;
			}
		} else if (*str == '\n') {
			if (str[1] == '\0')
				break;
			return -EINVAL;
		} else if (*str == '.' && integer_part) {
			integer_part = false;
		} else {
			return -EINVAL;
		}
		str++;
	}
	if (!any)
		return -EINVAL;
	if (negative) {
		if (i)
			i = -i;
		else
			f = -f;
	}
	*integer = i;
	*fract = f;
	return 0;
}

/* ---- channel files ---------------------------------------------------------------- */

static ssize_t iio_read_channel_info(struct device *dev, struct device_attribute *attr,
				     char *buf)
{
	struct iio_dev *indio_dev = dev_to_iio_dev(dev);
	struct iio_dev_attr *this_attr = to_iio_dev_attr(attr);
	int vals[2] = { 0, 0 };
	if (!indio_dev->info || !indio_dev->info->read_raw)
		return -ENODEV;
	int ret = indio_dev->info->read_raw(indio_dev, this_attr->c, &vals[0], &vals[1],
					    (long)this_attr->address);
	if (ret < 0)
		return ret;
	return iio_format_value(buf, (unsigned int)ret, 2, vals);
}

static ssize_t iio_write_channel_info(struct device *dev, struct device_attribute *attr,
				      const char *buf, size_t len)
{
	struct iio_dev *indio_dev = dev_to_iio_dev(dev);
	struct iio_dev_attr *this_attr = to_iio_dev_attr(attr);
	int integer, fract = 0, fract_mult;
	if (!indio_dev->info || !indio_dev->info->write_raw)
		return -EINVAL;
	int fmt = IIO_VAL_INT_PLUS_MICRO;
	if (indio_dev->info->write_raw_get_fmt)
		fmt = indio_dev->info->write_raw_get_fmt(indio_dev, this_attr->c,
							 (long)this_attr->address);
	switch (fmt) {
	case IIO_VAL_INT:
		fract_mult = 0;
		break;
	case IIO_VAL_INT_PLUS_MICRO:
		fract_mult = 100000;
		break;
	case IIO_VAL_INT_PLUS_NANO:
		fract_mult = 100000000;
		break;
	default:
		return -EINVAL;
	}
	int ret = iio_str_to_fixpoint(buf, fract_mult, &integer, &fract);
	if (ret)
		return ret;
	ret = indio_dev->info->write_raw(indio_dev, this_attr->c, integer, fract,
					 (long)this_attr->address);
	return ret ? ret : (ssize_t)len;
}

int __iio_add_chan_devattr(const char *postfix, const struct iio_chan_spec *chan,
			   ssize_t (*show)(struct device *, struct device_attribute *, char *),
			   ssize_t (*store)(struct device *, struct device_attribute *,
					    const char *, size_t),
			   u64 mask, int shared_by, struct list_head *attr_list)
{
	char name[64];
	const char *dir = chan->output ? "out" : "in";
	const char *type = iio_chan_type_name(chan->type);
	switch (shared_by) {
	case IIO_SHARED_BY_ALL:
		snprintf(name, sizeof name, "%s", postfix);
		break;
	case IIO_SHARED_BY_DIR:
		snprintf(name, sizeof name, "%s_%s", dir, postfix);
		break;
	case IIO_SHARED_BY_TYPE:
		snprintf(name, sizeof name, "%s_%s_%s", dir, type, postfix);
		break;
	default:
		if (chan->indexed)
			snprintf(name, sizeof name, "%s_%s%d%s%s_%s", dir, type, chan->channel,
				 chan->extend_name ? "_" : "",
				 chan->extend_name ? chan->extend_name : "", postfix);
		else
			snprintf(name, sizeof name, "%s_%s%s%s_%s", dir, type,
				 chan->extend_name ? "_" : "",
				 chan->extend_name ? chan->extend_name : "", postfix);
		break;
	}
	struct iio_dev_attr *t;
	list_for_each_entry(t, attr_list, l)
		if (!strcmp(t->name, name)) {
			if (shared_by == IIO_SEPARATE)
				return -EBUSY; /* Linux: "tried to double register" */
			return 0;
		}
	size_t n = strlen(name) + 1;
	t = kzalloc(sizeof(*t) + n, GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	memcpy(t->name, name, n);
	t->dev_attr.attr.name = t->name;
	t->dev_attr.attr.mode = (show ? 0444 : 0) | (store ? 0200 : 0);
	t->dev_attr.show = show;
	t->dev_attr.store = store;
	t->address = mask;
	t->c = chan;
	list_add_tail(&t->l, attr_list);
	return 1;
}

void iio_free_chan_devattr_list(struct list_head *list)
{
	struct iio_dev_attr *p, *n;
	list_for_each_entry_safe(p, n, list, l) {
		list_del(&p->l);
		kfree(p);
	}
}

struct attribute **iio_attr_list_to_array(struct list_head *list, struct attribute *const *extra)
{
	size_t n = 1;
	struct iio_dev_attr *p;
	list_for_each_entry(p, list, l)
		n++;
	for (size_t i = 0; extra && extra[i]; i++)
		n++;
	struct attribute **attrs = kcalloc(n, sizeof(*attrs), GFP_KERNEL);
	if (!attrs)
		return NULL;
	n = 0;
	for (size_t i = 0; extra && extra[i]; i++)
		attrs[n++] = extra[i];
	list_for_each_entry(p, list, l)
		attrs[n++] = &p->dev_attr.attr;
	return attrs;
}

static int iio_device_add_info_mask_type(struct iio_dev *indio_dev,
					 const struct iio_chan_spec *chan, int shared_by,
					 long mask)
{
	for (int i = 0; i < IIO_CHAN_INFO_MAX; i++) {
		if (!(mask & BIT(i)))
			continue;
		int ret = __iio_add_chan_devattr(iio_chan_info_postfix[i], chan,
						 iio_read_channel_info,
						 chan->output || i == IIO_CHAN_INFO_SAMP_FREQ ||
								 i == IIO_CHAN_INFO_SCALE ||
								 i == IIO_CHAN_INFO_OFFSET ||
								 i == IIO_CHAN_INFO_CALIBSCALE ||
								 i == IIO_CHAN_INFO_CALIBBIAS
							 ? iio_write_channel_info
							 : NULL,
						 (u64)i, shared_by, &indio_dev->channel_attrs);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static ssize_t name_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", dev_to_iio_dev(dev)->name);
}
static DEVICE_ATTR_RO(name);

static ssize_t label_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", dev_to_iio_dev(dev)->label);
}
static DEVICE_ATTR_RO(label);

static int iio_device_register_sysfs(struct iio_dev *indio_dev)
{
	for (int i = 0; i < indio_dev->num_channels; i++) {
		const struct iio_chan_spec *chan = &indio_dev->channels[i];
		if (chan->type == IIO_TIMESTAMP)
			continue;
		int ret = iio_device_add_info_mask_type(indio_dev, chan, IIO_SEPARATE,
							chan->info_mask_separate);
		if (!ret)
			ret = iio_device_add_info_mask_type(indio_dev, chan, IIO_SHARED_BY_TYPE,
							    chan->info_mask_shared_by_type);
		if (!ret)
			ret = iio_device_add_info_mask_type(indio_dev, chan, IIO_SHARED_BY_DIR,
							    chan->info_mask_shared_by_dir);
		if (!ret)
			ret = iio_device_add_info_mask_type(indio_dev, chan, IIO_SHARED_BY_ALL,
							    chan->info_mask_shared_by_all);
		if (ret)
			return ret;
	}
	struct attribute *extra[3] = { NULL, NULL, NULL };
	int n = 0;
	if (indio_dev->name)
		extra[n++] = &dev_attr_name.attr;
	if (indio_dev->label)
		extra[n++] = &dev_attr_label.attr;
	indio_dev->chan_group.attrs = iio_attr_list_to_array(&indio_dev->channel_attrs, extra);
	if (!indio_dev->chan_group.attrs)
		return -ENOMEM;
	return 0;
}

static void iio_device_unregister_sysfs(struct iio_dev *indio_dev)
{
	iio_free_chan_devattr_list(&indio_dev->channel_attrs);
	kfree(indio_dev->chan_group.attrs);
	indio_dev->chan_group.attrs = NULL;
}

/* ---- devices ---------------------------------------------------------------------- */

static void iio_dev_release(struct device *device)
{
	struct iio_dev *indio_dev = dev_to_iio_dev(device);
	iio_ida_free(indio_dev->id);
	kfree(indio_dev);
}

static const struct device_type iio_device_type = {
	.name = "iio_device",
	.release = iio_dev_release,
};

struct iio_dev *iio_device_alloc(struct device *parent, int sizeof_priv)
{
	size_t alloc = ALIGN(sizeof(struct iio_dev), 8) + (size_t)sizeof_priv;
	struct iio_dev *indio_dev = kzalloc(alloc, GFP_KERNEL);
	if (!indio_dev)
		return NULL;
	if (sizeof_priv)
		indio_dev->priv = (char *)indio_dev + ALIGN(sizeof(struct iio_dev), 8);
	indio_dev->id = iio_ida_alloc();
	if (indio_dev->id < 0) {
		kfree(indio_dev);
		return NULL;
	}
	indio_dev->dev.parent = parent;
	indio_dev->dev.type = &iio_device_type;
	indio_dev->dev.bus = &iio_bus_type;
	device_initialize(&indio_dev->dev);
	if (dev_set_name(&indio_dev->dev, IIO_DEVICE_NAME_PREFIX "%d", indio_dev->id)) {
		put_device(&indio_dev->dev);
		return NULL;
	}
	mutex_init(&indio_dev->mlock);
	mutex_init(&indio_dev->info_exist_lock);
	INIT_LIST_HEAD(&indio_dev->buffer_list);
	INIT_LIST_HEAD(&indio_dev->channel_attrs);
	INIT_LIST_HEAD(&indio_dev->scan_el_attrs);
	return indio_dev;
}

void iio_device_free(struct iio_dev *indio_dev)
{
	if (indio_dev)
		put_device(&indio_dev->dev);
}

static void devm_iio_device_release(void *data)
{
	iio_device_free(data);
}

struct iio_dev *devm_iio_device_alloc(struct device *parent, int sizeof_priv)
{
	struct iio_dev *indio_dev = iio_device_alloc(parent, sizeof_priv);
	if (!indio_dev)
		return NULL;
	if (devm_add_action_or_reset(parent, devm_iio_device_release, indio_dev))
		return NULL;
	return indio_dev;
}

int iio_device_register(struct iio_dev *indio_dev)
{
	if (!indio_dev->info)
		return -EINVAL;
	if (!indio_dev->dev.of_node && indio_dev->dev.parent)
		indio_dev->dev.of_node = indio_dev->dev.parent->of_node;
	int ret = iio_device_register_sysfs(indio_dev);
	if (ret)
		goto err;
	ret = iio_buffers_alloc_sysfs(indio_dev);
	if (ret)
		goto err;
	int g = 0;
	indio_dev->groups[g++] = &indio_dev->chan_group;
	if (indio_dev->buffer_group.attrs) {
		indio_dev->groups[g++] = &indio_dev->buffer_group;
		indio_dev->groups[g++] = &indio_dev->scan_group;
	}
	indio_dev->groups[g] = NULL;
	indio_dev->dev.groups = indio_dev->groups;
	if (!indio_dev->currentmode)
		indio_dev->currentmode = INDIO_DIRECT_MODE;
	ret = device_add(&indio_dev->dev);
	if (ret)
		goto err;
	return 0;
err:
	iio_buffers_free_sysfs(indio_dev);
	iio_device_unregister_sysfs(indio_dev);
	dev_err(indio_dev->dev.parent, "Failed to register IIO device: %d\n", ret);
	return ret;
}

void iio_device_unregister(struct iio_dev *indio_dev)
{
	mutex_lock(&indio_dev->info_exist_lock);
	iio_disable_all_buffers(indio_dev);
	indio_dev->info = NULL;
	mutex_unlock(&indio_dev->info_exist_lock);
	device_del(&indio_dev->dev);
	iio_buffers_free_sysfs(indio_dev);
	iio_device_unregister_sysfs(indio_dev);
}

static void devm_iio_device_unreg(void *indio_dev)
{
	iio_device_unregister(indio_dev);
}

int devm_iio_device_register(struct device *dev, struct iio_dev *indio_dev)
{
	int ret = iio_device_register(indio_dev);
	if (ret)
		return ret;
	return devm_add_action_or_reset(dev, devm_iio_device_unreg, indio_dev);
}

int iio_device_claim_direct_mode(struct iio_dev *indio_dev)
{
	mutex_lock(&indio_dev->mlock);
	if (iio_buffer_enabled(indio_dev)) {
		mutex_unlock(&indio_dev->mlock);
		return -EBUSY;
	}
	return 0;
}

void iio_device_release_direct_mode(struct iio_dev *indio_dev)
{
	mutex_unlock(&indio_dev->mlock);
}
