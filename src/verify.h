/*
 * verify = doh: what each host's record holds now, asked over DNS over
 * HTTPS (doh.h) right after detection, every lookup of a run at once; and
 * the pure rule that adjusts the policy's decision with that answer
 * (nicupdate.conf(5), Checking the live record).
 */
#ifndef NICUPDATE_VERIFY_H
#define NICUPDATE_VERIFY_H

#include <stdint.h>

#include "addr.h"
#include "config.h"
#include "policy.h"
#include "state.h"

#define VERIFY_ADDRS 8		/* addresses kept from one answer */

/* What a resolver said about one host and family. */
struct vanswer {
	int ok;			/* 0: no resolver answered; the answer is unknown */
	int nxdomain;
	char addr[VERIFY_ADDRS][ADDR_MAX];
	size_t n;		/* 0 with ok: NXDOMAIN or no such record */
	uint32_t ttl;		/* of the answer, or of the negative answer's SOA */
};

struct vlookup;

/* The lookups of one run. */
struct verify {
	struct vlookup *l;
	size_t n;
};

struct run_opts;

/*
 * Look up every host of the selected profiles (sel[i]) that have verify
 * on, for each family enabled(p, o, f) says takes part; nothing with
 * --force. Every lookup runs at once, each trying the profile's resolvers
 * in turn, all within the profile's timeout.
 */
void verify_run(struct verify *v, const struct config *c, const int *sel,
    const struct run_opts *o,
    int (*enabled)(const struct profile *, const struct run_opts *, enum fam));
/* The answer for host and family f of p, or NULL when it was not asked. */
const struct vanswer *verify_find(const struct verify *v, const struct profile *p,
    const char *host, enum fam f);
void verify_free(struct verify *v);

enum { VERIFY_KEEP, VERIFY_SKIP, VERIFY_SEND };

/*
 * Adjust d, the policy's decision for a host whose state is rec (or NULL)
 * and whose address should be addr, with the live answer a (NULL: not
 * asked). No I/O; the clock is a parameter. Returns VERIFY_SKIP when a
 * first update is dropped because the record already holds addr (the
 * caller records it as verified), VERIFY_SEND when an update the state
 * calls needless is sent because the record differs, else VERIFY_KEEP.
 */
int verify_adjust(const struct srec *rec, const struct vanswer *a, const char *addr,
    long min_interval, long long now, struct decision *d);
/* Record host as up to date (verified) with addr, without an update. */
void verify_record(struct state *st, const struct profile *p, const char *host,
    enum fam f, const char *addr, uint32_t fp, long long now);

#endif
