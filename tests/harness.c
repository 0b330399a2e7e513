#include <check.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "harness.h"
#include "util.h"

extern char **environ;

int harness_journal;

/* Deadlines, before tscale(): far above what a healthy run takes. */
#define FAKE_START_SECS	20.0
#define FAKE_STOP_SECS	5.0
#define NIC_RUN_SECS	20.0

static char dir[512];
static const char *secrets[16];
static int nsecrets;

static const char *
env(const char *name)
{
	const char *v = getenv(name);

	ck_assert_msg(v != NULL, "%s is not set: run the tests with make check", name);
	return v;
}

double
tscale(void)
{
	const char *v = getenv("CK_TIMEOUT_MULTIPLIER");
	char *end;
	double m;

	if (v == NULL || *v == '\0')
		return 1.0;
	m = strtod(v, &end);
	ck_assert_msg(*end == '\0' && m >= 1.0 && m <= 1000.0,
	    "CK_TIMEOUT_MULTIPLIER=%s: want a number from 1 to 1000", v);
	return m;
}

static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Sleep until a child may have exited, at most until limit: on its pidfd
 * (readable once it exits) where the kernel has them, else a nap that
 * doubles, at most 32 ms late.
 */
static void
nap_for(int pidfd, long *nap_ns, long long limit)
{
	struct timespec nap = { 0, *nap_ns };

	if (pidfd >= 0) {
		struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
		long long left = limit - mono_ms();

		poll(&pfd, 1, left > 0 ? (int)(left < 1000 ? left : 1000) : 0);
		return;
	}
	nanosleep(&nap, NULL);
	if (*nap_ns < 16000000)
		*nap_ns *= 2;
}

/*
 * Wait for child pid at most secs (scaled by tscale()); a child still
 * running then is killed with SIGKILL and the test fails naming it.
 */
static int
wait_child(pid_t pid, double secs, const char *what)
{
	long long limit = mono_ms() + (long long)(secs * tscale() * 1000);
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0), status;
	long nap_ns = 2000000;
	pid_t r;

	while ((r = waitpid(pid, &status, WNOHANG)) == 0 || (r == -1 && errno == EINTR)) {
		if (r == 0 && mono_ms() >= limit) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
				;
			if (pidfd >= 0)
				close(pidfd);
			ck_abort_msg("%s (pid %d) still running after %.0f s: killed",
			    what, (int)pid, secs * tscale());
		}
		nap_for(pidfd, &nap_ns, limit);
	}
	if (pidfd >= 0)
		close(pidfd);
	ck_assert_msg(r == pid, "waitpid(%s): %s", what, strerror(errno));
	return status;
}

const char *
tdir(void)
{
	if (dir[0] == '\0') {
		const char *top = getenv("TEST_TMPDIR") ? getenv("TEST_TMPDIR") : "/tmp";

		mkdir(top, 0700);
		snprintf(dir, sizeof(dir), "%s/t.XXXXXX", top);
		ck_assert_ptr_nonnull(mkdtemp(dir));
	}
	return dir;
}

/* Write text to dir/name (mode 0600) into path. */
static void
write_file(char *path, size_t n, const char *d, const char *name, const char *text)
{
	FILE *f;

	snprintf(path, n, "%s/%s", d, name);
	f = fopen(path, "w");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	fchmod(fileno(f), 0600);
	fputs(text, f);
	fclose(f);
}

const char *
tfile(const char *name, const char *text)
{
	static char path[8][640];
	static int next;
	char *p = path[next++ % 8];

	write_file(p, sizeof(path[0]), tdir(), name, text);
	return p;
}

char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = NULL;
	size_t len = 0;
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		s = realloc(s, len + n + 1);
		memcpy(s + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (s == NULL)
		s = calloc(1, 1);
	else
		s[len] = '\0';
	return s;
}

const char *
tcerts(void)
{
	static char certs[640];
	char cmd[1500];

	snprintf(certs, sizeof(certs), "%s/certs", tdir());
	snprintf(cmd, sizeof(cmd), "sh '%s' '%s'", env("MKCERTS"), certs);
	ck_assert_int_eq(system(cmd), 0);
	return certs;
}

/* Start a fake provider whose config and log are in directory d. */
static void
fake_spawn(struct fake *f, const char *d, const char *json, const char *bind, int tls)
{
	char conf[640], port[64] = "", certs_arg[2][700];
	const char *argv[16];
	int in[2], out[2], n = 0, r, e;
	posix_spawn_file_actions_t fa;
	struct pollfd pfd;
	FILE *pf;

	memset(f, 0, sizeof(*f));
	write_file(conf, sizeof(conf), d, "fake.json", json ? json : "{}");
	snprintf(f->log, sizeof(f->log), "%s/requests.%d.log", d, (int)time(NULL));
	/* a second server in one test gets its own log */
	for (int i = 0; access(f->log, F_OK) == 0; i++)
		snprintf(f->log, sizeof(f->log), "%s/requests.%d.log", d, i);
	argv[n++] = env("PYTHON3");
	/* no site packages, no PYTHON* variables: the fake needs the
	 * standard library only, and starts faster without them */
	argv[n++] = "-S";
	argv[n++] = "-E";
	argv[n++] = env("FAKEPROVIDER");
	argv[n++] = "--config";
	argv[n++] = conf;
	argv[n++] = "--log";
	argv[n++] = f->log;
	argv[n++] = "--bind";
	argv[n++] = bind ? bind : "127.0.0.1";
	if (tls) {
		const char *certs = tcerts();

		snprintf(certs_arg[0], sizeof(certs_arg[0]), "%s/%s.pem", certs,
		    tls == 1 ? "server" : tls == 2 ? "wronghost" : "untrusted");
		snprintf(certs_arg[1], sizeof(certs_arg[1]), "%s/%s.key", certs,
		    tls == 1 ? "server" : tls == 2 ? "wronghost" : "untrusted");
		argv[n++] = "--cert";
		argv[n++] = certs_arg[0];
		argv[n++] = "--key";
		argv[n++] = certs_arg[1];
	}
	argv[n] = NULL;
	ck_assert_int_eq(pipe(in), 0);
	ck_assert_int_eq(pipe(out), 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	e = posix_spawn(&f->pid, argv[0], &fa, NULL, (char **)argv, environ);
	ck_assert_msg(e == 0, "cannot run %s: %s", argv[0], strerror(e));
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	fcntl(in[1], F_SETFD, FD_CLOEXEC);
	f->stdin_fd = in[1];
	/* readiness handshake: the server prints its port once it listens */
	pfd.fd = out[0];
	pfd.events = POLLIN;
	while ((r = poll(&pfd, 1, (int)(FAKE_START_SECS * tscale() * 1000))) == -1 &&
	    errno == EINTR)
		;
	if (r != 1) {
		close(out[0]);
		fake_stop(f);
	}
	ck_assert_msg(r == 1, "fake provider (%s) did not print its port within %.0f s",
	    argv[3], FAKE_START_SECS * tscale());
	pf = fdopen(out[0], "r");
	ck_assert_ptr_nonnull(fgets(port, sizeof(port), pf));
	fclose(pf);
	ck_assert_msg(sscanf(port, "PORT %d", &f->port) == 1,
	    "fake provider (%s) did not start: see its error above", argv[3]);
	snprintf(f->base, sizeof(f->base), "%s://%s%s%s:%d", tls ? "https" : "http",
	    strchr(argv[9], ':') ? "[" : "", argv[9], strchr(argv[9], ':') ? "]" : "",
	    f->port);
}

/*
 * The fake of fake_share(), and whether this test had it (each test is a
 * child of the runner, so each starts with 0). A fake started after that
 * one stopped is a new process on a new port, as a test that stops its
 * fake and starts another expects (another server: other settings).
 */
static struct fake shared;
static int shared_lent;

void
fake_share(void)
{
	const char *top = getenv("TEST_TMPDIR") ? getenv("TEST_TMPDIR") : "/tmp";
	char d[512];

	/* its own directory: tdir() is made by each test for itself */
	mkdir(top, 0700);
	snprintf(d, sizeof(d), "%s/fake.XXXXXX", top);
	ck_assert_ptr_nonnull(mkdtemp(d));
	fake_spawn(&shared, d, "{}", NULL, 0);
	shared.shared = 1;
}

void
fake_unshare(void)
{
	shared.shared = 0;
	fake_stop(&shared);
}

/*
 * POST json to the shared fake's /_reset (tests/fakeprovider.py): its
 * config becomes json; its addresses, sequences and log are forgotten.
 */
static void
fake_reset(const char *json)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char head[256], reply[512];
	size_t got = 0;
	struct pollfd pfd;
	ssize_t k;
	int fd, r;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(fd, 0);
	sa.sin_port = htons((uint16_t)shared.port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_msg(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	    "shared fake provider: connect: %s", strerror(errno));
	snprintf(head, sizeof(head), "POST /_reset HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\nContent-Length: %zu\r\n\r\n", strlen(json));
	ck_assert(write(fd, head, strlen(head)) == (ssize_t)strlen(head));
	ck_assert(write(fd, json, strlen(json)) == (ssize_t)strlen(json));
	/* the whole answer: the server closes once the reset is done */
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		while ((r = poll(&pfd, 1, (int)(FAKE_START_SECS * tscale() * 1000))) == -1 &&
		    errno == EINTR)
			;
		ck_assert_msg(r == 1, "shared fake provider: no answer to /_reset");
		k = read(fd, reply + got, sizeof(reply) - 1 - got);
		if (k == -1 && errno == EINTR)
			continue;
		ck_assert_msg(k >= 0, "shared fake provider: %s", strerror(errno));
		if (k == 0 || got + (size_t)k == sizeof(reply) - 1) {
			got += (size_t)k;
			break;
		}
		got += (size_t)k;
	}
	close(fd);
	reply[got] = '\0';
	ck_assert_msg(strncmp(reply, "HTTP/1.1 200 ", 13) == 0,
	    "shared fake provider: /_reset: %s", reply);
}

void
fake_start(struct fake *f, const char *json, const char *bind, int tls)
{
	if (shared.pid > 0 && !shared_lent && bind == NULL && !tls) {
		fake_reset(json ? json : "{}");
		*f = shared;
		shared_lent = 1;
		return;
	}
	fake_spawn(f, tdir(), json, bind, tls);
}

void
fakedns_start(struct fake *f, const char *json, const char *bind, int tls)
{
	char *saved = xstrdup(env("FAKEPROVIDER"));

	setenv("FAKEPROVIDER", env("FAKEDNS"), 1);
	fake_start(f, json, bind, tls);
	setenv("FAKEPROVIDER", saved, 1);
	free(saved);
}

void
fake_stop(struct fake *f)
{
	pid_t pid = f->pid;

	if (pid <= 0)
		return;
	f->pid = 0;
	if (f->shared) {
		/* the shared fake stays up for the next test; reset then */
		return;
	}	/* a failure below must not make a second call wait again */
	close(f->stdin_fd);
	kill(pid, SIGTERM);
	wait_child(pid, FAKE_STOP_SECS, "fake provider after SIGTERM");
}

char *
fake_log(const struct fake *f)
{
	char *s = slurp(f->log);

	return s ? s : calloc(1, 1);
}

int
fake_count(const struct fake *f, const char *needle)
{
	char *log = fake_log(f), *save = NULL;
	int n = 0;

	for (char *l = strtok_r(log, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		n += strstr(l, needle) != NULL;
	free(log);
	return n;
}

void
tsecret(const char *s)
{
	if (nsecrets < 16)
		secrets[nsecrets++] = s;
}

void
tsecret_login(const char *login, const char *password)
{
	static char basic[4][256];
	static int nbasic;
	char pair[190];
	char *b64;

	tsecret(password);
	snprintf(pair, sizeof(pair), "%s:%s", login, password);
	b64 = secret_base64(pair, strlen(pair));
	ck_assert_int_lt(nbasic, 4);
	snprintf(basic[nbasic], sizeof(basic[nbasic]), "%s", b64);
	free(b64);
	tsecret(basic[nbasic++]);
}

/* A letter or digit, or . - _ joining two of them, as in 127.0.0.1. */
static int
wordy(const char *text, size_t i)
{
	const char *p;

	if (i == (size_t)-1 || text[i] == '\0')
		return 0;
	p = text + i;
	if (isalnum((unsigned char)*p))
		return 1;
	return (*p == '.' || *p == '-' || *p == '_') && i > 0 &&
	    isalnum((unsigned char)p[-1]) && isalnum((unsigned char)p[1]);
}

/*
 * Does text show secret s, as is or URL-encoded? One of 8 characters or
 * more anywhere; a shorter one where it stands as a whole token (a password
 * "1" is not shown by "127.0.0.1", but is by "password 1.").
 */
static const char *
shows(const char *text, const char *s)
{
	char *enc = url_encode(s);
	const char *found = NULL;

	for (const char *form[] = { s, enc }, **f = form; f < form + 2 && !found; f++) {
		size_t n = strlen(*f);

		for (const char *p = strstr(text, *f); p && !found; p = strstr(p + 1, *f))
			if (n >= 8 || (!wordy(text, (size_t)(p - text) - 1) &&
			    !wordy(text, (size_t)(p - text) + n)))
				found = p;
	}
	free(enc);
	return found;
}

void
nic_run(struct outcome *o, const char *arg, ...)
{
	const char *argv[64];
	char outp[640], errp[640];
	posix_spawn_file_actions_t fa;
	struct timespec t0, t1;
	va_list ap;
	pid_t pid;
	int n = 0, status;

	/* NICUPDATE_WRAPPER runs the binary under a tool, e.g. valgrind */
	if (getenv("NICUPDATE_WRAPPER") != NULL) {
		static char wrap[512];
		char *save = NULL;

		snprintf(wrap, sizeof(wrap), "%s", getenv("NICUPDATE_WRAPPER"));
		for (char *w = strtok_r(wrap, " ", &save); w && n < 16;
		    w = strtok_r(NULL, " ", &save))
			argv[n++] = w;
	}
	argv[n++] = env("NICUPDATE_BIN");
	va_start(ap, arg);
	for (const char *a = arg; a != NULL && n < 63; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	/* unique names: runs may overlap */
	snprintf(outp, sizeof(outp), "%s/out.XXXXXX", tdir());
	snprintf(errp, sizeof(errp), "%s/err.XXXXXX", tdir());
	close(mkstemp(outp));
	close(mkstemp(errp));
	if (harness_journal) {
		/* as systemd does when stderr is the journal */
		struct stat st;
		char js[64];

		stat(errp, &st);
		snprintf(js, sizeof(js), "%llu:%llu", (unsigned long long)st.st_dev,
		    (unsigned long long)st.st_ino);
		setenv("JOURNAL_STREAM", js, 1);
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(posix_spawnp(&pid, argv[0], &fa, NULL, (char **)argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	status = wait_child(pid, NIC_RUN_SECS, argv[0]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	o->secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	o->out = slurp(outp);
	o->err = slurp(errp);
	/* a sanitizer's report is on stderr: show it */
	ck_assert_msg(WIFEXITED(status), "nicupdate died (signal %d): %s",
	    WIFSIGNALED(status) ? WTERMSIG(status) : 0, o->err);
	o->rc = WEXITSTATUS(status);
	for (int i = 0; i < nsecrets; i++) {
		ck_assert_msg(shows(o->out, secrets[i]) == NULL, "secret on stdout: %s", o->out);
		ck_assert_msg(shows(o->err, secrets[i]) == NULL, "secret on stderr: %s", o->err);
	}
}

void
outcome_free(struct outcome *o)
{
	free(o->out);
	free(o->err);
	o->out = o->err = NULL;
}

int
tcmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
tsort(struct strlist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), tcmp_str);
}

void
tsorted_lines(struct strlist *l, struct buf *b)
{
	tsort(l);
	for (size_t i = 0; i < l->n; i++)
		buf_printf(b, "%s\n", l->v[i]);
	strlist_free(l);
}

/* Where skipped cases of this suite (the runner: our parent) are noted. */
static char *
skip_file(pid_t runner)
{
	const char *top = getenv("TEST_TMPDIR") ? getenv("TEST_TMPDIR") : "/tmp";

	return xasprintf("%s/skipped.%ld", top, (long)runner);
}

void
tskip(const char *fmt, ...)
{
	char *path = skip_file(getppid()), *why;
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "SKIP: %s\n", why);
	if ((f = fopen(path, "a")) != NULL) {
		fprintf(f, "%s\n", why);
		fclose(f);
	}
	free(why);
	free(path);
}

int
tsuite_status(int failed)
{
	char *path = skip_file(getpid());
	int skipped = access(path, F_OK) == 0;

	unlink(path);
	free(path);
	return failed ? 1 : skipped ? 77 : 0;
}
