/*
 * The host never crashes: random 32-bit words executed as code.
 *
 * Each round fills code memory (writable, so random stores also rewrite
 * code and exercise decode-cache invalidation) and the vector table with
 * random words, resets the core and runs it, with a device that answers
 * MMIO with random data and a timer that toggles interrupt lines. Whatever
 * the words do, the outcome must be architectural: the run ends in one of
 * the core's states, and the architectural invariants hold (PC halfword
 * aligned, SP word aligned, IPSR a real exception number, a well-formed IT
 * state). Built with AddressSanitizer and UBSan, so a host memory error or
 * undefined behaviour fails the test too.
 *
 * The core has the Cortex-M7's double-precision FPU with CP10/CP11 access
 * granted at each reset, and one word in eight is forced into the FP
 * encoding space (coprocessors 10 and 11, conditional and unconditional),
 * which uniform words hit too rarely to explore.
 *
 * PMSIM_FUZZ_INSNS (default 10^7) sets how many instructions to run,
 * PMSIM_FUZZ_SEED (default 1) the seed; both are printed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu_int.h"

#define CODE_SIZE 0x10000u
#define SRAM_BASE 0x20000000u
#define SRAM_SIZE 0x10000u
#define MMIO_BASE 0x40000000u
#define NUM_IRQ 32

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: deterministic for a given seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1Dull;
}

static int mmio_read(void *opaque, uint32_t off, unsigned size, uint32_t *val)
{
	(void)opaque;
	if (off >= 0x100)
		return BUS_ERR_DEVICE;
	*val = (uint32_t)rnd();
	return BUS_OK;
}

static int mmio_write(void *opaque, uint32_t off, unsigned size, uint32_t val)
{
	(void)opaque;
	(void)val;
	return off >= 0x100 ? BUS_ERR_DEVICE : BUS_OK;
}

static const struct bus_ops mmio_ops = {
	.name = "random", .sizes = BUS_SIZES_ALL, .read = mmio_read, .write = mmio_write,
};

static bool on_bkpt(void *opaque, struct cpu *c, unsigned imm)
{
	(void)opaque;
	(void)c;
	return imm == 0xab; /* semihosting calls are ignored */
}

struct irq_timer {
	struct sched_event ev;
	struct sched *s;
	struct cpu *cpu;
	unsigned toggles;
};

static void irq_tick(struct sched_event *ev, simtime_t now)
{
	struct irq_timer *t = container_of(ev, struct irq_timer, ev);
	struct irq_line l = cpu_irq_line(t->cpu, (unsigned)(rnd() % NUM_IRQ));
	irq_set(&l, (int)(rnd() & 1));
	t->toggles++;
	sched_schedule(t->s, ev, now + 1000000 + rnd() % 20000000);
}

static void check_invariants(const struct cpu *c, uint64_t round)
{
	const char *bad = NULL;
	if (c->pc & 1)
		bad = "PC not halfword aligned";
	else if (c->r[13] & 3)
		bad = "SP not word aligned";
	else if (c->ipsr >= 16 + NUM_IRQ || c->ipsr == 7 || c->ipsr == 8)
		bad = "IPSR is not an exception number";
	else if ((c->itstate & 0xf) == 0 && c->itstate != 0)
		bad = "malformed IT state";
	if (bad) {
		fprintf(stderr, "round %" PRIu64 ": %s (pc=0x%08x sp=0x%08x ipsr=%u it=0x%02x)\n",
			round, bad, c->pc, c->r[13], c->ipsr, c->itstate);
		exit(1);
	}
}

int main(void)
{
	const char *env = getenv("PMSIM_FUZZ_INSNS");
	uint64_t target = env ? strtoull(env, NULL, 10) : 10000000ull;
	env = getenv("PMSIM_FUZZ_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 10) : 1;
	rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
	printf("random code: seed %" PRIu64 ", %" PRIu64 " instructions\n", seed, target);

	struct bus bus;
	struct sched s;
	struct err e;
	sched_init(&s);
	if (bus_init(&bus) || bus_add_ram(&bus, "code", 0, CODE_SIZE, false) < 0 ||
	    bus_add_ram(&bus, "sram", SRAM_BASE, SRAM_SIZE, false) < 0 ||
	    bus_add_mmio(&bus, "random", MMIO_BASE, 0x1000, &mmio_ops, NULL) < 0) {
		fprintf(stderr, "cannot build the bus\n");
		return 1;
	}
	struct cpu_config cfg = { .freq_hz = 100000000, .num_irq = NUM_IRQ, .prio_bits = 3,
				  .cpuid = 0x410fc241, .systick_ref_hz = 1000000, .dsp = true,
				  .fpu = CPU_FPU_V5_DP };
	struct cpu_hooks hooks = { .bkpt = on_bkpt };
	struct cpu *c = cpu_create(&s, &bus, &cfg, &hooks, &e);
	if (!c) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	struct irq_timer timer = { .s = &s, .cpu = c };
	sched_event_init(&timer.ev, irq_tick, "irq-timer");
	sched_schedule(&s, &timer.ev, 1000000);

	uint64_t round = 0, counts[5] = { 0 };
	static uint32_t words[CODE_SIZE / 4];
	while (cpu_insns(c) < target) {
		round++;
		for (unsigned i = 0; i < CODE_SIZE / 4; i++) {
			uint32_t w = (uint32_t)rnd();
			/* hw1 111x 11xx xxxx xxxx, hw2 xxxx 101x xxxx xxxx */
			if ((w & 7) == 0)
				w = (w & 0xf1ff13ffu) | 0x0a00ec00u;
			words[i] = w;
		}
		/* Vector table: a stack in SRAM, handlers anywhere in code
		 * (Thumb bit set, mostly). */
		words[0] = SRAM_BASE + SRAM_SIZE - 4 * (uint32_t)(rnd() % 64);
		for (unsigned v = 1; v < 16 + NUM_IRQ; v++)
			words[v] = ((uint32_t)rnd() % CODE_SIZE) | (rnd() % 16 ? 1u : 0u);
		bus_load(&bus, 0, words, sizeof words);
		cpu_core_reset(c);
		c->cpacr = CPACR_CP10_CP11;
		cpu_set_insn_limit(c, cpu_insns(c) + 20000 + rnd() % 200000);
		for (;;) {
			enum cpu_state st = cpu_run(c, sched_now(&s) + 50 * PS_PER_US);
			check_invariants(c, round);
			if (st == CPU_RUNNING) {
				sched_run_until(&s, sched_now(&s));
				continue;
			}
			counts[st]++;
			if (st == CPU_SLEEPING) {
				/* The timer always has an event pending. */
				sched_run_until(&s, sched_next_time(&s));
				if (rnd() % 4)
					continue;
			}
			if (st == CPU_STOPPED)
				cpu_take_reset_request(c);
			break;
		}
	}
	printf("rounds %" PRIu64 ": %" PRIu64 " lockups, %" PRIu64 " sleeps, %" PRIu64
	       " resets/stops, %" PRIu64 " limits; %u interrupt toggles; all architectural\n",
	       round, counts[CPU_LOCKUP], counts[CPU_SLEEPING], counts[CPU_STOPPED],
	       counts[CPU_INSN_LIMIT], timer.toggles);
	cpu_destroy(c);
	bus_free(&bus);
	sched_free(&s);
	return 0;
}
