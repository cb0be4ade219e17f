/*
 * Device-tree property helpers over libfdt, with precise errors.
 */
#include "sim/dt.h"

#include <libfdt.h>
#include <string.h>

static const void *prop(const struct dt_node *n, const char *name, int *len)
{
	return fdt_getprop(n->fdt, n->off, name, len);
}

int dt_u32(const struct dt_node *n, const char *name, uint32_t *out, struct err *e)
{
	int len;
	const fdt32_t *p = prop(n, name, &len);
	if (!p)
		return errf(e, "%s: missing property '%s'", n->path, name);
	if (len != 4)
		return errf(e, "%s: property '%s' must be one 32-bit cell (has %d bytes)", n->path,
			    name, len);
	*out = fdt32_to_cpu(*p);
	return 0;
}

uint32_t dt_u32_opt(const struct dt_node *n, const char *name, uint32_t def)
{
	int len;
	const fdt32_t *p = prop(n, name, &len);
	return p && len == 4 ? fdt32_to_cpu(*p) : def;
}

int dt_u64(const struct dt_node *n, const char *name, uint64_t *out, struct err *e)
{
	int len;
	const fdt32_t *p = prop(n, name, &len);
	if (!p)
		return errf(e, "%s: missing property '%s'", n->path, name);
	if (len == 4)
		*out = fdt32_to_cpu(p[0]);
	else if (len == 8)
		*out = ((uint64_t)fdt32_to_cpu(p[0]) << 32) | fdt32_to_cpu(p[1]);
	else
		return errf(e, "%s: property '%s' must be one or two cells (has %d bytes)", n->path,
			    name, len);
	return 0;
}

bool dt_bool(const struct dt_node *n, const char *name)
{
	return prop(n, name, NULL) != NULL;
}

const char *dt_string(const struct dt_node *n, const char *name)
{
	int len;
	const char *s = prop(n, name, &len);
	if (!s || len <= 0 || s[len - 1] != '\0')
		return NULL;
	return s;
}

int dt_cells(const struct dt_node *n, const char *name)
{
	int len;
	if (!prop(n, name, &len))
		return 0;
	return len % 4 ? -1 : len / 4;
}

int dt_pairs(const struct dt_node *n, const char *name, unsigned max, const char *pair,
	     struct err *e)
{
	int cells = dt_cells(n, name);
	if (cells <= 0 || cells % 2)
		return errf(e, "%s: '%s' must be pairs of <%s> (has %d cells)", n->path, name, pair,
			    cells);
	if ((unsigned)cells / 2 > max)
		return errf(e, "%s: '%s' has %d points; at most %u", n->path, name, cells / 2, max);
	return cells / 2;
}

uint32_t dt_cell(const struct dt_node *n, const char *name, int i)
{
	int len;
	const fdt32_t *p = prop(n, name, &len);
	if (!p || i < 0 || (i + 1) * 4 > len)
		return 0;
	return fdt32_to_cpu(p[i]);
}

/* #address-cells and #size-cells that apply to the node's reg. */
static int reg_cells(const struct dt_node *n, int *ac, int *sc, struct err *e)
{
	int parent = fdt_parent_offset(n->fdt, n->off);
	*ac = parent >= 0 ? fdt_address_cells(n->fdt, parent) : 2;
	*sc = parent >= 0 ? fdt_size_cells(n->fdt, parent) : 1;
	if (*ac < 1 || *ac > 2 || *sc < 0 || *sc > 2)
		return errf(e, "%s: unsupported #address-cells/#size-cells (%d/%d)", n->path, *ac, *sc);
	int cells = dt_cells(n, "reg");
	if (cells <= 0 || cells % (*ac + *sc))
		return errf(e, "%s: 'reg' is missing or not a multiple of %d cells", n->path, *ac + *sc);
	return cells / (*ac + *sc);
}

int dt_reg_count(const struct dt_node *n, struct err *e)
{
	int ac, sc;
	return reg_cells(n, &ac, &sc, e);
}

int dt_reg(const struct dt_node *n, int idx, uint32_t *base, uint32_t *size, struct err *e)
{
	int ac, sc;
	int count = reg_cells(n, &ac, &sc, e);
	if (count < 0)
		return -1;
	if (idx >= count)
		return errf(e, "%s: 'reg' has no entry %d", n->path, idx);
	uint64_t b = 0, s = 0;
	for (int i = 0; i < ac; i++)
		b = (b << 32) | dt_cell(n, "reg", idx * (ac + sc) + i);
	for (int i = 0; i < sc; i++)
		s = (s << 32) | dt_cell(n, "reg", idx * (ac + sc) + ac + i);
	if (b > UINT32_MAX || s > UINT32_MAX || b + s > (1ull << 32))
		return errf(e, "%s: 'reg' entry %d (0x%llx, size 0x%llx) does not fit the 32-bit "
			    "address space", n->path, idx, (unsigned long long)b, (unsigned long long)s);
	*base = (uint32_t)b;
	*size = (uint32_t)s;
	return 0;
}

int dt_irq(const struct dt_node *n, int idx, uint32_t *irq, struct err *e)
{
	int cells = dt_cells(n, "interrupts");
	if (cells <= 0)
		return errf(e, "%s: missing or malformed 'interrupts'", n->path);
	if (idx >= cells)
		return errf(e, "%s: 'interrupts' has no entry %d", n->path, idx);
	*irq = dt_cell(n, "interrupts", idx);
	return 0;
}

int dt_u32_nonneg_opt(const struct dt_node *n, const char *prop, uint32_t def, uint32_t *out,
		      struct err *e)
{
	if (!dt_bool(n, prop)) {
		*out = def;
		return 0;
	}
	if (dt_u32(n, prop, out, e) < 0)
		return -1;
	if (*out > INT32_MAX)
		return errf(e, "%s: '%s' is negative (%d)", n->path, prop, (int32_t)*out);
	return 0;
}
