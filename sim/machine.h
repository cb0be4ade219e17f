/*
 * A run: SoC + guest image + semihosting + the main loop, and the exit
 * statuses of `pmsim run` (docs/cli.md).
 */
#ifndef PMSIM_MACHINE_H
#define PMSIM_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/err.h"
#include "sim/sched.h"

/* Exit statuses that are pmsim's own; anything else is the guest's. */
enum {
	EXIT_USAGE = 64,       /* bad command line */
	EXIT_BADINPUT = 65,    /* malformed ELF, DTS/DTB, or other input file */
	EXIT_NOINPUT = 66,     /* an input file is missing, unreadable or not a regular file */
	EXIT_CANTCREATE = 73,  /* an output cannot be created or written */
	EXIT_INTERNAL = 70,    /* out of host memory or similar */
	EXIT_COHERENCY = 127,  /* --coherency=fatal: the checker stopped the run */
	EXIT_LIMIT = 124,      /* --until or --max-insns reached (as timeout(1)) */
	EXIT_LOCKUP = 125,     /* the guest locked up (fault in HardFault/NMI) */
	EXIT_ASLEEP = 126,     /* the guest sleeps and nothing can ever wake it */
};

struct run_options {
	const char *config;      /* .dts or .dtb; NULL = the built-in default SoC */
	const char *image;
	simtime_t until;         /* 0 = no limit */
	uint64_t max_insns;      /* 0 = no limit */
	const char *sh_root;     /* --semihosting-root */
	const char *uart_out;    /* NULL = stdout */
	const char *uart_in;     /* NULL = no input, "-" = stdin */
	const char *cmdline;     /* SYS_GET_CMDLINE */
	bool stats;              /* print run statistics on stderr (--stats) */
	bool summary;            /* print the energy report on stderr (--summary) */
	bool no_host;            /* reports without host figures (--no-host) */
	const char *report;      /* --report FILE.json */
	int coherency;           /* --coherency: enum coh_mode (default report) */
};

/* Load a device tree: .dts files are compiled with dtc, anything else must
 * be a DTB; NULL path = the built-in default. Either must be a regular file
 * of at most HOSTIO_MAX_DT bytes (sim/hostio.h). *dtb is malloc'd. Returns
 * 0, or EXIT_NOINPUT / EXIT_BADINPUT / EXIT_INTERNAL with e filled. */
int machine_load_dtb(const char *path, void **dtb, size_t *len, struct err *e);

/* Run to completion; returns pmsim's exit status. Messages go to stderr. */
int machine_run(const struct run_options *o);

/* `pmsim info`: describe the SoC on stdout. Returns an exit status. */
int machine_info(const char *config);

extern const unsigned char pmsim_default_dtb[];
extern const size_t pmsim_default_dtb_len;

#endif
