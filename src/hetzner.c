/*
 * Hetzner's Cloud DNS API (api.hetzner.cloud, the successor of the
 * dns.hetzner.com API) through the record engine (rest.c): GET the host's
 * A or AAAA RRSet by name and type, set its records with the set_records
 * action when they differ, and with "create = yes" create a missing RRSet.
 * The password is a Cloud project API token with write access.
 * nicupdate.conf(5), PROTOCOLS, hetzner.
 */
#include "rest.h"

static const struct rest_field fields[] = {
	{ "ttl", "ttl", RJ_NUMBER, NULL, 60, 2147483647, NULL },
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

static const struct rest_api api = {
	.title = "Hetzner",
	.auth = "Authorization: Bearer {password}",
	.record_path = "/zones/{zone}/rrsets/{sub}/{type}",
	.record_id = "rrset.id",
	.record_content = "rrset.records.0.value",
	.update_method = "POST",
	.update_path = "/zones/{zone}/rrsets/{sub}/{type}/actions/set_records",
	.update_body = "{\"records\":[{\"value\":\"{addr}\"}]}",
	.missing_status = 404,
	.create_path = "/zones/{zone}/rrsets",
	.create_body = "{\"name\":\"{sub}\",\"type\":\"{type}\",\"records\":[{\"value\":"
	    "\"{addr}\"}]{fields}}",
	.fields = fields,
	.error_path = "error.message",
};

const struct proto_ops hetzner_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.keys = rest_keys, .rest = &api,
};
