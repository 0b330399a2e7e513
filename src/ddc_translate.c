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

#include "config.h"
#include "ddc.h"
#include "log.h"
#include "proto.h"

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
		xl_note(x, s, 0, ddc_word_in("inf infinite infinity indefinite indefinitely "
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
	xl_put(x, s, s->key, out);
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

	if (x->why != NULL) {
		name = xstrdup(h->val);
		r = x->why;
		x->why = NULL;
	} else if (strcmp(proto, "namecheap") != 0) {
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

/*
 * ddclient 4's porkbun zone for x's host (its nic_porkbun_update):
 * root-domain, else the host itself with on-root-domain=yes, else the host
 * less its first label. Written as zone = only where nicupdate's default,
 * the last two labels (nicupdate.conf(5), zone), is another; x->why when
 * ddclient sends nothing for the host.
 */
static void
porkbun_zone(struct xl *x)
{
	const char *h = x->h->v[0].val, *root = NULL, *on = NULL, *zone = NULL;
	const char *def = h;
	struct set *rs = xl_get(x, "root-domain", &root);
	struct set *os = xl_get(x, "on-root-domain", &on);
	int apex = os != NULL ? ddc_bool(on) : 0;
	size_t n, hn = strlen(h), zn;

	if (apex == -1)
		xl_note(x, os, 0, "not a yes/no value");
	if (rs != NULL && *root == '\0')
		rs = NULL;	/* ddclient: empty is unset */
	if (rs != NULL && apex == 1)
		xl_note(x, os, 1, "ddclient ignores it when root-domain is set");
	if (rs != NULL)
		zone = root;
	else if (apex == 1)
		zone = h;
	else if ((zone = strchr(h, '.')) != NULL)
		zone++;
	zn = zone ? strlen(zone) : 0;
	if (zone == NULL)
		x->why = xstrdup("ddclient's porkbun splits the host at its first dot "
		    "into name and domain, and it has none: set root-domain");
	else if (!valid_hostname(zone))
		x->why = xstrdup("root-domain is not a domain name nicupdate can use");
	else if (!host_in_zone(h, zone, &n) || strcmp(h + hn - zn, zone) != 0)
		x->why = xasprintf("does not end with root-domain %s: ddclient's "
		    "porkbun sends nothing for it", zone);
	if (x->why != NULL)
		return;
	for (const char *c = h; *c != '\0'; c++)
		if (*c == '.' && strchr(c + 1, '.') != NULL)
			def = c + 1;
	if (strcmp(zone, def) != 0)
		xl_put(x, rs != NULL ? rs : x->h->v, "zone", zone);
}

/* A porkbun profile's login, password and zone: ddclient 4's porkbun reads
 * apikey, secretapikey, root-domain and on-root-domain instead. */
static void
porkbun_key(struct xl *x, const char *key)
{
	int pw = strcmp(key, "password") == 0;
	const char *v;
	struct set *s = xl_get(x, key, &v);

	if (strcmp(key, "zone") == 0) {
		if (s != NULL)
			xl_note(x, s, 1, "ddclient's porkbun takes the zone from "
			    "root-domain or the host name");
		porkbun_zone(x);
		return;
	}
	if (s != NULL)
		xl_note(x, s, 1, pw ? "ddclient's porkbun reads secretapikey instead" :
		    "ddclient's porkbun reads apikey instead");
	if ((s = xl_get(x, pw ? "secretapikey" : "apikey", &v)) != NULL)
		xl_put(x, s, pw && s->env ? "password-env" : key, v);
}

/*
 * A cloudns profile's password: the token of ddclient's dynurl, a record's
 * DynamicURL https://ipv4.cloudns.net/api/dynamicURL/?q=TOKEN (or ipv6.),
 * to which ddclient 4 adds &proxy=1 as nicupdate's cloudns does.
 */
static void
cloudns_key(struct xl *x)
{
	static const char *const form[] = { "https://ipv4.cloudns.net/api/dynamicURL/?q=",
	    "https://ipv6.cloudns.net/api/dynamicURL/?q=" };
	const char *v, *tok = NULL;
	struct set *s = xl_get(x, "password", &v);
	size_t n;

	if (s != NULL)
		xl_note(x, s, 1, "ddclient's cloudns reads dynurl instead");
	if ((s = xl_get(x, "dynurl", &v)) == NULL)
		return;
	for (size_t i = 0; i < 2 && tok == NULL && !s->env; i++)
		if (strncmp(v, form[i], strlen(form[i])) == 0)
			tok = v + strlen(form[i]);
	n = tok != NULL ? strspn(tok, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789%=._-") : 0;
	if (tok == NULL || n == 0 || tok[n] != '\0') {
		xl_note(x, s, 0, "not a ClouDNS DynamicURL "
		    "(https://ipv4.cloudns.net/api/dynamicURL/?q=TOKEN): put its token in "
		    "password");
		return;
	}
	xl_put(x, s, "password", tok);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The profile's lines for host x->h as protocol proto, in x->b; dp: the
 * settings ddclient's protocol sends that proto does not, or NULL. */
static void
body(struct xl *x, const char *proto, const struct ddc_proto *dp)
{
	static const char keys[] = "server script ssl login password sources wildcard mx "
	    "backupmx zone ttl min-interval max-interval min-error-interval timeout "
	    "ssl_ca_file ssl_ca_dir proxy postscript web-ssl-validate";
	const struct proto *pr = proto_find(proto);
	int i, n, namecheap = strcmp(proto, "namecheap") == 0;
	int pork = strcmp(proto, "porkbun") == 0, cloudns = strcmp(proto, "cloudns") == 0;
	const char *v;
	char key[32];
	struct set *s;

	buf_add(&x->b, "", 0);
	for (const char *k = dp && dp->lost ? dp->lost : "";
	    sscanf(k, "%31s%n", key, &n) == 1; k += n)
		if ((s = xl_get(x, key, &v)) != NULL)
			xl_note(x, s, 0, dp->why);
	for (const char *k = keys; sscanf(k, "%31s%n", key, &n) == 1; k += n) {
		if (dp != NULL && dp->lost != NULL && ddc_word_in(dp->lost, key)) {
			continue;	/* noted above */
		} else if (strcmp(key, "sources") == 0) {
			ddc_put_sources(x);
		} else if (pork && ddc_word_in("login password zone", key)) {
			porkbun_key(x, key);
		} else if (cloudns && strcmp(key, "password") == 0) {
			cloudns_key(x);
		} else if (cloudns && strcmp(key, "login") == 0 &&
		    (s = xl_get(x, key, &v)) != NULL) {
			xl_note(x, s, 1, "ddclient's cloudns does not read it");
		} else if ((s = xl_get(x, key, &v)) == NULL) {
			continue;
		} else if (namecheap && strcmp(key, "login") == 0) {
			xl_put(x, s, "zone", v);
		} else if (namecheap && strcmp(key, "zone") == 0) {
			xl_note(x, s, 1, "ddclient's namecheap takes the domain from login");
		} else if (pr != NULL && proto_key_any(key) != NULL &&
		    proto_key(pr, key) == NULL) {
			/* ddclient's protocols ignore the settings they do not read */
			xl_note(x, s, 1, "not read by this protocol");
		} else if (strcmp(key, "ttl") == 0 && (*v == '\0' ||
		    strspn(v, "0123456789") != strlen(v))) {
			xl_note(x, s, 0, "not a number of seconds");
		} else if (strcmp(key, "password") == 0) {
			xl_put(x, s, s->env ? "password-env" : "password", v);
			if (!s->env && *v != '\0' && v[strlen(v) - 1] == ',')
				ddc_warn(x->d, s->line, key, "ends with \",\": ddclient "
				    "sends the comma as part of the password "
				    "(ddclient #738): check that it belongs");
		} else if (ddc_word_in("ssl wildcard backupmx web-ssl-validate", key)) {
			i = ddc_bool(v);
			if (i == -1)
				xl_note(x, s, 0, "not a yes/no value");
			else if (strcmp(key, "web-ssl-validate") != 0)
				xl_put(x, s, key, i ? "yes" : "no");
			else if (i == 0)
				s->used = 0;	/* "no": noted below */
			if (i != -1 && strcmp(key, "ssl") == 0)
				x->ssl = i;
			/* ddclient sends the password over http: say so, keep it */
			if (i == 0 && strcmp(key, "ssl") == 0) {
				xl_put(x, s, "insecure-http", "yes");
				ddc_warn(x->d, s->line, key, "no: the password goes over plain "
				    "http; kept with insecure-http = yes (prefer ssl = yes)");
			}
		} else if (strstr(key, "interval") || strcmp(key, "timeout") == 0) {
			put_delay(x, s, v);
		} else {
			xl_put(x, s, key, v);
		}
	}
	for (s = x->h->v; s < x->h->v + x->h->n; s++) {
		const char *why = ddc_untranslated(s->key, 0);

		if (s->used)
			continue;
		if (ddc_word_in(ddc_source_keys, s->key))
			xl_note(x, s, 1, "unused by this host's use, usev4 and usev6");
		else
			xl_note(x, s, 0, why ? why : "not a setting nicupdate knows");
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
	const struct ddc_proto *dp = NULL;
	struct set *s;
	struct prof *p;
	size_t *at;
	char *id, *name, *skip = NULL;

	h->v[0].used = 1;
	if ((s = xl_get(&x, "protocol", &v)) != NULL) {
		dp = ddc_proto_find(v);
		proto = dp != NULL && dp->ours != NULL ? dp->ours : v;
		if (dp != NULL && dp->ours == NULL)
			ddc_warn(d, s->line, "protocol", "\"%s\" is not supported by "
			    "nicupdate: %s; its hosts are kept as a commented-out "
			    "profile", v, dp->why);
		else if (proto_find(proto) == NULL)
			ddc_warn(d, s->line, "protocol", "\"%s\" is not supported by "
			    "nicupdate; its hosts are kept as a commented-out profile", v);
		else if (dp != NULL && dp->warn != NULL)
			ddc_warn(d, s->line, "protocol", "%s: %s", v, dp->warn);
	}
	body(&x, proto, dp);
	if (desec_dual(&x, proto)) {
		ddc_warn(d, h->v[0].line, h->v[0].val, "deSEC removes the address family "
		    "a request does not name: translated to protocol desec, which keeps "
		    "it (nicupdate sends one request per family, ddclient both in one)");
		for (s = h->v + 1; s < h->v + h->n; s++)
			s->used = strcmp(s->key, "protocol") == 0;
		buf_free(&x.b);
		free(x.why);
		x = (struct xl){ .d = d, .h = h, .ssl = 1 };
		body(&x, proto = "desec", NULL);
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
