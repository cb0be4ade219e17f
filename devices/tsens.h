/*
 * pmsim's temperature sensor (docs/devices/tsens.md): it samples one node
 * of the SoC's thermal model (pm/thermal.h) at every step of the model,
 * quantized to its resolution, and raises its interrupt when a sample
 * reaches a high or a low threshold.
 */
#ifndef PMSIM_TSENS_H
#define PMSIM_TSENS_H

#include <stdint.h>

#include "sim/sched.h"

/* Registers (32-bit accesses only). */
enum {
	TSENS_ID = 0x000,
	TSENS_CTRL = 0x004,
	TSENS_TEMP = 0x008,
	TSENS_THR_HIGH = 0x00c,
	TSENS_THR_LOW = 0x010,
	TSENS_STATUS = 0x014,
	TSENS_PERIOD = 0x018,
};

#define TSENS_ID_VALUE 0x544d5053u /* "TMPS" */

/* CTRL */
#define TSENS_CTRL_EN (1u << 0)
#define TSENS_CTRL_HIGH_IE (1u << 1)
#define TSENS_CTRL_LOW_IE (1u << 2)
/* STATUS (write 1 to clear) */
#define TSENS_ST_HIGH (1u << 0)
#define TSENS_ST_LOW (1u << 1)

/* TEMP before the first sample, or while sampling is off. */
#define TSENS_TEMP_INVALID 0x80000000u
/* Threshold reset values: no sample reaches them. */
#define TSENS_THR_HIGH_RESET 0x7fffffffu
#define TSENS_THR_LOW_RESET 0x80000000u

/* `pmsim,resolution-millicelsius` when absent. */
#define TSENS_DEFAULT_RESOLUTION_MC 250u

/* A temperature in °C as the sensor reports it: m°C rounded down to a
 * multiple of `res_mc`, within the signed 32-bit range (never
 * TSENS_TEMP_INVALID). */
int32_t tsens_quantize(double celsius, uint32_t res_mc);

#endif
