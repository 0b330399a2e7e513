/*
 * What the batches of one run of a record API share (src/rest.c): a
 * zone's id, by protocol, server, credentials and zone, and a protocol's
 * request budget. Every batch holds a reference to what it uses, from its
 * first build to its end, so nothing outlives the run.
 */
#ifndef NICUPDATE_RESTSHARE_H
#define NICUPDATE_RESTSHARE_H

#include "proto.h"

struct shared {
	struct shared *next;
	char *key;		/* a zone's, or NULL for the budget */
	const struct proto *proto;
	int refs;
	char *zone_id;		/* once found */
	struct batch *owner;	/* the batch looking the zone up, or NULL */
	int left;		/* budget: the requests the run may still send */
};

/*
 * A reference to the entry of key (taken, freed here) for a zone, or of
 * proto's budget when key is NULL; a new budget starts full (per_minute).
 */
struct shared *share_get(char *key, const struct proto *proto);
/* Drop b's reference to e (NULL is fine); the last one frees it. */
void share_put(struct shared *e, const struct batch *b);

#endif
