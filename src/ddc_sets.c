/*
 * The ddclient import's common ground: settings as read from ddclient.conf,
 * warnings reported once per line and key, comment lines, and the settings
 * nicupdate has no equivalent for.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddc.h"
#include "log.h"


enum { NOTE_PROCESS = 6 };	/* the first entries are settings of the process */
static const struct {
	const char *keys, *why;
} untranslated[] = {
	{ "daemon foreground pid jitter",
	    "schedule nicupdate with a systemd timer or cron" },
	{ "syslog facility priority",
	    "nicupdate logs to stderr; add --syslog for syslog" },
	{ "mail mail-failure mail-from", "nicupdate prints only changes and errors: "
	    "let cron or systemd mail them" },
	{ "max-warn quiet verbose debug", "use -q, -v or -d on the command line" },
	{ "exec", "use -n (--dry-run) on the command line" },
	{ "cache", "nicupdate keeps its own state; import ddclient's with "
	    "--import-ddclient-cache" },
	{ "fw fwv4 fwv6 fw-login fw-password fw-skip fwv4-skip fwv6-skip fw-ssl-validate "
	    "fw-banlocal", "reading the address from a router is not supported" },
	{ "cmd-skip if-skip", "nicupdate has no such setting" },
	{ "redirect", "nicupdate always follows up to 3 redirects" },
	{ "web-ssl-validate", "nicupdate always verifies TLS" },
};
#define NUNTRANSLATED (sizeof(untranslated) / sizeof(untranslated[0]))

const char *
ddc_untranslated(const char *key, int process)
{
	for (size_t i = 0; i < (process ? (size_t)NOTE_PROCESS : NUNTRANSLATED); i++)
		if (ddc_word_in(untranslated[i].keys, key))
			return untranslated[i].why;
	return NULL;
}

/* FNV-1a; cap is a power of two, at most half full. */
static size_t
slot_of(const struct ddc_map *m, const char *key)
{
	size_t h = 14695981039346656037ULL, i;

	for (const unsigned char *c = (const unsigned char *)key; *c != '\0'; c++)
		h = (h ^ *c) * 1099511628211ULL;
	for (i = h & (m->cap - 1); m->v[i].key != NULL && strcmp(m->v[i].key, key) != 0;
	    i = (i + 1) & (m->cap - 1))
		;
	return i;
}

size_t *
ddc_map_get(const struct ddc_map *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	i = slot_of(m, key);
	return m->v[i].key != NULL ? &m->v[i].val : NULL;
}

void
ddc_map_put(struct ddc_map *m, const char *key, size_t val)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap) {
		struct ddc_map bigger = { .cap = m->cap ? 2 * m->cap : 64 };

		bigger.v = xcalloc(bigger.cap, sizeof(*bigger.v));
		for (size_t j = 0; j < m->cap; j++)
			if (m->v[j].key != NULL)
				bigger.v[slot_of(&bigger, m->v[j].key)] = m->v[j];
		bigger.n = m->n;
		free(m->v);
		*m = bigger;
	}
	i = slot_of(m, key);
	if (m->v[i].key == NULL) {
		m->v[i].key = xstrdup(key);
		m->n++;
	}
	m->v[i].val = val;
}

void
ddc_map_free(struct ddc_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

int
ddc_bool(const char *v)
{
	static const char *const bools[] = {
		"n", "no", "f", "false", "0", "y", "yes", "t", "true", "1",
	};

	for (int i = 0; i < 10; i++)
		if (strcasecmp(v, bools[i]) == 0)
			return i >= 5;
	return -1;
}

int
ddc_word_in(const char *list, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = list; n > 0 && (p = strstr(p, w)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

struct set *
ddc_sets_find(const struct sets *s, const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].key, key) == 0)
			return &s->v[i];
	return NULL;
}

/* Add from, or overwrite an existing key when replace. */
void
ddc_sets_put(struct sets *s, const struct set *from, int replace)
{
	struct set *e = ddc_sets_find(s, from->key);

	if (e != NULL && !replace)
		return;
	if (e == NULL) {
		s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
		e = &s->v[s->n++];
		e->key = xstrdup(from->key);
	} else {
		free(e->val);
	}
	e->val = xstrdup(from->val);
	e->line = from->line;
	e->env = from->env;
	e->used = 0;
}

void
ddc_sets_free(struct sets *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].key);
		free(s->v[i].val);
	}
	free(s->v);
}

/* "name:line: key: message" as a warning or an error, once per line and key. */
static void
report(struct ddc *d, int error, int line, const char *key, const char *fmt,
    va_list ap)
{
	char msg[512], *id = xasprintf("%d %s", line, key);

	if (ddc_map_get(&d->warned, id) == NULL) {
		ddc_map_put(&d->warned, id, 0);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		if (error)
			log_error("%s:%d: %s: %s", d->name, line, key, msg);
		else
			log_warn("%s:%d: %s: %s", d->name, line, key, msg);
	}
	free(id);
}

void
ddc_warn(struct ddc *d, int line, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(d, 0, line, key, fmt, ap);
	va_end(ap);
}

void
ddc_refuse(struct ddc *d, int line, const char *key, const char *fmt, ...)
{
	va_list ap;

	d->refused = 1;
	va_start(ap, fmt);
	report(d, 1, line, key, fmt, ap);
	va_end(ap);
}

int
ddc_check_value(struct ddc *d, int line, const char *key, const char *what,
    const char *v)
{
	for (const unsigned char *c = (const unsigned char *)v; *c != '\0'; c++) {
		if (*c < 0x20 || *c == 0x7f) {
			ddc_refuse(d, line, key, "%s holds a control character (0x%02x), "
			    "which nicupdate.conf cannot hold; nothing converted",
			    what, *c);
			return -1;
		}
	}
	return 0;
}

/* A comment line: comments have no length limit (nicupdate.conf(5), Syntax). */
void
ddc_comment(struct buf *b, const char *text)
{
	buf_printf(b, "# %s\n", text);
}

/* Keep s as a comment in the profile, with a warning unless quiet. */
void
xl_note(struct xl *x, const struct set *s, int quiet, const char *why)
{
	char *c = xasprintf("ddclient %s%s=%s: %s", s->key, s->env ? "_env" : "", s->val,
	    why);

	strlist_add(&x->notes, c);
	free(c);
	if (!quiet)
		ddc_warn(x->d, s->line, s->key, "not translated: %s", why);
}

int
ddc_secret_key(const char *key)
{
	return ddc_word_in("password secretapikey", key);
}

/* Mark key translated; *v gets its value, from the environment for name_env=. */
struct set *
xl_get(struct xl *x, const char *key, const char **v)
{
	struct set *s = ddc_sets_find(x->h, key);

	if (s == NULL)
		return NULL;
	s->used = 1;
	*v = s->env && !ddc_secret_key(key) ? getenv(s->val) : s->val;
	if (*v == NULL) {
		xl_note(x, s, 0, "the environment variable is not set");
	} else if (s->env && *v != s->val) {
		char *k = xasprintf("%s_env", s->key), *what = xasprintf("$%s", s->val);
		int rc = ddc_check_value(x->d, s->line, k, what, *v);

		free(k);
		free(what);
		if (rc == -1)
			return NULL;
	}
	return *v ? s : NULL;
}

/* "key = v", or a comment and a warning when inih could not read it back. */
void
xl_put(struct xl *x, const struct set *s, const char *key, const char *v)
{
	char *line = xasprintf("%s = %s", key, v), *c;
	size_t n = strlen(v);
	int pw = strcmp(key, "password") == 0;
	const char *why = NULL;

	if (strstr(line, " ;") != NULL || strstr(line, "\t;") != NULL)
		why = "\" ;\" would start a comment";
	else if (n > 0 && (isspace((unsigned char)*v) ||
	    isspace((unsigned char)v[n - 1])))
		why = "leading or trailing blanks would be lost";
	else if (n == 0 && strstr(key, "skip") == NULL)
		why = "the value is empty";
	if (why != NULL) {
		c = xasprintf("%s: not translated: %s", line, why);
		ddc_comment(&x->b, c);
		free(c);
		ddc_warn(x->d, s->line, s->key, "%s%s", why, pw ? "; put the password in "
		    "a file and use password-file" : "");
	} else {
		if (s->env && !ddc_secret_key(s->key)) {
			c = xasprintf("%s: read from $%s when converted", key, s->val);
			ddc_comment(&x->b, c);
			free(c);
		}
		buf_printf(&x->b, "%s\n", line);
	}
	free(line);
}
