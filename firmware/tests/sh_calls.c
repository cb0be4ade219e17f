/*
 * Semihosting calls made directly (BKPT 0xAB), checked from the inside:
 * HEAPINFO describes the real SRAM, CLOCK/ELAPSED/TICKFREQ follow simulated
 * time, ERRNO after a refused open, ISTTY on the console, WRITE0/WRITEC.
 * Exits 0 when every check passes, else the number of the failed check.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t semihost(uint32_t op, const void *param)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = param;
	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

#define CHECK(n, cond)                                                   \
	do {                                                             \
		if (!(cond)) {                                           \
			printf("check %d failed: %s\n", n, #cond);       \
			return n;                                        \
		}                                                        \
	} while (0)

int main(void)
{
	uint32_t heap[4] = { 0 };
	uint32_t p = (uint32_t)(uintptr_t)heap;
	semihost(0x16, &p);
	printf("heapinfo: heap 0x%08lx-0x%08lx stack 0x%08lx-0x%08lx\n", (unsigned long)heap[0],
	       (unsigned long)heap[1], (unsigned long)heap[3], (unsigned long)heap[2]);
	CHECK(1, heap[0] >= 0x20000000 && heap[0] < heap[1]);
	CHECK(2, heap[2] == 0x20400000 && heap[3] <= heap[2] && heap[1] <= heap[3]);

	CHECK(3, semihost(0x31, NULL) == 1000000);        /* TICKFREQ */
	uint32_t t0[2], t1[2];
	semihost(0x30, t0);                                 /* ELAPSED */
	for (volatile int i = 0; i < 10000; i++)
		;
	semihost(0x30, t1);
	CHECK(4, t1[0] > t0[0] || t1[1] > t0[1]);
	CHECK(5, (int32_t)semihost(0x10, NULL) >= 0);     /* CLOCK */

	/* Opening a host file without --semihosting-root is refused. */
	uint32_t open_args[3] = { (uint32_t)(uintptr_t)"secret.txt", 0, 10 };
	CHECK(6, semihost(0x01, open_args) == 0xffffffffu);
	CHECK(7, semihost(0x13, NULL) != 0);              /* ERRNO set */

	uint32_t tt_args[3] = { (uint32_t)(uintptr_t)":tt", 4, 3 };
	uint32_t fd = semihost(0x01, tt_args);
	CHECK(8, fd != 0xffffffffu);
	CHECK(9, semihost(0x09, &fd) == 1);               /* ISTTY */

	semihost(0x04, "write0 works\n");                 /* WRITE0 */
	char c = '!';
	semihost(0x03, &c);                                 /* WRITEC */
	c = '\n';
	semihost(0x03, &c);
	printf("all checks passed\n");
	return 0;
}
