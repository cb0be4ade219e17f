/*
 * The PMSAv7 MPU (cpu/mpu.c): its registers through the System Control
 * Space on the bus, cpu_mpu_check for every permission rule, the memory
 * attributes of every TEX/C/B/S encoding and of the default map, the
 * per-page queries the fast paths rely on, and instruction fetches that
 * fault IACCVIOL even from instructions decoded before the MPU changed.
 *
 * The core is a real one (cpu_create) on a bus with RAM at 0 (code and
 * vectors) and 0x20000000; every exception vector points at a handler at
 * 0x40 that executes BKPT #0xF0, which the test's hook records.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/mem.h"
#include "check_run.h"

#define MPU_TYPE 0xe000ed90u
#define MPU_CTRL 0xe000ed94u
#define MPU_RNR 0xe000ed98u
#define MPU_RBAR 0xe000ed9cu
#define MPU_RASR 0xe000eda0u
#define MPU_RBAR_A(n) (MPU_RBAR + 8u * (n))
#define MPU_RASR_A(n) (MPU_RASR + 8u * (n))
#define SCB_SHCSR 0xe000ed24u
#define SCB_CFSR 0xe000ed28u
#define SCB_HFSR 0xe000ed2cu
#define SCB_MMFAR 0xe000ed34u

#define CTRL_ENABLE 1u
#define CTRL_HFNMIENA 2u
#define CTRL_PRIVDEFENA 4u

#define RASR_XN (1u << 28)
#define AP(x) ((uint32_t)(x) << 24)
#define TEX(x) ((uint32_t)(x) << 19)
#define RASR_S (1u << 18)
#define RASR_C (1u << 17)
#define RASR_B (1u << 16)
#define SRD(x) ((uint32_t)(x) << 8)
#define SIZE(log2) ((uint32_t)((log2) - 1) << 1)
#define RASR_EN 1u

#define STACK_TOP 0x20008000u
#define CODE 0x1000u

static struct bus bus;
static struct sched sch;
static struct cpu *cpu;
static bool fault_seen;
static uint32_t fault_ipsr;

static bool test_bkpt(void *opaque, struct cpu *c, unsigned imm)
{
	if (imm == 0xf0) {
		fault_seen = true;
		fault_ipsr = c->ipsr;
	}
	cpu_request_stop(c);
	return true;
}

static void make(unsigned regions)
{
	struct err e;
	uint32_t vec[16];
	uint16_t handler = 0xbef0; /* bkpt #0xf0 */
	ck_assert_int_eq(bus_init(&bus), 0);
	sched_init(&sch);
	ck_assert_int_ge(bus_add_ram(&bus, "code", 0, 0x10000, false), 0);
	ck_assert_int_ge(bus_add_ram(&bus, "sram", 0x20000000, 0x10000, false), 0);
	vec[0] = STACK_TOP;
	vec[1] = CODE | 1;
	for (int i = 2; i < 16; i++)
		vec[i] = 0x41;
	bus_load(&bus, 0, vec, sizeof vec);
	bus_load(&bus, 0x40, &handler, 2);
	struct cpu_config cfg = { .freq_hz = 100000000, .num_irq = 32, .prio_bits = 3,
				  .cpuid = 0x410fc241, .mpu_regions = regions };
	struct cpu_hooks hooks = { .bkpt = test_bkpt, .opaque = NULL };
	cpu = cpu_create(&sch, &bus, &cfg, &hooks, &e);
	ck_assert_ptr_nonnull(cpu);
	cpu_core_reset(cpu);
	fault_seen = false;
	fault_ipsr = 0;
}

static void setup(void)
{
	make(8);
}

static void teardown(void)
{
	cpu_destroy(cpu);
	bus_free(&bus);
	sched_free(&sch);
}

static uint32_t rd(uint32_t a)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&bus, a, 4, &v), BUS_OK);
	return v;
}

static void wr(uint32_t a, uint32_t v)
{
	ck_assert_int_eq(bus_write(&bus, a, 4, v), BUS_OK);
}

static void region(unsigned n, uint32_t base, uint32_t rasr)
{
	wr(MPU_RNR, n);
	wr(MPU_RBAR, base);
	wr(MPU_RASR, rasr);
}

static void set_priv(bool priv)
{
	cpu->ipsr = 0;
	cpu->control = priv ? 0 : 1;
}

/* cpu_mpu_check at the current privilege. */
static bool ok(uint32_t a, unsigned size, enum mem_access k)
{
	struct mem_attr attr;
	return cpu_mpu_check(cpu, a, size, k, false, &attr);
}

static bool ok_as(bool priv, uint32_t a, enum mem_access k)
{
	uint32_t ctl = cpu->control;
	set_priv(priv);
	bool r = ok(a, 4, k);
	cpu->control = ctl;
	return r;
}

/* --- registers ------------------------------------------------------------ */

START_TEST(type_reports_the_configured_regions)
{
	ck_assert_uint_eq(rd(MPU_TYPE), 8u << 8);
	teardown();
	make(16);
	ck_assert_uint_eq(rd(MPU_TYPE), 16u << 8);
	wr(MPU_RNR, 15);
	ck_assert_uint_eq(rd(MPU_RNR), 15);
}
END_TEST

START_TEST(no_mpu_is_raz_wi)
{
	teardown();
	make(0);
	ck_assert_uint_eq(rd(MPU_TYPE), 0);
	wr(MPU_CTRL, 7);
	ck_assert_uint_eq(rd(MPU_CTRL), 0);
	wr(MPU_RASR, 0xffffffffu);
	ck_assert_uint_eq(rd(MPU_RASR), 0);
	ck_assert(!cpu_mpu_enabled(cpu));
	ck_assert(ok(0x20000000, 4, MEM_WRITE));
}
END_TEST

START_TEST(registers_keep_their_implemented_bits)
{
	wr(MPU_CTRL, 0xffffffffu);
	ck_assert_uint_eq(rd(MPU_CTRL), 7);
	ck_assert(cpu_mpu_enabled(cpu));
	wr(MPU_CTRL, 0);
	ck_assert(!cpu_mpu_enabled(cpu));

	wr(MPU_RNR, 3);
	ck_assert_uint_eq(rd(MPU_RNR), 3);
	wr(MPU_RNR, 9); /* beyond DREGION: only the implemented bits */
	ck_assert_uint_eq(rd(MPU_RNR), 1);

	wr(MPU_RNR, 2);
	wr(MPU_RBAR, 0x20001224u); /* VALID clear: RNR selects the region */
	ck_assert_uint_eq(rd(MPU_RBAR), 0x20001220u | 2);
	wr(MPU_RASR, 0xffffffffu);
	ck_assert_uint_eq(rd(MPU_RASR), 0x173fff3fu);
	ck_assert_uint_eq(rd(MPU_RNR), 2);
}
END_TEST

START_TEST(rbar_valid_selects_the_region)
{
	wr(MPU_RNR, 0);
	wr(MPU_RBAR, 0x20004000u | 0x10 | 5);
	ck_assert_uint_eq(rd(MPU_RNR), 5);
	ck_assert_uint_eq(rd(MPU_RBAR), 0x20004000u | 5); /* VALID reads 0 */
	wr(MPU_RNR, 0);
	ck_assert_uint_eq(rd(MPU_RBAR), 0);
}
END_TEST

START_TEST(aliases_program_several_regions)
{
	/* As an STM of four RBAR/RASR pairs would. */
	for (unsigned i = 0; i < 4; i++) {
		wr(MPU_RBAR_A(i), (0x20000000u + 0x1000u * i) | 0x10 | (i + 1));
		wr(MPU_RASR_A(i), SIZE(12) | AP(3) | RASR_EN | (i << 19));
	}
	for (unsigned i = 0; i < 4; i++) {
		wr(MPU_RNR, i + 1);
		ck_assert_uint_eq(rd(MPU_RBAR), (0x20000000u + 0x1000u * i) | (i + 1));
		ck_assert_uint_eq(rd(MPU_RASR), SIZE(12) | AP(3) | RASR_EN | (i << 19));
		/* Every alias reads the selected region too. */
		ck_assert_uint_eq(rd(MPU_RASR_A(3)), rd(MPU_RASR));
		ck_assert_uint_eq(rd(MPU_RBAR_A(2)), rd(MPU_RBAR));
	}
}
END_TEST

START_TEST(reset_disables_everything)
{
	region(1, 0x20000000, SIZE(16) | AP(0) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(!ok(0x20000000, 4, MEM_READ));
	cpu_core_reset(cpu);
	ck_assert_uint_eq(rd(MPU_CTRL), 0);
	wr(MPU_RNR, 1);
	ck_assert_uint_eq(rd(MPU_RASR), 0);
	ck_assert(ok(0x20000000, 4, MEM_READ));
}
END_TEST

START_TEST(register_access_is_word_only)
{
	uint32_t v;
	ck_assert_int_ne(bus_read(&bus, MPU_CTRL, 2, &v), BUS_OK);
	ck_assert_int_ne(bus_write(&bus, MPU_CTRL, 1, 1), BUS_OK);
	ck_assert_uint_eq(rd(MPU_CTRL), 0);
}
END_TEST

/* --- permission checks ------------------------------------------------------ */

START_TEST(highest_numbered_region_wins)
{
	region(0, 0x20000000, SIZE(16) | AP(3) | RASR_EN);       /* 64 KiB full */
	region(3, 0x20001000, SIZE(12) | AP(6) | RASR_EN);       /* 4 KiB RO */
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(ok(0x20000ffc, 4, MEM_WRITE));
	ck_assert(!ok(0x20001000, 4, MEM_WRITE));
	ck_assert(ok(0x20001000, 4, MEM_READ));
	ck_assert(ok(0x20002000, 4, MEM_WRITE));
	/* The other way round the big region covers the small one. */
	region(0, 0x20001000, SIZE(12) | AP(0) | RASR_EN);
	region(3, 0x20000000, SIZE(16) | AP(3) | RASR_EN);
	ck_assert(ok(0x20001000, 4, MEM_WRITE));
	/* A disabled region takes no part. */
	region(3, 0x20000000, SIZE(16) | AP(3));
	ck_assert(!ok(0x20001000, 4, MEM_READ));
}
END_TEST

START_TEST(base_is_aligned_down_to_the_size)
{
	/* UNPREDICTABLE misaligned base: pmsim ignores the low bits. */
	region(0, 0x20000400, SIZE(12) | AP(3) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(ok(0x20000000, 4, MEM_READ));
	ck_assert(ok(0x20000ffc, 4, MEM_READ));
	ck_assert(!ok(0x20001000, 4, MEM_READ));
}
END_TEST

START_TEST(size_below_32_bytes_matches_nothing)
{
	region(0, 0x20000000, SIZE(4) | AP(3) | RASR_EN); /* SIZE field 3 */
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(!ok(0x20000000, 1, MEM_READ));
	region(0, 0x20000000, SIZE(5) | AP(3) | RASR_EN); /* 32 bytes */
	ck_assert(ok(0x2000001c, 4, MEM_READ));
	ck_assert(!ok(0x20000020, 1, MEM_READ));
}
END_TEST

START_TEST(whole_address_space_region)
{
	region(0, 0, SIZE(32) | AP(6) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(ok(0, 4, MEM_READ));
	ck_assert(ok(0xdffffffc, 4, MEM_READ));
	ck_assert(!ok(0x20000000, 4, MEM_WRITE));
	/* 4 GiB split in 512 MiB subregions: the second is disabled. */
	region(0, 0, SIZE(32) | AP(6) | SRD(0x02) | RASR_EN);
	ck_assert(ok(0x1ffffffc, 4, MEM_READ));
	ck_assert(!ok(0x20000000, 4, MEM_READ));
}
END_TEST

START_TEST(subregions_fall_through)
{
	/* 1 KiB region at 0x20000400 (128-byte subregions), subregion 1
	 * disabled; a lower region gives that hole read-only access. */
	region(0, 0x20000000, SIZE(16) | AP(6) | RASR_EN);
	region(1, 0x20000400, SIZE(10) | AP(3) | SRD(0x02) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(ok(0x2000047c, 4, MEM_WRITE));
	ck_assert(!ok(0x20000480, 4, MEM_WRITE));
	ck_assert(ok(0x20000480, 4, MEM_READ));
	ck_assert(!ok(0x200004fc, 4, MEM_WRITE));
	ck_assert(ok(0x20000500, 4, MEM_WRITE));
	/* Without the lower region the hole is background: no access. */
	region(0, 0x20000000, SIZE(16) | AP(6));
	ck_assert(!ok(0x20000480, 4, MEM_READ));
	ck_assert(ok(0x20000400, 4, MEM_READ));
	/* All eight disabled: the region matches nothing. */
	region(1, 0x20000400, SIZE(10) | AP(3) | SRD(0xff) | RASR_EN);
	ck_assert(!ok(0x20000400, 4, MEM_READ));
}
END_TEST

START_TEST(subregions_ignored_below_256_bytes)
{
	region(0, 0x20000000, SIZE(7) | AP(3) | SRD(0xff) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(ok(0x20000000, 4, MEM_READ));
	ck_assert(ok(0x2000007c, 4, MEM_READ));
	ck_assert(!ok(0x20000080, 4, MEM_READ));
	/* 256 bytes: 32-byte subregions work. */
	region(0, 0x20000000, SIZE(8) | AP(3) | SRD(0x80) | RASR_EN);
	ck_assert(ok(0x200000dc, 4, MEM_READ));
	ck_assert(!ok(0x200000e0, 4, MEM_READ));
}
END_TEST

START_TEST(every_ap_value)
{
	/* priv read, priv write, user read, user write (B3.5.8). */
	static const bool want[8][4] = {
		{ 0, 0, 0, 0 }, { 1, 1, 0, 0 }, { 1, 1, 1, 0 }, { 1, 1, 1, 1 },
		{ 0, 0, 0, 0 }, /* 100 reserved: no access */
		{ 1, 0, 0, 0 }, { 1, 0, 1, 0 }, { 1, 0, 1, 0 },
	};
	wr(MPU_CTRL, CTRL_ENABLE | CTRL_PRIVDEFENA);
	for (unsigned ap = 0; ap < 8; ap++) {
		region(0, 0x20000000, SIZE(12) | AP(ap) | RASR_EN);
		ck_assert_msg(ok_as(true, 0x20000010, MEM_READ) == want[ap][0], "AP %u", ap);
		ck_assert_msg(ok_as(true, 0x20000010, MEM_WRITE) == want[ap][1], "AP %u", ap);
		ck_assert_msg(ok_as(false, 0x20000010, MEM_READ) == want[ap][2], "AP %u", ap);
		ck_assert_msg(ok_as(false, 0x20000010, MEM_WRITE) == want[ap][3], "AP %u", ap);
		/* Fetch needs read permission (XN clear). */
		ck_assert_msg(ok_as(true, 0x20000010, MEM_FETCH) == want[ap][0], "AP %u", ap);
		ck_assert_msg(ok_as(false, 0x20000010, MEM_FETCH) == want[ap][2], "AP %u", ap);
	}
}
END_TEST

START_TEST(unprivileged_forms_check_as_user)
{
	struct mem_attr a;
	region(0, 0x20000000, SIZE(12) | AP(1) | RASR_EN); /* privileged only */
	wr(MPU_CTRL, CTRL_ENABLE);
	set_priv(true);
	ck_assert(cpu_mpu_check(cpu, 0x20000000, 4, MEM_READ, false, &a));
	ck_assert(!cpu_mpu_check(cpu, 0x20000000, 4, MEM_READ, true, &a)); /* LDRT */
	/* Handler mode is privileged whatever CONTROL.nPRIV says. */
	cpu->control = 1;
	cpu->ipsr = 11;
	ck_assert(cpu_mpu_check(cpu, 0x20000000, 4, MEM_WRITE, false, &a));
	set_priv(true);
}
END_TEST

START_TEST(xn_forbids_fetch_only)
{
	region(0, 0x20000000, SIZE(12) | AP(3) | RASR_XN | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(ok(0x20000000, 2, MEM_READ));
	ck_assert(ok(0x20000000, 2, MEM_WRITE));
	ck_assert(!ok(0x20000000, 2, MEM_FETCH));
	region(0, 0x20000000, SIZE(12) | AP(3) | RASR_EN);
	ck_assert(ok(0x20000000, 2, MEM_FETCH));
}
END_TEST

START_TEST(privdefena_background)
{
	region(0, 0x20000000, SIZE(12) | AP(3) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(!ok_as(true, 0x20001000, MEM_READ));
	ck_assert(!ok_as(false, 0x20001000, MEM_READ));
	wr(MPU_CTRL, CTRL_ENABLE | CTRL_PRIVDEFENA);
	ck_assert(ok_as(true, 0x20001000, MEM_WRITE));
	ck_assert(ok_as(true, 0x20001000, MEM_FETCH));
	ck_assert(!ok_as(false, 0x20001000, MEM_READ));
	/* The background keeps the default map's XN. */
	ck_assert(!ok_as(true, 0x40000000, MEM_FETCH));
	ck_assert(ok_as(true, 0x40000000, MEM_WRITE));
}
END_TEST

START_TEST(hfnmiena_at_negative_priority)
{
	region(0, 0x20000000, SIZE(16) | AP(0) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(!ok(0x20000000, 4, MEM_READ));
	cpu->faultmask = 1; /* execution priority -1 */
	ck_assert(ok(0x20000000, 4, MEM_WRITE));
	wr(MPU_CTRL, CTRL_ENABLE | CTRL_HFNMIENA);
	ck_assert(!ok(0x20000000, 4, MEM_WRITE));
	cpu->faultmask = 0;
	ck_assert(!ok(0x20000000, 4, MEM_READ));
	/* HFNMIENA without ENABLE: the MPU is off. */
	wr(MPU_CTRL, CTRL_HFNMIENA);
	ck_assert(ok(0x20000000, 4, MEM_READ));
}
END_TEST

START_TEST(ppb_uses_the_default_map)
{
	region(7, 0, SIZE(32) | AP(0) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(!ok(0x20000000, 4, MEM_READ));
	ck_assert(ok(0xe000ed00u, 4, MEM_READ));
	ck_assert(ok(0xe000e100u, 4, MEM_WRITE));
	ck_assert(!ok(0xe000ed00u, 2, MEM_FETCH));
	/* Past the PPB the MPU applies again. */
	ck_assert(!ok(0xe0100000u, 4, MEM_READ));
	/* And the SCS still works on the bus with everything else blocked. */
	ck_assert_uint_eq(rd(MPU_CTRL), CTRL_ENABLE);
}
END_TEST

START_TEST(access_across_a_boundary_checks_both_sides)
{
	region(0, 0x20000000, SIZE(6) | AP(3) | RASR_EN);        /* 64 bytes */
	region(1, 0x20000040, SIZE(6) | AP(6) | RASR_EN);        /* then RO */
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert(ok(0x2000003c, 4, MEM_WRITE));
	ck_assert(!ok(0x2000003e, 4, MEM_WRITE));
	ck_assert(ok(0x2000003e, 4, MEM_READ));
	ck_assert(!ok(0x2000003f, 2, MEM_WRITE));
	/* Into no region at all. */
	ck_assert(ok(0x2000007e, 2, MEM_READ));
	ck_assert(!ok(0x2000007e, 4, MEM_READ));
	/* Longer accesses (a cache line) touch every granule. */
	ck_assert(ok(0x20000000, 64, MEM_WRITE));
	ck_assert(!ok(0x20000000, 96, MEM_WRITE));
	ck_assert(ok(0x20000000, 128, MEM_READ));
	ck_assert(!ok(0x20000000, 160, MEM_READ));
}
END_TEST

/* --- attributes ----------------------------------------------------------- */

struct want_attr {
	uint8_t tex, c, b;
	bool cacheable, wt, device, shareable_s0, shareable_s1;
};

START_TEST(every_tex_c_b_combination)
{
	static const struct want_attr t[] = {
		/* tex c b  cache  wt  dev  sh(S=0) sh(S=1) */
		{ 0, 0, 0, 0, 0, 1, 1, 1 }, /* Strongly-ordered */
		{ 0, 0, 1, 0, 0, 1, 1, 1 }, /* Device, shareable */
		{ 0, 1, 0, 1, 1, 0, 0, 1 }, /* Normal WT */
		{ 0, 1, 1, 1, 0, 0, 0, 1 }, /* Normal WB no WA */
		{ 1, 0, 0, 0, 0, 0, 0, 1 }, /* Normal non-cacheable */
		{ 1, 0, 1, 0, 0, 1, 1, 1 }, /* reserved: Strongly-ordered */
		{ 1, 1, 0, 0, 0, 1, 1, 1 }, /* IMP DEF: Strongly-ordered */
		{ 1, 1, 1, 1, 0, 0, 0, 1 }, /* Normal WBWA */
		{ 2, 0, 0, 0, 0, 1, 0, 0 }, /* Device, non-shareable */
		{ 2, 0, 1, 0, 0, 1, 1, 1 }, /* reserved */
		{ 2, 1, 0, 0, 0, 1, 1, 1 }, /* reserved */
		{ 2, 1, 1, 0, 0, 1, 1, 1 }, /* reserved */
		{ 3, 0, 0, 0, 0, 1, 1, 1 }, /* reserved */
		{ 3, 0, 1, 0, 0, 1, 1, 1 },
		{ 3, 1, 0, 0, 0, 1, 1, 1 },
		{ 3, 1, 1, 0, 0, 1, 1, 1 },
	};
	wr(MPU_CTRL, CTRL_ENABLE);
	for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
		for (unsigned s = 0; s < 2; s++) {
			struct mem_attr a;
			region(0, 0x20000000, SIZE(12) | AP(3) | RASR_EN | TEX(t[i].tex) |
			       (t[i].c ? RASR_C : 0) | (t[i].b ? RASR_B : 0) | (s ? RASR_S : 0));
			ck_assert(cpu_mpu_check(cpu, 0x20000100, 4, MEM_READ, false, &a));
			ck_assert_msg(a.cacheable == t[i].cacheable, "TEX %u C %u B %u", t[i].tex,
				      t[i].c, t[i].b);
			ck_assert_msg(a.write_through == t[i].wt, "TEX %u C %u B %u", t[i].tex,
				      t[i].c, t[i].b);
			ck_assert_msg(a.device == t[i].device, "TEX %u C %u B %u", t[i].tex,
				      t[i].c, t[i].b);
			ck_assert_msg(a.shareable == (s ? t[i].shareable_s1 : t[i].shareable_s0),
				      "TEX %u C %u B %u S %u", t[i].tex, t[i].c, t[i].b, s);
			ck_assert(!a.xn);
		}
	}
	/* TEX = 1BB, C:B = AA: the inner policy AA decides for the L1. */
	static const bool inner_cache[4] = { false, true, true, true };
	static const bool inner_wt[4] = { false, false, true, false };
	for (unsigned bb = 0; bb < 4; bb++) {
		for (unsigned aa = 0; aa < 4; aa++) {
			struct mem_attr a;
			region(0, 0x20000000, SIZE(12) | AP(3) | RASR_EN | TEX(4 | bb) |
			       ((aa & 2) ? RASR_C : 0) | ((aa & 1) ? RASR_B : 0) | RASR_S |
			       RASR_XN);
			ck_assert(cpu_mpu_check(cpu, 0x20000100, 4, MEM_READ, false, &a));
			ck_assert_msg(a.cacheable == inner_cache[aa], "BB %u AA %u", bb, aa);
			ck_assert_msg(a.write_through == inner_wt[aa], "BB %u AA %u", bb, aa);
			ck_assert(!a.device);
			ck_assert(a.shareable);
			ck_assert(a.xn);
		}
	}
}
END_TEST

START_TEST(default_map)
{
	static const struct {
		uint32_t addr;
		bool cacheable, wt, device, shareable, xn;
	} t[] = {
		{ 0x00000000, 1, 1, 0, 0, 0 }, { 0x1ffffffc, 1, 1, 0, 0, 0 }, /* Code WT */
		{ 0x20000000, 1, 0, 0, 0, 0 }, { 0x3ffffffc, 1, 0, 0, 0, 0 }, /* SRAM WBWA */
		{ 0x40000000, 0, 0, 1, 0, 1 }, { 0x5ffffffc, 0, 0, 1, 0, 1 }, /* Peripheral */
		{ 0x60000000, 1, 0, 0, 0, 0 }, { 0x7ffffffc, 1, 0, 0, 0, 0 }, /* RAM WBWA */
		{ 0x80000000, 1, 1, 0, 0, 0 }, { 0x9ffffffc, 1, 1, 0, 0, 0 }, /* RAM WT */
		{ 0xa0000000, 0, 0, 1, 1, 1 }, { 0xbffffffc, 0, 0, 1, 1, 1 }, /* Device sh */
		{ 0xc0000000, 0, 0, 1, 0, 1 }, { 0xdffffffc, 0, 0, 1, 0, 1 }, /* Device */
		{ 0xe0000000, 0, 0, 1, 1, 1 }, { 0xe00ffffc, 0, 0, 1, 1, 1 }, /* PPB SO */
		{ 0xe0100000, 0, 0, 1, 0, 1 }, { 0xfffffffc, 0, 0, 1, 0, 1 }, /* vendor */
	};
	for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct mem_attr a;
		cpu_default_attr(t[i].addr, &a);
		ck_assert_msg(a.cacheable == t[i].cacheable, "0x%08x", t[i].addr);
		ck_assert_msg(a.write_through == t[i].wt, "0x%08x", t[i].addr);
		ck_assert_msg(a.device == t[i].device, "0x%08x", t[i].addr);
		ck_assert_msg(a.shareable == t[i].shareable, "0x%08x", t[i].addr);
		ck_assert_msg(a.xn == t[i].xn, "0x%08x", t[i].addr);
		/* MPU off: data always allowed, fetch by XN, default attributes. */
		struct mem_attr b;
		ck_assert(cpu_mpu_check(cpu, t[i].addr, 4, MEM_WRITE, false, &b));
		ck_assert(b.cacheable == a.cacheable && b.device == a.device);
		ck_assert(cpu_mpu_check(cpu, t[i].addr, 2, MEM_FETCH, false, &b) == !t[i].xn);
	}
}
END_TEST

START_TEST(privdefena_background_attributes)
{
	struct mem_attr a;
	region(0, 0x20000000, SIZE(12) | AP(3) | TEX(1) | RASR_EN); /* non-cacheable */
	wr(MPU_CTRL, CTRL_ENABLE | CTRL_PRIVDEFENA);
	ck_assert(cpu_mpu_check(cpu, 0x20000000, 4, MEM_READ, false, &a));
	ck_assert(!a.cacheable);
	ck_assert(cpu_mpu_check(cpu, 0x20001000, 4, MEM_READ, false, &a));
	ck_assert(a.cacheable);
	ck_assert(cpu_mpu_check(cpu, 0x40000000, 4, MEM_READ, false, &a));
	ck_assert(a.device);
}
END_TEST

/* --- per-page queries --------------------------------------------------- */

static bool uniform(uint32_t page, unsigned *priv, unsigned *user, struct mem_attr *a)
{
	return cpu_mpu_page_uniform(cpu, page, a, priv, user);
}

START_TEST(page_uniform_answers)
{
	struct mem_attr a;
	unsigned p, u;
	const unsigned rwx = MPU_PERM_R | MPU_PERM_W | MPU_PERM_X;

	/* MPU off: the default map. */
	ck_assert(uniform(0x20000000, &p, &u, &a));
	ck_assert_uint_eq(p, rwx);
	ck_assert_uint_eq(u, rwx);
	ck_assert(uniform(0x40000000, &p, &u, &a));
	ck_assert_uint_eq(p, MPU_PERM_R | MPU_PERM_W);
	ck_assert(a.device);

	region(0, 0x20000000, SIZE(16) | AP(2) | TEX(1) | RASR_EN); /* 64K, user RO */
	region(1, 0x20004400, SIZE(10) | AP(3) | RASR_EN);          /* 1K inside a page */
	region(2, 0x20008000, SIZE(13) | AP(6) | RASR_XN | SRD(0x0f) | RASR_EN); /* 8K */
	region(3, 0x2000c000, SIZE(14) | AP(3) | SRD(0x0c) | RASR_EN); /* 16K, 2K subregions */
	wr(MPU_CTRL, CTRL_ENABLE);

	ck_assert(uniform(0x20000000, &p, &u, &a));
	ck_assert_uint_eq(p, rwx);
	ck_assert_uint_eq(u, MPU_PERM_R | MPU_PERM_X);
	ck_assert(!a.cacheable);
	ck_assert(!uniform(0x20004000, &p, &u, &a)); /* the 1K region is inside */
	ck_assert(uniform(0x20003000, &p, &u, &a));
	/* 8K region, 1K subregions 0-3 disabled: its first page falls
	 * through to region 0, its second is region 2's. */
	ck_assert(uniform(0x20008000, &p, &u, &a));
	ck_assert_uint_eq(p, rwx);
	ck_assert(uniform(0x20009000, &p, &u, &a));
	ck_assert_uint_eq(p, MPU_PERM_R);
	ck_assert_uint_eq(u, MPU_PERM_R);
	/* 16K region with subregions 2 and 3 disabled: page 0x2000d000
	 * holds subregions 2 and 3 (both off), page 0x2000c000 0 and 1. */
	ck_assert(uniform(0x2000c000, &p, &u, &a));
	ck_assert_uint_eq(u, rwx);
	ck_assert(uniform(0x2000d000, &p, &u, &a));
	ck_assert_uint_eq(u, MPU_PERM_R | MPU_PERM_X); /* region 0 */
	region(3, 0x2000c000, SIZE(14) | AP(3) | SRD(0x04) | RASR_EN);
	ck_assert(!uniform(0x2000d000, &p, &u, &a));
	/* A higher region covering the page hides the partial one below. */
	region(7, 0x20004000, SIZE(12) | AP(1) | RASR_EN);
	ck_assert(uniform(0x20004000, &p, &u, &a));
	ck_assert_uint_eq(p, rwx);
	ck_assert_uint_eq(u, 0);
	/* No region, no PRIVDEFENA: nobody. With it: privileged only. */
	ck_assert(uniform(0x30000000, &p, &u, &a));
	ck_assert_uint_eq(p, 0);
	wr(MPU_CTRL, CTRL_ENABLE | CTRL_PRIVDEFENA);
	ck_assert(uniform(0x30000000, &p, &u, &a));
	ck_assert_uint_eq(p, rwx);
	ck_assert_uint_eq(u, 0);
	/* The PPB is the default map's whatever the regions say. */
	region(6, 0xe0000000, SIZE(20) | AP(0) | RASR_EN);
	ck_assert(uniform(0xe000e000, &p, &u, &a));
	ck_assert_uint_eq(p, MPU_PERM_R | MPU_PERM_W);
}
END_TEST

START_TEST(page_exec_classes)
{
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x1000), MPU_EXEC_ALL);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x40000000), MPU_EXEC_NONE);
	region(0, 0, SIZE(16) | AP(1) | RASR_EN);  /* privileged only */
	wr(MPU_CTRL, CTRL_ENABLE | CTRL_HFNMIENA);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x1000), MPU_EXEC_PRIV);
	region(0, 0, SIZE(16) | AP(5) | RASR_EN);  /* privileged read-only */
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x1000), MPU_EXEC_PRIV);
	region(0, 0, SIZE(16) | AP(6) | RASR_EN);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x1000), MPU_EXEC_ALL);
	region(0, 0, SIZE(16) | AP(6) | RASR_XN | RASR_EN);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x1000), MPU_EXEC_NONE);
	region(0, 0, SIZE(16) | AP(6) | RASR_EN);
	/* A region boundary inside the page. */
	region(2, 0x1400, SIZE(10) | AP(6) | RASR_XN | RASR_EN);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x1000), MPU_EXEC_NONE);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x2000), MPU_EXEC_ALL);
	/* Executable through the MPU but XN in the default map, which
	 * applies in HardFault with HFNMIENA clear: never cached. */
	region(1, 0x40000000, SIZE(12) | AP(6) | RASR_EN);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x40000000), MPU_EXEC_ALL);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x40000000), MPU_EXEC_NONE);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x2000), MPU_EXEC_ALL);
	/* PRIVDEFENA background: privileged only. */
	wr(MPU_CTRL, CTRL_ENABLE | CTRL_PRIVDEFENA);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x20000000), MPU_EXEC_PRIV);
	wr(MPU_CTRL, CTRL_ENABLE);
	ck_assert_int_eq(cpu_mpu_page_exec(cpu, 0x20000000), MPU_EXEC_NONE);
}
END_TEST

/* --- instruction fetch through the core ----------------------------------- */

static void put_code(uint32_t a, const uint16_t *code, size_t bytes)
{
	ck_assert_int_eq(bus_load(&bus, a, code, (uint32_t)bytes), BUS_OK);
}

static enum cpu_state run_at(uint32_t pc)
{
	enum cpu_state st = CPU_RUNNING;
	fault_seen = false;
	cpu_set_reg(cpu, 15, pc);
	for (int i = 0; i < 100 && st == CPU_RUNNING; i++) {
		st = cpu_run(cpu, sched_now(&sch) + PS_PER_MS);
		sched_run_until(&sch, sched_now(&sch));
	}
	return st;
}

/* Leave the handler state the fault left behind (the tests restart the
 * core at a new PC in thread mode). */
static void back_to_thread(void)
{
	cpu->ipsr = 0;
	cpu->control = 0;
	wr(0xe000ed0cu, 0x05fa0002u); /* AIRCR.VECTCLRACTIVE */
	wr(SCB_CFSR, rd(SCB_CFSR));
	wr(SCB_HFSR, rd(SCB_HFSR));
}

START_TEST(fetch_from_xn_faults_even_when_decoded_before)
{
	static const uint16_t code[] = { 0xbf00, 0xbf00, 0xbe00 }; /* nop; nop; bkpt #0 */
	put_code(CODE, code, sizeof code);
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
	ck_assert(!fault_seen); /* decoded and cached now */

	region(0, 0, SIZE(32) | AP(3) | RASR_EN);
	region(1, CODE, SIZE(12) | AP(3) | RASR_XN | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	wr(SCB_SHCSR, 1u << 16); /* MEMFAULTENA */
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, 4);
	uint32_t cfsr = rd(SCB_CFSR);
	ck_assert_uint_eq(cfsr & 0xff, 0x01); /* IACCVIOL, MMARVALID clear */
	/* The stacked return address is the faulting instruction. */
	uint32_t frame_pc;
	ck_assert_int_eq(bus_peek(&bus, cpu_reg(cpu, 13) + 24, &frame_pc, 4), BUS_OK);
	ck_assert_uint_eq(frame_pc, CODE);

	/* MemManage disabled: HardFault, FORCED. */
	back_to_thread();
	wr(SCB_SHCSR, 0);
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, 3);
	ck_assert_uint_eq(rd(SCB_CFSR) & 0xff, 0x01);
	ck_assert(rd(SCB_HFSR) & (1u << 30));

	/* Back to executable: runs again. */
	back_to_thread();
	region(1, CODE, SIZE(12) | AP(3) | RASR_EN);
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
	ck_assert(!fault_seen);
}
END_TEST

START_TEST(region_change_drops_only_its_pages)
{
	static const uint16_t code[] = { 0xbf00, 0xbf00, 0xbe00 }; /* nop; nop; bkpt #0 */
	put_code(CODE, code, sizeof code);
	put_code(0x3000, code, sizeof code);
	region(0, 0, SIZE(16) | AP(3) | RASR_EN);
	region(2, 0x20000000, SIZE(16) | AP(3) | RASR_XN | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	wr(SCB_SHCSR, 1u << 16);
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
	ck_assert_int_eq(run_at(0x3000), CPU_STOPPED);
	ck_assert(!fault_seen);
	ck_assert_ptr_nonnull(cpu->dc->pages[CODE >> BUS_PAGE_SHIFT]);
	ck_assert_ptr_nonnull(cpu->dc->pages[0x3000 >> BUS_PAGE_SHIFT]);

	/* A 4 KiB XN region over the first code page, MPU on all along. */
	region(1, CODE, SIZE(12) | AP(3) | RASR_XN | RASR_EN);
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, 4);
	ck_assert_uint_eq(rd(SCB_CFSR) & 0xff, 0x01);
	/* The other page kept its decoded instructions. */
	ck_assert_ptr_nonnull(cpu->dc->pages[0x3000 >> BUS_PAGE_SHIFT]);
	back_to_thread();
	ck_assert_int_eq(run_at(0x3000), CPU_STOPPED);
	ck_assert(!fault_seen);

	/* Moving the region (RBAR alone) frees the first page and covers
	 * the second: both answers change. */
	wr(MPU_RNR, 1);
	wr(MPU_RBAR, 0x3000);
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
	ck_assert(!fault_seen);
	ck_assert_int_eq(run_at(0x3000), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(rd(SCB_CFSR) & 0xff, 0x01);
}
END_TEST

START_TEST(fetch_checks_the_second_halfword)
{
	/* A 32-bit instruction whose second halfword is in an XN region:
	 * region 1 (32 bytes at CODE + 0x20) is XN; code ends at +0x1e. */
	static const uint16_t nops[15] = { 0xbf00, 0xbf00, 0xbf00, 0xbf00, 0xbf00, 0xbf00,
					   0xbf00, 0xbf00, 0xbf00, 0xbf00, 0xbf00, 0xbf00,
					   0xbf00, 0xbf00, 0xbf00 };
	static const uint16_t nop_w[] = { 0xf3af, 0x8000, 0xbe00 }; /* nop.w; bkpt */
	put_code(CODE, nops, sizeof nops);
	put_code(CODE + 0x1e, nop_w, sizeof nop_w);
	region(0, 0, SIZE(32) | AP(3) | RASR_EN);
	region(1, CODE + 0x20, SIZE(5) | AP(3) | RASR_XN | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	wr(SCB_SHCSR, 1u << 16);
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, 4);
	ck_assert_uint_eq(rd(SCB_CFSR) & 0xff, 0x01);
	uint32_t frame_pc;
	ck_assert_int_eq(bus_peek(&bus, cpu_reg(cpu, 13) + 24, &frame_pc, 4), BUS_OK);
	ck_assert_uint_eq(frame_pc, CODE + 0x1e);
}
END_TEST

START_TEST(privileged_only_code_faults_after_dropping_privilege)
{
	/* movs r0, #1; msr control, r0; isb; nop; bkpt #0 */
	static const uint16_t code[] = { 0x2001, 0xf380, 0x8814, 0xf3bf, 0x8f6f,
					 0xbf00, 0xbe00 };
	put_code(CODE, code, sizeof code);
	region(0, 0, SIZE(32) | AP(3) | RASR_EN);
	region(1, CODE, SIZE(12) | AP(1) | RASR_EN); /* privileged RW, executable */
	wr(MPU_CTRL, CTRL_ENABLE);
	wr(SCB_SHCSR, 1u << 16);
	/* Privileged, from the ISB on: runs, and is cached (with a
	 * privilege check in each entry). */
	ck_assert_int_eq(run_at(CODE + 6), CPU_STOPPED);
	ck_assert(!fault_seen);
	ck_assert_ptr_nonnull(cpu->dc->pages[CODE >> BUS_PAGE_SHIFT]);
	for (int pass = 0; pass < 2; pass++) {
		ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
		ck_assert(fault_seen);
		ck_assert_uint_eq(fault_ipsr, 4);
		ck_assert_uint_eq(rd(SCB_CFSR) & 0xff, 0x01);
		uint32_t frame_pc;
		ck_assert_int_eq(bus_peek(&bus, cpu_reg(cpu, 13) + 24, &frame_pc, 4), BUS_OK);
		/* The instruction after the MSR (the ISB) is fetched
		 * unprivileged already. */
		ck_assert_uint_eq(frame_pc, CODE + 6);
		back_to_thread();
	}
}
END_TEST

START_TEST(vector_reads_ignore_the_mpu)
{
	static const uint16_t code[] = { 0xde00 }; /* udf #0 */
	put_code(CODE, code, sizeof code);
	/* Everything no-access except the code and the handler. */
	region(0, 0, SIZE(32) | AP(0) | RASR_EN);
	region(1, 0, SIZE(16) | AP(3) | SRD(0x01) | RASR_EN); /* 0x0000..0x1fff hole */
	region(2, 0x40, SIZE(5) | AP(6) | RASR_EN);            /* the handler */
	region(3, CODE, SIZE(12) | AP(6) | RASR_EN);
	region(4, 0x20000000, SIZE(16) | AP(3) | RASR_XN | RASR_EN); /* stack */
	wr(MPU_CTRL, CTRL_ENABLE);
	struct mem_attr a;
	ck_assert(!cpu_mpu_check(cpu, 0x0c, 4, MEM_READ, false, &a));
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, 3); /* UsageFault disabled: HardFault */
	ck_assert_uint_eq(rd(SCB_CFSR), 1u << 16);
}
END_TEST


/* --- unprivileged loads and stores (LDRT...) ------------------------------ */

#define SCB_BFAR 0xe000ed38u
#define SCB_ICSR 0xe000ed04u
#define SCB_SHPR3 0xe000ed20u
#define PRIV_ONLY 0x20002000u  /* region 1: privileged RW, unprivileged none */
#define USER_RO 0x20003000u    /* region 2: privileged RW, unprivileged RO */

static void unpriv_regions(void)
{
	region(0, 0, SIZE(32) | AP(3) | RASR_EN);
	region(1, PRIV_ONLY, SIZE(12) | AP(1) | RASR_EN);
	region(2, USER_RO, SIZE(12) | AP(2) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	wr(SCB_SHCSR, (1u << 16) | (1u << 17)); /* MEMFAULTENA, BUSFAULTENA */
}

/* Run one 32-bit instruction then BKPT #0, privileged, with r1 = addr. */
static void run_one(uint16_t hw1, uint16_t hw2, uint32_t addr, uint32_t r0)
{
	const uint16_t code[] = { hw1, hw2, 0xbe00 };
	put_code(CODE, code, sizeof code);
	back_to_thread();
	cpu_set_reg(cpu, 0, r0);
	cpu_set_reg(cpu, 1, addr);
	ck_assert_int_eq(run_at(CODE), CPU_STOPPED);
}

START_TEST(ldrt_checks_as_unprivileged)
{
	uint32_t v = 0x80818283u;
	unpriv_regions();
	ck_assert_int_eq(bus_load(&bus, PRIV_ONLY, &v, 4), BUS_OK);
	ck_assert_int_eq(bus_load(&bus, USER_RO, &v, 4), BUS_OK);

	run_one(0xf8d1, 0x0000, PRIV_ONLY, 0); /* ldr.w r0, [r1] */
	ck_assert(!fault_seen);
	ck_assert_uint_eq(cpu_reg(cpu, 0), 0x80818283u);

	run_one(0xf851, 0x0e00, PRIV_ONLY, 7); /* ldrt r0, [r1] */
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, 4);
	ck_assert_uint_eq(rd(SCB_CFSR) & 0xff, 0x82); /* DACCVIOL, MMARVALID */
	ck_assert_uint_eq(rd(SCB_MMFAR), PRIV_ONLY);

	/* Every form, each size: the user may read USER_RO but not write it. */
	run_one(0xf851, 0x0e00, USER_RO, 0); /* ldrt r0, [r1] */
	ck_assert(!fault_seen);
	ck_assert_uint_eq(cpu_reg(cpu, 0), 0x80818283u);
	run_one(0xf911, 0x0e01, USER_RO, 0); /* ldrsbt r0, [r1, #1] */
	ck_assert(!fault_seen);
	ck_assert_uint_eq(cpu_reg(cpu, 0), 0xffffff82u);
	run_one(0xf811, 0x0e01, USER_RO, 0); /* ldrbt r0, [r1, #1] */
	ck_assert_uint_eq(cpu_reg(cpu, 0), 0x82u);
	run_one(0xf931, 0x0e02, USER_RO, 0); /* ldrsht r0, [r1, #2] */
	ck_assert_uint_eq(cpu_reg(cpu, 0), 0xffff8081u);
	run_one(0xf831, 0x0e02, USER_RO, 0); /* ldrht r0, [r1, #2] */
	ck_assert(!fault_seen);
	ck_assert_uint_eq(cpu_reg(cpu, 0), 0x8081u);

	static const uint16_t stores[] = { 0xf841, 0xf821, 0xf801 }; /* strt, strht, strbt */
	for (unsigned i = 0; i < 3; i++) {
		run_one(stores[i], 0x0e04, USER_RO, 0x11223344u);
		ck_assert(fault_seen);
		ck_assert_uint_eq(rd(SCB_CFSR) & 0xff, 0x82);
		ck_assert_uint_eq(rd(SCB_MMFAR), USER_RO + 4);
		uint32_t m;
		ck_assert_int_eq(bus_peek(&bus, USER_RO + 4, &m, 4), BUS_OK);
		ck_assert_uint_eq(m, 0); /* not written */
	}
	/* The normal store is privileged and succeeds. */
	run_one(0xf8c1, 0x0004, USER_RO, 0x11223344u); /* str.w r0, [r1, #4] */
	ck_assert(!fault_seen);
	uint32_t m;
	ck_assert_int_eq(bus_peek(&bus, USER_RO + 4, &m, 4), BUS_OK);
	ck_assert_uint_eq(m, 0x11223344u);
	/* And STRT where the user may write. */
	run_one(0xf801, 0x0e08, 0x20004000u, 0x55u); /* strbt r0, [r1, #8] */
	ck_assert(!fault_seen);
	ck_assert_int_eq(bus_peek(&bus, 0x20004008u, &m, 4), BUS_OK);
	ck_assert_uint_eq(m, 0x55u);
}
END_TEST

START_TEST(ldrt_to_the_scs_is_a_busfault)
{
	/* MPU off: only the SCS's own rule applies. */
	wr(SCB_SHCSR, 1u << 17);
	run_one(0xf8d1, 0x0000, 0xe000ed00u, 0); /* ldr.w r0, [r1]: CPUID */
	ck_assert(!fault_seen);
	ck_assert_uint_eq(cpu_reg(cpu, 0), 0x410fc241u);
	run_one(0xf851, 0x0e00, 0xe000ed00u, 0); /* ldrt r0, [r1] */
	ck_assert(fault_seen);
	ck_assert_uint_eq(fault_ipsr, 5);
	ck_assert_uint_eq(rd(SCB_CFSR), (1u << FAULT_PRECISERR) | (1u << 15)); /* BFARVALID */
	ck_assert_uint_eq(rd(SCB_BFAR), 0xe000ed00u);
	ck_assert_uint_eq(cpu_reg(cpu, 0), 0);
	/* STRT to SHPR3 is refused as well, the register keeps its value. */
	run_one(0xf841, 0x0e00, SCB_SHPR3, 0xe0000000u); /* strt r0, [r1] */
	ck_assert(fault_seen);
	ck_assert_uint_eq(rd(SCB_SHPR3), 0);
}
END_TEST

/* --- exception stacking and unstacking through the MPU -------------------- */

#define THREAD_SP 0x20003800u /* inside USER_RO */

/* Thread mode on the process stack at `psp`, privileged or not, with
 * PendSV (lowest priority) pending; MSP stays at STACK_TOP. */
static void thread_on_psp(uint32_t psp, bool priv)
{
	back_to_thread();
	wr(SCB_SHPR3, 0xe0u << 16);      /* PendSV below MemManage */
	wr(SCB_ICSR, 1u << 28);          /* PENDSVSET */
	cpu->control = priv ? 2 : 3;     /* SPSEL, and nPRIV unless priv */
	cpu->sp_main = STACK_TOP;
	cpu->r[13] = psp;
	cpu->r[0] = 0xa0a0a0a0u;
}

static uint32_t peek(uint32_t a)
{
	uint32_t v;
	ck_assert_int_eq(bus_peek(&bus, a, &v, 4), BUS_OK);
	return v;
}

START_TEST(stacking_checks_the_interrupted_privilege)
{
	unpriv_regions();
	/* Privileged thread: may write USER_RO, the frame is pushed. */
	thread_on_psp(THREAD_SP, true);
	cpu_exc_check(cpu);
	ck_assert_uint_eq(cpu->ipsr, EXC_PENDSV);
	ck_assert_uint_eq(rd(SCB_CFSR), 0);
	ck_assert_uint_eq(peek(THREAD_SP - 0x20), 0xa0a0a0a0u);

	/* Unprivileged thread: the push is refused, MSTKERR (no MMFAR),
	 * nothing written; MemManage preempts the PendSV handler. */
	uint32_t zero[8] = { 0 };
	ck_assert_int_eq(bus_load(&bus, THREAD_SP - 0x20, zero, sizeof zero), BUS_OK);
	thread_on_psp(THREAD_SP, false);
	cpu_exc_check(cpu);
	ck_assert_uint_eq(cpu->ipsr, EXC_PENDSV);
	ck_assert_uint_eq(rd(SCB_CFSR), 1u << FAULT_MSTKERR);
	ck_assert_uint_eq(rd(SCB_HFSR), 0);
	ck_assert_uint_eq(cpu->sp_process, THREAD_SP - 0x20); /* the SP moved anyway */
	ck_assert_uint_eq(peek(THREAD_SP - 0x20), 0);
	cpu_exc_check(cpu);
	ck_assert_uint_eq(cpu->ipsr, EXC_MEMMANAGE);

	/* MemManage disabled: escalated to HardFault, FORCED. */
	back_to_thread();
	wr(SCB_SHCSR, 0);
	thread_on_psp(THREAD_SP, false);
	cpu_exc_check(cpu);
	ck_assert_uint_eq(rd(SCB_CFSR), 1u << FAULT_MSTKERR);
	ck_assert_uint_eq(rd(SCB_HFSR), 1u << 30);
	cpu_exc_check(cpu);
	ck_assert_uint_eq(cpu->ipsr, EXC_HARDFAULT);
	ck_assert(!cpu->locked_up);
}
END_TEST

START_TEST(stacking_fault_in_hardfault_entry_locks_up)
{
	/* The main stack in a no-access region: the PendSV push faults,
	 * escalates, and the HardFault push (still on that stack, at the
	 * interrupted priority, so the MPU applies) locks up. */
	region(0, 0, SIZE(32) | AP(3) | RASR_EN);
	region(1, 0x20006000u, SIZE(13) | AP(0) | RASR_EN);
	wr(MPU_CTRL, CTRL_ENABLE);
	back_to_thread();
	wr(SCB_ICSR, 1u << 28);
	cpu->r[13] = 0x20007000u;
	cpu_exc_check(cpu);
	ck_assert_uint_eq(cpu->ipsr, EXC_PENDSV);
	ck_assert_uint_eq(rd(SCB_CFSR), 1u << FAULT_MSTKERR);
	cpu_exc_check(cpu);
	ck_assert(cpu->locked_up);
	ck_assert_ptr_nonnull(strstr(cpu->lockup_reason, "MPU violation while stacking"));
}
END_TEST

START_TEST(unstacking_checks_the_returning_privilege)
{
	unpriv_regions();
	for (int priv = 1; priv >= 0; priv--) {
		/* Stack in a region the user may write, then make it
		 * privileged-only while the handler runs. */
		region(2, USER_RO, SIZE(12) | AP(3) | RASR_EN);
		thread_on_psp(THREAD_SP, priv);
		cpu_exc_check(cpu);
		ck_assert_uint_eq(cpu->ipsr, EXC_PENDSV);
		ck_assert_uint_eq(rd(SCB_CFSR), 0);
		region(2, USER_RO, SIZE(12) | AP(1) | RASR_EN);
		cpu_exc_return(cpu, cpu->r[14]);
		if (priv) {
			ck_assert_uint_eq(cpu->ipsr, 0);
			ck_assert_uint_eq(cpu->r[0], 0xa0a0a0a0u);
			ck_assert_uint_eq(rd(SCB_CFSR), 0);
		} else {
			/* MUNSTKERR, taken by tail-chaining on the frame
			 * that stays on the stack. */
			ck_assert_uint_eq(cpu->ipsr, EXC_MEMMANAGE);
			ck_assert_uint_eq(rd(SCB_CFSR), 1u << FAULT_MUNSTKERR);
			ck_assert_uint_eq(cpu->r[14], 0xfffffffdu);
		}
	}
}
END_TEST

static Suite *mpu_suite(void)
{
	Suite *s = suite_create("mpu");
	TCase *t = tcase_create("registers");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, type_reports_the_configured_regions);
	tcase_add_test(t, no_mpu_is_raz_wi);
	tcase_add_test(t, registers_keep_their_implemented_bits);
	tcase_add_test(t, rbar_valid_selects_the_region);
	tcase_add_test(t, aliases_program_several_regions);
	tcase_add_test(t, reset_disables_everything);
	tcase_add_test(t, register_access_is_word_only);
	suite_add_tcase(s, t);

	t = tcase_create("checks");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, highest_numbered_region_wins);
	tcase_add_test(t, base_is_aligned_down_to_the_size);
	tcase_add_test(t, size_below_32_bytes_matches_nothing);
	tcase_add_test(t, whole_address_space_region);
	tcase_add_test(t, subregions_fall_through);
	tcase_add_test(t, subregions_ignored_below_256_bytes);
	tcase_add_test(t, every_ap_value);
	tcase_add_test(t, unprivileged_forms_check_as_user);
	tcase_add_test(t, xn_forbids_fetch_only);
	tcase_add_test(t, privdefena_background);
	tcase_add_test(t, hfnmiena_at_negative_priority);
	tcase_add_test(t, ppb_uses_the_default_map);
	tcase_add_test(t, access_across_a_boundary_checks_both_sides);
	suite_add_tcase(s, t);

	t = tcase_create("attributes");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, every_tex_c_b_combination);
	tcase_add_test(t, default_map);
	tcase_add_test(t, privdefena_background_attributes);
	tcase_add_test(t, page_uniform_answers);
	tcase_add_test(t, page_exec_classes);
	suite_add_tcase(s, t);

	t = tcase_create("fetch");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, fetch_from_xn_faults_even_when_decoded_before);
	tcase_add_test(t, region_change_drops_only_its_pages);
	tcase_add_test(t, fetch_checks_the_second_halfword);
	tcase_add_test(t, privileged_only_code_faults_after_dropping_privilege);
	tcase_add_test(t, vector_reads_ignore_the_mpu);
	suite_add_tcase(s, t);

	t = tcase_create("unprivileged and stacking");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, ldrt_checks_as_unprivileged);
	tcase_add_test(t, ldrt_to_the_scs_is_a_busfault);
	tcase_add_test(t, stacking_checks_the_interrupted_privilege);
	tcase_add_test(t, stacking_fault_in_hardfault_entry_locks_up);
	tcase_add_test(t, unstacking_checks_the_returning_privilege);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(mpu_suite());
}
