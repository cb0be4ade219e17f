/*
 * The JSON reader (sim/json.c): valid documents and what the accessors
 * give for them, every kind of malformed text with its exact message,
 * nesting limits, numbers at the edges of int64 and double, and the
 * string writer read back by the reader.
 */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/json.h"
#include "check_run.h"

static struct json *parse_ok(const char *text)
{
	struct err e = { "" };
	struct json *j = json_parse(text, strlen(text), &e);
	ck_assert_msg(j != NULL, "'%s' refused: %s", text, e.msg);
	return j;
}

/* The message for a malformed text of `len` bytes (errno says it was
 * malformed, not out of memory). */
static const char *bad_n(const char *text, size_t len)
{
	static struct err e;
	strcpy(e.msg, "(no message)");
	errno = 0;
	struct json *j = json_parse(text, len, &e);
	ck_assert_msg(j == NULL, "'%s' accepted", text);
	ck_assert_int_eq(errno, EINVAL);
	return e.msg;
}

static const char *bad(const char *text)
{
	return bad_n(text, strlen(text));
}

#define ck_bad(text, msg) ck_assert_str_eq(bad(text), msg)

START_TEST(object_members_in_order_and_by_key)
{
	struct json *j = parse_ok(" {\"b\": 1, \"a\": [true, false, null], \"c\": {\"d\": \"x\"}} ");
	ck_assert_int_eq(json_type(j), JSON_OBJECT);
	ck_assert_uint_eq(json_len(j), 3);
	ck_assert_str_eq(json_key(j, 0), "b");
	ck_assert_str_eq(json_key(j, 1), "a");
	ck_assert_str_eq(json_key(j, 2), "c");
	ck_assert_ptr_null(json_key(j, 3));
	ck_assert(json_at(j, 1) == json_get(j, "a"));
	ck_assert(json_num(json_get(j, "b")) == 1.0);
	const struct json *a = json_get(j, "a");
	ck_assert_int_eq(json_type(a), JSON_ARRAY);
	ck_assert_uint_eq(json_len(a), 3);
	ck_assert_int_eq(json_type(json_at(a, 0)), JSON_BOOL);
	ck_assert(json_bool(json_at(a, 0)));
	ck_assert(!json_bool(json_at(a, 1)));
	ck_assert_int_eq(json_type(json_at(a, 2)), JSON_NULL);
	ck_assert_ptr_null(json_at(a, 3));
	ck_assert_ptr_null(json_key(a, 0));
	ck_assert_str_eq(json_str(json_get(json_get(j, "c"), "d")), "x");
	ck_assert_ptr_null(json_get(j, "zz"));
	ck_assert_ptr_null(json_get(a, "b"));
	json_free(j);
}
END_TEST

START_TEST(scalars_and_empty_containers_as_documents)
{
	struct json *j = parse_ok("42");
	ck_assert(json_is_int(j));
	ck_assert_int_eq(json_int(j), 42);
	json_free(j);
	j = parse_ok("\"just a string\"\n");
	ck_assert_str_eq(json_str(j), "just a string");
	json_free(j);
	j = parse_ok("null");
	ck_assert_int_eq(json_type(j), JSON_NULL);
	json_free(j);
	j = parse_ok("[ ]");
	ck_assert_int_eq(json_type(j), JSON_ARRAY);
	ck_assert_uint_eq(json_len(j), 0);
	json_free(j);
	j = parse_ok("{\r\n\t}");
	ck_assert_int_eq(json_type(j), JSON_OBJECT);
	ck_assert_uint_eq(json_len(j), 0);
	json_free(j);
	j = parse_ok("[{}, [], {\"\": []}]");
	ck_assert_uint_eq(json_len(json_get(json_at(j, 2), "")), 0);
	ck_assert_int_eq(json_type(json_get(json_at(j, 2), "")), JSON_ARRAY);
	json_free(j);
}
END_TEST

START_TEST(accessors_answer_for_absent_values)
{
	ck_assert_int_eq(json_type(NULL), JSON_ABSENT);
	ck_assert_ptr_null(json_get(NULL, "a"));
	ck_assert_ptr_null(json_at(NULL, 0));
	ck_assert_ptr_null(json_key(NULL, 0));
	ck_assert_uint_eq(json_len(NULL), 0);
	ck_assert(isnan(json_num(NULL)));
	ck_assert(!json_is_int(NULL));
	ck_assert_int_eq(json_int(NULL), 0);
	ck_assert_ptr_null(json_str(NULL));
	ck_assert_uint_eq(json_str_len(NULL), 0);
	ck_assert(!json_bool(NULL));
	ck_assert_ptr_null(json_path(NULL, "a.b"));
	json_free(NULL);
	/* The wrong type is as good as absent. */
	struct json *j = parse_ok("{\"s\": \"1\", \"n\": 1}");
	ck_assert(isnan(json_num(json_get(j, "s"))));
	ck_assert_ptr_null(json_str(json_get(j, "n")));
	ck_assert_uint_eq(json_len(json_get(j, "s")), 0);
	ck_assert_str_eq(json_type_name(JSON_OBJECT), "an object");
	ck_assert_str_eq(json_type_name(JSON_ABSENT), "nothing");
	json_free(j);
}
END_TEST

START_TEST(path_through_objects_and_arrays)
{
	struct json *j = parse_ok("{\"cpus\": [{\"cstates\": [{\"name\": \"wfi\"}, {\"name\": \"ret\"}]}],"
				  " \"a.b\": 1, \"10\": {\"x\": 2}}");
	ck_assert_str_eq(json_str(json_path(j, "cpus.0.cstates.1.name")), "ret");
	ck_assert_int_eq(json_type(json_path(j, "cpus.0.cstates")), JSON_ARRAY);
	ck_assert(json_path(j, "") == j);
	ck_assert_ptr_null(json_path(j, "cpus.1"));
	ck_assert_ptr_null(json_path(j, "cpus.x"));
	ck_assert_ptr_null(json_path(j, "cpus.-0"));
	ck_assert_ptr_null(json_path(j, "cpus."));
	ck_assert_ptr_null(json_path(j, "cpus.99999999999999999999999"));
	ck_assert_ptr_null(json_path(j, "cpus.0.cstates.0.name.x"));
	/* A key with a dot is json_get's; a key of digits in an object is a key. */
	ck_assert_ptr_null(json_path(j, "a.b"));
	ck_assert(json_num(json_get(j, "a.b")) == 1.0);
	ck_assert(json_num(json_path(j, "10.x")) == 2.0);
	json_free(j);
}
END_TEST

START_TEST(escapes_and_utf8)
{
	struct json *j = parse_ok("[\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\", \"\\u00e9\\u20AC\", "
				  "\"\\ud83d\\ude00\", \"caf\xc3\xa9 \xf0\x9f\x98\x80\", "
				  "\"a\\u0000b\", \"\x7f\"]");
	ck_assert_str_eq(json_str(json_at(j, 0)), "q\" b\\ s/ \b\f\n\r\t");
	ck_assert_str_eq(json_str(json_at(j, 1)), "\xc3\xa9\xe2\x82\xac");
	ck_assert_str_eq(json_str(json_at(j, 2)), "\xf0\x9f\x98\x80");
	ck_assert_str_eq(json_str(json_at(j, 3)), "caf\xc3\xa9 \xf0\x9f\x98\x80");
	ck_assert_uint_eq(json_str_len(json_at(j, 4)), 3);
	ck_assert_int_eq(memcmp(json_str(json_at(j, 4)), "a\0b", 4), 0);
	ck_assert_str_eq(json_str(json_at(j, 5)), "\x7f");
	json_free(j);
	/* The highest code point, U+10FFFF. */
	j = parse_ok("\"\\uDBFF\\uDFFF\"");
	ck_assert_str_eq(json_str(j), "\xf4\x8f\xbf\xbf");
	json_free(j);
	/* Keys are decoded as strings are. */
	j = parse_ok("{\"\\u0041\": 1}");
	ck_assert(json_num(json_get(j, "A")) == 1.0);
	json_free(j);
}
END_TEST

START_TEST(numbers_integers_and_doubles)
{
	struct json *j = parse_ok("[0, -0, 123, -45, 9223372036854775807, -9223372036854775808,"
				  " 9223372036854775808, 18446744073709551615, 1.5, 1e3, -2.5E-3,"
				  " 1e308, 1e-400, 100000000000000000000000000000000000000000]");
	ck_assert(json_is_int(json_at(j, 0)) && json_int(json_at(j, 0)) == 0);
	ck_assert(json_is_int(json_at(j, 1)) && json_int(json_at(j, 1)) == 0);
	ck_assert(signbit(json_num(json_at(j, 1))));
	ck_assert_int_eq(json_int(json_at(j, 2)), 123);
	ck_assert_int_eq(json_int(json_at(j, 3)), -45);
	ck_assert(json_is_int(json_at(j, 4)));
	ck_assert(json_int(json_at(j, 4)) == INT64_MAX);
	ck_assert(json_is_int(json_at(j, 5)));
	ck_assert(json_int(json_at(j, 5)) == INT64_MIN);
	/* Beyond int64: a double only. */
	ck_assert(!json_is_int(json_at(j, 6)));
	ck_assert(json_num(json_at(j, 6)) == 9223372036854775808.0);
	ck_assert(!json_is_int(json_at(j, 7)));
	ck_assert(json_num(json_at(j, 7)) == 18446744073709551615.0);
	/* A fraction or an exponent makes a double, even for a whole value. */
	ck_assert(!json_is_int(json_at(j, 8)) && json_num(json_at(j, 8)) == 1.5);
	ck_assert(!json_is_int(json_at(j, 9)) && json_num(json_at(j, 9)) == 1000.0);
	ck_assert(json_num(json_at(j, 10)) == -2.5e-3);
	ck_assert(json_num(json_at(j, 11)) == 1e308);
	ck_assert(json_num(json_at(j, 12)) == 0.0);
	ck_assert(!json_is_int(json_at(j, 13)) && json_num(json_at(j, 13)) == 1e41);
	json_free(j);
	/* The report's formats read back exactly. */
	j = parse_ok("[9223372.036854775808, 1.200000000e-02, 0.000000000001]");
	ck_assert(json_num(json_at(j, 0)) == 9223372.036854775808);
	ck_assert(json_num(json_at(j, 1)) == 1.2e-2);
	ck_assert(json_num(json_at(j, 2)) == 1e-12);
	json_free(j);
	/* A number far longer than any buffer. */
	size_t n = 100000;
	char *big = malloc(n + 3);
	big[0] = '[';
	memset(big + 1, '7', n);
	strcpy(big + 1 + n, "]");
	ck_assert_str_eq(bad(big), "line 1, column 2: the number is beyond the range of a "
		"double (about 1.8e308)");
	big[1] = '0';
	big[2] = '.';
	j = parse_ok(big);
	ck_assert(json_num(json_at(j, 0)) > 0.777 && json_num(json_at(j, 0)) < 0.778);
	json_free(j);
	free(big);
}
END_TEST

START_TEST(malformed_structure)
{
	ck_bad("", "line 1, column 1: expected a value, found the end of the text");
	ck_bad("  \n ", "line 2, column 2: expected a value, found the end of the text");
	ck_bad("[1,]", "line 1, column 4: expected a value after ',', found ']' "
	       "(no comma after the last element)");
	ck_bad("[,1]", "line 1, column 2: expected a value, found ','");
	ck_bad("{\"a\":1,}", "line 1, column 8: expected a key (a string) after ',', found '}' "
	       "(no comma after the last member)");
	ck_bad("{\"a\" 1}", "line 1, column 6: expected ':' after the key, found '1'");
	ck_bad("{1:2}", "line 1, column 2: expected a key (a string) or '}' after '{', found '1'");
	ck_bad("{'a':2}", "line 1, column 2: expected a key (a string) or '}' after '{', found '''");
	ck_bad("[1 2]", "line 1, column 4: expected ',' or ']' after an element, found '2'");
	ck_bad("{\"a\":1 \"b\":2}", "line 1, column 8: expected ',' or '}' after a member, found '\"'");
	ck_bad("[1", "line 1, column 3: expected ',' or ']' after an element, found the end of the text");
	ck_bad("{\"a\":", "line 1, column 6: expected a value, found the end of the text");
	ck_bad("{\"a\":[1}", "line 1, column 8: expected ',' or ']' after an element, found '}'");
	ck_bad("[1]]", "line 1, column 4: expected the end of the text after the value, found ']'");
	ck_bad("[1] x", "line 1, column 5: expected the end of the text after the value, found 'x'");
	ck_bad("{} {}", "line 1, column 4: expected the end of the text after the value, found '{'");
	ck_bad("tru", "line 1, column 1: expected 'true'");
	ck_bad("[nul]", "line 1, column 2: expected 'null'");
	ck_bad("[False]", "line 1, column 2: expected a value, found 'F'");
	ck_bad("// c\n1", "line 1, column 1: expected a value, found '/' (JSON has no comments)");
	ck_bad("\xef\xbb\xbf{}", "line 1, column 1: a byte order mark (U+FEFF) is not allowed in "
	       "JSON text");
	ck_bad("\xff", "line 1, column 1: expected a value, found the byte 0xFF (not UTF-8)");
	ck_bad("[\xc3\xa9]", "line 1, column 2: expected a value, found '\xc3\xa9'");
	ck_assert_str_eq(bad_n("[1,\0]", 5), "line 1, column 4: expected a value, found the "
			 "control character U+0000");
	/* A text cut short at any point is refused, never read past its end. */
	const char *doc = "{\"a\": [1, -2.5e3, \"x\\u00e9\", true, null], \"b\": {}}";
	for (size_t n = 0; n < strlen(doc); n++) {
		struct err e;
		char *copy = malloc(n ? n : 1);
		memcpy(copy, doc, n);
		ck_assert_msg(json_parse(copy, n, &e) == NULL, "accepted cut at %zu", n);
		free(copy);
	}
}
END_TEST

START_TEST(malformed_strings)
{
	ck_bad("\"abc", "line 1, column 1: unterminated string: no closing '\"'");
	ck_bad("[\"abc\\\"]", "line 1, column 2: unterminated string: no closing '\"'");
	ck_bad("\"a\nb\"", "line 1, column 3: the control character U+000A must be escaped in a "
	       "string (\\u000a)");
	ck_bad("\"a\tb\"", "line 1, column 3: the control character U+0009 must be escaped in a "
	       "string (\\u0009)");
	ck_bad("\"\\x\"", "line 1, column 2: invalid escape: '\\' followed by 'x' (JSON has \\\" "
	       "\\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)");
	ck_bad("\"\\'\"", "line 1, column 2: invalid escape: '\\' followed by ''' (JSON has \\\" "
	       "\\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)");
	ck_bad("\"\\u12\"", "line 1, column 2: expected four hexadecimal digits after \\u");
	ck_bad("\"\\u12G4\"", "line 1, column 2: expected four hexadecimal digits after \\u");
	ck_bad("\"ab\\ud800\"", "line 1, column 4: \\uD800 is a high surrogate not followed by a "
	       "low surrogate (\\uDC00-\\uDFFF)");
	ck_bad("\"\\ud800\\u0041\"", "line 1, column 2: \\uD800 is a high surrogate not followed "
	       "by a low surrogate (\\uDC00-\\uDFFF)");
	ck_bad("\"\\ud800\\ud800\"", "line 1, column 2: \\uD800 is a high surrogate not followed "
	       "by a low surrogate (\\uDC00-\\uDFFF)");
	ck_bad("\"\\udc00\"", "line 1, column 2: \\uDC00 is a lone low surrogate (it must follow "
	       "a high surrogate, \\uD800-\\uDBFF)");
	ck_bad("\"a\xff\"", "line 1, column 3: the byte 0xFF in a string is not UTF-8");
	ck_bad("\"\xc0\xaf\"", "line 1, column 2: the byte 0xC0 in a string is not UTF-8");
	ck_bad("\"\xed\xa0\x80\"", "line 1, column 2: the byte 0xED in a string is not UTF-8");
	ck_bad("\"\xf4\x90\x80\x80\"", "line 1, column 2: the byte 0xF4 in a string is not UTF-8");
	ck_bad("\"\xe2\x82\"", "line 1, column 2: the byte 0xE2 in a string is not UTF-8");
	ck_bad("{\"a\\q\": 1}", "line 1, column 4: invalid escape: '\\' followed by 'q' (JSON has "
	       "\\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)");
}
END_TEST

START_TEST(malformed_numbers)
{
	ck_bad("01", "line 1, column 1: a number must not begin with 0 (no leading zeros in JSON)");
	ck_bad("[-012]", "line 1, column 3: a number must not begin with 0 (no leading zeros in "
	       "JSON)");
	ck_bad("-", "line 1, column 2: expected a digit after '-', found the end of the text");
	ck_bad("[-x]", "line 1, column 3: expected a digit after '-', found 'x'");
	ck_bad("+1", "line 1, column 1: expected a value, found '+'");
	ck_bad(".5", "line 1, column 1: expected a value, found '.'");
	ck_bad("1.", "line 1, column 3: expected a digit after the decimal point, found the end of "
	       "the text");
	ck_bad("[1.e5]", "line 1, column 4: expected a digit after the decimal point, found 'e'");
	ck_bad("1e", "line 1, column 3: expected a digit in the exponent, found the end of the text");
	ck_bad("1e+", "line 1, column 4: expected a digit in the exponent, found the end of the text");
	ck_bad("[1e999]", "line 1, column 2: the number is beyond the range of a double (about "
	       "1.8e308)");
	ck_bad("-1e309", "line 1, column 1: the number is beyond the range of a double (about "
	       "1.8e308)");
	ck_bad("NaN", "line 1, column 1: expected a value, found 'N'");
	ck_bad("[Infinity]", "line 1, column 2: expected a value, found 'I'");
	ck_bad("0x10", "line 1, column 2: expected the end of the text after the value, found 'x'");
}
END_TEST

START_TEST(positions_count_lines_and_characters)
{
	ck_bad("{\n  \"a\": [1,\n    2 3]\n}", "line 3, column 7: expected ',' or ']' after an "
	       "element, found '3'");
	/* é is one column, though two bytes. */
	ck_bad("[\"\xc3\xa9\", x]", "line 1, column 7: expected a value, found 'x'");
	ck_bad("[\r\n1,\r\n?]", "line 3, column 1: expected a value, found '?'");
}
END_TEST

START_TEST(duplicate_keys_refused)
{
	ck_bad("{\"a\":1,\"a\":2}", "line 1, column 8: duplicate key \"a\" in an object");
	ck_bad("[{\"x\": {}},\n {\"k\": 1, \"j\": 2,\n  \"k\": 3}]",
	       "line 3, column 3: duplicate key \"k\" in an object");
	/* Keys are compared as decoded, and whole: "a" and "a\u0000" differ. */
	ck_bad("{\"\\u0061\":1,\"a\":2}", "line 1, column 13: duplicate key \"a\" in an object");
	struct json *j = parse_ok("{\"a\":1,\"a\\u0000\":2,\"A\":3}");
	ck_assert(json_num(json_get(j, "a")) == 1.0);
	ck_assert(json_num(json_get(j, "A")) == 3.0);
	json_free(j);
}
END_TEST

/* n keys "k0".."k{n-1}", and `dup` once more at the end if not NULL. */
static char *many_keys(unsigned n, const char *dup)
{
	size_t cap = (size_t)n * 24 + 64;
	char *s = malloc(cap), *o = s;
	*o++ = '{';
	for (unsigned i = 0; i < n; i++)
		o += sprintf(o, "%s\"k%u\": %u", i ? ", " : "", i, i);
	if (dup)
		o += sprintf(o, ", \"%s\": 0", dup);
	strcpy(o, "}");
	return s;
}

START_TEST(large_object_by_key)
{
	char *s = many_keys(20000, NULL);
	struct json *j = parse_ok(s);
	ck_assert_uint_eq(json_len(j), 20000);
	ck_assert_int_eq(json_int(json_get(j, "k0")), 0);
	ck_assert_int_eq(json_int(json_get(j, "k12345")), 12345);
	ck_assert_int_eq(json_int(json_get(j, "k19999")), 19999);
	ck_assert_ptr_null(json_get(j, "k20000"));
	ck_assert_ptr_null(json_get(j, "k"));
	ck_assert_str_eq(json_key(j, 777), "k777");
	json_free(j);
	free(s);
	s = many_keys(20000, "k3");
	ck_assert_ptr_nonnull(strstr(bad(s), ": duplicate key \"k3\" in an object"));
	free(s);
}
END_TEST

static char *nested(unsigned depth, const char *open, const char *close, const char *inner)
{
	size_t lo = strlen(open), lc = strlen(close);
	char *s = malloc(depth * (lo + lc) + strlen(inner) + 1), *o = s;
	for (unsigned i = 0; i < depth; i++, o += lo)
		memcpy(o, open, lo);
	o = stpcpy(o, inner);
	for (unsigned i = 0; i < depth; i++, o += lc)
		memcpy(o, close, lc);
	*o = '\0';
	return s;
}

START_TEST(deep_nesting_refused)
{
	char *s = nested(JSON_MAX_DEPTH, "[", "]", "1");
	struct json *j = parse_ok(s);
	const struct json *v = j;
	for (unsigned i = 0; i < JSON_MAX_DEPTH; i++)
		v = json_at(v, 0);
	ck_assert_int_eq(json_int(v), 1);
	json_free(j);
	free(s);

	s = nested(JSON_MAX_DEPTH + 1, "[", "]", "1");
	ck_assert_str_eq(bad(s), "line 1, column 65: nested deeper than 64 arrays and objects");
	free(s);
	s = nested(JSON_MAX_DEPTH + 1, "{\"a\":", "}", "{}");
	ck_assert_str_eq(bad(s), "line 1, column 321: nested deeper than 64 arrays and objects");
	free(s);
	/* Hostile depth costs nothing: refused at the 65th bracket. */
	s = nested(2000000, "[", "]", "");
	ck_assert_str_eq(bad(s), "line 1, column 65: nested deeper than 64 arrays and objects");
	free(s);
	s = nested(1000000, "[", "", "");
	ck_assert_str_eq(bad(s), "line 1, column 65: nested deeper than 64 arrays and objects");
	free(s);
}
END_TEST

/* What json_write_string writes for s. */
static char *written(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_write_string(f, s);
	fclose(f);
	return buf;
}

START_TEST(writer_read_back)
{
	static const char *const strings[] = {
		"", "plain", "q\" b\\ s/", "\x01\x1f\x7f\n\t", "caf\xc3\xa9 \xf0\x9f\x98\x80",
		"\xf4\x8f\xbf\xbf",
	};
	for (unsigned i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		char *w = written(strings[i]);
		struct json *j = parse_ok(w);
		ck_assert_str_eq(json_str(j), strings[i]);
		json_free(j);
		free(w);
	}
	/* Ill-formed UTF-8, byte by byte, as U+FFFD. */
	char *w = written("a\xff\xc0\xaf\xed\xa0\x80\xe2\x82");
	ck_assert_str_eq(w, "\"a\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
	struct json *j = parse_ok(w);
	ck_assert_str_eq(json_str(j), "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	json_free(j);
	free(w);
	w = written(NULL);
	ck_assert_str_eq(w, "null");
	free(w);
	w = written("\x01\x7f");
	ck_assert_str_eq(w, "\"\\u0001\\u007f\"");
	free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, object_members_in_order_and_by_key);
	tcase_add_test(tc, scalars_and_empty_containers_as_documents);
	tcase_add_test(tc, accessors_answer_for_absent_values);
	tcase_add_test(tc, path_through_objects_and_arrays);
	tcase_add_test(tc, escapes_and_utf8);
	tcase_add_test(tc, numbers_integers_and_doubles);
	tcase_add_test(tc, malformed_structure);
	tcase_add_test(tc, malformed_strings);
	tcase_add_test(tc, malformed_numbers);
	tcase_add_test(tc, positions_count_lines_and_characters);
	tcase_add_test(tc, duplicate_keys_refused);
	tcase_add_test(tc, large_object_by_key);
	tcase_add_test(tc, deep_nesting_refused);
	tcase_add_test(tc, writer_read_back);
	suite_add_tcase(s, tc);
	return check_run(s);
}
