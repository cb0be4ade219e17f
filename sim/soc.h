/*
 * A SoC built from a flattened device tree: the scheduler, the bus, the core
 * and every device whose `compatible` string names a registered model.
 */
#ifndef PMSIM_SOC_H
#define PMSIM_SOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/bus.h"
#include "sim/dt.h"
#include "sim/err.h"
#include "sim/irq.h"
#include "sim/sched.h"
#include "sim/trace.h"
#include "cpu/cpu.h"

struct soc;
struct cpu;
struct chardev;
struct clk_tree;
struct rail_set;

/* Power states of a power domain, as its devices see them. */
enum pd_state { PD_OFF, PD_RETENTION, PD_ON };

/* A device model, registered once in devices/registry.c. `create`
 * instantiates it for a DT node: it maps its registers with bus_add_mmio,
 * takes its interrupt lines from soc_irq and its host I/O from soc_chardev. */
struct dev_type {
	const char *compatible;
	int (*create)(struct soc *soc, const struct dt_node *node, void **state, struct err *e);
	void (*destroy)(void *state);
	void (*reset)(void *state);
	/* Optional: the rate of the device's clock `idx` (entry idx of its
	 * `clocks` property) changed; 0 means gated or stopped. */
	void (*clock_rate)(void *state, unsigned idx, uint64_t hz);
	/* Optional: its power domain changed state. PD_OFF loses all
	 * register state (the model returns to its reset values, drives its
	 * outputs low and cancels its events); PD_RETENTION keeps state but
	 * nothing operates; PD_ON operates again. */
	void (*power)(void *state, enum pd_state st);
};

/* The registry: a NULL-terminated table (devices/registry.c). */
extern const struct dev_type *const dev_types[];
const struct dev_type *dev_type_find(const char *compatible);

struct soc_device {
	char path[256];
	const struct dev_type *type;
	void *state;
	uint32_t base, size;  /* first reg entry, for `pmsim info` */
};

struct soc_memory {
	char path[256];
	uint32_t base, size;
	bool rom;
};

struct soc {
	struct sched sched;
	struct bus bus;
	struct cpu *cpu;
	void *fdt;            /* owned copy of the DTB */
	size_t fdt_size;
	char model[128];
	uint32_t cpu_freq_hz;
	unsigned num_irq;
	struct soc_device *devs;
	unsigned ndevs;
	struct soc_memory mem[16];
	unsigned nmem;
	/* Host-side character devices, one per serial port, by index. */
	struct chardev *serial[8];
	FILE *serial_out;
	char cpu_compatible[64];
	struct cpu_config cpu_cfg;  /* as built from the device tree */
	uint32_t systick_ref_hz;
	unsigned prio_bits;
	/* Power architecture (pm/): built from the DT before the devices. */
	struct trace trace;
	struct clk_tree *clocks;
	struct rail_set *rails;
};

struct cpu_hooks;
struct soc_options {
	const struct cpu_hooks *hooks; /* passed to the core */
	FILE *serial_out;              /* TX of every serial port (NULL: discard) */
	bool no_cpu;                   /* build memory and devices only (pmsim info, tests) */
};

/* Build a SoC from a DTB (copied). */
int soc_create(struct soc *soc, const void *dtb, size_t len, const struct soc_options *opt,
	       struct err *e);
void soc_destroy(struct soc *soc);
void soc_reset(struct soc *soc);

/* The line for NVIC external interrupt `n`. */
struct irq_line soc_irq(struct soc *soc, uint32_t n);

/* The present rate in Hz of entry `idx` of `node`'s `clocks` property
 * (a phandle to a clock provider), or of the node's own `clock-frequency`
 * when it has no `clocks`. Fills `e` when there is no such clock. */
int soc_clock_hz(struct soc *soc, const struct dt_node *node, unsigned idx, uint64_t *hz,
		 struct err *e);

/* The host character device behind serial port `index` (created on first
 * use; console-backed by default). */
struct chardev *soc_chardev(struct soc *soc, unsigned index);

#endif
