/*
 * Cloudflare API v4 through the record engine (rest.c): find the zone,
 * find the host's A or AAAA record, and PATCH its content when it differs.
 * The record must exist; this never creates or deletes records.
 */
#include "rest.h"

static const struct rest_api api = {
	.title = "Cloudflare",
	.auth = "Authorization: Bearer {password}",
	.zone_path = "/zones?name={zone}",
	.zone_id = "result.0.id",
	.record_path = "/zones/{zone_id}/dns_records?type={type}&name={host}",
	.record_id = "result.0.id",
	.record_content = "result.0.content",
	.update_method = "PATCH",
	.update_path = "/zones/{zone_id}/dns_records/{record_id}",
	.update_body = "{\"content\":\"{addr}\"}",
	.ok_path = "success",
	.error_path = "errors.0.message",
};

static const struct pkey keys[] = {
	{ "zone", K_STR, NULL },
	{ NULL, K_STR, NULL },
};

const struct proto_ops cloudflare_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .keys = keys,
	.rest = &api,
};
