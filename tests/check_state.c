/*
 * Unit tests of the state file: parsing, atomic writing, modes, damaged
 * files and the lock, each test in a fresh temporary directory.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "state.h"
#include "capture.h"
#include "util.h"

/*
 * base: one directory per test case, made and removed by the runner (so it
 * goes even when a test fails); dir: a fresh one inside it per test.
 */
static char base[512], dir[600];

static void
rm_rf(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st) == -1)
		return;
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		if ((d = opendir(path)) != NULL) {
			while ((e = readdir(d)) != NULL) {
				char *sub;

				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				sub = xasprintf("%s/%s", path, e->d_name);
				rm_rf(sub);
				free(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void
case_setup(void)
{
	const char *top = getenv("TEST_TMPDIR") ? getenv("TEST_TMPDIR") : "/tmp";

	mkdir(top, 0700);
	snprintf(base, sizeof(base), "%s/check_state.XXXXXX", top);
	ck_assert_ptr_nonnull(mkdtemp(base));
}

static void
case_teardown(void)
{
	rm_rf(base);
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "%s/t.XXXXXX", base);
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	rm_rf(dir);
}

/* dir/name (caller frees). */
static char *
tpath(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
put(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

/* A whole file, NUL-terminated (caller frees), or NULL. */
static char *
slurp(const char *path)
{
	struct buf b = { 0 };
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd == -1)
		return NULL;
	buf_add(&b, "", 0);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	return b.s;
}

/* Entries of a directory other than . and .. */
static int
count_entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* state_parse with stderr into *err (caller frees). */
static void
parse(struct state *s, const char *name, const char *text, char **err)
{
	struct capture k;

	memset(s, 0, sizeof(*s));
	s->lockfd = -1;
	capture_start(&k, STDERR_FILENO);
	state_parse(s, name, text);
	*err = capture_end(&k);
}

static int
write_quiet(struct state *s, char **err)
{
	struct capture k;
	int rc;

	capture_start(&k, STDERR_FILENO);
	rc = state_write(s);
	*err = capture_end(&k);
	return rc;
}

/* "NAME:LINE:" */
static int
warned_at(const char *err, const char *name, int line)
{
	char where[128];

	snprintf(where, sizeof(where), "%s:%d:", name, line);
	return has_line(err, where, "");
}

/* ---- records ---- */

struct want {
	const char *profile, *host;
	enum fam fam;
	const char *addr, *status;
	long long atime, mtime;
	uint32_t fp;
};

static void
set(struct state *s, const struct want *w)
{
	struct srec *r = state_get(s, w->profile, w->host, w->fam);

	ck_assert_ptr_nonnull(r);
	snprintf(r->addr, sizeof(r->addr), "%s", w->addr);
	snprintf(r->status, sizeof(r->status), "%s", w->status);
	r->atime = w->atime;
	r->mtime = w->mtime;
	r->fp = w->fp;
}

static void
expect_rec(struct state *s, const struct want *w)
{
	struct srec *r = state_find(s, w->profile, w->host, w->fam);

	ck_assert_msg(r != NULL, "no record for %s %s %d", w->profile, w->host,
	    (int)w->fam);
	ck_assert_str_eq(r->profile, w->profile);
	ck_assert_str_eq(r->host, w->host);
	ck_assert_int_eq(r->fam, w->fam);
	ck_assert_str_eq(r->addr, w->addr);
	ck_assert_str_eq(r->status, w->status);
	ck_assert_int_eq(r->atime, w->atime);
	ck_assert_int_eq(r->mtime, w->mtime);
	ck_assert_uint_eq(r->fp, w->fp);
}

#define HDR "# nicupdate state 1\n"
#define REC_A "home a.example.com ipv4 192.0.2.1 ok:good 100 90 0000abcd\n"
#define REC_B "home b.example.com ipv6 2001:db8::2 temp:911 200 0 ffffffff\n"

static const struct want want_a = {
	"home", "a.example.com", FAM_V4, "192.0.2.1", "ok:good", 100, 90, 0xabcd,
};
static const struct want want_b = {
	"home", "b.example.com", FAM_V6, "2001:db8::2", "temp:911", 200, 0, 0xffffffffu,
};

/* ---- tests: reading and writing ---- */

START_TEST(test_missing_file)
{
	struct state s;
	char *path = tpath("none/state"), *err;

	ck_assert_int_eq(open_quiet(&s, path, 0, &err), 0);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_int_eq(s.lockfd, -1);
	ck_assert_str_eq(s.path, path);
	ck_assert_msg(err[0] == '\0', "unexpected stderr: %s", err);
	state_close(&s);
	free(err);
	free(path);
}
END_TEST

START_TEST(test_round_trip)
{
	static const struct want w[] = {
		{ "home", "a.example.com", FAM_V4, "192.0.2.1", "ok:good", 1700000000LL,
		  1699999000LL, 0xdeadbeefu },
		{ "home", "a.example.com", FAM_V6, "2001:db8::1", "temp:911", 5, 0, 0 },
		{ "work", "b.example.org", FAM_V4, "198.51.100.20", "auth:badauth",
		  4102444800LL, 3, 0xffffffffu },
		{ "work", "c.example.org", FAM_V6, "", "perm:nohost", 0, 0, 1 },
		{ "work_2", "*.d.example.org", FAM_V4, "203.0.113.9",
		  "temp:http-503", 12, 11, 0x0000ffffu },
	};
	/* written without a status: stored as "none:none" */
	static const struct want blank_in = {
		"x", "e.example.com", FAM_V4, "", "", 0, 0, 0,
	};
	static const struct want blank_out = {
		"x", "e.example.com", FAM_V4, "", "none:none", 0, 0, 0,
	};
	size_t nw = sizeof(w) / sizeof(w[0]);
	struct state s;
	char *path = tpath("state");

	ck_assert_int_eq(state_open(&s, path, 0), 0);
	for (size_t i = 0; i < nw; i++)
		set(&s, &w[i]);
	set(&s, &blank_in);
	ck_assert_uint_eq(s.n, nw + 1);
	ck_assert_int_eq(state_write(&s), 0);
	state_close(&s);

	ck_assert_int_eq(state_open(&s, path, 0), 0);
	ck_assert_uint_eq(s.n, nw + 1);
	for (size_t i = 0; i < nw; i++)
		expect_rec(&s, &w[i]);
	expect_rec(&s, &blank_out);
	/* and a second generation is the same */
	ck_assert_int_eq(state_write(&s), 0);
	state_close(&s);
	ck_assert_int_eq(state_open(&s, path, 0), 0);
	ck_assert_uint_eq(s.n, nw + 1);
	for (size_t i = 0; i < nw; i++)
		expect_rec(&s, &w[i]);
	state_close(&s);
	free(path);
}
END_TEST

START_TEST(test_file_format)
{
	struct state s;
	char *path = tpath("state"), *text;

	ck_assert_int_eq(state_open(&s, path, 0), 0);
	set(&s, &want_a);
	ck_assert_int_eq(state_write(&s), 0);
	state_close(&s);
	text = slurp(path);
	ck_assert_ptr_nonnull(text);
	ck_assert_msg(strncmp(text, HDR, strlen(HDR)) == 0, "header: %s", text);
	ck_assert_ptr_nonnull(strstr(text,
	    "\nhome a.example.com ipv4 192.0.2.1 ok:good 100 90 f2:0000abcd\n"));
	free(text);
	free(path);
}
END_TEST

START_TEST(test_mode_0600)
{
	struct state s;
	struct stat st;
	char *path = tpath("state");

	umask(0);
	/* a new file, and an existing one with a wider mode */
	for (int round = 0; round < 2; round++) {
		ck_assert_int_eq(state_open(&s, path, 0), 0);
		set(&s, &want_a);
		ck_assert_int_eq(state_write(&s), 0);
		state_close(&s);
		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_msg((st.st_mode & 07777) == 0600, "mode %o",
		    (unsigned)(st.st_mode & 07777));
		ck_assert_int_eq(chmod(path, 0666), 0);
	}
	free(path);
}
END_TEST

/* Regression: a path without '/' made make_parent() write into dirname()'s "." */
START_TEST(test_relative_path)
{
	char *rel = tpath("rel"), cwd[4096];
	struct state s;

	ck_assert_int_eq(mkdir(rel, 0700), 0);
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(chdir(rel), 0);
	ck_assert_int_eq(state_open(&s, "nic.cache", 1), 0);
	state_get(&s, "home", "a.example.com", FAM_V4)->atime = 5;
	ck_assert_int_eq(state_write(&s), 0);
	state_close(&s);
	ck_assert_int_eq(access("nic.cache", R_OK), 0);
	ck_assert_int_eq(chdir(cwd), 0);
	free(rel);
}
END_TEST

START_TEST(test_parent_dirs_created)
{
	struct state s;
	struct stat st;
	char *path = tpath("a/b/c/state"), *sub = tpath("a/b"), *lpath;

	umask(0);
	ck_assert_int_eq(state_open(&s, path, 0), 0);
	set(&s, &want_a);
	ck_assert_int_eq(state_write(&s), 0);
	state_close(&s);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_int_eq(stat(sub, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_msg((st.st_mode & 077) == 0, "directory mode %o",
	    (unsigned)(st.st_mode & 07777));
	free(path);
	free(sub);

	/* locking creates them too */
	path = tpath("x/y/state");
	lpath = tpath("x/y/state.lock");
	ck_assert_int_eq(state_open(&s, path, 1), 0);
	ck_assert_int_ge(s.lockfd, 0);
	ck_assert_int_eq(stat(lpath, &st), 0);
	state_close(&s);
	free(path);
	free(lpath);
}
END_TEST

/* The write goes through a temporary file that does not stay behind. */
START_TEST(test_no_temp_left)
{
	struct state s;
	char *sub = tpath("d"), *path = tpath("d/state");

	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(state_open(&s, path, 0), 0);
	for (int i = 0; i < 3; i++) {
		set(&s, i == 1 ? &want_b : &want_a);
		ck_assert_int_eq(state_write(&s), 0);
	}
	state_close(&s);
	ck_assert_int_eq(count_entries(sub), 1);
	free(sub);
	free(path);
}
END_TEST

START_TEST(test_get_find)
{
	struct state s;
	struct srec *r, *again;

	memset(&s, 0, sizeof(s));
	s.lockfd = -1;
	ck_assert_ptr_null(state_find(&s, "home", "a.example.com", FAM_V4));
	r = state_get(&s, "home", "a.example.com", FAM_V4);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->profile, "home");
	ck_assert_str_eq(r->host, "a.example.com");
	ck_assert_int_eq(r->fam, FAM_V4);
	ck_assert_str_eq(r->addr, "");
	ck_assert_str_eq(r->status, "");
	ck_assert_int_eq(r->atime, 0);
	ck_assert_int_eq(r->mtime, 0);
	ck_assert_uint_eq(r->fp, 0);
	r->atime = 7;
	again = state_get(&s, "home", "a.example.com", FAM_V4);
	ck_assert_ptr_eq(again, r);
	ck_assert_uint_eq(s.n, 1);
	/* family, host and profile each make a record distinct */
	state_get(&s, "home", "a.example.com", FAM_V6);
	state_get(&s, "home", "b.example.com", FAM_V4);
	state_get(&s, "work", "a.example.com", FAM_V4);
	ck_assert_uint_eq(s.n, 4);
	ck_assert_int_eq(state_find(&s, "home", "a.example.com", FAM_V4)->atime, 7);
	ck_assert_int_eq(state_find(&s, "home", "a.example.com", FAM_V6)->atime, 0);
	ck_assert_ptr_null(state_find(&s, "work", "b.example.com", FAM_V4));
	state_close(&s);
}
END_TEST

/* Many records: each found in constant time, and still after growing. */
START_TEST(test_many_records)
{
	/* enough to grow the index many times; its speed is bench/scale.sh's */
	enum { N = 20000 };
	struct state s;
	char host[32];
	int bad = 0;

	memset(&s, 0, sizeof(s));
	s.lockfd = -1;
	for (int i = 0; i < N; i++) {
		snprintf(host, sizeof(host), "h%d.example.com", i);
		state_get(&s, "big", host, FAM_V4)->atime = i + 1;
	}
	ck_assert_uint_eq(s.n, N);
	for (int i = 0; i < N; i++) {
		struct srec *r;

		snprintf(host, sizeof(host), "h%d.example.com", i);
		r = state_find(&s, "big", host, FAM_V4);
		bad += r == NULL || r->atime != i + 1 ||
		    state_get(&s, "big", host, FAM_V4) != r ||
		    state_find(&s, "big", host, FAM_V6) != NULL;
	}
	ck_assert_int_eq(bad, 0);
	ck_assert_uint_eq(s.n, N);
	state_close(&s);
}
END_TEST

static int
keep_not_gone(const char *profile, const void *arg)
{
	return strcmp(profile, (const char *)arg) != 0;
}

START_TEST(test_prune)
{
	struct state s;
	char *err;

	parse(&s, "st", HDR REC_A "gone a.example.com ipv4 192.0.2.9 ok:good 1 1 0\n"
	    REC_B "gone z.example.com ipv4 192.0.2.9 ok:good 1 1 0\n", &err);
	ck_assert_uint_eq(s.n, 4);
	state_prune(&s, keep_not_gone, "nothing");
	ck_assert_uint_eq(s.n, 4);
	ck_assert_int_eq(s.dirty, 0);
	state_prune(&s, keep_not_gone, "gone");
	ck_assert_uint_eq(s.n, 2);
	ck_assert_int_eq(s.dirty, 1);
	expect_rec(&s, &want_a);
	expect_rec(&s, &want_b);
	ck_assert_ptr_null(state_find(&s, "gone", "a.example.com", FAM_V4));
	ck_assert_ptr_null(state_find(&s, "gone", "z.example.com", FAM_V4));
	state_get(&s, "gone", "a.example.com", FAM_V4);
	ck_assert_uint_eq(s.n, 3);
	expect_rec(&s, &want_b);
	state_close(&s);
	free(err);
}
END_TEST

START_TEST(test_fmt_time)
{
	static const struct {
		long long t;
		int secs;
		const char *want;
	} cases[] = {
		{ 0, 0, "-" }, { -5, 1, "-" }, { LLONG_MIN, 0, "-" },
		{ 31536000, 0, "1971-01-01 00:00" }, { 31536001, 1, "1971-01-01 00:00:01" },
		{ STATE_TIME_MAX, 1, "9999-12-31 23:59:59" },
		{ 100000000000000000LL, 0, "@100000000000000000" },
		{ LLONG_MAX, 1, "@9223372036854775807" },
	};
	char buf[32];

	setenv("TZ", "UTC", 1);
	tzset();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fmt_time(buf, sizeof(buf), cases[i].t, cases[i].secs);
		ck_assert_str_eq(buf, cases[i].want);
	}
}
END_TEST

/* ---- tests: damaged files ---- */

/* Times are 0 to the end of year 9999: anything else is reported, skipped. */
START_TEST(test_time_bounds)
{
	struct state s;
	char *err;

	parse(&s, "st", HDR
	    "home a.example.com ipv4 - none:none 100000000000000000 0 0\n"
	    "home b.example.com ipv4 - none:none 1 253402300800 0\n"
	    "home c.example.com ipv4 - none:none 99999999999999999999 0 0\n"
	    "home d.example.com ipv4 - none:none 253402300799 253402300799 0\n", &err);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_int_eq(state_find(&s, "home", "d.example.com", FAM_V4)->atime,
	    STATE_TIME_MAX);
	for (int line = 2; line <= 4; line++) {
		char where[16];

		snprintf(where, sizeof(where), "st:%d:", line);
		ck_assert_msg(has_line(err, where, "time out of range"), "line %d: %s", line,
		    err);
	}
	ck_assert_int_eq(count_lines(err), 3);
	state_close(&s);
	free(err);
}
END_TEST

START_TEST(test_empty_text)
{
	struct state s;
	char *err;

	parse(&s, "st", "", &err);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_msg(err[0] == '\0', "unexpected stderr: %s", err);
	state_close(&s);
	free(err);
	parse(&s, "st", HDR, &err);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_msg(err[0] == '\0', "unexpected stderr: %s", err);
	state_close(&s);
	free(err);
}
END_TEST

START_TEST(test_parse_good)
{
	struct state s;
	char *err;

	parse(&s, "st", HDR "# a comment\n" REC_A "\n" REC_B, &err);
	ck_assert_msg(err[0] == '\0', "unexpected stderr: %s", err);
	ck_assert_uint_eq(s.n, 2);
	expect_rec(&s, &want_a);
	expect_rec(&s, &want_b);
	state_close(&s);
	free(err);
}
END_TEST

START_TEST(test_wrong_version)
{
	static const char *bad[] = {
		"# nicupdate state 2\n" REC_A,
		"# nicupdate state 0\n" REC_A,
		"# nicupdate state one\n" REC_A,
		"# some other file\n" REC_A,
		REC_A REC_B,
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct state s;
		char *err;

		parse(&s, "st", bad[i], &err);
		ck_assert_msg(s.n == 0, "%zu records read from\n%s", s.n, bad[i]);
		ck_assert_msg(has_line(err, "st", "version"), "no warning for\n%s\n"
		    "stderr: %s", bad[i], err);
		state_close(&s);
		free(err);
	}
}
END_TEST

/* The same through state_open: a file of another version is empty state. */
START_TEST(test_wrong_version_file)
{
	struct state s;
	char *path = tpath("state"), *err;
	static const char text[] = "# nicupdate state 9\n" REC_A;

	put(path, text, sizeof(text) - 1);
	ck_assert_int_eq(open_quiet(&s, path, 0, &err), 0);
	ck_assert_uint_eq(s.n, 0);
	ck_assert(has_line(err, path, "version"));
	state_close(&s);
	free(err);
	free(path);
}
END_TEST

START_TEST(test_corrupt_lines)
{
	static const char text[] =
	    HDR								/* 1 */
	    "# profile host family address status attempt success fingerprint\n"
	    REC_A							/* 3 */
	    "home b.example.com ipv4 192.0.2.2 ok:good 100\n"		/* 4: too few */
	    "home c.example.com ipv5 192.0.2.3 ok:good 100 90 0\n"	/* 5: family */
	    "home d.example.com ipv4 300.0.2.4 ok:good 100 90 0\n"	/* 6: address */
	    "home e.example.com ipv4 192.0.2.5 ok:good 1x0 90 0\n"	/* 7: number */
	    "home f.example.com ipv4 192.0.2.6 okgood 100 90 0\n"	/* 8: status */
	    REC_B							/* 9 */
	    "home h.example.com ipv4 192.0.2.8 ok:good 100 90 0 x\n"	/* 10: too many */
	    "home i.example.com ipv4 192.0.2.9 ok:good 100 -5 0\n"	/* 11: negative */
	    "home j.example.com ipv4 192.0.2.10 ok:good 100 90 xyz\n"	/* 12: fp */
	    "home k.example.com ipv4 2001:db8::1 ok:good 100 90 0\n"	/* 13: family */
	    "home l.example.com ipv4 192.0.2.11 ok:good 100 90 100000000\n" /* 14: fp */
	    "home m.example.com ipv6 - none:none 0 0 0\n"		/* 15 */
	    "home n.example.com ipv4 192.0.2.12 ok:good 99999999999999999999 90 0\n"
	    "home o.example.com ipv4 192.0.2.13 "			/* 17: status */
	    "ok:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 1 1 0\n";
	static const int bad[] = { 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 16, 17 };
	static const struct want want_m = {
		"home", "m.example.com", FAM_V6, "", "none:none", 0, 0, 0,
	};
	struct state s;
	char *err;

	parse(&s, "st", text, &err);
	ck_assert_msg(s.n == 3, "%zu records kept; stderr:\n%s", s.n, err);
	expect_rec(&s, &want_a);
	expect_rec(&s, &want_b);
	expect_rec(&s, &want_m);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(warned_at(err, "st", bad[i]), "no warning for line %d:\n%s",
		    bad[i], err);
	ck_assert_msg(!warned_at(err, "st", 3) && !warned_at(err, "st", 9) &&
	    !warned_at(err, "st", 15), "warning for a good line:\n%s", err);
	ck_assert_int_eq(count_lines(err), (int)(sizeof(bad) / sizeof(bad[0])));
	state_close(&s);
	free(err);
}
END_TEST

START_TEST(test_duplicate_lines)
{
	struct state s;
	char *err;

	parse(&s, "st", HDR REC_A
	    "home a.example.com ipv4 192.0.2.99 ok:nochg 500 500 00000001\n"	/* 3 */
	    "home a.example.com ipv6 2001:db8::9 ok:good 1 1 0\n"		/* 4 */
	    REC_A, &err);							/* 5 */
	ck_assert_uint_eq(s.n, 2);
	expect_rec(&s, &want_a);	/* the first wins */
	ck_assert_ptr_nonnull(state_find(&s, "home", "a.example.com", FAM_V6));
	ck_assert_msg(has_line(err, "st:3:", "duplicate"), "stderr: %s", err);
	ck_assert_msg(has_line(err, "st:5:", "duplicate"), "stderr: %s", err);
	ck_assert_msg(!warned_at(err, "st", 4), "stderr: %s", err);
	state_close(&s);
	free(err);
}
END_TEST

/* A file cut short (crash, full disk) keeps its whole lines. */
START_TEST(test_truncated_last_line)
{
	static const char *cut[] = {
		HDR REC_A "home b.example.com ipv6 2001:db8::2 tem",
		HDR REC_A "home b.example.com ipv6 2001:db8::2 temp:911 200 0",
		HDR REC_A "home b.example.com ipv6 2001:db",
		HDR REC_A "h",
	};

	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		struct state s;
		char *path = tpath("state"), *err;

		put(path, cut[i], strlen(cut[i]));
		ck_assert_int_eq(open_quiet(&s, path, 0, &err), 0);
		ck_assert_msg(s.n == 1, "%zu records from\n%s", s.n, cut[i]);
		expect_rec(&s, &want_a);
		ck_assert_msg(warned_at(err, path, 3), "no warning for line 3:\n%s", err);
		state_close(&s);
		free(err);
		free(path);
	}
}
END_TEST

START_TEST(test_nul_bytes)
{
	static const char text[] = HDR REC_A
	    "home c.example.com ipv4 192.0.2.3 ok:go\0od 1 2 3\n" REC_B;
	static const char lead[] = "\0" HDR REC_A;
	struct state s;
	char *path = tpath("state"), *err;

	put(path, text, sizeof(text) - 1);
	ck_assert_int_eq(open_quiet(&s, path, 0, &err), 0);
	expect_rec(&s, &want_a);
	ck_assert_ptr_null(state_find(&s, "home", "c.example.com", FAM_V4));
	ck_assert_msg(has_line(err, path, "NUL"), "stderr: %s", err);
	state_close(&s);
	free(err);

	/* a NUL before the header: not a state file, so not ours to replace */
	put(path, lead, sizeof(lead) - 1);
	ck_assert_int_eq(open_quiet(&s, path, 0, &err), -1);
	ck_assert_msg(has_line(err, path, "not a nicupdate state file"), "stderr: %s", err);
	state_close(&s);
	free(err);
	free(path);
}
END_TEST

/* ---- tests: failures ---- */

START_TEST(test_open_unreadable)
{
	struct state s;
	char *path = tpath("adir"), *err;

	/* a directory cannot be read as a file */
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(open_quiet(&s, path, 0, &err), -1);
	ck_assert_msg(has_line(err, path, ""), "stderr: %s", err);
	state_close(&s);
	free(err);
	free(path);
}
END_TEST

/* Permissions do not stop root: only run as another user. */
START_TEST(test_open_no_permission)
{
	struct state s;
	char *path = tpath("state"), *err;

	put(path, HDR REC_A, strlen(HDR REC_A));
	ck_assert_int_eq(chmod(path, 0), 0);
	ck_assert_int_eq(open_quiet(&s, path, 0, &err), -1);
	ck_assert_msg(has_line(err, path, ""), "stderr: %s", err);
	state_close(&s);
	free(err);
	free(path);
}
END_TEST

START_TEST(test_write_parent_is_file)
{
	struct state s;
	char *file = tpath("file"), *path = tpath("file/state"), *err;

	put(file, "x", 1);
	/* it cannot be read (not a missing file: ENOTDIR) */
	ck_assert_int_eq(open_quiet(&s, path, 0, &err), -1);
	ck_assert_msg(has_line(err, path, ""), "stderr: %s", err);
	state_close(&s);
	free(err);

	/* nor written */
	memset(&s, 0, sizeof(s));
	s.lockfd = -1;
	s.path = xstrdup(path);
	set(&s, &want_a);
	ck_assert_int_eq(write_quiet(&s, &err), -1);
	ck_assert_msg(has_line(err, path, ""), "stderr: %s", err);
	state_close(&s);
	free(err);

	/* nor can it be locked there */
	ck_assert_int_eq(open_quiet(&s, path, 1, &err), -1);
	ck_assert_int_eq(s.lockfd, -1);
	state_close(&s);
	free(err);
	free(file);
	free(path);
}
END_TEST

/* rename() onto a directory fails: -1, the directory stays, no temp file. */
START_TEST(test_write_onto_directory)
{
	struct state s;
	struct stat st;
	char *sub = tpath("d"), *path = tpath("d/state"), *err;

	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	memset(&s, 0, sizeof(s));
	s.lockfd = -1;
	s.path = xstrdup(path);
	set(&s, &want_a);
	ck_assert_int_eq(write_quiet(&s, &err), -1);
	ck_assert_msg(has_line(err, path, ""), "stderr: %s", err);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(count_entries(sub), 1);
	state_close(&s);
	free(err);
	free(sub);
	free(path);
}
END_TEST

/* A read-only directory: -1, and the old file is left as it was. */
START_TEST(test_write_readonly_dir)
{
	static const char old[] = HDR REC_B;
	struct state s;
	char *sub = tpath("ro"), *path = tpath("ro/state"), *err, *now;

	ck_assert_int_eq(mkdir(sub, 0700), 0);
	put(path, old, sizeof(old) - 1);
	ck_assert_int_eq(state_open(&s, path, 0), 0);
	set(&s, &want_a);
	ck_assert_int_eq(chmod(sub, 0500), 0);
	ck_assert_int_eq(write_quiet(&s, &err), -1);
	ck_assert_int_eq(chmod(sub, 0700), 0);
	ck_assert_msg(has_line(err, path, ""), "stderr: %s", err);
	now = slurp(path);
	ck_assert_ptr_nonnull(now);
	ck_assert_str_eq(now, old);
	ck_assert_int_eq(count_entries(sub), 1);
	state_close(&s);
	free(now);
	free(err);
	free(sub);
	free(path);
}
END_TEST

/* ---- tests: the lock ---- */

/*
 * A child process that takes "<path>.lock" with flock() and holds it for
 * hold_ms, or (hold_ms 0) until *release is closed. Returns when the lock
 * is held.
 */
static pid_t
hold_lock(const char *path, long hold_ms, int *release)
{
	char *lockpath = xasprintf("%s.lock", path);
	int ready[2], rel[2];
	pid_t pid;
	char c;

	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(rel), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fd = open(lockpath, O_RDWR | O_CREAT, 0600);

		free(lockpath);
		close(ready[0]);
		close(rel[1]);
		if (fd == -1 || flock(fd, LOCK_EX) == -1 || write(ready[1], "x", 1) != 1)
			_exit(1);
		if (hold_ms > 0)
			usleep((useconds_t)hold_ms * 1000);
		else if (read(rel[0], &c, 1) < 0)	/* EOF when released */
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(rel[0]);
	ck_assert_msg(read(ready[0], &c, 1) == 1, "the child could not take the lock");
	close(ready[0]);
	*release = rel[1];
	free(lockpath);
	return pid;
}

static void
reap(pid_t pid)
{
	int status;

	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Another run holds the lock for good: -2 after STATE_LOCK_WAIT_MS. */
START_TEST(test_lock_held)
{
	struct state s;
	char *path = tpath("state"), *err;
	int release;
	pid_t pid;
	long long t0, ms;
	int rc;

	put(path, HDR REC_A, strlen(HDR REC_A));
	pid = hold_lock(path, 0, &release);
	t0 = now_ms();
	rc = open_quiet(&s, path, 1, &err);
	ms = now_ms() - t0;
	ck_assert_int_eq(rc, -2);
	ck_assert_int_eq(s.lockfd, -1);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_msg(ms >= STATE_LOCK_WAIT_MS - 200 && ms < STATE_LOCK_WAIT_MS + 5000,
	    "gave up after %lld ms", ms);
	ck_assert_msg(has_line(err, ".lock", "lock"), "stderr: %s", err);
	state_close(&s);
	free(err);
	close(release);
	reap(pid);

	/* released: the lock is ours at once (well before the 10 s wait, even
	 * on a loaded machine) */
	t0 = now_ms();
	ck_assert_int_eq(state_open(&s, path, 1), 0);
	ck_assert_int_lt(now_ms() - t0, STATE_LOCK_WAIT_MS / 2);
	ck_assert_int_ge(s.lockfd, 0);
	expect_rec(&s, &want_a);
	state_close(&s);
	free(path);
}
END_TEST

/* A lock held briefly is waited for. */
START_TEST(test_lock_waits)
{
	struct state s;
	char *path = tpath("state");
	int release;
	pid_t pid;
	long long t0, ms;

	pid = hold_lock(path, 800, &release);
	t0 = now_ms();
	ck_assert_int_eq(state_open(&s, path, 1), 0);
	ms = now_ms() - t0;
	ck_assert_msg(ms >= 500 && ms < STATE_LOCK_WAIT_MS, "took the lock after %lld ms",
	    ms);
	ck_assert_int_ge(s.lockfd, 0);
	state_close(&s);
	close(release);
	reap(pid);
	free(path);
}
END_TEST

/* While a state is open with lock, nobody else gets the lock. */
START_TEST(test_lock_exclusive)
{
	struct state s;
	char *path = tpath("state"), *lockpath = tpath("state.lock");
	int fd;

	ck_assert_int_eq(state_open(&s, path, 1), 0);
	ck_assert_int_ge(s.lockfd, 0);
	fd = open(lockpath, O_RDWR);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(flock(fd, LOCK_EX | LOCK_NB), -1);
	ck_assert_int_eq(errno, EWOULDBLOCK);
	state_close(&s);
	ck_assert_int_eq(s.lockfd, -1);
	ck_assert_int_eq(flock(fd, LOCK_EX | LOCK_NB), 0);
	close(fd);
	/* without lock, no lock is taken */
	ck_assert_int_eq(state_open(&s, path, 0), 0);
	ck_assert_int_eq(s.lockfd, -1);
	state_close(&s);
	free(path);
	free(lockpath);
}
END_TEST

static Suite *
state_suite(void)
{
	Suite *s = suite_create("state");
	TCase *io = tcase_create("io");
	TCase *bad = tcase_create("damaged");
	TCase *fail = tcase_create("failures");
	TCase *lock = tcase_create("lock");

	tcase_add_unchecked_fixture(io, case_setup, case_teardown);
	tcase_add_unchecked_fixture(bad, case_setup, case_teardown);
	tcase_add_unchecked_fixture(fail, case_setup, case_teardown);
	tcase_add_unchecked_fixture(lock, case_setup, case_teardown);
	tcase_add_checked_fixture(io, setup, teardown);
	tcase_add_checked_fixture(bad, setup, teardown);
	tcase_add_checked_fixture(fail, setup, teardown);
	tcase_add_checked_fixture(lock, setup, teardown);

	tcase_add_test(io, test_missing_file);
	tcase_add_test(io, test_round_trip);
	tcase_add_test(io, test_file_format);
	tcase_add_test(io, test_mode_0600);
	tcase_add_test(io, test_parent_dirs_created);
	tcase_add_test(io, test_relative_path);
	tcase_add_test(io, test_no_temp_left);
	tcase_add_test(io, test_get_find);
	tcase_add_test(io, test_many_records);
	tcase_add_test(io, test_prune);
	tcase_add_test(io, test_fmt_time);
	suite_add_tcase(s, io);

	tcase_add_test(bad, test_empty_text);
	tcase_add_test(bad, test_parse_good);
	tcase_add_test(bad, test_wrong_version);
	tcase_add_test(bad, test_wrong_version_file);
	tcase_add_test(bad, test_corrupt_lines);
	tcase_add_test(bad, test_duplicate_lines);
	tcase_add_test(bad, test_truncated_last_line);
	tcase_add_test(bad, test_nul_bytes);
	tcase_add_test(bad, test_time_bounds);
	suite_add_tcase(s, bad);

	tcase_add_test(fail, test_open_unreadable);
	tcase_add_test(fail, test_write_parent_is_file);
	tcase_add_test(fail, test_write_onto_directory);
	/* root bypasses permissions; the two tests above fail writes anyway */
	if (geteuid() != 0) {
		tcase_add_test(fail, test_open_no_permission);
		tcase_add_test(fail, test_write_readonly_dir);
	}
	suite_add_tcase(s, fail);

	tcase_set_timeout(lock, STATE_LOCK_WAIT_MS / 1000 * 3);
	tcase_add_test(lock, test_lock_held);
	tcase_add_test(lock, test_lock_waits);
	tcase_add_test(lock, test_lock_exclusive);
	suite_add_tcase(s, lock);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(state_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
