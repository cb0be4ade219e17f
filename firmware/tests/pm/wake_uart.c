/*
 * A character on UART0's receive line wakes the SoC from system suspend
 * (docs/devices/pmu.md, "System suspend"; docs/devices/pl011.md). UART0 is
 * in the always-on domain (configs/default.dts), so it keeps its registers
 * and keeps receiving while the rest of the SoC is off; its receive
 * interrupt is the only source in PMU WAKE_EN. The run feeds one
 * character with --uart-in (tests/pm.cmake): the receiver is enabled just
 * before the suspend, so the character arrives one character time
 * (10 bits at 115200 baud, about 87 us) into it. An RTC alarm 3 s later
 * is armed too but is not a wake-up source: had it woken the SoC, the
 * wake status would name it and the RTC would show 3 s.
 * After the wake-up (through the reset vector, the phase in PMU RET[0]):
 *  - PMU STATUS says suspend, and WAKE_STATUS names UART0's line alone;
 *  - less than a second has passed on the RTC;
 *  - UART0 still holds the character in its receive register.
 * The first argument is the character expected. Exits 0 after
 * "wake by uart: all checks passed".
 */
#include "pmtest.h"

#define MAGIC 0x55415257u /* "UARW" */
#define UART(off) REG32(UART0_BASE + (off))
#define UART_DR 0x000
#define UART_FR 0x018
#define UART_IBRD 0x024
#define UART_FBRD 0x028
#define UART_LCR_H 0x02c
#define UART_CR 0x030
#define UART_IMSC 0x038
#define FR_RXFE (1u << 4)
#define CR_UARTEN 1u
#define CR_RXE (1u << 9)
#define LCRH_WLEN8 (3u << 5)
#define INT_RX (1u << 4)

static int before(void)
{
	CHECK(!(PMU_STATUS & PMU_STATUS_SUSPEND) && PMU_SUSPENDS == 0);
	RTC_CR = 1;
	/* 115200 baud from the 24 MHz UART clock, 8N1, no FIFO: the receive
	 * interrupt comes with the first character. */
	UART(UART_IBRD) = 13;
	UART(UART_FBRD) = 1;
	UART(UART_LCR_H) = LCRH_WLEN8;
	UART(UART_IMSC) = INT_RX;
	NVIC_ISER(0) = 1u << IRQ_UART0;
	/* The alarm, not a wake-up source. */
	RTC_ICR = 1;
	RTC_MR = RTC_DR + 3;
	RTC_IMSC = 1;
	PMU_RET(0) = MAGIC;
	PMU_RET(1) = RTC_DR;
	PMU_WAKE_EN = 1u << IRQ_UART0;
	PMU_WARMBOOT = 0;
	PMU_LPMODE = LPMODE_SUSPEND;
	UART(UART_CR) = CR_UARTEN | CR_RXE;
	SCB_SCR |= SCR_SLEEPDEEP;
	__asm__ volatile("cpsid i\n\tdsb\n\twfi");
	printf("FAILED: the suspend returned\n");
	return 1;
}

static int after(char want)
{
	printf("woke: status 0x%lx, wake status 0x%lx, %lu s on the RTC\n",
	       (unsigned long)PMU_STATUS & 3u, (unsigned long)PMU_WAKE_STATUS,
	       (unsigned long)(RTC_DR - PMU_RET(1)));
	CHECK(PMU_STATUS & PMU_STATUS_SUSPEND);
	CHECK(PMU_SUSPENDS == 1);
	CHECK(PMU_WAKE_STATUS == 1u << IRQ_UART0);
	CHECK(RTC_DR - PMU_RET(1) < 1);
	CHECK(!(UART(UART_FR) & FR_RXFE));
	char got = (char)(UART(UART_DR) & 0xffu);
	printf("received %c, expected %c\n", got, want);
	CHECK(got == want);
	PMU_RET(0) = 0;
	PMU_WAKE_STATUS = ~0u;
	printf("wake by uart: all checks passed\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || !argv[1][0]) {
		printf("usage: pm_wake_uart CHAR\n");
		return 2;
	}
	/* The last argument: after the warm boot picolibc's crt0 builds argv
	 * again, with the image path once more in front. */
	if (PMU_RET(0) == MAGIC)
		return after(argv[argc - 1][0]);
	return before();
}
