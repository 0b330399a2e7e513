/* Profiles: ownership (copy, free) and the provider keys they carry. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"

int
profile_password_quoted(const struct profile *p)
{
	size_t n = p->password ? strlen(p->password) : 0;

	return n >= 2 && (p->password[0] == '\'' || p->password[0] == '"') &&
	    p->password[n - 1] == p->password[0];
}

void
profile_warn_quoted(const struct profile *p, int level)
{
	if (profile_password_quoted(p))
		log_msg((enum log_level)level, "%s:%d: [%s]: password: starts and ends "
		    "with %c: nicupdate takes values as written (ddclient removes such "
		    "quotes), so they are part of the password; remove them if they are "
		    "not", p->file, p->password_line, p->name, p->password[0]);
}

const char *
profile_opt(const struct profile *p, const char *key)
{
	for (size_t i = 0; i < p->nopt; i++)
		if (strcmp(p->opt[i].key, key) == 0)
			return p->opt[i].value;
	return NULL;
}

int
profile_flag(const struct profile *p, const char *key)
{
	const char *v = profile_opt(p, key);
	int on = 0;

	return v != NULL && parse_bool(v, &on) == 0 && on;
}

void
profile_set_opt(struct profile *p, const char *key, const char *value, int line,
    int inherited)
{
	struct popt *o = NULL;

	for (size_t i = 0; i < p->nopt && o == NULL; i++)
		if (strcmp(p->opt[i].key, key) == 0)
			o = &p->opt[i];
	if (o == NULL) {
		p->opt = xrealloc(p->opt, (p->nopt + 1) * sizeof(*p->opt));
		o = &p->opt[p->nopt++];
		o->key = xstrdup(key);
	} else {
		free(o->value);
	}
	o->value = xstrdup(value);
	o->line = line;
	o->inherited = inherited;
}

static void
list_copy(struct strlist *dst, const struct strlist *src)
{
	memset(dst, 0, sizeof(*dst));
	for (size_t i = 0; i < src->n; i++)
		strlist_add(dst, src->v[i]);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
profile_copy(struct profile *d, const struct profile *s)
{
	*d = *s;
	d->name = dup_or_null(s->name);
	d->file = dup_or_null(s->file);
	d->server = dup_or_null(s->server);
	d->script = dup_or_null(s->script);
	d->login = dup_or_null(s->login);
	d->password = dup_or_null(s->password);
	list_copy(&d->hosts, &s->hosts);
	for (int f = 0; f < FAM_N; f++) {
		list_copy(&d->src[f].web, &s->src[f].web);
		d->src[f].skip = dup_or_null(s->src[f].skip);
		d->src[f].ifname = dup_or_null(s->src[f].ifname);
		d->src[f].cmd = dup_or_null(s->src[f].cmd);
		d->src[f].ip = dup_or_null(s->src[f].ip);
		d->src[f].bind = dup_or_null(s->src[f].bind);
	}
	d->opt = NULL;
	d->nopt = 0;
	for (size_t i = 0; i < s->nopt; i++)
		profile_set_opt(d, s->opt[i].key, s->opt[i].value, s->opt[i].line,
		    s->opt[i].inherited);
	d->ssl_ca_file = dup_or_null(s->ssl_ca_file);
	d->ssl_ca_dir = dup_or_null(s->ssl_ca_dir);
	d->proxy = dup_or_null(s->proxy);
	d->postscript = dup_or_null(s->postscript);
	d->interface = dup_or_null(s->interface);
	list_copy(&d->doh, &s->doh);
	list_copy(&d->v6_suffix, &s->v6_suffix);
}

void
profile_free(struct profile *p)
{
	free(p->name);
	free(p->file);
	free(p->server);
	free(p->script);
	free(p->login);
	free(p->password);
	strlist_free(&p->hosts);
	for (int f = 0; f < FAM_N; f++) {
		strlist_free(&p->src[f].web);
		free(p->src[f].skip);
		free(p->src[f].ifname);
		free(p->src[f].cmd);
		free(p->src[f].ip);
		free(p->src[f].bind);
	}
	for (size_t i = 0; i < p->nopt; i++) {
		free(p->opt[i].key);
		free(p->opt[i].value);
	}
	free(p->opt);
	free(p->ssl_ca_file);
	free(p->ssl_ca_dir);
	free(p->proxy);
	free(p->postscript);
	free(p->interface);
	strlist_free(&p->doh);
	strlist_free(&p->v6_suffix);
}
