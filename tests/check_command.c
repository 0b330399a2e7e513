/*
 * Running configured commands (src/command.c): the timeout bounds a child's
 * whole life, its process group dies with it, and no zombie is left.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "detect.h"
#include "harness.h"
#include "util.h"

static char why[200];
static struct buf out;

/* Run the command line cmd; with_out collects standard output in out. */
static int
run(const char *cmd, long timeout_s, int with_out)
{
	struct strlist argv = { 0 }, env = { 0 };
	int rc;

	buf_free(&out);
	buf_add(&out, "", 0);
	why[0] = '\0';
	command_split(cmd, &argv);
	command_env(&env, "home", FAM_V6);
	rc = command_run(argv.v, env.v, timeout_s, with_out ? &out : NULL, 4096, why,
	    sizeof(why));
	strlist_free(&argv);
	strlist_free(&env);
	return rc;
}

/* This process has no child left, not even a zombie. */
static void
assert_no_children(void)
{
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
}

/* The process whose id a test command wrote to file is dead (gone or a zombie). */
static void
assert_dead(const char *file)
{
	char *s = slurp(file), path[64], *stat = NULL;
	long pid;

	ck_assert_msg(s != NULL && sscanf(s, "%ld", &pid) == 1, "no pid in %s", file);
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	/* its new parent may take a moment to reap it */
	for (int i = 0; i < 200; i++) {
		free(stat);
		stat = slurp(path);
		if (stat == NULL || strstr(stat, ") Z ") != NULL)
			break;
		usleep(10000);
	}
	ck_assert_msg(stat == NULL || strstr(stat, ") Z ") != NULL, "%ld lives: %s", pid,
	    stat);
	free(stat);
	free(s);
}

/* cmd, given 1 s, is stopped and reported within a loose bound. */
static void
times_out(const char *cmd, int with_out)
{
	long long t0 = now_ms();

	ck_assert_int_eq(run(cmd, 1, with_out), -1);
	ck_assert_str_eq(why, "timed out after 1s");
	ck_assert_int_lt(now_ms() - t0, 5000);
}

START_TEST(output_is_collected)
{
	ck_assert_int_eq(run("printf 'ip: %s\\n' 81.2.69.160", 5, 1), 0);
	ck_assert_str_eq(out.s, "ip: 81.2.69.160\n");
	assert_no_children();
}
END_TEST

START_TEST(failure_is_reported)
{
	ck_assert_int_eq(run("sh -c 'exit 3'", 5, 1), -1);
	ck_assert_str_eq(why, "exited with status 3");
	ck_assert_int_eq(run("sh -c 'kill -9 $$'", 5, 0), -1);
	ck_assert_str_eq(why, "exited with status 137");
	assert_no_children();
}
END_TEST

START_TEST(timeout_bounds_a_command_without_output)
{
	/* a postscript: its output is not read, so only the timeout stops it */
	times_out("sleep 30", 0);
	assert_no_children();
}
END_TEST

START_TEST(timeout_bounds_a_command_that_closed_its_output)
{
	times_out("sh -c 'exec >&-; sleep 30'", 1);
	assert_no_children();
}
END_TEST

START_TEST(timeout_kills_the_whole_group)
{
	char cmd[800], pidfile[700];

	snprintf(pidfile, sizeof(pidfile), "%s/bg.pid", tdir());
	snprintf(cmd, sizeof(cmd), "sh -c 'sleep 100 & echo $! > %s; sleep 100'", pidfile);
	times_out(cmd, 1);
	assert_dead(pidfile);
	assert_no_children();
}
END_TEST

START_TEST(timeout_sends_sigterm_first)
{
	char cmd[800], file[700], *s;

	snprintf(file, sizeof(file), "%s/bye", tdir());
	snprintf(cmd, sizeof(cmd), "sh -c 'trap \"echo bye > %s; exit 0\" TERM; "
	    "sleep 100 & wait'", file);
	times_out(cmd, 0);
	s = slurp(file);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "bye\n");
	free(s);
	assert_no_children();
}
END_TEST

START_TEST(sigterm_ignored_then_sigkill)
{
	times_out("sh -c 'trap \"\" TERM; sleep 100'", 1);
	assert_no_children();
}
END_TEST

START_TEST(background_child_is_killed_after_success)
{
	char cmd[800], pidfile[700];
	long long t0 = now_ms();

	snprintf(pidfile, sizeof(pidfile), "%s/bg.pid", tdir());
	snprintf(cmd, sizeof(cmd), "sh -c 'echo 81.2.69.160; sleep 100 & echo $! > %s'",
	    pidfile);
	ck_assert_int_eq(run(cmd, 10, 1), 0);
	ck_assert_str_eq(out.s, "81.2.69.160\n");
	/* the background child holds standard output: not waited for */
	ck_assert_int_lt(now_ms() - t0, 5000);
	assert_dead(pidfile);
	assert_no_children();
}
END_TEST

START_TEST(too_much_output_is_cut)
{
	ck_assert_int_eq(run("sh -c 'while :; do echo 81.2.69.160; done'", 10, 1), -1);
	ck_assert_str_eq(why, "output larger than 4096 bytes");
	assert_no_children();
}
END_TEST

static void
on_alarm(int sig)
{
	(void)sig;
}

START_TEST(signals_do_not_break_the_wait)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 5000 }, { 0, 5000 } };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: every call sees EINTR */
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	ck_assert_int_eq(run("sh -c 'sleep 1; echo 81.2.69.160'", 10, 1), 0);
	ck_assert_str_eq(out.s, "81.2.69.160\n");
	ck_assert_int_eq(run("sh -c 'sleep 1; exit 4'", 10, 0), -1);
	ck_assert_str_eq(why, "exited with status 4");
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	assert_no_children();
}
END_TEST

START_TEST(missing_program_cannot_run)
{
	ck_assert_int_eq(run("/nonexistent/cmd", 5, 1), -1);
	ck_assert_str_eq(why, "cannot run /nonexistent/cmd: No such file or directory");
	ck_assert_int_eq(run("nicupdate-no-such-program", 5, 1), -1);
	ck_assert_str_eq(why, "cannot run nicupdate-no-such-program: not found in PATH");
	ck_assert_int_eq(run(tdir(), 5, 0), -1);
	ck_assert_ptr_nonnull(strstr(why, ": Permission denied"));
	/* an empty PATH entry is not the current directory */
	ck_assert_int_eq(chdir("/bin"), 0);
	setenv("PATH", ":/nonexistent", 1);
	ck_assert_int_eq(run("sh -c true", 5, 0), -1);
	ck_assert_str_eq(why, "cannot run sh: not found in PATH");
	setenv("PATH", "/nonexistent::/usr/bin:/bin", 1);
	ck_assert_int_eq(run("sh -c true", 5, 0), 0);
	/* a command's own status 127 is not mistaken for a failed start */
	ck_assert_int_eq(run("sh -c 'exit 127'", 5, 0), -1);
	ck_assert_str_eq(why, "exited with status 127");
	assert_no_children();
}
END_TEST

START_TEST(environment_is_clean)
{
	setenv("NICTEST_PASSWORD", "s3cr&t-env", 1);
	setenv("http_proxy", "http://alice:pr0xy@proxy.example.net:3128", 1);
	setenv("NICUPDATE_HOST", "stale.example.com", 1);
	setenv("LC_TIME", "C", 1);
	setenv("PATH", "/usr/bin:/bin", 1);
	ck_assert_int_eq(run("env", 5, 1), 0);
	ck_assert_ptr_null(strstr(out.s, "s3cr&t-env"));
	ck_assert_ptr_null(strstr(out.s, "NICTEST_PASSWORD"));
	ck_assert_ptr_null(strstr(out.s, "pr0xy"));
	ck_assert_ptr_null(strstr(out.s, "stale.example.com"));
	ck_assert_ptr_nonnull(strstr(out.s, "NICUPDATE_PROFILE=home\n"));
	ck_assert_ptr_nonnull(strstr(out.s, "NICUPDATE_FAMILY=ipv6\n"));
	ck_assert_ptr_nonnull(strstr(out.s, "LC_TIME=C\n"));
	ck_assert_ptr_nonnull(strstr(out.s, "PATH=/usr/bin:/bin\n"));
}
END_TEST

START_TEST(address_command_gets_profile_and_family)
{
	char addr[ADDR_MAX], w[200];

	ck_assert_int_eq(local_cmd("home", FAM_V4, "sh -c 'test \"$NICUPDATE_PROFILE "
	    "$NICUPDATE_FAMILY\" = \"home ipv4\" && echo 81.2.69.160'", NULL, 5, addr, w,
	    sizeof(w)), 0);
	ck_assert_str_eq(addr, "81.2.69.160");
	assert_no_children();
}
END_TEST

/* End to end: the built nicupdate with commands against the fake provider. */
#define PASSWORD "s3cr&t #pw"
#define FAKE_JSON \
	"{\"users\": {\"alice\": \"" PASSWORD "\"}," \
	" \"hosts\": [\"nas.example.com\", \"cam.example.com\"]}"

static struct fake fk;

/* A profile for the fake provider, its password in NICTEST_PASSWORD. */
static const char *
conf_hosts(const char *hosts, const char *extra)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/nicupdate.cache\nattempts = 1\n\n"
	    "[home]\nserver = %s\nlogin = alice\npassword-env = NICTEST_PASSWORD\n"
	    "hosts = %s\n%s", tdir(), fk.base, hosts, extra);
	return tfile("nicupdate.conf", text);
}

static const char *
conf(const char *extra)
{
	return conf_hosts("nas.example.com, cam.example.com", extra);
}

static void
e2e_setup(void)
{
	setenv("NICTEST_PASSWORD", PASSWORD, 1);
	tsecret(PASSWORD);
	fake_start(&fk, FAKE_JSON, NULL, 0);
}

static void
e2e_teardown(void)
{
	fake_stop(&fk);
}

START_TEST(commands_never_see_the_password)
{
	struct outcome o;
	char extra[2000], *s;

	snprintf(extra, sizeof(extra), "usev4 = cmdv4\n"
	    "cmdv4 = sh -c 'env > %s/cmd.env; echo 81.2.69.160'\n"
	    "postscript = sh -c 'env > %s/ps.env'\n", tdir(), tdir());
	nic_run(&o, "-c", conf(extra), NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	for (int i = 0; i < 2; i++) {
		char path[700];

		snprintf(path, sizeof(path), "%s/%s", tdir(), i ? "ps.env" : "cmd.env");
		s = slurp(path);
		ck_assert_ptr_nonnull(s);
		ck_assert_msg(strstr(s, PASSWORD) == NULL, "password in %s: %s", path, s);
		ck_assert_msg(strstr(s, "NICTEST_PASSWORD") == NULL, "%s: %s", path, s);
		ck_assert_ptr_nonnull(strstr(s, "NICUPDATE_PROFILE=home\n"));
		ck_assert_ptr_nonnull(strstr(s, "NICUPDATE_FAMILY=ipv4\n"));
		free(s);
	}
	outcome_free(&o);
}
END_TEST

START_TEST(address_command_leaving_a_background_child_succeeds)
{
	struct outcome o;

	nic_run(&o, "-c", conf("usev4 = cmdv4\ntimeout = 5s\n"
	    "cmdv4 = sh -c 'echo 81.2.69.160; sleep 100 &'\n"), NULL);
	ck_assert_msg(o.rc == 0, "%s", o.err);
	ck_assert_int_eq(fake_count(&fk, "/nic/update?hostname=cam.example.com,"
	    "nas.example.com&myip=81.2.69.160"), 1);
	ck_assert_msg(o.secs < 4, "%.1fs", o.secs);
	outcome_free(&o);
}
END_TEST

START_TEST(postscript_gets_arguments_and_variables)
{
	struct outcome o;
	char extra[1500], path[700], *s;

	snprintf(path, sizeof(path), "%s/ps.out", tdir());
	snprintf(extra, sizeof(extra), "postscript = sh -c 'echo \"$0 $1 $NICUPDATE_PROFILE $NICUPDATE_HOST "
	    "$NICUPDATE_FAMILY $NICUPDATE_ADDRESS [$NICUPDATE_OLD_ADDRESS] "
	    "$NICUPDATE_STATUS\" >> %s'\n", path);
	nic_run(&o, "-c", conf_hosts("nas.example.com", extra), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	nic_run(&o, "-c", conf_hosts("nas.example.com", extra), "--ip", "81.2.69.170",
	    "-f", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	s = slurp(path);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s,
	    "nas.example.com 81.2.69.160 home nas.example.com ipv4 81.2.69.160 [] good\n"
	    "nas.example.com 81.2.69.170 home nas.example.com ipv4 81.2.69.170 "
	    "[81.2.69.160] good\n");
	free(s);
}
END_TEST

/* Run nicupdate with -c config --ip addr; returns its wait status. */
static int
run_raw(const char *config, const char *addr)
{
	char *const argv[] = { (char *)getenv("NICUPDATE_BIN"), "-c", (char *)config,
	    "--ip", (char *)addr, NULL };
	int status;
	pid_t pid;

	ck_assert_ptr_nonnull(argv[0]);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	return status;
}

/* After a run that sent the update, the next one sends nothing. */
static void
assert_recorded(const char *extra)
{
	struct outcome o;

	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	nic_run(&o, "-c", conf(extra), "--ip", "81.2.69.160", "-v", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_ptr_nonnull(strstr(o.err, "home/nas.example.com: IPv4 81.2.69.160 is up "
	    "to date"));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
}

START_TEST(postscript_killing_nicupdate_loses_no_record)
{
	const char *extra = "postscript = sh -c 'kill -9 $PPID'\n";
	int status = run_raw(conf(extra), "81.2.69.160");

	/* its parent is nicupdate, which dies with the first postscript */
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_recorded(extra);
}
END_TEST

START_TEST(hanging_postscript_is_cut_and_loses_no_record)
{
	const char *extra = "timeout = 1s\npostscript = sh -c 'sleep 100'\n";
	struct outcome o;

	nic_run(&o, "-c", conf(extra), "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_msg(strstr(o.err, "home/cam.example.com: postscript sh: timed "
	    "out after 1s") != NULL, "%s", o.err);
	ck_assert_ptr_nonnull(strstr(o.err, "home/nas.example.com: postscript sh: timed "
	    "out after 1s"));
	/* two postscripts of 1 s each, loosely */
	ck_assert_msg(o.secs < 15, "%.1fs", o.secs);
	outcome_free(&o);
	assert_recorded(extra);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("command");
	TCase *tc = tcase_create("run");
	SRunner *sr;
	int failed;

	/* a hang fails the test instead of stalling the suite */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, output_is_collected);
	tcase_add_test(tc, failure_is_reported);
	tcase_add_test(tc, timeout_bounds_a_command_without_output);
	tcase_add_test(tc, timeout_bounds_a_command_that_closed_its_output);
	tcase_add_test(tc, timeout_kills_the_whole_group);
	tcase_add_test(tc, timeout_sends_sigterm_first);
	tcase_add_test(tc, sigterm_ignored_then_sigkill);
	tcase_add_test(tc, background_child_is_killed_after_success);
	tcase_add_test(tc, too_much_output_is_cut);
	tcase_add_test(tc, signals_do_not_break_the_wait);
	tcase_add_test(tc, missing_program_cannot_run);
	tcase_add_test(tc, environment_is_clean);
	tcase_add_test(tc, address_command_gets_profile_and_family);
	suite_add_tcase(s, tc);
	tc = tcase_create("e2e");
	tcase_add_checked_fixture(tc, e2e_setup, e2e_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, commands_never_see_the_password);
	tcase_add_test(tc, address_command_leaving_a_background_child_succeeds);
	tcase_add_test(tc, postscript_gets_arguments_and_variables);
	tcase_add_test(tc, postscript_killing_nicupdate_loses_no_record);
	tcase_add_test(tc, hanging_postscript_is_cut_and_loses_no_record);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
