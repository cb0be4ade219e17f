/*
 * Instruction execution on the ARMv7-M core: small hand-assembled
 * sequences (bytes from arm-none-eabi-as, the source line beside each
 * halfword) run on a bus with RAM at 0 and 0x20000000; the tests check
 * registers, flags, memory, cycles and the time contract of cpu_run.
 *
 * The vector table sends every fault to a handler at 0x40 that executes
 * BKPT #0xF0; the test's BKPT hook records it (with IPSR) and stops the
 * core. BKPT #0 ends a sequence.
 */
#include <check.h>
#include <stdlib.h>

#include "cpu/cpu_int.h"
#include "check_run.h"

#define CODE_BASE 0x100u
#define STACK_TOP 0x20008000u

static struct bus bus;
static struct sched sch;
static struct cpu *cpu;
static bool fault_seen;
static uint32_t fault_ipsr;
static unsigned bkpt_count;

static bool test_bkpt(void *opaque, struct cpu *c, unsigned imm)
{
	bkpt_count++;
	if (imm == 0xf0) {
		fault_seen = true;
		fault_ipsr = c->ipsr;
	}
	cpu_request_stop(c);
	return true;
}

static void setup_model(uint32_t cpuid, enum cpu_timing timing, bool dsp)
{
	struct err e;
	uint32_t vec[16];
	uint16_t handler = 0xbef0; /* bkpt #0xf0 */
	ck_assert_int_eq(bus_init(&bus), 0);
	sched_init(&sch);
	ck_assert_int_ge(bus_add_ram(&bus, "code", 0, 0x10000, false), 0);
	ck_assert_int_ge(bus_add_ram(&bus, "sram", 0x20000000, 0x10000, false), 0);
	vec[0] = STACK_TOP;
	vec[1] = CODE_BASE | 1;
	for (int i = 2; i < 16; i++)
		vec[i] = 0x41;
	bus_load(&bus, 0, vec, sizeof vec);
	bus_load(&bus, 0x40, &handler, 2);
	struct cpu_config cfg = { .freq_hz = 100000000, .num_irq = 32, .prio_bits = 3,
				  .cpuid = cpuid, .dsp = dsp, .timing = timing };
	struct cpu_hooks hooks = { .bkpt = test_bkpt, .opaque = NULL };
	cpu = cpu_create(&sch, &bus, &cfg, &hooks, &e);
	ck_assert_msg(cpu != NULL, "%s", e.msg);
	fault_seen = false;
	fault_ipsr = 0;
	bkpt_count = 0;
}

static void setup(void)
{
	setup_model(0x410fc241, CPU_TIMING_M3, true); /* a Cortex-M4 */
}

static void teardown(void)
{
	cpu_destroy(cpu);
	bus_free(&bus);
	sched_free(&sch);
}

/* Load a sequence at CODE_BASE and reset the core onto it. */
static void load(const uint16_t *code, size_t bytes)
{
	ck_assert_int_eq(bus_load(&bus, CODE_BASE, code, (uint32_t)bytes), BUS_OK);
	cpu_core_reset(cpu);
	ck_assert_uint_eq(cpu_reg(cpu, 15), CODE_BASE);
}

#define LOAD(code) load(code, sizeof code)

/* Run until the sequence's BKPT (or a fault) stops the core. */
static enum cpu_state run(void)
{
	enum cpu_state st;
	for (int i = 0; i < 1000; i++) {
		st = cpu_run(cpu, sched_now(&sch) + PS_PER_MS);
		if (st != CPU_RUNNING)
			return st;
		sched_run_until(&sch, sched_now(&sch));
	}
	ck_abort_msg("sequence did not finish");
	return st;
}

static uint32_t r(unsigned n)
{
	return cpu_reg(cpu, n);
}

static uint32_t mem32(uint32_t a)
{
	uint32_t v = 0;
	ck_assert_int_eq(bus_peek(&bus, a, &v, 4), BUS_OK);
	return v;
}

static void set_mem32(uint32_t a, uint32_t v)
{
	ck_assert_int_eq(bus_load(&bus, a, &v, 4), BUS_OK);
}

static const uint16_t code_dsp[] = {
	0xfa80, 0xf241,/* uadd8 r2, r0, r1 */
	0xfaa0, 0xf381,/* sel r3, r0, r1 */
	0xf3ef, 0x8400,/* mrs r4, CPSR */
	0xfa90, 0xf511,/* qadd16 r5, r0, r1 */
	0xfb20, 0x7601,/* smlad r6, r0, r1, r7 */
	0xfa8a, 0xf889,/* qadd r8, r9, sl */
	0xf3ef, 0x8b00,/* mrs fp, CPSR */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_bkpt_in_it[] = {
	0x2000,        /* movs r0, #0 (Z set) */
	0xbf18,        /* it ne */
	0xbe01,        /* bkpt 0x0001: condition fails, still executes */
	0x2101,        /* movs r1, #1 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_bx_even[] = {
	0x2040,        /* movs r0, #64 @ 0x40 */
	0x4700,        /* bx r0 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_pop_pc[] = {
	0xa002,        /* add r0, pc, #8 @ (adr r0, c <target>) */
	0x3001,        /* adds r0, #1 */
	0xb401,        /* push {r0} */
	0xbd00,        /* pop {pc} */
	0x2101,        /* movs r1, #1 */
	0xbf00,        /* nop */
	0x2202,        /* movs r2, #2 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_msr_apsr[] = {
	0xf04f, 0x4078,/* mov.w r0, #4160749568 @ 0xf8000000 */
	0xf380, 0x8800,/* msr CPSR_f, r0 */
	0xf3ef, 0x8100,/* mrs r1, CPSR */
	0xbe00,        /* bkpt 0x0000 */
};

#define N 0x80000000u
#define Z 0x40000000u
#define C 0x20000000u
#define V 0x10000000u
#define Q 0x08000000u

static const uint16_t code_shift_imm[] = {
	0x0801,        /* lsrs r1, r0, #32 */
	0xf3ef, 0x8200,/* mrs r2, CPSR */
	0x1003,        /* asrs r3, r0, #32 */
	0xf3ef, 0x8400,/* mrs r4, CPSR */
	0xea5f, 0x0530,/* movs.w r5, r0, rrx */
	0xf3ef, 0x8600,/* mrs r6, CPSR */
	0xea4f, 0x1730,/* mov.w r7, r0, ror #4 */
	0xea4f, 0x78c0,/* mov.w r8, r0, lsl #31 */
	0xea4f, 0x0960,/* mov.w r9, r0, asr #1 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_addsub[] = {
	0x1842,        /* adds r2, r0, r1 */
	0xf3ef, 0x8300,/* mrs r3, CPSR */
	0x1a44,        /* subs r4, r0, r1 */
	0xf3ef, 0x8500,/* mrs r5, CPSR */
	0xeb50, 0x0601,/* adcs.w r6, r0, r1 */
	0xf3ef, 0x8700,/* mrs r7, CPSR */
	0xeb70, 0x0801,/* sbcs.w r8, r0, r1 */
	0xf3ef, 0x8900,/* mrs r9, CPSR */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_expand[] = {
	0xf04f, 0x00ab,/* mov.w r0, #171 @ 0xab */
	0xf04f, 0x11ab,/* mov.w r1, #11206827 @ 0xab00ab */
	0xf04f, 0x22ab,/* mov.w r2, #2868947712 @ 0xab00ab00 */
	0xf04f, 0x33ab,/* mov.w r3, #2880154539 @ 0xabababab */
	0xf44f, 0x347f,/* mov.w r4, #261120 @ 0x3fc00 */
	0xf05f, 0x4500,/* movs.w r5, #2147483648 @ 0x80000000 */
	0xf3ef, 0x8600,/* mrs r6, CPSR */
	0xf015, 0x47fe,/* ands.w r7, r5, #2130706432 @ 0x7f000000 */
	0xf3ef, 0x8800,/* mrs r8, CPSR */
	0xf241, 0x2934,/* movw r9, #4660 @ 0x1234 */
	0xf6cf, 0x69dc,/* movt r9, #65244 @ 0xfedc */
	0xf2af, 0x0a30,/* subw sl, pc, #48 @ 0x30 */
	0xf609, 0x7bff,/* addw fp, r9, #4095 @ 0xfff */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_ldm[] = {
	0x4809,        /* ldr r0, [pc, #36] @ (28 <.text+0x28>) */
	0xf04f, 0x0101,/* mov.w r1, #1 */
	0xf04f, 0x0202,/* mov.w r2, #2 */
	0xf04f, 0x0303,/* mov.w r3, #3 */
	0xf04f, 0x0c0c,/* mov.w ip, #12 */
	0xe8a0, 0x100e,/* stmia.w r0!, {r1, r2, r3, ip} */
	0xb50e,        /* push {r1, r2, r3, lr} */
	0xbcf0,        /* pop {r4, r5, r6, r7} */
	0xe930, 0x0f00,/* ldmdb r0!, {r8, r9, sl, fp} */
	0xe92d, 0x000a,/* stmdb sp!, {r1, r3} */
	0xbc06,        /* pop {r1, r2} */
	0xbe00,        /* bkpt 0x0000 */
	0x0000,        /* .short 0x0000 */
	0x0100, 0x2000,/* .word 0x20000100 */
};

static const uint16_t code_ldrd[] = {
	0x4809,        /* ldr r0, [pc, #36] @ (28 <.text+0x28>) */
	0xf04f, 0x3211,/* mov.w r2, #286331153 @ 0x11111111 */
	0xf04f, 0x3322,/* mov.w r3, #572662306 @ 0x22222222 */
	0xe9e0, 0x2302,/* strd r2, r3, [r0, #8]! */
	0xe870, 0x4502,/* ldrd r4, r5, [r0], #-8 */
	0xe9d0, 0x6702,/* ldrd r6, r7, [r0, #8] */
	0xf8b0, 0x800a,/* ldrh.w r8, [r0, #10] */
	0xf930, 0x9c02,/* ldrsh.w r9, [r0, #-2] */
	0xf990, 0xa00b,/* ldrsb.w sl, [r0, #11] */
	0xf8d0, 0xb009,/* ldr.w fp, [r0, #9] */
	0xbe00,        /* bkpt 0x0000 */
	0x0200, 0x2000,/* .word 0x20000200 */
};

static const uint16_t code_tbb[] = {
	0xe8df, 0xf000,/* tbb [pc, r0] */
	0x0402, 0x0806,/* .word 0x08060402 */
	0x210a,        /* movs r1, #10 */
	0xe004,        /* b.n 16 <done> */
	0x210b,        /* movs r1, #11 */
	0xe002,        /* b.n 16 <done> */
	0x210c,        /* movs r1, #12 */
	0xe000,        /* b.n 16 <done> */
	0x210d,        /* movs r1, #13 */
	0xe8df, 0xf013,/* tbh [pc, r3, lsl #1] */
	0x0003,        /* .short 0x0003 */
	0x0005,        /* .short 0x0005 */
	0xbf00,        /* nop */
	0x2214,        /* movs r2, #20 */
	0xe000,        /* b.n 26 <out> */
	0x2215,        /* movs r2, #21 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_cbz[] = {
	0x2100,        /* movs r1, #0 */
	0xb100,        /* cbz r0, 6 <.text+0x6> */
	0x3101,        /* adds r1, #1 */
	0xb900,        /* cbnz r0, a <.text+0xa> */
	0x3102,        /* adds r1, #2 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_excl[] = {
	0x480a,        /* ldr r0, [pc, #40] @ (2c <.text+0x2c>) */
	0xe850, 0x1f00,/* ldrex r1, [r0] */
	0x3101,        /* adds r1, #1 */
	0xe840, 0x1200,/* strex r2, r1, [r0] */
	0x3101,        /* adds r1, #1 */
	0xe840, 0x1300,/* strex r3, r1, [r0] */
	0xe850, 0x4f00,/* ldrex r4, [r0] */
	0xf3bf, 0x8f2f,/* clrex */
	0xe840, 0x1500,/* strex r5, r1, [r0] */
	0xe8d0, 0x6f4f,/* ldrexb r6, [r0] */
	0xe8c0, 0x1f47,/* strexb r7, r1, [r0] */
	0xf8d0, 0x8000,/* ldr.w r8, [r0] */
	0xbe00,        /* bkpt 0x0000 */
	0x0300, 0x2000,/* .word 0x20000300 */
};

static const uint16_t code_sat[] = {
	0xf300, 0x0107,/* ssat r1, #8, r0 */
	0xf3ef, 0x8200,/* mrs r2, CPSR */
	0xf3a0, 0x1308,/* usat r3, #8, r0, asr #4 */
	0xf3ef, 0x8400,/* mrs r4, CPSR */
	0xf300, 0x150f,/* ssat r5, #16, r0, lsl #4 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_bits[] = {
	0xf360, 0x2113,/* bfi r1, r0, #8, #12 */
	0xf36f, 0x120b,/* bfc r2, #4, #8 */
	0xf340, 0x1307,/* sbfx r3, r0, #4, #8 */
	0xf3c0, 0x1407,/* ubfx r4, r0, #4, #8 */
	0xfab0, 0xf580,/* clz r5, r0 */
	0xfa90, 0xf6a0,/* rbit r6, r0 */
	0xba07,        /* rev r7, r0 */
	0xfa90, 0xf890,/* rev16.w r8, r0 */
	0xfa90, 0xf9b0,/* revsh.w r9, r0 */
	0xfa4f, 0xfa90,/* sxtb.w sl, r0, ror #8 */
	0xfa1f, 0xfba0,/* uxth.w fp, r0, ror #16 */
	0xfa0f, 0xfc80,/* sxth.w ip, r0 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_mul[] = {
	0xfb80, 0x2301,/* smull r2, r3, r0, r1 */
	0xfba0, 0x4501,/* umull r4, r5, r0, r1 */
	0xf04f, 0x0601,/* mov.w r6, #1 */
	0xf04f, 0x0701,/* mov.w r7, #1 */
	0xfbc0, 0x6701,/* smlal r6, r7, r0, r1 */
	0xf04f, 0x0805,/* mov.w r8, #5 */
	0xf04f, 0x0900,/* mov.w r9, #0 */
	0xfbe0, 0x8901,/* umlal r8, r9, r0, r1 */
	0xfb00, 0x8a01,/* mla sl, r0, r1, r8 */
	0xfb00, 0x8b11,/* mls fp, r0, r1, r8 */
	0x460b,        /* mov r3, r1 */
	0x4343,        /* muls r3, r0 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_div[] = {
	0xfb90, 0xf2f1,/* sdiv r2, r0, r1 */
	0xfbb0, 0xf3f1,/* udiv r3, r0, r1 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_smc[] = {
	0x2200,        /* movs r2, #0 */
	0xa005,        /* add r0, pc, #20 @ (adr r0, 18 <patch>) */
	0xf000, 0xf808,/* bl 18 <patch> */
	0xb922,        /* cbnz r2, 14 <done> */
	0xf242, 0x1305,/* movw r3, #8453 @ 0x2105 */
	0x8003,        /* strh r3, [r0, #0] */
	0x2201,        /* movs r2, #1 */
	0xe7f7,        /* b.n 4 <loop> */
	0xbe00,        /* bkpt 0x0000 */
	0xbf00,        /* nop */
	0x2107,        /* movs r1, #7 */
	0x4770,        /* bx lr */
};

static const uint16_t code_fault[] = {
	0xde05,        /* udf #5 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_unaligned[] = {
	0x4802,        /* ldr r0, [pc, #8] @ (c <.text+0xc>) */
	0x6801,        /* ldr r1, [r0, #0] */
	0x8842,        /* ldrh r2, [r0, #2] */
	0xe9d0, 0x4500,/* ldrd r4, r5, [r0] */
	0xbe00,        /* bkpt 0x0000 */
	0x0401, 0x2000,/* .word 0x20000401 */
};

static const uint16_t code_call[] = {
	0xf000, 0xf802,/* bl 8 <func> */
	0x3001,        /* adds r0, #1 */
	0xbe00,        /* bkpt 0x0000 */
	0xf04f, 0x0029,/* mov.w r0, #41 @ 0x29 */
	0x4770,        /* bx lr */
};

static const uint16_t code_it_misc[] = {
	0x2000,        /* movs r0, #0 */
	0x2800,        /* cmp r0, #0 */
	0xbf0b,        /* itete eq */
	0x1c41,        /* addeq r1, r0, #1 */
	0x1c81,        /* addne r1, r0, #2 */
	0xf110, 0x0203,/* addseq.w r2, r0, #3 */
	0xf110, 0x0204,/* addsne.w r2, r0, #4 */
	0x1c03,        /* adds r3, r0, #0 */
	0xbe00,        /* bkpt 0x0000 */
};

static const uint16_t code_timing[] = {
	0xe7fe,        /* b.n 0 <.text> */
};

static const uint16_t code_wfi[] = {
	0xbf30,        /* wfi */
	0xbe00,        /* bkpt 0x0000 */
};


/* ---- shifts --------------------------------------------------------- */

struct shift_case {
	unsigned type; /* 0 LSL, 1 LSR, 2 ASR, 3 ROR */
	uint32_t value, amount, cin, result, cout;
};

/* Shifts by register, amounts 0, <32, 32, >32 and >255 (only the bottom
 * byte counts), through the 32-bit (LSLS.W r1, r0, r2) and 16-bit
 * (LSLS r0, r2) encodings. */
START_TEST(test_shift_by_register)
{
	static const struct shift_case cases[] = {
		{ 0, 0x80000001, 0, 1, 0x80000001, 1 },
		{ 0, 0x80000001, 0, 0, 0x80000001, 0 },
		{ 0, 0x80000001, 1, 0, 0x00000002, 1 },
		{ 0, 0x00000001, 32, 0, 0, 1 },
		{ 0, 0x00000001, 33, 1, 0, 0 },
		{ 0, 0x00000003, 0x101, 0, 0x00000006, 0 },
		{ 0, 0x00000003, 0x100, 1, 0x00000003, 1 },
		{ 1, 0x80000000, 32, 0, 0, 1 },
		{ 1, 0x80000000, 33, 1, 0, 0 },
		{ 1, 0x00000003, 1, 0, 1, 1 },
		{ 2, 0x80000000, 32, 0, 0xffffffff, 1 },
		{ 2, 0x80000000, 200, 0, 0xffffffff, 1 },
		{ 2, 0x40000000, 40, 1, 0, 0 },
		{ 2, 0x80000010, 4, 1, 0xf8000001, 0 },
		{ 3, 0x80000001, 32, 0, 0x80000001, 1 },
		{ 3, 0x00000001, 1, 0, 0x80000000, 1 },
		{ 3, 0x12345678, 36, 0, 0x81234567, 1 },
		{ 3, 0x12345678, 0, 1, 0x12345678, 1 },
		{ 3, 0x12345670, 64, 1, 0x12345670, 0 },
	};
	static const uint16_t op16[4] = { 0x4090, 0x40d0, 0x4110, 0x41d0 };
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct shift_case *t = &cases[i];
		for (int wide = 0; wide < 2; wide++) {
			uint16_t code[3] = { op16[t->type], 0xbe00, 0 };
			if (wide) {
				code[0] = (uint16_t)(0xfa10 | (t->type << 5)); /* lsls.w r1, r0, r2 */
				code[1] = 0xf102;
				code[2] = 0xbe00;
			}
			LOAD(code);
			cpu_set_reg(cpu, 0, t->value);
			cpu_set_reg(cpu, 2, t->amount);
			cpu->nzcv = t->cin ? C | V : V;
			ck_assert_int_eq(run(), CPU_STOPPED);
			uint32_t res = r(wide ? 1 : 0);
			ck_assert_msg(res == t->result, "case %u wide %d: %08x", i, wide, res);
			uint32_t want = (t->result & N) | (t->result ? 0 : Z) | (t->cout ? C : 0) | V;
			ck_assert_msg(cpu->nzcv == want, "case %u wide %d flags %08x want %08x",
				      i, wide, cpu->nzcv, want);
		}
	}
}
END_TEST

/* Immediate shift encodings: LSR #32, ASR #32, RRX, ROR/LSL/ASR. */
START_TEST(test_shift_immediate)
{
	LOAD(code_shift_imm);
	cpu_set_reg(cpu, 0, 0x80000001);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 0);
	ck_assert_uint_eq(r(2), Z | C);
	ck_assert_uint_eq(r(3), 0xffffffff);
	ck_assert_uint_eq(r(4), N | C);
	ck_assert_uint_eq(r(5), 0xc0000000); /* RRX shifts the carry in */
	ck_assert_uint_eq(r(6), N | C);
	ck_assert_uint_eq(r(7), 0x18000000);
	ck_assert_uint_eq(r(8), 0x80000000);
	ck_assert_uint_eq(r(9), 0xc0000000);
}
END_TEST

/* ---- add/subtract flags -------------------------------------------- */

START_TEST(test_add_sub_flags)
{
	static const struct {
		uint32_t a, b;
		uint32_t adds, adds_f, subs, subs_f, adcs, adcs_f, sbcs, sbcs_f;
	} cases[] = {
		{ 0x7fffffff, 1, 0x80000000, N | V, 0x7ffffffe, C, 0x80000001, N | V,
		  0x7ffffffd, C },
		{ 0, 1, 1, 0, 0xffffffff, N, 1, 0, 0xfffffffe, N },
		{ 0x80000000, 0x80000000, 0, Z | C | V, 0, Z | C, 1, C | V, 0, Z | C },
		{ 0xffffffff, 0xffffffff, 0xfffffffe, N | C, 0, Z | C, 0xffffffff, N | C,
		  0, Z | C },
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		LOAD(code_addsub);
		cpu_set_reg(cpu, 0, cases[i].a);
		cpu_set_reg(cpu, 1, cases[i].b);
		ck_assert_int_eq(run(), CPU_STOPPED);
		ck_assert_uint_eq(r(2), cases[i].adds);
		ck_assert_uint_eq(r(3), cases[i].adds_f);
		ck_assert_uint_eq(r(4), cases[i].subs);
		ck_assert_uint_eq(r(5), cases[i].subs_f);
		ck_assert_uint_eq(r(6), cases[i].adcs);
		ck_assert_uint_eq(r(7), cases[i].adcs_f);
		ck_assert_uint_eq(r(8), cases[i].sbcs);
		ck_assert_uint_eq(r(9), cases[i].sbcs_f);
	}
}
END_TEST

/* ThumbExpandImm: the four replicated patterns, a rotated constant, and
 * the carry-out of a rotated constant (MOVS sets C, ANDS with an
 * unrotated-bit-31-clear constant clears it); MOVW/MOVT; ADR.W; ADDW. */
START_TEST(test_thumb_expand_imm)
{
	LOAD(code_expand);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(0), 0xab);
	ck_assert_uint_eq(r(1), 0x00ab00ab);
	ck_assert_uint_eq(r(2), 0xab00ab00);
	ck_assert_uint_eq(r(3), 0xabababab);
	ck_assert_uint_eq(r(4), 0x3fc00);
	ck_assert_uint_eq(r(5), 0x80000000);
	ck_assert_uint_eq(r(6), N | C);
	ck_assert_uint_eq(r(7), 0);
	ck_assert_uint_eq(r(8), Z);
	ck_assert_uint_eq(r(9), 0xfedc1234);
	ck_assert_uint_eq(r(10), CODE_BASE);
	ck_assert_uint_eq(r(11), 0xfedc2233);
}
END_TEST

/* ---- IT blocks ------------------------------------------------------ */

static bool ref_cond(unsigned cond, uint32_t f)
{
	bool n = f & N, z = f & Z, c = f & C, v = f & V, res;
	switch (cond >> 1) {
	case 0: res = z; break;
	case 1: res = c; break;
	case 2: res = n; break;
	case 3: res = v; break;
	case 4: res = c && !z; break;
	case 5: res = n == v; break;
	case 6: res = !z && n == v; break;
	default: return true;
	}
	return (cond & 1) ? !res : res;
}

/* ITE <cond> over every condition and every flag combination: the then-
 * instruction runs iff the condition holds, the else-instruction iff it
 * does not, and the 16-bit MOVS encodings inside the block leave the flags
 * alone. */
START_TEST(test_it_every_condition)
{
	for (unsigned cond = 0; cond < 15; cond++) {
		for (uint32_t f = 0; f < 16; f++) {
			uint16_t mask = (uint16_t)(((~cond & 1) << 3) | 4);
			uint16_t code[] = {
				(uint16_t)(0xbf00 | (cond << 4) | mask), /* ite <cond> */
				0x2001, /* mov<cond> r0, #1 */
				0x2002, /* mov<!cond> r0, #2 */
				0x2303, /* movs r3, #3 (outside: sets flags) */
				0xbe00,
			};
			if (cond == 14)
				code[0] = 0xbfe8; /* it al; the else slot runs as plain code */
			LOAD(code);
			cpu->nzcv = f << 28;
			ck_assert_int_eq(run(), CPU_STOPPED);
			bool pass = ref_cond(cond, f << 28);
			if (cond == 14)
				ck_assert_uint_eq(r(0), 2);
			else
				ck_assert_msg(r(0) == (pass ? 1u : 2u), "cond %u flags %x r0 %u",
					      cond, f, r(0));
			ck_assert_uint_eq(r(3), 3);
			/* MOVS r3 outside the block: N=Z=0, C and V kept */
			ck_assert_uint_eq(cpu->nzcv, (f << 28) & (C | V));
			ck_assert_uint_eq(cpu->itstate, 0);
		}
	}
}
END_TEST

/* Flag-setting rules inside IT: 16-bit ADDS-encoded instructions do not
 * set flags, 32-bit ADDS.W do, and later instructions see the new flags. */
START_TEST(test_it_flag_rules)
{
	LOAD(code_it_misc);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 1);
	ck_assert_uint_eq(r(2), 4);
	ck_assert_uint_eq(r(3), 0);
	ck_assert_uint_eq(cpu->nzcv & Z, Z);
}
END_TEST

/* ---- loads and stores ----------------------------------------------- */

START_TEST(test_ldm_stm_push_pop)
{
	LOAD(code_ldm);
	cpu_set_reg(cpu, 14, 0x01234567);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(mem32(0x20000100), 1);
	ck_assert_uint_eq(mem32(0x20000104), 2);
	ck_assert_uint_eq(mem32(0x20000108), 3);
	ck_assert_uint_eq(mem32(0x2000010c), 12);
	ck_assert_uint_eq(r(0), 0x20000100);
	ck_assert_uint_eq(r(4), 1);
	ck_assert_uint_eq(r(5), 2);
	ck_assert_uint_eq(r(6), 3);
	ck_assert_uint_eq(r(7), 0x01234567);
	ck_assert_uint_eq(r(8), 1);
	ck_assert_uint_eq(r(9), 2);
	ck_assert_uint_eq(r(10), 3);
	ck_assert_uint_eq(r(11), 12);
	ck_assert_uint_eq(r(1), 1);
	ck_assert_uint_eq(r(2), 3);
	ck_assert_uint_eq(r(13), STACK_TOP);
	/* the STMDB SP! wrote r1, r3 just below the stack top */
	ck_assert_uint_eq(mem32(STACK_TOP - 8), 1);
	ck_assert_uint_eq(mem32(STACK_TOP - 4), 3);
}
END_TEST

START_TEST(test_ldrd_strd_and_offsets)
{
	LOAD(code_ldrd);
	set_mem32(0x200001fc, 0x80010000);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(mem32(0x20000208), 0x11111111);
	ck_assert_uint_eq(mem32(0x2000020c), 0x22222222);
	ck_assert_uint_eq(r(0), 0x20000200);
	ck_assert_uint_eq(r(4), 0x11111111);
	ck_assert_uint_eq(r(5), 0x22222222);
	ck_assert_uint_eq(r(6), 0x11111111);
	ck_assert_uint_eq(r(7), 0x22222222);
	ck_assert_uint_eq(r(8), 0x1111);
	ck_assert_uint_eq(r(9), 0xffff8001);
	ck_assert_uint_eq(r(10), 0x11);
	ck_assert_uint_eq(r(11), 0x22111111); /* unaligned LDR is allowed */
}
END_TEST

START_TEST(test_tbb_tbh)
{
	for (uint32_t i = 0; i < 4; i++) {
		LOAD(code_tbb);
		cpu_set_reg(cpu, 0, i);
		cpu_set_reg(cpu, 3, i & 1);
		ck_assert_int_eq(run(), CPU_STOPPED);
		ck_assert_uint_eq(r(1), 10 + i);
		ck_assert_uint_eq(r(2), 20 + (i & 1));
	}
}
END_TEST

START_TEST(test_cbz_cbnz)
{
	LOAD(code_cbz);
	cpu_set_reg(cpu, 0, 0);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 2);
	LOAD(code_cbz);
	cpu_set_reg(cpu, 0, 5);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 1);
}
END_TEST

/* LDREX/STREX: success once, then failure (monitor consumed), failure
 * after CLREX; a failing STREX does not write. */
START_TEST(test_exclusive_monitor)
{
	LOAD(code_excl);
	set_mem32(0x20000300, 0x41);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(2), 0);
	ck_assert_uint_eq(r(3), 1);
	ck_assert_uint_eq(r(4), 0x42);
	ck_assert_uint_eq(r(5), 1);
	ck_assert_uint_eq(r(6), 0x42);
	ck_assert_uint_eq(r(7), 0);
	ck_assert_uint_eq(r(8), 0x43);
}
END_TEST

/* ---- saturation, bit fields, multiply, divide ------------------------ */

START_TEST(test_saturate)
{
	LOAD(code_sat);
	cpu_set_reg(cpu, 0, 0x1234);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 127);
	ck_assert_uint_eq(r(2), Q);
	ck_assert_uint_eq(r(3), 255);
	ck_assert_uint_eq(r(4), Q);
	ck_assert_uint_eq(r(5), 32767);
	LOAD(code_sat);
	cpu_set_reg(cpu, 0, (uint32_t)-5);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), (uint32_t)-5);
	ck_assert_uint_eq(r(2), 0); /* in range: Q stays clear */
	ck_assert_uint_eq(r(3), 0);
	ck_assert_uint_eq(r(4), Q);
	ck_assert_uint_eq(r(5), (uint32_t)-80);
}
END_TEST

START_TEST(test_bit_operations)
{
	LOAD(code_bits);
	cpu_set_reg(cpu, 0, 0x82345f78);
	cpu_set_reg(cpu, 1, 0xffffffff);
	cpu_set_reg(cpu, 2, 0xffffffff);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 0xffff78ff);
	ck_assert_uint_eq(r(2), 0xfffff00f);
	ck_assert_uint_eq(r(3), 0xfffffff7);
	ck_assert_uint_eq(r(4), 0xf7);
	ck_assert_uint_eq(r(5), 0);
	ck_assert_uint_eq(r(6), 0x1efa2c41);
	ck_assert_uint_eq(r(7), 0x785f3482);
	ck_assert_uint_eq(r(8), 0x3482785f);
	ck_assert_uint_eq(r(9), 0x785f);
	ck_assert_uint_eq(r(10), 0x5f);
	ck_assert_uint_eq(r(11), 0x8234);
	ck_assert_uint_eq(r(12), 0x5f78);
}
END_TEST

START_TEST(test_multiply)
{
	LOAD(code_mul);
	cpu_set_reg(cpu, 0, 0xfffffffe);
	cpu_set_reg(cpu, 1, 0x7fffffff);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(2), 2);
	ck_assert_uint_eq(r(3), 2); /* MULS result (overwrote SMULL's RdHi) */
	ck_assert_uint_eq(r(4), 2);
	ck_assert_uint_eq(r(5), 0x7ffffffe);
	ck_assert_uint_eq(r(6), 3);
	ck_assert_uint_eq(r(7), 0);
	ck_assert_uint_eq(r(8), 7);
	ck_assert_uint_eq(r(9), 0x7ffffffe);
	ck_assert_uint_eq(r(10), 9);
	ck_assert_uint_eq(r(11), 5);
	ck_assert_uint_eq(cpu->nzcv & (N | Z), 0);
}
END_TEST

START_TEST(test_divide)
{
	static const struct { uint32_t n, d, sq, uq; } cases[] = {
		{ 100, 7, 14, 14 },
		{ (uint32_t)-100, 7, (uint32_t)-14, 0xffffff9cu / 7 },
		{ 100, (uint32_t)-7, (uint32_t)-14, 0 },
		{ 0x80000000, 0xffffffff, 0x80000000, 0 },
		{ 5, 0, 0, 0 }, /* divide by zero without DIV_0_TRP: 0 */
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		LOAD(code_div);
		cpu_set_reg(cpu, 0, cases[i].n);
		cpu_set_reg(cpu, 1, cases[i].d);
		cpu_set_reg(cpu, 2, 0xdead);
		cpu_set_reg(cpu, 3, 0xdead);
		ck_assert_int_eq(run(), CPU_STOPPED);
		ck_assert_uint_eq(r(2), cases[i].sq);
		ck_assert_uint_eq(r(3), cases[i].uq);
		ck_assert(!fault_seen);
	}
}
END_TEST

/* ---- control flow, faults, self-modifying code ----------------------- */

/* BL/BX LR, and the cycle cost: BL 1+2, MOV.W 1, BX 1+2, ADDS 1, BKPT 1. */
START_TEST(test_call_return_cycles)
{
	LOAD(code_call);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(0), 42);
	ck_assert_uint_eq(r(14), CODE_BASE + 5);
	ck_assert_uint_eq(cpu_insns(cpu), 5);
	ck_assert_uint_eq(cpu_cycles(cpu), 9);
}
END_TEST

/* ---- timing models (docs/timing.md) ----------------------------------- */

static const uint16_t code_mul_timing[] = {
	0xfb01, 0x3002, /* mla r0, r1, r2, r3 */
	0xfba6, 0x4507, /* umull r4, r5, r6, r7 */
	0xfbe6, 0x4507, /* umlal r4, r5, r6, r7 */
	0xbe00,         /* bkpt 0x0000 */
};

static const uint16_t code_pair_timing[] = {
	0x3001, /* adds r0, #1 */
	0x3101, /* adds r1, #1 */
	0x6822, /* ldr r2, [r4, #0] */
	0x3301, /* adds r3, #1 */
	0x3201, /* adds r2, #1: uses the load */
	0xbe00, /* bkpt 0x0000 */
};

static const uint16_t code_load_timing[] = {
	0x6820, /* ldr r0, [r4, #0] */
	0x6861, /* ldr r1, [r4, #4]: independent */
	0x6824, /* ldr r4, [r4, #0]: independent, writes the next one's base */
	0x6822, /* ldr r2, [r4, #0]: depends on the previous load */
	0xbe00, /* bkpt 0x0000 */
};

/* Replace the fixture's machine (a Cortex-M4) by one with another core. */
static void recreate(uint32_t cpuid, enum cpu_timing timing, bool dsp)
{
	teardown();
	setup_model(cpuid, timing, dsp);
}

/* Cycles the sequence takes up to and including its BKPT. */
static uint64_t cycles_of(const uint16_t *code, size_t bytes)
{
	load(code, bytes);
	cpu_set_reg(cpu, 4, 0x20000000);
	cpu_set_reg(cpu, 6, 0x12345678);
	cpu_set_reg(cpu, 7, 0x12345678);
	set_mem32(0x20000000, 0x20000010);
	uint64_t before = cpu_cycles(cpu);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert(!fault_seen);
	return cpu_cycles(cpu) - before;
}

#define CYCLES_OF(code) cycles_of(code, sizeof code)

/* Multiplies: MLA 2 and 32-bit long multiplies at their longest (UMULL
 * 5, UMLAL 7) on the Cortex-M3; all single-cycle on the M4; on the M7
 * single-issue, with UMLAL waiting for the UMULL result it accumulates
 * onto. BKPT 1 each time. */
START_TEST(test_timing_multiplies_by_model)
{
	ck_assert_uint_eq(CYCLES_OF(code_mul_timing), 1 + 1 + 1 + 1);
	recreate(0x412fc231, CPU_TIMING_M3, false);
	ck_assert_uint_eq(CYCLES_OF(code_mul_timing), 2 + 5 + 7 + 1);
	recreate(0x411fc272, CPU_TIMING_M7, true);
	ck_assert_uint_eq(CYCLES_OF(code_mul_timing), 1 + 1 + 2 + 1);
}
END_TEST

/* Cortex-M3: 1 per ALU op, 2 per load. Cortex-M7: the two ADDS pair, the
 * LDR pairs with the independent ADDS after it, the ADDS that uses the
 * load waits a cycle, BKPT issues alone. Switching the model of a live
 * core takes effect at the next run. */
START_TEST(test_timing_dual_issue)
{
	ck_assert_uint_eq(CYCLES_OF(code_pair_timing), 1 + 1 + 2 + 1 + 1 + 1);
	cpu->cfg.timing = CPU_TIMING_M7;
	ck_assert_uint_eq(CYCLES_OF(code_pair_timing), 1 + 0 + 1 + 0 + 2 + 1);
	cpu->cfg.timing = CPU_TIMING_M3;
	ck_assert_uint_eq(CYCLES_OF(code_pair_timing), 1 + 1 + 2 + 1 + 1 + 1);
}
END_TEST

/* Cortex-M3 load pipelining: a load after a load costs 1 unless its
 * address register is the previous load's destination. On the M7 loads
 * issue one per cycle, and a load using a loaded base waits one. */
START_TEST(test_timing_load_pipelining)
{
	ck_assert_uint_eq(CYCLES_OF(code_load_timing), 2 + 1 + 1 + 2 + 1);
	ck_assert_uint_eq(r(4), 0x20000010);
	recreate(0x411fc272, CPU_TIMING_M7, true);
	ck_assert_uint_eq(CYCLES_OF(code_load_timing), 1 + 1 + 1 + 2 + 1);
}
END_TEST

/* A routine runs (and is decoded), the code rewrites one of its
 * instructions, and the second call executes the new instruction. */
START_TEST(test_self_modifying_code)
{
	LOAD(code_smc);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(2), 1);
	ck_assert_uint_eq(r(1), 5);
}
END_TEST

START_TEST(test_code_reloaded_by_loader)
{
	static const uint16_t a[] = { 0x2101, 0xbe00 }; /* movs r1, #1; bkpt */
	static const uint16_t b[] = { 0x2102, 0xbe00 }; /* movs r1, #2; bkpt */
	LOAD(a);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 1);
	LOAD(b);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 2);
}
END_TEST

/* UDF raises a fault that reaches the HardFault handler (UsageFault is
 * disabled after reset). */
START_TEST(test_undefined_faults)
{
	LOAD(code_fault);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, EXC_HARDFAULT);
}
END_TEST

/* Unaligned LDR/LDRH work; unaligned LDRD faults without loading. */
START_TEST(test_unaligned_rules)
{
	LOAD(code_unaligned);
	set_mem32(0x20000400, 0x44332211);
	set_mem32(0x20000404, 0x88776655);
	cpu_set_reg(cpu, 4, 0xabc);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 0x55443322);
	ck_assert_uint_eq(r(2), 0x5544);
	ck_assert(fault_seen);
	ck_assert_uint_eq(r(4), 0xabc);
}
END_TEST

/* A data access to an unmapped address is a precise bus fault and leaves
 * the destination register alone. */
START_TEST(test_bus_error_load)
{
	static const uint16_t code[] = {
		0x6808, /* ldr r0, [r1, #0] */
		0xbe00,
	};
	LOAD(code);
	cpu_set_reg(cpu, 0, 0x77);
	cpu_set_reg(cpu, 1, 0x40000000);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(r(0), 0x77);
}
END_TEST

/* ---- time ------------------------------------------------------------ */

/* "b ." costs 3 cycles; at 100 MHz a run until 1 us stops at the first
 * instruction boundary at or after 100 cycles and publishes its time. */
START_TEST(test_run_until_time)
{
	LOAD(code_timing);
	ck_assert_int_eq(cpu_run(cpu, PS_PER_US), CPU_RUNNING);
	ck_assert_uint_ge(cpu_cycles(cpu), 100);
	ck_assert_uint_lt(cpu_cycles(cpu), 103);
	ck_assert_uint_eq(sched_now(&sch), cpu_cycles(cpu) * 10000);
}
END_TEST

static void noop_event(struct sched_event *ev, simtime_t now)
{
}

/* An event due before `until` ends the run at the event's time. */
START_TEST(test_run_stops_at_event)
{
	struct sched_event ev;
	LOAD(code_timing);
	sched_event_init(&ev, noop_event, "test");
	sched_schedule(&sch, &ev, 300 * PS_PER_NS);
	ck_assert_int_eq(cpu_run(cpu, PS_PER_MS), CPU_RUNNING);
	ck_assert_uint_ge(cpu_cycles(cpu), 30);
	ck_assert_uint_lt(cpu_cycles(cpu), 33);
	sched_cancel(&sch, &ev);
}
END_TEST

START_TEST(test_insn_limit)
{
	LOAD(code_timing);
	cpu_set_insn_limit(cpu, 10);
	ck_assert_int_eq(cpu_run(cpu, PS_PER_MS), CPU_INSN_LIMIT);
	ck_assert_uint_eq(cpu_insns(cpu), 10);
}
END_TEST

START_TEST(test_wfi_sleeps)
{
	LOAD(code_wfi);
	ck_assert_int_eq(cpu_run(cpu, PS_PER_MS), CPU_SLEEPING);
	ck_assert_uint_eq(r(15), CODE_BASE + 2);
	ck_assert_uint_eq(cpu_insns(cpu), 1);
}
END_TEST

/* Changing the frequency keeps the time already spent. */
START_TEST(test_set_freq_rebases_time)
{
	LOAD(code_timing);
	cpu_run(cpu, PS_PER_US);
	simtime_t t = cpu_now(cpu);
	cpu_set_freq(cpu, 50000000);
	ck_assert_uint_eq(cpu_now(cpu), t);
	uint64_t cyc = cpu_cycles(cpu);
	cpu_run(cpu, t + PS_PER_US);
	/* 1 us at 50 MHz is 50 cycles */
	ck_assert_uint_ge(cpu_cycles(cpu) - cyc, 50);
	ck_assert_uint_lt(cpu_cycles(cpu) - cyc, 53);
}
END_TEST

/* ---- DSP extension, APSR access, interworking ------------------------ */

/* UADD8 sets GE per byte from the carries, SEL picks bytes by GE, QADD16
 * saturates per halfword without touching Q, SMLAD sums both products,
 * QADD saturates and sets Q. */
START_TEST(test_dsp_simd_and_q)
{
	LOAD(code_dsp);
	cpu_set_reg(cpu, 0, 0x80ff0102);
	cpu_set_reg(cpu, 1, 0x80010203);
	cpu_set_reg(cpu, 7, 10);
	cpu_set_reg(cpu, 9, 0x7fffffff);
	cpu_set_reg(cpu, 10, 1);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(2), 0x00000305);
	ck_assert_uint_eq(r(3), 0x80ff0203);
	ck_assert_uint_eq(r(4), 0x000c0000);
	ck_assert_uint_eq(r(5), 0x80000305);
	ck_assert_uint_eq(r(6), 0x3f82080f);
	ck_assert_uint_eq(r(8), 0x7fffffff);
	ck_assert_uint_eq(r(11), Q | 0x000c0000);
}
END_TEST

/* Without the DSP extension (a Cortex-M3), the same code is UNDEFINED:
 * UsageFault UNDEFINSTR, escalated to HardFault while UsageFault is off. */
START_TEST(test_dsp_undefined_without_extension)
{
	cpu->cfg.dsp = false;
	LOAD(code_dsp);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, 3);
	uint32_t cfsr = 0;
	ck_assert_int_eq(bus_read(&bus, 0xe000ed28, 4, &cfsr), BUS_OK);
	ck_assert_uint_eq(cfsr, 1u << 16); /* UFSR.UNDEFINSTR */
}
END_TEST

/* BKPT is unconditional even inside an IT block (ARMv7-M ARM A7.7.17). */
START_TEST(test_bkpt_unconditional_in_it)
{
	LOAD(code_bkpt_in_it);
	cpu_set_reg(cpu, 1, 7);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(bkpt_count, 1);
	ck_assert_uint_eq(r(1), 7);
	ck_assert_uint_eq(cpu->itstate, 0);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(bkpt_count, 2);
	ck_assert_uint_eq(r(1), 1);
}
END_TEST

START_TEST(test_msr_mrs_apsr)
{
	LOAD(code_msr_apsr);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 0xf8000000);
	ck_assert_uint_eq(cpu->nzcv, 0xf0000000);
	ck_assert_uint_eq(cpu->q, 1);
}
END_TEST

/* POP {pc} with bit 0 set is an interworking branch. */
START_TEST(test_pop_pc)
{
	LOAD(code_pop_pc);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 0);
	ck_assert_uint_eq(r(2), 2);
	ck_assert_uint_eq(r(13), STACK_TOP);
	ck_assert(!fault_seen);
}
END_TEST

/* BX to an even address completes, then the next instruction faults
 * INVSTATE (the target itself would otherwise run as thread code). */
START_TEST(test_bx_even_faults_invstate)
{
	LOAD(code_bx_even);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, EXC_HARDFAULT);
}
END_TEST

/* A 32-bit instruction straddling two pages is dropped from the cache
 * when its second halfword's page is written. */
START_TEST(test_straddling_instruction_invalidated)
{
	static const uint16_t code[] = {
		0xf04f, 0x0101, /* mov.w r1, #1 (at 0xffe, second half at 0x1000) */
		0xbe00,         /* bkpt #0 */
	};
	static const uint16_t imm2 = 0x0102; /* ... becomes mov.w r1, #2 */
	ck_assert_int_eq(bus_load(&bus, 0xffe, code, sizeof code), BUS_OK);
	cpu_core_reset(cpu);
	cpu_set_reg(cpu, 15, 0xffe);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 1);
	ck_assert_int_eq(bus_load(&bus, 0x1000, &imm2, 2), BUS_OK);
	cpu_set_reg(cpu, 15, 0xffe);
	ck_assert_int_eq(run(), CPU_STOPPED);
	ck_assert_uint_eq(r(1), 2);
}
END_TEST

static Suite *exec_suite(void)
{
	Suite *s = suite_create("cpu_exec");
	TCase *tc = tcase_create("exec");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_shift_by_register);
	tcase_add_test(tc, test_shift_immediate);
	tcase_add_test(tc, test_add_sub_flags);
	tcase_add_test(tc, test_thumb_expand_imm);
	tcase_add_test(tc, test_it_every_condition);
	tcase_add_test(tc, test_it_flag_rules);
	tcase_add_test(tc, test_ldm_stm_push_pop);
	tcase_add_test(tc, test_ldrd_strd_and_offsets);
	tcase_add_test(tc, test_tbb_tbh);
	tcase_add_test(tc, test_cbz_cbnz);
	tcase_add_test(tc, test_exclusive_monitor);
	tcase_add_test(tc, test_saturate);
	tcase_add_test(tc, test_bit_operations);
	tcase_add_test(tc, test_multiply);
	tcase_add_test(tc, test_divide);
	tcase_add_test(tc, test_call_return_cycles);
	tcase_add_test(tc, test_timing_multiplies_by_model);
	tcase_add_test(tc, test_timing_dual_issue);
	tcase_add_test(tc, test_timing_load_pipelining);
	tcase_add_test(tc, test_self_modifying_code);
	tcase_add_test(tc, test_code_reloaded_by_loader);
	tcase_add_test(tc, test_straddling_instruction_invalidated);
	tcase_add_test(tc, test_undefined_faults);
	tcase_add_test(tc, test_unaligned_rules);
	tcase_add_test(tc, test_bus_error_load);
	tcase_add_test(tc, test_run_until_time);
	tcase_add_test(tc, test_run_stops_at_event);
	tcase_add_test(tc, test_insn_limit);
	tcase_add_test(tc, test_wfi_sleeps);
	tcase_add_test(tc, test_set_freq_rebases_time);
	tcase_add_test(tc, test_dsp_simd_and_q);
	tcase_add_test(tc, test_dsp_undefined_without_extension);
	tcase_add_test(tc, test_bkpt_unconditional_in_it);
	tcase_add_test(tc, test_msr_mrs_apsr);
	tcase_add_test(tc, test_pop_pc);
	tcase_add_test(tc, test_bx_even_faults_invstate);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(exec_suite());
}
