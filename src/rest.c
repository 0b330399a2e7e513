#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "json.h"
#include "rest.h"

enum { FIND_ZONE, FIND_RECORD, SET_RECORD, NEW_RECORD };

#define MAXAUTH 4	/* auth header lines */

/* What one batch of a record API carries from step to step. */
struct rest {
	int step;
	char *zone_id, *record_id;
	char *auth;		/* the auth lines, '\0' between */
	char *sub;		/* the host without its zone, or "@" */
	const char *headers[MAXAUTH + 2];
};

const struct pkey rest_keys[] = {
	{ "zone", K_STR, NULL },
	{ "ttl", K_STR, NULL },
	{ "create", K_BOOL, "no" },
	{ NULL, K_STR, NULL },
};

static const struct rest_api *
api_of(const struct batch *b)
{
	return b->p->proto->ops->rest;
}

/*
 * The optional members of a body, each with its leading comma: those whose
 * key is set, and on create the defaults of the others.
 */
static void
add_fields(const struct batch *b, struct buf *out)
{
	const struct rest_field *f = api_of(b)->fields;
	const struct rest *st = b->priv;

	for (; f != NULL && f->key != NULL; f++) {
		const char *v = profile_opt(b->p, f->key);

		if (v == NULL && st->step == NEW_RECORD)
			v = f->def;
		if (v == NULL)
			continue;
		if (f->type == RJ_BOOL)
			v = profile_flag(b->p, f->key) ? "true" : "false";
		buf_adds(out, ",\"");
		buf_adds(out, f->member);
		buf_adds(out, "\":");
		buf_adds(out, v);
	}
}

int
rest_check(const struct profile *p, char *why, size_t whylen)
{
	const struct rest_field *f = p->proto->ops->rest->fields;

	/* credentials go into header lines: the config refuses control bytes
	 * in every login and password (nicupdate.conf(5), Credentials) */
	for (; f != NULL && f->key != NULL; f++) {
		const char *v = profile_opt(p, f->key);
		long n;

		if (f->type != RJ_NUMBER || v == NULL || (f->def != NULL &&
		    strcmp(v, f->def) == 0) || parse_long(v, f->min, f->max, &n) == 0)
			continue;
		snprintf(why, whylen, "%s: \"%s\" is not %s%s%ld to %ld", f->key, v,
		    f->def ? f->def : "", f->def ? " or " : "", f->min, f->max);
		return -1;
	}
	return 0;
}

/* Expand a template; values in paths are URL-encoded (encode), not in bodies. */
static char *
expand(const struct batch *b, const char *tmpl, int encode)
{
	const struct rest *st = b->priv;
	struct buf out = { 0 };

	buf_add(&out, "", 0);
	for (const char *s = tmpl; *s;) {
		const char *end = *s == '{' ? strchr(s, '}') : NULL, *v = NULL;
		size_t n = end ? (size_t)(end - s + 1) : 0;
		char *enc;

		if (n == 6 && strncmp(s, "{zone}", n) == 0)
			v = proto_zone(b->p, b->hosts[0]);
		else if (n == 9 && strncmp(s, "{zone_id}", n) == 0)
			v = st->zone_id;
		else if (n == 11 && strncmp(s, "{record_id}", n) == 0)
			v = st->record_id;
		else if (n == 6 && strncmp(s, "{host}", n) == 0)
			v = b->hosts[0];
		else if (n == 5 && strncmp(s, "{sub}", n) == 0)
			v = st->sub;
		else if (n == 6 && strncmp(s, "{type}", n) == 0)
			v = b->fam == FAM_V4 ? "A" : "AAAA";
		else if (n == 6 && strncmp(s, "{addr}", n) == 0)
			v = b->addr;
		else if (n == 10 && strncmp(s, "{password}", n) == 0)
			v = b->p->password;
		else if (n == 7 && strncmp(s, "{login}", n) == 0)
			v = b->p->login;
		else if (n == 8 && strncmp(s, "{fields}", n) == 0) {
			add_fields(b, &out);
			s += n;
			continue;
		}
		if (v == NULL) {
			buf_add(&out, s++, 1);
			continue;
		}
		enc = encode ? url_encode(v) : xstrdup(v);
		buf_adds(&out, enc);
		free(enc);
		s += n;
	}
	return out.s;
}

/* The auth header lines: the e-mail form when the login is an address. */
static void
auth_headers(struct batch *b)
{
	const struct rest_api *api = api_of(b);
	struct rest *st = b->priv;
	const char *tmpl = api->auth;
	size_t n = 0;

	if (api->auth_email != NULL && b->p->login != NULL && strchr(b->p->login, '@'))
		tmpl = api->auth_email;
	st->auth = expand(b, tmpl, 0);
	for (char *s = st->auth; s != NULL && n < MAXAUTH; n++) {
		st->headers[n] = s;
		if ((s = strchr(s, '\n')) != NULL)
			*s++ = '\0';
	}
	st->headers[n++] = "Content-Type: application/json";
	st->headers[n] = NULL;
}

static void
request(struct batch *b, const char *method, const char *path, const char *body)
{
	struct rest *st = b->priv;
	char *base = proto_base_url(b->p, FAM_V4), *p = expand(b, path, 1);
	const char *script = proto_script(b->p);
	size_t nb = strlen(base), ns = strlen(script);

	/* a server given with the API's path ("api.example.com/v4") keeps it once */
	if (ns > 0 && nb >= ns && strcmp(base + nb - ns, script) == 0)
		script = "";
	free(b->url);
	free(b->body);
	b->url = xasprintf("%s%s%s", base, script, p);
	b->body = body ? expand(b, body, 0) : NULL;
	free(base);
	free(p);
	if (st->auth == NULL)
		auth_headers(b);
	b->req.url = b->url;
	b->req.method = method;
	b->req.body = b->body;
	b->req.headers = st->headers;
}

void
rest_build(struct batch *b)
{
	const struct rest_api *api = api_of(b);
	struct rest *st = b->priv;

	if (st == NULL)
		b->priv = st = xcalloc(1, sizeof(*st));
	if (st->sub == NULL) {
		const char *h = b->hosts[0];
		size_t n = 0;

		/* proto_check has put every host in its zone */
		if (!host_in_zone(h, proto_zone(b->p, h), &n) || n == 0)
			st->sub = xstrdup("@");
		else
			st->sub = xstrndup(h, n);
	}
	/* a retry starts again from the first step */
	free(st->zone_id);
	free(st->record_id);
	st->zone_id = st->record_id = NULL;
	if (api->zone_path != NULL) {
		st->step = FIND_ZONE;
		request(b, NULL, api->zone_path, NULL);
	} else {
		st->step = FIND_RECORD;
		request(b, NULL, api->record_path, NULL);
	}
}

void
rest_done(struct batch *b)
{
	struct rest *st = b->priv;

	if (st == NULL)
		return;
	free(st->zone_id);
	free(st->record_id);
	free(st->auth);
	free(st->sub);
	free(st);
	b->priv = NULL;
}

/* Is the answer empty or a JSON object or array (an API's, not a proxy's)? */
static int
json_like(const struct http_req *r)
{
	size_t i = 0;

	while (i < r->resp_len && (r->resp[i] == ' ' || r->resp[i] == '\t' ||
	    r->resp[i] == '\r' || r->resp[i] == '\n'))
		i++;
	return i == r->resp_len || r->resp[i] == '{' || r->resp[i] == '[';
}

/* The API's verdict on an answer: 1 when it succeeded, else results set. */
static int
succeeded(struct batch *b)
{
	const struct rest_api *api = api_of(b);
	const struct http_req *r = &b->req;
	enum outcome out;
	enum retry retry;
	char v[16], msg[120], code[32];

	if (r->failed)
		return !proto_http_failure(b);
	if (r->status >= 200 && r->status < 300 && (api->ok_path == NULL ?
	    json_like(r) : (json_get(r->resp, r->resp_len, api->ok_path, v, sizeof(v)) == 0 &&
	    strcmp(v, "true") == 0)))
		return 1;
	if (api->error_path == NULL ||
	    json_get(r->resp, r->resp_len, api->error_path, msg, sizeof(msg)) == -1)
		snprintf(msg, sizeof(msg), "HTTP %ld, unexpected answer", r->status);
	if (api->hint != NULL && json_get(r->resp, r->resp_len, api->hint->path, code,
	    sizeof(code)) == 0 && strcmp(code, api->hint->value) == 0) {
		proto_set_all(b, api->hint->out, api->hint->word, "%s: %s", msg, api->hint->msg);
		return 0;
	}
	if (!http_failure_class(r, &out, &retry)) {
		proto_set_all(b, OUT_PERM, "error", "%s", msg);
		return 0;
	}
	snprintf(code, sizeof(code), "http-%ld", r->status);
	proto_set_all(b, out, out == OUT_AUTH ? "badauth" : code, "%s", msg);
	for (size_t i = 0; i < b->nhosts; i++)
		b->res[i].retry = retry;
	return 0;
}

/* JSON value at path into a new string, or NULL. */
static char *
take(const struct http_req *r, const char *path)
{
	char v[256];

	return json_get(r->resp, r->resp_len, path, v, sizeof(v)) == 0 ? xstrdup(v) : NULL;
}

/* No record of the host: create it when allowed, else say how. */
static int
missing(struct batch *b)
{
	const struct rest_api *api = api_of(b);
	struct rest *st = b->priv;

	if (api->create_path != NULL && profile_flag(b->p, "create")) {
		st->step = NEW_RECORD;
		request(b, api->create_method ? api->create_method : "POST",
		    api->create_path, api->create_body);
		return 1;
	}
	proto_set_all(b, OUT_PERM, "norecord", "no %s record named %s: create it once in "
	    "%s%s", b->fam == FAM_V4 ? "A" : "AAAA", b->hosts[0], api->title,
	    api->create_path != NULL ? " or set create = yes" : "");
	return 0;
}

int
rest_parse(struct batch *b)
{
	const struct rest_api *api = api_of(b);
	const struct http_req *r = &b->req;
	struct rest *st = b->priv;
	const char *type = b->fam == FAM_V4 ? "A" : "AAAA";
	char content[ADDR_MAX + 8];

	if (st->step == FIND_RECORD && api->missing_status != 0 && !r->failed &&
	    r->status == api->missing_status)
		return missing(b);
	if (!succeeded(b))
		return 0;
	switch (st->step) {
	case FIND_ZONE:
		if ((st->zone_id = take(r, api->zone_id)) == NULL) {
			proto_set_all(b, OUT_PERM, "nozone", "zone %s not found for this token",
			    proto_zone(b->p, b->hosts[0]));
			return 0;
		}
		st->step = FIND_RECORD;
		request(b, NULL, api->record_path, NULL);
		return 1;
	case FIND_RECORD:
		if ((st->record_id = take(r, api->record_id)) == NULL)
			return missing(b);
		if (json_get(r->resp, r->resp_len, api->record_content, content,
		    sizeof(content)) == 0 && strcmp(content, b->addr) == 0) {
			proto_set_all(b, OUT_NOCHG, "nochg", "address was already set");
			return 0;
		}
		st->step = SET_RECORD;
		request(b, api->update_method, api->update_path, api->update_body);
		return 1;
	case NEW_RECORD:
		proto_set_all(b, OUT_GOOD, "good", "%s record created", type);
		return 0;
	default:
		proto_set_all(b, OUT_GOOD, "good", "address set");
		return 0;
	}
}
