/*
 * What DMA engine providers share (Linux's drivers/dma/dmaengine.h): the
 * cookie bookkeeping and the callback helpers.
 */
#ifndef _DRIVERS_DMA_DMAENGINE_H
#define _DRIVERS_DMA_DMAENGINE_H

#include <linux/dmaengine.h>

static inline void dma_cookie_init(struct dma_chan *chan)
{
	chan->cookie = DMA_MIN_COOKIE;
	chan->completed_cookie = DMA_MIN_COOKIE;
}

/* The next cookie of the channel (wrapping to DMA_MIN_COOKIE), with the
 * channel's lock held. */
static inline dma_cookie_t dma_cookie_assign(struct dma_async_tx_descriptor *tx)
{
	struct dma_chan *chan = tx->chan;
	dma_cookie_t cookie = chan->cookie + 1;
	if (cookie < DMA_MIN_COOKIE)
		cookie = DMA_MIN_COOKIE;
	tx->cookie = chan->cookie = cookie;
	return cookie;
}

/* The descriptor is done: the channel's completed cookie moves to it. */
static inline void dma_cookie_complete(struct dma_async_tx_descriptor *tx)
{
	BUG_ON(tx->cookie < DMA_MIN_COOKIE);
	tx->chan->completed_cookie = tx->cookie;
	tx->cookie = 0;
}

static inline enum dma_status dma_cookie_status(struct dma_chan *chan, dma_cookie_t cookie,
						struct dma_tx_state *state)
{
	dma_cookie_t used = chan->cookie, complete = chan->completed_cookie;
	barrier();
	if (state) {
		state->last = complete;
		state->used = used;
		state->residue = 0;
		state->in_flight_bytes = 0;
	}
	return dma_async_is_complete(cookie, complete, used);
}

static inline void dma_set_residue(struct dma_tx_state *state, u32 residue)
{
	if (state)
		state->residue = residue;
}

struct dmaengine_desc_callback {
	dma_async_tx_callback callback;
	dma_async_tx_callback_result callback_result;
	void *callback_param;
};

static inline void dmaengine_desc_get_callback(struct dma_async_tx_descriptor *tx,
					       struct dmaengine_desc_callback *cb)
{
	cb->callback = tx->callback;
	cb->callback_result = tx->callback_result;
	cb->callback_param = tx->callback_param;
}

/* callback_result wins over callback; a NULL result is a success with no
 * residue. */
static inline void dmaengine_desc_callback_invoke(struct dmaengine_desc_callback *cb,
						  const struct dmaengine_result *result)
{
	static const struct dmaengine_result dummy = { DMA_TRANS_NOERROR, 0 };
	if (cb->callback_result)
		cb->callback_result(cb->callback_param, result ? result : &dummy);
	else if (cb->callback)
		cb->callback(cb->callback_param);
}

static inline bool dmaengine_desc_callback_valid(struct dmaengine_desc_callback *cb)
{
	return cb->callback || cb->callback_result;
}

#endif
