/*
 * Cloudflare API v4, in three requests per host: find the zone, find the
 * host's A or AAAA record, and PATCH its content when it differs. The
 * record must exist; this never creates or deletes records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "json.h"
#include "proto.h"

enum { FIND_ZONE, FIND_RECORD, SET_RECORD };

static void
request(struct batch *b, const char *method, char *url, char *body)
{
	free(b->url);
	free(b->body);
	b->url = url;
	b->body = body;
	b->req.url = url;
	b->req.method = method;
	b->req.body = body;
	if (b->auth == NULL)
		b->auth = xasprintf("Authorization: Bearer %s", b->p->password);
	b->headers[0] = b->auth;
	b->headers[1] = "Content-Type: application/json";
	b->headers[2] = NULL;
	b->req.headers = b->headers;
}

/* base URL + script + path; the path's variable parts come URL-encoded */
static char *
api(const struct batch *b, char *path)
{
	char *base = proto_base_url(b->p, FAM_V4), *url;
	const char *script = b->p->script ? b->p->script : b->p->proto->script;

	url = xasprintf("%s%s%s", base, script, path);
	free(base);
	free(path);
	return url;
}

void
cloudflare_build(struct batch *b)
{
	char *zone = url_encode(proto_zone(b->p, b->hosts[0]));

	b->step = FIND_ZONE;
	request(b, NULL, api(b, xasprintf("/zones?name=%s", zone)), NULL);
	free(zone);
}

/* The API's own verdict: "success": true, or its first error message. */
static int
succeeded(struct batch *b)
{
	const struct http_req *r = &b->req;
	char v[16], msg[120];

	if (json_get(r->resp, r->resp_len, "success", v, sizeof(v)) == 0 &&
	    strcmp(v, "true") == 0)
		return 1;
	if (json_get(r->resp, r->resp_len, "errors.0.message", msg, sizeof(msg)) == -1)
		snprintf(msg, sizeof(msg), "HTTP %ld, unexpected answer", r->status);
	if (r->status == 401 || r->status == 403)
		proto_set_all(b, OUT_AUTH, "badauth", "%s", msg);
	else if (r->status >= 500 || r->status == 429) {
		char code[32];

		snprintf(code, sizeof(code), "http-%ld", r->status);
		proto_set_all(b, OUT_TEMP, code, "%s", msg);
	}
	else
		proto_set_all(b, OUT_PERM, "error", "%s", msg);
	return 0;
}

int
cloudflare_parse(struct batch *b)
{
	const struct http_req *r = &b->req;
	const char *type = b->fam == FAM_V4 ? "A" : "AAAA";
	char id[80], content[ADDR_MAX + 8];

	if (r->failed) {
		proto_http_failure(b);
		return 0;
	}
	if (!succeeded(b))
		return 0;
	switch (b->step) {
	case FIND_ZONE:
		if (json_get(r->resp, r->resp_len, "result.0.id", id, sizeof(id)) == -1) {
			proto_set_all(b, OUT_PERM, "nozone", "zone %s not found for this token",
			    proto_zone(b->p, b->hosts[0]));
			return 0;
		}
		free(b->id[0]);
		b->id[0] = xstrdup(id);
		b->step = FIND_RECORD;
		{
			char *zid = url_encode(id), *host = url_encode(b->hosts[0]);

			request(b, NULL, api(b, xasprintf("/zones/%s/dns_records?type=%s&name=%s",
			    zid, type, host)), NULL);
			free(zid);
			free(host);
		}
		return 1;
	case FIND_RECORD:
		if (json_get(r->resp, r->resp_len, "result.0.id", id, sizeof(id)) == -1) {
			proto_set_all(b, OUT_PERM, "norecord", "no %s record named %s: create "
			    "it once in Cloudflare", type, b->hosts[0]);
			return 0;
		}
		if (json_get(r->resp, r->resp_len, "result.0.content", content,
		    sizeof(content)) == 0 && strcmp(content, b->addr) == 0) {
			proto_set_all(b, OUT_NOCHG, "nochg", "address was already set");
			return 0;
		}
		free(b->id[1]);
		b->id[1] = xstrdup(id);
		b->step = SET_RECORD;
		{
			char *zid = url_encode(b->id[0]), *rid = url_encode(b->id[1]);

			request(b, "PATCH", api(b, xasprintf("/zones/%s/dns_records/%s", zid,
			    rid)), xasprintf("{\"content\":\"%s\"}", b->addr));
			free(zid);
			free(rid);
		}
		return 1;
	default:
		proto_set_all(b, OUT_GOOD, "good", "address set");
		return 0;
	}
}
