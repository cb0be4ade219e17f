/*
 * The System Control Space (0xE000E000..0xE000EFFF) and the DWT
 * (0xE0001000..0xE0001FFF) as MMIO regions (ARMv7-M ARM B3.2, C1.8).
 *
 * Access rules: word access only, except NVIC_IPR, SHPR1-3 (byte, halfword
 * or word) and CFSR (MMFSR and BFSR as bytes, UFSR as a halfword); any
 * other width is a bus error (a precise BusFault for the guest).
 * Addresses that hold no register read as zero and ignore writes. An
 * unprivileged access (thread mode with CONTROL.nPRIV set) is a bus error,
 * except a write to STIR while CCR.USERSETMPEND is set.
 *
 * Implemented registers (offsets from 0xE000E000):
 *   0x004 ICTR      INTLINESNUM = ceil(num_irq / 32) - 1, read-only
 *   0x008 ACTLR     RAZ/WI (no implementation-defined controls)
 *   0x010 SysTick   CSR, RVR, CVR, CALIB: see systick.c
 *   0x100 NVIC      ISER, ICER, ISPR, ICPR, IABR, IPR (0x400): see nvic.c
 *   0xD00 CPUID     cfg.cpuid
 *   0xD04 ICSR      NMIPENDSET, PENDSVSET/CLR, PENDSTSET/CLR; read-only
 *                   ISRPENDING, VECTPENDING, RETTOBASE, VECTACTIVE
 *   0xD08 VTOR      TBLOFF bits [31:7]
 *   0xD0C AIRCR     writes need VECTKEY 0x05FA; PRIGROUP; SYSRESETREQ and
 *                   VECTRESET both ask the machine for a system reset;
 *                   VECTCLRACTIVE clears every active bit; ENDIANNESS = 0
 *                   (little); reads return VECTKEYSTAT 0xFA05
 *   0xD10 SCR       SLEEPONEXIT, SLEEPDEEP (stored for the power model),
 *                   SEVONPEND
 *   0xD14 CCR       NONBASETHRDENA, USERSETMPEND, UNALIGN_TRP, DIV_0_TRP,
 *                   BFHFNMIGN, STKALIGN (reset 1); DC and IC (reset 0)
 *                   where the cache exists (else RAZ/WI): mem.c
 *   0xD18 SHPR1-3   priorities of exceptions 4-6, 11, 12, 14, 15; the
 *                   reserved slots RAZ/WI
 *   0xD24 SHCSR     active, pended and enable bits, all read/write
 *   0xD28 CFSR      MMFSR/BFSR/UFSR, write 1 to clear
 *   0xD2C HFSR      VECTTBL, FORCED, DEBUGEVT, write 1 to clear
 *   0xD30 DFSR      BKPT is set by a BKPT without debugger; W1C
 *   0xD34 MMFAR, 0xD38 BFAR  read/write, valid per CFSR.MMARVALID/BFARVALID
 *   0xD3C AFSR      RAZ/WI
 *   0xD40 ID_PFR0..ID_ISAR4  Cortex-M3 r2 values, or Cortex-M4 ones when
 *                   CPUID names a Cortex-M4/M7
 *   0xD78 CLIDR, CTR, CCSIDR (per CSSELR) from the cache geometry (cache.c);
 *                   CSSELR bits [3:0] read/write
 *   0xD88 CPACR     CP10/CP11 access [23:20] with an FPU (fpctx.c), else
 *                   RAZ/WI
 *   0xD90 MPU       MPU_TYPE, CTRL, RNR, RBAR, RASR and the aliases up to
 *                   0xDEF: see mpu.c (word access only)
 *   0xDF0 DHCSR, DCRSR, DCRDR  RAZ/WI (no debugger attached)
 *   0xDFC DEMCR     vector-catch and monitor bits stored; MON_EN enables
 *                   and MON_PEND pends the DebugMonitor exception; TRCENA
 *                   gates the DWT cycle counter
 *   0xF00 STIR      write INTID to pend an external interrupt
 *   0xF34 FPCCR     ASPEN, LSPEN (both reset 1), MONRDY, BFRDY, MMRDY,
 *                   HFRDY, THREAD, USER, LSPACT: all read/write, as the
 *                   ARM has them (exc.c sets them when it reserves a lazy
 *                   FP frame, fpctx.c clears LSPACT)
 *   0xF38 FPCAR     bits [31:3], the lazy frame's S0 slot
 *   0xF3C FPDSCR    AHP, DN, FZ, RMode [26:22]: a new FP context's FPSCR
 *   0xF40 MVFR0-2   the FP features: FPv4-SP-D16 (Cortex-M4F) 0x10110021,
 *                   0x11000011; FPv5-SP-D16 0x10110021, 0x11000011,
 *                   0x00000040; FPv5-D16 (Cortex-M7) 0x10110221,
 *                   0x12000011, 0x00000040; MVFR2 reads 0 on FPv4
 *                   All of 0xF34..0xF48 RAZ/WI without an FPU.
 *   0xF50..0xF78    cache maintenance operations (mem.c), write-only
 *   0xFD0..0xFFC    peripheral and component IDs (CoreSight SCS)
 *
 * DWT (offsets from 0xE0001000): CTRL with NUMCOMP = 0, NOTRCPKT,
 * NOEXTTRIG and NOPRFCNT set (no comparators, trace packets, external
 * triggers or profiling counters) and CYCCNTENA writable; CYCCNT counts
 * core cycles while CYCCNTENA and DEMCR.TRCENA are both set (kept as an
 * offset from the core's cycle count, nothing per instruction); the
 * profiling counters and PCSR RAZ/WI; LAR/LSR implement the software lock
 * only for a Cortex-M7 CPUID (locked at reset, writes other than LAR
 * ignored until 0xC5ACCE55 is written), as on those parts; the
 * peripheral/component IDs at 0xFD0..0xFFC.
 */
#include "cpu/cache.h"
#include "cpu/exc.h"
#include "cpu/mem.h"

#define SCS_BASE 0xe000e000u
#define SCS_SIZE 0x1000u
#define DWT_BASE 0xe0001000u
#define DWT_SIZE 0x1000u

#define ICSR_NMIPENDSET (1u << 31)
#define ICSR_PENDSVSET (1u << 28)
#define ICSR_PENDSVCLR (1u << 27)
#define ICSR_PENDSTSET (1u << 26)
#define ICSR_PENDSTCLR (1u << 25)
#define ICSR_ISRPENDING (1u << 22)
#define ICSR_RETTOBASE (1u << 11)

#define AIRCR_VECTKEY 0x05fau
#define AIRCR_VECTKEYSTAT 0xfa05u
#define AIRCR_VECTRESET (1u << 0)
#define AIRCR_VECTCLRACTIVE (1u << 1)
#define AIRCR_SYSRESETREQ (1u << 2)

#define SCR_WRITABLE (SCR_SLEEPONEXIT | SCR_SLEEPDEEP | SCR_SEVONPEND)
#define DEMCR_WRITABLE 0x010f07f1u

#define DWT_CTRL_RO 0x0d000000u    /* NUMCOMP 0, NOTRCPKT, NOEXTTRIG, NOPRFCNT */
#define DWT_CTRL_WRITABLE 0x007f1fffu
#define DWT_CYCCNTENA (1u << 0)
#define DWT_LAR_KEY 0xc5acce55u

/* SHCSR bit <-> exception, for the active and pended bits. */
static const struct { uint8_t bit, exc; } shcsr_active[] = {
	{ 0, EXC_MEMMANAGE }, { 1, EXC_BUSFAULT }, { 3, EXC_USAGEFAULT }, { 7, EXC_SVCALL },
	{ 8, EXC_DEBUGMON }, { 10, EXC_PENDSV }, { 11, EXC_SYSTICK },
};
static const struct { uint8_t bit, exc; } shcsr_pended[] = {
	{ 12, EXC_USAGEFAULT }, { 13, EXC_MEMMANAGE }, { 14, EXC_BUSFAULT }, { 15, EXC_SVCALL },
};
static const struct { uint8_t bit, exc; } shcsr_enable[] = {
	{ 16, EXC_MEMMANAGE }, { 17, EXC_BUSFAULT }, { 18, EXC_USAGEFAULT },
};
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ID_PFR0 .. ID_ISAR4 (0xD40..0xD70) from the Cortex-M3 r2p0 and Cortex-M4
 * r0p1 TRMs; the M4 ones add the DSP instructions to ID_ISAR. */
static const uint32_t id_regs_m3[13] = {
	0x00000030, 0x00000200, 0x00100000, 0x00000000, 0x00000030, 0x00000000,
	0x00000000, 0x00000000, 0x01141110, 0x02111000, 0x21112231, 0x01111110,
	0x01310102,
};
static const uint32_t id_regs_m4[13] = {
	0x00000030, 0x00000200, 0x00100000, 0x00000000, 0x00100030, 0x00000000,
	0x01000000, 0x00000000, 0x01101110, 0x02111000, 0x21112231, 0x01111110,
	0x01310132,
};

/* MVFR0..MVFR2 (0xF40..0xF48) of each FPU: the Cortex-M4 TRM (FPv4-SP),
 * the Cortex-M7 TRM (FPv5, single or double precision); the
 * single-precision FPv5 one has the M4's MVFR0/MVFR1 and MVFR2 says that
 * VRINT/VSEL/VMAXNM and the other FPv5 additions exist. MVFR2 is
 * reserved (zero) on FPv4. */
static uint32_t scs_mvfr(enum cpu_fpu fpu, unsigned n)
{
	static const uint32_t mvfr[][3] = {
		[CPU_FPU_NONE] = { 0, 0, 0 },
		[CPU_FPU_V4_SP] = { 0x10110021u, 0x11000011u, 0 },
		[CPU_FPU_V5_SP] = { 0x10110021u, 0x11000011u, 0x00000040u },
		[CPU_FPU_V5_DP] = { 0x10110221u, 0x12000011u, 0x00000040u },
	};
	return mvfr[fpu][n];
}

/* CoreSight IDs at 0xFD0..0xFFC: PID4..PID7, PID0..PID3, CID0..CID3. */
static const uint8_t scs_ids[12] = { 0x04, 0, 0, 0, 0x00, 0xb0, 0x0b, 0x00,
				     0x0d, 0xe0, 0x05, 0xb1 };
static const uint8_t dwt_ids[12] = { 0x04, 0, 0, 0, 0x02, 0xb0, 0x3b, 0x00,
				     0x0d, 0xe0, 0x05, 0xb1 };

static unsigned cpuid_part(const struct cpu_exc *x)
{
	return (x->c->cfg.cpuid >> 4) & 0xfffu;
}

/* --- DWT -------------------------------------------------------------- */

static bool dwt_counting(const struct cpu_exc *x)
{
	return (x->dwt.ctrl & DWT_CYCCNTENA) && (x->demcr & DEMCR_TRCENA);
}

static uint32_t dwt_cyccnt(const struct cpu_exc *x)
{
	if (!dwt_counting(x))
		return x->dwt.cyc_base;
	return x->dwt.cyc_base + (uint32_t)(x->c->cycles - x->dwt.cyc_start);
}

void cpu_dwt_freeze(struct cpu_exc *x)
{
	x->dwt.cyc_base = dwt_cyccnt(x);
}

void cpu_dwt_thaw(struct cpu_exc *x)
{
	x->dwt.cyc_start = x->c->cycles;
}

void cpu_dwt_reset(struct cpu_exc *x)
{
	x->dwt.ctrl = 0;
	x->dwt.cyc_base = 0;
	x->dwt.cyc_start = x->c->cycles;
	x->dwt.lock_impl = cpuid_part(x) == 0xc27;
	x->dwt.locked = x->dwt.lock_impl;
}

static int dwt_read(void *opaque, uint32_t off, unsigned size, uint32_t *v)
{
	struct cpu_exc *x = opaque;
	if (size != 4)
		return BUS_ERR_DEVICE;
	*v = 0;
	if (off == 0x000)
		*v = DWT_CTRL_RO | x->dwt.ctrl;
	else if (off == 0x004)
		*v = dwt_cyccnt(x);
	else if (off == 0xfb4)
		*v = x->dwt.lock_impl ? (1u | (x->dwt.locked ? 2u : 0)) : 0;
	else if (off >= 0xfd0)
		*v = dwt_ids[(off - 0xfd0) / 4];
	return BUS_OK;
}

static int dwt_write(void *opaque, uint32_t off, unsigned size, uint32_t v)
{
	struct cpu_exc *x = opaque;
	if (size != 4)
		return BUS_ERR_DEVICE;
	if (off == 0xfb0) {
		if (x->dwt.lock_impl)
			x->dwt.locked = v != DWT_LAR_KEY;
		return BUS_OK;
	}
	if (x->dwt.locked)
		return BUS_OK;
	if (off == 0x000) {
		cpu_dwt_freeze(x);
		x->dwt.ctrl = v & DWT_CTRL_WRITABLE;
		cpu_dwt_thaw(x);
	} else if (off == 0x004) {
		x->dwt.cyc_base = v;
		cpu_dwt_thaw(x);
	}
	return BUS_OK;
}

static const struct bus_ops dwt_ops = {
	.name = "dwt",
	.sizes = BUS_SIZES_ALL,
	.read = dwt_read,
	.write = dwt_write,
};

/* --- SCB -------------------------------------------------------------- */

static uint32_t scb_icsr(const struct cpu_exc *x)
{
	const struct cpu *c = x->c;
	uint32_t v = c->ipsr & 0x1ffu;
	if (c->ipsr && x->nactive == 1)
		v |= ICSR_RETTOBASE;
	v |= (cpu_exc_vectpending(c) & 0x1ffu) << 12;
	for (unsigned w = 0; w < EXC_WORDS; w++) {
		uint32_t irqs = x->pending[w];
		if (w == 0)
			irqs &= 0xffff0000u;
		if (irqs)
			v |= ICSR_ISRPENDING;
	}
	if (exc_bit(x->pending, EXC_SYSTICK))
		v |= ICSR_PENDSTSET;
	if (exc_bit(x->pending, EXC_PENDSV))
		v |= ICSR_PENDSVSET;
	if (exc_bit(x->pending, EXC_NMI))
		v |= ICSR_NMIPENDSET;
	return v;
}

static void scb_icsr_write(struct cpu_exc *x, uint32_t v)
{
	if (v & ICSR_NMIPENDSET)
		cpu_exc_set_pending(x, EXC_NMI);
	if (v & ICSR_PENDSVSET)
		cpu_exc_set_pending(x, EXC_PENDSV);
	if (v & ICSR_PENDSVCLR)
		cpu_exc_clear_pending(x, EXC_PENDSV);
	if (v & ICSR_PENDSTSET)
		cpu_exc_set_pending(x, EXC_SYSTICK);
	if (v & ICSR_PENDSTCLR)
		cpu_exc_clear_pending(x, EXC_SYSTICK);
}

static void scb_aircr_write(struct cpu_exc *x, uint32_t v)
{
	if ((v >> 16) != AIRCR_VECTKEY)
		return; /* writes without the key are ignored */
	x->prigroup = (v >> 8) & 7u;
	x->c->exc_check = true;
	if (v & AIRCR_VECTCLRACTIVE) {
		memset(x->active, 0, sizeof x->active);
		x->nactive = 0;
	}
	/* VECTRESET is meant for debuggers; outside debug state treating it
	 * as a reset request is what firmware that uses it expects. */
	if (v & (AIRCR_SYSRESETREQ | AIRCR_VECTRESET)) {
		x->c->reset_requested = true;
		x->c->stop_requested = true;
	}
}

static uint32_t scb_shcsr(const struct cpu_exc *x)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < ARRAY_LEN(shcsr_active); i++)
		if (exc_bit(x->active, shcsr_active[i].exc))
			v |= 1u << shcsr_active[i].bit;
	for (unsigned i = 0; i < ARRAY_LEN(shcsr_pended); i++)
		if (exc_bit(x->pending, shcsr_pended[i].exc))
			v |= 1u << shcsr_pended[i].bit;
	for (unsigned i = 0; i < ARRAY_LEN(shcsr_enable); i++)
		if (exc_bit(x->enabled, shcsr_enable[i].exc))
			v |= 1u << shcsr_enable[i].bit;
	return v;
}

static void scb_shcsr_write(struct cpu_exc *x, uint32_t v)
{
	for (unsigned i = 0; i < ARRAY_LEN(shcsr_active); i++)
		cpu_exc_set_active(x, shcsr_active[i].exc, (v >> shcsr_active[i].bit) & 1u);
	for (unsigned i = 0; i < ARRAY_LEN(shcsr_pended); i++) {
		if ((v >> shcsr_pended[i].bit) & 1u)
			cpu_exc_set_pending(x, shcsr_pended[i].exc);
		else
			cpu_exc_clear_pending(x, shcsr_pended[i].exc);
	}
	for (unsigned i = 0; i < ARRAY_LEN(shcsr_enable); i++)
		cpu_exc_set_enabled(x, shcsr_enable[i].exc, (v >> shcsr_enable[i].bit) & 1u);
}

static void scb_demcr_write(struct cpu_exc *x, uint32_t v)
{
	cpu_dwt_freeze(x);
	x->demcr = v & DEMCR_WRITABLE & ~DEMCR_MON_PEND;
	cpu_dwt_thaw(x);
	cpu_exc_set_enabled(x, EXC_DEBUGMON, v & DEMCR_MON_EN);
	if (v & DEMCR_MON_PEND)
		cpu_exc_set_pending(x, EXC_DEBUGMON);
	else
		cpu_exc_clear_pending(x, EXC_DEBUGMON);
}

/* SHPR1-3: one byte per system exception 4..15. */
static bool shpr_implemented(unsigned n)
{
	return n == EXC_MEMMANAGE || n == EXC_BUSFAULT || n == EXC_USAGEFAULT ||
	       n == EXC_SVCALL || n == EXC_DEBUGMON || n == EXC_PENDSV || n == EXC_SYSTICK;
}

/* The SCS is privileged: an unprivileged access is a BusFault (B3.2),
 * except a write to STIR when CCR.USERSETMPEND allows it. Only the core
 * reaches the PPB, so its current privilege is the access's. */
static bool scs_unprivileged(const struct cpu_exc *x)
{
	return x->c->ipsr == 0 && (x->c->control & 1u);
}

static int scs_read(void *opaque, uint32_t off, unsigned size, uint32_t *v)
{
	struct cpu_exc *x = opaque;
	const struct cpu *c = x->c;

	if (scs_unprivileged(x))
		return BUS_ERR_DEVICE;

	if (off >= 0x100 && off < 0x600)
		return cpu_nvic_read(x, off, size, v);
	if (off >= 0xd18 && off < 0xd24) {
		uint32_t r = 0;
		for (unsigned i = 0; i < size; i++) {
			unsigned n = 4 + off - 0xd18 + i;
			if (shpr_implemented(n))
				r |= (uint32_t)x->prio[n] << (8 * i);
		}
		*v = r;
		return BUS_OK;
	}
	if (off >= 0xd28 && off < 0xd2c) {
		/* MMFSR/BFSR bytes and the UFSR halfword; the bus has checked
		 * natural alignment. */
		*v = (x->cfsr >> (8 * (off & 3))) & (size == 4 ? ~0u : (1u << (8 * size)) - 1);
		return BUS_OK;
	}
	if (size != 4)
		return BUS_ERR_DEVICE;

	if (off >= 0x10 && off < 0x20)
		return cpu_systick_read(x, off, v);
	if (off >= 0xd90 && off < 0xdf0)
		return cpu_mpu_read(x->c, off, size, v);
	if (off >= 0xd40 && off < 0xd74) {
		unsigned p = cpuid_part(x);
		const uint32_t *ids = (p == 0xc24 || p == 0xc27) ? id_regs_m4 : id_regs_m3;
		*v = ids[(off - 0xd40) / 4];
		return BUS_OK;
	}
	if (off >= 0xfd0) {
		*v = scs_ids[(off - 0xfd0) / 4];
		return BUS_OK;
	}
	switch (off) {
	case 0x004: *v = (c->cfg.num_irq + 31) / 32 - 1; break;
	case 0xd00: *v = c->cfg.cpuid; break;
	case 0xd04: *v = scb_icsr(x); break;
	case 0xd08: *v = x->vtor; break;
	case 0xd0c: *v = (AIRCR_VECTKEYSTAT << 16) | (x->prigroup << 8); break;
	case 0xd10: *v = x->scr; break;
	case 0xd14: *v = x->ccr; break;
	case 0xd24: *v = scb_shcsr(x); break;
	case 0xd2c: *v = x->hfsr; break;
	case 0xd30: *v = x->dfsr; break;
	case 0xd34: *v = x->mmfar; break;
	case 0xd38: *v = x->bfar; break;
	case 0xd78: *v = cpu_cache_clidr(c); break;
	case 0xd7c: *v = cpu_cache_ctr(c); break;
	case 0xd80: *v = cpu_cache_ccsidr(c, x->csselr); break;
	case 0xd84: *v = x->csselr; break;
	case 0xd88: *v = c->cpacr; break;
	case 0xf34: *v = c->fpccr; break;
	case 0xf38: *v = c->fpcar; break;
	case 0xf3c: *v = c->fpdscr; break;
	case 0xf40: case 0xf44: case 0xf48:
		*v = scs_mvfr(c->cfg.fpu, (off - 0xf40) / 4);
		break;
	case 0xdfc:
		*v = x->demcr | (exc_bit(x->pending, EXC_DEBUGMON) ? DEMCR_MON_PEND : 0);
		break;
	default:
		/* ACTLR, AFSR, CPACR, debug, STIR,
		 * cache maintenance and reserved space: zero. */
		*v = 0;
		break;
	}
	return BUS_OK;
}

static int scs_write(void *opaque, uint32_t off, unsigned size, uint32_t v)
{
	struct cpu_exc *x = opaque;

	if (scs_unprivileged(x) && !(off == 0xf00 && (x->ccr & CCR_USERSETMPEND)))
		return BUS_ERR_DEVICE;

	if (off >= 0x100 && off < 0x600)
		return cpu_nvic_write(x, off, size, v);
	if (off >= 0xd18 && off < 0xd24) {
		for (unsigned i = 0; i < size; i++) {
			unsigned n = 4 + off - 0xd18 + i;
			if (shpr_implemented(n))
				x->prio[n] = (uint8_t)(v >> (8 * i)) & x->prio_mask;
		}
		x->c->exc_check = true;
		return BUS_OK;
	}
	if (off >= 0xd28 && off < 0xd2c) {
		uint32_t m = size == 4 ? ~0u : (1u << (8 * size)) - 1;
		x->cfsr &= ~((v & m) << (8 * (off & 3)));
		return BUS_OK;
	}
	if (size != 4)
		return BUS_ERR_DEVICE;

	if (off >= 0x10 && off < 0x20)
		return cpu_systick_write(x, off, v);
	if (off >= 0xd90 && off < 0xdf0)
		return cpu_mpu_write(x->c, off, size, v);
	switch (off) {
	case 0xd04: scb_icsr_write(x, v); break;
	case 0xd08: x->vtor = v & 0xffffff80u; break;
	case 0xd0c: scb_aircr_write(x, v); break;
	case 0xd10: x->scr = v & SCR_WRITABLE; break;
	case 0xd14:
		x->ccr = v & (CCR_WRITABLE | cpu_cache_ccr_mask(x->c));
		cpu_cache_ccr_write(x->c, x->ccr);
		break;
	case 0xd24: scb_shcsr_write(x, v); break;
	case 0xd2c: x->hfsr &= ~v; break;
	case 0xd30: x->dfsr &= ~v; break;
	case 0xd34: x->mmfar = v; break;
	case 0xd38: x->bfar = v; break;
	case 0xd88:
		/* CP10 and CP11 are the FPU (RAZ/WI without one); the
		 * architecture makes a CP11 setting that differs from CP10's
		 * UNPREDICTABLE: CP10's field decides here. */
		x->c->cpacr = x->c->cfg.fpu != CPU_FPU_NONE ? v & CPACR_CP10_CP11 : 0;
		break;
	case 0xd84: x->csselr = v & 0xfu; break;
	case 0xf34:
		if (x->c->cfg.fpu != CPU_FPU_NONE)
			x->c->fpccr = v & FPCCR_WRITABLE;
		break;
	case 0xf38:
		if (x->c->cfg.fpu != CPU_FPU_NONE)
			x->c->fpcar = v & ~7u;
		break;
	case 0xf3c:
		if (x->c->cfg.fpu != CPU_FPU_NONE)
			x->c->fpdscr = v & FPDSCR_WRITABLE;
		break;
	case 0xdfc: scb_demcr_write(x, v); break;
	case 0xf00: cpu_nvic_stir(x, v); break;
	case 0xf50: case 0xf58: case 0xf5c: case 0xf60: case 0xf64: case 0xf68:
	case 0xf6c: case 0xf70: case 0xf74: case 0xf78:
		cpu_cache_maint(x->c, off, v);
		break;
	default:
		break; /* read-only, RAZ/WI, or write-ignored maintenance */
	}
	return BUS_OK;
}

static const struct bus_ops scs_ops = {
	.name = "scs",
	.sizes = BUS_SIZES_ALL,
	.read = scs_read,
	.write = scs_write,
};

int cpu_scs_init(struct cpu_exc *x, struct err *e)
{
	if (bus_add_mmio(x->c->bus, "scs", SCS_BASE, SCS_SIZE, &scs_ops, x) < 0)
		return errf(e, "cpu: cannot map the System Control Space at 0x%08x: the range is taken",
			    SCS_BASE);
	if (bus_add_mmio(x->c->bus, "dwt", DWT_BASE, DWT_SIZE, &dwt_ops, x) < 0)
		return errf(e, "cpu: cannot map the DWT at 0x%08x: the range is taken", DWT_BASE);
	return 0;
}
