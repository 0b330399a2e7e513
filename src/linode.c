/*
 * Linode's (Akamai's) API v4 through the record engine (rest.c): find the
 * domain with an X-Filter on its name, find the host's A or AAAA record
 * with an X-Filter on name and type (and pick it from the answer by both,
 * should the filter be ignored), and PUT its target when it differs; with
 * "create = yes" a missing record is POSTed. The password is a personal
 * access token with read/write access to Domains. nicupdate.conf(5),
 * PROTOCOLS, linode.
 */
#include "rest.h"

static const struct rest_field fields[] = {
	{ "ttl", "ttl_sec", RJ_NUMBER, NULL, 0, 2419200, NULL },	/* 0: the domain's */
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

#define RECORD "data.[name={label}&type={type}]"

static const struct rest_api api = {
	.title = "Linode",
	.auth = "Authorization: Bearer {password}",
	.zone_path = "/domains",
	.zone_headers = "X-Filter: {\"domain\":\"{zone}\"}",
	.zone_id = "data.[domain={zone}].id",
	.record_path = "/domains/{zone_id}/records",
	.record_headers = "X-Filter: {\"name\":\"{label}\",\"type\":\"{type}\"}",
	.record_id = RECORD ".id",
	.record_content = RECORD ".target",
	.update_method = "PUT",
	.update_path = "/domains/{zone_id}/records/{record_id}",
	.update_body = "{\"target\":\"{addr}\"{fields}}",
	.create_path = "/domains/{zone_id}/records",
	.create_body = "{\"type\":\"{type}\",\"name\":\"{label}\",\"target\":\"{addr}\""
	    "{fields}}",
	.fields = fields,
	.error_path = "errors.0.reason",
};

const struct proto_ops linode_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.admit = rest_admit, .keys = rest_keys, .rest = &api,
};
