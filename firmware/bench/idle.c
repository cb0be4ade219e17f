/*
 * Benchmark: an idle system. The core sleeps in WFI between SysTick
 * interrupts at 1 kHz for 26.8 simulated seconds: 670 million core cycles
 * at 25 MHz, nearly all of them asleep.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define REG32(a) (*(volatile uint32_t *)(a))
static uint32_t vectors[32] __attribute__((aligned(128)));
static volatile unsigned ticks;

static void systick(void)
{
	ticks++;
}

int main(void)
{
	memcpy(vectors, (const void *)REG32(0xe000ed08u), sizeof vectors);
	vectors[15] = (uint32_t)(uintptr_t)systick;
	REG32(0xe000ed08u) = (uint32_t)(uintptr_t)vectors;
	REG32(0xe000e014u) = 25000 - 1; /* 1 ms at 25 MHz */
	REG32(0xe000e018u) = 0;
	REG32(0xe000e010u) = 7;         /* core clock, interrupt, enable */
	while (ticks < 26800)
		__asm__ volatile("wfi");
	REG32(0xe000e010u) = 0;
	printf("idle: %u ticks\n", ticks);
	return 0;
}
