/*
 * Signals and standard streams, end to end: a run stopped by SIGTERM while
 * its update is in flight, a broken stdout or stderr, a closed stderr
 * (nicupdate(1), SIGNALS and EXIT STATUS).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define PASSWORD "s3cr&t #pw"
#define ANSWER(route) \
	"{\"users\": {\"alice\": \"" PASSWORD "\"}, \"hosts\": [\"nas.example.com\"]," \
	" \"routes\": {\"/nic/update\": " route "}}"
/* the provider takes a second to answer, so a signal can come in between */
#define SLOW_GOOD ANSWER("{\"delay\": 1, \"body\": \"good 81.2.69.160\\n\"}")
#define SLOW_500 ANSWER("{\"delay\": 1, \"status\": 500, \"body\": \"oops\"}")

extern char **environ;
static struct fake fk;

static const char *
conf(const char *extra)
{
	char text[1024];

	snprintf(text, sizeof(text),
	    "[global]\ncache = %s/state/nicupdate.cache\ntimeout = 5s\n\n"
	    "[home]\nserver = %s\nlogin = alice\npassword = %s\n"
	    "hosts = nas.example.com\n%s", tdir(), fk.base, PASSWORD, extra ? extra : "");
	return tfile("nicupdate.conf", text);
}

/*
 * Start nicupdate -c conf (--ip 81.2.69.160 unless detect) with fd 1 and 2
 * on out and err (-1: closed), which it closes here; returns its pid.
 */
static pid_t
spawn_nic(const char *c, int detect, int out, int err)
{
	const char *argv[] = { getenv("NICUPDATE_BIN"), "-c", c, detect ? NULL : "--ip",
	    "81.2.69.160", NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;

	ck_assert_ptr_nonnull(argv[0]);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (out == -1)
		posix_spawn_file_actions_addclose(&fa, 1);
	else
		posix_spawn_file_actions_adddup2(&fa, out, 1);
	if (err == -1)
		posix_spawn_file_actions_addclose(&fa, 2);
	else
		posix_spawn_file_actions_adddup2(&fa, err, 2);
	ck_assert_int_eq(posix_spawn(&pid, argv[0], &fa, NULL, (char **)argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	if (out != -1)
		close(out);
	if (err != -1)
		close(err);
	return pid;
}

static int
wait_nic(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) == -1)
		ck_assert_int_eq(errno, EINTR);
	return status;
}

/* Wait (at most 5 s) until the provider has seen a request for path. */
static void
wait_for_request(const char *path)
{
	for (int i = 0; i < 500 && fake_count(&fk, path) == 0; i++)
		usleep(10 * 1000);
	ck_assert_int_eq(fake_count(&fk, path), 1);
}

/*
 * Start the fake provider with json and a run with the profile's extra
 * lines (its config in *c), and send sig once the update is in flight.
 */
static pid_t
signal_in_flight(const char *json, const char *extra, int sig, const char **c)
{
	pid_t pid;

	fake_start(&fk, json, NULL, 0);
	*c = conf(extra);
	pid = spawn_nic(*c, 0, open("/dev/null", O_WRONLY), open("/dev/null", O_WRONLY));
	wait_for_request("/nic/update");
	kill(pid, sig);
	return pid;
}

static char *
state_text(void)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/state/nicupdate.cache", tdir());
	return slurp(path);
}

/* A later run sends nothing: the update is in the state. */
static void
second_run_sends_nothing(const char *c)
{
	struct outcome o;

	nic_run(&o, "-c", c, "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	outcome_free(&o);
}

static void
setup(void)
{
	tsecret(PASSWORD);
}

static void
teardown(void)
{
	fake_stop(&fk);
}

START_TEST(sigterm_lets_the_update_in_flight_finish)
{
	const char *c;
	char *s;
	int status;
	pid_t pid;

	pid = signal_in_flight(SLOW_GOOD, NULL, SIGTERM, &c);
	status = wait_nic(pid);
	ck_assert_msg(WIFEXITED(status), "killed by signal %d", WTERMSIG(status));
	/* everything was done, so the outcome is the run's own */
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	s = state_text();
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(strstr(s, "home nas.example.com ipv4 81.2.69.160 ok:good "));
	free(s);
	second_run_sends_nothing(c);
}
END_TEST

START_TEST(sigterm_starts_no_retry_and_exits_75)
{
	const char *c;
	int status;
	pid_t pid;
	char *s;

	pid = signal_in_flight(SLOW_500, "attempts = 3\nretry-interval = 1s\n", SIGTERM, &c);
	status = wait_nic(pid);
	ck_assert_msg(WIFEXITED(status), "killed by signal %d", WTERMSIG(status));
	ck_assert_int_eq(WEXITSTATUS(status), 75);
	/* the answer in flight was waited for, the retry a second later not sent */
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	s = state_text();
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(strstr(s, "home nas.example.com ipv4 81.2.69.160 temp:http-500"));
	free(s);
}
END_TEST

START_TEST(second_signal_stops_at_once)
{
	struct outcome o;
	const char *c;
	int status;
	pid_t pid;

	pid = signal_in_flight(SLOW_GOOD, NULL, SIGINT, &c);
	usleep(100 * 1000);
	kill(pid, SIGINT);
	status = wait_nic(pid);
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), SIGINT);
	/* the lock went with the process: the next run works */
	nic_run(&o, "-c", c, "--ip", "81.2.69.160", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
}
END_TEST

START_TEST(sigterm_during_detection_sends_nothing)
{
	char extra[300];
	int status;
	pid_t pid;

	fake_start(&fk, "{\"users\": {\"alice\": \"" PASSWORD "\"}, \"hosts\": "
	    "[\"nas.example.com\"], \"routes\": {\"/ip\": {\"delay\": 1, \"body\": "
	    "\"81.2.69.160\\n\"}}}", NULL, 0);
	snprintf(extra, sizeof(extra), "webv4 = %s/ip\n", fk.base);
	pid = spawn_nic(conf(extra), 1, open("/dev/null", O_WRONLY),
	    open("/dev/null", O_WRONLY));
	wait_for_request("/ip");
	kill(pid, SIGTERM);
	status = wait_nic(pid);
	ck_assert_msg(WIFEXITED(status), "killed by signal %d", WTERMSIG(status));
	ck_assert_int_eq(WEXITSTATUS(status), 75);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
}
END_TEST

START_TEST(broken_stdout_and_stderr_still_record)
{
	const char *c;
	int out[2], err[2], status;
	pid_t pid;

	fake_start(&fk, ANSWER("{\"body\": \"good 81.2.69.160\\n\"}"), NULL, 0);
	c = conf(NULL);
	ck_assert_int_eq(pipe(out), 0);
	ck_assert_int_eq(pipe(err), 0);
	/* nobody reads: as under "nicupdate | head -0" with a dead logger */
	close(out[0]);
	close(err[0]);
	pid = spawn_nic(c, 0, out[1], err[1]);
	status = wait_nic(pid);
	ck_assert_msg(WIFEXITED(status), "killed by signal %d", WTERMSIG(status));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	second_run_sends_nothing(c);
}
END_TEST

START_TEST(closed_stderr_writes_no_log_line_into_state_files)
{
	char path[700], *s;
	int status;
	pid_t pid;

	/* an error answer: its log line goes to stderr */
	fake_start(&fk, ANSWER("{\"body\": \"abuse\\n\"}"), NULL, 0);
	pid = spawn_nic(conf(NULL), 0, open("/dev/null", O_WRONLY), -1);
	status = wait_nic(pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 65);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 1);
	s = state_text();
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_null(strstr(s, "error"));
	ck_assert_ptr_null(strstr(s, "home/"));
	free(s);
	snprintf(path, sizeof(path), "%s/state/nicupdate.cache.lock", tdir());
	s = slurp(path);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("signals");
	TCase *tc = tcase_create("signals");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, sigterm_lets_the_update_in_flight_finish);
	tcase_add_test(tc, sigterm_starts_no_retry_and_exits_75);
	tcase_add_test(tc, second_signal_stops_at_once);
	tcase_add_test(tc, sigterm_during_detection_sends_nothing);
	tcase_add_test(tc, broken_stdout_and_stderr_still_record);
	tcase_add_test(tc, closed_stderr_writes_no_log_line_into_state_files);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *r = srunner_create(suite());
	int failed;

	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
