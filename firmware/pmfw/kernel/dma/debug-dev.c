/*
 * DMA-API debug's ties to the rest of the kernel (the parts of Linux's
 * kernel/dma/debug.c that need the device model and debugfs; debug.c
 * itself is portable and host-tested):
 *
 *  - dma_debug_add_bus: a bus notifier whose BUS_NOTIFY_UNBOUND_DRIVER
 *    looks for what the driver left mapped or allocated (after its devres
 *    were released, so dmam_* memory is not a leak); the platform bus is
 *    added at boot;
 *  - /sys/kernel/debug/dma-api/: all_errors, num_errors, error_count,
 *    min_free_entries, num_free_entries, nr_total_entries (Linux's
 *    variables), driver_filter (a driver's name: only its errors are
 *    printed; empty: all), dump (every entry, as debug_dma_dump_mappings
 *    prints them), disabled (1 with dma_debug=off).
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dma-debug.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "debug.h"

static int dma_debug_device_change(struct notifier_block *nb, unsigned long action, void *data)
{
	if (action == BUS_NOTIFY_UNBOUND_DRIVER)
		dma_debug_device_change_unbound(data);
	return 0;
}

void dma_debug_add_bus(const struct bus_type *bus)
{
	struct notifier_block *nb = kzalloc(sizeof(*nb), GFP_KERNEL);
	if (!nb) {
		pr_err("DMA-API: dma_debug_add_bus: out of memory\n");
		return;
	}
	nb->notifier_call = dma_debug_device_change;
	bus_register_notifier(bus, nb);
}

static ssize_t filter_read(struct file *file, char __user *user_buf, size_t count, loff_t *ppos)
{
	char buf[NAME_MAX_LEN + 1];
	int len = scnprintf(buf, sizeof(buf), "%s\n", current_driver_name);
	return simple_read_from_buffer(user_buf, count, ppos, buf, (size_t)len);
}

static ssize_t filter_write(struct file *file, const char __user *userbuf, size_t count,
			    loff_t *ppos)
{
	char buf[NAME_MAX_LEN];
	size_t len = min(count, sizeof(buf) - 1);
	memcpy(buf, userbuf, len);
	buf[len] = '\0';
	if (dma_debug_set_driver_filter(buf))
		return -EINVAL;
	return (ssize_t)count;
}

static const struct file_operations filter_fops = {
	.read = filter_read,
	.write = filter_write,
};

static void emit_seq(void *arg, const char *line)
{
	seq_puts(arg, line);
}

static int dump_show(struct seq_file *seq, void *v)
{
	dma_debug_dump(NULL, emit_seq, seq);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(dump);

static int dma_debug_fs_init(void)
{
	struct dentry *dir = debugfs_create_dir("dma-api", NULL);
	debugfs_create_bool("all_errors", 0644, dir, &show_all_errors);
	debugfs_create_u32("num_errors", 0644, dir, &show_num_errors);
	debugfs_create_u32("error_count", 0444, dir, &error_count);
	debugfs_create_u32("min_free_entries", 0444, dir, &min_free_entries);
	debugfs_create_u32("num_free_entries", 0444, dir, &num_free_entries);
	debugfs_create_u32("nr_total_entries", 0444, dir, &nr_total_entries);
	debugfs_create_bool("disabled", 0444, dir, &global_disable);
	debugfs_create_file("driver_filter", 0644, dir, NULL, &filter_fops);
	debugfs_create_file("dump", 0444, dir, NULL, &dump_fops);
	dma_debug_add_bus(&platform_bus_type);
	return 0;
}
postcore_initcall(dma_debug_fs_init);
