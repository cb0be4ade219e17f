/*
 * DMA controllers in the device tree (include/linux/of_dma.h,
 * drivers/dma/of-dma.c): a controller node with #dma-cells registers a
 * translation from a consumer's `dmas` specifier to a channel.
 */
#ifndef _LINUX_OF_DMA_H
#define _LINUX_OF_DMA_H

#include <linux/list.h>
#include <linux/of.h>

struct dma_chan;

struct of_dma {
	struct list_head of_dma_controllers;
	struct device_node *of_node;
	struct dma_chan *(*of_dma_xlate)(struct of_phandle_args *, struct of_dma *);
	void *of_dma_data;
};

int of_dma_controller_register(struct device_node *np,
			       struct dma_chan *(*of_dma_xlate)(struct of_phandle_args *,
								struct of_dma *),
			       void *data);
void of_dma_controller_free(struct device_node *np);
/* The channel of np's `dmas` entry named `name`: ERR_PTR(-ENODEV) if np
 * has no such entry, -EPROBE_DEFER if its controller is not registered,
 * or what the controller's xlate says. */
struct dma_chan *of_dma_request_slave_channel(struct device_node *np, const char *name);

#endif
