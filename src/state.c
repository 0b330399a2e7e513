#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "state.h"
#include "util.h"

#define HEADER "# nicupdate state "

/* mkdir -p for the parent directory of path, mode 0700. 0 / -1. */
static int
make_parent(const char *path)
{
	char *copy = xstrdup(path), *dir;
	int rc = 0;

	/* dirname() may return a static "." or "/": never write into that */
	dir = xstrdup(dirname(copy));
	free(copy);
	copy = dir;
	if (strcmp(dir, ".") == 0 || strcmp(dir, "/") == 0) {
		free(copy);
		return 0;
	}
	for (char *p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) == -1 && errno != EEXIST)
				rc = -1;
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(copy);
	return rc;
}

static int
take_lock(struct state *s)
{
	char *lockpath = xasprintf("%s.lock", s->path);
	long long until = now_ms() + STATE_LOCK_WAIT_MS;
	int waited = 0;

	s->lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (s->lockfd == -1) {
		log_error("%s: %s", lockpath, strerror(errno));
		free(lockpath);
		return -1;
	}
	while (flock(s->lockfd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			log_error("%s: %s", lockpath, strerror(errno));
			free(lockpath);
			return -1;
		}
		if (now_ms() >= until) {
			log_error("%s: another nicupdate run holds the lock; gave up after "
			    "%d s", lockpath, STATE_LOCK_WAIT_MS / 1000);
			free(lockpath);
			close(s->lockfd);
			s->lockfd = -1;
			return -2;
		}
		if (!waited++)
			log_info("%s: waiting for another run to finish", lockpath);
		usleep(50 * 1000);
	}
	free(lockpath);
	return 0;
}

static void
add(struct state *s, const struct srec *r)
{
	s->r = xrealloc(s->r, (s->n + 1) * sizeof(*s->r));
	s->r[s->n++] = *r;
}

/* Parse one record line; 0 / -1. */
static int
parse_line(char *line, struct srec *r)
{
	char *f[8], *save = NULL, *tok;
	int n = 0, fam;
	long long at, mt;
	unsigned long fp;
	char *end;

	for (tok = strtok_r(line, " \t", &save); tok && n < 8;
	    tok = strtok_r(NULL, " \t", &save))
		f[n++] = tok;
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
	errno = 0;
	at = strtoll(f[5], &end, 10);
	if (*end || errno || at < 0)
		return -1;
	mt = strtoll(f[6], &end, 10);
	if (*end || errno || mt < 0)
		return -1;
	fp = strtoul(f[7], &end, 16);
	if (*end || errno || fp > UINT32_MAX)
		return -1;
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
		if (parse_line(line, &r) == -1) {
			log_warn("%s:%d: unreadable line ignored", name, lineno);
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

int
state_open(struct state *s, const char *path, int lock)
{
	struct buf b = { 0 };
	char chunk[8192];
	int fd, rc;
	ssize_t n;

	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	s->lockfd = -1;
	if (lock) {
		if (make_parent(path) == -1) {
			log_error("%s: cannot create its directory: %s", path, strerror(errno));
			return -1;
		}
		if ((rc = take_lock(s)) != 0)
			return rc;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 0;
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	if (n < 0) {
		log_error("%s: %s", path, strerror(errno));
		buf_free(&b);
		return -1;
	}
	if (b.len > 0 && memchr(b.s, '\0', b.len) != NULL) {
		log_warn("%s: holds NUL bytes; reading what precedes them", path);
	}
	if (b.s != NULL)
		state_parse(s, path, b.s);
	buf_free(&b);
	return 0;
}

struct srec *
state_find(struct state *s, const char *profile, const char *host, enum fam f)
{
	for (size_t i = 0; i < s->n; i++) {
		struct srec *r = &s->r[i];

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
	char *tmp = xasprintf("%s.XXXXXX", s->path), *copy, *dir;
	struct buf b = { 0 };
	int fd, dfd, rc = -1;

	buf_printf(&b, HEADER "%d\n# profile host family address status attempt success "
	    "fingerprint\n", STATE_VERSION);
	for (size_t i = 0; i < s->n; i++) {
		const struct srec *r = &s->r[i];

		buf_printf(&b, "%s %s %s %s %s %lld %lld %08" PRIx32 "\n", r->profile,
		    r->host, r->fam == FAM_V4 ? "ipv4" : "ipv6", r->addr[0] ? r->addr : "-",
		    r->status[0] ? r->status : "none:none", r->atime, r->mtime, r->fp);
	}
	if (make_parent(s->path) == -1 || (fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		log_error("%s: cannot write: %s", s->path, strerror(errno));
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
state_close(struct state *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->r[i].profile);
		free(s->r[i].host);
	}
	free(s->r);
	free(s->path);
	if (s->lockfd != -1)
		close(s->lockfd);
	memset(s, 0, sizeof(*s));
	s->lockfd = -1;
}
