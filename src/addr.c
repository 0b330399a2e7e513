#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "util.h"

const char *
fam_name(enum fam f)
{
	return f == FAM_V4 ? "IPv4" : "IPv6";
}

const char *
fam_key(enum fam f)
{
	return f == FAM_V4 ? "ipv4" : "ipv6";
}

int
addr_parse(enum fam f, const char *s, char out[ADDR_MAX])
{
	unsigned char bin[16];
	int af = f == FAM_V4 ? AF_INET : AF_INET6;

	if (inet_pton(af, s, bin) != 1)
		return -1;
	if (inet_ntop(af, bin, out, ADDR_MAX) == NULL)
		return -1;
	return 0;
}

int
addr_family(const char *s)
{
	char tmp[ADDR_MAX];

	if (addr_parse(FAM_V4, s, tmp) == 0)
		return FAM_V4;
	if (addr_parse(FAM_V6, s, tmp) == 0)
		return FAM_V6;
	return -1;
}

/* A range: prefix bytes, prefix length in bits, name. */
struct range {
	unsigned char net[16];
	int bits;
	const char *name;
	int never;	/* unusable even with allow-private */
};

static const struct range v4ranges[] = {
	{ { 0 }, 8, "unspecified", 1 },
	{ { 10 }, 8, "private", 0 },
	{ { 100, 64 }, 10, "CGNAT", 0 },
	{ { 127 }, 8, "loopback", 0 },
	{ { 169, 254 }, 16, "link-local", 0 },
	{ { 172, 16 }, 12, "private", 0 },
	{ { 192, 0, 0 }, 24, "reserved", 0 },
	{ { 192, 0, 2 }, 24, "documentation", 0 },
	{ { 192, 88, 99 }, 24, "reserved", 0 },
	{ { 192, 168 }, 16, "private", 0 },
	{ { 198, 18 }, 15, "benchmarking", 0 },
	{ { 198, 51, 100 }, 24, "documentation", 0 },
	{ { 203, 0, 113 }, 24, "documentation", 0 },
	{ { 224 }, 4, "multicast", 1 },
	{ { 240 }, 4, "reserved", 1 },
};

static const struct range v6ranges[] = {
	{ { 0x20, 0x01, 0x0d, 0xb8 }, 32, "documentation", 0 },
	{ { 0x3f, 0xff }, 20, "documentation", 0 },
	{ { 0x20, 0x01, 0x00, 0x02, 0x00, 0x00 }, 48, "benchmarking", 0 },
	{ { 0x20, 0x01, 0x00, 0x10 }, 28, "reserved", 0 },
	{ { 0xfc }, 7, "private", 0 },
	{ { 0xfe, 0x80 }, 10, "link-local", 0 },
	{ { 0xfe, 0xc0 }, 10, "site-local", 0 },
	{ { 0xff }, 8, "multicast", 1 },
};

static int
in_range(const unsigned char *a, const struct range *r)
{
	int full = r->bits / 8, rest = r->bits % 8;

	if (memcmp(a, r->net, (size_t)full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	return (a[full] & (0xff << (8 - rest)) & 0xff) == r->net[full];
}

static const struct range *
classify(enum fam f, const char *addr, const char **name)
{
	static const struct range unspec = { { 0 }, 0, "unspecified", 1 };
	static const struct range loop6 = { { 0 }, 0, "loopback", 0 };
	static const struct range other6 = { { 0 }, 0, "not global unicast", 0 };
	unsigned char a[16];
	const struct range *tab = f == FAM_V4 ? v4ranges : v6ranges;
	size_t n = f == FAM_V4 ? sizeof(v4ranges) / sizeof(v4ranges[0])
	    : sizeof(v6ranges) / sizeof(v6ranges[0]);

	*name = NULL;
	if (inet_pton(f == FAM_V4 ? AF_INET : AF_INET6, addr, a) != 1) {
		*name = "invalid";
		return &unspec;
	}
	if (f == FAM_V4 && memcmp(a, "\xff\xff\xff\xff", 4) == 0) {
		*name = "broadcast";
		return &unspec;
	}
	for (size_t i = 0; i < n; i++) {
		if (in_range(a, &tab[i])) {
			*name = tab[i].name;
			return &tab[i];
		}
	}
	if (f == FAM_V6) {
		static const unsigned char zero[16], one[16] = { [15] = 1 };

		if (memcmp(a, zero, 16) == 0) {
			*name = unspec.name;
			return &unspec;
		}
		if (memcmp(a, one, 16) == 0) {
			*name = loop6.name;
			return &loop6;
		}
		/* global unicast is 2000::/3 */
		if ((a[0] & 0xe0) != 0x20) {
			*name = other6.name;
			return &other6;
		}
	}
	return NULL;
}

const char *
addr_nonglobal(enum fam f, const char *addr)
{
	const char *name;

	classify(f, addr, &name);
	return name;
}

int
addr_never(enum fam f, const char *addr)
{
	const char *name;
	const struct range *r = classify(f, addr, &name);

	return r != NULL && r->never;
}

static int
tokchar(enum fam f, int c)
{
	if (f == FAM_V4)
		return isdigit(c) || c == '.';
	return isxdigit(c) || c == ':' || c == '.';
}

/* Add the addresses of family f found in s[0..n) to found; count distinct. */
static void
scan(enum fam f, const char *s, size_t n, char found[2][ADDR_MAX], int *count)
{
	size_t i = 0;

	while (i < n && *count < 2) {
		size_t start, len;
		char tok[ADDR_MAX + 1], canon[ADDR_MAX];

		while (i < n && !tokchar(f, (unsigned char)s[i]))
			i++;
		start = i;
		while (i < n && tokchar(f, (unsigned char)s[i]))
			i++;
		/* "0x2a00:..." is a number, "IPv6:2a00::1" a label glued on */
		if (start > 1 && (s[start - 1] | 0x20) == 'x' && s[start - 2] == '0')
			continue;
		if (f == FAM_V6 && start > 0 && isalnum((unsigned char)s[start - 1])) {
			const char *colon = memchr(s + start, ':', i - start);

			if (colon != NULL)
				start = (size_t)(colon - s) + 1;
		}
		/* "ip1.2.3.4", "1.2.3.4abc": glued to a word, not an address */
		if ((start > 0 && isalnum((unsigned char)s[start - 1])) ||
		    (i < n && isalnum((unsigned char)s[i])))
			continue;
		len = i - start;
		if (len == 0 || len > ADDR_MAX)
			continue;
		memcpy(tok, s + start, len);
		tok[len] = '\0';
		/* "1.2.3.4." at the end of a sentence */
		if (len > 1 && tok[len - 1] == '.')
			tok[len - 1] = '\0';
		if (addr_parse(f, tok, canon) == -1)
			continue;
		if (*count == 1 && strcmp(found[0], canon) == 0)
			continue;
		memcpy(found[*count], canon, ADDR_MAX);
		(*count)++;
	}
}

static const char *
memcasemem(const char *h, size_t hn, const char *n)
{
	size_t nn = strlen(n);

	for (size_t i = 0; nn <= hn && i <= hn - nn; i++)
		if (strncasecmp(h + i, n, nn) == 0)
			return h + i;
	return NULL;
}

int
addr_extract(enum fam f, const char *body, size_t len, const char *skip,
    char out[ADDR_MAX], char *why, size_t whylen)
{
	char found[2][ADDR_MAX];
	int count = 0, iplines = 0;

	if (memchr(body, '\0', len) != NULL) {
		snprintf(why, whylen, "answer holds a NUL byte");
		return -1;
	}
	if (skip != NULL && *skip != '\0') {
		const char *p = memcasemem(body, len, skip);

		if (p == NULL) {
			snprintf(why, whylen, "answer lacks the web-skip text");
			return -1;
		}
		p += strlen(skip);
		len -= (size_t)(p - body);
		body = p;
	}
	/* key=value answers (Cloudflare's trace) name the caller's address "ip=" */
	for (const char *line = body; line < body + len;) {
		const char *nl = memchr(line, '\n', (size_t)(body + len - line));
		const char *end = nl ? nl : body + len;

		if (end - line >= 3 && strncmp(line, "ip=", 3) == 0) {
			scan(f, line + 3, (size_t)(end - line - 3), found, &count);
			iplines++;
		}
		line = end + 1;
	}
	if (iplines == 0)
		scan(f, body, len, found, &count);
	if (count == 0) {
		snprintf(why, whylen, "no %s address in the answer", fam_name(f));
		return -1;
	}
	if (count > 1) {
		snprintf(why, whylen, "more than one %s address in the answer (%s, %s)",
		    fam_name(f), found[0], found[1]);
		return -1;
	}
	memcpy(out, found[0], ADDR_MAX);
	return 0;
}

int
addr_accept(enum fam f, const char *addr, int allow_private, char *why, size_t whylen)
{
	const char *range = addr_nonglobal(f, addr);

	if (range == NULL)
		return 0;
	if (allow_private && !addr_never(f, addr))
		return 0;
	snprintf(why, whylen, "%s is %s %s address%s", addr,
	    strchr("aeiou", range[0]) ? "an" : "a", range,
	    addr_never(f, addr) ? "" : " (allow-private = yes accepts it)");
	return -1;
}
