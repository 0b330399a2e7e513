#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
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

int
command_run(char *const *argv, long timeout_s, struct buf *out, size_t max, char *why,
    size_t whylen)
{
	long long deadline = now_ms() + timeout_s * 1000;
	char chunk[4096];
	int pfd[2], status = 0, killed = 0;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) == -1) {
		snprintf(why, whylen, "cannot run: %s", strerror(errno));
		return -1;
	}
	if ((pid = fork()) == -1) {
		snprintf(why, whylen, "cannot run: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(out ? pfd[1] : null, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		struct pollfd p = { pfd[0], POLLIN, 0 };
		long long left = deadline - now_ms();
		ssize_t n;

		if (left <= 0 || poll(&p, 1, (int)left) == 0) {
			snprintf(why, whylen, "timed out after %lds", timeout_s);
			killed = 1;
			break;
		}
		n = read(pfd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out == NULL)
			continue;
		if (out->len + (size_t)n > max) {
			snprintf(why, whylen, "output larger than %zu bytes", max);
			killed = 1;
			break;
		}
		buf_add(out, chunk, (size_t)n);
	}
	close(pfd[0]);
	if (killed)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (killed)
		return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		snprintf(why, whylen, "cannot run %s", argv[0]);
	else
		snprintf(why, whylen, "exited with status %d",
		    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return -1;
}
