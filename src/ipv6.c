/* Prefix and interface-identifier arithmetic (ipv6.h). */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "ipv6.h"

int
ipv6_eui64(const char *mac, unsigned char out[8])
{
	unsigned char m[6];

	for (int i = 0; i < 6; i++) {
		const char *s = mac + 3 * i;

		if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]) ||
		    s[2] != (i < 5 ? ':' : '\0'))
			return -1;
		if (sscanf(s, "%2hhx", &m[i]) != 1)
			return -1;
	}
	/* RFC 4291 appendix A: the universal/local bit inverted, ff:fe inserted */
	out[0] = m[0] ^ 0x02;
	out[1] = m[1];
	out[2] = m[2];
	out[3] = 0xff;
	out[4] = 0xfe;
	out[5] = m[3];
	out[6] = m[4];
	out[7] = m[5];
	return 0;
}

/* Do bits [0, plen) of a hold only zeros? 1 / 0 */
static int
prefix_zero(const unsigned char a[16], int plen)
{
	for (int bit = 0; bit < plen; bit++)
		if (a[bit / 8] & (0x80 >> (bit % 8)))
			return 0;
	return 1;
}

int
ipv6_suffix_parse(const char *s, int plen, unsigned char out[16], char *why,
    size_t whylen)
{
	static const unsigned char zero[16];

	memset(out, 0, 16);
	if (strncmp(s, "eui64:", 6) == 0) {
		if (ipv6_eui64(s + 6, out + 8) == -1) {
			snprintf(why, whylen, "\"%s\": not a MAC address after eui64: "
			    "(six hex pairs with colons, 00:11:22:33:44:55)", s + 6);
			return -1;
		}
	} else if (inet_pton(AF_INET6, s, out) != 1) {
		snprintf(why, whylen, "\"%s\": not an IPv6 suffix (::11 or "
		    "eui64:00:11:22:33:44:55)", s);
		return -1;
	}
	if (memcmp(out, zero, 16) == 0) {
		snprintf(why, whylen, "\"%s\": the suffix is all zeros", s);
		return -1;
	}
	if (!prefix_zero(out, plen)) {
		snprintf(why, whylen, "\"%s\": does not fit in the last %d bits "
		    "(ipv6-prefix-length %d)", s, 128 - plen, plen);
		return -1;
	}
	return 0;
}

/* The first plen bits of addr's 16 bytes in a, the rest zero; 0 / -1. */
static int
prefix_bytes(const char *addr, int plen, unsigned char a[16])
{
	if (plen < 0 || plen > 128 || inet_pton(AF_INET6, addr, a) != 1)
		return -1;
	for (int bit = plen; bit < 128; bit++)
		a[bit / 8] &= (unsigned char)~(0x80 >> (bit % 8));
	return 0;
}

int
ipv6_combine(const char *addr, int plen, const unsigned char suffix[16],
    char out[ADDR_MAX])
{
	unsigned char a[16];

	if (prefix_bytes(addr, plen, a) == -1 || !prefix_zero(suffix, plen))
		return -1;
	for (int i = 0; i < 16; i++)
		a[i] |= suffix[i];
	return inet_ntop(AF_INET6, a, out, ADDR_MAX) ? 0 : -1;
}

int
ipv6_prefix(const char *addr, int plen, char out[IPV6_CIDR_MAX])
{
	unsigned char a[16];
	char text[ADDR_MAX];

	if (prefix_bytes(addr, plen, a) == -1 ||
	    inet_ntop(AF_INET6, a, text, sizeof(text)) == NULL)
		return -1;
	snprintf(out, IPV6_CIDR_MAX, "%s/%d", text, plen);
	return 0;
}

/*
 * Split item "HOST=SUFFIX" (spaces around '=' allowed) into host and the
 * suffix it returns; for a bare "SUFFIX" host is "" and the item returned.
 */
static const char *
item_split(const char *item, char host[256])
{
	const char *eq = strchr(item, '=');
	size_t n;

	host[0] = '\0';
	if (eq == NULL)
		return item;
	for (n = (size_t)(eq - item); n > 0 && isspace((unsigned char)item[n - 1]); n--)
		;
	snprintf(host, 256, "%.*s", (int)n, item);
	for (eq++; isspace((unsigned char)*eq); eq++)
		;
	return eq;
}

const char *
ipv6_suffix_for(const struct strlist *l, const char *host)
{
	const char *other = NULL;

	for (size_t i = 0; i < l->n; i++) {
		char h[256];
		const char *s = item_split(l->v[i], h);

		if (h[0] == '\0')
			other = s;
		else if (strcasecmp(h, host) == 0)
			return s;
	}
	return other;
}

int
ipv6_suffix_check(const struct strlist *l, const struct strlist *hosts, int plen,
    char *why, size_t whylen)
{
	struct strlist named = { 0 };
	unsigned char sfx[16];
	int bare = 0, rc = -1;

	for (size_t i = 0; i < l->n; i++) {
		char h[256];
		const char *s = item_split(l->v[i], h);

		if (h[0] == '\0' && bare++) {
			snprintf(why, whylen, "more than one suffix without a host");
			goto out;
		}
		if (h[0] != '\0' && !strlist_has_host(hosts, h)) {
			snprintf(why, whylen, "%s: not one of this profile's hosts", h);
			goto out;
		}
		if (h[0] != '\0' && strlist_has_host(&named, h)) {
			snprintf(why, whylen, "%s: given two suffixes", h);
			goto out;
		}
		if (h[0] != '\0')
			strlist_add(&named, h);
		if (ipv6_suffix_parse(s, plen, sfx, why, whylen) == -1)
			goto out;
	}
	rc = 0;
out:
	strlist_free(&named);
	return rc;
}

int
ipv6_host_addr(const struct profile *p, const char *host, const char *addr,
    char out[ADDR_MAX], char *why, size_t whylen)
{
	const char *s = ipv6_suffix_for(&p->v6_suffix, host);
	unsigned char sfx[16];

	if (s == NULL) {
		snprintf(out, ADDR_MAX, "%s", addr);
		return 0;
	}
	if (ipv6_suffix_parse(s, p->v6_prefix_len, sfx, why, whylen) == -1)
		return -1;
	if (ipv6_combine(addr, p->v6_prefix_len, sfx, out) == -1) {
		snprintf(why, whylen, "%s: not an IPv6 address", addr);
		return -1;
	}
	return addr_accept(FAM_V6, out, p->allow_private, why, whylen);
}
