/*
 * One config run by Debian's ddclient and by nicupdate against the loopback
 * fake provider: both must send the same update requests. Without ddclient
 * the comparison is skipped (exit 77), except under CI (CI=true), where its
 * absence is a failure.
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
		tsort(&hosts);
		buf_printf(&r, "auth=%s hostname=", f[2]);
		for (size_t i = 0; i < hosts.n; i++)
			buf_printf(&r, "%s%s", i ? "," : "", hosts.v[i]);
		for (int k = 0; k < 4; k++)
			buf_printf(&r, " %s=%s", keys[k], val[k]);
		strlist_add(&reqs, r.s);
		buf_free(&r);
		strlist_free(&hosts);
	}
	tsorted_lines(&reqs, &b);
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
	/* the password's trailing comma is warned about (on stderr), and sent by both */
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
	Suite *s = suite_create("ddcompare");
	TCase *tc = tcase_create("wire");
	SRunner *sr;
	const char *ci = getenv("CI");
	int failed;

	if (access(DDCLIENT, X_OK) != 0) {
		if (ci != NULL && strcmp(ci, "true") == 0) {
			printf("%s not installed: CI needs it for the comparison\n",
			    DDCLIENT);
			return 1;
		}
		printf("%s not installed: comparison skipped\n", DDCLIENT);
		return 77;
	}
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, same_requests_as_ddclient);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
