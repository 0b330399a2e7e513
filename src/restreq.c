/* Building a record API's requests from its table (restint.h). */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "restint.h"

/*
 * The optional members of a body, each with its leading comma: those whose
 * key is set, and on create the defaults of the others.
 */
static void
add_fields(const struct batch *b, struct buf *out)
{
	const struct rest_field *f = api_of(b)->fields;
	const struct rest *st = b->priv;

	for (size_t i = 0; f != NULL && f->key != NULL; f++, i++) {
		const char *v = profile_opt(b->p, f->key);

		if (v == NULL && st->step == NEW_RECORD)
			v = f->def;
		if (v == NULL && st->step == SET_RECORD && i < MAXKEEP && st->kept[i][0])
			v = st->kept[i];
		if (v == NULL)
			continue;
		if (f->type == RJ_BOOL)
			v = profile_flag(b->p, f->key) ? "true" : "false";
		buf_adds(out, ",\"");
		buf_adds(out, f->member);
		buf_adds(out, "\":");
		buf_adds(out, v);
	}
}


/* s as the inside of a JSON string (control bytes are refused earlier). */
static char *
json_escape(const char *s)
{
	struct buf out = { 0 };

	buf_add(&out, "", 0);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_add(&out, "\\", 1);
		buf_add(&out, s, 1);
	}
	return out.s;
}

char *
rest_expand(const struct batch *b, const char *tmpl, int encode)
{
	const struct rest *st = b->priv;
	struct buf out = { 0 };

	buf_add(&out, "", 0);
	for (const char *s = tmpl; *s;) {
		const char *end = *s == '{' ? strchr(s, '}') : NULL, *v = NULL;
		size_t n = end ? (size_t)(end - s + 1) : 0;
		char *enc;

		if (n == 6 && strncmp(s, "{zone}", n) == 0)
			v = proto_zone(b->p, b->hosts[0]);
		else if (n == 9 && strncmp(s, "{zone_id}", n) == 0)
			v = st->zone_id;
		else if (n == 11 && strncmp(s, "{record_id}", n) == 0)
			v = st->record_id;
		else if (n == 6 && strncmp(s, "{host}", n) == 0)
			v = b->hosts[0];
		else if (n == 5 && strncmp(s, "{sub}", n) == 0)
			v = st->sub;
		else if (n == 7 && strncmp(s, "{label}", n) == 0)
			v = st->apex ? "" : st->sub;
		else if (n == 8 && strncmp(s, "{/label}", n) == 0 && st->apex)
			v = "";
		else if (n == 8 && strncmp(s, "{/label}", n) == 0) {
			buf_add(&out, "/", 1);
			v = st->sub;
		}
		else if (n == 6 && strncmp(s, "{type}", n) == 0)
			v = b->fam == FAM_V4 ? "A" : "AAAA";
		else if (n == 6 && strncmp(s, "{addr}", n) == 0)
			v = b->addr;
		else if (n == 10 && strncmp(s, "{password}", n) == 0)
			v = b->p->password;
		else if (n == 7 && strncmp(s, "{login}", n) == 0)
			v = b->p->login;
		else if (n == 8 && strncmp(s, "{fields}", n) == 0) {
			add_fields(b, &out);
			s += n;
			continue;
		}
		if (v == NULL) {
			buf_add(&out, s++, 1);
			continue;
		}
		enc = encode == E_URL ? url_encode(v) : encode == E_JSON ? json_escape(v) :
		    xstrdup(v);
		buf_adds(&out, enc);
		free(enc);
		s += n;
	}
	return out.s;
}

/* Split header lines at '\n' into st->headers from n on; the new count. */
static size_t
split_lines(struct rest *st, char *s, size_t n, size_t max)
{
	for (; s != NULL && *s && n < max; n++) {
		st->headers[n] = s;
		if ((s = strchr(s, '\n')) != NULL)
			*s++ = '\0';
	}
	return n;
}

/*
 * The header lines: auth (the e-mail form when the login is an address),
 * the step's own (extra), and the body's type.
 */
static void
set_headers(struct batch *b, const char *extra)
{
	const struct rest_api *api = api_of(b);
	struct rest *st = b->priv;
	const char *tmpl = api->auth ? api->auth : "";
	size_t n;

	if (api->auth_email != NULL && b->p->login != NULL && strchr(b->p->login, '@'))
		tmpl = api->auth_email;
	if (st->auth == NULL) {
		st->auth = rest_expand(b, tmpl, E_RAW);
		st->nauth = split_lines(st, st->auth, 0, MAXAUTH);
	}
	free(st->extra);
	st->extra = extra ? rest_expand(b, extra, E_RAW) : NULL;
	n = split_lines(st, st->extra, st->nauth, MAXAUTH + MAXSTEP);
	st->headers[n++] = "Content-Type: application/json";
	st->headers[n] = NULL;
}

void
rest_request(struct batch *b, const char *method, const char *path, const char *body,
    const char *extra)
{
	struct rest *st = b->priv;
	char *base = proto_base_url(b->p, FAM_V4), *p = rest_expand(b, path, E_URL);
	const char *script = proto_script(b->p);
	size_t nb = strlen(base), ns = strlen(script);

	/* a server given with the API's path ("api.example.com/v4") keeps it once */
	if (ns > 0 && nb >= ns && strcmp(base + nb - ns, script) == 0)
		script = "";
	free(b->url);
	free(b->body);
	b->url = xasprintf("%s%s%s", base, script, p);
	b->body = body ? rest_expand(b, body, E_JSON) : NULL;
	free(base);
	free(p);
	set_headers(b, extra);
	b->req.url = b->url;
	b->req.method = method;
	b->req.body = b->body;
	b->req.headers = st->headers;
}
