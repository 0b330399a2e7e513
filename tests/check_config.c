/*
 * Unit tests of the configuration: config_load_string() with good and bad
 * INI inputs. Every error must name "file:line:" and the key, so errors are
 * checked on a captured stderr.
 */
#include <check.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "config.h"
#include "detect.h"
#include "log.h"
#include "proto.h"
#include "capture.h"
#include "util.h"

#define NAME "test.conf"

/* A valid Infomaniak profile of five lines; tests append from line 6. */
#define PROF \
	"[home]\n" \
	"protocol = infomaniak\n" \
	"login = user\n" \
	"password = s3cret-pw\n" \
	"hosts = a.example.com\n"

/* Load text; stderr into *err (caller frees). */
static int
load(struct config *c, const char *text, char **err)
{
	struct capture k;
	int rc;

	/* secrets of an earlier load would mask parts of this one's messages */
	log_secret_clear();
	capture_start(&k, STDERR_FILENO);
	rc = config_load_string(c, NAME, text);
	*err = capture_end(&k);
	return rc;
}

/* Load text that must be valid. */
static void
load_ok(struct config *c, const char *text)
{
	char *err;
	int rc = load(c, text, &err);

	ck_assert_msg(rc == 0, "config_load_string: %d for\n%s\nstderr:\n%s", rc, text,
	    err);
	free(err);
}

/* Does one line of err hold both "NAME:line:" and needle? */
static int
has_error(const char *err, int line, const char *needle)
{
	char where[64];

	snprintf(where, sizeof(where), NAME ":%d:", line);
	return has_line(err, where, needle);
}

/* text must fail, with an error on line naming needle (the key). */
static void
expect_error(const char *text, int line, const char *needle)
{
	struct config c;
	char *err;
	int rc = load(&c, text, &err);

	ck_assert_msg(rc == -1, "expected -1, got %d for\n%s", rc, text);
	ck_assert_msg(has_error(err, line, needle),
	    "expected an error line with \"" NAME ":%d:\" and \"%s\" for\n%s\n"
	    "stderr:\n%s", line, needle, text, err);
	free(err);
	config_free(&c);
}

static void
teardown(void)
{
	log_secret_clear();
}

/* ---- good configurations ---- */

START_TEST(test_minimal_infomaniak)
{
	struct config c;
	const struct profile *p;
	char *err;

	ck_assert_int_eq(load(&c, PROF, &err), 0);
	ck_assert_msg(err[0] == '\0', "unexpected stderr: %s", err);
	free(err);
	ck_assert_uint_eq(c.nprof, 1);
	ck_assert_str_eq(c.path, NAME);
	ck_assert_ptr_nonnull(c.cache);
	p = &c.prof[0];
	ck_assert_str_eq(p->name, "home");
	ck_assert_str_eq(p->file, NAME);
	ck_assert_int_eq(p->line, 1);
	ck_assert_ptr_eq(p->proto, proto_find("infomaniak"));
	ck_assert_str_eq(p->proto->name, "infomaniak");
	ck_assert_str_eq(p->login, "user");
	ck_assert_str_eq(p->password, "s3cret-pw");
	ck_assert_uint_eq(p->hosts.n, 1);
	ck_assert_str_eq(p->hosts.v[0], "a.example.com");
	/* the defaults of nicupdate.conf(5) */
	ck_assert_ptr_null(p->server);
	ck_assert_ptr_null(p->script);
	ck_assert_int_eq(p->ssl, 1);
	ck_assert_int_eq(p->src[FAM_V4].use, USE_WEB);
	ck_assert_int_eq(p->src[FAM_V6].use, USE_DISABLED);
	ck_assert_int_eq(p->allow_private, 0);
	ck_assert_int_eq(profile_flag(p, "wildcard"), 0);
	ck_assert_int_eq(profile_flag(p, "backupmx"), 0);
	ck_assert_ptr_null(profile_opt(p, "mx"));
	ck_assert_int_eq(p->min_interval, 30);
	ck_assert_int_eq(p->max_interval, 25 * 86400);
	ck_assert_int_eq(p->min_error_interval, 5 * 60);
	ck_assert_int_eq(p->timeout, 10);
	ck_assert_int_eq(p->attempts, 3);
	ck_assert_int_eq(p->retry_interval, 5);
	config_free(&c);
}
END_TEST

START_TEST(test_default_protocol_is_dyndns2)
{
	struct config c;

	load_ok(&c, "[home]\nlogin = u\npassword = pw-secret\nhosts = a.example.com\n");
	ck_assert_str_eq(c.prof[0].proto->name, "dyndns2");
	config_free(&c);
}
END_TEST

/* [global] defaults, the same whether [global] comes first or last. */
static void
check_global(const char *text, int aline, int bline)
{
	struct config c;
	const struct profile *a, *b;

	load_ok(&c, text);
	ck_assert_uint_eq(c.nprof, 2);
	a = &c.prof[0];
	b = &c.prof[1];
	ck_assert_str_eq(a->name, "a");
	ck_assert_str_eq(b->name, "b");
	ck_assert_int_eq(a->line, aline);
	ck_assert_int_eq(b->line, bline);
	/* a inherits everything */
	ck_assert_str_eq(a->login, "shared");
	ck_assert_str_eq(a->password, "gpw");
	ck_assert_int_eq(a->timeout, 20);
	ck_assert_int_eq(a->ssl, 0);
	ck_assert_int_eq(profile_flag(a, "wildcard"), 1);
	ck_assert_uint_eq(a->hosts.n, 1);
	ck_assert_str_eq(a->hosts.v[0], "a.example.com");
	ck_assert_int_eq(a->min_interval, 30);	/* built-in default kept */
	/* b overrides some */
	ck_assert_str_eq(b->login, "own");
	ck_assert_str_eq(b->password, "gpw");
	ck_assert_int_eq(b->timeout, 60);
	ck_assert_int_eq(b->ssl, 0);
	ck_assert_int_eq(profile_flag(b, "wildcard"), 0);
	ck_assert_uint_eq(b->hosts.n, 2);
	ck_assert_str_eq(b->hosts.v[0], "b.example.com");
	ck_assert_str_eq(b->hosts.v[1], "c.example.com");
	config_free(&c);
}

#define GLOBAL \
	"[global]\n" \
	"login = shared\n" \
	"password = gpw\n" \
	"timeout = 20s\n" \
	"ssl = no\n" \
	"insecure-http = yes\n" \
	"wildcard = yes\n" \
	"hosts = a.example.com\n"
#define AB \
	"[a]\n" \
	"protocol = infomaniak\n" \
	"\n" \
	"[b]\n" \
	"login = own\n" \
	"timeout = 1m\n" \
	"wildcard = no\n" \
	"hosts = b.example.com, c.example.com\n"

START_TEST(test_global_before)
{
	check_global(GLOBAL "\n" AB, 10, 13);
}
END_TEST

START_TEST(test_global_after)
{
	check_global(AB "\n" GLOBAL, 1, 4);
}
END_TEST

START_TEST(test_username_alias)
{
	struct config c;

	load_ok(&c, "[home]\nusername = alias-user\npassword = pw-secret\n"
	    "hosts = a.example.com\n");
	ck_assert_str_eq(c.prof[0].login, "alias-user");
	config_free(&c);
}
END_TEST

START_TEST(test_durations)
{
	struct config c;
	const struct profile *p;

	load_ok(&c, PROF
	    "min-interval = 45\n"
	    "max-interval = 2d\n"
	    "min-error-interval = 10m\n"
	    "timeout = 30s\n"
	    "retry-interval = 2h\n"
	    "attempts = 10\n");
	p = &c.prof[0];
	ck_assert_int_eq(p->min_interval, 45);
	ck_assert_int_eq(p->max_interval, 2 * 86400);
	ck_assert_int_eq(p->min_error_interval, 600);
	ck_assert_int_eq(p->timeout, 30);
	ck_assert_int_eq(p->retry_interval, 7200);
	ck_assert_int_eq(p->attempts, 10);
	config_free(&c);
}
END_TEST

START_TEST(test_booleans)
{
	static const struct { const char *s; int v; } b[] = {
		{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 },
		{ "on", 1 }, { "off", 0 }, { "1", 1 }, { "0", 0 },
	};

	for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
		struct config c;
		const struct profile *p;
		char *text = xasprintf(PROF "ssl = %s\nwildcard = %s\nbackupmx = %s\n"
		    "allow-private = %s\nmx = mx.example.com\ninsecure-http = yes\n",
		    b[i].s, b[i].s, b[i].s, b[i].s);

		load_ok(&c, text);
		p = &c.prof[0];
		ck_assert_msg(p->ssl == b[i].v && profile_flag(p, "wildcard") == b[i].v &&
		    profile_flag(p, "backupmx") == b[i].v && p->allow_private == b[i].v,
		    "\"%s\" read as ssl %d wildcard %d backupmx %d allow-private %d",
		    b[i].s, p->ssl, profile_flag(p, "wildcard"), profile_flag(p, "backupmx"),
		    p->allow_private);
		config_free(&c);
		free(text);
	}
}
END_TEST

START_TEST(test_hosts_trimmed)
{
	struct config c;
	const struct profile *p;

	load_ok(&c, "[home]\nlogin = u\npassword = pw-secret\n"
	    "hosts =   a.example.com ,b.example.com,\tc.example.com   \n");
	p = &c.prof[0];
	ck_assert_uint_eq(p->hosts.n, 3);
	ck_assert_str_eq(p->hosts.v[0], "a.example.com");
	ck_assert_str_eq(p->hosts.v[1], "b.example.com");
	ck_assert_str_eq(p->hosts.v[2], "c.example.com");
	config_free(&c);
}
END_TEST

START_TEST(test_web_lists)
{
	struct config c;
	const struct source *v4, *v6;

	load_ok(&c, PROF
	    "webv4 = ipify-ipv4 , https://ip.example.net/plain ,aws\n"
	    "usev6 = webv6\n"
	    "webv6 = ipify-ipv6, ifconfig.me, http://[2001:db8::1]/ip\n");
	v4 = &c.prof[0].src[FAM_V4];
	v6 = &c.prof[0].src[FAM_V6];
	ck_assert_int_eq(v4->use, USE_WEB);
	ck_assert_uint_eq(v4->web.n, 3);
	ck_assert_str_eq(v4->web.v[0], "ipify-ipv4");
	ck_assert_str_eq(v4->web.v[1], "https://ip.example.net/plain");
	ck_assert_str_eq(v4->web.v[2], "aws");
	ck_assert_int_eq(v6->use, USE_WEB);
	ck_assert_uint_eq(v6->web.n, 3);
	ck_assert_str_eq(v6->web.v[0], "ipify-ipv6");
	ck_assert_str_eq(v6->web.v[1], "ifconfig.me");
	ck_assert_str_eq(v6->web.v[2], "http://[2001:db8::1]/ip");
	config_free(&c);
}
END_TEST

/* Unset webv4/webv6: three built-in endpoints of the right family. */
START_TEST(test_default_web_lists)
{
	struct config c;

	load_ok(&c, PROF "usev6 = webv6\n");
	for (int f = 0; f < FAM_N; f++) {
		const struct source *s = &c.prof[0].src[f];

		ck_assert_int_eq(s->use, USE_WEB);
		ck_assert_uint_eq(s->web.n, 3);
		for (size_t i = 0; i < s->web.n; i++) {
			struct endpoint ep;

			ck_assert_msg(detect_endpoint((enum fam)f, s->web.v[i], &ep) == 0,
			    "%s is not an endpoint for family %d", s->web.v[i], f);
			ck_assert_msg(strcmp(ep.url, s->web.v[i]) != 0,
			    "%s is not a built-in name", s->web.v[i]);
			ck_assert_int_ne(ep.fam, f == FAM_V4 ? FAM_V6 : FAM_V4);
		}
	}
	config_free(&c);

	/* v6 stays disabled, with no list, when not asked for */
	load_ok(&c, PROF);
	ck_assert_uint_eq(c.prof[0].src[FAM_V4].web.n, 3);
	ck_assert_int_eq(c.prof[0].src[FAM_V6].use, USE_DISABLED);
	ck_assert_uint_eq(c.prof[0].src[FAM_V6].web.n, 0);
	config_free(&c);
}
END_TEST

START_TEST(test_static_addresses)
{
	struct config c;
	const struct profile *p;

	load_ok(&c, PROF
	    "usev4 = ipv4\n"
	    "ipv4 =  198.51.100.7 \n"
	    "usev6 = ipv6\n"
	    "ipv6 = 2001:DB8:0:0:0:0:0:1\n"
	    "allow-private = yes\n");	/* documentation ranges */
	p = &c.prof[0];
	ck_assert_int_eq(p->src[FAM_V4].use, USE_STATIC);
	ck_assert_str_eq(p->src[FAM_V4].ip, "198.51.100.7");
	ck_assert_int_eq(p->src[FAM_V6].use, USE_STATIC);
	ck_assert_str_eq(p->src[FAM_V6].ip, "2001:db8::1");
	config_free(&c);
}
END_TEST

/* webv4-interface, webv6-interface: per family, inherited, addresses canonical. */
START_TEST(test_source_interfaces)
{
	struct config c;
	const struct profile *p;

	load_ok(&c, "[global]\nwebv4-interface = ppp0\nwebv6-interface = 2001:DB8:0::1\n"
	    PROF "interface = eth1\nwebv4-interface = 192.0.2.1\n"
	    "[other]\nprotocol = infomaniak\nlogin = u\npassword = s3cret-pw\n"
	    "hosts = b.example.com\n");
	p = &c.prof[0];
	ck_assert_str_eq(p->interface, "eth1");
	ck_assert_str_eq(p->src[FAM_V4].bind, "192.0.2.1");
	ck_assert_str_eq(p->src[FAM_V6].bind, "2001:db8::1");
	p = &c.prof[1];
	ck_assert_ptr_null(p->interface);
	ck_assert_str_eq(p->src[FAM_V4].bind, "ppp0");
	ck_assert_str_eq(p->src[FAM_V6].bind, "2001:db8::1");
	config_free(&c);
}
END_TEST

/* ddclient's use=web and web= are usev4=webv4 and webv4=. */
START_TEST(test_legacy_use_web)
{
	struct config c;
	const struct source *s;

	load_ok(&c, "[global]\nusev4 = disabled\nusev6 = webv6\n\n" PROF
	    "use = web\nweb = aws, https://ip.example.net/\n");
	s = &c.prof[0].src[FAM_V4];
	ck_assert_int_eq(s->use, USE_WEB);
	ck_assert_uint_eq(s->web.n, 2);
	ck_assert_str_eq(s->web.v[0], "aws");
	ck_assert_str_eq(s->web.v[1], "https://ip.example.net/");
	ck_assert_uint_eq(c.prof[0].src[FAM_V6].web.n, 3);
	config_free(&c);
}
END_TEST

START_TEST(test_cache_in_global)
{
	struct config c;
	size_t n;

	load_ok(&c, "[global]\ncache = /var/tmp/nic/state.cache\n\n" PROF);
	ck_assert_str_eq(c.cache, "/var/tmp/nic/state.cache");
	config_free(&c);

	/* unset: a default path */
	load_ok(&c, PROF);
	ck_assert_ptr_nonnull(c.cache);
	n = strlen(c.cache);
	ck_assert_msg(n > 16 && c.cache[0] == '/' &&
	    strcmp(c.cache + n - 16, "/nicupdate.cache") == 0, "default cache %s",
	    c.cache);
	config_free(&c);
}
END_TEST

START_TEST(test_password_env)
{
	struct config c;

	setenv("NICUPDATE_CHECK_PW", "env-secret", 1);
	load_ok(&c, "[home]\nlogin = u\npassword-env = NICUPDATE_CHECK_PW\n"
	    "hosts = a.example.com\n");
	ck_assert_str_eq(c.prof[0].password, "env-secret");
	config_free(&c);

	unsetenv("NICUPDATE_CHECK_PW_UNSET");
	expect_error("[home]\nlogin = u\npassword-env = NICUPDATE_CHECK_PW_UNSET\n"
	    "hosts = a.example.com\n", 3, "password-env");
}
END_TEST

/* A secret file in a fresh directory with the given mode. */
static char *
secret_file(char *dir, size_t dirlen, mode_t mode)
{
	const char *top = getenv("TEST_TMPDIR") ? getenv("TEST_TMPDIR") : "/tmp";
	char *path;
	FILE *f;

	mkdir(top, 0700);
	snprintf(dir, dirlen, "%s/cfg.XXXXXX", top);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/secret", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("file-secret\nsecond line\n", f);
	fclose(f);
	ck_assert_int_eq(chmod(path, mode), 0);
	return path;
}

START_TEST(test_password_file)
{
	struct config c;
	char dir[512], *path, *text, *err;
	int rc;

	path = secret_file(dir, sizeof(dir), 0600);
	text = xasprintf("[home]\nlogin = u\npassword-file = %s\nhosts = a.example.com\n",
	    path);
	rc = load(&c, text, &err);
	unlink(path);
	rmdir(dir);
	ck_assert_msg(rc == 0, "rc %d, stderr: %s", rc, err);
	ck_assert_str_eq(c.prof[0].password, "file-secret");
	config_free(&c);
	free(err);
	free(text);
	free(path);
}
END_TEST

START_TEST(test_password_file_readable_by_others)
{
	struct config c;
	char dir[512], *path, *text, *err;
	int rc;

	path = secret_file(dir, sizeof(dir), 0644);
	text = xasprintf("[home]\nlogin = u\npassword-file = %s\nhosts = a.example.com\n",
	    path);
	rc = load(&c, text, &err);
	unlink(path);
	rmdir(dir);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(has_error(err, 3, "password-file"), "stderr: %s", err);
	config_free(&c);
	free(err);
	free(text);
	free(path);
}
END_TEST

/*
 * systemd's credentials: the unit's user reads them through an ACL, which
 * shows as group bits (0440); in $CREDENTIALS_DIRECTORY that is private,
 * elsewhere it is not, and "other" bits never are.
 */
START_TEST(test_password_file_in_credentials_directory)
{
	struct config c;
	char dir[512], *path, *text, *err;

	path = secret_file(dir, sizeof(dir), 0440);
	text = xasprintf("[home]\nlogin = u\npassword-file = %s\nhosts = a.example.com\n",
	    path);
	unsetenv("CREDENTIALS_DIRECTORY");
	ck_assert_int_eq(load(&c, text, &err), -1);
	config_free(&c);
	free(err);
	setenv("CREDENTIALS_DIRECTORY", dir, 1);
	ck_assert_int_eq(load(&c, text, &err), 0);
	config_free(&c);
	free(err);
	chmod(path, 0444);
	ck_assert_int_eq(load(&c, text, &err), -1);
	config_free(&c);
	free(err);
	unsetenv("CREDENTIALS_DIRECTORY");
	unlink(path);
	rmdir(dir);
	free(text);
	free(path);
}
END_TEST

START_TEST(test_password_file_missing)
{
	expect_error("[home]\nlogin = u\npassword-file = /nonexistent/nicupdate/secret\n"
	    "hosts = a.example.com\n", 3, "password-file");
}
END_TEST

/* An empty web-skip is allowed (it cancels a built-in one). */
START_TEST(test_web_skip)
{
	struct config c;
	const struct profile *p;

	load_ok(&c, PROF "web-skip =\n");
	p = &c.prof[0];
	ck_assert_ptr_nonnull(p->src[FAM_V4].skip);
	ck_assert_str_eq(p->src[FAM_V4].skip, "");
	ck_assert_ptr_nonnull(p->src[FAM_V6].skip);
	ck_assert_str_eq(p->src[FAM_V6].skip, "");
	config_free(&c);

	load_ok(&c, PROF "webv4-skip = Current IP Address:\n");
	p = &c.prof[0];
	ck_assert_str_eq(p->src[FAM_V4].skip, "Current IP Address:");
	ck_assert_ptr_null(p->src[FAM_V6].skip);
	config_free(&c);
}
END_TEST

/* ---- errors: -1 and "file:line: key ..." ---- */

START_TEST(test_err_unknown_key)
{
	expect_error(PROF "frobnicate = 1\n", 6, "frobnicate");
	expect_error("[global]\nfoo-bar = 1\n" PROF, 2, "foo-bar");
	/* keys are case-sensitive */
	expect_error(PROF "Login = user\n", 6, "Login");
}
END_TEST

START_TEST(test_err_unknown_protocol)
{
	expect_error("[home]\nprotocol = nosuch\nlogin = u\npassword = pw-secret\n"
	    "hosts = a.example.com\n", 2, "protocol");
	expect_error("[home]\nprotocol = nosuch\nlogin = u\npassword = pw-secret\n"
	    "hosts = a.example.com\n", 2, "nosuch");
}
END_TEST

START_TEST(test_err_bad_boolean)
{
	expect_error(PROF "wildcard = maybe\n", 6, "wildcard");
	expect_error(PROF "ssl = 2\n", 6, "ssl");
	expect_error(PROF "allow-private = yess\n", 6, "allow-private");
}
END_TEST

START_TEST(test_err_bad_duration)
{
	static const char *bad[] = {
		"5x", "m", "-5", "5mm", "1.5h", "5 m", "s30", "99999999999999d", "0x10",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *text = xasprintf(PROF "min-interval = %s\n", bad[i]);

		expect_error(text, 6, "min-interval");
		free(text);
	}
	expect_error(PROF "retry-interval = soon\n", 6, "retry-interval");
}
END_TEST

START_TEST(test_err_empty_value)
{
	expect_error(PROF "server =\n", 6, "server");
	expect_error(PROF "mx = \n", 6, "mx");
	expect_error("[home]\nlogin = u\npassword = pw-secret\nhosts =\n", 4, "hosts");
}
END_TEST

START_TEST(test_err_duplicate_key)
{
	expect_error(PROF "hosts = b.example.com\n", 6, "hosts");
	expect_error(PROF "wildcard = yes\nwildcard = no\n", 7, "wildcard");
}
END_TEST

START_TEST(test_err_duplicate_section)
{
	expect_error(PROF "\n[home]\nwildcard = yes\n", 7, "home");
	expect_error("[global]\nssl = yes\n[global]\ntimeout = 5\n" PROF, 3, "global");
}
END_TEST

START_TEST(test_err_outside_section)
{
	expect_error("login = user\n" PROF, 1, "login");
}
END_TEST

START_TEST(test_err_no_hosts)
{
	/* reported at the section header */
	expect_error("[global]\nlogin = u\npassword = pw-secret\n\n"
	    "[home]\nprotocol = infomaniak\n", 5, "hosts");
}
END_TEST

START_TEST(test_err_missing_credentials)
{
	expect_error("[home]\npassword = pw-secret\nhosts = a.example.com\n", 1, "login");
	expect_error("[global]\n\n[home]\nlogin = u\nhosts = a.example.com\n", 3,
	    "password");
	expect_error("[home]\nprotocol = infomaniak\nhosts = a.example.com\n", 2,
	    "password");
}
END_TEST

START_TEST(test_err_bad_hosts)
{
	static const char *bad[] = {
		"b c.example", ("b\xc3\xbc" "cher.example"), "-a.example", ".a.example",
		"a..example", "a/b.example", "a@b.example",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *text = xasprintf("[home]\nlogin = u\npassword = pw-secret\n"
		    "hosts = a.example.com, %s\n", bad[i]);

		expect_error(text, 4, "hosts");
		expect_error(text, 4, bad[i]);
		free(text);
	}
}
END_TEST

START_TEST(test_err_bad_server)
{
	expect_error(PROF "server = user@evil.example\n", 6, "server");
	expect_error(PROF "server = https://user:pw@evil.example\n", 6, "server");
	expect_error(PROF "server = /nic/update\n", 6, "server");
	expect_error(PROF "server = https:///nic/update\n", 6, "server");
	expect_error(PROF "server = https://\n", 6, "server");
	expect_error(PROF "server = example.com?x=1\n", 6, "server");
}
END_TEST

START_TEST(test_err_bad_script)
{
	expect_error(PROF "script = nic/update\n", 6, "script");
}
END_TEST

START_TEST(test_err_static_without_address)
{
	expect_error(PROF "usev4 = ipv4\n", 6, "ipv4");
	expect_error(PROF "usev6 = ipv6\n", 6, "ipv6");
}
END_TEST

START_TEST(test_err_both_disabled)
{
	expect_error(PROF "usev4 = disabled\n", 1, "disabled");
	expect_error(PROF "usev4 = disabled\nusev6 = disabled\n", 1, "usev4");
}
END_TEST

START_TEST(test_err_bad_use)
{
	expect_error(PROF "usev4 = webv6\n", 6, "usev4");
	expect_error(PROF "use = nonsense\n", 6, "use");
}
END_TEST

START_TEST(test_err_bad_ipv4)
{
	expect_error(PROF "usev4 = ipv4\nipv4 = 300.1.2.3\n", 7, "ipv4");
	expect_error(PROF "usev4 = ipv4\nipv4 = 300.1.2.3\n", 7, "300.1.2.3");
	expect_error(PROF "usev4 = ipv4\nipv4 = 2001:db8::1\n", 7, "ipv4");
	expect_error(PROF "usev6 = ipv6\nipv6 = 192.0.2.1\n", 7, "ipv6");
}
END_TEST

START_TEST(test_err_unknown_endpoint)
{
	expect_error(PROF "webv4 = ipify-ipv4, nosuch-endpoint\n", 6, "nosuch-endpoint");
	expect_error(PROF "webv4 = nosuch-endpoint\n", 6, "webv4");
	expect_error(PROF "webv4 = ipify-ipv4,,aws\n", 6, "webv4");
}
END_TEST

START_TEST(test_err_endpoint_wrong_family)
{
	expect_error(PROF "webv4 = ipify-ipv6\n", 6, "ipify-ipv6");
	expect_error(PROF "usev6 = webv6\nwebv6 = ipify-ipv4\n", 7, "ipify-ipv4");
}
END_TEST

/* inih would end the value at " ;": the password must not lose its tail. */
START_TEST(test_err_password_inline_comment)
{
	expect_error("[home]\nlogin = u\npassword = abc ;def\nhosts = a.example.com\n", 3,
	    "password");
	expect_error("[home]\nlogin = u\npassword = abc\t;def\nhosts = a.example.com\n",
	    3, "password");
}
END_TEST

/*
 * Regression: inih also takes ':' as the key/value separator, and the " ;"
 * guard once looked only at lines with '=', so "password: abc ;def" loaded
 * with the password silently cut to "abc".
 */
START_TEST(test_err_password_inline_comment_colon)
{
	struct config c;
	char *err;
	int rc = load(&c, "[home]\nlogin = u\npassword: abc ;def\nhosts = a.example.com\n",
	    &err);

	ck_assert_msg(rc == -1 || (c.nprof == 1 && c.prof[0].password != NULL &&
	    strcmp(c.prof[0].password, "abc ;def") == 0),
	    "\"password: abc ;def\": rc %d, password \"%s\" (tail lost silently)", rc,
	    c.nprof == 1 && c.prof[0].password ? c.prof[0].password : "(none)");
	if (rc == -1)
		ck_assert(has_error(err, 3, "password"));
	free(err);
	config_free(&c);
}
END_TEST

/*
 * Profile names are written as one field of the state file: a name with a
 * blank or a leading '#' would be lost there on every run, so the config
 * refuses them.
 */
START_TEST(test_err_profile_name)
{
	expect_error("[my home]\nlogin = u\npassword = p1\nhosts = a.example.com\n", 1,
	    "profile name");
	expect_error("[#home]\nlogin = u\npassword = p1\nhosts = a.example.com\n", 1,
	    "profile name");
}
END_TEST

/*
 * Lines have no length limit (nicupdate.conf(5), SYNTAX): values longer than
 * any inih line buffer are kept whole (a long hosts list once failed with
 * "line longer than 198 characters"); a long line that is no "key = value"
 * is a syntax error like a short one.
 */
START_TEST(test_long_lines)
{
	char longval[256], *text;
	struct buf hosts = { 0 };
	struct config c;

	memset(longval, 'x', sizeof(longval) - 1);
	longval[sizeof(longval) - 1] = '\0';
	text = xasprintf(PROF "proxy = http://%s.example/ ; a comment\n", longval);
	load_ok(&c, text);
	ck_assert_uint_eq(strlen(c.prof[0].proxy), 255 + 16);
	config_free(&c);
	free(text);

	for (int i = 0; i < 40; i++)
		buf_printf(&hosts, "%shost%02d.example.com", i ? ", " : "", i);
	text = xasprintf("[home]\nlogin = u\npassword = pw-secret\nhosts = %s\n", hosts.s);
	load_ok(&c, text);
	ck_assert_uint_eq(c.prof[0].hosts.n, 40);
	ck_assert_str_eq(c.prof[0].hosts.v[39], "host39.example.com");
	config_free(&c);
	free(text);
	buf_free(&hosts);

	text = xasprintf(PROF "%s\n", longval);
	expect_error(text, 6, "syntax");
	free(text);
	/* a comment line of any length is a comment */
	text = xasprintf(PROF "# %s%s%s\n; %s\n", longval, longval, longval, longval);
	load_ok(&c, text);
	config_free(&c);
	free(text);

	/* a value that looks like a stand-in holds a control byte: refused */
	expect_error(PROF "proxy = \001" "99\n", 6, "control character");
}
END_TEST

/*
 * What the reader assumes of the libinih it is linked with: it hands inih
 * only canonical lines ("[s]", "key=", ";") of at most CONF_NAME_MAX + 4
 * bytes, and takes values from its own load. This fails if a build of
 * libinih reads such lines differently (a line buffer too short, a handler
 * called with the line number, a stop at the first error).
 */
struct probe {
	int calls;
	char last[80];
};

static int
probe_handler(void *user, const char *section, const char *key, const char *value)
{
	struct probe *pr = user;

	if (key == NULL)	/* INI_CALL_HANDLER_ON_NEW_SECTION builds */
		return 1;
	pr->calls++;
	snprintf(pr->last, sizeof(pr->last), "%s|%s|%s", section, key, value);
	return 1;
}

START_TEST(test_inih_build)
{
	char text[256], key[CONF_NAME_MAX + 1], want[160];
	struct probe pr = { 0 };

	memset(key, 'k', CONF_NAME_MAX);
	key[CONF_NAME_MAX] = '\0';
	snprintf(text, sizeof(text), "[s]\n;\n%s=\n", key);
	ck_assert_int_eq(ini_parse_string(text, probe_handler, &pr), 0);
	ck_assert_int_eq(pr.calls, 1);
	snprintf(want, sizeof(want), "s|%.60s", key);
	ck_assert_msg(strncmp(pr.last, want, strlen(want)) == 0, "got %s", pr.last);
	ck_assert_str_eq(pr.last + strlen(pr.last) - 2, "k|");
}
END_TEST

START_TEST(test_err_syntax)
{
	expect_error(PROF "this line has no equals sign\n", 6, "syntax");
	expect_error("[home\nlogin = u\npassword = pw-secret\nhosts = a.example.com\n", 1,
	    "syntax");
}
END_TEST

START_TEST(test_err_cache_outside_global)
{
	expect_error(PROF "cache = /tmp/nicupdate.cache\n", 6, "cache");
}
END_TEST

START_TEST(test_err_attempts)
{
	expect_error(PROF "attempts = 0\n", 6, "attempts");
	expect_error(PROF "attempts = 11\n", 6, "attempts");
	expect_error(PROF "attempts = three\n", 6, "attempts");
}
END_TEST

START_TEST(test_err_timeout)
{
	expect_error(PROF "timeout = 0\n", 6, "timeout");
	expect_error(PROF "timeout = 11m\n", 6, "timeout");
}
END_TEST

START_TEST(test_err_no_profile)
{
	expect_error("", 1, "the file is empty");
	expect_error("; only a comment\n", 1, "only comments");
	expect_error("[global]\nlogin = u\n", 2, "no profile");
}
END_TEST

/* Every error is reported, each on its own line, not just the first. */
START_TEST(test_err_all_reported)
{
	static const char text[] =
	    "[home]\n"				/* 1 */
	    "login = u\n"			/* 2 */
	    "password = pw-secret\n"			/* 3 */
	    "hosts = a.example.com\n"		/* 4 */
	    "wildcard = maybe\n"		/* 5: bad boolean */
	    "timeout = soon\n"			/* 6: bad duration */
	    "frob = 1\n"			/* 7: unknown key */
	    "attempts = 0\n"			/* 8: out of range */
	    "\n"				/* 9 */
	    "[other]\n"				/* 10: no credentials */
	    "hosts = b.example.com\n";		/* 11 */
	struct config c;
	char *err;

	ck_assert_int_eq(load(&c, text, &err), -1);
	ck_assert_msg(count_lines(err) == 5, "expected 5 error lines:\n%s", err);
	ck_assert(has_error(err, 5, "wildcard"));
	ck_assert(has_error(err, 6, "timeout"));
	ck_assert(has_error(err, 7, "frob"));
	ck_assert(has_error(err, 8, "attempts"));
	ck_assert(has_error(err, 10, "login"));
	free(err);
	config_free(&c);
}
END_TEST

/* An error in [global] is reported once, not once per profile. */
/* line, a bad [global] setting for two profiles, is one error at line 2. */
static void
expect_global_once(const char *line, const char *needle)
{
	struct config c;
	char *err, *text = xasprintf("[global]\n%slogin = u\npassword = pw-secret\n\n"
	    "[a]\nhosts = a.example.com\n\n[b]\nhosts = b.example.com\n", line);

	ck_assert_int_eq(load(&c, text, &err), -1);
	ck_assert_msg(count_lines(err) == 1, "expected 1 error line:\n%s", err);
	ck_assert(has_error(err, 2, needle));
	free(err);
	free(text);
	config_free(&c);
}

/* An address of the other family, or a value that is no interface name. */
START_TEST(test_err_source_interface)
{
	expect_error(PROF "webv4-interface = 2001:db8::1\n", 6,
	    "webv4-interface: \"2001:db8::1\" is an IPv6 address");
	expect_error(PROF "webv6-interface = 192.0.2.1\n", 6,
	    "webv6-interface: \"192.0.2.1\" is an IPv4 address");
	expect_error(PROF "webv6-interface = ppp1\nwebv4-interface = eth0;rm\n", 7,
	    "webv4-interface: \"eth0;rm\" is neither");
	expect_error(PROF "webv4-interface = a-name-longer-than-15\n", 6, "webv4-interface");
	expect_error(PROF "webv4-interface =\n", 6, "webv4-interface");
	expect_error(PROF "webv4-interface = ppp0\nwebv4-interface = ppp1\n", 7,
	    "webv4-interface");
	/* set in [global]: one error, at its line */
	expect_global_once("webv6-interface = 10.0.0.1\n", "webv6-interface");
}
END_TEST

START_TEST(test_err_global_once)
{
	expect_global_once("wildcard = maybe\n", "wildcard");
}
END_TEST

/* ---- printing ---- */

START_TEST(test_print_masks_password)
{
	struct config c;
	struct capture k;
	char *out;

	load_ok(&c, PROF "mx = mx.example.com\n");
	capture_start(&k, STDOUT_FILENO);
	config_print(&c);
	out = capture_end(&k);
	ck_assert_msg(strstr(out, "password = ***\n") != NULL, "no masked password:\n%s",
	    out);
	ck_assert_msg(strstr(out, "s3cret-pw") == NULL, "the secret is printed:\n%s", out);
	ck_assert_ptr_nonnull(strstr(out, "[home]\n"));
	ck_assert_ptr_nonnull(strstr(out, "protocol = infomaniak\n"));
	ck_assert_ptr_nonnull(strstr(out, "server = https://infomaniak.com\n"));
	ck_assert_ptr_nonnull(strstr(out, "login = user\n"));
	ck_assert_ptr_nonnull(strstr(out, "hosts = a.example.com\n"));
	ck_assert_ptr_nonnull(strstr(out, "mx = mx.example.com\n"));
	free(out);
	config_free(&c);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *good = tcase_create("good");
	TCase *bad = tcase_create("errors");
	TCase *print = tcase_create("print");

	tcase_add_checked_fixture(good, NULL, teardown);
	tcase_add_checked_fixture(bad, NULL, teardown);
	tcase_add_checked_fixture(print, NULL, teardown);

	tcase_add_test(good, test_minimal_infomaniak);
	tcase_add_test(good, test_default_protocol_is_dyndns2);
	tcase_add_test(good, test_global_before);
	tcase_add_test(good, test_global_after);
	tcase_add_test(good, test_username_alias);
	tcase_add_test(good, test_durations);
	tcase_add_test(good, test_booleans);
	tcase_add_test(good, test_hosts_trimmed);
	tcase_add_test(good, test_web_lists);
	tcase_add_test(good, test_default_web_lists);
	tcase_add_test(good, test_static_addresses);
	tcase_add_test(good, test_source_interfaces);
	tcase_add_test(good, test_legacy_use_web);
	tcase_add_test(good, test_cache_in_global);
	tcase_add_test(good, test_password_env);
	tcase_add_test(good, test_password_file);
	tcase_add_test(good, test_web_skip);
	suite_add_tcase(s, good);

	tcase_add_test(bad, test_password_file_readable_by_others);
	tcase_add_test(bad, test_password_file_in_credentials_directory);
	tcase_add_test(bad, test_password_file_missing);
	tcase_add_test(bad, test_err_unknown_key);
	tcase_add_test(bad, test_err_unknown_protocol);
	tcase_add_test(bad, test_err_bad_boolean);
	tcase_add_test(bad, test_err_bad_duration);
	tcase_add_test(bad, test_err_empty_value);
	tcase_add_test(bad, test_err_duplicate_key);
	tcase_add_test(bad, test_err_duplicate_section);
	tcase_add_test(bad, test_err_outside_section);
	tcase_add_test(bad, test_err_no_hosts);
	tcase_add_test(bad, test_err_missing_credentials);
	tcase_add_test(bad, test_err_bad_hosts);
	tcase_add_test(bad, test_err_bad_server);
	tcase_add_test(bad, test_err_bad_script);
	tcase_add_test(bad, test_err_static_without_address);
	tcase_add_test(bad, test_err_both_disabled);
	tcase_add_test(bad, test_err_bad_use);
	tcase_add_test(bad, test_err_bad_ipv4);
	tcase_add_test(bad, test_err_unknown_endpoint);
	tcase_add_test(bad, test_err_endpoint_wrong_family);
	tcase_add_test(bad, test_err_password_inline_comment);
	tcase_add_test(bad, test_err_password_inline_comment_colon);
	tcase_add_test(bad, test_err_profile_name);
	tcase_add_test(bad, test_long_lines);
	tcase_add_test(bad, test_err_syntax);
	tcase_add_test(bad, test_inih_build);
	tcase_add_test(bad, test_err_cache_outside_global);
	tcase_add_test(bad, test_err_attempts);
	tcase_add_test(bad, test_err_timeout);
	tcase_add_test(bad, test_err_no_profile);
	tcase_add_test(bad, test_err_all_reported);
	tcase_add_test(bad, test_err_global_once);
	tcase_add_test(bad, test_err_source_interface);
	suite_add_tcase(s, bad);

	tcase_add_test(print, test_print_masks_password);
	suite_add_tcase(s, print);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(config_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
