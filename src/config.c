/*
 * Loading a configuration: read (conf_read.c), apply [global] then each
 * profile's own keys (conf_keys.c), validate every profile whole, before
 * any network I/O. Every error names file:line and the key.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "ddclient.h"
#include "detect.h"
#include "log.h"
#include "state.h"
#include "proto.h"

static int
valid_hostname(const char *h)
{
	size_t n = strlen(h);

	if (n == 0 || n > 253 || h[0] == '.' || h[0] == '-' || strstr(h, "..") != NULL)
		return 0;
	for (const char *s = h; *s; s++)
		if (!isalnum((unsigned char)*s) && strchr(".-_*", *s) == NULL)
			return 0;
	return 1;
}

static int
valid_server(const char *s)
{
	if (strncmp(s, "https://", 8) == 0)
		s += 8;
	else if (strncmp(s, "http://", 7) == 0)
		s += 7;
	if (*s == '\0' || *s == '/')
		return 0;
	for (; *s; s++)
		if (!isgraph((unsigned char)*s) || strchr("@?#", *s) != NULL)
			return 0;
	return 1;
}

/* The entries of section s: from, up to (not including) to. */
static void
span(const struct load *l, long s, size_t *from, size_t *to)
{
	if (s < 0) {
		*from = *to = 0;
		return;
	}
	*from = l->sec[s].first;
	*to = (size_t)s + 1 < l->nsec ? l->sec[s + 1].first : l->nent;
}

/* The line that set key for section s: its own, else [global]'s, else its header's. */
static int
key_line(const struct load *l, long s, const char *key)
{
	long where[2] = { s, l->global };
	size_t from, to;

	for (int w = 0; w < 2; w++) {
		span(l, where[w], &from, &to);
		for (size_t i = from; i < to; i++) {
			const char *c = conf_canonical(l->ent[i].key);

			if (c != NULL && strcmp(c, key) == 0)
				return l->ent[i].line;
		}
	}
	return l->sec[s].line;
}

/*
 * The provider keys of p: defaults for those its protocol declares; one
 * set in its own section that the protocol does not read is an error,
 * one inherited from [global] is dropped.
 */
static void
provider_keys(struct load *l, struct profile *p)
{
	size_t k = 0;

	for (size_t i = 0; i < p->nopt; i++) {
		struct popt *o = &p->opt[i];

		if (proto_key(p->proto, o->key) != NULL) {
			p->opt[k++] = *o;
			continue;
		}
		if (!o->inherited)
			conf_error(l, o->line, "%s: only for protocol %s", o->key,
			    proto_key_users(o->key));
		free(o->key);
		free(o->value);
	}
	p->nopt = k;
	for (const struct pkey *pk = p->proto->ops->keys; pk && pk->name; pk++)
		if (pk->def != NULL && profile_opt(p, pk->name) == NULL)
			profile_set_opt(p, pk->name, pk->def, p->line, 1);
}

/* Check profile p of section sec; report each problem at the line that caused it. */
static void
validate(struct load *l, struct profile *p, long sec)
{
	int line = p->line;
	char why[200];

	if (p->hosts.n == 0)
		conf_error(l, line, "[%s]: hosts: no hosts to update", p->name);
	for (size_t i = 0; i < p->hosts.n; i++)
		if (!valid_hostname(p->hosts.v[i]))
			conf_error(l, key_line(l, sec, "hosts"), "[%s]: hosts: \"%s\" is not a "
			    "valid host name (use ASCII; punycode for international names)",
			    p->name, p->hosts.v[i]);
	provider_keys(l, p);
	if (proto_check(p, why, sizeof(why)) == -1)
		conf_error(l, key_line(l, sec, "protocol"), "[%s]: %s", p->name, why);
	if (p->server != NULL && !valid_server(p->server))
		conf_error(l, key_line(l, sec, "server"), "[%s]: server: \"%s\" is not "
		    "host[:port] or http(s)://host[:port]", p->name, p->server);
	if (p->script != NULL && p->script[0] != '/')
		conf_error(l, key_line(l, sec, "script"), "[%s]: script: \"%s\" must start "
		    "with /", p->name, p->script);
	if (p->timeout < 1 || p->timeout > 600)
		conf_error(l, key_line(l, sec, "timeout"), "[%s]: timeout: must be from 1s "
		    "to 10m", p->name);
	if (p->src[FAM_V4].use == USE_DISABLED && p->src[FAM_V6].use == USE_DISABLED)
		conf_error(l, line, "[%s]: usev4 and usev6 are both disabled", p->name);
	for (int f = 0; f < FAM_N; f++) {
		struct source *s = &p->src[f];
		const char *ukey = f == FAM_V4 ? "usev4" : "usev6";
		const char *wkey = use_name((enum fam)f, USE_WEB);
		const char *kind = use_name((enum fam)f, s->use);

		/* each source kind is configured by the key of its own name */
		if ((s->use == USE_STATIC && s->ip == NULL) ||
		    (s->use == USE_IF && s->ifname == NULL) ||
		    (s->use == USE_CMD && s->cmd == NULL))
			conf_error(l, key_line(l, sec, ukey), "[%s]: %s = %s needs %s", p->name,
			    ukey, kind, kind);
		if (s->use == USE_WEB && s->web.n == 0)
			detect_default_web((enum fam)f, &s->web);
		for (size_t i = 0; s->use == USE_WEB && i < s->web.n; i++)
			if (detect_endpoint((enum fam)f, s->web.v[i], NULL) == -1)
				conf_error(l, key_line(l, sec, wkey), "[%s]: %s: \"%s\" is neither "
				    "a built-in endpoint nor an http(s) URL", p->name, wkey,
				    s->web.v[i]);
	}
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Build profiles from what was read: [global] into a template once (so its
 * errors are reported once), then each profile is the template plus its own.
 */
static void
build(struct load *l, struct config *c)
{
	struct profile global;
	size_t from, to;

	memset(&global, 0, sizeof(global));
	conf_defaults(&global);
	l->global = -1;
	for (size_t s = 0; s < l->nsec && l->global < 0; s++)
		if (strcmp(l->sec[s].name, "global") == 0 && !l->sec[s].bad)
			l->global = (long)s;
	span(l, l->global, &from, &to);
	for (size_t i = from; i < to; i++)
		conf_apply(l, c, &global, &l->ent[i], 1);
	for (size_t s = 0; s < l->nsec; s++) {
		struct profile *p;

		if ((long)s == l->global || l->sec[s].bad)
			continue;
		c->prof = xrealloc(c->prof, (c->nprof + 1) * sizeof(*c->prof));
		p = &c->prof[c->nprof++];
		profile_copy(p, &global);
		free(p->name);
		free(p->file);
		p->name = xstrdup(l->sec[s].name);
		p->file = xstrdup(l->file);
		p->line = l->sec[s].line;
		span(l, (long)s, &from, &to);
		for (size_t i = from; i < to; i++)
			conf_apply(l, c, p, &l->ent[i], 0);
		validate(l, p, (long)s);
		secret_collect(&c->secrets, p);
	}
	profile_free(&global);
	c->names = xcalloc(c->nprof + 1, sizeof(*c->names));
	for (size_t i = 0; i < c->nprof; i++)
		c->names[i] = c->prof[i].name;
	qsort(c->names, c->nprof, sizeof(*c->names), cmp_name);
	if (c->nprof == 0 && l->errors == 0)
		conf_error(l, l->line > 0 ? l->line : 1, "no profile: add a [name] section "
		    "with hosts");
}

static int
load_stream(struct config *c, const char *name, FILE *f)
{
	struct load l = { .file = name, .f = f, .global = -1 };
	int rc;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(name);
	conf_read(&l);
	conf_duplicates(&l);
	build(&l, c);
	if (l.has_password && f != NULL && fileno(f) >= 0) {
		struct stat st;

		if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & (S_IRGRP | S_IROTH)))
			log_warn("%s: holds a password and other users can read it "
			    "(chmod 600 %s)", name, name);
	}
	if (c->cache == NULL)
		c->cache = config_default_cache();
	rc = l.errors ? -1 : 0;
	conf_read_free(&l);
	return rc;
}

int
config_load(struct config *c, const char *path)
{
	char *text = read_file(path), *ini;
	struct stat st;
	FILE *f;
	int rc;

	memset(c, 0, sizeof(*c));
	if (text == NULL) {
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!ddclient_looks_like(text)) {
		free(text);
		if ((f = fopen(path, "r")) == NULL) {
			log_error("%s: %s", path, strerror(errno));
			return -1;
		}
		rc = load_stream(c, path, f);
		fclose(f);
		return rc;
	}
	/* a ddclient.conf: read it through the same translation as --import-ddclient */
	log_warn("%s: a ddclient.conf; read through nicupdate --import-ddclient %s, "
	    "which converts it for good", path, path);
	if (stat(path, &st) == 0 && (st.st_mode & (S_IRGRP | S_IROTH)) &&
	    strstr(text, "password") != NULL)
		log_warn("%s: may hold a password and other users can read it "
		    "(chmod 600 %s)", path, path);
	ini = ddclient_translate(path, text);
	free(text);
	if (ini == NULL)
		return -1;
	rc = config_load_string(c, path, ini);
	free(ini);
	return rc;
}

int
config_load_string(struct config *c, const char *name, const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	if (f == NULL) {
		memset(c, 0, sizeof(*c));
		return -1;
	}
	rc = load_stream(c, name, f);
	fclose(f);
	return rc;
}

int
config_has_profile(const char *name, const void *config)
{
	const struct config *c = config;

	return c->nprof > 0 && bsearch(&name, c->names, c->nprof, sizeof(*c->names),
	    cmp_name) != NULL;
}

void
config_free(struct config *c)
{
	for (size_t i = 0; i < c->nprof; i++)
		profile_free(&c->prof[i]);
	free(c->prof);
	free(c->names);
	free(c->path);
	free(c->cache);
	strlist_free(&c->secrets);
	memset(c, 0, sizeof(*c));
}

char *
config_default_cache(void)
{
	return state_default_path(NULL, 0);
}
