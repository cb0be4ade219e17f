/*
 * The flattened device tree (Devicetree Specification v0.4, chapter 5):
 * checking the blob pmsim hands over in r2 and unflattening it into the
 * device_node tree (Linux's drivers/of/fdt.c, written for this firmware).
 *
 * The blob: a header (magic 0xd00dfeed, big-endian words), a structure
 * block of tokens (BEGIN_NODE name, PROP len nameoff value, END_NODE,
 * NOP, END), each 4-byte aligned, and a strings block holding property
 * names. Nodes keep pointers into the blob; nothing is copied, so the
 * whole tree costs one small struct per node.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "of_private.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
#define FDT_MAX_DEPTH 32

const void *initial_boot_params;
static u32 fdt_size, off_struct, size_struct, off_strings, size_strings;

static u32 hdr(const void *blob, unsigned int word)
{
	return be32_to_cpup((const u8 *)blob + 4 * word);
}

/* The token at structure offset `off`, and the offset of the next one in
 * *next; FDT_END for anything malformed (so that every walk stops). */
u32 of_fdt_next_tag(int off, int *next)
{
	const u8 *st = (const u8 *)initial_boot_params + off_struct;
	if (off < 0 || (u32)off + 4 > size_struct || off % 4)
		return FDT_END;
	u32 tag = be32_to_cpup(st + off);
	u32 pos = (u32)off + 4;
	switch (tag) {
	case FDT_BEGIN_NODE: {
		const u8 *name = st + pos;
		u32 max = size_struct - pos, n = 0;
		while (n < max && name[n])
			n++;
		if (n == max)
			return FDT_END;
		pos += n + 1;
		break;
	}
	case FDT_PROP: {
		if (pos + 8 > size_struct)
			return FDT_END;
		u32 len = be32_to_cpup(st + pos), nameoff = be32_to_cpup(st + pos + 4);
		if (len > size_struct - pos - 8 || nameoff >= size_strings)
			return FDT_END;
		pos += 8 + len;
		break;
	}
	case FDT_END_NODE:
	case FDT_NOP:
		break;
	default:
		return FDT_END;
	}
	*next = (int)((pos + 3) & ~3u);
	return tag;
}

const char *of_fdt_node_name(int off)
{
	return (const char *)initial_boot_params + off_struct + off + 4;
}

/* The property at structure offset `off` (a FDT_PROP token). */
void of_fdt_prop(int off, struct property *p)
{
	const u8 *st = (const u8 *)initial_boot_params + off_struct + off;
	p->length = (int)be32_to_cpup(st + 4);
	p->name = (const char *)initial_boot_params + off_strings + be32_to_cpup(st + 8);
	p->value = st + 12;
}

/* The offset of the first property token of the node at `node`, or of the
 * property after `prev` (a property of the same node); -1 when none. */
int of_fdt_next_prop(int node, int prev)
{
	int next, off;
	if (prev < 0)
		of_fdt_next_tag(node, &off);
	else
		of_fdt_next_tag(prev, &off);
	for (;;) {
		u32 tag = of_fdt_next_tag(off, &next);
		if (tag == FDT_PROP)
			return off;
		if (tag != FDT_NOP)
			return -1;
		off = next;
	}
}

static bool str_in(u32 off, u32 size, u32 total)
{
	return off <= total && size <= total - off;
}

int early_init_dt_verify(const void *blob)
{
	if (!blob || ((uintptr_t)blob & 3))
		return -EINVAL;
	if (hdr(blob, 0) != FDT_MAGIC) {
		pr_err("OF: no device tree at %p (magic 0x%08x, want 0x%08x)\n", blob,
		       hdr(blob, 0), FDT_MAGIC);
		return -EINVAL;
	}
	u32 total = hdr(blob, 1), version = hdr(blob, 5), last_comp = hdr(blob, 6);
	if (version < 16 || last_comp > 17) {
		pr_err("OF: device tree version %u (compatible with %u) is not 16 or 17\n",
		       version, last_comp);
		return -EINVAL;
	}
	off_struct = hdr(blob, 2);
	off_strings = hdr(blob, 3);
	size_strings = hdr(blob, 8);
	size_struct = version >= 17 ? hdr(blob, 9) : total - off_struct;
	if (total < 40 || !str_in(off_struct, size_struct, total) ||
	    !str_in(off_strings, size_strings, total) || off_struct % 4) {
		pr_err("OF: device tree header is inconsistent (size %u)\n", total);
		return -EINVAL;
	}
	fdt_size = total;
	initial_boot_params = blob;
	return 0;
}

u32 of_fdt_totalsize(void)
{
	return fdt_size;
}

struct device_node *of_root;
struct device_node *of_chosen;

/* "serial@40004000" -> a node named "serial". Names point into the blob,
 * so the short name is its own NUL-terminated copy only when it has a unit
 * address (the full name is kept as is). */
static const char *short_name(const char *full)
{
	const char *at = strchr(full, '@');
	if (!at)
		return full;
	size_t n = (size_t)(at - full);
	char *s = kmalloc(n + 1, GFP_KERNEL);
	if (!s)
		return full;
	memcpy(s, full, n);
	s[n] = '\0';
	return s;
}

int unflatten_device_tree(void)
{
	struct device_node *stack[FDT_MAX_DEPTH], *last_child[FDT_MAX_DEPTH];
	int depth = -1, off = 0, next;
	unsigned int nodes = 0;
	if (!initial_boot_params)
		return -EINVAL;
	for (;;) {
		u32 tag = of_fdt_next_tag(off, &next);
		if (tag == FDT_BEGIN_NODE) {
			if (++depth >= FDT_MAX_DEPTH) {
				pr_err("OF: device tree nested deeper than %d\n", FDT_MAX_DEPTH);
				return -EINVAL;
			}
			struct device_node *np = kzalloc(sizeof *np, GFP_KERNEL);
			if (!np)
				return -ENOMEM;
			np->full_name = of_fdt_node_name(off);
			np->name = short_name(np->full_name);
			np->offset = off;
			np->parent = depth ? stack[depth - 1] : NULL;
			if (depth) {
				if (last_child[depth - 1])
					last_child[depth - 1]->sibling = np;
				else
					stack[depth - 1]->child = np;
				last_child[depth - 1] = np;
			} else if (of_root) {
				pr_err("OF: device tree has two root nodes\n");
				return -EINVAL;
			} else {
				of_root = np;
			}
			stack[depth] = np;
			last_child[depth] = NULL;
			nodes++;
		} else if (tag == FDT_PROP) {
			struct property p;
			if (depth < 0) {
				pr_err("OF: property outside any node\n");
				return -EINVAL;
			}
			of_fdt_prop(off, &p);
			if ((!strcmp(p.name, "phandle") || !strcmp(p.name, "linux,phandle")) &&
			    p.length == 4)
				stack[depth]->phandle = be32_to_cpup(p.value);
		} else if (tag == FDT_END_NODE) {
			if (--depth < -1) {
				pr_err("OF: unbalanced END_NODE in the device tree\n");
				return -EINVAL;
			}
		} else if (tag == FDT_END) {
			break;
		}
		off = next;
	}
	if (depth != -1 || !of_root) {
		pr_err("OF: device tree structure is truncated or malformed\n");
		return -EINVAL;
	}
	of_chosen = of_find_node_by_path("/chosen");
	pr_debug("OF: %u nodes\n", nodes);
	return 0;
}
