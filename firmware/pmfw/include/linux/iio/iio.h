/*
 * The Industrial I/O core (Linux's include/linux/iio/iio.h): a device of
 * channels, each read by the driver's read_raw and shown in sysfs under
 * /sys/bus/iio/devices/iio:deviceN (a link to the device's directory under
 * its parent, as in Linux):
 *
 *   name                       the driver's indio_dev->name
 *   in_voltage0_raw            info_mask_separate RAW, one file per channel
 *   in_voltage_scale           info_mask_shared_by_type SCALE (or
 *                              in_voltage0_scale when separate)
 *   sampling_frequency         info_mask_shared_by_all SAMP_FREQ
 *   buffer/{enable,length,watermark,data_available}
 *   scan_elements/in_voltage0_{en,index,type}
 *
 * Values are printed as iio_format_value does (IIO_VAL_INT "%d",
 * IIO_VAL_INT_PLUS_MICRO "%d.%06u", IIO_VAL_FRACTIONAL "%d.%09u",
 * IIO_VAL_FRACTIONAL_LOG2 likewise) and parsed as iio_str_to_fixpoint
 * does; text that is not a number is -EINVAL. What the core refuses while
 * the buffer is enabled (scan elements, length, watermark) is -EBUSY, and
 * drivers do the same with iio_device_claim_direct_mode.
 *
 * pmfw's subset: no triggers, events, extended attributes, modifiers or
 * timestamps; no character device (no /dev): samples reach in-kernel
 * consumers (linux/iio/consumer.h) and the device's own buffer, whose
 * data_available says how many scans it holds.
 */
#ifndef _LINUX_IIO_IIO_H
#define _LINUX_IIO_IIO_H

#include <linux/device.h>
#include <linux/iio/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

/* How a sample lies in the scan: "le:u12/32>>0" in a scan element's _type file
 * is sign 'u', realbits 12, storagebits 32, shift 0, little-endian. */
struct iio_scan_type {
	char sign;
	u8 realbits;
	u8 storagebits;
	u8 shift;
	u8 repeat;
	enum iio_endian endianness;
};

struct iio_chan_spec {
	enum iio_chan_type type;
	int channel;
	int channel2;
	unsigned long address;
	int scan_index; /* -1: not in the buffer */
	struct iio_scan_type scan_type;
	long info_mask_separate;
	long info_mask_shared_by_type;
	long info_mask_shared_by_dir;
	long info_mask_shared_by_all;
	const char *extend_name;
	const char *datasheet_name;
	unsigned modified : 1;
	unsigned indexed : 1;
	unsigned output : 1;
	unsigned differential : 1;
};

struct iio_dev;

struct iio_info {
	int (*read_raw)(struct iio_dev *indio_dev, struct iio_chan_spec const *chan, int *val,
			int *val2, long mask);
	int (*write_raw)(struct iio_dev *indio_dev, struct iio_chan_spec const *chan, int val,
			 int val2, long mask);
	/* The format write_raw wants (IIO_VAL_INT_PLUS_MICRO if NULL). */
	int (*write_raw_get_fmt)(struct iio_dev *indio_dev, struct iio_chan_spec const *chan,
				 long mask);
	int (*update_scan_mode)(struct iio_dev *indio_dev, const unsigned long *scan_mask);
	/* The smallest watermark of the enabled buffers, before postenable. */
	int (*hwfifo_set_watermark)(struct iio_dev *indio_dev, unsigned int val);
};

struct iio_buffer_setup_ops {
	int (*preenable)(struct iio_dev *);
	int (*postenable)(struct iio_dev *);
	int (*predisable)(struct iio_dev *);
	int (*postdisable)(struct iio_dev *);
	bool (*validate_scan_mask)(struct iio_dev *indio_dev, const unsigned long *scan_mask);
};

/* Modes (indio_dev->modes: what the device can; currentmode: what it does). */
#define INDIO_DIRECT_MODE 0x01
#define INDIO_BUFFER_TRIGGERED 0x02
#define INDIO_BUFFER_SOFTWARE 0x04
#define INDIO_BUFFER_HARDWARE 0x08
#define INDIO_ALL_BUFFER_MODES (INDIO_BUFFER_TRIGGERED | INDIO_BUFFER_SOFTWARE | INDIO_BUFFER_HARDWARE)

struct iio_buffer;

struct iio_dev {
	int modes;
	int currentmode;
	struct device dev;
	struct iio_buffer *buffer; /* the device's own (sysfs) buffer */
	int scan_bytes;            /* one scan of the active channels, padded */
	const unsigned long *available_scan_masks;
	unsigned int masklength;
	const unsigned long *active_scan_mask;
	bool scan_timestamp;
	const char *name;
	const char *label;
	const struct iio_chan_spec *channels;
	int num_channels;
	const struct iio_info *info;
	const struct iio_buffer_setup_ops *setup_ops;
	void *priv;

	/* The core's (Linux's struct iio_dev_opaque). */
	int id;
	struct mutex mlock;          /* mode changes, buffer enabling */
	struct mutex info_exist_lock;
	struct list_head buffer_list; /* the enabled buffers */
	unsigned long active_mask_storage;
	unsigned int watermark;       /* the smallest of the enabled buffers' */
	struct list_head channel_attrs; /* the attributes made for the channels */
	struct list_head scan_el_attrs; /* scan_elements/: en, index, type */
	const struct attribute_group *groups[4];
	struct attribute_group chan_group;
	struct attribute_group buffer_group;
	struct attribute_group scan_group;
};

#define IIO_DEVICE_NAME_PREFIX "iio:device"

struct iio_dev *iio_device_alloc(struct device *parent, int sizeof_priv);
void iio_device_free(struct iio_dev *indio_dev);
struct iio_dev *devm_iio_device_alloc(struct device *parent, int sizeof_priv);
int iio_device_register(struct iio_dev *indio_dev);
void iio_device_unregister(struct iio_dev *indio_dev);
int devm_iio_device_register(struct device *dev, struct iio_dev *indio_dev);

static inline void *iio_priv(const struct iio_dev *indio_dev)
{
	return indio_dev->priv;
}

static inline struct iio_dev *dev_to_iio_dev(struct device *dev)
{
	return container_of(dev, struct iio_dev, dev);
}

static inline void iio_device_set_drvdata(struct iio_dev *indio_dev, void *data)
{
	dev_set_drvdata(&indio_dev->dev, data);
}

static inline void *iio_device_get_drvdata(const struct iio_dev *indio_dev)
{
	return dev_get_drvdata(&indio_dev->dev);
}

static inline bool iio_buffer_enabled(struct iio_dev *indio_dev)
{
	return indio_dev->currentmode & INDIO_ALL_BUFFER_MODES;
}

/* Hold the device in direct mode (0), or -EBUSY while its buffer is
 * enabled; release with iio_device_release_direct_mode. */
int iio_device_claim_direct_mode(struct iio_dev *indio_dev);
void iio_device_release_direct_mode(struct iio_dev *indio_dev);

/* The text of a value as sysfs shows it; its length. */
ssize_t iio_format_value(char *buf, unsigned int type, int size, int *vals);
/* Parse "123", "-1.5", "0.000250" (fract_mult: 100000 for micro, 100000000
 * for nano): 0 or -EINVAL. */
int iio_str_to_fixpoint(const char *str, int fract_mult, int *integer, int *fract);

extern const struct bus_type iio_bus_type;

#endif
