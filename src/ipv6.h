/*
 * IPv6 for the hosts behind the router: a detected address's prefix joined
 * with a per-host interface identifier (nicupdate.conf(5), ipv6-suffix).
 * Pure functions: no I/O.
 */
#ifndef NICUPDATE_IPV6_H
#define NICUPDATE_IPV6_H

#include <stddef.h>

#include "addr.h"
#include "util.h"

struct profile;

#define IPV6_PLEN_MIN 48	/* ipv6-prefix-length bounds */
#define IPV6_PLEN_MAX 64
#define IPV6_CIDR_MAX (ADDR_MAX + 4)	/* "addr/64" */

/* The EUI-64 interface identifier of MAC "00:11:22:33:44:55"; 0 / -1. */
int ipv6_eui64(const char *mac, unsigned char out[8]);
/*
 * Parse one suffix, an IPv6 literal ("::11") or "eui64:MAC", into 16 bytes,
 * and check it fits in the last 128 - plen bits and is not all zero; 0, or
 * -1 with why set.
 */
int ipv6_suffix_parse(const char *s, int plen, unsigned char out[16], char *why,
    size_t whylen);
/* The first plen bits of addr, then the suffix: canonical text; 0 / -1. */
int ipv6_combine(const char *addr, int plen, const unsigned char suffix[16],
    char out[ADDR_MAX]);
/* addr's prefix in CIDR form ("2a00:1450:4001:80b::/64"); 0 / -1. */
int ipv6_prefix(const char *addr, int plen, char out[IPV6_CIDR_MAX]);
/*
 * The suffix text for host in an ipv6-suffix list ("HOST=SUFFIX" items,
 * and at most one bare "SUFFIX" for the other hosts), or NULL.
 */
const char *ipv6_suffix_for(const struct strlist *l, const char *host);
/*
 * Check an ipv6-suffix list against a profile's hosts and prefix length:
 * every named host is one of hosts, named once, and every suffix fits;
 * 0, or -1 with why set.
 */
int ipv6_suffix_check(const struct strlist *l, const struct strlist *hosts, int plen,
    char *why, size_t whylen);
/*
 * The IPv6 address of host in profile p, given the address found for the
 * profile: that address itself when no suffix applies, else its prefix and
 * the host's suffix, which must pass addr_accept(); 0, or -1 with why set.
 */
int ipv6_host_addr(const struct profile *p, const char *host, const char *addr,
    char out[ADDR_MAX], char *why, size_t whylen);

#endif
