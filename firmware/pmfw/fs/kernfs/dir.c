/*
 * kernfs's tree (Linux's fs/kernfs/dir.c and symlink.c): nodes, their
 * names, lookups by path. include/linux/kernfs.h describes the model.
 *
 * The root "/" and "/sys" are static, so that sysfs can be used before any
 * initcall has run; every other node is one kmalloc. A name in flash (or
 * the boot ROM: everything below the SRAM at 0x2000_0000 is read-only and
 * lives for the whole run) is used in place, as Linux's kstrdup_const
 * does, so that an attribute costs no copy of its name.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kernfs.h>
#include <linux/slab.h>
#include <linux/string.h>

#define KERNFS_MAX_LINKS 8 /* links followed in one walk (Linux's MAXSYMLINKS is 40) */
#define KERNFS_MAX_DEPTH 24
#define NAME_MAX 255

static struct kernfs_node sys_node = {
	.name = "sys",
	.parent = &kernfs_root,
	.flags = KERNFS_DIR,
	.mode = S_IFDIR | 0755,
};

struct kernfs_node kernfs_root = {
	.name = "",
	.children = &sys_node,
	.flags = KERNFS_DIR,
	.mode = S_IFDIR | 0755,
};

struct kernfs_node *sysfs_root_kn = &sys_node;

static bool is_kernel_rodata(const void *p)
{
#ifdef PMFW_HOST
	(void)p;
	return false;
#else
	return (uintptr_t)p < 0x20000000u;
#endif
}

static struct kernfs_node *find_n(const struct kernfs_node *parent, const char *name, size_t n)
{
	for (struct kernfs_node *c = parent->children; c; c = c->next)
		if (!strncmp(c->name, name, n) && c->name[n] == '\0')
			return c;
	return NULL;
}

struct kernfs_node *kernfs_find(struct kernfs_node *parent, const char *name)
{
	if (!parent || kernfs_type(parent) != KERNFS_DIR)
		return NULL;
	return find_n(parent, name, strlen(name));
}

/* A new node, in its place among the parent's children (sorted by name). */
static struct kernfs_node *kernfs_new(struct kernfs_node *parent, const char *name,
				      unsigned short type, umode_t mode)
{
	if (!parent || kernfs_type(parent) != KERNFS_DIR)
		return ERR_PTR(-ENOTDIR);
	if (!name || !*name || strchr(name, '/') || strlen(name) > NAME_MAX)
		return ERR_PTR(-EINVAL);
	struct kernfs_node **pp = &parent->children;
	int c = 1;
	while (*pp && (c = strcmp((*pp)->name, name)) < 0)
		pp = &(*pp)->next;
	if (*pp && c == 0)
		return ERR_PTR(-EEXIST);
	struct kernfs_node *kn = kzalloc(sizeof *kn, GFP_KERNEL);
	if (!kn)
		return ERR_PTR(-ENOMEM);
	kn->flags = type;
	if (is_kernel_rodata(name)) {
		kn->name = name;
	} else {
		kn->name = kstrdup(name, GFP_KERNEL);
		if (!kn->name) {
			kfree(kn);
			return ERR_PTR(-ENOMEM);
		}
		kn->flags |= KERNFS_NAME_OWNED;
	}
	kn->mode = mode;
	kn->parent = parent;
	kn->next = *pp;
	*pp = kn;
	return kn;
}

struct kernfs_node *kernfs_create_dir(struct kernfs_node *parent, const char *name,
				      umode_t mode, void *priv)
{
	struct kernfs_node *kn = kernfs_new(parent, name, KERNFS_DIR, S_IFDIR | (mode & 07777));
	if (!IS_ERR(kn))
		kn->priv = priv;
	return kn;
}

struct kernfs_node *kernfs_create_file(struct kernfs_node *parent, const char *name,
				       umode_t mode, const struct kernfs_ops *ops, void *priv)
{
	struct kernfs_node *kn = kernfs_new(parent, name, KERNFS_FILE, S_IFREG | (mode & 07777));
	if (!IS_ERR(kn)) {
		kn->ops = ops;
		kn->priv = priv;
	}
	return kn;
}

struct kernfs_node *kernfs_create_link(struct kernfs_node *parent, const char *name,
				       struct kernfs_node *target)
{
	struct kernfs_node *kn = kernfs_new(parent, name, KERNFS_LINK, S_IFLNK | 0777);
	if (!IS_ERR(kn))
		kn->target = target;
	return kn;
}

static void kernfs_free(struct kernfs_node *kn)
{
	if (kernfs_type(kn) == KERNFS_DIR) {
		struct kernfs_node *c = kn->children, *next;
		for (; c; c = next) {
			next = c->next;
			kernfs_free(c);
		}
	}
	if (kn->flags & KERNFS_NAME_OWNED)
		kfree(kn->name);
	kfree(kn);
}

void kernfs_remove(struct kernfs_node *kn)
{
	if (IS_ERR_OR_NULL(kn) || kn == &kernfs_root || kn == sysfs_root_kn)
		return;
	for (struct kernfs_node **pp = &kn->parent->children; *pp; pp = &(*pp)->next)
		if (*pp == kn) {
			*pp = kn->next;
			break;
		}
	kernfs_free(kn);
}

int kernfs_remove_by_name(struct kernfs_node *parent, const char *name)
{
	struct kernfs_node *kn = kernfs_find(parent, name);
	if (!kn)
		return -ENOENT;
	kernfs_remove(kn);
	return 0;
}

int kernfs_walk(const char *path, bool follow_last, struct kernfs_node **out)
{
	struct kernfs_node *kn = &kernfs_root;
	unsigned int links = 0;
	const char *p = path;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, "/");
		if (n > NAME_MAX)
			return -ENAMETOOLONG;
		if (kernfs_type(kn) != KERNFS_DIR)
			return -ENOTDIR;
		const char *name = p;
		p += n;
		if (n == 1 && name[0] == '.')
			continue;
		if (n == 2 && name[0] == '.' && name[1] == '.') {
			if (kn->parent)
				kn = kn->parent;
			continue;
		}
		struct kernfs_node *c = find_n(kn, name, n);
		if (!c)
			return -ENOENT;
		/* A link is followed unless it is the last component, and
		 * even then when asked to, or when a '/' follows it. */
		bool last = !p[strspn(p, "/")];
		while (kernfs_type(c) == KERNFS_LINK && (!last || follow_last || *p == '/')) {
			if (++links > KERNFS_MAX_LINKS)
				return -ELOOP;
			c = c->target;
		}
		kn = c;
	}
	if (p > path && p[-1] == '/' && kernfs_type(kn) != KERNFS_DIR)
		return -ENOTDIR;
	*out = kn;
	return 0;
}

/* The nodes from the root (excluded) to kn, in order; how many. */
static unsigned int chain(const struct kernfs_node *kn, const struct kernfs_node **c)
{
	unsigned int n = 0;
	for (; kn && kn->parent && n < KERNFS_MAX_DEPTH; kn = kn->parent)
		c[n++] = kn;
	for (unsigned int i = 0; i < n / 2; i++) {
		const struct kernfs_node *t = c[i];
		c[i] = c[n - 1 - i];
		c[n - 1 - i] = t;
	}
	return n;
}

int kernfs_path(const struct kernfs_node *kn, char *buf, size_t size)
{
	const struct kernfs_node *c[KERNFS_MAX_DEPTH];
	unsigned int n = chain(kn, c);
	int len = n ? 0 : scnprintf(buf, size, "/");
	for (unsigned int i = 0; i < n; i++)
		len += scnprintf(buf + len, size - (size_t)len, "/%s", c[i]->name);
	return len;
}

int kernfs_link_target(const struct kernfs_node *link, char *buf, size_t size)
{
	const struct kernfs_node *from[KERNFS_MAX_DEPTH], *to[KERNFS_MAX_DEPTH];
	unsigned int nf = chain(link->parent, from), nt = chain(link->target, to), common = 0;
	while (common < nf && common < nt && from[common] == to[common])
		common++;
	int len = 0;
	if (size)
		buf[0] = '\0';
	for (unsigned int i = common; i < nf; i++)
		len += scnprintf(buf + len, size - (size_t)len, "../");
	for (unsigned int i = common; i < nt; i++)
		len += scnprintf(buf + len, size - (size_t)len, "%s%s", to[i]->name,
				 i + 1 < nt ? "/" : "");
	return len;
}
