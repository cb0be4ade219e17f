/*
 * Virtual DMA channels (Linux's drivers/dma/virt-dma.c): submission
 * (cookies), lookup by cookie, and the tasklet that runs the completion
 * callbacks in softirq context (the ksoftirqd thread), outside the
 * controller's interrupt handler and without the channel's lock.
 */
#include <linux/string.h>

#include "virt-dma.h"

static struct virt_dma_desc *to_virt_desc(struct dma_async_tx_descriptor *tx)
{
	return container_of(tx, struct virt_dma_desc, tx);
}

dma_cookie_t vchan_tx_submit(struct dma_async_tx_descriptor *tx)
{
	struct virt_dma_chan *vc = to_virt_chan(tx->chan);
	struct virt_dma_desc *vd = to_virt_desc(tx);
	unsigned long flags;
	spin_lock_irqsave(&vc->lock, flags);
	dma_cookie_t cookie = dma_cookie_assign(tx);
	list_move_tail(&vd->node, &vc->desc_submitted);
	spin_unlock_irqrestore(&vc->lock, flags);
	return cookie;
}

/* For a descriptor the client keeps (DMA_CTRL_REUSE): free it now. */
int vchan_tx_desc_free(struct dma_async_tx_descriptor *tx)
{
	struct virt_dma_chan *vc = to_virt_chan(tx->chan);
	struct virt_dma_desc *vd = to_virt_desc(tx);
	unsigned long flags;
	spin_lock_irqsave(&vc->lock, flags);
	list_del(&vd->node);
	spin_unlock_irqrestore(&vc->lock, flags);
	vc->desc_free(vd);
	return 0;
}

struct virt_dma_desc *vchan_find_desc(struct virt_dma_chan *vc, dma_cookie_t cookie)
{
	struct virt_dma_desc *vd;
	list_for_each_entry(vd, &vc->desc_issued, node)
		if (vd->tx.cookie == cookie)
			return vd;
	list_for_each_entry(vd, &vc->desc_submitted, node)
		if (vd->tx.cookie == cookie)
			return vd;
	return NULL;
}

/* The tasklet: the period callback of a cyclic descriptor, then every
 * completed descriptor's callback, each with its result, and its free. */
static void vchan_complete(struct tasklet_struct *t)
{
	struct virt_dma_chan *vc = from_tasklet(vc, t, task);
	struct dmaengine_desc_callback cb;
	struct dmaengine_result result = { DMA_TRANS_NOERROR, 0 };
	struct virt_dma_desc *vd, *tmp;
	LIST_HEAD(head);
	unsigned long flags;

	spin_lock_irqsave(&vc->lock, flags);
	list_splice_tail_init(&vc->desc_completed, &head);
	vd = vc->cyclic;
	if (vd) {
		vc->cyclic = NULL;
		dmaengine_desc_get_callback(&vd->tx, &cb);
		result = vd->tx_result;
	} else {
		memset(&cb, 0, sizeof(cb));
	}
	spin_unlock_irqrestore(&vc->lock, flags);

	dmaengine_desc_callback_invoke(&cb, &result);

	list_for_each_entry_safe(vd, tmp, &head, node) {
		dmaengine_desc_get_callback(&vd->tx, &cb);
		list_del(&vd->node);
		dmaengine_desc_callback_invoke(&cb, &vd->tx_result);
		vchan_vdesc_fini(vd);
	}
}

void vchan_dma_desc_free_list(struct virt_dma_chan *vc, struct list_head *head)
{
	struct virt_dma_desc *vd, *tmp;
	list_for_each_entry_safe(vd, tmp, head, node) {
		list_del(&vd->node);
		vchan_vdesc_fini(vd);
	}
}

void vchan_init(struct virt_dma_chan *vc, struct dma_device *dmadev)
{
	dma_cookie_init(&vc->chan);
	spin_lock_init(&vc->lock);
	INIT_LIST_HEAD(&vc->desc_allocated);
	INIT_LIST_HEAD(&vc->desc_submitted);
	INIT_LIST_HEAD(&vc->desc_issued);
	INIT_LIST_HEAD(&vc->desc_completed);
	INIT_LIST_HEAD(&vc->desc_terminated);
	tasklet_setup(&vc->task, vchan_complete);
	vc->chan.device = dmadev;
	list_add_tail(&vc->chan.device_node, &dmadev->channels);
}
