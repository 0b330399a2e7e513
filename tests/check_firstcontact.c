/*
 * First contact: what a new user's config gets from the real binary. Each
 * mistake is one "file:line: what is wrong, how to fix it" and exit 78
 * before any network I/O (nicupdate.conf(5), Syntax; nicupdate(1), EXIT
 * STATUS), and a ddclient.conf is read only when it is recognised as one.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "ddclient.h"
#include "harness.h"
#include "util.h"

#define PW "fc-s3cret"

static struct fake fk;

/*
 * A dyndns2 profile for the fake provider: lines 1-6, then head (by default
 * the password and webv4, lines 7-8), then after.
 */
static char *
profile(const char *before, const char *head, const char *after)
{
	char *def = xasprintf("password = " PW "\nwebv4 = %s/ip\n", fk.base);
	char *text = xasprintf("%s[global]\ncache = %s/state/nicupdate.cache\n"
	    "attempts = 1\n[home]\nserver = %s\nlogin = alice\n%s%s", before, tdir(),
	    fk.base, head ? head : def, after);

	free(def);
	return text;
}

/* Lines of text that hold needle. */
static int
count_lines(const char *text, const char *needle)
{
	int n = 0;

	for (const char *l = text; l != NULL && *l != '\0';) {
		const char *nl = strchr(l, '\n');
		char *line = xstrndup(l, nl ? (size_t)(nl - l) : strlen(l));

		n += strstr(line, needle) != NULL;
		free(line);
		l = nl ? nl + 1 : NULL;
	}
	return n;
}

/*
 * Run --check-config, then a real run, on the config at path: both exit 78
 * with exactly one error, at "path:line:" and holding needle, and the
 * provider sees nothing.
 */
static void
expect_refused_runs(const char *path, int line, const char *needle, int runs)
{
	char where[700];
	struct outcome o;

	snprintf(where, sizeof(where), "%s:%d: ", path, line);
	for (int run = 0; run < runs; run++) {
		if (run == 0)
			nic_run(&o, "-c", path, "--check-config", NULL);
		else
			nic_run(&o, "-c", path, NULL);
		ck_assert_msg(o.rc == 78, "rc %d, stderr:\n%s", o.rc, o.err);
		ck_assert_msg(count_lines(o.err, where) == 1 &&
		    count_lines(o.err, needle) >= 1, "expected one error at %s with "
		    "\"%s\", stderr:\n%s", where, needle, o.err);
		ck_assert_msg(count_lines(o.err, "nicupdate: ") -
		    count_lines(o.err, "warning: ") == 1, "a second error, stderr:\n%s",
		    o.err);
		outcome_free(&o);
	}
	ck_assert_int_eq(fake_count(&fk, "\t"), 0);
}

static void
expect_refused(const char *path, int line, const char *needle)
{
	expect_refused_runs(path, line, needle, 2);
}

static void
setup(void)
{
	tsecret(PW);
	fake_start(&fk, "{\"users\": {\"alice\": \"" PW "\"},"
	    " \"hosts\": [\"nas.example.com\", \"protocol\", \"login\"],"
	    " \"routes\": {\"/ip\": {\"body\": \"81.2.69.160\\n\"}}}", NULL, 0);
}

static void
teardown(void)
{
	fake_stop(&fk);
}

/* With blanks around '=' or without, a sectionless INI file is not ddclient's. */
START_TEST(sectionless_config_is_not_read_as_ddclient)
{
	static const char *eq[] = { " = ", "=" };

	for (int i = 0; i < 2; i++) {
		char *text = xasprintf("protocol%sdyndns2\nserver%s%s\nlogin%salice\n"
		    "password%s" PW "\nhosts%snas.example.com\n", eq[i], eq[i], fk.base,
		    eq[i], eq[i], eq[i]);

		expect_refused(tfile("nosection.conf", text), 1, "put it under [global]");
		free(text);
	}
}
END_TEST

START_TEST(empty_file)
{
	expect_refused(tfile("empty.conf", ""), 1, "the file is empty");
}
END_TEST

START_TEST(comment_only_file)
{
	expect_refused(tfile("comments.conf", "# my config\n; later\n\n"), 3,
	    "only comments");
}
END_TEST

START_TEST(byte_order_mark)
{
	char *text = profile("\xef\xbb\xbf", NULL, "hosts = nas.example.com\n");

	expect_refused(tfile("bom.conf", text), 1, "byte order mark");
	free(text);
}
END_TEST

START_TEST(unterminated_section)
{
	expect_refused(tfile("open.conf", "[home\nhosts = nas.example.com\n"), 1,
	    "has no closing ]");
}
END_TEST

START_TEST(directory)
{
	struct outcome o;

	nic_run(&o, "-c", tdir(), "--check-config", NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_int_eq(count_lines(o.err, "is a directory"), 1);
	ck_assert_int_eq(count_lines(o.err, "nicupdate"), 1);
	outcome_free(&o);
}
END_TEST

/* Mistakes in a profile: each one error, where it is, that says the fix. */
static const struct mistake {
	const char *head, *after;	/* profile(): lines 7-8, from line 9 */
	int line;
	const char *needle;
} mistakes[] = {
	/* a misspelt key: a suggestion, and no "needs login and password" */
	{ "pasword = " PW "\n", "hosts = nas.example.com\n", 7,
	    "pasword: unknown key; did you mean password?" },
	{ NULL, "hosts = nas.example.com\nhots = x\n", 10, "did you mean host" },
	{ NULL, "protocol = infomanaik\nhosts = nas.example.com\n", 9,
	    "did you mean infomaniak?" },
	{ NULL, "hosts = nas.example.com\nusev4 = web\n", 10,
	    "usev4: unknown \"web\" (use webv4, ifv4, cmdv4, ipv4 or disabled)" },
	{ NULL, "hosts = nas.example.com\nssl = yess\n", 10, "use yes, no" },
	{ "password = " PW "\nwebv4 = ipify-ipv6\n", "hosts = nas.example.com\n", 8,
	    "ipify-ipv6 is an IPv6 endpoint; use it in webv6" },
	{ NULL, "hosts = nas.example.com # my nas\n", 9,
	    "a # comment takes a whole line; after a value write \" ;\"" },
	/* a '#' would cut what is sent: the hostname after it never reached it */
	{ NULL, "hosts = nas.example.com\nscript = /nic/update#x?\n", 10,
	    "script: a '#' ends what is sent" },
	{ NULL, "hosts = nas.example.com\nscript = /nic/up date\n", 10,
	    "percent-encode them (%23, %20)" },
	{ NULL, "protocol = custom\nurl = http://127.0.0.1:9/u#?h=[DOMAIN]\n"
	    "hosts = nas.example.com\n", 9, "url: a '#' ends what is sent" },
	/* the operator's address passes the range checks of a detected one */
	{ NULL, "hosts = nas.example.com\nusev4 = ipv4\nipv4 = 192.168.1.10\n", 11,
	    "ipv4: 192.168.1.10 is a private address (allow-private = yes accepts it)" },
	{ NULL, "hosts = nas.example.com\nusev4 = ipv4\nipv4 = 0.0.0.0\n"
	    "allow-private = yes\n", 11, "ipv4: 0.0.0.0 is a" },
	{ NULL, "hosts = nas.example.com\nusev4 = ipv4\nipv4 = 255.255.255.255\n", 11,
	    "255.255.255.255 is a" },
	{ NULL, "hosts = nas.example.com\nusev6 = ipv6\nipv6 = ff02::1\n"
	    "allow-private = yes\n", 11, "ipv6: ff02::1 is a" },
	/* what is missing now would be missing on every run: not "try later" */
	{ NULL, "hosts = nas.example.com\nssl_ca_file = /nonexistent/ca.pem\n", 10,
	    "ssl_ca_file: /nonexistent/ca.pem: No such file or directory" },
	{ NULL, "hosts = nas.example.com\nssl_ca_dir = /nonexistent/certs\n", 10,
	    "ssl_ca_dir: /nonexistent/certs: No such file" },
	{ NULL, "hosts = nas.example.com\nssl_ca_dir = /dev/null\n", 10,
	    "ssl_ca_dir: /dev/null: not a directory" },
	{ NULL, "hosts = nas.example.com\nusev4 = cmdv4\ncmdv4 = /nonexistent/myip -4\n",
	    11, "cmdv4: /nonexistent/myip: no such executable file" },
	{ NULL, "hosts = nas.example.com\nusev4 = cmdv4\ncmdv4 = nicupdate-no-such-cmd\n",
	    11, "cmdv4: nicupdate-no-such-cmd: not found in PATH" },
	{ NULL, "hosts = nas.example.com\nusev4 = cmdv4\ncmdv4 = /etc/passwd\n",
	    11, "cmdv4: /etc/passwd: no such executable file" },
	{ NULL, "hosts = nas.example.com\npostscript = 'no such script' arg\n", 10,
	    "postscript: no such script: not found in PATH" },
	/* credentials with control bytes, never echoed */
	{ "password = fc-tab\tsecret\n", "hosts = nas.example.com\n", 7,
	    "password: the value holds a control character (byte 0x09)" },
	{ "password-env = FC_TEST_PW\n", "hosts = nas.example.com\n", 7,
	    "password-env: the value holds a control character (byte 0x0a)" },
	{ "password = fc-cr\rsecret\n", "hosts = nas.example.com\n", 7,
	    "a control character (byte 0x0d) in this line" },
};

START_TEST(mistakes_are_taught)
{
	const struct mistake *m = &mistakes[_i];
	char *text = profile("", m->head, m->after);

	tsecret("fc-tab");
	tsecret("fc-env");
	tsecret("fc-cr");
	setenv("FC_TEST_PW", "fc-env\nsecret", 1);
	expect_refused(tfile("mistake.conf", text), m->line, m->needle);
	free(text);
}
END_TEST

/* A password file whose line holds a CR, and a config line holding a NUL. */
START_TEST(control_bytes_in_files)
{
	char *head, *text;
	const char *path = tfile("pw", "fc-file\rsecret\n");
	FILE *f;

	tsecret("fc-file");
	head = xasprintf("password-file = %s\n", path);
	text = profile("", head, "hosts = nas.example.com\n");
	expect_refused(tfile("pwfile.conf", text), 7, "password-file: the value holds "
	    "a control character (byte 0x0d)");
	free(text);
	free(head);

	text = profile("", NULL, "hosts = nas.example.com\n");
	path = tfile("nul.conf", text);
	f = fopen(path, "a");
	ck_assert_ptr_nonnull(f);
	fwrite("proxy = a\0b\n", 1, 12, f);
	fclose(f);
	expect_refused(path, 10, "a control character (byte 0x00) in this line");
	free(text);
}
END_TEST

/* One host three ways: sent once, as first written, no dot; a warning at the line. */
START_TEST(duplicate_hosts_are_sent_once)
{
	char *text = profile("", NULL, "hosts = NAS.example.com, nas.example.com.,"
	    " nas.example.com\n");
	const char *path = tfile("dup.conf", text);
	char where[700];
	struct outcome o;

	snprintf(where, sizeof(where), "%s:9: [home]: hosts: nas.example.com is "
	    "listed twice", path);
	nic_run(&o, "-c", path, NULL);
	ck_assert_msg(o.rc == 0, "rc %d, stderr:\n%s", o.rc, o.err);
	ck_assert_msg(count_lines(o.err, where) == 2, "stderr:\n%s", o.err);
	ck_assert_int_eq(fake_count(&fk, "/nic/update?hostname=NAS.example.com&myip="
	    "81.2.69.160\t"), 1);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
	free(text);
}
END_TEST

/* A password copied from ddclient with its quotes: a warning, never the value. */
/* allow-private after the address still lets a private one through. */
START_TEST(private_address_allowed_after)
{
	char *text = profile("", NULL, "hosts = nas.example.com\nusev4 = ipv4\n"
	    "ipv4 = 192.168.1.10\nallow-private = yes\n");
	struct outcome o;

	nic_run(&o, "-c", tfile("private.conf", text), "--check-config", NULL);
	ck_assert_msg(o.rc == 0, "rc %d, stderr:\n%s", o.rc, o.err);
	outcome_free(&o);
	free(text);
}
END_TEST

START_TEST(quoted_password_warned)
{
	static const char *pw[] = { "'fc-quoted'", "\"fc-quoted\"" };

	tsecret("fc-quoted");
	for (int i = 0; i < 2; i++) {
		char *head = xasprintf("password = %s\n", pw[i]);
		char *text = profile("", head, "hosts = nas.example.com\n");
		const char *path = tfile("quoted.conf", text);
		char where[700];
		struct outcome o;
		struct config c;

		snprintf(where, sizeof(where), "%s:7: [home]: password: starts and ends "
		    "with %c", path, pw[i][0]);
		nic_run(&o, "-c", path, "--check-config", NULL);
		ck_assert_int_eq(o.rc, 0);
		ck_assert_msg(count_lines(o.err, where) == 1, "stderr:\n%s", o.err);
		outcome_free(&o);
		ck_assert_int_eq(config_load_string(&c, "q.conf", text), 0);
		ck_assert_int_eq(profile_password_quoted(&c.prof[0]), 1);
		config_free(&c);
		free(text);
		free(head);
	}
}
END_TEST

/*
 * A password over plain http to another machine needs insecure-http = yes;
 * loopback is exempt. Only --check-config: nothing may leave the machine.
 */
START_TEST(password_over_plain_http)
{
	static const struct {
		const char *lines;
		int line;
	} refused[] = {
		{ "protocol = infomaniak\nssl = no\n", 3 },
		{ "server = http://dyn.example.net\nssl = yes\n", 2 },
		{ "protocol = custom\nurl = http://dyn.example.net/u?h=[DOMAIN]\n", 3 },
		{ "protocol = duckdns\nserver = http://192.0.2.1:8080\n", 3 },
	};
	static const char *accepted[] = {
		"protocol = infomaniak\nssl = no\ninsecure-http = yes\n",
		"server = http://localhost:9\n",
		"server = http://[::1]:9\n",
		"server = http://127.0.0.2\n",
		"protocol = custom\nurl = http://127.0.0.1:9/u?h=[DOMAIN]&p=[PASSWORD]\n",
	};
	struct outcome o;

	tsecret("fc-pw-http");
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		char *text = xasprintf("[home]\n%slogin = u\npassword = fc-pw-http\n"
		    "hosts = a.example.com\n", refused[i].lines);

		expect_refused_runs(tfile("http.conf", text), refused[i].line,
		    "or accept it with insecure-http = yes", 1);
		free(text);
	}
	for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		char *text = xasprintf("[home]\n%slogin = u\npassword = fc-pw-http\n"
		    "hosts = a.example.com\n", accepted[i]);

		nic_run(&o, "-c", tfile("http.conf", text), "--check-config", NULL);
		ck_assert_msg(o.rc == 0, "%s: rc %d, stderr:\n%s", accepted[i], o.rc, o.err);
		outcome_free(&o);
		free(text);
	}
}
END_TEST

/* The directory holding the golden ddclient cases, and the examples. */
static const char *
dir_of(const char *var, const char *def)
{
	const char *d = getenv(var);

	return d != NULL && *d != '\0' ? d : def;
}

/* Call fn on every file of dir ending in ext; returns how many. */
static int
each_file(const char *dir, const char *ext, void (*fn)(const char *, char *))
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_msg(d != NULL, "%s: cannot open", dir);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *path, *text;

		if (len <= strlen(ext) || strcmp(e->d_name + len - strlen(ext), ext) != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		text = read_file(path);
		ck_assert_ptr_nonnull(text);
		fn(path, text);
		free(text);
		free(path);
		n++;
	}
	closedir(d);
	return n;
}

static void
is_ddclient(const char *path, char *text)
{
	ck_assert_msg(ddclient_looks_like(text), "%s: not recognised as ddclient", path);
}

/* Without its [section] lines an INI file must still not pass for ddclient. */
static void
is_not_ddclient(const char *path, char *text)
{
	char *o = text;

	for (char *l = text; *l != '\0';) {
		char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) + 1 : strlen(l);

		if (l[strspn(l, " \t")] != '[') {
			memmove(o, l, n);
			o += n;
		}
		l += n;
	}
	*o = '\0';
	ck_assert_msg(!ddclient_looks_like(text), "%s without its sections: read as "
	    "ddclient", path);
}

START_TEST(ddclient_recognised_by_its_own_syntax)
{
	const char *golden = dir_of("DDCLIENT_CASES", "tests/ddclient");

	ck_assert_int_gt(each_file(golden, ".conf", is_ddclient), 10);
	ck_assert_int_gt(each_file(golden, ".ini", is_not_ddclient), 10);
	ck_assert_int_gt(each_file(dir_of("EXAMPLES", "examples"), ".conf",
	    is_not_ddclient), 5);
	ck_assert_int_eq(ddclient_looks_like(""), 0);
	ck_assert_int_eq(ddclient_looks_like("# only\n# comments\n"), 0);
	ck_assert_int_eq(ddclient_looks_like("login=x\n"), 0);
	ck_assert_int_eq(ddclient_looks_like("login: x\nhosts: a.example.com\n"), 0);
	ck_assert_int_eq(ddclient_looks_like("protocol=dyndns2, login=x, password=y "
	    "a.example.com\n"), 1);
}
END_TEST

static Suite *
firstcontact_suite(void)
{
	Suite *s = suite_create("firstcontact");
	TCase *t = tcase_create("config");

	tcase_add_unchecked_fixture(t, fake_share, fake_unshare);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 60);
	tcase_add_test(t, sectionless_config_is_not_read_as_ddclient);
	tcase_add_test(t, empty_file);
	tcase_add_test(t, comment_only_file);
	tcase_add_test(t, byte_order_mark);
	tcase_add_test(t, unterminated_section);
	tcase_add_test(t, directory);
	tcase_add_loop_test(t, mistakes_are_taught, 0,
	    sizeof(mistakes) / sizeof(mistakes[0]));
	tcase_add_test(t, control_bytes_in_files);
	tcase_add_test(t, duplicate_hosts_are_sent_once);
	tcase_add_test(t, quoted_password_warned);
	tcase_add_test(t, private_address_allowed_after);
	tcase_add_test(t, password_over_plain_http);
	tcase_add_test(t, ddclient_recognised_by_its_own_syntax);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(firstcontact_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
