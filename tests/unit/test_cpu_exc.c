/*
 * The ARMv7-M exception model, driven directly (no instruction executor):
 * a hand-built struct cpu on a bus with RAM at 0 (vector table) and at
 * 0x20000000 (stack), and the SCS/DWT reached through bus_read/bus_write.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/exc.h"
#include "sim/trace.h"
#include "check_run.h"

#define NUM_IRQ 128
#define FREQ_HZ 100000000u /* 10 ns cycles */
#define STACK_TOP 0x20008000u
#define RESET_PC 0x100u
#define IRQ_HANDLER(n) (0x1000u + 0x10u * (n))
#define SYS_HANDLER(n) (0x100u * (n))

static struct sched S;
static struct bus B;
static struct cpu *C;

static uint32_t rd(uint32_t a)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&B, a, 4, &v), BUS_OK);
	return v;
}

static void wr(uint32_t a, uint32_t v)
{
	ck_assert_int_eq(bus_write(&B, a, 4, v), BUS_OK);
}

static void put_vec(unsigned n, uint32_t v)
{
	ck_assert_int_eq(bus_load(&B, 4 * n, &v, 4), BUS_OK);
}

static void make_cpu(bool with_vectors, uint32_t cpuid, uint32_t ref_hz)
{
	sched_init(&S);
	ck_assert_int_eq(bus_init(&B), 0);
	ck_assert_int_ge(bus_add_ram(&B, "sram", 0x20000000u, 0x10000, false), 0);
	if (with_vectors) {
		ck_assert_int_ge(bus_add_ram(&B, "flash", 0, 0x10000, false), 0);
		put_vec(0, STACK_TOP);
		put_vec(1, RESET_PC | 1);
		for (unsigned n = 2; n < 16; n++)
			put_vec(n, SYS_HANDLER(n) | 1);
		for (unsigned i = 0; i < NUM_IRQ; i++)
			put_vec(16 + i, IRQ_HANDLER(i) | 1);
	}
	C = calloc(1, sizeof *C);
	ck_assert_ptr_nonnull(C);
	C->sched = &S;
	C->bus = &B;
	C->cfg = (struct cpu_config){ .freq_hz = FREQ_HZ, .num_irq = NUM_IRQ, .prio_bits = 3,
				      .cpuid = cpuid, .systick_ref_hz = ref_hz };
	C->freq_hz = FREQ_HZ;
	C->period_ps = PS_PER_S / FREQ_HZ;
	struct err e;
	ck_assert_int_eq(cpu_exc_init(C, &e), 0);
}

static void setup(void)
{
	make_cpu(true, 0x412fc231u, 1000000);
	cpu_exc_reset(C);
	cpu_exc_check(C); /* nothing pending after reset */
	ck_assert(!C->exc_check);
}

static void teardown(void)
{
	cpu_exc_free(C);
	free(C);
	bus_free(&B);
	sched_free(&S);
}

static void enable_irq(unsigned n, uint8_t prio)
{
	wr(0xe000e100u + 4 * (n / 32), 1u << (n % 32));
	uint32_t v = prio;
	ck_assert_int_eq(bus_write(&B, 0xe000e400u + n, 1, v), BUS_OK);
}

static void pend_irq(unsigned n)
{
	wr(0xe000e200u + 4 * (n / 32), 1u << (n % 32));
}

static bool irq_pending(unsigned n)
{
	return (rd(0xe000e200u + 4 * (n / 32)) >> (n % 32)) & 1u;
}

static uint32_t word(uint32_t a)
{
	uint32_t v;
	ck_assert_int_eq(bus_peek(&B, a, &v, 4), BUS_OK);
	return v;
}

/* ------------------------------------------------------------------------ */

START_TEST(reset_loads_sp_pc_lr_from_vectors)
{
	ck_assert_uint_eq(C->r[13], STACK_TOP);
	ck_assert_uint_eq(C->pc, RESET_PC);
	ck_assert_uint_eq(C->r[14], 0xffffffffu);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert_uint_eq(C->control, 0);
	ck_assert(!C->locked_up);
	ck_assert_uint_eq(rd(0xe000ed14u), CCR_STKALIGN);
	ck_assert_uint_eq(cpu_ccr(C), CCR_STKALIGN);
	ck_assert_uint_eq(rd(0xe000ed00u), 0x412fc231u);
	ck_assert_uint_eq(rd(0xe000e004u), NUM_IRQ / 32 - 1);
	ck_assert_int_eq(cpu_exec_priority(C), 256);
}
END_TEST

START_TEST(reset_without_vector_table_locks_up)
{
	teardown();
	make_cpu(false, 0x412fc231u, 0);
	cpu_exc_reset(C);
	ck_assert(C->locked_up);
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "reset"));
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "0x00000000"));
}
END_TEST

START_TEST(reset_vector_without_thumb_bit_is_invstate_hardfault)
{
	put_vec(1, RESET_PC);
	cpu_exc_reset(C);
	ck_assert(!C->locked_up);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(C->pc, SYS_HANDLER(3));
	ck_assert_uint_eq(rd(0xe000ed2cu), HFSR_FORCED);
	ck_assert_uint_eq(rd(0xe000ed28u), 1u << FAULT_INVSTATE);
	ck_assert_uint_eq(word(C->r[13] + 24), RESET_PC);
}
END_TEST

START_TEST(irq_entry_stacks_aligned_frame_and_return_restores)
{
	for (unsigned i = 0; i < 13; i++)
		C->r[i] = 0x100 + i;
	C->r[14] = 0x0badc0de;
	C->r[13] = STACK_TOP - 4; /* not 8-byte aligned */
	C->pc = 0x1234;
	C->nzcv = 0x90000000u;
	C->q = 1;
	C->itstate = 0x2c;
	enable_irq(3, 0x40);
	struct irq_line l = cpu_irq_line(C, 3);
	C->exc_check = false;
	irq_set(&l, 1);
	ck_assert(C->exc_check);
	uint64_t cyc = C->cycles;
	cpu_exc_check(C);

	uint32_t sp = (STACK_TOP - 4 - 0x20) & ~7u;
	ck_assert_uint_eq(C->r[13], sp);
	ck_assert_uint_eq(C->ipsr, 16 + 3);
	ck_assert_uint_eq(C->pc, IRQ_HANDLER(3));
	ck_assert_uint_eq(C->r[14], 0xfffffff9u);
	ck_assert_uint_eq(C->itstate, 0);
	ck_assert_uint_eq(C->cycles - cyc, 12);
	ck_assert_uint_eq(word(sp + 0), 0x100);
	ck_assert_uint_eq(word(sp + 4), 0x101);
	ck_assert_uint_eq(word(sp + 8), 0x102);
	ck_assert_uint_eq(word(sp + 12), 0x103);
	ck_assert_uint_eq(word(sp + 16), 0x10c);
	ck_assert_uint_eq(word(sp + 20), 0x0badc0de);
	ck_assert_uint_eq(word(sp + 24), 0x1234);
	uint32_t xpsr = 0x90000000u | (1u << 27) | (1u << 24) | (0u << 25) |
			((0x2cu >> 2) << 10) | (1u << 9);
	ck_assert_uint_eq(word(sp + 28), xpsr);
	ck_assert(!irq_pending(3));
	ck_assert_uint_eq(rd(0xe000e300u), 1u << 3); /* IABR */

	/* The handler lowers the line and clobbers the caller-saved ones. */
	irq_set(&l, 0);
	C->r[0] = C->r[1] = C->r[12] = 0;
	C->nzcv = 0;
	C->q = 0;
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert_uint_eq(C->r[13], STACK_TOP - 4);
	ck_assert_uint_eq(C->pc, 0x1234);
	ck_assert_uint_eq(C->r[0], 0x100);
	ck_assert_uint_eq(C->r[1], 0x101);
	ck_assert_uint_eq(C->r[12], 0x10c);
	ck_assert_uint_eq(C->r[14], 0x0badc0de);
	ck_assert_uint_eq(C->nzcv, 0x90000000u);
	ck_assert_uint_eq(C->q, 1);
	ck_assert_uint_eq(C->itstate, 0x2c);
	ck_assert_uint_eq(rd(0xe000e300u), 0);
	ck_assert(!irq_pending(3));
}
END_TEST

START_TEST(aligned_sp_leaves_frame_bit9_clear)
{
	C->r[13] = STACK_TOP;
	enable_irq(0, 0);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->r[13], STACK_TOP - 0x20);
	ck_assert_uint_eq(word(C->r[13] + 28) & (1u << 9), 0);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->r[13], STACK_TOP);
}
END_TEST

START_TEST(level_line_repends_while_high)
{
	enable_irq(7, 0x20);
	struct irq_line l = cpu_irq_line(C, 7);
	irq_set(&l, 1);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16 + 7);
	ck_assert(!irq_pending(7)); /* active, line high: not pending */
	irq_set(&l, 1);             /* no edge: still not pending */
	ck_assert(!irq_pending(7));
	cpu_exc_return(C, C->r[14]);
	/* Still high after return: pending again, and taken again by
	 * tail-chaining straight from the return. */
	ck_assert_uint_eq(C->ipsr, 16 + 7);
	ck_assert_uint_eq(C->r[14], 0xfffffff9u);
	irq_set(&l, 0);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert(!irq_pending(7));

	/* ICPR cannot clear a line that is still high and not active. */
	wr(0xe000e180u, 1u << 7); /* disable */
	irq_set(&l, 1);
	ck_assert(irq_pending(7));
	wr(0xe000e280u, 1u << 7);
	ck_assert(irq_pending(7));
	irq_set(&l, 0);
	wr(0xe000e280u, 1u << 7);
	ck_assert(!irq_pending(7));

	/* Lines beyond num_irq are unconnected. */
	struct irq_line none = cpu_irq_line(C, NUM_IRQ);
	ck_assert_ptr_null(none.set);
}
END_TEST

START_TEST(thread_on_psp_stacks_on_psp)
{
	cpu_msr(C, 9, 0, 0x20004000u);
	cpu_msr(C, 20, 0, 2);
	ck_assert_uint_eq(C->r[13], 0x20004000u);
	ck_assert_uint_eq(cpu_mrs(C, 8), STACK_TOP);
	enable_irq(1, 0);
	pend_irq(1);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->r[14], 0xfffffffdu);
	ck_assert_uint_eq(C->r[13], STACK_TOP); /* handler on MSP */
	ck_assert_uint_eq(C->control & 2, 0);
	ck_assert_uint_eq(cpu_mrs(C, 9), 0x20004000u - 0x20);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->control & 2, 2);
	ck_assert_uint_eq(C->r[13], 0x20004000u);
	ck_assert_uint_eq(cpu_mrs(C, 8), STACK_TOP);
}
END_TEST

START_TEST(higher_priority_preempts_lower_does_not)
{
	enable_irq(0, 0x80);
	enable_irq(1, 0x40);
	enable_irq(2, 0xc0);
	enable_irq(3, 0x80);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16);
	ck_assert_int_eq(cpu_exec_priority(C), 0x80);
	uint32_t sp0 = C->r[13];

	pend_irq(2);
	pend_irq(3); /* same priority: no preemption */
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16);

	pend_irq(1);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 17);
	ck_assert_uint_eq(C->r[14], 0xfffffff1u);
	ck_assert_uint_eq(C->r[13], sp0 - 0x20);
	ck_assert_uint_eq(word(C->r[13] + 28) & 0x1ff, 16); /* preempted IPSR */
	/* ICSR: VECTACTIVE 17, another active so RETTOBASE 0, IRQ3 next. */
	uint32_t icsr = rd(0xe000ed04u);
	ck_assert_uint_eq(icsr & 0x1ff, 17);
	ck_assert_uint_eq(icsr & (1u << 11), 0);
	ck_assert_uint_eq((icsr >> 12) & 0x1ff, 16 + 3);
	ck_assert(icsr & (1u << 22));

	/* Back in IRQ0, IRQ3 (same priority, lower number than IRQ2 with
	 * lower priority) still waits; returning from IRQ0 chains to it. */
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 16);
	ck_assert_uint_eq(C->r[13], sp0);
	ck_assert(rd(0xe000ed04u) & (1u << 11));
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 16 + 3);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 16 + 2);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert_uint_eq(C->r[13], STACK_TOP);
}
END_TEST

START_TEST(prigroup_splits_group_and_subpriority)
{
	enable_irq(0, 0x60);
	enable_irq(1, 0x40);
	/* PRIGROUP 5: group = bits 7:6, so 0x40 and 0x60 share group 0x40. */
	wr(0xe000ed0cu, (0x05fau << 16) | (5u << 8));
	ck_assert_uint_eq(rd(0xe000ed0cu), (0xfa05u << 16) | (5u << 8));
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16);
	pend_irq(1);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16); /* same group: no preemption */
	/* PRIGROUP 4: group = bits 7:5, so 0x40 now preempts 0x60. */
	wr(0xe000ed0cu, (0x05fau << 16) | (4u << 8));
	ck_assert(C->exc_check);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 17);
}
END_TEST

START_TEST(subpriority_then_number_orders_pending)
{
	wr(0xe000ed0cu, (0x05fau << 16) | (7u << 8)); /* no group bits at all */
	C->primask = 1;
	enable_irq(9, 0x20);
	enable_irq(4, 0x40);
	enable_irq(6, 0x20);
	pend_irq(4);
	pend_irq(9);
	pend_irq(6);
	C->primask = 0;
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16 + 6); /* lowest subpriority, lowest number */
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 16 + 9);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 16 + 4);
}
END_TEST

START_TEST(tail_chain_skips_unstacking)
{
	enable_irq(0, 0x40);
	enable_irq(1, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	uint32_t sp = C->r[13];
	uint32_t frame6 = word(sp + 24);
	pend_irq(1);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16);
	C->r[0] = 0x5555; /* must not be reloaded from the frame */
	uint64_t cyc = C->cycles;
	cpu_exc_return(C, 0xfffffff9u);
	ck_assert_uint_eq(C->ipsr, 17);
	ck_assert_uint_eq(C->r[13], sp);
	ck_assert_uint_eq(C->r[14], 0xfffffff9u);
	ck_assert_uint_eq(C->r[0], 0x5555);
	ck_assert_uint_eq(C->pc, IRQ_HANDLER(1));
	ck_assert_uint_eq(C->cycles - cyc, 6);
	ck_assert_uint_eq(word(sp + 24), frame6);
	cpu_exc_return(C, 0xfffffff9u);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert_uint_eq(C->pc, frame6);
	ck_assert_uint_eq(C->r[13], STACK_TOP);
}
END_TEST

/* Every external interrupt taken is on the trace stream, with its number
 * and the time the core took it, tail-chained too; other exceptions are
 * not. */
static struct {
	unsigned n;
	int64_t irq[4];
	simtime_t t[4];
} TR;

static void trace_irq(void *opaque, simtime_t t, const char *component, const char *var,
		      int64_t value, const char *label)
{
	ck_assert_str_eq(component, "nvic");
	ck_assert_str_eq(var, "irq");
	ck_assert_ptr_null(label);
	ck_assert_uint_lt(TR.n, 4);
	ck_assert_uint_ge(sched_now(&S), t); /* the core's time is published */
	TR.irq[TR.n] = value;
	TR.t[TR.n++] = t;
}

START_TEST(irq_entries_are_traced)
{
	struct trace tr = { .nsinks = 0 };
	ck_assert_int_eq(trace_add_sink(&tr, (struct trace_sink){ trace_irq, NULL }), 0);
	memset(&TR, 0, sizeof TR);
	cpu_set_trace(C, &tr);
	enable_irq(40, 0x40);
	enable_irq(7, 0x40);
	C->cycles += 100;
	simtime_t t0 = C->time_base + 100 * C->period_ps;
	pend_irq(40);
	pend_irq(7);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16 + 7);
	ck_assert_uint_eq(TR.n, 1);
	ck_assert_int_eq(TR.irq[0], 7);
	ck_assert_uint_eq(TR.t[0], t0); /* taken, before its 12 stacking cycles */
	C->cycles += 50;
	simtime_t t1 = C->time_base + (C->cycles - C->cycle_base) * C->period_ps;
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 16 + 40);
	ck_assert_uint_eq(TR.n, 2);
	ck_assert_int_eq(TR.irq[1], 40);
	ck_assert_uint_eq(TR.t[1], t1);
	cpu_exc_return(C, C->r[14]);
	wr(0xe000ed04u, 1u << 28); /* PendSV: an exception, not an IRQ */
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, EXC_PENDSV);
	ck_assert_uint_eq(TR.n, 2);
	/* Without a trace, nothing is told. */
	cpu_exc_return(C, C->r[14]);
	cpu_set_trace(C, NULL);
	pend_irq(7);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16 + 7);
	ck_assert_uint_eq(TR.n, 2);
}
END_TEST

/* Interrupt latency (cpu_latency_hooks): a line's rising edge, stamped
 * with the event's time when a device raises it from a scheduler event,
 * to the handler's first instruction; software pends, level re-pends and
 * forgotten edges give nothing. */
static struct {
	unsigned n, irq[4];
	simtime_t asserted[4], entered[4];
} LT;

static void lat_irq(void *opaque, unsigned n, simtime_t asserted, simtime_t entered)
{
	(void)opaque;
	ck_assert_uint_lt(LT.n, 4);
	LT.irq[LT.n] = n;
	LT.asserted[LT.n] = asserted;
	LT.entered[LT.n++] = entered;
}

static struct irq_line LAT_LINE;

static void raise_line(struct sched_event *ev, simtime_t now)
{
	(void)ev;
	(void)now;
	irq_set(&LAT_LINE, 1);
}

static simtime_t core_now(void)
{
	return C->time_base + (C->cycles - C->cycle_base) * C->period_ps;
}

START_TEST(irq_latency_from_line_edges)
{
	memset(&LT, 0, sizeof LT);
	struct cpu_latency_hooks h = { lat_irq, NULL };
	cpu_set_latency_hooks(C, &h);
	enable_irq(3, 0x40);
	enable_irq(5, 0x40);

	/* The device's event is due at 1 us; the core has run on to 1 us and
	 * 3 cycles (the end of its instruction) when the scheduler runs it. */
	LAT_LINE = cpu_irq_line(C, 3);
	struct sched_event ev;
	sched_event_init(&ev, raise_line, "raise");
	sched_schedule(&S, &ev, PS_PER_US);
	C->cycles = C->cycle_base + (PS_PER_US / C->period_ps) + 3;
	sched_set_now(&S, core_now());
	sched_run_until(&S, core_now());
	ck_assert(!S.in_event);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16 + 3);
	ck_assert_uint_eq(LT.n, 1);
	ck_assert_uint_eq(LT.irq[0], 3);
	ck_assert_uint_eq(LT.asserted[0], PS_PER_US);
	ck_assert_uint_eq(LT.entered[0], PS_PER_US + (3 + 12) * C->period_ps);

	/* Line 5 rises while 3's handler runs (outside any event: the
	 * scheduler's present), which then lowers its own line. The return
	 * tail-chains into 5 (6 cycles). 5's handler returns with its line
	 * still high: 5 pends again from its level, no edge, no sample. */
	struct irq_line l3 = LAT_LINE;
	LAT_LINE = cpu_irq_line(C, 5);
	C->cycles += 10;
	sched_set_now(&S, core_now());
	simtime_t t5 = core_now();
	irq_set(&LAT_LINE, 1);
	irq_set(&l3, 0);
	C->cycles += 10;
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 16 + 5);
	ck_assert_uint_eq(LT.n, 2);
	ck_assert_uint_eq(LT.irq[1], 5);
	ck_assert_uint_eq(LT.asserted[1], t5);
	ck_assert_uint_eq(LT.entered[1], core_now());
	ck_assert_uint_eq(LT.entered[1] - t5, (10 + 6) * C->period_ps);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 16 + 5); /* 5 again, from its level */
	ck_assert_uint_eq(LT.n, 2);
	irq_set(&LAT_LINE, 0);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 0);

	/* Software pends: no sample. */
	pend_irq(5);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16 + 5);
	cpu_exc_return(C, C->r[14]);
	wr(0xe000ef00u, 5); /* STIR */
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16 + 5);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(LT.n, 2);

	/* An edge whose pending bit software clears (line low) is
	 * forgotten: a later software pend of the line gives nothing. */
	wr(0xe000e180u, 1u << 5); /* disabled: the edge only pends */
	irq_set(&LAT_LINE, 1);
	irq_set(&LAT_LINE, 0);
	wr(0xe000e280u, 1u << 5);
	ck_assert(!irq_pending(5));
	enable_irq(5, 0x40);
	pend_irq(5);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16 + 5);
	ck_assert_uint_eq(LT.n, 2);
	cpu_exc_return(C, C->r[14]);

	/* An edge that waits (the line disabled, then enabled) counts from
	 * the edge. */
	wr(0xe000e180u, 1u << 5);
	simtime_t te = core_now();
	sched_set_now(&S, te);
	irq_set(&LAT_LINE, 1);
	irq_set(&LAT_LINE, 0);
	C->cycles += 100;
	enable_irq(5, 0x40);
	cpu_exc_check(C);
	ck_assert_uint_eq(LT.n, 3);
	ck_assert_uint_eq(LT.asserted[2], te);
	ck_assert_uint_eq(LT.entered[2] - te, (100 + 12) * C->period_ps);
}
END_TEST

START_TEST(masks_block_preemption)
{
	enable_irq(0, 0x80);
	enable_irq(1, 0x20);
	cpu_cps(C, true, true, false);
	ck_assert_uint_eq(cpu_mrs(C, 16), 1);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert_int_eq(cpu_exec_priority(C), 0);

	/* NMI ignores PRIMASK. */
	wr(0xe000ed04u, 1u << 31);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, EXC_NMI);
	ck_assert_uint_eq(C->pc, SYS_HANDLER(2));
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 0);

	C->exc_check = false;
	cpu_cps(C, false, true, false);
	ck_assert(C->exc_check);
	/* BASEPRI 0x80 masks priority 0x80 but not 0x20. */
	cpu_msr(C, 17, 0, 0x80);
	ck_assert_uint_eq(cpu_mrs(C, 17), 0x80);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 0);
	/* BASEPRI_MAX only ever raises the priority. */
	cpu_msr(C, 18, 0, 0xc0);
	ck_assert_uint_eq(C->basepri, 0x80);
	cpu_msr(C, 18, 0, 0x40);
	ck_assert_uint_eq(C->basepri, 0x40);
	pend_irq(1);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 17);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 0);
	cpu_msr(C, 17, 0, 0);

	/* FAULTMASK masks everything but NMI; it clears on return. */
	cpu_cps(C, true, false, true);
	ck_assert_int_eq(cpu_exec_priority(C), -1);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 0);
	cpu_cps(C, false, false, true);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16);
	cpu_msr(C, 19, 0, 1);
	ck_assert_uint_eq(C->faultmask, 1);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->faultmask, 0);
	ck_assert_uint_eq(C->ipsr, 0);
}
END_TEST

START_TEST(unprivileged_mask_writes_are_ignored)
{
	cpu_msr(C, 20, 0, 1); /* nPRIV */
	ck_assert_uint_eq(cpu_mrs(C, 20), 1);
	cpu_msr(C, 16, 0, 1);
	cpu_cps(C, true, true, true);
	cpu_msr(C, 17, 0, 0x40);
	ck_assert_uint_eq(C->primask, 0);
	ck_assert_uint_eq(C->faultmask, 0);
	ck_assert_uint_eq(C->basepri, 0);
	cpu_msr(C, 20, 0, 0); /* cannot regain privilege */
	ck_assert_uint_eq(cpu_mrs(C, 20), 1);
	/* APSR is writable unprivileged, by mask. */
	cpu_msr(C, 0, 2, 0xf8000000u);
	ck_assert_uint_eq(C->nzcv, 0xf0000000u);
	ck_assert_uint_eq(C->q, 1);
	cpu_msr(C, 0, 1, 0x000f0000u);
	ck_assert_uint_eq(C->ge, 0xf);
	ck_assert_uint_eq(C->nzcv, 0xf0000000u);
	ck_assert_uint_eq(cpu_mrs(C, 0), 0xf80f0000u);
	ck_assert_uint_eq(cpu_mrs(C, 5), 0); /* IPSR in Thread mode */
}
END_TEST

START_TEST(disabled_fault_escalates_to_forced_hardfault)
{
	C->pc = 0x2000;
	cpu_fault(C, FAULT_UNDEFINSTR, 0x1ffe, ~0u);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(C->pc, SYS_HANDLER(3));
	ck_assert_uint_eq(rd(0xe000ed2cu), HFSR_FORCED);
	ck_assert_uint_eq(rd(0xe000ed28u), 1u << FAULT_UNDEFINSTR);
	ck_assert_uint_eq(word(C->r[13] + 24), 0x1ffe);
	ck_assert_int_eq(cpu_exec_priority(C), -1);
	/* W1C */
	wr(0xe000ed2cu, HFSR_FORCED);
	ck_assert_uint_eq(rd(0xe000ed2cu), 0);
	uint32_t ufsr = 1;
	ck_assert_int_eq(bus_write(&B, 0xe000ed2au, 2, ufsr), BUS_OK);
	ck_assert_uint_eq(rd(0xe000ed28u), 0);
}
END_TEST

START_TEST(enabled_fault_is_taken_with_status)
{
	wr(0xe000ed24u, (1u << 17) | (1u << 18)); /* BUSFAULTENA, USGFAULTENA */
	ck_assert_uint_eq(rd(0xe000ed24u), (1u << 17) | (1u << 18));
	cpu_fault(C, FAULT_PRECISERR, 0x2000, 0x40001234u);
	ck_assert_uint_eq(C->ipsr, EXC_BUSFAULT);
	ck_assert_uint_eq(C->pc, SYS_HANDLER(5));
	ck_assert_uint_eq(rd(0xe000ed2cu), 0);
	ck_assert_uint_eq(rd(0xe000ed28u), (1u << FAULT_PRECISERR) | CFSR_BFARVALID);
	ck_assert_uint_eq(rd(0xe000ed38u), 0x40001234u);
	uint32_t bfsr;
	ck_assert_int_eq(bus_read(&B, 0xe000ed29u, 1, &bfsr), BUS_OK);
	ck_assert_uint_eq(bfsr, 0x82);
	/* A byte write to MMFSR clears MMFSR bits only. */
	ck_assert_int_eq(bus_write(&B, 0xe000ed28u, 1, 0xffffff00u), BUS_OK);
	ck_assert_uint_eq(rd(0xe000ed28u), (1u << FAULT_PRECISERR) | CFSR_BFARVALID);
	ck_assert_uint_eq(rd(0xe000ed24u) & 2, 2); /* BUSFAULTACT */
	/* A UsageFault at the same priority (0) cannot preempt: escalates. */
	cpu_fault(C, FAULT_DIVBYZERO, 0x5000, ~0u);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(rd(0xe000ed2cu), HFSR_FORCED);
	ck_assert(rd(0xe000ed28u) & (1u << FAULT_DIVBYZERO));
}
END_TEST

START_TEST(fault_in_hardfault_locks_up)
{
	cpu_fault(C, FAULT_UNDEFINSTR, 0x1000, ~0u);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	cpu_fault(C, FAULT_IBUSERR, 0x1234, ~0u);
	ck_assert(C->locked_up);
	ck_assert_uint_eq(C->pc, 0xfffffffeu);
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "HardFault while in HardFault handler"));
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "exception 3"));
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "instruction fetch"));
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "0x00001234"));
	/* A locked-up core takes nothing. */
	enable_irq(0, 0);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
}
END_TEST

START_TEST(fault_with_faultmask_locks_up)
{
	cpu_cps(C, true, false, true);
	cpu_fault(C, FAULT_UNALIGNED, 0x4444, ~0u);
	ck_assert(C->locked_up);
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "FAULTMASK"));
}
END_TEST

START_TEST(bkpt_without_debugger_is_debugevt)
{
	cpu_fault(C, FAULT_HF_DEBUGEVT, 0x300, ~0u);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(rd(0xe000ed2cu), HFSR_DEBUGEVT);
	ck_assert_uint_eq(rd(0xe000ed30u), DFSR_BKPT);
	ck_assert_uint_eq(rd(0xe000ed28u), 0);
}
END_TEST

START_TEST(svc_taken_or_escalated)
{
	cpu_exc_svc(C, 0x302);
	ck_assert_uint_eq(C->ipsr, EXC_SVCALL);
	ck_assert_uint_eq(C->pc, SYS_HANDLER(11));
	ck_assert_uint_eq(word(C->r[13] + 24), 0x302);
	/* SVC inside the SVC handler: same priority, escalates. */
	cpu_exc_svc(C, 0xb06);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(rd(0xe000ed2cu), HFSR_FORCED);
	ck_assert_uint_eq(word(C->r[13] + 24), 0xb04);
}
END_TEST

START_TEST(invalid_exc_return_is_invpc)
{
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	uint32_t sp = C->r[13];
	cpu_exc_return(C, 0xfffffff5u);
	/* UsageFault is disabled: HardFault, tail-chained on the frame. */
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(C->r[13], sp);
	ck_assert_uint_eq(C->r[14], 0xfffffff5u);
	ck_assert_uint_eq(rd(0xe000ed28u), 1u << FAULT_INVPC);
	ck_assert_uint_eq(rd(0xe000e300u), 0); /* IRQ0 deactivated */
}
END_TEST

START_TEST(return_to_thread_with_active_exceptions_needs_nonbasethrdena)
{
	wr(0xe000ed24u, 1u << 18);
	enable_irq(0, 0x80);
	pend_irq(0);
	cpu_exc_check(C);
	/* Another exception (SVCall, lowest priority) marked active behind
	 * the thread frame. */
	wr(0xe000ed1cu, 0xe0000000u);
	wr(0xe000ed24u, (1u << 18) | (1u << 7));
	ck_assert_uint_eq(rd(0xe000ed04u) & (1u << 11), 0); /* RETTOBASE */
	cpu_exc_return(C, 0xfffffff9u);
	ck_assert_uint_eq(C->ipsr, EXC_USAGEFAULT);
	ck_assert_uint_eq(rd(0xe000ed28u), 1u << FAULT_INVPC);

	/* With CCR.NONBASETHRDENA the same return is allowed. */
	teardown();
	setup();
	wr(0xe000ed14u, CCR_STKALIGN | CCR_NONBASETHRDENA);
	enable_irq(0, 0x80);
	pend_irq(0);
	cpu_exc_check(C);
	wr(0xe000ed1cu, 0xe0000000u);
	wr(0xe000ed24u, 1u << 7);
	cpu_exc_return(C, 0xfffffff9u);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert_uint_eq(C->pc, RESET_PC);
	ck_assert_uint_eq(rd(0xe000ed24u), 1u << 7);
	ck_assert_int_eq(cpu_exec_priority(C), 0xe0); /* SVCall's priority */
}
END_TEST

START_TEST(vector_fetch_error_is_vecttbl_hardfault)
{
	/* VTOR 0xff80: HardFault's slot is readable, IRQ100's is not. */
	wr(0xe000ed08u, 0xff80u);
	ck_assert_uint_eq(rd(0xe000ed08u), 0xff80u);
	uint32_t hf = 0x333u;
	ck_assert_int_eq(bus_load(&B, 0xff80u + 12, &hf, 4), BUS_OK);
	enable_irq(100, 0);
	pend_irq(100);
	cpu_exc_check(C);
	ck_assert(!C->locked_up);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(C->pc, 0x332u);
	ck_assert_uint_eq(rd(0xe000ed2cu), HFSR_VECTTBL);
	ck_assert(irq_pending(100));

	/* With no readable HardFault vector either: lockup. */
	teardown();
	setup();
	wr(0xe000ed08u, 0x20010000u - 0x80u + 0x100u); /* beyond the SRAM */
	enable_irq(0, 0);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert(C->locked_up);
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "vector table"));
}
END_TEST

START_TEST(stacking_error_is_stkerr)
{
	C->r[13] = 0x30000000u; /* nothing mapped below */
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	/* The IRQ is entered, then the escalated BusFault preempts it. */
	ck_assert_uint_eq(C->ipsr, 16);
	ck_assert(C->exc_check);
	ck_assert_uint_eq(rd(0xe000ed28u), 1u << FAULT_STKERR);
	ck_assert_uint_eq(rd(0xe000ed2cu), HFSR_FORCED);
	/* Stacking for the HardFault fails too, at priority -1: lockup. */
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert(C->locked_up);
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "while stacking"));
}
END_TEST

START_TEST(stacking_error_with_busfault_enabled)
{
	wr(0xe000ed24u, 1u << 17);
	C->r[13] = 0x20000010u; /* the frame runs off the bottom of the SRAM */
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16);
	ck_assert_uint_eq(rd(0xe000ed2cu), 0);
	ck_assert(rd(0xe000ed24u) & (1u << 14)); /* BUSFAULTPENDED */
	C->r[13] = STACK_TOP; /* the handler's stack is fine again */
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, EXC_BUSFAULT);
	ck_assert(!C->locked_up);
}
END_TEST

START_TEST(unstacking_error_is_unstkerr)
{
	wr(0xe000ed24u, 1u << 17);
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	C->r[13] = 0x30000000u; /* handler corrupts its SP */
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, EXC_BUSFAULT);
	ck_assert_uint_eq(rd(0xe000ed28u), 1u << FAULT_UNSTKERR);
}
END_TEST

START_TEST(nvic_registers)
{
	wr(0xe000e100u, 0x80000001u);
	wr(0xe000e104u, 0x2u);
	ck_assert_uint_eq(rd(0xe000e100u), 0x80000001u);
	ck_assert_uint_eq(rd(0xe000e180u), 0x80000001u);
	ck_assert_uint_eq(rd(0xe000e104u), 2u);
	wr(0xe000e180u, 0x1u);
	ck_assert_uint_eq(rd(0xe000e100u), 0x80000000u);
	/* Banks beyond num_irq (128 = 4 words) are RAZ/WI. */
	wr(0xe000e110u, ~0u);
	ck_assert_uint_eq(rd(0xe000e110u), 0);
	/* ISPR / ICPR */
	wr(0xe000e208u, 0x10u);
	ck_assert_uint_eq(rd(0xe000e288u), 0x10u);
	ck_assert(rd(0xe000ed04u) & (1u << 22)); /* ISRPENDING */
	wr(0xe000e288u, 0x10u);
	ck_assert_uint_eq(rd(0xe000e208u), 0);
	ck_assert_uint_eq(rd(0xe000ed04u) & (1u << 22), 0);
	/* IPR: bytes, only the top 3 bits implemented, words too. */
	uint32_t v = 0xff;
	ck_assert_int_eq(bus_write(&B, 0xe000e405u, 1, v), BUS_OK);
	ck_assert_int_eq(bus_read(&B, 0xe000e405u, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0xe0);
	wr(0xe000e408u, 0x1f3f5f7fu);
	ck_assert_uint_eq(rd(0xe000e408u), 0x00204060u);
	ck_assert_uint_eq(rd(0xe000e404u), 0x0000e000u);
	ck_assert_uint_eq(rd(0xe000e480u), 0); /* IRQ128+: RAZ */
	/* Word-only registers refuse halfwords. */
	ck_assert_int_ne(bus_read(&B, 0xe000e100u, 2, &v), BUS_OK);
	ck_assert_int_ne(bus_write(&B, 0xe000ed04u, 1, 0), BUS_OK);
	/* SHPR bytes; reserved slots RAZ. */
	wr(0xe000ed18u, 0xffffffffu);
	ck_assert_uint_eq(rd(0xe000ed18u), 0x00e0e0e0u);
	wr(0xe000ed20u, 0x40800000u);
	ck_assert_uint_eq(cpu_exc_prio(C->exc, EXC_PENDSV), 0x80);
	ck_assert_uint_eq(cpu_exc_prio(C->exc, EXC_SYSTICK), 0x40);
}
END_TEST

START_TEST(stir_pends_interrupt)
{
	enable_irq(5, 0);
	wr(0xe000ef00u, 5);
	ck_assert(irq_pending(5));
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16 + 5);
	wr(0xe000ef00u, NUM_IRQ + 3); /* no such interrupt: ignored */
	ck_assert_uint_eq(rd(0xe000ed04u) & (0x1ffu << 12 | 1u << 22), 0);
}
END_TEST

START_TEST(aircr_needs_vectkey_and_requests_reset)
{
	wr(0xe000ed0cu, (3u << 8) | 4u);
	ck_assert_uint_eq(rd(0xe000ed0cu), 0xfa050000u);
	ck_assert(!C->reset_requested);
	wr(0xe000ed0cu, (0x05fau << 16) | (3u << 8));
	ck_assert_uint_eq(rd(0xe000ed0cu), 0xfa050300u);
	ck_assert(!C->reset_requested);
	wr(0xe000ed0cu, (0x05fau << 16) | 4u);
	ck_assert(C->reset_requested);
	ck_assert(C->stop_requested);
}
END_TEST

START_TEST(icsr_pends_pendsv_and_systick)
{
	wr(0xe000ed20u, 0xe0e00000u); /* lowest priority for both */
	wr(0xe000ed04u, (1u << 28) | (1u << 26));
	uint32_t icsr = rd(0xe000ed04u);
	ck_assert(icsr & (1u << 28));
	ck_assert(icsr & (1u << 26));
	ck_assert_uint_eq((icsr >> 12) & 0x1ff, EXC_PENDSV); /* lower number wins */
	ck_assert_uint_eq(icsr & (1u << 22), 0);
	wr(0xe000ed04u, 1u << 25);
	ck_assert_uint_eq(rd(0xe000ed04u) & (1u << 26), 0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, EXC_PENDSV);
	ck_assert_uint_eq(rd(0xe000ed04u) & 0x1ff, EXC_PENDSV);
	ck_assert(rd(0xe000ed04u) & (1u << 11)); /* RETTOBASE */
	ck_assert_uint_eq(rd(0xe000ed24u), 1u << 10); /* PENDSVACT */
}
END_TEST

START_TEST(wfi_sleeps_and_wakes_regardless_of_primask)
{
	enable_irq(2, 0x40);
	ck_assert(cpu_wfi_should_sleep(C));
	ck_assert(C->sleeping);
	C->primask = 1;
	struct irq_line l = cpu_irq_line(C, 2);
	irq_set(&l, 1);
	cpu_exc_check(C);
	ck_assert(!C->sleeping);
	ck_assert_uint_eq(C->ipsr, 0); /* woken, but PRIMASK holds it off */
	ck_assert(!cpu_wfi_should_sleep(C)); /* already pending: no sleep */
	C->primask = 0;
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 18);

	/* A disabled interrupt does not wake WFI. */
	irq_set(&l, 0);
	cpu_exc_return(C, C->r[14]);
	ck_assert(cpu_wfi_should_sleep(C));
	pend_irq(9);
	cpu_exc_check(C);
	ck_assert(C->sleeping);
}
END_TEST

START_TEST(wfe_event_register_and_sevonpend)
{
	C->event_reg = true;
	ck_assert(!cpu_wfe_should_sleep(C));
	ck_assert(!C->event_reg);
	ck_assert(cpu_wfe_should_sleep(C));
	ck_assert(C->sleeping);
	/* A disabled interrupt does nothing without SEVONPEND... */
	pend_irq(9);
	cpu_exc_check(C);
	ck_assert(C->sleeping);
	wr(0xe000e280u, 1u << 9);
	/* ...and wakes the core with it. */
	wr(0xe000ed10u, SCR_SEVONPEND);
	pend_irq(9);
	cpu_exc_check(C);
	ck_assert(!C->sleeping);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert(!C->event_reg); /* consumed by the WFE */
}
END_TEST

START_TEST(sleeponexit_sleeps_on_return_to_thread)
{
	wr(0xe000ed10u, SCR_SLEEPONEXIT);
	enable_irq(0, 0);
	pend_irq(0);
	cpu_exc_check(C);
	cpu_exc_return(C, C->r[14]);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert(C->sleeping);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert(!C->sleeping);
	ck_assert_uint_eq(C->ipsr, 16);
}
END_TEST

START_TEST(control_spsel_and_faultmask_rules)
{
	C->sp_process = 0x20002000u;
	cpu_msr(C, 20, 0, 2);
	ck_assert_uint_eq(C->r[13], 0x20002000u);
	cpu_msr(C, 20, 0, 0);
	ck_assert_uint_eq(C->r[13], STACK_TOP);
	ck_assert_uint_eq(cpu_mrs(C, 9), 0x20002000u);
	cpu_msr(C, 8, 0, 0x20007ff7u);
	ck_assert_uint_eq(C->r[13], 0x20007ff4u);
	/* In a handler, SPSEL is not writable and FAULTMASK cannot be set
	 * at priority -1. */
	cpu_fault(C, FAULT_UNDEFINSTR, 0x100, ~0u);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	uint32_t sp = C->r[13];
	cpu_msr(C, 20, 0, 2);
	ck_assert_uint_eq(C->control & 2, 0);
	ck_assert_uint_eq(C->r[13], sp);
	cpu_msr(C, 19, 0, 1);
	ck_assert_uint_eq(C->faultmask, 0);
	ck_assert_uint_eq(cpu_mrs(C, 5), EXC_HARDFAULT);
}
END_TEST

/* --- SysTick ------------------------------------------------------------ */

#define SYST_CSR 0xe000e010u
#define SYST_RVR 0xe000e014u
#define SYST_CVR 0xe000e018u
#define SYST_CALIB 0xe000e01cu

static bool systick_pending(void)
{
	return rd(0xe000ed04u) & (1u << 26);
}

START_TEST(systick_fires_at_the_right_time)
{
	wr(SYST_RVR, 999); /* 1000 cycles = 10 us per wrap */
	wr(SYST_CVR, 0);
	wr(SYST_CSR, 7);   /* core clock, TICKINT, ENABLE */
	ck_assert_uint_eq(rd(SYST_CSR), 7);
	sched_run_until(&S, 2500 * PS_PER_NS);
	ck_assert_uint_eq(rd(SYST_CVR), 750);
	sched_run_until(&S, 10 * PS_PER_US - 1);
	ck_assert(!systick_pending());
	ck_assert_uint_eq(rd(SYST_CSR) & (1u << 16), 0);
	C->exc_check = false;
	sched_run_until(&S, 10 * PS_PER_US);
	ck_assert(systick_pending());
	ck_assert(C->exc_check);
	ck_assert_uint_eq(rd(SYST_CVR), 0);
	ck_assert_uint_eq(rd(SYST_CSR), 7 | (1u << 16));
	ck_assert_uint_eq(rd(SYST_CSR), 7); /* COUNTFLAG clears on read */
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, EXC_SYSTICK);
	cpu_exc_return(C, C->r[14]);
	/* The next wrap is one period later, no drift. */
	sched_run_until(&S, 20 * PS_PER_US - 1);
	ck_assert(!systick_pending());
	sched_run_until(&S, 20 * PS_PER_US);
	ck_assert(systick_pending());
	/* One event in the queue at a time, not one per tick. */
	ck_assert_uint_eq(S.count, 1);
	ck_assert_uint_eq(S.heap[0]->when, 30 * PS_PER_US);
}
END_TEST

START_TEST(systick_reference_clock_and_calib)
{
	ck_assert_uint_eq(rd(SYST_CALIB), 9999); /* 1 MHz ref: 10 ms, exact */
	wr(SYST_RVR, 99);
	wr(SYST_CSR, 3); /* reference clock */
	sched_run_until(&S, 100 * PS_PER_US - 1);
	ck_assert(!systick_pending());
	ck_assert_uint_eq(rd(SYST_CVR), 0 + 1); /* one tick to go */
	sched_run_until(&S, 100 * PS_PER_US);
	ck_assert(systick_pending());
	/* Disabling freezes the count. */
	sched_run_until(&S, 130 * PS_PER_US);
	wr(SYST_CSR, 2);
	ck_assert_uint_eq(rd(SYST_CVR), 70);
	sched_run_until(&S, 500 * PS_PER_US);
	ck_assert_uint_eq(rd(SYST_CVR), 70);
	ck_assert_uint_eq(S.count, 0);

	teardown();
	make_cpu(true, 0x412fc231u, 0);
	cpu_exc_reset(C);
	ck_assert_uint_eq(rd(SYST_CALIB) & (1u << 31), 1u << 31); /* NOREF */
	ck_assert_uint_eq(rd(SYST_CSR), 4); /* CLKSOURCE stuck at core clock */
	wr(SYST_CSR, 0);
	ck_assert_uint_eq(rd(SYST_CSR), 4);
}
END_TEST

START_TEST(systick_reference_clock_with_fractional_period)
{
	teardown();
	make_cpu(true, 0x412fc231u, 32768);
	cpu_exc_reset(C);
	ck_assert_uint_eq(rd(SYST_CALIB), (1u << 30) | 326); /* SKEW: 10 ms inexact */
	wr(SYST_RVR, 99);
	wr(SYST_CSR, 3);
	/* 100 ticks of 30517.578125 ns end at 3051757.8125 ns: the wrap is
	 * due at the first whole picosecond at or after that. */
	sched_run_until(&S, 3051757812ull);
	ck_assert(!systick_pending());
	ck_assert_uint_eq(rd(SYST_CVR), 1);
	sched_run_until(&S, 3051757813ull);
	ck_assert(systick_pending());
	ck_assert_uint_eq(rd(SYST_CVR), 0);
}
END_TEST

START_TEST(systick_countflag_without_tickint_needs_no_events)
{
	wr(SYST_RVR, 99);
	wr(SYST_CSR, 5);
	ck_assert_uint_eq(S.count, 0);
	sched_run_until(&S, 999 * PS_PER_NS);
	ck_assert_uint_eq(rd(SYST_CSR), 5);
	sched_run_until(&S, 1000 * PS_PER_NS);
	ck_assert_uint_eq(rd(SYST_CSR), 5 | (1u << 16));
	ck_assert(!systick_pending());
	/* Writing CVR clears the counter and COUNTFLAG. */
	sched_run_until(&S, 2500 * PS_PER_NS);
	wr(SYST_CVR, 1234);
	ck_assert_uint_eq(rd(SYST_CVR), 0);
	ck_assert_uint_eq(rd(SYST_CSR), 5);
	sched_run_until(&S, 2510 * PS_PER_NS);
	ck_assert_uint_eq(rd(SYST_CVR), 99);
}
END_TEST

START_TEST(systick_follows_core_frequency_change)
{
	wr(SYST_RVR, 999);
	wr(SYST_CSR, 7);
	sched_run_until(&S, 5 * PS_PER_US); /* 500 ticks: reload, then 499 down */
	ck_assert_uint_eq(rd(SYST_CVR), 500);
	/* Halve the clock: the executor re-bases its time, then tells us. */
	C->time_base = sched_now(&S);
	C->cycle_base = C->cycles;
	C->freq_hz = FREQ_HZ / 2;
	C->period_ps = 20000;
	cpu_systick_rebase(C);
	ck_assert_uint_eq(rd(SYST_CVR), 500);
	sched_run_until(&S, 5 * PS_PER_US + 500 * 20000 - 1);
	ck_assert(!systick_pending());
	sched_run_until(&S, 5 * PS_PER_US + 500 * 20000);
	ck_assert(systick_pending());
}
END_TEST

/* --- DWT ---------------------------------------------------------------- */

START_TEST(dwt_cyccnt_counts_core_cycles)
{
	ck_assert_uint_eq(rd(0xe0001000u) >> 28, 0); /* NUMCOMP */
	ck_assert_uint_eq(rd(0xe0001000u) & (1u << 25), 0); /* NOCYCCNT clear */
	wr(0xe0001000u, 1);
	C->cycles += 100;
	ck_assert_uint_eq(rd(0xe0001004u), 0); /* TRCENA still clear */
	wr(0xe000edfcu, DEMCR_TRCENA);
	ck_assert_uint_eq(rd(0xe000edfcu), DEMCR_TRCENA);
	C->cycles += 1234;
	ck_assert_uint_eq(rd(0xe0001004u), 1234);
	wr(0xe0001000u, 0);
	C->cycles += 50;
	ck_assert_uint_eq(rd(0xe0001004u), 1234);
	wr(0xe0001004u, 0xfffffff0u);
	wr(0xe0001000u, 1);
	C->cycles += 0x20;
	ck_assert_uint_eq(rd(0xe0001004u), 0x10); /* wraps */
	ck_assert_uint_eq(rd(0xe0001fb4u), 0); /* no lock on a Cortex-M3 */
	ck_assert_uint_eq(rd(0xe0001ff0u), 0x0d);
	ck_assert_uint_eq(rd(0xe0001ffcu), 0xb1);
}
END_TEST

START_TEST(dwt_m7_software_lock)
{
	teardown();
	make_cpu(true, 0x411fc270u, 0);
	cpu_exc_reset(C);
	ck_assert_uint_eq(rd(0xe0001fb4u), 3);
	wr(0xe000edfcu, DEMCR_TRCENA);
	wr(0xe0001000u, 1);
	ck_assert_uint_eq(rd(0xe0001000u) & 1, 0); /* locked: ignored */
	wr(0xe0001fb0u, 0xc5acce55u);
	ck_assert_uint_eq(rd(0xe0001fb4u), 1);
	wr(0xe0001000u, 1);
	C->cycles += 77;
	ck_assert_uint_eq(rd(0xe0001004u), 77);
	ck_assert_uint_eq(rd(0xe000ed60u), 0x01101110u); /* ID_ISAR0, M4/M7 */
}
END_TEST

START_TEST(scb_misc_registers)
{
	ck_assert_uint_eq(rd(0xe000ed90u), 0);  /* MPU_TYPE: no MPU */
	wr(0xe000ed94u, 1);
	ck_assert_uint_eq(rd(0xe000ed94u), 0);
	ck_assert_uint_eq(rd(0xe000ed78u), 0);  /* CLIDR: no caches */
	wr(0xe000ed88u, 0x00f00000u);           /* CPACR: no coprocessors */
	ck_assert_uint_eq(rd(0xe000ed88u), 0);
	wr(0xe000ef50u, 0);                     /* ICIALLU: accepted, no effect */
	ck_assert_uint_eq(rd(0xe000ed40u), 0x30u); /* ID_PFR0 */
	wr(0xe000ed14u, 0xffffffffu);
	ck_assert_uint_eq(rd(0xe000ed14u), CCR_WRITABLE);
	wr(0xe000ed10u, 0xffffffffu);
	ck_assert_uint_eq(rd(0xe000ed10u), 0x16u);
	wr(0xe000ed08u, 0x12345678u);
	ck_assert_uint_eq(rd(0xe000ed08u), 0x12345600u);
	ck_assert_uint_eq(rd(0xe000efe4u), 0xb0); /* PID1 */
}
END_TEST

/* ---- the FP context: extended frames, lazy preservation ----------------- */

#define FPCCR 0xe000ef34u
#define FPCAR 0xe000ef38u
#define FPDSCR 0xe000ef3cu
#define MVFR0 0xe000ef40u
#define SHCSR 0xe000ed24u
#define CFSR 0xe000ed28u
#define HFSR 0xe000ed2cu

/* A Cortex-M4F: the same machine with FPv4-SP-D16, FP registers holding
 * distinct values and CONTROL.FPCA set (Thread mode has an FP context). */
static void setup_fp(void)
{
	make_cpu(true, 0x410fc241u, 1000000);
	C->cfg.fpu = CPU_FPU_V4_SP;
	cpu_exc_reset(C);
	cpu_exc_check(C);
	for (unsigned i = 0; i < 32; i++)
		C->s[i] = 0x3f800000u + 0x1000u * i;
	C->fpscr = 0x80000010u;
	C->control |= CONTROL_FPCA;
	C->cpacr = CPACR_CP10_CP11;
}

/* Fill the 26 words below `sp` with a pattern nothing else writes. */
static void poison_below(uint32_t sp)
{
	for (uint32_t a = sp - 0x70u; a < sp; a += 4)
		wr(a, 0x5a5a0000u | (a & 0xffffu));
}

START_TEST(fp_registers_reset_values_and_writable_bits)
{
	ck_assert_uint_eq(rd(FPCCR), 0xc0000000u);
	ck_assert_uint_eq(rd(FPCAR), 0);
	ck_assert_uint_eq(rd(FPDSCR), 0);
	ck_assert_uint_eq(rd(MVFR0), 0x10110021u);
	ck_assert_uint_eq(rd(MVFR0 + 4), 0x11000011u);
	ck_assert_uint_eq(rd(MVFR0 + 8), 0); /* reserved on FPv4 */
	wr(FPCCR, 0xffffffffu);
	ck_assert_uint_eq(rd(FPCCR), 0xc000017bu);
	wr(FPCAR, 0x20001237u);
	ck_assert_uint_eq(rd(FPCAR), 0x20001230u);
	wr(FPDSCR, 0xffffffffu);
	ck_assert_uint_eq(rd(FPDSCR), 0x07c00000u);
	wr(MVFR0, 0);
	ck_assert_uint_eq(rd(MVFR0), 0x10110021u);
	C->cfg.fpu = CPU_FPU_V5_DP;
	ck_assert_uint_eq(rd(MVFR0), 0x10110221u);
	ck_assert_uint_eq(rd(MVFR0 + 4), 0x12000011u);
	ck_assert_uint_eq(rd(MVFR0 + 8), 0x00000040u);
	C->cfg.fpu = CPU_FPU_V5_SP;
	ck_assert_uint_eq(rd(MVFR0), 0x10110021u);
	ck_assert_uint_eq(rd(MVFR0 + 8), 0x00000040u);
	/* A core reset (and so a warm boot) restores them all. */
	wr(0xe000ed88u, 0x00f00000u);
	cpu_exc_reset(C);
	ck_assert_uint_eq(rd(FPCCR), 0xc0000000u);
	ck_assert_uint_eq(rd(FPCAR), 0);
	ck_assert_uint_eq(rd(FPDSCR), 0);
	ck_assert_uint_eq(rd(0xe000ed88u), 0);
	ck_assert_uint_eq(C->control, 0);
	ck_assert_uint_eq(C->fpscr, 0);
	for (unsigned i = 0; i < 32; i++)
		ck_assert_uint_eq(C->s[i], 0);
}
END_TEST

START_TEST(fp_registers_raz_wi_without_fpu)
{
	const uint32_t regs[] = { FPCCR, FPCAR, FPDSCR, MVFR0, MVFR0 + 4, MVFR0 + 8 };
	for (unsigned i = 0; i < 6; i++) {
		wr(regs[i], 0xffffffffu);
		ck_assert_uint_eq(rd(regs[i]), 0);
	}
	/* CONTROL.FPCA does not exist either. */
	cpu_msr(C, 20, 0, 4);
	ck_assert_uint_eq(cpu_mrs(C, 20), 0);
	ck_assert_uint_eq(C->control, 0);
}
END_TEST

START_TEST(control_fpca_through_mrs_msr)
{
	ck_assert_uint_eq(cpu_mrs(C, 20), CONTROL_FPCA);
	cpu_msr(C, 20, 0, 0);
	ck_assert_uint_eq(cpu_mrs(C, 20), 0);
	cpu_msr(C, 20, 0, CONTROL_FPCA);
	ck_assert_uint_eq(cpu_mrs(C, 20), CONTROL_FPCA);
}
END_TEST

/* A lazy extended frame from privileged Thread mode on an SP that is not
 * 8-byte aligned (with STKALIGN clear: the extended frame aligns anyway). */
START_TEST(extended_frame_lazy_reservation)
{
	wr(0xe000ed14u, 0); /* STKALIGN off */
	uint32_t sp0 = STACK_TOP - 4;
	C->r[13] = sp0;
	C->r[0] = 0x1111u;
	poison_below(sp0);
	enable_irq(0, 0x40);
	pend_irq(0);
	uint64_t cyc = C->cycles;
	cpu_exc_check(C);
	uint32_t f = (sp0 - 0x68u) & ~7u;
	ck_assert_uint_eq(C->ipsr, 16);
	ck_assert_uint_eq(C->r[13], f);
	ck_assert_uint_eq(C->r[14], 0xffffffe9u);
	ck_assert_uint_eq(C->control & CONTROL_FPCA, 0);
	ck_assert_uint_eq(word(f), 0x1111u);
	ck_assert_uint_eq(word(f + 0x1c) & (1u << 9), 1u << 9);
	ck_assert_uint_eq(C->cycles - cyc, EXC_ENTRY_CYCLES);
	/* Only reserved: the FP slots still hold the pattern. */
	for (uint32_t a = f + 0x20; a < f + 0x68; a += 4)
		ck_assert_uint_eq(word(a), 0x5a5a0000u | (a & 0xffffu));
	ck_assert_uint_eq(rd(FPCAR), f + 0x20);
	ck_assert_uint_eq(rd(FPCCR), 0xc0000000u | FPCCR_LSPACT | FPCCR_THREAD | FPCCR_HFRDY);
}
END_TEST

/* The RDY bits and USER say what the interrupted code could have done. */
START_TEST(lazy_reservation_records_privilege_and_priorities)
{
	wr(SHCSR, (1u << 16) | (1u << 17)); /* MemManage, BusFault enabled */
	wr(0xe000ed18u, 0x00002000u);       /* MemManage 0x00, BusFault 0x20 */
	C->basepri = 0x20;                  /* BusFault masked, MemManage not */
	enable_irq(0, 0x00);
	pend_irq(0);
	cpu_msr(C, 20, 0, CONTROL_FPCA | 1u); /* unprivileged Thread mode */
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16);
	ck_assert_uint_eq(rd(FPCCR), 0xc0000000u | FPCCR_LSPACT | FPCCR_USER | FPCCR_THREAD |
					     FPCCR_HFRDY | FPCCR_MMRDY);

	/* From a handler at priority 0x40 with DebugMonitor enabled above it:
	 * THREAD and USER clear, BFRDY and MONRDY set. */
	cpu_exc_return(C, 0xffffffe9u);
	C->basepri = 0;
	C->control = CONTROL_FPCA;
	wr(0xe000edfcu, DEMCR_MON_EN);
	enable_irq(1, 0x40);
	enable_irq(2, 0x00);
	pend_irq(1);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 17);
	C->control |= CONTROL_FPCA; /* the handler used the FPU */
	pend_irq(2);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 18);
	ck_assert_uint_eq(C->r[14], 0xffffffe1u);
	ck_assert_uint_eq(rd(FPCCR), 0xc0000000u | FPCCR_LSPACT | FPCCR_HFRDY | FPCCR_MMRDY |
					     FPCCR_BFRDY | FPCCR_MONRDY);
}
END_TEST

/* The handler never used the FPU: the return clears LSPACT, reads no FP
 * word and leaves the registers as they are. */
START_TEST(return_with_lspact_set_reads_no_fp_words)
{
	uint32_t sp0 = STACK_TOP;
	C->r[13] = sp0;
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	uint32_t f = C->r[13];
	ck_assert_uint_eq(f, sp0 - 0x68u);
	C->s[3] = 0x12345678u; /* what the registers hold stays */
	uint64_t cyc = C->cycles;
	cpu_exc_return(C, 0xffffffe9u);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert_uint_eq(C->r[13], sp0);
	ck_assert_uint_eq(C->s[3], 0x12345678u);
	ck_assert_uint_eq(C->fpscr, 0x80000010u);
	ck_assert_uint_eq(rd(FPCCR) & FPCCR_LSPACT, 0);
	ck_assert_uint_eq(C->control & CONTROL_FPCA, CONTROL_FPCA);
	ck_assert_uint_eq(C->cycles - cyc, EXC_RETURN_CYCLES);
}
END_TEST

/* The handler's first FP instruction preserves the Thread context in the
 * reserved slots; the return reads it back. */
START_TEST(lazy_preservation_then_unstacking)
{
	uint32_t sp0 = STACK_TOP - 4;
	C->r[13] = sp0;
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	uint32_t f = C->r[13];
	uint64_t cyc = C->cycles;
	ck_assert(cpu_fp_preserve(C, IRQ_HANDLER(0)));
	ck_assert_uint_eq(C->cycles - cyc, EXC_FP_CYCLES);
	ck_assert_uint_eq(rd(FPCCR) & FPCCR_LSPACT, 0);
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(word(f + 0x20 + 4 * i), 0x3f800000u + 0x1000u * i);
	ck_assert_uint_eq(word(f + 0x60), 0x80000010u);
	/* The handler's own FP values. */
	for (unsigned i = 0; i < 32; i++)
		C->s[i] = ~0u - i;
	C->fpscr = 0x03c00000u;
	C->control |= CONTROL_FPCA;
	cyc = C->cycles;
	cpu_exc_return(C, 0xffffffe9u);
	ck_assert_uint_eq(C->r[13], sp0);
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(C->s[i], 0x3f800000u + 0x1000u * i);
	/* S16-S31 are callee-saved: the frame does not hold them. */
	ck_assert_uint_eq(C->s[16], ~0u - 16);
	ck_assert_uint_eq(C->fpscr, 0x80000010u);
	ck_assert_uint_eq(C->control & CONTROL_FPCA, CONTROL_FPCA);
	ck_assert_uint_eq(C->cycles - cyc, EXC_RETURN_CYCLES + EXC_FP_CYCLES);
}
END_TEST

START_TEST(lspen_clear_stacks_the_fp_words)
{
	wr(FPCCR, FPCCR_ASPEN);
	C->r[13] = STACK_TOP;
	enable_irq(0, 0x40);
	pend_irq(0);
	uint64_t cyc = C->cycles;
	cpu_exc_check(C);
	uint32_t f = C->r[13];
	ck_assert_uint_eq(f, STACK_TOP - 0x68u);
	ck_assert_uint_eq(C->cycles - cyc, EXC_ENTRY_CYCLES + EXC_FP_CYCLES);
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(word(f + 0x20 + 4 * i), 0x3f800000u + 0x1000u * i);
	ck_assert_uint_eq(word(f + 0x60), 0x80000010u);
	ck_assert_uint_eq(rd(FPCCR), FPCCR_ASPEN);
	C->s[0] = 0;
	cpu_exc_return(C, 0xffffffe9u);
	ck_assert_uint_eq(C->s[0], 0x3f800000u);
	ck_assert_uint_eq(C->r[13], STACK_TOP);
}
END_TEST

START_TEST(basic_frame_without_fp_context)
{
	C->control &= ~CONTROL_FPCA;
	C->r[13] = STACK_TOP;
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->r[13], STACK_TOP - 0x20u);
	ck_assert_uint_eq(C->r[14], 0xfffffff9u);
	ck_assert_uint_eq(rd(FPCCR), 0xc0000000u);
	cpu_exc_return(C, 0xfffffff9u);
	ck_assert_uint_eq(C->r[13], STACK_TOP);
	ck_assert_uint_eq(C->control & CONTROL_FPCA, 0);
}
END_TEST

START_TEST(tail_chain_keeps_the_frame_type)
{
	enable_irq(0, 0x40);
	enable_irq(1, 0x80);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->r[14], 0xffffffe9u);
	pend_irq(1);
	C->control |= CONTROL_FPCA; /* the first handler used the FPU */
	cpu_exc_return(C, 0xffffffe9u);
	ck_assert_uint_eq(C->ipsr, 17);
	ck_assert_uint_eq(C->r[14], 0xffffffe9u);
	ck_assert_uint_eq(C->control & CONTROL_FPCA, 0);
	cpu_exc_return(C, 0xffffffe9u);
	ck_assert_uint_eq(C->ipsr, 0);
	ck_assert_uint_eq(C->r[13], STACK_TOP);
}
END_TEST

START_TEST(fp_exc_return_without_fpu_is_invpc)
{
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->r[14], 0xfffffff9u);
	cpu_exc_return(C, 0xffffffe9u);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(rd(CFSR), 1u << FAULT_INVPC);
	/* Tail-chained on the frame still on the stack, bit 4 kept. */
	ck_assert_uint_eq(C->r[14], 0xffffffe9u);
}
END_TEST

/* Lazy preservation into a frame whose FP part lies past the end of the
 * SRAM: bus errors, BFSR.LSPERR, and the BusFault taken before the FP
 * instruction, LSPACT still set. */
START_TEST(lazy_preservation_bus_error_is_lsperr)
{
	wr(SHCSR, 1u << 17);
	wr(0xe000ed18u, 0x00002000u); /* BusFault 0x20 */
	C->r[13] = 0x20010000u + 0x48u; /* basic part in the SRAM, FP part not */
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, 16);
	ck_assert_uint_eq(rd(CFSR), 0);
	ck_assert_uint_eq(rd(FPCAR), 0x20010000u);
	ck_assert(rd(FPCCR) & FPCCR_BFRDY);
	uint32_t pc = IRQ_HANDLER(0) + 4;
	ck_assert(!cpu_fp_preserve(C, pc));
	ck_assert_uint_eq(C->ipsr, EXC_BUSFAULT);
	ck_assert_uint_eq(rd(CFSR), 1u << FAULT_LSPERR);
	ck_assert_uint_eq(rd(HFSR), 0);
	ck_assert(rd(FPCCR) & FPCCR_LSPACT);
	ck_assert_uint_eq(word(C->r[13] + 0x18), pc); /* re-executed on return */
}
END_TEST

/* BusFault disabled when the frame was reserved: escalated to HardFault. */
START_TEST(lazy_preservation_fault_escalates_per_rdy_bits)
{
	C->r[13] = 0x20010000u + 0x48u;
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert_uint_eq(rd(FPCCR) & (FPCCR_BFRDY | FPCCR_HFRDY), FPCCR_HFRDY);
	wr(SHCSR, 1u << 17); /* enabling it now changes nothing */
	ck_assert(!cpu_fp_preserve(C, IRQ_HANDLER(0)));
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(rd(CFSR), 1u << FAULT_LSPERR);
	ck_assert_uint_eq(rd(HFSR), HFSR_FORCED);
}
END_TEST

/* A fault that may not preempt yet is pended; the instruction goes on. */
START_TEST(lazy_preservation_fault_pended_when_masked)
{
	wr(SHCSR, 1u << 17);
	wr(0xe000ed18u, 0x00008000u); /* BusFault 0x80, below the IRQ */
	C->r[13] = 0x20010000u + 0x48u;
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	ck_assert(rd(FPCCR) & FPCCR_BFRDY);
	ck_assert(cpu_fp_preserve(C, IRQ_HANDLER(0)));
	ck_assert_uint_eq(C->ipsr, 16);
	ck_assert_uint_eq(rd(FPCCR) & FPCCR_LSPACT, 0);
	ck_assert(rd(SHCSR) & (1u << 14)); /* BUSFAULTPENDED */
	ck_assert_uint_eq(rd(CFSR), 1u << FAULT_LSPERR);
}
END_TEST

/* The frame was reserved at priority -1 (FAULTMASK): HFRDY clear, and a
 * fault during its preservation is a lockup. */
START_TEST(lazy_preservation_fault_without_hfrdy_locks_up)
{
	C->r[13] = 0x20010000u + 0x48u;
	C->faultmask = 1;
	wr(0xe000ed04u, 1u << 31); /* NMI */
	cpu_exc_check(C);
	ck_assert_uint_eq(C->ipsr, EXC_NMI);
	ck_assert_uint_eq(rd(FPCCR) & FPCCR_HFRDY, 0);
	ck_assert(!cpu_fp_preserve(C, SYS_HANDLER(EXC_NMI)));
	ck_assert(C->locked_up);
	ck_assert_ptr_nonnull(strstr(C->lockup_reason, "lazy FP state preservation"));
}
END_TEST

/* A return through an extended frame whose FP words are unreadable. */
START_TEST(fp_unstacking_error_is_unstkerr)
{
	wr(FPCCR, FPCCR_ASPEN); /* nothing lazy: the return reads the words */
	C->r[13] = STACK_TOP;
	enable_irq(0, 0x40);
	pend_irq(0);
	cpu_exc_check(C);
	uint32_t f = C->r[13];
	/* Move the frame so that its FP part runs past the SRAM. */
	uint32_t nf = 0x20010000u - 0x20u;
	for (unsigned i = 0; i < 8; i++)
		wr(nf + 4 * i, word(f + 4 * i));
	C->r[13] = nf;
	cpu_exc_return(C, 0xffffffe9u);
	ck_assert_uint_eq(C->ipsr, EXC_HARDFAULT);
	ck_assert_uint_eq(rd(CFSR), 1u << FAULT_UNSTKERR);
	ck_assert_uint_eq(C->r[14], 0xffffffe9u);
}
END_TEST

static Suite *exc_suite(void)
{
	Suite *s = suite_create("cpu_exc");
	TCase *t = tcase_create("exceptions");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, reset_loads_sp_pc_lr_from_vectors);
	tcase_add_test(t, reset_without_vector_table_locks_up);
	tcase_add_test(t, reset_vector_without_thumb_bit_is_invstate_hardfault);
	tcase_add_test(t, irq_entry_stacks_aligned_frame_and_return_restores);
	tcase_add_test(t, aligned_sp_leaves_frame_bit9_clear);
	tcase_add_test(t, level_line_repends_while_high);
	tcase_add_test(t, thread_on_psp_stacks_on_psp);
	tcase_add_test(t, higher_priority_preempts_lower_does_not);
	tcase_add_test(t, prigroup_splits_group_and_subpriority);
	tcase_add_test(t, subpriority_then_number_orders_pending);
	tcase_add_test(t, tail_chain_skips_unstacking);
	tcase_add_test(t, irq_entries_are_traced);
	tcase_add_test(t, irq_latency_from_line_edges);
	tcase_add_test(t, masks_block_preemption);
	tcase_add_test(t, unprivileged_mask_writes_are_ignored);
	tcase_add_test(t, disabled_fault_escalates_to_forced_hardfault);
	tcase_add_test(t, enabled_fault_is_taken_with_status);
	tcase_add_test(t, fault_in_hardfault_locks_up);
	tcase_add_test(t, fault_with_faultmask_locks_up);
	tcase_add_test(t, bkpt_without_debugger_is_debugevt);
	tcase_add_test(t, svc_taken_or_escalated);
	tcase_add_test(t, invalid_exc_return_is_invpc);
	tcase_add_test(t, return_to_thread_with_active_exceptions_needs_nonbasethrdena);
	tcase_add_test(t, vector_fetch_error_is_vecttbl_hardfault);
	tcase_add_test(t, stacking_error_is_stkerr);
	tcase_add_test(t, stacking_error_with_busfault_enabled);
	tcase_add_test(t, unstacking_error_is_unstkerr);
	tcase_add_test(t, nvic_registers);
	tcase_add_test(t, stir_pends_interrupt);
	tcase_add_test(t, aircr_needs_vectkey_and_requests_reset);
	tcase_add_test(t, icsr_pends_pendsv_and_systick);
	tcase_add_test(t, wfi_sleeps_and_wakes_regardless_of_primask);
	tcase_add_test(t, wfe_event_register_and_sevonpend);
	tcase_add_test(t, sleeponexit_sleeps_on_return_to_thread);
	tcase_add_test(t, control_spsel_and_faultmask_rules);
	tcase_add_test(t, fp_registers_raz_wi_without_fpu);
	tcase_add_test(t, fp_exc_return_without_fpu_is_invpc);
	suite_add_tcase(s, t);

	TCase *st = tcase_create("systick_dwt_scb");
	tcase_add_checked_fixture(st, setup, teardown);
	tcase_add_test(st, systick_fires_at_the_right_time);
	tcase_add_test(st, systick_reference_clock_and_calib);
	tcase_add_test(st, systick_reference_clock_with_fractional_period);
	tcase_add_test(st, systick_countflag_without_tickint_needs_no_events);
	tcase_add_test(st, systick_follows_core_frequency_change);
	tcase_add_test(st, dwt_cyccnt_counts_core_cycles);
	tcase_add_test(st, dwt_m7_software_lock);
	tcase_add_test(st, scb_misc_registers);
	suite_add_tcase(s, st);

	TCase *fp = tcase_create("fp_context");
	tcase_add_checked_fixture(fp, setup_fp, teardown);
	tcase_add_test(fp, fp_registers_reset_values_and_writable_bits);
	tcase_add_test(fp, control_fpca_through_mrs_msr);
	tcase_add_test(fp, extended_frame_lazy_reservation);
	tcase_add_test(fp, lazy_reservation_records_privilege_and_priorities);
	tcase_add_test(fp, return_with_lspact_set_reads_no_fp_words);
	tcase_add_test(fp, lazy_preservation_then_unstacking);
	tcase_add_test(fp, lspen_clear_stacks_the_fp_words);
	tcase_add_test(fp, basic_frame_without_fp_context);
	tcase_add_test(fp, tail_chain_keeps_the_frame_type);
	tcase_add_test(fp, lazy_preservation_bus_error_is_lsperr);
	tcase_add_test(fp, lazy_preservation_fault_escalates_per_rdy_bits);
	tcase_add_test(fp, lazy_preservation_fault_pended_when_masked);
	tcase_add_test(fp, lazy_preservation_fault_without_hfrdy_locks_up);
	tcase_add_test(fp, fp_unstacking_error_is_unstkerr);
	suite_add_tcase(s, fp);
	return s;
}

int main(void)
{
	return check_run(exc_suite());
}
