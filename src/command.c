#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "command.h"

void
command_split(const char *cmd, struct strlist *argv)
{
	struct buf w = { 0 };
	char quote = 0;
	int inword = 0;

	for (const char *s = cmd;; s++) {
		if (*s == '\0' || (!quote && (*s == ' ' || *s == '\t'))) {
			if (inword)
				strlist_add(argv, w.s ? w.s : "");
			buf_free(&w);
			inword = 0;
			if (*s == '\0')
				break;
		} else if (quote ? *s == quote : (*s == '\'' || *s == '"')) {
			quote = quote ? 0 : *s;
			inword = 1;
		} else {
			buf_add(&w, s, 1);
			inword = 1;
		}
	}
	if (argv->n == 0)
		strlist_add(argv, "");
}

/*
 * The only variables a command inherits (nicupdate.conf(5), COMMANDS): none
 * can hold a password, a token or a proxy login.
 */
static const char *const keep[] = {
	"PATH", "HOME", "USER", "LOGNAME", "SHELL", "TMPDIR", "TZ", "LANG", "LANGUAGE",
	"LC_ALL", "LC_ADDRESS", "LC_COLLATE", "LC_CTYPE", "LC_IDENTIFICATION",
	"LC_MEASUREMENT", "LC_MESSAGES", "LC_MONETARY", "LC_NAME", "LC_NUMERIC",
	"LC_PAPER", "LC_TELEPHONE", "LC_TIME",
};

void
command_setenv(struct strlist *env, const char *name, const char *value)
{
	char *v = xasprintf("%s=%s", name, value ? value : "");

	strlist_add(env, v);
	free(v);
}

void
command_env(struct strlist *env, const char *profile, enum fam f)
{
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (getenv(keep[i]) != NULL)
			command_setenv(env, keep[i], getenv(keep[i]));
	command_setenv(env, "NICUPDATE_PROFILE", profile);
	command_setenv(env, "NICUPDATE_FAMILY", f == FAM_V4 ? "ipv4" : "ipv6");
}

/*
 * The file to execute: name itself when it holds a slash, else the first
 * executable regular file of that name in PATH, whose empty entries (the
 * current directory, to execvp) are skipped. Looked up before fork(),
 * where allocating is safe. NULL when there is none.
 */
static char *
find_program(const char *name)
{
	const char *path = getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin";

	if (strchr(name, '/') != NULL)
		return xstrdup(name);
	while (name[0] != '\0') {
		size_t n = strcspn(path, ":");
		char *file = n ? xasprintf("%.*s/%s", (int)n, path, name) : NULL;
		struct stat st;

		if (file && access(file, X_OK) == 0 && stat(file, &st) == 0 &&
		    S_ISREG(st.st_mode))
			return file;
		free(file);
		if (path[n] == '\0')
			break;
		path += n + 1;
	}
	return NULL;
}

/*
 * Longest poll interval while a child runs, and how long its group gets to
 * quit after SIGTERM.
 */
#define TICK_MS 10
#define GRACE_MS 1000
/* After the command exits, how long its output is still read. */
#define DRAIN_MS 200

static void
nap(long long ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/*
 * In the child: own process group, default signals, stdio, no inherited
 * descriptor, then exec; on failure errno goes up errfd.
 */
static void
child(const char *file, char *const *argv, char *const *envp, int outfd, int errfd)
{
	int null = open("/dev/null", O_RDWR), err;
	sigset_t none;

	setpgid(0, 0);
	for (int sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	dup2(null, 0);
	dup2(outfd != -1 ? outfd : null, 1);
#ifdef CLOSE_RANGE_CLOEXEC
	close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
#endif
	execve(file, argv, envp);
	err = errno;
	while (write(errfd, &err, sizeof(err)) == -1 && errno == EINTR)
		;
	_exit(127);
}

/*
 * Start argv; 0 with *pid, or -1 with why set. pfd is the output pipe (or
 * -1s); its write end is closed here.
 */
static int
start(char *const *argv, char *const *envp, int pfd[2], pid_t *pid, char *why,
    size_t whylen)
{
	char *file = find_program(argv[0]);
	int epfd[2], err = 0, rc = -1;
	ssize_t n;

	if (file == NULL) {
		snprintf(why, whylen, "cannot run %s: not found in PATH", argv[0]);
		goto out;
	}
	if (pipe2(epfd, O_CLOEXEC) == -1) {
		snprintf(why, whylen, "cannot run %s: %s", argv[0], strerror(errno));
		goto out;
	}
	if ((*pid = fork()) == -1) {
		snprintf(why, whylen, "cannot run %s: %s", argv[0], strerror(errno));
		close(epfd[0]);
		close(epfd[1]);
		goto out;
	}
	if (*pid == 0)
		child(file, argv, envp, pfd[1], epfd[1]);
	/* as in the child: whichever runs first, the group exists before any kill */
	setpgid(*pid, *pid);
	close(epfd[1]);
	/* end of file: the exec worked */
	while ((n = read(epfd[0], &err, sizeof(err))) == -1 && errno == EINTR)
		;
	close(epfd[0]);
	if (n == (ssize_t)sizeof(err)) {
		snprintf(why, whylen, "cannot run %s: %s", argv[0], strerror(err));
		while (waitpid(*pid, NULL, 0) == -1 && errno == EINTR)
			;
		goto out;
	}
	rc = 0;
out:
	if (pfd[1] != -1)
		close(pfd[1]);
	free(file);
	return rc;
}

/* Has the command exited? Leaves it a zombie, so its group id stays ours. */
static int
exited(pid_t pid)
{
	siginfo_t si;

	si.si_pid = 0;
	return waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
	    si.si_pid == pid;
}

/*
 * End the command's process group: SIGTERM, then SIGKILL to whatever is
 * left after GRACE_MS. Reaps the command into *status.
 */
static void
end_group(pid_t pid, int *status)
{
	long long end = now_ms() + GRACE_MS;
	int reaped = 0;
	pid_t r;

	kill(-pid, SIGTERM);
	for (;;) {
		if (!reaped) {
			r = waitpid(pid, status, WNOHANG);
			reaped = r == pid || (r == -1 && errno != EINTR);
		}
		if (reaped && kill(-pid, 0) == -1 && errno == ESRCH)
			return;
		if (now_ms() >= end)
			break;
		nap(TICK_MS);
	}
	kill(-pid, SIGKILL);
	while (!reaped) {
		r = waitpid(pid, status, 0);
		reaped = r == pid || (r == -1 && errno != EINTR);
	}
}

int
command_run(char *const *argv, char *const *envp, long timeout_s, struct buf *out,
    size_t max, char *why, size_t whylen)
{
	long long deadline = now_ms() + timeout_s * 1000, drain = 0;
	char chunk[4096];
	int pfd[2] = { -1, -1 }, status = 0, failed = 0, tick = 1;
	pid_t pid;

	if (out != NULL && pipe2(pfd, O_CLOEXEC) == -1) {
		snprintf(why, whylen, "cannot run %s: %s", argv[0], strerror(errno));
		return -1;
	}
	if (start(argv, envp, pfd, &pid, why, whylen) == -1) {
		if (pfd[0] != -1)
			close(pfd[0]);
		return -1;
	}
	for (;;) {
		long long now = now_ms(), wait;
		struct pollfd p = { pfd[0], POLLIN, 0 };
		ssize_t n;

		if (drain == 0 && exited(pid))
			drain = now + DRAIN_MS;
		/* output still held open by a background child is not waited for */
		if (drain != 0 && (pfd[0] == -1 || now >= drain))
			break;
		if (drain == 0 && now >= deadline) {
			snprintf(why, whylen, "timed out after %lds", timeout_s);
			failed = 1;
			break;
		}
		/* look for the exit soon, then less often: most commands are quick */
		wait = drain != 0 ? drain - now : deadline - now;
		if (drain == 0 && wait > tick)
			wait = tick;
		if (tick < TICK_MS)
			tick *= 2;
		if (poll(&p, pfd[0] != -1, (int)wait) <= 0)
			continue;
		if ((n = read(pfd[0], chunk, sizeof(chunk))) < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* usually the command is exiting */
			close(pfd[0]);
			pfd[0] = -1;
			tick = 1;
			continue;
		}
		if (out->len + (size_t)n > max) {
			snprintf(why, whylen, "output larger than %zu bytes", max);
			failed = 1;
			break;
		}
		buf_add(out, chunk, (size_t)n);
	}
	if (pfd[0] != -1)
		close(pfd[0]);
	end_group(pid, &status);
	if (failed)
		return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	snprintf(why, whylen, "exited with status %d",
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return -1;
}
