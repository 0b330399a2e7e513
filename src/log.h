/*
 * The one route for every message: stderr (and syslog when asked), with a
 * verbosity filter and masking of every registered secret. Messages are
 * "context: reason"; each error is reported once, where it happens.
 */
#ifndef NICUPDATE_LOG_H
#define NICUPDATE_LOG_H

#include <stddef.h>

enum log_level {
	L_ERROR,	/* always shown */
	L_WARN,		/* hidden by -q */
	L_INFO,		/* -v */
	L_DEBUG,	/* -d */
};

/* 0 quiet, 1 normal, 2 verbose, 3 debug. Process-wide, set once by main. */
extern int log_verbosity;

/*
 * Call once the verbosity is known. Where lines go besides stdout/stderr:
 * syslog (ident "nicupdate") when use_syslog; journald priority prefixes
 * when systemd connected stdout or stderr to the journal (JOURNAL_STREAM).
 */
void log_init(int use_syslog);

/*
 * First thing in main: no core dumps (they would hold the passwords), and
 * SSLKEYLOGFILE set aside so TLS keys are not written (nicupdate.1, SECURITY
 * CONSIDERATIONS); log_init puts it back, with a warning, only under -d.
 */
void log_protect(void);

/* Mask s, and its URL-encoded form, in every later line of output. */
void log_secret(const char *s);
/* Forget every secret (tests). */
void log_secret_clear(void);

/* While set, warnings are said at L_INFO (shown with -v only). */
extern int log_warn_as_info;

void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#define log_error(...) log_msg(L_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(L_WARN, __VA_ARGS__)
#define log_info(...) log_msg(L_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(L_DEBUG, __VA_ARGS__)

/* A result line on stdout (shown unless -q or --json), masked like the rest. */
void log_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One line of a listing on stdout (no newline in fmt), masked and sanitized. */
void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* With --json, stdout holds only the JSON report. */
extern int log_json;
/* When set, also called with every error line, masked (--json collects them). */
extern void (*log_error_hook)(const char *line);

/*
 * Copy of s with every secret replaced by "***"; caller frees. Registered
 * secrets of 8 characters or more are masked wherever they appear, shorter
 * ones only as a whole token ("127.0.0.1" stays whole for a password "1").
 * Whatever the registry holds, URL userinfo passwords, the values of query
 * parameters named like token, key, pass, secret, auth or pwd, and
 * Authorization header values are masked too (nicupdate.1).
 */
char *log_mask(const char *s);
/*
 * Copy of s with control characters (C0, DEL, C1) and bytes that are not
 * valid UTF-8 written as \xNN, so text from outside can neither drive a
 * terminal nor forge a line; caller frees. Every message goes through it.
 */
char *log_sanitize(const char *s);
/*
 * Call found for every secret s holds by where it stands: the password of
 * a URL's userinfo (http://user:pass@proxy), the values of query
 * parameters named like token, key, pass, secret, auth or pwd, and what
 * follows "Authorization:" (the scheme word kept). [from, to) in s.
 */
void log_find_secrets(const char *s, void (*found)(const char *s, size_t from,
    size_t to, void *arg), void *arg);
/* Register every string of l with log_secret. */
struct strlist;
void log_secrets(const struct strlist *l);
/* Length of the valid UTF-8 character at s, its code point in *cp; 0 if invalid. */
size_t log_utf8(const char *s, unsigned long *cp);
/* Is cp a control character (C0, DEL, C1)? 1 / 0 */
int log_control(unsigned long cp);

#endif
