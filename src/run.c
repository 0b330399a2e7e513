/* One run: select, detect, decide, send, record (run.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "detect.h"
#include "http.h"
#include "ipv6.h"
#include "log.h"
#include "policy.h"
#include "postscript.h"
#include "proto.h"
#include "run.h"
#include "state.h"
#include "verify.h"

int
run_select(const struct config *c, const struct run_opts *o, int *selected)
{
	int rc = 0;

	for (size_t i = 0; i < c->nprof; i++)
		selected[i] = o->profiles.n == 0 || strlist_has(&o->profiles, c->prof[i].name);
	for (size_t k = 0; k < o->profiles.n; k++) {
		int found = 0;

		for (size_t i = 0; i < c->nprof; i++)
			found |= strcmp(c->prof[i].name, o->profiles.v[k]) == 0;
		if (!found) {
			log_error("%s: no such profile in %s", o->profiles.v[k], c->path);
			rc = -1;
		}
	}
	for (size_t k = 0; k < o->hosts.n; k++) {
		int found = 0;

		for (size_t i = 0; i < c->nprof; i++)
			found |= selected[i] && strlist_has_host(&c->prof[i].hosts, o->hosts.v[k]);
		if (!found) {
			log_error("%s: no such host in the selected profiles", o->hosts.v[k]);
			rc = -1;
		}
	}
	return rc;
}

int
run_fam_enabled(const struct profile *p, const struct run_opts *o, enum fam f)
{
	if (f == FAM_V6 && (p->proto->flags & P_V4ONLY))
		return 0;
	return o->ip[f] != NULL || p->src[f].use != USE_DISABLED;
}

/* The detections this run needs, each distinct source once. */
struct plan {
	struct detection *det;
	size_t ndet;
	int (*which)[FAM_N];	/* per profile and family: index into det, or -1 */
};

static void
plan_detections(const struct config *c, const struct run_opts *o, const int *sel,
    struct plan *pl)
{
	pl->det = xcalloc(c->nprof * FAM_N, sizeof(*pl->det));
	pl->which = xcalloc(c->nprof, sizeof(*pl->which));
	for (size_t i = 0; i < c->nprof; i++) {
		for (int f = 0; f < FAM_N; f++) {
			const struct profile *p = &c->prof[i];
			size_t k;

			pl->which[i][f] = -1;
			if (!sel[i] || o->ip[f] != NULL || p->src[f].use == USE_DISABLED)
				continue;
			for (k = 0; k < pl->ndet; k++)
				if (pl->det[k].fam == (enum fam)f &&
				    detect_same((enum fam)f, pl->det[k].p, p))
					break;
			if (k == pl->ndet) {
				pl->det[k].fam = (enum fam)f;
				pl->det[k].p = p;
				pl->ndet++;
			}
			pl->which[i][f] = (int)k;
		}
	}
}

static void
plan_free(struct plan *pl)
{
	for (size_t k = 0; k < pl->ndet; k++)
		detection_free(&pl->det[k]);
	free(pl->det);
	free(pl->which);
}

/* The report of a detection as one line: "a: x; b: y". */
static char *
one_line(const struct buf *report)
{
	char *copy = xstrdup(report->s ? report->s : ""), *save = NULL;
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		buf_printf(&b, "%s%s", b.len ? "; " : "", trim(l));
	free(copy);
	return b.s;
}

/* The same report entry for every host and enabled family of p. */
static void
report_profile(const struct run_opts *o, const struct profile *p, const char *action,
    const char *answer, const char *reason)
{
	for (size_t h = 0; h < p->hosts.n; h++)
		for (int f = 0; f < FAM_N; f++)
			if (run_fam_enabled(p, o, (enum fam)f))
				report_host(o->report, p->name, p->hosts.v[h], (enum fam)f, NULL,
				    action, answer, reason);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A host without a usable IPv6 address: reported, nothing sent. */
static void
run_no_addr(const struct run_opts *o, const struct profile *p, const char *host,
    const char *why, int *rc)
{
	log_error("%s/%s: IPv6: %s, nothing sent", p->name, host, why);
	report_host(o->report, p->name, host, FAM_V6, NULL, "no-address", NULL, why);
	*rc = exit_merge(*rc, EX_TEMP);
}

/* Decide every host of profile p for family f, queueing what must be sent. */
static int
decide_profile(const struct profile *p, enum fam f, const char *paddr,
    const struct run_opts *o, struct state *st, struct sendq *q, const struct verify *v)
{
	struct intervals iv = { p->min_interval, p->max_interval, p->min_error_interval };
	struct batch *b = NULL;
	const char **sorted = xcalloc(p->hosts.n, sizeof(*sorted));
	int rc = EX_DONE;

	/* hosts go out sorted, as ddclient sends them */
	memcpy(sorted, p->hosts.v, p->hosts.n * sizeof(*sorted));
	qsort(sorted, p->hosts.n, sizeof(*sorted), cmp_str);
	for (size_t h = 0; h < p->hosts.n; h++) {
		const char *host = sorted[h], *addr = paddr;
		const struct srec *rec;
		struct decision d;
		char own[ADDR_MAX], why[200];

		if (o->hosts.n > 0 && !strlist_has_host(&o->hosts, host))
			continue;
		/* a host with an ipv6-suffix has an address of its own (ipv6.h) */
		if (f == FAM_V6) {
			if (ipv6_host_addr(p, host, paddr, own, why, sizeof(why)) == -1) {
				run_no_addr(o, p, host, why, &rc);
				continue;
			}
			addr = own;
		}
		rec = state_find(st, p->name, host, f);
		policy_decide(rec, addr, run_fingerprint(p, host, f), &iv, o->now, o->force, &d);
		if (verify_adjust(rec, verify_find(v, p, host, f), addr, p->min_interval, o->now,
		    &d) == VERIFY_SKIP && !o->dry_run)
			verify_record(st, p, host, f, addr, run_fingerprint(p, host, f), o->now);
		if (!d.send) {
			report_host(o->report, p->name, host, f, addr, d.rc == EX_DONE ?
			    "up-to-date" : d.rc == EX_TEMP ? "waiting" : "locked", NULL, d.why);
			if (d.rc == EX_DONE)
				log_info("%s/%s: %s %s is %s", p->name, host, fam_name(f), addr,
				    d.why);
			else if (d.next > 0) {
				char note[200];

				/* said when the wait began; a planned wait is not a failure */
				run_wait_note(note, sizeof(note), p, rec, &d);
				log_info("%s/%s: %s: %s", p->name, host, fam_name(f), note);
			} else {
				log_error("%s/%s: %s: %s", p->name, host, fam_name(f), d.why);
			}
			rc = exit_merge(rc, d.rc == EX_TEMP ? EX_DONE : d.rc);
			continue;
		}
		log_info("%s/%s: %s %s: sending (%s)", p->name, host, fam_name(f), addr, d.why);
		if (b == NULL || b->nhosts == (size_t)p->proto->max_hosts ||
		    strcmp(b->addr, addr) != 0) {
			b = batch_new(p, f, addr);
			q->b = xrealloc(q->b, (q->n + 1) * sizeof(*q->b));
			q->b[q->n++] = b;
		}
		b->hosts[b->nhosts++] = host;
	}
	free(sorted);
	return rc;
}

static void
print_dry_run(const struct sendq *q, const struct run_opts *o)
{
	for (size_t i = 0; i < q->n; i++) {
		struct batch *b = q->b[i];

		batch_build(b);
		for (size_t h = 0; h < b->nhosts; h++)
			report_host(o->report, b->p->name, b->hosts[h], b->fam, b->addr,
			    "would-send", NULL, b->url);
		if (b->req.user != NULL)
			log_out("%s: would send %s %s (login %s, password ***)", b->p->name,
			    b->req.method ? b->req.method : "GET", b->url, b->req.user);
		else
			log_out("%s: would send %s %s", b->p->name,
			    b->req.method ? b->req.method : "GET", b->url);
	}
}

/* A batch a signal stopped before it was sent: reported, not recorded. */
static void
report_unsent(const struct batch *b, const struct run_opts *o)
{
	for (size_t h = 0; h < b->nhosts; h++)
		report_host(o->report, b->p->name, b->hosts[h], b->fam, b->addr, "skipped",
		    NULL, "stopped by a signal before sending");
}

int
run_update(const struct config *c, const struct run_opts *o)
{
	int *sel = xcalloc(c->nprof + 1, sizeof(*sel)), rc = EX_DONE, src;
	struct plan pl = { 0 };
	struct sendq q = { 0 };
	struct postscripts ps = { 0 };
	struct state st;
	struct verify v = { 0 };

	if (run_select(c, o, sel) == -1) {
		free(sel);
		return EX_BADCMD;
	}
	src = state_open(&st, c->cache, !o->dry_run);
	if (src != 0) {
		state_close(&st);
		free(sel);
		return src == -2 ? EX_TEMP : EX_STATE;
	}
	plan_detections(c, o, sel, &pl);
	if (!run_stop)
		detect_run(pl.det, pl.ndet, o->hedge_ms);
	if (run_stop) {
		/* nothing decided, nothing sent: worth a retry */
		rc = EX_TEMP;
		goto out;
	}
	for (size_t k = 0; k < pl.ndet; k++) {
		char *why = one_line(&pl.det[k].report);

		report_detect(o->report, pl.det[k].fam, pl.det[k].addr, why);
		free(why);
	}
	verify_run(&v, c, sel, o, run_fam_enabled);
	for (size_t i = 0; i < c->nprof; i++) {
		const struct profile *p = &c->prof[i];
		const struct srec *locked;

		if (!sel[i])
			continue;
		if (!o->force && (locked = run_auth_locked(&st, p)) != NULL) {
			log_error("%s: locked since the provider refused the login or password "
			    "(%s); nothing is sent until they change, or with --force",
			    p->name, strchr(locked->status, ':') + 1);
			report_profile(o, p, "locked", strchr(locked->status, ':') + 1,
			    "the provider refused the login or password");
			rc = exit_merge(rc, EX_AUTH);
			continue;
		}
		for (int f = 0; f < FAM_N; f++) {
			const char *addr = o->ip[f];
			char bad[160];

			if (!run_fam_enabled(p, o, (enum fam)f))
				continue;
			/* the operator's address passes the checks a detected one does */
			if (addr != NULL && addr_accept((enum fam)f, addr, p->allow_private, bad,
			    sizeof(bad)) == -1) {
				log_error("%s: --ip: %s; nothing sent", p->name, bad);
				rc = exit_merge(rc, EX_BADCMD);
				continue;
			}
			if (addr == NULL) {
				struct detection *d = &pl.det[pl.which[i][f]];

				if (d->addr[0] == '\0') {
					char *why = one_line(&d->report);

					/* an optional family may be absent from this network */
					log_msg(p->optional[f] ? L_INFO : L_ERROR, "%s: no %s address "
					    "found, nothing sent%s: %s", p->name, fam_name((enum fam)f),
					    p->optional[f] ? " (optional)" : "", why);
					for (size_t h = 0; h < p->hosts.n; h++)
						report_host(o->report, p->name, p->hosts.v[h], (enum fam)f,
						    NULL, "no-address", NULL, why);
					free(why);
					if (!p->optional[f])
						rc = exit_merge(rc, EX_TEMP);
					continue;
				}
				addr = d->addr;
			}
			rc = exit_merge(rc, decide_profile(p, (enum fam)f, addr, o, &st, &q, &v));
		}
	}
	if (o->dry_run) {
		print_dry_run(&q, o);
	} else if (q.n > 0) {
		send_all(&q);
		for (size_t i = 0; i < q.n; i++) {
			if (q.unsent[i])
				report_unsent(q.b[i], o);
			rc = exit_merge(rc, q.unsent[i] ? EX_TEMP :
			    run_record(q.b[i], o, &st, &ps));
		}
	}
out:
	if (run_stop)
		log_warn("stopped by a signal (%s): the answers received are recorded, "
		    "nothing else was started", strsignal(run_stop));
	if (!o->dry_run)
		state_prune(&st, config_has_profile, c);
	if (st.dirty && state_write(&st) == -1)
		rc = exit_merge(rc, EX_STATE);
	for (size_t i = 0; i < q.n; i++)
		batch_free(q.b[i]);
	free(q.b);
	free(q.unsent);
	plan_free(&pl);
	verify_free(&v);
	state_close(&st);
	/* only now: the state is written and its lock released */
	postscript_run_all(&ps);
	free(sel);
	return rc;
}

int
run_query(const struct config *c, const struct run_opts *o)
{
	int *sel = xcalloc(c->nprof + 1, sizeof(*sel)), rc = EX_DONE;
	struct plan pl = { 0 };

	if (run_select(c, o, sel) == -1) {
		free(sel);
		return EX_BADCMD;
	}
	plan_detections(c, o, sel, &pl);
	detect_run(pl.det, pl.ndet, o->hedge_ms);
	for (size_t k = 0; k < pl.ndet; k++) {
		struct detection *d = &pl.det[k];

		printf("%s for", fam_name(d->fam));
		for (size_t i = 0; i < c->nprof; i++)
			if (pl.which[i][d->fam] == (int)k)
				printf(" [%s]", c->prof[i].name);
		printf(":\n%s  => %s\n", d->report.s ? d->report.s : "",
		    d->addr[0] ? d->addr : "none");
		if (d->addr[0] == '\0')
			rc = EX_TEMP;
	}
	for (int f = 0; f < FAM_N; f++)
		if (o->ip[f])
			printf("%s from --ip:\n  => %s\n", fam_name((enum fam)f), o->ip[f]);
	plan_free(&pl);
	free(sel);
	return rc;
}
