/*
 * The system bus: region table, host-pointer page map, and the slow path
 * for MMIO, unaligned page-crossing accesses, ROM writes and code pages.
 */
#include "sim/bus.h"

#include <stdio.h>
#include <stdlib.h>

int bus_init(struct bus *b)
{
	memset(b, 0, sizeof *b);
	/* 1 Mi entries each; calloc'd pages are only touched where mapped. */
	b->rd = calloc(BUS_NPAGES, sizeof *b->rd);
	b->wr = calloc(BUS_NPAGES, sizeof *b->wr);
	b->code = calloc(BUS_NPAGES, 1);
	if (!b->rd || !b->wr || !b->code) {
		bus_free(b);
		return -1;
	}
	return 0;
}

void bus_free(struct bus *b)
{
	for (unsigned i = 0; i < b->nregions; i++)
		free(b->regions[i].host);
	free(b->regions);
	free(b->rd);
	free(b->wr);
	free(b->code);
	memset(b, 0, sizeof *b);
}

static uint64_t region_end(const struct bus_region *r)
{
	return (uint64_t)r->base + r->size;
}

const struct bus_region *bus_overlap(const struct bus *b, uint32_t base, uint32_t size)
{
	for (unsigned i = 0; i < b->nregions; i++)
		if (b->regions[i].base < (uint64_t)base + size && region_end(&b->regions[i]) > base)
			return &b->regions[i];
	return NULL;
}

static int add_region(struct bus *b, const struct bus_region *nr)
{
	if (nr->size == 0 || (uint64_t)nr->base + nr->size > (1ull << 32))
		return BUS_ADD_EMPTY;
	unsigned pos = 0;
	while (pos < b->nregions && b->regions[pos].base < nr->base)
		pos++;
	if (pos > 0 && region_end(&b->regions[pos - 1]) > nr->base)
		return BUS_ADD_OVERLAP;
	if (pos < b->nregions && region_end(nr) > b->regions[pos].base)
		return BUS_ADD_OVERLAP;
	if (b->nregions == b->cap) {
		unsigned cap = b->cap ? b->cap * 2 : 16;
		struct bus_region *r = realloc(b->regions, cap * sizeof *r);
		if (!r)
			return BUS_ADD_NOMEM;
		b->regions = r;
		b->cap = cap;
	}
	memmove(&b->regions[pos + 1], &b->regions[pos], (b->nregions - pos) * sizeof *nr);
	b->regions[pos] = *nr;
	b->nregions++;
	return (int)pos;
}

int bus_add_ram(struct bus *b, const char *name, uint32_t base, uint32_t size, bool rom)
{
	struct bus_region r = { .base = base, .size = size, .kind = rom ? BUS_ROM : BUS_RAM };
	snprintf(r.name, sizeof r.name, "%s", name);
	/* Only whole pages can use the fast path; a RAM region must be
	 * page-aligned so that a page never mixes RAM and something else. */
	if (size == 0 || (uint64_t)base + size > (1ull << 32))
		return BUS_ADD_EMPTY;
	if ((base | size) & BUS_PAGE_MASK)
		return BUS_ADD_UNALIGNED;
	/* Overlaps first: no host memory is allocated for a region refused
	 * anyway, and the reason given is the overlap, not the memory. */
	if (bus_overlap(b, base, size))
		return BUS_ADD_OVERLAP;
	r.host = calloc(1, size);
	if (!r.host)
		return BUS_ADD_NOMEM;
	int idx = add_region(b, &r);
	if (idx < 0) {
		free(r.host);
		return idx;
	}
	for (uint32_t off = 0; off < size; off += BUS_PAGE_SIZE) {
		uint32_t page = (base + off) >> BUS_PAGE_SHIFT;
		b->rd[page] = r.host + off;
		b->wr[page] = rom ? NULL : r.host + off;
	}
	return idx;
}

int bus_add_mmio(struct bus *b, const char *name, uint32_t base, uint32_t size,
		 const struct bus_ops *ops, void *opaque)
{
	struct bus_region r = { .base = base, .size = size, .kind = BUS_MMIO,
				.ops = ops, .opaque = opaque };
	snprintf(r.name, sizeof r.name, "%s", name);
	return add_region(b, &r);
}

void bus_set_timing(struct bus *b, int idx, uint32_t first_ps, uint32_t next_ps,
		    uint32_t prefetch_bytes)
{
	struct bus_region *r = &b->regions[idx];
	r->first_ps = first_ps;
	r->next_ps = next_ps;
	r->prefetch_bytes = prefetch_bytes;
}

int bus_master_access(struct bus *b, uint64_t now, uint32_t addr, unsigned size,
		      uint32_t *val, bool write, uint64_t *lat)
{
	/* Any byte of the beat in the PPB: the core's private bus is not
	 * on the system bus that other masters see. */
	if (addr < (uint64_t)BUS_PPB_BASE + BUS_PPB_SIZE && (uint64_t)addr + size > BUS_PPB_BASE)
		return BUS_ERR_PRIVATE;
	const struct bus_region *r = bus_find(b, addr);
	if (!r)
		return BUS_ERR_UNMAPPED;
	if (r->access_hook) {
		uint64_t ps = r->access_hook(r->hook_opaque, now, addr, size, write);
		if (ps == BUS_HOOK_FAULT)
			return BUS_ERR_DEVICE;
		*lat += ps;
	}
	int st = bus_access_slow(b, addr, size, val, write);
	if (st == BUS_OK && r->kind != BUS_MMIO && b->master_observer)
		b->master_observer(b->master_observer_opaque, now + *lat, addr, size, write);
	return st;
}

int bus_set_access_hook(struct bus *b, uint32_t addr,
			uint64_t (*hook)(void *, uint64_t, uint32_t, uint32_t, bool), void *opaque)
{
	struct bus_region *r = (struct bus_region *)bus_find(b, addr);
	if (!r || r->kind == BUS_MMIO)
		return -1;
	r->access_hook = hook;
	r->hook_opaque = opaque;
	return 0;
}

const struct bus_region *bus_find(const struct bus *b, uint32_t addr)
{
	unsigned lo = 0, hi = b->nregions;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const struct bus_region *r = &b->regions[mid];
		if (addr < r->base)
			hi = mid;
		else if (addr - r->base >= r->size)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

void bus_mark_code(struct bus *b, uint32_t addr)
{
	uint32_t page = addr >> BUS_PAGE_SHIFT;
	b->code[page] = 1;
	b->wr[page] = NULL;
}

/* A write hit a code page: tell the CPU, then re-open the fast path if the
 * page is RAM. */
static void code_page_written(struct bus *b, const struct bus_region *r, uint32_t addr)
{
	uint32_t page = addr >> BUS_PAGE_SHIFT;
	if (!b->code[page])
		return;
	b->code[page] = 0;
	if (b->code_write)
		b->code_write(b->code_write_opaque, page << BUS_PAGE_SHIFT);
	if (r->kind == BUS_RAM)
		b->wr[page] = r->host + ((page << BUS_PAGE_SHIFT) - r->base);
}

/* One byte, for accesses that straddle pages or regions. */
static int access_byte(struct bus *b, uint32_t addr, uint8_t *v, bool write)
{
	const struct bus_region *r = bus_find(b, addr);
	if (!r)
		return BUS_ERR_UNMAPPED;
	if (r->kind == BUS_MMIO) {
		uint32_t w = *v;
		if (!(r->ops->sizes & BUS_SIZE_8))
			return BUS_ERR_DEVICE;
		int st = write ? r->ops->write(r->opaque, addr - r->base, 1, w)
			       : r->ops->read(r->opaque, addr - r->base, 1, &w);
		*v = (uint8_t)w;
		return st;
	}
	if (write) {
		if (r->kind == BUS_ROM)
			return BUS_ERR_READONLY;
		code_page_written(b, r, addr);
		r->host[addr - r->base] = *v;
	} else {
		*v = r->host[addr - r->base];
	}
	return BUS_OK;
}

int bus_access_slow(struct bus *b, uint32_t addr, unsigned size, uint32_t *val, bool write)
{
	const struct bus_region *r = bus_find(b, addr);
	if (!r)
		return BUS_ERR_UNMAPPED;
	uint32_t off = addr - r->base;
	if (r->kind == BUS_MMIO) {
		/* Devices see naturally aligned accesses of a width they accept. */
		if (!(r->ops->sizes & size) || (addr & (size - 1)) || off + size > r->size)
			return BUS_ERR_DEVICE;
		return write ? r->ops->write(r->opaque, off, size, *val)
			     : r->ops->read(r->opaque, off, size, val);
	}
	if (off + size > r->size || ((addr ^ (addr + size - 1)) >> BUS_PAGE_SHIFT)) {
		/* Straddles a page or the region end: byte by byte, so each byte
		 * goes where it belongs (and fails where it must). Check all
		 * bytes first so a failing write changes nothing. */
		for (unsigned i = 0; i < size; i++)
			if (!bus_find(b, addr + i))
				return BUS_ERR_UNMAPPED;
		uint32_t v = write ? *val : 0;
		for (unsigned i = 0; i < size; i++) {
			uint8_t byte = (uint8_t)(v >> (8 * i));
			int st = access_byte(b, addr + i, &byte, write);
			if (st != BUS_OK)
				return st;
			v |= (uint32_t)byte << (8 * i);
		}
		if (!write)
			*val = v;
		return BUS_OK;
	}
	if (write) {
		if (r->kind == BUS_ROM)
			return BUS_ERR_READONLY;
		code_page_written(b, r, addr);
		memcpy(r->host + off, val, size);
		return BUS_OK;
	}
	*val = 0;
	memcpy(val, r->host + off, size);
	return BUS_OK;
}

uint8_t *bus_host_ptr(struct bus *b, uint32_t addr, uint32_t len)
{
	const struct bus_region *r = bus_find(b, addr);
	if (!r || r->kind == BUS_MMIO || len > r->size - (addr - r->base))
		return NULL;
	return r->host + (addr - r->base);
}

static int copy_mem(struct bus *b, uint32_t addr, void *data, uint32_t len, bool write)
{
	uint8_t *d = data;
	while (len) {
		const struct bus_region *r = bus_find(b, addr);
		if (!r)
			return BUS_ERR_UNMAPPED;
		if (r->kind == BUS_MMIO)
			return BUS_ERR_DEVICE;
		uint32_t off = addr - r->base;
		uint32_t n = r->size - off < len ? r->size - off : len;
		if (write) {
			for (uint32_t p = addr >> BUS_PAGE_SHIFT; p <= (addr + n - 1) >> BUS_PAGE_SHIFT; p++)
				code_page_written(b, r, p << BUS_PAGE_SHIFT);
			memcpy(r->host + off, d, n);
		} else {
			memcpy(d, r->host + off, n);
		}
		d += n;
		len -= n;
		addr += n;
		if (len && addr == 0)
			return BUS_ERR_UNMAPPED; /* wrapped past 4 GiB */
	}
	return BUS_OK;
}

int bus_load(struct bus *b, uint32_t addr, const void *data, uint32_t len)
{
	return copy_mem(b, addr, (void *)data, len, true);
}

int bus_peek(struct bus *b, uint32_t addr, void *data, uint32_t len)
{
	return copy_mem(b, addr, data, len, false);
}
