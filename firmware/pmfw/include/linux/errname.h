/* Error numbers by name (Linux's lib/errname.c), and the C library's text
 * for them (glibc's strerror), which the shell prints as Linux's userland
 * would. */
#ifndef _LINUX_ERRNAME_H
#define _LINUX_ERRNAME_H

/* errname(-EINVAL) is "-EINVAL", errname(EINVAL) "EINVAL"; NULL if unknown. */
const char *errname(int err);
/* "Invalid argument" for EINVAL or -EINVAL; "Unknown error N" otherwise
 * (into a static buffer). */
const char *errmsg(int err);

#endif
