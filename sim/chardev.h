/*
 * Host side of a serial port: where a UART's transmitted bytes go and where
 * its received bytes come from. The frontend (the UART model) writes TX
 * bytes and pulls RX bytes; the backend is a FILE for TX and a byte queue
 * for RX, filled from a file or stdin by the machine, or by scenario
 * scripts. The frontend is notified when bytes are queued.
 */
#ifndef PMSIM_CHARDEV_H
#define PMSIM_CHARDEV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct chardev {
	FILE *out;       /* TX sink; NULL discards */
	uint8_t *rxq;    /* RX ring */
	size_t rx_head, rx_count, rx_cap;
	void (*rx_notify)(void *opaque);
	void *rx_opaque;
	/* Optional listener to every transmitted byte, besides `out` (a
	 * scenario capturing the console). */
	void (*tx_tap)(void *opaque, struct chardev *cd, uint8_t byte);
	void *tx_tap_opaque;
	uint64_t tx_bytes, rx_bytes;
};

void chardev_init(struct chardev *cd, FILE *out);
void chardev_free(struct chardev *cd);
void chardev_set_frontend(struct chardev *cd, void (*notify)(void *), void *opaque);
void chardev_write(struct chardev *cd, uint8_t byte);
/* Queue received bytes; notifies the frontend. Returns 0, or -1 on OOM. */
int chardev_push_rx(struct chardev *cd, const uint8_t *data, size_t n);
size_t chardev_rx_avail(const struct chardev *cd);
/* Take one queued byte; returns 0 if the queue was empty. */
int chardev_rx_pop(struct chardev *cd, uint8_t *byte);

#endif
