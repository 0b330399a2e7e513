/*
 * Migration from ddclient: ddclient_translate() reads a ddclient.conf
 * (ddc_read.c), translates each host (ddc_translate.c) and writes the
 * profiles (ddc_render.c).
 */
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
