/*
 * The device tree (drivers/of/): the DTB pmsim hands over in r2
 * (docs/boot.md), unflattened at boot into a tree of device_node whose
 * names and property values point into the blob itself (nothing is
 * copied: the blob lives in the boot ROM for the whole run).
 *
 * The API is Linux's (include/linux/of.h), the subset the drivers use;
 * "%pOF"-style full paths come from of_node_full_path().
 */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include <linux/kernel.h>
#include <linux/types.h>

typedef u32 phandle;

struct property {
	const char *name;
	int length;
	const void *value;
};

struct device_node {
	const char *name;       /* node name without the unit address ("serial") */
	const char *full_name;  /* with it ("serial@40004000"); "" for the root */
	phandle phandle;
	int offset;             /* of the node in the blob's structure block */
	struct device_node *parent, *child, *sibling;
	void *data;             /* the device populated from it (drivers/base) */
	unsigned long _flags;
};

/* Flags in _flags (masks): OF_POPULATED, a device or an early provider
 * (CLK_OF_DECLARE, TIMER_OF_DECLARE) was made from the node;
 * OF_POPULATED_BUS, its children were populated too. Linux's helpers
 * take the flag as they do. */
#define OF_POPULATED 1
#define OF_POPULATED_BUS 2

static inline bool of_node_check_flag(const struct device_node *n, unsigned long flag)
{
	return n->_flags & flag;
}
static inline void of_node_set_flag(struct device_node *n, unsigned long flag)
{
	n->_flags |= flag;
}
static inline void of_node_clear_flag(struct device_node *n, unsigned long flag)
{
	n->_flags &= ~flag;
}
static inline bool of_node_test_and_set_flag(struct device_node *n, unsigned long flag)
{
	bool was = of_node_check_flag(n, flag);
	of_node_set_flag(n, flag);
	return was;
}

#define MAX_PHANDLE_ARGS 16
struct of_phandle_args {
	struct device_node *np;
	int args_count;
	u32 args[MAX_PHANDLE_ARGS];
};

struct resource {
	resource_size_t start, end; /* inclusive */
	const char *name;
	unsigned long flags;
};
#define IORESOURCE_TYPE_BITS 0x1f00
#define IORESOURCE_IO 0x100
#define IORESOURCE_MEM 0x200
#define IORESOURCE_IRQ 0x400
static inline unsigned long resource_type(const struct resource *r)
{
	return r->flags & IORESOURCE_TYPE_BITS;
}
static inline resource_size_t resource_size(const struct resource *r)
{
	return r->end - r->start + 1;
}

extern struct device_node *of_root;
extern struct device_node *of_chosen;
extern struct device_node *of_stdout; /* what /chosen/stdout-path names */
extern const void *initial_boot_params; /* the blob */

/* drivers/of/fdt.c: check the blob, take /chosen/bootargs, and build the
 * tree (kmalloc). 0, or -EINVAL with a console message saying why. */
int early_init_dt_verify(const void *blob);
int unflatten_device_tree(void);

/* Big-endian cells. */
static inline u32 be32_to_cpup(const void *p)
{
	const u8 *b = p;
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}
static inline u64 of_read_number(const void *cell, int size)
{
	u64 r = 0;
	for (int i = 0; i < size; i++)
		r = r << 32 | be32_to_cpup((const u8 *)cell + 4 * i);
	return r;
}

/* Properties: the value, and its length in bytes in *lenp; NULL if the
 * node has no such property. */
const void *of_get_property(const struct device_node *np, const char *name, int *lenp);
bool of_property_present(const struct device_node *np, const char *name);
static inline bool of_property_read_bool(const struct device_node *np, const char *name)
{
	return of_property_present(np, name);
}
/* 0, -EINVAL (no property), -ENODATA (no value) or -EOVERFLOW (too short). */
int of_property_read_u32_index(const struct device_node *np, const char *name, u32 index,
			       u32 *out);
int of_property_read_u32_array(const struct device_node *np, const char *name, u32 *out,
			       size_t n);
static inline int of_property_read_u32(const struct device_node *np, const char *name, u32 *out)
{
	return of_property_read_u32_array(np, name, out, 1);
}
int of_property_read_u64(const struct device_node *np, const char *name, u64 *out);
int of_property_read_string(const struct device_node *np, const char *name, const char **out);
int of_property_read_string_index(const struct device_node *np, const char *name, int index,
				  const char **out);
int of_property_match_string(const struct device_node *np, const char *name, const char *str);
int of_property_count_strings(const struct device_node *np, const char *name);
/* Number of u32 cells (elem_size 4) in a property, or -EINVAL. */
int of_property_count_u32_elems(const struct device_node *np, const char *name);

/* Iterate over a node's properties. */
struct of_prop_iter {
	int offset;
};
bool of_property_iter_next(const struct device_node *np, struct of_prop_iter *it,
			   struct property *prop);
#define for_each_property_of_node(np, it, prop) \
	for ((it).offset = -1; of_property_iter_next(np, &(it), prop);)

/* Nodes. */
struct device_node *of_find_node_by_path(const char *path);
struct device_node *of_find_node_by_phandle(phandle ph);
struct device_node *of_find_compatible_node(struct device_node *from, const char *type,
					    const char *compat);
struct device_node *of_get_child_by_name(const struct device_node *np, const char *name);
struct device_node *of_get_parent(const struct device_node *np);
struct device_node *of_get_next_child(const struct device_node *np, struct device_node *prev);
struct device_node *of_get_next_available_child(const struct device_node *np,
						 struct device_node *prev);
#define for_each_child_of_node(parent, child) \
	for (child = of_get_next_child(parent, NULL); child; child = of_get_next_child(parent, child))
#define for_each_available_child_of_node(parent, child)                 \
	for (child = of_get_next_available_child(parent, NULL); child;  \
	     child = of_get_next_available_child(parent, child))
/* Every node in the tree, depth first. */
struct device_node *of_find_all_nodes(struct device_node *prev);
#define for_each_of_allnodes(np) for (np = of_find_all_nodes(NULL); np; np = of_find_all_nodes(np))
#define for_each_compatible_node(np, type, compat) \
	for (np = of_find_compatible_node(NULL, type, compat); np; \
	     np = of_find_compatible_node(np, type, compat))
static inline struct device_node *of_node_get(struct device_node *np)
{
	return np;
}
static inline void of_node_put(struct device_node *np)
{
	(void)np;
}

/* "status" absent, "okay" or "ok". */
bool of_device_is_available(const struct device_node *np);
/* > 0 if `compat` is in the node's compatible list (higher: earlier). */
int of_device_is_compatible(const struct device_node *np, const char *compat);
bool of_node_name_eq(const struct device_node *np, const char *name);
/* The node's full path ("/soc/serial@40004000") into buf; returns buf. */
const char *of_node_full_path(const struct device_node *np, char *buf, size_t len);

/* #address-cells / #size-cells that apply to the node's "reg". */
int of_n_addr_cells(const struct device_node *np);
int of_n_size_cells(const struct device_node *np);
/* Entry `index` of "reg" (addresses are the CPU's: pmsim's buses do not
 * translate). 0 or -EINVAL. */
int of_address_to_resource(const struct device_node *np, int index, struct resource *r);

/* A phandle list such as "clocks" with its "#clock-cells" (cells_name),
 * or a fixed count (cells_name NULL, cell_count). 0, -ENOENT (no such
 * entry) or -EINVAL (malformed). */
int of_parse_phandle_with_args(const struct device_node *np, const char *list_name,
			       const char *cells_name, int index, struct of_phandle_args *out);
int of_parse_phandle_with_fixed_args(const struct device_node *np, const char *list_name,
				     int cell_count, int index, struct of_phandle_args *out);
struct device_node *of_parse_phandle(const struct device_node *np, const char *name, int index);
int of_count_phandle_with_args(const struct device_node *np, const char *list_name,
			       const char *cells_name);

/* Interrupt `index` of "interrupts" (one cell per interrupt on the NVIC:
 * the external line), or a negative errno. */
int of_irq_get(const struct device_node *np, int index);

/* /aliases: the alias id of a node ("serial0" -> 0) or -ENODEV. */
int of_alias_get_id(const struct device_node *np, const char *stem);

#endif
