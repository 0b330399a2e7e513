#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

unsigned
dns_get16(const uint8_t *p)
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
	m->id = (uint16_t)dns_get16(msg);
	m->flags = (uint16_t)dns_get16(msg + 2);
	m->rcode = m->flags & 0xf;
	for (int i = 0; i < 4; i++)
		m->count[i] = (uint16_t)dns_get16(msg + 4 + 2 * i);
	if (!(m->flags & 0x8000))
		return fail(why, whylen, "DNS message is not a response");
	for (unsigned q = 0; q < m->count[0]; q++) {
		char name[DNS_NAME_MAX + 1];

		if (dns_get_name(msg, len, &off, name) == -1 || off + 4 > len)
			return fail(why, whylen, "bad question in DNS message");
		if (q == 0) {
			memcpy(m->qname, name, sizeof(name));
			m->qtype = (uint16_t)dns_get16(msg + off);
			m->qclass = (uint16_t)dns_get16(msg + off + 2);
		}
		off += 4;
	}
	total = (size_t)m->count[1] + m->count[2] + m->count[3];
	for (size_t i = 0; i < total; i++) {
		struct dns_rr rr;

		rr.off = off;
		if (dns_get_name(msg, len, &off, rr.name) == -1 || off + 10 > len)
			return fail(why, whylen, "bad record in DNS message");
		rr.type = (uint16_t)dns_get16(msg + off);
		rr.class = (uint16_t)dns_get16(msg + off + 2);
		rr.ttl = (uint32_t)dns_get16(msg + off + 4) << 16 | dns_get16(msg + off + 6);
		rr.rdlen = (uint16_t)dns_get16(msg + off + 8);
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

void
dns_count_up(struct buf *b, size_t at)
{
	unsigned v = dns_get16((const uint8_t *)b->s + at) + 1;

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
	dns_count_up(b, 8);
	dns_count_up(b, 8);
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
