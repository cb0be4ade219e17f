/*
 * What the idle governors share (Linux's drivers/cpuidle/governors/gov.h):
 * their registration functions, each run by a postcore_initcall in the
 * image, and called by the host unit tests (tests/pmfw/test_cpuidle_*.c),
 * which supply cpuidle_register_governor themselves.
 */
#ifndef _DRIVERS_CPUIDLE_GOVERNORS_GOV_H
#define _DRIVERS_CPUIDLE_GOVERNORS_GOV_H

int init_menu(void);
int init_ladder(void);
int teo_governor_init(void);

#endif
