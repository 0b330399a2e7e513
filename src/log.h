/*
 * The one route for every message: stderr (and syslog when asked), with a
 * verbosity filter and masking of every registered secret. Messages are
 * "context: reason"; each error is reported once, where it happens.
 */
#ifndef NICUPDATE_LOG_H
#define NICUPDATE_LOG_H

enum log_level {
	L_ERROR,	/* always shown */
	L_WARN,		/* hidden by -q */
	L_INFO,		/* -v */
	L_DEBUG,	/* -d */
};

/* 0 quiet, 1 normal, 2 verbose, 3 debug. Process-wide, set once by main. */
extern int log_verbosity;

/*
 * Where lines go besides stdout/stderr: syslog (ident "nicupdate") when
 * use_syslog; journald priority prefixes when systemd connected stdout or
 * stderr to the journal (JOURNAL_STREAM).
 */
void log_init(int use_syslog);

/* Mask s, and its URL-encoded form, in every later line of output. */
void log_secret(const char *s);
/* Forget every secret (tests). */
void log_secret_clear(void);

void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#define log_error(...) log_msg(L_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(L_WARN, __VA_ARGS__)
#define log_info(...) log_msg(L_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(L_DEBUG, __VA_ARGS__)

/* A result line on stdout (shown unless -q or --json), masked like the rest. */
void log_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* With --json, stdout holds only the JSON report. */
extern int log_json;
/* When set, also called with every error line, masked (--json collects them). */
extern void (*log_error_hook)(const char *line);

/* Copy of s with every secret replaced by "***"; caller frees. */
char *log_mask(const char *s);

#endif
