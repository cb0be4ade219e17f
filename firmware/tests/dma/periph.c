/*
 * Peripheral flows through the PL080's request inputs (configs/default.dts:
 * 0 UART0 TX, 1 UART0 RX, 2 ADC0; docs/devices/pl011.md and sensor.md,
 * "DMA"). One flow per run, chosen by the first argument:
 *  - uart-tx TEXT: memory to peripheral, FlowCntrl 1, DestPeripheral 0,
 *    bytes from a cleaned cacheable buffer to UARTDR (not incremented),
 *    with UARTDMACR.TXDMAE. The UART (115200 baud: IBRD never programmed)
 *    puts "TEXT" on its own line on stdout; the image waits for the DMA's
 *    terminal count and for BUSY to clear. tests/dma.cmake checks stdout.
 *  - uart-rx TEXT: peripheral to memory, FlowCntrl 2, SrcPeripheral 1, with
 *    UARTDMACR.RXDMAE, while the run feeds --uart-in FILE: strlen(TEXT)
 *    bytes land in an invalidated buffer and must equal TEXT.
 *  - adc N: the sensor's samples moved by DMA (SrcPeripheral 2, DATA not
 *    incremented, 32-bit, bursts of 4 = its BURST) into a cacheable DRAM
 *    buffer: COUNT is set to 250 first, so the 24 words must be DATA(k) =
 *    ((k mod 65536) << 16) | ((16 k) mod 4096) for k = 250 .. 273 (across
 *    the sawtooth's wrap at k = 256), then 8 halfword reads (16-bit width,
 *    which pop a whole sample each) must be the sawtooth half (16 k) mod
 *    4096 of the next 8. N is the k the data must start at (250; the
 *    ".wrong" test passes 251). At 1 kHz (RATE's strap, floor(24 MHz /
 *    1000)) the 32 samples take 32 ms; no overrun may occur.
 * All with the D-cache on and streaming maintenance: the report has no
 * coherency event. Exits 0 after "dma periph FLOW: all checks passed".
 */
#include <stdlib.h>
#include <string.h>

#include "dmatest.h"

#define UART_DR (UART0_BASE + 0x000)
#define UART_FR REG32(UART0_BASE + 0x018)
#define UART_LCR_H REG32(UART0_BASE + 0x02c)
#define UART_CR REG32(UART0_BASE + 0x030)
#define UART_DMACR REG32(UART0_BASE + 0x048)
#define UART_FR_BUSY (1u << 3)

#define ADC_REG(off) REG32(ADC0_BASE + (off))
#define ADC_CTRL ADC_REG(0x004)
#define ADC_RATE ADC_REG(0x008)
#define ADC_LEVEL ADC_REG(0x00c)
#define ADC_BURST ADC_REG(0x014)
#define ADC_DATA (ADC0_BASE + 0x018)
#define ADC_STATUS ADC_REG(0x01c)
#define ADC_COUNT ADC_REG(0x020)
#define ADC_DROPPED ADC_REG(0x024)
#define ADC_EN 1u
#define ADC_DMAEN (1u << 4)
#define ADC_OVR (1u << 3)
#define ADC_UDR (1u << 4)

static char text_buf[256] __attribute__((aligned(32)));
static volatile uint8_t rx_buf[256] __attribute__((aligned(32)));
#define ADC_WORDS 24
#define ADC_HALVES 8
#define ADC_BUF ((volatile uint32_t *)(DRAM_BASE + 0x8000))
#define ADC_BUF16 ((volatile uint16_t *)(DRAM_BASE + 0x8100))

static void uart_on(uint32_t dmacr)
{
	UART_LCR_H = 0x70; /* 8 bits, FIFOs on */
	UART_CR = 0x301;   /* UARTEN, TXE, RXE */
	UART_DMACR = dmacr;
}

static void flow_uart_tx(const char *text)
{
	uint32_t n = (uint32_t)strlen(text);
	CHECK(n + 1 < sizeof text_buf);
	memcpy(text_buf, text, n);
	text_buf[n] = '\n';
	n++;
	fflush(stdout);
	uart_on(2); /* TXDMAE */
	dt_clean(text_buf, n);
	dt_dma_start(0, (uint32_t)(uintptr_t)text_buf, UART_DR, 0,
		     DMA_CTRL_SIZE(n) | DMA_CTRL_SB(DMA_B4) | DMA_CTRL_DB(DMA_B4) |
			     DMA_CTRL_SW(DMA_W8) | DMA_CTRL_DW(DMA_W8) | DMA_CTRL_SI | DMA_CTRL_I,
		     DMA_CFG_DSTPER(DMAREQ_UART0_TX) | DMA_CFG_FLOW(DMA_FLOW_M2P) | DMA_CFG_ITC);
	CHECK(dt_dma_wait(0, 100000));
	uint32_t t0 = pm_ticks();
	while ((UART_FR & UART_FR_BUSY) && pm_ticks() - t0 < 100000 * PM_TICKS_PER_US)
		;
	CHECK(!(UART_FR & UART_FR_BUSY));
	printf("uart tx: %lu bytes sent by DMA, TC interrupts %lu\n", (unsigned long)n,
	       (unsigned long)dt_irqs);
	CHECK(dt_irqs == 1 && dt_tc_seen == 1u);
	UART_DMACR = 0;
}

static void flow_uart_rx(const char *text)
{
	uint32_t n = (uint32_t)strlen(text);
	CHECK(n > 0 && n < sizeof rx_buf);
	memset((void *)rx_buf, 0, sizeof rx_buf);
	dt_clean(rx_buf, sizeof rx_buf);
	dt_invalidate(rx_buf, sizeof rx_buf);
	dt_dma_start(1, UART_DR, (uint32_t)(uintptr_t)rx_buf, 0,
		     DMA_CTRL_SIZE(n) | DMA_CTRL_SB(DMA_B4) | DMA_CTRL_DB(DMA_B4) |
			     DMA_CTRL_SW(DMA_W8) | DMA_CTRL_DW(DMA_W8) | DMA_CTRL_DI,
		     DMA_CFG_SRCPER(DMAREQ_UART0_RX) | DMA_CFG_FLOW(DMA_FLOW_P2M));
	uart_on(1); /* RXDMAE: the host's bytes start arriving now */
	/* About 87 us per character at 115200 baud. */
	CHECK(dt_dma_wait(1, 200 * n + 1000));
	dt_invalidate(rx_buf, sizeof rx_buf);
	printf("uart rx: %lu bytes received by DMA: \"%.*s\"\n", (unsigned long)n, (int)n,
	       (const char *)rx_buf);
	CHECK(!memcmp((const void *)rx_buf, text, n) && rx_buf[n] == 0);
	UART_DMACR = 0;
}

static uint32_t sample(uint32_t k)
{
	return (k & 0xffffu) << 16 | ((16u * k) & 0xfffu);
}

static void flow_adc(uint32_t k0)
{
	CMU_GATE_SET = 1u << GATE_ADC0;
	for (unsigned i = 0; i < ADC_WORDS; i++)
		ADC_BUF[i] = 0;
	for (unsigned i = 0; i < ADC_HALVES; i++)
		ADC_BUF16[i] = 0;
	dt_clean(ADC_BUF, 0x200);
	dt_invalidate(ADC_BUF, 0x200);
	ADC_COUNT = 250;
	ADC_BURST = 4;
	uint32_t psrc = DMA_CFG_SRCPER(DMAREQ_ADC0) | DMA_CFG_FLOW(DMA_FLOW_P2M);
	dt_dma_start(2, ADC_DATA, (uint32_t)(uintptr_t)ADC_BUF, 0,
		     DMA_CTRL_SIZE(ADC_WORDS) | DMA_CTRL_SB(DMA_B4) | DMA_CTRL_DB(DMA_B4) |
			     DMA_CTRL_SW(DMA_W32) | DMA_CTRL_DW(DMA_W32) | DMA_CTRL_DI,
		     psrc);
	uint32_t t0 = pm_ticks();
	ADC_CTRL = ADC_DMAEN | ADC_EN;
	CHECK(dt_dma_wait(2, 100000));
	uint32_t t1 = pm_ticks();
	dt_dma_start(2, ADC_DATA, (uint32_t)(uintptr_t)ADC_BUF16, 0,
		     DMA_CTRL_SIZE(ADC_HALVES) | DMA_CTRL_SB(DMA_B4) | DMA_CTRL_DB(DMA_B4) |
			     DMA_CTRL_SW(DMA_W16) | DMA_CTRL_DW(DMA_W16) | DMA_CTRL_DI,
		     psrc);
	CHECK(dt_dma_wait(2, 100000));
	ADC_CTRL = 0;
	dt_invalidate(ADC_BUF, 0x200);
	int bad = -1;
	for (unsigned i = 0; i < ADC_WORDS && bad < 0; i++)
		if (ADC_BUF[i] != sample(k0 + i))
			bad = (int)i;
	for (unsigned i = 0; i < ADC_HALVES && bad < 0; i++)
		if (ADC_BUF16[i] != (sample(k0 + ADC_WORDS + i) & 0xffffu))
			bad = ADC_WORDS + (int)i;
	printf("adc: RATE %lu, %u samples by DMA in %lu us: 0x%08lx 0x%08lx .. 0x%08lx, then "
	       "halves 0x%04x .. 0x%04x; first wrong %d; status 0x%lx, dropped %lu\n",
	       (unsigned long)ADC_RATE, ADC_WORDS, (unsigned long)((t1 - t0) / PM_TICKS_PER_US),
	       (unsigned long)ADC_BUF[0], (unsigned long)ADC_BUF[1],
	       (unsigned long)ADC_BUF[ADC_WORDS - 1], ADC_BUF16[0], ADC_BUF16[ADC_HALVES - 1],
	       bad, (unsigned long)ADC_STATUS, (unsigned long)ADC_DROPPED);
	CHECK(bad < 0);
	CHECK(!(ADC_STATUS & (ADC_OVR | ADC_UDR)) && ADC_DROPPED == 0);
	/* 24 samples at 1 kHz: the 24th comes 24 ms after EN. */
	CHECK((t1 - t0) / PM_TICKS_PER_US >= 24000 && (t1 - t0) / PM_TICKS_PER_US < 24100);
}

int main(int argc, char **argv)
{
	CHECK(argc >= 3);
	const char *flow = argv[argc - 2], *arg = argv[argc - 1];
	dt_init();
	dt_caches_on();
	if (!strcmp(flow, "uart-tx"))
		flow_uart_tx(arg);
	else if (!strcmp(flow, "uart-rx"))
		flow_uart_rx(arg);
	else if (!strcmp(flow, "adc"))
		flow_adc((uint32_t)strtoul(arg, NULL, 0));
	else
		CHECK(!"a known flow");
	CHECK(DMAC_RAW_ERR_STATUS == 0);
	printf("dma periph %s: all checks passed\n", flow);
	return 0;
}
