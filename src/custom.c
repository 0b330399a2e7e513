/*
 * The custom protocol: an update URL template, as routers' "Custom" DDNS
 * forms take it. [DOMAIN] [IP] [PREFIX] [USERNAME] [PASSWORD] and inadyn's
 * %h %i %u %p %% (and %P, the prefix) are replaced by values URL-encoded
 * once, never re-expanded.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ipv6.h"
#include "proto.h"

static const struct {
	const char *name;	/* "[DOMAIN]" or "%h" */
	int what;		/* 'h' host, 'i' address, 'P' IPv6 prefix, 'u' login,
				 * 'p' password */
} holders[] = {
	{ "[DOMAIN]", 'h' }, { "[IP]", 'i' }, { "[PREFIX]", 'P' }, { "[USERNAME]", 'u' },
	{ "[PASSWORD]", 'p' }, { "%h", 'h' }, { "%i", 'i' }, { "%P", 'P' }, { "%u", 'u' },
	{ "%p", 'p' },
};

#define NHOLDERS (sizeof(holders) / sizeof(holders[0]))

/* The placeholder at s: its kind, and its length in *n; 0 if none. */
static int
holder_at(const char *s, size_t *n)
{
	for (size_t i = 0; i < NHOLDERS; i++) {
		*n = strlen(holders[i].name);
		if (strncmp(s, holders[i].name, *n) == 0)
			return holders[i].what;
	}
	return 0;
}

int
custom_check(const char *tmpl, char *why, size_t whylen)
{
	if (strncmp(tmpl, "https://", 8) != 0 && strncmp(tmpl, "http://", 7) != 0) {
		snprintf(why, whylen, "url: must start with https:// or http://");
		return -1;
	}
	for (const char *s = tmpl; *s; s++) {
		size_t n;

		if (holder_at(s, &n)) {
			s += n - 1;
		} else if (*s == '%') {
			/* %% is a percent sign; %2F and the like are already encoded */
			if (s[1] == '%' ||
			    (isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2]))) {
				s++;
				continue;
			}
			snprintf(why, whylen, "url: unknown placeholder %%%c (known: %%h %%i "
			    "%%P %%u %%p %%%%, [DOMAIN] [IP] [PREFIX] [USERNAME] [PASSWORD])", s[1] ? s[1] : ' ');
			return -1;
		} else if (*s == '[' && isupper((unsigned char)s[1])) {
			size_t k = 1;

			while (isupper((unsigned char)s[k]) || s[k] == '_')
				k++;
			if (s[k] == ']') {
				snprintf(why, whylen, "url: unknown placeholder %.*s", (int)k + 1, s);
				return -1;
			}
		} else if (*s == '#') {
			snprintf(why, whylen, "url: a '#' ends what is sent (what follows is "
			    "never sent); percent-encode it as %%23");
			return -1;
		} else if (!isgraph((unsigned char)*s)) {
			snprintf(why, whylen, "url: spaces and control characters must be "
			    "percent-encoded");
			return -1;
		}
	}
	return 0;
}

char *
custom_expand(const char *tmpl, const char *host, const char *ip, const char *prefix,
    const char *user, const char *pass)
{
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	for (const char *s = tmpl; *s;) {
		const char *v = NULL;
		size_t n;
		char *enc;

		switch (holder_at(s, &n)) {
		case 'h':
			v = host;
			break;
		case 'i':
			v = ip;
			break;
		case 'P':
			v = prefix;
			break;
		case 'u':
			v = user;
			break;
		case 'p':
			v = pass;
			break;
		default:
			if (s[0] == '%' && s[1] == '%') {
				buf_add(&b, "%", 1);
				s += 2;
			} else {
				buf_add(&b, s++, 1);
			}
			continue;
		}
		enc = url_encode(v ? v : "");
		buf_adds(&b, enc);
		free(enc);
		s += n;
	}
	return b.s;
}

static void
custom_build(struct batch *b)
{
	const struct profile *p = b->p;
	char prefix[IPV6_CIDR_MAX] = "";

	/* the prefix of the batch's own address: the same for every suffix */
	if (b->fam == FAM_V6 && ipv6_prefix(b->addr, p->v6_prefix_len, prefix) == -1)
		prefix[0] = '\0';
	b->url = custom_expand(profile_opt(p, "url"), b->hosts[0], b->addr, prefix,
	    p->login, p->password);
	b->req.url = b->url;
	b->req.user = p->login;
	b->req.pass = p->password;
}

/* The first bytes of an answer, one line of printable text, for a message. */
static const char *
answer_start(const struct http_req *r, char *out, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < r->resp_len && k + 4 < n; i++) {
		unsigned char c = (unsigned char)r->resp[i];

		out[k++] = c >= 0x20 && c < 0x7f ? (char)c : ' ';
	}
	if (k + 4 >= n && r->resp_len > k)
		k += (size_t)snprintf(out + k, n - k, "...");
	out[k] = '\0';
	return trim(out);
}

static int
custom_parse(struct batch *b)
{
	const struct http_req *r = &b->req;
	struct strlist ok = { 0 };
	char start[48];

	if (proto_http_failure(b))
		return 0;
	strlist_split(&ok, profile_opt(b->p, "success"));
	for (size_t i = 0; r->status >= 200 && r->status < 300 && i < ok.n; i++) {
		if (proto_has_word(r->resp, r->resp_len, ok.v[i])) {
			int same = strcmp(ok.v[i], "nochg") == 0;

			proto_set_all(b, same ? OUT_NOCHG : OUT_GOOD, same ? "nochg" : "good",
			    "answer holds \"%s\"", ok.v[i]);
			strlist_free(&ok);
			return 0;
		}
	}
	strlist_free(&ok);
	proto_set_all(b, OUT_PERM, "failed", "HTTP %ld, and the answer holds none of "
	    "the success words: \"%s\"", r->status, answer_start(r, start, sizeof(start)));
	return 0;
}

static int
check(const struct profile *p, char *why, size_t whylen)
{
	const char *url = profile_opt(p, "url");

	if (url == NULL) {
		snprintf(why, whylen, "protocol custom needs url");
		return -1;
	}
	return custom_check(url, why, whylen);
}

static const struct pkey keys[] = {
	{ "url", K_STR, NULL },
	{ "success", K_LIST, "good, nochg" },
	{ NULL, K_STR, NULL },
};

const struct proto_ops custom_ops = {
	.build = custom_build, .parse = custom_parse, .check = check, .keys = keys,
};
