/*
 * Services updated by one GET whose query carries the host, the address
 * and often the credentials, and that answer in words of their own. Each
 * is a row below (its query template and answer words) plus its row in
 * registry.c (server, script, flags). Templates take custom.c's
 * placeholders, so every value is URL-encoded once (nicupdate.conf(5),
 * PROTOCOLS).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "json.h"
#include "proto.h"

/* A word of an answer and what it means; the first one found wins. */
struct word {
	const char *text;
	enum outcome out;
	const char *code;	/* kept in the state file */
	const char *msg;
};

struct service {
	const char *proto;		/* the registry's name */
	const char *query[FAM_N];	/* after '?'; NULL for IPv6: as IPv4 */
	int basic;			/* login and password as HTTP basic auth */
	int status_only;		/* any 2xx answer without a word is success */
	struct word words[8];		/* ended by text NULL */
	const char *form;		/* a POSTed form body, or NULL for GET */
	/* a JSON answer: words are whole values at json_code; json_msg is
	 * the service's own message for other values */
	const char *json_code, *json_msg;
	const char *addr_header;	/* a header that carries the address, or NULL */
};

/* A request's header line and the list that points at it (b->priv). */
struct headers {
	char *line;
	const char *list[2];
};

#define GOOD(t) { t, OUT_GOOD, "good", "address set" }
#define NOCHG(t) { t, OUT_NOCHG, "nochg", "address was already set" }

static const struct service services[] = {
	{ .proto = "freemyip", .query = { "token=%p&domain=%h&myip=%i", NULL },
	  .words = { GOOD("OK"),
	    { "ERROR", OUT_AUTH, "ERROR", "token or domain refused" } } },
	{ .proto = "keysystems", .query = { "hostname=%h&password=%p&ip=%i", NULL },
	  .words = { GOOD("code = 200") } },
	{ .proto = "dnsmadeeasy", .query = { "username=%u&password=%p&id=%h&ip=%i", NULL },
	  .words = { NOCHG("error-record-ip-same"),
	    { "error-auth", OUT_AUTH, "error-auth", "login, password or account refused" },
	    { "error-record-invalid", OUT_PERM, "error-record-invalid",
	      "no record with this id" },
	    { "error-record-auth", OUT_PERM, "error-record-auth",
	      "the record belongs to another account" },
	    { "error-system", OUT_TEMP, "error-system", "provider-side error" },
	    GOOD("success") } },
	{ .proto = "regfish", .query = { "fqdn=%h&forcehost=1&token=%p&ipv4=%i",
	    "fqdn=%h&forcehost=1&token=%p&ipv6=%i" },
	  .words = { NOCHG("|101|"), { "|401|", OUT_AUTH, "401", "token refused" },
	    GOOD("success") } },
	{ .proto = "dondominio", .query = { "user=%u&password=%p&host=%h&ip=%i", NULL },
	  .words = { GOOD("OK") } },
	{ .proto = "njalla", .query = { "h=%h&k=%p&a=%i", "h=%h&k=%p&aaaa=%i" },
	  .words = { { "invalid host or key", OUT_AUTH, "badkey", "host or key refused" },
	    GOOD("record updated") } },
	{ .proto = "ddns.fm", .query = { "key=%p&domain=%h&myip=%i", NULL },
	  .status_only = 1 },
	{ .proto = "domeneshop", .query = { "hostname=%h&myip=%i", NULL }, .basic = 1,
	  .status_only = 1 },
	{ .proto = "easydns", .query = { "hostname=%h&myip=%i", NULL }, .basic = 1,
	  .words = { GOOD("NOERROR"),
	    { "NOACCESS", OUT_AUTH, "NOACCESS", "login, password or host refused" },
	    { "NO_AUTH", OUT_AUTH, "NO_AUTH", "login, password or host refused" },
	    { "NOSERVICE", OUT_PERM, "NOSERVICE", "dynamic DNS is off for this domain" },
	    { "ILLEGAL INPUT", OUT_PERM, "ILLEGAL", "the provider refused a value" },
	    { "TOOSOON", OUT_TEMP, "TOOSOON", "updates too frequent" },
	    { "TOO_FREQ", OUT_TEMP, "TOO_FREQ", "updates too frequent" },
	    GOOD("OK") } },
	{ .proto = "zoneedit", .query = { "host=%h&dnsto=%i", NULL }, .basic = 1,
	  .words = { { "CODE=\"707\"", OUT_NOCHG, "707", "the same update was just made" },
	    GOOD("<SUCCESS"), { "<ERROR", OUT_PERM, "error", "update refused" } } },
	{ .proto = "myonlineportal", .query = { "username=%u&password=%p&hostname=%h&ip=%i",
	    "username=%u&password=%p&hostname=%h&ip6=%i" },
	  .words = { GOOD("good"), NOCHG("nochg"),
	    { "badauth", OUT_AUTH, "badauth", "login or password refused" },
	    { "nohost", OUT_PERM, "nohost", "host not in this account" } } },
	{ .proto = "twodns", .query = { "hostname=%h&ip=%i", NULL }, .basic = 1,
	  .status_only = 1 },
	{ .proto = "dnshome", .query = { "u=%h&ip=%i", "u=%h&ip6=%i" }, .basic = 1,
	  .status_only = 1 },
	{ .proto = "dnsexit", .query = { "apikey=%p", NULL }, .form = "host=%h&ip=%i",
	  .json_code = "code", .json_msg = "message", .words = { GOOD("0") } },
	{ .proto = "ydns", .query = { "host=%h&ip=%i", NULL }, .basic = 1,
	  .status_only = 1 },
	/* the update URL IONOS made for a bundle of hosts: the password is
	 * its q token, and the request updates every host of the bundle */
	{ .proto = "ionos-dyndns", .query = { "q=%p&ipv4=%i", "q=%p&ipv6=%i" },
	  .status_only = 1 },
	/* a record's DynamicURL: the q token names the record; ClouDNS takes
	 * the address from X-Forwarded-For when asked to (proxy=1), else from
	 * the connection */
	{ .proto = "cloudns", .query = { "q=%p&proxy=1", NULL },
	  .addr_header = "X-Forwarded-For", .status_only = 1,
	  .words = { { "The record's key is wrong!", OUT_AUTH, "badkey",
	    "the DynamicURL's token is refused" },
	    { "Invalid request.", OUT_PERM, "invalid", "the request was refused" } } },
	{ .proto = "1984", .query = { "apikey=%p&domain=%h&ip=%i", NULL },
	  .json_code = "ok", .json_msg = "msg", .words = { GOOD("true") } },
};

static const struct service *
service_of(const struct profile *p)
{
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (strcmp(services[i].proto, p->proto->name) == 0)
			return &services[i];
	return NULL;
}

static void
urlquery_build(struct batch *b)
{
	const struct profile *p = b->p;
	const struct service *s = service_of(p);
	const char *q = s->query[b->fam] ? s->query[b->fam] : s->query[FAM_V4];
	char *base = proto_base_url(p, b->fam);
	char *query = custom_expand(q, b->hosts[0], b->addr, NULL, p->login, p->password);
	struct buf u = { 0 };

	buf_printf(&u, "%s%s?%s", base, proto_script(p), query);
	free(query);
	if (s->form != NULL) {
		b->body = custom_expand(s->form, b->hosts[0], b->addr, NULL, p->login,
		    p->password);
		b->req.body = b->body;
		b->req.method = "POST";
	}
	free(base);
	b->url = u.s;
	b->req.url = b->url;
	if (s->basic) {
		b->req.user = proto_login(p, b->hosts[0]);
		b->req.pass = p->password;
	}
	if (s->addr_header != NULL) {
		struct headers *h = b->priv;

		if (h == NULL)
			b->priv = h = xcalloc(1, sizeof(*h));
		free(h->line);
		/* the address as it is (a checked address: no line break) */
		h->line = xasprintf("%s: %s", s->addr_header, b->addr);
		h->list[0] = h->line;
		b->req.headers = h->list;
	}
}

static void
urlquery_done(struct batch *b)
{
	struct headers *h = b->priv;

	if (h != NULL)
		free(h->line);
	free(h);
	b->priv = NULL;
}

/* A JSON answer: its code is one of the words, else a permanent failure. */
static int
json_answer(struct batch *b, const struct service *s)
{
	const struct http_req *r = &b->req;
	char code[32], msg[128];

	if (json_get(r->resp, r->resp_len, s->json_code, code, sizeof(code)) != 0) {
		proto_set_all(b, OUT_PERM, "failed", "HTTP %ld, unexpected answer", r->status);
		return 0;
	}
	if (json_get(r->resp, r->resp_len, s->json_msg, msg, sizeof(msg)) != 0)
		snprintf(msg, sizeof(msg), "code %s", code);
	for (const struct word *w = s->words; w->text != NULL; w++) {
		if (strcmp(code, w->text) == 0) {
			proto_set_all(b, w->out, w->code, "%s", msg);
			return 0;
		}
	}
	proto_set_all(b, OUT_PERM, "error", "%s", msg);
	return 0;
}

static int
urlquery_parse(struct batch *b)
{
	const struct service *s = service_of(b->p);
	const struct http_req *r = &b->req;

	if (proto_http_failure(b))
		return 0;
	if (r->status < 200 || r->status >= 300) {
		char code[32];

		snprintf(code, sizeof(code), "http-%ld", r->status);
		proto_set_all(b, OUT_PERM, code, "HTTP %ld, update refused", r->status);
		return 0;
	}
	if (s->json_code != NULL)
		return json_answer(b, s);
	for (const struct word *w = s->words; w->text != NULL; w++) {
		if (memmem(r->resp, r->resp_len, w->text, strlen(w->text)) != NULL) {
			proto_set_all(b, w->out, w->code, "%s", w->msg);
			return 0;
		}
	}
	if (s->status_only)
		proto_set_all(b, OUT_GOOD, "good", "address set");
	else
		proto_set_all(b, OUT_PERM, "failed", "HTTP %ld, unexpected answer", r->status);
	return 0;
}

const struct proto_ops urlquery_ops = { .build = urlquery_build, .parse = urlquery_parse,
	.done = urlquery_done };
