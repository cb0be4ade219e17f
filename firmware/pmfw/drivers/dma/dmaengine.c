/*
 * The DMA engine core (Linux's drivers/dma/dmaengine.c): the list of
 * registered controllers, channels taken and released by clients, and
 * /sys/kernel/debug/dmaengine/summary.
 *
 * A channel has one client at a time (client_count 0 or 1, as Linux's
 * slave channels): dma_request_chan takes it through the controller's DT
 * translation (of-dma.c), dma_request_chan_by_mask takes the first free
 * channel of a controller with the capabilities asked for. Taking a
 * channel calls the provider's device_alloc_chan_resources, releasing it
 * device_free_chan_resources.
 *
 * The summary is Linux's: for each controller "dma<N> (<device>): number
 * of channels: <n>", then one line per channel in use, " dma<N>chan<M>
 * | <client device>:<dma-name>" (or "in-use" for a channel taken by
 * mask), controllers separated by an empty line.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dmaengine.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mutex.h>
#include <linux/of_dma.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "dmaengine.h"

static DEFINE_MUTEX(dma_list_mutex);
static LIST_HEAD(dma_device_list);
static unsigned long dma_dev_ids; /* a bit per dev_id in use */

static int chan_take(struct dma_chan *chan)
{
	if (chan->client_count)
		return -EBUSY;
	if (chan->device->device_alloc_chan_resources) {
		int ret = chan->device->device_alloc_chan_resources(chan);
		if (ret < 0)
			return ret;
	}
	chan->client_count = 1;
	return 0;
}

struct dma_chan *dma_get_slave_channel(struct dma_chan *chan)
{
	mutex_lock(&dma_list_mutex);
	int err = chan_take(chan);
	mutex_unlock(&dma_list_mutex);
	return err ? NULL : chan;
}

struct dma_chan *dma_get_any_slave_channel(struct dma_device *device)
{
	struct dma_chan *chan, *found = NULL;
	mutex_lock(&dma_list_mutex);
	list_for_each_entry(chan, &device->channels, device_node)
		if (!chan_take(chan)) {
			found = chan;
			break;
		}
	mutex_unlock(&dma_list_mutex);
	return found;
}

struct dma_chan *dma_request_chan(struct device *dev, const char *name)
{
	struct dma_chan *chan = ERR_PTR(-ENODEV);
	if (dev->of_node)
		chan = of_dma_request_slave_channel(dev->of_node, name);
	if (IS_ERR(chan)) {
		if (PTR_ERR(chan) != -EPROBE_DEFER)
			dev_dbg(dev, "no DMA channel \"%s\": %ld\n", name, PTR_ERR(chan));
		return chan;
	}
	chan->slave = dev;
	chan->dbg_client_name = kasprintf(GFP_KERNEL, "%s:%s", dev_name(dev), name);
	return chan;
}

struct dma_chan *dma_request_chan_by_mask(const dma_cap_mask_t *mask)
{
	struct dma_device *device;
	struct dma_chan *chan, *found = NULL;
	mutex_lock(&dma_list_mutex);
	list_for_each_entry(device, &dma_device_list, global_node) {
		if ((device->cap_mask.bits[0] & mask->bits[0]) != mask->bits[0])
			continue;
		list_for_each_entry(chan, &device->channels, device_node)
			if (!chan_take(chan)) {
				found = chan;
				goto out;
			}
	}
out:
	mutex_unlock(&dma_list_mutex);
	return found ? found : ERR_PTR(-ENODEV);
}

void dma_release_channel(struct dma_chan *chan)
{
	mutex_lock(&dma_list_mutex);
	WARN_ON(chan->client_count != 1);
	if (chan->client_count == 1) {
		chan->client_count = 0;
		if (chan->device->device_free_chan_resources)
			chan->device->device_free_chan_resources(chan);
	}
	chan->slave = NULL;
	kfree(chan->dbg_client_name);
	chan->dbg_client_name = NULL;
	mutex_unlock(&dma_list_mutex);
}

enum dma_status dma_sync_wait(struct dma_chan *chan, dma_cookie_t cookie)
{
	u64 deadline = ktime_get_ns() + 5000ull * NSEC_PER_MSEC;
	enum dma_status status;
	dma_async_issue_pending(chan);
	do {
		status = dmaengine_tx_status(chan, cookie, NULL);
		if (ktime_get_ns() > deadline) {
			dev_err(chan->device->dev, "%s: timeout!\n", __func__);
			return DMA_ERROR;
		}
		if (status != DMA_IN_PROGRESS)
			break;
		barrier();
	} while (1);
	return status;
}

/* What a capability needs the provider to implement. */
static int device_check_ops(struct dma_device *device)
{
	static const struct {
		enum dma_transaction_type cap;
		const char *name;
		size_t off;
	} need[] = {
		{ DMA_MEMCPY, "DMA_MEMCPY", offsetof(struct dma_device, device_prep_dma_memcpy) },
		{ DMA_SLAVE, "DMA_SLAVE", offsetof(struct dma_device, device_prep_slave_sg) },
		{ DMA_CYCLIC, "DMA_CYCLIC", offsetof(struct dma_device, device_prep_dma_cyclic) },
	};
	for (unsigned int i = 0; i < ARRAY_SIZE(need); i++)
		if (dma_has_cap(need[i].cap, device->cap_mask) &&
		    !*(void **)((u8 *)device + need[i].off)) {
			dev_err(device->dev, "Device claims capability %s, but op is not defined\n",
				need[i].name);
			return -EIO;
		}
	if (!device->device_tx_status) {
		dev_err(device->dev, "Device tx_status is not defined\n");
		return -EIO;
	}
	if (!device->device_issue_pending) {
		dev_err(device->dev, "Device issue_pending is not defined\n");
		return -EIO;
	}
	return 0;
}

int dma_async_device_register(struct dma_device *device)
{
	if (!device || !device->dev)
		return -ENODEV;
	int ret = device_check_ops(device);
	if (ret)
		return ret;
	mutex_lock(&dma_list_mutex);
	int id = 0;
	while (dma_dev_ids & (1UL << id))
		id++;
	if (id >= (int)(8 * sizeof(dma_dev_ids))) {
		mutex_unlock(&dma_list_mutex);
		return -ENOSPC;
	}
	dma_dev_ids |= 1UL << id;
	device->dev_id = id;
	device->chancnt = 0;
	struct dma_chan *chan;
	list_for_each_entry(chan, &device->channels, device_node) {
		chan->device = device;
		chan->chan_id = (int)device->chancnt++;
		chan->client_count = 0;
		snprintf(chan->name_buf, sizeof(chan->name_buf), "dma%dchan%d", id, chan->chan_id);
		chan->name = chan->name_buf;
		dma_cookie_init(chan);
	}
	list_add_tail(&device->global_node, &dma_device_list);
	mutex_unlock(&dma_list_mutex);
	return 0;
}

void dma_async_device_unregister(struct dma_device *device)
{
	struct dma_chan *chan;
	mutex_lock(&dma_list_mutex);
	list_for_each_entry(chan, &device->channels, device_node)
		if (chan->client_count)
			pr_warn("%s called while %d clients hold a reference\n", __func__,
				chan->client_count);
	list_del(&device->global_node);
	dma_dev_ids &= ~(1UL << device->dev_id);
	mutex_unlock(&dma_list_mutex);
}

static void dmaenginem_async_device_unregister(void *device)
{
	dma_async_device_unregister(device);
}

int dmaenginem_async_device_register(struct dma_device *device)
{
	int ret = dma_async_device_register(device);
	if (ret)
		return ret;
	return devm_add_action_or_reset(device->dev, dmaenginem_async_device_unregister, device);
}

static void dmaengine_dbg_summary_show(struct seq_file *s, struct dma_device *dma_dev)
{
	struct dma_chan *chan;
	list_for_each_entry(chan, &dma_dev->channels, device_node)
		if (chan->client_count)
			seq_printf(s, " %-13s| %s\n", dma_chan_name(chan),
				   chan->dbg_client_name ? chan->dbg_client_name : "in-use");
}

static int dmaengine_summary_show(struct seq_file *s, void *data)
{
	struct dma_device *dma_dev;
	mutex_lock(&dma_list_mutex);
	list_for_each_entry(dma_dev, &dma_device_list, global_node) {
		seq_printf(s, "dma%d (%s): number of channels: %u\n", dma_dev->dev_id,
			   dev_name(dma_dev->dev), dma_dev->chancnt);
		if (dma_dev->dbg_summary_show)
			dma_dev->dbg_summary_show(s, dma_dev);
		else
			dmaengine_dbg_summary_show(s, dma_dev);
		if (dma_dev->global_node.next != &dma_device_list)
			seq_puts(s, "\n");
	}
	mutex_unlock(&dma_list_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(dmaengine_summary);

static int dma_bus_init(void)
{
	struct dentry *root = debugfs_create_dir("dmaengine", NULL);
	debugfs_create_file("summary", 0444, root, NULL, &dmaengine_summary_fops);
	return 0;
}
arch_initcall(dma_bus_init);
