/*
 * JSON (RFC 8259): the string writer the report uses.
 */
#ifndef PMSIM_JSON_H
#define PMSIM_JSON_H

#include <stddef.h>
#include <stdio.h>

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
