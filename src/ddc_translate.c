/*
 * Translating one ddclient host: its settings into the lines of a nicupdate
 * profile (nicupdate.conf(5)), with a comment and a warning for each one that
 * has no equivalent. Hosts whose lines come out identical share a profile.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "config.h"
#include "ddc.h"
#include "detect.h"
#include "log.h"
#include "proto.h"
#include "source.h"

/* Address source keys: left over, ddclient did not read them either. */
static const char source_keys[] = "use usev4 usev6 web web-skip webv4 webv4-skip "
    "webv6 webv6-skip if ifv4 ifv6 cmd cmdv4 cmdv6 ip ipv4 ipv6";
static const char ddclient_web[] = "dyndns loopia dynu freedns he.net he ip4only.me "
    "ip6only.me ipify-ipv4 ipify-ipv6 myonlineportal noip-ipv4 noip-ipv6 "
    "nsupdate.info-ipv4 nsupdate.info-ipv6 desec-ipv4 desec-ipv6 joker-ipv4 "
    "joker-ipv6 updatedip zoneedit googledomains";

/* One host being translated. */
struct xl {
	struct ddc *d;
	struct sets *h;
	struct buf b;		/* the profile's lines after "hosts" */
	struct strlist notes;	/* comments on what was not translated */
	int ssl;
};

/* Keep s as a comment in the profile, with a warning unless quiet. */
static void
note(struct xl *x, const struct set *s, int quiet, const char *why)
{
	char *c = xasprintf("ddclient %s%s=%s: %s", s->key, s->env ? "_env" : "", s->val,
	    why);

	strlist_add(&x->notes, c);
	free(c);
	if (!quiet)
		ddc_warn(x->d, s->line, s->key, "not translated: %s", why);
}

/* Mark key translated; *v gets its value, from the environment for name_env=. */
static struct set *
get(struct xl *x, const char *key, const char **v)
{
	struct set *s = ddc_sets_find(x->h, key);

	if (s == NULL)
		return NULL;
	s->used = 1;
	*v = s->env && strcmp(key, "password") != 0 ? getenv(s->val) : s->val;
	if (*v == NULL) {
		note(x, s, 0, "the environment variable is not set");
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
	if (why != NULL) {
		c = xasprintf("%s: not translated: %s", line, why);
		ddc_comment(&x->b, c);
		free(c);
		ddc_warn(x->d, s->line, s->key, "%s%s", why, pw ? "; put the password in "
		    "a file and use password-file" : "");
	} else {
		if (s->env && strcmp(s->key, "password") != 0) {
			c = xasprintf("%s: read from $%s when converted", key, s->val);
			ddc_comment(&x->b, c);
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
		note(x, s, 0, ddc_word_in("inf infinite infinity indefinite indefinitely "
		    "never forever always", v) ? "nicupdate has no infinite interval" :
		    "not a delay nicupdate can use");
		return;
	}
	if (strcmp(s->key, "timeout") == 0)
		lo = 1, hi = 600;
	if ((n *= mult) < lo || n > hi) {
		n = n < lo ? lo : hi;
		ddc_warn(x->d, s->line, s->key, "%s is outside %llds..%llds; using %llds",
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
	if (ddc_word_in(ddclient_web, v) && detect_endpoint(f, v, NULL) == -1)
		note(x, s, 0, "nicupdate has no such built-in endpoint for this family");
	else if (ddc_word_in(ddclient_web, v) || strncmp(v, "http://", 7) == 0 ||
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

enum { U_NONE = -1, U_DISABLED = USE_DISABLED, U_WEB = USE_WEB, U_IF = USE_IF,
	U_CMD = USE_CMD, U_IP = USE_STATIC };
enum { ROW_USE, ROW_V4, ROW_V6 };

/*
 * Source u by the table of source.c: in row ROW_USE ddclient's use= value
 * and the key holding its detail (web=, if=, cmd=, ip=); in rows ROW_V4 and
 * ROW_V6 ddclient's usev4=/usev6= values and keys, which are also
 * nicupdate's (nicupdate.conf(5), Address sources).
 */
static const char *
ddc_use_name(int row, int u)
{
	if (row == ROW_USE)
		return use_legacy((enum use)u);
	return use_name(row == ROW_V4 ? FAM_V4 : FAM_V6, (enum use)u);
}

/* The source v names in row, or U_NONE; ddclient also takes "no". */
static int
use_index(const char *v, int row)
{
	for (int i = U_DISABLED; i <= U_IP; i++)
		if (strcmp(v, ddc_use_name(row, i)) == 0 || (i == U_DISABLED &&
		    strcmp(v, "no") == 0))
			return i;
	return U_NONE;
}

/* One family's source u; its detail is read from row's keys (web=, ifv4=...). */
static void
put_source(struct xl *x, enum fam f, int u, int row, const struct set *from)
{
	const char *key = ddc_use_name(f == FAM_V4 ? ROW_V4 : ROW_V6, u < 0 ? U_DISABLED : u);
	const char *v = NULL;
	char canon[ADDR_MAX], skip[32];
	const struct set *s;

	if (u == U_NONE)
		return;
	put(x, from, f == FAM_V4 ? "usev4" : "usev6", key);
	if (u == U_DISABLED)
		return;
	s = get(x, ddc_use_name(row, u), &v);
	/* ddclient 4: the deprecated usev6=cmd and usev6=ip read cmd= and ip=
	 * when cmdv6= and ipv6= are unset (usev6=if and =web have defaults) */
	if (s == NULL && row == ROW_V6 && (u == U_CMD || u == U_IP) &&
	    strcmp(from->val, ddc_use_name(ROW_USE, u)) == 0)
		s = get(x, ddc_use_name(ROW_USE, u), &v);
	if (s == NULL && u != U_IF)
		return;
	if (u == U_WEB) {
		put_web(x, s, v, f, key);
		snprintf(skip, sizeof(skip), "%s-skip", ddc_use_name(row, u));
		if ((s = get(x, skip, &v)) != NULL) {
			snprintf(skip, sizeof(skip), "%s-skip", key);
			put(x, s, skip, v);
		}
	} else if (u == U_IF) {
		/* ddclient's defaults: if=ppp0, ifv4=default */
		v = s ? v : row == ROW_USE ? "ppp0" : "default";
		if (strcmp(v, "default") != 0) {
			put(x, s ? s : from, key, v);
		} else {
			char *why = xasprintf("ddclient's default-route interface: set "
			    "%s=INTERFACE, the \"dev\" of \"ip -%c route show default\"",
			    key, f == FAM_V4 ? '4' : '6');

			note(x, s ? s : &(struct set){ (char *)key, "default", from->line,
			    0, 0 }, 0, why);
			free(why);
		}
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
	char canon[ADDR_MAX];
	int u4 = s4 ? use_index(s4->val, ROW_V4) : use ? use_index(use->val, ROW_USE) :
	    U_NONE;
	int u6 = s6 ? use_index(s6->val, ROW_V6) : U_NONE;

	if (s6 != NULL && u6 == U_NONE && (u6 = use_index(s6->val, ROW_USE)) == U_NONE)
		note(x, s6, 0, why);
	if ((s4 || use) && u4 == U_NONE)
		note(x, s4 ? s4 : use, 0, why);
	if (s4 == NULL && use == NULL && (s6 == NULL || u6 == U_DISABLED)) {
		/* no source at all: ddclient infers one from ip=, if= or web= */
		for (int i = 0; i < 3 && use == NULL; i++) {
			if ((from = ddc_sets_find(x->h, ddc_use_name(ROW_USE, infer[i]))) !=
			    NULL) {
				inferred.val = (char *)ddc_use_name(ROW_USE, infer[i]);
				inferred.line = from->line;
				use = &inferred;
				u4 = infer[i];
			}
		}
	} else if (use != NULL && u4 == U_IP && s6 == NULL && (from = ddc_sets_find(x->h,
	    "ip")) != NULL && !from->env && addr_parse(FAM_V6, from->val, canon) == 0) {
		/* ddclient 4: use=ip with an IPv6 address sends that address */
		put(x, use, "usev4", "disabled");
		put_source(x, FAM_V6, U_IP, ROW_USE, use);
		return;
	} else if (s4 == NULL && use == NULL && s6 != NULL) {
		/* ddclient: use= defaults to disabled once usev6 is set */
		implicit.line = s6->line;
		u4 = U_DISABLED;
		s4 = &implicit;
	}
	put_source(x, FAM_V4, u4, use ? ROW_USE : ROW_V4, use ? use : s4);
	put_source(x, FAM_V6, u6, ROW_V6, s6);
}

/*
 * The host ddclient's namecheap sends for host h of domain login: h with
 * its last ".login" and what follows taken out, the dots of login matching
 * any character (ddclient's own rule), else h as written.
 */
static char *
namecheap_sub(const char *h, const char *login)
{
	size_t hn = strlen(h), ln = strlen(login), i, j;

	for (i = hn; ln > 0 && i-- > 0;) {
		if (h[i] != '.' || hn - i - 1 < ln)
			continue;
		for (j = 0; j < ln && (login[j] == '.' || login[j] == h[i + 1 + j]); j++)
			;
		if (j == ln)
			return xasprintf("%.*s%s", (int)i, h, h + i + 1 + ln);
	}
	return xstrdup(h);
}

/*
 * The name nicupdate writes for host h; *why gets why the host stays a
 * comment when nicupdate would send another request than ddclient or none.
 * ddclient's namecheap takes the domain from login=; nicupdate's sends the
 * host's part in zone = login (nicupdate.conf(5), namecheap).
 */
static char *
host_name(struct xl *x, const char *proto, char **why)
{
	const struct set *h = &x->h->v[0], *ls = ddc_sets_find(x->h, "login");
	const char *login = ls == NULL ? NULL : ls->env ? getenv(ls->val) : ls->val;
	char *sub = NULL, *name, *r = NULL;
	size_t n;

	if (strcmp(proto, "namecheap") != 0) {
		name = xstrdup(h->val);
	} else if (login == NULL || *login == '\0') {
		name = xstrdup(h->val);
		r = xstrdup("ddclient's namecheap takes the domain from login=, which "
		    "is not set");
	} else {
		sub = namecheap_sub(h->val, login);
		name = strcmp(sub, "@") == 0 ? xstrdup(login) :
		    xasprintf("%s.%s", sub, login);
		if (!host_in_zone(name, login, &n) || (n > 0 ? strncmp(name, sub, n) != 0 ||
		    sub[n] != '\0' : strcmp(sub, "@") != 0))
			r = xasprintf("ddclient sends host=%s&domain=%s, which "
			    "nicupdate's namecheap cannot", sub, login);
	}
	if (r == NULL && !valid_hostname(name))
		r = xstrdup("not a host name nicupdate can update (use ASCII; "
		    "punycode for international names)");
	if (r != NULL) {
		*why = xasprintf("host %s: %s", h->val, r);
		ddc_warn(x->d, h->line, h->val, "%s; the host is kept as a comment", r);
	}
	free(sub);
	free(r);
	return name;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The profile's lines for host x->h as protocol proto, in x->b. */
static void
body(struct xl *x, const char *proto)
{
	static const char keys[] = "server script ssl login password sources wildcard mx "
	    "backupmx zone min-interval max-interval min-error-interval timeout "
	    "ssl_ca_file ssl_ca_dir proxy postscript web-ssl-validate";
	const struct proto *pr = proto_find(proto);
	int i, n, namecheap = strcmp(proto, "namecheap") == 0;
	const char *v;
	char key[32];
	struct set *s;

	buf_add(&x->b, "", 0);
	for (const char *k = keys; sscanf(k, "%31s%n", key, &n) == 1; k += n) {
		if (strcmp(key, "sources") == 0) {
			put_sources(x);
		} else if ((s = get(x, key, &v)) == NULL) {
			continue;
		} else if (namecheap && strcmp(key, "login") == 0) {
			put(x, s, "zone", v);
		} else if (namecheap && strcmp(key, "zone") == 0) {
			note(x, s, 1, "ddclient's namecheap takes the domain from login");
		} else if (pr != NULL && proto_key_any(key) != NULL &&
		    proto_key(pr, key) == NULL) {
			/* ddclient's protocols ignore the settings they do not read */
			note(x, s, 1, "not read by this protocol");
		} else if (strcmp(key, "password") == 0) {
			put(x, s, s->env ? "password-env" : "password", v);
			if (!s->env && *v != '\0' && v[strlen(v) - 1] == ',')
				ddc_warn(x->d, s->line, key, "ends with \",\": ddclient "
				    "sends the comma as part of the password "
				    "(ddclient #738): check that it belongs");
		} else if (ddc_word_in("ssl wildcard backupmx web-ssl-validate", key)) {
			i = ddc_bool(v);
			if (i == -1)
				note(x, s, 0, "not a yes/no value");
			else if (strcmp(key, "web-ssl-validate") != 0)
				put(x, s, key, i ? "yes" : "no");
			else if (i == 0)
				s->used = 0;	/* "no": noted below */
			if (i != -1 && strcmp(key, "ssl") == 0)
				x->ssl = i;
			/* ddclient sends the password over http: say so, keep it */
			if (i == 0 && strcmp(key, "ssl") == 0) {
				put(x, s, "insecure-http", "yes");
				ddc_warn(x->d, s->line, key, "no: the password goes over plain "
				    "http; kept with insecure-http = yes (prefer ssl = yes)");
			}
		} else if (strstr(key, "interval") || strcmp(key, "timeout") == 0) {
			put_delay(x, s, v);
		} else {
			put(x, s, key, v);
		}
	}
	for (s = x->h->v; s < x->h->v + x->h->n; s++) {
		const char *why = ddc_untranslated(s->key, 0);

		if (s->used)
			continue;
		if (ddc_word_in(source_keys, s->key))
			note(x, s, 1, "unused by this host's use, usev4 and usev6");
		else
			note(x, s, 0, why ? why : "not a setting nicupdate knows");
	}
	if (x->notes.n > 0)
		qsort(x->notes.v, x->notes.n, sizeof(*x->notes.v), cmp_str);
	for (size_t j = 0; j < x->notes.n; j++)
		ddc_comment(&x->b, x->notes.v[j]);
	strlist_free(&x->notes);
}

/* ddclient sends both families to deSEC in one request; nicupdate sends one
 * per family, and deSEC removes the family a request does not name. */
static int
desec_dual(const struct xl *x, const char *proto)
{
	const struct set *s = ddc_sets_find(x->h, "server");
	const char *v = s == NULL ? "" : strstr(s->val, "://") ? strstr(s->val, "://") + 3 :
	    s->val;
	size_t n = strcspn(v, "/:");

	return strcmp(proto, "dyndns2") == 0 && s != NULL && !s->env &&
	    ((n == 15 && strncmp(v, "update.dedyn.io", n) == 0) ||
	    (n == 16 && strncmp(v, "update6.dedyn.io", n) == 0)) &&
	    strstr(x->b.s, "\nusev6 = ") != NULL &&
	    strstr(x->b.s, "\nusev6 = disabled\n") == NULL &&
	    strstr(x->b.s, "\nusev4 = disabled\n") == NULL;
}

void
ddc_translate_host(struct ddc *d, struct sets *h)
{
	struct xl x = { .d = d, .h = h, .ssl = 1 };
	const char *proto = "dyndns2", *v;
	struct set *s;
	struct prof *p;
	size_t *at;
	char *id, *name, *skip = NULL;

	h->v[0].used = 1;
	if ((s = get(&x, "protocol", &v)) != NULL && proto_find(proto = v) == NULL)
		ddc_warn(d, s->line, "protocol", "\"%s\" is not supported by nicupdate; "
		    "its hosts are kept as a commented-out profile", v);
	body(&x, proto);
	if (desec_dual(&x, proto)) {
		ddc_warn(d, h->v[0].line, h->v[0].val, "deSEC removes the address family "
		    "a request does not name: translated to protocol desec, which keeps "
		    "it (nicupdate sends one request per family, ddclient both in one)");
		for (s = h->v + 1; s < h->v + h->n; s++)
			s->used = strcmp(s->key, "protocol") == 0;
		buf_free(&x.b);
		x = (struct xl){ .d = d, .h = h, .ssl = 1 };
		body(&x, proto = "desec");
	}
	name = host_name(&x, proto, &skip);
	id = xasprintf("%s\n%s\n%s", skip ? skip : "", proto, x.b.s);
	if ((at = ddc_map_get(&d->bodies, id)) != NULL) {
		p = &d->p[*at];
	} else {
		ddc_map_put(&d->bodies, id, d->np);
		d->p = xrealloc(d->p, (d->np + 1) * sizeof(*d->p));
		p = memset(&d->p[d->np++], 0, sizeof(*p));
		p->proto = xstrdup(proto);
		p->body = xstrdup(x.b.s);
		p->why = skip;
		skip = NULL;
	}
	free(id);
	free(skip);
	strlist_add(&p->hosts, name);
	free(name);
	buf_free(&x.b);
}
