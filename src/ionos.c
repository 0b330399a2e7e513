/*
 * IONOS's DNS API (v1) through the record engine (rest.c): find the zone
 * in the list of zones by its name, read the zone's records of the host's
 * name and type A or AAAA, and PUT the record's content when it differs;
 * with "create = yes" a missing record is POSTed. The password is the API
 * key as IONOS shows it, "prefix.secret", sent as X-API-Key. Errors are
 * an array of {"code", "message"}.
 * nicupdate.conf(5), PROTOCOLS, ionos.
 */
#include "rest.h"

#define RECORD "records.[name={host}&type={type}]"

static const struct rest_field fields[] = {
	{ "ttl", "ttl", RJ_NUMBER, NULL, 60, 86400, RECORD ".ttl" },
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

static const struct rest_api api = {
	.title = "IONOS",
	.auth = "X-API-Key: {password}",
	.zone_path = "/zones",
	.zone_id = "[name={zone}].id",
	.record_path = "/zones/{zone_id}?recordName={host}&recordType={type}",
	.record_id = RECORD ".id",
	.record_content = RECORD ".content",
	.update_method = "PUT",
	.update_path = "/zones/{zone_id}/records/{record_id}",
	.update_body = "{\"content\":\"{addr}\"{fields}}",
	.create_path = "/zones/{zone_id}/records",
	.create_body = "[{\"name\":\"{host}\",\"type\":\"{type}\",\"content\":\"{addr}\""
	    "{fields}}]",
	.fields = fields,
	.error_path = "0.message",
};

const struct proto_ops ionos_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.admit = rest_admit, .keys = rest_keys, .rest = &api,
};
