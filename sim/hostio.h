/*
 * Host files: how a run reads its inputs and writes its outputs
 * (docs/cli.md, "Input and output files"). Functions return 0 or one of
 * pmsim's exit statuses (sim/machine.h) with e filled.
 */
#ifndef PMSIM_HOSTIO_H
#define PMSIM_HOSTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "sim/err.h"

/* The largest input pmsim reads, per kind. An image holds at most the
 * SoC's memory plus symbols and debug information; a device tree is a few
 * KiB; UART input arrives at a line rate (16 MiB is over half an hour at
 * 115200 baud); a JSON report (pmsim diff) holds at most 100000 markers of
 * about 200 bytes each, and its coherency events. */
#define HOSTIO_MAX_IMAGE ((size_t)128 << 20)
#define HOSTIO_MAX_DT ((size_t)4 << 20)
#define HOSTIO_MAX_UART_IN ((size_t)16 << 20)
#define HOSTIO_MAX_REPORT ((size_t)64 << 20)

/* A file's identity: outputs are compared with inputs by it, not by name. */
struct hostio_id {
	bool set;
	dev_t dev;
	ino_t ino;
};

/* An input of the run, for the check that no output overwrites it. */
struct hostio_input {
	const char *what;   /* "the image", "the --config file"... */
	const char *path;
	struct hostio_id id;
};

/* Read the regular file `path` whole (at most `max` bytes) into a malloc'd
 * buffer. A directory, FIFO, device or socket is refused without reading
 * (EXIT_NOINPUT), a larger file too (EXIT_BADINPUT). */
int hostio_read(const char *path, size_t max, void **data, size_t *len, struct hostio_id *id,
		struct err *e);
/* The same checks without reading, for a file another program reads. */
int hostio_check(const char *path, size_t max, struct hostio_id *id, struct err *e);
/* Read an open descriptor (a pipe, a terminal, standard input) to its end,
 * refusing more than `max` bytes; `name` is for messages. */
int hostio_read_fd(int fd, const char *name, size_t max, void **data, size_t *len,
		   struct err *e);
/* The identity of an open descriptor, if it is a regular file. */
void hostio_fd_id(int fd, struct hostio_id *id);

enum hostio_out_kind {
	HOSTIO_REPLACE,   /* a temporary file in the target's directory, renamed at the end */
	HOSTIO_TRUNCATE,  /* the file itself, created or truncated when opened */
	HOSTIO_THROUGH,   /* a FIFO or character device, written through */
	HOSTIO_STDOUT,    /* pmsim's own standard output (or standard error) */
	HOSTIO_STDERR,
};

struct hostio_out {
	const char *opt, *path;  /* the option and the path as given */
	enum hostio_out_kind kind;
	char *target;            /* path with symbolic links resolved */
	char *tmp;               /* HOSTIO_REPLACE: the temporary file */
	int tmp_slot;            /* its slot in the signal handler's list, or -1 */
	bool exists;             /* the target exists (id is its identity) */
	struct hostio_id id, dir_id;
	mode_t mode;             /* for a new or replaced file */
	FILE *f;
	int werr;                /* errno of a failed write the writer saw, or 0 */
};

/* Decide how `path` is written and check that it can be: not a directory
 * or another kind of file pmsim must not replace, not one of the inputs.
 * `replace`: a regular file is replaced as a whole at the end (a report);
 * otherwise it is truncated and written as the run goes (UART output).
 * Nothing is created yet. */
int hostio_out_check(struct hostio_out *o, const char *opt, const char *path, bool replace,
		     const struct hostio_input *in, unsigned nin, struct err *e);
/* True if two checked outputs would write the same regular file. */
bool hostio_out_same(const struct hostio_out *a, const struct hostio_out *b);
/* Create the temporary file, or open the file, FIFO or device. */
int hostio_out_open(struct hostio_out *o, struct err *e);
/* Flush and close; a replaced file is renamed into place. Write errors are
 * EXIT_CANTCREATE. Output into pmsim's own standard output is only
 * flushed: main() checks that stream once, at exit. */
int hostio_out_close(struct hostio_out *o, struct err *e);
/* Close without committing: a temporary file is removed. Safe to call on
 * an output that was never opened or already closed. */
void hostio_out_discard(struct hostio_out *o);
/* A whole file written at once: checked, created as a temporary file,
 * filled by `fill` (non-zero: the write failed, errno says why), and
 * renamed into place, so that no half-written file is ever left. `opt`
 * names it in messages. 0, or an exit status with e filled. */
int hostio_write_file(const char *opt, const char *path, int (*fill)(FILE *f, void *arg),
		      void *arg, struct err *e);
/* The same with `len` bytes of `data` as the content. */
int hostio_write_bytes(const char *opt, const char *path, const void *data, size_t len,
		       struct err *e);

/* Catch SIGINT, SIGTERM, SIGHUP and SIGPIPE (unless ignored when pmsim
 * started) so that temporary files are removed before pmsim dies of the
 * signal; a closed pipe is named on stderr. */
void hostio_signals_init(void);
/* While on, the first SIGINT, SIGTERM or SIGHUP does not end pmsim: it is
 * kept for hostio_interrupted(), for the run to stop and write its
 * reports; a second one ends pmsim as above. */
void hostio_interruptible(bool on);
/* The signal that asked the run to stop, or 0. */
int hostio_interrupted(void);
/* The helper process a fatal signal must end as well (0: none). */
void hostio_child(pid_t pid);

/* Flush standard output, keeping the reason of a failure for the message
 * at exit. */
void hostio_flush_stdout(void);
/* At exit: flush and close standard output; a write error on it is one
 * message and EXIT_CANTCREATE, whatever `status` was. */
int hostio_close_stdout(int status);

#endif
