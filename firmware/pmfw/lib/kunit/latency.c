/*
 * For suites that measure the hardware's timing (a baud rate, a DMA
 * residue at a given moment, the DRAM's state after an idle period, the
 * timer's latency): the core's idle states would add their exit latency
 * (up to 500 us from power-off) to every wake-up, and power-off cleans
 * the D-cache. As a latency-critical user would, such a suite holds a CPU
 * latency QoS request of 0 while it runs (cpuidle then keeps the core in
 * WFI), by naming these as its suite_init and suite_exit.
 */
#include <kunit/test.h>
#include <linux/pm_qos.h>

static struct pm_qos_request kunit_latency_req;

int kunit_suite_init_latency_critical(struct kunit_suite *suite)
{
	cpu_latency_qos_add_request(&kunit_latency_req, 0);
	return 0;
}

void kunit_suite_exit_latency_critical(struct kunit_suite *suite)
{
	cpu_latency_qos_remove_request(&kunit_latency_req);
}
