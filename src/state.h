/*
 * The state file: what was last sent for each profile, host and family.
 * Text, versioned, written atomically (temp file, fsync, rename), mode
 * 0600, and guarded by a lock file so two runs never interleave.
 */
#ifndef NICUPDATE_STATE_H
#define NICUPDATE_STATE_H

#include <stdint.h>

#include "addr.h"

#define STATE_VERSION 1
#define STATE_LOCK_WAIT_MS 10000

struct srec {
	char *profile, *host;
	enum fam fam;
	char addr[ADDR_MAX];	/* address of the last attempt, "" if none */
	char status[48];	/* "class:word", e.g. "ok:good", "auth:badauth" */
	long long atime;	/* last attempt (epoch seconds), 0 never */
	long long mtime;	/* last success, 0 never */
	uint32_t fp;		/* fingerprint of the settings used */
};

struct state {
	char *path;
	struct srec *r;
	size_t n;
	int lockfd;		/* -1 when not locked */
	int dirty;
};

/*
 * Read path (a missing file is an empty state). With lock, create the
 * directory and take the lock first. Returns 0; -1 when the file cannot
 * be read (exit 74); -2 when another run holds the lock too long (exit 75).
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
/* Release the lock and memory. */
void state_close(struct state *s);

#endif
