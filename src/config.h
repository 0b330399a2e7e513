/*
 * The configuration: an INI file of profiles, read with inih, validated
 * whole before any network I/O. Every error names file:line and the key.
 */
#ifndef NICUPDATE_CONFIG_H
#define NICUPDATE_CONFIG_H

#include "addr.h"
#include "source.h"
#include "util.h"

struct proto;

struct source {
	enum use use;
	struct strlist web;	/* endpoint names or URLs */
	char *skip;		/* web-skip text, or NULL */
	char *ifname, *cmd, *ip;
	char *bind;		/* webv4-interface: web and dns: detection's, or NULL */
};

/* A provider key's value in a profile (see struct pkey in proto.h). */
struct popt {
	char *key, *value;
	int line;		/* where it was set */
	int inherited;		/* from [global] */
};

/* One account at one provider, updating one or more hosts. */
struct profile {
	char *name;
	char *file;			/* where it was defined, for messages */
	int line;
	const struct proto *proto;
	char *server, *script;
	int ssl;
	char *login, *password;
	int password_line;		/* where the password was set, or 0 */
	struct strlist hosts;
	struct source src[FAM_N];
	int allow_private;
	int optional[FAM_N];		/* no address of this family is no failure */
	int insecure_http;		/* secrets may go over http:// (not loopback) */
	struct popt *opt;		/* the provider's own keys (zone, url...) */
	size_t nopt;
	long min_interval, max_interval, min_error_interval;
	long timeout, attempts, retry_interval;
	char *ssl_ca_file, *ssl_ca_dir, *proxy, *postscript;
	int postscript_on;		/* PS_ON_* bits: when the postscript runs */
	char *interface;		/* bind to this interface name or source address */
	int verify;			/* verify = doh */
	struct strlist doh;		/* DoH resolvers (empty: the defaults) */
	struct strlist v6_suffix;	/* ipv6-suffix items (ipv6.h) */
	int v6_prefix_len;		/* ipv6-prefix-length */
	int v6_temporary;		/* ifv6-address = temporary */
};

/* postscript-on: the events that run a profile's postscript. */
enum { PS_ON_CHANGE = 1, PS_ON_FAILURE = 2 };
/* healthcheck-style: how the healthcheck URL is pinged. */
enum { HC_HEALTHCHECKS, HC_UPTIME_KUMA };

struct config {
	char *path;
	char *cache;		/* state file */
	char *healthcheck;	/* ping URL, or NULL (nicupdate.conf(5), Monitoring) */
	int healthcheck_style;	/* HC_* */
	char *webhook;		/* JSON POST URL, or NULL */
	struct profile global;	/* [global] as read: timeout, TLS and proxy of the hooks */
	struct profile *prof;
	size_t nprof;
	const char **names;	/* profile names, sorted */
	struct strlist secrets;	/* what the logger must mask (secret.c) */
};

/*
 * Read and validate path. 0, or -1 after reporting every problem found as
 * "file:line: ..." on stderr.
 */
int config_load(struct config *c, const char *path);
/* Commands that send nothing: a secret that cannot be had is a warning. */
#define CONFIG_NO_SECRETS 1
/* Say a ddclient.conf's migration notices as warnings (--check-config);
 * otherwise only with -v, so cron does not mail them on every run. */
#define CONFIG_MIGRATION_NOTICES 2
/* config_load() with CONFIG_NO_SECRETS or 0. */
int config_load_opts(struct config *c, const char *path, int flags);
/* Same, from a string (tests); name is used in messages. */
int config_load_string(struct config *c, const char *name, const char *text);
void config_free(struct config *c);
/* 1 if h can be a name in hosts (nicupdate.conf(5), hosts). */
int valid_hostname(const char *h);
/* Is there a profile of that name in the config (a struct config)? 1 / 0 */
int config_has_profile(const char *name, const void *config);

/* Profiles (profile.c). */
/* The value of provider key key, or NULL when unset. */
const char *profile_opt(const struct profile *p, const char *key);
/* A boolean provider key (validated at load); 0 when unset. */
int profile_flag(const struct profile *p, const char *key);
/* Set provider key key (replacing an earlier value). */
void profile_set_opt(struct profile *p, const char *key, const char *value, int line,
    int inherited);
/* Is the password wrapped in quotes ('x' or "x"), as copied from a
 * ddclient.conf? Values are taken as written, so the quotes are sent. 1 / 0 */
int profile_password_quoted(const struct profile *p);
/* Warn at level (log.h) about a quoted password, at the line that set it. */
void profile_warn_quoted(const struct profile *p, int level);
void profile_copy(struct profile *dst, const struct profile *src);
void profile_free(struct profile *p);

/* Secrets (secret.c). */
/* Add what in p is secret (nicupdate.1) to dst, each once. */
void secret_collect(struct strlist *dst, const struct profile *p);
/* The base64 encoding of n bytes of s; caller frees. */
char *secret_base64(const char *s, size_t n);

/* Print the normalized configuration, secrets masked. */
void config_print(const struct config *c);

/* The default state file path for this user. */
char *config_default_cache(void);

#endif
