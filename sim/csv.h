/*
 * CSV output (RFC 4180), for every writer of a table (sweeps, timelines).
 */
#ifndef PMSIM_CSV_H
#define PMSIM_CSV_H

#include <stdio.h>

/* Write `s` as one field: as it is, or in double quotes (a quote doubled)
 * when it holds a comma, a quote or a line break. */
void csv_write_field(FILE *f, const char *s);

#endif
