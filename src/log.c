#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
log_secret_clear(void)
{
	strlist_free(&secrets);
}

/* Masking a short secret inside a word would garble every message. */
#define SHORT_SECRET 6

static int
alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char *
log_mask(const char *s)
{
	const char *start = s;
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	while (*s) {
		size_t best = 0;

		/*
		 * The longest secret that starts here wins; a short one only
		 * where it stands alone ("password=ab&", not "/tmp/ab").
		 */
		for (size_t i = 0; i < secrets.n; i++) {
			size_t n = strlen(secrets.v[i]);

			if (n <= best || strncmp(s, secrets.v[i], n) != 0)
				continue;
			if (n < SHORT_SECRET && ((s > start && alnum(s[-1])) || alnum(s[n])))
				continue;
			best = n;
		}
		if (best > 0) {
			buf_adds(&b, "***");
			s += best;
		} else {
			buf_add(&b, s++, 1);
		}
	}
	return b.s;
}

static void emit(FILE *f, int prio, const char *prefix, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* Format, mask, and write one line; prio is syslog's priority for it. */
static void
emit(FILE *f, int prio, const char *prefix, const char *fmt, va_list ap)
{
	char *raw = xvasprintf(fmt, ap), *masked = log_mask(raw);

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
	free(raw);
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *prefix[] = {
		"nicupdate: ", "nicupdate: warning: ", "nicupdate: ", "nicupdate: debug: ",
	};
	static const int min_verbosity[] = { 0, 1, 2, 3 };
	static const int prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
	va_list ap;

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
