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

#include "ddclient.h"
#include "harness.h"
#include "util.h"

#define PW "fc-s3cret"

static struct fake fk;

/* A valid dyndns2 profile for the fake provider; tests put lines around it. */
static char *
profile(const char *before, const char *after)
{
	return xasprintf("%s[global]\ncache = %s/state/nicupdate.cache\nattempts = 1\n"
	    "[home]\nserver = %s\nlogin = alice\npassword = " PW "\n"
	    "webv4 = %s/ip\n%s", before, tdir(), fk.base, fk.base, after);
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
expect_refused(const char *path, int line, const char *needle)
{
	char where[700];
	struct outcome o;

	snprintf(where, sizeof(where), "%s:%d: ", path, line);
	for (int run = 0; run < 2; run++) {
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
	char *text = profile("\xef\xbb\xbf", "hosts = nas.example.com\n");

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

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 60);
	tcase_add_test(t, sectionless_config_is_not_read_as_ddclient);
	tcase_add_test(t, empty_file);
	tcase_add_test(t, comment_only_file);
	tcase_add_test(t, byte_order_mark);
	tcase_add_test(t, unterminated_section);
	tcase_add_test(t, directory);
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
