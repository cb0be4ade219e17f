/*
 * Keys on GPIO lines (Linux's drivers/input/keyboard/gpio_keys.c), with
 * Linux's device-tree binding (Documentation/devicetree/bindings/input/
 * gpio-keys.yaml; docs/bindings.md):
 *
 *     gpio-keys {
 *             compatible = "gpio-keys";
 *             label = "gpio-keys";              // the input device's name
 *             power {
 *                     label = "power";          // the line's consumer, the IRQ's name
 *                     gpios = <&gpio0 0 1>;     // pin 0, GPIO_ACTIVE_LOW
 *                     linux,code = <116>;       // KEY_POWER
 *                     wakeup-source;            // gpio-key,wakeup: the old name
 *                     debounce-interval = <5>;  // ms, 5 when absent
 *             };
 *     };
 *
 * One input device for all the node's available children, each a key on
 * a GPIO line requested as an input (active-low when the gpios flags
 * say so) and as an interrupt on both edges. Each edge (re)starts the
 * key's debounce timer; when it expires, debounce-interval after the
 * last edge, the line's level is read and reported (1 pressed, 0
 * released) with a SYN_REPORT. So a level must hold for the whole
 * interval to be reported, and a glitch shorter than it is not (its
 * second edge restarts the timer, and the level read at the end is the
 * one already reported, which the input core drops). The PL061 cannot
 * debounce (gpiod_set_debounce fails) and its lines do not sleep, so the
 * timer is an hrtimer, as Linux picks for such a line; a line on a chip
 * that sleeps, or an interval of 0, goes through system_wq.
 *
 * Wake-up: a child with wakeup-source makes the device wakeup-capable
 * and enabled (device_init_wakeup: power/wakeup, a wakeup source named
 * after the device in /sys/kernel/debug/wakeup_sources). While it is,
 * the system-sleep suspend callback arms each such key's interrupt with
 * enable_irq_wake (the PL061 arms its NVIC line, for the PMU's WAKE_EN)
 * and resume disarms it. The interrupt handler holds the wakeup source
 * active from the edge to the report (pm_stay_awake ... pm_relax, as
 * Linux does for GPIO keys): so an edge after suspend_device_irqs is a
 * system wake-up event (the armed line: the suspend in progress aborts,
 * suspend-to-idle ends), and one during the earlier phases aborts the
 * suspend when user space wrote /sys/power/wakeup_count back. An edge
 * while suspended reports a press at once, before the debounce, in case
 * the key is released by the time the timer runs (Linux's "simulate
 * wakeup key press"); resume reports every key's state again.
 *
 * What Linux's driver has and pmfw's does not: platform data (no board
 * files: the device tree only), keys without a GPIO (interrupts only),
 * linux,input-type other than EV_KEY (refused), linux,can-disable and
 * the disabled_keys/keys sysfs files, autorepeat, wakeup-event-action.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/gpio/consumer.h>
#include <linux/hrtimer.h>
#include <linux/input.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_wakeup.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

/* Linux's include/linux/gpio_keys.h, filled from the device tree. */
struct gpio_keys_button {
	unsigned int code;
	const char *desc;
	unsigned int type;
	int wakeup;
	int debounce_interval;
};

struct gpio_keys_platform_data {
	const struct gpio_keys_button *buttons;
	int nbuttons;
	const char *name;
};

struct gpio_button_data {
	const struct gpio_keys_button *button;
	struct input_dev *input;
	struct gpio_desc *gpiod;
	unsigned short *code;
	struct hrtimer debounce_timer;
	unsigned int software_debounce; /* ms */
	struct delayed_work work;
	unsigned int irq;
	bool suspended;
	bool debounce_use_hrtimer;
};

struct gpio_keys_drvdata {
	const struct gpio_keys_platform_data *pdata;
	struct input_dev *input;
	unsigned short *keymap;
	struct gpio_button_data data[];
};

static void gpio_keys_gpio_report_event(struct gpio_button_data *bdata)
{
	const struct gpio_keys_button *button = bdata->button;
	struct input_dev *input = bdata->input;
	int state = gpiod_get_value(bdata->gpiod);
	if (state < 0) {
		dev_err(input->dev.parent, "failed to get gpio state: %d\n", state);
		return;
	}
	input_event(input, button->type ?: EV_KEY, *bdata->code, state);
}

static void gpio_keys_debounce_event(struct gpio_button_data *bdata)
{
	gpio_keys_gpio_report_event(bdata);
	input_sync(bdata->input);
	if (bdata->button->wakeup)
		pm_relax(bdata->input->dev.parent);
}

static void gpio_keys_gpio_work_func(struct work_struct *work)
{
	gpio_keys_debounce_event(container_of(work, struct gpio_button_data, work.work));
}

static enum hrtimer_restart gpio_keys_debounce_timer(struct hrtimer *t)
{
	gpio_keys_debounce_event(container_of(t, struct gpio_button_data, debounce_timer));
	return HRTIMER_NORESTART;
}

static irqreturn_t gpio_keys_gpio_isr(int irq, void *dev_id)
{
	struct gpio_button_data *bdata = dev_id;
	const struct gpio_keys_button *button = bdata->button;

	if (button->wakeup) {
		pm_stay_awake(bdata->input->dev.parent);
		/* The key may be up again by the time the timer reads it. */
		if (bdata->suspended && (button->type == 0 || button->type == EV_KEY))
			input_report_key(bdata->input, button->code, 1);
	}
	if (bdata->debounce_use_hrtimer)
		hrtimer_start(&bdata->debounce_timer, ms_to_ktime(bdata->software_debounce),
			      HRTIMER_MODE_REL);
	else
		mod_delayed_work(system_wq, &bdata->work,
				 msecs_to_jiffies(bdata->software_debounce));
	return IRQ_HANDLED;
}

/* Nothing left to run once the key goes (devres: after its interrupt
 * is freed). */
static void gpio_keys_quiesce_key(void *data)
{
	struct gpio_button_data *bdata = data;
	if (bdata->debounce_use_hrtimer)
		hrtimer_cancel(&bdata->debounce_timer);
	else
		cancel_delayed_work_sync(&bdata->work);
}

static int gpio_keys_setup_key(struct platform_device *pdev, struct input_dev *input,
			       struct gpio_keys_drvdata *ddata,
			       const struct gpio_keys_button *button, int idx,
			       struct fwnode_handle *child)
{
	const char *desc = button->desc ? button->desc : "gpio_keys";
	struct device *dev = &pdev->dev;
	struct gpio_button_data *bdata = &ddata->data[idx];

	bdata->input = input;
	bdata->button = button;
	bdata->gpiod = devm_fwnode_gpiod_get(dev, child, NULL, GPIOD_IN, desc);
	if (IS_ERR(bdata->gpiod))
		return dev_err_probe(dev, (int)PTR_ERR(bdata->gpiod), "failed to get gpio\n");

	if (button->debounce_interval) {
		/* The chip's own debounce, else a timer. */
		if (gpiod_set_debounce(bdata->gpiod, (unsigned int)button->debounce_interval * 1000) < 0)
			bdata->software_debounce = (unsigned int)button->debounce_interval;
		/* A line that does not sleep is read from the timer's interrupt. */
		bdata->debounce_use_hrtimer = !gpiod_cansleep(bdata->gpiod);
	}

	int irq = gpiod_to_irq(bdata->gpiod);
	if (irq < 0)
		return dev_err_probe(dev, irq, "Unable to get irq number for GPIO %d\n",
				     desc_to_gpio(bdata->gpiod));
	bdata->irq = (unsigned int)irq;

	INIT_DELAYED_WORK(&bdata->work, gpio_keys_gpio_work_func);
	hrtimer_setup(&bdata->debounce_timer, gpio_keys_debounce_timer, CLOCK_REALTIME,
		      HRTIMER_MODE_REL);

	bdata->code = &ddata->keymap[idx];
	*bdata->code = (unsigned short)button->code;
	input_set_capability(input, button->type ?: EV_KEY, *bdata->code);

	int error = devm_add_action(dev, gpio_keys_quiesce_key, bdata);
	if (error) {
		dev_err(dev, "failed to register quiesce action, error: %d\n", error);
		return error;
	}

	/* Not linux,can-disable: the line may be shared. */
	error = devm_request_any_context_irq(dev, bdata->irq, gpio_keys_gpio_isr,
					     IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING |
						     IRQF_SHARED,
					     desc, bdata);
	if (error < 0) {
		dev_err(dev, "Unable to claim irq %u; error %d\n", bdata->irq, error);
		return error;
	}
	return 0;
}

/* Each key's present state (at open and resume). */
static void gpio_keys_report_state(struct gpio_keys_drvdata *ddata)
{
	struct input_dev *input = ddata->input;
	for (int i = 0; i < ddata->pdata->nbuttons; i++)
		gpio_keys_gpio_report_event(&ddata->data[i]);
	input_sync(input);
}

static int gpio_keys_open(struct input_dev *input)
{
	gpio_keys_report_state(input_get_drvdata(input));
	return 0;
}

static struct gpio_keys_platform_data *gpio_keys_get_devtree_pdata(struct device *dev)
{
	unsigned int nbuttons = device_get_child_node_count(dev);
	if (nbuttons == 0)
		return ERR_PTR(-ENODEV);
	struct gpio_keys_platform_data *pdata =
		devm_kzalloc(dev, sizeof *pdata + nbuttons * sizeof(struct gpio_keys_button),
			     GFP_KERNEL);
	if (!pdata)
		return ERR_PTR(-ENOMEM);
	struct gpio_keys_button *button = (struct gpio_keys_button *)(pdata + 1);
	pdata->buttons = button;
	pdata->nbuttons = (int)nbuttons;
	device_property_read_string(dev, "label", &pdata->name);

	struct fwnode_handle *child;
	device_for_each_child_node(dev, child) {
		if (fwnode_property_read_u32(child, "linux,code", &button->code)) {
			dev_err(dev, "Button without keycode\n");
			fwnode_handle_put(child);
			return ERR_PTR(-EINVAL);
		}
		fwnode_property_read_string(child, "label", &button->desc);
		if (fwnode_property_read_u32(child, "linux,input-type", &button->type))
			button->type = EV_KEY;
		if (button->type != EV_KEY) {
			dev_err(dev, "%s: linux,input-type %u: pmfw's gpio-keys has keys only\n",
				button->desc ? button->desc : "gpio_keys", button->type);
			fwnode_handle_put(child);
			return ERR_PTR(-EINVAL);
		}
		button->wakeup = fwnode_property_read_bool(child, "wakeup-source") ||
				 /* legacy name */
				 fwnode_property_read_bool(child, "gpio-key,wakeup");
		u32 ms;
		button->debounce_interval =
			fwnode_property_read_u32(child, "debounce-interval", &ms) ? 5 : (int)ms;
		button++;
	}
	return pdata;
}

static int gpio_keys_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct gpio_keys_platform_data *pdata = gpio_keys_get_devtree_pdata(dev);
	if (IS_ERR(pdata))
		return (int)PTR_ERR(pdata);

	size_t n = (size_t)pdata->nbuttons;
	struct gpio_keys_drvdata *ddata =
		devm_kzalloc(dev, sizeof *ddata + n * sizeof(struct gpio_button_data), GFP_KERNEL);
	unsigned short *keymap = devm_kcalloc(dev, n, sizeof keymap[0], GFP_KERNEL);
	if (!ddata || !keymap) {
		dev_err(dev, "failed to allocate state\n");
		return -ENOMEM;
	}
	struct input_dev *input = devm_input_allocate_device(dev);
	if (!input) {
		dev_err(dev, "failed to allocate input device\n");
		return -ENOMEM;
	}
	ddata->pdata = pdata;
	ddata->input = input;
	ddata->keymap = keymap;
	platform_set_drvdata(pdev, ddata);
	input_set_drvdata(input, ddata);

	input->name = pdata->name ? pdata->name : pdev->name;
	input->phys = "gpio-keys/input0";
	input->open = gpio_keys_open;
	input->id.bustype = BUS_HOST;
	input->id.vendor = 0x0001;
	input->id.product = 0x0001;
	input->id.version = 0x0100;
	input->keycode = keymap;
	input->keycodesize = sizeof keymap[0];
	input->keycodemax = (unsigned int)n;

	bool wakeup = false;
	struct fwnode_handle *child = NULL;
	for (int i = 0; i < pdata->nbuttons; i++) {
		const struct gpio_keys_button *button = &pdata->buttons[i];
		child = device_get_next_child_node(dev, child);
		if (!child) {
			dev_err(dev, "missing child device node for entry %d\n", i);
			return -EINVAL;
		}
		int error = gpio_keys_setup_key(pdev, input, ddata, button, i, child);
		if (error) {
			fwnode_handle_put(child);
			return error;
		}
		if (button->wakeup)
			wakeup = true;
	}
	fwnode_handle_put(child);

	int error = input_register_device(input);
	if (error) {
		dev_err(dev, "Unable to register input device, error: %d\n", error);
		return error;
	}
	device_init_wakeup(dev, wakeup);
	return 0;
}

/* ---- system sleep ----------------------------------------------------------------- */

static int gpio_keys_button_enable_wakeup(struct gpio_button_data *bdata)
{
	int error = enable_irq_wake(bdata->irq);
	if (error)
		dev_err(bdata->input->dev.parent,
			"failed to configure IRQ %u as wakeup source: %d\n", bdata->irq, error);
	return error;
}

static void gpio_keys_button_disable_wakeup(struct gpio_button_data *bdata)
{
	int error = disable_irq_wake(bdata->irq);
	if (error)
		dev_warn(bdata->input->dev.parent, "failed to disable IRQ %u as wake source: %d\n",
			 bdata->irq, error);
}

static int gpio_keys_enable_wakeup(struct gpio_keys_drvdata *ddata)
{
	int i, error = 0;
	for (i = 0; i < ddata->pdata->nbuttons; i++) {
		struct gpio_button_data *bdata = &ddata->data[i];
		if (bdata->button->wakeup) {
			error = gpio_keys_button_enable_wakeup(bdata);
			if (error)
				goto err_out;
		}
		bdata->suspended = true;
	}
	return 0;

err_out:
	while (i--) {
		struct gpio_button_data *bdata = &ddata->data[i];
		if (bdata->button->wakeup)
			gpio_keys_button_disable_wakeup(bdata);
		bdata->suspended = false;
	}
	return error;
}

static void gpio_keys_disable_wakeup(struct gpio_keys_drvdata *ddata)
{
	for (int i = 0; i < ddata->pdata->nbuttons; i++) {
		struct gpio_button_data *bdata = &ddata->data[i];
		if (bdata->button->wakeup)
			gpio_keys_button_disable_wakeup(bdata);
		bdata->suspended = false;
	}
}

static int gpio_keys_suspend(struct device *dev)
{
	struct gpio_keys_drvdata *ddata = dev_get_drvdata(dev);
	/* A device that may not wake keeps its keys: suspend_device_irqs
	 * silences their interrupts (Linux closes the input device, which
	 * for gpio-keys without platform hooks does nothing more). */
	if (device_may_wakeup(dev))
		return gpio_keys_enable_wakeup(ddata);
	return 0;
}

static int gpio_keys_resume(struct device *dev)
{
	struct gpio_keys_drvdata *ddata = dev_get_drvdata(dev);
	if (device_may_wakeup(dev))
		gpio_keys_disable_wakeup(ddata);
	gpio_keys_report_state(ddata);
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(gpio_keys_pm_ops, gpio_keys_suspend, gpio_keys_resume);

static void gpio_keys_shutdown(struct platform_device *pdev)
{
	if (gpio_keys_suspend(&pdev->dev))
		dev_err(&pdev->dev, "failed to shutdown\n");
}

static const struct of_device_id gpio_keys_of_match[] = {
	{ .compatible = "gpio-keys" },
	{ },
};

static struct platform_driver gpio_keys_device_driver = {
	.probe = gpio_keys_probe,
	.shutdown = gpio_keys_shutdown,
	.driver = {
		.name = "gpio-keys",
		.pm = pm_sleep_ptr(&gpio_keys_pm_ops),
		.of_match_table = gpio_keys_of_match,
	},
};
module_platform_driver(gpio_keys_device_driver);
