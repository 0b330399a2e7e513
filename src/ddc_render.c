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
	struct strlist taken = { 0 };
	char *name = NULL, *base;

	strlist_add(&taken, "global");
	for (size_t pi = 0; pi < d->np; pi++) {
		struct prof *p = &d->p[pi];
		struct buf b = { 0 };

		base = xstrdup(p->proto);
		for (char *c = base; *c != '\0'; c++)
			*c = isalnum((unsigned char)*c) || strchr("._-", *c) ? *c : '-';
		/* [protocol], then -2, -3... */
		for (int i = 1; name == NULL || strlist_has(&taken, name); i++) {
			free(name);
			name = i > 1 ? xasprintf("%s-%d", base, i) : xstrdup(base);
		}
		strlist_add(&taken, name);
		buf_printf(&b, "[%s]\nprotocol = %s\nhosts = ", name, p->proto);
		for (size_t h = 0; h < p->hosts.n; h++)
			buf_printf(&b, "%s%s", h > 0 ? ", " : "", p->hosts.v[h]);
		buf_printf(&b, "\n%s", p->body);
		if (proto_find(p->proto) != NULL) {
			buf_printf(o, "\n%s", b.s);
		} else {
			buf_printf(o, "\n# protocol %s is not supported by nicupdate\n",
			    p->proto);
			for (char *l = b.s, *e; (e = strchr(l, '\n')); l = e + 1) {
				*e = '\0';
				ddc_comment(o, l);
			}
		}
		buf_free(&b);
		free(base);
	}
	free(name);
	strlist_free(&taken);
}
