/* IP address text: parsing, range classification, extraction from answers. */
#ifndef NICUPDATE_ADDR_H
#define NICUPDATE_ADDR_H

#include <stddef.h>

/* Address families, used as array indexes throughout. */
enum fam { FAM_V4, FAM_V6, FAM_N };

#define ADDR_MAX 46	/* INET6_ADDRSTRLEN */
#define ADDR_ANSWER_MAX (64 * 1024)	/* the longest answer a source may give */

/* "IPv4" / "IPv6", for people */
const char *fam_name(enum fam f);
/* "ipv4" / "ipv6", for files and JSON */
const char *fam_key(enum fam f);

/* Parse s as an address of family f and write its canonical text; 0 / -1. */
int addr_parse(enum fam f, const char *s, char out[ADDR_MAX]);
/* Which family s is, or -1. */
int addr_family(const char *s);

/*
 * Why a canonical address must not be published: NULL when it is global
 * unicast, else a short name of its range ("private", "loopback", ...).
 */
const char *addr_nonglobal(enum fam f, const char *addr);
/* 1 if the range is unusable even with allow-private (unspecified, multicast). */
int addr_never(enum fam f, const char *addr);

/*
 * Check a canonical address against the range policy: 0 when it may be
 * published (a private one only with allow_private), or -1 with why set.
 */
int addr_accept(enum fam f, const char *addr, int allow_private, char *why,
    size_t whylen);

/*
 * Find the one address of family f in an answer body: text after the first
 * case-insensitive match of skip (when given), then "ip=" lines if any, else
 * every token that parses as an address. Exactly one distinct address must
 * remain. Returns 0 with out set, or -1 with why set.
 */
int addr_extract(enum fam f, const char *body, size_t len, const char *skip,
    char out[ADDR_MAX], char *why, size_t whylen);

#endif
