/*
 * The bus: region table, host-pointer fast path, MMIO dispatch with size
 * checks, bus errors for unmapped addresses, ROM protection, page-crossing
 * accesses, and the code-page write hook.
 */
#include <check.h>
#include <stdlib.h>

#include "sim/bus.h"
#include "check_run.h"

struct fake_dev {
	uint32_t last_off, last_val;
	unsigned last_size, reads, writes;
	uint32_t regs[4];
};

static int fake_read(void *opaque, uint32_t off, unsigned size, uint32_t *val)
{
	struct fake_dev *d = opaque;
	d->reads++;
	d->last_off = off;
	d->last_size = size;
	if (off >= 16)
		return BUS_ERR_DEVICE;
	*val = d->regs[off / 4];
	return BUS_OK;
}

static int fake_write(void *opaque, uint32_t off, unsigned size, uint32_t val)
{
	struct fake_dev *d = opaque;
	d->writes++;
	d->last_off = off;
	d->last_size = size;
	d->last_val = val;
	if (off >= 16)
		return BUS_ERR_DEVICE;
	d->regs[off / 4] = val;
	return BUS_OK;
}

static const struct bus_ops fake_ops = {
	.name = "fake", .sizes = BUS_SIZE_32, .read = fake_read, .write = fake_write,
};

static struct bus b;
static struct fake_dev dev;

static void setup(void)
{
	memset(&dev, 0, sizeof dev);
	ck_assert_int_eq(bus_init(&b), 0);
	ck_assert_int_ge(bus_add_ram(&b, "flash", 0x0, 0x10000, true), 0);
	ck_assert_int_ge(bus_add_ram(&b, "sram", 0x20000000, 0x10000, false), 0);
	ck_assert_int_ge(bus_add_mmio(&b, "dev", 0x40000000, 0x1000, &fake_ops, &dev), 0);
}

static void teardown(void)
{
	bus_free(&b);
}

START_TEST(ram_little_endian_all_widths)
{
	uint32_t v;
	ck_assert_int_eq(bus_write(&b, 0x20000100, 4, 0x11223344), BUS_OK);
	ck_assert_int_eq(bus_read(&b, 0x20000100, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x44);
	ck_assert_int_eq(bus_read(&b, 0x20000102, 2, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x1122);
	ck_assert_int_eq(bus_write(&b, 0x20000101, 1, 0xab), BUS_OK);
	ck_assert_int_eq(bus_read(&b, 0x20000100, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x1122ab44);
	ck_assert_int_eq(bus_write(&b, 0x20000104, 2, 0xfffff00d), BUS_OK);
	ck_assert_int_eq(bus_read(&b, 0x20000104, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0xf00d);
}
END_TEST

START_TEST(fast_path_is_host_memory)
{
	/* A write through the bus is visible through the host pointer and
	 * the page map, without any callback. */
	uint8_t *p = bus_host_ptr(&b, 0x20000010, 4);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_eq(b.rd[0x20000010 >> BUS_PAGE_SHIFT], p - 0x10);
	bus_write(&b, 0x20000010, 4, 0xdeadbeef);
	ck_assert_uint_eq(p[0], 0xef);
	ck_assert_uint_eq(p[3], 0xde);
	ck_assert_ptr_null(b.rd[0x40000000 >> BUS_PAGE_SHIFT]);
	ck_assert_ptr_null(b.wr[0]); /* flash is not writable */
}
END_TEST

START_TEST(unmapped_is_bus_error)
{
	uint32_t v = 0x5a5a5a5a;
	ck_assert_int_eq(bus_read(&b, 0x50000000, 4, &v), BUS_ERR_UNMAPPED);
	ck_assert_int_eq(bus_write(&b, 0x50000000, 1, 1), BUS_ERR_UNMAPPED);
	ck_assert_int_eq(bus_read(&b, 0x20010000, 4, &v), BUS_ERR_UNMAPPED); /* just past sram */
	ck_assert_int_eq(bus_read(&b, 0xfffffffc, 4, &v), BUS_ERR_UNMAPPED);
}
END_TEST

START_TEST(rom_is_read_only_but_loadable)
{
	uint32_t v;
	static const uint8_t code[4] = { 1, 2, 3, 4 };
	ck_assert_int_eq(bus_write(&b, 0x100, 4, 0x12345678), BUS_ERR_READONLY);
	ck_assert_int_eq(bus_load(&b, 0x100, code, 4), BUS_OK);
	ck_assert_int_eq(bus_read(&b, 0x100, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x04030201);
}
END_TEST

START_TEST(mmio_dispatch_and_sizes)
{
	uint32_t v = 0;
	ck_assert_int_eq(bus_write(&b, 0x40000008, 4, 0xcafe), BUS_OK);
	ck_assert_uint_eq(dev.last_off, 8);
	ck_assert_uint_eq(dev.last_size, 4);
	ck_assert_int_eq(bus_read(&b, 0x40000008, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0xcafe);
	/* Sizes the device does not accept never reach it. */
	unsigned writes = dev.writes;
	ck_assert_int_eq(bus_write(&b, 0x40000008, 1, 1), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_read(&b, 0x40000008, 2, &v), BUS_ERR_DEVICE);
	/* Unaligned MMIO is refused too. */
	ck_assert_int_eq(bus_write(&b, 0x40000002, 4, 1), BUS_ERR_DEVICE);
	ck_assert_uint_eq(dev.writes, writes);
	/* The device's own refusal comes back to the initiator. */
	ck_assert_int_eq(bus_read(&b, 0x40000100, 4, &v), BUS_ERR_DEVICE);
}
END_TEST

START_TEST(page_crossing_and_region_end)
{
	uint32_t v;
	ck_assert_int_eq(bus_write(&b, 0x20000ffe, 4, 0xa1b2c3d4), BUS_OK);
	ck_assert_int_eq(bus_read(&b, 0x20000ffe, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0xa1b2c3d4);
	ck_assert_int_eq(bus_read(&b, 0x20001000, 2, &v), BUS_OK);
	ck_assert_uint_eq(v, 0xa1b2);
	/* Straddling the end of RAM into nothing: error, and nothing written. */
	bus_write(&b, 0x2000fffc, 4, 0);
	ck_assert_int_eq(bus_write(&b, 0x2000fffe, 4, 0xffffffff), BUS_ERR_UNMAPPED);
	ck_assert_int_eq(bus_read(&b, 0x2000fffc, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0);
}
END_TEST

/* Each refusal says why, and the overlap can be found to name it. */
START_TEST(overlaps_refused)
{
	ck_assert_int_eq(bus_add_ram(&b, "x", 0x20008000, 0x1000, false), BUS_ADD_OVERLAP);
	ck_assert_str_eq(bus_overlap(&b, 0x20008000, 0x1000)->name, "sram");
	ck_assert_int_eq(bus_add_mmio(&b, "y", 0x40000800, 0x1000, &fake_ops, &dev),
			 BUS_ADD_OVERLAP);
	ck_assert_str_eq(bus_overlap(&b, 0x40000800, 0x1000)->name, "dev");
	ck_assert_int_eq(bus_add_ram(&b, "z", 0xfffff000, 0x2000, false), BUS_ADD_EMPTY);
	ck_assert_int_eq(bus_add_ram(&b, "empty", 0x30000000, 0, false), BUS_ADD_EMPTY);
	ck_assert_int_eq(bus_add_ram(&b, "unaligned", 0x30000100, 0x1000, false),
			 BUS_ADD_UNALIGNED);
	ck_assert_int_eq(bus_add_ram(&b, "odd size", 0x30000000, 0x1100, false),
			 BUS_ADD_UNALIGNED);
	ck_assert_ptr_null(bus_overlap(&b, 0x30000000, 0x1000));
	ck_assert_int_ge(bus_add_mmio(&b, "w", 0x40001000, 0x100, &fake_ops, &dev), 0);
	ck_assert_str_eq(bus_find(&b, 0x40001004)->name, "w");
	ck_assert_ptr_null(bus_find(&b, 0x40001100));
}
END_TEST

static uint32_t flushed_page;
static int flush_calls;

static void on_code_write(void *opaque, uint32_t page)
{
	(void)opaque;
	flushed_page = page;
	flush_calls++;
}

START_TEST(code_page_write_hook)
{
	b.code_write = on_code_write;
	flush_calls = 0;
	bus_mark_code(&b, 0x20002468);
	ck_assert_ptr_null(b.wr[0x20002000 >> BUS_PAGE_SHIFT]);
	/* Writes elsewhere do not call the hook. */
	bus_write(&b, 0x20003000, 4, 1);
	ck_assert_int_eq(flush_calls, 0);
	/* The first write to the page does, lands, and re-opens the fast path. */
	ck_assert_int_eq(bus_write(&b, 0x20002ff0, 2, 0xbf00), BUS_OK);
	ck_assert_int_eq(flush_calls, 1);
	ck_assert_uint_eq(flushed_page, 0x20002000);
	ck_assert_ptr_nonnull(b.wr[0x20002000 >> BUS_PAGE_SHIFT]);
	uint32_t v;
	bus_read(&b, 0x20002ff0, 2, &v);
	ck_assert_uint_eq(v, 0xbf00);
	bus_write(&b, 0x20002ff4, 4, 2);
	ck_assert_int_eq(flush_calls, 1);
	/* Loader writes count as code writes too. */
	bus_mark_code(&b, 0x100);
	static const uint8_t nop[2] = { 0x00, 0xbf };
	bus_load(&b, 0x100, nop, 2);
	ck_assert_int_eq(flush_calls, 2);
	ck_assert_uint_eq(flushed_page, 0);
}
END_TEST

START_TEST(peek_and_load_span_regions)
{
	uint8_t buf[8];
	ck_assert_int_eq(bus_peek(&b, 0x2000fffc, buf, 8), BUS_ERR_UNMAPPED);
	ck_assert_int_eq(bus_peek(&b, 0x40000000, buf, 4), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_load(&b, 0x2000fff8, "abcdefgh", 8), BUS_OK);
	ck_assert_int_eq(bus_peek(&b, 0x2000fff8, buf, 8), BUS_OK);
	ck_assert_mem_eq(buf, "abcdefgh", 8);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bus");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ram_little_endian_all_widths);
	tcase_add_test(tc, fast_path_is_host_memory);
	tcase_add_test(tc, unmapped_is_bus_error);
	tcase_add_test(tc, rom_is_read_only_but_loadable);
	tcase_add_test(tc, mmio_dispatch_and_sizes);
	tcase_add_test(tc, page_crossing_and_region_end);
	tcase_add_test(tc, overlaps_refused);
	tcase_add_test(tc, code_page_write_hook);
	tcase_add_test(tc, peek_and_load_span_regions);
	suite_add_tcase(s, tc);
	return check_run(s);
}
