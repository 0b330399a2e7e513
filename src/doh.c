/* DNS over HTTPS (doh.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doh.h"

/* RFC 4648 section 5, without padding, as RFC 8484 asks. */
static void
base64url(struct buf *out, const uint8_t *in, size_t n)
{
	static const char set[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		char c[4];
		size_t k = n - i >= 3 ? 4 : n - i + 1;

		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		c[0] = set[v >> 18 & 63];
		c[1] = set[v >> 12 & 63];
		c[2] = set[v >> 6 & 63];
		c[3] = set[v & 63];
		buf_add(out, c, k);
	}
}

int
doh_prepare(struct doh *q, struct http_req *r, const char *resolver, const char *name,
    int type, int class)
{
	struct buf msg = { 0 }, url = { 0 };

	memset(q, 0, sizeof(*q));
	/* id 0: RFC 8484 section 4.1, so that caches can share answers */
	if (strlen(name) > DNS_NAME_MAX || dns_query(&msg, 0, name, type, class) == -1) {
		buf_free(&msg);
		return -1;
	}
	buf_printf(&url, "%s%cdns=", resolver, strchr(resolver, '?') ? '&' : '?');
	base64url(&url, (const uint8_t *)msg.s, msg.len);
	buf_free(&msg);
	q->url = url.s;
	snprintf(q->name, sizeof(q->name), "%s", name);
	q->type = type;
	q->class = class;
	q->headers[0] = "Accept: application/dns-message";
	r->url = q->url;
	r->headers = q->headers;
	r->max_body = DOH_MAX_BODY;
	return 0;
}

int
doh_answer(const struct doh *q, const struct http_req *r, struct dns_msg *m, char *why,
    size_t whylen)
{
	if (r->failed) {
		snprintf(why, whylen, "%s", r->err);
		return -1;
	}
	if (r->status != 200) {
		snprintf(why, whylen, "HTTP %ld", r->status);
		return -1;
	}
	if (dns_parse((const uint8_t *)r->resp, r->resp_len, m, why, whylen) == -1)
		return -1;
	return dns_check_answer(m, 0, q->name, q->type, q->class, why, whylen);
}

uint32_t
doh_ttl(const struct dns_msg *m)
{
	uint32_t ttl = UINT32_MAX;
	int found = 0;

	for (size_t i = 0; i < m->nrr; i++)
		if (m->rr[i].section == 1 && m->rr[i].ttl < ttl) {
			ttl = m->rr[i].ttl;
			found = 1;
		}
	for (size_t i = 0; !found && i < m->nrr; i++)
		if (m->rr[i].section == 2 && m->rr[i].type == DNS_T_SOA && m->rr[i].ttl < ttl)
			ttl = m->rr[i].ttl;
	return ttl == UINT32_MAX ? 0 : ttl;
}

void
doh_free(struct doh *q)
{
	free(q->url);
	q->url = NULL;
}
