/*
 * The keys of nicupdate.conf(5): one table of the keys every profile has,
 * how each value is read, and where it is stored. Keys that only some
 * providers read are declared by those providers (struct pkey) and kept
 * as strings in the profile, checked here by their declared type.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "conf.h"
#include "detect.h"
#include "ipv6.h"
#include "log.h"
#include "proto.h"

struct key {
	const char *name;
	enum ktype type;
	size_t off;		/* into struct profile */
	int fam;		/* for per-family keys, else -1 */
	const char *canon;	/* the key it is another name for, or NULL */
};

#define O(f) offsetof(struct profile, f)
#define S(f, fam) offsetof(struct profile, src) + (fam) * sizeof(struct source) + \
	offsetof(struct source, f)

static const struct key keys[] = {
	{ "protocol", K_SPECIAL, 0, -1, NULL },
	{ "server", K_STR, O(server), -1, NULL },
	{ "script", K_STR, O(script), -1, NULL },
	{ "ssl", K_BOOL, O(ssl), -1, NULL },
	{ "login", K_STR, O(login), -1, NULL },
	{ "username", K_STR, O(login), -1, "login" },
	{ "password", K_STR, O(password), -1, NULL },
	{ "password-file", K_SPECIAL, 0, -1, "password" },
	{ "password-env", K_SPECIAL, 0, -1, "password" },
	{ "hosts", K_LIST, O(hosts), -1, NULL },
	{ "usev4", K_SPECIAL, 0, FAM_V4, NULL },
	{ "usev6", K_SPECIAL, 0, FAM_V6, NULL },
	{ "use", K_SPECIAL, 0, FAM_V4, "usev4" },
	{ "webv4", K_LIST, S(web, FAM_V4), FAM_V4, NULL },
	{ "webv6", K_LIST, S(web, FAM_V6), FAM_V6, NULL },
	{ "web", K_LIST, S(web, FAM_V4), FAM_V4, "webv4" },
	{ "web-skip", K_SPECIAL, 0, -1, NULL },
	{ "webv4-skip", K_SPECIAL, 0, FAM_V4, NULL },
	{ "webv6-skip", K_SPECIAL, 0, FAM_V6, NULL },
	{ "ifv4", K_STR, S(ifname, FAM_V4), FAM_V4, NULL },
	{ "ifv6", K_STR, S(ifname, FAM_V6), FAM_V6, NULL },
	{ "cmdv4", K_STR, S(cmd, FAM_V4), FAM_V4, NULL },
	{ "cmdv6", K_STR, S(cmd, FAM_V6), FAM_V6, NULL },
	{ "ipv4", K_SPECIAL, S(ip, FAM_V4), FAM_V4, NULL },
	{ "ipv6", K_SPECIAL, S(ip, FAM_V6), FAM_V6, NULL },
	{ "allow-private", K_BOOL, O(allow_private), -1, NULL },
	{ "optional", K_SPECIAL, 0, -1, NULL },
	{ "insecure-http", K_BOOL, O(insecure_http), -1, NULL },
	{ "min-interval", K_DUR, O(min_interval), -1, NULL },
	{ "max-interval", K_DUR, O(max_interval), -1, NULL },
	{ "min-error-interval", K_DUR, O(min_error_interval), -1, NULL },
	{ "timeout", K_DUR, O(timeout), -1, NULL },
	{ "attempts", K_COUNT, O(attempts), -1, NULL },
	{ "retry-interval", K_DUR, O(retry_interval), -1, NULL },
	{ "cache", K_SPECIAL, 0, -1, NULL },
	{ "ssl_ca_file", K_STR, O(ssl_ca_file), -1, NULL },
	{ "ssl_ca_dir", K_STR, O(ssl_ca_dir), -1, NULL },
	{ "proxy", K_STR, O(proxy), -1, NULL },
	{ "interface", K_SPECIAL, O(interface), -1, NULL },
	{ "webv4-interface", K_SPECIAL, 0, FAM_V4, NULL },
	{ "webv6-interface", K_SPECIAL, 0, FAM_V6, NULL },
	{ "postscript", K_STR, O(postscript), -1, NULL },
	{ "postscript-on", K_SPECIAL, O(postscript_on), -1, NULL },
	{ "healthcheck", K_SPECIAL, 0, -1, NULL },
	{ "healthcheck-style", K_SPECIAL, 0, -1, NULL },
	{ "webhook", K_SPECIAL, 0, -1, NULL },
	{ "verify", K_SPECIAL, O(verify), -1, NULL },
	{ "doh", K_SPECIAL, O(doh), -1, NULL },
	{ "ipv6-suffix", K_LIST, O(v6_suffix), FAM_V6, NULL },
	{ "ipv6-prefix-length", K_SPECIAL, O(v6_prefix_len), FAM_V6, NULL },
	{ "ifv6-address", K_SPECIAL, O(v6_temporary), FAM_V6, NULL },
};

static const struct key *
find_key(const char *name)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* Edit distance of a and b (names are at most CONF_NAME_MAX long). */
static size_t
distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), row[CONF_NAME_MAX + 2];

	if (na > CONF_NAME_MAX || nb > CONF_NAME_MAX)
		return SIZE_MAX;
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[nb];
}

/* Keep cand in *best when it is nearer to word than what *best holds. */
static void
nearer(const char *word, const char *cand, const char **best, size_t *d)
{
	size_t n = distance(word, cand);

	if (n < *d) {
		*d = n;
		*best = cand;
	}
}

/* "; did you mean X?" for the key nearest to an unknown one (2 edits at most). */
static const char *
key_hint(const char *key, char *out, size_t n)
{
	const char *best = NULL;
	size_t d = 3;
	const struct proto *pr;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		nearer(key, keys[i].name, &best, &d);
	for (size_t i = 0; (pr = proto_at(i)) != NULL; i++)
		for (const struct pkey *pk = pr->ops->keys; pk && pk->name; pk++)
			nearer(key, pk->name, &best, &d);
	snprintf(out, n, best ? "; did you mean %s?" : " (the keys are listed in "
	    "nicupdate.conf(5))", best);
	return out;
}

const char *
conf_canonical(const char *key)
{
	const struct key *k = find_key(key);
	const struct pkey *pk;

	if (k != NULL)
		return k->canon ? k->canon : k->name;
	pk = proto_key_any(key);
	return pk ? pk->name : NULL;
}

void
conf_duplicates(struct load *l)
{
	for (size_t s = 0; s < l->nsec; s++) {
		size_t to = s + 1 < l->nsec ? l->sec[s + 1].first : l->nent;
		struct strlist seen = { 0 };
		int *line = xcalloc(to - l->sec[s].first + 1, sizeof(*line));

		/* a section holds a few dozen known keys: a list is enough */
		for (size_t i = l->sec[s].first; i < to; i++) {
			const char *canon = conf_canonical(l->ent[i].key);
			size_t k = 0;

			if (canon == NULL)
				continue;
			while (k < seen.n && strcmp(seen.v[k], canon) != 0)
				k++;
			if (k < seen.n) {
				conf_error(l, l->ent[i].line, "%s: already set at line %d",
				    l->ent[i].key, line[k]);
				l->ent[i].key[0] = '\0';	/* applied once, not twice */
				continue;
			}
			strlist_add(&seen, canon);
			line[k] = l->ent[i].line;
		}
		strlist_free(&seen);
		free(line);
	}
}

void
conf_defaults(struct profile *p)
{
	p->proto = proto_find("dyndns2");
	p->ssl = 1;
	p->src[FAM_V4].use = USE_WEB;
	p->src[FAM_V6].use = USE_DISABLED;
	p->min_interval = 30;
	p->max_interval = 25 * 86400;
	p->min_error_interval = 5 * 60;
	p->timeout = 10;
	p->attempts = 3;
	p->retry_interval = 5;
	p->v6_prefix_len = 64;
	p->postscript_on = PS_ON_CHANGE;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* Check v against type t; 0, or -1 after reporting why. */
static int
typed(struct load *l, const struct entry *e, enum ktype t, void *field)
{
	const char *v = e->value;
	struct strlist tmp = { 0 };
	int b, rc = 0;

	switch (t) {
	case K_BOOL:
		if ((rc = parse_bool(v, field ? (int *)field : &b)) == -1)
			conf_error(l, e->line, "%s: \"%s\" is not yes or no (use yes, no, "
			    "true, false, on, off, 1 or 0)", e->key, v);
		break;
	case K_DUR:
		if ((rc = parse_duration(v, (long *)field)) == -1)
			conf_error(l, e->line, "%s: \"%s\" is not a duration "
			    "(a number with s, m, h or d)", e->key, v);
		break;
	case K_COUNT:
		if ((rc = parse_long(v, 1, 10, (long *)field)) == -1)
			conf_error(l, e->line, "%s: \"%s\" is not a number from 1 to 10",
			    e->key, v);
		break;
	case K_LIST:
		if (field != NULL)
			strlist_free((struct strlist *)field);
		if ((rc = strlist_split(field ? (struct strlist *)field : &tmp, v)) == -1)
			conf_error(l, e->line, "%s: empty item in \"%s\"", e->key, v);
		strlist_free(&tmp);
		break;
	case K_STR:
		if (field != NULL)
			set_str((char **)field, v);
		break;
	case K_SPECIAL:
		break;
	}
	return rc;
}

/*
 * interface, webv4-interface, webv6-interface (nicupdate.conf(5)): an
 * interface name, or a source address, of family fam unless fam is -1.
 */
static void
set_bind(struct load *l, const struct entry *e, int fam, char **dst)
{
	const char *v = e->value;
	int af = addr_family(v);
	char canon[ADDR_MAX];

	if (af != -1 && addr_parse((enum fam)af, v, canon) == 0) {
		if (fam != -1 && af != fam)
			conf_error(l, e->line, "%s: \"%s\" is an %s address; %s detection "
			    "needs an %s one or an interface name", e->key, v,
			    fam_name((enum fam)af), fam_name((enum fam)fam),
			    fam_name((enum fam)fam));
		else
			set_str(dst, canon);
	} else if (conf_ifname_ok(v)) {
		set_str(dst, v);
	} else {
		conf_error(l, e->line, "%s: \"%s\" is neither an interface name (letters, "
		    "digits, '.', '_', '-', at most %d) nor an IP address", e->key, v,
		    IFNAME_MAX);
	}
}

/* The keys that need more than storing a value. */
static void
special(struct load *l, struct config *c, struct profile *p, const struct entry *e,
    const struct key *k, int global)
{
	const char *v = e->value;
	char canon[ADDR_MAX];

	if (strcmp(e->key, "protocol") == 0) {
		if ((p->proto = proto_find(v)) == NULL) {
			const char *best = NULL;
			const struct proto *pr;
			size_t d = 3;

			for (size_t i = 0; (pr = proto_at(i)) != NULL; i++)
				nearer(v, pr->name, &best, &d);
			conf_error(l, e->line, "protocol: unknown \"%s\"%s%s%s (known: %s)", v,
			    best ? "; did you mean " : "", best ? best : "", best ? "?" : "",
			    proto_names());
			p->proto = proto_find("dyndns2");
		}
	} else if (strcmp(e->key, "usev4") == 0 || strcmp(e->key, "usev6") == 0) {
		if (use_parse((enum fam)k->fam, v, &p->src[k->fam].use) == -1)
			conf_error(l, e->line, "%s: unknown \"%s\" (use %s)", e->key, v,
			    use_choices((enum fam)k->fam));
	} else if (strcmp(e->key, "use") == 0) {
		/* ddclient's legacy key, for IPv4 */
		if (use_parse_legacy(v, &p->src[FAM_V4].use) == -1) {
			char words[96] = "";

			for (int u = 0; u < USE_N; u++)
				snprintf(words + strlen(words), sizeof(words) - strlen(words),
				    "%s%s", u ? ", " : "", use_legacy((enum use)u));
			conf_error(l, e->line, "use: unknown \"%s\" (use %s)", v, words);
		}
	} else if (strcmp(e->key, "ipv4") == 0 || strcmp(e->key, "ipv6") == 0) {
		if (addr_parse((enum fam)k->fam, v, canon) == -1)
			conf_error(l, e->line, "%s: \"%s\" is not an %s address", e->key, v,
			    fam_name((enum fam)k->fam));
		else
			set_str(&p->src[k->fam].ip, canon);
	} else if (strcmp(e->key, "optional") == 0) {
		struct strlist fams = { 0 };

		memset(p->optional, 0, sizeof(p->optional));
		strlist_split(&fams, v);
		for (size_t i = 0; i < fams.n; i++) {
			int f = strcmp(fams.v[i], fam_key(FAM_V4)) == 0 ? FAM_V4 :
			    strcmp(fams.v[i], fam_key(FAM_V6)) == 0 ? FAM_V6 : -1;

			if (f < 0)
				conf_error(l, e->line, "optional: unknown \"%s\" (use ipv4, ipv6 "
				    "or both)", fams.v[i]);
			else
				p->optional[f] = 1;
		}
		strlist_free(&fams);
	} else if (strcmp(e->key, "web-skip") == 0) {
		set_str(&p->src[FAM_V4].skip, v);
		set_str(&p->src[FAM_V6].skip, v);
	} else if (strcmp(e->key, "webv4-skip") == 0 || strcmp(e->key, "webv6-skip") == 0) {
		set_str(&p->src[k->fam].skip, v);
	} else if (conf_secret_missing(l, e)) {
		log_warn("%s:%d: %s: %s %s; not needed here", l->file, e->line, e->key, v,
		    strcmp(e->key, "password-env") == 0 ? "is not set" : "cannot be read");
		set_str(&p->password, "");
	} else if (strcmp(e->key, "password-file") == 0) {
		char *s = conf_secret_file(l, e->line, v);

		if (s != NULL) {
			free(p->password);
			p->password = s;
		}
	} else if (strcmp(e->key, "password-env") == 0) {
		const char *s = getenv(v);

		if (s == NULL || *s == '\0')
			conf_error(l, e->line, "password-env: variable %s is not set", v);
		else if (!conf_secret_bad(l, e->line, "password-env", s, strlen(s)))
			set_str(&p->password, s);
	} else if (strcmp(e->key, "verify") == 0) {
		if (strcmp(v, "doh") != 0 && strcmp(v, "no") != 0)
			conf_error(l, e->line, "verify: unknown \"%s\" (use doh or no)", v);
		p->verify = strcmp(v, "doh") == 0;
	} else if (strcmp(e->key, "doh") == 0) {
		strlist_free(&p->doh);
		if (strlist_split(&p->doh, v) == -1)
			conf_error(l, e->line, "doh: empty item in \"%s\"", v);
		for (size_t i = 0; i < p->doh.n; i++)
			if (strncmp(p->doh.v[i], "https://", 8) != 0 &&
			    strncmp(p->doh.v[i], "http://", 7) != 0)
				conf_error(l, e->line, "doh: \"%s\" is not an http:// or https:// URL",
				    p->doh.v[i]);
	} else if (strcmp(e->key, "interface") == 0) {
		set_bind(l, e, -1, &p->interface);
	} else if (strcmp(e->key, "webv4-interface") == 0 ||
	    strcmp(e->key, "webv6-interface") == 0) {
		set_bind(l, e, k->fam, &p->src[k->fam].bind);
	} else if (strcmp(e->key, "ipv6-prefix-length") == 0) {
		long n;

		if (parse_long(v, IPV6_PLEN_MIN, IPV6_PLEN_MAX, &n) == -1)
			conf_error(l, e->line, "ipv6-prefix-length: \"%s\" is not a number "
			    "from %d to %d", v, IPV6_PLEN_MIN, IPV6_PLEN_MAX);
		else
			p->v6_prefix_len = (int)n;
	} else if (strcmp(e->key, "ifv6-address") == 0) {
		if (strcmp(v, "stable") != 0 && strcmp(v, "temporary") != 0)
			conf_error(l, e->line, "ifv6-address: unknown \"%s\" (use stable or "
			    "temporary)", v);
		p->v6_temporary = strcmp(v, "temporary") == 0;
	} else if (strcmp(e->key, "postscript-on") == 0) {
		conf_postscript_on(l, e, p);
	} else if (!global) {
		conf_error(l, e->line, "%s: only allowed in [global]", e->key);
	} else if (strcmp(e->key, "cache") == 0) {
		set_str(&c->cache, v);
	} else if (strcmp(e->key, "healthcheck-style") == 0) {
		if (strcmp(v, "healthchecks") != 0 && strcmp(v, "uptime-kuma") != 0)
			conf_error(l, e->line, "healthcheck-style: unknown \"%s\" (use "
			    "healthchecks or uptime-kuma)", v);
		c->healthcheck_style = strcmp(v, "uptime-kuma") == 0 ? HC_UPTIME_KUMA :
		    HC_HEALTHCHECKS;
	} else if (conf_hook_url(l, e)) {
		set_str(strcmp(e->key, "webhook") == 0 ? &c->webhook : &c->healthcheck, v);
		/* the URL is the credential of the check: masked like a password */
		strlist_add(&c->secrets, v);
	}
}

void
conf_apply(struct load *l, struct config *c, struct profile *p, const struct entry *e,
    int inherited)
{
	const struct key *k = find_key(e->key);
	const struct pkey *pk = k == NULL ? proto_key_any(e->key) : NULL;

	if (e->key[0] == '\0')		/* set twice: reported already */
		return;
	if (k == NULL && pk == NULL) {
		char hint[96];

		conf_error(l, e->line, "%s: unknown key%s", e->key,
		    key_hint(e->key, hint, sizeof(hint)));
		return;
	}
	/* an empty web-skip cancels a built-in one; every other key needs a value */
	if (*e->value == '\0' && strstr(e->key, "skip") == NULL) {
		conf_error(l, e->line, "%s: empty value", e->key);
		return;
	}
	if (pk != NULL) {
		if (typed(l, e, pk->type, NULL) == 0)
			profile_set_opt(p, pk->name, e->value, e->line, inherited);
		return;
	}
	if ((k->off == O(login) || k->off == O(password)) && k->type == K_STR &&
	    conf_secret_bad(l, e->line, e->key, e->value, strlen(e->value)))
		return;
	if (k->type == K_SPECIAL)
		special(l, c, p, e, k, inherited);
	else
		typed(l, e, k->type, (char *)p + k->off);
}
