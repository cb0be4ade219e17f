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
#include "sim/dmareq.h"
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
struct pmu;
struct thermal;
struct pm_meter;
struct lat_set;

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
	/* Optional: called once every device exists, for links between
	 * them (a controller and its memory, the PMU and the DRAM). */
	int (*realize)(void *state, struct soc *soc, struct err *e);
	/* Optional: inject the fault `kind` (a scenario's "bus-error",
	 * "stuck-irq", ...; "clear" cancels what is pending or held). 0, or
	 * -1 with a message in e (soc_fault_kind words the usual one). Each
	 * model's page lists its kinds (docs/hooks.md). */
	int (*fault)(void *state, const char *kind, struct err *e);
};

/* The registry: a NULL-terminated table (devices/registry.c). */
extern const struct dev_type *const dev_types[];
const struct dev_type *dev_type_find(const char *compatible);

#define SOC_DEV_MAX_CLOCKS 4

struct soc_device {
	char path[256];
	const struct dev_type *type;
	void *state;
	uint32_t base, size;  /* first reg entry, for `pmsim info` */
	void *clk_subs[SOC_DEV_MAX_CLOCKS]; /* its clock subscriptions */
	unsigned nclk_subs;
	/* For a node without a model that the power architecture reads
	 * (a clock, a regulator, an idle state, an OPP table): what it is. */
	const char *role;
};

struct soc_memory {
	char path[256];
	uint32_t base, size;
	bool rom;
};

/* The fastest core clock pmsim runs, in Hz (docs/bindings.md). */
#define SOC_CPU_MAX_HZ 2000000000u

struct soc {
	struct sched sched;
	struct bus bus;
	struct cpu *cpu;
	void *fdt;            /* owned copy of the DTB */
	size_t fdt_size;
	uint32_t boot_dtb;    /* the guest's copy, in the boot ROM (r2 at reset) */
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
	struct pmu *pmu;
	/* The thermal model (pm/thermal.h); NULL without one. */
	struct thermal *thermal;
	/* Every energy meter of the SoC (pm/meter.h), for the report. */
	struct pm_meter *meters;
	/* Told before the core powers off (an idle state, suspend) with
	 * whatever its caches hold (the coherency checker). */
	void (*core_power_off)(void *opaque, simtime_t now);
	void *core_power_off_opaque;
	/* DMA controllers (soc_dma_register). */
	struct soc_dmac {
		int node_off;
		void (*request)(void *ctrl, unsigned input, bool single, bool burst);
		int (*ack)(void *ctrl, unsigned input, struct dma_ack a);
		void *ctrl;
	} dmacs[4];
	unsigned ndmacs;
	/* The guest function containing `addr`, from the image's symbols
	 * (set by whoever loaded it; NULL: none): its name, or NULL. */
	const char *(*symbolize)(void *opaque, uint32_t addr);
	void *symbolize_opaque;
	/* The guest asked to end the run (the simulator-control device's
	 * EXIT), with this status; the core has been told to stop. */
	bool exit_requested;
	int exit_status;
	/* The SoC lost its power (a battery's brown-out, a thermal shutdown:
	 * soc_power_fail); the run ends there with EXIT_POWER_FAIL. */
	bool power_failed;
	simtime_t power_fail_time;
	char power_fail_reason[256];
	/* Diagnostics: what went wrong in the guest's use of the hardware,
	 * one sentence each, in time order (soc_diag). */
	char **diags;
	simtime_t *diag_times;
	unsigned ndiags;
	/* Latency series (pm/latency.h), filled by the models; like the
	 * other statistics they span guest resets. */
	struct lat_set *lat;
	/* Per external interrupt line: its latency series, looked up at the
	 * line's first sample (soc_irq_latency). */
	struct lat_series **irq_lat;
};

/* The boot ROM that holds the guest's device tree ends here: the top of
 * the ARMv7-M Code region (docs/boot.md). */
#define SOC_BOOT_ROM_END 0x20000000u

struct cpu_hooks;
struct soc_options {
	const struct cpu_hooks *hooks; /* passed to the core */
	FILE *serial_out;              /* TX of every serial port (NULL: discard) */
	bool no_cpu;                   /* build memory and devices only (pmsim info, tests) */
	const char *bootargs;          /* /chosen/bootargs of the guest's DTB (NULL: "") */
	/* The battery's state of charge at the start, 0-100 %, instead of its
	 * pmsim,initial-percent (--battery-percent); only for a battery with
	 * a capacity. */
	bool set_battery_percent;
	double battery_percent;
	/* A sink put on the trace stream before any model is built, so that
	 * it sees the state each starts in (a timeline); `state` NULL: none. */
	struct trace_sink first_sink;
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

/* A DMA controller's request inputs, for `dmas` phandles to its node:
 * `request(ctrl, input, single, burst)` is called when a peripheral
 * changes a request, `ack` registers the peripheral's answer callback for
 * an input. -1 if there is no room. */
int soc_dma_register(struct soc *soc, int node_off,
		     void (*request)(void *ctrl, unsigned input, bool single, bool burst),
		     int (*ack)(void *ctrl, unsigned input, struct dma_ack a), void *ctrl);
/* The request line named `name` in `node`'s `dma-names` (its `dmas` entry,
 * one cell after the phandle), connected both ways: *line to drive, and
 * `ack` for the controller's answers. Fills e and returns -1 if the node has
 * no such line or the controller does not exist. */
int soc_dma_line(struct soc *soc, const struct dt_node *node, const char *name,
		 struct dma_ack ack, struct dma_line *line, struct err *e);

/* List an energy meter in the SoC's report (it stays owned by its model). */
void soc_add_meter(struct soc *soc, struct pm_meter *m);

/* Record a diagnostic at the present simulated time ("at 0.001234 s: ..."). */
void soc_diag(struct soc *soc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same, for something that happened at an earlier time `t`. */
void soc_diag_at(struct soc *soc, simtime_t t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The SoC's power fails at `now` for the reason given (one sentence
 * without a final full stop: "brown-out: the battery's terminal voltage
 * fell to 2.95 V, below its cut-off of 3.00 V"): the core stops and the
 * run ends with EXIT_POWER_FAIL and that outcome. The first failure
 * counts; later ones are ignored. Safe from an event or a device
 * callback, with the core running or asleep. */
void soc_power_fail(struct soc *soc, simtime_t now, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The name a report gives interrupt line `n`: the device driving it (its
 * node name, e.g. "rtc@40006000"), or "irq<n>". */
const char *soc_irq_name(struct soc *soc, unsigned n, char *buf, size_t len);

/* The host character device behind serial port `index` (created on first
 * use; console-backed by default). */
struct chardev *soc_chardev(struct soc *soc, unsigned index);

/* A device with a model, for scenarios (docs/hooks.md). `name` is its full
 * DT path ("/soc/gpio@40005000"), its node name ("gpio@40005000") or its
 * node name without the unit address ("gpio": the first such device in DT
 * order); NULL: the first device whose model is `compatible`. A non-NULL
 * `compatible` must be the device's model's (struct dev_type). NULL if no
 * device matches. */
struct soc_device *soc_find_device(struct soc *soc, const char *name, const char *compatible);
/* Inject fault `kind` into `device` (a name as for soc_find_device): 0, or
 * -1 with one sentence in e naming the device and the kinds it takes, or
 * saying that it takes none. */
int soc_fault(struct soc *soc, const char *device, const char *kind, struct err *e);
/* For a model's `fault`: the index of `kind` in the NULL-terminated list
 * `kinds`, or -1 with e saying which kinds there are. */
int soc_fault_kind(const char *kind, const char *const *kinds, struct err *e);

#endif
