/*
 * The timeline's exports, one file per format (tl_vcd.c, tl_perfetto.c,
 * tl_csv.c), each reading the finished tracks through pm/timeline.h and
 * nothing else; what they share is here. Times are exact (picoseconds,
 * printed as integers or as decimal fractions of them), powers in watts
 * with nine significant digits.
 */
#ifndef PMSIM_PM_TLFORMAT_H
#define PMSIM_PM_TLFORMAT_H

#include <stdio.h>

#include "pm/timeline.h"

/* A time as seconds with twelve decimals, or microseconds with six. */
void tl_put_seconds(FILE *f, simtime_t t);
void tl_put_us(FILE *f, simtime_t t);
/* "total", "rail", "component". */
const char *tl_kind_name(enum tl_power_kind k);

int tl_write_vcd(const struct timeline *tl, FILE *f);
int tl_write_perfetto(const struct timeline *tl, FILE *f);
int tl_write_csv(const struct timeline *tl, FILE *f);

#endif
