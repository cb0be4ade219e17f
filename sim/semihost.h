/*
 * Arm semihosting (BKPT 0xAB in Thumb state): the guest's console, clock,
 * command line, heap description and exit, and host files under an
 * explicitly allowed directory only.
 */
#ifndef PMSIM_SEMIHOST_H
#define PMSIM_SEMIHOST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/bus.h"
#include "sim/sched.h"

struct semihost_config {
	const char *root;     /* host directory the guest may open files under; NULL: none */
	const char *cmdline;  /* returned by SYS_GET_CMDLINE ("" if NULL) */
	FILE *out, *err;      /* console: ":tt" opened for writing / appending */
	FILE *in;             /* console input (SYS_READC, reads of ":tt"); NULL: EOF */
	/* SYS_HEAPINFO: heap base/limit, stack base/limit, describing real RAM. */
	uint32_t heap_base, heap_limit, stack_base, stack_limit;
	uint64_t epoch_s;     /* SYS_TIME at simulated time 0 (deterministic) */
	/* Guest memory as the core sees it (a debugger's view through the
	 * data cache; cpu_debug_read/write), returning 0 or -1 (nothing
	 * written). NULL: the bus directly. */
	int (*mem_read)(void *opaque, uint32_t addr, void *buf, uint32_t len);
	int (*mem_write)(void *opaque, uint32_t addr, const void *buf, uint32_t len);
	void *mem_opaque;
};

#define SEMIHOST_MAX_FILES 32

struct semihost {
	struct semihost_config cfg;
	struct bus *bus;
	struct sched *sched;
	char root_real[4096];  /* realpath of cfg.root */
	int last_errno;        /* SYS_ERRNO */
	struct {
		bool used;
		int kind;          /* console in/out/err, host file, features file */
		int fd;
		uint32_t pos;      /* for the features pseudo-file */
	} files[SEMIHOST_MAX_FILES];
	bool exited;
	int exit_code;
};

/* Returns 0, or -1 if cfg->root is set but is not an accessible directory. */
int semihost_init(struct semihost *sh, const struct semihost_config *cfg,
		  struct bus *bus, struct sched *sched);
void semihost_free(struct semihost *sh);

/* One call: operation number (r0) and parameter (r1); returns the value the
 * guest gets in r0. After SYS_EXIT / SYS_EXIT_EXTENDED, sh->exited is set
 * and sh->exit_code holds the status pmsim should exit with. */
uint32_t semihost_call(struct semihost *sh, uint32_t op, uint32_t param);

#endif
