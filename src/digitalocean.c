/*
 * DigitalOcean's domain records API (v2) through the record engine
 * (rest.c): no zone lookup; find the host's A or AAAA record by type and
 * full name, PATCH its data when it differs, and with "create = yes" POST a
 * missing one. The password is a personal access token with write scope.
 * nicupdate.conf(5), PROTOCOLS, digitalocean.
 */
#include "rest.h"

static const struct rest_field fields[] = {
	{ "ttl", "ttl", RJ_NUMBER, "1800", 30, 2147483647, NULL },
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

static const struct rest_api api = {
	.title = "DigitalOcean",
	.auth = "Authorization: Bearer {password}",
	.record_path = "/domains/{zone}/records?type={type}&name={host}",
	.record_id = "domain_records.0.id",
	.record_content = "domain_records.0.data",
	.update_method = "PATCH",
	.update_path = "/domains/{zone}/records/{record_id}",
	.update_body = "{\"type\":\"{type}\",\"data\":\"{addr}\"{fields}}",
	.create_path = "/domains/{zone}/records",
	.create_body = "{\"type\":\"{type}\",\"name\":\"{sub}\",\"data\":\"{addr}\"{fields}}",
	.fields = fields,
	.error_path = "message",
};

const struct proto_ops digitalocean_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.keys = rest_keys, .rest = &api,
};
