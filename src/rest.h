/*
 * Record APIs, done once: find the zone, find the host's A or AAAA record,
 * compare, update, and create the record when it is missing and the
 * profile says "create = yes". A provider configures the engine with a
 * table of paths, JSON paths and its auth headers; rest_ops-style
 * operations in its own file point at rest_build/rest_parse/rest_done.
 * Templates expand {zone}, {zone_id}, {record_id}, {host}, {sub} (the host
 * without its zone, "@" or the table's apex name for the apex), {label} (the same, empty for the
 * apex), {/label} ("/" and the label, or nothing), {type}, {addr},
 * {login}, {password} and {fields}; values in paths are URL-encoded, in
 * bodies JSON-escaped. JSON paths are templates too, so an answer's array
 * can be searched ("data.[name={label}&type={type}].id", src/json.h).
 *
 * Batches of one run share what they can: a zone's id is looked up once
 * per protocol, server, credentials and zone (the other batches wait for
 * it), and a protocol with per_minute sends at most that many requests in
 * a run (nicupdate.conf(5), PROTOCOLS, infomaniak-api).
 */
#ifndef NICUPDATE_REST_H
#define NICUPDATE_REST_H

#include "proto.h"

/* How an optional body member is written. */
enum rest_json { RJ_NUMBER, RJ_BOOL };

/*
 * An optional member of the update and create bodies, from a provider
 * key: sent when the key is set; on create, def is sent when it is unset.
 * A number is def or from min to max (rest_check).
 */
struct rest_field {
	const char *key;		/* provider key, NULL ends a table */
	const char *member;		/* JSON member name */
	enum rest_json type;
	const char *def;		/* value on create when unset, or NULL */
	long min, max;
	/* for an API whose update resets what it leaves out: the JSON path,
	 * in the record lookup's answer, of the value an update sends when
	 * the key is unset (digits only), or NULL */
	const char *keep;
};

/* An error the API names in its answer that deserves its own message. */
struct rest_hint {
	const char *path;		/* JSON path of the error's code */
	const char *value;		/* the code */
	enum outcome out;
	const char *word;		/* for the state file, "denied" */
	const char *msg;		/* added to the API's own message */
};

struct rest_api {
	const char *title;		/* "Cloudflare", for messages */
	/* auth header lines ('\n' between), and the ones used instead when
	 * the login holds an '@' (an account e-mail), or NULL */
	const char *auth;
	const char *auth_email;
	const char *zone_path;		/* GET: the zone, or NULL for none */
	const char *zone_id;		/* JSON path of its id */
	const char *record_path;	/* GET: the host's record of {type} */
	const char *record_id;		/* JSON paths in that answer */
	const char *record_content;
	const char *update_method;	/* e.g. "PATCH" */
	const char *update_path;
	const char *update_body;
	long missing_status;		/* the lookup's status for no record, or 0 */
	const char *create_method;	/* NULL: "POST" */
	const char *create_path;	/* a new record, or NULL */
	const char *create_body;
	const struct rest_field *fields; /* what {fields} expands to, or NULL */
	const char *apex;		/* {sub} of the zone itself; NULL: "@" */
	const char *lookup_method;	/* of both lookups; NULL: "GET" */
	const char *lookup_body;	/* of both lookups (credentials), or NULL */
	const char *zone_headers;	/* header lines of the zone lookup, or NULL */
	const char *record_headers;	/* header lines of the record lookup, or NULL */
	const char *ok_path;		/* JSON path that must be true, or NULL */
	const char *ok_value;		/* what ok_path must be instead of true */
	int per_minute;			/* requests a run may send, or 0: no bound */
	const char *error_path;		/* JSON path of the first error message */
	const struct rest_hint *hint;	/* or NULL */
};

/* The keys of a record API with a ttl field: zone, ttl and create. */
extern const struct pkey rest_keys[];

void rest_build(struct batch *b);
/* A proto_ops check: the number fields of p within their bounds. */
int rest_check(const struct profile *p, char *why, size_t whylen);
int rest_parse(struct batch *b);
/* A proto_ops admit: the shared zone id and the request budget. */
int rest_admit(struct batch *b);
void rest_done(struct batch *b);

#endif
