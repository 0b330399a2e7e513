/*
 * The state file shown (--status) and seeded from ddclient's cache
 * (--import-ddclient-cache), with the same fingerprints an update run uses.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddclient.h"
#include "log.h"
#include "policy.h"
#include "run.h"
#include "state.h"

int
run_status(const struct config *c, const struct run_opts *o)
{
	struct state st;

	if (state_open(&st, c->cache, 0) != 0) {
		state_close(&st);
		return EX_STATE;
	}
	printf("%-12s %-28s %-4s %-16s %-16s %-16s %s\n", "PROFILE", "HOST", "FAM",
	    "ADDRESS", "STATUS", "LAST SUCCESS", "NEXT");
	for (size_t i = 0; i < st.n; i++) {
		const struct srec *r = &st.r[i];
		const struct profile *p = NULL;
		char success[32], next[96];

		for (size_t k = 0; k < c->nprof; k++)
			if (strcmp(c->prof[k].name, r->profile) == 0)
				p = &c->prof[k];
		fmt_time(success, sizeof(success), r->mtime, 0);
		if (p == NULL) {
			snprintf(next, sizeof(next), "profile not in config");
		} else {
			struct intervals iv = { p->min_interval, p->max_interval,
			    p->min_error_interval };
			struct decision d;

			run_credentials(&st, p);
			policy_decide(r, r->addr, run_fingerprint(p, r->host, r->fam), &iv, o->now,
			    0, &d);
			if (d.rc == EX_AUTH || d.rc == EX_REJECTED)
				snprintf(next, sizeof(next), "locked (%s)",
				    d.rc == EX_AUTH ? "credentials refused" : "host rejected");
			else if (d.send)
				snprintf(next, sizeof(next), "next run");
			else
				fmt_time(next, sizeof(next), d.next, 0);
		}
		log_line("%-12s %-28s %-4s %-16s %-16s %-16s %s", r->profile, r->host,
		    r->fam == FAM_V4 ? "ipv4" : "ipv6", r->addr[0] ? r->addr : "-",
		    r->status, success, next);
	}
	state_close(&st);
	return EX_DONE;
}

/* A time from ddclient's cache; fallback when absent, out of range or ahead
 * of now (said so). */
static long long
import_time(const char *path, const char *host, long long t, long long now,
    long long fallback)
{
	if (t > 0 && t <= now && t <= STATE_TIME_MAX)
		return t;
	if (t != 0)
		log_warn("%s: %s: time %lld is %s; using %lld", path, host, t,
		    t < 0 || t > STATE_TIME_MAX ? "out of range" : "in the future", fallback);
	return fallback;
}

int
run_import_cache(const struct config *c, const struct run_opts *o, const char *path)
{
	struct ddc_cache *dc = NULL;
	struct state st;
	size_t n = 0, added = 0, kept = 0;
	char *text = NULL;
	int rc;

	if ((text = read_file(path)) == NULL) {
		log_error("%s: %s", path, strerror(errno));
		return EX_CONFIG;
	}
	if (ddclient_cache_parse(text, &dc, &n) == -1) {
		log_error("%s: not a ddclient cache file", path);
		free(text);
		return EX_CONFIG;
	}
	free(text);
	if ((rc = state_open(&st, c->cache, 1)) != 0) {
		state_close(&st);
		ddclient_cache_free(dc, n);
		return rc == -2 ? EX_TEMP : EX_STATE;
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < c->nprof; k++) {
			const struct profile *p = &c->prof[k];

			if (!strlist_has_host(&p->hosts, dc[i].host))
				continue;
			for (int f = 0; f < FAM_N; f++) {
				const char *addr = f == FAM_V4 ? dc[i].ipv4 : dc[i].ipv6;
				const char *status = f == FAM_V4 ? dc[i].status4 : dc[i].status6;
				char canon[ADDR_MAX];
				struct srec *r;

				/* only what ddclient knows the provider accepted */
				if (!run_fam_enabled(p, o, (enum fam)f) ||
				    addr_parse((enum fam)f, addr, canon) == -1 ||
				    (strcmp(status, "good") != 0 && strcmp(status, "nochg") != 0))
					continue;
				if (state_find(&st, p->name, dc[i].host, (enum fam)f) != NULL) {
					kept++;
					continue;
				}
				r = state_get(&st, p->name, dc[i].host, (enum fam)f);
				snprintf(r->addr, sizeof(r->addr), "%s", canon);
				policy_status(r->status, sizeof(r->status), OUT_GOOD, status);
				r->mtime = import_time(path, dc[i].host, dc[i].mtime, o->now,
				    o->now);
				r->atime = import_time(path, dc[i].host, dc[i].atime, o->now,
				    r->mtime);
				r->fp = run_fingerprint(p, dc[i].host, (enum fam)f);
				added++;
			}
		}
	}
	ddclient_cache_free(dc, n);
	state_prune(&st, config_has_profile, c);
	rc = EX_DONE;
	if ((added > 0 || st.dirty) && state_write(&st) == -1)
		rc = EX_STATE;
	else
		log_out("%s: %zu records imported into %s (%zu already there, kept)", path,
		    added, c->cache, kept);
	state_close(&st);
	return rc;
}
