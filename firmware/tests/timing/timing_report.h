/* How the timing guest tests report: one line per measurement, a FAIL
 * line under each that differs, then a summary and the exit status. */
#ifndef PMSIM_TIMING_REPORT_H
#define PMSIM_TIMING_REPORT_H

#include <stdint.h>
#include <stdio.h>

/* Print one row; 1 if `got` is not `want`. */
static inline unsigned timing_row(int width, const char *name, uint32_t got, uint32_t want)
{
	printf("%-*s %3lu cycles\n", width, name, (unsigned long)got);
	if (got == want)
		return 0;
	printf("  FAIL: want %lu\n", (unsigned long)want);
	return 1;
}

static inline int timing_summary(unsigned fails, unsigned n)
{
	if (fails) {
		printf("timing: %u of %u measurements FAILED\n", fails, n);
		return 1;
	}
	printf("timing: all %u measurements match\n", n);
	return 0;
}

#endif
