/*
 * PL011 UART 0 of the default SoC, interrupt driven: programs the baud
 * rate, prints a banner through the UART, then sleeps in WFI and takes
 * receive / receive-timeout interrupts through the NVIC, echoing each line
 * it receives in upper case. Exits through semihosting after a line that
 * reads "quit" (status 0) or when a check fails (non-zero).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define UART0 0x40004000u
#define REG(off) (*(volatile uint32_t *)(UART0 + (off)))
#define DR REG(0x000)
#define FR REG(0x018)
#define IBRD REG(0x024)
#define FBRD REG(0x028)
#define LCR_H REG(0x02c)
#define CR REG(0x030)
#define IMSC REG(0x038)
#define MIS REG(0x040)
#define ICR REG(0x044)
#define FR_BUSY (1u << 3)
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define INT_RX (1u << 4)
#define INT_RT (1u << 6)

#define NVIC_ISER0 (*(volatile uint32_t *)0xe000e100u)
#define SCB_VTOR (*(volatile uint32_t *)0xe000ed08u)

static uint32_t vectors[32] __attribute__((aligned(128)));
/* Received bytes: the interrupt handler produces, main consumes. */
static volatile char ring[256];
static volatile uint8_t head, tail;
static volatile unsigned irqs;

static void uart_irq(void)
{
	irqs++;
	while (!(FR & FR_RXFE))
		ring[head++] = (char)(DR & 0xff);
	ICR = INT_RX | INT_RT;
}

/* Wait (asleep) for the next received byte. */
static char getc_sleeping(void)
{
	__asm__ volatile("cpsid i");
	while (head == tail)
		__asm__ volatile("wfi\n\tcpsie i\n\tcpsid i");
	__asm__ volatile("cpsie i");
	return ring[tail++];
}

static void uart_puts(const char *s)
{
	for (; *s; s++) {
		while (FR & FR_TXFF)
			;
		DR = (uint8_t)*s;
	}
}

int main(void)
{
	/* Vector table in RAM: the image's own, plus our IRQ 0 handler. */
	memcpy(vectors, (const void *)SCB_VTOR, 16 * 4);
	vectors[16] = (uint32_t)(uintptr_t)uart_irq;
	SCB_VTOR = (uint32_t)(uintptr_t)vectors;

	IBRD = 13; /* 24 MHz / (16 * 13.016) = 115200 baud */
	FBRD = 1;
	LCR_H = (3u << 5) | (1u << 4); /* 8 bits, FIFOs on */
	CR = (1u << 0) | (1u << 8) | (1u << 9);
	IMSC = INT_RX | INT_RT;
	NVIC_ISER0 = 1u << 0;

	uart_puts("uart ready\n");
	char line[80];
	unsigned len = 0;
	for (;;) {
		char c = getc_sleeping();
		if (c != '\n') {
			if (len < sizeof line - 2)
				line[len++] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
			continue;
		}
		line[len] = '\n';
		line[len + 1] = 0;
		uart_puts(line);
		if (!strcmp(line, "QUIT\n"))
			break;
		len = 0;
	}
	while (FR & FR_BUSY)
		;
	printf("irqs taken: %s\n", irqs > 0 ? "yes" : "no");
	return irqs > 0 ? 0 : 2;
}
