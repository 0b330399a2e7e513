/*
 * The state file's path is only ever ours: what nicupdate refuses to read
 * or replace (nicupdate.1, FILES), in-process through state_open and end to
 * end through the real binary. Cases that need another user run as root
 * (a file or directory given to uid 65534) and are skipped otherwise.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "capture.h"
#include "config.h"
#include "harness.h"
#include "state.h"
#include "util.h"

#define NOBODY 65534
#define HDR "# nicupdate state 1\n"
#define PASSWORD "st4te-pw"
#define FAKE_JSON \
	"{\"users\": {\"alice\": \"" PASSWORD "\"}, \"hosts\": [\"nas.example.com\"]}"

static struct fake fk;

/* state_open(path) must fail with a message naming path and saying why. */
static void
refused(const char *path, int lock, const char *why)
{
	struct state s;
	char *err;

	ck_assert_int_eq(open_quiet(&s, path, lock, &err), -1);
	ck_assert_msg(has_line(err, path, why), "stderr: %s", err);
	state_close(&s);
	free(err);
}

static void
accepted(const char *path, int lock)
{
	struct state s;
	char *err;

	ck_assert_msg(open_quiet(&s, path, lock, &err) == 0, "stderr: %s", err);
	state_close(&s);
	free(err);
}

static void
skip_unless_root(void)
{
	if (geteuid() != 0)
		tskip("%s: needs root to act as another user", tdir());
}

START_TEST(device_node_is_refused)
{
	refused("/dev/null", 0, "not a regular file");
}
END_TEST

START_TEST(fifo_is_refused_without_blocking)
{
	const char *p = tfile("x", "");

	unlink(p);
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	alarm(5);	/* opening a FIFO for reading blocks without O_NONBLOCK */
	refused(p, 1, "not a regular file");
	alarm(0);
}
END_TEST

START_TEST(directory_is_refused)
{
	char *p = xasprintf("%s/d", tdir());

	ck_assert_int_eq(mkdir(p, 0700), 0);
	refused(p, 0, "not a regular file");
	free(p);
}
END_TEST

START_TEST(symlinks_are_not_followed)
{
	const char *real = tfile("real", HDR);
	char *link = xasprintf("%s/link", tdir()), *lock = xasprintf("%s/s.lock", tdir());
	char *victim = xasprintf("%s/victim", tdir());
	struct stat st;

	ck_assert_int_eq(symlink(real, link), 0);
	refused(link, 0, "symbolic link");
	/* the lock file: a link planted there must not create its target */
	ck_assert_int_eq(symlink(victim, lock), 0);
	lock[strlen(lock) - 5] = '\0';
	refused(lock, 1, "symbolic link");
	ck_assert_int_eq(lstat(victim, &st), -1);
	free(link);
	free(lock);
	free(victim);
}
END_TEST

START_TEST(files_not_ours_are_refused)
{
	static const char *const texts[] = {
		"[home]\nprotocol = dyndns2\nhosts = a.example.com\n",
		"## ddclient-3.10.0\nmtime=1700000000,status=good a.example.com\n",
		"# nicupdate",
		"\n" HDR,
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const char *p = tfile("other", texts[i]);
		char *after;

		refused(p, 1, "not a nicupdate state file");
		after = slurp(p);
		ck_assert_str_eq(after, texts[i]);
		free(after);
	}
}
END_TEST

START_TEST(empty_file_is_an_empty_state)
{
	accepted(tfile("empty", ""), 1);
}
END_TEST

START_TEST(huge_file_is_refused_unread)
{
	const char *p = tfile("big", HDR);

	ck_assert_int_eq(truncate(p, STATE_MAX_BYTES + 1), 0);
	refused(p, 0, "larger than 64 MiB");
}
END_TEST

START_TEST(stale_temp_is_removed_under_the_lock_only)
{
	const char *p = tfile("s", HDR), *tmp = tfile("s.tmp", HDR "half a line");
	struct state s;
	struct stat st;
	char *err;

	accepted(p, 0);
	ck_assert_int_eq(lstat(tmp, &st), 0);
	ck_assert_int_eq(open_quiet(&s, p, 1, &err), 0);
	ck_assert_int_eq(lstat(tmp, &st), -1);
	state_get(&s, "home", "a.example.com", FAM_V4);
	ck_assert_int_eq(state_write(&s), 0);
	ck_assert_int_eq(lstat(tmp, &st), -1);
	state_close(&s);
	free(err);
}
END_TEST

START_TEST(writable_directory_is_refused)
{
	char *d = xasprintf("%s/shared", tdir()), *p = xasprintf("%s/s", d);

	ck_assert_int_eq(mkdir(d, 0700), 0);
	ck_assert_int_eq(chmod(d, 0777), 0);
	refused(p, 0, "other users can write to directory");
	ck_assert_int_eq(chmod(d, 0770), 0);
	refused(p, 1, "other users can write to directory");
	/* sticky, as /tmp: our own file is fine */
	ck_assert_int_eq(chmod(d, 01777), 0);
	accepted(p, 1);
	free(d);
	free(p);
}
END_TEST

START_TEST(other_users_files_are_refused)
{
	char *d = xasprintf("%s/sticky", tdir()), *p = xasprintf("%s/s", d);
	const char *mine = tfile("s", HDR);
	int fd;

	skip_unless_root();
	if (geteuid() != 0)
		return;
	ck_assert_int_eq(chown(mine, NOBODY, NOBODY), 0);
	refused(mine, 0, "belongs to another user");
	/* in a sticky directory, not even a root-owned lock file of another */
	ck_assert_int_eq(mkdir(d, 01777), 0);
	ck_assert_int_eq(chmod(d, 01777), 0);
	fd = open(p, O_WRONLY | O_CREAT, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, HDR, strlen(HDR)), (ssize_t)strlen(HDR));
	close(fd);
	accepted(p, 1);
	ck_assert_int_eq(chown(p, NOBODY, NOBODY), 0);
	refused(p, 0, "belongs to another user");
	/* a directory of another user */
	ck_assert_int_eq(chmod(d, 0700), 0);
	ck_assert_int_eq(chown(d, NOBODY, NOBODY), 0);
	refused(p, 0, "belongs to uid 65534");
	free(d);
	free(p);
}
END_TEST

/* Without HOME there is no per-user path: never a shared one such as /tmp. */
START_TEST(no_home_no_default_path)
{
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char why[160] = "", *p, *q;

		if (geteuid() == 0 && (setgid(NOBODY) == -1 || setuid(NOBODY) == -1))
			_exit(2);
		unsetenv("HOME");
		unsetenv("XDG_CACHE_HOME");
		unsetenv("CACHE_DIRECTORY");
		p = state_default_path(why, sizeof(why));
		q = config_default_cache();
		if (p != NULL || q != NULL)
			fprintf(stderr, "got %s, %s\n", p ? p : "NULL", q ? q : "NULL");
		_exit(p == NULL && q == NULL && strstr(why, "set HOME, XDG_CACHE_HOME or "
		    "cache =") != NULL ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
}
END_TEST

/* ---- the real binary ---- */

static const char *
conf(const char *extra)
{
	char text[1024];

	snprintf(text, sizeof(text), "[global]\ncache = %s/state\nattempts = 1\n\n"
	    "[home]\nserver = %s\nlogin = alice\npassword = %s\nhosts = nas.example.com\n"
	    "%s", tdir(), fk.base, PASSWORD, extra ? extra : "");
	return tfile("nicupdate.conf", text);
}

static void
setup(void)
{
	tsecret(PASSWORD);
	fake_start(&fk, FAKE_JSON, NULL, 0);
}

static void
teardown(void)
{
	fake_stop(&fk);
}

/* --cache naming a device node (as /dev/null), or ddclient's -cache. */
START_TEST(device_node_cache_exits_74_untouched)
{
	char *node = xasprintf("%s/null", tdir()), *lock;
	const char *c = conf(NULL);
	struct outcome o;
	struct stat st;

	if (mknod(node, S_IFCHR | 0666, makedev(1, 3)) == -1) {
		tskip("device_node_cache: mknod: %s", strerror(errno));
		free(node);
		return;
	}
	nic_run(&o, "--ip", "81.2.69.160", "-c", c, "--cache", node, NULL);
	ck_assert_int_eq(o.rc, 74);
	ck_assert_msg(has_line(o.err, node, "not a regular file"), "stderr: %s", o.err);
	outcome_free(&o);
	nic_run(&o, "-ip", "81.2.69.160", "-file", c, "-cache", node, NULL);
	ck_assert_int_eq(o.rc, 74);
	outcome_free(&o);
	ck_assert_int_eq(lstat(node, &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	lock = xasprintf("%s.lock", node);
	ck_assert_int_eq(lstat(lock, &st), -1);
	free(lock);
	free(node);
}
END_TEST

/* A config or ddclient.conf that never ends (a device) is refused, bounded. */
START_TEST(endless_config_is_refused)
{
	struct outcome o;

	nic_run(&o, "-c", "/dev/zero", "--check-config", NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_msg(has_line(o.err, "/dev/zero", "larger than 64 MiB"), "stderr: %s", o.err);
	outcome_free(&o);
	nic_run(&o, "--import-ddclient", "/dev/zero", NULL);
	ck_assert_int_eq(o.rc, 78);
	ck_assert_msg(has_line(o.err, "/dev/zero", "larger than 64 MiB"), "stderr: %s", o.err);
	outcome_free(&o);
}
END_TEST

START_TEST(config_as_cache_exits_74_untouched)
{
	const char *c = conf(NULL);
	char *before = slurp(c), *after, lock[700];
	struct outcome o;

	snprintf(lock, sizeof(lock), "%s.lock", c);
	nic_run(&o, "--ip", "81.2.69.160", "-c", c, "--cache", c, NULL);
	ck_assert_int_eq(o.rc, 74);
	ck_assert_msg(has_line(o.err, c, "not a nicupdate state file"), "stderr: %s", o.err);
	after = slurp(c);
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 0);
	/* refused before a lock file was made beside it */
	ck_assert_ptr_null(slurp(lock));
	outcome_free(&o);
	free(before);
	free(after);
}
END_TEST

/*
 * One real run so the state holds the settings' fingerprint, then the
 * record rewritten as status with both times t: the run trusts it.
 */
static void
prime(const char *c, const char *status, long long t)
{
	char *state = xasprintf("%s/state", tdir()), *s, *fp, rec[256];
	struct outcome o;

	nic_run(&o, "--ip", "81.2.69.1", "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	s = slurp(state);
	ck_assert_ptr_nonnull(s);
	fp = strrchr(s, ' ');
	ck_assert_ptr_nonnull(fp);
	snprintf(rec, sizeof(rec), HDR "home nas.example.com ipv4 81.2.69.160 %s %lld "
	    "%lld %s", status, t, t, fp + 1);
	tfile("state", rec);
	free(s);
	free(state);
}

/* A time past what localtime() can show: no mode may crash on it. */
START_TEST(huge_times_crash_no_mode)
{
	const char *c = conf(NULL);
	char *state = xasprintf("%s/state", tdir()), *s;
	struct outcome o;

	prime(c, "temp:911", 100000000000000000LL);
	nic_run(&o, "-c", c, "--status", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_msg(has_line(o.err, "state:2:", "out of range"), "stderr: %s", o.err);
	outcome_free(&o);
	nic_run(&o, "--dry-run", "--json", "--ip", "81.2.69.160", "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	nic_run(&o, "--ip", "81.2.69.160", "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	outcome_free(&o);
	s = slurp(state);
	ck_assert_ptr_null(strstr(s, "100000000000000000"));
	free(s);
	free(state);
}
END_TEST

/* A success dated ten years ahead must not hold the next update back. */
START_TEST(future_times_do_not_block_updates)
{
	const char *c = conf(NULL);
	long long later = (long long)time(NULL) + 10LL * 365 * 86400;
	struct outcome o;

	prime(c, "ok:good", later);
	nic_run(&o, "--ip", "81.2.69.160", "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_msg(has_line(o.err, "state:", "1 record is dated in the future"),
	    "stderr: %s", o.err);
	ck_assert_int_eq(count_lines(o.err), 1);
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	outcome_free(&o);
	/* the run rewrote the time: the next one is quiet and sends nothing */
	nic_run(&o, "--ip", "81.2.69.160", "-c", c, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_str_eq(o.err, "");
	ck_assert_int_eq(fake_count(&fk, "/nic/update"), 2);
	outcome_free(&o);
}
END_TEST

/* Records of gone profiles are dropped; unselected ones (-p) are kept. */
START_TEST(gone_profiles_are_pruned)
{
	const char *c = conf("\n[idle]\nserver = 127.0.0.1:9\nlogin = alice\n"
	    "password = " PASSWORD "\nhosts = idle.example.com\n");
	char *state = xasprintf("%s/state", tdir()), *s;
	struct outcome o;

	tfile("state", HDR "gone g.example.com ipv4 81.2.69.1 ok:good 1 1 00000000\n"
	    "idle idle.example.com ipv4 81.2.69.1 ok:good 1 1 00000000\n");
	nic_run(&o, "--ip", "81.2.69.160", "-c", c, "-p", "home", NULL);
	ck_assert_int_eq(o.rc, 0);
	outcome_free(&o);
	s = slurp(state);
	ck_assert_ptr_null(strstr(s, "g.example.com"));
	ck_assert_ptr_nonnull(strstr(s, "idle idle.example.com ipv4 81.2.69.1 ok:good 1 1 "));
	ck_assert_ptr_nonnull(strstr(s, "home nas.example.com ipv4 81.2.69.160 ok:good"));
	free(s);
	free(state);
}
END_TEST

/* --import-ddclient-cache bounds ddclient's times as the state file does. */
START_TEST(import_bounds_ddclient_times)
{
	const char *c = conf(NULL);
	const char *dd = tfile("ddclient.cache", "## ddclient-3.10.0\n"
	    "atime=100000000000000000,ip=81.2.69.160,mtime=99999999999999999999999,"
	    "status=good nas.example.com\n");
	char *state = xasprintf("%s/state", tdir()), *s;
	struct outcome o;

	nic_run(&o, "-c", c, "--import-ddclient-cache", dd, NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_msg(has_line(o.err, "nas.example.com", "out of range"), "stderr: %s",
	    o.err);
	outcome_free(&o);
	s = slurp(state);
	ck_assert_ptr_nonnull(strstr(s, "home nas.example.com ipv4 81.2.69.160 ok:good "));
	ck_assert_ptr_null(strstr(s, "0000000000"));
	free(s);
	nic_run(&o, "-c", c, "--status", NULL);
	ck_assert_int_eq(o.rc, 0);
	ck_assert_str_eq(o.err, "");
	outcome_free(&o);
	free(state);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("statefile");
	TCase *unit = tcase_create("refusals"), *e2e = tcase_create("binary");
	SRunner *sr;
	int failed;

	tcase_add_test(unit, device_node_is_refused);
	tcase_add_test(unit, fifo_is_refused_without_blocking);
	tcase_add_test(unit, directory_is_refused);
	tcase_add_test(unit, symlinks_are_not_followed);
	tcase_add_test(unit, files_not_ours_are_refused);
	tcase_add_test(unit, empty_file_is_an_empty_state);
	tcase_add_test(unit, huge_file_is_refused_unread);
	tcase_add_test(unit, stale_temp_is_removed_under_the_lock_only);
	tcase_add_test(unit, writable_directory_is_refused);
	tcase_add_test(unit, other_users_files_are_refused);
	tcase_add_test(unit, no_home_no_default_path);
	suite_add_tcase(s, unit);
	tcase_add_unchecked_fixture(e2e, fake_share, fake_unshare);
	tcase_add_checked_fixture(e2e, setup, teardown);
	tcase_add_test(e2e, device_node_cache_exits_74_untouched);
	tcase_add_test(e2e, config_as_cache_exits_74_untouched);
	tcase_add_test(e2e, endless_config_is_refused);
	tcase_add_test(e2e, huge_times_crash_no_mode);
	tcase_add_test(e2e, future_times_do_not_block_updates);
	tcase_add_test(e2e, gone_profiles_are_pruned);
	tcase_add_test(e2e, import_bounds_ddclient_times);
	suite_add_tcase(s, e2e);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return tsuite_status(failed);
}
