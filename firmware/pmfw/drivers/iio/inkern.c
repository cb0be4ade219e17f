/*
 * In-kernel consumers of IIO channels (Linux's drivers/iio/inkern.c): how
 * a consumer finds its channels (linux/iio/consumer.h says, with what
 * pmfw adds to Linux's device-tree lookup) and reads them.
 *
 * A channel holds a reference to its IIO device; reads take
 * info_exist_lock, so that a device being unregistered answers -ENODEV.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/iio/consumer.h>
#include <linux/iio/iio.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "iio_core.h"

/* ---- finding devices and channels --------------------------------------------------- */

static int iio_dev_node_match(struct device *dev, const void *data)
{
	return dev->of_node == data && dev->type && dev->bus == &iio_bus_type;
}

static int iio_dev_name_match(struct device *dev, const void *data)
{
	const char *name = data;
	struct iio_dev *indio_dev = dev_to_iio_dev(dev);
	return !strcmp(dev_name(dev), name) || (indio_dev->name && !strcmp(indio_dev->name, name)) ||
	       (dev->parent && !strcmp(dev_name(dev->parent), name));
}

static int iio_dev_parent_match(struct device *dev, const void *data)
{
	return dev == data || dev->parent == data;
}

static int iio_dev_any(struct device *dev, const void *data)
{
	return 1;
}

/* The IIO device (with a reference), or NULL. */
static struct iio_dev *iio_find(const void *data, int (*match)(struct device *, const void *))
{
	struct device *dev = bus_find_device(&iio_bus_type, NULL, data, match);
	return dev ? dev_to_iio_dev(dev) : NULL;
}

/* "voltage0" for in_voltage0_*. */
static bool iio_chan_name_match(const struct iio_chan_spec *chan, const char *name)
{
	if (chan->datasheet_name && !strcmp(chan->datasheet_name, name))
		return true;
	char buf[32];
	if (chan->indexed)
		snprintf(buf, sizeof buf, "%s%d", iio_chan_type_name(chan->type), chan->channel);
	else
		snprintf(buf, sizeof buf, "%s", iio_chan_type_name(chan->type));
	return !strcmp(buf, name);
}

static struct iio_channel *iio_channel_make(struct iio_dev *indio_dev, int index)
{
	if (index < 0 || index >= indio_dev->num_channels) {
		put_device(&indio_dev->dev);
		return ERR_PTR(-EINVAL);
	}
	struct iio_channel *channel = kzalloc(sizeof(*channel), GFP_KERNEL);
	if (!channel) {
		put_device(&indio_dev->dev);
		return ERR_PTR(-ENOMEM);
	}
	channel->indio_dev = indio_dev;
	channel->channel = &indio_dev->channels[index];
	return channel;
}

/* Entry `index` of np's io-channels: the device (a reference) and the
 * channel number, or an errno. */
static int iio_of_xlate(struct device_node *np, int index, struct iio_dev **out, int *chan)
{
	struct of_phandle_args spec;
	int err = of_parse_phandle_with_args(np, "io-channels", "#io-channel-cells", index, &spec);
	if (err)
		return err;
	struct iio_dev *indio_dev = iio_find(spec.np, iio_dev_node_match);
	if (!indio_dev)
		return -EPROBE_DEFER;
	*out = indio_dev;
	*chan = spec.args_count ? (int)spec.args[0] : 0;
	return 0;
}

static struct iio_channel *iio_channel_get_by_name(const char *name)
{
	char devname[48];
	const char *colon = strrchr(name, ':');
	const char *chan_name = NULL;
	struct iio_dev *indio_dev = iio_find(name, iio_dev_name_match);
	if (!indio_dev && colon) {
		/* "DEVICE:CHANNEL" */
		size_t n = (size_t)(colon - name);
		if (n >= sizeof devname)
			return ERR_PTR(-ENODEV);
		memcpy(devname, name, n);
		devname[n] = '\0';
		chan_name = colon + 1;
		indio_dev = iio_find(devname, iio_dev_name_match);
	}
	if (!indio_dev)
		return ERR_PTR(-ENODEV);
	int index = 0;
	if (chan_name) {
		for (index = 0; index < indio_dev->num_channels; index++)
			if (iio_chan_name_match(&indio_dev->channels[index], chan_name))
				break;
		if (index == indio_dev->num_channels) {
			put_device(&indio_dev->dev);
			return ERR_PTR(-ENODEV);
		}
	}
	return iio_channel_make(indio_dev, index);
}

struct iio_channel *iio_channel_get(struct device *dev, const char *name)
{
	if (dev && dev->of_node && of_property_present(dev->of_node, "io-channels")) {
		int index = 0;
		if (name) {
			index = of_property_match_string(dev->of_node, "io-channel-names", name);
			if (index < 0)
				return ERR_PTR(-ENODEV);
		}
		struct iio_dev *indio_dev;
		int chan;
		int err = iio_of_xlate(dev->of_node, index, &indio_dev, &chan);
		if (err)
			return ERR_PTR(err);
		return iio_channel_make(indio_dev, chan);
	}
	if (!name)
		return ERR_PTR(-ENODEV);
	return iio_channel_get_by_name(name);
}

void iio_channel_release(struct iio_channel *channel)
{
	if (!channel)
		return;
	put_device(&channel->indio_dev->dev);
	kfree(channel);
}

static void devm_iio_channel_free(void *channel)
{
	iio_channel_release(channel);
}

struct iio_channel *devm_iio_channel_get(struct device *dev, const char *name)
{
	struct iio_channel *channel = iio_channel_get(dev, name);
	if (IS_ERR(channel))
		return channel;
	int ret = devm_add_action_or_reset(dev, devm_iio_channel_free, channel);
	return ret ? ERR_PTR(ret) : channel;
}

struct iio_channel *iio_channel_get_all(struct device *dev)
{
	struct iio_channel *chans;
	if (dev && dev->of_node && of_property_present(dev->of_node, "io-channels")) {
		int n = of_count_phandle_with_args(dev->of_node, "io-channels", "#io-channel-cells");
		if (n <= 0)
			return ERR_PTR(-ENODEV);
		chans = kcalloc((size_t)n + 1, sizeof(*chans), GFP_KERNEL);
		if (!chans)
			return ERR_PTR(-ENOMEM);
		for (int i = 0; i < n; i++) {
			int chan, err = iio_of_xlate(dev->of_node, i, &chans[i].indio_dev, &chan);
			if (!err && (chan < 0 || chan >= chans[i].indio_dev->num_channels)) {
				put_device(&chans[i].indio_dev->dev);
				chans[i].indio_dev = NULL;
				err = -EINVAL;
			}
			if (err) {
				iio_channel_release_all(chans);
				return ERR_PTR(err);
			}
			chans[i].channel = &chans[i].indio_dev->channels[chan];
		}
		return chans;
	}
	struct iio_dev *indio_dev = dev ? iio_find(dev, iio_dev_parent_match)
					: iio_find(NULL, iio_dev_any);
	if (!indio_dev)
		return ERR_PTR(-ENODEV);
	int n = indio_dev->num_channels;
	chans = kcalloc((size_t)n + 1, sizeof(*chans), GFP_KERNEL);
	if (!chans) {
		put_device(&indio_dev->dev);
		return ERR_PTR(-ENOMEM);
	}
	for (int i = 0; i < n; i++) {
		if (i)
			get_device(&indio_dev->dev);
		chans[i].indio_dev = indio_dev;
		chans[i].channel = &indio_dev->channels[i];
	}
	return chans;
}

void iio_channel_release_all(struct iio_channel *channels)
{
	if (!channels)
		return;
	for (struct iio_channel *c = channels; c->indio_dev; c++)
		put_device(&c->indio_dev->dev);
	kfree(channels);
}

/* ---- reading ---------------------------------------------------------------------- */

int iio_read_channel_attribute(struct iio_channel *chan, int *val, int *val2,
			       enum iio_chan_info_enum attribute)
{
	int unused;
	struct iio_dev *indio_dev = chan->indio_dev;
	mutex_lock(&indio_dev->info_exist_lock);
	int ret = -ENODEV;
	if (indio_dev->info && indio_dev->info->read_raw)
		ret = indio_dev->info->read_raw(indio_dev, chan->channel, val,
						val2 ? val2 : &unused, attribute);
	mutex_unlock(&indio_dev->info_exist_lock);
	return ret;
}

int iio_write_channel_attribute(struct iio_channel *chan, int val, int val2,
				enum iio_chan_info_enum attribute)
{
	struct iio_dev *indio_dev = chan->indio_dev;
	mutex_lock(&indio_dev->info_exist_lock);
	int ret = -ENODEV;
	if (indio_dev->info && indio_dev->info->write_raw)
		ret = indio_dev->info->write_raw(indio_dev, chan->channel, val, val2, attribute);
	mutex_unlock(&indio_dev->info_exist_lock);
	return ret;
}

int iio_read_channel_raw(struct iio_channel *chan, int *val)
{
	int ret = iio_read_channel_attribute(chan, val, NULL, IIO_CHAN_INFO_RAW);
	return ret < 0 ? ret : 0;
}

int iio_read_channel_scale(struct iio_channel *chan, int *val, int *val2)
{
	return iio_read_channel_attribute(chan, val, val2, IIO_CHAN_INFO_SCALE);
}

/* Linux's iio_convert_raw_to_processed_unlocked, for the scale types a
 * driver here returns. */
int iio_convert_raw_to_processed(struct iio_channel *chan, int raw, int *processed,
				 unsigned int scale)
{
	int val, val2;
	int type = iio_read_channel_scale(chan, &val, &val2);
	if (type < 0) {
		*processed = raw * (int)scale; /* no scale: 1 */
		return 0;
	}
	s64 v;
	switch (type) {
	case IIO_VAL_INT:
		v = (s64)raw * val * scale;
		break;
	case IIO_VAL_INT_PLUS_MICRO:
		v = (s64)raw * val * scale + (s64)raw * val2 * scale / 1000000;
		break;
	case IIO_VAL_INT_PLUS_NANO:
		v = (s64)raw * val * scale + (s64)raw * val2 * scale / 1000000000;
		break;
	case IIO_VAL_FRACTIONAL:
		v = (s64)raw * val * scale / val2;
		break;
	case IIO_VAL_FRACTIONAL_LOG2:
		v = ((s64)raw * val * scale) >> val2;
		break;
	default:
		return -EINVAL;
	}
	*processed = (int)v;
	return 0;
}

int iio_read_channel_processed(struct iio_channel *chan, int *val)
{
	int raw;
	int ret = iio_read_channel_attribute(chan, &raw, NULL, IIO_CHAN_INFO_RAW);
	if (ret < 0)
		return ret;
	return iio_convert_raw_to_processed(chan, raw, val, 1);
}

int iio_get_channel_type(struct iio_channel *chan, enum iio_chan_type *type)
{
	*type = chan->channel->type;
	return 0;
}
