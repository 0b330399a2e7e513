/*
 * netcup's CCP DNS API (nicupdate.conf(5), PROTOCOLS, netcup): JSON-RPC
 * over one URL. login gives a session id; infoDnsRecords lists the zone,
 * where the host's A or AAAA record is found and compared;
 * updateDnsRecords sends it with the new destination (or a new record
 * with "create = yes"); logout ends the session, whatever came before.
 * The login is the customer number, the password "APIKEY:APIPASSWORD".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "json.h"
#include "proto.h"

enum { LOGIN, INFO, UPDATE, LOGOUT };

#define FORM "APIKEY:APIPASSWORD"
#define MAX_RECORDS 10000

/* What one batch carries from step to step. */
struct netcup {
	int step, created;
	char *key, *password;		/* the password's two halves */
	char *sub;			/* the host without its zone, "@" for the apex */
	char *session;
	struct result kept;		/* the outcome, while logging out */
};

static const struct pkey keys[] = {
	{ "zone", K_STR, NULL },
	{ "create", K_BOOL, "no" },
	{ NULL, K_STR, NULL },
};

static int
netcup_check(const struct profile *p, char *why, size_t whylen)
{
	return proto_password_pair(p, FORM, NULL, NULL, why, whylen);
}

/* s as a JSON string, quotes included, appended to out. */
static void
add_str(struct buf *out, const char *s)
{
	buf_adds(out, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_add(out, "\\", 1);
		if ((unsigned char)*s < 0x20)
			buf_printf(out, "\\u%04x", (unsigned)*s);
		else
			buf_add(out, s, 1);
	}
	buf_adds(out, "\"");
}

/* Member "name":"value" with its leading comma (none for the first). */
static void
add_member(struct buf *out, const char *name, const char *value)
{
	if (out->s[out->len - 1] != '{')
		buf_adds(out, ",");
	add_str(out, name);
	buf_adds(out, ":");
	add_str(out, value);
}

/* POST one action; rec is the record to send (updateDnsRecords), or NULL. */
static void
request(struct batch *b, int step, const char *rec)
{
	static const char *const action[] = { "login", "infoDnsRecords",
	    "updateDnsRecords", "logout" };
	static const char *const headers[] = { "Content-Type: application/json", NULL };
	struct netcup *st = b->priv;
	struct buf body = { 0 };
	char *base = proto_base_url(b->p, FAM_V4);

	st->step = step;
	buf_adds(&body, "{\"action\":");
	add_str(&body, action[step]);
	buf_adds(&body, ",\"param\":{");
	if (step == INFO || step == UPDATE)
		add_member(&body, "domainname", proto_zone(b->p, b->hosts[0]));
	add_member(&body, "customernumber", b->p->login);
	add_member(&body, "apikey", st->key);
	if (step == LOGIN)
		add_member(&body, "apipassword", st->password);
	else
		add_member(&body, "apisessionid", st->session);
	if (rec != NULL)
		buf_printf(&body, ",\"dnsrecordset\":{\"dnsrecords\":[%s]}", rec);
	buf_adds(&body, "}}");
	free(b->url);
	free(b->body);
	b->url = xasprintf("%s%s", base, proto_script(b->p));
	b->body = body.s;
	free(base);
	b->req.url = b->url;
	b->req.method = "POST";
	b->req.body = b->body;
	b->req.headers = headers;
}

static void
netcup_build(struct batch *b)
{
	struct netcup *st = b->priv;

	if (st == NULL) {
		const char *h = b->hosts[0];
		size_t n = 0;
		char why[8];

		b->priv = st = xcalloc(1, sizeof(*st));
		/* netcup_check has accepted the password's form */
		proto_password_pair(b->p, FORM, &st->key, &st->password, why, sizeof(why));
		/* proto_check has put every host in its zone */
		if (!host_in_zone(h, proto_zone(b->p, h), &n) || n == 0)
			st->sub = xstrdup("@");
		else
			st->sub = xstrndup(h, n);
	}
	/* a retry logs in again */
	free(st->session);
	st->session = NULL;
	st->created = 0;
	request(b, LOGIN, NULL);
}

static void
netcup_done(struct batch *b)
{
	struct netcup *st = b->priv;

	if (st == NULL)
		return;
	free(st->key);
	free(st->password);
	free(st->sub);
	free(st->session);
	free(st);
	b->priv = NULL;
}

/* 1 when the action succeeded, else every host's result set from its words. */
static int
succeeded(struct batch *b)
{
	const struct http_req *r = &b->req;
	const struct netcup *st = b->priv;
	char status[16], msg[140];

	if (proto_http_failure(b))
		return 0;
	if (json_get(r->resp, r->resp_len, "status", status, sizeof(status)) == -1)
		status[0] = '\0';
	if (strcmp(status, "success") == 0)
		return 1;
	if (json_get(r->resp, r->resp_len, "longmessage", msg, sizeof(msg)) == -1 &&
	    json_get(r->resp, r->resp_len, "shortmessage", msg, sizeof(msg)) == -1)
		snprintf(msg, sizeof(msg), "HTTP %ld, unexpected answer", r->status);
	if (strcmp(status, "error") != 0) {
		/* not netcup's word (a proxy's page, maintenance) */
		proto_set_all(b, OUT_PERM, "error", "HTTP %ld, unexpected answer", r->status);
	} else if (strstr(msg, "requests per minute") != NULL) {
		/* netcup says this to a wrong API key too */
		proto_set_all(b, OUT_TEMP, "ratelimit", "%s (or a wrong API key)", msg);
	} else if (st->step == LOGIN) {
		proto_set_all(b, OUT_AUTH, "badauth", "%s", msg);
	} else if (strcasestr(msg, "session") != NULL) {
		/* netcup now and then refuses a session it has just given */
		proto_set_all(b, OUT_TEMP, "session", "%s", msg);
		for (size_t i = 0; i < b->nhosts; i++)
			b->res[i].retry = RETRY_SOON;
	} else {
		proto_set_all(b, OUT_PERM, "error", "%s", msg);
	}
	return 0;
}

/* Member name of record i of the zone's answer; 0 / -1. */
static int
record_get(const struct http_req *r, int i, const char *name, char *out, size_t n)
{
	char path[64];

	snprintf(path, sizeof(path), "responsedata.dnsrecords.%d.%s", i, name);
	return json_get(r->resp, r->resp_len, path, out, n);
}

/* A record with b's address as JSON; id NULL for a new one. */
static char *
record_json(const struct batch *b, const char *id, const char *host, const char *prio)
{
	struct buf rec = { 0 };

	buf_adds(&rec, "{");
	if (id != NULL)
		add_member(&rec, "id", id);
	add_member(&rec, "hostname", host);
	add_member(&rec, "type", b->fam == FAM_V4 ? "A" : "AAAA");
	add_member(&rec, "priority", prio);
	add_member(&rec, "destination", b->addr);
	buf_adds(&rec, ",\"deleterecord\":false}");
	return rec.s;
}

/*
 * The host's record in the zone's answer with the new address, "" when it
 * has that address already, or NULL when there is none.
 */
static char *
find_record(const struct batch *b)
{
	const struct http_req *r = &b->req;
	const struct netcup *st = b->priv;
	char host[256], t[16], id[32], prio[16], dest[ADDR_MAX + 8], canon[ADDR_MAX];

	for (int i = 0; i < MAX_RECORDS; i++) {
		if (record_get(r, i, "hostname", host, sizeof(host)) == -1)
			return NULL;
		if (strcasecmp(host, st->sub) != 0 ||
		    record_get(r, i, "type", t, sizeof(t)) == -1 ||
		    strcmp(t, b->fam == FAM_V4 ? "A" : "AAAA") != 0 ||
		    record_get(r, i, "id", id, sizeof(id)) == -1)
			continue;
		if (record_get(r, i, "destination", dest, sizeof(dest)) == 0 &&
		    addr_parse(b->fam, dest, canon) == 0 && strcmp(canon, b->addr) == 0)
			return xstrdup("");
		if (record_get(r, i, "priority", prio, sizeof(prio)) == -1)
			snprintf(prio, sizeof(prio), "0");
		return record_json(b, id, host, prio);
	}
	return NULL;
}

/* The outcome is known: keep it and end the session. */
static int
logout(struct batch *b)
{
	struct netcup *st = b->priv;

	st->kept = b->res[0];
	request(b, LOGOUT, NULL);
	return 1;
}

static int
netcup_parse(struct batch *b)
{
	struct netcup *st = b->priv;
	const struct http_req *r = &b->req;
	const char *type = b->fam == FAM_V4 ? "A" : "AAAA";
	char sid[128], *found;

	if (st->step == LOGOUT) {
		/* a failed logout changes nothing: the session expires by itself */
		for (size_t i = 0; i < b->nhosts; i++)
			b->res[i] = st->kept;
		return 0;
	}
	if (!succeeded(b))
		return st->step == LOGIN ? 0 : logout(b);
	switch (st->step) {
	case LOGIN:
		if (json_get(r->resp, r->resp_len, "responsedata.apisessionid", sid,
		    sizeof(sid)) == -1 || sid[0] == '\0') {
			proto_set_all(b, OUT_TEMP, "error", "login gave no session id");
			return 0;
		}
		st->session = xstrdup(sid);
		request(b, INFO, NULL);
		return 1;
	case INFO:
		if ((found = find_record(b)) != NULL && found[0] == '\0') {
			free(found);
			proto_set_all(b, OUT_NOCHG, "nochg", "address was already set");
			return logout(b);
		}
		if (found == NULL && !profile_flag(b->p, "create")) {
			proto_set_all(b, OUT_PERM, "norecord", "no %s record named %s: create it "
			    "once in the CCP or set create = yes", type, b->hosts[0]);
			return logout(b);
		}
		if (found == NULL) {
			found = record_json(b, NULL, st->sub, "0");
			st->created = 1;
		}
		request(b, UPDATE, found);
		free(found);
		return 1;
	default:
		proto_set_all(b, OUT_GOOD, "good", "%s", st->created ? "record created" :
		    "address set");
		return logout(b);
	}
}

const struct proto_ops netcup_ops = {
	.build = netcup_build, .parse = netcup_parse, .check = netcup_check,
	.done = netcup_done, .keys = keys,
};
