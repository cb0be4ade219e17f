/*
 * Helpers shared by the DMA guest tests (dmatest.h): the PL080 set up and
 * driven by polling or by its interrupt, D-cache maintenance by address,
 * the MPU, and the coherency expectations printed for coh_report.sh.
 */
#include "dmatest.h"

#include <stdio.h>

volatile uint32_t dt_irqs, dt_tc_seen, dt_err_seen;
uint32_t dt_line = 32;

/* DMACINTR: record and clear what is pending (TC and error, masked). */
static void dt_dma_isr(void)
{
	uint32_t tc = DMAC_INT_TC_STATUS, err = DMAC_INT_ERR_STATUS;
	dt_tc_seen |= tc;
	dt_err_seen |= err;
	DMAC_INT_TC_CLEAR = tc;
	DMAC_INT_ERR_CLEAR = err;
	dt_irqs++;
	pt_barrier();
}

void dt_init(void)
{
	pt_vectors_install();
	pt_set_irq_handler(IRQ_DMA0, dt_dma_isr);
	pm_clock_init();
	CMU_GATE_SET = 1u << GATE_DMA;
	DMAC_CONFIGURATION = 1; /* E: the controller runs */
	NVIC_ICPR(0) = 1u << IRQ_DMA0;
	NVIC_ISER(0) = 1u << IRQ_DMA0;
	SCB_CSSELR = 0;
	pt_barrier();
	dt_line = 1u << ((SCB_CCSIDR & 7u) + 4);
}

__attribute__((noinline)) void dma_run(unsigned ch, uint32_t src, uint32_t dst, uint32_t lli,
				       uint32_t ctrl, uint32_t cfg)
{
	dt_dma_start(ch, src, dst, lli, ctrl, cfg);
	if (!dt_dma_wait(ch, 2000)) {
		printf("channel %u still enabled after 2 ms: src 0x%08lx dst 0x%08lx ctrl 0x%08lx "
		       "cfg 0x%08lx, raw tc 0x%lx err 0x%lx, DMACConfiguration 0x%lx\n", ch,
		       (unsigned long)DMAC_CH_SRC(ch), (unsigned long)DMAC_CH_DST(ch),
		       (unsigned long)DMAC_CH_CTRL(ch), (unsigned long)DMAC_CH_CFG(ch),
		       (unsigned long)DMAC_RAW_TC_STATUS, (unsigned long)DMAC_RAW_ERR_STATUS,
		       (unsigned long)DMAC_CONFIGURATION);
		CHECK(!"the transfer finished");
	}
}

/* ---- the D-cache ----------------------------------------------------------- */

void dt_caches_on(void)
{
	pt_icache_on();
	pt_dcache_on();
}

static void dt_by_mva(volatile uint32_t *op, const volatile void *p, uint32_t len)
{
	uint32_t a = (uint32_t)(uintptr_t)p & ~(dt_line - 1), end = (uint32_t)(uintptr_t)p + len;
	pt_barrier();
	for (; a < end; a += dt_line)
		*op = a;
	pt_barrier();
}

void dt_clean(const volatile void *p, uint32_t len)
{
	dt_by_mva(&SCB_DCCMVAC, p, len);
}

void dt_invalidate(const volatile void *p, uint32_t len)
{
	dt_by_mva(&SCB_DCIMVAC, p, len);
}

void dt_fill_dirty(volatile uint32_t *p, uint32_t words, uint32_t seed)
{
	uint32_t per_line = dt_line / 4;
	for (uint32_t i = 0; i < words; i += per_line)
		(void)p[i]; /* allocate the line (read-allocate only) */
	dt_fill(p, words, seed);
}

void dt_fill(volatile uint32_t *p, uint32_t words, uint32_t seed)
{
	for (uint32_t i = 0; i < words; i++)
		p[i] = dt_pattern(seed, i);
}

int dt_diff(const volatile uint32_t *p, uint32_t words, uint32_t seed)
{
	for (uint32_t i = 0; i < words; i++)
		if (p[i] != dt_pattern(seed, i))
			return (int)i;
	return -1;
}

/* ---- MPU --------------------------------------------------------------------- */

void dt_mpu_region(unsigned n, uint32_t base, unsigned log2, bool cacheable)
{
	MPU_RBAR = base | MPU_RBAR_VALID | n;
	MPU_RASR = MPU_RASR_EN | MPU_SIZE(log2) | MPU_AP_RW |
		   (cacheable ? MPU_C | MPU_B : MPU_TEX(1));
}

void dt_mpu_on(void)
{
	MPU_CTRL = 5; /* ENABLE, PRIVDEFENA */
	pt_barrier();
}

/* ---- expectations ------------------------------------------------------------ */

void dt_expect(const char *kind, const volatile void *addr, uint32_t len, int channel,
	       const char *fn, const char *dma_fn)
{
	char ch[12] = "-";
	if (channel >= 0)
		snprintf(ch, sizeof ch, "%d", channel);
	printf("coh-expect: %s 0x%08lx %lu %s %s %s\n", kind, (unsigned long)(uintptr_t)addr,
	       (unsigned long)len, ch, fn ? fn : "-", dma_fn ? dma_fn : "-");
}
