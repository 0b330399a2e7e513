/*
 * Record APIs, done once: find the zone, find the host's A or AAAA record,
 * compare, update. A provider configures the engine with a table of paths,
 * JSON paths and its auth header; rest_ops-style operations in its own file
 * point at rest_build/rest_parse/rest_done. Templates expand {zone},
 * {zone_id}, {record_id}, {host}, {type}, {addr} and {password}; values in
 * paths are URL-encoded.
 */
#ifndef NICUPDATE_REST_H
#define NICUPDATE_REST_H

#include "proto.h"

struct rest_api {
	const char *title;		/* "Cloudflare", for messages */
	const char *auth;		/* the auth header line */
	const char *zone_path;		/* GET: the zone, or NULL for none */
	const char *zone_id;		/* JSON path of its id */
	const char *record_path;	/* GET: the host's record of {type} */
	const char *record_id;		/* JSON paths in that answer */
	const char *record_content;
	const char *update_method;	/* e.g. "PATCH" */
	const char *update_path;
	const char *update_body;
	const char *ok_path;		/* JSON path that must be true, or NULL */
	const char *error_path;		/* JSON path of the first error message */
};

void rest_build(struct batch *b);
int rest_parse(struct batch *b);
void rest_done(struct batch *b);

#endif
