/* Recording: what each answer means for the state, the report and the user. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "policy.h"
#include "postscript.h"
#include "proto.h"
#include "run.h"
#include "state.h"

/*
 * The fingerprint of the settings an update was made with. Its first part
 * is fixed, so state files written by earlier versions stay valid; keys of
 * providers added since follow, except those that only read answers.
 */
uint32_t
run_fingerprint(const struct profile *p, const char *host, enum fam f)
{
	static const char *const fixed[] = { "url", "zone", "wildcard", "mx", "backupmx",
	    "success" };
	char *base = proto_base_url(p, f);
	uint32_t h = FNV_INIT;

	h = fnv1a(h, p->proto->name);
	h = fnv1a(h, base);
	h = fnv1a(h, profile_opt(p, "url"));
	h = fnv1a(h, profile_opt(p, "zone"));
	h = fnv1a(h, p->script);
	h = fnv1a(h, p->login);
	h = fnv1a(h, p->password);
	h = fnv1a(h, profile_flag(p, "wildcard") ? "wildcard" : "");
	h = fnv1a(h, profile_opt(p, "mx"));
	h = fnv1a(h, profile_flag(p, "backupmx") ? "backupmx" : "");
	h = fnv1a(h, host);
	h = fnv1a(h, fam_name(f));
	for (size_t i = 0; i < p->nopt; i++) {
		size_t k = 0;

		while (k < sizeof(fixed) / sizeof(fixed[0]) && strcmp(fixed[k], p->opt[i].key))
			k++;
		if (k == sizeof(fixed) / sizeof(fixed[0])) {
			h = fnv1a(h, p->opt[i].key);
			h = fnv1a(h, p->opt[i].value);
		}
	}
	free(base);
	return h;
}

/* Is any host of p locked out for refused credentials? */
const struct srec *
run_auth_locked(struct state *st, const struct profile *p)
{
	for (size_t h = 0; h < p->hosts.n; h++)
		for (int f = 0; f < FAM_N; f++) {
			const struct srec *r = state_find(st, p->name, p->hosts.v[h], (enum fam)f);

			if (r && policy_class(r->status) == OUT_AUTH &&
			    r->fp == run_fingerprint(p, p->hosts.v[h], (enum fam)f))
				return r;
		}
	return NULL;
}

/*
 * Why a host waits after a failure or a change, naming the rule
 * (nicupdate.conf(5)), and until when.
 */
void
run_wait_note(char *buf, size_t n, const struct profile *p, const struct srec *r,
    const struct decision *d)
{
	const char *word = strchr(r->status, ':');
	char when[32];

	fmt_time(when, sizeof(when), d->next, 1);
	if (word != NULL && policy_class(r->status) == OUT_TEMP &&
	    (strcmp(word + 1, "911") == 0 || strcmp(word + 1, "dnserr") == 0) &&
	    p->min_error_interval < POLICY_SERVER_ERROR_WAIT)
		snprintf(buf, n, "waiting after %s (911 hold: %d minutes); next attempt after %s",
		    word + 1, POLICY_SERVER_ERROR_WAIT / 60, when);
	else
		snprintf(buf, n, "%s; next attempt after %s", d->why, when);
}

/* The failure of host, and when the next run will try again. */
static void
log_failure(const struct batch *b, size_t i, const struct srec *r, long long now)
{
	const struct profile *p = b->p;
	struct intervals iv = { p->min_interval, p->max_interval, p->min_error_interval };
	struct decision d;
	char note[200] = "";

	policy_decide(r, b->addr, r->fp, &iv, now, 0, &d);
	if (!d.send && d.next > 0) {
		note[0] = ';';
		note[1] = ' ';
		run_wait_note(note + 2, sizeof(note) - 2, p, r, &d);
	}
	log_error("%s/%s: %s: %s%s", p->name, b->hosts[i], b->res[i].code, b->res[i].msg,
	    note);
}

/*
 * Record and report the outcome of one batch and queue its postscripts;
 * returns its outcome.
 */
int
run_record(struct batch *b, const struct run_opts *o, struct state *st,
    struct postscripts *ps)
{
	const struct profile *p = b->p;
	int rc = EX_DONE;

	for (size_t i = 0; i < b->nhosts; i++) {
		const struct result *res = &b->res[i];
		struct srec *r = state_get(st, p->name, b->hosts[i], b->fam);
		const char *who = b->hosts[i];
		char old[ADDR_MAX];
		/* nochg where the state already had this address: a refresh, not abuse */
		int known = r->atime > 0 && strcmp(r->addr, b->addr) == 0;

		/* the address the provider had, as far as the state knows */
		snprintf(old, sizeof(old), "%s",
		    policy_class(r->status) == OUT_GOOD ? r->addr : "");
		r->atime = o->now;
		r->fp = run_fingerprint(p, who, b->fam);
		snprintf(r->addr, sizeof(r->addr), "%s", b->addr);
		policy_status(r->status, sizeof(r->status), res->out, res->code);
		report_host(o->report, p->name, who, b->fam, b->addr, res->out == OUT_GOOD ?
		    "updated" : res->out == OUT_NOCHG ? "unchanged" : "failed", res->code,
		    res->msg);
		switch (res->out) {
		case OUT_GOOD:
			r->mtime = o->now;
			log_out("%s/%s: %s %s (%s)", p->name, who, fam_name(b->fam), b->addr,
			    res->code);
			postscript_add(ps, p, who, b->fam, b->addr, old, res->code);
			break;
		case OUT_NOCHG:
			r->mtime = o->now;
			if (o->force || known)
				log_info("%s/%s: %s %s was already set", p->name, who,
				    fam_name(b->fam), b->addr);
			else
				log_warn("%s/%s: %s: %s %s was already set; providers treat "
				    "repeated needless updates as abuse", p->name, who, res->code,
				    fam_name(b->fam), b->addr);
			break;
		case OUT_AUTH:
			log_error("%s/%s: %s: %s", p->name, who, res->code, res->msg);
			rc = exit_merge(rc, EX_AUTH);
			break;
		case OUT_PERM:
			log_error("%s/%s: %s: %s", p->name, who, res->code, res->msg);
			rc = exit_merge(rc, EX_REJECTED);
			break;
		default:
			log_failure(b, i, r, o->now);
			rc = exit_merge(rc, EX_TEMP);
			break;
		}
	}
	st->dirty = 1;
	return rc;
}

