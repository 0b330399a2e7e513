/*
 * Porkbun's API (v3) through the record engine (rest.c): every request is
 * a POST whose JSON body carries the API key and its secret. Retrieve the
 * host's A or AAAA records by name and type, edit them by name and type
 * when they differ, and with "create = yes" create a missing one. login is
 * the API key, password the secret API key; the domain must have API
 * access turned on. nicupdate.conf(5), PROTOCOLS, porkbun.
 */
#include "rest.h"

static const struct rest_field fields[] = {
	/* an edit without a ttl sets Porkbun's default: the record's is sent */
	{ "ttl", "ttl", RJ_NUMBER, NULL, 600, 2147483647, "records.0.ttl" },
	{ NULL, NULL, RJ_NUMBER, NULL, 0, 0, NULL },
};

/* Porkbun answers a wrong key with HTTP 400 and this text, not with 401. */
static const struct rest_hint badkey = {
	"message", "Invalid API key. (002)", OUT_AUTH, "badauth",
	"the login is the API key, the password its secret API key",
};

#define KEYS "\"secretapikey\":\"{password}\",\"apikey\":\"{login}\""

static const struct rest_api api = {
	.title = "Porkbun",
	.lookup_method = "POST",
	.lookup_body = "{" KEYS "}",
	.record_path = "/dns/retrieveByNameType/{zone}/{type}{/label}",
	.record_id = "records.0.id",
	.record_content = "records.0.content",
	.update_method = "POST",
	.update_path = "/dns/editByNameType/{zone}/{type}{/label}",
	.update_body = "{" KEYS ",\"content\":\"{addr}\"{fields}}",
	.create_path = "/dns/create/{zone}",
	.create_body = "{" KEYS ",\"name\":\"{label}\",\"type\":\"{type}\",\"content\":"
	    "\"{addr}\"{fields}}",
	.fields = fields,
	.ok_path = "status",
	.ok_value = "SUCCESS",
	.error_path = "message",
	.hint = &badkey,
};

const struct proto_ops porkbun_ops = {
	.build = rest_build, .parse = rest_parse, .done = rest_done, .check = rest_check,
	.admit = rest_admit, .keys = rest_keys, .rest = &api,
};
