/*
 * More providers end to end, as check_providers.c: the built nicupdate,
 * given the address with --ip, against a loopback fake provider. The
 * request cases are in tests/reqcases2.c; here are the answer tables and
 * what each provider does beyond one request.
 */
#include <check.h>
#include <stdio.h>
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

static const struct native do_answers[] = {
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
};

START_TEST(answer_exit_codes)
{
	native_run(&answers[_i]);
}
END_TEST

START_TEST(digitalocean_answers)
{
	native_run(&do_answers[_i]);
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
	{ "protocol = duckdns\npassword = " TOKEN "\nhosts = x.duckdns.org\nttl = 60\n",
	  "ttl" },
};

START_TEST(config_errors_exit_78)
{
	struct outcome o;

	nic_run(&o, "-c", pconf(conf_errors[_i].conf), "--ip", IP4, NULL);
	ck_assert_msg(o.rc == 78, "exit %d\n%s", o.rc, o.err);
	has(o.err, conf_errors[_i].err);
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

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, request_lines, 0, nreq_cases2);
	tcase_add_loop_test(tc, answer_exit_codes, 0, N(answers));
	tcase_add_loop_test(tc, digitalocean_answers, 0, N(do_answers));
	tcase_add_loop_test(tc, cloudflare_missing_record, 0, N(missing));
	tcase_add_test(tc, cloudflare_server_with_api_path);
	tcase_add_loop_test(tc, config_errors_exit_78, 0, N(conf_errors));
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
