/*
 * TSIG (RFC 8945, hmac-sha256) for RFC 2136 updates: the key from its
 * name and base64 secret, signing a message and verifying an answer's
 * signature. The message codec is dns.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "dns.h"

static int
fail(char *why, size_t n, const char *what)
{
	snprintf(why, n, "%s", what);
	return -1;
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
	dns_count_up(b, 10);
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
	t = (int64_t)dns_get16(p) << 32 | (int64_t)dns_get16(p + 2) << 16 | dns_get16(p + 4);
	fudge = dns_get16(p + 6);
	maclen = dns_get16(p + 8);
	o += 10;
	if (o + maclen + 6 > end)
		return fail(why, whylen, "bad TSIG record in the answer");
	p = m->msg + o + maclen;
	*err = (int)dns_get16(p + 2);
	otherlen = dns_get16(p + 4);
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
