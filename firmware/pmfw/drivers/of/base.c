/*
 * The device-tree API (Linux's drivers/of/base.c, property.c, address.c
 * and irq.c, the subset the drivers use), over the unflattened tree of
 * fdt.c. Property values are read from the blob each time: the tree keeps
 * only the nodes.
 */
#include <linux/errno.h>
#include <linux/of.h>
#include <linux/string.h>

#include "of_private.h"

#define FDT_PROP 3u
#define FDT_NOP 4u

bool of_property_iter_next(const struct device_node *np, struct of_prop_iter *it,
			   struct property *prop)
{
	if (!np)
		return false;
	it->offset = of_fdt_next_prop(np->offset, it->offset);
	if (it->offset < 0)
		return false;
	of_fdt_prop(it->offset, prop);
	return true;
}

const void *of_get_property(const struct device_node *np, const char *name, int *lenp)
{
	struct of_prop_iter it;
	struct property p;
	for_each_property_of_node(np, it, &p) {
		if (!strcmp(p.name, name)) {
			if (lenp)
				*lenp = p.length;
			return p.value;
		}
	}
	return NULL;
}

bool of_property_present(const struct device_node *np, const char *name)
{
	return of_get_property(np, name, NULL) != NULL;
}

/* The property's value if it holds at least `min` bytes: -EINVAL when the
 * node lacks it, -ENODATA when it is empty, -EOVERFLOW when too short. */
static const void *of_find_value(const struct device_node *np, const char *name, size_t min,
				 int *len, int *err)
{
	const void *v = of_get_property(np, name, len);
	*err = !v ? -EINVAL : *len == 0 ? -ENODATA : (size_t)*len < min ? -EOVERFLOW : 0;
	return *err ? NULL : v;
}

int of_property_read_u32_index(const struct device_node *np, const char *name, u32 index,
			       u32 *out)
{
	int len, err;
	const u8 *v = of_find_value(np, name, 4 * ((size_t)index + 1), &len, &err);
	if (v)
		*out = be32_to_cpup(v + 4 * index);
	return err;
}

int of_property_read_u32_array(const struct device_node *np, const char *name, u32 *out,
			       size_t n)
{
	int len, err;
	const u8 *v = of_find_value(np, name, 4 * n, &len, &err);
	for (size_t i = 0; v && i < n; i++)
		out[i] = be32_to_cpup(v + 4 * i);
	return err;
}

int of_property_read_u64(const struct device_node *np, const char *name, u64 *out)
{
	int len, err;
	const u8 *v = of_find_value(np, name, 8, &len, &err);
	if (v)
		*out = of_read_number(v, 2);
	return err;
}

int of_property_count_u32_elems(const struct device_node *np, const char *name)
{
	int len;
	const void *v = of_get_property(np, name, &len);
	if (!v)
		return -EINVAL;
	return len % 4 ? -EINVAL : len / 4;
}

/* The strings of a string-list property: calls fn for each, stops when fn
 * returns true; returns how many it visited, or -EILSEQ if unterminated. */
static int of_strings(const struct device_node *np, const char *name,
		      bool (*fn)(const char *s, int i, void *arg), void *arg)
{
	int len;
	const char *v = of_get_property(np, name, &len);
	if (!v)
		return -EINVAL;
	int i = 0;
	for (int pos = 0; pos < len; i++) {
		const char *s = v + pos;
		size_t n = strnlen(s, (size_t)(len - pos));
		if ((int)n == len - pos)
			return -EILSEQ;
		if (fn && fn(s, i, arg))
			return i;
		pos += (int)n + 1;
	}
	return i;
}

struct str_find {
	const char *want;
	int index;
	const char *found;
};

static bool str_by_index(const char *s, int i, void *arg)
{
	struct str_find *f = arg;
	if (i != f->index)
		return false;
	f->found = s;
	return true;
}

static bool str_by_value(const char *s, int i, void *arg)
{
	struct str_find *f = arg;
	(void)i;
	if (strcmp(s, f->want))
		return false;
	f->found = s;
	return true;
}

int of_property_read_string_index(const struct device_node *np, const char *name, int index,
				  const char **out)
{
	struct str_find f = { .index = index };
	int n = of_strings(np, name, str_by_index, &f);
	if (n < 0)
		return n;
	if (!f.found)
		return -ENODATA;
	*out = f.found;
	return 0;
}

int of_property_read_string(const struct device_node *np, const char *name, const char **out)
{
	return of_property_read_string_index(np, name, 0, out);
}

int of_property_match_string(const struct device_node *np, const char *name, const char *str)
{
	struct str_find f = { .want = str };
	int i = of_strings(np, name, str_by_value, &f);
	if (i < 0)
		return i;
	return f.found ? i : -ENODATA;
}

int of_property_count_strings(const struct device_node *np, const char *name)
{
	return of_strings(np, name, NULL, NULL);
}

/* ---- nodes ----------------------------------------------------------------- */

struct device_node *of_find_all_nodes(struct device_node *prev)
{
	if (!prev)
		return of_root;
	if (prev->child)
		return prev->child;
	for (struct device_node *np = prev; np; np = np->parent)
		if (np->sibling)
			return np->sibling;
	return NULL;
}

struct device_node *of_get_parent(const struct device_node *np)
{
	return np ? np->parent : NULL;
}

struct device_node *of_get_next_child(const struct device_node *np, struct device_node *prev)
{
	if (!np)
		return NULL;
	return prev ? prev->sibling : np->child;
}

bool of_device_is_available(const struct device_node *np)
{
	const char *status;
	if (!np)
		return false;
	if (of_property_read_string(np, "status", &status))
		return true;
	return !strcmp(status, "okay") || !strcmp(status, "ok");
}

struct device_node *of_get_next_available_child(const struct device_node *np,
						 struct device_node *prev)
{
	struct device_node *c = of_get_next_child(np, prev);
	while (c && !of_device_is_available(c))
		c = c->sibling;
	return c;
}

bool of_node_name_eq(const struct device_node *np, const char *name)
{
	return np && !strcmp(np->name, name);
}

struct device_node *of_get_child_by_name(const struct device_node *np, const char *name)
{
	struct device_node *c;
	for_each_child_of_node(np, c)
		if (of_node_name_eq(c, name))
			return c;
	return NULL;
}

/* One path component ("serial@40004000", or "serial" when that names one
 * node unambiguously: Linux matches the full name first). */
static struct device_node *child_by_component(const struct device_node *np, const char *s,
					      size_t n)
{
	struct device_node *c, *by_name = NULL;
	for_each_child_of_node(np, c) {
		if (strlen(c->full_name) == n && !strncmp(c->full_name, s, n))
			return c;
		if (!by_name && strlen(c->name) == n && !strncmp(c->name, s, n))
			by_name = c;
	}
	return by_name;
}

struct device_node *of_find_node_by_path(const char *path)
{
	struct device_node *np = of_root;
	if (!path || path[0] != '/') {
		/* An alias: "serial0" or "serial0/child". */
		struct device_node *aliases = of_find_node_by_path("/aliases");
		size_t n = path ? strcspn(path, "/") : 0;
		char name[32];
		const char *target;
		if (!aliases || !n || n >= sizeof name)
			return NULL;
		memcpy(name, path, n);
		name[n] = '\0';
		if (of_property_read_string(aliases, name, &target) || target[0] != '/')
			return NULL;
		np = of_find_node_by_path(target);
		path += n;
	}
	while (np && *path) {
		while (*path == '/')
			path++;
		size_t n = strcspn(path, "/");
		if (!n)
			break;
		np = child_by_component(np, path, n);
		path += n;
	}
	return np;
}

struct device_node *of_find_node_by_phandle(phandle ph)
{
	struct device_node *np;
	if (!ph || ph == 0xffffffffu)
		return NULL;
	for_each_of_allnodes(np)
		if (np->phandle == ph)
			return np;
	return NULL;
}

int of_device_is_compatible(const struct device_node *np, const char *compat)
{
	struct str_find f = { .want = compat };
	int i = of_strings(np, "compatible", str_by_value, &f);
	/* Earlier entries are more specific: they score higher. */
	return i >= 0 && f.found ? 100 - i : 0;
}

struct device_node *of_find_compatible_node(struct device_node *from, const char *type,
					    const char *compat)
{
	(void)type;
	for (struct device_node *np = of_find_all_nodes(from); np; np = of_find_all_nodes(np))
		if (of_device_is_compatible(np, compat))
			return np;
	return NULL;
}

const char *of_node_full_path(const struct device_node *np, char *buf, size_t len)
{
	const struct device_node *chain[32];
	unsigned int n = 0;
	size_t pos = 0;
	if (!len)
		return buf;
	buf[0] = '\0';
	for (; np && np->parent && n < 32; np = np->parent)
		chain[n++] = np;
	if (!n && len > 1) {
		buf[0] = '/';
		buf[1] = '\0';
	}
	while (n--)
		pos += (size_t)snprintf(buf + pos, pos < len ? len - pos : 0, "/%s",
					chain[n]->full_name);
	return buf;
}

/* ---- addresses, phandles, interrupts ---------------------------------------- */

static int cells_of(const struct device_node *np, const char *name, int dflt)
{
	u32 v;
	for (; np; np = np->parent)
		if (!of_property_read_u32(np, name, &v))
			return (int)v;
	return dflt;
}

int of_n_addr_cells(const struct device_node *np)
{
	return cells_of(np ? np->parent : NULL, "#address-cells", 2);
}

int of_n_size_cells(const struct device_node *np)
{
	return cells_of(np ? np->parent : NULL, "#size-cells", 1);
}

int of_address_to_resource(const struct device_node *np, int index, struct resource *r)
{
	int len, na = of_n_addr_cells(np), ns = of_n_size_cells(np);
	const u8 *reg = of_get_property(np, "reg", &len);
	int cells = na + ns;
	if (!reg || index < 0 || cells <= 0 || na > 2 || ns > 2 ||
	    len < 4 * cells * (index + 1))
		return -EINVAL;
	reg += 4 * cells * index;
	u64 addr = of_read_number(reg, na), size = of_read_number(reg + 4 * na, ns);
	if (!size || addr > U32_MAX || size - 1 > U32_MAX - addr)
		return -EINVAL;
	r->start = (resource_size_t)addr;
	r->end = (resource_size_t)(addr + size - 1);
	r->name = np->full_name;
	r->flags = IORESOURCE_MEM;
	return 0;
}

static int phandle_args(const struct device_node *np, const char *list_name,
			const char *cells_name, int cell_count, int index,
			struct of_phandle_args *out)
{
	int len;
	const u8 *v = of_get_property(np, list_name, &len);
	if (!v)
		return -ENOENT;
	if (len % 4)
		return -EINVAL;
	int ncells = len / 4, pos = 0;
	for (int cur = 0; pos < ncells; cur++) {
		phandle ph = be32_to_cpup(v + 4 * pos);
		struct device_node *target = NULL;
		int count = 0;
		if (ph) {
			target = of_find_node_by_phandle(ph);
			if (!target)
				return -EINVAL;
			if (cells_name) {
				u32 c;
				if (of_property_read_u32(target, cells_name, &c))
					return -EINVAL;
				count = (int)c;
			} else {
				count = cell_count;
			}
		}
		if (count > MAX_PHANDLE_ARGS || pos + 1 + count > ncells)
			return -EINVAL;
		if (cur == index) {
			if (!target)
				return -ENOENT;
			if (out) {
				out->np = target;
				out->args_count = count;
				for (int i = 0; i < count; i++)
					out->args[i] = be32_to_cpup(v + 4 * (pos + 1 + i));
			}
			return 0;
		}
		pos += 1 + count;
	}
	return -ENOENT;
}

int of_parse_phandle_with_args(const struct device_node *np, const char *list_name,
			       const char *cells_name, int index, struct of_phandle_args *out)
{
	if (index < 0)
		return -EINVAL;
	return phandle_args(np, list_name, cells_name, 0, index, out);
}

int of_parse_phandle_with_fixed_args(const struct device_node *np, const char *list_name,
				     int cell_count, int index, struct of_phandle_args *out)
{
	if (index < 0)
		return -EINVAL;
	return phandle_args(np, list_name, NULL, cell_count, index, out);
}

struct device_node *of_parse_phandle(const struct device_node *np, const char *name, int index)
{
	struct of_phandle_args a;
	return of_parse_phandle_with_fixed_args(np, name, 0, index, &a) ? NULL : a.np;
}

int of_count_phandle_with_args(const struct device_node *np, const char *list_name,
			       const char *cells_name)
{
	int n = 0, err;
	while (!(err = phandle_args(np, list_name, cells_name, 0, n, NULL)))
		n++;
	return err == -ENOENT ? n : err;
}

int of_irq_get(const struct device_node *np, int index)
{
	u32 irq;
	int err = of_property_read_u32_index(np, "interrupts", (u32)index, &irq);
	if (err)
		return err == -EOVERFLOW ? -ENXIO : -EINVAL;
	return (int)irq;
}

int of_alias_get_id(const struct device_node *np, const char *stem)
{
	struct device_node *aliases = of_find_node_by_path("/aliases");
	struct of_prop_iter it;
	struct property p;
	size_t n = strlen(stem);
	for_each_property_of_node(aliases, it, &p) {
		if (strncmp(p.name, stem, n) || p.name[n] < '0' || p.name[n] > '9')
			continue;
		unsigned int id;
		if (!kstrtouint(p.name + n, 10, &id) && of_find_node_by_path(p.value) == np)
			return (int)id;
	}
	return -ENODEV;
}
