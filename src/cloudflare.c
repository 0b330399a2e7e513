/*
 * Cloudflare API v4 through the record engine (rest.c): find the zone,
 * find the host's A or AAAA record, and PATCH its content when it differs;
 * with "create = yes" a missing record is created. An API token goes in
 * the password; a login holding an '@' selects the global API key
 * (login the account e-mail, password the key). nicupdate.conf(5),
 * PROTOCOLS, cloudflare.
 */
#include "rest.h"

static const struct rest_field fields[] = {
	{ "ttl", "ttl", RJ_NUMBER, "1", 30, 86400, NULL },	/* 1: automatic */
	{ "proxied", "proxied", RJ_BOOL, NULL, 0, 0, NULL },
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

static const struct rest_api api = {
	.title = "Cloudflare",
	.auth = "Authorization: Bearer {password}",
	.auth_email = "X-Auth-Email: {login}\nX-Auth-Key: {password}",
	.zone_path = "/zones?name={zone}",
	.zone_id = "result.0.id",
	.record_path = "/zones/{zone_id}/dns_records?type={type}&name={host}",
	.record_id = "result.0.id",
	.record_content = "result.0.content",
	.update_method = "PATCH",
	.update_path = "/zones/{zone_id}/dns_records/{record_id}",
	.update_body = "{\"content\":\"{addr}\"{fields}}",
	.create_path = "/zones/{zone_id}/dns_records",
	.create_body = "{\"type\":\"{type}\",\"name\":\"{host}\",\"content\":\"{addr}\""
	    "{fields}}",
	.fields = fields,
	.ok_path = "success",
	.error_path = "errors.0.message",
};

static const struct pkey keys[] = {
	{ "zone", K_STR, NULL },
	{ "ttl", K_STR, NULL },
	{ "proxied", K_BOOL, NULL },
	{ "create", K_BOOL, "no" },
	{ NULL, K_STR, NULL },
};

const struct proto_ops cloudflare_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.keys = keys, .rest = &api, .admit = rest_admit,
};
