/*
 * Migration from ddclient: ddclient_translate() reads a ddclient.conf
 * (ddc_read.c), translates each host (ddc_translate.c) and writes the
 * profiles (ddc_render.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ddc.h"
#include "ddclient.h"
#include "log.h"

char *
ddclient_translate(const char *name, const char *text)
{
	struct ddc d = { .name = name };
	struct buf o = { 0 };

	buf_add(&d.top, "", 0);
	ddc_read(&d, text);
	for (size_t i = 0; i < d.nh; i++)
		ddc_translate_host(&d, &d.h[i]);
	for (size_t i = 0; i < d.globals.n; i++) {
		struct set *g = &d.globals.v[i];
		char *c = xasprintf("ddclient %s%s=%s (line %d): applies to no host",
		    g->key, g->env ? "_env" : "", g->val, g->line);

		if (!g->used) {
			ddc_comment(&d.top, c);
			ddc_warn(&d, g->line, g->key, "applies to no host: ddclient "
			    "applies settings only to the host lines after them");
		}
		free(c);
	}
	if (d.refused) {
		/* each refused value was reported where it was read */
	} else if (d.nh == 0) {
		log_error("%s: no host to update: is this a ddclient.conf?", name);
	} else {
		buf_printf(&o, "# converted from %s by nicupdate --import-ddclient\n%s",
		    name, d.top.s);
		ddc_render(&d, &o);
	}
	for (size_t i = 0; i < d.nh; i++)
		ddc_sets_free(&d.h[i]);
	for (size_t i = 0; i < d.np; i++) {
		free(d.p[i].proto);
		free(d.p[i].body);
		free(d.p[i].why);
		strlist_free(&d.p[i].hosts);
	}
	free(d.h);
	free(d.p);
	ddc_sets_free(&d.globals);
	ddc_map_free(&d.hosts);
	ddc_map_free(&d.bodies);
	ddc_map_free(&d.warned);
	buf_free(&d.top);
	return o.s;
}

/* The length of a ddclient setting's name at l, "name=" with no blank before
 * the '=' (ddc_read.c), or 0. */
static size_t
setting_name(const char *l, const char *e)
{
	size_t n = 0;

	while (l + n < e && (isalnum((unsigned char)l[n]) || l[n] == '_' || l[n] == '-'))
		n++;
	return n > 0 && l + n < e && l[n] == '=' ? n : 0;
}

/* Does the setting line [l, e) end in a host list: "login=x, password=y host"? */
static int
ends_in_hosts(const char *l, const char *e)
{
	const char *t = e, *b;

	while (t > l && !isblank((unsigned char)t[-1]))
		t--;
	if (t == l || memchr(t, '=', (size_t)(e - t)) != NULL || *t == ',')
		return 0;
	for (b = t; b > l && isblank((unsigned char)b[-1]); b--)
		;
	return b > l && b[-1] != ',' && b[-1] != '\\';
}

int
ddclient_looks_like(const char *text)
{
	int settings = 0, hosts = 0;

	for (const char *l = text; *l != '\0';) {
		const char *nl = strchr(l, '\n'), *e = nl ? nl : l + strlen(l), *c;

		l += strspn(l, " \t\r");
		/* "#" at the start or after a blank starts a comment (ddc_read.c) */
		for (c = l; c < e && !(*c == '#' && (c == l || isblank((unsigned char)c[-1])));
		    c++)
			;
		while (c > l && (isspace((unsigned char)c[-1]) || c[-1] == '\\'))
			c--;
		if (c == l) {
			/* blank or a comment */
		} else if (*l == '[') {
			return 0;	/* an INI section */
		} else if (memchr(l, '=', (size_t)(c - l)) == NULL) {
			/* a host line, or a continued one; "key: value" is INI */
			if (memchr(l, ':', strcspn(l, " \t,\n")) != NULL)
				return 0;
			hosts = 1;
		} else if (setting_name(l, c) == 0) {
			return 0;	/* "key = value": INI */
		} else {
			settings = 1;
			hosts |= ends_in_hosts(l, c);
		}
		l = nl ? nl + 1 : e;
	}
	return settings && hosts;
}
