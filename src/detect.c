#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "dnsq.h"
#include "doh.h"
#include "http.h"
#include "log.h"

#define V4 FAM_V4
#define V6 FAM_V6
#define DUAL (-1)

/* Built-in endpoints (nicupdate.conf(5), webv4): ours and ddclient's names whose services still exist. */
static const struct endpoint builtin[] = {
	{ "ipify-ipv4", "https://api.ipify.org/", V4, NULL, "", 0, 0 },
	{ "ipify-ipv6", "https://api6.ipify.org/", V6, NULL, "", 0, 0 },
	{ "icanhazip-ipv4", "https://ipv4.icanhazip.com/", V4, NULL, "", 0, 0 },
	{ "icanhazip-ipv6", "https://ipv6.icanhazip.com/", V6, NULL, "", 0, 0 },
	{ "ident.me-ipv4", "https://v4.ident.me/", V4, NULL, "", 0, 0 },
	{ "ident.me-ipv6", "https://v6.ident.me/", V6, NULL, "", 0, 0 },
	{ "ifconfig.me", "https://ifconfig.me/ip", DUAL, NULL, "", 0, 0 },
	{ "cloudflare-trace", "https://www.cloudflare.com/cdn-cgi/trace", DUAL, NULL, "", 0, 0 },
	{ "aws", "https://checkip.amazonaws.com/", V4, NULL, "", 0, 0 },
	{ "dyndns", "http://checkip.dyndns.org/", V4, "Current IP Address:", "", 0, 0 },
	{ "infomaniak", "https://www.infomaniak.com/ip.php", DUAL, NULL, "", 0, 0 },
	{ "loopia", "https://dns.loopia.se/checkip/checkip.php", V4, "Current IP Address:", "", 0, 0 },
	{ "dynu", "https://checkip.dynu.com/", DUAL, NULL, "", 0, 0 },
	{ "freedns", "https://freedns.afraid.org/dynamic/check.php", DUAL, NULL, "", 0, 0 },
	{ "he.net", "https://checkip.dns.he.net/", DUAL, NULL, "", 0, 0 },
	{ "ip4only.me", "https://ip4only.me/api/", V4, NULL, "", 0, 0 },
	{ "ip6only.me", "https://ip6only.me/api/", V6, NULL, "", 0, 0 },
	{ "myonlineportal", "https://myonlineportal.net/checkip", DUAL, NULL, "", 0, 0 },
	{ "noip-ipv4", "http://ip1.dynupdate.no-ip.com/", V4, NULL, "", 0, 0 },
	{ "noip-ipv6", "http://ip1.dynupdate6.no-ip.com/", V6, NULL, "", 0, 0 },
	{ "nsupdate.info-ipv4", "https://ipv4.nsupdate.info/myip", V4, NULL, "", 0, 0 },
	{ "nsupdate.info-ipv6", "https://ipv6.nsupdate.info/myip", V6, NULL, "", 0, 0 },
	{ "desec-ipv4", "https://checkipv4.dedyn.io/", V4, NULL, "", 0, 0 },
	{ "desec-ipv6", "https://checkipv6.dedyn.io/", V6, NULL, "", 0, 0 },
	{ "joker-ipv4", "https://ipv4.svc.joker.com/nic/checkip", V4, NULL, "", 0, 0 },
	{ "joker-ipv6", "https://ipv6.svc.joker.com/nic/checkip", V6, NULL, "", 0, 0 },
	{ "zoneedit", "https://dynamic.zoneedit.com/checkip.html", DUAL, NULL, "", 0, 0 },
};

static const char *defaults[FAM_N][3] = {
	{ "ipify-ipv4", "icanhazip-ipv4", "ident.me-ipv4" },
	{ "ipify-ipv6", "icanhazip-ipv6", "ident.me-ipv6" },
};

int
detect_endpoint(enum fam f, const char *spec, struct endpoint *out)
{
	struct endpoint tmp;

	if (out == NULL)
		out = &tmp;
	if (strncmp(spec, "dns:", 4) == 0)
		return detect_dns_endpoint(f, spec, out);
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
		if (strcmp(builtin[i].name, spec) == 0) {
			if (builtin[i].fam != DUAL && builtin[i].fam != (int)f)
				return -1;
			*out = builtin[i];
			return 0;
		}
	}
	if (strncmp(spec, "http://", 7) != 0 && strncmp(spec, "https://", 8) != 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->name = out->url = spec;
	out->fam = DUAL;
	return 0;
}

void
detect_default_web(enum fam f, struct strlist *l)
{
	for (size_t i = 0; i < 3; i++)
		strlist_add(l, defaults[f][i]);
}

void
detect_list_builtin(void)
{
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		printf("%-20s %-5s %s\n", builtin[i].name,
		    builtin[i].fam == DUAL ? "both" : fam_key((enum fam)builtin[i].fam),
		    builtin[i].url);
	detect_dns_list();
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* What family f's web and dns: detection is bound to (nicupdate.conf(5), webv4-interface). */
static const char *
bind_of(enum fam f, const struct profile *p)
{
	return p->src[f].bind ? p->src[f].bind : p->interface;
}

int
detect_same(enum fam f, const struct profile *a, const struct profile *b)
{
	const struct source *x = &a->src[f], *y = &b->src[f];

	if (x->use != y->use || a->allow_private != b->allow_private)
		return 0;
	switch (x->use) {
	case USE_DISABLED:
		return 1;
	case USE_STATIC:
		return same_str(x->ip, y->ip);
	case USE_IF:
		return same_str(x->ifname, y->ifname) && a->v6_temporary == b->v6_temporary;
	case USE_CMD:
		return same_str(x->cmd, y->cmd) && same_str(x->skip, y->skip);
	case USE_WEB:
	case USE_N:
		break;
	}
	if (x->web.n != y->web.n || !same_str(x->skip, y->skip) ||
	    !same_str(a->proxy, b->proxy) || !same_str(a->ssl_ca_file, b->ssl_ca_file) ||
	    !same_str(a->ssl_ca_dir, b->ssl_ca_dir) || !same_str(bind_of(f, a), bind_of(f, b)))
		return 0;
	for (size_t i = 0; i < x->web.n; i++)
		if (strcmp(x->web.v[i], y->web.v[i]) != 0)
			return 0;
	return 1;
}

/* One endpoint of one race. */
struct attempt {
	struct http_req req;
	struct endpoint ep;
	struct doh dq;		/* for a DNS endpoint */
	struct dnsq pq;		/* for a dns:// endpoint: plain DNS */
	int plain;
	long long deadline;	/* of a plain DNS question */
	struct race *race;
	int started, finished;
};

/* The endpoints of one web detection, raced. */
struct race {
	struct detection *d;
	struct attempt *at;
	size_t n, next;		/* endpoints, and the next to start */
	int active;
	int decided;
	long long hedge_at;	/* when to start the next endpoint anyway */
	struct http_opts opts;
};

/* Ask a dns:// endpoint over plain DNS; 0 / -1 (a->pq.err set). */
static int
plain_start(struct attempt *a)
{
	struct sockaddr_storage sa;
	socklen_t salen;

	/* the config reader checked the server's form and family */
	detect_dns_server(a->race->d->fam, a->ep.url, &sa, &salen);
	a->deadline = now_ms() + a->req.timeout_ms;
	return dnsq_start(&a->pq, &sa, salen, a->req.opts->interface, a->ep.qname,
	    a->ep.qtype, a->ep.qclass);
}

static void
start_next(struct http *h, struct race *r, long hedge_ms)
{
	while (r->next < r->n) {
		struct attempt *a = &r->at[r->next++];

		a->started = 1;
		if (a->plain ? plain_start(a) == 0 : http_start(h, &a->req) == 0) {
			r->active++;
			r->hedge_at = now_ms() + hedge_ms;
			return;
		}
		a->finished = 1;
		buf_printf(&r->d->report, "  %s: %s\n", a->ep.name, a->plain ? a->pq.err :
		    a->req.err);
	}
}

/* The address in a DNS endpoint's answer; 0 / -1. */
static int
dns_judge(const struct attempt *a, char addr[ADDR_MAX], char *why, size_t n)
{
	struct dns_msg *m = xmalloc(sizeof(*m));
	int rc = -1;

	if ((a->plain ? dnsq_answer(&a->pq, m, why, n) :
	    doh_answer(&a->dq, &a->req, m, why, n)) == 0)
		rc = detect_dns_addr(a->race->d->fam, &a->ep, m, addr, why, n);
	free(m);
	return rc;
}

/* Judge a finished answer; 1 if it decided the race. */
static int
judge(struct race *r, struct attempt *a)
{
	struct detection *d = r->d;
	const struct http_req *q = &a->req;
	const char *skip = d->p->src[d->fam].skip ? d->p->src[d->fam].skip : a->ep.skip;
	char addr[ADDR_MAX], why[300];

	if (a->ep.qname[0] != '\0') {
		if (dns_judge(a, addr, why, sizeof(why)) == 0 &&
		    addr_accept(d->fam, addr, d->p->allow_private, why, sizeof(why)) == 0)
			goto good;
	} else if (q->failed)
		snprintf(why, sizeof(why), "%s", q->err);
	else if (q->status < 200 || q->status > 299)
		snprintf(why, sizeof(why), "HTTP %ld", q->status);
	else if (addr_extract(d->fam, q->resp, q->resp_len, skip, addr, why,
	    sizeof(why)) == 0 &&
	    addr_accept(d->fam, addr, d->p->allow_private, why, sizeof(why)) == 0)
		goto good;
	buf_printf(&d->report, "  %s: rejected: %s\n", a->ep.name, why);
	return 0;
good:
	buf_printf(&d->report, "  %s: %s\n", a->ep.name, addr);
	memcpy(d->addr, addr, ADDR_MAX);
	return 1;
}

static void
race_init(struct race *r, struct detection *d)
{
	const struct profile *p = d->p;
	const struct source *s = &p->src[d->fam];

	memset(r, 0, sizeof(*r));
	r->d = d;
	r->opts.ca_file = p->ssl_ca_file;
	r->opts.ca_dir = p->ssl_ca_dir;
	r->opts.proxy = p->proxy;
	r->opts.interface = bind_of(d->fam, p);
	r->n = s->web.n;
	r->at = xcalloc(r->n, sizeof(*r->at));
	for (size_t i = 0; i < r->n; i++) {
		struct attempt *a = &r->at[i];

		detect_endpoint(d->fam, s->web.v[i], &a->ep);
		a->race = r;
		a->req.url = a->ep.url;
		a->req.family = d->fam == FAM_V4 ? 4 : 6;
		a->req.timeout_ms = p->timeout * 1000;
		a->req.max_body = DETECT_MAX_BODY;
		a->req.opts = &r->opts;
		a->req.data = a;
		a->pq.fd = -1;
		a->plain = strncmp(a->ep.url, "dns://", 6) == 0;
		/* a name that does not fit was refused by the config reader */
		if (a->ep.qname[0] != '\0' && !a->plain)
			doh_prepare(&a->dq, &a->req, a->ep.url, a->ep.qname, a->ep.qtype,
			    a->ep.qclass);
	}
}

/* The race is decided: stop the endpoints still running. */
static void
race_decide(struct http *h, struct race *r)
{
	r->decided = 1;
	for (size_t i = 0; i < r->n; i++) {
		struct attempt *a = &r->at[i];

		if (a->started && !a->finished) {
			if (a->plain)
				dnsq_free(&a->pq);
			else
				http_cancel(h, &a->req);
			a->finished = 1;
			r->active--;
			buf_printf(&r->d->report, "  %s: cancelled, another answered first\n",
			    a->ep.name);
		}
	}
}

static void
race_free(struct race *r)
{
	for (size_t i = 0; i < r->n; i++) {
		http_req_reset(&r->at[i].req);
		doh_free(&r->at[i].dq);
		dnsq_free(&r->at[i].pq);
	}
	free(r->at);
}

/* Attempt a has finished: judge it, and hedge at once if it failed. */
static void
finished(struct http *h, struct attempt *a, long hedge_ms)
{
	struct race *r = a->race;

	a->finished = 1;
	r->active--;
	if (judge(r, a))
		race_decide(h, r);
	else if (r->next < r->n)
		start_next(h, r, hedge_ms);
}

/*
 * Go on with the plain DNS questions whose descriptors (fds, in the order
 * detect_run() gathered them) are ready or whose time is up.
 */
static void
plain_progress(struct http *h, struct race *races, size_t nraces, const struct pollfd *fds,
    unsigned nfds, long hedge_ms)
{
	long long now = now_ms();
	struct attempt **ready = xcalloc(nfds + 1, sizeof(*ready));
	unsigned k = 0, nready = 0;

	/* gathered first: finishing one may start or cancel others */
	for (size_t i = 0; i < nraces; i++)
		for (size_t j = 0; !races[i].decided && j < races[i].next && k < nfds; j++) {
			struct attempt *a = &races[i].at[j];

			if (!a->plain || a->finished)
				continue;
			if (fds[k++].revents != 0 || now >= a->deadline)
				ready[nready++] = a;
		}
	for (unsigned i = 0; i < nready; i++) {
		struct attempt *a = ready[i];

		if (a->finished || a->race->decided)
			continue;
		if (now >= a->deadline && a->pq.fd != -1) {
			snprintf(a->pq.err, sizeof(a->pq.err), "%s: no answer in time",
			    a->pq.tcp ? "TCP" : "UDP");
			dnsq_free(&a->pq);
			finished(h, a, hedge_ms);
		} else if (dnsq_step(&a->pq) == 1) {
			finished(h, a, hedge_ms);
		}
	}
	free(ready);
}

/* Sources that need no network are read at once. */
static void
detect_local(struct detection *d)
{
	const struct profile *p = d->p;
	const struct source *s = &p->src[d->fam];
	char addr[ADDR_MAX], why[200];
	int rc;

	switch (s->use) {
	case USE_STATIC:
		snprintf(d->addr, ADDR_MAX, "%s", s->ip);
		buf_printf(&d->report, "  static: %s\n", s->ip);
		return;
	case USE_IF:
		rc = local_ifaddr(d->fam, s->ifname, p->allow_private, p->v6_temporary, addr,
		    why, sizeof(why));
		buf_printf(&d->report, "  interface %s: ", s->ifname);
		break;
	case USE_CMD:
		rc = local_cmd(p->name, d->fam, s->cmd, s->skip, p->timeout, addr, why,
		    sizeof(why));
		if (rc == 0)
			rc = addr_accept(d->fam, addr, p->allow_private, why, sizeof(why));
		buf_printf(&d->report, "  command %s: ", s->cmd);
		break;
	default:
		return;
	}
	if (rc == 0) {
		buf_printf(&d->report, "%s\n", addr);
		memcpy(d->addr, addr, ADDR_MAX);
	} else {
		buf_printf(&d->report, "rejected: %s\n", why);
	}
}

void
detect_run(struct detection *d, size_t n, long hedge_ms)
{
	struct race *races = xcalloc(n, sizeof(*races));
	struct pollfd *fds = NULL;
	struct http *h = NULL;
	size_t nraces = 0;

	for (size_t i = 0; i < n; i++) {
		d[i].addr[0] = '\0';
		buf_add(&d[i].report, "", 0);
		if (d[i].p->src[d[i].fam].use != USE_WEB)
			detect_local(&d[i]);
		else
			race_init(&races[nraces++], &d[i]);
	}
	if (nraces > 0 && (h = http_new()) == NULL) {
		for (size_t i = 0; i < nraces; i++)
			buf_printf(&races[i].d->report, "  cannot start HTTP transfers\n");
		nraces = 0;
	}
	for (size_t i = 0; i < nraces; i++)
		start_next(h, &races[i], hedge_ms);
	for (;;) {
		long long wake = now_ms() + 3600 * 1000LL;
		struct http_req *q;
		int pending = 0;
		unsigned nfds = 0;

		for (size_t i = 0; i < nraces; i++) {
			struct race *r = &races[i];

			if (r->decided)
				continue;
			if (r->next < r->n && r->hedge_at < wake)
				wake = r->hedge_at;
			pending |= r->active > 0 || r->next < r->n;
			for (size_t j = 0; j < r->next; j++)
				if (r->at[j].plain && !r->at[j].finished) {
					fds = xrealloc(fds, (nfds + 1) * sizeof(*fds));
					fds[nfds].fd = dnsq_fd(&r->at[j].pq, &fds[nfds].events);
					nfds++;
					if (r->at[j].deadline < wake)
						wake = r->at[j].deadline;
				}
		}
		if (!pending)
			break;
		q = http_wait_fds(h, wake, fds, nfds);
		if (q != NULL) {
			finished(h, q->data, hedge_ms);
			continue;
		}
		plain_progress(h, races, nraces, fds, nfds, hedge_ms);
		{
			/* hedge: a slow endpoint gets company */
			long long now = now_ms();

			for (size_t i = 0; i < nraces; i++) {
				struct race *r = &races[i];

				if (!r->decided && r->next < r->n &&
				    (r->hedge_at <= now || r->active == 0))
					start_next(h, r, hedge_ms);
			}
		}
	}
	free(fds);
	for (size_t i = 0; i < nraces; i++)
		race_free(&races[i]);
	http_free(h);
	free(races);
}

void
detection_free(struct detection *d)
{
	buf_free(&d->report);
}
