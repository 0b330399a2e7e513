/*
 * End to end: the monitoring hooks (nicupdate.conf(5), Monitoring). The
 * built nicupdate updates a loopback fake provider while a second fake
 * plays the healthcheck or webhook server; its request log shows what
 * each hook sent, in order, and that no secret went with it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"

#define PASSWORD "s3cr&t #pw"
#define PROVIDER_JSON(routes) \
	"{\"users\": {\"alice\": \"" PASSWORD "\"}," \
	" \"hosts\": [\"nas.example.com\"]," \
	" \"routes\": {\"/ip\": {\"body\": \"81.2.69.160\\n\"}" routes "}}"
#define HOOK_JSON(hook) \
	"{\"routes\": {\"/hc\": {}, \"/hc/start\": {}, \"/hc/fail\": {}," \
	" \"/push\": {}, \"/hook\": " hook "}}"

static struct fake fk, hk;
static const char *web = "/ip";	/* the echo path the profile detects with */

/* A config: global lines (hooks) go into [global], extra into the profile. */
static const char *
conf(const char *password, const char *global, const char *extra)
{
	char text[2048];

	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/nicupdate.cache\nattempts = 1\n%s\n"
	    "[home]\nserver = %s\nlogin = alice\npassword = %s\n"
	    "hosts = nas.example.com\nwebv4 = %s%s\n%s",
	    tdir(), global ? global : "", fk.base, password, fk.base, web, extra ? extra : "");
	return tfile("nicupdate.conf", text);
}

/*
 * "healthcheck = BASE/hc" and the like, for the hook fake, then more; two
 * buffers in turn, so one call's result can be the next one's more.
 */
static const char *
hook_line(const char *key, const char *path, const char *more)
{
	static char line[2][1536];
	static int n;
	char *l = line[n++ % 2], tail[512];

	/* more may be the other buffer: copied first, so no two overlap */
	snprintf(tail, sizeof(tail), "%s", more ? more : "");
	snprintf(l, sizeof(line[0]), "%s = %s%s\n%s", key, hk.base, path, tail);
	return l;
}

/* No secret of the profile reached the hook server. */
static void
no_secret_in_hooks(void)
{
	char *log = fake_log(&hk);

	ck_assert_ptr_nonnull(log);
	ck_assert_ptr_null(strstr(log, PASSWORD));
	ck_assert_ptr_null(strstr(log, "s3cr%26t"));
	ck_assert_ptr_null(strstr(log, "wrong-pw"));
	free(log);
}

static void
setup(void)
{
	tsecret(PASSWORD);
	tsecret("wrong-pw");
	fake_start(&hk, HOOK_JSON("{}"), NULL, 0);
}

static void
teardown(void)
{
	fake_stop(&fk);
	fake_stop(&hk);
}

START_TEST(healthcheck_start_then_success_once)
{
	struct outcome o;
	char *log, *start, *ok;

	fake_start(&fk, PROVIDER_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, hook_line("healthcheck", "/hc", NULL), NULL), NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_str_eq(o.err, "");
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "GET\t/hc/start\t"), 1);
	ck_assert_int_eq(fake_count(&hk, "POST\t/hc\t"), 1);
	ck_assert_int_eq(fake_count(&hk, "/hc/fail"), 0);
	ck_assert_int_eq(fake_count(&hk, "POST\t/hc\t-\tnicupdate/"), 1);
	ck_assert_int_eq(fake_count(&hk, "updated, exit status 0\\n"
	    "home/nas.example.com IPv4 81.2.69.160: updated (good)\\n"), 1);
	log = fake_log(&hk);
	start = strstr(log, "/hc/start");
	ok = strstr(log, "POST\t/hc\t");
	ck_assert(start != NULL && ok != NULL && start < ok);
	free(log);
	/* a run with nothing to do is a success too */
	nic_run(&o, "-c", conf(PASSWORD, hook_line("healthcheck", "/hc", NULL), NULL), NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "/hc/start"), 2);
	ck_assert_int_eq(fake_count(&hk, "ok, exit status 0\\n"
	    "home/nas.example.com IPv4 81.2.69.160: up-to-date\\n"), 1);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	no_secret_in_hooks();
}
END_TEST

START_TEST(healthcheck_fail_with_summary_on_refused_login)
{
	struct outcome o;

	fake_start(&fk, PROVIDER_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf("wrong-pw", hook_line("healthcheck", "/hc", NULL), NULL), NULL);
	ck_assert_int_eq(o.rc, 77);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "/hc/start"), 1);
	ck_assert_int_eq(fake_count(&hk, "POST\t/hc/fail\t"), 1);
	ck_assert_int_eq(fake_count(&hk, "POST\t/hc/fail\t-\tnicupdate/"), 1);
	ck_assert_int_eq(fake_count(&hk, "failed, exit status 77\\n"
	    "home/nas.example.com IPv4 81.2.69.160: failed (http-401)\\n"), 1);
	ck_assert_int_eq(fake_count(&hk, "POST\t/hc\t"), 0);
	no_secret_in_hooks();
}
END_TEST

START_TEST(uptime_kuma_push_up_then_down)
{
	struct outcome o;

	fake_start(&fk, PROVIDER_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, hook_line("healthcheck", "/push",
	    "healthcheck-style = uptime-kuma\n"), NULL), NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "GET\t/push?status=up&msg=nicupdate%20"), 1);
	ck_assert_int_eq(fake_count(&hk, "updated%2C%20exit%20status%200\t"), 1);
	nic_run(&o, "-c", conf("wrong-pw", hook_line("healthcheck", "/push",
	    "healthcheck-style = uptime-kuma\n"), NULL), "-f", NULL);
	ck_assert_int_eq(o.rc, 77);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "GET\t/push?status=down&msg="), 1);
	/* one request per run: no start ping in this style */
	ck_assert_int_eq(fake_count(&hk, "\t/"), 2);
	no_secret_in_hooks();
}
END_TEST

START_TEST(webhook_on_change_and_failure_not_when_unchanged)
{
	struct outcome o;
	const char *g = hook_line("webhook", "/hook", NULL);

	fake_start(&fk, PROVIDER_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, g, NULL), NULL);
	ck_assert_int_eq(o.rc, 0);
	/* the document goes to the hook, not to stdout */
	ck_assert_ptr_null(strstr(o.out, "{\"version\""));
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "POST\t/hook\t-\tnicupdate/"), 1);
	ck_assert_int_eq(fake_count(&hk, "\"exit\":0,\"detected\":[{\"family\":\"ipv4\","
	    "\"address\":\"81.2.69.160\""), 1);
	ck_assert_int_eq(fake_count(&hk, "\"host\":\"nas.example.com\",\"family\":\"ipv4\","
	    "\"address\":\"81.2.69.160\",\"action\":\"updated\",\"answer\":\"good\""), 1);
	nic_run(&o, "-c", conf(PASSWORD, g, NULL), NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "/hook"), 1);
	/* a dry run sends nothing, to the hooks either */
	nic_run(&o, "-c", conf(PASSWORD, hook_line("webhook", "/hook",
	    hook_line("healthcheck", "/hc", NULL)), NULL), "--dry-run", "-f", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "\t/"), 1);
	/* a failure is posted, with the run's errors */
	nic_run(&o, "-c", conf("wrong-pw", g, NULL), "-f", NULL);
	ck_assert_int_eq(o.rc, 77);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "/hook"), 2);
	ck_assert_int_eq(fake_count(&hk, "\"exit\":77,"), 1);
	ck_assert_int_eq(fake_count(&hk, "\"action\":\"failed\",\"answer\":\"http-401\""), 1);
	ck_assert_int_eq(fake_count(&hk, "\"errors\":[\"home/nas.example.com: http-401"), 1);
	no_secret_in_hooks();
}
END_TEST

/* A secret in a detection URL reaches the webhook's document masked. */
START_TEST(secret_in_detection_url_is_masked_in_the_webhook)
{
	struct outcome o;

	tsecret("webtoken123");
	fake_start(&fk, PROVIDER_JSON(""), NULL, 0);
	web = "/ip?token=webtoken123";
	nic_run(&o, "-c", conf(PASSWORD, hook_line("webhook", "/hook", NULL), NULL), NULL);
	web = "/ip";
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "POST\t/hook\t"), 1);
	ck_assert_int_eq(fake_count(&hk, "/ip?token=*** 81.2.69.160\""), 1);
	ck_assert_int_eq(fake_count(&hk, "webtoken123"), 0);
	no_secret_in_hooks();
}
END_TEST

START_TEST(hanging_webhook_is_cut_at_the_timeout)
{
	struct outcome o;

	fake_stop(&hk);
	fake_start(&hk, HOOK_JSON("{\"hang\": true}"), NULL, 0);
	fake_start(&fk, PROVIDER_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, hook_line("webhook", "/hook", "timeout = 2\n"),
	    NULL), NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.err, "warning: webhook: "));
	ck_assert(o.secs >= 1.5 && o.secs < 6 * tscale());
	/* the hook URL is its credential: not in the warning */
	ck_assert_ptr_null(strstr(o.err, "/hook"));
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&hk, "POST\t/hook\t"), 1);
	/* the update was recorded before the hook ran */
	nic_run(&o, "-c", conf(PASSWORD, NULL, NULL), NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
}
END_TEST

START_TEST(postscript_on_failure_describes_the_event)
{
	struct outcome o;
	char extra[900], path[700], *s;

	fake_start(&fk, PROVIDER_JSON(""), NULL, 0);
	snprintf(path, sizeof(path), "%s/ps.out", tdir());
	snprintf(extra, sizeof(extra), "postscript = sh -c 'echo \"$NICUPDATE_STATUS "
	    "$NICUPDATE_HOST $NICUPDATE_ADDRESS\" >> %s'\n", path);
	/* by default a failure runs nothing */
	nic_run(&o, "-c", conf("wrong-pw", NULL, extra), NULL);
	ck_assert_int_eq(o.rc, 77);
	outcome_free(&o);
	ck_assert_ptr_null(slurp(path));
	snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
	    "postscript-on = change, failure\n");
	nic_run(&o, "-c", conf("wrong-pw", NULL, extra), "-f", NULL);
	ck_assert_int_eq(o.rc, 77);
	outcome_free(&o);
	nic_run(&o, "-c", conf(PASSWORD, NULL, extra), "-f", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	s = slurp(path);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "http-401 nas.example.com 81.2.69.160\n"
	    "good nas.example.com 81.2.69.160\n");
	free(s);
}
END_TEST

START_TEST(hook_keys_are_checked_at_load)
{
	static const struct {
		const char *global, *extra, *msg;
	} c[] = {
		{ NULL, "webhook = https://example.com/h\n",
		    "webhook: only allowed in [global]" },
		{ "healthcheck = https://hc-ping.com/x?rid=1\n", NULL,
		    "healthcheck: remove the query" },
		{ "webhook = ftp://example.com/\n", NULL,
		    "webhook: not an http:// or https:// URL" },
		{ "healthcheck-style = kuma\n", NULL, "healthcheck-style: unknown \"kuma\"" },
		{ NULL, "postscript-on = always\n", "postscript-on: unknown \"always\"" },
	};

	fake_start(&fk, PROVIDER_JSON(""), NULL, 0);
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct outcome o;

		nic_run(&o, "-c", conf(PASSWORD, c[i].global, c[i].extra), NULL);
		ck_assert_int_eq(o.rc, 78);
		ck_assert_msg(strstr(o.err, c[i].msg) != NULL, "%s", o.err);
		outcome_free(&o);
	}
	ck_assert_int_eq(fake_count(&fk, "\t/"), 0);
}
END_TEST

/* The shipped example loads without a warning. */
START_TEST(monitoring_example_is_valid)
{
	const char *dir = getenv("EXAMPLES");
	char path[700], *text, *at;
	struct outcome o;
	struct buf b = { 0 };

	ck_assert_ptr_nonnull(dir);
	snprintf(path, sizeof(path), "%s/monitoring.conf", dir);
	text = slurp(path);
	ck_assert_ptr_nonnull(text);
	at = strstr(text, "password-file = ");
	ck_assert_ptr_nonnull(at);
	buf_printf(&b, "%.*spassword-file = %s%s", (int)(at - text), text,
	    tfile("pw", "s3cret\n"), strchr(at, '\n'));
	nic_run(&o, "-c", tfile("example.conf", b.s), "--check-config", NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	ck_assert_str_eq(o.err, "");
	/* the hook URLs are credentials: masked when the config is printed */
	ck_assert_ptr_nonnull(strstr(o.out, "healthcheck = ***\nhealthcheck-style = "
	    "healthchecks\nwebhook = ***\n"));
	ck_assert_ptr_nonnull(strstr(o.out, "postscript-on = change, failure\n"));
	ck_assert_ptr_null(strstr(o.out, "hc-ping.com"));
	outcome_free(&o);
	buf_free(&b);
	free(text);
}
END_TEST

/* --json with a command-line mistake: no report to print, no crash. */
START_TEST(json_with_a_bad_option_exits_64)
{
	struct outcome o;

	nic_run(&o, "--json", "--no-such-option", NULL);
	ck_assert_int_eq(o.rc, 64);
	ck_assert_str_eq(o.out, "");
	outcome_free(&o);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("hooks");
	TCase *tc = tcase_create("hooks");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, fake_share, fake_unshare);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, healthcheck_start_then_success_once);
	tcase_add_test(tc, healthcheck_fail_with_summary_on_refused_login);
	tcase_add_test(tc, uptime_kuma_push_up_then_down);
	tcase_add_test(tc, webhook_on_change_and_failure_not_when_unchanged);
	tcase_add_test(tc, secret_in_detection_url_is_masked_in_the_webhook);
	tcase_add_test(tc, hanging_webhook_is_cut_at_the_timeout);
	tcase_add_test(tc, postscript_on_failure_describes_the_event);
	tcase_add_test(tc, hook_keys_are_checked_at_load);
	tcase_add_test(tc, monitoring_example_is_valid);
	tcase_add_test(tc, json_with_a_bad_option_exits_64);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
