/*
 * `pmsim run --gdb PORT [--gdb-wait]`: the run with a GDB remote serial
 * protocol stub on 127.0.0.1:PORT (docs/debugging.md).
 */
#ifndef PMSIM_FRONT_GDBSTUB_H
#define PMSIM_FRONT_GDBSTUB_H

#include <stdbool.h>

#include "sim/machine.h"

/* The exit status of a run ended by gdb's `kill` (128 + SIGKILL, as a
 * killed process). */
#define GDB_EXIT_KILLED 137

/* Run as machine_run does, listening for gdb on 127.0.0.1:port (0: a
 * free port, named on stderr). With `wait` the core stays at reset until
 * gdb attaches and continues it. Returns pmsim's exit status. */
int gdb_run(const struct run_options *o, unsigned port, bool wait);

#endif
