/*
 * The record engine's own parts, shared by rest.c (the steps) and
 * restreq.c (building each step's request from the API's templates).
 */
#ifndef NICUPDATE_RESTINT_H
#define NICUPDATE_RESTINT_H

#include "rest.h"

enum { FIND_ZONE, FIND_RECORD, SET_RECORD, NEW_RECORD };

#define MAXAUTH 4	/* auth header lines */
#define MAXSTEP 2	/* header lines of one step */
#define MAXKEEP 4	/* fields with a kept value */

/* What one batch of a record API carries from step to step. */
struct rest {
	int step;
	char *zone_id, *record_id;
	char *auth;		/* the auth lines, '\0' between */
	size_t nauth;		/* its lines, first in headers */
	char *extra;		/* the step's own header lines, '\0' between */
	char *sub;		/* the host without its zone, or the apex's name */
	int apex;		/* the host is the zone itself */
	struct shared *zone, *budget;	/* or NULL */
	int reserved;		/* budgeted requests of this attempt not yet sent */
	char kept[MAXKEEP][16];	/* per field: the record's value to keep, or "" */
	const char *headers[MAXAUTH + MAXSTEP + 2];
};

static inline const struct rest_api *
api_of(const struct batch *b)
{
	return b->p->proto->ops->rest;
}

/* How rest_expand() writes values: as they are, URL-encoded, JSON-escaped. */
enum { E_RAW, E_URL, E_JSON };

/* Expand a template of the API (rest.h lists its placeholders). */
char *rest_expand(const struct batch *b, const char *tmpl, int encode);
/* b's request: method (NULL: GET), path and body templates, the step's own
 * header lines (or NULL) after the auth lines. */
void rest_request(struct batch *b, const char *method, const char *path,
    const char *body, const char *extra);

#endif
