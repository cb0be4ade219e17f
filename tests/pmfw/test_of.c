/*
 * pmfw's device-tree reader (firmware/pmfw/drivers/of/) on the host,
 * against libfdt: the blobs pmsim builds (configs/NAME.dtb) unflatten
 * into a tree with the same nodes, in the same order, with the same paths
 * and the same property values; the API's answers and errors are Linux's;
 * a blob that is not one, or is malformed, is refused. Also the number
 * parsers of lib/kstrtox.c, which sysfs writes go through.
 */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of.h>

#include "../unit/check_run.h"

static void *blob;

static void *load(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/configs/%s", PMSIM_TEST_BIN_DIR, name);
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static char buf[1 << 16] __attribute__((aligned(8)));
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	ck_assert_uint_gt(n, 40);
	void *b = aligned_alloc(8, sizeof buf);
	memcpy(b, buf, sizeof buf);
	return b;
}

static void boot(const char *name)
{
	blob = load(name);
	ck_assert_int_eq(early_init_dt_verify(blob), 0);
	ck_assert_int_eq(unflatten_device_tree(), 0);
	ck_assert_ptr_nonnull(of_root);
}

/* Depth first, both: the same nodes, paths and properties. */
static void same_as_libfdt(const char *name)
{
	boot(name);
	struct device_node *np = of_root;
	unsigned int nodes = 0, props = 0;
	for (int off = 0; off >= 0; off = fdt_next_node(blob, off, NULL)) {
		char want[256], got[256];
		ck_assert_ptr_nonnull(np);
		ck_assert_int_eq(fdt_get_path(blob, off, want, sizeof want), 0);
		of_node_full_path(np, got, sizeof got);
		ck_assert_str_eq(got, want);
		ck_assert_uint_eq(np->phandle, fdt_get_phandle(blob, off));
		int poff;
		fdt_for_each_property_offset(poff, blob, off) {
			const char *pname;
			int len, mylen = -1;
			const void *v = fdt_getprop_by_offset(blob, poff, &pname, &len);
			const void *mine = of_get_property(np, pname, &mylen);
			ck_assert_msg(mine != NULL, "%s: no %s", want, pname);
			ck_assert_int_eq(mylen, len);
			ck_assert_int_eq(memcmp(mine, v, (size_t)len), 0);
			props++;
		}
		ck_assert(!of_get_property(np, "no-such-property", NULL));
		nodes++;
		np = of_find_all_nodes(np);
	}
	ck_assert_ptr_null(np);
	ck_assert_uint_gt(nodes, 10);
	ck_assert_uint_gt(props, 50);
}

START_TEST(default_soc_matches_libfdt)
{
	same_as_libfdt("default.dtb");
}
END_TEST

START_TEST(mcu_matches_libfdt)
{
	same_as_libfdt("mcu.dtb");
}
END_TEST

START_TEST(properties_read_as_linux)
{
	boot("default.dtb");
	struct device_node *uart = of_find_node_by_path("/soc/serial@40004000");
	ck_assert_ptr_nonnull(uart);
	ck_assert_str_eq(uart->name, "serial");
	ck_assert_str_eq(uart->full_name, "serial@40004000");
	ck_assert_ptr_eq(of_find_node_by_path("/soc/serial"), uart);
	u32 v = 0, two[2];
	ck_assert_int_eq(of_property_read_u32(uart, "interrupts", &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(of_property_read_u32(uart, "no-such", &v), -EINVAL);
	ck_assert_int_eq(of_property_read_u32_array(uart, "interrupts", two, 2), -EOVERFLOW);
	ck_assert_int_eq(of_irq_get(uart, 0), 0);
	ck_assert_int_eq(of_irq_get(uart, 1), -ENXIO);
	struct resource r;
	ck_assert_int_eq(of_address_to_resource(uart, 0, &r), 0);
	ck_assert_uint_eq(r.start, 0x40004000);
	ck_assert_uint_eq(resource_size(&r), 0x1000);
	ck_assert_int_eq(of_address_to_resource(uart, 1, &r), -EINVAL);
	/* String lists. */
	const char *s;
	ck_assert_int_eq(of_property_count_strings(uart, "compatible"), 2);
	ck_assert_int_eq(of_property_read_string_index(uart, "compatible", 1, &s), 0);
	ck_assert_str_eq(s, "arm,primecell");
	ck_assert_int_eq(of_property_read_string_index(uart, "compatible", 2, &s), -ENODATA);
	ck_assert_int_eq(of_property_match_string(uart, "clock-names", "apb_pclk"), 1);
	ck_assert_int_eq(of_property_match_string(uart, "clock-names", "nope"), -ENODATA);
	ck_assert_int_gt(of_device_is_compatible(uart, "arm,pl011"),
			 of_device_is_compatible(uart, "arm,primecell"));
	ck_assert_int_eq(of_device_is_compatible(uart, "arm,pl031"), 0);
	ck_assert(of_device_is_available(uart));
	/* Phandles with arguments: clocks = <&cmu 64>, <&cmu 33>. */
	struct of_phandle_args a;
	ck_assert_int_eq(of_count_phandle_with_args(uart, "clocks", "#clock-cells"), 2);
	ck_assert_int_eq(of_parse_phandle_with_args(uart, "clocks", "#clock-cells", 1, &a), 0);
	ck_assert_str_eq(a.np->full_name, "clock-controller@40020000");
	ck_assert_int_eq(a.args_count, 1);
	ck_assert_uint_eq(a.args[0], 33);
	ck_assert_int_eq(of_parse_phandle_with_args(uart, "clocks", "#clock-cells", 2, &a),
			 -ENOENT);
	ck_assert_int_eq(of_parse_phandle_with_args(uart, "nope", "#clock-cells", 0, &a), -ENOENT);
	/* 64-bit values and the compatible search. */
	struct device_node *opp = of_find_node_by_path("/opp-table/opp-400000000");
	u64 hz;
	ck_assert_int_eq(of_property_read_u64(opp, "opp-hz", &hz), 0);
	ck_assert(hz == 400000000ull);
	struct device_node *np = NULL;
	unsigned int pl0 = 0;
	for_each_compatible_node(np, NULL, "arm,primecell")
		pl0++;
	ck_assert_uint_ge(pl0, 5);
	ck_assert_ptr_eq(of_find_compatible_node(NULL, NULL, "arm,pl011"), uart);
	ck_assert_ptr_null(of_find_compatible_node(uart, NULL, "arm,pl011"));
	/* /chosen and the property holding the console's path. */
	ck_assert_ptr_nonnull(of_chosen);
	ck_assert_int_eq(of_property_read_string(of_chosen, "stdout-path", &s), 0);
	ck_assert_ptr_eq(of_find_node_by_path(s), uart);
	ck_assert_ptr_null(of_find_node_by_path("/soc/nothing@0"));
	ck_assert_int_eq(of_n_addr_cells(uart), 1);
	ck_assert_int_eq(of_n_size_cells(uart), 1);
}
END_TEST

START_TEST(malformed_blobs_are_refused)
{
	void *b = load("default.dtb");
	char *bad = malloc(fdt_totalsize(b));
	memcpy(bad, b, fdt_totalsize(b));
	bad[0] ^= 1; /* magic */
	ck_assert_int_eq(early_init_dt_verify(bad), -EINVAL);
	memcpy(bad, b, fdt_totalsize(b));
	((u32 *)(void *)bad)[5] = __builtin_bswap32(15); /* version */
	ck_assert_int_eq(early_init_dt_verify(bad), -EINVAL);
	memcpy(bad, b, fdt_totalsize(b));
	((u32 *)(void *)bad)[2] = __builtin_bswap32(fdt_totalsize(b)); /* struct past the end */
	ck_assert_int_eq(early_init_dt_verify(bad), -EINVAL);
	ck_assert_int_eq(early_init_dt_verify(NULL), -EINVAL);
	/* A structure block cut short: verified, but unflattening fails. */
	memcpy(bad, b, fdt_totalsize(b));
	u32 off = fdt_off_dt_struct(b), size = fdt_size_dt_struct(b);
	memset(bad + off + size / 2, 0xff, size / 2);
	ck_assert_int_eq(early_init_dt_verify(bad), 0);
	ck_assert_int_eq(unflatten_device_tree(), -EINVAL);
	free(bad);
}
END_TEST

START_TEST(kstrtox_as_linux)
{
	unsigned long ul;
	int i;
	unsigned int u;
	bool b;
	s64 s;
	ck_assert_int_eq(kstrtoul("42\n", 10, &ul), 0);
	ck_assert_uint_eq(ul, 42);
	ck_assert_int_eq(kstrtoul("0x1f", 0, &ul), 0);
	ck_assert_uint_eq(ul, 31);
	ck_assert_int_eq(kstrtoul("017", 0, &ul), 0);
	ck_assert_uint_eq(ul, 15);
	ck_assert_int_eq(kstrtoul("", 10, &ul), -EINVAL);
	ck_assert_int_eq(kstrtoul("12a", 10, &ul), -EINVAL);
	ck_assert_int_eq(kstrtoul("-1", 10, &ul), -EINVAL);
	ck_assert_int_eq(kstrtoul("1\n\n", 10, &ul), -EINVAL);
	ck_assert_int_eq(kstrtoint("-2147483648", 10, &i), 0);
	ck_assert_int_eq(i, -2147483647 - 1);
	ck_assert_int_eq(kstrtoint("2147483648", 10, &i), -ERANGE);
	ck_assert_int_eq(kstrtouint("4294967296", 10, &u), -ERANGE);
	ck_assert_int_eq(kstrtos64("-9223372036854775808", 10, &s), 0);
	ck_assert_int_eq(kstrtos64("99999999999999999999", 10, &s), -ERANGE);
	ck_assert_int_eq(kstrtobool("on", &b), 0);
	ck_assert(b);
	ck_assert_int_eq(kstrtobool("N", &b), 0);
	ck_assert(!b);
	ck_assert_int_eq(kstrtobool("maybe", &b), -EINVAL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw_of");
	TCase *tc = tcase_create("of");
	tcase_add_test(tc, default_soc_matches_libfdt);
	tcase_add_test(tc, mcu_matches_libfdt);
	tcase_add_test(tc, properties_read_as_linux);
	tcase_add_test(tc, malformed_blobs_are_refused);
	tcase_add_test(tc, kstrtox_as_linux);
	suite_add_tcase(s, tc);
	return check_run(s);
}
