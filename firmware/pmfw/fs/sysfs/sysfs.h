/* sysfs's internals (Linux's fs/sysfs/sysfs.h). */
#ifndef _FS_SYSFS_SYSFS_H
#define _FS_SYSFS_SYSFS_H

#include <linux/kernfs.h>
#include <linux/sysfs.h>

/* "sysfs: cannot create duplicate filename '/sys/.../name'". */
void sysfs_warn_dup(struct kernfs_node *parent, const char *name);
/* Create attr's file in the directory kn (of kobj), with mode. */
int sysfs_add_file_mode(struct kernfs_node *parent, const struct attribute *attr, umode_t mode);
/* /sys/kernel: made once (core_initcall, or by the first that needs it). */
int sysfs_init(void);

#endif
