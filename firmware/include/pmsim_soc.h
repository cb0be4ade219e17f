/*
 * The default SoC's registers, as guest firmware sees them
 * (configs/default.dts, docs/memory-map.md, docs/devices/).
 */
#ifndef PMSIM_SOC_H
#define PMSIM_SOC_H

#include <stdint.h>

#define REG32(a) (*(volatile uint32_t *)(a))

/* ---- memory map ---- */
#define AON_SRAM_BASE 0x30000000u
#define AON_SRAM_SIZE 0x2000u
#define DRAM_BASE 0x60000000u
#define DRAM_SIZE 0x04000000u

/* ---- interrupt lines ---- */
enum { IRQ_UART0 = 0, IRQ_TIMER0 = 1, IRQ_RTC = 2, IRQ_GPIO0 = 3, IRQ_CMU = 4, IRQ_PMIC = 5,
       IRQ_ADC0 = 6, IRQ_DMA0 = 7 };

/* ---- SCB / NVIC / DWT ---- */
#define SCB_ICSR REG32(0xe000ed04u)
#define SCB_VTOR REG32(0xe000ed08u)
#define SCB_SCR REG32(0xe000ed10u)
#define SCB_CCR REG32(0xe000ed14u)
#define SCR_SLEEPDEEP (1u << 2)
#define CCR_DC (1u << 16)
#define CCR_IC (1u << 17)
#define SCB_DCCMVAC REG32(0xe000ef68u)
#define SCB_DCIMVAC REG32(0xe000ef5cu)
#define NVIC_ISER(n) REG32(0xe000e100u + 4 * (n))
#define NVIC_ICER(n) REG32(0xe000e180u + 4 * (n))
#define NVIC_ICPR(n) REG32(0xe000e280u + 4 * (n))
#define DEMCR REG32(0xe000edfcu)
#define DWT_CTRL REG32(0xe0001000u)
#define DWT_CYCCNT REG32(0xe0001004u)

/* ---- UART0 (PL011) ---- */
#define UART0_BASE 0x40004000u

/* ---- TIMER0 (SP804) at 24 MHz once its gate is open ---- */
#define TIMER0_BASE 0x40005000u
#define TIMER_LOAD(t) REG32(TIMER0_BASE + 0x20 * (t) + 0x00)
#define TIMER_VALUE(t) REG32(TIMER0_BASE + 0x20 * (t) + 0x04)
#define TIMER_CTRL(t) REG32(TIMER0_BASE + 0x20 * (t) + 0x08)
#define TIMER_INTCLR(t) REG32(TIMER0_BASE + 0x20 * (t) + 0x0c)
#define TIMER_RIS(t) REG32(TIMER0_BASE + 0x20 * (t) + 0x10)
#define TIMER_CTRL_ONESHOT (1u << 0)
#define TIMER_CTRL_32BIT (1u << 1)
#define TIMER_CTRL_INTEN (1u << 5)
#define TIMER_CTRL_PERIODIC (1u << 6)
#define TIMER_CTRL_EN (1u << 7)
#define TIMER_HZ 24000000u

/* ---- RTC (PL031), 1 Hz from the 32.768 kHz crystal ---- */
#define RTC_BASE 0x40006000u
#define RTC_DR REG32(RTC_BASE + 0x00)
#define RTC_MR REG32(RTC_BASE + 0x04)
#define RTC_LR REG32(RTC_BASE + 0x08)
#define RTC_CR REG32(RTC_BASE + 0x0c)
#define RTC_IMSC REG32(RTC_BASE + 0x10)
#define RTC_RIS REG32(RTC_BASE + 0x14)
#define RTC_ICR REG32(RTC_BASE + 0x1c)

/* ---- GPIO0 (PL061) ---- */
#define GPIO0_BASE 0x40007000u

/* ---- ADC0 (pmsim,sensor), DMA request 2 ---- */
#define ADC0_BASE 0x40008000u
#define ADC0_CTRL REG32(ADC0_BASE + 0x004)
#define ADC0_BURST REG32(ADC0_BASE + 0x014)
#define ADC0_DATA_ADDR (ADC0_BASE + 0x018)
#define ADC0_STATUS REG32(ADC0_BASE + 0x01c)
#define ADC0_COUNT REG32(ADC0_BASE + 0x020)
#define ADC_CTRL_EN 1u
#define ADC_CTRL_DMAEN (1u << 4)
/* Sample k of the ADC's synthetic signal (docs/devices/sensor.md). */
#define ADC_SAMPLE(k) ((((uint32_t)(k) & 0xffffu) << 16) | ((16u * (uint32_t)(k)) & 0xfffu))

/* ---- DMA0 (PL080): requests 0 UART0 TX, 1 UART0 RX, 2 ADC0 RX ---- */
#define DMA0_BASE 0x40030000u
enum { DMAREQ_UART0_TX = 0, DMAREQ_UART0_RX = 1, DMAREQ_ADC0 = 2 };
#define DMA0_INT_TC_CLEAR REG32(DMA0_BASE + 0x008)
#define DMA0_CONFIGURATION REG32(DMA0_BASE + 0x030)
#define DMA0_CH_SRC(n) REG32(DMA0_BASE + 0x100 + 0x20 * (n))
#define DMA0_CH_DST(n) REG32(DMA0_BASE + 0x104 + 0x20 * (n))
#define DMA0_CH_LLI(n) REG32(DMA0_BASE + 0x108 + 0x20 * (n))
#define DMA0_CH_CTRL(n) REG32(DMA0_BASE + 0x10c + 0x20 * (n))
#define DMA0_CH_CFG(n) REG32(DMA0_BASE + 0x110 + 0x20 * (n))
/* Channel control: transfer size, burst codes (0: 1, 1: 4, 2: 8...), widths
 * (0: 8, 1: 16, 2: 32 bits), increments, terminal-count interrupt. */
#define DMA_CTRL(size, sb, db, sw, dw) \
	((uint32_t)(size) | (uint32_t)(sb) << 12 | (uint32_t)(db) << 15 | \
	 (uint32_t)(sw) << 18 | (uint32_t)(dw) << 21)
#define DMA_CTRL_SI (1u << 26)
#define DMA_CTRL_DI (1u << 27)
#define DMA_CTRL_I (1u << 31)
#define DMA_CFG_E 1u
#define DMA_CFG_SRCPER(p) ((uint32_t)(p) << 1)
#define DMA_CFG_DSTPER(p) ((uint32_t)(p) << 6)
#define DMA_CFG_FLOW(f) ((uint32_t)(f) << 11) /* 0 m2m, 1 m2p, 2 p2m */
#define DMA_CFG_ITC (1u << 15)

/* ---- CMU ---- */
#define CMU_BASE 0x40020000u
#define CMU_PLL0_CTRL REG32(CMU_BASE + 0x100)
#define CMU_PLL0_STATUS REG32(CMU_BASE + 0x104)
#define CMU_CPU_MUX REG32(CMU_BASE + 0x200)
#define CMU_DIV_AHB REG32(CMU_BASE + 0x300)
#define CMU_DIV_PERIPH REG32(CMU_BASE + 0x304)
#define CMU_GATE REG32(CMU_BASE + 0x400)
#define CMU_GATE_SET REG32(CMU_BASE + 0x404)
#define CMU_GATE_CLR REG32(CMU_BASE + 0x408)
#define CMU_PLL_EN 1u
#define CMU_PLL_LOCKED 1u
#define CMU_PLL_CFG(mult, div) (CMU_PLL_EN | (uint32_t)(mult) << 8 | (uint32_t)(div) << 24)
enum { GATE_UART0 = 0, GATE_TIMER0 = 1, GATE_GPIO0 = 2, GATE_RTC = 3, GATE_DMA = 4,
       GATE_ADC0 = 5, GATE_DRAMC = 6 };
#define OSC_HZ 25000000u /* the PLL's reference and the core's reset clock */

/* ---- PMIC ---- */
#define PMIC_BASE 0x40021000u
#define PMIC_CTRL(n) REG32(PMIC_BASE + 0x100 + 0x20 * (n))
#define PMIC_VSET(n) REG32(PMIC_BASE + 0x104 + 0x20 * (n))
#define PMIC_STATUS(n) REG32(PMIC_BASE + 0x108 + 0x20 * (n))
#define PMIC_VOUT(n) REG32(PMIC_BASE + 0x10c + 0x20 * (n))
#define PMIC_SETTLED (1u << 2)
enum { RAIL_CORE = 0, RAIL_MEM = 1, RAIL_IO = 2, RAIL_AON = 3 };

/* ---- PMU ---- */
#define PMU_BASE 0x40022000u
#define PMU_LPMODE REG32(PMU_BASE + 0x004)
#define PMU_WARMBOOT REG32(PMU_BASE + 0x008)
#define PMU_WAKE_EN REG32(PMU_BASE + 0x00c)
#define PMU_WAKE_STATUS REG32(PMU_BASE + 0x010)
#define PMU_STATUS REG32(PMU_BASE + 0x014)
#define PMU_SUSPENDS REG32(PMU_BASE + 0x018)
#define PMU_PD_CTRL(n) REG32(PMU_BASE + 0x020 + 4 * (n))
#define PMU_RET(n) REG32(PMU_BASE + 0x100 + 4 * (n))
#define PMU_STATUS_WARM 1u
#define PMU_STATUS_SUSPEND 2u
#define LPMODE_SUSPEND 0xffu
enum { IDLE_WFI = 0, IDLE_RETENTION = 1, IDLE_POWER_OFF = 2 };

/* ---- DRAM controller ---- */
#define DRAMC_BASE 0x40023000u
#define DRAMC_CTRL REG32(DRAMC_BASE + 0x004)
#define DRAMC_STATUS REG32(DRAMC_BASE + 0x008)
#define DRAMC_SR_ENTRIES REG32(DRAMC_BASE + 0x014)
#define DRAMC_CTRL_PD_EN 1u
#define DRAMC_CTRL_SR_REQ 4u
#define DRAMC_CTRL_SR_EXIT 8u
#define DRAMC_STATE(s) ((s) & 3u)
enum { DRAM_ACTIVE = 0, DRAM_POWER_DOWN = 1, DRAM_SELF_REFRESH = 2, DRAM_OFF = 3 };

#endif
