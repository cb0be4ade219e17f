/*
 * How pmsim hands the device tree to the guest (docs/boot.md), checked
 * from the first instruction: r0 = 0, r1 = 0xffffffff and r2 = the address
 * of a flattened device tree (magic 0xd00dfeed, big-endian) in a read-only
 * boot ROM that ends at 0x2000_0000, whose /chosen/bootargs are the
 * guest's arguments; a write to it is a bus error.
 *
 * The reset handler pushes r0-r2 on the initial stack before picolibc's
 * _start runs (which uses the stack below them and clears only .bss), and
 * main reads them back from just under __stack. Exits 0 after "boot dtb:
 * all checks passed".
 *
 * The arguments are the ones given after `--`; the test checks that the
 * DTB's bootargs are the same words.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest_check.h"

extern char __stack[];
extern void _start(void);
void boot_entry(void);

__asm__(".syntax unified\n\t.thumb\n\t.text\n"
	"\t.global boot_entry\n\t.type boot_entry, %function\n\t.thumb_func\n"
	"boot_entry:\n"
	"\tpush {r0, r1, r2}\n"
	"\tb _start\n");

static void bus_fault(void)
{
	printf("a write to the boot ROM was a bus error\n");
	printf("boot dtb: all checks passed\n");
	exit(0);
}

/* Replaces picolibc's weak table, at address 0 (its .data.init.enter). */
__attribute__((section(".data.init.enter"), used)) void *const __interrupt_vector[6] = {
	__stack, boot_entry, 0, bus_fault, bus_fault, bus_fault,
};

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The value of property `name` of the node whose struct block entry
 * begins at `node` (FDT_BEGIN_NODE), or NULL: enough FDT for one check. */
static const char *prop(const uint8_t *fdt, const char *path, const char *name)
{
	const uint8_t *st = fdt + be32(fdt + 8);
	const char *strs = (const char *)fdt + be32(fdt + 12);
	int depth = 0;
	bool in = false;
	const char *want = path + 1; /* "/chosen" -> "chosen"; "/" -> "" */
	for (const uint8_t *p = st;;) {
		uint32_t tag = be32(p);
		p += 4;
		if (tag == 1) { /* BEGIN_NODE */
			const char *n = (const char *)p;
			in = (depth == 0 && !*want) || (depth == 1 && !strcmp(n, want));
			depth++;
			p += (strlen(n) + 4) & ~3u;
		} else if (tag == 2) { /* END_NODE */
			depth--;
			in = depth == 1 && !*want;
		} else if (tag == 3) { /* PROP */
			uint32_t len = be32(p), off = be32(p + 4);
			if (in && !strcmp(strs + off, name))
				return (const char *)p + 8;
			p += (8 + len + 3) & ~3u;
		} else if (tag == 4) { /* NOP */
		} else {
			return NULL; /* END */
		}
	}
}

int main(int argc, char **argv)
{
	/* Through an integer: the compiler may not see below __stack. */
	const volatile uint32_t *saved = (const volatile uint32_t *)((uintptr_t)__stack - 12);
	uint32_t r0 = saved[0], r1 = saved[1], r2 = saved[2];
	/* The arguments, as picolibc splits the semihosting command line
	 * (argv[1] is the image), joined again by single spaces. */
	static char want[256];
	for (int i = 2; i < argc; i++)
		snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s", i > 2 ? " " : "",
			 argv[i]);
	printf("at reset: r0 0x%08lx, r1 0x%08lx, r2 0x%08lx\n", (unsigned long)r0,
	       (unsigned long)r1, (unsigned long)r2);
	CHECK(r0 == 0 && r1 == 0xffffffffu);
	const uint8_t *fdt = (const uint8_t *)(uintptr_t)r2;
	CHECK(be32(fdt) == 0xd00dfeedu);
	uint32_t size = be32(fdt + 4);
	CHECK(r2 % 4096 == 0 && r2 + ((size + 4095) & ~4095u) == 0x20000000u);
	const char *model = prop(fdt, "/", "model");
	const char *bootargs = prop(fdt, "/chosen", "bootargs");
	printf("model \"%s\", bootargs \"%s\", arguments \"%s\"\n", model ? model : "(none)",
	       bootargs ? bootargs : "(none)", want);
	CHECK(model && bootargs && !strcmp(bootargs, want));
	*(volatile uint32_t *)(uintptr_t)(r2 + 64) = 0; /* read-only: a bus error */
	printf("FAILED: the boot ROM took a write\n");
	return 1;
}
