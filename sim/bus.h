/*
 * The system bus: a 32-bit physical address space made of regions.
 *
 * RAM and ROM/flash regions are reached through a direct host-pointer page
 * map (4 KiB pages): the inline accessors below are a table lookup and a
 * memcpy, with no callback. Everything else takes the slow path
 * (bus_access_slow): MMIO dispatch to a device's ops, accesses that cross a
 * page, writes to ROM, writes to pages holding decoded code, and unmapped
 * addresses, which return a bus error to the initiator (never a crash).
 *
 * The host is little-endian, like the guest (checked at build time), so
 * guest words are stored in host order.
 */
#ifndef PMSIM_BUS_H
#define PMSIM_BUS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum bus_status {
	BUS_OK = 0,
	BUS_ERR_UNMAPPED, /* no region at the address */
	BUS_ERR_DEVICE,   /* the device refused (size, offset, access kind) */
	BUS_ERR_READONLY, /* write to ROM/flash */
	BUS_ERR_PRIVATE,  /* another master at the core's private peripheral bus */
};

/* The Private Peripheral Bus (ARMv7-M B3.1: ITM, DWT, FPB and the System
 * Control Space with the NVIC, SCB, SysTick and MPU) is the core's own:
 * its devices are regions of this bus for the core's sake, but no other
 * master (DMA) reaches them; bus_master_access refuses the range. */
#define BUS_PPB_BASE 0xe0000000u
#define BUS_PPB_SIZE 0x00100000u

/* A device's MMIO interface. `sizes` declares which access widths the guest
 * may use (bit 0 = byte, bit 1 = halfword, bit 2 = word); the bus rejects
 * the others with BUS_ERR_DEVICE before calling the device. Offsets are
 * relative to the region base. Callbacks return an enum bus_status. */
struct bus_ops {
	const char *name;
	uint8_t sizes;
	int (*read)(void *opaque, uint32_t offset, unsigned size, uint32_t *val);
	int (*write)(void *opaque, uint32_t offset, unsigned size, uint32_t val);
};
#define BUS_SIZE_8 1u
#define BUS_SIZE_16 2u
#define BUS_SIZE_32 4u
#define BUS_SIZES_ALL (BUS_SIZE_8 | BUS_SIZE_16 | BUS_SIZE_32)

enum bus_kind { BUS_RAM, BUS_ROM, BUS_MMIO };

struct bus_region {
	char name[48];
	uint32_t base;
	uint32_t size;
	enum bus_kind kind;
	uint8_t *host;              /* RAM/ROM backing store, owned by the bus */
	const struct bus_ops *ops;  /* MMIO */
	void *opaque;
	/* Access timing, from the device tree (0 = as fast as the core):
	 * the first beat of an access and each further beat of a burst, in
	 * picoseconds, and the size of a sequential prefetch buffer in front
	 * of it (flash; 0 = none). The core converts these to cycles at its
	 * current frequency, so wait states grow with the clock. */
	uint32_t first_ps, next_ps;
	uint32_t prefetch_bytes;
	/* Optional: a controller in front of the memory (the DRAM
	 * controller) told of every access that reaches the memory — line
	 * fills, write-backs, uncached accesses, DMA — at time `now`. It
	 * returns the extra latency the access pays (leaving power-down or
	 * self-refresh), or BUS_HOOK_FAULT when the memory cannot answer (a
	 * bus error). A region with a hook is never on the core's fast
	 * path. */
	uint64_t (*access_hook)(void *opaque, uint64_t now, uint32_t addr, uint32_t bytes,
				bool write);
	void *hook_opaque;
};
#define BUS_HOOK_FAULT UINT64_MAX

#define BUS_PAGE_SHIFT 12
#define BUS_PAGE_SIZE (1u << BUS_PAGE_SHIFT)
#define BUS_PAGE_MASK (BUS_PAGE_SIZE - 1)
#define BUS_NPAGES (1u << (32 - BUS_PAGE_SHIFT))

struct bus {
	uint8_t **rd;     /* host address of each page's first byte, or NULL */
	uint8_t **wr;     /* same for writes; NULL for ROM and code pages */
	uint8_t *code;    /* per page: 1 if decoded instructions are cached */
	struct bus_region *regions; /* sorted by base, non-overlapping */
	unsigned nregions, cap;
	/* Called (once) when a write hits a page marked as code, before the
	 * write lands, so the CPU can drop decoded instructions of that page. */
	void (*code_write)(void *opaque, uint32_t page_base);
	void *code_write_opaque;
	/* Told of every access another bus master (DMA) makes to RAM, after
	 * it happened (the coherency checker). */
	void (*master_observer)(void *opaque, uint64_t now, uint32_t addr, unsigned size,
				bool write);
	void *master_observer_opaque;
};

int bus_init(struct bus *b);
void bus_free(struct bus *b);

/* Why a region was refused: the negative results of bus_add_ram and
 * bus_add_mmio, so that the caller can say which. */
enum {
	BUS_ADD_EMPTY = -1,     /* size 0, or the region wraps past 4 GiB */
	BUS_ADD_UNALIGNED = -2, /* RAM/ROM: base or size not a multiple of BUS_PAGE_SIZE */
	BUS_ADD_OVERLAP = -3,   /* overlaps a region already there (bus_overlap) */
	BUS_ADD_NOMEM = -4,     /* no host memory for it */
};

/* Add a region; RAM/ROM get zeroed host memory. Returns the region index,
 * or one of the BUS_ADD_ reasons. */
int bus_add_ram(struct bus *b, const char *name, uint32_t base, uint32_t size, bool rom);
int bus_add_mmio(struct bus *b, const char *name, uint32_t base, uint32_t size,
		 const struct bus_ops *ops, void *opaque);
const struct bus_region *bus_find(const struct bus *b, uint32_t addr);
/* The first region that overlaps [base, base + size), or NULL. */
const struct bus_region *bus_overlap(const struct bus *b, uint32_t base, uint32_t size);
/* Put an access hook (struct bus_region) on the RAM region holding `addr`;
 * -1 if there is none. */
int bus_set_access_hook(struct bus *b, uint32_t addr,
			uint64_t (*hook)(void *, uint64_t, uint32_t, uint32_t, bool), void *opaque);
/* Set a region's timing (see struct bus_region). */
void bus_set_timing(struct bus *b, int idx, uint32_t first_ps, uint32_t next_ps,
		    uint32_t prefetch_bytes);

/* An access by a bus master other than the core (a DMA controller): one
 * beat of `size` bytes (1, 2 or 4) at `addr` starting at `now`, to memory
 * or to a device, never through the core's caches (DMA is not coherent).
 * The memory's controller (bus_region.access_hook) adds its latency to
 * *lat (picoseconds) and books the energy; the master observer sees RAM
 * accesses. Writes drop decoded code like any write. Returns BUS_OK or the
 * error (unmapped, refused, a memory that cannot answer, or
 * BUS_ERR_PRIVATE for the core's private peripheral bus). */
int bus_master_access(struct bus *b, uint64_t now, uint32_t addr, unsigned size,
		      uint32_t *val, bool write, uint64_t *lat);

/* The slow path behind the inline accessors; also the only path for MMIO. */
int bus_access_slow(struct bus *b, uint32_t addr, unsigned size, uint32_t *val, bool write);

/* Mark the page holding `addr` as containing decoded code: writes to it go
 * through the slow path, which calls code_write first. */
void bus_mark_code(struct bus *b, uint32_t addr);

/* Loader/debugger access to RAM and ROM (ROM writable here); MMIO and
 * unmapped addresses fail. Returns BUS_OK or the first error. */
int bus_load(struct bus *b, uint32_t addr, const void *data, uint32_t len);
int bus_peek(struct bus *b, uint32_t addr, void *data, uint32_t len);

/* Host pointer for [addr, addr+len) if it is one RAM/ROM region, else NULL. */
uint8_t *bus_host_ptr(struct bus *b, uint32_t addr, uint32_t len);

/* A little-endian guest value of `size` bytes (1, 2 or 4) at host address
 * p, and the store of one; constant sizes compile to single moves. */
static inline uint32_t bus_host_load(const uint8_t *p, unsigned size)
{
	if (size == 4) {
		uint32_t w;
		memcpy(&w, p, 4);
		return w;
	}
	if (size == 2) {
		uint16_t h;
		memcpy(&h, p, 2);
		return h;
	}
	return *p;
}

static inline void bus_host_store(uint8_t *p, unsigned size, uint32_t v)
{
	if (size == 4) {
		memcpy(p, &v, 4);
	} else if (size == 2) {
		uint16_t h = (uint16_t)v;
		memcpy(p, &h, 2);
	} else {
		*p = (uint8_t)v;
	}
}

static inline int bus_read(struct bus *b, uint32_t a, unsigned size, uint32_t *v)
{
	const uint8_t *p = b->rd[a >> BUS_PAGE_SHIFT];
	if (p && (a & BUS_PAGE_MASK) <= BUS_PAGE_SIZE - size) {
		*v = bus_host_load(p + (a & BUS_PAGE_MASK), size);
		return BUS_OK;
	}
	return bus_access_slow(b, a, size, v, false);
}

static inline int bus_write(struct bus *b, uint32_t a, unsigned size, uint32_t v)
{
	uint8_t *p = b->wr[a >> BUS_PAGE_SHIFT];
	if (p && (a & BUS_PAGE_MASK) <= BUS_PAGE_SIZE - size) {
		bus_host_store(p + (a & BUS_PAGE_MASK), size, v);
		return BUS_OK;
	}
	return bus_access_slow(b, a, size, &v, true);
}

#endif
