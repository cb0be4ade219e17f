/* The check every self-checking guest test uses: on failure, print the
 * line and the condition, and exit 1 through semihosting. */
#ifndef PMSIM_GUEST_CHECK_H
#define PMSIM_GUEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			printf("FAILED at line %d: %s\n", __LINE__, #cond); \
			exit(1);                                           \
		}                                                          \
	} while (0)

#endif
