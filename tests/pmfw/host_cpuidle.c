/*
 * What the idle governors (firmware/pmfw/drivers/cpuidle/governors/)
 * call, on the host: the latency limit, the tick code's view of the
 * timers and the governor registration, all from host_idle, which the
 * tests set; and the framework's side of an idle period (select, enter,
 * reflect) as drivers/cpuidle/cpuidle.c runs it.
 */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/cpuidle.h>
#include <linux/pm_qos.h>
#include <linux/tick.h>

#include "host_cpuidle.h"

struct host_idle host_idle;

static s64 no_limit_ns(void)
{
	return (s64)PM_QOS_CPU_LATENCY_DEFAULT_VALUE * NSEC_PER_USEC;
}

static void host_idle_reset(void)
{
	memset(&host_idle, 0, sizeof(host_idle));
	host_idle.latency_req_ns = no_limit_ns();
	host_idle.next_tick = TICK_NSEC;
	host_idle.entered = -1;
}

s64 cpuidle_governor_latency_req(unsigned int cpu)
{
	ck_assert_uint_eq(cpu, 0);
	return host_idle.latency_req_ns;
}

ktime_t tick_nohz_get_sleep_length(ktime_t *delta_next)
{
	*delta_next = host_idle.sleep_length;
	if (!host_idle.tick_stopped && host_idle.next_tick < host_idle.sleep_length)
		*delta_next = host_idle.next_tick;
	return host_idle.sleep_length;
}

/* The kernel's default: NO_HZ_IDLE on. */
bool tick_nohz_enabled = true;

bool tick_nohz_tick_stopped(void)
{
	return host_idle.tick_stopped;
}

bool tick_nohz_idle_got_tick(void)
{
	bool got = host_idle.got_tick;
	host_idle.got_tick = false;
	return got;
}

int cpuidle_register_governor(struct cpuidle_governor *gov)
{
	ck_assert_ptr_null(host_idle.gov);
	host_idle.gov = gov;
	return 0;
}

static u32 dt_u32(const void *fdt, int node, const char *name, u32 absent)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);
	if (!p)
		return absent;
	ck_assert_int_eq(len, (int)sizeof(*p));
	return fdt32_to_cpu(*p);
}

static void load_states(struct cpuidle_driver *drv, const char *dtb)
{
	static char fdt[1 << 16] __attribute__((aligned(8)));
	char path[512];
	snprintf(path, sizeof path, "%s/configs/%s", PMSIM_TEST_BIN_DIR, dtb);
	FILE *fp = fopen(path, "rb");
	ck_assert_msg(fp && fread(fdt, 1, sizeof fdt, fp) > 0, "cannot read %s", path);
	fclose(fp);
	ck_assert_int_eq(fdt_check_header(fdt), 0);
	ck_assert_uint_le(fdt_totalsize(fdt), sizeof fdt);

	int cpu = fdt_path_offset(fdt, "/cpus/cpu@0");
	ck_assert_int_ge(cpu, 0);
	int len;
	const fdt32_t *phandles = fdt_getprop(fdt, cpu, "cpu-idle-states", &len);
	ck_assert_ptr_nonnull(phandles);
	int count = len / (int)sizeof(*phandles);
	ck_assert_int_le(count, CPUIDLE_STATE_MAX);

	memset(drv, 0, sizeof(*drv));
	drv->name = dtb;
	drv->state_count = count;
	for (int i = 0; i < count; i++) {
		struct cpuidle_state *s = &drv->states[i];
		int node = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(phandles[i]));
		ck_assert_int_ge(node, 0);

		const char *name = fdt_get_name(fdt, node, NULL);
		const char *desc = fdt_getprop(fdt, node, "idle-state-name", NULL);
		snprintf(s->name, sizeof s->name, "%s", name);
		snprintf(s->desc, sizeof s->desc, "%s", desc ? desc : name);
		u32 entry = dt_u32(fdt, node, "entry-latency-us", 0);
		u32 exit = dt_u32(fdt, node, "exit-latency-us", 0);
		s->exit_latency = dt_u32(fdt, node, "wakeup-latency-us", entry + exit);
		s->target_residency = dt_u32(fdt, node, "min-residency-us", 0);
		s->exit_latency_ns = (s64)s->exit_latency * NSEC_PER_USEC;
		s->target_residency_ns = (s64)s->target_residency * NSEC_PER_USEC;
		if (fdt_getprop(fdt, node, "local-timer-stop", NULL))
			s->flags |= CPUIDLE_FLAG_TIMER_STOP;
	}
}

static void expect_states(const struct cpuidle_driver *drv, const char *const names[3],
			  const s64 exit_ns[3], const s64 target_ns[3], const unsigned int flags[3])
{
	ck_assert_int_eq(drv->state_count, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_str_eq(drv->states[i].name, names[i]);
		ck_assert_int_eq(drv->states[i].exit_latency_ns, exit_ns[i]);
		ck_assert_int_eq(drv->states[i].target_residency_ns, target_ns[i]);
		ck_assert_uint_eq(drv->states[i].flags, flags[i]);
	}
}

static void default_soc(struct cpuidle_driver *drv)
{
	static const char *const names[3] = { "wfi", "retention", "power-off" };
	static const s64 exit_ns[3] = { 2000, 60000, 500000 };
	static const s64 target_ns[3] = { 2000, 150000, 2000000 };
	static const unsigned int flags[3] = { 0, CPUIDLE_FLAG_TIMER_STOP, CPUIDLE_FLAG_TIMER_STOP };
	load_states(drv, "default.dtb");
	expect_states(drv, names, exit_ns, target_ns, flags);
}

static void mcu(struct cpuidle_driver *drv)
{
	static const char *const names[3] = { "sleep", "stop", "standby" };
	static const s64 exit_ns[3] = { 1000, 15000, 180000 };
	static const s64 target_ns[3] = { 1000, 50000, 1000000 };
	static const unsigned int flags[3] = { 0, 0, 0 };
	load_states(drv, "mcu.dtb");
	expect_states(drv, names, exit_ns, target_ns, flags);
}

static void enable(void)
{
	struct cpuidle_device *dev = &host_idle.dev;
	memset(dev, 0, sizeof(*dev));
	dev->registered = 1;
	dev->enabled = 1;
	ck_assert_int_eq(host_idle.gov->enable(&host_idle.drv, dev), 0);
}

void host_idle_setup(int (*init)(void), enum host_soc soc)
{
	host_idle_reset();
	if (soc == HOST_MCU)
		mcu(&host_idle.drv);
	else
		default_soc(&host_idle.drv);
	ck_assert_int_eq(init(), 0);
	ck_assert_ptr_nonnull(host_idle.gov);
	enable();
}

void host_idle_check_registration(int (*init)(void), const char *name, unsigned int rating)
{
	host_idle_reset();
	ck_assert_int_eq(init(), 0);
	struct cpuidle_governor *gov = host_idle.gov;
	ck_assert_ptr_nonnull(gov);
	ck_assert_str_eq(gov->name, name);
	ck_assert_uint_eq(gov->rating, rating);
	ck_assert_ptr_nonnull(gov->enable);
	ck_assert_ptr_nonnull(gov->select);
	ck_assert_ptr_nonnull(gov->reflect);
}

int host_idle_select(ktime_t sleep_length, bool *stop_tick)
{
	host_idle.sleep_length = sleep_length;
	*stop_tick = true;
	int index = host_idle.gov->select(&host_idle.drv, &host_idle.dev, stop_tick);
	ck_assert_int_ge(index, 0);
	ck_assert_int_lt(index, host_idle.drv.state_count);
	host_idle.entered = index;
	return index;
}

void host_idle_expect(ktime_t sleep_length, int want_idx, bool want_stop_tick)
{
	bool stop_tick;
	int idx = host_idle_select(sleep_length, &stop_tick);
	ck_assert_int_eq(idx, want_idx);
	ck_assert_int_eq(stop_tick, want_stop_tick);
}

void host_idle_probes(const struct host_idle_probe *probes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct host_idle_probe *p = &probes[i];
		host_idle.latency_req_ns =
			p->latency_req_ns == HOST_NO_LIMIT ? no_limit_ns() : p->latency_req_ns;
		for (int s = 0; s < host_idle.drv.state_count; s++)
			host_idle.dev.states_usage[s].disable =
				p->disabled & (1U << s) ? CPUIDLE_STATE_DISABLED_BY_USER : 0;
		bool stop_tick;
		int idx = host_idle_select(p->sleep_length, &stop_tick);
		ck_assert_msg(idx == p->idx && stop_tick == p->stop_tick,
			      "probe %zu: state %d, stop_tick %d; want %d, %d", i + 1, idx, stop_tick,
			      p->idx, p->stop_tick);
		host_idle_reject();
	}
}

void host_idle_probes_on_socs(int (*init)(void), const struct host_idle_probe *d, size_t nd,
			      const struct host_idle_probe *m, size_t nm)
{
	host_idle_setup(init, HOST_DEFAULT_SOC);
	host_idle_probes(d, nd);
	host_idle_setup(init, HOST_MCU);
	host_idle_probes(m, nm);
}

void host_idle_steps(const struct host_idle_step *steps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct host_idle_step *p = &steps[i];
		if (host_idle.entered >= 0)
			host_idle_wake(host_idle.entered, (u64)p->residency, p->by_tick);
		bool stop_tick;
		int idx = host_idle_select(p->sleep_length, &stop_tick);
		ck_assert_msg(idx == p->idx && stop_tick == p->stop_tick,
			      "step %zu: state %d, stop_tick %d; want %d, %d", i + 1, idx, stop_tick,
			      p->idx, p->stop_tick);
	}
}

void host_idle_wake(int index, u64 residency_ns, bool by_tick)
{
	host_idle.dev.last_residency_ns = residency_ns;
	host_idle.got_tick = by_tick;
	host_idle.gov->reflect(&host_idle.dev, index);
}

void host_idle_reject(void)
{
	host_idle.dev.last_residency_ns = 0;
	host_idle.entered = -1;
}

/* Numerical Recipes' LCG: the same sequence on every host. */
static unsigned int lcg(unsigned int *state)
{
	*state = *state * 1664525U + 1013904223U;
	return *state >> 8;
}

void host_idle_check_choices(unsigned int seed, int rounds)
{
	static const s64 limits_us[] = { 0, 1, 10, 14, 15, 59, 60, 100, 179, 180, 499, 500, 1000 };
	const struct cpuidle_driver *drv = &host_idle.drv;
	struct cpuidle_device *dev = &host_idle.dev;
	unsigned int r = seed;

	enable();
	for (int round = 0; round < rounds; round++) {
		/* Now and then a new disabled set, limit and tick. */
		if (lcg(&r) % 8 == 0) {
			for (int i = 0; i < drv->state_count; i++)
				dev->states_usage[i].disable =
					lcg(&r) % 4 == 0 ? CPUIDLE_STATE_DISABLED_BY_USER : 0;
			unsigned int l = lcg(&r) % (ARRAY_SIZE(limits_us) + 2);
			host_idle.latency_req_ns =
				l < ARRAY_SIZE(limits_us) ? limits_us[l] * NSEC_PER_USEC : no_limit_ns();
		}
		host_idle.tick_stopped = lcg(&r) % 4 == 0;
		host_idle.next_tick = 1 + lcg(&r) % TICK_NSEC;
		/* 1 µs to about 1 s, spread over the decades. */
		ktime_t sleep_length = (ktime_t)(1000ULL << (lcg(&r) % 20)) + lcg(&r) % 1000;

		bool stop_tick;
		int idx = host_idle_select(sleep_length, &stop_tick);

		int shallowest = -1;
		for (int i = drv->state_count - 1; i >= 0; i--)
			if (!dev->states_usage[i].disable)
				shallowest = i;
		if (shallowest >= 0) {
			ck_assert_msg(!dev->states_usage[idx].disable,
				      "round %d: disabled state %d chosen", round, idx);
			ck_assert_msg(drv->states[idx].exit_latency_ns <= host_idle.latency_req_ns ||
					      idx == shallowest,
				      "round %d: state %d too slow for %lld ns", round, idx,
				      (long long)host_idle.latency_req_ns);
		}

		if (lcg(&r) % 16 == 0) {
			host_idle_reject();
			continue;
		}
		u64 residency = lcg(&r) % ((u64)sleep_length + 1);
		bool by_tick = !host_idle.tick_stopped && lcg(&r) % 4 == 0;
		host_idle_wake(idx, residency, by_tick);
	}
}
