/*
 * deSEC's REST API (desec.io/api/v1) through the record engine (rest.c):
 * GET the host's A or AAAA RRset by subname and type, and PATCH its
 * records when they differ. The password is a deSEC token, sent as
 * "Authorization: Token". deSEC names the apex "@" in these paths.
 * Records are not created: the dyndns2 preset desec covers that.
 * nicupdate.conf(5), PROTOCOLS, desec-api.
 */
#include "rest.h"

static const struct rest_field fields[] = {
	{ "ttl", "ttl", RJ_NUMBER, NULL, 60, 604800, NULL },
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

static const struct pkey keys[] = {
	{ "zone", K_STR, NULL },
	{ "ttl", K_STR, NULL },
	{ NULL, K_STR, NULL },
};

static const struct rest_api api = {
	.title = "deSEC",
	.auth = "Authorization: Token {password}",
	.record_path = "/domains/{zone}/rrsets/{sub}/{type}/",
	.record_id = "type",
	.record_content = "records.0",
	.update_method = "PATCH",
	.update_path = "/domains/{zone}/rrsets/{sub}/{type}/",
	.update_body = "{\"records\":[\"{addr}\"]{fields}}",
	.missing_status = 404,
	.fields = fields,
	.error_path = "detail",
};

const struct proto_ops desecapi_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.keys = keys, .rest = &api,
};
