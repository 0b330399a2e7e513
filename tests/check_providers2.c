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

/* The query-string services' own answer words (src/urlquery.c). */
static const struct native query_answers[] = {
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
	tcase_add_loop_test(tc, record_api_answers, 0, N(api_answers));
	tcase_add_loop_test(tc, cloudflare_missing_record, 0, N(missing));
	tcase_add_test(tc, cloudflare_server_with_api_path);
	tcase_add_loop_test(tc, config_errors_exit_78, 0, N(conf_errors));
	tcase_add_test(tc, control_bytes_in_credentials_are_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
