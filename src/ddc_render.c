/*
 * Writing the translated profiles as nicupdate.conf(5) text: one section per
 * profile, named after its protocol, and a commented-out one for a protocol
 * nicupdate does not have.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddc.h"
#include "proto.h"

/* The profiles, each with all its hosts on one line however long. */
void
ddc_render(struct ddc *d, struct buf *o)
{
	struct ddc_map taken = { 0 };	/* section names */
	struct ddc_map next = { 0 };	/* base name: the next number to try */
	char *name, *base;

	ddc_map_put(&taken, "global", 0);
	for (size_t pi = 0; pi < d->np; pi++) {
		struct prof *p = &d->p[pi];
		struct buf b = { 0 };
		size_t *from, i;

		base = xstrdup(p->proto);
		for (char *c = base; *c != '\0'; c++)
			*c = isalnum((unsigned char)*c) || strchr("._-", *c) ? *c : '-';
		/* [protocol], then -2, -3... */
		for (i = (from = ddc_map_get(&next, base)) ? *from : 1;; i++) {
			name = i > 1 ? xasprintf("%s-%zu", base, i) : xstrdup(base);
			if (ddc_map_get(&taken, name) == NULL)
				break;
			free(name);
		}
		ddc_map_put(&taken, name, 0);
		ddc_map_put(&next, base, i + 1);
		buf_printf(&b, "[%s]\nprotocol = %s\nhosts = ", name, p->proto);
		for (size_t h = 0; h < p->hosts.n; h++)
			buf_printf(&b, "%s%s", h > 0 ? ", " : "", p->hosts.v[h]);
		buf_printf(&b, "\n%s", p->body);
		if (proto_find(p->proto) != NULL && p->why == NULL) {
			buf_printf(o, "\n%s", b.s);
		} else {
			if (p->why != NULL)
				buf_printf(o, "\n# %s\n", p->why);
			else
				buf_printf(o, "\n# protocol %s is not supported by "
				    "nicupdate\n", p->proto);
			for (char *l = b.s, *e; (e = strchr(l, '\n')); l = e + 1) {
				*e = '\0';
				ddc_comment(o, l);
			}
		}
		buf_free(&b);
		free(name);
		free(base);
	}
	ddc_map_free(&taken);
	ddc_map_free(&next);
}
