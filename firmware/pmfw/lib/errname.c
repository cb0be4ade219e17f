/*
 * Error numbers by name and by text: one table of every errno pmfw uses
 * (include/linux/errno.h), with Linux's symbolic name (lib/errname.c,
 * what dev_err_probe prints: "error -ENOENT") and the text glibc's
 * strerror gives it (what the shell prints: "cat: /x: No such file or
 * directory"). The kernel-internal ones (EPROBE_DEFER...) have glibc's
 * "Unknown error N", as a program would print them.
 */
#include <stdio.h>

#include <linux/errname.h>
#include <linux/errno.h>
#include <linux/kernel.h>

struct errinfo {
	unsigned short err;
	const char *name;
	const char *text;
};

#define E(e, text) { e, "-" #e, text }
static const struct errinfo errors[] = {
	E(EPERM, "Operation not permitted"),
	E(ENOENT, "No such file or directory"),
	E(ESRCH, "No such process"),
	E(EINTR, "Interrupted system call"),
	E(EIO, "Input/output error"),
	E(ENXIO, "No such device or address"),
	E(E2BIG, "Argument list too long"),
	E(ENOEXEC, "Exec format error"),
	E(EBADF, "Bad file descriptor"),
	E(ECHILD, "No child processes"),
	E(EAGAIN, "Resource temporarily unavailable"),
	E(ENOMEM, "Cannot allocate memory"),
	E(EACCES, "Permission denied"),
	E(EFAULT, "Bad address"),
	E(EBUSY, "Device or resource busy"),
	E(EEXIST, "File exists"),
	E(ENODEV, "No such device"),
	E(ENOTDIR, "Not a directory"),
	E(EISDIR, "Is a directory"),
	E(EINVAL, "Invalid argument"),
	E(ENFILE, "Too many open files in system"),
	E(EMFILE, "Too many open files"),
	E(ENOTTY, "Inappropriate ioctl for device"),
	E(EFBIG, "File too large"),
	E(ENOSPC, "No space left on device"),
	E(ESPIPE, "Illegal seek"),
	E(EROFS, "Read-only file system"),
	E(EPIPE, "Broken pipe"),
	E(EDOM, "Numerical argument out of domain"),
	E(ERANGE, "Numerical result out of range"),
	E(EDEADLK, "Resource deadlock avoided"),
	E(ENAMETOOLONG, "File name too long"),
	E(ENOSYS, "Function not implemented"),
	E(ENOTEMPTY, "Directory not empty"),
	E(ELOOP, "Too many levels of symbolic links"),
	E(ENODATA, "No data available"),
	E(ETIME, "Timer expired"),
	E(EOVERFLOW, "Value too large for defined data type"),
	E(EILSEQ, "Invalid or incomplete multibyte or wide character"),
	E(EOPNOTSUPP, "Operation not supported"),
	E(ESHUTDOWN, "Cannot send after transport endpoint shutdown"),
	E(ETIMEDOUT, "Connection timed out"),
	E(EALREADY, "Operation already in progress"),
	E(EINPROGRESS, "Operation now in progress"),
	E(ECANCELED, "Operation canceled"),
	E(ERESTARTSYS, NULL),
	E(EPROBE_DEFER, NULL),
	E(ENOTSUPP, NULL),
};
#undef E

static const struct errinfo *lookup(int err)
{
	unsigned int e = (unsigned int)(err < 0 ? -err : err);
	for (size_t i = 0; i < ARRAY_SIZE(errors); i++)
		if (errors[i].err == e)
			return &errors[i];
	return NULL;
}

const char *errname(int err)
{
	const struct errinfo *e = lookup(err);
	if (!e)
		return NULL;
	return err > 0 ? e->name + 1 : e->name;
}

const char *errmsg(int err)
{
	static char unknown[32];
	const struct errinfo *e = lookup(err);
	if (e && e->text)
		return e->text;
	snprintf(unknown, sizeof unknown, "Unknown error %d", err < 0 ? -err : err);
	return unknown;
}
