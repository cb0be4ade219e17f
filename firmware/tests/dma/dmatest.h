/*
 * Helpers for the DMA guest tests (firmware/tests/dma/, tests/dma.cmake):
 * the PL080's registers (docs/devices/pl080.md), running a channel and
 * waiting for it, the DMA interrupt, D-cache maintenance by address, and
 * the "coh-expect" lines with which an image tells tests/scripts/
 * coh_report.sh which coherency events the report must hold.
 *
 * The tests share pmtest.c (firmware/tests/pm/) for the RAM vector table,
 * the CHECK macro, the D-cache start-up and the power-off path.
 */
#ifndef PMSIM_DMA_TEST_H
#define PMSIM_DMA_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "pmtest.h"

/* ---- PL080 registers ---------------------------------------------------- */

#define DMAC_REG(off) REG32(DMA0_BASE + (off))
#define DMAC_INT_STATUS DMAC_REG(0x000)
#define DMAC_INT_TC_STATUS DMAC_REG(0x004)
#define DMAC_INT_TC_CLEAR DMAC_REG(0x008)
#define DMAC_INT_ERR_STATUS DMAC_REG(0x00c)
#define DMAC_INT_ERR_CLEAR DMAC_REG(0x010)
#define DMAC_RAW_TC_STATUS DMAC_REG(0x014)
#define DMAC_RAW_ERR_STATUS DMAC_REG(0x018)
#define DMAC_ENBLD_CHNS DMAC_REG(0x01c)
#define DMAC_CONFIGURATION DMAC_REG(0x030)
#define DMAC_PERIPH_ID(n) DMAC_REG(0xfe0 + 4 * (n))
#define DMAC_CH_SRC(n) DMAC_REG(0x100 + 0x20 * (n))
#define DMAC_CH_DST(n) DMAC_REG(0x104 + 0x20 * (n))
#define DMAC_CH_LLI(n) DMAC_REG(0x108 + 0x20 * (n))
#define DMAC_CH_CTRL(n) DMAC_REG(0x10c + 0x20 * (n))
#define DMAC_CH_CFG(n) DMAC_REG(0x110 + 0x20 * (n))

/* DMACCxControl */
enum { DMA_W8 = 0, DMA_W16 = 1, DMA_W32 = 2 };
enum { DMA_B1 = 0, DMA_B4 = 1, DMA_B8 = 2, DMA_B16 = 3 };
#define DMA_CTRL_SIZE(n) ((uint32_t)(n) & 0xfffu)
#define DMA_CTRL_SB(b) ((uint32_t)(b) << 12)
#define DMA_CTRL_DB(b) ((uint32_t)(b) << 15)
#define DMA_CTRL_SW(w) ((uint32_t)(w) << 18)
#define DMA_CTRL_DW(w) ((uint32_t)(w) << 21)
#define DMA_CTRL_SI (1u << 26)
#define DMA_CTRL_DI (1u << 27)
#define DMA_CTRL_I (1u << 31)

/* DMACCxConfiguration */
#define DMA_CFG_E 1u
#define DMA_CFG_SRCPER(p) ((uint32_t)(p) << 1)
#define DMA_CFG_DSTPER(p) ((uint32_t)(p) << 6)
#define DMA_CFG_FLOW(f) ((uint32_t)(f) << 11)
#define DMA_CFG_IE (1u << 14)
#define DMA_CFG_ITC (1u << 15)
#define DMA_CFG_A (1u << 17)
#define DMA_CFG_H (1u << 18)
enum { DMA_FLOW_M2M = 0, DMA_FLOW_M2P = 1, DMA_FLOW_P2M = 2 };

/* A linked-list item, as the controller reads it from memory. */
struct dma_lli {
	uint32_t src, dst, lli, ctrl;
};

/* ---- the controller ----------------------------------------------------- */

/* Vector table in RAM, TIMER0's free-running clock (pm_ticks), the DMA
 * clock gate, the controller enabled, its interrupt enabled in the NVIC. */
void dt_init(void);

/* What the DMA interrupt handler saw: how often it ran, and the OR of the
 * masked TC and error status it found (and cleared). */
extern volatile uint32_t dt_irqs, dt_tc_seen, dt_err_seen;

/* Program channel `ch` and enable it (cfg without E). Always inlined, like
 * dt_dma_wait: the guest PC a coherency event records while a transfer
 * runs is then that of the function that started or waits for it. */
static inline __attribute__((always_inline)) void
dt_dma_start(unsigned ch, uint32_t src, uint32_t dst, uint32_t lli, uint32_t ctrl, uint32_t cfg)
{
	DMAC_CH_SRC(ch) = src;
	DMAC_CH_DST(ch) = dst;
	DMAC_CH_LLI(ch) = lli;
	DMAC_CH_CTRL(ch) = ctrl;
	DMAC_CH_CFG(ch) = cfg;
	pt_barrier(); /* the buffers' maintenance is complete before the start */
	DMAC_CH_CFG(ch) = cfg | DMA_CFG_E;
}

/* Wait until channel `ch` has cleared its E bit; false after `timeout_us`. */
static inline __attribute__((always_inline)) bool dt_dma_wait(unsigned ch, uint32_t timeout_us)
{
	uint32_t t0 = pm_ticks();
	while (DMAC_ENBLD_CHNS & (1u << ch))
		if (pm_ticks() - t0 > timeout_us * PM_TICKS_PER_US)
			return false;
	return true;
}

/* Start and wait (2 ms), in one function: the guest is in dma_run while
 * the controller moves the data, which the coherency events name. */
void dma_run(unsigned ch, uint32_t src, uint32_t dst, uint32_t lli, uint32_t ctrl, uint32_t cfg);

/* A memory-to-memory control word: `n` items of width `w` both sides,
 * bursts of 4, both addresses incrementing, with or without the
 * terminal-count interrupt. */
static inline uint32_t dt_m2m_ctrl(uint32_t n, unsigned w, bool irq)
{
	return DMA_CTRL_SIZE(n) | DMA_CTRL_SB(DMA_B4) | DMA_CTRL_DB(DMA_B4) | DMA_CTRL_SW(w) |
	       DMA_CTRL_DW(w) | DMA_CTRL_SI | DMA_CTRL_DI | (irq ? DMA_CTRL_I : 0);
}

/* ---- the D-cache ----------------------------------------------------------- */

#define SCB_DCCIMVAC REG32(0xe000ef70u)
extern uint32_t dt_line; /* D-cache line size in bytes (CCSIDR) */

/* Invalidate and turn on the D-cache (and the I-cache). */
void dt_caches_on(void);
/* By address over [p, p + len): clean (DCCMVAC), invalidate (DCIMVAC). */
void dt_clean(const volatile void *p, uint32_t len);
void dt_invalidate(const volatile void *p, uint32_t len);
/* Fill with a pattern through the cache so that every line of the
 * buffer ends up dirty in it: the D-cache allocates on reads only, so
 * each line is read first. */
void dt_fill_dirty(volatile uint32_t *p, uint32_t words, uint32_t seed);
/* Fill with a pattern (no maintenance) and compare against one. */
void dt_fill(volatile uint32_t *p, uint32_t words, uint32_t seed);
/* The index of the first word that differs from the pattern, or -1. */
int dt_diff(const volatile uint32_t *p, uint32_t words, uint32_t seed);
static inline uint32_t dt_pattern(uint32_t seed, uint32_t i)
{
	return seed ^ (i * 0x9e3779b1u);
}

/* ---- MPU --------------------------------------------------------------------- */

#define MPU_RASR_EN 1u
#define MPU_SIZE(log2) (((uint32_t)(log2) - 1u) << 1)
#define MPU_AP_RW (3u << 24)
#define MPU_TEX(t) ((uint32_t)(t) << 19)
#define MPU_C (1u << 17)
#define MPU_B (1u << 16)
#define MPU_RBAR_VALID (1u << 4)
/* Region `n` over [base, base + 2^log2): Normal non-cacheable (TEX 001)
 * or write-back (TEX 000, C, B). */
void dt_mpu_region(unsigned n, uint32_t base, unsigned log2, bool cacheable);
/* MPU on, with the default map as background. */
void dt_mpu_on(void);

/* ---- what the coherency report must say ---------------------------------- */

/*
 * Print "coh-expect: KIND ADDR LEN CHANNEL FUNCTION DMA-FUNCTION" (a
 * channel < 0 and a NULL function print "-": not checked). coh_report.sh
 * requires the report's events of each kind to cover exactly the union of
 * these ranges, line for line, with these fields, and no events of kinds
 * never mentioned.
 */
void dt_expect(const char *kind, const volatile void *addr, uint32_t len, int channel,
	       const char *fn, const char *dma_fn);

#endif
