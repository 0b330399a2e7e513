#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "ddclient.h"
#include "detect.h"
#include "log.h"
#include "proto.h"
#include "util.h"

#define INI_LINE 190		/* config.c refuses longer lines (inih's buffer) */
#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

/* One ddclient setting; env: val names an environment variable (name_env=). */
struct set {
	char *key, *val;
	int line, env;
	int used;	/* globals: a host line came after it; hosts: translated */
};

struct sets {
	struct set *v;
	size_t n;
};

/* Hosts whose translated settings (body) are identical: one profile. */
struct prof {
	char *proto, *body;
	struct strlist hosts;
};

/* One translation: what was read, then the profiles made of it. */
struct ddc {
	const char *name;
	struct sets globals;
	struct sets *h;		/* hosts, each with host=NAME first */
	size_t nh;
	struct prof *p;
	size_t np;
	struct buf top;		/* comments under the first line */
	struct strlist warned;	/* "line key" pairs already reported */
};

/* One host being translated. */
struct xl {
	struct ddc *d;
	struct sets *h;
	struct buf b;		/* the profile's lines after "hosts" */
	struct strlist notes;	/* comments on what was not translated */
	int ssl;
};

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

/* Address source keys: left over, ddclient did not read them either. */
static const char source_keys[] = "use usev4 usev6 web web-skip webv4 webv4-skip "
    "webv6 webv6-skip if ifv4 ifv6 cmd cmdv4 cmdv6 ip ipv4 ipv6";
static const char ddclient_web[] = "dyndns loopia dynu freedns he.net he ip4only.me "
    "ip6only.me ipify-ipv4 ipify-ipv6 myonlineportal noip-ipv4 noip-ipv6 "
    "nsupdate.info-ipv4 nsupdate.info-ipv6 desec-ipv4 desec-ipv6 joker-ipv4 "
    "joker-ipv6 updatedip zoneedit googledomains";

static int
word_in(const char *list, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = list; n > 0 && (p = strstr(p, w)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static struct set *
sets_find(const struct sets *s, const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].key, key) == 0)
			return &s->v[i];
	return NULL;
}

/* Add from, or overwrite an existing key when replace. */
static void
sets_put(struct sets *s, const struct set *from, int replace)
{
	struct set *e = sets_find(s, from->key);

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

static void
sets_free(struct sets *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].key);
		free(s->v[i].val);
	}
	free(s->v);
}

static void warn_at(struct ddc *d, int line, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "name:line: key: message", once per line and key. */
static void
warn_at(struct ddc *d, int line, const char *key, const char *fmt, ...)
{
	char msg[512], *id = xasprintf("%d %s", line, key);
	va_list ap;

	if (!strlist_has(&d->warned, id)) {
		strlist_add(&d->warned, id);
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		log_warn("%s:%d: %s: %s", d->name, line, key, msg);
	}
	free(id);
}

/* A comment line, cut to what the INI reader accepts. */
static void
comment(struct buf *b, const char *text)
{
	buf_printf(b, "# %.*s%s\n", INI_LINE - 5, text,
	    strlen(text) > INI_LINE - 5 ? "..." : "");
}

/* Keep s as a comment in the profile, with a warning unless quiet. */
static void
note(struct xl *x, const struct set *s, int quiet, const char *why)
{
	char *c = xasprintf("ddclient %s%s=%s: %s", s->key, s->env ? "_env" : "", s->val,
	    why);

	strlist_add(&x->notes, c);
	free(c);
	if (!quiet)
		warn_at(x->d, s->line, s->key, "not translated: %s", why);
}

/* ---- reading ddclient.conf ---- */

/*
 * ddclient's password special case, before comments are removed: the last
 * "key = value" on the line whose key ends in "password" and starts the line
 * or follows a blank (or a comma, where ddclient would make "login=x,password"
 * the key). The value may hold '#'; '...' runs to the last quote on the line,
 * else the value runs to the next blank, commas included. The line gets
 * "key=dummy" instead; the key and value are added to pw.
 */
static char *
grab_password(char *line, struct strlist *pw)
{
	char *hash = strchr(line, '#'), *k, *q, *v, *e;
	char *bk = NULL, *bke = NULL, *bv = NULL, *bve = NULL, *bend = NULL;

	for (char *p = line; (p = strstr(p, "password")) && (!hash || p < hash); p++) {
		for (k = p; k > line && strchr(NAME_CHARS, k[-1]) != NULL; k--)
			;
		q = p + 8 + strspn(p + 8, " \t\r");
		if (!isalpha((unsigned char)*k) || *q != '=' ||
		    (k > line && !strchr(" \t\r,", k[-1])))
			continue;
		v = q + 1 + strspn(q + 1, " \t\r");
		if (*v == '\'' && (e = strrchr(v, '\'')) != v)
			bv = v + 1, bve = e, bend = e + 1;
		else if (*v != '\'' && *v != '\0')
			bv = v, bve = bend = v + strcspn(v, " \t\r");
		else
			continue;
		bk = k, bke = p + 8;
	}
	if (bk == NULL)
		return line;
	k = xstrndup(bk, (size_t)(bke - bk));
	v = xstrndup(bv, (size_t)(bve - bv));
	strlist_add(pw, k);
	strlist_add(pw, v);
	free(k);
	free(v);
	k = xasprintf("%.*s=dummy%s", (int)(bke - line), line, bend);
	free(line);
	return k;
}

/* One assignment's value: quotes and backslash escapes; ends at ' ' or ','. */
static char *
parse_value(struct ddc *d, int line, const char *key, char *q, struct buf *v)
{
	char quote = 0;
	int esc = 0;

	for (buf_add(v, "", 0); *q != '\0'; q++) {
		if (esc)
			esc = 0, buf_add(v, q, 1);
		else if (*q == '\\')
			esc = 1;
		else if (quote ? *q == quote : (*q == '\'' || *q == '"'))
			quote = quote ? 0 : *q;
		else if (!quote && (*q == ' ' || *q == ','))
			break;
		else
			buf_add(v, q, 1);
	}
	if (esc || quote)
		warn_at(d, line, key, "the value ends inside %s",
		    esc ? "an escape" : "a quote");
	return q;
}

/* One logical line: assignments, then "hostlist [login [password]]". */
static void
logical(struct ddc *d, char *p, int line, const struct strlist *pw)
{
	struct sets loc = { 0 };
	struct strlist args = { 0 }, hosts = { 0 };
	struct set *hs;
	char *w, *q, *save = NULL, *hl;
	size_t i, n;

	for (;;) {
		struct set s = { .line = line };
		struct buf v = { 0 };

		p += strspn(p, ", ");
		n = isalpha((unsigned char)*p) ? strspn(p, NAME_CHARS) : 0;
		if (n == 0 || p[n] != '=')
			break;
		s.key = xstrndup(p, n);
		p = parse_value(d, line, s.key, p + n + 1, &v);
		s.val = v.s;
		for (i = 0; i + 1 < pw->n && strcmp(pw->v[i], s.key) != 0; i += 2)
			;
		if (i + 1 < pw->n) {
			free(s.val);
			s.val = xstrdup(pw->v[i + 1]);
		}
		if (n > 4 && strcmp(s.key + n - 4, "_env") == 0)
			s.key[n - 4] = '\0', s.env = 1;
		for (i = 0; i < NOTE_PROCESS; i++)
			if (word_in(untranslated[i].keys, s.key))
				break;
		if (i < NOTE_PROCESS) {
			char *c = xasprintf("ddclient %s%s=%s: not translated: %s", s.key,
			    s.env ? "_env" : "", s.val, untranslated[i].why);

			comment(&d->top, c);
			warn_at(d, line, s.key, "not translated: %s",
			    untranslated[i].why);
			free(c);
		} else {
			sets_put(&loc, &s, 1);
		}
		free(s.key);
		free(s.val);
	}
	/* the rest: "a , b" is "a,b", then words */
	for (w = q = p; *q != '\0'; q++)
		if (*q != ' ' || (q[1] != ',' && (w == p || w[-1] != ',')))
			*w++ = *q;
	*w = '\0';
	for (w = strtok_r(p, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save))
		strlist_add(&args, w);
	hs = sets_find(&loc, "host");
	hl = xasprintf("%s%s%s", args.n ? args.v[0] : "", args.n && hs ? "," : "",
	    hs ? hs->val : "");
	if (*hl == '\0') {
		for (i = 0; i < loc.n; i++)
			sets_put(&d->globals, &loc.v[i], 1);
		goto out;
	}
	if (args.n > 1)
		sets_put(&loc, &(struct set){ "login", args.v[1], line, 0, 0 }, 1);
	if (args.n > 2)
		sets_put(&loc, &(struct set){ "password", args.v[2], line, 0, 0 }, 1);
	if (args.n > 3)
		warn_at(d, line, args.v[3], "ignored: more words than \"hosts login "
		    "password\"");
	for (i = 0; i < d->globals.n; i++) {
		sets_put(&loc, &d->globals.v[i], 0);
		d->globals.v[i].used = 1;
	}
	strlist_split(&hosts, hl);
	for (i = 0; i < hosts.n; i++) {
		struct sets *h = NULL;

		for (size_t k = 0; k < d->nh && h == NULL; k++)
			if (strcmp(d->h[k].v[0].val, hosts.v[i]) == 0)
				h = &d->h[k];
		if (h == NULL) {
			d->h = xrealloc(d->h, (d->nh + 1) * sizeof(*d->h));
			h = memset(&d->h[d->nh++], 0, sizeof(*h));
			sets_put(h, &(struct set){ "host", hosts.v[i], line, 0, 0 }, 0);
		}
		/* a host defined twice keeps its earlier values, as ddclient 4 does */
		for (size_t j = 0; j < loc.n; j++)
			sets_put(h, &loc.v[j], 0);
	}
out:
	free(hl);
	strlist_free(&hosts);
	strlist_free(&args);
	sets_free(&loc);
}

static void
parse(struct ddc *d, const char *text)
{
	struct buf cont = { 0 };
	struct strlist pw = { 0 };
	int lineno = 0, start = 0;
	size_t n, e;
	char *line, *c, *dst;

	for (buf_add(&cont, "", 0); *text != '\0';) {
		n = strcspn(text, "\n");
		line = xstrndup(text, n);
		text += n + (text[n] == '\n');
		if (cont.len == 0)
			start = lineno + 1;
		lineno++;
		line = grab_password(line, &pw);
		if ((c = strchr(line, '#')) != NULL)
			*c = '\0';
		buf_adds(&cont, line);
		free(line);
		/* a backslash at the end, blanks after it allowed, continues the line */
		for (e = cont.len; e > 0 && isspace((unsigned char)cont.s[e - 1]); e--)
			;
		if (e > 0 && cont.s[e - 1] == '\\') {
			cont.s[cont.len = e - 1] = '\0';
			if (*text != '\0')
				continue;
			log_warn("%s:%d: the file ends inside a continued line", d->name,
			    lineno);
		}
		for (c = dst = cont.s; *c != '\0'; c++)
			if (!isspace((unsigned char)*c))
				*dst++ = *c;
			else if (dst > cont.s && c[1] && !isspace((unsigned char)c[1]))
				*dst++ = ' ';
		*dst = '\0';
		if (*cont.s != '\0')
			logical(d, cont.s, start, &pw);
		cont.s[cont.len = 0] = '\0';
		strlist_free(&pw);
	}
	buf_free(&cont);
	strlist_free(&pw);
}

/* ---- translating one host ---- */

/* Mark key translated; *v gets its value, from the environment for name_env=. */
static struct set *
get(struct xl *x, const char *key, const char **v)
{
	struct set *s = sets_find(x->h, key);

	if (s == NULL)
		return NULL;
	s->used = 1;
	*v = s->env && strcmp(key, "password") != 0 ? getenv(s->val) : s->val;
	if (*v == NULL)
		note(x, s, 0, "the environment variable is not set");
	return *v ? s : NULL;
}

/* "key = v", or a comment and a warning when inih could not read it back. */
static void
put(struct xl *x, const struct set *s, const char *key, const char *v)
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
	else if (strlen(line) > INI_LINE || (pw && n > 150))
		why = "the line would be too long";
	if (why != NULL) {
		c = xasprintf("%s: not translated: %s", line, why);
		comment(&x->b, c);
		free(c);
		warn_at(x->d, s->line, s->key, "%s%s", why, pw ? "; put the password in "
		    "a file and use password-file" : "");
	} else {
		if (s->env && strcmp(s->key, "password") != 0) {
			c = xasprintf("%s: read from $%s when converted", key, s->val);
			comment(&x->b, c);
			free(c);
		}
		buf_printf(&x->b, "%s\n", line);
	}
	free(line);
}

/* ddclient's delays: N, or N then a word starting with s, m, h or d. */
static void
put_delay(struct xl *x, const struct set *s, const char *v)
{
	static const struct {
		long long secs;
		char c;
	} unit[] = { { 86400, 'd' }, { 3600, 'h' }, { 60, 'm' }, { 1, 's' } };
	long long n, mult = 1, lo = 0, hi = 10LL * 365 * 86400;
	char *e, out[32];
	int i;

	errno = 0;
	n = isdigit((unsigned char)*v) ? strtoll(v, &e, 10) : -1;
	for (i = 0; n >= 0 && *e != '\0' && i < 4; i++)
		if (tolower((unsigned char)*e) == unit[i].c)
			break;
	mult = n >= 0 && *e != '\0' ? (i < 4 ? unit[i].secs : 0) : 1;
	if (n < 0 || mult == 0 || errno != 0 || n > hi / mult) {
		note(x, s, 0, word_in("inf infinite infinity indefinite indefinitely "
		    "never forever always", v) ? "nicupdate has no infinite interval" :
		    "not a delay nicupdate can use");
		return;
	}
	if (strcmp(s->key, "timeout") == 0)
		lo = 1, hi = 600;
	if ((n *= mult) < lo || n > hi) {
		n = n < lo ? lo : hi;
		warn_at(x->d, s->line, s->key, "%s is outside %llds..%llds; using %llds",
		    v, lo, hi, n);
	}
	for (i = 0; i < 3 && (n == 0 || n % unit[i].secs != 0); i++)
		;
	snprintf(out, sizeof(out), "%lld%c", n / unit[i].secs, unit[i].c);
	put(x, s, s->key, out);
}

/* A web item: ddclient's built-in names stay names, bare URLs get a scheme. */
static void
put_web(struct xl *x, const struct set *s, const char *v, enum fam f, const char *key)
{
	char *url = NULL;

	v = strcmp(v, "he") == 0 ? "he.net" : v;
	if (word_in(ddclient_web, v) && detect_endpoint(f, v, NULL) == -1)
		note(x, s, 0, "nicupdate has no such built-in endpoint for this family");
	else if (word_in(ddclient_web, v) || strncmp(v, "http://", 7) == 0 ||
	    strncmp(v, "https://", 8) == 0)
		put(x, s, key, v);
	else if (strstr(v, "://") != NULL)
		note(x, s, 0, "only http and https URLs are supported");
	else
		put(x, s, key, url = xasprintf("http%s://%s", x->ssl ? "s" : "", v));
	free(url);
}

/* A command: ours runs without a shell, so shell syntax gets "sh -c '...'". */
static void
put_cmd(struct xl *x, const struct set *s, const char *v, const char *key)
{
	struct buf b = { 0 };

	if (strpbrk(v, "|;&$`<>()*?'\"\\~[]{}#") == NULL) {
		put(x, s, key, v);
		return;
	}
	/* command_split() knows quotes but not escapes: ' becomes '"'"' */
	for (buf_adds(&b, "sh -c '"); *v != '\0'; v++)
		buf_adds(&b, *v == '\'' ? "'\"'\"'" : (char[]){ *v, '\0' });
	buf_adds(&b, "'");
	put(x, s, key, b.s);
	buf_free(&b);
}

enum { U_NONE = -1, U_DISABLED, U_WEB, U_IF, U_CMD, U_IP };
static const char *const use_names[3][5] = {
	{ "disabled", "web", "if", "cmd", "ip" },	/* ddclient's use= */
	{ "disabled", "webv4", "ifv4", "cmdv4", "ipv4" },
	{ "disabled", "webv6", "ifv6", "cmdv6", "ipv6" },
};

static int
use_index(const char *v, int row)
{
	for (int i = 0; i < 5; i++)
		if (strcmp(v, use_names[row][i]) == 0 || (i == 0 && strcmp(v, "no") == 0))
			return i;
	return U_NONE;
}

/* One family's source u; row 0: read from ddclient's use= keys (web, if...). */
static void
put_source(struct xl *x, enum fam f, int u, int row, const struct set *from)
{
	const char *key = use_names[f + 1][u < 0 ? 0 : u], *v = NULL;
	char canon[ADDR_MAX], skip[32];
	const struct set *s;

	if (u == U_NONE)
		return;
	put(x, from, f == FAM_V4 ? "usev4" : "usev6", key);
	if (u == U_DISABLED || ((s = get(x, use_names[row][u], &v)) == NULL && u != U_IF))
		return;
	if (u == U_WEB) {
		put_web(x, s, v, f, key);
		snprintf(skip, sizeof(skip), "%s-skip", use_names[row][u]);
		if ((s = get(x, skip, &v)) != NULL) {
			snprintf(skip, sizeof(skip), "%s-skip", key);
			put(x, s, skip, v);
		}
	} else if (u == U_IF) {
		/* ddclient's defaults: if=ppp0, ifv4=default */
		v = s ? v : row == 0 ? "ppp0" : "default";
		if (strcmp(v, "default") != 0)
			put(x, s ? s : from, key, v);
		else
			note(x, s ? s : &(struct set){ (char *)key, "default", from->line,
			    0, 0 }, 0, "ddclient's default-route interface: name the "
			    "interface");
	} else if (u == U_CMD) {
		put_cmd(x, s, v, key);
	} else if (addr_parse(f, v, canon) == 0) {
		put(x, s, key, canon);
	} else {
		note(x, s, 0, "not an address of this family");
	}
}

/* ddclient's use/usev4/usev6 into our usev4/usev6 and their sources. */
static void
put_sources(struct xl *x)
{
	static const int infer[] = { U_IP, U_IF, U_WEB };
	static const char why[] = "nicupdate knows web, if, cmd, ip and disabled sources";
	struct set implicit = { "usev4", "disabled", 0, 0, 0 };
	struct set inferred = { "use", "", 0, 0, 0 };
	const char *v;
	struct set *s4 = get(x, "usev4", &v), *s6 = get(x, "usev6", &v), *from;
	struct set *use = s4 ? NULL : get(x, "use", &v);
	int u4 = s4 ? use_index(s4->val, 1) : use ? use_index(use->val, 0) : U_NONE;
	int u6 = s6 ? use_index(s6->val, 2) : U_NONE;

	if (s6 != NULL && u6 == U_NONE && (u6 = use_index(s6->val, 0)) == U_NONE)
		note(x, s6, 0, why);
	if ((s4 || use) && u4 == U_NONE)
		note(x, s4 ? s4 : use, 0, why);
	if (s4 == NULL && use == NULL && (s6 == NULL || u6 == U_DISABLED)) {
		/* no source at all: ddclient infers one from ip=, if= or web= */
		for (int i = 0; i < 3 && use == NULL; i++) {
			if ((from = sets_find(x->h, use_names[0][infer[i]])) != NULL) {
				inferred.val = (char *)use_names[0][infer[i]];
				inferred.line = from->line;
				use = &inferred;
				u4 = infer[i];
			}
		}
	} else if (s4 == NULL && use == NULL && s6 != NULL) {
		/* ddclient: use= defaults to disabled once usev6 is set */
		implicit.line = s6->line;
		u4 = U_DISABLED;
		s4 = &implicit;
	}
	put_source(x, FAM_V4, u4, use ? 0 : 1, use ? use : s4);
	put_source(x, FAM_V6, u6, 2, s6);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
translate_host(struct ddc *d, struct sets *h)
{
	static const char keys[] = "server script ssl login password sources wildcard mx "
	    "backupmx zone min-interval max-interval min-error-interval timeout "
	    "ssl_ca_file ssl_ca_dir proxy postscript web-ssl-validate";
	static const char *bools[] = {
		"n", "no", "f", "false", "0", "y", "yes", "t", "true", "1",
	};
	struct xl x = { .d = d, .h = h, .ssl = 1 };
	const char *proto = "dyndns2", *v;
	char key[32];
	struct set *s;
	struct prof *p;
	int i, n;

	h->v[0].used = 1;
	if ((s = get(&x, "protocol", &v)) != NULL && proto_find(proto = v) == NULL)
		warn_at(d, s->line, "protocol", "\"%s\" is not supported by nicupdate; "
		    "its hosts are kept as a commented-out profile", v);
	buf_add(&x.b, "", 0);
	for (const char *k = keys; sscanf(k, "%31s%n", key, &n) == 1; k += n) {
		if (strcmp(key, "sources") == 0) {
			put_sources(&x);
		} else if ((s = get(&x, key, &v)) == NULL) {
			continue;
		} else if (strcmp(key, "password") == 0) {
			put(&x, s, s->env ? "password-env" : "password", v);
			if (!s->env && *v != '\0' && v[strlen(v) - 1] == ',')
				warn_at(d, s->line, key, "ends with \",\": ddclient "
				    "sends the comma as part of the password "
				    "(ddclient #738): check that it belongs");
		} else if (word_in("ssl wildcard backupmx web-ssl-validate", key)) {
			for (i = 0; i < 10 && strcasecmp(v, bools[i]) != 0; i++)
				;
			if (i == 10)
				note(&x, s, 0, "not a yes/no value");
			else if (strcmp(key, "web-ssl-validate") != 0)
				put(&x, s, key, i < 5 ? "no" : "yes");
			else if (i < 5)
				s->used = 0;	/* "no": noted below */
			if (i < 10 && strcmp(key, "ssl") == 0)
				x.ssl = i >= 5;
		} else if (strstr(key, "interval") || strcmp(key, "timeout") == 0) {
			put_delay(&x, s, v);
		} else {
			put(&x, s, key, v);
		}
	}
	for (s = h->v; s < h->v + h->n; s++) {
		size_t k;

		for (k = 0; k < NUNTRANSLATED; k++)
			if (word_in(untranslated[k].keys, s->key))
				break;
		if (s->used)
			continue;
		if (word_in(source_keys, s->key))
			note(&x, s, 1, "unused by this host's use, usev4 and usev6");
		else
			note(&x, s, 0, k < NUNTRANSLATED ? untranslated[k].why :
			    "not a setting nicupdate knows");
	}
	if (x.notes.n > 0)
		qsort(x.notes.v, x.notes.n, sizeof(*x.notes.v), cmp_str);
	for (size_t j = 0; j < x.notes.n; j++)
		comment(&x.b, x.notes.v[j]);
	strlist_free(&x.notes);
	p = NULL;
	for (size_t k = 0; k < d->np && p == NULL; k++)
		if (strcmp(d->p[k].proto, proto) == 0 && strcmp(d->p[k].body, x.b.s) == 0)
			p = &d->p[k];
	if (p == NULL) {
		d->p = xrealloc(d->p, (d->np + 1) * sizeof(*d->p));
		p = memset(&d->p[d->np++], 0, sizeof(*p));
		p->proto = xstrdup(proto);
		p->body = xstrdup(x.b.s);
	}
	strlist_add(&p->hosts, h->v[0].val);
	buf_free(&x.b);
}

/* ---- writing ---- */

/* The profiles; a hosts line too long for the INI reader splits one in two. */
static void
render(struct ddc *d, struct buf *o)
{
	struct strlist taken = { 0 };
	char *name = NULL, *base;

	strlist_add(&taken, "global");
	for (size_t pi = 0; pi < d->np; pi++) {
		struct prof *p = &d->p[pi];

		base = xstrdup(p->proto);
		for (char *c = base; *c != '\0'; c++)
			*c = isalnum((unsigned char)*c) || strchr("._-", *c) ? *c : '-';
		for (size_t h = 0, k, w; h < p->hosts.n;) {
			struct buf b = { 0 };

			/* [protocol], then -2, -3... */
			for (int i = 1; name == NULL || strlist_has(&taken, name); i++) {
				free(name);
				name = i > 1 ? xasprintf("%s-%d", base, i) :
				    xstrdup(base);
			}
			strlist_add(&taken, name);
			buf_printf(&b, "[%s]\nprotocol = %s\nhosts = ", name, p->proto);
			for (k = h, w = 8; h < p->hosts.n; h++) {
				if (h > k && (w += strlen(p->hosts.v[h]) + 2) > INI_LINE)
					break;
				w += h == k ? strlen(p->hosts.v[h]) : 0;
				buf_printf(&b, "%s%s", h > k ? ", " : "", p->hosts.v[h]);
			}
			buf_printf(&b, "\n%s", p->body);
			if (proto_find(p->proto) != NULL) {
				buf_printf(o, "\n%s", b.s);
			} else {
				buf_printf(o, "\n# protocol %s is not supported by "
				    "nicupdate\n", p->proto);
				for (char *l = b.s, *e; (e = strchr(l, '\n')); l = e + 1)
					buf_printf(o, "# %.*s\n", (int)(e - l), l);
			}
			buf_free(&b);
		}
		free(base);
	}
	free(name);
	strlist_free(&taken);
}

char *
ddclient_translate(const char *name, const char *text)
{
	struct ddc d = { .name = name };
	struct buf o = { 0 };

	buf_add(&d.top, "", 0);
	parse(&d, text);
	for (size_t i = 0; i < d.nh; i++)
		translate_host(&d, &d.h[i]);
	for (size_t i = 0; i < d.globals.n; i++) {
		struct set *g = &d.globals.v[i];
		char *c = xasprintf("ddclient %s%s=%s (line %d): applies to no host",
		    g->key, g->env ? "_env" : "", g->val, g->line);

		if (!g->used) {
			comment(&d.top, c);
			warn_at(&d, g->line, g->key, "applies to no host: ddclient "
			    "applies settings only to the host lines after them");
		}
		free(c);
	}
	if (d.nh == 0)
		log_error("%s: no host to update: is this a ddclient.conf?", name);
	else
		buf_printf(&o, "# converted from %s by nicupdate --import-ddclient\n%s",
		    name, d.top.s);
	if (d.nh > 0)
		render(&d, &o);
	for (size_t i = 0; i < d.nh; i++)
		sets_free(&d.h[i]);
	for (size_t i = 0; i < d.np; i++) {
		free(d.p[i].proto);
		free(d.p[i].body);
		strlist_free(&d.p[i].hosts);
	}
	free(d.h);
	free(d.p);
	sets_free(&d.globals);
	strlist_free(&d.warned);
	buf_free(&d.top);
	return o.s;
}

int
ddclient_looks_like(const char *text)
{
	for (const char *l = text; l != NULL && *l != '\0'; l = strchr(l, '\n')) {
		l += strspn(l, "\n \t");
		if (*l == '[' && strcspn(l, "]\n") < strcspn(l, "\n"))
			return 0;
	}
	return 1;
}
