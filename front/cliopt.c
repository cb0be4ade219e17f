/*
 * Command-line helpers (cliopt.h).
 */
#include "front/cliopt.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/machine.h"

int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "pmsim: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'pmsim --help'.\n");
	return EXIT_USAGE;
}

int opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

int parse_count(const char *s, uint64_t *out)
{
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v == 0)
		return -1;
	*out = v;
	return 0;
}

int parse_host_seconds(const char *s, double *out)
{
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (errno || !isfinite(v) || v <= 0)
		return -1;
	if (!strcmp(end, "ms"))
		v /= 1000;
	else if (!strcmp(end, "min"))
		v *= 60;
	else if (!strcmp(end, "h"))
		v *= 3600;
	else if (*end && strcmp(end, "s"))
		return -1;
	*out = v;
	return 0;
}

bool fmt_path(char *out, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, len, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < len;
}

int jobs_opt(int argc, char **argv, int *i, unsigned *jobs)
{
	const char *a = argv[*i], *v = NULL;
	int m = opt_value(argc, argv, i, "-j", &v);
	if (!m)
		m = opt_value(argc, argv, i, "--jobs", &v);
	if (!m && !strncmp(a, "-j", 2) && a[2]) {
		v = a + 2;
		m = 1;
	}
	if (!m)
		return 0;
	uint64_t n;
	if (m < 0 || parse_count(v, &n) || n > 1024)
		return usage_error("option -j needs a number of jobs from 1 to 1024 (got '%s')",
				   m < 0 ? "" : v);
	*jobs = (unsigned)n;
	return 1;
}
