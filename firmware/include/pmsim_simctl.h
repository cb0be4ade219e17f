/*
 * The simulator-control device (compatible "pmsim,simctl",
 * docs/devices/simctl.md): trace markers, exit and a statistics reset,
 * for guest code. Both pmsim (devices/simctl.c) and the guest use these
 * offsets; the helpers below are plain C for any guest.
 *
 * A marker register takes the address of a NUL-terminated name (at most
 * SIMCTL_NAME_MAX characters); the device reads the name at the write, so
 * the buffer may be reused at once. ARG is latched for the next marker.
 * Names follow a convention the report understands:
 *   phase:NAME            a suspend/resume phase (sleepgraph's names)
 *   dev:PHASE:DEVICE      one device's callback in a phase, ARG = its result
 *   suspend:STATE         one suspend cycle, ARG at END = its result
 *   timer:FUNCTION        (INSTANT) a timer callback ran
 * anything else is a user marker, kept as is.
 */
#ifndef PMSIM_GUEST_SIMCTL_H
#define PMSIM_GUEST_SIMCTL_H

#include <stdint.h>

#define SIMCTL_BASE_DEFAULT 0x4003f000u

#define SIMCTL_ID 0x000u      /* RO: SIMCTL_ID_VALUE */
#define SIMCTL_ARG 0x004u     /* RW: argument of the next marker */
#define SIMCTL_BEGIN 0x008u   /* WO: name address; an interval begins */
#define SIMCTL_END 0x00cu     /* WO: name address; the innermost open interval of that name ends */
#define SIMCTL_INSTANT 0x010u /* WO: name address; an instant event */
#define SIMCTL_EXIT 0x014u    /* WO: end the run with this status */
#define SIMCTL_STATS 0x018u   /* WO: 1 = reset the marker statistics */

#define SIMCTL_ID_VALUE 0x4c544353u /* "SCTL" */
#define SIMCTL_NAME_MAX 63
#define SIMCTL_STATS_RESET 1u

/* The helpers are for the guest; pmsim itself only takes the offsets. */
#if defined(__arm__)

#ifndef SIMCTL_BASE
#define SIMCTL_BASE SIMCTL_BASE_DEFAULT
#endif

static inline void simctl_write(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(SIMCTL_BASE + off) = v;
}

static inline int simctl_present(void)
{
	return *(volatile uint32_t *)(SIMCTL_BASE + SIMCTL_ID) == SIMCTL_ID_VALUE;
}

static inline void simctl_begin(const char *name)
{
	simctl_write(SIMCTL_BEGIN, (uint32_t)(uintptr_t)name);
}

static inline void simctl_end(const char *name, int32_t arg)
{
	simctl_write(SIMCTL_ARG, (uint32_t)arg);
	simctl_write(SIMCTL_END, (uint32_t)(uintptr_t)name);
}

static inline void simctl_instant(const char *name, uint32_t arg)
{
	simctl_write(SIMCTL_ARG, arg);
	simctl_write(SIMCTL_INSTANT, (uint32_t)(uintptr_t)name);
}

static inline void simctl_exit(int status)
{
	simctl_write(SIMCTL_EXIT, (uint32_t)status);
}

#endif /* __arm__ */

#endif
