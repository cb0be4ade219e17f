/*
 * ELF loading with libelf.
 *
 * The whole file is read into memory first and every header, segment and
 * section is checked against its real size, so a truncated or garbage file
 * is refused with one message before anything is loaded. Segments go to
 * their physical addresses (p_paddr: the load address, which differs from
 * p_vaddr for initialised data copied from flash to RAM by the C runtime);
 * the bytes past p_filesz up to p_memsz are zeroed. The entry point is kept
 * for information only: like the silicon, the core starts from the vector
 * table at address 0 (initial SP, then reset vector).
 */
#include "sim/elf.h"

#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/hostio.h"

static int cmp_sym(const void *a, const void *b)
{
	const struct elf_symbol *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Collect FUNC and OBJECT symbols from .symtab (absent in stripped images). */
static int load_symbols(const char *path, Elf *elf, struct elf_image *img, size_t flen,
			struct err *e)
{
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return errf(e, "%s: bad section header: %s", path, elf_errmsg(-1));
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		if (sh.sh_offset + sh.sh_size > flen)
			return errf(e, "%s: symbol table extends past the end of the file (truncated?)",
				    path);
		if (sh.sh_entsize != sizeof(Elf32_Sym))
			return errf(e, "%s: symbol table (section %zu) has entries of %llu bytes; an "
				    "ELF32 symbol is %zu bytes", path, elf_ndxscn(scn),
				    (unsigned long long)sh.sh_entsize, sizeof(Elf32_Sym));
		if (sh.sh_size % sh.sh_entsize)
			return errf(e, "%s: symbol table (section %zu) is %llu bytes, not a whole "
				    "number of entries", path, elf_ndxscn(scn),
				    (unsigned long long)sh.sh_size);
		Elf_Data *d = elf_getdata(scn, NULL);
		if (!d) {
			int err = elf_errno();
			return errf(e, "%s: cannot read the symbol table (section %zu)%s%s", path,
				    elf_ndxscn(scn), err ? ": " : "", err ? elf_errmsg(err) : "");
		}
		size_t count = sh.sh_size / sh.sh_entsize, total = 0;
		img->syms = calloc(count ? count : 1, sizeof *img->syms);
		if (!img->syms)
			return errf(e, "%s: out of memory", path);
		for (size_t i = 0; i < count; i++) {
			GElf_Sym s;
			if (!gelf_getsym(d, (int)i, &s))
				continue;
			int type = GELF_ST_TYPE(s.st_info);
			if ((type != STT_FUNC && type != STT_OBJECT) || s.st_shndx == SHN_UNDEF)
				continue;
			const char *name = elf_strptr(elf, sh.sh_link, s.st_name);
			if (!name || !*name)
				continue;
			total += strlen(name) + 1;
			img->syms[img->nsyms].addr = (uint32_t)s.st_value & (type == STT_FUNC ? ~1u : ~0u);
			img->syms[img->nsyms].size = (uint32_t)s.st_size;
			img->syms[img->nsyms].name = name;
			img->nsyms++;
		}
		/* Copy the names out of the file buffer, which is freed. */
		img->strtab = malloc(total ? total : 1);
		if (!img->strtab)
			return errf(e, "%s: out of memory", path);
		char *p = img->strtab;
		for (size_t i = 0; i < img->nsyms; i++) {
			size_t l = strlen(img->syms[i].name) + 1;
			memcpy(p, img->syms[i].name, l);
			img->syms[i].name = p;
			p += l;
		}
		qsort(img->syms, img->nsyms, sizeof *img->syms, cmp_sym);
		return 0;
	}
	return 0;
}

static int check_and_load(const char *path, void *image, size_t len, struct bus *bus,
			  struct elf_image *img, struct err *e)
{
	char *data = image;
	if (len < 4 || memcmp(data, ELFMAG, SELFMAG) != 0)
		return errf(e, "%s: not an ELF file (no ELF magic)", path);
	if (len < sizeof(Elf32_Ehdr))
		return errf(e, "%s: truncated ELF header (%zu bytes)", path, len);
	if (data[EI_CLASS] != ELFCLASS32)
		return errf(e, "%s: not a 32-bit ELF (pmsim runs ARMv7-M images)", path);
	if (data[EI_DATA] != ELFDATA2LSB)
		return errf(e, "%s: not a little-endian ELF", path);
	/* libelf refuses these with messages that do not say why. */
	Elf32_Ehdr raw;
	memcpy(&raw, data, sizeof raw);
	if (data[EI_VERSION] != EV_CURRENT)
		return errf(e, "%s: unknown ELF version %u in e_ident[EI_VERSION] (must be %u)", path,
			    (unsigned char)data[EI_VERSION], EV_CURRENT);
	if (raw.e_version != EV_CURRENT)
		return errf(e, "%s: unknown ELF version %u in e_version (must be %u)", path,
			    raw.e_version, EV_CURRENT);

	Elf *elf = elf_memory(data, len);
	if (!elf)
		return errf(e, "%s: cannot parse ELF: %s", path, elf_errmsg(-1));
	int rc = -1;
	GElf_Ehdr eh;
	size_t nph;
	if (!gelf_getehdr(elf, &eh)) {
		errf(e, "%s: bad ELF header: %s", path, elf_errmsg(-1));
		goto out;
	}
	if (eh.e_machine != EM_ARM) {
		errf(e, "%s: not an ARM ELF (e_machine is %u; ARM is %u)", path, eh.e_machine, EM_ARM);
		goto out;
	}
	if (eh.e_type != ET_EXEC) {
		errf(e, "%s: not an executable ELF (type %u; relocatable objects and shared "
		     "libraries cannot be run)", path, eh.e_type);
		goto out;
	}
	if (eh.e_ehsize != sizeof(Elf32_Ehdr)) {
		errf(e, "%s: e_ehsize is %u; an ELF32 header is %zu bytes", path, eh.e_ehsize,
		     sizeof(Elf32_Ehdr));
		goto out;
	}
	if ((eh.e_shnum || eh.e_shoff) && eh.e_shentsize != sizeof(Elf32_Shdr)) {
		errf(e, "%s: e_shentsize is %u; an ELF32 section header is %zu bytes", path,
		     eh.e_shentsize, sizeof(Elf32_Shdr));
		goto out;
	}
	if (eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize > len) {
		errf(e, "%s: section headers past the end of the file (truncated?)", path);
		goto out;
	}
	/* An image has a handful of segments; the extended numbering for
	 * 65535 or more (count in section 0) has no use here. */
	if (eh.e_phnum == PN_XNUM) {
		errf(e, "%s: e_phnum is PN_XNUM (0x%x): extended program header numbering is not "
		     "supported", path, PN_XNUM);
		goto out;
	}
	if (eh.e_phnum == 0) {
		errf(e, "%s: no program headers (e_phnum is 0): nothing to load", path);
		goto out;
	}
	if (eh.e_phentsize != sizeof(Elf32_Phdr)) {
		errf(e, "%s: e_phentsize is %u; an ELF32 program header is %zu bytes", path,
		     eh.e_phentsize, sizeof(Elf32_Phdr));
		goto out;
	}
	nph = eh.e_phnum;
	if (eh.e_phoff + (uint64_t)nph * eh.e_phentsize > len) {
		errf(e, "%s: program headers (%zu at offset 0x%llx) past the end of the file "
		     "(%zu bytes; truncated?)", path, nph, (unsigned long long)eh.e_phoff, len);
		goto out;
	}
	/* Validate every loadable segment before writing any of them. */
	unsigned nload = 0;
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph)) {
			errf(e, "%s: bad program header %zu: %s", path, i, elf_errmsg(-1));
			goto out;
		}
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz) {
			errf(e, "%s: segment %zu: file size 0x%llx exceeds memory size 0x%llx", path, i,
			     (unsigned long long)ph.p_filesz, (unsigned long long)ph.p_memsz);
			goto out;
		}
		if (ph.p_offset + ph.p_filesz > len) {
			errf(e, "%s: segment %zu: data at file offset 0x%llx+0x%llx is past the end of "
			     "the file (%zu bytes; truncated?)", path, i, (unsigned long long)ph.p_offset,
			     (unsigned long long)ph.p_filesz, len);
			goto out;
		}
		if (ph.p_paddr + ph.p_memsz > (1ull << 32)) {
			errf(e, "%s: segment %zu at 0x%llx+0x%llx wraps the 32-bit address space", path,
			     i, (unsigned long long)ph.p_paddr, (unsigned long long)ph.p_memsz);
			goto out;
		}
		for (uint64_t a = ph.p_paddr; a < ph.p_paddr + ph.p_memsz;) {
			const struct bus_region *r = bus_find(bus, (uint32_t)a);
			if (!r || r->kind == BUS_MMIO) {
				errf(e, "%s: segment %zu (0x%08llx-0x%08llx) does not fit the SoC's "
				     "memory: nothing at 0x%08llx (see `pmsim info`)", path, i,
				     (unsigned long long)ph.p_paddr,
				     (unsigned long long)(ph.p_paddr + ph.p_memsz - 1),
				     (unsigned long long)a);
				goto out;
			}
			a = (uint64_t)r->base + r->size;
		}
		nload++;
	}
	if (nload == 0) {
		errf(e, "%s: no loadable segments", path);
		goto out;
	}
	memset(img, 0, sizeof *img);
	if (load_symbols(path, elf, img, len, e))
		goto out;
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		gelf_getphdr(elf, (int)i, &ph);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		uint32_t pa = (uint32_t)ph.p_paddr;
		if (bus_load(bus, pa, data + ph.p_offset, (uint32_t)ph.p_filesz) != BUS_OK) {
			errf(e, "%s: segment %zu could not be loaded at 0x%08x", path, i, pa);
			goto out;
		}
		/* Zero the .bss part explicitly: the memory may hold an older image. */
		for (uint64_t off = ph.p_filesz; off < ph.p_memsz;) {
			static const uint8_t zero[4096];
			uint64_t n = ph.p_memsz - off < sizeof zero ? ph.p_memsz - off : sizeof zero;
			bus_load(bus, pa + (uint32_t)off, zero, (uint32_t)n);
			off += n;
		}
		if (img->nsegs < sizeof img->segs / sizeof img->segs[0]) {
			img->segs[img->nsegs].addr = pa;
			img->segs[img->nsegs].memsz = (uint32_t)ph.p_memsz;
		}
		img->nsegs++;
	}
	img->entry = (uint32_t)eh.e_entry;
	rc = 0;
out:
	elf_end(elf);
	if (rc)
		elf_free(img);
	return rc;
}

int elf_load_image(const char *path, void *data, size_t len, struct bus *bus,
		   struct elf_image *img, struct err *e)
{
	memset(img, 0, sizeof *img);
	if (elf_version(EV_CURRENT) == EV_NONE)
		return errf(e, "libelf initialisation failed: %s", elf_errmsg(-1));
	return check_and_load(path, data, len, bus, img, e);
}

int elf_load(const char *path, struct bus *bus, struct elf_image *img, struct err *e)
{
	void *data = NULL;
	size_t len = 0;
	memset(img, 0, sizeof *img);
	if (hostio_read(path, HOSTIO_MAX_IMAGE, &data, &len, NULL, e))
		return -1;
	int rc = elf_load_image(path, data, len, bus, img, e);
	free(data);
	return rc;
}

void elf_free(struct elf_image *img)
{
	free(img->syms);
	free(img->strtab);
	memset(img, 0, sizeof *img);
}

const struct elf_symbol *elf_symbolize(const struct elf_image *img, uint32_t addr,
				       uint32_t *offset)
{
	size_t lo = 0, hi = img->nsyms;
	/* Last symbol with address <= addr. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (img->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	const struct elf_symbol *s = &img->syms[lo - 1];
	if (s->size && addr - s->addr >= s->size)
		return NULL;
	if (offset)
		*offset = addr - s->addr;
	return s;
}
