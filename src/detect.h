/*
 * Finding the public address. Each distinct source is asked once per run;
 * web endpoints are raced with hedging: the first at once, the next after
 * a short delay or as soon as one fails; the first valid answer wins.
 */
#ifndef NICUPDATE_DETECT_H
#define NICUPDATE_DETECT_H

#include "addr.h"
#include "config.h"

#define DETECT_MAX_BODY (64 * 1024)
#define DETECT_HEDGE_MS 1000

/* A web endpoint: built-in or a plain URL. */
struct endpoint {
	const char *name;	/* built-in name, or the URL itself */
	const char *url;
	int fam;		/* FAM_V4, FAM_V6, or -1 for dual-stack */
	const char *skip;	/* built-in web-skip text, or NULL */
};

/* Resolve a webv4/webv6 item for family f; 0, or -1 if unknown or wrong family. */
int detect_endpoint(enum fam f, const char *spec, struct endpoint *out);
/* The default endpoints for family f. */
void detect_default_web(enum fam f, struct strlist *l);
/* Print the built-in endpoints ("name url"), one per line. */
void detect_list_builtin(void);

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

/* Local sources (local.c): an interface's address, a command's output. */
int local_ifaddr(enum fam f, const char *ifname, int allow_private,
    char out[ADDR_MAX], char *why, size_t whylen);
/* profile names the first profile that uses the command, for its environment. */
int local_cmd(const char *profile, enum fam f, const char *cmd, const char *skip,
    long timeout_s, char out[ADDR_MAX], char *why, size_t whylen);

/* Check an extracted address against the profile's range policy; 0 / -1. */
int detect_accept(enum fam f, const char *addr, int allow_private, char *why,
    size_t whylen);

#endif
