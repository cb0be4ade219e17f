/*
 * KUnit checking itself (after Linux's lib/kunit/kunit-example-test.c):
 * the comparisons pass when they should, a failed EXPECT marks its case
 * failed and goes on, a failed ASSERT stops the case, skipping is not
 * failing. The failures are made on a scratch test, not the running one,
 * so the suite itself passes.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/string.h>

static void example_passing(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
	KUNIT_EXPECT_NE(test, -1, 1);
	KUNIT_EXPECT_LT(test, -5, 3u);
	KUNIT_EXPECT_STREQ(test, "pmfw", "pmfw");
	KUNIT_EXPECT_PTR_EQ(test, test, test);
	KUNIT_EXPECT_TRUE(test, IS_ERR(ERR_PTR(-22)));
}

static void example_failures_are_caught(struct kunit *test)
{
	static struct kunit scratch;
	volatile int reached = 0;
	memset(&scratch, 0, sizeof scratch);
	scratch.name = "scratch";
	KUNIT_EXPECT_EQ(&scratch, 1, 2); /* prints its "#" lines */
	KUNIT_EXPECT_EQ(test, scratch.status, KUNIT_FAILURE);
	scratch.status = KUNIT_SUCCESS;
	if (!setjmp(scratch.abort)) {
		KUNIT_ASSERT_STREQ(&scratch, "a", "b");
		reached = 1;
	}
	KUNIT_EXPECT_EQ(test, reached, 0);
	KUNIT_EXPECT_EQ(test, scratch.status, KUNIT_FAILURE);
}

static void example_skip(struct kunit *test)
{
	kunit_skip(test, "skipping is not failing");
	KUNIT_FAIL(test, "not reached");
}

static struct kunit_case example_cases[] = {
	KUNIT_CASE(example_passing),
	KUNIT_CASE(example_failures_are_caught),
	KUNIT_CASE(example_skip),
	{ 0 },
};

static struct kunit_suite example_suite = {
	.name = "example",
	.test_cases = example_cases,
};
kunit_test_suite(example_suite);
