/*
 * DNS over HTTPS (RFC 8484): one question sent as an ordinary GET through
 * http.c (?dns= the query in base64url, Accept: application/dns-message),
 * so it has the same TLS verification, proxy and timeouts as every other
 * request. Used by verify = doh and by dns: address sources
 * (nicupdate.conf(5), Checking the live record; webv4).
 */
#ifndef NICUPDATE_DOH_H
#define NICUPDATE_DOH_H

#include "dns.h"
#include "http.h"

#define DOH_MAX_BODY 65535	/* the largest DNS message */

/* One question to one resolver, asked with a struct http_req. */
struct doh {
	char *url;		/* resolver?dns=... */
	char name[DNS_NAME_MAX + 1];
	int type, class;
	const char *headers[2];
};

/*
 * Prepare q to ask resolver (an http:// or https:// URL) name/type/class,
 * and set r's URL, headers and size limit (the caller sets the rest); 0 / -1.
 */
int doh_prepare(struct doh *q, struct http_req *r, const char *resolver,
    const char *name, int type, int class);
/*
 * Read the finished answer r to q into m (which points into r's body). 0 for an
 * answer to our question with NOERROR or NXDOMAIN (m->rcode); otherwise -1
 * with why set (transport failure, HTTP status, malformed, other rcodes).
 */
int doh_answer(const struct doh *q, const struct http_req *r, struct dns_msg *m,
    char *why, size_t whylen);
/* The least TTL of the answer section, or of the SOA for a negative answer. */
uint32_t doh_ttl(const struct dns_msg *m);
/* Free what doh_prepare() made. */
void doh_free(struct doh *q);

#endif
