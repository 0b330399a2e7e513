/*
 * The dns: address sources (nicupdate.conf(5), webv4): built-in names and
 * dns:QNAME/TYPE[/CLASS]@URL questions, and how their answers are read.
 * Asking them is detect.c's, over DoH (doh.c) or plain DNS (dnsq.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "dnsq.h"

#define V4 FAM_V4
#define V6 FAM_V6
#define DUAL (-1)

/*
 * Built-in DNS sources (nicupdate.conf(5), webv4): names that resolvers
 * answer with the address they see the question come from; qtype 0 asks
 * A or AAAA by family.
 */
static const struct endpoint builtin_dns[] = {
	{ "dns:cloudflare", "https://cloudflare-dns.com/dns-query", DUAL, NULL,
	    "whoami.cloudflare", DNS_T_TXT, DNS_C_CH },
	{ "dns:opendns", "https://doh.opendns.com/dns-query", DUAL, NULL,
	    "myip.opendns.com", 0, DNS_C_IN },
	/* ns1.google.com itself: a recursive resolver would name its own address */
	{ "dns:google", "dns://216.239.32.10", V4, NULL,
	    "o-o.myaddr.l.google.com", DNS_T_TXT, DNS_C_IN },
	{ "dns:google", "dns://[2001:4860:4802:32::a]", V6, NULL,
	    "o-o.myaddr.l.google.com", DNS_T_TXT, DNS_C_IN },
};

int
detect_dns_server(enum fam f, const char *url, struct sockaddr_storage *sa, socklen_t *salen)
{
	if (strncmp(url, "dns://", 6) != 0 || dnsq_server(url + 6, sa, salen) == -1)
		return -1;
	return sa->ss_family == (f == FAM_V4 ? AF_INET : AF_INET6) ? 0 : -1;
}

/* dns:QNAME/TYPE[/CLASS]@URL, the URL http(s):// or dns://SERVER; 0 / -1. */
static int
dns_endpoint(enum fam f, const char *spec, struct endpoint *out)
{
	const char *at = strchr(spec, '@'), *s = spec + 4;
	size_t nl = strcspn(s, "/@");
	char type[8] = "", class[8] = "IN";
	struct sockaddr_storage sa;
	socklen_t salen;

	if (at == NULL || nl == 0 || nl > DNS_NAME_MAX || s[nl] != '/' ||
	    (strncmp(at + 1, "http://", 7) != 0 && strncmp(at + 1, "https://", 8) != 0 &&
	    detect_dns_server(f, at + 1, &sa, &salen) == -1))
		return -1;
	memset(out, 0, sizeof(*out));
	memcpy(out->qname, s, nl);
	s += nl + 1;
	if ((nl = strcspn(s, "/@")) >= sizeof(type))
		return -1;
	memcpy(type, s, nl);
	s += nl;
	if (*s == '/') {
		if ((nl = strcspn(++s, "@")) >= sizeof(class))
			return -1;
		memcpy(class, s, nl);
		class[nl] = '\0';
	}
	if (strcmp(type, "TXT") == 0)
		out->qtype = DNS_T_TXT;
	else if (strcmp(type, f == FAM_V4 ? "A" : "AAAA") == 0)
		out->qtype = f == FAM_V4 ? DNS_T_A : DNS_T_AAAA;
	else
		return -1;
	if (strcmp(class, "IN") == 0)
		out->qclass = DNS_C_IN;
	else if (strcmp(class, "CH") == 0)
		out->qclass = DNS_C_CH;
	else
		return -1;
	out->name = spec;
	out->url = at + 1;
	out->fam = DUAL;
	return 0;
}

int
detect_dns_endpoint(enum fam f, const char *spec, struct endpoint *out)
{
	for (size_t i = 0; i < sizeof(builtin_dns) / sizeof(builtin_dns[0]); i++) {
		if (strcmp(builtin_dns[i].name, spec) == 0 &&
		    (builtin_dns[i].fam == DUAL || builtin_dns[i].fam == (int)f)) {
			*out = builtin_dns[i];
			if (out->qtype == 0)
				out->qtype = f == FAM_V4 ? DNS_T_A : DNS_T_AAAA;
			return 0;
		}
	}
	return dns_endpoint(f, spec, out);
}

void
detect_dns_list(void)
{
	for (size_t i = 0; i < sizeof(builtin_dns) / sizeof(builtin_dns[0]); i++)
		printf("%-20s %-5s %s %s\n", builtin_dns[i].name, builtin_dns[i].fam == DUAL ?
		    "both" : fam_key((enum fam)builtin_dns[i].fam), builtin_dns[i].url,
		    builtin_dns[i].qname);
}

int
detect_dns_addr(enum fam f, const struct endpoint *ep, const struct dns_msg *m,
    char addr[ADDR_MAX], char *why, size_t n)
{
	char text[256], found[1][ADDR_MAX];

	if (ep->qtype != DNS_T_TXT && dns_addrs(m, ep->qname, f, found, 1) == 1) {
		memcpy(addr, found[0], ADDR_MAX);
		return 0;
	}
	for (size_t i = 0; ep->qtype == DNS_T_TXT && i < m->nrr; i++)
		if (m->rr[i].section == 1 && m->rr[i].type == DNS_T_TXT &&
		    dns_txt(&m->rr[i], text, sizeof(text)) == 0 &&
		    addr_parse(f, trim(text), addr) == 0)
			return 0;
	snprintf(why, n, "no %s address in the answer (%s)", fam_name(f),
	    dns_rcode_name(m->rcode));
	return -1;
}
