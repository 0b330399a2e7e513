/*
 * Gandi LiveDNS (API v5) through the record engine (rest.c): GET the
 * host's A or AAAA rrset by name and type, and PUT its values when they
 * differ; with "create = yes" a missing rrset is PUT the same way. The
 * password is a personal access token with the LiveDNS permission.
 * nicupdate.conf(5), PROTOCOLS, gandi.
 */
#include "rest.h"

static const struct rest_field fields[] = {
	{ "ttl", "rrset_ttl", RJ_NUMBER, NULL, 300, 2592000, "rrset_ttl" },
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

#define RRSET "/domains/{zone}/records/{sub}/{type}"

static const struct rest_api api = {
	.title = "Gandi",
	.auth = "Authorization: Bearer {password}",
	.record_path = RRSET,
	.record_id = "rrset_name",
	.record_content = "rrset_values.0",
	.update_method = "PUT",
	.update_path = RRSET,
	.update_body = "{\"rrset_values\":[\"{addr}\"]{fields}}",
	.missing_status = 404,
	.create_method = "PUT",
	.create_path = RRSET,
	.create_body = "{\"rrset_values\":[\"{addr}\"]{fields}}",
	.fields = fields,
	.error_path = "message",
};

const struct proto_ops gandi_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.keys = rest_keys, .rest = &api,
};
