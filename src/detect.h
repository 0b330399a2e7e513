/*
 * Finding the public address. Each distinct source is asked once per run;
 * web endpoints are raced with hedging: the first at once, the next after
 * a short delay or as soon as one fails; the first valid answer wins.
 */
#ifndef NICUPDATE_DETECT_H
#define NICUPDATE_DETECT_H

#include <sys/socket.h>

#include "addr.h"
#include "config.h"
#include "dns.h"
#include "local.h"

#define DETECT_MAX_BODY ADDR_ANSWER_MAX
#define DETECT_HEDGE_MS 1000

/*
 * A web endpoint: built-in or a plain URL; or a DNS one (dns:NAME, or
 * dns:QNAME/TYPE[/CLASS]@URL): a question asked over DoH at url.
 */
struct endpoint {
	const char *name;	/* built-in name, or the item itself */
	const char *url;	/* the page, or the DoH resolver */
	int fam;		/* FAM_V4, FAM_V6, or -1 for dual-stack */
	const char *skip;	/* built-in web-skip text, or NULL */
	char qname[DNS_NAME_MAX + 1];	/* "" for a web endpoint */
	int qtype, qclass;	/* DNS_T_A, DNS_T_AAAA (by family) or DNS_T_TXT */
};

/*
 * Resolve a webv4/webv6 item for family f; 0, or -1 if unknown, malformed
 * or of the wrong family.
 */
int detect_endpoint(enum fam f, const char *spec, struct endpoint *out);
/* The default endpoints for family f. */
void detect_default_web(enum fam f, struct strlist *l);
/* Print the built-in endpoints ("name url"), one per line. */
void detect_list_builtin(void);

/* The dns: sources (detect_dns.c). */
/* Resolve a dns: item for family f, as detect_endpoint(); 0 / -1. */
int detect_dns_endpoint(enum fam f, const char *spec, struct endpoint *out);
/* Print the built-in dns: sources, one per line, after the web ones. */
void detect_dns_list(void);
/* The server of a dns:// URL of family f; 0 / -1. */
int detect_dns_server(enum fam f, const char *url, struct sockaddr_storage *sa,
    socklen_t *salen);
/*
 * The address in the answer m to endpoint ep: the first A/AAAA record of
 * the name, or the first TXT string that is an address of family f; 0, or
 * -1 with why set.
 */
int detect_dns_addr(enum fam f, const struct endpoint *ep, const struct dns_msg *m,
    char addr[ADDR_MAX], char *why, size_t n);

/* One distinct address source, shared by every profile that uses it. */
struct detection {
	enum fam fam;
	const struct profile *p;	/* first user; its source and HTTP settings */
	char addr[ADDR_MAX];		/* the answer, "" when none */
	struct buf report;		/* one line per step, for --query and errors */
};

/* Are a and b the same source for family f? */
int detect_same(enum fam f, const struct profile *a, const struct profile *b);

/*
 * Run every detection at once. Fills addr, or leaves it empty and explains
 * why in report. hedge_ms is the delay before the next endpoint is asked.
 */
void detect_run(struct detection *d, size_t n, long hedge_ms);
void detection_free(struct detection *d);

#endif
