/*
 * Small helpers over libfdt for device models: every failure fills a
 * struct err naming the node and property, so a bad device tree gets one
 * precise message.
 */
#ifndef PMSIM_DT_H
#define PMSIM_DT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/err.h"

struct dt_node {
	const void *fdt;
	int off;
	char path[256];
};

/* Property accessors. `_opt` variants return `def` when absent. */
int dt_u32(const struct dt_node *n, const char *prop, uint32_t *out, struct err *e);
uint32_t dt_u32_opt(const struct dt_node *n, const char *prop, uint32_t def);
/* An optional u32 that is a magnitude: `def` when absent; -1 with e filled
 * when malformed, or negative (a cell written <(-5)> arrives as 2^32 - 5,
 * so anything above INT32_MAX is refused as the negative number it was). */
int dt_u32_nonneg_opt(const struct dt_node *n, const char *prop, uint32_t def, uint32_t *out,
		      struct err *e);
int dt_u64(const struct dt_node *n, const char *prop, uint64_t *out, struct err *e);
bool dt_bool(const struct dt_node *n, const char *prop);
const char *dt_string(const struct dt_node *n, const char *prop);
/* Cell count of a property (0 if absent, -1 if not a multiple of 4). */
int dt_cells(const struct dt_node *n, const char *prop);
/* A table of <a b> pairs (`pair` names them, "microvolt percent"): the
 * number of pairs, 1..max, or -1 with e filled. */
int dt_pairs(const struct dt_node *n, const char *prop, unsigned max, const char *pair,
	     struct err *e);
uint32_t dt_cell(const struct dt_node *n, const char *prop, int i);

/* reg entry `idx` decoded with the parent's #address-cells/#size-cells;
 * fails if absent or if it does not fit in 32 bits. */
/* Number of reg entries, or -1 (with e filled) if reg is absent or malformed. */
int dt_reg_count(const struct dt_node *n, struct err *e);
int dt_reg(const struct dt_node *n, int idx, uint32_t *base, uint32_t *size, struct err *e);

/* The node's `interrupts` entry `idx` (one cell per interrupt: the NVIC
 * external line number). */
int dt_irq(const struct dt_node *n, int idx, uint32_t *irq, struct err *e);

#endif
