/*
 * The ddclient.conf import, private to its files. ddclient.c drives it:
 * ddc_read.c reads the grammar into settings, ddc_translate.c makes one
 * profile body per host, ddc_render.c writes the profiles; all of them use
 * ddc_sets.c (settings, lookups, warnings, value checks, comments) and
 * nothing calls back upward.
 */
#ifndef NICUPDATE_DDC_H
#define NICUPDATE_DDC_H

#include <stddef.h>

#include "util.h"

/* One ddclient setting; env: val names an environment variable (name_env=). */
struct set {
	char *key, *val;
	int line, env;
	int used;	/* globals: a host line came after it; hosts: translated */
};

struct sets {
	struct set *v;
	size_t n;
};

/* Hosts whose translated settings (body) are identical: one profile. */
struct prof {
	char *proto, *body;
	char *why;		/* NULL, or why its hosts are kept commented out */
	struct strlist hosts;
};

/* Strings to numbers, found in constant time (a hash table). */
struct ddc_map {
	struct ddc_slot {
		char *key;	/* NULL: free slot */
		size_t val;
	} *v;
	size_t cap, n;
};

/* One translation: what was read, then the profiles made of it. */
struct ddc {
	const char *name;
	struct sets globals;
	struct sets *h;		/* hosts, each with host=NAME first */
	size_t nh;
	struct ddc_map hosts;	/* host name: its index in h */
	struct prof *p;
	size_t np;
	struct ddc_map bodies;	/* protocol "\n" body: its profile's index in p */
	struct buf top;		/* comments under the first line */
	struct ddc_map warned;	/* "line key" pairs already reported */
	int refused;		/* a value cannot be written: no output */
};

/* One host being translated (ddc_translate.c, ddc_sources.c). */
struct xl {
	struct ddc *d;
	struct sets *h;
	struct buf b;		/* the profile's lines after "hosts" */
	struct strlist notes;	/* comments on what was not translated */
	char *why;		/* NULL, or why the host stays a comment */
	int ssl;
};

/* Where key's value is kept in m, or NULL. */
size_t *ddc_map_get(const struct ddc_map *m, const char *key);
/* Set key's value in m (key is copied). */
void ddc_map_put(struct ddc_map *m, const char *key, size_t val);
void ddc_map_free(struct ddc_map *m);

/* ddclient's yes/no values (y, yes, t, true, 1 and their opposites, in any
 * case): 1 or 0, or -1 when v is neither. */
int ddc_bool(const char *v);
/* 1 if w is one of the blank-separated words of list. */
int ddc_word_in(const char *list, const char *w);
/* The setting named key in s, or NULL. */
struct set *ddc_sets_find(const struct sets *s, const char *key);
/* Add a copy of from, or overwrite an existing key when replace. */
void ddc_sets_put(struct sets *s, const struct set *from, int replace);
void ddc_sets_free(struct sets *s);
/* "name:line: key: message" through log_warn(), once per line and key. */
void ddc_warn(struct ddc *d, int line, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same as an error, marking d refused: nothing is converted. */
void ddc_refuse(struct ddc *d, int line, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* 0 if value v of key can be written in nicupdate.conf; -1 after reporting
 * "name:line: key: what holds a control character" (once per line and key)
 * and marking d refused: a newline would end the line and start others. */
int ddc_check_value(struct ddc *d, int line, const char *key, const char *what,
    const char *v);
/* "# text\n", on several comment lines when too long for config.c's reader. */
void ddc_comment(struct buf *b, const char *text);
/* Why key is not translated, or NULL; process: only settings of the process
 * (daemon, syslog, mail...), which belong at the top of the output. */
const char *ddc_untranslated(const char *key, int process);

/* Keep s as a comment in x's profile, with a warning unless quiet. */
void xl_note(struct xl *x, const struct set *s, int quiet, const char *why);
/* Mark key translated and return it; *v gets its value, from the
 * environment for name_env= (a secret's *v stays the variable's name, for
 * password-env); NULL when unset or unreadable. */
struct set *xl_get(struct xl *x, const char *key, const char **v);
/* 1 if ddclient's key holds a secret: password, or porkbun's secretapikey. */
int ddc_secret_key(const char *key);
/* "key = v" in x's profile, or a comment and a warning when inih could not
 * read it back. */
void xl_put(struct xl *x, const struct set *s, const char *key, const char *v);

/* ddc_sources.c: ddclient's address source keys, read by ddc_put_sources. */
extern const char ddc_source_keys[];
/* ddclient's use/usev4/usev6 into x's usev4/usev6 and their sources. */
void ddc_put_sources(struct xl *x);

/* A ddclient protocol whose name or settings differ from nicupdate's. */
struct ddc_proto {
	const char *ddc;	/* ddclient's name */
	const char *ours;	/* nicupdate's protocol, or NULL: none */
	const char *lost;	/* settings ddclient sends that ours does not */
	const char *why;	/* why they are lost; with no ours, what to use */
	const char *warn;	/* a difference to tell of each host, or NULL */
};
/* ddc_protos.c: ddclient's protocol name's row, or NULL (the same name). */
const struct ddc_proto *ddc_proto_find(const char *name);

/* ddc_read.c: ddclient.conf text into d's globals and hosts. */
void ddc_read(struct ddc *d, const char *text);
/* ddc_translate.c: host h into a profile of d (a new one or an identical one). */
void ddc_translate_host(struct ddc *d, struct sets *h);
/* ddc_render.c: d's profiles as INI text, appended to o. */
void ddc_render(struct ddc *d, struct buf *o);

#endif
