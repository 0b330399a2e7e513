/*
 * ovh-api end to end (src/ovhapi.c): the built nicupdate against the
 * loopback fake. The signature covers the full URL, the fake's port
 * included, so the request lines are built here at run time, each
 * X-Ovh-Signature computed independently with libcrypto's SHA1() from
 * the documented recipe (nicupdate.conf(5), PROTOCOLS, ovh-api) and the
 * timestamp the fake's /auth/time gave.
 */
#include <check.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provcase.h"

#define AK "ak-Application7"
#define AS "as-S3cretApplication"
#define CK "ck-S3cretConsumerKey"
#define TS 1767225600LL
#define ZONE "/1.0/domain/zone/example.com"
#define OVH "protocol = ovh-api\nlogin = " AK "\npassword = " AS ":" CK "\n"
#define HOME OVH "hosts = home.example.com\n"
#define RECORD(type, target) "{\"zone\":\"example.com\",\"ttl\":0,\"subDomain\":" \
	"\"home\",\"fieldType\":\"" type "\",\"target\":\"" target "\",\"id\":1234567}"
#define ERR(code, http, msg) "{\"errorCode\":\"" code "\",\"httpCode\":\"" http \
	"\",\"message\":\"" msg "\"}"

static const struct route clock = { "/1.0/auth/time", 0, "1767225600" };

static void
ovh_setup(void)
{
	setup();
	tsecret(AS);
	tsecret(CK);
	tsecret(AS ":" CK);
}

/* The routes r after the fake's clock. */
static void
ovh_routes(const struct route *r)
{
	struct route all[8] = { clock };
	int n = 1;

	for (; r != NULL && r->path != NULL && n < 7; r++)
		all[n++] = *r;
	fake_routes(all);
}

/* One wanted request: method, path below the fake's base, body or NULL. */
struct want {
	const char *method, *path, *body;
};

/*
 * The fake saw exactly the requests of w in that order: /auth/time without
 * headers, every other one signed over its full URL with a timestamp from
 * the fake's clock on (a slow run may cross a second).
 */
static void
expect_signed(const struct want *w, int n)
{
	char *log = fake_log(&fk), *save = NULL, *line;
	int i = 0;

	for (line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save), i++) {
		char want[2048], text[1024], sig[2 * SHA_DIGEST_LENGTH + 1], auth[512];
		unsigned char md[SHA_DIGEST_LENGTH];
		const char *t = strstr(line, "X-Ovh-Timestamp: ");
		long long ts = t ? strtoll(t + 17, NULL, 10) : 0;

		ck_assert_msg(i < n, "more requests than %d:\n%s", n, line);
		if (strcmp(w[i].path, "/1.0/auth/time") == 0) {
			snprintf(auth, sizeof(auth), "-");
		} else {
			ck_assert_msg(ts >= TS && ts <= TS + 5, "timestamp %lld in %s", ts, line);
			snprintf(text, sizeof(text), "%s+%s+%s+%s%s+%s+%lld", AS, CK, w[i].method,
			    fk.base, w[i].path, w[i].body ? w[i].body : "", ts);
			SHA1((const unsigned char *)text, strlen(text), md);
			for (int k = 0; k < SHA_DIGEST_LENGTH; k++)
				snprintf(sig + 2 * k, 3, "%02x", md[k]);
			snprintf(auth, sizeof(auth), "X-Ovh-Application: " AK ", X-Ovh-Consumer: "
			    CK ", X-Ovh-Timestamp: %lld, X-Ovh-Signature: $1$%s", ts, sig);
		}
		snprintf(want, sizeof(want), "%s\t%s\t%s\t" UA "\t%s", w[i].method, w[i].path,
		    auth, w[i].body ? w[i].body : "-");
		ck_assert_msg(strcmp(line, want) == 0, "request %d:\n  %s\nwant\n  %s", i + 1,
		    line, want);
	}
	ck_assert_msg(i == n, "%d requests, want %d", i, n);
	free(log);
}

/* Look up, read, PUT, refresh; the secrets stay out of --debug's output. */
START_TEST(ovh_updates_the_record)
{
	static const struct route r[] = {
	    { "GET " ZONE "/record", 0, "[1234567,7654321]" },
	    { "GET " ZONE "/record/1234567", 0, RECORD("A", "81.2.69.1") },
	    { "PUT " ZONE "/record/1234567", 0, "null" },
	    { "POST " ZONE "/refresh", 0, "null" }, { NULL, 0, NULL } };
	static const struct want w[] = {
	    { "GET", "/1.0/auth/time", NULL },
	    { "GET", ZONE "/record?fieldType=A&subDomain=home", NULL },
	    { "GET", ZONE "/record/1234567", NULL },
	    { "PUT", ZONE "/record/1234567", "{\"target\":\"" IP4 "\"}" },
	    { "POST", ZONE "/refresh", NULL } };
	struct outcome o;

	ovh_routes(r);
	nic_run(&o, "-c", pconf(HOME), "--debug", "--ip", IP4, NULL);
	ck_assert_msg(o.rc == 0, "exit %d\n%s", o.rc, o.err);
	has(o.out, "p/home.example.com: IPv4 " IP4 " (good)");
	expect_signed(w, 5);
	outcome_free(&o);
}
END_TEST

/* The record holds the address already (in another spelling): no change. */
START_TEST(ovh_already_set_aaaa)
{
	static const struct route r[] = {
	    { "GET " ZONE "/record", 0, "[42]" },
	    { "GET " ZONE "/record/42", 0, RECORD("AAAA", "2a00:1450:4001:80b:0:0:0:200e") },
	    { NULL, 0, NULL } };
	static const struct want w[] = {
	    { "GET", "/1.0/auth/time", NULL },
	    { "GET", ZONE "/record?fieldType=AAAA&subDomain=home", NULL },
	    { "GET", ZONE "/record/42", NULL } };
	struct outcome o;

	ovh_routes(r);
	run(&o, pconf(HOME V6ONLY), IP6, NULL, 0);
	expect_signed(w, 3);
	outcome_free(&o);
}
END_TEST

/* No record at the apex and create = yes: POST one, then refresh. */
START_TEST(ovh_creates_at_the_apex)
{
	static const struct route r[] = {
	    { "GET " ZONE "/record", 0, "[]" },
	    { "POST " ZONE "/record", 0, RECORD("A", IP4) },
	    { "POST " ZONE "/refresh", 0, "null" }, { NULL, 0, NULL } };
	static const struct want w[] = {
	    { "GET", "/1.0/auth/time", NULL },
	    { "GET", ZONE "/record?fieldType=A&subDomain=", NULL },
	    { "POST", ZONE "/record", "{\"fieldType\":\"A\",\"subDomain\":\"\",\"target\":\""
	      IP4 "\"}" },
	    { "POST", ZONE "/refresh", NULL } };
	struct outcome o;

	ovh_routes(r);
	run(&o, pconf(OVH "hosts = example.com\nzone = example.com\ncreate = yes\n"), IP4,
	    NULL, 0);
	has(o.out, "(good)");
	expect_signed(w, 4);
	outcome_free(&o);
}
END_TEST

/* OVH's answers to the record lookup, as OVH words them. */
static const struct native answers[] = {
	{ HOME, ZONE "/record", 400, ERR("INVALID_SIGNATURE", "400 Bad Request",
	  "Invalid signature"), 77, "badauth: Invalid signature: check the application "
	  "secret" },
	{ HOME, ZONE "/record", 403, ERR("INVALID_CREDENTIAL", "403 Forbidden",
	  "This credential is not valid"), 77, "badauth: This credential is not valid" },
	{ HOME, ZONE "/record", 403, "{\"message\":\"This credential does not exist\"}", 77,
	  "This credential does not exist" },
	{ HOME, ZONE "/record", 403, ERR("NOT_GRANTED_CALL", "403 Forbidden",
	  "This call has not been granted"), 77, "notgranted: This call has not been "
	  "granted: the consumer key needs GET, PUT and POST on /domain/zone/*" },
	{ HOME, ZONE "/record", 403, "{\"message\":\"Invalid application key\"}", 77,
	  "badauth: Invalid application key" },
	{ HOME, ZONE "/record", 400, ERR("QUERY_TIME_OUT", "400 Bad Request",
	  "Query out of time"), 75, "clock: Query out of time: OVH refused the time" },
	{ HOME, ZONE "/record", 404, "{\"message\":\"This service does not exist\"}", 65,
	  "error: This service does not exist" },
	{ HOME, ZONE "/record", 429, "{\"message\":\"Too many requests\"}", 75, "http-429" },
	{ HOME, ZONE "/record", 503, "", 75, "http-503" },
	{ HOME, ZONE "/record", 200, "[]", 65, "norecord: no A record named "
	  "home.example.com: create it once in OVH or set create = yes" },
	{ HOME, ZONE "/record", 200, "[\"1/../x\"]", 65, "no record id" },
};

START_TEST(ovh_answers)
{
	const struct native *a = &answers[_i];
	struct route r[2] = { { a->path, a->status, a->body }, { NULL, 0, NULL } };
	struct outcome o;

	ovh_routes(r);
	nic_run(&o, "-c", pconf(a->conf), "--ip", IP4, NULL);
	ck_assert_msg(o.rc == a->rc, "HTTP %d \"%s\": exit %d, want %d\n%s", a->status,
	    a->body, o.rc, a->rc, o.err);
	has(o.err, a->err);
	outcome_free(&o);
}
END_TEST

/* /auth/time that is not a number: temporary, nothing signed is sent. */
START_TEST(ovh_bad_clock_answer)
{
	struct outcome o;

	fake_route("/1.0/auth/time", 200, "<html>soon</html>");
	run(&o, pconf(HOME), IP4, NULL, 75);
	has(o.err, "/auth/time gave no time");
	ck_assert_int_eq(fake_count(&fk, "X-Ovh"), 0);
	outcome_free(&o);
}
END_TEST

/* A server that echoes the secrets back: --debug masks each half. */
START_TEST(ovh_secrets_never_shown)
{
	struct route r[2] = { { ZONE "/record", 400, ERR("INVALID_SIGNATURE",
	    "400 Bad Request", "Invalid signature " AS " " CK) }, { NULL, 0, NULL } };
	struct outcome o;

	ovh_routes(r);
	/* nic_run fails the test when a tsecret() string is in the output */
	nic_run(&o, "-c", pconf(HOME), "-v", "--debug", "--ip", IP4, NULL);
	ck_assert_int_eq(o.rc, 77);
	has(o.err, "Invalid signature");
	outcome_free(&o);
}
END_TEST

/* The password must hold both secrets; the message shows neither. */
START_TEST(ovh_password_form_is_checked)
{
	static const char *const bad[] = { AS, ":" CK, AS ":" };
	struct outcome o;
	char conf[256];

	fake_start(&fk, "{}", NULL, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(conf, sizeof(conf), "protocol = ovh-api\nlogin = " AK "\npassword = "
		    "%s\nhosts = home.example.com\n", bad[i]);
		run(&o, pconf(conf), IP4, NULL, 78);
		has(o.err, "password must be APPLICATION_SECRET:CONSUMER_KEY");
		outcome_free(&o);
	}
	ck_assert_int_eq(fake_count(&fk, "\t"), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ovh");
	TCase *tc = tcase_create("ovh");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, ovh_setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, ovh_updates_the_record);
	tcase_add_test(tc, ovh_already_set_aaaa);
	tcase_add_test(tc, ovh_creates_at_the_apex);
	tcase_add_loop_test(tc, ovh_answers, 0, (int)(sizeof(answers) / sizeof(answers[0])));
	tcase_add_test(tc, ovh_bad_clock_answer);
	tcase_add_test(tc, ovh_secrets_never_shown);
	tcase_add_test(tc, ovh_password_form_is_checked);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
