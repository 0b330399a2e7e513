/*
 * End-to-end test support: a loopback fake provider (tests/fakeprovider.py)
 * started per test on port 0, and the real nicupdate binary run against it.
 * Paths come from the environment set by make check (see Makefile.am).
 */
#ifndef NICUPDATE_HARNESS_H
#define NICUPDATE_HARNESS_H

#include <sys/types.h>

struct fake {
	pid_t pid;
	int port;
	int stdin_fd;		/* closing it stops the server */
	char log[1024];		/* request log */
	char base[128];		/* "http://127.0.0.1:PORT" */
	int shared;		/* the fake of fake_share(): stopping lends it back */
};

struct outcome {
	int rc;
	char *out, *err;	/* what the run printed */
	double secs;		/* wall time */
};

/*
 * CK_TIMEOUT_MULTIPLIER (set under valgrind and sanitizers), or 1: every
 * bound on an elapsed time is multiplied by it.
 */
double tscale(void);
/* A fresh directory for this test; every file the test makes goes there. */
const char *tdir(void);
/* Write text to tdir()/name (mode 0600) and return the full path. */
const char *tfile(const char *name, const char *text);
/* Create TLS material in tdir()/certs (tests/mkcerts.sh); returns that dir. */
const char *tcerts(void);

/* Start the fake provider with a JSON config; bind NULL = 127.0.0.1. */
void fake_start(struct fake *f, const char *json, const char *bind, int tls);
void fake_stop(struct fake *f);
/* The same for tests/fakedns.py, the loopback DNS over HTTPS resolver. */
void fakedns_start(struct fake *f, const char *json, const char *bind, int tls);
/*
 * An unchecked fixture (started once, in the runner, for a test case):
 * fake_share() starts a fake that fake_start() then lends to the test
 * (plain HTTP on 127.0.0.1, one fake at a time) after resetting it to the
 * test's JSON config, with no address, sequence or logged request left
 * from the test before; fake_stop() gives it back for the next test. A
 * second fake in one test (even after the first stopped), a TLS one or one
 * on another address is started as before.
 */
void fake_share(void);
void fake_unshare(void);
/* Lines of the request log that contain every one of the given strings. */
int fake_count(const struct fake *f, const char *needle);
/* The whole request log (caller frees). */
char *fake_log(const struct fake *f);

/*
 * Run the built nicupdate with the NULL-terminated argument list. The run's
 * output is checked never to contain any secret registered with tsecret().
 * A run still going after 20 s (times tscale()) is killed and fails the
 * test; so does a fake provider that does not start or stop within bounds.
 */
void nic_run(struct outcome *o, const char *arg, ...);
/* Set: runs see JOURNAL_STREAM naming their stderr, as under systemd. */
extern int harness_journal;
void outcome_free(struct outcome *o);
/* A secret of 8 characters or more must never show; a shorter one as a whole token. */
void tsecret(const char *s);
/* The password and the Basic credentials base64("login:password"). */
void tsecret_login(const char *login, const char *password);

/* Read a whole file (caller frees), or NULL. */
char *slurp(const char *path);
struct strlist;
struct buf;

/* qsort() comparison of two char * */
int tcmp_str(const void *a, const void *b);
/* Sort l's strings bytewise. */
void tsort(struct strlist *l);
/* l's strings sorted, each then '\n', appended to b; l is freed. */
void tsorted_lines(struct strlist *l, struct buf *b);

/*
 * A case that cannot run here (no root, no unshare): say why on stderr and
 * remember it, so that tsuite_status() makes the suite SKIP (77), never a
 * silent PASS. Cases run in forked children: the note goes through a file.
 */
void tskip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The suite's exit status: 1 on failures, else 77 when a case skipped. */
int tsuite_status(int failed);

#endif
