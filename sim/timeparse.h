/*
 * Parsing of simulated-time values such as "10ms", "2s", "1.5us", "250ns".
 */
#ifndef PMSIM_TIMEPARSE_H
#define PMSIM_TIMEPARSE_H

#include <stddef.h>

#include "sim/sched.h"

/* A decimal number followed by a unit (ps, ns, us, ms, s); the result must
 * be a whole, non-zero number of picoseconds that fits in 64 bits. Returns
 * 0, or -1 with the reason in `why`. */
int parse_time(const char *s, simtime_t *out, char *why, size_t whylen);

#endif
