#include <stdlib.h>
#include <string.h>

#include "rest.h"
#include "restshare.h"
#include "util.h"

/* The entries of the run in progress (one run per process at a time). */
static struct shared *shared;

struct shared *
share_get(char *key, const struct proto *proto)
{
	struct shared *e;

	for (e = shared; e != NULL; e = e->next)
		if (e->proto == proto && (key == NULL ? e->key == NULL :
		    e->key != NULL && strcmp(e->key, key) == 0))
			break;
	if (e == NULL) {
		e = xcalloc(1, sizeof(*e));
		e->key = key ? xstrdup(key) : NULL;
		e->proto = proto;
		e->left = proto->ops->rest->per_minute;
		e->next = shared;
		shared = e;
	}
	e->refs++;
	free(key);
	return e;
}

void
share_put(struct shared *e, const struct batch *b)
{
	if (e == NULL)
		return;
	if (e->owner == b)
		e->owner = NULL;
	if (--e->refs > 0)
		return;
	for (struct shared **pp = &shared; *pp != NULL; pp = &(*pp)->next)
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	free(e->key);
	free(e->zone_id);
	free(e);
}
