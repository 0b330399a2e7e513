/*
 * netcup end to end (src/netcup.c): the built nicupdate against the
 * loopback fake, which answers the one JSON-RPC URL with netcup's answers
 * in turn (login, infoDnsRecords, updateDnsRecords, logout), as netcup's
 * CCP API documentation words them.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provcase.h"

#define KEY "key-S3cretApiKey"
#define APIPW "apw-S3cretApiPassword"
#define NC "protocol = netcup\nlogin = 12345\npassword = " KEY ":" APIPW "\n"
#define HOME NC "hosts = home.example.com\n"
#define EP "/run/webservice/servers/endpoint.php"
#define REQ "POST\t" EP "?JSON\t-\t"
#define OK(action, data) "{\"serverrequestid\":\"srv1\",\"clientrequestid\":\"\"," \
	"\"action\":\"" action "\",\"status\":\"success\",\"statuscode\":2000," \
	"\"shortmessage\":\"ok\",\"longmessage\":\"done\",\"responsedata\":" data "}"
#define ERR(action, code, short, long) "{\"serverrequestid\":\"srv1\"," \
	"\"clientrequestid\":\"\",\"action\":\"" action "\",\"status\":\"error\"," \
	"\"statuscode\":" #code ",\"shortmessage\":\"" short "\",\"longmessage\":\"" \
	long "\",\"responsedata\":\"\"}"
#define LOGIN_OK OK("login", "{\"apisessionid\":\"sid-42\"}")
#define REC(id, host, type, dest) "{\"id\":\"" id "\",\"hostname\":\"" host "\"," \
	"\"type\":\"" type "\",\"priority\":\"0\",\"destination\":\"" dest "\"," \
	"\"deleterecord\":false,\"state\":\"yes\"}"
#define ZONE(recs) OK("infoDnsRecords", "{\"dnsrecords\":[" recs "]}")
#define UPDATED OK("updateDnsRecords", "{\"dnsrecords\":[]}")
#define LOGOUT_OK OK("logout", "\"\"")
#define RATE "More than 180 requests per minute. Please wait and retry later."

#define P_LOGIN "{\"action\":\"login\",\"param\":{\"customernumber\":\"12345\"," \
	"\"apikey\":\"" KEY "\",\"apipassword\":\"" APIPW "\"}}"
#define SESSION "\"customernumber\":\"12345\",\"apikey\":\"" KEY "\"," \
	"\"apisessionid\":\"sid-42\""
#define P_INFO "{\"action\":\"infoDnsRecords\",\"param\":{\"domainname\":" \
	"\"example.com\"," SESSION "}}"
#define P_UPDATE(rec) "{\"action\":\"updateDnsRecords\",\"param\":{\"domainname\":" \
	"\"example.com\"," SESSION ",\"dnsrecordset\":{\"dnsrecords\":[" rec "]}}}"
#define P_LOGOUT "{\"action\":\"logout\",\"param\":{" SESSION "}}"

static void
nc_setup(void)
{
	setup();
	tsecret(KEY);
	tsecret(APIPW);
	tsecret(KEY ":" APIPW);
}

/* Start the fake: the endpoint answers the bodies of seq in turn. */
static void
answers_in_turn(const char *const *seq)
{
	char json[16384], body[4096];
	size_t k = (size_t)snprintf(json, sizeof(json), "{\"routes\": {\"" EP "\": "
	    "{\"sequence\": [");

	for (int i = 0; seq[i] != NULL; i++) {
		json_str(body, sizeof(body), seq[i]);
		k += (size_t)snprintf(json + k, sizeof(json) - k, "%s{\"body\": \"%s\"}",
		    i ? ", " : "", body);
		ck_assert_uint_lt(k, sizeof(json));
	}
	snprintf(json + k, sizeof(json) - k, "]}}}");
	fake_start(&fk, json, NULL, 0);
}

/* The host's record among others gets the new destination; --debug shows no
 * secret (nic_run checks every tsecret() string). */
START_TEST(netcup_updates_the_record)
{
	static const char *const seq[] = { LOGIN_OK, ZONE(REC("1", "@", "A", "81.2.69.9")
	    "," REC("2", "home", "AAAA", IP6) "," REC("3", "HOME", "A", "81.2.69.1")),
	    UPDATED, LOGOUT_OK, NULL };
	struct outcome o;

	answers_in_turn(seq);
	nic_run(&o, "-c", pconf(HOME), "-v", "--debug", "--ip", IP4, NULL);
	ck_assert_msg(o.rc == 0, "exit %d\n%s", o.rc, o.err);
	has(o.out, "p/home.example.com: IPv4 " IP4 " (good)");
	expect(1, REQ P_LOGIN, REQ P_INFO, REQ P_UPDATE("{\"id\":\"3\",\"hostname\":"
	    "\"HOME\",\"type\":\"A\",\"priority\":\"0\",\"destination\":\"" IP4 "\","
	    "\"deleterecord\":false}"), REQ P_LOGOUT, NULL);
	outcome_free(&o);
}
END_TEST

/* Already set (IPv6 in another spelling): no update, but a logout. */
START_TEST(netcup_already_set_aaaa)
{
	static const char *const seq[] = { LOGIN_OK, ZONE(REC("2", "home", "AAAA",
	    "2a00:1450:4001:80b:0:0:0:200e")), LOGOUT_OK, NULL };
	struct outcome o;

	answers_in_turn(seq);
	run(&o, pconf(HOME V6ONLY), IP6, NULL, 0);
	expect(1, REQ P_LOGIN, REQ P_INFO, REQ P_LOGOUT, NULL);
	outcome_free(&o);
}
END_TEST

/* No record at the apex and create = yes: a new record, without id. */
START_TEST(netcup_creates_at_the_apex)
{
	static const char *const seq[] = { LOGIN_OK, ZONE(REC("2", "www", "A", IP4)),
	    UPDATED, LOGOUT_OK, NULL };
	struct outcome o;

	answers_in_turn(seq);
	run(&o, pconf(NC "hosts = example.com\nzone = example.com\ncreate = yes\n"), IP4,
	    NULL, 0);
	has(o.out, "(good)");
	expect(1, REQ P_LOGIN, REQ P_INFO, REQ P_UPDATE("{\"hostname\":\"@\",\"type\":"
	    "\"A\",\"priority\":\"0\",\"destination\":\"" IP4 "\",\"deleterecord\":false}"),
	    REQ P_LOGOUT, NULL);
	outcome_free(&o);
}
END_TEST

/* netcup's answers, each run to its exit code and message. */
static const struct {
	const char *seq[5];
	int rc;
	const char *err;
	int requests;		/* logout included when logged in */
} answers[] = {
	{ { ERR("login", 4013, "Validation Error.", "The login failed. Api key or api "
	    "password wrong."), NULL }, 77, "badauth: The login failed", 1 },
	{ { ERR("login", 4013, "Validation Error.", RATE), NULL }, 75,
	  "ratelimit: More than 180 requests per minute", 1 },
	{ { LOGIN_OK, ERR("infoDnsRecords", 4001, "Api session id in invalid format",
	    "The session id is not in a valid format."), LOGOUT_OK, NULL }, 75,
	  "session: The session id is not in a valid format.", 3 },
	{ { LOGIN_OK, ERR("infoDnsRecords", 5029, "Can not get DNS records for zone.",
	    "Domain not found."), LOGOUT_OK, NULL }, 65, "error: Domain not found.", 3 },
	{ { LOGIN_OK, ZONE(REC("2", "www", "A", IP4)), ERR("logout", 4001, "x", "y"),
	    NULL }, 65, "norecord: no A record named home.example.com: create it once in "
	  "the CCP or set create = yes", 3 },
	{ { LOGIN_OK, ZONE(REC("3", "home", "A", "81.2.69.1")), ERR("updateDnsRecords",
	    4013, "Validation Error.", "Value in field destination does not match "
	    "requirements of type: A"), LOGOUT_OK }, 65, "error: Value in field "
	  "destination", 4 },
	{ { "<html>Wartungsarbeiten</html>", NULL }, 65, "HTTP 200, unexpected answer", 1 },
	{ { LOGIN_OK, "{\"status\":\"started\"}", LOGOUT_OK, NULL }, 65,
	  "HTTP 200, unexpected answer", 3 },
};

START_TEST(netcup_answers)
{
	struct outcome o;

	answers_in_turn(answers[_i].seq);
	nic_run(&o, "-c", pconf(HOME), "--ip", IP4, NULL);
	ck_assert_msg(o.rc == answers[_i].rc, "row %d: exit %d, want %d\n%s", _i, o.rc,
	    answers[_i].rc, o.err);
	has(o.err, answers[_i].err);
	ck_assert_int_eq(fake_count(&fk, "POST\t"), answers[_i].requests);
	if (answers[_i].requests > 1)
		ck_assert_int_eq(fake_count(&fk, "{\"action\":\"logout\""), 1);
	outcome_free(&o);
}
END_TEST

/* HTTP failures: 503 temporary, 401 auth. */
START_TEST(netcup_http_failures)
{
	struct outcome o;

	fake_route(EP, 503, "");
	run(&o, pconf(HOME), IP4, NULL, 75);
	has(o.err, "http-503");
	outcome_free(&o);
	fake_stop(&fk);
	fake_route(EP, 401, "");
	run(&o, pconf(HOME), IP4, NULL, 77);
	outcome_free(&o);
}
END_TEST

/* A server echoing the secrets in its message: each half is masked. */
START_TEST(netcup_secrets_never_shown)
{
	static const char *const seq[] = { ERR("login", 4013, "Validation Error.",
	    "Api key " KEY " with password " APIPW " refused"), NULL };
	struct outcome o;

	answers_in_turn(seq);
	nic_run(&o, "-c", pconf(HOME), "-v", "--debug", "--ip", IP4, NULL);
	ck_assert_int_eq(o.rc, 77);
	has(o.err, "Api key ***");
	outcome_free(&o);
}
END_TEST

START_TEST(netcup_password_form_is_checked)
{
	struct outcome o;

	fake_start(&fk, "{}", NULL, 0);
	run(&o, pconf("protocol = netcup\nlogin = 12345\npassword = " KEY "\n"
	    "hosts = home.example.com\n"), IP4, NULL, 78);
	has(o.err, "password must be APIKEY:APIPASSWORD");
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&fk, "\t"), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("netcup");
	TCase *tc = tcase_create("netcup");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, nc_setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, netcup_updates_the_record);
	tcase_add_test(tc, netcup_already_set_aaaa);
	tcase_add_test(tc, netcup_creates_at_the_apex);
	tcase_add_loop_test(tc, netcup_answers, 0, (int)(sizeof(answers) / sizeof(answers[0])));
	tcase_add_test(tc, netcup_http_failures);
	tcase_add_test(tc, netcup_secrets_never_shown);
	tcase_add_test(tc, netcup_password_form_is_checked);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
