/*
 * ddclient.conf import. Golden cases in tests/ddclient (or $DDCLIENT_CASES):
 * NAME.conf is translated and must give NAME.ini exactly, warn exactly
 * NAME.warn, and load with config_load_string(). A case sets environment
 * variables with "# setenv VAR=value" lines. Then the cache parser. The
 * comparison with ddclient itself is tests/check_ddcompare.c.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "config.h"
#include "ddclient.h"
#include "harness.h"
#include "log.h"
#include "capture.h"
#include "util.h"

/* The golden cases, found once by main(). */
static struct strlist cases;

static const char *
cases_dir(void)
{
	const char *d = getenv("DDCLIENT_CASES");

	return d != NULL && *d != '\0' ? d : "tests/ddclient";
}

static void
find_cases(void)
{
	DIR *dir = opendir(cases_dir());
	struct dirent *e;

	if (dir == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 5 && strcmp(e->d_name + n - 5, ".conf") == 0) {
			char *name = xstrndup(e->d_name, n - 5);

			strlist_add(&cases, name);
			free(name);
		}
	}
	closedir(dir);
	if (cases.n > 0)
		qsort(cases.v, cases.n, sizeof(*cases.v), tcmp_str);
}

static char *
case_file(const char *name, const char *ext)
{
	char *path = xasprintf("%s/%s.%s", cases_dir(), name, ext);
	char *s = slurp(path);

	ck_assert_msg(s != NULL, "cannot read %s", path);
	free(path);
	return s;
}

/* ---- a line diff, printed on a mismatch ---- */

static size_t
split_lines(char *s, char ***out)
{
	size_t n = 0;

	*out = NULL;
	for (char *l = s; *l != '\0';) {
		char *e = strchr(l, '\n');

		*out = xrealloc(*out, (n + 1) * sizeof(**out));
		(*out)[n++] = l;
		if (e == NULL)
			break;
		*e = '\0';
		l = e + 1;
	}
	return n;
}

static void
print_diff(const char *what, const char *want, const char *got)
{
	char *a = xstrdup(want), *b = xstrdup(got), **x, **y;
	size_t n = split_lines(a, &x), m = split_lines(b, &y), i = 0, j = 0;
	size_t *lcs = xcalloc((n + 1) * (m + 1), sizeof(*lcs));

#define L(i, j) lcs[(i) * (m + 1) + (j)]
	for (size_t p = n; p-- > 0;)
		for (size_t q = m; q-- > 0;)
			L(p, q) = strcmp(x[p], y[q]) == 0 ? L(p + 1, q + 1) + 1 :
			    L(p + 1, q) > L(p, q + 1) ? L(p + 1, q) : L(p, q + 1);
	printf("--- %s (expected)\n+++ %s (got)\n", what, what);
	while (i < n || j < m) {
		if (i < n && j < m && strcmp(x[i], y[j]) == 0)
			printf(" %s\n", x[i++]), j++;
		else if (j < m && (i == n || L(i, j + 1) >= L(i + 1, j)))
			printf("+%s\n", y[j++]);
		else
			printf("-%s\n", x[i++]);
	}
#undef L
	fflush(stdout);
	free(lcs);
	free(x);
	free(y);
	free(a);
	free(b);
}

/* "# setenv VAR=value" lines of a case. */
static void
case_env(const char *conf)
{
	for (const char *l = conf; (l = strstr(l, "# setenv ")) != NULL; l++) {
		char *kv = xstrndup(l + 9, strcspn(l + 9, "\n")), *eq = strchr(kv, '=');

		ck_assert_ptr_nonnull(eq);
		*eq = '\0';
		setenv(kv, eq + 1, 1);
		free(kv);
	}
}

/* Translate text; its warnings into *err (caller frees both). */
static char *
translate(const char *name, const char *text, char **err)
{
	struct capture k;
	char *out;

	log_secret_clear();
	capture_start(&k, STDERR_FILENO);
	out = ddclient_translate(name, text);
	*err = capture_end(&k);
	return out;
}

/* The output must be a valid nicupdate config. */
static void
assert_loads(const char *name, const char *ini)
{
	struct config c;
	struct capture k;
	char *err;
	int rc;

	log_secret_clear();
	capture_start(&k, STDERR_FILENO);
	rc = config_load_string(&c, name, ini);
	err = capture_end(&k);
	ck_assert_msg(rc == 0, "%s does not load:\n%s\n%s", name, err, ini);
	config_free(&c);
	free(err);
}

START_TEST(golden)
{
	const char *name = cases.v[_i];
	char *conf = case_file(name, "conf"), *want = case_file(name, "ini");
	char *warn = case_file(name, "warn"), *file = xasprintf("%s.conf", name);
	char *ini = xasprintf("%s.ini", name), *err, *got;

	case_env(conf);
	got = translate(file, conf, &err);
	ck_assert_msg(got != NULL, "%s: translation failed:\n%s", name, err);
	if (strcmp(got, want) != 0)
		print_diff(ini, want, got);
	ck_assert_msg(strcmp(got, want) == 0, "%s: output differs (diff above)", name);
	if (strcmp(err, warn) != 0)
		print_diff(name, warn, err);
	ck_assert_msg(strcmp(err, warn) == 0, "%s: warnings differ (diff above)", name);
	assert_loads(ini, got);
	free(got);
	free(err);
	free(ini);
	free(file);
	free(warn);
	free(want);
	free(conf);
}
END_TEST

START_TEST(every_required_case_exists)
{
	static const char *required[] = {
		"continuation", "quoting", "password_hash_comma", "globals_after_hosts",
		"multiple_protocols", "env_values", "positional_login_password",
		"use_web_skip", "intervals_units", "infomaniak", "noip_ipv6",
		"unsupported_keys", "real_world",
	};

	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		ck_assert_msg(strlist_has(&cases, required[i]), "no case %s/%s.conf "
		    "(set DDCLIENT_CASES to the cases' directory)", cases_dir(),
		    required[i]);
}
END_TEST

START_TEST(unsafe_passwords_become_comments)
{
	char *err, *out = translate("t.conf", "login=u1\npassword='semi ;colon'\n"
	    "semi.example.com\nlogin=u2, password=' padded '\npadded.example.com\n",
	    &err);

	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_null(strstr(out, "\npassword ="));
	ck_assert_ptr_nonnull(strstr(out, "# password = semi ;colon: not translated"));
	ck_assert_ptr_nonnull(strstr(err, "t.conf:2: password: \" ;\" would start a "
	    "comment; put the password in a file and use password-file"));
	ck_assert_ptr_nonnull(strstr(err, "t.conf:4: password: leading or trailing "
	    "blanks would be lost"));
	free(out);
	free(err);
}
END_TEST

START_TEST(long_password_becomes_a_comment)
{
	char pw[200], *conf, *err, *out;

	memset(pw, 'x', sizeof(pw) - 1);
	pw[sizeof(pw) - 1] = '\0';
	conf = xasprintf("login=u, password=%s\nlong.example.com\n", pw);
	out = translate("t.conf", conf, &err);
	ck_assert_ptr_null(strstr(out, "\npassword ="));
	ck_assert_ptr_nonnull(strstr(err, "t.conf:1: password: the line would be too "
	    "long"));
	/* every line, comments too, fits config.c's reader */
	for (char *l = out; *l != '\0'; l += strcspn(l, "\n") + 1)
		ck_assert_int_le(strcspn(l, "\n"), 190);
	free(out);
	free(err);
	free(conf);
}
END_TEST

/* A shell command comes out as "sh -c '...'" that command_split() reads back. */
START_TEST(shell_commands_round_trip)
{
	static const char *cmds[] = {
		"curl -s https://ip.example.net | tr -d \"[:space:]\"",
		"ip -6 addr show dev eth0 | awk '/global/ {print $2}'",
		"echo 'it'\"'\"'s' > /dev/null; echo $HOME",
	};

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		struct strlist argv = { 0 };
		struct buf conf = { 0 };
		char *err, *out, *line;

		/* written for ddclient: a backslash before blanks, commas and quotes */
		buf_adds(&conf, "login=u, password=p, use=cmd, cmd=");
		for (const char *c = cmds[i]; *c != '\0'; c++) {
			if (strchr(" ,'\"\\", *c) != NULL)
				buf_add(&conf, "\\", 1);
			buf_add(&conf, c, 1);
		}
		buf_adds(&conf, " c.example.com\n");
		out = translate("t.conf", conf.s, &err);
		ck_assert_ptr_nonnull(line = strstr(out, "cmdv4 = "));
		line = xstrndup(line + 8, strcspn(line + 8, "\n"));
		command_split(line, &argv);
		ck_assert_uint_eq(argv.n, 3);
		ck_assert_str_eq(argv.v[0], "sh");
		ck_assert_str_eq(argv.v[1], "-c");
		ck_assert_str_eq(argv.v[2], cmds[i]);
		strlist_free(&argv);
		free(line);
		free(out);
		free(err);
		buf_free(&conf);
	}
}
END_TEST

START_TEST(default_interface_is_reported)
{
	char *err, *out = translate("t.conf", "login=u, password=p\n"
	    "usev4=ifv4 if.example.com\n", &err);

	ck_assert_ptr_nonnull(strstr(out, "usev4 = ifv4\n"));
	ck_assert_ptr_nonnull(strstr(out, "# ddclient ifv4=default: "));
	ck_assert_ptr_nonnull(strstr(err, "t.conf:2: ifv4: not translated: ddclient's "
	    "default-route interface"));
	free(out);
	free(err);
}
END_TEST

START_TEST(no_host_is_an_error)
{
	char *err, *out = translate("t.conf", "# only settings\nlogin=u, password=p\n",
	    &err);

	ck_assert_ptr_null(out);
	ck_assert_ptr_nonnull(strstr(err, "t.conf: no host to update"));
	free(err);
	/* regressions found by fuzzing (undefined behaviour on empty lists) */
	ck_assert_ptr_null(translate("t.conf", "", &err));
	free(err);
	out = translate("t.conf", "## ddclient-4.0.1\natime=1,host=a.example.com,"
	    "ipv4=81.2.69.160 a.example.com\n", &err);
	ck_assert_ptr_nonnull(strstr(out, "hosts = a.example.com"));
	free(out);
	free(err);
}
END_TEST

START_TEST(looks_like)
{
	ck_assert_int_eq(ddclient_looks_like("protocol=dyndns2\nhost.example.com\n"), 1);
	ck_assert_int_eq(ddclient_looks_like(""), 1);
	ck_assert_int_eq(ddclient_looks_like("# [not a section]\nlogin=x\n"), 1);
	ck_assert_int_eq(ddclient_looks_like("web-skip='[ip]'\n"), 1);
	ck_assert_int_eq(ddclient_looks_like("[home]\nhosts = a\n"), 0);
	ck_assert_int_eq(ddclient_looks_like("; INI\n\n  [global]\n"), 0);
	ck_assert_int_eq(ddclient_looks_like("login=x\n\t[dyndns2] \n"), 0);
	ck_assert_int_eq(ddclient_looks_like("[unclosed\nlogin=x\n"), 1);
}
END_TEST

START_TEST(cache_4x)
{
	const char *text = "## ddclient-4.0.1-rc.2\n"
	    "## last updated at Sat Nov 28 02:16:00 2026 (1795832160)\n"
	    "atime=1795832160,backupmx=1,host=dual.example.com,ipv4=198.51.100.1,"
	    "ipv6=2001:db8::1,mtime=1795832150,mx=mx.example.com,status-ipv4=good,"
	    "status-ipv6=good,wildcard=1 dual.example.com\n"
	    "atime=1795832160,host=bad.example.com,status-ipv4=badauth bad.example.com\n";
	struct ddc_cache *c;
	size_t n;

	ck_assert_int_eq(ddclient_cache_parse(text, &c, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(c[0].host, "dual.example.com");
	ck_assert_str_eq(c[0].ipv4, "198.51.100.1");
	ck_assert_str_eq(c[0].ipv6, "2001:db8::1");
	ck_assert_str_eq(c[0].status4, "good");
	ck_assert_str_eq(c[0].status6, "good");
	ck_assert_int_eq(c[0].atime, 1795832160);
	ck_assert_int_eq(c[0].mtime, 1795832150);
	ck_assert_str_eq(c[1].host, "bad.example.com");
	ck_assert_str_eq(c[1].ipv4, "");
	ck_assert_str_eq(c[1].status4, "badauth");
	ck_assert_str_eq(c[1].status6, "");
	ck_assert_int_eq(c[1].mtime, 0);
	ddclient_cache_free(c, n);
}
END_TEST

START_TEST(cache_3x)
{
	/* as Debian's ddclient 3.10 wrote it: ip= and status= hold the result */
	const char *text = "## ddclient-3.10.0\n"
	    "## last updated at Sat Nov 28 02:59:19 2026 (1795834759)\n"
	    "atime=1795834759,backupmx=0,custom=0,host=a.example.com,ip=81.2.69.160,"
	    "mtime=1795834759,mx=,script=/nic/update,static=0,status=good,"
	    "status-ipv4=noconnect,status-ipv6=noconnect,warned-min-error-interval=0,"
	    "warned-min-interval=0,wildcard=1,wtime=0 a.example.com\n"
	    "atime=1795834000,host=six.example.com,ip=2001:DB8::2,mtime=1795833000,"
	    "status=nochg six.example.com\n";
	struct ddc_cache *c;
	size_t n;

	ck_assert_int_eq(ddclient_cache_parse(text, &c, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(c[0].host, "a.example.com");
	ck_assert_str_eq(c[0].ipv4, "81.2.69.160");
	ck_assert_str_eq(c[0].status4, "good");
	ck_assert_str_eq(c[0].status6, "noconnect");
	ck_assert_int_eq(c[0].atime, 1795834759);
	ck_assert_str_eq(c[1].ipv6, "2001:db8::2");
	ck_assert_str_eq(c[1].ipv4, "");
	ck_assert_str_eq(c[1].status6, "nochg");
	ck_assert_int_eq(c[1].mtime, 1795833000);
	ddclient_cache_free(c, n);
}
END_TEST

START_TEST(cache_garbage_lines_are_skipped)
{
	const char *text = "## ddclient-4.0.0\r\n"
	    "\n"
	    "garbage\n"
	    "two words here\n"
	    "noequals ok.example.com\n"
	    "ipv4=192.0.2.1, spaced.example.com\n"
	    "ipv4=not-an-ip,status-ipv4=good bad-ip.example.com\r\n"
	    "=x bad-key.example.com\n"
	    "ipv4=192.0.2.9,mtime=12 last.example.com";
	struct ddc_cache *c;
	size_t n;

	ck_assert_int_eq(ddclient_cache_parse(text, &c, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(c[0].host, "bad-ip.example.com");
	ck_assert_str_eq(c[0].ipv4, "");
	ck_assert_str_eq(c[0].status4, "good");
	ck_assert_str_eq(c[1].host, "last.example.com");
	ck_assert_str_eq(c[1].ipv4, "192.0.2.9");
	ck_assert_int_eq(c[1].mtime, 12);
	ddclient_cache_free(c, n);
	ck_assert_int_eq(ddclient_cache_parse("not a cache\n", &c, &n), -1);
	ck_assert_int_eq(ddclient_cache_parse("## ddclient-4.0.0\n", &c, &n), 0);
	ck_assert_uint_eq(n, 0);
	ddclient_cache_free(c, n);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ddclient");
	TCase *tc = tcase_create("import");
	SRunner *sr;
	int failed;

	find_cases();
	tcase_add_test(tc, every_required_case_exists);
	if (cases.n > 0)
		tcase_add_loop_test(tc, golden, 0, (int)cases.n);
	tcase_add_test(tc, unsafe_passwords_become_comments);
	tcase_add_test(tc, long_password_becomes_a_comment);
	tcase_add_test(tc, shell_commands_round_trip);
	tcase_add_test(tc, default_interface_is_reported);
	tcase_add_test(tc, no_host_is_an_error);
	tcase_add_test(tc, looks_like);
	tcase_add_test(tc, cache_4x);
	tcase_add_test(tc, cache_3x);
	tcase_add_test(tc, cache_garbage_lines_are_skipped);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	strlist_free(&cases);
	return failed == 0 ? 0 : 1;
}
