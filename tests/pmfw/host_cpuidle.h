/*
 * The host stand-ins of tests/pmfw/host_cpuidle.c, for the idle
 * governors' tests: what the framework and the tick code tell a governor,
 * set by the test, and the framework's side of one idle period, on one
 * driver and device (host_idle.drv, host_idle.dev).
 */
#ifndef PMFW_HOST_CPUIDLE_H
#define PMFW_HOST_CPUIDLE_H

#include <linux/cpuidle.h>
#include <linux/ktime.h>

struct host_idle {
	s64 latency_req_ns;   /* cpuidle_governor_latency_req() */
	ktime_t sleep_length; /* tick_nohz_get_sleep_length() */
	/* While the tick runs, the time to it: the sleep length's
	 * *delta_next is the smaller of the two (the sleep length itself
	 * when the tick is stopped). */
	ktime_t next_tick;
	bool tick_stopped;    /* tick_nohz_tick_stopped() */
	bool got_tick;        /* tick_nohz_idle_got_tick(), which clears it */
	int entered; /* the state picked last, to wake from (-1: none) */
	struct cpuidle_governor *gov; /* by cpuidle_register_governor() */
	struct cpuidle_driver drv;
	struct cpuidle_device dev;
};

extern struct host_idle host_idle;

/* The SoCs, and the numbers the tests' hand arithmetic uses (exit
 * latency / target residency, ns), checked when their states load:
 *   default SoC: wfi 2 000 / 2 000, retention 60 000 / 150 000,
 *                power-off 500 000 / 2 000 000 (the last two stop the
 *                local timer);
 *   MCU:         sleep 1 000 / 1 000, stop 15 000 / 50 000,
 *                standby 180 000 / 1 000 000. */
enum host_soc {
	HOST_DEFAULT_SOC,
	HOST_MCU,
};

/* A fresh start: no latency limit (PM QoS's defaults: 2000 s), the tick
 * running and a whole jiffy away; the SoC's idle states from its device
 * tree (configs/NAME.dtb as pmsim builds it), as Linux's DT idle-state
 * driver makes them (exit latency = wakeup-latency-us, else
 * entry-latency-us + exit-latency-us; target residency = min-residency-us;
 * local-timer-stop = CPUIDLE_FLAG_TIMER_STOP); the governor registered by
 * its initcall `init`; a fresh device (all states enabled, nothing
 * measured) handed to it, as cpuidle_enable_device does. */
void host_idle_setup(int (*init)(void), enum host_soc soc);

/* The initcall registers one governor, with this name and rating. */
void host_idle_check_registration(int (*init)(void), const char *name, unsigned int rating);

/* The governor's choice with the next timer `sleep_length` away;
 * *stop_tick is what it said about the tick. */
int host_idle_select(ktime_t sleep_length, bool *stop_tick);
/* The same, checked: state want_idx, and the tick's fate. */
void host_idle_expect(ktime_t sleep_length, int want_idx, bool want_stop_tick);

/* Probes of what a governor picks, which it learns nothing from (each
 * entry is then rejected): with the latency limit (HOST_NO_LIMIT: none)
 * and the states in `disabled` (bit i: state i) off, and the next timer
 * sleep_length away, the governor picks idx and says stop_tick. */
#define HOST_NO_LIMIT (-1)
struct host_idle_probe {
	ktime_t sleep_length;
	s64 latency_req_ns;
	unsigned int disabled;
	int idx;
	bool stop_tick;
};
void host_idle_probes(const struct host_idle_probe *probes, size_t n);
/* The same on a fresh governor of each SoC: `d` on the default SoC, `m`
 * on the MCU. */
void host_idle_probes_on_socs(int (*init)(void), const struct host_idle_probe *d, size_t nd,
			      const struct host_idle_probe *m, size_t nm);

/* A sequence of idle periods: each step wakes from the state picked
 * last (if any) after `residency` (by the tick if by_tick), then checks
 * the governor's next choice for a timer sleep_length away: idx, and
 * what it says about the tick. */
struct host_idle_step {
	s64 residency;
	bool by_tick;
	ktime_t sleep_length;
	int idx;
	bool stop_tick;
};
void host_idle_steps(const struct host_idle_step *steps, size_t n);

/* The state `index` was entered and the core woke after residency_ns (by
 * the tick if by_tick): what cpuidle_enter_state and cpuidle_reflect
 * then tell the governor. */
void host_idle_wake(int index, u64 residency_ns, bool by_tick);

/* The driver refused the state: nothing measured, no reflect (and
 * nothing to wake from). */
void host_idle_reject(void);

/* `rounds` idle periods on a fresh device with pseudo-random timers,
 * residencies, tick states, latency limits and disabled states (from
 * `seed`): the governor never picks a disabled state while one is
 * enabled, nor one whose exit latency exceeds the limit unless it is the
 * shallowest enabled one. */
void host_idle_check_choices(unsigned int seed, int rounds);

#endif
