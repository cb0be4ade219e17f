/*
 * The shell's command-line parser (firmware/pmfw/shell/parse.c) on the
 * host: words and blanks, the three quotings, ';' and newlines, comments,
 * redirections, in-place parsing that leaves every word intact, and the
 * syntax errors, which a dry run finds without touching the text.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <linux/errno.h>

#include "../../firmware/pmfw/shell/parse.h"
#include "../unit/check_run.h"

static char text[512];
static char *pos;
static struct sh_cmd cmd;
static enum sh_sep sep;
static const char *err;

static void start(const char *s)
{
	strcpy(text, s);
	pos = text;
	err = NULL;
}

static int next(void)
{
	return sh_parse(&pos, &cmd, &sep, &err, false);
}

/* The next command has exactly these words (NULL-terminated list). */
static void expect_words(const char *const *words)
{
	ck_assert_int_eq(next(), 1);
	int n = 0;
	while (words[n])
		n++;
	ck_assert_int_eq(cmd.argc, n);
	for (int i = 0; i < n; i++)
		ck_assert_str_eq(cmd.argv[i], words[i]);
	ck_assert_ptr_null(cmd.argv[n]);
}
#define WORDS(...) expect_words((const char *const[]){ __VA_ARGS__, NULL })

START_TEST(words_and_blanks)
{
	start("  echo\ta   b\r ");
	WORDS("echo", "a", "b");
	ck_assert_int_eq(sep, SH_SEP_END);
	ck_assert_ptr_null(cmd.redirect);
	ck_assert_int_eq(next(), 0);
	start("");
	ck_assert_int_eq(next(), 0);
	start("   ");
	ck_assert_int_eq(next(), 1);
	ck_assert_int_eq(cmd.argc, 0);
	ck_assert_int_eq(next(), 0);
}
END_TEST

START_TEST(separators)
{
	start("ls /sys;cat /x ; echo\nexit 3");
	WORDS("ls", "/sys");
	ck_assert_int_eq(sep, SH_SEP_SEMICOLON);
	WORDS("cat", "/x");
	ck_assert_int_eq(sep, SH_SEP_SEMICOLON);
	WORDS("echo");
	ck_assert_int_eq(sep, SH_SEP_NEWLINE);
	WORDS("exit", "3");
	ck_assert_int_eq(sep, SH_SEP_END);
	ck_assert_int_eq(next(), 0);
	/* Empty commands are commands. */
	start(";;");
	ck_assert_int_eq(next(), 1);
	ck_assert_int_eq(cmd.argc, 0);
	ck_assert_int_eq(next(), 1);
	ck_assert_int_eq(cmd.argc, 0);
	ck_assert_int_eq(next(), 0);
}
END_TEST

START_TEST(quotes)
{
	start("echo 'a b;c' \"d e\" f\\ g 'x'\"y\"z '' \"\"");
	WORDS("echo", "a b;c", "d e", "f g", "xyz", "", "");
	start("echo \"q\\\"u\\\\o\\$t\\e\" 'back\\slash'");
	WORDS("echo", "q\"u\\o$t\\e", "back\\slash");
	/* A quoted newline is a character; a backslash-newline is nothing. */
	start("echo 'a\nb' c\\\nd \"e\\\nf\"");
	WORDS("echo", "a\nb", "cd", "ef");
	ck_assert_int_eq(sep, SH_SEP_END);
	start("echo a#b # a comment ; not a command\necho c");
	WORDS("echo", "a#b");
	ck_assert_int_eq(sep, SH_SEP_NEWLINE);
	WORDS("echo", "c");
}
END_TEST

START_TEST(redirections)
{
	start("echo on > /sys/x/power/control; echo -n 1>/sys/y");
	WORDS("echo", "on");
	ck_assert_str_eq(cmd.redirect, "/sys/x/power/control");
	ck_assert(!cmd.append);
	WORDS("echo", "-n", "1");
	ck_assert_str_eq(cmd.redirect, "/sys/y");
	start(">>'/a b' echo x");
	WORDS("echo", "x");
	ck_assert_str_eq(cmd.redirect, "/a b");
	ck_assert(cmd.append);
	start("> /f");
	ck_assert_int_eq(next(), 1);
	ck_assert_int_eq(cmd.argc, 0);
	ck_assert_str_eq(cmd.redirect, "/f");
}
END_TEST

START_TEST(syntax_errors)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "echo 'abc", "syntax error: unterminated quoted string" },
		{ "echo \"abc\\\"", "syntax error: unterminated quoted string" },
		{ "echo >", "syntax error: unexpected newline" },
		{ "echo >\nls", "syntax error: unexpected newline" },
		{ "echo > ; ls", "syntax error: unexpected \";\"" },
		{ "echo > > f", "syntax error: unexpected redirection" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		start(bad[i].text);
		/* A dry run finds it and leaves the text as it was. */
		ck_assert_int_eq(sh_parse(&pos, &cmd, &sep, &err, true), -EINVAL);
		ck_assert_str_eq(err, bad[i].msg);
		ck_assert_str_eq(text, bad[i].text);
		start(bad[i].text);
		ck_assert_int_eq(next(), -EINVAL);
		ck_assert_str_eq(err, bad[i].msg);
	}
}
END_TEST

START_TEST(dry_run_leaves_text)
{
	const char *s = "echo 'a b' \"c\"d;ls>/x\nexit";
	start(s);
	int n = 0;
	while (sh_parse(&pos, &cmd, &sep, &err, true) == 1)
		n++;
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(text, s);
}
END_TEST

static void make_words(int n)
{
	char *p = text;
	for (int i = 0; i < n; i++)
		p += sprintf(p, "w%d ", i);
	pos = text;
}

START_TEST(too_many_arguments)
{
	make_words(SH_MAX_ARGS);
	ck_assert_int_eq(next(), 1);
	ck_assert_int_eq(cmd.argc, SH_MAX_ARGS);
	ck_assert_str_eq(cmd.argv[SH_MAX_ARGS - 1], "w31");
	make_words(SH_MAX_ARGS + 1);
	ck_assert_int_eq(next(), -E2BIG);
	ck_assert_str_eq(err, "too many arguments");
}
END_TEST

static Suite *parse_suite(void)
{
	Suite *s = suite_create("sh_parse");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, words_and_blanks);
	tcase_add_test(tc, separators);
	tcase_add_test(tc, quotes);
	tcase_add_test(tc, redirections);
	tcase_add_test(tc, syntax_errors);
	tcase_add_test(tc, dry_run_leaves_text);
	tcase_add_test(tc, too_many_arguments);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(parse_suite());
}
