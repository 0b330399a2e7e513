#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "policy.h"
#include "run.h"

static const char *classes[] = {
	[OUT_NONE] = "none", [OUT_GOOD] = "ok", [OUT_NOCHG] = "ok",
	[OUT_TEMP] = "temp", [OUT_PERM] = "perm", [OUT_AUTH] = "auth",
};

enum outcome
policy_class(const char *status)
{
	size_t n = strcspn(status, ":");

	if (strncmp(status, "ok", n) == 0 && n == 2)
		return OUT_GOOD;
	if (strncmp(status, "temp", n) == 0 && n == 4)
		return OUT_TEMP;
	if (strncmp(status, "perm", n) == 0 && n == 4)
		return OUT_PERM;
	if (strncmp(status, "auth", n) == 0 && n == 4)
		return OUT_AUTH;
	return OUT_NONE;
}

void
policy_status(char *dst, size_t n, enum outcome out, const char *word)
{
	snprintf(dst, n, "%s:%s", classes[out], word);
}

static int
server_error(const char *status)
{
	const char *word = strchr(status, ':');

	return word && (strcmp(word + 1, "911") == 0 || strcmp(word + 1, "dnserr") == 0);
}

/* t + dt without overflow: LLONG_MAX / LLONG_MIN when it would. */
static long long
sat_add(long long t, long dt)
{
	if (dt > 0 && t > LLONG_MAX - dt)
		return LLONG_MAX;
	if (dt < 0 && t < LLONG_MIN - dt)
		return LLONG_MIN;
	return t + dt;
}

static void
set(struct decision *d, int send, int rc, long long next, const char *why)
{
	d->send = send;
	d->rc = rc;
	d->next = next;
	d->why = why;
}

void
policy_decide(const struct srec *rec, const char *addr, uint32_t fp,
    const struct intervals *iv, long long now, int force, struct decision *d)
{
	long wait;
	long long until;
	enum outcome out;

	if (force)
		return set(d, 1, 0, 0, "forced");
	if (rec == NULL || rec->atime <= 0)
		return set(d, 1, 0, 0, "no previous update");
	if (rec->fp != fp)
		return set(d, 1, 0, 0, "settings changed");
	if (rec->cred_changed)
		return set(d, 1, 0, 0, "login or password changed");
	out = policy_class(rec->status);
	if (out == OUT_AUTH)
		return set(d, 0, EX_AUTH, 0, "locked: the provider refused the login or "
		    "password; fix them in the config, or use --force");
	if (out == OUT_PERM)
		return set(d, 0, EX_REJECTED, 0, "locked: the provider rejected this host; fix the "
		    "config, or use --force");
	/* a time ahead of the clock is not trusted: it must not hold updates back */
	if (rec->atime > now || rec->mtime > now)
		return set(d, 1, 0, 0, "last update dated in the future");
	if (out == OUT_TEMP || out == OUT_NONE) {
		wait = iv->min_error_interval;
		if (server_error(rec->status) && wait < POLICY_SERVER_ERROR_WAIT)
			wait = POLICY_SERVER_ERROR_WAIT;
		if (now < (until = sat_add(rec->atime, wait)))
			return set(d, 0, EX_TEMP, until,
			    "waiting after a failed attempt (min-error-interval)");
		return set(d, 1, 0, 0, "retrying after a failed attempt");
	}
	if (strcmp(rec->addr, addr) != 0) {
		if (now < (until = sat_add(rec->mtime, iv->min_interval)))
			return set(d, 0, EX_TEMP, until, "address changed, waiting for min-interval");
		return set(d, 1, 0, 0, "address changed");
	}
	if (now >= (until = sat_add(rec->mtime, iv->max_interval)))
		return set(d, 1, 0, 0, "refresh after max-interval");
	return set(d, 0, 0, until, "up to date");
}
