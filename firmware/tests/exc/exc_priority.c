/*
 * Preemption by group priority, no preemption within a group (sub-priority
 * only orders pending exceptions), tail-chaining of pending exceptions in
 * priority order, and the NVIC active bits seen from inside handlers.
 */
#include "exc.h"

static volatile char order[16];
static volatile unsigned n;

static void note(char c)
{
	order[n++] = c;
}

/* IRQ0: low group priority. Pends IRQ1 (higher group: preempts once the
 * barriers guarantee the pend is seen), then IRQ2 (same group, better
 * sub-priority: must wait) and IRQ3 (lower group: waits). */
static void irq0(void)
{
	note('a');
	NVIC_STIR = 1;
	__asm__ volatile("dsb\n\tisb");
	note('b');
	NVIC_ISPR(0) = 1u << 2;
	NVIC_ISPR(0) = 1u << 3;
	__asm__ volatile("dsb\n\tisb");
	CHECK(NVIC_IABR(0) == 1u << 0);
	note('c');
}

static volatile uint32_t iabr_in_irq1;

static void irq1(void)
{
	note('1');
	iabr_in_irq1 = NVIC_IABR(0);
}

static void irq2(void)
{
	note('2');
}

static void irq3(void)
{
	note('3');
}

int main(void)
{
	vt_install();
	vt_set(EXC_IRQ0 + 0, irq0);
	vt_set(EXC_IRQ0 + 1, irq1);
	vt_set(EXC_IRQ0 + 2, irq2);
	vt_set(EXC_IRQ0 + 3, irq3);
	/* PRIGROUP 5: group = bits [7:6], sub-priority = bits [5:0]. With 3
	 * implemented bits, priorities are multiples of 0x20. */
	set_prigroup(5);
	NVIC_IPR8(0) = 0x80; /* group 2, sub 0 */
	NVIC_IPR8(1) = 0x40; /* group 1: preempts IRQ0 */
	NVIC_IPR8(2) = 0xa0; /* group 2, sub 0x20: same group as IRQ0 */
	NVIC_IPR8(3) = 0xc0; /* group 3 */
	CHECK(NVIC_IPR8(2) == 0xa0);
	NVIC_ISER(0) = 0xf;

	NVIC_ISPR(0) = 1u << 0;
	__asm__ volatile("dsb\n\tisb");
	order[n] = 0;
	printf("order: %s\n", (const char *)order);
	/* IRQ1 preempted inside IRQ0; IRQ2 then IRQ3 ran after IRQ0, in
	 * priority order. */
	CHECK(!strcmp((const char *)order, "a1bc23"));
	CHECK(iabr_in_irq1 == ((1u << 0) | (1u << 1))); /* both active, nested */

	/* Same priority: the lower exception number goes first. */
	n = 0;
	NVIC_IPR8(2) = 0x80;
	NVIC_IPR8(3) = 0x80;
	__asm__ volatile("cpsid i");
	NVIC_ISPR(0) = (1u << 3) | (1u << 2);
	__asm__ volatile("cpsie i\n\tisb");
	order[n] = 0;
	printf("order: %s\n", (const char *)order);
	CHECK(!strcmp((const char *)order, "23"));

	/* BASEPRI masks priorities at or below it. */
	n = 0;
	__asm__ volatile("msr basepri, %0" : : "r"(0x80));
	NVIC_ISPR(0) = (1u << 3) | (1u << 1);
	__asm__ volatile("isb");
	order[n] = 0;
	CHECK(!strcmp((const char *)order, "1"));
	__asm__ volatile("msr basepri, %0\n\tisb" : : "r"(0));
	order[n] = 0;
	printf("basepri: %s\n", (const char *)order);
	CHECK(!strcmp((const char *)order, "13"));
	printf("priority tests passed\n");
	return 0;
}
