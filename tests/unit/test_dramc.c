/*
 * Unit tests for the DRAM controller: the power-state machine (exit
 * latencies, lazy idle timers, software self-refresh), its energy against
 * the datasheet formulas, the supply rail (contents lost), the registers
 * through the bus, and the device-tree binding.
 *
 * The tests use their own round parameters, not the defaults, so each
 * expected value below is written out from the formula.
 */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/dramc.h"
#include "sim/soc.h"
#include "check_run.h"

#define REG 0x40010000u
#define MEM 0x60000000u
#define MEM_SIZE 0x10000u

enum {
	ID = 0x00, CTRL = 0x04, STATUS = 0x08, PD_IDLE = 0x0c, SR_IDLE = 0x10,
	SR_ENTRIES = 0x14, PD_ENTRIES = 0x18, TXP = 0x1c, TXS = 0x20, MEM_SZ = 0x24,
};
#define CTRL_PD_EN 1u
#define CTRL_SR_IDLE_EN 2u
#define CTRL_SR_REQ 4u
#define CTRL_SR_EXIT 8u
#define ST_PENDING 0x10u
#define ST_LOST 0x100u

#define NS PS_PER_NS
#define US PS_PER_US
#define MS PS_PER_MS
#define S PS_PER_S

/* A state transition on the trace. */
struct traced {
	simtime_t t;
	int64_t st;
};

static struct {
	struct sched s;
	struct bus b;
	struct dramc_params p;
	struct dramc *d;
	int lost_calls;
	char why[256];
	struct traced tr[16];
	unsigned ntr;
} R;

/* Round numbers: VDD 1 V, so microamperes read as microwatts. */
static void test_params(struct dramc_params *p)
{
	memset(p, 0, sizeof *p);
	p->txp_ps = 10 * NS;
	p->txs_ps = 200 * NS;
	p->trefi_ps = 4000 * NS;
	p->trfc_ps = 100 * NS;
	p->tburst_ps = 5 * NS;
	p->idd3n_ua = 20000;
	p->idd2p_ua = 2000;
	p->idd6_ua = 500;
	p->idd4r_ua = 120000;
	p->idd4w_ua = 100000;
	p->idd5_ua = 100000;
	p->vdd_uv = 1000000;
	p->burst_bytes = 32;
	p->pd_idle_ps = 0;
	p->sr_idle_ps = 0;
	p->mem_base = MEM;
	p->mem_size = MEM_SIZE;
}

static void on_lost(void *opaque, const char *why)
{
	ck_assert_ptr_eq(opaque, &R);
	R.lost_calls++;
	snprintf(R.why, sizeof R.why, "%s", why);
}

static void make(void)
{
	R.d = dramc_new(&R.b, &R.s, REG, &R.p);
	ck_assert_ptr_nonnull(R.d);
	dramc_set_loss_cb(R.d, on_lost, &R);
}

static void setup(void)
{
	memset(&R, 0, sizeof R);
	sched_init(&R.s);
	ck_assert_int_eq(bus_init(&R.b), 0);
	ck_assert_int_ge(bus_add_ram(&R.b, "dram", MEM, MEM_SIZE, false), 0);
	test_params(&R.p);
}

static void teardown(void)
{
	dramc_free(R.d);
	bus_free(&R.b);
	sched_free(&R.s);
}

static uint32_t reg_at(simtime_t t, uint32_t off)
{
	sched_set_now(&R.s, t);
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&R.b, REG + off, 4, &v), BUS_OK);
	return v;
}

static void reg_set(simtime_t t, uint32_t off, uint32_t v)
{
	sched_set_now(&R.s, t);
	ck_assert_int_eq(bus_write(&R.b, REG + off, 4, v), BUS_OK);
}

#define ck_assert_energy(got, want) \
	ck_assert_double_eq_tol((got), (want), 1e-12 * (want) + 1e-18)

/* ---- state machine ------------------------------------------------------- */

START_TEST(access_in_power_down_pays_txp)
{
	R.p.pd_idle_ps = 100 * NS;
	make();
	/* One burst: busy from 0 to 5 ns; power-down would start at 105 ns. */
	ck_assert_uint_eq(dramc_access(R.d, 0, MEM, 32, false), 0);
	ck_assert_uint_eq(dramc_access(R.d, 104 * NS, MEM, 32, false), 0);
	ck_assert_int_eq(dramc_state(R.d, 104 * NS), DRAMC_ACTIVE);
	/* That access ended at 109 ns: power-down at 209 ns. */
	ck_assert_int_eq(dramc_state(R.d, 209 * NS - 1), DRAMC_ACTIVE);
	ck_assert_int_eq(dramc_state(R.d, 209 * NS), DRAMC_POWER_DOWN);
	ck_assert_uint_eq(dramc_access(R.d, 300 * NS, MEM, 32, true), 10 * NS);
	ck_assert_int_eq(dramc_state(R.d, 300 * NS), DRAMC_ACTIVE);
	/* A second access 3 ns into the exit waits for the remaining 7 ns,
	 * then for the first access's burst (310 to 315 ns) to leave the
	 * data bus. */
	ck_assert_uint_eq(dramc_access(R.d, 303 * NS, MEM + 64, 32, false), 12 * NS);
	struct dramc_stats st;
	dramc_get_stats(R.d, 303 * NS, &st);
	ck_assert_uint_eq(st.exit_latency_ps, 17 * NS);
	ck_assert_uint_eq(st.contention_ps, 5 * NS);
	ck_assert_uint_eq(st.power_down_entries, 1);
	ck_assert_uint_eq(st.entries[DRAMC_ACTIVE], 1);
	ck_assert_uint_eq(st.reads, 3);
	ck_assert_uint_eq(st.writes, 1);
	ck_assert_uint_eq(st.read_bytes, 96);
	ck_assert_uint_eq(st.write_bytes, 32);
}
END_TEST

START_TEST(access_in_self_refresh_pays_txs_and_returns_to_active)
{
	make();
	dramc_request_self_refresh(R.d, 1 * US);
	ck_assert_int_eq(dramc_state(R.d, 1 * US), DRAMC_SELF_REFRESH);
	ck_assert_uint_eq(dramc_access(R.d, 2 * US, MEM, 4, false), 200 * NS);
	ck_assert_int_eq(dramc_state(R.d, 2 * US), DRAMC_ACTIVE);
	/* No idle timer: it stays active however long it idles. */
	ck_assert_int_eq(dramc_state(R.d, 10 * S), DRAMC_ACTIVE);
	ck_assert_uint_eq(dramc_access(R.d, 10 * S, MEM, 4, false), 0);
	struct dramc_stats st;
	dramc_get_stats(R.d, 10 * S, &st);
	ck_assert_uint_eq(st.self_refresh_entries, 1);
	ck_assert_uint_eq(st.time_ps[DRAMC_SELF_REFRESH], 1 * US);
	ck_assert_uint_eq(st.time_ps[DRAMC_ACTIVE], 10 * S - 1 * US);
}
END_TEST

START_TEST(self_refresh_entries_are_counted)
{
	make();
	for (int i = 0; i < 3; i++) {
		simtime_t t = (simtime_t)(i + 1) * 10 * US;
		dramc_request_self_refresh(R.d, t);
		/* A second request while in self-refresh is no new entry. */
		dramc_request_self_refresh(R.d, t + 1 * US);
		ck_assert_uint_eq(dramc_access(R.d, t + 2 * US, MEM, 32, false), 200 * NS);
	}
	struct dramc_stats st;
	dramc_get_stats(R.d, 100 * US, &st);
	ck_assert_uint_eq(st.self_refresh_entries, 3);
	ck_assert_uint_eq(st.entries[DRAMC_SELF_REFRESH], 3);
	ck_assert_uint_eq(reg_at(100 * US, SR_ENTRIES), 3);
	ck_assert_uint_eq(st.time_ps[DRAMC_SELF_REFRESH], 3 * 2 * US);
}
END_TEST

START_TEST(idle_timers_are_lazy_and_exact)
{
	R.p.pd_idle_ps = 1 * US;
	R.p.sr_idle_ps = 10 * US;
	make();
	ck_assert_uint_eq(dramc_access(R.d, 0, MEM, 32, false), 0);
	/* No event per access: the timers are replayed when someone looks. */
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_int_eq(dramc_state(R.d, 1 * US + 5 * NS - 1), DRAMC_ACTIVE);
	ck_assert_int_eq(dramc_state(R.d, 1 * US + 5 * NS), DRAMC_POWER_DOWN);
	ck_assert_int_eq(dramc_state(R.d, 10 * US + 5 * NS - 1), DRAMC_POWER_DOWN);
	ck_assert_int_eq(dramc_state(R.d, 10 * US + 5 * NS), DRAMC_SELF_REFRESH);
	struct dramc_stats st;
	dramc_get_stats(R.d, 1 * MS, &st);
	ck_assert_uint_eq(st.time_ps[DRAMC_ACTIVE], 1 * US + 5 * NS);
	ck_assert_uint_eq(st.time_ps[DRAMC_POWER_DOWN], 9 * US);
	ck_assert_uint_eq(st.time_ps[DRAMC_SELF_REFRESH], 1 * MS - 10 * US - 5 * NS);
	ck_assert_uint_eq(st.power_down_entries, 1);
	ck_assert_uint_eq(st.self_refresh_entries, 1);
	ck_assert_uint_eq(R.s.count, 0);
}
END_TEST

/* The trace as a sink sees it: "dram"/"state" with the state's name. */
static void trace_state_rec(void *opaque, simtime_t t, const char *component, const char *var,
			    int64_t value, const char *label)
{
	bool ours = !strcmp(component, "dram") && !strcmp(var, "state");
	ck_assert_msg(ours && R.ntr < 16, "%s/%s, event %u", component, var, R.ntr);
	ck_assert_str_eq(label, dramc_state_name((enum dramc_state)value));
	R.tr[R.ntr++] = (struct traced){ t, value };
}

/* Every transition is traced at its own time: the lazily found idle-timer
 * ones when the controller settles, after the fact. */
START_TEST(transitions_are_traced_at_their_own_time)
{
	R.p.pd_idle_ps = 1 * US;
	R.p.sr_idle_ps = 10 * US;
	make();
	struct trace tr = { .nsinks = 0 };
	ck_assert_int_eq(trace_add_sink(&tr, (struct trace_sink){ trace_state_rec, NULL }), 0);
	R.ntr = 0;
	dramc_set_trace(R.d, &tr);
	ck_assert_uint_eq(R.ntr, 1); /* where it starts */
	ck_assert_int_eq(R.tr[0].st, DRAMC_ACTIVE);
	dramc_access(R.d, 0, MEM, 32, false);
	ck_assert_uint_eq(R.ntr, 1);
	/* Nothing is told until the controller is looked at, 50 us later. */
	dramc_settle(R.d, 50 * US);
	ck_assert_uint_eq(R.ntr, 3);
	ck_assert_int_eq(R.tr[1].st, DRAMC_POWER_DOWN);
	ck_assert_uint_eq(R.tr[1].t, 1 * US + 5 * NS);
	ck_assert_int_eq(R.tr[2].st, DRAMC_SELF_REFRESH);
	ck_assert_uint_eq(R.tr[2].t, 10 * US + 5 * NS);
	/* An access wakes it at the access's time; the rail goes off. */
	dramc_access(R.d, 60 * US, MEM, 32, true);
	dramc_set_rail(R.d, 61 * US, false);
	ck_assert_uint_eq(R.ntr, 5);
	ck_assert_int_eq(R.tr[3].st, DRAMC_ACTIVE);
	ck_assert_uint_eq(R.tr[3].t, 60 * US);
	ck_assert_int_eq(R.tr[4].st, DRAMC_OFF);
	ck_assert_uint_eq(R.tr[4].t, 61 * US);
	dramc_set_trace(R.d, NULL);
	dramc_set_rail(R.d, 62 * US, true);
	ck_assert_uint_eq(R.ntr, 5);
}
END_TEST

START_TEST(looking_often_or_once_gives_the_same_history)
{
	R.p.pd_idle_ps = 700 * NS;
	R.p.sr_idle_ps = 30 * US;
	make();
	struct dramc *once = dramc_new(&R.b, &R.s, 0, &R.p);
	ck_assert_ptr_nonnull(once);
	/* A burst of traffic, then silence, then one more access. */
	simtime_t times[] = { 0, 300 * NS, 2 * US, 2500 * NS, 50 * US, 50 * US + 100 * NS,
			      200 * US };
	for (unsigned i = 0; i < sizeof times / sizeof times[0]; i++) {
		/* The watched one is looked at every 100 ns before each access. */
		for (simtime_t t = i ? times[i - 1] : 0; t < times[i]; t += 100 * NS)
			dramc_state(R.d, t);
		ck_assert_uint_eq(dramc_access(R.d, times[i], MEM, 64, i & 1),
				  dramc_access(once, times[i], MEM, 64, i & 1));
	}
	struct dramc_stats a, b;
	dramc_get_stats(R.d, 1 * MS, &a);
	dramc_get_stats(once, 1 * MS, &b);
	ck_assert_int_eq(memcmp(&a, &b, sizeof a), 0);
	/* Power-down at 1.01 us, 3.22 us (then self-refresh at 32.52 us),
	 * 50.91 us (self-refresh at 80.21 us), 200.91 us (self-refresh at
	 * 230.21 us). */
	ck_assert_uint_eq(a.power_down_entries, 4);
	ck_assert_uint_eq(a.self_refresh_entries, 3);
	for (int k = 0; k < DRAMC_NMETERS; k++)
		ck_assert(dramc_joules(R.d, 1 * MS, k) == dramc_joules(once, 1 * MS, k));
	dramc_free(once);
}
END_TEST

/* A projection of the energy at a time, without settling, is what
 * settling then gives; and it settles nothing (no transition told). */
START_TEST(projected_energy_is_the_settled_energy_and_changes_nothing)
{
	R.p.pd_idle_ps = 1 * US;
	R.p.sr_idle_ps = 10 * US;
	make();
	struct trace tr = { .nsinks = 0 };
	ck_assert_int_eq(trace_add_sink(&tr, (struct trace_sink){ trace_state_rec, NULL }), 0);
	dramc_access(R.d, 0, MEM, 32, false);
	R.ntr = 0;
	dramc_set_trace(R.d, &tr);
	ck_assert_uint_eq(R.ntr, 1);
	simtime_t at[] = { 500 * NS, 3 * US, 50 * US, 1 * MS };
	double proj[4][DRAMC_NMETERS];
	for (int i = 0; i < 4; i++)
		for (int k = 0; k < DRAMC_NMETERS; k++)
			proj[i][k] = dramc_projected_joules(R.d, at[i], dramc_meter(R.d, k));
	ck_assert_uint_eq(R.ntr, 1);
	ck_assert_int_eq(dramc_state(R.d, 0), DRAMC_ACTIVE);
	for (int i = 0; i < 4; i++)
		for (int k = 0; k < DRAMC_NMETERS; k++)
			ck_assert_energy(proj[i][k], dramc_joules(R.d, at[i], k));
	/* Past self-refresh the refresh is the memory's own: none drawn. */
	ck_assert_energy(proj[3][DRAMC_METER_REFRESH], proj[2][DRAMC_METER_REFRESH]);
	ck_assert(proj[3][DRAMC_METER_BACKGROUND] > proj[2][DRAMC_METER_BACKGROUND]);
	dramc_set_trace(R.d, NULL);
}
END_TEST

START_TEST(both_timers_due_together_go_straight_to_self_refresh)
{
	R.p.pd_idle_ps = 5 * US;
	R.p.sr_idle_ps = 5 * US;
	make();
	ck_assert_int_eq(dramc_state(R.d, 5 * US), DRAMC_SELF_REFRESH);
	struct dramc_stats st;
	dramc_get_stats(R.d, 6 * US, &st);
	ck_assert_uint_eq(st.power_down_entries, 0);
	ck_assert_uint_eq(st.self_refresh_entries, 1);
}
END_TEST

START_TEST(self_refresh_request_waits_for_the_access_in_progress)
{
	make();
	/* 256 bytes = 8 bursts: busy from 0 to 40 ns. */
	ck_assert_uint_eq(dramc_access(R.d, 0, MEM, 256, true), 0);
	reg_set(10 * NS, CTRL, CTRL_SR_REQ);
	ck_assert_uint_eq(reg_at(10 * NS, STATUS), DRAMC_ACTIVE | ST_PENDING);
	ck_assert_uint_eq(reg_at(40 * NS, STATUS), DRAMC_SELF_REFRESH);
	struct dramc_stats st;
	dramc_get_stats(R.d, 1 * US, &st);
	ck_assert_uint_eq(st.time_ps[DRAMC_ACTIVE], 40 * NS);
	ck_assert_uint_eq(st.time_ps[DRAMC_SELF_REFRESH], 1 * US - 40 * NS);
}
END_TEST

START_TEST(software_exit_from_self_refresh)
{
	make();
	reg_set(1 * US, CTRL, CTRL_SR_REQ);
	ck_assert_uint_eq(reg_at(1 * US, STATUS), DRAMC_SELF_REFRESH);
	reg_set(3 * US, CTRL, CTRL_SR_EXIT);
	ck_assert_uint_eq(reg_at(3 * US, STATUS), DRAMC_ACTIVE);
	/* The exit is still running 50 ns later: 150 ns of tXS remain. */
	ck_assert_uint_eq(dramc_access(R.d, 3 * US + 50 * NS, MEM, 32, false), 150 * NS);
	/* Both command bits at once do nothing. */
	reg_set(4 * US, CTRL, CTRL_SR_REQ | CTRL_SR_EXIT);
	ck_assert_uint_eq(reg_at(4 * US, STATUS), DRAMC_ACTIVE);
}
END_TEST

START_TEST(clock_behind_the_controller_acts_at_its_time)
{
	make();
	dramc_request_self_refresh(R.d, 5 * US);
	/* An initiator whose clock lags: the access still finds self-refresh
	 * and the history is not rewritten. */
	ck_assert_uint_eq(dramc_access(R.d, 4 * US, MEM, 32, false), 200 * NS);
	struct dramc_stats st;
	dramc_get_stats(R.d, 5 * US, &st);
	ck_assert_uint_eq(st.time_ps[DRAMC_ACTIVE] + st.time_ps[DRAMC_SELF_REFRESH], 5 * US);
	ck_assert_uint_eq(st.time_ps[DRAMC_ACTIVE], 5 * US);
}
END_TEST

START_TEST(reset_restores_registers_and_leaves_self_refresh)
{
	R.p.pd_idle_ps = 300 * NS;
	make();
	reg_set(0, PD_IDLE, 999);
	reg_set(0, CTRL, CTRL_SR_IDLE_EN | CTRL_SR_REQ);
	ck_assert_uint_eq(reg_at(1 * US, STATUS), DRAMC_SELF_REFRESH);
	sched_set_now(&R.s, 2 * US);
	dramc_reset(R.d);
	ck_assert_uint_eq(reg_at(2 * US, STATUS), DRAMC_ACTIVE);
	ck_assert_uint_eq(reg_at(2 * US, CTRL), CTRL_PD_EN);
	ck_assert_uint_eq(reg_at(2 * US, PD_IDLE), 300);
	ck_assert_uint_eq(reg_at(2 * US, SR_IDLE), 0);
	ck_assert_uint_eq(reg_at(2 * US, SR_ENTRIES), 0);
	/* Statistics are the run's, not the registers': kept. */
	struct dramc_stats st;
	dramc_get_stats(R.d, 2 * US, &st);
	ck_assert_uint_eq(st.self_refresh_entries, 1);
	/* Power-down follows the exit (200 ns) and the reset idle time. */
	ck_assert_uint_eq(reg_at(2 * US + 500 * NS - 1, STATUS), DRAMC_ACTIVE);
	ck_assert_uint_eq(reg_at(2 * US + 500 * NS, STATUS), DRAMC_POWER_DOWN);
}
END_TEST

/* ---- energy --------------------------------------------------------------- */

/* Refresh as average power, in W, with VDD = 1 V: (IDD5 - IDD3N) tRFC/tREFI. */
#define REFRESH_W (80000e-6 * 100.0 / 4000.0)

START_TEST(idle_second_active)
{
	make();
	ck_assert_energy(dramc_joules(R.d, 1 * S, DRAMC_METER_BACKGROUND), 20000e-6);
	ck_assert_energy(dramc_joules(R.d, 1 * S, DRAMC_METER_REFRESH), REFRESH_W);
	ck_assert_double_eq(dramc_joules(R.d, 1 * S, DRAMC_METER_ACCESS), 0.0);
}
END_TEST

START_TEST(idle_second_power_down)
{
	R.p.pd_idle_ps = 1 * US;
	make();
	double bg0 = dramc_joules(R.d, 1 * US, DRAMC_METER_BACKGROUND);
	double rf0 = dramc_joules(R.d, 1 * US, DRAMC_METER_REFRESH);
	ck_assert_energy(bg0, 20000e-6 * 1e-6);
	ck_assert_int_eq(dramc_state(R.d, 1 * US), DRAMC_POWER_DOWN);
	/* Looked at only at the end: the transition at 1 us is replayed. */
	struct dramc *late = dramc_new(&R.b, &R.s, 0, &R.p);
	ck_assert_ptr_nonnull(late);
	double bg = dramc_joules(late, 1 * S + 1 * US, DRAMC_METER_BACKGROUND);
	ck_assert_energy(bg - bg0, 2000e-6);
	ck_assert_energy(dramc_joules(R.d, 1 * S + 1 * US, DRAMC_METER_BACKGROUND) - bg0, 2000e-6);
	ck_assert_energy(dramc_joules(late, 1 * S + 1 * US, DRAMC_METER_REFRESH) - rf0, REFRESH_W);
	dramc_free(late);
}
END_TEST

START_TEST(idle_second_self_refresh_draws_exactly_idd6)
{
	make();
	dramc_request_self_refresh(R.d, 0);
	double total = 0;
	for (int k = 0; k < DRAMC_NMETERS; k++)
		total += dramc_joules(R.d, 1 * S, k);
	/* IDD6 x VDD x 1 s, nothing else: no refresh, no access energy. */
	ck_assert_energy(total, 500e-6);
	ck_assert_double_eq(dramc_joules(R.d, 1 * S, DRAMC_METER_REFRESH), 0.0);

	/* The same with the defaults: 1 mA at 1.2 V. */
	struct dramc_params p;
	dramc_default_params(&p);
	struct dramc *d = dramc_new(&R.b, &R.s, 0, &p);
	ck_assert_ptr_nonnull(d);
	dramc_request_self_refresh(d, 0);
	double e = 0;
	for (int k = 0; k < DRAMC_NMETERS; k++)
		e += dramc_joules(d, 1 * S, k);
	ck_assert_energy(e, (double)p.idd6_ua * 1e-6 * (double)p.vdd_uv * 1e-6);
	ck_assert_energy(e, 1.2e-3);
	dramc_free(d);
}
END_TEST

START_TEST(idle_second_off_draws_nothing)
{
	make();
	dramc_set_rail(R.d, 0, false);
	for (int k = 0; k < DRAMC_NMETERS; k++)
		ck_assert_double_eq(dramc_joules(R.d, 1 * S, k), 0.0);
	struct dramc_stats st;
	dramc_get_stats(R.d, 1 * S, &st);
	ck_assert_uint_eq(st.time_ps[DRAMC_OFF], 1 * S);
}
END_TEST

START_TEST(access_energy_per_burst)
{
	make();
	/* Read burst: (IDD4R - IDD3N) x VDD x tBURST = 100 mA x 1 V x 5 ns. */
	double rd = 100000e-6 * 5e-9, wr = 80000e-6 * 5e-9;
	dramc_access(R.d, 0, MEM, 64, false); /* aligned: 2 bursts */
	ck_assert_energy(dramc_joules(R.d, 0, DRAMC_METER_ACCESS), 2 * rd);
	dramc_access(R.d, 1 * US, MEM + 16, 32, false); /* straddles: 2 bursts */
	ck_assert_energy(dramc_joules(R.d, 1 * US, DRAMC_METER_ACCESS), 4 * rd);
	dramc_access(R.d, 2 * US, MEM + 4, 4, true); /* inside one burst */
	ck_assert_energy(dramc_joules(R.d, 2 * US, DRAMC_METER_ACCESS), 4 * rd + wr);
	struct dramc_stats st;
	dramc_get_stats(R.d, 2 * US, &st);
	ck_assert_uint_eq(st.bursts, 5);
	ck_assert_str_eq(dramc_meter(R.d, DRAMC_METER_ACCESS)->component, "dram");
	ck_assert_str_eq(dramc_meter(R.d, DRAMC_METER_ACCESS)->kind, "access");
	ck_assert_str_eq(dramc_meter(R.d, DRAMC_METER_BACKGROUND)->kind, "background");
	ck_assert_str_eq(dramc_meter(R.d, DRAMC_METER_REFRESH)->kind, "refresh");
}
END_TEST

/* Word beats that continue one another (a DMA channel's, an LDM's) are
 * one burst per 32-byte block, for energy and for the data bus. */
START_TEST(sequential_beats_share_a_burst)
{
	make();
	double rd = 100000e-6 * 5e-9, wr = 80000e-6 * 5e-9;
	struct dramc_stats st;
	/* 16 word writes, 1 ns apart (faster than a 5 ns burst): two
	 * bursts, and no beat waits for the stream's own bursts. */
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(dramc_access(R.d, i * NS, MEM + 4 * i, 4, true), 0);
	dramc_get_stats(R.d, 16 * NS, &st);
	ck_assert_uint_eq(st.bursts, 2);
	ck_assert_uint_eq(st.writes, 16);
	ck_assert_uint_eq(st.write_bytes, 64);
	ck_assert_uint_eq(st.contention_ps, 0);
	ck_assert_energy(dramc_joules(R.d, 16 * NS, DRAMC_METER_ACCESS), 2 * wr);
	/* The same for reads, all at one instant (an LDM whose beats the
	 * core does not time apart), starting mid-block: 8 words from
	 * offset 16 touch two blocks. */
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(dramc_access(R.d, 1 * US, MEM + 0x110 + 4 * i, 4, false), 0);
	dramc_get_stats(R.d, 1 * US, &st);
	ck_assert_uint_eq(st.bursts, 4);
	ck_assert_uint_eq(st.contention_ps, 0);
	ck_assert_energy(dramc_joules(R.d, 1 * US, DRAMC_METER_ACCESS), 2 * wr + 2 * rd);
	/* The data bus was busy with that stream's two bursts until
	 * 1 us + 10 ns: another stream (a write) waits for them. */
	ck_assert_uint_eq(dramc_access(R.d, 1 * US + 2 * NS, MEM + 0x400, 4, true), 8 * NS);
	dramc_get_stats(R.d, 1 * US, &st);
	ck_assert_uint_eq(st.contention_ps, 8 * NS);
	ck_assert_uint_eq(st.bursts, 5);
}
END_TEST

/* What is not a continuation of the burst in progress starts a burst. */
START_TEST(a_burst_ends_where_its_stream_does)
{
	R.p.pd_idle_ps = 100 * NS;
	make();
	struct dramc_stats st;
	dramc_access(R.d, 0, MEM, 4, true);
	dramc_access(R.d, 10 * NS, MEM + 4, 4, true);   /* joins */
	dramc_access(R.d, 20 * NS, MEM + 4, 4, true);   /* the same word again: a new burst */
	dramc_access(R.d, 30 * NS, MEM + 12, 4, true);  /* a gap: a new burst */
	dramc_get_stats(R.d, 30 * NS, &st);
	ck_assert_uint_eq(st.bursts, 3);
	/* Reads and writes have a burst in progress each: interleaved
	 * streams (a DMA copy from DRAM to DRAM) keep theirs. */
	dramc_access(R.d, 40 * NS, MEM + 0x100, 4, false);
	dramc_access(R.d, 50 * NS, MEM + 16, 4, true);    /* continues the writes */
	dramc_access(R.d, 60 * NS, MEM + 0x104, 4, false); /* continues the reads */
	dramc_get_stats(R.d, 60 * NS, &st);
	ck_assert_uint_eq(st.bursts, 4);
	/* A read of the block being written ends the write burst. */
	dramc_access(R.d, 70 * NS, MEM + 20, 4, false);
	dramc_access(R.d, 80 * NS, MEM + 20, 4, true);
	dramc_get_stats(R.d, 80 * NS, &st);
	ck_assert_uint_eq(st.bursts, 6);
	/* Power-down ends both: the next word pays tXP and a burst. */
	ck_assert_int_eq(dramc_state(R.d, 300 * NS), DRAMC_POWER_DOWN);
	ck_assert_uint_eq(dramc_access(R.d, 300 * NS, MEM + 24, 4, true), 10 * NS);
	dramc_get_stats(R.d, 300 * NS, &st);
	ck_assert_uint_eq(st.bursts, 7);
	ck_assert_uint_eq(st.contention_ps, 0);
}
END_TEST

START_TEST(energy_follows_the_residencies)
{
	R.p.pd_idle_ps = 1 * US;
	R.p.sr_idle_ps = 10 * US;
	make();
	dramc_access(R.d, 0, MEM, 32, false);
	struct dramc_stats st;
	dramc_get_stats(R.d, 1 * MS, &st);
	double want = 20000e-6 * (double)st.time_ps[DRAMC_ACTIVE] * 1e-12 +
		      2000e-6 * (double)st.time_ps[DRAMC_POWER_DOWN] * 1e-12 +
		      500e-6 * (double)st.time_ps[DRAMC_SELF_REFRESH] * 1e-12;
	ck_assert_energy(dramc_joules(R.d, 1 * MS, DRAMC_METER_BACKGROUND), want);
	double refresh = REFRESH_W * (double)(st.time_ps[DRAMC_ACTIVE] +
					      st.time_ps[DRAMC_POWER_DOWN]) * 1e-12;
	ck_assert_energy(dramc_joules(R.d, 1 * MS, DRAMC_METER_REFRESH), refresh);
}
END_TEST

/* ---- rail ----------------------------------------------------------------- */

START_TEST(rail_off_loses_contents_once)
{
	make();
	ck_assert_int_eq(bus_load(&R.b, MEM, "data", 4), BUS_OK);
	dramc_set_rail(R.d, 1 * US, false);
	ck_assert_int_eq(R.lost_calls, 1);
	ck_assert_str_eq(R.why, "the DRAM rail was switched off; the DRAM was active");
	dramc_set_rail(R.d, 2 * US, false);
	ck_assert_int_eq(R.lost_calls, 1);
	ck_assert_uint_eq(reg_at(2 * US, STATUS), DRAMC_OFF | ST_LOST);
	/* Accesses while off are refused. */
	ck_assert_uint_eq(dramc_access(R.d, 3 * US, MEM, 4, false), DRAMC_ACCESS_FAULT);
	/* Software cannot put unpowered memory into self-refresh. */
	reg_set(3 * US, CTRL, CTRL_SR_REQ);
	ck_assert_uint_eq(reg_at(3 * US, STATUS) & 3, DRAMC_OFF);
	dramc_set_rail(R.d, 4 * US, true);
	ck_assert_uint_eq(dramc_access(R.d, 5 * US, MEM, 4, false), 0);
	ck_assert_uint_eq(reg_at(5 * US, STATUS), DRAMC_ACTIVE | ST_LOST);
	reg_set(5 * US, STATUS, ST_LOST);
	ck_assert_uint_eq(reg_at(5 * US, STATUS), DRAMC_ACTIVE);
	struct dramc_stats st;
	dramc_get_stats(R.d, 5 * US, &st);
	ck_assert_uint_eq(st.faults, 1);
	ck_assert_uint_eq(st.losses, 1);
	ck_assert_uint_eq(st.time_ps[DRAMC_OFF], 3 * US);
	/* Off: no background, no refresh from 1 us to 4 us. */
	ck_assert_energy(dramc_joules(R.d, 5 * US, DRAMC_METER_BACKGROUND),
			 20000e-6 * 2e-6);
}
END_TEST

START_TEST(rail_off_in_self_refresh_loses_contents_too)
{
	make();
	dramc_request_self_refresh(R.d, 0);
	dramc_set_rail(R.d, 1 * MS, false);
	ck_assert_int_eq(R.lost_calls, 1);
	ck_assert_str_eq(R.why, "the DRAM rail was switched off; the DRAM was in self-refresh, "
			 "which keeps data only while VDD stays on");
	/* Powering up again does not bring self-refresh back. */
	dramc_set_rail(R.d, 2 * MS, true);
	ck_assert_int_eq(dramc_state(R.d, 2 * MS), DRAMC_ACTIVE);
	ck_assert_int_eq(R.lost_calls, 1);
	dramc_set_rail(R.d, 3 * MS, false);
	ck_assert_int_eq(R.lost_calls, 2);
}
END_TEST

static void lost_and_scramble(void *opaque, const char *why)
{
	R.lost_calls++;
	dramc_fill_garbage(opaque);
}

START_TEST(garbage_is_deterministic_and_replaces_the_data)
{
	make();
	dramc_set_loss_cb(R.d, lost_and_scramble, R.d);
	static uint8_t pattern[MEM_SIZE], a[MEM_SIZE], b[MEM_SIZE];
	memset(pattern, 0x5a, sizeof pattern);
	ck_assert_int_eq(bus_load(&R.b, MEM, pattern, MEM_SIZE), BUS_OK);
	dramc_set_rail(R.d, 1 * US, false);
	ck_assert_int_eq(R.lost_calls, 1);
	ck_assert_int_eq(bus_peek(&R.b, MEM, a, MEM_SIZE), BUS_OK);
	/* No word of the old data survives by accident of the pattern. */
	unsigned same = 0;
	for (unsigned i = 0; i < MEM_SIZE; i += 4)
		same += !memcmp(a + i, pattern + i, 4);
	ck_assert_uint_eq(same, 0);
	/* Another controller with the same history scrambles identically. */
	ck_assert_int_eq(bus_load(&R.b, MEM, pattern, MEM_SIZE), BUS_OK);
	struct dramc *d2 = dramc_new(&R.b, &R.s, 0, &R.p);
	ck_assert_ptr_nonnull(d2);
	dramc_set_loss_cb(d2, lost_and_scramble, d2);
	dramc_set_rail(d2, 1 * US, false);
	ck_assert_int_eq(bus_peek(&R.b, MEM, b, MEM_SIZE), BUS_OK);
	ck_assert_int_eq(memcmp(a, b, MEM_SIZE), 0);
	/* A second loss gives a different pattern. */
	dramc_set_rail(d2, 2 * US, true);
	dramc_set_rail(d2, 3 * US, false);
	ck_assert_int_eq(bus_peek(&R.b, MEM, b, MEM_SIZE), BUS_OK);
	ck_assert_int_ne(memcmp(a, b, MEM_SIZE), 0);
	dramc_free(d2);
}
END_TEST

/* ---- registers ------------------------------------------------------------ */

START_TEST(register_reads_settle_the_state)
{
	R.p.pd_idle_ps = 1 * US;
	make();
	ck_assert_uint_eq(reg_at(0, ID), 0x44524331u);
	ck_assert_uint_eq(reg_at(0, CTRL), CTRL_PD_EN);
	ck_assert_uint_eq(reg_at(0, PD_IDLE), 1000);
	ck_assert_uint_eq(reg_at(0, TXP), 10);
	ck_assert_uint_eq(reg_at(0, TXS), 200);
	ck_assert_uint_eq(reg_at(0, MEM_SZ), MEM_SIZE);
	ck_assert_uint_eq(reg_at(999 * NS, STATUS), DRAMC_ACTIVE);
	ck_assert_uint_eq(reg_at(1 * US, STATUS), DRAMC_POWER_DOWN);
	ck_assert_uint_eq(reg_at(1 * US, PD_ENTRIES), 1);
	/* Unknown offsets read 0; halfword accesses are refused by the bus. */
	ck_assert_uint_eq(reg_at(1 * US, 0x800), 0);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, REG + STATUS, 2, &v), BUS_ERR_DEVICE);
}
END_TEST

START_TEST(timer_registers_apply_from_the_write)
{
	make();
	/* Idle for 1 ms with every timer off, then enable power-down with a
	 * timeout long past: it powers down at the write, not retroactively. */
	reg_set(1 * MS, PD_IDLE, 100);
	ck_assert_uint_eq(reg_at(1 * MS, STATUS), DRAMC_ACTIVE);
	reg_set(1 * MS, CTRL, CTRL_PD_EN);
	ck_assert_uint_eq(reg_at(1 * MS, STATUS), DRAMC_POWER_DOWN);
	/* Self-refresh idle timer, 50 us from the last activity (time 0):
	 * also already due, so at the write. */
	reg_set(2 * MS, SR_IDLE, 50000);
	reg_set(2 * MS, CTRL, CTRL_PD_EN | CTRL_SR_IDLE_EN);
	ck_assert_uint_eq(reg_at(2 * MS, SR_IDLE), 50000);
	ck_assert_uint_eq(reg_at(2 * MS, STATUS), DRAMC_SELF_REFRESH);
	struct dramc_stats st;
	dramc_get_stats(R.d, 3 * MS, &st);
	ck_assert_uint_eq(st.time_ps[DRAMC_ACTIVE], 1 * MS);
	ck_assert_uint_eq(st.time_ps[DRAMC_POWER_DOWN], 1 * MS);
	ck_assert_uint_eq(st.time_ps[DRAMC_SELF_REFRESH], 1 * MS);
	/* After an access, the new timeouts count from its end. */
	ck_assert_uint_eq(dramc_access(R.d, 3 * MS, MEM, 32, false), 200 * NS);
	simtime_t end = 3 * MS + 205 * NS;
	ck_assert_uint_eq(reg_at(end + 100 * NS - 1, STATUS), DRAMC_ACTIVE);
	ck_assert_uint_eq(reg_at(end + 100 * NS, STATUS), DRAMC_POWER_DOWN);
	ck_assert_uint_eq(reg_at(end + 50 * US, STATUS), DRAMC_SELF_REFRESH);
	/* Disabling the timers stops them. */
	ck_assert_uint_eq(dramc_access(R.d, 4 * MS, MEM, 32, false), 200 * NS);
	reg_set(4 * MS, CTRL, 0);
	ck_assert_uint_eq(reg_at(5 * MS, STATUS), DRAMC_ACTIVE);
}
END_TEST

/* ---- parameters and device tree ----------------------------------------- */

START_TEST(bad_parameters_are_refused)
{
	struct dramc_params p;
	test_params(&p);
	ck_assert_ptr_null(dramc_params_problem(&p));
	p.burst_bytes = 24;
	ck_assert_ptr_nonnull(dramc_params_problem(&p));
	ck_assert_ptr_null(dramc_new(&R.b, &R.s, 0, &p));
	test_params(&p);
	p.trfc_ps = p.trefi_ps;
	ck_assert_ptr_nonnull(dramc_params_problem(&p));
	test_params(&p);
	p.idd4w_ua = p.idd3n_ua - 1;
	ck_assert_ptr_nonnull(dramc_params_problem(&p));
	test_params(&p);
	p.vdd_uv = 0;
	ck_assert_ptr_nonnull(dramc_params_problem(&p));
	dramc_default_params(&p);
	ck_assert_ptr_null(dramc_params_problem(&p));
	make();
}
END_TEST

extern const struct dev_type dramc_dev_type;

static char fdt_buf[4096];

static void dt_begin(void)
{
	ck_assert_int_eq(fdt_create(fdt_buf, sizeof fdt_buf), 0);
	ck_assert_int_eq(fdt_finish_reservemap(fdt_buf), 0);
	ck_assert_int_eq(fdt_begin_node(fdt_buf, ""), 0);
	fdt_property_u32(fdt_buf, "#address-cells", 1);
	fdt_property_u32(fdt_buf, "#size-cells", 1);
	fdt_begin_node(fdt_buf, "memory@60000000");
	fdt_property_string(fdt_buf, "device_type", "memory");
	fdt32_t reg[2] = { cpu_to_fdt32(MEM), cpu_to_fdt32(MEM_SIZE) };
	fdt_property(fdt_buf, "reg", reg, sizeof reg);
	fdt_property_u32(fdt_buf, "phandle", 7);
	fdt_end_node(fdt_buf);
	fdt_begin_node(fdt_buf, "dram-controller@40010000");
	fdt_property_string(fdt_buf, "compatible", "pmsim,lpddr-controller");
	fdt32_t creg[2] = { cpu_to_fdt32(REG), cpu_to_fdt32(0x1000) };
	fdt_property(fdt_buf, "reg", creg, sizeof creg);
}

/* A SoC with just a scheduler and a bus holding the DRAM. */
static void soc_done(struct soc *soc)
{
	bus_free(&soc->bus);
	sched_free(&soc->sched);
}

static int dt_create(struct soc *soc, void **state, struct err *e)
{
	fdt_end_node(fdt_buf);
	fdt_end_node(fdt_buf);
	ck_assert_int_eq(fdt_finish(fdt_buf), 0);
	struct dt_node n = { .fdt = fdt_buf };
	n.off = fdt_path_offset(fdt_buf, "/dram-controller@40010000");
	ck_assert_int_ge(n.off, 0);
	snprintf(n.path, sizeof n.path, "/dram-controller@40010000");
	memset(soc, 0, sizeof *soc);
	sched_init(&soc->sched);
	ck_assert_int_eq(bus_init(&soc->bus), 0);
	ck_assert_int_ge(bus_add_ram(&soc->bus, "dram", MEM, MEM_SIZE, false), 0);
	memset(e, 0, sizeof *e);
	return dramc_dev_type.create(soc, &n, state, e);
}

START_TEST(dt_binding_reads_properties_and_defaults)
{
	dt_begin();
	fdt_property_u32(fdt_buf, "pmsim,memory", 7);
	fdt_property_u32(fdt_buf, "pmsim,txs-ns", 300);
	fdt_property_u32(fdt_buf, "pmsim,idd6-microamp", 700);
	fdt_property_u32(fdt_buf, "pmsim,vdd-microvolt", 1100000);
	fdt_property_u32(fdt_buf, "pmsim,sr-idle-ns", 5000);
	static struct soc soc;
	struct err e;
	void *state = NULL;
	ck_assert_int_eq(dt_create(&soc, &state, &e), 0);
	ck_assert_str_eq(dramc_dev_type.compatible, "pmsim,lpddr-controller");
	R.d = state;
	uint32_t v;
	ck_assert_int_eq(bus_read(&soc.bus, REG + TXS, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 300);
	ck_assert_int_eq(bus_read(&soc.bus, REG + TXP, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 8); /* default 7.5 ns, rounded up */
	ck_assert_int_eq(bus_read(&soc.bus, REG + MEM_SZ, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, MEM_SIZE);
	ck_assert_int_eq(bus_read(&soc.bus, REG + CTRL, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, CTRL_PD_EN | CTRL_SR_IDLE_EN); /* default pd-idle 200 ns */
	/* Its transitions go to the SoC's trace stream. */
	R.ntr = 0;
	ck_assert_int_eq(trace_add_sink(&soc.trace, (struct trace_sink){ trace_state_rec, NULL }),
			 0);
	ck_assert_int_eq(dramc_state(R.d, 5 * US), DRAMC_SELF_REFRESH);
	ck_assert_uint_eq(R.ntr, 2);
	ck_assert_int_eq(R.tr[1].st, DRAMC_SELF_REFRESH);
	ck_assert_uint_eq(R.tr[1].t, 5 * US);
	double before = dramc_joules(R.d, 5 * US, DRAMC_METER_BACKGROUND);
	double after = dramc_joules(R.d, 5 * US + 1 * S, DRAMC_METER_BACKGROUND);
	ck_assert_energy(after - before, 700e-6 * 1.1);
	/* The default loss handler scrambles the memory. */
	ck_assert_int_eq(bus_load(&soc.bus, MEM, "\0\0\0\0", 4), BUS_OK);
	dramc_set_rail(R.d, 2 * S, false);
	ck_assert_int_eq(bus_peek(&soc.bus, MEM, &v, 4), BUS_OK);
	ck_assert_uint_ne(v, 0);
	dramc_dev_type.destroy(state);
	R.d = NULL;
	soc_done(&soc);
}
END_TEST

START_TEST(dt_binding_errors_name_the_node)
{
	static struct soc soc;
	struct err e;
	void *state = NULL;
	dt_begin();
	ck_assert_int_ne(dt_create(&soc, &state, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "pmsim,memory"));
	ck_assert_ptr_nonnull(strstr(e.msg, "/dram-controller@40010000"));
	soc_done(&soc);

	dt_begin();
	fdt_property_u32(fdt_buf, "pmsim,memory", 99);
	ck_assert_int_ne(dt_create(&soc, &state, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "names no node"));
	soc_done(&soc);

	dt_begin();
	fdt_property_u32(fdt_buf, "pmsim,memory", 7);
	fdt_property_u32(fdt_buf, "pmsim,trfc-ns", 5000);
	ck_assert_int_ne(dt_create(&soc, &state, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "tREFI"));
	soc_done(&soc);

	dt_begin();
	fdt_property_u32(fdt_buf, "pmsim,memory", 7);
	fdt_property_u32(fdt_buf, "pmsim,burst-bytes", 48);
	ck_assert_int_ne(dt_create(&soc, &state, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "power of two"));
	soc_done(&soc);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dramc");
	TCase *tc = tcase_create("states");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, access_in_power_down_pays_txp);
	tcase_add_test(tc, access_in_self_refresh_pays_txs_and_returns_to_active);
	tcase_add_test(tc, self_refresh_entries_are_counted);
	tcase_add_test(tc, idle_timers_are_lazy_and_exact);
	tcase_add_test(tc, transitions_are_traced_at_their_own_time);
	tcase_add_test(tc, projected_energy_is_the_settled_energy_and_changes_nothing);
	tcase_add_test(tc, looking_often_or_once_gives_the_same_history);
	tcase_add_test(tc, both_timers_due_together_go_straight_to_self_refresh);
	tcase_add_test(tc, self_refresh_request_waits_for_the_access_in_progress);
	tcase_add_test(tc, software_exit_from_self_refresh);
	tcase_add_test(tc, clock_behind_the_controller_acts_at_its_time);
	tcase_add_test(tc, reset_restores_registers_and_leaves_self_refresh);
	suite_add_tcase(s, tc);

	tc = tcase_create("energy");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, idle_second_active);
	tcase_add_test(tc, idle_second_power_down);
	tcase_add_test(tc, idle_second_self_refresh_draws_exactly_idd6);
	tcase_add_test(tc, idle_second_off_draws_nothing);
	tcase_add_test(tc, access_energy_per_burst);
	tcase_add_test(tc, sequential_beats_share_a_burst);
	tcase_add_test(tc, a_burst_ends_where_its_stream_does);
	tcase_add_test(tc, energy_follows_the_residencies);
	suite_add_tcase(s, tc);

	tc = tcase_create("rail");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, rail_off_loses_contents_once);
	tcase_add_test(tc, rail_off_in_self_refresh_loses_contents_too);
	tcase_add_test(tc, garbage_is_deterministic_and_replaces_the_data);
	suite_add_tcase(s, tc);

	tc = tcase_create("registers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, register_reads_settle_the_state);
	tcase_add_test(tc, timer_registers_apply_from_the_write);
	tcase_add_test(tc, bad_parameters_are_refused);
	tcase_add_test(tc, dt_binding_reads_properties_and_defaults);
	tcase_add_test(tc, dt_binding_errors_name_the_node);
	suite_add_tcase(s, tc);
	return check_run(s);
}
