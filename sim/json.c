/*
 * JSON (RFC 8259): a strict reader and the string writer shared by pmsim's
 * JSON outputs (json.h says what the reader accepts).
 *
 * The reader builds the whole tree in one pass, without recursion: the
 * open containers are a stack of at most JSON_MAX_DEPTH frames, and the
 * values of every open container wait on one vector until their container
 * closes, when they are copied into it as one array. So a hostile text
 * costs memory in proportion to its length and nothing else: deep nesting
 * is refused at the frame it would overflow, and an object with many
 * members is sorted once by key (n log n) to find duplicates, which also
 * makes json_get a binary search.
 *
 * The tree lives in an arena of large chunks that json_free releases at
 * once; every node and string of the tree is in it.
 *
 * Numbers go through strtod, so they assume the C locale, as the report's
 * writer does (pmsim never calls setlocale).
 */
#include "sim/json.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct json {
	unsigned char type;     /* enum json_type */
	bool is_int;            /* a number written as an integer that fits int64_t */
	const char *key;        /* the key, for a member of an object; else NULL */
	size_t klen;
	size_t at;              /* offset in the text: of the key for a member */
	union {
		bool b;
		struct {
			double d;
			int64_t i;
		} num;
		struct {
			const char *s;
			size_t len;
		} str;
		struct {
			struct json *kids;              /* elements, or members in order */
			size_t n;
			const struct json **byname;     /* an object's members sorted by key */
		} c;
	} u;
};

/* ------------------------------------------------------------------------ */
/* UTF-8 and the string writer                                              */

unsigned json_utf8_len(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	unsigned n;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (avail < n)
		return 0;
	/* The second byte's range excludes overlong forms (E0, F0),
	 * surrogates (ED) and code points above U+10FFFF (F4). */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (unsigned i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

void json_write_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	if (!s) {
		fputs("null", f);
		return;
	}
	size_t left = strlen(str);
	fputc('"', f);
	while (left) {
		unsigned n = json_utf8_len(s, left);

		if (n == 0) {
			fputs("\\ufffd", f);
			n = 1;
		} else if (*s == '"' || *s == '\\') {
			fputc('\\', f);
			fputc(*s, f);
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\u%04x", *s);
		} else {
			fwrite(s, 1, n, f);
		}
		s += n;
		left -= n;
	}
	fputc('"', f);
}

/* ------------------------------------------------------------------------ */
/* The arena                                                                */

#define JSON_CHUNK ((size_t)64 << 10)

struct json_chunk {
	struct json_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

/* The root is the first member, so json_free finds the arena from it. */
struct json_doc {
	struct json root;
	struct json_chunk *chunks;
};

static void *arena_alloc(struct json_doc *d, size_t size)
{
	size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	struct json_chunk *c = d->chunks;
	if (!c || c->cap - c->used < size) {
		size_t cap = size > JSON_CHUNK ? size : JSON_CHUNK;
		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->used = 0;
		/* A chunk made for one large block goes behind the current
		 * one, whose free space stays in use. */
		if (d->chunks && cap > JSON_CHUNK) {
			c->next = d->chunks->next;
			d->chunks->next = c;
		} else {
			c->next = d->chunks;
			d->chunks = c;
		}
	}
	void *p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

void json_free(struct json *root)
{
	if (!root)
		return;
	struct json_doc *d = (struct json_doc *)root;
	for (struct json_chunk *c = d->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(d);
}

/* ------------------------------------------------------------------------ */
/* The parser                                                               */

struct frame {
	unsigned char type;     /* JSON_ARRAY or JSON_OBJECT */
	size_t base;            /* its first value on the vector */
	const char *key;        /* its own key, if its parent is an object */
	size_t klen, at;
};

struct parser {
	const unsigned char *text, *p, *end;
	struct err *e;
	struct json_doc *doc;
	struct json *vec;       /* the values of the open containers */
	size_t nvec, capvec;
	struct frame stack[JSON_MAX_DEPTH];
	unsigned depth;
	const char *key;        /* the key read for the next value */
	size_t klen, kat;
	bool nomem;
};

/* "line L, column C: " and the message; columns count characters. */
static int PMSIM_PRINTF(3, 4) fail(struct parser *ps, const unsigned char *where,
				   const char *fmt, ...)
{
	unsigned long line = 1, col = 1;
	for (const unsigned char *q = ps->text; q < where; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else if ((*q & 0xc0) != 0x80) {
			col++;
		}
	}
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return errf(ps->e, "line %lu, column %lu: %s", line, col, what);
}

static int out_of_memory(struct parser *ps)
{
	ps->nomem = true;
	return errf(ps->e, "out of memory");
}

/* What stands at q, for "found ...". */
static const char *found(const struct parser *ps, const unsigned char *q, char *buf, size_t n)
{
	if (q >= ps->end)
		return "the end of the text";
	if (*q < 0x20 || *q == 0x7f)
		snprintf(buf, n, "the control character U+%04X", *q);
	else if (*q < 0x80)
		snprintf(buf, n, "'%c'", *q);
	else if (json_utf8_len(q, (size_t)(ps->end - q)))
		snprintf(buf, n, "'%.*s'", (int)json_utf8_len(q, (size_t)(ps->end - q)),
			 (const char *)q);
	else
		snprintf(buf, n, "the byte 0x%02X (not UTF-8)", *q);
	return buf;
}

#define FOUND(ps, q) found(ps, q, (char[48]){ 0 }, 48)

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end &&
	       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static struct json *push(struct parser *ps, enum json_type type, const unsigned char *at)
{
	if (ps->nvec == ps->capvec) {
		size_t cap = ps->capvec ? ps->capvec * 2 : 64;
		struct json *v = realloc(ps->vec, cap * sizeof *v);
		if (!v)
			return out_of_memory(ps), NULL;
		ps->vec = v;
		ps->capvec = cap;
	}
	struct json *v = &ps->vec[ps->nvec++];
	memset(v, 0, sizeof *v);
	v->type = (unsigned char)type;
	v->at = (size_t)(at - ps->text);
	if (ps->depth && ps->stack[ps->depth - 1].type == JSON_OBJECT) {
		v->key = ps->key;
		v->klen = ps->klen;
		v->at = ps->kat;
	}
	return v;
}

static int hex4(const unsigned char *q, const unsigned char *end, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++, q++) {
		if (q >= end)
			return -1;
		unsigned c = *q;
		if (c >= '0' && c <= '9')
			v = v * 16 + (c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v = v * 16 + ((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static char *put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | cp >> 18);
		*o++ = (char)(0x80 | (cp >> 12 & 0x3f));
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/*
 * The string at ps->p (its opening quote), decoded into the arena. The
 * first pass finds the closing quote, so that the decoded string (never
 * longer than its source: an escape is at least as long as what it
 * stands for) gets one allocation.
 */
static int parse_string(struct parser *ps, const char **out, size_t *outlen)
{
	const unsigned char *open = ps->p, *q = open + 1;
	while (q < ps->end && *q != '"') {
		if (*q < 0x20)
			return fail(ps, q, "the control character U+%04X must be escaped in a "
				    "string (\\u%04x)", *q, *q);
		q += *q == '\\' ? 2 : 1;
	}
	if (q >= ps->end)
		return fail(ps, open, "unterminated string: no closing '\"'");
	char *s = arena_alloc(ps->doc, (size_t)(q - open));
	if (!s)
		return out_of_memory(ps);
	char *o = s;
	for (const unsigned char *r = open + 1; r < q;) {
		if (*r != '\\') {
			unsigned n = json_utf8_len(r, (size_t)(q - r));
			if (!n)
				return fail(ps, r, "the byte 0x%02X in a string is not UTF-8", *r);
			memcpy(o, r, n);
			o += n;
			r += n;
			continue;
		}
		static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
		const char *k = r[1] ? strchr(esc_in, r[1]) : NULL;
		if (k) {
			*o++ = esc_out[k - esc_in];
			r += 2;
			continue;
		}
		if (r[1] != 'u')
			return fail(ps, r, "invalid escape: '\\' followed by %s (JSON has \\\" "
				    "\\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)",
				    FOUND(ps, r + 1));
		unsigned cp, lo;
		if (hex4(r + 2, q, &cp))
			return fail(ps, r, "expected four hexadecimal digits after \\u");
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return fail(ps, r, "\\u%04X is a lone low surrogate (it must follow a "
				    "high surrogate, \\uD800-\\uDBFF)", cp);
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (r + 7 >= q || r[6] != '\\' || r[7] != 'u' || hex4(r + 8, q, &lo) ||
			    lo < 0xdc00 || lo > 0xdfff)
				return fail(ps, r, "\\u%04X is a high surrogate not followed by a "
					    "low surrogate (\\uDC00-\\uDFFF)", cp);
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			r += 6;
		}
		o = put_utf8(o, cp);
		r += 6;
	}
	*o = '\0';
	*out = s;
	*outlen = (size_t)(o - s);
	ps->p = q + 1;
	return 0;
}

static bool is_digit(const struct parser *ps, const unsigned char *q)
{
	return q < ps->end && *q >= '0' && *q <= '9';
}

static int parse_number(struct parser *ps)
{
	const unsigned char *start = ps->p, *q = start;
	bool neg = *q == '-', is_int = true;
	if (neg)
		q++;
	if (!is_digit(ps, q))
		return fail(ps, q, "expected a digit after '-', found %s", FOUND(ps, q));
	if (*q == '0' && is_digit(ps, q + 1))
		return fail(ps, q, "a number must not begin with 0 (no leading zeros in JSON)");
	/* The magnitude of an integer, while it fits: 2^63 for INT64_MIN. */
	uint64_t mag = 0;
	for (; is_digit(ps, q); q++) {
		unsigned dgt = (unsigned)(*q - '0');
		if (mag > (UINT64_MAX - dgt) / 10)
			is_int = false;
		else
			mag = mag * 10 + dgt;
	}
	if (q < ps->end && *q == '.') {
		if (!is_digit(ps, ++q))
			return fail(ps, q, "expected a digit after the decimal point, found %s",
				    FOUND(ps, q));
		while (is_digit(ps, q))
			q++;
		is_int = false;
	}
	if (q < ps->end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < ps->end && (*q == '+' || *q == '-'))
			q++;
		if (!is_digit(ps, q))
			return fail(ps, q, "expected a digit in the exponent, found %s", FOUND(ps, q));
		while (is_digit(ps, q))
			q++;
		is_int = false;
	}
	if (is_int && mag > (uint64_t)INT64_MAX + neg)
		is_int = false;

	/* strtod needs a NUL-terminated copy; a long one goes on the heap. */
	size_t n = (size_t)(q - start);
	char small[64], *buf = n < sizeof small ? small : malloc(n + 1);
	if (!buf)
		return out_of_memory(ps);
	memcpy(buf, start, n);
	buf[n] = '\0';
	double d = strtod(buf, NULL);
	if (buf != small)
		free(buf);
	if (!isfinite(d))
		return fail(ps, start, "the number is beyond the range of a double (about 1.8e308)");

	struct json *v = push(ps, JSON_NUMBER, start);
	if (!v)
		return -1;
	v->u.num.d = d;
	v->is_int = is_int;
	if (is_int)
		v->u.num.i = !neg ? (int64_t)mag
			     : mag > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)mag;
	ps->p = q;
	return 0;
}

static int parse_literal(struct parser *ps)
{
	static const struct {
		const char *word;
		enum json_type type;
		bool b;
	} words[] = { { "true", JSON_BOOL, true }, { "false", JSON_BOOL, false },
		      { "null", JSON_NULL, false } };
	for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = strlen(words[i].word);
		if (*ps->p != (unsigned char)words[i].word[0])
			continue;
		if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, words[i].word, n))
			return fail(ps, ps->p, "expected '%s'", words[i].word);
		struct json *v = push(ps, words[i].type, ps->p);
		if (!v)
			return -1;
		v->u.b = words[i].b;
		ps->p += n;
		return 0;
	}
	return fail(ps, ps->p, "expected a value, found %s%s", FOUND(ps, ps->p),
		    *ps->p == '/' ? " (JSON has no comments)" : "");
}

static int cmp_key(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c ? c : (alen > blen) - (alen < blen);
}

static int cmp_member(const void *a, const void *b)
{
	const struct json *x = *(const struct json *const *)a, *y = *(const struct json *const *)b;
	int c = cmp_key(x->key, x->klen, y->key, y->klen);
	/* Equal keys in document order, so a duplicate is named where it is
	 * repeated. */
	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* A key for a message: at most 40 bytes, control characters as '?'. */
static const char *key_for_message(const struct json *m, char *buf, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < m->klen && k + 4 < n && i < 40; i++)
		buf[k++] = (unsigned char)m->key[i] < 0x20 || m->key[i] == 0x7f ? '?' : m->key[i];
	if (m->klen > 40)
		buf[k++] = '.', buf[k++] = '.', buf[k++] = '.';
	buf[k] = '\0';
	return buf;
}

/* Close the innermost container at ps->p (its closing bracket). */
static int close_container(struct parser *ps)
{
	struct frame f = ps->stack[--ps->depth];
	size_t n = ps->nvec - f.base;
	struct json *kids = NULL;
	const struct json **byname = NULL;
	if (n) {
		kids = arena_alloc(ps->doc, n * sizeof *kids);
		if (!kids)
			return out_of_memory(ps);
		memcpy(kids, ps->vec + f.base, n * sizeof *kids);
	}
	if (f.type == JSON_OBJECT && n > 1) {
		byname = arena_alloc(ps->doc, n * sizeof *byname);
		if (!byname)
			return out_of_memory(ps);
		for (size_t i = 0; i < n; i++)
			byname[i] = &kids[i];
		qsort(byname, n, sizeof *byname, cmp_member);
		for (size_t i = 1; i < n; i++) {
			if (cmp_key(byname[i - 1]->key, byname[i - 1]->klen, byname[i]->key,
				    byname[i]->klen))
				continue;
			char buf[48];
			return fail(ps, ps->text + byname[i]->at, "duplicate key \"%s\" in an object",
				    key_for_message(byname[i], buf, sizeof buf));
		}
	}
	ps->nvec = f.base;
	/* The container takes its own key back as the value of its parent. */
	ps->key = f.key;
	ps->klen = f.klen;
	ps->kat = f.at;
	struct json *v = push(ps, (enum json_type)f.type, ps->text + f.at);
	if (!v)
		return -1;
	v->u.c.kids = kids;
	v->u.c.n = n;
	v->u.c.byname = byname;
	ps->p++;
	return 0;
}

/* A member's key and its colon, at ps->p. */
static int parse_key(struct parser *ps, const char *after)
{
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != '"')
		return fail(ps, ps->p, "expected a key (a string) %s, found %s%s", after,
			    FOUND(ps, ps->p),
			    ps->p < ps->end && *ps->p == '}' ? " (no comma after the last member)"
							     : "");
	ps->kat = (size_t)(ps->p - ps->text);
	if (parse_string(ps, &ps->key, &ps->klen))
		return -1;
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != ':')
		return fail(ps, ps->p, "expected ':' after the key, found %s", FOUND(ps, ps->p));
	ps->p++;
	return 0;
}

/* Open a container at ps->p. Returns 1 if it closed at once (empty). */
static int open_container(struct parser *ps)
{
	if (ps->depth == JSON_MAX_DEPTH)
		return fail(ps, ps->p, "nested deeper than %d arrays and objects", JSON_MAX_DEPTH);
	bool obj = *ps->p == '{';
	struct frame *f = &ps->stack[ps->depth];
	f->type = obj ? JSON_OBJECT : JSON_ARRAY;
	f->base = ps->nvec;
	f->key = NULL;
	f->klen = 0;
	f->at = (size_t)(ps->p - ps->text);
	if (ps->depth && ps->stack[ps->depth - 1].type == JSON_OBJECT) {
		f->key = ps->key;
		f->klen = ps->klen;
		f->at = ps->kat;
	}
	ps->depth++;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == (obj ? '}' : ']'))
		return close_container(ps) ? -1 : 1;
	if (obj && parse_key(ps, "or '}' after '{'"))
		return -1;
	return 0;
}

static int parse_value(struct parser *ps)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, ps->p, "expected a value, found the end of the text");
	switch (*ps->p) {
	case '"': {
		const unsigned char *at = ps->p;
		const char *s;
		size_t len;
		if (parse_string(ps, &s, &len))
			return -1;
		struct json *v = push(ps, JSON_STRING, at);
		if (!v)
			return -1;
		v->u.str.s = s;
		v->u.str.len = len;
		return 0;
	}
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return parse_number(ps);
	default:
		return parse_literal(ps);
	}
}

/*
 * After a value: a comma and the next one, or the end of its container
 * (and then of the containers that end with it). Returns 1 when the
 * document's value is complete, 0 when another value follows.
 */
static int after_value(struct parser *ps)
{
	for (;;) {
		skip_ws(ps);
		if (!ps->depth) {
			if (ps->p < ps->end)
				return fail(ps, ps->p, "expected the end of the text after the "
					    "value, found %s", FOUND(ps, ps->p));
			return 1;
		}
		bool obj = ps->stack[ps->depth - 1].type == JSON_OBJECT;
		char close = obj ? '}' : ']';
		if (ps->p < ps->end && *ps->p == close) {
			if (close_container(ps))
				return -1;
			continue;
		}
		if (ps->p >= ps->end || *ps->p != ',')
			return fail(ps, ps->p, "expected ',' or '%c' after %s, found %s", close,
				    obj ? "a member" : "an element", FOUND(ps, ps->p));
		ps->p++;
		if (obj)
			return parse_key(ps, "after ','") ? -1 : 0;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ']')
			return fail(ps, ps->p, "expected a value after ',', found ']' (no comma "
				    "after the last element)");
		return 0;
	}
}

struct json *json_parse(const char *text, size_t len, struct err *e)
{
	struct parser ps = {
		.text = (const unsigned char *)text, .p = (const unsigned char *)text,
		.end = (const unsigned char *)text + len, .e = e,
	};
	ps.doc = calloc(1, sizeof *ps.doc);
	if (!ps.doc) {
		out_of_memory(&ps);
		errno = ENOMEM;
		return NULL;
	}
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		fail(&ps, ps.p, "a byte order mark (U+FEFF) is not allowed in JSON text");
		goto fail;
	}
	for (;;) {
		skip_ws(&ps);
		int rc;
		if (ps.p < ps.end && (*ps.p == '{' || *ps.p == '[')) {
			rc = open_container(&ps);
			if (rc < 0)
				goto fail;
			if (rc == 0)
				continue;  /* its first value follows */
		} else if (parse_value(&ps)) {
			goto fail;
		}
		rc = after_value(&ps);
		if (rc < 0)
			goto fail;
		if (rc)
			break;
	}
	ps.doc->root = ps.vec[0];
	free(ps.vec);
	return &ps.doc->root;
fail:
	free(ps.vec);
	json_free(&ps.doc->root);
	errno = ps.nomem ? ENOMEM : EINVAL;
	return NULL;
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                */

enum json_type json_type(const struct json *v)
{
	return v ? (enum json_type)v->type : JSON_ABSENT;
}

const char *json_type_name(enum json_type t)
{
	switch (t) {
	case JSON_NULL: return "null";
	case JSON_BOOL: return "a boolean";
	case JSON_NUMBER: return "a number";
	case JSON_STRING: return "a string";
	case JSON_ARRAY: return "an array";
	case JSON_OBJECT: return "an object";
	default: return "nothing";
	}
}

static bool is_container(const struct json *v)
{
	return v && (v->type == JSON_ARRAY || v->type == JSON_OBJECT);
}

static const struct json *get_n(const struct json *v, const char *key, size_t klen)
{
	if (!v || v->type != JSON_OBJECT)
		return NULL;
	size_t n = v->u.c.n;
	if (!v->u.c.byname) {
		for (size_t i = 0; i < n; i++)
			if (!cmp_key(v->u.c.kids[i].key, v->u.c.kids[i].klen, key, klen))
				return &v->u.c.kids[i];
		return NULL;
	}
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct json *m = v->u.c.byname[mid];
		int c = cmp_key(m->key, m->klen, key, klen);
		if (!c)
			return m;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct json *json_get(const struct json *v, const char *key)
{
	return key ? get_n(v, key, strlen(key)) : NULL;
}

const struct json *json_at(const struct json *v, size_t i)
{
	return is_container(v) && i < v->u.c.n ? &v->u.c.kids[i] : NULL;
}

const char *json_key(const struct json *v, size_t i)
{
	return v && v->type == JSON_OBJECT && i < v->u.c.n ? v->u.c.kids[i].key : NULL;
}

size_t json_len(const struct json *v)
{
	return is_container(v) ? v->u.c.n : 0;
}

const struct json *json_path(const struct json *v, const char *path)
{
	if (!path)
		return NULL;
	if (!*path)
		return v;
	for (const char *part = path;; ) {
		const char *dot = strchr(part, '.');
		size_t n = dot ? (size_t)(dot - part) : strlen(part);
		if (json_type(v) == JSON_ARRAY) {
			size_t i = 0;
			if (!n)
				return NULL;
			for (size_t k = 0; k < n; k++) {
				if (part[k] < '0' || part[k] > '9' || i > (SIZE_MAX - 9) / 10)
					return NULL;
				i = i * 10 + (size_t)(part[k] - '0');
			}
			v = json_at(v, i);
		} else {
			v = get_n(v, part, n);
		}
		if (!v || !dot)
			return v;
		part = dot + 1;
	}
}

double json_num(const struct json *v)
{
	return v && v->type == JSON_NUMBER ? v->u.num.d : NAN;
}

bool json_is_int(const struct json *v)
{
	return v && v->type == JSON_NUMBER && v->is_int;
}

int64_t json_int(const struct json *v)
{
	return json_is_int(v) ? v->u.num.i : 0;
}

const char *json_str(const struct json *v)
{
	return v && v->type == JSON_STRING ? v->u.str.s : NULL;
}

size_t json_str_len(const struct json *v)
{
	return v && v->type == JSON_STRING ? v->u.str.len : 0;
}

bool json_bool(const struct json *v)
{
	return v && v->type == JSON_BOOL && v->u.b;
}
