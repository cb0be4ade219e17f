/*
 * Unit tests for the host character device: TX to a FILE, the growing RX
 * ring (order kept across wrap-around and growth), frontend notification.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/chardev.h"
#include "check_run.h"

struct notes {
	int calls;
	size_t avail_seen; /* queue length the frontend saw when notified */
	struct chardev *cd;
};

static void note(void *opaque)
{
	struct notes *n = opaque;
	n->calls++;
	n->avail_seen = chardev_rx_avail(n->cd);
}

START_TEST(test_tx_goes_to_file_and_is_counted)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	struct chardev cd;
	chardev_init(&cd, f);
	chardev_write(&cd, 'o');
	chardev_write(&cd, 'k');
	chardev_write(&cd, 0);
	/* Flushed per byte: visible without closing the stream. */
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(memcmp(buf, "ok\0", 3), 0);
	ck_assert_uint_eq(cd.tx_bytes, 3);
	chardev_free(&cd);
	fclose(f);
	free(buf);
}
END_TEST

START_TEST(test_tx_without_file_discards_but_counts)
{
	struct chardev cd;
	chardev_init(&cd, NULL);
	chardev_write(&cd, 'x');
	ck_assert_uint_eq(cd.tx_bytes, 1);
	chardev_free(&cd);
}
END_TEST

START_TEST(test_pop_empty_returns_zero)
{
	struct chardev cd;
	chardev_init(&cd, NULL);
	uint8_t b = 0x5a;
	ck_assert_int_eq(chardev_rx_pop(&cd, &b), 0);
	ck_assert_uint_eq(b, 0x5a);
	ck_assert_uint_eq(chardev_rx_avail(&cd), 0);
	ck_assert_int_eq(chardev_push_rx(&cd, NULL, 0), 0);
	ck_assert_uint_eq(chardev_rx_avail(&cd), 0);
	chardev_free(&cd);
}
END_TEST

START_TEST(test_rx_order_kept_through_growth)
{
	struct chardev cd;
	chardev_init(&cd, NULL);
	uint8_t data[1000];
	for (unsigned i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i * 7 + 3);
	/* Many small pushes and one big one: the ring must grow past its
	 * first allocation several times. */
	for (unsigned i = 0; i < 500; i += 10)
		ck_assert_int_eq(chardev_push_rx(&cd, data + i, 10), 0);
	ck_assert_int_eq(chardev_push_rx(&cd, data + 500, 500), 0);
	ck_assert_uint_eq(chardev_rx_avail(&cd), 1000);
	ck_assert_uint_ge(cd.rx_cap, 1000);
	for (unsigned i = 0; i < sizeof data; i++) {
		uint8_t b;
		ck_assert_int_eq(chardev_rx_pop(&cd, &b), 1);
		ck_assert_uint_eq(b, data[i]);
	}
	ck_assert_int_eq(chardev_rx_pop(&cd, &(uint8_t){ 0 }), 0);
	ck_assert_uint_eq(cd.rx_bytes, 1000);
	chardev_free(&cd);
}
END_TEST

START_TEST(test_rx_order_kept_when_growing_a_wrapped_ring)
{
	struct chardev cd;
	chardev_init(&cd, NULL);
	uint8_t seq[256];
	for (unsigned i = 0; i < 256; i++)
		seq[i] = (uint8_t)i;
	unsigned next_in = 0, next_out = 0;
	/* Fill the first allocation, drain part, refill so the ring wraps. */
	ck_assert_int_eq(chardev_push_rx(&cd, seq, 40), 0);
	next_in = 40;
	size_t cap0 = cd.rx_cap;
	for (; next_out < 30; next_out++) {
		uint8_t b;
		ck_assert_int_eq(chardev_rx_pop(&cd, &b), 1);
		ck_assert_uint_eq(b, seq[next_out]);
	}
	size_t fill = cap0 - chardev_rx_avail(&cd);
	ck_assert_int_eq(chardev_push_rx(&cd, seq + next_in, fill), 0);
	next_in += (unsigned)fill;
	ck_assert_uint_eq(cd.rx_cap, cap0); /* full, wrapped, not yet grown */
	ck_assert_uint_gt(cd.rx_head, 0);
	/* One more byte forces growth of a wrapped ring. */
	ck_assert_int_eq(chardev_push_rx(&cd, seq + next_in, 20), 0);
	next_in += 20;
	ck_assert_uint_gt(cd.rx_cap, cap0);
	while (next_out < next_in) {
		uint8_t b;
		ck_assert_int_eq(chardev_rx_pop(&cd, &b), 1);
		ck_assert_uint_eq(b, seq[next_out]);
		next_out++;
	}
	ck_assert_uint_eq(chardev_rx_avail(&cd), 0);
	chardev_free(&cd);
}
END_TEST

START_TEST(test_push_notifies_frontend_after_queueing)
{
	struct chardev cd;
	chardev_init(&cd, NULL);
	struct notes n = { .cd = &cd };
	chardev_set_frontend(&cd, note, &n);
	ck_assert_int_eq(chardev_push_rx(&cd, (const uint8_t *)"abc", 3), 0);
	ck_assert_int_eq(n.calls, 1);
	ck_assert_uint_eq(n.avail_seen, 3); /* the bytes were already there */
	ck_assert_int_eq(chardev_push_rx(&cd, (const uint8_t *)"d", 1), 0);
	ck_assert_int_eq(n.calls, 2);
	ck_assert_uint_eq(n.avail_seen, 4);
	/* An empty push is not news; a pop never notifies. */
	ck_assert_int_eq(chardev_push_rx(&cd, NULL, 0), 0);
	uint8_t b;
	chardev_rx_pop(&cd, &b);
	ck_assert_int_eq(n.calls, 2);
	/* Detached frontend: no more calls. */
	chardev_set_frontend(&cd, NULL, NULL);
	ck_assert_int_eq(chardev_push_rx(&cd, (const uint8_t *)"e", 1), 0);
	ck_assert_int_eq(n.calls, 2);
	chardev_free(&cd);
}
END_TEST

static Suite *chardev_suite(void)
{
	Suite *s = suite_create("chardev");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_tx_goes_to_file_and_is_counted);
	tcase_add_test(tc, test_tx_without_file_discards_but_counts);
	tcase_add_test(tc, test_pop_empty_returns_zero);
	tcase_add_test(tc, test_rx_order_kept_through_growth);
	tcase_add_test(tc, test_rx_order_kept_when_growing_a_wrapped_ring);
	tcase_add_test(tc, test_push_notifies_frontend_after_queueing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(chardev_suite());
}
