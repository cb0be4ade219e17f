/*
 * Guest ELF images: validation, loading of PT_LOAD segments at their
 * physical addresses, and the symbol table for naming guest code.
 */
#ifndef PMSIM_ELF_H
#define PMSIM_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "sim/bus.h"
#include "sim/err.h"

struct elf_symbol {
	uint32_t addr;   /* Thumb bit cleared for functions */
	uint32_t size;
	const char *name;
};

struct elf_image {
	uint32_t entry;
	struct elf_symbol *syms; /* functions and objects, sorted by address */
	size_t nsyms;
	char *strtab;            /* backing store of the names */
	unsigned nsegs;          /* loaded segments */
	struct { uint32_t addr, memsz; } segs[16]; /* the first 16 of them */
};

/* Check and load `path` into `bus`. On failure nothing is kept and e names
 * the file and the problem. */
int elf_load(const char *path, struct bus *bus, struct elf_image *img, struct err *e);
/* The same from the file's contents, already read; `path` names it in
 * messages. */
int elf_load_image(const char *path, void *data, size_t len, struct bus *bus,
		   struct elf_image *img, struct err *e);
void elf_free(struct elf_image *img);

/* The symbol containing `addr` (or the nearest one below it, within its
 * size when the size is known); NULL if none. *offset gets addr - symbol. */
const struct elf_symbol *elf_symbolize(const struct elf_image *img, uint32_t addr,
				       uint32_t *offset);

#endif
