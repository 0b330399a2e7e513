#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "dns.h"

#define HEADER 12
#define MAX_JUMPS 64		/* compression pointers followed in one name */

void
dns_put16(struct buf *b, unsigned v)
{
	char c[2] = { (char)(v >> 8 & 0xff), (char)(v & 0xff) };

	buf_add(b, c, 2);
}

void
dns_put32(struct buf *b, uint32_t v)
{
	dns_put16(b, v >> 16);
	dns_put16(b, v & 0xffff);
}

int
dns_put_name(struct buf *b, const char *name)
{
	size_t total = 1, n = strlen(name);

	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n > DNS_NAME_MAX - 2)
		return -1;
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		char len;

		while (i + k < n && name[i + k] != '.')
			k++;
		if (k == 0 || k > 63)
			return -1;
		len = (char)k;
		buf_add(b, &len, 1);
		buf_add(b, name + i, k);
		total += k + 1;
		i += k + 1;
	}
	buf_add(b, "", 1);
	return total <= 255 ? 0 : -1;
}

/* A header with one question (or zone) and name, type and class after it. */
static int
start(struct buf *b, uint16_t id, unsigned flags, const char *name, int type, int class)
{
	dns_put16(b, id);
	dns_put16(b, flags);
	dns_put16(b, 1);
	dns_put16(b, 0);
	dns_put16(b, 0);
	dns_put16(b, 0);
	if (dns_put_name(b, name) == -1)
		return -1;
	dns_put16(b, (unsigned)type);
	dns_put16(b, (unsigned)class);
	return 0;
}

int
dns_query(struct buf *b, uint16_t id, const char *name, int type, int class)
{
	/* a standard query, recursion desired */
	return start(b, id, 0x0100, name, type, class);
}

static unsigned
get16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

int
dns_get_name(const uint8_t *msg, size_t len, size_t *off, char out[DNS_NAME_MAX + 1])
{
	size_t at = *off, end = 0, o = 0;
	int jumps = 0;

	for (;;) {
		unsigned c;

		if (at >= len)
			return -1;
		c = msg[at];
		if ((c & 0xc0) == 0xc0) {
			size_t to;

			if (at + 1 >= len || ++jumps > MAX_JUMPS)
				return -1;
			to = (c & 0x3f) << 8 | msg[at + 1];
			/* a pointer leads back, never to itself or further on */
			if (to >= at)
				return -1;
			if (end == 0)
				end = at + 2;
			at = to;
			continue;
		}
		if (c & 0xc0)
			return -1;	/* the extended label types are obsolete */
		if (c == 0)
			break;
		if (at + 1 + c > len)
			return -1;
		if (o > 0) {
			if (o + 1 > DNS_NAME_MAX)
				return -1;
			out[o++] = '.';
		}
		for (size_t i = 0; i < c; i++) {
			unsigned char ch = msg[at + 1 + i];
			int plain = isalnum(ch) || ch == '-' || ch == '_' || ch == '*';

			if (o + (plain ? 1 : 4) > DNS_NAME_MAX)
				return -1;
			if (plain)
				out[o++] = (char)tolower(ch);
			else
				o += (size_t)snprintf(out + o, 5, "\\%03u", ch);
		}
		at += 1 + c;
	}
	out[o] = '\0';
	*off = end ? end : at + 1;
	return 0;
}

static int
fail(char *why, size_t n, const char *what)
{
	snprintf(why, n, "%s", what);
	return -1;
}

int
dns_parse(const uint8_t *msg, size_t len, struct dns_msg *m, char *why, size_t whylen)
{
	size_t off = HEADER, total;

	memset(m, 0, sizeof(*m));
	m->msg = msg;
	m->len = len;
	if (len < HEADER)
		return fail(why, whylen, "DNS message shorter than its header");
	m->id = (uint16_t)get16(msg);
	m->flags = (uint16_t)get16(msg + 2);
	m->rcode = m->flags & 0xf;
	for (int i = 0; i < 4; i++)
		m->count[i] = (uint16_t)get16(msg + 4 + 2 * i);
	if (!(m->flags & 0x8000))
		return fail(why, whylen, "DNS message is not a response");
	for (unsigned q = 0; q < m->count[0]; q++) {
		char name[DNS_NAME_MAX + 1];

		if (dns_get_name(msg, len, &off, name) == -1 || off + 4 > len)
			return fail(why, whylen, "bad question in DNS message");
		if (q == 0) {
			memcpy(m->qname, name, sizeof(name));
			m->qtype = (uint16_t)get16(msg + off);
			m->qclass = (uint16_t)get16(msg + off + 2);
		}
		off += 4;
	}
	total = (size_t)m->count[1] + m->count[2] + m->count[3];
	for (size_t i = 0; i < total; i++) {
		struct dns_rr rr;

		rr.off = off;
		if (dns_get_name(msg, len, &off, rr.name) == -1 || off + 10 > len)
			return fail(why, whylen, "bad record in DNS message");
		rr.type = (uint16_t)get16(msg + off);
		rr.class = (uint16_t)get16(msg + off + 2);
		rr.ttl = (uint32_t)get16(msg + off + 4) << 16 | get16(msg + off + 6);
		rr.rdlen = (uint16_t)get16(msg + off + 8);
		rr.rdoff = off + 10;
		rr.rdata = msg + off + 10;
		rr.section = i < m->count[1] ? 1 : i < (size_t)m->count[1] + m->count[2] ? 2 : 3;
		off += 10;
		if (off + rr.rdlen > len)
			return fail(why, whylen, "DNS record longer than its message");
		off += rr.rdlen;
		if (m->nrr < DNS_RR_MAX)
			m->rr[m->nrr++] = rr;
	}
	return 0;
}

size_t
dns_addrs(const struct dns_msg *m, const char *name, enum fam f, char (*out)[ADDR_MAX],
    size_t max)
{
	char want[DNS_NAME_MAX + 1];
	size_t n = 0, nl = strlen(name);
	int type = f == FAM_V4 ? DNS_T_A : DNS_T_AAAA;

	if (nl > 0 && name[nl - 1] == '.')
		nl--;
	if (nl > DNS_NAME_MAX)
		return 0;
	for (size_t i = 0; i < nl; i++)
		want[i] = (char)tolower((unsigned char)name[i]);
	want[nl] = '\0';
	/* follow a CNAME chain, at most as long as the records kept */
	for (size_t hop = 0; hop <= m->nrr; hop++) {
		const char *next = NULL;
		char target[DNS_NAME_MAX + 1];

		for (size_t i = 0; i < m->nrr; i++) {
			const struct dns_rr *rr = &m->rr[i];
			size_t off = rr->rdoff;

			if (rr->section != 1 || rr->class != DNS_C_IN || strcmp(rr->name, want))
				continue;
			if (rr->type == type && n < max &&
			    rr->rdlen == (f == FAM_V4 ? 4 : 16)) {
				inet_ntop(f == FAM_V4 ? AF_INET : AF_INET6, rr->rdata, out[n],
				    ADDR_MAX);
				n++;
			} else if (rr->type == DNS_T_CNAME && next == NULL &&
			    dns_get_name(m->msg, rr->rdoff + rr->rdlen, &off, target) == 0) {
				next = target;
			}
		}
		if (n > 0 || next == NULL)
			break;
		snprintf(want, sizeof(want), "%s", next);
	}
	return n;
}

int
dns_txt(const struct dns_rr *rr, char *out, size_t n)
{
	size_t o = 0;

	if (rr->type != DNS_T_TXT || n == 0)
		return -1;
	for (size_t i = 0; i < rr->rdlen;) {
		size_t k = rr->rdata[i++];

		if (i + k > rr->rdlen || o + k >= n)
			return -1;
		memcpy(out + o, rr->rdata + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	return memchr(out, '\0', o) == NULL ? 0 : -1;
}

int
dns_update_start(struct buf *b, uint16_t id, const char *zone)
{
	return start(b, id, DNS_OP_UPDATE << 11, zone, DNS_T_SOA, DNS_C_IN);
}

/* Add one to the 16-bit count at offset at of message b. */
static void
count_up(struct buf *b, size_t at)
{
	unsigned v = get16((const uint8_t *)b->s + at) + 1;

	b->s[at] = (char)(v >> 8 & 0xff);
	b->s[at + 1] = (char)(v & 0xff);
}

int
dns_update_replace(struct buf *b, const char *host, int type, uint32_t ttl,
    const void *rdata, size_t rdlen)
{
	/* RFC 2136 2.5.2: class ANY, ttl 0, no rdata deletes the RRset */
	if (rdlen > 0xffff || dns_put_name(b, host) == -1)
		return -1;
	dns_put16(b, (unsigned)type);
	dns_put16(b, DNS_C_ANY);
	dns_put32(b, 0);
	dns_put16(b, 0);
	dns_put_name(b, host);
	dns_put16(b, (unsigned)type);
	dns_put16(b, DNS_C_IN);
	dns_put32(b, ttl);
	dns_put16(b, (unsigned)rdlen);
	buf_add(b, rdata, rdlen);
	count_up(b, 8);
	count_up(b, 8);
	return 0;
}

static const char ALG[] = "hmac-sha256";

int
dns_key_set(struct dns_key *k, const char *name, const char *b64, char *why, size_t whylen)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct buf scratch = { 0 };
	size_t n = strlen(name), len = strlen(b64), pad = 0;
	uint32_t acc = 0;
	int bits = 0, bad;

	memset(k, 0, sizeof(*k));
	bad = n == 0 || n > DNS_NAME_MAX || dns_put_name(&scratch, name) == -1;
	buf_free(&scratch);
	if (bad)
		return fail(why, whylen, "the key name (login) is not a DNS name");
	for (size_t i = 0; i < n; i++)
		k->name[i] = (char)tolower((unsigned char)name[i]);
	if (k->name[n - 1] == '.')
		k->name[n - 1] = '\0';
	/* strict base64: whole quanta, padding only at the end */
	while (pad < 2 && len > pad && b64[len - pad - 1] == '=')
		pad++;
	if (len == 0 || len % 4 != 0)
		return fail(why, whylen, "the key (password) is not base64");
	for (size_t i = 0; i < len - pad; i++) {
		const char *d = memchr(digits, b64[i], 64);

		if (d == NULL || b64[i] == '\0')
			return fail(why, whylen, "the key (password) is not base64");
		acc = acc << 6 | (uint32_t)(d - digits);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (k->len == sizeof(k->secret))
				return fail(why, whylen, "the key (password) is longer than "
				    "64 bytes");
			k->secret[k->len++] = (uint8_t)(acc >> bits);
		}
	}
	if ((acc & ((1u << bits) - 1)) != 0)
		return fail(why, whylen, "the key (password) is not base64");
	return 0;
}

/* The algorithm, time signed and fudge of a TSIG record, into d. */
static void
put_signed(struct buf *d, int64_t t, unsigned fudge)
{
	dns_put_name(d, ALG);
	dns_put16(d, (unsigned)((uint64_t)t >> 32 & 0xffff));
	dns_put32(d, (uint32_t)t);
	dns_put16(d, fudge);
}

/* The TSIG variables of RFC 8945 4.3.3 after the message, into d. */
static void
variables(struct buf *d, const struct dns_key *k, int64_t t, unsigned fudge, unsigned err,
    const uint8_t *other, size_t otherlen)
{
	dns_put_name(d, k->name);
	dns_put16(d, DNS_C_ANY);
	dns_put32(d, 0);
	put_signed(d, t, fudge);
	dns_put16(d, err);
	dns_put16(d, (unsigned)otherlen);
	buf_add(d, (const char *)other, otherlen);
}

static void
hmac(const struct dns_key *k, const struct buf *d, uint8_t mac[DNS_MAC_LEN])
{
	unsigned n = DNS_MAC_LEN;

	HMAC(EVP_sha256(), k->secret, (int)k->len, (const uint8_t *)d->s, d->len, mac, &n);
}

void
dns_tsig_sign(struct buf *b, const struct dns_key *k, int64_t now, uint8_t mac[DNS_MAC_LEN])
{
	struct buf d = { 0 };
	size_t rdstart;

	buf_add(&d, b->s, b->len);
	variables(&d, k, now, DNS_TSIG_FUDGE, 0, NULL, 0);
	hmac(k, &d, mac);
	buf_free(&d);
	dns_put_name(b, k->name);
	dns_put16(b, DNS_T_TSIG);
	dns_put16(b, DNS_C_ANY);
	dns_put32(b, 0);
	rdstart = b->len;
	dns_put16(b, 0);
	put_signed(b, now, DNS_TSIG_FUDGE);
	dns_put16(b, DNS_MAC_LEN);
	buf_add(b, (const char *)mac, DNS_MAC_LEN);
	buf_add(b, b->s, 2);		/* the original id */
	dns_put16(b, 0);
	dns_put16(b, 0);
	b->s[rdstart] = (char)((b->len - rdstart - 2) >> 8);
	b->s[rdstart + 1] = (char)((b->len - rdstart - 2) & 0xff);
	count_up(b, 10);
}

int
dns_tsig_verify(const struct dns_msg *m, const struct dns_key *k, int64_t now,
    const uint8_t mac[DNS_MAC_LEN], int *err, char *why, size_t whylen)
{
	const struct dns_rr *rr = m->nrr ? &m->rr[m->nrr - 1] : NULL;
	char alg[DNS_NAME_MAX + 1];
	size_t o, end, maclen, otherlen, total;
	unsigned fudge;
	uint8_t want[DNS_MAC_LEN];
	const uint8_t *p;
	struct buf d = { 0 };
	int64_t t;
	int ok;

	*err = 0;
	total = (size_t)m->count[1] + m->count[2] + m->count[3];
	if (rr == NULL || m->nrr != total || rr->type != DNS_T_TSIG || rr->section != 3 ||
	    rr->class != DNS_C_ANY || rr->ttl != 0)
		return fail(why, whylen, "the answer is not signed (no TSIG record)");
	o = rr->rdoff;
	end = rr->rdoff + rr->rdlen;
	if (dns_get_name(m->msg, end, &o, alg) == -1 || o + 10 > end)
		return fail(why, whylen, "bad TSIG record in the answer");
	p = m->msg + o;
	t = (int64_t)get16(p) << 32 | (int64_t)get16(p + 2) << 16 | get16(p + 4);
	fudge = get16(p + 6);
	maclen = get16(p + 8);
	o += 10;
	if (o + maclen + 6 > end)
		return fail(why, whylen, "bad TSIG record in the answer");
	p = m->msg + o + maclen;
	*err = (int)get16(p + 2);
	otherlen = get16(p + 4);
	if (o + maclen + 6 + otherlen != end)
		return fail(why, whylen, "bad TSIG record in the answer");
	if (*err != 0)
		return fail(why, whylen, *err == DNS_TSIG_BADSIG ? "the key (password) "
		    "is wrong" : *err == DNS_TSIG_BADKEY ? "the server does not know the "
		    "key (login)" : *err == DNS_TSIG_BADTIME ? "the clocks differ by "
		    "more than 5 minutes" : "TSIG error in the answer");
	if (strcmp(rr->name, k->name) != 0 || strcmp(alg, ALG) != 0 || maclen != DNS_MAC_LEN)
		return fail(why, whylen, "the answer is signed with another key");
	/* RFC 8945 4.3.3: request MAC, answer without TSIG and original id, variables */
	dns_put16(&d, DNS_MAC_LEN);
	buf_add(&d, (const char *)mac, DNS_MAC_LEN);
	buf_add(&d, (const char *)m->msg, rr->off);
	memcpy(d.s + 2 + DNS_MAC_LEN, p, 2);
	d.s[2 + DNS_MAC_LEN + 10] = (char)((m->count[3] - 1) >> 8);
	d.s[2 + DNS_MAC_LEN + 11] = (char)((m->count[3] - 1) & 0xff);
	variables(&d, k, t, fudge, 0, p + 6, otherlen);
	hmac(k, &d, want);
	buf_free(&d);
	ok = CRYPTO_memcmp(want, m->msg + o, DNS_MAC_LEN) == 0;
	if (!ok)
		return fail(why, whylen, "the answer's TSIG signature is wrong");
	if (t > now + fudge || t < now - fudge)
		return fail(why, whylen, "the answer's TSIG time is off by more than 5 "
		    "minutes");
	return 0;
}

const char *
dns_rcode_name(int rcode)
{
	static const char *names[] = {
		"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
		"YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE",
	};
	static char other[16];

	if (rcode >= 0 && (size_t)rcode < sizeof(names) / sizeof(names[0]))
		return names[rcode];
	snprintf(other, sizeof(other), "rcode %d", rcode);
	return other;
}

int
dns_check_answer(const struct dns_msg *m, uint16_t id, const char *name, int type,
    int class, char *why, size_t n)
{
	size_t nl = strlen(name);

	if (nl > 0 && name[nl - 1] == '.')
		nl--;
	if (!(m->flags & 0x8000) || m->id != id || m->count[0] != 1 ||
	    m->qtype != type || m->qclass != class ||
	    strlen(m->qname) != nl || strncasecmp(m->qname, name, nl) != 0) {
		snprintf(why, n, "not an answer to our question");
		return -1;
	}
	if (m->rcode != DNS_R_NOERROR && m->rcode != DNS_R_NXDOMAIN) {
		snprintf(why, n, "%s", dns_rcode_name(m->rcode));
		return -1;
	}
	return 0;
}
