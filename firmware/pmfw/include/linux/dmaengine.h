/*
 * The DMA engine API (include/linux/dmaengine.h; Linux's
 * Documentation/driver-api/dmaengine/client.rst and provider.rst), the
 * subset pmfw's drivers use:
 *
 *   chan = dma_request_chan(dev, "rx");          by the DT's dma-names
 *   dmaengine_slave_config(chan, &cfg);          the device's end
 *   tx = dmaengine_prep_slave_sg(chan, sgl, n, DMA_DEV_TO_MEM, flags);
 *   tx->callback_result = done; tx->callback_param = ctx;
 *   cookie = dmaengine_submit(tx);               queued, not started
 *   dma_async_issue_pending(chan);               started
 *   ... done(ctx, &result) runs in a tasklet, never in the IRQ handler;
 *   dmaengine_tx_status(chan, cookie, &state);   state.residue: bytes left
 *   dmaengine_terminate_sync(chan);              stop, and wait for callbacks
 *   dma_release_channel(chan);
 *
 * Memory-to-memory channels come from dma_request_chan_by_mask with
 * DMA_MEMCPY. Providers (drivers/dma/amba-pl08x.c) register a struct
 * dma_device with dma_async_device_register and their DT translation with
 * of_dma_controller_register (linux/of_dma.h).
 */
#ifndef _LINUX_DMAENGINE_H
#define _LINUX_DMAENGINE_H

#include <linux/dma-direction.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/scatterlist.h>
#include <linux/types.h>

struct device;
struct seq_file;

typedef s32 dma_cookie_t;
#define DMA_MIN_COOKIE 1

static inline int dma_submit_error(dma_cookie_t cookie)
{
	return cookie < 0 ? cookie : 0;
}

enum dma_status {
	DMA_COMPLETE,
	DMA_IN_PROGRESS,
	DMA_PAUSED,
	DMA_ERROR,
	DMA_OUT_OF_ORDER,
};

enum dma_transaction_type {
	DMA_MEMCPY,
	DMA_INTERRUPT,
	DMA_PRIVATE,
	DMA_ASYNC_TX,
	DMA_SLAVE,
	DMA_CYCLIC,
	DMA_TX_TYPE_END,
};

enum dma_transfer_direction {
	DMA_MEM_TO_MEM,
	DMA_MEM_TO_DEV,
	DMA_DEV_TO_MEM,
	DMA_DEV_TO_DEV,
	DMA_TRANS_NONE,
};

enum dma_ctrl_flags {
	DMA_PREP_INTERRUPT = (1 << 0),
	DMA_CTRL_ACK = (1 << 1),
	DMA_PREP_PQ_DISABLE_P = (1 << 2),
	DMA_PREP_PQ_DISABLE_Q = (1 << 3),
	DMA_PREP_CONTINUE = (1 << 4),
	DMA_PREP_FENCE = (1 << 5),
	DMA_CTRL_REUSE = (1 << 6),
	DMA_PREP_CMD = (1 << 7),
	DMA_PREP_REPEAT = (1 << 8),
	DMA_PREP_LOAD_EOT = (1 << 9),
};

enum dma_slave_buswidth {
	DMA_SLAVE_BUSWIDTH_UNDEFINED = 0,
	DMA_SLAVE_BUSWIDTH_1_BYTE = 1,
	DMA_SLAVE_BUSWIDTH_2_BYTES = 2,
	DMA_SLAVE_BUSWIDTH_3_BYTES = 3,
	DMA_SLAVE_BUSWIDTH_4_BYTES = 4,
	DMA_SLAVE_BUSWIDTH_8_BYTES = 8,
};

/* The device's end of a slave transfer. */
struct dma_slave_config {
	enum dma_transfer_direction direction;
	phys_addr_t src_addr;
	phys_addr_t dst_addr;
	enum dma_slave_buswidth src_addr_width;
	enum dma_slave_buswidth dst_addr_width;
	u32 src_maxburst;
	u32 dst_maxburst;
	u32 src_port_window_size;
	u32 dst_port_window_size;
	bool device_fc;
	void *peripheral_config;
	size_t peripheral_size;
};

enum dma_residue_granularity {
	DMA_RESIDUE_GRANULARITY_DESCRIPTOR = 0,
	DMA_RESIDUE_GRANULARITY_SEGMENT = 1,
	DMA_RESIDUE_GRANULARITY_BURST = 2,
};

/* How a transfer ended, for callback_result. */
enum dmaengine_tx_result {
	DMA_TRANS_NOERROR = 0,
	DMA_TRANS_READ_FAILED,
	DMA_TRANS_WRITE_FAILED,
	DMA_TRANS_ABORTED,
};

struct dmaengine_result {
	enum dmaengine_tx_result result;
	u32 residue;
};

typedef void (*dma_async_tx_callback)(void *dma_async_param);
typedef void (*dma_async_tx_callback_result)(void *dma_async_param,
					     const struct dmaengine_result *result);

struct dma_chan;

struct dma_async_tx_descriptor {
	dma_cookie_t cookie;
	enum dma_ctrl_flags flags;
	dma_addr_t phys;
	struct dma_chan *chan;
	dma_cookie_t (*tx_submit)(struct dma_async_tx_descriptor *tx);
	int (*desc_free)(struct dma_async_tx_descriptor *tx);
	dma_async_tx_callback callback;
	dma_async_tx_callback_result callback_result;
	void *callback_param;
};

struct dma_tx_state {
	dma_cookie_t last;
	dma_cookie_t used;
	u32 residue;
	u32 in_flight_bytes;
};

typedef struct {
	unsigned long bits[1];
} dma_cap_mask_t;

#define dma_cap_set(tx, mask) ((mask).bits[0] |= 1UL << (tx))
#define dma_cap_clear(tx, mask) ((mask).bits[0] &= ~(1UL << (tx)))
#define dma_cap_zero(mask) ((mask).bits[0] = 0)
#define dma_has_cap(tx, mask) (((mask).bits[0] >> (tx)) & 1)

struct dma_chan {
	struct dma_device *device;
	struct device *slave;          /* the client device (dma_request_chan) */
	dma_cookie_t cookie;           /* the last cookie handed out */
	dma_cookie_t completed_cookie; /* the last one completed */
	int chan_id;
	const char *name;              /* "dma%dchan%d" */
	char *dbg_client_name;         /* "<device>:<dma-name>", for the summary */
	struct list_head device_node;
	int client_count;
	void *private;
	char name_buf[16];
};

struct dma_device {
	unsigned int chancnt;
	struct list_head channels;
	struct list_head global_node;
	dma_cap_mask_t cap_mask;
	int dev_id;
	struct device *dev;
	u32 src_addr_widths; /* BIT(width in bytes) */
	u32 dst_addr_widths;
	u32 directions;      /* BIT(enum dma_transfer_direction) */
	u32 max_burst;
	u32 max_sg_burst;
	enum dma_residue_granularity residue_granularity;

	int (*device_alloc_chan_resources)(struct dma_chan *chan);
	void (*device_free_chan_resources)(struct dma_chan *chan);
	struct dma_async_tx_descriptor *(*device_prep_dma_memcpy)(struct dma_chan *chan,
								  dma_addr_t dst, dma_addr_t src,
								  size_t len, unsigned long flags);
	struct dma_async_tx_descriptor *(*device_prep_slave_sg)(
		struct dma_chan *chan, struct scatterlist *sgl, unsigned int sg_len,
		enum dma_transfer_direction direction, unsigned long flags, void *context);
	struct dma_async_tx_descriptor *(*device_prep_dma_cyclic)(
		struct dma_chan *chan, dma_addr_t buf_addr, size_t buf_len, size_t period_len,
		enum dma_transfer_direction direction, unsigned long flags);
	int (*device_config)(struct dma_chan *chan, struct dma_slave_config *config);
	int (*device_pause)(struct dma_chan *chan);
	int (*device_resume)(struct dma_chan *chan);
	int (*device_terminate_all)(struct dma_chan *chan);
	void (*device_synchronize)(struct dma_chan *chan);
	enum dma_status (*device_tx_status)(struct dma_chan *chan, dma_cookie_t cookie,
					    struct dma_tx_state *txstate);
	void (*device_issue_pending)(struct dma_chan *chan);
	/* The channels' lines of /sys/kernel/debug/dmaengine/summary (NULL:
	 * the default, one line per channel in use). */
	void (*dbg_summary_show)(struct seq_file *s, struct dma_device *dev);
};

static inline const char *dma_chan_name(struct dma_chan *chan)
{
	return chan->name;
}

/* ---- clients ---------------------------------------------------------------- */

/* The channel the device's `dmas` entry named `name` (in `dma-names`)
 * gives: ERR_PTR(-ENODEV) if there is none, -EPROBE_DEFER if its
 * controller has not registered yet; -ENODEV too if it is taken. */
struct dma_chan *dma_request_chan(struct device *dev, const char *name);
/* Any free channel of a controller with the capabilities in `mask`. */
struct dma_chan *dma_request_chan_by_mask(const dma_cap_mask_t *mask);
void dma_release_channel(struct dma_chan *chan);

static inline int dmaengine_slave_config(struct dma_chan *chan, struct dma_slave_config *config)
{
	if (chan->device->device_config)
		return chan->device->device_config(chan, config);
	return -ENOSYS;
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_slave_sg(struct dma_chan *chan, struct scatterlist *sgl, unsigned int sg_len,
			enum dma_transfer_direction dir, unsigned long flags)
{
	if (!chan || !chan->device || !chan->device->device_prep_slave_sg)
		return NULL;
	return chan->device->device_prep_slave_sg(chan, sgl, sg_len, dir, flags, NULL);
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_slave_single(struct dma_chan *chan, dma_addr_t buf, size_t len,
			    enum dma_transfer_direction dir, unsigned long flags)
{
	struct scatterlist sg;
	sg_init_table(&sg, 1);
	sg_dma_address(&sg) = buf;
	sg_dma_len(&sg) = (unsigned int)len;
	if (!chan || !chan->device || !chan->device->device_prep_slave_sg)
		return NULL;
	return chan->device->device_prep_slave_sg(chan, &sg, 1, dir, flags, NULL);
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_dma_cyclic(struct dma_chan *chan, dma_addr_t buf_addr, size_t buf_len,
			  size_t period_len, enum dma_transfer_direction dir, unsigned long flags)
{
	if (!chan || !chan->device || !chan->device->device_prep_dma_cyclic)
		return NULL;
	return chan->device->device_prep_dma_cyclic(chan, buf_addr, buf_len, period_len, dir,
						    flags);
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_dma_memcpy(struct dma_chan *chan, dma_addr_t dest, dma_addr_t src, size_t len,
			  unsigned long flags)
{
	if (!chan || !chan->device || !chan->device->device_prep_dma_memcpy)
		return NULL;
	return chan->device->device_prep_dma_memcpy(chan, dest, src, len, flags);
}

static inline dma_cookie_t dmaengine_submit(struct dma_async_tx_descriptor *desc)
{
	return desc->tx_submit(desc);
}

static inline void dma_async_issue_pending(struct dma_chan *chan)
{
	chan->device->device_issue_pending(chan);
}

static inline enum dma_status dmaengine_tx_status(struct dma_chan *chan, dma_cookie_t cookie,
						  struct dma_tx_state *state)
{
	return chan->device->device_tx_status(chan, cookie, state);
}

static inline int dmaengine_pause(struct dma_chan *chan)
{
	if (chan->device->device_pause)
		return chan->device->device_pause(chan);
	return -ENOSYS;
}

static inline int dmaengine_resume(struct dma_chan *chan)
{
	if (chan->device->device_resume)
		return chan->device->device_resume(chan);
	return -ENOSYS;
}

/* Stop everything queued or running; callbacks may still be running. */
static inline int dmaengine_terminate_async(struct dma_chan *chan)
{
	if (chan->device->device_terminate_all)
		return chan->device->device_terminate_all(chan);
	return -ENOSYS;
}

/* Wait until no callback of the channel runs any more (may sleep). */
static inline void dmaengine_synchronize(struct dma_chan *chan)
{
	if (chan->device->device_synchronize)
		chan->device->device_synchronize(chan);
}

static inline int dmaengine_terminate_sync(struct dma_chan *chan)
{
	int ret = dmaengine_terminate_async(chan);
	if (ret)
		return ret;
	dmaengine_synchronize(chan);
	return 0;
}

/* Linux's dma_async_is_complete: is `cookie` done, given the last
 * completed and the last used cookie (which may have wrapped)? */
static inline enum dma_status dma_async_is_complete(dma_cookie_t cookie,
						    dma_cookie_t last_complete,
						    dma_cookie_t last_used)
{
	if (last_complete <= last_used) {
		if (cookie <= last_complete || cookie > last_used)
			return DMA_COMPLETE;
	} else if (cookie <= last_complete && cookie > last_used) {
		return DMA_COMPLETE;
	}
	return DMA_IN_PROGRESS;
}

/* Wait, polling, until the transfer is complete: DMA_COMPLETE, or
 * DMA_ERROR after 5 s ("dma_sync_wait_timeout!"). */
enum dma_status dma_sync_wait(struct dma_chan *chan, dma_cookie_t cookie);

/* ---- providers ---------------------------------------------------------------- */

int dma_async_device_register(struct dma_device *device);
void dma_async_device_unregister(struct dma_device *device);
int dmaenginem_async_device_register(struct dma_device *device);
/* Take a channel for a client (providers' xlate): NULL if it is busy. */
struct dma_chan *dma_get_slave_channel(struct dma_chan *chan);
struct dma_chan *dma_get_any_slave_channel(struct dma_device *device);

#endif
