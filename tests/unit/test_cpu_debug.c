/*
 * The core's debug support (cpu/debug.c), as the gdb stub uses it:
 * breakpoints stop before their instruction and let it run on resume,
 * a step runs one instruction, watchpoints stop after the access that
 * matches their kind, and none of them changes the run: registers, memory,
 * cycles and the instruction count at the end are those of a run without
 * a debugger, on both timing models. The debugger's register writes keep
 * what the architecture keeps (SP alignment, banked SPs, the T bit).
 *
 * The sequence (bytes from arm-none-eabi-as):
 *   0x100 movs r0, #0        0x110 ldr r3, [r2, #0]
 *   0x102 movs r1, #5        0x112 bkpt #0
 *   0x104 adds r0, r0, r1   (loop)
 *   0x106 subs r1, #1
 *   0x108 bne 0x104
 *   0x10a movs r2, #1
 *   0x10c lsls r2, r2, #29   (r2 = 0x20000000)
 *   0x10e str r0, [r2, #0]
 */
#include <check.h>
#include <stdlib.h>

#include "cpu/cpu_int.h"
#include "check_run.h"

#define CODE_BASE 0x100u
#define STACK_TOP 0x20008000u

static const uint16_t code[] = {
	0x2000, 0x2105, 0x1840, 0x3901, 0xd1fc, 0x2201, 0x0752, 0x6010, 0x6813, 0xbe00,
};

static struct bus bus;
static struct sched sch;
static struct cpu *cpu;

static bool test_bkpt(void *opaque, struct cpu *c, unsigned imm)
{
	cpu_request_stop(c);
	return true;
}

static void setup_model(enum cpu_timing timing)
{
	struct err e;
	uint32_t vec[16];
	ck_assert_int_eq(bus_init(&bus), 0);
	sched_init(&sch);
	ck_assert_int_ge(bus_add_ram(&bus, "code", 0, 0x10000, false), 0);
	ck_assert_int_ge(bus_add_ram(&bus, "sram", 0x20000000, 0x10000, false), 0);
	ck_assert_int_ge(bus_add_ram(&bus, "flash", 0x10000000, 0x1000, true), 0);
	vec[0] = STACK_TOP;
	vec[1] = CODE_BASE | 1;
	for (int i = 2; i < 16; i++)
		vec[i] = 0x41;
	bus_load(&bus, 0, vec, sizeof vec);
	ck_assert_int_eq(bus_load(&bus, CODE_BASE, code, sizeof code), BUS_OK);
	struct cpu_config cfg = { .freq_hz = 100000000, .num_irq = 32, .prio_bits = 3,
				  .cpuid = 0x410fc241, .timing = timing };
	struct cpu_hooks hooks = { .bkpt = test_bkpt, .opaque = NULL };
	cpu = cpu_create(&sch, &bus, &cfg, &hooks, &e);
	ck_assert_msg(cpu != NULL, "%s", e.msg);
	cpu_core_reset(cpu);
}

static void setup(void)
{
	setup_model(CPU_TIMING_M3);
}

static void teardown(void)
{
	cpu_destroy(cpu);
	bus_free(&bus);
	sched_free(&sch);
}

/* Run until the core stops for the debugger or the sequence's BKPT. */
static enum cpu_state run(void)
{
	for (int i = 0; i < 1000; i++) {
		enum cpu_state st = cpu_run(cpu, sched_now(&sch) + PS_PER_MS);
		if (st != CPU_RUNNING)
			return st;
		sched_run_until(&sch, sched_now(&sch));
	}
	ck_abort_msg("sequence did not finish");
	return CPU_RUNNING;
}

struct end {
	uint32_t r[4], pc, mem;
	uint64_t cycles, insns;
};

static void end_state(struct end *e)
{
	for (unsigned i = 0; i < 4; i++)
		e->r[i] = cpu_reg(cpu, i);
	e->pc = cpu_reg(cpu, 15);
	ck_assert_int_eq(bus_peek(&bus, 0x20000000, &e->mem, 4), BUS_OK);
	e->cycles = cpu_cycles(cpu);
	e->insns = cpu_insns(cpu);
}

static void same_end(const struct end *a, const struct end *b)
{
	for (unsigned i = 0; i < 4; i++)
		ck_assert_uint_eq(a->r[i], b->r[i]);
	ck_assert_uint_eq(a->pc, b->pc);
	ck_assert_uint_eq(a->mem, b->mem);
	ck_assert_uint_eq(a->cycles, b->cycles);
	ck_assert_uint_eq(a->insns, b->insns);
}

/* The sequence straight through, on a fresh core of the same model. */
static void reference(enum cpu_timing timing, struct end *e)
{
	teardown();
	setup_model(timing);
	ck_assert_int_eq(run(), CPU_STOPPED);
	end_state(e);
	ck_assert_uint_eq(e->r[0], 15);
	ck_assert_uint_eq(e->mem, 15);
	ck_assert_uint_eq(e->r[3], 15);
	teardown();
	setup_model(timing);
}

START_TEST(test_breakpoint_stops_before_and_resumes)
{
	struct cpu_debug_stop why;
	ck_assert_int_eq(cpu_debug_break(cpu, 0x104, CPU_BP_SW, true), 0);
	ck_assert_int_eq(cpu_debug_break(cpu, 0x10f, CPU_BP_HW, true), 0); /* Thumb bit dropped */
	for (unsigned k = 5; k >= 1; k--) {
		cpu_debug_resume(cpu, false);
		ck_assert_int_eq(run(), CPU_DEBUG);
		cpu_debug_why(cpu, &why);
		ck_assert_int_eq(why.reason, CPU_STOP_BREAK);
		ck_assert_int_eq(why.bp, CPU_BP_SW);
		ck_assert_uint_eq(cpu_reg(cpu, 15), 0x104);
		ck_assert_uint_eq(cpu_reg(cpu, 1), k); /* the add of this turn not run yet */
	}
	cpu_debug_resume(cpu, false);
	ck_assert_int_eq(run(), CPU_DEBUG);
	cpu_debug_why(cpu, &why);
	ck_assert_int_eq(why.bp, CPU_BP_HW);
	ck_assert_uint_eq(cpu_reg(cpu, 15), 0x10e);
	ck_assert_uint_eq(cpu_reg(cpu, 0), 15);
	ck_assert_int_eq(cpu_debug_break(cpu, 0x104, CPU_BP_SW, false), 0);
	ck_assert_int_eq(cpu_debug_break(cpu, 0x10e, CPU_BP_HW, false), 0);
	cpu_debug_resume(cpu, false);
	ck_assert_int_eq(run(), CPU_STOPPED);
}
END_TEST

START_TEST(test_step_runs_one_instruction)
{
	struct cpu_debug_stop why;
	uint64_t n = cpu_insns(cpu);
	cpu_debug_resume(cpu, true);
	ck_assert_int_eq(run(), CPU_DEBUG);
	cpu_debug_why(cpu, &why);
	ck_assert_int_eq(why.reason, CPU_STOP_STEP);
	ck_assert_uint_eq(cpu_insns(cpu), n + 1);
	ck_assert_uint_eq(cpu_reg(cpu, 15), 0x102);
	cpu_debug_resume(cpu, true);
	ck_assert_int_eq(run(), CPU_DEBUG);
	ck_assert_uint_eq(cpu_reg(cpu, 15), 0x104);
	ck_assert_uint_eq(cpu_reg(cpu, 1), 5);
}
END_TEST

/* Breakpoints, steps and watchpoints all the way through change nothing,
 * on either timing model (the Cortex-M7's dual issue included). */
static void stepped_run_is_the_same(enum cpu_timing timing)
{
	struct end ref, got;
	reference(timing, &ref);
	ck_assert_int_eq(cpu_debug_break(cpu, 0x106, CPU_BP_SW, true), 0);
	ck_assert_int_eq(cpu_debug_watch(cpu, 0x20000000, 4, CPU_WATCH_ACCESS, true), 0);
	unsigned stops = 0;
	bool step = false;
	for (;;) {
		cpu_debug_resume(cpu, step);
		enum cpu_state st = run();
		if (st == CPU_STOPPED)
			break;
		ck_assert_int_eq(st, CPU_DEBUG);
		step = ++stops % 3 == 0;
	}
	ck_assert_uint_ge(stops, 7);
	end_state(&got);
	same_end(&ref, &got);
}

START_TEST(test_nothing_changes_m3)
{
	stepped_run_is_the_same(CPU_TIMING_M3);
}
END_TEST

START_TEST(test_nothing_changes_m7)
{
	stepped_run_is_the_same(CPU_TIMING_M7);
}
END_TEST

START_TEST(test_watchpoints_by_kind)
{
	struct cpu_debug_stop why;
	/* A read watchpoint does not see the store, only the load after it. */
	ck_assert_int_eq(cpu_debug_watch(cpu, 0x20000002, 1, CPU_WATCH_READ, true), 0);
	cpu_debug_resume(cpu, false);
	ck_assert_int_eq(run(), CPU_DEBUG);
	cpu_debug_why(cpu, &why);
	ck_assert_int_eq(why.reason, CPU_STOP_WATCH);
	ck_assert_int_eq(why.watch, CPU_WATCH_READ);
	ck_assert_uint_eq(why.addr, 0x20000002);
	ck_assert_uint_eq(cpu_reg(cpu, 15), 0x112); /* after the LDR */
	ck_assert_uint_eq(cpu_reg(cpu, 3), 15);
	cpu_debug_clear(cpu);
	/* A write watchpoint stops after the store, the value stored. */
	teardown();
	setup();
	ck_assert_int_eq(cpu_debug_watch(cpu, 0x20000000, 4, CPU_WATCH_WRITE, true), 0);
	cpu_debug_resume(cpu, false);
	ck_assert_int_eq(run(), CPU_DEBUG);
	cpu_debug_why(cpu, &why);
	ck_assert_int_eq(why.watch, CPU_WATCH_WRITE);
	ck_assert_uint_eq(why.addr, 0x20000000);
	ck_assert_uint_eq(cpu_reg(cpu, 15), 0x110);
	uint32_t v = 0;
	ck_assert_int_eq(cpu_debug_read(cpu, 0x20000000, &v, 4), 0);
	ck_assert_uint_eq(v, 15);
	/* Removed, the run goes on to its end. */
	ck_assert_int_eq(cpu_debug_watch(cpu, 0x20000000, 4, CPU_WATCH_WRITE, false), 0);
	cpu_debug_resume(cpu, false);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_int_eq(cpu_debug_watch(cpu, 0xffffffff, 2, CPU_WATCH_WRITE, true), -1);
}
END_TEST

START_TEST(test_register_writes)
{
	cpu_debug_set_reg(cpu, 13, 0x20001003);
	ck_assert_uint_eq(cpu_reg(cpu, 13), 0x20001000);
	ck_assert_uint_eq(cpu_debug_sysreg(cpu, CPU_MSP), 0x20001000);
	cpu_debug_set_reg(cpu, 15, 0x105);
	ck_assert_uint_eq(cpu_reg(cpu, 15), 0x104);
	/* SPSEL in Thread mode: sp is PSP, MSP kept aside. */
	cpu_debug_set_sysreg(cpu, CPU_PSP, 0x20002006);
	cpu_debug_set_sysreg(cpu, CPU_CONTROL, 2);
	ck_assert_uint_eq(cpu_debug_sysreg(cpu, CPU_CONTROL), 2);
	ck_assert_uint_eq(cpu_reg(cpu, 13), 0x20002004);
	ck_assert_uint_eq(cpu_debug_sysreg(cpu, CPU_MSP), 0x20001000);
	cpu_debug_set_sysreg(cpu, CPU_CONTROL, 0);
	ck_assert_uint_eq(cpu_reg(cpu, 13), 0x20001000);
	/* Flags and IT written, T stays set and IPSR stays 0. */
	cpu_debug_set_xpsr(cpu, 0x80000005);
	ck_assert_uint_eq(cpu_xpsr(cpu), 0x81000000);
	cpu_debug_set_sysreg(cpu, CPU_BASEPRI, 0xff);
	ck_assert_uint_eq(cpu_debug_sysreg(cpu, CPU_BASEPRI), 0xe0); /* 3 priority bits */
	cpu_debug_set_sysreg(cpu, CPU_PRIMASK, 3);
	ck_assert_uint_eq(cpu_debug_sysreg(cpu, CPU_PRIMASK), 1);
}
END_TEST

/* The FP registers gdb's vfp feature reads and writes: raw S0-S31 bits,
 * FPSCR's implemented bits, CONTROL.FPCA; nothing without an FPU. */
START_TEST(test_fp_register_access)
{
	ck_assert(!cpu_has_fpu(cpu));
	cpu_set_fp_reg(cpu, 3, 0x3fc00000u);
	ck_assert_uint_eq(cpu_fp_reg(cpu, 3), 0);
	cpu_set_fp_reg(cpu, CPU_FP_FPSCR, ~0u);
	ck_assert_uint_eq(cpu_fp_reg(cpu, CPU_FP_FPSCR), 0);
	cpu_debug_set_sysreg(cpu, CPU_CONTROL, 4);
	ck_assert_uint_eq(cpu_debug_sysreg(cpu, CPU_CONTROL), 0);

	cpu->cfg.fpu = CPU_FPU_V4_SP;
	ck_assert(cpu_has_fpu(cpu));
	for (unsigned i = 0; i < 32; i++)
		cpu_set_fp_reg(cpu, i, 0x40000000u + i);
	for (unsigned i = 0; i < 32; i++)
		ck_assert_uint_eq(cpu->s[i], 0x40000000u + i);
	ck_assert_uint_eq(cpu_fp_reg(cpu, 31), 0x4000001fu);
	cpu_set_fp_reg(cpu, CPU_FP_FPSCR, ~0u);
	ck_assert_uint_eq(cpu_fp_reg(cpu, CPU_FP_FPSCR), 0xf7c0009fu);
	cpu_set_fp_reg(cpu, CPU_FP_FPSCR + 1, 1); /* past the end: ignored */
	ck_assert_uint_eq(cpu_fp_reg(cpu, CPU_FP_FPSCR + 1), 0);
	cpu_debug_set_sysreg(cpu, CPU_CONTROL, 4);
	ck_assert_uint_eq(cpu_debug_sysreg(cpu, CPU_CONTROL), 4);
	ck_assert_uint_eq(cpu->control, 4);
}
END_TEST

START_TEST(test_flash_writes_for_the_debugger_only)
{
	uint32_t v = 0x12345678, back = 0;
	ck_assert_int_eq(cpu_debug_write(cpu, 0x10000000, &v, 4), -1);
	ck_assert_int_eq(cpu_debug_load(cpu, 0x10000000, &v, 4), 0);
	ck_assert_int_eq(cpu_debug_read(cpu, 0x10000000, &back, 4), 0);
	ck_assert_uint_eq(back, v);
	ck_assert_int_eq(cpu_debug_load(cpu, 0x30000000, &v, 4), -1);
}
END_TEST

static Suite *debug_suite(void)
{
	Suite *s = suite_create("cpu_debug");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_breakpoint_stops_before_and_resumes);
	tcase_add_test(tc, test_step_runs_one_instruction);
	tcase_add_test(tc, test_nothing_changes_m3);
	tcase_add_test(tc, test_nothing_changes_m7);
	tcase_add_test(tc, test_watchpoints_by_kind);
	tcase_add_test(tc, test_register_writes);
	tcase_add_test(tc, test_fp_register_access);
	tcase_add_test(tc, test_flash_writes_for_the_debugger_only);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(debug_suite());
}
