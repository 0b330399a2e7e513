/*
 * Values that are more than a string to store: secrets (refused with a
 * control byte, read from a private file), files and commands a profile
 * names (checked at load, not on every run), hook URLs, interface names
 * postscript-on, and the host names and server URLs of a profile
 * (nicupdate.conf(5), KEYS).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "conf.h"
#include "log.h"

/* Is a credential unusable: a control byte (CR, LF, NUL, tab...)? Reported
 * without the value. */
int
conf_secret_bad(struct load *l, int line, const char *key, const char *v, size_t n)
{
	int c = conf_ctl_byte(v, n, 0);

	if (c == -1)
		return 0;
	conf_error(l, line, "%s: the value holds a control character (byte 0x%02x); "
	    "remove it", key, (unsigned)c);
	return 1;
}

/* Read the first line of a secret file that only its owner may read. */
char *
conf_secret_file(struct load *l, int line, const char *path)
{
	struct stat st;
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		conf_error(l, line, "password-file: %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && !file_is_private(path, &st)) {
		conf_error(l, line, "password-file: %s: readable by other users "
		    "(chmod 600 it)", path);
		fclose(f);
		return NULL;
	}
	n = getline(&s, &cap, f);
	fclose(f);
	if (n <= 0) {
		free(s);
		conf_error(l, line, "password-file: %s: empty", path);
		return NULL;
	}
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	if (conf_secret_bad(l, line, "password-file", s, (size_t)n)) {
		free(s);
		return NULL;
	}
	return s;
}

/* CONFIG_NO_SECRETS: a password source that cannot be had now (no error). */
int
conf_secret_missing(const struct load *l, const struct entry *e)
{
	if (!l->no_secrets)
		return 0;
	if (strcmp(e->key, "password-file") == 0)
		return access(e->value, R_OK) == -1;
	if (strcmp(e->key, "password-env") == 0)
		return getenv(e->value) == NULL || *getenv(e->value) == '\0';
	return 0;
}

/* postscript-on = change, failure: any of the two, at least one. */
void
conf_postscript_on(struct load *l, const struct entry *e, struct profile *p)
{
	struct strlist w = { 0 };

	p->postscript_on = 0;
	if (strlist_split(&w, e->value) == -1)
		conf_error(l, e->line, "postscript-on: empty item in \"%s\"", e->value);
	for (size_t i = 0; i < w.n; i++)
		if (strcmp(w.v[i], "change") == 0)
			p->postscript_on |= PS_ON_CHANGE;
		else if (strcmp(w.v[i], "failure") == 0)
			p->postscript_on |= PS_ON_FAILURE;
		else
			conf_error(l, e->line, "postscript-on: unknown \"%s\" (use change, "
			    "failure or both)", w.v[i]);
	strlist_free(&w);
}

/*
 * A hook URL: http:// or https://, no space or control byte, and for the
 * healthcheck no query or fragment (nicupdate appends /start and /fail,
 * or its own query). 1 / 0 (reported).
 */
int
conf_hook_url(struct load *l, const struct entry *e)
{
	const char *v = e->value;
	int hc = strcmp(e->key, "healthcheck") == 0;

	if (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0) {
		conf_error(l, e->line, "%s: not an http:// or https:// URL", e->key);
		return 0;
	}
	for (const char *s = v; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f) {
			conf_error(l, e->line, "%s: the URL holds a space or control character",
			    e->key);
			return 0;
		}
	if (hc && strpbrk(v, "?#") != NULL) {
		conf_error(l, e->line, "healthcheck: remove the query (\"?...\") from the "
		    "URL; nicupdate adds its own (see nicupdate.conf(5))");
		return 0;
	}
	return 1;
}

/* Can v name a network interface (nicupdate.conf(5), interface)? 1 / 0 */
int
conf_ifname_ok(const char *v)
{
	size_t n = strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-");

	return n > 0 && v[n] == '\0' && n <= IFNAME_MAX && strcmp(v, ".") != 0 &&
	    strcmp(v, "..") != 0;
}

int
conf_path_check(const char *path, int dir, char *why, size_t n)
{
	struct stat st;

	if (stat(path, &st) == -1) {
		snprintf(why, n, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)) {
		snprintf(why, n, "%s: not a %s", path, dir ? "directory" : "file");
		return -1;
	}
	if (access(path, dir ? R_OK | X_OK : R_OK) == -1) {
		snprintf(why, n, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Is path a regular file this process may execute? */
static int
executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int
conf_command_check(const char *cmd, char *why, size_t n)
{
	struct strlist argv = { 0 };
	const char *path = getenv("PATH");
	int found = 0;

	command_split(cmd, &argv);
	if (argv.n == 0) {
		snprintf(why, n, "no command");
		return -1;
	}
	if (strchr(argv.v[0], '/') != NULL) {
		found = executable(argv.v[0]);
	} else {
		/* as execvp(3) looks it up */
		if (path == NULL)
			path = "/usr/local/bin:/bin:/usr/bin";
		for (const char *d = path; !found && d != NULL;) {
			const char *colon = strchr(d, ':');
			size_t len = colon ? (size_t)(colon - d) : strlen(d);
			char *full = xasprintf("%.*s/%s", (int)len, len ? d : ".", argv.v[0]);

			found = executable(full);
			free(full);
			d = colon ? colon + 1 : NULL;
		}
	}
	if (!found)
		snprintf(why, n, "%s: %s", argv.v[0], strchr(argv.v[0], '/') ?
		    "no such executable file" : "not found in PATH");
	strlist_free(&argv);
	return found ? 0 : -1;
}

int
valid_hostname(const char *h)
{
	size_t n = strlen(h);

	if (n == 0 || n > 253 || h[0] == '.' || h[0] == '-' || strstr(h, "..") != NULL)
		return 0;
	for (const char *s = h; *s; s++)
		if (!isalnum((unsigned char)*s) && strchr(".-_*", *s) == NULL)
			return 0;
	return 1;
}

int
conf_valid_server(const char *s)
{
	if (strncmp(s, "https://", 8) == 0)
		s += 8;
	else if (strncmp(s, "http://", 7) == 0)
		s += 7;
	if (*s == '\0' || *s == '/')
		return 0;
	for (; *s; s++)
		if (!isgraph((unsigned char)*s) || strchr("@?#", *s) != NULL)
			return 0;
	return 1;
}

/* Does url go over plain http to another machine than this one? */
int
conf_plain_remote(const char *url)
{
	char host[256], canon[ADDR_MAX];
	const char *range;
	size_t n;

	if (strncasecmp(url, "http://", 7) != 0)
		return 0;
	url += 7;
	if (*url == '[')
		n = strcspn(++url, "]");
	else
		n = strcspn(url, ":/?#");
	snprintf(host, sizeof(host), "%.*s", (int)n, url);
	if (strcasecmp(host, "localhost") == 0 || strcasecmp(host, "localhost.") == 0)
		return 0;
	for (int f = 0; f < FAM_N; f++)
		if (addr_parse((enum fam)f, host, canon) == 0 &&
		    (range = addr_nonglobal((enum fam)f, canon)) != NULL &&
		    strcmp(range, "loopback") == 0)
			return 0;
	return 1;
}

struct hostref {
	const char *name;
	size_t at;		/* its place in the list */
};

static int
cmp_host(const void *a, const void *b)
{
	const struct hostref *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	return c != 0 ? c : (x->at > y->at) - (x->at < y->at);
}

/*
 * Host names are compared without case and without a trailing dot
 * (nicupdate.conf(5), hosts): store them without the dot, spelt as
 * written (a provider may take a label, as OpenDNS does), and send a host
 * listed twice once (its first place), with a warning at the hosts line;
 * n log n.
 */
void
conf_normalize_hosts(struct load *l, struct profile *p, int line)
{
	struct strlist *h = &p->hosts;
	struct hostref *r = xcalloc(h->n + 1, sizeof(*r));
	char *drop = xcalloc(h->n + 1, 1);
	size_t k = 0;

	for (size_t i = 0; i < h->n; i++) {
		size_t n = strlen(h->v[i]);

		if (n > 1 && h->v[i][n - 1] == '.')
			h->v[i][n - 1] = '\0';
		r[i].name = h->v[i];
		r[i].at = i;
	}
	qsort(r, h->n, sizeof(*r), cmp_host);
	for (size_t i = 1; i < h->n; i++) {
		if (strcasecmp(r[i].name, r[i - 1].name) != 0)
			continue;
		log_warn("%s:%d: [%s]: hosts: %s is listed twice; it is updated once",
		    l->file, line, p->name, r[i].name);
		drop[r[i].at] = 1;
	}
	free(r);
	for (size_t i = 0; i < h->n; i++) {
		if (drop[i])
			free(h->v[i]);
		else
			h->v[k++] = h->v[i];
	}
	free(drop);
	h->n = k;
	if (h->v != NULL)
		h->v[k] = NULL;
}
