/*
 * evtest [N] (Linux's evtest, the tool): describes the input devices,
 * then prints their events as they come, in evtest's format, until N key
 * events (default 1) and the SYN_REPORT after the last have been
 * printed:
 *
 *   Input device ID: bus 0x19 vendor 0x1 product 0x1 version 0x100
 *   Input device name: "gpio-keys"
 *   Supported events:
 *     Event type 0 (EV_SYN)
 *     Event type 1 (EV_KEY)
 *       Event code 116 (KEY_POWER)
 *   Testing ... (1 key event)
 *   Event: time 12.345678, type 1 (EV_KEY), code 116 (KEY_POWER), value 1
 *   Event: time 12.345678, -------------- SYN_REPORT ------------
 *
 * The time is the packet's (the input core stamps it with
 * CLOCK_MONOTONIC, the clock of the printk times, when it hands it on);
 * the tool prints what its evdev client was given, and pmfw has no
 * /dev/input, so the command is that client itself: an input handler
 * connected to every device while it runs, with evdev's buffer of 64
 * events (a full buffer drops what comes, and the next line says
 * ">>>>>>>>>>>>>> SYN_DROPPED <<<<<<<<<<<<", as evtest shows evdev's).
 * Where evtest runs until interrupted, this one stops at its count: the
 * shell has no ^C. The shell thread sleeps meanwhile.
 */
#include <linux/input.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "sh.h"

#define EVTEST_BUFFER 64
#define EVTEST_MAX_DEVICES 4

struct evtest_event {
	ktime_t time;
	u16 type, code;
	s32 value;
};

/* The client, allocated for the command's run (evdev's per open). */
struct evtest_client {
	spinlock_t lock;
	struct evtest_event buf[EVTEST_BUFFER];
	unsigned int head, tail; /* free-running */
	bool dropped;
	struct wait_queue_head wait;
	struct input_handle *handles[EVTEST_MAX_DEVICES];
	unsigned int nhandles;
};

/* The device's event lock is held, interrupts off. */
static void evtest_event(struct input_handle *handle, unsigned int type, unsigned int code,
			 int value)
{
	struct evtest_client *evt = handle->handler->private;
	unsigned long flags;
	spin_lock_irqsave(&evt->lock, flags);
	if (evt->head - evt->tail == EVTEST_BUFFER) {
		evt->dropped = true;
	} else {
		evt->buf[evt->head % EVTEST_BUFFER] = (struct evtest_event){
			input_get_timestamp(handle->dev), (u16)type, (u16)code, value
		};
		evt->head++;
	}
	spin_unlock_irqrestore(&evt->lock, flags);
	if (type == EV_SYN)
		wake_up(&evt->wait);
}

static int evtest_connect(struct input_handler *handler, struct input_dev *dev,
			  const struct input_device_id *id)
{
	struct evtest_client *evt = handler->private;
	if (evt->nhandles == EVTEST_MAX_DEVICES)
		return -ENOSPC;
	struct input_handle *handle = kzalloc(sizeof *handle, GFP_KERNEL);
	if (!handle)
		return -ENOMEM;
	handle->dev = dev;
	handle->handler = handler;
	handle->name = "evtest";
	input_register_handle(handle);
	int err = input_open_device(handle);
	if (err) {
		input_unregister_handle(handle);
		kfree(handle);
		return err;
	}
	evt->handles[evt->nhandles++] = handle;
	return 0;
}

static void evtest_disconnect(struct input_handle *handle)
{
	struct evtest_client *evt = handle->handler->private;
	input_close_device(handle);
	input_unregister_handle(handle);
	for (unsigned int i = 0; i < evt->nhandles; i++)
		if (evt->handles[i] == handle)
			evt->handles[i] = evt->handles[--evt->nhandles];
	kfree(handle);
}

/* Every device (evdev's table). */
static const struct input_device_id evtest_ids[] = {
	{ .driver_info = 1 },
	{ },
};

static struct input_handler evtest_handler = {
	.event = evtest_event,
	.connect = evtest_connect,
	.disconnect = evtest_disconnect,
	.name = "evtest",
	.id_table = evtest_ids,
};

static const char *const ev_names[EV_CNT] = {
	[EV_SYN] = "EV_SYN", [EV_KEY] = "EV_KEY", [EV_REL] = "EV_REL",
	[EV_ABS] = "EV_ABS", [EV_MSC] = "EV_MSC", [EV_SW] = "EV_SW",
	[EV_LED] = "EV_LED", [EV_SND] = "EV_SND", [EV_REP] = "EV_REP",
	[EV_FF] = "EV_FF",   [EV_PWR] = "EV_PWR", [EV_FF_STATUS] = "EV_FF_STATUS",
};

static const char *const syn_names[] = {
	[SYN_REPORT] = "SYN_REPORT", [SYN_CONFIG] = "SYN_CONFIG",
	[SYN_MT_REPORT] = "SYN_MT_REPORT", [SYN_DROPPED] = "SYN_DROPPED",
};

static const char *type_name(unsigned int type)
{
	return type < EV_CNT && ev_names[type] ? ev_names[type] : "?";
}

static const char *code_name(unsigned int type, unsigned int code)
{
	const char *name = NULL;
	if (type == EV_KEY)
		name = input_key_name(code);
	else if (type == EV_SYN && code < ARRAY_SIZE(syn_names))
		name = syn_names[code];
	return name ? name : "?";
}

static void evtest_describe(struct input_dev *dev)
{
	sh_printf("Input device ID: bus 0x%x vendor 0x%x product 0x%x version 0x%x\n",
		  dev->id.bustype, dev->id.vendor, dev->id.product, dev->id.version);
	sh_printf("Input device name: \"%s\"\n", dev->name ? dev->name : "");
	sh_printf("Supported events:\n");
	for (unsigned int type = 0; type < EV_MAX; type++) {
		if (!test_bit(type, dev->evbit) || type == EV_REP)
			continue;
		sh_printf("  Event type %u (%s)\n", type, type_name(type));
		if (type != EV_KEY)
			continue;
		for (unsigned int code = 0; code < KEY_MAX; code++)
			if (test_bit(code, dev->keybit))
				sh_printf("    Event code %u (%s)\n", code, code_name(type, code));
	}
}

static void evtest_print(const struct evtest_event *e)
{
	u64 ns = (u64)e->time;
	unsigned long sec = (unsigned long)(ns / NSEC_PER_SEC);
	unsigned long usec = (unsigned long)(ns % NSEC_PER_SEC / NSEC_PER_USEC);
	if (e->type == EV_SYN && e->code == SYN_MT_REPORT)
		sh_printf("Event: time %lu.%06lu, ++++++++++++++ %s ++++++++++++\n", sec, usec,
			  code_name(e->type, e->code));
	else if (e->type == EV_SYN)
		sh_printf("Event: time %lu.%06lu, -------------- %s ------------\n", sec, usec,
			  code_name(e->type, e->code));
	else
		sh_printf("Event: time %lu.%06lu, type %u (%s), code %u (%s), value %d\n", sec, usec,
			  e->type, type_name(e->type), e->code, code_name(e->type, e->code),
			  e->value);
}

/* The next buffered event into e, or a drop to report: false if none. */
static bool evtest_next(struct evtest_client *evt, struct evtest_event *e, bool *dropped)
{
	unsigned long flags;
	bool got = false;
	spin_lock_irqsave(&evt->lock, flags);
	*dropped = false;
	if (evt->head != evt->tail) {
		*e = evt->buf[evt->tail % EVTEST_BUFFER];
		evt->tail++;
		got = true;
	} else if (evt->dropped) {
		evt->dropped = false;
		*dropped = true;
	}
	spin_unlock_irqrestore(&evt->lock, flags);
	return got;
}

static int cmd_evtest(int argc, char **argv)
{
	unsigned int want = 1;
	if (argc > 2 || (argc == 2 && (kstrtouint(argv[1], 10, &want) || !want))) {
		sh_error("evtest: usage: evtest [N] (N key events, at least 1)");
		return 1;
	}
	/* The handler is the command's own: one run at a time. */
	if (evtest_handler.private) {
		sh_error("evtest: Device or resource busy");
		return 1;
	}
	struct evtest_client *evt = kzalloc(sizeof *evt, GFP_KERNEL);
	if (!evt) {
		sh_error("evtest: out of memory");
		return 1;
	}
	spin_lock_init(&evt->lock);
	init_waitqueue_head(&evt->wait);
	evtest_handler.private = evt;
	input_register_handler(&evtest_handler);
	int ret = 0;
	if (!evt->nhandles) {
		sh_error("evtest: no input device");
		ret = 1;
		goto out;
	}
	for (unsigned int i = 0; i < evt->nhandles; i++)
		evtest_describe(evt->handles[i]->dev);
	sh_printf("Testing ... (%u key event%s)\n", want, want == 1 ? "" : "s");

	unsigned int keys = 0;
	for (;;) {
		struct evtest_event e;
		bool dropped;
		wait_event(evt->wait, evt->head != evt->tail || evt->dropped);
		while (evtest_next(evt, &e, &dropped)) {
			evtest_print(&e);
			if (e.type == EV_KEY)
				keys++;
			else if (e.type == EV_SYN && keys >= want)
				goto out;
		}
		if (dropped)
			sh_printf(">>>>>>>>>>>>>> SYN_DROPPED <<<<<<<<<<<<\n");
	}
out:
	input_unregister_handler(&evtest_handler);
	evtest_handler.private = NULL;
	kfree(evt);
	return ret;
}
SHELL_CMD(evtest, cmd_evtest, "evtest [N]",
	  "print the input devices' events until N key events (default 1)");
