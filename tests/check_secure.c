/*
 * The guarantees of nicupdate.1 (SECURITY CONSIDERATIONS), end to end
 * against the real binary: text from outside is shown inert, secrets of
 * every kind stay masked, no core dumps, SSLKEYLOGFILE is ignored unless
 * -d asks, and the state file holds nothing a password comes back from.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "harness.h"
#include "util.h"

#define PASSWORD "s3cure-pass"

static struct fake fk;

static const char *
conf(const char *password, const char *extra)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/c\nattempts = 1\n\n"
	    "[home]\nserver = %s\nlogin = alice\npassword = %s\n"
	    "hosts = nas.example.com, cam.example.com\n%s",
	    tdir(), fk.base, password, extra ? extra : "");
	return tfile("nicupdate.conf", text);
}

/* A fake whose /nic/update answers with the given route JSON. */
static void
start(const char *password, const char *route, int tls)
{
	size_t n = strlen(route) + strlen(password) + 256;
	char *json = malloc(n);

	snprintf(json, n, "{\"users\": {\"alice\": \"%s\"}, \"hosts\": "
	    "[\"nas.example.com\", \"cam.example.com\"], \"routes\": {\"/nic/update\": %s}}",
	    password, route);
	fake_start(&fk, json, NULL, tls);
	free(json);
}

/* No control byte but the line ends, and no line that does not start as ours. */
static void
assert_inert(const char *what, const char *text)
{
	for (const char *p = text; *p; p++)
		ck_assert_msg(*p == '\n' || ((unsigned char)*p >= 0x20 && *p != 0x7f),
		    "%s: raw byte %02x in: %s", what, (unsigned char)*p, text);
	ck_assert_msg(strstr(text, "\nnicupdate: forged") == NULL &&
	    strncmp(text, "nicupdate: forged", 17) != 0, "%s: forged line in: %s", what, text);
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
	unsetenv("SSLKEYLOGFILE");
}

/* A JSON error message whose \\u escapes decode to control bytes. */
START_TEST(hostile_answer_is_shown_inert)
{
	struct outcome o;
	char text[800];

	fake_start(&fk, "{\"routes\": {\"/client/v4/zones\": {\"status\": 400, \"body\": "
	    "\"{\\\"success\\\":false,\\\"errors\\\":[{\\\"code\\\":1,\\\"message\\\":"
	    "\\\"\\\\u001b[31mred\\\\u0007\\\\r\\\\nnicupdate: forged\\\\u009b2J\\\"}]}\"}}}",
	    NULL, 0);
	snprintf(text, sizeof(text), "[global]\ncache = %s/state/c\nattempts = 1\n\n"
	    "[home]\nprotocol = cloudflare\nserver = %s\npassword = " PASSWORD "\n"
	    "zone = example.com\nhosts = home.example.com\n", tdir(), fk.base);
	nic_run(&o, "-c", tfile("nicupdate.conf", text), "--ip", "81.2.69.160", "-d", NULL);
	ck_assert_int_ne(o.rc, 0);
	assert_inert("stderr", o.err);
	/* shown, not dropped: the user sees what the server said */
	ck_assert_msg(strstr(o.err, "\\x1b[31mred\\x07\\x0d\\x0anicupdate: forged")
	    != NULL, "%s", o.err);
	outcome_free(&o);
}
END_TEST

START_TEST(hostile_state_fields_are_shown_inert)
{
	struct outcome o;
	char path[700];
	const char *c;

	start(PASSWORD, "{\"body\": \"good\"}", 0);
	c = conf(PASSWORD, NULL);

	snprintf(path, sizeof(path), "%s/state", tdir());
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "state/c");
	tfile(path, "# nicupdate state 1\n"
	    "home nas\033[2J\rnicupdate:\bforged ipv4 81.2.69.160 ok:good\033]0;x\a 1 1 0\n");
	nic_run(&o, "-c", c, "--status", NULL);
	ck_assert_int_eq(o.rc, 0);
	assert_inert("stdout", o.out);
	assert_inert("stderr", o.err);
	ck_assert_msg(strstr(o.out, "nas\\x1b[2J\\x0dnicupdate:\\x08forged") != NULL, "%s",
	    o.out);
	outcome_free(&o);
}
END_TEST

START_TEST(hostile_config_bytes_are_shown_inert)
{
	struct outcome o;
	char text[600];

	/* a C0 control byte: the line is refused, the byte named, not echoed */
	snprintf(text, sizeof(text), "[home]\nserver = http://127.0.0.1:1\nlogin = alice\n"
	    "password = x\nhosts = a.example.com\nnot\033[31m-a-key\r = 1\n");
	nic_run(&o, "-c", tfile("bad.conf", text), "--check-config", NULL);
	ck_assert_int_eq(o.rc, 78);
	assert_inert("stderr", o.err);
	ck_assert_msg(strstr(o.err, "0x1b") != NULL, "%s", o.err);
	outcome_free(&o);
	/* a C1 control (CSI as UTF-8) in an unknown key: echoed, escaped */
	snprintf(text, sizeof(text), "[home]\nserver = http://127.0.0.1:1\nlogin = alice\n"
	    "password = x\nhosts = a.example.com\nnot\xc2\x9b" "31m-a-key = 1\n");
	nic_run(&o, "-c", tfile("bad.conf", text), "--check-config", NULL);
	ck_assert_int_eq(o.rc, 78);
	assert_inert("stderr", o.err);
	ck_assert_msg(strstr(o.err, "\\xc2\\x9b31m") != NULL, "%s", o.err);
	outcome_free(&o);
}
END_TEST

/* The proxy's password, whatever prints the proxy. */
START_TEST(proxy_password_is_masked)
{
	struct outcome o;
	char extra[300];
	const char *c;

	tsecret("proxy-pw-42");
	start(PASSWORD, "{\"body\": \"good\"}", 0);
	snprintf(extra, sizeof(extra), "proxy = http://puser:proxy-pw-42@127.0.0.1:%d\n",
	    fk.port);
	c = conf(PASSWORD, extra);
	nic_run(&o, "-c", c, "--check-config", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_msg(strstr(o.out, "proxy = http://puser:***@127.0.0.1:") != NULL, "%s", o.out);
	outcome_free(&o);
	nic_run(&o, "-c", c, "--ip", "81.2.69.160", "-d", "--json", NULL);
	outcome_free(&o);
}
END_TEST

/* A token in a custom URL, in --check-config, -d and an answer that echoes it. */
START_TEST(url_token_is_masked)
{
	struct outcome o;
	char text[800];
	const char *c;

	tsecret("url-tok-777");
	tsecret("q1");
	fake_start(&fk, "{\"routes\": {\"/upd\": {\"status\": 401, "
	    "\"body\": \"badauth: url-tok-777 is not a valid key; q1\"}}}", NULL, 0);
	snprintf(text, sizeof(text), "[global]\ncache = %s/state/c\nattempts = 1\n\n"
	    "[home]\nprotocol = custom\nhosts = a.example.com\n"
	    "url = %s/upd?host=%%h&apikey=url-tok-777&Auth_Token=q1&ip=%%i\n",
	    tdir(), fk.base);
	c = tfile("nicupdate.conf", text);
	nic_run(&o, "-c", c, "--check-config", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_msg(strstr(o.out, "/upd?host=%h&apikey=***&Auth_Token=***&ip=%i\n") != NULL,
	    "%s", o.out);
	outcome_free(&o);
	nic_run(&o, "-c", c, "--ip", "81.2.69.160", "-d", "--json", NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_msg(strstr(o.err, "badauth: *** is not a valid key; ***") != NULL, "%s",
	    o.err);
	outcome_free(&o);
}
END_TEST

/* A server that echoes the Basic credentials does not show them. */
START_TEST(basic_credentials_echoed_are_masked)
{
	struct outcome o;
	/* base64("alice:" PASSWORD), as curl sends it */
	const char *b64 = "YWxpY2U6czNjdXJlLXBhc3M=";

	tsecret_login("alice", PASSWORD);
	fake_start(&fk, "{\"routes\": {\"/nic/update\": {\"status\": 401, "
	    "\"body\": \"badauth Basic YWxpY2U6czNjdXJlLXBhc3M=\"}}}", NULL, 0);
	nic_run(&o, "-c", conf(PASSWORD, NULL), "--ip", "81.2.69.160", "-d", "--json", NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_ptr_null(strstr(o.err, b64));
	outcome_free(&o);
}
END_TEST

/* A one-character password is masked where it stands, and 127.0.0.1 stays whole. */
START_TEST(short_password_is_masked_without_garbling)
{
	struct outcome o;

	tsecret_login("alice", "0");
	start("0", "{\"status\": 401, \"body\": \"badauth 0\"}", 0);
	nic_run(&o, "-c", conf("0", NULL), "--ip", "81.2.69.160", "-d", NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_msg(strstr(o.err, "http://127.0.0.1:") != NULL, "%s", o.err);
	ck_assert_msg(strstr(o.err, "badauth ***") != NULL, "%s", o.err);
	outcome_free(&o);
}
END_TEST

/*
 * The run allows no core dump: a cmdv4 script reads its parent's core size
 * limit, though the test raised it as far as it may.
 */
START_TEST(no_core_dumps)
{
	struct outcome o;
	struct rlimit rl;
	char extra[1200], script[900], out[700], soft[32] = "", hard[32] = "";
	const char *sh;
	char *limits, *line;

	ck_assert_int_eq(getrlimit(RLIMIT_CORE, &rl), 0);
	rl.rlim_cur = rl.rlim_max;
	ck_assert_int_eq(setrlimit(RLIMIT_CORE, &rl), 0);
	snprintf(out, sizeof(out), "%s/limits", tdir());
	snprintf(script, sizeof(script), "#!/bin/sh\ncat /proc/$PPID/limits > %s\n"
	    "echo 81.2.69.160\n", out);
	sh = tfile("cmd.sh", script);
	chmod(sh, 0700);
	start(PASSWORD, "{\"body\": \"good\"}", 0);
	snprintf(extra, sizeof(extra), "usev4 = cmdv4\ncmdv4 = %s\n", sh);
	nic_run(&o, "-c", conf(PASSWORD, extra), NULL);
	limits = slurp(out);
	ck_assert_msg(limits != NULL, "cmdv4 did not run: %s", o.err);
	line = strstr(limits, "Max core file size");
	ck_assert_ptr_nonnull(line);
	ck_assert_int_eq(sscanf(line + 18, "%31s %31s", soft, hard), 2);
	ck_assert_msg(strcmp(soft, "0") == 0 && strcmp(hard, "0") == 0, "%s", line);
	free(limits);
	outcome_free(&o);
}
END_TEST

/* TLS keys go to SSLKEYLOGFILE only under -d, and then with a warning. */
START_TEST(sslkeylogfile_only_with_debug)
{
	struct outcome o;
	char extra[800], keys[700];
	struct stat st;

	start(PASSWORD, "{\"body\": \"good\"}", 1);
	snprintf(keys, sizeof(keys), "%s/keys.log", tdir());
	setenv("SSLKEYLOGFILE", keys, 1);
	snprintf(extra, sizeof(extra), "ssl_ca_file = %s/certs/ca.pem\n", tdir());
	nic_run(&o, "-c", conf(PASSWORD, extra), "-f", "--ip", "81.2.69.160", NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	ck_assert_int_eq(fake_count(&fk, "alice:" PASSWORD), 1);
	ck_assert_msg(stat(keys, &st) == -1 || st.st_size == 0, "keys written without -d");
	ck_assert_ptr_null(strstr(o.err, "SSLKEYLOGFILE"));
	outcome_free(&o);
	/* the same run under -d writes them, so the check above can fail */
	nic_run(&o, "-c", conf(PASSWORD, extra), "-f", "-d", "--ip", "81.2.69.160", NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	ck_assert_int_eq(stat(keys, &st), 0);
	ck_assert_int_gt(st.st_size, 0);
	ck_assert_msg(strstr(o.err, "warning: SSLKEYLOGFILE is set and -d given: TLS session "
	    "keys are written to ") != NULL, "%s", o.err);
	outcome_free(&o);
}
END_TEST

/* ---- the state file holds nothing a password can be recovered from ---- */

/*
 * A config whose state an earlier version wrote: the server is never
 * reached (nothing listens on port 9), so any attempt to send shows as
 * exit 75. 198228fa is the fingerprint nicupdate 1 computed for it, login
 * and password included (its --import-ddclient-cache wrote that line).
 */
#define OLD_CONF "[global]\ncache = %s/state/c\nattempts = 1\n\n[home]\n" \
	"server = http://127.0.0.1:9\nlogin = alice\npassword = %s\nhosts = nas.example.com\n"
#define OLD_LINE(status) "home nas.example.com ipv4 81.2.69.160 " status \
	" 1795800000 1795800000 198228fa\n"

static const char *
old_state(const char *password, const char *line)
{
	char text[800], dir[700];

	snprintf(dir, sizeof(dir), "%s/state", tdir());
	mkdir(dir, 0700);
	tfile("state/c", line);
	snprintf(text, sizeof(text), OLD_CONF, tdir(), password);
	return tfile("old.conf", text);
}

static char *
state_text(void)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/state/c", tdir());
	return slurp(path);
}

/* An unchanged config sends nothing, and the old fingerprint is rewritten. */
START_TEST(old_state_unchanged_config_sends_nothing)
{
	struct outcome o;
	char *st;

	nic_run(&o, "-c", old_state(PASSWORD, "# nicupdate state 1\n" OLD_LINE("ok:good")),
	    "--ip", "81.2.69.160", NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	outcome_free(&o);
	st = state_text();
	ck_assert_ptr_null(strstr(st, "198228fa"));
	ck_assert_msg(strstr(st, " 1795800000 1795800000 f2:") != NULL, "%s", st);
	free(st);
	/* and the new one holds: still nothing to send */
	nic_run(&o, "-c", old_state(PASSWORD, st = state_text()), "--ip", "81.2.69.160", NULL);
	free(st);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	outcome_free(&o);
}
END_TEST

/* The old fingerprint is compared for real: another password sends. */
START_TEST(old_state_changed_password_sends)
{
	struct outcome o;
	char *st;

	nic_run(&o, "-c", old_state("another-pw", "# nicupdate state 1\n" OLD_LINE("ok:good")),
	    "--ip", "81.2.69.160", NULL);
	ck_assert_msg(o.rc == 75, "exit %d: %s", o.rc, o.err);
	outcome_free(&o);
	st = state_text();
	ck_assert_ptr_null(strstr(st, "198228fa"));
	free(st);
}
END_TEST

/* A lock an earlier version wrote holds, now with an scrypt hash. */
START_TEST(old_state_lock_holds)
{
	struct outcome o;
	char *st;

	nic_run(&o, "-c", old_state(PASSWORD, "# nicupdate state 1\n"
	    OLD_LINE("auth:badauth")), "--ip", "81.2.69.160", NULL);
	ck_assert_msg(o.rc == 77, "exit %d: %s", o.rc, o.err);
	ck_assert_ptr_nonnull(strstr(o.err, "locked since the provider refused"));
	outcome_free(&o);
	st = state_text();
	ck_assert_msg(strstr(st, " auth:badauth 1795800000 1795800000 f2:") != NULL &&
	    strstr(st, ":$s1$") != NULL, "%s", st);
	free(st);
}
END_TEST

/*
 * A refusal locks the profile until the credentials change; only the lock
 * keeps a (salted, slow) hash of them, and it goes with the lock.
 */
START_TEST(lock_lifts_when_the_password_changes)
{
	struct outcome o;
	char *st, *first;

	fake_start(&fk, "{\"users\": {\"alice\": \"" PASSWORD "\"}, \"hosts\": "
	    "[\"nas.example.com\", \"cam.example.com\"]}", NULL, 0);
	tsecret("wrong-pw-1");
	tsecret("wrong-pw-2");
	nic_run(&o, "-c", conf("wrong-pw-1", NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 77);
	outcome_free(&o);
	first = state_text();
	ck_assert_msg(strstr(first, ":$s1$") != NULL, "%s", first);
	ck_assert_ptr_null(strstr(first, "wrong-pw"));
	nic_run(&o, "-c", conf("wrong-pw-1", NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_int_eq(fake_count(&fk, "GET"), 1);
	outcome_free(&o);
	nic_run(&o, "-c", conf("wrong-pw-1", NULL), "--status", NULL);
	ck_assert_ptr_nonnull(strstr(o.out, "locked (credentials refused)"));
	outcome_free(&o);
	/* another wrong one is tried once, and hashed with a fresh salt */
	nic_run(&o, "-c", conf("wrong-pw-2", NULL), "--status", NULL);
	ck_assert_ptr_nonnull(strstr(o.out, "next run"));
	outcome_free(&o);
	nic_run(&o, "-c", conf("wrong-pw-2", NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 77);
	ck_assert_int_eq(fake_count(&fk, "GET"), 2);
	outcome_free(&o);
	st = state_text();
	ck_assert_ptr_nonnull(strstr(st, ":$s1$"));
	ck_assert_str_ne(strstr(st, ":$s1$"), strstr(first, ":$s1$"));
	free(st);
	free(first);
	nic_run(&o, "-c", conf(PASSWORD, NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	ck_assert_int_eq(fake_count(&fk, "GET"), 3);
	outcome_free(&o);
	st = state_text();
	ck_assert_msg(strchr(st, '$') == NULL, "%s", st);
	free(st);
}
END_TEST

/* The settings fingerprint is the same whatever the login and password. */
/* The fingerprints of a state text, in order, without the times beside them. */
static char *
fingerprints(const char *state)
{
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	for (const char *s = state; (s = strstr(s, " f2:")) != NULL; s += 4)
		buf_printf(&b, "%.*s", (int)strcspn(s + 1, " \n") + 1, s);
	return b.s;
}

START_TEST(fingerprint_holds_no_credentials)
{
	struct outcome o;
	char *a, *b, *fa, *fb;

	tsecret("other-pw-9");
	start(PASSWORD, "{\"body\": \"good\\ngood\"}", 0);
	nic_run(&o, "-c", conf(PASSWORD, NULL), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	a = state_text();
	nic_run(&o, "-c", conf("other-pw-9", NULL), "-f", "--ip", "81.2.69.160", NULL);
	ck_assert_msg(o.rc == 0, "exit %d: %s", o.rc, o.err);
	outcome_free(&o);
	b = state_text();
	ck_assert_ptr_nonnull(strstr(a, " f2:"));
	/* the runs may fall in different seconds: compare the fingerprints only */
	fa = fingerprints(a);
	fb = fingerprints(b);
	ck_assert_str_eq(fa, fb);
	free(fa);
	free(fb);
	free(a);
	free(b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("secure");
	TCase *tc = tcase_create("e2e");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, fake_share, fake_unshare);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, hostile_answer_is_shown_inert);
	tcase_add_test(tc, hostile_state_fields_are_shown_inert);
	tcase_add_test(tc, hostile_config_bytes_are_shown_inert);
	tcase_add_test(tc, proxy_password_is_masked);
	tcase_add_test(tc, url_token_is_masked);
	tcase_add_test(tc, basic_credentials_echoed_are_masked);
	tcase_add_test(tc, short_password_is_masked_without_garbling);
	tcase_add_test(tc, no_core_dumps);
	tcase_add_test(tc, sslkeylogfile_only_with_debug);
	tcase_add_test(tc, old_state_unchanged_config_sends_nothing);
	tcase_add_test(tc, old_state_changed_password_sends);
	tcase_add_test(tc, old_state_lock_holds);
	tcase_add_test(tc, lock_lifts_when_the_password_changes);
	tcase_add_test(tc, fingerprint_holds_no_credentials);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
