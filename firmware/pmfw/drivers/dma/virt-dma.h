/*
 * Virtual DMA channels (Linux's drivers/dma/virt-dma.h): a channel a
 * client sees, with its descriptors on lists by state — allocated
 * (prepared), submitted (cookie given), issued (to run), completed (done,
 * callback due), terminated — and a tasklet that runs the callbacks, so
 * that they never run in the controller's interrupt handler. The provider
 * maps virtual channels onto its physical ones.
 *
 * Locking: vc->lock (interrupts off) around every list; callbacks run
 * without it.
 */
#ifndef _DRIVERS_DMA_VIRT_DMA_H
#define _DRIVERS_DMA_VIRT_DMA_H

#include <linux/dmaengine.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>

#include "dmaengine.h"

struct virt_dma_desc {
	struct dma_async_tx_descriptor tx;
	struct dmaengine_result tx_result;
	struct list_head node;
};

struct virt_dma_chan {
	struct dma_chan chan;
	struct tasklet_struct task;
	void (*desc_free)(struct virt_dma_desc *);
	spinlock_t lock;
	struct list_head desc_allocated;
	struct list_head desc_submitted;
	struct list_head desc_issued;
	struct list_head desc_completed;
	struct list_head desc_terminated;
	struct virt_dma_desc *cyclic;
};

static inline struct virt_dma_chan *to_virt_chan(struct dma_chan *chan)
{
	return container_of(chan, struct virt_dma_chan, chan);
}

void vchan_dma_desc_free_list(struct virt_dma_chan *vc, struct list_head *head);
void vchan_init(struct virt_dma_chan *vc, struct dma_device *dmadev);
struct virt_dma_desc *vchan_find_desc(struct virt_dma_chan *vc, dma_cookie_t cookie);
dma_cookie_t vchan_tx_submit(struct dma_async_tx_descriptor *tx);
int vchan_tx_desc_free(struct dma_async_tx_descriptor *tx);

/* A prepared descriptor of the channel (on desc_allocated until
 * submitted). */
static inline struct dma_async_tx_descriptor *vchan_tx_prep(struct virt_dma_chan *vc,
							    struct virt_dma_desc *vd,
							    unsigned long tx_flags)
{
	unsigned long flags;
	memset(&vd->tx, 0, sizeof(vd->tx));
	vd->tx.chan = &vc->chan;
	vd->tx.tx_submit = vchan_tx_submit;
	vd->tx.desc_free = vchan_tx_desc_free;
	vd->tx.flags = (enum dma_ctrl_flags)tx_flags;
	vd->tx_result.result = DMA_TRANS_NOERROR;
	vd->tx_result.residue = 0;
	spin_lock_irqsave(&vc->lock, flags);
	list_add_tail(&vd->node, &vc->desc_allocated);
	spin_unlock_irqrestore(&vc->lock, flags);
	return &vd->tx;
}

/* Move the submitted descriptors to the issued list, with vc->lock held;
 * true if there is anything to run. */
static inline bool vchan_issue_pending(struct virt_dma_chan *vc)
{
	list_splice_tail_init(&vc->desc_submitted, &vc->desc_issued);
	return !list_empty(&vc->desc_issued);
}

/* A descriptor is done (vc->lock held): its cookie completes and its
 * callback is scheduled. */
static inline void vchan_cookie_complete(struct virt_dma_desc *vd)
{
	struct virt_dma_chan *vc = to_virt_chan(vd->tx.chan);
	dma_cookie_complete(&vd->tx);
	list_add_tail(&vd->node, &vc->desc_completed);
	tasklet_schedule(&vc->task);
}

static inline void vchan_vdesc_fini(struct virt_dma_desc *vd)
{
	struct virt_dma_chan *vc = to_virt_chan(vd->tx.chan);
	vc->desc_free(vd);
}

/* A period of a cyclic descriptor is done (vc->lock held). */
static inline void vchan_cyclic_callback(struct virt_dma_desc *vd)
{
	struct virt_dma_chan *vc = to_virt_chan(vd->tx.chan);
	vc->cyclic = vd;
	tasklet_schedule(&vc->task);
}

/* A descriptor stopped by terminate_all (vc->lock held): freed at
 * synchronize, its callback never called. */
static inline void vchan_terminate_vdesc(struct virt_dma_desc *vd)
{
	struct virt_dma_chan *vc = to_virt_chan(vd->tx.chan);
	list_add_tail(&vd->node, &vc->desc_terminated);
	if (vc->cyclic == vd)
		vc->cyclic = NULL;
}

/* The next issued descriptor (vc->lock held), or NULL. */
static inline struct virt_dma_desc *vchan_next_desc(struct virt_dma_chan *vc)
{
	return list_first_entry_or_null(&vc->desc_issued, struct virt_dma_desc, node);
}

/* Every descriptor of the channel onto `head` (vc->lock held). */
static inline void vchan_get_all_descriptors(struct virt_dma_chan *vc, struct list_head *head)
{
	list_splice_tail_init(&vc->desc_allocated, head);
	list_splice_tail_init(&vc->desc_submitted, head);
	list_splice_tail_init(&vc->desc_issued, head);
	list_splice_tail_init(&vc->desc_completed, head);
	list_splice_tail_init(&vc->desc_terminated, head);
}

static inline void vchan_free_chan_resources(struct virt_dma_chan *vc)
{
	LIST_HEAD(head);
	unsigned long flags;
	spin_lock_irqsave(&vc->lock, flags);
	vchan_get_all_descriptors(vc, &head);
	spin_unlock_irqrestore(&vc->lock, flags);
	vchan_dma_desc_free_list(vc, &head);
}

/* Wait for the callbacks to finish, then free what terminate_all
 * stopped. */
static inline void vchan_synchronize(struct virt_dma_chan *vc)
{
	LIST_HEAD(head);
	unsigned long flags;
	tasklet_kill(&vc->task);
	spin_lock_irqsave(&vc->lock, flags);
	list_splice_tail_init(&vc->desc_terminated, &head);
	spin_unlock_irqrestore(&vc->lock, flags);
	vchan_dma_desc_free_list(vc, &head);
}

#endif
