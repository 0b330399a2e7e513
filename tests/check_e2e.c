/*
 * End to end: the built nicupdate against a loopback fake provider. Each
 * test starts its own server on port 0 and checks exit codes, output, the
 * requests the provider saw, and that no secret is ever printed.
 */
#include <check.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "util.h"

#define PASSWORD "s3cr&t #pw"
#define FAKE_JSON(extra) \
	"{\"users\": {\"alice\": \"" PASSWORD "\"}," \
	" \"hosts\": [\"nas.example.com\", \"cam.example.com\"]," \
	" \"routes\": {\"/ip\": {\"body\": \"81.2.69.160\\n\"}" extra "}}"

static struct fake fk;

/*
 * A config for the fake provider: web is the echo path (NULL: "/ip"), extra
 * lines go into the profile.
 */
static const char *
conf_web(const char *password, const char *web, const char *extra)
{
	char text[2048];

	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/nicupdate.cache\nattempts = 1\n\n"
	    "[home]\nserver = %s\nlogin = alice\npassword = %s\n"
	    "hosts = nas.example.com, cam.example.com\nwebv4 = %s%s\n%s",
	    tdir(), fk.base, password, fk.base, web ? web : "/ip", extra ? extra : "");
	return tfile("nicupdate.conf", text);
}

static const char *
conf(const char *password, const char *extra)
{
	return conf_web(password, NULL, extra);
}

static void
setup(void)
{
	tsecret(PASSWORD);
	tsecret("wrong-pw");
}

static void
teardown(void)
{
	fake_stop(&fk);
}

START_TEST(first_run_sends_one_grouped_request_then_none)
{
	struct outcome o;
	const char *c;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	c = conf(PASSWORD, NULL);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	/* sorted, as ddclient sends them */
	ck_assert_int_eq(fake_count(&fk, "GET\t/nic/update?hostname=cam.example.com,"
	    "nas.example.com&myip=81.2.69.160\talice:" PASSWORD "\tnicupdate/"), 1);
	ck_assert_str_eq(o.out, "home/cam.example.com: IPv4 81.2.69.160 (good)\n"
	    "home/nas.example.com: IPv4 81.2.69.160 (good)\n");
	ck_assert_str_eq(o.err, "");
	outcome_free(&o);

	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_str_eq(o.out, "");
	ck_assert_str_eq(o.err, "");
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	ck_assert_int_eq(fake_count(&fk, "GET\t/ip\t"), 2);
	outcome_free(&o);
}
END_TEST

START_TEST(state_file_is_private)
{
	struct outcome o;
	struct stat st;
	char path[700];

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, NULL), NULL);
	ck_assert_int_eq(o.rc, 0);
	snprintf(path, sizeof(path), "%s/state/nicupdate.cache", tdir());
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	{
		char *s = slurp(path);

		ck_assert_ptr_null(strstr(s, PASSWORD));
		ck_assert_ptr_nonnull(strstr(s, "home nas.example.com ipv4 81.2.69.160 ok:good "));
		free(s);
	}
	outcome_free(&o);
}
END_TEST

START_TEST(wrong_password_exits_77_then_stays_locked)
{
	struct outcome o;
	const char *c;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	c = conf("wrong-pw", NULL);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_ptr_nonnull(strstr(o.err, "home/nas.example.com: http-401"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);

	/* providers ban clients that repeat bad logins: nothing is sent again */
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_ptr_nonnull(strstr(o.err, "locked"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);

	/* until the password changes */
	c = conf(PASSWORD, NULL);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	outcome_free(&o);
}
END_TEST

START_TEST(missing_config_exits_78)
{
	struct outcome o;
	char path[700];

	snprintf(path, sizeof(path), "%s/absent.conf", tdir());
	nic_run(&o, "-c", path, NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_ptr_nonnull(strstr(o.err, "absent.conf: No such file"));
	outcome_free(&o);
}
END_TEST

START_TEST(broken_config_exits_78_before_any_request)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, "colour = blue\n"), NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_ptr_nonnull(strstr(o.err, "nicupdate.conf:11: colour: unknown key"));
	ck_assert_int_eq(fake_count(&fk, "GET"), 0);
	outcome_free(&o);
}
END_TEST

START_TEST(nohost_exits_65_and_locks_the_host)
{
	struct outcome o;
	const char *c;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	c = conf(PASSWORD, "");
	/* cam.example.com is known, www.example.com is not */
	{
		char *text = slurp(c), *p = strstr(text, "cam.example.com");

		memcpy(p, "www", 3);
		c = tfile("nicupdate.conf", text);
		free(text);
	}
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 65);
	ck_assert_ptr_nonnull(strstr(o.err, "home/www.example.com: nohost"));
	ck_assert_ptr_nonnull(strstr(o.out, "home/nas.example.com: IPv4 81.2.69.160 (good)"));
	outcome_free(&o);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 65);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(http_500_exits_75)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(", \"/nic/update\": {\"status\": 500, \"body\": \"oops\"}"),
	    NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, NULL), NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_nonnull(strstr(o.err, "http-500"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(http_500_is_retried_within_the_run)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(", \"/nic/update\": {\"sequence\": ["
	    "{\"status\": 502, \"body\": \"\"}, {\"status\": 200, \"body\": \"good\"}]}"),
	    NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, "attempts = 2\nretry-interval = 1s\n"), NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	outcome_free(&o);
}
END_TEST

START_TEST(server_911_is_not_retried_for_30_minutes)
{
	struct outcome o;
	const char *c;

	fake_start(&fk, FAKE_JSON(", \"/nic/update\": {\"body\": \"911\\n\"}"), NULL, 0);
	c = conf(PASSWORD, "attempts = 3\nretry-interval = 1s\n");
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 75);
	/* the wait is announced once, with the failure, naming its rule */
	ck_assert_ptr_nonnull(strstr(o.err, "911 hold: 30 minutes); next attempt after"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
	/* then waited out quietly: a planned wait is not a failure */
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_str_eq(o.err, "");
	ck_assert_str_eq(o.out, "");
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
	nic_run(&o, "-c", c, "-v", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.err, "911 hold"));
	outcome_free(&o);
}
END_TEST

START_TEST(min_error_interval_is_announced_once)
{
	struct outcome o;
	const char *c;

	fake_start(&fk, FAKE_JSON(", \"/nic/update\": {\"status\": 500, \"body\": \"\"}"),
	    NULL, 0);
	c = conf(PASSWORD, "min-error-interval = 1h\n");
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_nonnull(strstr(o.err, "http-500"));
	ck_assert_ptr_nonnull(strstr(o.err, "(min-error-interval); next attempt after"));
	outcome_free(&o);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_str_eq(o.err, "");
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(max_interval_refresh_answered_nochg_is_quiet)
{
	struct outcome o;
	const char *c;

	fake_start(&fk, FAKE_JSON(", \"/nic/update\": {\"sequence\": ["
	    "{\"body\": \"good 81.2.69.160\\ngood 81.2.69.160\\n\"},"
	    "{\"body\": \"nochg 81.2.69.160\\nnochg 81.2.69.160\\n\"}]}"), NULL, 0);
	c = conf(PASSWORD, "min-interval = 0s\nmax-interval = 0s\n");
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	ck_assert_str_eq(o.err, "");
	outcome_free(&o);
}
END_TEST

START_TEST(infomaniak_answers_are_success)
{
	struct outcome o;
	char json[1024];

	snprintf(json, sizeof(json), "{\"users\": {\"alice\": \"%s\"}, \"hosts\": "
	    "[\"nas.example.com\", \"cam.example.com\"], \"infomaniak\": true, "
	    "\"routes\": {\"/ip\": {\"body\": \"81.2.69.160\"}}}", PASSWORD);
	fake_start(&fk, json, NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, "protocol = infomaniak\n"), NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "(successfully_changed)"));
	outcome_free(&o);
	nic_run(&o, "-c", conf(PASSWORD, "protocol = infomaniak\n"), "--force", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	outcome_free(&o);
}
END_TEST

START_TEST(dry_run_sends_and_writes_nothing)
{
	struct outcome o;
	char path[700];

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, NULL), "-n", "-d", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "would send GET "));
	ck_assert_ptr_nonnull(strstr(o.out, "password ***"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	snprintf(path, sizeof(path), "%s/state", tdir());
	ck_assert_int_ne(access(path, F_OK), 0);
	outcome_free(&o);
}
END_TEST

START_TEST(ip_option_skips_detection)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, NULL), "--ip", "81.2.69.161", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/ip"), 0);
	ck_assert_int_eq(fake_count(&fk, "myip=81.2.69.161"), 1);
	outcome_free(&o);
	nic_run(&o, "-c", conf(PASSWORD, NULL), "--ip", "not-an-ip", NULL);
	ck_assert_int_eq(o.rc, 64);
	outcome_free(&o);
}
END_TEST

START_TEST(changed_address_is_sent_again)
{
	struct outcome o;
	const char *c;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	c = conf(PASSWORD, "min-interval = 0\n");
	nic_run(&o, "-c", c, "--ip", "81.2.69.161", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	nic_run(&o, "-c", c, "--ip", "81.2.69.162", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "81.2.69.162 (good)"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	outcome_free(&o);
}
END_TEST

START_TEST(tls_with_test_ca)
{
	struct outcome o;
	char extra[800];

	fake_start(&fk, FAKE_JSON(""), NULL, 1);
	snprintf(extra, sizeof(extra), "ssl_ca_file = %s/certs/ca.pem\n", tdir());
	nic_run(&o, "-c", conf(PASSWORD, extra), NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	ck_assert_int_eq(fake_count(&fk, "alice:" PASSWORD), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(tls_untrusted_certificate_is_refused)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 3);
	/* the system store does not know this self-signed certificate */
	nic_run(&o, "-c", conf(PASSWORD, NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_int_eq(fake_count(&fk, "GET"), 0);
	outcome_free(&o);
}
END_TEST

START_TEST(tls_wrong_host_certificate_is_refused)
{
	struct outcome o;
	char extra[800];

	fake_start(&fk, FAKE_JSON(""), NULL, 2);
	snprintf(extra, sizeof(extra), "ssl_ca_file = %s/certs/ca.pem\n", tdir());
	nic_run(&o, "-c", conf(PASSWORD, extra), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_int_eq(fake_count(&fk, "GET"), 0);
	outcome_free(&o);
}
END_TEST

START_TEST(check_config_masks_the_password)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, NULL), "--check-config", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "password = ***"));
	ck_assert_ptr_nonnull(strstr(o.out, "hosts = nas.example.com, cam.example.com"));
	outcome_free(&o);
}
END_TEST

START_TEST(bad_command_lines_exit_64)
{
	static const char *bad[][3] = {
		{ "--bogus", NULL, NULL },
		{ "-daemon=300", NULL, NULL },
		{ "-p", "nosuch", NULL },
		{ "extra-argument", NULL, NULL },
	};
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		nic_run(&o, "-c", conf(PASSWORD, NULL), bad[i][0], bad[i][1], NULL);
		ck_assert_msg(o.rc == 64, "%s: exit %d", bad[i][0], o.rc);
		outcome_free(&o);
	}
	ck_assert_int_eq(fake_count(&fk, "GET"), 0);
}
END_TEST

/* --ip passes the range checks of a detected address (it once sent 0.0.0.0) */
START_TEST(ip_option_is_range_checked)
{
	static const char *const bad[][2] = {
		{ "0.0.0.0", "0.0.0.0 is an unspecified address" },
		{ "255.255.255.255", "255.255.255.255 is" },
		{ "224.0.0.1", "224.0.0.1 is" },
		{ "10.1.2.3", "10.1.2.3 is a private address (allow-private = yes accepts it)" },
	};
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		nic_run(&o, "-c", conf(PASSWORD, NULL), "--ip", bad[i][0], NULL);
		ck_assert_msg(o.rc == 64, "%s: exit %d", bad[i][0], o.rc);
		ck_assert_msg(strstr(o.err, bad[i][1]) != NULL, "%s", o.err);
		outcome_free(&o);
	}
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	/* a private address where the profile allows it */
	nic_run(&o, "-c", conf(PASSWORD, "allow-private = yes\n"), "--ip", "10.1.2.3", NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	ck_assert_int_eq(fake_count(&fk, "myip=10.1.2.3"), 1);
	outcome_free(&o);
}
END_TEST

START_TEST(usage_errors_are_one_line_naming_what_was_typed)
{
	static const char *bad[][4] = {
		{ "--bogus", NULL, NULL, "unknown option \"--bogus\"; see nicupdate --help" },
		{ "-use=web", NULL, NULL, "unknown option \"-u\" in \"-use=web\"; see "
		    "nicupdate --help" },
		{ "--list", NULL, NULL, "ambiguous option \"--list\"; see nicupdate --help" },
		{ "--profile", NULL, NULL, "missing argument of option \"--profile\"; see "
		    "nicupdate --help" },
		{ "--check-config", "--query", NULL, "--check-config and --query cannot be "
		    "used together" },
		{ "--status", "--query", NULL, "--status and --query cannot be used together" },
		{ "--ip=81.2.69.160", "--ip=81.2.69.161", NULL, "--ip: two IPv4 addresses, "
		    "81.2.69.160 and 81.2.69.161" },
		{ "--json", "--status", NULL, "--json reports update runs only" },
		{ "--query", "--json", NULL, "--json reports update runs only" },
		/* an argument before an option once freed what it had not allocated */
		{ "extra-argument", "-n", NULL, "unexpected argument \"extra-argument\"" },
	};
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[200];

		snprintf(want, sizeof(want), "nicupdate: %s\n", bad[i][3]);
		nic_run(&o, "-c", conf(PASSWORD, NULL), bad[i][0], bad[i][1], bad[i][2], NULL);
		ck_assert_msg(o.rc == 64, "%s: exit %d", bad[i][0], o.rc);
		ck_assert_str_eq(o.err, want);
		ck_assert_str_eq(o.out, "");
		outcome_free(&o);
	}
	ck_assert_int_eq(fake_count(&fk, "GET"), 0);
}
END_TEST

START_TEST(help_lists_every_exit_status)
{
	static const char *const codes[] = { "0", "64", "65", "70", "74", "75", "77", "78" };
	struct outcome o;

	nic_run(&o, "--help", NULL);
	ck_assert_int_eq(o.rc, 0);
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		char line[16];

		snprintf(line, sizeof(line), "\n  %-4s", codes[i]);
		ck_assert_msg(strstr(o.out, line) != NULL, "no line for exit status %s", codes[i]);
	}
	outcome_free(&o);
}
END_TEST

START_TEST(status_and_query_need_no_secret)
{
	const char *c, *line = "password-env: NICUPDATE_TEST_UNSET is not set";
	struct outcome o;
	char text[1024];

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	unsetenv("NICUPDATE_TEST_UNSET");
	snprintf(text, sizeof(text), "[global]\ncache = %s/state/c\n\n[home]\nserver = %s\n"
	    "login = alice\npassword-env = NICUPDATE_TEST_UNSET\nhosts = nas.example.com\n"
	    "webv4 = %s/ip\n", tdir(), fk.base, fk.base);
	c = tfile("nicupdate.conf", text);
	nic_run(&o, "-c", c, "--status", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.err, line));
	outcome_free(&o);
	nic_run(&o, "-c", c, "--query", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "=> 81.2.69.160"));
	outcome_free(&o);
	/* an update needs it */
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	outcome_free(&o);
}
END_TEST

START_TEST(ddclient_spellings_are_accepted)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	nic_run(&o, "-file", conf(PASSWORD, NULL), "-daemon=0", "-foreground", "-force",
	    "-ip", "81.2.69.160", "-host", "nas.example.com", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "hostname=nas.example.com&myip=81.2.69.160"), 1);
	outcome_free(&o);
}
END_TEST

/* Two runs at once: the lock makes the second see the first's result. */
static char run_conf[700];

static void *
run_thread(void *arg)
{
	nic_run(arg, "-c", run_conf, NULL);
	return NULL;
}

START_TEST(concurrent_runs_send_one_update)
{
	struct outcome a, b;
	pthread_t t;

	/* a slow echo keeps the first run inside its lock */
	fake_start(&fk, FAKE_JSON(", \"/slow\": {\"body\": \"81.2.69.160\", \"delay\": 0.5}"),
	    NULL, 0);
	snprintf(run_conf, sizeof(run_conf), "%s", conf_web(PASSWORD, "/slow", NULL));
	ck_assert_int_eq(pthread_create(&t, NULL, run_thread, &a), 0);
	nic_run(&b, "-c", run_conf, NULL);
	pthread_join(t, NULL);
	ck_assert_int_eq(a.rc, 0);
	ck_assert_int_eq(b.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	ck_assert_int_eq(fake_count(&fk, "/slow"), 2);
	outcome_free(&a);
	outcome_free(&b);
}
END_TEST


START_TEST(failed_detection_sends_nothing)
{
	struct outcome o;
	char web[300];

	fake_start(&fk, FAKE_JSON(", \"/bad\": {\"body\": \"10.0.0.1\"},"
	    " \"/down\": {\"status\": 503}"), NULL, 0);
	snprintf(web, sizeof(web), "/bad, %s/down", fk.base);
	nic_run(&o, "-c", conf_web(PASSWORD, web, NULL), NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_nonnull(strstr(o.err, "home: no IPv4 address found, nothing sent"));
	ck_assert_ptr_nonnull(strstr(o.err, "/bad: rejected: 10.0.0.1 is a private address"));
	ck_assert_ptr_nonnull(strstr(o.err, "/down: rejected: HTTP 503"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	outcome_free(&o);
}
END_TEST

/* Two profiles with the same source: one detection request. */
START_TEST(shared_source_is_asked_once)
{
	struct outcome o;
	char text[2048];

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/c\nserver = %s\nlogin = alice\npassword = %s\n"
	    "webv4 = %s/ip\n\n[one]\nhosts = nas.example.com\n\n"
	    "[two]\nhosts = cam.example.com\n", tdir(), fk.base, PASSWORD, fk.base);
	nic_run(&o, "-c", tfile("two.conf", text), NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "GET\t/ip\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	outcome_free(&o);
	nic_run(&o, "-c", tfile("two.conf", text), "--query", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "IPv4 for [one] [two]:"));
	ck_assert_ptr_nonnull(strstr(o.out, "=> 81.2.69.160"));
	ck_assert_int_eq(fake_count(&fk, "GET\t/ip\t"), 2);
	outcome_free(&o);
}
END_TEST

START_TEST(query_exits_75_when_nothing_found)
{
	struct outcome o;
	char text[2048];

	fake_start(&fk, FAKE_JSON(", \"/bad\": {\"body\": \"nope\"}"), NULL, 0);
	snprintf(text, sizeof(text), "[h]\nlogin = a\npassword = %s\nhosts = x.example.com\n"
	    "webv4 = %s/bad\n", PASSWORD, fk.base);
	nic_run(&o, "-c", tfile("q.conf", text), "--query", NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_nonnull(strstr(o.out, "=> none"));
	outcome_free(&o);
}
END_TEST

/* Dual stack: A and AAAA each go in a request of their own. */
START_TEST(dual_stack_sends_one_request_per_family)
{
	struct outcome o;
	struct fake f6;
	char extra[800];

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	fake_start(&f6, "{\"routes\": {\"/ip6\": {\"body\": \"2a00:1450:4001:80b::200e\"}}}",
	    "::1", 0);
	snprintf(extra, sizeof(extra), "usev6 = webv6\nwebv6 = %s/ip6\n", f6.base);
	nic_run(&o, "-c", conf(PASSWORD, extra), NULL);
	ck_assert_msg(o.rc == 0, "%s", o.err);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	ck_assert_int_eq(fake_count(&fk, "&myip=81.2.69.160\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "&myip=2a00:1450:4001:80b::200e\t"), 1);
	ck_assert_ptr_nonnull(strstr(o.out, "home/nas.example.com: IPv6 2a00:1450:4001:80b::200e"));
	fake_stop(&f6);
	outcome_free(&o);
}
END_TEST

/* IPv6 that comes and goes: declared optional, its absence is no failure */
START_TEST(optional_family_absent_exits_0)
{
	struct outcome o;
	char extra[800];

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	/* nothing answers on the IPv6 endpoint's port */
	snprintf(extra, sizeof(extra), "usev6 = webv6\nwebv6 = http://[::1]:9/ip6\n"
	    "timeout = 2s\n");
	nic_run(&o, "-c", conf(PASSWORD, extra), NULL);
	ck_assert_int_eq(o.rc, 75);
	ck_assert_ptr_nonnull(strstr(o.err, "no IPv6 address found"));
	outcome_free(&o);
	strcat(extra, "optional = ipv6\n");
	nic_run(&o, "-c", conf(PASSWORD, extra), "--force", NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	ck_assert_ptr_null(strstr(o.err, "no IPv6 address found"));
	ck_assert_int_eq(fake_count(&fk, "&myip=81.2.69.160\t"), 2);
	outcome_free(&o);
	nic_run(&o, "-c", conf(PASSWORD, "optional = ipv5\n"), "--check-config", NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_ptr_nonnull(strstr(o.err, "optional: unknown \"ipv5\""));
	outcome_free(&o);
}
END_TEST

/* A refused login whose password is quoted as in a ddclient.conf says so. */
START_TEST(refused_quoted_password_is_explained)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf("'" PASSWORD "'", NULL), NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_msg(strstr(o.err, "password: starts and ends with ': nicupdate takes "
	    "values as written") != NULL, "%s", o.err);
	outcome_free(&o);
}
END_TEST

START_TEST(status_shows_every_host_and_lock)
{
	struct outcome o;
	const char *c;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	c = conf("wrong-pw", NULL);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 77);
	outcome_free(&o);
	nic_run(&o, "-c", c, "--status", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "PROFILE"));
	ck_assert_ptr_nonnull(strstr(o.out, "nas.example.com"));
	ck_assert_ptr_nonnull(strstr(o.out, "auth:http-401"));
	ck_assert_ptr_nonnull(strstr(o.out, "locked (credentials refused)"));
	outcome_free(&o);
}
END_TEST

/* A state file that cannot be read: say so, send nothing. */
START_TEST(unreadable_state_exits_74_and_sends_nothing)
{
	struct outcome o;
	char path[700];

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	snprintf(path, sizeof(path), "%s/state", tdir());
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/state/nicupdate.cache", tdir());
	mkdir(path, 0700);	/* a directory where the file should be */
	nic_run(&o, "-c", conf(PASSWORD, NULL), NULL);
	ck_assert_int_eq(o.rc, 74);
	ck_assert_ptr_nonnull(strstr(o.err, "nicupdate.cache"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	outcome_free(&o);
}
END_TEST

/* The state's directory cannot be made: nothing is sent either. */
START_TEST(state_directory_blocked_exits_74)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	tfile("state", "a file where the directory should be\n");
	nic_run(&o, "-c", conf(PASSWORD, NULL), NULL);
	ck_assert_int_eq(o.rc, 74);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	outcome_free(&o);
}
END_TEST

/* Disk full while writing: exit 74, old state intact, next run retries. */
START_TEST(disk_full_keeps_old_state)
{
	struct outcome o;
	char path[700], *before, *after;
	const char *c;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	c = conf(PASSWORD, "min-interval = 0\n");
	nic_run(&o, "-c", c, "--ip", "81.2.69.161", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	snprintf(path, sizeof(path), "%s/state/nicupdate.cache", tdir());
	before = slurp(path);
	/* a file size limit of 100 bytes: the new state cannot be written */
	{
		char cmd[2000];
		int st;

		snprintf(cmd, sizeof(cmd), "prlimit --fsize=100 '%s' -c '%s' --ip 81.2.69.162 "
		    ">'%s/o' 2>'%s/e'", getenv("NICUPDATE_BIN"), c, tdir(), tdir());
		st = system(cmd);
		ck_assert_int_eq(WEXITSTATUS(st), 74);
	}
	after = slurp(path);
	ck_assert_str_eq(before, after);
	ck_assert_int_eq(fake_count(&fk, "myip=81.2.69.162"), 1);
	free(before);
	free(after);
	/* the next run knows nothing was recorded, and sends again */
	nic_run(&o, "-c", c, "--ip", "81.2.69.162", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "myip=81.2.69.162"), 2);
	outcome_free(&o);
}
END_TEST

/* Corrupt lines are reported; the other hosts' lines survive. */
START_TEST(corrupt_state_lines_are_skipped_not_lost)
{
	struct outcome o;
	char path[700], *s;
	const char *c;
	FILE *f;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	c = conf(PASSWORD, NULL);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	snprintf(path, sizeof(path), "%s/state/nicupdate.cache", tdir());
	f = fopen(path, "a");
	fputs("home cam.example.com ipv9 garbage\nother h.example.net ipv4 81.2.69.1 "
	    "ok:good 1 1 00000000\n", f);
	fclose(f);
	nic_run(&o, "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.err, "nicupdate.cache:5: unreadable line ignored"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
	/* a forced run rewrites the file: the unknown profile's line is dropped */
	nic_run(&o, "-c", c, "-f", NULL);
	s = slurp(path);
	ck_assert_ptr_null(strstr(s, "other h.example.net ipv4"));
	ck_assert_ptr_null(strstr(s, "ipv9"));
	free(s);
	outcome_free(&o);
}
END_TEST

/* SIGKILL at random moments of runs that rewrite a large state file. */
START_TEST(sigkill_never_corrupts_state)
{
	char text[60000], path[700];
	size_t n = 0;
	int kills = 0;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	n += (size_t)snprintf(text + n, sizeof(text) - n,
	    "[global]\ncache = %s/state/c\nserver = %s\nlogin = alice\npassword = %s\n"
	    "min-interval = 0\n", tdir(), fk.base, PASSWORD);
	for (int p = 0; p < 20; p++) {
		n += (size_t)snprintf(text + n, sizeof(text) - n, "[p%d]\nhosts = ", p);
		for (int h = 0; h < 20; h++)
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%sh%d.example.com",
			    h ? ", " : "", h);
		n += (size_t)snprintf(text + n, sizeof(text) - n, "\n");
	}
	tfile("big.conf", text);
	snprintf(path, sizeof(path), "%s/state/c", tdir());
	for (int i = 0; i < 40; i++) {
		char cmd[2000], *s;
		int st, lines = 0;

		/* 4..84 ms: before, during and after the sends and the write */
		snprintf(cmd, sizeof(cmd), "timeout -s KILL 0.%03d '%s' -c '%s/big.conf' "
		    "--ip 81.2.69.%d >/dev/null 2>&1", 4 + i * 2, getenv("NICUPDATE_BIN"),
		    tdir(), 10 + i);
		st = system(cmd);
		kills += WEXITSTATUS(st) == 137;
		if ((s = slurp(path)) == NULL)
			continue;	/* killed before the first write */
		ck_assert_msg(strncmp(s, "# nicupdate state 1\n", 20) == 0, "bad header");
		for (char *l = s; *l; l = strchr(l, '\n') + 1) {
			ck_assert_ptr_nonnull(strchr(l, '\n'));
			lines++;
		}
		ck_assert_msg(lines == 2 || lines == 402, "%d lines", lines);
		free(s);
	}
	ck_assert_int_gt(kills, 0);
}
END_TEST


START_TEST(postscript_runs_after_a_change)
{
	struct outcome o;
	char extra[800], path[700], *s;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	snprintf(path, sizeof(path), "%s/ps.out", tdir());
	snprintf(extra, sizeof(extra), "postscript = sh -c 'echo \"$0 $1\" >> %s'\n", path);
	nic_run(&o, "-c", conf(PASSWORD, extra), NULL);
	ck_assert_int_eq(o.rc, 0);
	s = slurp(path);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "cam.example.com 81.2.69.160\nnas.example.com 81.2.69.160\n");
	free(s);
	outcome_free(&o);
	/* no change, no postscript; a failing one is only a warning */
	nic_run(&o, "-c", conf(PASSWORD, extra), NULL);
	ck_assert_int_eq(o.rc, 0);
	s = slurp(path);
	ck_assert_int_eq((int)strlen(s), 56);
	free(s);
	outcome_free(&o);
	nic_run(&o, "-c", conf(PASSWORD, "postscript = false\n"), "-f", "--ip",
	    "81.2.69.170", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.err, "postscript false: exited with status 1"));
	outcome_free(&o);
}
END_TEST


START_TEST(json_report)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, NULL), "--json", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "\"exit\":0,\"detected\":[{\"family\":\"ipv4\","
	    "\"address\":\"81.2.69.160\""));
	ck_assert_ptr_nonnull(strstr(o.out, "{\"profile\":\"home\",\"host\":\"cam.example.com\","
	    "\"family\":\"ipv4\",\"address\":\"81.2.69.160\",\"action\":\"updated\","
	    "\"answer\":\"good\""));
	/* one line, one object: nothing else on stdout */
	ck_assert_int_eq(o.out[0], '{');
	ck_assert_ptr_eq(strchr(o.out, '\n'), o.out + strlen(o.out) - 1);
	outcome_free(&o);
	/* a new address: a changed password alone sends nothing (nicupdate.1) */
	nic_run(&o, "-c", conf("wrong-pw", "min-interval = 0\n"), "--json", "--ip",
	    "81.2.69.161", NULL);
	ck_assert_msg(o.rc == 77, "%s", o.err);
	ck_assert_ptr_nonnull(strstr(o.out, "\"exit\":77"));
	ck_assert_ptr_nonnull(strstr(o.out, "\"action\":\"failed\",\"answer\":\"http-401\""));
	ck_assert_ptr_nonnull(strstr(o.out, "\"errors\":[\"home/cam.example.com: http-401: "));
	outcome_free(&o);
	nic_run(&o, "-c", conf("wrong-pw", NULL), "--json", NULL);
	ck_assert_ptr_nonnull(strstr(o.out, "\"action\":\"locked\""));
	outcome_free(&o);
	nic_run(&o, "-c", conf(PASSWORD, "colour = blue\n"), "--json", NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_ptr_nonnull(strstr(o.out, "\"exit\":78,\"detected\":[],\"hosts\":[],"
	    "\"errors\":[\"" ));
	/* a failed run says why, in the JSON too */
	ck_assert_ptr_nonnull(strstr(o.out, "colour: unknown key"));
	outcome_free(&o);
}
END_TEST

START_TEST(journal_priority_prefixes)
{
	struct outcome o;

	fake_start(&fk, FAKE_JSON(""), NULL, 0);
	harness_journal = 1;
	nic_run(&o, "-c", conf("wrong-pw", NULL), NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_ptr_nonnull(strstr(o.err, "<3>nicupdate: home/cam.example.com: http-401"));
	outcome_free(&o);
	harness_journal = 0;
	unsetenv("JOURNAL_STREAM");
	nic_run(&o, "-c", conf("wrong-pw", NULL), NULL);
	ck_assert_ptr_null(strstr(o.err, "<3>"));
	outcome_free(&o);
}
END_TEST


/*
 * Every shipped example config (each .conf file of examples/) is valid and
 * loads without a warning. Password files become files here: "czNjcmV0"
 * (base64, as rfc2136 needs), or the two halves OVH's password needs;
 * variables named by password-env are set likewise.
 */
static void
example_is_valid(const char *path)
{
	static const char pw[] = "czNjcmV0\n", pair[] = "czNjcmV0:Y2s\n";
	char *text = slurp(path), *line;
	struct buf out = { 0 };
	struct outcome o;

	ck_assert_msg(text != NULL, "%s missing", path);
	for (char *p = text; (line = strsep(&p, "\n")) != NULL;) {
		if (strncmp(line, "password-file = ", 16) == 0) {
			const char *f = strstr(line, "ovh") ? tfile("pw-pair", pair) :
			    tfile("pw", pw);

			chmod(f, 0600);
			buf_printf(&out, "password-file = %s\n", f);
		} else {
			if (strncmp(line, "password-env = ", 15) == 0)
				setenv(line + 15, "czNjcmV0:Y2s", 1);
			buf_printf(&out, "%s\n", line);
		}
	}
	nic_run(&o, "-c", tfile("example.conf", out.s), "--check-config", NULL);
	ck_assert_msg(o.rc == 0, "%s: exit %d: %s", path, o.rc, o.err);
	ck_assert_msg(strstr(o.err, "warning") == NULL, "%s: %s", path, o.err);
	outcome_free(&o);
	free(text);
	buf_free(&out);
}

START_TEST(examples_are_valid)
{
	const char *dir = getenv("EXAMPLES");
	struct dirent *e;
	size_t n = 0;
	DIR *d;

	ck_assert_ptr_nonnull(dir);
	ck_assert_ptr_nonnull(d = opendir(dir));
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char path[700];

		if (len < 5 || strcmp(e->d_name + len - 5, ".conf") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		example_is_valid(path);
		n++;
	}
	closedir(d);
	ck_assert_uint_ge(n, 16);
}
END_TEST


/* The config is read whole at the start: deleting it mid-run changes nothing. */
static void *
delete_later(void *path)
{
	/* once the run asks for the address, it has read its config */
	for (int i = 0; i < 1000 && fake_count(&fk, "/slow") == 0; i++)
		usleep(10 * 1000);
	unlink(path);
	return NULL;
}

START_TEST(config_deleted_mid_run)
{
	struct outcome o;
	char path[700];
	pthread_t t;

	fake_start(&fk, FAKE_JSON(", \"/slow\": {\"body\": \"81.2.69.160\", \"delay\": 1}"),
	    NULL, 0);
	snprintf(path, sizeof(path), "%s", conf_web(PASSWORD, "/slow", NULL));
	ck_assert_int_eq(pthread_create(&t, NULL, delete_later, path), 0);
	nic_run(&o, "-c", path, NULL);
	pthread_join(t, NULL);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
}
END_TEST


/* Migration: a ddclient.conf and its cache, imported and used directly. */
START_TEST(ddclient_migration)
{
	struct outcome o;
	char text[2048], cache[700], *ddc, *ddcache;

	/* the converted config is a config: it holds the password (see below) */
	fake_start(&fk, "{\"users\": {\"alice\": \"m1gr&te #pw\"}, \"hosts\": "
	    "[\"nas.example.com\", \"cam.example.com\"], \"routes\": "
	    "{\"/ip\": {\"body\": \"81.2.69.160\"}}}", NULL, 0);
	snprintf(text, sizeof(text),
	    "# ddclient.conf\ndaemon=300\nssl=no\nprotocol=dyndns2\n"
	    "use=web, web=%s/ip\nserver=127.0.0.1:%d\n"
	    "login=alice\npassword='m1gr&te #pw'\n"
	    "nas.example.com,cam.example.com\n", fk.base, fk.port);
	ddc = xstrdup(tfile("ddclient.conf", text));
	ddcache = xstrdup(tfile("ddclient.cache", "## ddclient-3.10.0\n"
	    "atime=1795800000,host=nas.example.com,ip=81.2.69.160,mtime=1795800000,"
	    "status=good nas.example.com\n"
	    "atime=1795800000,host=cam.example.com,ip=81.2.69.160,mtime=1795800000,"
	    "status=good cam.example.com\n"));
	snprintf(cache, sizeof(cache), "%s/state/migrated", tdir());

	nic_run(&o, "--import-ddclient", ddc, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "[dyndns2]"));
	ck_assert_ptr_nonnull(strstr(o.out, "hosts = nas.example.com, cam.example.com"));
	ck_assert_ptr_nonnull(strstr(o.out, "password = m1gr&te #pw"));
	ck_assert_ptr_nonnull(strstr(o.err, "daemon"));
	outcome_free(&o);
	/* from here on, nothing may print it */
	tsecret("m1gr&te #pw");

	/* the cache makes the first run after migrating send nothing */
	nic_run(&o, "-c", ddc, "--cache", cache, "--import-ddclient-cache", ddcache, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.out, "2 records imported"));
	outcome_free(&o);
	nic_run(&o, "-c", ddc, "--cache", cache, NULL);
	ck_assert_int_eq(o.rc, 0);
	/* quiet on a cron run: its migration notices only with -v or --check-config */
	ck_assert_msg(o.err[0] == '\0', "stderr: %s", o.err);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	outcome_free(&o);
	nic_run(&o, "-c", ddc, "--cache", cache, "-v", NULL);
	ck_assert_ptr_nonnull(strstr(o.err, "a ddclient.conf; read through"));
	ck_assert_ptr_nonnull(strstr(o.err, "daemon"));
	outcome_free(&o);
	nic_run(&o, "-c", ddc, "--check-config", NULL);
	ck_assert_ptr_nonnull(strstr(o.err, "warning: "));
	ck_assert_ptr_nonnull(strstr(o.err, "a ddclient.conf; read through"));
	outcome_free(&o);

	/* without it, the same config updates both hosts in one request */
	snprintf(cache, sizeof(cache), "%s/state/fresh", tdir());
	nic_run(&o, "-c", ddc, "--cache", cache, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update?hostname=cam.example.com,"
	    "nas.example.com&myip=81.2.69.160\talice:m1gr&te #pw\t"), 1);
	outcome_free(&o);
	free(ddc);
	free(ddcache);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("e2e");
	TCase *tc = tcase_create("dyndns2");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, fake_share, fake_unshare);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, first_run_sends_one_grouped_request_then_none);
	tcase_add_test(tc, state_file_is_private);
	tcase_add_test(tc, wrong_password_exits_77_then_stays_locked);
	tcase_add_test(tc, missing_config_exits_78);
	tcase_add_test(tc, broken_config_exits_78_before_any_request);
	tcase_add_test(tc, nohost_exits_65_and_locks_the_host);
	tcase_add_test(tc, http_500_exits_75);
	tcase_add_test(tc, http_500_is_retried_within_the_run);
	tcase_add_test(tc, server_911_is_not_retried_for_30_minutes);
	tcase_add_test(tc, min_error_interval_is_announced_once);
	tcase_add_test(tc, max_interval_refresh_answered_nochg_is_quiet);
	tcase_add_test(tc, infomaniak_answers_are_success);
	tcase_add_test(tc, dry_run_sends_and_writes_nothing);
	tcase_add_test(tc, ip_option_skips_detection);
	tcase_add_test(tc, changed_address_is_sent_again);
	tcase_add_test(tc, tls_with_test_ca);
	tcase_add_test(tc, tls_untrusted_certificate_is_refused);
	tcase_add_test(tc, tls_wrong_host_certificate_is_refused);
	tcase_add_test(tc, check_config_masks_the_password);
	tcase_add_test(tc, bad_command_lines_exit_64);
	tcase_add_test(tc, usage_errors_are_one_line_naming_what_was_typed);
	tcase_add_test(tc, ip_option_is_range_checked);
	tcase_add_test(tc, optional_family_absent_exits_0);
	tcase_add_test(tc, refused_quoted_password_is_explained);
	tcase_add_test(tc, help_lists_every_exit_status);
	tcase_add_test(tc, status_and_query_need_no_secret);
	tcase_add_test(tc, ddclient_spellings_are_accepted);
	tcase_add_test(tc, concurrent_runs_send_one_update);
	tcase_add_test(tc, failed_detection_sends_nothing);
	tcase_add_test(tc, shared_source_is_asked_once);
	tcase_add_test(tc, query_exits_75_when_nothing_found);
	tcase_add_test(tc, dual_stack_sends_one_request_per_family);
	tcase_add_test(tc, status_shows_every_host_and_lock);
	tcase_add_test(tc, unreadable_state_exits_74_and_sends_nothing);
	tcase_add_test(tc, state_directory_blocked_exits_74);
	tcase_add_test(tc, disk_full_keeps_old_state);
	tcase_add_test(tc, corrupt_state_lines_are_skipped_not_lost);
	tcase_add_test(tc, sigkill_never_corrupts_state);
	tcase_add_test(tc, postscript_runs_after_a_change);
	tcase_add_test(tc, json_report);
	tcase_add_test(tc, journal_priority_prefixes);
	tcase_add_test(tc, examples_are_valid);
	tcase_add_test(tc, config_deleted_mid_run);
	tcase_add_test(tc, ddclient_migration);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
