#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "ddclient.h"
#include "detect.h"
#include "log.h"
#include "state.h"
#include "proto.h"

/* One "key = value" as read, before it is applied to profiles. */
struct entry {
	char *section, *key, *value;
	int line;
};

struct section {
	char *name;
	int line;
	size_t first;	/* its first entry */
};


/* Everything one load gathers; errors are counted, each reported once. */
struct load {
	const char *file;
	FILE *f;
	int line;
	int errors;
	struct entry *ent;
	size_t nent;
	struct section *sec;
	size_t nsec;
	struct strlist longvals;	/* values too long for inih's line buffer */
	int long_pending;		/* the line just read is one of them */
	long global;	/* index of [global] in sec, or -1 */
	int has_password;
};

static void conf_error(struct load *l, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
conf_error(struct load *l, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_error("%s:%d: %s", l->file, line, msg);
	l->errors++;
}

/*
 * A value as inih would leave it: cut at an inline comment (";" after a
 * blank) and trimmed. In place; returns the start.
 */
static char *
ini_value(char *v)
{
	for (char *c = v; *c; c++) {
		if (*c == ';' && c > v && (c[-1] == ' ' || c[-1] == '\t')) {
			*c = '\0';
			break;
		}
	}
	return trim(v);
}

/*
 * inih's reader, wrapped: counts lines (the handler then knows its line),
 * records section headers (so empty and duplicate sections are seen),
 * strips leading blanks so no line is taken as a continuation, and hands
 * inih a stand-in for values too long for its line buffer (a long hosts
 * list), which the handler swaps back.
 */
static char *
reader(char *str, int num, void *stream)
{
	struct load *l = stream;
	char *line = NULL, *p, *sep;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, l->f);

	if (n < 0) {
		free(line);
		return NULL;
	}
	l->line++;
	l->long_pending = 0;
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	sep = strpbrk(p, "=:");
	/* inih ends a value at " ;": a password must not lose its tail */
	if (strncmp(p, "password", 8) == 0 && sep != NULL &&
	    (strstr(p, " ;") || strstr(p, "\t;")))
		conf_error(l, l->line, "password: \" ;\" would start a comment here; "
		    "use password-file or password-env");
	if (*p == '[') {
		char *end = strchr(p, ']');

		if (end != NULL) {
			struct section *s;
			char *raw = xstrndup(p + 1, (size_t)(end - p - 1));
			char *name = trim(raw);

			for (size_t i = 0; i < l->nsec; i++)
				if (strcmp(l->sec[i].name, name) == 0)
					conf_error(l, l->line, "[%s] already defined at line %d",
					    name, l->sec[i].line);
			l->sec = xrealloc(l->sec, (l->nsec + 1) * sizeof(*l->sec));
			s = &l->sec[l->nsec++];
			s->name = xstrdup(name);
			s->line = l->line;
			s->first = l->nent;
			free(raw);
		}
	}
	if ((ssize_t)strlen(p) + 2 <= num) {
		snprintf(str, (size_t)num, "%s\n", p);
	} else if (*p != '[' && *p != ';' && *p != '#' && sep != NULL && sep - p < 64) {
		strlist_add(&l->longvals, ini_value(sep + 1));
		snprintf(str, (size_t)num, "%.*s= (long value)\n", (int)(sep - p), p);
		l->long_pending = 1;
	} else {
		conf_error(l, l->line, "line longer than %d characters", num - 2);
		snprintf(str, (size_t)num, ";\n");
	}
	free(line);
	return str;
}

/* Keys that set the same thing: login and username, password and its sources. */
static int
same_key(const char *a, const char *b)
{
	static const char *groups[][3] = {
		{ "login", "username", NULL },
		{ "password", "password-file", "password-env" },
		{ "webv4", "web", NULL },
		{ "usev4", "use", NULL },
	};

	if (strcmp(a, b) == 0)
		return 1;
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		int ina = 0, inb = 0;

		for (int k = 0; k < 3 && groups[g][k]; k++) {
			ina |= strcmp(a, groups[g][k]) == 0;
			inb |= strcmp(b, groups[g][k]) == 0;
		}
		if (ina && inb)
			return 1;
	}
	return 0;
}

static int
handler(void *user, const char *section, const char *key, const char *value)
{
	struct load *l = user;
	struct entry *e;
	size_t first = l->nsec > 0 ? l->sec[l->nsec - 1].first : 0;

	/* the line just read was too long for inih: its value was kept aside */
	if (l->long_pending) {
		value = l->longvals.v[l->longvals.n - 1];
		l->long_pending = 0;
	}
	/* a section's entries are contiguous: sections cannot be reopened */
	for (size_t i = first; i < l->nent; i++) {
		e = &l->ent[i];
		if (strcmp(e->section, section) == 0 && same_key(e->key, key)) {
			conf_error(l, l->line, "%s: already set at line %d", key, e->line);
			return 1;
		}
	}
	if (*section == '\0') {
		conf_error(l, l->line, "%s: outside any section; put it under [global] "
		    "or a [profile]", key);
		return 1;
	}
	l->ent = xrealloc(l->ent, (l->nent + 1) * sizeof(*l->ent));
	e = &l->ent[l->nent++];
	e->section = xstrdup(section);
	e->key = xstrdup(key);
	e->value = xstrdup(value);
	e->line = l->line;
	/* a password-file or password-env keeps the secret out of this file */
	if (strcmp(key, "password") == 0)
		l->has_password = 1;
	return 1;
}

/* ---- keys ---- */

enum ktype { K_STR, K_BOOL, K_DUR, K_COUNT, K_LIST, K_SPECIAL };

struct key {
	const char *name;
	enum ktype type;
	size_t off;		/* into struct profile */
	int fam;		/* for per-family keys, else -1 */
};

#define O(f) offsetof(struct profile, f)
#define S(f, fam) offsetof(struct profile, src) + (fam) * sizeof(struct source) + \
	offsetof(struct source, f)

static const struct key keys[] = {
	{ "protocol", K_SPECIAL, 0, -1 },
	{ "server", K_STR, O(server), -1 },
	{ "script", K_STR, O(script), -1 },
	{ "ssl", K_BOOL, O(ssl), -1 },
	{ "login", K_STR, O(login), -1 },
	{ "username", K_STR, O(login), -1 },
	{ "password", K_STR, O(password), -1 },
	{ "password-file", K_SPECIAL, 0, -1 },
	{ "password-env", K_SPECIAL, 0, -1 },
	{ "hosts", K_LIST, O(hosts), -1 },
	{ "usev4", K_SPECIAL, 0, FAM_V4 },
	{ "usev6", K_SPECIAL, 0, FAM_V6 },
	{ "use", K_SPECIAL, 0, FAM_V4 },
	{ "webv4", K_LIST, S(web, FAM_V4), FAM_V4 },
	{ "webv6", K_LIST, S(web, FAM_V6), FAM_V6 },
	{ "web", K_LIST, S(web, FAM_V4), FAM_V4 },
	{ "web-skip", K_SPECIAL, 0, -1 },
	{ "webv4-skip", K_SPECIAL, 0, FAM_V4 },
	{ "webv6-skip", K_SPECIAL, 0, FAM_V6 },
	{ "ifv4", K_STR, S(ifname, FAM_V4), FAM_V4 },
	{ "ifv6", K_STR, S(ifname, FAM_V6), FAM_V6 },
	{ "cmdv4", K_STR, S(cmd, FAM_V4), FAM_V4 },
	{ "cmdv6", K_STR, S(cmd, FAM_V6), FAM_V6 },
	{ "ipv4", K_SPECIAL, S(ip, FAM_V4), FAM_V4 },
	{ "ipv6", K_SPECIAL, S(ip, FAM_V6), FAM_V6 },
	{ "allow-private", K_BOOL, O(allow_private), -1 },
	{ "wildcard", K_BOOL, O(wildcard), -1 },
	{ "mx", K_STR, O(mx), -1 },
	{ "backupmx", K_BOOL, O(backupmx), -1 },
	{ "min-interval", K_DUR, O(min_interval), -1 },
	{ "max-interval", K_DUR, O(max_interval), -1 },
	{ "min-error-interval", K_DUR, O(min_error_interval), -1 },
	{ "timeout", K_DUR, O(timeout), -1 },
	{ "attempts", K_COUNT, O(attempts), -1 },
	{ "retry-interval", K_DUR, O(retry_interval), -1 },
	{ "cache", K_SPECIAL, 0, -1 },
	{ "ssl_ca_file", K_STR, O(ssl_ca_file), -1 },
	{ "ssl_ca_dir", K_STR, O(ssl_ca_dir), -1 },
	{ "proxy", K_STR, O(proxy), -1 },
	{ "postscript", K_STR, O(postscript), -1 },
	{ "url", K_STR, O(url), -1 },
	{ "success", K_LIST, O(success), -1 },
	{ "zone", K_STR, O(zone), -1 },
};

static const struct key *
find_key(const char *name)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static void
profile_defaults(struct profile *p)
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
}

/* Read the first line of a secret file that only its owner may read. */
static char *
read_secret_file(struct load *l, int line, const char *path)
{
	struct stat st;
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		conf_error(l, line, "password-file: %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO))) {
		conf_error(l, line, "password-file: %s: readable by other users "
		    "(chmod 600 it)", path);
		fclose(f);
		return NULL;
	}
	n = getline(&s, &cap, f);
	fclose(f);
	if (n <= 0) {
		free(s);
		conf_error(l, line, "password-file: %s: empty", path);
		return NULL;
	}
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static int
parse_use(const char *v, enum fam fam, enum use *out)
{
	static const char *names[FAM_N][5] = {
		{ "disabled", "webv4", "ifv4", "cmdv4", "ipv4" },
		{ "disabled", "webv6", "ifv6", "cmdv6", "ipv6" },
	};

	for (int i = 0; i < 5; i++) {
		if (strcmp(v, names[fam][i]) == 0) {
			*out = (enum use)i;
			return 0;
		}
	}
	return -1;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* Apply one entry to a profile (or, for "cache", to the config). */
static void
apply(struct load *l, struct config *c, struct profile *p, const struct entry *e)
{
	const struct key *k = find_key(e->key);
	const char *v = e->value;
	char *field;

	if (k == NULL) {
		conf_error(l, e->line, "%s: unknown key", e->key);
		return;
	}
	field = (char *)p + k->off;
	/* an empty web-skip cancels a built-in one; every other key needs a value */
	if (*v == '\0' && strstr(e->key, "skip") == NULL) {
		conf_error(l, e->line, "%s: empty value", e->key);
		return;
	}
	switch (k->type) {
	case K_STR:
		set_str((char **)field, v);
		return;
	case K_BOOL:
		if (parse_bool(v, (int *)field) == -1)
			conf_error(l, e->line, "%s: \"%s\" is not yes or no", e->key, v);
		return;
	case K_DUR:
		if (parse_duration(v, (long *)field) == -1)
			conf_error(l, e->line, "%s: \"%s\" is not a duration "
			    "(a number with s, m, h or d)", e->key, v);
		return;
	case K_COUNT:
		if (parse_long(v, 1, 10, (long *)field) == -1)
			conf_error(l, e->line, "%s: \"%s\" is not a number from 1 to 10",
			    e->key, v);
		return;
	case K_LIST:
		strlist_free((struct strlist *)field);
		if (strlist_split((struct strlist *)field, v) == -1)
			conf_error(l, e->line, "%s: empty item in \"%s\"", e->key, v);
		return;
	case K_SPECIAL:
		break;
	}
	if (strcmp(e->key, "protocol") == 0) {
		if ((p->proto = proto_find(v)) == NULL) {
			conf_error(l, e->line, "protocol: unknown \"%s\" (known: %s)", v,
			    proto_names());
			p->proto = proto_find("dyndns2");
		}
	} else if (strcmp(e->key, "usev4") == 0 || strcmp(e->key, "usev6") == 0) {
		if (parse_use(v, (enum fam)k->fam, &p->src[k->fam].use) == -1)
			conf_error(l, e->line, "%s: unknown \"%s\"", e->key, v);
	} else if (strcmp(e->key, "use") == 0) {
		/* ddclient's legacy key, for IPv4 */
		static const char *legacy[] = { "disabled", "web", "if", "cmd", "ip" };
		size_t i;

		for (i = 0; i < 5 && strcmp(v, legacy[i]) != 0; i++)
			;
		if (i == 5)
			conf_error(l, e->line, "use: unknown \"%s\"", v);
		else
			p->src[FAM_V4].use = (enum use)i;
	} else if (strcmp(e->key, "ipv4") == 0 || strcmp(e->key, "ipv6") == 0) {
		char canon[ADDR_MAX];

		if (addr_parse((enum fam)k->fam, v, canon) == -1)
			conf_error(l, e->line, "%s: \"%s\" is not an %s address", e->key, v,
			    fam_name((enum fam)k->fam));
		else
			set_str(&p->src[k->fam].ip, canon);
	} else if (strcmp(e->key, "web-skip") == 0) {
		set_str(&p->src[FAM_V4].skip, v);
		set_str(&p->src[FAM_V6].skip, v);
	} else if (strcmp(e->key, "webv4-skip") == 0 || strcmp(e->key, "webv6-skip") == 0) {
		set_str(&p->src[k->fam].skip, v);
	} else if (strcmp(e->key, "password-file") == 0) {
		char *s = read_secret_file(l, e->line, v);

		if (s != NULL) {
			free(p->password);
			p->password = s;
		}
	} else if (strcmp(e->key, "password-env") == 0) {
		const char *s = getenv(v);

		if (s == NULL || *s == '\0')
			conf_error(l, e->line, "password-env: variable %s is not set", v);
		else
			set_str(&p->password, s);
	} else if (strcmp(e->key, "cache") == 0) {
		if (strcmp(e->section, "global") != 0)
			conf_error(l, e->line, "cache: only allowed in [global]");
		else
			set_str(&c->cache, v);
	}
}

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
	size_t from, to;

	span(l, s, &from, &to);
	for (size_t i = from; i < to; i++)
		if (same_key(l->ent[i].key, key))
			return l->ent[i].line;
	span(l, l->global, &from, &to);
	for (size_t i = from; i < to; i++)
		if (same_key(l->ent[i].key, key))
			return l->ent[i].line;
	return l->sec[s].line;
}

/* Check profile p of section sec; report each problem at the line that caused it. */
static void
validate(struct load *l, struct profile *p, long sec)
{
	int line = p->line;
	char why[200];

	if (p->name[0] == '\0' || strspn(p->name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._-") != strlen(p->name))
		conf_error(l, line, "[%s]: a profile name takes only letters, digits, "
		    "'.', '_' and '-'", p->name);
	if (p->hosts.n == 0)
		conf_error(l, line, "[%s]: hosts: no hosts to update", p->name);
	for (size_t i = 0; i < p->hosts.n; i++)
		if (!valid_hostname(p->hosts.v[i]))
			conf_error(l, key_line(l, sec, "hosts"), "[%s]: hosts: \"%s\" is not a valid host name "
			    "(use ASCII; punycode for international names)", p->name,
			    p->hosts.v[i]);
	if (proto_check(p, why, sizeof(why)) == -1)
		conf_error(l, key_line(l, sec, "protocol"), "[%s]: %s", p->name, why);
	if (p->success.n == 0)
		strlist_split(&p->success, "good,nochg");
	if (p->server != NULL && !valid_server(p->server))
		conf_error(l, key_line(l, sec, "server"), "[%s]: server: \"%s\" is not host[:port] or "
		    "http(s)://host[:port]", p->name, p->server);
	if (p->script != NULL && p->script[0] != '/')
		conf_error(l, key_line(l, sec, "script"), "[%s]: script: \"%s\" must start with /", p->name,
		    p->script);
	if (p->timeout < 1 || p->timeout > 600)
		conf_error(l, key_line(l, sec, "timeout"), "[%s]: timeout: must be from 1s to 10m", p->name);
	if (p->src[FAM_V4].use == USE_DISABLED && p->src[FAM_V6].use == USE_DISABLED)
		conf_error(l, line, "[%s]: usev4 and usev6 are both disabled", p->name);
	for (int f = 0; f < FAM_N; f++) {
		struct source *s = &p->src[f];
		const char *fn = f == FAM_V4 ? "v4" : "v6";
		int uline = key_line(l, sec, f == FAM_V4 ? "usev4" : "usev6");
		int wline = key_line(l, sec, f == FAM_V4 ? "webv4" : "webv6");

		if (s->use == USE_STATIC && s->ip == NULL)
			conf_error(l, uline, "[%s]: usev%s = ip%s needs ip%s", p->name,
			    fn + 1, fn, fn);
		if (s->use == USE_IF && s->ifname == NULL)
			conf_error(l, uline, "[%s]: usev%s = if%s needs if%s", p->name,
			    fn + 1, fn, fn);
		if (s->use == USE_CMD && s->cmd == NULL)
			conf_error(l, uline, "[%s]: usev%s = cmd%s needs cmd%s", p->name,
			    fn + 1, fn, fn);
		if (s->use == USE_WEB && s->web.n == 0)
			detect_default_web((enum fam)f, &s->web);
		for (size_t i = 0; s->use == USE_WEB && i < s->web.n; i++)
			if (detect_endpoint((enum fam)f, s->web.v[i], NULL) == -1)
				conf_error(l, wline, "[%s]: web%s: \"%s\" is neither a built-in "
				    "endpoint nor an http(s) URL", p->name, fn, s->web.v[i]);
	}
	if (p->password != NULL)
		log_secret(p->password);
}

static void
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
	}
	free(p->mx);
	free(p->zone);
	free(p->url);
	strlist_free(&p->success);
	free(p->ssl_ca_file);
	free(p->ssl_ca_dir);
	free(p->proxy);
	free(p->postscript);
}

static void
load_free(struct load *l)
{
	for (size_t i = 0; i < l->nent; i++) {
		free(l->ent[i].section);
		free(l->ent[i].key);
		free(l->ent[i].value);
	}
	free(l->ent);
	for (size_t i = 0; i < l->nsec; i++)
		free(l->sec[i].name);
	free(l->sec);
	strlist_free(&l->longvals);
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

/* A deep copy of the [global] template, for one profile to start from. */
static void
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
	}
	d->mx = dup_or_null(s->mx);
	d->zone = dup_or_null(s->zone);
	d->url = dup_or_null(s->url);
	list_copy(&d->success, &s->success);
	d->ssl_ca_file = dup_or_null(s->ssl_ca_file);
	d->ssl_ca_dir = dup_or_null(s->ssl_ca_dir);
	d->proxy = dup_or_null(s->proxy);
	d->postscript = dup_or_null(s->postscript);
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
	profile_defaults(&global);
	l->global = -1;
	for (size_t s = 0; s < l->nsec && l->global < 0; s++)
		if (strcmp(l->sec[s].name, "global") == 0)
			l->global = (long)s;
	span(l, l->global, &from, &to);
	for (size_t i = from; i < to; i++)
		apply(l, c, &global, &l->ent[i]);
	for (size_t s = 0; s < l->nsec; s++) {
		struct profile *p;

		if (strcmp(l->sec[s].name, "global") == 0)
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
			apply(l, c, p, &l->ent[i]);
		validate(l, p, (long)s);
	}
	profile_free(&global);
	if (c->nprof == 0)
		conf_error(l, l->line > 0 ? l->line : 1, "no profile: add a [name] section "
		    "with hosts");
}

static int
load_stream(struct config *c, const char *name, FILE *f)
{
	struct load l = { .file = name, .f = f };
	int rc;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(name);
	rc = ini_parse_stream(reader, &l, handler, &l);
	if (rc > 0)
		conf_error(&l, rc, "syntax error: expected \"key = value\" or \"[section]\"");
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
	load_free(&l);
	return rc;
}

int
config_load(struct config *c, const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf text = { 0 };
	char chunk[8192], *ini;
	struct stat st;
	size_t n;
	int rc;

	if (f == NULL) {
		memset(c, 0, sizeof(*c));
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&text, chunk, n);
	buf_add(&text, "", 0);
	if (!ddclient_looks_like(text.s)) {
		rewind(f);
		rc = load_stream(c, path, f);
		fclose(f);
		buf_free(&text);
		return rc;
	}
	/* a ddclient.conf: read it through the same translation as --import-ddclient */
	log_warn("%s: a ddclient.conf; read through nicupdate --import-ddclient %s, "
	    "which converts it for good", path, path);
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & (S_IRGRP | S_IROTH)) &&
	    strstr(text.s, "password") != NULL)
		log_warn("%s: may hold a password and other users can read it "
		    "(chmod 600 %s)", path, path);
	fclose(f);
	ini = ddclient_translate(path, text.s);
	buf_free(&text);
	if (ini == NULL) {
		memset(c, 0, sizeof(*c));
		return -1;
	}
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

void
config_free(struct config *c)
{
	for (size_t i = 0; i < c->nprof; i++)
		profile_free(&c->prof[i]);
	free(c->prof);
	free(c->path);
	free(c->cache);
	memset(c, 0, sizeof(*c));
}

char *
config_default_cache(void)
{
	return state_default_path(NULL, 0);
}
