/*
 * Hostile and broken servers: redirects that loop, downgrade or change
 * host, huge, endless, slow and binary answers. nicupdate must end in
 * bounded time with the right exit code, never crash, never leak the
 * password, and never send credentials where they were not meant to go.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define PASSWORD "h0stile-s3cret"

static struct fake fk, other;

static const char *
conf(const char *server, const char *extra)
{
	char text[2048];

	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/c\nattempts = 1\n\n"
	    "[home]\nserver = %s\nlogin = alice\npassword = %s\n"
	    "hosts = nas.example.com, cam.example.com\n%s",
	    tdir(), server, PASSWORD, extra ? extra : "");
	return tfile("nicupdate.conf", text);
}

/* A fake whose /nic/update answers with the given route JSON. */
static void
start(const char *route, int tls)
{
	size_t n = strlen(route) + 256;
	char *json = malloc(n);

	snprintf(json, n, "{\"users\": {\"alice\": \"%s\"}, \"hosts\": "
	    "[\"nas.example.com\", \"cam.example.com\"], \"routes\": {\"/nic/update\": %s}}",
	    PASSWORD, route);
	fake_start(&fk, json, NULL, tls);
	free(json);
}

static void
setup(void)
{
	tsecret(PASSWORD);
}

static void
teardown(void)
{
	fake_stop(&fk);
	fake_stop(&other);
}

START_TEST(redirect_loop_ends)
{
	struct outcome o;

	fake_start(&fk, "{\"routes\": {\"/nic/update\": {\"redirect\": \"/loop\"},"
	    " \"/loop\": {\"redirect\": \"/nic/update\"}}}", NULL, 0);
	nic_run(&o, "-c", conf(fk.base, NULL), "--ip", "81.2.69.160", "-d", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_nonnull(strstr(o.err, "redirect"));
	/* the first request and three redirects, then it stops */
	ck_assert_int_eq(fake_count(&fk, "GET"), 4);
	outcome_free(&o);
}
END_TEST

START_TEST(https_never_redirects_to_http)
{
	struct outcome o;
	char route[512], extra[800];

	fake_start(&other, "{\"routes\": {\"/nic/update\": {\"body\": \"good\"}}}", NULL, 0);
	snprintf(route, sizeof(route), "{\"redirect\": \"%s/nic/update\"}", other.base);
	start(route, 1);
	snprintf(extra, sizeof(extra), "ssl_ca_file = %s/certs/ca.pem\n", tdir());
	nic_run(&o, "-c", conf(fk.base, extra), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_int_eq(fake_count(&fk, "GET"), 1);
	ck_assert_int_eq(fake_count(&other, "GET"), 0);
	outcome_free(&o);
}
END_TEST

START_TEST(credentials_stay_on_their_host)
{
	struct outcome o;
	char route[512];

	fake_start(&other, "{\"routes\": {\"/nic/update\": {\"body\": \"good\"}}}", NULL, 0);
	/* "localhost" is another host name than 127.0.0.1 */
	snprintf(route, sizeof(route), "{\"redirect\": \"http://localhost:%d/nic/update\"}",
	    other.port);
	start(route, 0);
	nic_run(&o, "-c", conf(fk.base, NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(fake_count(&fk, "alice:" PASSWORD), 1);
	ck_assert_int_eq(fake_count(&other, "GET"), 1);
	ck_assert_int_eq(fake_count(&other, "alice"), 0);
	ck_assert_int_eq(fake_count(&other, PASSWORD), 0);
	outcome_free(&o);
}
END_TEST

START_TEST(plain_http_only_when_configured)
{
	struct outcome o;

	/* a bare host name means https: a plain server never sees the password */
	start("{\"body\": \"good\"}", 0);
	{
		char server[64];

		snprintf(server, sizeof(server), "127.0.0.1:%d", fk.port);
		nic_run(&o, "-c", conf(server, NULL), "--ip", "81.2.69.160", NULL);
	}
	ck_assert_int_eq(o.rc, 75);
	ck_assert_int_eq(fake_count(&fk, PASSWORD), 0);
	outcome_free(&o);
}
END_TEST

START_TEST(huge_answer_is_cut)
{
	struct outcome o;

	start("{\"size\": 20000000}", 0);
	nic_run(&o, "-c", conf(fk.base, NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_nonnull(strstr(o.err, "answer larger than"));
	ck_assert_msg(o.secs < 10.0 * tscale(), "took %.1f s", o.secs);
	outcome_free(&o);
}
END_TEST

START_TEST(endless_answer_is_cut)
{
	struct outcome o;

	start("{\"chunked_endless\": true}", 0);
	nic_run(&o, "-c", conf(fk.base, NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_nonnull(strstr(o.err, "answer larger than"));
	outcome_free(&o);
}
END_TEST

START_TEST(slow_drip_is_cut_by_the_timeout)
{
	struct outcome o;

	start("{\"body\": \"good good good good good good\", \"drip\": 0.5}", 0);
	nic_run(&o, "-c", conf(fk.base, "timeout = 2s\n"), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_nonnull(strstr(o.err, "imed out"));
	ck_assert_msg(o.secs < 6.0 * tscale(), "took %.1f s", o.secs);
	outcome_free(&o);
}
END_TEST

START_TEST(hanging_server_is_cut_by_the_timeout)
{
	struct outcome o;

	start("{\"hang\": true}", 0);
	nic_run(&o, "-c", conf(fk.base, "timeout = 1s\n"), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_msg(o.secs < 5.0 * tscale(), "took %.1f s", o.secs);
	outcome_free(&o);
}
END_TEST

START_TEST(binary_answer)
{
	struct outcome o;
	char *state;
	char path[700];

	/* NUL, invalid UTF-8, escape sequences and a lone CR */
	start("{\"body\": \"\\u0000\\u00ff\\u00fe\\u001b[31mgood\\r\\n\\u0007badauth\\u0000\"}", 0);
	nic_run(&o, "-c", conf(fk.base, NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_null(strchr(o.err, '\033'));
	outcome_free(&o);
	snprintf(path, sizeof(path), "%s/state/c", tdir());
	state = slurp(path);
	ck_assert_ptr_nonnull(state);
	for (const char *s = state; *s; s++)
		ck_assert_msg(*s == '\n' || (*s >= 0x20 && *s < 0x7f), "state byte %02x",
		    (unsigned char)*s);
	free(state);
}
END_TEST

START_TEST(thousand_answer_lines)
{
	struct outcome o;
	char *route = malloc(20000), *p = route;

	p += sprintf(p, "{\"body\": \"");
	for (int i = 0; i < 1000; i++)
		p += sprintf(p, "%s", i < 2 ? "good 81.2.69.160\\n" : "nohost\\n");
	sprintf(p, "\"}");
	start(route, 0);
	free(route);
	nic_run(&o, "-c", conf(fk.base, NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.err, "1000 answer lines for 2 hosts"));
	outcome_free(&o);
}
END_TEST

START_TEST(debug_never_shows_the_password)
{
	struct outcome o;

	start("{\"status\": 401, \"body\": \"badauth " PASSWORD "\"}", 0);
	/* the harness fails the test if the password appears anywhere */
	nic_run(&o, "-c", conf(fk.base, NULL), "--ip", "81.2.69.160", "-d", "--json", NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_ptr_nonnull(strstr(o.err, "***"));
	outcome_free(&o);
	nic_run(&o, "-c", conf(fk.base, NULL), "--check-config", "-d", NULL);
	outcome_free(&o);
	nic_run(&o, "-c", conf(fk.base, NULL), "-n", "-d", "-f", "--ip", "81.2.69.160", NULL);
	outcome_free(&o);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("servers");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, redirect_loop_ends);
	tcase_add_test(tc, https_never_redirects_to_http);
	tcase_add_test(tc, credentials_stay_on_their_host);
	tcase_add_test(tc, plain_http_only_when_configured);
	tcase_add_test(tc, huge_answer_is_cut);
	tcase_add_test(tc, endless_answer_is_cut);
	tcase_add_test(tc, slow_drip_is_cut_by_the_timeout);
	tcase_add_test(tc, hanging_server_is_cut_by_the_timeout);
	tcase_add_test(tc, binary_answer);
	tcase_add_test(tc, thousand_answer_lines);
	tcase_add_test(tc, debug_never_shows_the_password);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
