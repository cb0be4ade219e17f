/*
 * JSON (RFC 8259): a strict reader that builds a read-only tree, for
 * pmsim's own reports (docs/report.md) and manifests, and the string
 * writer the report uses.
 *
 * Strict: exactly one value, UTF-8 only, no comments, no trailing commas,
 * no duplicate keys in an object, no byte order mark, no number beyond a
 * double. Nesting deeper than JSON_MAX_DEPTH is refused before it costs
 * anything (the parser does not recurse). A malformed text gives one
 * message, "line L, column C: what was expected" (columns count
 * characters, from 1).
 *
 * Accessors accept NULL and answer as for an absent value (NULL, 0, NaN,
 * JSON_ABSENT), so that lookups chain: json_num(json_get(json_get(r,
 * "energy"), "total_j")) is NaN when any step is missing.
 */
#ifndef PMSIM_JSON_H
#define PMSIM_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/err.h"

/* pmsim's reports nest 5 deep; anything past this is not a document of ours. */
#define JSON_MAX_DEPTH 64

enum json_type {
	JSON_ABSENT,   /* json_type(NULL): no such value */
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json;

/* Parse `len` bytes of `text` (no NUL needed). Returns the root, to be
 * released with json_free, or NULL with e filled and errno EINVAL (a
 * malformed text) or ENOMEM (out of memory). */
struct json *json_parse(const char *text, size_t len, struct err *e);
/* Release a tree json_parse returned (only its root). NULL is fine. */
void json_free(struct json *root);

enum json_type json_type(const struct json *v);
/* "an object", "a string", ... for messages. */
const char *json_type_name(enum json_type t);

/* A member of an object by key (NULL if v is not an object or has none). */
const struct json *json_get(const struct json *v, const char *key);
/* Element i of an array, or the value of member i of an object in document
 * order; NULL past the end. */
const struct json *json_at(const struct json *v, size_t i);
/* The key of member i of an object; NULL past the end or for an array. */
const char *json_key(const struct json *v, size_t i);
/* Elements of an array or members of an object; 0 for anything else. */
size_t json_len(const struct json *v);
/*
 * Follow a dotted path from v: each part is a key, or, in an array, a
 * decimal index ("cpus.0.cstates"). NULL if any step is missing. A key
 * that contains a dot is reached with json_get.
 */
const struct json *json_path(const struct json *v, const char *path);

/* A number as a double; NaN for anything that is not a number. */
double json_num(const struct json *v);
/* The number was written as an integer (no fraction, no exponent) that
 * fits int64_t; json_int is then its exact value (else 0). */
bool json_is_int(const struct json *v);
int64_t json_int(const struct json *v);
/* A string, NUL-terminated, or NULL for anything else. The string may hold
 * a NUL written as \u0000: json_str_len gives its whole length in bytes. */
const char *json_str(const struct json *v);
size_t json_str_len(const struct json *v);
/* true for `true`; false for `false` and for anything else (check the
 * type to tell them apart). */
bool json_bool(const struct json *v);

/* Length of the well-formed UTF-8 sequence at s, of which `avail` bytes may
 * be read (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), or 0 if it is ill-formed. */
unsigned json_utf8_len(const unsigned char *s, size_t avail);

/*
 * Write `s` as a JSON string literal: quote and backslash escaped, every
 * control character (and DEL) as \u00XX, well-formed UTF-8 passed through
 * byte for byte, and each byte of ill-formed UTF-8 as \ufffd. NULL is
 * written as null.
 */
void json_write_string(FILE *f, const char *s);

#endif
