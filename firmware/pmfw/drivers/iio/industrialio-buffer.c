/*
 * IIO buffers (Linux's drivers/iio/industrialio-buffer.c and, for the
 * device's own buffer, industrialio-kfifo.c).
 *
 * A buffer wants some channels (scan_mask: bit n for the channel whose
 * scan_index is n). The device streams the union of the enabled buffers'
 * channels, the active scan: each channel's sample in its storagebits,
 * aligned to its own size, in scan_index order, the scan padded to its
 * largest element (iio_compute_scan_bytes). The driver pushes each scan
 * with iio_push_to_buffers; every buffer gets its own channels out of it
 * (the demux, copying only when its channels are not the whole scan).
 *
 * Enabling and disabling (iio_update_buffers, buffer/enable) follow
 * Linux's __iio_update_buffers: the enabled buffers are stopped
 * (setup_ops->predisable, each buffer's disable, postdisable), the set
 * changed, and if any buffer is left they start again with the new
 * configuration (preenable, each buffer's enable, update_scan_mode,
 * hwfifo_set_watermark with the smallest watermark, postenable).
 *
 * The device's own buffer is Linux's kfifo buffer: a ring of `length`
 * scans (2 until set, as Linux's), filled by the pushes and dropping
 * scans when full; there is no /dev reader here, so it only fills
 * (data_available counts it; iio_buffer_read_scans empties it). Its
 * scan_elements start disabled, as in Linux: enabling the buffer with none
 * is -EINVAL.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/iio/buffer.h>
#include <linux/iio/buffer_impl.h>
#include <linux/iio/iio.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "iio_core.h"

void iio_buffer_init(struct iio_buffer *buffer)
{
	INIT_LIST_HEAD(&buffer->buffer_list);
	INIT_LIST_HEAD(&buffer->demux_list);
	buffer->watermark = 1;
	kref_init(&buffer->ref);
}

struct iio_buffer *iio_buffer_get(struct iio_buffer *buffer)
{
	if (buffer)
		kref_get(&buffer->ref);
	return buffer;
}

static void iio_buffer_release(struct kref *ref)
{
	struct iio_buffer *buffer = container_of(ref, struct iio_buffer, ref);
	buffer->access->release(buffer);
}

void iio_buffer_put(struct iio_buffer *buffer)
{
	if (buffer)
		kref_put(&buffer->ref, iio_buffer_release);
}

static bool iio_buffer_is_active(struct iio_buffer *buf)
{
	return !list_empty(&buf->buffer_list);
}

/* ---- scans ------------------------------------------------------------------------ */

static const struct iio_chan_spec *iio_scan_chan(struct iio_dev *indio_dev, int index)
{
	for (int i = 0; i < indio_dev->num_channels; i++)
		if (indio_dev->channels[i].scan_index == index)
			return &indio_dev->channels[i];
	return NULL;
}

static unsigned int iio_storage_bytes(const struct iio_chan_spec *ch)
{
	unsigned int bytes = ch->scan_type.storagebits / 8;
	if (ch->scan_type.repeat > 1)
		bytes *= ch->scan_type.repeat;
	return bytes;
}

static int iio_compute_scan_bytes(struct iio_dev *indio_dev, unsigned long mask)
{
	unsigned int bytes = 0, largest = 0;
	for (unsigned int i = 0; i < indio_dev->masklength; i++) {
		if (!(mask & BIT(i)))
			continue;
		const struct iio_chan_spec *ch = iio_scan_chan(indio_dev, (int)i);
		if (!ch)
			return -EINVAL;
		unsigned int length = iio_storage_bytes(ch);
		bytes = ALIGN(bytes, length) + length;
		largest = max(largest, length);
	}
	return largest ? (int)ALIGN(bytes, largest) : 0;
}

static void iio_buffer_demux_free(struct iio_buffer *buffer)
{
	struct iio_demux_table *p, *q;
	list_for_each_entry_safe(p, q, &buffer->demux_list, l) {
		list_del(&p->l);
		kfree(p);
	}
	kfree(buffer->demux_bounce);
	buffer->demux_bounce = NULL;
}

static int iio_buffer_update_demux(struct iio_dev *indio_dev, struct iio_buffer *buffer)
{
	unsigned long active = *indio_dev->active_scan_mask;
	iio_buffer_demux_free(buffer);
	if (buffer->scan_mask == active)
		return 0;
	unsigned int in_loc = 0, out_loc = 0;
	for (unsigned int i = 0; i < indio_dev->masklength; i++) {
		if (!(active & BIT(i)))
			continue;
		unsigned int length = iio_storage_bytes(iio_scan_chan(indio_dev, (int)i));
		in_loc = ALIGN(in_loc, length);
		if (buffer->scan_mask & BIT(i)) {
			out_loc = ALIGN(out_loc, length);
			struct iio_demux_table *d = kmalloc(sizeof(*d), GFP_KERNEL);
			if (!d)
				goto err;
			d->from = in_loc;
			d->to = out_loc;
			d->length = length;
			list_add_tail(&d->l, &buffer->demux_list);
			out_loc += length;
		}
		in_loc += length;
	}
	buffer->demux_bounce = kzalloc(buffer->bytes_per_datum, GFP_KERNEL);
	if (!buffer->demux_bounce)
		goto err;
	return 0;
err:
	iio_buffer_demux_free(buffer);
	return -ENOMEM;
}

static int iio_push_to_buffer(struct iio_buffer *buffer, const void *data)
{
	if (!list_empty(&buffer->demux_list)) {
		struct iio_demux_table *t;
		list_for_each_entry(t, &buffer->demux_list, l)
			memcpy((u8 *)buffer->demux_bounce + t->to, (const u8 *)data + t->from,
			       t->length);
		data = buffer->demux_bounce;
	}
	return buffer->access->store_to(buffer, data);
}

/* The list changes only while the device does not push (the driver stops
 * in predisable, before it does), so it is walked without a lock. Every
 * buffer gets the scan even when one refuses it (Linux stops at the first
 * error, so a full kfifo starves the buffers after it). */
int iio_push_to_buffers(struct iio_dev *indio_dev, const void *data)
{
	struct iio_buffer *buf;
	int ret = 0;
	list_for_each_entry(buf, &indio_dev->buffer_list, buffer_list) {
		int r = iio_push_to_buffer(buf, data);
		if (r < 0 && !ret)
			ret = r;
	}
	return ret;
}

int iio_push_to_buffers_n(struct iio_dev *indio_dev, const void *data, unsigned int n)
{
	int ret = 0;
	for (unsigned int i = 0; i < n; i++) {
		int r = iio_push_to_buffers(indio_dev, (const u8 *)data + i * indio_dev->scan_bytes);
		if (r && !ret)
			ret = r;
	}
	return ret;
}

/* ---- enabling --------------------------------------------------------------------- */

static void iio_buffer_deactivate(struct iio_buffer *buffer)
{
	list_del_init(&buffer->buffer_list);
	iio_buffer_demux_free(buffer);
	iio_buffer_put(buffer);
}

static int iio_disable_buffers(struct iio_dev *indio_dev)
{
	int ret = 0, r;
	if (list_empty(&indio_dev->buffer_list))
		return 0;
	if (indio_dev->setup_ops && indio_dev->setup_ops->predisable) {
		r = indio_dev->setup_ops->predisable(indio_dev);
		if (r && !ret)
			ret = r;
	}
	struct iio_buffer *buffer;
	list_for_each_entry(buffer, &indio_dev->buffer_list, buffer_list)
		if (buffer->access->disable) {
			r = buffer->access->disable(buffer, indio_dev);
			if (r && !ret)
				ret = r;
		}
	indio_dev->currentmode = INDIO_DIRECT_MODE;
	if (indio_dev->setup_ops && indio_dev->setup_ops->postdisable) {
		r = indio_dev->setup_ops->postdisable(indio_dev);
		if (r && !ret)
			ret = r;
	}
	indio_dev->active_scan_mask = NULL;
	return ret;
}

static int iio_enable_buffers(struct iio_dev *indio_dev)
{
	unsigned long mask = 0;
	unsigned int watermark = UINT_MAX;
	struct iio_buffer *buffer;
	list_for_each_entry(buffer, &indio_dev->buffer_list, buffer_list) {
		mask |= buffer->scan_mask;
		watermark = min(watermark, buffer->watermark);
	}
	if (indio_dev->available_scan_masks) {
		const unsigned long *m = indio_dev->available_scan_masks;
		while (*m && (*m & mask) != mask)
			m++;
		if (!*m)
			return -EINVAL;
		mask = *m;
	}
	if (indio_dev->setup_ops && indio_dev->setup_ops->validate_scan_mask &&
	    !indio_dev->setup_ops->validate_scan_mask(indio_dev, &mask))
		return -EINVAL;
	indio_dev->active_mask_storage = mask;
	indio_dev->active_scan_mask = &indio_dev->active_mask_storage;
	indio_dev->scan_bytes = iio_compute_scan_bytes(indio_dev, mask);
	indio_dev->watermark = watermark;

	int ret;
	list_for_each_entry(buffer, &indio_dev->buffer_list, buffer_list) {
		ret = iio_compute_scan_bytes(indio_dev, buffer->scan_mask);
		if (ret < 0)
			goto err_mask;
		buffer->bytes_per_datum = (size_t)ret;
		if (buffer->access->set_bytes_per_datum)
			buffer->access->set_bytes_per_datum(buffer, (size_t)ret);
		ret = iio_buffer_update_demux(indio_dev, buffer);
		if (ret)
			goto err_mask;
	}
	if (indio_dev->setup_ops && indio_dev->setup_ops->preenable) {
		ret = indio_dev->setup_ops->preenable(indio_dev);
		if (ret)
			goto err_mask;
	}
	list_for_each_entry(buffer, &indio_dev->buffer_list, buffer_list)
		if (buffer->access->enable) {
			ret = buffer->access->enable(buffer, indio_dev);
			if (ret)
				goto err_disable;
		}
	if (indio_dev->info->update_scan_mode) {
		ret = indio_dev->info->update_scan_mode(indio_dev, indio_dev->active_scan_mask);
		if (ret)
			goto err_disable;
	}
	if (indio_dev->info->hwfifo_set_watermark)
		indio_dev->info->hwfifo_set_watermark(indio_dev, watermark);
	indio_dev->currentmode = indio_dev->modes & INDIO_BUFFER_SOFTWARE ? INDIO_BUFFER_SOFTWARE
									   : INDIO_BUFFER_HARDWARE;
	if (indio_dev->setup_ops && indio_dev->setup_ops->postenable) {
		ret = indio_dev->setup_ops->postenable(indio_dev);
		if (ret)
			goto err_mode;
	}
	return 0;

err_mode:
	indio_dev->currentmode = INDIO_DIRECT_MODE;
err_disable:
	list_for_each_entry(buffer, &indio_dev->buffer_list, buffer_list)
		if (buffer->access->disable)
			buffer->access->disable(buffer, indio_dev);
	if (indio_dev->setup_ops && indio_dev->setup_ops->postdisable)
		indio_dev->setup_ops->postdisable(indio_dev);
err_mask:
	indio_dev->active_scan_mask = NULL;
	return ret;
}

static int __iio_update_buffers(struct iio_dev *indio_dev, struct iio_buffer *insert_buffer,
				struct iio_buffer *remove_buffer)
{
	if (insert_buffer && !insert_buffer->scan_mask)
		return -EINVAL;
	int ret = iio_disable_buffers(indio_dev);
	if (remove_buffer)
		iio_buffer_deactivate(remove_buffer);
	if (insert_buffer) {
		iio_buffer_get(insert_buffer);
		list_add_tail(&insert_buffer->buffer_list, &indio_dev->buffer_list);
	}
	if (list_empty(&indio_dev->buffer_list))
		return ret;
	ret = iio_enable_buffers(indio_dev);
	if (ret && insert_buffer) {
		/* Back to what ran before. */
		iio_buffer_deactivate(insert_buffer);
		if (!list_empty(&indio_dev->buffer_list))
			iio_enable_buffers(indio_dev);
	}
	return ret;
}

int iio_update_buffers(struct iio_dev *indio_dev, struct iio_buffer *insert_buffer,
		       struct iio_buffer *remove_buffer)
{
	if (insert_buffer == remove_buffer)
		return 0;
	mutex_lock(&indio_dev->info_exist_lock);
	mutex_lock(&indio_dev->mlock);
	int ret = 0;
	if (insert_buffer && iio_buffer_is_active(insert_buffer))
		insert_buffer = NULL;
	if (remove_buffer && !iio_buffer_is_active(remove_buffer))
		remove_buffer = NULL;
	if (!insert_buffer && !remove_buffer)
		goto out;
	if (!indio_dev->info) {
		ret = -ENODEV;
		goto out;
	}
	ret = __iio_update_buffers(indio_dev, insert_buffer, remove_buffer);
out:
	mutex_unlock(&indio_dev->mlock);
	mutex_unlock(&indio_dev->info_exist_lock);
	return ret;
}

void iio_disable_all_buffers(struct iio_dev *indio_dev)
{
	mutex_lock(&indio_dev->mlock);
	iio_disable_buffers(indio_dev);
	struct iio_buffer *buffer, *n;
	list_for_each_entry_safe(buffer, n, &indio_dev->buffer_list, buffer_list)
		iio_buffer_deactivate(buffer);
	mutex_unlock(&indio_dev->mlock);
}

/* ---- buffer/ and scan_elements/ ---------------------------------------------------- */

static ssize_t length_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", dev_to_iio_dev(dev)->buffer->length);
}

static ssize_t length_store(struct device *dev, struct device_attribute *attr, const char *buf,
			    size_t len)
{
	struct iio_dev *indio_dev = dev_to_iio_dev(dev);
	struct iio_buffer *buffer = indio_dev->buffer;
	unsigned int val;
	int ret = kstrtouint(buf, 10, &val);
	if (ret)
		return ret;
	if (val == buffer->length)
		return (ssize_t)len;
	mutex_lock(&indio_dev->mlock);
	if (iio_buffer_is_active(buffer)) {
		ret = -EBUSY;
	} else {
		buffer->access->set_length(buffer, val);
		ret = 0;
	}
	if (buffer->length && buffer->length < buffer->watermark)
		buffer->watermark = buffer->length;
	mutex_unlock(&indio_dev->mlock);
	return ret ? ret : (ssize_t)len;
}
static DEVICE_ATTR_RW(length);

static ssize_t enable_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", iio_buffer_is_active(dev_to_iio_dev(dev)->buffer));
}

static ssize_t enable_store(struct device *dev, struct device_attribute *attr, const char *buf,
			    size_t len)
{
	struct iio_dev *indio_dev = dev_to_iio_dev(dev);
	struct iio_buffer *buffer = indio_dev->buffer;
	bool requested;
	int ret = kstrtobool(buf, &requested);
	if (ret)
		return ret;
	if (requested)
		ret = iio_update_buffers(indio_dev, buffer, NULL);
	else
		ret = iio_update_buffers(indio_dev, NULL, buffer);
	return ret ? ret : (ssize_t)len;
}
static DEVICE_ATTR_RW(enable);

static ssize_t watermark_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", dev_to_iio_dev(dev)->buffer->watermark);
}

static ssize_t watermark_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t len)
{
	struct iio_dev *indio_dev = dev_to_iio_dev(dev);
	struct iio_buffer *buffer = indio_dev->buffer;
	unsigned int val;
	int ret = kstrtouint(buf, 10, &val);
	if (ret)
		return ret;
	if (!val)
		return -EINVAL;
	mutex_lock(&indio_dev->mlock);
	if (val > buffer->length)
		ret = -EINVAL;
	else if (iio_buffer_is_active(buffer))
		ret = -EBUSY;
	else
		buffer->watermark = val;
	mutex_unlock(&indio_dev->mlock);
	return ret ? ret : (ssize_t)len;
}
static DEVICE_ATTR_RW(watermark);

static ssize_t data_available_show(struct device *dev, struct device_attribute *attr,
				   char *buf)
{
	return sysfs_emit(buf, "%zu\n", iio_buffer_data_available(dev_to_iio_dev(dev)->buffer));
}
static DEVICE_ATTR_RO(data_available);

static struct attribute *iio_buffer_attrs[] = {
	&dev_attr_length.attr,
	&dev_attr_enable.attr,
	&dev_attr_watermark.attr,
	&dev_attr_data_available.attr,
	NULL,
};

static ssize_t iio_scan_el_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct iio_dev *indio_dev = dev_to_iio_dev(dev);
	int bit = to_iio_dev_attr(attr)->c->scan_index;
	return sysfs_emit(buf, "%d\n", !!(indio_dev->buffer->scan_mask & BIT(bit)));
}

static ssize_t iio_scan_el_store(struct device *dev, struct device_attribute *attr,
				 const char *buf, size_t len)
{
	struct iio_dev *indio_dev = dev_to_iio_dev(dev);
	struct iio_buffer *buffer = indio_dev->buffer;
	int bit = to_iio_dev_attr(attr)->c->scan_index;
	bool state;
	int ret = kstrtobool(buf, &state);
	if (ret)
		return ret;
	mutex_lock(&indio_dev->mlock);
	if (iio_buffer_is_active(buffer)) {
		ret = -EBUSY;
	} else if (state) {
		unsigned long mask = buffer->scan_mask | BIT(bit);
		const unsigned long *m = indio_dev->available_scan_masks;
		while (m && *m && (*m & mask) != mask)
			m++;
		if (m && !*m)
			ret = -EINVAL;
		else
			buffer->scan_mask = mask;
	} else {
		buffer->scan_mask &= ~BIT(bit);
	}
	mutex_unlock(&indio_dev->mlock);
	return ret ? ret : (ssize_t)len;
}

static ssize_t iio_show_scan_index(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", to_iio_dev_attr(attr)->c->scan_index);
}

/* Linux's format: "le:u12/32>>0" (endianness, sign, realbits, storagebits,
 * shift; "X4" after storagebits for a repeated element). */
static ssize_t iio_show_fixed_type(struct device *dev, struct device_attribute *attr, char *buf)
{
	const struct iio_scan_type *t = &to_iio_dev_attr(attr)->c->scan_type;
	const char *endian = t->endianness == IIO_BE ? "be" : "le";
	if (t->repeat > 1)
		return sysfs_emit(buf, "%s:%c%d/%dX%d>>%u\n", endian, t->sign, t->realbits,
				  t->storagebits, t->repeat, t->shift);
	return sysfs_emit(buf, "%s:%c%d/%d>>%u\n", endian, t->sign, t->realbits,
			  t->storagebits, t->shift);
}

int iio_buffers_alloc_sysfs(struct iio_dev *indio_dev)
{
	struct iio_buffer *buffer = indio_dev->buffer;
	unsigned int masklength = 0;
	for (int i = 0; i < indio_dev->num_channels; i++)
		if (indio_dev->channels[i].scan_index >= 0)
			masklength = max(masklength, (unsigned int)indio_dev->channels[i].scan_index + 1);
	indio_dev->masklength = masklength;
	if (!buffer)
		return 0;
	for (int i = 0; i < indio_dev->num_channels; i++) {
		const struct iio_chan_spec *chan = &indio_dev->channels[i];
		if (chan->scan_index < 0)
			continue;
		if (chan->scan_index >= (int)(8 * sizeof(buffer->scan_mask)))
			return -EINVAL;
		int ret = __iio_add_chan_devattr("index", chan, iio_show_scan_index, NULL, 0,
						 IIO_SEPARATE, &indio_dev->scan_el_attrs);
		if (ret >= 0)
			ret = __iio_add_chan_devattr("type", chan, iio_show_fixed_type, NULL, 0,
						     IIO_SEPARATE, &indio_dev->scan_el_attrs);
		if (ret >= 0)
			ret = __iio_add_chan_devattr("en", chan, iio_scan_el_show, iio_scan_el_store,
						     0, IIO_SEPARATE, &indio_dev->scan_el_attrs);
		if (ret < 0)
			return ret;
	}
	indio_dev->scan_group.name = "scan_elements";
	indio_dev->scan_group.attrs = iio_attr_list_to_array(&indio_dev->scan_el_attrs, NULL);
	if (!indio_dev->scan_group.attrs)
		return -ENOMEM;
	indio_dev->buffer_group.name = "buffer";
	indio_dev->buffer_group.attrs = iio_buffer_attrs;
	return 0;
}

void iio_buffers_free_sysfs(struct iio_dev *indio_dev)
{
	iio_free_chan_devattr_list(&indio_dev->scan_el_attrs);
	kfree(indio_dev->scan_group.attrs);
	indio_dev->scan_group.attrs = NULL;
	indio_dev->buffer_group.attrs = NULL;
}

/* ---- the device's own buffer (kfifo) ------------------------------------------------ */

struct iio_kfifo {
	struct iio_buffer buffer;
	spinlock_t lock;
	u8 *data;
	unsigned int size, head, count; /* in scans */
	size_t bpd;
};

#define to_iio_kfifo(b) container_of(b, struct iio_kfifo, buffer)

static int iio_kfifo_enable(struct iio_buffer *r, struct iio_dev *indio_dev)
{
	struct iio_kfifo *kf = to_iio_kfifo(r);
	u8 *data = kcalloc(r->length, r->bytes_per_datum, GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	unsigned long flags;
	spin_lock_irqsave(&kf->lock, flags);
	u8 *old = kf->data;
	kf->data = data;
	kf->size = r->length;
	kf->bpd = r->bytes_per_datum;
	kf->head = kf->count = 0;
	spin_unlock_irqrestore(&kf->lock, flags);
	kfree(old);
	return 0;
}

static int iio_store_to_kfifo(struct iio_buffer *r, const void *data)
{
	struct iio_kfifo *kf = to_iio_kfifo(r);
	unsigned long flags;
	int ret = 0;
	spin_lock_irqsave(&kf->lock, flags);
	if (kf->count == kf->size) {
		ret = -EBUSY; /* full: the scan is dropped, as kfifo_in does */
	} else {
		unsigned int at = (kf->head + kf->count) % kf->size;
		memcpy(kf->data + at * kf->bpd, data, kf->bpd);
		kf->count++;
	}
	spin_unlock_irqrestore(&kf->lock, flags);
	return ret;
}

static size_t iio_kfifo_buf_data_available(struct iio_buffer *r)
{
	return to_iio_kfifo(r)->count;
}

static int iio_set_length_kfifo(struct iio_buffer *r, unsigned int length)
{
	r->length = length < 2 ? 2 : length;
	return 0;
}

static void iio_kfifo_buffer_release(struct iio_buffer *r)
{
	struct iio_kfifo *kf = to_iio_kfifo(r);
	kfree(kf->data);
	kfree(kf);
}

static const struct iio_buffer_access_funcs kfifo_access_funcs = {
	.store_to = iio_store_to_kfifo,
	.data_available = iio_kfifo_buf_data_available,
	.set_length = iio_set_length_kfifo,
	.enable = iio_kfifo_enable,
	.release = iio_kfifo_buffer_release,
	.modes = INDIO_BUFFER_SOFTWARE,
};

size_t iio_buffer_data_available(struct iio_buffer *buffer)
{
	return buffer->access->data_available ? buffer->access->data_available(buffer) : 0;
}

ssize_t iio_buffer_read_scans(struct iio_buffer *r, void *to, size_t n)
{
	if (r->access != &kfifo_access_funcs)
		return -EINVAL;
	struct iio_kfifo *kf = to_iio_kfifo(r);
	unsigned long flags;
	size_t done = 0;
	spin_lock_irqsave(&kf->lock, flags);
	while (kf->count && done + kf->bpd <= n) {
		memcpy((u8 *)to + done, kf->data + kf->head * kf->bpd, kf->bpd);
		kf->head = (kf->head + 1) % kf->size;
		kf->count--;
		done += kf->bpd;
	}
	spin_unlock_irqrestore(&kf->lock, flags);
	return (ssize_t)done;
}

static void devm_iio_kfifo_release(void *buffer)
{
	iio_buffer_put(buffer);
}

int devm_iio_kfifo_buffer_setup(struct device *dev, struct iio_dev *indio_dev,
				const struct iio_buffer_setup_ops *setup_ops)
{
	struct iio_kfifo *kf = kzalloc(sizeof(*kf), GFP_KERNEL);
	if (!kf)
		return -ENOMEM;
	iio_buffer_init(&kf->buffer);
	spin_lock_init(&kf->lock);
	kf->buffer.access = &kfifo_access_funcs;
	kf->buffer.length = 2;
	int ret = devm_add_action_or_reset(dev, devm_iio_kfifo_release, &kf->buffer);
	if (ret)
		return ret;
	indio_dev->buffer = &kf->buffer;
	indio_dev->modes |= INDIO_BUFFER_SOFTWARE;
	indio_dev->setup_ops = setup_ops;
	return 0;
}
