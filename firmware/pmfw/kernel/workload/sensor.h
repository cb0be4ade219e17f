/*
 * The sensor stream the `adc` and `pipeline` workloads take
 * (kernel/workload/sensor.c).
 */
#ifndef _KERNEL_WORKLOAD_SENSOR_H
#define _KERNEL_WORKLOAD_SENSOR_H

struct iio_cb_buffer;

/* The first IIO device's channels through Linux's callback buffer
 * (iio_channel_get_all_cb, the in-kernel consumer API), at hz samples a
 * second and watermark samples a DMA period, started: fn(scan, private)
 * gets each scan from the ADC driver's DMA tasklet. An ERR_PTR if not:
 * -ENODEV without an IIO device (the MCU), the consumer API's errors. */
struct iio_cb_buffer *wl_sensor_stream(int (*fn)(const void *data, void *private),
				       void *private, unsigned long hz, unsigned long watermark);

#endif
