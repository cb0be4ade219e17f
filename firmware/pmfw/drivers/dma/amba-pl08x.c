/*
 * The ARM PrimeCell PL080 DMA controller (Linux's drivers/dma/amba-pl08x.c;
 * docs/devices/pl080.md), a dmaengine provider:
 *
 *  - two dma_devices, as Linux registers them: "memcpy" (DMA_MEMCPY, one
 *    virtual channel per physical channel) and "slave" (DMA_SLAVE and
 *    DMA_CYCLIC, one virtual channel per request line, `dma-requests` of
 *    them), with the DT translation `dmas = <&dma0 LINE>` (#dma-cells 1);
 *  - virtual channels are multiplexed onto the 8 physical ones: a virtual
 *    channel with work issued takes a free physical channel (the lowest
 *    number: the highest priority) and keeps it while it has work; with
 *    none free it waits and gets the next one released;
 *  - a transfer is a linked list (pl08x-lli.c) in blocks of a dma_pool of
 *    coherent memory, which the controller reads without maintenance; the
 *    first item is loaded into the channel's registers, the rest are
 *    fetched by the controller;
 *  - the interrupt handler (terminal count and error) completes the
 *    running descriptor and starts the next; callbacks run in the
 *    virtual channel's tasklet (virt-dma.c), never in the handler, with a
 *    struct dmaengine_result: DMA_TRANS_NOERROR and residue 0 on success;
 *    on an error interrupt (a bus error: the controller has stopped the
 *    channel) DMA_TRANS_ABORTED with the bytes not moved — Linux's driver
 *    reports nothing there; a cyclic transfer's callback after each
 *    period carries the residue to the end of the buffer;
 *  - runtime PM per transfer, as Linux's pl330 does it: a virtual channel
 *    with work issued (running, paused, or waiting for a physical
 *    channel) holds the controller resumed; when the last one goes idle
 *    the controller autosuspends PL08X_AUTOSUSPEND_DELAY ms later,
 *    gating HCLK (`clocks`, through the clk framework), and its power
 *    domain can go off. issue_pending runs in atomic context, so it asks
 *    for an asynchronous resume (pl330 makes itself irq-safe instead,
 *    which would keep a non-irq-safe domain on for good): until the
 *    controller is ready the channel waits, and the resume callback,
 *    having set the controller up again (a domain power-off lost its
 *    registers), starts the channels that wait. Holding a channel
 *    (dma_request_chan) costs nothing; a cyclic transfer keeps the
 *    controller on while it runs. System sleep forces the runtime state
 *    at the late phase.
 *
 * Simplifications against Linux's driver: one AHB master (the LLIs' and
 * the Control's master bits are 0), memory widths from alignment (no
 * bytewise head and tail), no PL080S/PL081/FTDMAC020 variants, no signal
 * muxing (the DT's request line is the controller's input).
 */
#include <asm/io.h>
#include <linux/amba/pl080.h>
#include <linux/clk.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/dmapool.h>
#include <linux/interrupt.h>
#include <linux/of.h>
#include <linux/of_dma.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>

#include "pl08x-lli.h"
#include "virt-dma.h"

#define DRIVER_NAME "pl08xdmac"
#define PL08X_MAX_PHYS 8
#define PL08X_LLIS_PER_BLOCK 32 /* one dma_pool block: 512 bytes */
#define PL08X_LLI_BLOCK (PL08X_LLIS_PER_BLOCK * sizeof(struct pl080_lli))
#define PL08X_AUTOSUSPEND_DELAY 20 /* ms, as Linux's pl330 */

struct pl08x_dma_chan;

struct pl08x_phy_chan {
	unsigned int id;
	void __iomem *base;
	struct pl08x_dma_chan *serving;
};

struct pl08x_txd {
	struct virt_dma_desc vd;
	struct pl080_lli *llis_va;
	dma_addr_t llis_bus;
	unsigned int n_llis;
	bool llis_from_pool;
	size_t len;
	u32 ccfg;
	bool cyclic;
};

enum pl08x_dma_chan_state {
	PL08X_CHAN_IDLE,
	PL08X_CHAN_RUNNING,
	PL08X_CHAN_PAUSED,
	PL08X_CHAN_WAITING,
};

struct pl08x_driver_data;

struct pl08x_dma_chan {
	struct virt_dma_chan vc;
	struct pl08x_phy_chan *phychan;
	const char *name;
	int signal; /* the request line; -1 for memcpy */
	struct pl08x_txd *at;
	struct dma_slave_config cfg;
	struct pl08x_driver_data *host;
	enum pl08x_dma_chan_state state;
	bool slave;
	bool pm_held; /* has work: holds the controller resumed */
	char name_buf[12];
};

struct pl08x_driver_data {
	struct dma_device slave;
	struct dma_device memcpy;
	struct device *dev;
	void __iomem *base;
	struct clk *clk;
	int irq;
	struct dma_pool *pool;
	struct pl08x_phy_chan phy_chans[PL08X_MAX_PHYS];
	unsigned int num_phys;
	struct pl08x_dma_chan *slave_chans;
	unsigned int num_slave;
	struct pl08x_dma_chan *memcpy_chans;
	u32 memcpy_burst;
	spinlock_t lock; /* the physical channels' owners, hw_ready */
	bool hw_ready;	 /* clocked and set up: channels can start */
};

static struct pl08x_dma_chan *to_pl08x_chan(struct dma_chan *chan)
{
	return container_of(chan, struct pl08x_dma_chan, vc.chan);
}

static struct pl08x_txd *to_pl08x_txd(struct virt_dma_desc *vd)
{
	return container_of(vd, struct pl08x_txd, vd);
}

static bool pl08x_phy_channel_busy(struct pl08x_phy_chan *ch)
{
	return readl(ch->base + PL080_CH_CONFIG) & PL080_CONFIG_ACTIVE;
}

static bool pl08x_phy_enabled(struct pl08x_driver_data *pl08x, struct pl08x_phy_chan *ch)
{
	return readl(pl08x->base + PL080_EN_CHAN) & BIT(ch->id);
}

/* Load the next issued descriptor's first item and enable the channel. */
static void pl08x_start_next_txd(struct pl08x_dma_chan *plchan)
{
	struct pl08x_driver_data *pl08x = plchan->host;
	struct pl08x_phy_chan *phychan = plchan->phychan;
	struct virt_dma_desc *vd = vchan_next_desc(&plchan->vc);
	struct pl08x_txd *txd = to_pl08x_txd(vd);
	list_del(&vd->node);
	plchan->at = txd;
	/* A channel that stopped by itself clears E at once; wait anyway, as
	 * Linux does, so that the registers are not written under it. */
	while (pl08x_phy_enabled(pl08x, phychan))
		barrier();
	const struct pl080_lli *lli = &txd->llis_va[0];
	writel(lli->src, phychan->base + PL080_CH_SRC_ADDR);
	writel(lli->dst, phychan->base + PL080_CH_DST_ADDR);
	writel(lli->lli, phychan->base + PL080_CH_LLI);
	writel(lli->control0, phychan->base + PL080_CH_CONTROL);
	writel(txd->ccfg, phychan->base + PL080_CH_CONFIG);
	writel(BIT(phychan->id), pl08x->base + PL080_TC_CLEAR);
	writel(BIT(phychan->id), pl08x->base + PL080_ERR_CLEAR);
	/* The items and the buffers' maintenance reach memory first. */
	__asm__ volatile("dsb" ::: "memory");
	writel(txd->ccfg | PL080_CONFIG_ENABLE_CH, phychan->base + PL080_CH_CONFIG);
}

/* Stop a channel at once (its FIFO's data is lost: only for terminate). */
static void pl08x_terminate_phy_chan(struct pl08x_driver_data *pl08x,
				     struct pl08x_phy_chan *ch)
{
	u32 val = readl(ch->base + PL080_CH_CONFIG);
	val &= ~(PL080_CONFIG_ENABLE_CH | PL080_CONFIG_ERR_IRQ_MASK | PL080_CONFIG_TC_IRQ_MASK |
		 PL080_CONFIG_HALT);
	writel(val, ch->base + PL080_CH_CONFIG);
	writel(BIT(ch->id), pl08x->base + PL080_ERR_CLEAR);
	writel(BIT(ch->id), pl08x->base + PL080_TC_CLEAR);
}

/* Halt: no new requests are served; wait (1 ms at most) until the FIFO
 * has drained. */
static void pl08x_pause_phy_chan(struct pl08x_phy_chan *ch)
{
	writel(readl(ch->base + PL080_CH_CONFIG) | PL080_CONFIG_HALT, ch->base + PL080_CH_CONFIG);
	for (int timeout = 1000; timeout && pl08x_phy_channel_busy(ch); timeout--)
		udelay(1);
	if (pl08x_phy_channel_busy(ch))
		pr_err("pl08x: channel%u timeout waiting for pause\n", ch->id);
}

static void pl08x_resume_phy_chan(struct pl08x_phy_chan *ch)
{
	writel(readl(ch->base + PL080_CH_CONFIG) & ~PL080_CONFIG_HALT, ch->base + PL080_CH_CONFIG);
}

static struct pl08x_phy_chan *pl08x_get_phy_channel(struct pl08x_driver_data *pl08x,
						    struct pl08x_dma_chan *virt_chan)
{
	struct pl08x_phy_chan *ch = NULL;
	unsigned long flags;
	spin_lock_irqsave(&pl08x->lock, flags);
	for (unsigned int i = 0; i < pl08x->num_phys; i++)
		if (!pl08x->phy_chans[i].serving) {
			ch = &pl08x->phy_chans[i];
			ch->serving = virt_chan;
			break;
		}
	spin_unlock_irqrestore(&pl08x->lock, flags);
	return ch;
}

static void pl08x_phy_alloc_and_start(struct pl08x_dma_chan *plchan)
{
	struct pl08x_phy_chan *ch = pl08x_get_phy_channel(plchan->host, plchan);
	if (!ch) {
		dev_dbg(plchan->host->dev, "no physical channel available for xfer on %s\n",
			plchan->name);
		plchan->state = PL08X_CHAN_WAITING;
		return;
	}
	plchan->phychan = ch;
	plchan->state = PL08X_CHAN_RUNNING;
	pl08x_start_next_txd(plchan);
}

/* The virtual channel that has waited for a physical one, if any. */
static struct pl08x_dma_chan *pl08x_find_waiting(struct pl08x_driver_data *pl08x)
{
	for (unsigned int i = 0; i < pl08x->num_phys; i++)
		if (pl08x->memcpy_chans[i].state == PL08X_CHAN_WAITING)
			return &pl08x->memcpy_chans[i];
	for (unsigned int i = 0; i < pl08x->num_slave; i++)
		if (pl08x->slave_chans[i].state == PL08X_CHAN_WAITING)
			return &pl08x->slave_chans[i];
	return NULL;
}

/* A virtual channel with work holds the controller resumed; idle, it
 * lets it autosuspend. Atomic context (the channel's lock held): the get
 * is asynchronous. */
static void pl08x_chan_busy(struct pl08x_dma_chan *plchan)
{
	if (plchan->pm_held)
		return;
	plchan->pm_held = true;
	pm_runtime_get(plchan->host->dev);
}

static void pl08x_chan_idle(struct pl08x_dma_chan *plchan)
{
	if (!plchan->pm_held)
		return;
	plchan->pm_held = false;
	pm_runtime_mark_last_busy(plchan->host->dev);
	pm_runtime_put_autosuspend(plchan->host->dev);
}

static bool pl08x_hw_ready(struct pl08x_driver_data *pl08x)
{
	unsigned long flags;
	spin_lock_irqsave(&pl08x->lock, flags);
	bool ready = pl08x->hw_ready;
	spin_unlock_irqrestore(&pl08x->lock, flags);
	return ready;
}

/* Release plchan's physical channel (plchan's lock held): to a waiting
 * virtual channel, which starts at once, or to the free list. */
static void pl08x_phy_free(struct pl08x_dma_chan *plchan)
{
	struct pl08x_driver_data *pl08x = plchan->host;
	struct pl08x_phy_chan *ch = plchan->phychan;
	pl08x_terminate_phy_chan(pl08x, ch);
	plchan->phychan = NULL;
	plchan->state = PL08X_CHAN_IDLE;
	pl08x_chan_idle(plchan);
	unsigned long flags;
	spin_lock_irqsave(&pl08x->lock, flags);
	struct pl08x_dma_chan *next = pl08x_find_waiting(pl08x);
	ch->serving = next;
	spin_unlock_irqrestore(&pl08x->lock, flags);
	if (next) {
		spin_lock(&next->vc.lock);
		next->phychan = ch;
		next->state = PL08X_CHAN_RUNNING;
		if (vchan_next_desc(&next->vc))
			pl08x_start_next_txd(next);
		else
			pl08x_phy_free(next);
		spin_unlock(&next->vc.lock);
	}
}

/* Bytes not yet moved of the running descriptor (plchan's lock held). */
static size_t pl08x_getbytes_chan(struct pl08x_dma_chan *plchan)
{
	struct pl08x_phy_chan *ch = plchan->phychan;
	struct pl08x_txd *txd = plchan->at;
	if (!ch || !txd)
		return 0;
	u32 cctl = readl(ch->base + PL080_CH_CONTROL), clli = readl(ch->base + PL080_CH_LLI);
	return pl08x_residue(txd->llis_va, txd->n_llis, txd->llis_bus, cctl, clli);
}

static void pl08x_free_txd(struct pl08x_driver_data *pl08x, struct pl08x_txd *txd)
{
	if (txd->llis_va) {
		if (txd->llis_from_pool)
			dma_pool_free(pl08x->pool, txd->llis_va, txd->llis_bus);
		else
			dma_free_coherent(pl08x->dev, txd->n_llis * sizeof(struct pl080_lli),
					  txd->llis_va, txd->llis_bus);
	}
	kfree(txd);
}

static void pl08x_desc_free(struct virt_dma_desc *vd)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(vd->tx.chan);
	pl08x_free_txd(plchan->host, to_pl08x_txd(vd));
}

static int pl08x_alloc_chan_resources(struct dma_chan *chan)
{
	return 0;
}

static void pl08x_free_chan_resources(struct dma_chan *chan)
{
	vchan_free_chan_resources(to_virt_chan(chan));
}

/* The burst code for at most `maxburst` items (0: single). */
static u32 pl08x_burst(u32 maxburst)
{
	static const u32 sizes[] = { 256, 128, 64, 32, 16, 8, 4, 1 };
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++)
		if (maxburst >= sizes[i])
			return PL080_BSIZE_256 - i;
	return PL080_BSIZE_1;
}

/* Build a descriptor for the pieces: its items in coherent memory. */
static struct dma_async_tx_descriptor *pl08x_prep(struct pl08x_dma_chan *plchan,
						  const struct pl08x_lli_params *p,
						  const struct pl08x_sg *sg, unsigned int nsg,
						  u32 ccfg, unsigned long flags)
{
	struct pl08x_driver_data *pl08x = plchan->host;
	unsigned int n = pl08x_count_llis(p, sg, nsg);
	if (!n) {
		dev_err(pl08x->dev, "%s: a transfer of this length or alignment cannot be built\n",
			plchan->name);
		return NULL;
	}
	struct pl08x_txd *txd = kzalloc(sizeof(*txd), GFP_NOWAIT);
	if (!txd)
		return NULL;
	if (n <= PL08X_LLIS_PER_BLOCK) {
		txd->llis_va = dma_pool_alloc(pl08x->pool, GFP_NOWAIT, &txd->llis_bus);
		txd->llis_from_pool = true;
	} else {
		txd->llis_va = dma_alloc_coherent(pl08x->dev, n * sizeof(struct pl080_lli),
						  &txd->llis_bus, GFP_NOWAIT);
	}
	txd->n_llis = n;
	if (!txd->llis_va) {
		dev_err(pl08x->dev, "%s no memory for llis\n", __func__);
		kfree(txd);
		return NULL;
	}
	int ret = pl08x_fill_llis(p, sg, nsg, txd->llis_va, txd->llis_bus, n);
	if (ret < 0) {
		pl08x_free_txd(pl08x, txd);
		return NULL;
	}
	txd->len = 0;
	for (unsigned int i = 0; i < nsg; i++)
		txd->len += sg[i].len;
	txd->ccfg = ccfg | PL080_CONFIG_ERR_IRQ_MASK | PL080_CONFIG_TC_IRQ_MASK;
	txd->cyclic = p->cyclic;
	return vchan_tx_prep(&plchan->vc, &txd->vd, flags);
}

static struct dma_async_tx_descriptor *pl08x_prep_dma_memcpy(struct dma_chan *chan,
							     dma_addr_t dest, dma_addr_t src,
							     size_t len, unsigned long flags)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(chan);
	u32 burst = plchan->host->memcpy_burst;
	struct pl08x_lli_params p = {
		.cctl = PL080_CONTROL_SRC_INCR | PL080_CONTROL_DST_INCR | PL080_CONTROL_PROT_SYS |
			burst << PL080_CONTROL_SB_SIZE_SHIFT | burst << PL080_CONTROL_DB_SIZE_SHIFT,
	};
	struct pl08x_sg sg = { src, dest, len };
	return pl08x_prep(plchan, &p, &sg, 1, PL080_FLOW_MEM2MEM << PL080_CONFIG_FLOW_CONTROL_SHIFT,
			  flags);
}

/* The device's end of a slave transfer, from the slave configuration:
 * its address, the parameters and the channel configuration. */
static int pl08x_slave_params(struct pl08x_dma_chan *plchan, enum dma_transfer_direction dir,
			      dma_addr_t *dev_addr, struct pl08x_lli_params *p, u32 *ccfg)
{
	struct pl08x_driver_data *pl08x = plchan->host;
	const struct dma_slave_config *cfg = &plchan->cfg;
	enum dma_slave_buswidth width;
	u32 burst;
	if (!plchan->slave)
		return -EINVAL;
	if (dir == DMA_MEM_TO_DEV) {
		*dev_addr = cfg->dst_addr;
		width = cfg->dst_addr_width;
		burst = cfg->dst_maxburst;
		p->cctl = PL080_CONTROL_SRC_INCR;
		p->dst_width = width;
		*ccfg = PL080_FLOW_MEM2PER << PL080_CONFIG_FLOW_CONTROL_SHIFT |
			(u32)plchan->signal << PL080_CONFIG_DST_SEL_SHIFT;
	} else if (dir == DMA_DEV_TO_MEM) {
		*dev_addr = cfg->src_addr;
		width = cfg->src_addr_width;
		burst = cfg->src_maxburst;
		p->cctl = PL080_CONTROL_DST_INCR;
		p->src_width = width;
		*ccfg = PL080_FLOW_PER2MEM << PL080_CONFIG_FLOW_CONTROL_SHIFT |
			(u32)plchan->signal << PL080_CONFIG_SRC_SEL_SHIFT;
	} else {
		dev_err(pl08x->dev, "%s direction unsupported\n", __func__);
		return -EINVAL;
	}
	if (width != DMA_SLAVE_BUSWIDTH_1_BYTE && width != DMA_SLAVE_BUSWIDTH_2_BYTES &&
	    width != DMA_SLAVE_BUSWIDTH_4_BYTES) {
		dev_err(pl08x->dev, "bad runtime_config: alien address width\n");
		return -EINVAL;
	}
	p->cctl |= PL080_CONTROL_PROT_SYS | pl08x_burst(burst) << PL080_CONTROL_SB_SIZE_SHIFT |
		   pl08x_burst(burst) << PL080_CONTROL_DB_SIZE_SHIFT;
	return 0;
}

static struct dma_async_tx_descriptor *pl08x_prep_slave_sg(struct dma_chan *chan,
							   struct scatterlist *sgl,
							   unsigned int sg_len,
							   enum dma_transfer_direction direction,
							   unsigned long flags, void *context)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(chan);
	struct pl08x_lli_params p = { 0 };
	dma_addr_t dev_addr;
	u32 ccfg;
	if (!sg_len || pl08x_slave_params(plchan, direction, &dev_addr, &p, &ccfg))
		return NULL;
	struct pl08x_sg *sg = kcalloc(sg_len, sizeof(*sg), GFP_NOWAIT);
	if (!sg)
		return NULL;
	struct scatterlist *s;
	unsigned int i;
	for_each_sg(sgl, s, sg_len, i) {
		bool to_dev = direction == DMA_MEM_TO_DEV;
		sg[i].src_addr = to_dev ? sg_dma_address(s) : dev_addr;
		sg[i].dst_addr = to_dev ? dev_addr : sg_dma_address(s);
		sg[i].len = sg_dma_len(s);
	}
	struct dma_async_tx_descriptor *tx = pl08x_prep(plchan, &p, sg, sg_len, ccfg, flags);
	kfree(sg);
	return tx;
}

static struct dma_async_tx_descriptor *pl08x_prep_dma_cyclic(struct dma_chan *chan,
							     dma_addr_t buf_addr, size_t buf_len,
							     size_t period_len,
							     enum dma_transfer_direction direction,
							     unsigned long flags)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(chan);
	struct pl08x_lli_params p = { .cyclic = true };
	dma_addr_t dev_addr;
	u32 ccfg;
	if (!period_len || buf_len % period_len) {
		dev_err(plchan->host->dev, "%s: buffer length %zu is not a whole number of %zu-byte "
			"periods\n", plchan->name, buf_len, period_len);
		return NULL;
	}
	if (pl08x_slave_params(plchan, direction, &dev_addr, &p, &ccfg))
		return NULL;
	unsigned int n = (unsigned int)(buf_len / period_len);
	struct pl08x_sg *sg = kcalloc(n, sizeof(*sg), GFP_NOWAIT);
	if (!sg)
		return NULL;
	for (unsigned int i = 0; i < n; i++) {
		dma_addr_t a = buf_addr + (dma_addr_t)(i * period_len);
		bool to_dev = direction == DMA_MEM_TO_DEV;
		sg[i] = (struct pl08x_sg){ to_dev ? a : dev_addr, to_dev ? dev_addr : a, period_len };
	}
	struct dma_async_tx_descriptor *tx = pl08x_prep(plchan, &p, sg, n, ccfg, flags);
	kfree(sg);
	return tx;
}

static int pl08x_config(struct dma_chan *chan, struct dma_slave_config *config)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(chan);
	if (!plchan->slave)
		return -EINVAL;
	if (config->src_addr_width == DMA_SLAVE_BUSWIDTH_8_BYTES ||
	    config->dst_addr_width == DMA_SLAVE_BUSWIDTH_8_BYTES)
		return -EINVAL;
	if (config->device_fc) {
		dev_err(plchan->host->dev, "%s: peripheral flow control is not supported\n",
			plchan->name);
		return -EINVAL;
	}
	plchan->cfg = *config;
	return 0;
}

static void pl08x_issue_pending(struct dma_chan *chan)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(chan);
	unsigned long flags;
	spin_lock_irqsave(&plchan->vc.lock, flags);
	if (vchan_issue_pending(&plchan->vc) && !plchan->phychan &&
	    plchan->state != PL08X_CHAN_WAITING) {
		pl08x_chan_busy(plchan);
		if (pl08x_hw_ready(plchan->host))
			pl08x_phy_alloc_and_start(plchan);
		else
			plchan->state = PL08X_CHAN_WAITING; /* for the resume */
	}
	spin_unlock_irqrestore(&plchan->vc.lock, flags);
}

static enum dma_status pl08x_dma_tx_status(struct dma_chan *chan, dma_cookie_t cookie,
					   struct dma_tx_state *txstate)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(chan);
	enum dma_status ret = dma_cookie_status(chan, cookie, txstate);
	if (ret == DMA_COMPLETE)
		return ret;
	size_t bytes = 0;
	unsigned long flags;
	spin_lock_irqsave(&plchan->vc.lock, flags);
	ret = dma_cookie_status(chan, cookie, txstate);
	if (ret != DMA_COMPLETE) {
		struct virt_dma_desc *vd = vchan_find_desc(&plchan->vc, cookie);
		if (vd)
			bytes = to_pl08x_txd(vd)->len; /* queued: nothing moved yet */
		else if (plchan->at && plchan->at->vd.tx.cookie == cookie)
			bytes = pl08x_getbytes_chan(plchan);
	}
	if (plchan->state == PL08X_CHAN_PAUSED && ret == DMA_IN_PROGRESS)
		ret = DMA_PAUSED;
	spin_unlock_irqrestore(&plchan->vc.lock, flags);
	dma_set_residue(txstate, (u32)bytes);
	return ret;
}

static int pl08x_pause(struct dma_chan *chan)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(chan);
	unsigned long flags;
	spin_lock_irqsave(&plchan->vc.lock, flags);
	if (!plchan->phychan && !plchan->at) {
		spin_unlock_irqrestore(&plchan->vc.lock, flags);
		return 0;
	}
	if (plchan->phychan)
		pl08x_pause_phy_chan(plchan->phychan);
	plchan->state = PL08X_CHAN_PAUSED;
	spin_unlock_irqrestore(&plchan->vc.lock, flags);
	return 0;
}

static int pl08x_resume(struct dma_chan *chan)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(chan);
	unsigned long flags;
	spin_lock_irqsave(&plchan->vc.lock, flags);
	if (plchan->state == PL08X_CHAN_PAUSED && plchan->phychan) {
		pl08x_resume_phy_chan(plchan->phychan);
		plchan->state = PL08X_CHAN_RUNNING;
	}
	spin_unlock_irqrestore(&plchan->vc.lock, flags);
	return 0;
}

static int pl08x_terminate_all(struct dma_chan *chan)
{
	struct pl08x_dma_chan *plchan = to_pl08x_chan(chan);
	LIST_HEAD(head);
	unsigned long flags;
	spin_lock_irqsave(&plchan->vc.lock, flags);
	if (plchan->phychan)
		pl08x_phy_free(plchan);
	if (plchan->at) {
		vchan_terminate_vdesc(&plchan->at->vd);
		plchan->at = NULL;
	}
	plchan->state = PL08X_CHAN_IDLE;
	pl08x_chan_idle(plchan);
	/* What was queued and not started goes too; what is on the
	 * terminated list waits for synchronize (its callback may be
	 * running). */
	list_splice_tail_init(&plchan->vc.desc_allocated, &head);
	list_splice_tail_init(&plchan->vc.desc_submitted, &head);
	list_splice_tail_init(&plchan->vc.desc_issued, &head);
	spin_unlock_irqrestore(&plchan->vc.lock, flags);
	vchan_dma_desc_free_list(&plchan->vc, &head);
	return 0;
}

static void pl08x_synchronize(struct dma_chan *chan)
{
	vchan_synchronize(to_virt_chan(chan));
}

static irqreturn_t pl08x_irq(int irq, void *dev)
{
	struct pl08x_driver_data *pl08x = dev;
	u32 err = readl(pl08x->base + PL080_ERR_STATUS);
	u32 tc = readl(pl08x->base + PL080_TC_STATUS);
	if (!err && !tc)
		return IRQ_NONE;
	if (err) {
		dev_err(pl08x->dev, "%s error interrupt, register value 0x%08x\n", __func__, err);
		writel(err, pl08x->base + PL080_ERR_CLEAR);
	}
	if (tc)
		writel(tc, pl08x->base + PL080_TC_CLEAR);
	for (unsigned int i = 0; i < pl08x->num_phys; i++) {
		if (!((err | tc) & BIT(i)))
			continue;
		struct pl08x_phy_chan *phychan = &pl08x->phy_chans[i];
		struct pl08x_dma_chan *plchan = phychan->serving;
		if (!plchan) {
			dev_err(pl08x->dev, "%s Error TC interrupt on unused channel: 0x%08x\n",
				__func__, i);
			continue;
		}
		spin_lock(&plchan->vc.lock);
		struct pl08x_txd *tx = plchan->at;
		if (tx && tx->cyclic && !(err & BIT(i))) {
			tx->vd.tx_result.residue = (u32)pl08x_getbytes_chan(plchan);
			vchan_cyclic_callback(&tx->vd);
		} else if (tx) {
			if (err & BIT(i)) {
				tx->vd.tx_result.result = DMA_TRANS_ABORTED;
				tx->vd.tx_result.residue = (u32)pl08x_getbytes_chan(plchan);
			}
			plchan->at = NULL;
			vchan_cookie_complete(&tx->vd);
			if (vchan_next_desc(&plchan->vc))
				pl08x_start_next_txd(plchan);
			else
				pl08x_phy_free(plchan);
		}
		spin_unlock(&plchan->vc.lock);
	}
	return IRQ_HANDLED;
}

/* `dmas = <&dma0 LINE>`: the slave channel of that request line. */
static struct dma_chan *pl08x_of_xlate(struct of_phandle_args *dma_spec, struct of_dma *ofdma)
{
	struct pl08x_driver_data *pl08x = ofdma->of_dma_data;
	if (dma_spec->args_count != 1) {
		dev_err(pl08x->dev, "DMA channel translation requires two cells\n");
		return NULL;
	}
	u32 signal = dma_spec->args[0];
	if (signal >= pl08x->num_slave) {
		dev_err(pl08x->dev, "DMA channel %u out of range\n", signal);
		return NULL;
	}
	return dma_get_slave_channel(&pl08x->slave_chans[signal].vc.chan);
}

static struct pl08x_dma_chan *pl08x_init_virtual_channels(struct pl08x_driver_data *pl08x,
							  struct dma_device *dmadev,
							  unsigned int n, bool slave)
{
	struct pl08x_dma_chan *chans = devm_kcalloc(pl08x->dev, n, sizeof(*chans), GFP_KERNEL);
	if (!chans)
		return NULL;
	INIT_LIST_HEAD(&dmadev->channels);
	for (unsigned int i = 0; i < n; i++) {
		struct pl08x_dma_chan *c = &chans[i];
		c->host = pl08x;
		c->slave = slave;
		c->signal = slave ? (int)i : -1;
		c->state = PL08X_CHAN_IDLE;
		snprintf(c->name_buf, sizeof(c->name_buf), slave ? "slave%u" : "memcpy%u", i);
		c->name = c->name_buf;
		c->vc.desc_free = pl08x_desc_free;
		vchan_init(&c->vc, dmadev);
	}
	return chans;
}

static void pl08x_dma_device_ops(struct pl08x_driver_data *pl08x, struct dma_device *d)
{
	d->dev = pl08x->dev;
	d->device_alloc_chan_resources = pl08x_alloc_chan_resources;
	d->device_free_chan_resources = pl08x_free_chan_resources;
	d->device_tx_status = pl08x_dma_tx_status;
	d->device_issue_pending = pl08x_issue_pending;
	d->device_pause = pl08x_pause;
	d->device_resume = pl08x_resume;
	d->device_terminate_all = pl08x_terminate_all;
	d->device_synchronize = pl08x_synchronize;
	d->src_addr_widths = BIT(DMA_SLAVE_BUSWIDTH_1_BYTE) | BIT(DMA_SLAVE_BUSWIDTH_2_BYTES) |
			     BIT(DMA_SLAVE_BUSWIDTH_4_BYTES);
	d->dst_addr_widths = d->src_addr_widths;
	d->max_burst = 256;
	d->residue_granularity = DMA_RESIDUE_GRANULARITY_SEGMENT;
}

static void pl08x_pool_destroy(void *pool)
{
	dma_pool_destroy(pool);
}

static void pl08x_free_irq(void *data)
{
	struct pl08x_driver_data *pl08x = data;
	free_irq((unsigned int)pl08x->irq, pl08x);
}

/* Every channel off, no interrupt pending, the controller on: at probe,
 * and at each runtime resume (no channel is in use while it is
 * suspended). */
static void pl08x_hw_init(struct pl08x_driver_data *pl08x)
{
	writel(0, pl08x->base + PL080_CONFIG);
	for (unsigned int i = 0; i < pl08x->num_phys; i++)
		writel(0, pl08x->phy_chans[i].base + PL080_CH_CONFIG);
	writel(0xff, pl08x->base + PL080_ERR_CLEAR);
	writel(0xff, pl08x->base + PL080_TC_CLEAR);
	writel(PL080_CONFIG_ENABLE, pl08x->base + PL080_CONFIG);
}

static void pl08x_set_hw_ready(struct pl08x_driver_data *pl08x, bool ready)
{
	unsigned long flags;
	spin_lock_irqsave(&pl08x->lock, flags);
	pl08x->hw_ready = ready;
	spin_unlock_irqrestore(&pl08x->lock, flags);
}

static void pl08x_start_waiting(struct pl08x_dma_chan *chans, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct pl08x_dma_chan *plchan = &chans[i];
		unsigned long flags;
		spin_lock_irqsave(&plchan->vc.lock, flags);
		if (plchan->state == PL08X_CHAN_WAITING && !plchan->phychan)
			pl08x_phy_alloc_and_start(plchan);
		spin_unlock_irqrestore(&plchan->vc.lock, flags);
	}
}

/* Only with no channel at work (each holds a usage count). */
static int pl08x_runtime_suspend(struct device *dev)
{
	struct pl08x_driver_data *pl08x = dev_get_drvdata(dev);
	pl08x_set_hw_ready(pl08x, false);
	clk_disable(pl08x->clk);
	return 0;
}

/* Set up again, then start what issue_pending left waiting for it. */
static int pl08x_runtime_resume(struct device *dev)
{
	struct pl08x_driver_data *pl08x = dev_get_drvdata(dev);
	int ret = clk_enable(pl08x->clk);
	if (ret)
		return ret;
	pl08x_hw_init(pl08x);
	pl08x_set_hw_ready(pl08x, true);
	pl08x_start_waiting(pl08x->memcpy_chans, pl08x->num_phys);
	pl08x_start_waiting(pl08x->slave_chans, pl08x->num_slave);
	return 0;
}

/* At unbind (after runtime PM is disabled): off, HCLK gated. */
static void pl08x_teardown(void *data)
{
	struct pl08x_driver_data *pl08x = data;
	if (pm_runtime_status_suspended(pl08x->dev))
		return;
	pl08x_set_hw_ready(pl08x, false);
	writel(0, pl08x->base + PL080_CONFIG);
	clk_disable(pl08x->clk);
	pm_runtime_set_suspended(pl08x->dev);
}

static int pl08x_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	struct pl08x_driver_data *pl08x = devm_kzalloc(dev, sizeof(*pl08x), GFP_KERNEL);
	if (!pl08x)
		return -ENOMEM;
	pl08x->dev = dev;
	spin_lock_init(&pl08x->lock);
	pl08x->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(pl08x->base))
		return PTR_ERR(pl08x->base);
	pl08x->clk = devm_clk_get_prepared(dev, NULL);
	if (IS_ERR(pl08x->clk))
		return dev_err_probe(dev, PTR_ERR(pl08x->clk), "no HCLK\n");

	u32 val = PL08X_MAX_PHYS;
	of_property_read_u32(np, "dma-channels", &val);
	pl08x->num_phys = min_t(u32, val, PL08X_MAX_PHYS);
	val = 16;
	of_property_read_u32(np, "dma-requests", &val);
	pl08x->num_slave = min_t(u32, val, 16);
	if (of_property_read_u32(np, "memcpy-burst-size", &val)) {
		dev_info(dev, "no memcpy burst size specified, using 1 byte\n");
		val = 1;
	}
	pl08x->memcpy_burst = pl08x_burst(val);

	for (unsigned int i = 0; i < pl08x->num_phys; i++) {
		struct pl08x_phy_chan *ch = &pl08x->phy_chans[i];
		ch->id = i;
		ch->base = pl08x->base + PL080_Cx_BASE(i);
	}
	platform_set_drvdata(pdev, pl08x);

	/* Active while it probes; the driver core's idle request after the
	 * probe starts the autosuspend timer. */
	int ret = clk_enable(pl08x->clk);
	if (ret)
		return ret;
	pl08x_hw_init(pl08x);
	pl08x->hw_ready = true;
	pm_runtime_set_autosuspend_delay(dev, PL08X_AUTOSUSPEND_DELAY);
	pm_runtime_use_autosuspend(dev);
	pm_runtime_set_active(dev);
	ret = devm_add_action_or_reset(dev, pl08x_teardown, pl08x);
	if (ret)
		return ret;
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;

	pl08x->pool = dma_pool_create(DRIVER_NAME, dev, PL08X_LLI_BLOCK, sizeof(struct pl080_lli),
				      0);
	if (!pl08x->pool)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, pl08x_pool_destroy, pl08x->pool);
	if (ret)
		return ret;

	dma_cap_set(DMA_MEMCPY, pl08x->memcpy.cap_mask);
	pl08x_dma_device_ops(pl08x, &pl08x->memcpy);
	pl08x->memcpy.device_prep_dma_memcpy = pl08x_prep_dma_memcpy;
	pl08x->memcpy.directions = BIT(DMA_MEM_TO_MEM);
	pl08x->memcpy_chans = pl08x_init_virtual_channels(pl08x, &pl08x->memcpy, pl08x->num_phys,
							  false);

	dma_cap_set(DMA_SLAVE, pl08x->slave.cap_mask);
	dma_cap_set(DMA_CYCLIC, pl08x->slave.cap_mask);
	dma_cap_set(DMA_PRIVATE, pl08x->slave.cap_mask);
	pl08x_dma_device_ops(pl08x, &pl08x->slave);
	pl08x->slave.device_prep_slave_sg = pl08x_prep_slave_sg;
	pl08x->slave.device_prep_dma_cyclic = pl08x_prep_dma_cyclic;
	pl08x->slave.device_config = pl08x_config;
	pl08x->slave.directions = BIT(DMA_MEM_TO_DEV) | BIT(DMA_DEV_TO_MEM);
	pl08x->slave_chans = pl08x_init_virtual_channels(pl08x, &pl08x->slave, pl08x->num_slave,
							 true);
	if (!pl08x->memcpy_chans || !pl08x->slave_chans)
		return -ENOMEM;

	ret = dmaenginem_async_device_register(&pl08x->memcpy);
	if (ret)
		return dev_err_probe(dev, ret, "%s failed to register memcpy as an async device\n",
				     __func__);
	ret = dmaenginem_async_device_register(&pl08x->slave);
	if (ret)
		return dev_err_probe(dev, ret, "%s failed to register slave as an async device\n",
				     __func__);

	pl08x->irq = platform_get_irq(pdev, 0);
	if (pl08x->irq < 0)
		return pl08x->irq;
	ret = request_irq((unsigned int)pl08x->irq, pl08x_irq, 0, DRIVER_NAME, pl08x);
	if (ret)
		return dev_err_probe(dev, ret, "%s failed to request interrupt %d\n", __func__,
				     pl08x->irq);
	ret = devm_add_action_or_reset(dev, pl08x_free_irq, pl08x);
	if (ret)
		return ret;

	ret = of_dma_controller_register(np, pl08x_of_xlate, pl08x);
	if (ret)
		return ret;

	u32 id0 = readl(pl08x->base + 0xfe0), id1 = readl(pl08x->base + 0xfe4),
	    id2 = readl(pl08x->base + 0xfe8);
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	dev_info(dev, "DMA: PL%03x rev%u at 0x%08llx irq %d\n", (id0 & 0xff) | (id1 & 0xf) << 8,
		 (id2 >> 4) & 0xf, res ? (unsigned long long)res->start : 0ULL, pl08x->irq);
	pm_runtime_mark_last_busy(dev);
	return 0;
}

static void pl08x_remove(struct platform_device *pdev)
{
	of_dma_controller_free(pdev->dev.of_node);
}

static const struct of_device_id pl08x_of_match[] = {
	{ .compatible = "arm,pl080" },
	{ },
};

static const struct dev_pm_ops pl08x_pm_ops = {
	SET_LATE_SYSTEM_SLEEP_PM_OPS(pm_runtime_force_suspend, pm_runtime_force_resume)
	SET_RUNTIME_PM_OPS(pl08x_runtime_suspend, pl08x_runtime_resume, NULL)
};

static struct platform_driver pl08x_driver = {
	.probe = pl08x_probe,
	.remove = pl08x_remove,
	.driver = {
		.name = DRIVER_NAME,
		.pm = &pl08x_pm_ops,
		.of_match_table = pl08x_of_match,
	},
};
module_platform_driver(pl08x_driver);
