/*
 * Reading ddclient.conf (the grammar of ddclient 3.10 and 4.x): logical
 * lines joined by a trailing backslash, comments, the password special case,
 * quoted and escaped values, then "settings hostlist [login [password]]".
 * Settings before a host line apply to the hosts of that line and later ones.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddc.h"
#include "log.h"

#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

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
		ddc_warn(d, line, key, "the value ends inside %s",
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
	const char *why, *ev;
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
		ddc_check_value(d, line, s.key, "the value", s.val);
		if (n > 4 && strcmp(s.key + n - 4, "_env") == 0)
			s.key[n - 4] = '\0', s.env = 1;
		ev = s.env ? getenv(s.val) : s.val;
		if (ev == NULL) {
			/* ddclient ignores it: an earlier value stays */
			char *c = xasprintf("ddclient %s_env=%s (line %d): ignored: the "
			    "environment variable is not set", s.key, s.val, line);

			ddc_comment(&d->top, c);
			ddc_warn(d, line, s.key, "$%s is not set: ignored, as ddclient "
			    "does; an earlier value stays", s.val);
			free(c);
		} else if (strcmp(s.key, "exec") == 0 && ddc_bool(ev) == 0) {
			/* ddclient's "do not update": no request may come of it */
			ddc_refuse(d, line, s.key, "%s: ddclient would not update; run "
			    "nicupdate -n, or remove exec=%s", ev, ev);
		} else if ((why = ddc_untranslated(s.key, 1)) != NULL) {
			char *c = xasprintf("ddclient %s%s=%s: not translated: %s", s.key,
			    s.env ? "_env" : "", s.val, why);

			ddc_comment(&d->top, c);
			ddc_warn(d, line, s.key, "not translated: %s", why);
			free(c);
		} else {
			ddc_sets_put(&loc, &s, 1);
		}
		free(s.key);
		free(s.val);
	}
	/* the rest: "a , b" is "a,b", then words */
	for (w = q = p; *q != '\0'; q++)
		if (*q != ' ' || (q[1] != ',' && (w == p || w[-1] != ',')))
			*w++ = *q;
	*w = '\0';
	for (w = strtok_r(p, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		ddc_check_value(d, line, args.n == 0 ? "host" : args.n == 1 ? "login" :
		    "password", "the value", w);
		strlist_add(&args, w);
	}
	hs = ddc_sets_find(&loc, "host");
	hl = xasprintf("%s%s%s", args.n ? args.v[0] : "", args.n && hs ? "," : "",
	    hs ? hs->val : "");
	if (*hl == '\0') {
		for (i = 0; i < loc.n; i++)
			ddc_sets_put(&d->globals, &loc.v[i], 1);
		goto out;
	}
	if (args.n > 1)
		ddc_sets_put(&loc, &(struct set){ "login", args.v[1], line, 0, 0 }, 1);
	if (args.n > 2)
		ddc_sets_put(&loc, &(struct set){ "password", args.v[2], line, 0, 0 }, 1);
	if (args.n > 3)
		ddc_warn(d, line, args.v[3], "ignored: more words than \"hosts login "
		    "password\"");
	for (i = 0; i < d->globals.n; i++) {
		ddc_sets_put(&loc, &d->globals.v[i], 0);
		d->globals.v[i].used = 1;
	}
	strlist_split(&hosts, hl);
	for (i = 0; i < hosts.n; i++) {
		size_t *k = ddc_map_get(&d->hosts, hosts.v[i]);
		struct sets *h = k != NULL ? &d->h[*k] : NULL;

		if (h == NULL) {
			ddc_map_put(&d->hosts, hosts.v[i], d->nh);
			d->h = xrealloc(d->h, (d->nh + 1) * sizeof(*d->h));
			h = memset(&d->h[d->nh++], 0, sizeof(*h));
			ddc_sets_put(h, &(struct set){ "host", hosts.v[i], line, 0, 0 }, 0);
		} else {
			ddc_warn(d, line, hosts.v[i], "defined again (first on line %d): "
			    "ddclient 4 keeps the earlier values and takes from here only "
			    "settings the host did not have", h->v[0].line);
		}
		/* a host defined twice keeps its earlier values, as ddclient 4 does */
		for (size_t j = 0; j < loc.n; j++)
			ddc_sets_put(h, &loc.v[j], 0);
	}
out:
	free(hl);
	strlist_free(&hosts);
	strlist_free(&args);
	ddc_sets_free(&loc);
}

void
ddc_read(struct ddc *d, const char *text)
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
