/*
 * More providers end to end, as check_providers.c: the built nicupdate,
 * given the address with --ip, against a loopback fake provider. The
 * request cases are in tests/reqcases2.c; here are the answer tables and
 * what each provider does beyond one request.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provcase.h"
#include "util.h"

START_TEST(request_lines)
{
	req_case_run(&req_cases2[_i]);
}
END_TEST

/* ---- Cloudflare: create, ttl, proxied, the global API key, server forms ---- */

#define CF "protocol = cloudflare\npassword = " TOKEN "\nzone = example.com\n" \
	"hosts = home.example.com\n"
#define CF_NONE "{\"success\":true,\"errors\":[],\"result\":[]}"
#define CF_ERR(code, msg) "{\"success\":false,\"errors\":[{\"code\":" #code \
	",\"message\":\"" msg "\"}],\"messages\":[],\"result\":null}"

static const struct native answers[] = {
	{ CF "create = yes\n", "/client/v4/zones", 200, CF_ERR(1000, "Invalid user"), 65,
	  "p/home.example.com: error: Invalid user" },
	{ CF "login = me@example.com\n", "/client/v4/zones", 403,
	  CF_ERR(9103, "Unknown X-Auth-Key or X-Auth-Email"), 77,
	  "p/home.example.com: badauth: Unknown X-Auth-Key or X-Auth-Email" },
	{ CF "login = me@example.com\n", "/client/v4/zones", 400,
	  CF_ERR(6103, "Invalid format for X-Auth-Key header"), 65,
	  "Invalid format for X-Auth-Key header" },
	{ CF "create = yes\n", "/client/v4/zones", 429, "", 75, "http-429" },
	{ CF "create = yes\n", "/client/v4/zones", 503, "", 75, "http-503" },
};

#define DO "protocol = digitalocean\npassword = " TOKEN "\nhosts = home.example.com\n"
#define DO_ERR(id, msg) "{\"id\":\"" id "\",\"message\":\"" msg "\"}"
#define DO_PATH "/v2/domains/example.com/records"

#define HZ "protocol = hetzner\npassword = " TOKEN "\nhosts = home.example.com\n"
#define HZ_PATH "/v1/zones/example.com/rrsets/home/A"
#define HZ_ERR(code, msg) "{\"error\":{\"code\":\"" code "\",\"message\":\"" msg \
	"\",\"details\":{}}}"
#define GANDI "protocol = gandi\npassword = " TOKEN "\nhosts = home.example.com\n"
#define GANDI_PATH "/v5/livedns/domains/example.com/records/home/A"
#define GANDI_ERR(code, msg, object, cause) "{\"code\":" #code ",\"message\":\"" msg \
	"\",\"object\":\"" object "\",\"cause\":\"" cause "\"}"
#define GD "protocol = godaddy\n" LOGIN "hosts = home.example.com\n"
#define GD_PATH "/v1/domains/example.com/records/A/home"
#define GD_ERR(code, msg) "{\"code\":\"" code "\",\"message\":\"" msg "\"}"

#define Q(proto, creds, host) "protocol = " proto "\n" creds "hosts = " host "\n"
#define QLOGIN "login = user\npassword = " PW "\n"
#define QTOKEN "password = " TOKEN "\n"
#define FMIP Q("freemyip", QTOKEN, "home.freemyip.com")
#define DME Q("dnsmadeeasy", QLOGIN, "1007")
#define RF Q("regfish", QTOKEN, "home.example.de")
#define NJ Q("njalla", QTOKEN, "home.example.com")
#define EZ Q("easydns", QLOGIN, "home.example.com")
#define ZE Q("zoneedit", QLOGIN, "home.example.com")
#define DS Q("domeneshop", QLOGIN, "home.example.no")
#define KS Q("keysystems", QTOKEN, "home.example.com")
#define DX Q("dnsexit", QTOKEN, "home.example.com")
#define H1984 Q("1984", QTOKEN, "home.example.is")
#define YD Q("ydns", QLOGIN, "home.ydns.eu")
#define CD Q("cloudns", QTOKEN, "home.example.com")

/* The query-string services' own answer words (src/urlquery.c). */
static const struct native query_answers[] = {
	{ CD, "/api/dynamicURL/", 200, "The record's key is wrong!", 77, "badkey" },
	{ CD, "/api/dynamicURL/", 200, "Invalid request.", 65, "invalid" },
	{ CD, "/api/dynamicURL/", 200, "OK", 0, NULL },
	{ FMIP, "/update", 200, "ERROR", 77, "p/home.freemyip.com: ERROR" },
	{ FMIP, "/update", 200, "", 65, "unexpected answer" },
	{ DME, "/servlet/updateip", 200, "error-record-ip-same", 0, NULL },
	{ DME, "/servlet/updateip", 200, "error-auth", 77, "error-auth" },
	{ DME, "/servlet/updateip", 200, "error-auth-suspend", 77, "error-auth" },
	{ DME, "/servlet/updateip", 200, "error-record-invalid", 65, "no record with" },
	{ DME, "/servlet/updateip", 200, "error-record-auth", 65, "another account" },
	{ DME, "/servlet/updateip", 200, "error-system", 75, "error-system" },
	{ RF, "/", 200, "success|101|no update needed at this time", 0, NULL },
	{ RF, "/", 200, "fail|401|invalid token", 77, "token refused" },
	{ RF, "/", 200, "fail|402|invalid fqdn", 65, "unexpected answer" },
	{ NJ, "/update/", 200, "{\"status\": 401, \"message\": \"invalid host or key\"}",
	  77, "badkey" },
	{ EZ, "/dyn/generic.php", 200, "NOACCESS", 77, "NOACCESS" },
	{ EZ, "/dyn/generic.php", 200, "NOSERVICE", 65, "dynamic DNS is off" },
	{ EZ, "/dyn/generic.php", 200, "ILLEGAL INPUT", 65, "ILLEGAL" },
	{ EZ, "/dyn/generic.php", 200, "TOOSOON", 75, "too frequent" },
	{ ZE, "/auth/dynamic.html", 200, "<ERROR CODE=\"707\" TEXT=\"Duplicate updates "
	  "for the same host/ip, adjust client settings\" ZONE=\"example.com\" "
	  "HOST=\"home.example.com\">", 0, NULL },
	{ ZE, "/auth/dynamic.html", 200, "<ERROR CODE=\"702\" TEXT=\"Update failed.\" "
	  "ZONE=\"example.com\">", 65, "update refused" },
	{ ZE, "/auth/dynamic.html", 401, "", 77, "http-401" },
	{ DS, "/v0/dyndns/update", 404, "", 65, "http-404" },
	{ DS, "/v0/dyndns/update", 503, "", 75, "http-503" },
	{ DX, "/dns/ud/", 200, "{\"code\" : 2, \"message\" : \"API key authentication "
	  "error\"}", 65, "p/home.example.com: error: API key authentication error" },
	{ DX, "/dns/ud/", 200, "<html>", 65, "unexpected answer" },
	{ DX, "/dns/ud/", 401, "", 77, "http-401" },
	{ YD, "/api/v1/update/", 401, "", 77, "http-401" },
	{ YD, "/api/v1/update/", 400, "", 65, "http-400" },
	{ H1984, "/1.0/freedns/", 200, "{\"ok\": false, \"msg\": \"invalid api key\"}", 65,
	  "p/home.example.is: error: invalid api key" },
	{ KS, "/update.php", 200, "[RESPONSE]\ncode = 531\ndescription = Authorization "
	  "failed\n", 65, "unexpected answer" },
};

#define DSA "protocol = desec-api\npassword = " TOKEN "\nhosts = home.example.com\n"
#define DSA_PATH "/api/v1/domains/example.com/rrsets/home/A/"

#define PB "protocol = porkbun\n" LOGIN "hosts = home.example.com\n"
#define PB_PATH "/api/json/v3/dns/retrieveByNameType/example.com/A/home"
#define PB_ERR(msg) "{\"status\":\"ERROR\",\"message\":\"" msg "\"}"
#define LN "protocol = linode\npassword = " TOKEN "\nhosts = home.example.com\n"
#define LN_ERR(reason) "{\"errors\":[{\"reason\":\"" reason "\"}]}"
#define IO "protocol = ionos\npassword = pfx." TOKEN "\nhosts = home.example.com\n"
#define IO_ERR(code, msg) "[{\"code\":\"" code "\",\"message\":\"" msg "\"}]"
#define IK "protocol = infomaniak-api\npassword = " TOKEN "\nhosts = home.example.com\n"
#define IK_PATH "/2/zones/example.com/records"
#define IK_ERR(code, text) "{\"result\":\"error\",\"error\":{\"code\":\"" code "\"," \
	"\"description\":\"" text "\"}}"

#define IOD "protocol = ionos-dyndns\npassword = " TOKEN "\nhosts = home.example.com\n"

/* IONOS's update URL refused (200 with nothing is success: reqcases2.c). */
static const struct native dyndns_answers[] = {
	{ IOD, "/dns/v1/dyndns", 401, "", 77, "http-401" },
	{ IOD, "/dns/v1/dyndns", 403, IO_ERR("FORBIDDEN_REQUEST", "Request not allowed."),
	  77, "http-403" },
	{ IOD, "/dns/v1/dyndns", 404, "", 65, "http-404" },
	{ IOD, "/dns/v1/dyndns", 429, "", 75, "http-429" },
	{ IOD, "/dns/v1/dyndns", 500, "[{\"code\":\"INTERNAL_SERVER_ERROR\"}]", 75,
	  "http-500" },
};

/* The record APIs' answers, each API's own error texts. */
static const struct native api_answers[] = {
	{ DO, DO_PATH, 401, DO_ERR("unauthorized", "Unable to authenticate you"), 77,
	  "p/home.example.com: badauth: Unable to authenticate you" },
	{ DO, DO_PATH, 403, DO_ERR("forbidden", "You are not authorized to perform this "
	  "operation"), 77, "not authorized" },
	{ DO, DO_PATH, 404, DO_ERR("not_found", "The resource you were accessing could "
	  "not be found."), 65, "p/home.example.com: error: The resource you were" },
	{ DO, DO_PATH, 429, DO_ERR("too_many_requests", "API Rate limit exceeded."), 75,
	  "http-429: API Rate limit exceeded." },
	{ DO, DO_PATH, 500, DO_ERR("server_error", "Server Error"), 75, "http-500" },
	{ DO, DO_PATH, 200, "{\"domain_records\":[],\"meta\":{\"total\":0}}", 65,
	  "norecord: no A record named home.example.com: create it once in "
	  "DigitalOcean or set create = yes" },
	{ DO, DO_PATH, 200, "<html>", 65, "unexpected" },
	/* Hetzner Cloud DNS */
	{ HZ, HZ_PATH, 401, HZ_ERR("unauthorized", "unable to authenticate"), 77,
	  "p/home.example.com: badauth: unable to authenticate" },
	{ HZ, HZ_PATH, 403, HZ_ERR("forbidden", "insufficient permissions for this "
	  "request"), 77, "insufficient permissions" },
	{ HZ, HZ_PATH, 404, HZ_ERR("not_found", "rrset not found"), 65,
	  "norecord: no A record named home.example.com: create it once in Hetzner" },
	{ HZ, HZ_PATH, 422, HZ_ERR("incorrect_zone_mode", "This operation is not "
	  "supported for this Zone's mode."), 65, "error: This operation is not supported" },
	{ HZ, HZ_PATH, 429, HZ_ERR("rate_limit_exceeded", "limit of 3600 requests per "
	  "hour reached"), 75, "http-429: limit of 3600 requests" },
	{ HZ, HZ_PATH, 503, "", 75, "http-503" },
	/* Gandi LiveDNS */
	{ GANDI, GANDI_PATH, 401, GANDI_ERR(401, "The server could not verify that you are "
	  "authorized to access the URL requested.", "HTTPUnauthorized", "Unauthorized"),
	  77, "badauth: The server could not verify" },
	{ GANDI, GANDI_PATH, 403, GANDI_ERR(403, "Access was denied to this resource.",
	  "HTTPForbidden", "Forbidden"), 77, "badauth: Access was denied" },
	{ GANDI, GANDI_PATH, 404, GANDI_ERR(404, "Can't find the DNS record", "dns-record",
	  "Not Found"), 65, "norecord: no A record named home.example.com" },
	{ GANDI, GANDI_PATH, 500, "", 75, "http-500" },
	/* deSEC REST */
	{ DSA, DSA_PATH, 401, "{\"detail\":\"Invalid token.\"}", 77,
	  "p/home.example.com: badauth: Invalid token." },
	{ DSA, DSA_PATH, 404, "{\"detail\":\"Not found.\"}", 65,
	  "norecord: no A record named home.example.com: create it once in deSEC" },
	{ DSA, DSA_PATH, 429, "{\"detail\":\"Request was throttled. Expected available "
	  "in 1 second.\"}", 75, "http-429" },
	/* GoDaddy */
	{ GD, GD_PATH, 401, GD_ERR("MALFORMED_CREDENTIALS", "Unauthorized : Could not "
	  "authenticate API key/secret"), 77, "badauth: Unauthorized : Could not" },
	{ GD, GD_PATH, 403, GD_ERR("ACCESS_DENIED", "Authenticated user is not allowed "
	  "access"), 65, "p/home.example.com: denied: Authenticated user is not allowed "
	  "access: GoDaddy gives its DNS API only to accounts with enough domains" },
	{ GD, GD_PATH, 404, GD_ERR("UNKNOWN_DOMAIN", "The given domain is not registered, "
	  "or does not have a zone file"), 65, "error: The given domain is not registered" },
	{ GD, GD_PATH, 429, "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Too many "
	  "requests received within interval\",\"retryAfterSec\":30}", 75, "http-429" },
	{ GD, GD_PATH, 200, "[]", 65, "norecord: no A record named home.example.com: "
	  "create it once in GoDaddy or set create = yes" },
	/* Porkbun */
	{ PB, PB_PATH, 400, PB_ERR("Invalid API key. (002)"), 77, "p/home.example.com: "
	  "badauth: Invalid API key. (002): the login is the API key, the password its "
	  "secret API key" },
	{ PB, PB_PATH, 400, PB_ERR("Domain is not opted in to API access."), 65,
	  "p/home.example.com: error: Domain is not opted in to API access." },
	{ PB, PB_PATH, 200, PB_ERR("Invalid domain."), 65, "error: Invalid domain." },
	{ PB, PB_PATH, 200, "{\"status\":\"SUCCESS\",\"records\":[]}", 65,
	  "norecord: no A record named home.example.com: create it once in Porkbun or "
	  "set create = yes" },
	{ PB, PB_PATH, 503, "", 75, "http-503" },
	/* Linode */
	{ LN, "/v4/domains", 401, LN_ERR("Invalid Token"), 77,
	  "p/home.example.com: badauth: Invalid Token" },
	{ LN, "/v4/domains", 403, LN_ERR("Your OAuth token is not authorized to use this "
	  "endpoint."), 77, "badauth: Your OAuth token is not authorized" },
	{ LN, "/v4/domains", 200, "{\"data\":[],\"page\":1,\"pages\":1,\"results\":0}",
	  65, "nozone: zone example.com not found" },
	{ LN, "/v4/domains", 200, "{\"data\":[{\"id\":9,\"domain\":\"example.org\"}],"
	  "\"page\":1,\"pages\":1,\"results\":1}", 65, "nozone: zone example.com" },
	{ LN, "/v4/domains", 429, LN_ERR("Too Many Requests"), 75,
	  "http-429: Too Many Requests" },
	{ LN, "/v4/domains", 500, "", 75, "http-500" },
	/* Infomaniak API */
	{ IK, IK_PATH, 401, IK_ERR("not_authorized", "Not authorized."), 77,
	  "p/home.example.com: badauth: Not authorized." },
	{ IK, IK_PATH, 403, IK_ERR("forbidden", "Access Denied"), 77,
	  "badauth: Access Denied" },
	{ IK, IK_PATH, 404, IK_ERR("object_not_found", "Object not found"), 65,
	  "p/home.example.com: error: Object not found" },
	{ IK, IK_PATH, 200, IK_ERR("object_not_found", "Object not found"), 65,
	  "error: Object not found" },
	{ IK, IK_PATH, 429, IK_ERR("too_many_request", "Too many requests"), 75,
	  "http-429: Too many requests" },
	{ IK, IK_PATH, 200, "{\"result\":\"success\",\"data\":[]}", 65,
	  "norecord: no A record named home.example.com: create it once in Infomaniak "
	  "or set create = yes" },
	{ IK, IK_PATH, 502, "", 75, "http-502" },
	/* IONOS */
	{ IO, "/dns/v1/zones", 401, IO_ERR("UNAUTHORIZED", "The customer is not authorized "
	  "to do this operation."), 77, "p/home.example.com: badauth: The customer is not "
	  "authorized" },
	{ IO, "/dns/v1/zones", 403, IO_ERR("FORBIDDEN_REQUEST", "Request not allowed."), 77,
	  "badauth: Request not allowed." },
	{ IO, "/dns/v1/zones", 200, "[]", 65, "nozone: zone example.com not found" },
	{ IO, "/dns/v1/zones", 429, IO_ERR("TOO_MANY_REQUESTS", "Too many requests."), 75,
	  "http-429: Too many requests." },
	{ IO, "/dns/v1/zones", 500, "[{\"code\":\"INTERNAL_SERVER_ERROR\"}]", 75,
	  "http-500" },
};

START_TEST(answer_exit_codes)
{
	native_run(&answers[_i]);
}
END_TEST

START_TEST(query_service_answers)
{
	native_run(&query_answers[_i]);
}
END_TEST

START_TEST(ionos_dyndns_answers)
{
	native_run(&dyndns_answers[_i]);
}
END_TEST

/*
 * IONOS's update URL may take the address from the connection, so an
 * IPv6 update travels over IPv6: none reaches a server on 127.0.0.1, and
 * one on ::1 gets it with its address.
 */
START_TEST(ionos_dyndns_travels_over_its_family)
{
	struct outcome o;
	const char *json = "{\"routes\": {\"/dns/v1/dyndns\": {\"body\": \"\"}}}";

	fake_start(&fk, json, NULL, 0);
	run(&o, pconf(IOD V6ONLY), IP6, NULL, 75);
	ck_assert_int_eq(fake_count(&fk, "\t"), 0);
	outcome_free(&o);
	fake_stop(&fk);
	fake_start(&fk, json, "::1", 0);
	run(&o, pconf(IOD V6ONLY), IP6, NULL, 0);
	expect(1, "GET\t/dns/v1/dyndns?q=" TOKEN "&ipv6=2a00%3A1450%3A4001%3A80b%3A%3A200e"
	    "\t-\t-", NULL);
	has(o.out, "p/home.example.com: IPv6 " IP6 " (good)");
	outcome_free(&o);
}
END_TEST

/* ClouDNS: the address in X-Forwarded-For as written, over its own family. */
START_TEST(cloudns_sends_the_address_in_a_header)
{
	struct outcome o;

	fake_start(&fk, "{\"routes\": {\"/api/dynamicURL/\": {\"body\": \"OK\"}}}",
	    "::1", 0);
	run(&o, pconf("protocol = cloudns\n" QTOKEN "hosts = home.example.com\n" V6ONLY),
	    IP6, NULL, 0);
	expect(1, "GET\t/api/dynamicURL/?q=" TOKEN "&proxy=1\tX-Forwarded-For: " IP6 "\t-",
	    NULL);
	has(o.out, "p/home.example.com: IPv6 " IP6 " (good)");
	outcome_free(&o);
}
END_TEST

START_TEST(record_api_answers)
{
	native_run(&api_answers[_i]);
}
END_TEST

/*
 * A missing record: with create = no (the default) nothing is POSTed and
 * the message says how to allow it; a refused POST gives its error.
 */
static const struct {
	const char *conf;
	int post_status;
	const char *post_body, *err;
	int posts;
} missing[] = {
	{ CF "create = no\n", 0, CF_OK, "norecord: no A record named home.example.com: "
	  "create it once in Cloudflare or set create = yes", 0 },
	{ CF "create = yes\n", 400, CF_ERR(81057, "Record already exists."),
	  "p/home.example.com: error: Record already exists.", 1 },
};

START_TEST(cloudflare_missing_record)
{
	struct outcome o;
	struct route r[4] = { { "/client/v4/zones", 0, CF_ZONES },
	    { "GET /client/v4/zones/zid1/dns_records", 0, CF_NONE },
	    { "POST /client/v4/zones/zid1/dns_records", missing[_i].post_status,
	      missing[_i].post_body }, { NULL, 0, NULL } };

	fake_routes(r);
	run(&o, pconf(missing[_i].conf), IP4, NULL, 65);
	has(o.err, missing[_i].err);
	ck_assert_int_eq(fake_count(&fk, "POST\t"), missing[_i].posts);
	ck_assert_int_eq(fake_count(&fk, "\t"), 2 + missing[_i].posts);
	outcome_free(&o);
}
END_TEST

/* ddclient's form of the server, with /client/v4, does not double the path. */
START_TEST(cloudflare_server_with_api_path)
{
	struct outcome o;
	struct route r[4] = { { "/client/v4/zones", 0, CF_ZONES },
	    { "/client/v4/zones/zid1/dns_records", 0, CF_RECORDS("81.2.69.1") },
	    { "/client/v4/zones/zid1/dns_records/rid1", 0, CF_OK }, { NULL, 0, NULL } };
	char text[1024];

	fake_routes(r);
	snprintf(text, sizeof(text), "[global]\ncache = %s/state/c\nattempts = 1\n\n[p]\n"
	    "server = %s/client/v4/\n" CF, tdir(), fk.base);
	run(&o, tfile("nicupdate.conf", text), IP4, NULL, 0);
	expect(1, "GET\t/client/v4/zones?name=example.com\tBearer " TOKEN "\t-",
	    "GET\t/client/v4/zones/zid1/dns_records?type=A&name=home.example.com\tBearer "
	    TOKEN "\t-", "PATCH\t/client/v4/zones/zid1/dns_records/rid1\tBearer " TOKEN
	    "\t{\"content\":\"" IP4 "\"}", NULL);
	outcome_free(&o);
}
END_TEST

static const struct { const char *conf, *err; } conf_errors[] = {
	/* a DynamicURL names one record: one family per profile */
	{ "protocol = cloudns\npassword = t\nhosts = home.example.com\nusev6 = webv6\n",
	  "protocol cloudns updates one record, A or AAAA, per token: set usev4 or "
	  "usev6 = disabled" },
	{ CF "ttl = 10\n", "ttl: \"10\" is not 1 or 30 to 86400" },
	{ CF "ttl = 86401\n", "ttl: \"86401\"" },
	{ CF "ttl = 5m\n", "ttl: \"5m\"" },
	{ CF "ttl = -1\n", "ttl: \"-1\"" },
	{ CF "proxied = maybe\n", "proxied: \"maybe\" is not yes or no" },
	{ CF "create = sometimes\n", "create: \"sometimes\" is not yes or no" },
	{ DO "ttl = 29\n", "ttl: \"29\" is not 1800 or 30 to 2147483647" },
	{ HZ "ttl = 59\n", "ttl: \"59\" is not 60 to 2147483647" },
	{ GANDI "ttl = 299\n", "ttl: \"299\" is not 300 to 2592000" },
	{ GD "ttl = 599\n", "ttl: \"599\" is not 600 to 2147483647" },
	{ DSA "ttl = 59\n", "ttl: \"59\" is not 60 to 604800" },
	{ DSA "create = yes\n", "create" },
	{ "protocol = godaddy\npassword = " PW "\nhosts = home.example.com\n",
	  "protocol godaddy needs login and password" },
	{ "protocol = duckdns\npassword = " TOKEN "\nhosts = x.duckdns.org\nttl = 60\n",
	  "ttl" },
};

START_TEST(config_errors_exit_78)
{
	struct outcome o;

	fake_start(&fk, "{}", NULL, 0);
	nic_run(&o, "-c", pconf(conf_errors[_i].conf), "--ip", IP4, NULL);
	ck_assert_msg(o.rc == 78, "exit %d\n%s", o.rc, o.err);
	has(o.err, conf_errors[_i].err);
	outcome_free(&o);
}
END_TEST

/* A secret from the environment cannot add header lines to a request. */
START_TEST(control_bytes_in_credentials_are_refused)
{
	static const char *const confs[] = {
	    "protocol = cloudflare\npassword-env = NIC_TOKEN\nhosts = home.example.com\n",
	    "protocol = godaddy\nlogin = user\npassword-env = NIC_TOKEN\n"
	    "hosts = home.example.com\n" };
	struct outcome o;

	fake_route("/", 200, "");
	setenv("NIC_TOKEN", "tok\r\nX-Injected: 1", 1);
	for (size_t i = 0; i < sizeof(confs) / sizeof(confs[0]); i++) {
		run(&o, pconf(confs[i]), IP4, NULL, 78);
		has(o.err, "the value holds a control character (byte 0x0d)");
		outcome_free(&o);
	}
	unsetenv("NIC_TOKEN");
	ck_assert_int_eq(fake_count(&fk, "\t"), 0);
}
END_TEST

/* ---- the record engine: what the batches of one run share (src/rest.c) ---- */

#define CF5 "protocol = cloudflare\npassword = " TOKEN "\nzone = example.com\n" \
	"hosts = a.example.com, b.example.com, c.example.com, d.example.com, e.example.com\n"

/* A zone, a record with another address, and the update's success. */
static const struct route cf_update[] = { { "/client/v4/zones", 0, CF_ZONES },
	{ "/client/v4/zones/zid1/dns_records", 0, CF_RECORDS("81.2.69.1") },
	{ "/client/v4/zones/zid1/dns_records/rid1", 0, CF_OK }, { NULL, 0, NULL } };

/* Five hosts in one zone: the zone is looked up once, then 2 requests each. */
START_TEST(zone_looked_up_once)
{
	struct outcome o;

	fake_routes(cf_update);
	run(&o, pconf(CF5), IP4, NULL, 0);
	ck_assert_int_eq(fake_count(&fk, "GET\t/client/v4/zones?name=example.com\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "GET\t/client/v4/zones/zid1/dns_records?"), 5);
	ck_assert_int_eq(fake_count(&fk, "PATCH\t"), 5);
	ck_assert_int_eq(fake_count(&fk, "\t"), 11);
	has(o.out, "p/e.example.com: IPv4 " IP4 " (good)");
	outcome_free(&o);
}
END_TEST

/* The zone lookup the others wait for is refused: one request, five refusals. */
START_TEST(zone_refusal_is_shared)
{
	struct outcome o;

	fake_route("/client/v4/zones", 403, "{\"success\":false,\"errors\":[{\"code\":"
	    "9109,\"message\":\"Invalid access token\"}]}");
	run(&o, pconf(CF5), IP4, NULL, 77);
	ck_assert_int_eq(fake_count(&fk, "\t"), 1);
	has(o.err, "p/a.example.com: badauth: Invalid access token");
	has(o.err, "p/e.example.com: badauth: Invalid access token");
	outcome_free(&o);
}
END_TEST

/* Two profiles with other tokens do not share the zone's id. */
START_TEST(zone_shared_only_with_the_same_credentials)
{
	struct outcome o;
	char text[1024];

	fake_routes(cf_update);
	snprintf(text, sizeof(text), "[global]\ncache = %s/state/c\nattempts = 1\n\n"
	    "[p]\nserver = %s\n" CF "\n[q]\nserver = %s\nprotocol = cloudflare\n"
	    "password = other-token\nhosts = nas.example.com\n", tdir(), fk.base, fk.base);
	run(&o, tfile("nicupdate.conf", text), IP4, NULL, 0);
	ck_assert_int_eq(fake_count(&fk, "GET\t/client/v4/zones?name=example.com\tBearer "
	    TOKEN "\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "GET\t/client/v4/zones?name=example.com\tBearer "
	    "other-token\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "\t"), 6);
	outcome_free(&o);
}
END_TEST

/*
 * A run sends at most 60 requests to Infomaniak. 35 hosts in two profiles need
 * 70 (a lookup and an update each): 30 hosts are sent, exactly 60
 * requests, and the last 5 wait for the next run (a temporary failure).
 */
START_TEST(request_budget_per_run)
{
	struct outcome o;
	struct buf recs = { 0 }, json = { 0 }, hosts[2] = { { 0 }, { 0 } };
	char *esc, *text;

	buf_adds(&recs, "{\"result\":\"success\",\"data\":[");
	buf_adds(&json, "{\"routes\": {");
	for (int i = 0; i < 35; i++) {
		char line[160];

		snprintf(line, sizeof(line), "%s{\"id\":%d,\"source\":\"h%d\",\"type\":\"A\","
		    "\"target\":\"81.2.69.1\"}", i ? "," : "", 2000 + i, i);
		buf_adds(&recs, line);
		snprintf(line, sizeof(line), "\"PUT /2/zones/example.com/records/%d\": {\"body\":"
		    " \"{\\\"result\\\":\\\"success\\\"}\"}, ", 2000 + i);
		buf_adds(&json, line);
		snprintf(line, sizeof(line), "%sh%d.example.com", i % 20 ? ", " : "", i);
		buf_adds(&hosts[i / 20], line);
	}
	buf_adds(&recs, "]}");
	esc = xcalloc(1, 2 * recs.len + 1);
	json_str(esc, 2 * recs.len + 1, recs.s);
	text = xasprintf("\"GET /2/zones/example.com/records\": {\"body\": \"%s\"}}}", esc);
	buf_adds(&json, text);
	fake_start(&fk, json.s, NULL, 0);
	free(text);
	text = xasprintf("[global]\ncache = %s/state/c\nattempts = 1\n\n[p]\nserver = %s\n"
	    "protocol = infomaniak-api\npassword = " TOKEN "\nhosts = %s\n\n[q]\n"
	    "server = %s\nprotocol = infomaniak-api\npassword = t2\nhosts = %s\n", tdir(),
	    fk.base, hosts[0].s, fk.base, hosts[1].s);
	run(&o, tfile("nicupdate.conf", text), IP4, NULL, 75);
	ck_assert_int_eq(fake_count(&fk, "\t"), 60);
	ck_assert_int_eq(fake_count(&fk, "GET\t"), 30);
	ck_assert_int_eq(fake_count(&fk, "PUT\t"), 30);
	has(o.out, "q/h29.example.com: IPv4 " IP4 " (good)");
	has(o.err, "q/h34.example.com: budget: the budget of 60 requests a minute "
	    "kept for Infomaniak is spent in this run; the host is left for the next run");
	has(o.err, "q/h30.example.com: budget:");
	ck_assert_ptr_null(strstr(o.err, "q/h29.example.com: budget:"));
	outcome_free(&o);
	free(text);
	free(esc);
	free(recs.s);
	free(json.s);
	free(hosts[0].s);
	free(hosts[1].s);
}
END_TEST

/* A secret with a quote and a backslash stays one JSON string in a body. */
START_TEST(secrets_are_json_escaped_in_bodies)
{
	struct outcome o;

	fake_route("/api/json/v3/dns/retrieveByNameType/example.com/A/home", 0,
	    "{\"status\":\"SUCCESS\",\"records\":[{\"id\":\"1\",\"content\":\"" IP4
	    "\"}]}");
	setenv("NIC_SECRET", "s\"}x\\", 1);
	run(&o, pconf("protocol = porkbun\nlogin = user\npassword-env = NIC_SECRET\n"
	    "hosts = home.example.com\n"), IP4, NULL, 0);
	unsetenv("NIC_SECRET");
	/* the fake's log writes each backslash twice */
	expect(1, "POST\t/api/json/v3/dns/retrieveByNameType/example.com/A/home\t-\t"
	    "{\"secretapikey\":\"s\\\\\"}x\\\\\\\\\",\"apikey\":\"user\"}", NULL);
	outcome_free(&o);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof(a[0])))

int
main(void)
{
	Suite *s = suite_create("providers2");
	TCase *tc = tcase_create("providers2");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, fake_share, fake_unshare);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, request_lines, 0, nreq_cases2);
	tcase_add_loop_test(tc, answer_exit_codes, 0, N(answers));
	tcase_add_loop_test(tc, query_service_answers, 0, N(query_answers));
	tcase_add_loop_test(tc, ionos_dyndns_answers, 0, N(dyndns_answers));
	tcase_add_test(tc, ionos_dyndns_travels_over_its_family);
	tcase_add_test(tc, cloudns_sends_the_address_in_a_header);
	tcase_add_loop_test(tc, record_api_answers, 0, N(api_answers));
	tcase_add_loop_test(tc, cloudflare_missing_record, 0, N(missing));
	tcase_add_test(tc, cloudflare_server_with_api_path);
	tcase_add_loop_test(tc, config_errors_exit_78, 0, N(conf_errors));
	tcase_add_test(tc, control_bytes_in_credentials_are_refused);
	tcase_add_test(tc, zone_looked_up_once);
	tcase_add_test(tc, zone_refusal_is_shared);
	tcase_add_test(tc, zone_shared_only_with_the_same_credentials);
	tcase_add_test(tc, request_budget_per_run);
	tcase_add_test(tc, secrets_are_json_escaped_in_bodies);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
