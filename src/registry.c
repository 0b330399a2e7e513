/*
 * The registry: every protocol, one row each. dyndns2 presets are data over
 * dyndns2's operations; the others name the operations of their own file.
 * Servers are the providers' documented update hosts (nicupdate.conf(5),
 * PROTOCOLS).
 */
#include <stdio.h>
#include <string.h>

#include "proto.h"

/* The provider files' operations (one line per file). */
extern const struct proto_ops dyndns2_ops, changeip_ops;	/* dyndns2.c */
extern const struct proto_ops custom_ops;			/* custom.c */
extern const struct proto_ops duckdns_ops, freedns_ops, namecheap_ops; /* token.c */
extern const struct proto_ops cloudflare_ops;			/* cloudflare.c */
extern const struct proto_ops digitalocean_ops;			/* digitalocean.c */
extern const struct proto_ops hetzner_ops;			/* hetzner.c */
extern const struct proto_ops gandi_ops;			/* gandi.c */
extern const struct proto_ops godaddy_ops;			/* godaddy.c */
extern const struct proto_ops nsupdate_ops;			/* nsupdate.c */
extern const struct proto_ops urlquery_ops;			/* urlquery.c */
extern const struct proto_ops desecapi_ops;			/* desecapi.c */
extern const struct proto_ops ovhapi_ops;			/* ovhapi.c */
extern const struct proto_ops netcup_ops;			/* netcup.c */
extern const struct proto_ops porkbun_ops;			/* porkbun.c */
extern const struct proto_ops linode_ops;			/* linode.c */
extern const struct proto_ops infomaniakapi_ops;		/* infomaniakapi.c */
extern const struct proto_ops ionos_ops;			/* ionos.c */

#define NIC "/nic/update"

static const struct proto protos[] = {
	{ .name = "dyndns2", .server = "members.dyndns.org", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "any dyndns2 service (set server)" },
	{ .name = "infomaniak", .server = "infomaniak.com", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Infomaniak (the DynDNS login made for the domain)" },
	{ .name = "dyndns", .server = "members.dyndns.org", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, .ops = &dyndns2_ops, .about = "Dyn remote access" },
	{ .name = "noip", .server = "dynupdate.no-ip.com", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "No-IP (DDNS key or account e-mail)" },
	{ .name = "dynu", .server = "api.dynu.com", .script = NIC, .max_hosts = 20,
	  .flags = P_LOGIN, .ipkey = { "myip", "myipv6" }, .ops = &dyndns2_ops,
	  .about = "Dynu (IPv6 goes in myipv6)" },
	{ .name = "ovh", .server = "www.ovh.com", .script = NIC, .max_hosts = 1,
	  .flags = P_LOGIN, .query = "system=dyndns&", .ops = &dyndns2_ops,
	  .about = "OVH DynHost (the DynHost login)" },
	{ .name = "strato", .server = "dyndns.strato.com", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Strato (login is the domain)" },
	{ .name = "he.net", .server = "dyn.dns.he.net", .script = NIC, .max_hosts = 1,
	  .flags = P_SECRET | P_HOSTLOGIN, .ops = &dyndns2_ops,
	  .about = "Hurricane Electric (login is the host, password its key)" },
	{ .name = "desec", .server = "update.dedyn.io", .script = "/", .max_hosts = 1,
	  .flags = P_SECRET | P_HOSTLOGIN, .ipkey = { "myipv4", "myipv6" },
	  .keep = "preserve", .ops = &dyndns2_ops,
	  .about = "deSEC (password is the token; the other family is preserved)" },
	{ .name = "nsupdate.info", .server = "ipv4.nsupdate.info",
	  .server6 = "ipv6.nsupdate.info", .script = NIC, .max_hosts = 1,
	  .flags = P_SECRET | P_HOSTLOGIN, .ops = &dyndns2_ops,
	  .about = "nsupdate.info (login is the host, password its secret)" },
	{ .name = "dynv6", .server = "dynv6.com", .script = NIC, .max_hosts = 20,
	  .flags = P_SECRET, .login = "none", .ops = &dyndns2_ops,
	  .about = "dynv6 (password is the token)" },
	{ .name = "changeip", .server = "nic.changeip.com", .script = NIC,
	  .max_hosts = 1, .flags = P_LOGIN, .ipkey = { "ip", "ip" },
	  .ops = &changeip_ops,
	  .about = "ChangeIP (success is \"Successful\")" },
	{ .name = "loopia", .server = "dns.loopia.se",
	  .script = "/XDynDNSServer/XDynDNS.php", .max_hosts = 20, .flags = P_LOGIN,
	  .ops = &dyndns2_ops, .about = "Loopia" },
	{ .name = "ddnss", .server = "ddnss.de", .script = NIC, .max_hosts = 20,
	  .flags = P_LOGIN, .ops = &dyndns2_ops, .about = "DDNSS.de" },
	{ .name = "dnsomatic", .server = "updates.dnsomatic.com", .script = NIC,
	  .max_hosts = 20, .flags = P_LOGIN, .ops = &dyndns2_ops, .about = "DNS-O-Matic" },
	{ .name = "joker", .server = "svc.joker.com", .script = NIC, .max_hosts = 20,
	  .flags = P_LOGIN, .ops = &dyndns2_ops, .about = "Joker.com (DynDNS login)" },
	{ .name = "selfhost", .server = "carol.selfhost.de", .script = NIC,
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "selfHOST.de (the DynDNS account's login)" },
	{ .name = "spdyn", .server = "update.spdyn.de", .script = NIC, .max_hosts = 1,
	  .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Securepoint spDYN (login and password, or host and token)" },
	{ .name = "inwx", .server = "dyndns.inwx.com", .script = NIC, .max_hosts = 20,
	  .flags = P_LOGIN, .ipkey = { "myip", "myipv6" }, .ops = &dyndns2_ops,
	  .about = "INWX (the DynDNS account; IPv6 goes in myipv6)" },
	{ .name = "nic.ru", .server = "api.nic.ru", .script = "/dyndns/update",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "RU-CENTER (the DNS-master dynamic DNS login)" },
	{ .name = "now-dns", .server = "now-dns.com", .script = "/update", .max_hosts = 1,
	  .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Now-DNS (login is the account e-mail)" },
	{ .name = "variomedia", .server = "dyndns.variomedia.de", .script = NIC,
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Variomedia (the DynDNS login)" },
	{ .name = "do.de", .server = "ddns.do.de", .script = "/", .max_hosts = 1,
	  .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Domain-Offensive (the DDNS login of the host)" },
	{ .name = "all-inkl", .server = "dyndns.kasserver.com", .script = "/",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "ALL-INKL.COM (the KAS DynDNS login of the host)" },
	{ .name = "opendns", .server = "updates.opendns.com", .script = NIC,
	  .max_hosts = 1, .flags = P_LOGIN | P_V4ONLY, .ops = &dyndns2_ops,
	  .about = "OpenDNS (hosts are network labels; IPv4 only)" },
	{ .name = "tunnelbroker", .server = "ipv4.tunnelbroker.net", .script = NIC,
	  .max_hosts = 1, .flags = P_LOGIN | P_V4ONLY, .ops = &dyndns2_ops,
	  .about = "HE tunnel broker (hosts are tunnel ids; the tunnel's IPv4 end)" },
	{ .name = "pubyun", .server = "members.3322.org", .script = "/dyndns/update",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Pubyun/3322.org" },
	{ .name = "core-networks", .server = "dyndns.core-networks.de", .script = "/",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Core-Networks (the DynDNS user of the zone)" },
	{ .name = "simply.com", .server = "dyndns.simply.com", .script = NIC,
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Simply.com (login is the account, password an API key)" },
	{ .name = "ipv64", .server = "ipv64.net", .script = NIC, .max_hosts = 20,
	  .flags = P_SECRET, .login = "none", .ipkey = { "myip", "myipv6" },
	  .ops = &dyndns2_ops, .about = "IPv64.net (password is the domain update token)" },
	{ .name = "dyndns.it", .server = "update.dyndns.it", .script = NIC,
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &dyndns2_ops, .about = "DynDNS.it" },
	{ .name = "oray", .server = "ddns.oray.com", .script = "/ph/update",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &dyndns2_ops,
	  .about = "Oray Peanut Hull (the Oray account)" },
	{ .name = "custom", .max_hosts = 1, .flags = P_NOSERVER, .ops = &custom_ops,
	  .about = "any update URL template (url, success)" },
	{ .name = "duckdns", .server = "www.duckdns.org", .script = "/update",
	  .max_hosts = 20, .flags = P_SECRET, .ops = &duckdns_ops, .about = "Duck DNS (password is the token)" },
	{ .name = "freedns", .server = "sync.afraid.org", .server6 = "v6.sync.afraid.org",
	  .script = "/u/", .max_hosts = 1, .flags = P_SECRET | P_ONEHOST,
	  .ops = &freedns_ops,
	  .about = "FreeDNS afraid.org (password is the host's v2 token)" },
	{ .name = "namecheap", .server = "dynamicdns.park-your-domain.com",
	  .script = "/update", .max_hosts = 1, .flags = P_SECRET | P_V4ONLY,
	  .ops = &namecheap_ops,
	  .about = "Namecheap (password is the Dynamic DNS password; zone)" },
	{ .name = "freemyip", .server = "freemyip.com", .script = "/update",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &urlquery_ops,
	  .about = "freemyip.com (password is the token)" },
	{ .name = "keysystems", .server = "dynamicdns.key-systems.net",
	  .script = "/update.php", .max_hosts = 1, .flags = P_SECRET | P_V4ONLY,
	  .ops = &urlquery_ops,
	  .about = "Key-Systems/RRPproxy (password is the host's DynDNS password)" },
	{ .name = "dnsmadeeasy", .server = "cp.dnsmadeeasy.com",
	  .script = "/servlet/updateip", .max_hosts = 1, .flags = P_LOGIN | P_V4ONLY,
	  .ops = &urlquery_ops, .about = "DNS Made Easy (hosts are record ids)" },
	{ .name = "regfish", .server = "dyndns.regfish.de", .script = "/",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &urlquery_ops,
	  .about = "regfish (password is the host's token)" },
	{ .name = "dondominio", .server = "dondns.dondominio.com", .script = "/plain/",
	  .max_hosts = 1, .flags = P_LOGIN | P_V4ONLY, .ops = &urlquery_ops,
	  .about = "DonDominio (login is the account, password the DonDNS key)" },
	{ .name = "njalla", .server = "njal.la", .script = "/update/", .max_hosts = 1,
	  .flags = P_SECRET, .ops = &urlquery_ops,
	  .about = "Njalla (password is the dynamic record's key)" },
	{ .name = "ddns.fm", .server = "api.ddns.fm", .script = "/update",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &urlquery_ops,
	  .about = "DDNS.FM (password is the key)" },
	{ .name = "domeneshop", .server = "api.domeneshop.no",
	  .script = "/v0/dyndns/update", .max_hosts = 1, .flags = P_LOGIN,
	  .ops = &urlquery_ops,
	  .about = "Domeneshop (login is the API token, password its secret)" },
	{ .name = "easydns", .server = "api.cp.easydns.com", .script = "/dyn/generic.php",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &urlquery_ops,
	  .about = "easyDNS (login is the account, password the DynDNS token)" },
	{ .name = "zoneedit", .server = "dynamic.zoneedit.com",
	  .script = "/auth/dynamic.html", .max_hosts = 1, .flags = P_LOGIN | P_V4ONLY,
	  .ops = &urlquery_ops, .about = "ZoneEdit (password is the DynDNS token)" },
	{ .name = "myonlineportal", .server = "myonlineportal.net", .script = "/updateddns",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &urlquery_ops,
	  .about = "myonlineportal.net" },
	{ .name = "twodns", .server = "update.twodns.de", .script = "/update",
	  .max_hosts = 1, .flags = P_LOGIN | P_V4ONLY, .ops = &urlquery_ops,
	  .about = "TwoDNS (login is the account e-mail, password its token)" },
	{ .name = "dnshome", .server = "www.dnshome.de", .script = "/dyndns.php",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &urlquery_ops,
	  .about = "dnsHome.de (the subdomain's login and password)" },
	{ .name = "dnsexit", .server = "api.dnsexit.com", .script = "/dns/ud/",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &urlquery_ops,
	  .about = "DNSExit (password is the DNS API key)" },
	{ .name = "ydns", .server = "ydns.io", .script = "/api/v1/update/",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &urlquery_ops,
	  .about = "YDNS (the API credentials of the account)" },
	{ .name = "1984", .server = "api.1984.is", .script = "/1.0/freedns/",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &urlquery_ops,
	  .about = "1984 Hosting FreeDNS (password is the API key)" },
	{ .name = "cloudflare", .server = "api.cloudflare.com", .script = "/client/v4",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &cloudflare_ops, .about = "Cloudflare API v4 (password is an API "
	  "token; zone)" },
	{ .name = "digitalocean", .server = "api.digitalocean.com", .script = "/v2",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &digitalocean_ops,
	  .about = "DigitalOcean DNS API v2 (password is a token; zone)" },
	{ .name = "hetzner", .server = "api.hetzner.cloud", .script = "/v1",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &hetzner_ops,
	  .about = "Hetzner Cloud DNS (password is a Cloud API token; zone)" },
	{ .name = "gandi", .server = "api.gandi.net", .script = "/v5/livedns",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &gandi_ops,
	  .about = "Gandi LiveDNS (password is a personal access token; zone)" },
	{ .name = "godaddy", .server = "api.godaddy.com", .script = "/v1",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &godaddy_ops,
	  .about = "GoDaddy (login is the API key, password its secret; zone)" },
	{ .name = "desec-api", .server = "desec.io", .script = "/api/v1", .max_hosts = 1,
	  .flags = P_SECRET, .ops = &desecapi_ops,
	  .about = "deSEC REST API (password is a token; zone; ttl)" },
	{ .name = "rfc2136", .max_hosts = 20, .flags = P_LOGIN, .ops = &nsupdate_ops,
	  .about = "RFC 2136 update with TSIG (login: key name, password: secret)" },
	{ .name = "ovh-api", .server = "eu.api.ovh.com", .script = "/1.0", .max_hosts = 1,
	  .flags = P_LOGIN, .ops = &ovhapi_ops,
	  .about = "OVH API v1 (login: application key; password: SECRET:CONSUMER_KEY)" },
	{ .name = "netcup", .server = "ccp.netcup.net",
	  .script = "/run/webservice/servers/endpoint.php?JSON", .max_hosts = 1,
	  .flags = P_LOGIN, .ops = &netcup_ops,
	  .about = "netcup CCP DNS API (login: customer number; password: KEY:API_PASSWORD)" },
	{ .name = "porkbun", .server = "api.porkbun.com", .script = "/api/json/v3",
	  .max_hosts = 1, .flags = P_LOGIN, .ops = &porkbun_ops,
	  .about = "Porkbun (login is the API key, password its secret; zone)" },
	{ .name = "linode", .server = "api.linode.com", .script = "/v4",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &linode_ops,
	  .about = "Linode/Akamai DNS API v4 (password is a token; zone)" },
	{ .name = "infomaniak-api", .server = "api.infomaniak.com", .script = "/2",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &infomaniakapi_ops,
	  .about = "Infomaniak API (password is a token; zone; 60 requests a run)" },
	{ .name = "ionos", .server = "api.hosting.ionos.com", .script = "/dns/v1",
	  .max_hosts = 1, .flags = P_SECRET, .ops = &ionos_ops,
	  .about = "IONOS DNS API (password is the API key prefix.secret; zone)" },
	{ .name = "ionos-dyndns", .server = "ipv4.api.hosting.ionos.com",
	  .server6 = "ipv6.api.hosting.ionos.com", .script = "/dns/v1/dyndns",
	  .max_hosts = 20, .flags = P_SECRET | P_CONNADDR, .ops = &urlquery_ops,
	  .about = "IONOS DynDNS update URL (password is its q token)" },
	{ .name = "cloudns", .server = "ipv4.cloudns.net", .server6 = "ipv6.cloudns.net",
	  .script = "/api/dynamicURL/", .max_hosts = 1,
	  .flags = P_SECRET | P_ONEHOST | P_ONEFAM | P_CONNADDR, .ops = &urlquery_ops,
	  .about = "ClouDNS DynamicURL of one record (password is its q token)" },
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

const struct proto *
proto_at(size_t i)
{
	return i < NPROTOS ? &protos[i] : NULL;
}

const char *
proto_names(void)
{
	static char names[4096];

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

const struct pkey *
proto_key_any(const char *name)
{
	for (size_t i = 0; i < NPROTOS; i++) {
		const struct pkey *k = proto_key(&protos[i], name);

		if (k != NULL)
			return k;
	}
	return NULL;
}

const char *
proto_key_users(const char *name)
{
	static char users[512];

	users[0] = '\0';
	for (size_t i = 0; i < NPROTOS; i++) {
		/* presets share their family's keys: name the family once */
		if (proto_key(&protos[i], name) == NULL ||
		    (i > 0 && protos[i].ops == protos[i - 1].ops))
			continue;
		if (users[0] != '\0')
			strncat(users, ", ", sizeof(users) - strlen(users) - 1);
		strncat(users, protos[i].name, sizeof(users) - strlen(users) - 1);
	}
	return users;
}
