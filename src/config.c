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
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "ddclient.h"
#include "detect.h"
#include "ipv6.h"
#include "log.h"
#include "state.h"
#include "proto.h"

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
 * A password (Basic auth, a token, a [PASSWORD] in a url) goes over plain
 * http to another machine only with insecure-http = yes (nicupdate.conf(5)).
 */
static void
check_plain_http(struct load *l, const struct profile *p, long sec)
{
	const char *url = profile_opt(p, "url");
	char *base = NULL;

	if (p->password == NULL || p->insecure_http)
		return;
	for (int f = 0; f < FAM_N && base == NULL; f++) {
		if (p->src[f].use == USE_DISABLED)
			continue;
		base = url != NULL ? xstrdup(url) : proto_base_url(p, (enum fam)f);
		if (!conf_plain_remote(base)) {
			free(base);
			base = NULL;
		}
	}
	if (base == NULL)
		return;
	conf_error(l, key_line(l, sec, url ? "url" : p->server &&
	    strncasecmp(p->server, "http://", 7) == 0 ? "server" : "ssl"), "[%s]: the "
	    "password would go over plain http (%s), readable on the way; use https "
	    "(ssl = yes, an https:// server or url), or accept it with insecure-http = "
	    "yes", p->name, base);
	free(base);
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
validate(struct load *l, struct profile *p, long sec, int keys_failed)
{
	int line = p->line;
	char why[200];

	conf_normalize_hosts(l, p, key_line(l, sec, "hosts"));
	if (p->hosts.n == 0)
		conf_error(l, line, "[%s]: hosts: no hosts to update", p->name);
	for (size_t i = 0; i < p->hosts.n; i++)
		if (!valid_hostname(p->hosts.v[i]))
			conf_error(l, key_line(l, sec, "hosts"), "[%s]: hosts: \"%s\" is not a "
			    "valid host name (use ASCII; punycode for international names)",
			    p->name, p->hosts.v[i]);
	provider_keys(l, p);
	/* after an error in its keys (a misspelt pasword, a refused value) the
	 * protocol's "needs password" would be a second, wrong error */
	if (!keys_failed && proto_check(p, why, sizeof(why)) == -1)
		conf_error(l, key_line(l, sec, "protocol"), "[%s]: %s", p->name, why);
	if (p->server != NULL && !conf_valid_server(p->server))
		conf_error(l, key_line(l, sec, "server"), "[%s]: server: \"%s\" is not "
		    "host[:port] or http(s)://host[:port]", p->name, p->server);
	if (p->script != NULL && p->script[0] != '/')
		conf_error(l, key_line(l, sec, "script"), "[%s]: script: \"%s\" must start "
		    "with /", p->name, p->script);
	else if (p->script != NULL && p->script[strcspn(p->script, "# \t")] != '\0')
		conf_error(l, key_line(l, sec, "script"), "[%s]: script: a '#' ends what "
		    "is sent and a blank is no part of a URL; percent-encode them (%%23, "
		    "%%20)", p->name);
	if (p->timeout < 1 || p->timeout > 600)
		conf_error(l, key_line(l, sec, "timeout"), "[%s]: timeout: must be from 1s "
		    "to 10m", p->name);
	if (ipv6_suffix_check(&p->v6_suffix, &p->hosts, p->v6_prefix_len, why,
	    sizeof(why)) == -1)
		conf_error(l, key_line(l, sec, "ipv6-suffix"), "[%s]: ipv6-suffix: %s",
		    p->name, why);
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
		if (s->use == USE_CMD && s->cmd != NULL &&
		    conf_command_check(s->cmd, why, sizeof(why)) == -1)
			conf_error(l, key_line(l, sec, kind), "[%s]: %s: %s; give an "
			    "executable (a full path, or a name in PATH)", p->name, kind, why);
		/* the operator's address passes the checks a detected one does */
		if (s->use == USE_STATIC && s->ip != NULL &&
		    addr_accept((enum fam)f, s->ip, p->allow_private, why, sizeof(why)) == -1)
			conf_error(l, key_line(l, sec, kind), "[%s]: %s: %s", p->name, kind,
			    why);
		if (s->use == USE_WEB && s->web.n == 0)
			detect_default_web((enum fam)f, &s->web);
		for (size_t i = 0; s->use == USE_WEB && i < s->web.n; i++) {
			enum fam other = f == FAM_V4 ? FAM_V6 : FAM_V4;

			if (detect_endpoint((enum fam)f, s->web.v[i], NULL) == 0)
				continue;
			if (detect_endpoint(other, s->web.v[i], NULL) == 0)
				conf_error(l, key_line(l, sec, wkey), "[%s]: %s: %s is an %s "
				    "endpoint; use it in %s", p->name, wkey, s->web.v[i],
				    fam_name(other), use_name(other, USE_WEB));
			else
				conf_error(l, key_line(l, sec, wkey), "[%s]: %s: \"%s\" is neither "
				    "a built-in endpoint nor an http(s) URL", p->name, wkey,
				    s->web.v[i]);
		}
	}
	if (!keys_failed)
		check_plain_http(l, p, sec);
	if (p->ssl_ca_file && conf_path_check(p->ssl_ca_file, 0, why, sizeof(why)) == -1)
		conf_error(l, key_line(l, sec, "ssl_ca_file"), "[%s]: ssl_ca_file: %s; "
		    "give the path of a PEM file of CA certificates",
		    p->name, why);
	if (p->ssl_ca_dir && conf_path_check(p->ssl_ca_dir, 1, why, sizeof(why)) == -1)
		conf_error(l, key_line(l, sec, "ssl_ca_dir"), "[%s]: ssl_ca_dir: %s; "
		    "give a directory of hashed CA certificates",
		    p->name, why);
	if (p->postscript && conf_command_check(p->postscript, why, sizeof(why)) == -1)
		conf_error(l, key_line(l, sec, "postscript"), "[%s]: postscript: %s; "
		    "give an executable (a full path, or a name in PATH)",
		    p->name, why);
	if (p->password != NULL)
		p->password_line = key_line(l, sec, "password");
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
	int gerrors;

	memset(&global, 0, sizeof(global));
	conf_defaults(&global);
	l->global = -1;
	for (size_t s = 0; s < l->nsec && l->global < 0; s++)
		if (strcmp(l->sec[s].name, "global") == 0 && !l->sec[s].bad)
			l->global = (long)s;
	span(l, l->global, &from, &to);
	gerrors = l->errors;
	for (size_t i = from; i < to; i++)
		conf_apply(l, c, &global, &l->ent[i], 1);
	gerrors = l->errors - gerrors + (l->global >= 0 ? l->sec[l->global].errors : 0);
	for (size_t s = 0; s < l->nsec; s++) {
		struct profile *p;
		int before = l->errors;

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
		validate(l, p, (long)s, gerrors > 0 || l->sec[s].errors > 0 ||
		    l->errors > before);
		secret_collect(&c->secrets, p);
	}
	c->global = global;
	c->names = xcalloc(c->nprof + 1, sizeof(*c->names));
	for (size_t i = 0; i < c->nprof; i++)
		c->names[i] = c->prof[i].name;
	qsort(c->names, c->nprof, sizeof(*c->names), cmp_name);
	if (c->nprof > 0 || l->errors > 0)
		return;
	if (l->line == 0)
		conf_error(l, 1, "the file is empty; add a [name] section with protocol, "
		    "login, password and hosts (see nicupdate.conf(5))");
	else if (l->content == 0)
		conf_error(l, l->line, "only comments and blank lines; add a [name] "
		    "section with protocol, login, password and hosts");
	else
		conf_error(l, l->line, "no profile: add a [name] section with hosts");
}

static int
load_stream(struct config *c, const char *name, FILE *f, int flags, const struct stat *st)
{
	struct load l = { .file = name, .f = f, .global = -1,
	    .no_secrets = flags & CONFIG_NO_SECRETS };
	int rc;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(name);
	conf_read(&l);
	conf_duplicates(&l);
	build(&l, c);
	if (l.has_password && st != NULL && S_ISREG(st->st_mode) &&
	    !file_is_private(name, st))
		log_warn("%s: holds a password and other users can read it "
		    "(chmod 600 %s)", name, name);
	if (c->cache == NULL)
		c->cache = config_default_cache();
	rc = l.errors ? -1 : 0;
	conf_read_free(&l);
	return rc;
}

static int load_string(struct config *c, const char *name, const char *text, size_t len,
    int flags, const struct stat *st);

int
config_load(struct config *c, const char *path)
{
	return config_load_opts(c, path, 0);
}

int
config_load_opts(struct config *c, const char *path, int flags)
{
	char *text, *ini;
	struct stat st;
	size_t len;
	int rc;

	memset(c, 0, sizeof(*c));
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		log_error("%s: is a directory; give the configuration file (-c %s/"
		    "nicupdate.conf, say)", path, path);
		return -1;
	}
	if ((text = read_file_st(path, &st, &len)) == NULL) {
		log_error("%s: %s", path, errno == EFBIG ? "larger than 64 MiB: not a "
		    "configuration file" : strerror(errno));
		return -1;
	}
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0) {
		log_error("%s:1: the file starts with a UTF-8 byte order mark; save it "
		    "without one", path);
		free(text);
		return -1;
	}
	if (!ddclient_looks_like(text)) {
		/* the text read once: its permissions are those of what was read */
		rc = load_string(c, path, text, len, flags, &st);
		free(text);
		return rc;
	}
	/* a ddclient.conf: read it through the same translation as --import-ddclient */
	if (S_ISREG(st.st_mode) && !file_is_private(path, &st) &&
	    strstr(text, "password") != NULL)
		log_warn("%s: may hold a password and other users can read it "
		    "(chmod 600 %s)", path, path);
	log_warn_as_info = !(flags & CONFIG_MIGRATION_NOTICES);
	log_warn("%s: a ddclient.conf; read through nicupdate --import-ddclient %s, "
	    "which converts it for good", path, path);
	ini = ddclient_translate(path, text);
	log_warn_as_info = 0;
	free(text);
	if (ini == NULL)
		return -1;
	rc = load_string(c, path, ini, strlen(ini), flags, NULL);
	free(ini);
	return rc;
}

int
config_load_string(struct config *c, const char *name, const char *text)
{
	return load_string(c, name, text, strlen(text), 0, NULL);
}

/* text of len bytes; st: the file it was read from, for its permissions,
 * or NULL. */
static int
load_string(struct config *c, const char *name, const char *text, size_t len, int flags,
    const struct stat *st)
{
	FILE *f = fmemopen((void *)text, len, "r");
	int rc;

	if (f == NULL) {
		memset(c, 0, sizeof(*c));
		return -1;
	}
	rc = load_stream(c, name, f, flags, st);
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
	free(c->healthcheck);
	free(c->webhook);
	profile_free(&c->global);
	strlist_free(&c->secrets);
	memset(c, 0, sizeof(*c));
}

char *
config_default_cache(void)
{
	return state_default_path(NULL, 0);
}
