#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include <time.h>

#include "util.h"

static void
oom(void)
{
	fputs("nicupdate: out of memory\n", stderr);
	exit(70);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list cp;
	char *s;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		oom();
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
	if (n > 0)	/* s may be NULL when there is nothing to add */
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, s);
	free(s);
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
strlist_add(struct strlist *l, const char *s)
{
	l->v = xrealloc(l->v, (l->n + 2) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(s);
	l->v[l->n] = NULL;
}

void
strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int
strlist_split(struct strlist *l, const char *s)
{
	char *copy = xstrdup(s), *p = copy, *item;
	int rc = 0;

	for (;;) {
		char *comma = strchr(p, ',');

		if (comma != NULL)
			*comma = '\0';
		item = trim(p);
		if (*item == '\0')
			rc = -1;
		else
			strlist_add(l, item);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	free(copy);
	return rc;
}

int
strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

int
strlist_has_host(const struct strlist *l, const char *host)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->v[i], host) == 0)
			return 1;
	return 0;
}

char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
parse_bool(const char *s, int *out)
{
	static const char *yes[] = { "yes", "true", "on", "1" };
	static const char *no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

void
fmt_duration(long v, char *out, size_t n)
{
	static const struct {
		long secs;
		char unit;
	} units[] = { { 86400, 'd' }, { 3600, 'h' }, { 60, 'm' } };

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (v > 0 && v % units[i].secs == 0) {
			snprintf(out, n, "%ld%c", v / units[i].secs, units[i].unit);
			return;
		}
	}
	snprintf(out, n, "%lds", v);
}

int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s) && *s != '-')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
parse_duration(const char *s, long *secs)
{
	static const struct { char suffix; long mult; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
	};
	const long max = 10L * 365 * 86400;	/* ten years */
	size_t n = strlen(s);
	long mult = 1, v;
	char num[32];

	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, s, n + 1);
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (num[n - 1] == units[i].suffix) {
			mult = units[i].mult;
			num[--n] = '\0';
			break;
		}
	}
	if (n == 0 || !isdigit((unsigned char)num[0]) ||
	    parse_long(num, 0, max / mult, &v) == -1)
		return -1;
	*secs = v * mult;
	return 0;
}

char *
url_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || strchr("-._~", *p) != NULL) {
			buf_add(&b, (const char *)p, 1);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			buf_add(&b, e, 3);
		}
	}
	return b.s;
}

uint32_t
fnv1a(uint32_t h, const char *s)
{
	if (s == NULL)
		s = "";
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	/* a separator, so ("ab","c") and ("a","bc") differ */
	h ^= 0xff;
	h *= 16777619u;
	return h;
}

long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
file_is_private(const char *path, const struct stat *st)
{
	const char *creds = getenv("CREDENTIALS_DIRECTORY");
	char *real, *dir = NULL, *slash;
	int in_creds = 0;

	if (!(st->st_mode & (S_IRWXG | S_IRWXO)))
		return 1;
	if (st->st_mode & S_IRWXO || creds == NULL || *creds != '/' ||
	    (real = realpath(path, NULL)) == NULL)
		return 0;
	if ((slash = strrchr(real, '/')) != NULL && (dir = realpath(creds, NULL)) != NULL)
		in_creds = strlen(dir) == (size_t)(slash - real) &&
		    strncmp(real, dir, (size_t)(slash - real)) == 0;
	free(dir);
	free(real);
	return in_creds;
}

char *
read_file_st(const char *path, struct stat *st, size_t *len)
{
	FILE *f = fopen(path, "r");
	struct buf b = { 0 };
	char chunk[8192];
	size_t n;
	int err = 0;

	if (f == NULL)
		return NULL;
	if (st != NULL && fstat(fileno(f), st) == -1)
		err = errno;
	while (err == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > (size_t)READ_FILE_MAX)
			err = EFBIG;
		else
			buf_add(&b, chunk, n);
	}
	if (err == 0 && ferror(f))
		err = errno;
	fclose(f);
	if (err != 0) {
		buf_free(&b);
		errno = err;
		return NULL;
	}
	if (len != NULL)
		*len = b.len;
	buf_add(&b, "", 0);
	return b.s;
}

char *
read_file(const char *path)
{
	return read_file_st(path, NULL, NULL);
}
