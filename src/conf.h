/*
 * Private to the config reader: what one load gathers. conf_read.c holds
 * the grammar (nicupdate.conf(5), Syntax) and hands inih one canonical line
 * at a time; conf_keys.c applies entries to profiles; config.c builds and
 * validates profiles.
 */
#ifndef NICUPDATE_CONF_H
#define NICUPDATE_CONF_H

#include <stdio.h>

#include "config.h"

#define CONF_NAME_MAX 64	/* longest key or section name */

/* One "key = value" as read, before it is applied to profiles. */
struct entry {
	char *key, *value;
	int line;
};

struct section {
	char *name;
	int line;
	size_t first;		/* its first entry */
	int bad;		/* its name was refused: its entries are skipped */
	int errors;		/* errors reported on its lines while reading */
};

/* Everything one load gathers; errors are counted, each reported once. */
struct load {
	const char *file;
	FILE *f;
	int line;
	int errors;
	struct entry *ent;
	size_t nent;
	struct section *sec;
	size_t nsec;
	char *value;		/* the value of the line handed to inih */
	long global;		/* index of [global] in sec, or -1 */
	int has_password;
	int no_secrets;		/* CONFIG_NO_SECRETS: missing secrets are warnings */
	int content;		/* lines that are neither blank nor comments */
	int outside;		/* keys before the first section */
};

void conf_error(struct load *l, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The first control byte of s[0..n) (NUL and DEL included; a tab only when
 * not tab_ok), or -1. */
int conf_ctl_byte(const char *s, size_t n, int tab_ok);
/* Read l->f into sections and entries; 0, or -1 when inih failed. */
int conf_read(struct load *l);
void conf_read_free(struct load *l);

/* Keys that set the same thing have one canonical name (username: login). */
const char *conf_canonical(const char *key);
/* Report a key set twice in one section (also under another name). */
void conf_duplicates(struct load *l);
/* Apply one entry to profile p (or, for "cache", to c); inherited: [global]. */
void conf_apply(struct load *l, struct config *c, struct profile *p,
    const struct entry *e, int inherited);
/* Is path an existing readable file (dir: directory)? 0, or -1 with why. */
int conf_path_check(const char *path, int dir, char *why, size_t n);
/* A credential holding a control byte: reported at line; 1, else 0. */
int conf_secret_bad(struct load *l, int line, const char *key, const char *v, size_t n);
/* The first line of a password-file only its owner may read, or NULL (reported). */
char *conf_secret_file(struct load *l, int line, const char *path);
/* CONFIG_NO_SECRETS and a password source that cannot be had now: 1 (warned). */
int conf_secret_missing(const struct load *l, const struct entry *e);
/* postscript-on = change, failure into p (errors reported). */
void conf_postscript_on(struct load *l, const struct entry *e, struct profile *p);
/* A usable hook URL? 1, or 0 after reporting why. */
int conf_hook_url(struct load *l, const struct entry *e);
/* Linux's longest interface name (IFNAMSIZ less the NUL). */
#define IFNAME_MAX 15
/* Can v name a network interface? 1 / 0 */
int conf_ifname_ok(const char *v);
/* Is s "host[:port]" or "http(s)://host[:port]"? 1 / 0 */
int conf_valid_server(const char *s);
/* Does url go over plain http to another machine than this one? 1 / 0 */
int conf_plain_remote(const char *url);
/* Hosts without a trailing dot, a host listed twice sent once (warned at line). */
void conf_normalize_hosts(struct load *l, struct profile *p, int line);
/* Does the first word of command line cmd name an executable file (looked
 * up in PATH when it has no '/')? 0, or -1 with why. */
int conf_command_check(const char *cmd, char *why, size_t n);
/* The defaults every profile starts from. */
void conf_defaults(struct profile *p);

#endif
