/*
 * ddclient.conf import. Golden cases in tests/ddclient (or $DDCLIENT_CASES):
 * NAME.conf is translated and must give NAME.ini exactly, warn exactly
 * NAME.warn, and load with config_load_string(). A case sets environment
 * variables with "# setenv VAR=value" lines. The cache reader and the
 * comparison with ddclient's own requests are in check_ddmigrate.c.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
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

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
find_cases(void)
{
	DIR *dir = opendir(cases_dir());
	struct dirent *e;

	if (dir == NULL) {
		/* no golden cases would be a suite that proves nothing */
		fprintf(stderr, "%s: %s\n", cases_dir(), strerror(errno));
		exit(1);
	}
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
		qsort(cases.v, cases.n, sizeof(*cases.v), cmp_str);
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
		"unsupported_keys", "real_world", "porkbun_zones",
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

/* A long value is one line: config.c reads values of any length. */
/* Porkbun's keys are secrets: no warning about them shows their values. */
START_TEST(porkbun_keys_stay_out_of_warnings)
{
	static const char *const secrets[] = { "PKEY;1", "SKEY;2", "SKEYENV" };
	char *err, *out;

	setenv("NU_TEST_PB", " SKEYENV", 1);
	out = translate("t.conf", "protocol=porkbun, apikey='PKEY;1 ', "
	    "secretapikey=' SKEY;2', ttl=x nope\n"
	    "protocol=porkbun, apikey_env=NU_TEST_PB, secretapikey_env=NU_TEST_NONE "
	    "a.example.com\n", &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(strstr(err, "t.conf:1: secretapikey: leading or trailing "
	    "blanks would be lost; put the password in a file"));
	ck_assert_ptr_nonnull(strstr(err, "t.conf:1: apikey: leading or trailing"));
	ck_assert_ptr_nonnull(strstr(err, "t.conf:1: nope: ddclient's porkbun splits"));
	for (size_t i = 0; i < sizeof(secrets) / sizeof(*secrets); i++)
		ck_assert_msg(strstr(err, secrets[i]) == NULL, "%s in:\n%s", secrets[i], err);
	unsetenv("NU_TEST_PB");
	free(out);
	free(err);
}
END_TEST

START_TEST(long_password_stays_on_one_line)
{
	char pw[200], *conf, *err, *out, *line;

	memset(pw, 'x', sizeof(pw) - 1);
	pw[sizeof(pw) - 1] = '\0';
	conf = xasprintf("login=u, password=%s\nlong.example.com\n", pw);
	out = translate("t.conf", conf, &err);
	line = xasprintf("\npassword = %s\n", pw);
	ck_assert_ptr_nonnull(strstr(out, line));
	ck_assert_str_eq(err, "");
	assert_loads("t.ini", out);
	free(line);
	free(out);
	free(err);
	free(conf);
}
END_TEST

/* 20,000 hosts with the same settings: one profile, one hosts line. */
START_TEST(many_hosts_make_one_profile)
{
	enum { N = 20000 };
	struct buf conf = { 0 };
	struct config c;
	char *err, *out;

	buf_adds(&conf, "protocol=dyndns2, login=u, password=p\n");
	for (int i = 0; i < N; i++)
		buf_printf(&conf, "host%05d.example.com\n", i);
	out = translate("t.conf", conf.s, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_null(strstr(out, "[dyndns2-2]"));
	ck_assert_int_eq(config_load_string(&c, "t.ini", out), 0);
	ck_assert_uint_eq(c.nprof, 1);
	ck_assert_uint_eq(c.prof[0].hosts.n, N);
	ck_assert_str_eq(c.prof[0].hosts.v[0], "host00000.example.com");
	ck_assert_str_eq(c.prof[0].hosts.v[N - 1], "host19999.example.com");
	config_free(&c);
	free(out);
	free(err);
	buf_free(&conf);
}
END_TEST

/* A text too long for one comment line goes on several, nothing cut off. */
/* An unsupported profile's long hosts line stays one comment line, and loads. */
START_TEST(long_comments_stay_whole)
{
	struct buf conf = { 0 };
	char *err, *out;

	buf_adds(&conf, "protocol=nosuchproto, login=u, password=p\n");
	for (int i = 0; i < 40; i++)
		buf_printf(&conf, "host%02d.long-domain-name.example.com\n", i);
	buf_adds(&conf, "protocol=dyndns2 ok.example.com\n");
	out = translate("t.conf", conf.s, &err);
	ck_assert_ptr_nonnull(strstr(out, "# hosts = host00."));
	ck_assert_ptr_nonnull(strstr(out, "host38.long-domain-name.example.com, "
	    "host39.long-domain-name.example.com\n"));
	assert_loads("t.ini", out);
	free(out);
	free(err);
	buf_free(&conf);
}
END_TEST

/* A value with a control byte would end its INI line early and start others. */
START_TEST(control_bytes_are_refused)
{
	static const char *confs[] = {
		"login_env=NU_TEST_EVIL, password=p\nevil.example.com\n",
		"login=u, password=p\nserver_env=NU_TEST_EVIL evil.example.com\n",
		"login=u, password=p, server=a\\\x01b evil.example.com\n",
		"login=u, password=p, server=a\x1b[2Jb evil.example.com\n",
		"login=u\npassword=p\x7f evil.example.com\n",
		"login=u, password=p evil\x01.example.com\n",
	};
	static const char *where[] = {
		"t.conf:1: login_env: $NU_TEST_EVIL holds a control character",
		"t.conf:2: server_env: $NU_TEST_EVIL holds a control character",
		"t.conf:1: server: the value holds a control character",
		"t.conf:1: server: the value holds a control character",
		"t.conf:2: password: the value holds a control character",
		"t.conf:1: host: the value holds a control character",
	};

	setenv("NU_TEST_EVIL", "x\npostscript = /bin/evil", 1);
	for (size_t i = 0; i < sizeof(confs) / sizeof(confs[0]); i++) {
		char *err, *out = translate("t.conf", confs[i], &err);

		ck_assert_msg(out == NULL, "case %zu translated:\n%s", i, out);
		ck_assert_msg(strstr(err, where[i]) != NULL, "case %zu: %s", i, err);
		ck_assert_ptr_null(strstr(err, "/bin/evil"));
		free(err);
	}
	unsetenv("NU_TEST_EVIL");
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

START_TEST(default_interface_is_translated)
{
	char *err, *out = translate("t.conf", "login=u, password=p\n"
	    "usev4=ifv4 if.example.com\n", &err);

	/* ddclient's ifv4 default, the default route's interface */
	ck_assert_ptr_nonnull(strstr(out, "usev4 = ifv4\nifv4 = default\n"));
	ck_assert_str_eq(err, "");
	assert_loads("t.ini", out);
	free(out);
	free(err);
	/* the deprecated usev6=if reads ifv6= too (ddclient 4), not if= */
	out = translate("t.conf", "login=u, password=p\nusev6=if, if=eth0 "
	    "if.example.com\n", &err);
	ck_assert_ptr_nonnull(strstr(out, "usev6 = ifv6\nifv6 = default\n"));
	ck_assert_str_eq(err, "");
	assert_loads("t.ini", out);
	free(out);
	free(err);
}
END_TEST

/* exec=no: ddclient sends nothing, so neither may the translation. */
START_TEST(exec_no_is_refused)
{
	static const char *no[] = { "exec=no", "exec=False", "exec=0",
	    "exec_env=NU_TEST_EXEC" };
	char *err, *out;

	setenv("NU_TEST_EXEC", "n", 1);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		char *conf = xasprintf("login=u, password=p\n%s\nx.example.com\n", no[i]);
		const char *v = strchr(no[i], '_') ? "n" : strchr(no[i], '=') + 1;
		char *want = xasprintf("t.conf:2: exec: %s: ddclient would not update; "
		    "run nicupdate -n, or remove exec=%s\n", v, v);

		out = translate("t.conf", conf, &err);
		ck_assert_msg(out == NULL, "%s translated:\n%s", no[i], out);
		ck_assert_msg(strstr(err, want) != NULL, "%s: %s", no[i], err);
		free(want);
		free(conf);
		free(err);
	}
	unsetenv("NU_TEST_EXEC");
	out = translate("t.conf", "exec=yes\nlogin=u, password=p x.example.com\n", &err);
	ck_assert_ptr_nonnull(strstr(out, "hosts = x.example.com"));
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
	ck_assert_int_eq(ddclient_looks_like(""), 0);
	ck_assert_int_eq(ddclient_looks_like("# [not a section]\nlogin=x\nh.example\n"), 1);
	ck_assert_int_eq(ddclient_looks_like("web-skip='[ip]' h.example\n"), 1);
	ck_assert_int_eq(ddclient_looks_like("[home]\nhosts = a\n"), 0);
	ck_assert_int_eq(ddclient_looks_like("; INI\n\n  [global]\n"), 0);
	ck_assert_int_eq(ddclient_looks_like("login=x\n\t[dyndns2] \n"), 0);
	ck_assert_int_eq(ddclient_looks_like("[unclosed\nlogin=x\n"), 0);
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
	tcase_add_test(tc, porkbun_keys_stay_out_of_warnings);
	tcase_add_test(tc, long_password_stays_on_one_line);
	tcase_add_test(tc, many_hosts_make_one_profile);
	tcase_add_test(tc, long_comments_stay_whole);
	tcase_add_test(tc, control_bytes_are_refused);
	tcase_add_test(tc, shell_commands_round_trip);
	tcase_add_test(tc, default_interface_is_translated);
	tcase_add_test(tc, exec_no_is_refused);
	tcase_add_test(tc, no_host_is_an_error);
	tcase_add_test(tc, looks_like);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	strlist_free(&cases);
	return failed == 0 ? 0 : 1;
}
