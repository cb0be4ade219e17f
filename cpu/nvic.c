/*
 * The NVIC (ARMv7-M ARM B3.4): cfg.num_irq external interrupt lines and
 * their register banks in the System Control Space.
 *
 * Lines are level-sensitive with edge detection, as on Cortex-M3/M4: an
 * interrupt becomes pending on a rising edge of its line, and whenever its
 * line is high while it is not active, so a line still held high when its
 * handler returns (or when software clears its pending bit) pends it
 * again. Nothing is sampled per instruction: a level change updates the
 * pending bit and asks the core to re-evaluate (exc_check).
 *
 * Registers (offsets from 0xE000E000): ISER 0x100, ICER 0x180, ISPR 0x200,
 * ICPR 0x280, IABR 0x300 (16 words each, word access), IPR 0x400 (one byte
 * per interrupt, byte/halfword/word access, only the top cfg.prio_bits bits
 * implemented). Bits and bytes beyond cfg.num_irq read as zero and ignore
 * writes. STIR (0xF00) is dispatched here from scs.c.
 *
 * Interrupt latency: a rising edge that pends an interrupt records its
 * time (x->asserted); the entry (exc.c) reports it with the handler's
 * start through cpu_latency_hooks. A software pend (ISPR, STIR) records
 * nothing, and clearing the pending bit (ICPR) with the line low
 * forgets the edge.
 */
#include "cpu/exc.h"

enum {
	NVIC_ISER = 0x100,
	NVIC_ICER = 0x180,
	NVIC_ISPR = 0x200,
	NVIC_ICPR = 0x280,
	NVIC_IABR = 0x300,
	NVIC_BANK_END = 0x340,
	NVIC_IPR = 0x400,
	NVIC_IPR_END = 0x600,
};

static void nvic_irq_set(void *opaque, int num, int level)
{
	struct cpu *c = opaque;
	struct cpu_exc *x = c->exc;
	unsigned n = EXC_IRQ0 + (unsigned)num;
	bool was = exc_bit(x->level, n);
	exc_bit_set(x->level, n, level != 0);
	if (level && !was) {
		/* The edge's time, for the interrupt's latency: only the
		 * first edge of a pending interrupt counts, and only here,
		 * off the instruction path. */
		if (!exc_bit(x->edge, n)) {
			exc_bit_set(x->edge, n, true);
			x->asserted[n] = sched_event_now(c->sched);
		}
		cpu_exc_set_pending(x, n);
	}
	c->exc_check = true;
}

struct irq_line cpu_irq_line(struct cpu *c, unsigned n)
{
	struct irq_line l = { 0 };
	/* A line beyond the configured interrupts stays unconnected. */
	if (c && c->exc && n < c->cfg.num_irq) {
		l.set = nvic_irq_set;
		l.opaque = c;
		l.num = (int)n;
	}
	return l;
}

void cpu_nvic_relevel(struct cpu_exc *x, unsigned n)
{
	if (n >= EXC_IRQ0 && n < x->nexc && exc_bit(x->level, n) && !exc_bit(x->active, n))
		cpu_exc_set_pending(x, n);
}

void cpu_nvic_stir(struct cpu_exc *x, uint32_t v)
{
	unsigned irq = v & 0x1ffu;
	if (irq < x->c->cfg.num_irq)
		cpu_exc_set_pending(x, EXC_IRQ0 + irq);
}

/* The 32 interrupts of bank word `k`, as exception numbers. */
static uint32_t nvic_bank_get(const struct cpu_exc *x, const uint32_t *map, unsigned k)
{
	uint32_t v = 0;
	for (unsigned b = 0; b < 32; b++) {
		unsigned n = EXC_IRQ0 + 32 * k + b;
		if (n < x->nexc && exc_bit(map, n))
			v |= 1u << b;
	}
	return v;
}

int cpu_nvic_read(struct cpu_exc *x, uint32_t off, unsigned size, uint32_t *v)
{
	if (off >= NVIC_IPR && off < NVIC_IPR_END) {
		uint32_t r = 0;
		for (unsigned i = 0; i < size; i++) {
			unsigned irq = off - NVIC_IPR + i;
			if (irq < x->c->cfg.num_irq)
				r |= (uint32_t)x->prio[EXC_IRQ0 + irq] << (8 * i);
		}
		*v = r;
		return BUS_OK;
	}
	if (size != 4)
		return BUS_ERR_DEVICE;
	*v = 0;
	if (off < NVIC_ISER || off >= NVIC_BANK_END || (off & 0x7f) >= 0x40)
		return BUS_OK; /* reserved: RAZ */
	unsigned k = (off & 0x3f) / 4;
	switch (off & ~0x7fu) {
	case NVIC_ISER:
	case NVIC_ICER: /* the clear banks read like the set banks */
		*v = nvic_bank_get(x, x->enabled, k);
		break;
	case NVIC_ISPR:
	case NVIC_ICPR:
		*v = nvic_bank_get(x, x->pending, k);
		break;
	case NVIC_IABR:
		*v = nvic_bank_get(x, x->active, k);
		break;
	}
	return BUS_OK;
}

int cpu_nvic_write(struct cpu_exc *x, uint32_t off, unsigned size, uint32_t v)
{
	if (off >= NVIC_IPR && off < NVIC_IPR_END) {
		for (unsigned i = 0; i < size; i++) {
			unsigned irq = off - NVIC_IPR + i;
			if (irq < x->c->cfg.num_irq)
				x->prio[EXC_IRQ0 + irq] = (uint8_t)(v >> (8 * i)) & x->prio_mask;
		}
		x->c->exc_check = true;
		return BUS_OK;
	}
	if (size != 4)
		return BUS_ERR_DEVICE;
	if (off < NVIC_ISER || off >= NVIC_BANK_END || (off & 0x7f) >= 0x40)
		return BUS_OK; /* reserved: WI */
	unsigned k = (off & 0x3f) / 4;
	uint32_t base = off & ~0x7fu;
	for (unsigned b = 0; b < 32; b++) {
		unsigned n = EXC_IRQ0 + 32 * k + b;
		if (!((v >> b) & 1u) || n >= x->nexc)
			continue;
		switch (base) {
		case NVIC_ISER: cpu_exc_set_enabled(x, n, true); break;
		case NVIC_ICER: cpu_exc_set_enabled(x, n, false); break;
		case NVIC_ISPR: cpu_exc_set_pending(x, n); break;
		case NVIC_ICPR:
			cpu_exc_clear_pending(x, n);
			cpu_nvic_relevel(x, n);
			/* Cleared for good: the edge will never be served. */
			if (!exc_bit(x->pending, n))
				exc_bit_set(x->edge, n, false);
			break;
		default: break; /* IABR is read-only */
		}
	}
	return BUS_OK;
}
