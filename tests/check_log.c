/* Unit tests for log.c: secret masking and the verbosity filter. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "report.h"
#include "util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void
setup(void)
{
	log_secret_clear();
	log_verbosity = 1;
}

static void
teardown(void)
{
	log_secret_clear();
	log_verbosity = 1;
}

/* Redirect stream f (stdout or stderr) to a temp file until cap_end. */
struct capture {
	FILE *f, *tmp;
	int fd, saved;
};

static void
cap_start(struct capture *c, FILE *f)
{
	c->f = f;
	c->fd = fileno(f);
	fflush(f);
	c->saved = dup(c->fd);
	ck_assert_int_ge(c->saved, 0);
	c->tmp = tmpfile();
	ck_assert_ptr_nonnull(c->tmp);
	ck_assert_int_eq(dup2(fileno(c->tmp), c->fd), c->fd);
}

/* Restore the stream; return what was written to it (caller frees). */
static char *
cap_end(struct capture *c)
{
	struct buf b = { 0 };
	char chunk[512];
	size_t n;

	fflush(c->f);
	dup2(c->saved, c->fd);
	close(c->saved);
	rewind(c->tmp);
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), c->tmp)) > 0)
		buf_add(&b, chunk, n);
	fclose(c->tmp);
	return b.s;
}

static void
assert_mask(const char *in, const char *want)
{
	char *got = log_mask(in);

	ck_assert_ptr_nonnull(got);
	ck_assert_msg(strcmp(got, want) == 0, "log_mask(\"%s\") = \"%s\", "
	    "want \"%s\"", in, got, want);
	free(got);
}

/* ---- log_mask ---- */

START_TEST(test_mask_none)
{
	char *got;

	assert_mask("password=hunter2", "password=hunter2");
	assert_mask("", "");
	got = log_mask("abc");
	ck_assert_str_eq(got, "abc");
	/* a copy, not the argument */
	ck_assert_ptr_ne(got, "abc");
	free(got);
}
END_TEST

START_TEST(test_mask_one)
{
	log_secret("hunter2");
	assert_mask("password=hunter2", "password=***");
	assert_mask("hunter2", "***");
	assert_mask("hunter2 is it", "*** is it");
	assert_mask("hunter", "hunter");
	assert_mask("HUNTER2", "HUNTER2");
	assert_mask("nothing here", "nothing here");
}
END_TEST

START_TEST(test_mask_twice)
{
	log_secret("hunter22");
	assert_mask("hunter22 and hunter22 again", "*** and *** again");
	assert_mask("hunter22hunter22", "******");
	assert_mask("hhunter22", "h***");
}
END_TEST

/* The longest secret starting at a position wins, in either order of adding. */
START_TEST(test_mask_longest)
{
	if (_i == 0) {
		log_secret("abc");
		log_secret("abcdefgh");
	} else {
		log_secret("abcdefgh");
		log_secret("abc");
	}
	assert_mask("xabcdefghy", "x***y");
	assert_mask("x/abc/dey", "x/***/dey");
	assert_mask("abc abcdefgh", "*** ***");
	assert_mask("ab", "ab");
}
END_TEST

/*
 * A secret shorter than 8 characters is masked where it stands alone, not
 * inside other words: a password "p" once turned "/tmp" into "/tm***".
 */
START_TEST(test_mask_short_secret)
{
	log_secret("p");
	assert_mask("/tmp/if.conf: holds a password", "/tmp/if.conf: holds a password");
	assert_mask("password=p&x=1", "password=***&x=1");
	assert_mask("login u, password p", "login u, password ***");
	log_secret("s3cret-long");
	assert_mask("xs3cret-longy", "x***y");
}
END_TEST

/* Dots and dashes inside a word join it: a password "1" left 127.0.0.*** */
START_TEST(test_mask_short_in_word)
{
	log_secret("1");
	assert_mask("GET http://127.0.0.1:80/x", "GET http://127.0.0.1:80/x");
	assert_mask("10.1.1.1-1 and a-1", "10.1.1.1-1 and a-1");
	assert_mask("refused password 1.", "refused password ***.");
	assert_mask("{\"pw\":\"1\"}", "{\"pw\":\"***\"}");
	assert_mask("http://u:1@h/p/1/x", "http://u:***@h/p/***/x");
	log_secret("dTox");
	assert_mask("Basic dTox, dToxy", "Basic ***, dToxy");
}
END_TEST

/* Secrets found by where they stand, though never registered. */
START_TEST(test_mask_structure)
{
	assert_mask("proxy http://user:pw@proxy.lan:3128 failed",
	    "proxy http://user:***@proxy.lan:3128 failed");
	assert_mask("http://user@proxy.lan/", "http://user@proxy.lan/");
	assert_mask("GET https://h.example/u?host=a&token=abc&myip=1.2.3.4",
	    "GET https://h.example/u?host=a&token=***&myip=1.2.3.4");
	assert_mask("https://h/?apikey=k1;api_key=k2&Password=p&SECRET=s&auth=a&x=y",
	    "https://h/?apikey=***;api_key=***&Password=***&SECRET=***&auth=***&x=y");
	assert_mask("\"https://h/?hostname=k&pass=zz\" done",
	    "\"https://h/?hostname=k&pass=***\" done");
	assert_mask("https://h/?token=&x=1 ?token=t", "https://h/?token=&x=1 ?token=t");
	assert_mask("Authorization: Basic dTpwdw==", "Authorization: Basic ***");
	assert_mask("proxy-authorization:Bearer abc.def", "proxy-authorization:Bearer ***");
	assert_mask("no url :// here @ ?token=x", "no url :// here @ ?token=x");
}
END_TEST

/* Control bytes and broken UTF-8 from outside are shown as \xNN. */
START_TEST(test_sanitize)
{
	static const char *const cases[][2] = {
		{ "plain text", "plain text" },
		{ "a\x1b[31mb\nnicupdate: forged\r\a\x7f\t", "a\\x1b[31mb\\x0anicupdate: "
		    "forged\\x0d\\x07\\x7f\\x09" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac "
		    "\xf0\x9f\x98\x80" },
		{ "c1 \xc2\x9b" "2J", "c1 \\xc2\\x9b" "2J" },
		{ "lone \xff \x9b \xc3", "lone \\xff \\x9b \\xc3" },
		{ "overlong \xc0\xaf \xe0\x80\xaf", "overlong \\xc0\\xaf \\xe0\\x80\\xaf" },
		{ "surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80" },
		{ "cut \xe2\x82", "cut \\xe2\\x82" },
	};

	for (size_t i = 0; i < NELEM(cases); i++) {
		char *got = log_sanitize(cases[i][0]);

		ck_assert_str_eq(got, cases[i][1]);
		free(got);
	}
}
END_TEST

/* RFC 4648, section 10, and the Basic credentials curl sends. */
START_TEST(test_base64)
{
	static const char *const v[][2] = { { "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" },
		{ "foo", "Zm9v" }, { "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" }, { "alice:s3cure-pass", "YWxpY2U6czNjdXJlLXBhc3M=" },
		{ "\xff\xfe", "//4=" } };

	for (size_t i = 0; i < NELEM(v); i++) {
		char *got = secret_base64(v[i][0], strlen(v[i][0]));

		ck_assert_str_eq(got, v[i][1]);
		free(got);
	}
}
END_TEST

/* The secrets of a loaded config: every kind, each once, none registered yet. */
START_TEST(test_config_secrets)
{
	struct config c;
	static const char *const want[] = { "pw", "YWxpY2U6cHc=", "proxy pw", "proxy%20pw",
		"tok/1", "tok%2F1", "k" };

	ck_assert_int_eq(config_load_string(&c, "t.conf", "[home]\nprotocol = custom\n"
	    "login = alice\npassword = pw\nhosts = a.example.com\n"
	    "proxy = http://u:proxy%20pw@127.0.0.1:3128\n"
	    "url = http://127.0.0.1/u?h=%h&token=tok%2F1&apikey=k&ip=%i\n"), 0);
	ck_assert_uint_eq(c.secrets.n, NELEM(want));
	for (size_t i = 0; i < NELEM(want); i++)
		ck_assert_msg(strlist_has(&c.secrets, want[i]), "%s not collected", want[i]);
	/* loading registers nothing: main does, with log_secrets */
	assert_mask("pw", "pw");
	log_secrets(&c.secrets);
	assert_mask("pw proxy pw tok/1", "*** *** ***");
	config_free(&c);
}
END_TEST

START_TEST(test_mask_urlencoded)
{
	char *got;

	log_secret("p@ss w&rd");
	assert_mask("password=p@ss w&rd", "password=***");
	got = log_mask("GET /nic/update?hostname=h&password=p%40ss%20w%26rd&x=1");
	ck_assert_str_eq(got, "GET /nic/update?hostname=h&password=***&x=1");
	ck_assert_ptr_null(strstr(got, "p%40ss"));
	free(got);
	/* the secret's own unencoded and encoded forms side by side */
	assert_mask("p@ss w&rd p%40ss%20w%26rd", "*** ***");
}
END_TEST

START_TEST(test_mask_ignored)
{
	log_secret(NULL);
	log_secret("");
	assert_mask("abc", "abc");
	/* the same secret twice is kept once, and still masked */
	log_secret("tok");
	log_secret("tok");
	assert_mask("a tok b", "a *** b");
}
END_TEST

START_TEST(test_mask_clear)
{
	log_secret("hunter2");
	log_secret("p@ss");
	assert_mask("hunter2 p%40ss", "*** ***");
	log_secret_clear();
	assert_mask("hunter2 p%40ss", "hunter2 p%40ss");
	/* usable again after clearing */
	log_secret("p@ss");
	assert_mask("hunter2 p%40ss", "hunter2 ***");
}
END_TEST

/* ---- log_msg, log_out ---- */

static const char *const prefix[] = {
	[L_ERROR] = "nicupdate: ",
	[L_WARN] = "nicupdate: warning: ",
	[L_INFO] = "nicupdate: ",
	[L_DEBUG] = "nicupdate: debug: ",
};

/* _i = verbosity * 4 + level: shown exactly when verbosity >= level. */
START_TEST(test_msg_verbosity)
{
	int verbosity = _i / 4;
	enum log_level level = (enum log_level)(_i % 4);
	struct capture err, out;
	char *e, *o, want[100];

	log_verbosity = verbosity;
	cap_start(&out, stdout);
	cap_start(&err, stderr);
	log_msg(level, "message %d", 42);
	e = cap_end(&err);
	o = cap_end(&out);
	if (verbosity >= (int)level)
		snprintf(want, sizeof(want), "%smessage 42\n", prefix[level]);
	else
		want[0] = '\0';
	ck_assert_msg(strcmp(e, want) == 0, "verbosity %d level %d: stderr "
	    "\"%s\", want \"%s\"", verbosity, level, e, want);
	ck_assert_str_eq(o, "");
	free(e);
	free(o);
}
END_TEST

START_TEST(test_msg_macros)
{
	struct capture err;
	char *e;

	log_verbosity = 3;
	cap_start(&err, stderr);
	log_error("e%d", 1);
	log_warn("w%d", 2);
	log_info("i%d", 3);
	log_debug("d%d", 4);
	e = cap_end(&err);
	ck_assert_str_eq(e, "nicupdate: e1\n"
	    "nicupdate: warning: w2\n"
	    "nicupdate: i3\n"
	    "nicupdate: debug: d4\n");
	free(e);

	log_verbosity = 0;
	cap_start(&err, stderr);
	log_error("e%d", 1);
	log_warn("w%d", 2);
	log_info("i%d", 3);
	log_debug("d%d", 4);
	e = cap_end(&err);
	ck_assert_str_eq(e, "nicupdate: e1\n");
	free(e);
}
END_TEST

/* Every level masks, whether the secret comes from the format or an argument. */
START_TEST(test_msg_masked)
{
	struct capture err;
	char *e;

	log_secret("s3cr3t pw");
	log_verbosity = 3;
	cap_start(&err, stderr);
	log_error("login %s refused", "s3cr3t pw");
	log_warn("url https://h/?p=%s", "s3cr3t%20pw");
	log_info("raw s3cr3t pw");
	log_debug("%s%s", "s3cr3t", " pw");
	e = cap_end(&err);
	ck_assert_ptr_null(strstr(e, "s3cr3t"));
	ck_assert_str_eq(e, "nicupdate: login *** refused\n"
	    "nicupdate: warning: url https://h/?p=***\n"
	    "nicupdate: raw ***\n"
	    "nicupdate: debug: ***\n");
	free(e);
}
END_TEST

START_TEST(test_out)
{
	struct capture err, out;
	char *e, *o;

	log_secret("hunter2");
	for (int v = 0; v <= 3; v++) {
		log_verbosity = v;
		cap_start(&out, stdout);
		cap_start(&err, stderr);
		log_out("%s: updated, key %s", "host.example.org", "hunter2");
		e = cap_end(&err);
		o = cap_end(&out);
		ck_assert_str_eq(e, "");
		if (v == 0)
			ck_assert_str_eq(o, "");
		else
			ck_assert_str_eq(o, "host.example.org: updated, key ***\n");
		ck_assert_ptr_null(strstr(o, "hunter2"));
		free(e);
		free(o);
	}
}
END_TEST

/* Hostile text reaches stderr as one inert line. */
START_TEST(test_msg_sanitized)
{
	struct capture err;
	char *e;

	cap_start(&err, stderr);
	log_error("h: %s", "\x1b[31mred\nnicupdate: forged\r");
	e = cap_end(&err);
	ck_assert_str_eq(e, "nicupdate: h: \\x1b[31mred\\x0anicupdate: forged\\x0d\n");
	free(e);
}
END_TEST

/* --json escapes every control character and keeps the JSON valid UTF-8. */
START_TEST(test_report_escapes)
{
	struct capture out;
	struct report r = { 0 };
	char *o;

	log_verbosity = 1;
	report_host(&r, "p", "h", FAM_V4, NULL, "failed", "x",
	    "\x1b[31m\"\\\nnicupdate: forged\x7f \xc2\x9b \xff caf\xc3\xa9");
	cap_start(&out, stdout);
	report_print(&r, 1);
	o = cap_end(&out);
	ck_assert_msg(strstr(o, "\"reason\":\"\\u001b[31m\\\"\\\\\\u000anicupdate: forged"
	    "\\u007f \\u009b \\ufffd caf\xc3\xa9\"") != NULL, "%s", o);
	for (const char *p = o; *p; p++)
		ck_assert_msg((unsigned char)*p >= 0x20 || *p == '\n', "raw control in %s", o);
	free(o);
}
END_TEST

/* A long line is neither cut nor left unmasked at its end. */
START_TEST(test_msg_long)
{
	struct capture err;
	char *e, *pad = malloc(10001);

	ck_assert_ptr_nonnull(pad);
	memset(pad, '.', 10000);
	pad[10000] = '\0';
	log_secret("hunter2");
	cap_start(&err, stderr);
	log_error("%shunter2", pad);
	e = cap_end(&err);
	ck_assert_uint_eq(strlen(e), strlen("nicupdate: ") + 10000 + 4);
	ck_assert_str_eq(e + strlen(e) - 4, "***\n");
	ck_assert_ptr_null(strstr(e, "hunter2"));
	free(e);
	free(pad);
}
END_TEST

static Suite *
log_suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc;

	tc = tcase_create("mask");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_mask_none);
	tcase_add_test(tc, test_mask_one);
	tcase_add_test(tc, test_mask_twice);
	tcase_add_loop_test(tc, test_mask_longest, 0, 2);
	tcase_add_test(tc, test_mask_short_secret);
	tcase_add_test(tc, test_mask_urlencoded);
	tcase_add_test(tc, test_mask_short_in_word);
	tcase_add_test(tc, test_mask_structure);
	tcase_add_test(tc, test_sanitize);
	tcase_add_test(tc, test_base64);
	tcase_add_test(tc, test_config_secrets);
	tcase_add_test(tc, test_mask_ignored);
	tcase_add_test(tc, test_mask_clear);
	suite_add_tcase(s, tc);

	tc = tcase_create("output");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_msg_verbosity, 0, 16);
	tcase_add_test(tc, test_msg_macros);
	tcase_add_test(tc, test_msg_masked);
	tcase_add_test(tc, test_out);
	tcase_add_test(tc, test_msg_long);
	tcase_add_test(tc, test_msg_sanitized);
	tcase_add_test(tc, test_report_escapes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(log_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
