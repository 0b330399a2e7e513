/*
 * Translating one ddclient host's address sources: use, usev4 and usev6
 * with their web, if, cmd and ip details, into nicupdate's usev4 and usev6
 * and their sources (nicupdate.conf(5), Address sources).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "ddc.h"
#include "detect.h"
#include "source.h"

/* Address source keys: left over, ddclient did not read them either. */
const char ddc_source_keys[] = "use usev4 usev6 web web-skip webv4 webv4-skip "
    "webv6 webv6-skip if ifv4 ifv6 cmd cmdv4 cmdv6 ip ipv4 ipv6";
static const char ddclient_web[] = "dyndns loopia dynu freedns he.net he ip4only.me "
    "ip6only.me ipify-ipv4 ipify-ipv6 myonlineportal noip-ipv4 noip-ipv6 "
    "nsupdate.info-ipv4 nsupdate.info-ipv6 desec-ipv4 desec-ipv6 joker-ipv4 "
    "joker-ipv6 updatedip zoneedit googledomains";

/* A web item: ddclient's built-in names stay names, bare URLs get a scheme. */
static void
put_web(struct xl *x, const struct set *s, const char *v, enum fam f, const char *key)
{
	char *url = NULL;

	v = strcmp(v, "he") == 0 ? "he.net" : v;
	if (ddc_word_in(ddclient_web, v) && detect_endpoint(f, v, NULL) == -1)
		xl_note(x, s, 0, "nicupdate has no such built-in endpoint for this family");
	else if (ddc_word_in(ddclient_web, v) || strncmp(v, "http://", 7) == 0 ||
	    strncmp(v, "https://", 8) == 0)
		xl_put(x, s, key, v);
	else if (strstr(v, "://") != NULL)
		xl_note(x, s, 0, "only http and https URLs are supported");
	else
		xl_put(x, s, key, url = xasprintf("http%s://%s", x->ssl ? "s" : "", v));
	free(url);
}

/* A command: ours runs without a shell, so shell syntax gets "sh -c '...'". */
static void
put_cmd(struct xl *x, const struct set *s, const char *v, const char *key)
{
	struct buf b = { 0 };

	if (strpbrk(v, "|;&$`<>()*?'\"\\~[]{}#") == NULL) {
		xl_put(x, s, key, v);
		return;
	}
	/* command_split() knows quotes but not escapes: ' becomes '"'"' */
	for (buf_adds(&b, "sh -c '"); *v != '\0'; v++)
		buf_adds(&b, *v == '\'' ? "'\"'\"'" : (char[]){ *v, '\0' });
	buf_adds(&b, "'");
	xl_put(x, s, key, b.s);
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
	xl_put(x, from, f == FAM_V4 ? "usev4" : "usev6", key);
	if (u == U_DISABLED)
		return;
	s = xl_get(x, ddc_use_name(row, u), &v);
	/* ddclient 4: the deprecated usev6=cmd and usev6=ip read cmd= and ip=
	 * when cmdv6= and ipv6= are unset (usev6=if and =web have defaults) */
	if (s == NULL && row == ROW_V6 && (u == U_CMD || u == U_IP) &&
	    strcmp(from->val, ddc_use_name(ROW_USE, u)) == 0)
		s = xl_get(x, ddc_use_name(ROW_USE, u), &v);
	if (s == NULL && u != U_IF)
		return;
	if (u == U_WEB) {
		put_web(x, s, v, f, key);
		snprintf(skip, sizeof(skip), "%s-skip", ddc_use_name(row, u));
		if ((s = xl_get(x, skip, &v)) != NULL) {
			snprintf(skip, sizeof(skip), "%s-skip", key);
			xl_put(x, s, skip, v);
		}
	} else if (u == U_IF) {
		/* ddclient's defaults: if=ppp0, ifv4=default (the default route's
		 * interface, nicupdate's "default" too: nicupdate.conf(5), ifv4) */
		v = s ? v : row == ROW_USE ? "ppp0" : "default";
		xl_put(x, s ? s : from, key, v);
	} else if (u == U_CMD) {
		put_cmd(x, s, v, key);
	} else if (addr_parse(f, v, canon) == 0) {
		xl_put(x, s, key, canon);
	} else {
		xl_note(x, s, 0, "not an address of this family");
	}
}

void
ddc_put_sources(struct xl *x)
{
	static const int infer[] = { U_IP, U_IF, U_WEB };
	static const char why[] = "nicupdate knows web, if, cmd, ip and disabled sources";
	struct set implicit = { "usev4", "disabled", 0, 0, 0 };
	struct set inferred = { "use", "", 0, 0, 0 };
	const char *v;
	struct set *s4 = xl_get(x, "usev4", &v), *s6 = xl_get(x, "usev6", &v), *from;
	struct set *use = s4 ? NULL : xl_get(x, "use", &v);
	char canon[ADDR_MAX];
	int u4 = s4 ? use_index(s4->val, ROW_V4) : use ? use_index(use->val, ROW_USE) :
	    U_NONE;
	int u6 = s6 ? use_index(s6->val, ROW_V6) : U_NONE;

	if (s6 != NULL && u6 == U_NONE && (u6 = use_index(s6->val, ROW_USE)) == U_NONE)
		xl_note(x, s6, 0, why);
	if ((s4 || use) && u4 == U_NONE)
		xl_note(x, s4 ? s4 : use, 0, why);
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
		xl_put(x, use, "usev4", "disabled");
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
