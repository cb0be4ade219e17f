/*
 * Error reports for bad input: one precise message (what, where, why).
 * Functions that can fail on user input take a `struct err *` and return -1
 * after filling it; the caller prints it once, at the top.
 */
#ifndef PMSIM_ERR_H
#define PMSIM_ERR_H

#if defined(__GNUC__)
#define PMSIM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PMSIM_PRINTF(a, b)
#endif

struct err {
	char msg[1024];
};

/* Format into e->msg (if e is non-NULL) and return -1. */
int errf(struct err *e, const char *fmt, ...) PMSIM_PRINTF(2, 3);

#endif
