/*
 * Native APIs that take a token in the URL and answer in a word or a little
 * XML: Duck DNS, FreeDNS (afraid.org v2 URLs, or the account's record list
 * and a record's update URL) and Namecheap.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "proto.h"

/* Base URL and path of the profile's API, for family f. */
static void
start_url(struct buf *u, const struct batch *b)
{
	const struct profile *p = b->p;
	char *base = proto_base_url(p, b->fam);

	buf_printf(u, "%s%s", base, proto_script(p));
	free(base);
}

static void
finish(struct batch *b, struct buf *u)
{
	b->url = u->s;
	b->req.url = b->url;
}

static void
duckdns_build(struct batch *b)
{
	struct buf u = { 0 };
	char *token = url_encode(b->p->password);

	start_url(&u, b);
	buf_adds(&u, "?domains=");
	for (size_t i = 0; i < b->nhosts; i++) {
		/* Duck DNS wants the name without its domain */
		const char *h = b->hosts[i];
		size_t n = strlen(h), suffix = strlen(".duckdns.org");
		char *name = xstrndup(h, n > suffix && strcmp(h + n - suffix,
		    ".duckdns.org") == 0 ? n - suffix : n);
		char *enc = url_encode(name);

		buf_printf(&u, "%s%s", i ? "," : "", enc);
		free(enc);
		free(name);
	}
	buf_printf(&u, "&token=%s&%s=%s", token, b->fam == FAM_V4 ? "ip" : "ipv6", b->addr);
	free(token);
	finish(b, &u);
}

static int
duckdns_parse(struct batch *b)
{
	const struct http_req *r = &b->req;

	if (proto_http_failure(b))
		return 0;
	if (r->status == 200 && proto_has_word(r->resp, r->resp_len, "OK"))
		proto_set_all(b, OUT_GOOD, "OK", "address set");
	else if (proto_has_word(r->resp, r->resp_len, "KO"))
		/* Duck DNS says only KO for a wrong token or a domain not in the account */
		proto_set_all(b, OUT_AUTH, "KO", "token or domain refused");
	else
		proto_set_all(b, OUT_TEMP, "unexpected", "HTTP %ld, unexpected answer",
		    r->status);
	return 0;
}

/* FreeDNS's account API; its records' update URLs are sent to the same server */
#define FREEDNS_ACCOUNT_SERVER "freedns.afraid.org"

/* b->priv while the record list is asked (a marker, nothing to free) */
static const int freedns_asking;

/* The base URL of the account API: server, else freedns.afraid.org. */
static char *
freedns_account_base(const struct profile *p)
{
	if (p->server != NULL)
		return proto_base_url(p, FAM_V4);
	return xasprintf("%s://%s", p->ssl ? "https" : "http", FREEDNS_ACCOUNT_SERVER);
}

/*
 * With login set, the account's record list (nicupdate.conf(5), freedns):
 * GET /api/?action=getdyndns&v=2&sha=SHA1(login|password); parse() then
 * sends the host's update URL. Without, the host's v2 token URL.
 */
static void
freedns_build(struct batch *b)
{
	struct buf u = { 0 };
	const struct profile *p = b->p;

	if (p->login != NULL) {
		unsigned char md[EVP_MAX_MD_SIZE];
		unsigned int n = 0;
		char *creds = xasprintf("%s|%s", p->login, p->password), *base;

		if (EVP_Digest(creds, strlen(creds), md, &n, EVP_sha1(), NULL) != 1)
			n = 0;	/* an empty sha: FreeDNS refuses it as bad credentials */
		free(creds);
		base = freedns_account_base(p);
		buf_printf(&u, "%s/api/?action=getdyndns&v=2&sha=", base);
		free(base);
		for (unsigned int i = 0; i < n; i++)
			buf_printf(&u, "%02x", md[i]);
		b->priv = (void *)&freedns_asking;	/* parse() reads the list */
	} else {
		char *token = url_encode(p->password);

		start_url(&u, b);
		buf_printf(&u, "%s/?ip=%s", token, b->addr);
		free(token);
		b->priv = NULL;
	}
	finish(b, &u);
}

/*
 * The account's record list, "host|address|update URL" per line: the
 * host's record of the batch's family. 1 when its update is now in b->req.
 */
static int
freedns_list(struct batch *b)
{
	const struct http_req *r = &b->req;
	const char *host = b->hosts[0];
	char *text = xstrndup(r->resp ? r->resp : "", r->resp_len), *save = NULL;
	char canon[ADDR_MAX], *path = NULL;
	int records = 0, found = 0;

	for (char *l = strtok_r(text, "\r\n", &save); l && !found;
	    l = strtok_r(NULL, "\r\n", &save)) {
		char *addr = strchr(l, '|'), *url = addr ? strchr(addr + 1, '|') : NULL;

		if (url == NULL)
			continue;
		records++;
		*addr++ = '\0';
		*url++ = '\0';
		if (strcmp(l, host) != 0 || addr_parse(b->fam, addr, canon) == -1)
			continue;
		found = 1;
		if (strcmp(canon, b->addr) == 0)
			proto_set_all(b, OUT_NOCHG, "nochange", "address was already set");
		else if ((url = strstr(url, "://")) == NULL || (url = strchr(url + 3, '/')) ==
		    NULL || url[strcspn(url, " \t\"<>\\")] != '\0')
			proto_set_all(b, OUT_PERM, "badurl", "the record's update URL is "
			    "not one nicupdate can send");
		else
			path = xstrdup(url);
	}
	free(text);
	if (records == 0)
		proto_set_all(b, OUT_AUTH, "badauth", "no records for this login and "
		    "password (HTTP %ld)", r->status);
	else if (!found)
		proto_set_all(b, OUT_PERM, "norecord", "no %s record of this host in "
		    "the account", b->fam == FAM_V4 ? "A" : "AAAA");
	if (path == NULL)
		return 0;
	{
		/* only the URL's path and query: to the server the list came from */
		char *base = freedns_account_base(b->p);

		free(b->url);
		b->url = xasprintf("%s%s&address=%s", base, path, b->addr);
		b->req.url = b->url;
		b->priv = NULL;
		free(base);
		free(path);
	}
	return 1;
}

static int
freedns_parse(struct batch *b)
{
	const struct http_req *r = &b->req;

	if (proto_http_failure(b))
		return 0;
	if (b->priv != NULL)
		return freedns_list(b);
	if (r->status == 200 && memmem(r->resp, r->resp_len, "Updated", 7))
		proto_set_all(b, OUT_GOOD, "updated", "address set");
	else if (r->status == 200 && (memmem(r->resp, r->resp_len, "No IP change", 12) ||
	    memmem(r->resp, r->resp_len, "has not changed", 15)))
		proto_set_all(b, OUT_NOCHG, "nochange", "address was already set");
	else if (memmem(r->resp, r->resp_len, "Invalid update URL", 18))
		proto_set_all(b, OUT_AUTH, "badtoken", "token refused");
	else
		proto_set_all(b, OUT_PERM, "failed", "HTTP %ld, unexpected answer", r->status);
	return 0;
}

static void
namecheap_build(struct batch *b)
{
	const char *host = b->hosts[0], *zone = proto_zone(b->p, host);
	struct buf u = { 0 };
	char *sub, *esub, *ezone, *pw = url_encode(b->p->password);
	size_t n;

	/* "www.example.com" in zone "example.com" is host "www"; the apex is "@" */
	if (host_in_zone(host, zone, &n) && n > 0)
		sub = xstrndup(host, n);
	else
		sub = xstrdup("@");
	esub = url_encode(sub);
	ezone = url_encode(zone);
	start_url(&u, b);
	buf_printf(&u, "?host=%s&domain=%s&password=%s&ip=%s", esub, ezone, pw, b->addr);
	free(sub);
	free(esub);
	free(ezone);
	free(pw);
	finish(b, &u);
}

static int
namecheap_parse(struct batch *b)
{
	const struct http_req *r = &b->req;
	const char *e, *end;

	if (proto_http_failure(b))
		return 0;
	if (r->status == 200 && memmem(r->resp, r->resp_len, "<ErrCount>0</ErrCount>", 22)) {
		proto_set_all(b, OUT_GOOD, "good", "address set");
		return 0;
	}
	/* the first error's text, for the user */
	if ((e = memmem(r->resp, r->resp_len, "<Err1>", 6)) != NULL &&
	    (end = memmem(e, r->resp_len - (size_t)(e - r->resp), "</Err1>", 7)) != NULL) {
		char text[100];
		size_t n = (size_t)(end - e - 6) < sizeof(text) - 1 ?
		    (size_t)(end - e - 6) : sizeof(text) - 1;

		for (size_t i = 0; i < n; i++)
			text[i] = (e[6 + i] >= 0x20 && e[6 + i] < 0x7f) ? e[6 + i] : '?';
		text[n] = '\0';
		if (strstr(text, "assword") != NULL)
			proto_set_all(b, OUT_AUTH, "badpassword", "%s", text);
		else
			proto_set_all(b, OUT_PERM, "error", "%s", text);
		return 0;
	}
	proto_set_all(b, OUT_PERM, "failed", "HTTP %ld, unexpected answer", r->status);
	return 0;
}

static const struct pkey zone_key[] = {
	{ "zone", K_STR, NULL },
	{ NULL, K_STR, NULL },
};

const struct proto_ops duckdns_ops = { .build = duckdns_build, .parse = duckdns_parse };
const struct proto_ops freedns_ops = { .build = freedns_build, .parse = freedns_parse };
const struct proto_ops namecheap_ops = {
	.build = namecheap_build, .parse = namecheap_parse, .keys = zone_key,
};
