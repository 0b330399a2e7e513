/*
 * Where the state file lives and who may touch it: its directory, its lock
 * and its temp file are only ever ours (nicupdate.1, FILES).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "state.h"
#include "statefs.h"
#include "util.h"

int
statefs_mkparent(const char *path)
{
	char *copy = xstrdup(path), *dir;
	int rc = 0;

	/* dirname() may return a static "." or "/": never write into that */
	dir = xstrdup(dirname(copy));
	free(copy);
	copy = dir;
	if (strcmp(dir, ".") == 0 || strcmp(dir, "/") == 0) {
		free(copy);
		return 0;
	}
	for (char *p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) == -1 && errno != EEXIST)
				rc = -1;
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(copy);
	return rc;
}

/* Every existing ancestor, up to "/" or ".", checked alike. */
int
statefs_dirs_safe(const char *path, int *sticky)
{
	char *d = xstrdup(path), *up;
	struct stat st;
	int rc = 0, first = 1;

	*sticky = 0;
	for (;;) {
		up = xstrdup(dirname(d));
		free(d);
		d = up;
		if (stat(d, &st) == 0) {
			if (st.st_uid != geteuid() && st.st_uid != 0) {
				log_error("%s: refusing the state file: directory %s belongs to "
				    "uid %ld", path, d, (long)st.st_uid);
				rc = -1;
				break;
			}
			if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX)) {
				log_error("%s: refusing the state file: other users can write to "
				    "directory %s (chmod go-w %s)", path, d, d);
				rc = -1;
				break;
			}
			if (first)
				*sticky = (st.st_mode & S_ISVTX) != 0;
		}
		first = 0;
		if (strcmp(d, "/") == 0 || strcmp(d, ".") == 0)
			break;
	}
	free(d);
	return rc;
}

int
statefs_open(const char *path, int flags, int sticky, struct stat *st)
{
	const char *why = NULL;
	int fd;

	/* a device is not even opened: opening some has effects */
	if (lstat(path, st) == 0 && !S_ISREG(st->st_mode) && !S_ISLNK(st->st_mode)) {
		log_error("%s: not a regular file; refusing to use it", path);
		errno = EPERM;
		return -1;
	}
	if ((fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600)) == -1) {
		if (errno != ENOENT)
			log_error("%s: %s", path, errno == ELOOP ?
			    "is a symbolic link; refusing to follow it" : strerror(errno));
		else
			return -1;
		errno = EPERM;
		return -1;
	}
	if (fstat(fd, st) == -1)
		why = strerror(errno);
	else if (!S_ISREG(st->st_mode))
		why = "not a regular file; refusing to use it";
	else if (st->st_uid != geteuid() && (sticky || st->st_uid != 0))
		why = "belongs to another user; refusing to use it";
	if (why != NULL) {
		log_error("%s: %s", path, why);
		close(fd);
		errno = EPERM;
		return -1;
	}
	return fd;
}

int
statefs_lock(const char *path, int sticky, int *fd)
{
	char *lockpath = xasprintf("%s.lock", path);
	long long until = now_ms() + STATE_LOCK_WAIT_MS;
	int waited = 0;
	struct stat st;

	*fd = statefs_open(lockpath, O_RDWR | O_CREAT, sticky, &st);
	if (*fd == -1) {
		if (errno == ENOENT)
			log_error("%s: %s", lockpath, strerror(errno));
		free(lockpath);
		return -1;
	}
	while (flock(*fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			log_error("%s: %s", lockpath, strerror(errno));
			free(lockpath);
			return -1;
		}
		if (now_ms() >= until) {
			log_error("%s: another nicupdate run holds the lock; gave up after "
			    "%d s", lockpath, STATE_LOCK_WAIT_MS / 1000);
			free(lockpath);
			close(*fd);
			*fd = -1;
			return -2;
		}
		if (!waited++)
			log_info("%s: waiting for another run to finish", lockpath);
		usleep(50 * 1000);
	}
	free(lockpath);
	return 0;
}

/* Only a file or link of ours: anything else makes state_write fail, said. */
void
statefs_remove_temp(const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	struct stat st;

	if (lstat(tmp, &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
	    st.st_uid == geteuid() && unlink(tmp) == 0)
		log_info("%s: removed, left by an interrupted run", tmp);
	free(tmp);
}

