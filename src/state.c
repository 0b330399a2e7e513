#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "state.h"
#include "statefs.h"
#include "util.h"

#define HEADER "# nicupdate state "

static size_t
slot(const struct state *s, const char *profile, const char *host, enum fam f)
{
	return fnv1a(fnv1a(FNV_INIT ^ (uint32_t)f, profile), host) & (s->nidx - 1);
}

static void
index_put(struct state *s, size_t i)
{
	size_t j = slot(s, s->r[i].profile, s->r[i].host, s->r[i].fam);

	while (s->idx[j] != 0)
		j = (j + 1) & (s->nidx - 1);
	s->idx[j] = i + 1;
}

/* Rebuild the hash index, kept at most half full. */
static void
index_build(struct state *s)
{
	free(s->idx);
	for (s->nidx = 64; s->nidx < 2 * s->n + 2; s->nidx *= 2)
		;
	s->idx = xcalloc(s->nidx, sizeof(*s->idx));
	for (size_t i = 0; i < s->n; i++)
		index_put(s, i);
}

static void
add(struct state *s, const struct srec *r)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->r = xrealloc(s->r, s->cap * sizeof(*s->r));
	}
	s->r[s->n++] = *r;
	if (2 * s->n + 2 > s->nidx)
		index_build(s);
	else
		index_put(s, s->n - 1);
}

/* A time field: 0 to STATE_TIME_MAX; 0 / -1 with *why set. */
static int
parse_time(const char *f, long long *t, const char **why)
{
	char *end;

	errno = 0;
	*t = strtoll(f, &end, 10);
	if (end == f || *end || (errno && errno != ERANGE))
		return *why = "unreadable line ignored", -1;
	if (errno == ERANGE || *t < 0 || *t > STATE_TIME_MAX)
		return *why = "time out of range (0 to year 9999); line ignored", -1;
	return 0;
}

/* Parse one record line; 0 / -1 with *why set. */
static int
parse_line(char *line, struct srec *r, const char **why)
{
	char *f[8], *save = NULL, *tok;
	int n = 0, fam;
	long long at, mt;
	unsigned long fp;
	char *end;

	for (tok = strtok_r(line, " \t", &save); tok && n < 8;
	    tok = strtok_r(NULL, " \t", &save))
		f[n++] = tok;
	*why = "unreadable line ignored";
	if (n != 8 || tok != NULL)
		return -1;
	if (strcmp(f[2], "ipv4") == 0)
		fam = FAM_V4;
	else if (strcmp(f[2], "ipv6") == 0)
		fam = FAM_V6;
	else
		return -1;
	memset(r, 0, sizeof(*r));
	if (strcmp(f[3], "-") != 0 && addr_parse((enum fam)fam, f[3], r->addr) == -1)
		return -1;
	if (strchr(f[4], ':') == NULL || strlen(f[4]) >= sizeof(r->status))
		return -1;
	if (parse_time(f[5], &at, why) == -1 || parse_time(f[6], &mt, why) == -1)
		return -1;
	*why = "unreadable line ignored";
	/* "f2:HEX[:CRED]" today; a bare HEX from an earlier version covered credentials */
	r->legacy = strncmp(f[7], "f2:", 3) != 0;
	f[7] += r->legacy ? 0 : 3;
	if (!isxdigit((unsigned char)f[7][0]))
		return -1;
	errno = 0;
	fp = strtoul(f[7], &end, 16);
	if ((*end && (r->legacy || *end != ':')) || errno || fp > UINT32_MAX)
		return -1;
	if (*end == ':' && (end[1] != '$' || strlen(end + 1) >= sizeof(r->cred)))
		return -1;
	if (*end == ':')
		snprintf(r->cred, sizeof(r->cred), "%s", end + 1);
	r->profile = xstrdup(f[0]);
	r->host = xstrdup(f[1]);
	r->fam = (enum fam)fam;
	snprintf(r->status, sizeof(r->status), "%s", f[4]);
	r->atime = at;
	r->mtime = mt;
	r->fp = (uint32_t)fp;
	return 0;
}

void
state_parse(struct state *s, const char *name, const char *text)
{
	char *copy = xstrdup(text), *save = NULL;
	int lineno = 0, version = -1;

	for (char *line = strtok_r(copy, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		struct srec r;
		const char *why;

		lineno++;
		if (lineno == 1) {
			long v;

			if (strncmp(line, HEADER, strlen(HEADER)) == 0 &&
			    parse_long(line + strlen(HEADER), 1, 1000, &v) == 0)
				version = (int)v;
			if (version != STATE_VERSION) {
				log_warn("%s: not a version %d state file; ignoring it", name,
				    STATE_VERSION);
				break;
			}
			continue;
		}
		if (line[0] == '#')
			continue;
		if (parse_line(line, &r, &why) == -1) {
			log_warn("%s:%d: %s", name, lineno, why);
			continue;
		}
		if (state_find(s, r.profile, r.host, r.fam) != NULL) {
			log_warn("%s:%d: duplicate line ignored", name, lineno);
			free(r.profile);
			free(r.host);
			continue;
		}
		add(s, &r);
	}
	free(copy);
}

/*
 * Read the open file fd (at most STATE_MAX_BYTES) into s; 0 / -1. With
 * peek, only check that it is a state file: read its header and stop.
 */
static int
read_state(struct state *s, int fd, const struct stat *st, int peek)
{
	size_t max = peek ? strlen(HEADER) : (size_t)STATE_MAX_BYTES;
	struct buf b = { 0 };
	char chunk[8192];
	ssize_t n = 0;
	int rc = -1;

	if (st->st_size > STATE_MAX_BYTES) {
		log_error("%s: larger than %ld MiB; refusing to read it", s->path,
		    STATE_MAX_BYTES >> 20);
		return -1;
	}
	while ((peek ? b.len < max : b.len <= max) &&
	    ((n = read(fd, chunk, peek ? max : sizeof(chunk))) > 0 ||
	    (n == -1 && errno == EINTR)))
		if (n > 0)
			buf_add(&b, chunk, (size_t)n);
	if (n < 0) {
		log_error("%s: %s", s->path, strerror(errno));
	} else if (!peek && b.len > (size_t)STATE_MAX_BYTES) {
		log_error("%s: larger than %ld MiB; refusing to read it", s->path,
		    STATE_MAX_BYTES >> 20);
	} else if (b.len > 0 && strncmp(b.s, HEADER, strlen(HEADER)) != 0) {
		log_error("%s: not a nicupdate state file (it does not start with \"%s\"); "
		    "refusing to replace it: choose another cache path", s->path, HEADER);
	} else if (peek) {
		rc = 0;
	} else {
		if (b.len > 0 && memchr(b.s, '\0', b.len) != NULL)
			log_warn("%s: holds NUL bytes; reading what precedes them", s->path);
		if (b.s != NULL)
			state_parse(s, s->path, b.s);
		rc = 0;
	}
	buf_free(&b);
	return rc;
}

/* Open and read s->path (see read_state); a missing file is empty. */
static int
load(struct state *s, int sticky, int peek)
{
	struct stat st;
	int fd, rc;

	if ((fd = statefs_open(s->path, O_RDONLY, sticky, &st)) == -1)
		return errno == ENOENT ? 0 : -1;
	rc = read_state(s, fd, &st, peek);
	close(fd);
	return rc;
}

/* One warning for times ahead of the clock: policy_decide sends for them. */
static void
warn_future(const struct state *s)
{
	long long now = (long long)time(NULL);
	size_t ahead = 0;

	for (size_t i = 0; i < s->n; i++)
		ahead += s->r[i].atime > now || s->r[i].mtime > now;
	if (ahead > 0)
		log_warn("%s: %zu record%s dated in the future (was the clock ahead?); "
		    "%s updated as if never sent", s->path, ahead, ahead == 1 ? " is" : "s are",
		    ahead == 1 ? "it is" : "they are");
}

int
state_open(struct state *s, const char *path, int lock)
{
	int rc, sticky;

	memset(s, 0, sizeof(*s));
	s->lockfd = -1;
	if (path == NULL) {
		char why[160];

		free(state_default_path(why, sizeof(why)));
		log_error("%s", why);
		return -1;
	}
	s->path = xstrdup(path);
	if (lock && statefs_mkparent(path) == -1) {
		log_error("%s: cannot create its directory: %s", path, strerror(errno));
		return -1;
	}
	if (statefs_dirs_safe(path, &sticky) == -1)
		return -1;
	if (lock) {
		/* refuse what is not ours before making a lock file beside it */
		if (load(s, sticky, 1) == -1)
			return -1;
		if ((rc = statefs_lock(path, sticky, &s->lockfd)) != 0)
			return rc;
		statefs_remove_temp(path);
	}
	if ((rc = load(s, sticky, 0)) == 0)
		warn_future(s);
	return rc;
}

struct srec *
state_find(struct state *s, const char *profile, const char *host, enum fam f)
{
	if (s->nidx == 0)
		return NULL;
	for (size_t j = slot(s, profile, host, f); s->idx[j] != 0;
	    j = (j + 1) & (s->nidx - 1)) {
		struct srec *r = &s->r[s->idx[j] - 1];

		if (r->fam == f && strcmp(r->host, host) == 0 &&
		    strcmp(r->profile, profile) == 0)
			return r;
	}
	return NULL;
}

struct srec *
state_get(struct state *s, const char *profile, const char *host, enum fam f)
{
	struct srec *r = state_find(s, profile, host, f), n;

	if (r != NULL)
		return r;
	memset(&n, 0, sizeof(n));
	n.profile = xstrdup(profile);
	n.host = xstrdup(host);
	n.fam = f;
	add(s, &n);
	return &s->r[s->n - 1];
}

int
state_write(struct state *s)
{
	char *tmp = xasprintf("%s.tmp", s->path), *copy, *dir;
	struct buf b = { 0 };
	int fd, dfd, rc = -1;

	buf_printf(&b, HEADER "%d\n# profile host family address status attempt success "
	    "fingerprint\n", STATE_VERSION);
	for (size_t i = 0; i < s->n; i++) {
		const struct srec *r = &s->r[i];

		buf_printf(&b, "%s %s %s %s %s %lld %lld %s%08" PRIx32 "%s%s\n", r->profile,
		    r->host, r->fam == FAM_V4 ? "ipv4" : "ipv6", r->addr[0] ? r->addr : "-",
		    r->status[0] ? r->status : "none:none", r->atime, r->mtime,
		    r->legacy ? "" : "f2:", r->fp, r->cred[0] ? ":" : "", r->cred);
	}
	if (statefs_mkparent(s->path) == -1) {
		log_error("%s: cannot write: %s", s->path, strerror(errno));
		goto out;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1) {
		log_error("%s: cannot write: %s", tmp, strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0600) == -1 || write(fd, b.s, b.len) != (ssize_t)b.len ||
	    fsync(fd) == -1) {
		log_error("%s: cannot write: %s", tmp, errno ? strerror(errno) : "short write");
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) == -1 || rename(tmp, s->path) == -1) {
		log_error("%s: cannot write: %s", s->path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	/* make the rename itself durable */
	copy = xstrdup(s->path);
	dir = dirname(copy);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
	rc = 0;
out:
	buf_free(&b);
	free(tmp);
	return rc;
}

void
state_prune(struct state *s, int (*keep)(const char *profile, const void *arg),
    const void *arg)
{
	size_t j = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (keep(s->r[i].profile, arg)) {
			s->r[j++] = s->r[i];
			continue;
		}
		log_info("%s: %s/%s: profile no longer in the config; record dropped",
		    s->path, s->r[i].profile, s->r[i].host);
		free(s->r[i].profile);
		free(s->r[i].host);
	}
	if (j == s->n)
		return;
	s->n = j;
	s->dirty = 1;
	index_build(s);
}

char *
state_default_path(char *why, size_t whylen)
{
	const char *dir = getenv("CACHE_DIRECTORY");	/* systemd's CacheDirectory= */
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (dir != NULL && *dir == '/' && strchr(dir, ':') == NULL)
		return xasprintf("%s/nicupdate.cache", dir);
	if (geteuid() == 0)
		return xstrdup("/var/cache/nicupdate/nicupdate.cache");
	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/nicupdate/nicupdate.cache", xdg);
	if (home != NULL && *home == '/')
		return xasprintf("%s/.cache/nicupdate/nicupdate.cache", home);
	if (why != NULL)
		snprintf(why, whylen, "no state file path: HOME is not set; set HOME, "
		    "XDG_CACHE_HOME or cache = in the config");
	return NULL;
}

void
fmt_time(char *dst, size_t n, long long t, int seconds)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0)
		snprintf(dst, n, "-");
	else if ((long long)tt != t || localtime_r(&tt, &tm) == NULL ||
	    strftime(dst, n, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(dst, n, "@%lld", t);
}

void
state_close(struct state *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->r[i].profile);
		free(s->r[i].host);
	}
	free(s->r);
	free(s->idx);
	free(s->path);
	if (s->lockfd != -1)
		close(s->lockfd);
	memset(s, 0, sizeof(*s));
	s->lockfd = -1;
}
