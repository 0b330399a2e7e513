/* verify = doh: the live record of each host (verify.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doh.h"
#include "http.h"
#include "log.h"
#include "run.h"
#include "verify.h"

/*
 * Connections at once to one resolver, and in all: an HTTP/1.1 resolver
 * answers this many lookups in one round trip; HTTP/2 shares one
 * connection (nicupdate.conf(5), verify).
 */
#define VERIFY_CONNS 256

/* The resolvers when the doh key is not set (nicupdate.conf(5), doh). */
static const char *const default_doh[] = {
	"https://cloudflare-dns.com/dns-query",
	"https://dns.google/dns-query",
};

/* One host and family, asked of the profile's resolvers in turn. */
struct vlookup {
	const struct profile *p;
	const char *host;
	enum fam fam;
	struct vanswer ans;
	struct http_req req;
	struct doh dq;
	size_t next;		/* the next resolver to ask */
	struct http_opts opts;
	const struct vlookup *same;	/* an earlier identical question, or NULL */
};

static size_t
nresolvers(const struct profile *p)
{
	return p->doh.n > 0 ? p->doh.n : sizeof(default_doh) / sizeof(default_doh[0]);
}

static const char *
resolver(const struct profile *p, size_t i)
{
	return p->doh.n > 0 ? p->doh.v[i] : default_doh[i];
}

/* Start l at its next resolver; 0, or -1 when none is left. */
static int
ask_next(struct http *h, struct vlookup *l)
{
	while (l->next < nresolvers(l->p)) {
		const char *url = resolver(l->p, l->next++);

		doh_free(&l->dq);
		http_req_reset(&l->req);
		memset(&l->req, 0, sizeof(l->req));
		if (doh_prepare(&l->dq, &l->req, url, l->host,
		    l->fam == FAM_V4 ? DNS_T_A : DNS_T_AAAA, DNS_C_IN) == -1) {
			log_info("%s/%s: verify: not a DNS name", l->p->name, l->host);
			return -1;
		}
		l->req.timeout_ms = l->p->timeout * 1000;
		l->req.multiplex = strncmp(url, "https://", 8) == 0;
		l->req.opts = &l->opts;
		l->req.data = l;
		if (http_start(h, &l->req) == 0)
			return 0;
		log_info("%s/%s: verify: %s: %s", l->p->name, l->host, url, l->req.err);
	}
	return -1;
}

/* Read l's answer; 0, or -1 (reported) to try the next resolver. */
static int
take(struct vlookup *l)
{
	struct dns_msg *m = xmalloc(sizeof(*m));
	struct vanswer *a = &l->ans;
	char why[300];
	int rc = -1;

	if (doh_answer(&l->dq, &l->req, m, why, sizeof(why)) == -1) {
		log_info("%s/%s: verify: %s: %s", l->p->name, l->host,
		    resolver(l->p, l->next - 1), why);
	} else {
		a->ok = 1;
		a->nxdomain = m->rcode == DNS_R_NXDOMAIN;
		a->n = a->nxdomain ? 0 : dns_addrs(m, l->host, l->fam, a->addr, VERIFY_ADDRS);
		a->ttl = doh_ttl(m);
		rc = 0;
	}
	free(m);
	return rc;
}

static int
same_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* 1 when a and b ask the same question of the same resolvers the same way. */
static int
same_question(const struct vlookup *a, const struct vlookup *b)
{
	if (a->fam != b->fam || strcasecmp(a->host, b->host) != 0 ||
	    nresolvers(a->p) != nresolvers(b->p) || a->p->timeout != b->p->timeout ||
	    !same_str(a->opts.ca_file, b->opts.ca_file) ||
	    !same_str(a->opts.ca_dir, b->opts.ca_dir) ||
	    !same_str(a->opts.proxy, b->opts.proxy) ||
	    !same_str(a->opts.interface, b->opts.interface))
		return 0;
	for (size_t i = 0; i < nresolvers(a->p); i++)
		if (strcmp(resolver(a->p, i), resolver(b->p, i)) != 0)
			return 0;
	return 1;
}

static void
plan(struct verify *v, const struct config *c, const int *sel, const struct run_opts *o,
    int (*enabled)(const struct profile *, const struct run_opts *, enum fam))
{
	for (size_t i = 0; i < c->nprof; i++) {
		const struct profile *p = &c->prof[i];

		if (!sel[i] || !p->verify || o->force)
			continue;
		for (size_t h = 0; h < p->hosts.n; h++) {
			for (int f = 0; f < FAM_N; f++) {
				struct vlookup *l;

				if (!enabled(p, o, (enum fam)f) ||
				    (o->hosts.n > 0 && !strlist_has_host(&o->hosts, p->hosts.v[h])))
					continue;
				v->l = xrealloc(v->l, (v->n + 1) * sizeof(*v->l));
				l = &v->l[v->n++];
				memset(l, 0, sizeof(*l));
				l->p = p;
				l->host = p->hosts.v[h];
				l->fam = (enum fam)f;
				l->opts.ca_file = p->ssl_ca_file;
				l->opts.ca_dir = p->ssl_ca_dir;
				l->opts.proxy = p->proxy;
				l->opts.interface = p->interface;
			}
		}
	}
}

void
verify_run(struct verify *v, const struct config *c, const int *sel,
    const struct run_opts *o,
    int (*enabled)(const struct profile *, const struct run_opts *, enum fam))
{
	struct http *h;
	long long deadline = now_ms();
	long longest = 0;
	size_t unanswered = 0;

	memset(v, 0, sizeof(*v));
	plan(v, c, sel, o, enabled);
	if (v->n == 0)
		return;
	if ((h = http_new()) == NULL) {
		log_warn("verify: cannot start HTTP transfers");
		return;
	}
	http_set_conns(h, VERIFY_CONNS, VERIFY_CONNS);
	for (size_t i = 0; i < v->n; i++) {
		/* v->l no longer moves: requests and answers are kept by address */
		for (size_t j = 0; j < i && v->l[i].same == NULL; j++)
			if (v->l[j].same == NULL && same_question(&v->l[i], &v->l[j]))
				v->l[i].same = &v->l[j];
		if (v->l[i].same == NULL)
			ask_next(h, &v->l[i]);
		if (v->l[i].p->timeout > longest)
			longest = v->l[i].p->timeout;
	}
	/* a failed resolver makes way for the next, all within one timeout */
	deadline += longest * 1000;
	while (http_running(h) > 0) {
		struct http_req *q = http_wait(h, deadline);
		struct vlookup *l;

		if (q == NULL)
			break;
		l = q->data;
		if (take(l) == -1)
			ask_next(h, l);
	}
	for (size_t i = 0; i < v->n; i++) {
		http_cancel(h, &v->l[i].req);
		if (v->l[i].same != NULL)
			v->l[i].ans = v->l[i].same->ans;
		unanswered += !v->l[i].ans.ok;
	}
	http_free(h);
	/* one line per run, not per host: -v shows each failure */
	if (unanswered > 0)
		log_warn("verify: no resolver answered for %zu of %zu lookups; those hosts "
		    "are decided as without verify", unanswered, v->n);
}

const struct vanswer *
verify_find(const struct verify *v, const struct profile *p, const char *host, enum fam f)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->l[i].p == p && v->l[i].fam == f && strcmp(v->l[i].host, host) == 0)
			return &v->l[i].ans;
	return NULL;
}

void
verify_free(struct verify *v)
{
	for (size_t i = 0; i < v->n; i++) {
		http_req_reset(&v->l[i].req);
		doh_free(&v->l[i].dq);
	}
	free(v->l);
	memset(v, 0, sizeof(*v));
}

static int
holds(const struct vanswer *a, const char *addr)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->addr[i], addr) == 0)
			return 1;
	return 0;
}

int
verify_adjust(const struct srec *rec, const struct vanswer *a, const char *addr,
    long min_interval, long long now, struct decision *d)
{
	long long grace;

	/* no answer: exactly as without verify */
	if (a == NULL || !a->ok)
		return VERIFY_KEEP;
	if (d->send && (rec == NULL || rec->atime <= 0) && holds(a, addr)) {
		d->send = 0;
		d->rc = EX_DONE;
		d->next = 0;
		d->why = "up to date (verified)";
		return VERIFY_SKIP;
	}
	if (d->send || d->rc != EX_DONE || rec == NULL || holds(a, addr))
		return VERIFY_KEEP;
	/* a resolver may serve the old record until its TTL runs out */
	grace = a->ttl > (uint32_t)min_interval ? (long long)a->ttl : min_interval;
	if (now - rec->mtime < grace)
		return VERIFY_KEEP;
	d->send = 1;
	d->rc = EX_DONE;
	d->next = 0;
	d->why = a->n == 0 ? "the live record is missing (verified)" :
	    "the live record holds another address (verified)";
	return VERIFY_SEND;
}

void
verify_record(struct state *st, const struct profile *p, const char *host, enum fam f,
    const char *addr, uint32_t fp, long long now)
{
	struct srec *r = state_get(st, p->name, host, f);

	snprintf(r->addr, sizeof(r->addr), "%s", addr);
	policy_status(r->status, sizeof(r->status), OUT_NOCHG, "verified");
	r->atime = r->mtime = now;
	r->fp = fp;
	st->dirty = 1;
}
