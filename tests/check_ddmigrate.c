/*
 * The rest of a migration from ddclient: its cache file read, and, when
 * Debian's ddclient is installed, one config run by ddclient and by nicupdate
 * (after ddclient_translate()) against the loopback fake provider, comparing
 * the update requests.
 */
#include <check.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ddclient.h"
#include "harness.h"
#include "util.h"

#ifndef DDCLIENT
#define DDCLIENT "/usr/bin/ddclient"
#endif

extern char **environ;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

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

/* ---- the same config, run by ddclient and by nicupdate ---- */

/*
 * The /nic/update requests one client (by User-Agent) sent, normalized and
 * sorted, one per line: "auth=user:pass hostname=a,b myip=... wildcard=...
 * mx=... backmx=..."; hostnames sorted, other parameters (system=) dropped.
 */
static char *
updates(const char *log, const char *ua)
{
	static const char *keys[] = { "myip", "wildcard", "mx", "backmx" };
	struct strlist reqs = { 0 };
	struct buf b = { 0 };
	char *copy = xstrdup(log), *save = NULL;

	buf_add(&b, "", 0);
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		/* METHOD TAB TARGET TAB AUTH TAB UA TAB BODY */
		char *f[5], *fs = NULL, *kv;
		const char *val[4] = { "-", "-", "-", "-" };
		struct strlist hosts = { 0 };
		struct buf r = { 0 };

		for (int i = 0; i < 5; i++)
			f[i] = strtok_r(i ? NULL : l, "\t", &fs);
		if (f[3] == NULL || strncmp(f[3], ua, strlen(ua)) != 0 ||
		    strncmp(f[1], "/nic/update?", 12) != 0)
			continue;
		for (kv = strtok_r(f[1] + 12, "&", &fs); kv;
		    kv = strtok_r(NULL, "&", &fs)) {
			if (strncmp(kv, "hostname=", 9) == 0)
				strlist_split(&hosts, kv + 9);
			for (int k = 0; k < 4; k++)
				if (strncmp(kv, keys[k], strlen(keys[k])) == 0 &&
				    kv[strlen(keys[k])] == '=')
					val[k] = kv + strlen(keys[k]) + 1;
		}
		qsort(hosts.v, hosts.n, sizeof(*hosts.v), cmp_str);
		buf_printf(&r, "auth=%s hostname=", f[2]);
		for (size_t i = 0; i < hosts.n; i++)
			buf_printf(&r, "%s%s", i ? "," : "", hosts.v[i]);
		for (int k = 0; k < 4; k++)
			buf_printf(&r, " %s=%s", keys[k], val[k]);
		strlist_add(&reqs, r.s);
		buf_free(&r);
		strlist_free(&hosts);
	}
	if (reqs.n > 0)
		qsort(reqs.v, reqs.n, sizeof(*reqs.v), cmp_str);
	for (size_t i = 0; i < reqs.n; i++)
		buf_printf(&b, "%s\n", reqs.v[i]);
	strlist_free(&reqs);
	free(copy);
	return b.s;
}

/*
 * Run ddclient once in the foreground; its output into tdir(). 3.x runs once
 * with -daemon=0; 4.x takes that as 60 s and loops, and runs once without it.
 */
static int
run_ddclient(const char *conf, const char *cache)
{
	const char *argv[] = { DDCLIENT, "-daemon=0", "-foreground", "-file", conf,
	    "-cache", cache, "-verbose", NULL };
	char out[700], *script = slurp(DDCLIENT);
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status;

	if (script == NULL || strstr(script, "declare('v3.") == NULL)
		argv[1] = "-foreground";
	free(script);

	snprintf(out, sizeof(out), "%s/ddclient.out", tdir());
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	ck_assert_int_eq(posix_spawn(&pid, DDCLIENT, &fa, NULL, (char **)argv,
	    environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

START_TEST(same_requests_as_ddclient)
{
	struct fake f;
	struct outcome o;
	char *conf, *ini, *log, *theirs, *ours;
	const char *conf_path, *ini_path;
	char cache[700];
	int rc;

	if (access(DDCLIENT, X_OK) != 0) {
		printf("ddclient not installed: skipped\n");
		return;
	}
	fake_start(&f, "{\"users\": {\"alice\": \"s3cret#1,\", \"bob\": \"pw2\"}, "
	    "\"hosts\": [\"a.example.com\", \"b.example.com\", \"c.example.com\"], "
	    "\"routes\": {\"/ip\": {\"body\": \"81.2.69.160\\n\"}}}", NULL, 0);
	/* two hosts on one account, a third with its own login on its line */
	conf = xasprintf("# the same file for ddclient 3.10 and nicupdate\n"
	    "ssl=no, server=127.0.0.1:%d\n"
	    "use=web, web=http://127.0.0.1:%d/ip\n"
	    "protocol=dyndns2\n"
	    "login=alice, password=s3cret#1,\n"
	    "wildcard=yes\n"
	    "a.example.com, b.example.com\n"
	    "mx=mx.example.com, backupmx=yes\n"
	    "c.example.com bob pw2\n", f.port, f.port);
	conf_path = tfile("ddclient.conf", conf);
	snprintf(cache, sizeof(cache), "%s/ddclient.cache", tdir());
	rc = run_ddclient(conf_path, cache);
	snprintf(cache, sizeof(cache), "%s/ddclient.out", tdir());
	log = slurp(cache);
	ck_assert_msg(rc == 0, "ddclient exited %d:\n%s", rc, log);
	free(log);
	/* the password's trailing comma is warned about, and sent by both */
	ini = ddclient_translate("ddclient.conf", conf);
	ck_assert_ptr_nonnull(ini);
	ini_path = tfile("nicupdate.conf", ini);
	snprintf(cache, sizeof(cache), "%s/nicupdate.cache", tdir());
	nic_run(&o, "-c", ini_path, "--cache", cache, NULL);
	ck_assert_msg(o.rc == 0, "nicupdate exited %d:\n%s", o.rc, o.err);
	fake_stop(&f);
	log = fake_log(&f);
	theirs = updates(log, "ddclient/");
	ours = updates(log, "nicupdate/");
	printf("ddclient sent:\n%snicupdate sent:\n%s", theirs, ours);
	fflush(stdout);
	ck_assert_msg(strstr(log, "GET\t/ip\t-\tddclient/") != NULL, "ddclient did not "
	    "ask /ip:\n%s", log);
	ck_assert_msg(strstr(log, "GET\t/ip\t-\tnicupdate/") != NULL, "nicupdate did not "
	    "ask /ip:\n%s", log);
	ck_assert_msg(*theirs != '\0', "ddclient sent no update:\n%s", log);
	ck_assert_str_eq(ours, theirs);
	free(ours);
	free(theirs);
	free(log);
	outcome_free(&o);
	free(ini);
	free(conf);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ddmigrate");
	TCase *tc = tcase_create("cache");
	TCase *wire = tcase_create("wire");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, cache_4x);
	tcase_add_test(tc, cache_3x);
	tcase_add_test(tc, cache_garbage_lines_are_skipped);
	suite_add_tcase(s, tc);
	tcase_set_timeout(wire, 60);
	tcase_add_test(wire, same_requests_as_ddclient);
	suite_add_tcase(s, wire);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
