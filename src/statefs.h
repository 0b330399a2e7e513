/*
 * The state file's place on disk (statefs.c): checks and opens that never
 * follow a link, block on a FIFO or touch another user's file.
 */
#ifndef NICUPDATE_STATEFS_H
#define NICUPDATE_STATEFS_H

#include <sys/stat.h>

/* mkdir -p for the parent directory of path, mode 0700. 0 / -1. */
int statefs_mkparent(const char *path);
/*
 * 0 when no existing directory above path can be written by another user
 * (sticky ones excepted) and each is ours or root's; -1 after saying why.
 * *sticky: path's own directory is sticky (then only files we own do).
 */
int statefs_dirs_safe(const char *path, int *sticky);
/*
 * open() a regular file of ours (root's too, unless sticky) without
 * following a link or blocking; the descriptor, or -1 with errno ENOENT
 * (not reported) or EPERM (reported).
 */
int statefs_open(const char *path, int flags, int sticky, struct stat *st);
/* Take PATH.lock into *fd, waiting up to STATE_LOCK_WAIT_MS: 0, -1, -2 busy. */
int statefs_lock(const char *path, int sticky, int *fd);
/* Remove PATH.tmp left by an interrupted write; call holding the lock. */
void statefs_remove_temp(const char *path);

#endif
