/*
 * Command-line helpers shared by pmsim's commands (docs/cli.md).
 */
#ifndef PMSIM_FRONT_CLIOPT_H
#define PMSIM_FRONT_CLIOPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "pmsim: MESSAGE\nTry 'pmsim --help'." on stderr; returns EXIT_USAGE. */
int usage_error(const char *fmt, const char *arg);

/* Match `--name` or `--name=value`; the value comes from the next argument
 * in the first case. Returns 1 on match (with *val set), 0 if not this
 * option, -1 if the value is missing. */
int opt_value(int argc, char **argv, int *i, const char *name, const char **val);

/* A positive whole number. Returns 0, or -1. */
int parse_count(const char *s, uint64_t *out);

/* A host duration for --timeout: seconds, or a number with s, ms, min
 * or h. Returns 0, or -1. */
int parse_host_seconds(const char *s, double *out);

/* -j N, -jN or --jobs N at argv[*i]: 1 if taken (*jobs set, 1 to 1024),
 * 0 if not this option, or EXIT_USAGE after a message. */
int jobs_opt(int argc, char **argv, int *i, unsigned *jobs);

/* snprintf for paths and messages built from them: false if cut short. */
bool fmt_path(char *out, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
