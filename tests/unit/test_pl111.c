/*
 * Unit tests for the PL111 CLCD controller, the DRAM controller's stream
 * (dramc_stream) it scans out through, and the PWM: through bus_read and
 * bus_write on a bus with the devices mapped, a real scheduler advancing
 * simulated time, and a real DRAM controller in front of a RAM region that
 * holds the framebuffer. Interrupts are checked without register accesses
 * in between, so that they prove the model's own events.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/dramc.h"
#include "devices/pl111.h"
#include "devices/pwm.h"
#include "pm/meter.h"
#include "check_run.h"

#define BASE 0x40040000u
#define PWM_BASE 0x40041000u
#define FB 0x60000000u
#define FB_SIZE 0x00100000u
#define CLK 24000000u /* CLCDCLK */
#define PANEL_W 0.030

enum {
	TIM0 = 0x00, TIM1 = 0x04, TIM2 = 0x08, TIM3 = 0x0c, UPBASE = 0x10, LPBASE = 0x14,
	CONTROL = 0x18, IMSC = 0x1c, RIS = 0x20, MIS = 0x24, ICR = 0x28, UPCURR = 0x2c,
	LPCURR = 0x30, PALETTE = 0x200,
};

#define EN 0x001u
#define BPP16_565 (6u << 1)
#define BPP16_555 (4u << 1)
#define BPP24 (5u << 1)
#define BPP8 (3u << 1)
#define TFT 0x020u
#define BGR 0x100u
#define PWR 0x800u
#define VCOMP(n) ((uint32_t)(n) << 12)

#define I_FUF 0x02u
#define I_LNBU 0x04u
#define I_VCOMP 0x08u
#define I_MBERROR 0x10u

/* A 320 × 240 panel: lines of 10 + 20 + 320 + 10 pixel clocks, frames of
 * 2 + 2 + 240 + 4 lines, a 6 MHz pixel clock (24 MHz / (PCD 2 + 2)). */
#define W 320u
#define H 240u
#define TIM0_V ((19u << 24) | (9u << 16) | (9u << 8) | (19u << 2))
#define TIM1_V ((2u << 24) | (4u << 16) | (1u << 10) | 239u)
#define TIM2_V ((319u << 16) | 2u)
#define LINE_CLKS (360u * 4u)
#define LINE_PS ((simtime_t)LINE_CLKS * PS_PER_S / CLK)          /* 60 us */
#define FRAME_PS (248u * LINE_PS)                                /* 14.88 ms */
#define BACK_AT (2u * LINE_PS)   /* start of the back porch */
#define ACTIVE_AT (4u * LINE_PS) /* start of the active lines */
#define FRONT_AT (244u * LINE_PS)
#define FRAME_BYTES (W * H * 2u)

static struct {
	struct sched s;
	struct bus b;
	struct pl111 *p;
	struct dramc *d;
	int level, irq_changes;
	/* The stream calls. */
	unsigned nstream;
	simtime_t st_now[64], st_until[64];
	uint32_t st_addr[64];
	uint64_t st_bytes[64];
	bool to_dram;
	/* The trace. */
	struct trace tr;
	int64_t tr_value[16];
	unsigned ntr;
} R;

static void irq_record(void *opaque, int num, int level)
{
	ck_assert_int_eq(num, 9);
	R.level = level;
	R.irq_changes++;
}

static simtime_t stream_record(void *opaque, simtime_t now, uint32_t addr, uint64_t bytes,
			       simtime_t until)
{
	ck_assert_uint_lt(R.nstream, 64);
	R.st_now[R.nstream] = now;
	R.st_until[R.nstream] = until;
	R.st_addr[R.nstream] = addr;
	R.st_bytes[R.nstream++] = bytes;
	if (!bus_host_ptr(&R.b, addr, (uint32_t)bytes))
		return PL111_STREAM_FAULT;
	return R.to_dram ? dramc_stream(R.d, now, bytes, until) : 0;
}

static void trace_record(void *opaque, simtime_t t, const char *component, const char *var,
			 int64_t value, const char *label)
{
	ck_assert_str_eq(component, "clcd");
	ck_assert_str_eq(var, "state");
	ck_assert_uint_lt(R.ntr, 16);
	R.tr_value[R.ntr++] = value;
}

static void setup_dram(simtime_t txs_ps)
{
	memset(&R, 0, sizeof R);
	sched_init(&R.s);
	ck_assert_int_eq(bus_init(&R.b), 0);
	ck_assert_int_ge(bus_add_ram(&R.b, "dram", FB, FB_SIZE, false), 0);
	struct dramc_params dp;
	dramc_default_params(&dp);
	dp.mem_base = FB;
	dp.mem_size = FB_SIZE;
	dp.pd_idle_ps = PS_PER_US;
	dp.txs_ps = txs_ps;
	R.d = dramc_new(&R.b, &R.s, 0, &dp);
	ck_assert_ptr_nonnull(R.d);
	R.to_dram = true;
	struct pl111_config cfg = { CLK, PANEL_W, "clcd" };
	R.p = pl111_new(&R.b, &R.s, BASE, &cfg, (struct irq_line){ irq_record, &R, 9 });
	ck_assert_ptr_nonnull(R.p);
	pl111_set_stream(R.p, stream_record, &R);
	R.tr.sinks[0] = (struct trace_sink){ trace_record, &R };
	R.tr.nsinks = 1;
	pl111_set_trace(R.p, &R.tr);
}

static void setup(void)
{
	setup_dram(140 * PS_PER_NS);
}

static void teardown(void)
{
	pl111_free(R.p);
	dramc_free(R.d);
	bus_free(&R.b);
	sched_free(&R.s);
}

static uint32_t rd(uint32_t off)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&R.b, BASE + off, 4, &v), BUS_OK);
	return v;
}

static void wr(uint32_t off, uint32_t v)
{
	ck_assert_int_eq(bus_write(&R.b, BASE + off, 4, v), BUS_OK);
}

static void run_to(simtime_t t)
{
	sched_run_until(&R.s, t);
}

/* The 320 × 240 timing, the framebuffer at FB. */
static void program(uint32_t control)
{
	wr(TIM0, TIM0_V);
	wr(TIM1, TIM1_V);
	wr(TIM2, TIM2_V);
	wr(UPBASE, FB);
	wr(CONTROL, control);
}

/* ---- registers ------------------------------------------------------------ */

START_TEST(test_reset_values_and_ids)
{
	for (uint32_t off = 0; off <= LPCURR; off += 4)
		ck_assert_uint_eq(rd(off), 0);
	ck_assert_uint_eq(rd(PALETTE), 0);
	static const uint32_t id[8] = { 0x11, 0x11, 0x24, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(rd(0xfe0 + 4 * i), id[i]);
	ck_assert_int_eq(R.level, 0);
	/* Nothing runs out of reset. */
	run_to(PS_PER_S);
	ck_assert_uint_eq(R.s.dispatched, 0);
	ck_assert_uint_eq(R.nstream, 0);
	ck_assert_uint_eq(R.ntr, 1);
	ck_assert_int_eq(R.tr_value[0], 1); /* idle */
}
END_TEST

START_TEST(test_register_masks)
{
	static const struct { uint32_t off, mask; } regs[] = {
		{ TIM0, 0xfffffffc }, { TIM1, 0xffffffff }, { TIM2, 0xffff7fff },
		{ TIM3, 0x0001007f }, { UPBASE, 0xfffffff8 }, { LPBASE, 0xfffffff8 },
		{ IMSC, 0x1e }, { PALETTE + 0x1fc, 0xffffffff },
	};
	for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++) {
		wr(regs[i].off, 0xffffffff);
		ck_assert_uint_eq(rd(regs[i].off), regs[i].mask);
	}
	wr(CONTROL, 0xffffffff & ~EN);
	ck_assert_uint_eq(rd(CONTROL), 0x13ffe);
	/* RIS, MIS, the current addresses and the IDs are read-only. */
	wr(RIS, 0x1e);
	wr(0xfe0, 0);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_uint_eq(rd(0xfe0), 0x11);
	/* Word accesses only. */
	uint32_t v;
	ck_assert_int_ne(bus_read(&R.b, BASE + TIM0, 2, &v), BUS_OK);
}
END_TEST

/* ---- timing and interrupts ------------------------------------------------ */

START_TEST(test_frame_period_from_timing_and_clock)
{
	program(TFT | BPP16_565);
	ck_assert_uint_eq(pl111_frame_ps(R.p), FRAME_PS);
	ck_assert_uint_eq(FRAME_PS, 14880 * PS_PER_US);
	/* BCD: the pixel clock is CLCDCLK itself, four times as fast. */
	wr(TIM2, TIM2_V | (1u << 26));
	ck_assert_uint_eq(pl111_frame_ps(R.p), FRAME_PS / 4);
	/* PCD's high bits (31:27) extend the divider: 34 + 2. */
	wr(TIM2, (1u << 27) | 2u);
	ck_assert_uint_eq(pl111_frame_ps(R.p), FRAME_PS * 36 / 4);
	pl111_set_clock(R.p, 0);
	ck_assert_uint_eq(pl111_frame_ps(R.p), 0);
}
END_TEST

/* One frame's events: four phases, each its own event. */
START_TEST(test_vertical_compare_at_each_phase)
{
	static const simtime_t at[4] = { 0, BACK_AT, ACTIVE_AT, FRONT_AT };
	for (unsigned ph = 0; ph < 4; ph++) {
		teardown();
		setup();
		run_to(PS_PER_MS);
		simtime_t t0 = sched_now(&R.s);
		wr(IMSC, I_VCOMP);
		program(TFT | BPP16_565 | EN | VCOMP(ph));
		/* Sync starts at once: compare 0 fires at the write. */
		ck_assert_int_eq(R.level, ph == 0);
		wr(ICR, I_VCOMP);
		ck_assert_int_eq(R.level, 0);
		if (ph) {
			run_to(t0 + at[ph] - 1);
			ck_assert_int_eq(R.level, 0);
			run_to(t0 + at[ph]);
			ck_assert_int_eq(R.level, 1);
			ck_assert_uint_eq(rd(MIS), I_VCOMP);
			wr(ICR, I_VCOMP);
		}
		/* And again one frame later, exactly. */
		run_to(t0 + FRAME_PS + at[ph] - 1);
		ck_assert_int_eq(R.level, 0);
		run_to(t0 + FRAME_PS + at[ph]);
		ck_assert_int_eq(R.level, 1);
	}
}
END_TEST

START_TEST(test_next_base_update_every_frame)
{
	wr(IMSC, I_LNBU);
	program(TFT | BPP16_565 | EN);
	ck_assert_int_eq(R.level, 1);
	/* VComp at its reset value 0 is raised at the sync too. */
	ck_assert_uint_eq(rd(RIS), I_LNBU | I_VCOMP);
	wr(ICR, I_LNBU);
	/* A new base is taken at the next frame, not before. */
	wr(UPBASE, FB + 0x40000);
	run_to(FRAME_PS - 1);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(UPCURR), FB + 320 * 2 * 240);
	run_to(FRAME_PS);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(UPCURR), FB + 0x40000);
	/* Masked: raw status only. */
	wr(IMSC, 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS), I_LNBU | I_VCOMP);
	ck_assert_uint_eq(rd(MIS), 0);
	/* Four events a frame, over ten frames. */
	uint64_t before = R.s.dispatched;
	run_to(11 * FRAME_PS);
	ck_assert_uint_eq(R.s.dispatched - before, 40);
}
END_TEST

START_TEST(test_upcurr_follows_the_active_lines)
{
	program(TFT | BPP16_565 | EN | PWR);
	run_to(ACTIVE_AT + 10 * LINE_PS + LINE_PS / 2);
	ck_assert_uint_eq(rd(UPCURR), FB + 10 * W * 2);
}
END_TEST

START_TEST(test_stopped_clock_and_disable_stop_the_frames)
{
	program(TFT | BPP16_565 | EN | PWR);
	run_to(FRAME_PS / 2);
	pl111_set_clock(R.p, 0);
	uint64_t before = R.s.dispatched;
	run_to(PS_PER_S);
	ck_assert_uint_eq(R.s.dispatched, before);
	ck_assert_uint_eq(pl111_frames(R.p), 1);
	/* The clock back: a new frame from that moment. */
	pl111_set_clock(R.p, CLK);
	run_to(PS_PER_S + BACK_AT);
	ck_assert_uint_eq(pl111_frames(R.p), 2);
	wr(CONTROL, TFT | BPP16_565);
	before = R.s.dispatched;
	run_to(2 * PS_PER_S);
	ck_assert_uint_eq(R.s.dispatched, before);
}
END_TEST

START_TEST(test_power_off_resets_retention_keeps)
{
	program(TFT | BPP16_565 | EN | PWR);
	wr(IMSC, I_LNBU);
	pl111_set_power(R.p, PD_RETENTION);
	ck_assert_double_eq(pl111_panel_meter(R.p)->watts, 0);
	uint64_t before = R.s.dispatched;
	run_to(PS_PER_S);
	ck_assert_uint_eq(R.s.dispatched, before);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + CONTROL, 4, &v), BUS_ERR_DEVICE);
	pl111_set_power(R.p, PD_ON);
	ck_assert_uint_eq(rd(CONTROL), TFT | BPP16_565 | EN | PWR);
	ck_assert_double_eq(pl111_panel_meter(R.p)->watts, PANEL_W);
	pl111_set_power(R.p, PD_OFF);
	pl111_set_power(R.p, PD_ON);
	ck_assert_uint_eq(rd(CONTROL), 0);
	ck_assert_uint_eq(rd(TIM0), 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_double_eq(pl111_panel_meter(R.p)->watts, 0);
}
END_TEST

/* ---- scan-out ---------------------------------------------------------------- */

START_TEST(test_one_stream_per_frame_during_active_lines)
{
	program(TFT | BPP16_565 | EN | PWR);
	run_to(5 * FRAME_PS + 1);
	/* Frames 0..4 fetched, frame 5 not yet at its back porch. */
	ck_assert_uint_eq(R.nstream, 5);
	for (unsigned i = 0; i < 5; i++) {
		ck_assert_uint_eq(R.st_now[i], i * FRAME_PS + BACK_AT);
		ck_assert_uint_eq(R.st_until[i], i * FRAME_PS + FRONT_AT);
		ck_assert_uint_eq(R.st_addr[i], FB);
		ck_assert_uint_eq(R.st_bytes[i], FRAME_BYTES);
	}
	ck_assert_uint_eq(pl111_frames(R.p), 5);
	ck_assert_uint_eq(pl111_bytes(R.p), 5ull * FRAME_BYTES);
	/* 24 bpp takes a word a pixel. */
	wr(CONTROL, TFT | BPP24 | EN | PWR);
	run_to(6 * FRAME_PS);
	ck_assert_uint_eq(R.st_bytes[R.nstream - 1], W * H * 4);
}
END_TEST

START_TEST(test_no_stream_without_lcdpwr)
{
	program(TFT | BPP16_565 | EN);
	run_to(3 * FRAME_PS);
	ck_assert_uint_eq(R.nstream, 0);
	ck_assert_int_eq(R.tr_value[R.ntr - 1], 2); /* on */
	/* Power on mid-frame: the next back porch fetches. */
	wr(CONTROL, TFT | BPP16_565 | EN | PWR);
	ck_assert_int_eq(R.tr_value[R.ntr - 1], 3); /* scanning */
	run_to(4 * FRAME_PS);
	ck_assert_uint_eq(R.nstream, 1);
	ck_assert_uint_eq(R.st_now[0], 3 * FRAME_PS + BACK_AT);
}
END_TEST

/* The DRAM stays in active standby from each back porch to the end of the
 * active lines, powers down in the blanking, and is charged its bursts. */
START_TEST(test_dram_held_active_during_scan_out)
{
	struct dramc_stats st;
	program(TFT | BPP16_565 | EN | PWR);
	run_to(BACK_AT + 1);
	ck_assert_int_eq(dramc_state(R.d, BACK_AT + 1), DRAMC_ACTIVE);
	ck_assert_int_eq(dramc_state(R.d, FRONT_AT - 1), DRAMC_ACTIVE);
	ck_assert_int_eq(dramc_state(R.d, FRONT_AT + PS_PER_US), DRAMC_POWER_DOWN);
	run_to(10 * FRAME_PS);
	dramc_get_stats(R.d, 10 * FRAME_PS, &st);
	ck_assert_uint_eq(st.streams, 10);
	ck_assert_uint_eq(st.stream_bytes, 10ull * FRAME_BYTES);
	ck_assert_uint_eq(st.bursts, 10ull * FRAME_BYTES / 32);
	/* One power-down between frames (and the first before frame 0). */
	ck_assert_uint_eq(st.power_down_entries, 11);
	ck_assert_uint_eq(st.self_refresh_entries, 0);
	/* Active standby from every back porch to its front porch. */
	ck_assert_uint_ge(st.time_ps[DRAMC_ACTIVE], 10 * (FRONT_AT - BACK_AT));
	ck_assert_uint_lt(st.time_ps[DRAMC_ACTIVE], 10 * (FRONT_AT - BACK_AT + 2 * PS_PER_US));
	struct dramc_params dp;
	dramc_default_params(&dp);
	double burst_j = (dp.idd4r_ua - dp.idd3n_ua) * 1e-6 * dp.vdd_uv * 1e-6 * 5e-9;
	ck_assert_double_eq_tol(dramc_joules(R.d, 10 * FRAME_PS, DRAMC_METER_ACCESS),
				10.0 * FRAME_BYTES / 32 * burst_j, 1e-12);
	/* Stopped: the DRAM stays down. */
	wr(CONTROL, 0);
	ck_assert_int_eq(dramc_state(R.d, 12 * FRAME_PS), DRAMC_POWER_DOWN);
	dramc_get_stats(R.d, 12 * FRAME_PS, &st);
	ck_assert_uint_eq(st.streams, 10);
}
END_TEST

START_TEST(test_stream_wakes_self_refresh)
{
	dramc_request_self_refresh(R.d, 0);
	ck_assert_int_eq(dramc_state(R.d, 0), DRAMC_SELF_REFRESH);
	/* tXS (140 ns) is far shorter than the back porch: no underflow. */
	wr(IMSC, I_FUF);
	program(TFT | BPP16_565 | EN | PWR);
	run_to(ACTIVE_AT);
	ck_assert_int_eq(dramc_state(R.d, ACTIVE_AT), DRAMC_ACTIVE);
	struct dramc_stats st;
	dramc_get_stats(R.d, ACTIVE_AT, &st);
	ck_assert_uint_eq(st.exit_latency_ps, 140 * PS_PER_NS);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(pl111_underflows(R.p), 0);
}
END_TEST

/* A self-refresh exit longer than the back porch and the FIFOs cover is a
 * FIFO underflow. */
START_TEST(test_long_self_refresh_exit_underflows)
{
	teardown();
	setup_dram(200 * PS_PER_US);
	dramc_request_self_refresh(R.d, 0);
	wr(IMSC, I_FUF);
	program(TFT | BPP16_565 | EN | PWR);
	run_to(BACK_AT);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(RIS) & I_FUF, I_FUF);
	ck_assert_uint_eq(pl111_underflows(R.p), 1);
	/* The next frame finds the DRAM in power-down: tXP is covered. */
	wr(ICR, I_FUF);
	run_to(FRAME_PS + BACK_AT);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(pl111_underflows(R.p), 1);
}
END_TEST

START_TEST(test_framebuffer_not_in_memory_is_a_bus_error)
{
	wr(IMSC, I_MBERROR);
	program(TFT | BPP16_565 | EN | PWR);
	wr(UPBASE, 0x10000000);
	run_to(FRAME_PS + BACK_AT);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(MIS), I_MBERROR);
	ck_assert_uint_eq(pl111_frames(R.p), 1); /* frame 0 read FB */
	/* And a framebuffer running off the end of the memory too. */
	wr(ICR, I_MBERROR);
	wr(UPBASE, FB + FB_SIZE - 0x1000);
	run_to(2 * FRAME_PS + BACK_AT);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(pl111_frames(R.p), 1);
}
END_TEST

/* ---- panel -------------------------------------------------------------------- */

START_TEST(test_panel_power_follows_lcdpwr_and_supply)
{
	struct pm_meter *m = pl111_panel_meter(R.p);
	ck_assert_str_eq(m->component, "panel");
	program(TFT | BPP16_565 | EN);
	ck_assert_double_eq(m->watts, 0);
	run_to(PS_PER_MS);
	wr(CONTROL, TFT | BPP16_565 | EN | PWR);
	ck_assert_double_eq(m->watts, PANEL_W);
	run_to(3 * PS_PER_MS);
	pl111_set_panel_supply(R.p, false);
	ck_assert_double_eq(m->watts, 0);
	run_to(4 * PS_PER_MS);
	pl111_set_panel_supply(R.p, true);
	run_to(5 * PS_PER_MS);
	wr(CONTROL, TFT | BPP16_565 | EN);
	run_to(10 * PS_PER_MS);
	/* 2 ms + 1 ms = 3 ms at 30 mW. */
	ck_assert_double_eq_tol(pm_meter_joules(m, 10 * PS_PER_MS), 3e-3 * PANEL_W, 1e-12);
}
END_TEST

/* ---- the picture -------------------------------------------------------------- */

static void put16(unsigned x, unsigned y, uint16_t v)
{
	ck_assert_int_eq(bus_load(&R.b, FB + (y * W + x) * 2, &v, 2), BUS_OK);
}

static void put32(unsigned x, unsigned y, uint32_t v)
{
	ck_assert_int_eq(bus_load(&R.b, FB + (y * W + x) * 4, &v, 4), BUS_OK);
}

static void assert_px(const uint8_t *img, unsigned x, unsigned y, uint8_t r, uint8_t g,
		      uint8_t b)
{
	const uint8_t *px = img + (y * W + x) * 3;
	ck_assert_uint_eq(px[0], r);
	ck_assert_uint_eq(px[1], g);
	ck_assert_uint_eq(px[2], b);
}

START_TEST(test_snapshot_rgb565_and_bgr)
{
	unsigned w, h;
	ck_assert_ptr_null(pl111_snapshot(R.p, &w, &h));
	put16(0, 0, 0x001f);       /* low field full */
	put16(1, 0, 0x07e0);       /* green */
	put16(W - 1, H - 1, 0xf800); /* high field full */
	program(TFT | BPP16_565 | EN | PWR);
	const uint8_t *img = pl111_snapshot(R.p, &w, &h);
	ck_assert_ptr_nonnull(img);
	ck_assert_uint_eq(w, W);
	ck_assert_uint_eq(h, H);
	assert_px(img, 0, 0, 255, 0, 0);
	assert_px(img, 1, 0, 0, 255, 0);
	assert_px(img, W - 1, H - 1, 0, 0, 255);
	assert_px(img, 2, 0, 0, 0, 0);
	/* BGR: red in the high field (Linux's DRM_FORMAT_RGB565). */
	wr(CONTROL, TFT | BPP16_565 | EN | PWR | BGR);
	img = pl111_snapshot(R.p, &w, &h);
	assert_px(img, 0, 0, 0, 0, 255);
	assert_px(img, W - 1, H - 1, 255, 0, 0);
	/* 5:5:5 (bit 15 intensity, ignored). */
	put16(3, 0, 0x8000 | (0x10 << 10) | (0x1f << 5) | 0x01);
	wr(CONTROL, TFT | BPP16_555 | EN | PWR);
	img = pl111_snapshot(R.p, &w, &h);
	assert_px(img, 3, 0, 0x08, 0xff, 0x84);
	/* Off: nothing to see. */
	wr(CONTROL, TFT | BPP16_565 | EN);
	ck_assert_ptr_null(pl111_snapshot(R.p, &w, &h));
	ck_assert_uint_eq(w, 0);
}
END_TEST

START_TEST(test_snapshot_24bpp_and_palette)
{
	unsigned w, h;
	put32(5, 7, 0x00123456);
	program(TFT | BPP24 | EN | PWR);
	const uint8_t *img = pl111_snapshot(R.p, &w, &h);
	assert_px(img, 5, 7, 0x56, 0x34, 0x12);
	/* 8 bpp through the palette: entry 3 (upper half of word 1). */
	uint8_t idx = 3;
	ck_assert_int_eq(bus_load(&R.b, FB + 10, &idx, 1), BUS_OK);
	wr(PALETTE + 4, (uint32_t)((0x1fu << 10) | 0x1fu) << 16);
	wr(CONTROL, TFT | BPP8 | EN | PWR);
	img = pl111_snapshot(R.p, &w, &h);
	assert_px(img, 10, 0, 255, 0, 255);
	/* Palette entry 0 (all zero) elsewhere. */
	assert_px(img, 11, 0, 0, 0, 0);
}
END_TEST

/* pmfw's fbtest bars as its driver lays them out (RGB565, red in bits
 * 15:11, which the PL111 shows with BGR set): the picture is the eight
 * colours in order, each bar 40 pixels wide, on every line. */
START_TEST(test_snapshot_of_the_fbtest_bars)
{
	static const uint32_t rgb[8] = { 0xffffff, 0xffff00, 0x00ffff, 0x00ff00,
					 0xff00ff, 0xff0000, 0x0000ff, 0x000000 };
	static uint16_t line[W];
	for (unsigned x = 0; x < W; x++) {
		uint32_t c = rgb[x * 8 / W];
		line[x] = (uint16_t)((((c >> 16) & 0xff) >> 3) << 11 | (((c >> 8) & 0xff) >> 2) << 5 |
				     (c & 0xff) >> 3);
	}
	for (unsigned y = 0; y < H; y++)
		ck_assert_int_eq(bus_load(&R.b, FB + y * W * 2, line, sizeof line), BUS_OK);
	program(TFT | BPP16_565 | BGR | EN | PWR);
	unsigned w, h;
	const uint8_t *img = pl111_snapshot(R.p, &w, &h);
	ck_assert_ptr_nonnull(img);
	for (unsigned y = 0; y < H; y += 239)
		for (unsigned x = 0; x < W; x++) {
			uint32_t c = rgb[x / 40];
			assert_px(img, x, y, (uint8_t)(c >> 16), (uint8_t)(c >> 8), (uint8_t)c);
		}
}
END_TEST

/* ---- dramc_stream on its own --------------------------------------------------- */

START_TEST(test_dramc_stream_off_rail_faults)
{
	dramc_set_rail(R.d, 0, false);
	ck_assert_uint_eq(dramc_stream(R.d, PS_PER_US, 1024, 2 * PS_PER_US), DRAMC_ACCESS_FAULT);
	struct dramc_stats st;
	dramc_get_stats(R.d, 2 * PS_PER_US, &st);
	ck_assert_uint_eq(st.faults, 1);
	ck_assert_uint_eq(st.streams, 0);
}
END_TEST

START_TEST(test_dramc_stream_then_request_self_refresh_waits)
{
	/* A self-refresh request during a stream is taken at its end. */
	ck_assert_uint_eq(dramc_stream(R.d, 0, 64, 100 * PS_PER_US), 0);
	dramc_request_self_refresh(R.d, 10 * PS_PER_US);
	ck_assert_int_eq(dramc_state(R.d, 99 * PS_PER_US), DRAMC_ACTIVE);
	ck_assert_int_eq(dramc_state(R.d, 100 * PS_PER_US), DRAMC_SELF_REFRESH);
}
END_TEST

/* ---- PWM ---------------------------------------------------------------------- */

static struct {
	double duty[16];
	simtime_t t[16];
	unsigned n;
} L;

static void pwm_listen(void *opaque, simtime_t now, double duty)
{
	ck_assert_uint_lt(L.n, 16);
	L.duty[L.n] = duty;
	L.t[L.n++] = now;
}

static uint32_t prd(uint32_t off)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&R.b, PWM_BASE + off, 4, &v), BUS_OK);
	return v;
}

static void pwr_(uint32_t off, uint32_t v)
{
	ck_assert_int_eq(bus_write(&R.b, PWM_BASE + off, 4, v), BUS_OK);
}

START_TEST(test_pwm_registers_and_duty)
{
	memset(&L, 0, sizeof L);
	struct pwm *p = pwm_new(&R.b, &R.s, PWM_BASE, 2, CLK, "pwm");
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(prd(0x000), 0x50574d31);
	ck_assert_uint_eq(prd(0x004), 2);
	for (uint32_t off = 0x100; off < 0x120; off += 4)
		ck_assert_uint_eq(prd(off), 0);
	ck_assert_int_eq(pwm_subscribe(p, 1, pwm_listen, NULL), 0);
	ck_assert_int_ne(pwm_subscribe(p, 2, pwm_listen, NULL), 0);
	ck_assert_uint_eq(L.n, 1);
	ck_assert_double_eq(L.duty[0], 0);
	pwr_(0x114, 1000);
	pwr_(0x118, 250);
	ck_assert_uint_eq(L.n, 1); /* not enabled yet */
	run_to(PS_PER_MS);
	pwr_(0x110, 0xffffffff);
	ck_assert_uint_eq(prd(0x110), 3);
	ck_assert_uint_eq(L.n, 2);
	ck_assert_double_eq(L.duty[1], 0.75); /* inverted */
	pwr_(0x110, 1);
	ck_assert_double_eq(pwm_duty(p, 1), 0.25);
	ck_assert_uint_eq(L.t[2], PS_PER_MS);
	/* Channel 0 is another channel. */
	pwr_(0x100, 1);
	ck_assert_uint_eq(L.n, 3);
	/* A duty beyond the period is always high. */
	pwr_(0x118, 5000);
	ck_assert_double_eq(L.duty[L.n - 1], 1.0);
	pwr_(0x118, 500);
	ck_assert_double_eq(L.duty[L.n - 1], 0.5);
	/* Clock stopped, retention: low; back: as before. */
	pwm_set_clock(p, 0);
	ck_assert_double_eq(L.duty[L.n - 1], 0);
	pwm_set_clock(p, CLK);
	ck_assert_double_eq(L.duty[L.n - 1], 0.5);
	pwm_set_power(p, PD_RETENTION);
	ck_assert_double_eq(L.duty[L.n - 1], 0);
	pwm_set_power(p, PD_ON);
	ck_assert_double_eq(L.duty[L.n - 1], 0.5);
	pwm_set_power(p, PD_OFF);
	pwm_set_power(p, PD_ON);
	ck_assert_double_eq(L.duty[L.n - 1], 0);
	ck_assert_uint_eq(prd(0x114), 0);
	pwm_free(p);
}
END_TEST

static Suite *pl111_suite(void)
{
	Suite *s = suite_create("pl111");
	TCase *reg = tcase_create("registers");
	tcase_add_checked_fixture(reg, setup, teardown);
	tcase_add_test(reg, test_reset_values_and_ids);
	tcase_add_test(reg, test_register_masks);
	suite_add_tcase(s, reg);

	TCase *tm = tcase_create("timing-interrupts");
	tcase_add_checked_fixture(tm, setup, teardown);
	tcase_add_test(tm, test_frame_period_from_timing_and_clock);
	tcase_add_test(tm, test_vertical_compare_at_each_phase);
	tcase_add_test(tm, test_next_base_update_every_frame);
	tcase_add_test(tm, test_upcurr_follows_the_active_lines);
	tcase_add_test(tm, test_stopped_clock_and_disable_stop_the_frames);
	tcase_add_test(tm, test_power_off_resets_retention_keeps);
	suite_add_tcase(s, tm);

	TCase *so = tcase_create("scan-out");
	tcase_add_checked_fixture(so, setup, teardown);
	tcase_add_test(so, test_one_stream_per_frame_during_active_lines);
	tcase_add_test(so, test_no_stream_without_lcdpwr);
	tcase_add_test(so, test_dram_held_active_during_scan_out);
	tcase_add_test(so, test_stream_wakes_self_refresh);
	tcase_add_test(so, test_long_self_refresh_exit_underflows);
	tcase_add_test(so, test_framebuffer_not_in_memory_is_a_bus_error);
	tcase_add_test(so, test_dramc_stream_off_rail_faults);
	tcase_add_test(so, test_dramc_stream_then_request_self_refresh_waits);
	suite_add_tcase(s, so);

	TCase *pic = tcase_create("panel-picture");
	tcase_add_checked_fixture(pic, setup, teardown);
	tcase_add_test(pic, test_panel_power_follows_lcdpwr_and_supply);
	tcase_add_test(pic, test_snapshot_rgb565_and_bgr);
	tcase_add_test(pic, test_snapshot_24bpp_and_palette);
	tcase_add_test(pic, test_snapshot_of_the_fbtest_bars);
	suite_add_tcase(s, pic);

	TCase *pwm = tcase_create("pwm");
	tcase_add_checked_fixture(pwm, setup, teardown);
	tcase_add_test(pwm, test_pwm_registers_and_duty);
	suite_add_tcase(s, pwm);
	return s;
}

int main(void)
{
	return check_run(pl111_suite());
}
