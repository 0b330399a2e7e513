#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"

#define MAX_DEPTH 32

struct parser {
	const char *s, *end;
	const char *path;	/* what is left of the wanted path, NULL once found */
	char *out;
	size_t outlen;
	int found;
};

static int value(struct parser *p, const char *want, int depth);

static void
skip_ws(struct parser *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' ||
	    *p->s == '\r'))
		p->s++;
}

/* A string; copied to dst when dst != NULL. Returns its length, or -1. */
static long
string(struct parser *p, char *dst, size_t dstlen)
{
	size_t n = 0, len = 0;

	if (p->s >= p->end || *p->s != '"')
		return -1;
	p->s++;
	while (p->s < p->end && *p->s != '"') {
		unsigned char c = (unsigned char)*p->s++;

		if (c < 0x20)
			return -1;
		if (c == '\\') {
			if (p->s >= p->end)
				return -1;
			c = (unsigned char)*p->s++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case '"': case '\\': case '/': break;
			case 'u': {
				unsigned v = 0;

				for (int i = 0; i < 4; i++) {
					if (p->s >= p->end || !isxdigit((unsigned char)*p->s))
						return -1;
					v = v * 16 + (unsigned)(isdigit((unsigned char)*p->s) ?
					    *p->s - '0' : (tolower((unsigned char)*p->s) - 'a' + 10));
					p->s++;
				}
				c = v > 0 && v < 0x80 ? (unsigned char)v : '?';
				break;
			}
			default:
				return -1;
			}
		} else if (c >= 0x80) {
			c = '?';
		}
		if (dst != NULL && n + 1 < dstlen)
			dst[n++] = (char)c;
		len++;
	}
	if (p->s >= p->end)
		return -1;
	p->s++;
	if (dst != NULL && dstlen > 0)
		dst[n] = '\0';
	return (long)len;
}

/* Does the next path segment equal key? Sets *rest to what follows it. */
static int
segment_is(const char *want, const char *key, const char **rest)
{
	size_t n = strcspn(want, ".");

	if (strlen(key) != n || strncmp(want, key, n) != 0)
		return 0;
	*rest = want[n] == '.' ? want + n + 1 : want + n;
	return 1;
}

static int
object(struct parser *p, const char *want, int depth)
{
	p->s++;
	skip_ws(p);
	if (p->s < p->end && *p->s == '}') {
		p->s++;
		return 0;
	}
	for (;;) {
		char key[1024];
		const char *rest = NULL;
		long klen;

		skip_ws(p);
		if ((klen = string(p, key, sizeof(key))) == -1)
			return -1;
		/* a key too long to hold is no key we look for */
		if ((size_t)klen >= sizeof(key))
			key[0] = '\0';
		skip_ws(p);
		if (p->s >= p->end || *p->s++ != ':')
			return -1;
		if (want != NULL && *want && segment_is(want, key, &rest)) {
			if (value(p, rest, depth + 1) == -1)
				return -1;
		} else if (value(p, NULL, depth + 1) == -1) {
			return -1;
		}
		skip_ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == '}') {
			p->s++;
			return 0;
		}
		return -1;
	}
}

/*
 * The array element from s to end, when its members match every
 * "name=value" of the selector sel ("[name=home&type=A].id", values
 * compared without regard to case, as DNS names are): read the path after
 * the selector in it. The first element that matches is the one found.
 */
static void
select_in(struct parser *p, const char *s, const char *end, const char *sel, int depth)
{
	const char *close = strchr(sel, ']');
	char cond[128], got[256];
	struct parser q = { s, end, NULL, p->out, p->outlen, 0 };

	if (close == NULL || p->found)
		return;
	for (const char *c = sel + 1; c < close;) {
		size_t n = strcspn(c, "&]");
		const char *eq = memchr(c, '=', n);

		if (eq == NULL || n >= sizeof(cond))
			return;
		memcpy(cond, c, n);
		cond[eq - c] = '\0';
		cond[n] = '\0';
		if (json_get(s, (size_t)(end - s), cond, got, sizeof(got)) == -1 ||
		    strcasecmp(got, cond + (eq - c) + 1) != 0)
			return;
		c += n + (c[n] == '&');
	}
	if (value(&q, close[1] == '.' ? close + 2 : close + 1, depth) == 0 && q.found)
		p->found = 1;
}

static int
array(struct parser *p, const char *want, int depth)
{
	long index = 0;

	p->s++;
	skip_ws(p);
	if (p->s < p->end && *p->s == ']') {
		p->s++;
		return 0;
	}
	for (;; index++) {
		char key[24];
		const char *rest = NULL;
		int match;

		if (want != NULL && *want == '[') {
			const char *start;

			skip_ws(p);
			start = p->s;
			if (value(p, NULL, depth + 1) == -1)
				return -1;
			select_in(p, start, p->s, want, depth + 1);
			goto next;
		}
		snprintf(key, sizeof(key), "%ld", index);
		match = want != NULL && *want && segment_is(want, key, &rest);
		if (value(p, match ? rest : NULL, depth + 1) == -1)
			return -1;
next:
		skip_ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == ']') {
			p->s++;
			return 0;
		}
		return -1;
	}
}

/* Digits at p->s; how many. */
static size_t
digits(struct parser *p)
{
	size_t n = 0;

	while (p->s < p->end && isdigit((unsigned char)*p->s)) {
		p->s++;
		n++;
	}
	return n;
}

/* A number as JSON writes it: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? */
static int
number(struct parser *p)
{
	if (p->s < p->end && *p->s == '-')
		p->s++;
	if (p->s < p->end && *p->s == '0')
		p->s++;
	else if (digits(p) == 0)
		return -1;
	if (p->s < p->end && *p->s == '.') {
		p->s++;
		if (digits(p) == 0)
			return -1;
	}
	if (p->s < p->end && (*p->s == 'e' || *p->s == 'E')) {
		p->s++;
		if (p->s < p->end && (*p->s == '+' || *p->s == '-'))
			p->s++;
		if (digits(p) == 0)
			return -1;
	}
	return 0;
}

/* A scalar other than a string: true, false, null or a number. */
static int
scalar(struct parser *p, const char *want)
{
	static const char *words[] = { "true", "false", "null" };
	const char *start = p->s;
	int ok = 0;

	for (size_t i = 0; i < 3 && !ok; i++) {
		size_t n = strlen(words[i]);

		if ((size_t)(p->end - p->s) >= n && strncmp(p->s, words[i], n) == 0) {
			p->s += n;
			ok = 1;
		}
	}
	if (!ok && number(p) == -1)
		return -1;
	/* "truex", "1x": a literal runs into garbage */
	if (p->s < p->end && (isalnum((unsigned char)*p->s) || *p->s == '.'))
		return -1;
	if (want != NULL && *want == '\0') {
		size_t n = (size_t)(p->s - start);

		if (n >= p->outlen)
			n = p->outlen - 1;
		memcpy(p->out, start, n);
		p->out[n] = '\0';
		p->found = 1;
	}
	return 0;
}

/* A value; want is the path left below it ("" = this one), NULL = not wanted. */
static int
value(struct parser *p, const char *want, int depth)
{
	if (depth > MAX_DEPTH)
		return -1;
	skip_ws(p);
	if (p->s >= p->end)
		return -1;
	switch (*p->s) {
	case '{':
		return object(p, want, depth);
	case '[':
		return array(p, want, depth);
	case '"':
		if (want != NULL && *want == '\0') {
			p->found = 1;
			return string(p, p->out, p->outlen);
		}
		return string(p, NULL, 0);
	default:
		return scalar(p, want);
	}
}

int
json_get(const char *doc, size_t len, const char *path, char *out, size_t outlen)
{
	struct parser p = { doc, doc + len, path, out, outlen, 0 };

	if (outlen == 0)
		return -1;
	out[0] = '\0';
	if (value(&p, path, 0) == -1)
		return -1;
	skip_ws(&p);
	if (p.s != p.end)
		return -1;
	return p.found ? 0 : -1;
}
