#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <syslog.h>

#include "log.h"
#include "util.h"

int log_verbosity = 1;
int log_json;
void (*log_error_hook)(const char *line);

static struct strlist secrets;
static int to_syslog;
static int journal[2];	/* stdout, stderr go to the journal */
static char *keylog;	/* SSLKEYLOGFILE, set aside by log_protect */

void
log_protect(void)
{
	struct rlimit no = { 0, 0 };
	const char *k = getenv("SSLKEYLOGFILE");

	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	setrlimit(RLIMIT_CORE, &no);
	if (k != NULL) {
		keylog = xstrdup(k);
		unsetenv("SSLKEYLOGFILE");
	}
}

void
log_init(int use_syslog)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;

	if (use_syslog) {
		openlog("nicupdate", LOG_PID, LOG_DAEMON);
		to_syslog = 1;
	}
	if (js != NULL && sscanf(js, "%llu:%llu", &dev, &ino) == 2) {
		for (int fd = 1; fd <= 2; fd++) {
			struct stat st;

			journal[fd - 1] = fstat(fd, &st) == 0 &&
			    (unsigned long long)st.st_dev == dev &&
			    (unsigned long long)st.st_ino == ino;
		}
	}
	if (keylog != NULL && log_verbosity >= 3 && *keylog != '\0') {
		setenv("SSLKEYLOGFILE", keylog, 1);
		log_warn("SSLKEYLOGFILE is set and -d given: TLS session keys are written "
		    "to %s", keylog);
	}
	free(keylog);
	keylog = NULL;
}

void
log_secret(const char *s)
{
	char *enc;

	if (s == NULL || *s == '\0' || strlist_has(&secrets, s))
		return;
	strlist_add(&secrets, s);
	enc = url_encode(s);
	if (strcmp(enc, s) != 0 && !strlist_has(&secrets, enc))
		strlist_add(&secrets, enc);
	free(enc);
}

void
log_secrets(const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		log_secret(l->v[i]);
}

void
log_secret_clear(void)
{
	strlist_free(&secrets);
}

/* A shorter secret is masked only where it stands as a whole token. */
#define SHORT_SECRET 8

static int
alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Is s[i] part of a word: a letter or digit, or one of . - _ ~ between two
 * of them ("127.0.0.1", "a-b"), not a sentence's final dot.
 */
static int
in_word(const char *s, size_t len, long i)
{
	if (i < 0 || (size_t)i >= len)
		return 0;
	if (alnum(s[i]))
		return 1;
	return strchr(".-_~", s[i]) != NULL && i > 0 &&
	    (size_t)i + 1 < len && alnum(s[i - 1]) && alnum(s[i + 1]);
}

/* Does a query parameter of this name carry a secret (token, apikey, password...)? */
static int
secret_param(const char *name, size_t n)
{
	static const char *const words[] = { "token", "key", "pass", "secret", "auth",
	    "pwd" };

	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t wl = strlen(words[w]);

		for (size_t i = 0; i + wl <= n; i++) {
			size_t k = 0;

			while (k < wl && lower(name[i + k]) == words[w][k])
				k++;
			if (k == wl)
				return 1;
		}
	}
	return 0;
}

/* Where a URL or header value ends in a message. */
static int
url_end(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '<' ||
	    c == '>' || c == '\\' || c == '\n' || (unsigned char)c < 0x20;
}

/* Mark [from, to) of the text for masking. */
static void
hide(const char *s, size_t from, size_t to, void *arg)
{
	char *mark = arg;

	(void)s;
	if (from < to) {
		memset(mark + from, 1, to - from);
		mark[from] = 2;
	}
}

void
log_find_secrets(const char *s, void (*found)(const char *s, size_t from, size_t to,
    void *arg), void *arg)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len; i++) {
		if (i + 14 <= len && strncasecmp(s + i, "authorization:", 14) == 0) {
			size_t v = i + 14, e;

			while (s[v] == ' ')
				v++;
			for (e = v; alnum(s[e]); e++)
				;
			if (s[e] == ' ' && e > v)	/* keep the scheme: "Basic ***" */
				v = e + 1;
			for (e = v; s[e] != '\0' && s[e] != '\n' && s[e] != '"'; e++)
				;
			found(s, v, e, arg);
			i = e;
			continue;
		}
		if (i + 3 > len || strncmp(s + i, "://", 3) != 0)
			continue;
		size_t a = i + 3, e = a, at = 0, q = 0;

		while (!url_end(s[e]) && s[e] != '/' && s[e] != '?' && s[e] != '#')
			if (s[e++] == '@')
				at = e;
		if (at > 0) {
			const char *colon = memchr(s + a, ':', at - 1 - a);

			if (colon != NULL)
				found(s, (size_t)(colon - s) + 1, at - 1, arg);
		}
		while (!url_end(s[e]) && s[e] != '?' && s[e] != '#')
			e++;
		for (q = e; s[q] == '?' || s[q] == '&' || s[q] == ';';) {
			size_t n = ++q, v;

			while (!url_end(s[q]) && s[q] != '=' && s[q] != '&' && s[q] != '#')
				q++;
			if (s[q] != '=')
				continue;
			v = ++q;
			while (!url_end(s[q]) && s[q] != '&' && s[q] != ';' && s[q] != '#')
				q++;
			if (secret_param(s + n, v - 1 - n))
				found(s, v, q, arg);
		}
		i = q > i ? q - 1 : i;
	}
}

/* Registered secrets: the longest starting at a place wins; a short one only whole. */
static void
mark_secrets(const char *s, size_t len, char *mark)
{
	for (size_t i = 0; i < len; i++) {
		size_t best = 0;

		for (size_t k = 0; k < secrets.n; k++) {
			size_t n = strlen(secrets.v[k]);

			if (n <= best || n > len - i || strncmp(s + i, secrets.v[k], n) != 0)
				continue;
			if (n < SHORT_SECRET && (in_word(s, len, (long)i - 1) ||
			    in_word(s, len, (long)(i + n))))
				continue;
			best = n;
		}
		if (best > 0) {
			hide(s, i, i + best, mark);
			i += best - 1;
		}
	}
}

char *
log_mask(const char *s)
{
	size_t len = strlen(s);
	char *mark = xcalloc(len + 1, 1);
	struct buf b = { 0 };

	log_find_secrets(s, hide, mark);
	mark_secrets(s, len, mark);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < len; i++) {
		if (mark[i] == 0)
			buf_add(&b, s + i, 1);
		else if (mark[i] == 2 || i == 0 || mark[i - 1] == 0)
			buf_adds(&b, "***");
	}
	free(mark);
	return b.s;
}

size_t
log_utf8(const char *s, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : (u[0] & 0xe0) == 0xc0 ? 2 : (u[0] & 0xf0) == 0xe0 ? 3 :
	    (u[0] & 0xf8) == 0xf0 ? 4 : 0;

	if (n == 0)
		return 0;
	*cp = n == 1 ? u[0] : u[0] & (0x7fu >> n);
	for (size_t k = 1; k < n; k++) {
		if ((u[k] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (u[k] & 0x3f);
	}
	/* no overlong forms, surrogates or values past U+10FFFF */
	if ((n == 2 && *cp < 0x80) || (n == 3 && *cp < 0x800) ||
	    (n == 4 && (*cp < 0x10000 || *cp > 0x10ffff)) || (*cp >= 0xd800 && *cp < 0xe000))
		return 0;
	return n;
}

int
log_control(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
}

char *
log_sanitize(const char *s)
{
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	while (*s) {
		unsigned long cp;
		size_t n = log_utf8(s, &cp);

		if (n == 0 || log_control(cp)) {
			for (size_t k = 0; k < (n ? n : 1); k++)
				buf_printf(&b, "\\x%02x", (unsigned char)s[k]);
			n = n ? n : 1;
		} else {
			buf_add(&b, s, n);
		}
		s += n;
	}
	return b.s;
}

static void emit(FILE *f, int prio, const char *prefix, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static char *clean(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Format, mask and sanitize one line; caller frees. */
static char *
clean(const char *fmt, va_list ap)
{
	char *raw = xvasprintf(fmt, ap), *hidden = log_mask(raw), *line = log_sanitize(hidden);

	free(hidden);
	free(raw);
	return line;
}

/* Format, mask, sanitize, and write one line; prio is syslog's priority for it. */
static void
emit(FILE *f, int prio, const char *prefix, const char *fmt, va_list ap)
{
	char *masked = clean(fmt, ap);

	if (f != NULL) {
		/* one write per line, so concurrent runs never interleave mid-line */
		if (journal[f == stderr])
			fprintf(f, "<%d>%s%s\n", prio, prefix, masked);
		else
			fprintf(f, "%s%s\n", prefix, masked);
		fflush(f);
	}
	if (to_syslog)
		syslog(prio, "%s", masked);
	if (prio == LOG_ERR && log_error_hook != NULL)
		log_error_hook(masked);
	free(masked);
}

int log_warn_as_info;

void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *prefix[] = {
		"nicupdate: ", "nicupdate: warning: ", "nicupdate: ", "nicupdate: debug: ",
	};
	static const int min_verbosity[] = { 0, 1, 2, 3 };
	static const int prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
	va_list ap;

	if (level == L_WARN && log_warn_as_info)
		level = L_INFO;
	if (log_verbosity < min_verbosity[level])
		return;
	va_start(ap, fmt);
	emit(stderr, prio[level], prefix[level], fmt, ap);
	va_end(ap);
}

void
log_out(const char *fmt, ...)
{
	va_list ap;

	if (log_verbosity < 1 && !to_syslog)
		return;
	va_start(ap, fmt);
	emit(log_verbosity < 1 || log_json ? NULL : stdout, LOG_NOTICE, "", fmt, ap);
	va_end(ap);
}

void
log_line(const char *fmt, ...)
{
	va_list ap;
	char *line;

	va_start(ap, fmt);
	line = clean(fmt, ap);
	va_end(ap);
	printf("%s\n", line);
	free(line);
}
