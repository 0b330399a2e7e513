/*
 * dyndns2, the protocol of most providers: GET {server}{script}?hostname=
 * h1,h2&myip=ADDR with basic auth; one answer line per host, in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "proto.h"

static const struct {
	const char *word;
	enum outcome out;
	const char *msg;
} codes[] = {
	{ "good", OUT_GOOD, "address set" },
	{ "successfully_changed", OUT_GOOD, "address set" },	/* Infomaniak */
	{ "nochg", OUT_NOCHG, "address was already set" },
	{ "no_change", OUT_NOCHG, "address was already set" },	/* Infomaniak */
	{ "badauth", OUT_AUTH, "login or password refused" },
	{ "nohost", OUT_PERM, "host not in this account (or invalid address)" },
	{ "notfqdn", OUT_PERM, "not a fully qualified host name" },
	{ "numhost", OUT_PERM, "too many hosts in one request" },
	{ "abuse", OUT_PERM, "host blocked by the provider for abuse" },
	{ "badagent", OUT_PERM, "client refused by the provider" },
	{ "!donator", OUT_PERM, "option needs a paid account" },
	{ "!yours", OUT_PERM, "host belongs to another account" },
	{ "!active", OUT_PERM, "host or domain not active" },
	{ "badsys", OUT_PERM, "invalid system parameter" },
	{ "911", OUT_TEMP, "provider-side problem or maintenance" },
	{ "dnserr", OUT_TEMP, "provider-side DNS error" },
};

enum outcome
dyndns2_code(const char *word, const char **msg)
{
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (strcmp(word, codes[i].word) == 0) {
			*msg = codes[i].msg;
			return codes[i].out;
		}
	}
	*msg = "unexpected answer";
	return OUT_NONE;
}

static void
dyndns2_build(struct batch *b)
{
	const struct profile *p = b->p;
	const struct proto *pr = p->proto;
	const char *script = proto_script(p), *mx = profile_opt(p, "mx");
	const char *key = pr->ipkey[b->fam] ? pr->ipkey[b->fam] : "myip";
	const char *other = pr->ipkey[!b->fam];
	char *base = proto_base_url(p, b->fam);
	struct buf u = { 0 };

	buf_printf(&u, "%s%s%s%shostname=", base, script, strchr(script, '?') ? "&" : "?",
	    pr->query ? pr->query : "");
	for (size_t i = 0; i < b->nhosts; i++) {
		char *h = url_encode(b->hosts[i]);

		buf_printf(&u, "%s%s", i ? "," : "", h);
		free(h);
	}
	buf_printf(&u, "&%s=%s", key, b->addr);
	/* deSEC deletes the family it is not told to keep */
	if (pr->keep != NULL && other != NULL && strcmp(other, key) != 0)
		buf_printf(&u, "&%s=%s", other, pr->keep);
	if (profile_flag(p, "wildcard"))
		buf_adds(&u, "&wildcard=ON");
	if (mx != NULL) {
		char *emx = url_encode(mx);

		buf_printf(&u, "&mx=%s&backmx=%s", emx, profile_flag(p, "backupmx") ? "YES" :
		    "NO");
		free(emx);
	}
	free(base);
	b->url = u.s;
	b->req.url = b->url;
	b->req.user = proto_login(p, b->hosts[0]);
	b->req.pass = p->password;
}

/* ChangeIP: success is a phrase anywhere in the answer. */
static int
substr_parse(struct batch *b)
{
	const struct http_req *r = &b->req;

	if (proto_http_failure(b))
		return 0;
	if (r->status >= 200 && r->status < 300 &&
	    memmem(r->resp, r->resp_len, "Successful", 10) != NULL)
		proto_set_all(b, OUT_GOOD, "good", "address set");
	else
		proto_set_all(b, OUT_PERM, "failed", "HTTP %ld, the answer does not say "
		    "Successful", r->status);
	return 0;
}

/* The first word of a line, trimmed, into w. */
static void
first_word(const char *line, size_t n, char *w, size_t wn)
{
	size_t i = 0, k = 0;

	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	while (i < n && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
	    k + 1 < wn)
		w[k++] = line[i++];
	w[k] = '\0';
}

/* Keep a code that is safe to store and print: no spaces or control bytes. */
static void
set_result(struct result *r, const char *word, enum outcome out, const char *msg)
{
	size_t k = 0;

	for (const char *s = word; *s && k + 1 < sizeof(r->code); s++)
		r->code[k++] = (*s > 0x20 && *s < 0x7f) ? *s : '?';
	r->code[k] = '\0';
	if (k == 0)
		snprintf(r->code, sizeof(r->code), "empty");
	r->out = out;
	snprintf(r->msg, sizeof(r->msg), "%s", msg);
}

static int
dyndns2_parse(struct batch *b)
{
	const struct http_req *r = &b->req;
	char (*words)[32] = NULL;
	size_t nlines = 0;
	long status = r->status;

	if (proto_http_failure(b))
		return 0;
	/* one word per non-empty line; only as many lines as hosts matter */
	words = xcalloc(b->nhosts + 1, sizeof(*words));
	for (const char *line = r->resp; line < r->resp + r->resp_len;) {
		const char *nl = memchr(line, '\n', r->resp_len - (size_t)(line - r->resp));
		size_t n = (size_t)((nl ? nl : r->resp + r->resp_len) - line);
		char w[32];

		first_word(line, n, w, sizeof(w));
		if (w[0] != '\0') {
			if (nlines < b->nhosts + 1)
				memcpy(words[nlines], w, sizeof(w));
			nlines++;
		}
		line += n + 1;
	}
	if (nlines == 0 && status >= 400) {
		/* a wrong script path (404) will not get better by retrying */
		char code[32];

		snprintf(code, sizeof(code), "http-%ld", status);
		proto_set_all(b, OUT_PERM, code, "HTTP %ld with no answer", status);
		free(words);
		return 0;
	}
	for (size_t i = 0; i < b->nhosts; i++) {
		/* a single line answers for every host */
		const char *w = nlines == 1 ? words[0] : i < nlines ? words[i] : NULL;
		enum outcome out;
		const char *msg;

		if (w == NULL) {
			set_result(&b->res[i], "noanswer", OUT_TEMP,
			    "the server gave no answer line for this host");
			continue;
		}
		out = dyndns2_code(w, &msg);
		if (out == OUT_NONE) {
			/* an unknown word from a 4xx answer will not get better by retrying */
			out = status >= 400 ? OUT_PERM : OUT_TEMP;
			if (status >= 400) {
				char m[64];

				snprintf(m, sizeof(m), "HTTP %ld, unexpected answer", status);
				set_result(&b->res[i], w, out, m);
				continue;
			}
		}
		set_result(&b->res[i], w, out, msg);
	}
	if (nlines > b->nhosts && nlines > 1)
		log_warn("%s: %zu answer lines for %zu hosts; extra lines ignored",
		    b->p->name, nlines, b->nhosts);
	free(words);
	return 0;
}

/* Keys of the dyndns2 request (nicupdate.conf(5), dyndns2). */
static const struct pkey keys[] = {
	{ "wildcard", K_BOOL, "no" },
	{ "mx", K_STR, NULL },
	{ "backupmx", K_BOOL, "no" },
	{ NULL, K_STR, NULL },
};

const struct proto_ops dyndns2_ops = {
	.build = dyndns2_build, .parse = dyndns2_parse, .keys = keys,
};
const struct proto_ops changeip_ops = {
	.build = dyndns2_build, .parse = substr_parse, .keys = keys,
};
