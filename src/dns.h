/*
 * DNS messages in wire format (RFC 1035): queries built, answers parsed
 * with name compression, every length and pointer bounded. Used by the
 * DNS-over-HTTPS lookups (RFC 8484) and the RFC 2136 updates. No I/O.
 */
#ifndef NICUPDATE_DNS_H
#define NICUPDATE_DNS_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "util.h"

#define DNS_NAME_MAX 255	/* presentation form, without the final dot */
#define DNS_RR_MAX 64		/* records kept from one message */

enum {
	DNS_T_A = 1, DNS_T_CNAME = 5, DNS_T_SOA = 6, DNS_T_TXT = 16, DNS_T_AAAA = 28,
	DNS_T_TSIG = 250, DNS_T_ANY = 255,
};
enum { DNS_C_IN = 1, DNS_C_CH = 3, DNS_C_NONE = 254, DNS_C_ANY = 255 };
enum { DNS_OP_QUERY = 0, DNS_OP_UPDATE = 5 };
enum {
	DNS_R_NOERROR = 0, DNS_R_FORMERR = 1, DNS_R_SERVFAIL = 2, DNS_R_NXDOMAIN = 3,
	DNS_R_NOTIMP = 4, DNS_R_REFUSED = 5, DNS_R_NOTAUTH = 9, DNS_R_NOTZONE = 10,
};

/* The TSIG error field (RFC 8945), in a NOTAUTH answer. */
enum { DNS_TSIG_BADSIG = 16, DNS_TSIG_BADKEY = 17, DNS_TSIG_BADTIME = 18 };

#define DNS_MAC_LEN 32		/* HMAC-SHA256 */
#define DNS_TSIG_FUDGE 300	/* seconds of clock difference allowed */

/* One resource record; rdata points into the parsed message. */
struct dns_rr {
	char name[DNS_NAME_MAX + 1];
	uint16_t type, class;
	uint32_t ttl;
	const uint8_t *rdata;
	uint16_t rdlen;
	size_t off;		/* offset of the record (its name) in the message */
	size_t rdoff;		/* offset of rdata in the message */
	int section;		/* 1 answer, 2 authority, 3 additional */
};

struct dns_msg {
	uint16_t id, flags;
	int rcode;
	uint16_t count[4];	/* question, answer, authority, additional */
	char qname[DNS_NAME_MAX + 1];
	uint16_t qtype, qclass;
	struct dns_rr rr[DNS_RR_MAX];
	size_t nrr;		/* records kept (the first DNS_RR_MAX) */
	const uint8_t *msg;
	size_t len;
};

/* Append name (presentation form, "." or "" for the root); 0, or -1 if invalid. */
int dns_put_name(struct buf *b, const char *name);
/* Append a 16-bit or 32-bit number in network order. */
void dns_put16(struct buf *b, unsigned v);
void dns_put32(struct buf *b, uint32_t v);
/* A query message for one question, recursion desired; 0 / -1 (bad name). */
int dns_query(struct buf *b, uint16_t id, const char *name, int type, int class);
/*
 * Read the name at *off of msg (following compression pointers, bounded)
 * into out in lower case presentation form; *off moves past it. 0 / -1.
 */
int dns_get_name(const uint8_t *msg, size_t len, size_t *off,
    char out[DNS_NAME_MAX + 1]);
/* Parse a whole message; 0, or -1 with why set. */
int dns_parse(const uint8_t *msg, size_t len, struct dns_msg *m, char *why,
    size_t whylen);
/*
 * The addresses of family f that name has in m's answer section, following
 * CNAMEs from name, each canonical, into out (at most max); their count.
 */
size_t dns_addrs(const struct dns_msg *m, const char *name, enum fam f,
    char (*out)[ADDR_MAX], size_t max);
/* The text of a TXT record's character-strings, joined; 0 / -1. */
int dns_txt(const struct dns_rr *rr, char *out, size_t n);
/*
 * An UPDATE message (RFC 2136) for zone: the header and the zone section,
 * no prerequisites, an empty update section; 0 / -1 (bad zone name).
 */
int dns_update_start(struct buf *b, uint16_t id, const char *zone);
/*
 * Append to update b: delete host's RRset of type (class ANY), then add
 * the record of rdlen bytes (class IN, ttl). 0 / -1 (bad name).
 */
int dns_update_replace(struct buf *b, const char *host, int type, uint32_t ttl,
    const void *rdata, size_t rdlen);
/* The 16-bit number at p (network order). */
unsigned dns_get16(const uint8_t *p);
/* Add one to the 16-bit count at offset at of message b. */
void dns_count_up(struct buf *b, size_t at);

/* ---- TSIG (tsig.c) ---- */

/* A TSIG key (RFC 8945), algorithm hmac-sha256. */
struct dns_key {
	char name[DNS_NAME_MAX + 1];	/* lower case, no final dot */
	uint8_t secret[64];
	size_t len;
};
/* Decode base64 secret into k with name; 0, or -1 with why. */
int dns_key_set(struct dns_key *k, const char *name, const char *b64, char *why,
    size_t whylen);
/* Sign message b with k at time now: append its TSIG record, MAC in mac. */
void dns_tsig_sign(struct buf *b, const struct dns_key *k, int64_t now,
    uint8_t mac[DNS_MAC_LEN]);
/*
 * Check the TSIG record that ends answer m to a request signed with mac.
 * 0 when signed by k within the fudge of now; -1 with why otherwise, and
 * *err set to the TSIG error field when the record carries one (else 0).
 */
int dns_tsig_verify(const struct dns_msg *m, const struct dns_key *k, int64_t now,
    const uint8_t mac[DNS_MAC_LEN], int *err, char *why, size_t whylen);

/* The name of an rcode, "NXDOMAIN", or "rcode 12". */
const char *dns_rcode_name(int rcode);
/*
 * m answers the question (name, type, class) of id with NOERROR or
 * NXDOMAIN; 0, or -1 (why set).
 */
int dns_check_answer(const struct dns_msg *m, uint16_t id, const char *name, int type,
    int class, char *why, size_t n);

#endif
