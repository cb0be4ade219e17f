/*
 * kernfs (Linux's fs/kernfs/, include/linux/kernfs.h): the tree of
 * directories, files and symbolic links under which sysfs (/sys) and
 * debugfs (/sys/kernel/debug) live. pmfw has no other file system, so the
 * tree's root is "/", with "sys" and "dev" (/dev/cpu_dma_latency).
 *
 * A node costs one small allocation: names that live in flash (attribute
 * names, string literals) are pointed to, others copied. A directory keeps
 * its children sorted by name (strcmp order, as `ls` prints them). A file
 * has a read and a write operation, which see the whole file at once (the
 * shell's `cat` and `echo >` are the only readers and writers): read hands
 * the contents to an iov_iter, write gets the written text, NUL-terminated.
 * A link points to its target node; whoever removes a target removes the
 * links to it first (the driver core does).
 */
#ifndef _LINUX_KERNFS_H
#define _LINUX_KERNFS_H

#include <linux/types.h>

struct iov_iter;
struct kernfs_node;

struct kernfs_ops {
	/* The whole file into `to`: the bytes given, or a negative errno. */
	ssize_t (*read)(struct kernfs_node *kn, struct iov_iter *to);
	/* `buf` holds `count` bytes and a NUL: the bytes taken or an errno. */
	ssize_t (*write)(struct kernfs_node *kn, char *buf, size_t count);
};

enum kernfs_node_type {
	KERNFS_DIR = 0x1,
	KERNFS_FILE = 0x2,
	KERNFS_LINK = 0x4,
};
#define KERNFS_TYPE_MASK 0x000f
#define KERNFS_NAME_OWNED 0x0010 /* the name was copied: freed with the node */

/* File types and permissions in mode (Linux's S_IF* and S_I*). */
#define S_IFMT 00170000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFDIR 0040000
#define S_IRWXUGO 00777
#define S_IRUGO 00444
#define S_IWUGO 00222
#define S_IXUGO 00111
#define S_IRUSR 00400
#define S_IWUSR 00200

struct kernfs_node {
	const char *name;
	struct kernfs_node *parent;
	struct kernfs_node *next; /* the next sibling, by name */
	union {
		struct kernfs_node *children;  /* KERNFS_DIR */
		const struct kernfs_ops *ops;  /* KERNFS_FILE */
		struct kernfs_node *target;    /* KERNFS_LINK */
	};
	void *priv; /* the owner's: a directory's kobject, a file's attribute */
	unsigned short flags;
	umode_t mode; /* permissions; the type is in flags */
};

static inline enum kernfs_node_type kernfs_type(const struct kernfs_node *kn)
{
	return (enum kernfs_node_type)(kn->flags & KERNFS_TYPE_MASK);
}

/* "/" and "/sys". */
extern struct kernfs_node kernfs_root;
extern struct kernfs_node *sysfs_root_kn;

/* New nodes, or ERR_PTR(-EEXIST) if the name is taken (with a message
 * naming the path, as sysfs prints it), -ENOMEM. */
struct kernfs_node *kernfs_create_dir(struct kernfs_node *parent, const char *name,
				      umode_t mode, void *priv);
struct kernfs_node *kernfs_create_file(struct kernfs_node *parent, const char *name,
				       umode_t mode, const struct kernfs_ops *ops, void *priv);
struct kernfs_node *kernfs_create_link(struct kernfs_node *parent, const char *name,
				       struct kernfs_node *target);
/* Remove a node and everything under it. */
void kernfs_remove(struct kernfs_node *kn);
/* 0, or -ENOENT. */
int kernfs_remove_by_name(struct kernfs_node *parent, const char *name);
/* The child called `name`, or NULL. */
struct kernfs_node *kernfs_find(struct kernfs_node *parent, const char *name);

/* A path, absolute or relative to "/" (init's working directory, and pmfw
 * has no other): "." and ".." as usual, links followed (the last one too
 * when follow_last), at most 8 of them. 0, -ENOENT, -ENOTDIR, -ELOOP or
 * -ENAMETOOLONG. */
int kernfs_walk(const char *path, bool follow_last, struct kernfs_node **out);
/* The node's absolute path into buf ("/sys/devices/platform"). */
int kernfs_path(const struct kernfs_node *kn, char *buf, size_t size);
/* What a link holds, as Linux's sysfs writes it: the target's path
 * relative to the link's directory ("../../bus/platform"). */
int kernfs_link_target(const struct kernfs_node *link, char *buf, size_t size);

/* Read or write a file whole, as open(2) + read(2)/write(2) would:
 * -EISDIR for a directory; -EACCES when the mode or the file's operations
 * forbid it. */
ssize_t kernfs_read(struct kernfs_node *kn, struct iov_iter *to);
ssize_t kernfs_write(struct kernfs_node *kn, char *buf, size_t count);
/* Whether a read or a write would be allowed (0 or -EACCES/-EISDIR). */
int kernfs_may_open(const struct kernfs_node *kn, bool write);

#endif
