/* Helpers every provider file shares: URLs, logins, zones, outcomes. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "log.h"
#include "proto.h"

const struct pkey *
proto_key(const struct proto *pr, const char *name)
{
	for (const struct pkey *k = pr->ops->keys; k != NULL && k->name != NULL; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

int
host_in_zone(const char *host, const char *zone, size_t *sublen)
{
	size_t hn = strlen(host), zn = strlen(zone);

	if (strcasecmp(host, zone) == 0) {
		*sublen = 0;
		return 1;
	}
	if (hn <= zn + 1 || host[hn - zn - 1] != '.' || strcasecmp(host + hn - zn, zone) != 0)
		return 0;
	*sublen = hn - zn - 1;
	return 1;
}

int
proto_check(const struct profile *p, char *why, size_t whylen)
{
	const struct proto *pr = p->proto;
	const char *zone = profile_opt(p, "zone");
	size_t sub;

	if ((pr->flags & P_LOGIN) && (p->login == NULL || p->password == NULL)) {
		snprintf(why, whylen, "protocol %s needs login and password", pr->name);
		return -1;
	}
	if ((pr->flags & P_SECRET) && p->password == NULL) {
		snprintf(why, whylen, "protocol %s needs password (the token or key)",
		    pr->name);
		return -1;
	}
	if ((pr->flags & P_ONEHOST) && p->hosts.n > 1) {
		snprintf(why, whylen, "protocol %s updates one host per profile (one token "
		    "each)", pr->name);
		return -1;
	}
	if ((pr->flags & P_V4ONLY) && p->src[FAM_V6].use != USE_DISABLED) {
		snprintf(why, whylen, "protocol %s has no IPv6: set usev6 = disabled",
		    pr->name);
		return -1;
	}
	if ((pr->flags & P_ONEFAM) && p->src[FAM_V4].use != USE_DISABLED &&
	    p->src[FAM_V6].use != USE_DISABLED) {
		snprintf(why, whylen, "protocol %s updates one record, A or AAAA, per "
		    "token: set usev4 or usev6 = disabled, and give the other record's "
		    "token to a profile of its own", pr->name);
		return -1;
	}
	/* a host outside the zone would update the wrong record */
	for (size_t i = 0; zone != NULL && i < p->hosts.n; i++) {
		if (!host_in_zone(p->hosts.v[i], zone, &sub)) {
			snprintf(why, whylen, "hosts: %s is not in zone %s", p->hosts.v[i], zone);
			return -1;
		}
	}
	if (p->server == NULL && pr->server == NULL && !(pr->flags & P_NOSERVER)) {
		snprintf(why, whylen, "protocol %s needs server", pr->name);
		return -1;
	}
	return pr->ops->check != NULL ? pr->ops->check(p, why, whylen) : 0;
}

char *
proto_base_url(const struct profile *p, enum fam f)
{
	const char *server = p->server;
	size_t n;

	if (server == NULL)
		server = f == FAM_V6 && p->proto->server6 ? p->proto->server6 :
		    p->proto->server;
	if (server == NULL)
		return xstrdup("");
	/* "https://host/" must not give "https://host//nic/update" */
	n = strlen(server);
	while (n > 0 && server[n - 1] == '/')
		n--;
	if (strncmp(server, "http://", 7) == 0 || strncmp(server, "https://", 8) == 0)
		return xstrndup(server, n);
	return xasprintf("%s://%.*s", p->ssl ? "https" : "http", (int)n, server);
}

const char *
proto_script(const struct profile *p)
{
	return p->script ? p->script : p->proto->script ? p->proto->script : "";
}

const char *
proto_login(const struct profile *p, const char *host)
{
	if (p->login != NULL)
		return p->login;
	if (p->proto->login != NULL)
		return p->proto->login;
	return (p->proto->flags & P_HOSTLOGIN) ? host : NULL;
}

const char *
proto_zone(const struct profile *p, const char *host)
{
	const char *zone = profile_opt(p, "zone"), *dot1 = strrchr(host, '.'), *z = host;

	if (zone != NULL)
		return zone;
	if (dot1 == NULL)
		return host;
	for (const char *s = host; s < dot1; s++)
		if (*s == '.')
			z = s + 1;
	return z;
}

void
proto_set_all(struct batch *b, enum outcome out, const char *code, const char *fmt, ...)
{
	char msg[sizeof(b->res[0].msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < b->nhosts; i++) {
		b->res[i].out = out;
		b->res[i].retry = RETRY_NO;
		snprintf(b->res[i].code, sizeof(b->res[i].code), "%s", code);
		snprintf(b->res[i].msg, sizeof(b->res[i].msg), "%s", msg);
	}
}

int
http_failure_class(const struct http_req *r, enum outcome *out, enum retry *retry)
{
	*retry = RETRY_NO;
	if (r->failed || r->status >= 500) {
		*out = OUT_TEMP;
		*retry = RETRY_SOON;
	} else if (r->status == 401 || r->status == 403) {
		*out = OUT_AUTH;
	} else if (r->status == 408 || r->status == 429) {
		*out = OUT_TEMP;
	} else {
		return 0;
	}
	return 1;
}

int
proto_http_failure(struct batch *b)
{
	const struct http_req *r = &b->req;
	enum outcome out;
	enum retry retry;
	char code[32];

	if (!http_failure_class(r, &out, &retry)) {
		if (r->status != 404)
			return 0;
		/* a 404's body is a web page, not the provider's word */
		proto_set_all(b, OUT_PERM, "http-404", "HTTP 404: wrong server or script?");
		return 1;
	}
	snprintf(code, sizeof(code), "http-%ld", r->status);
	if (r->failed)
		proto_set_all(b, out, "network", "%s", r->err);
	else if (out == OUT_AUTH)
		proto_set_all(b, out, code, "HTTP %ld: login or password refused", r->status);
	else
		proto_set_all(b, out, code, "HTTP %ld from the server", r->status);
	for (size_t i = 0; i < b->nhosts; i++)
		b->res[i].retry = retry;
	return 1;
}

/* "NOT_OK" and "NOT-OK" are one word, not "OK" */
static int
wordchar(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

int
proto_has_word(const char *body, size_t len, const char *word)
{
	size_t n = strlen(word);

	if (n == 0 || n > len)
		return 0;
	for (size_t i = 0; i + n <= len; i++) {
		if (memcmp(body + i, word, n) != 0)
			continue;
		if ((i == 0 || !wordchar(body[i - 1])) &&
		    (i + n == len || !wordchar(body[i + n])))
			return 1;
	}
	return 0;
}

int
proto_password_pair(const struct profile *p, const char *form, char **first,
    char **second, char *why, size_t whylen)
{
	const char *colon = p->password ? strchr(p->password, ':') : NULL;

	/* the value itself is secret: the message names only its form */
	if (colon == NULL || colon == p->password || colon[1] == '\0') {
		snprintf(why, whylen, "protocol %s: password must be %s (split at the "
		    "first ':')", p->proto->name, form);
		if (first != NULL) {
			*first = xstrdup("");
			*second = xstrdup("");
		}
		return -1;
	}
	if (first != NULL) {
		*first = xstrndup(p->password, (size_t)(colon - p->password));
		*second = xstrdup(colon + 1);
		log_secret(*first);
		log_secret(*second);
	}
	return 0;
}
