/*
 * DMA controllers in the device tree (Linux's drivers/dma/of-dma.c): a
 * controller registers its node and a translation; a consumer's
 * `dmas = <&dma0 1>` with `dma-names = "rx"` then names that controller
 * and the specifier the translation turns into a channel.
 */
#include <linux/dmaengine.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/of_dma.h>
#include <linux/slab.h>

static LIST_HEAD(of_dma_list);
static DEFINE_MUTEX(of_dma_lock);

static struct of_dma *of_dma_find_controller(const struct of_phandle_args *spec)
{
	struct of_dma *ofdma;
	list_for_each_entry(ofdma, &of_dma_list, of_dma_controllers)
		if (ofdma->of_node == spec->np)
			return ofdma;
	return NULL;
}

int of_dma_controller_register(struct device_node *np,
			       struct dma_chan *(*of_dma_xlate)(struct of_phandle_args *,
								struct of_dma *),
			       void *data)
{
	if (!np || !of_dma_xlate) {
		pr_err("%s: not enough information provided\n", __func__);
		return -EINVAL;
	}
	struct of_dma *ofdma = kzalloc(sizeof(*ofdma), GFP_KERNEL);
	if (!ofdma)
		return -ENOMEM;
	ofdma->of_node = np;
	ofdma->of_dma_xlate = of_dma_xlate;
	ofdma->of_dma_data = data;
	mutex_lock(&of_dma_lock);
	list_add_tail(&ofdma->of_dma_controllers, &of_dma_list);
	mutex_unlock(&of_dma_lock);
	return 0;
}

void of_dma_controller_free(struct device_node *np)
{
	struct of_dma *ofdma;
	mutex_lock(&of_dma_lock);
	list_for_each_entry(ofdma, &of_dma_list, of_dma_controllers)
		if (ofdma->of_node == np) {
			list_del(&ofdma->of_dma_controllers);
			kfree(ofdma);
			break;
		}
	mutex_unlock(&of_dma_lock);
}

struct dma_chan *of_dma_request_slave_channel(struct device_node *np, const char *name)
{
	if (!np || !name)
		return ERR_PTR(-ENODEV);
	if (!of_property_present(np, "dmas"))
		return ERR_PTR(-ENODEV);
	int index = of_property_match_string(np, "dma-names", name);
	if (index < 0)
		return ERR_PTR(-ENODEV);
	struct of_phandle_args spec;
	if (of_parse_phandle_with_args(np, "dmas", "#dma-cells", index, &spec))
		return ERR_PTR(-ENODEV);
	struct dma_chan *chan = ERR_PTR(-EPROBE_DEFER);
	mutex_lock(&of_dma_lock);
	struct of_dma *ofdma = of_dma_find_controller(&spec);
	if (ofdma) {
		chan = ofdma->of_dma_xlate(&spec, ofdma);
		if (!chan)
			chan = ERR_PTR(-ENODEV); /* taken, as Linux says it */
	}
	mutex_unlock(&of_dma_lock);
	return chan;
}
