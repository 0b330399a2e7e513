#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "json.h"
#include "rest.h"
#include "restint.h"
#include "restshare.h"

const struct pkey rest_keys[] = {
	{ "zone", K_STR, NULL },
	{ "ttl", K_STR, NULL },
	{ "create", K_BOOL, "no" },
	{ NULL, K_STR, NULL },
};

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

/* A lookup step: the zone's or the record's. */
static void
lookup(struct batch *b, int step)
{
	const struct rest_api *api = api_of(b);
	struct rest *st = b->priv;

	st->step = step;
	rest_request(b, api->lookup_method, step == FIND_ZONE ? api->zone_path : api->record_path,
	    api->lookup_body, step == FIND_ZONE ? api->zone_headers : api->record_headers);
}

void
rest_build(struct batch *b)
{
	const struct rest_api *api = api_of(b);
	struct rest *st = b->priv;

	if (st == NULL) {
		const char *h = b->hosts[0], *zone = proto_zone(b->p, h);
		char *base = proto_base_url(b->p, FAM_V4);
		size_t n = 0;

		b->priv = st = xcalloc(1, sizeof(*st));
		/* proto_check has put every host in its zone */
		st->apex = !host_in_zone(h, zone, &n) || n == 0;
		if (st->apex)
			st->sub = xstrdup(api->apex ? api->apex : "@");
		else
			st->sub = xstrndup(h, n);
		if (api->zone_path != NULL)
			st->zone = share_get(xasprintf("%s\n%s%s\n%s\n%s\n%s", b->p->proto->name,
			    base, proto_script(b->p), b->p->login ? b->p->login : "",
			    b->p->password ? b->p->password : "", zone), b->p->proto);
		if (api->per_minute > 0)
			st->budget = share_get(NULL, b->p->proto);
		free(base);
	}
	/* a retry starts again from the first step */
	free(st->zone_id);
	free(st->record_id);
	st->zone_id = st->record_id = NULL;
	lookup(b, api->zone_path != NULL ? FIND_ZONE : FIND_RECORD);
}

/* Every host of b gets the result r (another batch's). */
static void
adopt(struct batch *b, const struct result *r)
{
	for (size_t i = 0; i < b->nhosts; i++)
		b->res[i] = *r;
}

int
rest_admit(struct batch *b)
{
	const struct rest_api *api = api_of(b);
	struct rest *st = b->priv;
	struct shared *z = st->zone;
	int need;

	if (st->reserved > 0) {
		/* a further step of an attempt already budgeted */
		st->reserved--;
		return 0;
	}
	if (st->step == FIND_ZONE && z != NULL && z->zone_id != NULL) {
		st->zone_id = xstrdup(z->zone_id);
		lookup(b, FIND_RECORD);
	} else if (st->step == FIND_ZONE && z != NULL && z->owner != NULL && z->owner != b) {
		if (z->owner->res[0].out == OUT_NONE)
			return 1;
		/* the lookup this batch waited for failed: so does the batch */
		adopt(b, &z->owner->res[0]);
		return -1;
	}
	/* the lookups and the update or create */
	need = (st->step == FIND_ZONE) + 2;
	if (st->budget != NULL) {
		if (st->budget->left < need) {
			proto_set_all(b, OUT_TEMP, "budget", "the budget of %d requests a minute "
			    "kept for %s is spent in this run; the host is left for the next "
			    "run", api->per_minute, api->title);
			return -1;
		}
		st->budget->left -= need;
		st->reserved = need - 1;
	}
	if (st->step == FIND_ZONE && z != NULL) {
		z->owner = b;
		b->res[0].out = OUT_NONE;
	}
	return 0;
}

void
rest_done(struct batch *b)
{
	struct rest *st = b->priv;

	if (st == NULL)
		return;
	share_put(st->zone, b);
	share_put(st->budget, b);
	free(st->zone_id);
	free(st->record_id);
	free(st->auth);
	free(st->extra);
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
	    strcmp(v, api->ok_value ? api->ok_value : "true") == 0)))
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

/* The value at JSON path (a template) of b's answer into v; 0 or -1. */
static int
get(const struct batch *b, const char *path, char *v, size_t n)
{
	char *p = rest_expand(b, path, E_RAW);
	int rc = json_get(b->req.resp, b->req.resp_len, p, v, n);

	free(p);
	return rc;
}

/* The same into a new string, or NULL. */
static char *
take(const struct batch *b, const char *path)
{
	char v[256];

	return get(b, path, v, sizeof(v)) == 0 ? xstrdup(v) : NULL;
}

/* No record of the host: create it when allowed, else say how. */
static int
missing(struct batch *b)
{
	const struct rest_api *api = api_of(b);
	struct rest *st = b->priv;

	if (api->create_path != NULL && profile_flag(b->p, "create")) {
		st->step = NEW_RECORD;
		rest_request(b, api->create_method ? api->create_method : "POST",
		    api->create_path, api->create_body, NULL);
		return 1;
	}
	proto_set_all(b, OUT_PERM, "norecord", "no %s record named %s: create it once in "
	    "%s%s", b->fam == FAM_V4 ? "A" : "AAAA", b->hosts[0], api->title,
	    api->create_path != NULL ? " or set create = yes" : "");
	return 0;
}

/* The record's own values of the fields that keep them (digits only). */
static void
keep_fields(struct batch *b)
{
	const struct rest_field *f = api_of(b)->fields;
	struct rest *st = b->priv;

	for (size_t i = 0; f != NULL && f->key != NULL && i < MAXKEEP; f++, i++) {
		char *v = f->keep != NULL ? take(b, f->keep) : NULL;

		st->kept[i][0] = '\0';
		if (v != NULL && *v != '\0' && strlen(v) < sizeof(st->kept[i]) &&
		    strspn(v, "0123456789") == strlen(v))
			strcpy(st->kept[i], v);
		free(v);
	}
}

static int
parse_step(struct batch *b)
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
		if ((st->zone_id = take(b, api->zone_id)) == NULL) {
			proto_set_all(b, OUT_PERM, "nozone", "zone %s not found for this token",
			    proto_zone(b->p, b->hosts[0]));
			return 0;
		}
		if (st->zone != NULL && st->zone->zone_id == NULL) {
			st->zone->zone_id = xstrdup(st->zone_id);
			st->zone->owner = NULL;
		}
		lookup(b, FIND_RECORD);
		return 1;
	case FIND_RECORD:
		if ((st->record_id = take(b, api->record_id)) == NULL)
			return missing(b);
		if (get(b, api->record_content, content, sizeof(content)) == 0 &&
		    strcmp(content, b->addr) == 0) {
			proto_set_all(b, OUT_NOCHG, "nochg", "address was already set");
			return 0;
		}
		keep_fields(b);
		st->step = SET_RECORD;
		rest_request(b, api->update_method, api->update_path, api->update_body, NULL);
		return 1;
	case NEW_RECORD:
		proto_set_all(b, OUT_GOOD, "good", "%s record created", type);
		return 0;
	default:
		proto_set_all(b, OUT_GOOD, "good", "address set");
		return 0;
	}
}

int
rest_parse(struct batch *b)
{
	struct rest *st = b->priv;
	int more = parse_step(b);

	/* what the attempt did not need goes back to the run's budget */
	if (!more && st->budget != NULL) {
		st->budget->left += st->reserved;
		st->reserved = 0;
	}
	return more;
}
