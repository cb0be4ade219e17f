/*
 * The input core (Linux's include/linux/input.h, drivers/input/input.c),
 * the part a key driver and an event reader need: input devices
 * (/sys/class/input/inputN), EV_KEY and EV_SYN events, and handlers
 * that receive them (Linux's evdev is one; pmfw's shell's evtest is
 * another).
 *
 * A driver allocates a device (devm_input_allocate_device), says which
 * events it sends (input_set_capability), registers it and reports:
 *
 *     input_report_key(input, KEY_POWER, 1);
 *     input_sync(input);
 *
 * Events are gathered until the input_sync (SYN_REPORT) and handed to
 * every open handle as one packet, stamped with CLOCK_MONOTONIC at that
 * moment; a key event that does not change the key's state is dropped,
 * as in Linux. Not built: EV_REL, EV_ABS and the others' state, autorepeat,
 * grabs, filters, inhibiting, keymap ioctls, /dev/input and /proc.
 */
#ifndef _LINUX_INPUT_H
#define _LINUX_INPUT_H

#include <linux/bitops.h>
#include <linux/device.h>
#include <linux/input-event-codes.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#define BUS_HOST 0x19

struct input_id {
	u16 bustype;
	u16 vendor;
	u16 product;
	u16 version;
};

struct input_value {
	u16 type;
	u16 code;
	s32 value;
};

/* The values gathered before a SYN_REPORT hands them on (Linux sizes
 * the packet from the device's capabilities; gpio-keys sends one key
 * event a packet). A fuller packet is handed on with a SYN_REPORT of its
 * own, as Linux does. */
#define INPUT_MAX_VALS 8

struct input_dev {
	const char *name;
	const char *phys;
	const char *uniq;
	struct input_id id;

	unsigned long evbit[BITS_TO_LONGS(EV_CNT)];
	unsigned long keybit[BITS_TO_LONGS(KEY_CNT)];
	unsigned int keycodemax;
	unsigned int keycodesize;
	void *keycode;
	unsigned long key[BITS_TO_LONGS(KEY_CNT)]; /* the keys' state: pressed */

	int (*open)(struct input_dev *dev);
	void (*close)(struct input_dev *dev);

	spinlock_t event_lock;
	struct mutex mutex; /* users, open and close */
	unsigned int users;
	bool going_away;

	struct device dev;
	struct list_head h_list; /* its handles */
	struct list_head node;   /* in the input core's list */

	unsigned int num_vals;
	struct input_value vals[INPUT_MAX_VALS];
	ktime_t timestamp; /* the packet's, 0 until it is handed on */
	/* pmfw: the events handed on since registration, EV_SYN excepted. */
	unsigned long event_count;

	bool devres_managed;
};
#define to_input_dev(d) container_of(d, struct input_dev, dev)

/* Which devices a handler takes (Linux: include/linux/mod_devicetable.h,
 * which matches on every bitmap; pmfw on the event types). An entry
 * with flags 0 and driver_info set matches every device; a zeroed one
 * ends the table. */
#define INPUT_DEVICE_ID_MATCH_EVBIT 0x0008
struct input_device_id {
	unsigned long flags;
	unsigned long evbit[BITS_TO_LONGS(EV_CNT)];
	unsigned long driver_info;
};

struct input_handle;

/* A consumer of events. connect() is called for each matching device
 * (input_register_handle, then usually input_open_device); event() for
 * each value of each packet, under the device's event lock with
 * interrupts off (it may not sleep). */
struct input_handler {
	void *private;
	void (*event)(struct input_handle *handle, unsigned int type, unsigned int code,
		      int value);
	bool (*match)(struct input_handler *handler, struct input_dev *dev);
	int (*connect)(struct input_handler *handler, struct input_dev *dev,
		       const struct input_device_id *id);
	void (*disconnect)(struct input_handle *handle);
	const char *name;
	const struct input_device_id *id_table;
	struct list_head h_list; /* its handles */
	struct list_head node;
};

/* One handler's link to one device; events flow while it is open. */
struct input_handle {
	void *private;
	int open;
	const char *name;
	struct input_dev *dev;
	struct input_handler *handler;
	struct list_head d_node;
	struct list_head h_node;
};

struct input_dev *input_allocate_device(void);
/* Freed (unregistered first) when the driver of dev is unbound. */
struct input_dev *devm_input_allocate_device(struct device *dev);
void input_free_device(struct input_dev *dev);
int input_register_device(struct input_dev *dev);
void input_unregister_device(struct input_dev *dev);

static inline void *input_get_drvdata(struct input_dev *dev)
{
	return dev_get_drvdata(&dev->dev);
}
static inline void input_set_drvdata(struct input_dev *dev, void *data)
{
	dev_set_drvdata(&dev->dev, data);
}

void input_set_capability(struct input_dev *dev, unsigned int type, unsigned int code);
void input_event(struct input_dev *dev, unsigned int type, unsigned int code, int value);

static inline void input_report_key(struct input_dev *dev, unsigned int code, int value)
{
	input_event(dev, EV_KEY, code, !!value);
}
static inline void input_sync(struct input_dev *dev)
{
	input_event(dev, EV_SYN, SYN_REPORT, 0);
}

/* Opened at least once and not being removed (Linux's, without
 * inhibiting). */
static inline bool input_device_enabled(struct input_dev *dev)
{
	return dev->users > 0;
}

int input_register_handler(struct input_handler *handler);
void input_unregister_handler(struct input_handler *handler);
int input_register_handle(struct input_handle *handle);
void input_unregister_handle(struct input_handle *handle);
int input_open_device(struct input_handle *handle);
void input_close_device(struct input_handle *handle);
/* The time of the packet being handed on (from event()). */
ktime_t input_get_timestamp(struct input_dev *dev);

/* pmfw: "KEY_POWER" for 116, NULL for a code without a name
 * (input-event-codes.h's table). */
const char *input_key_name(unsigned int code);

#endif
