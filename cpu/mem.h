/*
 * The core's memory system: what a load, store or instruction fetch costs
 * and where its data comes from. Between the core and the bus sit the MPU
 * (mpu.c: permissions and memory attributes), the caches (cache.c: they
 * hold data; the D-cache is write-back and never snooped), and the memory
 * timing of each bus region (first/next beat in picoseconds, converted to
 * core cycles at the current frequency; flash prefetch buffer).
 *
 * Fast path: pages on which an access needs nothing but a host memcpy
 * (RAM/ROM, no wait states, not cached, MPU off or full access for every
 * privilege) keep a host pointer in the core's own page tables
 * (`rd`/`wr` below, derived from the bus's); everything else takes
 * cpu_mem_access(). cpu_mem_remap() rebuilds those tables whenever what
 * they depend on changes (CCR.DC/IC, MPU configuration, core frequency).
 */
#ifndef PMSIM_CPU_MEM_H
#define PMSIM_CPU_MEM_H

#include "cpu/cpu_int.h"

/* Memory attributes of an address, from the MPU or the default map. */
struct mem_attr {
	bool cacheable;      /* Normal memory, write-back or write-through */
	bool write_through;  /* cacheable but write-through */
	bool shareable;
	bool device;         /* Device or Strongly-ordered */
	bool xn;             /* execute never */
};

enum mem_access { MEM_READ, MEM_WRITE, MEM_FETCH };

/* The ARMv7-M default memory map attributes (B3.1), used when the MPU is
 * off (or for privileged accesses with PRIVDEFENA). */
void cpu_default_attr(uint32_t addr, struct mem_attr *attr);

/* Provided by mem.c. */
int cpu_mem_init(struct cpu *c, struct err *e);
void cpu_mem_free(struct cpu *c);
void cpu_mem_reset(struct cpu *c);
/* Valid dirty lines in the D-cache (what a power-off loses). */
unsigned cpu_mem_dirty_lines(const struct cpu *c);
void cpu_mem_remap(struct cpu *c);

/* Provided by mpu.c. Checks an access of `size` bytes at `addr` for the
 * current privilege (or unprivileged when `unpriv`, for LDRT/STRT) and
 * returns true with its attributes, or false if it must fault (the caller
 * raises MemManage DACCVIOL/IACCVIOL with the address). */
int cpu_mpu_init(struct cpu *c, struct err *e);
void cpu_mpu_free(struct cpu *c);
void cpu_mpu_reset(struct cpu *c);
bool cpu_mpu_check(struct cpu *c, uint32_t addr, unsigned size, enum mem_access kind,
		   bool unpriv, struct mem_attr *attr);
/* True while the MPU is enabled (MPU_CTRL.ENABLE). */
bool cpu_mpu_enabled(const struct cpu *c);
/* MPU register window (0xE000ED90..0xE000EDEF), called by scs.c with the
 * SCS offset (0xD90..0xDEF) of a word access. */
int cpu_mpu_read(struct cpu *c, uint32_t off, unsigned size, uint32_t *v);
int cpu_mpu_write(struct cpu *c, uint32_t off, unsigned size, uint32_t v);

/* Per-page query for the fast tables, built at remap time. True if every
 * byte of the 4 KiB page at `page_base` has the same attributes and, for
 * each privilege level, the same permissions (MPU_PERM_* bits) as the MPU
 * (or the default map, MPU off) has them now at execution priority >= 0;
 * false if the page must be checked access by access (a region or
 * subregion boundary falls inside it). A page that is fully accessible
 * (R|W for both levels) needs no check on any load or store: below 0
 * with HFNMIENA clear the default map applies, which never forbids data
 * accesses. The MPU calls cpu_mem_remap() whenever the answer may change. */
#define MPU_PERM_R 1u
#define MPU_PERM_W 2u
#define MPU_PERM_X 4u
bool cpu_mpu_page_uniform(struct cpu *c, uint32_t page_base, struct mem_attr *attr,
			  unsigned *priv_perm, unsigned *user_perm);
/* What the decode cache may keep of a page (cached instructions run
 * without a fetch check): MPU_EXEC_ALL if every privilege level may execute
 * every byte of it at any execution priority; MPU_EXEC_PRIV if privileged
 * code may (a cached entry must check the privilege when it runs);
 * MPU_EXEC_NONE if every fetch must be checked. */
enum mpu_exec { MPU_EXEC_NONE, MPU_EXEC_PRIV, MPU_EXEC_ALL };
enum mpu_exec cpu_mpu_page_exec(struct cpu *c, uint32_t page_base);

#endif
