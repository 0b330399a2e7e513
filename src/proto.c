#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "proto.h"

#define DYNDNS2 .build = dyndns2_build, .parse = dyndns2_parse
#define NIC "/nic/update"

/*
 * Every protocol: dyndns2 presets are data; the rest name their two
 * functions. Servers are the providers' documented update hosts.
 */
static const struct proto protos[] = {
	{ .name = "dyndns2", .server = "members.dyndns.org", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, DYNDNS2,
	  .about = "any dyndns2 service (set server)" },
	{ .name = "infomaniak", .server = "infomaniak.com", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, DYNDNS2,
	  .about = "Infomaniak (the DynDNS login made for the domain)" },
	{ .name = "dyndns", .server = "members.dyndns.org", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, DYNDNS2, .about = "Dyn remote access" },
	{ .name = "noip", .server = "dynupdate.no-ip.com", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, DYNDNS2,
	  .about = "No-IP (DDNS key or account e-mail)" },
	{ .name = "dynu", .server = "api.dynu.com", .script = NIC, .max_hosts = 20,
	  .flags = P_LOGIN, .ipkey = { "myip", "myipv6" }, DYNDNS2,
	  .about = "Dynu (IPv6 goes in myipv6)" },
	{ .name = "ovh", .server = "www.ovh.com", .script = NIC, .max_hosts = 1,
	  .flags = P_LOGIN, .query = "system=dyndns&", DYNDNS2,
	  .about = "OVH DynHost (the DynHost login)" },
	{ .name = "strato", .server = "dyndns.strato.com", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, DYNDNS2,
	  .about = "Strato (login is the domain)" },
	{ .name = "he.net", .server = "dyn.dns.he.net", .script = NIC, .max_hosts = 1,
	  .flags = P_SECRET | P_HOSTLOGIN, DYNDNS2,
	  .about = "Hurricane Electric (login is the host, password its key)" },
	{ .name = "desec", .server = "update.dedyn.io", .script = "/", .max_hosts = 1,
	  .flags = P_SECRET | P_HOSTLOGIN, .ipkey = { "myipv4", "myipv6" },
	  .keep = "preserve", DYNDNS2,
	  .about = "deSEC (password is the token; the other family is preserved)" },
	{ .name = "nsupdate.info", .server = "ipv4.nsupdate.info",
	  .server6 = "ipv6.nsupdate.info", .script = NIC, .max_hosts = 1,
	  .flags = P_SECRET | P_HOSTLOGIN, DYNDNS2,
	  .about = "nsupdate.info (login is the host, password its secret)" },
	{ .name = "dynv6", .server = "dynv6.com", .script = NIC, .max_hosts = 20,
	  .flags = P_SECRET, .login = "none", DYNDNS2,
	  .about = "dynv6 (password is the token)" },
	{ .name = "changeip", .server = "nic.changeip.com", .script = NIC,
	  .max_hosts = 1, .flags = P_LOGIN, .ipkey = { "ip", "ip" },
	  .build = dyndns2_build, .parse = substr_parse,
	  .about = "ChangeIP (success is \"Successful\")" },
	{ .name = "loopia", .server = "dns.loopia.se",
	  .script = "/XDynDNSServer/XDynDNS.php", .max_hosts = 20, .flags = P_LOGIN,
	  DYNDNS2, .about = "Loopia" },
	{ .name = "ddnss", .server = "ddnss.de", .script = NIC, .max_hosts = 20,
	  .flags = P_LOGIN, DYNDNS2, .about = "DDNSS.de" },
	{ .name = "dnsomatic", .server = "updates.dnsomatic.com", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, DYNDNS2, .about = "DNS-O-Matic" },
	{ .name = "joker", .server = "svc.joker.com", .script = NIC, .max_hosts = 20,
	  .flags = P_LOGIN, DYNDNS2, .about = "Joker.com (DynDNS login)" },
	{ .name = "custom", .max_hosts = 1, .flags = P_URL, .build = custom_build,
	  .parse = custom_parse, .about = "any update URL template (url, success)" },
	{ .name = "duckdns", .server = "www.duckdns.org", .script = "/update",
	  .max_hosts = 20, .flags = P_SECRET, .build = duckdns_build,
	  .parse = duckdns_parse, .about = "Duck DNS (password is the token)" },
	{ .name = "freedns", .server = "sync.afraid.org", .server6 = "v6.sync.afraid.org",
	  .script = "/u/", .max_hosts = 1, .flags = P_SECRET | P_ONEHOST,
	  .build = freedns_build, .parse = freedns_parse,
	  .about = "FreeDNS afraid.org (password is the host's v2 token)" },
	{ .name = "namecheap", .server = "dynamicdns.park-your-domain.com",
	  .script = "/update", .max_hosts = 1, .flags = P_SECRET | P_V4ONLY,
	  .build = namecheap_build, .parse = namecheap_parse,
	  .about = "Namecheap (password is the Dynamic DNS password; zone)" },
	{ .name = "cloudflare", .server = "api.cloudflare.com", .script = "/client/v4",
	  .max_hosts = 1, .flags = P_SECRET, .build = cloudflare_build,
	  .parse = cloudflare_parse, .about = "Cloudflare API v4 (password is an API "
	  "token; zone)" },
};

#define NPROTOS (sizeof(protos) / sizeof(protos[0]))

const struct proto *
proto_find(const char *name)
{
	for (size_t i = 0; i < NPROTOS; i++)
		if (strcmp(protos[i].name, name) == 0)
			return &protos[i];
	return NULL;
}

const char *
proto_names(void)
{
	static char names[1024];

	if (names[0] == '\0') {
		for (size_t i = 0; i < NPROTOS; i++) {
			if (i > 0)
				strncat(names, " ", sizeof(names) - strlen(names) - 1);
			strncat(names, protos[i].name, sizeof(names) - strlen(names) - 1);
		}
	}
	return names;
}

void
proto_list(void)
{
	for (size_t i = 0; i < NPROTOS; i++)
		printf("%-14s %-32s %s\n", protos[i].name,
		    protos[i].server ? protos[i].server : "-", protos[i].about);
}

int
proto_check(const struct profile *p, char *why, size_t whylen)
{
	unsigned flags = p->proto->flags;

	if ((flags & P_LOGIN) && (p->login == NULL || p->password == NULL)) {
		snprintf(why, whylen, "protocol %s needs login and password", p->proto->name);
		return -1;
	}
	if ((flags & P_SECRET) && p->password == NULL) {
		snprintf(why, whylen, "protocol %s needs password (the token or key)",
		    p->proto->name);
		return -1;
	}
	if ((flags & P_URL) && p->url == NULL) {
		snprintf(why, whylen, "protocol custom needs url");
		return -1;
	}
	if (p->url != NULL && !(flags & P_URL)) {
		snprintf(why, whylen, "url: only for protocol custom");
		return -1;
	}
	if (p->url != NULL && custom_check(p->url, why, whylen) == -1)
		return -1;
	if ((flags & P_ONEHOST) && p->hosts.n > 1) {
		snprintf(why, whylen, "protocol %s updates one host per profile (one token "
		    "each)", p->proto->name);
		return -1;
	}
	if ((flags & P_V4ONLY) && p->src[FAM_V6].use != USE_DISABLED) {
		snprintf(why, whylen, "protocol %s has no IPv6: set usev6 = disabled",
		    p->proto->name);
		return -1;
	}
	for (size_t i = 0; p->zone != NULL && i < p->hosts.n; i++) {
		const char *h = p->hosts.v[i];
		size_t hn = strlen(h), zn = strlen(p->zone);

		/* a host outside the zone would update the wrong record */
		if (strcasecmp(h, p->zone) != 0 && (hn <= zn || h[hn - zn - 1] != '.' ||
		    strcasecmp(h + hn - zn, p->zone) != 0)) {
			snprintf(why, whylen, "hosts: %s is not in zone %s", h, p->zone);
			return -1;
		}
	}
	if (p->server == NULL && p->proto->server == NULL && !(flags & P_URL)) {
		snprintf(why, whylen, "protocol %s needs server", p->proto->name);
		return -1;
	}
	return 0;
}

char *
proto_base_url(const struct profile *p, enum fam f)
{
	const char *server = p->server;

	if (server == NULL)
		server = f == FAM_V6 && p->proto->server6 ? p->proto->server6 :
		    p->proto->server;
	if (server == NULL)
		return xstrdup("");
	{
		/* "https://host/" must not give "https://host//nic/update" */
		size_t n = strlen(server);

		while (n > 0 && server[n - 1] == '/')
			n--;
		if (strncmp(server, "http://", 7) == 0 || strncmp(server, "https://", 8) == 0)
			return xstrndup(server, n);
		return xasprintf("%s://%.*s", p->ssl ? "https" : "http", (int)n, server);
	}
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
	const char *dot1 = strrchr(host, '.'), *z = host;

	if (p->zone != NULL)
		return p->zone;
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
		snprintf(b->res[i].code, sizeof(b->res[i].code), "%s", code);
		snprintf(b->res[i].msg, sizeof(b->res[i].msg), "%s", msg);
	}
}

int
proto_http_failure(struct batch *b)
{
	const struct http_req *r = &b->req;
	char code[32];

	if (r->failed) {
		proto_set_all(b, OUT_TEMP, "network", "%s", r->err);
		return 1;
	}
	snprintf(code, sizeof(code), "http-%ld", r->status);
	if (r->status == 401 || r->status == 403) {
		proto_set_all(b, OUT_AUTH, code, "HTTP %ld: login or password refused",
		    r->status);
		return 1;
	}
	if (r->status >= 500 || r->status == 408 || r->status == 429) {
		proto_set_all(b, OUT_TEMP, code, "HTTP %ld from the server", r->status);
		return 1;
	}
	return 0;
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
