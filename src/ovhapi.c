/*
 * OVH's API v1 (nicupdate.conf(5), PROTOCOLS, ovh-api): ask OVH's clock
 * (/auth/time), list the host's A or AAAA record ids, read the first
 * record, PUT its target when it differs (or POST a new record with
 * "create = yes"), then refresh the zone. Every request but the first is
 * signed: X-Ovh-Signature is "$1$" and the hex SHA-1 of
 * "SECRET+CONSUMER+METHOD+URL+BODY+TIMESTAMP". The login is the
 * application key, the password "APPLICATION_SECRET:CONSUMER_KEY".
 *
 * The timestamp is OVH's own (/auth/time, plus the monotonic time since
 * it was asked), not the local clock: a router without a battery-backed
 * clock updates its address at boot, before its clock is set.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "json.h"
#include "proto.h"

enum { TIME, LIST, READ, SET, CREATE, REFRESH };

/* What one batch carries from step to step. */
struct ovh {
	int step, created;
	long long time, asked_ms;	/* OVH's clock, and now_ms() when asked */
	char *secret, *consumer;	/* the password's two halves */
	char *sub;			/* the host without its zone, "" for the apex */
	char id[32];			/* the record's id */
	char *hdr[4];			/* the signed request's header lines */
	const char *headers[6];
};

static const struct pkey keys[] = {
	{ "zone", K_STR, NULL },
	{ "create", K_BOOL, "no" },
	{ NULL, K_STR, NULL },
};

#define FORM "APPLICATION_SECRET:CONSUMER_KEY"

static int
ovh_check(const struct profile *p, char *why, size_t whylen)
{
	return proto_password_pair(p, FORM, NULL, NULL, why, whylen);
}

static void
free_headers(struct ovh *st)
{
	for (int i = 0; i < 4; i++) {
		free(st->hdr[i]);
		st->hdr[i] = NULL;
	}
}

/* Sign and send one step; path is below the API's base, body may be NULL. */
static void
request(struct batch *b, const char *method, const char *path, const char *body)
{
	struct ovh *st = b->priv;
	char *base = proto_base_url(b->p, FAM_V4), *text;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	long long ts;
	char hex[2 * EVP_MAX_MD_SIZE + 1];

	free(b->url);
	free(b->body);
	b->url = xasprintf("%s%s%s", base, proto_script(b->p), path);
	b->body = body ? xstrdup(body) : NULL;
	free(base);
	b->req.url = b->url;
	b->req.method = method;
	b->req.body = b->body;
	b->req.headers = st->headers;
	st->headers[0] = "Content-Type: application/json";
	st->headers[1] = NULL;
	if (st->step == TIME)
		return;
	ts = st->time + (now_ms() - st->asked_ms) / 1000;
	text = xasprintf("%s+%s+%s+%s+%s+%lld", st->secret, st->consumer,
	    method ? method : "GET", b->url, body ? body : "", ts);
	EVP_Digest(text, strlen(text), md, &n, EVP_sha1(), NULL);
	OPENSSL_cleanse(text, strlen(text));
	free(text);
	for (unsigned int i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	free_headers(st);
	st->hdr[0] = xasprintf("X-Ovh-Application: %s", b->p->login);
	st->hdr[1] = xasprintf("X-Ovh-Consumer: %s", st->consumer);
	st->hdr[2] = xasprintf("X-Ovh-Timestamp: %lld", ts);
	st->hdr[3] = xasprintf("X-Ovh-Signature: $1$%s", hex);
	for (int i = 0; i < 4; i++)
		st->headers[i + 1] = st->hdr[i];
	st->headers[5] = NULL;
}

/* The zone's path with a suffix: "/domain/zone/example.com" "/record/1". */
static char *
zone_path(const struct batch *b, const char *a, const char *c)
{
	char *zone = url_encode(proto_zone(b->p, b->hosts[0]));
	char *s = xasprintf("/domain/zone/%s%s%s", zone, a, c);

	free(zone);
	return s;
}

static void
step(struct batch *b, int next)
{
	struct ovh *st = b->priv;
	const char *type = b->fam == FAM_V4 ? "A" : "AAAA";
	char *path = NULL, *body = NULL, *sub, *list;

	st->step = next;
	switch (next) {
	case TIME:
		request(b, NULL, "/auth/time", NULL);
		return;
	case LIST:
		sub = url_encode(st->sub);
		list = xasprintf("&subDomain=%s", sub);
		path = zone_path(b, b->fam == FAM_V4 ? "/record?fieldType=A" :
		    "/record?fieldType=AAAA", list);
		free(list);
		free(sub);
		request(b, NULL, path, NULL);
		break;
	case READ:
		path = zone_path(b, "/record/", st->id);
		request(b, NULL, path, NULL);
		break;
	case SET:
		path = zone_path(b, "/record/", st->id);
		body = xasprintf("{\"target\":\"%s\"}", b->addr);
		request(b, "PUT", path, body);
		break;
	case CREATE:
		path = zone_path(b, "/record", "");
		body = xasprintf("{\"fieldType\":\"%s\",\"subDomain\":\"%s\",\"target\":\"%s\"}",
		    type, st->sub, b->addr);
		request(b, "POST", path, body);
		break;
	default:
		path = zone_path(b, "/refresh", "");
		request(b, "POST", path, NULL);
		break;
	}
	free(path);
	free(body);
}

static void
ovh_build(struct batch *b)
{
	struct ovh *st = b->priv;

	if (st == NULL) {
		const char *h = b->hosts[0];
		size_t n = 0;
		char why[8];

		b->priv = st = xcalloc(1, sizeof(*st));
		/* ovh_check has accepted the password's form */
		proto_password_pair(b->p, FORM, &st->secret, &st->consumer, why, sizeof(why));
		/* proto_check has put every host in its zone */
		st->sub = host_in_zone(h, proto_zone(b->p, h), &n) ? xstrndup(h, n) :
		    xstrdup("");
	}
	/* a retry starts again from the clock */
	st->created = 0;
	step(b, TIME);
}

static void
ovh_done(struct batch *b)
{
	struct ovh *st = b->priv;

	if (st == NULL)
		return;
	OPENSSL_cleanse(st->secret, strlen(st->secret));
	OPENSSL_cleanse(st->consumer, strlen(st->consumer));
	free_headers(st);
	free(st->secret);
	free(st->consumer);
	free(st->sub);
	free(st);
	b->priv = NULL;
}

/* 1 when the step succeeded, else every host's result set from OVH's words. */
static int
succeeded(struct batch *b)
{
	const struct http_req *r = &b->req;
	enum outcome out;
	enum retry retry;
	char msg[120], code[40];

	if (r->failed)
		return !proto_http_failure(b);
	if (r->status >= 200 && r->status < 300)
		return 1;
	if (json_get(r->resp, r->resp_len, "message", msg, sizeof(msg)) == -1)
		snprintf(msg, sizeof(msg), "HTTP %ld, unexpected answer", r->status);
	if (json_get(r->resp, r->resp_len, "errorCode", code, sizeof(code)) == -1)
		code[0] = '\0';
	if (strcmp(code, "INVALID_SIGNATURE") == 0) {
		proto_set_all(b, OUT_AUTH, "badauth", "%s: check the application secret", msg);
	} else if (strcmp(code, "QUERY_TIME_OUT") == 0) {
		/* the time was OVH's own: a slow path, not a wrong local clock */
		proto_set_all(b, OUT_TEMP, "clock", "%s: OVH refused the time it gave "
		    "(/auth/time)", msg);
	} else if (strcmp(code, "NOT_GRANTED_CALL") == 0) {
		proto_set_all(b, OUT_AUTH, "notgranted", "%s: the consumer key needs GET, PUT "
		    "and POST on /domain/zone/*", msg);
	} else if (http_failure_class(r, &out, &retry)) {
		snprintf(code, sizeof(code), "http-%ld", r->status);
		proto_set_all(b, out, out == OUT_AUTH ? "badauth" : code, "%s", msg);
		for (size_t i = 0; i < b->nhosts; i++)
			b->res[i].retry = retry;
	} else {
		proto_set_all(b, OUT_PERM, "error", "%s", msg);
	}
	return 0;
}

/* The record is missing: create it when allowed. */
static int
missing(struct batch *b)
{
	if (profile_flag(b->p, "create")) {
		step(b, CREATE);
		return 1;
	}
	proto_set_all(b, OUT_PERM, "norecord", "no %s record named %s: create it once in "
	    "OVH or set create = yes", b->fam == FAM_V4 ? "A" : "AAAA", b->hosts[0]);
	return 0;
}

static int
ovh_parse(struct batch *b)
{
	const struct http_req *r = &b->req;
	struct ovh *st = b->priv;
	char v[ADDR_MAX + 8], canon[ADDR_MAX];
	long t;

	if (!succeeded(b))
		return 0;
	switch (st->step) {
	case TIME:
		/* the answer is a bare number of seconds */
		snprintf(v, sizeof(v), "%.*s", (int)(r->resp_len < 20 ? r->resp_len : 20),
		    r->resp ? r->resp : "");
		if (parse_long(trim(v), 1, LONG_MAX, &t) == -1) {
			proto_set_all(b, OUT_TEMP, "clock", "/auth/time gave no time");
			return 0;
		}
		st->time = t;
		st->asked_ms = now_ms();
		step(b, LIST);
		return 1;
	case LIST:
		if (json_get(r->resp, r->resp_len, "0", st->id, sizeof(st->id)) == -1)
			return missing(b);
		if (st->id[strspn(st->id, "0123456789")] != '\0' || st->id[0] == '\0') {
			proto_set_all(b, OUT_PERM, "error", "the record list holds no record id");
			return 0;
		}
		step(b, READ);
		return 1;
	case READ:
		if (json_get(r->resp, r->resp_len, "target", v, sizeof(v)) == 0 &&
		    addr_parse(b->fam, v, canon) == 0 && strcmp(canon, b->addr) == 0) {
			proto_set_all(b, OUT_NOCHG, "nochg", "address was already set");
			return 0;
		}
		step(b, SET);
		return 1;
	case SET:
	case CREATE:
		st->created = st->step == CREATE;
		step(b, REFRESH);
		return 1;
	default:
		proto_set_all(b, OUT_GOOD, "good", "%s", st->created ? "record created" :
		    "address set");
		return 0;
	}
}

const struct proto_ops ovhapi_ops = {
	.build = ovh_build, .parse = ovh_parse, .check = ovh_check, .done = ovh_done,
	.keys = keys,
};
