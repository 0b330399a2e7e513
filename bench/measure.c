/*
 * measure: run a command, print what it cost.
 *
 *   measure [-t SECONDS] [-o FILE] -- COMMAND [ARG...]
 *
 * Prints one line: wall_us user_us sys_us maxrss_kib exit killed
 * (to FILE, else stderr). The same numbers as GNU time's %e %U %S %M, read
 * from wait4()'s rusage, which covers the child and every descendant it
 * waited for (maxrss: the largest single process of them), but in
 * microseconds: GNU time prints 10 ms steps, coarser than a whole nicupdate
 * run. The command runs in its own process group; with -t, the whole group
 * is killed after SECONDS and "killed" is 1 (exit is then 137).
 * The command's stdin is /dev/null; stdout and stderr are inherited.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;

static void
on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static long long
usec(struct timeval tv)
{
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct sigaction sa = { .sa_handler = on_alarm };
	struct rusage ru;
	const char *out = NULL;
	unsigned timeout = 0;
	int c, st, killed = 0, code;
	pid_t pid;
	FILE *f;

	while ((c = getopt(argc, argv, "t:o:")) != -1) {
		if (c == 't')
			timeout = (unsigned)strtoul(optarg, NULL, 10);
		else if (c == 'o')
			out = optarg;
		else
			goto usage;
	}
	if (optind >= argc)
		goto usage;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: wait4 returns EINTR */

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("measure: fork");
		return 70;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDONLY);

		setpgid(0, 0);
		if (fd >= 0)
			dup2(fd, 0);
		execvp(argv[optind], argv + optind);
		perror(argv[optind]);
		_exit(127);
	}
	setpgid(pid, pid);
	alarm(timeout);
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("measure: wait4");
			return 70;
		}
		if (timed_out && !killed) {
			kill(-pid, SIGKILL);
			killed = 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	alarm(0);
	if (killed == 0)
		kill(-pid, SIGKILL);	/* leftovers of the group, if any */

	code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	f = out ? fopen(out, "w") : stderr;
	if (f == NULL) {
		perror(out);
		return 70;
	}
	fprintf(f, "%lld %lld %lld %ld %d %d\n",
	    ((long long)(t1.tv_sec - t0.tv_sec) * 1000000000 + (t1.tv_nsec - t0.tv_nsec)) / 1000,
	    usec(ru.ru_utime), usec(ru.ru_stime), ru.ru_maxrss, code, killed);
	if (f != stderr)
		fclose(f);
	return 0;
usage:
	fprintf(stderr, "usage: measure [-t SECONDS] [-o FILE] -- COMMAND [ARG...]\n");
	return 64;
}
