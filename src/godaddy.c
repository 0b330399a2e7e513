/*
 * GoDaddy's Domains API (v1) through the record engine (rest.c): GET the
 * host's A or AAAA records by type and name, and PUT the new address when
 * it differs; with "create = yes" a missing record is PUT the same way.
 * login is the API key, password its secret. GoDaddy refuses the API to
 * small accounts with ACCESS_DENIED, which is said as such, not as a bad
 * login. nicupdate.conf(5), PROTOCOLS, godaddy.
 */
#include "rest.h"

static const struct rest_field fields[] = {
	{ "ttl", "ttl", RJ_NUMBER, NULL, 600, 2147483647, "0.ttl" },
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

static const struct rest_hint denied = {
	"code", "ACCESS_DENIED", OUT_PERM, "denied",
	"GoDaddy gives its DNS API only to accounts with enough domains or a "
	"paid plan; the key is valid, the account is not allowed",
};

#define RECORDS "/domains/{zone}/records/{type}/{sub}"

static const struct rest_api api = {
	.title = "GoDaddy",
	.auth = "Authorization: sso-key {login}:{password}",
	.record_path = RECORDS,
	.record_id = "0.name",
	.record_content = "0.data",
	.update_method = "PUT",
	.update_path = RECORDS,
	.update_body = "[{\"data\":\"{addr}\"{fields}}]",
	.create_method = "PUT",
	.create_path = RECORDS,
	.create_body = "[{\"data\":\"{addr}\"{fields}}]",
	.fields = fields,
	.error_path = "message",
	.hint = &denied,
};

const struct proto_ops godaddy_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.keys = rest_keys, .rest = &api,
};
