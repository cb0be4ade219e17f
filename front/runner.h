/*
 * `pmsim test`: run every scenario under some folders, in parallel, with
 * one line each, a summary and JUnit XML (docs/scenarios.md, docs/cli.md).
 */
#ifndef PMSIM_FRONT_RUNNER_H
#define PMSIM_FRONT_RUNNER_H

/* argv[0] is "test". Returns the exit status: 0 only if all passed. */
int runner_main(int argc, char **argv);

#endif
