/*
 * Infomaniak's API (v2) through the record engine (rest.c): the zone is
 * addressed by its name; list the zone's records filtered by source (the
 * host within the zone, "." for the zone itself) and type, pick the A or
 * AAAA record, and PUT its target when it differs; with "create = yes" a
 * missing record is POSTed with a ttl (Infomaniak requires one). Every
 * answer carries "result": "success" or "error" with an error's
 * "description". The password is an API token with the dns scopes. A run
 * sends at most 60 requests (per_minute); the hosts beyond wait for the
 * next run. nicupdate.conf(5), PROTOCOLS, infomaniak-api.
 */
#include "rest.h"

#define RECORD "data.[source={sub}&type={type}]"

static const struct rest_field fields[] = {
	{ "ttl", "ttl", RJ_NUMBER, "3600", 60, 86400, RECORD ".ttl" },
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

static const struct rest_api api = {
	.title = "Infomaniak",
	.auth = "Authorization: Bearer {password}",
	.record_path = "/zones/{zone}/records?filter%5Bsource%5D={sub}"
	    "&filter%5Btypes%5D%5B%5D={type}",
	.record_id = RECORD ".id",
	.record_content = RECORD ".target",
	.update_method = "PUT",
	.update_path = "/zones/{zone}/records/{record_id}",
	.update_body = "{\"target\":\"{addr}\"{fields}}",
	.create_path = "/zones/{zone}/records",
	.create_body = "{\"source\":\"{sub}\",\"type\":\"{type}\",\"target\":\"{addr}\""
	    "{fields}}",
	.fields = fields,
	.apex = ".",
	.ok_path = "result",
	.ok_value = "success",
	.error_path = "error.description",
	.per_minute = 60,
};

const struct proto_ops infomaniakapi_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.admit = rest_admit, .keys = rest_keys, .rest = &api,
};
