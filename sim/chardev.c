/*
 * Host side of a serial port.
 *
 * TX: every byte the UART finishes transmitting goes to a FILE (or nowhere)
 * and is flushed at once, so a guest shell's prompt (which ends without a
 * newline) shows up while the simulation waits for input. A UART delivers
 * at most a few hundred thousand bytes per simulated second, so one flush
 * per byte costs nothing that matters.
 *
 * RX: a byte ring that doubles when full, so a scenario can queue any
 * amount of input at once; the UART model drains it at its line rate. The
 * frontend is told after every push, never during a pop, so it may schedule
 * work from the notification without re-entering itself.
 *
 * tx_bytes and rx_bytes count what the frontend transferred: bytes written
 * by it and bytes taken by it (not bytes merely queued).
 */
#include "sim/chardev.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* First allocation of the RX ring; it doubles from there. */
#define CHARDEV_RX_MIN_CAP 64u

void chardev_init(struct chardev *cd, FILE *out)
{
	memset(cd, 0, sizeof *cd);
	cd->out = out;
}

void chardev_free(struct chardev *cd)
{
	free(cd->rxq);
	cd->rxq = NULL;
	cd->rx_head = cd->rx_count = cd->rx_cap = 0;
	cd->rx_notify = NULL;
	cd->rx_opaque = NULL;
}

void chardev_set_frontend(struct chardev *cd, void (*notify)(void *), void *opaque)
{
	cd->rx_notify = notify;
	cd->rx_opaque = opaque;
}

void chardev_write(struct chardev *cd, uint8_t byte)
{
	cd->tx_bytes++;
	if (cd->out) {
		fputc(byte, cd->out);
		fflush(cd->out);
	}
	if (cd->tx_tap)
		cd->tx_tap(cd->tx_tap_opaque, cd, byte);
}

/* Make room for `need` queued bytes, unwrapping the ring into the new
 * buffer so the oldest byte sits at index 0. */
static int chardev_grow(struct chardev *cd, size_t need)
{
	size_t cap = cd->rx_cap ? cd->rx_cap : CHARDEV_RX_MIN_CAP;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			return -1;
		cap *= 2;
	}
	uint8_t *q = malloc(cap);
	if (!q)
		return -1;
	size_t first = cd->rx_cap - cd->rx_head;
	if (first > cd->rx_count)
		first = cd->rx_count;
	if (cd->rx_count) {
		memcpy(q, cd->rxq + cd->rx_head, first);
		memcpy(q + first, cd->rxq, cd->rx_count - first);
	}
	free(cd->rxq);
	cd->rxq = q;
	cd->rx_cap = cap;
	cd->rx_head = 0;
	return 0;
}

int chardev_push_rx(struct chardev *cd, const uint8_t *data, size_t n)
{
	if (n == 0)
		return 0;
	if (n > SIZE_MAX - cd->rx_count)
		return -1;
	if (cd->rx_count + n > cd->rx_cap && chardev_grow(cd, cd->rx_count + n))
		return -1;
	size_t tail = (cd->rx_head + cd->rx_count) % cd->rx_cap;
	size_t first = cd->rx_cap - tail;
	if (first > n)
		first = n;
	memcpy(cd->rxq + tail, data, first);
	memcpy(cd->rxq, data + first, n - first);
	cd->rx_count += n;
	if (cd->rx_notify)
		cd->rx_notify(cd->rx_opaque);
	return 0;
}

size_t chardev_rx_avail(const struct chardev *cd)
{
	return cd->rx_count;
}

int chardev_rx_pop(struct chardev *cd, uint8_t *byte)
{
	if (!cd->rx_count)
		return 0;
	*byte = cd->rxq[cd->rx_head];
	cd->rx_head = (cd->rx_head + 1) % cd->rx_cap;
	cd->rx_count--;
	cd->rx_bytes++;
	return 1;
}
