/*
 * Small helpers shared by every module: memory, strings, numbers, time.
 *
 * The error convention of every module:
 * - actions return 0 on success and -1 on failure, after logging the
 *   failure once, where it happens (log.h); callers pass -1 up without
 *   logging it again, or add what only they know;
 * - predicates return 1 or 0 (is_*, has_*, *_same, valid_*);
 * - constructors return an object or NULL; every x_new has an x_free
 *   that accepts NULL;
 * - parsers of values (parse_*) and checks (*_check, *_accept) return 0
 *   or -1 and log nothing, a check giving its reason in why: the caller
 *   knows the file and line to report;
 * - allocation cannot fail (x* below: the process exits 70);
 * - a run ends in an outcome of run.h; only main.c maps outcomes to exit
 *   statuses.
 */
#ifndef NICUPDATE_UTIL_H
#define NICUPDATE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Allocation that cannot fail: on exhaustion the process exits 70. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* A growable, NUL-terminated byte buffer. */
struct buf {
	char *s;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

/* A NULL-terminated list of owned strings. */
struct strlist {
	char **v;
	size_t n;
};
void strlist_add(struct strlist *l, const char *s);
void strlist_free(struct strlist *l);
/* Split on commas (and white space around them); empty items are errors: -1. */
int strlist_split(struct strlist *l, const char *s);
int strlist_has(const struct strlist *l, const char *s);
/* The same for host names: without regard to case. */
int strlist_has_host(const struct strlist *l, const char *host);

/* Strip leading and trailing white space in place; returns s. */
char *trim(char *s);

/* Parsers return 0 and store the value, or -1 on anything but a clean match. */
int parse_bool(const char *s, int *out);
int parse_duration(const char *s, long *secs);	/* 30, 30s, 5m, 2h, 25d */
int parse_long(const char *s, long min, long max, long *out);

/* A duration as the config writes it: "25d", "5m", "30s"; into out. */
void fmt_duration(long secs, char *out, size_t n);

/* Percent-encode everything but RFC 3986 unreserved characters. */
char *url_encode(const char *s);

/* FNV-1a, for settings fingerprints (not a security hash). */
uint32_t fnv1a(uint32_t h, const char *s);
#define FNV_INIT 2166136261u

struct stat;
/*
 * Is a secret file with status st private to its owner? 1 / 0. A file in
 * systemd's $CREDENTIALS_DIRECTORY counts when others cannot read it: its
 * unit's user reads it through an ACL, which shows as group bits.
 */
int file_is_private(const char *path, const struct stat *st);

/* The most read_file() reads: a device such as /dev/zero never ends. */
#define READ_FILE_MAX (64L << 20)
/*
 * A whole file, NUL-terminated (caller frees); NULL with errno set (EFBIG
 * past READ_FILE_MAX). With st, what was read is described there (fstat);
 * with len, its length (a NUL byte inside the text counts).
 */
char *read_file_st(const char *path, struct stat *st, size_t *len);
char *read_file(const char *path);

/* Milliseconds on a monotonic clock. */
long long now_ms(void);

#endif
