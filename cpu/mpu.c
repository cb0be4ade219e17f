/*
 * The PMSAv7 memory protection unit of the ARMv7-M core (ARMv7-M ARM B3.5)
 * and the default memory map's attributes (B3.1).
 *
 * The MPU has cfg.mpu_regions regions (0, 8 or 16). A region is a
 * power-of-two block of 32 bytes to 4 GiB at a size-aligned base; regions
 * of 256 bytes and more are split into eight subregions that can be
 * disabled one by one (SRD). An address belongs to the highest-numbered
 * enabled region that contains it in an enabled subregion; that region's
 * AP and XN decide the access and its TEX/C/B/S the memory type. No
 * region: privileged accesses use the default map when PRIVDEFENA is set,
 * everything else faults. The PPB (0xE0000000..0xE00FFFFF) always uses the
 * default map, as do accesses at execution priority below 0 while
 * HFNMIENA is clear (in the HardFault and NMI handlers, or with
 * FAULTMASK set). Instruction fetches need read permission and XN clear;
 * the default map's XN regions (peripherals, devices, system space) never
 * execute, MPU or not.
 *
 * What this file does not do: the data path (mem.c) calls cpu_mpu_check on
 * its slow path and raises MemManage DACCVIOL itself; the fast path holds
 * only pages cpu_mpu_page_uniform reports fully accessible. Decoded
 * instructions are cached per page (decode.c), so a configuration change
 * drops the decoded pages whose answer it may change, and decode.c caches
 * only pages that cpu_mpu_page_exec says every privilege level may
 * execute, or privileged code may (those entries check the privilege when
 * they run).
 *
 * UNPREDICTABLE settings and pmsim's choices (docs/mpu.md): SIZE < 4
 * makes a region match nothing; base bits below the region size are
 * stored and read back but ignored; SRD of a region below 256 bytes is
 * ignored; AP = 100 is no access; reserved TEX/C/B encodings are
 * Strongly-ordered; RNR (and RBAR.REGION with VALID) keep only the bits
 * that name an implemented region; ENABLE clear with HFNMIENA set is an
 * MPU that is off.
 */
#include "cpu/mem.h"

#include <stdlib.h>
#include <string.h>

#define MPU_MAX_REGIONS 16u

/* SCS offsets of the registers. */
#define MPU_TYPE 0xd90u
#define MPU_CTRL 0xd94u
#define MPU_RNR 0xd98u
#define MPU_RBAR 0xd9cu
#define MPU_RASR 0xda0u
#define MPU_ALIAS_END 0xdbcu   /* RBAR_A1..RASR_A3 end here */

#define CTRL_ENABLE (1u << 0)
#define CTRL_HFNMIENA (1u << 1)
#define CTRL_PRIVDEFENA (1u << 2)
#define CTRL_MASK (CTRL_ENABLE | CTRL_HFNMIENA | CTRL_PRIVDEFENA)

#define RBAR_ADDR 0xffffffe0u
#define RBAR_VALID (1u << 4)
#define RBAR_REGION 0xfu

#define RASR_ENABLE (1u << 0)
#define RASR_SIZE(v) (((v) >> 1) & 0x1fu)
#define RASR_SRD(v) (((v) >> 8) & 0xffu)
#define RASR_B (1u << 16)
#define RASR_C (1u << 17)
#define RASR_S (1u << 18)
#define RASR_TEX(v) (((v) >> 19) & 7u)
#define RASR_AP(v) (((v) >> 24) & 7u)
#define RASR_XN (1u << 28)
#define RASR_MASK 0x173fff3fu

/* The smallest region (and subregion) is 32 bytes: nothing in the MPU's
 * answer changes inside an aligned 32-byte granule. */
#define MPU_GRANULE 32u

#define PPB_BASE 0xe0000000u
#define PPB_END 0xe0100000u

struct mpu_region {
	uint32_t rbar, rasr;   /* as written (masked to the implemented bits) */
	/* Derived at write time: */
	bool on;               /* enabled with a valid SIZE */
	unsigned log2;         /* size = 2^log2, 5..32 */
	uint32_t base;         /* size-aligned */
	uint8_t srd;           /* effective subregion disables */
	struct mem_attr attr;
	uint8_t priv, user;    /* MPU_PERM_* */
};

/* The answer for a whole page, cached: most checks hit a page one region
 * covers entirely, and then need no region walk. Emptied whenever the
 * configuration changes. */
#define MPU_PCACHE_SIZE 64u
struct mpu_pcache {
	uint32_t tag;          /* page number + 1; 0 = empty */
	bool uniform;
	uint8_t priv, user;    /* MPU_PERM_*, when uniform */
	struct mem_attr attr;
};

struct cpu_mpu {
	uint32_t ctrl, rnr;
	unsigned nregions;
	struct mpu_region r[MPU_MAX_REGIONS];
	struct mpu_pcache pc[MPU_PCACHE_SIZE];
};

/* --- the default memory map ---------------------------------------------- */

void cpu_default_attr(uint32_t addr, struct mem_attr *a)
{
	*a = (struct mem_attr){ 0 };
	switch (addr >> 29) {
	case 0: /* Code: Normal, write-through */
		a->cacheable = a->write_through = true;
		break;
	case 1: /* SRAM: Normal, write-back write-allocate */
	case 3: /* RAM: Normal, write-back write-allocate */
		a->cacheable = true;
		break;
	case 4: /* RAM: Normal, write-through */
		a->cacheable = a->write_through = true;
		break;
	case 2: /* Peripheral: Device */
		a->device = a->xn = true;
		break;
	case 5: /* External device: Device, shareable */
		a->device = a->shareable = a->xn = true;
		break;
	case 6: /* External device: Device, non-shareable */
		a->device = a->xn = true;
		break;
	default:
		/* PPB (Strongly-ordered, shareable) and the vendor system
		 * region (Device): both execute-never. */
		a->device = a->xn = true;
		a->shareable = addr < PPB_END;
		break;
	}
}

/* --- region decoding -------------------------------------------------------- */

/* AP (B3.5.8): what each privilege level may do. 100 is reserved: no
 * access for anyone, the safe reading of a setting the manual leaves open. */
static void mpu_ap(unsigned ap, uint8_t *priv, uint8_t *user)
{
	static const uint8_t tab[8][2] = {
		{ 0, 0 },
		{ MPU_PERM_R | MPU_PERM_W, 0 },
		{ MPU_PERM_R | MPU_PERM_W, MPU_PERM_R },
		{ MPU_PERM_R | MPU_PERM_W, MPU_PERM_R | MPU_PERM_W },
		{ 0, 0 },
		{ MPU_PERM_R, 0 },
		{ MPU_PERM_R, MPU_PERM_R },
		{ MPU_PERM_R, MPU_PERM_R },
	};
	*priv = tab[ap][0];
	*user = tab[ap][1];
}

/* Inner cache policy of TEX = 1BB with C:B = AA (the inner attribute is
 * the one the core's L1 caches follow). */
static void mpu_inner(unsigned aa, struct mem_attr *a)
{
	switch (aa) {
	case 0: break;                                         /* non-cacheable */
	case 1: a->cacheable = true; break;                    /* WB, WA */
	case 2: a->cacheable = a->write_through = true; break; /* WT, no WA */
	default: a->cacheable = true; break;                   /* WB, no WA */
	}
}

/* TEX/C/B/S (B3.5.7, table B3-13) into memory attributes. */
static void mpu_attr(uint32_t rasr, struct mem_attr *a)
{
	unsigned tex = RASR_TEX(rasr);
	bool c = rasr & RASR_C, b = rasr & RASR_B, s = rasr & RASR_S;
	*a = (struct mem_attr){ .xn = rasr & RASR_XN };
	if (tex & 4) {
		mpu_inner((c ? 2u : 0) | (b ? 1u : 0), a);
		a->shareable = s;
		return;
	}
	switch ((tex << 2) | (c ? 2u : 0) | (b ? 1u : 0)) {
	case 0x0: /* Strongly-ordered */
		a->device = a->shareable = true;
		break;
	case 0x1: /* Device, shareable */
		a->device = a->shareable = true;
		break;
	case 0x2: /* Normal, write-through, no write-allocate */
		a->cacheable = a->write_through = true;
		a->shareable = s;
		break;
	case 0x3: /* Normal, write-back, no write-allocate */
		a->cacheable = true;
		a->shareable = s;
		break;
	case 0x4: /* Normal, non-cacheable */
		a->shareable = s;
		break;
	case 0x7: /* Normal, write-back, write and read allocate */
		a->cacheable = true;
		a->shareable = s;
		break;
	case 0x8: /* Device, non-shareable */
		a->device = true;
		break;
	default:
		/* Reserved or IMPLEMENTATION DEFINED (TEX 001 with C:B 01 or
		 * 10, TEX 010 other than 00, TEX 011): Strongly-ordered,
		 * the most conservative type. */
		a->device = a->shareable = true;
		break;
	}
}

static void mpu_derive(struct mpu_region *r)
{
	unsigned size = RASR_SIZE(r->rasr);
	r->on = (r->rasr & RASR_ENABLE) && size >= 4;
	r->log2 = size + 1;
	r->base = r->log2 >= 32 ? 0 : r->rbar & ~((1u << r->log2) - 1);
	r->srd = r->log2 >= 8 ? (uint8_t)RASR_SRD(r->rasr) : 0;
	mpu_attr(r->rasr, &r->attr);
	mpu_ap(RASR_AP(r->rasr), &r->priv, &r->user);
}

/* Does region r contain addr, in an enabled subregion? */
static bool mpu_match(const struct mpu_region *r, uint32_t addr)
{
	if (r->log2 < 32 && ((addr ^ r->base) >> r->log2))
		return false;
	if (!r->srd)
		return true;
	return !((r->srd >> ((addr >> (r->log2 - 3)) & 7u)) & 1u);
}

/* --- checks ------------------------------------------------------------------- */

static bool mpu_on(const struct cpu_mpu *m)
{
	return m && (m->ctrl & CTRL_ENABLE);
}

bool cpu_mpu_enabled(const struct cpu *c)
{
	return mpu_on(c->mpu);
}

/* Is the MPU in force for the current execution priority? */
static bool mpu_applies(const struct cpu *c)
{
	const struct cpu_mpu *m = c->mpu;
	if (!mpu_on(m))
		return false;
	if (m->ctrl & CTRL_HFNMIENA)
		return true;
	return cpu_exec_priority(c) >= 0;
}

static bool mpu_privileged(const struct cpu *c)
{
	return c->ipsr || !(c->control & 1u);
}

static bool mpu_allowed(unsigned perm, enum mem_access kind, bool xn)
{
	switch (kind) {
	case MEM_READ: return perm & MPU_PERM_R;
	case MEM_WRITE: return perm & MPU_PERM_W;
	default: return (perm & MPU_PERM_R) && !xn;
	}
}

/* One granule's worth of an access with the MPU in force. */
static bool mpu_check_one(const struct cpu_mpu *m, uint32_t addr, enum mem_access kind,
			  bool priv, struct mem_attr *attr)
{
	if (addr >= PPB_BASE && addr < PPB_END) {
		cpu_default_attr(addr, attr);
		return kind != MEM_FETCH;
	}
	for (unsigned i = m->nregions; i-- > 0;) {
		const struct mpu_region *r = &m->r[i];
		if (!r->on || !mpu_match(r, addr))
			continue;
		*attr = r->attr;
		return mpu_allowed(priv ? r->priv : r->user, kind, r->attr.xn);
	}
	cpu_default_attr(addr, attr);
	if (!priv || !(m->ctrl & CTRL_PRIVDEFENA))
		return false;
	return kind != MEM_FETCH || !attr->xn;
}

/* The cached answer for a page, computed on a miss. */
static const struct mpu_pcache *mpu_page_lookup(struct cpu *c, uint32_t page)
{
	struct mpu_pcache *e = &c->mpu->pc[page % MPU_PCACHE_SIZE];
	if (e->tag != page + 1) {
		unsigned pp, up;
		e->uniform = cpu_mpu_page_uniform(c, page << BUS_PAGE_SHIFT, &e->attr, &pp, &up);
		e->priv = (uint8_t)pp;
		e->user = (uint8_t)up;
		e->tag = page + 1;
	}
	return e;
}

static void mpu_pcache_clear(struct cpu_mpu *m)
{
	memset(m->pc, 0, sizeof m->pc);
}

bool cpu_mpu_check(struct cpu *c, uint32_t addr, unsigned size, enum mem_access kind,
		   bool unpriv, struct mem_attr *attr)
{
	const struct cpu_mpu *m = c->mpu;
	if (!mpu_applies(c)) {
		cpu_default_attr(addr, attr);
		if (kind != MEM_FETCH)
			return true;
		/* A fetch cannot cross from an executable 512 MiB block into
		 * an XN one unnoticed: the fetcher checks each halfword. */
		return !attr->xn;
	}
	bool priv = !unpriv && mpu_privileged(c);
	if ((addr & BUS_PAGE_MASK) + (size ? size - 1 : 0) <= BUS_PAGE_MASK) {
		const struct mpu_pcache *e = mpu_page_lookup(c, addr >> BUS_PAGE_SHIFT);
		if (e->uniform) {
			static const uint8_t need[] = {
				[MEM_READ] = MPU_PERM_R, [MEM_WRITE] = MPU_PERM_W,
				[MEM_FETCH] = MPU_PERM_X,
			};
			*attr = e->attr;
			return (priv ? e->priv : e->user) & need[kind];
		}
	}
	if (!mpu_check_one(m, addr, kind, priv, attr))
		return false;
	/* An access that crosses into the next granule may cross a region
	 * or subregion boundary: every granule it touches must allow it.
	 * The attributes are the first byte's. */
	uint32_t left = size ? size - 1 : 0;
	uint32_t room = MPU_GRANULE - 1 - (addr & (MPU_GRANULE - 1));
	uint32_t a = addr;
	while (left > room) {
		struct mem_attr more;
		left -= room + 1;
		a = (a | (MPU_GRANULE - 1)) + 1;
		room = MPU_GRANULE - 1;
		if (!mpu_check_one(m, a, kind, priv, &more))
			return false;
	}
	return true;
}

/* --- per-page queries ------------------------------------------------------- */

enum mpu_cover { COVER_NONE, COVER_FULL, COVER_PART };

/* How region r covers the page [page, page + BUS_PAGE_SIZE). */
static enum mpu_cover mpu_cover(const struct mpu_region *r, uint32_t page)
{
	if (!r->on)
		return COVER_NONE;
	if (r->log2 >= BUS_PAGE_SHIFT) {
		if (r->log2 < 32 && ((page ^ r->base) >> r->log2))
			return COVER_NONE;
		unsigned sub = r->log2 - 3;
		if (!r->srd)
			return COVER_FULL;
		if (sub >= BUS_PAGE_SHIFT)
			return mpu_match(r, page) ? COVER_FULL : COVER_NONE;
		/* The page spans 2^(12 - sub) subregions, starting at the
		 * one holding its first byte. */
		unsigned n = 1u << (BUS_PAGE_SHIFT - sub);
		unsigned first = (page >> sub) & 7u;
		unsigned bits = (r->srd >> first) & ((1u << n) - 1);
		if (!bits)
			return COVER_FULL;
		return bits == (1u << n) - 1 ? COVER_NONE : COVER_PART;
	}
	/* Smaller than a page: only its own page can hold it. */
	if ((r->base & ~BUS_PAGE_MASK) != page)
		return COVER_NONE;
	return r->srd == 0xff ? COVER_NONE : COVER_PART;
}

static unsigned mpu_default_perm(const struct mem_attr *a)
{
	return MPU_PERM_R | MPU_PERM_W | (a->xn ? 0 : MPU_PERM_X);
}

static unsigned mpu_region_perm(uint8_t rw, bool xn)
{
	return rw | ((rw & MPU_PERM_R) && !xn ? MPU_PERM_X : 0);
}

bool cpu_mpu_page_uniform(struct cpu *c, uint32_t page_base, struct mem_attr *attr,
			  unsigned *priv_perm, unsigned *user_perm)
{
	const struct cpu_mpu *m = c->mpu;
	uint32_t page = page_base & ~BUS_PAGE_MASK;
	cpu_default_attr(page, attr);
	if (!mpu_on(m) || (page >= PPB_BASE && page < PPB_END)) {
		*priv_perm = *user_perm = mpu_default_perm(attr);
		return true;
	}
	for (unsigned i = m->nregions; i-- > 0;) {
		const struct mpu_region *r = &m->r[i];
		switch (mpu_cover(r, page)) {
		case COVER_NONE:
			continue;
		case COVER_PART:
			return false;
		case COVER_FULL:
			*attr = r->attr;
			*priv_perm = mpu_region_perm(r->priv, r->attr.xn);
			*user_perm = mpu_region_perm(r->user, r->attr.xn);
			return true;
		}
	}
	*priv_perm = (m->ctrl & CTRL_PRIVDEFENA) ? mpu_default_perm(attr) : 0;
	*user_perm = 0;
	return true;
}

enum mpu_exec cpu_mpu_page_exec(struct cpu *c, uint32_t page_base)
{
	struct mem_attr a;
	unsigned priv, user;
	if (!cpu_mpu_page_uniform(c, page_base, &a, &priv, &user) || !(priv & MPU_PERM_X))
		return MPU_EXEC_NONE;
	/* Below priority 0 with HFNMIENA clear the default map decides. */
	const struct cpu_mpu *m = c->mpu;
	if (mpu_on(m) && !(m->ctrl & CTRL_HFNMIENA)) {
		cpu_default_attr(page_base, &a);
		if (a.xn)
			return MPU_EXEC_NONE;
	}
	return (user & MPU_PERM_X) ? MPU_EXEC_ALL : MPU_EXEC_PRIV;
}

/* --- registers ------------------------------------------------------------ */

/* The configuration changed in a way that may change an answer: decoded
 * instructions were cached under the old permissions (dropped at the next
 * instruction boundary, since the writing instruction is one of them) and
 * the memory system's fast tables were built from them. */
static void mpu_changed(struct cpu *c)
{
	if (c->dc)
		cpu_decode_flush(c);
	if (c->mem)
		cpu_mem_remap(c);
}

/* Beyond this many pages dropping them one by one costs more than
 * dropping everything. */
#define MPU_DROP_MAX_PAGES 4096u

/* Drop the decoded instructions of the pages a region covers (the bus's
 * code-write hook queues a page for the decoder, as a store into it
 * would). An RTOS reprograms a region or two at every context switch:
 * this keeps the rest of the decode cache. */
static bool mpu_drop_code(struct cpu *c, const struct mpu_region *r)
{
	struct bus *b = c->bus;
	if (!r->on)
		return true;
	if (r->log2 >= 32 || !b->code_write)
		return false;
	uint32_t first = r->base >> BUS_PAGE_SHIFT;
	uint32_t n = r->log2 > BUS_PAGE_SHIFT ? 1u << (r->log2 - BUS_PAGE_SHIFT) : 1;
	if (n > MPU_DROP_MAX_PAGES)
		return false;
	for (uint32_t p = first; p < first + n; p++)
		if (b->code[p])
			b->code_write(b->code_write_opaque, p << BUS_PAGE_SHIFT);
	return true;
}

/* Region `old` became `*r`: only addresses either covers can change. */
static void mpu_region_changed(struct cpu *c, const struct mpu_region *old,
			       const struct mpu_region *r)
{
	if (c->dc && (!mpu_drop_code(c, old) || !mpu_drop_code(c, r)))
		cpu_decode_flush(c);
	if (c->mem)
		cpu_mem_remap(c);
}

int cpu_mpu_read(struct cpu *c, uint32_t off, unsigned size, uint32_t *v)
{
	const struct cpu_mpu *m = c->mpu;
	*v = 0;
	if (size != 4)
		return BUS_ERR_DEVICE;
	if (off == MPU_TYPE) {
		*v = (m ? m->nregions : 0) << 8;
		return BUS_OK;
	}
	if (!m || !m->nregions)
		return BUS_OK;
	const struct mpu_region *r = &m->r[m->rnr];
	switch (off) {
	case MPU_CTRL: *v = m->ctrl; break;
	case MPU_RNR: *v = m->rnr; break;
	default:
		if (off >= MPU_RBAR && off < MPU_ALIAS_END)
			*v = ((off - MPU_RBAR) & 4u) ? r->rasr : (r->rbar | m->rnr);
		break;
	}
	return BUS_OK;
}

int cpu_mpu_write(struct cpu *c, uint32_t off, unsigned size, uint32_t v)
{
	struct cpu_mpu *m = c->mpu;
	if (size != 4)
		return BUS_ERR_DEVICE;
	if (!m || !m->nregions)
		return BUS_OK;
	if (off == MPU_CTRL) {
		uint32_t old = m->ctrl;
		m->ctrl = v & CTRL_MASK;
		if (m->ctrl == old)
			return BUS_OK;
		mpu_pcache_clear(m);
		if ((old | m->ctrl) & CTRL_ENABLE)
			mpu_changed(c);
		return BUS_OK;
	}
	if (off == MPU_RNR) {
		m->rnr = v & (m->nregions - 1);
		return BUS_OK;
	}
	if (off < MPU_RBAR || off >= MPU_ALIAS_END)
		return BUS_OK;
	if (!((off - MPU_RBAR) & 4u) && (v & RBAR_VALID))
		m->rnr = v & RBAR_REGION & (m->nregions - 1);
	struct mpu_region *r = &m->r[m->rnr];
	struct mpu_region old = *r;
	if ((off - MPU_RBAR) & 4u)
		r->rasr = v & RASR_MASK;
	else
		r->rbar = v & RBAR_ADDR;
	if (r->rasr == old.rasr && r->rbar == old.rbar)
		return BUS_OK;
	mpu_derive(r);
	mpu_pcache_clear(m);
	/* A region that was and stays disabled, or any change while the
	 * MPU is off, changes no answer. */
	if (mpu_on(m) && (old.on || r->on))
		mpu_region_changed(c, &old, r);
	return BUS_OK;
}

/* --- life cycle ----------------------------------------------------------- */

void cpu_mpu_reset(struct cpu *c)
{
	struct cpu_mpu *m = c->mpu;
	if (!m)
		return;
	bool was_on = mpu_on(m);
	m->ctrl = 0;
	m->rnr = 0;
	for (unsigned i = 0; i < MPU_MAX_REGIONS; i++) {
		m->r[i] = (struct mpu_region){ 0 };
		mpu_derive(&m->r[i]);
	}
	mpu_pcache_clear(m);
	if (was_on)
		mpu_changed(c);
}

int cpu_mpu_init(struct cpu *c, struct err *e)
{
	if (c->cfg.mpu_regions > MPU_MAX_REGIONS || (c->cfg.mpu_regions & (c->cfg.mpu_regions - 1)))
		return errf(e, "cpu: %u MPU regions: pmsim models 0, 8 or 16", c->cfg.mpu_regions);
	struct cpu_mpu *m = calloc(1, sizeof *m);
	if (!m)
		return errf(e, "cpu: out of memory for the MPU");
	m->nregions = c->cfg.mpu_regions;
	c->mpu = m;
	cpu_mpu_reset(c);
	return 0;
}

void cpu_mpu_free(struct cpu *c)
{
	free(c->mpu);
	c->mpu = NULL;
}
