/*
 * `pmsim sweep`: a scenario over the cross product of its parameters, on
 * the local process pool or as a Slurm job array (docs/scenarios.md).
 */
#ifndef PMSIM_FRONT_SWEEP_H
#define PMSIM_FRONT_SWEEP_H

/* argv[0] is "sweep". Returns the exit status: 0 only if every point
 * passed. */
int sweep_main(int argc, char **argv);

#endif
