/* Recording: what each answer means for the state, the report and the user. */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "log.h"
#include "policy.h"
#include "postscript.h"
#include "proto.h"
#include "run.h"
#include "state.h"

/*
 * The fingerprint of the settings an update was made with; with_login
 * adds the login and password, as state files of earlier versions did
 * (read only to migrate them, see run_credentials). Its first part is
 * fixed; keys of providers added since follow, except those that only
 * read answers.
 */
static uint32_t
fingerprint(const struct profile *p, const char *host, enum fam f, int with_login)
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
	if (with_login) {
		h = fnv1a(h, p->login);
		h = fnv1a(h, p->password);
	}
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

/* Never the login or password: the state file must not give them away. */
uint32_t
run_fingerprint(const struct profile *p, const char *host, enum fam f)
{
	return fingerprint(p, host, f, 0);
}

/* The login and password as one phrase; caller frees. */
static char *
credentials(const struct profile *p)
{
	return xasprintf("%s\n%s", p->login ? p->login : "", p->password ? p->password : "");
}

#define SCRYPT_LOG_N 15		/* 2^15 rounds of 1 KiB: 32 MiB, about 0.1 s */
#define SALT_LEN 16

static void
hex(const unsigned char *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/* scrypt (RFC 7914) of the credentials with salt, as hex; 0 / -1. */
static int
cred_scrypt(const struct profile *p, const unsigned char *salt, char out[65])
{
	unsigned char key[32];
	char *phrase = credentials(p);
	int ok = EVP_PBE_scrypt(phrase, strlen(phrase), salt, SALT_LEN,
	    (uint64_t)1 << SCRYPT_LOG_N, 8, 1, (uint64_t)64 << 20, key, sizeof(key)) == 1;

	explicit_bzero(phrase, strlen(phrase));
	free(phrase);
	if (ok)
		hex(key, sizeof(key), out);
	explicit_bzero(key, sizeof(key));
	return ok ? 0 : -1;
}

/*
 * A salted, deliberately slow hash of p's credentials (scrypt with a fresh
 * random salt) into out, "$s1$LOG_N$SALT$HASH"; "" when none can be made.
 */
static void
cred_hash(const struct profile *p, char *out, size_t n)
{
	unsigned char salt[SALT_LEN];
	char salthex[2 * SALT_LEN + 1], h[65];

	out[0] = '\0';
	if (getrandom(salt, sizeof(salt), 0) != (ssize_t)sizeof(salt) ||
	    cred_scrypt(p, salt, h) == -1)
		return;
	hex(salt, sizeof(salt), salthex);
	snprintf(out, n, "$s1$%d$%s$%s", SCRYPT_LOG_N, salthex, h);
}

/* Were the credentials of p the ones hashed into stored? 1 / 0 */
static int
cred_same(const struct profile *p, const char *stored)
{
	unsigned char salt[SALT_LEN];
	char salthex[2 * SALT_LEN + 1], want[65], h[65];
	unsigned int byte;
	int logn, end = 0;

	if (sscanf(stored, "$s1$%d$%32[0-9a-f]$%64[0-9a-f]%n", &logn, salthex, want,
	    &end) != 3 || stored[end] != '\0' || logn != SCRYPT_LOG_N ||
	    strlen(salthex) != 2 * SALT_LEN || strlen(want) != 64)
		return 0;
	for (size_t i = 0; i < SALT_LEN; i++) {
		sscanf(salthex + 2 * i, "%2x", &byte);
		salt[i] = (unsigned char)byte;
	}
	return cred_scrypt(p, salt, h) == 0 && CRYPTO_memcmp(h, want, 64) == 0;
}

/*
 * Records an earlier version wrote: their fingerprint covered the login and
 * password. One that still matches gets today's fingerprint (and, when
 * locked, a hash of the credentials), so an unchanged config sends nothing;
 * one that does not match is sent again, as before.
 */
static void
migrate(struct state *st, const struct profile *p)
{
	char fresh[sizeof(st->r->cred)] = "";

	for (size_t h = 0; h < p->hosts.n; h++)
		for (int f = 0; f < FAM_N; f++) {
			struct srec *r = state_find(st, p->name, p->hosts.v[h], (enum fam)f);
			int match;

			if (r == NULL || !r->legacy)
				continue;
			match = r->fp == fingerprint(p, p->hosts.v[h], (enum fam)f, 1);
			r->fp = match ? run_fingerprint(p, p->hosts.v[h], (enum fam)f) : 0;
			r->legacy = 0;
			st->dirty = 1;
			if (match && policy_class(r->status) == OUT_AUTH) {
				if (fresh[0] == '\0')
					cred_hash(p, fresh, sizeof(fresh));
				snprintf(r->cred, sizeof(r->cred), "%s", fresh);
				r->cred_checked = 1;
			}
		}
}

void
run_credentials(struct state *st, const struct profile *p)
{
	const char *same = NULL;	/* a hash already found to match p */

	migrate(st, p);
	for (size_t h = 0; h < p->hosts.n; h++)
		for (int f = 0; f < FAM_N; f++) {
			struct srec *r = state_find(st, p->name, p->hosts.v[h], (enum fam)f);

			if (r == NULL || r->cred_checked || policy_class(r->status) != OUT_AUTH)
				continue;
			r->cred_checked = 1;
			r->cred_changed = !(same != NULL && strcmp(same, r->cred) == 0) &&
			    !cred_same(p, r->cred);
			if (!r->cred_changed)
				same = r->cred;
		}
}

/* Is any host of p locked out for refused credentials? */
const struct srec *
run_auth_locked(struct state *st, const struct profile *p)
{
	run_credentials(st, p);
	for (size_t h = 0; h < p->hosts.n; h++)
		for (int f = 0; f < FAM_N; f++) {
			const struct srec *r = state_find(st, p->name, p->hosts.v[h], (enum fam)f);

			if (r && policy_class(r->status) == OUT_AUTH && !r->cred_changed &&
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
	char cred[sizeof(st->r->cred)] = "";
	int rc = EX_DONE;

	/* records this run does not touch are migrated too (--force skips the lock check) */
	migrate(st, p);

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
		r->legacy = r->cred_changed = r->cred_checked = 0;
		/* only a lock keeps a (slow, salted) hash of the credentials */
		if (res->out == OUT_AUTH && cred[0] == '\0')
			cred_hash(p, cred, sizeof(cred));
		snprintf(r->cred, sizeof(r->cred), "%s", res->out == OUT_AUTH ? cred : "");
		snprintf(r->addr, sizeof(r->addr), "%s", b->addr);
		policy_status(r->status, sizeof(r->status), res->out, res->code);
		report_host(o->report, p->name, who, b->fam, b->addr, res->out == OUT_GOOD ?
		    "updated" : res->out == OUT_NOCHG ? "unchanged" : "failed", res->code,
		    res->msg);
		postscript_add(ps, p, who, b->fam, res->out, b->addr, old, res->code);
		switch (res->out) {
		case OUT_GOOD:
			r->mtime = o->now;
			log_out("%s/%s: %s %s (%s)", p->name, who, fam_name(b->fam), b->addr,
			    res->code);
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
			/* a password quoted as ddclient configs write it is a likely cause */
			if (i == 0)
				profile_warn_quoted(p, L_WARN);
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

