/*
 * What in a loaded profile is secret, so that the logger masks it in every
 * output (nicupdate.1): the password, the Basic credentials
 * base64("login:password") a server may echo, and the secrets URLs carry
 * (userinfo passwords, query values named like token or password).
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "util.h"

char *
secret_base64(const char *s, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)s;
	char *out = xcalloc(4 * ((n + 2) / 3) + 1, 1), *o = out;

	for (size_t i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)u[i] << 16 |
		    (i + 1 < n ? (unsigned long)u[i + 1] << 8 : 0) | (i + 2 < n ? u[i + 2] : 0);

		*o++ = tab[v >> 18 & 63];
		*o++ = tab[v >> 12 & 63];
		*o++ = i + 1 < n ? tab[v >> 6 & 63] : '=';
		*o++ = i + 2 < n ? tab[v & 63] : '=';
	}
	return out;
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Keep [from, to) of s, and its percent-decoded form, as secrets. */
static void
keep(const char *s, size_t from, size_t to, void *arg)
{
	struct strlist *dst = arg;
	char *raw = xcalloc(to - from + 1, 1), *dec = xcalloc(to - from + 1, 1), *d = dec;

	memcpy(raw, s + from, to - from);
	for (const char *p = raw; *p; p++) {
		if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			*d++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
			p += 2;
		} else {
			*d++ = *p == '+' ? ' ' : *p;
		}
	}
	for (char *v[] = { raw, dec }, **p = v; p < v + 2; p++)
		if (**p != '\0' && !strlist_has(dst, *p))
			strlist_add(dst, *p);
	free(raw);
	free(dec);
}

void
secret_collect(struct strlist *dst, const struct profile *p)
{
	const char *url[] = { p->proxy, p->server, profile_opt(p, "url") };

	if (p->password != NULL && *p->password != '\0') {
		char *basic = xasprintf("%s:%s", p->login ? p->login : "", p->password);
		char *b64 = secret_base64(basic, strlen(basic));

		for (char *v[] = { p->password, b64 }, **s = v; s < v + 2; s++)
			if (!strlist_has(dst, *s))
				strlist_add(dst, *s);
		free(b64);
		free(basic);
	}
	for (size_t i = 0; i < sizeof(url) / sizeof(url[0]); i++) {
		/* curl takes a proxy without a scheme: user:pass@host is still a URL */
		char *u = url[i] == NULL ? NULL : strstr(url[i], "://") ? xstrdup(url[i]) :
		    xasprintf("http://%s", url[i]);

		if (u != NULL)
			log_find_secrets(u, keep, dst);
		free(u);
	}
	for (int f = 0; f < FAM_N; f++)
		for (size_t i = 0; i < p->src[f].web.n; i++)
			log_find_secrets(p->src[f].web.v[i], keep, dst);
}
