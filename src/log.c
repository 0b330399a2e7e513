#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "util.h"

int log_verbosity = 1;

static struct strlist secrets;

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

char *
log_mask(const char *s)
{
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	while (*s) {
		size_t best = 0;

		/* the longest secret that starts here wins */
		for (size_t i = 0; i < secrets.n; i++) {
			size_t n = strlen(secrets.v[i]);

			if (n > best && strncmp(s, secrets.v[i], n) == 0)
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

static void
emit(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
	char *raw, *masked;
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	raw = xmalloc((size_t)n + 1);
	vsnprintf(raw, (size_t)n + 1, fmt, ap);
	masked = log_mask(raw);
	/* one write per line, so concurrent runs never interleave mid-line */
	fprintf(f, "%s%s\n", prefix, masked);
	fflush(f);
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
	va_list ap;

	if (log_verbosity < min_verbosity[level])
		return;
	va_start(ap, fmt);
	emit(stderr, prefix[level], fmt, ap);
	va_end(ap);
}

void
log_out(const char *fmt, ...)
{
	va_list ap;

	if (log_verbosity < 1)
		return;
	va_start(ap, fmt);
	emit(stdout, "", fmt, ap);
	va_end(ap);
}
