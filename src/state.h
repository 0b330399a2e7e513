/*
 * The state file: what was last sent for each profile, host and family.
 * Text, versioned, written atomically (PATH.tmp, fsync, rename), mode
 * 0600, and guarded by PATH.lock so two runs never interleave. Only a
 * regular file of ours that starts with the state header is ever read or
 * replaced (nicupdate.1, FILES).
 */
#ifndef NICUPDATE_STATE_H
#define NICUPDATE_STATE_H

#include <stdint.h>

#include "addr.h"

#define STATE_VERSION 1
#define STATE_LOCK_WAIT_MS 10000
#define STATE_MAX_BYTES (64L * 1024 * 1024)	/* larger files are refused */
#define STATE_TIME_MAX 253402300799LL	/* 9999-12-31 23:59:59 UTC */

struct srec {
	char *profile, *host;
	enum fam fam;
	char addr[ADDR_MAX];	/* address of the last attempt, "" if none */
	char status[48];	/* "class:word", e.g. "ok:good", "auth:badauth" */
	long long atime;	/* last attempt (epoch seconds), 0 never */
	long long mtime;	/* last success, 0 never */
	uint32_t fp;		/* fingerprint of the settings used, never credentials */
	int legacy;		/* fp from an earlier version: it covered the credentials */
	char cred[128];		/* while locked for refused credentials: their scrypt hash */
	int cred_checked;	/* cred compared with the config's (in memory only) */
	int cred_changed;	/* and found different (in memory only) */
};

struct state {
	char *path;
	struct srec *r;
	size_t n, cap;
	size_t *idx, nidx;	/* hash of (profile, host, family): index + 1, 0 free */
	int lockfd;		/* -1 when not locked */
	int dirty;
};

/*
 * Read path (a missing or empty file is an empty state). With lock, create
 * the directory, take the lock and remove a temp file left by an
 * interrupted write first. Returns 0; -1 when the file cannot be read or is
 * not ours to replace (exit 74); -2 when another run holds the lock too
 * long (exit 75). path NULL: no default path could be found (reported).
 * Unreadable lines are reported and skipped; the others are kept.
 */
int state_open(struct state *s, const char *path, int lock);
/* Parse state text (tests and state_open); name is used in messages. */
void state_parse(struct state *s, const char *name, const char *text);
struct srec *state_find(struct state *s, const char *profile, const char *host,
    enum fam f);
/* Find, or add an empty record. */
struct srec *state_get(struct state *s, const char *profile, const char *host,
    enum fam f);
/* Write atomically; 0, or -1 after reporting why (exit 74). */
int state_write(struct state *s);
/* Drop the records of profiles for which keep() returns 0. */
void state_prune(struct state *s, int (*keep)(const char *profile, const void *arg),
    const void *arg);
/* Release the lock and memory. */
void state_close(struct state *s);

/*
 * The default state path (nicupdate.conf.5, cache), or NULL with why set
 * when there is none: never a place other users share.
 */
char *state_default_path(char *why, size_t whylen);
/* Local time of t ("-" for 0 or less, "@t" when it cannot be shown). */
void fmt_time(char *dst, size_t n, long long t, int seconds);

#endif
