/*
 * Running configured commands (src/command.c): the timeout bounds a child's
 * whole life, its process group dies with it, and no zombie is left.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "harness.h"
#include "util.h"

static char why[200];
static struct buf out;

/* Run the command line cmd; with_out collects standard output in out. */
static int
run(const char *cmd, long timeout_s, int with_out)
{
	struct strlist argv = { 0 };
	int rc;

	buf_free(&out);
	buf_add(&out, "", 0);
	why[0] = '\0';
	command_split(cmd, &argv);
	rc = command_run(argv.v, timeout_s, with_out ? &out : NULL, 4096, why, sizeof(why));
	strlist_free(&argv);
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
	ck_assert_ptr_nonnull(strstr(why, "cannot run /nonexistent/cmd"));
	assert_no_children();
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
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
