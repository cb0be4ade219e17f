/*
 * A local process pool: independent jobs (scenarios, sweep points) run in
 * forked children, at most N at a time. Each child sends its result to the
 * parent as bytes through a pipe; the parent hands results over in job
 * order, so whatever it prints is the same at any N.
 */
#ifndef PMSIM_FRONT_POOL_H
#define PMSIM_FRONT_POOL_H

#include <stdbool.h>
#include <stddef.h>

/* Runs in the child: do job i, write the result to fd; the return value
 * is the child's exit status. */
typedef int (*pool_job_fn)(void *ctx, size_t i, int fd);
/* Runs in the parent, in job order: job i's result (len 0 if the child
 * wrote none), its wait status and host seconds. */
typedef void (*pool_done_fn)(void *ctx, size_t i, const void *data, size_t len, int wstatus,
			     double host_s);

/* The number of CPUs this process may use (at least 1). */
unsigned pool_cpus(void);

/* Run jobs 0..n-1 on `jobs` children at a time. Returns 0, or -1 if a
 * child could not be started (errno set; the jobs started are waited for). */
int pool_run(unsigned jobs, size_t n, pool_job_fn job, pool_done_fn done, void *ctx);

/* The progress line of a pool's jobs on stderr ("[3/8] 38 %  1 failed
 * 12 s, ETA 20 s"), redrawn in place; `last` erases it. Only for a
 * terminal: the caller decides (isatty, --quiet). */
void pool_progress(size_t done, size_t n, size_t failed, double elapsed, bool last);
/* Erase the progress line (before printing something else). */
void pool_progress_clear(void);

#endif
